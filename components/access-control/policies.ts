/**
 * Every IAM policy document of the component, built by typed pure functions and
 * emitted with JSON.stringify. The component only feeds them account facts and ARNs.
 *
 * Conventions: Action, NotAction and Resource are always arrays; condition values are
 * strings (as IAM stores them); every statement has a Sid of letters and digits.
 */

import { USER_STORE_ITEM_ACTIONS, userStoreClientPolicy } from "@kgsports/user-store/pure";
import type { UserStoreClientScope } from "@kgsports/user-store/pure";

// ---------------------------------------------------------------- document types

export type PolicyEffect = "Allow" | "Deny";

/** The condition operators this component uses. */
export type ConditionOperator =
    | "Bool"
    | "BoolIfExists"
    | "NumericLessThan"
    | "NumericGreaterThanEquals"
    | "NumericGreaterThanEqualsIfExists"
    | "Null"
    | "StringEquals"
    | "StringLike"
    | "ArnLike";

/** `{operator: {key: value | values}}` */
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, string | string[]>>>;

export type PolicyPrincipal = { AWS: string[] } | { Service: string[] } | { Federated: string };

interface StatementBase {
    /** Letters and digits only (IAM's rule); unique within a document. */
    Sid: string;
    Effect: PolicyEffect;
    /** Identity policies only (trust policies have none). */
    Resource?: string[];
    /** Trust policies only. */
    Principal?: PolicyPrincipal;
    Condition?: PolicyCondition;
}

/** A statement lists either the actions it covers or (for the force-MFA deny) the ones it does not. */
export type PolicyStatement = StatementBase & ({ Action: string[]; NotAction?: never } | { NotAction: string[]; Action?: never });

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Where the policies apply: from `aws.getPartitionOutput`, `getCallerIdentityOutput`, `getRegionOutput` or args. */
export interface AccountContext {
    partition: string;
    accountId: string;
    region: string;
}

/** The JSON text IAM receives. */
export function policyJson(document: PolicyDocument): string {
    return JSON.stringify(document);
}

/** A document of these statements. */
export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

// ---------------------------------------------------------------- ARNs and matching

export function iamArn(ctx: AccountContext, resource: string): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:${resource}`;
}

/** Every principal of this account (the account delegates; the principals' own policies decide). */
export function accountRootArn(ctx: AccountContext): string {
    return iamArn(ctx, "root");
}

/** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<prefix>*` */
export function alarmArnPattern(ctx: AccountContext, alarmNamePrefix: string): string {
    return `arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${alarmNamePrefix}*`;
}

/** CloudWatch dashboards are global: their ARN has no region. */
export function dashboardArnPattern(ctx: AccountContext): string {
    return `arn:${ctx.partition}:cloudwatch::${ctx.accountId}:dashboard/*`;
}

/** AWS's public Amazon Linux AMI parameters (public parameters have no account in their ARN). */
export function amiParameterArnPattern(ctx: AccountContext): string {
    return `arn:${ctx.partition}:ssm:${ctx.region}::parameter/aws/service/ami-amazon-linux-latest/*`;
}

/**
 * Whether an IAM action pattern (`service:Verb*`, `*`) covers an action. IAM matches
 * actions case-insensitively, with `*` for any run of characters and `?` for one.
 */
export function iamActionMatches(pattern: string, action: string): boolean {
    const source = pattern
        .split("")
        .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
        .join("");
    return new RegExp(`^${source}$`, "i").test(action);
}

// ---------------------------------------------------------------- force MFA (every human group)

/**
 * What a user may do before signing in with MFA: set up their own MFA device (the
 * list AWS documents for "Allows MFA-authenticated IAM users to manage their own MFA
 * device on the Security credentials page"), plus change their own password and read
 * the password rules, so a first sign-in with a temporary password works.
 */
export const FORCE_MFA_EXEMPT_ACTIONS: readonly string[] = [
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:GetUser",
    "iam:ListMFADevices",
    "iam:ListVirtualMFADevices",
    "iam:ResyncMFADevice",
    "sts:GetSessionToken",
    "iam:ChangePassword",
    "iam:GetAccountPasswordPolicy",
];

/** The policy variable IAM replaces with the signed-in user's name (kept literal in JSON). */
export const OWN_USER = "${aws:username}";

/**
 * Self-service MFA and password for the signed-in user only, and a deny of everything
 * else while the request is not MFA-authenticated. `BoolIfExists ... false` also
 * matches long-term access keys (where the key is absent), so the CLI needs MFA too.
 */
export function forceMfaPolicy(ctx: AccountContext): PolicyDocument {
    const ownUser = iamArn(ctx, `user/${OWN_USER}`);
    return policyDocument(
        {
            Sid: "AllowViewAccountInfo",
            Effect: "Allow",
            // Neither action supports resource-level permissions.
            Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
            Resource: ["*"],
        },
        {
            Sid: "AllowCreateOwnVirtualMFADevice",
            Effect: "Allow",
            Action: ["iam:CreateVirtualMFADevice"],
            Resource: [iamArn(ctx, "mfa/*")],
        },
        {
            Sid: "AllowManageOwnUserMFAAndPassword",
            Effect: "Allow",
            Action: ["iam:ChangePassword", "iam:EnableMFADevice", "iam:GetUser", "iam:ListMFADevices", "iam:ResyncMFADevice"],
            Resource: [ownUser],
        },
        {
            Sid: "AllowDeactivateOwnMFAOnlyWithMFA",
            Effect: "Allow",
            Action: ["iam:DeactivateMFADevice"],
            Resource: [ownUser],
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
        {
            Sid: "DenyAllExceptListedIfNoMFA",
            Effect: "Deny",
            NotAction: [...FORCE_MFA_EXEMPT_ACTIONS],
            Resource: ["*"],
            Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    );
}

// ---------------------------------------------------------------- MFA conditions

/** MFA used, and used less than `maxMfaAgeSeconds` ago. */
export function recentMfaCondition(maxMfaAgeSeconds: number): PolicyCondition {
    return {
        Bool: { "aws:MultiFactorAuthPresent": "true" },
        NumericLessThan: { "aws:MultiFactorAuthAge": String(maxMfaAgeSeconds) },
    };
}

// ---------------------------------------------------------------- administrators

/** The one `"*"` on `"*"` of the component, and only with a recent MFA sign-in. */
export function administratorPolicy(maxMfaAgeSeconds: number): PolicyDocument {
    return policyDocument({
        Sid: "AdministerWithRecentMfa",
        Effect: "Allow",
        Action: ["*"],
        Resource: ["*"],
        Condition: recentMfaCondition(maxMfaAgeSeconds),
    });
}

// ---------------------------------------------------------------- read-only

/**
 * Configuration reads of the services the platform uses, each named: no wildcard, so
 * an action AWS adds later (or one that a `List*` pattern would sweep in, such as
 * `backup:ListIndexedRecoveryPointsForSearch`, a permissions-management write) is never
 * granted by accident. Every one is a Read or List action in AWS's catalogue (pinned by
 * a test), and none returns data: no object, secret, parameter value, decrypted or log
 * event content. (EC2 user data is configuration and is readable through
 * DescribeLaunchTemplateVersions: never put secrets in user data.)
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
    // Network, instances and their templates
    "ec2:DescribeVpcs",
    "ec2:DescribeSubnets",
    "ec2:DescribeRouteTables",
    "ec2:DescribeInternetGateways",
    "ec2:DescribeNatGateways",
    "ec2:DescribeAddresses",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSecurityGroupRules",
    "ec2:DescribeNetworkAcls",
    "ec2:DescribeInstances",
    "ec2:DescribeInstanceStatus",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeLaunchTemplates",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:DescribeImages",
    "ec2:DescribeVolumes",
    "ec2:DescribeSnapshots",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeVpnGateways",
    "ec2:DescribeCustomerGateways",
    "ec2:DescribeTags",
    // The fleet
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribeAutoScalingInstances",
    "autoscaling:DescribeScheduledActions",
    "autoscaling:DescribePolicies",
    "autoscaling:DescribeScalingActivities",
    "autoscaling:DescribeWarmPool",
    "autoscaling:DescribeLifecycleHooks",
    "autoscaling:DescribeInstanceRefreshes",
    "autoscaling:DescribeTags",
    // The load balancer
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeListenerAttributes",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetGroupAttributes",
    "elasticloadbalancing:DescribeTargetHealth",
    "elasticloadbalancing:DescribeTags",
    // Monitoring
    "cloudwatch:DescribeAlarms",
    "cloudwatch:DescribeAlarmHistory",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "cloudwatch:GetDashboard",
    "cloudwatch:ListDashboards",
    "cloudwatch:ListTagsForResource",
    "logs:DescribeLogGroups",
    "logs:DescribeMetricFilters",
    "logs:ListTagsForResource",
    "sns:ListTopics",
    "sns:ListSubscriptions",
    "sns:ListSubscriptionsByTopic",
    "sns:ListTagsForResource",
    "sns:GetTopicAttributes",
    "sns:GetSubscriptionAttributes",
    // Backups
    "backup:DescribeBackupVault",
    "backup:ListBackupVaults",
    "backup:GetBackupPlan",
    "backup:ListBackupPlans",
    "backup:GetBackupSelection",
    "backup:ListBackupSelections",
    "backup:ListBackupJobs",
    "backup:DescribeBackupJob",
    "backup:ListRecoveryPointsByBackupVault",
    "backup:DescribeRecoveryPoint",
    "backup:GetBackupVaultNotifications",
    "backup:ListTags",
    "dlm:GetLifecyclePolicies",
    "dlm:GetLifecyclePolicy",
    // Managed instances (the on-premise servers) and parameter names (not values)
    "ssm:DescribeInstanceInformation",
    "ssm:DescribeParameters",
];

/**
 * Reads that return data or secrets rather than configuration; the read-only group is
 * denied them explicitly (so a broader policy attached by hand still cannot read data).
 * `ec2:DescribeVpnConnections` is here because its customer gateway configuration
 * carries the tunnels' pre-shared keys.
 */
export const DATA_READ_ACTIONS: readonly string[] = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "ssm:GetCommandInvocation",
    "kms:Decrypt",
    "logs:GetLogEvents",
    "logs:FilterLogEvents",
    "logs:GetLogRecord",
    "logs:StartQuery",
    "logs:GetQueryResults",
    "logs:StartLiveTail",
    "ec2:GetPasswordData",
    "ec2:GetConsoleOutput",
    "ec2:GetConsoleScreenshot",
    "ec2:DescribeVpnConnections",
    "lambda:GetFunction",
    "lambda:GetFunctionConfiguration",
];

/**
 * Allow the configuration reads; deny the data reads explicitly, so that a broader
 * policy attached to a read-only user by hand still cannot read data.
 */
export function readOnlyPolicy(): PolicyDocument {
    return policyDocument(
        { Sid: "ReadPlatformConfiguration", Effect: "Allow", Action: [...READ_ONLY_ACTIONS], Resource: ["*"] },
        { Sid: "DenyDataReads", Effect: "Deny", Action: [...DATA_READ_ACTIONS], Resource: ["*"] },
    );
}

// ---------------------------------------------------------------- matchday operator

/** The operators group may assume the matchday operator role, and nothing else. */
export function assumeOperatorPolicy(operatorRoleArn: string): PolicyDocument {
    return policyDocument({ Sid: "AssumeMatchdayOperatorRoleOnly", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [operatorRoleArn] });
}

/** Principals of this account, with MFA used less than `maxMfaAgeSeconds` ago. */
export function operatorTrustPolicy(ctx: AccountContext, maxMfaAgeSeconds: number): PolicyDocument {
    return policyDocument({
        Sid: "AccountPrincipalsWithRecentMfa",
        Effect: "Allow",
        Principal: { AWS: [accountRootArn(ctx)] },
        Action: ["sts:AssumeRole"],
        Condition: recentMfaCondition(maxMfaAgeSeconds),
    });
}

/**
 * What an operator changes during a match window without conditions; all support
 * resource-level permissions. SetDesiredCapacity cannot go below the group's current
 * minimum (AWS refuses it), so it cannot undo a match floor. Deleting scheduled actions
 * is not among them: the pre-warm and release actions belong to the stack.
 */
export const OPERATOR_SCALING_ACTIONS: readonly string[] = [
    "autoscaling:SetDesiredCapacity",
    "autoscaling:StartInstanceRefresh",
    "autoscaling:CancelInstanceRefresh",
];
/** Size changes, allowed only upwards of the stack's own sizes (see {@link operatorPolicy}). */
export const OPERATOR_SIZE_ACTIONS: readonly string[] = ["autoscaling:UpdateAutoScalingGroup", "autoscaling:PutScheduledUpdateGroupAction"];
export const OPERATOR_ALARM_ACTIONS: readonly string[] = ["cloudwatch:DisableAlarmActions", "cloudwatch:EnableAlarmActions"];

/**
 * What an operator reads. AWS supports no resource-level permissions for these (the
 * Describe actions of Auto Scaling and Elastic Load Balancing, ListDashboards and the
 * metric reads), and DescribeAlarms returns composite alarms only when granted on "*";
 * so they are granted on "*", limited to the region. Each is named (no wildcard).
 */
export const OPERATOR_READ_ACTIONS: readonly string[] = [
    "cloudwatch:ListDashboards",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "cloudwatch:DescribeAlarms",
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribeAutoScalingInstances",
    "autoscaling:DescribeScheduledActions",
    "autoscaling:DescribeScalingActivities",
    "autoscaling:DescribeWarmPool",
    "autoscaling:DescribeInstanceRefreshes",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeListeners",
    "elasticloadbalancing:DescribeRules",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTargetHealth",
];

/**
 * Auto Scaling condition keys of the group settings an operator may not change
 * through UpdateAutoScalingGroup: what instances run and where (that is a deploy's).
 * Each must be absent from the request (`Null: true`).
 */
export const OPERATOR_FORBIDDEN_GROUP_KEYS: readonly string[] = [
    "autoscaling:LaunchTemplateVersionSpecified",
    "autoscaling:LaunchConfigurationName",
    "autoscaling:ImageId",
    "autoscaling:InstanceTypes",
    "autoscaling:VPCZoneIdentifiers",
];

export interface OperatorScope {
    /** ARNs (or ARN patterns) of the Auto Scaling groups operators may scale. */
    autoScalingGroupArns: string[];
    /** Operators may silence and resume alarms whose names start with this. */
    alarmNamePrefix: string;
    /** The stack's minimum size: an operator may set a minimum at or above it, never below. */
    groupMinSize: number;
    /** The stack's maximum size: an operator may set a maximum at or above it, never below. */
    groupMaxSize: number;
}

/**
 * The operator role. Sizes only go up: UpdateAutoScalingGroup (the direct way to raise
 * the minimum during a match) and PutScheduledUpdateGroupAction are allowed only with
 * `autoscaling:MinSize >= groupMinSize` and `autoscaling:MaxSize >= groupMaxSize`.
 * IAM reads a size the request leaves out as a missing key: UpdateAutoScalingGroup
 * without MinSize leaves the minimum as it is, so it may omit it (`...IfExists`); a
 * scheduled action without MinSize would overwrite a stack's pre-warm of the same name
 * with one that raises nothing, so PutScheduledUpdateGroupAction must send MinSize.
 * IAM cannot see the current minimum or an action's name, so an operator can still put
 * an action with a minimum between the stack's minimum and a match floor (the README
 * says what the next deploy does about it).
 */
/**
 * The operator role's permissions boundary: the most the role can ever do, whatever
 * CI writes into its access policy (which carries the size conditions and follows the
 * stack's sizes, so CI updates it): the same actions on the same groups and alarms,
 * without the size conditions. Only an administrator's deploy changes it.
 */
export function operatorBoundaryPolicy(ctx: AccountContext, scope: Pick<OperatorScope, "autoScalingGroupArns" | "alarmNamePrefix">): PolicyDocument {
    return policyDocument(
        {
            Sid: "MatchdayGroupsAtMost",
            Effect: "Allow",
            Action: [...OPERATOR_SCALING_ACTIONS, ...OPERATOR_SIZE_ACTIONS],
            Resource: [...scope.autoScalingGroupArns],
        },
        { Sid: "MatchdayAlarmsAtMost", Effect: "Allow", Action: [...OPERATOR_ALARM_ACTIONS], Resource: [alarmArnPattern(ctx, scope.alarmNamePrefix)] },
        { Sid: "DashboardsAtMost", Effect: "Allow", Action: ["cloudwatch:GetDashboard"], Resource: [dashboardArnPattern(ctx)] },
        {
            Sid: "ReadsAtMost",
            Effect: "Allow",
            Action: [...OPERATOR_READ_ACTIONS],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
    );
}

export function operatorPolicy(ctx: AccountContext, scope: OperatorScope): PolicyDocument {
    const min = String(scope.groupMinSize);
    const max = String(scope.groupMaxSize);
    return policyDocument(
        {
            Sid: "ScaleAndRefreshMatchdayGroups",
            Effect: "Allow",
            Action: [...OPERATOR_SCALING_ACTIONS],
            Resource: [...scope.autoScalingGroupArns],
        },
        {
            Sid: "RaiseGroupSizesOnly",
            Effect: "Allow",
            Action: ["autoscaling:UpdateAutoScalingGroup"],
            Resource: [...scope.autoScalingGroupArns],
            Condition: {
                NumericGreaterThanEqualsIfExists: { "autoscaling:MinSize": min, "autoscaling:MaxSize": max },
                Null: Object.fromEntries(OPERATOR_FORBIDDEN_GROUP_KEYS.map((k) => [k, "true"])),
            },
        },
        {
            Sid: "ScheduleRaisesOnly",
            Effect: "Allow",
            Action: ["autoscaling:PutScheduledUpdateGroupAction"],
            Resource: [...scope.autoScalingGroupArns],
            Condition: {
                NumericGreaterThanEquals: { "autoscaling:MinSize": min },
                NumericGreaterThanEqualsIfExists: { "autoscaling:MaxSize": max },
            },
        },
        {
            Sid: "SilenceAndResumeMatchdayAlarms",
            Effect: "Allow",
            Action: [...OPERATOR_ALARM_ACTIONS],
            Resource: [alarmArnPattern(ctx, scope.alarmNamePrefix)],
        },
        {
            Sid: "ReadDashboards",
            Effect: "Allow",
            Action: ["cloudwatch:GetDashboard"],
            Resource: [dashboardArnPattern(ctx)],
        },
        {
            Sid: "ReadMetricsAlarmsAndFleet",
            Effect: "Allow",
            Action: [...OPERATOR_READ_ACTIONS],
            // No resource-level permissions for these: see OPERATOR_READ_ACTIONS.
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
    );
}

// ---------------------------------------------------------------- web instances

/**
 * The web instances' own launch lifecycle hook: complete it on their groups only, and
 * look up which group they are in (DescribeAutoScalingInstances has no resource-level
 * permissions, so it is on "*"; it reveals group names, nothing else).
 */
export function instanceLifecyclePolicy(groupArns: string[]): PolicyDocument {
    return policyDocument(
        { Sid: "CompleteOwnLaunchHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: groupArns },
        { Sid: "FindOwnGroup", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: ["*"] },
    );
}

/** What the web instances' CloudWatch agent reads and writes: its configuration, its log groups, its metric namespace. */
export interface CloudWatchAgentScope {
    /** The SSM parameter holding the agent's configuration (`AmazonCloudWatch-...`). */
    configParameterName: string;
    /** Log groups the agent ships to (created by the stack, so the agent never creates or changes one). */
    logGroupNames: string[];
    /** The namespace of the agent's metrics. */
    metricNamespace: string;
}

/**
 * The CloudWatch agent's own document, instead of the AWS managed
 * CloudWatchAgentServerPolicy (which lets an instance read every `AmazonCloudWatch-*`
 * parameter and set the retention of every log group, so a compromised instance could
 * shorten audit log retention): read its one configuration parameter, write log events
 * into its log groups only, put metrics into its namespace only, and describe the tags
 * and volumes it needs for its dimensions (read-only, no resource-level permissions).
 */
export function instanceAgentPolicy(ctx: AccountContext, agent: CloudWatchAgentScope): PolicyDocument {
    return policyDocument(
        {
            Sid: "ReadOwnAgentConfiguration",
            Effect: "Allow",
            Action: ["ssm:GetParameter"],
            Resource: [`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/${agent.configParameterName}`],
        },
        {
            Sid: "WriteOwnLogGroups",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: agent.logGroupNames.map((g) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${g}:*`),
        },
        {
            Sid: "PutOwnMetrics",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": agent.metricNamespace } },
        },
        {
            Sid: "DescribeForDimensions",
            Effect: "Allow",
            Action: ["ec2:DescribeTags", "ec2:DescribeVolumes"],
            Resource: ["*"],
        },
    );
}

/**
 * Session Manager on the web instances, instead of the AWS managed
 * AmazonSSMManagedInstanceCore (which also lets an instance read every parameter of the
 * account, SecureStrings included): what AWS documents as the instance permissions
 * Session Manager needs, registering only as an instance of this account and region.
 * (No S3 or KMS: session logging to S3 and session encryption are not configured.)
 */
export const SESSION_MANAGER_CHANNEL_ACTIONS: readonly string[] = [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];

export function instanceSessionPolicy(ctx: AccountContext): PolicyDocument {
    return policyDocument(
        {
            Sid: "RegisterAsManagedInstance",
            Effect: "Allow",
            Action: ["ssm:UpdateInstanceInformation"],
            Resource: [`arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:instance/*`],
        },
        {
            Sid: "OpenSessionManagerChannels",
            Effect: "Allow",
            // No resource-level permissions for these.
            Action: [...SESSION_MANAGER_CHANNEL_ACTIONS],
            Resource: ["*"],
        },
    );
}

// ---------------------------------------------------------------- the user store's clients

/**
 * The item actions a client of the UserStore gets: the store's own list (it owns what its
 * clients need), which the workload boundary and the deploy role's restore rights name too.
 */
export { USER_STORE_ITEM_ACTIONS };

/** The ARNs of the store's tables (`table/<pattern>`), one per pattern of the scope. */
export function userStoreTableArns(ctx: AccountContext, scope: Pick<UserStoreClientScope, "tableNamePatterns">): string[] {
    return scope.tableNamePatterns.map((t) => `arn:${ctx.partition}:dynamodb:${ctx.region}:${ctx.accountId}:table/${t}`);
}

/** The store's tables and their indexes (`table/<pattern>/index/*`): what a query names. */
export function userStoreTableAndIndexArns(ctx: AccountContext, scope: Pick<UserStoreClientScope, "tableNamePatterns">): string[] {
    return userStoreTableArns(ctx, scope).flatMap((t) => [t, `${t}/index/*`]);
}

/**
 * A client of the UserStore (the web instance role; the on-premise servers' SSM role):
 * the item actions on the store's tables and their indexes, the table's own key only
 * through DynamoDB and only for those tables (`kms:ViaService`, and the encryption
 * context DynamoDB sends: `aws:dynamodb:tableName`), and the parameters under the
 * store's path (table name, endpoint URL). The document is the store's own
 * (`userStoreClientPolicy`: the store owns what its clients need); AccessControl attaches
 * it, and its workload boundary allows the same tables, from the same scope, which exists
 * (names from the prefix) before the store does.
 */
export function instanceUserStorePolicy(ctx: AccountContext, scope: UserStoreClientScope): PolicyDocument {
    return userStoreClientPolicy(ctx, scope) as PolicyDocument;
}

export function instanceTrustPolicy(): PolicyDocument {
    return policyDocument({ Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] });
}
