/**
 * Rules 1, 6 and 7 (launch template, Auto Scaling group, scheduled actions): each fires on
 * a copy of a real planned resource with one field broken, and not on the real one.
 */
import { expect } from "chai";
import { autoScalingGroupResilient, launchTemplateHardened, PolicyInput, scheduledActionsComplete, StackContext, T, UNKNOWN } from "../policy/rules";
import { TEST_NOW } from "./helpers/declare";
import { cannotTellOf, copyOf, plannedPolicyStack, violationsOf } from "./helpers/policyPlan";

async function stack(name: string): Promise<{ resources: PolicyInput[]; ctx: StackContext }> {
    return plannedPolicyStack(name);
}

describe("policy rule 1: launch templates require IMDSv2 and encrypted EBS", () => {
    for (const name of ["dev", "matchday"]) {
        it(`${name}'s launch template complies`, async () => {
            const { resources, ctx } = await stack(name);
            const lt = copyOf(resources, T.launchTemplate);
            expect((lt.props.metadataOptions as any).httpTokens).to.equal("required");
            expect(violationsOf(launchTemplateHardened, [lt], ctx)).to.deep.equal([]);
        });
    }

    it("fires when IMDSv1 is allowed (httpTokens optional, or metadataOptions absent)", async () => {
        const { resources, ctx } = await stack("matchday");
        const optional = copyOf(resources, T.launchTemplate);
        (optional.props.metadataOptions as any).httpTokens = "optional";
        expect(violationsOf(launchTemplateHardened, [optional], ctx)).to.have.length(1).and.to.match(/httpTokens is "optional"/);
        const absent = copyOf(resources, T.launchTemplate);
        delete absent.props.metadataOptions;
        expect(violationsOf(launchTemplateHardened, [absent], ctx)).to.have.length(1).and.to.match(/httpTokens is absent/);
    });

    it("fires on an unencrypted volume and on a template that maps no volume", async () => {
        const { resources, ctx } = await stack("matchday");
        const clear = copyOf(resources, T.launchTemplate);
        (clear.props.blockDeviceMappings as any)[0].ebs.encrypted = "false";
        expect(violationsOf(launchTemplateHardened, [clear], ctx)).to.have.length(1).and.to.match(/\/dev\/xvda is not encrypted/);
        const unmapped = copyOf(resources, T.launchTemplate);
        delete unmapped.props.blockDeviceMappings;
        expect(violationsOf(launchTemplateHardened, [unmapped], ctx)).to.have.length(1).and.to.match(/no block device mapping/);
    });

    it("an unknown value (preview) is 'cannot tell', not a violation and not a crash", async () => {
        const { resources, ctx } = await stack("dev");
        const lt = copyOf(resources, T.launchTemplate);
        lt.props.metadataOptions = UNKNOWN;
        lt.props.blockDeviceMappings = [UNKNOWN];
        expect(violationsOf(launchTemplateHardened, [lt], ctx)).to.deep.equal([]);
        expect(cannotTellOf(launchTemplateHardened, [lt], ctx)).to.have.length(2);
    });
});

describe("policy rule 6: the Auto Scaling group spans zones, uses ELB health checks and pins its template", () => {
    for (const name of ["dev", "matchday"]) {
        it(`${name}'s group complies`, async () => {
            const { resources, ctx } = await stack(name);
            const asg = copyOf(resources, T.asg);
            expect((asg.props.vpcZoneIdentifiers as string[]).length).to.be.at.least(2);
            expect(violationsOf(autoScalingGroupResilient, [asg], ctx)).to.deep.equal([]);
        });
    }

    it("fires on one subnet, on EC2 health checks, and on $Latest or an absent version", async () => {
        const { resources, ctx } = await stack("matchday");
        const one = copyOf(resources, T.asg);
        one.props.vpcZoneIdentifiers = (one.props.vpcZoneIdentifiers as string[]).slice(0, 1);
        expect(violationsOf(autoScalingGroupResilient, [one], ctx)).to.have.length(1).and.to.match(/spans 1 subnet/);
        const ec2 = copyOf(resources, T.asg);
        ec2.props.healthCheckType = "EC2";
        expect(violationsOf(autoScalingGroupResilient, [ec2], ctx)).to.have.length(1).and.to.match(/healthCheckType is "EC2"/);
        for (const version of ["$Latest", "$Default"]) {
            const floating = copyOf(resources, T.asg);
            (floating.props.launchTemplate as any).version = version;
            expect(violationsOf(autoScalingGroupResilient, [floating], ctx), version).to.have.length(1).and.to.match(/pin the template's version/);
        }
        const unpinned = copyOf(resources, T.asg);
        delete (unpinned.props.launchTemplate as any).version;
        expect(violationsOf(autoScalingGroupResilient, [unpinned], ctx)).to.have.length(1).and.to.match(/absent, which means \$Default/);
    });

    it("a version unknown in a preview (a new template version) is 'cannot tell'", async () => {
        const { resources, ctx } = await stack("matchday");
        const asg = copyOf(resources, T.asg);
        (asg.props.launchTemplate as any).version = UNKNOWN;
        expect(violationsOf(autoScalingGroupResilient, [asg], ctx)).to.deep.equal([]);
        expect(cannotTellOf(autoScalingGroupResilient, [asg], ctx)).to.have.length(1).and.to.match(/version is unknown/);
    });
});

describe("policy rule 7: scheduled actions start in the future and send every size", () => {
    it("matchday's scheduled actions comply, and they leave sizes unchanged with -1", async () => {
        const { resources, ctx } = await stack("matchday");
        const actions = resources.filter((r) => r.type === T.schedule);
        expect(actions.length).to.be.greaterThan(2);
        expect(actions.some((a) => a.props.desiredCapacity === -1 && a.props.maxSize === -1)).to.equal(true);
        expect(violationsOf(scheduledActionsComplete, actions, ctx)).to.deep.equal([]);
    });

    it("fires when a size is left out (AWS reads it as 0) or below -1", async () => {
        const { resources, ctx } = await stack("matchday");
        for (const key of ["minSize", "maxSize", "desiredCapacity"]) {
            const action = copyOf(resources, T.schedule, "web-scheduled-prewarm-ucl-quarter-final-first-legs-tue");
            delete action.props[key];
            expect(violationsOf(scheduledActionsComplete, [action], ctx), key).to.have.length(1).and.to.match(new RegExp(`${key} is absent; AWS reads a missing size as 0`));
        }
        const negative = copyOf(resources, T.schedule, "web-scheduled-prewarm-ucl-quarter-final-first-legs-tue");
        negative.props.minSize = -2;
        expect(violationsOf(scheduledActionsComplete, [negative], ctx)).to.have.length(1).and.to.match(/minSize is -2/);
    });

    it("fires on a start time that is not after the deploy's clock", async () => {
        const { resources, ctx } = await stack("matchday");
        const past = copyOf(resources, T.schedule, "web-scheduled-prewarm-ucl-quarter-final-first-legs-tue");
        past.props.startTime = new Date(TEST_NOW.getTime() - 60_000).toISOString().replace(/\.\d+Z$/, "Z");
        expect(violationsOf(scheduledActionsComplete, [past], ctx)).to.have.length(1).and.to.match(/not after now/);
        // The same action is fine for a deploy a day earlier than its start.
        const later = { ...ctx, now: new Date(Date.parse(String(past.props.startTime)) - 86_400_000) };
        expect(violationsOf(scheduledActionsComplete, [past], later)).to.deep.equal([]);
        const none = copyOf(resources, T.schedule, "web-scheduled-prewarm-ucl-quarter-final-first-legs-tue");
        delete none.props.startTime;
        expect(violationsOf(scheduledActionsComplete, [none], ctx)).to.have.length(1).and.to.match(/neither startTime nor recurrence/);
    });

    it("unknown sizes or start time are 'cannot tell'", async () => {
        const { resources, ctx } = await stack("matchday");
        const action = copyOf(resources, T.schedule, "web-scheduled-prewarm-ucl-quarter-final-first-legs-tue");
        action.props.minSize = UNKNOWN;
        action.props.startTime = UNKNOWN;
        expect(violationsOf(scheduledActionsComplete, [action], ctx)).to.deep.equal([]);
        expect(cannotTellOf(scheduledActionsComplete, [action], ctx)).to.have.length(2);
    });
});
