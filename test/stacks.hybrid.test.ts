/**
 * The matchday stack keeps the on-premise servers in service through HybridLink; dev
 * does not (its switch is off). Checked on the stacks' offline plans.
 */
import { expect } from "chai";
import { AWS, named, ofType, one, plannedStack } from "./helpers/declare";

const T = {
    link: "kgsports:hybrid:HybridLink",
    vpn: "aws:ec2/vpnConnection:VpnConnection",
    propagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    listenerRule: "aws:lb/listenerRule:ListenerRule",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    fn: "aws:lambda/function:Function",
    policy: "aws:iam/policy:Policy",
};

describe("HybridLink in the stacks", () => {
    it("dev declares no link: no VPN, no on-premise target group, a plain forward", async () => {
        const { resources } = (await plannedStack("dev")).run;
        for (const t of [T.link, T.vpn, T.propagation, T.fn]) expect(ofType(resources, t), t).to.deep.equal([]);
        const listener = one(resources, AWS.listener).inputs as any;
        expect(listener.defaultActions[0].forward).to.equal(undefined);
    });

    it("matchday forwards 90 % to the cloud fleet and 10 % to the on-premise target group", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        one(resources, T.link);
        const https = named(resources, "web-listener-https").inputs as any;
        const groups = https.defaultActions[0].forward.targetGroups;
        expect(groups.map((g: { weight: number }) => g.weight)).to.deep.equal([90, 10]);
        expect(groups[0].arn).to.contain("targetgroup/web-tg/");
        expect(groups[1].arn).to.contain("targetgroup/hybrid-onprem/");
        expect(named(resources, "hybrid-onprem").inputs.targetType).to.equal("ip");
    });

    it("propagates the on-premise routes into every route table of the stack's VPC (the load balancer's and the instances' subnets)", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const vpc = one(resources, AWS.vpc);
        const zones = Number(vpc.inputs.numberOfAvailabilityZones);
        const tables = ofType(resources, T.propagation).map((p) => p.inputs.routeTableId as string).sort();
        expect(tables).to.have.length(2 * zones);
        expect(new Set(tables).size).to.equal(2 * zones);
        // The fake cloud names a subnet's route table after the subnet: public (pub) and private (prv) ones.
        expect(tables.filter((t) => t.startsWith("rtb-pub"))).to.have.length(zones);
        expect(tables.filter((t) => t.startsWith("rtb-prv"))).to.have.length(zones);
    });

    it("declares no listener rule: the failover function owns the only one, so a deploy neither undoes a failover nor shows a diff", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        expect(ofType(resources, T.listenerRule)).to.deep.equal([]);
    });

    it("names the link's roles, policies, alarms and function under the stack's prefix, and lets the deploy role pass exactly its roles", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const prefix = "kgsports-matchday-";
        for (const a of ofType(resources, T.alarm).filter((r) => r.name.startsWith("hybrid-"))) expect(a.inputs.name, a.name).to.match(/^kgsports-matchday-hybrid-/);
        expect(one(resources, T.fn).inputs.name).to.equal(`${prefix}hybrid-failover`);
        expect(named(resources, "hybrid-failover-role").inputs.name).to.equal(`${prefix}hybrid-failover`);
        const deploy = JSON.parse(named(resources, "access-deploy-pass-access").inputs.policy as string);
        const passes = deploy.Statement.filter((s: any) => s.Action.includes("iam:PassRole"));
        expect(passes.map((s: any) => [s.Resource[0].split(":role/")[1], s.Condition.StringEquals["iam:PassedToService"]])).to.deep.include(["kgsports-matchday-hybrid-failover", "lambda.amazonaws.com"]);
    });
});
