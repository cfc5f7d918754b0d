/**
 * Network exposure: who may reach what (rules 2 and 3), HTTPS (rule 4) and the load
 * balancer's access logs (rule 5).
 */
import {
    at, bool, isUnknown, list, ofTypes, PolicyInput, Reference, referenceOf, refersTo, ResourceRule, sameTarget, show, StackContext,
    StackRule, StackViolation, T, text, UNKNOWN, Unknown, valuesReference,
} from "./model";

const WORLD = ["0.0.0.0/0", "::/0"];
/** The load balancer's listener ports that may be open to the internet. */
export const PUBLIC_LISTENER_PORTS = [80, 443];

/** One ingress permission, wherever it was declared. */
export interface IngressEntry {
    /** The resource that declares it (a rule resource, or the group with inline rules). */
    declaredBy: PolicyInput;
    label: string;
    /** The group that receives the traffic. */
    target: Reference;
    /** Set when the entry is inline: the group itself. */
    targetGroup?: PolicyInput;
    /** Source CIDRs (IPv4 and IPv6); unknown elements stay unknown. */
    cidrs: (string | Unknown)[] | Unknown;
    /** Source security groups, when the entry names any. */
    sourceGroups?: Reference;
    prefixLists: boolean;
    self: boolean;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
}

function cidrList(...values: unknown[]): (string | Unknown)[] | Unknown {
    const out: (string | Unknown)[] = [];
    for (const v of values) {
        const items = list(v);
        if (isUnknown(items)) return UNKNOWN;
        for (const c of items) if (isUnknown(c) || (typeof c === "string" && c !== "")) out.push(c as string | Unknown);
    }
    return out;
}

function hasAny(value: unknown): boolean {
    const items = list(value);
    return isUnknown(items) || items.length > 0;
}

/** Every ingress permission of the stack: rule resources and inline `ingress` blocks. */
export function ingressEntries(resources: readonly PolicyInput[]): IngressEntry[] {
    const out: IngressEntry[] = [];
    for (const r of ofTypes(resources, T.ingressRule)) {
        const p = r.props;
        out.push({
            declaredBy: r, label: `ingress rule ${r.name}`, target: referenceOf(r, "securityGroupId"),
            cidrs: cidrList(p.cidrIpv4, p.cidrIpv6),
            sourceGroups: p.referencedSecurityGroupId !== undefined ? referenceOf(r, "referencedSecurityGroupId") : undefined,
            prefixLists: p.prefixListId !== undefined, self: false,
            protocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort,
        });
    }
    for (const r of ofTypes(resources, T.securityGroupRule)) {
        const p = r.props;
        if (isUnknown(p.type) || p.type !== "ingress") continue;
        out.push({
            declaredBy: r, label: `security group rule ${r.name}`, target: referenceOf(r, "securityGroupId"),
            cidrs: cidrList(p.cidrBlocks, p.ipv6CidrBlocks),
            sourceGroups: p.sourceSecurityGroupId !== undefined ? referenceOf(r, "sourceSecurityGroupId") : undefined,
            prefixLists: hasAny(p.prefixListIds), self: bool(p.self) === true,
            protocol: p.protocol, fromPort: p.fromPort, toPort: p.toPort,
        });
    }
    for (const g of ofTypes(resources, T.securityGroup)) {
        const blocks = list(g.props.ingress);
        const target: Reference = { urns: new Set([g.urn]), values: new Set(typeof g.props.id === "string" ? [g.props.id] : []), unknown: false };
        if (isUnknown(blocks)) {
            out.push({ declaredBy: g, label: `security group ${g.name} inline ingress`, target, targetGroup: g, cidrs: UNKNOWN, prefixLists: false, self: false, protocol: UNKNOWN, fromPort: UNKNOWN, toPort: UNKNOWN });
            continue;
        }
        blocks.forEach((b, i) => {
            const label = `security group ${g.name} inline ingress[${i}]`;
            if (isUnknown(b)) {
                out.push({ declaredBy: g, label, target, targetGroup: g, cidrs: UNKNOWN, prefixLists: false, self: false, protocol: UNKNOWN, fromPort: UNKNOWN, toPort: UNKNOWN });
                return;
            }
            const groups = at(b, "securityGroups");
            out.push({
                declaredBy: g, label, target, targetGroup: g,
                cidrs: cidrList(at(b, "cidrBlocks"), at(b, "ipv6CidrBlocks")),
                sourceGroups: hasAny(groups) ? valuesReference(g, "ingress", groups) : undefined,
                prefixLists: hasAny(at(b, "prefixListIds")), self: bool(at(b, "self")) === true,
                protocol: at(b, "protocol"), fromPort: at(b, "fromPort"), toPort: at(b, "toPort"),
            });
        });
    }
    return out;
}

/** Whether an entry's target group is the given reference (inline entries: the group itself). */
function targets(entry: IngressEntry, group: Reference): boolean {
    if (entry.targetGroup) return group.urns.has(entry.targetGroup.urn) || refersTo(group, entry.targetGroup) || sameTarget(entry.target, group);
    return sameTarget(entry.target, group);
}

interface LoadBalancerGroups {
    lb: PolicyInput;
    groups: Reference;
    internetFacing: boolean;
}

function loadBalancerGroups(resources: readonly PolicyInput[]): LoadBalancerGroups[] {
    return ofTypes(resources, ...T.loadBalancers).map((lb) => ({
        lb,
        groups: referenceOf(lb, "securityGroups"),
        internetFacing: bool(lb.props.internal) !== true,
    }));
}

function isTcp(protocol: unknown): boolean {
    return protocol === "tcp" || protocol === "6" || protocol === 6;
}

function singlePort(entry: IngressEntry): number | undefined {
    const from = Number(entry.fromPort);
    const to = Number(entry.toPort);
    return Number.isInteger(from) && from === to ? from : undefined;
}

// ------------------------------------------------------- 2. no ingress from anywhere

export const noWorldIngress: StackRule = {
    name: "no-ingress-from-anywhere",
    description:
        "No security group accepts traffic from anywhere (0.0.0.0/0 or ::/0) except the internet-facing load balancer's group on TCP 80 and 443; " +
        "checks SecurityGroupIngressRule, SecurityGroupRule and inline ingress of SecurityGroup.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const lbs = loadBalancerGroups(resources);
        for (const e of ingressEntries(resources)) {
            if (isUnknown(e.cidrs)) {
                ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: its source CIDRs are unknown`);
                continue;
            }
            const open = e.cidrs.filter((c): c is string => typeof c === "string" && WORLD.includes(c));
            if (e.cidrs.some(isUnknown)) ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: a source CIDR is unknown`);
            if (open.length === 0) continue;
            const onPublicLb = lbs.some((l) => l.internetFacing && targets(e, l.groups));
            const port = singlePort(e);
            if (onPublicLb && isTcp(e.protocol) && port !== undefined && PUBLIC_LISTENER_PORTS.includes(port)) continue;
            if (!onPublicLb && e.target.unknown) {
                ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: opens ${open.join(", ")} on a group that is unknown (cannot tell whether it is the load balancer's)`);
                continue;
            }
            const where = onPublicLb ? "the load balancer's group" : "a group that is not an internet-facing load balancer's";
            out.push({
                urn: e.declaredBy.urn,
                message: `${e.label}: allows ${open.join(", ")} on ${where}, protocol ${show(e.protocol)}, ports ${show(e.fromPort)}-${show(e.toPort)}; ` +
                    `only the internet-facing load balancer's group may be open to anywhere, on TCP ${PUBLIC_LISTENER_PORTS.join(" and ")}`,
            });
        }
        return out;
    },
};

// ------------------------------------------------- 3. instances only behind the load balancer

interface InstanceGroups {
    owner: PolicyInput;
    groups: Reference;
}

function instanceGroups(resources: readonly PolicyInput[], ctx: StackContext, out: StackViolation[]): InstanceGroups[] {
    const found: InstanceGroups[] = [];
    for (const lt of ofTypes(resources, T.launchTemplate)) {
        const direct = [referenceOf(lt, "vpcSecurityGroupIds"), referenceOf(lt, "securityGroupIds")];
        const nics = list(lt.props.networkInterfaces);
        const nicGroups = isUnknown(nics) ? [] : nics.map((n) => at(n, "securityGroups"));
        const refs = [...direct];
        if (nicGroups.some((g) => g !== undefined)) {
            const deps = lt.propertyDependencies.networkInterfaces ?? [];
            const values = new Set<string>();
            let unknown = false;
            for (const g of nicGroups) {
                const items = list(g);
                if (isUnknown(items)) unknown = true;
                else for (const v of items) if (typeof v === "string") values.add(v); else if (isUnknown(v)) unknown = true;
            }
            refs.push({ urns: new Set(deps), values, unknown: unknown && deps.length === 0 });
        }
        const merged: Reference = { urns: new Set(), values: new Set(), unknown: false };
        for (const ref of refs) {
            ref.urns.forEach((u) => merged.urns.add(u));
            ref.values.forEach((v) => merged.values.add(v));
            merged.unknown = merged.unknown || ref.unknown;
        }
        if (isUnknown(nics)) merged.unknown = merged.unknown || merged.urns.size === 0;
        if (merged.urns.size === 0 && merged.values.size === 0) {
            if (merged.unknown) ctx.cannotTell?.(lt.urn, `launch template ${lt.name}: its security groups are unknown`);
            else out.push({ urn: lt.urn, message: `launch template ${lt.name}: names no security group, so its instances get the VPC's default group; give them a group whose only ingress is from the load balancer's` });
            continue;
        }
        found.push({ owner: lt, groups: merged });
    }
    for (const i of ofTypes(resources, T.instance)) {
        const ref = referenceOf(i, "vpcSecurityGroupIds");
        const legacy = referenceOf(i, "securityGroups");
        legacy.urns.forEach((u) => ref.urns.add(u));
        legacy.values.forEach((v) => ref.values.add(v));
        found.push({ owner: i, groups: ref });
    }
    return found;
}

export const instancesOnlyFromLoadBalancer: StackRule = {
    name: "instances-reachable-only-from-load-balancer",
    description:
        "The web instances' security groups (those of launch templates and instances) accept ingress only from a load balancer's security group: " +
        "no CIDR, prefix list or other group, so nothing reaches an instance but through the load balancer.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const owners = instanceGroups(resources, ctx, out);
        if (owners.length === 0) return out;
        const lbs = loadBalancerGroups(resources);
        for (const e of ingressEntries(resources)) {
            const owner = owners.find((o) => targets(e, o.groups));
            if (!owner) {
                if (e.target.unknown) ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: the group it opens is unknown (cannot tell whether it is an instance group)`);
                continue;
            }
            const problems: string[] = [];
            if (isUnknown(e.cidrs)) ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: its source CIDRs are unknown`);
            else if (e.cidrs.length > 0) problems.push(`from ${e.cidrs.map(show).join(", ")}`);
            if (e.prefixLists) problems.push("from a prefix list");
            if (e.self) problems.push("from the group itself (self)");
            if (e.sourceGroups) {
                const fromLb = lbs.some((l) => sameTarget(e.sourceGroups!, l.groups));
                if (!fromLb) {
                    if (e.sourceGroups.unknown) ctx.cannotTell?.(e.declaredBy.urn, `${e.label}: the source group is unknown`);
                    else problems.push(`from group(s) ${[...e.sourceGroups.values].join(", ") || "[declared elsewhere]"}, which belong to no load balancer`);
                }
            } else if (problems.length === 0 && !isUnknown(e.cidrs)) {
                problems.push("from no load balancer group");
            }
            if (problems.length > 0) {
                out.push({
                    urn: e.declaredBy.urn,
                    message: `${e.label}: instances of ${owner.owner.name} are reachable ${problems.join("; ")}; their group may only reference the load balancer's security group`,
                });
            }
        }
        return out;
    },
};

// ------------------------------------------------------------ 4. HTTP redirects to HTTPS

function isHttps(listener: PolicyInput): boolean {
    return listener.props.protocol === "HTTPS" || text(listener.props.certificateArn) !== undefined;
}

function isHttp(listener: PolicyInput): boolean {
    const protocol = listener.props.protocol;
    return protocol === "HTTP" || (protocol === undefined && !isHttps(listener));
}

export const httpRedirectsToHttps: StackRule = {
    name: "http-redirects-to-https",
    description:
        "Where a load balancer has an HTTPS listener (a certificate), its HTTP listeners only redirect to HTTPS on that listener's port: " +
        "no page is served in clear text next to the encrypted one.",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const listeners = ofTypes(resources, ...T.listeners);
        const rules = ofTypes(resources, "aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule");
        for (const http of listeners.filter(isHttp)) {
            const lb = referenceOf(http, "loadBalancerArn");
            const siblings = listeners.filter((l) => l !== http && isHttps(l));
            const https = siblings.filter((l) => sameTarget(referenceOf(l, "loadBalancerArn"), lb));
            if (https.length === 0) {
                if (lb.unknown && siblings.length > 0) ctx.cannotTell?.(http.urn, `listener ${http.name}: its load balancer is unknown`);
                continue;
            }
            const ports = https.map((l) => String(l.props.port ?? 443));
            const actions = list(http.props.defaultActions);
            if (isUnknown(actions) || actions.some(isUnknown)) {
                ctx.cannotTell?.(http.urn, `listener ${http.name}: defaultActions are unknown`);
                continue;
            }
            const redirect = actions.length === 1 && at(actions[0], "type") === "redirect" ? at(actions[0], "redirect") : undefined;
            const protocol = at(redirect, "protocol");
            const port = at(redirect, "port");
            if (redirect === undefined) {
                out.push({ urn: http.urn, message: `listener ${http.name} (HTTP ${show(http.props.port)}): default action is ${actions.map((a) => show(at(a, "type"))).join(", ") || "none"}, not a redirect to HTTPS, while the load balancer has an HTTPS listener on ${ports.join(", ")}` });
            } else if (protocol !== "HTTPS") {
                out.push({ urn: http.urn, message: `listener ${http.name}: redirects with protocol ${show(protocol)}; redirect to "HTTPS"` });
            } else if (isUnknown(port)) {
                ctx.cannotTell?.(http.urn, `listener ${http.name}: the redirect port is unknown`);
            } else if (!ports.includes(String(port))) {
                out.push({ urn: http.urn, message: `listener ${http.name}: redirects to HTTPS on port ${show(port)}${port === undefined || port === "#{port}" ? " (the request's own port, so HTTPS on the HTTP port)" : ""}; redirect to the HTTPS listener's port ${ports.join(" or ")}` });
            }
            for (const rule of rules) {
                if (!sameTarget(referenceOf(rule, "listenerArn"), { urns: new Set([http.urn]), values: new Set(), unknown: false })) continue;
                const ruleActions = list(rule.props.actions);
                if (isUnknown(ruleActions)) continue;
                if (ruleActions.some((a) => at(a, "type") !== "redirect")) {
                    out.push({ urn: rule.urn, message: `listener rule ${rule.name}: serves requests on the HTTP listener ${http.name} instead of redirecting them to HTTPS` });
                }
            }
        }
        return out;
    },
};

// ------------------------------------------------------------------ 5. access logs

export const loadBalancerAccessLogs: ResourceRule = {
    name: "load-balancer-access-logs",
    description:
        "Application load balancers write access logs (accessLogs.enabled true, with a bucket): the only record of each client request, " +
        "needed to investigate an incident or an attack after the fact.",
    enforcementLevel: "mandatory",
    resourceTypes: [...T.loadBalancers],
    validate(r, ctx) {
        const type = r.props.loadBalancerType;
        if (isUnknown(type)) ctx.cannotTell?.(r.urn, "loadBalancerType is unknown");
        if (type !== undefined && type !== "application") return [];
        const enabled = bool(at(r.props, "accessLogs.enabled"));
        const bucket = text(at(r.props, "accessLogs.bucket"));
        if (isUnknown(enabled) || isUnknown(bucket)) {
            ctx.cannotTell?.(r.urn, "accessLogs is unknown");
            return [];
        }
        if (enabled !== true) return [`load balancer ${r.name}: access logs are off (accessLogs.enabled is ${show(at(r.props, "accessLogs.enabled"))}; AWS's default is off even with a bucket); enable them`];
        if (bucket === undefined) return [`load balancer ${r.name}: access logs have no bucket`];
        return [];
    },
};

export const NETWORK_RULES = [noWorldIngress, instancesOnlyFromLoadBalancer, httpRedirectsToHttps, loadBalancerAccessLogs];
