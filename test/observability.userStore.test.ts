/**
 * The user store (issue 23) seen and warned about: the UserStore's DynamoDB table and its
 * interface endpoint get warning alarms only (never the page), with their metrics, N of M
 * windows and missing-data rules; the dashboard gets a row; nothing changes without it.
 */
import { expect } from "chai";
import {
    AlarmSpec,
    alarmOverrideProblems,
    applyAlarmOverrides,
    dashboardBody,
    DashboardInput,
    decideAlarms,
    DEFAULT_ALARM_THRESHOLDS,
    MathSource,
    Observability,
    ObservabilityArgs,
    observabilityArgsProblems,
    SingleMetricSource,
    USER_STORE_OPERATIONS,
    userStoreAlarms,
} from "@kgsports/observability";
import { alarmArnPattern } from "@kgsports/access-control/pure";
import { declare, named, ofType, one } from "./helpers/declare";
import { EVERY_ALARM_TARGET } from "./helpers/alarmTargets";
import { unpublishedReason } from "./helpers/cloudwatchMetricCatalogue";
import { alarmStates, alarmStatesAsEvaluated, evaluateQueries, FillOfNothing, minuteGrid, QueryLike, Series, seriesOf } from "./helpers/metricMathModel";
import type { MockRun } from "../stacks/plan/mockRuntime";

const PREFIX = "kgsports-matchday";
const ACCOUNT = "123456789012";
const TABLE = "kgsports-matchday-users";
const WARM = { readUnitsPerSecond: 30_000, writeUnitsPerSecond: 8_000 };
const ENDPOINT = { id: "vpce-0a1b2c3d4e5f60718", vpcId: "vpc-0123456789abcdef0", serviceName: "com.amazonaws.ap-northeast-2.dynamodb" };
const ROLES = [
    "user-store-read-throttles",
    "user-store-write-throttles",
    "user-store-system-errors",
    "user-store-get-latency",
    "user-store-read-capacity",
    "user-store-write-capacity",
    "user-store-endpoint-packets-dropped",
];

function baseArgs(overrides: Partial<ObservabilityArgs> = {}): ObservabilityArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: { arnSuffix: "app/web-alb/50dc6c495c0c9188", cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067" },
        autoScaling: { groupName: "web-asg", maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
        criticalEmails: ["oncall@kgsports.example"],
        warningEmails: ["platform@kgsports.example"],
        ...overrides,
    };
}

const STORE = { tableName: TABLE, warmThroughput: WARM, endpointId: ENDPOINT.id, endpointVpcId: ENDPOINT.vpcId, endpointServiceName: ENDPOINT.serviceName };
const storeSpecs = (thresholds = {}) => decideAlarms({ ...EVERY_ALARM_TARGET, userStore: { tableName: TABLE, warmThroughput: WARM, endpoint: ENDPOINT } }, thresholds).filter((s) => s.role.startsWith("user-store-"));
const spec = (role: string, specs = storeSpecs()) => specs.find((s) => s.role === role)!;

describe("User store alarms: the decisions", () => {
    it("seven alarms, all to the warning topic (never the page), each looking at 5 minutes and breaching in 3", () => {
        const specs = storeSpecs();
        expect(specs.map((s) => s.role)).to.deep.equal(ROLES);
        for (const s of specs) {
            expect(s.route, s.role).to.equal("warning");
            expect([s.evaluationPeriods, s.datapointsToAlarm, s.source.period], s.role).to.deep.equal([5, 3, 60]);
        }
        // Without an endpoint, no endpoint alarm; without a store, none at all.
        expect(userStoreAlarms({ tableName: TABLE, warmThroughput: WARM }, { ...DEFAULT_ALARM_THRESHOLDS }).map((s) => s.role)).to.deep.equal(ROLES.slice(0, 6));
        const { userStore: _, ...withoutStore } = EVERY_ALARM_TARGET;
        expect(decideAlarms(withoutStore).filter((s) => s.role.startsWith("user-store"))).to.deep.equal([]);
    });

    it("metrics CloudWatch publishes, with exactly the table's (and the endpoint's four) dimensions", () => {
        for (const s of storeSpecs()) {
            const metrics = s.source.kind === "metric" ? [s.source] : s.source.queries.filter((q) => q.metric).map((q) => q.metric!);
            for (const m of metrics) expect(unpublishedReason({ where: s.role, namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions }), s.role).to.equal(undefined);
        }
        const single = (role: string) => spec(role).source as SingleMetricSource;
        expect([single("user-store-read-throttles").metricName, single("user-store-read-throttles").statistic, single("user-store-read-throttles").dimensions]).to.deep.equal(["ReadThrottleEvents", "Sum", { TableName: TABLE }]);
        expect([single("user-store-write-throttles").metricName, single("user-store-write-throttles").dimensions]).to.deep.equal(["WriteThrottleEvents", { TableName: TABLE }]);
        const latency = single("user-store-get-latency");
        expect([latency.namespace, latency.metricName, latency.extendedStatistic, latency.statistic, latency.dimensions]).to.deep.equal(["AWS/DynamoDB", "SuccessfulRequestLatency", "p99", undefined, { TableName: TABLE, Operation: "GetItem" }]);
        expect(spec("user-store-get-latency").evaluateLowSampleCountPercentiles).to.equal("ignore");
        const endpoint = single("user-store-endpoint-packets-dropped");
        expect([endpoint.namespace, endpoint.metricName, endpoint.statistic]).to.deep.equal(["AWS/PrivateLinkEndpoints", "PacketsDropped", "Sum"]);
        expect(endpoint.dimensions).to.deep.equal({ "VPC Endpoint Id": ENDPOINT.id, "VPC Id": ENDPOINT.vpcId, "Endpoint Type": "Interface", "Service Name": ENDPOINT.serviceName });
        // An alarm on fewer of PrivateLink's dimensions watches a series that never exists.
        expect(unpublishedReason({ where: "x", namespace: "AWS/PrivateLinkEndpoints", metricName: "PacketsDropped", dimensions: { "VPC Endpoint Id": ENDPOINT.id } })).to.match(/not published/);
        expect(unpublishedReason({ where: "x", namespace: "AWS/DynamoDB", metricName: "SystemErrors", dimensions: { TableName: TABLE } })).to.match(/not published/);
    });

    it("system errors: every operation the clients call, by TableName and Operation, summed (no SEARCH: alarms cannot)", () => {
        const src = spec("user-store-system-errors").source as MathSource;
        const metrics = src.queries.filter((q) => q.metric);
        expect(metrics.map((q) => q.metric!.dimensions)).to.deep.equal(USER_STORE_OPERATIONS.map((Operation) => ({ TableName: TABLE, Operation })));
        expect(metrics.every((q) => q.metric!.metricName === "SystemErrors" && q.metric!.stat === "Sum" && !q.returnData)).to.equal(true);
        expect(USER_STORE_OPERATIONS).to.include.members(["GetItem", "PutItem", "UpdateItem", "Query", "BatchWriteItem"]).and.not.include("Scan");
        expect(metrics.length).to.be.at.most(10);
        const returned = src.queries.filter((q) => q.returnData);
        expect(returned).to.have.length(1);
        expect(returned[0].expression).to.match(/^SUM\(\[FILL\(e0, 0\), /);
        expect(JSON.stringify(src)).to.not.contain("SEARCH");
    });

    /** Minutes of the alarm as CloudWatch evaluates it, over 8 minutes, under both readings of FILL. */
    function states(role: string, data: Record<string, Series>, grid: number[], fill: FillOfNothing) {
        const s = spec(role);
        if (s.source.kind === "math") return alarmStatesAsEvaluated(s.source.queries as QueryLike[], data, grid, s, fill);
        return alarmStates(data[s.source.metricName] ?? new Map(), grid, s);
    }

    it("system errors: one operation's errors alarm although the others publish nothing, under both readings of FILL", () => {
        const grid = minuteGrid("2027-05-29T18:30:00Z", 8);
        // PutItem errors in minutes 2, 3 and 5; no other operation publishes anything.
        const put = USER_STORE_OPERATIONS.indexOf("PutItem");
        const data = { [`id:e${put}`]: seriesOf(grid, (m) => ([2, 3, 5].includes(m) ? 4 : undefined)) };
        for (const fill of ["zeros", "nothing"] as const) {
            const s = states("user-store-system-errors", data, grid, fill);
            expect(s[4], fill).to.equal("OK");
            expect(s[5], fill).to.equal("ALARM");
            // Nothing at all: OK, not blind (missing is not breaching).
            expect(states("user-store-system-errors", {}, grid, fill).filter((x) => x === "ALARM"), fill).to.deep.equal([]);
        }
        const src = spec("user-store-system-errors").source as MathSource;
        const one = minuteGrid("2027-05-29T18:30:00Z", 1);
        expect(evaluateQueries(src.queries as QueryLike[], { "id:e0": seriesOf(one, () => 2), "id:e3": seriesOf(one, () => 1) }, one).get(one[0])).to.equal(3);
    });

    it("throttles: some in 3 of 5 minutes alarm; 2 of 5 do not; minutes without a datapoint are none (notBreaching)", () => {
        const grid = minuteGrid("2027-05-29T18:30:00Z", 6);
        const data = (minutes: number[]) => ({ ReadThrottleEvents: seriesOf(grid, (m) => (minutes.includes(m) ? 12 : undefined)) });
        expect(states("user-store-read-throttles", data([0, 2, 4]), grid, "zeros")[4]).to.equal("ALARM");
        expect(states("user-store-read-throttles", data([0, 4]), grid, "zeros")[4]).to.equal("OK");
        expect(states("user-store-read-throttles", data([]), grid, "zeros")).to.deep.equal(Array(6).fill("OK"));
        for (const s of storeSpecs()) expect([s.treatMissingData, s.missingDataReason.length > 20], s.role).to.deep.equal(["notBreaching", true]);
    });

    it("capacity: consumed units per second (the minute's Sum / PERIOD) above 80 % of the warm throughput, whatever the period", () => {
        expect(spec("user-store-read-capacity").threshold).to.equal(24_000);
        expect(spec("user-store-write-capacity").threshold).to.equal(6_400);
        expect(spec("user-store-read-capacity", storeSpecs({ userStoreCapacityPercent: 90 })).threshold).to.equal(27_000);
        const perSecond = (role: string, metricName: string, sum: number, period: number) => {
            const [s] = applyAlarmOverrides([spec(role)], { [role]: { period } });
            const grid = [0, period].map((x) => Date.parse("2027-05-29T18:30:00Z") / 1000 + x);
            const src = s.source as MathSource;
            expect(src.queries.find((q) => q.metric)!.metric!.metricName).to.equal(metricName);
            return evaluateQueries(src.queries as QueryLike[], { [metricName]: seriesOf(grid, () => sum) }, grid).get(grid[0]);
        };
        expect(perSecond("user-store-read-capacity", "ConsumedReadCapacityUnits", 1_500_000, 60)).to.equal(25_000);
        expect(perSecond("user-store-read-capacity", "ConsumedReadCapacityUnits", 3_000_000, 120)).to.equal(25_000);
        expect(perSecond("user-store-write-capacity", "ConsumedWriteCapacityUnits", 360_000, 60)).to.equal(6_000);
    });

    it("thresholds and windows are overridable one by one, and alarmOverrides know the user store's roles", () => {
        const t = storeSpecs({ userStoreMinutes: 10, userStoreBreachingMinutes: 10, userStoreLatencyMilliseconds: 25 });
        for (const s of t) expect([s.evaluationPeriods, s.datapointsToAlarm], s.role).to.deep.equal([10, 10]);
        expect(spec("user-store-get-latency", t).threshold).to.equal(25);
        expect(alarmOverrideProblems(storeSpecs(), { "user-store-get-latency": { threshold: 30 }, "user-store-read-throttles": { datapointsToAlarm: 1 } })).to.deep.equal([]);
        const [over] = applyAlarmOverrides([spec("user-store-read-throttles")], { "user-store-read-throttles": { evaluationPeriods: 2 } });
        expect([over.evaluationPeriods, over.datapointsToAlarm]).to.deep.equal([2, 2]);
        expect(DEFAULT_ALARM_THRESHOLDS).to.include({ userStoreMinutes: 5, userStoreBreachingMinutes: 3, userStoreLatencyMilliseconds: 50, userStoreCapacityPercent: 80 });
    });
});

describe("User store alarms: the args", () => {
    it("valid with a store, with or without its endpoint", () => {
        expect(observabilityArgsProblems("obs", baseArgs({ userStore: STORE }))).to.deep.equal([]);
        expect(observabilityArgsProblems("obs", baseArgs({ userStore: { tableName: TABLE, warmThroughput: WARM } }))).to.deep.equal([]);
        expect(observabilityArgsProblems("obs", baseArgs({ userStore: STORE, alarmOverrides: { "user-store-system-errors": { threshold: 2 } } }))).to.deep.equal([]);
    });

    it("refuses a bad table name, warm throughput that is not whole units, part of the endpoint, and bad thresholds", () => {
        const problems = (a: Partial<ObservabilityArgs>) => observabilityArgsProblems("obs", baseArgs(a));
        expect(problems({ userStore: { ...STORE, tableName: "a b" } })).to.deep.equal(['userStore.tableName = "a b": is not a DynamoDB table name; allowed: 3 to 255 letters, digits, "_", "-" and "."']);
        expect(problems({ userStore: { ...STORE, warmThroughput: { readUnitsPerSecond: 0, writeUnitsPerSecond: 1.5 } } })).to.deep.equal([
            "userStore.warmThroughput.readUnitsPerSecond = 0: is out of range; allowed: a whole number from 1 to 100000000 units per second",
            "userStore.warmThroughput.writeUnitsPerSecond = 1.5: is out of range; allowed: a whole number from 1 to 100000000 units per second",
        ]);
        expect(problems({ userStore: { tableName: TABLE, warmThroughput: WARM, endpointId: ENDPOINT.id } })[0]).to.match(/^userStore\.endpointId, endpointVpcId, endpointServiceName: only some are given; allowed: all three/);
        expect(problems({ userStore: { tableName: TABLE, warmThroughput: WARM, endpointId: ENDPOINT.id, endpointVpcId: ENDPOINT.vpcId } })).to.have.length(1);
        expect(problems({ alarms: { userStoreBreachingMinutes: 6 } })).to.deep.equal(["alarms.userStoreBreachingMinutes = 6: is more than alarms.userStoreMinutes (5); allowed: at most the minutes the alarms look at"]);
        expect(problems({ alarms: { userStoreMinutes: 2, userStoreBreachingMinutes: 2 } })).to.deep.equal([]);
        expect(problems({ alarms: { userStoreMinutes: 0 } })[0]).to.match(/^alarms\.userStoreMinutes = 0: is out of range/);
        expect(problems({ alarms: { userStoreLatencyMilliseconds: 0 } })[0]).to.match(/^alarms\.userStoreLatencyMilliseconds = 0: is not a latency in milliseconds/);
        expect(problems({ alarms: { userStoreLatencyMilliseconds: 10_001 } })).to.have.length(1);
        expect(problems({ alarms: { userStoreCapacityPercent: 101 } })[0]).to.match(/^alarms\.userStoreCapacityPercent = 101: is not a percentage/);
        expect(problems({ alarmOverrides: { "user-store-get-latency": { threshold: 1 } } })[0]).to.match(/^alarmOverrides\.user-store-get-latency: is not an alarm of these args/);
    });
});

describe("User store alarms: declared", () => {
    let withStore: MockRun<Observability>;
    let without: MockRun<Observability>;
    before(async () => {
        withStore = await declare(() => new Observability("obs", baseArgs({ userStore: STORE })));
        without = await declare(() => new Observability("obs", baseArgs()));
    });
    const alarms = (run: MockRun<Observability>) => ofType(run.resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const warningTopic = `arn:aws:sns:ap-northeast-2:${ACCOUNT}:${PREFIX}-alerts-warning`;

    it("<prefix>-user-store-*, to the warning topic only, never in the page's rule", () => {
        const store = alarms(withStore).filter((a) => String(a.inputs.name).startsWith(`${PREFIX}-user-store-`));
        expect(store.map((a) => String(a.inputs.name)).sort()).to.deep.equal(ROLES.map((r) => `${PREFIX}-${r}`).sort());
        const page = String(named(withStore.resources, "obs-matchday-degraded").inputs.alarmRule);
        // An operator role that may silence `<prefix>-*` alarms silences these.
        const pattern = new RegExp(`^${alarmArnPattern({ partition: "aws", accountId: ACCOUNT, region: "ap-northeast-2" }, `${PREFIX}-`).replace(/[.]/g, "\\.").replace("*", ".*")}$`);
        for (const a of store) {
            const name = String(a.inputs.name);
            expect(a.name).to.equal(`obs-${name.slice(PREFIX.length + 1)}`);
            expect(a.inputs.alarmActions, name).to.deep.equal([warningTopic]);
            expect(a.inputs.alarmActions, name).to.not.include(`arn:aws:sns:ap-northeast-2:${ACCOUNT}:${PREFIX}-alerts-critical`);
            expect(page, name).to.not.contain(name);
            expect(a.inputs.treatMissingData, name).to.equal("notBreaching");
            expect(`arn:aws:cloudwatch:ap-northeast-2:${ACCOUNT}:alarm:${name}`).to.match(pattern);
        }
        const errors = named(withStore.resources, "obs-user-store-system-errors").inputs;
        expect((errors.metricQueries as unknown[]).length).to.equal(USER_STORE_OPERATIONS.length + 1);
        const latency = named(withStore.resources, "obs-user-store-get-latency").inputs;
        expect(latency).to.include({ namespace: "AWS/DynamoDB", metricName: "SuccessfulRequestLatency", extendedStatistic: "p99", threshold: 50, evaluationPeriods: 5, datapointsToAlarm: 3, evaluateLowSampleCountPercentiles: "ignore" });
        expect(latency.statistic).to.equal(undefined);
        expect(named(withStore.resources, "obs-user-store-endpoint-packets-dropped").inputs.dimensions).to.deep.equal({ "VPC Endpoint Id": ENDPOINT.id, "VPC Id": ENDPOINT.vpcId, "Endpoint Type": "Interface", "Service Name": ENDPOINT.serviceName });
        expect(String(named(withStore.resources, "obs-user-store-read-capacity").inputs.alarmDescription)).to.match(/^User store reads near the warm throughput\. .*Warning topic\.$/);
    });

    it("the dashboard's user-store row: units per second against the warm throughput, throttles and errors, latency", () => {
        interface Widget { type: string; x: number; y: number; width: number; properties: { title?: string; metrics?: unknown[][]; annotations?: { horizontal?: { label: string; value: number }[] } } }
        const widgets = (run: MockRun<Observability>) => (JSON.parse(String(one(run.resources, "aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody)) as { widgets: Widget[] }).widgets;
        const row = widgets(withStore).filter((w) => (w.properties.title ?? "").startsWith("User store"));
        expect(row.map((w) => [w.properties.title, w.x, w.y, w.width])).to.deep.equal([
            ["User store: read units per second", 0, 24, 6],
            ["User store: write units per second", 6, 24, 6],
            ["User store: throttles and errors (per minute)", 12, 24, 6],
            ["User store: latency inside DynamoDB (ms)", 18, 24, 6],
        ]);
        expect(row[0].properties.annotations!.horizontal).to.deep.equal([{ label: "warm throughput", value: 30_000 }, { label: "alarm (80 %)", value: 24_000 }]);
        expect(row[1].properties.annotations!.horizontal).to.deep.equal([{ label: "warm throughput", value: 8_000 }, { label: "alarm (80 %)", value: 6_400 }]);
        expect(JSON.stringify(row[0].properties.metrics)).to.contain('"ConsumedReadCapacityUnits","TableName","kgsports-matchday-users"').and.contain("readconsumed / PERIOD(readconsumed)");
        const errors = JSON.stringify(row[2].properties.metrics);
        for (const m of ["ReadThrottleEvents", "WriteThrottleEvents", "PacketsDropped", "SUM([FILL(see0, 0)"]) expect(errors, m).to.contain(m);
        expect(row[3].properties.annotations!.horizontal).to.deep.equal([{ label: "GetItem p99 alarm", value: 50 }]);
        expect(JSON.stringify(row[3].properties.metrics)).to.contain('"SuccessfulRequestLatency","TableName","kgsports-matchday-users","Operation","GetItem",{"label":"GetItem p99","stat":"p99"}');
        expect(widgets(without).some((w) => (w.properties.title ?? "").startsWith("User store"))).to.equal(false);
    });

    it("under the VPN or reserved-capacity widgets when they are there; nothing of the store without it", () => {
        const input: DashboardInput = {
            region: "ap-northeast-2", namePrefix: PREFIX, loadBalancer: "app/a/1", cloudTargetGroup: "targetgroup/b/2", groupName: "g", maxSize: 10,
            agentNamespace: "KGSports/Web", thresholds: DEFAULT_ALARM_THRESHOLDS, annotations: [], alarmArns: [], compositeAlarmName: "c",
        };
        const ys = (i: DashboardInput) => (JSON.parse(dashboardBody(i)).widgets as { y: number; properties: { title?: string } }[]).filter((w) => (w.properties.title ?? "").startsWith("User store")).map((w) => w.y);
        const userStore = { tableName: TABLE, warmThroughput: WARM };
        expect(ys({ ...input, userStore })).to.deep.equal([24, 24, 24, 24]);
        expect(ys({ ...input, userStore, vpnConnectionId: "vpn-1" })).to.deep.equal([30, 30, 30, 30]);
        expect(ys({ ...input, userStore, reservedCapacity: { loadBalancer: true } })).to.deep.equal([30, 30, 30, 30]);
        expect(dashboardBody({ ...input, userStore })).to.not.contain("PacketsDropped");
        expect(dashboardBody(input)).to.not.contain("DynamoDB");
        const names = without.resources.map((r) => `${r.name} ${JSON.stringify(r.inputs)}`).join("\n");
        expect(names).to.not.contain("user-store").and.not.contain("DynamoDB");
    });
});

// Keep the type in use for readers of the spec shape.
export type { AlarmSpec };
