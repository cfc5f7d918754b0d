/**
 * How a plan is shown: a tree for people, a JSON document for tools, and a diff for
 * pull request reviewers and operators (of two stacks, or of a stack file against the
 * one committed at HEAD). Pure functions of recorded resources and settings.
 */
import { DeclaredResource } from "./mockRuntime";
import { StackPlan } from "./planStack";
import { diffWarnings } from "./diffWarnings";
import { stackFreeKey } from "./resourceKey";
import { SCHEDULED_ACTION_TYPE, ScheduledActionChange, scheduledActionChanges } from "./scheduledActionLines";
import { FixtureChange, fixtureEdit, NoCapacity, rawFixtures, WindowChange } from "./fixtureChanges";
import { DASHBOARD_TYPE, dashboardChangeLine } from "./dashboardChanges";
import { DiffSection, fitSections, renderSections } from "./diffSections";

export { stackFreeKey };

/** The settings a reviewer cares about, per resource type (dotted input paths). */
export const REVIEW_SETTINGS: Record<string, string[]> = {
    "awsx:ec2:Vpc": ["cidrBlock", "numberOfAvailabilityZones", "natGateways.strategy"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ["fromPort", "cidrIpv4", "referencedSecurityGroupId"],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ["fromPort", "cidrIpv4", "referencedSecurityGroupId"],
    "aws:lb/loadBalancer:LoadBalancer": ["internal", "enableDeletionProtection", "dropInvalidHeaderFields"],
    "aws:lb/targetGroup:TargetGroup": ["protocol", "port", "healthCheck.path"],
    "aws:lb/listener:Listener": ["protocol", "port", "sslPolicy", "defaultActions.0.type"],
    "aws:ec2/launchTemplate:LaunchTemplate": [
        "instanceType",
        "imageId",
        "metadataOptions.httpTokens",
        "blockDeviceMappings.0.ebs.encrypted",
        "blockDeviceMappings.0.ebs.volumeSize",
    ],
    "aws:autoscaling/group:Group": ["minSize", "desiredCapacity", "maxSize", "healthCheckType", "warmPool.minSize"],
    "aws:autoscaling/policy:Policy": [
        "targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType",
        "targetTrackingConfiguration.targetValue",
    ],
    "aws:autoscaling/schedule:Schedule": ["startTime", "minSize", "maxSize", "desiredCapacity"],
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn"],
    "aws:iam/role:Role": ["name", "maxSessionDuration"],
    "aws:iam/group:Group": ["name"],
    "aws:iam/groupMembership:GroupMembership": ["users"],
    "aws:iam/policy:Policy": ["name"],
    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": ["minimumPasswordLength", "passwordReusePrevention", "maxPasswordAge"],
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": ["url", "clientIdLists"],
    "aws:dynamodb/table:Table": [
        "name",
        "deletionProtectionEnabled",
        "pointInTimeRecovery.recoveryPeriodInDays",
        "warmThroughput.readUnitsPerSecond",
        "warmThroughput.writeUnitsPerSecond",
        "restoreToLatestTime",
        "restoreDateTime",
    ],
    "aws:ec2/vpcEndpoint:VpcEndpoint": ["vpcEndpointType", "privateDnsEnabled"],
};

export function valueAt(obj: unknown, dotted: string): unknown {
    return dotted.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function reviewLine(r: DeclaredResource): string {
    const paths = REVIEW_SETTINGS[r.type] ?? [];
    const last = (p: string) => p.split(".").pop()!;
    // Short labels, unless two paths end the same way (minSize and warmPool.minSize).
    const label = (p: string) => (paths.filter((q) => last(q) === last(p)).length > 1 ? p : last(p));
    const parts = paths
        .map((p) => [label(p), valueAt(r.inputs, p)] as const)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    if (r.options.ignoreChanges.length > 0) parts.push(`[set at creation only: ${r.options.ignoreChanges.join(", ")}]`);
    if (r.options.protect) parts.push("[protected]");
    return parts.join("  ");
}

/** The human plan: a tree of components and resources, the notes, and a count. */
export function renderTree(plan: StackPlan): string {
    const { resources } = plan.run;
    const children = new Map<string | null, DeclaredResource[]>();
    for (const r of resources) {
        const key = r.parent !== null && resources.some((p) => p.urn === r.parent) ? r.parent : null;
        children.set(key, [...(children.get(key) ?? []), r]);
    }
    const lines = [`Offline plan of stack "${plan.stack}" (project ${plan.project}, config ${plan.source}); no cloud API was called.`, ""];
    const walk = (parent: string | null, indent: string) => {
        const list = children.get(parent) ?? [];
        list.forEach((r, i) => {
            const last = i === list.length - 1;
            const branch = parent === null ? "" : last ? "└─ " : "├─ ";
            const settings = reviewLine(r);
            lines.push(`${indent}${branch}${r.type}  ${r.name}${settings ? `  ${settings}` : ""}`);
            walk(r.urn, parent === null ? indent : indent + (last ? "   " : "│  "));
        });
    };
    walk(null, "");
    if (plan.notes.length > 0) {
        lines.push("", "Notes:", ...plan.notes.map((n) => `  - ${n}`));
    }
    const components = resources.filter((r) => !r.custom).length;
    lines.push("", `${resources.length} resources: ${components} components, ${resources.length - components} cloud resources.`);
    return lines.join("\n");
}

/** The `--json` document: the contract other tools read. */
export function planJson(plan: StackPlan) {
    return {
        project: plan.project,
        stack: plan.stack,
        resources: plan.run.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent, inputs: r.inputs })),
    };
}

/**
 * Flattens inputs to dotted paths. The stack's own name is replaced by "<stack>" where
 * it stands for the stack: a whole value (the Stack tag) or the `<project>-<stack>`
 * prefix of physical names; so a diff of two stacks shows what really differs.
 */
export function flattenInputs(value: unknown, stack: string, project: string): Map<string, string> {
    const out = new Map<string, string>();
    const prefix = `${project}-${stack}`;
    const normalise = (v: unknown) =>
        v === stack ? "<stack>" : typeof v === "string" ? v.split(prefix).join(`${project}-<stack>`) : v;
    const visit = (v: unknown, p: string) => {
        // Policy documents and other JSON text: compare them by their parts, not as one string.
        if (typeof v === "string" && /^\s*[{[]/.test(v)) {
            try {
                return visit(JSON.parse(v) as unknown, p);
            } catch {
                // not JSON after all: compared as text below
            }
        }
        if (Array.isArray(v)) v.forEach((x, i) => visit(x, p ? `${p}.${i}` : String(i)));
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visit(x, p ? `${p}.${k}` : k);
        else out.set(p, JSON.stringify(normalise(v)));
    };
    visit(value, "");
    return out;
}

export interface SettingChange {
    path: string;
    /** JSON of the value in the other stack, or null when it has none. */
    from: string | null;
    /** JSON of the value in this stack, or null when it has none. */
    to: string | null;
}

export interface PlanDiff {
    project: string;
    stack: string;
    /** The other stack's name; for a diff against the committed file, `HEAD:<file>`. */
    against: string;
    added: string[];
    removed: string[];
    changed: {
        urn: string;
        type: string;
        name: string;
        /** Every input path that differs (complete, whatever the text shows). */
        changes: SettingChange[];
        /** Added: the text diff's one line instead of `changes`, for a dashboard (what happened to its annotations). */
        summary?: string;
    }[];
    /** The NO CAPACITY lines first (see `noCapacity`), then what the next deploy does. */
    warnings: string[];
    /** Added with `--diff` against HEAD: the commit the other side's stack file was read at. */
    againstCommit?: string;
    /** Added with `--diff` against HEAD: this side's stack file, as read. */
    source?: string;
    /** Added: the scheduled actions among added, removed and changed, as an operator reads them. */
    scheduledActions: ScheduledActionChange[];
    /** Added: for an edit of one stack, the fixtures it adds, changes and removes (by name; a rename is both); empty between two stacks. */
    fixtureChanges: FixtureChange[];
    /** Added: for an edit of one stack, the match windows whose floor steps it adds, changes or ends; empty between two stacks. */
    windowChanges: WindowChange[];
    /**
     * Added: fixtures this edit adds or changes that get no capacity (past at the plan's
     * clock, or kicking off sooner than a cold launch): `plan --diff` exits 5 when any.
     */
    noCapacity: NoCapacity[];
    /** Added: lines for a reviewer that ask for no decision now (a past fixture this edit leaves as it was). */
    notes: string[];
}

/** The other side of a diff, when it is a stack file committed in git rather than another stack. */
export interface CommittedBase {
    /** The stack file's path from the project root (`Pulumi.matchday.yaml`). */
    file: string;
    /** The full commit id it was read at. */
    commit: string;
}

export interface DiffOptions {
    /** The other plan is `file` at `commit` (`--diff` without a stack). */
    committed?: CommittedBase;
}

/**
 * What `plan` declares differently from `other`. When both are plans of the same
 * stack (an edit), the warnings also say what the next deploy does; between two
 * stacks they are only about a lower maxSize.
 */
export function diffPlans(plan: StackPlan, other: StackPlan, options: DiffOptions = {}): PlanDiff {
    const mine = new Map(plan.run.resources.map((r) => [stackFreeKey(r.urn), r]));
    const theirs = new Map(other.run.resources.map((r) => [stackFreeKey(r.urn), r]));
    const committed = options.committed;
    const diff: PlanDiff = {
        project: plan.project,
        stack: plan.stack,
        against: committed ? `HEAD:${committed.file}` : other.stack,
        added: [],
        removed: [],
        changed: [],
        warnings: [],
        ...(committed ? { againstCommit: committed.commit, source: plan.source } : {}),
        scheduledActions: [],
        fixtureChanges: [],
        windowChanges: [],
        noCapacity: [],
        notes: [],
    };
    const added: DeclaredResource[] = [];
    const removed: DeclaredResource[] = [];
    const changedPairs: { before: DeclaredResource; after: DeclaredResource; paths: string[] }[] = [];
    for (const [key, r] of mine) {
        if (!theirs.has(key)) {
            diff.added.push(r.urn);
            added.push(r);
        }
    }
    for (const [key, r] of theirs) {
        if (!mine.has(key)) {
            diff.removed.push(r.urn);
            removed.push(r);
        }
    }
    for (const [key, r] of mine) {
        const o = theirs.get(key);
        if (!o) continue;
        const a = flattenInputs(o.inputs, other.stack, other.project);
        const b = flattenInputs(r.inputs, plan.stack, plan.project);
        const changes: SettingChange[] = [];
        for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
            const from = a.get(path) ?? null;
            const to = b.get(path) ?? null;
            if (from !== to) changes.push({ path, from, to });
        }
        if (changes.length > 0) {
            const summary = r.type === DASHBOARD_TYPE ? { summary: dashboardChangeLine(r.name, o.inputs, r.inputs, changes.map((c) => c.path)) } : {};
            diff.changed.push({ urn: r.urn, type: r.type, name: r.name, changes, ...summary });
            changedPairs.push({ before: o, after: r, paths: changes.map((c) => c.path) });
        }
    }
    diff.warnings = diffWarnings({
        before: { settings: other.settings, resources: other.run.resources, config: other.config.values },
        after: { settings: plan.settings, resources: plan.run.resources, config: plan.config.values },
        now: plan.settings.matchday.plannedAt,
        edit: plan.stack === other.stack,
        changes: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
    });
    diff.scheduledActions = scheduledActionChanges({
        before: { settings: other.settings },
        after: { settings: plan.settings },
        added,
        removed,
        changed: changedPairs,
    });
    if (plan.stack === other.stack) {
        const edit = fixtureEdit({
            before: { settings: other.settings, fixtures: rawFixtures(other.config.values, other.project) },
            after: { settings: plan.settings, fixtures: rawFixtures(plan.config.values, plan.project) },
        });
        diff.fixtureChanges = edit.fixtures;
        diff.windowChanges = edit.windows;
        diff.noCapacity = edit.noCapacity;
        diff.notes = edit.notes;
        diff.warnings = [...edit.noCapacity.map((n) => n.message), ...diff.warnings];
    }
    return diff;
}

/** What the header says is compared: another stack, or this file against the one committed at HEAD. */
function comparison(d: PlanDiff): string {
    if (d.againstCommit === undefined) return ` against "${d.against}"`;
    const file = d.against.replace(/^HEAD:/, "");
    const short = d.againstCommit.slice(0, 7);
    return d.source === file ? `: working ${file} against HEAD (${short})` : `: ${d.source ?? "this config"} against ${d.against} (${short})`;
}

/** `metric alarm` for `aws:cloudwatch/metricAlarm:MetricAlarm`: what a resource type is, in words. */
function typeWords(type: string): string {
    if (type === SCHEDULED_ACTION_TYPE) return "scheduled action";
    const last = type.split(":").pop() ?? type;
    return last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** `5 added (5 scheduled actions)`: a count and, when any, how many of each type. */
function countByType(verb: string, types: readonly string[]): string {
    const counts = new Map<string, number>();
    for (const t of types) counts.set(typeWords(t), (counts.get(typeWords(t)) ?? 0) + 1);
    const detail = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w, n]) => `${n} ${w}${n === 1 ? "" : "s"}`);
    return `${types.length} ${verb}${detail.length > 0 ? ` (${detail.join(", ")})` : ""}`;
}

/** The type of a URN: `urn:pulumi:stack::project::parent$type::name`. */
function urnType(urn: string): string {
    const parts = urn.split("::");
    return (parts[parts.length - 2] ?? "").split("$").pop() ?? "";
}

/**
 * The text diff as sections, in the order an operator decides on them: the header (and
 * a NO CAPACITY line per fixture that gets none), the summary (fixtures, match windows'
 * floor steps, resource counts), scheduled actions in start-time order, warnings, notes,
 * and the other resources' `+`/`-`/`~` lines (a dashboard in one line). Other resources
 * then notes are cut to fit a comment; only when the rest alone is over the budget,
 * scheduled actions, then the summary, then warnings (the header and its NO CAPACITY lines
 * last).
 */
export function diffSections(d: PlanDiff): DiffSection[] {
    const noCapacity = d.noCapacity ?? [];
    const header = `Stack "${d.stack}"${comparison(d)}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed.`;
    const summary = [
        ...(d.fixtureChanges ?? []).map((f) => `  ${f.line}`),
        ...(d.windowChanges ?? []).map((w) => `  ${w.line}`),
        `  resources: ${countByType("added", d.added.map(urnType))}, ${countByType("removed", d.removed.map(urnType))}, ${countByType("changed", d.changed.map((c) => c.type))}`,
    ];
    // Scheduled actions have their own lines; every other resource is shown by its URN.
    const readable = new Set((d.scheduledActions ?? []).map((a) => a.urn));
    const other: string[] = [];
    for (const urn of d.added) if (!readable.has(urn)) other.push(`+ ${stackFreeKey(urn)}`);
    for (const urn of d.removed) if (!readable.has(urn)) other.push(`- ${stackFreeKey(urn)}`);
    for (const c of d.changed) {
        if (readable.has(c.urn)) continue;
        if (c.summary !== undefined) {
            other.push(c.summary);
            continue;
        }
        other.push(`~ ${c.type}  ${c.name}`);
        for (const ch of c.changes) other.push(`    ${ch.path}: ${ch.from ?? "(unset)"} -> ${ch.to ?? "(unset)"}`);
    }
    return [
        { name: "header", heading: [], lines: [header, ...noCapacity.map((n) => n.message)] },
        // The last resort, when these alone are over the budget: a scheduled action is one of those the summary
        // counts, and a warning (a NO CAPACITY among them) says what goes wrong, so it is kept longest.
        { name: "summary", heading: ["", "Summary:"], lines: summary, cutOrder: 4 },
        { name: "scheduled actions", heading: ["", "Scheduled actions:"], lines: (d.scheduledActions ?? []).map((a) => a.line), cutOrder: 3 },
        { name: "warnings", heading: ["", "Warnings:"], lines: d.warnings.map((w) => `  ! ${w}`), cutOrder: 5 },
        { name: "notes", heading: ["", "Notes:"], lines: (d.notes ?? []).map((n) => `  - ${n}`), cutOrder: 2 },
        { name: "other resources", heading: ["", "Other resources:"], lines: other, cutOrder: 1 },
    ];
}

export interface RenderDiffOptions {
    /** Fit the text in this many characters by cutting whole lines of other resources, then notes (then, as a last resort, the rest). */
    maxChars?: number;
    /** The command the left-out line tells a reader to run for the rest. */
    rerun?: string;
}

/**
 * The diff for people: {@link diffSections} as text, within `maxChars` when given
 * (the summary, scheduled actions and warnings are cut only when they alone are over it).
 */
export function renderDiff(d: PlanDiff, options: RenderDiffOptions = {}): string {
    const sections = diffSections(d);
    if (options.maxChars === undefined) return renderSections(sections);
    return fitSections(sections, options.maxChars, options.rerun ?? `npm run plan -- --stack ${d.stack} --diff`);
}
