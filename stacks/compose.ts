/**
 * Composition: the platform as a function of validated settings. It declares
 * components and nothing else, so `dev` and `matchday` can be built in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import * as awsx from "@pulumi/awsx";
import * as aws from "@pulumi/aws";
import { AccessControl } from "@kgsports/access-control";
import { CapacityReservations, capacityReservationsNames } from "@kgsports/capacity-reservations";
import { HybridLink } from "@kgsports/hybrid-link";
import { BackupPolicy, backupPolicyNames } from "@kgsports/backup-policy";
import { agentParameterName, appLogGroupName, DEFAULT_AGENT_NAMESPACE, Observability, observabilityNames, systemLogGroupName } from "@kgsports/observability";
import {
    BOOTSTRAP_HOOK_NAME,
    ScalingWebTier,
    vpcUrnInsideTier,
    webTierNameTag,
    WebTierScheduledAction,
    webTierVpcArgs,
    webTierVpcName,
} from "@kgsports/scaling-web-tier";
import { ScheduledActionSpec } from "./capacity/schedule";
import type { ReservationSchedule } from "./capacity/reservationPlan";
import { PlatformSettings } from "./config/settings";
import { deployMuteWindows, matchTrafficWindows } from "./config/observability";
import { renderUserData } from "./userData";
import { runningDesiredCapacity } from "./runningGroup";

/** Name of the web tier component (its children and tags derive from it). */
const WEB_TIER_NAME = "web";
/** Name of the HybridLink component. */
const HYBRID_LINK_NAME = "hybrid";
/** Name of the CapacityReservations component. */
const CAPACITY_RESERVATIONS_NAME = "reservations";
/** Where in the monitoring's bucket the load balancer writes its access logs. */
const ACCESS_LOG_PREFIX = "alb";

export interface PlatformOutputs {
    albDnsName: pulumi.Output<string>;
    listenerArn: pulumi.Output<string>;
    targetGroupArn: pulumi.Output<string>;
    asgName: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
    operatorRoleArn: pulumi.Output<string>;
    deployRoleArn: pulumi.Output<string>;
    /** The read-only role of pull-request previews. */
    previewRoleArn: pulumi.Output<string>;
    scheduledActions: string[];
    /** The reservation schedules this deploy declares, `<UTC time> <name>`, in time order. */
    reservationSchedules: string[];
    /** The EventBridge Scheduler group the reservation schedules live in, when the stack reserves capacity. */
    capacityScheduleGroup?: pulumi.Output<string>;
    /** With HybridLink: what the on-premise network team configures, and what operators look at. */
    vpnConnectionId?: pulumi.Output<string>;
    vpnTunnelAddresses?: pulumi.Output<string[]>;
    /** The device configuration AWS generates (pre-shared keys included): a secret. */
    vpnCustomerGatewayConfiguration?: pulumi.Output<string>;
    onPremiseTargetGroupArn?: pulumi.Output<string>;
    ssmActivationId?: pulumi.Output<string | undefined>;
    /** A secret. */
    ssmActivationCode?: pulumi.Output<string | undefined>;
    failoverFunctionName?: pulumi.Output<string>;
    /** The backup vault, and the tag to put on what holds data (`<key>=<value>`). */
    backupVaultName: pulumi.Output<string>;
    backupTag: pulumi.Output<string>;
}

/** A schedule entry as the web tier takes it: a size the plan leaves alone is simply omitted. */
export function toTierAction(a: ScheduledActionSpec): WebTierScheduledAction {
    const size = (v: number | "unchanged") => (v === "unchanged" ? undefined : v);
    return {
        name: a.name,
        startTime: a.startTime,
        minSize: size(a.minSize),
        maxSize: size(a.maxSize),
        desiredCapacity: size(a.desiredCapacity),
    };
}

/** The load balancer's requests and resets of the reservation plan, as the component takes them. */
export function loadBalancerSchedules(schedules: readonly ReservationSchedule[]) {
    return {
        requests: schedules.flatMap((r) => (r.kind === "lcu-request" ? [{ name: r.name, at: r.at, capacityUnits: r.capacityUnits, description: r.reason }] : [])),
        resets: schedules.flatMap((r) => (r.kind === "lcu-reset" ? [{ name: r.name, at: r.at, description: r.reason }] : [])),
    };
}

/**
 * Hours after which a load balancer reservation still standing is one a reset missed: the
 * longest planned reservation (request to reset) plus 2 hours for a late catch-up and a
 * late reset, at least 12 and at most 168 (CloudWatch's 7 days of hourly periods).
 */
export function leftStandingAfterHours(reservations: readonly { requestAt: Date; resetAt: Date }[]): number {
    const longest = Math.max(0, ...reservations.map((r) => (r.resetAt.getTime() - r.requestAt.getTime()) / 3_600_000));
    return Math.min(168, Math.max(12, Math.ceil(longest) + 2));
}

/** The instance reservations' creates of the reservation plan, as the component takes them. */
export function instanceSchedules(schedules: readonly ReservationSchedule[]) {
    return schedules.flatMap((r) =>
        r.kind === "odcr-create"
            ? [{ name: r.name, at: r.at, zoneIndex: r.zoneIndex, instanceCount: r.instanceCount, endDate: r.endDate, clientToken: r.clientToken, description: r.reason }]
            : []);
}

/** Prefix of the alarm names the operator role may silence (alarms are named `<prefix><role>`). */
export function alarmNamePrefix(s: PlatformSettings): string {
    return `${s.access.namePrefix}-`;
}

export function composePlatform(s: PlatformSettings): PlatformOutputs {
    // The operator role is scoped to the web tier's group, and the tier runs with the
    // access component's instance profile: a deferred output breaks that cycle.
    const [asgArn, resolveAsgArn] = pulumi.deferredOutput<string>();
    // The backup plan's and the image policy's service roles, which CI's deploy role passes.
    const backupNames = backupPolicyNames(s.access.namePrefix);
    const reserving = s.reservations.options.loadBalancer !== undefined || s.reservations.options.instances !== undefined;
    const backupServiceRoles = [
        { roleName: backupNames.backupRole, service: "backup.amazonaws.com" },
        { roleName: backupNames.dlmRole, service: "dlm.amazonaws.com" },
        // The reservations' schedules run as their own role in EventBridge Scheduler.
        ...(reserving ? [{ roleName: capacityReservationsNames(s.access.namePrefix).schedulerRole, service: "scheduler.amazonaws.com" }] : []),
        // The monitoring's Slack channel, when one is configured, runs as its own role.
        ...(s.observability.slack ? [{ roleName: `${s.access.namePrefix}-chatbot`, service: "chatbot.amazonaws.com" }] : []),
        // The front-door probe's canary runs as its role in Lambda; CreateCanary may also check it for Synthetics.
        ...(s.observability.frontDoorProbeUrl !== undefined
            ? ["lambda.amazonaws.com", "synthetics.amazonaws.com"].map((service) => ({ roleName: observabilityNames(s.access.namePrefix).canaryRole, service }))
            : []),
    ];
    const access = new AccessControl("access", {
        namePrefix: s.access.namePrefix,
        administrators: s.access.administrators,
        operators: s.access.operators,
        readOnly: s.access.readOnly,
        maxMfaAgeSeconds: s.access.mfaMaxAgeSeconds,
        operatorRole: {
            autoScalingGroupArns: [asgArn],
            alarmNamePrefix: alarmNamePrefix(s),
            maxSessionDurationSeconds: s.access.operatorSessionSeconds,
            groupMinSize: s.web.capacity.min,
            groupMaxSize: s.web.capacity.max,
        },
        deployRole: {
            ...s.access.deploy,
            // The hybrid link's roles (named by its namePrefix below): its function's, and its servers'.
            ...(s.hybrid
                ? {
                    serviceRoles: [
                        { roleName: `${s.access.namePrefix}-${HYBRID_LINK_NAME}-failover`, service: "lambda.amazonaws.com" },
                        ...(s.hybrid.activation ? [{ roleName: `${s.access.namePrefix}-${HYBRID_LINK_NAME}-node`, service: "ssm.amazonaws.com" }] : []),
                        ...backupServiceRoles,
                    ],
                }
                : { serviceRoles: backupServiceRoles }),
            // The backup plan's and the image policy's roles carry AWS's service-role policies.
            attachableAwsManagedPolicies: [
                "service-role/AWSBackupServiceRolePolicyForBackup",
                "service-role/AWSBackupServiceRolePolicyForRestores",
                "service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement",
            ],
        },
        webInstanceGroupArns: [asgArn],
        // The instances' CloudWatch agent gets exactly its configuration, log groups and namespace.
        cloudWatchAgent: {
            configParameterName: agentParameterName(s.access.namePrefix),
            logGroupNames: [appLogGroupName(s.access.namePrefix), systemLogGroupName(s.access.namePrefix)],
            metricNamespace: DEFAULT_AGENT_NAMESPACE,
        },
        ...(s.pipeline.stateBackend ? { stateBackend: s.pipeline.stateBackend } : {}),
        ...(s.pipeline.secretsKmsKeyArn ? { secretsKmsKeyArn: s.pipeline.secretsKmsKeyArn } : {}),
        managePasswordPolicy: s.access.managePasswordPolicy,
        passwordPolicy: s.access.passwordPolicy,
        region: s.region,
        tags: s.tags,
    });

    // One network for the web tier and the link to the data centre. It was the web
    // tier's child until the link needed it too: the alias keeps it (and its subnets,
    // route tables and NAT gateways) the same resource in stacks deployed before.
    const vpc = new awsx.ec2.Vpc(webTierVpcName(WEB_TIER_NAME), webTierVpcArgs(WEB_TIER_NAME, s.network, s.tags), {
        aliases: [vpcUrnInsideTier(WEB_TIER_NAME)],
    });

    // The link's target group is a forward target of the web tier's listener, and the link's
    // failover and egress rules need the tier's load balancer: deferred outputs break the cycle.
    const [albSecurityGroupId, resolveAlbSecurityGroupId] = pulumi.deferredOutput<string>();
    const [albArnSuffix, resolveAlbArnSuffix] = pulumi.deferredOutput<string>();
    const [listenerArn, resolveListenerArn] = pulumi.deferredOutput<string>();
    const [cloudTargetGroupArn, resolveCloudTargetGroupArn] = pulumi.deferredOutput<string>();
    const h = s.hybrid;
    const link = h === undefined ? undefined : new HybridLink(HYBRID_LINK_NAME, {
        // Physical names under the stack's prefix: the deploy role manages <prefix>-* only, and
        // operators may silence <prefix>-* alarms.
        namePrefix: s.access.namePrefix,
        vpcId: vpc.vpcId,
        vpcCidr: s.network.cidrBlock,
        // Every route table of the VPC: awsx gives each public subnet (the load balancer's)
        // and each private subnet (the instances') its own.
        routeTableIds: vpc.routeTables.apply((tables) => pulumi.all(tables.map((t) => t.id))),
        routeTableCount: 2 * s.network.availabilityZoneCount,
        onPremiseCidrs: h.onPremiseCidrs,
        customerGateway: h.customerGateway,
        routing: h.routing,
        amazonSideAsn: h.amazonSideAsn,
        tunnels: h.tunnels.map((t) => ({
            ...(t.insideCidr ? { insideCidr: t.insideCidr } : {}),
            ...(t.presharedKey ? { presharedKey: pulumi.secret(t.presharedKey) } : {}),
        })) as [{ insideCidr?: string; presharedKey?: pulumi.Output<string> }, { insideCidr?: string; presharedKey?: pulumi.Output<string> }],
        servers: h.servers,
        healthCheck: { path: s.web.healthCheckPath },
        loadBalancer: { securityGroupId: albSecurityGroupId, arnSuffix: albArnSuffix, listenerArn, cloudTargetGroupArn },
        ...(h.activation ? { ssmActivation: h.activation } : {}),
        failover: h.failover,
        permissionsBoundary: access.workloadBoundaryArn,
        tags: s.tags,
    });

    // Monitoring covers what the other components output: the web tier is declared after it
    // (its load balancer logs into the monitoring's bucket), so its values arrive deferred.
    const [albArnSuffixForAlarms, resolveAlbArnSuffixForAlarms] = pulumi.deferredOutput<string>();
    const [cloudTargetGroupArnSuffix, resolveCloudTargetGroupArnSuffix] = pulumi.deferredOutput<string>();
    const [asgName, resolveAsgName] = pulumi.deferredOutput<string>();
    const [albDnsName, resolveAlbDnsName] = pulumi.deferredOutput<string>();
    const o = s.observability;
    // Inside a match window the load balancer must see the fixture's audience, and a deploy
    // mutes the page for a bounded time only.
    const trafficWindows = matchTrafficWindows(s.matchday.plan.fixtures, s.matchday.schedule.windows, s.cost.requestsPerViewerPerMinute);
    const muteWindows = deployMuteWindows(s.matchday.schedule.windows);
    const observability = new Observability("observability", {
        namePrefix: s.access.namePrefix,
        loadBalancer: { arnSuffix: albArnSuffixForAlarms, cloudTargetGroupArnSuffix },
        ...(link
            ? {
                onPremise: { targetGroupArnSuffix: link.targetGroupArnSuffix },
                vpn: { vpnConnectionId: link.vpnConnectionId, tunnelAddresses: [link.tunnel1Address, link.tunnel2Address] },
                failover: { alarmNames: link.failoverAlarmNames },
            }
            : {}),
        // Failed backup jobs warn through the warning topic (its key and policy let Backup publish).
        backup: { vaultName: backupPolicyNames(s.access.namePrefix).vault },
        autoScaling: {
            groupName: asgName,
            maxSize: s.web.capacity.max,
            baselineMinSize: s.matchday.plan.baselineMinSize,
            longestWindowMinutes: s.matchday.longestWindowMinutes,
        },
        criticalEmails: o.criticalEmails,
        criticalPhoneNumbers: o.criticalPhoneNumbers,
        warningEmails: o.warningEmails,
        ...(o.slack ? { slack: o.slack } : {}),
        alarms: o.thresholds,
        ...(trafficWindows.length > 0 ? { expectedTraffic: { windows: trafficWindows } } : {}),
        ...(muteWindows.length > 0 ? { deploySuppressor: { matchWindows: muteWindows } } : {}),
        // "alb": the load balancer's own name over HTTP (its certificate names the public
        // name, not this one), which proves it answers but not the public name's DNS or TLS.
        ...(o.frontDoorProbeUrl !== undefined
            ? { frontDoorProbe: { url: o.frontDoorProbeUrl === "alb" ? pulumi.interpolate`http://${albDnsName}${s.web.healthCheckPath}` : o.frontDoorProbeUrl } }
            : {}),
        annotations: s.matchday.annotations,
        ...(reserving
            ? { reservedCapacity: { loadBalancer: s.reservations.options.loadBalancer !== undefined, instances: s.reservations.options.instances !== undefined } }
            : {}),
        logRetentionDays: o.logRetentionDays,
        // CI's deploy role manages the key through the key policy (its IAM policy cannot name the key);
        // its ARN output makes the key wait for the role.
        keyAdministratorRoleArns: [access.deployRoleArn],
        accessLogs: { expirationDays: o.accessLogExpirationDays, prefix: ACCESS_LOG_PREFIX },
        permissionsBoundary: access.workloadBoundaryArn,
        tags: s.tags,
    });

    // What holds data is backed up by tag; the web fleet is stateless and never selected.
    const b = s.backup;
    const backup = new BackupPolicy("backup", {
        namePrefix: s.access.namePrefix,
        homeRegion: s.region,
        daily: b.daily,
        weekly: b.weekly,
        monthly: b.monthly,
        webTierTag: { key: "Name", value: webTierNameTag(WEB_TIER_NAME) },
        ...(b.lock ? { lock: b.lock } : {}),
        ...(b.copyRegion ? { copyTo: { region: b.copyRegion } } : {}),
        goldenImage: b.goldenImage,
        notificationTopicArn: observability.warningTopicArn,
        keyAdministratorRoleArns: [access.deployRoleArn],
        permissionsBoundary: access.workloadBoundaryArn,
        tags: s.tags,
    });

    const web = new ScalingWebTier(WEB_TIER_NAME, {
        network: { vpcId: vpc.vpcId, publicSubnetIds: vpc.publicSubnetIds, privateSubnetIds: vpc.privateSubnetIds },
        instanceType: s.web.instanceType,
        amiId: s.web.amiId,
        userData: renderUserData(s.web.userData, {
            appPort: s.web.appPort,
            healthCheckPath: s.web.healthCheckPath,
            lifecycleHookName: BOOTSTRAP_HOOK_NAME,
            agentConfigParameter: agentParameterName(s.access.namePrefix),
        }),
        appPort: s.web.appPort,
        healthCheck: { path: s.web.healthCheckPath },
        certificateArn: s.web.certificateArn,
        capacity: s.web.capacity,
        // A raised desiredCapacity lifts a running fleet; never read (and never sent) while a match is near or on.
        runningDesiredCapacity: s.web.raiseRunningDesired ? runningDesiredCapacity(s.tags, webTierNameTag(WEB_TIER_NAME)) : undefined,
        targetRequestsPerInstance: s.web.targetRequestsPerInstance,
        instanceWarmupSeconds: s.web.instanceWarmupSeconds,
        rootVolumeSizeGiB: s.web.rootVolumeGiB,
        warmPool: s.web.warmPoolSize > 0 ? { minSize: s.web.warmPoolSize } : undefined,
        instanceProfileName: access.instanceProfileName,
        deletionProtection: s.web.deletionProtection,
        accessLogs: { bucket: observability.accessLogsBucketName, prefix: ACCESS_LOG_PREFIX },
        detailedMonitoring: s.web.detailedMonitoring,
        scheduledActions: s.matchday.schedule.actions.map(toTierAction),
        ...(link && h ? { forwardWeight: h.weights.cloud, additionalForwardTargets: [{ targetGroupArn: link.targetGroupArn, weight: h.weights.onPremise }] } : {}),
        // From the pre-warm minus a refresh's duration to the release, a deploy must not start
        // an instance refresh (a new AMI, say) that would still be replacing instances at kickoff.
        freezeLaunchTemplate: s.web.launchTemplateFreeze !== undefined,
        tags: s.tags,
    });
    resolveAsgArn(web.asgArn);
    resolveAlbSecurityGroupId(web.albSecurityGroupId);
    resolveAlbArnSuffix(web.albArnSuffix);
    resolveListenerArn(web.listener.arn);
    resolveCloudTargetGroupArn(web.targetGroup.arn);
    resolveAlbArnSuffixForAlarms(web.albArnSuffix);
    resolveCloudTargetGroupArnSuffix(web.targetGroupArnSuffix);
    resolveAsgName(web.asgName);
    resolveAlbDnsName(web.albDnsName);

    // Capacity under the fleet, reserved by schedules AWS runs without a deploy: the load
    // balancer's LCUs per match day, and instance capacity per zone for each window.
    const reservations = reserving
        ? new CapacityReservations(CAPACITY_RESERVATIONS_NAME, {
            namePrefix: s.access.namePrefix,
            ...(s.reservations.options.loadBalancer
                ? {
                    loadBalancer: {
                        arn: web.albArn,
                        ...loadBalancerSchedules(s.reservations.plan.schedules),
                        leftStandingAfterHours: leftStandingAfterHours(s.reservations.plan.loadBalancer),
                    },
                }
                : {}),
            ...(s.reservations.options.instances
                ? {
                    instances: {
                        instanceType: s.web.instanceType,
                        // The zones of the instances' subnets, in the VPC's order (zoneIndex counts in it).
                        availabilityZones: vpc.privateSubnetIds.apply((ids) => pulumi.all(ids.map((id) => aws.ec2.getSubnetOutput({ id }).availabilityZone))),
                        creates: instanceSchedules(s.reservations.plan.schedules),
                    },
                }
                : {}),
            alarmTopicArns: [observability.warningTopicArn],
            permissionsBoundary: access.workloadBoundaryArn,
            tags: s.tags,
        })
        : undefined;

    return {
        albDnsName: web.albDnsName,
        listenerArn: web.listener.arn,
        targetGroupArn: web.targetGroup.arn,
        asgName: web.asgName,
        vpcId: vpc.vpcId,
        publicSubnetIds: vpc.publicSubnetIds,
        privateSubnetIds: vpc.privateSubnetIds,
        operatorRoleArn: access.operatorRoleArn,
        deployRoleArn: access.deployRoleArn,
        previewRoleArn: access.previewRoleArn,
        scheduledActions: s.matchday.schedule.actions.map((a) => `${a.startTime} ${a.name}`),
        reservationSchedules: s.reservations.plan.schedules.map((r) => `${r.at}Z ${r.name}`),
        ...(reservations ? { capacityScheduleGroup: reservations.scheduleGroupName } : {}),
        backupVaultName: backup.vaultName,
        backupTag: pulumi.output(backup.backupTag).apply((t) => `${t.key}=${t.value}`),
        ...(link
            ? {
                vpnConnectionId: link.vpnConnectionId,
                vpnTunnelAddresses: pulumi.all([link.tunnel1Address, link.tunnel2Address]),
                vpnCustomerGatewayConfiguration: pulumi.secret(link.customerGatewayConfiguration),
                onPremiseTargetGroupArn: link.targetGroupArn,
                ssmActivationId: link.activationId,
                ssmActivationCode: pulumi.secret(link.activationCode),
                failoverFunctionName: link.failoverFunctionName,
            }
            : {}),
    };
}
