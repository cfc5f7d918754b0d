/**
 * The rules of ./rules as CrossGuard policies. Only types come from @pulumi/policy, so
 * tests can call these policies the way the analyzer does without starting a pack
 * (./index.ts constructs the PolicyPack, which starts the analyzer's gRPC server).
 */
import type { Policies, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { fromPolicyResource, fromResourceArgs } from "./adapter";
import { evaluate, isStackRule, PolicyInput, Rule, RULES, StackContext, stackOfUrn } from "./rules";

/** The pack's name, as `pulumi preview --policy-pack` reports it. */
export const PACK_NAME = "kgsports";

function contextOf(urn: string, now: () => Date): StackContext {
    const where = stackOfUrn(urn);
    return { stack: where?.stack ?? "", project: where?.project ?? "", now: now() };
}

function stackContext(resources: PolicyInput[], now: () => Date): StackContext {
    return contextOf(resources[0]?.urn ?? "", now);
}

/**
 * One rule as a CrossGuard policy. A rule's "cannot tell" notes are not violations here;
 * {@link cannotTellYet} reports them. `now` is the deploy's clock (a parameter for tests).
 */
export function toPolicy(rule: Rule, now: () => Date = () => new Date()): ResourceValidationPolicy | StackValidationPolicy {
    const info = { name: rule.name, description: rule.description, enforcementLevel: rule.enforcementLevel };
    if (isStackRule(rule)) {
        return {
            ...info,
            validateStack: (args, reportViolation) => {
                const resources = args.resources.map(fromPolicyResource);
                for (const v of rule.validateStack(resources, stackContext(resources, now))) reportViolation(v.message, v.urn);
            },
        };
    }
    return {
        ...info,
        validateResource: (args, reportViolation) => {
            if (!rule.resourceTypes.includes(args.type)) return;
            for (const message of rule.validate(fromResourceArgs(args), contextOf(args.urn, now))) reportViolation(message);
        },
    };
}

/**
 * What the rules could not decide because a value is unknown during a preview (an ID of
 * a resource not created yet). Advisory, so a preview is never blocked by what it cannot
 * know; `pulumi up` validates each resource again with its real inputs.
 */
export function cannotTellYet(now: () => Date = () => new Date()): StackValidationPolicy {
    return {
        name: "kgsports-cannot-tell-yet",
        description: "Lists the checks of the kgsports rules that a preview cannot decide because a value is unknown until the update; pulumi up checks them with the real values.",
        enforcementLevel: "advisory",
        validateStack: (args, reportViolation) => {
            const resources = args.resources.map(fromPolicyResource);
            const { cannotTell } = evaluate(resources, stackContext(resources, now));
            for (const f of cannotTell) reportViolation(`${f.rule} (${f.enforcementLevel}) cannot tell yet: ${f.message}; pulumi up checks it with the real value`, f.urn);
        },
    };
}

/** Every policy of the pack: the project's rules, then the cannot-tell report. */
export function policies(now: () => Date = () => new Date()): Policies {
    return [...RULES.map((r) => toPolicy(r, now)), cannotTellYet(now)];
}
