import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { alarmNamesInRule, Observability, ObservabilityArgs } from "@kgsports/observability";
import { declare, named, ofType, one } from "./helpers/declare";
import type { DeclaredResource, MockRun } from "../stacks/plan/mockRuntime";

const T = {
    component: "kgsports:observability:Observability",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    parameter: "aws:ssm/parameter:Parameter",
    bucket: "aws:s3/bucket:Bucket",
    publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    slack: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
};

const ACCOUNT = "123456789012";
const PREFIX = "kgsports-matchday";
const ALB = "app/web-alb/50dc6c495c0c9188";
const CLOUD_TG = "targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067";
const ONPREM_TG = "targetgroup/hybrid-onprem-9f8e7d6/0a1b2c3d4e5f6071";
const GROUP = "web-asg-3f9a2b1";
const VPN = "vpn-0a1b2c3d4e5f60718";
const TUNNELS = ["3.35.10.20", "52.78.30.40"];
const VAULT = "kgsports-matchday-vault";
const FAILOVER = { unhealthy: "kgsports-matchday-hybrid-unhealthy", tunnelsDown: "kgsports-matchday-hybrid-tunnels-down", recovered: "kgsports-matchday-hybrid-recovered" };
const KICKOFF = { label: "UCL final kickoff", time: "2027-05-29T21:00:00+02:00" };
const PREWARM = { label: "UCL final pre-warm", time: "2027-05-29T17:50:00Z" };

function fullArgs(overrides: Partial<ObservabilityArgs> = {}): ObservabilityArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: { arnSuffix: ALB, cloudTargetGroupArnSuffix: CLOUD_TG },
        onPremise: { targetGroupArnSuffix: ONPREM_TG },
        // Deferred like the stack's: outputs, not strings.
        vpn: { vpnConnectionId: pulumi.output(VPN), tunnelAddresses: [pulumi.output(TUNNELS[0]), pulumi.output(TUNNELS[1])] },
        failover: { alarmNames: pulumi.output(FAILOVER) },
        backup: { vaultName: VAULT },
        autoScaling: { groupName: pulumi.output(GROUP), maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
        criticalEmails: ["oncall@kgsports.example", "lead@kgsports.example"],
        criticalPhoneNumbers: ["+821012345678"],
        warningEmails: ["platform@kgsports.example"],
        slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" },
        // Matchday is tighter than the defaults.
        alarms: { loadBalancer5xxPercent: 1, target5xxPercent: 1.5, p99LatencySeconds: 1.2, errorMinutes: 2, cpuPercent: 70, floorMarginMinutes: 45 },
        alarmOverrides: { "fleet-near-max": { evaluationPeriods: 3 } },
        annotations: [KICKOFF, PREWARM],
        accessLogs: { expirationDays: 60 },
        logRetentionDays: 14,
        tags: { project: "kgsports" },
        ...overrides,
    };
}

/** Nothing of HybridLink, backup or Slack. */
function minimalArgs(): ObservabilityArgs {
    const a = fullArgs({ alarms: undefined, alarmOverrides: undefined, accessLogs: undefined, logRetentionDays: undefined, annotations: undefined });
    delete a.onPremise;
    delete a.vpn;
    delete a.failover;
    delete a.backup;
    delete a.slack;
    return a;
}

function value<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}

const alarmArn = (name: string, region = "ap-northeast-2") => `arn:aws:cloudwatch:${region}:${ACCOUNT}:alarm:${name}`;
const topicArnOf = (role: "critical" | "warning", region = "ap-northeast-2") => `arn:aws:sns:${region}:${ACCOUNT}:${PREFIX}-alerts-${role}`;

// ---------------------------------------------------------------- a small policy evaluator

interface Statement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | { AWS?: string[]; Service?: string[] };
    Action: string[];
    Resource?: string[];
    Condition?: Record<string, Record<string, string | string[]>>;
}
interface Doc {
    Statement: Statement[];
}
/** Who asks: an IAM principal of an account, or an AWS service principal. */
type Who = { account: string; arn?: string } | { service: string };
interface Request {
    who?: Who;
    action: string;
    resource: string;
    context?: Record<string, string>;
}

function wildcard(pattern: string, text: string, ignoreCase: boolean): boolean {
    const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${source}$`, ignoreCase ? "i" : "").test(text);
}

function principalMatches(p: Statement["Principal"], who: Who | undefined): boolean {
    if (p === undefined) return true; // identity policy: the caller is whoever holds it
    if (p === "*") return true;
    if (who === undefined) return false;
    if ("service" in who) return (p.Service ?? []).includes(who.service);
    return (p.AWS ?? []).some((a) => a === `arn:aws:iam::${who.account}:root` || a === who.arn);
}

/** IAM's condition semantics for the operators these documents use, with absent keys. */
function conditionHolds(op: string, key: string, want: string | string[], ctx: Record<string, string>): boolean {
    const values = Array.isArray(want) ? want : [want];
    const have = ctx[key];
    const base = op.replace(/IfExists$/, "");
    if (have === undefined) return op.endsWith("IfExists") || base.includes("Not");
    switch (base) {
        case "Bool":
        case "StringEquals":
        case "ArnEquals":
            return values.includes(have);
        case "StringNotEquals":
            return !values.includes(have);
        case "StringLike":
        case "ArnLike":
            return values.some((v) => wildcard(v, have, false));
        default:
            throw new Error(`the test evaluator does not know ${op}`);
    }
}

function statementApplies(s: Statement, r: Request): boolean {
    const ctx = { ...(r.context ?? {}) };
    if (r.who && "service" in r.who) ctx["aws:PrincipalServiceName"] = r.who.service;
    if (r.who && "account" in r.who) ctx["aws:PrincipalAccount"] = r.who.account;
    return principalMatches(s.Principal, r.who)
        && s.Action.some((a) => wildcard(a, r.action, true))
        && (s.Resource ?? ["*"]).some((res) => wildcard(res, r.resource, false))
        && Object.entries(s.Condition ?? {}).every(([op, entries]) => Object.entries(entries).every(([key, want]) => conditionHolds(op, key, want, ctx)));
}

/** "deny" (explicit), "allow", or "implicit" (nothing allows it). */
function decide(doc: Doc, r: Request): "allow" | "deny" | "implicit" {
    if (doc.Statement.some((s) => s.Effect === "Deny" && statementApplies(s, r))) return "deny";
    return doc.Statement.some((s) => s.Effect === "Allow" && statementApplies(s, r)) ? "allow" : "implicit";
}

function docOf(r: DeclaredResource, field = "policy"): Doc {
    return JSON.parse(String(r.inputs[field])) as Doc;
}

// ---------------------------------------------------------------- what each alarm must be

interface ExpectedAlarm {
    namespace: string;
    /** Single metric name, or the math's metrics by query id. */
    metric?: string;
    math?: Record<string, string>;
    returns?: string;
    dimensions: Record<string, string>;
    stat: string;
    period: number;
    evaluationPeriods: number;
    threshold: number;
    comparison: string;
    missing: string;
    route: "page" | "onpremise" | "warning";
}

/** Run A's alarms, from the args above (matchday thresholds). */
const EXPECTED: Record<string, ExpectedAlarm> = {
    "alb-5xx-rate": { namespace: "AWS/ApplicationELB", math: { errors: "HTTPCode_ELB_5XX_Count", requests: "RequestCount" }, returns: "rate", dimensions: { LoadBalancer: ALB }, stat: "Sum", period: 60, evaluationPeriods: 2, threshold: 1, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "page" },
    "cloud-target-5xx-rate": { namespace: "AWS/ApplicationELB", math: { errors: "HTTPCode_Target_5XX_Count", requests: "RequestCount" }, returns: "rate", dimensions: { TargetGroup: CLOUD_TG, LoadBalancer: ALB }, stat: "Sum", period: 60, evaluationPeriods: 2, threshold: 1.5, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "page" },
    "onprem-target-5xx-rate": { namespace: "AWS/ApplicationELB", math: { errors: "HTTPCode_Target_5XX_Count", requests: "RequestCount" }, returns: "rate", dimensions: { TargetGroup: ONPREM_TG, LoadBalancer: ALB }, stat: "Sum", period: 60, evaluationPeriods: 2, threshold: 1.5, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "page" },
    "p99-latency": { namespace: "AWS/ApplicationELB", metric: "TargetResponseTime", dimensions: { LoadBalancer: ALB }, stat: "p99", period: 60, evaluationPeriods: 2, threshold: 1.2, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "page" },
    "cloud-unhealthy-hosts": { namespace: "AWS/ApplicationELB", metric: "UnHealthyHostCount", dimensions: { TargetGroup: CLOUD_TG, LoadBalancer: ALB }, stat: "Minimum", period: 60, evaluationPeriods: 5, threshold: 1, comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching", route: "page" },
    "onprem-unhealthy-hosts": { namespace: "AWS/ApplicationELB", metric: "UnHealthyHostCount", dimensions: { TargetGroup: ONPREM_TG, LoadBalancer: ALB }, stat: "Minimum", period: 60, evaluationPeriods: 5, threshold: 1, comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching", route: "onpremise" },
    "in-service-below-desired": { namespace: "AWS/AutoScaling", math: { desired: "GroupDesiredCapacity", inservice: "GroupInServiceInstances" }, returns: "shortfall", dimensions: { AutoScalingGroupName: GROUP }, stat: "(per query)", period: 60, evaluationPeriods: 15, threshold: 0, comparison: "GreaterThanThreshold", missing: "breaching", route: "page" },
    "fleet-near-max": { namespace: "AWS/AutoScaling", metric: "GroupDesiredCapacity", dimensions: { AutoScalingGroupName: GROUP }, stat: "Maximum", period: 60, evaluationPeriods: 3, threshold: 216, comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching", route: "warning" },
    "instance-cpu": { namespace: "AWS/EC2", metric: "CPUUtilization", dimensions: { AutoScalingGroupName: GROUP }, stat: "Average", period: 300, evaluationPeriods: 3, threshold: 70, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "warning" },
    // 265 + 45 minutes = 310 minutes: 62 five-minute periods, within CloudWatch's one day.
    "match-floor-left-behind": { namespace: "AWS/AutoScaling", metric: "GroupMinSize", dimensions: { AutoScalingGroupName: GROUP }, stat: "Minimum", period: 300, evaluationPeriods: 62, threshold: 6, comparison: "GreaterThanThreshold", missing: "notBreaching", route: "warning" },
    "vpn-tunnel-1-down": { namespace: "AWS/VPN", metric: "TunnelState", dimensions: { TunnelIpAddress: TUNNELS[0] }, stat: "Maximum", period: 60, evaluationPeriods: 5, threshold: 1, comparison: "LessThanThreshold", missing: "missing", route: "warning" },
    "vpn-tunnel-2-down": { namespace: "AWS/VPN", metric: "TunnelState", dimensions: { TunnelIpAddress: TUNNELS[1] }, stat: "Maximum", period: 60, evaluationPeriods: 5, threshold: 1, comparison: "LessThanThreshold", missing: "missing", route: "warning" },
    "vpn-tunnels-down": { namespace: "AWS/VPN", metric: "TunnelState", dimensions: { VpnId: VPN }, stat: "Maximum", period: 60, evaluationPeriods: 3, threshold: 0.5, comparison: "LessThanThreshold", missing: "missing", route: "onpremise" },
    "backup-job-failed": { namespace: "AWS/Backup", metric: "NumberOfBackupJobsFailed", dimensions: { BackupVaultName: VAULT }, stat: "Sum", period: 300, evaluationPeriods: 1, threshold: 1, comparison: "GreaterThanOrEqualToThreshold", missing: "notBreaching", route: "warning" },
};

interface Query {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: { namespace: string; metricName: string; dimensions: Record<string, string>; stat: string; period: number };
}

describe("Observability", () => {
    let full: MockRun<Observability>;
    let minimal: MockRun<Observability>;
    before(async () => {
        full = await declare(() => new Observability("obs", fullArgs()));
        // A region opened after August 2022: log delivery by the service principal only.
        minimal = await declare(() => new Observability("obs", minimalArgs()), "test", { "aws:region": "ap-south-2" });
    });

    it("declares its children under itself, named <name>-<role>, each once; physical names start with the prefix", () => {
        const { resources } = full;
        const component = one(resources, T.component);
        const children = resources.filter((r) => r !== component);
        for (const c of children) {
            expect(c.parent, c.name).to.equal(component.urn);
            expect(c.name, c.type).to.match(/^obs-/);
        }
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(resources.length);
        const physical = [
            ...ofType(resources, T.alarm).map((r) => r.inputs.name),
            ...ofType(resources, T.composite).map((r) => r.inputs.alarmName),
            ...ofType(resources, T.topic).map((r) => r.inputs.name),
            ...ofType(resources, T.logGroup).map((r) => r.inputs.name),
            one(resources, T.dashboard).inputs.dashboardName,
            one(resources, T.bucket).inputs.bucket,
            ...ofType(resources, T.role).map((r) => r.inputs.name),
            ...ofType(resources, T.policy).map((r) => r.inputs.name),
            one(resources, T.slack).inputs.configurationName,
        ];
        expect(physical.length).to.be.greaterThan(20);
        for (const n of physical) expect(String(n)).to.match(new RegExp(`^${PREFIX}-`));
        expect(one(resources, T.alias).inputs.name).to.equal(`alias/${PREFIX}-observability`);
        expect(one(resources, T.parameter).inputs.name).to.equal(`AmazonCloudWatch-${PREFIX}-web`);
    });

    describe("alarms", () => {
        it("every alarm watches the given resources with its namespace, metric, statistic, period, threshold and missing-data rule", () => {
            const alarms = ofType(full.resources, T.alarm).filter((a) => a.inputs.name !== `${PREFIX}-deploy-in-progress`);
            expect(alarms.map((a) => String(a.inputs.name).slice(PREFIX.length + 1)).sort()).to.deep.equal(Object.keys(EXPECTED).sort());
            for (const a of alarms) {
                const role = String(a.inputs.name).slice(PREFIX.length + 1);
                const e = EXPECTED[role];
                const i = a.inputs as Record<string, unknown>;
                expect(i.evaluationPeriods, role).to.equal(e.evaluationPeriods);
                expect(i.datapointsToAlarm, role).to.equal(e.evaluationPeriods);
                expect(i.threshold, role).to.equal(e.threshold);
                expect(i.comparisonOperator, role).to.equal(e.comparison);
                expect(i.treatMissingData, role).to.equal(e.missing);
                expect(String(i.alarmDescription), role).to.contain("First look:");
                if (e.metric) {
                    expect(i.namespace, role).to.equal(e.namespace);
                    expect(i.metricName, role).to.equal(e.metric);
                    expect(i.dimensions, role).to.deep.equal(e.dimensions);
                    expect(i.period, role).to.equal(e.period);
                    expect(i.metricQueries, role).to.equal(undefined);
                    if (e.stat.startsWith("p")) {
                        expect(i.extendedStatistic, role).to.equal(e.stat);
                        expect(i.statistic, role).to.equal(undefined);
                    } else {
                        expect(i.statistic, role).to.equal(e.stat);
                    }
                } else {
                    expect(i.namespace, role).to.equal(undefined);
                    const queries = i.metricQueries as Query[];
                    const returned = queries.filter((q) => q.returnData);
                    expect(returned.map((q) => q.id), role).to.deep.equal([e.returns]);
                    for (const [id, metricName] of Object.entries(e.math!)) {
                        const q = queries.find((x) => x.id === id)!;
                        expect(q.metric, `${role}.${id}`).to.include({ namespace: e.namespace, metricName, period: e.period });
                        expect(q.metric!.dimensions, `${role}.${id}`).to.deep.equal(e.dimensions);
                        expect(q.returnData, `${role}.${id}`).to.equal(false);
                        // The expression uses every metric query.
                        expect(returned[0].expression, role).to.match(new RegExp(`\\b${id}\\b`));
                    }
                }
            }
        });

        it("the rates are metric math over errors and requests, guarded against quiet minutes", () => {
            const lb = named(full.resources, "obs-alb-5xx-rate").inputs.metricQueries as Query[];
            const lbRate = lb.find((q) => q.id === "rate")!.expression!;
            // The load balancer's own 503s (no target chosen) are not in RequestCount: they are added to it.
            expect(lbRate).to.equal("IF((FILL(requests, 0) + FILL(errors, 0)) >= 20, 100 * FILL(errors, 0) / (FILL(requests, 0) + FILL(errors, 0)), 0)");
            const tg = named(full.resources, "obs-cloud-target-5xx-rate").inputs.metricQueries as Query[];
            expect(tg.find((q) => q.id === "rate")!.expression).to.equal("IF(FILL(requests, 0) >= 20, 100 * FILL(errors, 0) / FILL(requests, 1), 0)");
            const shortfall = named(full.resources, "obs-in-service-below-desired").inputs.metricQueries as Query[];
            expect(shortfall.find((q) => q.id === "shortfall")!.expression).to.equal("desired - inservice");
            expect(shortfall.find((q) => q.id === "desired")!.metric!.stat).to.equal("Minimum");
            expect(shortfall.find((q) => q.id === "inservice")!.metric!.stat).to.equal("Maximum");
            expect(named(full.resources, "obs-p99-latency").inputs.evaluateLowSampleCountPercentiles).to.equal("ignore");
        });

        it("each alarm reaches a person once: composite members have no actions, warnings notify the warning topic, one composite pages, nothing on-premise feeds it", () => {
            const { resources } = full;
            const composite = named(resources, "obs-matchday-degraded");
            const rule = String(composite.inputs.alarmRule);
            const inRule = alarmNamesInRule(rule);
            const onPremise = named(resources, "obs-onpremise-degraded");
            const onPremiseRule = String(onPremise.inputs.alarmRule);
            const inOnPremise = alarmNamesInRule(onPremiseRule);
            const declared = new Set([...ofType(resources, T.alarm).map((a) => String(a.inputs.name)), ...ofType(resources, T.composite).map((a) => String(a.inputs.alarmName))]);
            // Each rule names only alarms that exist, each once, and is only ORs of ALARM terms.
            for (const [r, names] of [[rule, inRule], [onPremiseRule, inOnPremise]] as const) {
                for (const n of names) expect(declared.has(n), n).to.equal(true);
                expect(new Set(names).size).to.equal(names.length);
                expect(r.replace(/ALARM\("[^"]+"\)/g, "X").split(" OR ").every((t) => t === "X")).to.equal(true);
            }
            expect(composite.inputs.alarmActions).to.deep.equal([topicArnOf("critical")]);
            expect(composite.inputs.okActions).to.deep.equal([topicArnOf("critical")]);
            // The on-premise composite warns, and the page never names it.
            expect(onPremise.inputs.alarmActions).to.deep.equal([topicArnOf("warning")]);
            expect(onPremise.inputs.okActions).to.deep.equal([topicArnOf("warning")]);
            expect(onPremise.inputs.alarmName).to.equal(`${PREFIX}-onpremise-degraded`);
            expect(inRule).to.not.include(`${PREFIX}-onpremise-degraded`);

            for (const a of ofType(resources, T.alarm)) {
                const name = String(a.inputs.name);
                const role = name.slice(PREFIX.length + 1);
                if (role === "deploy-in-progress") {
                    expect(a.inputs.alarmActions, role).to.equal(undefined);
                    expect(inRule, role).to.not.include(name);
                    continue;
                }
                const route = EXPECTED[role].route;
                expect(inRule.includes(name), role).to.equal(route === "page");
                expect(inOnPremise.includes(name), role).to.equal(route === "onpremise");
                if (route === "warning") expect(a.inputs.alarmActions, role).to.deep.equal([topicArnOf("warning")]);
                else {
                    expect(a.inputs.alarmActions ?? [], role).to.deep.equal([]);
                    expect(a.inputs.okActions ?? [], role).to.deep.equal([]);
                }
            }
            // The failover composite feeds the on-premise warning, never the page, and has no actions itself.
            const failover = named(resources, "obs-failover-in-effect");
            expect(inOnPremise).to.include(`${PREFIX}-failover-in-effect`);
            expect(inRule).to.not.include(`${PREFIX}-failover-in-effect`);
            expect(failover.inputs.alarmActions ?? []).to.deep.equal([]);
        });

        it("failover in effect is a composite of HybridLink's unhealthy and tunnels-down alarms", () => {
            const failover = named(full.resources, "obs-failover-in-effect");
            expect(failover.inputs.alarmName).to.equal(`${PREFIX}-failover-in-effect`);
            expect(failover.inputs.alarmRule).to.equal(`ALARM("${FAILOVER.unhealthy}") OR ALARM("${FAILOVER.tunnelsDown}")`);
            expect(alarmNamesInRule(String(failover.inputs.alarmRule))).to.not.include(FAILOVER.recovered);
        });

        it("a planned deploy mutes the page: the composite's suppressor is the deploy alarm on the pipeline's heartbeat", async () => {
            const composite = named(full.resources, "obs-matchday-degraded");
            expect(composite.inputs.alarmName).to.equal(`${PREFIX}-matchday-degraded`);
            expect(composite.inputs.actionsSuppressor).to.deep.equal({ alarm: `${PREFIX}-deploy-in-progress`, waitPeriod: 60, extensionPeriod: 600 });
            const deploy = named(full.resources, "obs-deploy-in-progress").inputs;
            expect(deploy).to.include({
                name: `${PREFIX}-deploy-in-progress`,
                namespace: "KGSports/Deploy",
                metricName: "InProgress",
                statistic: "Maximum",
                period: 60,
                evaluationPeriods: 1,
                threshold: 1,
                comparisonOperator: "GreaterThanOrEqualToThreshold",
                // A dead pipeline stops muting pages.
                treatMissingData: "notBreaching",
            });
            expect(deploy.dimensions).to.deep.equal({ Stack: PREFIX });
            expect(full.result.deploySignal).to.deep.equal({ namespace: "KGSports/Deploy", metricName: "InProgress", dimensions: { Stack: PREFIX } });
            expect(await value(full.result.deployAlarmName)).to.equal(`${PREFIX}-deploy-in-progress`);
            expect(await value(full.result.compositeAlarmName)).to.equal(`${PREFIX}-matchday-degraded`);
            const names = await value(full.result.alarmNames);
            expect(names["failover-in-effect"]).to.equal(`${PREFIX}-failover-in-effect`);
            expect(names["p99-latency"]).to.equal(`${PREFIX}-p99-latency`);
        });

        it("without HybridLink or a vault, none of their alarms exist and the page names none of them", () => {
            const roles = ofType(minimal.resources, T.alarm).map((a) => String(a.inputs.name).slice(PREFIX.length + 1)).sort();
            expect(roles).to.deep.equal([
                "alb-5xx-rate", "cloud-target-5xx-rate", "cloud-unhealthy-hosts", "deploy-in-progress", "fleet-near-max",
                "in-service-below-desired", "instance-cpu", "match-floor-left-behind", "p99-latency",
            ]);
            expect(ofType(minimal.resources, T.composite).map((c) => c.inputs.alarmName)).to.deep.equal([`${PREFIX}-matchday-degraded`]);
            const rule = String(named(minimal.resources, "obs-matchday-degraded").inputs.alarmRule);
            expect(alarmNamesInRule(rule).sort()).to.deep.equal(["alb-5xx-rate", "cloud-target-5xx-rate", "cloud-unhealthy-hosts", "in-service-below-desired", "p99-latency"].map((r) => `${PREFIX}-${r}`));
            // Defaults where run A had matchday values.
            const lb = named(minimal.resources, "obs-alb-5xx-rate").inputs;
            expect(lb).to.include({ threshold: 2, evaluationPeriods: 3 });
            expect(named(minimal.resources, "obs-p99-latency").inputs.threshold).to.equal(2);
            expect(named(minimal.resources, "obs-fleet-near-max").inputs).to.include({ threshold: 216, evaluationPeriods: 5 });
            // 265 + 60 minutes = 65 five-minute periods.
            expect(named(minimal.resources, "obs-match-floor-left-behind").inputs).to.include({ period: 300, evaluationPeriods: 65, threshold: 6 });
            expect(named(minimal.resources, "obs-deploy-in-progress").inputs.treatMissingData).to.equal("notBreaching");
            const text = JSON.stringify(minimal.resources.map((r) => r.inputs));
            for (const absent of [ONPREM_TG, VPN, TUNNELS[0], TUNNELS[1], VAULT, FAILOVER.unhealthy, "AWS/VPN", "AWS/Backup", "backup.amazonaws.com", "chatbot"]) {
                expect(text, absent).to.not.contain(absent);
            }
        });
    });

    describe("topics, key and subscriptions", () => {
        it("both topics are encrypted with the rotating, protected and retained key", () => {
            const key = one(full.resources, T.key);
            expect(key.inputs.enableKeyRotation).to.equal(true);
            expect(key.inputs.deletionWindowInDays).to.equal(30);
            expect(key.options).to.include({ protect: true, retainOnDelete: true });
            const topics = ofType(full.resources, T.topic);
            expect(topics.map((t) => t.inputs.name).sort()).to.deep.equal([`${PREFIX}-alerts-critical`, `${PREFIX}-alerts-warning`]);
            for (const t of topics) {
                expect(String(t.inputs.kmsMasterKeyId), String(t.inputs.name)).to.match(new RegExp(`^arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/`));
                expect(t.options.protect, String(t.inputs.name)).to.equal(true);
            }
            expect(one(full.resources, T.alias).inputs.targetKeyId).to.match(/^[0-9a-f]{8}-/);
            // protect: false (e.g. dev) unprotects, and the key stays retained.
        });

        it("the key policy: the account administers; publishers and CloudWatch Logs (for exactly the two groups) use it; Backup only with a vault", () => {
            const doc = docOf(one(full.resources, T.key));
            const key = `arn:aws:kms:ap-northeast-2:${ACCOUNT}:key/x`;
            const ctx = (group: string) => ({ "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:ap-northeast-2:${ACCOUNT}:log-group:${group}` });
            expect(decide(doc, { who: { account: ACCOUNT }, action: "kms:ScheduleKeyDeletion", resource: key })).to.equal("allow");
            expect(decide(doc, { who: { account: "111122223333" }, action: "kms:Decrypt", resource: key })).to.equal("implicit");
            for (const service of ["cloudwatch.amazonaws.com", "events.amazonaws.com", "backup.amazonaws.com"]) {
                expect(decide(doc, { who: { service }, action: "kms:GenerateDataKey", resource: key }), service).to.equal("allow");
                expect(decide(doc, { who: { service }, action: "kms:Decrypt", resource: key }), service).to.equal("allow");
                expect(decide(doc, { who: { service }, action: "kms:CreateGrant", resource: key }), service).to.equal("implicit");
            }
            const logs = { service: "logs.ap-northeast-2.amazonaws.com" };
            expect(decide(doc, { who: logs, action: "kms:Encrypt", resource: key, context: ctx(`${PREFIX}-web-app`) })).to.equal("allow");
            expect(decide(doc, { who: logs, action: "kms:GenerateDataKey", resource: key, context: ctx(`${PREFIX}-web-system`) })).to.equal("allow");
            expect(decide(doc, { who: logs, action: "kms:Encrypt", resource: key, context: ctx("someone-elses-group") })).to.equal("implicit");
            expect(decide(doc, { who: logs, action: "kms:Encrypt", resource: key })).to.equal("implicit");
            expect(decide(doc, { who: { service: "logs.us-east-1.amazonaws.com" }, action: "kms:Encrypt", resource: key, context: ctx(`${PREFIX}-web-app`) })).to.equal("implicit");

            const bare = docOf(one(minimal.resources, T.key));
            expect(decide(bare, { who: { service: "backup.amazonaws.com" }, action: "kms:GenerateDataKey", resource: key })).to.equal("implicit");
            expect(decide(bare, { who: { service: "cloudwatch.amazonaws.com" }, action: "kms:GenerateDataKey", resource: key })).to.equal("allow");
        });

        it("topic policies let this stack's alarms and rules (and Backup on warnings, with a vault) publish, from this account only", () => {
            const policy = (run: MockRun<Observability>, role: string) => docOf(named(run.resources, `obs-${role}-policy`));
            const crit = topicArnOf("critical");
            const warn = topicArnOf("warning");
            const from = (arn: string, account = ACCOUNT) => ({ "aws:SourceAccount": account, "aws:SourceArn": arn });
            const ours = alarmArn(`${PREFIX}-p99-latency`);
            const cw = { service: "cloudwatch.amazonaws.com" };
            expect(named(full.resources, "obs-critical-policy").inputs.arn).to.equal(crit);
            expect(decide(policy(full, "critical"), { who: cw, action: "sns:Publish", resource: crit, context: from(ours) })).to.equal("allow");
            expect(decide(policy(full, "critical"), { who: cw, action: "sns:Publish", resource: crit, context: from(alarmArn("other-team-alarm")) })).to.equal("implicit");
            expect(decide(policy(full, "critical"), { who: cw, action: "sns:Publish", resource: crit, context: from(ours, "111122223333") })).to.equal("implicit");
            expect(decide(policy(full, "critical"), { who: cw, action: "sns:Publish", resource: crit })).to.equal("implicit");
            const rule = `arn:aws:events:ap-northeast-2:${ACCOUNT}:rule/${PREFIX}-backup-failed`;
            expect(decide(policy(full, "warning"), { who: { service: "events.amazonaws.com" }, action: "sns:Publish", resource: warn, context: from(rule) })).to.equal("allow");
            const backup = { who: { service: "backup.amazonaws.com" }, action: "sns:Publish", context: { "aws:SourceAccount": ACCOUNT } };
            expect(decide(policy(full, "warning"), { ...backup, resource: warn })).to.equal("allow");
            expect(decide(policy(full, "critical"), { ...backup, resource: crit })).to.equal("implicit");
            expect(decide(policy(minimal, "warning"), { ...backup, resource: topicArnOf("warning", "ap-south-2") })).to.equal("implicit");
            expect(decide(policy(full, "critical"), { who: { account: ACCOUNT }, action: "sns:Subscribe", resource: crit })).to.equal("allow");
            expect(decide(policy(full, "critical"), { who: { account: "111122223333" }, action: "sns:Subscribe", resource: crit })).to.equal("implicit");
        });

        it("subscribes the given e-mails and phones (SMS) to the page, and the warning e-mails to warnings", () => {
            const subs = ofType(full.resources, T.subscription).map((s) => `${s.inputs.topic} ${s.inputs.protocol} ${s.inputs.endpoint}`).sort();
            expect(subs).to.deep.equal([
                `${topicArnOf("critical")} email lead@kgsports.example`,
                `${topicArnOf("critical")} email oncall@kgsports.example`,
                `${topicArnOf("critical")} sms +821012345678`,
                `${topicArnOf("warning")} email platform@kgsports.example`,
            ]);
        });

        it("Slack gets both topics through Chatbot, with its own read-only role that is also the channel's guardrail", () => {
            const slack = one(full.resources, T.slack).inputs as Record<string, unknown>;
            expect(slack).to.include({ slackTeamId: "T07EA123LEP", slackChannelId: "C07EZ1ABC23", configurationName: `${PREFIX}-alerts` });
            expect(slack.snsTopicArns).to.deep.equal([topicArnOf("critical"), topicArnOf("warning")]);
            const policyArn = `arn:aws:iam::${ACCOUNT}:policy/${PREFIX}-chatbot`;
            expect(slack.guardrailPolicyArns).to.deep.equal([policyArn]);
            expect(slack.iamRoleArn).to.equal(`arn:aws:iam::${ACCOUNT}:role/${PREFIX}-chatbot`);
            const trust = docOf(one(full.resources, T.role), "assumeRolePolicy");
            expect(decide(trust, { who: { service: "chatbot.amazonaws.com" }, action: "sts:AssumeRole", resource: "*" })).to.equal("allow");
            expect(decide(trust, { who: { account: ACCOUNT }, action: "sts:AssumeRole", resource: "*" })).to.equal("implicit");
            const channel = docOf(one(full.resources, T.policy));
            expect(decide(channel, { action: "cloudwatch:DescribeAlarms", resource: "*" })).to.equal("allow");
            expect(decide(channel, { action: "cloudwatch:SetAlarmState", resource: "*" })).to.equal("implicit");
            expect(decide(channel, { action: "cloudwatch:DeleteAlarms", resource: "*" })).to.equal("implicit");
            expect(one(full.resources, T.attachment).inputs).to.deep.equal({ role: `${PREFIX}-chatbot`, policyArn });
            expect(ofType(minimal.resources, T.slack)).to.have.length(0);
            expect(ofType(minimal.resources, T.role)).to.have.length(0);
        });
    });

    describe("dashboard", () => {
        interface Widget { type: string; properties: { metrics?: unknown[][]; annotations?: { vertical?: { label: string; value: string }[] }; alarms?: string[]; region?: string } }
        const body = (run: MockRun<Observability>) => JSON.parse(String(one(run.resources, T.dashboard).inputs.dashboardBody)) as { widgets: Widget[] };
        /** The dimension pairs of every metric row (rows that are expressions have none). */
        const dimensionPairs = (w: Widget) => (w.properties.metrics ?? []).flatMap((row) => {
            const strings = row.filter((x): x is string => typeof x === "string");
            const pairs: [string, string][] = [];
            for (let i = 2; i + 1 < strings.length; i += 2) pairs.push([strings[i], strings[i + 1]]);
            return pairs;
        });

        it("is valid JSON named <prefix>-match-night, and every widget's metrics use the given dimensions only", () => {
            expect(one(full.resources, T.dashboard).inputs.dashboardName).to.equal(`${PREFIX}-match-night`);
            const allowed: Record<string, string[]> = { LoadBalancer: [ALB], TargetGroup: [CLOUD_TG, ONPREM_TG], AutoScalingGroupName: [GROUP], VpnId: [VPN], TunnelIpAddress: TUNNELS };
            const { widgets } = body(full);
            const metricWidgets = widgets.filter((w) => w.type === "metric");
            expect(metricWidgets.length).to.equal(7);
            const seen = new Set<string>();
            for (const w of metricWidgets) {
                const pairs = dimensionPairs(w);
                expect(pairs.length, JSON.stringify(w.properties)).to.be.greaterThan(0);
                expect(w.properties.region).to.equal("ap-northeast-2");
                for (const [k, v] of pairs) {
                    expect(allowed[k], k).to.not.equal(undefined);
                    expect(allowed[k], `${k}=${v}`).to.include(v);
                    seen.add(v);
                }
            }
            // Every resource given is on the screen: healthy hosts cloud vs on-premise, tunnels, the group.
            for (const v of Object.values(allowed).flat()) expect(seen.has(v), v).to.equal(true);
            const titles = metricWidgets.map((w) => (w.properties as { title: string }).title);
            expect(titles).to.include.members(["Requests per minute", "Error rates (% of requests)", "Response time (seconds)", "Healthy hosts: cloud vs on-premise", "Auto Scaling group", "CPU, memory, disk (%)", "VPN tunnels (1 up, 0 down)"]);
            const group = metricWidgets.find((w) => (w.properties as { title: string }).title === "Auto Scaling group")!;
            const groupMetrics = group.properties.metrics!.map((r) => r[1]);
            expect(groupMetrics).to.include.members(["GroupDesiredCapacity", "GroupInServiceInstances", "GroupMinSize", "GroupMaxSize", "WarmPoolWarmedCapacity"]);
        });

        it("marks each kickoff and pre-warm on every chart, in UTC, and lists every alarm's state", () => {
            const { widgets } = body(full);
            for (const w of widgets.filter((x) => x.type === "metric")) {
                expect(w.properties.annotations!.vertical).to.deep.equal([
                    { label: PREWARM.label, value: "2027-05-29T17:50:00.000Z" },
                    { label: KICKOFF.label, value: "2027-05-29T19:00:00.000Z" },
                ]);
            }
            const alarms = widgets.find((w) => w.type === "alarm")!.properties.alarms!;
            expect(alarms[0]).to.equal(alarmArn(`${PREFIX}-matchday-degraded`));
            const declared = ofType(full.resources, T.alarm).filter((a) => a.inputs.name !== `${PREFIX}-deploy-in-progress`).map((a) => alarmArn(String(a.inputs.name)));
            expect(alarms).to.include.members([...declared, alarmArn(`${PREFIX}-failover-in-effect`)]);
        });

        it("without HybridLink: no VPN widget, no on-premise series", () => {
            const { widgets } = body(minimal);
            expect(widgets.filter((w) => w.type === "metric")).to.have.length(6);
            const text = JSON.stringify(widgets);
            for (const absent of ["AWS/VPN", ONPREM_TG, "on-premise"]) expect(text, absent).to.not.contain(absent);
            expect(widgets.find((w) => w.type === "metric")!.properties.region).to.equal("ap-south-2");
        });
    });

    describe("the CloudWatch agent", () => {
        it("stores the agent's configuration in AmazonCloudWatch-<prefix>-web: files into the two encrypted log groups", async () => {
            const parameter = one(full.resources, T.parameter).inputs;
            expect(parameter).to.include({ name: `AmazonCloudWatch-${PREFIX}-web`, type: "String", tier: "Standard" });
            const config = JSON.parse(String(parameter.insecureValue));
            const files = config.logs.logs_collected.files.collect_list as { file_path: string; log_group_name: string }[];
            expect(files.map((f) => `${f.file_path} -> ${f.log_group_name}`)).to.deep.equal([
                `/var/log/kgsports/web.log -> ${PREFIX}-web-app`,
                `/var/log/messages -> ${PREFIX}-web-system`,
                `/var/log/cloud-init-output.log -> ${PREFIX}-web-system`,
            ]);
            expect(config.metrics.namespace).to.equal("KGSports/Web");
            expect(config.metrics.append_dimensions).to.deep.equal({ AutoScalingGroupName: "${aws:AutoScalingGroupName}" });
            const groups = ofType(full.resources, T.logGroup);
            expect(groups.map((g) => g.inputs.name).sort()).to.deep.equal([`${PREFIX}-web-app`, `${PREFIX}-web-system`]);
            for (const g of groups) {
                expect(g.inputs.retentionInDays).to.equal(14);
                expect(String(g.inputs.kmsKeyId)).to.match(/^arn:aws:kms:/);
            }
            expect(ofType(minimal.resources, T.logGroup).map((g) => g.inputs.retentionInDays)).to.deep.equal([30, 30]);
            expect(await value(full.result.agentConfigParameterName)).to.equal(`AmazonCloudWatch-${PREFIX}-web`);
        });

        it("the instance policy allows exactly that parameter, those log groups and that namespace", async () => {
            const doc = JSON.parse(await value(full.result.instanceAgentPolicy)) as Doc;
            const ssm = (name: string) => `arn:aws:ssm:ap-northeast-2:${ACCOUNT}:parameter/${name}`;
            const stream = (group: string) => `arn:aws:logs:ap-northeast-2:${ACCOUNT}:log-group:${group}:log-stream:i-0abc/web.log`;
            expect(decide(doc, { action: "ssm:GetParameter", resource: ssm(`AmazonCloudWatch-${PREFIX}-web`) })).to.equal("allow");
            expect(decide(doc, { action: "ssm:GetParameter", resource: ssm("AmazonCloudWatch-other") })).to.equal("implicit");
            expect(decide(doc, { action: "ssm:GetParameters", resource: ssm(`AmazonCloudWatch-${PREFIX}-web`) })).to.equal("implicit");
            for (const group of [`${PREFIX}-web-app`, `${PREFIX}-web-system`]) {
                expect(decide(doc, { action: "logs:PutLogEvents", resource: stream(group) }), group).to.equal("allow");
                expect(decide(doc, { action: "logs:CreateLogStream", resource: stream(group) }), group).to.equal("allow");
            }
            expect(decide(doc, { action: "logs:PutLogEvents", resource: stream("kgsports-matchday-hybrid-failover") })).to.equal("implicit");
            expect(decide(doc, { action: "logs:PutRetentionPolicy", resource: `arn:aws:logs:ap-northeast-2:${ACCOUNT}:log-group:${PREFIX}-web-app` })).to.equal("implicit");
            expect(decide(doc, { action: "logs:CreateLogGroup", resource: `arn:aws:logs:ap-northeast-2:${ACCOUNT}:log-group:anything` })).to.equal("implicit");
            expect(decide(doc, { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "KGSports/Web" } })).to.equal("allow");
            expect(decide(doc, { action: "cloudwatch:PutMetricData", resource: "*", context: { "cloudwatch:namespace": "KGSports/Deploy" } })).to.equal("implicit");
            expect(decide(doc, { action: "cloudwatch:PutMetricData", resource: "*" })).to.equal("implicit");
            expect(decide(doc, { action: "cloudwatch:SetAlarmState", resource: "*" })).to.equal("implicit");
        });
    });

    describe("access logs bucket", () => {
        const bucketName = `${PREFIX}-alb-logs-${ACCOUNT}`;
        const object = (path: string) => `arn:aws:s3:::${bucketName}/${path}`;
        const logObject = object(`alb/AWSLogs/${ACCOUNT}/elasticloadbalancing/ap-northeast-2/2027/05/29/x.log.gz`);
        const tls = { "aws:SecureTransport": "true" };

        it("is <prefix>-alb-logs-<account>, owner-enforced, not public, SSE-S3, expiring after the given days", async () => {
            expect(one(full.resources, T.bucket).inputs).to.include({ bucket: bucketName, forceDestroy: false });
            expect(one(full.resources, T.publicAccess).inputs).to.include({ bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
            expect(one(full.resources, T.ownership).inputs.rule).to.deep.equal({ objectOwnership: "BucketOwnerEnforced" });
            const sse = one(full.resources, T.encryption).inputs.rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string; kmsMasterKeyId?: string } }[];
            expect(sse).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
            const rules = one(full.resources, T.lifecycle).inputs.rules as { status: string; expiration: { days: number }; filter: unknown }[];
            expect(rules).to.have.length(1);
            expect(rules[0]).to.deep.include({ status: "Enabled", expiration: { days: 60 }, filter: {} });
            expect((one(minimal.resources, T.lifecycle).inputs.rules as { expiration: { days: number } }[])[0].expiration.days).to.equal(90);
            expect(named(full.resources, "obs-alb-logs-policy").options.dependsOn).to.include(one(full.resources, T.publicAccess).urn);
            expect(await value(full.result.accessLogsBucketName)).to.equal(bucketName);
            expect(full.result.accessLogsPrefix).to.equal("alb");
        });

        it("only the load balancer's log delivery writes, over TLS only (ap-northeast-2: the regional ELB account)", () => {
            const doc = docOf(one(full.resources, T.bucketPolicy));
            const elb = { account: "600734575887" };
            const delivery = { service: "logdelivery.elasticloadbalancing.amazonaws.com" };
            expect(decide(doc, { who: elb, action: "s3:PutObject", resource: logObject, context: tls })).to.equal("allow");
            expect(decide(doc, { who: delivery, action: "s3:PutObject", resource: logObject, context: tls })).to.equal("allow");
            expect(decide(doc, { who: elb, action: "s3:PutObject", resource: logObject, context: { "aws:SecureTransport": "false" } })).to.equal("deny");
            expect(decide(doc, { who: elb, action: "s3:PutObject", resource: object("elsewhere/x"), context: tls })).to.equal("implicit");
            expect(decide(doc, { who: elb, action: "s3:PutObject", resource: object("alb/AWSLogs/999999999999/x"), context: tls })).to.equal("implicit");
            expect(decide(doc, { who: elb, action: "s3:DeleteObject", resource: logObject, context: tls })).to.equal("implicit");
            // Nobody else writes, not even the account's own administrators (their IAM allow loses to the deny).
            expect(decide(doc, { who: { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:role/admin` }, action: "s3:PutObject", resource: logObject, context: tls })).to.equal("deny");
            expect(decide(doc, { who: { account: "111122223333" }, action: "s3:PutObject", resource: logObject, context: tls })).to.equal("deny");
            expect(decide(doc, { who: { account: ACCOUNT }, action: "s3:GetObject", resource: logObject, context: { "aws:SecureTransport": "false" } })).to.equal("deny");
        });

        it("in a region opened since August 2022, only the log delivery service principal writes", () => {
            const doc = docOf(one(minimal.resources, T.bucketPolicy));
            const o = logObject.replace("ap-northeast-2", "ap-south-2");
            expect(decide(doc, { who: { service: "logdelivery.elasticloadbalancing.amazonaws.com" }, action: "s3:PutObject", resource: o, context: tls })).to.equal("allow");
            expect(decide(doc, { who: { account: "600734575887" }, action: "s3:PutObject", resource: o, context: tls })).to.equal("deny");
            expect(JSON.stringify(doc)).to.not.contain("arn:aws:iam::");
        });
    });

    describe("bad args", () => {
        it("are refused all at once, naming each arg, before anything is declared", async () => {
            let message = "";
            const { resources } = await declare(() => {
                try {
                    new Observability("obs", fullArgs({
                        namePrefix: "KGSports_Matchday",
                        criticalEmails: ["oncall@kgsports"],
                        criticalPhoneNumbers: ["010-1234-5678"],
                        alarms: { p99LatencySeconds: 0, target5xxPercent: 120, cpuMinutes: 7 },
                        alarmOverrides: { "no-such-alarm": { threshold: 1 }, "instance-cpu": { period: 600, evaluationPeriods: 200 } },
                        annotations: [{ label: "kickoff", time: "2027-05-29 21:00" }],
                    }));
                } catch (e) {
                    message = (e as Error).message;
                }
            });
            expect(message).to.match(/^Observability "obs": invalid args:/);
            expect(message).to.contain('namePrefix = "KGSports_Matchday": is not a usable name prefix; allowed: lowercase letters');
            expect(message).to.contain('criticalEmails[0] = "oncall@kgsports": is not an e-mail address; allowed:');
            expect(message).to.contain('criticalPhoneNumbers[0] = "010-1234-5678": is not an E.164 phone number; allowed:');
            expect(message).to.contain("alarms.p99LatencySeconds = 0: is not a latency in seconds; allowed:");
            expect(message).to.contain("alarms.target5xxPercent = 120: is not a percentage; allowed:");
            expect(message).to.contain("alarms.cpuMinutes = 7: is not a multiple of 5");
            expect(message).to.contain("alarmOverrides.no-such-alarm: is not an alarm of these args; allowed:");
            expect(message).to.contain("alarmOverrides.instance-cpu: period x evaluationPeriods = 120000 s: allowed: at most 86400 s");
            expect(message).to.not.contain("alarmOverrides.instance-cpu: datapointsToAlarm");
            expect(message).to.contain('annotations[0].time = "2027-05-29 21:00": is not a time with its offset; allowed:');
            for (const line of message.split("\n").slice(1)) expect(line, line).to.match(/allowed: .+$/);
            expect(resources.filter((r) => r.custom)).to.have.length(0);
        });
    });
});
