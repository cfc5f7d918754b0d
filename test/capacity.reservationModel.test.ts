/**
 * "A deploy at any time leaves every match reserved, calls nothing twice, and leaves
 * nothing standing after it", proved against a model of EventBridge Scheduler, Pulumi's
 * state (by schedule name, with the component's ignoreChanges), the load balancer's LCU
 * reservation and EC2's capacity reservations (test/helpers/reservations.ts). Deploys run
 * every 10 minutes from 3 h before the first request to 2 h after the last reset, alone
 * and in pairs, taking 0 or 3 minutes to create their schedules, with LCU requests
 * provisioned in 30 minutes or 3 hours, and each run checks what AWS held at every
 * window's pre-warm.
 *
 * The day: the matchday stack's sizing (pre-warm 70 minutes before kickoff, release at
 * kickoff + 195), the load balancer reserved 2 h before the pre-warm, instances 1 h
 * before, three matches on one day (kickoffs 06:00, 13:00, 20:00 UTC).
 */
import { expect } from "chai";
import { CapacityPlanInput } from "../stacks/capacity/fixtures";
import { reservedCapacityUnits } from "../stacks/capacity/loadBalancerCapacity";
import { askedPeaks } from "../stacks/capacity/onPremise";
import { CATCH_UP_MIN_HOLD_MINUTES, CATCH_UP_MINUTES, ODCR_CATCH_UP_MIN_HOLD_MINUTES, ReservationOptions, ReservationSchedule } from "../stacks/capacity/reservationPlan";
import { MatchWindow, planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";
import { baseName, fixture, HAND_TRAFFIC, reservationsAt, ReservationWorld, WorldOptions } from "./helpers/reservations";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LONG_BEFORE = new Date("2027-01-01T00:00:00Z");
const T = (iso: string) => Date.parse(iso);
const when = (t: number) => new Date(t).toISOString();

const OPTIONS: ReservationOptions = { loadBalancer: { leadHours: 2, traffic: HAND_TRAFFIC }, instances: { leadHours: 1 } };
const PLAN = matchdayPlan([
    fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
    fixture("Afternoon", "2027-06-01T13:00:00Z", 150_000, 1.5),
    fixture("Evening", "2027-06-01T20:00:00Z", 200_000, 1.5),
]);
/** The same day with the evening's kickoff moved 30 minutes earlier, to 19:30. */
const PLAN_EVENING_EARLIER = matchdayPlan([
    fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
    fixture("Afternoon", "2027-06-01T13:00:00Z", 150_000, 1.5),
    fixture("Evening", "2027-06-01T19:30:00Z", 200_000, 1.5),
]);
const WINDOWS: MatchWindow[] = planCapacitySchedule(PLAN, LONG_BEFORE).windows;
const ZONES = PLAN.availabilityZoneCount;

/** First request (02:50) - 3 h, to the last reset (23:15) + 2 h. */
const GRID_FROM = T("2027-05-31T23:50:00Z");
const GRID_TO = T("2027-06-02T01:15:00Z");
const END = GRID_TO + 3 * HOUR;

/** The plan's schedules at each deploy time, computed once per plan. */
const memo = new Map<CapacityPlanInput, Map<number, ReservationSchedule[]>>();
function declaredAt(t: number, plan: CapacityPlanInput = PLAN): ReservationSchedule[] {
    let byTime = memo.get(plan);
    if (byTime === undefined) memo.set(plan, (byTime = new Map()));
    let s = byTime.get(t);
    if (s === undefined) byTime.set(t, (s = reservationsAt(plan, new Date(t), OPTIONS).schedules));
    return s;
}

/**
 * Deploy times: every `stepMinutes` over the grid, `offsetMs` past the minute; with
 * `instants`, also every planned schedule's own instant, 30 s after it, and 4 minutes
 * before it (a deploy whose schedule would be created just after its time).
 */
function grid(offsetMs = 0, stepMinutes = 10, instants = false): number[] {
    const out = new Set<number>();
    for (let t = GRID_FROM; t <= GRID_TO; t += stepMinutes * MINUTE) out.add(t + offsetMs);
    if (instants) {
        for (const s of reservationsAt(PLAN, LONG_BEFORE, OPTIONS).schedules) {
            const at = T(`${s.at}Z`);
            for (const d of [0, 30_000, -4 * MINUTE]) out.add(at + d);
        }
    }
    return [...out].sort((a, b) => a - b);
}

/** Deploys at `times` (in order; each with its plan, PLAN by default), then time runs to the end. */
function run(times: (number | [number, CapacityPlanInput])[], options: WorldOptions): ReservationWorld {
    const world = new ReservationWorld(GRID_FROM - HOUR, options);
    for (const d of times) {
        const [t, plan] = typeof d === "number" ? [d, PLAN] : d;
        world.advance(t);
        world.deploy(declaredAt(t, plan));
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

/** What is wrong with a run (config unchanged) whose first deploy was at `first`. */
function problems(world: ReservationWorld, first: number, late: number): string[] {
    const bad: string[] = [];
    // A late call is declared at the first deploy's next whole minute + CATCH_UP_MINUTES, and fires up to `late` minutes after.
    const catchUp = Math.ceil(first / MINUTE) * MINUTE + CATCH_UP_MINUTES * MINUTE;
    for (const w of WINDOWS) {
        const preWarm = w.preWarmAt.getTime();
        const release = w.releaseAt.getTime();
        const lb = PLANNED.loadBalancer.find((r) => r.fixtures.includes(w.fixtures[0]))!;
        const odcr = PLANNED.instances.find((r) => r.fixtures.includes(w.fixtures[0]))!;
        // Not late: held at the pre-warm. Late: held from the catch-up when it is made (the hold long enough), else not at all (by design).
        const by = (from: number, end: number, holdMinutes: number): number | undefined =>
            from > catchUp ? preWarm : end - catchUp >= holdMinutes * MINUTE ? Math.max(preWarm, catchUp + late * MINUTE) : undefined;
        const lcuBy = by(lb.requestAt.getTime(), lb.resetAt.getTime(), CATCH_UP_MIN_HOLD_MINUTES);
        if (lcuBy !== undefined && lcuBy < release) {
            const need = NEEDS.get(w)!.lcu;
            for (const t of [lcuBy, release - MINUTE]) if (world.lcuAt(t) < need) bad.push(`${w.fixtures}: ${world.lcuAt(t)} LCU at ${when(t)}, needs ${need}`);
        }
        const odcrBy = by(odcr.createAt.getTime(), odcr.endAt.getTime(), ODCR_CATCH_UP_MIN_HOLD_MINUTES);
        if (odcrBy !== undefined && odcrBy < release) {
            const need = NEEDS.get(w)!.perZone;
            for (let z = 0; z < ZONES; z++) {
                for (const t of [odcrBy, release - MINUTE]) if (world.reservedAt(z, t) < need) bad.push(`${w.fixtures}: ${world.reservedAt(z, t)} instances in zone ${z} at ${when(t)}, needs ${need}`);
            }
        }
    }
    // Duplicates per zone and reservation window (whatever schedule made them): one at most.
    for (const r of PLANNED.instances) {
        for (let z = 0; z < ZONES; z++) {
            const n = world.odcrsOverlapping(z, r.createAt.getTime(), r.endAt.getTime()).length;
            if (n > 1) bad.push(`${n} instance reservations in zone ${z} for ${r.name}`);
        }
    }
    // Nothing called twice, nothing refused (no false failure alarm, no reset refused while a request is pending).
    const called = world.calls.map((c) => c.slice(c.indexOf(" ") + 1));
    for (const name of new Set(called)) if (called.filter((c) => c === name).length > 1) bad.push(`${name} called ${called.filter((c) => c === name).length} times`);
    if (world.failures.length > 0) bad.push(`refused: ${world.failures.join("; ")}`);
    // No schedule created at or after its time (it would never run), none deleted before it ran.
    if (world.neverFiring().length > 0) bad.push(`created too late to run: ${world.neverFiring().join(", ")}`);
    if (world.deletedUnfired.length > 0) bad.push(`deleted before running: ${world.deletedUnfired.join(", ")}`);
    if (world.lcuAt(END) !== 0) bad.push(`LCU reservation left standing: ${world.lcuAt(END)} LCU at ${when(END)}`);
    const d = [...world.decreases].sort((a, b) => a - b);
    for (let i = 0; i + 2 < d.length; i++) {
        if (d[i + 2] - d[i] <= DAY) bad.push(`three decreases within 24 h: ${d.slice(i, i + 3).map(when).join(", ")}`);
    }
    return bad;
}

describe("reservations against a model of Scheduler, Pulumi and AWS", () => {
    it("the model's premise: the day's reservations as planned long before (worked by hand)", () => {
        // LCU: Morning 06:00 - 70 - 120 min = 02:50 to 06:00 + 195 min = 09:15, 40 000 x 1.0:
        // 48 GB/h x 1.2 x 3/2 (N+1 over 3 zones) = 86.4 -> 87. Afternoon 09:50 to 16:15, Evening 16:50 to 23:15:
        // the third reset within 24 h, so the evening joins the afternoon: 09:50 to 23:15 at the evening's
        // 300 000 viewers: 360 GB/h x 1.2 x 1.5 = 648 (the afternoon alone: 225 000 -> 270 x 1.2 x 1.5 = 486).
        expect(PLANNED.loadBalancer.map((r) => [r.name, r.requestAt.toISOString(), r.resetAt.toISOString(), r.capacityUnits])).to.deep.equal([
            ["lcu-morning", "2027-06-01T02:50:00.000Z", "2027-06-01T09:15:00.000Z", 87],
            ["lcu-afternoon", "2027-06-01T09:50:00.000Z", "2027-06-01T23:15:00.000Z", 648],
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
        const world = run([GRID_FROM], { lateMinutes: 0, provisionMinutes: 30, deployMinutes: 3 });
        expect(world.calls.map((c) => baseName(c))).to.deep.equal([
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
        // Every name carries its planned time (UTC, to the minute).
        expect(world.calls.map((c) => c.split(" ")[1].match(/-(\d{12})-[0-9a-f]{6}$/)![1])).to.deep.equal([
            "202706010250", "202706010350", "202706010350", "202706010350", "202706010915", "202706010950",
            "202706011050", "202706011050", "202706011050", "202706011750", "202706011750", "202706011750", "202706012315",
        ]);
        expect(world.decreases.map(when)).to.deep.equal(["2027-06-01T09:15:00.000Z", "2027-06-01T23:15:00.000Z"]);
        expect(problems(world, GRID_FROM, 0)).to.deep.equal([]);
    });

    // Every 10 minutes on the minute, at every schedule's instant, 30 s after and 4 minutes before it, and every
    // hour 30 s past the minute; schedules firing on time or a minute late; LCU provisioned in 30 min or 3 h;
    // deploys creating their schedules at once or 3 minutes after their `now`.
    for (const late of [0, 1]) {
        for (const [offset, step] of [[0, 10], [30_000, 60]]) {
            it(`one deploy at any ${step} minutes${offset ? " (+30 s)" : " and around each schedule's time"}, firing ${late} min late: reserved at every pre-warm (or from a late deploy's catch-up), nothing called twice or refused, no duplicate per zone, reset, <= 2 decreases a day`, () => {
                const bad: string[] = [];
                for (const provisionMinutes of [30, 180]) {
                    for (const deployMinutes of [0, 3]) {
                        for (const d of grid(offset, step, offset === 0)) {
                            const world = run([d], { lateMinutes: late, provisionMinutes, deployMinutes });
                            bad.push(...problems(world, d, late).map((p) => `deploy at ${when(d)} (provision ${provisionMinutes} min, deploy ${deployMinutes} min): ${p}`));
                            if (bad.length > 5) break;
                        }
                    }
                }
                expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
            });
        }
    }

    for (const provisionMinutes of [30, 180]) {
        it(`every pair of deploys (every 10 minutes and around each schedule's time), 3 minutes each, firing 1 min late, LCU provisioned in ${provisionMinutes} min: the same, and the second calls nothing again`, function () {
            this.timeout(20_000);
            const times = grid(0, 10, true);
            const bad: string[] = [];
            for (let i = 0; i < times.length && bad.length <= 5; i++) {
                for (let j = i + 1; j < times.length && bad.length <= 5; j++) {
                    const world = run([times[i], times[j]], { lateMinutes: 1, provisionMinutes, deployMinutes: 3 });
                    bad.push(...problems(world, times[i], 1).map((p) => `deploys at ${when(times[i])} and ${when(times[j])}: ${p}`));
                }
            }
            expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
        });
    }

    it("a deploy taking 3 minutes, 2 minutes before a request: declared at its planned time (the old rule) it is created after that time and never runs; declared as a catch-up it runs", () => {
        // The morning's request is planned at 02:50; the deploy starts at 02:48 and creates its schedules at 02:51.
        const now = T("2027-06-01T02:48:00Z");
        const options = { lateMinutes: 0, provisionMinutes: 30, deployMinutes: 3 };
        // The old rule: late only when the planned time is past, so at 02:48 the request is declared at 02:50 (as planned long before).
        const oldRule = new ReservationWorld(now, options);
        oldRule.deploy(PLANNED.schedules);
        oldRule.advance(T("2027-06-01T04:50:00Z"));
        expect(oldRule.neverFiring().map(baseName)).to.include("lcu-request-morning");
        // Nothing reserved at the morning's pre-warm (06:00 - 70 min = 04:50).
        expect(oldRule.lcuAt(T("2027-06-01T04:50:00Z"))).to.equal(0);
        // The new rule: 02:50 <= 02:48 + 5 = 02:53, late: declared at 02:53, created at 02:51, fired at 02:53.
        const declared = declaredAt(now).find((s) => baseName(s.name) === "lcu-request-morning")!;
        expect(declared.at).to.equal("2027-06-01T02:53:00");
        const newRule = new ReservationWorld(now, options);
        newRule.deploy(declaredAt(now));
        newRule.advance(T("2027-06-01T04:50:00Z"));
        expect(newRule.neverFiring()).to.deep.equal([]);
        expect(newRule.lcuHistory.map(([t, u]) => [when(t), u])).to.deep.equal([["2027-06-01T02:53:00.000Z", 87]]);
    });

    for (const [second, what] of [["2027-06-01T11:30:00Z", "after the first catch-up ran"], ["2027-06-01T11:02:00Z", "while the first catch-up is not yet created (3-minute deploys)"], ["2027-06-01T11:06:00Z", "while the first catch-up's request is still pending"]] as const) {
        it(`a second late deploy ${what} calls nothing again: one request, one reservation per zone, no refusal`, () => {
            // Both after the afternoon's request (09:50) and create (10:50): the first's catch-ups at 11:00 + 5 = 11:05.
            const world = run([T("2027-06-01T11:00:00Z"), T(second)], { lateMinutes: 0, provisionMinutes: 30, deployMinutes: 3 });
            expect(world.calls.filter((c) => c.includes("afternoon")).map(baseName)).to.deep.equal([
                "2027-06-01T11:05:00.000Z lcu-request-afternoon",
                "2027-06-01T11:05:00.000Z odcr-afternoon-z0",
                "2027-06-01T11:05:00.000Z odcr-afternoon-z1",
                "2027-06-01T11:05:00.000Z odcr-afternoon-z2",
                "2027-06-01T23:15:00.000Z lcu-reset-afternoon",
            ]);
            expect(world.failures).to.deep.equal([]);
            for (let z = 0; z < ZONES; z++) expect(world.odcrs.filter((o) => o.zoneIndex === z && baseName(o.schedule).startsWith("odcr-afternoon"))).to.have.length(1);
            // 648 units from the catch-up to the reset, one decrease (the reset).
            expect(world.lcuHistory.map(([t, u]) => [when(t), u])).to.deep.equal([
                ["2027-06-01T11:05:00.000Z", 648],
                ["2027-06-01T23:15:00.000Z", 0],
            ]);
            expect(world.decreases).to.have.length(1);
        });
    }

    it("with InsufficientInstanceCapacity the creates fail and reserve nothing; a later deploy does not retry them (the names exist: the failure alarm is the signal)", () => {
        const world = new ReservationWorld(GRID_FROM, { lateMinutes: 0, provisionMinutes: 30, insufficientCapacity: true });
        world.deploy(declaredAt(GRID_FROM));
        world.advance(T("2027-06-01T11:00:00Z"));
        expect(world.failures.filter((f) => f.includes("odcr-afternoon"))).to.have.length(3);
        expect(world.reservedAt(0, T("2027-06-01T11:00:00Z"))).to.equal(0);
        world.options.insufficientCapacity = false;
        world.deploy(declaredAt(T("2027-06-01T11:00:00Z")));
        world.advance(END);
        expect(world.calls.filter((c) => c.includes("odcr-afternoon"))).to.have.length(3);
        expect(world.reservedAt(0, T("2027-06-01T11:50:00Z"))).to.equal(0);
    });

    it("the kickoff moved 30 minutes earlier before the create ran: the old creates are deleted before they run, one set per zone", () => {
        // Evening 19:30: create 19:30 - 70 - 60 min = 17:20, end 19:30 + 195 min = 22:45. The change is deployed at 12:00.
        const world = run([GRID_FROM, [T("2027-06-01T12:00:00Z"), PLAN_EVENING_EARLIER]], { lateMinutes: 0, provisionMinutes: 30, deployMinutes: 3 });
        // The old creates (17:50) and the old reset (23:15: the day now ends at 22:45) are deleted at 12:03, unfired.
        expect(world.deletedUnfired.map(baseName)).to.have.members([
            "2027-06-01T12:03:00.000Z odcr-evening-z0",
            "2027-06-01T12:03:00.000Z odcr-evening-z1",
            "2027-06-01T12:03:00.000Z odcr-evening-z2",
            "2027-06-01T12:03:00.000Z lcu-reset-afternoon",
        ]);
        for (let z = 0; z < ZONES; z++) {
            expect(world.odcrsOverlapping(z, T("2027-06-01T17:20:00Z"), T("2027-06-01T23:15:00Z")).map((o) => [when(o.createdAt), when(o.endAt), o.count])).to.deep.equal([
                ["2027-06-01T17:20:00.000Z", "2027-06-01T22:45:00.000Z", 90],
            ]);
        }
        // The afternoon's request (09:50, 648 units: the evening's audience is unchanged) ran once; the new reset at 22:45.
        expect(world.calls.filter((c) => c.includes("lcu-")).map(baseName)).to.deep.equal([
            "2027-06-01T02:50:00.000Z lcu-request-morning",
            "2027-06-01T09:15:00.000Z lcu-reset-morning",
            "2027-06-01T09:50:00.000Z lcu-request-afternoon",
            "2027-06-01T22:45:00.000Z lcu-reset-afternoon",
        ]);
        expect(world.lcuAt(END)).to.equal(0);
        expect(world.failures).to.deep.equal([]);
    });

    it("the same change deployed after the create ran: a second set per zone (the documented limit), and the plan's note says to cancel the first", () => {
        const change = T("2027-06-01T18:00:00Z");
        const world = run([GRID_FROM, [change, PLAN_EVENING_EARLIER]], { lateMinutes: 0, provisionMinutes: 30, deployMinutes: 3 });
        // The first set at 17:50 (to 23:15); the new create, planned at 17:20, is late: caught up at 18:00 + 5 = 18:05 (to 22:45).
        for (let z = 0; z < ZONES; z++) {
            expect(world.odcrsOverlapping(z, T("2027-06-01T17:20:00Z"), T("2027-06-01T23:15:00Z")).map((o) => [when(o.createdAt), when(o.endAt), o.count])).to.deep.equal([
                ["2027-06-01T17:50:00.000Z", "2027-06-01T23:15:00.000Z", 90],
                ["2027-06-01T18:05:00.000Z", "2027-06-01T22:45:00.000Z", 90],
            ]);
        }
        const notes = reservationsAt(PLAN_EVENING_EARLIER, new Date(change), OPTIONS).notes.filter((n) => n.startsWith("late instance reservation odcr-evening"));
        expect(notes).to.have.length(1);
        expect(notes[0]).to.contain("AWS keeps one created before until its end date: cancel it with aws ec2 cancel-capacity-reservation");
    });

    it("the model catches a plan that forgets the decrease rule: three separate resets within 24 h are reported", () => {
        // A stand-in plan: the day's three windows each reserved and reset on their own.
        const world = new ReservationWorld(GRID_FROM, { lateMinutes: 0, provisionMinutes: 30 });
        const spec = (name: string, at: string, units?: number): ReservationSchedule =>
            units === undefined ? { kind: "lcu-reset", name, at, reason: "" } : { kind: "lcu-request", name, at, capacityUnits: units, reason: "" };
        world.deploy([
            spec("r1", "2027-06-01T02:50:00", 87), spec("x1", "2027-06-01T09:15:00"),
            spec("r2", "2027-06-01T09:50:00", 486), spec("x2", "2027-06-01T16:15:00"),
            spec("r3", "2027-06-01T16:50:00", 648), spec("x3", "2027-06-01T23:15:00"),
        ]);
        world.advance(END);
        expect(problems(world, GRID_FROM, 0).filter((p) => p.startsWith("three decreases"))).to.have.length(1);
    });

    it("the model catches a re-sent request: a schedule renamed on every deploy would call twice and be refused while pending", () => {
        // A stand-in plan naming its catch-up after the deploy: 11:00 declares r-1100 at 11:05, 11:06 declares r-1106 at 11:11.
        const world = new ReservationWorld(T("2027-06-01T11:00:00Z"), { lateMinutes: 0, provisionMinutes: 30 });
        world.deploy([{ kind: "lcu-request", name: "r-1100", at: "2027-06-01T11:05:00", capacityUnits: 648, reason: "" }]);
        world.advance(T("2027-06-01T11:06:00Z"));
        world.deploy([{ kind: "lcu-request", name: "r-1106", at: "2027-06-01T11:11:00", capacityUnits: 648, reason: "" }]);
        world.advance(END);
        expect(world.failures).to.deep.equal(["2027-06-01T11:11:00.000Z r-1106: CapacityReservationPending"]);
    });
});
