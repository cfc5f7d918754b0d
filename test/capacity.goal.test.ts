/**
 * Issue 14's goal on the shipped matchday stack, as `npm run capacity` simulates it:
 * every night costs at most 1.3x the realistic lower bound at the expected audience,
 * and has no minute under capacity at 1.0x and 1.5x, and at 2.5x with the warm pool,
 * ending in normal time or after extra time, under the pessimistic timing. The
 * benchmark's side of the goal is in test/capacity.bench.pinned.test.ts.
 */
import { expect } from "chai";
import { loadStackSettings } from "../stacks/plan/planStack";
import { capacityReport, CapacityReport } from "../stacks/report/capacityReport";
import { strategyResult } from "../stacks/capacity/simulation";
import { perMutant } from "./helpers/perMutant";

/** Issue 14's cost goal, from the issue: at most 1.3x the realistic lower bound. */
const ISSUE_14_GOAL = 1.3;

/** Before the season: every shipped fixture is upcoming. */
const BEFORE_THE_SEASON = new Date("2027-03-01T00:00:00Z");

describe("capacity goal on the shipped matchday fixtures", () => {
    // Built inside each test (once per process, or per mutant under Stryker): see test/helpers/perMutant.ts.
    const shipped = (): CapacityReport =>
        perMutant("matchday report", () => {
            const loaded = loadStackSettings({ stack: "matchday", now: BEFORE_THE_SEASON });
            if (!loaded.ok) throw new Error(loaded.message);
            return capacityReport(loaded.loaded.settings);
        });

    it("simulates all 9 nights at x1.0, x1.5 and x2.5, both endings", () => {
        const report = shipped();
        const windows = new Set(report.scenarios.map((s) => s.window));
        expect(windows.size).to.equal(9);
        for (const w of windows) {
            const mine = report.scenarios.filter((s) => s.window === w);
            for (const surge of [1, 1.5, 2.5]) {
                expect(mine.filter((s) => s.surge === surge).map((s) => s.extraTime).sort(), `${w} x${surge}`).to.deep.equal([false, true]);
            }
        }
    });

    it(`costs at most ${ISSUE_14_GOAL}x the realistic lower bound at the expected audience, under both timings`, () => {
        const report = shipped();
        for (const s of report.scenarios.filter((x) => x.surge === 1)) {
            for (const sim of [s.sim, s.defaultTimingSim]) {
                const r = strategyResult(sim, "scheduled").ratioToLowerBound;
                expect(r, `${s.window}, ${s.extraTime ? "extra time" : "normal time"}`).to.be.at.most(ISSUE_14_GOAL).and.above(0.9);
            }
        }
    });

    it("keeps the N+1 reserve at the expected audience from the pre-warm to the last whistle, extra time included, though the floor is released at +125", () => {
        const report = shipped();
        // The early release leaves extra time to target tracking: at 1200 / (2000 x 1) = 0.6 it holds
        // demand / 0.6 = 1.67x the need, more than the 1.5x that survives losing one of 3 zones.
        for (const s of report.scenarios.filter((x) => x.surge === 1)) {
            const x = strategyResult(s.sim, "scheduled");
            const short = s.sim.minutes.filter((m, i) => {
                const c = x.capacity[i];
                return m >= s.sim.preWarmMinute && m <= s.sim.finalWhistleMinute && (c - Math.ceil(c / 3)) * 2000 < s.sim.demand[i];
            });
            expect(short, `${s.window}, ${s.extraTime ? "extra time" : "normal time"}`).to.deep.equal([]);
        }
    });

    it("has no minute under capacity at x1.0, x1.5 and x2.5 (with the warm pool), pessimistic timing, both endings", () => {
        const report = shipped();
        expect(report.scenarios.every((s) => s.sim.params.coldLaunchMinutes === 7 && s.sim.params.metricDelayMinutes === 2)).to.equal(true);
        for (const s of report.scenarios.filter((x) => [1, 1.5, 2.5].includes(x.surge))) {
            expect(strategyResult(s.sim, "scheduled").minutesUnderCapacity, `${s.window} x${s.surge} ${s.extraTime ? "extra time" : "normal time"}`).to.equal(0);
        }
        expect(report.covered).to.equal(true);
        expect(report.text).to.match(/^VERDICT: covered: all 28 scenarios the fixtures ask for/m);
    });
});
