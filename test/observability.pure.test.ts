import { expect } from "chai";
import {
    accessLogsPrefixProblem,
    alarmDescription,
    alarmNamesInRule,
    alarmSpecProblems,
    annotationLabelProblem,
    annotationTimeProblem,
    anyInAlarmRule,
    applyAlarmOverrides,
    cloudWatchAgentConfigJson,
    dashboardBody,
    decideAlarms,
    DEFAULT_ALARM_THRESHOLDS,
    DEFAULT_APP_LOG_FILES,
    DEFAULT_SYSTEM_LOG_FILES,
    deployInProgressAlarm,
    deploySignal,
    emailProblem,
    endpointRole,
    latencySecondsProblem,
    logDeliveryWriter,
    logRetentionDaysProblem,
    matchFloorLeftBehindAlarm,
    MathSource,
    minutesProblem,
    namePrefixProblem,
    nearMaxThreshold,
    ObservabilityArgs,
    observabilityArgsProblems,
    percentProblem,
    phoneNumberProblem,
    slackChannelIdProblem,
    slackWorkspaceIdProblem,
    windowOf,
} from "@kgsports/observability";

const ENDS_WITH_ALLOWED = /; allowed: [^;]+$/;

const TARGETS = {
    loadBalancerArnSuffix: "app/web-alb/50dc6c495c0c9188",
    cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067",
    autoScaling: { groupName: "web-asg", maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
};

function args(overrides: Partial<ObservabilityArgs> = {}): ObservabilityArgs {
    return {
        namePrefix: "kgsports-dev",
        loadBalancer: { arnSuffix: TARGETS.loadBalancerArnSuffix, cloudTargetGroupArnSuffix: TARGETS.cloudTargetGroupArnSuffix },
        autoScaling: TARGETS.autoScaling,
        criticalEmails: ["oncall@kgsports.example"],
        warningEmails: ["platform@kgsports.example"],
        ...overrides,
    };
}

describe("Observability validators", () => {
    it("e-mail addresses", () => {
        for (const ok of ["oncall@kgsports.example", "first.last+pager@sub.kgsports.co.kr"]) expect(emailProblem(ok), ok).to.equal(undefined);
        for (const bad of ["oncall@kgsports", "on call@kgsports.example", "@kgsports.example", "oncall@@kgsports.example", "oncall@-kgsports.example", ".oncall@kgsports.example", `${"a".repeat(250)}@kgsports.example`]) {
            expect(emailProblem(bad), bad).to.match(ENDS_WITH_ALLOWED);
        }
    });

    it("E.164 phone numbers", () => {
        for (const ok of ["+821012345678", "+14155550123", "+6831234"]) expect(phoneNumberProblem(ok), ok).to.equal(undefined);
        for (const bad of ["01012345678", "+82 10 1234 5678", "+82-10-1234-5678", "+0821012345678", "+8210123456789012", "+12345"]) {
            expect(phoneNumberProblem(bad), bad).to.match(ENDS_WITH_ALLOWED);
        }
    });

    it("the name prefix: lowercase (it starts an S3 bucket), at most 32, none of S3's reserved beginnings", () => {
        for (const ok of ["kgsports-matchday", "kg1", "a".repeat(32)]) expect(namePrefixProblem(ok), ok).to.equal(undefined);
        for (const bad of ["KGSports", "kgsports_dev", "-kgsports", "kgsports-", "a".repeat(33), "xn--kgsports", "sthree-logs", "amzn-s3-demo-x", ""]) {
            expect(namePrefixProblem(bad), bad).to.match(ENDS_WITH_ALLOWED);
        }
    });

    it("thresholds and windows", () => {
        expect(percentProblem(0.5)).to.equal(undefined);
        expect(percentProblem(100)).to.equal(undefined);
        for (const bad of [0, -1, 100.1, Number.NaN]) expect(percentProblem(bad), String(bad)).to.match(ENDS_WITH_ALLOWED);
        expect(latencySecondsProblem(1.5)).to.equal(undefined);
        for (const bad of [0, -0.2, 61, Number.POSITIVE_INFINITY]) expect(latencySecondsProblem(bad), String(bad)).to.match(ENDS_WITH_ALLOWED);
        expect(minutesProblem(15, 1, 60)).to.equal(undefined);
        for (const bad of [0, 61, 2.5]) expect(minutesProblem(bad, 1, 60), String(bad)).to.match(ENDS_WITH_ALLOWED);
        expect(logRetentionDaysProblem(30)).to.equal(undefined);
        expect(logRetentionDaysProblem(45)).to.match(ENDS_WITH_ALLOWED);
    });

    it("annotations, Slack ids, the access logs prefix", () => {
        expect(annotationTimeProblem("2027-05-29T21:00:00+02:00")).to.equal(undefined);
        expect(annotationTimeProblem("2027-05-29T19:00Z")).to.equal(undefined);
        for (const bad of ["2027-05-29 21:00", "2027-05-29T21:00:00", "2027-13-40T21:00:00Z", "tomorrow"]) expect(annotationTimeProblem(bad), bad).to.match(ENDS_WITH_ALLOWED);
        expect(annotationLabelProblem("UCL final kickoff")).to.equal(undefined);
        expect(annotationLabelProblem(" ")).to.match(ENDS_WITH_ALLOWED);
        expect(slackWorkspaceIdProblem("T07EA123LEP")).to.equal(undefined);
        expect(slackWorkspaceIdProblem("kgsports")).to.match(ENDS_WITH_ALLOWED);
        expect(slackChannelIdProblem("C07EZ1ABC23")).to.equal(undefined);
        expect(slackChannelIdProblem("#matchday")).to.match(ENDS_WITH_ALLOWED);
        expect(accessLogsPrefixProblem("alb")).to.equal(undefined);
        expect(accessLogsPrefixProblem("logs/alb")).to.equal(undefined);
        for (const bad of ["/alb", "alb/", "AWSLogs", "a b"]) expect(accessLogsPrefixProblem(bad), bad).to.match(ENDS_WITH_ALLOWED);
    });

    it("observabilityArgsProblems: valid args have none; each bad arg is named with its value and what is allowed", () => {
        expect(observabilityArgsProblems("obs", args())).to.deep.equal([]);
        const cases: [Partial<ObservabilityArgs>, string][] = [
            [{ criticalEmails: [], criticalPhoneNumbers: [] }, "criticalEmails, criticalPhoneNumbers: are both empty"],
            [{ warningEmails: [] }, "warningEmails: is empty and there is no slack channel"],
            [{ criticalEmails: ["a@kgsports.example", "A@kgsports.example"] }, 'criticalEmails[1] = "A@kgsports.example": is listed twice'],
            [{ alarms: { nearMaxPercent: 0 } }, "alarms.nearMaxPercent = 0: is not a percentage"],
            [{ alarms: { errorMinutes: 0 } }, "alarms.errorMinutes = 0: is out of range"],
            [{ alarms: { minimumRequestsPerMinute: 0 } }, "alarms.minimumRequestsPerMinute = 0: is out of range"],
            [{ alarms: { p99LatencySecs: 1 } as never }, "alarms.p99LatencySecs: is not a threshold"],
            [{ autoScaling: { ...TARGETS.autoScaling, baselineMinSize: 300 } }, "autoScaling.baselineMinSize = 300: is out of range"],
            [{ autoScaling: { ...TARGETS.autoScaling, longestWindowMinutes: 10080 } }, "autoScaling.longestWindowMinutes = 10080: with alarms.floorMarginMinutes = 60 it exceeds"],
            [{ vpn: { vpnConnectionId: "vpn-1", tunnelAddresses: ["3.35.10.20", "52.78.30.40", "3.3.3.3"] } }, "vpn.tunnelAddresses: has 3 entries"],
            [{ vpn: { vpnConnectionId: "vpn-1", tunnelAddresses: ["3.35.10.300"] } }, 'vpn.tunnelAddresses[0] = "3.35.10.300": is not an IPv4 address'],
            [{ slack: { workspaceId: "T07EA123LEP", channelId: "#matchday" } }, 'slack.channelId = "#matchday": is not a Slack channel id'],
            [{ logRetentionDays: 45 }, "logRetentionDays = 45: is not a retention CloudWatch Logs accepts"],
            [{ accessLogs: { expirationDays: 0 } }, "accessLogs.expirationDays = 0: is out of range"],
            [{ accessLogs: { prefix: "AWSLogs/x" } }, 'accessLogs.prefix = "AWSLogs/x": starts with AWSLogs'],
            [{ deploySuppressor: { waitPeriodSeconds: 5 } }, "deploySuppressor.waitPeriodSeconds = 5: is out of range"],
            [{ deploySuppressor: { namespace: "AWS/Deploy" } }, 'deploySuppressor.namespace = "AWS/Deploy": is not a custom metric namespace'],
            [{ agent: { appLogFiles: ["var/log/app.log"] } }, 'agent.appLogFiles[0] = "var/log/app.log": is not an absolute file path'],
            [{ agent: { appLogFiles: Array.from({ length: 40 }, (_, i) => `/var/log/kgsports/some-rather-long-directory-name/app-${i}.log`) } }, "agent: the configuration is"],
            [{ alarmOverrides: { "instance-cpu": { datapointsToAlarm: 9 } } }, "alarmOverrides.instance-cpu: datapointsToAlarm = 9: allowed: a whole number from 1 to evaluationPeriods (3)"],
            [{ alarmOverrides: { "onprem-unhealthy-hosts": { threshold: 2 } } }, "alarmOverrides.onprem-unhealthy-hosts: is not an alarm of these args"],
        ];
        for (const [bad, expected] of cases) {
            const problems = observabilityArgsProblems("obs", args(bad));
            expect(problems.join("\n"), expected).to.contain(expected);
            for (const p of problems) expect(p, p).to.match(/allowed: .+$/);
        }
    });

    it("subscription children keep their names when others are added or removed, and lookalikes differ", () => {
        expect(endpointRole("oncall@kgsports.example")).to.match(/^oncall-at-kgsports-example-[0-9a-f]{6}$/);
        expect(endpointRole("a.b@kgsports.example")).to.not.equal(endpointRole("a-b@kgsports.example"));
        expect(endpointRole("+821012345678")).to.match(/^821012345678-[0-9a-f]{6}$/);
    });
});

describe("Observability alarm factories", () => {
    it("decides one alarm per watched thing, and only for what is given", () => {
        const roles = (t: Parameters<typeof decideAlarms>[0]) => decideAlarms(t).map((s) => s.role);
        expect(roles(TARGETS)).to.deep.equal(["alb-5xx-rate", "cloud-target-5xx-rate", "p99-latency", "cloud-unhealthy-hosts", "in-service-below-desired", "fleet-near-max", "instance-cpu", "match-floor-left-behind"]);
        expect(roles({ ...TARGETS, onPremiseTargetGroupArnSuffix: "targetgroup/onprem/1" })).to.include.members(["onprem-target-5xx-rate", "onprem-unhealthy-hosts"]);
        // A VPN without tunnel addresses: only the both-down alarm; one address: one tunnel alarm.
        expect(roles({ ...TARGETS, vpnConnectionId: "vpn-1" }).filter((r) => r.startsWith("vpn"))).to.deep.equal(["vpn-tunnels-down"]);
        expect(roles({ ...TARGETS, vpnConnectionId: "vpn-1", tunnelAddresses: ["3.35.10.20"] }).filter((r) => r.startsWith("vpn"))).to.deep.equal(["vpn-tunnel-1-down", "vpn-tunnels-down"]);
        expect(roles({ ...TARGETS, backupVaultName: "vault" })).to.include("backup-job-failed");
        // The rule: the page only for what hurts viewers now; the data centre's and the
        // link's state (which can last hours) on its own warning composite.
        const ROUTE: Record<string, string> = {
            "alb-5xx-rate": "page", "cloud-target-5xx-rate": "page", "onprem-target-5xx-rate": "page", "p99-latency": "page",
            "cloud-unhealthy-hosts": "page", "in-service-below-desired": "page", "traffic-below-expected": "page", "front-door-probe": "page",
            "onprem-unhealthy-hosts": "onpremise", "vpn-tunnels-down": "onpremise",
            "vpn-tunnel-1-down": "warning", "vpn-tunnel-2-down": "warning", "fleet-near-max": "warning", "instance-cpu": "warning",
            "match-floor-left-behind": "warning", "backup-job-failed": "warning",
        };
        const all = decideAlarms({
            ...TARGETS, onPremiseTargetGroupArnSuffix: "tg", vpnConnectionId: "vpn-1", tunnelAddresses: ["1.1.1.1", "2.2.2.2"], backupVaultName: "v",
            trafficWindows: [{ start: "2027-05-29T19:00:00Z", end: "2027-05-29T20:50:00Z", minRequestsPerMinute: 105000 }], canaryName: "kgsports-matchday-front-door",
        });
        expect(all.map((s) => s.role).sort()).to.deep.equal(Object.keys(ROUTE).sort());
        for (const spec of all) {
            expect(alarmSpecProblems(spec), spec.role).to.deep.equal([]);
            expect(spec.missingDataReason.length, spec.role).to.be.greaterThan(20);
            expect(spec.route, spec.role).to.equal(ROUTE[spec.role]);
        }
        expect(roles({ ...TARGETS, trafficWindows: [] })).to.not.include("traffic-below-expected");
        expect(alarmSpecProblems(deployInProgressAlarm(deploySignal("kgsports-dev")))).to.deep.equal([]);
    });

    it("a match floor left behind: 5-minute periods within a day, hourly beyond, never past CloudWatch's 7 days", () => {
        expect(windowOf(325)).to.deep.equal({ period: 300, evaluationPeriods: 65 });
        expect(windowOf(1440)).to.deep.equal({ period: 300, evaluationPeriods: 288 });
        expect(windowOf(1441)).to.deep.equal({ period: 3600, evaluationPeriods: 25 });
        expect(windowOf(10080)).to.deep.equal({ period: 3600, evaluationPeriods: 168 });
        expect(windowOf(10081)).to.equal(undefined);
        const long = matchFloorLeftBehindAlarm("web-asg", { baselineMinSize: 6, longestWindowMinutes: 1500 }, { floorMarginMinutes: 60 });
        expect(long.source).to.include({ period: 3600, metricName: "GroupMinSize", statistic: "Minimum" });
        expect(long.evaluationPeriods).to.equal(26);
        expect(alarmSpecProblems(long)).to.deep.equal([]);
        // 1 day of 5-minute periods is the limit; one period more is refused.
        expect(alarmSpecProblems({ ...long, source: { ...long.source, period: 300 }, evaluationPeriods: 289, datapointsToAlarm: 289 })).to.have.length(1);
        expect(() => matchFloorLeftBehindAlarm("g", { baselineMinSize: 1, longestWindowMinutes: 10080 }, { floorMarginMinutes: 1 })).to.throw(RangeError);
    });

    it("near the maximum is a share of maxSize", () => {
        expect(nearMaxThreshold(240, 90)).to.equal(216);
        expect(nearMaxThreshold(7, 90)).to.equal(6.3);
    });

    it("overrides change one alarm at a time; a period override moves every metric of a math alarm", () => {
        const specs = decideAlarms(TARGETS);
        const out = applyAlarmOverrides(specs, { "alb-5xx-rate": { period: 120, evaluationPeriods: 2 }, "p99-latency": { threshold: 0.8, treatMissingData: "missing" } });
        const lb = out.find((s) => s.role === "alb-5xx-rate")!;
        expect(lb.source.period).to.equal(120);
        expect((lb.source as MathSource).queries.filter((q) => q.metric).map((q) => q.metric!.period)).to.deep.equal([120, 120]);
        expect(lb).to.include({ evaluationPeriods: 2, datapointsToAlarm: 2 });
        const p99 = out.find((s) => s.role === "p99-latency")!;
        expect(p99).to.include({ threshold: 0.8, treatMissingData: "missing" });
        expect(p99.missingDataReason).to.match(/^overridden by the stack \(default notBreaching/);
        for (const [a, b] of specs.map((s, i) => [s, out[i]])) {
            if (a.role !== "alb-5xx-rate" && a.role !== "p99-latency") expect(b, a.role).to.deep.equal(a);
        }
    });

    it("descriptions say what, why, where it goes and the first look, within 1024 characters", () => {
        for (const spec of decideAlarms({ ...TARGETS, onPremiseTargetGroupArnSuffix: "tg", vpnConnectionId: "v", tunnelAddresses: ["1.1.1.1"], backupVaultName: "b" })) {
            const d = alarmDescription(spec, "kgsports-matchday");
            expect(d.length, spec.role).to.be.at.most(1024);
            expect(d, spec.role).to.contain("First look:").and.not.contain("<prefix>");
            expect(d, spec.role).to.contain(
                { page: "Feeds the matchday-degraded page.", onpremise: "Feeds the onpremise-degraded warning (never the page).", warning: "Warning topic.", none: "No actions." }[spec.route],
            );
        }
    });
});

describe("Observability composite rules", () => {
    it("parses the alarm names of a rule, quoted or not", () => {
        expect(alarmNamesInRule('ALARM("a-1") OR (OK(b_2) AND INSUFFICIENT_DATA("c d")) OR NOT ALARM( "e" )')).to.deep.equal(["a-1", "b_2", "c d", "e"]);
        expect(alarmNamesInRule(anyInAlarmRule(["x", "y"]))).to.deep.equal(["x", "y"]);
    });

    it("builds ORs of ALARM terms, within CloudWatch's limits", () => {
        expect(anyInAlarmRule(["a", "b"])).to.equal('ALARM("a") OR ALARM("b")');
        expect(() => anyInAlarmRule([])).to.throw(/at least one/);
        expect(() => anyInAlarmRule(Array.from({ length: 101 }, (_, i) => `a${i}`))).to.throw(/at most 100/);
        expect(() => anyInAlarmRule(['bad"name'])).to.throw(/cannot appear/);
    });
});

describe("Observability dashboard body", () => {
    const input = {
        region: "ap-northeast-2",
        namePrefix: "kgsports-dev",
        loadBalancer: TARGETS.loadBalancerArnSuffix,
        cloudTargetGroup: TARGETS.cloudTargetGroupArnSuffix,
        onPremiseTargetGroup: "targetgroup/onprem/1",
        groupName: "web-asg",
        maxSize: 240,
        agentNamespace: "KGSports/Web",
        thresholds: DEFAULT_ALARM_THRESHOLDS,
        annotations: [],
        alarmArns: ["arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:kgsports-dev-matchday-degraded"],
        compositeAlarmName: "kgsports-dev-matchday-degraded",
    };

    it("math rows keep ids unique per widget and every expression refers to ids of its widget", () => {
        const { widgets } = JSON.parse(dashboardBody(input)) as { widgets: { properties: { metrics?: unknown[][] } }[] };
        for (const w of widgets) {
            const rows = w.properties.metrics ?? [];
            const ids = rows.map((r) => (r[r.length - 1] as { id?: string }).id).filter((id): id is string => id !== undefined);
            expect(new Set(ids).size, JSON.stringify(ids)).to.equal(ids.length);
            for (const r of rows) {
                const expression = (r[0] as { expression?: string }).expression;
                if (expression === undefined) continue;
                const used = expression.match(/\b[a-z][A-Za-z0-9_]*\b/g)!.filter((t) => !["IF", "FILL"].includes(t));
                for (const id of used) expect(ids, `${expression}: ${id}`).to.include(id);
            }
        }
    });

    it("the error rates on the dashboard are the alarms' expressions", () => {
        const text = dashboardBody(input);
        expect(text).to.contain("IF((FILL(lbrequests, 0) + FILL(lberrors, 0)) >= 20, 100 * FILL(lberrors, 0) / (FILL(lbrequests, 0) + FILL(lberrors, 0)), 0)");
        expect(text).to.contain("IF(FILL(tg1requests, 0) >= 20, 100 * FILL(tg1errors, 0) / FILL(tg1requests, 1), 0)");
    });
});

describe("Observability agent configuration", () => {
    it("fits a Standard parameter with the defaults, names streams per instance and file", () => {
        const json = cloudWatchAgentConfigJson({ namespace: "KGSports/Web", appLogGroup: "p-web-app", systemLogGroup: "p-web-system", appLogFiles: DEFAULT_APP_LOG_FILES, systemLogFiles: DEFAULT_SYSTEM_LOG_FILES });
        expect(Buffer.byteLength(json)).to.be.at.most(4096);
        const config = JSON.parse(json);
        expect(config.logs.logs_collected.files.collect_list.map((f: { log_stream_name: string }) => f.log_stream_name)).to.deep.equal(["{instance_id}/web.log", "{instance_id}/messages", "{instance_id}/cloud-init-output.log"]);
        expect(config.metrics.metrics_collected.mem.measurement).to.deep.equal(["mem_used_percent"]);
        expect(config.metrics.metrics_collected.disk.resources).to.deep.equal(["/"]);
        expect(config.metrics.aggregation_dimensions).to.deep.equal([["AutoScalingGroupName"]]);
    });
});

describe("Observability access log writers", () => {
    it("regions before August 2022 use their ELB account; later ones the service principal", () => {
        expect(logDeliveryWriter("ap-northeast-2")).to.deep.equal({ kind: "elb-account", accountId: "600734575887" });
        expect(logDeliveryWriter("ap-northeast-1")).to.deep.equal({ kind: "elb-account", accountId: "582318560864" });
        expect(logDeliveryWriter("us-east-1")).to.deep.equal({ kind: "elb-account", accountId: "127311923021" });
        expect(logDeliveryWriter("eu-west-1")).to.deep.equal({ kind: "elb-account", accountId: "156460612806" });
        for (const later of ["ap-south-2", "eu-central-2", "eu-south-2", "me-central-1", "il-central-1", "ca-west-1"]) {
            expect(logDeliveryWriter(later), later).to.deep.equal({ kind: "service-principal", service: "logdelivery.elasticloadbalancing.amazonaws.com" });
        }
    });
});
