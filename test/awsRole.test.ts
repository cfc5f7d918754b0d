import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { declareRole } from "@kgsports/aws-role";
import { Nightly } from "../components/aws-role/example";
import { AWS, declare, named, ofType } from "./helpers/declare";

const TRUST = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } }],
});
const BOUNDARY = "arn:aws:iam::123456789012:policy/p-workload-boundary";

/** A stand-in for a component that declares its role with the helper. */
class Owner extends pulumi.ComponentResource {
    constructor(name: string, program: (self: Owner) => void) {
        super("test:role:Owner", name, {}, {});
        program(this);
        this.registerOutputs({});
    }
}

describe("declareRole (@kgsports/aws-role)", () => {
    it("declares the role with its trust, boundary, name, session and tags, and one attachment per policy, all children of the caller", async () => {
        const run = await declare(() => new Owner("owner", (self) => {
            const r = declareRole("owner-fn-role", {
                name: "p-owner-fn",
                description: "a function's role",
                trust: TRUST,
                permissionsBoundary: BOUNDARY,
                maxSessionDuration: 7200,
                attachments: [
                    { resourceName: "owner-fn-logs", policyArn: "arn:aws:iam::123456789012:policy/p-logs" },
                    { resourceName: "owner-fn-reads", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
                ],
                tags: { Stack: "test" },
            }, { parent: self });
            r.attach({ resourceName: "owner-fn-later", policyArn: "arn:aws:iam::123456789012:policy/p-later" });
        }));
        const owner = named(run.resources, "owner");
        const role = named(run.resources, "owner-fn-role");
        expect(role.type).to.equal(AWS.role);
        expect(role.parent).to.equal(owner.urn);
        expect(role.urn).to.equal("urn:pulumi:test::kgsports::test:role:Owner$aws:iam/role:Role::owner-fn-role");
        expect(role.inputs).to.include({ name: "p-owner-fn", description: "a function's role", assumeRolePolicy: TRUST, permissionsBoundary: BOUNDARY, maxSessionDuration: 7200 });
        expect(role.inputs.tags).to.deep.equal({ Stack: "test" });
        const attachments = ofType(run.resources, AWS.attachment);
        expect(attachments.map((a) => [a.name, a.inputs.role, a.inputs.policyArn, a.parent])).to.deep.equal([
            ["owner-fn-logs", "p-owner-fn", "arn:aws:iam::123456789012:policy/p-logs", owner.urn],
            ["owner-fn-reads", "p-owner-fn", "arn:aws:iam::aws:policy/ReadOnlyAccess", owner.urn],
            ["owner-fn-later", "p-owner-fn", "arn:aws:iam::123456789012:policy/p-later", owner.urn],
        ]);
    });

    it("leaves out what is not given: no name (Pulumi names it), no boundary, no session, no attachment", async () => {
        const run = await declare(() => new Owner("owner", (self) => {
            declareRole("owner-bare-role", { trust: TRUST }, { parent: self });
        }));
        const role = named(run.resources, "owner-bare-role");
        expect(Object.keys(role.inputs).sort()).to.deep.equal(["assumeRolePolicy"]);
        expect(ofType(run.resources, AWS.attachment)).to.deep.equal([]);
    });

    it("takes the trust and boundary as outputs (a trust built from the account, a boundary another component declares)", async () => {
        const run = await declare(() => new Owner("owner", (self) => {
            declareRole("owner-out-role", { trust: pulumi.output("123456789012").apply((account) => TRUST.replace("123456789012", account)), permissionsBoundary: pulumi.output(BOUNDARY) }, { parent: self });
        }));
        expect(named(run.resources, "owner-out-role").inputs).to.include({ assumeRolePolicy: TRUST, permissionsBoundary: BOUNDARY });
    });

    it("the README's example is example.ts, and declares the function's role under its boundary with the logs policy attached before the function", async () => {
        const dir = path.join(__dirname, "..", "components", "aws-role");
        const block = /```ts\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(dir, "README.md"), "utf8"))![1];
        const example = fs.readFileSync(path.join(dir, "example.ts"), "utf8").split("\n").slice(1).join("\n").replace('from "./role"', 'from "@kgsports/aws-role"');
        expect(block).to.equal(example);
        const run = await declare(() => new Nightly("nightly", { permissionsBoundary: BOUNDARY }));
        const role = named(run.resources, "nightly-role");
        expect(role.inputs).to.include({ name: "nightly-function", permissionsBoundary: BOUNDARY });
        expect(JSON.parse(String(role.inputs.assumeRolePolicy)).Statement[0].Principal).to.deep.equal({ Service: "lambda.amazonaws.com" });
        const attachment = named(run.resources, "nightly-role-logs");
        expect(attachment.inputs.role).to.equal("nightly-function");
        expect(named(run.resources, "nightly-function").options.dependsOn).to.include(attachment.urn);
    });
});
