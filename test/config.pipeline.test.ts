/**
 * The delivery pipeline's slice of the stack config: the state backend and the secrets
 * key the roles may use. Both are required while the stack has the CI roles (issue 19:
 * unset, the first CI deploy and every preview failed with AccessDenied), and a policy
 * simulator decides over the plans' own documents that the deploy role reads and writes
 * the state and decrypts with the key, and the preview role reads and decrypts only.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { physicalNames, PolicyDocument } from "@kgsports/access-control";
import { decidePipelineSettings, parseStateBackendUrl } from "../stacks/config/pipeline";
import { planStack } from "../stacks/plan/planStack";
import { plannedStack, TEST_NOW } from "./helpers/declare";
import { decide, Decision } from "./helpers/iamSimulator";

/** A stack without CI roles: the keys are optional there. */
const NO_CI = { stack: "dev" };

describe("pipeline config (state backend, secrets key)", () => {
    it("reads the bucket and the prefix from the login URL, with or without a prefix or a trailing slash", () => {
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "" });
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state/platform")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "platform" });
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state/teams/platform/")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "teams/platform" });
    });

    it("refuses what is not an S3 backend, a query string, a bucket name S3 refuses and a wildcard prefix, naming the key and what is allowed", () => {
        for (const url of ["https://app.pulumi.com", "s3://Kgsports_State", "s3://kgsports-state?region=ap-northeast-2", "s3://kgsports-state/*", "file:///tmp/state", "s3://ab"]) {
            const r = decidePipelineSettings({ stateBackendUrl: url }, NO_CI);
            expect(r.problems, url).to.have.length(1);
            expect(r.problems[0].key).to.equal("kgsports:stateBackendUrl");
            expect(r.problems[0].value).to.equal(url);
            expect(r.problems[0].message).to.contain("allowed: s3://<bucket>");
            expect(r.settings.stateBackend, url).to.equal(undefined);
        }
    });

    it("takes a KMS key ARN for the secrets provider and refuses an alias or anything else", () => {
        const key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        expect(decidePipelineSettings({ secretsKmsKeyArn: key }, NO_CI)).to.deep.equal({ problems: [], settings: { secretsKmsKeyArn: key } });
        for (const bad of ["arn:aws:kms:ap-northeast-2:111122223333:alias/pulumi", "alias/pulumi", "1234abcd-12ab-34cd-56ef-1234567890ab"]) {
            const r = decidePipelineSettings({ secretsKmsKeyArn: bad }, NO_CI);
            expect(r.problems.map((p) => p.key), bad).to.deep.equal(["kgsports:secretsKmsKeyArn"]);
            expect(r.problems[0].message).to.contain("not an alias");
        }
        expect(decidePipelineSettings({}, NO_CI)).to.deep.equal({ problems: [], settings: {} });
    });

    it("a bad value in a stack file stops the plan before anything is declared, with the stack, the key and what is allowed", async () => {
        const text = fs.readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8").replace(/^ {2}kgsports:stateBackendUrl: .*$/m, "  kgsports:stateBackendUrl: https://app.pulumi.com");
        expect(text).to.contain("kgsports:stateBackendUrl: https://app.pulumi.com");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-pipeline-")), "Pulumi.dev.yaml");
        fs.writeFileSync(file, text);
        const outcome = await planStack({ stack: "dev", configFile: file, now: new Date("2027-03-20T00:00:00Z") });
        expect(outcome.ok).to.equal(false);
        const message = (outcome as { message: string }).message;
        expect(message).to.contain('Stack "dev"').and.contain("kgsports:stateBackendUrl").and.contain("allowed:").and.contain("nothing was declared");
    });

    it("with a deploy repository both keys are required: each missing one is a problem naming both keys, the stack and the bootstrap step", () => {
        const ci = { stack: "matchday", deployRepository: "kgsports/matchday-platform" };
        const none = decidePipelineSettings({}, ci);
        expect(none.problems.map((p) => p.key)).to.deep.equal(["kgsports:stateBackendUrl", "kgsports:secretsKmsKeyArn"]);
        for (const p of none.problems) {
            expect(p.message).to.contain("kgsports:stateBackendUrl").and.contain("kgsports:secretsKmsKeyArn").and.contain("kgsports:deployRepository");
            expect(p.message).to.contain('"One-time bootstrap"').and.contain("pulumi stack init matchday").and.contain("Pulumi.matchday.yaml").and.contain("AccessDenied");
        }
        const key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        expect(decidePipelineSettings({ secretsKmsKeyArn: key }, ci).problems.map((p) => p.key)).to.deep.equal(["kgsports:stateBackendUrl"]);
        expect(decidePipelineSettings({ stateBackendUrl: "s3://kgsports-state" }, ci).problems.map((p) => p.key)).to.deep.equal(["kgsports:secretsKmsKeyArn"]);
        expect(decidePipelineSettings({ stateBackendUrl: "s3://kgsports-state", secretsKmsKeyArn: key }, ci)).to.deep.equal({
            problems: [],
            settings: { stateBackend: { bucketName: "kgsports-state", keyPrefix: "" }, secretsKmsKeyArn: key },
        });
    });

    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: the shipped stack file without the two keys stops the plan, naming the stack, both keys and the bootstrap`, async () => {
            const text = fs.readFileSync(path.join(__dirname, "..", `Pulumi.${stack}.yaml`), "utf8")
                .replace(/^ {2}kgsports:(stateBackendUrl|secretsKmsKeyArn): .*\n/gm, "");
            expect(text).to.not.contain("kgsports:stateBackendUrl:");
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-pipeline-")), `Pulumi.${stack}.yaml`);
            fs.writeFileSync(file, text);
            const outcome = await planStack({ stack, configFile: file, now: TEST_NOW });
            expect(outcome.ok).to.equal(false);
            const message = (outcome as { message: string }).message;
            expect(message).to.contain(`Stack "${stack}"`).and.contain("nothing was declared").and.contain("One-time bootstrap");
            expect(message.match(/^ {2}- kgsports:(stateBackendUrl|secretsKmsKeyArn): /gm)).to.have.length(2);
        });
    }
});

/** Objects of a self-managed backend (pulumi's DIY layout under the login URL's prefix). */
function stateObjects(bucket: string, prefix: string, stack: string): Record<string, string> {
    const base = `arn:aws:s3:::${bucket}/${prefix === "" ? "" : `${prefix}/`}.pulumi`;
    return {
        checkpoint: `${base}/stacks/kgsports/${stack}.json`,
        backup: `${base}/backups/kgsports/${stack}/${stack}.1733550000000.json`,
        history: `${base}/history/kgsports/${stack}/${stack}-1733550000000.history.json`,
        lock: `${base}/locks/organization/kgsports/${stack}/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0.json`,
    };
}

/** KMS's default key policy (what `aws kms create-key` gives without --policy): the account's IAM policies decide. */
function defaultKeyPolicy(keyArn: string): object {
    const account = /:(\d{12}):/.exec(keyArn)![1];
    return { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] };
}

describe("the pipeline roles and the state bucket and secrets key, as the plans emit them (policy simulator)", function () {
    this.timeout(120_000);

    for (const stack of ["dev", "matchday"]) {
        describe(`stack ${stack}`, () => {
            let bucket: string;
            let prefix: string;
            let keyArn: string;
            let deploy: { arn: string; policies: PolicyDocument[] };
            let preview: { arn: string; policies: PolicyDocument[] };
            before(async () => {
                const plan = await plannedStack(stack);
                const backend = plan.settings.pipeline.stateBackend;
                expect(backend, "the stack names its state bucket").to.not.equal(undefined);
                expect(plan.settings.pipeline.secretsKmsKeyArn, "the stack names its secrets key").to.be.a("string");
                bucket = backend!.bucketName;
                prefix = backend!.keyPrefix;
                keyArn = plan.settings.pipeline.secretsKmsKeyArn!;
                const names = physicalNames(plan.settings.access.namePrefix);
                const doc = (name: string) => {
                    const p = plan.run.resources.find((r) => r.type === "aws:iam/policy:Policy" && r.inputs.name === name);
                    expect(p, name).to.not.equal(undefined);
                    return JSON.parse(String(p!.inputs.policy)) as PolicyDocument;
                };
                // The roles live in the account of the stack's secrets key (the bootstrap creates the key
                // there; the plan's fake account is another one, which would make every call cross-account).
                const account = /:(\d{12}):key\//.exec(keyArn)![1];
                deploy = { arn: `arn:aws:iam::${account}:role/${names.roles.deploy}`, policies: [doc(names.policies["deploy-access"]), doc(names.policies["deploy-iam-access"]), doc(names.policies["deploy-pass-access"])] };
                preview = { arn: `arn:aws:iam::${account}:role/${names.roles.preview}`, policies: [doc(names.policies["preview-access"])] };
            });
            // The preview role carries its policy as its boundary too. A KMS key's IAM grants work
            // only where its key policy lets the account's IAM decide: the bootstrap key keeps
            // KMS's default key policy, whose one statement is exactly that.
            const ask = (who: "deploy" | "preview", action: string, resource: string): Promise<Decision> => {
                const p = who === "deploy" ? deploy : preview;
                const keyPolicy = action.startsWith("kms:") ? { resourcePolicy: defaultKeyPolicy(resource) } : {};
                return decide(p.policies, { principal: p.arn, action, resource }, { ...(who === "preview" ? { boundaries: p.policies } : {}), ...keyPolicy });
            };

            it("the deploy role lists the bucket, reads and writes the checkpoint, backups, history and lock, and decrypts with the secrets key", async () => {
                expect(await ask("deploy", "s3:ListBucket", `arn:aws:s3:::${bucket}`)).to.equal("Allowed");
                for (const [what, object] of Object.entries(stateObjects(bucket, prefix, stack))) {
                    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) expect(await ask("deploy", action, object), `${action} ${what}`).to.equal("Allowed");
                }
                expect(await ask("deploy", "kms:Decrypt", keyArn)).to.equal("Allowed");
            });

            it("the preview role lists and reads the state and decrypts with the key, and writes nothing", async () => {
                expect(await ask("preview", "s3:ListBucket", `arn:aws:s3:::${bucket}`)).to.equal("Allowed");
                const objects = stateObjects(bucket, prefix, stack);
                expect(await ask("preview", "s3:GetObject", objects.checkpoint)).to.equal("Allowed");
                expect(await ask("preview", "kms:Decrypt", keyArn)).to.equal("Allowed");
                for (const [what, object] of Object.entries(objects)) {
                    for (const action of ["s3:PutObject", "s3:DeleteObject"]) expect(await ask("preview", action, object), `${action} ${what}`).to.not.equal("Allowed");
                }
                expect(await ask("preview", "kms:Encrypt", keyArn)).to.not.equal("Allowed");
            });

            it("neither reaches another bucket's objects or another key", async () => {
                const otherKey = keyArn.replace(/key\/.*$/, "key/99999999-9999-4999-8999-999999999999");
                for (const who of ["deploy", "preview"] as const) {
                    expect(await ask(who, "s3:GetObject", "arn:aws:s3:::payments-data/export.csv"), who).to.not.equal("Allowed");
                    expect(await ask(who, "kms:Decrypt", otherKey), who).to.not.equal("Allowed");
                }
            });
        });
    }
});
