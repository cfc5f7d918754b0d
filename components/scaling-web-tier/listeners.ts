/**
 * Which listeners the load balancer gets, decided from whether a TLS certificate is
 * configured. Pure: the component declares what this returns.
 */

/** TLS 1.3 with 1.2 fallback; AWS's recommended policy for internet-facing ALBs. */
export const DEFAULT_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface ListenerSpec {
    /** Child role, used in the resource name: `${tier}-listener-${role}`. */
    role: "https" | "http" | "http-redirect";
    port: number;
    protocol: "HTTP" | "HTTPS";
    /** `forward` to the tier's target group(s), or a permanent redirect to HTTPS. */
    action: "forward" | "redirect-to-https";
}

export interface ListenerPlan {
    listeners: ListenerSpec[];
    /** The listener other components attach rules and alarms to. */
    primary: ListenerSpec["role"];
    /** A line for the plan and the deploy log when the plan is weaker than production's. */
    warning?: string;
}

export function decideListeners(hasCertificate: boolean): ListenerPlan {
    if (hasCertificate) {
        return {
            listeners: [
                { role: "https", port: 443, protocol: "HTTPS", action: "forward" },
                { role: "http-redirect", port: 80, protocol: "HTTP", action: "redirect-to-https" },
            ],
            primary: "https",
        };
    }
    return {
        listeners: [{ role: "http", port: 80, protocol: "HTTP", action: "forward" }],
        primary: "http",
        warning: "no TLS certificate configured: the load balancer serves plain HTTP on port 80 (acceptable for dev only)",
    };
}
