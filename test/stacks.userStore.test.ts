/**
 * The UserStore in both stacks (issue 23): the table the config sizes and protects, what
 * the backup plan selects (AWS's matching model over the declared selection and table),
 * the endpoint that admits exactly the instances and the on-premise ranges, the clients'
 * policy on the instance role, the parameters the instances read at boot, and the
 * warnings the monitoring sends.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { selectionPicks } from "@kgsports/backup-policy";
import { userStoreNames } from "@kgsports/user-store";
import { fakeOutputs } from "../stacks/plan/fakeCloud";
import { named, ofType, one, plannedStack } from "./helpers/declare";

const TABLE = "aws:dynamodb/table:Table";

describe("UserStore in the stacks", () => {
    for (const [stack, days] of [["dev", 7], ["matchday", 35]] as const) {
        it(`${stack}: one protected table, encrypted with its own key, ${days} days of recovery, warm throughput left at a new table's own`, async () => {
            const plan = await plannedStack(stack);
            const { resources } = plan.run;
            const tables = ofType(resources, TABLE);
            expect(tables).to.have.length(1);
            const table = tables[0];
            const prefix = plan.settings.access.namePrefix;
            expect(table.inputs.name).to.equal(userStoreNames(prefix).tableName);
            expect(table.inputs.billingMode).to.equal("PAY_PER_REQUEST");
            expect(table.inputs.deletionProtectionEnabled).to.equal(true);
            expect(table.options.retainOnDelete).to.equal(true);
            expect(table.inputs.pointInTimeRecovery).to.deep.equal({ enabled: true, recoveryPeriodInDays: days });
            // At a new table's own figure nothing is sent (AWS keeps, and may raise, the table's own).
            expect(table.inputs.warmThroughput).to.equal(undefined);
            // The store's own key (its ARN as the fake cloud answers for it), not the backups' or the alerts'.
            named(resources, "users-key");
            const keyArn = fakeOutputs("aws:kms/key:Key", "users-key", {}, "ap-northeast-2").arn;
            expect(table.inputs.serverSideEncryption).to.deep.equal({ enabled: true, kmsKeyArn: keyArn });
        });
    }

    it("the backup plan selects the store's table by its tag, in AWS's matching model", async () => {
        for (const stack of ["dev", "matchday"]) {
            const { resources } = (await plannedStack(stack)).run;
            const table = one(resources, TABLE);
            const selection = one(resources, "aws:backup/selection:Selection").inputs as Parameters<typeof selectionPicks>[0];
            const tags = table.inputs.tags as Record<string, string>;
            const arn = `arn:aws:dynamodb:ap-northeast-2:123456789012:table/${String(table.inputs.name)}`;
            expect(selectionPicks(selection, { arn, type: "DynamoDB", tags }), stack).to.equal(true);
            // Without the backup tag, the same table is not selected: the tag is what puts it in the plan.
            const untagged = Object.fromEntries(Object.entries(tags).filter(([k]) => k !== "kgsports:backup"));
            expect(selectionPicks(selection, { arn, type: "DynamoDB", tags: untagged }), stack).to.equal(false);
        }
    });

    it("matchday's endpoint admits 443 from the web instances' group and the on-premise ranges, and nothing else", async () => {
        const plan = await plannedStack("matchday");
        const { resources } = plan.run;
        const endpoint = one(resources, "aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoint.inputs).to.deep.include({ vpcEndpointType: "Interface", privateDnsEnabled: false });
        const [groupId] = endpoint.inputs.securityGroupIds as string[];
        const rules = resources.filter((r) => r.type.startsWith("aws:vpc/securityGroup") && r.inputs.securityGroupId === groupId);
        expect(rules.length).to.be.greaterThan(0);
        expect(rules.every((r) => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")).to.equal(true);
        expect(rules.every((r) => r.inputs.fromPort === 443 && r.inputs.toPort === 443 && r.inputs.ipProtocol === "tcp")).to.equal(true);
        // The web instances' group: the one the load balancer's traffic is admitted to.
        const instancesGroupId = named(resources, "web-instances-ingress-from-alb").inputs.securityGroupId;
        const sources = rules.map((r) => r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId).sort();
        expect(sources).to.deep.equal([instancesGroupId, ...plan.settings.hybrid!.onPremiseCidrs].sort());
    });

    it("the instances read where the store is from its parameters, under the path their role may read", async () => {
        for (const stack of ["dev", "matchday"]) {
            const plan = await plannedStack(stack);
            const { resources } = plan.run;
            const names = userStoreNames(plan.settings.access.namePrefix);
            const parameters = ofType(resources, "aws:ssm/parameter:Parameter").map((p) => String(p.inputs.name));
            expect(parameters, stack).to.include.members([names.tableNameParameter, names.endpointUrlParameter]);
            const userData = Buffer.from(String(one(resources, "aws:ec2/launchTemplate:LaunchTemplate").inputs.userData), "base64").toString();
            expect(userData, stack).to.contain(`STORE_PATH=${names.parameterPath} `);
            const policy = ofType(resources, "aws:iam/policy:Policy").find((p) => String(p.inputs.name).endsWith("-web-instance-user-store"));
            expect(policy, stack).to.not.equal(undefined);
            expect(String(policy!.inputs.policy), stack).to.contain(`parameter${names.parameterPath}/*`);
        }
    });

    it("the store's alarms warn and never page", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => String(a.inputs.name).includes("-user-store-"));
        expect(alarms.length).to.be.at.least(6);
        const warning = String(named(resources, "observability-warning").inputs.name);
        for (const a of alarms) {
            const actions = a.inputs.alarmActions as string[];
            expect(actions.length, String(a.inputs.name)).to.be.greaterThan(0);
            expect(actions.every((x) => String(x).endsWith(`:${warning}`)), String(a.inputs.name)).to.equal(true);
        }
    });
});

describe("UserStore: a restore planned from the stack file", () => {
    const ROOT = path.resolve(__dirname, "..");
    /** The shipped matchday file with the restore keys an operator adds. */
    function withRestore(lines: string[]): string {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8").replace("config:\n", `config:\n${lines.map((l) => `  ${l}\n`).join("")}`);
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-restore-")), "Pulumi.matchday.yaml");
        fs.writeFileSync(file, text);
        return file;
    }

    it("restores the live table at a moment into a new table beside it; clients keep the live one until it is promoted", async () => {
        const file = withRestore(["kgsports:userStoreRestoreLabel: before-bad-import", 'kgsports:userStoreRestoreFrom: "2027-03-19T12:00:00Z"']);
        const { resources } = (await plannedStack("matchday", file)).run;
        const tables = ofType(resources, TABLE);
        expect(tables.map((t) => t.inputs.name)).to.deep.equal(["kgsports-matchday-users", "kgsports-matchday-users-restore-before-bad-import"]);
        const restored = tables[1];
        const live = fakeOutputs(TABLE, "users-table", tables[0].inputs, "ap-northeast-2").arn;
        expect(restored.inputs).to.deep.include({ restoreSourceTableArn: live, restoreDateTime: "2027-03-19T12:00:00Z", deletionProtectionEnabled: true });
        expect(restored.options.retainOnDelete).to.equal(true);
        // Its own copy of the endpoint-only policy (a restore does not carry its source's).
        expect(ofType(resources, "aws:dynamodb/resourcePolicy:ResourcePolicy")).to.have.length(2);
        const tableNameParameter = ofType(resources, "aws:ssm/parameter:Parameter").find((p) => p.inputs.name === "/kgsports-matchday/user-store/table-name")!;
        expect(tableNameParameter.inputs.insecureValue).to.equal("kgsports-matchday-users");

        const promoted = withRestore(["kgsports:userStoreRestoreLabel: before-bad-import", "kgsports:userStoreRestoreFrom: latest", "kgsports:userStorePromoteRestore: true"]);
        const after = (await plannedStack("matchday", promoted)).run.resources;
        expect(ofType(after, TABLE)[1].inputs.restoreToLatestTime).to.equal(true);
        const parameter = ofType(after, "aws:ssm/parameter:Parameter").find((p) => p.inputs.name === "/kgsports-matchday/user-store/table-name")!;
        expect(parameter.inputs.insecureValue).to.equal("kgsports-matchday-users-restore-before-bad-import");
    });

    it("refuses a restore of a moment in the future before anything is declared, naming the key", async () => {
        const file = withRestore(["kgsports:userStoreRestoreLabel: typo", 'kgsports:userStoreRestoreFrom: "2028-03-19T12:00:00Z"']);
        let message = "";
        try {
            await plannedStack("matchday", file);
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).to.contain('Stack "matchday" has invalid config').and.contain("kgsports:userStoreRestoreFrom").and.contain("is in the future");
    });
});
