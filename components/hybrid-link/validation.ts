/**
 * Pure validators of the link's values, by AWS's own rules. Each returns undefined
 * when the value is allowed, or a sentence about the value that ends with what is
 * allowed ("is reserved by AWS; allowed: ..."), without naming a field: the caller
 * puts its own name and the value in front (`<key> = "<value>": <sentence>`), so the
 * stack's config module can name its config keys and the component its args.
 */
import {
    cidrContains,
    cidrContainsAddress,
    cidrsOverlap,
    formatIpv4Address,
    isOnPremiseTargetRange,
    isPublicIpv4Address,
    ON_PREMISE_TARGET_RANGES,
    parseIpv4Address,
    parseIpv4Cidr,
} from "./cidr";

/**
 * A problem with one entry of a list (`index`), or one field of it (`field`, e.g.
 * `address`), or with the list as a whole (`index` undefined).
 */
export interface ListProblem {
    index?: number;
    field?: string;
    problem: string;
}

const TARGET_RANGES_TEXT = `${ON_PREMISE_TARGET_RANGES.slice(0, 3).join(", ")} (RFC 1918) or 100.64.0.0/10 (RFC 6598)`;

// ---------------------------------------------------------------- the component's name

/** AWS's limit for target group names. */
const TARGET_GROUP_NAME_LIMIT = 32;
/** Pulumi's auto-naming suffix: "-" and 7 random characters. */
const AUTONAME_SUFFIX_LENGTH = 8;
/** The target group's child role, `${name}-onprem`. */
export const TARGET_GROUP_ROLE = "onprem";

/** Longest component name whose auto-named target group still fits AWS's 32 characters. */
export const MAX_LINK_NAME_LENGTH = TARGET_GROUP_NAME_LIMIT - AUTONAME_SUFFIX_LENGTH - (TARGET_GROUP_ROLE.length + 1);

/** The component's name: its auto-named target group must fit AWS's limit. */
export function hybridLinkNameProblem(name: string): string | undefined {
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(name) || name.length > MAX_LINK_NAME_LENGTH) {
        return `is not a usable name; allowed: letters, digits and inner hyphens, at most ${MAX_LINK_NAME_LENGTH} characters (the auto-named target group "<name>-${TARGET_GROUP_ROLE}-xxxxxxx" must fit AWS's ${TARGET_GROUP_NAME_LIMIT})`;
    }
    return undefined;
}

// ---------------------------------------------------------------- addresses and ranges

/** The customer gateway device's outside address: a static public IPv4 address (a VPN over the internet). */
export function customerGatewayAddressProblem(ipAddress: string): string | undefined {
    const address = parseIpv4Address(ipAddress);
    if (address === undefined) return "is not an IPv4 address; allowed: the static public IPv4 address of the on-premise VPN device, e.g. 203.0.113.10";
    if (!isPublicIpv4Address(address)) {
        return "is not a public internet address (private, shared, loopback, link-local, multicast or reserved); allowed: the static public IPv4 address of the on-premise VPN device (behind NAT: the NAT device's public address)";
    }
    return undefined;
}

/**
 * The on-premise ranges: each a valid IPv4 CIDR inside RFC 1918 or 100.64.0.0/10 (the
 * only addresses an IP target group accepts outside the VPC), overlapping neither the
 * VPC nor each other; at least one.
 */
export function onPremiseCidrProblems(cidrs: readonly string[], vpcCidr: string): ListProblem[] {
    if (cidrs.length === 0) return [{ problem: `is empty; allowed: one or more on-premise CIDR blocks inside ${TARGET_RANGES_TEXT}` }];
    const vpc = parseIpv4Cidr(vpcCidr);
    const problems: ListProblem[] = [];
    const parsed = cidrs.map((c) => parseIpv4Cidr(c));
    parsed.forEach((block, index) => {
        if (block === undefined) {
            problems.push({ index, problem: "is not an IPv4 CIDR block with its host bits clear; allowed: a block such as 192.168.10.0/24" });
        } else if (!isOnPremiseTargetRange(block)) {
            problems.push({ index, problem: `is not private address space; allowed: a block inside ${TARGET_RANGES_TEXT}` });
        } else if (vpc !== undefined && cidrsOverlap(block, vpc)) {
            problems.push({ index, problem: `overlaps the VPC CIDR ${vpcCidr}; allowed: a private block that shares no address with the VPC or the other on-premise blocks` });
        } else {
            const other = parsed.findIndex((b, i) => i < index && b !== undefined && cidrsOverlap(b, block));
            if (other >= 0) {
                problems.push({ index, problem: `overlaps ${cidrs[other]} (entry ${other}); allowed: a private block that shares no address with the VPC or the other on-premise blocks` });
            }
        }
    });
    return problems;
}

/** An on-premise server's address: a private IPv4 address inside one of the on-premise ranges. */
export function onPremiseServerAddressProblem(address: string, onPremiseCidrs: readonly string[]): string | undefined {
    const value = parseIpv4Address(address);
    if (value === undefined) return "is not an IPv4 address; allowed: a private IPv4 address such as 192.168.10.21";
    if (!isOnPremiseTargetRange({ base: value, prefix: 32 })) {
        return `is not private; allowed: an address inside ${TARGET_RANGES_TEXT} (an IP target group accepts no other address outside the VPC)`;
    }
    const blocks = onPremiseCidrs.map((c) => parseIpv4Cidr(c)).filter((b) => b !== undefined);
    if (!blocks.some((b) => cidrContainsAddress(b, value))) {
        return `is outside every on-premise CIDR (${onPremiseCidrs.join(", ") || "none given"}), so the VPN would not route to it; allowed: an address inside one of them`;
    }
    return undefined;
}

/** A target's port (an ALB target port). */
export function serverPortProblem(port: number): string | undefined {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return "is not a port; allowed: a whole number from 1 to 65535";
    return undefined;
}

/** Every server's address and port, and no server listed twice. */
export function onPremiseServersProblems(servers: readonly { address: string; port: number }[], onPremiseCidrs: readonly string[]): ListProblem[] {
    if (servers.length === 0) return [{ problem: "is empty; allowed: one or more on-premise servers {address, port}" }];
    const problems: ListProblem[] = [];
    const seen = new Set<string>();
    servers.forEach((s, index) => {
        const address = onPremiseServerAddressProblem(s.address, onPremiseCidrs);
        if (address) problems.push({ index, field: "address", problem: address });
        const port = serverPortProblem(s.port);
        if (port) problems.push({ index, field: "port", problem: port });
        const key = `${s.address}:${s.port}`;
        if (seen.has(key)) problems.push({ index, problem: `${key} is listed twice; allowed: each address and port once` });
        seen.add(key);
    });
    return problems;
}

// ---------------------------------------------------------------- tunnels

/** The /30 blocks AWS reserves inside 169.254.0.0/16 (EC2 API, VpnTunnelOptionsSpecification.TunnelInsideCidr). */
export const RESERVED_TUNNEL_INSIDE_CIDRS: readonly string[] = [
    "169.254.0.0/30",
    "169.254.1.0/30",
    "169.254.2.0/30",
    "169.254.3.0/30",
    "169.254.4.0/30",
    "169.254.5.0/30",
    "169.254.169.252/30",
];

const LINK_LOCAL = parseIpv4Cidr("169.254.0.0/16")!;
const TUNNEL_INSIDE_ALLOWED = "a /30 block inside 169.254.0.0/16 other than 169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30, e.g. 169.254.10.0/30";

/** A tunnel's inside CIDR: a /30 inside 169.254.0.0/16, not one of AWS's reserved blocks. */
export function tunnelInsideCidrProblem(cidr: string): string | undefined {
    const block = parseIpv4Cidr(cidr);
    if (block === undefined) return `is not an IPv4 CIDR block with its host bits clear; allowed: ${TUNNEL_INSIDE_ALLOWED}`;
    if (block.prefix !== 30 || !cidrContains(LINK_LOCAL, block)) return `is not a /30 inside 169.254.0.0/16; allowed: ${TUNNEL_INSIDE_ALLOWED}`;
    if (RESERVED_TUNNEL_INSIDE_CIDRS.includes(`${formatIpv4Address(block.base)}/30`)) return `is reserved by AWS; allowed: ${TUNNEL_INSIDE_ALLOWED}`;
    return undefined;
}

/** A tunnel's pre-shared key, by AWS's rule. */
export function presharedKeyProblem(key: string): string | undefined {
    if (key.length < 8 || key.length > 64 || !/^[A-Za-z0-9._]+$/.test(key) || key.startsWith("0")) {
        return "does not follow AWS's rule; allowed: 8 to 64 characters, letters, digits, periods (.) and underscores (_) only, not starting with zero (0)";
    }
    return undefined;
}

// ---------------------------------------------------------------- BGP

/** Public ASNs AWS keeps for itself: in every region, or in one region only. */
export const RESERVED_CUSTOMER_ASNS: readonly { asn: number; region?: string }[] = [
    { asn: 7224 },
    { asn: 9059, region: "eu-west-1" },
    { asn: 10124, region: "ap-northeast-1" },
    { asn: 17943, region: "ap-southeast-1" },
];

/** Largest ASN the customer gateway's `bgpAsn` takes; above it `bgpAsnExtended` carries the value. */
export const MAX_CUSTOMER_BGP_ASN_16_31 = 2_147_483_647;

/**
 * The customer gateway's BGP ASN: 1 to 4294967295, except the ASNs AWS reserves (7224
 * everywhere; 9059 in eu-west-1, 10124 in ap-northeast-1, 17943 in ap-southeast-1).
 * Without a region, every regional reservation counts.
 */
export function customerBgpAsnProblem(asn: number, region?: string): string | undefined {
    const allowed = "allowed: a whole number from 1 to 4294967295 except 7224 (and 9059 in eu-west-1, 10124 in ap-northeast-1, 17943 in ap-southeast-1); without a public ASN, a private one from 64512 to 65534 or 4200000000 to 4294967294";
    if (!Number.isInteger(asn) || asn < 1 || asn > 4_294_967_295) return `is not a BGP ASN; ${allowed}`;
    const reserved = RESERVED_CUSTOMER_ASNS.find((r) => r.asn === asn && (r.region === undefined || region === undefined || r.region === region));
    if (reserved) return `is reserved by AWS${reserved.region ? ` in ${reserved.region}` : ""}; ${allowed}`;
    return undefined;
}

/** The virtual private gateway's (Amazon side) ASN: a private ASN. */
export function amazonSideAsnProblem(asn: number): string | undefined {
    if (!Number.isInteger(asn) || !((asn >= 64512 && asn <= 65534) || (asn >= 4_200_000_000 && asn <= 4_294_967_294))) {
        return "is not a private ASN; allowed: a whole number from 64512 to 65534 or from 4200000000 to 4294967294";
    }
    return undefined;
}

// ---------------------------------------------------------------- SSM activation

/** The form the provider reads an activation's expiry back in: any other spelling would be a diff (and a replacement) on every deploy. */
const UTC_SECONDS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
/** AWS's limit: an activation expires at most 30 days after it is created. */
export const MAX_ACTIVATION_DAYS = 30;

/** The expiry's spelling only: a real UTC time written `YYYY-MM-DDThh:mm:ssZ`. */
export function activationExpiryFormatProblem(expirationDate: string): string | undefined {
    const m = UTC_SECONDS.exec(expirationDate);
    const time = Date.parse(expirationDate);
    const real = m !== null && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 19) + "Z" === expirationDate;
    if (!real) {
        return 'is not a UTC time written YYYY-MM-DDThh:mm:ssZ; allowed: a fixed UTC time such as "2027-04-15T00:00:00Z" (the form AWS reads back, so the activation is not replaced on every deploy)';
    }
    return undefined;
}

/**
 * The activation's expiry when it is set or changed: a fixed UTC time after `now` and
 * at most 30 days after it (AWS's limit). `now` is a parameter: the expiry itself must
 * never be computed from the clock.
 */
export function activationExpiryProblem(expirationDate: string, now: Date): string | undefined {
    const format = activationExpiryFormatProblem(expirationDate);
    if (format) return format;
    const latest = new Date(now.getTime() + MAX_ACTIVATION_DAYS * 86_400_000);
    const allowed = `allowed: a UTC time after ${isoSeconds(now)} and at most ${MAX_ACTIVATION_DAYS} days later (${isoSeconds(latest)})`;
    const time = Date.parse(expirationDate);
    if (time <= now.getTime()) return `is not in the future; ${allowed}`;
    if (time > latest.getTime()) return `is more than ${MAX_ACTIVATION_DAYS} days ahead; ${allowed}`;
    return undefined;
}

function isoSeconds(d: Date): string {
    return d.toISOString().slice(0, 19) + "Z";
}

/** How many servers one activation may register (AWS: 1 to 1000). */
export function registrationLimitProblem(limit: number): string | undefined {
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return "is not a registration limit; allowed: a whole number from 1 to 1000";
    return undefined;
}

// ---------------------------------------------------------------- load balancer

/**
 * The weights of one weighted forward action (the cloud group, the on-premise group,
 * ...): 1 to 5 target groups, each weight a whole number from 0 to 999, not all zero
 * (a forward action with every weight 0 sends traffic nowhere).
 */
export function forwardWeightsProblem(weights: readonly number[]): string | undefined {
    const allowed = "allowed: 1 to 5 target groups, each weight a whole number from 0 to 999, at least one above 0";
    if (weights.length < 1 || weights.length > 5) return `has ${weights.length} target groups; ${allowed}`;
    const bad = weights.find((w) => !Number.isInteger(w) || w < 0 || w > 999);
    if (bad !== undefined) return `has the weight ${bad}; ${allowed}`;
    if (weights.every((w) => w === 0)) return `are all zero, so no request would be forwarded; ${allowed}`;
    return undefined;
}

/**
 * Healthy servers the failover keeps (`failover.minHealthyHosts`): a whole number from 1
 * to the number of servers (more could never be healthy, so the link would stay failed
 * over for good).
 */
export function minHealthyHostsProblem(value: number, serverCount: number): string | undefined {
    if (!Number.isInteger(value) || value < 1) return `is not a whole number of 1 or more; allowed: 1 to ${Math.max(1, serverCount)} (the number of servers)`;
    if (value > serverCount) {
        return `is more than the ${serverCount} server${serverCount === 1 ? "" : "s"} listed, so the failover would never restore their share; allowed: 1 to ${serverCount} (add servers, or lower their share)`;
    }
    return undefined;
}

/** A listener rule priority (1 is evaluated first). */
export function rulePriorityProblem(priority: number): string | undefined {
    if (!Number.isInteger(priority) || priority < 1 || priority > 50000) return "is not a listener rule priority; allowed: a whole number from 1 to 50000";
    return undefined;
}

// ---------------------------------------------------------------- health check and failover timing

/** An integer in a range; the sentence names the range. */
export function wholeNumberProblem(value: number, min: number, max: number, unit = ""): string | undefined {
    if (!Number.isInteger(value) || value < min || value > max) return `is out of range; allowed: a whole number from ${min} to ${max}${unit}`;
    return undefined;
}

/** A health check path: absolute, at most 1024 characters. */
export function healthCheckPathProblem(path: string): string | undefined {
    if (!path.startsWith("/") || path.length > 1024 || /\s/.test(path)) return "is not a health check path; allowed: a path starting with / , at most 1024 characters, no spaces";
    return undefined;
}

/** HTTP codes an ALB counts as healthy: codes or ranges from 200 to 499, e.g. "200", "200,204", "200-399". */
export function healthCheckMatcherProblem(matcher: string): string | undefined {
    const ok = matcher.split(",").every((part) => {
        const m = /^(\d{3})(?:-(\d{3}))?$/.exec(part);
        if (!m) return false;
        const lo = Number(m[1]);
        const hi = m[2] === undefined ? lo : Number(m[2]);
        return lo >= 200 && hi <= 499 && lo <= hi;
    });
    return ok ? undefined : 'is not an HTTP code matcher; allowed: codes or ranges from 200 to 499, e.g. "200", "200,204" or "200-399"';
}
