/**
 * What each principal of AccessControl may do, decided by an IAM policy simulator
 * (@cloud-copilot/iam-simulate) over the documents the component emits: for every
 * principal, requests that must be allowed and requests that must be denied, with the
 * resource and the condition keys AWS would see. Expected decisions come from the
 * requirement (the README's table of who may do what, and AWS's action names), never
 * from the lists the policies are built from.
 */
import { expect } from "chai";
import {
    AccountContext,
    administratorOwnedNames,
    administratorPolicy,
    assumeOperatorPolicy,
    deployPolicy,
    DeployScope,
    forceMfaPolicy,
    githubOidcProviderArn,
    githubSubject,
    githubTrustPolicy,
    instanceAgentPolicy,
    instanceLifecyclePolicy,
    instanceSessionPolicy,
    instanceTrustPolicy,
    instanceUserStorePolicy,
    managedPolicySize,
    MANAGED_POLICY_MAX_CHARACTERS,
    operatorBoundaryPolicy,
    operatorPolicy,
    operatorTrustPolicy,
    physicalNames,
    PolicyDocument,
    policyJson,
    previewPolicy,
    pullRequestSubject,
    readOnlyPolicy,
    splitDeployPolicy,
    workloadBoundaryPolicy,
} from "@kgsports/access-control";
import { ADMINISTRATOR_OWNED, POLICY_KEYS, ROLE_KEYS } from "@kgsports/access-control";
import { restoredTableName, userStoreClientScope, userStoreNames } from "@kgsports/user-store/pure";
import * as fs from "fs";
import * as path from "path";
import { Decision, decide } from "./helpers/iamSimulator";

const ACCOUNT = "111122223333";
const REGION = "ap-northeast-2";
const CTX: AccountContext = { partition: "aws", accountId: ACCOUNT, region: REGION };
const PREFIX = "kgs-matchday";
const NAMES = physicalNames(PREFIX);
const iam = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;
const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;
const ASG = arn("autoscaling", `autoScalingGroup:*:autoScalingGroupName/${PREFIX}-web-asg-*`);
const OUR_GROUP = arn("autoscaling", `autoScalingGroup:6d0b1c1e-1111-4c1a-9a55-0123456789ab:autoScalingGroupName/${PREFIX}-web-asg-4f2a9c1`);
const OTHER_GROUP = arn("autoscaling", "autoScalingGroup:9e9e9e9e-2222-4c1a-9a55-0123456789ab:autoScalingGroupName/payments-asg");
const OIDC = githubOidcProviderArn("aws", ACCOUNT);
const BOUNDARY = iam(`policy/${NAMES.policies["workload-boundary"]}`);
const SECRETS_KEY = arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
const OTHER_KEY = arn("kms", "key/99999999-12ab-34cd-56ef-1234567890ab");
const STATE = { bucketName: "kgsports-pulumi-state", keyPrefix: "platform" };
const MIN = 6;
const MAX = 240;
const MFA_AGE = 3600;

const DEPLOY_SCOPE: DeployScope = {
    namePrefix: PREFIX,
    instanceRoleArn: iam(`role/${NAMES.roles["web-instance"]}`),
    oidcProviderArn: OIDC,
    workloadBoundaryArn: BOUNDARY,
    administratorOwned: administratorOwnedNames(NAMES),
    serviceRoles: [{ roleName: `${PREFIX}-hybrid-failover`, service: "lambda.amazonaws.com" }],
    attachableAwsManagedPolicies: ["service-role/AWSBackupServiceRolePolicyForBackup"],
    stateBackend: STATE,
    secretsKmsKeyArn: SECRETS_KEY,
};
// The documents under test are built inside each test, not when this file loads: under
// mutation testing (npm run mutation) the test files load once and the mutants are
// switched at run time, so a document built at load time would never show a mutant.
const DEPLOY = () => deployPolicy(CTX, DEPLOY_SCOPE);
/** What the deploy role carries: the three managed policies of the split, evaluated together as IAM does. */
const DEPLOY_ROLE = (): PolicyDocument[] => {
    const { iam: iamPart, infrastructure, passRoles } = splitDeployPolicy(DEPLOY());
    return [iamPart, infrastructure, passRoles];
};
const PREVIEW = () => previewPolicy(CTX, { namePrefix: PREFIX, stateBackend: STATE, secretsKmsKeyArn: SECRETS_KEY });
const OPERATOR = () => operatorPolicy(CTX, { autoScalingGroupArns: [ASG], alarmNamePrefix: `${PREFIX}-`, groupMinSize: MIN, groupMaxSize: MAX });
const BOUNDARY_DOC = () => workloadBoundaryPolicy(CTX, NAMES.roles["web-instance"], NAMES.prefix);

const USER = iam("user/rita.reader");
// IAM fills in `${aws:username}` from the request; the simulator takes it as a context key.
const withMfa = { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "600", "aws:username": "rita.reader" };
const withoutMfa = { "aws:MultiFactorAuthPresent": "false", "aws:username": "rita.reader" };
/**
 * AWS's default key policy ("Enable IAM user permissions"): KMS needs the key policy to
 * delegate to the account before an identity policy counts; the simulator models that.
 * The secrets provider's key must keep this statement (or name the roles itself).
 */
const DEFAULT_KEY_POLICY = {
    Version: "2012-10-17",
    Statement: [{ Sid: "EnableIamUserPermissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }],
};

/** A small DSL: `expectDecisions(policies, principal, [[action, resource, context?, expected], ...])`. */
type Case = [action: string, resource: string, context: Record<string, string | string[]>, expected: Decision];
async function expectDecisions(policies: PolicyDocument[], principal: string, cases: Case[], extra: { boundaries?: PolicyDocument[]; resourcePolicy?: object } = {}): Promise<void> {
    const wrong: string[] = [];
    for (const [action, resource, context, expected] of cases) {
        const got = await decide(policies, { principal, action, resource, context }, extra);
        if (got !== expected) wrong.push(`${action} on ${resource} ${JSON.stringify(context)}: expected ${expected}, got ${got}`);
    }
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
}

describe("AccessControl policies under an IAM policy simulator", () => {
    describe("every human group (force MFA)", () => {
        const readOnly = () => [forceMfaPolicy(CTX), readOnlyPolicy()];
        const own = iam("user/rita.reader");

        it("without MFA, a user can set up MFA and change their own password, and nothing else", async () => {
            await expectDecisions(readOnly(), USER, [
                ["iam:ChangePassword", own, withoutMfa, "Allowed"],
                ["iam:CreateVirtualMFADevice", iam("mfa/rita-phone"), withoutMfa, "Allowed"],
                ["iam:EnableMFADevice", own, withoutMfa, "Allowed"],
                ["iam:GetAccountPasswordPolicy", "*", withoutMfa, "Allowed"],
                ["iam:ChangePassword", iam("user/platform-admin"), withoutMfa, "ImplicitlyDenied"],
                ["iam:DeactivateMFADevice", own, withoutMfa, "ExplicitlyDenied"],
                ["ec2:DescribeInstances", "*", withoutMfa, "ExplicitlyDenied"],
                // Long-term access keys carry no MFA key at all: BoolIfExists denies them too.
                ["ec2:DescribeInstances", "*", {}, "ExplicitlyDenied"],
            ]);
        });

        it("with MFA, the group's own policy decides, and a user deactivates only their own device", async () => {
            await expectDecisions(readOnly(), USER, [
                ["ec2:DescribeInstances", "*", withMfa, "Allowed"],
                ["iam:DeactivateMFADevice", own, withMfa, "Allowed"],
                ["iam:DeactivateMFADevice", iam("user/platform-admin"), withMfa, "ImplicitlyDenied"],
            ]);
        });

        it("administrators may do anything with a recent MFA sign-in, and nothing without one or with an old one", async () => {
            const admin = [forceMfaPolicy(CTX), administratorPolicy(MFA_AGE)];
            await expectDecisions(admin, iam("user/platform-admin"), [
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["deploy-access"]}`), withMfa, "Allowed"],
                ["ec2:TerminateInstances", arn("ec2", "instance/i-0abc"), withMfa, "Allowed"],
                ["ec2:TerminateInstances", arn("ec2", "instance/i-0abc"), { "aws:MultiFactorAuthPresent": "true", "aws:MultiFactorAuthAge": "7200" }, "ImplicitlyDenied"],
                ["ec2:TerminateInstances", arn("ec2", "instance/i-0abc"), withoutMfa, "ExplicitlyDenied"],
            ]);
        });
    });

    describe("read-only", () => {
        it("reads the configuration of what the platform runs, with MFA", async () => {
            await expectDecisions([readOnlyPolicy()], USER, [
                ["ec2:DescribeInstances", "*", withMfa, "Allowed"],
                ["autoscaling:DescribeScheduledActions", "*", withMfa, "Allowed"],
                ["elasticloadbalancing:DescribeTargetHealth", "*", withMfa, "Allowed"],
                ["cloudwatch:GetDashboard", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${PREFIX}`, withMfa, "Allowed"],
                ["backup:DescribeBackupVault", arn("backup", `backup-vault:${PREFIX}-vault`), withMfa, "Allowed"],
                ["logs:DescribeLogGroups", "*", withMfa, "Allowed"],
            ]);
        });

        it("never reads data or secrets, and has no write hidden in a wildcard", async () => {
            await expectDecisions([readOnlyPolicy()], USER, [
                // AWS classes this List-named action as a permissions-management write (issue #11).
                ["backup:ListIndexedRecoveryPointsForSearch", "*", withMfa, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", "parameter/prod/db-password"), withMfa, "ExplicitlyDenied"],
                ["secretsmanager:GetSecretValue", arn("secretsmanager", "secret:prod-db-AbCdEf"), withMfa, "ExplicitlyDenied"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/stacks/kgsports/matchday.json", withMfa, "ExplicitlyDenied"],
                ["logs:GetLogEvents", arn("logs", `log-group:${PREFIX}-web-app:log-stream:i-0abc`), withMfa, "ExplicitlyDenied"],
                // Its customer gateway configuration carries the VPN's pre-shared keys.
                ["ec2:DescribeVpnConnections", "*", withMfa, "ExplicitlyDenied"],
                ["lambda:GetFunction", arn("lambda", `function:${PREFIX}-hybrid-failover`), withMfa, "ExplicitlyDenied"],
                ["ec2:RunInstances", "*", withMfa, "ImplicitlyDenied"],
                ["autoscaling:SetDesiredCapacity", OUR_GROUP, withMfa, "ImplicitlyDenied"],
                ["cloudwatch:DisableAlarmActions", arn("cloudwatch", `alarm:${PREFIX}-matchday-degraded`), withMfa, "ImplicitlyDenied"],
            ]);
        });
    });

    describe("matchday operator", () => {
        const op = iam(`role/${NAMES.roles["matchday-operator"]}`);

        it("operators may assume the operator role and nothing else; the role trusts this account's principals with recent MFA", async () => {
            await expectDecisions([assumeOperatorPolicy(op)], USER, [
                ["sts:AssumeRole", op, {}, "Allowed"],
                ["sts:AssumeRole", iam(`role/${NAMES.roles.deploy}`), {}, "ImplicitlyDenied"],
                ["ec2:DescribeInstances", "*", {}, "ImplicitlyDenied"],
            ]);
            // The trust policy: the simulator evaluates identity policies, so its shape is checked.
            expect(operatorTrustPolicy(CTX, 7200).Statement).to.deep.equal([{
                Sid: "AccountPrincipalsWithRecentMfa",
                Effect: "Allow",
                Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] },
                Action: ["sts:AssumeRole"],
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "7200" } },
            }]);
        });

        it("scales, refreshes and schedules this stack's group only; silences this stack's alarms only", async () => {
            await expectDecisions([OPERATOR()], op, [
                ["autoscaling:SetDesiredCapacity", OUR_GROUP, {}, "Allowed"],
                ["autoscaling:StartInstanceRefresh", OUR_GROUP, {}, "Allowed"],
                ["autoscaling:SetDesiredCapacity", OTHER_GROUP, {}, "ImplicitlyDenied"],
                ["autoscaling:DeleteScheduledAction", OUR_GROUP, {}, "ImplicitlyDenied"],
                ["autoscaling:DeleteAutoScalingGroup", OUR_GROUP, {}, "ImplicitlyDenied"],
                ["cloudwatch:DisableAlarmActions", arn("cloudwatch", `alarm:${PREFIX}-matchday-degraded`), {}, "Allowed"],
                ["cloudwatch:DisableAlarmActions", arn("cloudwatch", "alarm:payments-5xx"), {}, "ImplicitlyDenied"],
                ["cloudwatch:GetDashboard", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${PREFIX}`, {}, "Allowed"],
                ["cloudwatch:DescribeAlarms", "*", { "aws:RequestedRegion": REGION }, "Allowed"],
                ["cloudwatch:DescribeAlarms", "*", { "aws:RequestedRegion": "us-east-1" }, "ImplicitlyDenied"],
                ["iam:GetRole", op, {}, "ImplicitlyDenied"],
            ]);
        });

        it("raises the minimum directly during a match, and never sets it below the stack's minimum", async () => {
            await expectDecisions([OPERATOR()], op, [
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": "120" }, "Allowed"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": String(MIN) }, "Allowed"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": String(MIN - 1) }, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": "0" }, "ImplicitlyDenied"],
                // A request without MinSize leaves the minimum alone: allowed, if the maximum only goes up.
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MaxSize": "300" }, "Allowed"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MaxSize": String(MAX - 1) }, "ImplicitlyDenied"],
                // What runs and where is a deploy's, not an operator's.
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": "120", "autoscaling:LaunchTemplateVersionSpecified": "true" }, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": "120", "autoscaling:VPCZoneIdentifiers": "subnet-0abc" }, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:InstanceTypes": "t3.nano" }, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OTHER_GROUP, { "autoscaling:MinSize": "120" }, "ImplicitlyDenied"],
            ]);
        });

        it("may put a scheduled action only with a minimum at or above the stack's, so a pre-warm cannot be overwritten with less", async () => {
            await expectDecisions([OPERATOR()], op, [
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MinSize": "150" }, "Allowed"],
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MinSize": "150", "autoscaling:MaxSize": "300" }, "Allowed"],
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MinSize": "0" }, "ImplicitlyDenied"],
                // Missing MinSize: the overwritten pre-warm would raise nothing, so it is refused.
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MaxSize": "300" }, "ImplicitlyDenied"],
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, {}, "ImplicitlyDenied"],
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MinSize": "150", "autoscaling:MaxSize": "10" }, "ImplicitlyDenied"],
                ["autoscaling:PutScheduledUpdateGroupAction", OTHER_GROUP, { "autoscaling:MinSize": "150" }, "ImplicitlyDenied"],
            ]);
        });
    });

    describe("deploy role (CI): never a way to administrator", () => {
        const ci = iam(`role/${NAMES.roles.deploy}`);
        const inRegion = { "aws:RequestedRegion": REGION };

        it("cannot change its own role, trust or policies, the boundary, or the preview and operator roles", async () => {
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["deploy-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["deploy-iam-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["deploy-pass-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:SetDefaultPolicyVersion", iam(`policy/${NAMES.policies["deploy-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:SetDefaultPolicyVersion", iam(`policy/${NAMES.policies["deploy-pass-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:DeletePolicy", iam(`policy/${NAMES.policies["deploy-pass-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:DetachRolePolicy", ci, { "iam:PolicyARN": iam(`policy/${NAMES.policies["deploy-pass-access"]}`) }, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["workload-boundary"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["preview-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["matchday-operator-boundary"]}`), {}, "ExplicitlyDenied"],
                // The operator's size conditions follow minSize/maxSize, so CI updates them, within the boundary above.
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["matchday-operator-access"]}`), {}, "Allowed"],
                ["iam:UpdateAssumeRolePolicy", ci, { "iam:PermissionsBoundary": BOUNDARY }, "ExplicitlyDenied"],
                ["iam:AttachRolePolicy", ci, { "iam:PolicyARN": iam(`policy/${PREFIX}-failover`), "iam:PermissionsBoundary": BOUNDARY }, "ExplicitlyDenied"],
                ["iam:PutRolePermissionsBoundary", ci, { "iam:PermissionsBoundary": BOUNDARY }, "ExplicitlyDenied"],
                ["iam:UpdateAssumeRolePolicy", iam(`role/${NAMES.roles["matchday-operator"]}`), {}, "ExplicitlyDenied"],
                ["iam:UpdateAssumeRolePolicy", iam(`role/${NAMES.roles.preview}`), {}, "ExplicitlyDenied"],
                ["iam:DeleteRole", ci, {}, "ExplicitlyDenied"],
                ["iam:TagRole", ci, {}, "ExplicitlyDenied"],
                ["iam:PassRole", ci, { "iam:PassedToService": "ec2.amazonaws.com" }, "ExplicitlyDenied"],
            ]);
        });

        it("cannot choose who is an administrator, nor what any human group may do; it may change who operates and who reads", async () => {
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["iam:AddUserToGroup", iam(`group/${NAMES.groups.administrators}`), {}, "ExplicitlyDenied"],
                ["iam:RemoveUserFromGroup", iam(`group/${NAMES.groups.administrators}`), {}, "ExplicitlyDenied"],
                ["iam:AttachGroupPolicy", iam(`group/${NAMES.groups.operators}`), { "iam:PolicyARN": iam(`policy/${PREFIX}-anything`) }, "ExplicitlyDenied"],
                ["iam:AttachGroupPolicy", iam(`group/${NAMES.groups["read-only"]}`), { "iam:PolicyARN": iam(`policy/${PREFIX}-anything`) }, "ExplicitlyDenied"],
                ["iam:DeleteGroup", iam(`group/${NAMES.groups.operators}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["read-only-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["force-mfa"]}`), {}, "ExplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["administrator-access"]}`), {}, "ExplicitlyDenied"],
                ["iam:AddUserToGroup", iam(`group/${NAMES.groups.operators}`), {}, "Allowed"],
                ["iam:RemoveUserFromGroup", iam(`group/${NAMES.groups["read-only"]}`), {}, "Allowed"],
                ["iam:GetGroup", iam(`group/${NAMES.groups.administrators}`), {}, "Allowed"],
                ["iam:CreateUser", iam("user/mallory"), {}, "ExplicitlyDenied"],
                ["iam:CreateAccessKey", iam("user/platform-admin"), {}, "ExplicitlyDenied"],
                ["iam:PutGroupPolicy", iam(`group/${NAMES.groups.operators}`), {}, "ExplicitlyDenied"],
                ["iam:UpdateAccountPasswordPolicy", "*", {}, "ExplicitlyDenied"],
                ["iam:TagOpenIDConnectProvider", OIDC, {}, "ExplicitlyDenied"],
                ["iam:GetOpenIDConnectProvider", OIDC, {}, "Allowed"],
                ["sts:AssumeRole", iam(`role/${NAMES.roles["matchday-operator"]}`), {}, "ExplicitlyDenied"],
                ["sts:AssumeRole", iam(`role/${PREFIX}-hybrid-failover`), {}, "ExplicitlyDenied"],
            ]);
        });

        it("creates and changes workload roles only under the boundary, attaching only the stack's own and service-role policies", async () => {
            const failover = iam(`role/${PREFIX}-hybrid-failover`);
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["iam:CreateRole", failover, { "iam:PermissionsBoundary": BOUNDARY }, "Allowed"],
                ["iam:CreateRole", failover, {}, "ImplicitlyDenied"],
                ["iam:CreateRole", failover, { "iam:PermissionsBoundary": iam(`policy/${PREFIX}-hybrid-failover`) }, "ImplicitlyDenied"],
                ["iam:CreateRole", iam("role/payments-api"), { "iam:PermissionsBoundary": BOUNDARY }, "ImplicitlyDenied"],
                ["iam:PutRolePermissionsBoundary", failover, { "iam:PermissionsBoundary": iam("policy/anything-else") }, "ImplicitlyDenied"],
                ["iam:DeleteRolePermissionsBoundary", failover, { "iam:PermissionsBoundary": BOUNDARY }, "ExplicitlyDenied"],
                ["iam:PutRolePolicy", failover, { "iam:PermissionsBoundary": BOUNDARY }, "ExplicitlyDenied"],
                ["iam:AttachRolePolicy", failover, { "iam:PolicyARN": iam(`policy/${PREFIX}-hybrid-failover`), "iam:PermissionsBoundary": BOUNDARY }, "Allowed"],
                ["iam:AttachRolePolicy", failover, { "iam:PolicyARN": "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup", "iam:PermissionsBoundary": BOUNDARY }, "Allowed"],
                ["iam:AttachRolePolicy", failover, { "iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess", "iam:PermissionsBoundary": BOUNDARY }, "ImplicitlyDenied"],
                // A role without the boundary (one made by hand) gets nothing attached.
                ["iam:AttachRolePolicy", failover, { "iam:PolicyARN": iam(`policy/${PREFIX}-hybrid-failover`) }, "ImplicitlyDenied"],
                ["iam:UpdateAssumeRolePolicy", failover, { "iam:PermissionsBoundary": BOUNDARY }, "Allowed"],
                ["iam:UpdateAssumeRolePolicy", failover, {}, "ImplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${PREFIX}-hybrid-failover`), {}, "Allowed"],
                ["iam:CreatePolicy", iam("policy/payments-admin"), {}, "ImplicitlyDenied"],
                ["iam:CreateServiceLinkedRole", iam("role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"), { "iam:AWSServiceName": "autoscaling.amazonaws.com" }, "Allowed"],
                ["iam:CreateServiceLinkedRole", iam("role/aws-service-role/rds.amazonaws.com/AWSServiceRoleForRDS"), { "iam:AWSServiceName": "rds.amazonaws.com" }, "ImplicitlyDenied"],
            ]);
        });

        it("passes each stack role to its one service only", async () => {
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["iam:PassRole", iam(`role/${NAMES.roles["web-instance"]}`), { "iam:PassedToService": "ec2.amazonaws.com" }, "Allowed"],
                ["iam:PassRole", iam(`role/${NAMES.roles["web-instance"]}`), { "iam:PassedToService": "lambda.amazonaws.com" }, "ImplicitlyDenied"],
                ["iam:PassRole", iam(`role/${PREFIX}-hybrid-failover`), { "iam:PassedToService": "lambda.amazonaws.com" }, "Allowed"],
                ["iam:PassRole", iam(`role/${PREFIX}-hybrid-failover`), { "iam:PassedToService": "ec2.amazonaws.com" }, "ImplicitlyDenied"],
                ["iam:PassRole", iam(`role/${NAMES.roles["matchday-operator"]}`), { "iam:PassedToService": "ec2.amazonaws.com" }, "ExplicitlyDenied"],
            ]);
        });

        it("deploys the regional services in its region only, and reads and writes the stack state, nothing else of S3 or KMS", async () => {
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["ec2:RunInstances", "*", inRegion, "Allowed"],
                ["ec2:RunInstances", "*", { "aws:RequestedRegion": "us-east-1" }, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, inRegion, "Allowed"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/stacks/kgsports/matchday.json", {}, "Allowed"],
                ["s3:PutObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/locks/kgsports/matchday/1.json", {}, "Allowed"],
                ["s3:ListBucket", "arn:aws:s3:::kgsports-pulumi-state", {}, "Allowed"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/other-team/.pulumi/stacks/x.json", {}, "ImplicitlyDenied"],
                ["s3:GetObject", "arn:aws:s3:::payments-exports/2027/report.csv", {}, "ImplicitlyDenied"],
                ["s3:PutBucketPolicy", `arn:aws:s3:::${PREFIX}-access-logs`, {}, "Allowed"],
                ["secretsmanager:GetSecretValue", arn("secretsmanager", "secret:prod-db-AbCdEf"), {}, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", "parameter/prod/db-password"), {}, "ImplicitlyDenied"],
            ]);
            await expectDecisions(DEPLOY_ROLE(), ci, [
                ["kms:Decrypt", SECRETS_KEY, {}, "Allowed"],
                ["kms:Decrypt", OTHER_KEY, {}, "ImplicitlyDenied"],
                ["kms:PutKeyPolicy", OTHER_KEY, {}, "ImplicitlyDenied"],
            ], { resourcePolicy: DEFAULT_KEY_POLICY });
            // AWS's public AMI parameters have no account in their ARN, which the simulator refuses: shape instead.
            const ami = DEPLOY().Statement.find((st) => st.Sid === "ReadPublicAmiParameters")!;
            expect(ami).to.deep.include({ Action: ["ssm:GetParameter"], Resource: ["arn:aws:ssm:ap-northeast-2::parameter/aws/service/ami-amazon-linux-latest/*"] });
        });

        it("the deploy role's trust names one repository's branch or environment exactly (shape: the simulator does not know GitHub's claims)", () => {
            expect(githubTrustPolicy(OIDC, githubSubject({ repository: "kgsports/platform", environment: "matchday" })).Statement).to.deep.equal([{
                Sid: "GitHubActionsOfOneRepositoryRef",
                Effect: "Allow",
                Principal: { Federated: OIDC },
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:kgsports/platform:environment:matchday" } },
            }]);
            expect(githubSubject({ repository: "kgsports/platform" })).to.equal("repo:kgsports/platform:ref:refs/heads/main");
            expect(githubSubject({ repository: "KG-Sports/stream.infra", branch: "release/matchday" })).to.equal("repo:KG-Sports/stream.infra:ref:refs/heads/release/matchday");
        });
    });

    describe("the operator role's boundary", () => {
        it("caps whatever CI writes into the operator's access policy: '*' gives operators nothing beyond their groups, alarms and reads", async () => {
            const op = iam(`role/${NAMES.roles["matchday-operator"]}`);
            const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: ["*"], Resource: ["*"] }] };
            const boundary = operatorBoundaryPolicy(CTX, { autoScalingGroupArns: [ASG], alarmNamePrefix: `${PREFIX}-` });
            await expectDecisions([everything], op, [
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, { "autoscaling:MinSize": "120" }, "Allowed"],
                ["autoscaling:SetDesiredCapacity", OTHER_GROUP, {}, "ImplicitlyDenied"],
                ["iam:CreateUser", iam("user/mallory"), {}, "ImplicitlyDenied"],
                ["iam:AttachUserPolicy", iam("user/omar.ops"), {}, "ImplicitlyDenied"],
                ["ec2:TerminateInstances", arn("ec2", "instance/i-0abc"), {}, "ImplicitlyDenied"],
                ["autoscaling:DeleteAutoScalingGroup", OUR_GROUP, {}, "ImplicitlyDenied"],
                ["cloudwatch:DeleteAlarms", arn("cloudwatch", `alarm:${PREFIX}-matchday-degraded`), {}, "ImplicitlyDenied"],
                // Reads in the stack's region only; the match-night dashboard (a global ARN) too.
                ["cloudwatch:GetMetricData", "*", { "aws:RequestedRegion": REGION }, "Allowed"],
                ["cloudwatch:GetMetricData", "*", { "aws:RequestedRegion": "us-east-1" }, "ImplicitlyDenied"],
                ["cloudwatch:GetDashboard", `arn:aws:cloudwatch::${ACCOUNT}:dashboard/${PREFIX}-matchday`, {}, "Allowed"],
            ], { boundaries: [boundary] });
            // And with the access policy as emitted, the boundary takes nothing away from it.
            await expectDecisions([OPERATOR()], op, [
                ["autoscaling:PutScheduledUpdateGroupAction", OUR_GROUP, { "autoscaling:MinSize": "150" }, "Allowed"],
                ["cloudwatch:DisableAlarmActions", arn("cloudwatch", `alarm:${PREFIX}-matchday-degraded`), {}, "Allowed"],
                ["cloudwatch:GetMetricData", "*", { "aws:RequestedRegion": REGION }, "Allowed"],
            ], { boundaries: [boundary] });
        });
    });

    describe("roles CI creates carry the workload boundary", () => {
        const failover = iam(`role/${PREFIX}-hybrid-failover`);
        const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: ["*"], Resource: ["*"] }] };

        it("even with '*' attached, such a role can reach no IAM, STS, S3 data, secrets or key administration", async () => {
            await expectDecisions([everything], failover, [
                ["elasticloadbalancing:ModifyListener", "*", {}, "Allowed"],
                ["ec2:DescribeInstances", "*", {}, "Allowed"],
                ["iam:CreateRole", iam(`role/${PREFIX}-x`), {}, "ImplicitlyDenied"],
                ["iam:AttachRolePolicy", failover, {}, "ImplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["deploy-access"]}`), {}, "ImplicitlyDenied"],
                ["iam:AddUserToGroup", iam(`group/${NAMES.groups.administrators}`), {}, "ImplicitlyDenied"],
                ["sts:AssumeRole", iam(`role/${NAMES.roles.deploy}`), {}, "ImplicitlyDenied"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/stacks/kgsports/matchday.json", {}, "ImplicitlyDenied"],
                ["secretsmanager:GetSecretValue", arn("secretsmanager", "secret:prod-db-AbCdEf"), {}, "ImplicitlyDenied"],
                ["kms:PutKeyPolicy", OTHER_KEY, {}, "ImplicitlyDenied"],
                ["kms:ScheduleKeyDeletion", OTHER_KEY, {}, "ImplicitlyDenied"],
                ["lambda:UpdateFunctionCode", arn("lambda", `function:${PREFIX}-hybrid-failover`), {}, "ImplicitlyDenied"],
                ["iam:PassRole", iam(`role/${NAMES.roles["web-instance"]}`), { "iam:PassedToService": "ec2.amazonaws.com" }, "Allowed"],
                ["iam:PassRole", iam(`role/${NAMES.roles.deploy}`), { "iam:PassedToService": "ec2.amazonaws.com" }, "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()] });
        });
    });

    describe("pull-request preview role", () => {
        const pr = iam(`role/${NAMES.roles.preview}`);

        it("reads what a preview reads: configuration, the stack's IAM and function, the state, the secrets key", async () => {
            await expectDecisions([PREVIEW()], pr, [
                ["ec2:DescribeVpcs", "*", {}, "Allowed"],
                ["autoscaling:DescribeScheduledActions", "*", {}, "Allowed"],
                ["iam:GetRole", iam(`role/${NAMES.roles.deploy}`), {}, "Allowed"],
                ["iam:GetPolicyVersion", iam(`policy/${NAMES.policies["deploy-access"]}`), {}, "Allowed"],
                ["iam:GetOpenIDConnectProvider", OIDC, {}, "Allowed"],
                ["lambda:GetFunction", arn("lambda", `function:${PREFIX}-hybrid-failover`), {}, "Allowed"],
                ["s3:GetBucketPolicy", `arn:aws:s3:::${PREFIX}-access-logs`, {}, "Allowed"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/stacks/kgsports/matchday.json", {}, "Allowed"],
                ["ssm:GetParameter", arn("ssm", `parameter/AmazonCloudWatch-${PREFIX}-web`), {}, "Allowed"],
            ]);
            await expectDecisions([PREVIEW()], pr, [
                ["kms:GetKeyPolicy", OTHER_KEY, {}, "Allowed"],
                ["kms:DescribeKey", OTHER_KEY, {}, "Allowed"],
                ["kms:Decrypt", SECRETS_KEY, {}, "Allowed"],
                ["kms:Decrypt", OTHER_KEY, {}, "ImplicitlyDenied"],
                ["kms:Encrypt", SECRETS_KEY, {}, "ImplicitlyDenied"],
            ], { resourcePolicy: DEFAULT_KEY_POLICY });
        });

        it("writes nothing, reads no other secret, object or key, and even '*' attached by hand adds nothing (its policy is its boundary)", async () => {
            const denied: Case[] = [
                ["s3:PutObject", "arn:aws:s3:::kgsports-pulumi-state/platform/.pulumi/stacks/kgsports/matchday.json", {}, "ImplicitlyDenied"],
                ["s3:GetObject", "arn:aws:s3:::payments-exports/2027/report.csv", {}, "ImplicitlyDenied"],
                ["secretsmanager:GetSecretValue", arn("secretsmanager", "secret:prod-db-AbCdEf"), {}, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", "parameter/prod/db-password"), {}, "ImplicitlyDenied"],
                ["lambda:GetFunction", arn("lambda", "function:payments-api"), {}, "ImplicitlyDenied"],
                ["logs:GetLogEvents", arn("logs", `log-group:${PREFIX}-web-app:log-stream:i-0abc`), {}, "ImplicitlyDenied"],
                ["backup:ListIndexedRecoveryPointsForSearch", "*", {}, "ImplicitlyDenied"],
                ["ec2:RunInstances", "*", {}, "ImplicitlyDenied"],
                ["autoscaling:UpdateAutoScalingGroup", OUR_GROUP, {}, "ImplicitlyDenied"],
                ["iam:CreatePolicyVersion", iam(`policy/${NAMES.policies["preview-access"]}`), {}, "ImplicitlyDenied"],
                ["sts:AssumeRole", iam(`role/${NAMES.roles.deploy}`), {}, "ImplicitlyDenied"],
            ];
            await expectDecisions([PREVIEW()], pr, denied);
            const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: ["*"], Resource: ["*"] }] };
            await expectDecisions([PREVIEW(), everything], pr, denied, { boundaries: [PREVIEW()] });
        });

        it("is trusted for the repository's pull requests only (shape: the simulator does not know GitHub's claims)", () => {
            expect(pullRequestSubject("kgsports/platform")).to.equal("repo:kgsports/platform:pull_request");
            const trust = githubTrustPolicy(OIDC, pullRequestSubject("kgsports/platform"));
            expect(trust.Statement).to.have.length(1);
            expect(trust.Statement[0].Condition).to.deep.equal({
                StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:kgsports/platform:pull_request" },
            });
            expect(policyJson(trust)).to.not.contain("*").and.not.contain("StringLike");
        });
    });

    describe("web instances", () => {
        const instance = iam(`role/${NAMES.roles["web-instance"]}`);
        const docs = () => [
            instanceSessionPolicy(CTX),
            instanceAgentPolicy(CTX, { configParameterName: `AmazonCloudWatch-${PREFIX}-web`, logGroupNames: [`${PREFIX}-web-app`], metricNamespace: "KGSports/Web" }),
            instanceLifecyclePolicy([OUR_GROUP]),
        ];

        it("use Session Manager and the agent, and read no other parameter, set no retention, and reach nothing else", async () => {
            await expectDecisions(docs(), instance, [
                ["ssmmessages:OpenDataChannel", "*", {}, "Allowed"],
                ["ssm:UpdateInstanceInformation", arn("ec2", "instance/i-0abc"), {}, "Allowed"],
                ["ssm:GetParameter", arn("ssm", `parameter/AmazonCloudWatch-${PREFIX}-web`), {}, "Allowed"],
                ["autoscaling:CompleteLifecycleAction", OUR_GROUP, {}, "Allowed"],
                ["autoscaling:CompleteLifecycleAction", OTHER_GROUP, {}, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", "parameter/prod/db-password"), {}, "ImplicitlyDenied"],
                ["ssm:GetParameters", arn("ssm", "parameter/AmazonCloudWatch-other-stack"), {}, "ImplicitlyDenied"],
                ["logs:PutRetentionPolicy", arn("logs", "log-group:/aws/cloudtrail/audit"), {}, "ImplicitlyDenied"],
                ["ssm:SendCommand", arn("ec2", "instance/i-0def"), {}, "ImplicitlyDenied"],
                ["s3:GetObject", "arn:aws:s3:::kgsports-pulumi-state/platform/x", {}, "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()] });
            expect(instanceTrustPolicy().Statement).to.deep.equal([
                { Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
            ]);
        });
    });

    describe("the UserStore: its clients, the boundary, the deploy and preview roles", () => {
        const store = userStoreNames(PREFIX);
        const table = (name: string) => arn("dynamodb", `table/${name}`);
        const LIVE = table(store.tableName);
        const RESTORED = table(restoredTableName(PREFIX, "2027-03-01"));
        const OTHER = table("payments-ledger");
        const client = () => instanceUserStorePolicy(CTX, userStoreClientScope(PREFIX));
        const instance = iam(`role/${NAMES.roles["web-instance"]}`);
        const viaDynamoDb = (tableName: string) => ({ "kms:ViaService": `dynamodb.${REGION}.amazonaws.com`, "kms:EncryptionContext:aws:dynamodb:tableName": tableName });

        it("a web instance reads and writes the store's items, its index and a restore's, under the boundary; no Scan, no table change, no other table", async () => {
            await expectDecisions([client()], instance, [
                ["dynamodb:GetItem", LIVE, {}, "Allowed"],
                ["dynamodb:PutItem", LIVE, {}, "Allowed"],
                ["dynamodb:Query", LIVE, {}, "Allowed"],
                ["dynamodb:Query", `${LIVE}/index/email`, {}, "Allowed"],
                ["dynamodb:ConditionCheckItem", LIVE, {}, "Allowed"],
                ["dynamodb:GetItem", RESTORED, {}, "Allowed"],
                ["dynamodb:UpdateItem", RESTORED, {}, "Allowed"],
                ["dynamodb:Scan", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:Scan", RESTORED, {}, "ImplicitlyDenied"],
                ["dynamodb:DeleteTable", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:UpdateTable", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:PutResourcePolicy", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:GetItem", OTHER, {}, "ImplicitlyDenied"],
                ["dynamodb:PutItem", table(`${PREFIX}-users-archive`), {}, "ImplicitlyDenied"],
                ["dynamodb:GetItem", table(`${PREFIX}-usersx`), {}, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", `parameter${store.tableNameParameter}`), {}, "Allowed"],
                ["ssm:GetParameters", arn("ssm", `parameter${store.endpointUrlParameter}`), {}, "Allowed"],
                ["ssm:GetParameter", arn("ssm", "parameter/prod/db-password"), {}, "ImplicitlyDenied"],
                ["ssm:GetParameter", arn("ssm", `parameter/${PREFIX}/other/table-name`), {}, "ImplicitlyDenied"],
                ["ssm:PutParameter", arn("ssm", `parameter${store.tableNameParameter}`), {}, "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()] });
        });

        it("a web instance uses the table's key only through DynamoDB in the region and only for the store's tables", async () => {
            // The simulator keeps a request's condition keys only when their variable part
            // follows a "/" (aws:ResourceTag/x); kms:EncryptionContext:<key> follows a ":", so
            // it drops the key and the StringLike below can never match there. The rest of the
            // statement (key ARN, actions, kms:ViaService) is simulated without that block,
            // and the block is checked as written, with IAM's StringLike semantics.
            const statement = client().Statement.find((st) => st.Sid === "UseUserStoreKeyThroughDynamoDb")!;
            expect(statement.Condition!.StringLike).to.deep.equal({ "kms:EncryptionContext:aws:dynamodb:tableName": [store.tableName, `${store.tableName}-restore-*`] });
            const stringLike = (patterns: string[], value: string) => patterns.some((p) => new RegExp(`^${p.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(value));
            const patterns = [statement.Condition!.StringLike!["kms:EncryptionContext:aws:dynamodb:tableName"]].flat();
            expect(stringLike(patterns, store.tableName)).to.equal(true);
            expect(stringLike(patterns, restoredTableName(PREFIX, "2027-03-01"))).to.equal(true);
            for (const other of ["payments-ledger", `${PREFIX}-users-archive`, `${PREFIX}-usersx`, `${PREFIX}-USERS`]) expect(stringLike(patterns, other), other).to.equal(false);
            // No other statement grants KMS: the encryption context binds every KMS use of the policy.
            expect(client().Statement.filter((st) => (st.Action ?? []).some((a) => a.startsWith("kms:"))).map((st) => st.Sid)).to.deep.equal(["UseUserStoreKeyThroughDynamoDb"]);
            const { StringLike: _context, ...viaServiceOnly } = statement.Condition!;
            const withoutContext: PolicyDocument = { ...client(), Statement: client().Statement.map((st) => (st === statement || st.Sid === statement.Sid ? { ...st, Condition: viaServiceOnly } : st)) };
            await expectDecisions([withoutContext], instance, [
                ["kms:Decrypt", OTHER_KEY, viaDynamoDb(store.tableName), "Allowed"],
                ["kms:GenerateDataKey", OTHER_KEY, viaDynamoDb(store.tableName), "Allowed"],
                ["kms:Encrypt", OTHER_KEY, viaDynamoDb(restoredTableName(PREFIX, "2027-03-01")), "Allowed"],
                // Directly (no kms:ViaService), through another service or region, or another key action.
                ["kms:Decrypt", OTHER_KEY, { "kms:EncryptionContext:aws:dynamodb:tableName": store.tableName }, "ImplicitlyDenied"],
                ["kms:Decrypt", OTHER_KEY, { ...viaDynamoDb(store.tableName), "kms:ViaService": `s3.${REGION}.amazonaws.com` }, "ImplicitlyDenied"],
                ["kms:Decrypt", OTHER_KEY, { ...viaDynamoDb(store.tableName), "kms:ViaService": "dynamodb.us-east-1.amazonaws.com" }, "ImplicitlyDenied"],
                ["kms:ReEncryptFrom", OTHER_KEY, viaDynamoDb(store.tableName), "ImplicitlyDenied"],
                ["kms:CreateGrant", OTHER_KEY, viaDynamoDb(store.tableName), "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()], resourcePolicy: DEFAULT_KEY_POLICY });
            // With the block, as emitted: nothing is allowed without the table's context (the simulator's view).
            await expectDecisions([client()], instance, [
                ["kms:Decrypt", OTHER_KEY, { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com` }, "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()], resourcePolicy: DEFAULT_KEY_POLICY });
        });

        it("the boundary caps a role with '*' at the store's items and AWS Backup's table work: no table deletion or change, no other table's items", async () => {
            const role = iam(`role/${PREFIX}-backup`);
            const everything: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: ["*"], Resource: ["*"] }] };
            await expectDecisions([everything], role, [
                ["dynamodb:PutItem", LIVE, {}, "Allowed"],
                ["dynamodb:Query", `${RESTORED}/index/email`, {}, "Allowed"],
                // AWS Backup's backups, of any tagged table (the selection picks by tag).
                ["dynamodb:StartAwsBackupJob", OTHER, {}, "Allowed"],
                ["dynamodb:CreateBackup", LIVE, {}, "Allowed"],
                ["dynamodb:DescribeTable", OTHER, {}, "Allowed"],
                ["dynamodb:DeleteBackup", `${LIVE}/backup/01733550000000-abcdef12`, {}, "Allowed"],
                // Restores: into a new restore table only.
                ["dynamodb:RestoreTableFromAwsBackup", RESTORED, {}, "Allowed"],
                ["dynamodb:RestoreTableFromBackup", `${LIVE}/backup/01733550000000-abcdef12`, {}, "Allowed"],
                ["dynamodb:BatchWriteItem", RESTORED, {}, "Allowed"],
                ["dynamodb:Scan", RESTORED, {}, "Allowed"],
                ["dynamodb:RestoreTableFromAwsBackup", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:RestoreTableFromAwsBackup", OTHER, {}, "ImplicitlyDenied"],
                ["dynamodb:Scan", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:GetItem", OTHER, {}, "ImplicitlyDenied"],
                ["dynamodb:Scan", OTHER, {}, "ImplicitlyDenied"],
                ["dynamodb:DeleteTable", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:DeleteTable", OTHER, {}, "ImplicitlyDenied"],
                ["dynamodb:UpdateTable", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:CreateTable", table(`${PREFIX}-users-restore-x`), {}, "ImplicitlyDenied"],
                ["dynamodb:PutResourcePolicy", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:DeleteResourcePolicy", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:UpdateContinuousBackups", LIVE, {}, "ImplicitlyDenied"],
                ["dynamodb:ExportTableToPointInTime", LIVE, {}, "ImplicitlyDenied"],
            ], { boundaries: [BOUNDARY_DOC()] });
        });

        it("the deploy role creates, changes, tags and restores the store's tables, never deletes one, never touches another table or the live items", async () => {
            const deployer = iam(`role/${NAMES.roles.deploy}`);
            const inRegion = { "aws:RequestedRegion": REGION };
            await expectDecisions(DEPLOY_ROLE(), deployer, [
                ...["CreateTable", "UpdateTable", "DescribeTable", "UpdateContinuousBackups", "DescribeContinuousBackups", "DescribeTimeToLive",
                    "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy", "TagResource", "UntagResource", "ListTagsOfResource", "RestoreTableToPointInTime"]
                    .map((verb): Case => [`dynamodb:${verb}`, LIVE, inRegion, "Allowed"]),
                ["dynamodb:CreateTable", RESTORED, inRegion, "Allowed"],
                ["dynamodb:TagResource", RESTORED, inRegion, "Allowed"],
                // The restore's writes into its new table (AWS: read and write on the target).
                ["dynamodb:BatchWriteItem", RESTORED, inRegion, "Allowed"],
                ["dynamodb:Scan", RESTORED, inRegion, "Allowed"],
                ["ssm:PutParameter", arn("ssm", `parameter${store.tableNameParameter}`), inRegion, "Allowed"],
                ["ssm:DeleteParameter", arn("ssm", `parameter${store.endpointUrlParameter}`), inRegion, "Allowed"],
                ["dynamodb:DeleteTable", LIVE, inRegion, "ExplicitlyDenied"],
                ["dynamodb:DeleteTable", RESTORED, inRegion, "ExplicitlyDenied"],
                ["dynamodb:DeleteTable", OTHER, inRegion, "ExplicitlyDenied"],
                ["dynamodb:CreateTable", OTHER, inRegion, "ImplicitlyDenied"],
                ["dynamodb:UpdateTable", OTHER, inRegion, "ImplicitlyDenied"],
                ["dynamodb:PutResourcePolicy", OTHER, inRegion, "ImplicitlyDenied"],
                ["dynamodb:UpdateTable", table(`${PREFIX}-usersx`), inRegion, "ImplicitlyDenied"],
                ["dynamodb:GetItem", LIVE, inRegion, "ImplicitlyDenied"],
                ["dynamodb:PutItem", LIVE, inRegion, "ImplicitlyDenied"],
                ["dynamodb:Scan", LIVE, inRegion, "ImplicitlyDenied"],
                ["dynamodb:ExportTableToPointInTime", LIVE, inRegion, "ImplicitlyDenied"],
                ["ssm:PutParameter", arn("ssm", "parameter/prod/db-password"), inRegion, "ImplicitlyDenied"],
                // VPC endpoints are EC2, in the region only.
                ["ec2:CreateVpcEndpoint", "*", inRegion, "Allowed"],
                ["ec2:CreateVpcEndpoint", "*", { "aws:RequestedRegion": "us-east-1" }, "ImplicitlyDenied"],
            ]);
        });

        it("the preview role reads the store's configuration and parameters, never an item, and changes nothing", async () => {
            const pr = iam(`role/${NAMES.roles.preview}`);
            await expectDecisions([PREVIEW()], pr, [
                ...["DescribeTable", "DescribeContinuousBackups", "DescribeTimeToLive", "GetResourcePolicy", "ListTagsOfResource"]
                    .map((verb): Case => [`dynamodb:${verb}`, LIVE, {}, "Allowed"]),
                ["ec2:DescribeVpcEndpoints", "*", {}, "Allowed"],
                ["ssm:GetParameter", arn("ssm", `parameter${store.tableNameParameter}`), {}, "Allowed"],
                ...["GetItem", "BatchGetItem", "Query", "Scan", "PutItem", "UpdateTable", "PutResourcePolicy", "RestoreTableToPointInTime", "ExportTableToPointInTime"]
                    .map((verb): Case => [`dynamodb:${verb}`, LIVE, {}, "ImplicitlyDenied"]),
                ["dynamodb:Query", `${LIVE}/index/email`, {}, "ImplicitlyDenied"],
                ["dynamodb:GetItem", RESTORED, {}, "ImplicitlyDenied"],
            ], { boundaries: [PREVIEW()] });
        });
    });

    describe("documents", () => {
        const identity = (): Record<string, PolicyDocument> => ({
            forceMfa: forceMfaPolicy(CTX),
            administrator: administratorPolicy(MFA_AGE),
            readOnly: readOnlyPolicy(),
            operator: OPERATOR(),
            deployInfrastructure: splitDeployPolicy(DEPLOY()).infrastructure,
            deployIam: splitDeployPolicy(DEPLOY()).iam,
            deployPassRoles: splitDeployPolicy(DEPLOY()).passRoles,
            preview: PREVIEW(),
            boundary: BOUNDARY_DOC(),
            session: instanceSessionPolicy(CTX),
            userStore: instanceUserStorePolicy(CTX, userStoreClientScope(PREFIX)),
        });

        it("are well formed: unique alphanumeric Sids, Action xor NotAction, resources, string condition values", () => {
            for (const [name, doc] of Object.entries(identity())) {
                expect(doc.Version, name).to.equal("2012-10-17");
                const sids = doc.Statement.map((s) => s.Sid);
                expect(new Set(sids).size, `${name} Sids unique`).to.equal(sids.length);
                for (const s of doc.Statement) {
                    expect(s.Sid, name).to.match(/^[A-Za-z0-9]+$/);
                    expect((s.Action === undefined) !== (s.NotAction === undefined), `${name}/${s.Sid}`).to.equal(true);
                    expect(s.Resource, `${name}/${s.Sid}`).to.be.an("array").that.is.not.empty;
                    for (const values of Object.values(s.Condition ?? {})) {
                        for (const v of Object.values(values!)) for (const one of [v].flat()) expect(one, `${name}/${s.Sid}`).to.be.a("string");
                    }
                }
            }
        });

        it("fit IAM's 6,144-character limit of a managed policy, with the longest name prefix and a long partition", () => {
            const long = "kgsports-matchday-abcdefghijklmno";
            const ctx = { ...CTX, partition: "aws-us-gov" };
            const scope: DeployScope = {
                ...DEPLOY_SCOPE,
                namePrefix: long,
                administratorOwned: administratorOwnedNames(physicalNames(long)),
                // Every role a stack may pass: the link's, backup's, Chatbot's, the front-door probe's (to Lambda and to
                // Synthetics), and the capacity schedules' (to EventBridge Scheduler).
                serviceRoles: [
                    ...["hybrid-failover", "hybrid-node", "backup", "dlm", "chatbot"].map((r) => ({ roleName: `${long}-${r}`, service: "lambda.amazonaws.com" })),
                    ...["lambda.amazonaws.com", "synthetics.amazonaws.com"].map((service) => ({ roleName: `${long}-front-door-probe`, service })),
                    { roleName: `${long}-capacity-scheduler`, service: "scheduler.amazonaws.com" },
                ],
                attachableAwsManagedPolicies: [
                    "service-role/AWSBackupServiceRolePolicyForBackup",
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                    "service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement",
                ],
            };
            const { iam: iamPart, infrastructure, passRoles } = splitDeployPolicy(deployPolicy(ctx, scope));
            // The scheduler's role is in the documents measured (the pass part), once.
            const scheduler = `arn:aws-us-gov:iam::${ACCOUNT}:role/${long}-capacity-scheduler`;
            expect(passRoles.Statement.filter((st) => st.Resource?.includes(scheduler)).map((st) => st.Condition)).to.deep.equal([
                { StringEquals: { "iam:PassedToService": "scheduler.amazonaws.com" } },
            ]);
            for (const [name, doc] of Object.entries({ ...identity(), iamPart, infrastructure, passRoles, preview: previewPolicy(ctx, { namePrefix: long, stateBackend: STATE, secretsKmsKeyArn: SECRETS_KEY }) })) {
                expect(managedPolicySize(doc), name).to.be.at.most(MANAGED_POLICY_MAX_CHARACTERS);
            }
            // Room left: one passed role's statement, counted by hand for the scheduler's role:
            // {"Sid":"PassServiceRole8",  26 + "Effect":"Allow",  17 + "Action":["iam:PassRole"],  26 + "Resource":["<arn>"],  16
            // + "Condition":{"StringEquals":{"iam:PassedToService":"scheduler.amazonaws.com"}}}  79 = 164 around the ARN;
            // the ARN: "arn:aws-us-gov:iam::111122223333:" 33 + "role/" 5 + the prefix 33 + "-capacity-scheduler" 19 = 90;
            // and the comma before it: 164 + 90 + 1 = 255.
            const onePass = 255;
            // The IAM and infrastructure parts keep room for one more statement of that size; the pass part, which grows
            // by one statement per role a stack passes, for ten more roles.
            expect(managedPolicySize(iamPart), "IAM part").to.be.at.most(MANAGED_POLICY_MAX_CHARACTERS - onePass);
            expect(managedPolicySize(infrastructure), "infrastructure part").to.be.at.most(MANAGED_POLICY_MAX_CHARACTERS - onePass);
            expect(managedPolicySize(passRoles), "pass part").to.be.at.most(MANAGED_POLICY_MAX_CHARACTERS - 10 * onePass);
            // Taking the scheduler's role away takes exactly its statement away (the count above is the one IAM makes).
            const without = splitDeployPolicy(deployPolicy(ctx, { ...scope, serviceRoles: scope.serviceRoles!.slice(0, -1) })).passRoles;
            expect(managedPolicySize(passRoles) - managedPolicySize(without)).to.equal(onePass);
            expect(managedPolicySize({ Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] }] })).to.equal(
                '{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}'.length,
            );
        });

        it("split the deploy policy in three without losing, changing or duplicating a statement; the denies travel with the IAM part, passing with the pass part", () => {
            const { iam: iamPart, infrastructure, passRoles } = splitDeployPolicy(DEPLOY());
            const bySid = (a: { Sid?: string }, b: { Sid?: string }) => String(a.Sid).localeCompare(String(b.Sid));
            expect([...iamPart.Statement, ...infrastructure.Statement, ...passRoles.Statement].sort(bySid)).to.deep.equal([...DEPLOY().Statement].sort(bySid));
            expect([...infrastructure.Statement, ...passRoles.Statement].filter((s) => s.Effect === "Deny")).to.deep.equal([]);
            expect(iamPart.Statement.filter((s) => s.Effect === "Deny").map((s) => s.Sid)).to.deep.equal([
                "DenyChangesToAdministratorOwnedIam",
                "DenyGroupChangesButMembership",
                "DenyUsersInlinePoliciesAndAccountIam",
            ]);
            // DEPLOY_SCOPE passes the instance role and one service role (the failover function's).
            expect(passRoles.Statement.map((s) => s.Sid)).to.deep.equal(["PassOnlyTheInstanceRoleToEc2", "PassServiceRole1", "CreateServiceLinkedRoles"]);
            const passing = (d: PolicyDocument) => d.Statement.flatMap((s) => s.Action ?? []).filter((a) => a === "iam:PassRole" || a === "iam:CreateServiceLinkedRole");
            expect(passing(iamPart).concat(passing(infrastructure))).to.deep.equal([]);
        });

        it("the deploy role is denied every change to each of its three policies (they are administrator-owned)", () => {
            const deny = DEPLOY().Statement.find((s) => s.Sid === "DenyChangesToAdministratorOwnedIam")!;
            for (const key of ["deploy-access", "deploy-iam-access", "deploy-pass-access"] as const) {
                expect(ADMINISTRATOR_OWNED.policies, key).to.include(key);
                expect(deny.Resource, key).to.include(iam(`policy/${PREFIX}-${key}`));
            }
        });
    });
});

describe("the access-control README's table of who may do what", () => {
    const readme = fs.readFileSync(path.join(__dirname, "..", "components", "access-control", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Who may do what"), readme.indexOf("## Signing in"));

    it("names every policy and role the component creates", () => {
        for (const key of [...POLICY_KEYS, ...ROLE_KEYS]) expect(section, key).to.contain(`\`${key}\``);
    });

    it("lists exactly what only an administrator's deploy changes", () => {
        const paragraph = section.slice(section.indexOf("**What only an administrator's deploy changes**"), section.indexOf("Every row is evaluated"));
        const named = (kind: string) => {
            const m = new RegExp(`the ${kind}\\s([^;]+);`).exec(paragraph);
            expect(m, kind).to.not.equal(null);
            return [...m![1].matchAll(/`([a-z-]+)`/g)].map((x) => x[1]).sort();
        };
        expect(named("roles")).to.deep.equal([...ADMINISTRATOR_OWNED.roles].sort());
        expect(named("policies")).to.deep.equal([...ADMINISTRATOR_OWNED.policies].sort());
    });
});
