/**
 * One fixture's floor over its window (issue 14): a stepped pre-warm that follows the
 * audience's build-up, the full floor 15 minutes before kickoff, an early release after
 * normal time, and the release. Shares are worked out by hand from the build-up in
 * audience.ts (0.05 at -60 minutes rising linearly to 0.35 at -15, then to 0.85 at
 * kickoff): each pre-warm step covers the largest share from its start to 9 minutes
 * after the next step's start.
 */
import { expect } from "chai";
import { CapacityPlanInput, Fixture } from "../stacks/capacity/fixtures";
import { activeFloorAt, FloorProfilePoint, fixtureFloorProfile, planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";

const NOW = new Date("2027-04-01T00:00:00Z");

/** The build-up at -31 minutes (the pre-warm at -70 or earlier covers up to 9 minutes after -40): 0.05 + 0.30 x 29/45. */
const AT_MINUS_31 = 73 / 300;
/** At -16 (a step at -40 covers up to 9 minutes after -25): 0.05 + 0.30 x 44/45. */
const AT_MINUS_16 = 103 / 300;
/** At -6 (a step at -25 covers up to 9 minutes after -15): 0.35 + 0.50 x 9/15. */
const AT_MINUS_6 = 0.65;
/** N+1 of the planned peak without 20 % headroom. */
const WITHOUT_HEADROOM = 100 / 120;

type Point = [offsetMinutes: number, share: number, kind: string];

/** Compares a profile with the expected points; shares to 1e-12 (they come out of a linear interpolation). */
function expectProfile(actual: FloorProfilePoint[], expected: Point[], label = ""): void {
    expect(actual.map((p) => [p.offsetMinutes, p.kind]), label).to.deep.equal(expected.map(([o, , k]) => [o, k]));
    actual.forEach((p, i) => expect(p.share, `${label} ${p.kind}`).to.be.closeTo(expected[i][1], 1e-12));
}

const profile = (over: Partial<CapacityPlanInput> = {}) => fixtureFloorProfile(matchdayPlan([], over));

describe("fixtureFloorProfile: one fixture's floor as shares of its planned audience", () => {
    it("the matchday plan (lead 70, hold 165 + 30, 20 % headroom, no target): three pre-warm steps, the full floor at -15, the early release at +125 held at N+1 without headroom", () => {
        expectProfile(profile(), [
            [-70, AT_MINUS_31, "prewarm"],
            [-40, AT_MINUS_16, "rampup1"],
            [-25, AT_MINUS_6, "rampup2"],
            [-15, 1, "kickoff"],
            [125, WITHOUT_HEADROOM, "fulltime"],
            [195, 0, "release"],
        ]);
    });

    it("depends on the plan's timings, zones, headroom and target only, not on its fixtures, sizing or baseline", () => {
        const fixtures: Fixture[] = [{ name: "A", kickoff: "2027-04-10T19:00:00Z", expectedPeakViewers: 100_000 }];
        expect(fixtureFloorProfile(matchdayPlan(fixtures, { viewersPerInstance: 500, baselineMinSize: 50, groupMaxSize: 1000 }))).to.deep.equal(profile());
    });

    it("a longer lead starts earlier at the same share: the build-up is flat before -60", () => {
        for (const lead of [60, 61, 100, 720]) {
            expectProfile(profile({ preWarmLeadMinutes: lead }).slice(0, 2), [[-lead, AT_MINUS_31, "prewarm"], [-40, AT_MINUS_16, "rampup1"]], `lead ${lead}`);
        }
    });

    it("a short lead drops the steps at or before it, and the later steps are renumbered", () => {
        const tail: Point[] = [[125, WITHOUT_HEADROOM, "fulltime"], [195, 0, "release"]];
        // 41: a one-minute first step, then the usual ones.
        expectProfile(profile({ preWarmLeadMinutes: 41 }), [[-41, AT_MINUS_31, "prewarm"], [-40, AT_MINUS_16, "rampup1"], [-25, AT_MINUS_6, "rampup2"], [-15, 1, "kickoff"], ...tail]);
        // 40: the step at -40 is the pre-warm itself, sized for what the step at -40 covers.
        expectProfile(profile({ preWarmLeadMinutes: 40 }), [[-40, AT_MINUS_16, "prewarm"], [-25, AT_MINUS_6, "rampup1"], [-15, 1, "kickoff"], ...tail]);
        // 30: the pre-warm covers up to 9 minutes after -25.
        expectProfile(profile({ preWarmLeadMinutes: 30 }), [[-30, AT_MINUS_16, "prewarm"], [-25, AT_MINUS_6, "rampup1"], [-15, 1, "kickoff"], ...tail]);
        // 25 and 20: one pre-warm step, then the full floor.
        expectProfile(profile({ preWarmLeadMinutes: 25 }), [[-25, AT_MINUS_6, "prewarm"], [-15, 1, "kickoff"], ...tail]);
        expectProfile(profile({ preWarmLeadMinutes: 20 }), [[-20, AT_MINUS_6, "prewarm"], [-15, 1, "kickoff"], ...tail]);
        expectProfile(profile({ preWarmLeadMinutes: 16 }), [[-16, AT_MINUS_6, "prewarm"], [-15, 1, "kickoff"], ...tail]);
    });

    it("a lead of 15 minutes or less is a single step to the full floor, named as the pre-warm", () => {
        for (const lead of [15, 10, 1]) {
            expectProfile(profile({ preWarmLeadMinutes: lead }), [[-lead, 1, "prewarm"], [125, WITHOUT_HEADROOM, "fulltime"], [195, 0, "release"]], `lead ${lead}`);
        }
        const zero = profile({ preWarmLeadMinutes: 0 });
        expect(zero.map((p) => p.kind)).to.deep.equal(["prewarm", "fulltime", "release"]);
        expect(zero[0].offsetMinutes).to.equal(0);
        expect(zero[0].share).to.equal(1);
    });

    it("has no early release unless it comes before the release: match window + release delay must exceed 125", () => {
        const withoutEarly = (matchWindowMinutes: number, releaseDelayMinutes: number) => profile({ matchWindowMinutes, releaseDelayMinutes }).slice(4);
        expectProfile(withoutEarly(95, 30), [[125, 0, "release"]]);
        expectProfile(withoutEarly(125, 0), [[125, 0, "release"]]);
        expectProfile(withoutEarly(90, 0), [[90, 0, "release"]]);
        expectProfile(withoutEarly(96, 30), [[125, WITHOUT_HEADROOM, "fulltime"], [126, 0, "release"]]);
        expectProfile(withoutEarly(360, 240), [[125, WITHOUT_HEADROOM, "fulltime"], [600, 0, "release"]]);
    });

    it("releases to the baseline early when target tracking keeps the N+1 reserve by itself: targetUtilisation <= (zones - 1) / zones", () => {
        const early = (over: Partial<CapacityPlanInput>) => profile(over).find((p) => p.kind === "fulltime")!.share;
        // 3 zones: 2/3 exactly goes to the baseline; just above it holds N+1 of the peak without headroom.
        expect(early({ targetUtilisation: 2 / 3 })).to.equal(0);
        expect(early({ targetUtilisation: 0.6 })).to.equal(0);
        expect(early({ targetUtilisation: 0.6667 })).to.be.closeTo(WITHOUT_HEADROOM, 1e-12);
        expect(early({ targetUtilisation: 2 / 3 + 1e-12 })).to.be.closeTo(WITHOUT_HEADROOM, 1e-12);
        // 2 zones: 1/2; 4 zones: 3/4; 6 zones: 5/6.
        expect(early({ availabilityZoneCount: 2, targetUtilisation: 0.5 })).to.equal(0);
        expect(early({ availabilityZoneCount: 2, targetUtilisation: 0.51 })).to.be.closeTo(WITHOUT_HEADROOM, 1e-12);
        expect(early({ availabilityZoneCount: 4, targetUtilisation: 0.75 })).to.equal(0);
        expect(early({ availabilityZoneCount: 4, targetUtilisation: 0.76 })).to.be.closeTo(WITHOUT_HEADROOM, 1e-12);
        expect(early({ availabilityZoneCount: 6, targetUtilisation: 5 / 6 })).to.equal(0);
        expect(early({ availabilityZoneCount: 6, targetUtilisation: 0.84 })).to.be.closeTo(WITHOUT_HEADROOM, 1e-12);
    });

    it("without a target it holds N+1 of the planned peak without headroom: 100 / (100 + headroomPercent)", () => {
        const early = (headroomPercent: number) => profile({ headroomPercent }).find((p) => p.kind === "fulltime")!.share;
        expect(early(0)).to.equal(1);
        expect(early(20)).to.be.closeTo(5 / 6, 1e-12);
        expect(early(50)).to.be.closeTo(2 / 3, 1e-12);
        expect(early(200)).to.be.closeTo(1 / 3, 1e-12);
        // The zones and headroom change only the early release.
        const other = profile({ availabilityZoneCount: 2, headroomPercent: 50 });
        expect(other.filter((p) => p.kind !== "fulltime")).to.deep.equal(profile().filter((p) => p.kind !== "fulltime"));
    });

    it("for any lead and hold: starts at -lead, in time order, each pre-warm step larger than the one before up to the full floor at -15 (or -lead), ending at the release", () => {
        for (const lead of [...Array.from({ length: 121 }, (_, i) => i), 180, 359, 720]) {
            for (const [matchWindowMinutes, releaseDelayMinutes] of [[90, 0], [95, 30], [165, 30], [360, 240]]) {
                const p = profile({ preWarmLeadMinutes: lead, matchWindowMinutes, releaseDelayMinutes });
                const label = `lead ${lead}, hold ${matchWindowMinutes} + ${releaseDelayMinutes}`;
                expect(p[0].offsetMinutes, label).to.equal(-lead);
                for (let i = 1; i < p.length; i++) expect(p[i].offsetMinutes, label).to.be.above(p[i - 1].offsetMinutes);
                const before = p.filter((x) => x.offsetMinutes <= 0);
                for (let i = 1; i < before.length; i++) expect(before[i].share, label).to.be.above(before[i - 1].share);
                expect(before.at(-1)!.share, label).to.equal(1);
                expect(before.at(-1)!.offsetMinutes, label).to.equal(-Math.min(lead, 15));
                expect(p.at(-1), label).to.deep.equal({ offsetMinutes: matchWindowMinutes + releaseDelayMinutes, share: 0, kind: "release" });
                expect(new Set(p.map((x) => x.kind)).size, label).to.equal(p.length);
            }
        }
    });
});

describe("the floor profile in the schedule", () => {
    // QF, 100 000 viewers, kickoff 19:00Z: 23 from 17:50, 32 from 18:20, 59 from 18:35, 90 from 18:45, 75 from 21:05.
    const qf: Fixture = { name: "QF", kickoff: "2027-04-10T19:00:00Z", expectedPeakViewers: 100_000 };
    const actionsOf = (s: ReturnType<typeof planCapacitySchedule>) => s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize]);
    const buildUp = [
        ["prewarm-qf", "2027-04-10T17:50:00Z", 23, 6],
        ["rampup1-qf", "2027-04-10T18:20:00Z", 32, 23],
        ["rampup2-qf", "2027-04-10T18:35:00Z", 59, 32],
        ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
    ];

    it("targetUtilisation exactly (zones - 1) / zones: the early release goes to the baseline and is the window's last action", () => {
        const s = planCapacitySchedule(matchdayPlan([qf], { targetUtilisation: 2 / 3 }), NOW);
        expect(actionsOf(s)).to.deep.equal([...buildUp, ["fulltime-qf", "2027-04-10T21:05:00Z", 6, 90]]);
        expect(s.actions.at(-1)!.reason).to.equal(
            'early release after normal time of "QF": min back to the baseline 6; through extra time target tracking holds the fleet (and its N+1 reserve) while viewers stay, and scales in as they leave',
        );
        // The window still ends at the release (it decides which fixtures form one window), at the baseline from 21:05.
        expect(s.windows[0].releaseAt.toISOString()).to.equal("2027-04-10T22:15:00.000Z");
        expect(activeFloorAt(s, new Date("2027-04-10T21:04:59.999Z"))).to.equal(90);
        expect(activeFloorAt(s, new Date("2027-04-10T21:05:00Z"))).to.equal(6);
        // A deploy after the early release declares nothing and holds only the baseline.
        const after = planCapacitySchedule(matchdayPlan([qf], { targetUtilisation: 2 / 3 }), new Date("2027-04-10T21:10:00Z"));
        expect(after.actions).to.deep.equal([]);
        expect(after.floorNow).to.equal(6);
    });

    it("targetUtilisation just above (zones - 1) / zones, or none: the early release holds N+1 of the peak without headroom until the release", () => {
        for (const over of [{ targetUtilisation: 0.67 }, {}]) {
            const s = planCapacitySchedule(matchdayPlan([qf], over), NOW);
            expect(actionsOf(s), JSON.stringify(over)).to.deep.equal([
                ...buildUp,
                ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90], // 83 333: need 50, floor 75
                ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
            ]);
            expect(s.actions[4].reason).to.equal('early release after normal time of "QF": min down to 75; it keeps N+1 of its planned peak without headroom through extra time');
            expect(s.actions[5].reason).to.equal('release after "QF": min back to the baseline 6; target tracking scales in as viewers leave');
        }
    });

    it("concurrent fixtures released early to the baseline: each early release drops its own share, and the releases after are no points at all", () => {
        // Semi 1 100 000 (kickoff 19:00), Semi 2 60 000 (20:00), lead 60, target 0.6. At 21:05 Semi 1's share is 0,
        // Semi 2's full 60 000 remains: 54. At 22:05 both are 0: the baseline, so no action at 22:15 or 23:15.
        const s = planCapacitySchedule(matchdayPlan([
            { name: "Semi 1", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 100_000 },
            { name: "Semi 2", kickoff: "2027-05-04T20:00:00Z", expectedPeakViewers: 60_000 },
        ], { preWarmLeadMinutes: 60, targetUtilisation: 0.6 }), NOW);
        expect(actionsOf(s).slice(7)).to.deep.equal([
            ["kickoff-semi-2", "2027-05-04T19:45:00Z", 144, 126],
            ["fulltime-semi-1", "2027-05-04T21:05:00Z", 54, 144],
            ["fulltime-semi-2", "2027-05-04T22:05:00Z", 6, 54],
        ]);
        expect(s.actions).to.have.length(10);
        expect(s.windows[0].steps.slice(-2).map((st) => [st.at.toISOString().slice(11, 16), st.minSize])).to.deep.equal([["21:05", 54], ["22:05", 6]]);
        expect(s.actions.slice(8).map((a) => a.reason)).to.deep.equal([
            'early release after normal time of "Semi 1": min down to 54 for "Semi 2"; target tracking holds "Semi 1"\'s fleet while its viewers stay',
            'early release after normal time of "Semi 2": min back to the baseline 6; through extra time target tracking holds the fleet (and its N+1 reserve) while viewers stay, and scales in as they leave',
        ]);
        // The window still ends at the latest release (23:15), at the baseline from 22:05.
        expect(s.windows[0].releaseAt.toISOString()).to.equal("2027-05-04T23:15:00.000Z");
    });

    it("a short lead schedules fewer steps; a lead of 15 raises straight to the full floor", () => {
        const tail = [["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90], ["release-qf", "2027-04-10T22:15:00Z", 6, 75]];
        expect(actionsOf(planCapacitySchedule(matchdayPlan([qf], { preWarmLeadMinutes: 30 }), NOW))).to.deep.equal([
            ["prewarm-qf", "2027-04-10T18:30:00Z", 32, 6], // 34 333: 21
            ["rampup1-qf", "2027-04-10T18:35:00Z", 59, 32],
            ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
            ...tail,
        ]);
        const fifteen = planCapacitySchedule(matchdayPlan([qf], { preWarmLeadMinutes: 15 }), NOW);
        expect(actionsOf(fifteen)).to.deep.equal([["prewarm-qf", "2027-04-10T18:45:00Z", 90, 6], ...tail]);
    });

    it("no early release when the hold ends by kickoff + 125: the full floor until the release", () => {
        const s = planCapacitySchedule(matchdayPlan([qf], { matchWindowMinutes: 95, releaseDelayMinutes: 30 }), NOW);
        expect(actionsOf(s)).to.deep.equal([...buildUp, ["release-qf", "2027-04-10T21:05:00Z", 6, 90]]);
    });

    /** `"2027-04-10T18:35:00Z"` to `"2027-04-10T18:36:00Z"`. */
    const oneMinuteAfter = (utc: string) => new Date(Date.parse(utc) + 60_000).toISOString().replace(".000Z", "Z");
    /** QF's actions in a schedule, as [name, start time]. */
    const qfActions = (s: ReturnType<typeof planCapacitySchedule>) => s.actions.filter((a) => a.name.endsWith("-qf")).map((a) => [a.name, a.startTime]);
    const QF_ALONE = [
        ["prewarm-qf", "2027-04-10T17:50:00Z"],
        ["rampup1-qf", "2027-04-10T18:20:00Z"],
        ["rampup2-qf", "2027-04-10T18:35:00Z"],
        ["kickoff-qf", "2027-04-10T18:45:00Z"],
        ["fulltime-qf", "2027-04-10T21:05:00Z"],
        ["release-qf", "2027-04-10T22:15:00Z"],
    ];

    it("adding a fixture that kicks off later renames none of the earlier fixture's actions: where both step up at one instant the earlier keeps it and the later's moves a minute earlier; where the later steps up on the earlier's early release, the step up keeps it and the release moves a minute later", () => {
        expect(qfActions(planCapacitySchedule(matchdayPlan([qf]), NOW))).to.deep.equal(QF_ALONE);
        // Later's points are at kickoff -70, -40, -25, -15 (steps up), +125, +195 (steps down) like QF's. With Later 10,
        // 15, 25, 30, 45 or 55 minutes after QF, one of Later's steps up falls on one of QF's (by hand: 18:45, 18:35,
        // 18:45, 18:20, 18:35, 18:45): QF (earlier kickoff) keeps it and Later's moves to the minute before. With 140 or
        // 165 minutes, Later's full floor or first ramp-up falls on QF's early release (21:05): the step up keeps it and
        // QF's early release moves to 21:06.
        const sharedAt: [number, string, "later" | "qf"][] = [
            [10, "2027-04-10T18:45:00Z", "later"], [15, "2027-04-10T18:35:00Z", "later"], [25, "2027-04-10T18:45:00Z", "later"],
            [30, "2027-04-10T18:20:00Z", "later"], [45, "2027-04-10T18:35:00Z", "later"], [55, "2027-04-10T18:45:00Z", "later"],
            [140, "2027-04-10T21:05:00Z", "qf"], [165, "2027-04-10T21:05:00Z", "qf"],
        ];
        const oneMinuteBefore = (utc: string) => new Date(Date.parse(utc) - 60_000).toISOString().replace(".000Z", "Z");
        for (const [minutes, instant, moves] of sharedAt) {
            const later: Fixture = { name: "Later", kickoff: new Date(Date.parse(qf.kickoff) + minutes * 60_000).toISOString(), expectedPeakViewers: 60_000 };
            const both = planCapacitySchedule(matchdayPlan([later, qf]), NOW);
            const label = `${minutes} min later`;
            const laterActions = both.actions.filter((a) => a.name.endsWith("-later"));
            expect(laterActions.map((a) => a.name), label).to.deep.equal(["prewarm", "rampup1", "rampup2", "kickoff", "fulltime", "release"].map((k) => `${k}-later`));
            if (moves === "later") {
                expect(qfActions(both), label).to.deep.equal(QF_ALONE);
                expect(laterActions.some((a) => a.startTime === instant), label).to.equal(false);
                expect(laterActions.filter((a) => a.startTime === oneMinuteBefore(instant)), label).to.have.length(1);
            } else {
                expect(qfActions(both), label).to.deep.equal(QF_ALONE.map(([n, t]) => [n, n === "fulltime-qf" ? oneMinuteAfter(t) : t]));
                expect(laterActions.filter((a) => a.startTime === instant), label).to.have.length(1);
            }
            expect(new Set(both.actions.map((a) => a.startTime)).size, label).to.equal(both.actions.length);
        }
        // 15 minutes later, pinned: Later's first ramp-up comes at 18:34 (QF 34 333 + Later 20 600 = 54 933: need 33, 50),
        // a minute before QF's second ramp-up, which keeps 18:35 (65 000 + 20 600: need 52, 78). Before both, 18:20:
        // 34 333 + 14 600 = 48 933: need 30, 45.
        const fifteen = planCapacitySchedule(matchdayPlan([qf, { name: "Later", kickoff: "2027-04-10T19:15:00Z", expectedPeakViewers: 60_000 }]), NOW);
        expect(fifteen.actions.filter((a) => a.startTime >= "2027-04-10T18:34:00Z" && a.startTime <= "2027-04-10T18:35:00Z").map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize])).to.deep.equal([
            ["rampup1-later", "2027-04-10T18:34:00Z", 50, 45],
            ["rampup2-qf", "2027-04-10T18:35:00Z", 78, 50],
        ]);
        // 140 minutes later, pinned: Later (kickoff 21:20) steps up to its full floor at 21:05 with QF still at its full
        // floor (100 000 + 60 000: need 96, 144), and QF's early release follows at 21:06 (83 333 + 60 000: need 86, 129).
        // Before: Later's first ramp-up at 20:40, 100 000 + 20 600: need 73, 110; its second at 20:55, 100 000 + 39 000:
        // need 84, 126. No dip between them.
        const late140 = planCapacitySchedule(matchdayPlan([qf, { name: "Later", kickoff: "2027-04-10T21:20:00Z", expectedPeakViewers: 60_000 }]), NOW);
        expect(late140.actions.filter((a) => a.startTime >= "2027-04-10T20:55:00Z" && a.startTime <= "2027-04-10T21:06:00Z").map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize])).to.deep.equal([
            ["rampup2-later", "2027-04-10T20:55:00Z", 126, 110],
            ["kickoff-later", "2027-04-10T21:05:00Z", 144, 126],
            ["fulltime-qf", "2027-04-10T21:06:00Z", 129, 144],
        ]);
        expect(late140.actions.find((a) => a.name === "fulltime-qf")!.reason).to.equal(
            'early release after normal time of "QF": min down to 129; it keeps N+1 of its planned peak without headroom through extra time, with "Later" on',
        );
    });

    it("adding a fixture that kicks off 15 minutes earlier renames none of QF's actions: where both step up at one instant the earlier fixture keeps it, QF's step moves a minute earlier", () => {
        // Earlier (60 000, kickoff 18:45): 17:35, 18:05, 18:20, 18:30, 20:50, 22:00. Its second ramp-up falls on QF's first
        // (18:20), both steps up: Earlier (earlier kickoff) keeps it, QF's first ramp-up moves to 18:19, renamed by nothing.
        // Viewers in force, need, floor: 17:35 14 600 -> 9, 14; 17:50 + 24 333 -> 24, 36; 18:05 20 600 + 24 333 -> 27, 41;
        // 18:19 20 600 + 34 333 -> 33, 50; 18:20 39 000 + 34 333 -> 44, 66; 18:30 60 000 + 34 333 -> 57, 86;
        // 18:35 60 000 + 65 000 -> 75, 113; 18:45 160 000 -> 96, 144; 20:50 50 000 + 100 000 -> 90, 135;
        // 21:05 50 000 + 83 333 -> 80, 120; 22:00 83 333 -> 50, 75; 22:15 the baseline.
        const earlier: Fixture = { name: "Earlier", kickoff: "2027-04-10T18:45:00Z", expectedPeakViewers: 60_000 };
        const s = planCapacitySchedule(matchdayPlan([qf, earlier]), NOW);
        expect(actionsOf(s)).to.deep.equal([
            ["prewarm-earlier", "2027-04-10T17:35:00Z", 14, 6],
            ["prewarm-qf", "2027-04-10T17:50:00Z", 36, 14],
            ["rampup1-earlier", "2027-04-10T18:05:00Z", 41, 36],
            ["rampup1-qf", "2027-04-10T18:19:00Z", 50, 41],
            ["rampup2-earlier", "2027-04-10T18:20:00Z", 66, 50],
            ["kickoff-earlier", "2027-04-10T18:30:00Z", 86, 66],
            ["rampup2-qf", "2027-04-10T18:35:00Z", 113, 86],
            ["kickoff-qf", "2027-04-10T18:45:00Z", 144, 113],
            ["fulltime-earlier", "2027-04-10T20:50:00Z", 135, 144],
            ["fulltime-qf", "2027-04-10T21:05:00Z", 120, 135],
            ["release-earlier", "2027-04-10T22:00:00Z", 75, 120],
            ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
        ]);
        expectSameNamesMovedAtMostAMinute(qfActions(s), QF_ALONE, 1);
        expect(s.actions[3].reason).to.equal('pre-warm "QF", with "Earlier" on: min 50 for the build-up until its next step serves, even with one of 3 zones lost');
        expect(s.actions[4].reason).to.equal('pre-warm "Earlier", with "QF" on: min 66 for the build-up until its next step serves, even with one of 3 zones lost');
    });

    it("adding a fixture that kicks off 150 minutes earlier renames and moves none of QF's actions: QF's step up keeps the instant, the earlier fixture's early release moves a minute later", () => {
        // Earlier (60 000, kickoff 16:30): 15:20, 15:50, 16:05, 16:15, 18:35, 19:45. Its early release (down) falls on
        // QF's second ramp-up (up, 18:35): QF's keeps it and Earlier's early release moves to 18:36, so for that minute
        // the floor holds both and then goes down (before: 86 at 18:20, down to 77 at 18:35 and up to 104 at 18:36).
        // Viewers in force, need, floor:
        // 15:20 14 600 -> 9, 14; 15:50 20 600 -> 13, 20; 16:05 39 000 -> 24, 36; 16:15 60 000 -> 36, 54;
        // 17:50 60 000 + 24 333 -> 51, 77; 18:20 60 000 + 34 333 -> 57, 86; 18:35 60 000 + 65 000 -> 75, 113;
        // 18:36 50 000 + 65 000 -> 69, 104; 18:45 150 000 -> 90, 135; 19:45 100 000 -> 60, 90; 21:05 83 333 -> 50, 75.
        const earlier: Fixture = { name: "Earlier", kickoff: "2027-04-10T16:30:00Z", expectedPeakViewers: 60_000 };
        const s = planCapacitySchedule(matchdayPlan([qf, earlier]), NOW);
        expect(s.windows.map((w) => w.fixtures)).to.deep.equal([["Earlier", "QF"]]);
        expect(actionsOf(s)).to.deep.equal([
            ["prewarm-earlier", "2027-04-10T15:20:00Z", 14, 6],
            ["rampup1-earlier", "2027-04-10T15:50:00Z", 20, 14],
            ["rampup2-earlier", "2027-04-10T16:05:00Z", 36, 20],
            ["kickoff-earlier", "2027-04-10T16:15:00Z", 54, 36],
            ["prewarm-qf", "2027-04-10T17:50:00Z", 77, 54],
            ["rampup1-qf", "2027-04-10T18:20:00Z", 86, 77],
            ["rampup2-qf", "2027-04-10T18:35:00Z", 113, 86],
            ["fulltime-earlier", "2027-04-10T18:36:00Z", 104, 113],
            ["kickoff-qf", "2027-04-10T18:45:00Z", 135, 104],
            ["release-earlier", "2027-04-10T19:45:00Z", 90, 135],
            ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90],
            ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
        ]);
        expectSameNamesMovedAtMostAMinute(qfActions(s), QF_ALONE, 0);
        expect(s.actions[7].reason).to.equal(
            'early release after normal time of "Earlier": min down to 104; it keeps N+1 of its planned peak without headroom through extra time, with "QF" on',
        );
        expect(s.actions[9].reason).to.equal('release after "Earlier": min down to 90 for "QF"');
    });

    it("adding an earlier fixture at any minute from 1 to 300 before QF renames none of QF's actions and moves each by at most a minute, a step up earlier, a step down later", () => {
        for (let minutes = 1; minutes <= 300; minutes++) {
            const earlier: Fixture = { name: "Earlier", kickoff: new Date(Date.parse(qf.kickoff) - minutes * 60_000).toISOString(), expectedPeakViewers: 60_000 };
            const s = planCapacitySchedule(matchdayPlan([earlier, qf]), NOW);
            const moved = expectSameNamesMovedAtMostAMinute(qfActions(s), QF_ALONE, undefined, `${minutes} min earlier`);
            // Both have points at kickoff -70, -40, -25, -15 (up), +125 and +195 (down), so Earlier's point o_E lands on
            // QF's o_Q when Earlier is o_E - o_Q minutes earlier. QF's point moves only when it does not go first: both
            // up (Earlier has the earlier kickoff) or QF's down under Earlier's up or down. By hand:
            // - QF's step up moves a minute earlier, under Earlier's step up: 30, 45, 55 (on QF's pre-warm), 15, 25 (on
            //   -40), 10 (on -25);
            // - QF's early release moves a minute later, under Earlier's release: 70;
            // - QF's step up keeps the instant, Earlier's step down moves: 195, 265 (on QF's pre-warm: 265 is back to
            //   back), 165, 235 (on -40), 150, 220 (on -25), 140, 210 (on -15).
            const movesQf = new Set([10, 15, 25, 30, 45, 55, 70]);
            expect(moved > 0, `${minutes} min earlier: ${moved} moved`).to.equal(movesQf.has(minutes));
            if (movesQf.has(minutes)) expect(moved, `${minutes} min earlier`).to.equal(1);
            // Where Earlier's step down gives way, it is Earlier's action that moves a minute later.
            const keepsQf = new Map([[195, "fulltime"], [265, "release"], [165, "fulltime"], [235, "release"], [150, "fulltime"], [220, "release"], [140, "fulltime"], [210, "release"]]);
            const kind = keepsQf.get(minutes);
            if (kind !== undefined) {
                const offset = kind === "fulltime" ? 125 : 195;
                const planned = Date.parse(earlier.kickoff) + offset * 60_000;
                expect(Date.parse(s.actions.find((a) => a.name === `${kind}-earlier`)!.startTime), `${minutes} min earlier`).to.equal(planned + 60_000);
            }
        }
    });
});

/**
 * `actual` has the same names as `expected` (as sets, and each once), and each starts at the
 * same time or moves one minute: a step up (pre-warm, ramp-up, full floor) only earlier, a
 * step down (early release, release) only later; returns how many moved. `moves`, when given,
 * is how many must.
 */
function expectSameNamesMovedAtMostAMinute(actual: string[][], expected: string[][], moves?: number, label = ""): number {
    expect(new Set(actual.map(([n]) => n)), label).to.deep.equal(new Set(expected.map(([n]) => n)));
    expect(actual, label).to.have.length(expected.length);
    let moved = 0;
    for (const [name, start] of actual) {
        const before = Date.parse(expected.find(([n]) => n === name)![1]);
        const delta = Date.parse(start) - before;
        const down = name.startsWith("fulltime-") || name.startsWith("release-");
        expect([0, down ? 60_000 : -60_000], `${label} ${name}: ${start}`).to.include(delta);
        if (delta !== 0) moved++;
    }
    if (moves !== undefined) expect(moved, label).to.equal(moves);
    return moved;
}
