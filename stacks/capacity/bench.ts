/**
 * The fixed capacity benchmark: three fixtures modelled on KG SPORTS' season, planned
 * with this project's schedule at a fixed `now` and simulated at surges of 1.0, 1.5
 * and 2.5 times the expected peak. Nothing here reads the clock, so the output is the
 * same on every run and every machine.
 *
 * The audience numbers follow the customer brief: about 10 million potential viewers;
 * the group stage drew a 0.4 % share (40 000 at the peak) and the servers coped; the
 * round of 16 second leg drew 1 %, 1.4 % at the busiest moment (140 000), and the
 * servers, sized for the group stage, went down.
 */
import {
    checkCapacityPlan,
    CapacityPlanInput,
    DEFAULT_MATCH_WINDOW_MINUTES,
    DEFAULT_PRE_WARM_LEAD_MINUTES,
    DEFAULT_RELEASE_DELAY_MINUTES,
    Fixture,
    formatFixtureProblems,
} from "./fixtures";
import { formatUtcSecond } from "./kickoffTime";
import { CapacitySchedule, planCapacitySchedule } from "./schedule";
import { DEFAULT_SIMULATION_PARAMS, formatSimulationTable, MatchSimulation, simulateMatch, strategyResult } from "./simulation";

/** The benchmark's planning time: before every fixture, so none is pruned or in progress. */
export const BENCH_NOW = new Date("2027-04-01T00:00:00Z");

/** Surges simulated: as expected, half again, and the 2.5x jump between the two round-of-16 legs. */
export const BENCH_SURGES: readonly number[] = [1.0, 1.5, 2.5];

/** A benchmark fixture and how its match plays out in the demand model. */
export interface BenchFixture {
    /** The fixture as the team would write it in the stack config. */
    fixture: Fixture;
    /** Short label for tables and chart file names. */
    label: string;
    /** Whether the simulated match goes to extra time and penalties. */
    extraTime: boolean;
}

/** The three fixtures: kickoffs are 21:00 CEST, written in KST (+09:00) as the team in Seoul would. */
export const BENCH_FIXTURES: readonly BenchFixture[] = [
    { label: "group MD6", extraTime: false, fixture: { name: "UCL group stage matchday 6", kickoff: "2027-04-08T04:00:00+09:00", expectedPeakViewers: 40_000 } },
    { label: "R16 leg 2", extraTime: true, fixture: { name: "UCL round of 16 second leg", kickoff: "2027-04-15T04:00:00+09:00", expectedPeakViewers: 140_000 } },
    { label: "final", extraTime: false, fixture: { name: "UCL final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 } },
];

/**
 * The plan the benchmark uses: the matchday stack's shape (3 zones, baseline minimum
 * 6) with a maximum high enough that target tracking is never capped at a 2.5x surge.
 */
export const BENCH_PLAN: CapacityPlanInput = {
    fixtures: BENCH_FIXTURES.map((b) => b.fixture),
    viewersPerInstance: 2_000,
    headroomPercent: 20,
    preWarmLeadMinutes: DEFAULT_PRE_WARM_LEAD_MINUTES,
    matchWindowMinutes: DEFAULT_MATCH_WINDOW_MINUTES,
    releaseDelayMinutes: DEFAULT_RELEASE_DELAY_MINUTES,
    availabilityZoneCount: 3,
    baselineMinSize: 6,
    groupMaxSize: 400,
};

/** Stopped instances in the warm pool for the scheduled strategy. */
export const BENCH_WARM_POOL_SIZE = 40;

/** Today's on-premise servers, in instances' worth: sized for the group stage (20 needed, +20 %). */
export const BENCH_FIXED_INSTANCES = 24;

/** The ceiling on the scheduled strategy's instance-hours, as a multiple of the oracle's, that the project aims for. */
export const TARGET_RATIO_TO_ORACLE = 1.3;

/** One simulated run of the benchmark. */
export interface BenchRun {
    /** The fixture simulated. */
    bench: BenchFixture;
    /** Actual demand as a multiple of the expected peak. */
    surge: number;
    /** Stopped instances in the warm pool for the scheduled strategy. */
    warmPoolSize: number;
    /** `"<fixture label> x<surge>"`, plus `" no pool"` without a warm pool. */
    label: string;
    /** The simulation. */
    sim: MatchSimulation;
}

/** The schedule of the benchmark plan at {@link BENCH_NOW}; throws if the plan fails its pre-flight checks. */
export function benchmarkSchedule(): CapacitySchedule {
    const problems = checkCapacityPlan(BENCH_PLAN);
    if (problems.length > 0) throw new Error(`the benchmark plan is invalid:\n${formatFixtureProblems(problems)}`);
    return planCapacitySchedule(BENCH_PLAN, BENCH_NOW);
}

/**
 * Every simulation of the benchmark: each fixture at each surge with the warm pool,
 * then each fixture at the largest surge without it.
 */
export function benchmarkRuns(): BenchRun[] {
    const schedule = benchmarkSchedule();
    const runs: BenchRun[] = [];
    const run = (bench: BenchFixture, surge: number, warmPoolSize: number) => {
        const window = schedule.windows.find((w) => w.fixtures.includes(bench.fixture.name));
        const sim = simulateMatch({
            fixture: bench.fixture,
            plan: BENCH_PLAN,
            surge,
            warmPoolSize,
            fixedInstances: BENCH_FIXED_INSTANCES,
            extraTime: bench.extraTime,
            window,
        });
        const label = `${bench.label} x${surge.toFixed(1)}${warmPoolSize === 0 ? " no pool" : ""}`;
        runs.push({ bench, surge, warmPoolSize, label, sim });
    };
    for (const surge of BENCH_SURGES) for (const bench of BENCH_FIXTURES) run(bench, surge, BENCH_WARM_POOL_SIZE);
    const largest = BENCH_SURGES[BENCH_SURGES.length - 1];
    for (const bench of BENCH_FIXTURES) run(bench, largest, 0);
    return runs;
}

/**
 * The benchmark report: the plan and model in a few lines, the schedule's floors, the
 * table (see {@link formatSimulationTable}), and the scheduled strategy against the
 * targets at surges 1.0 and 1.5 (no minute under capacity; instance-hours within
 * {@link TARGET_RATIO_TO_ORACLE} of the oracle), computed, never asserted.
 */
export function runBenchmark(): string {
    const schedule = benchmarkSchedule();
    const runs = benchmarkRuns();
    const p = DEFAULT_SIMULATION_PARAMS;
    const plan = BENCH_PLAN;
    const lines: string[] = [];
    lines.push(`KG SPORTS capacity benchmark (planned at ${formatUtcSecond(BENCH_NOW)})`);
    lines.push(
        `plan: ${plan.viewersPerInstance} viewers/instance, ${plan.headroomPercent} % headroom, N+1 over ${plan.availabilityZoneCount} zones, ` +
        `pre-warm ${plan.preWarmLeadMinutes} min before kickoff, hold ${plan.matchWindowMinutes} + ${plan.releaseDelayMinutes} min, ` +
        `baseline min ${plan.baselineMinSize}, max ${plan.groupMaxSize}, warm pool ${BENCH_WARM_POOL_SIZE}; fixed: ${BENCH_FIXED_INSTANCES} instances`,
    );
    lines.push(
        `model: target ${Math.round(p.targetUtilisation * 100)} %, scale out after ${p.scaleOutDatapoints} x ${p.metricPeriodMinutes}-min datapoints, ` +
        `scale in after ${p.scaleInDatapoints}; cold launch ${p.coldLaunchMinutes} min, warm ${p.warmLaunchMinutes} min`,
    );
    lines.push(`schedule: ${schedule.actions.length} actions`);
    for (const w of schedule.windows) {
        lines.push(`  ${w.fixtures.join(" + ")}: min ${w.minSize} from ${formatUtcSecond(w.preWarmAt)} to ${formatUtcSecond(w.releaseAt)}`);
    }
    for (const note of schedule.notes) lines.push(`  note: ${note}`);
    lines.push("");
    lines.push(formatSimulationTable(runs.map((r) => ({ label: r.label, sim: r.sim }))));
    lines.push("");
    lines.push(`targets for "scheduled" at surges 1.0 and 1.5: no minute under capacity; instance-hours <= ${TARGET_RATIO_TO_ORACLE}x oracle`);
    for (const r of runs.filter((x) => x.surge <= 1.5 && x.warmPoolSize > 0)) {
        const s = strategyResult(r.sim, "scheduled");
        const covered = s.minutesUnderCapacity === 0;
        const cheap = s.ratioToOracle <= TARGET_RATIO_TO_ORACLE;
        lines.push(
            `  ${r.label.padEnd(14)} minutes under ${s.minutesUnderCapacity} (${covered ? "met" : "MISSED"}); ` +
            `${s.ratioToOracle.toFixed(2)}x oracle (${cheap ? "met" : "MISSED"}), ${s.ratioToLowerBound.toFixed(2)}x the lower bound`,
        );
    }
    return lines.join("\n");
}
