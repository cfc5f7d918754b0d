/**
 * Rules 15 to 18 (issue 23, the user store): a DynamoDB table's own key, deletion
 * protection and point-in-time recovery, privacy through its resource policy (only through
 * the VPC endpoint, only over TLS), and interface endpoints with their own security group.
 * The shipped stacks do not compose the UserStore yet, so the resources are written here
 * as the UserStore declares them, then broken one field at a time.
 */
import { expect } from "chai";
import {
    DATA_PLANE_ACTIONS,
    dynamoTableCustomerKey,
    dynamoTablePrivate,
    dynamoTableRecoverable,
    interfaceEndpointSecurityGroup,
    PolicyInput,
    privacyProblems,
    RULES,
    StackContext,
    T,
    UNKNOWN,
} from "../policy/rules";
import { cannotTellOf, violationsOf } from "./helpers/policyPlan";

const CTX: StackContext = { stack: "matchday", project: "kgsports", now: new Date("2027-03-20T00:00:00Z") };
const URN = (type: string, name: string) => `urn:pulumi:matchday::kgsports::kgsports:data:UserStore$${type}::${name}`;
const KEY_ARN = "arn:aws:kms:ap-northeast-2:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666";
const TABLE_ARN = "arn:aws:dynamodb:ap-northeast-2:123456789012:table/kgsports-matchday-users";
const VPCE = "vpce-0a1b2c3d4e5f60718";

function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): PolicyInput {
    return { urn: URN(type, name), type, name, props, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies };
}

const key = resource(T.kmsKey, "users-key", { enableKeyRotation: true });

function table(props: Record<string, unknown> = {}): PolicyInput {
    return resource(T.dynamoTable, "users-table", {
        name: "kgsports-matchday-users",
        billingMode: "PAY_PER_REQUEST",
        serverSideEncryption: { enabled: true, kmsKeyArn: KEY_ARN },
        deletionProtectionEnabled: true,
        pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: 35 },
        ...props,
    }, { serverSideEncryption: [key.urn] });
}

/** The UserStore's table policy: item actions only through the endpoint, and only over TLS. */
function document(overrides: { vpce?: Record<string, unknown>; tls?: Record<string, unknown> } = {}) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OnlyThroughTheEndpoint",
                Effect: "Deny",
                Principal: "*",
                Action: ["dynamodb:*"],
                Resource: [TABLE_ARN, `${TABLE_ARN}/index/*`],
                Condition: { StringNotEquals: { "aws:SourceVpce": VPCE }, ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::123456789012:role/break-glass"] } },
                ...overrides.vpce,
            },
            { Sid: "OnlyOverTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "dynamodb:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } }, ...overrides.tls },
        ],
    };
}

function resourcePolicy(policy: unknown, on: PolicyInput = table()): PolicyInput {
    return resource(T.dynamoResourcePolicy, "users-table-policy", { resourceArn: UNKNOWN, policy }, { resourceArn: [on.urn] });
}

describe("policy rule 15: DynamoDB tables are encrypted with a customer managed key", () => {
    it("a table with its own key complies; one whose key comes from the stack's key is fine before the key exists", () => {
        expect(violationsOf(dynamoTableCustomerKey, [table()], CTX)).to.deep.equal([]);
        const preview = table({ serverSideEncryption: { enabled: true, kmsKeyArn: UNKNOWN } });
        expect(violationsOf(dynamoTableCustomerKey, [preview], CTX)).to.deep.equal([]);
        expect(cannotTellOf(dynamoTableCustomerKey, [preview], CTX)).to.deep.equal([]);
        expect(cannotTellOf(dynamoTableCustomerKey, [{ ...preview, propertyDependencies: {} }], CTX)).to.have.length(1).and.to.match(/kmsKeyArn is unknown/);
    });

    it("fires on encryption off or absent (AWS owned key), no kmsKeyArn (AWS managed key), or alias/aws/dynamodb", () => {
        expect(violationsOf(dynamoTableCustomerKey, [table({ serverSideEncryption: undefined })], CTX)).to.have.length(1).and.to.match(/serverSideEncryption\.enabled is absent, so it is encrypted with a key AWS owns/);
        expect(violationsOf(dynamoTableCustomerKey, [table({ serverSideEncryption: { enabled: false, kmsKeyArn: KEY_ARN } })], CTX)).to.have.length(1).and.to.match(/enabled is false/);
        expect(violationsOf(dynamoTableCustomerKey, [table({ serverSideEncryption: { enabled: true } })], CTX)).to.have.length(1).and.to.match(/no kmsKeyArn, so DynamoDB uses the AWS managed key/);
        expect(violationsOf(dynamoTableCustomerKey, [table({ serverSideEncryption: { enabled: true, kmsKeyArn: "arn:aws:kms:ap-northeast-2:123456789012:alias/aws/dynamodb" } })], CTX)).to.have.length(1).and.to.match(/is the AWS managed key/);
        expect(cannotTellOf(dynamoTableCustomerKey, [table({ serverSideEncryption: { enabled: UNKNOWN } })], CTX)).to.have.length(1);
    });
});

describe("policy rule 16: DynamoDB tables are deletion protected and recoverable to a point in time", () => {
    it("a protected table with point-in-time recovery complies (the provider's string booleans count)", () => {
        expect(violationsOf(dynamoTableRecoverable, [table()], CTX)).to.deep.equal([]);
        expect(violationsOf(dynamoTableRecoverable, [table({ deletionProtectionEnabled: "true", pointInTimeRecovery: { enabled: "true" } })], CTX)).to.deep.equal([]);
    });

    it("fires on deletion protection off or absent, and on point-in-time recovery off or absent, each on its own", () => {
        expect(violationsOf(dynamoTableRecoverable, [table({ deletionProtectionEnabled: false })], CTX)).to.have.length(1).and.to.match(/deletionProtectionEnabled is false/);
        expect(violationsOf(dynamoTableRecoverable, [table({ deletionProtectionEnabled: undefined })], CTX)).to.have.length(1).and.to.match(/deletionProtectionEnabled is absent/);
        expect(violationsOf(dynamoTableRecoverable, [table({ pointInTimeRecovery: { enabled: false } })], CTX)).to.have.length(1).and.to.match(/point-in-time recovery is off/);
        expect(violationsOf(dynamoTableRecoverable, [table({ pointInTimeRecovery: undefined })], CTX)).to.have.length(1).and.to.match(/point-in-time recovery is off/);
        expect(violationsOf(dynamoTableRecoverable, [table({ pointInTimeRecovery: undefined, deletionProtectionEnabled: false })], CTX)).to.have.length(2);
        expect(cannotTellOf(dynamoTableRecoverable, [table({ deletionProtectionEnabled: UNKNOWN })], CTX)).to.have.length(1);
    });
});

describe("policy rule 17: DynamoDB tables are reachable only through the VPC endpoint and over TLS", () => {
    it("a table with the UserStore's resource policy complies (a JSON string or an object; the break-glass exemption is allowed)", () => {
        const t = table();
        expect(violationsOf(dynamoTablePrivate, [key, t, resourcePolicy(JSON.stringify(document()), t)], CTX)).to.deep.equal([]);
        expect(violationsOf(dynamoTablePrivate, [key, t, resourcePolicy(document(), t)], CTX)).to.deep.equal([]);
        // Referred to by value (the table's ARN known) instead of a dependency.
        const byArn = { ...resourcePolicy(JSON.stringify(document()), t), props: { resourceArn: TABLE_ARN, policy: JSON.stringify(document()) }, propertyDependencies: {} };
        expect(violationsOf(dynamoTablePrivate, [{ ...t, props: { ...t.props, arn: TABLE_ARN } }, byArn], CTX)).to.deep.equal([]);
        // The item actions named one by one also cover the data.
        const listed = document({ vpce: { Action: DATA_PLANE_ACTIONS }, tls: { Action: DATA_PLANE_ACTIONS } });
        expect(privacyProblems(listed)).to.deep.equal([]);
        expect(privacyProblems(document({ vpce: { Condition: { StringNotEqualsIfExists: { "aws:sourcevpce": [VPCE] } } } }))).to.deep.equal([]);
    });

    it("fires on a table no resource policy names, and on another table's policy", () => {
        const t = table();
        expect(violationsOf(dynamoTablePrivate, [t], CTX)).to.have.length(1).and.to.match(/no resource policy names it/);
        const other = resource(T.dynamoTable, "other-table", {});
        expect(violationsOf(dynamoTablePrivate, [t, resourcePolicy(JSON.stringify(document()), other)], CTX)).to.have.length(1).and.to.match(/^users-table: DynamoDB table users-table: no resource policy/);
    });

    it("fires when the endpoint Deny is missing, allows instead of denying, names a principal, leaves item actions out, or uses another key", () => {
        const fire = (d: unknown) => {
            const t = table();
            return violationsOf(dynamoTablePrivate, [t, resourcePolicy(JSON.stringify(d), t)], CTX);
        };
        const endpoint = /no Deny to everyone \("Principal": "\*"\) of the item actions .* aws:SourceVpce/;
        const noVpce = document();
        noVpce.Statement.splice(0, 1);
        expect(fire(noVpce)).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Effect: "Allow" } }))).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Principal: { AWS: "arn:aws:iam::123456789012:role/x" } } }))).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Action: ["dynamodb:PutItem"] } }))).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Condition: { StringEquals: { "aws:SourceVpce": VPCE } } } }))).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } } }))).to.have.length(1).and.to.match(endpoint);
        // A NotAction that spares GetItem leaves reads open.
        expect(fire(document({ vpce: { Action: undefined, NotAction: ["dynamodb:GetItem"] } }))).to.have.length(1).and.to.match(endpoint);
        expect(fire(document({ vpce: { Action: undefined, NotAction: ["dynamodb:DescribeTable"] } }))).to.deep.equal([]);
    });

    it("fires when the TLS Deny is missing or tests true; a policy that is not JSON is refused", () => {
        const fire = (d: unknown) => {
            const t = table();
            return violationsOf(dynamoTablePrivate, [t, resourcePolicy(typeof d === "string" ? d : JSON.stringify(d), t)], CTX);
        };
        const tls = /no Deny to everyone of the item actions with Bool aws:SecureTransport "false"/;
        const noTls = document();
        noTls.Statement.splice(1, 1);
        expect(fire(noTls)).to.have.length(1).and.to.match(tls);
        expect(fire(document({ tls: { Condition: { Bool: { "aws:SecureTransport": "true" } } } }))).to.have.length(1).and.to.match(tls);
        expect(fire(document({ tls: { Condition: { Bool: { "aws:SecureTransport": false } } } }))).to.deep.equal([]);
        expect(fire("{not json")).to.have.length(1).and.to.match(/not a JSON policy document/);
    });

    it("in a preview, an unknown document or table is 'cannot tell', never a violation", () => {
        const t = table();
        expect(violationsOf(dynamoTablePrivate, [t, resourcePolicy(UNKNOWN, t)], CTX)).to.deep.equal([]);
        expect(cannotTellOf(dynamoTablePrivate, [t, resourcePolicy(UNKNOWN, t)], CTX)).to.have.length(1).and.to.match(/its document is unknown/);
        const untraced = { ...resourcePolicy(JSON.stringify(document()), t), propertyDependencies: {} };
        expect(cannotTellOf(dynamoTablePrivate, [t, untraced], CTX)).to.have.length(1).and.to.match(/its table is unknown/);
        expect(violationsOf(dynamoTablePrivate, [t, untraced], CTX)).to.deep.equal([]);
    });
});

describe("policy rule 18: interface VPC endpoints carry their own security group", () => {
    const endpoint = (props: Record<string, unknown>) => resource(T.vpcEndpoint, "users-endpoint", {
        vpcEndpointType: "Interface",
        serviceName: "com.amazonaws.ap-northeast-2.dynamodb",
        privateDnsEnabled: false,
        subnetIds: ["subnet-a", "subnet-b"],
        securityGroupIds: ["sg-0123"],
        ...props,
    });

    it("an interface endpoint with a group and subnets complies; a gateway endpoint is not checked", () => {
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({})], CTX)).to.deep.equal([]);
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({ vpcEndpointType: "Gateway", subnetIds: undefined, securityGroupIds: undefined })], CTX)).to.deep.equal([]);
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({ vpcEndpointType: undefined, securityGroupIds: [] })], CTX)).to.deep.equal([]);
        const preview = { ...endpoint({ securityGroupIds: UNKNOWN, subnetIds: UNKNOWN }), propertyDependencies: { securityGroupIds: ["urn:sg"], subnetIds: ["urn:vpc"] } };
        expect(violationsOf(interfaceEndpointSecurityGroup, [preview], CTX)).to.deep.equal([]);
        expect(cannotTellOf(interfaceEndpointSecurityGroup, [preview], CTX)).to.deep.equal([]);
    });

    it("fires on an interface endpoint without a security group (the VPC's default group) or without subnets", () => {
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({ securityGroupIds: [] })], CTX)).to.have.length(1).and.to.match(/no securityGroupIds, so AWS attaches the VPC's default security group/);
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({ securityGroupIds: undefined })], CTX)).to.have.length(1);
        expect(violationsOf(interfaceEndpointSecurityGroup, [endpoint({ subnetIds: undefined })], CTX)).to.have.length(1).and.to.match(/no subnetIds/);
        expect(cannotTellOf(interfaceEndpointSecurityGroup, [endpoint({ vpcEndpointType: UNKNOWN })], CTX)).to.have.length(1);
        expect(cannotTellOf(interfaceEndpointSecurityGroup, [endpoint({ securityGroupIds: UNKNOWN })], CTX)).to.have.length(1);
    });
});

describe("the data rules in the pack", () => {
    it("are mandatory, and read the tokens @pulumi/aws registers", () => {
        const names = ["dynamodb-table-customer-key", "dynamodb-table-deletion-protection-pitr", "dynamodb-table-private", "vpc-interface-endpoint-security-group"];
        for (const n of names) expect(RULES.find((r) => r.name === n)?.enforcementLevel, n).to.equal("mandatory");
        expect([T.dynamoTable, T.dynamoResourcePolicy, T.vpcEndpoint]).to.deep.equal(["aws:dynamodb/table:Table", "aws:dynamodb/resourcePolicy:ResourcePolicy", "aws:ec2/vpcEndpoint:VpcEndpoint"]);
    });
});
