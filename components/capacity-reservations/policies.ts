/**
 * The execution role's IAM documents, built by typed pure functions from plain values
 * (the component resolves ARNs and the account first, then emits them with JSON.stringify).
 */
import type { InstancePlatform } from "./schedules";

export type ConditionOperator = "StringEquals" | "ArnEquals";
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, string | string[]>>>;

export interface PolicyStatement {
    /** Letters and digits only. */
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource?: string[];
    Principal?: { Service: string[] };
    Condition?: PolicyCondition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Where a document applies: from `aws.getPartitionOutput`, `getCallerIdentityOutput`, `getRegionOutput`. */
export interface AccountContext {
    partition: string;
    accountId: string;
    region: string;
}

/** ARN of a schedule group. */
export function scheduleGroupArn(ctx: AccountContext, groupName: string): string {
    return `arn:${ctx.partition}:scheduler:${ctx.region}:${ctx.accountId}:schedule-group/${groupName}`;
}

/**
 * EventBridge Scheduler may assume the role only for schedules of this account's one
 * group (confused deputy prevention: Scheduler sets aws:SourceArn to the schedule
 * group's ARN, never a schedule's).
 */
export function schedulerTrustPolicy(ctx: AccountContext, groupName: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "SchedulerAssumesForOneGroup",
            Effect: "Allow",
            Principal: { Service: ["scheduler.amazonaws.com"] },
            Action: ["sts:AssumeRole"],
            Condition: {
                StringEquals: { "aws:SourceAccount": ctx.accountId },
                ArnEquals: { "aws:SourceArn": scheduleGroupArn(ctx, groupName) },
            },
        }],
    };
}

export interface SchedulerPolicyInput {
    /** The load balancer whose reservation the schedules change; none without LB schedules. */
    loadBalancerArn?: string;
    /** The shape every reservation must have; none without ODCR schedules. */
    instances?: { instanceType: string; platform: InstancePlatform; availabilityZones: string[] };
}

/**
 * What the schedules may do, and nothing more:
 * - change the capacity reservation of that one load balancer;
 * - create capacity reservations only of the declared instance type, platform and zones,
 *   open matching, ending on a date (IAM has these request keys for
 *   CreateCapacityReservation; the count and end date are left to the schedules);
 * - tag only as part of creating a capacity reservation (ec2:CreateAction).
 * Returns undefined when there is nothing to allow (no schedules at all).
 */
export function schedulerExecutionPolicy(ctx: AccountContext, input: SchedulerPolicyInput): PolicyDocument | undefined {
    const statements: PolicyStatement[] = [];
    if (input.loadBalancerArn !== undefined) {
        statements.push({ Sid: "ModifyThisLoadBalancersCapacity", Effect: "Allow", Action: ["elasticloadbalancing:ModifyCapacityReservation"], Resource: [input.loadBalancerArn] });
    }
    if (input.instances !== undefined) {
        const reservations = `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:capacity-reservation/*`;
        statements.push(
            {
                Sid: "CreateReservationsOfTheFleetsShape",
                Effect: "Allow",
                Action: ["ec2:CreateCapacityReservation"],
                Resource: [reservations],
                Condition: {
                    StringEquals: {
                        "ec2:InstanceType": input.instances.instanceType,
                        "ec2:InstancePlatform": input.instances.platform,
                        "ec2:AvailabilityZone": [...input.instances.availabilityZones],
                        "ec2:InstanceMatchCriteria": "open",
                        "ec2:EndDateType": "limited",
                    },
                },
            },
            {
                Sid: "TagReservationsOnlyWhenCreated",
                Effect: "Allow",
                Action: ["ec2:CreateTags"],
                Resource: [reservations],
                Condition: { StringEquals: { "ec2:CreateAction": "CreateCapacityReservation" } },
            },
        );
    }
    return statements.length > 0 ? { Version: "2012-10-17", Statement: statements } : undefined;
}
