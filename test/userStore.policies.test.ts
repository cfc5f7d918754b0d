/**
 * The UserStore's IAM documents, evaluated with the offline IAM simulator (allowed AND
 * denied): the client policy AccessControl gives the web instance role and the on-premise
 * servers' SSM role, the table's resource policy (only through the endpoint, only over
 * TLS, never in the way of AWS Backup, PITR restores or the deploy role), and the key
 * policy.
 */
import { expect } from "chai";
import { USER_STORE_ITEM_ACTIONS, userStoreClientPolicy, userStoreClientScope } from "@kgsports/user-store/pure";
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
        const got = await decide(standIn(policies), { principal, action: c.action, resource: c.resource, context: standIn(c.context) }, { resourcePolicy: standIn(extra.resourcePolicy) });
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
