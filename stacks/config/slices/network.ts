/**
 * The web tier's network: the VPC's range, its zones and NAT gateways (ScalingWebTier's
 * network arguments).
 */
import { z } from "zod";
import { isPrivateIpv4Cidr, parseIpv4Cidr } from "../cidr";
import { def, integer, oneOf } from "../schema";
import { defineSlice } from "../slice";

export const NETWORK_KEYS = {
    vpcCidr: def({
        type: "string",
        description: "IPv4 CIDR of the VPC (RFC 1918, /16 to /20). Must not overlap the on-premise network.",
        default: "10.20.0.0/16",
        allowed: "an RFC 1918 IPv4 CIDR from /16 to /20 with no host bits set, e.g. 10.20.0.0/16",
        schema: z.string().refine((v) => {
            const c = parseIpv4Cidr(v);
            return c !== undefined && c.prefix >= 16 && c.prefix <= 20 && isPrivateIpv4Cidr(c);
        }),
    }),
    availabilityZoneCount: def({
        type: "integer",
        description: "Availability zones to spread the VPC, load balancer and instances over (2 to 6).",
        default: 2,
        allowed: "a whole number from 2 to 6 (a load balancer needs two zones)",
        schema: integer(2, 6),
    }),
    natGateways: def({
        type: "string",
        description: "NAT gateways: OnePerAz (survives the loss of a zone) or Single (cheaper, dev only).",
        default: "OnePerAz" as "OnePerAz" | "Single",
        allowed: 'one of "OnePerAz", "Single"',
        schema: oneOf(["OnePerAz", "Single"] as const),
    }),
};

export interface NetworkSettings {
    cidrBlock: string;
    availabilityZoneCount: number;
    natGateways: "OnePerAz" | "Single";
}

export const networkSlice = defineSlice({
    name: "network",
    title: "Network: the VPC, its zones and NAT gateways",
    keys: NETWORK_KEYS,
    decide(v): { settings?: NetworkSettings } {
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; a refused key has its own problem, so these settings are never used
        if (v.vpcCidr === undefined || v.availabilityZoneCount === undefined || v.natGateways === undefined) return {};
        return { settings: { cidrBlock: v.vpcCidr, availabilityZoneCount: v.availabilityZoneCount, natGateways: v.natGateways } };
    },
});
