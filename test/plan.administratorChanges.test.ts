/**
 * The plan diff tells a reviewer when an edit changes IAM that only an administrator
 * deploys (the CI deploy role is denied it): who administers, the pipeline's roles and
 * policies, the human groups. Edits the platform team makes before a match (sizes,
 * fixtures, operators) change none of it.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { administratorOwnedChanges, WarningSide } from "../stacks/plan/diffWarnings";
import { plannedStack } from "./helpers/declare";

const ROOT = path.join(__dirname, "..");

async function side(stack: string, configFile?: string): Promise<WarningSide> {
    const plan = await plannedStack(stack, configFile);
    return { settings: plan.settings, resources: plan.run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, inputs: r.inputs as Record<string, unknown> })) };
}

/** The shipped matchday file with one edit, as a file a plan can read. */
function edited(edit: (text: string) => string): string {
    const original = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8");
    const text = edit(original);
    expect(text, "the edit applies").to.not.equal(original);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-admin-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, text);
    return file;
}

describe("plan diff: changes only an administrator deploys", function () {
    this.timeout(60_000);
    let shipped: WarningSide;
    before(async () => {
        shipped = await side("matchday");
    });

    it("names the administrators group's membership when an administrator is added", async () => {
        const after = await side("matchday", edited((t) => t.replace("    - platform-admin\n", "    - platform-admin\n    - second-admin\n")));
        expect(administratorOwnedChanges(shipped, after)).to.deep.equal(["access-administrators-members"]);
    });

    it("names the deploy role when the deploying environment changes, and the pipeline's policies when the state backend does", async () => {
        const env = await side("matchday", edited((t) => t.replace("kgsports:deployEnvironment: matchday", "kgsports:deployEnvironment: production")));
        expect(administratorOwnedChanges(shipped, env)).to.deep.equal(["access-deploy"]);
        const state = await side("matchday", edited((t) => t.replace("  aws:region: ap-northeast-2\n", "  aws:region: ap-northeast-2\n  kgsports:stateBackendUrl: s3://kgsports-pulumi-state/platform\n")));
        expect(administratorOwnedChanges(shipped, state)).to.deep.equal(["access-deploy-access", "access-preview-access"]);
    });

    it("says nothing for the edits made before a match: sizes, operators, fixtures", async () => {
        const sizes = await side("matchday", edited((t) => t.replace("kgsports:maxSize: 240", "kgsports:maxSize: 260").replace("kgsports:minSize: 6", "kgsports:minSize: 5")));
        expect(administratorOwnedChanges(shipped, sizes)).to.deep.equal([]);
        const operators = await side("matchday", edited((t) => t.replace("    - matchday-operator-2\n", "    - matchday-operator-2\n    - matchday-operator-3\n")));
        expect(administratorOwnedChanges(shipped, operators)).to.deep.equal([]);
    });
});
