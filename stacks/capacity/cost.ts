/**
 * The capacity plan in money: what a night of the scheduled strategy costs in
 * instance-hours, what the warm pool's stopped instances cost in volumes over the
 * season, and the season's total. Pure: numbers and prices in, numbers out; the
 * report ({@link ./report}) prints them.
 *
 * Counted: the web tier's instances (in service and launching; the simulation's
 * instance-hours) and the warm pool's stopped root volumes. Not counted: the root
 * volumes of running instances, the load balancer, NAT gateways, data transfer, and
 * the instance-minutes a new warm-pool instance runs before it stops.
 */
import type { CapacityPrices } from "./prices";

/**
 * Days in a month for prorating the warm pool's volumes: 30.44, the average month
 * (365.25 / 12, rounded to two decimals). gp3 storage is priced per GiB-month and
 * billed by the second, prorated over the calendar month, so a stretch of `d` days
 * costs `d / 30.44` months (an actual bill prorates by each month's own 28 to 31 days).
 */
export const DAYS_PER_MONTH = 30.44;

const MS_PER_DAY = 86_400_000;

/** USD of `instanceHours` instance-hours: `instanceHours x prices.instanceHourUsd`. */
export function instanceHoursUsd(instanceHours: number, prices: Pick<CapacityPrices, "instanceHourUsd">): number {
    return instanceHours * prices.instanceHourUsd;
}

/** The span the warm pool is counted over: the season of the upcoming match windows. */
export interface Season {
    /** The first upcoming window's pre-warm, or the planning time when that window is already on. */
    from: Date;
    /** The last window's release. */
    to: Date;
    /** `(to - from)` in days. */
    days: number;
    /** `days / DAYS_PER_MONTH`. */
    months: number;
}

/**
 * The season: from the first window's pre-warm (not before `plannedAt`: money already
 * spent is not in the plan) to the last window's release. The warm pool exists all
 * that time. Undefined without a window.
 *
 * @param windows the upcoming match windows, any order
 * @param plannedAt when the plan is made
 */
export function seasonOf(windows: readonly { preWarmAt: Date; releaseAt: Date }[], plannedAt: Date): Season | undefined {
    if (windows.length === 0) return undefined;
    const first = Math.min(...windows.map((w) => w.preWarmAt.getTime()));
    const from = Math.max(first, plannedAt.getTime());
    const to = Math.max(from, ...windows.map((w) => w.releaseAt.getTime()));
    const days = (to - from) / MS_PER_DAY;
    return { from: new Date(from), to: new Date(to), days, months: days / DAYS_PER_MONTH };
}

/** What the warm pool's stopped instances cost: their root volumes (a stopped instance bills no compute). */
export interface WarmPoolVolumeCost {
    /** Stopped instances in the pool (`warmPoolSize`). */
    instances: number;
    /** Root volume of each (`rootVolumeGiB`). */
    gibPerInstance: number;
    /** `instances x gibPerInstance`. */
    gib: number;
    /** Months the pool is kept (prorated, see {@link DAYS_PER_MONTH}). */
    months: number;
    /** USD per month: `gib x prices.volumeGiBMonthUsd`. */
    usdPerMonth: number;
    /** USD over `months`: `usdPerMonth x months`. */
    usd: number;
}

/**
 * The warm pool's volumes: `warmPoolSize x rootVolumeGiB x volumeGiBMonthUsd x months`.
 *
 * @param months how long the pool is kept, e.g. {@link Season.months}
 */
export function warmPoolVolumeCost(
    pool: { warmPoolSize: number; rootVolumeGiB: number },
    months: number,
    prices: Pick<CapacityPrices, "volumeGiBMonthUsd">,
): WarmPoolVolumeCost {
    const gib = pool.warmPoolSize * pool.rootVolumeGiB;
    const usdPerMonth = gib * prices.volumeGiBMonthUsd;
    return { instances: pool.warmPoolSize, gibPerInstance: pool.rootVolumeGiB, gib, months, usdPerMonth, usd: usdPerMonth * months };
}

/** One night's instance-hours of the scheduled strategy at the expected audience (surge 1.0), for each ending. */
export interface NightHours {
    /** The window, e.g. its fixtures joined with " + ". */
    label: string;
    /** Instance-hours when the match ends in normal time. */
    normalTime: number;
    /** Instance-hours when it goes to extra time and penalties. */
    extraTime: number;
}

/** Low and high end of a cost: every night ending in normal time, or every night going to extra time. */
export interface CostRange {
    /** USD when every night ends in normal time. */
    normalTime: number;
    /** USD when every night goes to extra time. */
    extraTime: number;
    /** The smaller of the two. */
    low: number;
    /** The larger of the two. */
    high: number;
}

function range(normalTime: number, extraTime: number): CostRange {
    return { normalTime, extraTime, low: Math.min(normalTime, extraTime), high: Math.max(normalTime, extraTime) };
}

/** The season in money. */
export interface SeasonCost {
    /** The span the warm pool is counted over. */
    season: Season;
    /** Each night in USD, in the order given. */
    nights: { label: string; usd: CostRange }[];
    /** Sum of the nights. */
    nightsUsd: CostRange;
    /** The warm pool's volumes over the season. */
    warmPool: WarmPoolVolumeCost;
    /** The baseline fleet (`minSize` instances) outside the simulated nights, over the season. */
    baseline: BaselineFleetCost;
    /** Nights, the baseline fleet between them and the warm pool. */
    totalUsd: CostRange;
}

/** The group's baseline minimum running between the nights: paid by the hour like any instance. */
export interface BaselineFleetCost {
    /** `minSize`. */
    instances: number;
    /** Hours of the season outside the simulated nights: season days x 24 - the nights' simulated hours, at least 0. */
    hours: number;
    /** `instances x hours x prices.instanceHourUsd`. */
    usd: number;
}

/**
 * The season's cost: each night's instance-hours at the expected audience x the
 * instance-hour price, summed for each ending (a range: every night in normal time to
 * every night in extra time), plus the warm pool's volumes over the season, plus the
 * baseline fleet (`between.minSize` instances) for the hours of the season outside the
 * simulated nights (`between.simulatedHours`, each night's simulated span once).
 */
export function seasonCost(
    nights: readonly NightHours[],
    season: Season,
    pool: { warmPoolSize: number; rootVolumeGiB: number },
    prices: Pick<CapacityPrices, "instanceHourUsd" | "volumeGiBMonthUsd">,
    between: { minSize: number; simulatedHours: number } = { minSize: 0, simulatedHours: 0 },
): SeasonCost {
    const priced = nights.map((n) => ({
        label: n.label,
        usd: range(instanceHoursUsd(n.normalTime, prices), instanceHoursUsd(n.extraTime, prices)),
    }));
    const sum = (pick: (r: CostRange) => number) => priced.reduce((total, n) => total + pick(n.usd), 0);
    const nightsUsd = range(sum((r) => r.normalTime), sum((r) => r.extraTime));
    const warmPool = warmPoolVolumeCost(pool, season.months, prices);
    const hours = Math.max(0, season.days * 24 - between.simulatedHours);
    const baseline: BaselineFleetCost = { instances: between.minSize, hours, usd: between.minSize * hours * prices.instanceHourUsd };
    return {
        season,
        nights: priced,
        nightsUsd,
        warmPool,
        baseline,
        totalUsd: range(nightsUsd.normalTime + warmPool.usd + baseline.usd, nightsUsd.extraTime + warmPool.usd + baseline.usd),
    };
}
