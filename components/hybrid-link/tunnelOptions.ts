/**
 * The VPN connection's tunnel options, decided as data: the same strong set on both
 * tunnels. Every value is one the EC2 API lists as valid (VpnTunnelOptionsSpecification).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import {
    TunnelArgs,
    TUNNEL_IKE_VERSIONS,
    TUNNEL_ENCRYPTION_ALGORITHMS,
    TUNNEL_INTEGRITY_ALGORITHMS,
    TUNNEL_DH_GROUP_NUMBERS,
    TUNNEL_DPD_TIMEOUT_ACTION,
    TUNNEL_STARTUP_ACTION,
    TUNNEL_LIFECYCLE_CONTROL,
    TunnelOptionSet,
} from "./tunnelSettings";

export * from "./tunnelSettings";

/** The options of one tunnel: the strong defaults plus the caller's inside CIDR and key (as a secret). */
export function decideTunnelOptionSet(tunnel: TunnelArgs | undefined): TunnelOptionSet {
    return {
        ikeVersions: [...TUNNEL_IKE_VERSIONS],
        phase1EncryptionAlgorithms: [...TUNNEL_ENCRYPTION_ALGORITHMS],
        phase1IntegrityAlgorithms: [...TUNNEL_INTEGRITY_ALGORITHMS],
        phase1DhGroupNumbers: [...TUNNEL_DH_GROUP_NUMBERS],
        phase2EncryptionAlgorithms: [...TUNNEL_ENCRYPTION_ALGORITHMS],
        phase2IntegrityAlgorithms: [...TUNNEL_INTEGRITY_ALGORITHMS],
        phase2DhGroupNumbers: [...TUNNEL_DH_GROUP_NUMBERS],
        dpdTimeoutAction: TUNNEL_DPD_TIMEOUT_ACTION,
        startupAction: TUNNEL_STARTUP_ACTION,
        enableTunnelLifecycleControl: TUNNEL_LIFECYCLE_CONTROL,
        ...(tunnel?.insideCidr !== undefined ? { insideCidr: tunnel.insideCidr } : {}),
        ...(tunnel?.presharedKey !== undefined ? { presharedKey: pulumi.secret(tunnel.presharedKey) } : {}),
    };
}

/** The VPN connection's `tunnel1*` / `tunnel2*` arguments (typed by the provider, so a misspelt name fails to compile). */
export type TunnelConnectionArgs = Pick<aws.ec2.VpnConnectionArgs,
    "tunnel1IkeVersions" | "tunnel1Phase1EncryptionAlgorithms" | "tunnel1Phase1IntegrityAlgorithms" | "tunnel1Phase1DhGroupNumbers" | "tunnel1Phase2EncryptionAlgorithms" | "tunnel1Phase2IntegrityAlgorithms" | "tunnel1Phase2DhGroupNumbers" | "tunnel1DpdTimeoutAction" | "tunnel1StartupAction" | "tunnel1EnableTunnelLifecycleControl" | "tunnel1InsideCidr" | "tunnel1PresharedKey" | "tunnel2IkeVersions" | "tunnel2Phase1EncryptionAlgorithms" | "tunnel2Phase1IntegrityAlgorithms" | "tunnel2Phase1DhGroupNumbers" | "tunnel2Phase2EncryptionAlgorithms" | "tunnel2Phase2IntegrityAlgorithms" | "tunnel2Phase2DhGroupNumbers" | "tunnel2DpdTimeoutAction" | "tunnel2StartupAction" | "tunnel2EnableTunnelLifecycleControl" | "tunnel2InsideCidr" | "tunnel2PresharedKey">;

/** Both tunnels' options as the provider's arguments; a setting the caller left out is absent (AWS's choice). */
export function decideTunnelConnectionArgs(tunnels: readonly [TunnelArgs?, TunnelArgs?] | undefined): TunnelConnectionArgs {
    const t1 = decideTunnelOptionSet(tunnels?.[0]);
    const t2 = decideTunnelOptionSet(tunnels?.[1]);
    const args: TunnelConnectionArgs = {
        tunnel1IkeVersions: t1.ikeVersions,
        tunnel1Phase1EncryptionAlgorithms: t1.phase1EncryptionAlgorithms,
        tunnel1Phase1IntegrityAlgorithms: t1.phase1IntegrityAlgorithms,
        tunnel1Phase1DhGroupNumbers: t1.phase1DhGroupNumbers,
        tunnel1Phase2EncryptionAlgorithms: t1.phase2EncryptionAlgorithms,
        tunnel1Phase2IntegrityAlgorithms: t1.phase2IntegrityAlgorithms,
        tunnel1Phase2DhGroupNumbers: t1.phase2DhGroupNumbers,
        tunnel1DpdTimeoutAction: t1.dpdTimeoutAction,
        tunnel1StartupAction: t1.startupAction,
        tunnel1EnableTunnelLifecycleControl: t1.enableTunnelLifecycleControl,
        tunnel1InsideCidr: t1.insideCidr,
        tunnel1PresharedKey: t1.presharedKey,
        tunnel2IkeVersions: t2.ikeVersions,
        tunnel2Phase1EncryptionAlgorithms: t2.phase1EncryptionAlgorithms,
        tunnel2Phase1IntegrityAlgorithms: t2.phase1IntegrityAlgorithms,
        tunnel2Phase1DhGroupNumbers: t2.phase1DhGroupNumbers,
        tunnel2Phase2EncryptionAlgorithms: t2.phase2EncryptionAlgorithms,
        tunnel2Phase2IntegrityAlgorithms: t2.phase2IntegrityAlgorithms,
        tunnel2Phase2DhGroupNumbers: t2.phase2DhGroupNumbers,
        tunnel2DpdTimeoutAction: t2.dpdTimeoutAction,
        tunnel2StartupAction: t2.startupAction,
        tunnel2EnableTunnelLifecycleControl: t2.enableTunnelLifecycleControl,
        tunnel2InsideCidr: t2.insideCidr,
        tunnel2PresharedKey: t2.presharedKey,
    };
    // Leave unset values out, so the provider keeps what AWS chose (no diff).
    for (const key of Object.keys(args) as (keyof TunnelConnectionArgs)[]) {
        if (args[key] === undefined) delete args[key];
    }
    return args;
}
