/**
 * The shape of a match night's audience, minute by minute, as a share of its peak: the
 * demand model the simulation runs and the stepped pre-warm follows. Pure.
 */

/** Shape of a match's audience; see {@link demandShareAt}. */
export interface DemandCurveOptions {
    /** First minute (from kickoff) of the curve. Default -90. */
    fromMinute?: number;
    /** Last minute (from kickoff) of the curve, inclusive. Default 255. */
    toMinute?: number;
    /** Whether the match goes to extra time and penalties. Default false. */
    extraTime?: boolean;
    /** Audience outside the match as a share of the peak, 0 to 1. Default 0.05. */
    baselineShare?: number;
}

/** Default audience outside the match: 5 % of the match's peak (the platform's ordinary evening). */
export const DEFAULT_BASELINE_SHARE = 0.05;

/** Minute of the final whistle: 110 after 90 minutes and stoppage, 163 after extra time and penalties. */
export function finalWhistleMinute(extraTime: boolean): number {
    return extraTime ? 163 : 110;
}

/** Linear interpolation from `a` at `x0` to `b` at `x1`. */
function lerp(x: number, x0: number, x1: number, a: number, b: number): number {
    return a + ((b - a) * (x - x0)) / (x1 - x0);
}

/**
 * The audience at `minute` (from kickoff) as a share of the peak (1 = the busiest
 * moment). Piecewise linear, chosen before any result was seen:
 *
 * | minutes | share | what happens |
 * |---|---|---|
 * | up to -60 | baseline (0.05) | an ordinary evening |
 * | -60 to -15 | baseline to 0.35 | pre-match build-up |
 * | -15 to 0 | 0.35 to 0.85 | the kickoff surge: half the peak arrives in 15 minutes |
 * | 0 to 47 | 0.85 to 0.95, then flat | first half and stoppage |
 * | 47 to 62 | down to 0.70 and back | half-time dip |
 * | 62 to 95 | 0.95 to 1.00 | second half builds |
 * | 95 to 110 | 1.00 | the busiest moment: the end of a tight knockout match |
 * | 110 to 163 | 0.95 break, then 1.00 | extra time and penalties (only with `extraTime`) |
 * | after the whistle | decays to baseline, time constant 10 min | viewers leave at once |
 */
export function demandShareAt(minute: number, options: DemandCurveOptions = {}): number {
    const base = options.baselineShare ?? DEFAULT_BASELINE_SHARE;
    const whistle = finalWhistleMinute(options.extraTime ?? false);
    const m = minute;
    if (m <= -60) return base;
    if (m <= -15) return lerp(m, -60, -15, base, 0.35);
    if (m <= 0) return lerp(m, -15, 0, 0.35, 0.85);
    if (m <= 45) return lerp(m, 0, 45, 0.85, 0.95);
    if (m <= 47) return 0.95;
    if (m <= 52) return lerp(m, 47, 52, 0.95, 0.7);
    if (m <= 58) return 0.7;
    if (m <= 62) return lerp(m, 58, 62, 0.7, 0.95);
    if (m <= 95) return lerp(m, 62, 95, 0.95, 1);
    if (m <= 110) return 1;
    if (m <= whistle) return m <= 115 ? 0.95 : 1;
    return base + (1 - base) * Math.exp(-(m - whistle) / 10);
}
