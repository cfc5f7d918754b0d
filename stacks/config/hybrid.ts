/**
 * The HybridLink slice of the stack config: its keys, their parsing, the cross-checks
 * against the rest of the stack (the VPC's CIDR, the region, the clock) and the
 * settings the composition hands to the component. The rules of the values themselves
 * are the component's (`@kgsports/hybrid-link` validators); this module puts the config
 * key names on them. Pure.
 */
import { z } from "zod";
import {
    activationExpiryFormatProblem,
    amazonSideAsnProblem,
    customerBgpAsnProblem,
    customerGatewayAddressProblem,
    forwardWeightsProblem,
    onPremiseCidrProblems,
    onPremiseServersProblems,
    presharedKeyProblem,
    registrationLimitProblem,
    tunnelInsideCidrProblem,
    MAX_ACTIVATION_DAYS,
    DEFAULT_AMAZON_SIDE_ASN,
} from "@kgsports/hybrid-link/pure";
import { AskedPeak, fittingCloudWeight, fittingOnPremiseWeight, serversNeeded } from "../capacity/onPremise";
import { formatSurge } from "../capacity/fixtures";
import { PROJECT } from "./project";
import { boolean, def, integer, oneOf, pattern, anyString, stringList } from "./schema";

const anyStringList = stringList();

export const HYBRID_KEYS = {
    hybridLink: def({
        type: "boolean",
        description: "Keep the on-premise servers in service behind the load balancer over a site-to-site VPN (HybridLink).",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    onPremiseCidrs: def({
        type: "array",
        items: { type: "string" },
        description: "On-premise IPv4 ranges reached over the VPN (RFC 1918 or 100.64.0.0/10), overlapping neither the VPC nor each other.",
        default: [] as string[],
        allowed: "a list of private IPv4 CIDR blocks, e.g. [\"10.100.0.0/16\"]",
        schema: anyStringList,
    }),
    onPremiseServers: def({
        type: "array",
        items: { type: "string" },
        description: "The on-premise servers the load balancer forwards to, as \"<private IPv4>:<port>\", inside onPremiseCidrs.",
        default: [] as string[],
        allowed: "a list of \"<address>:<port>\" entries, e.g. [\"10.100.10.11:8080\"]",
        schema: anyStringList,
    }),
    customerGatewayIp: def<string | undefined>({
        type: "string",
        description: "Static public IPv4 address of the on-premise VPN device (behind NAT: the NAT's public address).",
        default: "",
        emptyMeansUnset: true,
        allowed: "a public IPv4 address, e.g. 203.0.113.10",
        schema: anyString,
    }),
    customerGatewayBgpAsn: def({
        type: "integer",
        description: "BGP ASN of the on-premise VPN device (AWS asks for one even with static routes; a private ASN will do).",
        default: 65000,
        allowed: "a whole number from 1 to 4294967295 except the ASNs AWS reserves",
        schema: integer(0, 4_294_967_295),
    }),
    vpnRouting: def({
        type: "string",
        description: "static: one VPN route per on-premise CIDR (devices without BGP); bgp: the device advertises its routes. Changing it replaces the VPN.",
        default: "static" as "static" | "bgp",
        allowed: 'one of "static", "bgp"',
        schema: oneOf(["static", "bgp"] as const),
    }),
    amazonSideAsn: def({
        type: "integer",
        description: "BGP ASN of the AWS side (virtual private gateway). Changing it replaces the gateway.",
        default: DEFAULT_AMAZON_SIDE_ASN,
        allowed: "a whole number from 64512 to 65534 or from 4200000000 to 4294967294",
        schema: integer(0, 4_294_967_295),
    }),
    vpnTunnel1InsideCidr: def<string | undefined>({
        type: "string",
        description: "Inside CIDR of VPN tunnel 1. Empty: AWS picks one.",
        default: "",
        emptyMeansUnset: true,
        allowed: "a /30 inside 169.254.0.0/16 other than AWS's reserved ones, e.g. 169.254.10.0/30",
        schema: anyString,
    }),
    vpnTunnel2InsideCidr: def<string | undefined>({
        type: "string",
        description: "Inside CIDR of VPN tunnel 2. Empty: AWS picks one.",
        default: "",
        emptyMeansUnset: true,
        allowed: "a /30 inside 169.254.0.0/16 other than AWS's reserved ones, e.g. 169.254.10.4/30",
        schema: anyString,
    }),
    vpnTunnel1PresharedKey: def<string | undefined>({
        type: "string",
        description: "Pre-shared key of VPN tunnel 1; set it with `pulumi config set --secret`. Empty: AWS generates one.",
        default: "",
        emptyMeansUnset: true,
        allowed: "8 to 64 letters, digits, periods and underscores, not starting with 0 (a secret)",
        schema: anyString,
    }),
    vpnTunnel2PresharedKey: def<string | undefined>({
        type: "string",
        description: "Pre-shared key of VPN tunnel 2; set it with `pulumi config set --secret`. Empty: AWS generates one.",
        default: "",
        emptyMeansUnset: true,
        allowed: "8 to 64 letters, digits, periods and underscores, not starting with 0 (a secret)",
        schema: anyString,
    }),
    cloudWeight: def({
        type: "integer",
        description: "Weight of the cloud fleet in the load balancer's forward action (with hybridLink).",
        default: 90,
        allowed: "a whole number from 0 to 999; cloudWeight and onPremiseWeight not both 0",
        schema: integer(0, 999),
    }),
    onPremiseWeight: def({
        type: "integer",
        description: "Weight of the on-premise servers in the load balancer's forward action (with hybridLink); their share is onPremiseWeight / (cloudWeight + onPremiseWeight).",
        default: 10,
        allowed: "a whole number from 0 to 999; cloudWeight and onPremiseWeight not both 0",
        schema: integer(0, 999),
    }),
    ssmActivationExpiry: def<string | undefined>({
        type: "string",
        description: "When the SSM hybrid activation for the on-premise servers expires (fixed UTC time, at most 30 days ahead when set). Empty: no activation.",
        default: "",
        emptyMeansUnset: true,
        allowed: `a UTC time YYYY-MM-DDThh:mm:ssZ at most ${MAX_ACTIVATION_DAYS} days ahead, e.g. 2027-04-15T00:00:00Z`,
        schema: pattern(/^.+$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
    ssmRegistrationLimit: def({
        type: "integer",
        description: "How many servers may register with the SSM activation. 0: as many as onPremiseServers lists.",
        default: 0,
        allowed: "a whole number from 0 to 1000",
        schema: integer(0, 1000),
    }),
    failoverUnhealthyMinutes: def({
        type: "integer",
        description: "Minutes with fewer healthy on-premise servers than their share needs at the largest planned audience (or with both tunnels down) before their share moves to the cloud.",
        default: 2,
        allowed: "a whole number from 1 to 60",
        schema: integer(1, 60),
    }),
    failoverRecoveryMinutes: def({
        type: "integer",
        description: "Minutes with as many healthy on-premise servers as their share needs before their share returns from the cloud.",
        default: 10,
        allowed: "a whole number from 1 to 1440",
        schema: integer(1, 1440),
    }),
};

export type HybridKeyName = keyof typeof HYBRID_KEYS;

/** The HybridLink keys as parsed from the config (undefined: not set, or refused by its parser). */
export type HybridKeyValues = {
    [K in HybridKeyName]?: (typeof HYBRID_KEYS)[K] extends { schema: z.ZodType<infer T, z.ZodTypeDef, string> } ? T : never;
};

/** What the composition needs to declare the link. */
export interface HybridSettings {
    onPremiseCidrs: string[];
    servers: { address: string; port: number }[];
    customerGateway: { ipAddress: string; bgpAsn: number };
    routing: "static" | "bgp";
    amazonSideAsn: number;
    /** Per tunnel; a pre-shared key is a secret and must be declared as one. */
    tunnels: [{ insideCidr?: string; presharedKey?: string }, { insideCidr?: string; presharedKey?: string }];
    weights: { cloud: number; onPremise: number };
    /** Share of requests the on-premise servers get, 0 to 1. */
    onPremiseShare: number;
    activation?: { registrationLimit: number; expirationDate: string };
    /**
     * The failover's timing, and the healthy servers below which it moves their share to
     * the cloud: what their share needs at the largest planned audience
     * ({@link fitOnPremiseShare}; 1 until that is known).
     */
    failover: { unhealthyMinutes: number; recoveryMinutes: number; minHealthyHosts: number };
}

export interface HybridContext {
    stack: string;
    region: string;
    /** The VPC's CIDR, parsed (undefined when it was refused). */
    vpcCidr: string | undefined;
    /** The deploy's clock. */
    now: Date;
    /** Keys whose values are offline placeholders for secrets. */
    placeholderKeys: readonly string[];
}

export interface HybridProblem {
    key: string;
    value?: string;
    message: string;
}

const full = (key: HybridKeyName) => `${PROJECT}:${key}`;

/** `"10.100.10.11:8080"` to an address and a port, or undefined. */
export function parseServer(text: string): { address: string; port: number } | undefined {
    const m = /^([0-9.]+):(\d{1,5})$/.exec(text.trim());
    return m ? { address: m[1], port: Number(m[2]) } : undefined;
}

/**
 * The link's settings, or every problem with its keys. With `hybridLink` false nothing
 * is checked beyond the parsers and no settings are returned (the keys may stay set, for
 * switching the link on again later). Notes go to the plan: an activation that has
 * expired (its servers stay registered; set a new date to register more).
 */
export function decideHybridSettings(
    v: HybridKeyValues,
    ctx: HybridContext,
): { problems: HybridProblem[]; settings: HybridSettings | undefined; notes: string[] } {
    const problems: HybridProblem[] = [];
    const notes: string[] = [];
    if (v.hybridLink !== true) return { problems, settings: undefined, notes };
    const add = (key: HybridKeyName, value: unknown, message: string) =>
        problems.push({ key: full(key), ...(value === undefined ? {} : { value: typeof value === "string" ? value : JSON.stringify(value) }), message });
    const isPlaceholder = (key: HybridKeyName) => ctx.placeholderKeys.includes(full(key));

    const cidrs = v.onPremiseCidrs ?? [];
    if (ctx.vpcCidr !== undefined) {
        for (const p of onPremiseCidrProblems(cidrs, ctx.vpcCidr)) {
            if (p.index === undefined) add("onPremiseCidrs", undefined, `${p.problem} (required with ${full("hybridLink")} = true)`);
            else problems.push({ key: `${full("onPremiseCidrs")}[${p.index}]`, value: cidrs[p.index], message: p.problem });
        }
    }

    const rawServers = v.onPremiseServers ?? [];
    const servers: { address: string; port: number }[] = [];
    rawServers.forEach((text, index) => {
        const server = parseServer(text);
        if (server === undefined) {
            problems.push({ key: `${full("onPremiseServers")}[${index}]`, value: text, message: 'is not "<address>:<port>"; allowed: a private IPv4 address and a port, e.g. "10.100.10.11:8080"' });
        } else {
            servers.push(server);
        }
    });
    if (servers.length === rawServers.length) {
        for (const p of onPremiseServersProblems(servers, cidrs)) {
            if (p.index === undefined) add("onPremiseServers", undefined, `${p.problem} (required with ${full("hybridLink")} = true)`);
            else problems.push({ key: `${full("onPremiseServers")}[${p.index}]`, value: rawServers[p.index], message: `${p.field ? `${p.field} ` : ""}${p.problem}` });
        }
    }

    if (v.customerGatewayIp === undefined) {
        add("customerGatewayIp", undefined, `required with ${full("hybridLink")} = true; allowed: ${HYBRID_KEYS.customerGatewayIp.allowed}`);
    } else {
        const why = customerGatewayAddressProblem(v.customerGatewayIp);
        if (why) add("customerGatewayIp", v.customerGatewayIp, why);
    }
    if (v.customerGatewayBgpAsn !== undefined) {
        const why = customerBgpAsnProblem(v.customerGatewayBgpAsn, ctx.region);
        if (why) add("customerGatewayBgpAsn", String(v.customerGatewayBgpAsn), why);
    }
    if (v.amazonSideAsn !== undefined) {
        const why = amazonSideAsnProblem(v.amazonSideAsn);
        if (why) add("amazonSideAsn", String(v.amazonSideAsn), why);
    }

    if ((v.vpnRouting ?? "static") === "bgp" && (v.amazonSideAsn ?? HYBRID_KEYS.amazonSideAsn.default!) === (v.customerGatewayBgpAsn ?? HYBRID_KEYS.customerGatewayBgpAsn.default!)) {
        add("amazonSideAsn", String(v.amazonSideAsn ?? HYBRID_KEYS.amazonSideAsn.default!), `equals ${full("customerGatewayBgpAsn")}, and BGP between the two sides needs two ASNs; allowed: a different private ASN on each side`);
    }

    const tunnelKeys = [
        ["vpnTunnel1InsideCidr", "vpnTunnel1PresharedKey"],
        ["vpnTunnel2InsideCidr", "vpnTunnel2PresharedKey"],
    ] as const;
    for (const [cidrKey, pskKey] of tunnelKeys) {
        const cidr = v[cidrKey];
        if (cidr !== undefined) {
            const why = tunnelInsideCidrProblem(cidr);
            if (why) add(cidrKey, cidr, why);
        }
        const psk = v[pskKey];
        // A placeholder stands for a secret the offline plan cannot read: `pulumi up` checks the real one.
        if (psk !== undefined && !isPlaceholder(pskKey)) {
            // Never echo a secret back: the message names the key only.
            const why = presharedKeyProblem(psk);
            if (why) add(pskKey, undefined, `the value ${why}`);
        }
    }
    if (v.vpnTunnel1InsideCidr !== undefined && v.vpnTunnel1InsideCidr === v.vpnTunnel2InsideCidr) {
        add("vpnTunnel2InsideCidr", v.vpnTunnel2InsideCidr, `is also ${full("vpnTunnel1InsideCidr")}; allowed: a different /30 for each tunnel`);
    }

    const weights = { cloud: v.cloudWeight ?? HYBRID_KEYS.cloudWeight.default!, onPremise: v.onPremiseWeight ?? HYBRID_KEYS.onPremiseWeight.default! };
    const weightsWhy = forwardWeightsProblem([weights.cloud, weights.onPremise]);
    if (weightsWhy) add("onPremiseWeight", String(weights.onPremise), `with ${full("cloudWeight")} = ${weights.cloud}, the weights ${weightsWhy}`);

    let activation: HybridSettings["activation"];
    if (v.ssmActivationExpiry !== undefined) {
        const format = activationExpiryFormatProblem(v.ssmActivationExpiry);
        const expiry = Date.parse(v.ssmActivationExpiry);
        const latest = ctx.now.getTime() + MAX_ACTIVATION_DAYS * 86_400_000;
        if (format) {
            add("ssmActivationExpiry", v.ssmActivationExpiry, format);
        } else if (expiry > latest) {
            add("ssmActivationExpiry", v.ssmActivationExpiry, `is more than ${MAX_ACTIVATION_DAYS} days after this deploy (AWS's limit for an activation); allowed: a UTC time up to ${new Date(latest).toISOString().slice(0, 19)}Z`);
        } else {
            if (expiry <= ctx.now.getTime()) {
                notes.push(
                    `${full("ssmActivationExpiry")} = ${v.ssmActivationExpiry} has passed: the on-premise servers registered with the activation stay registered; ` +
                    `to register more, set a new expiry (at most ${MAX_ACTIVATION_DAYS} days ahead), which creates a new activation and code`,
                );
            }
            const limit = v.ssmRegistrationLimit === undefined || v.ssmRegistrationLimit === 0 ? Math.max(1, servers.length) : v.ssmRegistrationLimit;
            const limitWhy = registrationLimitProblem(limit);
            if (limitWhy) add("ssmRegistrationLimit", String(limit), limitWhy);
            activation = { registrationLimit: limit, expirationDate: v.ssmActivationExpiry };
        }
    }

    if (problems.length > 0) return { problems, settings: undefined, notes };
    return {
        problems,
        notes,
        settings: {
            onPremiseCidrs: cidrs,
            servers,
            customerGateway: { ipAddress: v.customerGatewayIp!, bgpAsn: v.customerGatewayBgpAsn ?? HYBRID_KEYS.customerGatewayBgpAsn.default! },
            routing: v.vpnRouting ?? "static",
            amazonSideAsn: v.amazonSideAsn ?? HYBRID_KEYS.amazonSideAsn.default!,
            tunnels: [
                { ...(v.vpnTunnel1InsideCidr ? { insideCidr: v.vpnTunnel1InsideCidr } : {}), ...(v.vpnTunnel1PresharedKey ? { presharedKey: v.vpnTunnel1PresharedKey } : {}) },
                { ...(v.vpnTunnel2InsideCidr ? { insideCidr: v.vpnTunnel2InsideCidr } : {}), ...(v.vpnTunnel2PresharedKey ? { presharedKey: v.vpnTunnel2PresharedKey } : {}) },
            ],
            weights,
            onPremiseShare: weights.onPremise / (weights.cloud + weights.onPremise),
            ...(activation ? { activation } : {}),
            failover: { unhealthyMinutes: v.failoverUnhealthyMinutes ?? HYBRID_KEYS.failoverUnhealthyMinutes.default!, recoveryMinutes: v.failoverRecoveryMinutes ?? HYBRID_KEYS.failoverRecoveryMinutes.default!, minHealthyHosts: 1 },
        },
    };
}

/** The capacity plan's key for what the on-premise servers carry (stacks/config/keys.ts). */
const CAPACITY_KEY = `${PROJECT}:onPremiseViewerCapacity`;

/** What {@link fitOnPremiseShare} checks the link's weights against. */
export interface OnPremiseFitContext {
    stack: string;
    /** `kgsports:onPremiseViewerCapacity`: concurrent viewers the servers carry together (0: unknown). */
    capacityViewers: number;
    /** The busiest minute of every scenario the upcoming fixtures ask for (`askedPeaks`). */
    peaks: readonly AskedPeak[];
}

/**
 * The on-premise servers' share at every surge the fixtures ask for, against what they
 * carry, and the healthy servers the failover must keep.
 *
 * - A problem on `onPremiseWeight` when their share of a scenario's busiest minute
 *   exceeds `onPremiseViewerCapacity` (the load balancer would send them more than
 *   they carry while the cloud stands by), naming the worst scenario, the on-premise
 *   weight that fits next to the cloud weight, and the cloud weight that fits next to
 *   the on-premise weight.
 * - `minHealthyHosts`: the servers their share needs at the largest planned audience,
 *   `ceil(share viewers / (onPremiseViewerCapacity / servers))`, so the failover moves
 *   their share as soon as the survivors could not carry it; 1 (fail over at none)
 *   when the capacity or the audience is unknown, with a note.
 */
export function fitOnPremiseShare(h: HybridSettings, ctx: OnPremiseFitContext): { problems: HybridProblem[]; minHealthyHosts: number; notes: string[] } {
    const servers = h.servers.length;
    if (ctx.capacityViewers <= 0) {
        return {
            problems: [],
            minHealthyHosts: 1,
            notes: [
                `${PROJECT}:onPremiseViewerCapacity is not set: the plan cannot check that the on-premise share (${(h.onPremiseShare * 100).toFixed(1)} % of requests) fits their servers, ` +
                    `and the failover moves their share to the cloud only when none of the ${servers} is healthy`,
            ],
        };
    }
    const share = (p: AskedPeak) => p.peakViewers * h.onPremiseShare;
    const largest = ctx.peaks.reduce<AskedPeak | undefined>((a, p) => (a === undefined || p.peakViewers > a.peakViewers ? p : a), undefined);
    const scenario = (p: AskedPeak) => `"${p.window}" at x${formatSurge(p.surge)}`;
    const problems: HybridProblem[] = [];
    const over = ctx.peaks.filter((p) => share(p) > ctx.capacityViewers);
    if (largest !== undefined && over.length > 0) {
        const { cloud, onPremise } = h.weights;
        const w = fittingOnPremiseWeight(cloud, largest.peakViewers, ctx.capacityViewers);
        const c = fittingCloudWeight(onPremise, largest.peakViewers, ctx.capacityViewers);
        const others = over.length > 1 ? ` (and ${over.length - 1} other scenario${over.length > 2 ? "s" : ""} the fixtures ask for)` : "";
        const options = [
            w > 0
                ? `${full("onPremiseWeight")} at most ${w} with ${full("cloudWeight")} = ${cloud} (${((w / (cloud + w)) * 100).toFixed(1)} %, ${Math.round((largest.peakViewers * w) / (cloud + w))} viewers at that peak)`
                : `${full("onPremiseWeight")} = 0 (no share for them) with ${full("cloudWeight")} above 0`,
            ...(c !== undefined && c !== cloud ? [`${full("cloudWeight")} at least ${c} with ${full("onPremiseWeight")} = ${onPremise}`] : []),
            `or a measured ${CAPACITY_KEY} of at least ${Math.ceil(share(largest))}`,
        ];
        problems.push({
            key: full("onPremiseWeight"),
            value: String(onPremise),
            message:
                `with ${full("cloudWeight")} = ${cloud} the on-premise servers of stack "${ctx.stack}" get ${(h.onPremiseShare * 100).toFixed(1)} % of requests: ` +
                `${Math.round(share(largest))} viewers at the busiest minute of ${scenario(largest)} (of ${largest.peakViewers} viewers in all)${others}, ` +
                `more than the ${ctx.capacityViewers} they carry (${CAPACITY_KEY}), while the cloud would stand by; ` +
                `allowed: a share that fits at every surge the fixtures ask for: ${options.join("; ")}`,
        });
    }
    if (largest === undefined) return { problems, minHealthyHosts: 1, notes: [] };
    const perServer = ctx.capacityViewers / servers;
    const needed = Math.min(servers, serversNeeded(share(largest), ctx.capacityViewers, servers));
    return {
        problems,
        minHealthyHosts: needed,
        notes: [
            `failover: the on-premise share of the largest planned audience (${Math.round(share(largest))} of ${largest.peakViewers} viewers, ${scenario(largest)}) needs ${needed} of the ${servers} servers ` +
                `(${Math.round(perServer)} viewers each: ${CAPACITY_KEY} ${ctx.capacityViewers} / ${servers}); their share moves to the cloud when fewer than ${needed} are healthy ` +
                `for ${h.failover.unhealthyMinutes} minute(s), and returns after ${h.failover.recoveryMinutes} minute(s) with at least ${needed}`,
        ],
    };
}
