/**
 * The VPN connection's tunnel options, decided as data: the same strong set on both
 * tunnels. Every value is one the EC2 API lists as valid (VpnTunnelOptionsSpecification).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Per-tunnel choices a caller may make. */
export interface TunnelArgs {
    /**
     * Inside CIDR of the tunnel: a /30 inside 169.254.0.0/16, not one of AWS's reserved
     * blocks, unique per virtual private gateway. Default: AWS picks one.
     */
    insideCidr?: string;
    /**
     * Pre-shared key (8 to 64 characters: letters, digits, `.` and `_`, not starting with
     * `0`); it is declared as a secret. Default: AWS generates one (it is in the secret
     * `customerGatewayConfiguration` output).
     */
    presharedKey?: pulumi.Input<string>;
}

/** IKEv2 only: IKEv1 is weaker, and AWS starts a tunnel itself (startup action `start`) with IKEv2 only. */
export const TUNNEL_IKE_VERSIONS: readonly string[] = ["ikev2"];
/** AES-256, GCM first (authenticated encryption), CBC for devices without GCM. No AES-128. */
export const TUNNEL_ENCRYPTION_ALGORITHMS: readonly string[] = ["AES256-GCM-16", "AES256"];
/**
 * SHA-2 only. Left unset, AWS would also accept SHA-1 (its default list is every
 * value). GCM ciphers carry their own integrity check: a device proposing AES-GCM pairs
 * it with no separate integrity algorithm; these apply to the AES-CBC proposals.
 */
export const TUNNEL_INTEGRITY_ALGORITHMS: readonly string[] = ["SHA2-256", "SHA2-384"];
/** Elliptic-curve groups only (ECP 256, 384, 521 bits): no MODP group 2, 5 or 14. */
export const TUNNEL_DH_GROUP_NUMBERS: readonly number[] = [19, 20, 21];
/** After a dead peer detection timeout AWS restarts IKE instead of leaving the tunnel down. */
export const TUNNEL_DPD_TIMEOUT_ACTION = "restart";
/** AWS starts IKE itself, so a tunnel comes up without waiting for on-premise traffic. */
export const TUNNEL_STARTUP_ACTION = "start";
/**
 * Tunnel endpoint lifecycle control: AWS replaces a tunnel's endpoint for its own
 * maintenance only when the team applies it (`aws ec2 replace-vpn-tunnel
 * --apply-pending-maintenance`) or after the date AWS announces, never unannounced in a
 * match. Turning it on for an existing connection is an in-place change
 * (ModifyVpnTunnelOptions, one tunnel at a time): the connection, its id and its
 * outside addresses stay, but each tunnel's endpoint is replaced once, so deploy that
 * change outside a match window (README, "Tunnel maintenance").
 */
export const TUNNEL_LIFECYCLE_CONTROL = true;

/** What one tunnel is declared with, before the provider's `tunnel1`/`tunnel2` prefix. */
export interface TunnelOptionSet {
    ikeVersions: string[];
    phase1EncryptionAlgorithms: string[];
    phase1IntegrityAlgorithms: string[];
    phase1DhGroupNumbers: number[];
    phase2EncryptionAlgorithms: string[];
    phase2IntegrityAlgorithms: string[];
    phase2DhGroupNumbers: number[];
    dpdTimeoutAction: string;
    startupAction: string;
    enableTunnelLifecycleControl: boolean;
    insideCidr?: string;
    presharedKey?: pulumi.Output<string>;
}

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
