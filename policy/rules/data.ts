/**
 * The user store's data (issue 23): DynamoDB tables encrypted with a key of their own
 * (rule 15), protected from deletion and recoverable to a point in time (rule 16), readable
 * only through the VPC endpoint and over TLS (rule 17), and interface endpoints that carry
 * a security group (rule 18).
 */
import { statementsOf, Statement } from "./iam";
import { at, bool, isUnknown, list, ofTypes, PolicyInput, referenceOf, refersTo, ResourceRule, show, StackRule, StackViolation, T, text } from "./model";

function isAwsManagedDynamoKey(value: string): boolean {
    return /(^|:)alias\/aws\/dynamodb$/.test(value);
}

// ------------------------------------------------------------ 15. a table's own key

export const dynamoTableCustomerKey: ResourceRule = {
    name: "dynamodb-table-customer-key",
    description:
        "DynamoDB tables are encrypted with a customer managed KMS key (serverSideEncryption.enabled with a kmsKeyArn): " +
        "its key policy, not AWS's, decides who may read the users' data, and using it is logged per table.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.dynamoTable],
    validate(r, ctx) {
        const enabled = bool(at(r.props, "serverSideEncryption.enabled"));
        const key = text(at(r.props, "serverSideEncryption.kmsKeyArn"));
        if (isUnknown(enabled)) {
            ctx.cannotTell?.(r.urn, "serverSideEncryption.enabled is unknown");
            return [];
        }
        if (enabled !== true) {
            return [`DynamoDB table ${r.name}: serverSideEncryption.enabled is ${show(at(r.props, "serverSideEncryption.enabled"))}, so it is encrypted with a key AWS owns; enable it with the table's own customer managed KMS key (kmsKeyArn)`];
        }
        if (isUnknown(key)) {
            if ((r.propertyDependencies.serverSideEncryption ?? []).length === 0) ctx.cannotTell?.(r.urn, "serverSideEncryption.kmsKeyArn is unknown");
            return [];
        }
        if (key === undefined) return [`DynamoDB table ${r.name}: serverSideEncryption has no kmsKeyArn, so DynamoDB uses the AWS managed key alias/aws/dynamodb; give it a customer managed KMS key`];
        if (isAwsManagedDynamoKey(key)) return [`DynamoDB table ${r.name}: kmsKeyArn ${key} is the AWS managed key; use a customer managed KMS key`];
        return [];
    },
};

// ------------------------------------------------------- 16. deletion protection and PITR

export const dynamoTableRecoverable: ResourceRule = {
    name: "dynamodb-table-deletion-protection-pitr",
    description:
        "DynamoDB tables have deletionProtectionEnabled (no API call or deploy deletes them) and point-in-time recovery " +
        "(pointInTimeRecovery.enabled): the users' accounts can be restored to any second of the recovery window.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.dynamoTable],
    validate(r, ctx) {
        const out: string[] = [];
        const protectedFromDeletion = bool(r.props.deletionProtectionEnabled);
        if (isUnknown(protectedFromDeletion)) ctx.cannotTell?.(r.urn, "deletionProtectionEnabled is unknown");
        else if (protectedFromDeletion !== true) out.push(`DynamoDB table ${r.name}: deletionProtectionEnabled is ${show(r.props.deletionProtectionEnabled)}; set it to true so no deploy or API call can delete the table`);
        const pitr = bool(at(r.props, "pointInTimeRecovery.enabled"));
        if (isUnknown(pitr)) ctx.cannotTell?.(r.urn, "pointInTimeRecovery.enabled is unknown");
        else if (pitr !== true) out.push(`DynamoDB table ${r.name}: point-in-time recovery is off (pointInTimeRecovery.enabled ${show(at(r.props, "pointInTimeRecovery.enabled"))}); enable it`);
        return out;
    },
};

// ------------------------------------------------- 17. only through the endpoint, over TLS

/** The item actions a Deny must cover to keep the data private. */
export const DATA_PLANE_ACTIONS: readonly string[] = [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
];

function wildcard(pattern: string, action: string): boolean {
    const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${source}$`, "i").test(action);
}

function covers(s: Statement, action: string): boolean {
    if (s.notAction !== undefined) return !s.notAction.some((p) => wildcard(p, action));
    return s.action.some((p) => wildcard(p, action));
}

/** A condition value that is exactly the string (or boolean) `false`. */
function isFalse(v: unknown): boolean {
    return v === false || v === "false" || (Array.isArray(v) && v.length === 1 && String(v[0]) === "false");
}

function conditionEntries(s: Statement, operators: string[], key: string): unknown[] {
    return Object.entries(s.condition)
        .filter(([op]) => operators.includes(op.toLowerCase()))
        .flatMap(([, keys]) => Object.entries(keys ?? {}).filter(([k]) => k.toLowerCase() === key.toLowerCase()).map(([, v]) => v));
}

/** Principals of each statement, in the order {@link statementsOf} returns them. */
function principalsOf(document: unknown): unknown[] {
    let doc: unknown = document;
    if (typeof doc === "string") {
        try {
            doc = JSON.parse(doc);
        } catch {
            return [];
        }
    }
    const raw = (doc as { Statement?: unknown } | undefined)?.Statement;
    const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
    return statements.filter((s) => s && typeof s === "object").map((s) => (s as { Principal?: unknown }).Principal);
}

function everyone(principal: unknown): boolean {
    if (principal === "*") return true;
    const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
    return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** What a resource policy document lacks to keep the table private; [] when nothing. */
export function privacyProblems(document: unknown): string[] {
    const statements = statementsOf(document);
    if (statements === undefined || isUnknown(statements)) return ["its policy is not a JSON policy document (or not known yet)"];
    const principals = principalsOf(document);
    const denies = statements.map((s, i) => ({ s, principal: principals[i] })).filter(({ s, principal }) => s.effect === "Deny" && everyone(principal));
    const coversData = (s: Statement) => DATA_PLANE_ACTIONS.every((a) => covers(s, a));
    const out: string[] = [];
    const viaEndpoint = denies.some(({ s }) => coversData(s) && conditionEntries(s, ["stringnotequals", "stringnotequalsifexists"], "aws:SourceVpce").some((v) => typeof v === "string" || (Array.isArray(v) && v.length > 0)));
    if (!viaEndpoint) {
        out.push(`no Deny to everyone ("Principal": "*") of the item actions (${DATA_PLANE_ACTIONS.map((a) => a.slice("dynamodb:".length)).join(", ")}) with StringNotEquals on aws:SourceVpce, so requests that do not come through the VPC endpoint are not refused`);
    }
    const tlsOnly = denies.some(({ s }) => coversData(s) && conditionEntries(s, ["bool", "boolifexists"], "aws:SecureTransport").some(isFalse));
    if (!tlsOnly) out.push(`no Deny to everyone of the item actions with Bool aws:SecureTransport "false", so requests without TLS are not refused`);
    return out;
}

export const dynamoTablePrivate: StackRule = {
    name: "dynamodb-table-private",
    description:
        "Every DynamoDB table has a resource policy (aws.dynamodb.ResourcePolicy) that denies its item actions to anyone not coming " +
        "through the VPC endpoint (StringNotEquals aws:SourceVpce) and to any request without TLS (aws:SecureTransport false): " +
        "valid credentials alone, from anywhere, are not enough to read the users.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const policies = ofTypes(resources, T.dynamoResourcePolicy);
        const untraced = policies.filter((p) => referenceOf(p, "resourceArn").unknown);
        for (const p of untraced) ctx.cannotTell?.(p.urn, `resource policy ${p.name}: its table is unknown`);
        for (const table of ofTypes(resources, T.dynamoTable)) {
            const mine = policies.filter((p) => refersTo(referenceOf(p, "resourceArn"), table));
            // A policy whose table is unknown (a preview) may be this table's: not a violation.
            if (mine.length === 0 && untraced.length > 0) continue;
            if (mine.length === 0) {
                out.push({ urn: table.urn, message: `DynamoDB table ${table.name}: no resource policy names it, so anyone with IAM permissions reaches it from anywhere; declare an aws.dynamodb.ResourcePolicy that denies access not through the VPC endpoint and without TLS` });
                continue;
            }
            for (const p of mine) {
                if (isUnknown(statementsOf(p.props.policy))) {
                    ctx.cannotTell?.(p.urn, `resource policy ${p.name}: its document is unknown`);
                    continue;
                }
                for (const problem of privacyProblems(p.props.policy)) out.push({ urn: p.urn, message: `resource policy ${p.name} of DynamoDB table ${table.name}: ${problem}` });
            }
        }
        return out;
    },
};

// --------------------------------------------------- 18. interface endpoints' security group

export const interfaceEndpointSecurityGroup: ResourceRule = {
    name: "vpc-interface-endpoint-security-group",
    description:
        "Interface VPC endpoints name their own security groups (securityGroupIds) and subnets: without a group AWS attaches the VPC's " +
        "default security group, which admits every instance that has it. (Whether the subnets are private cannot be read here: " +
        "the VPC's subnets and routes are inside the awsx component, not declared resources.)",
    enforcementLevel: "mandatory",
    resourceTypes: [T.vpcEndpoint],
    validate(r: PolicyInput, ctx) {
        const type = text(r.props.vpcEndpointType);
        if (isUnknown(type)) {
            ctx.cannotTell?.(r.urn, "vpcEndpointType is unknown");
            return [];
        }
        // AWS's default type is Gateway, which has neither subnets nor security groups.
        if (type !== "Interface") return [];
        const out: string[] = [];
        const groups = list(r.props.securityGroupIds);
        if (isUnknown(groups)) {
            if ((r.propertyDependencies.securityGroupIds ?? []).length === 0) ctx.cannotTell?.(r.urn, "securityGroupIds is unknown");
        } else if (groups.length === 0) out.push(`interface endpoint ${r.name}: no securityGroupIds, so AWS attaches the VPC's default security group; give it its own group admitting 443 only from its clients`);
        const subnets = list(r.props.subnetIds);
        if (isUnknown(subnets)) {
            if ((r.propertyDependencies.subnetIds ?? []).length === 0) ctx.cannotTell?.(r.urn, "subnetIds is unknown");
        } else if (subnets.length === 0) out.push(`interface endpoint ${r.name}: no subnetIds; place it in the private subnets, one per zone`);
        return out;
    },
};

export const DATA_RULES = [dynamoTableCustomerKey, dynamoTableRecoverable, dynamoTablePrivate, interfaceEndpointSecurityGroup];
