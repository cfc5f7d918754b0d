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

/** AWS's hard limit on an Auto Scaling group's maximum size is far above this; ours keeps a typo (4000 for 40) from reaching an account. */
export const MAX_GROUP_SIZE = 500;

/**
 * Properties of the Auto Scaling group that Pulumi sets when the group is created and
 * never again. After creation the running fleet's size belongs to target tracking,
 * scheduled actions and operators; re-applying a stale desired count from config is
 * how a deploy scales a fleet in mid-match.
 */
export const RUNTIME_OWNED_GROUP_PROPERTIES: readonly string[] = ["desiredCapacity"];

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
 * Pulumi sends only min and max after creation (desired is runtime-owned). AWS then
 * clamps the running desired count into [min, max]: a higher min lifts the fleet at
 * once, a lower min lets target tracking scale in later (the deploy itself removes
 * nothing), and a max below the running count is the one change that removes
 * instances. `removedByDeploy` says how many.
 */
export function applyDeployToRunningGroup(
    running: GroupCapacity,
    declared: { min: number; max: number },
): GroupCapacity & { removedByDeploy: number } {
    const desired = Math.min(Math.max(running.desired, declared.min), declared.max);
    return { min: declared.min, desired, max: declared.max, removedByDeploy: Math.max(0, running.desired - desired) };
}

/**
 * Whether a change of the declared sizes can remove running instances: only a lower
 * max can. Used by the plan's diff to warn a reviewer.
 */
export function capacityChangeMayScaleIn(before: { max: number }, after: { max: number }): boolean {
    return after.max < before.max;
}
