/**
 * The failover's decision, as a pure function of what the function reads when it runs
 * (the alarms' current states and the listener's rule at the failover priority), never
 * of the event that woke it: a duplicate, late or out-of-order event leads to the same
 * decision as a fresh one, so it is harmless.
 *
 * This file is shipped inside the Lambda archive (as `decide.js`): it imports nothing.
 */

/** A CloudWatch alarm state, or MISSING when the alarm was not found. */
export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA" | "MISSING";

/**
 * The listener rule at the failover priority:
 * - `absent`: no rule there;
 * - `automatic`: the one this function creates (tag `kgsports:failover` = `automatic`),
 *   forwarding to the current cloud target group only;
 * - `stale`: tagged `automatic`, but forwarding to another target group (e.g. one a
 *   deploy replaced while the failover was in effect: the Auto Scaling group has left
 *   it, so every request would get a 503);
 * - `manual`: one a person created with tag `kgsports:failover` = `manual` (a hold);
 * - `foreign`: any other rule: never touched.
 */
export type FailoverRuleState = "absent" | "automatic" | "stale" | "manual" | "foreign";

export interface FailoverSituation {
    /** No healthy on-premise target for the configured minutes (ALARM = unhealthy). */
    unhealthyAlarm: AlarmState;
    /** Both VPN tunnels down for the configured minutes (ALARM = down). */
    tunnelsDownAlarm: AlarmState;
    /** Healthy for the recovery minutes (ALARM = recovered: traffic may return). */
    recoveredAlarm: AlarmState;
    rule: FailoverRuleState;
}

/** `correct`: point a stale rule at the current cloud target group. */
export type FailoverAction = "fail over" | "correct" | "restore" | "nothing";

export interface FailoverDecision {
    action: FailoverAction;
    /** One sentence for the function's log. */
    reason: string;
}

/** The tag that marks the failover rule, and its two values. */
export const FAILOVER_TAG_KEY = "kgsports:failover";
export const FAILOVER_TAG_AUTOMATIC = "automatic";
export const FAILOVER_TAG_MANUAL = "manual";

/** The parts of an ELBv2 rule action this module reads (the SDK's `Action`). */
export interface RuleActionView {
    Type?: string;
    TargetGroupArn?: string;
    ForwardConfig?: { TargetGroups?: readonly { TargetGroupArn?: string }[] };
}

/** Which kind of rule a rule at the failover priority is, from its tags alone. */
export function classifyFailoverRule(tags: readonly { Key?: string; Value?: string }[] | undefined): FailoverRuleState {
    // Stryker disable next-line ArrayDeclaration: equivalent: any other list without the tag is foreign too
    const value = (tags ?? []).find((t) => t.Key === FAILOVER_TAG_KEY)?.Value;
    if (value === FAILOVER_TAG_AUTOMATIC) return "automatic";
    if (value === FAILOVER_TAG_MANUAL) return "manual";
    return "foreign";
}

/**
 * Whether the rule's actions forward to exactly the given target group and nowhere else.
 * ELBv2 reports a forward to one group both as `TargetGroupArn` and as `ForwardConfig`;
 * either may be absent, so both are read.
 */
export function forwardsOnlyTo(actions: readonly RuleActionView[] | undefined, targetGroupArn: string): boolean {
    // Stryker disable next-line ArrayDeclaration: equivalent: any other list without a forward action forwards nowhere
    const forwards = (actions ?? []).filter((a) => a.Type === "forward");
    const targets = new Set<string | undefined>();
    for (const a of forwards) {
        if (a.TargetGroupArn !== undefined) targets.add(a.TargetGroupArn);
        for (const g of a.ForwardConfig?.TargetGroups ?? []) targets.add(g.TargetGroupArn);
    }
    return forwards.length === 1 && targets.size === 1 && targets.has(targetGroupArn);
}

/** The rule's state from its tags and, for the function's own rule, where it forwards. */
export function failoverRuleState(
    tags: readonly { Key?: string; Value?: string }[] | undefined,
    actions: readonly RuleActionView[] | undefined,
    cloudTargetGroupArn: string,
): FailoverRuleState {
    const kind = classifyFailoverRule(tags);
    if (kind !== "automatic") return kind;
    return forwardsOnlyTo(actions, cloudTargetGroupArn) ? "automatic" : "stale";
}

/**
 * - A manual rule is a person's hold and a foreign rule is not ours: both are left alone.
 * - Either failure alarm in ALARM: fail over (add the rule) unless it is there; a stale
 *   rule is corrected.
 * - Neither: restore (delete the rule, stale or not) only when it is the function's own
 *   and the recovery alarm is in ALARM (healthy for the recovery minutes); until then a
 *   stale rule is corrected, since the failover is still in effect.
 */
export function decideFailover(s: FailoverSituation): FailoverDecision {
    const failing = s.unhealthyAlarm === "ALARM" || s.tunnelsDownAlarm === "ALARM";
    if (s.rule === "foreign") {
        return { action: "nothing", reason: "another rule holds the failover priority; it is not this function's to change (and no failover rule can be added while it is there)" };
    }
    if (s.rule === "manual") {
        return { action: "nothing", reason: "a person holds the failover by hand (rule tagged manual); remove that rule to hand back to automation" };
    }
    const stale = "the failover rule forwards to a target group that is not the current cloud group: point it at the current one";
    if (failing) {
        const why = s.unhealthyAlarm === "ALARM" ? "fewer on-premise targets are healthy than their share needs" : "both VPN tunnels are down";
        if (s.rule === "absent") return { action: "fail over", reason: `${why}: send all traffic to the cloud` };
        if (s.rule === "stale") return { action: "correct", reason: `${why}, and ${stale}` };
        return { action: "nothing", reason: `${why}, and traffic already goes to the cloud` };
    }
    if (s.rule === "absent") return { action: "nothing", reason: "no failure and no failover in effect" };
    if (s.recoveredAlarm === "ALARM") {
        return { action: "restore", reason: "the on-premise servers have been healthy for the recovery period: restore the weighted forward" };
    }
    if (s.rule === "stale") return { action: "correct", reason: `failover in effect until the recovery alarm fires (now ${s.recoveredAlarm}), and ${stale}` };
    return { action: "nothing", reason: `failover in effect; waiting for the recovery alarm (now ${s.recoveredAlarm})` };
}
