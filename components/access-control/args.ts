/**
 * AccessControl's args, defaults and checks: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/access-control/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { UserStoreClientScope } from "@kgsports/user-store/pure";
import {
    githubTargetProblems,
    oidcProviderArnProblems,
} from "./githubOidc";
import { memberProblems } from "./members";
import { ADMINISTRATOR_OWNED, namePrefixProblems, PhysicalNames } from "./naming";
import { PasswordPolicyArgs, passwordPolicyProblems } from "./passwordPolicy";
import { CloudWatchAgentScope } from "./policies";
import { AdministratorOwnedNames } from "./pipelinePolicies";

/** Default and limits of the operator role's session: a match window. */
export const DEFAULT_OPERATOR_SESSION_SECONDS = 4 * 3600;
export const MIN_ROLE_SESSION_SECONDS = 3600;
export const MAX_ROLE_SESSION_SECONDS = 43200;
/** Default and limit of the MFA age: an IAM user's console session lasts 12 hours; GetSessionToken at most 36. */
export const DEFAULT_MAX_MFA_AGE_SECONDS = 43200;
export const MAX_MFA_AGE_SECONDS = 129600;

/** The matchday operator role: what operators may change during a match window. */
export interface MatchdayOperatorArgs {
    /**
     * ARNs of the Auto Scaling groups operators may scale, refresh and schedule
     * (`arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<id>:autoScalingGroupName/<name>`;
     * `*` may stand for the id). Required, at least one. Outputs are fine (e.g. a web
     * tier's `asgArn`, through `pulumi.deferredOutput` when the tier is declared after
     * this component).
     */
    autoScalingGroupArns: pulumi.Input<string>[];
    /**
     * Operators may disable and enable the actions of alarms whose names start with this
     * (`arn:<partition>:cloudwatch:<region>:<account>:alarm:<prefix>*`). Required; 1 to 255
     * characters, no wildcards (`*`, `?`) or `$`.
     */
    alarmNamePrefix: string;
    /**
     * Longest session after assuming the role (the role's `maxSessionDuration`), in
     * seconds, 3600 to 43200 (AWS's limits). Size it from the longest match window (from
     * the pre-warm to the release) plus a margin, or an operator is signed out mid-match
     * (the stacks do: stacks/config/operatorSession.ts). Default `14400` (4 hours).
     */
    maxSessionDurationSeconds?: number;
    /**
     * The group's configured minimum size: operators may set a minimum (directly or in a
     * scheduled action) at or above it, never below, so they cannot undo the stack's
     * floor outside a window. Required; a whole number from 0.
     */
    groupMinSize: number;
    /**
     * The group's configured maximum size: operators may raise the maximum, never lower
     * it below this (a lower maximum removes running instances). Required; at least
     * `groupMinSize`.
     */
    groupMaxSize: number;
}

/** The S3 bucket of a self-managed state backend (`pulumi login s3://<bucket>/<keyPrefix>`). */
export interface StateBackendArgs {
    /** The bucket's name (3 to 63 lower-case letters, digits, dots and hyphens). Required. */
    bucketName: string;
    /** The path after the bucket in the login URL, without leading or trailing `/`. Default `""` (the bucket's root). */
    keyPrefix?: string;
}

/** The deploy role: which GitHub Actions runs may assume it, through which OIDC provider. */
export interface DeployRoleArgs {
    /** GitHub repository, `owner/name`, spelled exactly as on GitHub (the claim is case-sensitive). Required. */
    repository: string;
    /**
     * Branch whose workflow runs may deploy, without `refs/heads/`; not empty, no
     * wildcards. Default `"main"` when `environment` is not set; do not set both.
     */
    branch?: string;
    /**
     * GitHub environment whose jobs may deploy (the token then names the environment,
     * not the branch; protect the environment with required reviewers and a branch rule).
     * Not empty, no wildcards. Default: none (the branch is used).
     */
    environment?: string;
    /**
     * ARN of the account's existing GitHub Actions OIDC provider. The provider is an
     * account-wide singleton per URL: when another stack already created it, pass its
     * ARN here and this component creates none. Default: none (the component creates it).
     */
    existingOidcProviderArn?: string;
    /**
     * Roles of the stack, named `<namePrefix>-*`, that the deploy role may pass to one
     * service each (e.g. a function's role to `lambda.amazonaws.com`). An output is fine:
     * the other components' `serviceRoles`, through `pulumi.deferredOutput` when they are
     * declared after this component (then a wrong name fails the deploy policy's update
     * instead of the constructor). Default: none.
     */
    serviceRoles?: pulumi.Input<ServiceRole[]>;
    /**
     * AWS managed service-role policies (path after `policy/`, e.g.
     * `service-role/AWSBackupServiceRolePolicyForBackup`) the deploy role may attach to the
     * stack's roles. Only `service-role/...` policies are accepted. Default: none.
     */
    attachableAwsManagedPolicies?: string[];
}

/** A role of the stack the deploy role may pass, and the service it is passed to. */
export interface ServiceRole {
    roleName: string;
    service: string;
}

export interface AccessControlArgs {
    /**
     * Prefix of every physical IAM name (`<prefix>-administrators`, `<prefix>-deploy`, ...),
     * and the scope of the deploy role's IAM permissions (`<prefix>-*`). 1 to 32 letters,
     * digits and `+=,.@_-`. Default: the component's name. Changing it replaces every
     * group, role and policy (see the README, "Renaming").
     */
    namePrefix?: string;
    /**
     * IAM user names of the administrators (existing users; the component creates no
     * users). Exclusive: the group holds exactly these users. Required, at least one.
     */
    administrators: string[];
    /** IAM user names of the matchday operators (existing users). Exclusive. Default: none. */
    operators?: string[];
    /** IAM user names of read-only users (existing users). Exclusive. Default: none. */
    readOnly?: string[];
    /**
     * How recent an MFA sign-in must be, in seconds, for administrator access and for
     * assuming the operator role (`NumericLessThan aws:MultiFactorAuthAge`). 1 to 129600.
     * Default `43200` (12 hours, the length of an IAM user's console session).
     */
    maxMfaAgeSeconds?: number;
    /** The matchday operator role. Required. */
    operatorRole: MatchdayOperatorArgs;
    /**
     * The GitHub Actions deploy role. Required. Its repository's pull requests (GitHub's
     * subject `repo:<owner>/<name>:pull_request`) also get the read-only preview role.
     */
    deployRole: DeployRoleArgs;
    /**
     * The S3 bucket of the state backend, when the stacks keep their state in one: the
     * deploy role reads and writes the state objects under the prefix, the preview role
     * reads them. Default: none (a backend such as Pulumi Cloud needs no AWS access).
     */
    stateBackend?: StateBackendArgs;
    /**
     * ARN of the KMS key of the stacks' `awskms://` secrets provider: both roles may
     * `kms:Decrypt` with it (unwrapping the stack's data key, which decrypts secret config
     * and state). Default: none (no KMS access; a passphrase or Pulumi Cloud provider).
     */
    secretsKmsKeyArn?: string;
    /**
     * Auto Scaling groups the web instances run in: the instance role may complete their
     * launch lifecycle hooks (ScalingWebTier's `bootstrap-ready` hook) and nothing else
     * on them. Outputs are fine. Default: none (no lifecycle permission).
     */
    webInstanceGroupArns?: pulumi.Input<string>[];
    /**
     * The web instances' CloudWatch agent: its configuration parameter, log groups and
     * metric namespace. When given, the instance role gets exactly that
     * (`instanceAgentPolicy`). Default: none (no agent permission at all; the AWS managed
     * CloudWatchAgentServerPolicy is never attached, since it lets an instance change the
     * retention of every log group of the account). Observability's `cloudWatchAgent`
     * (or, declared before it, its `cloudWatchAgentScope`) is this.
     */
    cloudWatchAgent?: CloudWatchAgentScope;
    /**
     * The UserStore's clients' scope (`userStoreClientScope(prefix)` of
     * `@kgsports/user-store/pure`). When given, a managed policy
     * `<prefix>-web-instance-user-store` (`instanceUserStorePolicy`: the item actions on
     * the store's tables and indexes, their key only through DynamoDB, the parameters under
     * the store's path) is attached to the web instance role, and its ARN is the
     * `userStoreClientPolicyArn` output, for the on-premise servers' role. Its tables must
     * be the workload boundary's (`<namePrefix>-users`, `<namePrefix>-users-restore-*`), or
     * the boundary caps the policy. Default: none (no access to the store).
     */
    userStoreClient?: UserStoreClientScope;
    /**
     * Whether this component owns the account password policy, an account-wide
     * singleton: exactly one stack per AWS account may set it to `true`. Default `true`.
     */
    managePasswordPolicy?: boolean;
    /** The password rules when {@link managePasswordPolicy} is on. Defaults: see {@link PasswordPolicyArgs}. */
    passwordPolicy?: PasswordPolicyArgs;
    /** AWS account id (12 digits). Default: looked up with `aws.getCallerIdentityOutput`. */
    accountId?: string;
    /** AWS partition (`aws`, `aws-cn`, `aws-us-gov`). Default: looked up with `aws.getPartitionOutput`. */
    partition?: string;
    /** Region the deploy and operator roles are limited to (e.g. `ap-northeast-2`). Default: the provider's, from `aws.getRegionOutput`. */
    region?: string;
    /** Tags for every taggable child (roles, policies, instance profile, OIDC provider; IAM groups take none). Default: none. */
    tags?: Record<string, string>;
}

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Problems with a state backend's bucket and prefix, or none. */
export function stateBackendProblems(backend: StateBackendArgs, field = "stateBackend"): string[] {
    const p: string[] = [];
    if (!BUCKET_NAME.test(backend.bucketName) || backend.bucketName.includes("..")) {
        p.push(`${field}.bucketName "${backend.bucketName}": must be an S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens)`);
    }
    const prefix = backend.keyPrefix ?? "";
    if (prefix.startsWith("/") || prefix.endsWith("/") || /[*?$]/.test(prefix)) {
        p.push(`${field}.keyPrefix "${prefix}": the path after the bucket without leading or trailing "/" and without * ? $`);
    }
    return p;
}

/** The administrator-owned names of a prefix, as the deploy policy takes them. */
export function administratorOwnedNames(names: PhysicalNames): AdministratorOwnedNames {
    return {
        roles: ADMINISTRATOR_OWNED.roles.map((r) => names.roles[r]),
        policies: ADMINISTRATOR_OWNED.policies.map((k) => names.policies[k]),
        groups: ADMINISTRATOR_OWNED.groups.filter((g) => !ADMINISTRATOR_OWNED.membershipByDeploy.includes(g)).map((g) => names.groups[g]),
        membershipGroups: ADMINISTRATOR_OWNED.membershipByDeploy.map((g) => names.groups[g]),
    };
}

const AUTOSCALING_GROUP_ARN = /^arn:aws[a-z-]*:autoscaling:[a-z0-9-]+:\d{12}:autoScalingGroup:[^:]+:autoScalingGroupName\/.+$/;

/** Problems with the roles the deploy role passes: each `<prefix>-*`, each to a service principal. */
export function serviceRoleProblems(prefix: string, roles: readonly ServiceRole[]): string[] {
    const p: string[] = [];
    for (const r of roles) {
        if (!r.roleName.startsWith(`${prefix}-`) || !/^[\w+=,.@-]{1,64}$/.test(r.roleName)) {
            p.push(`deployRole.serviceRoles: role "${r.roleName}" must be named ${prefix}-* (at most 64 characters): the deploy role manages and passes only the stack's own roles`);
        }
        if (!/^[a-z0-9-]+\.amazonaws\.com$/.test(r.service)) p.push(`deployRole.serviceRoles: service "${r.service}" must be a service principal such as lambda.amazonaws.com`);
    }
    return p;
}

/**
 * Problems with the UserStore's client scope: at least one table, each within the
 * stack's `<prefix>-users` tables (what the workload boundary allows; a table outside
 * them would be granted and then capped), and a parameter path under `/<prefix>/`.
 */
export function userStoreClientProblems(prefix: string, scope: UserStoreClientScope): string[] {
    const p: string[] = [];
    if (scope.tableNamePatterns.length === 0) p.push("userStoreClient.tableNamePatterns: at least one table");
    for (const t of scope.tableNamePatterns) {
        if (t !== `${prefix}-users` && !t.startsWith(`${prefix}-users-restore-`)) {
            p.push(`userStoreClient.tableNamePatterns: "${t}" must be ${prefix}-users or ${prefix}-users-restore-* (the tables the workload boundary allows)`);
        }
    }
    if (!scope.parameterPath.startsWith(`/${prefix}/`) || scope.parameterPath.endsWith("/") || /[*?]/.test(scope.parameterPath)) {
        p.push(`userStoreClient.parameterPath "${scope.parameterPath}": must be a path under /${prefix}/ without a trailing "/" or wildcards`);
    }
    return p;
}

/** Problems with the args, as sentences naming the field and what is allowed; empty when valid. */
export function accessControlArgsProblems(name: string, args: AccessControlArgs): string[] {
    const p: string[] = [];
    p.push(...namePrefixProblems(args.namePrefix ?? name, args.namePrefix === undefined ? `namePrefix (default: the component name)` : "namePrefix"));
    p.push(...memberProblems({
        administrators: args.administrators,
        operators: args.operators ?? [],
        "read-only": args.readOnly ?? [],
    }));
    const mfaAge = args.maxMfaAgeSeconds ?? DEFAULT_MAX_MFA_AGE_SECONDS;
    if (!Number.isInteger(mfaAge) || mfaAge < 1 || mfaAge > MAX_MFA_AGE_SECONDS) {
        p.push(`maxMfaAgeSeconds = ${mfaAge}: must be a whole number from 1 to ${MAX_MFA_AGE_SECONDS} (36 hours)`);
    }
    const op = args.operatorRole;
    const session = op.maxSessionDurationSeconds ?? DEFAULT_OPERATOR_SESSION_SECONDS;
    if (!Number.isInteger(session) || session < MIN_ROLE_SESSION_SECONDS || session > MAX_ROLE_SESSION_SECONDS) {
        p.push(`operatorRole.maxSessionDurationSeconds = ${session}: must be a whole number from ${MIN_ROLE_SESSION_SECONDS} to ${MAX_ROLE_SESSION_SECONDS} (1 to 12 hours)`);
    }
    const sizeOk = (n: number) => Number.isInteger(n) && n >= 0;
    if (!sizeOk(op.groupMinSize)) p.push(`operatorRole.groupMinSize = ${op.groupMinSize}: must be a whole number from 0 (the group's configured minimum)`);
    if (!sizeOk(op.groupMaxSize) || (sizeOk(op.groupMinSize) && op.groupMaxSize < op.groupMinSize)) {
        p.push(`operatorRole.groupMaxSize = ${op.groupMaxSize}: must be a whole number at least groupMinSize (${op.groupMinSize})`);
    }
    if (op.autoScalingGroupArns.length === 0) {
        p.push("operatorRole.autoScalingGroupArns: at least one Auto Scaling group");
    }
    for (const arn of op.autoScalingGroupArns) {
        if (typeof arn === "string" && !AUTOSCALING_GROUP_ARN.test(arn)) {
            p.push(`operatorRole.autoScalingGroupArns: "${arn}" is not an Auto Scaling group ARN (arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<id>:autoScalingGroupName/<name>)`);
        }
    }
    if (op.alarmNamePrefix.length === 0 || op.alarmNamePrefix.length > 255 || /[*?$]/.test(op.alarmNamePrefix)) {
        p.push(`operatorRole.alarmNamePrefix "${op.alarmNamePrefix}": must be 1 to 255 characters without * ? or $ (an empty prefix would cover every alarm)`);
    }
    p.push(...githubTargetProblems(args.deployRole));
    if (args.deployRole.existingOidcProviderArn !== undefined) p.push(...oidcProviderArnProblems(args.deployRole.existingOidcProviderArn));
    if (Array.isArray(args.deployRole.serviceRoles)) p.push(...serviceRoleProblems(args.namePrefix ?? name, args.deployRole.serviceRoles));
    for (const m of args.deployRole.attachableAwsManagedPolicies ?? []) {
        if (!/^service-role\/[A-Za-z0-9+=,.@_-]+$/.test(m)) p.push(`deployRole.attachableAwsManagedPolicies: "${m}" must be an AWS managed service-role policy (service-role/<name>): the deploy role never attaches broader ones`);
    }
    if (args.stateBackend !== undefined) p.push(...stateBackendProblems(args.stateBackend));
    if (args.secretsKmsKeyArn !== undefined && !KMS_KEY_ARN.test(args.secretsKmsKeyArn)) {
        p.push(`secretsKmsKeyArn "${args.secretsKmsKeyArn}": must be a KMS key ARN, arn:<partition>:kms:<region>:<account>:key/<key id> (an alias ARN is not accepted: IAM matches the key's ARN)`);
    }
    if (args.userStoreClient !== undefined) p.push(...userStoreClientProblems(args.namePrefix ?? name, args.userStoreClient));
    if (args.managePasswordPolicy ?? true) p.push(...passwordPolicyProblems(args.passwordPolicy));
    if (args.accountId !== undefined && !/^\d{12}$/.test(args.accountId)) p.push(`accountId "${args.accountId}": must be 12 digits`);
    if (args.partition !== undefined && !/^aws(-[a-z]+)*$/.test(args.partition)) p.push(`partition "${args.partition}": must be an AWS partition such as aws, aws-cn, aws-us-gov`);
    if (args.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(args.region)) p.push(`region "${args.region}": must be a region name such as ap-northeast-2`);
    return p;
}
