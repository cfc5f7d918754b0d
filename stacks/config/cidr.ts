/** IPv4 CIDR parsing and comparison, for config validation. */

export interface Ipv4Cidr {
    /** Network address as an unsigned 32-bit number. */
    base: number;
    prefix: number;
}

/** Parses "a.b.c.d/n"; undefined when malformed or when host bits are set. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const prefix = Number(m[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return undefined;
    const base = octets.reduce((acc, o) => acc * 256 + o, 0);
    const size = 2 ** (32 - prefix);
    if (base % size !== 0) return undefined;
    return { base, prefix };
}

function contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    const size = 2 ** (32 - outer.prefix);
    return inner.prefix >= outer.prefix && Math.floor(inner.base / size) === Math.floor(outer.base / size);
}

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => parseIpv4Cidr(c)!);

/** Inside RFC 1918 private space. */
export function isPrivateIpv4Cidr(c: Ipv4Cidr): boolean {
    return PRIVATE_RANGES.some((r) => contains(r, c));
}

/** Whether two ranges share any address. */
export function ipv4CidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
    return contains(a, b) || contains(b, a);
}
