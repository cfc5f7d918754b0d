/** The delivery pipeline's slice of the stack config: the state backend and the secrets key the roles may use. */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decidePipelineSettings, parseStateBackendUrl } from "../stacks/config/pipeline";
import { planStack } from "../stacks/plan/planStack";

describe("pipeline config (state backend, secrets key)", () => {
    it("reads the bucket and the prefix from the login URL, with or without a prefix or a trailing slash", () => {
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "" });
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state/platform")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "platform" });
        expect(parseStateBackendUrl("s3://kgsports-pulumi-state/teams/platform/")).to.deep.equal({ bucketName: "kgsports-pulumi-state", keyPrefix: "teams/platform" });
    });

    it("refuses what is not an S3 backend, a query string, a bucket name S3 refuses and a wildcard prefix, naming the key and what is allowed", () => {
        for (const url of ["https://app.pulumi.com", "s3://Kgsports_State", "s3://kgsports-state?region=ap-northeast-2", "s3://kgsports-state/*", "file:///tmp/state", "s3://ab"]) {
            const r = decidePipelineSettings({ stateBackendUrl: url });
            expect(r.problems, url).to.have.length(1);
            expect(r.problems[0].key).to.equal("kgsports:stateBackendUrl");
            expect(r.problems[0].value).to.equal(url);
            expect(r.problems[0].message).to.contain("allowed: s3://<bucket>");
            expect(r.settings.stateBackend, url).to.equal(undefined);
        }
    });

    it("takes a KMS key ARN for the secrets provider and refuses an alias or anything else", () => {
        const key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        expect(decidePipelineSettings({ secretsKmsKeyArn: key })).to.deep.equal({ problems: [], settings: { secretsKmsKeyArn: key } });
        for (const bad of ["arn:aws:kms:ap-northeast-2:111122223333:alias/pulumi", "alias/pulumi", "1234abcd-12ab-34cd-56ef-1234567890ab"]) {
            const r = decidePipelineSettings({ secretsKmsKeyArn: bad });
            expect(r.problems.map((p) => p.key), bad).to.deep.equal(["kgsports:secretsKmsKeyArn"]);
            expect(r.problems[0].message).to.contain("not an alias");
        }
        expect(decidePipelineSettings({})).to.deep.equal({ problems: [], settings: {} });
    });

    it("a bad value in a stack file stops the plan before anything is declared, with the stack, the key and what is allowed", async () => {
        const text = fs.readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8").replace(/^config:\n/m, "config:\n  kgsports:stateBackendUrl: https://app.pulumi.com\n");
        expect(text).to.contain("kgsports:stateBackendUrl: https://app.pulumi.com");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-pipeline-")), "Pulumi.dev.yaml");
        fs.writeFileSync(file, text);
        const outcome = await planStack({ stack: "dev", configFile: file, now: new Date("2027-03-20T00:00:00Z") });
        expect(outcome.ok).to.equal(false);
        const message = (outcome as { message: string }).message;
        expect(message).to.contain('Stack "dev"').and.contain("kgsports:stateBackendUrl").and.contain("allowed:").and.contain("nothing was declared");
    });
});
