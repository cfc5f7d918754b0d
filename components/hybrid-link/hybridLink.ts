import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "@kgsports/aws-role";
import { decideTunnelConnectionArgs, TunnelArgs } from "./tunnelOptions";
import { decideServerEgressRules, OnPremiseServer, serverRole } from "./securityRules";
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
    MAX_CUSTOMER_BGP_ASN_16_31,
    onPremiseCidrProblems,
    onPremiseServersProblems,
    presharedKeyProblem,
    registrationLimitProblem,
    rulePriorityProblem,
    TARGET_GROUP_ROLE,
    tunnelInsideCidrProblem,
    wholeNumberProblem,
} from "./validation";
import { decideFailoverAlarms, DEFAULT_MIN_HEALTHY_HOSTS, DEFAULT_RECOVERY_MINUTES, DEFAULT_UNHEALTHY_MINUTES, FailoverAlarmSpec } from "./failover/alarms";
import { failoverCodeArchive, FAILOVER_HANDLER } from "./failover/code";
import { FAILOVER_ENVIRONMENT } from "./failover/settings";
import { failoverFunctionPolicy, hybridNodePolicy, lambdaTrustPolicy, ssmServiceTrustPolicy } from "./policies";

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
 * seen here: check them where they are read.
 */
export function hybridLinkArgsProblems(name: string, args: HybridLinkArgs, now?: Date): string[] {
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
    one("customerGateway.bgpAsn", args.customerGateway.bgpAsn, customerBgpAsnProblem(args.customerGateway.bgpAsn, aws.config.region));
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

/**
 * One input per route table. From an array, its entries; from one output of the list,
 * the i-th id of it for each of `count` tables, and an error in the deployment's log
 * (which fails it) when the list turns out to hold another number of tables.
 */
export function routeTableInputs(ids: pulumi.Input<pulumi.Input<string>[]>, count: number | undefined, logTo?: pulumi.Resource): pulumi.Input<string>[] {
    if (Array.isArray(ids)) return ids;
    const list = pulumi.output(ids);
    const expected = count ?? 0;
    list.apply((actual) => {
        if (actual.length !== expected) {
            pulumi.log.error(`routeTableIds holds ${actual.length} route tables but routeTableCount is ${expected}: set routeTableCount to the number of route tables, or some subnets get no route to the on-premise network`, logTo);
        }
    });
    return Array.from({ length: expected }, (_, i) => list.apply((actual) => actual[i] ?? ""));
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

/**
 * The on-premise servers as load balancer targets over a protected site-to-site VPN,
 * with an automatic failover: while fewer of them are healthy than their share needs
 * (`failover.minHealthyHosts`, default 1), or both tunnels are down, a function adds a listener rule that sends all traffic to the cloud target
 * group, and removes it once they have been healthy for a while. Pulumi never declares
 * that rule, so a deploy neither undoes a failover nor shows a diff.
 */
export class HybridLink extends pulumi.ComponentResource {
    /** ARN of the on-premise (IP) target group: give it a weight in the web tier's forward action. */
    public readonly targetGroupArn: pulumi.Output<string>;
    /** ARN suffix of the on-premise target group (CloudWatch dimension `TargetGroup`). */
    public readonly targetGroupArnSuffix: pulumi.Output<string>;
    public readonly customerGatewayId: pulumi.Output<string>;
    public readonly vpnGatewayId: pulumi.Output<string>;
    public readonly vpnConnectionId: pulumi.Output<string>;
    /** Public address of AWS's end of tunnel 1 (the device's first peer). */
    public readonly tunnel1Address: pulumi.Output<string>;
    /** Public address of AWS's end of tunnel 2. */
    public readonly tunnel2Address: pulumi.Output<string>;
    /** AWS's configuration for the device (XML, with the pre-shared keys): secret. */
    public readonly customerGatewayConfiguration: pulumi.Output<string>;
    /** The SSM activation id, or undefined without `ssmActivation`. */
    public readonly activationId: pulumi.Output<string | undefined>;
    /** The SSM activation code (secret), or undefined without `ssmActivation`. */
    public readonly activationCode: pulumi.Output<string | undefined>;
    /** The failover's three alarms. */
    public readonly failoverAlarmNames: pulumi.Output<FailoverAlarmNames>;
    /** Name of the failover function. */
    public readonly failoverFunctionName: pulumi.Output<string>;
    /** Name of the failover function's log group. */
    public readonly failoverLogGroupName: pulumi.Output<string>;
    /** Priority of the listener rule the failover adds (no one may declare a rule there). */
    public readonly failoverRulePriority: number;
    /**
     * The roles this link passes to AWS services, each with the service that assumes it: the
     * failover function's (`lambda.amazonaws.com`) and, with an activation, the servers'
     * (`ssm.amazonaws.com`). A deploy role passes exactly these (AccessControl's `deployRole.serviceRoles`).
     */
    public readonly serviceRoles: pulumi.Output<{ roleName: string; service: string }[]>;

    constructor(name: string, args: HybridLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:hybrid:HybridLink", name, {}, opts);
        const problems = hybridLinkArgsProblems(name, args);
        if (problems.length > 0) {
            throw new Error(`HybridLink "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const tags = args.tags ?? {};
        /** `<prefix>-<name>-<role>` when a prefix is given; otherwise Pulumi auto-names. */
        const physical = (role: string): { name: string } | { name?: undefined } => (args.namePrefix ? { name: `${args.namePrefix}-${name}-${role}` } : {});
        const at: Place = { parent: this, name, tags, physical, protect: args.protect ?? true };
        const f = args.failover ?? {};
        const rulePriority = f.rulePriority ?? DEFAULT_FAILOVER_RULE_PRIORITY;

        const { customerGateway, vpnGateway, vpn } = declareVpn(at, args);
        const targetGroup = declareServerTargets(at, args);
        const node = args.ssmActivation ? declareActivation(at, args.ssmActivation, args.permissionsBoundary) : undefined;
        const alarms = declareFailoverAlarms(at, f, { targetGroup, vpn, loadBalancerArnSuffix: args.loadBalancer.arnSuffix });
        const failover = declareFailoverFunction(at, args, f, rulePriority, alarms);
        declareFailoverTriggers(at, f.reconcileMinutes ?? DEFAULT_RECONCILE_MINUTES, alarms, failover.fn);
        const activation = node?.activation;
        const nodeRoleName = node?.roleName;
        const { role, logGroup, fn } = failover;

        this.targetGroupArn = targetGroup.arn;
        this.targetGroupArnSuffix = targetGroup.arnSuffix;
        this.customerGatewayId = customerGateway.id;
        this.vpnGatewayId = vpnGateway.id;
        this.vpnConnectionId = vpn.id;
        this.tunnel1Address = vpn.tunnel1Address;
        this.tunnel2Address = vpn.tunnel2Address;
        this.customerGatewayConfiguration = pulumi.secret(vpn.customerGatewayConfiguration);
        this.activationId = activation ? activation.id : pulumi.output(undefined);
        this.activationCode = activation ? pulumi.secret(activation.activationCode) : pulumi.output(undefined);
        this.failoverAlarmNames = pulumi.all([alarms.unhealthy.name, alarms["tunnels-down"].name, alarms.recovered.name])
            .apply(([unhealthy, tunnelsDown, recovered]) => ({ unhealthy, tunnelsDown, recovered }));
        this.failoverFunctionName = fn.name;
        this.failoverLogGroupName = logGroup.name;
        this.failoverRulePriority = rulePriority;
        // The names the link gives its roles, known before the roles exist (with a prefix): a deploy
        // role's permission to create and pass them must not wait for them.
        const known = (r: pulumi.Output<string> | undefined, role: string) => (r === undefined ? undefined : args.namePrefix ? `${args.namePrefix}-${name}-${role}` : r);
        this.serviceRoles = pulumi.all([known(role.name, "failover"), known(nodeRoleName, "node")]).apply(([failoverRole, nodeRole]) => [
            { roleName: failoverRole!, service: "lambda.amazonaws.com" },
            ...(nodeRole !== undefined ? [{ roleName: nodeRole, service: "ssm.amazonaws.com" }] : []),
        ]);
        this.registerOutputs({
            targetGroupArn: this.targetGroupArn,
            targetGroupArnSuffix: this.targetGroupArnSuffix,
            customerGatewayId: this.customerGatewayId,
            vpnGatewayId: this.vpnGatewayId,
            vpnConnectionId: this.vpnConnectionId,
            tunnel1Address: this.tunnel1Address,
            tunnel2Address: this.tunnel2Address,
            customerGatewayConfiguration: this.customerGatewayConfiguration,
            activationId: this.activationId,
            activationCode: this.activationCode,
            failoverAlarmNames: this.failoverAlarmNames,
            failoverFunctionName: this.failoverFunctionName,
            failoverLogGroupName: this.failoverLogGroupName,
            failoverRulePriority: this.failoverRulePriority,
            serviceRoles: this.serviceRoles,
        });
    }
}

/** Where a HybridLink declares its children, and how it names them. */
interface Place {
    parent: pulumi.Resource;
    name: string;
    tags: Record<string, string>;
    physical: (role: string) => { name: string } | { name?: undefined };
    protect: boolean;
}

/** The VPN (protected): the on-premise device, AWS's gateway, the connection, its routes and propagations. */
function declareVpn(at: Place, args: HybridLinkArgs) {
    const { parent, name, tags, protect } = at;
    const child = { parent };
    const asn = args.customerGateway.bgpAsn;
    const customerGateway = new aws.ec2.CustomerGateway(`${name}-cgw`, {
        type: "ipsec.1",
        ipAddress: args.customerGateway.ipAddress,
        ...(asn <= MAX_CUSTOMER_BGP_ASN_16_31 ? { bgpAsn: String(asn) } : { bgpAsnExtended: String(asn) }),
        tags: { ...tags, Name: `${name}-on-premise-device` },
    }, { parent, protect });
    const vpnGateway = new aws.ec2.VpnGateway(`${name}-vgw`, {
        vpcId: args.vpcId,
        amazonSideAsn: String(args.amazonSideAsn ?? DEFAULT_AMAZON_SIDE_ASN),
        tags: { ...tags, Name: `${name}-vgw` },
    }, { parent, protect });
    const vpn = new aws.ec2.VpnConnection(`${name}-vpn`, {
        type: "ipsec.1",
        customerGatewayId: customerGateway.id,
        vpnGatewayId: vpnGateway.id,
        staticRoutesOnly: args.routing === "static",
        ...decideTunnelConnectionArgs(args.tunnels),
        tags: { ...tags, Name: `${name}-vpn` },
    }, {
        parent,
        protect,
        additionalSecretOutputs: ["customerGatewayConfiguration", "tunnel1PresharedKey", "tunnel2PresharedKey"],
    });
    if (args.routing === "static") {
        for (const cidr of args.onPremiseCidrs) {
            new aws.ec2.VpnConnectionRoute(`${name}-route-${cidr.replace("/", "-")}`, {
                vpnConnectionId: vpn.id,
                destinationCidrBlock: cidr,
            }, child);
        }
    }
    for (const [i, routeTableId] of routeTableInputs(args.routeTableIds, args.routeTableCount, parent).entries()) {
        new aws.ec2.VpnGatewayRoutePropagation(`${name}-propagation-${i}`, { vpnGatewayId: vpnGateway.id, routeTableId }, child);
    }
    return { customerGateway, vpnGateway, vpn };
}

/** The servers as load balancer targets, and the load balancer's egress to each. */
function declareServerTargets(at: Place, args: HybridLinkArgs): aws.lb.TargetGroup {
    const { parent, name, tags } = at;
    const child = { parent };
    const hc = args.healthCheck ?? {};
    const targetGroup = new aws.lb.TargetGroup(`${name}-${TARGET_GROUP_ROLE}`, {
        // Auto-named (no `name`): a replacement is created before the old group is deleted.
        vpcId: args.vpcId,
        targetType: "ip",
        protocol: "HTTP",
        port: args.servers[0].port,
        deregistrationDelay: 30,
        healthCheck: {
            enabled: true,
            protocol: "HTTP",
            port: "traffic-port",
            path: hc.path ?? "/healthz",
            matcher: hc.matcher ?? "200-399",
            interval: hc.intervalSeconds ?? 15,
            timeout: HEALTH_CHECK_TIMEOUT_SECONDS,
            healthyThreshold: hc.healthyThreshold ?? 2,
            unhealthyThreshold: hc.unhealthyThreshold ?? 3,
        },
        tags: { ...tags, Name: `${name}-on-premise` },
    }, child);
    for (const server of args.servers) {
        new aws.lb.TargetGroupAttachment(`${name}-target-${serverRole(server)}`, {
            targetGroupArn: targetGroup.arn,
            targetId: server.address,
            port: server.port,
            // Required for an IP outside the VPC: every zone of the load balancer may send to it.
            availabilityZone: "all",
        }, child);
    }
    for (const rule of decideServerEgressRules(args.servers)) {
        new aws.vpc.SecurityGroupEgressRule(`${name}-alb-to-${rule.role}`, {
            securityGroupId: args.loadBalancer.securityGroupId,
            ipProtocol: "tcp",
            fromPort: rule.port,
            toPort: rule.port,
            cidrIpv4: rule.cidrIpv4,
            description: rule.description,
            tags,
        }, child);
    }
    return targetGroup;
}

/** SSM hybrid activation: the servers' role and the activation that registers them. */
function declareActivation(at: Place, a: HybridLinkActivationArgs, permissionsBoundary: pulumi.Input<string> | undefined) {
    const { parent, name, tags, physical } = at;
    const child = { parent };
    const ctx = pulumi.all([
        aws.getPartitionOutput({}, child).partition,
        aws.getCallerIdentityOutput({}, child).accountId,
        aws.getRegionOutput({}, child).region,
    ]).apply(([partition, accountId, region]) => ({ partition, accountId, region }));
    const node = declareRole(`${name}-node-role`, {
        name: physical("node").name,
        description: "On-premise servers registered with Systems Manager (hybrid activation)",
        permissionsBoundary,
        trust: ctx.apply((c) => JSON.stringify(ssmServiceTrustPolicy(c))),
        tags,
    }, child);
    // A managed policy, not an inline one: a deploy role limited to `<prefix>-*` policies can manage it.
    const nodePolicy = new aws.iam.Policy(`${name}-node-policy`, {
        ...physical("node"),
        description: "On-premise servers: what Systems Manager needs of a managed node",
        policy: JSON.stringify(hybridNodePolicy()),
        tags,
    }, child);
    node.attach({ resourceName: `${name}-node-policy-attachment`, policyArn: nodePolicy.arn });
    const activation = new aws.ssm.Activation(`${name}-activation`, {
        description: `On-premise servers of ${name}`,
        iamRole: node.role.name,
        registrationLimit: a.registrationLimit,
        // Exactly the given value: a value computed from the clock would replace the activation on every deploy.
        expirationDate: a.expirationDate,
        tags,
    }, { parent, additionalSecretOutputs: ["activationCode"] });
    return { activation, roleName: node.role.name };
}

/** The failover's alarms: the servers unhealthy, the tunnels down, the servers recovered. */
function declareFailoverAlarms(
    at: Place,
    f: HybridLinkFailoverArgs,
    on: { targetGroup: aws.lb.TargetGroup; vpn: aws.ec2.VpnConnection; loadBalancerArnSuffix: pulumi.Input<string> },
): Record<FailoverAlarmSpec["role"], aws.cloudwatch.MetricAlarm> {
    const { parent, name, tags, physical } = at;
    const specs = decideFailoverAlarms({
        unhealthyMinutes: f.unhealthyMinutes ?? DEFAULT_UNHEALTHY_MINUTES,
        recoveryMinutes: f.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES,
        minHealthyHosts: f.minHealthyHosts ?? DEFAULT_MIN_HEALTHY_HOSTS,
    });
    const dimensions = (spec: FailoverAlarmSpec): Record<string, pulumi.Input<string>> => spec.dimensions === "targetGroup"
        ? { TargetGroup: on.targetGroup.arnSuffix, LoadBalancer: on.loadBalancerArnSuffix }
        : { VpnId: on.vpn.id };
    return Object.fromEntries(specs.map((spec) => [spec.role, new aws.cloudwatch.MetricAlarm(`${name}-${spec.role}`, {
        ...physical(spec.role),
        alarmDescription: spec.description,
        namespace: spec.namespace,
        metricName: spec.metricName,
        dimensions: dimensions(spec),
        statistic: spec.statistic,
        period: spec.period,
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        treatMissingData: spec.treatMissingData,
        tags,
    }, { parent })])) as Record<FailoverAlarmSpec["role"], aws.cloudwatch.MetricAlarm>;
}

/** The failover function, its logs, and its role with exactly its listener rule, the alarms' states and its logs. */
function declareFailoverFunction(
    at: Place,
    args: HybridLinkArgs,
    f: HybridLinkFailoverArgs,
    rulePriority: number,
    alarms: Record<FailoverAlarmSpec["role"], aws.cloudwatch.MetricAlarm>,
) {
    const { parent, name, tags, physical } = at;
    const child = { parent };
    const lb = args.loadBalancer;
    const alarmList = [alarms.unhealthy, alarms["tunnels-down"], alarms.recovered];
    const logGroup = new aws.cloudwatch.LogGroup(`${name}-failover-logs`, { ...physical("failover"), retentionInDays: FAILOVER_LOG_RETENTION_DAYS, tags }, child);
    const failoverRole = declareRole(`${name}-failover-role`, {
        name: physical("failover").name,
        description: "Failover function of the hybrid link: adds or removes one listener rule",
        permissionsBoundary: args.permissionsBoundary,
        trust: JSON.stringify(lambdaTrustPolicy()),
        tags,
    }, child);
    const failoverPolicy = new aws.iam.Policy(`${name}-failover-policy`, {
        ...physical("failover"),
        description: "Failover function of the hybrid link: its listener rule, the alarms' states, its own logs",
        policy: pulumi.all([lb.listenerArn, pulumi.all(alarmList.map((a) => a.arn)), logGroup.arn])
            .apply(([listenerArn, alarmArns, logGroupArn]) => JSON.stringify(failoverFunctionPolicy({ listenerArn, alarmArns, logGroupArn }))),
        tags,
    }, child);
    const rolePolicy = failoverRole.attach({ resourceName: `${name}-failover-policy-attachment`, policyArn: failoverPolicy.arn });
    const fn = new aws.lambda.Function(`${name}-failover`, {
        ...physical("failover"),
        description: "Moves the on-premise share of traffic to the cloud while the on-premise servers are down, and back after they recover",
        runtime: f.runtime ?? DEFAULT_FAILOVER_RUNTIME,
        architectures: ["arm64"],
        handler: FAILOVER_HANDLER,
        code: failoverCodeArchive(),
        role: failoverRole.role.arn,
        memorySize: 128,
        timeout: 30,
        // No reserved concurrency: Lambda keeps at least 100 executions unreserved, so an
        // account with a low concurrency quota (new ones may start at 10) cannot reserve
        // any and the create would fail. Overlapping runs are safe: the listener allows one
        // rule per priority, and each run reads again after a conflict (failover/handler.ts).
        environment: {
            variables: {
                [FAILOVER_ENVIRONMENT.listenerArn]: lb.listenerArn,
                [FAILOVER_ENVIRONMENT.cloudTargetGroupArn]: lb.cloudTargetGroupArn,
                [FAILOVER_ENVIRONMENT.unhealthyAlarmName]: alarms.unhealthy.name,
                [FAILOVER_ENVIRONMENT.tunnelsDownAlarmName]: alarms["tunnels-down"].name,
                [FAILOVER_ENVIRONMENT.recoveredAlarmName]: alarms.recovered.name,
                [FAILOVER_ENVIRONMENT.rulePriority]: String(rulePriority),
            },
        },
        loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
        tags,
    }, { parent, dependsOn: [rolePolicy] });
    return { role: failoverRole.role, logGroup, fn };
}

/** What runs the function: the alarms' state changes, and (unless 0) a periodic reconcile. */
function declareFailoverTriggers(at: Place, reconcileMinutes: number, alarms: Record<FailoverAlarmSpec["role"], aws.cloudwatch.MetricAlarm>, fn: aws.lambda.Function): void {
    const { parent, name, tags, physical } = at;
    const child = { parent };
    const alarmList = [alarms.unhealthy, alarms["tunnels-down"], alarms.recovered];
    const triggers: { role: string; rule: aws.cloudwatch.EventRule }[] = [{
        role: "alarms",
        rule: new aws.cloudwatch.EventRule(`${name}-failover-alarms`, {
            ...physical("failover-alarms"),
            description: "State changes of the hybrid link's failover alarms",
            eventPattern: pulumi.all(alarmList.map((a) => a.name)).apply(alarmStateChangePattern),
            state: "ENABLED",
            tags,
        }, child),
    }];
    if (reconcileMinutes > 0) {
        triggers.push({
            role: "reconcile",
            rule: new aws.cloudwatch.EventRule(`${name}-failover-reconcile`, {
                ...physical("failover-reconcile"),
                description: "Periodic run of the hybrid link's failover function (makes good a lost event)",
                scheduleExpression: rateExpression(reconcileMinutes),
                state: "ENABLED",
                tags,
            }, child),
        });
    }
    for (const t of triggers) {
        const permission = new aws.lambda.Permission(`${name}-failover-${t.role}-invoke`, {
            action: "lambda:InvokeFunction",
            function: fn.name,
            principal: "events.amazonaws.com",
            sourceArn: t.rule.arn,
        }, child);
        new aws.cloudwatch.EventTarget(`${name}-failover-${t.role}-target`, {
            rule: t.rule.name,
            arn: fn.arn,
        }, { parent, dependsOn: [permission] });
    }
}
