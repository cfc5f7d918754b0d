import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "@kgsports/aws-role";
import { decideTunnelConnectionArgs } from "./tunnelOptions";
import { decideServerEgressRules, serverRole } from "./securityRules";
import {
    MAX_CUSTOMER_BGP_ASN_16_31,
    TARGET_GROUP_ROLE,
} from "./validation";
import { decideFailoverAlarms, DEFAULT_MIN_HEALTHY_HOSTS, DEFAULT_RECOVERY_MINUTES, DEFAULT_UNHEALTHY_MINUTES, FailoverAlarmSpec } from "./failover/alarms";
import { failoverCodeArchive, FAILOVER_HANDLER } from "./failover/code";
import { FAILOVER_ENVIRONMENT } from "./failover/settings";
import { failoverFunctionPolicy, hybridNodePolicy, lambdaTrustPolicy, ssmServiceTrustPolicy } from "./policies";
import {
    HybridLinkArgs,
    HEALTH_CHECK_TIMEOUT_SECONDS,
    FAILOVER_LOG_RETENTION_DAYS,
    DEFAULT_AMAZON_SIDE_ASN,
    DEFAULT_FAILOVER_RULE_PRIORITY,
    DEFAULT_RECONCILE_MINUTES,
    DEFAULT_FAILOVER_RUNTIME,
    rateExpression,
    alarmStateChangePattern,
    FailoverAlarmNames,
    hybridLinkArgsProblemsInRegion,
    HybridLinkActivationArgs,
    HybridLinkFailoverArgs,
} from "./args";

export * from "./args";

/**
 * Problems with the args, as `<field> = <value>: <what is wrong>; allowed: ...`; empty
 * when valid: {@link hybridLinkArgsProblemsInRegion} in the provider's region
 * (`aws.config.region`). With `now`, the activation's expiry is checked against it.
 */
export function hybridLinkArgsProblems(name: string, args: HybridLinkArgs, now?: Date): string[] {
    return hybridLinkArgsProblemsInRegion(name, args, aws.config.region, now);
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
    (a.additionalPolicyArns ?? []).forEach((policyArn, i) => node.attach({ resourceName: `${name}-activation-policy-${i + 1}`, policyArn }));
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
