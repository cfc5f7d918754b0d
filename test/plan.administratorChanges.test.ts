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
        const edit = await side("matchday", edited((t) => t
            .replace("kgsports:deployEnvironment: matchday", "kgsports:deployEnvironment: production")
            .replace(/^ {2}kgsports:stateBackendUrl: .*$/m, "  kgsports:stateBackendUrl: s3://kgsports-pulumi-state/platform")));
        expect(administratorOwnedChanges(shipped, edit)).to.deep.equal(["access-deploy", "access-deploy-access", "access-preview-access"]);
    });

    it("says nothing for the edits made before a match: sizes and operators (which change CI-owned IAM only)", async () => {
        const edit = await side("matchday", edited((t) => t
            .replace("kgsports:maxSize: 240", "kgsports:maxSize: 260")
            .replace("kgsports:minSize: 6", "kgsports:minSize: 5")
            .replace("    - matchday-operator-2\n", "    - matchday-operator-2\n    - matchday-operator-3\n")));
        expect(administratorOwnedChanges(shipped, edit)).to.deep.equal([]);
        // They do change IAM: the operator's size conditions and the operators' membership, both CI's.
        const changed = (s: WarningSide, name: string) => JSON.stringify(s.resources.find((r) => r.name === name)!.inputs);
        expect(changed(edit, "access-matchday-operator-access")).to.not.equal(changed(shipped, "access-matchday-operator-access"));
        expect(changed(edit, "access-operators-members")).to.not.equal(changed(shipped, "access-operators-members"));
    });
});
