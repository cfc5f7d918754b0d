import { expect } from "chai";
import { applyDeployToRunningGroup, capacityChangeMayScaleIn, capacityProblems, estimateInstanceRefreshMinutes, raiseOnlyDesiredCapacity } from "@kgsports/scaling-web-tier";
import { AWS, one, plannedStack, TEST_NOW } from "./helpers/declare";
import { loadStackSettings } from "../stacks/plan/planStack";
import { runUnderMocks } from "../stacks/plan/mockRuntime";
import { FakeCloudState } from "../stacks/plan/fakeCloud";
import { runProgram } from "../stacks/program";
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

        it("a declared desired of max(configured, live) raises a fleet that runs fewer and never lowers one that runs more", () => {
            for (let live = 0; live <= 40; live++) {
                for (let configured = 2; configured <= 30; configured++) {
                    const declared = { min: 2, desired: configured, max: 40 };
                    const after = applyDeployToRunningGroup({ min: 2, desired: live, max: 40 }, { ...declared, desired: raiseOnlyDesiredCapacity(declared, live) });
                    const what = `live ${live}, configured ${configured}`;
                    expect(after.removedByDeploy, what).to.equal(0);
                    expect(after.desired, what).to.equal(Math.max(live, configured, 2));
                }
            }
            // No group yet: the configured value; a declared min above both wins (AWS refuses desired < min).
            expect(raiseOnlyDesiredCapacity({ min: 2, desired: 5, max: 40 }, undefined)).to.equal(5);
            expect(raiseOnlyDesiredCapacity({ min: 30, desired: 5, max: 40 }, 10)).to.equal(30);
            // A max below the live count is the max's doing, not desired's: it stays within max.
            expect(raiseOnlyDesiredCapacity({ min: 2, desired: 5, max: 20 }, 30)).to.equal(20);
        });

        it("checks capacity triples", () => {
            expect(capacityProblems({ min: 1, desired: 2, max: 4 })).to.deep.equal([]);
            expect(capacityProblems({ min: 3, desired: 2, max: 4 })[0]).to.contain("min (3) is above desired (2)");
            expect(capacityProblems({ min: 1, desired: 5, max: 4 })[0]).to.contain("desired (5) is above max (4)");
            expect(capacityProblems({ min: 1, desired: 1.5, max: 4 })[0]).to.contain("whole number");
        });
    });

    describe("what the stack declares", () => {
        /** The matchday plan with a group already running in the fake cloud (a stack deployed before). */
        async function planOverRunningGroup(desiredRunning: number | undefined, edit: (yaml: string) => string = (y) => y, now: Date = TEST_NOW) {
            const source = fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8");
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-")), "Pulumi.matchday.yaml");
            fs.writeFileSync(file, edit(source));
            const loaded = loadStackSettings({ stack: "matchday", configFile: file, now });
            if (!loaded.ok) throw new Error(loaded.message);
            const cloud: FakeCloudState = desiredRunning === undefined ? {} : {
                groups: [
                    // Another stack's group with the same Name tag must not be read.
                    { name: "web-asg-dev", tags: { Project: "kgsports", Stack: "dev", ManagedBy: "pulumi", Name: "web-web" }, minSize: 1, desiredCapacity: 400, maxSize: 400 },
                    { name: "web-asg-1234", tags: { Project: "kgsports", Stack: "matchday", ManagedBy: "pulumi", Name: "web-web" }, minSize: 6, desiredCapacity: desiredRunning, maxSize: 240 },
                ],
            };
            const run = await runUnderMocks(
                { project: "kgsports", stack: "matchday", config: loaded.loaded.config.values, cloud },
                () => runProgram({ now }),
            );
            return one(run.resources, AWS.asg);
        }
        const desiredTo = (n: number) => (y: string) => y.replace(/kgsports:desiredCapacity: \d+/, `kgsports:desiredCapacity: ${n}`);

        it("raising desiredCapacity in the config raises a running fleet at the next deploy (\"more instances now\")", async () => {
            // The group runs 6 (the shipped desiredCapacity); the edit asks for 30.
            const asg = await planOverRunningGroup(6, desiredTo(30));
            expect(asg.inputs.desiredCapacity).to.equal(30);
            expect(asg.options.ignoreChanges).to.not.include("desiredCapacity");
            expect(asg.options.ignoreChanges).to.not.include("minSize");
            expect(asg.options.ignoreChanges).to.not.include("maxSize");
        });

        it("a lower desiredCapacity, or a group that scaled out above it, removes nothing", async () => {
            // Target tracking took the group to 25; the config says 6 (or 10).
            expect((await planOverRunningGroup(25)).inputs.desiredCapacity).to.equal(25);
            expect((await planOverRunningGroup(25, desiredTo(10))).inputs.desiredCapacity).to.equal(25);
            // A first deploy (no group yet): the configured value.
            expect((await planOverRunningGroup(undefined, desiredTo(10))).inputs.desiredCapacity).to.equal(10);
        });

        it("while a match is near or on, no deploy touches desired: it is not read and Pulumi ignores it", async () => {
            const asg = await planOverRunningGroup(150, desiredTo(30), new Date("2027-05-29T19:30:00Z"));
            expect(asg.options.ignoreChanges).to.include("desiredCapacity");
            // The declared value only matters to a group that does not exist yet: at least the window's floor.
            expect(asg.inputs.desiredCapacity).to.equal(203);
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

describe("how long a fleet refresh takes (the launch template freeze's lead)", () => {
    // Rolling refresh: batches of 10 % of the fleet (110 % max healthy), at least one
    // instance; each batch a slow launch (7 min) and the warmup before the next.
    it("6 instances, 180 s warmup: 6 batches of 10 minutes", () => {
        expect(estimateInstanceRefreshMinutes({ fleetSize: 6, instanceWarmupSeconds: 180 })).to.equal(60);
    });

    it("203 instances: batches of 20, 11 of them; a longer warmup rounds up to whole minutes", () => {
        expect(estimateInstanceRefreshMinutes({ fleetSize: 203, instanceWarmupSeconds: 180 })).to.equal(110);
        expect(estimateInstanceRefreshMinutes({ fleetSize: 20, instanceWarmupSeconds: 61 })).to.equal(10 * 9);
        expect(estimateInstanceRefreshMinutes({ fleetSize: 0, instanceWarmupSeconds: 180 })).to.equal(0);
        expect(() => estimateInstanceRefreshMinutes({ fleetSize: -1, instanceWarmupSeconds: 180 })).to.throw(RangeError);
    });
});
