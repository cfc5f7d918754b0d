/**
 * "A deploy at any time leaves every match reserved, and nothing standing after it",
 * proved against a model of EventBridge Scheduler, Pulumi's state, the load balancer's
 * LCU reservation and EC2's capacity reservations (test/helpers/reservations.ts). Deploys
 * run every 10 minutes from 6 h before the first request to 2 h after the last reset,
 * alone and in pairs, and each run checks what AWS held at every window's pre-warm.
 *
 * The day: the matchday stack's sizing (pre-warm 70 minutes before kickoff, release at
 * kickoff + 195), the load balancer reserved 2 h before the pre-warm, instances 1 h
 * before, three matches on one day (kickoffs 06:00, 13:00, 20:00 UTC).
 */
import { expect } from "chai";
import { reservedCapacityUnits } from "../stacks/capacity/loadBalancerCapacity";
import { askedPeaks } from "../stacks/capacity/onPremise";
import { CATCH_UP_MINUTES, ReservationOptions, ReservationSchedule } from "../stacks/capacity/reservationPlan";
import { MatchWindow, planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";
import { fixture, HAND_TRAFFIC, reservationsAt, ReservationWorld, WorldOptions } from "./helpers/reservations";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LONG_BEFORE = new Date("2027-01-01T00:00:00Z");

const OPTIONS: ReservationOptions = { loadBalancer: { leadHours: 2, traffic: HAND_TRAFFIC }, instances: { leadHours: 1 } };
const PLAN = matchdayPlan([
    fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
    fixture("Afternoon", "2027-06-01T13:00:00Z", 150_000, 1.5),
    fixture("Evening", "2027-06-01T20:00:00Z", 200_000, 1.5),
]);
const WINDOWS: MatchWindow[] = planCapacitySchedule(PLAN, LONG_BEFORE).windows;
const ZONES = PLAN.availabilityZoneCount;

/** First request (02:50) - 6 h, to the last reset (23:15) + 2 h. */
const GRID_FROM = Date.parse("2027-05-31T20:50:00Z");
const GRID_TO = Date.parse("2027-06-02T01:15:00Z");
const END = GRID_TO + 3 * HOUR;

/** The plan's schedules at each deploy time, computed once. */
const declaredAt = (() => {
    const memo = new Map<number, ReservationSchedule[]>();
    return (t: number): ReservationSchedule[] => {
        let s = memo.get(t);
        if (s === undefined) {
            s = reservationsAt(PLAN, new Date(t), OPTIONS).schedules;
            memo.set(t, s);
        }
        return s;
    };
})();

/**
 * Deploy times: every `stepMinutes` over the grid, `offsetMs` past the minute; with
 * `instants`, also every planned schedule's own instant and 30 s after it (a deploy just
 * as a request, create or reset is due).
 */
function grid(offsetMs = 0, stepMinutes = 10, instants = false): number[] {
    const out = new Set<number>();
    for (let t = GRID_FROM; t <= GRID_TO; t += stepMinutes * MINUTE) out.add(t + offsetMs);
    if (instants) {
        for (const s of reservationsAt(PLAN, LONG_BEFORE, OPTIONS).schedules) {
            const at = Date.parse(`${s.at}Z`);
            out.add(at);
            out.add(at + 30_000);
        }
    }
    return [...out].sort((a, b) => a - b);
}

/** Deploys at `times` (in order), then time runs to the end. */
function run(times: number[], options: WorldOptions): ReservationWorld {
    const world = new ReservationWorld(GRID_FROM - HOUR, options);
    for (const t of times) {
        world.advance(t);
        world.deploy(declaredAt(t));
    }
    world.advance(END);
    return world;
}

/** The planned reservations (from long before), to know each window's reservation span. */
const PLANNED = reservationsAt(PLAN, LONG_BEFORE, OPTIONS);

/** Each window's own needs: LCU at its planned audience, instances a zone for its floor. */
const NEEDS = new Map(
    WINDOWS.map((w) => [
        w,
        {
            lcu: reservedCapacityUnits(Math.max(...askedPeaks(PLAN, [w]).map((p) => p.peakViewers)), HAND_TRAFFIC, PLAN.headroomPercent, PLAN.availabilityZoneCount),
            perZone: Math.ceil(w.minSize / ZONES),
        },
    ]),
);

/** What is wrong with a run whose first deploy was at `first`: the first few lines. */
function problems(world: ReservationWorld, first: number, late: number): string[] {
    const bad: string[] = [];
    const when = (t: number) => new Date(t).toISOString();
    // A catch-up runs at the deploy's next whole minute + CATCH_UP_MINUTES, and fires up to `late` minutes after.
    const catchUp = Math.ceil(first / MINUTE) * MINUTE + (CATCH_UP_MINUTES + late) * MINUTE;
    for (const w of WINDOWS) {
        const preWarm = w.preWarmAt.getTime();
        const release = w.releaseAt.getTime();
        const lcuNeed = NEEDS.get(w)!.lcu;
        const lb = PLANNED.loadBalancer.find((r) => r.fixtures.includes(w.fixtures[0]))!;
        // Requested by the pre-warm; by the catch-up when the first deploy came too late for that.
        const lcuBy = Math.max(preWarm, catchUp);
        // A catch-up closer than an hour to the reset is not made (by design), nor after the window.
        if (lb.resetAt.getTime() - catchUp >= HOUR && lcuBy < release) {
            for (const t of [lcuBy, release - MINUTE]) {
                if (world.lcuAt(t) < lcuNeed) bad.push(`${w.fixtures}: ${world.lcuAt(t)} LCU at ${when(t)}, needs ${lcuNeed}`);
            }
        }
        const odcr = PLANNED.instances.find((r) => r.fixtures.includes(w.fixtures[0]))!;
        const perZoneNeed = NEEDS.get(w)!.perZone;
        const odcrBy = Math.max(preWarm, catchUp);
        if (odcr.endAt.getTime() - catchUp >= HOUR && odcrBy < release) {
            for (let z = 0; z < ZONES; z++) {
                for (const t of [odcrBy, release - MINUTE]) {
                    if (world.reservedAt(z, t) < perZoneNeed) bad.push(`${w.fixtures}: ${world.reservedAt(z, t)} instances in zone ${z} at ${when(t)}, needs ${perZoneNeed}`);
                }
            }
        }
    }
    const perSchedule = new Map<string, number>();
    for (const o of world.odcrs) perSchedule.set(o.schedule, (perSchedule.get(o.schedule) ?? 0) + 1);
    for (const [name, n] of perSchedule) if (n > 1) bad.push(`${n} instance reservations from ${name}`);
    if (world.lcuAt(END) !== 0) bad.push(`LCU reservation left standing: ${world.lcuAt(END)} LCU at ${when(END)}`);
    const d = [...world.decreases].sort((a, b) => a - b);
    for (let i = 0; i + 2 < d.length; i++) {
        if (d[i + 2] - d[i] <= DAY) bad.push(`three decreases within 24 h: ${d.slice(i, i + 3).map(when).join(", ")}`);
    }
    const resetFailures = world.failures.filter((f) => f.includes("lcu-reset"));
    if (resetFailures.length > 0) bad.push(`reset refused: ${resetFailures.join("; ")}`);
    return bad;
}

describe("reservations against a model of Scheduler, Pulumi and AWS", () => {
    it("the model's premise: the day's reservations as planned long before (worked by hand)", () => {
        // LCU: Morning 06:00 - 70 - 120 min = 02:50 to 06:00 + 195 min = 09:15, 40 000 x 1.0:
        // 48 GB/h x 1.2 = 57.6 -> 58. Afternoon 09:50 to 16:15, Evening 16:50 to 23:15: the third reset
        // within 24 h, so the evening joins the afternoon: 09:50 to 23:15 at the evening's 300 000 viewers:
        // 360 GB/h x 1.2 = 432 (the afternoon alone: 225 000 -> 270 x 1.2 = 324).
        expect(PLANNED.loadBalancer.map((r) => [r.name, r.requestAt.toISOString(), r.resetAt.toISOString(), r.capacityUnits])).to.deep.equal([
            ["lcu-morning", "2027-06-01T02:50:00.000Z", "2027-06-01T09:15:00.000Z", 58],
            ["lcu-afternoon", "2027-06-01T09:50:00.000Z", "2027-06-01T23:15:00.000Z", 432],
        ]);
        // Instances 1 h before the pre-warm: 03:50, 10:50, 17:50, apart. Per zone: 40 000 -> need 24, N+1 36, 12;
        // 225 000 -> need 135, N+1 ceil(202.5) = 203, ceil(67.7) = 68; 300 000 -> need 180, N+1 270, 90.
        expect(PLANNED.instances.map((r) => [r.name, r.createAt.toISOString(), r.endAt.toISOString(), r.perZone])).to.deep.equal([
            ["odcr-morning", "2027-06-01T03:50:00.000Z", "2027-06-01T09:15:00.000Z", 12],
            ["odcr-afternoon", "2027-06-01T10:50:00.000Z", "2027-06-01T16:15:00.000Z", 68],
            ["odcr-evening", "2027-06-01T17:50:00.000Z", "2027-06-01T23:15:00.000Z", 90],
        ]);
    });

    it("deployed long before: every schedule fires once, on time, and the day is reserved and released", () => {
        const world = run([GRID_FROM], { lateMinutes: 0, provisionMinutes: 30 });
        expect(world.calls).to.deep.equal([
            "2027-06-01T02:50:00.000Z lcu-request-morning",
            "2027-06-01T03:50:00.000Z odcr-morning-z0",
            "2027-06-01T03:50:00.000Z odcr-morning-z1",
            "2027-06-01T03:50:00.000Z odcr-morning-z2",
            "2027-06-01T09:15:00.000Z lcu-reset-morning",
            "2027-06-01T09:50:00.000Z lcu-request-afternoon",
            "2027-06-01T10:50:00.000Z odcr-afternoon-z0",
            "2027-06-01T10:50:00.000Z odcr-afternoon-z1",
            "2027-06-01T10:50:00.000Z odcr-afternoon-z2",
            "2027-06-01T17:50:00.000Z odcr-evening-z0",
            "2027-06-01T17:50:00.000Z odcr-evening-z1",
            "2027-06-01T17:50:00.000Z odcr-evening-z2",
            "2027-06-01T23:15:00.000Z lcu-reset-afternoon",
        ]);
        expect(world.decreases.map((t) => new Date(t).toISOString())).to.deep.equal(["2027-06-01T09:15:00.000Z", "2027-06-01T23:15:00.000Z"]);
        expect(problems(world, GRID_FROM, 0)).to.deep.equal([]);
    });

    // Every 10 minutes on the minute and at every schedule's instant (and 30 s after it), and every
    // 30 minutes 30 s past the minute (a catch-up then runs 5.5 minutes after the deploy, 6.5 when a minute late).
    for (const late of [0, 1]) {
        for (const [offset, step] of [[0, 10], [30_000, 30]]) {
            it(`one deploy at any ${step} minutes${offset ? " (+30 s)" : " and at each schedule's time"}, schedules firing ${late} min late: reserved at every pre-warm (or within minutes of a late deploy), no duplicate, reset, <= 2 decreases a day`, () => {
                const bad: string[] = [];
                for (const d of grid(offset, step, offset === 0)) {
                    const world = run([d], { lateMinutes: late, provisionMinutes: 30 });
                    bad.push(...problems(world, d, late).map((p) => `deploy at ${new Date(d).toISOString()}: ${p}`));
                    if (bad.length > 5) break;
                }
                expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
            });
        }
    }

    it("every pair of deploys (every 10 minutes and at each schedule's time), schedules firing 1 min late: the same, and catch-ups never duplicate a reservation", function () {
        this.timeout(20_000);
        const times = grid(0, 10, true);
        const bad: string[] = [];
        for (let i = 0; i < times.length && bad.length <= 5; i++) {
            for (let j = i + 1; j < times.length && bad.length <= 5; j++) {
                const world = run([times[i], times[j]], { lateMinutes: 1, provisionMinutes: 30 });
                bad.push(...problems(world, times[i], 1).map((p) => `deploys at ${new Date(times[i]).toISOString()} and ${new Date(times[j]).toISOString()}: ${p}`));
            }
        }
        expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
    });

    it("a catch-up repeated by a second late deploy calls again with the same ClientToken: EC2 makes one reservation per zone", () => {
        // Both after the afternoon's create time (10:50): catch-ups at 11:05 and 11:35.
        const world = run([Date.parse("2027-06-01T11:00:00Z"), Date.parse("2027-06-01T11:30:00Z")], { lateMinutes: 0, provisionMinutes: 30 });
        const afternoon = world.calls.filter((c) => c.includes("odcr-afternoon-z0"));
        expect(afternoon).to.deep.equal(["2027-06-01T11:05:00.000Z odcr-afternoon-z0", "2027-06-01T11:35:00.000Z odcr-afternoon-z0"]);
        expect(world.odcrs.filter((o) => o.schedule === "odcr-afternoon-z0")).to.have.length(1);
        // The LCU catch-up of the second deploy asks for the same 432 units 30 minutes later: provisioned by then, no change, no decrease.
        expect(world.lcuHistory.map(([t, u]) => [new Date(t).toISOString(), u])).to.deep.equal([
            ["2027-06-01T11:05:00.000Z", 432],
            ["2027-06-01T23:15:00.000Z", 0],
        ]);
        expect(world.decreases).to.have.length(1);
    });

    it("a second late deploy while the first catch-up is still pending: its request is refused, the pending one stands, the reset still runs", () => {
        const world = run([Date.parse("2027-06-01T11:00:00Z"), Date.parse("2027-06-01T11:10:00Z")], { lateMinutes: 0, provisionMinutes: 30 });
        expect(world.failures).to.deep.equal(["2027-06-01T11:15:00.000Z lcu-request-afternoon: CapacityReservationPending"]);
        expect(world.lcuAt(Date.parse("2027-06-01T17:40:00Z"))).to.equal(432);
        expect(world.lcuAt(END)).to.equal(0);
    });

    it("with InsufficientInstanceCapacity the creates fail and reserve nothing; a later late deploy retries with the same token and reserves once", () => {
        const world = new ReservationWorld(GRID_FROM, { lateMinutes: 0, provisionMinutes: 30, insufficientCapacity: true });
        world.deploy(declaredAt(GRID_FROM));
        world.advance(Date.parse("2027-06-01T11:00:00Z"));
        expect(world.failures.filter((f) => f.includes("odcr-afternoon"))).to.have.length(3);
        expect(world.reservedAt(0, Date.parse("2027-06-01T11:00:00Z"))).to.equal(0);
        world.options.insufficientCapacity = false;
        world.deploy(declaredAt(Date.parse("2027-06-01T11:00:00Z")));
        world.advance(END);
        // Caught up at 11:02, all zones, before the afternoon's 11:50 pre-warm.
        for (let z = 0; z < ZONES; z++) expect(world.reservedAt(z, Date.parse("2027-06-01T11:50:00Z"))).to.equal(68);
        expect(world.odcrs.filter((o) => o.schedule.startsWith("odcr-afternoon"))).to.have.length(3);
    });

    it("the model catches a plan that forgets the decrease rule: three separate resets within 24 h are reported", () => {
        // A stand-in plan: the day's three windows each reserved and reset on their own.
        const world = new ReservationWorld(GRID_FROM, { lateMinutes: 0, provisionMinutes: 30 });
        const spec = (name: string, at: string, units?: number): ReservationSchedule =>
            units === undefined ? { kind: "lcu-reset", name, at, reason: "" } : { kind: "lcu-request", name, at, capacityUnits: units, reason: "" };
        world.deploy([
            spec("r1", "2027-06-01T02:50:00", 58), spec("x1", "2027-06-01T09:15:00"),
            spec("r2", "2027-06-01T09:50:00", 324), spec("x2", "2027-06-01T16:15:00"),
            spec("r3", "2027-06-01T16:50:00", 432), spec("x3", "2027-06-01T23:15:00"),
        ]);
        world.advance(END);
        expect(problems(world, GRID_FROM, 0).filter((p) => p.startsWith("three decreases"))).to.have.length(1);
    });
});
