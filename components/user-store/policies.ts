/**
 * The store's IAM documents, built by typed pure functions from plain values (the
 * component resolves ARNs, the account and the region first, then emits them with
 * JSON.stringify):
 * - {@link userStoreClientPolicy}: what a client role (the web instances', the on-premise
 *   servers' SSM role) is given: AccessControl attaches it before the store exists;
 * - {@link userStoreTablePolicy}: the table's resource policy (only through the endpoint,
 *   only over TLS);
 * - {@link userStoreKeyPolicy}: the table key's policy (the account keeps control, named
 *   roles administer, DynamoDB uses it for principals of the account).
 *
 * Conventions (as in the other components): Action and Resource are arrays; condition
 * values are strings; every statement has a Sid of letters and digits.
 */
import type { UserStoreClientScope } from "./naming";

export type PolicyEffect = "Allow" | "Deny";
export type ConditionOperator = "Bool" | "StringEquals" | "StringNotEquals" | "StringLike" | "ArnNotEquals" | "ArnNotLike";
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

/** Where the documents apply (from `aws.getPartitionOutput`, `getCallerIdentityOutput`, `getRegionOutput`). */
export interface UserStoreAccountContext {
    partition: string;
    accountId: string;
    region: string;
}

function document(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

// ---------------------------------------------------------------- the clients

/**
 * The item actions a client is given: read, write, delete and condition-check items, and
 * nothing else. No `Scan` (a client looks users up by key; a scan of the whole table in
 * the rush would eat the warm throughput), no `PartiQL*`, no table-level action
 * (DescribeTable, UpdateTable, DeleteTable...), no export or restore.
 */
export const USER_STORE_ITEM_ACTIONS: readonly string[] = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
];

/** What a client does with the table's key, and only through DynamoDB (DynamoDB's own calls to KMS for the client). */
export const USER_STORE_KEY_USE_ACTIONS: readonly string[] = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"];

/** What a client reads at boot: the table's name and the endpoint's URL. */
export const USER_STORE_PARAMETER_ACTIONS: readonly string[] = ["ssm:GetParameter", "ssm:GetParameters"];

/**
 * The IAM policy a client role gets (AccessControl's web instance role, the on-premise
 * servers' SSM role), written from the scope alone, so it exists before the store does:
 * - the item actions on each table of the scope and its indexes;
 * - the key's use through DynamoDB in this region, for those tables only
 *   (`kms:ViaService` and the `aws:dynamodb:tableName` encryption context DynamoDB sets).
 *   The key's ARN is not known before the store exists, so the Resource is every key of
 *   the account in the region, narrowed by the two conditions;
 * - `ssm:GetParameter(s)` under the scope's parameter path.
 */
export function userStoreClientPolicy(ctx: UserStoreAccountContext, scope: UserStoreClientScope): PolicyDocument {
    const tableArns = scope.tableNamePatterns.flatMap((pattern) => {
        const table = `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.accountId}:table/${pattern}`;
        return [table, `${table}/index/*`];
    });
    return document(
        {
            Sid: "ReadAndWriteUserStoreItems",
            Effect: "Allow",
            Action: [...USER_STORE_ITEM_ACTIONS],
            Resource: tableArns,
        },
        {
            Sid: "UseUserStoreKeyThroughDynamoDb",
            Effect: "Allow",
            Action: [...USER_STORE_KEY_USE_ACTIONS],
            Resource: [`arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/*`],
            Condition: {
                StringEquals: { "kms:ViaService": `dynamodb.${ctx.region}.amazonaws.com` },
                StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": [...scope.tableNamePatterns] },
            },
        },
        {
            Sid: "ReadUserStoreParameters",
            Effect: "Allow",
            Action: [...USER_STORE_PARAMETER_ACTIONS],
            Resource: [`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${scope.parameterPath}/*`],
        },
    );
}

// ---------------------------------------------------------------- the table's resource policy

/**
 * The data-plane actions the table policy allows only through the store's endpoint:
 * every item read and write, Scan, PartiQL, and the transactions' own actions. Not in the
 * list, so never blocked by it: the control plane the deploy role and monitoring use
 * (DescribeTable, UpdateTable, DescribeContinuousBackups, ListTagsOfResource,
 * Get/PutResourcePolicy...), AWS Backup's (StartAwsBackupJob, CreateBackup,
 * DescribeBackup) and point-in-time restore's (RestoreTableToPointInTime reads the
 * source through DynamoDB itself, and writes into the new table, which this policy
 * does not cover).
 */
export const USER_STORE_DATA_PLANE_ACTIONS: readonly string[] = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:PartiQLSelect",
    "dynamodb:PartiQLInsert",
    "dynamodb:PartiQLUpdate",
    "dynamodb:PartiQLDelete",
];

export interface UserStoreTablePolicyInput {
    /** The table the policy is attached to (the live table, or a restored one). */
    tableArn: string;
    /** The store's interface endpoint (`vpce-...`): the only way in for the data plane. */
    endpointId: string;
    /** Principals the endpoint rule does not apply to (break-glass administrators). Default: none. */
    exemptPrincipalArns?: string[];
}

/**
 * The table's resource policy: two Denies and no Allow (access is granted by IAM
 * policies: the clients', AWS Backup's, the deploy role's).
 * - The data-plane actions on the table and its indexes are denied unless the request
 *   comes through the endpoint (`aws:SourceVpce`; a request from elsewhere has no such key,
 *   and StringNotEquals then denies it), except for the exempt principals.
 * - Any DynamoDB action over plain HTTP is denied. `Bool aws:SecureTransport false` denies
 *   only a request that carries the key as false; calls AWS services make on the caller's
 *   behalf do not carry it as false, so AWS Backup and PITR restores are never refused.
 */
export function userStoreTablePolicy(input: UserStoreTablePolicyInput): PolicyDocument {
    const resources = [input.tableArn, `${input.tableArn}/index/*`];
    const exempt = input.exemptPrincipalArns ?? [];
    return document(
        {
            Sid: "DataPlaneOnlyThroughTheEndpoint",
            Effect: "Deny",
            Principal: "*",
            Action: [...USER_STORE_DATA_PLANE_ACTIONS],
            Resource: resources,
            Condition: {
                StringNotEquals: { "aws:SourceVpce": input.endpointId },
                ...(exempt.length > 0 ? { ArnNotEquals: { "aws:PrincipalArn": [...exempt] } } : {}),
            },
        },
        {
            Sid: "OnlyOverTls",
            Effect: "Deny",
            Principal: "*",
            Action: ["dynamodb:*"],
            Resource: resources,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
    );
}

// ---------------------------------------------------------------- the table's key

/**
 * What a key administrator may do: AWS's default key policy's administrator actions
 * (manage, rotate, schedule deletion), and none of the cryptographic ones (as
 * BackupPolicy's vault keys).
 */
export const USER_STORE_KEY_ADMIN_ACTIONS: readonly string[] = [
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

/** What DynamoDB does with the key for a caller of the account (the AWS managed `aws/dynamodb` key's set). */
export const USER_STORE_KEY_CRYPTO_ACTIONS: readonly string[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"];

export interface UserStoreKeyScope {
    /** Table-name patterns whose encryption context may use the key (`<prefix>-users`, `<prefix>-users-restore-*`). */
    tableNamePatterns: string[];
    /** Roles that administer the key, e.g. the CI deploy role. Default: none. */
    keyAdministratorRoleArns?: string[];
}

/**
 * The table key's policy:
 * - the account administers it through IAM (the root statement: without it a key can
 *   become unmanageable, and with it the IAM policies of the clients and of AWS Backup's
 *   role decide who uses it);
 * - the named roles administer it, without using it;
 * - principals of this account use it through DynamoDB in this region only
 *   (`kms:ViaService`, `kms:CallerAccount`), for the store's tables (DynamoDB puts the
 *   table's name in the encryption context of every call), and DynamoDB may create the
 *   grants it keeps for the table (`kms:GrantIsForAWSResource`);
 * - DynamoDB itself may describe the key (as AWS documents for a customer managed key).
 */
export function userStoreKeyPolicy(ctx: UserStoreAccountContext, scope: UserStoreKeyScope): PolicyDocument {
    const viaDynamoDB = { "kms:CallerAccount": ctx.accountId, "kms:ViaService": `dynamodb.${ctx.region}.amazonaws.com` };
    const admins = scope.keyAdministratorRoleArns ?? [];
    return document(
        {
            Sid: "AccountAdministersTheKey",
            Effect: "Allow",
            Principal: { AWS: [`arn:${ctx.partition}:iam::${ctx.accountId}:root`] },
            Action: ["kms:*"],
            Resource: ["*"],
        },
        ...(admins.length > 0
            ? [{
                Sid: "NamedRolesAdministerTheKey",
                Effect: "Allow" as const,
                Principal: { AWS: [...admins] },
                Action: [...USER_STORE_KEY_ADMIN_ACTIONS],
                Resource: ["*"],
            }]
            : []),
        {
            Sid: "AccountUsesTheKeyThroughDynamoDB",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: [...USER_STORE_KEY_CRYPTO_ACTIONS],
            Resource: ["*"],
            Condition: { StringEquals: viaDynamoDB, StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": [...scope.tableNamePatterns] } },
        },
        {
            Sid: "AccountDescribesTheKeyThroughDynamoDB",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: ["kms:DescribeKey"],
            Resource: ["*"],
            Condition: { StringEquals: viaDynamoDB },
        },
        {
            Sid: "DynamoDBCreatesGrantsForTheTable",
            Effect: "Allow",
            Principal: { AWS: ["*"] },
            Action: ["kms:CreateGrant"],
            Resource: ["*"],
            Condition: { StringEquals: viaDynamoDB, Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        {
            Sid: "DynamoDBDescribesTheKey",
            Effect: "Allow",
            Principal: { Service: ["dynamodb.amazonaws.com"] },
            Action: ["kms:Describe*", "kms:Get*", "kms:List*"],
            Resource: ["*"],
        },
    );
}
