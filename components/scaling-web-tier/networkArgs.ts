/**
 * The tier's network: either the tier creates its own VPC (an awsx VPC with public
 * subnets for the load balancer and private ones for the instances), or it runs in a
 * network the caller declared and shares with other components (a VPN, say).
 */
import type * as pulumi from "@pulumi/pulumi";
import type * as awsx from "@pulumi/awsx";

/** The network the tier creates (an awsx VPC with public and private subnets). */
export interface WebTierNetworkArgs {
    /** IPv4 CIDR of the VPC, /16 to /24. Required. */
    cidrBlock: string;
    /** How many availability zones to spread over. Required; at least 2 (an ALB needs two). */
    availabilityZoneCount: number;
    /** `"OnePerAz"` survives the loss of a zone; `"Single"` is cheaper. Default `"OnePerAz"`. */
    natGateways?: "Single" | "OnePerAz";
}

/** A network the caller declared: the tier puts its load balancer and instances in it. */
export interface WebTierExistingNetworkArgs {
    /** VPC id. Required. */
    vpcId: pulumi.Input<string>;
    /** Public subnets, one per zone, at least 2 zones: the load balancer's. Required. */
    publicSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /** Private subnets with outbound access (NAT), one per zone: the instances'. Required. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
}

export function isExistingNetwork(n: WebTierNetworkArgs | WebTierExistingNetworkArgs): n is WebTierExistingNetworkArgs {
    return (n as WebTierExistingNetworkArgs).vpcId !== undefined;
}

/** The logical name of the VPC a tier named `tierName` creates (and a stack that moved it out keeps). */
export function webTierVpcName(tierName: string): string {
    return `${tierName}-vpc`;
}

/**
 * The awsx VPC arguments of a tier's network. A caller that declares the network
 * itself uses exactly these, so moving the VPC out of the tier changes no input.
 */
export function webTierVpcArgs(tierName: string, network: WebTierNetworkArgs, tags: Record<string, string> = {}): awsx.ec2.VpcArgs {
    return {
        cidrBlock: network.cidrBlock,
        numberOfAvailabilityZones: network.availabilityZoneCount,
        natGateways: { strategy: network.natGateways ?? "OnePerAz" },
        subnetStrategy: "Auto",
        subnetSpecs: [{ type: "Public" }, { type: "Private" }],
        enableDnsHostnames: true,
        tags: { ...tags, Name: webTierVpcName(tierName) },
    };
}
