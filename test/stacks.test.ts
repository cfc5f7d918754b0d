import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { KEYS, KeyName } from "../stacks/config/keys";
import { planStack } from "../stacks/plan/planStack";
import { diffPlans, planJson, renderTree, stackFreeKey } from "../stacks/plan/render";
import { listStacks } from "../stacks/plan/stackFiles";
import { AWS, one, plannedStack } from "./helpers/declare";

const ROOT = path.join(__dirname, "..");

function tempStackFile(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-")), "Pulumi.edited.yaml");
    fs.writeFileSync(file, text);
    return file;
}

describe("stacks", () => {
    it("ships exactly the dev and matchday stacks", () => {
        expect(listStacks(ROOT)).to.deep.equal(["dev", "matchday"]);
    });

    for (const stack of ["dev", "matchday"]) {
        it(`${stack} builds, with every URN unique and nothing the fake cloud could not answer`, async () => {
            const plan = await plannedStack(stack);
            const urns = plan.run.resources.map((r) => r.urn);
            expect(urns.length).to.be.greaterThan(15);
            expect(new Set(urns).size, "duplicate URNs").to.equal(urns.length);
            expect(plan.run.unansweredCalls).to.deep.equal([]);
            for (const r of plan.run.resources) {
                if (r.parent !== null) expect(urns, `${r.name}'s parent`).to.include(r.parent);
            }
        });
    }

    it("builds dev and matchday in one process, matchday with more capacity and more zones", async () => {
        const dev = one((await plannedStack("dev")).run.resources, AWS.asg).inputs;
        const matchday = one((await plannedStack("matchday")).run.resources, AWS.asg).inputs;
        for (const key of ["minSize", "desiredCapacity", "maxSize"]) {
            expect(Number(matchday[key]), key).to.be.greaterThan(Number(dev[key]));
        }
        expect((matchday.vpcZoneIdentifiers as string[]).length).to.be.greaterThan((dev.vpcZoneIdentifiers as string[]).length);
    });

    it("matchday is production: HTTPS, a NAT gateway per zone, deletion protection, a warm pool", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        expect(resources.filter((r) => r.type === AWS.listener).map((r) => r.inputs.protocol).sort()).to.deep.equal(["HTTP", "HTTPS"]);
        expect(one(resources, AWS.vpc).inputs.natGateways).to.deep.equal({ strategy: "OnePerAz" });
        expect(one(resources, AWS.alb).inputs.enableDeletionProtection).to.equal(true);
        expect((one(resources, AWS.asg).inputs as any).warmPool).to.deep.include({ minSize: 40, maxGroupPreparedCapacity: 40, poolState: "Stopped" });
    });

    it("dev is small and cheap: two zones, one NAT gateway, and the plan says it serves plain HTTP", async () => {
        const plan = await plannedStack("dev");
        expect(one(plan.run.resources, AWS.vpc).inputs).to.deep.include({ numberOfAvailabilityZones: 2, natGateways: { strategy: "Single" } });
        expect(plan.notes.some((n) => n.includes("plain HTTP"))).to.equal(true);
        expect(renderTree(plan)).to.contain("plain HTTP");
    });

    it("invalid config is refused with the stack, key and what is allowed, and nothing is declared", async () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8").replace("kgsports:availabilityZoneCount: 2", "kgsports:availabilityZoneCount: 1");
        const outcome = await planStack({ stack: "dev", configFile: tempStackFile(text), root: ROOT });
        expect(outcome.ok).to.equal(false);
        if (outcome.ok) return;
        expect(outcome.message).to.contain('Stack "dev"').and.contain("kgsports:availabilityZoneCount").and.contain('"1"').and.contain("from 2 to 6");
        expect(outcome.message).to.not.match(/\n\s+at /);
    });

    it("a missing stack file names the stacks that exist", async () => {
        const outcome = await planStack({ stack: "prod" });
        expect(outcome.ok).to.equal(false);
        if (!outcome.ok) expect(outcome.message).to.contain("Pulumi.prod.yaml").and.contain("dev, matchday");
    });

    it("a stack file that is not YAML gets a message naming the file", async () => {
        const outcome = await planStack({ stack: "dev", configFile: tempStackFile("config:\n  kgsports:minSize: [1\n") });
        expect(outcome.ok).to.equal(false);
        if (!outcome.ok) expect(outcome.message).to.contain("is not valid YAML");
    });

    it("secure values become labelled placeholders in the offline plan", async () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8").replace(
            /kgsports:certificateArn: .*/,
            "kgsports:certificateArn:\n    secure: AAABADPmZ7wH3PpKx6pVfD1k",
        );
        const plan = await plannedStack("matchday", tempStackFile(text));
        expect(plan.notes.some((n) => n.startsWith("kgsports:certificateArn is a secure value"))).to.equal(true);
    });
});

describe("Pulumi.yaml config schema", () => {
    const project = parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));

    it("declares the project, runtime and entry point", () => {
        expect(project.name).to.equal("kgsports");
        expect(project.runtime).to.deep.equal({ name: "nodejs", options: { typescript: true } });
        expect(fs.existsSync(path.join(ROOT, project.main))).to.equal(true);
    });

    const declared = (Object.keys(KEYS) as KeyName[]).filter((k) => !(KEYS[k] as { schemaless?: boolean }).schemaless);

    it("declares every key of the config model with the same type, items, default and description", () => {
        expect(Object.keys(project.config).sort()).to.deep.equal([...declared].sort());
        for (const name of declared) {
            const def = KEYS[name] as { type: string; description: string; default?: unknown; items?: unknown };
            const schema = project.config[name];
            expect(schema.type, name).to.equal(def.type);
            expect(schema.items, name).to.deep.equal(def.items);
            expect(schema.description, name).to.equal(def.description);
            expect(schema.default, name).to.deep.equal(def.default);
        }
    });

    it("documents each key it cannot declare in a comment", () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");
        const schemaless = (Object.keys(KEYS) as KeyName[]).filter((k) => (KEYS[k] as { schemaless?: boolean }).schemaless);
        expect(schemaless).to.deep.equal(["fixtures"]);
        for (const k of schemaless) expect(text).to.contain(`# \`kgsports:${k}\``);
    });

    it("every default in the schema passes the model's own validation (\"\" means unset for optional keys)", () => {
        for (const name of Object.keys(KEYS) as KeyName[]) {
            const def = KEYS[name] as { default?: unknown; emptyMeansUnset?: boolean; schema: { safeParse(v: string): { success: boolean } } };
            if (def.emptyMeansUnset) expect(def.default, name).to.equal("");
            else if (def.default !== undefined) {
                const raw = typeof def.default === "string" ? def.default : JSON.stringify(def.default);
                expect(def.schema.safeParse(raw).success, name).to.equal(true);
            }
        }
    });

    it("only the required keys lack a default (the Pulumi CLI refuses a stack that omits a key without one)", () => {
        const withoutDefault = Object.keys(project.config).filter((k) => !("default" in project.config[k])).sort();
        expect(withoutDefault.length).to.be.greaterThan(0);
        const required = (Object.keys(KEYS) as KeyName[]).filter((k) => (KEYS[k] as { required?: boolean }).required).sort();
        expect(withoutDefault).to.deep.equal(required);
    });
});

describe("offline plan output", () => {
    it("--json has the contract shape: project, stack, and resources with urn, type, name, parent, inputs", async () => {
        const doc = planJson(await plannedStack("dev"));
        expect(Object.keys(doc)).to.deep.equal(["project", "stack", "resources"]);
        expect(doc.project).to.equal("kgsports");
        expect(doc.stack).to.equal("dev");
        for (const r of doc.resources) expect(Object.keys(r)).to.deep.equal(["urn", "type", "name", "parent", "inputs"]);
        const top = doc.resources.filter((r) => r.parent === null);
        expect(top.map((r) => r.type).sort()).to.deep.equal(["awsx:ec2:Vpc", "kgsports:access:AccessControl", "kgsports:backup:BackupPolicy", "kgsports:data:UserStore", "kgsports:observability:Observability", "kgsports:web:ScalingWebTier"]);
        expect(JSON.parse(JSON.stringify(doc))).to.deep.equal(doc);
    });

    it("the tree shows every resource and ends with the count", async () => {
        const plan = await plannedStack("matchday");
        const text = renderTree(plan);
        for (const r of plan.run.resources) expect(text).to.contain(`${r.type}  ${r.name}`);
        const components = plan.run.resources.filter((r) => !r.custom);
        // AccessControl, the stack's awsx VPC, ScalingWebTier, Observability, BackupPolicy, UserStore and (in matchday) HybridLink and CapacityReservations.
        expect(components.map((r) => r.type).sort()).to.deep.equal([
            "awsx:ec2:Vpc", "kgsports:access:AccessControl", "kgsports:backup:BackupPolicy", "kgsports:capacity:CapacityReservations",
            "kgsports:data:UserStore", "kgsports:hybrid:HybridLink", "kgsports:observability:Observability", "kgsports:web:ScalingWebTier",
        ]);
        expect(text.trim().split("\n").pop()).to.equal(`${plan.run.resources.length} resources: 8 components, ${plan.run.resources.length - 8} cloud resources.`);
        // Outside a match window nothing is ignored (desired is declared raise-only from the live
        // group) but the load balancer's reservation, which the schedules own, and the reservation
        // schedules, created once (issue 21).
        const ignored = new Set(text.match(/\[set at creation only[^\]]*\]/g));
        expect([...ignored]).to.deep.equal(["[set at creation only: minimumLoadBalancerCapacity]", "[set at creation only: scheduleExpression, description, target]"]);
        const during = renderTree(await plannedStack("matchday", undefined, new Date("2027-05-29T19:30:00Z")));
        expect(during).to.contain("[set at creation only: desiredCapacity, launchTemplate]");
    });

    it("--diff shows what matchday changes against dev, ignoring the stack's own name", async () => {
        const diff = diffPlans(await plannedStack("matchday"), await plannedStack("dev"));
        expect(diff.added.map(stackFreeKey)).to.include("kgsports:web:ScalingWebTier$aws:lb/listener:Listener::web-listener-https");
        expect(diff.removed.map(stackFreeKey)).to.include("kgsports:web:ScalingWebTier$aws:lb/listener:Listener::web-listener-http");
        const asg = diff.changed.find((c) => c.name === "web-asg")!;
        expect(asg.changes).to.deep.include({ path: "maxSize", from: "4", to: "240" });
        const changes = diff.changed.flatMap((c) => c.changes);
        expect(changes.filter((ch) => ch.path.endsWith("Stack") || (ch.to ?? "").includes("kgsports-matchday"))).to.deep.equal([]);
        // Policy documents are compared by their parts: the deploy role's subject is one line.
        const deploy = diff.changed.find((c) => c.name === "access-deploy")!;
        expect(deploy.changes).to.deep.include({
            path: 'assumeRolePolicy.Statement.0.Condition.StringEquals.token.actions.githubusercontent.com:sub',
            from: '"repo:kgsports/matchday-platform:ref:refs/heads/main"',
            to: '"repo:kgsports/matchday-platform:environment:matchday"',
        });
        expect(diff.warnings).to.deep.equal([]);
    });

    it("--diff warns when a change lowers maxSize (it can remove running instances)", async () => {
        const diff = diffPlans(await plannedStack("dev"), await plannedStack("matchday"));
        expect(diff.warnings.join("\n")).to.contain("maxSize 240 -> 4");
    });
});
