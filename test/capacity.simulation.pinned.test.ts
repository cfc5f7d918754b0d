/**
 * The surge simulation pinned where a wrong model would mislead the platform team:
 * cost and capacity after the release (a floor that is never released, target tracking
 * that never scales in, a warm pool that never drains), the demand table of
 * `demandShareAt`'s documentation, and the report table.
 *
 * A small night keeps the numbers checkable by hand: 1 000 viewers per instance, no
 * headroom, 2 zones, baseline 2, maximum 100; a 10 000-viewer match needs 10 instances
 * and, N+1 over 2 zones, a floor of 20, raised 60 minutes before kickoff and released
 * 165 + 30 minutes after it. The simulated period runs from minute -90 to 195 + 60 = 255.
 */
import { expect } from "chai";
import { CapacityPlanInput, Fixture } from "../stacks/capacity/fixtures";
import { MatchWindow } from "../stacks/capacity/schedule";
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
    StrategyResult,
} from "../stacks/capacity/simulation";

const plan: Omit<CapacityPlanInput, "fixtures"> = {
    viewersPerInstance: 1000,
    headroomPercent: 0,
    preWarmLeadMinutes: 60,
    matchWindowMinutes: 165,
    releaseDelayMinutes: 30,
    availabilityZoneCount: 2,
    baselineMinSize: 2,
    groupMaxSize: 100,
};
const KICKOFF = "2027-05-04T19:00:00Z";
const night: Fixture = { name: "Test night", kickoff: KICKOFF, expectedPeakViewers: 10_000 };
const simulate = (over: Partial<MatchSimulationInput> = {}) => simulateMatch({ fixture: night, plan, fixedInstances: 5, ...over });
/** Capacity of a strategy at minutes from kickoff. */
const capacityAt = (s: MatchSimulation, strategy: (typeof STRATEGIES)[number], minutes: number[]) =>
    minutes.map((m) => strategyResult(s, strategy).capacity[s.minutes.indexOf(m)]);
const atKickoffPlus = (minutes: number) => new Date(Date.parse(KICKOFF) + minutes * 60_000);

/** "Test night"'s window (pre-warm at -60, release at +195) with these steps: [minute from kickoff, minimum]. */
function steppedWindow(steps: [number, number][]): MatchWindow {
    const at = atKickoffPlus;
    return {
        fixtures: ["Test night"],
        preWarmAt: at(-60),
        kickoff: at(0),
        releaseAt: at(195),
        minSize: Math.max(...steps.map(([, m]) => m)),
        steps: steps.map(([minute, minSize]) => ({ at: at(minute), minSize, fixtures: ["Test night"] })),
    };
}

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
            // A second fixture kicking off 150 minutes later: its whistle (150 + 110) + 60.
            const pair = simulate({ fixtures: [night, { ...night, name: "Late night", kickoff: "2027-05-04T21:30:00Z" }] });
            expect(pair.minutes.at(-1)).to.equal(320);
            expect(simulate({ extraTime: true }).finalWhistleMinute).to.equal(163);
        });

        it("raises the floor at the pre-warm minute (cold instances serve 5 minutes later) and releases it at the release minute", () => {
            const s = simulate();
            expect(capacityAt(s, "scheduled", [-90, -61, -60, -56, -55, 0, 194, 195, 255])).to.deep.equal([2, 2, 2, 2, 20, 20, 20, 2, 2]);
        });

        it("costs what it runs: instances in service plus those launching, and nothing more after the release", () => {
            // 30 min x 2, 5 min x (2 + 18 launching), 250 min x 20, 61 min x 2 = 5 282 instance-minutes.
            const s = simulate();
            expect(strategyResult(s, "scheduled").instanceHours).to.be.closeTo(5282 / 60, 1e-9);
            // Fixed: 5 instances over 346 minutes; it serves at most 5 000 of the 10 000 at the peak.
            const fixed = strategyResult(s, "fixed");
            expect(fixed.instanceHours).to.be.closeTo((5 * 346) / 60, 1e-9);
            expect(fixed.worstShortfallPercent).to.be.closeTo(50, 1e-9);
            expect(fixed.minutesUnderCapacity).to.equal(s.demand.filter((d) => d > 5000).length);
            // The oracle pays exactly the need; with no headroom over 2 zones, the resilient oracle pays twice that.
            const oracle = strategyResult(s, "oracle");
            expect(oracle.instanceHours).to.be.closeTo(s.needed.reduce((a, b) => a + b, 0) / 60, 1e-9);
            expect(oracle.ratioToOracle).to.equal(1);
            expect(oracle.ratioToResilientOracle).to.be.closeTo(0.5, 1e-9);
            expect(fixed.ratioToResilientOracle).to.be.closeTo(fixed.ratioToOracle / 2, 1e-9);
        });

        it("with a deploy that lands late, holds no floor before the deploy", () => {
            // Target tracking alone has scaled out a little by then; the floor's launch at -20 serves at -15.
            const s = simulate({ deployedAt: atKickoffPlus(-20) });
            const [before, justBefore, served] = capacityAt(s, "scheduled", [-21, -16, -15]);
            expect(before).to.be.below(20);
            expect(justBefore).to.be.below(20);
            expect(served).to.equal(20);
            expect(capacityAt(s, "scheduled", [-60, -55])).to.deep.equal([2, 2]);
        });

        it("follows the steps of a merged window: each step's minimum from its own minute", () => {
            const s = simulate({ window: steppedWindow([[-60, 10], [-40, 30]]) });
            expect(s.floor).to.equal(30);
            expect(capacityAt(s, "scheduled", [-56, -55, -36, -35, 194, 195])).to.deep.equal([2, 10, 10, 30, 30, 2]);
        });

        it("refuses a fixture whose kickoff cannot be read, and a strategy that is not simulated", () => {
            expect(() => simulate({ fixture: { ...night, kickoff: "soon" } })).to.throw('fixture "Test night": kickoff "soon" is not valid');
            expect(() => strategyResult(simulate(), "hybrid" as never)).to.throw("no result for strategy hybrid");
        });

        it("with no audience at all, the ratios to an oracle that pays nothing are infinite, not a number", () => {
            const s = simulate({ fixture: { ...night, expectedPeakViewers: 0 }, fixedInstances: 0 });
            expect(strategyResult(s, "fixed").ratioToOracle).to.equal(Number.POSITIVE_INFINITY);
            expect(strategyResult(s, "fixed").ratioToResilientOracle).to.equal(Number.POSITIVE_INFINITY);
        });
    });

    describe("the warm pool: drawn first, drained, refilled after 6 minutes", () => {
        // Steps of 2 -> 10 at -60, -> 20 at -58, -> 30 at -50; a pool of 8.
        const window = steppedWindow([[-60, 10], [-58, 20], [-50, 30]]);

        it("serves 8 warm instances 2 minutes after the first raise; the next raise, with the pool empty, launches cold", () => {
            const s = simulate({ window, warmPoolSize: 8 });
            expect(capacityAt(s, "scheduled", [-59, -58, -54, -53])).to.deep.equal([2, 10, 10, 20]);
        });

        it("refills the pool 6 minutes after it was drawn: the third raise gets 8 warm (2 minutes) and 2 cold (5 minutes)", () => {
            const s = simulate({ window, warmPoolSize: 8 });
            expect(capacityAt(s, "scheduled", [-49, -48, -46, -45])).to.deep.equal([20, 28, 28, 30]);
        });

        it("without a pool every launch is cold", () => {
            const s = simulate({ window });
            expect(capacityAt(s, "scheduled", [-56, -55, -54, -53, -46, -45])).to.deep.equal([2, 10, 10, 20, 20, 30]);
        });

        it("a pool larger than a raise keeps the rest for the next raise", () => {
            const s = simulate({ window, warmPoolSize: 30 });
            expect(capacityAt(s, "scheduled", [-59, -58, -57, -56, -49, -48])).to.deep.equal([2, 10, 10, 20, 20, 30]);
            // Stopped instances in the pool cost nothing: the same instance-hours as without a pool.
            expect(strategyResult(s, "scheduled").instanceHours).to.be.closeTo(strategyResult(simulate({ window }), "scheduled").instanceHours, 1e-9);
        });
    });

    describe("target tracking as AWS documents it", () => {
        /** Utilisation each minute: demand / (in service x viewers per instance). */
        const utilisation = (s: MatchSimulation, r: StrategyResult) => s.demand.map((d, i) => (r.capacity[i] > 0 ? d / (r.capacity[i] * 1000) : Infinity));

        for (const [label, over] of [
            ["a 10 000-viewer night", {}],
            ["a 2.5x surge", { surge: 2.5 }],
            ["with extra time", { extraTime: true }],
        ] as [string, Partial<MatchSimulationInput>][]) {
            it(`${label}: scales out only after 3 datapoints above 70 %, to the proportional size, cold in 5 minutes`, () => {
                const s = simulate(over);
                const r = strategyResult(s, "reactive");
                const u = utilisation(s, r);
                let rises = 0;
                for (let i = 1; i < s.minutes.length; i++) {
                    if (r.capacity[i] <= r.capacity[i - 1]) continue;
                    rises += 1;
                    // Decided at the datapoint of minute i - 6 (launch at i - 5, serving at i).
                    const d = i - 6;
                    expect(d, `rise at ${s.minutes[i]}`).to.be.at.least(2);
                    for (const k of [d - 2, d - 1, d]) expect(u[k], `utilisation at ${s.minutes[k]} before the rise at ${s.minutes[i]}`).to.be.above(0.7);
                }
                expect(rises).to.be.at.least(1);
                expect(Math.max(...r.capacity)).to.be.at.most(100);
            });

            it(`${label}: scales in after 15 datapoints below 63 %, with nothing launching, at most every 5 minutes, to the proportional size or the minimum`, () => {
                const s = simulate(over);
                for (const strategy of ["reactive", "scheduled"] as const) {
                    const r = strategyResult(s, strategy);
                    const u = utilisation(s, r);
                    const drops: number[] = [];
                    for (let i = 1; i < s.minutes.length; i++) {
                        if (r.capacity[i] >= r.capacity[i - 1]) continue;
                        drops.push(i);
                        const where = `${strategy} drop at ${s.minutes[i]}`;
                        expect(i, where).to.be.at.least(16);
                        for (let k = i - 15; k < i; k++) expect(u[k], `${where}: utilisation at ${s.minutes[k]}`).to.be.below(0.63);
                        const minimum = strategy === "scheduled" && s.minutes[i] >= s.preWarmMinute && s.minutes[i] < s.releaseMinute ? s.floor : 2;
                        expect(r.capacity[i], where).to.equal(Math.max(minimum, Math.ceil(s.demand[i - 1] / 700)));
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

    describe("the report table", () => {
        it("aligns labels left and numbers right, under a dashed rule, one row per strategy", () => {
            const result = (strategy: StrategyResult["strategy"], under: number, worst: number, hours: number, x: number, xr: number): StrategyResult => ({
                strategy, capacity: [], minutesUnderCapacity: under, worstShortfallPercent: worst, instanceHours: hours, ratioToOracle: x, ratioToResilientOracle: xr,
            });
            const sim = { results: [result("fixed", 128, 50, 28.8333, 1.135, 0.5675), result("oracle", 0, 0, 25.4, 1, 0.5)] } as unknown as MatchSimulation;
            expect(formatSimulationTable([{ label: "a long match label", sim }])).to.equal([
                "match               strategy  min under  worst short %  inst-hours  x oracle  x N+1 oracle",
                "------------------  --------  ---------  -------------  ----------  --------  ------------",
                "a long match label  fixed           128           50.0        28.8      1.14          0.57",
                "a long match label  oracle            0            0.0        25.4      1.00          0.50",
            ].join("\n"));
        });
    });
});
