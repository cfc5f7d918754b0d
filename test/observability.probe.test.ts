/**
 * The front-door probe: a Synthetics canary every minute, its private, encrypted,
 * expiring artifacts bucket, a role that may do what the canary does and no more (under
 * the given boundary), and its alarm on the page.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { alarmNamesInRule, canaryRolePolicy, canaryScript, DEFAULT_CANARY_RUNTIME, frontDoorProbeProblems, Observability, ObservabilityArgs, observabilityArgsProblems } from "@kgsports/observability";
import { LAMBDA_RUNTIMES, SYNTHETICS_RUNTIMES } from "../stacks/facts/datedFacts";
import { declare, named, ofType, one } from "./helpers/declare";
import type { MockRun } from "../stacks/plan/mockRuntime";

const PREFIX = "kgsports-matchday";
const BOUNDARY = "arn:aws:iam::123456789012:policy/kgsports-matchday-workload-boundary";

function args(over: Partial<ObservabilityArgs> = {}): ObservabilityArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: { arnSuffix: "app/web-alb/50dc6c495c0c9188", cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067" },
        autoScaling: { groupName: pulumi.output("web-asg"), maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
        criticalEmails: ["oncall@kgsports.example"],
        warningEmails: ["platform@kgsports.example"],
        frontDoorProbe: { url: pulumi.output("https://watch.kgsports.example/healthz") },
        permissionsBoundary: BOUNDARY,
        ...over,
    };
}

type Statement = { Effect: string; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string>> };
const match = (pattern: string, text: string) => new RegExp(`^${pattern.split("*").map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(text);
/** Allowed by the document, ignoring conditions except cloudwatch:namespace. */
function allows(doc: { Statement: Statement[] }, action: string, resource: string, namespace?: string): boolean {
    return doc.Statement.some((s) => s.Effect === "Allow" && s.Action.some((a) => match(a, action)) && s.Resource.some((r) => match(r, resource))
        && Object.values(s.Condition ?? {}).every((c) => Object.entries(c).every(([k, v]) => k !== "cloudwatch:namespace" || v === namespace)));
}

describe("Observability: the front-door probe", () => {
    let run: MockRun<Observability>;
    before(async () => {
        run = await declare(() => new Observability("obs", args()));
    });

    it("a canary opens the URL every minute on the stated runtime, its code from the artifacts bucket, and starts", () => {
        const c = one(run.resources, "aws:synthetics/canary:Canary").inputs as Record<string, any>;
        // Synthetics names the function cwsyn-<canary>-<36-character id>, and Lambda allows 64 characters.
        expect(c.name).to.match(new RegExp(`^${PREFIX}-`));
        expect(`cwsyn-${c.name}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`.length).to.be.at.most(64);
        expect(c.runtimeVersion).to.equal("syn-nodejs-puppeteer-17.0");
        expect(c.schedule).to.deep.equal({ expression: "rate(1 minute)" });
        expect(c.startCanary).to.equal(true);
        expect(c.runConfig.environmentVariables).to.deep.equal({ PROBE_URL: "https://watch.kgsports.example/healthz" });
        expect(c.artifactConfig).to.deep.equal({ s3Encryption: { encryptionMode: "SSE_S3" } });
        expect(ofType(run.resources, "aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).to.include(`${PREFIX}-probe-artifacts-123456789012`);
        expect(c.artifactS3Location).to.equal(`s3://${PREFIX}-probe-artifacts-123456789012/runs/`);
        expect(c.s3Bucket).to.equal(`${PREFIX}-probe-artifacts-123456789012`);
        const code = named(run.resources, "obs-probe-code").inputs;
        expect(c.s3Key).to.equal(code.key);
        expect(String(code.key)).to.match(/^code\/front-door-[0-9a-f]{8}\.zip$/);
    });

    it("the artifacts bucket is private, encrypted and expires results", () => {
        expect(named(run.resources, "obs-probe-artifacts-public-access").inputs).to.include({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        expect(named(run.resources, "obs-probe-artifacts-encryption").inputs.rules).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        const rules = named(run.resources, "obs-probe-artifacts-lifecycle").inputs.rules as { expiration: { days: number }; status: string }[];
        expect(rules[0]).to.deep.include({ status: "Enabled", expiration: { days: 14 } });
        expect(named(run.resources, "obs-probe-artifacts-ownership").inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
    });

    it("the role: trusted by Lambda, under the boundary, allowed its results, its namespace and its logs only", () => {
        const role = named(run.resources, "obs-probe-role").inputs;
        expect(role.permissionsBoundary).to.equal(BOUNDARY);
        expect(JSON.parse(String(role.assumeRolePolicy)).Statement[0].Principal).to.deep.equal({ Service: "lambda.amazonaws.com" });
        const doc = JSON.parse(String(named(run.resources, "obs-probe-policy").inputs.policy));
        const bucket = `arn:aws:s3:::${PREFIX}-probe-artifacts-123456789012`;
        expect(allows(doc, "s3:PutObject", `${bucket}/runs/x`)).to.equal(true);
        expect(allows(doc, "s3:PutObject", "arn:aws:s3:::another-bucket/x")).to.equal(false);
        expect(allows(doc, "s3:DeleteObject", `${bucket}/runs/x`)).to.equal(false);
        expect(allows(doc, "s3:GetBucketLocation", bucket)).to.equal(true);
        expect(allows(doc, "cloudwatch:PutMetricData", "*", "CloudWatchSynthetics")).to.equal(true);
        expect(allows(doc, "cloudwatch:PutMetricData", "*", "AWS/ApplicationELB")).to.equal(false);
        const canaryName = String(one(run.resources, "aws:synthetics/canary:Canary").inputs.name);
        const logs = `arn:aws:logs:ap-northeast-2:123456789012:log-group:/aws/lambda/cwsyn-${canaryName}-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
        expect(allows(doc, "logs:PutLogEvents", logs)).to.equal(true);
        expect(allows(doc, "logs:PutLogEvents", "arn:aws:logs:ap-northeast-2:123456789012:log-group:kgsports-matchday-web-app")).to.equal(false);
        expect(doc.Statement.flatMap((s: Statement) => s.Action)).to.not.include("*");
    });

    it("its alarm pages: SuccessPercent of this canary, a stopped canary is breaching", () => {
        const a = named(run.resources, "obs-front-door-probe").inputs;
        expect(a).to.include({ namespace: "CloudWatchSynthetics", metricName: "SuccessPercent", treatMissingData: "breaching", comparisonOperator: "LessThanThreshold", evaluationPeriods: 3 });
        expect(a.dimensions).to.deep.equal({ CanaryName: one(run.resources, "aws:synthetics/canary:Canary").inputs.name });
        const page = String(named(run.resources, "obs-matchday-degraded").inputs.alarmRule);
        expect(alarmNamesInRule(page)).to.include(`${PREFIX}-front-door-probe`);
        // The dashboard lists it with every other alarm.
        const body = JSON.parse(String(one(run.resources, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody));
        const listed = body.widgets.filter((w: { type: string }) => w.type === "alarm").flatMap((w: { properties: { alarms: string[] } }) => w.properties.alarms);
        expect(listed).to.include(`arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:${PREFIX}-front-door-probe`);
    });

    it("the script GETs PROBE_URL with the @aws/synthetics modules and fails on a 4xx or 5xx", () => {
        const script = canaryScript();
        expect(script).to.contain("require('@aws/synthetics-puppeteer')").and.contain("process.env.PROBE_URL").and.contain("res.statusCode >= 400");
        expect(() => new Function("require", "exports", "process", script)).to.not.throw();
        expect(canaryRolePolicy({ partition: "aws", accountId: "1", region: "r" }, { bucketName: "b", canaryName: "c" }).Statement.length).to.equal(5);
    });

    it("refuses a URL that is not http(s), a runtime without the @aws/synthetics modules, a retention Synthetics does not keep", () => {
        expect(frontDoorProbeProblems({ url: "https://watch.kgsports.example/healthz" })).to.deep.equal([]);
        expect(frontDoorProbeProblems({ url: "watch.kgsports.example" })[0]).to.match(/^frontDoorProbe\.url = .*allowed:/);
        expect(frontDoorProbeProblems({ url: pulumi.output("x"), runtimeVersion: "syn-nodejs-puppeteer-9.1" })[0]).to.match(/13\.1 or later/);
        expect(frontDoorProbeProblems({ url: "http://a", runtimeVersion: "syn-nodejs-puppeteer-13.1", artifactExpirationDays: 456 })).to.have.length(1);
    });

    it("refuses a name prefix whose canary name the function name cannot hold (cwsyn-<canary>-<36> within Lambda's 64), and takes one that fits", () => {
        // 64 - 6 ("cwsyn-") - 1 - 36 = 21 characters for the canary's name.
        const problems = (prefix: string) => observabilityArgsProblems("obs", args({ namePrefix: prefix })).filter((p) => /canary's name/.test(p));
        expect(problems("kgsports-matchday")).to.deep.equal([]);
        expect(problems("kgsports-matchday-eu"), "a 20-character prefix").to.have.length(1);
        expect(problems("kgsports-matchday-eu")[0]).to.match(/at most 21/).and.match(/namePrefix of at most 18/);
        expect(problems("a".repeat(18))).to.deep.equal([]);
        expect(problems("a".repeat(19))).to.have.length(1);
        // Without the probe the prefix is not limited by it.
        expect(observabilityArgsProblems("obs", args({ namePrefix: "kgsports-matchday-eu", frontDoorProbe: undefined })).filter((p) => /canary/.test(p))).to.deep.equal([]);
    });

    it("without frontDoorProbe: no canary, no probe bucket, no probe alarm", async () => {
        const none = await declare(() => new Observability("obs", args({ frontDoorProbe: undefined })));
        expect(ofType(none.resources, "aws:synthetics/canary:Canary")).to.deep.equal([]);
        expect(none.resources.filter((r) => r.name.startsWith("obs-probe") || r.name === "obs-front-door-probe")).to.deep.equal([]);
    });

    it("its runtime is a dated fact: a row with its source, the day read and the Lambda runtime it follows", () => {
        const row = SYNTHETICS_RUNTIMES[DEFAULT_CANARY_RUNTIME];
        expect(row, DEFAULT_CANARY_RUNTIME).to.not.equal(undefined);
        expect(row.source).to.match(/https:\/\/docs\.aws\.amazon\.com\//);
        expect(row.readOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
        // Expected to be deprecated with its Lambda runtime: Node.js 22, 2027-04-30 (before the final).
        expect(LAMBDA_RUNTIMES[row.followsLambda].deprecated).to.equal("2027-04-30");
    });
});
