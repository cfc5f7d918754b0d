/**
 * UserStore's README: the usage example is example.ts (which the project compiles) and
 * runs as written under mocks; the tables name every arg and every output.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ComponentReadme, runExample } from "./helpers/componentReadme";
import { declare, one } from "./helpers/declare";

const DIR = path.join(__dirname, "..", "components", "user-store");
const doc = ComponentReadme.of("user-store");

/** Field names of an exported interface in a component source file. */
function fieldsOf(file: string, name: string): string[] {
    const source = fs.readFileSync(path.join(DIR, file), "utf8");
    const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(source)![1];
    return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

/** The component's public readonly outputs. */
function outputsOf(): string[] {
    const source = fs.readFileSync(path.join(DIR, "userStore.ts"), "utf8");
    return [...source.matchAll(/^ {4}public readonly (\w+):/gm)].map((m) => m[1]);
}

// The shared fake cloud has no interface endpoint yet (see test/userStore.test.ts): give it its DNS entry here too.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fakeCloud = require("../stacks/plan/fakeCloud") as { fakeOutputs: (type: string, name: string, inputs: Record<string, unknown>, region: string) => Record<string, unknown> };
const original = fakeCloud.fakeOutputs;

describe("UserStore README", () => {
    before(() => {
        fakeCloud.fakeOutputs = (type, name, inputs, region) => type === "aws:ec2/vpcEndpoint:VpcEndpoint"
            ? { id: "vpce-0a1b2c3d4e5f60718", dnsEntries: [{ dnsName: `vpce-0a1b2c3d4e5f60718-abcdefgh.dynamodb.${region}.vpce.amazonaws.com`, hostedZoneId: "Z1" }] }
            : original(type, name, inputs, region);
    });
    after(() => { fakeCloud.fakeOutputs = original; });

    it("the usage example is example.ts, importing the package by name", () => {
        const example = fs.readFileSync(path.join(DIR, "example.ts"), "utf8").split("\n").slice(1).join("\n").replace('from "./index"', 'from "@kgsports/user-store"');
        expect(doc.usageExample()).to.equal(example);
    });

    it("the usage example runs as written: the store, and the clients' policy for its tables", async () => {
        const config = {
            "aws:region": "ap-northeast-2",
            "kgsports:vpcId": "vpc-0123456789abcdef0",
            "kgsports:privateSubnetIds": JSON.stringify(["subnet-0a", "subnet-0b"]),
            "kgsports:webSecurityGroupId": "sg-0web",
        };
        const { resources, result, unansweredCalls } = await declare(() => runExample(doc.usageExample()), "test", config);
        expect(unansweredCalls).to.deep.equal([]);
        one(resources, "kgsports:data:UserStore");
        expect(one(resources, "aws:dynamodb/table:Table").inputs).to.deep.include({ name: "kgsports-dev-users", pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 7 } });
        const policy = JSON.parse(String(one(resources, "aws:iam/policy:Policy").inputs.policy));
        expect(policy.Statement[0].Resource).to.include("arn:aws:dynamodb:ap-northeast-2:123456789012:table/kgsports-dev-users");
        for (const key of ["tableName", "endpointUrl", "tableNameParameter", "endpointUrlParameter", "clientPolicyArn"]) expect(result, key).to.have.property(key);
        expect(result.tableNameParameter).to.equal("/kgsports-dev/user-store/table-name");
    });

    it("the args table names every arg, and the outputs table every output", () => {
        expect([...doc.tableAfter("## Args").keys()].filter((k) => k.startsWith("`")).map((k) => k.replace(/`/g, "")).sort()).to.deep.equal(fieldsOf("args.ts", "UserStoreArgs").sort());
        expect([...doc.tableAfter("## Outputs").keys()].filter((k) => k.startsWith("`")).map((k) => k.replace(/`/g, "")).sort()).to.deep.equal(outputsOf().sort());
    });

    it("stays short (at most about 150 lines)", () => {
        expect(doc.text().split("\n").length).to.be.at.most(155);
    });
});
