import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { planCapacitySchedule } from "../stacks/capacity/schedule";
import { AWS, named, ofType, one, plannedStack, TEST_NOW } from "./helpers/declare";

const SCHEDULE = "aws:autoscaling/schedule:Schedule";

describe("the composed platform", () => {
    it("declares exactly the scheduled actions the schedule function returns, leaving other sizes at -1", async () => {
        const plan = await plannedStack("matchday");
        const declared = ofType(plan.run.resources, SCHEDULE).map((r) => r.inputs);
        const asg = one(plan.run.resources, AWS.asg);
        // Recompute from the same settings the program validated, at the same clock.
        const config = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8")).config;
        const schedule = planCapacitySchedule(
            {
                fixtures: config["kgsports:fixtures"],
                viewersPerInstance: 2000,
                headroomPercent: 20,
                preWarmLeadMinutes: 70,
                matchWindowMinutes: 165,
                releaseDelayMinutes: 30,
                availabilityZoneCount: Number((one(plan.run.resources, AWS.vpc).inputs as any).numberOfAvailabilityZones),
                baselineMinSize: Number(asg.inputs.minSize),
                groupMaxSize: Number(asg.inputs.maxSize),
                // targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute): 1200 / (2000 x 1).
                targetUtilisation: config["kgsports:targetRequestsPerInstance"] / (2000 * config["kgsports:requestsPerViewerPerMinute"]),
            },
            TEST_NOW,
        );
        expect(schedule.actions.length).to.be.greaterThan(0);
        const asInputs = (n: number | "unchanged") => (n === "unchanged" ? -1 : n);
        expect(declared.map((d) => [d.scheduledActionName, d.startTime, d.minSize, d.maxSize, d.desiredCapacity])).to.deep.equal(
            schedule.actions.map((a) => [a.name, a.startTime, asInputs(a.minSize), asInputs(a.maxSize), asInputs(a.desiredCapacity)]),
        );
        for (const d of declared) {
            expect(d.maxSize).to.equal(-1);
            expect(d.desiredCapacity).to.equal(-1);
            expect(d.autoscalingGroupName).to.equal("web-asg");
        }
    });

    it("during a match window the group's minimum is the window's floor, so a deploy does not undo the pre-warm", async () => {
        const during = await plannedStack("matchday", undefined, new Date("2027-05-29T19:30:00Z"));
        const asg = one(during.run.resources, AWS.asg).inputs;
        expect(asg.minSize).to.equal(203);
        expect(during.notes.join("\n")).to.contain("a match window is on or starts within the minimum lead: the group's minimum is declared at 203");
        const names = ofType(during.run.resources, SCHEDULE).map((r) => r.inputs.scheduledActionName);
        // Only the early release is still ahead: it takes the minimum back to the baseline at kickoff + 125.
        expect(names).to.deep.equal(["fulltime-ucl-final"]);
    });

    it("prunes fixtures that have passed", async () => {
        const after = await plannedStack("matchday", undefined, new Date("2027-05-01T00:00:00Z"));
        const names = ofType(after.run.resources, SCHEDULE).map((r) => r.inputs.scheduledActionName as string);
        expect(names.some((n) => n.includes("quarter-final"))).to.equal(false);
        expect(names).to.include("prewarm-ucl-final");
        // Past fixtures come first in the notes, loudly: a wrong year must not hide among the rest.
        expect(after.notes[0]).to.match(/^PAST FIXTURE "UCL quarter-final first legs \(Tue\)": kickoff 2027-04-06 19:00Z \(2027-04-07 04:00 /);
    });

    it("the web tier runs with AccessControl's instance profile and creates no IAM of its own", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const tier = one(resources, "kgsports:web:ScalingWebTier");
        const profile = one(resources, AWS.profile);
        expect(profile.parent).to.equal(one(resources, "kgsports:access:AccessControl").urn);
        expect((one(resources, AWS.lt).inputs.iamInstanceProfile as any).name).to.equal(profile.inputs.name);
        expect(resources.filter((r) => r.parent === tier.urn && r.type.startsWith("aws:iam/"))).to.deep.equal([]);
    });

    it("the operator role may act only on this stack's Auto Scaling group", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const policy = JSON.parse(named(resources, "access-matchday-operator-access").inputs.policy as string);
        const scaling = policy.Statement.filter((s: any) => s.Action.some((a: string) => a === "autoscaling:SetDesiredCapacity"));
        expect(scaling).to.have.length(1);
        expect(scaling[0].Resource).to.have.length(1);
        expect(scaling[0].Resource[0]).to.match(/^arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:[^:*]+:autoScalingGroupName\/web-asg$/);
    });

    it("the web instances may complete their own group's launch hook, and the user data does so by its name", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const policy = JSON.parse(named(resources, "access-web-instance-lifecycle").inputs.policy as string);
        expect(policy.Statement[0].Action).to.deep.equal(["autoscaling:CompleteLifecycleAction"]);
        expect(policy.Statement[0].Resource).to.have.length(1);
        expect(policy.Statement[0].Resource[0]).to.match(/:autoScalingGroupName\/web-asg$/);
        expect(named(resources, "access-web-instance-lifecycle").parent).to.equal(one(resources, "kgsports:access:AccessControl").urn);
        const userData = Buffer.from(one(resources, AWS.lt).inputs.userData as string, "base64").toString();
        expect(userData).to.contain("HOOK_NAME=bootstrap-ready");
        expect(userData).to.contain("APP_PORT=8080");
        expect(userData).to.not.match(/\{\{/);
        const hooks = (one(resources, AWS.asg).inputs as any).initialLifecycleHooks;
        expect(hooks.map((h: { name: string }) => h.name)).to.deep.equal(["bootstrap-ready"]);
    });

    it("freezes the launch template from the pre-warm minus a fleet refresh's duration to the release, so no refresh runs into a match", async function () {
        // Six full plans of matchday (about 2 s each alone, with the reservations' schedules): room for a busy machine.
        this.timeout(120_000);
        // The final pre-warms at 17:50Z. A refresh of the 6 running instances (batches of 10 %,
        // at least 1) takes 6 x (7 min slow launch + 3 min warmup) = 60 minutes: frozen from 16:50Z.
        const frozen = (iso: string) => plannedStack("matchday", undefined, new Date(iso));
        for (const iso of ["2027-05-29T16:50:00Z", "2027-05-29T19:30:00Z", "2027-05-29T22:14:00Z"]) {
            const p = await frozen(iso);
            expect(one(p.run.resources, AWS.asg).options.ignoreChanges, iso).to.include("launchTemplate");
            expect(p.notes.join("\n"), iso).to.contain("launch template frozen for \"UCL final\": a rolling refresh of");
        }
        expect((await frozen("2027-05-29T16:50:00Z")).notes.join("\n")).to.contain("a rolling refresh of 6 instances takes about 60 minutes, so from 2027-05-29 16:50Z");
        for (const iso of ["2027-05-29T16:49:00Z", "2027-05-29T22:15:00Z"]) {
            expect(one((await frozen(iso)).run.resources, AWS.asg).options.ignoreChanges, iso).to.not.include("launchTemplate");
        }
        const before = await plannedStack("matchday");
        expect(one(before.run.resources, AWS.asg).options.ignoreChanges).to.not.include("launchTemplate");
    });

    it("dev declares no schedule and no warm pool", async () => {
        const { resources } = (await plannedStack("dev")).run;
        expect(ofType(resources, SCHEDULE)).to.deep.equal([]);
        expect(one(resources, AWS.asg).inputs).to.not.have.property("warmPool");
    });
});
