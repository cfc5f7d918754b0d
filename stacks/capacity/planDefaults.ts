/**
 * Documented defaults of the capacity plan's timings and multipliers. Kept apart from
 * the types and checks so the schedule can use them without importing the checks.
 */

/**
 * Default match window: 165 minutes from kickoff. A knockout match with everything:
 * 45 + 2 (first half and stoppage) + 15 (half-time) + 45 + 3 (second half and
 * stoppage) + 5 (break before extra time) + 30 + 3 (extra time, its break and
 * stoppage) + 12 (penalty shoot-out) = 160 minutes to the last whistle, rounded up to
 * 165 so a long stoppage does not drop the floor while the match is live.
 */
export const DEFAULT_MATCH_WINDOW_MINUTES = 165;

/**
 * Default pre-warm lead: 70 minutes. Pre-match coverage draws viewers from about an
 * hour before kickoff, and a cold instance needs about 5 minutes to serve: raising the
 * floor 70 minutes ahead has it in service before the build-up starts, with 5 minutes
 * to spare for a slow launch, rather than arriving during it.
 */
export const DEFAULT_PRE_WARM_LEAD_MINUTES = 70;

/** Default release delay: 30 minutes after the match window, while viewers leave and highlights play. */
export const DEFAULT_RELEASE_DELAY_MINUTES = 30;

/**
 * Default minimum lead of a scheduled action: 30 minutes between the start of the
 * deploy (when the plan is made) and the action's start. The actions are created only
 * after the group is created or updated, which can take many minutes on a first
 * deploy (load balancer, NAT gateways), and AWS refuses an action in the past. A window
 * closer than this is treated as in progress: its floor is declared directly.
 */
export const DEFAULT_MINIMUM_LEAD_MINUTES = 30;

/** Default planning surge factor of a fixture: 1 (plan for the expected peak). */
export const DEFAULT_SURGE_FACTOR = 1;

/**
 * Suggested headroom: 20 % above the need. Audience estimates from viewer share are
 * rough (the share itself moved from 0.4 % to 1.4 % within one tie); 20 % absorbs an
 * ordinary miss, `surgeFactor` plans for an extraordinary one, and target tracking
 * covers the rest.
 */
export const DEFAULT_HEADROOM_PERCENT = 20;

/**
 * The later steps of the stepped pre-warm, in minutes before kickoff: after the first
 * step (at `preWarmLeadMinutes`), the floor is raised again 40, 25 and 15 minutes
 * before kickoff, the last to the full floor. They follow the audience's build-up
 * (`demandShareAt`: a slow rise from an hour before kickoff, then half the peak in the
 * last 15 minutes). Chosen with the benchmark's pessimistic timing: the full floor 15
 * minutes ahead serves from 6 minutes before kickoff at the slowest (2 minutes late, 7
 * minutes of cold launch), and target tracking and the warm pool answer a surge from
 * there. A step earlier than the first (a short `preWarmLeadMinutes`) is dropped.
 */
export const PRE_WARM_STEP_MINUTES: readonly number[] = [40, 25, 15];

/**
 * Minutes each pre-warm step must cover beyond its end: the next step's instances serve
 * this long after its start at the slowest (a scheduled action 2 minutes late, a cold
 * launch of 7 minutes: `PESSIMISTIC_TIMING` in simulation.ts).
 */
export const STEP_COVER_MINUTES = 9;

/**
 * Minutes from kickoff to the end of normal time with a long stoppage: 45 + 2 + 15 +
 * 45 + 5 = 112, rounded up to 115. The early release runs
 * {@link EARLY_RELEASE_DELAY_MINUTES} after it.
 */
export const NORMAL_TIME_MINUTES = 115;

/**
 * Minutes after normal time that the early release runs (kickoff + 125 by default):
 * long enough to see whether the match goes to extra time, short enough that a match
 * that ended is not paid for at the full floor until the late release.
 */
export const EARLY_RELEASE_DELAY_MINUTES = 10;

/** The values a plan setting accepts: from `min` to `max`, both included. */
export interface PlanRange {
    readonly min: number;
    readonly max: number;
}

/**
 * What the plan accepts for its timings and multipliers (`checkCapacityPlan`). The
 * config keys of the same names take these ranges, so a stack and a direct caller of the
 * plan (the benchmark, tests) are held to the same bounds. Headroom may be fractional
 * here (a config key is whole); the timings are whole minutes everywhere.
 *
 * `preWarmLeadMinutes` starts at 15, the stepped pre-warm's last step (the full floor,
 * {@link PRE_WARM_STEP_MINUTES}): a shorter lead raises the whole floor after that.
 */
export const PLAN_RANGES = {
    headroomPercent: { min: 0, max: 200 },
    preWarmLeadMinutes: { min: 15, max: 360 },
    matchWindowMinutes: { min: 100, max: 360 },
    releaseDelayMinutes: { min: 0, max: 240 },
    minimumLeadMinutes: { min: 0, max: 1440 },
    surgeFactor: { min: 1, max: 10 },
} as const satisfies Readonly<Record<string, PlanRange>>;
