/**
 * The capacity reserved under the fleet for each match: the load balancer's capacity
 * units per match day, and On-Demand Capacity Reservations per zone per window, and the
 * one-time EventBridge Scheduler schedules a deploy at `now` declares for them. Pure:
 * the plan, the schedule and the deploy's clock in, the reservations and schedules out.
 *
 * Facts this module is built on (read 2026-12-07):
 * - ALB LCU reservations (docs.aws.amazon.com/elasticloadbalancing/latest/application/
 *   request-capacity-unit-reservation.html): "Most requests are typically fulfilled within
 *   a few minutes, but can take up to a few hours"; "To update an existing reservation,
 *   the previous request must be provisioned or failed"; "you can only decrease the
 *   reserved capacity two times per day". A reset (ResetCapacityReservation) lowers the
 *   reservation, so it is a decrease; a request from nothing is an increase. The pages
 *   name no minimum number of units (their CLI example asks for 100, an example only),
 *   so units are not rounded up to one.
 * - EC2 CreateCapacityReservation: a ClientToken makes the call idempotent (the same
 *   token with the same parameters returns the reservation already made); a limited
 *   reservation ends within an hour after its EndDate.
 * - EventBridge Scheduler: names are 1 to 64 characters of `[0-9a-zA-Z-_.]`, unique in
 *   their group; a one-time `at()` schedule runs once at its time (within the minute); one
 *   created with a time already past never runs.
 */
import type { CapacityPlanInput } from "./planInput";
import { actionNameStem, stableHash } from "./actionNames";
import { formatInstant, formatUtcMinute } from "./displayTime";
import { lcuDemand, reservedCapacityUnits } from "./loadBalancerCapacity";
import type { LcuDemand, LoadBalancerTraffic } from "./loadBalancerCapacity";
import { askedPeaks } from "./onPremise";
import { CapacitySchedule, MatchWindow, planCapacitySchedule } from "./schedule";

/** What the stack asks to reserve. Each part is off when undefined. */
export interface ReservationOptions {
    /** Reserve the load balancer's capacity for each match day. */
    loadBalancer?: {
        /** Hours before the day's first pre-warm the reservation is requested (AWS may take hours to provision). */
        leadHours: number;
        /** What a viewer sends through the load balancer. */
        traffic: LoadBalancerTraffic;
    };
    /** Reserve instance capacity (On-Demand Capacity Reservations) for each window. */
    instances?: {
        /** Hours before the window's pre-warm the reservations are created. */
        leadHours: number;
        /** The instance type reserved: part of each schedule's name, so a new type is a new reservation. Default: not in the name. */
        instanceType?: string;
    };
}

/** One load balancer reservation: a match day (windows whose reservations would overlap, or would decrease more than twice a day, share one). */
export interface LoadBalancerReservation {
    /** Stable name stem, after the day's first fixture, e.g. `lcu-ucl-final`. */
    name: string;
    /** Fixtures of the day's windows, in kickoff order. */
    fixtures: string[];
    /** When the reservation is requested: the day's first pre-warm minus the lead. */
    requestAt: Date;
    /** When it is reset: the day's last release. */
    resetAt: Date;
    /** The busiest planned audience of the day (concurrent fixtures added, each at its planning surge). */
    plannedViewers: number;
    /** The load balancer's demand at {@link plannedViewers} (no headroom). */
    demand: LcuDemand;
    /** Whole capacity units requested: the demand with the plan's headroom, rounded up. */
    capacityUnits: number;
}

/** One window's instance reservations: the same count in each zone. */
export interface InstanceReservation {
    /** Stable name stem, after the window's first fixture, e.g. `odcr-ucl-final`. */
    name: string;
    fixtures: string[];
    /** When the reservations are created: the window's pre-warm minus the lead. */
    createAt: Date;
    /** Their end date: the window's release (AWS ends a reservation within an hour after its end date). */
    endAt: Date;
    /** Instances reserved in each zone: the window's highest floor spread evenly over the zones, rounded up. */
    perZone: number;
    /** Zones (the stack's availabilityZoneCount). */
    zones: number;
}

/** One one-time schedule the component declares: what it calls, when. */
export type ReservationSchedule =
    | { kind: "lcu-request"; name: string; at: string; capacityUnits: number; reason: string }
    | { kind: "lcu-reset"; name: string; at: string; reason: string }
    | {
        kind: "odcr-create";
        name: string;
        at: string;
        /** Index into the stack's zones (the component maps it to the zone's name). */
        zoneIndex: number;
        instanceCount: number;
        /** UTC `YYYY-MM-DDThh:mm:ssZ`. */
        endDate: string;
        /** Same on every deploy for the same reservation, so a repeated call creates nothing new (EC2 idempotency); at most 64 ASCII characters. */
        clientToken: string;
        reason: string;
    };

export interface ReservationPlan {
    loadBalancer: LoadBalancerReservation[];
    instances: InstanceReservation[];
    /** What a deploy at `now` declares, in time order. `at` is UTC `YYYY-MM-DDThh:mm:ss` (the `at()` expression, zone UTC). */
    schedules: ReservationSchedule[];
    /** One line per decision (merged days, late requests, schedules caught up, past reservations left out). */
    notes: string[];
}

/** The plan with nothing reserved. */
export const NO_RESERVATIONS: ReservationPlan = { loadBalancer: [], instances: [], schedules: [], notes: [] };

/** EventBridge Scheduler's limit on a schedule name (1 to 64 characters of `[0-9a-zA-Z-_.]`). */
export const SCHEDULE_NAME_MAX_LENGTH = 64;

/** EC2's limit on a ClientToken (ASCII). */
export const CLIENT_TOKEN_MAX_LENGTH = 64;

/** Decreases of an LCU reservation AWS allows per day; enforced over any rolling 24 hours. */
export const MAX_DECREASES_PER_DAY = 2;

/**
 * Minutes after the next whole minute at which a late deploy's catch-up call runs: room
 * for `pulumi up` to reach the schedule (after its refresh) before that time. A one-time
 * schedule whose time has passed when it is created never runs, and AWS may refuse it.
 */
export const CATCH_UP_MINUTES = 5;

/**
 * Minutes a reservation stays declared after its end (reset or EndDate). Scheduler may
 * invoke a schedule up to a minute after its time; a deploy that stopped declaring the
 * reset at its very time would delete it before it ran and leave the reservation standing.
 */
export const END_GRACE_MINUTES = 5;

/**
 * The shortest hold an LCU catch-up still requests: a catch-up closer than this to the
 * reset is not made. AWS provisions a request "within a few minutes, but can take up to a
 * few hours", and a reset while a request is pending fails ("the previous request must be
 * provisioned or failed"), which would leave the reservation standing and billed.
 */
export const CATCH_UP_MIN_HOLD_MINUTES = 240;

/** The shortest hold an instance reservation's catch-up still creates (AWS ends it by its end date: no reset to fail). */
export const ODCR_CATCH_UP_MIN_HOLD_MINUTES = 60;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** What {@link planReservations} takes. */
export interface ReservationInput {
    plan: CapacityPlanInput;
    /** The capacity schedule at `now` (its windows cover fixtures the reference plan deferred). */
    schedule: CapacitySchedule;
    options: ReservationOptions;
    /** The deploy's clock. */
    now: Date;
    /** IANA zone the notes show times in, next to UTC. */
    displayTimeZone: string;
    /** The stack's name: part of every ClientToken, so two stacks never share a reservation. */
    stack: string;
}

/**
 * Longest stem of a schedule name: room for the longest prefix, `lcu-request-`, and the
 * suffix `-<YYYYMMDDhhmm>-<6 hex>` ({@link scheduleSuffix}).
 */
const MAX_STEM_LENGTH = SCHEDULE_NAME_MAX_LENGTH - "lcu-request-".length - "-202705291450-abcdef".length;

/**
 * The end of every schedule's name: its planned time (UTC, to the minute) and a hash of
 * everything the call does. A schedule is created once and never changed (the component
 * ignores later changes of its time, description and target: a one-time schedule updated
 * after it ran would need a time in the past), so whatever the plan changes about a call
 * (its time, units, count, end date) gives it a new name: the old schedule is deleted
 * (it ran, or it must not run) and the new one created. A catch-up keeps the planned
 * time's name, so a second late deploy changes nothing and calls nothing again.
 */
export function scheduleSuffix(plannedMs: number, parameters: readonly (string | number)[]): string {
    const stamp = new Date(plannedMs).toISOString().slice(0, 16).replace(/[-:T]/g, "");
    return `${stamp}-${stableHash([plannedMs, ...parameters].join("\n")).slice(0, 6)}`;
}

/**
 * The part of a reservation's schedule names its first fixture gives: the fixture's
 * {@link actionNameStem}, cut to fit `lcu-request-<stem>` in
 * {@link SCHEDULE_NAME_MAX_LENGTH} characters and then ending in the hash of the fixture's
 * name. The same fixture always gives the same stem.
 */
export function reservationStem(fixtureName: string): string {
    const stem = actionNameStem(fixtureName);
    if (stem.length <= MAX_STEM_LENGTH) return stem;
    const suffix = `-${stableHash(fixtureName)}`;
    // Stryker disable next-line Regex: equivalent; actionNameStem never leaves two dashes in a row, so a cut stem ends in at most one and /-$/ drops the same
    return stem.slice(0, MAX_STEM_LENGTH - suffix.length).replace(/-+$/, "") + suffix;
}

/**
 * The ClientToken of one zone's instance reservation: the schedule's name, then a hash of
 * the stack, the name and the planned creation time. The same on every deploy of the
 * same reservation (a catch-up too), so a repeated create returns the reservation the
 * first one made; a reservation planned for another time gets another token.
 */
export function odcrClientToken(stack: string, scheduleName: string, plannedCreateAt: Date): string {
    const key = `${stack}\n${scheduleName}\n${plannedCreateAt.toISOString()}`;
    const hash = stableHash(key) + stableHash(`${key}\n2`);
    return `${scheduleName.slice(0, CLIENT_TOKEN_MAX_LENGTH - hash.length - 1)}-${hash}`;
}

/** A reservation's span before it is written out: its windows, from, to, and why windows share it. */
interface Span {
    windows: MatchWindow[];
    /** Planned viewers of each window, in the order of {@link windows}. */
    viewers: number[];
    from: number;
    to: number;
    /** Why later windows joined, one line each. */
    merges: string[];
}

/**
 * What a deploy at `now` reserves and declares. Each part is off when its option is undefined.
 *
 * - **Windows.** Reservations are planned over every window of the plan, past ones too
 *   (a reference schedule planned before the first fixture), so a deploy after a window
 *   plans the later ones exactly as a deploy before it did: pruning a past fixture never
 *   splits a match day, and a reset already made still counts against the two a day.
 *   Windows the reference deferred come from `schedule`. A window's planned audience is
 *   its largest {@link askedPeaks} (expected peaks x planning surge, concurrent fixtures added).
 * - **Load balancer.** Per window, request at `preWarmAt - leadHours`, reset at
 *   `releaseAt`, `reservedCapacityUnits(viewers, traffic, headroomPercent)`. Windows whose
 *   spans overlap or touch share one reservation (a match day). A reservation holds one
 *   level from request to reset (the largest of its windows), so its only decrease is its
 *   reset; when a reset would be the third within 24 hours, that reservation joins the
 *   one before it. So no 24 hours hold more than {@link MAX_DECREASES_PER_DAY} resets.
 * - **Instances.** Per window, `ceil(minSize / zones)` in each zone, created at
 *   `preWarmAt - leadHours`, EndDate `releaseAt`; overlapping or touching windows share
 *   one reservation per zone at the largest count (a created reservation is never
 *   modified: a later schedule never learns its ID).
 * - **Names.** `lcu-request-<stem>`, `lcu-reset-<stem>`, `odcr-<stem>-z<i>` after the first
 *   fixture of the reservation ({@link reservationStem}).
 * - **At `now`.** A schedule still ahead is declared at its planned time. A reservation
 *   that ended more than {@link END_GRACE_MINUTES} ago is left out (its schedules ran). A
 *   request or create whose time has passed while the end is ahead is a late deploy:
 *   declared as a catch-up at the next whole minute + {@link CATCH_UP_MINUTES} (a schedule
 *   created in the past never runs), with the same units and the same ClientToken, unless
 *   the end is less than {@link CATCH_UP_MIN_HOLD_MINUTES} after it (then at its planned
 *   time: no new call). Every late, caught-up or left-out reservation gets a note.
 *
 * `loadBalancer` and `instances` list every reservation of the plan, ended ones too;
 * `schedules` only those of reservations not left out, in time order (then by name),
 * `at` UTC `YYYY-MM-DDThh:mm:ss`. Notes show times in UTC and `displayTimeZone`;
 * reasons (sent to AWS with the schedules) in UTC.
 */
export function planReservations(input: ReservationInput): ReservationPlan {
    const { plan, options, displayTimeZone: zone, stack } = input;
    if (options.loadBalancer === undefined && options.instances === undefined) return { loadBalancer: [], instances: [], schedules: [], notes: [] };
    const nowMs = input.now.getTime();
    // The same instants recur in many reasons and notes; formatting one builds Intl formatters.
    const formatted = new Map<number, string>();
    const at = (ms: number) => {
        let text = formatted.get(ms);
        // Stryker disable next-line ConditionalExpression: equivalent; formatting every time gives the same text, the map only saves work
        if (text === undefined) formatted.set(ms, (text = formatInstant(new Date(ms), zone)));
        return text;
    };
    // Reasons go to AWS with the schedules: UTC, what AWS shows next to them.
    const utc = (ms: number) => formatUtcMinute(new Date(ms));
    const notes: string[] = [];
    const schedules: ReservationSchedule[] = [];
    const windows = reservationWindows(plan, input.schedule);
    const peaks = askedPeaks(plan, windows);
    const viewersOf = new Map(windows.map((w) => [w, Math.max(0, ...peaks.filter((p) => p.window === w.fixtures.join(" + ")).map((p) => p.peakViewers))]));
    // The next whole minute (now itself when it is one), plus the catch-up delay.
    const catchUpMs = Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS + CATCH_UP_MINUTES * MINUTE_MS;

    const loadBalancer: LoadBalancerReservation[] = [];
    if (options.loadBalancer !== undefined) {
        const { leadHours, traffic } = options.loadBalancer;
        const unitsOf = (viewers: number) => reservedCapacityUnits(viewers, traffic, plan.headroomPercent, plan.availabilityZoneCount);
        const spans = mergeTouching(windows, viewersOf, leadHours, (span, w) =>
            `"${w.fixtures[0]}" joins "${span.windows[0].fixtures[0]}"'s reservation: their spans (request ${leadHours} h before the pre-warm to the release) overlap or touch`);
        const days = limitDecreases(spans, at);
        for (const span of days) {
            const viewers = Math.max(...span.viewers);
            const stem = reservationStem(span.windows[0].fixtures[0]);
            const r: LoadBalancerReservation = {
                name: `lcu-${stem}`,
                fixtures: span.windows.flatMap((w) => w.fixtures),
                requestAt: new Date(span.from),
                resetAt: new Date(span.to),
                plannedViewers: viewers,
                demand: lcuDemand(viewers, traffic),
                capacityUnits: unitsOf(viewers),
            };
            loadBalancer.push(r);
            const who = quoteList(r.fixtures);
            if (span.to + END_GRACE_MINUTES * MINUTE_MS <= nowMs) {
                notes.push(`LCU reservation ${r.name} for ${who} ended at ${at(span.to)}, before this deploy (${at(nowMs)}): left out`);
                continue;
            }
            if (span.windows.length > 1) {
                const alone = span.windows.map((w, i) => `"${w.fixtures.join(" + ")}" alone ${unitsOf(span.viewers[i])}`).join(", ");
                notes.push(`one LCU reservation ${r.name} for ${who}: held from ${at(span.from)} to ${at(span.to)} at ${r.capacityUnits} LCU (${alone}); ${span.merges.join("; ")}`);
            }
            const firstPreWarm = span.windows[0].preWarmAt.getTime();
            let requestMs: number | undefined = span.from;
            let reason = `reserve ${r.capacityUnits} LCU for ${who} (${viewers} planned viewers, ${r.demand.dominant} dominant, ${plan.headroomPercent} % headroom, N+1 zones) ${leadHours} h before the pre-warm at ${utc(firstPreWarm)}, until the reset at ${utc(span.to)}`;
            // Late: the planned time is past, or too close for pulumi up to create the schedule before it.
            if (span.from <= catchUpMs) {
                if (span.to - catchUpMs >= CATCH_UP_MIN_HOLD_MINUTES * MINUTE_MS) {
                    requestMs = catchUpMs;
                    reason = `catch-up: ${reason}; the planned request at ${utc(span.from)} was too close to or before the deploy`;
                    if (span.from <= nowMs) {
                        notes.push(
                            `late LCU request ${r.name}: planned at ${at(span.from)}, before this deploy (${at(nowMs)}); a schedule that does not exist yet is created for ${at(catchUpMs)}, ` +
                            `${leadText(firstPreWarm - catchUpMs)} the pre-warm at ${at(firstPreWarm)} instead of ${leadHours} h: AWS may take hours to provision. ` +
                            `One that exists keeps its time and is not called again. It asks for the same ${r.capacityUnits} LCU (if a standing reservation had more units, this request is a decrease and counts against the ${MAX_DECREASES_PER_DAY} a day)`,
                        );
                    }
                } else {
                    requestMs = undefined;
                    notes.push(
                        `LCU request ${r.name} planned at ${at(span.from)} is past and its reset at ${at(span.to)} is less than ${CATCH_UP_MIN_HOLD_MINUTES / 60} h after a catch-up: ` +
                        `not requested now (AWS may take hours to provision, and a request still pending at the reset makes the reset fail)`,
                    );
                }
            }
            if (requestMs !== undefined) {
                schedules.push({ kind: "lcu-request", name: `lcu-request-${stem}-${scheduleSuffix(span.from, ["request", r.capacityUnits])}`, at: schedulerAt(requestMs), capacityUnits: r.capacityUnits, reason });
            }
            schedules.push({
                kind: "lcu-reset",
                name: `lcu-reset-${stem}-${scheduleSuffix(span.to, ["reset"])}`,
                // A reset not yet created whose time is close or just past (within the grace) runs at the catch-up.
                at: schedulerAt(span.to <= catchUpMs ? catchUpMs : span.to),
                reason: `reset the LCU reservation of ${who} after the release at ${utc(span.to)} (a decrease: AWS allows ${MAX_DECREASES_PER_DAY} a day)`,
            });
        }
    }

    const instances: InstanceReservation[] = [];
    if (options.instances !== undefined) {
        const { leadHours } = options.instances;
        const zones = plan.availabilityZoneCount;
        const perZoneOf = (w: MatchWindow) => Math.ceil(w.minSize / zones);
        const spans = mergeTouching(windows, viewersOf, leadHours, (span, w) =>
            `"${w.fixtures[0]}" joins "${span.windows[0].fixtures[0]}"'s instance reservations: their spans (create ${leadHours} h before the pre-warm to the release) overlap or touch, and a reservation once created is never changed`);
        for (const span of spans) {
            const stem = reservationStem(span.windows[0].fixtures[0]);
            const r: InstanceReservation = {
                name: `odcr-${stem}`,
                fixtures: span.windows.flatMap((w) => w.fixtures),
                createAt: new Date(span.from),
                endAt: new Date(span.to),
                perZone: Math.max(...span.windows.map(perZoneOf)),
                zones,
            };
            instances.push(r);
            const who = quoteList(r.fixtures);
            if (span.to + END_GRACE_MINUTES * MINUTE_MS <= nowMs) {
                notes.push(`instance reservation ${r.name} for ${who} ended at ${at(span.to)}, before this deploy (${at(nowMs)}): left out`);
                continue;
            }
            if (span.windows.length > 1) {
                const alone = span.windows.map((w) => `"${w.fixtures.join(" + ")}" alone ${perZoneOf(w)}`).join(", ");
                notes.push(`one instance reservation ${r.name} for ${who}: ${r.perZone} per zone from ${at(span.from)} to ${at(span.to)} (${alone}); ${span.merges.join("; ")}`);
            }
            const firstPreWarm = span.windows[0].preWarmAt.getTime();
            let createMs = span.from;
            let late = "";
            if (span.from <= catchUpMs) {
                if (span.to - catchUpMs >= ODCR_CATCH_UP_MIN_HOLD_MINUTES * MINUTE_MS) {
                    createMs = catchUpMs;
                    late = `catch-up (planned at ${utc(span.from)}, too close to or before the deploy): `;
                    if (span.from <= nowMs) {
                        notes.push(
                            `late instance reservation ${r.name}: planned at ${at(span.from)}, before this deploy (${at(nowMs)}); a schedule that does not exist yet is created for ${at(catchUpMs)}, ` +
                            `${leadText(firstPreWarm - catchUpMs)} the pre-warm at ${at(firstPreWarm)} instead of ${leadHours} h; one that exists keeps its time and is not called again. ` +
                            `Same ClientToken as planned, so a create that already ran makes nothing new; a reservation whose count, times or type this config changed is another one ` +
                            `(AWS keeps one created before until its end date: cancel it with aws ec2 cancel-capacity-reservation)`,
                        );
                    }
                } else {
                    notes.push(
                        `instance reservation ${r.name} planned at ${at(span.from)} is past and its end at ${at(span.to)} is less than ${ODCR_CATCH_UP_MIN_HOLD_MINUTES} minutes after a catch-up: not created now`,
                    );
                    continue;
                }
            }
            for (let z = 0; z < zones; z++) {
                const name = `odcr-${stem}-z${z}-${scheduleSuffix(span.from, ["odcr", z, r.perZone, span.to, options.instances.instanceType ?? ""])}`;
                schedules.push({
                    kind: "odcr-create",
                    name,
                    at: schedulerAt(createMs),
                    zoneIndex: z,
                    instanceCount: r.perZone,
                    endDate: `${schedulerAt(span.to)}Z`,
                    clientToken: odcrClientToken(stack, name, r.createAt),
                    reason: `${late}reserve ${r.perZone} instances in zone ${z} for ${who} (window floor ${Math.max(...span.windows.map((w) => w.minSize))} over ${zones} zones) until ${utc(span.to)}`,
                });
            }
        }
    }

    schedules.sort((a, b) => compareText(a.at, b.at) || compareText(a.name, b.name));
    return { loadBalancer, instances, schedules, notes };
}

/**
 * Every window reservations are planned over, in time order: the windows of a reference
 * schedule planned before any fixture (so none is pruned as past), then the windows of
 * `schedule` none of whose fixtures the reference holds (windows it deferred).
 */
function reservationWindows(plan: CapacityPlanInput, schedule: CapacitySchedule): MatchWindow[] {
    const reference = planCapacitySchedule(plan, new Date(0)).windows;
    const held = new Set(reference.flatMap((w) => w.fixtures));
    const later = schedule.windows.filter((w) => !w.fixtures.some((f) => held.has(f)));
    return [...reference, ...later].sort((a, b) => a.preWarmAt.getTime() - b.preWarmAt.getTime());
}

/** Windows whose spans `[preWarmAt - leadHours, releaseAt]` overlap or touch, as one span each. */
function mergeTouching(windows: readonly MatchWindow[], viewersOf: Map<MatchWindow, number>, leadHours: number, why: (span: Span, w: MatchWindow) => string): Span[] {
    const spans: Span[] = [];
    for (const w of windows) {
        const from = w.preWarmAt.getTime() - leadHours * HOUR_MS;
        const to = w.releaseAt.getTime();
        const last = spans[spans.length - 1];
        if (last !== undefined && from <= last.to) {
            last.merges.push(why(last, w));
            last.windows.push(w);
            last.viewers.push(viewersOf.get(w) ?? 0);
            last.to = Math.max(last.to, to);
        } else {
            spans.push({ windows: [w], viewers: [viewersOf.get(w) ?? 0], from, to, merges: [] });
        }
    }
    return spans;
}

/**
 * Joins a span to the one before it whenever its reset would be the third within 24
 * hours (resets at most 24 h apart count as one day). Joining moves the earlier span's
 * reset later, away from the resets before it, so one pass keeps every 24 hours to
 * {@link MAX_DECREASES_PER_DAY} resets.
 */
function limitDecreases(spans: readonly Span[], at: (ms: number) => string): Span[] {
    const out: Span[] = [];
    for (const s of spans) {
        out.push({ ...s, windows: [...s.windows], viewers: [...s.viewers], merges: [...s.merges] });
        while (out.length > MAX_DECREASES_PER_DAY) {
            const last = out[out.length - 1];
            const first = out[out.length - 1 - MAX_DECREASES_PER_DAY];
            if (last.to - first.to > DAY_MS) break;
            const prev = out[out.length - 2];
            prev.merges.push(
                `"${last.windows[0].fixtures[0]}" joins "${prev.windows[0].fixtures[0]}"'s reservation: resets at ${at(first.to)}, ${at(prev.to)} and ${at(last.to)} ` +
                `would be ${MAX_DECREASES_PER_DAY + 1} decreases within 24 h (AWS allows ${MAX_DECREASES_PER_DAY} a day), so the reservation is held through to the later reset`,
            );
            prev.windows.push(...last.windows);
            prev.viewers.push(...last.viewers);
            prev.merges.push(...last.merges);
            prev.to = Math.max(prev.to, last.to);
            out.pop();
        }
    }
    return out;
}

/** `2027-05-29T15:50:00`: the `at()` expression's time, UTC (the component sets the zone). */
function schedulerAt(ms: number): string {
    return new Date(ms).toISOString().slice(0, 19);
}

/** "95 minutes before" or "12 minutes after". */
function leadText(ms: number): string {
    const minutes = Math.round(ms / MINUTE_MS);
    return minutes >= 0 ? `${minutes} minutes before` : `${-minutes} minutes after`;
}

/** Code-unit order, independent of locale. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** `"A"` or `"A" and "B"` or `"A", "B" and "C"`. */
function quoteList(names: readonly string[]): string {
    const q = names.map((n) => `"${n}"`);
    return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}
