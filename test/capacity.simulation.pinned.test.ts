/**
 * The surge simulation pinned where a wrong model would mislead the platform team:
 * cost and capacity after the release (a floor that is never released, target tracking
 * that never scales in, a warm pool that never drains), the demand table of
 * `demandShareAt`'s documentation, and the report table.
 *
 * A small night keeps the numbers checkable by hand: 1 000 viewers per instance, no
 * headroom, 2 zones, baseline 2, maximum 100; a 10 000-viewer match needs 10 instances
 * and, N+1 over 2 zones, a floor of 20. Without a window the simulation runs the plan's
 * own, the stepped pre-warm of `fixtureFloorProfile`: each step sized for the largest
 * share of the build-up from its start to 9 minutes after the next step's start, so
 * 0.2433 (minute -31) from -60 -> 2 x ceil(2.433) = 6, 0.3433 (-16) from -40 -> 8,
 * 0.65 (-6) from -25 -> 14, the full 20 from -15. Without a target utilisation the early
 * release at +125 keeps N+1 of the peak without headroom (20 here, no change, so no
 * step), and the release at 165 + 30 = 195 brings the baseline back. The simulated
 * period runs from minute -90 to 195 + 60 = 255. The model's default timing: each
 * scheduled action applies 1 minute after its time, a cold launch serves 5 minutes after
 * it starts, the alarms see datapoints 1 minute late.
 *
 * Target tracking alone (the reactive strategy) on this night, worked out once: 2 serve
 * 500 viewers to -60, then 500 + 66.7 per minute; above 70 % of 2 from -46, so -46 to
 * -44 are seen at -43, 1 launched at -42 for minute -44's 1 567 (ceil(1 567 / 700) = 3)
 * serves at -37; above 70 % of 3 from -35, 4 from -26; above 70 % of 4 from -25, 5 from
 * -16; at -16 and -15 5 serve 3 433 and 3 500 (not above 70 %), from -14 they are above:
 * 7 from -5.
 */
import { expect } from "chai";
import { SMALL_NIGHT, SMALL_NIGHT_KICKOFF, SMALL_NIGHT_PLAN, smallNightWindow } from "./helpers/capacityPlan";
import { Fixture } from "../stacks/capacity/fixtures";
import {
    DEFAULT_SIMULATION_PARAMS,
    demandCurve,
    demandShareAt,
    formatSimulationTable,
    MatchSimulation,
    MatchSimulationInput,
    realisticLowerBound,
    simulateMatch,
    STRATEGIES,
    strategyResult,
    StrategyResult,
} from "../stacks/capacity/simulation";

const plan = SMALL_NIGHT_PLAN;
const KICKOFF = SMALL_NIGHT_KICKOFF;
const night: Fixture = SMALL_NIGHT;
const simulate = (over: Partial<MatchSimulationInput> = {}) => simulateMatch({ fixture: night, plan, fixedInstances: 5, ...over });
/** Capacity of a strategy at minutes from kickoff. */
const capacityAt = (s: MatchSimulation, strategy: (typeof STRATEGIES)[number], minutes: number[]) =>
    minutes.map((m) => strategyResult(s, strategy).capacity[s.minutes.indexOf(m)]);
const atKickoffPlus = (minutes: number) => new Date(Date.parse(KICKOFF) + minutes * 60_000);

const steppedWindow = smallNightWindow;
/** One flat floor of 20 from -60 to the release at +195: for checks of target tracking in isolation from the plan's steps. */
const flat = steppedWindow([[-60, 20]]);

describe("capacity simulation, pinned", () => {
    describe("the demand model's table (demandShareAt)", () => {
        it("takes the documented share at each breakpoint and interpolates linearly between them", () => {
            const table: [number, number][] = [
                [-200, 0.05], [-60, 0.05], [-37.5, 0.2], [-15, 0.35], [-7.5, 0.6], [0, 0.85], [22.5, 0.9], [45, 0.95], [46, 0.95], [47, 0.95],
                [49.5, 0.825], [52, 0.7], [55, 0.7], [58, 0.7], [60, 0.825], [62, 0.95], [78.5, 0.975], [95, 1], [100, 1], [110, 1],
            ];
            for (const [minute, share] of table) expect(demandShareAt(minute), `minute ${minute}`).to.be.closeTo(share, 1e-12);
        });

        it("after the whistle decays to the baseline with a 10-minute time constant; with extra time, a 0.95 break to minute 115, then the peak to 163", () => {
            const e1 = 0.05 + 0.95 * Math.exp(-1);
            expect(demandShareAt(120)).to.be.closeTo(e1, 1e-12);
            expect(demandShareAt(111)).to.be.closeTo(0.05 + 0.95 * Math.exp(-0.1), 1e-12);
            expect(demandShareAt(115, { extraTime: true })).to.equal(0.95);
            expect(demandShareAt(116, { extraTime: true })).to.equal(1);
            expect(demandShareAt(163, { extraTime: true })).to.equal(1);
            expect(demandShareAt(173, { extraTime: true })).to.be.closeTo(e1, 1e-12);
            expect(demandShareAt(-60, { baselineShare: 0 })).to.equal(0);
            // The curve's default span: minute -90 to 255, 346 minutes.
            const curve = demandCurve(10_000, 1);
            expect([curve.length, curve[0], curve[90], curve[345]]).to.deep.equal([346, 500, 8500, Math.round(10_000 * demandShareAt(255))]);
        });
    });

    describe("the window: what is simulated, and when the floor holds", () => {
        it("runs from minute -90 (or 30 minutes before an earlier pre-warm) to 60 minutes after the release or the last whistle", () => {
            const s = simulate();
            expect([s.minutes[0], s.minutes.at(-1), s.minutes.length]).to.deep.equal([-90, 255, 346]);
            expect([s.floor, s.preWarmMinute, s.releaseMinute, s.finalWhistleMinute]).to.deep.equal([20, -60, 195, 110]);
            const early = simulate({ plan: { ...plan, preWarmLeadMinutes: 120 } });
            expect(early.minutes[0]).to.equal(-150);
            expect(simulate({ plan: { ...plan, preWarmLeadMinutes: 30 } }).minutes[0]).to.equal(-90);
            // A second fixture kicking off 150 minutes later: its window (pre-warm at +90) overlaps the night's,
            // so the plan merges them, and the window ends at its release, 150 + 195 = 345: to 405.
            const fixtures = [night, { ...night, name: "Late night", kickoff: "2027-05-04T21:30:00Z" }];
            const pair = simulate({ fixtures });
            expect([pair.releaseMinute, pair.minutes.at(-1)]).to.deep.equal([345, 405]);
            // With the night's own window passed in (ending at 195), the later whistle sets the end: (150 + 110) + 60.
            expect(simulate({ fixtures, window: flat }).minutes.at(-1)).to.equal(320);
            expect(simulate({ extraTime: true }).finalWhistleMinute).to.equal(163);
        });

        it("raises each step of the floor a minute after its minute (cold instances serve 5 minutes later) and releases it a minute after the release minute", () => {
            const s = simulate();
            // 6 from -60, applied at -59, in service at -54; 8 from -40 at -34; 14 from -25 at -19; 20 from -15 at -9.
            // Each step serves the build-up with room: at most 2 167 on 6, 3 167 on 8, 5 167 on 14 (under 70 %).
            expect(capacityAt(s, "scheduled", [-90, -60, -59, -55, -54, -35, -34, -20, -19, -10, -9, 0]))
                .to.deep.equal([2, 2, 2, 2, 6, 6, 8, 8, 14, 14, 20, 20]);
            // Released at 195, applied at 196: target tracking, its 15 low datapoints long seen, scales in to
            // the baseline then (the newest datapoint it sees, minute 194's 502 viewers, needs 1 at 70 %).
            expect(capacityAt(s, "scheduled", [194, 195, 196, 255])).to.deep.equal([20, 20, 2, 2]);
        });

        it("costs what it runs: instances in service plus those launching, and nothing more after the release", () => {
            // Launching instances are paid, so each minute pays the minimum in force (a minute late), as
            // nothing scales above it: -90..-60: 31 min x 2, -59..-40: 20 x 6, -39..-25: 15 x 8,
            // -24..-15: 10 x 14, -14..195: 210 x 20, 196..255: 60 x 2
            // = 62 + 120 + 120 + 140 + 4 200 + 120 = 4 762 instance-minutes.
            const s = simulate();
            expect(strategyResult(s, "scheduled").instanceHours).to.be.closeTo(4762 / 60, 1e-9);
            // The flat floor of 20 from -60 would pay 31 x 2 + 5 x (2 + 18 launching) + 250 x 20 + 60 x 2 = 5 282.
            expect(strategyResult(simulate({ window: flat }), "scheduled").instanceHours).to.be.closeTo(5282 / 60, 1e-9);
            // Fixed: 5 instances over 346 minutes; it serves at most 5 000 of the 10 000 at the peak.
            const fixed = strategyResult(s, "fixed");
            expect(fixed.instanceHours).to.be.closeTo((5 * 346) / 60, 1e-9);
            expect(fixed.worstShortfallPercent).to.be.closeTo(50, 1e-9);
            expect(fixed.minutesUnderCapacity).to.equal(s.demand.filter((d) => d > 5000).length);
            // The oracle pays exactly the need: 1 524 instance-minutes. The lower bound, twice the need
            // (N+1 over 2 zones, no headroom) of the next 6 minutes each minute, pays 3 168 (see "the
            // realistic lower bound" below). Every strategy's ratio is over those.
            const oracle = strategyResult(s, "oracle");
            expect(oracle.instanceHours).to.be.closeTo(1524 / 60, 1e-9);
            expect(oracle.ratioToOracle).to.equal(1);
            expect(s.lowerBoundHours).to.be.closeTo(3168 / 60, 1e-9);
            expect(oracle.ratioToLowerBound).to.be.closeTo(1524 / 3168, 1e-12);
            expect(fixed.ratioToOracle).to.be.closeTo(1730 / 1524, 1e-12);
            expect(fixed.ratioToLowerBound).to.be.closeTo(1730 / 3168, 1e-12);
            expect(strategyResult(s, "scheduled").ratioToLowerBound).to.be.closeTo(4762 / 3168, 1e-12);
        });

        it("with a deploy that lands late, holds no floor before the deploy, and declares at once the highest floor of the next 30 minutes", () => {
            // Deployed at -20: the floors of [-20, +10) are 14 (to -15) and 20; 20 applies at -20 itself (no
            // action delay: the stack declares it on the group), launched cold, serving at -15.
            const s = simulate({ deployedAt: atKickoffPlus(-20) });
            expect(capacityAt(s, "scheduled", [-60, -55, -54, -21, -20, -16, -15])).to.deep.equal([2, 2, 2, 4, 4, 5, 20]);
            // Until then, exactly what target tracking alone has (the reactive strategy): 4 at -20, 5 at -16 and -15.
            const upTo = s.minutes.indexOf(-16);
            expect(strategyResult(s, "scheduled").capacity.slice(0, upTo + 1)).to.deep.equal(strategyResult(s, "reactive").capacity.slice(0, upTo + 1));
            expect(capacityAt(s, "reactive", [-37, -26, -20, -16, -15, -14, -6, -5])).to.deep.equal([3, 4, 4, 5, 5, 5, 5, 7]);
            // The release (195) is ahead of the deploy: it runs a minute late as planned.
            expect(capacityAt(s, "scheduled", [195, 196])).to.deep.equal([20, 2]);
        });

        it("after a late deploy, each step that starts after it applies `scheduledActionDelayMinutes` late, and the release too", () => {
            // Steps 10 from -60, 16 from -30, 20 from -15, 24 from +30, 12 from +125, released at 195. Deployed at
            // -20 (the 16 in force), the highest floor of [-20, +10) is 20: serving at -15 whatever the delay.
            // The -15 step (20) changes nothing then; +30 applies at 30 + d (4 cold, serving at 35 + d); +125
            // at 125 + d: target tracking, 15 low datapoints long seen and the last launch warmed up, drops to
            // 12 at once (the newest datapoint seen, 2 418 to 3 089 viewers, needs at most 5); the release at 195 + d: to 2 (502 viewers need 1).
            const window = steppedWindow([[-60, 10], [-30, 16], [-15, 20], [30, 24], [125, 12]]);
            for (const d of [0, 1, 2, 3]) {
                const s = simulate({ window, deployedAt: atKickoffPlus(-20), params: { scheduledActionDelayMinutes: d } });
                expect(capacityAt(s, "scheduled", [-16, -15, 34 + d, 35 + d, 124 + d, 125 + d, 194 + d, 195 + d]), `delay ${d}`)
                    .to.deep.equal([5, 20, 20, 24, 24, 12, 12, 2]);
            }
            // With a minimum lead of 5, the deploy declares only the 16 of [-20, -15) (11 launched, serving at
            // -15); the -15 step then applies at -15 + d like any action ahead: 4 more serve at -10 + d.
            for (const d of [0, 1, 2, 3]) {
                const s = simulate({ window, plan: { ...plan, minimumLeadMinutes: 5 }, deployedAt: atKickoffPlus(-20), params: { scheduledActionDelayMinutes: d } });
                expect(capacityAt(s, "scheduled", [-16, -15, -11 + d, -10 + d]), `delay ${d}`).to.deep.equal([5, 16, 16, 20]);
            }
        });

        it("a deploy well before the window changes nothing, and one after it holds only the baseline (target tracking alone)", () => {
            // At -200 no floor is within 30 minutes: the baseline, then every step a minute late, as without a deploy.
            expect(simulate({ deployedAt: atKickoffPlus(-200) })).to.deep.equal(simulate());
            // At +200 the window is over: the group keeps the baseline throughout.
            const after = simulate({ deployedAt: atKickoffPlus(200) });
            expect(strategyResult(after, "scheduled").capacity).to.deep.equal(strategyResult(after, "reactive").capacity);
        });

        it("floorEndMinute: the early release when it brings the baseline back, else the release (the window's end)", () => {
            // No target utilisation: the early release keeps N+1 of the peak (20, no step); the floor ends at 195.
            const s = simulate();
            expect([s.floorEndMinute, s.releaseMinute]).to.deep.equal([195, 195]);
            // A target of 50 % (at most (2 - 1) / 2): target tracking keeps N+1 by itself, so the early release at
            // +125 goes to the baseline. The window still ends at 195.
            const targeted = simulate({ plan: { ...plan, targetUtilisation: 0.5 } });
            expect([targeted.floorEndMinute, targeted.releaseMinute, targeted.preWarmMinute, targeted.floor]).to.deep.equal([125, 195, -60, 20]);
            // It applies at 126; the 15 datapoints below 45 % are 112 (8 278 on 20) to 126 (111's 9 096 is not below),
            // seen at 127: 5 from 128 (126's 2 418 at 50 %). Without the target the floor holds 20 to 195.
            expect(capacityAt(targeted, "scheduled", [125, 126, 127, 128])).to.deep.equal([20, 20, 20, 5]);
            expect(capacityAt(s, "scheduled", [128, 195, 196])).to.deep.equal([20, 20, 2]);
            // A window passed in: its last step when that is the baseline, else its release.
            expect(simulate({ window: steppedWindow([[-60, 20], [125, 2]]) }).floorEndMinute).to.equal(125);
            expect(simulate({ window: steppedWindow([[-60, 20], [125, 12]]) }).floorEndMinute).to.equal(195);
            expect(simulate({ window: flat }).floorEndMinute).to.equal(195);
        });

        it("follows the steps of a merged window: each step's minimum from a minute after its own minute", () => {
            const s = simulate({ window: steppedWindow([[-60, 10], [-40, 30]]) });
            expect(s.floor).to.equal(30);
            // -60 applies at -59 and serves at -54; -40 applies at -39 and serves at -34; the release applies at 196.
            expect(capacityAt(s, "scheduled", [-55, -54, -35, -34, 195, 196])).to.deep.equal([2, 10, 10, 30, 30, 2]);
        });

        it("refuses a fixture whose kickoff cannot be read, and a strategy that is not simulated", () => {
            expect(() => simulate({ fixture: { ...night, kickoff: "soon" } })).to.throw('fixture "Test night": kickoff "soon" is not valid');
            expect(() => strategyResult(simulate(), "hybrid" as never)).to.throw("no result for strategy hybrid");
        });

        it("with no audience at all, the ratio to an oracle that pays nothing is infinite, not a number; the lower bound still pays the baseline", () => {
            const s = simulate({ fixture: { ...night, expectedPeakViewers: 0 }, fixedInstances: 0 });
            const fixed = strategyResult(s, "fixed");
            expect(fixed.ratioToOracle).to.equal(Number.POSITIVE_INFINITY);
            // The lower bound never goes below the baseline (2): 2 x 346 minutes. The schedule (its floor
            // is the baseline) pays exactly that, and nothing (fixed at 0) pays 0 of it.
            expect(s.lowerBound).to.deep.equal(s.minutes.map(() => 2));
            expect(s.lowerBoundHours).to.be.closeTo((2 * 346) / 60, 1e-9);
            expect(fixed.ratioToLowerBound).to.equal(0);
            expect(strategyResult(s, "scheduled").ratioToLowerBound).to.be.closeTo(1, 1e-12);
            // With a baseline of 0 the lower bound pays nothing, and the ratio to it is infinite too.
            const none = simulate({ fixture: { ...night, expectedPeakViewers: 0 }, fixedInstances: 0, plan: { ...plan, baselineMinSize: 0 } });
            expect(none.lowerBoundHours).to.equal(0);
            for (const r of none.results) expect(r.ratioToLowerBound, r.strategy).to.equal(Number.POSITIVE_INFINITY);
        });
    });

    describe("the warm pool: drawn first, drained, refilled after 6 minutes", () => {
        // Steps of 2 -> 10 at -60, -> 20 at -58, -> 30 at -50, each applied a minute later (-59, -57, -49); a pool of 8.
        const window = steppedWindow([[-60, 10], [-58, 20], [-50, 30]]);

        it("serves 8 warm instances 2 minutes after the first raise; the next raise, with the pool empty, launches cold", () => {
            // 8 warm launched at -59 serve at -57; 10 cold launched at -57 serve at -52.
            const s = simulate({ window, warmPoolSize: 8 });
            expect(capacityAt(s, "scheduled", [-58, -57, -53, -52])).to.deep.equal([2, 10, 10, 20]);
        });

        it("refills the pool 6 minutes after it was drawn: the third raise gets 8 warm (2 minutes) and 2 cold (5 minutes)", () => {
            // Drawn at -59, refilled at -53; the raise at -49 draws 8 (serving at -47) and launches 2 cold (serving at -44).
            const s = simulate({ window, warmPoolSize: 8 });
            expect(capacityAt(s, "scheduled", [-48, -47, -45, -44])).to.deep.equal([20, 28, 28, 30]);
        });

        it("without a pool every launch is cold", () => {
            // Launched at -59, -57 and -49, serving at -54, -52 and -44.
            const s = simulate({ window });
            expect(capacityAt(s, "scheduled", [-55, -54, -53, -52, -45, -44])).to.deep.equal([2, 10, 10, 20, 20, 30]);
        });

        it("a pool larger than a raise keeps the rest for the next raise", () => {
            // 8 warm at -59 (serving -57), 10 warm at -57 (serving -55), 10 warm at -49 (serving -47).
            const s = simulate({ window, warmPoolSize: 30 });
            expect(capacityAt(s, "scheduled", [-58, -57, -56, -55, -48, -47])).to.deep.equal([2, 10, 10, 20, 20, 30]);
            // Stopped instances in the pool cost nothing: the same instance-hours as without a pool.
            expect(strategyResult(s, "scheduled").instanceHours).to.be.closeTo(strategyResult(simulate({ window }), "scheduled").instanceHours, 1e-9);
        });
    });

    describe("target tracking as AWS documents it", () => {
        /** Utilisation each minute: demand / (in service x viewers per instance). */
        const utilisation = (s: MatchSimulation, r: StrategyResult) => s.demand.map((d, i) => (r.capacity[i] > 0 ? d / (r.capacity[i] * 1000) : Infinity));

        // On the flat floor, so that the floor inside the window is `s.floor` throughout.
        for (const [label, over] of [
            ["a 10 000-viewer night", { window: flat }],
            ["a 2.5x surge", { window: flat, surge: 2.5 }],
            ["with extra time", { window: flat, extraTime: true }],
        ] as [string, Partial<MatchSimulationInput>][]) {
            it(`${label}: scales out only after 3 published datapoints above 70 %, to the proportional size of the newest, cold in 5 minutes`, () => {
                const s = simulate(over);
                const r = strategyResult(s, "reactive");
                const u = utilisation(s, r);
                let rises = 0;
                for (let i = 1; i < s.minutes.length; i++) {
                    if (r.capacity[i] <= r.capacity[i - 1]) continue;
                    rises += 1;
                    // Decided at minute i - 6 (launch at i - 5, serving at i), when the newest datapoint
                    // CloudWatch had published was minute i - 7's (1 minute late).
                    const seen = i - 7;
                    const where = `rise at ${s.minutes[i]}`;
                    expect(seen, where).to.be.at.least(2);
                    for (const k of [seen - 2, seen - 1, seen]) expect(u[k], `utilisation at ${s.minutes[k]} before the ${where}`).to.be.above(0.7);
                    // Every instance serving at i was decided by i - 6, so the fleet is what that decision asked for.
                    expect(r.capacity[i], where).to.equal(Math.min(100, Math.ceil(s.demand[seen] / 700)));
                }
                expect(rises).to.be.at.least(1);
                expect(Math.max(...r.capacity)).to.be.at.most(100);
            });

            it(`${label}: scales in after 15 published datapoints below 63 %, with nothing launching or warming up, at most every 5 minutes, to the proportional size of the newest or the minimum`, () => {
                const s = simulate(over);
                for (const strategy of ["reactive", "scheduled"] as const) {
                    const r = strategyResult(s, strategy);
                    const u = utilisation(s, r);
                    const drops: number[] = [];
                    for (let i = 1; i < s.minutes.length; i++) {
                        if (r.capacity[i] >= r.capacity[i - 1]) continue;
                        drops.push(i);
                        const where = `${strategy} drop at ${s.minutes[i]}`;
                        // Decided at minute i - 1 on the datapoints published by then: minutes i - 16 to i - 2.
                        expect(i, where).to.be.at.least(17);
                        for (let k = i - 16; k <= i - 2; k++) expect(u[k], `${where}: utilisation at ${s.minutes[k]}`).to.be.below(0.63);
                        // No instance started serving in the 3 minutes of warmup before: no rise at i - 2 or i - 1.
                        for (const k of [i - 2, i - 1]) expect(r.capacity[k], `${where}: warming up at ${s.minutes[k]}`).to.be.at.most(r.capacity[k - 1]);
                        // The floor in force at minute i is the one a minute before (the scheduled action's delay).
                        const m = s.minutes[i] - 1;
                        const minimum = strategy === "scheduled" && m >= s.preWarmMinute && m < s.releaseMinute ? s.floor : 2;
                        expect(r.capacity[i], where).to.equal(Math.max(minimum, Math.ceil(s.demand[i - 2] / 700)));
                    }
                    for (let j = 1; j < drops.length; j++) expect(drops[j] - drops[j - 1], `${strategy} drops at ${drops.map((i) => s.minutes[i])}`).to.be.at.least(5);
                    // As viewers leave after the whistle, the fleet steps down every 5 minutes (the cooldown), not later.
                    if (strategy === "reactive") expect(drops.slice(1).map((d, j) => d - drops[j]), `${strategy} drops`).to.include(5);
                    // It does scale in: after the release, back to the baseline.
                    expect(drops.length, strategy).to.be.at.least(1);
                    expect(r.capacity.at(-1), strategy).to.equal(2);
                }
            });
        }

        it("with 5-minute metrics (basic monitoring) it reacts later: more minutes short than with 1-minute metrics", () => {
            const one = strategyResult(simulate({ surge: 2.5 }), "reactive");
            const five = strategyResult(simulate({ surge: 2.5, params: { metricPeriodMinutes: 5 } }), "reactive");
            expect(five.minutesUnderCapacity).to.be.above(one.minutesUnderCapacity);
            // ... but it still gets there: the 2.5x peak needs 25 instances, 36 at the 70 % target.
            expect(Math.max(...five.capacity)).to.equal(36);
            expect(Math.max(...one.capacity)).to.equal(36);
            // What AWS documents for target tracking with one-minute metrics: 3 datapoints of
            // 1 minute to scale out, 15 to scale in (the model's own choices are not pinned here).
            expect(DEFAULT_SIMULATION_PARAMS.metricPeriodMinutes).to.equal(1);
            expect(DEFAULT_SIMULATION_PARAMS.scaleOutDatapoints).to.equal(3);
            expect(DEFAULT_SIMULATION_PARAMS.scaleInDatapoints).to.equal(15);
            expect(STRATEGIES).to.deep.equal(["fixed", "reactive", "scheduled", "oracle"]);
        });
    });

    describe("the realistic lower bound", () => {
        it("each minute, the most N+1 with headroom asks of the larger of planned and demand over that minute and the cold launch after, at least the baseline", () => {
            // 1 000 per instance, 50 % headroom, 3 zones, baseline 4, cold launch 2.
            // max(demand, planned):     3 000, 1 000, 5 000, 2 000, 0, 0
            // need ceil(x x 1.5 / 1000):    5,     2,     8,     3, 0, 0
            // N+1 floor((3n + 1) / 2):      8,     3,    12,     5, 0, 0
            // max over [i, i + 2], >= 4:   12,    12,    12,     5, 4, 4
            const small = { viewersPerInstance: 1000, headroomPercent: 50, availabilityZoneCount: 3, baselineMinSize: 4 };
            const demand = [0, 1000, 5000, 2000, 0, 0];
            const planned = [3000, 0, 0, 0, 0, 0];
            expect(realisticLowerBound(demand, planned, small, 2)).to.deep.equal([12, 12, 12, 5, 4, 4]);
            // Without the look-ahead, each minute's own (minute 1's 3 raised to the baseline 4).
            expect(realisticLowerBound(demand, planned, small, 0)).to.deep.equal([8, 4, 12, 5, 4, 4]);
            expect(realisticLowerBound(demand, planned, small, 3)).to.deep.equal([12, 12, 12, 5, 4, 4]);
            expect(realisticLowerBound(demand, planned, { ...small, baselineMinSize: 0 }, 1)).to.deep.equal([8, 12, 12, 5, 0, 0]);
        });

        it("in a simulation: the planned audience (peak x surge factor) when it is larger, the simulated one when that is, over the next cold launch", () => {
            // Planned for 2 x 10 000 on the same curve, at surge 1: the plan's 20 000 dominates. N+1 over 2 zones, no headroom: 2 x ceil(v / 1000).
            // -90: 1 000 -> 2. -6: looks to -1, 20 000 x (0.35 + 0.5 x 14/15) = 16 333 -> 34. -1: looks to +4,
            // 20 000 x (0.85 + 0.1 x 4/45) = 17 178 -> 36. 100 and 105: the peak, 40. 111: its own 20 000 x (0.05 + 0.95 e^-0.1) = 18 192 -> 38.
            const minutes = [-90, -6, -1, 100, 105, 111];
            const lbAt = (s: MatchSimulation) => minutes.map((m) => s.lowerBound[s.minutes.indexOf(m)]);
            const planned2 = { ...night, surgeFactor: 2 };
            const s = simulate({ fixture: planned2 });
            expect(s.lowerBound).to.have.length(s.minutes.length);
            expect(lbAt(s)).to.deep.equal([2, 34, 36, 40, 40, 38]);
            // With the cold launch at 0, no look-ahead: -6 is its own 13 000 -> 26, -1 its own 16 333 -> 34.
            expect(lbAt(simulate({ fixture: planned2, params: { coldLaunchMinutes: 0 } }))).to.deep.equal([2, 26, 34, 40, 40, 38]);
            // At 2.5x the simulated audience dominates: 1 250 -> 4 at -90, 25 000 -> 50 at the peak.
            const surge = simulate({ fixture: planned2, surge: 2.5 });
            expect([-90, 100].map((m) => surge.lowerBound[surge.minutes.indexOf(m)])).to.deep.equal([4, 50]);
            // The planned audience follows the ending: at 140 extra time keeps 20 000 (40); normal time has 1 946 left (4).
            expect(s.lowerBound[s.minutes.indexOf(140)]).to.equal(4);
            const et = simulate({ fixture: planned2, extraTime: true });
            expect(et.lowerBound[et.minutes.indexOf(140)]).to.equal(40);
            // Never below the baseline: with a baseline of 10, the quiet minutes pay 10, the peak still 20.
            const base10 = simulate({ plan: { ...plan, baselineMinSize: 10 } });
            expect([-90, -6, 100, 255].map((m) => base10.lowerBound[base10.minutes.indexOf(m)])).to.deep.equal([10, 18, 20, 10]);
        });

        it("lowerBoundHours is the sum over the minutes / 60", () => {
            // The night at 1.0 (checked minute by minute against a separate computation): 3 168 instance-minutes.
            const s = simulate();
            expect(s.lowerBound.reduce((a, b) => a + b, 0)).to.equal(3168);
            expect(s.lowerBoundHours).to.be.closeTo(3168 / 60, 1e-9);
        });
    });

    describe("minutes without the zone reserve", () => {
        it("counts the minutes where the fleet minus its largest zone, ceil(capacity / zones), serves less than the demand", () => {
            // Fixed 20 over 2 zones keeps 10 000 after losing a zone: the peak, never short.
            expect(strategyResult(simulate({ fixedInstances: 20 }), "fixed").minutesWithoutZoneReserve).to.equal(0);
            // Fixed 19 keeps 19 - 10 = 9 000: short where demand > 9 000, 0.9 of the peak: minutes 23 to 47
            // (25), 62 to 110 (49) and 111 (9 096), 75 minutes. (floor(19 / 2) would keep 10 000, and count 0.)
            expect(strategyResult(simulate({ fixedInstances: 19 }), "fixed").minutesWithoutZoneReserve).to.equal(75);
            // Fixed 5 keeps 2 000: short above 0.2 of the peak, minutes -37 to 110 (148) and 111 to 128 (18): 166.
            expect(strategyResult(simulate({ fixedInstances: 5 }), "fixed").minutesWithoutZoneReserve).to.equal(166);
            // Over 3 zones, 7 keeps 7 - 3 = 4 000: short from -13 to 110 (124) and 111 to 119 (9): 133.
            const threeZones = simulate({ fixedInstances: 7, plan: { ...plan, availabilityZoneCount: 3 } });
            expect(strategyResult(threeZones, "fixed").minutesWithoutZoneReserve).to.equal(133);
        });

        it("the oracle never has the reserve, and the schedule's N+1 floor always does at the expected audience", () => {
            // ceil(d / 1000) less its larger half is below d in every minute with viewers (all 346 have some).
            const s = simulate();
            expect(strategyResult(s, "oracle").minutesWithoutZoneReserve).to.equal(346);
            // Each step keeps, after losing a zone, half of it: 2 keep 1 000 to -55 (833 there), 6 keep 3 000 to -35
            // (2 167), 8 keep 4 000 to -20 (3 167), 14 keep 7 000 to -10 (5 167), 20 keep 10 000 from -9, the peak;
            // 2 keep 1 000 again after the release, above the 500 to 833 viewers there.
            expect(strategyResult(s, "scheduled").minutesWithoutZoneReserve).to.equal(0);
        });
    });

    describe("what a simulation records", () => {
        it("the kickoff, the group's maximum, the surge, the ending and the parameters it ran with", () => {
            const s = simulate({ surge: 1.5, extraTime: true, params: { coldLaunchMinutes: 6 } });
            expect(s.kickoff.toISOString()).to.equal("2027-05-04T19:00:00.000Z");
            expect([s.groupMaxSize, s.surge, s.extraTime]).to.deep.equal([100, 1.5, true]);
            expect([s.params.coldLaunchMinutes, s.params.targetUtilisation, s.params.metricDelayMinutes]).to.deep.equal([6, 0.7, 1]);
            const plain = simulate();
            expect([plain.surge, plain.extraTime, plain.params.coldLaunchMinutes]).to.deep.equal([1, false, 5]);
        });
    });

    describe("the report table", () => {
        it("aligns labels left and numbers right, under a dashed rule, one row per strategy", () => {
            const result = (strategy: StrategyResult["strategy"], under: number, worst: number, hours: number, x: number, xlb: number): StrategyResult => ({
                strategy, capacity: [], minutesUnderCapacity: under, worstShortfallPercent: worst, minutesWithoutZoneReserve: 0, instanceHours: hours, ratioToOracle: x, ratioToLowerBound: xlb,
            });
            const sim = { results: [result("fixed", 128, 50, 28.8333, 1.135, 0.5675), result("oracle", 0, 0, 25.4, 1, 0.5)] } as unknown as MatchSimulation;
            expect(formatSimulationTable([{ label: "a long match label", sim }])).to.equal([
                "match               strategy  min under  worst short %  inst-hours  x oracle  x lower bound",
                "------------------  --------  ---------  -------------  ----------  --------  -------------",
                "a long match label  fixed           128           50.0        28.8      1.14           0.57",
                "a long match label  oracle            0            0.0        25.4      1.00           0.50",
            ].join("\n"));
        });
    });
});

describe("capacity simulation, pinned: the lower bound of concurrent fixtures", () => {
    // A (10 000, kickoff 19:00) and B (10 000 planned x surgeFactor 3, kickoff 20:00), simulated as expected (surge 1):
    // the planned audience is A's curve plus 3 x B's, each on its own kickoff, B without a baseline audience of its
    // own. This file's plan: 1 000 viewers per instance, no headroom, N+1 over 2 zones (twice the need), baseline 1
    // so it hides nothing; a 5-minute cold launch: each minute takes the largest need of it and the next 5.
    const a: Fixture = { name: "A", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 10_000 };
    const b: Fixture = { name: "B", kickoff: "2027-05-04T20:00:00Z", expectedPeakViewers: 10_000, surgeFactor: 3 };
    const sim = () => simulateMatch({ fixture: a, fixtures: [a, b], plan: { ...plan, baselineMinSize: 1, groupMaxSize: 400 }, fixedInstances: 0 });
    const lowerAt = (s: MatchSimulation, minute: number) => s.lowerBound[s.minutes.indexOf(minute)];

    it("during both matches: A at its peak plus B's planned 30 000 at 0.95 of its peak", () => {
        // Minutes 100-105: A at 1.0 (10 000); B at its minute 45 is 0.95 of 30 000 = 28 500: 38 500 / 1 000 = 38.5,
        // need 39, twice that over 2 zones: 78. The simulated audience (B at 1x) is lower.
        expect(lowerAt(sim(), 100)).to.equal(78);
    });

    it("before B's build-up: B adds nothing, not even a baseline audience (A's evening already counts it)", () => {
        // Minutes -30 to -25: A's build-up reaches 0.05 + 0.3 x 35 / 45 = 0.2833 (2 833 viewers); B is at its minute
        // -85, before its build-up: 0. 2 833 / 1 000 = 2.83, need 3, floor 6. (A baseline of 5 % of B's 30 000
        // would make it 4 333: need 5, floor 10.)
        expect(lowerAt(sim(), -30)).to.equal(6);
    });
});
