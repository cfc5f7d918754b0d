/**
 * The reservations' slice of the stack config: whether the load balancer's capacity and
 * the instances' capacity are reserved ahead of each match, how far ahead, and what one
 * viewer sends through the load balancer (the traffic model the LCU sizing, the bill and
 * the VPN check read). Its keys, their parsing, the cross-checks against the rest of the
 * stack (the on-premise share over the VPN) and the settings. Pure.
 *
 * The stream: by default the video is served elsewhere (the streaming origin or a CDN)
 * and only the player's API calls reach the load balancer, so the model puts no video
 * bytes through it. `streamThroughLoadBalancer: true` says the stream goes through it:
 * each viewer then adds `streamBitrateKbps`, which dominates every figure.
 */
import { z } from "zod";
import { DEFAULT_TRAFFIC, LoadBalancerTraffic, shareGbps, VPN_TUNNEL_GBPS } from "../capacity/loadBalancerCapacity";
import type { ReservationOptions } from "../capacity/reservationPlan";
import type { AskedPeak } from "../capacity/onPremise";
import { formatSurge } from "../capacity/fixtures";
import { decimal } from "./capacityCost";
import { PROJECT } from "./project";
import { boolean, def, integer } from "./schema";

/** Hours ahead a reservation may be requested: AWS provisions an LCU reservation "within a few minutes, but can take up to a few hours". */
export const MIN_LEAD_HOURS = 1;
export const MAX_LEAD_HOURS = 24;
/** Defaults: the load balancer 3 hours before the day's first pre-warm (AWS: up to a few hours), the instances 2 hours before the window's pre-warm. */
export const DEFAULT_LB_LEAD_HOURS = 3;
export const DEFAULT_INSTANCE_LEAD_HOURS = 2;

const decimalOrDefault = (min: number, max: number, options: { aboveMin?: boolean } = {}) =>
    decimal(min, max, options) as z.ZodType<number | undefined, z.ZodTypeDef, string>;

export const RESERVATION_KEYS = {
    reserveLoadBalancerCapacity: def({
        type: "boolean",
        description:
            "Reserve the load balancer's capacity (an LCU reservation) for each match day, sized from the fixtures' planned audience and the traffic keys, requested loadBalancerReservationLeadHours ahead by a schedule AWS runs and reset after the day's last release. The account's reserved-LCU quota starts at 0: ask for an increase first.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    loadBalancerReservationLeadHours: def({
        type: "integer",
        description: `Hours before a match day's first pre-warm the load balancer's reservation is requested (AWS usually provisions it in minutes, sometimes hours). Default ${DEFAULT_LB_LEAD_HOURS}.`,
        default: DEFAULT_LB_LEAD_HOURS,
        allowed: `a whole number of hours from ${MIN_LEAD_HOURS} to ${MAX_LEAD_HOURS}`,
        schema: integer(MIN_LEAD_HOURS, MAX_LEAD_HOURS),
    }),
    reserveInstanceCapacity: def({
        type: "boolean",
        description:
            "Reserve instance capacity (On-Demand Capacity Reservations, open matching, one per zone) for each window's floor, created instanceReservationLeadHours before the pre-warm by a schedule AWS runs and ended by AWS at the release. Billed at the On-Demand price while they stand, used or not.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    instanceReservationLeadHours: def({
        type: "integer",
        description: `Hours before a window's pre-warm its instance reservations are created, so a zone without capacity is known (an alarm) hours ahead. Default ${DEFAULT_INSTANCE_LEAD_HOURS}.`,
        default: DEFAULT_INSTANCE_LEAD_HOURS,
        allowed: `a whole number of hours from ${MIN_LEAD_HOURS} to ${MAX_LEAD_HOURS}`,
        schema: integer(MIN_LEAD_HOURS, MAX_LEAD_HOURS),
    }),
    kilobytesPerRequest: def<number | undefined>({
        type: "string",
        description: `Kilobytes (1 000 bytes) one API request and its response carry through the load balancer, headers included; from the load test (ProcessedBytes / RequestCount). Empty: ${DEFAULT_TRAFFIC.kilobytesPerRequest}, a stand-in for the player's JSON calls.`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: `a number above 0 and at most 10000, e.g. 20 or 4.5, or empty for ${DEFAULT_TRAFFIC.kilobytesPerRequest}`,
        schema: decimalOrDefault(0, 10_000, { aboveMin: true }),
    }),
    newConnectionsPerRequest: def<number | undefined>({
        type: "string",
        description: `Share of requests that open a new connection to the load balancer, 0 to 1. Empty: ${DEFAULT_TRAFFIC.newConnectionsPerRequest} (one request a minute outlives the load balancer's 60-second idle timeout).`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: `a number from 0 to 1, e.g. 0.25, or empty for ${DEFAULT_TRAFFIC.newConnectionsPerRequest}`,
        schema: decimalOrDefault(0, 1),
    }),
    activeConnectionsPerViewer: def<number | undefined>({
        type: "string",
        description: `Connections one viewer holds open to the load balancer at once. Empty: ${DEFAULT_TRAFFIC.activeConnectionsPerViewer}.`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: `a number above 0 and at most 100, e.g. 1 or 2, or empty for ${DEFAULT_TRAFFIC.activeConnectionsPerViewer}`,
        schema: decimalOrDefault(0, 100, { aboveMin: true }),
    }),
    streamThroughLoadBalancer: def({
        type: "boolean",
        description:
            "Whether the video stream itself goes through the load balancer (and, for the on-premise share, over the VPN). false (default): the stream is served elsewhere and only API calls reach the load balancer.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    streamBitrateKbps: def({
        type: "integer",
        description: `Kilobits per second of video one viewer pulls, counted only when streamThroughLoadBalancer is true. Default ${DEFAULT_TRAFFIC.streamBitrateKbps} (a 1080p ladder's top rung).`,
        default: DEFAULT_TRAFFIC.streamBitrateKbps,
        allowed: "a whole number of kbit/s from 100 to 50000",
        schema: integer(100, 50_000),
    }),
};

export type ReservationKeyName = keyof typeof RESERVATION_KEYS;
export interface ReservationKeyValues {
    reserveLoadBalancerCapacity?: boolean;
    loadBalancerReservationLeadHours?: number;
    reserveInstanceCapacity?: boolean;
    instanceReservationLeadHours?: number;
    kilobytesPerRequest?: number;
    newConnectionsPerRequest?: number;
    activeConnectionsPerViewer?: number;
    streamThroughLoadBalancer?: boolean;
    streamBitrateKbps?: number;
}

export interface ReservationSettings {
    traffic: LoadBalancerTraffic;
    options: ReservationOptions;
}

/**
 * The traffic model and the reservation options from the slice's keys (each unset key
 * at its documented default). `requestsPerViewerPerMinute` comes from the capacity
 * cost slice; `rulesPerRequest` from what the stack declares on its listener.
 */
export function decideReservationSettings(
    v: ReservationKeyValues,
    ctx: { requestsPerViewerPerMinute: number; rulesPerRequest: number; instanceType?: string },
): ReservationSettings {
    const traffic: LoadBalancerTraffic = {
        requestsPerViewerPerMinute: ctx.requestsPerViewerPerMinute,
        kilobytesPerRequest: v.kilobytesPerRequest ?? DEFAULT_TRAFFIC.kilobytesPerRequest,
        newConnectionsPerRequest: v.newConnectionsPerRequest ?? DEFAULT_TRAFFIC.newConnectionsPerRequest,
        activeConnectionsPerViewer: v.activeConnectionsPerViewer ?? DEFAULT_TRAFFIC.activeConnectionsPerViewer,
        rulesPerRequest: ctx.rulesPerRequest,
        videoKbpsThroughLoadBalancer: v.streamThroughLoadBalancer === true ? (v.streamBitrateKbps ?? DEFAULT_TRAFFIC.streamBitrateKbps) : 0,
    };
    const options: ReservationOptions = {
        ...(v.reserveLoadBalancerCapacity === true
            ? { loadBalancer: { leadHours: v.loadBalancerReservationLeadHours ?? DEFAULT_LB_LEAD_HOURS, traffic } }
            : {}),
        ...(v.reserveInstanceCapacity === true
            ? { instances: { leadHours: v.instanceReservationLeadHours ?? DEFAULT_INSTANCE_LEAD_HOURS, ...(ctx.instanceType !== undefined ? { instanceType: ctx.instanceType } : {}) } }
            : {}),
    };
    return { traffic, options };
}

const full = (key: string) => `${PROJECT}:${key}`;

/**
 * The on-premise share's bytes against one VPN tunnel: a virtual private gateway's
 * tunnel carries about {@link VPN_TUNNEL_GBPS} Gbit/s and traffic toward the data centre
 * uses one tunnel, so the share's traffic at the busiest minute of every scenario the
 * fixtures ask for must fit it, as their viewers must fit their servers. A problem on
 * `onPremiseWeight` naming the stack, the worst scenario, the Gbit/s and what fits.
 */
export function vpnBandwidthProblems(
    ctx: { stack: string; onPremiseShare: number; weights: { cloud: number; onPremise: number }; peaks: readonly AskedPeak[]; traffic: LoadBalancerTraffic },
): { key: string; value: string; message: string }[] {
    // Stryker disable next-line EqualityOperator: equivalent; a share of 0 sends 0 Gbit/s, which fits the tunnel below
    if (ctx.onPremiseShare <= 0 || ctx.peaks.length === 0) return [];
    const worst = ctx.peaks.reduce((a, p) => (p.peakViewers > a.peakViewers ? p : a));
    const gbps = shareGbps(worst.peakViewers, ctx.onPremiseShare, ctx.traffic);
    if (gbps <= VPN_TUNNEL_GBPS) return [];
    // The largest share whose bytes fit: share x peak x bytes x 8 <= tunnel.
    const fittingShare = VPN_TUNNEL_GBPS / shareGbps(worst.peakViewers, 1, ctx.traffic);
    const { cloud } = ctx.weights;
    // w / (cloud + w) <= fittingShare  <=>  w <= fittingShare x cloud / (1 - fittingShare)
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; here the share does not fit, so fittingShare < share <= 1
    const w = fittingShare >= 1 ? 999 : Math.min(999, Math.floor((fittingShare * cloud) / (1 - fittingShare) + 1e-9));
    const stream = ctx.traffic.videoKbpsThroughLoadBalancer > 0
        ? `, the video stream included (${full("streamThroughLoadBalancer")} = true, ${ctx.traffic.videoKbpsThroughLoadBalancer} kbit/s each)`
        : "";
    return [{
        key: full("onPremiseWeight"),
        value: String(ctx.weights.onPremise),
        message:
            `the on-premise share of stack "${ctx.stack}" (${(ctx.onPremiseShare * 100).toFixed(1)} % of requests) would send ${gbps.toFixed(2)} Gbit/s over the VPN ` +
            `at the busiest minute of "${worst.window}" at x${formatSurge(worst.surge)} (${Math.round(worst.peakViewers * ctx.onPremiseShare)} of ${worst.peakViewers} viewers${stream}), ` +
            `more than one tunnel carries (${VPN_TUNNEL_GBPS} Gbit/s; traffic toward the data centre uses one tunnel); ` +
            `allowed: a share whose bytes fit: ${w > 0 ? `${full("onPremiseWeight")} at most ${w} with ${full("cloudWeight")} = ${cloud}` : `${full("onPremiseWeight")} = 0`}` +
            (ctx.traffic.videoKbpsThroughLoadBalancer > 0 ? `, or serve the stream elsewhere (${full("streamThroughLoadBalancer")} = false)` : ""),
    }];
}
