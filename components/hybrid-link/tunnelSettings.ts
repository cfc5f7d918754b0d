/**
 * The VPN tunnels' settings as data: what a caller may choose per tunnel and the strong
 * set both tunnels get. No Pulumi at run time (`@kgsports/hybrid-link/pure`); the
 * provider's arguments are decided in tunnelOptions.ts.
 */
import type * as pulumi from "@pulumi/pulumi";

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
