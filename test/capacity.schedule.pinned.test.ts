/**
 * The schedule at its exact edges, in what AWS receives (scheduled actions: name, start
 * time, minimum) and what the platform team reads (notes). Floors are worked out by
 * hand from the README's rule: need = ceil(peak x surge x 1.2 / 2 000), floor =
 * ceil(need x 3 / 2) over 3 zones, never below the baseline minimum of 6.
 */
import { expect } from "chai";
import { Fixture } from "../stacks/capacity/fixtures";
import { activeFloorAt, ceilTolerant, MAX_SCHEDULED_ACTIONS, planCapacitySchedule, requiredInstances } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";

const NOW = new Date("2027-04-01T00:00:00Z");
const fixture = (name: string, kickoff: string, expectedPeakViewers: number, surgeFactor?: number): Fixture =>
    surgeFactor === undefined ? { name, kickoff, expectedPeakViewers } : { name, kickoff, expectedPeakViewers, surgeFactor };
const actionsOf = (s: ReturnType<typeof planCapacitySchedule>) => s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize]);

describe("capacity schedule, pinned at its edges", () => {
    describe("requiredInstances and its rounding", () => {
        it("tolerates floating-point dust of one part in 10^9, and nothing more", () => {
            expect(ceilTolerant(120)).to.equal(120);
            expect(ceilTolerant(120.00000001)).to.equal(120);
            expect(ceilTolerant(120.0000005)).to.equal(121);
            expect(ceilTolerant(0.5)).to.equal(1);
            expect(ceilTolerant(1e-10)).to.equal(0);
        });

        it("refuses arguments outside their ranges with a RangeError naming the argument, and accepts an audience of 0", () => {
            expect(requiredInstances(0, 1, 2000, 20, 3)).to.equal(0);
            for (const [args, name] of [
                [[-1, 1, 2000, 20, 3], "peakViewers"],
                [[NaN, 1, 2000, 20, 3], "peakViewers"],
                [[Infinity, 1, 2000, 20, 3], "peakViewers"],
                [[1000, 0, 2000, 20, 3], "surgeFactor"],
                [[1000, Infinity, 2000, 20, 3], "surgeFactor"],
                [[1000, NaN, 2000, 20, 3], "surgeFactor"],
                [[1000, 1, 2000, -1, 3], "headroomPercent"],
                [[1000, 1, 2000, Infinity, 3], "headroomPercent"],
                [[1000, 1, 2000, NaN, 3], "headroomPercent"],
            ] as [[number, number, number, number, number], string][]) {
                expect(() => requiredInstances(...args), String(args)).to.throw(RangeError, new RegExp(`^${name} = `));
            }
        });

        it("sizes the fixture's planned audience: expected peak times its surge factor (the README's final: 203)", () => {
            const s = planCapacitySchedule(matchdayPlan([fixture("UCL final", "2027-05-29T19:00:00Z", 150_000, 1.5)]), NOW);
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 6],
                ["release-ucl-final", "2027-05-29T22:15:00Z", 6, 203],
            ]);
        });

        it("refuses to plan a kickoff that cannot be read, naming the fixture and the check to run", () => {
            expect(() => planCapacitySchedule(matchdayPlan([fixture("UCL final", "tomorrow", 1000)]), NOW)).to.throw(
                'fixture "UCL final": kickoff "tomorrow" is not valid; run checkCapacityPlan first',
            );
        });
    });

    describe("overlapping fixtures add up, each change one action", () => {
        // Semi 1 (100 000): need 60, floor 90. Semi 2 (60 000): 36, 54. Together: 96, 144.
        const semi1 = fixture("Semi 1", "2027-05-04T19:00:00Z", 100_000);
        const semi2 = fixture("Semi 2", "2027-05-04T20:00:00Z", 60_000);

        it("steps up at the second pre-warm and down at the first release, with a reason for each", () => {
            const s = planCapacitySchedule(matchdayPlan([semi2, semi1], { preWarmLeadMinutes: 60 }), NOW);
            expect(s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize, a.reason])).to.deep.equal([
                ["prewarm-semi-1", "2027-05-04T18:00:00Z", 90, 6, 'pre-warm "Semi 1": min 90 so they are in service by kickoff, even with one of 3 zones lost'],
                ["prewarm-semi-2", "2027-05-04T19:00:00Z", 144, 90, 'pre-warm "Semi 1" and "Semi 2": min 144 so they are in service by kickoff, even with one of 3 zones lost'],
                ["release-semi-1", "2027-05-04T22:15:00Z", 54, 144, '"Semi 2" still on: min down to 54 for their audience'],
                ["release-semi-2", "2027-05-04T23:15:00Z", 6, 54, 'release after "Semi 1" and "Semi 2": min back to the baseline 6; target tracking scales in as viewers leave'],
            ]);
            expect(s.windows.map((w) => [w.fixtures, w.minSize, w.preWarmAt.toISOString(), w.kickoff.toISOString(), w.releaseAt.toISOString()])).to.deep.equal([
                [["Semi 1", "Semi 2"], 144, "2027-05-04T18:00:00.000Z", "2027-05-04T19:00:00.000Z", "2027-05-04T23:15:00.000Z"],
            ]);
            expect(s.notes).to.deep.equal([
                'concurrent "Semi 1" and "Semi 2": their windows overlap, so their audiences add up while both are on: min 144 from 2027-05-04 19:00Z (2027-05-05 04:00 UTC+09:00) ' +
                    '("Semi 1" alone 90, "Semi 2" alone 54); one window 2027-05-04 18:00Z (2027-05-05 03:00 UTC+09:00) to 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00)',
            ]);
        });

        it("three overlapping matches: the note names the highest combined floor, from the first overlap", () => {
            // A 100 000 (90), A+B 160 000 (144), A+B+C 200 000 (180), B+C 100 000 (90), C 40 000 (36).
            const s = planCapacitySchedule(matchdayPlan([
                fixture("A", "2027-05-04T19:00:00Z", 100_000),
                fixture("B", "2027-05-04T19:30:00Z", 60_000),
                fixture("C", "2027-05-04T20:00:00Z", 40_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(s.windows[0].steps.map((st) => [st.at.toISOString(), st.minSize, st.fixtures])).to.deep.equal([
                ["2027-05-04T18:00:00.000Z", 90, ["A"]],
                ["2027-05-04T18:30:00.000Z", 144, ["A", "B"]],
                ["2027-05-04T19:00:00.000Z", 180, ["A", "B", "C"]],
                ["2027-05-04T22:15:00.000Z", 90, ["B", "C"]],
                ["2027-05-04T22:45:00.000Z", 36, ["C"]],
            ]);
            expect(s.notes[0]).to.match(/^concurrent "A", "B" and "C": their windows overlap, so their audiences add up while both are on: min 180 from 2027-05-04 18:30Z /);
        });

        it("overlapping matches whose floors are all the baseline: one step naming both, no action in between", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("A", "2027-05-04T19:00:00Z", 40_000),
                fixture("B", "2027-05-04T20:00:00Z", 60_000),
            ], { preWarmLeadMinutes: 60, baselineMinSize: 100 }), NOW);
            expect(s.windows[0].steps.map((st) => [st.at.toISOString(), st.minSize, st.fixtures])).to.deep.equal([["2027-05-04T18:00:00.000Z", 100, ["A", "B"]]]);
            expect(s.actions.map((a) => [a.name, a.minSize])).to.deep.equal([["prewarm-a", 100], ["release-b", 100]]);
        });

        it("the floor at an instant: a step holds from its start (inclusive) to the next (exclusive); nothing at the release", () => {
            const s = planCapacitySchedule(matchdayPlan([semi1, semi2], { preWarmLeadMinutes: 60 }), NOW);
            const at = (iso: string) => activeFloorAt(s, new Date(iso));
            expect(at("2027-05-04T17:59:59.999Z")).to.equal(undefined);
            expect(at("2027-05-04T18:00:00Z")).to.equal(90);
            expect(at("2027-05-04T18:59:59.999Z")).to.equal(90);
            expect(at("2027-05-04T19:00:00Z")).to.equal(144);
            expect(at("2027-05-04T22:15:00Z")).to.equal(54);
            expect(at("2027-05-04T23:14:59.999Z")).to.equal(54);
            expect(at("2027-05-04T23:15:00Z")).to.equal(undefined);
        });

        it("back-to-back fixtures (a release at the next pre-warm) share that action, named after the pre-warm, and one window", () => {
            // Early 40 000: floor 36; Middle 60 000: 54; Late 100 000: 90. Each window is 60 + 195 minutes.
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Late", "2027-05-04T20:30:00Z", 100_000),
                fixture("Early", "2027-05-04T12:00:00Z", 40_000),
                fixture("Middle", "2027-05-04T16:15:00Z", 60_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-early", "2027-05-04T11:00:00Z", 36, 6],
                ["prewarm-middle", "2027-05-04T15:15:00Z", 54, 36],
                ["prewarm-late", "2027-05-04T19:30:00Z", 90, 54],
                ["release-late", "2027-05-04T23:45:00Z", 6, 90],
            ]);
            expect(s.actions[3].reason).to.equal('release after "Early", "Middle" and "Late": min back to the baseline 6; target tracking scales in as viewers leave');
            expect(s.notes).to.deep.equal([
                'back to back "Early", "Middle" and "Late": one release is the next pre-warm, so they share one action there; ' +
                    "one window 2027-05-04 11:00Z (2027-05-04 20:00 UTC+09:00) to 2027-05-04 23:45Z (2027-05-05 08:45 UTC+09:00)",
            ]);
        });

        it("fixtures one minute apart from touching are two windows, each with its own actions and no note", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Early", "2027-05-04T12:00:00Z", 40_000),
                fixture("Middle", "2027-05-04T16:16:00Z", 60_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-early", "2027-05-04T11:00:00Z", 36, 6],
                ["release-early", "2027-05-04T15:15:00Z", 6, 36],
                ["prewarm-middle", "2027-05-04T15:16:00Z", 54, 6],
                ["release-middle", "2027-05-04T19:31:00Z", 6, 54],
            ]);
            expect(s.windows.map((w) => w.fixtures)).to.deep.equal([["Early"], ["Middle"]]);
            expect(s.notes).to.deep.equal([]);
        });

        it("a window inside a longer one ends with the longer one (the window's end is the latest release)", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Long", "2027-05-04T12:00:00Z", 40_000),
                fixture("Short", "2027-05-04T13:00:00Z", 60_000),
                fixture("Next", "2027-05-04T16:00:00Z", 100_000),
            ], { preWarmLeadMinutes: 60, matchWindowMinutes: 240 }), NOW);
            // Long 11:00-16:30, Short 12:00-17:30, Next 15:00-20:30: all one window, released at 20:30.
            expect(s.windows.map((w) => [w.fixtures, w.releaseAt.toISOString()])).to.deep.equal([[["Long", "Short", "Next"], "2027-05-04T20:30:00.000Z"]]);
            expect(s.actions.at(-1)).to.deep.include({ name: "release-next", startTime: "2027-05-04T20:30:00Z", minSize: 6 });
        });

        it("fixtures with the same kickoff: one window, and the action at the shared instant is named after the first name in code-unit order", () => {
            // Alpha 60 000 + Zeta 40 000 = 100 000: need 60, floor 90; alone 54 and 36.
            for (const order of [["Zeta night", "Alpha night"], ["Alpha night", "Zeta night"]]) {
                const byName: Record<string, Fixture> = {
                    "Alpha night": fixture("Alpha night", "2027-05-04T19:00:00Z", 60_000),
                    "Zeta night": fixture("Zeta night", "2027-05-04T19:00:00Z", 40_000),
                };
                const s = planCapacitySchedule(matchdayPlan(order.map((n) => byName[n])), NOW);
                expect(actionsOf(s), order.join(", ")).to.deep.equal([
                    ["prewarm-alpha-night", "2027-05-04T17:50:00Z", 90, 6],
                    ["release-alpha-night", "2027-05-04T22:15:00Z", 6, 90],
                ]);
                expect(s.windows[0].fixtures).to.deep.equal(["Alpha night", "Zeta night"]);
                expect(s.notes[0]).to.contain('("Alpha night" alone 54, "Zeta night" alone 36)');
            }
            // Upper case sorts before lower case (code units, not the locale).
            const cased = planCapacitySchedule(matchdayPlan([
                fixture("alpha", "2027-05-04T19:00:00Z", 40_000),
                fixture("Beta", "2027-05-04T19:00:00Z", 40_000),
            ]), NOW);
            expect(cased.actions.map((a) => a.name)).to.deep.equal(["prewarm-beta", "release-beta"]);
        });

        it("lists past fixtures in kickoff order, then by name, whatever the file's order", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Later", "2027-03-20T19:00:00Z", 1000),
                fixture("B same", "2027-03-10T19:00:00Z", 1000),
                fixture("A same", "2027-03-10T19:00:00Z", 1000),
            ]), NOW);
            expect(s.pastFixtures.map((p) => p.name)).to.deep.equal(["A same", "B same", "Later"]);
        });

        it("a single fixture has no window note", () => {
            expect(planCapacitySchedule(matchdayPlan([fixture("QF", "2027-04-10T19:00:00Z", 100_000)]), NOW).notes).to.deep.equal([]);
        });
    });

    describe("deploy time against the window, to the second", () => {
        // QF: 100 000 viewers, floor 90; pre-warm 17:50Z, kickoff 19:00Z, release 22:15Z; minimum lead 30 minutes.
        const qf = fixture("QF", "2027-04-10T19:00:00Z", 100_000);
        const plan = (now: string) => planCapacitySchedule(matchdayPlan([qf]), new Date(now));

        it("a window ending exactly now is past: listed and noted, nothing declared", () => {
            const s = plan("2027-04-10T22:15:00Z");
            expect(s.actions).to.deep.equal([]);
            expect(s.windows).to.deep.equal([]);
            expect(s.floorNow).to.equal(undefined);
            expect(s.pastFixtures).to.deep.equal([{ name: "QF", kickoff: new Date("2027-04-10T19:00:00Z"), releaseAt: new Date("2027-04-10T22:15:00Z") }]);
            expect(s.notes).to.deep.equal([
                'past fixture "QF" (kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00)): its window ended at 2027-04-10 22:15Z (2027-04-11 07:15 UTC+09:00), ' +
                    "before this deploy (2027-04-10 22:15Z (2027-04-11 07:15 UTC+09:00)); nothing is scheduled for it (remove it from the file, or fix its date)",
            ]);
            // One millisecond earlier it is still on: its release is declared and the floor held.
            const before = plan("2027-04-10T22:14:59.999Z");
            expect(actionsOf(before)).to.deep.equal([["release-qf", "2027-04-10T22:15:00Z", 6, 90]]);
            expect(before.floorNow).to.equal(90);
            expect(before.pastFixtures).to.deep.equal([]);
        });

        it("a pre-warm exactly now is not declared as an action (AWS refuses a start time in the past): the group holds the floor directly", () => {
            const s = plan("2027-04-10T17:50:00Z");
            expect(actionsOf(s)).to.deep.equal([["release-qf", "2027-04-10T22:15:00Z", 6, 90]]);
            expect(s.floorNow).to.equal(90);
            expect(s.notes).to.deep.equal([
                'late "QF": kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00) is 70 minutes after this deploy, less than the 70-minute pre-warm lead; ' +
                    "its floor is declared on the group directly, and cold instances launched now serve about 65 minutes before kickoff (the warm pool, if any, is faster)",
            ]);
        });

        it("a pre-warm exactly the minimum lead away is declared without a note and no floor now; one second closer holds the floor and notes it", () => {
            const s = plan("2027-04-10T17:20:00Z");
            expect(actionsOf(s)).to.deep.equal([["prewarm-qf", "2027-04-10T17:50:00Z", 90, 6], ["release-qf", "2027-04-10T22:15:00Z", 6, 90]]);
            expect(s.floorNow).to.equal(undefined);
            expect(s.notes).to.deep.equal([]);
            const closer = plan("2027-04-10T17:20:01Z");
            expect(closer.actions.map((a) => a.name)).to.deep.equal(["prewarm-qf", "release-qf"]);
            expect(closer.floorNow).to.equal(90);
            expect(closer.notes).to.have.length(2);
            expect(closer.notes[0]).to.match(/^late "QF": kickoff .* is 99 minutes after this deploy, less than the 70-minute pre-warm lead; .* about 94 minutes before kickoff/);
            expect(closer.notes[1]).to.equal(
                "prewarm-qf at 2027-04-10 17:50Z (2027-04-11 02:50 UTC+09:00) is less than 30 minutes away: kept as declared (an existing action is untouched); " +
                    "if it does not exist yet, AWS refuses it once its time has passed, and the deploy fails rather than leave the minimum wrong",
            );
        });

        it("cold instances launched 5 minutes before kickoff serve only after it; 6 minutes before, about 1 minute before", () => {
            expect(plan("2027-04-10T18:55:00Z").notes[0]).to.contain("is 5 minutes after this deploy").and.contain("serve only after kickoff (about 0 minutes into the match)");
            expect(plan("2027-04-10T18:54:00Z").notes[0]).to.contain("is 6 minutes after this deploy").and.contain("serve about 1 minutes before kickoff");
            const warm = planCapacitySchedule(matchdayPlan([qf]), new Date("2027-04-10T18:50:00Z"), { coldLaunchMinutes: 12 });
            expect(warm.notes[0]).to.contain("serve only after kickoff (about 2 minutes into the match)");
        });

        it("a kickoff exactly now is in progress, held until its release", () => {
            const s = plan("2027-04-10T19:00:00Z");
            expect(s.floorNow).to.equal(90);
            expect(s.notes).to.deep.equal([
                'in progress "QF" (kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00)): the floor is declared on the group directly until its release at 2027-04-10 22:15Z (2027-04-11 07:15 UTC+09:00)',
            ]);
        });

        it("a release exactly the minimum lead away has no note; one second closer, the note", () => {
            expect(plan("2027-04-10T21:45:00Z").notes.filter((n) => n.startsWith("release-qf"))).to.deep.equal([]);
            expect(plan("2027-04-10T21:45:01Z").notes.filter((n) => n.startsWith("release-qf"))).to.have.length(1);
        });
    });

    describe("AWS's 125 actions per group", () => {
        it("once a window is deferred, every later window is deferred too, even one that would fit", () => {
            expect(MAX_SCHEDULED_ACTIONS).to.equal(125);
            // 61 single windows (122 actions), then a concurrent pair (4 actions: 126), then a single (2: 124 would fit).
            const fixtures: Fixture[] = [];
            for (let d = 0; d < 61; d++) fixtures.push(fixture(`Night ${d}`, new Date(Date.parse("2027-04-02T19:00:00Z") + d * 86_400_000).toISOString(), 40_000));
            fixtures.push(fixture("Pair A", "2027-06-10T19:00:00Z", 40_000), fixture("Pair B", "2027-06-10T20:00:00Z", 60_000));
            fixtures.push(fixture("Single", "2027-06-20T19:00:00Z", 40_000));
            const s = planCapacitySchedule(matchdayPlan(fixtures), NOW);
            expect(s.actions).to.have.length(122);
            expect(s.windows.map((w) => w.fixtures[0])).to.not.include("Single");
            const deferred = s.notes.filter((n) => n.startsWith("deferred"));
            expect(deferred).to.deep.equal([
                'deferred "Pair A" and "Pair B" (kickoff 2027-06-10 19:00Z (2027-06-11 04:00 UTC+09:00)): AWS allows 125 scheduled actions per group and the earlier windows use 122; a deploy after some of them have passed schedules it',
                'deferred "Single" (kickoff 2027-06-20 19:00Z (2027-06-21 04:00 UTC+09:00)): AWS allows 125 scheduled actions per group and the earlier windows use 122; a deploy after some of them have passed schedules it',
            ]);
        });
    });
});
