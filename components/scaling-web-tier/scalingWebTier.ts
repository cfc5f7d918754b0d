import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole, DeclaredRole } from "@kgsports/aws-role";
import * as awsx from "@pulumi/awsx";
import { raiseOnlyDesiredCapacity, RUNTIME_OWNED_GROUP_PROPERTIES } from "./capacity";
import { decideForwardAction, decideInstanceRefresh, decideWarmPool } from "./decisions";
import type { WebTierScheduledAction } from "./scheduledActions";
import { decideListeners, DEFAULT_TLS_POLICY, ListenerSpec } from "./listeners";
import { decideSecurityRules, GroupRole } from "./securityRules";
import {
    decideMetadataOptions,
    decideRootVolume,
    defaultAmiParameter,
    instanceArchitecture,
} from "./launchSettings";
import { scheduledSizes } from "./scheduledActions";
import { bootstrapHookPolicy, decideBootstrapHook } from "./bootstrapHook";
import { isExistingNetwork, webTierVpcArgs, webTierVpcName } from "./network";
import {
    GROUP_METRICS,
    webTierNameTag,
    ScalingWebTierArgs,
    scalingWebTierArgsProblems,
    LOAD_BALANCER_IGNORED_FIELDS,
    WebTierHealthCheckArgs,
} from "./args";

export * from "./args";

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
