/**
 * The web tier's compute: launch templates (rule 1), the Auto Scaling group (rule 6) and
 * its scheduled actions (rule 7).
 */
import { at, bool, isUnknown, list, num, PolicyInput, ResourceRule, show, StackContext, T, text } from "./model";

// ---------------------------------------------------------------- 1. launch templates

export const launchTemplateHardened: ResourceRule = {
    name: "launch-template-imdsv2-encrypted-ebs",
    description:
        "Launch templates require IMDSv2 (metadataOptions.httpTokens \"required\") and encrypt every EBS volume they map: " +
        "IMDSv1 lets a server-side request forgery read the instance role's credentials, and an unencrypted volume leaks data in snapshots.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.launchTemplate],
    validate(r, ctx) {
        const out: string[] = [];
        const tokens = at(r.props, "metadataOptions.httpTokens");
        if (isUnknown(tokens)) ctx.cannotTell?.(r.urn, "metadataOptions.httpTokens is unknown");
        else if (tokens !== "required") {
            out.push(`launch template ${r.name}: metadataOptions.httpTokens is ${show(tokens)}; set it to "required" (IMDSv2 only; absent means IMDSv1 is allowed)`);
        }
        const mappings = list(r.props.blockDeviceMappings);
        if (isUnknown(mappings)) {
            ctx.cannotTell?.(r.urn, "blockDeviceMappings is unknown");
            return out;
        }
        const ebsMappings = mappings.filter((m) => !isUnknown(m) && at(m, "noDevice") === undefined && at(m, "virtualName") === undefined);
        if (ebsMappings.length === 0 && !mappings.some(isUnknown)) {
            out.push(`launch template ${r.name}: no block device mapping, so the root volume keeps the AMI's setting (unencrypted unless the account encrypts by default); map the root device with ebs.encrypted "true"`);
        }
        mappings.forEach((m, i) => {
            if (isUnknown(m)) return ctx.cannotTell?.(r.urn, `blockDeviceMappings[${i}] is unknown`);
            if (at(m, "noDevice") !== undefined || at(m, "virtualName") !== undefined) return;
            const encrypted = bool(at(m, "ebs.encrypted"));
            const device = text(at(m, "deviceName"));
            const label = typeof device === "string" ? device : `mapping ${i}`;
            if (isUnknown(encrypted)) ctx.cannotTell?.(r.urn, `blockDeviceMappings[${i}].ebs.encrypted is unknown`);
            else if (encrypted !== true) out.push(`launch template ${r.name}: EBS volume ${label} is not encrypted (ebs.encrypted is ${show(at(m, "ebs.encrypted"))}); set it to "true"`);
        });
        return out;
    },
};

// ------------------------------------------------------------ 6. the Auto Scaling group

const FLOATING_VERSIONS = ["$Latest", "$Default"];

export const autoScalingGroupResilient: ResourceRule = {
    name: "asg-multi-zone-elb-health-pinned-template",
    description:
        "Auto Scaling groups span at least two zones (subnets), replace instances the load balancer finds unhealthy (healthCheckType \"ELB\"), " +
        "and pin a launch template version (not $Latest or $Default), so a template change rolls out through an instance refresh instead of silently.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.asg],
    validate(r, ctx) {
        const out: string[] = [];
        const subnets = list(r.props.vpcZoneIdentifiers);
        const zones = list(r.props.availabilityZones);
        if (isUnknown(subnets) || isUnknown(zones) || subnets.some(isUnknown)) {
            ctx.cannotTell?.(r.urn, "vpcZoneIdentifiers (the group's subnets) are unknown");
        } else {
            const spread = Math.max(new Set(subnets).size, new Set(zones).size);
            if (spread < 2) out.push(`Auto Scaling group ${r.name}: spans ${spread} subnet(s)/zone(s); give vpcZoneIdentifiers subnets in at least two availability zones`);
        }
        const health = r.props.healthCheckType;
        if (isUnknown(health)) ctx.cannotTell?.(r.urn, "healthCheckType is unknown");
        else if (health !== "ELB") out.push(`Auto Scaling group ${r.name}: healthCheckType is ${show(health)}; set "ELB" so instances the load balancer marks unhealthy are replaced (EC2 checks only see a stopped instance)`);
        checkTemplateVersion(r, ctx, out);
        return out;
    },
};

function checkTemplateVersion(r: PolicyInput, ctx: StackContext, out: string[]): void {
    const specs: { path: string; spec: unknown }[] = [];
    if (r.props.launchTemplate !== undefined) specs.push({ path: "launchTemplate", spec: r.props.launchTemplate });
    const mixed = at(r.props, "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification");
    if (mixed !== undefined) specs.push({ path: "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification", spec: mixed });
    if (specs.length === 0) {
        if (r.props.launchConfiguration !== undefined) out.push(`Auto Scaling group ${r.name}: uses a launch configuration (deprecated, no IMDSv2 default); use a launch template with a pinned version`);
        else out.push(`Auto Scaling group ${r.name}: no launch template`);
        return;
    }
    for (const { path, spec } of specs) {
        if (isUnknown(spec)) {
            ctx.cannotTell?.(r.urn, `${path} is unknown`);
            continue;
        }
        const version = at(spec, "version");
        if (isUnknown(version)) ctx.cannotTell?.(r.urn, `${path}.version is unknown (a new template version is made by this update; pulumi up checks the pinned number)`);
        else if (version === undefined || version === null || version === "") {
            out.push(`Auto Scaling group ${r.name}: ${path}.version is absent, which means $Default; pin the template's version (latestVersion as a string)`);
        } else if (FLOATING_VERSIONS.includes(String(version))) {
            out.push(`Auto Scaling group ${r.name}: ${path}.version is ${show(version)}; pin the template's version number, or a template change starts no instance refresh`);
        }
    }
}

// ------------------------------------------------------------------ 7. scheduled actions

const SIZES = ["minSize", "maxSize", "desiredCapacity"] as const;

export const scheduledActionsComplete: ResourceRule = {
    name: "scheduled-action-future-and-every-size",
    description:
        "Scheduled actions start in the future and send every size (minSize, maxSize, desiredCapacity; -1 leaves one unchanged): " +
        "AWS rejects a start time in the past, and reads a size left out as 0, which empties the group at the match.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.schedule],
    validate(r, ctx) {
        const out: string[] = [];
        const label = `scheduled action ${r.name}`;
        for (const key of SIZES) {
            const raw = r.props[key];
            const value = num(raw);
            if (isUnknown(value)) ctx.cannotTell?.(r.urn, `${key} is unknown`);
            else if (value === undefined) out.push(`${label}: ${key} is ${show(raw)}; AWS reads a missing size as 0 (set -1 to leave it unchanged)`);
            else if (!Number.isInteger(value) || value < -1) out.push(`${label}: ${key} is ${show(raw)}; a size is a whole number from 0, or -1 for unchanged`);
        }
        const start = r.props.startTime;
        const recurrence = r.props.recurrence;
        if (isUnknown(start)) ctx.cannotTell?.(r.urn, "startTime is unknown");
        else if (start === undefined || start === "") {
            if (isUnknown(recurrence)) ctx.cannotTell?.(r.urn, "recurrence is unknown");
            else if (typeof recurrence !== "string" || recurrence === "") out.push(`${label}: neither startTime nor recurrence; a one-time action needs a start time`);
        } else {
            const when = typeof start === "string" ? Date.parse(start) : NaN;
            if (Number.isNaN(when)) out.push(`${label}: startTime ${show(start)} is not a time (UTC "YYYY-MM-DDThh:mm:ssZ")`);
            else if (when <= ctx.now.getTime()) out.push(`${label}: starts at ${start}, not after now (${ctx.now.toISOString()}); AWS refuses a start time in the past`);
        }
        return out;
    },
};

export const COMPUTE_RULES = [launchTemplateHardened, autoScalingGroupResilient, scheduledActionsComplete];
