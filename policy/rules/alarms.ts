/**
 * Every alarm reaches a human (rule 12). The project keeps component alarms quiet and
 * pages once on a composite (`<prefix>-matchday-degraded`), so an alarm reaches a person
 * when it has alarm actions of its own, or when a composite alarm whose rule names it
 * does (composites nest: `failover-in-effect` feeds `matchday-degraded`). Two kinds of
 * alarm are not alerts and are recognised from the plan itself:
 *  - a composite's `actionsSuppressor` (the deploy mute) and, when that is a composite, the
 *    alarms its rule names (deploy-in-progress, deploy-overrun-in-window);
 *  - an alarm only automation listens to (an EventBridge rule on its state change with a
 *    target, e.g. HybridLink's failover function): it passes the mandatory rule, and the
 *    advisory rule {@link automationAlarmsReachAHuman} says that no person hears it.
 */
import { at, isUnknown, list, ofTypes, PolicyInput, referenceOf, StackContext, StackRule, StackViolation, T, Unknown, UNKNOWN } from "./model";

/** Alarm names an alarm rule refers to: `ALARM("x")`, `OK(x)`, `INSUFFICIENT_DATA("x")`, quoted or not. */
export function alarmNamesInRule(rule: string): string[] {
    const names: string[] = [];
    const term = /\b(ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]*)"|([^()"\s]+))\s*\)/g;
    for (let m = term.exec(rule); m !== null; m = term.exec(rule)) names.push(m[2] ?? m[3]);
    return names;
}

interface Alarm {
    resource: PolicyInput;
    name: string | Unknown | undefined;
    composite: boolean;
    /** Alarm actions set and enabled; unknown when they cannot be read yet. */
    ownActions: boolean | Unknown;
    /** Names in its rule (composites); unknown when the rule is not known yet. */
    names: string[] | Unknown;
}

function alarmsOf(resources: readonly PolicyInput[]): Alarm[] {
    return ofTypes(resources, T.metricAlarm, T.compositeAlarm).map((r) => {
        const composite = r.type === T.compositeAlarm;
        const rawName = composite ? r.props.alarmName : r.props.name;
        const name = isUnknown(rawName) ? UNKNOWN : typeof rawName === "string" && rawName !== "" ? rawName : undefined;
        const actions = list(r.props.alarmActions);
        const enabled = r.props.actionsEnabled;
        let ownActions: boolean | Unknown;
        if (isUnknown(actions) || isUnknown(enabled)) ownActions = UNKNOWN;
        else ownActions = actions.length > 0 && enabled !== false && enabled !== "false";
        const rule = r.props.alarmRule;
        const names = !composite ? [] : isUnknown(rule) ? UNKNOWN : typeof rule === "string" ? alarmNamesInRule(rule) : [];
        return { resource: r, name, composite, ownActions, names };
    });
}

/** Alarm names that EventBridge rules with a target listen to, by rule. */
function automationListeners(resources: readonly PolicyInput[]): Map<string, string[]> {
    const targets = ofTypes(resources, T.eventTarget);
    const out = new Map<string, string[]>();
    for (const rule of ofTypes(resources, T.eventRule)) {
        const targeted = targets.some((t) => {
            const ref = referenceOf(t, "rule");
            return ref.urns.has(rule.urn) || (typeof rule.props.name === "string" && ref.values.has(rule.props.name));
        });
        if (!targeted) continue;
        let pattern: unknown = rule.props.eventPattern;
        if (typeof pattern === "string") {
            try {
                pattern = JSON.parse(pattern);
            } catch {
                continue;
            }
        }
        const detailType = list(at(pattern, "detail-type"));
        if (isUnknown(detailType) || !detailType.includes("CloudWatch Alarm State Change")) continue;
        const names: string[] = [];
        const byName = list(at(pattern, "detail.alarmName"));
        if (!isUnknown(byName)) for (const n of byName) if (typeof n === "string") names.push(n);
        const byArn = list(at(pattern, "resources"));
        if (!isUnknown(byArn)) for (const a of byArn) if (typeof a === "string") names.push(a.replace(/^arn:aws[a-z-]*:cloudwatch:[^:]*:[^:]*:alarm:/, ""));
        for (const n of names) out.set(n, [...(out.get(n) ?? []), rule.name]);
    }
    return out;
}

interface Reach {
    /** true: a person is told; false: nobody; unknown: cannot tell yet. */
    human: boolean | Unknown;
    suppressor: boolean;
    automation: string[];
}

function reachOf(resources: readonly PolicyInput[]): Map<Alarm, Reach> {
    const alarms = alarmsOf(resources);
    const composites = alarms.filter((a) => a.composite);
    const suppressors = new Set<string>();
    for (const c of composites) {
        const s = at(c.resource.props, "actionsSuppressor.alarm");
        if (typeof s === "string") suppressors.add(s);
    }
    // A suppressor may be a composite (the deploy mute): the alarms its rule names are
    // signals of the suppressor too, however deep the nesting.
    for (let grew = true; grew;) {
        grew = false;
        for (const c of composites) {
            if (typeof c.name !== "string" || !suppressors.has(c.name) || isUnknown(c.names)) continue;
            for (const n of c.names) {
                if (!suppressors.has(n)) {
                    suppressors.add(n);
                    grew = true;
                }
            }
        }
    }
    const anyRuleUnknown = composites.some((c) => isUnknown(c.names));
    const listeners = automationListeners(resources);
    const memo = new Map<Alarm, boolean | Unknown>();
    const human = (a: Alarm, seen: Set<Alarm>): boolean | Unknown => {
        if (memo.has(a)) return memo.get(a)!;
        if (seen.has(a)) return false;
        seen.add(a);
        let result: boolean | Unknown = a.ownActions;
        if (result !== true) {
            let unknown = isUnknown(result) || isUnknown(a.name) || anyRuleUnknown;
            for (const c of composites) {
                if (isUnknown(c.names) || typeof a.name !== "string" || !c.names.includes(a.name)) continue;
                const up = human(c, seen);
                if (up === true) {
                    result = true;
                    unknown = false;
                    break;
                }
                if (isUnknown(up)) unknown = true;
            }
            if (result !== true) result = unknown ? UNKNOWN : false;
        }
        seen.delete(a);
        memo.set(a, result);
        return result;
    };
    const out = new Map<Alarm, Reach>();
    for (const a of alarms) {
        const name = typeof a.name === "string" ? a.name : undefined;
        out.set(a, {
            human: human(a, new Set()),
            suppressor: name !== undefined && suppressors.has(name),
            automation: name !== undefined ? listeners.get(name) ?? [] : [],
        });
    }
    return out;
}

function label(a: Alarm): string {
    return `${a.composite ? "composite alarm" : "alarm"} ${typeof a.name === "string" ? a.name : a.resource.name}`;
}

function noteUnknown(a: Alarm, ctx: StackContext): void {
    ctx.cannotTell?.(a.resource.urn, `${label(a)}: its name, actions or a composite's rule are unknown (cannot tell whether a person is paged)`);
}

export const alarmsReachAHuman: StackRule = {
    name: "alarms-reach-a-human",
    description:
        "Every CloudWatch metric or composite alarm reaches a person: it has enabled alarm actions, or a composite alarm that reaches a person names it in its rule " +
        "(component alarms stay quiet and page once through matchday-degraded). Not alerts, and so exempt: a composite's actions suppressor, " +
        "and alarms only automation listens to (see alarms-only-automation-listens).",
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        for (const [a, reach] of reachOf(resources)) {
            if (reach.human === true || reach.suppressor || reach.automation.length > 0) continue;
            if (isUnknown(reach.human)) {
                noteUnknown(a, ctx);
                continue;
            }
            const muted = a.resource.props.actionsEnabled === false || a.resource.props.actionsEnabled === "false";
            out.push({
                urn: a.resource.urn,
                message: `${label(a)}: reaches nobody: ${muted ? "its actions are disabled" : "no alarm actions"}, and no composite alarm that pages names it in its rule; ` +
                    "give it an alarm action (an SNS topic) or add it to the matchday-degraded composite",
            });
        }
        return out;
    },
};

export const automationAlarmsReachAHuman: StackRule = {
    name: "alarms-only-automation-listens",
    description:
        "Advisory: an alarm that only automation acts on (an EventBridge rule on its state change) and that pages nobody; " +
        "acceptable when what the automation does is itself paged (e.g. HybridLink's failover-in-effect composite).",
    enforcementLevel: "advisory",
    validateStack(resources) {
        const out: StackViolation[] = [];
        for (const [a, reach] of reachOf(resources)) {
            if (reach.human !== false || reach.suppressor || reach.automation.length === 0) continue;
            out.push({
                urn: a.resource.urn,
                message: `${label(a)}: pages nobody; only automation listens to it (EventBridge rule ${reach.automation.join(", ")})`,
            });
        }
        return out;
    },
};

export const ALARM_RULES = [alarmsReachAHuman, automationAlarmsReachAHuman];
