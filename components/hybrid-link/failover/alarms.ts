/**
 * The three alarms the failover acts on, decided as data. All use one-minute periods
 * and need every datapoint of their window ("N out of N"), so one good or bad minute
 * resets them.
 */

/** Which metric dimensions an alarm watches; the component fills in the values. */
export type AlarmDimensions = "targetGroup" | "vpnConnection";

export interface FailoverAlarmSpec {
    /** Child role and the function's name for it. */
    role: "unhealthy" | "tunnels-down" | "recovered";
    namespace: string;
    metricName: string;
    dimensions: AlarmDimensions;
    statistic: "Minimum" | "Maximum";
    /** Seconds per datapoint. */
    period: number;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparisonOperator: "LessThanThreshold" | "GreaterThanOrEqualToThreshold";
    threshold: number;
    treatMissingData: "breaching" | "notBreaching" | "missing";
    description: string;
}

export interface FailoverTiming {
    /** Minutes with fewer healthy targets than `minHealthyHosts` (or with both tunnels down) before traffic moves to the cloud. */
    unhealthyMinutes: number;
    /** Minutes with at least `minHealthyHosts` healthy targets throughout before traffic returns. */
    recoveryMinutes: number;
    /**
     * Healthy on-premise targets their share of traffic needs: fewer than this fails
     * over, at least this for the recovery minutes restores. Default 1 (fail over when
     * none is healthy).
     */
    minHealthyHosts?: number;
}

export const DEFAULT_UNHEALTHY_MINUTES = 2;
export const DEFAULT_RECOVERY_MINUTES = 10;
export const DEFAULT_MIN_HEALTHY_HOSTS = 1;
/** Below this share of tunnels up, both of the connection's two tunnels are down. */
export const TUNNELS_DOWN_THRESHOLD = 0.5;

/**
 * The unhealthy and recovered alarms share one threshold, `minHealthyHosts`, on the
 * lowest HealthyHostCount of each minute: "unhealthy" is below it for every minute of
 * its window, "recovered" at or above it for every minute of its own, so the two never
 * disagree about one minute and traffic returns only to servers that can carry it.
 */
export function decideFailoverAlarms(timing: FailoverTiming): FailoverAlarmSpec[] {
    const n = timing.unhealthyMinutes;
    const m = timing.recoveryMinutes;
    const k = timing.minHealthyHosts ?? DEFAULT_MIN_HEALTHY_HOSTS;
    const hosts = k === 1 ? "a healthy target" : `${k} healthy targets`;
    return [
        {
            role: "unhealthy",
            namespace: "AWS/ApplicationELB",
            metricName: "HealthyHostCount",
            dimensions: "targetGroup",
            // The lowest count seen in each minute: a minute with any moment below the need counts.
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: n,
            datapointsToAlarm: n,
            comparisonOperator: "LessThanThreshold",
            threshold: k,
            // No data means no proof of health (e.g. the group is not attached yet): fail over to the cloud.
            treatMissingData: "breaching",
            description: `On-premise target group with fewer than ${hosts} for ${n} minute(s) (their share of traffic needs ${k}): the failover function sends all traffic to the cloud.`,
        },
        {
            role: "tunnels-down",
            namespace: "AWS/VPN",
            metricName: "TunnelState",
            dimensions: "vpnConnection",
            // By VpnId, TunnelState is the share of the connection's tunnels that are up: 1 both,
            // 0.5 one (the normal redundancy case, no reason to move traffic), 0 none. So the
            // highest value of each minute below 0.5 means neither tunnel was up at any sample.
            statistic: "Maximum",
            period: 60,
            evaluationPeriods: n,
            datapointsToAlarm: n,
            comparisonOperator: "LessThanThreshold",
            threshold: TUNNELS_DOWN_THRESHOLD,
            // AWS publishes VPN metrics "as they become available", not every minute: minutes
            // without data are skipped (CloudWatch evaluates the last datapoints that exist).
            // Missing data alone never moves traffic; the health alarm covers a real outage.
            treatMissingData: "missing",
            description: `Both VPN tunnels down for ${n} minute(s): the failover function sends all traffic to the cloud.`,
        },
        {
            role: "recovered",
            namespace: "AWS/ApplicationELB",
            metricName: "HealthyHostCount",
            dimensions: "targetGroup",
            // Healthy through every sample of every minute of the window.
            statistic: "Minimum",
            period: 60,
            evaluationPeriods: m,
            datapointsToAlarm: m,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: k,
            // Missing data is not health: it keeps this alarm out of ALARM.
            treatMissingData: "notBreaching",
            description: `ALARM here means RECOVERED: the on-premise target group has had ${k === 1 ? "a healthy target" : `at least ${k} healthy targets`} for ${m} minute(s), so the failover function restores their share of traffic. Not a page.`,
        },
    ];
}
