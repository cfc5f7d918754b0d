/**
 * The namespace / metric / dimension-set combinations CloudWatch publishes, for the
 * metrics this project's alarms can watch, each namespace with the AWS documentation it
 * was read from (2026-12-07). A metric is published only for the dimension sets listed:
 * an alarm on another set (a typo, a missing or an extra dimension) watches a series that
 * never exists, stays INSUFFICIENT_DATA or, with notBreaching, OK forever.
 */

export interface NamespaceEntry {
    source: string;
    /** Metric name to the dimension sets (names, any order) CloudWatch publishes it with. */
    metrics: Record<string, string[][]>;
}

const LB = ["LoadBalancer"];
const LB_AZ = ["AvailabilityZone", "LoadBalancer"];
const TG_LB = ["TargetGroup", "LoadBalancer"];
const TG_AZ_LB = ["TargetGroup", "AvailabilityZone", "LoadBalancer"];
const ASG = [["AutoScalingGroupName"]];

export const CLOUDWATCH_METRICS: Readonly<Record<string, NamespaceEntry>> = {
    "AWS/ApplicationELB": {
        source: "Elastic Load Balancing, Application Load Balancers: CloudWatch metrics for your Application Load Balancer, Metric dimensions (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html)",
        metrics: {
            RequestCount: [LB, LB_AZ, ["TargetGroup"], TG_LB, TG_AZ_LB],
            HTTPCode_ELB_5XX_Count: [LB, LB_AZ],
            HTTPCode_ELB_502_Count: [LB, LB_AZ],
            HTTPCode_ELB_503_Count: [LB, LB_AZ],
            HTTPCode_ELB_504_Count: [LB, LB_AZ],
            HTTPCode_Target_5XX_Count: [LB, LB_AZ, TG_LB, TG_AZ_LB],
            HTTPCode_Target_2XX_Count: [LB, LB_AZ, TG_LB, TG_AZ_LB],
            TargetResponseTime: [LB, LB_AZ, TG_LB, TG_AZ_LB],
            // Health counts exist per target group only, never for the load balancer alone.
            HealthyHostCount: [TG_LB, TG_AZ_LB],
            UnHealthyHostCount: [TG_LB, TG_AZ_LB],
            RequestCountPerTarget: [["TargetGroup"], TG_LB, TG_AZ_LB],
            ActiveConnectionCount: [LB, LB_AZ],
            // LCU reservation (read 2026-12-07 from "Monitor Load Balancer Capacity Unit reservation",
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/monitor-capacity-unit-reservation.html):
            // ReservedLCUs per minute is the hourly reservation / 60; PeakLCUs per-minute Sum is the use.
            ReservedLCUs: [LB],
            PeakLCUs: [LB],
        },
    },
    "AWS/AutoScaling": {
        source: "Amazon EC2 Auto Scaling User Guide, CloudWatch metrics for Auto Scaling groups (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html)",
        metrics: {
            GroupMinSize: ASG,
            GroupMaxSize: ASG,
            GroupDesiredCapacity: ASG,
            GroupInServiceInstances: ASG,
            GroupPendingInstances: ASG,
            GroupStandbyInstances: ASG,
            GroupTerminatingInstances: ASG,
            GroupTotalInstances: ASG,
            WarmPoolWarmedCapacity: ASG,
        },
    },
    "AWS/EC2": {
        source: "Amazon EC2 User Guide, CloudWatch metrics for your instances, Amazon EC2 metric dimensions (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/viewing_metrics_with_cloudwatch.html)",
        metrics: {
            CPUUtilization: [[], ["AutoScalingGroupName"], ["ImageId"], ["InstanceId"], ["InstanceType"]],
            StatusCheckFailed: [[], ["AutoScalingGroupName"], ["ImageId"], ["InstanceId"], ["InstanceType"]],
        },
    },
    "AWS/VPN": {
        source: "AWS Site-to-Site VPN User Guide, Monitoring your Site-to-Site VPN tunnels using CloudWatch (https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html)",
        metrics: {
            TunnelState: [["VpnId"], ["TunnelIpAddress"]],
            TunnelDataIn: [["VpnId"], ["TunnelIpAddress"]],
            TunnelDataOut: [["VpnId"], ["TunnelIpAddress"]],
        },
    },
    "AWS/Backup": {
        source: "AWS Backup Developer Guide, Monitoring AWS Backup metrics with CloudWatch (https://docs.aws.amazon.com/aws-backup/latest/devguide/cloudwatch.html)",
        metrics: Object.fromEntries(
            ["NumberOfBackupJobsCreated", "NumberOfBackupJobsCompleted", "NumberOfBackupJobsFailed", "NumberOfBackupJobsAborted", "NumberOfBackupJobsExpired", "NumberOfCopyJobsFailed", "NumberOfRestoreJobsFailed"]
                .map((m) => [m, [[], ["ResourceType"], ["BackupVaultName"], ["ResourceType", "BackupVaultName"]]]),
        ),
    },
    "AWS/Lambda": {
        source: "AWS Lambda Developer Guide, Types of metrics for Lambda functions, Using dimensions (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html)",
        metrics: Object.fromEntries(
            ["Invocations", "Errors", "Throttles", "Duration", "ConcurrentExecutions"].map((m) => [m, [[], ["FunctionName"], ["FunctionName", "Resource"], ["FunctionName", "ExecutedVersion"]]]),
        ),
    },
    "AWS/Events": {
        source: "Amazon EventBridge User Guide, Monitoring Amazon EventBridge, Dimensions for EventBridge metrics (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-monitoring.html)",
        metrics: Object.fromEntries(
            ["Invocations", "FailedInvocations", "TriggeredRules", "MatchedEvents", "ThrottledRules"].map((m) => [m, [[], ["RuleName"], ["EventBusName", "RuleName"]]]),
        ),
    },
    CloudWatchSynthetics: {
        source: "Amazon CloudWatch User Guide, CloudWatch metrics published by canaries (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Canaries_metrics.html)",
        metrics: Object.fromEntries(["SuccessPercent", "Duration", "Failed", "2xx", "4xx", "5xx"].map((m) => [m, [["CanaryName"], ["CanaryName", "StepName"]]])),
    },
    "AWS/Scheduler": {
        source: "EventBridge Scheduler User Guide, Monitoring Amazon EventBridge Scheduler with Amazon CloudWatch: namespace AWS/Scheduler, dimension ScheduleGroup (https://docs.aws.amazon.com/scheduler/latest/UserGuide/monitoring-cloudwatch.html)",
        metrics: Object.fromEntries(
            ["InvocationAttemptCount", "TargetErrorCount", "TargetErrorThrottledCount", "InvocationThrottleCount", "InvocationDroppedCount", "InvocationsSentToDeadLetterCount"].map((m) => [m, [[], ["ScheduleGroup"]]]),
        ),
    },
    "AWS/EC2CapacityReservations": {
        source: "Amazon EC2 User Guide, Monitor Capacity Reservations using CloudWatch metrics: dimension CapacityReservationId (the names as the AWS CDK's generated EC2CapacityReservationsMetrics list them)",
        metrics: Object.fromEntries(["InstanceUtilization", "UsedInstanceCount", "AvailableInstanceCount", "TotalInstanceCount"].map((m) => [m, [["CapacityReservationId"]]])),
    },
    "AWS/SNS": {
        source: "Amazon SNS Developer Guide, Monitoring Amazon SNS topics using CloudWatch (https://docs.aws.amazon.com/sns/latest/dg/sns-monitoring-using-cloudwatch.html)",
        metrics: Object.fromEntries(["NumberOfMessagesPublished", "NumberOfNotificationsDelivered", "NumberOfNotificationsFailed"].map((m) => [m, [["TopicName"]]])),
    },
    "AWS/DynamoDB": {
        source: "Amazon DynamoDB Developer Guide, DynamoDB Metrics and dimensions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/metrics-dimensions.html): throttle events and consumed units by TableName (and GlobalSecondaryIndexName); SystemErrors, SuccessfulRequestLatency and ThrottledRequests by TableName and Operation",
        metrics: {
            ReadThrottleEvents: [["TableName"], ["TableName", "GlobalSecondaryIndexName"]],
            WriteThrottleEvents: [["TableName"], ["TableName", "GlobalSecondaryIndexName"]],
            ConsumedReadCapacityUnits: [["TableName"], ["TableName", "GlobalSecondaryIndexName"]],
            ConsumedWriteCapacityUnits: [["TableName"], ["TableName", "GlobalSecondaryIndexName"]],
            ThrottledRequests: [["TableName", "Operation"]],
            SystemErrors: [["TableName", "Operation"]],
            SuccessfulRequestLatency: [["TableName", "Operation"]],
            ReturnedItemCount: [["TableName", "Operation"]],
            UserErrors: [[]],
        },
    },
    "AWS/PrivateLinkEndpoints": {
        source: "AWS PrivateLink Guide, CloudWatch metrics for AWS PrivateLink (https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-cloudwatch-metrics.html): interface endpoints by Endpoint Type, Service Name, VPC Endpoint Id and VPC Id (and Subnet Id); published while traffic flows",
        metrics: Object.fromEntries(
            ["ActiveConnections", "BytesProcessed", "NewConnections", "PacketsDropped", "RstPacketsReceived"].map((m) => [m, [
                ["Endpoint Type", "Service Name", "VPC Endpoint Id", "VPC Id"],
                ["Endpoint Type", "Service Name", "Subnet Id", "VPC Endpoint Id", "VPC Id"],
            ]]),
        ),
    },
    // The project's own namespaces: what their publishers put (the pipeline's heartbeat; the
    // agent configuration components/observability/agent.ts emits, aggregated by group).
    "KGSports/Deploy": {
        source: "the deploy pipeline's heartbeat (components/observability README, deploy suppressor): InProgress with Stack=<namePrefix>",
        metrics: { InProgress: [["Stack"]] },
    },
    "KGSports/Web": {
        source: "the CloudWatch agent configuration the component emits: append_dimensions and aggregation_dimensions [[AutoScalingGroupName]]",
        metrics: { mem_used_percent: [["AutoScalingGroupName"]], disk_used_percent: [["AutoScalingGroupName"]] },
    },
};

export interface WatchedMetric {
    /** Which alarm (and query) watches it, for messages. */
    where: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, unknown>;
}

/** Why CloudWatch publishes no such series, or undefined when it does. */
export function unpublishedReason(m: WatchedMetric): string | undefined {
    const ns = CLOUDWATCH_METRICS[m.namespace];
    if (ns === undefined) return `${m.where}: namespace ${m.namespace} is not in the catalogue`;
    const sets = ns.metrics[m.metricName];
    if (sets === undefined) return `${m.where}: ${m.namespace} publishes no metric ${m.metricName}`;
    const names = Object.keys(m.dimensions ?? {}).sort();
    const empty = Object.entries(m.dimensions ?? {}).filter(([, v]) => typeof v !== "string" || v === "").map(([k]) => k);
    if (empty.length > 0) return `${m.where}: dimension(s) ${empty.join(", ")} without a value`;
    if (!sets.some((s) => [...s].sort().join(",") === names.join(","))) {
        return `${m.where}: ${m.namespace} ${m.metricName} is not published with dimensions {${names.join(", ")}}; it is with ${sets.map((s) => `{${s.join(", ")}}`).join(" or ")}`;
    }
    return undefined;
}

/** Every metric a MetricAlarm's inputs watch: its single metric, or each metric query's. */
export function metricsOfAlarm(where: string, inputs: Record<string, unknown>): WatchedMetric[] {
    const queries = inputs.metricQueries as { id: string; metric?: { namespace: string; metricName: string; dimensions?: Record<string, unknown> } }[] | undefined;
    if (queries !== undefined && queries.length > 0) {
        return queries.filter((q) => q.metric !== undefined).map((q) => ({ where: `${where}.${q.id}`, namespace: q.metric!.namespace, metricName: q.metric!.metricName, dimensions: q.metric!.dimensions ?? {} }));
    }
    return [{ where, namespace: String(inputs.namespace), metricName: String(inputs.metricName), dimensions: (inputs.dimensions as Record<string, unknown>) ?? {} }];
}
