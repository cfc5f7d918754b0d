import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole, DeclaredRole } from "@kgsports/aws-role";
import * as awsx from "@pulumi/awsx";
import { capacityProblems, GroupCapacity, raiseOnlyDesiredCapacity, RUNTIME_OWNED_GROUP_PROPERTIES } from "./capacity";
import { decideForwardAction, decideInstanceRefresh, decideWarmPool } from "./decisions";
import { decideListeners, DEFAULT_TLS_POLICY, ListenerSpec } from "./listeners";
import { decideSecurityRules, GroupRole } from "./securityRules";
import {
    decideMetadataOptions,
    decideRootVolume,
    defaultAmiParameter,
    instanceArchitecture,
    INSTANCE_TYPE_PATTERN,
} from "./launchSettings";
import { tierNameProblems } from "./naming";
import { scheduledActionProblems, scheduledSizes, WebTierScheduledAction } from "./scheduledActions";
import { bootstrapHookPolicy, decideBootstrapHook } from "./bootstrapHook";
import { isExistingNetwork, WebTierExistingNetworkArgs, WebTierNetworkArgs, webTierVpcArgs, webTierVpcName } from "./network";

/** Group metrics the tier publishes, so alarms on GroupInServiceInstances and friends have data. */
export const GROUP_METRICS: aws.types.enums.autoscaling.Metric[] = [
    "GroupMinSize",
    "GroupMaxSize",
    "GroupDesiredCapacity",
    "GroupInServiceInstances",
    "GroupPendingInstances",
    "GroupStandbyInstances",
    "GroupTerminatingInstances",
    "GroupTotalInstances",
    "WarmPoolDesiredCapacity",
    "WarmPoolWarmedCapacity",
    "WarmPoolPendingCapacity",
    "WarmPoolTerminatingCapacity",
    "WarmPoolTotalCapacity",
    "GroupAndWarmPoolDesiredCapacity",
    "GroupAndWarmPoolTotalCapacity",
];

/**
 * The `Name` tag of the tier's instances and of its Auto Scaling group (with the
 * caller's tags), e.g. `web-web` for a tier named `web`: what a lookup of the running
 * group by tag filters on.
 */
export function webTierNameTag(name: string): string {
    return `${name}-web`;
}

/** Health check of the target group. */
export interface WebTierHealthCheckArgs {
    /** Path the load balancer requests. Default `"/healthz"`. */
    path?: string;
    /** HTTP codes counted as healthy. Default `"200-399"`. */
    matcher?: string;
    /** Seconds between checks, 5 to 300. Default `15`. */
    intervalSeconds?: number;
    /** Consecutive successes before a target takes traffic, 2 to 10. Default `2`. */
    healthyThreshold?: number;
    /** Consecutive failures before a target is replaced, 2 to 10. Default `3`. */
    unhealthyThreshold?: number;
}

/** A warm pool of pre-initialised instances that join in well under a minute. */
export interface WebTierWarmPoolArgs {
    /** Instances kept in the pool, 0 to the group's max. Required. */
    minSize: number;
    /** `"Stopped"` (pay for volumes only) or `"Running"`. Default `"Stopped"`. */
    poolState?: "Stopped" | "Running";
    /**
     * Cap on group + pool. Default: `minSize`, which gives the pool an absolute size of
     * `minSize` (AWS: only when both are equal is the size absolute; left unset, AWS keeps
     * max - desired instances warm, which on a large max is far more than intended).
     */
    maxGroupPreparedCapacity?: number;
}

/** A further target group that the primary listener forwards to by weight (e.g. on-premise servers). */
export interface WebTierForwardTarget {
    /** ARN of the target group. */
    targetGroupArn: pulumi.Input<string>;
    /** Relative weight, 0 to 999. */
    weight: number;
}

export interface ScalingWebTierArgs {
    /**
     * Network: one to create (`{cidrBlock, availabilityZoneCount, natGateways}`), or an
     * existing one shared with other components (`{vpcId, publicSubnetIds,
     * privateSubnetIds}`). Required.
     */
    network: WebTierNetworkArgs | WebTierExistingNetworkArgs;
    /** EC2 instance type, `family.size` (e.g. `"c7i.large"`). Required. */
    instanceType: string;
    /**
     * AMI of the instances. Default: the latest Amazon Linux 2023 AMI for the instance
     * type's architecture, read from AWS's public SSM parameter at deploy time; a new
     * AMI then shows in `pulumi preview` as a launch template change.
     */
    amiId?: pulumi.Input<string>;
    /** Plain-text user data (the component base64-encodes it). Default: none. */
    userData?: string;
    /** Port the app listens on, 1 to 65535, never 22 or 3389. Default `8080`. */
    appPort?: number;
    /** Target group health check. Defaults: see {@link WebTierHealthCheckArgs}. */
    healthCheck?: WebTierHealthCheckArgs;
    /**
     * ACM certificate ARN. With it: HTTPS on 443 and HTTP 80 redirecting to HTTPS.
     * Without it: plain HTTP on 80, and a warning is logged. Default: none.
     */
    certificateArn?: string;
    /** TLS policy of the HTTPS listener. Default `"ELBSecurityPolicy-TLS13-1-2-2021-06"`. */
    sslPolicy?: string;
    /**
     * Group sizes, whole numbers with min <= desired <= max and max >= 1. Required.
     * Without {@link runningDesiredCapacity}, `desired` is applied when the group is
     * created only; see the README ("Capacity on deploy").
     */
    capacity: GroupCapacity;
    /**
     * The group's desired capacity as it runs now, read at deploy time (for example
     * `aws.autoscaling.getGroup` on the group name of the last deployment); `undefined`
     * inside when there is no group yet. When given, every deploy declares
     * `max(capacity.desired, running)` within `[min, max]`: raising `capacity.desired`
     * raises a running fleet, while a lower value, or a group that scaled out above it,
     * removes nothing. Leave it unset while a match is on, so no deploy touches desired
     * then. Default: unset, and `capacity.desired` applies at creation only.
     */
    runningDesiredCapacity?: pulumi.Input<number | undefined>;
    /** Target tracking: ALB requests per instance per minute (ALBRequestCountPerTarget). Required, 1 or more. */
    targetRequestsPerInstance: number;
    /** Seconds a new instance needs before its metrics count (default instance warmup), 0 to 3600. Default `180`. */
    instanceWarmupSeconds?: number;
    /** Root volume size in GiB, 8 to 16384; always encrypted gp3. Default `20`. */
    rootVolumeSizeGiB?: number;
    /** KMS key for the root volume. Default: the account's default EBS key. */
    rootVolumeKmsKeyId?: pulumi.Input<string>;
    /** Warm pool. Default: none. */
    warmPool?: WebTierWarmPoolArgs;
    /**
     * Name of an existing instance profile. Its role must allow what
     * `bootstrapHookPolicy(asgArn)` allows when the bootstrap hook is on. Default: the
     * component creates a role and profile with AmazonSSMManagedInstanceCore and the
     * bootstrap hook's two actions only, so the package works alone.
     */
    instanceProfileName?: pulumi.Input<string>;
    /**
     * The launch lifecycle hook `bootstrap-ready` that keeps each launch (into the group,
     * into and out of the warm pool) out of service until the instance completes it; the
     * user data must do so on every boot (see the README). `false` turns it off.
     * Default: on, with a heartbeat timeout of 900 s (30 to 7200).
     */
    bootstrapHook?: false | { heartbeatTimeoutSeconds?: number };
    /**
     * Keep the launch template version the group runs (Pulumi ignores changes to it), so
     * no instance refresh starts: set it while a match is on. Default `false`.
     */
    freezeLaunchTemplate?: boolean;
    /** Deletion protection of the load balancer. Default `true`. */
    deletionProtection?: boolean;
    /**
     * Load balancer access logs into this S3 bucket (it must let the region's log
     * delivery write, and use SSE-S3: ALB access logs do not support SSE-KMS), under
     * `prefix`. Default: off.
     */
    accessLogs?: { bucket: pulumi.Input<string>; prefix?: string };
    /** One-minute EC2 metrics. Default `true`. */
    detailedMonitoring?: boolean;
    /** Weight of the tier's own target group when {@link additionalForwardTargets} is set, 0 to 999. Default `100`. */
    forwardWeight?: number;
    /** More target groups the primary listener forwards to by weight, at most 4. Default: none. */
    additionalForwardTargets?: WebTierForwardTarget[];
    /**
     * One-time scheduled actions (e.g. raise the minimum before a kickoff, release it
     * after the match), at most 125. A size an action omits is left unchanged.
     * Default: none.
     */
    scheduledActions?: WebTierScheduledAction[];
    /** Tags for every taggable child. Default: none. */
    tags?: Record<string, string>;
}

/** Problems with the args, as sentences naming the field and what is allowed; empty when valid. */
export function scalingWebTierArgsProblems(name: string, args: ScalingWebTierArgs): string[] {
    const p: string[] = [...tierNameProblems(name)];
    if (!isExistingNetwork(args.network)) {
        const az = args.network.availabilityZoneCount;
        if (!Number.isInteger(az) || az < 2 || az > 6) p.push(`network.availabilityZoneCount = ${az}: must be a whole number from 2 to 6`);
    }
    if (!INSTANCE_TYPE_PATTERN.test(args.instanceType)) p.push(`instanceType "${args.instanceType}": must look like family.size, e.g. t3.small`);
    p.push(...capacityProblems(args.capacity).map((s) => `capacity.${s}`));
    const port = args.appPort ?? 8080;
    if (!Number.isInteger(port) || port < 1 || port > 65535 || port === 22 || port === 3389) {
        p.push(`appPort = ${port}: must be 1 to 65535 and not an administration port (22, 3389)`);
    }
    if (!Number.isInteger(args.targetRequestsPerInstance) || args.targetRequestsPerInstance < 1) {
        p.push(`targetRequestsPerInstance = ${args.targetRequestsPerInstance}: must be a whole number of 1 or more`);
    }
    if (args.warmPool && (!Number.isInteger(args.warmPool.minSize) || args.warmPool.minSize < 0 || args.warmPool.minSize > args.capacity.max)) {
        p.push(`warmPool.minSize = ${args.warmPool.minSize}: must be a whole number from 0 to capacity.max (${args.capacity.max})`);
    }
    p.push(...scheduledActionProblems(args.scheduledActions ?? [], args.capacity.max));
    const hookTimeout = args.bootstrapHook === false ? undefined : args.bootstrapHook?.heartbeatTimeoutSeconds;
    if (hookTimeout !== undefined && (!Number.isInteger(hookTimeout) || hookTimeout < 30 || hookTimeout > 7200)) {
        p.push(`bootstrapHook.heartbeatTimeoutSeconds = ${hookTimeout}: must be a whole number from 30 to 7200`);
    }
    const extra = args.additionalForwardTargets ?? [];
    if (extra.length > 4) p.push(`additionalForwardTargets: at most 4 (an ALB forward action takes 5 target groups)`);
    for (const w of [args.forwardWeight ?? 100, ...extra.map((t) => t.weight)]) {
        if (!Number.isInteger(w) || w < 0 || w > 999) p.push(`forward weight ${w}: must be a whole number from 0 to 999`);
    }
    return p;
}

/**
 * Load balancer fields Pulumi leaves to others: `minimumLoadBalancerCapacity` is set and
 * reset by EventBridge Scheduler (the capacity reservation schedules), never by a deploy.
 */
export const LOAD_BALANCER_IGNORED_FIELDS: readonly string[] = ["minimumLoadBalancerCapacity"];

/**
 * An elastic web tier: VPC, internet-facing Application Load Balancer, launch template
 * (IMDSv2, encrypted root volume) and an Auto Scaling group with target tracking,
 * rolling instance refresh and an optional warm pool. A deploy never sets the running
 * group's desired capacity after creation, so it never scales the fleet in by itself.
 */
export class ScalingWebTier extends pulumi.ComponentResource {
    /** DNS name of the load balancer. */
    public readonly albDnsName: pulumi.Output<string>;
    /** ARN of the load balancer. */
    public readonly albArn: pulumi.Output<string>;
    /** ARN suffix of the load balancer (CloudWatch dimension `LoadBalancer`). */
    public readonly albArnSuffix: pulumi.Output<string>;
    /** Security group of the load balancer (other components add egress rules to it). */
    public readonly albSecurityGroupId: pulumi.Output<string>;
    /** Security group of the instances. */
    public readonly instanceSecurityGroupId: pulumi.Output<string>;
    /** The tier's own target group. */
    public readonly targetGroup: aws.lb.TargetGroup;
    /** ARN suffix of the target group (CloudWatch dimension `TargetGroup`). */
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    /** The listener that forwards traffic (HTTPS when a certificate is set, else HTTP). */
    public readonly listener: aws.lb.Listener;
    /** Name of the Auto Scaling group. */
    public readonly asgName: pulumi.Output<string>;
    /** ARN of the Auto Scaling group. */
    public readonly asgArn: pulumi.Output<string>;
    /** VPC id. */
    public readonly vpcId: pulumi.Output<string>;
    /** Public subnet ids (the load balancer's). */
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    /** Private subnet ids (the instances'). */
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    /** A warning to show a person (e.g. plain HTTP), or undefined. */
    public readonly warning: string | undefined;

    constructor(name: string, args: ScalingWebTierArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:web:ScalingWebTier", name, {}, opts);
        const problems = scalingWebTierArgsProblems(name, args);
        if (problems.length > 0) {
            throw new Error(`ScalingWebTier "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const tags = args.tags ?? {};
        const appPort = args.appPort ?? 8080;
        const listenerPlan = decideListeners(args.certificateArn !== undefined);

        const vpc = declareNetwork(this, name, args.network, tags);
        const groups = declareSecurityGroups(this, name, vpc.vpcId, decideSecurityRules(listenerPlan.listeners, appPort), tags);
        const alb = declareLoadBalancer(this, name, args, vpc.publicSubnetIds, groups.alb, tags);
        this.targetGroup = declareTargetGroup(this, name, args.healthCheck ?? {}, vpc.vpcId, appPort, tags);
        const listeners = declareListeners(this, name, args, listenerPlan.listeners, alb, this.targetGroup, tags);
        this.listener = listeners[listenerPlan.primary]!;
        this.warning = listenerPlan.warning;
        if (this.warning) pulumi.log.warn(this.warning, this);

        const defaultRole = args.instanceProfileName === undefined ? this.defaultInstanceRole(name, tags) : undefined;
        const instanceProfileName = args.instanceProfileName
            ?? new aws.iam.InstanceProfile(`${name}-instance-profile`, { role: defaultRole!.role.name, tags }, { parent: this }).name;
        const bootstrapHook = args.bootstrapHook === false ? undefined : decideBootstrapHook(args.bootstrapHook?.heartbeatTimeoutSeconds);
        const launchTemplate = declareLaunchTemplate(this, name, args, instanceProfileName, groups.instances, tags);
        const asg = declareGroup(this, name, args, { subnetIds: vpc.privateSubnetIds, launchTemplate, targetGroup: this.targetGroup, bootstrapHook, listeners: Object.values(listeners) }, tags);
        declareTargetTracking(this, name, args.targetRequestsPerInstance, asg, alb, this.targetGroup, Object.values(listeners));
        if (defaultRole && bootstrapHook) declareBootstrapHookPermission(this, name, defaultRole, asg, tags);
        declareScheduledActions(this, name, args.scheduledActions ?? [], asg);

        this.albDnsName = alb.dnsName;
        this.albArn = alb.arn;
        this.albArnSuffix = alb.arnSuffix;
        this.albSecurityGroupId = groups.alb.id;
        this.instanceSecurityGroupId = groups.instances.id;
        this.targetGroupArnSuffix = this.targetGroup.arnSuffix;
        this.asgName = asg.name;
        this.asgArn = asg.arn;
        this.vpcId = vpc.vpcId;
        this.publicSubnetIds = vpc.publicSubnetIds;
        this.privateSubnetIds = vpc.privateSubnetIds;
        this.registerOutputs({
            albDnsName: this.albDnsName,
            albArn: this.albArn,
            albArnSuffix: this.albArnSuffix,
            albSecurityGroupId: this.albSecurityGroupId,
            instanceSecurityGroupId: this.instanceSecurityGroupId,
            targetGroupArn: this.targetGroup.arn,
            targetGroupArnSuffix: this.targetGroupArnSuffix,
            listenerArn: this.listener.arn,
            asgName: this.asgName,
            asgArn: this.asgArn,
            vpcId: this.vpcId,
            publicSubnetIds: this.publicSubnetIds,
            privateSubnetIds: this.privateSubnetIds,
        });
    }

    /** Least-privilege instance role: Session Manager access (and the bootstrap hook, attached once the group exists). */
    private defaultInstanceRole(name: string, tags: Record<string, string>): DeclaredRole {
        return declareRole(`${name}-instance-role`, {
            trust: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            description: "Web tier instances: SSM managed instance core only",
            attachments: [{ resourceName: `${name}-instance-ssm`, policyArn: aws.iam.ManagedPolicy.AmazonSSMManagedInstanceCore }],
            tags,
        }, { parent: this });
    }
}

type Tags = Record<string, string>;

/** The tier's own VPC, or the caller's network as outputs. */
function declareNetwork(parent: pulumi.Resource, name: string, network: ScalingWebTierArgs["network"], tags: Tags) {
    return isExistingNetwork(network)
        ? {
            vpcId: pulumi.output(network.vpcId),
            publicSubnetIds: pulumi.output(network.publicSubnetIds),
            privateSubnetIds: pulumi.output(network.privateSubnetIds),
        }
        : new awsx.ec2.Vpc(webTierVpcName(name), webTierVpcArgs(name, network, tags), { parent });
}

/** Security groups without inline rules; every rule is its own resource. */
function declareSecurityGroups(parent: pulumi.Resource, name: string, vpcId: pulumi.Input<string>, rules: ReturnType<typeof decideSecurityRules>, tags: Tags): Record<GroupRole, aws.ec2.SecurityGroup> {
    const child = { parent };
    const groups: Record<GroupRole, aws.ec2.SecurityGroup> = {
        alb: new aws.ec2.SecurityGroup(`${name}-alb-sg`, {
            vpcId,
            description: "Public load balancer of the web tier",
            tags: { ...tags, Name: `${name}-alb` },
        }, child),
        instances: new aws.ec2.SecurityGroup(`${name}-instances-sg`, {
            vpcId,
            description: "Web instances: app port from the load balancer only",
            tags: { ...tags, Name: `${name}-instances` },
        }, child),
    };
    for (const rule of rules) {
        const ruleArgs = {
            securityGroupId: groups[rule.group].id,
            ipProtocol: "tcp",
            fromPort: rule.port,
            toPort: rule.port,
            description: rule.description,
            ...(rule.cidrIpv4 !== undefined ? { cidrIpv4: rule.cidrIpv4 } : { referencedSecurityGroupId: groups[rule.peer!].id }),
            tags,
        };
        const ruleName = `${name}-${rule.group}-${rule.direction}-${rule.role}`;
        if (rule.direction === "ingress") new aws.vpc.SecurityGroupIngressRule(ruleName, ruleArgs, child);
        else new aws.vpc.SecurityGroupEgressRule(ruleName, ruleArgs, child);
    }
    return groups;
}

function declareLoadBalancer(parent: pulumi.Resource, name: string, args: ScalingWebTierArgs, subnets: pulumi.Input<string[]>, group: aws.ec2.SecurityGroup, tags: Tags): aws.lb.LoadBalancer {
    return new aws.lb.LoadBalancer(`${name}-alb`, {
        loadBalancerType: "application",
        internal: false,
        subnets,
        securityGroups: [group.id],
        dropInvalidHeaderFields: true,
        enableDeletionProtection: args.deletionProtection ?? true,
        idleTimeout: 60,
        ...(args.accessLogs ? { accessLogs: { bucket: args.accessLogs.bucket, prefix: args.accessLogs.prefix, enabled: true } } : {}),
        tags,
    }, {
        parent,
        // The LCU reservation belongs to the capacity schedules (@kgsports/capacity-reservations).
        // Without this, a refresh reads the reservation a schedule set, the program declares
        // none, and the provider's update sends ModifyCapacityReservation with
        // ResetCapacityReservation=true: a deploy on match day would cancel the reservation.
        ignoreChanges: [...LOAD_BALANCER_IGNORED_FIELDS],
    });
}

function declareTargetGroup(parent: pulumi.Resource, name: string, hc: WebTierHealthCheckArgs, vpcId: pulumi.Input<string>, appPort: number, tags: Tags): aws.lb.TargetGroup {
    return new aws.lb.TargetGroup(`${name}-tg`, {
        vpcId,
        targetType: "instance",
        protocol: "HTTP",
        port: appPort,
        deregistrationDelay: 30,
        healthCheck: {
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: hc.path ?? "/healthz",
            matcher: hc.matcher ?? "200-399",
            interval: hc.intervalSeconds ?? 15,
            timeout: 5,
            healthyThreshold: hc.healthyThreshold ?? 2,
            unhealthyThreshold: hc.unhealthyThreshold ?? 3,
        },
        tags,
    }, { parent });
}

function declareListeners(
    parent: pulumi.Resource,
    name: string,
    args: ScalingWebTierArgs,
    specs: readonly ListenerSpec[],
    alb: aws.lb.LoadBalancer,
    targetGroup: aws.lb.TargetGroup,
    tags: Tags,
): Partial<Record<ListenerSpec["role"], aws.lb.Listener>> {
    const forwardAction = decideForwardAction(targetGroup.arn, args.additionalForwardTargets ?? [], args.forwardWeight);
    const listeners: Partial<Record<ListenerSpec["role"], aws.lb.Listener>> = {};
    for (const l of specs) {
        listeners[l.role] = new aws.lb.Listener(`${name}-listener-${l.role}`, {
            loadBalancerArn: alb.arn,
            port: l.port,
            protocol: l.protocol,
            ...(l.protocol === "HTTPS" ? { certificateArn: args.certificateArn, sslPolicy: args.sslPolicy ?? DEFAULT_TLS_POLICY } : {}),
            defaultActions: [
                l.action === "forward"
                    ? forwardAction
                    : { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
            ],
            tags,
        }, { parent });
    }
    return listeners;
}

function declareLaunchTemplate(
    parent: pulumi.Resource,
    name: string,
    args: ScalingWebTierArgs,
    instanceProfileName: pulumi.Input<string>,
    group: aws.ec2.SecurityGroup,
    tags: Tags,
): aws.ec2.LaunchTemplate {
    const imageId = args.amiId ?? aws.ssm.getParameterOutput(
        { name: defaultAmiParameter(instanceArchitecture(args.instanceType)) }, { parent },
    ).value;
    return new aws.ec2.LaunchTemplate(`${name}-lt`, {
        imageId,
        instanceType: args.instanceType,
        iamInstanceProfile: { name: instanceProfileName },
        vpcSecurityGroupIds: [group.id],
        metadataOptions: decideMetadataOptions(),
        blockDeviceMappings: [decideRootVolume(args.rootVolumeSizeGiB ?? 20)].map((m) => ({
            ...m,
            ebs: { ...m.ebs, ...(args.rootVolumeKmsKeyId ? { kmsKeyId: args.rootVolumeKmsKeyId } : {}) },
        })),
        monitoring: { enabled: args.detailedMonitoring ?? true },
        userData: args.userData !== undefined ? Buffer.from(args.userData, "utf8").toString("base64") : undefined,
        updateDefaultVersion: true,
        tagSpecifications: ["instance", "volume"].map((resourceType) => ({
            resourceType,
            tags: { ...tags, Name: webTierNameTag(name) },
        })),
        tags,
    }, { parent });
}

function declareGroup(
    parent: pulumi.Resource,
    name: string,
    args: ScalingWebTierArgs,
    on: {
        subnetIds: pulumi.Input<string[]>;
        launchTemplate: aws.ec2.LaunchTemplate;
        targetGroup: aws.lb.TargetGroup;
        bootstrapHook: ReturnType<typeof decideBootstrapHook> | undefined;
        listeners: aws.lb.Listener[];
    },
    tags: Tags,
): aws.autoscaling.Group {
    const capacity = args.capacity;
    const warmup = args.instanceWarmupSeconds ?? 180;
    return new aws.autoscaling.Group(`${name}-asg`, {
        vpcZoneIdentifiers: on.subnetIds,
        minSize: capacity.min,
        maxSize: capacity.max,
        // At creation only (RUNTIME_OWNED_GROUP_PROPERTIES below), or raise-only from the
        // live value when the caller reads it.
        desiredCapacity: args.runningDesiredCapacity === undefined
            ? capacity.desired
            : pulumi.output(args.runningDesiredCapacity).apply((live) => raiseOnlyDesiredCapacity(capacity, live)),
        launchTemplate: {
            id: on.launchTemplate.id,
            // A pinned version (not "$Latest") is what makes a template change start a refresh.
            version: on.launchTemplate.latestVersion.apply(String),
        },
        targetGroupArns: [on.targetGroup.arn],
        // The provider otherwise waits, after any change of minSize, until exactly
        // max(minSize, desiredCapacity) instances are healthy, with desiredCapacity being
        // the creation value we no longer send: with target tracking running, that never
        // happens and the deploy fails after 10 minutes, before the scheduled actions.
        waitForCapacityTimeout: "0",
        healthCheckType: "ELB",
        healthCheckGracePeriod: warmup,
        defaultInstanceWarmup: warmup,
        enabledMetrics: GROUP_METRICS,
        metricsGranularity: "1Minute",
        terminationPolicies: ["OldestLaunchTemplate", "OldestInstance"],
        // Only at creation (the provider's rule): a hook must exist before the first launch.
        initialLifecycleHooks: on.bootstrapHook ? [on.bootstrapHook] : undefined,
        instanceRefresh: decideInstanceRefresh(warmup),
        warmPool: decideWarmPool(args.warmPool),
        tags: Object.entries({ ...tags, Name: webTierNameTag(name) }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
    }, {
        parent,
        ignoreChanges: [
            ...(args.runningDesiredCapacity === undefined ? RUNTIME_OWNED_GROUP_PROPERTIES : []),
            ...(args.freezeLaunchTemplate ? ["launchTemplate"] : []),
        ],
        // Traffic must reach the group through a listener before the request-count metric exists.
        dependsOn: on.listeners,
    });
}

function declareTargetTracking(
    parent: pulumi.Resource,
    name: string,
    targetRequestsPerInstance: number,
    asg: aws.autoscaling.Group,
    alb: aws.lb.LoadBalancer,
    targetGroup: aws.lb.TargetGroup,
    listeners: aws.lb.Listener[],
): aws.autoscaling.Policy {
    return new aws.autoscaling.Policy(`${name}-requests-per-instance`, {
        autoscalingGroupName: asg.name,
        policyType: "TargetTrackingScaling",
        targetTrackingConfiguration: {
            predefinedMetricSpecification: {
                predefinedMetricType: "ALBRequestCountPerTarget",
                resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${targetGroup.arnSuffix}`,
            },
            targetValue: targetRequestsPerInstance,
        },
    }, { parent, dependsOn: listeners });
}

/** The default instance role may complete its own group's launch hook: a policy that names the group, so attached after it. */
function declareBootstrapHookPermission(parent: pulumi.Resource, name: string, role: DeclaredRole, asg: aws.autoscaling.Group, tags: Tags): void {
    const hookPolicy = new aws.iam.Policy(`${name}-instance-bootstrap-hook`, {
        description: "Web instances: complete their own group's launch lifecycle hook",
        policy: asg.arn.apply((arn) => JSON.stringify(bootstrapHookPolicy(arn))),
        tags,
    }, { parent });
    role.attach({ resourceName: `${name}-instance-hook`, policyArn: hookPolicy.arn });
}

function declareScheduledActions(parent: pulumi.Resource, name: string, actions: readonly WebTierScheduledAction[], asg: aws.autoscaling.Group): void {
    for (const action of actions) {
        new aws.autoscaling.Schedule(`${name}-scheduled-${action.name}`, {
            autoscalingGroupName: asg.name,
            scheduledActionName: action.name,
            startTime: action.startTime,
            ...scheduledSizes(action),
        }, { parent });
    }
}
