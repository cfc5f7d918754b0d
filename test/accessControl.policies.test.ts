import { expect } from "chai";
import {
    AccountContext,
    administratorPolicy,
    assumeOperatorPolicy,
    DATA_READ_ACTIONS,
    DEPLOY_REGIONAL_SERVICES,
    deployPolicy,
    deployTrustPolicy,
    FORCE_MFA_EXEMPT_ACTIONS,
    forceMfaPolicy,
    githubOidcProviderArn,
    githubSubject,
    iamActionMatches,
    instanceTrustPolicy,
    OPERATOR_ALARM_ACTIONS,
    OPERATOR_READ_ACTIONS,
    OPERATOR_SCALING_ACTIONS,
    operatorPolicy,
    operatorTrustPolicy,
    PolicyDocument,
    PolicyStatement,
    policyJson,
    READ_ONLY_ACTIONS,
    readOnlyPolicy,
} from "@kgsports/access-control";

const CTX: AccountContext = { partition: "aws", accountId: "111122223333", region: "ap-northeast-2" };
const ASG = "arn:aws:autoscaling:ap-northeast-2:111122223333:autoScalingGroup:6d0b1c1e-1111-4c1a-9a55-0123456789ab:autoScalingGroupName/web-asg-4f2a9c1";
const INSTANCE_ROLE = "arn:aws:iam::111122223333:role/kgs-web-instance";
const OIDC = githubOidcProviderArn("aws", "111122223333");
const SUBJECT = "repo:kgsports/platform:ref:refs/heads/main";

const identityPolicies = (): Record<string, PolicyDocument> => ({
    forceMfa: forceMfaPolicy(CTX),
    administrator: administratorPolicy(3600),
    readOnly: readOnlyPolicy(),
    assumeOperator: assumeOperatorPolicy("arn:aws:iam::111122223333:role/kgs-matchday-operator"),
    operator: operatorPolicy(CTX, { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-" }),
    deploy: deployPolicy(CTX, { namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC }),
});
const trustPolicies = (): Record<string, PolicyDocument> => ({
    operator: operatorTrustPolicy(CTX, 3600),
    deploy: deployTrustPolicy(OIDC, SUBJECT),
    instance: instanceTrustPolicy(),
});

function statements(doc: PolicyDocument, effect: "Allow" | "Deny" = "Allow"): PolicyStatement[] {
    return doc.Statement.filter((s) => s.Effect === effect);
}
function actions(doc: PolicyDocument, effect: "Allow" | "Deny" = "Allow"): string[] {
    return statements(doc, effect).flatMap((s) => s.Action ?? []);
}
function sid(doc: PolicyDocument, name: string): PolicyStatement {
    const found = doc.Statement.filter((s) => s.Sid === name);
    expect(found, `statement ${name}`).to.have.length(1);
    return found[0];
}
/** Whether any Allow statement's actions cover `action` (conditions and resources aside). */
function allows(doc: PolicyDocument, action: string): boolean {
    return actions(doc).some((pattern) => iamActionMatches(pattern, action));
}
const sorted = (xs: readonly string[]) => [...xs].sort();

/** Whether an Allow statement without conditions grants `action` on `resource` (IAM's * and ? in ARNs). */
function allowsOn(doc: PolicyDocument, action: string, resource: string): boolean {
    const glob = (pattern: string) => new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("")}$`);
    return statements(doc).some((s) => s.Effect === "Allow" && !s.Condition
        && (s.Action ?? []).some((a) => iamActionMatches(a, action))
        && (s.Resource ?? []).some((r) => glob(r).test(resource)));
}

// Actions that hand out or take over identities; no policy but the administrators' may allow them.
const ESCALATION_ACTIONS = [
    "iam:CreateUser",
    "iam:CreateAccessKey",
    "iam:CreateLoginProfile",
    "iam:UpdateLoginProfile",
    "iam:PutUserPolicy",
    "iam:PutRolePolicy",
    "iam:PutGroupPolicy",
    "iam:AttachUserPolicy",
    "iam:AddUserToGroup",
    "iam:UpdateAccountPasswordPolicy",
    "iam:CreateOpenIDConnectProvider",
    "iam:DeleteOpenIDConnectProvider",
    "iam:PassRole",
    "sts:AssumeRole",
    "organizations:LeaveOrganization",
];

describe("AccessControl policy documents", () => {
    it("are well formed: version, unique alphanumeric Sids, Action xor NotAction, resources or principals as the kind requires", () => {
        const check = (name: string, doc: PolicyDocument, trust: boolean) => {
            expect(doc.Version, name).to.equal("2012-10-17");
            expect(doc.Statement.length, name).to.be.greaterThan(0);
            const sids = doc.Statement.map((s) => s.Sid);
            expect(new Set(sids).size, `${name} Sids unique`).to.equal(sids.length);
            for (const s of doc.Statement) {
                expect(s.Sid, name).to.match(/^[A-Za-z0-9]+$/);
                expect(["Allow", "Deny"], name).to.include(s.Effect);
                expect((s.Action === undefined) !== (s.NotAction === undefined), `${name}/${s.Sid}: exactly one of Action, NotAction`).to.equal(true);
                expect((s.Action ?? s.NotAction ?? []).length, `${name}/${s.Sid} actions`).to.be.greaterThan(0);
                if (trust) {
                    expect(s.Principal, `${name}/${s.Sid} principal`).to.not.equal(undefined);
                    expect(s, `${name}/${s.Sid}`).to.not.have.property("Resource");
                } else {
                    expect(s, `${name}/${s.Sid}`).to.not.have.property("Principal");
                    expect(s.Resource, `${name}/${s.Sid} resources`).to.be.an("array").that.is.not.empty;
                }
                for (const values of Object.values(s.Condition ?? {})) {
                    for (const v of Object.values(values!)) {
                        for (const one of [v].flat()) expect(one, `${name}/${s.Sid} condition values are strings`).to.be.a("string");
                    }
                }
            }
        };
        for (const [name, doc] of Object.entries(identityPolicies())) check(name, doc, false);
        for (const [name, doc] of Object.entries(trustPolicies())) check(name, doc, true);
    });

    it("are emitted as JSON that round-trips and fits IAM's limits (6,144 characters a managed policy, 2,048 a trust policy)", () => {
        for (const [name, doc] of Object.entries(identityPolicies())) {
            const text = policyJson(doc);
            expect(JSON.parse(text), name).to.deep.equal(doc);
            expect(text.length, name).to.be.at.most(6144);
        }
        for (const [name, doc] of Object.entries(trustPolicies())) {
            expect(policyJson(doc).length, name).to.be.at.most(2048);
        }
    });

    it("allow '*' actions only to administrators, and never escalation to anyone else", () => {
        for (const [name, doc] of Object.entries(identityPolicies())) {
            const star = actions(doc).filter((a) => a === "*");
            if (name === "administrator") expect(star, name).to.have.length(1);
            else expect(star, name).to.deep.equal([]);
            if (name === "administrator") continue;
            for (const action of ESCALATION_ACTIONS) {
                const allowedHere = allows(doc, action);
                // The deploy role applies the configured memberships and passes the instance role; both are scoped (tested below).
                const expected = (name === "deploy" && ["iam:PassRole", "iam:AddUserToGroup"].includes(action)) || (name === "assumeOperator" && action === "sts:AssumeRole");
                expect(allowedHere, `${name} allows ${action}`).to.equal(expected);
            }
        }
    });

    describe("force MFA (every human group)", () => {
        it("denies everything but MFA set-up, password change and GetSessionToken until signed in with MFA", () => {
            const doc = forceMfaPolicy(CTX);
            const denies = statements(doc, "Deny");
            expect(denies).to.have.length(1);
            expect(denies[0]).to.deep.equal({
                Sid: "DenyAllExceptListedIfNoMFA",
                Effect: "Deny",
                NotAction: [...FORCE_MFA_EXEMPT_ACTIONS],
                Resource: ["*"],
                Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
            });
            // AWS's documented list for self-managing an MFA device, plus a first sign-in's password change.
            expect(sorted(denies[0].NotAction!)).to.deep.equal(sorted([
                "iam:CreateVirtualMFADevice",
                "iam:EnableMFADevice",
                "iam:GetUser",
                "iam:ListMFADevices",
                "iam:ListVirtualMFADevices",
                "iam:ResyncMFADevice",
                "sts:GetSessionToken",
                "iam:ChangePassword",
                "iam:GetAccountPasswordPolicy",
            ]));
        });

        it("exempts only self-service actions: no wildcard, nothing that escalates, not even DeactivateMFADevice", () => {
            const exempt = sid(forceMfaPolicy(CTX), "DenyAllExceptListedIfNoMFA").NotAction!;
            for (const a of exempt) expect(a, a).to.not.contain("*");
            for (const a of [...ESCALATION_ACTIONS, "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice"]) expect(exempt, a).to.not.include(a);
        });

        it("allows every exempt IAM action so that a new user can actually set up MFA, on their own user only", () => {
            const doc = forceMfaPolicy(CTX);
            for (const a of FORCE_MFA_EXEMPT_ACTIONS.filter((x) => x.startsWith("iam:"))) expect(allows(doc, a), a).to.equal(true);
            const own = "arn:aws:iam::111122223333:user/${aws:username}";
            for (const s of statements(doc)) {
                for (const r of s.Resource!) expect(["*", own, "arn:aws:iam::111122223333:mfa/*"], `${s.Sid} resource`).to.include(r);
                if (s.Resource!.includes("*")) expect(sorted(s.Action!), s.Sid).to.deep.equal(["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"]);
            }
            expect(sid(doc, "AllowManageOwnUserMFAAndPassword").Action).to.include("iam:ChangePassword");
            expect(policyJson(doc)).to.contain('"arn:aws:iam::111122223333:user/${aws:username}"');
        });

        it("lets a user deactivate their MFA device only while signed in with MFA", () => {
            expect(sid(forceMfaPolicy(CTX), "AllowDeactivateOwnMFAOnlyWithMFA").Condition).to.deep.equal({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
        });
    });

    describe("administrators", () => {
        it("is '*' on '*' and only with MFA present and younger than the max age", () => {
            expect(administratorPolicy(1800).Statement).to.deep.equal([{
                Sid: "AdministerWithRecentMfa",
                Effect: "Allow",
                Action: ["*"],
                Resource: ["*"],
                Condition: {
                    Bool: { "aws:MultiFactorAuthPresent": "true" },
                    NumericLessThan: { "aws:MultiFactorAuthAge": "1800" },
                },
            }]);
        });
    });

    describe("read-only", () => {
        it("allows only Describe/Get/List verbs", () => {
            const allowed = actions(readOnlyPolicy());
            expect(allowed).to.deep.equal([...READ_ONLY_ACTIONS]);
            for (const a of allowed) expect(a, a).to.match(/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*\*?$/);
            for (const write of ["ec2:RunInstances", "ec2:TerminateInstances", "autoscaling:SetDesiredCapacity", "cloudwatch:PutMetricAlarm",
                "cloudwatch:DisableAlarmActions", "sns:Publish", "sns:Subscribe", "backup:StartRestoreJob", "ssm:SendCommand", "ssm:StartSession", "iam:ListUsers"]) {
                expect(allows(readOnlyPolicy(), write), write).to.equal(false);
            }
        });

        it("allows none of the data reads, and denies them explicitly", () => {
            const forbidden = ["s3:GetObject", "secretsmanager:GetSecretValue", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath",
                "kms:Decrypt", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "ec2:GetPasswordData", "ec2:GetConsoleOutput"];
            for (const a of [...forbidden, ...DATA_READ_ACTIONS]) expect(allows(readOnlyPolicy(), a), a).to.equal(false);
            const deny = sid(readOnlyPolicy(), "DenyDataReads");
            expect(deny.Effect).to.equal("Deny");
            expect(deny.Resource).to.deep.equal(["*"]);
            expect(deny.Action).to.include.members(forbidden);
        });

        it("reads the configuration of every service the platform uses", () => {
            for (const a of ["ec2:DescribeInstances", "ec2:DescribeSecurityGroups", "autoscaling:DescribeAutoScalingGroups", "elasticloadbalancing:DescribeTargetHealth",
                "cloudwatch:DescribeAlarms", "cloudwatch:GetMetricData", "cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "logs:DescribeLogGroups",
                "sns:ListTopics", "sns:GetTopicAttributes", "backup:ListBackupPlans", "backup:DescribeBackupVault", "ssm:DescribeInstanceInformation"]) {
                expect(allows(readOnlyPolicy(), a), a).to.equal(true);
            }
        });
    });

    describe("matchday operator", () => {
        it("the operators group may assume the operator role and nothing else", () => {
            expect(assumeOperatorPolicy("arn:aws:iam::111122223333:role/kgs-matchday-operator").Statement).to.deep.equal([{
                Sid: "AssumeMatchdayOperatorRoleOnly",
                Effect: "Allow",
                Action: ["sts:AssumeRole"],
                Resource: ["arn:aws:iam::111122223333:role/kgs-matchday-operator"],
            }]);
        });

        it("the role trusts principals of this account only, with MFA present and younger than the max age", () => {
            expect(operatorTrustPolicy(CTX, 7200).Statement).to.deep.equal([{
                Sid: "AccountPrincipalsWithRecentMfa",
                Effect: "Allow",
                Principal: { AWS: ["arn:aws:iam::111122223333:root"] },
                Action: ["sts:AssumeRole"],
                Condition: {
                    Bool: { "aws:MultiFactorAuthPresent": "true" },
                    NumericLessThan: { "aws:MultiFactorAuthAge": "7200" },
                },
            }]);
        });

        it("scales only the given groups and silences only alarms with the given prefix", () => {
            const doc = operatorPolicy({ ...CTX, partition: "aws-cn" }, { autoScalingGroupArns: [ASG, "arn:aws:autoscaling:ap-northeast-2:111122223333:autoScalingGroup:*:autoScalingGroupName/canary"], alarmNamePrefix: "kgs-matchday-" });
            const scale = sid(doc, "ScaleAndRefreshMatchdayGroups");
            expect(sorted(scale.Action!)).to.deep.equal(sorted([
                "autoscaling:SetDesiredCapacity",
                "autoscaling:StartInstanceRefresh",
                "autoscaling:CancelInstanceRefresh",
                "autoscaling:PutScheduledUpdateGroupAction",
            ]));
            // The stack's own pre-warm and release actions cannot be deleted by an operator.
            expect(doc.Statement.flatMap((s) => s.Action ?? [])).to.not.include("autoscaling:DeleteScheduledAction");
            expect(scale.Resource).to.deep.equal([ASG, "arn:aws:autoscaling:ap-northeast-2:111122223333:autoScalingGroup:*:autoScalingGroupName/canary"]);
            const alarms = sid(doc, "SilenceAndResumeMatchdayAlarms");
            expect(sorted(alarms.Action!)).to.deep.equal(["cloudwatch:DisableAlarmActions", "cloudwatch:EnableAlarmActions"]);
            expect(alarms.Resource).to.deep.equal(["arn:aws-cn:cloudwatch:ap-northeast-2:111122223333:alarm:kgs-matchday-*"]);
            expect(sid(doc, "ReadDashboards")).to.deep.include({ Action: ["cloudwatch:GetDashboard"], Resource: ["arn:aws-cn:cloudwatch::111122223333:dashboard/*"] });
        });

        it("reads on '*' only where AWS has no resource-level permissions, in the region, and has nothing else", () => {
            const doc = operatorPolicy(CTX, { autoScalingGroupArns: [ASG], alarmNamePrefix: "web-" });
            for (const s of doc.Statement) {
                if (!s.Resource!.includes("*")) continue;
                expect(s.Sid).to.equal("ReadMetricsAlarmsAndFleet");
                for (const a of s.Action!) expect(a, a).to.match(/^[a-z]+:(Describe|Get|List)/);
                expect(s.Condition).to.deep.equal({ StringEquals: { "aws:RequestedRegion": "ap-northeast-2" } });
            }
            expect(sorted(actions(doc))).to.deep.equal(sorted([...OPERATOR_SCALING_ACTIONS, ...OPERATOR_ALARM_ACTIONS, "cloudwatch:GetDashboard", ...OPERATOR_READ_ACTIONS]));
            for (const a of ["cloudwatch:GetDashboard", "cloudwatch:ListDashboards", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics",
                "cloudwatch:DescribeAlarms", "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeScheduledActions", "elasticloadbalancing:DescribeTargetHealth"]) {
                expect(allows(doc, a), a).to.equal(true);
            }
            for (const a of ["iam:GetRole", "autoscaling:UpdateAutoScalingGroup", "autoscaling:DeleteAutoScalingGroup", "cloudwatch:DeleteAlarms", "cloudwatch:PutMetricAlarm", "ec2:TerminateInstances"]) {
                expect(allows(doc, a), a).to.equal(false);
            }
            expect(actions(doc).some((a) => a.startsWith("iam:"))).to.equal(false);
        });
    });

    describe("deploy (GitHub Actions)", () => {
        it("trusts exactly one repository's branch or environment, with the exact audience, through the OIDC provider", () => {
            expect(deployTrustPolicy(OIDC, SUBJECT).Statement).to.deep.equal([{
                Sid: "GitHubActionsOfOneRepositoryRef",
                Effect: "Allow",
                Principal: { Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com" },
                Action: ["sts:AssumeRoleWithWebIdentity"],
                Condition: {
                    StringEquals: {
                        "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                        "token.actions.githubusercontent.com:sub": "repo:kgsports/platform:ref:refs/heads/main",
                    },
                },
            }]);
            expect(policyJson(deployTrustPolicy(OIDC, SUBJECT))).to.not.contain("StringLike").and.not.contain("*");
        });

        it("names the branch, or the environment instead of the branch, in GitHub's subject format", () => {
            expect(githubSubject({ repository: "kgsports/platform" })).to.equal("repo:kgsports/platform:ref:refs/heads/main");
            expect(githubSubject({ repository: "KG-Sports/stream.infra", branch: "release/matchday" })).to.equal("repo:KG-Sports/stream.infra:ref:refs/heads/release/matchday");
            expect(githubSubject({ repository: "kgsports/platform", environment: "matchday" })).to.equal("repo:kgsports/platform:environment:matchday");
        });

        it("has no '*' action, no IAM wildcard, and service wildcards only for the platform's regional services, in the region", () => {
            const doc = deployPolicy(CTX, { namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC });
            // Service wildcards: the regional services in the region, and functions, EventBridge rules
            // and log groups only when they are the stack's own (<prefix>-*).
            const own = sid(doc, "ManageOwnFunctionsRulesAndLogs");
            expect(own.Action).to.deep.equal(["lambda:*", "events:*", "logs:*"]);
            expect(own.Resource).to.deep.equal([
                "arn:aws:lambda:ap-northeast-2:111122223333:function:kgs-*",
                "arn:aws:events:ap-northeast-2:111122223333:rule/kgs-*",
                "arn:aws:logs:ap-northeast-2:111122223333:log-group:kgs-*",
            ]);
            for (const s of statements(doc)) {
                for (const a of s.Action ?? []) {
                    expect(a, a).to.not.equal("*");
                    if (!(a.includes("*") || a.includes("?"))) continue;
                    if (s.Sid === "ManageOwnFunctionsRulesAndLogs") continue;
                    if (s.Sid === "ManageOwnBucketsAndAgentParameters") {
                        // s3:* only on the stack's own buckets (configuration, not objects).
                        expect(s.Resource!.filter((r) => r.startsWith("arn:aws:s3"))).to.deep.equal(["arn:aws:s3:::kgs-*"]);
                        continue;
                    }
                    expect(DEPLOY_REGIONAL_SERVICES.map((x) => `${x}:*`), a).to.include(a);
                }
            }
            expect(allowsOn(doc, "lambda:UpdateFunctionCode", "arn:aws:lambda:ap-northeast-2:111122223333:function:kgs-hybrid-failover")).to.equal(true);
            expect(allowsOn(doc, "lambda:UpdateFunctionCode", "arn:aws:lambda:ap-northeast-2:111122223333:function:someone-else")).to.equal(false);
            expect(allowsOn(doc, "logs:PutRetentionPolicy", "arn:aws:logs:ap-northeast-2:111122223333:log-group:/aws/cloudtrail/audit")).to.equal(false);
            for (const a of ["iam:*", "iam:Create*", "sts:*", "kms:*", "secretsmanager:*", "ssm:*", "organizations:*"]) {
                expect(actions(doc), a).to.not.include(a);
            }
            // s3:* appears once, on the stack's own buckets only (checked above), never on "*".
            expect(statements(doc).filter((x) => x.Action!.includes("s3:*")).map((x) => x.Sid)).to.deep.equal(["ManageOwnBucketsAndAgentParameters"]);
            expect(allows(doc, "iam:CreateServiceLinkedRole")).to.equal(false);
            const regional = sid(doc, "ManagePlatformInfrastructureInRegion");
            expect(sorted(regional.Action!)).to.deep.equal(sorted(["ec2:*", "elasticloadbalancing:*", "autoscaling:*", "cloudwatch:*", "sns:*", "backup:*", "backup-storage:*", "dlm:*"]));
            expect(regional.Condition).to.deep.equal({ StringEquals: { "aws:RequestedRegion": "ap-northeast-2" } });
        });

        it("passes a stack's service role only to its service, and only roles under the prefix", () => {
            const doc = deployPolicy(CTX, {
                namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC,
                serviceRoles: [{ roleName: "kgs-hybrid-failover", service: "lambda.amazonaws.com" }],
            });
            const role = "arn:aws:iam::111122223333:role/kgs-hybrid-failover";
            const pass = (resource: string, service: string) =>
                statements(doc).some((s) => s.Action!.includes("iam:PassRole") && s.Resource!.includes(resource) && (s.Condition as any)?.StringEquals?.["iam:PassedToService"] === service);
            expect(pass(role, "lambda.amazonaws.com")).to.equal(true);
            expect(pass(role, "ec2.amazonaws.com")).to.equal(false);
            expect(pass("arn:aws:iam::111122223333:role/kgs-deploy", "lambda.amazonaws.com")).to.equal(false);
        });

        it("passes only the instance role, and only to EC2", () => {
            const doc = deployPolicy(CTX, { namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC });
            const passing = statements(doc).filter((s) => s.Action!.some((a) => iamActionMatches(a, "iam:PassRole")));
            expect(passing).to.deep.equal([{
                Sid: "PassOnlyTheInstanceRoleToEc2",
                Effect: "Allow",
                Action: ["iam:PassRole"],
                Resource: [INSTANCE_ROLE],
                Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } },
            }]);
        });

        it("manages IAM only under the name prefix, and attaches no policy outside it but the instances' two managed ones", () => {
            const doc = deployPolicy(CTX, { namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC });
            const allowed = [
                "arn:aws:iam::111122223333:role/kgs-*",
                "arn:aws:iam::111122223333:group/kgs-*",
                "arn:aws:iam::111122223333:policy/kgs-*",
                "arn:aws:iam::111122223333:instance-profile/kgs-*",
                INSTANCE_ROLE,
                OIDC,
            ];
            for (const s of statements(doc).filter((x) => x.Action!.some((a) => a.startsWith("iam:")))) {
                for (const a of s.Action!) expect(a, `${s.Sid}: only IAM here`).to.match(/^iam:[A-Za-z]+$/);
                if (s.Resource!.includes("*")) expect(s.Action, s.Sid).to.deep.equal(["iam:GetAccountPasswordPolicy"]);
                else for (const r of s.Resource!) expect(allowed, `${s.Sid} resource ${r}`).to.include(r);
            }
            const attach = sid(doc, "AttachOnlyOwnAndInstancePolicies");
            expect(attach.Condition).to.deep.equal({
                ArnLike: {
                    "iam:PolicyARN": [
                        "arn:aws:iam::111122223333:policy/kgs-*",
                        "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                        "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                    ],
                },
            });
            for (const a of ["iam:AttachRolePolicy", "iam:AttachGroupPolicy"]) {
                expect(statements(doc).filter((s) => s.Action!.includes(a)).map((s) => s.Sid), a).to.deep.equal(["AttachOnlyOwnAndInstancePolicies"]);
            }
        });

        it("reads AMI ids only from AWS's public Amazon Linux parameters", () => {
            const doc = deployPolicy(CTX, { namePrefix: "kgs", instanceRoleArn: INSTANCE_ROLE, oidcProviderArn: OIDC });
            const reads = statements(doc).filter((s) => s.Sid !== "ManageOwnBucketsAndAgentParameters" && s.Action!.some((a) => iamActionMatches(a, "ssm:GetParameter") || iamActionMatches(a, "ssm:GetParameters")));
            expect(reads).to.deep.equal([{
                Sid: "ReadPublicAmiParameters",
                Effect: "Allow",
                Action: ["ssm:GetParameter"],
                Resource: ["arn:aws:ssm:ap-northeast-2::parameter/aws/service/ami-amazon-linux-latest/*"],
            }]);
            // GetParameter reaches one more parameter: the stack's own CloudWatch agent configuration.
            const agent = sid(doc, "ManageOwnBucketsAndAgentParameters");
            expect(agent.Resource!.filter((r) => r.includes(":parameter/"))).to.deep.equal(["arn:aws:ssm:ap-northeast-2:111122223333:parameter/AmazonCloudWatch-kgs-*"]);
            // The other SSM actions manage hybrid activations and list parameters (no ARN to scope them to), in the region.
            const listing = sid(doc, "ListLogGroupsAndManageActivations");
            expect(listing.Condition).to.deep.equal({ StringEquals: { "aws:RequestedRegion": "ap-northeast-2" } });
            expect(listing.Action!.filter((a) => a.startsWith("ssm:"))).to.deep.equal([
                "ssm:DescribeParameters", "ssm:CreateActivation", "ssm:DeleteActivation", "ssm:DescribeActivations", "ssm:AddTagsToResource", "ssm:RemoveTagsFromResource", "ssm:ListTagsForResource",
            ]);
        });
    });

    it("the instance role trusts EC2 only", () => {
        expect(instanceTrustPolicy().Statement).to.deep.equal([
            { Sid: "Ec2Instances", Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: ["sts:AssumeRole"] },
        ]);
    });

    it("matches IAM action patterns as IAM does: case-insensitive, * and ? wildcards, nothing else", () => {
        expect(iamActionMatches("ec2:Describe*", "ec2:DescribeInstances")).to.equal(true);
        expect(iamActionMatches("ec2:describe*", "EC2:DescribeInstances")).to.equal(true);
        expect(iamActionMatches("ec2:Describe*", "ec2:RunInstances")).to.equal(false);
        expect(iamActionMatches("*", "iam:PassRole")).to.equal(true);
        expect(iamActionMatches("iam:Pass?ole", "iam:PassRole")).to.equal(true);
        expect(iamActionMatches("s3:Get.bject", "s3:GetObject")).to.equal(false);
        expect(iamActionMatches("logs:Describe*", "logs:GetLogEvents")).to.equal(false);
    });
});
