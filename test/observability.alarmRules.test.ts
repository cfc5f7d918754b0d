/**
 * The alarm factories against CloudWatch's rules and the requirements: the limits
 * of PutMetricAlarm (periods, ranges, 10 metrics and 10 expressions, 2 048 characters an
 * expression), match windows written as metric math and evaluated in the model, and the
 * texts a person reads when paged.
 */
import { expect } from "chai";
import {
    AlarmSpec,
    alarmDescription,
    alarmOverrideProblems,
    alarmSpecProblems,
    applyAlarmOverrides,
    decideAlarms,
    DEFAULT_ALARM_THRESHOLDS,
    deployInProgressAlarm,
    deployOverrunInWindowAlarm,
    deploySignal,
    epochSeconds,
    instanceCpuAlarm,
    MathSource,
    trafficBelowExpectedAlarm,
    windowSumExpressions,
} from "@kgsports/observability";
import { evaluate, evaluateQueries, minuteGrid, parseExpression, QueryLike, seriesOf } from "./helpers/metricMathModel";
import { EVERY_ALARM_TARGET } from "./helpers/alarmTargets";

const TARGETS = EVERY_ALARM_TARGET;
const SIGNAL = deploySignal("kgsports-matchday");
const WINDOW = { start: "2027-05-29T17:50:00Z", end: "2027-05-29T22:15:00Z" };

/** 60 matchdays of two fixtures: more than one expression holds. */
function manyWindows(count: number) {
    return Array.from({ length: count }, (_, i) => {
        const start = Date.parse("2027-01-01T19:00:00Z") + i * 86_400_000;
        return { start: new Date(start).toISOString(), end: new Date(start + 110 * 60_000).toISOString(), value: 1000 + i };
    });
}

function every(): AlarmSpec[] {
    return [...decideAlarms(TARGETS), deployInProgressAlarm(SIGNAL), deployOverrunInWindowAlarm(SIGNAL, "web-asg", [WINDOW], 5)];
}

describe("Alarm factories: CloudWatch's limits", () => {
    it("every alarm is within PutMetricAlarm's rules", () => {
        for (const spec of every()) expect(alarmSpecProblems(spec), spec.role).to.deep.equal([]);
    });

    it("periods: 10, 20, 30 or a multiple of 60; whole evaluation periods; datapoints within them; a finite threshold; a known missing-data rule", () => {
        const base = deployInProgressAlarm(SIGNAL);
        const withPeriod = (period: number) => alarmSpecProblems({ ...base, source: { ...base.source, period } });
        for (const ok of [10, 20, 30, 60, 120, 3600]) expect(withPeriod(ok), String(ok)).to.deep.equal([]);
        for (const bad of [0, 15, 45, 90, 61.5, -60]) expect(withPeriod(bad), String(bad)).to.have.length.at.least(1);
        expect(alarmSpecProblems({ ...base, evaluationPeriods: 0, datapointsToAlarm: 0 })).to.have.length(2);
        expect(alarmSpecProblems({ ...base, evaluationPeriods: 1.5 })[0]).to.match(/^evaluationPeriods = 1.5: allowed/);
        expect(alarmSpecProblems({ ...base, evaluationPeriods: 3, datapointsToAlarm: 4 })[0]).to.match(/^datapointsToAlarm = 4: allowed: a whole number from 1 to evaluationPeriods \(3\)$/);
        expect(alarmSpecProblems({ ...base, evaluationPeriods: 3, datapointsToAlarm: 3 })).to.deep.equal([]);
        expect(alarmSpecProblems({ ...base, evaluationPeriods: 3, datapointsToAlarm: 2.5 })).to.have.length(1);
        expect(alarmSpecProblems({ ...base, threshold: Number.NaN })[0]).to.match(/^threshold = NaN/);
        expect(alarmSpecProblems({ ...base, threshold: Infinity })).to.have.length(1);
        expect(alarmSpecProblems({ ...base, treatMissingData: "zero" as never })[0]).to.match(/^treatMissingData = "zero"/);
        for (const t of ["breaching", "notBreaching", "missing", "ignore"] as const) expect(alarmSpecProblems({ ...base, treatMissingData: t })).to.deep.equal([]);
    });

    it("the evaluation range: a day under one-hour periods, seven days from one hour", () => {
        const base = deployInProgressAlarm(SIGNAL);
        const range = (period: number, evaluationPeriods: number) => alarmSpecProblems({ ...base, source: { ...base.source, period }, evaluationPeriods, datapointsToAlarm: 1 });
        expect(range(60, 1440)).to.deep.equal([]);
        expect(range(60, 1441)[0]).to.match(/86400 s \(1 day\(s\)\) for periods under an hour/);
        expect(range(1800, 48)).to.deep.equal([]);
        expect(range(1800, 49)).to.have.length(1);
        expect(range(3600, 168)).to.deep.equal([]);
        expect(range(3600, 169)[0]).to.match(/604800 s \(7 day\(s\)\) for periods of an hour or more/);
    });

    it("metric math: exactly one returned series; at most 10 metrics and 10 expressions; ids CloudWatch accepts; expressions of at most 2 048 characters", () => {
        const math = deployOverrunInWindowAlarm(SIGNAL, "web-asg", [WINDOW], 5);
        const src = math.source as MathSource;
        const withQueries = (queries: MathSource["queries"]) => alarmSpecProblems({ ...math, source: { ...src, queries } });
        expect(withQueries(src.queries.map((q) => ({ ...q, returnData: false })))[0]).to.match(/returns 0 series/);
        expect(withQueries(src.queries.map((q) => ({ ...q, returnData: true })))[0]).to.match(/returns \d+ series/);
        const metric = src.queries.find((q) => q.metric)!;
        const expr = src.queries.find((q) => q.expression)!;
        const ids = (q: MathSource["queries"][number], i: number) => ({ ...q, id: `${q.id}x${i}`, returnData: false });
        expect(withQueries([...src.queries, ...Array.from({ length: 8 }, (_, i) => ids(metric, i))])).to.deep.equal([]);
        expect(withQueries([...src.queries, ...Array.from({ length: 9 }, (_, i) => ids(metric, i))])[0]).to.match(/retrieves 11 metrics; allowed: at most 10/);
        const expressions = src.queries.filter((q) => q.expression).length;
        expect(withQueries([...src.queries, ...Array.from({ length: 10 - expressions }, (_, i) => ids(expr, i))])).to.deep.equal([]);
        expect(withQueries([...src.queries, ...Array.from({ length: 11 - expressions }, (_, i) => ids(expr, i))])[0]).to.match(/has 11 expressions; allowed: at most 10/);
        for (const bad of ["Rate", "1x", "a-b", ""]) expect(withQueries([...src.queries, { ...ids(expr, 0), id: bad }]), bad).to.have.length(1);
        for (const good of ["a", "aB_9"]) expect(withQueries([...src.queries, { ...ids(expr, 0), id: good }]), good).to.deep.equal([]);
        expect(withQueries([...src.queries, { ...ids(expr, 0), expression: "x".repeat(2048) }])).to.deep.equal([]);
        expect(withQueries([...src.queries, { ...ids(expr, 0), id: "long", expression: "x".repeat(2049) }])[0]).to.match(/^query long: the expression is 2049 characters; allowed: at most 2048$/);
    });

    it("overrides act per alarm and are checked against the same rules", () => {
        const specs = decideAlarms(TARGETS);
        expect(alarmOverrideProblems(specs, { "traffic-below-expected": { evaluationPeriods: 10 } })).to.deep.equal([]);
        expect(alarmOverrideProblems(specs, { "traffic-below-expected": { period: 45 } })[0]).to.match(/^alarmOverrides\.traffic-below-expected: period = 45/);
        expect(alarmOverrideProblems(specs, { "no-such-alarm": { threshold: 1 } })[0]).to.match(/^alarmOverrides\.no-such-alarm: is not an alarm of these args; allowed: alb-5xx-rate, /);
        const [traffic] = applyAlarmOverrides(specs, { "traffic-below-expected": { period: 120 } }).filter((s) => s.role === "traffic-below-expected");
        for (const q of (traffic.source as MathSource).queries) if (q.metric) expect(q.metric.period, q.id).to.equal(120);
        const [probe] = applyAlarmOverrides(specs, { "front-door-probe": { treatMissingData: "notBreaching" } }).filter((s) => s.role === "front-door-probe");
        expect(probe.missingDataReason).to.match(/^overridden by the stack \(default breaching: /);
        const same = applyAlarmOverrides(specs, { "front-door-probe": { treatMissingData: "breaching" } }).find((s) => s.role === "front-door-probe")!;
        expect(same.missingDataReason).to.not.match(/overridden/);
    });

    it("instance CPU in 5-minute datapoints: the minutes become whole periods, at least one", () => {
        expect(instanceCpuAlarm("g", { cpuPercent: 80, cpuMinutes: 15 }).evaluationPeriods).to.equal(3);
        expect(instanceCpuAlarm("g", { cpuPercent: 80, cpuMinutes: 2 }).evaluationPeriods).to.equal(1);
        expect(instanceCpuAlarm("g", { cpuPercent: 80, cpuMinutes: 5 }).datapointsToAlarm).to.equal(1);
    });
});

describe("Alarm factories: match windows in metric math", () => {
    it("epoch seconds of an instant with its offset", () => {
        expect(epochSeconds("1970-01-01T00:01:00Z")).to.equal(60);
        expect(epochSeconds("2027-05-29T21:00:00+02:00")).to.equal(epochSeconds("2027-05-29T19:00:00Z"));
        expect(epochSeconds("1970-01-01T00:00:01.900Z")).to.equal(1);
    });

    it("many windows are split into expressions of at most 2 048 characters whose sum is each window's value inside it and 0 outside", () => {
        const windows = manyWindows(60);
        const parts = windowSumExpressions(windows, "t");
        expect(parts.length).to.be.at.least(2);
        for (const p of parts) expect(p.length).to.be.at.most(2048);
        // Every window is in exactly one part, in order.
        expect(parts.join(" + ").split("IF(").length - 1).to.equal(60);
        const sumAt = (iso: string) => {
            const t = epochSeconds(iso);
            const ids = { t: new Map([[t, t]]) };
            return parts.reduce((acc, p) => acc + ((evaluate(parseExpression(p), { grid: [t], ids }) as Map<number, number>).get(t) ?? Number.NaN), 0);
        };
        for (const [i, w] of windows.entries()) {
            expect(sumAt(w.start), `${i} start`).to.equal(w.value);
            expect(sumAt(new Date(Date.parse(w.end) - 60_000).toISOString()), `${i} last minute`).to.equal(w.value);
            expect(sumAt(w.end), `${i} end`).to.equal(0);
            expect(sumAt(new Date(Date.parse(w.start) - 60_000).toISOString()), `${i} before`).to.equal(0);
        }
        expect(windowSumExpressions([], "t")).to.deep.equal(["0"]);
        expect(windowSumExpressions(windows.slice(0, 2), "t")).to.have.length(1);
    });

    it("overlapping windows add up: two fixtures at once expect both audiences", () => {
        const spec = trafficBelowExpectedAlarm("lb", "g", [
            { start: "2027-04-06T19:00:00Z", end: "2027-04-06T20:50:00Z", minRequestsPerMinute: 40_000 },
            { start: "2027-04-06T19:30:00Z", end: "2027-04-06T21:20:00Z", minRequestsPerMinute: 30_000 },
        ], DEFAULT_ALARM_THRESHOLDS);
        const grid = minuteGrid("2027-04-06T18:55:00Z", 150);
        const silent = (requests: number) => evaluateQueries((spec.source as MathSource).queries as QueryLike[], { GroupInServiceInstances: seriesOf(grid, () => 50), RequestCount: seriesOf(grid, () => requests) }, grid);
        const at = (iso: string) => epochSeconds(iso);
        // Both on at 19:45: 20 % of 70 000 = 14 000.
        expect(silent(13_900).get(at("2027-04-06T19:45:00Z"))).to.equal(1);
        expect(silent(14_100).get(at("2027-04-06T19:45:00Z"))).to.equal(0);
        // The first alone at 19:10: 20 % of 40 000 = 8 000.
        expect(silent(7_900).get(at("2027-04-06T19:10:00Z"))).to.equal(1);
        expect(silent(8_100).get(at("2027-04-06T19:10:00Z"))).to.equal(0);
    });

    it("with many windows the traffic alarm sums its parts and stays within CloudWatch's limits", () => {
        const windows = manyWindows(60).map((w) => ({ start: w.start, end: w.end, minRequestsPerMinute: w.value }));
        const spec = trafficBelowExpectedAlarm("lb", "g", windows, DEFAULT_ALARM_THRESHOLDS);
        expect(alarmSpecProblems(spec)).to.deep.equal([]);
        const queries = (spec.source as MathSource).queries;
        expect(queries.find((q) => q.id === "expected")!.expression).to.match(/^expected1 \+ expected2( \+ expected\d+)*$/);
        const grid = minuteGrid(windows[59].start, 3);
        const silent = evaluateQueries(queries as QueryLike[], { GroupInServiceInstances: seriesOf(grid, () => 1), RequestCount: seriesOf(grid, () => 0.19 * 1059) }, grid);
        expect([...silent.values()]).to.deep.equal([1, 1, 1]);
        const deploy = deployOverrunInWindowAlarm(SIGNAL, "g", windows, 5);
        expect(alarmSpecProblems(deploy)).to.deep.equal([]);
    });

    it("an alarm that outgrows CloudWatch's limits from its args is refused without any override: a season of 400 windows", () => {
        // PutMetricAlarm: at most 10 expressions of at most 2 048 characters each.
        const windows = manyWindows(400).map((w) => ({ start: w.start, end: w.end, minRequestsPerMinute: w.value }));
        const problems = alarmOverrideProblems(decideAlarms({ ...TARGETS, trafficWindows: windows }), {});
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^alarm traffic-below-expected: metric math has \d+ expressions; allowed: at most 10$/);
        expect(alarmOverrideProblems(decideAlarms(TARGETS), {})).to.deep.equal([]);
    });

    it("the traffic floor pages on the stated share and minutes; the deploy overrun after the stated mute", () => {
        const t = trafficBelowExpectedAlarm("lb", "g", TARGETS.trafficWindows, { trafficFloorPercent: 35, trafficFloorMinutes: 7 });
        expect(t).to.include({ evaluationPeriods: 7, datapointsToAlarm: 7, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", route: "page" });
        expect((t.source as MathSource).queries.find((q) => q.returnData)!.expression).to.contain("< 0.35 * expected");
        const d = deployOverrunInWindowAlarm(SIGNAL, "g", [WINDOW], 4);
        expect(d).to.include({ evaluationPeriods: 4, datapointsToAlarm: 4, threshold: 1, comparisonOperator: "GreaterThanOrEqualToThreshold", route: "none", treatMissingData: "breaching" });
    });
});

describe("Alarm factories: what the person paged reads", () => {
    it("every alarm has a title, a why, a first look and a missing-data reason worth reading, and query labels", () => {
        for (const spec of every()) {
            expect(spec.title.length, `${spec.role} title`).to.be.at.least(10);
            for (const [field, text] of [["why", spec.why], ["firstLook", spec.firstLook], ["missingDataReason", spec.missingDataReason]] as const) {
                expect(text.length, `${spec.role} ${field}`).to.be.at.least(30);
            }
            expect(spec.why, spec.role).to.match(/[.)]$/);
            if (spec.source.kind === "math") for (const q of spec.source.queries) expect(q.label.length, `${spec.role}.${q.id}`).to.be.at.least(3);
            const d = alarmDescription(spec, "kgsports-matchday");
            expect(d, spec.role).to.contain(spec.title).and.contain(spec.why).and.contain(`Missing data: ${spec.treatMissingData} (${spec.missingDataReason}).`);
        }
    });

    it("a description longer than CloudWatch's 1 024 characters is cut with an ellipsis", () => {
        const spec = { ...deployInProgressAlarm(SIGNAL), why: "w".repeat(2000) };
        const d = alarmDescription(spec, "p");
        expect(d).to.have.length(1024);
        expect(d.endsWith("...")).to.equal(true);
        expect(alarmDescription(deployInProgressAlarm(SIGNAL), "p").endsWith("No actions.")).to.equal(true);
    });

    it("the deploy signal: the pipeline's heartbeat by Stack, custom namespace and metric kept", () => {
        expect(deploySignal("p")).to.deep.equal({ namespace: "KGSports/Deploy", metricName: "InProgress", dimensions: { Stack: "p" } });
        expect(deploySignal("p", "X/Y", "Z")).to.deep.equal({ namespace: "X/Y", metricName: "Z", dimensions: { Stack: "p" } });
    });

    it("the unhealthy-hosts texts say whose servers and where to look", () => {
        const [cloud, onprem] = ["cloud-unhealthy-hosts", "onprem-unhealthy-hosts"].map((r) => decideAlarms(TARGETS).find((s) => s.role === r)!);
        expect(cloud.why).to.match(/^Instances keep failing/);
        expect(onprem.why).to.match(/^On-premise servers keep failing/);
        expect(cloud.firstLook).to.match(/activity history/);
        expect(onprem.firstLook).to.match(/HybridLink/);
        expect(cloud.title).to.equal("Unhealthy hosts (cloud)");
        expect(decideAlarms(TARGETS).filter((s) => s.role.startsWith("vpn-tunnel-")).map((s) => s.title)).to.deep.equal(["VPN tunnel 1 down", "VPN tunnel 2 down"]);
    });
});

describe("Alarm factories: each alarm breaches when the requirement says (defaults)", () => {
    // [comparison, threshold, evaluation periods, missing data, kind, datapoints (default:
    // the evaluation periods)] from the README's alarm table, AWS's recommended ASG alarm and
    // the issues.
    const REQUIRED: Record<string, [string, number, number, string, "metric" | "math", number?]> = {
        "alb-5xx-rate": ["GreaterThanThreshold", 2, 3, "notBreaching", "math"],
        "cloud-target-5xx-rate": ["GreaterThanThreshold", 2, 3, "notBreaching", "math"],
        "onprem-target-5xx-rate": ["GreaterThanThreshold", 2, 3, "notBreaching", "math"],
        "p99-latency": ["GreaterThanThreshold", 2, 3, "notBreaching", "metric"],
        "cloud-unhealthy-hosts": ["GreaterThanOrEqualToThreshold", 1, 5, "notBreaching", "metric"],
        "onprem-unhealthy-hosts": ["GreaterThanOrEqualToThreshold", 1, 5, "notBreaching", "metric"],
        "in-service-below-desired": ["GreaterThanThreshold", 0, 15, "breaching", "math"],
        "fleet-near-max": ["GreaterThanOrEqualToThreshold", 216, 5, "notBreaching", "metric"],
        "instance-cpu": ["GreaterThanThreshold", 80, 3, "notBreaching", "metric"],
        "match-floor-left-behind": ["GreaterThanThreshold", 6, 65, "notBreaching", "metric"],
        "vpn-tunnel-1-down": ["LessThanThreshold", 1, 5, "missing", "metric"],
        "vpn-tunnel-2-down": ["LessThanThreshold", 1, 5, "missing", "metric"],
        "vpn-tunnels-down": ["LessThanThreshold", 0.5, 3, "missing", "metric"],
        "backup-job-failed": ["GreaterThanOrEqualToThreshold", 1, 1, "notBreaching", "metric"],
        "traffic-below-expected": ["GreaterThanOrEqualToThreshold", 1, 5, "breaching", "math"],
        "front-door-probe": ["LessThanThreshold", 50, 3, "breaching", "metric"],
        "deploy-in-progress": ["GreaterThanOrEqualToThreshold", 1, 1, "notBreaching", "metric"],
        "deploy-overrun-in-window": ["GreaterThanOrEqualToThreshold", 1, 5, "breaching", "math"],
        // The user store: 3 of 5 minutes; warm throughput 30 000 reads / 8 000 writes a second.
        "user-store-read-throttles": ["GreaterThanThreshold", 0, 5, "notBreaching", "metric", 3],
        "user-store-write-throttles": ["GreaterThanThreshold", 0, 5, "notBreaching", "metric", 3],
        "user-store-system-errors": ["GreaterThanThreshold", 0, 5, "notBreaching", "math", 3],
        "user-store-get-latency": ["GreaterThanThreshold", 50, 5, "notBreaching", "metric", 3],
        "user-store-read-capacity": ["GreaterThanThreshold", 24_000, 5, "notBreaching", "math", 3],
        "user-store-write-capacity": ["GreaterThanThreshold", 6_400, 5, "notBreaching", "math", 3],
        "user-store-endpoint-packets-dropped": ["GreaterThanThreshold", 0, 5, "notBreaching", "metric", 3],
    };

    it("comparison, threshold, datapoints, missing data and kind", () => {
        const specs = every();
        expect(specs.map((s) => s.role).sort()).to.deep.equal(Object.keys(REQUIRED).sort());
        for (const spec of specs) {
            const [comparison, threshold, periods, missing, kind, datapoints] = REQUIRED[spec.role];
            expect([spec.comparisonOperator, spec.threshold, spec.evaluationPeriods, spec.datapointsToAlarm, spec.treatMissingData, spec.source.kind], spec.role)
                .to.deep.equal([comparison, threshold, periods, datapoints ?? periods, missing, kind]);
        }
    });

    /** The returned value of a math alarm at one minute, from metric values by metric name (undefined: no datapoint). */
    function valueOf(role: string, metrics: Record<string, number | undefined>): number | undefined {
        const spec = every().find((s) => s.role === role)!;
        const grid = minuteGrid("2027-05-29T19:30:00Z", 1);
        const data = Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, seriesOf(grid, () => v)]));
        return evaluateQueries((spec.source as MathSource).queries as QueryLike[], data, grid).get(grid[0]);
    }

    it("the 5xx rates: errors per request in percent, 0 below the minimum requests; the load balancer's own 503s count as requests", () => {
        expect(valueOf("alb-5xx-rate", { HTTPCode_ELB_5XX_Count: 30, RequestCount: 970 })).to.equal(3);
        expect(valueOf("alb-5xx-rate", { HTTPCode_ELB_5XX_Count: 500, RequestCount: undefined })).to.equal(100);
        expect(valueOf("alb-5xx-rate", { HTTPCode_ELB_5XX_Count: 5, RequestCount: 10 })).to.equal(0);
        expect(valueOf("alb-5xx-rate", { HTTPCode_ELB_5XX_Count: undefined, RequestCount: 1000 })).to.equal(0);
        expect(valueOf("cloud-target-5xx-rate", { HTTPCode_Target_5XX_Count: 3, RequestCount: 100 })).to.equal(3);
        expect(valueOf("onprem-target-5xx-rate", { HTTPCode_Target_5XX_Count: 3, RequestCount: 19 })).to.equal(0);
        expect(valueOf("cloud-target-5xx-rate", { HTTPCode_Target_5XX_Count: undefined, RequestCount: 100 })).to.equal(0);
    });

    it("in service below desired: desired at its lowest minus in service at its highest; no data stays missing (breaching)", () => {
        expect(valueOf("in-service-below-desired", { GroupDesiredCapacity: 10, GroupInServiceInstances: 7 })).to.equal(3);
        expect(valueOf("in-service-below-desired", { GroupDesiredCapacity: 10, GroupInServiceInstances: undefined })).to.equal(undefined);
        const queries = (every().find((s) => s.role === "in-service-below-desired")!.source as MathSource).queries;
        expect(queries.filter((q) => q.metric).map((q) => [q.metric!.metricName, q.metric!.stat])).to.deep.equal([["GroupDesiredCapacity", "Minimum"], ["GroupInServiceInstances", "Maximum"]]);
    });

    it("the deploy overrun: 1 only while a deploy heartbeats inside a window", () => {
        const at = (iso: string, beat: number | undefined) => {
            const spec = every().find((s) => s.role === "deploy-overrun-in-window")!;
            const grid = minuteGrid(iso, 1);
            return evaluateQueries((spec.source as MathSource).queries as QueryLike[], { GroupInServiceInstances: seriesOf(grid, () => 3), InProgress: seriesOf(grid, () => beat) }, grid).get(grid[0]);
        };
        expect(at("2027-05-29T18:00:00Z", 1)).to.equal(1);
        expect(at("2027-05-29T18:00:00Z", undefined)).to.equal(0);
        expect(at("2027-05-29T17:00:00Z", 1)).to.equal(0);
        expect(at("2027-05-29T22:15:00Z", 1)).to.equal(0);
    });
});
