/**
 * Observability's args, defaults and checks: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/observability/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    agentParameterName,
    appLogGroupName,
    cloudWatchAgentConfigJson,
    DEFAULT_AGENT_NAMESPACE,
    DEFAULT_APP_LOG_FILES,
    DEFAULT_SYSTEM_LOG_FILES,
    MAX_STANDARD_PARAMETER_BYTES,
    systemLogGroupName,
} from "./agent";
import {
    alarmOverrideProblems,
    AlarmSpec,
    AlarmThresholds,
    AlarmTuning,
    decideAlarms,
    DEFAULT_ALARM_THRESHOLDS,
    TimeWindow,
    TrafficWindow,
    windowOf,
} from "./alarms";
import {
    canaryNameProblem,
    frontDoorCanaryName,
    DEFAULT_CANARY_RUNTIME,
    frontDoorProbeProblems,
} from "./canary";
import { DashboardAnnotation, ReservedCapacityWidget } from "./dashboard";
import {
    accessLogsPrefixProblem,
    annotationLabelProblem,
    annotationTimeProblem,
    componentNameProblem,
    emailProblem,
    expirationDaysProblem,
    latencySecondsProblem,
    listProblems,
    logFilePathProblem,
    logRetentionDaysProblem,
    metricNamespaceProblem,
    minutesProblem,
    namePrefixProblem,
    percentProblem,
    phoneNumberProblem,
    slackChannelIdProblem,
    slackWorkspaceIdProblem,
    wholeNumberProblem,
} from "./validation";

/** The web tier's load balancer, by the CloudWatch dimensions of its metrics. */
export interface ObservabilityLoadBalancerArgs {
    /** ARN suffix of the load balancer, `app/<name>/<id>` (the `LoadBalancer` dimension). Required. */
    arnSuffix: pulumi.Input<string>;
    /** ARN suffix of the cloud (Auto Scaling) target group, `targetgroup/<name>/<id>`. Required. */
    cloudTargetGroupArnSuffix: pulumi.Input<string>;
}

/** The on-premise servers' target group (HybridLink present). */
export interface ObservabilityOnPremiseArgs {
    /** ARN suffix of the on-premise target group (HybridLink's `targetGroupArnSuffix`). Required. */
    targetGroupArnSuffix: pulumi.Input<string>;
}

/** The site-to-site VPN (HybridLink present). */
export interface ObservabilityVpnArgs {
    /** The VPN connection's id (the `VpnId` dimension). Required. */
    vpnConnectionId: pulumi.Input<string>;
    /**
     * AWS's outside address of each tunnel (the `TunnelIpAddress` dimension), one warning
     * alarm per tunnel: `[link.tunnel1Address, link.tunnel2Address]`. An array (its
     * entries may be outputs), so the number of alarms is known before the addresses
     * are; at most 2. Default: none (only the both-down alarm).
     */
    tunnelAddresses?: pulumi.Input<string>[];
}

/** HybridLink's failover alarms. */
export interface ObservabilityFailoverArgs {
    /** HybridLink's `failoverAlarmNames`. Required. */
    alarmNames: pulumi.Input<{ unhealthy: string; tunnelsDown: string; recovered: string }>;
}

/** The backup vault (BackupPolicy present). */
export interface ObservabilityBackupArgs {
    /** Name of the AWS Backup vault whose failed jobs warn (the `BackupVaultName` dimension). Required. */
    vaultName: pulumi.Input<string>;
}

/**
 * The user store (UserStore's DynamoDB table and interface endpoint): warning alarms only
 * (throttles, system errors, GetItem p99, consumed capacity near the warm throughput, the
 * endpoint dropping packets) and a dashboard row. Never the page: a store that hurts
 * viewers shows in the page's 5xx rates and latency.
 */
export interface ObservabilityUserStoreArgs {
    /** The table clients use (UserStore's `tableName`; the `TableName` dimension). Required. */
    tableName: pulumi.Input<string>;
    /**
     * The table's warm throughput, as UserStore declares it (read and write units per
     * second, whole numbers): the capacity alarms and the dashboard's lines. Required.
     */
    warmThroughput: { readUnitsPerSecond: number; writeUnitsPerSecond: number };
    /**
     * The interface endpoint's id (`VPC Endpoint Id`). With `endpointVpcId` and
     * `endpointServiceName` (PrivateLink publishes its metrics only with all four of its
     * dimensions, `Endpoint Type` being `Interface`): the packets-dropped alarm.
     * Default: none (no endpoint alarm).
     */
    endpointId?: pulumi.Input<string>;
    /** The endpoint's VPC (`VPC Id`). Required with `endpointId`. */
    endpointVpcId?: pulumi.Input<string>;
    /** The endpoint's service (`Service Name`), `com.amazonaws.<region>.dynamodb`. Required with `endpointId`. */
    endpointServiceName?: pulumi.Input<string>;
}

/** The web tier's Auto Scaling group and its sizes. */
export interface ObservabilityAutoScalingArgs {
    /** The group's name (`AutoScalingGroupName`); it must have metrics collection on. Required. */
    groupName: pulumi.Input<string>;
    /** The group's maxSize (for the near-maximum warning). Required. */
    maxSize: number;
    /** The minimum outside match windows (the stack's `minSize`): a minimum above it is a match floor. Required. */
    baselineMinSize: number;
    /**
     * The longest time a match floor is legitimately held, in minutes: from a pre-warm to
     * its release (lead + match window + release delay), for the longest merged window of
     * overlapping fixtures. Required.
     */
    longestWindowMinutes: number;
}

/** Chat delivery of both topics through AWS Chatbot to one Slack channel. */
export interface ObservabilitySlackArgs {
    /** The Slack workspace (team) id, authorised once in the AWS Chatbot console by a person. Required. */
    workspaceId: string;
    /** The channel id (not its name). Required. */
    channelId: string;
    /**
     * Region of the AWS Chatbot API call (Chatbot is a global service served from a few
     * regions). Default `"us-east-2"`.
     */
    region?: string;
}

/** The deploy suppressor: the pipeline heartbeats a metric; the page is muted while it does. */
export interface ObservabilityDeploySuppressorArgs {
    /** Namespace of the heartbeat metric. Default `"KGSports/Deploy"`. */
    namespace?: string;
    /** Name of the heartbeat metric (value 1, dimension `Stack=<namePrefix>`). Default `"InProgress"`. */
    metricName?: string;
    /** Seconds a page waits for the suppressor to go into ALARM, 10 to 900. Default `60`. */
    waitPeriodSeconds?: number;
    /** Seconds the page stays muted after the deploy, 0 to 3600. Default `600`. */
    extensionPeriodSeconds?: number;
    /**
     * Match windows (pre-warm to release). Inside one, a deploy mutes the page for at most
     * `matchWindowMuteMinutes` plus `extensionPeriodSeconds`: the mute is a composite
     * `deploy-in-progress AND NOT deploy-overrun-in-window`. Default `[]` (a deploy mutes
     * the page for as long as it runs).
     */
    matchWindows?: TimeWindow[];
    /** Minutes a deploy may mute the page inside a match window, 1 to 30. Default `5`. */
    matchWindowMuteMinutes?: number;
}

/** What the load balancer should receive in each match window (the traffic-floor alarm). */
export interface ObservabilityExpectedTrafficArgs {
    /**
     * Match windows and the requests per minute their planned audience sends at the least
     * (`{start, end, minRequestsPerMinute}`; overlapping windows add). Inside a window,
     * requests below `alarms.trafficFloorPercent` of it for `alarms.trafficFloorMinutes`
     * page. Required.
     */
    windows: TrafficWindow[];
}

/** The outside probe of the public name: a CloudWatch Synthetics canary (regional, so it can feed the page). */
export interface ObservabilityFrontDoorProbeArgs {
    /** The URL the probe opens every minute, `https://...` (the public name, or the load balancer's DNS name). Required. */
    url: pulumi.Input<string>;
    /** The Synthetics runtime. Default {@link DEFAULT_CANARY_RUNTIME} (a dated fact: stacks/facts/datedFacts.ts). */
    runtimeVersion?: string;
    /** Days the artifacts bucket keeps run results, 1 to 455. Default `14`. */
    artifactExpirationDays?: number;
}

/** The CloudWatch agent on the web instances. */
export interface ObservabilityAgentArgs {
    /** The app's log files (absolute paths or globs) into `<prefix>-web-app`. Default `["/var/log/kgsports/web.log"]`. */
    appLogFiles?: string[];
    /** System log files into `<prefix>-web-system`. Default `["/var/log/messages", "/var/log/cloud-init-output.log"]` (rsyslog needed on Amazon Linux 2023). */
    systemLogFiles?: string[];
    /** Namespace of the agent's memory and disk metrics. Default `"KGSports/Web"`. */
    namespace?: string;
    /** Seconds between samples, 10 to 300. Default `60`. */
    collectionIntervalSeconds?: number;
}

/** The load balancer's access logs bucket. */
export interface ObservabilityAccessLogsArgs {
    /** Days until a log object expires, 1 to 3650. Default `90`. */
    expirationDays?: number;
    /** Key prefix the load balancer writes under (its `accessLogs.prefix`). Default `"alb"`. */
    prefix?: string;
}

export interface ObservabilityArgs {
    /**
     * Start of every physical name (alarms, topics, key alias, dashboard, log groups,
     * bucket, parameter, Chatbot role): `<prefix>-...`, so an operator role that may
     * silence `<prefix>-*` alarms silences exactly these. Lowercase letters, digits and
     * hyphens, at most 32 characters (it starts an S3 bucket name). Required.
     */
    namePrefix: string;
    /** The load balancer and the cloud target group. Required. */
    loadBalancer: ObservabilityLoadBalancerArgs;
    /** The on-premise target group. Default: none (nothing is declared for it). */
    onPremise?: ObservabilityOnPremiseArgs;
    /** The VPN. Default: none (no VPN alarms, widget or dimensions). */
    vpn?: ObservabilityVpnArgs;
    /** HybridLink's failover alarms. Default: none (no failover composite). */
    failover?: ObservabilityFailoverArgs;
    /** The backup vault. Default: none (no backup alarm, no Backup grants on the key or topic). */
    backup?: ObservabilityBackupArgs;
    /** The user store. Default: none (no user-store alarms, no dashboard row). */
    userStore?: ObservabilityUserStoreArgs;
    /** The Auto Scaling group. Required. */
    autoScaling: ObservabilityAutoScalingArgs;
    /** E-mail addresses of the critical topic (the page); each confirms by e-mail. Default `[]`. */
    criticalEmails?: string[];
    /** E.164 phone numbers that get the page by SMS. Default `[]`. At least one critical e-mail or phone number is required. */
    criticalPhoneNumbers?: string[];
    /** E-mail addresses of the warning topic. Default `[]`; at least one, or `slack`, is required. */
    warningEmails?: string[];
    /** Both topics also to a Slack channel via AWS Chatbot. Default: none. */
    slack?: ObservabilitySlackArgs;
    /** Thresholds and windows of the alarms. Defaults: {@link DEFAULT_ALARM_THRESHOLDS}. */
    alarms?: Partial<AlarmThresholds>;
    /** Per-alarm overrides by role (e.g. `{"p99-latency": {threshold: 1.2}}`), applied last. Default: none. */
    alarmOverrides?: Record<string, AlarmTuning>;
    /** The deploy suppressor. Defaults: see {@link ObservabilityDeploySuppressorArgs}. */
    deploySuppressor?: ObservabilityDeploySuppressorArgs;
    /** Requests each match window should bring. Default: none (no traffic-floor alarm). */
    expectedTraffic?: ObservabilityExpectedTrafficArgs;
    /** The outside probe. Default: none (no canary, no artifacts bucket, no probe alarm). */
    frontDoorProbe?: ObservabilityFrontDoorProbeArgs;
    /** Vertical lines on the dashboard: kickoffs and pre-warms (`{label, time}` with an offset). Default `[]`. */
    annotations?: DashboardAnnotation[];
    /** The CloudWatch agent. Defaults: see {@link ObservabilityAgentArgs}. */
    agent?: ObservabilityAgentArgs;
    /** Retention of the two log groups, a value CloudWatch Logs accepts. Default `30`. */
    logRetentionDays?: number;
    /** The access logs bucket. Defaults: see {@link ObservabilityAccessLogsArgs}. */
    accessLogs?: ObservabilityAccessLogsArgs;
    /**
     * Declare the KMS key and the two topics with `protect: true` (a replaced topic drops
     * every confirmed subscription; a deleted key makes the encrypted logs unreadable).
     * The key is also `retainOnDelete` whatever this says. Default `true`.
     */
    protect?: boolean;
    /**
     * ARNs of the roles that administer the KMS key through its key policy, e.g. the CI
     * deploy role (its IAM policy cannot name a key before it exists). Pass the role's
     * `arn` output (e.g. AccessControl's `deployRoleArn`), not a built string: KMS refuses
     * a key policy naming a role that does not exist yet, and the output makes the key
     * wait for the role (and follow a replaced one). Default: none (the account's IAM
     * policies decide, through the account root statement).
     */
    keyAdministratorRoleArns?: pulumi.Input<string>[];
    /**
     * ARN of a permissions boundary for every IAM role this component creates (e.g.
     * AccessControl's `workloadBoundaryArn`, without which its deploy role may not create
     * roles). Default: none.
     */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable child. Default: none. */
    tags?: Record<string, string>;
    /**
     * Adds one dashboard widget, "Reserved and used capacity": the load balancer's reserved
     * LCUs (ReservedLCUs Sum x 3600 / the period) against the LCUs it used (PeakLCUs per-minute
     * Sum), and/or the utilisation of every On-Demand Capacity Reservation of the region
     * (SEARCH on AWS/EC2CapacityReservations InstanceUtilization). Default: none (no widget).
     */
    reservedCapacity?: ReservedCapacityWidget;
}

export const DEFAULT_LOG_RETENTION_DAYS = 30;
export const DEFAULT_SLACK_API_REGION = "us-east-2";
export const DEFAULT_AGENT_INTERVAL_SECONDS = 60;
/** Days between a key's deletion request and its deletion (AWS's maximum). */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** Physical names, all `<prefix>-...`. */
export function observabilityNames(prefix: string) {
    return {
        criticalTopic: `${prefix}-alerts-critical`,
        warningTopic: `${prefix}-alerts-warning`,
        keyAlias: `alias/${prefix}-observability`,
        dashboard: `${prefix}-match-night`,
        matchdayComposite: `${prefix}-matchday-degraded`,
        onPremiseComposite: `${prefix}-onpremise-degraded`,
        deployMute: `${prefix}-deploy-mute`,
        failoverComposite: `${prefix}-failover-in-effect`,
        canary: frontDoorCanaryName(prefix),
        canaryRole: `${prefix}-front-door-probe`,
        appLogGroup: appLogGroupName(prefix),
        systemLogGroup: systemLogGroupName(prefix),
        agentParameter: agentParameterName(prefix),
        chatbot: `${prefix}-chatbot`,
        slackConfiguration: `${prefix}-alerts`,
        alarm: (role: string) => `${prefix}-${role}`,
    };
}

function show(value: unknown): string {
    return JSON.stringify(value);
}

const THRESHOLD_CHECKS: Record<keyof AlarmThresholds, (v: number) => string | undefined> = {
    loadBalancer5xxPercent: percentProblem,
    target5xxPercent: percentProblem,
    minimumRequestsPerMinute: (v) => wholeNumberProblem(v, 1, 1_000_000, " requests"),
    p99LatencySeconds: latencySecondsProblem,
    errorMinutes: (v) => minutesProblem(v, 1, 60),
    unhealthyHosts: (v) => wholeNumberProblem(v, 1, 10_000, " targets"),
    unhealthyMinutes: (v) => minutesProblem(v, 1, 60),
    inServiceShortfallMinutes: (v) => minutesProblem(v, 1, 1440),
    nearMaxPercent: percentProblem,
    nearMaxMinutes: (v) => minutesProblem(v, 1, 1440),
    cpuPercent: percentProblem,
    cpuMinutes: (v) => (minutesProblem(v, 5, 1440) ?? (v % 5 === 0 ? undefined : "is not a multiple of 5 (5-minute datapoints); allowed: 5, 10, 15 ... 1440")),
    floorMarginMinutes: (v) => minutesProblem(v, 0, 1440),
    trafficFloorPercent: percentProblem,
    trafficFloorMinutes: (v) => minutesProblem(v, 1, 60),
    probeFailedMinutes: (v) => minutesProblem(v, 1, 60),
    tunnelDownMinutes: (v) => minutesProblem(v, 1, 1440),
    bothTunnelsDownMinutes: (v) => minutesProblem(v, 1, 1440),
    userStoreMinutes: (v) => minutesProblem(v, 1, 60),
    userStoreBreachingMinutes: (v) => minutesProblem(v, 1, 60),
    userStoreLatencyMilliseconds: (v) => (typeof v === "number" && Number.isFinite(v) && v > 0 && v <= 10_000 ? undefined : "is not a latency in milliseconds; allowed: a number above 0 and at most 10000, e.g. 50"),
    userStoreCapacityPercent: percentProblem,
};

/** A DynamoDB table name: 3 to 255 of letters, digits, `_`, `-` and `.`. */
function tableNameProblem(name: string): string | undefined {
    return /^[A-Za-z0-9_.-]{3,255}$/.test(name) ? undefined : "is not a DynamoDB table name; allowed: 3 to 255 letters, digits, \"_\", \"-\" and \".\"";
}

/** An IPv4 address written plainly (tunnel outside addresses). */
function ipv4Problem(address: string): string | undefined {
    const parts = address.split(".");
    const ok = parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
    return ok ? undefined : "is not an IPv4 address; allowed: AWS's outside address of the tunnel, e.g. HybridLink's tunnel1Address";
}

/**
 * Problems with the args, as `<field> = <value>: <what is wrong>; allowed: ...`; empty
 * when valid. Values given as outputs are not seen here.
 */
export function observabilityArgsProblems(name: string, args: ObservabilityArgs): string[] {
    const p: string[] = [];
    const one = (field: string, value: unknown, problem: string | undefined) => {
        if (problem) p.push(`${field} = ${show(value)}: ${problem}`);
    };
    one("name", name, componentNameProblem(name));
    one("namePrefix", args.namePrefix, namePrefixProblem(args.namePrefix));

    // Subscriptions: every alarm must reach a person.
    const criticalEmails = args.criticalEmails ?? [];
    const phones = args.criticalPhoneNumbers ?? [];
    const warningEmails = args.warningEmails ?? [];
    p.push(...listProblems("criticalEmails", criticalEmails, emailProblem));
    p.push(...listProblems("criticalPhoneNumbers", phones, phoneNumberProblem));
    p.push(...listProblems("warningEmails", warningEmails, emailProblem));
    if (criticalEmails.length + phones.length === 0) {
        p.push("criticalEmails, criticalPhoneNumbers: are both empty, so the matchday page would reach nobody; allowed: at least one e-mail address or E.164 phone number");
    }
    if (warningEmails.length === 0 && args.slack === undefined) {
        p.push("warningEmails: is empty and there is no slack channel, so warnings would reach nobody; allowed: at least one e-mail address, or slack");
    }
    if (args.slack) {
        one("slack.workspaceId", args.slack.workspaceId, slackWorkspaceIdProblem(args.slack.workspaceId));
        one("slack.channelId", args.slack.channelId, slackChannelIdProblem(args.slack.channelId));
        if (args.slack.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.slack.region)) {
            p.push(`slack.region = ${show(args.slack.region)}: is not a region name; allowed: e.g. "us-east-2"`);
        }
    }

    // The group.
    const g = args.autoScaling;
    one("autoScaling.maxSize", g.maxSize, wholeNumberProblem(g.maxSize, 1, 100_000));
    one("autoScaling.baselineMinSize", g.baselineMinSize, wholeNumberProblem(g.baselineMinSize, 0, Number.isInteger(g.maxSize) ? g.maxSize : 100_000, " (at most autoScaling.maxSize)"));
    one("autoScaling.longestWindowMinutes", g.longestWindowMinutes, minutesProblem(g.longestWindowMinutes, 1, 7 * 1440));

    // Thresholds, then the floor alarm's window within CloudWatch's evaluation range.
    const thresholds = args.alarms ?? {};
    for (const [key, value] of Object.entries(thresholds) as [keyof AlarmThresholds, number | undefined][]) {
        const check = THRESHOLD_CHECKS[key];
        if (check === undefined) p.push(`alarms.${key}: is not a threshold; allowed: ${Object.keys(THRESHOLD_CHECKS).join(", ")}`);
        else if (value !== undefined) one(`alarms.${key}`, value, check(value));
    }
    const margin = thresholds.floorMarginMinutes ?? DEFAULT_ALARM_THRESHOLDS.floorMarginMinutes;
    if (Number.isInteger(g.longestWindowMinutes) && Number.isInteger(margin) && windowOf(g.longestWindowMinutes + margin) === undefined) {
        p.push(`autoScaling.longestWindowMinutes = ${g.longestWindowMinutes}: with alarms.floorMarginMinutes = ${margin} it exceeds CloudWatch's longest evaluation range; allowed: a sum of at most 10080 minutes (7 days)`);
    }

    // The user store.
    if (args.userStore !== undefined) {
        const u = args.userStore;
        if (typeof u.tableName === "string") one("userStore.tableName", u.tableName, tableNameProblem(u.tableName));
        for (const field of ["readUnitsPerSecond", "writeUnitsPerSecond"] as const) {
            const v = u.warmThroughput?.[field];
            one(`userStore.warmThroughput.${field}`, v, wholeNumberProblem(v as number, 1, 100_000_000, " units per second"));
        }
        const endpoint = [u.endpointId, u.endpointVpcId, u.endpointServiceName].filter((x) => x !== undefined).length;
        if (endpoint !== 0 && endpoint !== 3) {
            p.push("userStore.endpointId, endpointVpcId, endpointServiceName: only some are given; allowed: all three (PrivateLink publishes PacketsDropped only with all of its dimensions) or none");
        }
    }
    const storeMinutes = thresholds.userStoreMinutes ?? DEFAULT_ALARM_THRESHOLDS.userStoreMinutes;
    const storeBreaching = thresholds.userStoreBreachingMinutes ?? DEFAULT_ALARM_THRESHOLDS.userStoreBreachingMinutes;
    if (Number.isInteger(storeMinutes) && Number.isInteger(storeBreaching) && storeBreaching > storeMinutes) {
        p.push(`alarms.userStoreBreachingMinutes = ${storeBreaching}: is more than alarms.userStoreMinutes (${storeMinutes}); allowed: at most the minutes the alarms look at`);
    }

    // HybridLink's parts.
    if (args.vpn?.tunnelAddresses !== undefined) {
        const a = args.vpn.tunnelAddresses;
        if (a.length < 1 || a.length > 2) p.push(`vpn.tunnelAddresses: has ${a.length} entries; allowed: 1 or 2 (a site-to-site VPN has two tunnels)`);
        a.forEach((address, i) => {
            if (typeof address === "string") one(`vpn.tunnelAddresses[${i}]`, address, ipv4Problem(address));
        });
    }

    // Suppressor, dashboard, agent, logs, bucket.
    const s = args.deploySuppressor ?? {};
    if (s.namespace !== undefined) one("deploySuppressor.namespace", s.namespace, metricNamespaceProblem(s.namespace));
    if (s.metricName !== undefined && !/^[A-Za-z0-9._-]{1,255}$/.test(s.metricName)) {
        p.push(`deploySuppressor.metricName = ${show(s.metricName)}: is not a metric name; allowed: letters, digits, ".", "_" and "-", at most 255 characters`);
    }
    if (s.waitPeriodSeconds !== undefined) one("deploySuppressor.waitPeriodSeconds", s.waitPeriodSeconds, wholeNumberProblem(s.waitPeriodSeconds, 10, 900, " seconds"));
    if (s.extensionPeriodSeconds !== undefined) one("deploySuppressor.extensionPeriodSeconds", s.extensionPeriodSeconds, wholeNumberProblem(s.extensionPeriodSeconds, 0, 3600, " seconds"));
    if (s.matchWindowMuteMinutes !== undefined) one("deploySuppressor.matchWindowMuteMinutes", s.matchWindowMuteMinutes, minutesProblem(s.matchWindowMuteMinutes, 1, 30));
    p.push(...timeWindowProblems("deploySuppressor.matchWindows", s.matchWindows ?? []));
    if (args.expectedTraffic !== undefined) {
        const w = args.expectedTraffic.windows;
        if (w.length === 0) p.push("expectedTraffic.windows: is empty; allowed: at least one window (or leave expectedTraffic out)");
        p.push(...timeWindowProblems("expectedTraffic.windows", w));
        w.forEach((x, i) => one(`expectedTraffic.windows[${i}].minRequestsPerMinute`, x.minRequestsPerMinute, Number.isFinite(x.minRequestsPerMinute) && x.minRequestsPerMinute > 0 ? undefined : "is not a positive number; allowed: requests per minute above 0"));
    }
    if (args.frontDoorProbe !== undefined) {
        p.push(...frontDoorProbeProblems(args.frontDoorProbe));
        const nameProblem = canaryNameProblem(args.namePrefix);
        if (nameProblem !== undefined) p.push(nameProblem);
    }
    (args.annotations ?? []).forEach((a, i) => {
        one(`annotations[${i}].label`, a.label, annotationLabelProblem(a.label));
        one(`annotations[${i}].time`, a.time, annotationTimeProblem(a.time));
    });
    const agent = args.agent ?? {};
    if (agent.appLogFiles !== undefined) {
        if (agent.appLogFiles.length === 0) p.push("agent.appLogFiles: is empty; allowed: at least one absolute path (or leave it out for the default)");
        p.push(...listProblems("agent.appLogFiles", agent.appLogFiles, logFilePathProblem));
    }
    if (agent.systemLogFiles !== undefined) p.push(...listProblems("agent.systemLogFiles", agent.systemLogFiles, logFilePathProblem));
    if (agent.namespace !== undefined) one("agent.namespace", agent.namespace, metricNamespaceProblem(agent.namespace));
    if (agent.collectionIntervalSeconds !== undefined) one("agent.collectionIntervalSeconds", agent.collectionIntervalSeconds, wholeNumberProblem(agent.collectionIntervalSeconds, 10, 300, " seconds"));
    if (args.logRetentionDays !== undefined) one("logRetentionDays", args.logRetentionDays, logRetentionDaysProblem(args.logRetentionDays));
    if (args.accessLogs?.expirationDays !== undefined) one("accessLogs.expirationDays", args.accessLogs.expirationDays, expirationDaysProblem(args.accessLogs.expirationDays));
    if (args.accessLogs?.prefix !== undefined) one("accessLogs.prefix", args.accessLogs.prefix, accessLogsPrefixProblem(args.accessLogs.prefix));

    // Overrides: only when the rest is sound enough to decide the alarms.
    if (args.alarmOverrides !== undefined) {
        let specs: AlarmSpec[] | undefined;
        try {
            specs = decideAlarms(observabilityAlarmTargets(args), thresholds);
        } catch {
            specs = undefined; // the window problem is reported above
        }
        if (specs) p.push(...alarmOverrideProblems(specs, args.alarmOverrides));
    }
    // The agent's configuration must fit a Standard parameter.
    if (p.length === 0) {
        const size = Buffer.byteLength(observabilityAgentConfigJson(args), "utf8");
        if (size > MAX_STANDARD_PARAMETER_BYTES) {
            p.push(`agent: the configuration is ${size} bytes; allowed: at most ${MAX_STANDARD_PARAMETER_BYTES} bytes (a Standard SSM parameter): fewer or shorter log file paths`);
        }
    }
    return p;
}

/** What the alarms are decided from (`decideAlarms`'s targets), for these args. */
export function observabilityAlarmTargets(args: ObservabilityArgs) {
    return {
        loadBalancerArnSuffix: args.loadBalancer.arnSuffix,
        cloudTargetGroupArnSuffix: args.loadBalancer.cloudTargetGroupArnSuffix,
        onPremiseTargetGroupArnSuffix: args.onPremise?.targetGroupArnSuffix,
        vpnConnectionId: args.vpn?.vpnConnectionId,
        tunnelAddresses: args.vpn?.tunnelAddresses,
        backupVaultName: args.backup?.vaultName,
        autoScaling: args.autoScaling,
        trafficWindows: args.expectedTraffic?.windows,
        canaryName: args.frontDoorProbe !== undefined ? observabilityNames(args.namePrefix).canary : undefined,
        userStore: args.userStore === undefined ? undefined : {
            tableName: args.userStore.tableName,
            warmThroughput: args.userStore.warmThroughput,
            endpoint: args.userStore.endpointId !== undefined && args.userStore.endpointVpcId !== undefined && args.userStore.endpointServiceName !== undefined
                ? { id: args.userStore.endpointId, vpcId: args.userStore.endpointVpcId, serviceName: args.userStore.endpointServiceName }
                : undefined,
        },
    };
}

/** Each window: two instants, the end after the start. */
function timeWindowProblems(key: string, windows: readonly TimeWindow[]): string[] {
    const p: string[] = [];
    windows.forEach((w, i) => {
        for (const field of ["start", "end"] as const) {
            const why = annotationTimeProblem(w[field]);
            if (why) p.push(`${key}[${i}].${field} = ${show(w[field])}: ${why}`);
        }
        if (!annotationTimeProblem(w.start) && !annotationTimeProblem(w.end) && Date.parse(w.end) <= Date.parse(w.start)) {
            p.push(`${key}[${i}]: ends (${w.end}) before it starts (${w.start}); allowed: an end after the start`);
        }
    });
    return p;
}

/** The CloudWatch agent's configuration (the SSM parameter's value) for these args. */
export function observabilityAgentConfigJson(args: ObservabilityArgs): string {
    const a = args.agent ?? {};
    return cloudWatchAgentConfigJson({
        namespace: a.namespace ?? DEFAULT_AGENT_NAMESPACE,
        appLogGroup: appLogGroupName(args.namePrefix),
        systemLogGroup: systemLogGroupName(args.namePrefix),
        appLogFiles: a.appLogFiles ?? DEFAULT_APP_LOG_FILES,
        systemLogFiles: a.systemLogFiles ?? DEFAULT_SYSTEM_LOG_FILES,
        collectionIntervalSeconds: a.collectionIntervalSeconds ?? DEFAULT_AGENT_INTERVAL_SECONDS,
    });
}

/** A stable, readable child role for a subscription endpoint (a short hash keeps lookalikes apart). */
export function endpointRole(endpoint: string): string {
    let h = 0x811c9dc5;
    for (const ch of endpoint.toLowerCase()) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    const slug = endpoint.toLowerCase().replace(/@/g, "-at-").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40);
    return `${slug}-${h.toString(16).padStart(8, "0").slice(0, 6)}`;
}
