/**
 * One network for the web tier and the link to the data centre, declared by the
 * stack. The VPC was the web tier's child in the released program; moving it must not
 * replace it (a new VPC would replace every subnet, NAT gateway, the load balancer and
 * the fleet). Proved on the plans: every URN the released program declared still
 * resolves, to the same URN or through an alias.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { ScalingWebTier, vpcUrnInsideTier, webTierVpcArgs } from "@kgsports/scaling-web-tier";
import { AWS, declare, one, ofType, plannedStack } from "./helpers/declare";

function releasedUrns(stack: string): string[] {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `released-urns-${stack}.json`), "utf8")) as { urns: string[] }).urns;
}

/**
 * URNs of the released program a later change removed on purpose, each with its reason.
 * Nothing here held data or keys: deleting it loses nothing.
 */
const REMOVED_ON_PURPOSE: Record<string, string> = {
    "kgsports:access:AccessControl$aws:iam/rolePolicyAttachment:RolePolicyAttachment::access-web-instance-ssm-core":
        "AmazonSSMManagedInstanceCore lets an instance read every parameter of the account; the project's Session Manager policy replaces it",
};

/** Removals in one stack only, by stack, each with its reason. */
const REMOVED_IN_STACK: Record<string, Record<string, string>> = {
    // With requestsPerViewerPerMinute the matchday plan knows target tracking's target (0.6 of an instance's
    // load-tested limit, at most (zones - 1) / zones): it holds the N+1 reserve by itself, so each fixture's
    // floor is back at the baseline at full time (fulltime-<fixture>) and no release action is left to run.
    // One-time scheduled actions hold no data.
    matchday: Object.fromEntries(
        [
            "ucl-final",
            "ucl-quarter-final-first-legs-tue",
            "ucl-quarter-final-first-legs-wed",
            "ucl-quarter-final-second-legs-tue",
            "ucl-quarter-final-second-legs-wed",
            "ucl-semi-final-first-leg-1",
            "ucl-semi-final-first-leg-2",
            "ucl-semi-final-second-leg-1",
            "ucl-semi-final-second-leg-2",
        ].map((f) => [`kgsports:web:ScalingWebTier$aws:autoscaling/schedule:Schedule::web-scheduled-release-${f}`, "released at full time instead (see above)"]),
    ),
};

describe("the shared network", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: every URN of the released program still resolves, to itself or through an alias`, async () => {
            const plan = await plannedStack(stack);
            const now = new Set(plan.run.resources.map((r) => r.urn));
            const aliased = new Set(plan.run.resources.flatMap((r) => r.options.aliases));
            const tails = [...Object.keys(REMOVED_ON_PURPOSE), ...Object.keys(REMOVED_IN_STACK[stack] ?? {})];
            const removed = (urn: string) => tails.some((tail) => urn.endsWith(`::${tail}`) || urn.endsWith(tail));
            const lost = releasedUrns(stack).filter((urn) => !now.has(urn) && !aliased.has(urn) && !removed(urn));
            expect(lost).to.deep.equal([]);
            // Every removal on purpose is one the released program had (a stale entry would hide nothing but mislead).
            for (const tail of tails) expect(releasedUrns(stack).some((u) => u.endsWith(tail)), tail).to.equal(true);
        });
    }

    it("the VPC is declared once, by the stack, with the released VPC's URN as its alias and the same inputs the tier gave it", async () => {
        const plan = await plannedStack("matchday");
        const vpc = one(plan.run.resources, AWS.vpc);
        expect(vpc.urn).to.equal("urn:pulumi:matchday::kgsports::awsx:ec2:Vpc::web-vpc");
        expect(vpc.parent).to.equal(null);
        expect(vpc.options.aliases).to.deep.equal(["urn:pulumi:matchday::kgsports::kgsports:web:ScalingWebTier$awsx:ec2:Vpc::web-vpc"]);
        // The same inputs the tier declared: a moved VPC with other inputs would still be updated or replaced.
        const inside = await declare(() => new ScalingWebTier("web", {
            network: { cidrBlock: "10.30.0.0/16", availabilityZoneCount: 3, natGateways: "OnePerAz" },
            instanceType: "c7i.large",
            capacity: { min: 1, desired: 1, max: 2 },
            targetRequestsPerInstance: 100,
            tags: { Project: "kgsports", Stack: "matchday", ManagedBy: "pulumi" },
        }), "matchday");
        expect(vpc.inputs).to.deep.equal(one(inside.resources, AWS.vpc).inputs);
        // The tier's children use the stack's VPC and subnets.
        const asg = one(plan.run.resources, AWS.asg).inputs;
        expect((asg.vpcZoneIdentifiers as string[]).every((s) => s.startsWith("subnet-prv"))).to.equal(true);
        for (const sg of ofType(plan.run.resources, AWS.sg)) expect(sg.inputs.vpcId, sg.name).to.match(/^vpc-/);
    });

    it("webTierVpcArgs and vpcUrnInsideTier describe what a tier that creates its network declares", async () => {
        const run = await declare(() => vpcUrnInsideTier("web"), "dev");
        const urn = await new Promise<string>((resolve) => (run.result as import("@pulumi/pulumi").Output<string>).apply(resolve));
        expect(urn).to.equal("urn:pulumi:dev::kgsports::kgsports:web:ScalingWebTier$awsx:ec2:Vpc::web-vpc");
        expect(webTierVpcArgs("web", { cidrBlock: "10.9.0.0/16", availabilityZoneCount: 2 }, { Stack: "dev" })).to.deep.include({
            cidrBlock: "10.9.0.0/16",
            numberOfAvailabilityZones: 2,
            natGateways: { strategy: "OnePerAz" },
            tags: { Stack: "dev", Name: "web-vpc" },
        });
    });

    it("a tier in an existing network creates no VPC and puts the load balancer and instances in the given subnets", async () => {
        const { resources } = await declare(() => new ScalingWebTier("web", {
            network: { vpcId: "vpc-0abc", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c", "subnet-d"] },
            instanceType: "c7i.large",
            capacity: { min: 1, desired: 1, max: 2 },
            targetRequestsPerInstance: 100,
            accessLogs: { bucket: "kgs-alb-logs", prefix: "web" },
        }));
        expect(ofType(resources, AWS.vpc)).to.deep.equal([]);
        expect(one(resources, AWS.alb).inputs.accessLogs).to.deep.equal({ bucket: "kgs-alb-logs", prefix: "web", enabled: true });
        expect(one(resources, AWS.alb).inputs.subnets).to.deep.equal(["subnet-a", "subnet-b"]);
        expect(one(resources, AWS.asg).inputs.vpcZoneIdentifiers).to.deep.equal(["subnet-c", "subnet-d"]);
        for (const sg of ofType(resources, AWS.sg)) expect(sg.inputs.vpcId).to.equal("vpc-0abc");
        expect(one(resources, AWS.tg).inputs.vpcId).to.equal("vpc-0abc");
    });
});
