/**
 * The fixed capacity benchmark: three fixtures modelled on KG SPORTS' season, planned
 * with this project's schedule at a fixed `now` and the shipped matchday stack's sizing,
 * and simulated at 1.0, 1.5 and 2.5 times the expected peak, for a match that ends in
 * normal time and one that goes to extra time and penalties, with the model's default
 * timing and with the slow end of AWS's timings. Nothing here reads the clock, so the
 * output is the same on every run and every machine; test/capacity.bench.pinned.test.ts
 * pins its figures.
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
import {
    DEFAULT_SIMULATION_PARAMS,
    MatchSimulation,
    PESSIMISTIC_SIMULATION_PARAMS,
    simulateMatch,
    STRATEGIES,
    strategyResult,
    Timing,
    timingParams,
} from "./simulation";

/** The benchmark's planning time: before every fixture, so none is pruned or in progress. */
export const BENCH_NOW = new Date("2027-04-01T00:00:00Z");

/** Surges simulated: as expected, half again, and the 2.5x jump between the two round-of-16 legs. */
export const BENCH_SURGES: readonly number[] = [1.0, 1.5, 2.5];

/** The two timings: the model's defaults, and the slow end of AWS ({@link PESSIMISTIC_SIMULATION_PARAMS}). */
export const BENCH_TIMINGS: readonly Timing[] = ["default", "pessimistic"];

/** Both endings of every match: normal time, and extra time with penalties. */
export const BENCH_ENDINGS: readonly boolean[] = [false, true];

/** A benchmark fixture. */
export interface BenchFixture {
    /** The fixture as the team would write it in the stack config. */
    fixture: Fixture;
    /** Short label for tables and chart file names. */
    label: string;
}

/** The three fixtures: kickoffs are 21:00 CEST, written in KST (+09:00) as the team in Seoul would. */
export const BENCH_FIXTURES: readonly BenchFixture[] = [
    { label: "group MD6", fixture: { name: "UCL group stage matchday 6", kickoff: "2027-04-08T04:00:00+09:00", expectedPeakViewers: 40_000 } },
    { label: "R16 leg 2", fixture: { name: "UCL round of 16 second leg", kickoff: "2027-04-15T04:00:00+09:00", expectedPeakViewers: 140_000 } },
    { label: "final", fixture: { name: "UCL final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 } },
];

/**
 * The plan the benchmark uses: the shipped matchday stack's sizing (Pulumi.matchday.yaml:
 * 3 zones, baseline minimum 6, maximum 240, 2 000 viewers per instance, 20 % headroom,
 * target tracking at 1 200 requests per instance and 1 request per viewer per minute,
 * so at 60 % of an instance's limit). test/capacity.bench.pinned.test.ts checks that it
 * still matches the stack file.
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
    groupMaxSize: 240,
    targetUtilisation: 0.6,
};

/** Stopped instances in the warm pool for the scheduled strategy: the matchday stack's. */
export const BENCH_WARM_POOL_SIZE = 40;

/** Today's on-premise servers, in instances' worth: sized for the group stage (20 needed, +20 %). */
export const BENCH_FIXED_INSTANCES = 24;

/** The ceiling on the scheduled strategy's instance-hours at the expected audience, as a multiple of the realistic lower bound. */
export const TARGET_RATIO_TO_LOWER_BOUND = 1.3;

/** One simulated run of the benchmark. */
export interface BenchRun {
    /** The fixture simulated. */
    bench: BenchFixture;
    /** Actual demand as a multiple of the expected peak. */
    surge: number;
    /** Whether the match goes to extra time and penalties. */
    extraTime: boolean;
    /** Which timing the model ran with. */
    timing: Timing;
    /** Stopped instances in the warm pool for the scheduled strategy. */
    warmPoolSize: number;
    /** `"<fixture label> <90'|ET> x<surge>"`, plus `" no pool"` without the warm pool. */
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

/** `90'` for a match that ends in normal time, `ET` for extra time and penalties. */
export function endingLabel(extraTime: boolean): string {
    return extraTime ? "ET" : "90'";
}

/**
 * Every simulation of the benchmark: each timing, fixture, ending and surge with the
 * warm pool, then each fixture and ending at the largest surge without it, with the
 * pessimistic timing.
 */
export function benchmarkRuns(): BenchRun[] {
    const schedule = benchmarkSchedule();
    const runs: BenchRun[] = [];
    const run = (bench: BenchFixture, surge: number, extraTime: boolean, timing: Timing, warmPoolSize: number) => {
        const window = schedule.windows.find((w) => w.fixtures.includes(bench.fixture.name));
        const sim = simulateMatch({
            fixture: bench.fixture,
            plan: BENCH_PLAN,
            surge,
            warmPoolSize,
            fixedInstances: BENCH_FIXED_INSTANCES,
            extraTime,
            window,
            params: timingParams(timing),
        });
        const label = `${bench.label} ${endingLabel(extraTime)} x${surge.toFixed(1)}${warmPoolSize === 0 ? " no pool" : ""}`;
        runs.push({ bench, surge, extraTime, timing, warmPoolSize, label, sim });
    };
    for (const timing of BENCH_TIMINGS) {
        for (const bench of BENCH_FIXTURES) for (const extraTime of BENCH_ENDINGS) for (const surge of BENCH_SURGES) run(bench, surge, extraTime, timing, BENCH_WARM_POOL_SIZE);
    }
    const largest = BENCH_SURGES[BENCH_SURGES.length - 1];
    for (const bench of BENCH_FIXTURES) for (const extraTime of BENCH_ENDINGS) run(bench, largest, extraTime, "pessimistic", 0);
    return runs;
}

/** A table with right-aligned numbers (the first `textColumns` columns left-aligned). */
function table(header: string[], rows: string[][], textColumns: number): string[] {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c < textColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/**
 * The scheduled strategy per fixture, ending and surge (with the warm pool): minutes
 * under capacity, worst shortfall, instance-hours and the ratio to the lower bound,
 * under each timing. The README quotes these lines; a test keeps them equal.
 */
export function scheduledTable(runs: readonly BenchRun[] = benchmarkRuns()): string[] {
    const withPool = runs.filter((r) => r.warmPoolSize > 0);
    const rows: string[][] = [];
    for (const bench of BENCH_FIXTURES) {
        for (const extraTime of BENCH_ENDINGS) {
            for (const surge of BENCH_SURGES) {
                const cells = [bench.label, endingLabel(extraTime), `x${surge.toFixed(1)}`];
                for (const timing of BENCH_TIMINGS) {
                    const r = withPool.find((x) => x.bench === bench && x.extraTime === extraTime && x.surge === surge && x.timing === timing)!;
                    const s = strategyResult(r.sim, "scheduled");
                    cells.push(String(s.minutesUnderCapacity), s.worstShortfallPercent.toFixed(1), s.instanceHours.toFixed(1), s.ratioToLowerBound.toFixed(2));
                }
                rows.push(cells);
            }
        }
    }
    return table(
        ["fixture", "end", "surge", "under", "worst %", "inst-h", "x LB", "p.under", "p.worst %", "p.inst-h", "p.x LB"],
        rows,
        3,
    );
}

/** Instance-hours of every strategy and the lower bound at the expected audience, default timing. */
export function strategiesTable(runs: readonly BenchRun[] = benchmarkRuns()): string[] {
    const rows: string[][] = [];
    for (const r of runs.filter((x) => x.surge === 1 && x.timing === "default" && x.warmPoolSize > 0)) {
        rows.push([
            r.bench.label,
            endingLabel(r.extraTime),
            ...STRATEGIES.map((s) => {
                const x = strategyResult(r.sim, s);
                return `${x.instanceHours.toFixed(1)} (${x.minutesUnderCapacity})`;
            }),
            r.sim.lowerBoundHours.toFixed(1),
        ]);
    }
    return table(["fixture", "end", ...STRATEGIES.map((s) => `${s} h (min under)`), "lower bound h"], rows, 2);
}

/** One verdict line per goal and fixture: the cost goal at x1.0 (default timing), then coverage under the pessimistic timing. */
export function goalLines(runs: readonly BenchRun[] = benchmarkRuns()): string[] {
    const lines: string[] = [];
    const withPool = runs.filter((r) => r.warmPoolSize > 0);
    lines.push(`cost: "scheduled" at x1.0, default timing, at most ${TARGET_RATIO_TO_LOWER_BOUND}x the realistic lower bound`);
    for (const r of withPool.filter((x) => x.surge === 1 && x.timing === "default")) {
        const s = strategyResult(r.sim, "scheduled");
        lines.push(`  ${`${r.bench.label} ${endingLabel(r.extraTime)}`.padEnd(14)} ${s.ratioToLowerBound.toFixed(2)}x  ${s.ratioToLowerBound <= TARGET_RATIO_TO_LOWER_BOUND ? "met" : "MISSED"}`);
    }
    lines.push(`coverage: 0 minutes under capacity at x1.0 and x1.5, and at x2.5 with the warm pool, pessimistic timing, both endings`);
    for (const r of withPool.filter((x) => x.timing === "pessimistic")) {
        const s = strategyResult(r.sim, "scheduled");
        const covered = s.minutesUnderCapacity === 0;
        let why = "";
        if (!covered) {
            const peak = Math.max(...r.sim.demand);
            const atMax = r.sim.groupMaxSize * BENCH_PLAN.viewersPerInstance;
            why = peak > atMax
                ? `: ${peak} viewers at the peak, more than maxSize ${r.sim.groupMaxSize} x ${BENCH_PLAN.viewersPerInstance} = ${atMax} can serve`
                : `: worst ${s.worstShortfallPercent.toFixed(1)} % short`;
        }
        lines.push(`  ${r.label.padEnd(20)} ${String(s.minutesUnderCapacity).padStart(3)} min under  ${covered ? "met" : `MISSED${why}`}`);
    }
    return lines;
}

/**
 * The benchmark report: the plan and both timings in a few lines, the schedule's
 * actions, the scheduled strategy per fixture, ending, surge and timing, every
 * strategy's cost at the expected audience, the runs without the warm pool, and the
 * goals (computed, never asserted).
 */
export function runBenchmark(): string {
    const schedule = benchmarkSchedule();
    const runs = benchmarkRuns();
    const d = DEFAULT_SIMULATION_PARAMS;
    const p = PESSIMISTIC_SIMULATION_PARAMS;
    const plan = BENCH_PLAN;
    const lines: string[] = [];
    lines.push(`KG SPORTS capacity benchmark (planned at ${formatUtcSecond(BENCH_NOW)})`);
    lines.push(
        `plan: ${plan.viewersPerInstance} viewers/instance, ${plan.headroomPercent} % headroom, N+1 over ${plan.availabilityZoneCount} zones, ` +
        `stepped pre-warm from ${plan.preWarmLeadMinutes} min before kickoff, early release after normal time, release ${plan.matchWindowMinutes} + ${plan.releaseDelayMinutes} min after kickoff, ` +
        `baseline min ${plan.baselineMinSize}, max ${plan.groupMaxSize}, warm pool ${BENCH_WARM_POOL_SIZE}, target tracking at ${Math.round((plan.targetUtilisation ?? d.targetUtilisation) * 100)} %; fixed: ${BENCH_FIXED_INSTANCES} instances`,
    );
    const timing = (x: typeof d) =>
        `metrics ${x.metricDelayMinutes} min late, scheduled actions ${x.scheduledActionDelayMinutes} min late, cold launch ${x.coldLaunchMinutes} min, warm ${x.warmLaunchMinutes} min`;
    lines.push(`model: scale out after ${d.scaleOutDatapoints} x ${d.metricPeriodMinutes}-min datapoints, in after ${d.scaleInDatapoints}, instance warmup ${d.instanceWarmupMinutes} min`);
    lines.push(`  default timing:     ${timing(d)}`);
    lines.push(`  pessimistic timing: ${timing(p)} (columns p.*)`);
    lines.push(
        `lower bound (LB): each minute, N+1 over the zones with headroom of the larger of the planned and the simulated audience, ` +
        `paid from the cold launch before (${d.coldLaunchMinutes} or ${p.coldLaunchMinutes} min), never below the baseline minimum`,
    );
    lines.push(`schedule: ${schedule.actions.length} actions`);
    for (const a of schedule.actions) lines.push(`  ${a.startTime}  ${a.name.padEnd(36)} min ${a.previousMinSize} -> ${a.minSize}`);
    for (const note of schedule.notes) lines.push(`  note: ${note}`);
    lines.push("");
    lines.push(`"scheduled" (this plan) with the warm pool; under = minutes under capacity, worst % = largest share of viewers not served, inst-h = instance-hours paid, x LB = inst-h / the lower bound's:`);
    lines.push(...scheduledTable(runs));
    lines.push("");
    lines.push(`every strategy at x1.0, default timing: instance-hours (minutes under capacity):`);
    lines.push(...strategiesTable(runs));
    lines.push("");
    lines.push(`without the warm pool, x2.5, pessimistic timing:`);
    for (const r of runs.filter((x) => x.warmPoolSize === 0)) {
        const s = strategyResult(r.sim, "scheduled");
        lines.push(`  ${r.label.padEnd(22)} ${s.minutesUnderCapacity} min under, worst ${s.worstShortfallPercent.toFixed(1)} %, ${s.instanceHours.toFixed(1)} inst-h`);
    }
    lines.push("");
    lines.push(...goalLines(runs));
    return lines.join("\n");
}
