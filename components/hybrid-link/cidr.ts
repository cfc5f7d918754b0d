/**
 * IPv4 addresses and CIDR blocks as numbers, for the link's validators. A small copy
 * of what the project's config uses, so the package stands alone.
 */

export interface Ipv4Cidr {
    /** Network address as an unsigned 32-bit number. */
    base: number;
    /** Prefix length, 0 to 32. */
    prefix: number;
}

/** "a.b.c.d" as an unsigned 32-bit number; undefined when malformed (leading zeros included). */
export function parseIpv4Address(text: string): number | undefined {
    const m = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/.exec(text);
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return octets.reduce((acc, o) => acc * 256 + o, 0);
}

/** "a.b.c.d/n"; undefined when malformed or when host bits are set. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const m = /^([0-9.]+)\/(0|[1-9]\d?)$/.exec(text);
    if (!m) return undefined;
    const base = parseIpv4Address(m[1]);
    const prefix = Number(m[2]);
    if (base === undefined || prefix > 32) return undefined;
    if (base % 2 ** (32 - prefix) !== 0) return undefined;
    return { base, prefix };
}

/** The address as dotted text. */
export function formatIpv4Address(value: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    const size = 2 ** (32 - outer.prefix);
    return inner.prefix >= outer.prefix && Math.floor(inner.base / size) === Math.floor(outer.base / size);
}

/** Whether the address lies inside the block. */
export function cidrContainsAddress(block: Ipv4Cidr, address: number): boolean {
    return cidrContains(block, { base: address, prefix: 32 });
}

/** Whether two blocks share any address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
    return cidrContains(a, b) || cidrContains(b, a);
}

const cidr = (text: string): Ipv4Cidr => parseIpv4Cidr(text)!;

/**
 * The ranges an IP target group accepts outside the VPC (AWS: "the subnets of the VPC
 * for the target group, 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12, 192.168.0.0/16"): RFC
 * 1918 and RFC 6598 shared address space.
 */
export const ON_PREMISE_TARGET_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
const TARGET_RANGES = ON_PREMISE_TARGET_RANGES.map(cidr);

/** Inside RFC 1918 or 100.64.0.0/10. */
export function isOnPremiseTargetRange(block: Ipv4Cidr): boolean {
    return TARGET_RANGES.some((r) => cidrContains(r, block));
}

/**
 * Ranges that are never a public internet address (RFC 6890 special-purpose blocks
 * that cannot be a VPN peer on the internet). Documentation ranges (192.0.2.0/24 ...)
 * are left out on purpose: examples use them.
 */
const NOT_PUBLIC = [
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
].map(cidr);

/** Whether the address can be a device's public address on the internet. */
export function isPublicIpv4Address(address: number): boolean {
    return !NOT_PUBLIC.some((r) => cidrContainsAddress(r, address));
}
