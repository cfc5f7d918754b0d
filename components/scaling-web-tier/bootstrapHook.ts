/**
 * The launch lifecycle hook that holds a new instance until its bootstrap is done.
 *
 * Without it, Auto Scaling counts an instance as ready when it boots, not when the app
 * answers: a warm-pool instance can be stopped half-way through its user data, and a
 * cold one takes traffic checks before it can pass them. With it, every launch (into
 * the group, into the warm pool, and out of the warm pool) waits in Pending:Wait until
 * the instance reports itself ready (`complete-lifecycle-action`), or is abandoned
 * and replaced when the heartbeat times out. Pure data; the component declares it.
 */

/** Name of the hook; the instance's readiness script completes it by this name. */
export const BOOTSTRAP_HOOK_NAME = "bootstrap-ready";

/** Default time an instance has to report ready: a cold bootstrap installs packages through NAT. */
export const DEFAULT_BOOTSTRAP_TIMEOUT_SECONDS = 900;

export function decideBootstrapHook(heartbeatTimeoutSeconds = DEFAULT_BOOTSTRAP_TIMEOUT_SECONDS) {
    if (!Number.isInteger(heartbeatTimeoutSeconds) || heartbeatTimeoutSeconds < 30 || heartbeatTimeoutSeconds > 7200) {
        throw new Error(`bootstrap hook timeout ${heartbeatTimeoutSeconds} s: must be a whole number from 30 to 7200`);
    }
    return {
        name: BOOTSTRAP_HOOK_NAME,
        lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
        // An instance that never reports ready is replaced, never put into service.
        defaultResult: "ABANDON",
        heartbeatTimeout: heartbeatTimeoutSeconds,
    };
}

/**
 * What the instances' role must allow for the hook: complete this group's lifecycle
 * actions, and find their own group's name (DescribeAutoScalingInstances has no
 * resource-level permissions, so it is on "*").
 */
export function bootstrapHookPolicy(groupArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "CompleteOwnLaunchHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [groupArn] },
            { Sid: "FindOwnGroup", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: ["*"] },
        ],
    };
}
