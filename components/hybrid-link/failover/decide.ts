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
 * - `automatic`: the one this function creates (tag `kgsports:failover` = `automatic`);
 * - `manual`: one a person created with tag `kgsports:failover` = `manual` (a hold);
 * - `foreign`: any other rule: never touched.
 */
export type FailoverRuleState = "absent" | "automatic" | "manual" | "foreign";

export interface FailoverSituation {
    /** No healthy on-premise target for the configured minutes (ALARM = unhealthy). */
    unhealthyAlarm: AlarmState;
    /** Both VPN tunnels down for the configured minutes (ALARM = down). */
    tunnelsDownAlarm: AlarmState;
    /** Healthy for the recovery minutes (ALARM = recovered: traffic may return). */
    recoveredAlarm: AlarmState;
    rule: FailoverRuleState;
}

export type FailoverAction = "fail over" | "restore" | "nothing";

export interface FailoverDecision {
    action: FailoverAction;
    /** One sentence for the function's log. */
    reason: string;
}

/** The tag that marks the failover rule, and its two values. */
export const FAILOVER_TAG_KEY = "kgsports:failover";
export const FAILOVER_TAG_AUTOMATIC = "automatic";
export const FAILOVER_TAG_MANUAL = "manual";

/** Which kind of rule a rule at the failover priority is, from its tags. */
export function classifyFailoverRule(tags: readonly { Key?: string; Value?: string }[] | undefined): FailoverRuleState {
    const value = (tags ?? []).find((t) => t.Key === FAILOVER_TAG_KEY)?.Value;
    if (value === FAILOVER_TAG_AUTOMATIC) return "automatic";
    if (value === FAILOVER_TAG_MANUAL) return "manual";
    return "foreign";
}

/**
 * - Either failure alarm in ALARM: fail over (add the rule) unless a rule is already there.
 * - Neither: restore (delete the rule) only when it is the automatic one and the
 *   recovery alarm is in ALARM (healthy for the recovery minutes); otherwise wait.
 * - A manual rule is a person's hold and a foreign rule is not ours: both are left alone.
 */
export function decideFailover(s: FailoverSituation): FailoverDecision {
    const failing = s.unhealthyAlarm === "ALARM" || s.tunnelsDownAlarm === "ALARM";
    if (s.rule === "foreign") {
        return { action: "nothing", reason: "another rule holds the failover priority; it is not this function's to change (and no failover rule can be added while it is there)" };
    }
    if (s.rule === "manual") {
        return { action: "nothing", reason: "a person holds the failover by hand (rule tagged manual); remove that rule to hand back to automation" };
    }
    if (failing) {
        const why = s.unhealthyAlarm === "ALARM" ? "no on-premise target is healthy" : "both VPN tunnels are down";
        return s.rule === "absent"
            ? { action: "fail over", reason: `${why}: send all traffic to the cloud` }
            : { action: "nothing", reason: `${why}, and traffic already goes to the cloud` };
    }
    if (s.rule === "absent") return { action: "nothing", reason: "no failure and no failover in effect" };
    if (s.recoveredAlarm === "ALARM") {
        return { action: "restore", reason: "the on-premise servers have been healthy for the recovery period: restore the weighted forward" };
    }
    return { action: "nothing", reason: `failover in effect; waiting for the recovery alarm (now ${s.recoveredAlarm})` };
}
