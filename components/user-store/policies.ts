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
            Sid: "UserStoreItems",
            Effect: "Allow",
            Action: [...USER_STORE_ITEM_ACTIONS],
            Resource: tableArns,
        },
        {
            Sid: "UserStoreKeyThroughDynamoDB",
            Effect: "Allow",
            Action: [...USER_STORE_KEY_USE_ACTIONS],
            Resource: [`arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/*`],
            Condition: {
                StringEquals: { "kms:ViaService": `dynamodb.${ctx.region}.amazonaws.com` },
                StringLike: { "kms:EncryptionContext:aws:dynamodb:tableName": [...scope.tableNamePatterns] },
            },
        },
        {
            Sid: "UserStoreParameters",
            Effect: "Allow",
            Action: [...USER_STORE_PARAMETER_ACTIONS],
            Resource: [`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${scope.parameterPath}/*`],
        },
    );
}
