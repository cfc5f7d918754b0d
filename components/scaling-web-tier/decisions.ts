/**
 * Pure decisions of the web tier's constructor: the listener's forward action and the
 * group's instance refresh and warm pool. No Pulumi value is imported (types only).
 */
import type { Input } from "@pulumi/pulumi";
import { INSTANCE_REFRESH_PREFERENCES } from "./instanceRefresh";

/** The default action of a forwarding listener: the tier's target group alone, or weighted with the others. */
export function decideForwardAction(
    targetGroupArn: Input<string>,
    extra: readonly { targetGroupArn: Input<string>; weight: number }[],
    forwardWeight: number | undefined,
) {
    return extra.length === 0
        ? { type: "forward", targetGroupArn }
        : {
            type: "forward",
            forward: {
                targetGroups: [
                    { arn: targetGroupArn, weight: forwardWeight ?? 100 },
                    ...extra.map((t) => ({ arn: t.targetGroupArn, weight: t.weight })),
                ],
            },
        };
}

/** A rolling refresh that never rolls back and leaves protected and standby instances alone. */
export function decideInstanceRefresh(warmupSeconds: number) {
    return {
        strategy: "Rolling",
        preferences: {
            ...INSTANCE_REFRESH_PREFERENCES,
            instanceWarmup: String(warmupSeconds),
            // Off on purpose: the provider sets the group's new template version before it
            // starts the refresh, so a "rollback" returns to the same failing version and can
            // loop (hashicorp/terraform-provider-aws#34189). A failed refresh stops instead.
            autoRollback: false,
            skipMatching: true,
            scaleInProtectedInstances: "Ignore",
            standbyInstances: "Ignore",
        },
    };
}

/** The group's warm pool, when one is asked for: stopped instances by default, reused on scale-in. */
export function decideWarmPool(warmPool: { minSize: number; poolState?: string; maxGroupPreparedCapacity?: number } | undefined) {
    return warmPool
        ? {
            minSize: warmPool.minSize,
            poolState: warmPool.poolState ?? "Stopped",
            maxGroupPreparedCapacity: warmPool.maxGroupPreparedCapacity ?? warmPool.minSize,
            instanceReusePolicy: { reuseOnScaleIn: true },
        }
        : undefined;
}
