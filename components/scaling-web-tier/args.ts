/**
 * ScalingWebTier's args, defaults and checks: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/scaling-web-tier/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { capacityProblems, GroupCapacity } from "./capacity";
import { INSTANCE_TYPE_PATTERN } from "./launchSettings";
import { tierNameProblems } from "./naming";
import { scheduledActionProblems, WebTierScheduledAction } from "./scheduledActions";
import { isExistingNetwork, WebTierExistingNetworkArgs, WebTierNetworkArgs } from "./networkArgs";

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
