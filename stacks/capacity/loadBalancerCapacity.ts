/**
 * What an audience asks of the load balancer, in AWS's load balancer capacity units
 * (LCUs), and what it sends through the load balancer in bytes. Pure: viewers and the
 * stack's traffic model in, numbers out. The reservation plan
 * ({@link ./reservationPlan}), the bill ({@link ./bill}) and the VPN check use it.
 *
 * An Application Load Balancer is billed, and reserved, in LCUs: an hour's LCUs are the
 * largest of four dimensions, each divided by what one LCU covers
 * ({@link LCU_PER_UNIT}). The model says what one viewer sends: API requests per minute
 * (`requestsPerViewerPerMinute`, the load test's figure), their size, how many of them
 * open a new connection, how many connections a viewer holds, and whether the video
 * stream itself goes through the load balancer (by default it does not: it is served
 * from the streaming origin or a CDN, and only the API calls reach the load balancer).
 */

/**
 * What one LCU covers on each dimension, for an Application Load Balancer with instance
 * or IP targets. Source: Elastic Load Balancing pricing, "LCU details" (aws.amazon.com/
 * elasticloadbalancing/pricing/), and the capacity reservation guide
 * (docs.aws.amazon.com/elasticloadbalancing/latest/application/capacity-unit-reservation.html),
 * read 2026-12-07.
 */
export const LCU_PER_UNIT = {
    /** New connections per second. */
    newConnectionsPerSecond: 25,
    /** Active connections, sampled per minute. */
    activeConnections: 3_000,
    /** Processed bytes for instance and IP targets, GB per hour (1 GB = 10^9 bytes). */
    processedGBPerHour: 1,
    /** Rule evaluations per second (beyond the free rules). */
    ruleEvaluationsPerSecond: 1_000,
} as const;

/** Rules per request AWS does not count: the first 10 rules a request is evaluated against are free. */
export const FREE_RULES_PER_REQUEST = 10;

/** What one viewer sends through the load balancer: the stack's stated traffic model. */
export interface LoadBalancerTraffic {
    /** API requests one viewer sends per minute (`requestsPerViewerPerMinute`, from the load test). */
    requestsPerViewerPerMinute: number;
    /** Request and response bytes of one API request through the load balancer, kilobytes (1 KB = 1 000 bytes). */
    kilobytesPerRequest: number;
    /** Share of requests that open a new connection, 0 to 1 (1: every request, as when the client's keep-alive outlives no request). */
    newConnectionsPerRequest: number;
    /** Connections one viewer holds open at once. */
    activeConnectionsPerViewer: number;
    /** Listener rules a request is evaluated against (the first {@link FREE_RULES_PER_REQUEST} are free). */
    rulesPerRequest: number;
    /**
     * Kilobits per second of video each viewer pulls through the load balancer: 0 when
     * the stream is served elsewhere (the default), the stream's bitrate when the stack
     * says the stream goes through the load balancer.
     */
    videoKbpsThroughLoadBalancer: number;
}

/** One dimension's load and the LCUs it asks for. */
export interface LcuDimension {
    /** The load on this dimension, in its own unit. */
    load: number;
    /** `load / LCU_PER_UNIT[dimension]`: fractional LCUs. */
    lcus: number;
}

export type LcuDimensionName = keyof typeof LCU_PER_UNIT;

/** The four dimensions at one audience, and the LCUs billed or reserved for it. */
export interface LcuDemand {
    viewers: number;
    newConnectionsPerSecond: LcuDimension;
    activeConnections: LcuDimension;
    processedGBPerHour: LcuDimension;
    ruleEvaluationsPerSecond: LcuDimension;
    /** The largest of the four (fractional): what AWS bills for an hour at this load. */
    lcus: number;
    /** The dimension that sets {@link lcus}. */
    dominant: LcuDimensionName;
}

/** Bytes one viewer sends and receives through the load balancer per second: API calls, plus video when the stream goes through it. */
export function bytesPerViewerPerSecond(t: LoadBalancerTraffic): number {
    const api = (t.requestsPerViewerPerMinute / 60) * t.kilobytesPerRequest * 1_000;
    const video = (t.videoKbpsThroughLoadBalancer * 1_000) / 8;
    return api + video;
}

/** GB (10^9 bytes) an audience of `viewers` sends through the load balancer in an hour. */
export function processedGBPerHour(viewers: number, t: LoadBalancerTraffic): number {
    return (viewers * bytesPerViewerPerSecond(t) * 3_600) / 1e9;
}

/**
 * The LCUs an audience of `viewers` asks for: each dimension from the traffic model,
 * the largest of them. Connections and requests scale with the audience; rule
 * evaluations count only the rules beyond the free ten.
 */
export function lcuDemand(viewers: number, t: LoadBalancerTraffic): LcuDemand {
    const requestsPerSecond = (viewers * t.requestsPerViewerPerMinute) / 60;
    const dims: Record<LcuDimensionName, LcuDimension> = {
        newConnectionsPerSecond: dimension(requestsPerSecond * t.newConnectionsPerRequest, "newConnectionsPerSecond"),
        activeConnections: dimension(viewers * t.activeConnectionsPerViewer, "activeConnections"),
        processedGBPerHour: dimension(processedGBPerHour(viewers, t), "processedGBPerHour"),
        ruleEvaluationsPerSecond: dimension(requestsPerSecond * Math.max(0, t.rulesPerRequest - FREE_RULES_PER_REQUEST), "ruleEvaluationsPerSecond"),
    };
    let dominant: LcuDimensionName = "newConnectionsPerSecond";
    for (const name of Object.keys(dims) as LcuDimensionName[]) if (dims[name].lcus > dims[dominant].lcus) dominant = name;
    return { viewers, ...dims, lcus: dims[dominant].lcus, dominant };
}

function dimension(load: number, name: LcuDimensionName): LcuDimension {
    return { load, lcus: load / LCU_PER_UNIT[name] };
}

/**
 * Capacity units to reserve for an audience: its LCUs with the plan's headroom, N+1 over
 * the zones like the floor (AWS spreads a reservation evenly over the load balancer's
 * zones, so losing one of `zones` leaves `(zones - 1) / zones` of it), rounded up to a
 * whole unit (AWS takes whole units).
 */
export function reservedCapacityUnits(viewers: number, t: LoadBalancerTraffic, headroomPercent: number, zones: number): number {
    const lcus = (lcuDemand(viewers, t).lcus * (1 + headroomPercent / 100) * zones) / (zones - 1);
    // A product like 1200 x 1.2 lands a hair above the whole number it is.
    return Math.ceil(lcus - 1e-9);
}

/** Gbit per second the `share` of an audience of `viewers` sends through the load balancer (toward the on-premise servers, over the VPN). */
export function shareGbps(viewers: number, share: number, t: LoadBalancerTraffic): number {
    return (viewers * share * bytesPerViewerPerSecond(t) * 8) / 1e9;
}

/**
 * The traffic model's documented defaults, each with its source. Stand-ins until the
 * load test measures them; the stack file overrides each (stacks/config/reservations.ts).
 */
export const DEFAULT_TRAFFIC = {
    /**
     * 20 KB per API request and response, headers included: a stand-in for the player's
     * JSON calls (schedule, score, token refresh), to be replaced by the load test's
     * measured mean (the load balancer's ProcessedBytes / RequestCount).
     */
    kilobytesPerRequest: 20,
    /**
     * 1: every request opens a connection. With one request a minute and the load
     * balancer's 60-second idle timeout (its default), a kept-alive connection is usually
     * closed before the next request; the pessimistic reading.
     */
    newConnectionsPerRequest: 1,
    /** 1: a player holds one connection to the API at a time. */
    activeConnectionsPerViewer: 1,
    /** 5 000 kbit/s: the top rung of a 1080p adaptive-bitrate ladder, counted only when the stack says the stream goes through the load balancer. */
    streamBitrateKbps: 5_000,
} as const;

/**
 * Gbit/s one Site-to-Site VPN tunnel of a virtual private gateway carries, and traffic
 * toward the customer side uses one tunnel. Source: AWS Site-to-Site VPN quotas
 * ("maximum bandwidth per VPN tunnel: up to 1.25 Gbps"), read 2026-12-07.
 */
export const VPN_TUNNEL_GBPS = 1.25;
