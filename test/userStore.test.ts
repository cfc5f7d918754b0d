/**
 * UserStore under mocks: what it declares (the key, the table and its settings, the
 * table policy, the endpoint and its 443-only group, the parameters, the restore), and
 * its validation, which refuses bad args before any AWS resource is declared.
 */
import { expect } from "chai";
import { decideSecurityRules } from "@kgsports/scaling-web-tier/pure";
import { NEW_TABLE_WARM_THROUGHPUT, UserStore, UserStoreArgs, userStoreArgsProblems, restoreFromProblem, cidrProblem, decideEndpointRules } from "@kgsports/user-store";
import { declare, named, ofType, one } from "./helpers/declare";
import type { DeclaredResource } from "../stacks/plan/mockRuntime";

const REGION = "ap-northeast-2";
const PREFIX = "kgsports-matchday";
const T = {
    component: "kgsports:data:UserStore",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    table: "aws:dynamodb/table:Table",
    tablePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    parameter: "aws:ssm/parameter:Parameter",
};

/**
 * The shared fake cloud (stacks/plan/fakeCloud.ts) has no DynamoDB table nor interface
 * endpoint yet: while these tests run, its outputs for the two are what AWS returns (a
 * table ARN `table/<name>`, an endpoint `vpce-...` with its regional DNS entry first).
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fakeCloud = require("../stacks/plan/fakeCloud") as { fakeOutputs: (type: string, name: string, inputs: Record<string, unknown>, region: string) => Record<string, unknown>; fakeHex(name: string): string };
const original = fakeCloud.fakeOutputs;
function withStoreOutputs(type: string, name: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
    const hex = fakeCloud.fakeHex(name);
    if (type === T.table) {
        const table = String(inputs.name ?? name);
        return { id: table, name: table, arn: `arn:aws:dynamodb:${region}:123456789012:table/${table}` };
    }
    if (type === T.endpoint) {
        const id = `vpce-0${hex}`;
        return {
            id,
            arn: `arn:aws:ec2:${region}:123456789012:vpc-endpoint/${id}`,
            dnsEntries: [
                { dnsName: `${id}-${hex.slice(0, 8)}.dynamodb.${region}.vpce.amazonaws.com`, hostedZoneId: "Z27R6B4W7I1W4H" },
                { dnsName: `${id}-${hex.slice(0, 8)}-${region}a.dynamodb.${region}.vpce.amazonaws.com`, hostedZoneId: "Z27R6B4W7I1W4H" },
            ],
        };
    }
    return original(type, name, inputs, region);
}

function args(overrides: Partial<UserStoreArgs> = {}): UserStoreArgs {
    return {
        namePrefix: PREFIX,
        vpcId: "vpc-0123456789abcdef0",
        privateSubnetIds: ["subnet-0private0a", "subnet-0private0b"],
        clientSecurityGroupIds: ["sg-0web0instances"],
        onPremiseCidrs: ["10.20.0.0/16", "172.16.8.0/24"],
        tags: { "kgsports:backup": "daily" },
        keyAdministratorRoleArns: ["arn:aws:iam::123456789012:role/kgsports-matchday-deploy"],
        ...overrides,
    };
}

const inputs = (r: DeclaredResource) => r.inputs as any;
/** The mock key's id, as the fake cloud derives it from the key's name. */
const keyIdOf = (key: DeclaredResource) => {
    const hex = fakeCloud.fakeHex(key.name);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(1, 4)}-${hex.slice(4, 16)}`;
};

async function declared(a: UserStoreArgs) {
    const run = await declare(() => new UserStore("users", a), "test", { "aws:region": REGION });
    expect(run.unansweredCalls).to.deep.equal([]);
    const urns = run.resources.map((r) => r.urn);
    expect(new Set(urns).size, "unique URNs").to.equal(urns.length);
    return run;
}

describe("UserStore", () => {
    before(() => { fakeCloud.fakeOutputs = withStoreOutputs; });
    after(() => { fakeCloud.fakeOutputs = original; });

    describe("the table and its key", () => {
        it("one table, on demand, encrypted with the component's own rotated key, PITR for the given days, deletion protection, warm throughput", async () => {
            const { resources } = await declared(args({ pointInTimeRecoveryDays: 35, warmThroughput: { readUnitsPerSecond: 24_000, writeUnitsPerSecond: 8_000 } }));
            const key = one(resources, T.key);
            const table = one(resources, T.table);
            expect(inputs(key).enableKeyRotation).to.equal(true);
            expect(inputs(table)).to.include({ name: `${PREFIX}-users`, billingMode: "PAY_PER_REQUEST", hashKey: "pk", rangeKey: "sk", deletionProtectionEnabled: true });
            expect(inputs(table).attributes).to.deep.equal([{ name: "pk", type: "S" }, { name: "sk", type: "S" }]);
            expect(inputs(table).globalSecondaryIndexes ?? []).to.deep.equal([]);
            expect(inputs(table).pointInTimeRecovery).to.deep.equal({ enabled: true, recoveryPeriodInDays: 35 });
            expect(inputs(table).warmThroughput).to.deep.equal({ readUnitsPerSecond: 24_000, writeUnitsPerSecond: 8_000 });
            // One side raised is declared whole (the other at a new table's own).
            for (const w of [{ readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_001 }, { readUnitsPerSecond: 12_001, writeUnitsPerSecond: 4_000 }]) {
                const raised = (await declared(args({ warmThroughput: w }))).resources.find((r) => r.type === T.table)!;
                expect(inputs(raised).warmThroughput).to.deep.equal(w);
            }
            expect(inputs(table).serverSideEncryption).to.deep.equal({ enabled: true, kmsKeyArn: `arn:aws:kms:${REGION}:123456789012:key/${inputs(key).keyId ?? keyIdOf(key)}` });
            expect(table.options.propertyDependencies!.serverSideEncryption).to.include(key.urn);
            expect(inputs(table).tags).to.deep.equal({ "kgsports:backup": "daily" });
            expect(inputs(one(resources, T.alias)).name).to.equal(`alias/${PREFIX}-users`);
        });

        it("the table and the key are kept when Pulumi deletes them (retainOnDelete), without protect", async () => {
            const { resources } = await declared(args());
            for (const r of [one(resources, T.table), one(resources, T.key)]) {
                expect(r.options.retainOnDelete, r.name).to.equal(true);
                expect(r.options.protect, r.name).to.equal(false);
            }
        });

        it("defaults: a new table's own warm throughput (left out of the table's arguments) and 35 days of recovery", async () => {
            const { resources, result } = await declared(args());
            const table = one(resources, T.table);
            // Nothing raised, nothing sent: AWS keeps the table's own figure, which it may raise by itself.
            expect(inputs(table).warmThroughput).to.equal(undefined);
            expect(inputs(table).pointInTimeRecovery.recoveryPeriodInDays).to.equal(35);
            expect(result.warmThroughput).to.deep.equal(NEW_TABLE_WARM_THROUGHPUT);
        });

        it("the key policy names the store's tables and the key administrators", async () => {
            const { resources } = await declared(args());
            const policy = JSON.parse(inputs(one(resources, T.key)).policy);
            const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
            expect(sids).to.include.members(["AccountAdministersTheKey", "NamedRolesAdministerTheKey", "AccountUsesTheKeyThroughDynamoDB"]);
            const use = policy.Statement.find((s: { Sid: string }) => s.Sid === "AccountUsesTheKeyThroughDynamoDB");
            expect(use.Condition.StringEquals).to.deep.equal({ "kms:CallerAccount": "123456789012", "kms:ViaService": `dynamodb.${REGION}.amazonaws.com` });
            expect(use.Condition.StringLike["kms:EncryptionContext:aws:dynamodb:tableName"]).to.deep.equal([`${PREFIX}-users`, `${PREFIX}-users-restore-*`]);
        });

        it("the table policy names the live table and the component's endpoint", async () => {
            const { resources } = await declared(args({ exemptPrincipalArns: ["arn:aws:iam::123456789012:role/break-glass"] }));
            const table = one(resources, T.table);
            const endpoint = one(resources, T.endpoint);
            const policy = one(resources, T.tablePolicy);
            const arn = `arn:aws:dynamodb:${REGION}:123456789012:table/${PREFIX}-users`;
            expect(inputs(policy).resourceArn).to.equal(arn);
            expect(policy.options.propertyDependencies!.resourceArn).to.include(table.urn);
            const doc = JSON.parse(inputs(policy).policy);
            expect(doc.Statement[0].Resource).to.deep.equal([arn, `${arn}/index/*`]);
            expect(doc.Statement[0].Condition.StringNotEquals["aws:SourceVpce"]).to.match(/^vpce-[0-9a-f]{17}$/);
            expect(policy.options.propertyDependencies!.policy).to.include(endpoint.urn);
            expect(doc.Statement[0].Condition.ArnNotEquals).to.deep.equal({ "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/break-glass"] });
            expect(doc.Statement[1].Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
        });
    });

    describe("the endpoint", () => {
        it("an interface endpoint for DynamoDB in the private subnets, private DNS off, behind its own group", async () => {
            const { resources } = await declared(args());
            const endpoint = one(resources, T.endpoint);
            const sg = one(resources, T.sg);
            expect(inputs(endpoint)).to.include({ vpcId: "vpc-0123456789abcdef0", serviceName: `com.amazonaws.${REGION}.dynamodb`, vpcEndpointType: "Interface", privateDnsEnabled: false });
            expect(inputs(endpoint).subnetIds).to.deep.equal(["subnet-0private0a", "subnet-0private0b"]);
            expect(endpoint.options.propertyDependencies!.securityGroupIds).to.include(sg.urn);
            expect(inputs(endpoint).securityGroupIds).to.have.length(1);
            expect(inputs(sg)).to.include({ name: `${PREFIX}-user-store-endpoint`, vpcId: "vpc-0123456789abcdef0" });
            expect(inputs(sg).ingress ?? []).to.deep.equal([]);
            expect(inputs(sg).egress ?? []).to.deep.equal([]);
        });

        it("admits TCP 443 from each client group and each on-premise range, and nothing else", async () => {
            const { resources } = await declared(args({ clientSecurityGroupIds: ["sg-0web0instances", "sg-0other0clients"] }));
            const sg = one(resources, T.sg);
            const rules = ofType(resources, T.ingress);
            expect(ofType(resources, T.egress)).to.deep.equal([]);
            const seen = rules.map((r) => {
                const i = inputs(r);
                expect(r.options.propertyDependencies!.securityGroupId, r.name).to.include(sg.urn);
                expect([i.ipProtocol, i.fromPort, i.toPort], r.name).to.deep.equal(["tcp", 443, 443]);
                expect(i.description, r.name).to.be.a("string").and.not.equal("");
                return i.referencedSecurityGroupId ?? i.cidrIpv4;
            });
            expect(seen.sort()).to.deep.equal(["10.20.0.0/16", "172.16.8.0/24", "sg-0other0clients", "sg-0web0instances"]);
            // EC2's charset for group and rule descriptions (CreateSecurityGroup's GroupDescription, IpRange Description).
            for (const d of [inputs(sg).description, ...rules.map((r) => inputs(r).description)]) expect(d).to.match(/^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/);
        });

        it("needs no egress rule on the web instances' group: the web tier already allows HTTPS out to any address in the VPC", () => {
            // If ScalingWebTier narrows its egress, the store must add a rule from the clients to the endpoint's group.
            const out = decideSecurityRules([{ protocol: "HTTP", port: 80 }] as never, 8080).filter((r) => r.group === "instances" && r.direction === "egress");
            expect(out).to.deep.equal([{ role: "https-out", group: "instances", direction: "egress", port: 443, cidrIpv4: "0.0.0.0/0", description: out[0]?.description }]);
        });
    });

    describe("the parameters", () => {
        it("the live table's name and the endpoint's URL under /<prefix>/user-store, as plain strings", async () => {
            const { resources, result } = await declared(args());
            const name = inputs(named(resources, "users-table-name-parameter"));
            const url = inputs(named(resources, "users-endpoint-url-parameter"));
            expect(name).to.include({ name: `/${PREFIX}/user-store/table-name`, type: "String", insecureValue: `${PREFIX}-users` });
            expect(url).to.include({ name: `/${PREFIX}/user-store/endpoint-url`, type: "String" });
            expect(url.insecureValue).to.match(new RegExp(`^https://vpce-[0-9a-f]{17}-[0-9a-f]{8}\\.dynamodb\\.${REGION}\\.vpce\\.amazonaws\\.com$`));
            expect(ofType(resources, T.parameter)).to.have.length(2);
            expect(result.tableNameParameterName).to.equal(`/${PREFIX}/user-store/table-name`);
            expect(result.endpointUrlParameterName).to.equal(`/${PREFIX}/user-store/endpoint-url`);
        });
    });

    describe("the restore", () => {
        it("no restore, no second table", async () => {
            const { resources } = await declared(args());
            expect(ofType(resources, T.table)).to.have.length(1);
            expect(ofType(resources, T.tablePolicy)).to.have.length(1);
        });

        it("a restore to a time: a new table from the live one's recovery, with the same key, protection, recovery and policy; clients stay on the live table", async () => {
            const { resources } = await declared(args({ restore: { label: "r1", from: "2026-12-07T21:30:00Z" } }));
            const key = one(resources, T.key);
            const live = named(resources, "users-table");
            const restored = named(resources, "users-restore-r1");
            expect(inputs(restored)).to.include({ name: `${PREFIX}-users-restore-r1`, restoreDateTime: "2026-12-07T21:30:00Z", deletionProtectionEnabled: true, billingMode: "PAY_PER_REQUEST" });
            expect(inputs(restored).restoreToLatestTime).to.equal(undefined);
            expect(inputs(restored).restoreSourceTableArn).to.equal(`arn:aws:dynamodb:${REGION}:123456789012:table/${PREFIX}-users`);
            expect(restored.options.propertyDependencies!.restoreSourceTableArn).to.include(live.urn);
            expect(restored.options.propertyDependencies!.serverSideEncryption).to.include(key.urn);
            expect(inputs(restored).serverSideEncryption.kmsKeyArn).to.equal(inputs(live).serverSideEncryption.kmsKeyArn);
            expect(inputs(restored).pointInTimeRecovery).to.deep.equal({ enabled: true, recoveryPeriodInDays: 35 });
            expect(restored.options.retainOnDelete).to.equal(true);
            const policies = ofType(resources, T.tablePolicy).map((p) => inputs(p).resourceArn);
            expect(policies.sort()).to.deep.equal([`arn:aws:dynamodb:${REGION}:123456789012:table/${PREFIX}-users`, `arn:aws:dynamodb:${REGION}:123456789012:table/${PREFIX}-users-restore-r1`]);
            expect(inputs(named(resources, "users-table-name-parameter")).insecureValue).to.equal(`${PREFIX}-users`);
        });

        it("promote: the table-name parameter names the restored table (the live one is kept); latest restores to the latest time", async () => {
            const { resources, result } = await declared(args({ restore: { label: "r2", from: "latest", promote: true } }));
            const restored = named(resources, "users-restore-r2");
            expect(inputs(restored).restoreToLatestTime).to.equal(true);
            expect(inputs(restored).restoreDateTime).to.equal(undefined);
            expect(inputs(named(resources, "users-table-name-parameter")).insecureValue).to.equal(`${PREFIX}-users-restore-r2`);
            expect(named(resources, "users-table-name-parameter").options.propertyDependencies!.insecureValue).to.include(restored.urn);
            expect(ofType(resources, T.table)).to.have.length(2);
            expect(result).to.be.instanceOf(UserStore);
        });
    });

    describe("validation", () => {
        it("throws one error listing every problem before declaring any AWS resource", async () => {
            const bad = args({
                namePrefix: "bad prefix!",
                warmThroughput: { readUnitsPerSecond: 11_999, writeUnitsPerSecond: 40_001 },
                pointInTimeRecoveryDays: 36,
                restore: { label: "Bad_Label", from: "yesterday" },
                onPremiseCidrs: ["10.20.0.1/16"],
                clientSecurityGroupIds: [],
            });
            const { resources, result } = await declare(() => {
                try {
                    new UserStore("users", bad);
                    return undefined;
                } catch (e) {
                    return (e as Error).message;
                }
            }, "test", { "aws:region": REGION });
            expect(resources.filter((r) => r.custom)).to.deep.equal([]);
            expect(result).to.be.a("string");
            const lines = String(result).split("\n");
            expect(lines[0]).to.equal('UserStore "users": invalid args:');
            expect(lines.slice(1).map((l) => l.replace(/ = .*/, "").trim())).to.deep.equal([
                "- namePrefix",
                "- warmThroughput.readUnitsPerSecond",
                "- warmThroughput.writeUnitsPerSecond",
                "- pointInTimeRecoveryDays",
                "- restore.label",
                "- restore.from",
                "- onPremiseCidrs[0]",
                "- clientSecurityGroupIds",
            ]);
        });

        it("accepts the bounds: 12 000/4 000 to 40 000/40 000 units, 1 and 35 days, a 40-character label", () => {
            for (const [r, w] of [[12_000, 4_000], [40_000, 40_000]]) {
                expect(userStoreArgsProblems(args({ warmThroughput: { readUnitsPerSecond: r, writeUnitsPerSecond: w } }))).to.deep.equal([]);
            }
            expect(userStoreArgsProblems(args({ warmThroughput: { readUnitsPerSecond: 12_000.5, writeUnitsPerSecond: 3_999 } }))).to.have.length(2);
            expect(userStoreArgsProblems(args({ warmThroughput: { readUnitsPerSecond: 50_000, writeUnitsPerSecond: 50_000 } }), { tableQuota: { readUnitsPerSecond: 80_000, writeUnitsPerSecond: 80_000 } })).to.deep.equal([]);
            for (const days of [1, 35]) expect(userStoreArgsProblems(args({ pointInTimeRecoveryDays: days }))).to.deep.equal([]);
            for (const days of [0, 1.5]) expect(userStoreArgsProblems(args({ pointInTimeRecoveryDays: days }))).to.have.length(1);
            expect(userStoreArgsProblems(args({ restore: { label: "a".repeat(40), from: "latest" } }))).to.deep.equal([]);
            expect(userStoreArgsProblems(args({ restore: { label: "a".repeat(41), from: "latest" } }))).to.have.length(1);
            expect(userStoreArgsProblems(args({ restore: { label: "-a", from: "latest" } }))).to.have.length(1);
            expect(userStoreArgsProblems(args({ namePrefix: "a".repeat(32) }))).to.deep.equal([]);
            expect(userStoreArgsProblems(args({ namePrefix: "a".repeat(33) }))).to.have.length(1);
        });

        it("a restore time: ISO UTC, not in the future, within the recovery window when a clock is given", () => {
            const now = new Date("2026-12-08T00:00:00Z");
            expect(restoreFromProblem("latest", 35, now)).to.equal(undefined);
            expect(restoreFromProblem("2026-12-07T21:30:00Z", 35, now)).to.equal(undefined);
            expect(restoreFromProblem("2026-12-07T21:30:00.250Z", 35, now)).to.equal(undefined);
            expect(restoreFromProblem("2026-12-07T21:30:00+09:00", 35)).to.match(/not "latest" nor an ISO 8601 UTC time/);
            expect(restoreFromProblem("2026-02-30T00:00:00Z", 35)).to.match(/not "latest" nor/);
            expect(restoreFromProblem("2026-12-08T00:00:01Z", 35, now)).to.match(/in the future/);
            expect(restoreFromProblem("2026-11-03T00:00:00Z", 35, now)).to.equal(undefined);
            expect(restoreFromProblem("2026-11-02T23:59:59Z", 35, now)).to.match(/before the recovery window/);
            expect(restoreFromProblem("2026-12-01T00:00:00Z", 7, now)).to.equal(undefined);
            expect(restoreFromProblem("2026-11-30T23:59:59Z", 7, now)).to.match(/before the recovery window/);
            // The window is the args' recovery days.
            expect(userStoreArgsProblems(args({ pointInTimeRecoveryDays: 7, restore: { label: "r", from: "2026-11-30T00:00:00Z" } }), { now })).to.have.length(1);
            expect(userStoreArgsProblems(args({ restore: { label: "r", from: "2026-11-30T00:00:00Z" } }), { now })).to.deep.equal([]);
            expect(userStoreArgsProblems(args({ restore: { label: "r", from: "2026-12-09T00:00:00Z" } }), { now })).to.have.length(1);
            // Without a clock only the form is checked (the component has none: a plan must not change with the day).
            expect(userStoreArgsProblems(args({ restore: { label: "r", from: "2026-12-09T00:00:00Z" } }))).to.deep.equal([]);
        });

        it("on-premise ranges: IPv4 CIDR blocks without host bits, not everything, each once", () => {
            expect(cidrProblem("10.20.0.0/16")).to.equal(undefined);
            expect(cidrProblem("10.20.0.1/16")).to.match(/host bits set \(the network is 10\.20\.0\.0\/16\)/);
            expect(cidrProblem("0.0.0.0/0")).to.match(/every address/);
            expect(cidrProblem("10.256.0.0/16")).to.match(/not an IPv4 CIDR/);
            expect(cidrProblem("10.20.0.0/33")).to.match(/not an IPv4 CIDR/);
            expect(cidrProblem("10.20.0.0")).to.match(/not an IPv4 CIDR/);
            expect(userStoreArgsProblems(args({ onPremiseCidrs: ["10.20.0.0/16", "10.20.0.0/16"] }))).to.deep.equal(['onPremiseCidrs[1] = "10.20.0.0/16": is listed twice; allowed: each range once (one rule each)']);
        });

        it("reads each CIDR whole: nothing before or after it, four octets of at most 255, no leading zeros, at most /32", () => {
            const refused = /^is not an IPv4 CIDR block; allowed: an IPv4 CIDR block such as "10\.20\.0\.0\/16"$/;
            for (const bad of ["x10.20.0.0/16", "10.20.0.0/16x", "10.20.300.0/24", "10.20.0.256/32", "010.20.0.0/16", "10.020.0.0/16", "10.20.0.00/32", "10.20.0.0/33"]) {
                expect(cidrProblem(bad), bad).to.match(refused);
            }
            for (const good of ["10.20.0.0/32", "10.20.0.255/32", "255.255.255.255/32", "10.0.0.0/8", "192.168.100.0/24"]) expect(cidrProblem(good), good).to.equal(undefined);
        });

        it("reads the name prefix whole, and a restore label whole", () => {
            for (const bad of ["-kg", "kg-", "k g", "kg_sports", ""]) expect(userStoreArgsProblems(args({ namePrefix: bad })), bad).to.have.length(1);
            for (const good of ["k", "kg-sports-2", "KG"]) expect(userStoreArgsProblems(args({ namePrefix: good })), good).to.deep.equal([]);
            for (const bad of ["r-", "-r", "R", "r_1"]) expect(userStoreArgsProblems(args({ restore: { label: bad, from: "latest" } })), bad).to.have.length(1);
        });

        it("a restore's promote is true or false, and the recovery window falls back to 35 days when the days are refused", () => {
            const promote = userStoreArgsProblems(args({ restore: { label: "r", from: "latest", promote: "yes" as unknown as boolean } }));
            expect(promote).to.deep.equal(['restore.promote = "yes": is not true or false']);
            const now = new Date("2026-12-08T00:00:00Z");
            // 40 days is refused; the restore is then judged against 35 days, not 40.
            const p = userStoreArgsProblems(args({ pointInTimeRecoveryDays: 40, restore: { label: "r", from: "2026-10-31T00:00:00Z" } }), { now });
            expect(p.map((x) => x.replace(/ = .*/, ""))).to.deep.equal(["pointInTimeRecoveryDays", "restore.from"]);
            expect(p[1]).to.contain("within the last 35 days");
        });

        it("names each endpoint rule after its source, so a range's rule keeps its URN when others are added", () => {
            const rules = decideEndpointRules({ clientSecurityGroupIds: ["sg-1"], onPremiseCidrs: ["10.100.0.0/16", "192.168.1.0/24"] });
            expect(rules.map((r) => r.role)).to.deep.equal(["client-0", "onprem-10-100-0-0-16", "onprem-192-168-1-0-24"]);
            expect(decideEndpointRules({ clientSecurityGroupIds: ["sg-1"] }).map((r) => r.role)).to.deep.equal(["client-0"]);
        });

        it("names what is missing when no client security group is given", () => {
            expect(userStoreArgsProblems(args({ clientSecurityGroupIds: [] }))).to.deep.equal([
                "clientSecurityGroupIds = []: is empty; allowed: at least one security group (the web instances'), the only groups the endpoint admits",
            ]);
            expect(userStoreArgsProblems(args({ clientSecurityGroupIds: undefined as unknown as string[] }))[0]).to.match(/^clientSecurityGroupIds = \[\]: is empty/);
        });
    });
});
