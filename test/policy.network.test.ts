/**
 * Rules 2 to 5 (ingress from anywhere, instances behind the load balancer, HTTPS
 * redirect, access logs) on the planned stacks with one resource broken or added.
 */
import { expect } from "chai";
import {
    httpRedirectsToHttps, instancesOnlyFromLoadBalancer, loadBalancerAccessLogs, noWorldIngress, PolicyInput, T, UNKNOWN,
} from "../policy/rules";
import { cannotTellOf, copyOf, plannedPolicyStack, violationsOf, withResource } from "./helpers/policyPlan";

const LB = T.loadBalancers[0];
const LISTENER = T.listeners[0];

/** A new resource made from a copy of a planned one, under another name. */
function renamed(r: PolicyInput, name: string): PolicyInput {
    return { ...structuredClone(r), name, urn: r.urn.replace(/::[^:]+$/, `::${name}`) };
}

describe("policy rule 2: no ingress from anywhere but the load balancer on 80/443", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: the load balancer's world-open listener ports comply`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const open = resources.filter((r) => r.type === T.ingressRule && r.props.cidrIpv4 === "0.0.0.0/0");
            expect(open.map((r) => r.props.fromPort).sort()).to.deep.equal(stack === "dev" ? [80] : [443, 80]);
            expect(violationsOf(noWorldIngress, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on the load balancer's group open to anywhere on another port (SSH)", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const ssh = renamed(copyOf(resources, T.ingressRule, "web-alb-ingress-https-443"), "web-alb-ingress-ssh");
        Object.assign(ssh.props, { fromPort: 22, toPort: 22 });
        expect(violationsOf(noWorldIngress, withResource(resources, ssh), ctx)).to.have.length(1).and.to.match(/^web-alb-ingress-ssh: .*0\.0\.0\.0\/0 on the load balancer's group, protocol "tcp", ports 22-22/);
    });

    it("fires on the instances' group open to 0.0.0.0/0 or ::/0", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        for (const [key, cidr] of [["cidrIpv4", "0.0.0.0/0"], ["cidrIpv6", "::/0"]]) {
            const open = copyOf(resources, T.ingressRule, "web-instances-ingress-from-alb");
            delete open.props.referencedSecurityGroupId;
            delete open.propertyDependencies.referencedSecurityGroupId;
            open.props[key] = cidr;
            expect(violationsOf(noWorldIngress, withResource(resources, open), ctx), cidr).to.have.length(1).and.to.match(/not an internet-facing load balancer's/);
        }
    });

    it("reads inline ingress of a SecurityGroup and SecurityGroupRule resources too", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const inline = copyOf(resources, T.securityGroup, "web-instances-sg");
        inline.props.ingress = [{ protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"] }];
        expect(violationsOf(noWorldIngress, withResource(resources, inline), ctx)).to.have.length(1).and.to.match(/inline ingress\[0\]: allows 0\.0\.0\.0\/0/);
        // The same inline rule on the load balancer's own group, on 443, is the allowed exception.
        const lbInline = copyOf(resources, T.securityGroup, "web-alb-sg");
        lbInline.props.ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }];
        expect(violationsOf(noWorldIngress, withResource(resources, lbInline), ctx)).to.deep.equal([]);
        const legacy = renamed(copyOf(resources, T.ingressRule, "web-instances-ingress-from-alb"), "web-instances-legacy-rule");
        legacy.type = T.securityGroupRule;
        legacy.props = { type: "ingress", protocol: "tcp", fromPort: 8080, toPort: 8080, cidrBlocks: ["0.0.0.0/0"], securityGroupId: legacy.props.securityGroupId };
        expect(violationsOf(noWorldIngress, withResource(resources, legacy), ctx)).to.have.length(1).and.to.match(/^web-instances-legacy-rule: security group rule/);
    });

    it("in a preview, IDs are unknown but the property dependencies still tell the load balancer's group", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const rule = copyOf(resources, T.ingressRule, "web-alb-ingress-https-443");
        rule.props.securityGroupId = UNKNOWN;
        const lb = copyOf(resources, LB);
        lb.props.securityGroups = [UNKNOWN];
        const preview = withResource(withResource(resources, rule), lb);
        expect(violationsOf(noWorldIngress, preview, ctx)).to.deep.equal([]);
        expect(cannotTellOf(noWorldIngress, preview, ctx)).to.deep.equal([]);
        // Without them (a group from outside the program), it cannot tell: not a violation.
        const untraced = { ...rule, propertyDependencies: {} };
        expect(violationsOf(noWorldIngress, withResource(preview, untraced), ctx)).to.deep.equal([]);
        expect(cannotTellOf(noWorldIngress, withResource(preview, untraced), ctx)).to.have.length(1).and.to.match(/cannot tell whether it is the load balancer's/);
    });
});

describe("policy rule 3: instances are reachable only from the load balancer", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: the instances' only ingress references the load balancer's group`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const ingress = copyOf(resources, T.ingressRule, "web-instances-ingress-from-alb");
            expect(copyOf(resources, LB).props.securityGroups as string[]).to.include(ingress.props.referencedSecurityGroupId);
            expect(violationsOf(instancesOnlyFromLoadBalancer, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on ingress to the instances from a private CIDR (e.g. an SSH range) or another group", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const fromVpc = renamed(copyOf(resources, T.ingressRule, "web-instances-ingress-from-alb"), "web-instances-ssh-from-vpc");
        delete fromVpc.props.referencedSecurityGroupId;
        delete fromVpc.propertyDependencies.referencedSecurityGroupId;
        Object.assign(fromVpc.props, { cidrIpv4: "10.20.0.0/16", fromPort: 22, toPort: 22 });
        expect(violationsOf(instancesOnlyFromLoadBalancer, withResource(resources, fromVpc), ctx)).to.have.length(1).and.to.match(/reachable from "10\.20\.0\.0\/16"/);
        const fromOther = renamed(copyOf(resources, T.ingressRule, "web-instances-ingress-from-alb"), "web-instances-from-bastion");
        fromOther.props.referencedSecurityGroupId = "sg-bastion0000000000";
        delete fromOther.propertyDependencies.referencedSecurityGroupId;
        expect(violationsOf(instancesOnlyFromLoadBalancer, withResource(resources, fromOther), ctx)).to.have.length(1).and.to.match(/sg-bastion0000000000, which belong to no load balancer/);
    });

    it("fires on a launch template without a security group (the VPC's default group)", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const lt = copyOf(resources, T.launchTemplate);
        delete lt.props.vpcSecurityGroupIds;
        delete lt.propertyDependencies.vpcSecurityGroupIds;
        expect(violationsOf(instancesOnlyFromLoadBalancer, withResource(resources, lt), ctx)).to.have.length(1).and.to.match(/names no security group/);
    });
});

describe("policy rule 4: HTTP redirects to HTTPS where a certificate is set", () => {
    it("matchday's HTTP listener redirects to 443", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        expect(resources.filter((r) => r.type === LISTENER).map((r) => r.props.protocol).sort()).to.deep.equal(["HTTP", "HTTPS"]);
        expect(violationsOf(httpRedirectsToHttps, resources, ctx)).to.deep.equal([]);
    });

    it("dev has no certificate: its plain HTTP listener forwards and the rule does not apply", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const http = copyOf(resources, LISTENER);
        expect((http.props.defaultActions as { type: string }[])[0].type).to.equal("forward");
        expect(violationsOf(httpRedirectsToHttps, resources, ctx)).to.deep.equal([]);
    });

    it("fires on an HTTP listener that forwards, redirects to HTTP, or redirects to its own port", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const base = () => copyOf(resources, LISTENER, "web-listener-http-redirect");
        const forwards = base();
        forwards.props.defaultActions = (copyOf(resources, LISTENER, "web-listener-https").props.defaultActions as unknown[]).slice();
        expect(violationsOf(httpRedirectsToHttps, withResource(resources, forwards), ctx)).to.have.length(1).and.to.match(/default action is "forward", not a redirect to HTTPS/);
        const toHttp = base();
        (toHttp.props.defaultActions as any)[0].redirect.protocol = "HTTP";
        expect(violationsOf(httpRedirectsToHttps, withResource(resources, toHttp), ctx)).to.have.length(1).and.to.match(/redirects with protocol "HTTP"/);
        const ownPort = base();
        delete (ownPort.props.defaultActions as any)[0].redirect.port;
        expect(violationsOf(httpRedirectsToHttps, withResource(resources, ownPort), ctx)).to.have.length(1).and.to.match(/the request's own port/);
    });

    it("a listener rule that serves on the HTTP listener bypasses the redirect: it fires", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const http = copyOf(resources, LISTENER, "web-listener-http-redirect");
        const rule: PolicyInput = {
            ...renamed(http, "web-http-backdoor"), type: "aws:lb/listenerRule:ListenerRule",
            props: { listenerArn: "arn:aws:elasticloadbalancing:listener/app/web-alb/http", actions: [{ type: "forward", targetGroupArn: "tg" }] },
            propertyDependencies: { listenerArn: [http.urn] },
        };
        expect(violationsOf(httpRedirectsToHttps, withResource(resources, rule), ctx)).to.have.length(1).and.to.match(/^web-http-backdoor: .*instead of redirecting/);
    });
});

describe("policy rule 5: load balancer access logs on", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}'s load balancer writes access logs`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            expect(violationsOf(loadBalancerAccessLogs, [copyOf(resources, LB)], ctx)).to.deep.equal([]);
        });
    }

    it("fires when logs are disabled or not configured; a network load balancer is not checked", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const off = copyOf(resources, LB);
        (off.props.accessLogs as any).enabled = false;
        expect(violationsOf(loadBalancerAccessLogs, [off], ctx)).to.have.length(1).and.to.match(/access logs are off/);
        const none = copyOf(resources, LB);
        delete none.props.accessLogs;
        expect(violationsOf(loadBalancerAccessLogs, [none], ctx)).to.have.length(1).and.to.match(/accessLogs.enabled is absent/);
        const nlb = copyOf(resources, LB);
        delete nlb.props.accessLogs;
        nlb.props.loadBalancerType = "network";
        expect(violationsOf(loadBalancerAccessLogs, [nlb], ctx)).to.deep.equal([]);
    });
});
