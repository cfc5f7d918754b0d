/**
 * The UserStore's IAM documents, evaluated with the offline IAM simulator (allowed AND
 * denied): the client policy AccessControl gives the web instance role and the on-premise
 * servers' SSM role, the table's resource policy (only through the endpoint, only over
 * TLS, never in the way of AWS Backup, PITR restores or the deploy role), and the key
 * policy.
 */
import { expect } from "chai";
import { USER_STORE_DATA_PLANE_ACTIONS, USER_STORE_ITEM_ACTIONS, userStoreClientPolicy, userStoreClientScope, userStoreKeyPolicy, userStoreTablePolicy } from "@kgsports/user-store/pure";
import { decide, Decision } from "./helpers/iamSimulator";

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";
const CTX = { partition: "aws", accountId: ACCOUNT, region: REGION };
const PREFIX = "kgsports-matchday";
const table = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
const KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const WEB_ROLE = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-web`;
/** A key policy that lets the account's IAM policies decide (as the store's key policy's root statement does). */
const ROOT_KEY_POLICY = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };

interface Case {
    action: string;
    resource: string;
    context?: Record<string, string | string[]>;
    expected: Decision;
}

/**
 * The simulator ignores `kms:EncryptionContext:<key>` when `<key>` holds colons (it
 * matches a variable key only up to a `/`, so `aws:dynamodb:tableName` is dropped from the
 * request and every condition on it fails as missing). The documents and the requests
 * are therefore evaluated with that one key renamed to a variable key the simulator does
 * read for KMS, `aws:ResourceTag/<key>`: the same string operators, the same values, the
 * same "missing" behaviour.
 */
const ENCRYPTION_CONTEXT_KEY = "kms:EncryptionContext:aws:dynamodb:tableName";
const STAND_IN_KEY = "aws:ResourceTag/dynamodbTableName";
function standIn<T>(value: T): T {
    return value === undefined ? value : JSON.parse(JSON.stringify(value).split(ENCRYPTION_CONTEXT_KEY).join(STAND_IN_KEY)) as T;
}

async function expectDecisions(policies: object[], principal: string, cases: Case[], extra: { resourcePolicy?: object } = {}): Promise<void> {
    const wrong: string[] = [];
    for (const c of cases) {
        // AWS puts aws:PrincipalArn in every request's context; the simulator only reads what it is given.
        const context = standIn({ "aws:PrincipalArn": principal, ...(c.context ?? {}) });
        const got = await decide(standIn(policies), { principal, action: c.action, resource: c.resource, context }, { resourcePolicy: standIn(extra.resourcePolicy) });
        if (got !== c.expected) wrong.push(`${c.action} on ${c.resource} ${JSON.stringify(c.context ?? {})}: ${got}, expected ${c.expected}`);
    }
    expect(wrong).to.deep.equal([]);
}

describe("UserStore client policy (simulated)", () => {
    const policy = userStoreClientPolicy(CTX, userStoreClientScope(PREFIX));

    it("allows every item action on the live table, a restored table and their indexes", async () => {
        const resources = [table(`${PREFIX}-users`), table(`${PREFIX}-users/index/email`), table(`${PREFIX}-users-restore-r1`), table(`${PREFIX}-users-restore-r1/index/email`)];
        await expectDecisions([policy], WEB_ROLE, resources.flatMap((resource) => USER_STORE_ITEM_ACTIONS.map((action) => ({ action, resource, expected: "Allowed" as const }))));
    });

    it("denies Scan, PartiQL, table administration and any other table", async () => {
        await expectDecisions([policy], WEB_ROLE, [
            { action: "dynamodb:Scan", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:PartiQLSelect", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:DescribeTable", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:UpdateTable", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:DeleteTable", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:RestoreTableToPointInTime", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:ExportTableToPointInTime", resource: table(`${PREFIX}-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: table(`${PREFIX}-orders`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: table(`kgsports-dev-users`), expected: "ImplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/${PREFIX}-users`, expected: "ImplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:${REGION}:999999999999:table/${PREFIX}-users`, expected: "ImplicitlyDenied" },
        ]);
    });

    it("allows the key only through DynamoDB in the region, for the store's tables", async () => {
        const via = { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com` };
        await expectDecisions([policy], WEB_ROLE, [
            ...["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"].map((action) => ({ action, resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "Allowed" as const })),
            { action: "kms:Decrypt", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users-restore-r1` }, expected: "Allowed" },
            { action: "kms:Decrypt", resource: KEY, context: { "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": `s3.${REGION}.amazonaws.com`, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": "dynamodb.ap-northeast-1.amazonaws.com", "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-orders` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { ...via }, expected: "ImplicitlyDenied" },
            { action: "kms:CreateGrant", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "ImplicitlyDenied" },
            { action: "kms:ReEncryptFrom", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` }, expected: "ImplicitlyDenied" },
        ], { resourcePolicy: ROOT_KEY_POLICY });
    });

    it("allows reading the store's parameters only", async () => {
        const param = (p: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${p}`;
        await expectDecisions([policy], WEB_ROLE, [
            { action: "ssm:GetParameter", resource: param(`/${PREFIX}/user-store/table-name`), expected: "Allowed" },
            { action: "ssm:GetParameters", resource: param(`/${PREFIX}/user-store/endpoint-url`), expected: "Allowed" },
            { action: "ssm:GetParameter", resource: param(`/${PREFIX}/other/secret`), expected: "ImplicitlyDenied" },
            { action: "ssm:GetParametersByPath", resource: param(`/${PREFIX}/user-store`), expected: "ImplicitlyDenied" },
            { action: "ssm:PutParameter", resource: param(`/${PREFIX}/user-store/table-name`), expected: "ImplicitlyDenied" },
        ]);
    });
});

describe("UserStore table policy (simulated with the identity policies it meets)", () => {
    const TABLE = table(`${PREFIX}-users`);
    const ENDPOINT = "vpce-0a1b2c3d4e5f60718";
    const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/kgsports-break-glass`;
    const BACKUP_ROLE = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-backup`;
    const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-deploy`;
    const policy = userStoreTablePolicy({ tableArn: TABLE, endpointId: ENDPOINT, exemptPrincipalArns: [BREAK_GLASS] });
    const client = userStoreClientPolicy(CTX, userStoreClientScope(PREFIX));
    const viaEndpoint = { "aws:SourceVpce": ENDPOINT, "aws:SecureTransport": "true" };
    const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] };
    /** AWS Backup's managed policy's DynamoDB statements (AWSBackupServiceRolePolicyForBackup, as modelled in test/backupPolicy.boundary.test.ts). */
    const backupRolePolicy = {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:CreateBackup", "dynamodb:StartAwsBackupJob", "dynamodb:ListTagsOfResource"], Resource: "arn:aws:dynamodb:*:*:table/*" },
        ],
    };

    it("a web instance through the endpoint over TLS is allowed every item action, on the table and its indexes", async () => {
        await expectDecisions([client], WEB_ROLE, [TABLE, `${TABLE}/index/email`].flatMap((resource) =>
            USER_STORE_ITEM_ACTIONS.map((action) => ({ action, resource, context: viaEndpoint, expected: "Allowed" as const }))), { resourcePolicy: policy });
    });

    it("the same requests without the endpoint, through another endpoint, or over plain HTTP are explicitly denied", async () => {
        await expectDecisions([client], WEB_ROLE, [
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
            { action: "dynamodb:PutItem", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
            { action: "dynamodb:Query", resource: `${TABLE}/index/email`, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SourceVpce": "vpce-0ffffffffffffffff", "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SourceVpce": ENDPOINT, "aws:SecureTransport": "false" }, expected: "ExplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("every data-plane action, Scan and PartiQL included, is denied from outside the endpoint even to an administrator", async () => {
        await expectDecisions([allowAll], DEPLOY_ROLE, USER_STORE_DATA_PLANE_ACTIONS.map((action) => ({ action, resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" as const })), { resourcePolicy: policy });
        await expectDecisions([allowAll], DEPLOY_ROLE, USER_STORE_DATA_PLANE_ACTIONS.map((action) => ({ action, resource: TABLE, context: viaEndpoint, expected: "Allowed" as const })), { resourcePolicy: policy });
    });

    it("the exempt principal reads from outside the endpoint over TLS, never over plain HTTP", async () => {
        await expectDecisions([allowAll], BREAK_GLASS, [
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SecureTransport": "false" }, expected: "ExplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("AWS Backup's role backs the table up, and nothing lets it read items", async () => {
        await expectDecisions([backupRolePolicy], BACKUP_ROLE, [
            { action: "dynamodb:StartAwsBackupJob", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
            { action: "dynamodb:CreateBackup", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
            { action: "dynamodb:DescribeTable", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "Allowed" },
            // A call AWS makes on the role's behalf may carry no aws:SecureTransport at all: not denied.
            { action: "dynamodb:StartAwsBackupJob", resource: TABLE, expected: "Allowed" },
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("the deploy role's control plane and a point-in-time restore are not blocked from outside the endpoint", async () => {
        const deploy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:UpdateTable", "dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups", "dynamodb:ListTagsOfResource", "dynamodb:TagResource", "dynamodb:GetResourcePolicy", "dynamodb:PutResourcePolicy", "dynamodb:RestoreTableToPointInTime", "dynamodb:DescribeTimeToLive"], Resource: `${TABLE}*` }] };
        const tls = { "aws:SecureTransport": "true" };
        await expectDecisions([deploy], DEPLOY_ROLE, [
            ...["dynamodb:DescribeTable", "dynamodb:UpdateTable", "dynamodb:DescribeContinuousBackups", "dynamodb:UpdateContinuousBackups", "dynamodb:ListTagsOfResource", "dynamodb:TagResource", "dynamodb:GetResourcePolicy", "dynamodb:PutResourcePolicy", "dynamodb:RestoreTableToPointInTime", "dynamodb:DescribeTimeToLive"]
                .map((action) => ({ action, resource: TABLE, context: tls, expected: "Allowed" as const })),
            { action: "dynamodb:DescribeTable", resource: TABLE, context: { "aws:SecureTransport": "false" }, expected: "ExplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("without exempt principals the endpoint rule has no principal exception", () => {
        const bare = userStoreTablePolicy({ tableArn: TABLE, endpointId: ENDPOINT });
        expect(bare.Statement[0].Condition).to.deep.equal({ StringNotEquals: { "aws:SourceVpce": ENDPOINT } });
    });

    it("an administrator without exemption is denied from outside the endpoint when none is exempt", async () => {
        const bare = userStoreTablePolicy({ tableArn: TABLE, endpointId: ENDPOINT });
        await expectDecisions([allowAll], BREAK_GLASS, [
            { action: "dynamodb:GetItem", resource: TABLE, context: { "aws:SecureTransport": "true" }, expected: "ExplicitlyDenied" },
        ], { resourcePolicy: bare });
    });
});

describe("UserStore key policy (simulated)", () => {
    const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-deploy`;
    const ADMIN = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-administrator`;
    const policy = userStoreKeyPolicy(CTX, { tableNamePatterns: userStoreClientScope(PREFIX).tableNamePatterns, keyAdministratorRoleArns: [DEPLOY_ROLE] });
    const via = { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com`, "kms:CallerAccount": ACCOUNT };
    const live = { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users` };

    it("the named role administers the key without using it", async () => {
        await expectDecisions([], DEPLOY_ROLE, [
            { action: "kms:ScheduleKeyDeletion", resource: KEY, expected: "Allowed" },
            { action: "kms:PutKeyPolicy", resource: KEY, expected: "Allowed" },
            { action: "kms:EnableKeyRotation", resource: KEY, expected: "Allowed" },
            { action: "kms:Decrypt", resource: KEY, expected: "ImplicitlyDenied" },
            { action: "kms:Encrypt", resource: KEY, expected: "ImplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("a principal of the account uses the key through DynamoDB in the region for the store's tables only", async () => {
        await expectDecisions([], WEB_ROLE, [
            { action: "kms:Decrypt", resource: KEY, context: live, expected: "Allowed" },
            { action: "kms:GenerateDataKey", resource: KEY, context: live, expected: "Allowed" },
            { action: "kms:Decrypt", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-users-restore-r1` }, expected: "Allowed" },
            { action: "kms:DescribeKey", resource: KEY, context: via, expected: "Allowed" },
            { action: "kms:CreateGrant", resource: KEY, context: { ...via, "kms:GrantIsForAWSResource": "true" }, expected: "Allowed" },
            { action: "kms:CreateGrant", resource: KEY, context: { ...via, "kms:GrantIsForAWSResource": "false" }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { ...via, "kms:EncryptionContext:aws:dynamodb:tableName": `${PREFIX}-orders` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { ...live, "kms:ViaService": `s3.${REGION}.amazonaws.com` }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, context: { ...live, "kms:ViaService": "dynamodb.ap-northeast-1.amazonaws.com" }, expected: "ImplicitlyDenied" },
            { action: "kms:Decrypt", resource: KEY, expected: "ImplicitlyDenied" },
            { action: "kms:ScheduleKeyDeletion", resource: KEY, expected: "ImplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("another account cannot use it, even through DynamoDB", async () => {
        await expectDecisions([], "arn:aws:iam::999999999999:role/someone", [
            { action: "kms:Decrypt", resource: KEY, context: { ...live, "kms:CallerAccount": "999999999999" }, expected: "ImplicitlyDenied" },
        ], { resourcePolicy: policy });
    });

    it("the account administers it through IAM (the root statement)", async () => {
        const iamAdmin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] };
        await expectDecisions([iamAdmin], ADMIN, [
            { action: "kms:ScheduleKeyDeletion", resource: KEY, expected: "Allowed" },
            { action: "kms:PutKeyPolicy", resource: KEY, expected: "Allowed" },
        ], { resourcePolicy: policy });
    });

    it("without named administrators there is no administrator statement", () => {
        const bare = userStoreKeyPolicy(CTX, { tableNamePatterns: [`${PREFIX}-users`] });
        expect(bare.Statement.map((s) => s.Sid)).to.not.include("NamedRolesAdministerTheKey");
    });
});
