/**
 * HybridLink's args, defaults and checks: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/hybrid-link/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TunnelArgs } from "./tunnelSettings";
import { OnPremiseServer } from "./securityRules";
import {
    activationExpiryFormatProblem,
    activationExpiryProblem,
    amazonSideAsnProblem,
    customerBgpAsnProblem,
    customerGatewayAddressProblem,
    healthCheckMatcherProblem,
    healthCheckPathProblem,
    hybridLinkNameProblem,
    minHealthyHostsProblem,
    ListProblem,
    onPremiseCidrProblems,
    onPremiseServersProblems,
    presharedKeyProblem,
    registrationLimitProblem,
    rulePriorityProblem,
    tunnelInsideCidrProblem,
    wholeNumberProblem,
} from "./validation";

/** The on-premise VPN device. */
export interface HybridLinkCustomerGatewayArgs {
    /** Static public IPv4 address of the device's outside interface (behind NAT: the NAT's public address). Required. */
    ipAddress: string;
    /**
     * The device's BGP ASN, 1 to 4294967295 except AWS's reserved 7224 (and 9059, 10124,
     * 17943 in eu-west-1, ap-northeast-1, ap-southeast-1). AWS requires one even with
     * static routing (then any private ASN such as 65000 will do). Required.
     */
    bgpAsn: number;
}

/** Health check of the on-premise target group (requests go over the VPN). */
export interface HybridLinkHealthCheckArgs {
    /** Path the load balancer requests. Default `"/healthz"`. */
    path?: string;
    /** HTTP codes counted as healthy. Default `"200-399"`. */
    matcher?: string;
    /** Seconds between checks, 6 to 300 (the timeout is 5 s and must be shorter). Default `15`. */
    intervalSeconds?: number;
    /** Consecutive successes before a target takes traffic, 2 to 10. Default `2`. */
    healthyThreshold?: number;
    /** Consecutive failures before a target is out, 2 to 10. Default `3`. */
    unhealthyThreshold?: number;
}

/**
 * The web tier's load balancer. The web tier is usually created after the link (it
 * forwards to the link's target group), so these may be `pulumi.deferredOutput`s: the
 * link only passes them on to resources and never reads them while declaring.
 */
export interface HybridLinkLoadBalancerArgs {
    /** Security group of the load balancer: the link adds one egress rule per server to it. Required. */
    securityGroupId: pulumi.Input<string>;
    /** ARN suffix of the load balancer (`app/<name>/<id>`, the CloudWatch `LoadBalancer` dimension). Required. */
    arnSuffix: pulumi.Input<string>;
    /**
     * ARN of the listener whose default action forwards by weight to the cloud and the
     * on-premise target groups. The failover function adds and removes its own rule on
     * it. Required.
     */
    listenerArn: pulumi.Input<string>;
    /** ARN of the cloud target group that takes all traffic during a failover. Required. */
    cloudTargetGroupArn: pulumi.Input<string>;
}

/** An SSM hybrid activation, so the on-premise servers are managed like instances (Session Manager, Run Command, patching). */
export interface HybridLinkActivationArgs {
    /** How many servers may register with it, 1 to 1000. Required. */
    registrationLimit: number;
    /**
     * When the activation expires: a fixed UTC time `YYYY-MM-DDThh:mm:ssZ` from config, at
     * most 30 days after it is created (AWS's limit). Never computed from the clock: a new
     * value replaces the activation (new id and code). Already registered servers stay
     * registered after it expires. Required.
     */
    expirationDate: string;
    /**
     * Further managed policies for the servers' role (the role the activation registers
     * them with), e.g. AccessControl's `userStoreClientPolicyArn` so the on-premise servers
     * reach the UserStore as the web instances do. The role carries `permissionsBoundary`
     * when one is given: a policy beyond it is capped. Each is attached as
     * `${name}-activation-policy-<n>` (n from 1, in this order): append new ones at the end
     * and remove from the end; removing or reordering one in the middle re-targets the
     * attachments after it (a replaced attachment can detach a policy still listed).
     * Default: none (Systems Manager's node permissions only).
     */
    additionalPolicyArns?: pulumi.Input<string>[];
}

/** When traffic leaves and returns to the on-premise servers. */
export interface HybridLinkFailoverArgs {
    /**
     * Consecutive minutes with fewer healthy on-premise targets than `minHealthyHosts`
     * (or with both tunnels down) before their share of traffic moves to the cloud, 1 to
     * 1440. Default `2`.
     */
    unhealthyMinutes?: number;
    /** Consecutive minutes with at least `minHealthyHosts` healthy targets before the share returns, 1 to 1440. Default `10`. */
    recoveryMinutes?: number;
    /**
     * Healthy on-premise servers their share of traffic needs, 1 to the number of
     * `servers`. The share moves to the cloud after `unhealthyMinutes` with fewer healthy
     * (the lowest HealthyHostCount of each minute below it), and returns after
     * `recoveryMinutes` with at least this many throughout. Set it to what the share needs
     * at the largest planned audience, e.g. `ceil(share viewers / viewers per server)`:
     * with 1 the survivors of a partial outage take the whole share until the last one
     * fails. Default `1` (fail over when none is healthy).
     */
    minHealthyHosts?: number;
    /**
     * Priority of the listener rule the failover function adds, 1 to 50000. No one may
     * declare another rule at this priority on the listener. Default `1` (before every rule).
     */
    rulePriority?: number;
    /**
     * Minutes between periodic runs of the function besides the alarm events (so a lost
     * event or a failed run is made good), 1 to 60; `0` runs it on alarm events only.
     * It also bounds how long a failover rule left forwarding to a replaced cloud target
     * group (a deploy during a failover) sends every viewer to an empty group: no alarm
     * changes state then, only this run corrects it. Default `1`.
     */
    reconcileMinutes?: number;
    /**
     * Lambda runtime of the failover function: a Node.js runtime (`nodejs<major>.x`) that
     * Lambda still lets you create and update functions on for the whole season. AWS
     * blocks creating functions on a deprecated runtime, then updating them; the stack's
     * plan checks this value against its table of runtime dates
     * (`stacks/facts/datedFacts.ts`). Default {@link DEFAULT_FAILOVER_RUNTIME} (`"nodejs24.x"`).
     */
    runtime?: string;
}

export interface HybridLinkArgs {
    /** VPC the virtual private gateway attaches to and the target group belongs to. Required. */
    vpcId: pulumi.Input<string>;
    /**
     * Route tables that get the on-premise routes (VPN route propagation): those of the
     * load balancer's subnets, so it reaches and health-checks the servers, and those of
     * the instances' subnets. An array (its entries may be outputs), or one output of the
     * whole list together with {@link routeTableCount}. Required, at least one.
     */
    routeTableIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * How many route tables `routeTableIds` holds, when it is a single output (e.g. an
     * awsx VPC's route tables): Pulumi must know how many propagations to declare before
     * the ids exist. A different number at deploy time is reported as an error. Default:
     * the array's length; required when `routeTableIds` is an output.
     */
    routeTableCount?: number;
    /** The VPC's IPv4 CIDR, to check that no on-premise range overlaps it. Required. */
    vpcCidr: string;
    /** On-premise IPv4 ranges reached over the VPN: RFC 1918 or 100.64.0.0/10, overlapping neither the VPC nor each other. Required. */
    onPremiseCidrs: string[];
    /** The on-premise VPN device. Required. */
    customerGateway: HybridLinkCustomerGatewayArgs;
    /**
     * `"static"`: one VPN route per on-premise CIDR, for devices without BGP. `"bgp"`: the
     * device advertises its routes. Changing it replaces the VPN connection. Required.
     */
    routing: "static" | "bgp";
    /** ASN of the AWS side (virtual private gateway): 64512 to 65534 or 4200000000 to 4294967294. Default `64512`. */
    amazonSideAsn?: number;
    /**
     * Per-tunnel inside CIDR and pre-shared key. Both tunnels always get the strong
     * defaults: IKEv2 only; AES256-GCM-16 or AES256; SHA2-256 or SHA2-384; DH groups 19,
     * 20, 21 in both phases; dead peer detection restarts; AWS starts the tunnels; tunnel
     * endpoint lifecycle control on (AWS's maintenance waits for the team, see the README).
     * Default: AWS chooses inside CIDRs and generates keys.
     */
    tunnels?: [TunnelArgs?, TunnelArgs?];
    /** The on-premise servers the load balancer forwards to: private IPv4 inside `onPremiseCidrs`, and their HTTP port. Required, at least one. */
    servers: OnPremiseServer[];
    /** Health check of the on-premise target group. Defaults: see {@link HybridLinkHealthCheckArgs}. */
    healthCheck?: HybridLinkHealthCheckArgs;
    /** The web tier's load balancer (may be deferred outputs). Required. */
    loadBalancer: HybridLinkLoadBalancerArgs;
    /** An SSM hybrid activation for the servers. Default: none. */
    ssmActivation?: HybridLinkActivationArgs;
    /** Failover timing. Defaults: see {@link HybridLinkFailoverArgs}. */
    failover?: HybridLinkFailoverArgs;
    /**
     * Declare the customer gateway, virtual private gateway and VPN connection with
     * `protect: true`: replacing any of them gives the tunnels new addresses and keys, and
     * the on-premise device must be reconfigured. See the README to retire them on purpose.
     * Default `true`.
     */
    protect?: boolean;
    /**
     * Prefix of the physical names of the link's IAM roles and policies, alarms and
     * failover function (`<prefix>-<name>-<role>`), e.g. `kgsports-matchday`: a deploy
     * role limited to `<prefix>-*` can then manage them, and an operator role that may
     * silence `<prefix>-*` alarms can silence these. Letters, digits and hyphens, at most
     * 32 characters. Default: none (Pulumi auto-names them).
     */
    namePrefix?: string;
    /**
     * ARN of a permissions boundary for every IAM role this component creates (e.g.
     * AccessControl's `workloadBoundaryArn`, without which its deploy role may not create
     * roles). Default: none.
     */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable child. Default: none. */
    tags?: Record<string, string>;
}

/** Seconds the load balancer waits for a health check answer; the interval must be longer. */
export const HEALTH_CHECK_TIMEOUT_SECONDS = 5;
/** Retention of the failover function's log group. */
export const FAILOVER_LOG_RETENTION_DAYS = 30;
export const DEFAULT_AMAZON_SIDE_ASN = 64512;
export const DEFAULT_FAILOVER_RULE_PRIORITY = 1;
/** A run a minute costs about 44 000 invocations a month; a stale rule is corrected within a minute. */
export const DEFAULT_RECONCILE_MINUTES = 1;
/**
 * The failover function's Lambda runtime unless `failover.runtime` says otherwise. Node.js
 * 24: standard support until 2028-04-30 (nodejs20.x blocks creates from 2026-08-31).
 */
export const DEFAULT_FAILOVER_RUNTIME = "nodejs24.x";

function show(value: unknown): string {
    return JSON.stringify(value);
}

function listProblems(field: string, values: readonly unknown[], problems: ListProblem[]): string[] {
    return problems.map((p) => {
        if (p.index === undefined) return `${field}: ${p.problem}`;
        const entry = values[p.index];
        if (p.field === undefined) return `${field}[${p.index}] = ${show(entry)}: ${p.problem}`;
        return `${field}[${p.index}].${p.field} = ${show((entry as Record<string, unknown>)[p.field])}: ${p.problem}`;
    });
}

/**
 * Problems with the args, as `<field> = <value>: <what is wrong>; allowed: ...`; empty
 * when valid. With `now`, the activation's expiry is checked against it (in the future,
 * at most 30 days ahead); without it only its form is, so a deploy after an activation
 * expired still runs. Pre-shared keys given as outputs (e.g. secret config) are not
 * seen here: check them where they are read. `region` is the provider's (`aws:region`),
 * which decides the customer gateway ASNs AWS reserves; `hybridLinkArgsProblems` passes
 * `aws.config.region`.
 */
export function hybridLinkArgsProblemsInRegion(name: string, args: HybridLinkArgs, region: string | undefined, now?: Date): string[] {
    const p: string[] = [];
    const one = (field: string, value: unknown, problem: string | undefined) => {
        if (problem) p.push(`${field} = ${show(value)}: ${problem}`);
    };
    one("name", name, hybridLinkNameProblem(name));
    if (args.namePrefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/.test(args.namePrefix)) {
        p.push(`namePrefix = ${show(args.namePrefix)}: is not a usable prefix; allowed: letters, digits and hyphens, at most 32 characters`);
    }
    if (Array.isArray(args.routeTableIds)) {
        if (args.routeTableIds.length === 0) p.push("routeTableIds: is empty; allowed: the route tables of the load balancer's and the instances' subnets, at least one");
        if (args.routeTableCount !== undefined && args.routeTableCount !== args.routeTableIds.length) {
            p.push(`routeTableCount = ${args.routeTableCount}: differs from the ${args.routeTableIds.length} entries of routeTableIds; allowed: leave it out when routeTableIds is an array`);
        }
    } else if (args.routeTableCount === undefined) {
        p.push("routeTableCount: is missing while routeTableIds is an output; allowed: the number of route tables, a whole number of 1 or more");
    } else {
        one("routeTableCount", args.routeTableCount, wholeNumberProblem(args.routeTableCount, 1, 200));
    }
    p.push(...listProblems("onPremiseCidrs", args.onPremiseCidrs, onPremiseCidrProblems(args.onPremiseCidrs, args.vpcCidr)));
    one("customerGateway.ipAddress", args.customerGateway.ipAddress, customerGatewayAddressProblem(args.customerGateway.ipAddress));
    one("customerGateway.bgpAsn", args.customerGateway.bgpAsn, customerBgpAsnProblem(args.customerGateway.bgpAsn, region));
    if (args.routing !== "static" && args.routing !== "bgp") p.push(`routing = ${show(args.routing)}: is not a routing mode; allowed: "static" or "bgp"`);
    const amazonAsn = args.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN;
    one("amazonSideAsn", amazonAsn, amazonSideAsnProblem(amazonAsn));
    if (args.routing === "bgp" && amazonAsn === args.customerGateway.bgpAsn) {
        p.push(`amazonSideAsn = ${amazonAsn}: equals customerGateway.bgpAsn, and BGP between the two sides needs two ASNs; allowed: a different private ASN on each side`);
    }
    const tunnels = args.tunnels ?? [];
    tunnels.forEach((t, i) => {
        if (t?.insideCidr !== undefined) one(`tunnels[${i}].insideCidr`, t.insideCidr, tunnelInsideCidrProblem(t.insideCidr));
        if (typeof t?.presharedKey === "string") {
            const problem = presharedKeyProblem(t.presharedKey);
            if (problem) p.push(`tunnels[${i}].presharedKey (secret, not shown): ${problem}`);
        }
    });
    if (tunnels[0]?.insideCidr !== undefined && tunnels[0]?.insideCidr === tunnels[1]?.insideCidr) {
        p.push(`tunnels[1].insideCidr = ${show(tunnels[1]?.insideCidr)}: is the same as tunnels[0].insideCidr; allowed: a different /30 for each tunnel`);
    }
    p.push(...listProblems("servers", args.servers, onPremiseServersProblems(args.servers, args.onPremiseCidrs)));
    const hc = args.healthCheck ?? {};
    if (hc.path !== undefined) one("healthCheck.path", hc.path, healthCheckPathProblem(hc.path));
    if (hc.matcher !== undefined) one("healthCheck.matcher", hc.matcher, healthCheckMatcherProblem(hc.matcher));
    if (hc.intervalSeconds !== undefined) one("healthCheck.intervalSeconds", hc.intervalSeconds, wholeNumberProblem(hc.intervalSeconds, HEALTH_CHECK_TIMEOUT_SECONDS + 1, 300, " seconds (longer than the 5 s timeout)"));
    if (hc.healthyThreshold !== undefined) one("healthCheck.healthyThreshold", hc.healthyThreshold, wholeNumberProblem(hc.healthyThreshold, 2, 10));
    if (hc.unhealthyThreshold !== undefined) one("healthCheck.unhealthyThreshold", hc.unhealthyThreshold, wholeNumberProblem(hc.unhealthyThreshold, 2, 10));
    if (args.ssmActivation) {
        const a = args.ssmActivation;
        one("ssmActivation.registrationLimit", a.registrationLimit, registrationLimitProblem(a.registrationLimit));
        one("ssmActivation.expirationDate", a.expirationDate, now ? activationExpiryProblem(a.expirationDate, now) : activationExpiryFormatProblem(a.expirationDate));
    }
    const f = args.failover ?? {};
    // One-minute periods: CloudWatch allows evaluation periods x period up to one day.
    if (f.unhealthyMinutes !== undefined) one("failover.unhealthyMinutes", f.unhealthyMinutes, wholeNumberProblem(f.unhealthyMinutes, 1, 1440, " minutes"));
    if (f.recoveryMinutes !== undefined) one("failover.recoveryMinutes", f.recoveryMinutes, wholeNumberProblem(f.recoveryMinutes, 1, 1440, " minutes"));
    if (f.minHealthyHosts !== undefined) one("failover.minHealthyHosts", f.minHealthyHosts, minHealthyHostsProblem(f.minHealthyHosts, args.servers.length));
    if (f.rulePriority !== undefined) one("failover.rulePriority", f.rulePriority, rulePriorityProblem(f.rulePriority));
    if (f.reconcileMinutes !== undefined) one("failover.reconcileMinutes", f.reconcileMinutes, wholeNumberProblem(f.reconcileMinutes, 0, 60, " minutes (0: on alarm events only)"));
    if (f.runtime !== undefined && !/^nodejs\d+\.x$/.test(f.runtime)) {
        p.push(`failover.runtime = ${show(f.runtime)}: is not a Lambda Node.js runtime; allowed: nodejs<major>.x, e.g. ${show(DEFAULT_FAILOVER_RUNTIME)} (the function is TypeScript compiled to CommonJS)`);
    }
    return p;
}

/** EventBridge's rate expression (singular for one). */
export function rateExpression(minutes: number): string {
    return `rate(${minutes} ${minutes === 1 ? "minute" : "minutes"})`;
}

/** The EventBridge pattern that matches state changes of exactly the given alarms. */
export function alarmStateChangePattern(alarmNames: string[]): string {
    return JSON.stringify({
        source: ["aws.cloudwatch"],
        "detail-type": ["CloudWatch Alarm State Change"],
        detail: { alarmName: [...alarmNames] },
    });
}

/** Names of the failover alarms. */
export interface FailoverAlarmNames {
    unhealthy: string;
    tunnelsDown: string;
    recovered: string;
}
