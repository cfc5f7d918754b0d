/**
 * A small model of how CloudWatch composite alarms notify, from AWS's documentation
 * (CloudWatch User Guide, "Combining alarms" and "Suppressing composite alarm actions";
 * API reference, CompositeAlarm / PutCompositeAlarm):
 *
 * - A composite's state is its alarm rule over its children's states: `ALARM(x)`, `OK(x)`,
 *   `INSUFFICIENT_DATA(x)`, `TRUE`, `FALSE`, with AND, OR, NOT and parentheses (NOT binds
 *   tightest, then AND, then OR). A rule that is not true is OK.
 * - It runs its actions only when its own state changes: while one child holds it in
 *   ALARM, another child going to ALARM sends nothing.
 * - With an actions suppressor: when the composite goes into ALARM while the suppressor is
 *   in ALARM, the actions are suppressed; when the suppressor is not in ALARM, the
 *   composite waits up to WaitPeriod for it to go into ALARM (then suppressed), else runs
 *   its actions when the wait ends. When the suppressor leaves ALARM, the composite waits
 *   ExtensionPeriod; if it is still in ALARM then, it runs its actions.
 *
 * Time is in whole minutes; the children's states are given per minute. Pure.
 */

export type AlarmState = "OK" | "ALARM" | "INSUFFICIENT_DATA";

// ---------------------------------------------------------------- the rule language

type Rule =
    | { kind: "state"; state: AlarmState; alarm: string }
    | { kind: "const"; value: boolean }
    | { kind: "not"; of: Rule }
    | { kind: "and" | "or"; left: Rule; right: Rule };

function tokenize(rule: string): string[] {
    const tokens: string[] = [];
    const re = /\s*(ALARM|OK|INSUFFICIENT_DATA)\(\s*(?:"([^"]*)"|([^()"\s]+))\s*\)|\s*(\(|\)|AND\b|OR\b|NOT\b|TRUE\b|FALSE\b)\s*/gy;
    let m: RegExpExecArray | null;
    let at = 0;
    while (at < rule.length) {
        re.lastIndex = at;
        m = re.exec(rule);
        if (m === null) {
            if (rule.slice(at).trim() === "") break;
            throw new Error(`cannot read the alarm rule at ${JSON.stringify(rule.slice(at, at + 30))}`);
        }
        tokens.push(m[1] !== undefined ? `${m[1]}\u0000${m[2] ?? m[3]}` : m[4]);
        at = re.lastIndex;
    }
    return tokens;
}

/** Parses an alarm rule as CloudWatch writes it. */
export function parseAlarmRule(text: string): Rule {
    const tokens = tokenize(text);
    let i = 0;
    const peek = () => tokens[i];
    const next = () => tokens[i++];
    const primary = (): Rule => {
        const t = next();
        if (t === undefined) throw new Error(`alarm rule ends early: ${text}`);
        if (t === "(") {
            const r = or();
            if (next() !== ")") throw new Error(`missing ) in ${text}`);
            return r;
        }
        if (t === "NOT") return { kind: "not", of: primary() };
        if (t === "TRUE" || t === "FALSE") return { kind: "const", value: t === "TRUE" };
        const [state, alarm] = t.split("\u0000");
        if (alarm === undefined) throw new Error(`unexpected ${t} in ${text}`);
        return { kind: "state", state: state as AlarmState, alarm };
    };
    const and = (): Rule => {
        let r = primary();
        while (peek() === "AND") {
            next();
            r = { kind: "and", left: r, right: primary() };
        }
        return r;
    };
    const or = (): Rule => {
        let r = and();
        while (peek() === "OR") {
            next();
            r = { kind: "or", left: r, right: and() };
        }
        return r;
    };
    const rule = or();
    if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in ${text}`);
    return rule;
}

/** The alarms a rule names. */
export function ruleAlarms(rule: Rule): string[] {
    switch (rule.kind) {
        case "state":
            return [rule.alarm];
        case "const":
            return [];
        case "not":
            return ruleAlarms(rule.of);
        default:
            return [...ruleAlarms(rule.left), ...ruleAlarms(rule.right)];
    }
}

/** A child named by a rule but absent from `states` is INSUFFICIENT_DATA (an alarm not yet evaluated). */
export function evaluateRule(rule: Rule, states: Readonly<Record<string, AlarmState>>): boolean {
    switch (rule.kind) {
        case "state":
            return (states[rule.alarm] ?? "INSUFFICIENT_DATA") === rule.state;
        case "const":
            return rule.value;
        case "not":
            return !evaluateRule(rule.of, states);
        case "and":
            return evaluateRule(rule.left, states) && evaluateRule(rule.right, states);
        case "or":
            return evaluateRule(rule.left, states) || evaluateRule(rule.right, states);
    }
}

// ---------------------------------------------------------------- notifications over time

export interface Suppressor {
    /** The suppressor's state at each minute (an alarm of the timeline, or computed). */
    alarm: string;
    waitPeriodSeconds: number;
    extensionPeriodSeconds: number;
}

export interface Notification {
    minute: number;
    state: "ALARM" | "OK";
}

/** Each alarm's state minute by minute: `timeline[m][name]`. */
export type Timeline = Readonly<Record<string, AlarmState>>[];

/** A composite's state minute by minute over a timeline of its children. */
export function compositeStates(ruleText: string, timeline: Timeline): AlarmState[] {
    const rule = parseAlarmRule(ruleText);
    return timeline.map((states) => (evaluateRule(rule, states) ? "ALARM" : "OK"));
}

/**
 * The notifications a composite sends: on its own transitions only, ALARM actions (and OK
 * actions, when `okActions`) subject to the suppressor. Its state at minute -1 is OK.
 */
export function compositeNotifications(ruleText: string, timeline: Timeline, opts: { suppressor?: Suppressor; okActions?: boolean } = {}): Notification[] {
    const states = compositeStates(ruleText, timeline);
    const out: Notification[] = [];
    const s = opts.suppressor;
    const suppressorAt = (m: number): AlarmState => (s === undefined ? "OK" : timeline[m]?.[s.alarm] ?? "INSUFFICIENT_DATA");
    // An ALARM whose actions are pending: waiting for the suppressor, muted by it, or in its extension.
    let pending: { phase: "wait" | "muted" | "extension"; until: number } | undefined;
    let previous: AlarmState = "OK";
    for (let m = 0; m < states.length; m++) {
        const state = states[m];
        if (state !== previous) {
            if (state === "ALARM") {
                if (s === undefined) out.push({ minute: m, state: "ALARM" });
                else if (suppressorAt(m) === "ALARM") pending = { phase: "muted", until: Infinity };
                else pending = { phase: "wait", until: m + s.waitPeriodSeconds / 60 };
            } else {
                // Back to OK: a pending ALARM is dropped; the OK action runs unless muted.
                const muted = pending !== undefined && pending.phase !== "wait";
                pending = undefined;
                if (opts.okActions && !muted && out.length > 0 && out[out.length - 1].state === "ALARM") out.push({ minute: m, state: "OK" });
            }
            previous = state;
        }
        if (pending !== undefined && state === "ALARM" && s !== undefined) {
            const sup = suppressorAt(m);
            if (pending.phase === "wait" && sup === "ALARM") pending = { phase: "muted", until: Infinity };
            else if (pending.phase === "muted" && sup !== "ALARM") pending = { phase: "extension", until: m + s.extensionPeriodSeconds / 60 };
            else if (pending.phase === "extension" && sup === "ALARM") pending = { phase: "muted", until: Infinity };
            if (pending.phase !== "muted" && m >= pending.until) {
                out.push({ minute: m, state: "ALARM" });
                pending = undefined;
            }
        }
    }
    return out;
}

/** `count` minutes of the same states, for building timelines. */
export function minutes(count: number, states: Readonly<Record<string, AlarmState>>): Timeline {
    return Array.from({ length: count }, () => ({ ...states }));
}
