/**
 * The rolling instance refresh the group runs when its launch template changes, and
 * how long one takes: long enough that a refresh started shortly before a match runs
 * into the kickoff. Pure.
 */

/** Rolling refresh preferences of the group: keep 90 % healthy, launch up to 110 % while replacing. */
export const INSTANCE_REFRESH_PREFERENCES = {
    minHealthyPercentage: 90,
    maxHealthyPercentage: 110,
} as const;

/**
 * Minutes from a launch request to an instance that serves: about 1 minute to running,
 * 2 to 3 minutes of boot and user data until the bootstrap hook completes, 30 seconds of
 * load balancer health checks (2 checks 15 s apart), plus margin. Cold launches are
 * measured at 4 to 7 minutes; the refresh estimate takes the slow end.
 */
export const COLD_LAUNCH_MINUTES_SLOW = 7;

export interface RefreshEstimateInput {
    /** Instances the refresh replaces: the running fleet when it starts. */
    fleetSize: number;
    /** Seconds the refresh waits after an instance is in service before the next batch (the group's instance warmup). */
    instanceWarmupSeconds: number;
    /** Minutes from launch to in service. Default {@link COLD_LAUNCH_MINUTES_SLOW}. */
    launchMinutes?: number;
}

/**
 * The longest a rolling refresh of `fleetSize` instances is expected to take, in whole
 * minutes: the fleet is replaced in batches of 10 % (the gap between 100 % and the
 * 110 % the group may launch above desired, at least one instance), and each batch
 * waits for its launch and the warmup before the next starts.
 *
 * Example: 6 instances, 180 s warmup: 6 batches of 1 x (7 + 3) = 60 minutes.
 */
export function estimateInstanceRefreshMinutes(input: RefreshEstimateInput): number {
    const { fleetSize, instanceWarmupSeconds } = input;
    if (!Number.isInteger(fleetSize) || fleetSize < 0) throw new RangeError(`fleetSize = ${fleetSize}: must be a whole number >= 0`);
    if (!(instanceWarmupSeconds >= 0)) throw new RangeError(`instanceWarmupSeconds = ${instanceWarmupSeconds}: must be >= 0`);
    if (fleetSize === 0) return 0;
    const batch = Math.max(1, Math.floor((fleetSize * (INSTANCE_REFRESH_PREFERENCES.maxHealthyPercentage - 100)) / 100));
    const batches = Math.ceil(fleetSize / batch);
    const perBatch = (input.launchMinutes ?? COLD_LAUNCH_MINUTES_SLOW) + Math.ceil(instanceWarmupSeconds / 60);
    return batches * perBatch;
}
