/**
 * The link's security group rules, decided as data: the load balancer may reach each
 * on-premise server on its port, and nothing else. Each becomes one
 * `aws.vpc.SecurityGroupEgressRule` on the load balancer's security group.
 */

/** An on-premise server behind the load balancer. */
export interface OnPremiseServer {
    /** Private IPv4 address (RFC 1918 or 100.64.0.0/10) inside one of the on-premise CIDRs. Required. */
    address: string;
    /** Port the server serves HTTP on, 1 to 65535 (also its health check port). Required. */
    port: number;
}

export interface ServerEgressRule {
    /** Child role, used in the resource name: `${link}-alb-to-${role}`. */
    role: string;
    /** Exactly the server: `<address>/32`. */
    cidrIpv4: string;
    port: number;
    description: string;
}

/** One egress rule per server: TCP to `<address>/32` on the server's port only. */
export function decideServerEgressRules(servers: readonly OnPremiseServer[]): ServerEgressRule[] {
    return servers.map((s) => ({
        role: serverRole(s),
        cidrIpv4: `${s.address}/32`,
        port: s.port,
        description: `load balancer to the on-premise server ${s.address} on port ${s.port} (traffic and health checks, over the VPN)`,
    }));
}

/** A stable role for a server's children (`10.50.1.21-8080`): keyed by the server, not its position. */
export function serverRole(s: OnPremiseServer): string {
    return `${s.address}-${s.port}`;
}
