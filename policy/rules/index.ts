/**
 * Every rule of the pack, in the order of the project's list, and one evaluator that runs
 * them over a stack's resources (the tests run it over the offline plan; the pack's
 * cannot-tell policy runs it under CrossGuard).
 */
import { ALARM_RULES } from "./alarms";
import { COMPUTE_RULES } from "./compute";
import { DATA_RULES } from "./data";
import { IAM_RULES } from "./iam";
export type { ActionResourceTypes } from "./iam";
import { EnforcementLevel, isStackRule, PolicyInput, Rule, StackContext } from "./model";
import { NETWORK_RULES } from "./network";
import { PROTECTION_RULES } from "./protection";

export * from "./model";
export { alarmsReachAHuman, automationAlarmsReachAHuman, alarmNamesInRule } from "./alarms";
export { autoScalingGroupResilient, launchTemplateHardened, scheduledActionsComplete } from "./compute";
export {
    actionsNamedIn,
    humanGroupsForceMfa,
    identityDocuments,
    isForceMfaDeny,
    isWildcardAdmin,
    noWildcardAdmin,
    resourceLevelProblems,
    stackResourceLevelProblems,
    statementsOf,
} from "./iam";
export { httpRedirectsToHttps, ingressEntries, instancesOnlyFromLoadBalancer, loadBalancerAccessLogs, noWorldIngress } from "./network";
export { DATA_PLANE_ACTIONS, dynamoTableCustomerKey, dynamoTablePrivate, dynamoTableRecoverable, interfaceEndpointSecurityGroup, privacyProblems } from "./data";
export { backupVaultProtected, LOCKED_VAULT_STACKS, logGroupRetention, snsTopicEncrypted, vpnConnectionProtected } from "./protection";

export const RULES: readonly Rule[] = [...COMPUTE_RULES, ...NETWORK_RULES, ...PROTECTION_RULES, ...DATA_RULES, ...IAM_RULES, ...ALARM_RULES];

export interface Finding {
    rule: string;
    enforcementLevel: EnforcementLevel;
    urn: string;
    message: string;
}

export interface Evaluation {
    violations: Finding[];
    /** Checks no rule could decide because a value is unknown (never in an offline plan, whose values are all known). */
    cannotTell: Finding[];
}

/** Runs rules over every resource of a stack. */
export function evaluate(resources: readonly PolicyInput[], ctx: Omit<StackContext, "cannotTell">, rules: readonly Rule[] = RULES): Evaluation {
    const violations: Finding[] = [];
    const cannotTell: Finding[] = [];
    for (const rule of rules) {
        const base = { rule: rule.name, enforcementLevel: rule.enforcementLevel };
        const context: StackContext = { ...ctx, cannotTell: (urn, message) => cannotTell.push({ ...base, urn, message }) };
        if (isStackRule(rule)) {
            for (const v of rule.validateStack(resources, context)) violations.push({ ...base, ...v });
        } else {
            for (const r of resources) {
                if (!rule.resourceTypes.includes(r.type)) continue;
                for (const message of rule.validate(r, context)) violations.push({ ...base, urn: r.urn, message });
            }
        }
    }
    return { violations, cannotTell };
}

/** The stack and project a URN belongs to (`urn:pulumi:<stack>::<project>::...`). */
export function stackOfUrn(urn: string): { stack: string; project: string } | undefined {
    const m = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    return m ? { stack: m[1], project: m[2] } : undefined;
}
