/**
 * The surge simulation's timings (issue 14): CloudWatch's publishing delay, scheduled
 * actions that run late, the instance warmup that blocks scale-in, the pessimistic
 * timing, and the plan's own target utilisation.
 *
 * The same small night as test/capacity.simulation.pinned.test.ts: 1 000 viewers per
 * instance, no headroom, 2 zones, baseline 2; a 10 000-viewer match. Its plan steps the
 * floor up (6 from -60, 8 from -40, 14 from -25, 20 from -15, worked out there) and
 * releases it at +195; where a check is about one timing alone it passes a flat floor of
 * 20 from -60 instead. Every expected minute below is worked out in its comment.
 */
import { expect } from "chai";
import { SMALL_NIGHT, SMALL_NIGHT_KICKOFF, SMALL_NIGHT_PLAN, smallNightWindow } from "./helpers/capacityPlan";
import { Fixture } from "../stacks/capacity/fixtures";
import {
    DEFAULT_SIMULATION_PARAMS,
    MatchSimulation,
    MatchSimulationInput,
    PESSIMISTIC_SIMULATION_PARAMS,
    PESSIMISTIC_TIMING,
    simulateMatch,
    StrategyName,
    strategyResult,
    timingParams,
} from "../stacks/capacity/simulation";

const plan = SMALL_NIGHT_PLAN;
const KICKOFF = SMALL_NIGHT_KICKOFF;
const night: Fixture = SMALL_NIGHT;
const simulate = (over: Partial<MatchSimulationInput> = {}) => simulateMatch({ fixture: night, plan, fixedInstances: 5, ...over });
/** Capacity of a strategy at minutes from kickoff. */
const capacityAt = (s: MatchSimulation, strategy: StrategyName, minutes: number[]) =>
    minutes.map((m) => strategyResult(s, strategy).capacity[s.minutes.indexOf(m)]);
/** The first minute (from kickoff), at or after `from`, at which a strategy has `count` instances in service. */
function firstMinuteAt(s: MatchSimulation, strategy: StrategyName, count: number, from = Number.NEGATIVE_INFINITY): number | undefined {
    const c = strategyResult(s, strategy).capacity;
    const i = s.minutes.findIndex((m, j) => m >= from && c[j] === count);
    return i < 0 ? undefined : s.minutes[i];
}
const steppedWindow = smallNightWindow;
/** One flat floor of 20 from -60 to the release at +195. */
const flat = steppedWindow([[-60, 20]]);

describe("capacity simulation timing", () => {
    describe("the defaults and the pessimistic timing", () => {
        it("metrics and scheduled actions 1 minute late and 3 minutes of instance warmup by default", () => {
            expect(DEFAULT_SIMULATION_PARAMS.metricDelayMinutes).to.equal(1);
            expect(DEFAULT_SIMULATION_PARAMS.scheduledActionDelayMinutes).to.equal(1);
            expect(DEFAULT_SIMULATION_PARAMS.instanceWarmupMinutes).to.equal(3);
        });

        it("pessimistic: metrics 2 minutes late, actions 2 minutes late, cold launch 7, warm launch 3; nothing else", () => {
            const slow = { metricDelayMinutes: 2, scheduledActionDelayMinutes: 2, coldLaunchMinutes: 7, warmLaunchMinutes: 3 };
            expect(PESSIMISTIC_TIMING).to.deep.equal(slow);
            for (const key of Object.keys(DEFAULT_SIMULATION_PARAMS) as (keyof typeof DEFAULT_SIMULATION_PARAMS)[]) {
                const expected = key in slow ? slow[key as keyof typeof slow] : DEFAULT_SIMULATION_PARAMS[key];
                expect(PESSIMISTIC_SIMULATION_PARAMS[key], key).to.equal(expected);
            }
            expect(Object.keys(PESSIMISTIC_SIMULATION_PARAMS)).to.have.length(Object.keys(DEFAULT_SIMULATION_PARAMS).length);
        });

        it("timingParams returns only overrides: none for the defaults, the four slow timings for pessimistic, each call a fresh object", () => {
            expect(timingParams("default")).to.deep.equal({});
            const pessimistic = timingParams("pessimistic");
            expect(pessimistic).to.deep.equal({ metricDelayMinutes: 2, scheduledActionDelayMinutes: 2, coldLaunchMinutes: 7, warmLaunchMinutes: 3 });
            expect(pessimistic).to.not.have.property("targetUtilisation");
            pessimistic.coldLaunchMinutes = 99;
            expect(timingParams("pessimistic").coldLaunchMinutes).to.equal(7);
            expect(PESSIMISTIC_TIMING.coldLaunchMinutes).to.equal(7);
        });

        it("a simulation with the pessimistic timing keeps the plan's target utilisation", () => {
            const s = simulate({ plan: { ...plan, targetUtilisation: 0.6 }, params: timingParams("pessimistic") });
            const p = s.params;
            expect([p.metricDelayMinutes, p.scheduledActionDelayMinutes, p.coldLaunchMinutes, p.warmLaunchMinutes]).to.deep.equal([2, 2, 7, 3]);
            expect([p.targetUtilisation, p.instanceWarmupMinutes, p.scaleOutDatapoints]).to.deep.equal([0.6, 3, 3]);
            // Each step applies 2 minutes late and its cold instances serve 7 minutes later: 6 from -60 at -51,
            // 8 from -40 at -31, 14 from -25 at -16, 20 from -15 at -6. At 60 % nothing scales out: the most
            // any step serves is 1 033 on 2 (-52), 2 367 on 6 (-32), 3 367 on 8 (-17), 6 167 on 14 (-7), 10 000 on 20.
            expect(capacityAt(s, "scheduled", [-52, -51, -32, -31, -17, -16, -7, -6])).to.deep.equal([2, 6, 6, 8, 8, 14, 14, 20]);
        });
    });

    describe("CloudWatch's publishing delay (metricDelayMinutes)", () => {
        // A step: a quiet match (1 000 at the peak, 50 viewers before -60) plus a flood of 9 000 000
        // kicking off at the same minute with no baseline: 0 viewers up to -60, then 70 000 at -59
        // (0.35 / 45 of it) and more each minute. Reactive, at most 10 instances: 2 serve 50 viewers
        // (2.5 %) until -60; from -59 every datapoint is far above 70 % and the policy asks for the
        // maximum whichever datapoint it sizes from. The flat window keeps the simulated period from -90:
        // the plan's own window for these twins pre-warms one of them a minute early (-61, off the
        // instant the other keeps), which would start it at -91 and move every 5-minute period by a minute.
        const quiet: Fixture = { name: "Quiet", kickoff: KICKOFF, expectedPeakViewers: 1000 };
        const flood: Fixture = { name: "Flood", kickoff: KICKOFF, expectedPeakViewers: 9_000_000 };
        const step = (delay: number) =>
            simulateMatch({ fixture: quiet, fixtures: [quiet, flood], window: flat, plan: { ...plan, groupMaxSize: 10 }, fixedInstances: 2, params: { metricDelayMinutes: delay } });

        it("the plan's own window for the twins starts the period a minute earlier", () => {
            const own = simulateMatch({ fixture: quiet, fixtures: [quiet, flood], plan: { ...plan, groupMaxSize: 10 }, fixedInstances: 2 });
            expect([own.preWarmMinute, own.minutes[0], step(1).minutes[0]]).to.deep.equal([-61, -91, -90]);
        });

        it("is a step of demand at minute -59", () => {
            const s = step(0);
            expect([-60, -59].map((m) => s.demand[s.minutes.indexOf(m)])).to.deep.equal([50, 57 + 70_000]);
        });

        it("scales out exactly `delay` minutes later than with no delay", () => {
            // No delay: datapoints -59, -58, -57 are seen at -57, the launch starts at -56 and serves at -51.
            // With a delay of d the third datapoint is seen d minutes later: the maximum serves at -51 + d.
            for (const delay of [0, 1, 2, 3]) {
                const s = step(delay);
                const serving = -51 + delay;
                expect(capacityAt(s, "reactive", [serving - 1, serving]), `delay ${delay}`).to.deep.equal([2, 10]);
                expect(strategyResult(s, "reactive").capacity.slice(0, s.minutes.indexOf(serving)).every((c) => c === 2), `delay ${delay}`).to.equal(true);
            }
        });

        it("with 5-minute datapoints, hides the newest datapoint for a whole period once the delay is above 0", () => {
            // Periods end at -86, -81, ...: the one ending -61 is all 50s, those ending -56, -51, -46 are far above.
            // No delay: the third is seen at -46, launched at -45, serving at -40. A delay of 1 to 5 minutes hides
            // the newest datapoint until the next period ends (-41: serving at -35); 6 to 10 minutes, two (-30).
            for (const [delay, serving] of [[0, -40], [1, -35], [5, -35], [6, -30]]) {
                const s = simulateMatch({
                    fixture: quiet, fixtures: [quiet, flood], window: flat, plan: { ...plan, groupMaxSize: 10 }, fixedInstances: 2,
                    params: { metricPeriodMinutes: 5, metricDelayMinutes: delay },
                });
                expect(capacityAt(s, "reactive", [serving - 1, serving]), `delay ${delay}`).to.deep.equal([2, 10]);
            }
        });

        it("sizes the fleet from the newest datapoint published, delay minutes old", () => {
            // A 2.5x night, reactive: a rise at minute i was decided at i - 6 (cold 5 minutes from i - 5) on the
            // datapoints up to i - 6 - delay, and asks for ceil(demand / 700) of the newest of them.
            for (const delay of [0, 2, 3]) {
                const s = simulate({ surge: 2.5, params: { metricDelayMinutes: delay } });
                const r = strategyResult(s, "reactive");
                let rises = 0;
                for (let i = 1; i < s.minutes.length; i++) {
                    if (r.capacity[i] <= r.capacity[i - 1]) continue;
                    rises += 1;
                    const seen = i - 6 - delay;
                    const where = `delay ${delay}, rise at ${s.minutes[i]}`;
                    for (const k of [seen - 2, seen - 1, seen]) expect(s.demand[k] / (r.capacity[k] * 1000), where).to.be.above(0.7);
                    expect(r.capacity[i], where).to.equal(Math.min(100, Math.ceil(s.demand[seen] / 700)));
                }
                expect(rises, `delay ${delay}`).to.be.at.least(2);
            }
        });
    });

    describe("late scheduled actions (scheduledActionDelayMinutes)", () => {
        it("the floor arrives exactly `delay` minutes later: raised at -60, serving at -55 + delay; released at 195, scaled in at 195 + delay", () => {
            for (const delay of [0, 1, 2, 3]) {
                const s = simulate({ window: flat, params: { scheduledActionDelayMinutes: delay } });
                expect(firstMinuteAt(s, "scheduled", 20), `delay ${delay}`).to.equal(-55 + delay);
                expect(capacityAt(s, "scheduled", [-56 + delay]), `delay ${delay}`).to.deep.equal([2]);
                // Target tracking has long seen 15 low datapoints: it scales in as soon as the minimum allows.
                expect(firstMinuteAt(s, "scheduled", 2, 0), `delay ${delay}`).to.equal(195 + delay);
                expect(capacityAt(s, "scheduled", [194 + delay]), `delay ${delay}`).to.deep.equal([20]);
            }
        });

        it("each step of the plan's own window arrives `delay` minutes late: 6, 8, 14 and 20 serving at -55, -35, -20 and -10 + delay", () => {
            // No step is outrun by the build-up even 3 minutes late: at most 967 on 2 (-53), 2 300 on 6 (-33),
            // 3 300 on 8 (-18), 5 833 on 14 (-8), under 70 %.
            for (const delay of [0, 1, 2, 3]) {
                const s = simulate({ params: { scheduledActionDelayMinutes: delay } });
                const firsts = [6, 8, 14, 20].map((count) => firstMinuteAt(s, "scheduled", count));
                expect(firsts, `delay ${delay}`).to.deep.equal([-55, -35, -20, -10].map((m) => m + delay));
                expect(capacityAt(s, "scheduled", [-56 + delay, -11 + delay, 195 + delay]), `delay ${delay}`).to.deep.equal([2, 14, 2]);
            }
        });

        it("does not delay target tracking: the reactive strategy is the same whatever the delay", () => {
            const onTime = strategyResult(simulate({ surge: 2.5, params: { scheduledActionDelayMinutes: 0 } }), "reactive");
            const late = strategyResult(simulate({ surge: 2.5, params: { scheduledActionDelayMinutes: 3 } }), "reactive");
            expect(late.capacity).to.deep.equal(onTime.capacity);
        });
    });

    describe("instance warmup (instanceWarmupMinutes)", () => {
        // The floor goes up to 30 at -60 and back to the baseline at -58, before the instances serve: 28
        // launched at -59 (a minute late) serve at -54, to a few hundred viewers, after more than 15 low
        // datapoints. Nothing is launching from -54 on, so only the warmup holds them: a decision at
        // minute m (taking effect at m + 1) needs m + 1 >= -54 + warmup.
        const window = steppedWindow([[-60, 30], [-58, 2]]);

        it("blocks scale-in until the launched instances have served for the warmup: cold", () => {
            // Dropped at max(-53, -54 + warmup); to 2 (the newest datapoint seen, minute -53's 967 viewers, needs 2 at 70 %),
            // or with a warmup of 10 at -44, to 3 (minute -46's 1 433 viewers).
            const expected: [number, number, number][] = [[0, -53, 2], [1, -53, 2], [2, -52, 2], [3, -51, 2], [10, -44, 3]];
            for (const [warmup, drop, to] of expected) {
                const s = simulate({ window, params: { instanceWarmupMinutes: warmup } });
                expect(capacityAt(s, "scheduled", [-55, -54, drop - 1, drop]), `warmup ${warmup}`).to.deep.equal([2, 30, 30, to]);
            }
        });

        it("counts the warmup from when warm-pool instances serve", () => {
            // From a pool of 28 the instances serve 2 minutes after -59, at -57: dropped at -56 without warmup, at -54 with 3.
            for (const [warmup, drop] of [[0, -56], [3, -54]]) {
                const s = simulate({ window, warmPoolSize: 28, params: { instanceWarmupMinutes: warmup } });
                expect(capacityAt(s, "scheduled", [-58, -57, drop - 1, drop]), `warmup ${warmup}`).to.deep.equal([2, 30, 30, 2]);
            }
        });
    });

    describe("the plan's target utilisation", () => {
        /** The reactive fleet's first rise at minute i (default timing: decided at i - 6 on datapoints up to i - 7). */
        function firstRise(s: MatchSimulation): number {
            const c = strategyResult(s, "reactive").capacity;
            const i = c.findIndex((x, j) => j > 0 && x > c[j - 1]);
            expect(i).to.be.above(10);
            return i;
        }

        for (const [label, planTarget, override, target, peakFleet] of [
            ["the default 70 % without one", undefined, undefined, 0.7, 36],
            ["the plan's 50 %", 0.5, undefined, 0.5, 50],
            ["params' 80 % over the plan's 50 %", 0.5, 0.8, 0.8, 32],
            ["params' 80 % without one in the plan", undefined, 0.8, 0.8, 32],
        ] as [string, number | undefined, number | undefined, number, number][]) {
            it(`${label}: scale-out fires above it and sizes for it`, () => {
                const s = simulate({
                    surge: 2.5,
                    plan: planTarget === undefined ? plan : { ...plan, targetUtilisation: planTarget },
                    ...(override === undefined ? {} : { params: { targetUtilisation: override } }),
                });
                expect(s.params.targetUtilisation).to.equal(target);
                // The 2.5x peak of 25 000 at the target: ceil(25 000 / (1 000 x target)).
                expect(Math.max(...strategyResult(s, "reactive").capacity)).to.equal(peakFleet);
                // The first scale-out: the three datapoints seen were above the target, and the one before was not.
                const r = strategyResult(s, "reactive");
                const u = (k: number) => s.demand[k] / (r.capacity[k] * 1000);
                const i = firstRise(s);
                for (const k of [i - 9, i - 8, i - 7]) expect(u(k), `datapoint ${s.minutes[k]}`).to.be.above(target);
                expect(u(i - 10), `datapoint ${s.minutes[i - 10]}`).to.be.at.most(target);
            });
        }
    });
});
