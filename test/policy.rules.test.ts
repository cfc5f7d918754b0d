/**
 * The policy pack over both shipped stacks' offline plans: no mandatory violation, and
 * every advisory one accepted below with its reason. The rules are the pack's own
 * (policy/rules), run over the plan's resources as CrossGuard would hand them.
 */
import { expect } from "chai";
import { evaluate, isStackRule, RULES, T } from "../policy/rules";
import { nameOfUrn, plannedPolicyStack } from "./helpers/policyPlan";

/**
 * Advisory violations the shipped stacks are allowed to have, each with why. The test
 * fails when one is missing (the list went stale) as well as when a new one appears.
 */
const ACCEPTED_ADVISORY: { stack: string; rule: string; resource: string; why: string }[] = [
    {
        stack: "matchday",
        rule: "alarms-only-automation-listens",
        resource: "hybrid-recovered",
        why:
            "HybridLink's recovered alarm is a trigger, not an incident: ALARM means the on-premise servers have been healthy long enough, " +
            "and the failover function (its EventBridge rule's target) gives them their share back. The failure itself pages: " +
            "hybrid-unhealthy and hybrid-tunnels-down feed failover-in-effect, which feeds the matchday-degraded page.",
    },
];

/** Resource types each stack-wide rule reads: the plan must hold them, or the rule checks nothing. */
const STACK_RULE_INPUTS: Record<string, string[]> = {
    "no-ingress-from-anywhere": [T.ingressRule, T.securityGroup, ...T.loadBalancers.slice(0, 1)],
    "instances-reachable-only-from-load-balancer": [T.launchTemplate, T.ingressRule, T.loadBalancers[0]],
    "http-redirects-to-https": [T.listeners[0]],
    "backup-vault-customer-key-and-lock": [T.backupVault, T.kmsKey],
    "iam-groups-force-mfa": [T.group, T.groupPolicyAttachment, T.policy],
    "no-wildcard-admin": [T.policy, T.groupPolicyAttachment, T.rolePolicyAttachment],
    "alarms-reach-a-human": [T.metricAlarm, T.compositeAlarm],
    "alarms-only-automation-listens": [T.metricAlarm, T.eventRule, T.eventTarget],
    "dynamodb-table-private": [T.dynamoTable, T.dynamoResourcePolicy],
};

describe("policy pack over the shipped stacks", () => {
    it("every rule has a unique name, a description and a level, and the 18 project rules are all there", () => {
        const names = RULES.map((r) => r.name);
        expect(new Set(names).size).to.equal(names.length);
        for (const r of RULES) {
            expect(r.name).to.match(/^[a-z0-9-]{3,100}$/);
            expect(r.description.length, r.name).to.be.greaterThan(40);
            expect(["mandatory", "advisory"]).to.include(r.enforcementLevel);
        }
        expect(names).to.deep.equal([
            "launch-template-imdsv2-encrypted-ebs",
            "asg-multi-zone-elb-health-pinned-template",
            "scheduled-action-future-and-every-size",
            "no-ingress-from-anywhere",
            "instances-reachable-only-from-load-balancer",
            "http-redirects-to-https",
            "load-balancer-access-logs",
            "backup-vault-customer-key-and-lock",
            "sns-topic-encrypted",
            "log-group-retention",
            "vpn-connection-protected",
            "dynamodb-table-customer-key",
            "dynamodb-table-deletion-protection-pitr",
            "dynamodb-table-private",
            "vpc-interface-endpoint-security-group",
            "iam-groups-force-mfa",
            "no-wildcard-admin",
            "alarms-reach-a-human",
            "alarms-only-automation-listens",
        ]);
        expect(RULES.filter((r) => r.enforcementLevel === "advisory").map((r) => r.name)).to.deep.equal(["log-group-retention", "alarms-only-automation-listens"]);
    });

    it("every rule reads resources that the shipped stacks declare (none passes by finding nothing)", async () => {
        const declared = new Set<string>();
        for (const stack of ["dev", "matchday"]) (await plannedPolicyStack(stack)).resources.forEach((r) => declared.add(r.type));
        for (const rule of RULES) {
            const types = isStackRule(rule) ? STACK_RULE_INPUTS[rule.name] : [...rule.resourceTypes];
            expect(types, `${rule.name}: list the types it reads`).to.not.equal(undefined);
            expect(types.some((t) => declared.has(t)), `${rule.name} reads ${types.join(", ")}`).to.equal(true);
            if (isStackRule(rule)) for (const t of types) expect(declared.has(t), `${rule.name} needs ${t}`).to.equal(true);
        }
    });

    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: no mandatory violation, and only the accepted advisory ones`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const { violations, cannotTell } = evaluate(resources, ctx);
            const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").map((v) => `${v.rule}: ${v.message}`);
            expect(mandatory).to.deep.equal([]);
            const advisory = violations
                .filter((v) => v.enforcementLevel === "advisory")
                .map((v) => `${v.rule} on ${nameOfUrn(v.urn)}`)
                .sort();
            const accepted = ACCEPTED_ADVISORY.filter((a) => a.stack === stack).map((a) => `${a.rule} on ${a.resource}`).sort();
            expect(advisory, "advisory violations not in ACCEPTED_ADVISORY (or accepted ones that no longer occur)").to.deep.equal(accepted);
            // The offline plan runs as an update: every value is known, so every check decides.
            expect(cannotTell.map((c) => `${c.rule}: ${c.message}`)).to.deep.equal([]);
        });
    }

    it("each accepted advisory violation says why", () => {
        for (const a of ACCEPTED_ADVISORY) {
            expect(RULES.find((r) => r.name === a.rule)?.enforcementLevel, a.rule).to.equal("advisory");
            expect(a.why.length, `${a.rule} on ${a.resource}`).to.be.greaterThan(80);
        }
    });
});
