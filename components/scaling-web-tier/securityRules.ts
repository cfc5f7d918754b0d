/**
 * The tier's security group rules, decided as data. Each rule becomes one
 * `aws.vpc.SecurityGroupIngressRule` / `EgressRule` with a description.
 */
import { ListenerSpec } from "./listeners";

/**
 * THE ONE PLACE a default is loosened: the load balancer is internet-facing, so its
 * listener ports accept any IPv4 address. Nothing else in the tier is reachable from
 * outside the VPC, and no rule anywhere opens SSH (22) or RDP (3389).
 */
export const PUBLIC_INGRESS_CIDR = "0.0.0.0/0";

/**
 * Instances reach AWS APIs (SSM, CloudWatch, package repositories on S3) over HTTPS
 * through the NAT gateways; that is all the outbound access they get.
 */
export const INSTANCE_EGRESS_CIDR = "0.0.0.0/0";

export type GroupRole = "alb" | "instances";

export interface RuleSpec {
    /** Child role, used in the resource name: `${tier}-${group}-${direction}-${role}`. */
    role: string;
    group: GroupRole;
    direction: "ingress" | "egress";
    port: number;
    /** Exactly one of `cidrIpv4` and `peer` is set. */
    cidrIpv4?: string;
    peer?: GroupRole;
    description: string;
}

/** Ports no rule of this tier may open, whatever the listener or app port. */
export const FORBIDDEN_PORTS: readonly number[] = [22, 3389];

export function decideSecurityRules(listeners: ListenerSpec[], appPort: number): RuleSpec[] {
    if (FORBIDDEN_PORTS.includes(appPort)) {
        throw new Error(`appPort ${appPort} is an administration port; the tier never opens ${FORBIDDEN_PORTS.join(" or ")}`);
    }
    const rules: RuleSpec[] = listeners.map((l) => ({
        role: `${l.protocol.toLowerCase()}-${l.port}`,
        group: "alb" as const,
        direction: "ingress" as const,
        port: l.port,
        cidrIpv4: PUBLIC_INGRESS_CIDR,
        description: `${l.protocol} ${l.port} from the internet (public load balancer)`,
    }));
    rules.push(
        {
            role: "to-instances",
            group: "alb",
            direction: "egress",
            port: appPort,
            peer: "instances",
            description: `load balancer to the web instances on the app port ${appPort}`,
        },
        {
            role: "from-alb",
            group: "instances",
            direction: "ingress",
            port: appPort,
            peer: "alb",
            description: `app port ${appPort} from the tier's load balancer only`,
        },
        {
            role: "https-out",
            group: "instances",
            direction: "egress",
            port: 443,
            cidrIpv4: INSTANCE_EGRESS_CIDR,
            description: "HTTPS to AWS APIs (SSM, CloudWatch) and package repositories via NAT",
        },
    );
    return rules;
}
