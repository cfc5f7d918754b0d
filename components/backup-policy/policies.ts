/**
 * The component's IAM documents (the vaults' key policies, the service roles' trust
 * policies), the AWS managed policies its roles use, and its event patterns and
 * notification events, built by typed pure functions and emitted with JSON.stringify.
 *
 * Conventions (as in the other components): Action and Resource are arrays; condition
 * values are strings; every statement has a Sid of letters and digits.
 */

export type PolicyEffect = "Allow" | "Deny";
export type ConditionOperator = "Bool" | "StringEquals" | "StringLike" | "ArnLike";
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, string | string[]>>>;
export type PolicyPrincipal = "*" | { AWS: string[] } | { Service: string[] };

export interface PolicyStatement {
    Sid: string;
    Effect: PolicyEffect;
    Principal?: PolicyPrincipal;
    Action: string[];
    Resource?: string[];
    Condition?: PolicyCondition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

export function document(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** Where the documents apply (from `aws.getPartitionOutput` and `getCallerIdentityOutput`). */
export interface AccountContext {
    partition: string;
    accountId: string;
}

export function accountRootArn(ctx: AccountContext): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
}

export function roleArn(ctx: AccountContext, roleName: string): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:role/${roleName}`;
}

// ---------------------------------------------------------------- physical names

/** Every physical name, `<prefix>-...` (vault names: 2 to 50 of letters, digits, `-`, `_`). */
export function backupPolicyNames(prefix: string) {
    return {
        vault: `${prefix}-backup`,
        copyVault: `${prefix}-backup-copy`,
        keyAlias: `alias/${prefix}-backup`,
        copyKeyAlias: `alias/${prefix}-backup-copy`,
        plan: `${prefix}-backup`,
        selection: `${prefix}-tagged`,
        backupRole: `${prefix}-backup`,
        dlmRole: `${prefix}-dlm`,
        goldenImage: `${prefix}-golden-image`,
        backupJobFailedRule: `${prefix}-backup-job-failed`,
        goldenImageFailedRule: `${prefix}-golden-image-failed`,
    };
}

// ---------------------------------------------------------------- the vaults' keys

/**
 * What a key administrator may do: AWS's default key policy's administrator actions
 * (manage, rotate, schedule deletion), and none of the cryptographic ones.
 */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
    "kms:Create*",
    "kms:Describe*",
    "kms:Enable*",
    "kms:List*",
    "kms:Put*",
    "kms:Update*",
    "kms:Revoke*",
    "kms:Disable*",
    "kms:Get*",
    "kms:Delete*",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:ScheduleKeyDeletion",
    "kms:CancelKeyDeletion",
    "kms:RotateKeyOnDemand",
];

/** What principals of the account may do with the key through AWS Backup (the AWS managed `aws/backup` key's set). */
export const KEY_BACKUP_USE_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

export interface VaultKeyScope {
    /** Region of the key and its vault: AWS Backup calls KMS as `backup.<region>.amazonaws.com`. */
    region: string;
    /** ARNs of the roles that administer the key through its policy, e.g. the CI deploy role. Default: none. */
    administratorRoleArns?: string[];
}

/**
 * A vault key's policy:
 * - the account administers it through IAM (the root statement; without it a key can
 *   become unmanageable, and it lets the AWS managed backup role's KMS permissions work);
 * - the named roles administer it, without using it to encrypt or decrypt;
 * - any principal of this account may use it **through AWS Backup in the key's region
 *   only** (`kms:ViaService` and `kms:CallerAccount`), and AWS Backup may create grants
 *   on it for its own resources (`kms:GrantIsForAWSResource`), as AWS's own `aws/backup`
 *   key allows. Nobody outside the account, and nobody directly.
 */
export function vaultKeyPolicy(ctx: AccountContext, scope: VaultKeyScope): PolicyDocument {
    const viaBackup = { "kms:CallerAccount": ctx.accountId, "kms:ViaService": `backup.${scope.region}.amazonaws.com` };
    const admins = scope.administratorRoleArns ?? [];
    return document(
        {
            Sid: "AccountAdministersTheKey",
            Effect: "Allow",
            Principal: { AWS: [accountRootArn(ctx)] },
            Action: ["kms:*"],
            Resource: ["*"],
        },
        ...(admins.length > 0
            ? [{
                Sid: "NamedRolesAdministerTheKey",
                Effect: "Allow" as const,
                Principal: { AWS: [...admins] },
                Action: [...KEY_ADMIN_ACTIONS],
                Resource: ["*"],
            }]
            : []),
        {
            Sid: "AccountUsesTheKeyThroughBackup",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: [...KEY_BACKUP_USE_ACTIONS],
            Resource: ["*"],
            Condition: { StringEquals: viaBackup },
        },
        {
            Sid: "BackupCreatesGrantsForItsResources",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: ["kms:CreateGrant"],
            Resource: ["*"],
            Condition: { StringEquals: viaBackup, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
    );
}

// ---------------------------------------------------------------- service roles

/** A service may assume the role. AWS documents no source condition for these trusts (as for AWS's default backup and DLM roles). */
export function serviceTrustPolicy(service: "backup.amazonaws.com" | "dlm.amazonaws.com"): PolicyDocument {
    return document({
        Sid: service === "backup.amazonaws.com" ? "BackupAssumesTheRole" : "DlmAssumesTheRole",
        Effect: "Allow",
        Principal: { Service: [service] },
        Action: ["sts:AssumeRole"],
    });
}

/**
 * The AWS managed policies the roles use: AWS Backup's for backups and restores (what
 * every supported resource type needs, maintained by AWS as types are added), and DLM's
 * for AMIs (create, tag, deregister images and their snapshots).
 */
export function managedPolicyArns(partition: string) {
    return {
        backup: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup`,
        restores: `arn:${partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores`,
        dlmImages: `arn:${partition}:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement`,
    };
}

// ---------------------------------------------------------------- notifications

/**
 * Vault events sent to the topic. AWS Backup still accepts BACKUP_JOB_FAILED and
 * BACKUP_JOB_EXPIRED but no longer sends them (deprecated in the API reference), so
 * failed and expired backup jobs come through an EventBridge rule instead.
 */
export const VAULT_NOTIFICATION_EVENTS: readonly string[] = ["COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED"];

/** Events the API reference lists as deprecated: accepted, never sent. */
export const DEPRECATED_VAULT_EVENTS: readonly string[] = [
    "BACKUP_JOB_SUCCESSFUL", "BACKUP_JOB_FAILED", "BACKUP_JOB_EXPIRED", "RESTORE_JOB_SUCCESSFUL", "RESTORE_JOB_FAILED", "BACKUP_PLAN_CREATED", "BACKUP_PLAN_MODIFIED",
];

/** Backup job states that mean no recovery point (or only part of one). */
export const FAILED_BACKUP_JOB_STATES: readonly string[] = ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"];

/** EventBridge pattern: a backup job of this account and region that failed, was aborted, expired or is partial. */
export function backupJobFailedPattern(): object {
    return {
        source: ["aws.backup"],
        "detail-type": ["Backup Job State Change"],
        detail: { state: [...FAILED_BACKUP_JOB_STATES] },
    };
}

/** EventBridge pattern: the golden-image policy went into its error state (AMI policies emit no other event). */
export function goldenImageFailedPattern(policyArn: string): object {
    return {
        source: ["aws.dlm"],
        "detail-type": ["DLM Policy State Change"],
        resources: [policyArn],
        detail: { state: ["ERROR"] },
    };
}
