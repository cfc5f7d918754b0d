/**
 * The benchmark's headline figures, pinned with tolerances: a change of the model
 * (timing, datapoints, launch delays), of the schedule (steps, release times) or of the
 * demand curve moves them and fails here; re-pin on purpose and update the README,
 * whose numbers test/capacity.readme.test.ts keeps equal to the benchmark's.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { BENCH_PLAN, BENCH_WARM_POOL_SIZE, benchmarkRuns, BenchRun, runBenchmark, TARGET_RATIO_TO_LOWER_BOUND } from "../stacks/capacity/bench";
import { STRATEGIES, strategyResult } from "../stacks/capacity/simulation";
import { perMutant } from "./helpers/perMutant";

/** [label, timing, scheduled [min under, worst %, inst-h, x LB], reactive [min under, worst %, inst-h]]. */
type Row = [string, string, [number, number, number, number], [number, number, number]];

const PINNED: Row[] = [
    ["group MD6 90' x1.0", "default", [0, 0.0, 112.8, 1.13], [0, 0.0, 95.0]],
    ["group MD6 90' x1.5", "default", [0, 0.0, 138.8, 0.99], [0, 0.0, 133.7]],
    ["group MD6 90' x2.5", "default", [0, 0.0, 212.9, 0.96], [2, 7.7, 212.0]],
    ["group MD6 ET x1.0", "default", [0, 0.0, 139.3, 1.10], [0, 0.0, 119.7]],
    ["group MD6 ET x1.5", "default", [0, 0.0, 177.7, 0.97], [0, 0.0, 172.6]],
    ["group MD6 ET x2.5", "default", [0, 0.0, 281.9, 0.95], [2, 7.7, 280.9]],
    ["R16 leg 2 90' x1.0", "default", [0, 0.0, 358.6, 1.16], [4, 22.1, 291.0]],
    ["R16 leg 2 90' x1.5", "default", [0, 0.0, 456.7, 0.99], [4, 22.1, 435.3]],
    ["R16 leg 2 90' x2.5", "default", [0, 0.0, 656.8, 0.86], [4, 22.1, 651.2]],
    ["R16 leg 2 ET x1.0", "default", [0, 0.0, 464.6, 1.12], [4, 22.1, 389.0]],
    ["R16 leg 2 ET x1.5", "default", [0, 0.0, 603.3, 0.98], [4, 22.1, 582.0]],
    ["R16 leg 2 ET x2.5", "default", [0, 0.0, 855.6, 0.83], [4, 22.1, 850.0]],
    ["final 90' x1.0", "default", [0, 0.0, 512.3, 1.17], [3, 18.2, 415.4]],
    ["final 90' x1.5", "default", [0, 0.0, 644.2, 0.99], [4, 21.2, 614.1]],
    ["final 90' x2.5", "default", [42, 4.0, 722.0, 0.67], [46, 23.6, 714.0]],
    ["final ET x1.0", "default", [0, 0.0, 663.4, 1.13], [3, 18.2, 555.0]],
    ["final ET x1.5", "default", [0, 0.0, 844.7, 0.96], [4, 21.2, 814.6]],
    ["final ET x2.5", "default", [90, 4.0, 914.5, 0.63], [94, 23.6, 906.5]],
    ["group MD6 90' x1.0", "pessimistic", [0, 0.0, 112.8, 1.11], [7, 12.2, 95.0]],
    ["group MD6 90' x1.5", "pessimistic", [0, 0.0, 138.9, 0.97], [7, 12.2, 133.8]],
    ["group MD6 90' x2.5", "pessimistic", [0, 0.0, 213.2, 0.94], [13, 20.0, 212.1]],
    ["group MD6 ET x1.0", "pessimistic", [0, 0.0, 139.3, 1.09], [7, 12.2, 119.8]],
    ["group MD6 ET x1.5", "pessimistic", [0, 0.0, 177.7, 0.96], [7, 12.2, 172.7]],
    ["group MD6 ET x2.5", "pessimistic", [0, 0.0, 282.1, 0.94], [13, 20.0, 280.9]],
    ["R16 leg 2 90' x1.0", "pessimistic", [0, 0.0, 358.6, 1.14], [19, 34.1, 290.4]],
    ["R16 leg 2 90' x1.5", "pessimistic", [0, 0.0, 456.4, 0.98], [21, 34.1, 435.1]],
    ["R16 leg 2 90' x2.5", "pessimistic", [0, 0.0, 657.3, 0.85], [20, 34.1, 651.6]],
    ["R16 leg 2 ET x1.0", "pessimistic", [0, 0.0, 464.6, 1.11], [19, 34.1, 388.5]],
    ["R16 leg 2 ET x1.5", "pessimistic", [0, 0.0, 603.0, 0.96], [21, 34.1, 581.7]],
    ["R16 leg 2 ET x2.5", "pessimistic", [0, 0.0, 855.1, 0.82], [20, 34.1, 849.5]],
    ["final 90' x1.0", "pessimistic", [0, 0.0, 512.3, 1.15], [19, 30.8, 415.2]],
    ["final 90' x1.5", "pessimistic", [0, 0.0, 644.2, 0.97], [20, 33.3, 614.1]],
    ["final 90' x2.5", "pessimistic", [42, 4.0, 722.2, 0.65], [62, 35.4, 714.2]],
    ["final ET x1.0", "pessimistic", [0, 0.0, 663.4, 1.12], [19, 30.8, 554.8]],
    ["final ET x1.5", "pessimistic", [0, 0.0, 844.7, 0.95], [20, 33.3, 814.5]],
    ["final ET x2.5", "pessimistic", [90, 4.0, 913.9, 0.62], [110, 35.4, 905.9]],
    ["group MD6 90' x2.5 no pool", "pessimistic", [6, 5.9, 213.2, 0.94], [13, 20.0, 212.1]],
    ["group MD6 ET x2.5 no pool", "pessimistic", [6, 5.9, 282.1, 0.94], [13, 20.0, 280.9]],
    ["R16 leg 2 90' x2.5 no pool", "pessimistic", [7, 8.3, 657.3, 0.85], [20, 34.1, 651.6]],
    ["R16 leg 2 ET x2.5 no pool", "pessimistic", [7, 8.3, 855.1, 0.82], [20, 34.1, 849.5]],
    ["final 90' x2.5 no pool", "pessimistic", [49, 8.5, 722.2, 0.65], [62, 35.4, 714.2]],
    ["final ET x2.5 no pool", "pessimistic", [97, 8.5, 913.9, 0.62], [110, 35.4, 905.9]],
];

/** Every strategy's instance-hours at x1.0, default timing, and the lower bound's. */
const COSTS: [string, Record<string, number>][] = [
    ["group MD6 90' x1.0", { fixed: 142.4, reactive: 95.0, scheduled: 112.8, oracle: 48.6, lowerBound: 100.0 }],
    ["group MD6 ET x1.0", { fixed: 142.4, reactive: 119.7, scheduled: 139.3, oracle: 64.9, lowerBound: 126.5 }],
    ["R16 leg 2 90' x1.0", { fixed: 142.4, reactive: 291.0, scheduled: 358.6, oracle: 163.6, lowerBound: 309.2 }],
    ["R16 leg 2 ET x1.0", { fixed: 142.4, reactive: 389.0, scheduled: 464.6, oracle: 221.7, lowerBound: 413.5 }],
    ["final 90' x1.0", { fixed: 142.4, reactive: 415.4, scheduled: 512.3, oracle: 232.6, lowerBound: 437.5 }],
    ["final ET x1.0", { fixed: 142.4, reactive: 555.0, scheduled: 663.4, oracle: 315.4, lowerBound: 587.3 }],
];

/** Issue 14's cost goal, from the issue, not from the code: at most 1.3x the realistic lower bound. */
const ISSUE_14_GOAL = 1.3;

/** Tolerances: minutes under exact to 1 (0 exactly), worst shortfall to 0.3 points, instance-hours to 0.2 %, ratios to 0.02. */
const MINUTES = 1;
const POINTS = 0.3;
const HOURS = 0.002;
const RATIO = 0.02;

describe("capacity benchmark, pinned", function () {
    // Built inside each test (once per process, or per mutant under Stryker): see test/helpers/perMutant.ts.
    const allRuns = (): BenchRun[] => perMutant("benchmarkRuns", benchmarkRuns);
    const find = (label: string, timing: string) => {
        const r = allRuns().find((x) => x.label === label && x.timing === timing);
        if (r === undefined) throw new Error(`no benchmark run "${label}" (${timing})`);
        return r;
    };

    it("runs exactly the pinned scenarios: 3 fixtures x 2 endings x 3 surges x 2 timings with the pool, and 6 without", () => {
        const runs = allRuns();
        expect(runs.map((r) => `${r.label}|${r.timing}`)).to.have.members(PINNED.map(([l, t]) => `${l}|${t}`));
        expect(runs).to.have.length(42);
    });

    for (const [label, timing, scheduled, reactive] of PINNED) {
        it(`${label}, ${timing} timing: scheduled ${scheduled.join(" / ")}, reactive ${reactive.join(" / ")}`, () => {
            const r = find(label, timing);
            const s = strategyResult(r.sim, "scheduled");
            const x = strategyResult(r.sim, "reactive");
            // Covered stays covered exactly: a single minute short where none was is a regression, not noise.
            if (scheduled[0] === 0) expect(s.minutesUnderCapacity, "scheduled: minutes under").to.equal(0);
            else expect(s.minutesUnderCapacity, "scheduled: minutes under").to.be.closeTo(scheduled[0], MINUTES);
            expect(s.worstShortfallPercent, "scheduled: worst shortfall %").to.be.closeTo(scheduled[1], POINTS);
            expect(s.instanceHours, "scheduled: instance-hours").to.be.closeTo(scheduled[2], scheduled[2] * HOURS);
            expect(s.ratioToLowerBound, "scheduled: x lower bound").to.be.closeTo(scheduled[3], RATIO);
            if (reactive[0] === 0) expect(x.minutesUnderCapacity, "reactive: minutes under").to.equal(0);
            else expect(x.minutesUnderCapacity, "reactive: minutes under").to.be.closeTo(reactive[0], MINUTES);
            expect(x.worstShortfallPercent, "reactive: worst shortfall %").to.be.closeTo(reactive[1], POINTS);
            expect(x.instanceHours, "reactive: instance-hours").to.be.closeTo(reactive[2], reactive[2] * HOURS);
        });
    }

    for (const [label, costs] of COSTS) {
        it(`${label}: instance-hours of every strategy and of the lower bound`, () => {
            const r = find(label, "default");
            for (const s of STRATEGIES) expect(strategyResult(r.sim, s).instanceHours, s).to.be.closeTo(costs[s], costs[s] * HOURS);
            expect(r.sim.lowerBoundHours, "lower bound").to.be.closeTo(costs.lowerBound, costs.lowerBound * HOURS);
        });
    }

    it("the benchmark states the issue's goal", () => {
        expect(TARGET_RATIO_TO_LOWER_BOUND).to.equal(ISSUE_14_GOAL);
    });

    it("meets the cost goal at x1.0 and covers x1.0 and x1.5 under the pessimistic timing, every fixture and ending", () => {
        const runs = allRuns();
        for (const r of runs.filter((x) => x.warmPoolSize > 0 && x.surge === 1 && x.timing === "default")) {
            expect(strategyResult(r.sim, "scheduled").ratioToLowerBound, r.label).to.be.at.most(ISSUE_14_GOAL);
        }
        for (const r of runs.filter((x) => x.warmPoolSize > 0 && x.surge <= 1.5 && x.timing === "pessimistic")) {
            expect(strategyResult(r.sim, "scheduled").minutesUnderCapacity, r.label).to.equal(0);
        }
    });

    it("misses x2.5 only where the peak needs more than maxSize instances at full load (the final), and says so", () => {
        for (const r of allRuns().filter((x) => x.warmPoolSize > 0 && x.surge === 2.5 && x.timing === "pessimistic")) {
            const beyondMax = Math.max(...r.sim.demand) > r.sim.groupMaxSize * BENCH_PLAN.viewersPerInstance;
            expect(strategyResult(r.sim, "scheduled").minutesUnderCapacity > 0, r.label).to.equal(beyondMax);
        }
    });

    it("models the shipped matchday stack: its sizing, target and warm pool", () => {
        const file = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8")).config as Record<string, unknown>;
        const k = (key: string) => file[`kgsports:${key}`];
        expect(BENCH_PLAN.viewersPerInstance).to.equal(k("viewersPerInstance"));
        expect(BENCH_PLAN.headroomPercent).to.equal(k("headroomPercent"));
        expect(BENCH_PLAN.preWarmLeadMinutes).to.equal(k("preWarmLeadMinutes"));
        expect(BENCH_PLAN.matchWindowMinutes).to.equal(k("matchWindowMinutes"));
        expect(BENCH_PLAN.releaseDelayMinutes).to.equal(k("releaseDelayMinutes"));
        expect(BENCH_PLAN.availabilityZoneCount).to.equal(k("availabilityZoneCount"));
        expect(BENCH_PLAN.baselineMinSize).to.equal(k("minSize"));
        expect(BENCH_PLAN.groupMaxSize).to.equal(k("maxSize"));
        expect(BENCH_WARM_POOL_SIZE).to.equal(k("warmPoolSize"));
        // requestsPerViewerPerMinute is a string in the file (Pulumi.yaml has no decimal type).
        const target = Number(k("targetRequestsPerInstance")) / (Number(k("viewersPerInstance")) * Number(k("requestsPerViewerPerMinute")));
        expect(target).to.equal(0.6);
        expect(BENCH_PLAN.targetUtilisation).to.be.closeTo(target, 1e-9);
    });
});

describe("capacity benchmark report, pinned", function () {
    const text = (): string[] => perMutant("runBenchmark", runBenchmark).split("\n");

    it("states the plan and both timings as the benchmark runs them", () => {
        const lines = text();
        expect(lines.slice(0, 7)).to.deep.equal([
            "KG SPORTS capacity benchmark (planned at 2027-04-01T00:00:00Z)",
            "plan: 2000 viewers/instance, 20 % headroom, N+1 over 3 zones, stepped pre-warm from 70 min before kickoff, early release after normal time, " +
                "release 165 + 30 min after kickoff, baseline min 6, max 240, warm pool 40, target tracking at 60 %; fixed: 24 instances",
            "model: scale out after 3 x 1-min datapoints, in after 15, instance warmup 3 min",
            "  default timing:     metrics 1 min late, scheduled actions 1 min late, cold launch 5 min, warm 2 min",
            "  pessimistic timing: metrics 2 min late, scheduled actions 2 min late, cold launch 7 min, warm 3 min (columns p.*)",
            "lower bound (LB): each minute, N+1 over the zones with headroom of the larger of the planned and the simulated audience, " +
                "paid from the cold launch before (5 or 7 min), never below the baseline minimum",
            "schedule: 15 actions",
        ]);
        // The final's five actions, worked out by hand (200 000 viewers: 0.243, 0.343, 0.65, 1 of the peak; 2 000 per
        // instance, 20 % headroom, N+1 over 3 zones), and the early release straight to the baseline (target 0.6).
        expect(lines.filter((l) => l.includes("ucl-final "))).to.deep.equal([
            "  2027-05-29T17:50:00Z  prewarm-ucl-final                    min 6 -> 45",
            "  2027-05-29T18:20:00Z  rampup1-ucl-final                    min 45 -> 63",
            "  2027-05-29T18:35:00Z  rampup2-ucl-final                    min 63 -> 117",
            "  2027-05-29T18:45:00Z  kickoff-ucl-final                    min 117 -> 180",
            "  2027-05-29T21:05:00Z  fulltime-ucl-final                   min 180 -> 6",
        ]);
    });

    it("lists every run without the warm pool, and one coverage line per pessimistic run with the pool, met exactly where nothing is short", () => {
        const lines = text();
        const noPool = lines.slice(lines.indexOf("without the warm pool, x2.5, pessimistic timing:") + 1, lines.indexOf("without the warm pool, x2.5, pessimistic timing:") + 7);
        expect(noPool.map((l) => l.trim().replace(/\s+/g, " "))).to.deep.equal([
            "group MD6 90' x2.5 no pool 6 min under, worst 5.9 %, 213.2 inst-h",
            "group MD6 ET x2.5 no pool 6 min under, worst 5.9 %, 282.1 inst-h",
            "R16 leg 2 90' x2.5 no pool 7 min under, worst 8.3 %, 657.3 inst-h",
            "R16 leg 2 ET x2.5 no pool 7 min under, worst 8.3 %, 855.1 inst-h",
            "final 90' x2.5 no pool 49 min under, worst 8.5 %, 722.2 inst-h",
            "final ET x2.5 no pool 97 min under, worst 8.5 %, 913.9 inst-h",
        ]);
        const coverage = lines.slice(lines.findIndex((l) => l.startsWith("coverage: ")) + 1).map((l) => l.trim().replace(/\s+/g, " "));
        expect(coverage).to.have.length(18);
        expect(coverage.filter((l) => l.endsWith(" 0 min under met") || / 0 min under met$/.test(l))).to.have.length(16);
        expect(coverage.filter((l) => l.includes("MISSED"))).to.deep.equal([
            "final 90' x2.5 42 min under MISSED: 500000 viewers at the peak, more than maxSize 240 x 2000 = 480000 can serve",
            "final ET x2.5 90 min under MISSED: 500000 viewers at the peak, more than maxSize 240 x 2000 = 480000 can serve",
        ]);
        // The strategies table: one row per fixture and ending at x1.0, default timing.
        const header = lines.findIndex((l) => l.startsWith("fixture    end  fixed h (min under)"));
        expect(lines.slice(header + 2, header + 8).map((l) => l.split(/\s{2,}/).slice(0, 2).join(" "))).to.deep.equal([
            "group MD6 90'", "group MD6 ET", "R16 leg 2 90'", "R16 leg 2 ET", "final 90'", "final ET",
        ]);
    });
});
