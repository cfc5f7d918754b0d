/**
 * Every IAM policy document of the component, built by typed pure functions and
 * emitted with JSON.stringify. The component only feeds them account facts and ARNs.
 *
 * Conventions: Action, NotAction and Resource are always arrays; condition values are
 * strings (as IAM stores them); every statement has a Sid of letters and digits.
 */
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "./githubOidc";

// ---------------------------------------------------------------- document types

export type PolicyEffect = "Allow" | "Deny";

/** The condition operators this component uses. */
export type ConditionOperator = "Bool" | "BoolIfExists" | "NumericLessThan" | "StringEquals" | "ArnLike";

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

function document(...statements: PolicyStatement[]): PolicyDocument {
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

/** The AWS managed policies of the web instances (partition-aware form of `aws.iam.ManagedPolicy`). */
export function instanceManagedPolicyArns(partition: string): string[] {
    return [
        `arn:${partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
        `arn:${partition}:iam::aws:policy/CloudWatchAgentServerPolicy`,
    ];
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
    return document(
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
    return document({
        Sid: "AdministerWithRecentMfa",
        Effect: "Allow",
        Action: ["*"],
        Resource: ["*"],
        Condition: recentMfaCondition(maxMfaAgeSeconds),
    });
}

// ---------------------------------------------------------------- read-only

/**
 * Configuration reads of the services the platform uses. Only Describe/Get/List verbs,
 * and none that returns data: no object, secret, parameter value, decrypted or log
 * event content. (EC2 user data is configuration and is readable through
 * ec2:Describe*: never put secrets in user data.)
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
    "ec2:Describe*",
    "autoscaling:Describe*",
    "elasticloadbalancing:Describe*",
    "cloudwatch:Describe*",
    "cloudwatch:Get*",
    "cloudwatch:List*",
    "logs:Describe*",
    "logs:ListTagsForResource",
    "sns:ListTopics",
    "sns:ListSubscriptions",
    "sns:ListSubscriptionsByTopic",
    "sns:ListTagsForResource",
    "sns:GetTopicAttributes",
    "sns:GetSubscriptionAttributes",
    "backup:Describe*",
    "backup:List*",
    "ssm:Describe*",
];

/** Reads that return data rather than configuration; the read-only group never gets them. */
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
];

/** Verbs a read-only action may start with. */
export const READ_VERBS: readonly string[] = ["Describe", "Get", "List"];

/**
 * Allow the configuration reads; deny the data reads explicitly, so that a broader
 * policy attached to a read-only user by hand still cannot read data.
 */
export function readOnlyPolicy(): PolicyDocument {
    return document(
        { Sid: "ReadPlatformConfiguration", Effect: "Allow", Action: [...READ_ONLY_ACTIONS], Resource: ["*"] },
        { Sid: "DenyDataReads", Effect: "Deny", Action: [...DATA_READ_ACTIONS], Resource: ["*"] },
    );
}

// ---------------------------------------------------------------- matchday operator

/** The operators group may assume the matchday operator role, and nothing else. */
export function assumeOperatorPolicy(operatorRoleArn: string): PolicyDocument {
    return document({ Sid: "AssumeMatchdayOperatorRoleOnly", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [operatorRoleArn] });
}

/** Principals of this account, with MFA used less than `maxMfaAgeSeconds` ago. */
export function operatorTrustPolicy(ctx: AccountContext, maxMfaAgeSeconds: number): PolicyDocument {
    return document({
        Sid: "AccountPrincipalsWithRecentMfa",
        Effect: "Allow",
        Principal: { AWS: [accountRootArn(ctx)] },
        Action: ["sts:AssumeRole"],
        Condition: recentMfaCondition(maxMfaAgeSeconds),
    });
}

/**
 * What an operator changes during a match window; all support resource-level
 * permissions. Deleting scheduled actions is not among them: the pre-warm and release
 * actions belong to the stack, and a deleted pre-warm silently drops a match's floor
 * until the next deploy. An operator overrides one by putting another.
 */
export const OPERATOR_SCALING_ACTIONS: readonly string[] = [
    "autoscaling:SetDesiredCapacity",
    "autoscaling:StartInstanceRefresh",
    "autoscaling:CancelInstanceRefresh",
    "autoscaling:PutScheduledUpdateGroupAction",
];
export const OPERATOR_ALARM_ACTIONS: readonly string[] = ["cloudwatch:DisableAlarmActions", "cloudwatch:EnableAlarmActions"];

/**
 * What an operator reads. AWS supports no resource-level permissions for these (the
 * Describe actions of Auto Scaling and Elastic Load Balancing, ListDashboards and the
 * metric reads), and DescribeAlarms returns composite alarms only when granted on "*";
 * so they are granted on "*", limited to the region.
 */
export const OPERATOR_READ_ACTIONS: readonly string[] = [
    "cloudwatch:ListDashboards",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:ListMetrics",
    "cloudwatch:DescribeAlarms",
    "autoscaling:Describe*",
    "elasticloadbalancing:Describe*",
];

export interface OperatorScope {
    /** ARNs (or ARN patterns) of the Auto Scaling groups operators may scale. */
    autoScalingGroupArns: string[];
    /** Operators may silence and resume alarms whose names start with this. */
    alarmNamePrefix: string;
}

export function operatorPolicy(ctx: AccountContext, scope: OperatorScope): PolicyDocument {
    return document(
        {
            Sid: "ScaleAndRefreshMatchdayGroups",
            Effect: "Allow",
            Action: [...OPERATOR_SCALING_ACTIONS],
            Resource: [...scope.autoScalingGroupArns],
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

// ---------------------------------------------------------------- deploy (GitHub Actions)

/** Only the configured workflow runs: exact audience and exact subject, no wildcards. */
export function deployTrustPolicy(oidcProviderArn: string, subject: string): PolicyDocument {
    return document({
        Sid: "GitHubActionsOfOneRepositoryRef",
        Effect: "Allow",
        Principal: { Federated: oidcProviderArn },
        Action: ["sts:AssumeRoleWithWebIdentity"],
        Condition: {
            StringEquals: {
                [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
                [`${GITHUB_OIDC_HOST}:sub`]: subject,
            },
        },
    });
}

/**
 * Regional services whose resources `pulumi up` of this program creates, updates and
 * deletes (VPC and security groups, load balancers, Auto Scaling, alarms and
 * dashboards, SNS topics, AWS Backup). Granted service-wide but only in the configured
 * region; none of them can grant IAM permissions, and every way they have to hand a
 * role to a service needs iam:PassRole, which the deploy role has only for the
 * instance role.
 */
export const DEPLOY_REGIONAL_SERVICES: readonly string[] = ["ec2", "elasticloadbalancing", "autoscaling", "cloudwatch", "sns", "backup", "backup-storage", "dlm"];

/** IAM actions on the component's own roles (`<prefix>-*`). No inline role policies. */
export const DEPLOY_ROLE_ACTIONS: readonly string[] = [
    "iam:CreateRole",
    "iam:DeleteRole",
    "iam:GetRole",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:UpdateAssumeRolePolicy",
    "iam:TagRole",
    "iam:UntagRole",
    "iam:ListRoleTags",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListInstanceProfilesForRole",
];
export const DEPLOY_INSTANCE_PROFILE_ACTIONS: readonly string[] = [
    "iam:CreateInstanceProfile",
    "iam:DeleteInstanceProfile",
    "iam:GetInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:TagInstanceProfile",
    "iam:UntagInstanceProfile",
    "iam:ListInstanceProfileTags",
];
export const DEPLOY_POLICY_ACTIONS: readonly string[] = [
    "iam:CreatePolicy",
    "iam:DeletePolicy",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListPolicyVersions",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
    "iam:ListPolicyTags",
    "iam:ListEntitiesForPolicy",
];
export const DEPLOY_GROUP_ACTIONS: readonly string[] = [
    "iam:CreateGroup",
    "iam:DeleteGroup",
    "iam:GetGroup",
    "iam:UpdateGroup",
    "iam:ListAttachedGroupPolicies",
    "iam:ListGroupPolicies",
    "iam:AddUserToGroup",
    "iam:RemoveUserFromGroup",
];
export const DEPLOY_ATTACH_ACTIONS: readonly string[] = [
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:AttachGroupPolicy",
    "iam:DetachGroupPolicy",
];

export interface DeployScope {
    /** The component's name prefix: IAM permissions cover `<prefix>-*` only. */
    namePrefix: string;
    /** The role the deploy role may pass to EC2 (the web instances'). */
    instanceRoleArn: string;
    /**
     * Further roles of the stack the deploy role may pass, each to one service only
     * (e.g. a failover function's role to `lambda.amazonaws.com`, on-premise servers'
     * role to `ssm.amazonaws.com`). Each must be a `<prefix>-*` role. Default: none.
     */
    serviceRoles?: { roleName: string; service: string }[];
    /**
     * AWS managed policies (the part after `policy/`, e.g.
     * `service-role/AWSBackupServiceRolePolicyForBackup`) the deploy role may attach to
     * the stack's own roles, besides the instances' two. Service-role policies only: never
     * AdministratorAccess or the like (refused by the component). Default: none.
     */
    attachableAwsManagedPolicies?: string[];
    /** The GitHub OIDC provider (read only: it is an account singleton an administrator changes). */
    oidcProviderArn: string;
}

export function deployPolicy(ctx: AccountContext, scope: DeployScope): PolicyDocument {
    const own = (kind: string) => iamArn(ctx, `${kind}/${scope.namePrefix}-*`);
    return document(
        {
            Sid: "ManagePlatformInfrastructureInRegion",
            Effect: "Allow",
            Action: DEPLOY_REGIONAL_SERVICES.map((s) => `${s}:*`),
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            Sid: "ReadPublicAmiParameters",
            Effect: "Allow",
            Action: ["ssm:GetParameter"],
            Resource: [amiParameterArnPattern(ctx)],
        },
        { Sid: "ManageOwnRoles", Effect: "Allow", Action: [...DEPLOY_ROLE_ACTIONS], Resource: [own("role")] },
        { Sid: "ManageOwnInstanceProfiles", Effect: "Allow", Action: [...DEPLOY_INSTANCE_PROFILE_ACTIONS], Resource: [own("instance-profile")] },
        { Sid: "ManageOwnPolicies", Effect: "Allow", Action: [...DEPLOY_POLICY_ACTIONS], Resource: [own("policy")] },
        { Sid: "ManageOwnGroups", Effect: "Allow", Action: [...DEPLOY_GROUP_ACTIONS], Resource: [own("group")] },
        {
            Sid: "AttachOnlyOwnAndInstancePolicies",
            Effect: "Allow",
            Action: [...DEPLOY_ATTACH_ACTIONS],
            Resource: [own("role"), own("group")],
            // Never AdministratorAccess or any policy outside the prefix.
            Condition: {
                ArnLike: {
                    "iam:PolicyARN": [
                        own("policy"),
                        ...instanceManagedPolicyArns(ctx.partition),
                        ...(scope.attachableAwsManagedPolicies ?? []).map((p) => `arn:${ctx.partition}:iam::aws:policy/${p}`),
                    ],
                },
            },
        },
        {
            Sid: "PassOnlyTheInstanceRoleToEc2",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [scope.instanceRoleArn],
            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
        ...(scope.serviceRoles ?? []).map((r, i) => ({
            Sid: `PassServiceRole${i + 1}`,
            Effect: "Allow" as const,
            Action: ["iam:PassRole"],
            Resource: [iamArn(ctx, `role/${r.roleName}`)],
            Condition: { StringEquals: { "iam:PassedToService": r.service } },
        })),
        {
            Sid: "ManageOwnFunctionsRulesAndLogs",
            Effect: "Allow",
            // Functions, EventBridge rules and log groups the stack names <prefix>-*.
            Action: ["lambda:*", "events:*", "logs:*"],
            Resource: [
                `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${scope.namePrefix}-*`,
                `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${scope.namePrefix}-*`,
                `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${scope.namePrefix}-*`,
            ],
        },
        {
            Sid: "ManageOwnBucketsAndAgentParameters",
            Effect: "Allow",
            // The monitoring's access-log bucket (<prefix>-*; configuration only, no objects)
            // and the CloudWatch agent's configuration parameter.
            Action: [
                "s3:*",
                "ssm:PutParameter",
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:DeleteParameter",
                "ssm:AddTagsToResource",
                "ssm:RemoveTagsFromResource",
                "ssm:ListTagsForResource",
            ],
            Resource: [
                `arn:${ctx.partition}:s3:::${scope.namePrefix}-*`,
                `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/AmazonCloudWatch-${scope.namePrefix}-*`,
            ],
        },
        {
            Sid: "CreateKeysAndOwnAliases",
            Effect: "Allow",
            // A key's later management is granted by its own key policy, which names this role
            // (the monitoring's key does): no tag-based grant, which tagging could widen.
            Action: ["kms:CreateKey", "kms:TagResource", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            Resource: [
                `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/*`,
                `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:alias/${scope.namePrefix}-*`,
            ],
        },
        {
            Sid: "CreateKeysInRegion",
            Effect: "Allow",
            // CreateKey has no resource yet.
            Action: ["kms:CreateKey"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            Sid: "ListLogGroupsAndManageActivations",
            Effect: "Allow",
            // No resource-level permissions for these: DescribeLogGroups lists names only; an
            // SSM hybrid activation has no ARN to scope to.
            Action: [
                "logs:DescribeLogGroups",
                "ssm:DescribeParameters",
                "kms:ListAliases",
                "ssm:CreateActivation",
                "ssm:DeleteActivation",
                "ssm:DescribeActivations",
                "ssm:AddTagsToResource",
                "ssm:RemoveTagsFromResource",
                "ssm:ListTagsForResource",
            ],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            Sid: "ReadGitHubOidcProvider",
            Effect: "Allow",
            Action: ["iam:GetOpenIDConnectProvider"],
            Resource: [scope.oidcProviderArn],
        },
        {
            Sid: "ReadPasswordPolicy",
            Effect: "Allow",
            // No resource-level permissions for this action.
            Action: ["iam:GetAccountPasswordPolicy"],
            Resource: ["*"],
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
    return document(
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
    return document(
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

export function instanceTrustPolicy(): PolicyDocument {
    return document({ Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] });
}
