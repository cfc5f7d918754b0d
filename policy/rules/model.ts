/**
 * What a rule sees, and what a rule is. Pure: no Pulumi module is imported here, so the
 * rules run the same over the offline plan (tests) and under CrossGuard (policy/index.ts).
 */

/** A value Pulumi cannot know yet (an output of a resource not created, during a preview). */
export interface Unknown {
    readonly kgsportsPolicyUnknown: true;
}

/** The marker of an unknown value (recognised by its brand, so copies of it still count). */
export const UNKNOWN: Unknown = Object.freeze({ kgsportsPolicyUnknown: true as const });

export function isUnknown(value: unknown): value is Unknown {
    return value !== null && typeof value === "object" && (value as { kgsportsPolicyUnknown?: unknown }).kgsportsPolicyUnknown === true;
}

/**
 * A declared resource as the rules read it: its inputs (unknown values replaced by
 * {@link UNKNOWN}), its protect option and what it refers to.
 */
export interface PolicyInput {
    urn: string;
    type: string;
    /** The Pulumi name (the last part of the URN). */
    name: string;
    /** The parent's URN; absent at the top level. */
    parent?: string;
    props: Record<string, unknown>;
    /** The `protect` resource option; undefined when the caller could not see options. */
    protect?: boolean;
    /** URNs of every resource this one depends on. */
    dependencies: string[];
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
}

export type EnforcementLevel = "mandatory" | "advisory";

/** What a rule knows about the run. */
export interface StackContext {
    /** The stack's name (`dev`, `matchday`). */
    stack: string;
    project: string;
    /** The deploy's clock: scheduled actions must start after it. */
    now: Date;
    /**
     * Records a check the rule could not decide because a value is unknown (a preview
     * before the resource it comes from exists). Not a violation: `pulumi up` checks again
     * with the real value. Optional so a caller may ignore these.
     */
    cannotTell?: (urn: string, message: string) => void;
}

interface RuleInfo {
    /** Unique, kebab-case: the policy name CrossGuard shows. */
    name: string;
    /** One sentence: what the rule requires and why. */
    description: string;
    enforcementLevel: EnforcementLevel;
}

/** A rule over one resource at a time. */
export interface ResourceRule extends RuleInfo {
    /** The resource types (Pulumi tokens) it reads; others are never passed to it. */
    resourceTypes: readonly string[];
    /** The violations of one resource, each a sentence a reviewer can act on; [] when it complies. */
    validate(resource: PolicyInput, ctx: StackContext): string[];
}

/** One violation found by a stack-wide rule, on the resource it belongs to. */
export interface StackViolation {
    urn: string;
    message: string;
}

/** A rule that needs more than one resource (references between them). */
export interface StackRule extends RuleInfo {
    validateStack(resources: readonly PolicyInput[], ctx: StackContext): StackViolation[];
}

export type Rule = ResourceRule | StackRule;

export function isStackRule(rule: Rule): rule is StackRule {
    return "validateStack" in rule;
}

// ------------------------------------------------------------------------ reading inputs

/** The value at a dotted path (`a.b.0.c`); undefined when absent, {@link UNKNOWN} when any step is unknown. */
export function at(value: unknown, path: string): unknown {
    let v: unknown = value;
    for (const key of path.split(".")) {
        if (isUnknown(v)) return UNKNOWN;
        if (v === null || v === undefined || typeof v !== "object") return undefined;
        v = (v as Record<string, unknown>)[key];
    }
    return v;
}

/** A list input as a list: absent is [], a single value is one element, unknown stays unknown. */
export function list(value: unknown): unknown[] | Unknown {
    if (isUnknown(value)) return UNKNOWN;
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

/** True, false, or unknown; the provider's string booleans (`"true"`) count. Absent is undefined. */
export function bool(value: unknown): boolean | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    return undefined;
}

/** A number, or a numeric string, as a number; absent or not a number is undefined. */
export function num(value: unknown): number | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** A non-empty string, or unknown; anything else is undefined. */
export function text(value: unknown): string | Unknown | undefined {
    if (isUnknown(value)) return UNKNOWN;
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Whether any part of a value is unknown. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

export function show(value: unknown): string {
    if (isUnknown(value)) return "<unknown during preview>";
    if (value === undefined) return "absent";
    return JSON.stringify(value);
}

// ------------------------------------------------------------------ references between resources

/**
 * How an input refers to other resources: the URNs its value came from (property
 * dependencies: known even in a preview, before any ID exists) and its concrete string
 * values (IDs, ARNs, names).
 */
export interface Reference {
    urns: Set<string>;
    values: Set<string>;
    /** Some element is unknown and not traceable to a resource. */
    unknown: boolean;
}

export function referenceOf(resource: PolicyInput, property: string): Reference {
    return valuesReference(resource, property.split(".")[0], at(resource.props, property));
}

/** The reference of `value`, whose sources are the property dependencies of the top-level input `depsKey`. */
export function valuesReference(resource: PolicyInput, depsKey: string, value: unknown): Reference {
    const urns = new Set(resource.propertyDependencies[depsKey] ?? []);
    const values = new Set<string>();
    let unknown = false;
    const visit = (v: unknown) => {
        if (isUnknown(v)) unknown = true;
        else if (Array.isArray(v)) v.forEach(visit);
        else if (typeof v === "string" && v !== "") values.add(v);
    };
    visit(value);
    return { urns, values, unknown: unknown && urns.size === 0 };
}

/** Whether two references share a source resource or a concrete value. */
export function sameTarget(a: Reference, b: Reference): boolean {
    for (const u of a.urns) if (b.urns.has(u)) return true;
    for (const v of a.values) if (b.values.has(v)) return true;
    return false;
}

/**
 * Whether a reference points at a given resource: through a property dependency on its
 * URN, or by one of the values that name it (its `id`/`arn` when known, or inputs such as
 * its `name`).
 */
export function refersTo(ref: Reference, target: PolicyInput, identities: readonly unknown[] = []): boolean {
    if (ref.urns.has(target.urn)) return true;
    for (const id of [target.props.id, target.props.arn, ...identities]) {
        if (typeof id === "string" && id !== "" && ref.values.has(id)) return true;
    }
    return false;
}

/** Whether the reference is empty (no value and no source). */
export function isEmptyReference(ref: Reference): boolean {
    return ref.urns.size === 0 && ref.values.size === 0 && !ref.unknown;
}

export function ofTypes(resources: readonly PolicyInput[], ...types: string[]): PolicyInput[] {
    return resources.filter((r) => types.includes(r.type));
}

/** Types this pack reads, by the tokens Pulumi registers (aws.alb.* aliases included). */
export const T = {
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    instance: "aws:ec2/instance:Instance",
    asg: "aws:autoscaling/group:Group",
    schedule: "aws:autoscaling/schedule:Schedule",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    loadBalancers: ["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"],
    listeners: ["aws:lb/listener:Listener", "aws:alb/listener:Listener"],
    backupVault: "aws:backup/vault:Vault",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    kmsKey: "aws:kms/key:Key",
    group: "aws:iam/group:Group",
    groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
    policy: "aws:iam/policy:Policy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    role: "aws:iam/role:Role",
    user: "aws:iam/user:User",
    topic: "aws:sns/topic:Topic",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    vpnConnection: "aws:ec2/vpnConnection:VpnConnection",
    dynamoTable: "aws:dynamodb/table:Table",
    dynamoResourcePolicy: "aws:dynamodb/resourcePolicy:ResourcePolicy",
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
} as const;
