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
