/**
 * The IAM actions the AWS provider calls to create, read, update, tag and delete each
 * resource type a platform stack declares, kept next to the deploy and preview
 * policies: a test plans both stacks, lists every resource type in the plans, and asks
 * an IAM policy simulator whether the deploy role may do each action to each planned
 * resource (and the preview role each read). A type a stack starts to declare that is
 * not in this table fails that test.
 *
 * The actions are those of the Terraform AWS provider's create, read, update and
 * delete functions (which @pulumi/aws bridges); tag actions are the service's own.
 * Create actions of services granted in the region only (EC2, Auto Scaling, ...) are
 * asked on "*", since the resource has no ARN before it exists.
 */
import { ADMINISTRATOR_OWNED, physicalNames } from "./naming";
import { AccountContext, iamArn } from "./policies";

/** A resource of the offline plan: its type token, logical name and recorded inputs. */
export interface PlannedResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** What IAM sees of one request besides the action: the resource and the condition keys. */
export interface ResourceRequest {
    resource: string;
    context?: Record<string, string | string[]>;
}

export interface TypeActions {
    /** The ARN the provider's calls act on, from the planned resource. */
    arn(r: PlannedResource, ctx: AccountContext): string;
    create: string[];
    read: string[];
    update: string[];
    tag: string[];
    delete: string[];
    /**
     * Condition keys the provider's requests carry for this resource (e.g. the boundary a
     * role is created with, the policy an attachment attaches). Default: none.
     */
    context?(r: PlannedResource, ctx: AccountContext): Record<string, string | string[]>;
    /** Roles the provider passes to a service when it creates or updates this resource. */
    passes?(r: PlannedResource, ctx: AccountContext): { roleArn: string; service: string }[];
    /**
     * Requests a service makes with the caller's permissions while it creates, updates or
     * deletes this resource (forward access: Synthetics creates the canary's Lambda function
     * and layer as the caller), each on its own resource. Default: none.
     */
    onBehalf?(r: PlannedResource, ctx: AccountContext): { action: string; resource: string; context?: Record<string, string | string[]>; resourcePolicy?: object }[];
    /**
     * Actions AWS authorises with the resource's own policy as well as the caller's (KMS
     * keys: the key policy), by phase. Default: none.
     */
    resourcePolicyInput?: string;
    /**
     * Deletes that only an administrator makes, never a deploy: the resource is
     * deletion-protected and `retainOnDelete` (Pulumi never calls them, so they are not in
     * `delete`), and the deploy role is explicitly denied them (the UserStore's tables:
     * `dynamodb:DeleteTable`). Default: none.
     */
    administratorDeletes?: string[];
}

/** Every create, update, tag and delete action of a type (the writes a deploy makes; the reads a write needs are in `read`). */
export function writeActions(t: TypeActions): string[] {
    return [...t.create, ...t.update, ...t.tag, ...t.delete];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const regional = (ctx: AccountContext, service: string, rest: string) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${rest}`;
const anyInRegion = () => "*";
/** The role named by an input that holds a role's name or its ARN. */
const roleArnOf = (v: unknown, ctx: AccountContext) => (str(v).startsWith("arn:") ? str(v) : iamArn(ctx, `role/${str(v)}`));

const EC2_TAGS = { tag: ["ec2:CreateTags", "ec2:DeleteTags"] };

export const RESOURCE_TYPE_ACTIONS: Record<string, TypeActions> = {
    // ------------------------------------------------------------ network (awsx's VPC and its children)
    "awsx:ec2:Vpc": {
        arn: anyInRegion,
        create: [
            "ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:CreateSubnet", "ec2:ModifySubnetAttribute", "ec2:CreateRouteTable",
            "ec2:AssociateRouteTable", "ec2:CreateRoute", "ec2:CreateInternetGateway", "ec2:AttachInternetGateway",
            "ec2:AllocateAddress", "ec2:CreateNatGateway",
        ],
        read: [
            "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeSubnets", "ec2:DescribeRouteTables", "ec2:DescribeInternetGateways",
            "ec2:DescribeAddresses", "ec2:DescribeNatGateways", "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups", "ec2:DescribeAvailabilityZones",
        ],
        update: ["ec2:ModifyVpcAttribute", "ec2:ReplaceRoute"],
        ...EC2_TAGS,
        delete: [
            "ec2:DeleteNatGateway", "ec2:ReleaseAddress", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway", "ec2:DeleteRoute",
            "ec2:DisassociateRouteTable", "ec2:DeleteRouteTable", "ec2:DeleteSubnet", "ec2:DeleteVpc",
        ],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        arn: anyInRegion,
        create: ["ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress"],
        // DescribeNetworkInterfaces: a delete waits for the group's interfaces to go.
        read: ["ec2:DescribeSecurityGroups", "ec2:DescribeNetworkInterfaces"],
        update: ["ec2:ModifySecurityGroupRules"],
        ...EC2_TAGS,
        delete: ["ec2:DeleteSecurityGroup"],
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        arn: anyInRegion,
        create: ["ec2:AuthorizeSecurityGroupIngress"],
        read: ["ec2:DescribeSecurityGroupRules"],
        update: ["ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress"],
        ...EC2_TAGS,
        delete: ["ec2:RevokeSecurityGroupIngress"],
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        arn: anyInRegion,
        create: ["ec2:AuthorizeSecurityGroupEgress"],
        read: ["ec2:DescribeSecurityGroupRules"],
        update: ["ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsEgress"],
        ...EC2_TAGS,
        delete: ["ec2:RevokeSecurityGroupEgress"],
    },
    "aws:ec2/launchTemplate:LaunchTemplate": {
        arn: anyInRegion,
        create: ["ec2:CreateLaunchTemplate"],
        read: ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"],
        update: ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
        ...EC2_TAGS,
        delete: ["ec2:DeleteLaunchTemplate"],
        passes: (r, ctx) => [{ roleArn: iamArn(ctx, `role/${instanceProfileRole(r)}`), service: "ec2.amazonaws.com" }],
    },
    "aws:ec2/customerGateway:CustomerGateway": {
        arn: anyInRegion,
        create: ["ec2:CreateCustomerGateway"],
        read: ["ec2:DescribeCustomerGateways"],
        update: [],
        ...EC2_TAGS,
        delete: ["ec2:DeleteCustomerGateway"],
    },
    "aws:ec2/vpnGateway:VpnGateway": {
        arn: anyInRegion,
        create: ["ec2:CreateVpnGateway", "ec2:AttachVpnGateway"],
        read: ["ec2:DescribeVpnGateways"],
        update: ["ec2:AttachVpnGateway", "ec2:DetachVpnGateway"],
        ...EC2_TAGS,
        delete: ["ec2:DetachVpnGateway", "ec2:DeleteVpnGateway"],
    },
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": {
        arn: anyInRegion,
        create: ["ec2:EnableVgwRoutePropagation"],
        read: ["ec2:DescribeRouteTables"],
        update: [],
        tag: [],
        delete: ["ec2:DisableVgwRoutePropagation"],
    },
    "aws:ec2/vpnConnection:VpnConnection": {
        arn: anyInRegion,
        create: ["ec2:CreateVpnConnection"],
        read: ["ec2:DescribeVpnConnections"],
        update: ["ec2:ModifyVpnConnectionOptions", "ec2:ModifyVpnTunnelOptions"],
        ...EC2_TAGS,
        delete: ["ec2:DeleteVpnConnection"],
    },
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": {
        arn: anyInRegion,
        create: ["ec2:CreateVpnConnectionRoute"],
        read: ["ec2:DescribeVpnConnections"],
        update: [],
        tag: [],
        delete: ["ec2:DeleteVpnConnectionRoute"],
    },
    // ------------------------------------------------------------ load balancer
    "aws:lb/loadBalancer:LoadBalancer": {
        arn: anyInRegion,
        create: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes"],
        read: ["elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:DescribeTags", "elasticloadbalancing:DescribeCapacityReservation"],
        update: ["elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets", "elasticloadbalancing:ModifyCapacityReservation"],
        tag: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        delete: ["elasticloadbalancing:DeleteLoadBalancer"],
    },
    "aws:lb/targetGroup:TargetGroup": {
        arn: anyInRegion,
        create: ["elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes"],
        read: ["elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTags"],
        update: ["elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes"],
        tag: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        delete: ["elasticloadbalancing:DeleteTargetGroup"],
    },
    "aws:lb/targetGroupAttachment:TargetGroupAttachment": {
        arn: anyInRegion,
        create: ["elasticloadbalancing:RegisterTargets"],
        read: ["elasticloadbalancing:DescribeTargetHealth"],
        update: [],
        tag: [],
        delete: ["elasticloadbalancing:DeregisterTargets"],
    },
    "aws:lb/listener:Listener": {
        arn: anyInRegion,
        create: ["elasticloadbalancing:CreateListener"],
        read: ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeTags"],
        update: ["elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyListenerAttributes"],
        tag: ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
        delete: ["elasticloadbalancing:DeleteListener"],
    },
    // ------------------------------------------------------------ the fleet
    "aws:autoscaling/group:Group": {
        arn: anyInRegion,
        create: [
            "autoscaling:CreateAutoScalingGroup", "autoscaling:PutWarmPool", "autoscaling:PutLifecycleHook", "autoscaling:EnableMetricsCollection",
            "autoscaling:AttachLoadBalancerTargetGroups", "ec2:RunInstances", "ec2:CreateTags",
        ],
        read: [
            "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeWarmPool", "autoscaling:DescribeLifecycleHooks",
            "autoscaling:DescribeLoadBalancerTargetGroups", "autoscaling:DescribeInstanceRefreshes",
        ],
        update: ["autoscaling:UpdateAutoScalingGroup", "autoscaling:StartInstanceRefresh", "autoscaling:PutWarmPool", "autoscaling:PutLifecycleHook"],
        tag: ["autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags"],
        delete: ["autoscaling:DeleteAutoScalingGroup", "autoscaling:DeleteWarmPool", "autoscaling:DeleteLifecycleHook"],
        passes: (_r, ctx) => [{ roleArn: iamArn(ctx, "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"), service: "autoscaling.amazonaws.com" }],
    },
    "aws:autoscaling/policy:Policy": {
        arn: anyInRegion,
        create: ["autoscaling:PutScalingPolicy"],
        read: ["autoscaling:DescribePolicies"],
        update: ["autoscaling:PutScalingPolicy"],
        tag: [],
        delete: ["autoscaling:DeletePolicy"],
    },
    "aws:autoscaling/schedule:Schedule": {
        arn: anyInRegion,
        create: ["autoscaling:PutScheduledUpdateGroupAction"],
        read: ["autoscaling:DescribeScheduledActions"],
        update: ["autoscaling:PutScheduledUpdateGroupAction"],
        tag: [],
        delete: ["autoscaling:DeleteScheduledAction"],
    },
    // ------------------------------------------------------------ monitoring
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        arn: (r, ctx) => regional(ctx, "cloudwatch", `alarm:${str(r.inputs.name)}`),
        create: ["cloudwatch:PutMetricAlarm"],
        read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
        update: ["cloudwatch:PutMetricAlarm"],
        tag: ["cloudwatch:TagResource", "cloudwatch:UntagResource"],
        delete: ["cloudwatch:DeleteAlarms"],
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
        arn: (r, ctx) => regional(ctx, "cloudwatch", `alarm:${str(r.inputs.alarmName)}`),
        create: ["cloudwatch:PutCompositeAlarm"],
        read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
        update: ["cloudwatch:PutCompositeAlarm"],
        tag: ["cloudwatch:TagResource", "cloudwatch:UntagResource"],
        delete: ["cloudwatch:DeleteAlarms"],
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        arn: (r, ctx) => `arn:${ctx.partition}:cloudwatch::${ctx.accountId}:dashboard/${str(r.inputs.dashboardName)}`,
        create: ["cloudwatch:PutDashboard"],
        read: ["cloudwatch:GetDashboard"],
        update: ["cloudwatch:PutDashboard"],
        tag: [],
        delete: ["cloudwatch:DeleteDashboards"],
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        arn: (r, ctx) => regional(ctx, "logs", `log-group:${str(r.inputs.name)}`),
        create: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:AssociateKmsKey"],
        read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
        update: ["logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"],
        tag: ["logs:TagResource", "logs:UntagResource"],
        delete: ["logs:DeleteLogGroup"],
    },
    "aws:cloudwatch/eventRule:EventRule": {
        arn: (r, ctx) => regional(ctx, "events", `rule/${str(r.inputs.name)}`),
        create: ["events:PutRule"],
        read: ["events:DescribeRule", "events:ListTagsForResource"],
        update: ["events:PutRule", "events:EnableRule", "events:DisableRule"],
        tag: ["events:TagResource", "events:UntagResource"],
        delete: ["events:DeleteRule"],
    },
    "aws:cloudwatch/eventTarget:EventTarget": {
        arn: (r, ctx) => regional(ctx, "events", `rule/${str(r.inputs.rule)}`),
        create: ["events:PutTargets"],
        read: ["events:ListTargetsByRule"],
        update: ["events:PutTargets"],
        tag: [],
        delete: ["events:RemoveTargets"],
    },
    "aws:sns/topic:Topic": {
        arn: (r, ctx) => regional(ctx, "sns", str(r.inputs.name)),
        create: ["sns:CreateTopic", "sns:SetTopicAttributes"],
        read: ["sns:GetTopicAttributes", "sns:ListTagsForResource", "sns:GetDataProtectionPolicy"],
        update: ["sns:SetTopicAttributes"],
        tag: ["sns:TagResource", "sns:UntagResource"],
        delete: ["sns:DeleteTopic"],
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        arn: anyInRegion,
        create: ["sns:SetTopicAttributes"],
        read: ["sns:GetTopicAttributes"],
        update: ["sns:SetTopicAttributes"],
        tag: [],
        delete: ["sns:SetTopicAttributes"],
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        arn: anyInRegion,
        create: ["sns:Subscribe"],
        read: ["sns:GetSubscriptionAttributes"],
        update: ["sns:SetSubscriptionAttributes"],
        tag: [],
        delete: ["sns:Unsubscribe"],
    },
    "aws:ssm/parameter:Parameter": {
        arn: (r, ctx) => regional(ctx, "ssm", `parameter/${str(r.inputs.name).replace(/^\//, "")}`),
        create: ["ssm:PutParameter", "ssm:AddTagsToResource"],
        read: ["ssm:GetParameter", "ssm:DescribeParameters", "ssm:ListTagsForResource"],
        update: ["ssm:PutParameter"],
        tag: ["ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
        delete: ["ssm:DeleteParameter"],
    },
    "aws:ssm/activation:Activation": {
        arn: anyInRegion,
        create: ["ssm:CreateActivation", "ssm:AddTagsToResource"],
        read: ["ssm:DescribeActivations", "ssm:ListTagsForResource"],
        update: [],
        tag: ["ssm:AddTagsToResource", "ssm:RemoveTagsFromResource"],
        delete: ["ssm:DeleteActivation"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.iamRole, ctx), service: "ssm.amazonaws.com" }],
    },
    // ------------------------------------------------------------ the user store
    // Terraform's internal/service/dynamodb/table.go: create is CreateTable (or
    // RestoreTableToPointInTime with a restore source: AWS checks that action on the source
    // table and the item writes on the new one), then UpdateTimeToLive and
    // UpdateContinuousBackups (point-in-time recovery); read is DescribeTable (warm
    // throughput, deletion protection, encryption), DescribeContinuousBackups and
    // DescribeTimeToLive, and the tags; update is UpdateTable (warm throughput, deletion
    // protection), UpdateTimeToLive, UpdateContinuousBackups. A restored table gets its tags after.
    "aws:dynamodb/table:Table": {
        arn: (r, ctx) => regional(ctx, "dynamodb", `table/${str(r.inputs.name)}`),
        create: ["dynamodb:CreateTable", "dynamodb:UpdateTimeToLive", "dynamodb:UpdateContinuousBackups"],
        read: ["dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource"],
        update: ["dynamodb:UpdateTable", "dynamodb:UpdateTimeToLive", "dynamodb:UpdateContinuousBackups"],
        tag: ["dynamodb:TagResource", "dynamodb:UntagResource"],
        // Deletion-protected and retainOnDelete: Pulumi never deletes it; an administrator does.
        delete: [],
        administratorDeletes: ["dynamodb:DeleteTable"],
        onBehalf: (r, ctx) => {
            const source = restoreSourceTableArn(r);
            if (source === undefined) return [];
            const target = regional(ctx, "dynamodb", `table/${str(r.inputs.name)}`);
            return [
                { action: "dynamodb:RestoreTableToPointInTime", resource: source },
                ...["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem"]
                    .map((action) => ({ action, resource: target })),
            ];
        },
    },
    // internal/service/dynamodb/resource_policy.go: Put, Get, Delete; on the table's ARN.
    "aws:dynamodb/resourcePolicy:ResourcePolicy": {
        arn: (r, ctx) => tableArnOfPolicy(r, ctx),
        create: ["dynamodb:PutResourcePolicy"],
        read: ["dynamodb:GetResourcePolicy"],
        update: ["dynamodb:PutResourcePolicy"],
        tag: [],
        delete: ["dynamodb:DeleteResourcePolicy"],
    },
    // internal/service/ec2/vpc_endpoint.go: CreateVpcEndpoint (tags on create), read
    // DescribeVpcEndpoints and the service's prefix list, ModifyVpcEndpoint, DeleteVpcEndpoints.
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        arn: anyInRegion,
        create: ["ec2:CreateVpcEndpoint"],
        read: ["ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists"],
        update: ["ec2:ModifyVpcEndpoint"],
        ...EC2_TAGS,
        delete: ["ec2:DeleteVpcEndpoints"],
    },
    "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": {
        arn: (r, ctx) => `arn:${ctx.partition}:chatbot::${ctx.accountId}:chat-configuration/slack-channel/${str(r.inputs.configurationName)}`,
        create: ["chatbot:CreateSlackChannelConfiguration"],
        read: ["chatbot:DescribeSlackChannelConfigurations", "chatbot:ListTagsForResource"],
        update: ["chatbot:UpdateSlackChannelConfiguration"],
        tag: ["chatbot:TagResource", "chatbot:UntagResource"],
        delete: ["chatbot:DeleteSlackChannelConfiguration"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.iamRoleArn, ctx), service: "chatbot.amazonaws.com" }],
    },
    // ------------------------------------------------------------ the access-log bucket
    "aws:s3/bucket:Bucket": {
        arn: (r, ctx) => `arn:${ctx.partition}:s3:::${str(r.inputs.bucket)}`,
        create: ["s3:CreateBucket"],
        read: [
            "s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS", "s3:GetBucketWebsite",
            "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration", "s3:GetBucketRequestPayment", "s3:GetBucketLogging",
            "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration",
        ],
        update: [],
        tag: ["s3:PutBucketTagging"],
        delete: ["s3:DeleteBucket"],
    },
    "aws:s3/bucketObjectv2:BucketObjectv2": {
        // The front-door probe's script archive (HeadObject is authorised as GetObject).
        arn: (r, ctx) => `arn:${ctx.partition}:s3:::${str(r.inputs.bucket)}/${str(r.inputs.key)}`,
        create: ["s3:PutObject", "s3:PutObjectTagging"],
        read: ["s3:GetObject", "s3:GetObjectTagging"],
        update: ["s3:PutObject", "s3:PutObjectTagging"],
        tag: ["s3:PutObjectTagging", "s3:DeleteObjectTagging"],
        delete: ["s3:DeleteObject"],
    },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": bucketPart("s3:PutBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketPart("s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": bucketPart("s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"),
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketPart("s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration"),
    "aws:s3/bucketPolicy:BucketPolicy": { ...bucketPart("s3:PutBucketPolicy", "s3:GetBucketPolicy"), delete: ["s3:DeleteBucketPolicy"] },
    // ------------------------------------------------------------ keys
    "aws:kms/key:Key": {
        arn: (_r, ctx) => regional(ctx, "kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"),
        create: ["kms:CreateKey", "kms:TagResource", "kms:EnableKeyRotation", "kms:PutKeyPolicy"],
        read: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"],
        update: ["kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation"],
        tag: ["kms:TagResource", "kms:UntagResource"],
        delete: ["kms:ScheduleKeyDeletion"],
        resourcePolicyInput: "policy",
    },
    "aws:kms/alias:Alias": {
        arn: (r, ctx) => regional(ctx, "kms", str(r.inputs.name)),
        create: ["kms:CreateAlias"],
        read: ["kms:ListAliases"],
        update: ["kms:UpdateAlias"],
        tag: [],
        delete: ["kms:DeleteAlias"],
    },
    // ------------------------------------------------------------ backups
    "aws:backup/vault:Vault": {
        arn: (r, ctx) => regional(ctx, "backup", `backup-vault:${str(r.inputs.name)}`),
        create: ["backup:CreateBackupVault", "backup-storage:MountCapsule"],
        read: ["backup:DescribeBackupVault", "backup:ListTags"],
        update: [],
        tag: ["backup:TagResource", "backup:UntagResource"],
        delete: ["backup:DeleteBackupVault"],
    },
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": {
        arn: (r, ctx) => regional(ctx, "backup", `backup-vault:${str(r.inputs.backupVaultName)}`),
        create: ["backup:PutBackupVaultLockConfiguration"],
        read: ["backup:DescribeBackupVault"],
        update: ["backup:PutBackupVaultLockConfiguration"],
        tag: [],
        delete: ["backup:DeleteBackupVaultLockConfiguration"],
    },
    "aws:backup/vaultNotifications:VaultNotifications": {
        arn: (r, ctx) => regional(ctx, "backup", `backup-vault:${str(r.inputs.backupVaultName)}`),
        create: ["backup:PutBackupVaultNotifications"],
        read: ["backup:GetBackupVaultNotifications"],
        update: ["backup:PutBackupVaultNotifications"],
        tag: [],
        delete: ["backup:DeleteBackupVaultNotifications"],
    },
    "aws:backup/plan:Plan": {
        arn: anyInRegion,
        create: ["backup:CreateBackupPlan"],
        read: ["backup:GetBackupPlan", "backup:ListTags"],
        update: ["backup:UpdateBackupPlan"],
        tag: ["backup:TagResource", "backup:UntagResource"],
        delete: ["backup:DeleteBackupPlan"],
    },
    "aws:backup/selection:Selection": {
        arn: anyInRegion,
        create: ["backup:CreateBackupSelection"],
        read: ["backup:GetBackupSelection"],
        update: [],
        tag: [],
        delete: ["backup:DeleteBackupSelection"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.iamRoleArn, ctx), service: "backup.amazonaws.com" }],
    },
    "aws:dlm/lifecyclePolicy:LifecyclePolicy": {
        arn: anyInRegion,
        create: ["dlm:CreateLifecyclePolicy"],
        read: ["dlm:GetLifecyclePolicy"],
        update: ["dlm:UpdateLifecyclePolicy"],
        tag: ["dlm:TagResource", "dlm:UntagResource"],
        delete: ["dlm:DeleteLifecyclePolicy"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.executionRoleArn, ctx), service: "dlm.amazonaws.com" }],
    },
    // ------------------------------------------------------------ capacity reservation schedules
    // Schedules carry no tags (TagResource takes a schedule group only).
    "aws:scheduler/scheduleGroup:ScheduleGroup": {
        arn: (r, ctx) => regional(ctx, "scheduler", `schedule-group/${str(r.inputs.name)}`),
        create: ["scheduler:CreateScheduleGroup"],
        read: ["scheduler:GetScheduleGroup", "scheduler:ListTagsForResource"],
        update: [],
        tag: ["scheduler:TagResource", "scheduler:UntagResource"],
        delete: ["scheduler:DeleteScheduleGroup"],
    },
    "aws:scheduler/schedule:Schedule": {
        arn: (r, ctx) => regional(ctx, "scheduler", `schedule/${str(r.inputs.groupName) || "default"}/${str(r.inputs.name)}`),
        create: ["scheduler:CreateSchedule"],
        read: ["scheduler:GetSchedule"],
        update: ["scheduler:UpdateSchedule"],
        tag: [],
        delete: ["scheduler:DeleteSchedule"],
        passes: (r, ctx) => [{ roleArn: roleArnOf((r.inputs.target as { roleArn?: unknown } | undefined)?.roleArn, ctx), service: "scheduler.amazonaws.com" }],
    },
    // ------------------------------------------------------------ the failover function
    "aws:lambda/function:Function": {
        arn: (r, ctx) => regional(ctx, "lambda", `function:${str(r.inputs.name)}`),
        create: ["lambda:CreateFunction"],
        read: ["lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction", "lambda:GetRuntimeManagementConfig"],
        update: ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"],
        tag: ["lambda:TagResource", "lambda:UntagResource"],
        delete: ["lambda:DeleteFunction"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.role, ctx), service: "lambda.amazonaws.com" }],
    },
    "aws:lambda/permission:Permission": {
        arn: (r, ctx) => regional(ctx, "lambda", `function:${str(r.inputs.function).split(":").pop()}`),
        create: ["lambda:AddPermission"],
        read: ["lambda:GetPolicy"],
        update: [],
        tag: [],
        delete: ["lambda:RemovePermission"],
    },
    // ------------------------------------------------------------ the front-door probe
    "aws:synthetics/canary:Canary": {
        arn: (r, ctx) => regional(ctx, "synthetics", `canary:${str(r.inputs.name)}`),
        // The provider starts the canary after creating it (startCanary), and stops it before a delete.
        create: ["synthetics:CreateCanary", "synthetics:StartCanary"],
        read: ["synthetics:GetCanary", "synthetics:ListTagsForResource"],
        update: ["synthetics:UpdateCanary", "synthetics:StartCanary", "synthetics:StopCanary"],
        tag: ["synthetics:TagResource", "synthetics:UntagResource"],
        delete: ["synthetics:StopCanary", "synthetics:DeleteCanary"],
        // The execution role goes to Lambda (its trust); AWS's own policy for canary creators
        // (CloudWatchSyntheticsFullAccess) allows passing it to Synthetics as well.
        passes: (r, ctx) => ["lambda.amazonaws.com", "synthetics.amazonaws.com"].map((service) => ({ roleArn: roleArnOf(r.inputs.executionRoleArn, ctx), service })),
        // What CloudWatchSyntheticsFullAccess grants a canary's creator on the function and
        // layer Synthetics makes (cwsyn-<canary>-<id>), on AWS's runtime layers, and on S3.
        onBehalf: (r, ctx) => {
            const name = str(r.inputs.name);
            const id = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
            const fn = regional(ctx, "lambda", `function:cwsyn-${name}-${id}`);
            const layer = regional(ctx, "lambda", `layer:cwsyn-${name}-${id}`);
            const bucket = `arn:${ctx.partition}:s3:::${str(r.inputs.s3Bucket)}`;
            return [
                ...["lambda:CreateFunction", "lambda:AddPermission", "lambda:PublishVersion", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                    "lambda:GetFunctionConfiguration", "lambda:GetFunction", "lambda:DeleteFunction", "lambda:ListTags", "lambda:TagResource", "lambda:UntagResource"]
                    .map((action) => ({ action, resource: fn })),
                ...["lambda:PublishLayerVersion", "lambda:GetLayerVersion", "lambda:DeleteLayerVersion"].map((action) => ({ action, resource: `${layer}:1` })),
                // A runtime layer of AWS's Synthetics account (its number differs by region): another
                // account's layer, which its own policy shares with every account.
                {
                    action: "lambda:GetLayerVersion",
                    resource: `arn:${ctx.partition}:lambda:${ctx.region}:111111111111:layer:Synthetics:71`,
                    resourcePolicy: {
                        Version: "2012-10-17",
                        Statement: [{ Effect: "Allow", Principal: "*", Action: "lambda:GetLayerVersion", Resource: `arn:${ctx.partition}:lambda:${ctx.region}:111111111111:layer:Synthetics:71` }],
                    },
                },
                { action: "s3:GetObject", resource: `${bucket}/${str(r.inputs.s3Key)}` },
                { action: "s3:GetBucketLocation", resource: bucket },
                { action: "s3:ListAllMyBuckets", resource: "*" },
            ];
        },
    },
    // ------------------------------------------------------------ IAM
    "aws:iam/role:Role": {
        arn: (r, ctx) => iamArn(ctx, `role/${str(r.inputs.name)}`),
        create: ["iam:CreateRole"],
        // ListInstanceProfilesForRole: before a delete.
        read: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole"],
        update: ["iam:UpdateAssumeRolePolicy", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:PutRolePermissionsBoundary"],
        tag: ["iam:TagRole", "iam:UntagRole"],
        delete: ["iam:DeleteRole"],
        context: (r): Record<string, string> => (typeof r.inputs.permissionsBoundary === "string" ? { "iam:PermissionsBoundary": r.inputs.permissionsBoundary } : {}),
    },
    "aws:iam/policy:Policy": {
        arn: (r, ctx) => iamArn(ctx, `policy/${str(r.inputs.name)}`),
        create: ["iam:CreatePolicy"],
        // ListPolicyVersions: before an update (at most 5 versions) and a delete.
        read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyTags", "iam:ListPolicyVersions"],
        update: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion"],
        tag: ["iam:TagPolicy", "iam:UntagPolicy"],
        delete: ["iam:DeletePolicyVersion", "iam:DeletePolicy"],
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        arn: (r, ctx) => iamArn(ctx, `role/${str(r.inputs.role)}`),
        create: ["iam:AttachRolePolicy"],
        read: ["iam:ListAttachedRolePolicies"],
        update: [],
        tag: [],
        delete: ["iam:DetachRolePolicy"],
        context: (r) => ({ "iam:PolicyARN": str(r.inputs.policyArn) }),
    },
    "aws:iam/instanceProfile:InstanceProfile": {
        arn: (r, ctx) => iamArn(ctx, `instance-profile/${str(r.inputs.name)}`),
        create: ["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"],
        read: ["iam:GetInstanceProfile"],
        update: ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile"],
        tag: ["iam:TagInstanceProfile", "iam:UntagInstanceProfile"],
        delete: ["iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
        passes: (r, ctx) => [{ roleArn: roleArnOf(r.inputs.role, ctx), service: "ec2.amazonaws.com" }],
    },
    "aws:iam/group:Group": {
        arn: (r, ctx) => iamArn(ctx, `group/${str(r.inputs.name)}`),
        create: ["iam:CreateGroup"],
        read: ["iam:GetGroup"],
        update: ["iam:UpdateGroup"],
        tag: [],
        delete: ["iam:DeleteGroup"],
    },
    "aws:iam/groupMembership:GroupMembership": {
        arn: (r, ctx) => iamArn(ctx, `group/${str(r.inputs.group)}`),
        create: ["iam:AddUserToGroup"],
        read: ["iam:GetGroup"],
        update: ["iam:AddUserToGroup", "iam:RemoveUserFromGroup"],
        tag: [],
        delete: ["iam:RemoveUserFromGroup"],
    },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
        arn: (r, ctx) => iamArn(ctx, `group/${str(r.inputs.group)}`),
        create: ["iam:AttachGroupPolicy"],
        read: ["iam:ListAttachedGroupPolicies"],
        update: [],
        tag: [],
        delete: ["iam:DetachGroupPolicy"],
        context: (r) => ({ "iam:PolicyARN": str(r.inputs.policyArn) }),
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
        arn: (_r, ctx) => iamArn(ctx, "oidc-provider/token.actions.githubusercontent.com"),
        create: ["iam:CreateOpenIDConnectProvider"],
        read: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
        update: ["iam:UpdateOpenIDConnectProviderThumbprint", "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider"],
        tag: ["iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider"],
        delete: ["iam:DeleteOpenIDConnectProvider"],
    },
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": {
        arn: () => "*",
        create: ["iam:UpdateAccountPasswordPolicy"],
        read: ["iam:GetAccountPasswordPolicy"],
        update: ["iam:UpdateAccountPasswordPolicy"],
        tag: [],
        delete: ["iam:DeleteAccountPasswordPolicy"],
    },
};

function bucketPart(put: string, get: string): TypeActions {
    return {
        arn: (r, ctx) => `arn:${ctx.partition}:s3:::${str(r.inputs.bucket)}`,
        create: [put],
        read: [get],
        update: [put],
        tag: [],
        delete: [put],
    };
}

/** The source table of a restore from point-in-time recovery (`restoreSourceTableArn`), when the table is one. */
function restoreSourceTableArn(r: PlannedResource): string | undefined {
    const source = str(r.inputs.restoreSourceTableArn);
    return source.startsWith("arn:") ? source : undefined;
}

/**
 * The table a resource policy is attached to: its `resourceArn` when the plan knows it,
 * else the table the policy document names (its statements' Resource).
 */
function tableArnOfPolicy(r: PlannedResource, ctx: AccountContext): string {
    const given = str(r.inputs.resourceArn);
    if (/:dynamodb:[^:]*:\d{12}:table\/[^/]+$/.test(given)) return given;
    try {
        const doc = JSON.parse(str(r.inputs.policy)) as { Statement?: { Resource?: string | string[] }[] };
        const named = (doc.Statement ?? []).flatMap((st) => (Array.isArray(st.Resource) ? st.Resource : st.Resource ? [st.Resource] : []))
            .find((x) => /:table\/[^/*]+$/.test(x));
        if (named !== undefined) return named;
    } catch {
        // Not JSON (unknown in a preview): no table named.
    }
    return regional(ctx, "dynamodb", "table/unknown");
}

/** The role of the launch template's instance profile (the profile and its role share the name here). */
function instanceProfileRole(r: PlannedResource): string {
    const profile = r.inputs.iamInstanceProfile as { name?: unknown } | undefined;
    return str(profile?.name);
}

/**
 * Types whose every write is an administrator's deploy, whatever the resource's name:
 * account-wide singletons and the human groups' policy attachments.
 */
export const ADMINISTRATOR_OWNED_TYPES: readonly string[] = [
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
    "aws:iam/group:Group",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
];

/**
 * Whether only an administrator's deploy may change this resource of a stack whose
 * AccessControl has `namePrefix` (the deploy role may read it and is denied every
 * write): the administrator-owned types, and the roles, policies, role attachments and
 * group memberships {@link ADMINISTRATOR_OWNED} names.
 */
export function administratorOwnedResource(r: { type: string; inputs: Record<string, unknown> }, namePrefix: string): boolean {
    const names = physicalNames(namePrefix);
    const roles = ADMINISTRATOR_OWNED.roles.map((k) => names.roles[k]);
    if (ADMINISTRATOR_OWNED_TYPES.includes(r.type)) return true;
    switch (r.type) {
        case "aws:iam/role:Role":
            return roles.includes(String(r.inputs.name));
        case "aws:iam/policy:Policy":
            return ADMINISTRATOR_OWNED.policies.map((k) => names.policies[k]).includes(String(r.inputs.name));
        case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
            return roles.includes(String(r.inputs.role));
        case "aws:iam/groupMembership:GroupMembership":
            return !ADMINISTRATOR_OWNED.membershipByDeploy.map((k) => names.groups[k]).includes(String(r.inputs.group));
        default:
            return false;
    }
}
