/**
 * CapacityReservations under the mock runtime: what it declares for a small match day
 * (one LCU raise, one reset, two zone reservations), the request each schedule sends,
 * the failure alarm against the metric catalogue, what the execution role may do under
 * an IAM policy simulator, and the validation of its args.
 */
import { expect } from "chai";
import { CapacityReservations, CapacityReservationsArgs, capacityReservationsArgsProblems, capacityReservationsNames } from "@kgsports/capacity-reservations";
import { declare, named, ofType, one } from "./helpers/declare";
import { decide } from "./helpers/iamSimulator";
import { metricsOfAlarm, unpublishedReason } from "./helpers/cloudwatchMetricCatalogue";
import type { DeclaredResource, MockRun } from "../stacks/plan/mockRuntime";

const T = {
    component: "kgsports:capacity:CapacityReservations",
    group: "aws:scheduler/scheduleGroup:ScheduleGroup",
    schedule: "aws:scheduler/schedule:Schedule",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
};

const ACCOUNT = "123456789012"; // the mock account (stacks/plan/fakeCloud.ts)
const REGION = "ap-northeast-2";
const PREFIX = "kgsports-matchday";
const LB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web/0123456789abcdef`;
const OTHER_LB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/other/fedcba9876543210`;
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-alerts-warning`;
const ZONES = ["ap-northeast-2a", "ap-northeast-2c"];
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-capacity-scheduler`;
const RESERVATIONS = `arn:aws:ec2:${REGION}:${ACCOUNT}:capacity-reservation/cr-0123456789abcdef0`;

function args(): CapacityReservationsArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: {
            arn: LB_ARN,
            requests: [{ name: "lcu-2027-04-03-raise", at: "2027-04-03T05:00:00", capacityUnits: 120 }],
            resets: [{ name: "lcu-2027-04-03-reset", at: "2027-04-03T14:00:00" }],
        },
        instances: {
            instanceType: "m7g.large",
            availabilityZones: ZONES,
            creates: [
                { name: "odcr-2027-04-03-a", at: "2027-04-03T03:00:00", zoneIndex: 0, instanceCount: 6, endDate: "2027-04-03T14:00:00Z", clientToken: "kgs-2027-04-03-a" },
                { name: "odcr-2027-04-03-c", at: "2027-04-03T03:00:00", zoneIndex: 1, instanceCount: 5, endDate: "2027-04-03T14:00:00Z", clientToken: "kgs-2027-04-03-c" },
            ],
        },
        alarmTopicArns: [TOPIC],
        permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/${PREFIX}-workload-boundary`,
        tags: { Project: "kgsports" },
    };
}

const inputOf = (r: DeclaredResource) => JSON.parse(String((r.inputs.target as { input: string }).input)) as Record<string, unknown>;
const docOf = (r: DeclaredResource, field: string) => JSON.parse(String(r.inputs[field])) as object;

describe("CapacityReservations", function () {
    let run: MockRun<CapacityReservations>;
    before(async () => {
        run = await declare(() => new CapacityReservations("capacity", args()));
    });

    it("declares the group, one role with its managed policy, one schedule per entry and the alarm, all children of the component", () => {
        const r = run.resources;
        expect(ofType(r, T.component)).to.have.length(1);
        const component = one(r, T.component);
        expect(ofType(r, T.group)).to.have.length(1);
        expect(ofType(r, T.role)).to.have.length(1);
        expect(ofType(r, T.policy)).to.have.length(1);
        expect(ofType(r, T.attachment)).to.have.length(1);
        // 1 raise + 1 reset + 2 zone reservations = 4 schedules.
        expect(ofType(r, T.schedule)).to.have.length(4);
        expect(ofType(r, T.alarm)).to.have.length(1);
        for (const x of r.filter((x) => x.type !== T.component)) expect(x.parent, x.name).to.equal(component.urn);
        expect(new Set(r.map((x) => x.urn)).size).to.equal(r.length);
        const names = capacityReservationsNames(PREFIX);
        expect(names).to.deep.equal({
            scheduleGroup: "kgsports-matchday-capacity",
            schedulerRole: "kgsports-matchday-capacity-scheduler",
            schedulerPolicy: "kgsports-matchday-capacity-scheduler",
            failureAlarm: "kgsports-matchday-capacity-schedule-failed",
            leftStandingAlarm: "kgsports-matchday-capacity-lcu-left-standing",
        });
        expect(one(r, T.group).inputs.name).to.equal(names.scheduleGroup);
        expect(one(r, T.role).inputs.name).to.equal(names.schedulerRole);
        expect(one(r, T.role).inputs.permissionsBoundary).to.equal(`arn:aws:iam::${ACCOUNT}:policy/${PREFIX}-workload-boundary`);
        expect(one(r, T.alarm).inputs.name).to.equal(names.failureAlarm);
    });

    it("gives every schedule a one-time UTC expression in the group, no flexible window, kept after it runs", () => {
        for (const s of ofType(run.resources, T.schedule)) {
            expect(s.inputs.groupName).to.equal(`${PREFIX}-capacity`);
            expect(s.inputs.scheduleExpressionTimezone).to.equal("UTC");
            expect(s.inputs.flexibleTimeWindow).to.deep.equal({ mode: "OFF" });
            expect(s.inputs.actionAfterCompletion).to.equal("NONE");
            expect((s.inputs.target as { roleArn: string }).roleArn).to.equal(ROLE_ARN);
            // The policy attachment exists before any schedule can run.
            expect(s.options.dependsOn).to.include(one(run.resources, T.attachment).urn);
        }
        expect(named(run.resources, "capacity-schedule-lcu-2027-04-03-raise").inputs.scheduleExpression).to.equal("at(2027-04-03T05:00:00)");
        expect(named(run.resources, "capacity-schedule-odcr-2027-04-03-a").inputs.scheduleExpression).to.equal("at(2027-04-03T03:00:00)");
    });

    it("sends ModifyCapacityReservation with the units, then with ResetCapacityReservation", () => {
        const raise = named(run.resources, "capacity-schedule-lcu-2027-04-03-raise");
        const reset = named(run.resources, "capacity-schedule-lcu-2027-04-03-reset");
        for (const s of [raise, reset]) {
            expect((s.inputs.target as { arn: string }).arn).to.equal("arn:aws:scheduler:::aws-sdk:elasticloadbalancingv2:modifyCapacityReservation");
            expect((s.inputs.target as { retryPolicy: object }).retryPolicy).to.deep.equal({ maximumEventAgeInSeconds: 900, maximumRetryAttempts: 3 });
        }
        expect(inputOf(raise)).to.deep.equal({ LoadBalancerArn: LB_ARN, MinimumLoadBalancerCapacity: { CapacityUnits: 120 } });
        expect(inputOf(reset)).to.deep.equal({ LoadBalancerArn: LB_ARN, ResetCapacityReservation: true });
    });

    it("sends CreateCapacityReservation for the entry's zone, open, ending at endDate, tagged at creation", () => {
        const c = named(run.resources, "capacity-schedule-odcr-2027-04-03-c");
        expect((c.inputs.target as { arn: string }).arn).to.equal("arn:aws:scheduler:::aws-sdk:ec2:createCapacityReservation");
        expect((c.inputs.target as { retryPolicy: object }).retryPolicy).to.deep.equal({ maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 });
        expect(inputOf(c)).to.deep.equal({
            ClientToken: "kgs-2027-04-03-c",
            InstanceType: "m7g.large",
            InstancePlatform: "Linux/UNIX",
            AvailabilityZone: "ap-northeast-2c", // zoneIndex 1 of ZONES
            InstanceCount: 5,
            InstanceMatchCriteria: "open",
            EndDateType: "limited",
            EndDate: "2027-04-03T14:00:00Z",
            TagSpecifications: [{ ResourceType: "capacity-reservation", Tags: [{ Key: "Project", Value: "kgsports" }, { Key: "Name", Value: "kgsports-matchday-odcr-2027-04-03-c" }] }],
        });
        expect((inputOf(named(run.resources, "capacity-schedule-odcr-2027-04-03-a")) as { AvailabilityZone: string }).AvailabilityZone).to.equal("ap-northeast-2a");
    });

    it("alarms on the sum of the group's target errors and dropped invocations, metrics CloudWatch publishes", () => {
        const alarm = one(run.resources, T.alarm);
        expect(alarm.inputs.alarmActions).to.deep.equal([TOPIC]);
        expect(alarm.inputs.treatMissingData).to.equal("notBreaching");
        expect(alarm.inputs.comparisonOperator).to.equal("GreaterThanOrEqualToThreshold");
        expect(alarm.inputs.threshold).to.equal(1);
        const watched = metricsOfAlarm("failed", alarm.inputs);
        expect(watched.map((m) => m.metricName)).to.deep.equal(["TargetErrorCount", "InvocationDroppedCount"]);
        for (const m of watched) {
            expect(m.dimensions).to.deep.equal({ ScheduleGroup: `${PREFIX}-capacity` });
            expect(unpublishedReason(m)).to.equal(undefined);
        }
        const queries = alarm.inputs.metricQueries as { id: string; expression?: string; returnData?: boolean }[];
        expect(queries.filter((q) => q.returnData)).to.deep.equal([{ id: "failed", expression: "FILL(errors, 0) + FILL(dropped, 0)", label: "Failed capacity schedule invocations", returnData: true }]);
    });

    it("outputs the names the stack needs", async () => {
        const value = <X>(o: { apply<U>(f: (x: X) => U): unknown }) => new Promise<X>((resolve) => o.apply((x: X) => { resolve(x); return x; }));
        expect(await value(run.result.scheduleGroupName)).to.equal(`${PREFIX}-capacity`);
        expect(await value(run.result.failureAlarmName)).to.equal(`${PREFIX}-capacity-schedule-failed`);
        expect(await value(run.result.schedulerRoleArn)).to.equal(ROLE_ARN);
        expect(await value(run.result.scheduleNames)).to.deep.equal(["lcu-2027-04-03-raise", "lcu-2027-04-03-reset", "odcr-2027-04-03-a", "odcr-2027-04-03-c"]);
    });

    describe("the execution role under the IAM simulator", () => {
        const ctx = { "aws:SourceAccount": ACCOUNT };
        let policy: object;
        before(() => {
            policy = docOf(one(run.resources, T.policy), "policy");
        });
        const odcr = (over: Record<string, string> = {}) => ({
            "ec2:InstanceType": "m7g.large",
            "ec2:InstancePlatform": "Linux/UNIX",
            "ec2:AvailabilityZone": "ap-northeast-2a",
            "ec2:InstanceMatchCriteria": "open",
            "ec2:EndDateType": "limited",
            ...over,
        });
        const ask = (action: string, resource: string, context: Record<string, string> = {}) =>
            decide([policy], { principal: ROLE_ARN, action, resource, context: { ...ctx, ...context } });

        it("may change this load balancer's reservation and nothing else of it", async () => {
            expect(await ask("elasticloadbalancing:ModifyCapacityReservation", LB_ARN)).to.equal("Allowed");
            expect(await ask("elasticloadbalancing:ModifyCapacityReservation", OTHER_LB_ARN)).to.equal("ImplicitlyDenied");
            expect(await ask("elasticloadbalancing:DeleteLoadBalancer", LB_ARN)).to.equal("ImplicitlyDenied");
        });

        it("may create reservations of the fleet's type, platform and zones only, and tag only while creating them", async () => {
            expect(await ask("ec2:CreateCapacityReservation", RESERVATIONS, odcr())).to.equal("Allowed");
            expect(await ask("ec2:CreateCapacityReservation", RESERVATIONS, odcr({ "ec2:InstanceType": "p5.48xlarge" }))).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:CreateCapacityReservation", RESERVATIONS, odcr({ "ec2:AvailabilityZone": "ap-northeast-2b" }))).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:CreateCapacityReservation", RESERVATIONS, odcr({ "ec2:EndDateType": "unlimited" }))).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:CreateCapacityReservation", RESERVATIONS, odcr({ "ec2:InstanceMatchCriteria": "targeted" }))).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:CreateTags", RESERVATIONS, { "ec2:CreateAction": "CreateCapacityReservation" })).to.equal("Allowed");
            expect(await ask("ec2:CreateTags", RESERVATIONS)).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:CreateTags", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/i-0123456789abcdef0`, { "ec2:CreateAction": "RunInstances" })).to.equal("ImplicitlyDenied");
            expect(await ask("ec2:RunInstances", `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`)).to.equal("ImplicitlyDenied");
        });

        it("is assumable by EventBridge Scheduler only for this account's capacity group", () => {
            const trust = docOf(one(run.resources, T.role), "assumeRolePolicy");
            expect(trust).to.deep.equal({
                Version: "2012-10-17",
                Statement: [{
                    Sid: "SchedulerAssumesForOneGroup",
                    Effect: "Allow",
                    Principal: { Service: ["scheduler.amazonaws.com"] },
                    Action: ["sts:AssumeRole"],
                    Condition: {
                        StringEquals: { "aws:SourceAccount": ACCOUNT },
                        ArnEquals: { "aws:SourceArn": `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${PREFIX}-capacity` },
                    },
                }],
            });
        });
    });

    describe("validation", () => {
        it("accepts the small match day", () => {
            expect(capacityReservationsArgsProblems(args())).to.deep.equal([]);
        });

        it("names each bad field", () => {
            const a = args();
            a.namePrefix = "kgsports_matchday";
            a.loadBalancer!.requests.push({ name: "lcu raise", at: "2027-04-03 05:00", capacityUnits: 2.5 });
            a.loadBalancer!.resets.push({ name: "lcu-2027-04-03-reset", at: "2027-02-30T01:00:00" });
            a.instances!.creates.push({ name: "odcr-b", at: "2027-04-03T03:00:00", zoneIndex: 2, instanceCount: 0, endDate: "2027-04-03T02:00:00Z", clientToken: "x".repeat(65) });
            a.instances!.creates.push({ name: "odcr-d", at: "2027-04-03T03:00:00", zoneIndex: -1, instanceCount: 1, endDate: "2027-04-03T14:00:00", clientToken: "kgs-2027-04-03-a" });
            const p = capacityReservationsArgsProblems(a);
            const expected = [
                'namePrefix = "kgsports_matchday"',
                'loadBalancer.requests[1].name = "lcu raise": is not a schedule name',
                'loadBalancer.requests[1].at = "2027-04-03 05:00": is not a date-time',
                "loadBalancer.requests[1].capacityUnits = 2.5: is not a whole number above 0",
                'loadBalancer.resets[1].name = "lcu-2027-04-03-reset": is also the name of loadBalancer.resets[0]',
                // February has no 30th.
                'loadBalancer.resets[1].at = "2027-02-30T01:00:00": is not a date-time',
                // Two zones: indexes 0 and 1.
                "instances.creates[2].zoneIndex = 2: is past the 2 availabilityZones; allowed: 0 to 1",
                "instances.creates[2].instanceCount = 0: is not a whole number above 0",
                'instances.creates[2].endDate = "2027-04-03T02:00:00Z": is not after at',
                "instances.creates[2].clientToken",
                "instances.creates[3].zoneIndex = -1",
                'instances.creates[3].endDate = "2027-04-03T14:00:00": is not a UTC date-time',
                'instances.creates[3].clientToken = "kgs-2027-04-03-a": is also that of instances.creates[0]',
            ];
            for (const e of expected) expect(p.some((x) => x.startsWith(e)), `${e}\nin\n${p.join("\n")}`).to.equal(true);
            expect(p).to.have.length(expected.length);
        });

        it("accepts 64-character names and tokens and refuses 65", () => {
            const a = args();
            a.loadBalancer!.requests[0].name = "n".repeat(64);
            a.instances!.creates[0].clientToken = "t".repeat(64);
            expect(capacityReservationsArgsProblems(a)).to.deep.equal([]);
            a.loadBalancer!.requests[0].name = "n".repeat(65);
            expect(capacityReservationsArgsProblems(a)).to.have.length(1);
        });

        it("throws before declaring anything", async () => {
            const a = args();
            a.loadBalancer!.requests[0].capacityUnits = 0;
            let message = "";
            let declared: DeclaredResource[] | undefined;
            try {
                declared = (await declare(() => new CapacityReservations("bad", a))).resources;
            } catch (e) {
                message = (e as Error).message;
            }
            expect(declared).to.equal(undefined);
            expect(message).to.contain('CapacityReservations "bad": invalid args:');
            expect(message).to.contain("loadBalancer.requests[0].capacityUnits = 0: is not a whole number above 0");
        });
    });
});
