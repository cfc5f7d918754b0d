import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole, DeclaredRole } from "@kgsports/aws-role";
import {
    GITHUB_OIDC_AUDIENCE,
    GITHUB_OIDC_URL,
    githubSubject,
} from "./githubOidc";
import { HumanGroupKey, physicalNames, PolicyKey, RoleKey } from "./naming";
import { decidePasswordPolicy } from "./passwordPolicy";
import {
    AccountContext,
    administratorPolicy,
    instanceAgentPolicy,
    assumeOperatorPolicy,
    forceMfaPolicy,
    instanceLifecyclePolicy,
    instanceTrustPolicy,
    operatorBoundaryPolicy,
    operatorPolicy,
    operatorTrustPolicy,
    PolicyDocument,
    policyJson,
    readOnlyPolicy,
    instanceSessionPolicy,
    instanceUserStorePolicy,
} from "./policies";
import {
    deployPolicy,
    githubTrustPolicy,
    previewPolicy,
    pullRequestSubject,
    splitDeployPolicy,
    StateBackendScope,
    workloadBoundaryPolicy,
} from "./pipelinePolicies";
import {
    DEFAULT_OPERATOR_SESSION_SECONDS,
    MIN_ROLE_SESSION_SECONDS,
    DEFAULT_MAX_MFA_AGE_SECONDS,
    AccessControlArgs,
    administratorOwnedNames,
    accessControlArgsProblems,
    serviceRoleProblems,
} from "./args";

export * from "./args";

/**
 * Who may do what in the account: human groups (administrators, operators, read-only)
 * that all require MFA, the account password policy, a matchday operator role assumable
 * with MFA for one match window, a GitHub Actions deploy role without stored keys, and
 * the web instances' role and instance profile.
 */
export class AccessControl extends pulumi.ComponentResource {
    /** Name of the administrators group. */
    public readonly administratorsGroupName: pulumi.Output<string>;
    /** Name of the operators group (may assume the operator role only). */
    public readonly operatorsGroupName: pulumi.Output<string>;
    /** Name of the read-only group. */
    public readonly readOnlyGroupName: pulumi.Output<string>;
    /** ARN of the matchday operator role (for "Switch role" and `aws sts assume-role`). */
    public readonly operatorRoleArn: pulumi.Output<string>;
    /** Name of the matchday operator role. */
    public readonly operatorRoleName: pulumi.Output<string>;
    /** ARN of the deploy role (`role-to-assume` of `aws-actions/configure-aws-credentials`). */
    public readonly deployRoleArn: pulumi.Output<string>;
    /** ARN of the GitHub Actions OIDC provider, created here or given. */
    public readonly oidcProviderArn: pulumi.Output<string>;
    /** ARN of the web instances' role. */
    public readonly instanceRoleArn: pulumi.Output<string>;
    /** Name of the web instances' instance profile (ScalingWebTier's `instanceProfileName`). */
    public readonly instanceProfileName: pulumi.Output<string>;
    /** ARN of the pull-request preview role (`role-to-assume` of a `pull_request` workflow's `pulumi preview`). */
    public readonly previewRoleArn: pulumi.Output<string>;
    /**
     * ARN of the permissions boundary every role the deploy role creates must carry: pass
     * it as `permissionsBoundary` to the stack's other components' roles, or CI cannot
     * create them.
     */
    public readonly workloadBoundaryArn: pulumi.Output<string>;
    /**
     * ARN of `<prefix>-web-instance-user-store`, the UserStore's client policy (attached to
     * the web instance role), when `userStoreClient` is given; undefined otherwise. Attach
     * the same policy to the on-premise servers' role (HybridLink's activation
     * `additionalPolicyArns`).
     */
    public readonly userStoreClientPolicyArn: pulumi.Output<string | undefined>;

    constructor(name: string, args: AccessControlArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:access:AccessControl", name, {}, opts);
        const problems = accessControlArgsProblems(name, args);
        if (problems.length > 0) {
            throw new Error(`AccessControl "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const child = { parent: this };
        const names = physicalNames(args.namePrefix ?? name);
        const tags = args.tags ?? {};
        const maxMfaAge = args.maxMfaAgeSeconds ?? DEFAULT_MAX_MFA_AGE_SECONDS;
        const ctx = this.accountContext(args);

        // IAM cannot change a policy's description: editing one replaces the policy, and a
        // replacement under the same name fails (EntityAlreadyExists). Rename it in the same change.
        const policy = (key: PolicyKey, description: string, doc: pulumi.Output<PolicyDocument>) =>
            new aws.iam.Policy(`${name}-${key}`, { name: names.policies[key], description, policy: doc.apply(policyJson), tags }, child);
        const declared = {} as Record<RoleKey, DeclaredRole>;
        const role = (key: RoleKey, description: string, trust: pulumi.Output<PolicyDocument>, maxSessionDuration?: number, permissionsBoundary?: pulumi.Input<string>) => {
            declared[key] = declareRole(`${name}-${key}`, { name: names.roles[key], description, trust: trust.apply(policyJson), maxSessionDuration, permissionsBoundary, tags }, child);
            return declared[key].role;
        };
        // Attached after the policy, which may name the role: the role is declared first.
        const attachToRole = (roleKey: RoleKey, attachment: string, policyArn: pulumi.Input<string>) =>
            declared[roleKey].attach({ resourceName: `${name}-${roleKey}-${attachment}`, policyArn });

        // The boundary first: every role CI may create or change carries it.
        const boundary = policy(
            "workload-boundary",
            "Permissions boundary of every role the deploy role creates: workload services only, no IAM but passing the instance role to EC2",
            ctx.apply((c) => workloadBoundaryPolicy(c, names.roles["web-instance"], names.prefix)),
        );

        // Roles next: the group and deploy policies name their ARNs.
        const instanceRole = role("web-instance", "Web tier instances: Session Manager and the CloudWatch agent, nothing else", pulumi.output(instanceTrustPolicy()), undefined, boundary.arn);
        const session = policy("web-instance-session", "Web instances: Session Manager only (what AWS documents the instance needs)", ctx.apply(instanceSessionPolicy));
        attachToRole("web-instance", "session-manager", session.arn);
        if (args.cloudWatchAgent) {
            const scope = args.cloudWatchAgent;
            const agent = policy("web-instance-agent", "Web instances' CloudWatch agent: its configuration, log groups and metric namespace only", ctx.apply((c) => instanceAgentPolicy(c, scope)));
            attachToRole("web-instance", "cloudwatch-agent", agent.arn);
        }
        if (args.webInstanceGroupArns && args.webInstanceGroupArns.length > 0) {
            const lifecycle = policy(
                "web-instance-lifecycle",
                "Web instances: complete their own group's launch lifecycle hook",
                pulumi.all(args.webInstanceGroupArns).apply(instanceLifecyclePolicy),
            );
            attachToRole("web-instance", "lifecycle-hook", lifecycle.arn);
        }
        let userStoreClientPolicyArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
        if (args.userStoreClient) {
            const scope = args.userStoreClient;
            const userStore = policy(
                "web-instance-user-store",
                "Clients of the user store: its tables' items, their key only through DynamoDB, its parameters",
                ctx.apply((c) => instanceUserStorePolicy(c, scope)),
            );
            attachToRole("web-instance", "user-store-client", userStore.arn);
            userStoreClientPolicyArn = userStore.arn;
        }
        const instanceProfile = new aws.iam.InstanceProfile(`${name}-web-instance-profile`, {
            name: names.instanceProfile,
            role: instanceRole.name,
            tags,
        }, child);

        const operatorBoundary = policy(
            "matchday-operator-boundary",
            "The most the matchday operator role can ever do (its boundary): the stack's groups and alarms, dashboards, reads",
            pulumi.all([ctx, pulumi.all(args.operatorRole.autoScalingGroupArns)]).apply(([c, autoScalingGroupArns]) =>
                operatorBoundaryPolicy(c, { autoScalingGroupArns, alarmNamePrefix: args.operatorRole.alarmNamePrefix })),
        );
        const operatorRole = role(
            "matchday-operator",
            "Matchday operators (MFA): scale and refresh the web tier, silence matchday alarms, read dashboards",
            ctx.apply((c) => operatorTrustPolicy(c, maxMfaAge)),
            args.operatorRole.maxSessionDurationSeconds ?? DEFAULT_OPERATOR_SESSION_SECONDS,
            operatorBoundary.arn,
        );
        const operatorAccess = policy(
            "matchday-operator-access",
            "What the matchday operator role may do during a match window",
            pulumi.all([ctx, pulumi.all(args.operatorRole.autoScalingGroupArns)]).apply(([c, autoScalingGroupArns]) =>
                operatorPolicy(c, {
                    autoScalingGroupArns,
                    alarmNamePrefix: args.operatorRole.alarmNamePrefix,
                    groupMinSize: args.operatorRole.groupMinSize,
                    groupMaxSize: args.operatorRole.groupMaxSize,
                })),
        );
        attachToRole("matchday-operator", "policy", operatorAccess.arn);

        const oidcProviderArn = args.deployRole.existingOidcProviderArn !== undefined
            ? pulumi.output(args.deployRole.existingOidcProviderArn)
            : new aws.iam.OpenIdConnectProvider(`${name}-github-oidc`, {
                url: GITHUB_OIDC_URL,
                clientIdLists: [GITHUB_OIDC_AUDIENCE],
                // No thumbprintLists: optional in @pulumi/aws v7, and IAM validates GitHub's
                // certificate against its own trusted root CAs, not against thumbprints.
                tags,
            }, { parent: this, retainOnDelete: true }).arn;
        const stateBackend: StateBackendScope | undefined = args.stateBackend
            ? { bucketName: args.stateBackend.bucketName, keyPrefix: args.stateBackend.keyPrefix ?? "" }
            : undefined;
        const subject = githubSubject(args.deployRole);
        const deployRole = role(
            "deploy",
            `GitHub Actions deploys of ${subject}, without stored keys`,
            oidcProviderArn.apply((arn) => githubTrustPolicy(arn, subject)),
        );
        const deployDocuments = pulumi.all([ctx, instanceRole.arn, oidcProviderArn, boundary.arn, args.deployRole.serviceRoles ?? []]).apply(([c, instanceRoleArn, providerArn, workloadBoundaryArn, serviceRoles]) => {
            const problems = serviceRoleProblems(names.prefix, serviceRoles);
            if (problems.length > 0) throw new Error(`AccessControl "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
            return splitDeployPolicy(deployPolicy(c, {
                namePrefix: names.prefix,
                instanceRoleArn,
                oidcProviderArn: providerArn,
                workloadBoundaryArn,
                administratorOwned: administratorOwnedNames(names),
                serviceRoles,
                attachableAwsManagedPolicies: args.deployRole.attachableAwsManagedPolicies,
                stateBackend,
                secretsKmsKeyArn: args.secretsKmsKeyArn,
            }));
        });
        // Three managed policies: one document, or two, would pass IAM's size limit (splitDeployPolicy).
        // All three are administrator-owned: the role is denied every change to each of them.
        // deploy-access keeps its description, though passing moved to deploy-pass-access: IAM
        // cannot change a policy's description, and a new one would replace the policy.
        const deployAccess = policy(
            "deploy-access",
            "What pulumi up of the platform needs: its regional services, functions, buckets, keys, and passing its own roles",
            deployDocuments.apply((d) => d.infrastructure),
        );
        const deployIamAccess = policy(
            "deploy-iam-access",
            "IAM for pulumi up of the platform: workload roles under the boundary only; never its own role, policies or the human groups",
            deployDocuments.apply((d) => d.iam),
        );
        const deployPassAccess = policy(
            "deploy-pass-access",
            "Passing for pulumi up of the platform: the instance role to EC2 and each stack role to its own service; AWS's service-linked roles",
            deployDocuments.apply((d) => d.passRoles),
        );
        attachToRole("deploy", "policy", deployAccess.arn);
        attachToRole("deploy", "iam-policy", deployIamAccess.arn);
        attachToRole("deploy", "pass-policy", deployPassAccess.arn);

        // Pull requests of the same repository: a read-only role for `pulumi preview`.
        const previewSubject = pullRequestSubject(args.deployRole.repository);
        const previewAccess = policy(
            "preview-access",
            "What pulumi preview of the platform reads, and nothing else",
            ctx.apply((c) => previewPolicy(c, { namePrefix: names.prefix, stateBackend, secretsKmsKeyArn: args.secretsKmsKeyArn })),
        );
        // The same document is the role's boundary: a policy attached by hand widens nothing.
        const previewRole = role(
            "preview",
            `GitHub Actions previews of ${previewSubject}: reads only`,
            oidcProviderArn.apply((arn) => githubTrustPolicy(arn, previewSubject)),
            MIN_ROLE_SESSION_SECONDS,
            previewAccess.arn,
        );
        attachToRole("preview", "policy", previewAccess.arn);

        // Human groups: every one carries the force-MFA policy.
        const forceMfa = policy("force-mfa", "Deny everything but setting up MFA and changing one's password until signed in with MFA", ctx.apply(forceMfaPolicy));
        const groupPolicies: Record<HumanGroupKey, [PolicyKey, aws.iam.Policy][]> = {
            administrators: [["administrator-access", policy("administrator-access", "Full access, only with a recent MFA sign-in", pulumi.output(administratorPolicy(maxMfaAge)))]],
            operators: [["assume-matchday-operator", policy("assume-matchday-operator", "Assume the matchday operator role, nothing else", operatorRole.arn.apply(assumeOperatorPolicy))]],
            "read-only": [["read-only-access", policy("read-only-access", "Read the platform's configuration; never data", pulumi.output(readOnlyPolicy()))]],
        };
        const members: Record<HumanGroupKey, string[]> = {
            administrators: args.administrators,
            operators: args.operators ?? [],
            "read-only": args.readOnly ?? [],
        };
        const groups = {} as Record<HumanGroupKey, aws.iam.Group>;
        for (const key of Object.keys(groupPolicies) as HumanGroupKey[]) {
            const group = new aws.iam.Group(`${name}-${key}`, { name: names.groups[key] }, child);
            // Exclusive: the group holds exactly these users; anyone added by hand is removed on the next refresh and up.
            // The provider requires at least one user, so an empty list means no membership resource (and
            // emptying a list deletes it, which removes its users from the group).
            if (members[key].length > 0) {
                new aws.iam.GroupMembership(`${name}-${key}-members`, { name: `${names.groups[key]}-members`, group: group.name, users: members[key] }, child);
            }
            for (const [policyKey, p] of [["force-mfa", forceMfa] as [PolicyKey, aws.iam.Policy], ...groupPolicies[key]]) {
                new aws.iam.GroupPolicyAttachment(`${name}-${key}-${policyKey}`, { group: group.name, policyArn: p.arn }, child);
            }
            groups[key] = group;
        }

        if (args.managePasswordPolicy ?? true) {
            // An account singleton: kept on delete, so handing it to another stack never resets it to AWS's weak default.
            new aws.iam.AccountPasswordPolicy(`${name}-password-policy`, decidePasswordPolicy(args.passwordPolicy), { parent: this, retainOnDelete: true });
        }

        this.administratorsGroupName = groups.administrators.name;
        this.operatorsGroupName = groups.operators.name;
        this.readOnlyGroupName = groups["read-only"].name;
        this.operatorRoleArn = operatorRole.arn;
        this.operatorRoleName = operatorRole.name;
        this.deployRoleArn = deployRole.arn;
        this.oidcProviderArn = oidcProviderArn;
        this.instanceRoleArn = instanceRole.arn;
        this.instanceProfileName = instanceProfile.name;
        this.previewRoleArn = previewRole.arn;
        this.workloadBoundaryArn = boundary.arn;
        this.userStoreClientPolicyArn = userStoreClientPolicyArn;
        this.registerOutputs({
            administratorsGroupName: this.administratorsGroupName,
            operatorsGroupName: this.operatorsGroupName,
            readOnlyGroupName: this.readOnlyGroupName,
            operatorRoleArn: this.operatorRoleArn,
            operatorRoleName: this.operatorRoleName,
            deployRoleArn: this.deployRoleArn,
            oidcProviderArn: this.oidcProviderArn,
            instanceRoleArn: this.instanceRoleArn,
            instanceProfileName: this.instanceProfileName,
            previewRoleArn: this.previewRoleArn,
            workloadBoundaryArn: this.workloadBoundaryArn,
            userStoreClientPolicyArn: this.userStoreClientPolicyArn,
        });
    }

    /** Partition, account and region: from args, else from the provider's data sources. */
    private accountContext(args: AccessControlArgs): pulumi.Output<AccountContext> {
        const child = { parent: this };
        return pulumi.all([
            args.partition ?? aws.getPartitionOutput({}, child).partition,
            args.accountId ?? aws.getCallerIdentityOutput({}, child).accountId,
            args.region ?? aws.getRegionOutput({}, child).region,
        ]).apply(([partition, accountId, region]) => ({ partition, accountId, region }));
    }
}
