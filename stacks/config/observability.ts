/**
 * The Observability slice of the stack config: who is paged and warned, how tight the
 * alarms are (matchday tighter than dev), how long logs are kept. The rules of the
 * values are the component's (`@kgsports/observability` validators); this module puts
 * the config key names on them. Pure.
 */
import { z } from "zod";
import {
    emailProblem,
    expirationDaysProblem,
    logRetentionDaysProblem,
    percentProblem,
    phoneNumberProblem,
    slackChannelIdProblem,
    slackWorkspaceIdProblem,
    DEFAULT_ALARM_THRESHOLDS,
    DEFAULT_ACCESS_LOGS_EXPIRATION_DAYS,
    DEFAULT_LOG_RETENTION_DAYS,
    frontDoorProbeProblems,
    TrafficWindow,
} from "@kgsports/observability/pure";
import { demandShareAt, finalWhistleMinute } from "../capacity/audience";
import type { Fixture } from "../capacity/fixtures";
import { fixtureKickoff } from "../capacity/kickoffTime";
import type { MatchWindow } from "../capacity/schedule";
import { PROJECT } from "./project";
import { def, integer, anyString, stringList } from "./schema";

const anyStringList = stringList();

export const OBSERVABILITY_KEYS = {
    alertCriticalEmails: def({
        type: "array",
        items: { type: "string" },
        description: "E-mail addresses paged by the one matchday-degraded alarm (each must confirm its subscription).",
        default: [] as string[],
        allowed: "a list of e-mail addresses; with alertCriticalPhoneNumbers, at least one",
        schema: anyStringList,
    }),
    alertCriticalPhoneNumbers: def({
        type: "array",
        items: { type: "string" },
        description: "Phone numbers (E.164) paged by SMS by the matchday-degraded alarm.",
        default: [] as string[],
        allowed: 'a list of E.164 numbers such as "+821012345678"',
        schema: anyStringList,
    }),
    alertWarningEmails: def({
        type: "array",
        items: { type: "string" },
        description: "E-mail addresses warned of what needs a look but no page (fleet near max, CPU, a floor left behind, failed backups).",
        default: [] as string[],
        allowed: "a list of e-mail addresses; at least one unless a Slack channel is set",
        schema: anyStringList,
    }),
    alertSlackWorkspaceId: def<string | undefined>({
        type: "string",
        description: "Slack workspace (team) id for chat delivery through AWS Chatbot, with alertSlackChannelId. Empty: none.",
        default: "",
        emptyMeansUnset: true,
        allowed: 'the workspace id from the AWS Chatbot console, e.g. "T07EA123LEP"',
        schema: anyString,
    }),
    alertSlackChannelId: def<string | undefined>({
        type: "string",
        description: "Slack channel id for chat delivery, with alertSlackWorkspaceId. Empty: none.",
        default: "",
        emptyMeansUnset: true,
        allowed: 'a channel id such as "C07EZ1ABC23" (not "#name")',
        schema: anyString,
    }),
    alarm5xxRatePercent: def({
        type: "integer",
        description: "Page when the load balancer's or a target group's 5xx responses exceed this share of requests.",
        default: DEFAULT_ALARM_THRESHOLDS.loadBalancer5xxPercent,
        allowed: "a whole number of percent from 1 to 100",
        schema: integer(1, 100),
    }),
    alarmP99LatencyMilliseconds: def({
        type: "integer",
        description: "Page when the targets' p99 response time exceeds this.",
        default: DEFAULT_ALARM_THRESHOLDS.p99LatencySeconds * 1000,
        allowed: "a whole number of milliseconds from 1 to 60000",
        schema: integer(1, 60_000),
    }),
    alarmErrorMinutes: def({
        type: "integer",
        description: "Consecutive minutes of 5xx rate or latency above the threshold before the page.",
        default: DEFAULT_ALARM_THRESHOLDS.errorMinutes,
        allowed: "a whole number of minutes from 1 to 60",
        schema: integer(1, 60),
    }),
    alarmNearMaxPercent: def({
        type: "integer",
        description: "Warn when the fleet's desired capacity reaches this share of maxSize (the ceiling that broke the on-premise servers).",
        default: DEFAULT_ALARM_THRESHOLDS.nearMaxPercent,
        allowed: "a whole number of percent from 1 to 100",
        schema: integer(1, 100),
    }),
    alarmCpuPercent: def({
        type: "integer",
        description: "Warn when the instances' average CPU exceeds this.",
        default: DEFAULT_ALARM_THRESHOLDS.cpuPercent,
        allowed: "a whole number of percent from 1 to 100",
        schema: integer(1, 100),
    }),
    logRetentionDays: def({
        type: "integer",
        description: "Days the instances' log groups keep events.",
        default: DEFAULT_LOG_RETENTION_DAYS,
        allowed: "one of CloudWatch Logs' retentions: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        schema: integer(1, 3653),
    }),
    accessLogExpirationDays: def({
        type: "integer",
        description: "Days the load balancer's access logs are kept in S3.",
        default: DEFAULT_ACCESS_LOGS_EXPIRATION_DAYS,
        allowed: "a whole number of days from 1 to 3650",
        schema: integer(1, 3650),
    }),
    frontDoorProbeUrl: def<string | undefined>({
        type: "string",
        description: "URL a CloudWatch Synthetics canary opens every minute from outside; its failures page. \"alb\": the load balancer's own DNS name with the health check path. Empty: no probe.",
        default: "",
        emptyMeansUnset: true,
        allowed: 'an https:// URL of the public name (e.g. "https://watch.kgsports.example/healthz"), or "alb"',
        schema: anyString,
    }),
};

export type ObservabilityKeyName = keyof typeof OBSERVABILITY_KEYS;

export type ObservabilityKeyValues = {
    [K in ObservabilityKeyName]?: (typeof OBSERVABILITY_KEYS)[K] extends { schema: z.ZodType<infer T, z.ZodTypeDef, string> } ? T : never;
};

/** What the composition hands the component besides what other components output. */
export interface ObservabilitySettings {
    criticalEmails: string[];
    criticalPhoneNumbers: string[];
    warningEmails: string[];
    slack?: { workspaceId: string; channelId: string };
    thresholds: {
        loadBalancer5xxPercent: number;
        target5xxPercent: number;
        p99LatencySeconds: number;
        errorMinutes: number;
        nearMaxPercent: number;
        cpuPercent: number;
    };
    logRetentionDays: number;
    accessLogExpirationDays: number;
    /** The outside probe's URL, `"alb"` for the load balancer's DNS name, or undefined (no probe). */
    frontDoorProbeUrl?: string;
}

export interface ObservabilityProblem {
    key: string;
    value?: string;
    message: string;
}

const full = (key: ObservabilityKeyName) => `${PROJECT}:${key}`;

/** The component's settings, or every problem with its keys (each naming the key and the list entry). */
export function decideObservabilitySettings(v: ObservabilityKeyValues): { problems: ObservabilityProblem[]; settings: ObservabilitySettings | undefined } {
    const problems: ObservabilityProblem[] = [];
    const add = (key: string, value: string | undefined, message: string) => problems.push({ key, ...(value === undefined ? {} : { value }), message });

    const list = (key: ObservabilityKeyName, check: (x: string) => string | undefined): string[] => {
        const values = (v[key] as string[] | undefined) ?? [];
        values.forEach((x, i) => {
            const why = check(x);
            if (why) add(`${full(key)}[${i}]`, x, why);
        });
        return values;
    };
    const criticalEmails = list("alertCriticalEmails", emailProblem);
    const criticalPhoneNumbers = list("alertCriticalPhoneNumbers", phoneNumberProblem);
    const warningEmails = list("alertWarningEmails", emailProblem);

    let slack: ObservabilitySettings["slack"];
    const ws = v.alertSlackWorkspaceId;
    const ch = v.alertSlackChannelId;
    if ((ws === undefined) !== (ch === undefined)) {
        const missing = ws === undefined ? "alertSlackWorkspaceId" : "alertSlackChannelId";
        add(full(missing), undefined, `required with ${full(missing === "alertSlackWorkspaceId" ? "alertSlackChannelId" : "alertSlackWorkspaceId")}; allowed: ${OBSERVABILITY_KEYS[missing].allowed}`);
    } else if (ws !== undefined && ch !== undefined) {
        const wsWhy = slackWorkspaceIdProblem(ws);
        if (wsWhy) add(full("alertSlackWorkspaceId"), ws, wsWhy);
        const chWhy = slackChannelIdProblem(ch);
        if (chWhy) add(full("alertSlackChannelId"), ch, chWhy);
        slack = { workspaceId: ws, channelId: ch };
    }

    // Every alarm must reach a person: a page needs a pager, a warning a reader.
    if (criticalEmails.length === 0 && criticalPhoneNumbers.length === 0) {
        add(full("alertCriticalEmails"), undefined, `is empty, and so is ${full("alertCriticalPhoneNumbers")}: the matchday-degraded alarm would page nobody; allowed: at least one e-mail address or E.164 phone number between them`);
    }
    if (warningEmails.length === 0 && slack === undefined) {
        add(full("alertWarningEmails"), undefined, "is empty and no Slack channel is set: warnings would reach nobody; allowed: at least one e-mail address, or a Slack channel");
    }

    const pct = (key: ObservabilityKeyName, fallback: number) => {
        const value = (v[key] as number | undefined) ?? fallback;
        const why = percentProblem(value);
        if (why) add(full(key), String(value), why);
        return value;
    };
    const fivexx = pct("alarm5xxRatePercent", DEFAULT_ALARM_THRESHOLDS.loadBalancer5xxPercent);
    const nearMax = pct("alarmNearMaxPercent", DEFAULT_ALARM_THRESHOLDS.nearMaxPercent);
    const cpu = pct("alarmCpuPercent", DEFAULT_ALARM_THRESHOLDS.cpuPercent);
    const retention = v.logRetentionDays ?? OBSERVABILITY_KEYS.logRetentionDays.default!;
    const retentionWhy = logRetentionDaysProblem(retention);
    if (retentionWhy) add(full("logRetentionDays"), String(retention), retentionWhy);
    const expiration = v.accessLogExpirationDays ?? OBSERVABILITY_KEYS.accessLogExpirationDays.default!;
    const expirationWhy = expirationDaysProblem(expiration);
    if (expirationWhy) add(full("accessLogExpirationDays"), String(expiration), expirationWhy);

    const probe = v.frontDoorProbeUrl;
    if (probe !== undefined && probe !== "alb") {
        const why = frontDoorProbeProblems({ url: probe })[0];
        if (why) add(full("frontDoorProbeUrl"), probe, why.replace(/^frontDoorProbe\.url = "[^"]*": /, ""));
    }

    if (problems.length > 0) return { problems, settings: undefined };
    return {
        problems,
        settings: {
            criticalEmails,
            criticalPhoneNumbers,
            warningEmails,
            ...(slack ? { slack } : {}),
            thresholds: {
                loadBalancer5xxPercent: fivexx,
                target5xxPercent: fivexx,
                p99LatencySeconds: (v.alarmP99LatencyMilliseconds ?? DEFAULT_ALARM_THRESHOLDS.p99LatencySeconds * 1000) / 1000,
                errorMinutes: v.alarmErrorMinutes ?? DEFAULT_ALARM_THRESHOLDS.errorMinutes,
                nearMaxPercent: nearMax,
                cpuPercent: cpu,
            },
            logRetentionDays: retention,
            accessLogExpirationDays: expiration,
            ...(probe !== undefined ? { frontDoorProbeUrl: probe } : {}),
        },
    };
}

// ---------------------------------------------------------------- what a match night should send

const MINUTE_MS = 60_000;

/** The lowest share of its peak the demand model gives a match between kickoff and the final whistle of regular time. */
export function lowestShareKickoffToWhistle(): number {
    let lowest = Infinity;
    for (let m = 0; m <= finalWhistleMinute(false); m++) lowest = Math.min(lowest, demandShareAt(m));
    return lowest;
}

/**
 * The traffic-floor windows of the upcoming fixtures: from each kickoff to the final
 * whistle of regular time, the load balancer should see at least the planned audience
 * (expectedPeakViewers, not the surge) at its lowest share of the demand model, times
 * the load-tested requests per viewer per minute. Cloud and on-premise shares both pass
 * the load balancer, so the whole audience counts. Fixtures of windows already passed
 * are not in the schedule and get no window.
 */
export function matchTrafficWindows(fixtures: readonly Fixture[], windows: readonly MatchWindow[], requestsPerViewerPerMinute: number): TrafficWindow[] {
    const upcoming = new Set(windows.flatMap((w) => w.fixtures));
    const share = lowestShareKickoffToWhistle();
    const out: TrafficWindow[] = [];
    for (const f of fixtures) {
        if (!upcoming.has(f.name)) continue;
        const kickoff = fixtureKickoff(f);
        if (kickoff === undefined) continue;
        out.push({
            start: kickoff.toISOString(),
            end: new Date(kickoff.getTime() + finalWhistleMinute(false) * MINUTE_MS).toISOString(),
            minRequestsPerMinute: Math.floor(f.expectedPeakViewers * share * requestsPerViewerPerMinute),
        });
    }
    return out;
}

/** The match windows a deploy may mute the page in for a bounded time only: pre-warm to release. */
export function deployMuteWindows(windows: readonly MatchWindow[]): { start: string; end: string }[] {
    return windows.map((w) => ({ start: w.preWarmAt.toISOString(), end: w.releaseAt.toISOString() }));
}
