import { expect } from "chai";
import { CapacityPlanInput, Fixture } from "../stacks/capacity/fixtures";
import {
    DEFAULT_SIMULATION_PARAMS,
    demandCurve,
    demandShareAt,
    formatSimulationTable,
    MatchSimulation,
    MatchSimulationInput,
    simulateMatch,
    STRATEGIES,
    strategyResult,
} from "../stacks/capacity/simulation";
import { planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";
import { BENCH_FIXTURES, BENCH_NOW, BENCH_PLAN, benchmarkRuns, runBenchmark } from "../stacks/capacity/bench";

/** The matchday sizing with room to scale far out (max 400), as the benchmark has. */
const plan: Omit<CapacityPlanInput, "fixtures"> = matchdayPlan([], { groupMaxSize: 400 });
const r16: Fixture = { name: "UCL round of 16 second leg", kickoff: "2027-04-15T04:00:00+09:00", expectedPeakViewers: 140_000 };

function sim(over: Partial<MatchSimulationInput> = {}): MatchSimulation {
    return simulateMatch({ fixture: r16, plan, fixedInstances: 24, ...over });
}

/** Index of a minute offset in a simulation. */
const at = (s: MatchSimulation, minute: number) => s.minutes.indexOf(minute);

describe("capacity simulation", () => {
    describe("the demand model", () => {
        it("ramps before kickoff, peaks late in the second half, dips at half-time and falls after the whistle", () => {
            const d = demandCurve(100_000, 1, { fromMinute: -90, toMinute: 255 });
            const v = (m: number) => d[m + 90];
            expect(d).to.have.length(346);
            expect(v(-90)).to.equal(5000);
            expect(v(-15)).to.be.below(v(0));
            expect(v(0) - v(-15)).to.be.at.least(40_000); // the kickoff surge: half the peak in 15 minutes
            expect(Math.max(...d)).to.equal(100_000);
            expect(v(100)).to.equal(100_000);
            expect(v(55)).to.be.below(v(45)).and.below(v(65));
            expect(v(130)).to.be.below(20_000);
            expect(v(250)).to.be.closeTo(5000, 50);
        });

        it("keeps demand at the peak through extra time and penalties when the match goes there", () => {
            expect(demandShareAt(140, { extraTime: true })).to.equal(1);
            expect(demandShareAt(140, { extraTime: false })).to.be.below(0.2);
            expect(demandCurve(1000, 2.5, { fromMinute: 100, toMinute: 100 })).to.deep.equal([2500]);
        });

        it("uses the documented AWS defaults: 1-minute metrics, 3 datapoints out, 15 in", () => {
            expect(DEFAULT_SIMULATION_PARAMS.metricPeriodMinutes).to.equal(1);
            expect(DEFAULT_SIMULATION_PARAMS.scaleOutDatapoints).to.equal(3);
            expect(DEFAULT_SIMULATION_PARAMS.scaleInDatapoints).to.equal(15);
            expect(DEFAULT_SIMULATION_PARAMS.warmLaunchMinutes).to.be.below(DEFAULT_SIMULATION_PARAMS.coldLaunchMinutes);
        });
    });

    describe("strategies", () => {
        it("returns one aligned result per strategy, with the oracle exactly the need", () => {
            const s = sim();
            expect(s.results.map((r) => r.strategy)).to.deep.equal([...STRATEGIES]);
            for (const r of s.results) expect(r.capacity, r.strategy).to.have.length(s.minutes.length);
            expect(strategyResult(s, "oracle").capacity).to.deep.equal(s.needed);
            expect(s.needed[at(s, 100)]).to.equal(70);
            expect(s.floor).to.equal(126);
            expect([s.preWarmMinute, s.releaseMinute]).to.deep.equal([-70, 195]);
        });

        it("a strategy with enough capacity has no shortfall", () => {
            const s = sim({ fixedInstances: 70 });
            for (const name of ["fixed", "oracle", "scheduled"] as const) {
                const r = strategyResult(s, name);
                expect(r.minutesUnderCapacity, name).to.equal(0);
                expect(r.worstShortfallPercent, name).to.equal(0);
            }
        });

        it("a fixed strategy below the peak has a shortfall, measured as unserved demand", () => {
            const s = sim({ fixedInstances: 69 });
            const fixed = strategyResult(s, "fixed");
            const over = s.demand.filter((d) => d > 69 * 2000);
            expect(over.length).to.be.above(0);
            expect(fixed.minutesUnderCapacity).to.equal(over.length);
            const peak = Math.max(...s.demand);
            expect(fixed.worstShortfallPercent).to.be.closeTo(((peak - 69 * 2000) / peak) * 100, 1e-9);
            // Today's servers, sized for the group stage, at a round-of-16 second leg.
            expect(strategyResult(sim({ fixedInstances: 24 }), "fixed").worstShortfallPercent).to.be.above(60);
        });

        it("the oracle's instance-hours are the minimum of all strategies", () => {
            for (const surge of [1, 1.5, 2.5]) {
                const s = sim({ surge, fixedInstances: Math.max(...sim({ surge }).needed) });
                const oracle = strategyResult(s, "oracle").instanceHours;
                for (const r of s.results) expect(r.instanceHours, `${r.strategy} at ${surge}`).to.be.at.least(oracle);
                expect(Math.min(...s.results.map((r) => r.instanceHours))).to.equal(oracle);
                expect(strategyResult(s, "oracle").ratioToOracle).to.equal(1);
            }
            // Under-serving is the only way to spend less than the oracle.
            const s = sim({ fixedInstances: 24 });
            for (const r of s.results) {
                if (r.instanceHours < strategyResult(s, "oracle").instanceHours) expect(r.minutesUnderCapacity, r.strategy).to.be.above(0);
            }
        });

        it("reactive scaling lags the kickoff surge, then catches up", () => {
            const s = sim();
            const reactive = strategyResult(s, "reactive");
            expect(reactive.minutesUnderCapacity).to.be.above(5);
            expect(reactive.worstShortfallPercent).to.be.above(10);
            // Short in the kickoff surge: demand outruns the 3 datapoints plus the cold launch.
            const shortInSurge = s.minutes.filter((m, i) => m >= -15 && m <= 5 && reactive.capacity[i] * 2000 < s.demand[i]);
            expect(shortInSurge.length).to.be.at.least(3);
            expect(reactive.capacity[at(s, -8)]).to.be.below(s.needed[at(s, -8)]);
            expect(reactive.capacity[at(s, 30)]).to.be.at.least(s.needed[at(s, 30)]);
            // The lag is the alarm's datapoints plus the launch: fewer datapoints or a faster launch lag less.
            const quicker = strategyResult(sim({ params: { scaleOutDatapoints: 1, coldLaunchMinutes: 2 } }), "reactive");
            expect(quicker.minutesUnderCapacity).to.be.below(reactive.minutesUnderCapacity);
        });

        it("the schedule covers the expected peak and half again from kickoff, because the floor is in service first", () => {
            for (const surge of [1, 1.5]) {
                const s = sim({ surge });
                const scheduled = strategyResult(s, "scheduled");
                expect(scheduled.minutesUnderCapacity, `surge ${surge}`).to.equal(0);
                expect(scheduled.capacity[at(s, -30)]).to.equal(126);
            }
        });

        it("a warm pool reduces the shortfall of a surge beyond the plan", () => {
            const cold = strategyResult(sim({ surge: 2.5, warmPoolSize: 0 }), "scheduled");
            const warm = strategyResult(sim({ surge: 2.5, warmPoolSize: 40 }), "scheduled");
            expect(cold.minutesUnderCapacity).to.be.above(0);
            expect(warm.minutesUnderCapacity).to.be.below(cold.minutesUnderCapacity);
            expect(warm.worstShortfallPercent).to.be.below(cold.worstShortfallPercent);
        });

        it("follows the schedule's floor steps in a merged window, and adds the concurrent audiences", () => {
            // early (200 000) pre-warms 15:20Z, r16 (140 000) kicks off 19:00Z: minute 0 is r16's kickoff.
            const early: Fixture = { name: "early", kickoff: "2027-04-14T16:30:00Z", expectedPeakViewers: 200_000 };
            const schedule = planCapacitySchedule({ ...plan, fixtures: [early, r16] }, BENCH_NOW);
            expect(schedule.windows).to.have.length(1);
            const s = sim({ window: schedule.windows[0], fixtures: [r16, early] });
            // early alone: 120 needed, 180 over 3 zones; both on: 340 000 -> 204, 306; r16 alone: 126.
            expect(s.floor).to.equal(306);
            expect(s.preWarmMinute).to.equal(-220);
            const scheduled = strategyResult(s, "scheduled").capacity;
            expect(scheduled[at(s, -120)]).to.equal(180);
            expect(scheduled[at(s, 0)]).to.be.at.least(306);
            // Each minute's demand is the sum of both matches' curves, each on its own kickoff.
            const r16Alone = demandCurve(140_000, 1, { fromMinute: s.minutes[0], toMinute: s.minutes[s.minutes.length - 1] });
            const earlyAlone = demandCurve(200_000, 1, { fromMinute: s.minutes[0] + 150, toMinute: s.minutes[s.minutes.length - 1] + 150, baselineShare: 0 });
            expect(s.demand).to.deep.equal(r16Alone.map((d, i) => d + earlyAlone[i]));
            // The scheduled strategy covers the combined audience at 1.0.
            expect(strategyResult(s, "scheduled").minutesUnderCapacity).to.equal(0);
        });

        it("a late deploy holds no floor before it lands: the simulation starts the floor at the deploy", () => {
            const schedule = planCapacitySchedule({ ...plan, fixtures: [r16] }, BENCH_NOW);
            const kickoff = Date.parse("2027-04-14T19:00:00Z");
            const late = sim({ window: schedule.windows[0], deployedAt: new Date(kickoff - 10 * 60_000), surge: 1 });
            const onTime = sim({ window: schedule.windows[0], surge: 1 });
            const cap = (x: MatchSimulation, m: number) => strategyResult(x, "scheduled").capacity[at(x, m)];
            expect(cap(onTime, -20)).to.equal(126);
            expect(cap(late, -20)).to.be.below(126);
            // Launched cold at -10, in service 5 minutes later.
            expect(cap(late, -6)).to.be.below(126);
            expect(cap(late, -5)).to.equal(126);
            expect(strategyResult(late, "scheduled").instanceHours).to.be.below(strategyResult(onTime, "scheduled").instanceHours);
        });

        it("counts instance-hours per minute of running instances", () => {
            const s = sim({ fixedInstances: 10 });
            expect(strategyResult(s, "fixed").instanceHours).to.be.closeTo((10 * s.minutes.length) / 60, 1e-9);
        });
    });

    describe("report", () => {
        it("formats a table with a row per strategy and the columns the benchmark reports", () => {
            const table = formatSimulationTable([{ label: "R16 x1.0", sim: sim() }]);
            const lines = table.split("\n");
            expect(lines[0]).to.match(/^match\s+strategy\s+min under\s+worst short %\s+inst-hours\s+x oracle\s+x N\+1 oracle$/);
            expect(lines).to.have.length(2 + STRATEGIES.length);
            expect(lines[2 + 3]).to.match(/^R16 x1\.0\s+oracle\s+0\s+0\.0\s+\d+\.\d\s+1\.00\s+0\.\d\d$/);
        });

        it("the benchmark is deterministic, quick, and uses the plan's own schedule", () => {
            const started = Date.now();
            const first = runBenchmark();
            expect(Date.now() - started).to.be.below(1000);
            expect(runBenchmark()).to.equal(first);
            expect(first).to.contain("UCL round of 16 second leg: min 126 from 2027-04-14T17:50:00Z to 2027-04-14T22:15:00Z");
            const runs = benchmarkRuns();
            expect(runs.map((r) => r.label)).to.include.members(["R16 leg 2 x1.0", "final x2.5", "final x2.5 no pool"]);
            expect(BENCH_PLAN.fixtures).to.have.length(BENCH_FIXTURES.length);
        });
    });
});
