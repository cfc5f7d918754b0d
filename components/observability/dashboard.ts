/**
 * The match-night dashboard's body, built by a pure function from resolved names: one
 * screen with requests, error rates, p99 latency, healthy hosts cloud vs on-premise, the
 * group's capacity and warm pool, CPU, memory and disk, VPN tunnels, every alarm's state,
 * and a vertical line at each kickoff and pre-warm.
 */
import { AGENT_METRICS } from "./agent";
import {
    AlarmThresholds,
    loadBalancer5xxRateAlarm,
    MathQuery,
    MathSource,
    target5xxRateAlarm,
    userStoreCapacityAlarm,
    userStoreSystemErrorsAlarm,
    capacityThreshold,
} from "./alarms";

export interface DashboardAnnotation {
    label: string;
    /** ISO 8601 with an offset; shown in UTC. */
    time: string;
}

export interface DashboardInput {
    region: string;
    namePrefix: string;
    loadBalancer: string;
    cloudTargetGroup: string;
    onPremiseTargetGroup?: string;
    groupName: string;
    maxSize: number;
    vpnConnectionId?: string;
    tunnelAddresses?: string[];
    /** The CloudWatch agent's namespace (memory and disk by group). */
    agentNamespace: string;
    thresholds: AlarmThresholds;
    annotations: DashboardAnnotation[];
    /** ARNs of the alarms whose state the dashboard lists (the composite first). */
    alarmArns: string[];
    compositeAlarmName: string;
    /** Which reservations the "Reserved and used capacity" widget shows. Default: none (no widget). */
    reservedCapacity?: ReservedCapacityWidget;
    /** The user store: a row of four widgets under the fleet's. Default: none (no row). */
    userStore?: DashboardUserStore;
}

/** The user store as the dashboard draws it (resolved names). */
export interface DashboardUserStore {
    tableName: string;
    warmThroughput: { readUnitsPerSecond: number; writeUnitsPerSecond: number };
    /** The interface endpoint's four PrivateLink dimensions; its dropped packets join the errors widget. */
    endpoint?: { id: string; vpcId: string; serviceName: string };
}

/** The reservations a dashboard compares with their use. */
export interface ReservedCapacityWidget {
    /** The load balancer's LCU reservation (ReservedLCUs) against its use (PeakLCUs). Default `false`. */
    loadBalancer?: boolean;
    /** On-Demand Capacity Reservations' utilisation (every reservation of the region). Default `false`. */
    instances?: boolean;
}

/**
 * Every capacity reservation's InstanceUtilization (% of its instances in use), found by
 * SEARCH: reservations are created by schedules and have no id when the dashboard is.
 * Five-minute periods: EC2 publishes the capacity reservations' metrics every 5 minutes.
 */
export const ODCR_UTILIZATION_SEARCH = "SEARCH('{AWS/EC2CapacityReservations,CapacityReservationId} MetricName=\"InstanceUtilization\"', 'Average', 300)";

/**
 * The rows of the reserved-capacity widget. ReservedLCUs is published per minute as the
 * hourly reservation / 60 (a 6 000 LCU reservation sums to 100 a minute), so the reserved
 * level is its Sum x 3600 / the period, comparable with the per-minute Sum of PeakLCUs
 * (its Sum x 60 / the period). Written with PERIOD(): on a long time range the dashboard
 * draws longer periods, and a fixed x 60 would inflate the line.
 */
export function reservedCapacityRows(loadBalancer: string, show: ReservedCapacityWidget): DashboardMetricRow[] {
    const lb = { LoadBalancer: loadBalancer };
    return [
        ...(show.loadBalancer
            ? [
                metric(ALB, "ReservedLCUs", lb, { id: "reservedPerMinute", stat: "Sum", period: PERIOD, visible: false, label: "reserved LCUs / 60" }),
                [{ expression: "reservedPerMinute * 3600 / PERIOD(reservedPerMinute)", id: "reservedLcus", label: "reserved LCUs" }],
                metric(ALB, "PeakLCUs", lb, { id: "peakSum", stat: "Sum", period: PERIOD, visible: false, label: "peak LCUs (sum over the period)" }),
                [{ expression: "peakSum * 60 / PERIOD(peakSum)", id: "peakLcus", label: "peak LCUs used" }],
            ]
            : []),
        ...(show.instances ? [[{ expression: ODCR_UTILIZATION_SEARCH, id: "odcrUse", label: "capacity reservation use %", yAxis: "right" }]] : []),
    ];
}

/** A metric row of a dashboard widget: namespace, name, dimension name/value pairs, options. */
export type DashboardMetricRow = (string | Record<string, unknown>)[];

interface Widget {
    type: "metric" | "text" | "alarm";
    x: number;
    y: number;
    width: number;
    height: number;
    properties: Record<string, unknown>;
}

const PERIOD = 60;
const ALB = "AWS/ApplicationELB";
const ASG = "AWS/AutoScaling";
const DDB = "AWS/DynamoDB";

function metric(namespace: string, name: string, dims: Record<string, string>, options: Record<string, unknown> = {}): DashboardMetricRow {
    return [namespace, name, ...Object.entries(dims).flat(), options];
}

/** An alarm's metric math as dashboard rows, ids prefixed so several alarms share a widget. */
export function mathRows(source: MathSource, idPrefix: string, label?: string): DashboardMetricRow[] {
    const rename = (text: string) => source.queries.reduce((t, q) => t.replace(new RegExp(`\\b${q.id}\\b`, "g"), `${idPrefix}${q.id}`), text);
    return source.queries.map((q: MathQuery) => {
        const id = `${idPrefix}${q.id}`;
        if (q.expression !== undefined) return [{ expression: rename(q.expression), label: q.returnData && label ? label : q.label, id, visible: q.returnData }];
        const m = q.metric!;
        return metric(m.namespace, m.metricName, m.dimensions as Record<string, string>, { id, stat: m.stat, period: m.period, visible: false, label: q.label });
    });
}

function verticalAnnotations(annotations: DashboardAnnotation[]): { label: string; value: string }[] {
    return annotations
        .map((a) => ({ label: a.label, value: new Date(a.time).toISOString() }))
        .sort((a, b) => a.value.localeCompare(b.value));
}

/** The dashboard body (JSON text). */
export function dashboardBody(input: DashboardInput): string {
    const t = input.thresholds;
    const vertical = verticalAnnotations(input.annotations);
    const lb = { LoadBalancer: input.loadBalancer };
    const tgs: { where: string; dims: Record<string, string> }[] = [
        { where: "cloud", dims: { TargetGroup: input.cloudTargetGroup, LoadBalancer: input.loadBalancer } },
        ...(input.onPremiseTargetGroup !== undefined ? [{ where: "on-premise", dims: { TargetGroup: input.onPremiseTargetGroup, LoadBalancer: input.loadBalancer } }] : []),
    ];
    const group = { AutoScalingGroupName: input.groupName };
    const widgets: Widget[] = [];
    const series = (title: string, metrics: DashboardMetricRow[], extra: { horizontal?: { label: string; value: number }[]; stat?: string; yAxis?: Record<string, unknown> } = {}): Record<string, unknown> => ({
        title,
        view: "timeSeries",
        region: input.region,
        period: PERIOD,
        stat: extra.stat ?? "Average",
        metrics,
        annotations: { vertical, ...(extra.horizontal ? { horizontal: extra.horizontal } : {}) },
        ...(extra.yAxis ? { yAxis: extra.yAxis } : {}),
    });
    const place = (x: number, y: number, width: number, height: number, properties: Record<string, unknown>, type: Widget["type"] = "metric") =>
        widgets.push({ type, x, y, width, height, properties });

    place(0, 0, 8, 6, {
        markdown: [
            `# Match night: ${input.namePrefix}`,
            `One page: **${input.compositeAlarmName}** (critical topic). Warnings go to the warning topic.`,
            "",
            `First looks: errors -> healthy hosts and in-service count; latency -> CPU and in-service count${input.onPremiseTargetGroup !== undefined ? "; on-premise -> VPN tunnels and the failover" : ""}.`,
            "Vertical lines: kickoffs and pre-warms (UTC).",
        ].join("\n"),
    }, "text");
    place(8, 0, 16, 6, { title: "Alarms", alarms: input.alarmArns, sortBy: "stateUpdatedTimestamp" }, "alarm");

    place(0, 6, 12, 6, series("Requests per minute", [
        metric(ALB, "RequestCount", lb, { label: "load balancer", stat: "Sum" }),
        ...tgs.map((g) => metric(ALB, "RequestCount", g.dims, { label: g.where, stat: "Sum" })),
    ], { stat: "Sum" }));

    const rates: DashboardMetricRow[] = [
        ...mathRows(loadBalancer5xxRateAlarm(input.loadBalancer, t).source as MathSource, "lb", "load balancer 5xx %"),
        ...tgs.flatMap((g, i) => mathRows(target5xxRateAlarm(`tg${i}`, g.where, input.loadBalancer, g.dims.TargetGroup, t).source as MathSource, `tg${i}`, `${g.where} target 5xx %`)),
    ];
    place(12, 6, 12, 6, series("Error rates (% of requests)", rates, {
        horizontal: [{ label: "load balancer alarm", value: t.loadBalancer5xxPercent }, { label: "target alarm", value: t.target5xxPercent }],
        yAxis: { left: { min: 0 } },
    }));

    place(0, 12, 12, 6, series("Response time (seconds)", [
        metric(ALB, "TargetResponseTime", lb, { label: "p99", stat: "p99" }),
        metric(ALB, "TargetResponseTime", lb, { label: "p50", stat: "p50" }),
        ...tgs.map((g) => metric(ALB, "TargetResponseTime", g.dims, { label: `${g.where} p99`, stat: "p99" })),
    ], { horizontal: [{ label: "p99 alarm", value: t.p99LatencySeconds }], stat: "p99" }));

    place(12, 12, 12, 6, series(input.onPremiseTargetGroup !== undefined ? "Healthy hosts: cloud vs on-premise" : "Healthy hosts: cloud", tgs.flatMap((g) => [
        metric(ALB, "HealthyHostCount", g.dims, { label: `${g.where} healthy`, stat: "Minimum" }),
        metric(ALB, "UnHealthyHostCount", g.dims, { label: `${g.where} unhealthy`, stat: "Maximum" }),
    ]), { stat: "Minimum" }));

    place(0, 18, 12, 6, series("Auto Scaling group", [
        metric(ASG, "GroupDesiredCapacity", group, { label: "desired" }),
        metric(ASG, "GroupInServiceInstances", group, { label: "in service" }),
        metric(ASG, "GroupMinSize", group, { label: "min (match floor)" }),
        metric(ASG, "GroupMaxSize", group, { label: "max" }),
        metric(ASG, "WarmPoolWarmedCapacity", group, { label: "warm pool: warmed" }),
        metric(ASG, "WarmPoolDesiredCapacity", group, { label: "warm pool: desired" }),
    ], { horizontal: [{ label: "near max", value: Math.round(input.maxSize * t.nearMaxPercent) / 100 }] }));

    place(12, 18, 12, 6, series("CPU, memory, disk (%)", [
        metric("AWS/EC2", "CPUUtilization", group, { label: "CPU average", stat: "Average" }),
        metric("AWS/EC2", "CPUUtilization", group, { label: "CPU hottest instance", stat: "Maximum" }),
        metric(input.agentNamespace, AGENT_METRICS.memory, group, { label: "memory used" }),
        metric(input.agentNamespace, AGENT_METRICS.disk, group, { label: "root disk used" }),
    ], { horizontal: [{ label: "CPU alarm", value: t.cpuPercent }], yAxis: { left: { min: 0, max: 100 } } }));

    if (input.vpnConnectionId !== undefined) {
        place(0, 24, 12, 6, series("VPN tunnels (1 up, 0 down)", [
            metric("AWS/VPN", "TunnelState", { VpnId: input.vpnConnectionId }, { label: "share of tunnels up", stat: "Maximum" }),
            ...(input.tunnelAddresses ?? []).map((a, i) => metric("AWS/VPN", "TunnelState", { TunnelIpAddress: a }, { label: `tunnel ${i + 1} (${a})`, stat: "Maximum" })),
        ], { stat: "Maximum", yAxis: { left: { min: 0, max: 1 } } }));
    }
    const reserved = input.reservedCapacity ?? {};
    if (reserved.loadBalancer || reserved.instances) {
        place(12, 24, 12, 6, series("Reserved and used capacity", reservedCapacityRows(input.loadBalancer, reserved), {
            stat: "Sum",
            yAxis: { left: { min: 0 }, ...(reserved.instances ? { right: { min: 0, max: 100 } } : {}) },
        }));
    }
    if (input.userStore !== undefined) {
        const u = input.userStore;
        const y = input.vpnConnectionId !== undefined || reserved.loadBalancer || reserved.instances ? 30 : 24;
        const table = { TableName: u.tableName };
        const units = (kind: "read" | "write", warm: number, x: number) => place(x, y, 6, 6, series(`User store: ${kind} units per second`, mathRows(userStoreCapacityAlarm(kind, u.tableName, warm, t).source as MathSource, kind, `consumed ${kind} units / s`), {
            horizontal: [{ label: "warm throughput", value: warm }, { label: `alarm (${t.userStoreCapacityPercent} %)`, value: capacityThreshold(warm, t.userStoreCapacityPercent) }],
            yAxis: { left: { min: 0 } },
        }));
        units("read", u.warmThroughput.readUnitsPerSecond, 0);
        units("write", u.warmThroughput.writeUnitsPerSecond, 6);
        place(12, y, 6, 6, series("User store: throttles and errors (per minute)", [
            metric(DDB, "ReadThrottleEvents", table, { label: "read throttles", stat: "Sum" }),
            metric(DDB, "WriteThrottleEvents", table, { label: "write throttles", stat: "Sum" }),
            ...mathRows(userStoreSystemErrorsAlarm(u.tableName, t).source as MathSource, "se", "system errors"),
            ...(u.endpoint !== undefined
                ? [metric("AWS/PrivateLinkEndpoints", "PacketsDropped", { "VPC Endpoint Id": u.endpoint.id, "VPC Id": u.endpoint.vpcId, "Endpoint Type": "Interface", "Service Name": u.endpoint.serviceName }, { label: "endpoint packets dropped", stat: "Sum" })]
                : []),
        ], { stat: "Sum", yAxis: { left: { min: 0 } } }));
        place(18, y, 6, 6, series("User store: latency inside DynamoDB (ms)", [
            metric(DDB, "SuccessfulRequestLatency", { ...table, Operation: "GetItem" }, { label: "GetItem p99", stat: "p99" }),
            metric(DDB, "SuccessfulRequestLatency", { ...table, Operation: "GetItem" }, { label: "GetItem p50", stat: "p50" }),
            metric(DDB, "SuccessfulRequestLatency", { ...table, Operation: "PutItem" }, { label: "PutItem p99", stat: "p99" }),
        ], { horizontal: [{ label: "GetItem p99 alarm", value: t.userStoreLatencyMilliseconds }], stat: "p99", yAxis: { left: { min: 0 } } }));
    }
    return JSON.stringify({ start: "-PT6H", periodOverride: "inherit", widgets });
}
