import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import {
    AccessControl,
    AccessControlArgs,
    accessControlArgsProblems,
    FORCE_MFA_EXEMPT_ACTIONS,
    MAX_NAME_PREFIX_LENGTH,
} from "@kgsports/access-control";
import { ScalingWebTier } from "@kgsports/scaling-web-tier";
import { userStoreClientScope } from "@kgsports/user-store/pure";
import { DeclaredResource } from "../stacks/plan/mockRuntime";
import { AWS, declare, named, ofType, one } from "./helpers/declare";

const IAM = {
    group: "aws:iam/group:Group",
    membership: "aws:iam/groupMembership:GroupMembership",
    groupAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    policy: "aws:iam/policy:Policy",
    role: AWS.role,
    roleAttachment: AWS.attachment,
    profile: AWS.profile,
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    passwordPolicy: "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
};
const COMPONENT = "kgsports:access:AccessControl";
const ASG = "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg-*";
const EXISTING_OIDC = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";

function args(overrides: Partial<AccessControlArgs> = {}): AccessControlArgs {
    return {
        administrators: ["ana.admin"],
        operators: ["omar.ops", "olga.ops"],
        readOnly: ["rita.reader"],
        operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", groupMinSize: 2, groupMaxSize: 20 },
        deployRole: { repository: "kgsports/platform" },
        ...overrides,
    };
}

function doc(r: DeclaredResource, field = "policy"): any {
    return JSON.parse(r.inputs[field] as string);
}
/** The value of an output once the mock run has resolved it. */
function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}
/** The fake cloud's ARN of a named IAM resource (see stacks/plan/fakeCloud.ts). */
const iamArnOf = (kind: string, name: string) => `arn:aws:iam::123456789012:${kind}/${name}`;

describe("AccessControl", () => {
    it("declares its children under itself, named <name>-<role>, with unique URNs and every lookup answered", async () => {
        const run = await declare(() => new AccessControl("access", args()));
        const component = one(run.resources, COMPONENT);
        const children = run.resources.filter((r) => r !== component);
        for (const c of children) {
            expect(c.parent, c.name).to.equal(component.urn);
            expect(c.name, c.type).to.match(/^access-/);
        }
        const urns = run.resources.map((r) => r.urn);
        expect(new Set(urns).size).to.equal(urns.length);
        expect(run.unansweredCalls).to.deep.equal([]);
        const count = (type: string) => ofType(run.resources, type).length;
        expect({
            groups: count(IAM.group),
            memberships: count(IAM.membership),
            groupAttachments: count(IAM.groupAttachment),
            policies: count(IAM.policy),
            roles: count(IAM.role),
            roleAttachments: count(IAM.roleAttachment),
            profiles: count(IAM.profile),
            oidc: count(IAM.oidc),
            passwordPolicy: count(IAM.passwordPolicy),
        }).to.deep.equal({ groups: 3, memberships: 3, groupAttachments: 6, policies: 12, roles: 4, roleAttachments: 6, profiles: 1, oidc: 1, passwordPolicy: 1 });
        expect(children).to.have.length(37);
        for (const r of run.resources) expect(r.type, r.name).to.not.match(/UserPolicy|RolePolicy:RolePolicy|GroupPolicy:GroupPolicy|aws:iam\/user:/);
        for (const role of ofType(run.resources, IAM.role)) expect(role.inputs, role.name).to.not.have.property("inlinePolicies");
    });

    it("gives groups, roles, policies and the profile explicit names from the prefix (default: the component name)", async () => {
        const byDefault = await declare(() => new AccessControl("access", args()));
        expect(ofType(byDefault.resources, IAM.group).map((g) => g.inputs.name)).to.deep.equal(["access-administrators", "access-operators", "access-read-only"]);
        const { resources } = await declare(() => new AccessControl("iam", args({ namePrefix: "kgs-matchday" })));
        expect(ofType(resources, IAM.group).map((g) => g.inputs.name).sort()).to.deep.equal(["kgs-matchday-administrators", "kgs-matchday-operators", "kgs-matchday-read-only"]);
        expect(ofType(resources, IAM.role).map((g) => g.inputs.name).sort()).to.deep.equal(["kgs-matchday-deploy", "kgs-matchday-matchday-operator", "kgs-matchday-preview", "kgs-matchday-web-instance"]);
        expect(ofType(resources, IAM.policy).map((g) => g.inputs.name).sort()).to.deep.equal([
            "kgs-matchday-administrator-access",
            "kgs-matchday-assume-matchday-operator",
            "kgs-matchday-deploy-access",
            "kgs-matchday-deploy-iam-access",
            "kgs-matchday-deploy-pass-access",
            "kgs-matchday-force-mfa",
            "kgs-matchday-matchday-operator-access",
            "kgs-matchday-matchday-operator-boundary",
            "kgs-matchday-preview-access",
            "kgs-matchday-read-only-access",
            "kgs-matchday-web-instance-session",
            "kgs-matchday-workload-boundary",
        ]);
        expect(one(resources, IAM.profile).inputs.name).to.equal("kgs-matchday-web-instance");
        for (const r of resources.filter((x) => x.custom)) expect(r.name, r.type).to.match(/^iam-/);
    });

    describe("human groups", () => {
        it("every group carries the force-MFA policy", async () => {
            const { resources } = await declare(() => new AccessControl("access", args()));
            const forceMfa = named(resources, "access-force-mfa");
            expect(doc(forceMfa).Statement.find((s: any) => s.Effect === "Deny").NotAction).to.deep.equal([...FORCE_MFA_EXEMPT_ACTIONS]);
            const withForceMfa = ofType(resources, IAM.groupAttachment)
                .filter((a) => a.inputs.policyArn === iamArnOf("policy", "access-force-mfa"))
                .map((a) => a.inputs.group)
                .sort();
            expect(withForceMfa).to.deep.equal(["access-administrators", "access-operators", "access-read-only"]);
        });

        it("administrators get full access with MFA, operators only the assume policy, read-only only the read policy", async () => {
            const { resources } = await declare(() => new AccessControl("access", args({ maxMfaAgeSeconds: 3600 })));
            const attached = (group: string) => ofType(resources, IAM.groupAttachment)
                .filter((a) => a.inputs.group === group)
                .map((a) => String(a.inputs.policyArn).split("/").pop())
                .sort();
            expect(attached("access-administrators")).to.deep.equal(["access-administrator-access", "access-force-mfa"]);
            expect(attached("access-operators")).to.deep.equal(["access-assume-matchday-operator", "access-force-mfa"]);
            expect(attached("access-read-only")).to.deep.equal(["access-force-mfa", "access-read-only-access"]);
            expect(doc(named(resources, "access-administrator-access")).Statement[0].Condition).to.deep.equal({
                Bool: { "aws:MultiFactorAuthPresent": "true" },
                NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
            });
            expect(doc(named(resources, "access-assume-matchday-operator")).Statement).to.deep.equal([{
                Sid: "AssumeMatchdayOperatorRoleOnly",
                Effect: "Allow",
                Action: ["sts:AssumeRole"],
                Resource: [iamArnOf("role", "access-matchday-operator")],
            }]);
        });

        it("declares one exclusive membership per group with exactly the configured users, none for an empty group", async () => {
            const { resources } = await declare(() => new AccessControl("access", args({ readOnly: undefined })));
            const memberships = ofType(resources, IAM.membership);
            // The provider requires at least one user per membership; an empty group has none.
            expect(memberships.map((m) => [m.inputs.group, m.inputs.users]).sort()).to.deep.equal([
                ["access-administrators", ["ana.admin"]],
                ["access-operators", ["omar.ops", "olga.ops"]],
            ]);
            expect(ofType(resources, "aws:iam/group:Group").map((g) => g.name)).to.include("access-read-only");
        });
    });

    describe("matchday operator role", () => {
        it("is assumable by this account's principals with recent MFA, for a 4-hour match window by default", async () => {
            const { resources } = await declare(() => new AccessControl("access", args()));
            const role = named(resources, "access-matchday-operator");
            expect(role.inputs.maxSessionDuration).to.equal(14400);
            expect(doc(role, "assumeRolePolicy").Statement).to.deep.equal([{
                Sid: "AccountPrincipalsWithRecentMfa",
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::123456789012:root"] },
                Action: ["sts:AssumeRole"],
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThan: { "aws:MultiFactorAuthAge": "43200" } },
            }]);
            const attachment = named(resources, "access-matchday-operator-policy");
            expect(attachment.inputs).to.deep.include({ role: "access-matchday-operator", policyArn: iamArnOf("policy", "access-matchday-operator-access") });
        });

        it("takes the session length and the scope from its args, and the region from the provider", async () => {
            const { resources } = await declare(() => new AccessControl("access", args({
                operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "kgs-matchday-", maxSessionDurationSeconds: 3 * 3600, groupMinSize: 2, groupMaxSize: 20 },
            })));
            expect(named(resources, "access-matchday-operator").inputs.maxSessionDuration).to.equal(10800);
            const statements = doc(named(resources, "access-matchday-operator-access")).Statement;
            expect(statements.find((s: any) => s.Sid === "ScaleAndRefreshMatchdayGroups").Resource).to.deep.equal([ASG]);
            expect(statements.find((s: any) => s.Sid === "SilenceAndResumeMatchdayAlarms").Resource).to.deep.equal([
                "arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:kgs-matchday-*",
            ]);
            for (const s of statements) expect(s.Action.some((a: string) => a.startsWith("iam:")), s.Sid).to.equal(false);
        });

        it("uses account, partition and region from args instead of the lookups when given", async () => {
            const { resources } = await declare(() => new AccessControl("access", args({ accountId: "444455556666", partition: "aws-us-gov", region: "us-gov-west-1" })));
            expect(doc(named(resources, "access-matchday-operator"), "assumeRolePolicy").Statement[0].Principal).to.deep.equal({ AWS: ["arn:aws-us-gov:iam::444455556666:root"] });
            const regional = doc(named(resources, "access-deploy-access")).Statement.find((s: any) => s.Sid === "ManagePlatformInfrastructureInRegion");
            expect(regional.Condition).to.deep.equal({ StringEquals: { "aws:RequestedRegion": "us-gov-west-1" } });
        });

        it("can scope to a web tier declared after it (pulumi.deferredOutput), which then uses this component's instance profile", async () => {
            let web: ScalingWebTier | undefined;
            const { resources } = await declare(() => {
                const [asgArn, resolveAsgArn] = pulumi.deferredOutput<string>();
                const access = new AccessControl("access", args({ operatorRole: { autoScalingGroupArns: [asgArn], alarmNamePrefix: "web-", groupMinSize: 2, groupMaxSize: 20 } }));
                web = new ScalingWebTier("web", {
                    network: { cidrBlock: "10.20.0.0/16", availabilityZoneCount: 2 },
                    instanceType: "t3.small",
                    capacity: { min: 1, desired: 1, max: 4 },
                    targetRequestsPerInstance: 1000,
                    instanceProfileName: access.instanceProfileName,
                });
                resolveAsgArn(web.asgArn);
            });
            const scale = doc(named(resources, "access-matchday-operator-access")).Statement.find((s: any) => s.Sid === "ScaleAndRefreshMatchdayGroups");
            expect(scale.Resource).to.deep.equal([await valueOf(web!.asgArn)]);
            expect((one(resources, AWS.lt).inputs.iamInstanceProfile as any).name).to.equal("access-web-instance");
            expect(ofType(resources, IAM.role).map((r) => r.name).sort()).to.deep.equal(["access-deploy", "access-matchday-operator", "access-preview", "access-web-instance"]);
        });
    });

    describe("deploy role", () => {
        it("creates the GitHub OIDC provider (no thumbprints, kept on delete) and trusts only the configured branch", async () => {
            let access: AccessControl | undefined;
            const { resources } = await declare(() => (access = new AccessControl("access", args({ deployRole: { repository: "kgsports/platform", branch: "release" } }))));
            const provider = one(resources, IAM.oidc);
            expect(provider.inputs).to.deep.include({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
            expect(provider.inputs).to.not.have.property("thumbprintLists");
            expect(provider.options.retainOnDelete).to.equal(true);
            const providerArn = await valueOf(access!.oidcProviderArn);
            const trust = doc(named(resources, "access-deploy"), "assumeRolePolicy").Statement;
            expect(trust).to.deep.equal([{
                Sid: "GitHubActionsOfOneRepositoryRef",
                Effect: "Allow",
                Principal: { Federated: providerArn },
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Condition: {
                    StringEquals: {
                        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub": "repo:kgsports/platform:ref:refs/heads/release",
                    },
                },
            }]);
        });

        it("uses an existing provider when given one, and creates none", async () => {
            let access: AccessControl | undefined;
            const { resources } = await declare(() => (access = new AccessControl("access", args({
                deployRole: { repository: "kgsports/platform", environment: "matchday", existingOidcProviderArn: EXISTING_OIDC },
            }))));
            expect(ofType(resources, IAM.oidc)).to.have.length(0);
            expect(await valueOf(access!.oidcProviderArn)).to.equal(EXISTING_OIDC);
            const trust = doc(named(resources, "access-deploy"), "assumeRolePolicy").Statement[0];
            expect(trust.Principal).to.deep.equal({ Federated: EXISTING_OIDC });
            expect(trust.Condition.StringEquals["token.actions.githubusercontent.com:sub"]).to.equal("repo:kgsports/platform:environment:matchday");
            const read = doc(named(resources, "access-deploy-access")).Statement.find((s: any) => s.Sid === "ReadAccountIdentityProviderAndPasswordPolicy");
            expect(read.Resource).to.deep.equal([EXISTING_OIDC]);
        });

        it("may pass only the instance role it declares, and manage IAM only under the prefix", async () => {
            const { resources } = await declare(() => new AccessControl("access", args({ namePrefix: "kgs-dev" })));
            const statements = ["access-deploy-access", "access-deploy-iam-access", "access-deploy-pass-access"].flatMap((n) => doc(named(resources, n)).Statement);
            const pass = statements.filter((s: any) => s.Action?.includes("iam:PassRole"));
            expect(pass).to.have.length(1);
            expect(pass[0].Resource).to.deep.equal([iamArnOf("role", "kgs-dev-web-instance")]);
            expect(pass[0].Condition).to.deep.equal({ StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } });
            const create = statements.find((s: any) => s.Action?.includes("iam:CreateRole"));
            expect(create.Resource).to.deep.equal(["arn:aws:iam::123456789012:role/kgs-dev-*"]);
            expect(create.Condition).to.deep.equal({ StringEquals: { "iam:PermissionsBoundary": iamArnOf("policy", "kgs-dev-workload-boundary") } });
            expect(named(resources, "access-deploy-policy").inputs).to.deep.include({ role: "kgs-dev-deploy", policyArn: iamArnOf("policy", "kgs-dev-deploy-access") });
            expect(named(resources, "access-deploy-iam-policy").inputs).to.deep.include({ role: "kgs-dev-deploy", policyArn: iamArnOf("policy", "kgs-dev-deploy-iam-access") });
            expect(named(resources, "access-deploy-pass-policy").inputs).to.deep.include({ role: "kgs-dev-deploy", policyArn: iamArnOf("policy", "kgs-dev-deploy-pass-access") });
            // Passing lives in deploy-pass-access alone.
            expect(doc(named(resources, "access-deploy-pass-access")).Statement.map((s: any) => s.Sid)).to.deep.equal(["PassOnlyTheInstanceRoleToEc2", "CreateServiceLinkedRoles"]);
        });
    });

    describe("web instances", () => {
        it("have a role EC2 assumes under the workload boundary, with the project's Session Manager policy and no AWS managed policy, and output its profile name", async () => {
            let access: AccessControl | undefined;
            const { resources } = await declare(() => (access = new AccessControl("access", args())));
            const role = named(resources, "access-web-instance");
            expect(doc(role, "assumeRolePolicy").Statement).to.deep.equal([
                { Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
            ]);
            const attached = ofType(resources, IAM.roleAttachment).filter((a) => a.inputs.role === "access-web-instance").map((a) => a.inputs.policyArn).sort();
            // No CloudWatch agent scope given: no agent permission at all (never the account-wide managed policy).
            expect(attached).to.deep.equal([iamArnOf("policy", "access-web-instance-session")]);
            expect(role.inputs.permissionsBoundary).to.equal(iamArnOf("policy", "access-workload-boundary"));
            expect(one(resources, IAM.profile).inputs).to.deep.include({ name: "access-web-instance", role: "access-web-instance" });
            expect(await valueOf(access!.instanceProfileName)).to.equal("access-web-instance");
            expect(await valueOf(access!.instanceRoleArn)).to.equal(iamArnOf("role", "access-web-instance"));
        });

        it("may complete the launch lifecycle hook of the groups they run in, only when those groups are given", async () => {
            const group = "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:1a2b:autoScalingGroupName/web-asg-1";
            const { resources } = await declare(() => new AccessControl("access", args({ webInstanceGroupArns: [group] })));
            const lifecycle = ofType(resources, IAM.policy).find((p) => p.name === "access-web-instance-lifecycle")!;
            expect(doc(lifecycle, "policy").Statement).to.deep.equal([
                { Sid: "CompleteOwnLaunchHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [group] },
                { Sid: "FindOwnGroup", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: ["*"] },
            ]);
            const attached = ofType(resources, IAM.roleAttachment).filter((a) => a.inputs.role === "access-web-instance").map((a) => a.inputs.policyArn);
            expect(attached).to.include(iamArnOf("policy", "access-web-instance-lifecycle"));
            const without = await declare(() => new AccessControl("access", args()));
            expect(ofType(without.resources, IAM.policy).map((p) => p.name)).to.not.include("access-web-instance-lifecycle");
        });
    });

    describe("the UserStore's clients", () => {
        it("with userStoreClient, the web instance role gets <prefix>-web-instance-user-store, and its ARN is an output for the on-premise servers; without it, neither", async () => {
            let access: AccessControl | undefined;
            const { resources } = await declare(() => (access = new AccessControl("access", args({ userStoreClient: userStoreClientScope("access") }))));
            const policy = named(resources, "access-web-instance-user-store");
            expect(policy.inputs.name).to.equal("access-web-instance-user-store");
            expect(doc(policy).Statement.map((st: { Sid: string }) => st.Sid)).to.deep.equal(["ReadAndWriteUserStoreItems", "UseUserStoreKeyThroughDynamoDb", "ReadUserStoreParameters"]);
            expect(doc(policy).Statement[0].Resource).to.include("arn:aws:dynamodb:ap-northeast-2:123456789012:table/access-users");
            const attachment = named(resources, "access-web-instance-user-store-client");
            expect(attachment.inputs).to.deep.include({ role: "access-web-instance", policyArn: iamArnOf("policy", "access-web-instance-user-store") });
            expect(await valueOf(access!.userStoreClientPolicyArn)).to.equal(iamArnOf("policy", "access-web-instance-user-store"));

            let plain: AccessControl | undefined;
            const without = await declare(() => (plain = new AccessControl("access", args())));
            expect(without.resources.filter((r) => r.name.startsWith("access-web-instance-user-store"))).to.deep.equal([]);
            expect(await valueOf(plain!.userStoreClientPolicyArn)).to.equal(undefined);
        });

        it("refuses a scope outside the stack's <prefix>-users tables or /<prefix>/ parameters (what the boundary would cap)", () => {
            const scope = userStoreClientScope("access");
            expect(accessControlArgsProblems("access", args({ userStoreClient: scope }))).to.deep.equal([]);
            expect(accessControlArgsProblems("access", args({ userStoreClient: userStoreClientScope("other") })).join("\n"))
                .to.contain('"other-users" must be access-users or access-users-restore-*')
                .and.contain('parameterPath "/other/user-store": must be a path under /access/');
            expect(accessControlArgsProblems("access", args({ userStoreClient: { ...scope, tableNamePatterns: [] } }))).to.deep.equal(["userStoreClient.tableNamePatterns: at least one table"]);
            expect(accessControlArgsProblems("access", args({ userStoreClient: { ...scope, tableNamePatterns: ["*"] } }))).to.have.length(1);
        });
    });

    describe("account password policy", () => {
        it("is managed with safe defaults and kept on delete", async () => {
            const { resources } = await declare(() => new AccessControl("access", args()));
            const policy = one(resources, IAM.passwordPolicy);
            expect(policy.inputs).to.deep.equal({
                minimumPasswordLength: 14,
                passwordReusePrevention: 24,
                maxPasswordAge: 90,
                requireUppercaseCharacters: true,
                requireLowercaseCharacters: true,
                requireNumbers: true,
                requireSymbols: true,
                allowUsersToChangePassword: true,
                hardExpiry: false,
            });
            expect(policy.options.retainOnDelete).to.equal(true);
        });

        it("takes its rules from args, and is not declared at all with managePasswordPolicy: false", async () => {
            const custom = await declare(() => new AccessControl("access", args({ passwordPolicy: { minimumLength: 20, maxAgeDays: 60 } })));
            expect(one(custom.resources, IAM.passwordPolicy).inputs).to.deep.include({ minimumPasswordLength: 20, maxPasswordAge: 60, passwordReusePrevention: 24 });
            const unmanaged = await declare(() => new AccessControl("access", args({ managePasswordPolicy: false })));
            expect(ofType(unmanaged.resources, IAM.passwordPolicy)).to.have.length(0);
        });
    });

    describe("pull-request preview role and boundaries", () => {
        it("trusts the repository's pull requests for an hour, carries its own read policy as its boundary, and outputs its ARN", async () => {
            let access: AccessControl | undefined;
            const { resources } = await declare(() => (access = new AccessControl("access", args({
                stateBackend: { bucketName: "kgsports-pulumi-state", keyPrefix: "platform" },
                secretsKmsKeyArn: "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            }))));
            const role = named(resources, "access-preview");
            expect(role.inputs.maxSessionDuration).to.equal(3600);
            expect(role.inputs.permissionsBoundary).to.equal(iamArnOf("policy", "access-preview-access"));
            const trust = doc(role, "assumeRolePolicy").Statement[0];
            expect(trust.Condition.StringEquals["token.actions.githubusercontent.com:sub"]).to.equal("repo:kgsports/platform:pull_request");
            expect(named(resources, "access-preview-policy").inputs).to.deep.include({ role: "access-preview", policyArn: iamArnOf("policy", "access-preview-access") });
            const preview = doc(named(resources, "access-preview-access")).Statement;
            expect(preview.find((st: any) => st.Sid === "ReadStackState").Resource).to.deep.equal(["arn:aws:s3:::kgsports-pulumi-state/platform/*"]);
            expect(preview.find((st: any) => st.Sid === "DecryptStackSecretsKey").Resource).to.deep.equal(["arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]);
            const deployState = doc(named(resources, "access-deploy-access")).Statement.find((st: any) => st.Sid === "ReadAndWriteStackState");
            expect(deployState.Action).to.deep.equal(["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]);
            expect(await valueOf(access!.previewRoleArn)).to.equal(iamArnOf("role", "access-preview"));
            expect(await valueOf(access!.workloadBoundaryArn)).to.equal(iamArnOf("policy", "access-workload-boundary"));
        });

        it("without a state backend or a secrets key, neither role gets any S3 object (but the preview the probe's script) or KMS decrypt", async () => {
            const { resources } = await declare(() => new AccessControl("access", args()));
            for (const name of ["access-preview-access", "access-deploy-access", "access-deploy-iam-access", "access-deploy-pass-access"]) {
                const statements = doc(named(resources, name)).Statement;
                const objectReads = statements.filter((st: any) => (st.Action ?? []).includes("s3:GetObject"));
                // The preview reads the front-door probe's script object (the provider's HeadObject), nothing else.
                expect(objectReads.flatMap((st: any) => st.Resource), name).to.deep.equal(name === "access-preview-access" ? ["arn:aws:s3:::access-probe-artifacts-*/code/*"] : []);
                expect(statements.flatMap((st: any) => st.Action ?? []), name).to.not.include("kms:Decrypt");
            }
        });

        it("the operator role carries the operator boundary, whose groups and alarms are the role's", async () => {
            const { resources } = await declare(() => new AccessControl("access", args()));
            expect(named(resources, "access-matchday-operator").inputs.permissionsBoundary).to.equal(iamArnOf("policy", "access-matchday-operator-boundary"));
            const boundary = doc(named(resources, "access-matchday-operator-boundary")).Statement;
            expect(boundary.find((st: any) => st.Sid === "MatchdayGroupsAtMost").Resource).to.deep.equal([ASG]);
            const access = doc(named(resources, "access-matchday-operator-access")).Statement;
            expect(access.find((st: any) => st.Sid === "ScheduleRaisesOnly").Condition.NumericGreaterThanEquals).to.deep.equal({ "autoscaling:MinSize": "2" });
        });

        it("refuses operator sizes that are not whole numbers or a maximum below the minimum, and a bad state bucket or secrets key", () => {
            const text = (o: Partial<AccessControlArgs>) => accessControlArgsProblems("access", args(o)).join("\n");
            expect(text({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", groupMinSize: -1, groupMaxSize: 20 } })).to.contain("operatorRole.groupMinSize = -1");
            expect(text({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", groupMinSize: 10, groupMaxSize: 5 } })).to.contain("operatorRole.groupMaxSize = 5");
            expect(text({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", groupMinSize: 5, groupMaxSize: 5 } })).to.equal("");
            expect(text({ stateBackend: { bucketName: "Bad_Bucket" } })).to.contain("stateBackend.bucketName");
            expect(text({ stateBackend: { bucketName: "kgs-state", keyPrefix: "/platform" } })).to.contain("stateBackend.keyPrefix");
            expect(text({ secretsKmsKeyArn: "alias/pulumi" })).to.contain("secretsKmsKeyArn");
        });
    });

    describe("args validation", () => {
        const problemsOf = (overrides: Partial<AccessControlArgs>, name = "access") => accessControlArgsProblems(name, args(overrides));

        it("accepts the defaults", () => {
            expect(problemsOf({})).to.deep.equal([]);
        });

        it("refuses a user in two groups (case-insensitively), a user listed twice, a malformed user name and no administrator", () => {
            expect(problemsOf({ readOnly: ["ana.admin"] }).join("\n")).to.contain('user "ana.admin" is in administrators and readOnly');
            expect(problemsOf({ operators: ["Ana.Admin"] }).join("\n")).to.contain("is in administrators and operators");
            expect(problemsOf({ operators: ["omar", "omar"] }).join("\n")).to.contain('operators: "omar" is listed twice');
            expect(problemsOf({ readOnly: ["rita reader"] }).join("\n")).to.contain('"rita reader" is not an IAM user name');
            expect(problemsOf({ administrators: [] }).join("\n")).to.contain("administrators: at least one user");
        });

        it("refuses an empty or malformed repository, an empty or wildcard branch or environment, and both at once", () => {
            for (const repository of ["", "platform", "kgsports/", "/platform", "kgsports/platform/extra", "-kg/platform", "kg sports/platform", "kgsports/*"]) {
                expect(problemsOf({ deployRole: { repository } }).join("\n"), repository).to.contain(`deployRole.repository "${repository}"`);
            }
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", branch: "" } }).join("\n")).to.contain("deployRole.branch is empty");
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", branch: "  " } }).join("\n")).to.contain("deployRole.branch is empty");
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", branch: "release/*" } }).join("\n")).to.contain('deployRole.branch "release/*"');
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", branch: "refs/heads/main" } }).join("\n")).to.contain("without \"refs/heads/\"");
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", environment: "" } }).join("\n")).to.contain("deployRole.environment is empty");
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", environment: "prod*" } }).join("\n")).to.contain('deployRole.environment "prod*"');
            expect(problemsOf({ deployRole: { repository: "kgsports/platform", branch: "main", environment: "matchday" } }).join("\n")).to.contain("not both");
            expect(problemsOf({ deployRole: { repository: "KG-Sports/stream.infra_2", environment: "matchday" } })).to.deep.equal([]);
        });

        it("refuses an operator session outside 3600..43200 seconds", () => {
            for (const s of [0, 3599, 43201, 14400.5]) {
                expect(problemsOf({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", maxSessionDurationSeconds: s, groupMinSize: 2, groupMaxSize: 20 } }).join("\n"), String(s))
                    .to.contain(`operatorRole.maxSessionDurationSeconds = ${s}`);
            }
            for (const s of [3600, 43200]) {
                expect(problemsOf({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-", maxSessionDurationSeconds: s, groupMinSize: 2, groupMaxSize: 20 } }), String(s)).to.deep.equal([]);
            }
        });

        it("refuses an MFA max age of zero, below zero or above 129600 seconds", () => {
            for (const age of [0, -60, 129601, 1.5]) expect(problemsOf({ maxMfaAgeSeconds: age }).join("\n"), String(age)).to.contain(`maxMfaAgeSeconds = ${age}`);
            for (const age of [1, 129600]) expect(problemsOf({ maxMfaAgeSeconds: age }), String(age)).to.deep.equal([]);
        });

        it("refuses a name prefix IAM would not accept or that is too long, also when it defaults to the component name", () => {
            expect(problemsOf({ namePrefix: "kgs matchday" }).join("\n")).to.contain('namePrefix "kgs matchday"');
            expect(problemsOf({ namePrefix: "kgs/matchday" }).join("\n")).to.contain('namePrefix "kgs/matchday"');
            expect(problemsOf({ namePrefix: "" }).join("\n")).to.contain('namePrefix "" is 0 characters');
            expect(problemsOf({ namePrefix: "x".repeat(MAX_NAME_PREFIX_LENGTH + 1) }).join("\n")).to.contain(`must be 1 to ${MAX_NAME_PREFIX_LENGTH}`);
            expect(problemsOf({ namePrefix: "x".repeat(MAX_NAME_PREFIX_LENGTH) })).to.deep.equal([]);
            expect(problemsOf({}, "access:matchday").join("\n")).to.contain('namePrefix (default: the component name) "access:matchday"');
            expect(problemsOf({ namePrefix: "kgs-matchday" }, "access:matchday")).to.deep.equal([]);
        });

        it("refuses no Auto Scaling group, a malformed group ARN, an alarm prefix that is empty or a wildcard, a bad provider ARN and bad password rules", () => {
            const text = (o: Partial<AccessControlArgs>) => problemsOf(o).join("\n");
            expect(text({ operatorRole: { autoScalingGroupArns: [], alarmNamePrefix: "web-", groupMinSize: 2, groupMaxSize: 20 } })).to.contain("at least one Auto Scaling group");
            expect(text({ operatorRole: { autoScalingGroupArns: ["*"], alarmNamePrefix: "web-", groupMinSize: 2, groupMaxSize: 20 } })).to.contain('"*" is not an Auto Scaling group ARN');
            expect(text({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "", groupMinSize: 2, groupMaxSize: 20 } })).to.contain("operatorRole.alarmNamePrefix");
            expect(text({ operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "*", groupMinSize: 2, groupMaxSize: 20 } })).to.contain("operatorRole.alarmNamePrefix");
            expect(text({ deployRole: { repository: "kgsports/platform", existingOidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/gitlab.com" } }))
                .to.contain("deployRole.existingOidcProviderArn");
            expect(text({ passwordPolicy: { minimumLength: 4, reusePrevention: 25, maxAgeDays: 0 } }))
                .to.contain("passwordPolicy.minimumLength = 4").and.contain("passwordPolicy.reusePrevention = 25").and.contain("passwordPolicy.maxAgeDays = 0");
            expect(text({ managePasswordPolicy: false, passwordPolicy: { minimumLength: 4 } })).to.equal("");
            expect(text({ accountId: "12345", region: "Seoul" })).to.contain('accountId "12345"').and.contain('region "Seoul"');
        });

        it("throws one error listing every problem, and declares no child", async () => {
            const run = await declare(() => {
                try {
                    new AccessControl("access", args({ readOnly: ["ana.admin"], maxMfaAgeSeconds: 0, deployRole: { repository: "platform", branch: "" } }));
                    return undefined;
                } catch (e) {
                    return (e as Error).message;
                }
            });
            expect(run.result).to.match(/^AccessControl "access": invalid args:/);
            expect(run.result).to.contain("ana.admin").and.contain("maxMfaAgeSeconds = 0").and.contain("deployRole.repository").and.contain("deployRole.branch is empty");
            expect(run.resources.filter((r) => r.type !== COMPONENT)).to.deep.equal([]);
        });
    });
});
