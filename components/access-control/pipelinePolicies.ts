/**
 * The IAM documents of the delivery pipeline: the GitHub Actions deploy role (what CI
 * may change, and what it never may), the pull-request preview role (reads only), the
 * permissions boundary of every role CI creates, and access to the state backend and
 * the secrets key. Pure functions; the component feeds them account facts and ARNs.
 */
import { userStoreClientScope } from "@kgsports/user-store/pure";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "./githubOidc";
import {
    AccountContext,
    amiParameterArnPattern,
    iamArn,
    policyDocument as document,
    PolicyDocument,
    PolicyStatement,
    READ_ONLY_ACTIONS,
    USER_STORE_ITEM_ACTIONS,
    userStoreTableAndIndexArns,
    userStoreTableArns,
} from "./policies";
import { RESOURCE_TYPE_ACTIONS } from "./resourceActions";

// ---------------------------------------------------------------- GitHub Actions trust

/** Only the configured workflow runs: exact audience and exact subject, no wildcards. */
export function githubTrustPolicy(oidcProviderArn: string, subject: string): PolicyDocument {
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

/** The deploy role's trust: one repository's branch or environment. */
export const deployTrustPolicy = githubTrustPolicy;

// ---------------------------------------------------------------- state backend and secrets

/** Where `pulumi` keeps the stacks' state when it is a self-managed S3 backend (`pulumi login s3://<bucket>/<prefix>`). */
export interface StateBackendScope {
    /** The bucket's name. */
    bucketName: string;
    /** The path after the bucket in the login URL, without slashes at either end; empty for the bucket's root. */
    keyPrefix: string;
}

function stateObjectsArn(ctx: AccountContext, backend: StateBackendScope): string {
    return `arn:${ctx.partition}:s3:::${backend.bucketName}/${backend.keyPrefix === "" ? "" : `${backend.keyPrefix}/`}*`;
}

/** Reading (and, for the deploy role, writing) the stack state, and decrypting the stack's secrets. */
function stateStatements(ctx: AccountContext, backend: StateBackendScope | undefined, secretsKmsKeyArn: string | undefined, write: boolean): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    if (backend) {
        statements.push(
            {
                Sid: "ListStateBucket",
                Effect: "Allow",
                Action: ["s3:ListBucket", "s3:GetBucketLocation"],
                Resource: [`arn:${ctx.partition}:s3:::${backend.bucketName}`],
            },
            {
                Sid: write ? "ReadAndWriteStackState" : "ReadStackState",
                Effect: "Allow",
                // Write: checkpoints, history, backups and the update lock (.pulumi/locks).
                Action: write ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"],
                Resource: [stateObjectsArn(ctx, backend)],
            },
        );
    }
    if (secretsKmsKeyArn) {
        statements.push({
            Sid: "DecryptStackSecretsKey",
            Effect: "Allow",
            // The awskms secrets provider: Decrypt unwraps the stack's data key (kept in
            // Pulumi.<stack>.yaml), which then decrypts secret config and state locally.
            Action: ["kms:Decrypt"],
            Resource: [secretsKmsKeyArn],
        });
    }
    return statements;
}

// ---------------------------------------------------------------- permissions boundary

/**
 * What any role the deploy role creates can ever do, whatever policy CI attaches to it:
 * the services the stack's workloads use (instances, the failover function, backups,
 * images, chat alerts), and no IAM but passing the web instances' role to EC2 (AWS
 * Backup's restores do). No IAM writes, no STS, no S3 but the front-door probe's own
 * results bucket, no Secrets Manager, no DynamoDB but the UserStore's items and AWS
 * Backup's work on tables (below), no KMS key administration: a role CI makes is never
 * a way to administrator.
 */
export const WORKLOAD_BOUNDARY_ACTIONS: readonly string[] = [
    "ec2:*",
    "ebs:*",
    "autoscaling:CompleteLifecycleAction",
    "autoscaling:DescribeAutoScalingInstances",
    "autoscaling:DescribeAutoScalingGroups",
    "elasticloadbalancing:*",
    "cloudwatch:*",
    "logs:*",
    "ssm:*",
    "ssmmessages:*",
    "ec2messages:*",
    "backup:*",
    "backup-storage:*",
    "tag:GetResources",
    "sns:Publish",
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
    "kms:CreateGrant",
    "kms:ListGrants",
    "kms:RetireGrant",
];

/**
 * What AWS Backup's role does to a DynamoDB table it backs up
 * (AWSBackupServiceRolePolicyForBackup's DynamoDB statements): on any table of the
 * account, since the backup selection picks any table carrying the backup tag. None of
 * them reads or changes an item, and none deletes a table.
 */
export const AWS_BACKUP_DYNAMODB_TABLE_ACTIONS: readonly string[] = [
    "dynamodb:DescribeTable",
    "dynamodb:CreateBackup",
    "dynamodb:StartAwsBackupJob",
    "dynamodb:ListTagsOfResource",
];
/** ... and to the table's backups (`table/<name>/backup/<id>`): it deletes those whose lifecycle ended. */
export const AWS_BACKUP_DYNAMODB_BACKUP_ACTIONS: readonly string[] = ["dynamodb:DescribeBackup", "dynamodb:DeleteBackup"];
/**
 * AWS Backup restoring a table's recovery point (AWSBackupServiceRolePolicyForRestores):
 * only into a new UserStore restore table (`<prefix>-users-restore-*`, the name the
 * store's own restore uses), never over the live table or another stack's. The restore
 * writes every item into the new table (AWS: read and write on the target).
 */
export const AWS_BACKUP_DYNAMODB_RESTORE_ACTIONS: readonly string[] = [
    "dynamodb:RestoreTableFromAwsBackup",
    "dynamodb:RestoreTableFromBackup",
    "dynamodb:DescribeTable",
    "dynamodb:Scan",
    ...USER_STORE_ITEM_ACTIONS,
];

/**
 * The front-door probe's results bucket, `<prefix>-probe-artifacts-<account>`
 * (@kgsports/observability names it; a test holds the two together).
 */
export function probeArtifactsBucketPattern(ctx: AccountContext, namePrefix: string): string {
    return `arn:${ctx.partition}:s3:::${namePrefix}-probe-artifacts-*`;
}

/**
 * The boundary; `instanceRoleName` is the one role a workload may pass (to EC2, as AWS
 * Backup's restores do). `namePrefix` scopes the one S3 a workload may touch: the
 * front-door probe's canary writes its run results to its own bucket (its metrics and
 * logs are within `cloudwatch:*` and `logs:*`), and the one DynamoDB data a workload
 * may touch: the UserStore's items (`<prefix>-users`, its restores, their indexes; no
 * Scan but on a restore table, no table writes). AWS Backup's role backs up any tagged
 * table and restores into a new restore table only. No `dynamodb:*`: a table's
 * deletion, its settings and its resource policy stay the deploy role's and an
 * administrator's.
 */
export function workloadBoundaryPolicy(ctx: AccountContext, instanceRoleName: string, namePrefix: string): PolicyDocument {
    const probeBucket = probeArtifactsBucketPattern(ctx, namePrefix);
    const store = userStoreClientScope(namePrefix);
    const anyTable = `arn:${ctx.partition}:dynamodb:*:${ctx.accountId}:table/*`;
    const restoreTables = userStoreTableArns(ctx, { tableNamePatterns: store.tableNamePatterns.filter((t) => t.endsWith("*")) });
    return document(
        { Sid: "WorkloadServices", Effect: "Allow", Action: [...WORKLOAD_BOUNDARY_ACTIONS], Resource: ["*"] },
        { Sid: "ProbeWritesItsResults", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: [`${probeBucket}/*`] },
        { Sid: "ProbeFindsItsBucket", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: [probeBucket] },
        // No resource-level permissions: it lists bucket names only.
        { Sid: "ProbeListsBuckets", Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
        // The KMS use through DynamoDB of the store's key is within the kms:Decrypt, Encrypt and GenerateDataKey above.
        { Sid: "UserStoreItems", Effect: "Allow", Action: [...USER_STORE_ITEM_ACTIONS], Resource: userStoreTableAndIndexArns(ctx, store) },
        { Sid: "AwsBackupBacksUpTables", Effect: "Allow", Action: [...AWS_BACKUP_DYNAMODB_TABLE_ACTIONS], Resource: [anyTable] },
        { Sid: "AwsBackupKeepsTableBackups", Effect: "Allow", Action: [...AWS_BACKUP_DYNAMODB_BACKUP_ACTIONS], Resource: [`${anyTable}/backup/*`] },
        { Sid: "AwsBackupRestoresIntoRestoreTables", Effect: "Allow", Action: [...AWS_BACKUP_DYNAMODB_RESTORE_ACTIONS], Resource: restoreTables },
        // RestoreTableFromBackup names the source backup as well as the new table.
        { Sid: "AwsBackupRestoresFromTableBackups", Effect: "Allow", Action: ["dynamodb:RestoreTableFromBackup"], Resource: [`${anyTable}/backup/*`] },
        {
            Sid: "PassTheInstanceRoleToEc2",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [iamArn(ctx, `role/${instanceRoleName}`)],
            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
    );
}

// ---------------------------------------------------------------- deploy (GitHub Actions)

/**
 * Regional services whose resources `pulumi up` of this program creates, updates and
 * deletes (VPC and security groups, load balancers, Auto Scaling, alarms and
 * dashboards, SNS topics, AWS Backup). Granted service-wide but only in the configured
 * region; none of them can grant IAM permissions, and every way they have to hand a
 * role to a service needs iam:PassRole, which the deploy role has only for the
 * stack's own workload roles.
 */
export const DEPLOY_REGIONAL_SERVICES: readonly string[] = ["ec2", "elasticloadbalancing", "autoscaling", "cloudwatch", "sns", "backup", "backup-storage", "dlm"];

/** What the deploy role may do to a workload role (`<prefix>-*`, carrying the boundary). */
export const DEPLOY_WORKLOAD_ROLE_ACTIONS: readonly string[] = [
    "iam:UpdateAssumeRolePolicy",
    "iam:UpdateRole",
    "iam:UpdateRoleDescription",
    "iam:DeleteRole",
    "iam:DetachRolePolicy",
];
export const DEPLOY_TAG_ROLE_ACTIONS: readonly string[] = ["iam:TagRole", "iam:UntagRole"];
/** Reads of the stack's own IAM (refresh reads every one, administrator-owned ones included). */
export const DEPLOY_IAM_READ_ACTIONS: readonly string[] = [
    "iam:GetRole",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
    "iam:ListInstanceProfilesForRole",
    "iam:ListRoleTags",
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListPolicyVersions",
    "iam:ListPolicyTags",
    "iam:ListEntitiesForPolicy",
    "iam:GetGroup",
    "iam:ListAttachedGroupPolicies",
    "iam:ListGroupPolicies",
    "iam:GetInstanceProfile",
    "iam:ListInstanceProfileTags",
];
export const DEPLOY_INSTANCE_PROFILE_ACTIONS: readonly string[] = [
    "iam:CreateInstanceProfile",
    "iam:DeleteInstanceProfile",
    "iam:AddRoleToInstanceProfile",
    "iam:RemoveRoleFromInstanceProfile",
    "iam:TagInstanceProfile",
    "iam:UntagInstanceProfile",
];
export const DEPLOY_POLICY_ACTIONS: readonly string[] = [
    "iam:CreatePolicy",
    "iam:DeletePolicy",
    "iam:CreatePolicyVersion",
    "iam:DeletePolicyVersion",
    "iam:TagPolicy",
    "iam:UntagPolicy",
];
export const DEPLOY_MEMBERSHIP_ACTIONS: readonly string[] = ["iam:AddUserToGroup", "iam:RemoveUserFromGroup"];

/**
 * Never, on anything: an account's users, their keys and passwords, inline policies
 * (every policy of the stack is a managed one, so an inline one would be a side door),
 * removing a boundary, the account's password policy and identity providers, and
 * assuming another role (a workload role could be made to trust the deploy role), and
 * deleting a DynamoDB table (the UserStore's tables are deletion-protected and retained:
 * dropping the users is an administrator's act; no other table is the stack's).
 */
export const DEPLOY_DENIED_ACTIONS: readonly string[] = [
    "iam:CreateUser",
    "iam:DeleteUser",
    "iam:CreateAccessKey",
    "iam:UpdateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:AttachUserPolicy",
    "iam:PutUserPolicy",
    "iam:PutUserPermissionsBoundary",
    "iam:DeleteUserPermissionsBoundary",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePermissionsBoundary",
    "iam:UpdateAccountPasswordPolicy",
    "iam:DeleteAccountPasswordPolicy",
    "iam:CreateOpenIDConnectProvider",
    "iam:CreateSAMLProvider",
    "sts:AssumeRole",
    "dynamodb:DeleteTable",
];

/** The roles, policies and groups only an administrator's deploy changes, by physical name. */
export interface AdministratorOwnedNames {
    roles: string[];
    policies: string[];
    /** Groups that CI may neither change nor fill. */
    groups: string[];
    /** Groups whose membership (only) CI may change. */
    membershipGroups: string[];
}

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
     * the stack's workload roles. Service-role policies only: never AdministratorAccess
     * or the like (refused by the component). Default: none.
     */
    attachableAwsManagedPolicies?: string[];
    /** The GitHub OIDC provider (read only: it is an account singleton an administrator changes). */
    oidcProviderArn: string;
    /** ARN of the permissions boundary every role the deploy role creates must carry. */
    workloadBoundaryArn: string;
    /** What the deploy role may read and never change. */
    administratorOwned: AdministratorOwnedNames;
    /** Service-linked roles the deploy role may create (first use of a service in an account). Default: Auto Scaling and Elastic Load Balancing. */
    serviceLinkedRoleServices?: string[];
    /** The S3 state backend, when one is used. Default: none (Pulumi Cloud). */
    stateBackend?: StateBackendScope;
    /** The KMS key of the stack's `awskms://` secrets provider. Default: none. */
    secretsKmsKeyArn?: string;
}

/** The roles to pass, each once, with every service it goes to, in first-mention order. */
function passesByRole(roles: { roleName: string; service: string }[]): { roleName: string; services: string[] }[] {
    const out: { roleName: string; services: string[] }[] = [];
    for (const r of roles) {
        const seen = out.find((x) => x.roleName === r.roleName);
        if (seen === undefined) out.push({ roleName: r.roleName, services: [r.service] });
        else if (!seen.services.includes(r.service)) seen.services.push(r.service);
    }
    return out;
}

export const DEFAULT_SERVICE_LINKED_ROLE_SERVICES: readonly string[] = ["autoscaling.amazonaws.com", "elasticloadbalancing.amazonaws.com"];

export function deployPolicy(ctx: AccountContext, scope: DeployScope): PolicyDocument {
    return document(
        ...deployRegionalStatements(ctx),
        ...deployDenyStatements(ctx, scope),
        ...deployWorkloadIamStatements(ctx, scope),
        ...deployPassStatements(ctx, scope),
        ...deployOwnResourceStatements(ctx, scope),
        ...deployChatAndKeyStatements(ctx, scope),
        ...deployUserStoreStatements(ctx, scope),
        ...deployUnscopedStatements(ctx, scope),
        ...stateStatements(ctx, scope.stateBackend, scope.secretsKmsKeyArn, true),
    );
}

/** The platform's regional services, and the public AMI parameters. */
function deployRegionalStatements(ctx: AccountContext): PolicyStatement[] {
    return [
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
    ];
}

/** What CI never changes: explicit denies win over every allow, also over a policy attached by hand. */
function deployDenyStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    const admin = scope.administratorOwned;
    return [
        {
            Sid: "DenyChangesToAdministratorOwnedIam",
            Effect: "Deny",
            // Everything but reads: refresh and preview still read them.
            NotAction: ["iam:Get*", "iam:List*"],
            Resource: [
                ...admin.roles.map((r) => iamArn(ctx, `role/${r}`)),
                ...admin.policies.map((p) => iamArn(ctx, `policy/${p}`)),
                ...admin.groups.map((g) => iamArn(ctx, `group/${g}`)),
                scope.oidcProviderArn,
            ],
        },
        ...(admin.membershipGroups.length > 0
            ? [{
                Sid: "DenyGroupChangesButMembership",
                Effect: "Deny" as const,
                NotAction: ["iam:Get*", "iam:List*", ...DEPLOY_MEMBERSHIP_ACTIONS],
                Resource: admin.membershipGroups.map((g) => iamArn(ctx, `group/${g}`)),
            }]
            : []),
        { Sid: "DenyUsersInlinePoliciesAndAccountIam", Effect: "Deny", Action: [...DEPLOY_DENIED_ACTIONS], Resource: ["*"] },
    ];
}

/** The stack's workload roles (always under the boundary), its policies and instance profiles, and the members of the groups CI may fill. */
function deployWorkloadIamStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    const own = (kind: string) => iamArn(ctx, `${kind}/${scope.namePrefix}-*`);
    const boundary = { StringEquals: { "iam:PermissionsBoundary": scope.workloadBoundaryArn } };
    const admin = scope.administratorOwned;
    return [
        {
            Sid: "CreateWorkloadRolesUnderBoundary",
            Effect: "Allow",
            Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
            Resource: [own("role")],
            Condition: boundary,
        },
        {
            Sid: "ManageWorkloadRolesUnderBoundary",
            Effect: "Allow",
            Action: [...DEPLOY_WORKLOAD_ROLE_ACTIONS],
            Resource: [own("role")],
            Condition: boundary,
        },
        {
            Sid: "AttachOwnAndServicePoliciesUnderBoundary",
            Effect: "Allow",
            Action: ["iam:AttachRolePolicy"],
            Resource: [own("role")],
            // Never AdministratorAccess or any policy outside the prefix; only to roles under the boundary.
            Condition: {
                ...boundary,
                ArnLike: {
                    "iam:PolicyARN": [
                        own("policy"),
                        ...(scope.attachableAwsManagedPolicies ?? []).map((p) => `arn:${ctx.partition}:iam::aws:policy/${p}`),
                    ],
                },
            },
        },
        // TagRole has no boundary key; the administrator-owned roles are denied above.
        { Sid: "TagOwnRoles", Effect: "Allow", Action: [...DEPLOY_TAG_ROLE_ACTIONS], Resource: [own("role")] },
        { Sid: "ReadOwnIam", Effect: "Allow", Action: [...DEPLOY_IAM_READ_ACTIONS], Resource: [own("role"), own("policy"), own("group"), own("instance-profile")] },
        { Sid: "ManageOwnPolicies", Effect: "Allow", Action: [...DEPLOY_POLICY_ACTIONS], Resource: [own("policy")] },
        { Sid: "ManageOwnInstanceProfiles", Effect: "Allow", Action: [...DEPLOY_INSTANCE_PROFILE_ACTIONS], Resource: [own("instance-profile")] },
        ...(admin.membershipGroups.length > 0
            ? [{
                Sid: "ChangeOperatorAndReadOnlyMembers",
                Effect: "Allow" as const,
                Action: [...DEPLOY_MEMBERSHIP_ACTIONS],
                Resource: admin.membershipGroups.map((g) => iamArn(ctx, `group/${g}`)),
            }]
            : []),
    ];
}

/** Passing: the instance role to EC2, each stack role to its own services, and AWS's service-linked roles. */
function deployPassStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    return [
        {
            Sid: "PassOnlyTheInstanceRoleToEc2",
            Effect: "Allow",
            Action: ["iam:PassRole"],
            Resource: [scope.instanceRoleArn],
            Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
        },
        // One statement per role (a role passed to two services lists both): the policy's size.
        ...passesByRole(scope.serviceRoles ?? []).map((r, i) => ({
            Sid: `PassServiceRole${i + 1}`,
            Effect: "Allow" as const,
            Action: ["iam:PassRole"],
            Resource: [iamArn(ctx, `role/${r.roleName}`)],
            Condition: { StringEquals: { "iam:PassedToService": r.services.length === 1 ? r.services[0] : r.services } },
        })),
        {
            Sid: "CreateServiceLinkedRoles",
            Effect: "Allow",
            // The first Auto Scaling group or load balancer of an account creates AWS's role for the service.
            Action: ["iam:CreateServiceLinkedRole"],
            Resource: [iamArn(ctx, "role/aws-service-role/*")],
            Condition: { StringEquals: { "iam:AWSServiceName": [...(scope.serviceLinkedRoleServices ?? DEFAULT_SERVICE_LINKED_ROLE_SERVICES)] } },
        },
    ];
}

/** The stack's own functions, rules, logs, schedules, buckets, agent parameters and canaries, and the Synthetics layers they use. */
function deployOwnResourceStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    return [
        {
            Sid: "ManageOwnFunctionsRulesAndLogs",
            Effect: "Allow",
            // Functions, EventBridge rules and log groups the stack names <prefix>-*, and the
            // function and layer Synthetics creates, updates and deletes as the caller for the
            // front-door probe's canary <prefix>-fd (cwsyn-<canary>-<id>).
            Action: ["lambda:*", "events:*", "logs:*"],
            Resource: [
                `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${scope.namePrefix}-*`,
                `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:cwsyn-${scope.namePrefix}-*`,
                `arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:layer:cwsyn-${scope.namePrefix}-*`,
                `arn:${ctx.partition}:events:${ctx.region}:${ctx.accountId}:rule/${scope.namePrefix}-*`,
                `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${scope.namePrefix}-*`,
            ],
        },
        {
            Sid: "ManageOwnSchedules",
            Effect: "Allow",
            // The capacity reservation schedules: groups the stack names <prefix>-* and the
            // schedules in them (the role they run as is passed under PassServiceRole*).
            Action: [
                "scheduler:CreateScheduleGroup", "scheduler:GetScheduleGroup", "scheduler:DeleteScheduleGroup",
                "scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule",
                "scheduler:TagResource", "scheduler:UntagResource", "scheduler:ListTagsForResource",
            ],
            Resource: [
                `arn:${ctx.partition}:scheduler:${ctx.region}:${ctx.accountId}:schedule-group/${scope.namePrefix}-*`,
                `arn:${ctx.partition}:scheduler:${ctx.region}:${ctx.accountId}:schedule/${scope.namePrefix}-*/*`,
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
                // The UserStore's table name and endpoint URL (not secrets).
                userStoreParametersArn(ctx, scope.namePrefix),
            ],
        },
        {
            Sid: "ManageOwnCanaries",
            Effect: "Allow",
            // The front-door probe's canary (<prefix>-fd). On a canary's ARN, synthetics:* is what
            // the catalogue gives that resource type: Get, Update, Start, Stop, Delete and tags
            // (a test pins it); CreateCanary has no resource-level permissions (below).
            Action: ["synthetics:*"],
            Resource: [`arn:${ctx.partition}:synthetics:${ctx.region}:${ctx.accountId}:canary:${scope.namePrefix}-*`],
        },
        {
            Sid: "ReadSyntheticsLayers",
            Effect: "Allow",
            // CreateCanary and UpdateCanary attach the runtime's layers, which AWS's Synthetics account owns.
            Action: ["lambda:GetLayerVersion"],
            // (Synthetics:<n>, AWS-CW-Synthetics*:<n>; read only, and another account's layer needs its own policy's grant).
            Resource: [`arn:${ctx.partition}:lambda:${ctx.region}:*:layer:*Synthetics*`],
        },
    ];
}

/** The monitoring's Slack channel and keys. */
function deployChatAndKeyStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    return [
        {
            Sid: "ManageOwnChatChannels",
            Effect: "Allow",
            // AWS Chatbot's Slack channel of the monitoring, when one is configured (Chatbot is global).
            Action: [
                "chatbot:UpdateSlackChannelConfiguration",
                "chatbot:DeleteSlackChannelConfiguration",
                "chatbot:TagResource",
                "chatbot:UntagResource",
            ],
            Resource: [`arn:${ctx.partition}:chatbot::${ctx.accountId}:chat-configuration/slack-channel/${scope.namePrefix}-*`],
        },
        {
            Sid: "CreateChatChannelsAndListTheirTags",
            Effect: "Allow",
            // No resource-level permissions for these two (granted on an ARN they never match),
            // and IAM offers only request-tag keys for the create. A new channel runs as the role
            // it is given, and this role may pass only <prefix>-chatbot, only to Chatbot.
            Action: ["chatbot:CreateSlackChannelConfiguration", "chatbot:ListTagsForResource"],
            Resource: ["*"],
        },
        {
            Sid: "TagKeysAndManageOwnAliases",
            Effect: "Allow",
            // A key's later management is granted by its own key policy, which names this role
            // (the monitoring's key does): no tag-based grant, which tagging could widen.
            // TagResource on every key of the account and region is what CreateKey with tags
            // needs (KMS: "the permission must cover all KMS keys in the account and Region").
            Action: ["kms:TagResource", "kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
            Resource: [
                `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/*`,
                `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:alias/${scope.namePrefix}-*`,
            ],
        },
        {
            Sid: "CreateKeysInRegion",
            Effect: "Allow",
            // CreateKey and CreateCanary have no resource-level permissions.
            Action: ["kms:CreateKey", "synthetics:CreateCanary"],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
    ];
}

/** The UserStore's parameters: `parameter/<prefix>/user-store/*`. */
function userStoreParametersArn(ctx: AccountContext, namePrefix: string): string {
    return `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter${userStoreClientScope(namePrefix).parameterPath}/*`;
}

/**
 * What `pulumi up` does to the UserStore's tables (`<prefix>-users` and its restores
 * `<prefix>-users-restore-*`; the table's resource policy is the table's): create,
 * update (warm throughput, deletion protection), point-in-time recovery, time to live,
 * tags, the resource policy, and a restore from point-in-time recovery (the action on
 * the source table). Never `dynamodb:DeleteTable`: see {@link deployUserStoreStatements}.
 */
export const DEPLOY_USER_STORE_TABLE_ACTIONS: readonly string[] = [
    "dynamodb:CreateTable",
    "dynamodb:UpdateTable",
    "dynamodb:DescribeTable",
    "dynamodb:DescribeContinuousBackups",
    "dynamodb:UpdateContinuousBackups",
    "dynamodb:DescribeTimeToLive",
    "dynamodb:UpdateTimeToLive",
    "dynamodb:ListTagsOfResource",
    "dynamodb:TagResource",
    "dynamodb:UntagResource",
    "dynamodb:PutResourcePolicy",
    "dynamodb:GetResourcePolicy",
    "dynamodb:DeleteResourcePolicy",
    "dynamodb:RestoreTableToPointInTime",
];

/**
 * What a restore from point-in-time recovery needs on its new table besides the action
 * on the source (DynamoDB developer guide, "Using IAM with DynamoDB backup and restore":
 * "read and write permissions on the target table"): on `<prefix>-users-restore-*`
 * only, never on the live table's items.
 */
export const DEPLOY_RESTORE_TARGET_ACTIONS: readonly string[] = [
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:GetItem",
    "dynamodb:Query",
    "dynamodb:Scan",
    "dynamodb:BatchWriteItem",
];

/**
 * The UserStore's tables. Deleting one is an administrator's act: the tables are
 * deletion-protected and `retainOnDelete` (Pulumi never calls DeleteTable), and the
 * deploy role is explicitly denied DeleteTable on every table ({@link DEPLOY_DENIED_ACTIONS}),
 * so no `deletionProtectionEnabled: false` lets a deploy drop the users.
 */
function deployUserStoreStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    const store = userStoreClientScope(scope.namePrefix);
    const tables = userStoreTableArns(ctx, store);
    const restoreTables = userStoreTableArns(ctx, { tableNamePatterns: store.tableNamePatterns.filter((t) => t.endsWith("*")) });
    return [
        { Sid: "ManageUserStoreTables", Effect: "Allow", Action: [...DEPLOY_USER_STORE_TABLE_ACTIONS], Resource: tables },
        { Sid: "FillRestoredUserStoreTables", Effect: "Allow", Action: [...DEPLOY_RESTORE_TARGET_ACTIONS], Resource: restoreTables },
    ];
}

/** What has no resource-level permissions, and the account-wide reads. */
function deployUnscopedStatements(ctx: AccountContext, scope: DeployScope): PolicyStatement[] {
    return [
        {
            Sid: "ListWithoutResourceLevelPermissions",
            Effect: "Allow",
            // No resource-level permissions for these: DescribeLogGroups lists names only; an
            // SSM hybrid activation has no ARN to scope to; Chatbot lists configurations.
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
                "chatbot:DescribeSlackChannelConfigurations",
            ],
            Resource: ["*"],
            Condition: { StringEquals: { "aws:RequestedRegion": ctx.region } },
        },
        {
            Sid: "ReadAccountIdentityProviderAndPasswordPolicy",
            Effect: "Allow",
            Action: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags"],
            Resource: [scope.oidcProviderArn],
        },
        {
            Sid: "ReadPasswordPolicy",
            Effect: "Allow",
            // No resource-level permissions for these (ListAllMyBuckets: CreateCanary's artifact location check lists bucket names).
            Action: ["iam:GetAccountPasswordPolicy", "s3:ListAllMyBuckets"],
            Resource: ["*"],
        },
    ];
}


/** IAM's limit on a managed policy: 6,144 characters, white space not counted. */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/** The size IAM counts for a managed policy. */
export function managedPolicySize(doc: PolicyDocument): number {
    return JSON.stringify(doc).replace(/\s/g, "").length;
}

/** The actions of the statements that go to the deploy role's third policy (`deploy-pass-access`). */
const PASS_ACTIONS: ReadonlySet<string> = new Set(["iam:PassRole", "iam:CreateServiceLinkedRole"]);

/**
 * The deploy policy as the three managed policies the role carries (one document, or
 * two, would pass IAM's 6,144-character limit once a stack passes all its service
 * roles): `iam`, its IAM statements (all the denies among them); `passRoles`, the
 * statements that pass roles to services and create service-linked roles (one statement
 * per role passed: the part that grows with the stack); and `infrastructure`, everything
 * else. Every statement goes to exactly one part, unchanged. IAM evaluates all of a
 * role's policies together (an explicit deny in one wins over an allow in another), so
 * the split changes nothing of what the role may do.
 */
export function splitDeployPolicy(doc: PolicyDocument): { iam: PolicyDocument; infrastructure: PolicyDocument; passRoles: PolicyDocument } {
    // Reading the account's identity provider and password policy goes with the infrastructure.
    const elsewhere = new Set([...PASS_ACTIONS, "iam:GetOpenIDConnectProvider", "iam:GetAccountPasswordPolicy"]);
    const isIam = (st: PolicyStatement) =>
        st.Effect === "Deny" || (st.Action ?? []).every((a) => a.startsWith("iam:") && !elsewhere.has(a));
    const passes = (st: PolicyStatement) => !isIam(st) && st.Action !== undefined && st.Action.length > 0 && st.Action.every((a) => PASS_ACTIONS.has(a));
    return {
        iam: document(...doc.Statement.filter(isIam)),
        infrastructure: document(...doc.Statement.filter((st) => !isIam(st) && !passes(st))),
        passRoles: document(...doc.Statement.filter(passes)),
    };
}

// ---------------------------------------------------------------- pull-request preview (GitHub Actions)

/** The `sub` claim of a workflow run for a pull request of `repository` (GitHub's default format). */
export function pullRequestSubject(repository: string): string {
    return `repo:${repository}:pull_request`;
}

/**
 * What `pulumi preview` reads besides the resources' own reads (resourceActions.ts): the
 * lookups the program makes (zones, AMIs, the running group).
 */
export const PREVIEW_LOOKUP_ACTIONS: readonly string[] = ["ec2:DescribeAvailabilityZones", "ec2:DescribeImages", "autoscaling:DescribeAutoScalingGroups"];

/** Reads the preview role is given only on the stack's own resources (they return code, values or object names). */
const SCOPED_READ = /^(iam|lambda):|^ssm:GetParameter$|^s3:ListBucket$|^s3:GetObject/;

/**
 * What `pulumi preview` (with a refresh) of this program reads on "*": the read-only
 * group's configuration reads, the program's lookups, and every read of the action
 * table of the resource types the stacks declare, but those scoped to the stack's own
 * resources. Every one is a named Read or List action (pinned by a test);
 * `ec2:DescribeVpnConnections` returns the tunnels' pre-shared keys, which the state the
 * preview decrypts holds anyway. The UserStore's table reads (DescribeTable,
 * DescribeContinuousBackups, DescribeTimeToLive, ListTagsOfResource, GetResourcePolicy)
 * are configuration, never an item, and go on "*" with the rest: scoped to the stack's
 * tables they would pass the preview policy's 6,144-character limit.
 */
export function previewReadActions(): string[] {
    const tableReads = Object.values(RESOURCE_TYPE_ACTIONS).flatMap((t) => t.read).filter((a) => !SCOPED_READ.test(a));
    return [...new Set([...READ_ONLY_ACTIONS, ...PREVIEW_LOOKUP_ACTIONS, ...tableReads])].sort();
}

/** Reads of the stack's own function and parameters, which return its code location and values. */
export const PREVIEW_OWN_DATA_READ_ACTIONS: readonly string[] = [
    "lambda:GetFunction",
    "lambda:GetFunctionCodeSigningConfig",
    "lambda:GetPolicy",
    "lambda:ListVersionsByFunction",
    "lambda:ListTags",
    "lambda:GetRuntimeManagementConfig",
    "lambda:GetFunctionRecursionConfig",
];

export interface PreviewScope {
    namePrefix: string;
    /** The S3 state backend, when one is used. Default: none. */
    stateBackend?: StateBackendScope;
    /** The KMS key of the stack's `awskms://` secrets provider. Default: none. */
    secretsKmsKeyArn?: string;
}

/** Every action the preview role is allowed, each named: reads only (and the secrets key's Decrypt). */
export function previewPolicy(ctx: AccountContext, scope: PreviewScope): PolicyDocument {
    const allows: PolicyStatement[] = [
        {
            Sid: "ReadPlatformConfiguration",
            Effect: "Allow",
            Action: previewReadActions(),
            Resource: ["*"],
        },
        {
            Sid: "ReadAccountIdentityProviderAndPasswordPolicy",
            Effect: "Allow",
            Action: ["iam:GetOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags", "iam:GetAccountPasswordPolicy"],
            Resource: ["*"],
        },
        {
            Sid: "ListOwnBuckets",
            Effect: "Allow",
            // The access-log bucket exists (HeadBucket); its object names are not read otherwise.
            Action: ["s3:ListBucket"],
            Resource: [`arn:${ctx.partition}:s3:::${scope.namePrefix}-*`],
        },
        {
            Sid: "ReadOwnProbeCode",
            Effect: "Allow",
            // The front-door probe's script object (its metadata and tags); never its run results.
            Action: ["s3:GetObject", "s3:GetObjectTagging"],
            Resource: [`${probeArtifactsBucketPattern(ctx, scope.namePrefix)}/code/*`],
        },
        { Sid: "ReadOwnIam", Effect: "Allow", Action: [...DEPLOY_IAM_READ_ACTIONS], Resource: ["role", "policy", "group", "instance-profile"].map((k) => iamArn(ctx, `${k}/${scope.namePrefix}-*`)) },
        {
            Sid: "ReadOwnFunction",
            Effect: "Allow",
            Action: [...PREVIEW_OWN_DATA_READ_ACTIONS],
            Resource: [`arn:${ctx.partition}:lambda:${ctx.region}:${ctx.accountId}:function:${scope.namePrefix}-*`],
        },
        {
            Sid: "ReadOwnAgentParameterAndPublicAmiIds",
            Effect: "Allow",
            // The agent's configuration and the UserStore's table name and endpoint (not
            // secrets), and AWS's public AMI ids.
            Action: ["ssm:GetParameter"],
            Resource: [
                `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/AmazonCloudWatch-${scope.namePrefix}-*`,
                userStoreParametersArn(ctx, scope.namePrefix),
                amiParameterArnPattern(ctx),
            ],
        },

        ...stateStatements(ctx, scope.stateBackend, scope.secretsKmsKeyArn, false),
    ];
    // The role also carries this document as its permissions boundary: a broader policy
    // attached by hand still gives a pull request nothing more.
    return document(...allows);
}

