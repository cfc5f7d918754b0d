import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "@kgsports/aws-role";
import { capacityReservationsNames } from "./naming";
import { schedulerExecutionPolicy, schedulerTrustPolicy } from "./policies";
import {
    atExpression,
    capacityRequestInput,
    capacityResetInput,
    CREATE_CAPACITY_RESERVATION_TARGET,
    DEFAULT_INSTANCE_PLATFORM,
    INSTANCE_RESERVATION_RETRY,
    instanceReservationInput,
    LOAD_BALANCER_RETRY,
    MODIFY_LB_CAPACITY_TARGET,
    RetryPolicy,
} from "./schedules";
import { capacityReservationsArgsProblems } from "./validation";
import {
    CapacityReservationsArgs,
    MAX_DESCRIPTION_LENGTH,
    loadBalancerDimension,
    SET_AT_CREATION,
    FAILURE_ALARM_PERIOD_SECONDS,
} from "./args";

export * from "./args";

/**
 * One-time EventBridge Scheduler schedules that reserve the load balancer's LCUs before a
 * match and reset them after, and create On-Demand Capacity Reservations hours before
 * the pre-warm (ending by themselves), run by a role that may do exactly that, with an
 * alarm when any of them fails. The load balancer itself never declares
 * `minimumLoadBalancerCapacity` (the next deploy would reset the reservation).
 */
export class CapacityReservations extends pulumi.ComponentResource {
    public readonly scheduleGroupName: pulumi.Output<string>;
    public readonly schedulerRoleArn: pulumi.Output<string>;
    /**
     * The roles this component passes to AWS services: the schedules' execution role
     * (`scheduler.amazonaws.com`). A deploy role passes exactly these (AccessControl's `deployRole.serviceRoles`).
     */
    public readonly serviceRoles: pulumi.Output<{ roleName: string; service: string }[]>;
    public readonly failureAlarmName: pulumi.Output<string>;
    /** The alarm on a load balancer reservation held longer than any match day's, when `loadBalancer.leftStandingAfterHours` is set. */
    public readonly leftStandingAlarmName: pulumi.Output<string> | undefined;
    /** Names of the schedules, in the order: LB requests, LB resets, instance creates. */
    public readonly scheduleNames: pulumi.Output<string[]>;

    constructor(name: string, args: CapacityReservationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:capacity:CapacityReservations", name, {}, opts);
        const problems = capacityReservationsArgsProblems(args);
        if (problems.length > 0) {
            throw new Error(`CapacityReservations "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const child = { parent: this };
        const names = capacityReservationsNames(args.namePrefix);
        const tags = args.tags ?? {};
        const ctx = pulumi.all([
            aws.getPartitionOutput({}, child).partition,
            aws.getCallerIdentityOutput({}, child).accountId,
            aws.getRegionOutput({}, child).region,
        ]).apply(([partition, accountId, region]) => ({ partition, accountId, region }));

        const group = new aws.scheduler.ScheduleGroup(`${name}-group`, { name: names.scheduleGroup, tags }, child);

        const scheduler = declareRole(`${name}-scheduler-role`, {
            name: names.schedulerRole,
            description: "EventBridge Scheduler: reserves load balancer and instance capacity for match windows",
            permissionsBoundary: args.permissionsBoundary,
            trust: pulumi.all([ctx, group.name]).apply(([c, g]) => JSON.stringify(schedulerTrustPolicy(c, g))),
            tags,
        }, child);
        const role = scheduler.role;

        const lb = args.loadBalancer;
        const inst = args.instances;
        const platform = inst?.platform ?? DEFAULT_INSTANCE_PLATFORM;
        const shape = inst
            ? pulumi.all([inst.instanceType, inst.availabilityZones]).apply(([instanceType, availabilityZones]) => ({ instanceType, platform, availabilityZones }))
            : undefined;
        const dependsOn: pulumi.Resource[] = [];
        if (lb !== undefined || inst !== undefined) {
            // A managed policy, not an inline one: the deploy role may not write inline policies.
            const policy = new aws.iam.Policy(`${name}-scheduler-policy`, {
                name: names.schedulerPolicy,
                description: "EventBridge Scheduler: modify one load balancer's capacity reservation; create capacity reservations of the fleet's shape",
                policy: pulumi.all([ctx, lb?.arn, shape]).apply(([c, lbArn, s]) => JSON.stringify(schedulerExecutionPolicy(c, { loadBalancerArn: lbArn, instances: s }))),
                tags,
            }, child);
            dependsOn.push(scheduler.attach({ resourceName: `${name}-scheduler-policy-attachment`, policyArn: policy.arn }));
        }

        const schedule = (entryName: string, at: string, target: string, input: pulumi.Input<string>, retryPolicy: RetryPolicy, description?: string) =>
            new aws.scheduler.Schedule(`${name}-schedule-${entryName}`, {
                name: entryName,
                ...(description !== undefined ? { description: description.slice(0, MAX_DESCRIPTION_LENGTH) } : {}),
                groupName: group.name,
                scheduleExpression: atExpression(at),
                scheduleExpressionTimezone: "UTC",
                flexibleTimeWindow: { mode: "OFF" },
                // NONE, not DELETE: a schedule AWS deletes after it runs is missing at the
                // next refresh, and the following `up` would create it again (a one-time
                // schedule in the past). Kept, it stays in state until the caller stops declaring
                // it (the stack's plan leaves out reservations that ended), which deletes it.
                actionAfterCompletion: "NONE",
                state: "ENABLED",
                target: { arn: target, roleArn: role.arn, input, retryPolicy },
            }, {
                parent: this,
                dependsOn,
                // Created once, never changed: a one-time schedule updated after its time would
                // need an `at()` in the past (AWS may refuse it, and it would never run). The
                // caller names a schedule after everything it does, so a changed call is a new
                // schedule; a late deploy's catch-up time is used only when the schedule is new.
                ignoreChanges: SET_AT_CREATION,
            });

        const schedules: aws.scheduler.Schedule[] = [];
        if (lb) {
            const lbArn = pulumi.output(lb.arn);
            for (const r of lb.requests) {
                schedules.push(schedule(r.name, r.at, MODIFY_LB_CAPACITY_TARGET, lbArn.apply((arn) => JSON.stringify(capacityRequestInput(arn, r.capacityUnits))), LOAD_BALANCER_RETRY, r.description));
            }
            for (const r of lb.resets) {
                schedules.push(schedule(r.name, r.at, MODIFY_LB_CAPACITY_TARGET, lbArn.apply((arn) => JSON.stringify(capacityResetInput(arn))), LOAD_BALANCER_RETRY, r.description));
            }
        }
        if (inst && shape) {
            shape.apply((s) => {
                const bad = inst.creates.filter((c) => c.zoneIndex >= s.availabilityZones.length);
                if (bad.length > 0) {
                    pulumi.log.error(`instances.availabilityZones holds ${s.availabilityZones.length} zones but ${bad.map((c) => `${c.name} asks for zone ${c.zoneIndex}`).join(", ")}`, this);
                }
            });
            for (const c of inst.creates) {
                schedules.push(schedule(c.name, c.at, CREATE_CAPACITY_RESERVATION_TARGET, shape.apply((s) => JSON.stringify(instanceReservationInput(c, s, args.namePrefix, tags))), INSTANCE_RESERVATION_RETRY, c.description));
            }
        }

        // Target errors (the API refused: InsufficientInstanceCapacity, a reserved-LCU quota
        // of 0, a pending reservation) and dropped invocations (retries used up), summed.
        const dimensions = { ScheduleGroup: group.name };
        const metric = (metricName: string) => ({ namespace: "AWS/Scheduler", metricName, dimensions, period: FAILURE_ALARM_PERIOD_SECONDS, stat: "Sum" });
        const alarm = new aws.cloudwatch.MetricAlarm(`${name}-failure-alarm`, {
            name: names.failureAlarm,
            alarmDescription: `A capacity schedule of ${names.scheduleGroup} failed: a reservation the match needs may be missing. Check the schedule's target (describe-capacity-reservation) hours before the window.`,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
            threshold: 1,
            evaluationPeriods: 1,
            treatMissingData: "notBreaching",
            metricQueries: [
                { id: "errors", metric: metric("TargetErrorCount"), returnData: false },
                { id: "dropped", metric: metric("InvocationDroppedCount"), returnData: false },
                { id: "failed", expression: "FILL(errors, 0) + FILL(dropped, 0)", label: "Failed capacity schedule invocations", returnData: true },
            ],
            alarmActions: args.alarmTopicArns ?? [],
            tags,
        }, child);

        // A reservation left standing: ReservedLCUs above 0 for longer than any planned
        // reservation lasts means a reset did not run (it failed while a request was
        // pending, or the fixture was removed after its request ran and its reset with it).
        // AWS bills a reservation until it is cancelled.
        let leftStanding: aws.cloudwatch.MetricAlarm | undefined;
        if (lb !== undefined && lb.leftStandingAfterHours !== undefined) {
            leftStanding = new aws.cloudwatch.MetricAlarm(`${name}-lcu-left-standing-alarm`, {
                name: names.leftStandingAlarm,
                alarmDescription:
                    `The load balancer has held an LCU reservation for more than ${lb.leftStandingAfterHours} h, longer than any match day's: a reset did not run. ` +
                    "AWS bills it until it is reset: aws elbv2 modify-capacity-reservation --load-balancer-arn <arn> --reset-capacity-reservation",
                namespace: "AWS/ApplicationELB",
                metricName: "ReservedLCUs",
                dimensions: { LoadBalancer: pulumi.output(lb.arn).apply(loadBalancerDimension) },
                statistic: "Sum",
                period: 3600,
                evaluationPeriods: lb.leftStandingAfterHours,
                comparisonOperator: "GreaterThanThreshold",
                threshold: 0,
                treatMissingData: "notBreaching",
                alarmActions: args.alarmTopicArns ?? [],
                tags,
            }, child);
        }

        this.scheduleGroupName = group.name;
        this.schedulerRoleArn = role.arn;
        // The role's name, known before the role exists: a deploy role's permission to create and pass it must not wait for it.
        this.serviceRoles = pulumi.output([{ roleName: names.schedulerRole, service: "scheduler.amazonaws.com" }]);
        this.failureAlarmName = alarm.name;
        this.scheduleNames = pulumi.all(schedules.map((s) => s.name));
        this.leftStandingAlarmName = leftStanding?.name;
        this.registerOutputs({
            scheduleGroupName: this.scheduleGroupName,
            schedulerRoleArn: this.schedulerRoleArn,
            serviceRoles: this.serviceRoles,
            failureAlarmName: this.failureAlarmName,
            scheduleNames: this.scheduleNames,
            leftStandingAlarmName: this.leftStandingAlarmName,
        });
    }
}
