/**
 * The schedule at its exact edges, in what AWS receives (scheduled actions: name, start
 * time, minimum) and what the platform team reads (notes). Floors are worked out by
 * hand from the README's rule: need = ceil(viewers x 1.2 / 2 000), floor =
 * ceil(need x 3 / 2) over 3 zones, never below the baseline minimum of 6, where viewers
 * is the planned peak (expected x surge) times the share of the fixture's floor profile
 * in force: 73/300 from the pre-warm (kickoff - lead), 103/300 from kickoff - 40, 0.65
 * from kickoff - 25, 1 from kickoff - 15, 100/120 from kickoff + 125, 0 from the release
 * at kickoff + 195. Where points of several fixtures fall on one instant, a point that raises
 * its fixture's share (pre-warm, ramp-ups, full floor) goes first and keeps it, ties in kickoff
 * order, then name (code units); the other raising points move a minute earlier each (until
 * free), the lowering ones (early release, release) a minute later each, so every action is
 * one fixture's own point and the floor never dips between two steps. Per fixture:
 *
 * | planned viewers | pre-warm | -40 | -25 | -15 | +125 |
 * |---|---|---|---|---|---|
 * | 10 000 | 2 -> 6 | 3 -> 6 | 4 -> 6 | 6 -> 9 | 5 -> 8 |
 * | 40 000 | 6 -> 9 | 9 -> 14 | 16 -> 24 | 24 -> 36 | 20 -> 30 |
 * | 60 000 | 9 -> 14 | 13 -> 20 | 24 -> 36 | 36 -> 54 | 30 -> 45 |
 * | 100 000 | 15 -> 23 | 21 -> 32 | 39 -> 59 | 60 -> 90 | 50 -> 75 |
 * | 225 000 | 33 -> 50 | 47 -> 71 | 88 -> 132 | 135 -> 203 | 113 -> 170 |
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
                ["prewarm-ucl-final", "2027-05-29T17:50:00Z", 50, 6],
                ["rampup1-ucl-final", "2027-05-29T18:20:00Z", 71, 50],
                ["rampup2-ucl-final", "2027-05-29T18:35:00Z", 132, 71],
                ["kickoff-ucl-final", "2027-05-29T18:45:00Z", 203, 132],
                ["fulltime-ucl-final", "2027-05-29T21:05:00Z", 170, 203],
                ["release-ucl-final", "2027-05-29T22:15:00Z", 6, 170],
            ]);
            expect(s.windows.map((w) => w.minSize)).to.deep.equal([203]);
        });

        it("refuses to plan a kickoff that cannot be read, naming the fixture and the check to run", () => {
            expect(() => planCapacitySchedule(matchdayPlan([fixture("UCL final", "tomorrow", 1000)]), NOW)).to.throw(
                'fixture "UCL final": kickoff "tomorrow" is not valid; run checkCapacityPlan first',
            );
        });
    });

    describe("overlapping fixtures add up, each change one action", () => {
        // Semi 1 (100 000): full floor 90; Semi 2 (60 000): 54; both at full floor: 160 000, need 96, floor 144.
        const semi1 = fixture("Semi 1", "2027-05-04T19:00:00Z", 100_000);
        const semi2 = fixture("Semi 2", "2027-05-04T20:00:00Z", 60_000);

        it("steps up with each fixture's profile and down at each early release and release, with a reason for each", () => {
            // Semi 1: 18:00 18:20 18:35 18:45 | 21:05 | 22:15. Semi 2: 19:00 19:20 19:35 19:45 | 22:05 | 23:15.
            // 19:00 100 000 + 14 600 -> 69, 104; 19:20 + 20 600 -> 73, 110; 19:35 + 39 000 -> 84, 126; 19:45 160 000 -> 144;
            // 21:05 83 333 + 60 000 -> 86, 129; 22:05 83 333 + 50 000 -> 80, 120; 22:15 50 000 -> 30, 45.
            const s = planCapacitySchedule(matchdayPlan([semi2, semi1], { preWarmLeadMinutes: 60 }), NOW);
            // A reason names the fixture whose point the action is, then the others on at that step.
            const buildUp = (who: string, min: number) => `pre-warm ${who}: min ${min} for the build-up until its next step serves, even with one of 3 zones lost`;
            const full = (who: string, min: number) => `full floor for ${who}: min ${min} so they are in service by kickoff, even with one of 3 zones lost`;
            const semi2WithSemi1 = '"Semi 2", with "Semi 1" on';
            expect(s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize])).to.deep.equal([
                ["prewarm-semi-1", "2027-05-04T18:00:00Z", 23, 6],
                ["rampup1-semi-1", "2027-05-04T18:20:00Z", 32, 23],
                ["rampup2-semi-1", "2027-05-04T18:35:00Z", 59, 32],
                ["kickoff-semi-1", "2027-05-04T18:45:00Z", 90, 59],
                ["prewarm-semi-2", "2027-05-04T19:00:00Z", 104, 90],
                ["rampup1-semi-2", "2027-05-04T19:20:00Z", 110, 104],
                ["rampup2-semi-2", "2027-05-04T19:35:00Z", 126, 110],
                ["kickoff-semi-2", "2027-05-04T19:45:00Z", 144, 126],
                ["fulltime-semi-1", "2027-05-04T21:05:00Z", 129, 144],
                ["fulltime-semi-2", "2027-05-04T22:05:00Z", 120, 129],
                ["release-semi-1", "2027-05-04T22:15:00Z", 45, 120],
                ["release-semi-2", "2027-05-04T23:15:00Z", 6, 45],
            ]);
            const reasons = s.actions.map((a) => a.reason);
            expect(reasons.slice(0, 8)).to.deep.equal([
                buildUp('"Semi 1"', 23),
                buildUp('"Semi 1"', 32),
                buildUp('"Semi 1"', 59),
                full('"Semi 1"', 90),
                buildUp(semi2WithSemi1, 104),
                buildUp(semi2WithSemi1, 110),
                buildUp(semi2WithSemi1, 126),
                full(semi2WithSemi1, 144),
            ]);
            // The early releases keep N+1 of the released fixture's own planned peak, with the other fixture still on;
            // Semi 1's release goes down to Semi 2's floor; the last goes back to the baseline.
            expect(reasons.slice(8)).to.deep.equal([
                'early release after normal time of "Semi 1": min down to 129; it keeps N+1 of its planned peak without headroom through extra time, with "Semi 2" on',
                'early release after normal time of "Semi 2": min down to 120; it keeps N+1 of its planned peak without headroom through extra time, with "Semi 1" on',
                'release after "Semi 1": min down to 45 for "Semi 2"',
                // The release to the baseline names only its own fixture.
                'release after "Semi 2": min back to the baseline 6; target tracking scales in as viewers leave',
            ]);
            expect(s.windows.map((w) => [w.fixtures, w.minSize, w.preWarmAt.toISOString(), w.kickoff.toISOString(), w.releaseAt.toISOString()])).to.deep.equal([
                [["Semi 1", "Semi 2"], 144, "2027-05-04T18:00:00.000Z", "2027-05-04T19:00:00.000Z", "2027-05-04T23:15:00.000Z"],
            ]);
            expect(s.notes).to.deep.equal([
                'concurrent "Semi 1" and "Semi 2": their windows overlap, so their audiences add up while both are on: min up to 144 ' +
                    '("Semi 1" alone 90, "Semi 2" alone 54); one window 2027-05-04 18:00Z (2027-05-05 03:00 UTC+09:00) to 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00)',
            ]);
        });

        it("three overlapping matches: every profile point is a step, and the note names the highest combined floor", () => {
            // A 100 000 from 18:00, B 60 000 from 18:30, C 40 000 from 19:00 (lead 60); viewers in force, need, floor:
            const s = planCapacitySchedule(matchdayPlan([
                fixture("A", "2027-05-04T19:00:00Z", 100_000),
                fixture("B", "2027-05-04T19:30:00Z", 60_000),
                fixture("C", "2027-05-04T20:00:00Z", 40_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(s.windows[0].steps.map((st) => [st.at.toISOString().slice(11, 16), st.minSize, st.fixtures])).to.deep.equal([
                ["18:00", 23, ["A"]], // 24 333: 15
                ["18:20", 32, ["A"]], // 34 333: 21
                ["18:30", 45, ["A", "B"]], // 34 333 + 14 600: 30
                ["18:35", 72, ["A", "B"]], // 65 000 + 14 600: 48
                ["18:45", 104, ["A", "B"]], // 100 000 + 14 600: 69
                ["18:50", 110, ["A", "B"]], // 100 000 + 20 600: 73
                ["19:00", 119, ["A", "B", "C"]], // 120 600 + 9 733: 79
                ["19:05", 135, ["A", "B", "C"]], // 100 000 + 39 000 + 9 733: 90
                ["19:15", 153, ["A", "B", "C"]], // 160 000 + 9 733: 102
                ["19:20", 158, ["A", "B", "C"]], // 160 000 + 13 733: 105
                ["19:35", 168, ["A", "B", "C"]], // 160 000 + 26 000: 112
                ["19:45", 180, ["A", "B", "C"]], // 200 000: 120
                ["21:05", 165, ["A", "B", "C"]], // 83 333 + 100 000: 110
                ["21:35", 156, ["A", "B", "C"]], // 83 333 + 50 000 + 40 000: 104
                ["22:05", 150, ["A", "B", "C"]], // 83 333 + 50 000 + 33 333: 100
                ["22:15", 75, ["B", "C"]], // 83 333: 50
                ["22:45", 30, ["C"]], // 33 333: 20
                ["23:15", 6, []], // the last point: every share is 0, the window's last step is the baseline
            ]);
            expect(s.actions.map((a) => a.name)).to.deep.equal([
                "prewarm-a", "rampup1-a", "prewarm-b", "rampup2-a", "kickoff-a", "rampup1-b", "prewarm-c", "rampup2-b", "kickoff-b",
                "rampup1-c", "rampup2-c", "kickoff-c", "fulltime-a", "fulltime-b", "fulltime-c", "release-a", "release-b", "release-c",
            ]);
            expect(s.notes).to.have.length(1);
            expect(s.notes[0]).to.match(
                /^concurrent "A", "B" and "C": their windows overlap, so their audiences add up while both are on: min up to 180 \("A" alone 90, "B" alone 54, "C" alone 36\); one window 2027-05-04 18:00Z /,
            );
        });

        it("overlapping matches whose floors are all the baseline: one step naming both, no action, and a note saying so", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("A", "2027-05-04T19:00:00Z", 40_000),
                fixture("B", "2027-05-04T20:00:00Z", 60_000),
            ], { preWarmLeadMinutes: 60, baselineMinSize: 100 }), NOW);
            // At most 40 000 + 60 000 = 100 000 at once: need 60, floor 90, under the baseline of 100.
            expect(s.windows[0].steps.map((st) => [st.at.toISOString(), st.minSize, st.fixtures])).to.deep.equal([["2027-05-04T18:00:00.000Z", 100, ["A", "B"]]]);
            expect(s.windows[0].minSize).to.equal(100);
            expect(s.actions).to.deep.equal([]);
            expect(s.floorNow).to.equal(undefined);
            expect(s.notes).to.deep.equal([
                'concurrent "A" and "B": their windows overlap, so their audiences add up while both are on: min up to 100 ("A" alone 100, "B" alone 100); ' +
                    "one window 2027-05-04 18:00Z (2027-05-05 03:00 UTC+09:00) to 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00)",
                '"A" and "B" (kickoff 2027-05-04 19:00Z (2027-05-05 04:00 UTC+09:00)): the baseline minimum 100 already covers the planned audience, so nothing is scheduled',
            ]);
        });

        it("a step at the floor already in force is no action: the baseline, or the step before", () => {
            // QF 100 000 with a baseline of 30: the pre-warm's 23 is below it, so the first action is the first ramp-up.
            const qf = fixture("QF", "2027-04-10T19:00:00Z", 100_000);
            const high = planCapacitySchedule(matchdayPlan([qf], { baselineMinSize: 30 }), NOW);
            expect(actionsOf(high)).to.deep.equal([
                ["rampup1-qf", "2027-04-10T18:20:00Z", 32, 30],
                ["rampup2-qf", "2027-04-10T18:35:00Z", 59, 32],
                ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90],
                ["release-qf", "2027-04-10T22:15:00Z", 30, 75],
            ]);
            // The window's last step is the baseline (30 here), at the release.
            expect(high.windows[0].steps.map((st) => [st.at.toISOString().slice(11, 16), st.minSize])).to.deep.equal([
                ["17:50", 30], ["18:20", 32], ["18:35", 59], ["18:45", 90], ["21:05", 75], ["22:15", 30],
            ]);
            expect(high.notes).to.deep.equal([]);
            // 4 000 viewers with a baseline of 0: 973 and 1 373 both need 1, floor 2, so the first ramp-up changes nothing;
            // 2 600 -> 2, 3; 4 000 -> 3, 5; 3 333 -> 2, 3.
            const small = planCapacitySchedule(matchdayPlan([fixture("QF", "2027-04-10T19:00:00Z", 4000)], { baselineMinSize: 0 }), NOW);
            expect(actionsOf(small)).to.deep.equal([
                ["prewarm-qf", "2027-04-10T17:50:00Z", 2, 0],
                ["rampup2-qf", "2027-04-10T18:35:00Z", 3, 2],
                ["kickoff-qf", "2027-04-10T18:45:00Z", 5, 3],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 3, 5],
                ["release-qf", "2027-04-10T22:15:00Z", 0, 3],
            ]);
            expect(small.windows[0].steps.map((st) => [st.at.toISOString().slice(11, 16), st.minSize])).to.deep.equal([
                ["17:50", 2], ["18:35", 3], ["18:45", 5], ["21:05", 3], ["22:15", 0],
            ]);
            // 10 000 viewers: every pre-warm step is at the baseline of 6; only the full floor (9) and after.
            const tiny = planCapacitySchedule(matchdayPlan([fixture("QF", "2027-04-10T19:00:00Z", 10_000)]), NOW);
            expect(actionsOf(tiny)).to.deep.equal([
                ["kickoff-qf", "2027-04-10T18:45:00Z", 9, 6],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 8, 9],
                ["release-qf", "2027-04-10T22:15:00Z", 6, 8],
            ]);
        });

        it("the floor at an instant: a step holds from its start (inclusive) to the next (exclusive); nothing at the release", () => {
            const s = planCapacitySchedule(matchdayPlan([semi1, semi2], { preWarmLeadMinutes: 60 }), NOW);
            const at = (iso: string) => activeFloorAt(s, new Date(iso));
            expect(at("2027-05-04T17:59:59.999Z")).to.equal(undefined);
            expect(at("2027-05-04T18:00:00Z")).to.equal(23);
            expect(at("2027-05-04T18:19:59.999Z")).to.equal(23);
            expect(at("2027-05-04T18:20:00Z")).to.equal(32);
            expect(at("2027-05-04T18:44:59.999Z")).to.equal(59);
            expect(at("2027-05-04T18:45:00Z")).to.equal(90);
            expect(at("2027-05-04T18:59:59.999Z")).to.equal(90);
            expect(at("2027-05-04T19:00:00Z")).to.equal(104);
            expect(at("2027-05-04T21:04:59.999Z")).to.equal(144);
            expect(at("2027-05-04T21:05:00Z")).to.equal(129);
            expect(at("2027-05-04T22:15:00Z")).to.equal(45);
            expect(at("2027-05-04T23:14:59.999Z")).to.equal(45);
            expect(at("2027-05-04T23:15:00Z")).to.equal(undefined);
        });

        it("back-to-back fixtures (a release at the next pre-warm): one window, two actions a minute apart, the pre-warm first and then the release, so the floor never dips", () => {
            // Early 40 000, Middle 60 000, Late 100 000; each window is 60 + 195 minutes. Early's release and Middle's
            // pre-warm fall on 15:15, Middle's release and Late's pre-warm on 19:30: the pre-warm raises its share and
            // keeps the instant, the release lowers its share and follows at 15:16 and 19:31. For that minute the floor
            // holds both: 15:15 33 333 + 14 600 = 47 933 -> need 29, floor 44; 15:16 14 600 -> 9, 14;
            // 19:30 50 000 + 24 333 = 74 333 -> 45, 68; 19:31 24 333 -> 15, 23.
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Late", "2027-05-04T20:30:00Z", 100_000),
                fixture("Early", "2027-05-04T12:00:00Z", 40_000),
                fixture("Middle", "2027-05-04T16:15:00Z", 60_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-early", "2027-05-04T11:00:00Z", 9, 6],
                ["rampup1-early", "2027-05-04T11:20:00Z", 14, 9],
                ["rampup2-early", "2027-05-04T11:35:00Z", 24, 14],
                ["kickoff-early", "2027-05-04T11:45:00Z", 36, 24],
                ["fulltime-early", "2027-05-04T14:05:00Z", 30, 36],
                ["prewarm-middle", "2027-05-04T15:15:00Z", 44, 30],
                ["release-early", "2027-05-04T15:16:00Z", 14, 44],
                ["rampup1-middle", "2027-05-04T15:35:00Z", 20, 14],
                ["rampup2-middle", "2027-05-04T15:50:00Z", 36, 20],
                ["kickoff-middle", "2027-05-04T16:00:00Z", 54, 36],
                ["fulltime-middle", "2027-05-04T18:20:00Z", 45, 54],
                ["prewarm-late", "2027-05-04T19:30:00Z", 68, 45],
                ["release-middle", "2027-05-04T19:31:00Z", 23, 68],
                ["rampup1-late", "2027-05-04T19:50:00Z", 32, 23],
                ["rampup2-late", "2027-05-04T20:05:00Z", 59, 32],
                ["kickoff-late", "2027-05-04T20:15:00Z", 90, 59],
                ["fulltime-late", "2027-05-04T22:35:00Z", 75, 90],
                ["release-late", "2027-05-04T23:45:00Z", 6, 75],
            ]);
            // Every fixture has all six of its own actions, whatever it shares an instant with.
            for (const stem of ["early", "middle", "late"]) {
                expect(s.actions.filter((a) => a.name.endsWith(`-${stem}`)).map((a) => a.name), stem).to.deep.equal(
                    ["prewarm", "rampup1", "rampup2", "kickoff", "fulltime", "release"].map((k) => `${k}-${stem}`),
                );
            }
            // Inside the window a release goes down to the next fixture's floor, never to the baseline; only the
            // window's last goes back to the baseline, and each names only its own fixture.
            expect([5, 6, 11, 12, 17].map((i) => s.actions[i].reason)).to.deep.equal([
                'pre-warm "Middle", with "Early" on: min 44 for the build-up until its next step serves, even with one of 3 zones lost',
                'release after "Early": min down to 14 for "Middle"',
                'pre-warm "Late", with "Middle" on: min 68 for the build-up until its next step serves, even with one of 3 zones lost',
                'release after "Middle": min down to 23 for "Late"',
                'release after "Late": min back to the baseline 6; target tracking scales in as viewers leave',
            ]);
            expect(s.actions.filter((a) => a.minSize === 6).map((a) => a.name)).to.deep.equal(["release-late"]);
            expect(s.windows.map((w) => [w.fixtures, w.minSize, w.preWarmAt.toISOString(), w.releaseAt.toISOString()])).to.deep.equal([
                [["Early", "Middle", "Late"], 90, "2027-05-04T11:00:00.000Z", "2027-05-04T23:45:00.000Z"],
            ]);
            expect(s.windows[0].steps.at(-1)).to.deep.equal({ at: new Date("2027-05-04T23:45:00Z"), minSize: 6, fixtures: [] });
            // Minute by minute around each hand-over: the early-release floor, both, then the next fixture's.
            const at = (iso: string) => activeFloorAt(s, new Date(iso));
            expect(["15:14", "15:15", "15:16", "19:29", "19:30", "19:31"].map((hhmm) => at(`2027-05-04T${hhmm}:00Z`))).to.deep.equal([30, 44, 14, 45, 68, 23]);
            expect(s.notes).to.deep.equal([
                'back to back "Early", "Middle" and "Late": one release is the next pre-warm, so they form one window ' +
                    "2027-05-04 11:00Z (2027-05-04 20:00 UTC+09:00) to 2027-05-04 23:45Z (2027-05-05 08:45 UTC+09:00)",
            ]);
        });

        it("a window with a touching pair and an overlapping pair is concurrent, not back to back", () => {
            // A 11:00-15:15 touches B 15:15-19:30, which overlaps C 16:00-20:15. B's pre-warm (up) keeps 15:15 and A's
            // release (down) follows at 15:16: 33 333 + 14 600 -> 29, 44, then 14 600 -> 9, 14. B's full floor and C's
            // pre-warm are both steps up at 16:00: B (earlier kickoff) keeps it, C's pre-warm moves a minute earlier, to
            // 15:59 (named after C): 39 000 + 9 733 -> 30, 45; then 16:00 60 000 + 9 733 -> 42, 63.
            // Highest: 16:45, 60 000 + 40 000 -> 60, 90.
            const s = planCapacitySchedule(matchdayPlan([
                fixture("A", "2027-05-04T12:00:00Z", 40_000),
                fixture("B", "2027-05-04T16:15:00Z", 60_000),
                fixture("C", "2027-05-04T17:00:00Z", 40_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(actionsOf(s).slice(5)).to.deep.equal([
                ["prewarm-b", "2027-05-04T15:15:00Z", 44, 30],
                ["release-a", "2027-05-04T15:16:00Z", 14, 44],
                ["rampup1-b", "2027-05-04T15:35:00Z", 20, 14],
                ["rampup2-b", "2027-05-04T15:50:00Z", 36, 20],
                ["prewarm-c", "2027-05-04T15:59:00Z", 45, 36],
                ["kickoff-b", "2027-05-04T16:00:00Z", 63, 45],
                ["rampup1-c", "2027-05-04T16:20:00Z", 68, 63], // 60 000 + 13 733: 45
                ["rampup2-c", "2027-05-04T16:35:00Z", 78, 68], // 60 000 + 26 000: 52
                ["kickoff-c", "2027-05-04T16:45:00Z", 90, 78],
                ["fulltime-b", "2027-05-04T18:20:00Z", 81, 90], // 50 000 + 40 000: 54
                ["fulltime-c", "2027-05-04T19:05:00Z", 75, 81], // 50 000 + 33 333: 50
                ["release-b", "2027-05-04T19:30:00Z", 30, 75],
                ["release-c", "2027-05-04T20:15:00Z", 6, 30],
            ]);
            expect(s.actions[9].reason).to.equal('pre-warm "C", with "B" on: min 45 for the build-up until its next step serves, even with one of 3 zones lost');
            expect(s.actions[10].reason).to.equal('full floor for "B", with "C" on: min 63 so they are in service by kickoff, even with one of 3 zones lost');
            expect(s.notes).to.deep.equal([
                'concurrent "A", "B" and "C": their windows overlap, so their audiences add up while both are on: min up to 90 ("A" alone 36, "B" alone 54, "C" alone 36); ' +
                    "one window 2027-05-04 11:00Z (2027-05-04 20:00 UTC+09:00) to 2027-05-04 20:15Z (2027-05-05 05:15 UTC+09:00)",
            ]);
        });

        it("fixtures one minute apart from touching are two windows, each with its own actions and no note", () => {
            const s = planCapacitySchedule(matchdayPlan([
                fixture("Early", "2027-05-04T12:00:00Z", 40_000),
                fixture("Middle", "2027-05-04T16:16:00Z", 60_000),
            ], { preWarmLeadMinutes: 60 }), NOW);
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-early", "2027-05-04T11:00:00Z", 9, 6],
                ["rampup1-early", "2027-05-04T11:20:00Z", 14, 9],
                ["rampup2-early", "2027-05-04T11:35:00Z", 24, 14],
                ["kickoff-early", "2027-05-04T11:45:00Z", 36, 24],
                ["fulltime-early", "2027-05-04T14:05:00Z", 30, 36],
                ["release-early", "2027-05-04T15:15:00Z", 6, 30],
                ["prewarm-middle", "2027-05-04T15:16:00Z", 14, 6],
                ["rampup1-middle", "2027-05-04T15:36:00Z", 20, 14],
                ["rampup2-middle", "2027-05-04T15:51:00Z", 36, 20],
                ["kickoff-middle", "2027-05-04T16:01:00Z", 54, 36],
                ["fulltime-middle", "2027-05-04T18:21:00Z", 45, 54],
                ["release-middle", "2027-05-04T19:31:00Z", 6, 45],
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

        it("fixtures with the same kickoff: one window, one action per point of each; the first name in code-unit order keeps each instant, the other steps up a minute earlier and down a minute later", () => {
            // Alpha 60 000 and Zeta 40 000 (alone 54 and 36), lead 70. Alpha keeps each instant; Zeta's steps up
            // (pre-warm, ramp-ups, full floor) come a minute earlier, its steps down (early release, release) a minute
            // later. Viewers in force, need, floor:
            // 17:49 9 733 -> 6, 9; 17:50 + 14 600 -> 15, 23; 18:19 13 733 + 14 600 = 28 333 -> 17, 26; 18:20 + 20 600 -> 21, 32;
            // 18:34 26 000 + 20 600 -> 28, 42; 18:35 + 39 000 -> 39, 59; 18:44 40 000 + 39 000 -> 48, 72; 18:45 100 000 -> 60, 90;
            // 21:05 50 000 + 40 000 -> 54, 81; 21:06 + 33 333 -> 50, 75; 22:15 33 333 -> 20, 30; 22:16 the baseline.
            for (const order of [["Zeta night", "Alpha night"], ["Alpha night", "Zeta night"]]) {
                const byName: Record<string, Fixture> = {
                    "Alpha night": fixture("Alpha night", "2027-05-04T19:00:00Z", 60_000),
                    "Zeta night": fixture("Zeta night", "2027-05-04T19:00:00Z", 40_000),
                };
                const s = planCapacitySchedule(matchdayPlan(order.map((n) => byName[n])), NOW);
                expect(actionsOf(s), order.join(", ")).to.deep.equal([
                    ["prewarm-zeta-night", "2027-05-04T17:49:00Z", 9, 6],
                    ["prewarm-alpha-night", "2027-05-04T17:50:00Z", 23, 9],
                    ["rampup1-zeta-night", "2027-05-04T18:19:00Z", 26, 23],
                    ["rampup1-alpha-night", "2027-05-04T18:20:00Z", 32, 26],
                    ["rampup2-zeta-night", "2027-05-04T18:34:00Z", 42, 32],
                    ["rampup2-alpha-night", "2027-05-04T18:35:00Z", 59, 42],
                    ["kickoff-zeta-night", "2027-05-04T18:44:00Z", 72, 59],
                    ["kickoff-alpha-night", "2027-05-04T18:45:00Z", 90, 72],
                    ["fulltime-alpha-night", "2027-05-04T21:05:00Z", 81, 90],
                    ["fulltime-zeta-night", "2027-05-04T21:06:00Z", 75, 81],
                    ["release-alpha-night", "2027-05-04T22:15:00Z", 30, 75],
                    ["release-zeta-night", "2027-05-04T22:16:00Z", 6, 30],
                ]);
                expect(s.windows[0].fixtures).to.deep.equal(["Alpha night", "Zeta night"]);
                expect(s.notes[0]).to.contain('("Alpha night" alone 54, "Zeta night" alone 36)');
                // The window starts at its first point, Zeta's pre-warm a minute before the planned one, and ends at its
                // last, Zeta's release a minute after the planned one.
                expect(s.windows[0].preWarmAt.toISOString(), order.join(", ")).to.equal("2027-05-04T17:49:00.000Z");
                expect(s.windows[0].releaseAt.toISOString(), order.join(", ")).to.equal("2027-05-04T22:16:00.000Z");
                expect(s.notes[0]).to.contain("one window 2027-05-04 17:49Z");
                expect(s.windows[0].steps.slice(-2).map((st) => [st.at.toISOString().slice(11, 16), st.minSize])).to.deep.equal([["22:15", 30], ["22:16", 6]]);
                expect(activeFloorAt(s, new Date("2027-05-04T17:48:59.999Z"))).to.equal(undefined);
                expect(activeFloorAt(s, new Date("2027-05-04T17:49:00Z"))).to.equal(9);
                expect(activeFloorAt(s, new Date("2027-05-04T22:15:59.999Z"))).to.equal(30);
                expect(activeFloorAt(s, new Date("2027-05-04T22:16:00Z"))).to.equal(undefined);
                // Reasons: each names its own fixture and the twin on with it; Alpha's release goes down to Zeta's floor.
                expect(s.actions.map((a) => a.reason).slice(0, 2)).to.deep.equal([
                    'pre-warm "Zeta night": min 9 for the build-up until its next step serves, even with one of 3 zones lost',
                    'pre-warm "Alpha night", with "Zeta night" on: min 23 for the build-up until its next step serves, even with one of 3 zones lost',
                ]);
                expect(s.actions.map((a) => a.reason).slice(6, 8)).to.deep.equal([
                    'full floor for "Zeta night", with "Alpha night" on: min 72 so they are in service by kickoff, even with one of 3 zones lost',
                    'full floor for "Alpha night", with "Zeta night" on: min 90 so they are in service by kickoff, even with one of 3 zones lost',
                ]);
                expect(s.actions.map((a) => a.reason).slice(8)).to.deep.equal([
                    'early release after normal time of "Alpha night": min down to 81; it keeps N+1 of its planned peak without headroom through extra time, with "Zeta night" on',
                    'early release after normal time of "Zeta night": min down to 75; it keeps N+1 of its planned peak without headroom through extra time, with "Alpha night" on',
                    'release after "Alpha night": min down to 30 for "Zeta night"',
                    'release after "Zeta night": min back to the baseline 6; target tracking scales in as viewers leave',
                ]);
            }
            // Upper case sorts before lower case (code units, not the locale): Beta keeps each instant, alpha steps up a
            // minute before it and down a minute after it.
            const cased = planCapacitySchedule(matchdayPlan([
                fixture("alpha", "2027-05-04T19:00:00Z", 40_000),
                fixture("Beta", "2027-05-04T19:00:00Z", 40_000),
            ]), NOW);
            expect(cased.actions.map((a) => [a.name, a.startTime.slice(11, 16)])).to.deep.equal([
                ["prewarm-alpha", "17:49"], ["prewarm-beta", "17:50"],
                ["rampup1-alpha", "18:19"], ["rampup1-beta", "18:20"],
                ["rampup2-alpha", "18:34"], ["rampup2-beta", "18:35"],
                ["kickoff-alpha", "18:44"], ["kickoff-beta", "18:45"],
                ["fulltime-beta", "21:05"], ["fulltime-alpha", "21:06"],
                ["release-beta", "22:15"], ["release-alpha", "22:16"],
            ]);
        });

        it("three fixtures with the same kickoff: A keeps each instant; B steps up a minute before it and down a minute after, C two", () => {
            // 40 000 each, kickoff 19:00Z, lead 70: at every instant of the profile A (first by name) keeps it; the steps
            // up of B and C come 1 and 2 minutes earlier, their steps down 1 and 2 minutes later.
            const s = planCapacitySchedule(matchdayPlan([
                fixture("C", "2027-05-04T19:00:00Z", 40_000),
                fixture("A", "2027-05-04T19:00:00Z", 40_000),
                fixture("B", "2027-05-04T19:00:00Z", 40_000),
            ]), NOW);
            expect(s.actions.map((a) => [a.name, a.startTime.slice(11, 16)])).to.deep.equal([
                ["prewarm-c", "17:48"], ["prewarm-b", "17:49"], ["prewarm-a", "17:50"],
                ["rampup1-c", "18:18"], ["rampup1-b", "18:19"], ["rampup1-a", "18:20"],
                ["rampup2-c", "18:33"], ["rampup2-b", "18:34"], ["rampup2-a", "18:35"],
                ["kickoff-c", "18:43"], ["kickoff-b", "18:44"], ["kickoff-a", "18:45"],
                ["fulltime-a", "21:05"], ["fulltime-b", "21:06"], ["fulltime-c", "21:07"],
                ["release-a", "22:15"], ["release-b", "22:16"], ["release-c", "22:17"],
            ]);
            // 120 000 at the full floor: need 72, floor 108, from 18:45 (A's full floor, the last of the three) to
            // 21:05; the window runs from C's pre-warm to C's release, and its last step is the baseline.
            expect(s.windows[0].minSize).to.equal(108);
            expect(s.windows[0].preWarmAt.toISOString()).to.equal("2027-05-04T17:48:00.000Z");
            expect(activeFloorAt(s, new Date("2027-05-04T18:45:00Z"))).to.equal(108);
            expect(activeFloorAt(s, new Date("2027-05-04T21:04:59.999Z"))).to.equal(108);
            expect(s.windows[0].steps.at(-1)).to.deep.equal({ at: new Date("2027-05-04T22:17:00Z"), minSize: 6, fixtures: [] });
            expect(s.windows[0].releaseAt.toISOString()).to.equal("2027-05-04T22:17:00.000Z");
            expect(s.actions.at(-1)).to.deep.include({ name: "release-c", startTime: "2027-05-04T22:17:00Z", minSize: 6, previousMinSize: 30 });
        });

        it("five fixtures with the same kickoff all have their full floor before kickoff: the steps up pile up earlier, never after", () => {
            // 40 000 each, kickoff 19:00Z, lead 70; names A to E in code-unit order. A keeps every instant, the n-th
            // (0-based) steps up n minutes earlier: the full floors at 18:45, 18:44, 18:43, 18:42 and 18:41, all at or
            // before the planned full floor (kickoff - 15), so each is in service by kickoff.
            // Viewers in force, need, floor: 18:41 4 x 26 000 + 40 000 = 144 000 -> 87, 131; 18:42 158 000 -> 95, 143;
            // 18:43 172 000 -> 104, 156; 18:44 186 000 -> 112, 168; 18:45 200 000 -> 120, 180.
            const names = ["E", "C", "A", "D", "B"];
            const s = planCapacitySchedule(matchdayPlan(names.map((n) => fixture(n, "2027-05-04T19:00:00Z", 40_000))), NOW);
            const kickoffSteps = s.actions.filter((a) => a.name.startsWith("kickoff-"));
            expect(kickoffSteps.map((a) => [a.name, a.startTime.slice(11, 16), a.minSize])).to.deep.equal([
                ["kickoff-e", "18:41", 131],
                ["kickoff-d", "18:42", 143],
                ["kickoff-c", "18:43", 156],
                ["kickoff-b", "18:44", 168],
                ["kickoff-a", "18:45", 180],
            ]);
            for (const a of kickoffSteps) expect(a.startTime <= "2027-05-04T18:45:00Z", a.name).to.equal(true);
            // From 18:45 to the first early release (21:05) the floor is the full floor of all five: 200 000 -> 120, 180.
            expect(s.windows[0].minSize).to.equal(180);
            for (const iso of ["2027-05-04T18:45:00Z", "2027-05-04T19:00:00Z", "2027-05-04T21:04:59.999Z"]) expect(activeFloorAt(s, new Date(iso)), iso).to.equal(180);
            // Every other step up of the n-th is n minutes early too; every step down n minutes late.
            const at = (kind: string, n: string) => s.actions.find((a) => a.name === `${kind}-${n}`)!.startTime.slice(11, 16);
            expect(["A", "B", "C", "D", "E"].map((n) => [at("prewarm", n.toLowerCase()), at("rampup2", n.toLowerCase()), at("fulltime", n.toLowerCase()), at("release", n.toLowerCase())])).to.deep.equal([
                ["17:50", "18:35", "21:05", "22:15"],
                ["17:49", "18:34", "21:06", "22:16"],
                ["17:48", "18:33", "21:07", "22:17"],
                ["17:47", "18:32", "21:08", "22:18"],
                ["17:46", "18:31", "21:09", "22:19"],
            ]);
            expect(s.actions).to.have.length(30);
            expect(new Set(s.actions.map((a) => a.startTime)).size).to.equal(30);
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
        // QF: 100 000 viewers: 23 from the pre-warm at 17:50Z, 32 from 18:20Z, 59 from 18:35Z, 90 from 18:45Z,
        // kickoff 19:00Z, 75 from 21:05Z, release 22:15Z; minimum lead 30 minutes.
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
            // One millisecond earlier it is still on: its release is declared and the early release's floor held.
            const before = plan("2027-04-10T22:14:59.999Z");
            expect(actionsOf(before)).to.deep.equal([["release-qf", "2027-04-10T22:15:00Z", 6, 75]]);
            expect(before.floorNow).to.equal(75);
            expect(before.pastFixtures).to.deep.equal([]);
        });

        it("a pre-warm exactly now is not declared as an action (AWS refuses a start time in the past): the group holds its floor directly", () => {
            const s = plan("2027-04-10T17:50:00Z");
            // The first ramp-up is exactly the minimum lead away: declared, without a note.
            expect(actionsOf(s)).to.deep.equal([
                ["rampup1-qf", "2027-04-10T18:20:00Z", 32, 23],
                ["rampup2-qf", "2027-04-10T18:35:00Z", 59, 32],
                ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90],
                ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
            ]);
            expect(s.floorNow).to.equal(23);
            expect(s.notes).to.deep.equal([
                'late "QF": kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00) is 70 minutes after this deploy, less than the 70-minute pre-warm lead; ' +
                    "its floor is declared on the group directly, and cold instances launched now serve about 65 minutes before kickoff (the warm pool, if any, is faster)",
            ]);
        });

        it("a pre-warm exactly the minimum lead away is declared without a note and no floor now; one second closer holds the floor and notes it", () => {
            const s = plan("2027-04-10T17:20:00Z");
            expect(actionsOf(s)).to.deep.equal([
                ["prewarm-qf", "2027-04-10T17:50:00Z", 23, 6],
                ["rampup1-qf", "2027-04-10T18:20:00Z", 32, 23],
                ["rampup2-qf", "2027-04-10T18:35:00Z", 59, 32],
                ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90],
                ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
            ]);
            expect(s.floorNow).to.equal(undefined);
            expect(s.notes).to.deep.equal([]);
            const closer = plan("2027-04-10T17:20:01Z");
            expect(closer.actions.map((a) => a.name)).to.deep.equal(["prewarm-qf", "rampup1-qf", "rampup2-qf", "kickoff-qf", "fulltime-qf", "release-qf"]);
            expect(closer.floorNow).to.equal(23);
            expect(closer.notes).to.have.length(2);
            expect(closer.notes[0]).to.match(/^late "QF": kickoff .* is 99 minutes after this deploy, less than the 70-minute pre-warm lead; .* about 94 minutes before kickoff/);
            expect(closer.notes[1]).to.equal(
                "prewarm-qf at 2027-04-10 17:50Z (2027-04-11 02:50 UTC+09:00) is less than 30 minutes away: kept as declared (an existing action is untouched); " +
                    "if it does not exist yet, AWS refuses it once its time has passed, and the deploy fails rather than leave the minimum wrong",
            );
        });

        it("between pre-warm steps the floor now is the highest step starting before the minimum lead is up, to the second", () => {
            // 18:15: the next 30 minutes hold 23, 32 (18:20) and 59 (18:35); the full floor at 18:45 is exactly 30 minutes away.
            const at1815 = plan("2027-04-10T18:15:00Z");
            expect(at1815.floorNow).to.equal(59);
            expect(actionsOf(at1815)).to.deep.equal([
                ["rampup1-qf", "2027-04-10T18:20:00Z", 32, 23],
                ["rampup2-qf", "2027-04-10T18:35:00Z", 59, 32],
                ["kickoff-qf", "2027-04-10T18:45:00Z", 90, 59],
                ["fulltime-qf", "2027-04-10T21:05:00Z", 75, 90],
                ["release-qf", "2027-04-10T22:15:00Z", 6, 75],
            ]);
            expect(at1815.notes.map((n) => n.split(" ")[0])).to.deep.equal(["late", "rampup1-qf", "rampup2-qf"]);
            // One second later the full floor is less than 30 minutes away: it is held now, and noted.
            const at181501 = plan("2027-04-10T18:15:01Z");
            expect(at181501.floorNow).to.equal(90);
            expect(at181501.notes.map((n) => n.split(" ")[0])).to.deep.equal(["late", "rampup1-qf", "rampup2-qf", "kickoff-qf"]);
            expect(at181501.notes[3]).to.equal(
                "kickoff-qf at 2027-04-10 18:45Z (2027-04-11 03:45 UTC+09:00) is less than 30 minutes away: kept as declared (an existing action is untouched); " +
                    "if it does not exist yet, AWS refuses it once its time has passed, and the deploy fails rather than leave the minimum wrong",
            );
            // A step down within the lead does not lower the floor now: the full floor is held until the early release runs.
            expect(plan("2027-04-10T20:35:00Z").floorNow).to.equal(90);
            expect(plan("2027-04-10T20:35:01Z").floorNow).to.equal(90);
            expect(plan("2027-04-10T21:05:00Z").floorNow).to.equal(75);
        });

        it("cold instances launched 5 minutes before kickoff serve only after it; 6 minutes before, about 1 minute before", () => {
            expect(plan("2027-04-10T18:55:00Z").notes[0]).to.contain("is 5 minutes after this deploy").and.contain("serve only after kickoff (about 0 minutes into the match)");
            expect(plan("2027-04-10T18:54:00Z").notes[0]).to.contain("is 6 minutes after this deploy").and.contain("serve about 1 minutes before kickoff");
            const warm = planCapacitySchedule(matchdayPlan([qf]), new Date("2027-04-10T18:50:00Z"), { coldLaunchMinutes: 12 });
            expect(warm.notes[0]).to.contain("serve only after kickoff (about 2 minutes into the match)");
        });

        it("a kickoff exactly now is in progress, held until the floor is back at the baseline", () => {
            const s = plan("2027-04-10T19:00:00Z");
            expect(s.floorNow).to.equal(90);
            expect(s.notes).to.deep.equal([
                'in progress "QF" (kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00)): the floor is declared on the group directly until it is back at the baseline at 2027-04-10 22:15Z (2027-04-11 07:15 UTC+09:00)',
            ]);
            // With the early release to the baseline (target 2/3), the floor is back at the baseline at 21:05, not at the release.
            const early = planCapacitySchedule(matchdayPlan([qf], { targetUtilisation: 2 / 3 }), new Date("2027-04-10T19:00:00Z"));
            expect(early.notes).to.deep.equal([
                'in progress "QF" (kickoff 2027-04-10 19:00Z (2027-04-11 04:00 UTC+09:00)): the floor is declared on the group directly until it is back at the baseline at 2027-04-10 21:05Z (2027-04-11 06:05 UTC+09:00)',
            ]);
        });

        it("a release exactly the minimum lead away has no note; one second closer, the note", () => {
            expect(plan("2027-04-10T21:45:00Z").notes.filter((n) => n.startsWith("release-qf"))).to.deep.equal([]);
            expect(plan("2027-04-10T21:45:01Z").notes.filter((n) => n.startsWith("release-qf"))).to.have.length(1);
        });
    });

    describe("AWS's 125 actions per group", () => {
        const night = (d: number, viewers = 40_000) => fixture(`Night ${d}`, new Date(Date.parse("2027-04-02T19:00:00Z") + d * 86_400_000).toISOString(), viewers);

        it("once a window is deferred, every later window is deferred too, even one that would fit", () => {
            expect(MAX_SCHEDULED_ACTIONS).to.equal(125);
            // 20 single nights of 6 actions (120), then a concurrent pair (more than 5: 126+), then a single of 10 000
            // viewers with 3 actions (kickoff, early release, release: 123 would fit).
            const fixtures: Fixture[] = [];
            for (let d = 0; d < 20; d++) fixtures.push(night(d));
            fixtures.push(fixture("Pair A", "2027-06-10T19:00:00Z", 40_000), fixture("Pair B", "2027-06-10T20:00:00Z", 60_000));
            const single = fixture("Single", "2027-06-20T19:00:00Z", 10_000);
            fixtures.push(single);
            const s = planCapacitySchedule(matchdayPlan(fixtures), NOW);
            expect(s.actions).to.have.length(120);
            expect(s.windows.map((w) => w.fixtures[0])).to.deep.equal(fixtures.slice(0, 20).map((f) => f.name));
            const deferred = s.notes.filter((n) => n.startsWith("deferred"));
            expect(deferred).to.deep.equal([
                'deferred "Pair A" and "Pair B" (kickoff 2027-06-10 19:00Z (2027-06-11 04:00 UTC+09:00)): AWS allows 125 scheduled actions per group and the earlier windows use 120; a deploy after some of them have passed schedules it',
                'deferred "Single" (kickoff 2027-06-20 19:00Z (2027-06-21 04:00 UTC+09:00)): AWS allows 125 scheduled actions per group and the earlier windows use 120; a deploy after some of them have passed schedules it',
            ]);
            // Alone, the single's 3 actions would have fitted.
            expect(actionsOf(planCapacitySchedule(matchdayPlan([single]), NOW))).to.deep.equal([
                ["kickoff-single", "2027-06-20T18:45:00Z", 9, 6],
                ["fulltime-single", "2027-06-20T21:05:00Z", 8, 9],
                ["release-single", "2027-06-20T22:15:00Z", 6, 8],
            ]);
        });

        it("with the early release to the baseline (5 actions a night), 25 nights fill the 125 exactly and the 26th is deferred", () => {
            // targetUtilisation 0.6 <= 2/3: the early release returns to the baseline, so no release action follows.
            const fixtures: Fixture[] = [];
            for (let d = 0; d < 26; d++) fixtures.push(night(d));
            const s = planCapacitySchedule(matchdayPlan(fixtures, { targetUtilisation: 0.6 }), NOW);
            expect(s.actions).to.have.length(125);
            expect(s.windows).to.have.length(25);
            expect(actionsOf(s).slice(0, 5)).to.deep.equal([
                ["prewarm-night-0", "2027-04-02T17:50:00Z", 9, 6],
                ["rampup1-night-0", "2027-04-02T18:20:00Z", 14, 9],
                ["rampup2-night-0", "2027-04-02T18:35:00Z", 24, 14],
                ["kickoff-night-0", "2027-04-02T18:45:00Z", 36, 24],
                ["fulltime-night-0", "2027-04-02T21:05:00Z", 6, 36],
            ]);
            expect(s.actions.some((a) => a.name.startsWith("release-"))).to.equal(false);
            expect(s.notes).to.deep.equal([
                'deferred "Night 25" (kickoff 2027-04-27 19:00Z (2027-04-28 04:00 UTC+09:00)): AWS allows 125 scheduled actions per group and the earlier windows use 125; a deploy after some of them have passed schedules it',
            ]);
            // Without a target the floor is held to the release: 6 a night, 20 nights (120), the 21st deferred.
            const held = planCapacitySchedule(matchdayPlan(fixtures), NOW);
            expect(held.actions).to.have.length(120);
            expect(held.windows).to.have.length(20);
            expect(held.notes.filter((n) => n.startsWith("deferred"))).to.have.length(6);
            expect(held.notes[0]).to.match(/^deferred "Night 20" /);
        });
    });
    describe("what mutation testing found unpinned", () => {
        // matchdayPlan's sizing; with a target of 0.6 (<= 2/3) each fixture's early release goes to the baseline and
        // its release at +195 changes nothing, so it is no point of the fixture's profile.
        const at06 = (fixtures: Fixture[]) => planCapacitySchedule(matchdayPlan(fixtures, { targetUtilisation: 0.6 }), NOW);

        it("windows that overlap by less than the pre-warm lead are concurrent: kickoffs 210 minutes apart overlap by 55 minutes", () => {
            // A: 16:00 to 20:25 (kickoff 17:10); B: 19:30 (kickoff 20:40) to 23:55. Planned spans overlap from 19:30 to 20:25.
            const s = planCapacitySchedule(matchdayPlan([fixture("A", "2027-05-04T17:10:00Z", 40_000), fixture("B", "2027-05-04T20:40:00Z", 40_000)]), NOW);
            expect(s.windows.map((w) => w.fixtures)).to.deep.equal([["A", "B"]]);
            expect(s.notes.filter((n) => n.startsWith("concurrent ") || n.startsWith("back to back "))).to.have.length(1);
            expect(s.notes.some((n) => n.startsWith('concurrent "A" and "B": their windows overlap'))).to.equal(true);
        });

        it("with the target at 0.6, back-to-back fixtures are still one window, called back to back, and the next pre-warm keeps its instant", () => {
            // A (40 000) kicks off 17:00 and its window ends 20:15, when B (kickoff 21:25) pre-warms: A's floor is at
            // the baseline since its early release at 19:05, so nothing else happens at 20:15.
            const s = at06([fixture("A", "2027-05-04T17:00:00Z", 40_000), fixture("B", "2027-05-04T21:25:00Z", 40_000)]);
            expect(s.windows.map((w) => w.fixtures)).to.deep.equal([["A", "B"]]);
            expect(s.notes.some((n) => n.startsWith('back to back "A" and "B"'))).to.equal(true);
            expect(s.actions.filter((a) => a.name === "prewarm-b").map((a) => [a.startTime, a.previousMinSize, a.minSize])).to.deep.equal([["2027-05-04T20:15:00Z", 6, 9]]);
        });

        it("a release that changes nothing is no point: it does not push another fixture's early release off its instant", () => {
            // A kicks off 17:00: its (empty) release would be at 20:15, exactly C's early release (C kicks off 18:10).
            const s = at06([fixture("A", "2027-05-04T17:00:00Z", 40_000), fixture("C", "2027-05-04T18:10:00Z", 40_000)]);
            expect(s.actions.filter((a) => a.name === "fulltime-c").map((a) => a.startTime)).to.deep.equal(["2027-05-04T20:15:00Z"]);
            expect(s.actions.filter((a) => a.name.startsWith("release-"))).to.deep.equal([]);
        });

        it("a window still on after its last action gets no 'nothing is scheduled' note", () => {
            // Deployed at 20:00, after the early release (19:05) of a 17:00 kickoff, before the window's end (20:15).
            const s = planCapacitySchedule(matchdayPlan([fixture("A", "2027-05-04T17:00:00Z", 40_000)], { targetUtilisation: 0.6 }), new Date("2027-05-04T20:00:00Z"));
            expect(s.windows).to.have.length(1);
            expect(s.actions).to.deep.equal([]);
            expect(s.notes.some((n) => n.includes("already covers the planned audience"))).to.equal(false);
            expect(s.notes).to.include('in progress "A" (kickoff 2027-05-04 17:00Z (2027-05-05 02:00 UTC+09:00)): the floor is declared on the group directly until it is back at the baseline at 2027-05-04 19:05Z (2027-05-05 04:05 UTC+09:00)');
        });

        it("twins keep code-unit order of their names whatever order the file lists them in", () => {
            for (const order of [["Zeta", "Alpha"], ["Alpha", "Zeta"]]) {
                const s = planCapacitySchedule(matchdayPlan(order.map((n) => fixture(n, "2027-05-04T19:00:00Z", 40_000))), NOW);
                const first = s.actions.find((a) => a.startTime === "2027-05-04T17:50:00Z");
                expect(first?.name, order.join(", ")).to.equal("prewarm-alpha");
            }
        });

        it("three concurrent fixtures are named in full: \"A\", \"B\" and \"C\"", () => {
            const s = planCapacitySchedule(matchdayPlan(["A", "B", "C"].map((n, i) => fixture(n, `2027-05-04T1${7 + i}:00:00Z`, 40_000))), NOW);
            expect(s.notes.some((n) => n.startsWith('concurrent "A", "B" and "C": their windows overlap'))).to.equal(true);
        });
    });
});
