/**
 * The CrossGuard pack of the KG SPORTS platform:
 *
 *     pulumi preview --stack matchday --policy-pack ./policy
 *
 * It only assembles ./pack.ts (the pure rules of ./rules wrapped for @pulumi/policy).
 * Constructing the PolicyPack starts the analyzer's gRPC server: nothing but the Pulumi
 * CLI imports this module; tests import ./rules and ./pack.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./pack";

new PolicyPack(PACK_NAME, {
    description: "KG SPORTS matchday platform: the project's security and operations rules (policy/README.md).",
    policies: policies(),
});
