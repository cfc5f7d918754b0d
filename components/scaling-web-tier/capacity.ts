/**
 * Capacity rules of the web tier: what a deploy may and may not do to a running
 * Auto Scaling group. Pure functions only; the component applies them.
 */

/** Sizes of an Auto Scaling group. */
export interface GroupCapacity {
    /** Floor: the group never runs fewer in-service instances. */
    min: number;
    /** The number the group is trying to run right now. */
    desired: number;
    /** Ceiling: neither scaling nor a scheduled action goes above it. */
    max: number;
}

/**
 * The largest size the Auto Scaling API takes (its sizes are 32-bit integers). AWS sets
 * no lower limit of its own: what bounds a fleet is the account's EC2 vCPU quota, which
 * the caller must check (a fleet far above it fails to launch, it is not refused here).
 */
export const MAX_GROUP_SIZE = 2_147_483_647;

/**
 * Properties of the Auto Scaling group that Pulumi sets when the group is created and
 * never again. After creation the running fleet's size belongs to target tracking,
 * scheduled actions and operators; re-applying a stale desired count from config is
 * how a deploy scales a fleet in mid-match.
 */
export const RUNTIME_OWNED_GROUP_PROPERTIES: readonly string[] = ["desiredCapacity"];

/**
 * The desired capacity to declare on a deploy that may raise the running fleet but
 * never lower it: the larger of the configured value and the group's live desired
 * capacity (read at deploy time), kept within the declared `[min, max]` as AWS requires
 * (a max below the live count is the one change that removes instances, and is the
 * caller's to warn about). Without a live value (the group does not exist yet), the
 * configured one.
 */
export function raiseOnlyDesiredCapacity(declared: GroupCapacity, live: number | undefined): number {
    const wanted = live === undefined || !Number.isFinite(live) ? declared.desired : Math.max(declared.desired, live);
    return Math.min(declared.max, Math.max(declared.min, wanted));
}

/** Problems with a capacity triple, as sentences naming the field and what is allowed. */
export function capacityProblems(c: GroupCapacity): string[] {
    const problems: string[] = [];
    for (const [field, value] of Object.entries(c)) {
        if (!Number.isInteger(value) || value < 0 || value > MAX_GROUP_SIZE) {
            problems.push(`${field} = ${value}: must be a whole number from 0 to ${MAX_GROUP_SIZE}`);
        }
    }
    if (problems.length > 0) return problems;
    if (c.min > c.desired) problems.push(`min (${c.min}) is above desired (${c.desired}): allowed is min <= desired <= max`);
    if (c.desired > c.max) problems.push(`desired (${c.desired}) is above max (${c.max}): allowed is min <= desired <= max`);
    if (c.max < 1) problems.push(`max = ${c.max}: a web tier needs room for at least 1 instance`);
    return problems;
}

/**
 * What AWS does to a running group when a deploy applies the declared sizes.
 *
 * Pulumi sends min and max, and desired only when the deploy declares one (see
 * {@link raiseOnlyDesiredCapacity}; without it desired is runtime-owned). AWS then sets
 * desired to the declared value or keeps the running one, clamped into [min, max]: a
 * higher min lifts the fleet at once, a lower min lets target tracking scale in later
 * (the deploy itself removes nothing), and a max below the running count is the one
 * change that removes instances. `removedByDeploy` says how many.
 */
export function applyDeployToRunningGroup(
    running: GroupCapacity,
    declared: { min: number; max: number; desired?: number },
): GroupCapacity & { removedByDeploy: number } {
    const desired = Math.min(Math.max(declared.desired ?? running.desired, declared.min), declared.max);
    return { min: declared.min, desired, max: declared.max, removedByDeploy: Math.max(0, running.desired - desired) };
}

/**
 * Whether a change of the declared sizes can remove running instances: only a lower
 * max can. Used by the plan's diff to warn a reviewer.
 */
export function capacityChangeMayScaleIn(before: { max: number }, after: { max: number }): boolean {
    return after.max < before.max;
}
