/**
 * CapacityReservations (issue 21, after review): a schedule is created once and never
 * changed, and a reservation left standing is known.
 *
 * - A one-time schedule updated after its time would need an `at()` in the past, which
 *   AWS may refuse (and which never runs); a late deploy's catch-up time must not be
 *   re-sent by the next deploy. So every schedule ignores later changes of its time,
 *   description and target: what the provider sends on a later deploy is modelled below
 *   (only differences outside the ignored fields).
 * - A reset that did not run (refused while a request was pending, or removed with its
 *   fixture) leaves an LCU reservation AWS bills until it is cancelled: an alarm on the
 *   load balancer's ReservedLCUs held longer than any match day.
 */
import { expect } from "chai";
import { CapacityReservations, CapacityReservationsArgs, capacityReservationsArgsProblems, loadBalancerDimension, MAX_DESCRIPTION_LENGTH } from "@kgsports/capacity-reservations";
import { declare, named, ofType } from "./helpers/declare";
import { metricsOfAlarm, unpublishedReason } from "./helpers/cloudwatchMetricCatalogue";
import { leftStandingAfterHours } from "../stacks/compose";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-2";
const PREFIX = "kgsports-matchday";
const LB_ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/web-alb/0123456789abcdef`;
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:${PREFIX}-alerts-warning`;

function args(over: Partial<CapacityReservationsArgs["loadBalancer"]> = {}): CapacityReservationsArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: {
            arn: LB_ARN,
            requests: [{ name: "lcu-request-final-202705291450-a1b2c3", at: "2027-05-29T14:50:00", capacityUnits: 486, description: "reserve 486 LCU for the final" }],
            resets: [{ name: "lcu-reset-final-202705292215-d4e5f6", at: "2027-05-29T22:15:00", description: "x".repeat(600) }],
            leftStandingAfterHours: 12,
            ...over,
        },
        alarmTopicArns: [TOPIC],
    };
}

/** The fields a later deploy's update sends: the declared inputs that differ from state, outside the ignored ones. */
function sentOnUpdate(state: Record<string, unknown>, declared: Record<string, unknown>, ignoreChanges: readonly string[]): string[] {
    return Object.keys(declared).filter((k) => !ignoreChanges.includes(k) && JSON.stringify(state[k]) !== JSON.stringify(declared[k]));
}

describe("CapacityReservations: schedules are created once", () => {
    it("every schedule ignores later changes of its time, description and target", async () => {
        const run = await declare(() => new CapacityReservations("capacity", args()));
        const schedules = ofType(run.resources, "aws:scheduler/schedule:Schedule");
        expect(schedules).to.have.length(2);
        for (const s of schedules) expect([...(s.options.ignoreChanges ?? [])].sort(), s.name).to.deep.equal(["description", "scheduleExpression", "target"]);
    });

    it("a second late deploy whose catch-up time moved sends nothing: the schedule keeps the time it was created with", async () => {
        const first = await declare(() => new CapacityReservations("capacity", args({ requests: [{ name: "lcu-request-final-202705291450-a1b2c3", at: "2027-05-29T16:06:00", capacityUnits: 486, description: "catch-up" }] })));
        const second = await declare(() => new CapacityReservations("capacity", args({ requests: [{ name: "lcu-request-final-202705291450-a1b2c3", at: "2027-05-29T16:41:00", capacityUnits: 486, description: "catch-up, again" }] })));
        const name = "capacity-schedule-lcu-request-final-202705291450-a1b2c3";
        const state = named(first.resources, name).inputs;
        const declared = named(second.resources, name);
        expect(state.scheduleExpression).to.equal("at(2027-05-29T16:06:00)");
        expect(declared.inputs.scheduleExpression).to.equal("at(2027-05-29T16:41:00)");
        // Without the ignored fields the update would send the new time (and call again at it).
        expect(sentOnUpdate(state, declared.inputs, [])).to.include.members(["scheduleExpression", "description"]);
        expect(sentOnUpdate(state, declared.inputs, declared.options.ignoreChanges ?? [])).to.deep.equal([]);
    });

    it("says why in the console, cut to the 512 characters Scheduler takes", async () => {
        const run = await declare(() => new CapacityReservations("capacity", args()));
        expect(named(run.resources, "capacity-schedule-lcu-request-final-202705291450-a1b2c3").inputs.description).to.equal("reserve 486 LCU for the final");
        const reset = String(named(run.resources, "capacity-schedule-lcu-reset-final-202705292215-d4e5f6").inputs.description);
        expect(MAX_DESCRIPTION_LENGTH).to.equal(512);
        expect(reset).to.have.length(512);
    });
});

describe("CapacityReservations: a reservation left standing", () => {
    it("alarms when the load balancer has held reserved LCUs every hour for longer than any match day", async () => {
        const run = await declare(() => new CapacityReservations("capacity", args()));
        const alarm = named(run.resources, "capacity-lcu-left-standing-alarm");
        expect(alarm.inputs.name).to.equal(`${PREFIX}-capacity-lcu-left-standing`);
        expect(alarm.inputs.namespace).to.equal("AWS/ApplicationELB");
        expect(alarm.inputs.metricName).to.equal("ReservedLCUs");
        expect(alarm.inputs.dimensions).to.deep.equal({ LoadBalancer: "app/web-alb/0123456789abcdef" });
        expect(alarm.inputs.statistic).to.equal("Sum");
        expect(alarm.inputs.period).to.equal(3600);
        expect(alarm.inputs.evaluationPeriods).to.equal(12);
        expect(alarm.inputs.comparisonOperator).to.equal("GreaterThanThreshold");
        expect(alarm.inputs.threshold).to.equal(0);
        expect(alarm.inputs.treatMissingData).to.equal("notBreaching");
        expect(alarm.inputs.alarmActions).to.deep.equal([TOPIC]);
        for (const m of metricsOfAlarm("left-standing", alarm.inputs)) expect(unpublishedReason(m)).to.equal(undefined);
        expect(String(alarm.inputs.alarmDescription)).to.contain("--reset-capacity-reservation");
    });

    it("is not declared without leftStandingAfterHours, and refuses hours CloudWatch cannot evaluate", async () => {
        const run = await declare(() => new CapacityReservations("capacity", args({ leftStandingAfterHours: undefined })));
        expect(ofType(run.resources, "aws:cloudwatch/metricAlarm:MetricAlarm").map((a) => a.name)).to.deep.equal(["capacity-failure-alarm"]);
        for (const h of [0, 169, 2.5]) {
            expect(capacityReservationsArgsProblems(args({ leftStandingAfterHours: h })).join("\n"), String(h)).to.contain("loadBalancer.leftStandingAfterHours");
        }
        for (const h of [1, 168]) expect(capacityReservationsArgsProblems(args({ leftStandingAfterHours: h }))).to.deep.equal([]);
    });

    it("the load balancer's dimension is its ARN after ':loadbalancer/'", () => {
        expect(loadBalancerDimension(LB_ARN)).to.equal("app/web-alb/0123456789abcdef");
    });

    it("the stack waits the longest planned reservation plus 2 hours, 12 to 168", () => {
        const h = (hours: number) => ({ requestAt: new Date(0), resetAt: new Date(hours * 3_600_000) });
        // A match day: 3 h lead + 70 min pre-warm + 195 min window = 7 h 25 min -> 8 + 2 = 10, at least 12.
        expect(leftStandingAfterHours([h(7 + 25 / 60)])).to.equal(12);
        // A merged day of 20 h 30 min -> 21 + 2 = 23.
        expect(leftStandingAfterHours([h(7), h(20.5)])).to.equal(23);
        expect(leftStandingAfterHours([h(400)])).to.equal(168);
        expect(leftStandingAfterHours([])).to.equal(12);
    });
});
