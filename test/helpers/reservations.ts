/** Shared inputs of the reservation plan's tests (test/capacity.reservationPlan and test/capacity.reservationModel), and the model of AWS and Pulumi the second runs. */
import type { CapacityPlanInput, Fixture } from "../../stacks/capacity/fixtures";
import { DEFAULT_TRAFFIC, LoadBalancerTraffic } from "../../stacks/capacity/loadBalancerCapacity";
import { planReservations, ReservationOptions, ReservationPlan, ReservationSchedule } from "../../stacks/capacity/reservationPlan";
import { planCapacitySchedule } from "../../stacks/capacity/schedule";

/**
 * The traffic model of the hand-worked sizes: one API request per viewer a minute, of
 * 20 KB, each on a new connection, one connection per viewer, one rule (free), no video
 * through the load balancer.
 */
export const HAND_TRAFFIC: LoadBalancerTraffic = {
    requestsPerViewerPerMinute: 1,
    kilobytesPerRequest: DEFAULT_TRAFFIC.kilobytesPerRequest,
    newConnectionsPerRequest: DEFAULT_TRAFFIC.newConnectionsPerRequest,
    activeConnectionsPerViewer: DEFAULT_TRAFFIC.activeConnectionsPerViewer,
    rulesPerRequest: 1,
    videoKbpsThroughLoadBalancer: 0,
};

/** Both parts on: the load balancer reserved 2 h before the pre-warm, instances 3 h before. */
export const BOTH: ReservationOptions = { loadBalancer: { leadHours: 2, traffic: HAND_TRAFFIC }, instances: { leadHours: 3 } };

/** The reservation plan a deploy at `now` makes, with the schedule planned at the same `now`, notes in UTC. */
export function reservationsAt(plan: CapacityPlanInput, now: Date, options: ReservationOptions = BOTH, stack = "matchday"): ReservationPlan {
    return planReservations({ plan, schedule: planCapacitySchedule(plan, now, { displayTimeZone: "UTC" }), options, now, displayTimeZone: "UTC", stack });
}

/** A fixture with a UTC kickoff. */
export function fixture(name: string, kickoffUtc: string, expectedPeakViewers: number, surgeFactor?: number): Fixture {
    return surgeFactor === undefined ? { name, kickoff: kickoffUtc, expectedPeakViewers } : { name, kickoff: kickoffUtc, expectedPeakViewers, surgeFactor };
}

/** A small deterministic PRNG (mulberry32), for property checks that must fail the same way every run. */
export function seededRandom(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** A schedule's name without its `-<YYYYMMDDhhmm>-<6 hex>` suffix (scheduleSuffix in reservationPlan.ts): `lcu-request-small-night`. */
export function baseName(name: string): string {
    return name.replace(/-\d{12}-[0-9a-f]{6}$/, "");
}

/**
 * A model of what AWS and Pulumi do with the reservation plan's one-time schedules across
 * deploys, for "a deploy at any time leaves the match reserved, and nothing standing
 * after it". Three things are kept apart, as in test/helpers/autoScalingModel.ts:
 *
 * - EventBridge Scheduler: one-time schedules fire at their `at` (up to `lateMinutes`
 *   late); one created when its time had already passed (or at it) never fires.
 * - Pulumi's state, by schedule NAME, with the component's `ignoreChanges` on the time,
 *   description and target: a declared name already in the state keeps the `at` and the
 *   call it was created with (whatever this deploy declares for it); a new name is
 *   created with the declared `at`; a name in the state no longer declared is deleted
 *   (if it had not fired yet, its call never happens). A deploy takes time: what it
 *   declares is computed at its `now`, and the creates and deletes land
 *   `deployMinutes` later (schedules due in between fire first).
 * - What the calls do:
 *   - the load balancer's LCU reservation: none -> pending -> provisioned (or failed)
 *     `provisionMinutes` after a request; a reset takes it back to none. A request or a
 *     reset while a request is pending fails (CapacityReservationPending: "the previous
 *     request must be provisioned or failed"); a request for the units already
 *     provisioned changes nothing. A reset of a reservation, or a request for fewer
 *     units, is a decrease.
 *   - EC2 CreateCapacityReservation with a ClientToken: a token already used returns the
 *     reservation it made (nothing new); otherwise a new reservation, active until its
 *     EndDate (+ up to an hour; the model ends it at the EndDate). With
 *     `insufficientCapacity` set, a create fails (InsufficientInstanceCapacity) and makes
 *     nothing, and its token stays unused.
 */

const MINUTE = 60_000;

interface SchedulerEntry {
    /** The call as created (later declarations of the same name are ignored). */
    spec: ReservationSchedule;
    atMs: number;
    /** When the deploy created it: a schedule created at or after its time never fires. */
    createdAt: number;
    fired: boolean;
}

/** One instance reservation EC2 made. */
export interface ModelOdcr {
    schedule: string;
    zoneIndex: number;
    count: number;
    createdAt: number;
    endAt: number;
    token: string;
}

export interface WorldOptions {
    /** Minutes after its `at` a schedule fires (Scheduler invokes within the minute). */
    lateMinutes: number;
    /** Minutes an LCU request stays pending. */
    provisionMinutes: number;
    /** Minutes from a deploy's `now` until its creates and deletes land. Default 0. */
    deployMinutes?: number;
    /** Every ODCR create fails with InsufficientInstanceCapacity while set. */
    insufficientCapacity?: boolean;
}

export class ReservationWorld {
    /** Pulumi's state and Scheduler's schedules, one per name (deleted names removed). */
    readonly scheduler = new Map<string, SchedulerEntry>();
    clock: number;

    /** The LCU reservation: units requested (pending or provisioned), and until when pending. */
    lcuUnits = 0;
    lcuPendingUntil = Number.NEGATIVE_INFINITY;
    /** Every change of the requested units: [time, units]. */
    readonly lcuHistory: [number, number][] = [];
    /** When each decrease happened. */
    readonly decreases: number[] = [];
    readonly odcrs: ModelOdcr[] = [];
    private readonly tokens = new Map<string, ModelOdcr>();
    /** Calls AWS refused: "<time> <name>: <error>". */
    readonly failures: string[] = [];
    /** Every call made: "<time> <name>". */
    readonly calls: string[] = [];
    /** Every schedule a deploy deleted before it fired: "<time> <name>". */
    readonly deletedUnfired: string[] = [];

    constructor(start: number, readonly options: WorldOptions) {
        this.clock = start;
    }

    /** Runs the clock to `to`: every schedule due by then fires, in order. */
    advance(to: number): void {
        const late = this.options.lateMinutes * MINUTE;
        for (;;) {
            let next: [string, SchedulerEntry] | undefined;
            for (const e of this.scheduler.entries()) {
                const [, s] = e;
                if (s.fired || s.atMs <= s.createdAt) continue;
                if (s.atMs + late > to) continue;
                if (next === undefined || s.atMs < next[1].atMs) next = e;
            }
            if (next === undefined) break;
            const [name, s] = next;
            s.fired = true;
            this.fire(name, s.spec, s.atMs + late);
        }
        this.clock = Math.max(this.clock, to);
    }

    /**
     * A `pulumi up` starting at the clock, declaring `declared` (computed at the clock):
     * the time runs on `deployMinutes`, then names new to the state are created and names
     * no longer declared deleted.
     */
    deploy(declared: readonly ReservationSchedule[]): void {
        this.advance(this.clock + (this.options.deployMinutes ?? 0) * MINUTE);
        const applied = this.clock;
        const names = new Set<string>();
        for (const spec of declared) {
            names.add(spec.name);
            if (this.scheduler.has(spec.name)) continue;
            this.scheduler.set(spec.name, { spec, atMs: Date.parse(`${spec.at}Z`), createdAt: applied, fired: false });
        }
        for (const [name, s] of [...this.scheduler.entries()]) {
            if (names.has(name)) continue;
            if (!s.fired && s.atMs > s.createdAt) this.deletedUnfired.push(`${new Date(applied).toISOString()} ${name}`);
            this.scheduler.delete(name);
        }
    }

    /** Schedules created too late to fire (at or after their time): their names. */
    neverFiring(): string[] {
        return [...this.scheduler.entries()].filter(([, s]) => s.atMs <= s.createdAt).map(([name]) => name);
    }

    /** The LCU units requested (pending or provisioned) at `t`. */
    lcuAt(t: number): number {
        let units = 0;
        for (const [at, u] of this.lcuHistory) if (at <= t) units = u;
        return units;
    }

    /** Instances reserved in `zoneIndex` at `t`. */
    reservedAt(zoneIndex: number, t: number): number {
        return this.odcrs.filter((o) => o.zoneIndex === zoneIndex && o.createdAt <= t && t < o.endAt).reduce((sum, o) => sum + o.count, 0);
    }

    /** Instance reservations in `zoneIndex` whose time overlaps `[from, to)`. */
    odcrsOverlapping(zoneIndex: number, from: number, to: number): ModelOdcr[] {
        return this.odcrs.filter((o) => o.zoneIndex === zoneIndex && o.createdAt < to && o.endAt > from);
    }

    private fire(name: string, spec: ReservationSchedule, t: number): void {
        this.calls.push(`${new Date(t).toISOString()} ${name}`);
        const refuse = (error: string): void => {
            this.failures.push(`${new Date(t).toISOString()} ${name}: ${error}`);
        };
        if (spec.kind === "odcr-create") {
            if (this.options.insufficientCapacity) return refuse("InsufficientInstanceCapacity");
            if (this.tokens.has(spec.clientToken)) return;
            const o: ModelOdcr = { schedule: name, zoneIndex: spec.zoneIndex, count: spec.instanceCount, createdAt: t, endAt: Date.parse(spec.endDate), token: spec.clientToken };
            this.odcrs.push(o);
            this.tokens.set(spec.clientToken, o);
            return;
        }
        if (t < this.lcuPendingUntil) return refuse("CapacityReservationPending");
        if (spec.kind === "lcu-reset") {
            if (this.lcuUnits === 0) return;
            this.decreases.push(t);
            this.setUnits(t, 0);
            return;
        }
        if (spec.capacityUnits === this.lcuUnits) return;
        if (spec.capacityUnits < this.lcuUnits) this.decreases.push(t);
        this.setUnits(t, spec.capacityUnits);
        this.lcuPendingUntil = t + this.options.provisionMinutes * MINUTE;
    }

    private setUnits(t: number, units: number): void {
        this.lcuUnits = units;
        this.lcuHistory.push([t, units]);
    }
}
