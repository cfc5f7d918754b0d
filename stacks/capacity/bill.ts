/**
 * The whole bill of a match night and of the season, by component: instances, the
 * capacity reservations (the load balancer's reserved LCUs, the On-Demand Capacity
 * Reservations' unused instance-hours), the warm pool's volumes, the load balancer
 * (hours and consumed LCUs), the NAT gateways (hours and data processed), data transfer
 * out to the internet, and the rest (alarms, logs, the VPN, snapshots). Pure: the
 * simulated nights, the reservations, the traffic model and the price table in; USD per
 * component out, for both endings (normal time, extra time) as a range.
 *
 * What is a model here, not a bill: the audience outside the simulated minutes sends
 * nothing through the load balancer (the nights' LCUs and bytes only), the NAT traffic
 * and log volume per instance-hour are stand-ins ({@link DEFAULT_BILL_ASSUMPTIONS}),
 * and tiers and free allowances are ignored (every GB at the first tier's price).
 */
import { processedGBPerHour, lcuDemand } from "./loadBalancerCapacity";
import type { LoadBalancerTraffic } from "./loadBalancerCapacity";
import type { InstanceReservation, LoadBalancerReservation } from "./reservationPlan";
import type { BillPrices } from "./priceTable";
import { DAYS_PER_MONTH } from "./cost";
import type { CostRange, Season } from "./cost";

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** The components of the bill, in the order the report prints them. */
export const BILL_COMPONENTS = [
    "instances",
    "instanceReservations",
    "lcuReservations",
    "warmPool",
    "loadBalancerHours",
    "loadBalancerLcus",
    "natHours",
    "natProcessing",
    "dataTransferOut",
    "other",
] as const;
export type BillComponent = (typeof BILL_COMPONENTS)[number];

/** How the report names each component. */
export const COMPONENT_NAMES: Readonly<Record<BillComponent, string>> = {
    instances: "instances",
    instanceReservations: "instance reservations (unused)",
    lcuReservations: "load balancer reserved LCUs",
    warmPool: "warm pool volumes",
    loadBalancerHours: "load balancer hours",
    loadBalancerLcus: "load balancer LCUs consumed",
    natHours: "NAT gateway hours",
    natProcessing: "NAT gateway data processed",
    dataTransferOut: "data transfer out",
    other: "other (alarms, logs, VPN, snapshots)",
};

/** The figures no measurement gives yet: each a documented stand-in the stack may replace. */
export interface BillAssumptions {
    /**
     * Share of the bytes through the load balancer (request and response) that leave
     * for the internet: the responses. Stand-in 0.9: an API call's response (JSON,
     * headers) is most of its bytes; the request is the rest and comes in free.
     */
    outboundShare: number;
    /**
     * GB each instance sends and receives through NAT per instance-hour: not viewers'
     * traffic (that goes through the load balancer) but the instance's own calls to AWS
     * APIs, the CloudWatch agent, Systems Manager and package updates. Stand-in 0.05
     * (50 MB an hour).
     */
    natGBPerInstanceHour: number;
    /** CloudWatch alarms of the stack. Stand-in 40, until the stack's alarms are counted. */
    alarmCount: number;
    /** GB of logs each instance-hour sends to CloudWatch Logs. Stand-in 0.01 (10 MB an hour). */
    logsGBPerInstanceHour: number;
    /** GB of EBS snapshots kept all season (golden images, backups). Stand-in: 4 images of a 30 GiB root volume, 120. */
    snapshotGB: number;
}

/** The documented stand-ins of {@link BillAssumptions}. */
export const DEFAULT_BILL_ASSUMPTIONS: BillAssumptions = {
    outboundShare: 0.9,
    natGBPerInstanceHour: 0.05,
    alarmCount: 40,
    logsGBPerInstanceHour: 0.01,
    snapshotGB: 120,
};

/** One simulated ending of a night, as the bill reads it. */
export interface NightRun {
    /** Minute 0 of {@link minutes}. */
    kickoff: Date;
    /** Minute offsets from kickoff, one per simulated minute. */
    minutes: readonly number[];
    /** Concurrent viewers each minute (the whole audience: every request goes through the load balancer). */
    demand: readonly number[];
    /** Instances in service each minute (the scheduled strategy). */
    inService: readonly number[];
    /** Instance-hours paid (in service and launching). */
    instanceHours: number;
}

/** One night: both endings, and the reservations billed with it. */
export interface NightInput {
    label: string;
    normalTime: NightRun;
    extraTime: NightRun;
    /** Load balancer reservations billed with this night (each reservation with one night only). */
    loadBalancerReservations: readonly LoadBalancerReservation[];
    /** Instance reservations of this night's window. */
    instanceReservations: readonly InstanceReservation[];
}

/** What the bill needs besides the nights. */
export interface BillContext {
    traffic: LoadBalancerTraffic;
    prices: BillPrices;
    /** The group's baseline minimum: in service outside the simulated minutes. */
    baselineMinSize: number;
    /** NAT gateways of the stack: OnePerAz = the zone count, Single = 1. */
    natGateways: number;
    /** The warm pool's GiB (warmPoolSize x rootVolumeGiB). */
    warmPoolGiB: number;
    /** Site-to-Site VPN connections (1 with HybridLink, else 0). */
    vpnConnections: number;
    assumptions: BillAssumptions;
}

/** USD per component, with a line of how each was counted. */
export interface ComponentBill {
    usd: Record<BillComponent, number>;
    detail: Record<BillComponent, string>;
    total: number;
}

export interface NightBill {
    label: string;
    normalTime: ComponentBill;
    extraTime: ComponentBill;
    total: CostRange;
    /** The largest component of the normal-time night. */
    dominant: BillComponent;
}

export interface SeasonBill {
    nights: NightBill[];
    normalTime: ComponentBill;
    extraTime: ComponentBill;
    total: CostRange;
    dominant: BillComponent;
    /** The "other" line's items, USD over the season (ending-independent except logs: extra time's). */
    other: { alarms: number; logsNormalTime: number; logsExtraTime: number; vpn: number; snapshots: number };
}

function range(normalTime: number, extraTime: number): CostRange {
    return { normalTime, extraTime, low: Math.min(normalTime, extraTime), high: Math.max(normalTime, extraTime) };
}

/** Whole hours a load balancer reservation is billed: requestAt to resetAt, rounded up. */
export function reservationHours(r: Pick<LoadBalancerReservation, "requestAt" | "resetAt">): number {
    return Math.max(0, Math.ceil((r.resetAt.getTime() - r.requestAt.getTime()) / MS_PER_HOUR - 1e-9));
}

/** Instances one instance reservation holds: perZone x zones. */
export function reservedInstances(r: Pick<InstanceReservation, "perZone" | "zones">): number {
    return r.perZone * r.zones;
}

/**
 * The consumed LCU-hours a night bills beyond its reservations. Per clock hour (UTC):
 * the hour's LCUs are the largest dimension of the hour's load, each dimension averaged
 * over the hour (processed bytes: the hour's total), which for this linear model is
 * {@link lcuDemand} of the hour's mean audience (the viewers of its simulated minutes
 * summed / 60; an unsimulated minute counts no viewers). An hour within a reservation
 * bills only the LCUs above the reserved units (the reservation bills the rest).
 */
export function consumedLcuHours(run: NightRun, traffic: LoadBalancerTraffic, reservations: readonly LoadBalancerReservation[]): { lcuHours: number; beyondReservation: number } {
    const viewerMinutes = new Map<number, number>();
    run.minutes.forEach((m, i) => {
        const hour = Math.floor((run.kickoff.getTime() + m * MS_PER_MINUTE) / MS_PER_HOUR);
        viewerMinutes.set(hour, (viewerMinutes.get(hour) ?? 0) + run.demand[i]);
    });
    let lcuHours = 0;
    let beyondReservation = 0;
    for (const [hour, sum] of viewerMinutes) {
        const lcus = lcuDemand(sum / 60, traffic).lcus;
        const start = hour * MS_PER_HOUR;
        const reserved = reservations
            .filter((r) => r.requestAt.getTime() < start + MS_PER_HOUR && r.requestAt.getTime() + reservationHours(r) * MS_PER_HOUR > start)
            .reduce((a, r) => a + r.capacityUnits, 0);
        lcuHours += lcus;
        beyondReservation += Math.max(0, lcus - reserved);
    }
    return { lcuHours, beyondReservation };
}

/**
 * Unused reserved instance-hours of a night: for each reservation, each minute from its
 * createAt to its endAt plus one hour (AWS ends it within an hour of its end date: the
 * whole hour is counted), max(0, reserved - in service); in service is the simulation's
 * where the minute is simulated, else the baseline minimum. Billed at the On-Demand
 * price; the used ones are the instances already counted.
 */
export function unusedReservedInstanceHours(run: NightRun, reservations: readonly InstanceReservation[], baselineMinSize: number): number {
    const inService = new Map<number, number>();
    run.minutes.forEach((m, i) => inService.set(Math.floor(run.kickoff.getTime() / MS_PER_MINUTE) + m, run.inService[i]));
    let minutes = 0;
    for (const r of reservations) {
        const reserved = reservedInstances(r);
        const from = Math.ceil(r.createAt.getTime() / MS_PER_MINUTE);
        const to = Math.ceil(r.endAt.getTime() / MS_PER_MINUTE) + 60;
        for (let t = from; t < to; t++) minutes += Math.max(0, reserved - (inService.get(t) ?? baselineMinSize));
    }
    return minutes / 60;
}

/** GB (10^9 bytes) through the load balancer over a night: processedGBPerHour of each simulated minute's audience / 60, summed. */
export function processedGB(run: NightRun, traffic: LoadBalancerTraffic): number {
    return run.demand.reduce((a, v) => a + processedGBPerHour(v, traffic) / 60, 0);
}

function dominantOf(bill: ComponentBill): BillComponent {
    let best: BillComponent = BILL_COMPONENTS[0];
    for (const c of BILL_COMPONENTS) if (bill.usd[c] > bill.usd[best]) best = c;
    return best;
}

function componentBill(usd: Record<BillComponent, number>, detail: Record<BillComponent, string>): ComponentBill {
    return { usd, detail, total: BILL_COMPONENTS.reduce((a, c) => a + usd[c], 0) };
}

const n2 = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function runBill(run: NightRun, night: NightInput, ctx: BillContext): ComponentBill {
    const p = ctx.prices;
    const a = ctx.assumptions;
    const hours = run.minutes.length / 60;
    const lcu = consumedLcuHours(run, ctx.traffic, night.loadBalancerReservations);
    const reservedLcuHours = night.loadBalancerReservations.reduce((s, r) => s + r.capacityUnits * reservationHours(r), 0);
    const unused = unusedReservedInstanceHours(run, night.instanceReservations, ctx.baselineMinSize);
    const gb = processedGB(run, ctx.traffic);
    const natGB = run.instanceHours * a.natGBPerInstanceHour;
    const poolMonths = hours / 24 / DAYS_PER_MONTH;
    const usd: Record<BillComponent, number> = {
        instances: run.instanceHours * p.instanceHour,
        instanceReservations: unused * p.instanceHour,
        lcuReservations: reservedLcuHours * p.reservedLcuHour,
        warmPool: ctx.warmPoolGiB * poolMonths * p.gp3GiBMonth,
        loadBalancerHours: hours * p.albHour,
        loadBalancerLcus: lcu.beyondReservation * p.lcuHour,
        natHours: ctx.natGateways * hours * p.natHour,
        natProcessing: natGB * p.natGB,
        dataTransferOut: gb * a.outboundShare * p.dataTransferOutGB,
        other: 0,
    };
    const detail: Record<BillComponent, string> = {
        instances: `${run.instanceHours.toFixed(1)} instance-hours`,
        instanceReservations: night.instanceReservations.length === 0 ? "none reserved" : `${unused.toFixed(1)} reserved instance-hours not in service`,
        lcuReservations:
            night.loadBalancerReservations.length === 0
                ? "none reserved"
                : night.loadBalancerReservations.map((r) => `${r.capacityUnits} LCUs x ${reservationHours(r)} h`).join(" + "),
        warmPool: `${ctx.warmPoolGiB} GiB for the night's ${hours.toFixed(1)} h`,
        loadBalancerHours: `${hours.toFixed(1)} h (it runs always: the season counts every hour)`,
        loadBalancerLcus:
            `${lcu.lcuHours.toFixed(1)} LCU-hours consumed` + (night.loadBalancerReservations.length > 0 ? `, ${lcu.beyondReservation.toFixed(1)} beyond the reservation` : ""),
        natHours: `${ctx.natGateways} gateways x ${hours.toFixed(1)} h`,
        natProcessing: `${natGB.toFixed(2)} GB (${n2(a.natGBPerInstanceHour)} GB per instance-hour, stand-in)`,
        dataTransferOut: `${(gb * a.outboundShare).toFixed(1)} GB out (${(a.outboundShare * 100).toFixed(0)} % of ${gb.toFixed(1)} GB through the load balancer)`,
        other: "season-level only",
    };
    return componentBill(usd, detail);
}

/** A night's bill, for each ending. */
export function nightBill(night: NightInput, ctx: BillContext): NightBill {
    const normalTime = runBill(night.normalTime, night, ctx);
    const extraTime = runBill(night.extraTime, night, ctx);
    return { label: night.label, normalTime, extraTime, total: range(normalTime.total, extraTime.total), dominant: dominantOf(normalTime) };
}

/**
 * The season's bill: the nights' instances, reservations, LCUs, NAT data and data
 * transfer summed; the baseline fleet between the nights as instances (and its NAT data
 * and logs); the warm pool, the load balancer's hours and the NAT gateways' hours over
 * the whole season; and "other": alarms, log ingestion, VPN connection-hours, snapshots.
 *
 * @param baseline the baseline fleet between the nights (instances x hours), as {@link ./cost.seasonCost} counts it
 */
export function seasonBill(nights: readonly NightInput[], season: Season, baseline: { instances: number; hours: number }, ctx: BillContext): SeasonBill {
    const billed = nights.map((n) => nightBill(n, ctx));
    const p = ctx.prices;
    const a = ctx.assumptions;
    const seasonHours = season.days * 24;
    const baselineHours = baseline.instances * baseline.hours;
    const alarms = a.alarmCount * season.months * p.alarmMonth;
    const vpn = ctx.vpnConnections * seasonHours * p.vpnConnectionHour;
    const snapshots = a.snapshotGB * season.months * p.snapshotGBMonth;
    const ending = (pick: (n: NightBill) => ComponentBill, runOf: (n: NightInput) => NightRun) => {
        const sum = (c: BillComponent) => billed.reduce((s, n) => s + pick(n).usd[c], 0);
        const instanceHours = nights.reduce((s, n) => s + runOf(n).instanceHours, 0) + baselineHours;
        const logs = instanceHours * a.logsGBPerInstanceHour * p.logsIngestionGB;
        const usd: Record<BillComponent, number> = {
            instances: sum("instances") + baselineHours * p.instanceHour,
            instanceReservations: sum("instanceReservations"),
            lcuReservations: sum("lcuReservations"),
            warmPool: ctx.warmPoolGiB * season.months * p.gp3GiBMonth,
            loadBalancerHours: seasonHours * p.albHour,
            loadBalancerLcus: sum("loadBalancerLcus"),
            natHours: ctx.natGateways * seasonHours * p.natHour,
            natProcessing: instanceHours * a.natGBPerInstanceHour * p.natGB,
            dataTransferOut: sum("dataTransferOut"),
            other: alarms + logs + vpn + snapshots,
        };
        const reservedL = nights.reduce((s, n) => s + n.loadBalancerReservations.length, 0);
        const reservedI = nights.reduce((s, n) => s + n.instanceReservations.length, 0);
        const detail: Record<BillComponent, string> = {
            instances: `${(instanceHours - baselineHours).toFixed(1)} instance-hours of the nights + baseline ${baseline.instances} x ${baseline.hours.toFixed(1)} h`,
            instanceReservations: reservedI === 0 ? "none reserved" : `${reservedI} windows' reservations`,
            lcuReservations: reservedL === 0 ? "none reserved" : `${reservedL} match days' reservations`,
            warmPool: `${ctx.warmPoolGiB} GiB x ${season.months.toFixed(2)} months`,
            loadBalancerHours: `${seasonHours.toFixed(1)} h`,
            loadBalancerLcus: "the nights' (between the nights not modelled)",
            natHours: `${ctx.natGateways} gateways x ${seasonHours.toFixed(1)} h`,
            natProcessing: `${(instanceHours * a.natGBPerInstanceHour).toFixed(1)} GB (${n2(a.natGBPerInstanceHour)} GB per instance-hour, stand-in)`,
            dataTransferOut: "the nights'",
            other:
                `${a.alarmCount} alarms ${formatShort(alarms)}; logs ${(instanceHours * a.logsGBPerInstanceHour).toFixed(1)} GB ${formatShort(logs)}; ` +
                `VPN ${ctx.vpnConnections === 0 ? "none" : `${ctx.vpnConnections} x ${seasonHours.toFixed(1)} h`} ${formatShort(vpn)}; snapshots ${a.snapshotGB} GB ${formatShort(snapshots)}`,
        };
        return { bill: componentBill(usd, detail), logs };
    };
    const normal = ending((n) => n.normalTime, (n) => n.normalTime);
    const extra = ending((n) => n.extraTime, (n) => n.extraTime);
    return {
        nights: billed,
        normalTime: normal.bill,
        extraTime: extra.bill,
        total: range(normal.bill.total, extra.bill.total),
        dominant: dominantOf(normal.bill),
        other: { alarms, logsNormalTime: normal.logs, logsExtraTime: extra.logs, vpn, snapshots },
    };
}

function formatShort(usd: number): string {
    return `USD ${usd.toFixed(2)}`;
}

/** The traffic model with the bytes per viewer scaled by `factor`: kilobytesPerRequest, and the video bitrate when the stream goes through the load balancer. */
export function scaleBytes(traffic: LoadBalancerTraffic, factor: number): LoadBalancerTraffic {
    return { ...traffic, kilobytesPerRequest: traffic.kilobytesPerRequest * factor, videoKbpsThroughLoadBalancer: traffic.videoKbpsThroughLoadBalancer * factor };
}

/** The night's and the season's totals with the bytes per viewer halved and doubled ({@link scaleBytes}). */
export interface BytesSensitivity {
    half: { nights: CostRange[]; season: CostRange };
    double: { nights: CostRange[]; season: CostRange };
}

export function bytesSensitivity(nights: readonly NightInput[], season: Season, baseline: { instances: number; hours: number }, ctx: BillContext): BytesSensitivity {
    const at = (factor: number) => {
        const b = seasonBill(nights, season, baseline, { ...ctx, traffic: scaleBytes(ctx.traffic, factor) });
        return { nights: b.nights.map((n) => n.total), season: b.total };
    };
    return { half: at(0.5), double: at(2) };
}
