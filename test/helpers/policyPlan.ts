/** The policy pack's rules over the offline plan: declared resources as the rules read them. */
import { DeclaredResource } from "../../stacks/plan/mockRuntime";
import { StackPlan } from "../../stacks/plan/planStack";
import { evaluate, Evaluation, PolicyInput, Rule, RULES, StackContext } from "../../policy/rules";
import { plannedStack, TEST_NOW } from "./declare";

/** A declared resource (inputs, protect, dependencies) as a rule's input. */
export function policyInput(r: DeclaredResource): PolicyInput {
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent ?? undefined,
        props: structuredClone(r.inputs),
        protect: r.options.protect,
        dependencies: [...r.options.dependsOn],
        propertyDependencies: structuredClone(r.options.propertyDependencies ?? {}),
    };
}

export interface PlannedPolicyStack {
    plan: StackPlan;
    resources: PolicyInput[];
    ctx: StackContext;
}

/** A shipped stack's plan (built once per process, at the test clock) as the rules read it. */
export async function plannedPolicyStack(stack: string): Promise<PlannedPolicyStack> {
    const plan = await plannedStack(stack);
    return { plan, resources: plan.run.resources.map(policyInput), ctx: { stack, project: plan.project, now: TEST_NOW } };
}

/** A deep copy of the one resource of `type` (optionally the one named `name`), to break in a test. */
export function copyOf(resources: readonly PolicyInput[], type: string, name?: string): PolicyInput {
    const found = resources.filter((r) => r.type === type && (name === undefined || r.name === name));
    if (found.length !== 1) throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}`);
    return structuredClone(found[0]);
}

/** The stack with `replacement` in place of the resource of the same URN (or added when new). */
export function withResource(resources: readonly PolicyInput[], replacement: PolicyInput): PolicyInput[] {
    const i = resources.findIndex((r) => r.urn === replacement.urn);
    return i < 0 ? [...resources, replacement] : resources.map((r, j) => (j === i ? replacement : r));
}

export function withoutResources(resources: readonly PolicyInput[], drop: (r: PolicyInput) => boolean): PolicyInput[] {
    return resources.filter((r) => !drop(r));
}

/** One rule over a stack: its violations (messages) and cannot-tell notes. */
export function runRule(rule: Rule, resources: readonly PolicyInput[], ctx: StackContext): Evaluation {
    return evaluate(resources, ctx, [rule]);
}

export { RULES };

/** The Pulumi name at the end of a URN. */
export function nameOfUrn(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

/** The violation messages one rule finds in a stack. */
export function violationsOf(rule: Rule, resources: readonly PolicyInput[], ctx: StackContext): string[] {
    return runRule(rule, resources, ctx).violations.map((v) => `${nameOfUrn(v.urn)}: ${v.message}`);
}

/** The cannot-tell notes one rule leaves in a stack. */
export function cannotTellOf(rule: Rule, resources: readonly PolicyInput[], ctx: StackContext): string[] {
    return runRule(rule, resources, ctx).cannotTell.map((v) => `${nameOfUrn(v.urn)}: ${v.message}`);
}
