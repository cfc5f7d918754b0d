/**
 * The composite alarms as data: one "matchday degraded" page over every alarm routed to
 * it, muted while a planned deploy runs, and the "failover in effect" composite over
 * HybridLink's two failover alarms.
 */

/** CloudWatch's limit on an alarm rule's length. */
export const MAX_ALARM_RULE_LENGTH = 10_240;
/** CloudWatch's limit on the alarms one rule may name. */
export const MAX_ALARMS_IN_RULE = 100;

/** `ALARM("name")`; names with a double quote cannot be written in a rule. */
export function alarmTerm(alarmName: string): string {
    if (alarmName.includes('"') || alarmName.length === 0) throw new Error(`alarm name ${JSON.stringify(alarmName)} cannot appear in an alarm rule`);
    return `ALARM("${alarmName}")`;
}

/** `ALARM("a") OR ALARM("b") ...`: in ALARM while any of them is. */
export function anyInAlarmRule(alarmNames: readonly string[]): string {
    if (alarmNames.length === 0) throw new Error("an alarm rule needs at least one alarm");
    if (alarmNames.length > MAX_ALARMS_IN_RULE) throw new Error(`an alarm rule names at most ${MAX_ALARMS_IN_RULE} alarms, not ${alarmNames.length}`);
    const rule = alarmNames.map(alarmTerm).join(" OR ");
    if (rule.length > MAX_ALARM_RULE_LENGTH) throw new Error(`the alarm rule is ${rule.length} characters; CloudWatch allows ${MAX_ALARM_RULE_LENGTH}`);
    return rule;
}

/**
 * The alarm names a rule refers to, in order: `ALARM("x")`, `OK(x)`,
 * `INSUFFICIENT_DATA("x")`, with or without quotes (CloudWatch accepts both).
 */
export function alarmNamesInRule(rule: string): string[] {
    const names: string[] = [];
    const term = /\b(ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]*)"|([^()"\s]+))\s*\)/g;
    for (let m = term.exec(rule); m !== null; m = term.exec(rule)) names.push(m[2] ?? m[3]);
    return names;
}

/**
 * "A failover of the on-premise share in effect": HybridLink's failover function moves
 * the share to the cloud while either of its failure alarms is in ALARM (no healthy
 * on-premise target, or both tunnels down). The share returns only after its
 * `recovered` alarm, so this composite clears up to `recoveryMinutes` before the rule
 * is removed; it tells a person the condition, the function's log tells the action.
 */
export function failoverInEffectRule(names: { unhealthy: string; tunnelsDown: string }): string {
    return anyInAlarmRule([names.unhealthy, names.tunnelsDown]);
}

/** The deploy suppressor's timing on the matchday composite. */
export interface SuppressorTiming {
    /**
     * Seconds the composite, on going into ALARM, waits for the suppressor to go into ALARM
     * before it pages anyway. Every real page waits this long when no deploy runs, so it
     * is short: the pipeline waits for the suppressor to be in ALARM before it changes
     * anything. Default `60`.
     */
    waitPeriodSeconds: number;
    /**
     * Seconds the composite stays muted after the suppressor leaves ALARM (the deploy
     * ended): instances replaced by the deploy settle. Default `600`.
     */
    extensionPeriodSeconds: number;
}

export const DEFAULT_SUPPRESSOR_TIMING: Readonly<SuppressorTiming> = Object.freeze({ waitPeriodSeconds: 60, extensionPeriodSeconds: 600 });

/** Minutes a deploy may mute the page inside a match window (before the extension period). */
export const DEFAULT_MATCH_WINDOW_MUTE_MINUTES = 5;

/**
 * The deploy mute, the page's actions suppressor: in ALARM while a deploy heartbeats,
 * until the deploy has run `matchWindowMuteMinutes` inside a match window. The page then
 * runs its actions after the extension period at the latest, however long the deploy
 * runs on.
 */
export function deployMuteRule(names: { deployInProgress: string; overrunInWindow: string }): string {
    return `${alarmTerm(names.deployInProgress)} AND NOT ${alarmTerm(names.overrunInWindow)}`;
}
