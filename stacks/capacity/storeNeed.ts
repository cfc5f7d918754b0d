/**
 * Sizing the user store's warm throughput for the fixtures, the way the fleet is sized:
 * per upcoming match window, its fixtures' audiences added up minute by minute on their
 * own kickoffs (`windowDemand`, the fleet's demand), both endings, at a surge; the load
 * per arriving viewer of `storeLoad.ts`. Warm throughput is raised once and never
 * lowered, so it is sized for the busiest second of the whole fixture list, not per
 * window. Pure. Its own module because the simulation uses `storeLoad.ts` and this
 * module uses the simulation's demand.
 */
import { NEW_TABLE_WARM_THROUGHPUT } from "@kgsports/user-store/pure";
import type { WarmThroughput } from "@kgsports/user-store/pure";
import { finalWhistleMinute } from "./audience";
import { fixtureKickoff } from "./kickoffTime";
import { ceilTolerant } from "./instanceMaths";
import type { CapacityPlanInput, Fixture } from "./planInput";
import type { MatchWindow } from "./schedule";
import { windowDemand } from "./simulation";
import { PEAK_SECOND_FACTOR, StoreLoadModel, storeDemandPerSecond } from "./storeLoad";

/**
 * The surge the store is sized for: 2.5, the largest surge the capacity report simulates
 * (its `REPORT_SURGES`, which a test keeps equal), the audience this customer lived
 * through at a round of 16 second leg; a window whose fixture asks for more is sized at
 * that fixture's surgeFactor.
 */
export const STORE_SIZING_SURGE = 2.5;

/** Warm throughput is declared in steps of this many units per second. */
export const WARM_THROUGHPUT_STEP = 1_000;

/** Where the busiest second of a need falls. */
export interface StoreNeedDriver {
    /** The window: its fixtures' names joined with " + ". */
    window: string;
    /** The surge applied to every fixture of the window. */
    surge: number;
    /** Whether the busiest second is in the extra-time ending (false when both endings are the same). */
    extraTime: boolean;
    /** Minute from the window's first kickoff. */
    minute: number;
    /** Request units per second in that second. */
    unitsPerSecond: number;
}

/** The busiest second of reads and of writes over the windows; undefined without a window. */
export interface StoreNeed {
    reads: StoreNeedDriver;
    writes: StoreNeedDriver;
}

/** The warm throughput the fixtures need, and what drove it. */
export interface RequiredWarmThroughput {
    /**
     * The need rounded up to the next {@link WARM_THROUGHPUT_STEP}, never below
     * {@link NEW_TABLE_WARM_THROUGHPUT} (a new table's own, which costs nothing).
     */
    warmThroughput: WarmThroughput;
    /** The unrounded busiest seconds; undefined without an upcoming window. */
    need: StoreNeed | undefined;
    /** Whether the floor (a new table's own) decided reads, and writes, rather than the need. */
    atFloor: { reads: boolean; writes: boolean };
}

/**
 * The busiest second of reads and of writes over `windows`, each window at
 * `surgeOf(its fixtures)`, both endings. Later windows win ties only when strictly busier.
 */
export function storeNeed(
    plan: Pick<CapacityPlanInput, "fixtures">,
    windows: readonly MatchWindow[],
    model: StoreLoadModel,
    surgeOf: (fixtures: readonly Fixture[]) => number,
    peakSecondFactor = PEAK_SECOND_FACTOR,
): StoreNeed | undefined {
    let reads: StoreNeedDriver | undefined;
    let writes: StoreNeedDriver | undefined;
    for (const w of windows) {
        const members = w.fixtures.map((name) => plan.fixtures.find((f) => f.name === name)).filter((f): f is Fixture => f !== undefined);
        if (members.length === 0) continue;
        const kickoff = fixtureKickoff(members[0]);
        if (kickoff === undefined) continue;
        const offsets = members.map((f) => Math.round(((fixtureKickoff(f)?.getTime() ?? kickoff.getTime()) - kickoff.getTime()) / 60_000));
        const from = Math.min(0, ...offsets) - 90;
        const to = Math.max(0, ...offsets) + finalWhistleMinute(true) + 60;
        const surge = surgeOf(members);
        const window = w.fixtures.join(" + ");
        for (const extraTime of [false, true]) {
            const demand = windowDemand(members, kickoff, from, to, extraTime, (f) => f.expectedPeakViewers, surge);
            const perSecond = storeDemandPerSecond(demand, model, peakSecondFactor);
            const busiest = (values: number[], best: StoreNeedDriver | undefined): StoreNeedDriver | undefined => {
                let i = 0;
                values.forEach((v, j) => {
                    if (v > values[i]) i = j;
                });
                return best !== undefined && values[i] <= best.unitsPerSecond ? best : { window, surge, extraTime, minute: from + i, unitsPerSecond: values[i] };
            };
            reads = busiest(perSecond.readsPerSecond, reads);
            writes = busiest(perSecond.writesPerSecond, writes);
        }
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; reads and writes are set together, by the same window
    return reads !== undefined && writes !== undefined ? { reads, writes } : undefined;
}

/** The surge a window is sized at: {@link STORE_SIZING_SURGE}, or its fixtures' largest surgeFactor when larger. */
export function storeSizingSurge(fixtures: readonly Fixture[]): number {
    return Math.max(STORE_SIZING_SURGE, ...fixtures.map((f) => f.surgeFactor ?? 1));
}

/** `units` rounded up to the next {@link WARM_THROUGHPUT_STEP}, at least `floor`. */
export function roundWarmThroughput(units: number, floor: number): number {
    return Math.max(floor, ceilTolerant(units / WARM_THROUGHPUT_STEP) * WARM_THROUGHPUT_STEP);
}

/**
 * The warm throughput the user store needs for the upcoming windows: the busiest second
 * any window asks for at {@link storeSizingSurge} (2.5, or a fixture's larger
 * surgeFactor), both endings, with nothing added, rounded up to the next 1 000 units per
 * second and never below {@link NEW_TABLE_WARM_THROUGHPUT}. The config layer passes the
 * parsed plan and `schedule.windows` (the upcoming ones, as for `askedPeaks`).
 */
export function requiredWarmThroughput(
    plan: Pick<CapacityPlanInput, "fixtures">,
    windows: readonly MatchWindow[],
    model: StoreLoadModel,
    peakSecondFactor = PEAK_SECOND_FACTOR,
): RequiredWarmThroughput {
    const need = storeNeed(plan, windows, model, storeSizingSurge, peakSecondFactor);
    const floor = NEW_TABLE_WARM_THROUGHPUT;
    const reads = roundWarmThroughput(need?.reads.unitsPerSecond ?? 0, floor.readUnitsPerSecond);
    const writes = roundWarmThroughput(need?.writes.unitsPerSecond ?? 0, floor.writeUnitsPerSecond);
    return {
        warmThroughput: { readUnitsPerSecond: reads, writeUnitsPerSecond: writes },
        need,
        atFloor: {
            reads: (need?.reads.unitsPerSecond ?? 0) <= floor.readUnitsPerSecond,
            writes: (need?.writes.unitsPerSecond ?? 0) <= floor.writeUnitsPerSecond,
        },
    };
}
