/**
 * The failover function's settings and the environment variables that carry them.
 * Shipped inside the Lambda archive (as `settings.js`), and read by the component to
 * set the variables: it imports nothing.
 */

/** What the function acts on; all from its environment. */
export interface FailoverSettings {
    /** The load balancer listener that gets the failover rule. */
    listenerArn: string;
    /** Where the failover rule forwards everything. */
    cloudTargetGroupArn: string;
    unhealthyAlarmName: string;
    tunnelsDownAlarmName: string;
    recoveredAlarmName: string;
    /** Priority of the failover rule (1 is evaluated before every other rule). */
    rulePriority: number;
}

/** The environment variable of each setting. */
export const FAILOVER_ENVIRONMENT: Readonly<Record<keyof FailoverSettings, string>> = {
    listenerArn: "LISTENER_ARN",
    cloudTargetGroupArn: "CLOUD_TARGET_GROUP_ARN",
    unhealthyAlarmName: "UNHEALTHY_ALARM_NAME",
    tunnelsDownAlarmName: "TUNNELS_DOWN_ALARM_NAME",
    recoveredAlarmName: "RECOVERED_ALARM_NAME",
    rulePriority: "RULE_PRIORITY",
};

/** Reads the settings; throws naming every variable that is missing or wrong. */
export function settingsFromEnvironment(env: Record<string, string | undefined>): FailoverSettings {
    const missing = Object.values(FAILOVER_ENVIRONMENT).filter((name) => !env[name]);
    const priority = Number(env[FAILOVER_ENVIRONMENT.rulePriority]);
    if (missing.length > 0 || !Number.isInteger(priority) || priority < 1 || priority > 50000) {
        throw new Error(`failover function misconfigured: missing ${missing.join(", ") || "nothing"}; RULE_PRIORITY must be 1 to 50000`);
    }
    return {
        listenerArn: env[FAILOVER_ENVIRONMENT.listenerArn]!,
        cloudTargetGroupArn: env[FAILOVER_ENVIRONMENT.cloudTargetGroupArn]!,
        unhealthyAlarmName: env[FAILOVER_ENVIRONMENT.unhealthyAlarmName]!,
        tunnelsDownAlarmName: env[FAILOVER_ENVIRONMENT.tunnelsDownAlarmName]!,
        recoveredAlarmName: env[FAILOVER_ENVIRONMENT.recoveredAlarmName]!,
        rulePriority: priority,
    };
}
