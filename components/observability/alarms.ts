/**
 * Every alarm of the component, decided as data by small typed factories (one per
 * alarm, in the spirit of cdklabs/cdk-monitoring-constructs): namespace, metric or
 * metric math, dimensions, statistic, period, datapoints, threshold, comparison and the
 * treatment of missing data with its reason. The component only declares what these
 * return. Dimension values are `pulumi.Input`s and are passed through untouched, so the
 * functions stay pure and tests can call them with plain strings.
 */
import type * as pulumi from "@pulumi/pulumi";

export type TreatMissingData = "breaching" | "notBreaching" | "missing" | "ignore";
export type ComparisonOperator = "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";
export type Statistic = "SampleCount" | "Average" | "Sum" | "Minimum" | "Maximum";
export type Dimensions = Record<string, pulumi.Input<string>>;

/** One CloudWatch metric: namespace, name, dimensions. */
export interface MetricRef {
    namespace: string;
    metricName: string;
    dimensions: Dimensions;
}

/** An alarm on one metric's statistic (or percentile). */
export interface SingleMetricSource extends MetricRef {
    kind: "metric";
    /** Seconds per datapoint. */
    period: number;
    statistic?: Statistic;
    /** A percentile such as `"p99"`, instead of `statistic`. */
    extendedStatistic?: string;
}

/** One query of a metric math alarm: a metric (not returned) or an expression (one is returned). */
export interface MathQuery {
    /** Lowercase first letter, then letters, digits and underscores (CloudWatch's rule). */
    id: string;
    label: string;
    expression?: string;
    metric?: MetricRef & { stat: Statistic; period: number };
    returnData: boolean;
}

/** An alarm on a metric math expression. */
export interface MathSource {
    kind: "math";
    /** Seconds per datapoint, the period of every metric in it. */
    period: number;
    queries: MathQuery[];
}

/**
 * Where an alarm goes: `"page"` alarms carry no actions and feed the one paging composite
 * (`matchday-degraded`): each means viewers are hurt now. `"onpremise"` alarms carry no
 * actions and feed the on-premise composite (`onpremise-degraded`), which warns: a state
 * of the data centre and its link that can last for hours (a failover doing its job, a
 * tunnel in maintenance) and must never hold the page in ALARM, because a composite runs
 * its actions only when its own state changes. `"warning"` alarms notify the warning
 * topic directly; `"none"` are control signals of the deploy mute, not alerts.
 */
export type AlarmRoute = "page" | "onpremise" | "warning" | "none";

export interface AlarmSpec {
    /** Child role: the alarm is `<prefix>-<role>`, its child `<component>-<role>`. */
    role: string;
    /** A short human title (README table, dashboard). */
    title: string;
    route: AlarmRoute;
    source: SingleMetricSource | MathSource;
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparisonOperator: ComparisonOperator;
    threshold: number;
    treatMissingData: TreatMissingData;
    /** Why missing data is treated so (README, and the alarm's description). */
    missingDataReason: string;
    /** Percentile alarms only. */
    evaluateLowSampleCountPercentiles?: "ignore" | "evaluate";
    /** What it watches and why it exists. */
    why: string;
    /** What the person paged (or warned) looks at first. */
    firstLook: string;
}

// ---------------------------------------------------------------- defaults

/** Every tunable of the alarms with its default; the stack makes matchday tighter than dev. */
export interface AlarmThresholds {
    /** Load balancer 5xx (its own 502/503/504) as a share of its requests, percent. Default `2`. */
    loadBalancer5xxPercent: number;
    /** A target group's 5xx as a share of its requests, percent. Default `2`. */
    target5xxPercent: number;
    /** Below this many requests in a minute the error rates read 0 (one failed request at 4 a.m. is not an incident). Default `20`. */
    minimumRequestsPerMinute: number;
    /** p99 of TargetResponseTime, seconds. Default `2`. */
    p99LatencySeconds: number;
    /** Consecutive one-minute datapoints for the error rates and latency. Default `3`. */
    errorMinutes: number;
    /** Unhealthy targets in a target group that count. Default `1`. */
    unhealthyHosts: number;
    /** Consecutive minutes with that many unhealthy targets at every sample. Default `5`. */
    unhealthyMinutes: number;
    /** Consecutive minutes with fewer instances in service than desired. Default `15` (cold launches take several minutes). */
    inServiceShortfallMinutes: number;
    /** Desired capacity at or above this share of `maxSize` is "near the maximum", percent. Default `90`. */
    nearMaxPercent: number;
    /** Consecutive minutes near the maximum. Default `5`. */
    nearMaxMinutes: number;
    /** Group average CPU, percent. Default `80`. */
    cpuPercent: number;
    /** Minutes of high CPU, a multiple of 5 (5-minute datapoints work with basic and detailed monitoring). Default `15`. */
    cpuMinutes: number;
    /** Minutes beyond the longest match window before a raised minimum counts as left behind. Default `60`. */
    floorMarginMinutes: number;
    /** Consecutive minutes one VPN tunnel is down. Default `5`. */
    tunnelDownMinutes: number;
    /** Consecutive minutes both VPN tunnels are down. Default `3`. */
    bothTunnelsDownMinutes: number;
    /**
     * Inside a match window, requests below this share of what the fixture's audience
     * should send are "far below" (a DNS, certificate or edge fault in front of the load
     * balancer), percent. Default `20`: a fifth of the planned floor is far outside what a
     * wrong audience estimate explains, and far above a dead front door's zero.
     */
    trafficFloorPercent: number;
    /** Consecutive minutes below the traffic floor before the page. Default `5`. */
    trafficFloorMinutes: number;
    /** Consecutive minutes in which the outside probe (canary) fails before the page. Default `3`. */
    probeFailedMinutes: number;
    /**
     * Minutes each user-store alarm looks at (its evaluation periods, one-minute datapoints).
     * Default `5`.
     */
    userStoreMinutes: number;
    /**
     * Of those, the minutes that must breach (datapoints to alarm), at most `userStoreMinutes`.
     * Default `3`: one throttled minute is absorbed by the SDK's retries; three in five is a
     * pattern a person should look at before the next kickoff.
     */
    userStoreBreachingMinutes: number;
    /**
     * p99 of the store's GetItem latency inside DynamoDB (SuccessfulRequestLatency, which
     * leaves out the network), milliseconds. Default `50`: a GetItem by key is answered in
     * single-digit milliseconds, so 50 ms at the p99 is several times the normal and a sign
     * of trouble on AWS's side (or of items grown far beyond a profile), while the odd slow
     * minute between matches (few samples) stays quiet.
     */
    userStoreLatencyMilliseconds: number;
    /**
     * Consumed read or write units per second above this share of the table's warm
     * throughput are "near the ceiling", percent. Default `80`: the table serves its warm
     * throughput at once; above it on-demand adapts and may throttle meanwhile.
     */
    userStoreCapacityPercent: number;
}

export const DEFAULT_ALARM_THRESHOLDS: Readonly<AlarmThresholds> = Object.freeze({
    loadBalancer5xxPercent: 2,
    target5xxPercent: 2,
    minimumRequestsPerMinute: 20,
    p99LatencySeconds: 2,
    errorMinutes: 3,
    unhealthyHosts: 1,
    unhealthyMinutes: 5,
    inServiceShortfallMinutes: 15,
    nearMaxPercent: 90,
    nearMaxMinutes: 5,
    cpuPercent: 80,
    cpuMinutes: 15,
    floorMarginMinutes: 60,
    tunnelDownMinutes: 5,
    bothTunnelsDownMinutes: 3,
    trafficFloorPercent: 20,
    trafficFloorMinutes: 5,
    probeFailedMinutes: 3,
    userStoreMinutes: 5,
    userStoreBreachingMinutes: 3,
    userStoreLatencyMilliseconds: 50,
    userStoreCapacityPercent: 80,
});

const MINUTE = 60;
const ALB = "AWS/ApplicationELB";

// ---------------------------------------------------------------- load balancer

/** The load balancer's own 5xx (502, 503, 504) per request it handled, percent. */
export function loadBalancer5xxRateAlarm(loadBalancer: pulumi.Input<string>, t: Pick<AlarmThresholds, "loadBalancer5xxPercent" | "minimumRequestsPerMinute" | "errorMinutes">): AlarmSpec {
    const dims = { LoadBalancer: loadBalancer };
    // RequestCount leaves out requests rejected before a target was chosen (a 503 with no
    // healthy target), so those 503s are added to the denominator: a total outage reads
    // 100 %, not "no requests".
    const total = "(FILL(requests, 0) + FILL(errors, 0))";
    return {
        role: "alb-5xx-rate",
        title: "Load balancer 5xx rate",
        route: "page",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                { id: "errors", label: "HTTPCode_ELB_5XX_Count", metric: { namespace: ALB, metricName: "HTTPCode_ELB_5XX_Count", dimensions: dims, stat: "Sum", period: MINUTE }, returnData: false },
                { id: "requests", label: "RequestCount", metric: { namespace: ALB, metricName: "RequestCount", dimensions: dims, stat: "Sum", period: MINUTE }, returnData: false },
                {
                    id: "rate",
                    label: "Load balancer 5xx, % of requests",
                    expression: `IF(${total} >= ${t.minimumRequestsPerMinute}, 100 * FILL(errors, 0) / ${total}, 0)`,
                    returnData: true,
                },
            ],
        },
        evaluationPeriods: t.errorMinutes,
        datapointsToAlarm: t.errorMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.loadBalancer5xxPercent,
        // The ALB publishes nothing in a minute without requests, and FILL turns a missing
        // count into 0: no traffic is no error.
        treatMissingData: "notBreaching",
        missingDataReason: "the load balancer publishes nothing in a minute without requests; no traffic is no error",
        why: "Viewers get errors from the load balancer itself: no healthy target (503), targets resetting or timing out (502/504).",
        firstLook: "Dashboard: healthy hosts cloud vs on-premise and the group's in-service count; then the target 5xx rates.",
    };
}

/** A target group's 5xx per request it received, percent. */
export function target5xxRateAlarm(
    role: string,
    where: string,
    loadBalancer: pulumi.Input<string>,
    targetGroup: pulumi.Input<string>,
    t: Pick<AlarmThresholds, "target5xxPercent" | "minimumRequestsPerMinute" | "errorMinutes">,
): AlarmSpec {
    const dims = { TargetGroup: targetGroup, LoadBalancer: loadBalancer };
    return {
        role,
        title: `Target 5xx rate (${where})`,
        // The on-premise share too: its errors reach viewers. With a failover in effect the
        // group gets no requests and the rate reads 0, so this never holds the page for hours.
        route: "page",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                { id: "errors", label: "HTTPCode_Target_5XX_Count", metric: { namespace: ALB, metricName: "HTTPCode_Target_5XX_Count", dimensions: dims, stat: "Sum", period: MINUTE }, returnData: false },
                { id: "requests", label: "RequestCount", metric: { namespace: ALB, metricName: "RequestCount", dimensions: dims, stat: "Sum", period: MINUTE }, returnData: false },
                {
                    id: "rate",
                    label: `Target 5xx (${where}), % of requests`,
                    expression: `IF(FILL(requests, 0) >= ${t.minimumRequestsPerMinute}, 100 * FILL(errors, 0) / FILL(requests, 1), 0)`,
                    returnData: true,
                },
            ],
        },
        evaluationPeriods: t.errorMinutes,
        datapointsToAlarm: t.errorMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.target5xxPercent,
        treatMissingData: "notBreaching",
        missingDataReason: "target groups publish nothing in a minute without requests; no traffic is no error",
        why: `The ${where} servers answer viewers with errors (the app, not the load balancer).`,
        firstLook: `App logs of the ${where} servers (log group <prefix>-web-app for the cloud); did a deploy or a config change just happen?`,
    };
}

/** p99 of the time targets take to answer, across the load balancer. */
export function p99LatencyAlarm(loadBalancer: pulumi.Input<string>, t: Pick<AlarmThresholds, "p99LatencySeconds" | "errorMinutes">): AlarmSpec {
    return {
        role: "p99-latency",
        title: "p99 response time",
        route: "page",
        source: { kind: "metric", namespace: ALB, metricName: "TargetResponseTime", dimensions: { LoadBalancer: loadBalancer }, extendedStatistic: "p99", period: MINUTE },
        evaluationPeriods: t.errorMinutes,
        datapointsToAlarm: t.errorMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.p99LatencySeconds,
        treatMissingData: "notBreaching",
        missingDataReason: "no requests, no response times; no traffic is not slowness",
        // Too few requests in a minute make a p99 meaningless: such minutes change nothing.
        evaluateLowSampleCountPercentiles: "ignore",
        why: "Viewers wait: the slowest 1 % of responses are slower than the threshold, usually before errors start.",
        firstLook: "Dashboard: CPU and in-service count (is the fleet saturated or still warming up?), then requests per minute.",
    };
}

/** Targets of a target group that fail health checks at every sample of several minutes. */
export function unhealthyHostsAlarm(
    role: string,
    where: string,
    loadBalancer: pulumi.Input<string>,
    targetGroup: pulumi.Input<string>,
    t: Pick<AlarmThresholds, "unhealthyHosts" | "unhealthyMinutes">,
): AlarmSpec {
    return {
        role,
        title: `Unhealthy hosts (${where})`,
        // Unhealthy on-premise servers are a state HybridLink's failover answers; viewers
        // hurt by them show in the 5xx rates and latency, which page.
        route: where === "cloud" ? "page" : "onpremise",
        source: { kind: "metric", namespace: ALB, metricName: "UnHealthyHostCount", dimensions: { TargetGroup: targetGroup, LoadBalancer: loadBalancer }, statistic: "Minimum", period: MINUTE },
        evaluationPeriods: t.unhealthyMinutes,
        datapointsToAlarm: t.unhealthyMinutes,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: t.unhealthyHosts,
        // Health counts are published every minute for a target group in use. Missing data
        // does not prove anyone unhealthy (a group not yet attached, weight 0); the
        // in-service alarm turns a blind Auto Scaling group into a page instead.
        treatMissingData: "notBreaching",
        missingDataReason: "missing health counts prove no target unhealthy (a group not attached yet); blindness of the group is the in-service alarm's job",
        why: `${where === "cloud" ? "Instances" : "On-premise servers"} keep failing the health check (the minimum of each minute, so a target replaced within the minute does not count).`,
        firstLook: where === "cloud"
            ? "EC2 console: the group's activity history (are replacements failing too?) and an unhealthy instance's system log in <prefix>-web-system."
            : "HybridLink: is the failover in effect? VPN tunnel state on the dashboard; then the data centre.",
    };
}

// ---------------------------------------------------------------- Auto Scaling group

/** Fewer instances in service than desired for longer than a launch takes (AWS's recommended ASG alarm). */
export function inServiceShortfallAlarm(groupName: pulumi.Input<string>, t: Pick<AlarmThresholds, "inServiceShortfallMinutes">): AlarmSpec {
    const dims = { AutoScalingGroupName: groupName };
    return {
        role: "in-service-below-desired",
        title: "In service below desired",
        route: "page",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                // The smallest shortfall the minute allows: desired at its lowest, in service at its highest.
                { id: "desired", label: "GroupDesiredCapacity", metric: { namespace: "AWS/AutoScaling", metricName: "GroupDesiredCapacity", dimensions: dims, stat: "Minimum", period: MINUTE }, returnData: false },
                { id: "inservice", label: "GroupInServiceInstances", metric: { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: dims, stat: "Maximum", period: MINUTE }, returnData: false },
                // No FILL: a minute without either metric stays missing and counts as breaching.
                { id: "shortfall", label: "Instances desired but not in service", expression: "desired - inservice", returnData: true },
            ],
        },
        evaluationPeriods: t.inServiceShortfallMinutes,
        datapointsToAlarm: t.inServiceShortfallMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        // With metrics collection on, the group publishes these every minute, even at 0
        // instances. No data for the whole window means collection was switched off or the
        // group was replaced: the capacity alarms and the dashboard are blind.
        treatMissingData: "breaching",
        missingDataReason: "the group publishes its metrics every minute while collection is on, even at 0 instances; a whole window without them means the capacity alarms are blind",
        why: "Capacity the schedule or scaling asked for is not serving: launches failing (quota, zone capacity, boot or health check), or a refresh stuck.",
        firstLook: "EC2 console: the group's activity history (failed launches and why), then the vCPU quota in Service Quotas.",
    };
}

/** Desired capacity close to the group's maximum: the next surge has nowhere to go. */
export function fleetNearMaxAlarm(groupName: pulumi.Input<string>, maxSize: number, t: Pick<AlarmThresholds, "nearMaxPercent" | "nearMaxMinutes">): AlarmSpec {
    return {
        role: "fleet-near-max",
        title: "Fleet near its maximum",
        route: "warning",
        source: { kind: "metric", namespace: "AWS/AutoScaling", metricName: "GroupDesiredCapacity", dimensions: { AutoScalingGroupName: groupName }, statistic: "Maximum", period: MINUTE },
        evaluationPeriods: t.nearMaxMinutes,
        datapointsToAlarm: t.nearMaxMinutes,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: nearMaxThreshold(maxSize, t.nearMaxPercent),
        treatMissingData: "notBreaching",
        missingDataReason: "missing group metrics are the in-service alarm's page; here they prove no growth",
        why: `Desired capacity at ${t.nearMaxPercent} % of maxSize ${maxSize} or more: target tracking cannot add much more.`,
        firstLook: "Requests per minute against the plan (npm run capacity); raise maxSize (and the vCPU quota) if the night is bigger than planned.",
    };
}

/** `maxSize * percent / 100`, rounded to 2 decimals (CloudWatch compares doubles). */
export function nearMaxThreshold(maxSize: number, percent: number): number {
    return Math.round(maxSize * percent) / 100;
}

/** The group's average CPU (AWS/EC2 by AutoScalingGroupName). */
export function instanceCpuAlarm(groupName: pulumi.Input<string>, t: Pick<AlarmThresholds, "cpuPercent" | "cpuMinutes">): AlarmSpec {
    const period = 5 * MINUTE;
    const periods = Math.max(1, Math.round(t.cpuMinutes / 5));
    return {
        role: "instance-cpu",
        title: "Instance CPU",
        route: "warning",
        // 5-minute datapoints: basic monitoring publishes every 5 minutes, detailed every minute.
        source: { kind: "metric", namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions: { AutoScalingGroupName: groupName }, statistic: "Average", period },
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.cpuPercent,
        treatMissingData: "notBreaching",
        missingDataReason: "no instances, no CPU datapoints (a group at 0); nothing is hot",
        why: "The fleet runs hot on average: target tracking on requests may be set too high for this instance type.",
        firstLook: "Dashboard: CPU next to requests per instance; compare with targetRequestsPerInstance and the load test.",
    };
}

/** Period and count of a window of `minutes`, within CloudWatch's evaluation range limits. */
export interface AlarmWindow {
    period: number;
    evaluationPeriods: number;
}

/** CloudWatch: period x evaluationPeriods at most one day for periods under an hour, at most seven days otherwise. */
export const MAX_RANGE_SHORT_PERIODS_SECONDS = 86_400;
export const MAX_RANGE_LONG_PERIODS_SECONDS = 604_800;

/**
 * A window of `minutes` as 5-minute datapoints while that stays within a day (CloudWatch's
 * limit for periods under an hour), else as hourly datapoints up to seven days; longer
 * windows are refused (undefined).
 */
export function windowOf(minutes: number): AlarmWindow | undefined {
    const seconds = minutes * MINUTE;
    if (seconds <= MAX_RANGE_SHORT_PERIODS_SECONDS) return { period: 5 * MINUTE, evaluationPeriods: Math.max(1, Math.ceil(minutes / 5)) };
    if (seconds <= MAX_RANGE_LONG_PERIODS_SECONDS) return { period: 3600, evaluationPeriods: Math.ceil(minutes / 60) };
    return undefined;
}

/**
 * A match floor still in place long after the last window: GroupMinSize above the
 * baseline at every sample of the longest window plus a margin. A release that failed
 * (a scheduled action deleted by hand, a deploy that re-declared a floor) keeps paying
 * for a match fleet.
 */
export function matchFloorLeftBehindAlarm(
    groupName: pulumi.Input<string>,
    g: { baselineMinSize: number; longestWindowMinutes: number },
    t: Pick<AlarmThresholds, "floorMarginMinutes">,
): AlarmSpec {
    const minutes = g.longestWindowMinutes + t.floorMarginMinutes;
    const w = windowOf(minutes);
    if (w === undefined) throw new RangeError(`longestWindowMinutes + floorMarginMinutes = ${minutes}: longer than CloudWatch's 7-day evaluation range`);
    return {
        role: "match-floor-left-behind",
        title: "Match floor left behind",
        route: "warning",
        // Minimum of each period: a release anywhere in the period ends the streak.
        source: { kind: "metric", namespace: "AWS/AutoScaling", metricName: "GroupMinSize", dimensions: { AutoScalingGroupName: groupName }, statistic: "Minimum", period: w.period },
        evaluationPeriods: w.evaluationPeriods,
        datapointsToAlarm: w.evaluationPeriods,
        comparisonOperator: "GreaterThanThreshold",
        threshold: g.baselineMinSize,
        treatMissingData: "notBreaching",
        missingDataReason: "missing group metrics are the in-service alarm's page; here they prove no floor",
        why: `The group's minimum has stayed above the baseline ${g.baselineMinSize} for ${minutes} minutes, longer than any match window (${g.longestWindowMinutes}) plus ${t.floorMarginMinutes}: a release did not happen and a match fleet keeps running.`,
        firstLook: "aws autoscaling describe-scheduled-actions for the group (is the release there?), then the stack's minSize and the last deploy.",
    };
}

// ---------------------------------------------------------------- VPN

/** One tunnel down: the link runs without redundancy (AWS maintenance takes one down at a time). */
export function vpnTunnelDownAlarm(index: number, tunnelAddress: pulumi.Input<string>, t: Pick<AlarmThresholds, "tunnelDownMinutes">): AlarmSpec {
    return {
        role: `vpn-tunnel-${index + 1}-down`,
        title: `VPN tunnel ${index + 1} down`,
        route: "warning",
        source: { kind: "metric", namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { TunnelIpAddress: tunnelAddress }, statistic: "Maximum", period: MINUTE },
        evaluationPeriods: t.tunnelDownMinutes,
        datapointsToAlarm: t.tunnelDownMinutes,
        comparisonOperator: "LessThanThreshold",
        threshold: 1,
        // AWS publishes VPN metrics as they become available, not every minute: a missing
        // minute is skipped, not read as down or up.
        treatMissingData: "missing",
        missingDataReason: "AWS publishes VPN metrics as they become available, not every minute; a gap is neither up nor down",
        why: "One of the two IPsec tunnels is down: the link still works but without redundancy.",
        firstLook: "VPN console: the tunnel's status message; the data centre team checks the device's peer for this tunnel.",
    };
}

/** Both tunnels down: by VpnId TunnelState is the share of tunnels up (1, 0.5, 0). */
export function vpnBothTunnelsDownAlarm(vpnConnectionId: pulumi.Input<string>, t: Pick<AlarmThresholds, "bothTunnelsDownMinutes">): AlarmSpec {
    return {
        role: "vpn-tunnels-down",
        title: "Both VPN tunnels down",
        // The failover moves the share to the cloud; a person is warned, not paged.
        route: "onpremise",
        source: { kind: "metric", namespace: "AWS/VPN", metricName: "TunnelState", dimensions: { VpnId: vpnConnectionId }, statistic: "Maximum", period: MINUTE },
        evaluationPeriods: t.bothTunnelsDownMinutes,
        datapointsToAlarm: t.bothTunnelsDownMinutes,
        comparisonOperator: "LessThanThreshold",
        threshold: 0.5,
        treatMissingData: "missing",
        missingDataReason: "AWS publishes VPN metrics as they become available, not every minute; a gap is neither up nor down",
        why: "The data centre is unreachable: its share of viewers moves to the cloud (HybridLink failover), which must carry everyone.",
        firstLook: "Failover in effect? (describe-rules at priority 1); the cloud fleet's in-service count; then the data centre's device.",
    };
}

// ---------------------------------------------------------------- backup

/** A backup job of the vault failed (AWS/Backup NumberOfBackupJobsFailed). */
export function backupJobFailedAlarm(vaultName: pulumi.Input<string>): AlarmSpec {
    return {
        role: "backup-job-failed",
        title: "Backup job failed",
        route: "warning",
        source: { kind: "metric", namespace: "AWS/Backup", metricName: "NumberOfBackupJobsFailed", dimensions: { BackupVaultName: vaultName }, statistic: "Sum", period: 5 * MINUTE },
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treatMissingData: "notBreaching",
        missingDataReason: "AWS Backup publishes job counts only when jobs end; no datapoint is no failed job",
        why: "A backup of the golden image or data did not complete: the next restore point is older than planned.",
        firstLook: "AWS Backup console: the failed job's status message (permissions, a resource gone, the vault's lock).",
    };
}

// ---------------------------------------------------------------- deploy suppressor

/** The custom metric a deploy pipeline heartbeats while it runs. */
export interface DeploySignal {
    namespace: string;
    metricName: string;
    /** `{Stack: <prefix>}` */
    dimensions: Record<string, string>;
}

export const DEFAULT_DEPLOY_NAMESPACE = "KGSports/Deploy";
export const DEFAULT_DEPLOY_METRIC = "InProgress";

export function deploySignal(namePrefix: string, namespace = DEFAULT_DEPLOY_NAMESPACE, metricName = DEFAULT_DEPLOY_METRIC): DeploySignal {
    return { namespace, metricName, dimensions: { Stack: namePrefix } };
}

/**
 * In ALARM while a deploy heartbeats `InProgress` = 1 (at least once a minute); back to OK
 * a minute or two after the heartbeats stop, so a pipeline that dies cannot mute paging
 * for longer than that plus the composite's extension period.
 */
export function deployInProgressAlarm(signal: DeploySignal): AlarmSpec {
    return {
        role: "deploy-in-progress",
        title: "Deploy in progress (suppressor)",
        route: "none",
        source: { kind: "metric", namespace: signal.namespace, metricName: signal.metricName, dimensions: { ...signal.dimensions }, statistic: "Maximum", period: MINUTE },
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        treatMissingData: "notBreaching",
        missingDataReason: "no heartbeat means no deploy; a pipeline that dies stops muting pages within minutes",
        why: "Mutes the matchday composite's actions while a planned deploy runs (not an alert: it has no actions).",
        firstLook: "Nothing: it is a signal. If paging seems muted, check nothing still puts KGSports/Deploy InProgress.",
    };
}

// ---------------------------------------------------------------- match windows in metric math

/** A span of time, ISO 8601 with `Z` or an offset; `end` after `start`. */
export interface TimeWindow {
    start: string;
    end: string;
}

/** A match window and the requests per minute the load balancer should see in it at the least. */
export interface TrafficWindow extends TimeWindow {
    /** Requests per minute the fixture's planned audience sends at its lowest point in the window. */
    minRequestsPerMinute: number;
}

/** CloudWatch's limit on one metric math expression's length (PutMetricAlarm, MetricDataQuery.Expression). */
export const MAX_EXPRESSION_LENGTH = 2048;
/** PutMetricAlarm: at most 10 queries that retrieve a metric and at most 10 expressions. */
export const MAX_METRIC_QUERIES = 10;
export const MAX_EXPRESSION_QUERIES = 10;

/** Seconds since the epoch of an ISO 8601 instant (whole seconds). */
export function epochSeconds(iso: string): number {
    return Math.floor(Date.parse(iso) / 1000);
}

/**
 * `IF(t >= <start> AND t < <end>, <value>, 0)` for each window, added up and split into
 * expressions of at most {@link MAX_EXPRESSION_LENGTH} characters. `t` is a query holding
 * `EPOCH(<a series published every minute>)`: the value of a datapoint is its own
 * timestamp, so the sum is the windows' value at that minute (overlapping windows add).
 */
export function windowSumExpressions(windows: readonly { start: string; end: string; value: number }[], timeId: string): string[] {
    if (windows.length === 0) return ["0"];
    const terms = windows.map((w) => `IF(${timeId} >= ${epochSeconds(w.start)} AND ${timeId} < ${epochSeconds(w.end)}, ${w.value}, 0)`);
    const out: string[] = [];
    let current = "";
    for (const term of terms) {
        const next = current === "" ? term : `${current} + ${term}`;
        if (next.length > MAX_EXPRESSION_LENGTH && current !== "") {
            out.push(current);
            current = term;
        } else {
            current = next;
        }
    }
    out.push(current);
    return out;
}

/** The queries `<prefix>1 .. <prefix>n` that hold the windows' sum, and the one that adds them. */
function windowQueries(windows: readonly { start: string; end: string; value: number }[], timeId: string, id: string, label: string): MathQuery[] {
    const parts = windowSumExpressions(windows, timeId);
    if (parts.length === 1) return [{ id, label, expression: parts[0], returnData: false }];
    return [
        ...parts.map((expression, i) => ({ id: `${id}${i + 1}`, label: `${label} (${i + 1})`, expression, returnData: false })),
        { id, label, expression: parts.map((_, i) => `${id}${i + 1}`).join(" + "), returnData: false },
    ];
}

/** The clock of the window expressions: the group's in-service count, published every minute while metrics collection is on. */
function clockQuery(groupName: pulumi.Input<string>): MathQuery {
    return {
        id: "clock",
        label: "GroupInServiceInstances (the clock of the match windows)",
        metric: { namespace: "AWS/AutoScaling", metricName: "GroupInServiceInstances", dimensions: { AutoScalingGroupName: groupName }, stat: "Maximum", period: MINUTE },
        returnData: false,
    };
}

/**
 * Silence in front of the load balancer: inside a match window, requests far below what
 * the fixture's audience should send. Every other traffic alarm reads "no requests" as
 * "no errors", so a DNS, certificate or edge fault that stops viewers before the load
 * balancer looks like a quiet night; this one knows when a night is not quiet.
 */
export function trafficBelowExpectedAlarm(
    loadBalancer: pulumi.Input<string>,
    groupName: pulumi.Input<string>,
    windows: readonly TrafficWindow[],
    t: Pick<AlarmThresholds, "trafficFloorPercent" | "trafficFloorMinutes">,
): AlarmSpec {
    const share = t.trafficFloorPercent / 100;
    return {
        role: "traffic-below-expected",
        title: "Requests far below the match audience",
        route: "page",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                clockQuery(groupName),
                { id: "requests", label: "RequestCount", metric: { namespace: ALB, metricName: "RequestCount", dimensions: { LoadBalancer: loadBalancer }, stat: "Sum", period: MINUTE }, returnData: false },
                { id: "t", label: "Minute (seconds since the epoch)", expression: "EPOCH(clock)", returnData: false },
                ...windowQueries(windows.map((w) => ({ start: w.start, end: w.end, value: w.minRequestsPerMinute })), "t", "expected", "Requests per minute the match audience sends at the least"),
                {
                    id: "silent",
                    label: `Inside a match window, requests below ${t.trafficFloorPercent} % of the audience's (1 = yes)`,
                    // A minute without RequestCount is a minute without requests: FILL makes it 0.
                    // The window decides first, on the clock alone: AWS does not say whether FILL
                    // fills a series with no datapoint in the alarm's whole range (no request for
                    // 5 minutes); if it does not, the inner IF is missing inside a window only,
                    // which breaches, while outside every window the answer is still 0.
                    expression: `IF(expected > 0, IF(FILL(requests, 0) < ${share} * expected, 1, 0), 0)`,
                    returnData: true,
                },
            ],
        },
        evaluationPeriods: t.trafficFloorMinutes,
        datapointsToAlarm: t.trafficFloorMinutes,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        // Missing only when the clock is (group metrics off): blind, as the in-service alarm says too.
        treatMissingData: "breaching",
        missingDataReason: "outside the match windows every minute has a 0 from the clock; inside one a minute is missing only when no request came in the whole range (if FILL leaves such a series empty), which is silence; a missing clock (the group's metrics off) leaves a gap too, and then nothing can tell a quiet night from a dead front door",
        why: `Inside a match window the load balancer receives less than ${t.trafficFloorPercent} % of the requests the fixture's planned audience sends: viewers do not reach it (DNS, certificate, CDN or network in front of it).`,
        firstLook: "Resolve and open the public name from outside (dig, curl -v); the certificate's expiry; the front-door probe's last run; then the load balancer's listeners.",
    };
}

/** The outside probe (a CloudWatch Synthetics canary) failing: viewers cannot open the public name. */
export function frontDoorProbeAlarm(canaryName: pulumi.Input<string>, t: Pick<AlarmThresholds, "probeFailedMinutes">): AlarmSpec {
    return {
        role: "front-door-probe",
        title: "Outside probe of the public name failing",
        route: "page",
        source: { kind: "metric", namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", dimensions: { CanaryName: canaryName }, statistic: "Average", period: MINUTE },
        evaluationPeriods: t.probeFailedMinutes,
        datapointsToAlarm: t.probeFailedMinutes,
        comparisonOperator: "LessThanThreshold",
        threshold: 50,
        // The canary runs every minute: a gap means it is not running, and the front door is unwatched.
        treatMissingData: "breaching",
        missingDataReason: "the canary runs every minute; no result means it stopped (a deprecated runtime, a failing role) and the front door is unwatched",
        why: "Requests from outside AWS's network to the public name fail (DNS, TLS certificate, listener or every target): what a viewer's player sees.",
        firstLook: "The canary's last run in the Synthetics console (the step's status and response), then dig and curl -v the public name.",
    };
}

// ---------------------------------------------------------------- the user store (DynamoDB)

const DDB = "AWS/DynamoDB";

/**
 * The DynamoDB operations the store's clients call (the `Operation` dimension of
 * SystemErrors): the item actions they are granted, and the transactions made of them.
 * No Scan. At most 10: one alarm retrieves at most 10 metrics.
 */
export const USER_STORE_OPERATIONS: readonly string[] = [
    "GetItem",
    "BatchGetItem",
    "Query",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "TransactGetItems",
    "TransactWriteItems",
];

/** The interface endpoint of the store, by the four dimensions PrivateLink publishes its metrics with. */
export interface UserStoreEndpointTarget {
    /** `VPC Endpoint Id`. */
    id: pulumi.Input<string>;
    /** `VPC Id`. */
    vpcId: pulumi.Input<string>;
    /** `Service Name`, e.g. `com.amazonaws.ap-northeast-2.dynamodb`. */
    serviceName: pulumi.Input<string>;
}

/** What the user-store alarms watch. */
export interface UserStoreAlarmTarget {
    tableName: pulumi.Input<string>;
    warmThroughput: { readUnitsPerSecond: number; writeUnitsPerSecond: number };
    endpoint?: UserStoreEndpointTarget;
}

type UserStoreWindow = Pick<AlarmThresholds, "userStoreMinutes" | "userStoreBreachingMinutes">;

const ONLY_WHEN_NONZERO = "DynamoDB publishes throttle and error counts only in minutes that have some; no datapoint is none";

/** Requests DynamoDB throttled on the table (the throughput of a partition or of the table exceeded). */
export function userStoreThrottleAlarm(kind: "read" | "write", tableName: pulumi.Input<string>, t: UserStoreWindow): AlarmSpec {
    const metricName = kind === "read" ? "ReadThrottleEvents" : "WriteThrottleEvents";
    return {
        role: `user-store-${kind}-throttles`,
        title: `User store ${kind}s throttled`,
        // Viewers hurt by a throttled store show in the page's 5xx rates and latency.
        route: "warning",
        source: { kind: "metric", namespace: DDB, metricName, dimensions: { TableName: tableName }, statistic: "Sum", period: MINUTE },
        evaluationPeriods: t.userStoreMinutes,
        datapointsToAlarm: t.userStoreBreachingMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        missingDataReason: ONLY_WHEN_NONZERO,
        why: `DynamoDB refused ${kind}s of the user store in ${t.userStoreBreachingMinutes} of ${t.userStoreMinutes} minutes: above the warm throughput (on-demand adapts, and throttles meanwhile) or one hot partition key (3 000 reads / 1 000 writes a second each).`,
        firstLook: "Dashboard row \"User store\": consumed units against the warm throughput (near it: raise userStore warmThroughput before the next kickoff); far below it: a hot key (CloudWatch Contributor Insights on the table).",
    };
}

/** Errors inside DynamoDB (HTTP 500) on the operations the clients call, summed. */
export function userStoreSystemErrorsAlarm(tableName: pulumi.Input<string>, t: UserStoreWindow): AlarmSpec {
    const ids = USER_STORE_OPERATIONS.map((_, i) => `e${i}`);
    return {
        role: "user-store-system-errors",
        title: "User store system errors",
        route: "warning",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                ...USER_STORE_OPERATIONS.map((operation, i) => ({
                    id: ids[i],
                    label: `SystemErrors ${operation}`,
                    metric: { namespace: DDB, metricName: "SystemErrors", dimensions: { TableName: tableName, Operation: operation }, stat: "Sum" as Statistic, period: MINUTE },
                    returnData: false,
                })),
                // SystemErrors exists per operation only, and an alarm cannot SEARCH. Each
                // series is FILLed and the array SUMmed: an operation without a datapoint
                // (most of them, most minutes) must not blank the others.
                { id: "errors", label: "System errors, every operation", expression: `SUM([${ids.map((id) => `FILL(${id}, 0)`).join(", ")}])`, returnData: true },
            ],
        },
        evaluationPeriods: t.userStoreMinutes,
        datapointsToAlarm: t.userStoreBreachingMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        missingDataReason: ONLY_WHEN_NONZERO,
        why: `DynamoDB answered the store's clients with internal errors (HTTP 500) in ${t.userStoreBreachingMinutes} of ${t.userStoreMinutes} minutes: the SDK retries them, but sign-ups and logins slow down or fail.`,
        firstLook: "AWS Health Dashboard for DynamoDB in the region; the web app's log (<prefix>-web-app) for failed sign-ups and logins.",
    };
}

/** p99 of GetItem inside DynamoDB (the login's read by key). */
export function userStoreLatencyAlarm(tableName: pulumi.Input<string>, t: UserStoreWindow & Pick<AlarmThresholds, "userStoreLatencyMilliseconds">): AlarmSpec {
    return {
        role: "user-store-get-latency",
        title: "User store GetItem p99 latency",
        route: "warning",
        source: { kind: "metric", namespace: DDB, metricName: "SuccessfulRequestLatency", dimensions: { TableName: tableName, Operation: "GetItem" }, extendedStatistic: "p99", period: MINUTE },
        evaluationPeriods: t.userStoreMinutes,
        datapointsToAlarm: t.userStoreBreachingMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: t.userStoreLatencyMilliseconds,
        treatMissingData: "notBreaching",
        missingDataReason: "no GetItem, no latency; no traffic is not slowness",
        evaluateLowSampleCountPercentiles: "ignore",
        why: `The slowest 1 % of the store's reads by key take more than ${t.userStoreLatencyMilliseconds} ms inside DynamoDB (the network not counted): usually single-digit milliseconds.`,
        firstLook: "AWS Health Dashboard for DynamoDB; the item sizes the app writes (a profile grown large); the throttle alarms.",
    };
}

/**
 * Consumed read or write units per second near the table's warm throughput. The per-minute
 * Sum over PERIOD is units per second whatever period an override sets.
 */
export function userStoreCapacityAlarm(kind: "read" | "write", tableName: pulumi.Input<string>, warmUnitsPerSecond: number, t: UserStoreWindow & Pick<AlarmThresholds, "userStoreCapacityPercent">): AlarmSpec {
    const metricName = kind === "read" ? "ConsumedReadCapacityUnits" : "ConsumedWriteCapacityUnits";
    return {
        role: `user-store-${kind}-capacity`,
        title: `User store ${kind}s near the warm throughput`,
        route: "warning",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                { id: "consumed", label: metricName, metric: { namespace: DDB, metricName, dimensions: { TableName: tableName }, stat: "Sum", period: MINUTE }, returnData: false },
                { id: "perSecond", label: `Consumed ${kind} units per second`, expression: "consumed / PERIOD(consumed)", returnData: true },
            ],
        },
        evaluationPeriods: t.userStoreMinutes,
        datapointsToAlarm: t.userStoreBreachingMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: capacityThreshold(warmUnitsPerSecond, t.userStoreCapacityPercent),
        treatMissingData: "notBreaching",
        missingDataReason: "no requests, no consumed units; an idle table is far from its ceiling",
        why: `The store consumes more than ${t.userStoreCapacityPercent} % of its warm throughput (${warmUnitsPerSecond} ${kind} units a second): the table serves that much at once, above it on-demand may throttle while it adapts.`,
        firstLook: "The capacity report's store load per viewer against tonight's audience (npm run capacity); raise userStore warmThroughput (never lowered again, charged once) before the next kickoff.",
    };
}

/** `warm * percent / 100`, rounded to 2 decimals. */
export function capacityThreshold(warmUnitsPerSecond: number, percent: number): number {
    return Math.round(warmUnitsPerSecond * percent) / 100;
}

/**
 * Packets the store's interface endpoint dropped (AWS/PrivateLinkEndpoints PacketsDropped),
 * by the four dimensions PrivateLink publishes it with: an alarm on fewer never has data.
 */
export function userStoreEndpointAlarm(endpoint: UserStoreEndpointTarget, t: UserStoreWindow): AlarmSpec {
    return {
        role: "user-store-endpoint-packets-dropped",
        title: "User store endpoint dropping packets",
        route: "warning",
        source: {
            kind: "metric",
            namespace: "AWS/PrivateLinkEndpoints",
            metricName: "PacketsDropped",
            dimensions: { "VPC Endpoint Id": endpoint.id, "VPC Id": endpoint.vpcId, "Endpoint Type": "Interface", "Service Name": endpoint.serviceName },
            statistic: "Sum",
            period: MINUTE,
        },
        evaluationPeriods: t.userStoreMinutes,
        datapointsToAlarm: t.userStoreBreachingMinutes,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        missingDataReason: "PrivateLink publishes an endpoint's metrics only while traffic flows through it; no traffic, nothing dropped",
        why: `The interface endpoint through which the web instances and the on-premise servers reach the store dropped packets in ${t.userStoreBreachingMinutes} of ${t.userStoreMinutes} minutes (an unhealthy endpoint, or packets above its 8 500-byte MTU).`,
        firstLook: "VPC console: the endpoint's state and its network interfaces per zone; then the on-premise side's MTU over the VPN.",
    };
}

/** Every user-store alarm for the target. */
export function userStoreAlarms(target: UserStoreAlarmTarget, t: AlarmThresholds): AlarmSpec[] {
    return [
        userStoreThrottleAlarm("read", target.tableName, t),
        userStoreThrottleAlarm("write", target.tableName, t),
        userStoreSystemErrorsAlarm(target.tableName, t),
        userStoreLatencyAlarm(target.tableName, t),
        userStoreCapacityAlarm("read", target.tableName, target.warmThroughput.readUnitsPerSecond, t),
        userStoreCapacityAlarm("write", target.tableName, target.warmThroughput.writeUnitsPerSecond, t),
        ...(target.endpoint !== undefined ? [userStoreEndpointAlarm(target.endpoint, t)] : []),
    ];
}

// ---------------------------------------------------------------- the deploy mute in match windows

/**
 * In ALARM once a deploy has heartbeated for `muteMinutes` consecutive minutes inside a
 * match window. The deploy mute is `deploy-in-progress AND NOT this`, so inside a window a
 * deploy mutes the page for at most `muteMinutes` plus the page's extension period.
 */
export function deployOverrunInWindowAlarm(signal: DeploySignal, groupName: pulumi.Input<string>, windows: readonly TimeWindow[], muteMinutes: number): AlarmSpec {
    return {
        role: "deploy-overrun-in-window",
        title: "Deploy past its mute inside a match window (signal)",
        route: "none",
        source: {
            kind: "math",
            period: MINUTE,
            queries: [
                clockQuery(groupName),
                { id: "beat", label: `${signal.metricName} heartbeat`, metric: { namespace: signal.namespace, metricName: signal.metricName, dimensions: { ...signal.dimensions }, stat: "Maximum", period: MINUTE }, returnData: false },
                { id: "t", label: "Minute (seconds since the epoch)", expression: "EPOCH(clock)", returnData: false },
                ...windowQueries(windows.map((w) => ({ start: w.start, end: w.end, value: 1 })), "t", "inwindow", "Match windows open at this minute"),
                { id: "deploying", label: "A deploy heartbeats inside a match window (1 = yes)", expression: "IF(inwindow > 0 AND FILL(beat, 0) >= 1, 1, 0)", returnData: true },
            ],
        },
        evaluationPeriods: muteMinutes,
        datapointsToAlarm: muteMinutes,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        // Without the clock nothing can tell whether a window is open: end the mute, page.
        treatMissingData: "breaching",
        missingDataReason: "only a missing clock (the group's metrics off) leaves a gap; then a window may be open, so the mute ends",
        why: `Ends the deploy's mute of the page after ${muteMinutes} minutes inside a match window (a signal: no actions).`,
        firstLook: "Nothing: it is a signal. A deploy is running during a match: is it the override it should be?",
    };
}

// ---------------------------------------------------------------- the facade

/** What the alarms watch: plain values or outputs, passed through to dimensions. */
export interface AlarmTargets {
    loadBalancerArnSuffix: pulumi.Input<string>;
    cloudTargetGroupArnSuffix: pulumi.Input<string>;
    onPremiseTargetGroupArnSuffix?: pulumi.Input<string>;
    vpnConnectionId?: pulumi.Input<string>;
    tunnelAddresses?: pulumi.Input<string>[];
    backupVaultName?: pulumi.Input<string>;
    autoScaling: { groupName: pulumi.Input<string>; maxSize: number; baselineMinSize: number; longestWindowMinutes: number };
    /** Match windows with the requests their audience sends at the least: the traffic-floor alarm (none without). */
    trafficWindows?: readonly TrafficWindow[];
    /** The outside probe's canary name: the front-door alarm (none without). */
    canaryName?: pulumi.Input<string>;
    /** The user store (DynamoDB): its warning alarms (none without). */
    userStore?: UserStoreAlarmTarget;
}

/** Every metric alarm for the given targets (the deploy suppressor and composites are separate). */
export function decideAlarms(targets: AlarmTargets, thresholds: Partial<AlarmThresholds> = {}): AlarmSpec[] {
    const t: AlarmThresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...definedOnly(thresholds) };
    const lb = targets.loadBalancerArnSuffix;
    const g = targets.autoScaling;
    const specs: AlarmSpec[] = [
        loadBalancer5xxRateAlarm(lb, t),
        target5xxRateAlarm("cloud-target-5xx-rate", "cloud", lb, targets.cloudTargetGroupArnSuffix, t),
        p99LatencyAlarm(lb, t),
        unhealthyHostsAlarm("cloud-unhealthy-hosts", "cloud", lb, targets.cloudTargetGroupArnSuffix, t),
    ];
    if (targets.onPremiseTargetGroupArnSuffix !== undefined) {
        specs.push(
            target5xxRateAlarm("onprem-target-5xx-rate", "on-premise", lb, targets.onPremiseTargetGroupArnSuffix, t),
            unhealthyHostsAlarm("onprem-unhealthy-hosts", "on-premise", lb, targets.onPremiseTargetGroupArnSuffix, t),
        );
    }
    specs.push(
        inServiceShortfallAlarm(g.groupName, t),
        fleetNearMaxAlarm(g.groupName, g.maxSize, t),
        instanceCpuAlarm(g.groupName, t),
        matchFloorLeftBehindAlarm(g.groupName, g, t),
    );
    if (targets.vpnConnectionId !== undefined) {
        (targets.tunnelAddresses ?? []).forEach((address, i) => specs.push(vpnTunnelDownAlarm(i, address, t)));
        specs.push(vpnBothTunnelsDownAlarm(targets.vpnConnectionId, t));
    }
    if (targets.backupVaultName !== undefined) specs.push(backupJobFailedAlarm(targets.backupVaultName));
    if (targets.trafficWindows !== undefined && targets.trafficWindows.length > 0) specs.push(trafficBelowExpectedAlarm(lb, g.groupName, targets.trafficWindows, t));
    if (targets.canaryName !== undefined) specs.push(frontDoorProbeAlarm(targets.canaryName, t));
    if (targets.userStore !== undefined) specs.push(...userStoreAlarms(targets.userStore, t));
    return specs;
}

function definedOnly<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------- overrides, one alarm at a time

/** What a user may change on one alarm after the defaults. */
export interface AlarmTuning {
    /** The value compared. Default: the alarm's (from the thresholds). */
    threshold?: number;
    /** Datapoints in the window. Default: the alarm's. */
    evaluationPeriods?: number;
    /** Datapoints of the window that must breach. Default: the alarm's, at most `evaluationPeriods`. */
    datapointsToAlarm?: number;
    /** Seconds per datapoint (every metric of a math alarm). Default: the alarm's. */
    period?: number;
    /** Default: the alarm's, chosen for its metric (see its `missingDataReason`). */
    treatMissingData?: TreatMissingData;
}

/** Applies overrides by role; unknown roles are reported by {@link alarmOverrideProblems}. */
export function applyAlarmOverrides(specs: AlarmSpec[], overrides: Record<string, AlarmTuning | undefined> = {}): AlarmSpec[] {
    return specs.map((spec) => {
        const o = overrides[spec.role];
        if (!o) return spec;
        const evaluationPeriods = o.evaluationPeriods ?? spec.evaluationPeriods;
        const out: AlarmSpec = {
            ...spec,
            threshold: o.threshold ?? spec.threshold,
            evaluationPeriods,
            // A shorter window without its own datapoints count keeps "all of them".
            datapointsToAlarm: o.datapointsToAlarm ?? Math.min(spec.datapointsToAlarm, evaluationPeriods),
            treatMissingData: o.treatMissingData ?? spec.treatMissingData,
        };
        if (o.period !== undefined) out.source = withPeriod(spec.source, o.period);
        if (o.treatMissingData !== undefined && o.treatMissingData !== spec.treatMissingData) {
            out.missingDataReason = `overridden by the stack (default ${spec.treatMissingData}: ${spec.missingDataReason})`;
        }
        return out;
    });
}

function withPeriod(source: SingleMetricSource | MathSource, period: number): SingleMetricSource | MathSource {
    if (source.kind === "metric") return { ...source, period };
    return { ...source, period, queries: source.queries.map((q) => (q.metric ? { ...q, metric: { ...q.metric, period } } : q)) };
}

/** What is wrong with one spec by CloudWatch's rules; empty when none. */
export function alarmSpecProblems(spec: AlarmSpec): string[] {
    const p: string[] = [];
    const period = spec.source.period;
    if (!(period === 10 || period === 20 || period === 30 || (Number.isInteger(period) && period > 0 && period % 60 === 0))) {
        p.push(`period = ${period}: allowed: 10, 20, 30 or a multiple of 60 seconds`);
    }
    if (!Number.isInteger(spec.evaluationPeriods) || spec.evaluationPeriods < 1) p.push(`evaluationPeriods = ${spec.evaluationPeriods}: allowed: a whole number of 1 or more`);
    if (!Number.isInteger(spec.datapointsToAlarm) || spec.datapointsToAlarm < 1 || spec.datapointsToAlarm > spec.evaluationPeriods) {
        p.push(`datapointsToAlarm = ${spec.datapointsToAlarm}: allowed: a whole number from 1 to evaluationPeriods (${spec.evaluationPeriods})`);
    }
    const range = period * spec.evaluationPeriods;
    const limit = period >= 3600 ? MAX_RANGE_LONG_PERIODS_SECONDS : MAX_RANGE_SHORT_PERIODS_SECONDS;
    if (range > limit) {
        p.push(`period x evaluationPeriods = ${range} s: allowed: at most ${limit} s (${limit / 86_400} day(s)) for ${period >= 3600 ? "periods of an hour or more" : "periods under an hour"}`);
    }
    if (!Number.isFinite(spec.threshold)) p.push(`threshold = ${spec.threshold}: allowed: a finite number`);
    if (!["breaching", "notBreaching", "missing", "ignore"].includes(spec.treatMissingData)) {
        p.push(`treatMissingData = ${JSON.stringify(spec.treatMissingData)}: allowed: "breaching", "notBreaching", "missing" or "ignore"`);
    }
    if (spec.source.kind === "math") {
        const returned = spec.source.queries.filter((q) => q.returnData);
        if (returned.length !== 1) p.push(`metric math returns ${returned.length} series; allowed: exactly one query with returnData`);
        const metrics = spec.source.queries.filter((q) => q.metric !== undefined).length;
        const expressions = spec.source.queries.filter((q) => q.expression !== undefined).length;
        if (metrics > MAX_METRIC_QUERIES) p.push(`metric math retrieves ${metrics} metrics; allowed: at most ${MAX_METRIC_QUERIES}`);
        if (expressions > MAX_EXPRESSION_QUERIES) p.push(`metric math has ${expressions} expressions; allowed: at most ${MAX_EXPRESSION_QUERIES}`);
        for (const q of spec.source.queries) {
            if (!/^[a-z][A-Za-z0-9_]*$/.test(q.id)) p.push(`query id ${JSON.stringify(q.id)}: allowed: a lowercase letter, then letters, digits and underscores`);
            if (q.expression !== undefined && q.expression.length > MAX_EXPRESSION_LENGTH) {
                p.push(`query ${q.id}: the expression is ${q.expression.length} characters; allowed: at most ${MAX_EXPRESSION_LENGTH}`);
            }
        }
    }
    return p;
}

/** Problems with `alarmOverrides` (unknown roles), and any alarm, overridden or not, that CloudWatch would refuse. */
export function alarmOverrideProblems(specs: AlarmSpec[], overrides: Record<string, AlarmTuning | undefined> = {}): string[] {
    const roles = new Set(specs.map((s) => s.role));
    const p: string[] = [];
    for (const role of Object.keys(overrides)) {
        if (!roles.has(role)) p.push(`alarmOverrides.${role}: is not an alarm of these args; allowed: ${[...roles].join(", ")}`);
    }
    // Every alarm, not only an overridden one: a default alarm can outgrow CloudWatch's
    // limits from its args (a season of match windows in the traffic floor's expressions).
    for (const spec of applyAlarmOverrides(specs, overrides)) {
        const where = overrides[spec.role] === undefined ? `alarm ${spec.role}` : `alarmOverrides.${spec.role}`;
        for (const problem of alarmSpecProblems(spec)) p.push(`${where}: ${problem}`);
    }
    return p;
}

/** The alarm's description: what, why, first look, and the missing-data rule (CloudWatch allows 1024 characters). */
export function alarmDescription(spec: AlarmSpec, namePrefix: string): string {
    const where = {
        page: "Feeds the matchday-degraded page.",
        onpremise: "Feeds the onpremise-degraded warning (never the page).",
        warning: "Warning topic.",
        none: "No actions.",
    }[spec.route];
    const text = `${spec.title}. ${spec.why} First look: ${spec.firstLook.replace(/<prefix>/g, namePrefix)} Missing data: ${spec.treatMissingData} (${spec.missingDataReason}). ${where}`;
    return text.length <= 1024 ? text : `${text.slice(0, 1021)}...`;
}
