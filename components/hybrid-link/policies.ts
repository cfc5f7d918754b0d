/**
 * The link's IAM documents, built by typed pure functions; the component feeds them
 * ARNs and account facts and emits them with JSON.stringify.
 */
import { FAILOVER_TAG_AUTOMATIC, FAILOVER_TAG_KEY } from "./failover/decide";

export type ConditionOperator = "StringEquals" | "ArnLike";
export type PolicyCondition = Partial<Record<ConditionOperator, Record<string, string | string[]>>>;

export interface PolicyStatement {
    /** Letters and digits only. */
    Sid: string;
    Effect: "Allow";
    Action: string[];
    Resource?: string[];
    Principal?: { Service: string[] };
    Condition?: PolicyCondition;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

function document(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** Where a document applies: from `aws.getPartitionOutput`, `getCallerIdentityOutput`, `getRegionOutput`. */
export interface AccountContext {
    partition: string;
    accountId: string;
    region: string;
}

// ---------------------------------------------------------------- failover function

/**
 * Every rule of a listener: `arn:...:listener/app/<lb>/<lb-id>/<listener-id>` becomes
 * `arn:...:listener-rule/app/<lb>/<lb-id>/<listener-id>/*`. Never throws (it runs inside
 * an `apply`, where an exception would stall the deployment): a value that is not a
 * listener ARN gives a pattern that matches no rule, and the function can delete nothing.
 */
export function listenerRuleArnPattern(listenerArn: string): string {
    return `${listenerArn.replace(":listener/", ":listener-rule/")}/*`;
}

/** Lambda may assume the function's role. */
export function lambdaTrustPolicy(): PolicyDocument {
    return document({ Sid: "LambdaAssumes", Effect: "Allow", Principal: { Service: ["lambda.amazonaws.com"] }, Action: ["sts:AssumeRole"] });
}

export interface FailoverFunctionResources {
    listenerArn: string;
    /** The three failover alarms. */
    alarmArns: string[];
    /** The function's own log group (without the `:*` suffix). */
    logGroupArn: string;
}

/**
 * What the failover function may do, and nothing more:
 * - read the three alarms' states;
 * - list the listener's rules and their tags (these read actions take no resource);
 * - create a rule on that one listener, only with the tag `kgsports:failover=automatic`
 *   (tagging allowed only as part of that create);
 * - delete or modify a rule of that listener only when it carries that tag, so neither a
 *   person's hold (`manual`) nor anyone else's rule can be changed by it (modify: a stale
 *   rule that forwards to a replaced cloud target group is pointed at the current one);
 * - write its own log group.
 */
export function failoverFunctionPolicy(r: FailoverFunctionResources): PolicyDocument {
    const rules = listenerRuleArnPattern(r.listenerArn);
    return document(
        { Sid: "ReadFailoverAlarms", Effect: "Allow", Action: ["cloudwatch:DescribeAlarms"], Resource: [...r.alarmArns] },
        { Sid: "ReadListenerRules", Effect: "Allow", Action: ["elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTags"], Resource: ["*"] },
        {
            Sid: "CreateFailoverRule",
            Effect: "Allow",
            Action: ["elasticloadbalancing:CreateRule"],
            Resource: [r.listenerArn],
            Condition: { StringEquals: { [`aws:RequestTag/${FAILOVER_TAG_KEY}`]: FAILOVER_TAG_AUTOMATIC } },
        },
        {
            Sid: "TagFailoverRuleOnCreate",
            Effect: "Allow",
            Action: ["elasticloadbalancing:AddTags"],
            Resource: [rules],
            Condition: { StringEquals: { "elasticloadbalancing:CreateAction": "CreateRule" } },
        },
        {
            Sid: "ChangeOwnFailoverRule",
            Effect: "Allow",
            Action: ["elasticloadbalancing:DeleteRule", "elasticloadbalancing:ModifyRule"],
            Resource: [rules],
            Condition: { StringEquals: { [`aws:ResourceTag/${FAILOVER_TAG_KEY}`]: FAILOVER_TAG_AUTOMATIC } },
        },
        { Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`${r.logGroupArn}:*`] },
    );
}

// ---------------------------------------------------------------- SSM hybrid activation

/**
 * Systems Manager may assume the on-premise servers' role, for this account's
 * activations only (the confused-deputy guard AWS documents for the hybrid service role).
 */
export function ssmServiceTrustPolicy(ctx: AccountContext): PolicyDocument {
    return document({
        Sid: "SsmAssumesForThisAccount",
        Effect: "Allow",
        Principal: { Service: ["ssm.amazonaws.com"] },
        Action: ["sts:AssumeRole"],
        Condition: {
            StringEquals: { "aws:SourceAccount": ctx.accountId },
            ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:*` },
        },
    });
}

/**
 * The actions of AWS's `AmazonSSMManagedInstanceCore` that a hybrid managed node uses
 * (register and report, State Manager associations, inventory and patching, Run
 * Command, Session Manager) WITHOUT `ssm:GetParameter` and `ssm:GetParameters`, which
 * the managed policy grants on every parameter of the account, SecureStrings included.
 * A document that reads a parameter needs a statement scoped to that parameter.
 */
export const HYBRID_NODE_SSM_ACTIONS: readonly string[] = [
    "ssm:DescribeAssociation",
    "ssm:DescribeDocument",
    "ssm:GetDeployablePatchSnapshotForInstance",
    "ssm:GetDocument",
    "ssm:GetManifest",
    "ssm:ListAssociations",
    "ssm:ListInstanceAssociations",
    "ssm:PutComplianceItems",
    "ssm:PutConfigurePackageResult",
    "ssm:PutInventory",
    "ssm:UpdateAssociationStatus",
    "ssm:UpdateInstanceAssociationStatus",
    "ssm:UpdateInstanceInformation",
];
export const HYBRID_NODE_SESSION_ACTIONS: readonly string[] = [
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
];
export const HYBRID_NODE_MESSAGE_ACTIONS: readonly string[] = [
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
];

/** The on-premise servers' role policy (the project's replacement for AmazonSSMManagedInstanceCore). */
export function hybridNodePolicy(): PolicyDocument {
    return document(
        // These actions act on the calling node itself; most take no resource ARN (as in AWS's managed policy).
        { Sid: "ManagedNodeCore", Effect: "Allow", Action: [...HYBRID_NODE_SSM_ACTIONS], Resource: ["*"] },
        { Sid: "SessionManagerChannels", Effect: "Allow", Action: [...HYBRID_NODE_SESSION_ACTIONS], Resource: ["*"] },
        { Sid: "RunCommandMessages", Effect: "Allow", Action: [...HYBRID_NODE_MESSAGE_ACTIONS], Resource: ["*"] },
    );
}
