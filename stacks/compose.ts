/**
 * Composition: the platform as a function of validated settings. It declares
 * components and nothing else, so `dev` and `matchday` can be built in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import * as awsx from "@pulumi/awsx";
import * as aws from "@pulumi/aws";
import { AccessControl, ServiceRole } from "@kgsports/access-control";
import { CapacityReservations } from "@kgsports/capacity-reservations";
import { HybridLink } from "@kgsports/hybrid-link";
import { BackupPolicy } from "@kgsports/backup-policy";
import { cloudWatchAgentScope, Observability } from "@kgsports/observability";
import { UserStore, userStoreClientScope, userStoreNames } from "@kgsports/user-store";
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
/** Name of the UserStore component. */
const USER_STORE_NAME = "users";
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
    /** The UserStore's table, and the SSM path its clients read where it is from. */
    userStoreTableName: pulumi.Output<string>;
    userStoreParameterPath: string;
    /** The VPC endpoint's URL the on-premise servers give their DynamoDB client. */
    userStoreEndpointUrl: pulumi.Output<string>;
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

/**
 * Outputs of components declared later than the ones that need them, as deferred outputs:
 * `values` goes into the earlier components' args, `resolve` takes the later component's
 * outputs once it is declared. Every one must be resolved, or the program never ends.
 */
function later<T extends Record<string, unknown>>(keys: readonly (keyof T & string)[]) {
    const pairs = keys.map((k) => [k, pulumi.deferredOutput<unknown>()] as const);
    const values = Object.fromEntries(pairs.map(([k, [value]]) => [k, value])) as { [K in keyof T]: pulumi.Output<T[K]> };
    const resolve = (from: { [K in keyof T]: pulumi.Output<T[K]> }) => {
        for (const [k, [, set]] of pairs) set(from[k] as pulumi.Output<unknown>);
    };
    return { values, resolve };
}

/** What the earlier components take from the web tier, which is declared after them. */
type WebTierValues = {
    asgArn: string;
    asgName: string;
    albSecurityGroupId: string;
    albArnSuffix: string;
    albDnsName: string;
    listenerArn: string;
    cloudTargetGroupArn: string;
    cloudTargetGroupArnSuffix: string;
};
/** What the monitoring takes from the UserStore, declared after it. */
type UserStoreValues = { activeTableName: string; endpointId: string; endpointVpcId: string; endpointServiceName: string };
/** What AccessControl, declared first, takes from the components declared after it. */
type AccessValues = { serviceRoles: ServiceRole[] };

export function composePlatform(s: PlatformSettings): PlatformOutputs {
    // The operator role is scoped to the web tier's group, the link and the monitoring need its
    // load balancer, and the tier runs with the access component's instance profile and logs
    // into the monitoring's bucket: the tier's values reach the earlier components deferred.
    const webLater = later<WebTierValues>(["asgArn", "asgName", "albSecurityGroupId", "albArnSuffix", "albDnsName", "listenerArn", "cloudTargetGroupArn", "cloudTargetGroupArnSuffix"]);
    // CI's deploy role passes the roles the other components create.
    const accessLater = later<AccessValues>(["serviceRoles"]);
    // The monitoring warns about failed jobs of the backup vault, whose notifications go to its topic.
    const backupLater = later<{ vaultName: string }>(["vaultName"]);
    // The monitoring watches the store, which admits the web instances (declared after the monitoring).
    const storeLater = later<UserStoreValues>(["activeTableName", "endpointId", "endpointVpcId", "endpointServiceName"]);

    const access = declareAccess(s, webLater.values, accessLater.values);
    const vpc = declareNetwork(s);
    const link = declareHybridLink(s, vpc, access, webLater.values);
    const observability = declareObservability(s, access, link, webLater.values, backupLater.values, storeLater.values);
    const backup = declareBackup(s, access, observability);
    const web = declareWebTier(s, vpc, access, observability, link);
    webLater.resolve({
        asgArn: web.asgArn,
        asgName: web.asgName,
        albSecurityGroupId: web.albSecurityGroupId,
        albArnSuffix: web.albArnSuffix,
        albDnsName: web.albDnsName,
        listenerArn: web.listener.arn,
        cloudTargetGroupArn: web.targetGroup.arn,
        cloudTargetGroupArnSuffix: web.targetGroupArnSuffix,
    });
    backupLater.resolve({ vaultName: backup.vaultName });
    const store = declareUserStore(s, vpc, access, backup, web);
    storeLater.resolve({ activeTableName: store.activeTableName, endpointId: store.endpointId, endpointVpcId: store.endpointVpcId, endpointServiceName: store.endpointServiceName });
    const reservations = declareReservations(s, vpc, access, observability, web);
    accessLater.resolve({
        // In the deploy policy's order: the link's, the backups', the reservations', the monitoring's.
        serviceRoles: pulumi.all([link?.serviceRoles ?? [], backup.serviceRoles, reservations?.serviceRoles ?? [], observability.serviceRoles])
            .apply((lists) => lists.flat()),
    });
    return platformOutputs(s, { vpc, access, link, backup, web, reservations, store });
}

function reservesCapacity(s: PlatformSettings): boolean {
    return s.reservations.options.loadBalancer !== undefined || s.reservations.options.instances !== undefined;
}

function declareAccess(s: PlatformSettings, web: { [K in keyof WebTierValues]: pulumi.Output<WebTierValues[K]> }, fromLater: { [K in keyof AccessValues]: pulumi.Output<AccessValues[K]> }): AccessControl {
    return new AccessControl("access", {
        namePrefix: s.access.namePrefix,
        administrators: s.access.administrators,
        operators: s.access.operators,
        readOnly: s.access.readOnly,
        maxMfaAgeSeconds: s.access.mfaMaxAgeSeconds,
        operatorRole: {
            autoScalingGroupArns: [web.asgArn],
            alarmNamePrefix: alarmNamePrefix(s),
            maxSessionDurationSeconds: s.access.operatorSessionSeconds,
            groupMinSize: s.web.capacity.min,
            groupMaxSize: s.web.capacity.max,
        },
        deployRole: {
            ...s.access.deploy,
            // The roles the other components pass to services: functions', schedules', the backups'.
            serviceRoles: fromLater.serviceRoles,
            // The backup plan's and the image policy's roles carry AWS's service-role policies.
            attachableAwsManagedPolicies: [
                "service-role/AWSBackupServiceRolePolicyForBackup",
                "service-role/AWSBackupServiceRolePolicyForRestores",
                "service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement",
            ],
        },
        webInstanceGroupArns: [web.asgArn],
        // The instances' CloudWatch agent gets exactly its configuration, log groups and namespace,
        // as the monitoring names them (declared later, its cloudWatchAgent output is the same value).
        cloudWatchAgent: cloudWatchAgentScope(s.access.namePrefix),
        // The instances (and, with an activation, the on-premise servers) read and write the
        // store's items, by the names the store will have (declared later, its names are fixed).
        userStoreClient: userStoreClientScope(s.access.namePrefix),
        ...(s.pipeline.stateBackend ? { stateBackend: s.pipeline.stateBackend } : {}),
        ...(s.pipeline.secretsKmsKeyArn ? { secretsKmsKeyArn: s.pipeline.secretsKmsKeyArn } : {}),
        managePasswordPolicy: s.access.managePasswordPolicy,
        passwordPolicy: s.access.passwordPolicy,
        region: s.region,
        tags: s.tags,
    });
}

/**
 * One network for the web tier and the link to the data centre. It was the web tier's child
 * until the link needed it too: the alias keeps it (and its subnets, route tables and NAT
 * gateways) the same resource in stacks deployed before.
 */
function declareNetwork(s: PlatformSettings): awsx.ec2.Vpc {
    return new awsx.ec2.Vpc(webTierVpcName(WEB_TIER_NAME), webTierVpcArgs(WEB_TIER_NAME, s.network, s.tags), {
        aliases: [vpcUrnInsideTier(WEB_TIER_NAME)],
    });
}

/** The link's target group is a forward target of the web tier's listener; its failover and egress rules need the tier's load balancer. */
function declareHybridLink(s: PlatformSettings, vpc: awsx.ec2.Vpc, access: AccessControl, web: { [K in keyof WebTierValues]: pulumi.Output<WebTierValues[K]> }): HybridLink | undefined {
    const h = s.hybrid;
    if (h === undefined) return undefined;
    return new HybridLink(HYBRID_LINK_NAME, {
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
        loadBalancer: { securityGroupId: web.albSecurityGroupId, arnSuffix: web.albArnSuffix, listenerArn: web.listenerArn, cloudTargetGroupArn: web.cloudTargetGroupArn },
        // The servers registered by the activation write new users to the store, as the instances do.
        ...(h.activation ? { ssmActivation: { ...h.activation, additionalPolicyArns: [access.userStoreClientPolicyArn.apply((arn) => arn!)] } } : {}),
        failover: h.failover,
        permissionsBoundary: access.workloadBoundaryArn,
        tags: s.tags,
    });
}

/** Monitoring covers what the other components output; the web tier and the backups are declared after it. */
function declareObservability(
    s: PlatformSettings,
    access: AccessControl,
    link: HybridLink | undefined,
    web: { [K in keyof WebTierValues]: pulumi.Output<WebTierValues[K]> },
    backup: { vaultName: pulumi.Output<string> },
    store: { [K in keyof UserStoreValues]: pulumi.Output<UserStoreValues[K]> },
): Observability {
    const o = s.observability;
    // Inside a match window the load balancer must see the fixture's audience, and a deploy
    // mutes the page for a bounded time only.
    const trafficWindows = matchTrafficWindows(s.matchday.plan.fixtures, s.matchday.schedule.windows, s.cost.requestsPerViewerPerMinute);
    const muteWindows = deployMuteWindows(s.matchday.schedule.windows);
    return new Observability("observability", {
        namePrefix: s.access.namePrefix,
        loadBalancer: { arnSuffix: web.albArnSuffix, cloudTargetGroupArnSuffix: web.cloudTargetGroupArnSuffix },
        ...(link
            ? {
                onPremise: { targetGroupArnSuffix: link.targetGroupArnSuffix },
                vpn: { vpnConnectionId: link.vpnConnectionId, tunnelAddresses: [link.tunnel1Address, link.tunnel2Address] },
                failover: { alarmNames: link.failoverAlarmNames },
            }
            : {}),
        // Failed backup jobs warn through the warning topic (its key and policy let Backup publish).
        backup: { vaultName: backup.vaultName },
        // The table clients use (a promoted restore's when there is one), and the endpoint by all
        // four dimensions of its metrics.
        userStore: {
            tableName: store.activeTableName,
            warmThroughput: s.userStore.warmThroughput,
            endpointId: store.endpointId,
            endpointVpcId: store.endpointVpcId,
            endpointServiceName: store.endpointServiceName,
        },
        autoScaling: {
            groupName: web.asgName,
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
            ? { frontDoorProbe: { url: o.frontDoorProbeUrl === "alb" ? pulumi.interpolate`http://${web.albDnsName}${s.web.healthCheckPath}` : o.frontDoorProbeUrl } }
            : {}),
        annotations: s.matchday.annotations,
        ...(reservesCapacity(s)
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
}

/** What holds data is backed up by tag; the web fleet is stateless and never selected. */
function declareBackup(s: PlatformSettings, access: AccessControl, observability: Observability): BackupPolicy {
    const b = s.backup;
    return new BackupPolicy("backup", {
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
}

function declareWebTier(s: PlatformSettings, vpc: awsx.ec2.Vpc, access: AccessControl, observability: Observability, link: HybridLink | undefined): ScalingWebTier {
    const h = s.hybrid;
    return new ScalingWebTier(WEB_TIER_NAME, {
        network: { vpcId: vpc.vpcId, publicSubnetIds: vpc.publicSubnetIds, privateSubnetIds: vpc.privateSubnetIds },
        instanceType: s.web.instanceType,
        amiId: s.web.amiId,
        userData: renderUserData(s.web.userData, {
            appPort: s.web.appPort,
            healthCheckPath: s.web.healthCheckPath,
            lifecycleHookName: BOOTSTRAP_HOOK_NAME,
            agentConfigParameter: observability.cloudWatchAgent.configParameterName,
            userStoreParameterPath: userStoreNames(s.access.namePrefix).parameterPath,
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
        accessLogs: { bucket: observability.accessLogsBucketName, prefix: observability.accessLogsPrefix },
        detailedMonitoring: s.web.detailedMonitoring,
        scheduledActions: s.matchday.schedule.actions.map(toTierAction),
        ...(link && h ? { forwardWeight: h.weights.cloud, additionalForwardTargets: [{ targetGroupArn: link.targetGroupArn, weight: h.weights.onPremise }] } : {}),
        // From the pre-warm minus a refresh's duration to the release, a deploy must not start
        // an instance refresh (a new AMI, say) that would still be replacing instances at kickoff.
        freezeLaunchTemplate: s.web.launchTemplateFreeze !== undefined,
        tags: s.tags,
    });
}

/**
 * New users' accounts: a table reachable only through its VPC endpoint, which admits the
 * web instances and the on-premise ranges; tagged for the backup plan; warm throughput
 * sized once for the busiest kickoff (the config's check holds it to the fixtures' need).
 */
function declareUserStore(s: PlatformSettings, vpc: awsx.ec2.Vpc, access: AccessControl, backup: BackupPolicy, web: ScalingWebTier): UserStore {
    const u = s.userStore;
    return new UserStore(USER_STORE_NAME, {
        namePrefix: s.access.namePrefix,
        vpcId: vpc.vpcId,
        privateSubnetIds: vpc.privateSubnetIds,
        clientSecurityGroupIds: [web.instanceSecurityGroupId],
        onPremiseCidrs: s.hybrid?.onPremiseCidrs ?? [],
        warmThroughput: u.warmThroughput,
        pointInTimeRecoveryDays: u.recoveryDays,
        ...(u.restore ? { restore: u.restore } : {}),
        keyAdministratorRoleArns: [access.deployRoleArn],
        tags: { ...s.tags, [backup.backupTag.key]: backup.backupTag.value },
    });
}

/**
 * Capacity under the fleet, reserved by schedules AWS runs without a deploy: the load
 * balancer's LCUs per match day, and instance capacity per zone for each window.
 */
function declareReservations(s: PlatformSettings, vpc: awsx.ec2.Vpc, access: AccessControl, observability: Observability, web: ScalingWebTier): CapacityReservations | undefined {
    if (!reservesCapacity(s)) return undefined;
    return new CapacityReservations(CAPACITY_RESERVATIONS_NAME, {
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
    });
}

function platformOutputs(
    s: PlatformSettings,
    c: { vpc: awsx.ec2.Vpc; access: AccessControl; link: HybridLink | undefined; backup: BackupPolicy; web: ScalingWebTier; reservations: CapacityReservations | undefined; store: UserStore },
): PlatformOutputs {
    const { vpc, access, link, backup, web, reservations, store } = c;
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
        userStoreTableName: store.activeTableName,
        userStoreParameterPath: userStoreNames(s.access.namePrefix).parameterPath,
        userStoreEndpointUrl: store.endpointUrl,
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
