/**
 * The tier's network: either the tier creates its own VPC (an awsx VPC with public
 * subnets for the load balancer and private ones for the instances), or it runs in a
 * network the caller declared and shares with other components (a VPN, say).
 */
import * as pulumi from "@pulumi/pulumi";
import { webTierVpcName } from "./networkArgs";

export * from "./networkArgs";

/**
 * The URN the VPC had while a tier named `tierName` (a top-level component) created
 * it. A stack that now declares the VPC itself passes this as an alias, so Pulumi
 * moves the existing VPC (and, through the engine's alias inheritance, its subnets,
 * route tables and NAT gateways) instead of replacing it.
 */
export function vpcUrnInsideTier(tierName: string): pulumi.Output<string> {
    return pulumi.createUrn(webTierVpcName(tierName), "awsx:ec2:Vpc", pulumi.createUrn(tierName, "kgsports:web:ScalingWebTier"));
}
