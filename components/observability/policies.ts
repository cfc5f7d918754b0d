/**
 * The component's IAM documents (KMS key policy, SNS topic policies, the Chatbot role),
 * built by typed pure functions and emitted with JSON.stringify. The component only
 * feeds them account facts and names.
 *
 * Conventions: Action and Resource are arrays; condition values are strings; every
 * statement has a Sid of letters and digits.
 */

export type PolicyEffect = "Allow" | "Deny";
export type ConditionOperator = "Bool" | "StringEquals" | "StringNotEquals" | "StringNotEqualsIfExists" | "StringLike" | "ArnLike" | "ArnEquals";
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, string | string[]>>>;
export type PolicyPrincipal = "*" | { AWS: string[] } | { Service: string[] };

export interface PolicyStatement {
    Sid: string;
    Effect: PolicyEffect;
    /** Resource policies only (key, topic, bucket policies and trust policies). */
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

/** Where the documents apply: from `aws.getPartitionOutput`, `getCallerIdentityOutput`, `getRegionOutput`. */
export interface AccountContext {
    partition: string;
    accountId: string;
    region: string;
}

export function accountRootArn(ctx: AccountContext): string {
    return `arn:${ctx.partition}:iam::${ctx.accountId}:root`;
}

export function logGroupArn(ctx: AccountContext, name: string): string {
    return `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

export function topicArn(ctx: AccountContext, name: string): string {
    return `arn:${ctx.partition}:sns:${ctx.region}:${ctx.accountId}:${name}`;
}

/** Service principals that publish to the topics. */
export const PUBLISHERS = {
    cloudwatch: "cloudwatch.amazonaws.com",
    events: "events.amazonaws.com",
    backup: "backup.amazonaws.com",
} as const;

// ---------------------------------------------------------------- KMS key

export interface KeyPolicyScope {
    namePrefix: string;
    /** The log groups the key encrypts (exactly these, by the encryption context). */
    logGroupNames: string[];
    /** AWS Backup publishes to the warning topic (BackupPolicy present). */
    backup: boolean;
    /**
     * ARNs of the roles that administer the key by the key policy itself, e.g. a CI
     * deploy role whose IAM policy cannot name a key it has not created yet. Default: none.
     */
    administratorRoleArns?: string[];
}

/** What a publishing service needs of the key of an encrypted topic. */
export const TOPIC_PUBLISH_KEY_ACTIONS: readonly string[] = ["kms:GenerateDataKey*", "kms:Decrypt"];
/** What CloudWatch Logs needs of a log group's key (AWS's documented set). */
export const LOGS_KEY_ACTIONS: readonly string[] = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

/**
 * The key's policy: the account administers it through IAM; CloudWatch alarms and
 * EventBridge (and AWS Backup with a vault) may use it to publish to the encrypted
 * topics; CloudWatch Logs may use it for exactly the component's log groups.
 */
export function keyPolicy(ctx: AccountContext, scope: KeyPolicyScope): PolicyDocument {
    const publishers: string[] = [PUBLISHERS.cloudwatch, PUBLISHERS.events, ...(scope.backup ? [PUBLISHERS.backup] : [])];
    return document(
        {
            // Without this the key could become unmanageable: IAM policies of the account decide who administers it.
            Sid: "AccountAdministersTheKey",
            Effect: "Allow",
            Principal: { AWS: [accountRootArn(ctx)] },
            Action: ["kms:*"],
            Resource: ["*"],
        },
        ...((scope.administratorRoleArns ?? []).length > 0
            ? [{
                // The key policy itself lets these roles manage the key: their IAM policies need
                // no tag- or alias-based grant on keys (tag-based ones can be widened by tagging).
                Sid: "NamedRolesAdministerTheKey",
                Effect: "Allow" as const,
                Principal: { AWS: [...(scope.administratorRoleArns ?? [])] },
                Action: ["kms:*"],
                Resource: ["*"],
            }]
            : []),
        {
            Sid: "PublishersUseTheKeyForEncryptedTopics",
            Effect: "Allow",
            Principal: { Service: publishers },
            Action: [...TOPIC_PUBLISH_KEY_ACTIONS],
            Resource: ["*"],
            // No condition on purpose. A service principal can only use the key through SNS
            // for a publish the topic policy allowed, and the topic policies carry the
            // aws:SourceAccount / aws:SourceArn conditions. AWS's documented key statements
            // for these publishers have none, and a condition key the service does not send
            // (kms:CallerAccount breaks CloudWatch's publishes) silently drops every page.
        },
        {
            Sid: "CloudWatchLogsUsesTheKeyForTheLogGroups",
            Effect: "Allow",
            Principal: { Service: [`logs.${ctx.region}.amazonaws.com`] },
            Action: [...LOGS_KEY_ACTIONS],
            Resource: ["*"],
            Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": scope.logGroupNames.map((n) => logGroupArn(ctx, n)) } },
        },
    );
}

// ---------------------------------------------------------------- SNS topics

/** What the account's principals may do on a topic, subject to their own IAM policies (the default topic policy's set). */
export const TOPIC_OWNER_ACTIONS: readonly string[] = [
    "SNS:GetTopicAttributes",
    "SNS:SetTopicAttributes",
    "SNS:AddPermission",
    "SNS:RemovePermission",
    "SNS:DeleteTopic",
    "SNS:Subscribe",
    "SNS:ListSubscriptionsByTopic",
    "SNS:Publish",
];

export interface TopicPolicyScope {
    namePrefix: string;
    topicArn: string;
    /** AWS Backup may publish (the warning topic, with a vault). */
    backup: boolean;
}

/**
 * A topic's policy: the account (through IAM), CloudWatch alarms named `<prefix>-*`,
 * EventBridge rules named `<prefix>-*`, and AWS Backup when asked, all from this account
 * only.
 */
export function topicPolicy(ctx: AccountContext, scope: TopicPolicyScope): PolicyDocument {
    const sourceAccount = { "aws:SourceAccount": ctx.accountId };
    const statements: PolicyStatement[] = [
        {
            Sid: "AccountManagesThroughIam",
            Effect: "Allow",
            Principal: { AWS: [accountRootArn(ctx)] },
            Action: [...TOPIC_OWNER_ACTIONS],
            Resource: [scope.topicArn],
        },
        {
            Sid: "CloudWatchAlarmsOfThisStackPublish",
            Effect: "Allow",
            Principal: { Service: [PUBLISHERS.cloudwatch] },
            Action: ["sns:Publish"],
            Resource: [scope.topicArn],
            Condition: {
                StringEquals: sourceAccount,
                ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${scope.namePrefix}-*` },
            },
        },
        {
            Sid: "EventBridgeRulesOfThisStackPublish",
            Effect: "Allow",
            Principal: { Service: [PUBLISHERS.events] },
            Action: ["sns:Publish"],
            Resource: [scope.topicArn],
            Condition: {
                StringEquals: sourceAccount,
                ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${scope.namePrefix}-*` },
            },
        },
    ];
    if (scope.backup) {
        statements.push({
            Sid: "BackupOfThisAccountPublishes",
            Effect: "Allow",
            Principal: { Service: [PUBLISHERS.backup] },
            Action: ["sns:Publish"],
            Resource: [scope.topicArn],
            Condition: { StringEquals: sourceAccount },
        });
    }
    return document(...statements);
}

// ---------------------------------------------------------------- AWS Chatbot

/**
 * Chatbot may assume the channel's role. No source condition: AWS documents none for this
 * trust, and only a principal of this account with iam:PassRole on the role can put it in
 * a channel configuration.
 */
export function chatbotTrustPolicy(): PolicyDocument {
    return document({
        Sid: "ChatbotAssumesTheChannelRole",
        Effect: "Allow",
        Principal: { Service: ["chatbot.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
    });
}

/**
 * What the channel may do: read the alarms and metrics it shows in Slack, nothing else.
 * Used both as the role's policy and as the channel's guardrail (without a guardrail AWS
 * applies AdministratorAccess to the channel).
 */
export const CHATBOT_READ_ACTIONS: readonly string[] = [
    "cloudwatch:DescribeAlarms",
    "cloudwatch:DescribeAlarmHistory",
    "cloudwatch:GetMetricData",
    "cloudwatch:GetMetricStatistics",
    "cloudwatch:GetMetricWidgetImage",
    "cloudwatch:ListMetrics",
];

export function chatbotChannelPolicy(): PolicyDocument {
    return document({
        Sid: "ReadAlarmsAndMetricsForNotifications",
        Effect: "Allow",
        Action: [...CHATBOT_READ_ACTIONS],
        // These CloudWatch reads take no resource (DescribeAlarmHistory included, for composite alarms).
        Resource: ["*"],
    });
}
