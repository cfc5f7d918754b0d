/**
 * Physical names of the component's IAM resources, and the rules they follow. Every
 * group, role, policy and instance profile gets an explicit name built from the name
 * prefix, so renaming a logical resource (or the component) does not replace it, and
 * the deploy role's IAM permissions can be scoped to `<prefix>-*`.
 */

/** Characters IAM allows in user, group, role, policy and instance profile names. */
export const IAM_NAME_PATTERN = /^[A-Za-z0-9+=,.@_-]+$/;

/**
 * Longest name prefix. Role names allow 64 characters and the longest role suffix is
 * "-matchday-operator" (18); 32 leaves room and keeps names readable in the console's
 * "Switch role" form (role name and path together at most 64).
 */
export const MAX_NAME_PREFIX_LENGTH = 32;

/** IAM user names: 1 to 64 characters of {@link IAM_NAME_PATTERN}. */
export const MAX_USER_NAME_LENGTH = 64;

/** Keys of the human groups; also the suffix of their physical and logical names. */
export type HumanGroupKey = "administrators" | "operators" | "read-only";

/** Keys of the managed policies the component creates (name suffixes). */
export type PolicyKey =
    | "force-mfa"
    | "administrator-access"
    | "read-only-access"
    | "assume-matchday-operator"
    | "matchday-operator-access"
    | "matchday-operator-boundary"
    | "deploy-access"
    | "deploy-iam-access"
    | "deploy-pass-access"
    | "web-instance-lifecycle"
    | "web-instance-agent"
    | "web-instance-session"
    | "web-instance-user-store"
    | "preview-access"
    | "workload-boundary";

/** Keys of the roles the component creates (name suffixes). */
export type RoleKey = "matchday-operator" | "deploy" | "preview" | "web-instance";

/** The physical name of every named IAM resource, from the prefix. */
export interface PhysicalNames {
    prefix: string;
    groups: Record<HumanGroupKey, string>;
    policies: Record<PolicyKey, string>;
    roles: Record<RoleKey, string>;
    /** The web instances' instance profile (same name as its role). */
    instanceProfile: string;
}

export const HUMAN_GROUP_KEYS: readonly HumanGroupKey[] = ["administrators", "operators", "read-only"];
export const POLICY_KEYS: readonly PolicyKey[] = [
    "force-mfa",
    "administrator-access",
    "read-only-access",
    "assume-matchday-operator",
    "matchday-operator-access",
    "matchday-operator-boundary",
    "deploy-access",
    "deploy-iam-access",
    "deploy-pass-access",
    "web-instance-lifecycle",
    "web-instance-agent",
    "web-instance-session",
    "web-instance-user-store",
    "preview-access",
    "workload-boundary",
];
export const ROLE_KEYS: readonly RoleKey[] = ["matchday-operator", "deploy", "preview", "web-instance"];

/**
 * What only an administrator's deploy may change (the deploy role may read it, for
 * refresh and preview, and is denied every write): the roles and policies that decide
 * what people and the pipeline may do, the boundaries of the roles CI creates and of
 * the operator role, and the human groups. The deploy role may still change who is in
 * the operators and read-only groups (never the administrators group), and the
 * operator role's size conditions (`matchday-operator-access`, which follow
 * `minSize`/`maxSize`), within the operator boundary it cannot change.
 */
export const ADMINISTRATOR_OWNED: {
    roles: readonly RoleKey[];
    policies: readonly PolicyKey[];
    groups: readonly HumanGroupKey[];
    /** Groups whose membership (only) CI may change. */
    membershipByDeploy: readonly HumanGroupKey[];
} = {
    roles: ["deploy", "preview", "matchday-operator"],
    policies: [
        "deploy-access",
        "deploy-iam-access",
        "deploy-pass-access",
        "preview-access",
        "workload-boundary",
        "force-mfa",
        "administrator-access",
        "read-only-access",
        "assume-matchday-operator",
        "matchday-operator-boundary",
    ],
    groups: ["administrators", "operators", "read-only"],
    membershipByDeploy: ["operators", "read-only"],
};

function keyed<K extends string>(keys: readonly K[], prefix: string): Record<K, string> {
    return Object.fromEntries(keys.map((k) => [k, `${prefix}-${k}`])) as Record<K, string>;
}

export function physicalNames(prefix: string): PhysicalNames {
    return {
        prefix,
        groups: keyed(HUMAN_GROUP_KEYS, prefix),
        policies: keyed(POLICY_KEYS, prefix),
        roles: keyed(ROLE_KEYS, prefix),
        instanceProfile: `${prefix}-web-instance`,
    };
}

/** Problems with a name prefix, or none. `label` names the field in the messages. */
export function namePrefixProblems(prefix: string, label = "namePrefix"): string[] {
    const problems: string[] = [];
    if (prefix.length === 0 || prefix.length > MAX_NAME_PREFIX_LENGTH) {
        problems.push(`${label} "${prefix}" is ${prefix.length} characters: must be 1 to ${MAX_NAME_PREFIX_LENGTH}`);
    }
    if (prefix.length > 0 && !IAM_NAME_PATTERN.test(prefix)) {
        problems.push(`${label} "${prefix}": IAM names allow only letters, digits and + = , . @ _ -`);
    }
    return problems;
}

/** Problems with one IAM user name, or none. */
export function userNameProblems(user: string, field: string): string[] {
    if (user.length === 0 || user.length > MAX_USER_NAME_LENGTH || !IAM_NAME_PATTERN.test(user)) {
        return [`${field}: "${user}" is not an IAM user name (1 to ${MAX_USER_NAME_LENGTH} letters, digits and + = , . @ _ -)`];
    }
    return [];
}
