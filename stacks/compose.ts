/**
 * Composition: the platform as a function of validated settings. It declares
 * components and nothing else, so `dev` and `matchday` can be built in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import * as awsx from "@pulumi/awsx";
import { AccessControl } from "@kgsports/access-control";
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
import { PlatformSettings } from "./config/settings";
import { renderUserData } from "./userData";
import { runningDesiredCapacity } from "./runningGroup";

/** Name of the web tier component (its children and tags derive from it). */
const WEB_TIER_NAME = "web";

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
    scheduledActions: string[];
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

/** Prefix of the alarm names the operator role may silence (alarms are named `<prefix><role>`). */
export function alarmNamePrefix(s: PlatformSettings): string {
    return `${s.access.namePrefix}-`;
}

export function composePlatform(s: PlatformSettings): PlatformOutputs {
    // The operator role is scoped to the web tier's group, and the tier runs with the
    // access component's instance profile: a deferred output breaks that cycle.
    const [asgArn, resolveAsgArn] = pulumi.deferredOutput<string>();
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
        },
        deployRole: s.access.deploy,
        webInstanceGroupArns: [asgArn],
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

    const web = new ScalingWebTier(WEB_TIER_NAME, {
        network: { vpcId: vpc.vpcId, publicSubnetIds: vpc.publicSubnetIds, privateSubnetIds: vpc.privateSubnetIds },
        instanceType: s.web.instanceType,
        amiId: s.web.amiId,
        userData: renderUserData(s.web.userData, {
            appPort: s.web.appPort,
            healthCheckPath: s.web.healthCheckPath,
            lifecycleHookName: BOOTSTRAP_HOOK_NAME,
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
        detailedMonitoring: s.web.detailedMonitoring,
        scheduledActions: s.matchday.schedule.actions.map(toTierAction),
        // From the pre-warm minus a refresh's duration to the release, a deploy must not start
        // an instance refresh (a new AMI, say) that would still be replacing instances at kickoff.
        freezeLaunchTemplate: s.web.launchTemplateFreeze !== undefined,
        tags: s.tags,
    });
    resolveAsgArn(web.asgArn);

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
        scheduledActions: s.matchday.schedule.actions.map((a) => `${a.startTime} ${a.name}`),
    };
}
