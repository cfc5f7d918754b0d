import { expect } from "chai";
import { applyDeployToRunningGroup, capacityChangeMayScaleIn, capacityProblems, RUNTIME_OWNED_GROUP_PROPERTIES } from "@kgsports/scaling-web-tier";
import { AWS, one, plannedStack } from "./helpers/declare";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

describe("capacity on deploy", () => {
    describe("the model of what a deploy does to a running group", () => {
        it("a re-run with unchanged config leaves a scaled-out fleet alone", () => {
            // Target tracking took the group from 6 to 25 during a match; then someone deploys.
            const after = applyDeployToRunningGroup({ min: 6, desired: 25, max: 60 }, { min: 6, max: 60 });
            expect(after).to.deep.equal({ min: 6, desired: 25, max: 60, removedByDeploy: 0 });
        });

        it("raising min lifts the running fleet at once", () => {
            const after = applyDeployToRunningGroup({ min: 6, desired: 8, max: 60 }, { min: 20, max: 60 });
            expect(after.desired).to.equal(20);
            expect(after.removedByDeploy).to.equal(0);
        });

        it("lowering min never removes instances by itself", () => {
            const after = applyDeployToRunningGroup({ min: 20, desired: 30, max: 60 }, { min: 6, max: 60 });
            expect(after.desired).to.equal(30);
            expect(after.removedByDeploy).to.equal(0);
        });

        it("never removes instances while max stays at or above the running count", () => {
            for (let running = 0; running <= 40; running++) {
                for (const declared of [{ min: 0, max: 40 }, { min: 10, max: 45 }, { min: 40, max: 40 }]) {
                    const after = applyDeployToRunningGroup({ min: 0, desired: running, max: 40 }, declared);
                    expect(after.desired, `running ${running}, declared ${JSON.stringify(declared)}`).to.be.at.least(running);
                }
            }
        });

        it("a max below the running count is the one change that removes instances, and the diff flags it", () => {
            const after = applyDeployToRunningGroup({ min: 6, desired: 30, max: 60 }, { min: 6, max: 20 });
            expect(after.removedByDeploy).to.equal(10);
            expect(capacityChangeMayScaleIn({ max: 60 }, { max: 20 })).to.equal(true);
            expect(capacityChangeMayScaleIn({ max: 20 }, { max: 60 })).to.equal(false);
        });

        it("checks capacity triples", () => {
            expect(capacityProblems({ min: 1, desired: 2, max: 4 })).to.deep.equal([]);
            expect(capacityProblems({ min: 3, desired: 2, max: 4 })[0]).to.contain("min (3) is above desired (2)");
            expect(capacityProblems({ min: 1, desired: 5, max: 4 })[0]).to.contain("desired (5) is above max (4)");
            expect(capacityProblems({ min: 1, desired: 1.5, max: 4 })[0]).to.contain("whole number");
        });
    });

    describe("what the stack declares", () => {
        it("desired capacity is set at creation only: Pulumi ignores later changes to it", async () => {
            const asg = one((await plannedStack("matchday")).run.resources, AWS.asg);
            expect(asg.options.ignoreChanges).to.deep.equal([...RUNTIME_OWNED_GROUP_PROPERTIES]);
            expect(asg.options.ignoreChanges).to.include("desiredCapacity");
            expect(asg.options.ignoreChanges).to.not.include("minSize");
            expect(asg.options.ignoreChanges).to.not.include("maxSize");
        });

        it("raising capacity in the stack config takes effect on the running group", async () => {
            const source = fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8");
            const raised = source.replace(/kgsports:minSize: \d+/, "kgsports:minSize: 20").replace(/kgsports:desiredCapacity: \d+/, "kgsports:desiredCapacity: 20");
            expect(raised).to.not.equal(source);
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-")), "Pulumi.matchday.yaml");
            fs.writeFileSync(file, raised);
            const before = one((await plannedStack("matchday")).run.resources, AWS.asg).inputs;
            const after = one((await plannedStack("matchday", file)).run.resources, AWS.asg).inputs;
            expect(after.minSize).to.equal(20);
            // Pulumi sends minSize (it is not ignored), and the provider does not then wait for
            // an exact instance count, which a running, target-tracked group never holds.
            const asg = one((await plannedStack("matchday", file)).run.resources, AWS.asg);
            expect(asg.options.ignoreChanges).to.not.include("minSize");
            expect(asg.inputs.waitForCapacityTimeout).to.equal("0");
            // What AWS does with the new declaration, from any running size at or below the new floor:
            const running = { min: Number(before.minSize), desired: Number(before.minSize), max: Number(before.maxSize) };
            const result = applyDeployToRunningGroup(running, { min: Number(after.minSize), max: Number(after.maxSize) });
            expect(result.desired).to.equal(20);
        });
    });
});
