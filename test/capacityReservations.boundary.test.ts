/**
 * What the reservation schedules' role can do once the stack's workload boundary cuts it
 * (issue 21). The role carries the boundary CI's deploy role must put on every role it
 * creates, so its effective permissions are its own policy intersected with that
 * boundary: a boundary without the load balancer's or EC2's actions would let every
 * schedule fail at AWS (the plan and the mocks would not see it). With a policy
 * simulator over the documents the matchday plan emits, and each schedule's request as
 * AWS authorises it (its action, resource and the request's condition keys).
 */
import { expect } from "chai";
import { physicalNames } from "@kgsports/access-control";
import { capacityReservationsNames } from "@kgsports/capacity-reservations";
import { plannedStack } from "./helpers/declare";
import { decide } from "./helpers/iamSimulator";

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";
/** The schedules' role, as the principal of every request. */
const PRINCIPAL = `arn:aws:iam::${ACCOUNT}:role/${capacityReservationsNames("kgsports-matchday").schedulerRole}`;

async function documents() {
    const plan = await plannedStack("matchday");
    const prefix = plan.settings.access.namePrefix;
    const names = capacityReservationsNames(prefix);
    const doc = (type: string, name: string) => {
        const r = plan.run.resources.find((x) => x.type === type && x.inputs.name === name);
        if (r === undefined) throw new Error(`no ${type} named ${name} in the matchday plan`);
        return r;
    };
    const role = doc("aws:iam/role:Role", names.schedulerRole);
    const policy = JSON.parse(String(doc("aws:iam/policy:Policy", names.schedulerPolicy).inputs.policy)) as object;
    const boundaryName = physicalNames(prefix).policies["workload-boundary"];
    const boundary = JSON.parse(String(doc("aws:iam/policy:Policy", boundaryName).inputs.policy)) as object;
    const lb = plan.run.resources.find((x) => x.type === "aws:lb/loadBalancer:LoadBalancer")!;
    const schedules = plan.run.resources.filter((x) => x.type === "aws:scheduler/schedule:Schedule");
    return { plan, role, policy, boundary, lb, schedules };
}

describe("CapacityReservations: the schedules' role under the workload boundary (matchday plan)", () => {
    it("carries the workload boundary", async () => {
        const { role, boundary } = await documents();
        expect(String(role.inputs.permissionsBoundary)).to.match(/:policy\/kgsports-matchday-workload-boundary$/);
        expect(boundary).to.have.property("Statement");
    });

    it("every schedule's call is allowed by the role within the boundary, and not beyond it", async () => {
        const { policy, boundary, schedules } = await documents();
        expect(schedules.length).to.be.greaterThan(20);
        for (const s of schedules) {
            const target = s.inputs.target as { arn: string; input: string };
            const input = JSON.parse(target.input) as Record<string, unknown>;
            if (target.arn.endsWith(":modifyCapacityReservation")) {
                const request = { principal: PRINCIPAL, action: "elasticloadbalancing:ModifyCapacityReservation", resource: String(input.LoadBalancerArn) };
                expect(await decide([policy], request, { boundaries: [boundary] }), String(s.inputs.name)).to.equal("Allowed");
            } else {
                expect(target.arn, String(s.inputs.name)).to.match(/:createCapacityReservation$/);
                const context = {
                    "ec2:InstanceType": String(input.InstanceType),
                    "ec2:InstancePlatform": String(input.InstancePlatform),
                    "ec2:AvailabilityZone": String(input.AvailabilityZone),
                    "ec2:InstanceMatchCriteria": String(input.InstanceMatchCriteria),
                    "ec2:EndDateType": String(input.EndDateType),
                };
                const reservation = `arn:aws:ec2:${REGION}:${ACCOUNT}:capacity-reservation/*`;
                expect(await decide([policy], { principal: PRINCIPAL, action: "ec2:CreateCapacityReservation", resource: reservation, context }, { boundaries: [boundary] }), String(s.inputs.name)).to.equal("Allowed");
                // The reservation is tagged as it is created (TagSpecifications).
                expect(await decide([policy], { principal: PRINCIPAL, action: "ec2:CreateTags", resource: reservation, context: { "ec2:CreateAction": "CreateCapacityReservation" } }, { boundaries: [boundary] })).to.equal("Allowed");
            }
        }
    });

    it("the boundary cuts what the policy would not grant anyway: no IAM, and no other load balancer's capacity", async () => {
        const { policy, boundary, lb } = await documents();
        expect(String(lb.inputs.loadBalancerType ?? "application")).to.equal("application");
        const other = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/someone-else/0123456789abcdef`;
        expect(await decide([policy], { principal: PRINCIPAL, action: "elasticloadbalancing:ModifyCapacityReservation", resource: other }, { boundaries: [boundary] })).to.equal("ImplicitlyDenied");
        expect(await decide([policy], { principal: PRINCIPAL, action: "iam:PassRole", resource: `arn:aws:iam::${ACCOUNT}:role/anything` }, { boundaries: [boundary] })).to.equal("ImplicitlyDenied");
        // A policy that allowed IAM would still be cut by the boundary.
        const tooBroad = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:CreateRole"], Resource: ["*"] }] };
        expect(await decide([tooBroad], { principal: PRINCIPAL, action: "iam:CreateRole", resource: `arn:aws:iam::${ACCOUNT}:role/x` }, { boundaries: [boundary] })).to.equal("ImplicitlyDenied");
    });
});
