import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { HybridLink, HybridLinkArgs } from "@kgsports/hybrid-link";
import { declare, named, ofType, one } from "./helpers/declare";
import { fakeHex } from "../stacks/plan/fakeCloud";
import type { DeclaredResource } from "../stacks/plan/mockRuntime";

const T = {
    link: "kgsports:hybrid:HybridLink",
    cgw: "aws:ec2/customerGateway:CustomerGateway",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    vpn: "aws:ec2/vpnConnection:VpnConnection",
    route: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
    propagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    tg: "aws:lb/targetGroup:TargetGroup",
    attachment: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    activation: "aws:ssm/activation:Activation",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    policyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    fn: "aws:lambda/function:Function",
    permission: "aws:lambda/permission:Permission",
};

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";
const LISTENER = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`;
const LISTENER_RULES = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/*`;
const CLOUD_TG = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067`;
const ALB_SUFFIX = "app/web-alb/50dc6c495c0c9188";
const ALB_SG = "sg-0a1b2c3d4e5f60718";
const EXPIRY = "2027-04-10T00:00:00Z";

function args(overrides: Partial<HybridLinkArgs> = {}): HybridLinkArgs {
    return {
        vpcId: "vpc-0f1e2d3c4b5a69788",
        routeTableIds: ["rtb-pub0", "rtb-pub1", "rtb-prv0", "rtb-prv1"],
        vpcCidr: "10.20.0.0/16",
        onPremiseCidrs: ["192.168.10.0/24", "10.50.0.0/16"],
        customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 65010 },
        routing: "static",
        servers: [
            { address: "192.168.10.21", port: 8080 },
            { address: "10.50.3.7", port: 9090 },
        ],
        loadBalancer: { securityGroupId: ALB_SG, arnSuffix: ALB_SUFFIX, listenerArn: LISTENER, cloudTargetGroupArn: CLOUD_TG },
        ssmActivation: { registrationLimit: 4, expirationDate: EXPIRY },
        ...overrides,
    };
}

/** What the fake cloud answers for a resource of the link (ids and ARNs derive from the logical name). */
const fake = {
    cgwId: (n: string) => `cgw-${fakeHex(`${n}-cgw`)}`,
    vgwId: (n: string) => `vgw-${fakeHex(`${n}-vgw`)}`,
    vpnId: (n: string) => `vpn-${fakeHex(`${n}-vpn`)}`,
    tgArn: (n: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${n}-onprem/${fakeHex(`${n}-onprem`)}`,
    tgSuffix: (n: string) => `targetgroup/${n}-onprem/${fakeHex(`${n}-onprem`)}`,
    alarmArn: (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
};

function isSecretValue(v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}
function reveal(v: unknown): unknown {
    return isSecretValue(v) ? (v as { value: unknown }).value : v;
}

function policyOf(r: DeclaredResource, field = "policy"): PolicyDoc {
    return JSON.parse(String(r.inputs[field])) as PolicyDoc;
}

interface PolicyDoc {
    Statement: { Effect: string; Action: string[]; Resource?: string[]; Principal?: { Service: string[] }; Condition?: Record<string, Record<string, string | string[]>> }[];
}

/** IAM's wildcard matching (`*` any run, `?` one character); actions case-insensitively. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
    const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(value);
}

/** Whether an identity policy of Allow statements allows the request (StringEquals conditions only). */
function allows(doc: PolicyDoc, action: string, resource: string, context: Record<string, string> = {}): boolean {
    return doc.Statement.some((s) =>
        s.Effect === "Allow"
        && s.Action.some((a) => wildcard(a, action, true))
        && (s.Resource ?? []).some((r) => wildcard(r, resource, false))
        && Object.entries(s.Condition ?? {}).every(([op, entries]) => {
            if (op !== "StringEquals") throw new Error(`the test evaluator knows StringEquals only, not ${op}`);
            return Object.entries(entries).every(([key, want]) => (Array.isArray(want) ? want : [want]).includes(context[key]));
        }));
}

/** Runs the declaration with the clock shifted by `days` (new Date() and Date.now()). */
async function declareWithClockShift<T>(days: number, program: () => T) {
    const RealDate = Date;
    const offset = days * 86_400_000;
    class ShiftedDate extends RealDate {
        constructor(...a: unknown[]) {
            if (a.length === 0) super(RealDate.now() + offset);
            else super(...(a as [number]));
        }
        static now(): number {
            return RealDate.now() + offset;
        }
    }
    (globalThis as { Date: DateConstructor }).Date = ShiftedDate as unknown as DateConstructor;
    try {
        return await declare(program);
    } finally {
        (globalThis as { Date: DateConstructor }).Date = RealDate;
    }
}

describe("HybridLink", () => {
    it("declares its children under itself, named <name>-<role>, each once", async () => {
        const { resources } = await declare(() => new HybridLink("link", args()));
        const link = one(resources, T.link);
        const children = resources.filter((r) => r !== link);
        expect(children.length).to.be.greaterThan(20);
        for (const c of children) {
            expect(c.parent, c.name).to.equal(link.urn);
            expect(c.name, c.type).to.match(/^link-/);
        }
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(resources.length);
    });

    describe("routing", () => {
        it("propagates the VPN's routes into every given route table, from the link's gateway", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const propagations = ofType(resources, T.propagation);
            expect(propagations.map((p) => p.inputs.routeTableId).sort()).to.deep.equal(["rtb-prv0", "rtb-prv1", "rtb-pub0", "rtb-pub1"]);
            for (const p of propagations) expect(p.inputs.vpnGatewayId).to.equal(fake.vgwId("link"));
            expect(one(resources, T.vgw).inputs).to.include({ vpcId: "vpc-0f1e2d3c4b5a69788", amazonSideAsn: "64512" });
        });

        it("takes the route tables as one output of a list with their count (e.g. an awsx VPC's)", async () => {
            const { resources, logs } = await declare(() => new HybridLink("link", args({
                routeTableIds: pulumi.output(["rtb-a", "rtb-b", "rtb-c"]),
                routeTableCount: 3,
            })));
            expect(ofType(resources, T.propagation).map((p) => p.inputs.routeTableId).sort()).to.deep.equal(["rtb-a", "rtb-b", "rtb-c"]);
            expect(logs.filter((l) => l.level === "error")).to.deep.equal([]);
        });

        it("reports an error (failing the deploy) when the output holds another number of route tables than declared", async () => {
            const { logs } = await declare(() => new HybridLink("link", args({ routeTableIds: pulumi.output(["rtb-a", "rtb-b", "rtb-c"]), routeTableCount: 2 })));
            expect(logs.filter((l) => l.level === "error").map((l) => l.message).join()).to.contain("routeTableIds holds 3 route tables but routeTableCount is 2");
        });

        it("refuses an output of route tables without a count", async () => {
            let message = "";
            await declare(() => {
                try {
                    new HybridLink("link", args({ routeTableIds: pulumi.output(["rtb-a"]) }));
                } catch (e) {
                    message = (e as Error).message;
                }
            });
            expect(message).to.contain("routeTableCount: is missing while routeTableIds is an output");
        });

        it("static routing: one VPN route per on-premise CIDR and static routes only", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ routing: "static" })));
            const routes = ofType(resources, T.route);
            expect(routes.map((r) => r.inputs.destinationCidrBlock).sort()).to.deep.equal(["10.50.0.0/16", "192.168.10.0/24"]);
            for (const r of routes) expect(r.inputs.vpnConnectionId).to.equal(fake.vpnId("link"));
            expect(one(resources, T.vpn).inputs.staticRoutesOnly).to.equal(true);
        });

        it("BGP routing: no static routes, and the connection is not static-only", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ routing: "bgp", amazonSideAsn: 64600 })));
            expect(ofType(resources, T.route)).to.have.length(0);
            expect(one(resources, T.vpn).inputs.staticRoutesOnly).to.equal(false);
            expect(one(resources, T.vgw).inputs.amazonSideAsn).to.equal("64600");
        });
    });

    describe("VPN", () => {
        it("a customer gateway of type ipsec.1 with the device's address and its ASN as a string", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            expect(one(resources, T.cgw).inputs).to.include({ type: "ipsec.1", ipAddress: "203.0.113.10", bgpAsn: "65010" });
            const vpn = one(resources, T.vpn).inputs;
            expect(vpn).to.include({ type: "ipsec.1", customerGatewayId: fake.cgwId("link"), vpnGatewayId: fake.vgwId("link") });
        });

        it("a 4-byte ASN above 2147483647 goes in bgpAsnExtended (bgpAsn's limit)", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 4_200_000_001 } })));
            const cgw = one(resources, T.cgw).inputs;
            expect(cgw.bgpAsnExtended).to.equal("4200000001");
            expect(cgw).to.not.have.property("bgpAsn");
        });

        it("both tunnels: IKEv2 only, AES-256 (GCM or CBC), SHA-2 integrity, DH groups 19-21 in both phases, DPD restart, AWS starts them", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const vpn = one(resources, T.vpn).inputs;
            for (const t of ["tunnel1", "tunnel2"]) {
                expect(vpn[`${t}IkeVersions`], t).to.deep.equal(["ikev2"]);
                for (const phase of ["Phase1", "Phase2"]) {
                    expect(vpn[`${t}${phase}EncryptionAlgorithms`], `${t} ${phase}`).to.have.members(["AES256-GCM-16", "AES256"]);
                    expect(vpn[`${t}${phase}IntegrityAlgorithms`], `${t} ${phase}`).to.have.members(["SHA2-256", "SHA2-384"]);
                    expect(vpn[`${t}${phase}DhGroupNumbers`], `${t} ${phase}`).to.have.members([19, 20, 21]);
                }
                expect(vpn[`${t}DpdTimeoutAction`]).to.equal("restart");
                expect(vpn[`${t}StartupAction`]).to.equal("start");
            }
            // Nothing weak slipped in: no SHA1, no AES128, no MODP group.
            const all = JSON.stringify(vpn);
            expect(all).to.not.match(/SHA1|AES128|ikev1/);
        });

        it("passes the tunnels' inside CIDRs, and their pre-shared keys as secrets only", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({
                tunnels: [{ insideCidr: "169.254.10.0/30", presharedKey: "Tunnel1.key_abc" }, { insideCidr: "169.254.10.4/30", presharedKey: pulumi.output("Tunnel2.key_def") }],
            })));
            const vpn = one(resources, T.vpn).inputs;
            expect(vpn.tunnel1InsideCidr).to.equal("169.254.10.0/30");
            expect(vpn.tunnel2InsideCidr).to.equal("169.254.10.4/30");
            expect(isSecretValue(vpn.tunnel1PresharedKey), "tunnel 1 key is secret").to.equal(true);
            expect(isSecretValue(vpn.tunnel2PresharedKey), "tunnel 2 key is secret").to.equal(true);
            expect(reveal(vpn.tunnel1PresharedKey)).to.equal("Tunnel1.key_abc");
            expect(reveal(vpn.tunnel2PresharedKey)).to.equal("Tunnel2.key_def");
        });

        it("without keys and CIDRs, leaves them to AWS (nothing declared, so no diff against what AWS chose)", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const vpn = one(resources, T.vpn).inputs;
            for (const k of ["tunnel1PresharedKey", "tunnel2PresharedKey", "tunnel1InsideCidr", "tunnel2InsideCidr"]) expect(vpn).to.not.have.property(k);
        });

        it("protects the customer gateway, the VPN gateway and the VPN connection, and nothing else", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            for (const t of [T.cgw, T.vgw, T.vpn]) expect(one(resources, t).options.protect, t).to.equal(true);
            for (const r of resources.filter((x) => ![T.cgw, T.vgw, T.vpn].includes(x.type))) expect(r.options.protect, r.name).to.equal(false);
        });

        it("protect: false leaves them unprotected (to retire them on purpose)", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ protect: false })));
            for (const t of [T.cgw, T.vgw, T.vpn]) expect(one(resources, t).options.protect, t).to.equal(false);
        });

        it("exposes the tunnel addresses, and the device configuration as a secret", async () => {
            const { result } = await declare(() => new HybridLink("link", args()));
            const [t1, t2, config] = await Promise.all([
                new Promise<string>((r) => result.tunnel1Address.apply(r)),
                new Promise<string>((r) => result.tunnel2Address.apply(r)),
                new Promise<string>((r) => result.customerGatewayConfiguration.apply(r)),
            ]);
            expect(t1).to.match(/^\d+\.\d+\.\d+\.\d+$/);
            expect(t2).to.match(/^\d+\.\d+\.\d+\.\d+$/);
            expect(t1).to.not.equal(t2);
            expect(config).to.contain(t1);
            expect(await pulumi.isSecret(result.customerGatewayConfiguration)).to.equal(true);
            expect(await pulumi.isSecret(result.tunnel1Address)).to.equal(false);
        });
    });

    describe("on-premise targets", () => {
        it("an IP target group over HTTP on the servers' port, with its own health check and an auto-generated name", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const tg = one(resources, T.tg);
            expect(tg.name).to.equal("link-onprem");
            expect(tg.inputs).to.include({ targetType: "ip", protocol: "HTTP", port: 8080, vpcId: "vpc-0f1e2d3c4b5a69788" });
            expect(tg.inputs).to.not.have.property("name");
            expect(tg.inputs).to.not.have.property("namePrefix");
            expect(tg.inputs.healthCheck).to.deep.include({ enabled: true, protocol: "HTTP", port: "traffic-port", path: "/healthz", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 });
        });

        it("health check settings are passed on", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ healthCheck: { path: "/ready", matcher: "200", intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 2 } })));
            expect(one(resources, T.tg).inputs.healthCheck).to.deep.include({ path: "/ready", matcher: "200", interval: 10, healthyThreshold: 3, unhealthyThreshold: 2 });
        });

        it("attaches each server by address and port in every zone (availabilityZone all)", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const attachments = ofType(resources, T.attachment);
            expect(attachments.map((a) => `${a.inputs.targetId}:${a.inputs.port}`).sort()).to.deep.equal(["10.50.3.7:9090", "192.168.10.21:8080"]);
            for (const a of attachments) {
                expect(a.inputs.availabilityZone).to.equal("all");
                expect(a.inputs.targetGroupArn).to.equal(fake.tgArn("link"));
            }
        });

        it("the load balancer's security group may reach exactly each server's /32 on its port, and the link opens nothing else", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const egress = ofType(resources, T.egress);
            expect(egress.map((r) => `${r.inputs.cidrIpv4} tcp ${r.inputs.fromPort}-${r.inputs.toPort}`).sort()).to.deep.equal([
                "10.50.3.7/32 tcp 9090-9090",
                "192.168.10.21/32 tcp 8080-8080",
            ]);
            for (const r of egress) {
                expect(r.inputs.securityGroupId).to.equal(ALB_SG);
                expect(r.inputs.ipProtocol).to.equal("tcp");
                expect(r.inputs.description).to.be.a("string").and.contain(String(r.inputs.cidrIpv4).replace("/32", ""));
            }
            expect(ofType(resources, T.ingress)).to.have.length(0);
        });
    });

    describe("SSM activation", () => {
        it("expires exactly at the given date, whatever the clock says when the program runs", async () => {
            const early = await declareWithClockShift(0, () => new HybridLink("link", args()));
            const late = await declareWithClockShift(200, () => new HybridLink("link", args()));
            const a = one(early.resources, T.activation).inputs;
            const b = one(late.resources, T.activation).inputs;
            expect(a.expirationDate).to.equal(EXPIRY);
            expect(b).to.deep.equal(a);
            expect(a).to.include({ registrationLimit: 4, iamRole: "link-node-role" });
        });

        it("its code is a secret output; the id is not", async () => {
            const { result } = await declare(() => new HybridLink("link", args()));
            expect(await pulumi.isSecret(result.activationCode)).to.equal(true);
            const code = await new Promise((r) => result.activationCode.apply(r));
            expect(code).to.be.a("string").and.not.equal("");
            const id = await new Promise((r) => result.activationId.apply(r));
            expect(id).to.match(/^[0-9a-f]{8}-/);
        });

        it("the servers' role: assumable by SSM for this account only, with the project's document instead of AmazonSSMManagedInstanceCore", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const role = named(resources, "link-node-role");
            const trust = policyOf(role, "assumeRolePolicy");
            expect(trust.Statement).to.have.length(1);
            expect(trust.Statement[0].Principal).to.deep.equal({ Service: ["ssm.amazonaws.com"] });
            expect(trust.Statement[0].Condition).to.deep.equal({
                StringEquals: { "aws:SourceAccount": ACCOUNT },
                ArnLike: { "aws:SourceArn": `arn:aws:ssm:${REGION}:${ACCOUNT}:*` },
            });
            const policy = policyOf(named(resources, "link-node-policy"));
            expect(allows(policy, "ssm:UpdateInstanceInformation", "*")).to.equal(true);
            expect(allows(policy, "ssmmessages:OpenDataChannel", "*")).to.equal(true);
            expect(allows(policy, "ec2messages:GetMessages", "*")).to.equal(true);
            // What the managed policy allows and this one must not: every parameter, SecureStrings included.
            for (const action of ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]) {
                expect(allows(policy, action, `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/prod/db-password`), action).to.equal(false);
            }
            // The link's own managed policies only (a deploy role limited to <prefix>-* policies can attach them); no AWS managed policy.
            const attachments = ofType(resources, T.policyAttachment);
            expect(attachments.map((a) => a.name).sort()).to.deep.equal(["link-failover-policy-attachment", "link-node-policy-attachment"]);
            for (const a of attachments) expect(String(a.inputs.policyArn)).to.not.match(/:aws:policy\//);
        });

        it("with a name prefix, names its roles, policies, alarms and function <prefix>-<name>-<role> (what a prefix-scoped deploy role manages and operators may silence)", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ namePrefix: "kgsports-matchday" })));
            expect(named(resources, "link-node-role").inputs.name).to.equal("kgsports-matchday-link-node");
            expect(named(resources, "link-node-policy").inputs.name).to.equal("kgsports-matchday-link-node");
            expect(named(resources, "link-failover-role").inputs.name).to.equal("kgsports-matchday-link-failover");
            expect(named(resources, "link-failover-policy").inputs.name).to.equal("kgsports-matchday-link-failover");
            expect(named(resources, "link-failover").inputs.name).to.equal("kgsports-matchday-link-failover");
            expect(ofType(resources, T.alarm).map((a) => a.inputs.name).sort()).to.deep.equal([
                "kgsports-matchday-link-recovered",
                "kgsports-matchday-link-tunnels-down",
                "kgsports-matchday-link-unhealthy",
            ]);
            expect(() => new HybridLink("bad", args({ namePrefix: "has space" }))).to.throw(/namePrefix = "has space"/);
        });

        it("attaches the additional policies (AccessControl's UserStore client policy) to the servers' role, in order, and nothing more without them", async () => {
            const userStore = `arn:aws:iam::${ACCOUNT}:policy/kgsports-matchday-web-instance-user-store`;
            const other = `arn:aws:iam::${ACCOUNT}:policy/kgsports-matchday-extra`;
            const { resources } = await declare(() => new HybridLink("link", args({
                ssmActivation: { registrationLimit: 4, expirationDate: EXPIRY, additionalPolicyArns: [userStore, pulumi.output(other)] },
            })));
            const extra = ofType(resources, T.policyAttachment).filter((a) => a.name.startsWith("link-activation-"));
            expect(extra.map((a) => [a.name, a.inputs.role, a.inputs.policyArn])).to.deep.equal([
                ["link-activation-policy-1", "link-node-role", userStore],
                ["link-activation-policy-2", "link-node-role", other],
            ]);
            // Children of the link, like the role they attach to.
            for (const a of extra) expect(a.parent, a.name).to.equal(named(resources, "link-node-role").parent);
            const without = await declare(() => new HybridLink("link", args()));
            expect(ofType(without.resources, T.policyAttachment).filter((a) => a.name.startsWith("link-activation-"))).to.deep.equal([]);
        });

        it("is not declared without ssmActivation", async () => {
            const { resources, result } = await declare(() => new HybridLink("link", args({ ssmActivation: undefined })));
            expect(ofType(resources, T.activation)).to.have.length(0);
            expect(resources.filter((r) => r.name === "link-node-role")).to.have.length(0);
            expect(await new Promise((r) => result.activationCode.apply(r))).to.equal(undefined);
        });
    });

    describe("failover wiring", () => {
        it("unhealthy alarm: no healthy on-premise target (minimum HealthyHostCount below 1) for 2 one-minute datapoints by default", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const a = named(resources, "link-unhealthy").inputs;
            expect(a).to.include({
                namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", statistic: "Minimum", period: 60,
                comparisonOperator: "LessThanThreshold", threshold: 1, evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: "breaching",
            });
            expect(a.dimensions).to.deep.equal({ TargetGroup: fake.tgSuffix("link"), LoadBalancer: ALB_SUFFIX });
        });

        it("recovered alarm: HealthyHostCount at least 1 through every minute of 10 by default; missing data is not health", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const a = named(resources, "link-recovered").inputs;
            expect(a).to.include({
                namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", statistic: "Minimum", period: 60,
                comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 1, evaluationPeriods: 10, datapointsToAlarm: 10, treatMissingData: "notBreaching",
            });
            expect(a.dimensions).to.deep.equal({ TargetGroup: fake.tgSuffix("link"), LoadBalancer: ALB_SUFFIX });
        });

        it("tunnels-down alarm: AWS/VPN TunnelState by VpnId, breaching when no tunnel is up but not when one of two is", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const a = named(resources, "link-tunnels-down").inputs;
            expect(a).to.include({ namespace: "AWS/VPN", metricName: "TunnelState", statistic: "Maximum", period: 60, evaluationPeriods: 2, datapointsToAlarm: 2 });
            expect(a.dimensions).to.deep.equal({ VpnId: fake.vpnId("link") });
            // AWS: by VpnId the value is the share of tunnels up: 0 none, 0.5 one of two, 1 both.
            const breaches = (v: number) => breach(String(a.comparisonOperator), v, Number(a.threshold));
            expect(breaches(0), "no tunnel up").to.equal(true);
            expect(breaches(0.5), "one tunnel up").to.equal(false);
            expect(breaches(1), "both up").to.equal(false);
        });

        it("the failover minutes set the alarms' windows", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ failover: { unhealthyMinutes: 3, recoveryMinutes: 15 } })));
            expect(named(resources, "link-unhealthy").inputs).to.include({ evaluationPeriods: 3, datapointsToAlarm: 3 });
            expect(named(resources, "link-tunnels-down").inputs).to.include({ evaluationPeriods: 3, datapointsToAlarm: 3 });
            expect(named(resources, "link-recovered").inputs).to.include({ evaluationPeriods: 15, datapointsToAlarm: 15 });
        });

        it("an EventBridge rule matches state changes of exactly the three alarms and invokes the function", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const rule = named(resources, "link-failover-alarms");
            expect(JSON.parse(String(rule.inputs.eventPattern))).to.deep.equal({
                source: ["aws.cloudwatch"],
                "detail-type": ["CloudWatch Alarm State Change"],
                detail: { alarmName: ["link-unhealthy", "link-tunnels-down", "link-recovered"] },
            });
            const fnArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:link-failover`;
            expect(named(resources, "link-failover-alarms-target").inputs).to.include({ rule: "link-failover-alarms", arn: fnArn });
            expect(named(resources, "link-failover-alarms-invoke").inputs).to.include({
                action: "lambda:InvokeFunction", function: "link-failover", principal: "events.amazonaws.com",
                sourceArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/link-failover-alarms`,
            });
        });

        it("a periodic reconcile every minute by default (a stale rule after a target group replacement sends everyone to an empty group until a run: no alarm changes state), none with reconcileMinutes 0", async () => {
            const on = await declare(() => new HybridLink("link", args()));
            expect(named(on.resources, "link-failover-reconcile").inputs.scheduleExpression).to.equal("rate(1 minute)");
            const five = await declare(() => new HybridLink("link", args({ failover: { reconcileMinutes: 5 } })));
            expect(named(five.resources, "link-failover-reconcile").inputs.scheduleExpression).to.equal("rate(5 minutes)");
            expect(named(on.resources, "link-failover-reconcile-target").inputs.arn).to.equal(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:link-failover`);
            const off = await declare(() => new HybridLink("link", args({ failover: { reconcileMinutes: 0 } })));
            expect(ofType(off.resources, T.eventRule).map((r) => r.name)).to.deep.equal(["link-failover-alarms"]);
        });

        it("the function: Node.js 24, no reserved concurrency (a low account quota cannot reserve any), small and short, told the listener, the cloud group, the alarms and the priority", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const fn = one(resources, T.fn).inputs as Record<string, any>;
            // The issue: nodejs20.x is blocked for creates from 2026-08-31; nodejs24.x has standard support to 2028-04-30.
            expect(fn).to.include({ runtime: "nodejs24.x", handler: "index.handler", timeout: 30, memorySize: 128 });
            expect(fn).to.not.have.property("reservedConcurrentExecutions");
            expect(fn.environment.variables).to.deep.equal({
                LISTENER_ARN: LISTENER,
                CLOUD_TARGET_GROUP_ARN: CLOUD_TG,
                UNHEALTHY_ALARM_NAME: "link-unhealthy",
                TUNNELS_DOWN_ALARM_NAME: "link-tunnels-down",
                RECOVERED_ALARM_NAME: "link-recovered",
                RULE_PRIORITY: "1",
            });
            expect(fn.loggingConfig).to.include({ logGroup: "link-failover-logs" });
            expect(one(resources, T.logGroup).inputs.retentionInDays).to.equal(30);
            expect(fn.role).to.equal(`arn:aws:iam::${ACCOUNT}:role/link-failover-role`);
        });

        it("a chosen runtime reaches the function; anything but a Node.js runtime is refused", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ failover: { runtime: "nodejs26.x" } })));
            expect(one(resources, T.fn).inputs.runtime).to.equal("nodejs26.x");
            expect(() => new HybridLink("bad", args({ failover: { runtime: "python3.13" } }))).to.throw('failover.runtime = "python3.13": is not a Lambda Node.js runtime');
        });

        it("a chosen rule priority reaches the function", async () => {
            const { resources } = await declare(() => new HybridLink("link", args({ failover: { rulePriority: 7 } })));
            expect((one(resources, T.fn).inputs as any).environment.variables.RULE_PRIORITY).to.equal("7");
        });

        it("the function's role: only that listener's rules, only tagged ones, the three alarms, its own logs", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            const trust = policyOf(named(resources, "link-failover-role"), "assumeRolePolicy");
            expect(trust.Statement.map((s) => s.Principal)).to.deep.equal([{ Service: ["lambda.amazonaws.com"] }]);
            const policy = policyOf(named(resources, "link-failover-policy"));
            const ours = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/0f1e2d3c4b5a6978";
            const otherListener = LISTENER.replace("f2f7dc8efc522ab2", "0000000000000000");
            const auto = { "aws:ResourceTag/kgsports:failover": "automatic", "aws:RequestTag/kgsports:failover": "automatic" };
            const manual = { "aws:ResourceTag/kgsports:failover": "manual" };

            expect(allows(policy, "elasticloadbalancing:CreateRule", LISTENER, auto)).to.equal(true);
            expect(allows(policy, "elasticloadbalancing:CreateRule", LISTENER, {}), "untagged create").to.equal(false);
            expect(allows(policy, "elasticloadbalancing:CreateRule", otherListener, auto), "another listener").to.equal(false);
            expect(allows(policy, "elasticloadbalancing:AddTags", ours, { "elasticloadbalancing:CreateAction": "CreateRule" })).to.equal(true);
            expect(allows(policy, "elasticloadbalancing:AddTags", ours, {}), "tagging outside a create").to.equal(false);
            expect(allows(policy, "elasticloadbalancing:DeleteRule", ours, auto)).to.equal(true);
            expect(allows(policy, "elasticloadbalancing:DeleteRule", ours, manual), "a person's hold").to.equal(false);
            expect(allows(policy, "elasticloadbalancing:DeleteRule", `${otherListener.replace(":listener/", ":listener-rule/")}/0f1e2d3c4b5a6978`, auto)).to.equal(false);
            // A stale rule (forwarding to a replaced cloud group) is modified: only its own.
            expect(allows(policy, "elasticloadbalancing:ModifyRule", ours, auto)).to.equal(true);
            expect(allows(policy, "elasticloadbalancing:ModifyRule", ours, manual), "a person's hold").to.equal(false);
            expect(allows(policy, "elasticloadbalancing:ModifyRule", `${otherListener.replace(":listener/", ":listener-rule/")}/0f1e2d3c4b5a6978`, auto)).to.equal(false);
            expect(allows(policy, "elasticloadbalancing:DescribeRules", "*")).to.equal(true);
            expect(allows(policy, "elasticloadbalancing:DescribeTags", "*")).to.equal(true);
            for (const alarm of ["link-unhealthy", "link-tunnels-down", "link-recovered"]) {
                expect(allows(policy, "cloudwatch:DescribeAlarms", fake.alarmArn(alarm)), alarm).to.equal(true);
            }
            expect(allows(policy, "cloudwatch:DescribeAlarms", fake.alarmArn("someone-elses"))).to.equal(false);
            const logs = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:link-failover-logs`;
            expect(allows(policy, "logs:PutLogEvents", `${logs}:log-stream:2027/03/20/abc`)).to.equal(true);
            expect(allows(policy, "logs:PutLogEvents", `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:other:log-stream:x`)).to.equal(false);
            // Nothing else: every allowed action is one of these, none with a wildcard.
            const actions = policy.Statement.flatMap((s) => s.Action).sort();
            expect(actions).to.deep.equal([
                "cloudwatch:DescribeAlarms",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:CreateRule",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:ModifyRule",
                "logs:CreateLogStream",
                "logs:PutLogEvents",
            ]);
            for (const s of policy.Statement) {
                if ((s.Resource ?? []).includes("*")) expect(s.Action.every((a) => /:Describe/.test(a)), JSON.stringify(s)).to.equal(true);
            }
            expect(policy.Statement.find((s) => s.Action.includes("elasticloadbalancing:DeleteRule"))!.Resource).to.deep.equal([LISTENER_RULES]);
        });

        it("declares no listener rule itself (the function owns the only one), and no listener", async () => {
            const { resources } = await declare(() => new HybridLink("link", args()));
            expect(resources.filter((r) => r.type.startsWith("aws:lb/listener") || r.type.startsWith("aws:alb/"))).to.have.length(0);
        });
    });

    it("takes the load balancer's values as deferred outputs and reads them only once they are resolved", async () => {
        const { resources } = await declare(() => {
            const [sg, resolveSg] = pulumi.deferredOutput<string>();
            const [suffix, resolveSuffix] = pulumi.deferredOutput<string>();
            const [listener, resolveListener] = pulumi.deferredOutput<string>();
            const [cloud, resolveCloud] = pulumi.deferredOutput<string>();
            const link = new HybridLink("link", args({ loadBalancer: { securityGroupId: sg, arnSuffix: suffix, listenerArn: listener, cloudTargetGroupArn: cloud } }));
            // The web tier, created after the link, resolves them.
            resolveSg(pulumi.output(ALB_SG));
            resolveSuffix(pulumi.output(ALB_SUFFIX));
            resolveListener(pulumi.output(LISTENER));
            resolveCloud(pulumi.output(CLOUD_TG));
            return link;
        });
        for (const r of ofType(resources, T.egress)) expect(r.inputs.securityGroupId).to.equal(ALB_SG);
        expect((one(resources, T.fn).inputs as any).environment.variables).to.include({ LISTENER_ARN: LISTENER, CLOUD_TARGET_GROUP_ARN: CLOUD_TG });
        expect(named(resources, "link-unhealthy").inputs.dimensions).to.include({ LoadBalancer: ALB_SUFFIX });
        expect(policyOf(named(resources, "link-failover-policy")).Statement.find((s) => s.Action.includes("elasticloadbalancing:CreateRule"))!.Resource).to.deep.equal([LISTENER]);
    });

    it("the function's code is the same bytes on every deploy, and holds the handler and the modules it requires", async () => {
        const captureCode = async () => {
            const archives: Record<string, any>[] = [];
            await declare(() => {
                const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource: (req: any, cb: any) => void };
                const inner = monitor.registerResource.bind(monitor);
                monitor.registerResource = (req, cb) => {
                    if (req.getType() === T.fn) archives.push(req.getObject().toJavaScript().code);
                    inner(req, cb);
                };
                return new HybridLink("link", args());
            });
            expect(archives).to.have.length(1);
            return archives[0];
        };
        const first = await captureCode();
        const second = await captureCode();
        const texts = (a: Record<string, any>) => Object.fromEntries(Object.entries(a.assets as Record<string, { text: string }>).map(([k, v]) => [k, v.text]));
        expect(Object.keys(texts(first)).sort()).to.deep.equal(["decide.js", "index.js", "settings.js"]);
        expect(texts(second)).to.deep.equal(texts(first));
        expect(texts(first)["index.js"]).to.contain("exports.handler").and.contain('require("./decide")').and.contain('require("./settings")');
    });

    it("refuses invalid args before declaring any child, naming every field and value", async () => {
        let message = "";
        const { resources } = await declare(() => {
            try {
                new HybridLink("link", args({
                    onPremiseCidrs: ["10.20.5.0/24"],
                    servers: [{ address: "8.8.8.8", port: 80 }],
                    tunnels: [{ insideCidr: "169.254.169.252/30" }],
                }));
            } catch (e) {
                message = (e as Error).message;
            }
        });
        expect(message).to.match(/^HybridLink "link": invalid args:/);
        expect(message).to.contain('onPremiseCidrs[0] = "10.20.5.0/24": overlaps the VPC CIDR 10.20.0.0/16');
        expect(message).to.contain('servers[0].address = "8.8.8.8": is not private');
        expect(message).to.contain('tunnels[0].insideCidr = "169.254.169.252/30": is reserved by AWS');
        expect(resources.filter((r) => r.custom)).to.have.length(0);
    });
});

/** Whether a value breaches an alarm threshold under a CloudWatch comparison operator. */
function breach(operator: string, value: number, threshold: number): boolean {
    switch (operator) {
        case "LessThanThreshold": return value < threshold;
        case "LessThanOrEqualToThreshold": return value <= threshold;
        case "GreaterThanThreshold": return value > threshold;
        case "GreaterThanOrEqualToThreshold": return value >= threshold;
        default: throw new Error(`unknown operator ${operator}`);
    }
}
