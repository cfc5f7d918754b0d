/**
 * No backup or image job may run during a match: every run of a schedule between two
 * times, as AWS computes it in the schedule's time zone, with the longest it may take,
 * against the match windows. Pure; the stack builds its message from the result.
 */
import { DEFAULT_IMAGE_MINUTES, DLM_START_WINDOW_MINUTES, GoldenImageArgs, goldenImageCron } from "./goldenImage";
import { BackupRuleArgs, NamedBackupRule, rulesOf, RuleName } from "./plan";
import { cronRuns, readAwsCron } from "./schedule";
import { timeZoneProblem } from "./validation";

/** A match window: from the pre-warm to the release, say. */
export interface MatchWindow {
    label: string;
    start: Date;
    end: Date;
}

/** A scheduled job: when it runs and how long it may take. */
export interface ScheduledJob {
    /** The rule's name (`daily`, `golden-image`...). */
    name: string;
    /** AWS cron. */
    schedule: string;
    /** IANA zone the schedule is read in. */
    scheduleExpressionTimezone: string;
    /** Minutes a job may wait to start. */
    startWindowMinutes: number;
    /** Minutes a started job may run. */
    completionWindowMinutes: number;
}

export interface WindowConflict {
    /** The rule's name. */
    rule: string;
    /** When the run is scheduled. */
    runStart: Date;
    /** The latest it may still be running: runStart + start window + completion window. */
    runEnd: Date;
    windowLabel: string;
    windowStart: Date;
    windowEnd: Date;
}

const MINUTE = 60_000;

/**
 * Every run scheduled from `from` (inclusive) to `to` (exclusive) whose time span
 * [run, run + startWindow + completionWindow] overlaps a window (touching ends do not
 * overlap), one entry per run and window, sorted by run then window. A schedule that is
 * not an AWS cron expression, or an unknown time zone, throws (validate first).
 */
export function backupWindowConflicts(rules: readonly ScheduledJob[], windows: readonly MatchWindow[], from: Date, to: Date): WindowConflict[] {
    const conflicts: WindowConflict[] = [];
    for (const rule of rules) {
        const reading = readAwsCron(rule.schedule);
        if (!reading.ok) throw new Error(`backupWindowConflicts: rule ${rule.name}: ${rule.schedule} ${reading.reason}`);
        const zone = timeZoneProblem(rule.scheduleExpressionTimezone);
        if (zone) throw new Error(`backupWindowConflicts: rule ${rule.name}: time zone ${JSON.stringify(rule.scheduleExpressionTimezone)} ${zone}`);
        const span = (rule.startWindowMinutes + rule.completionWindowMinutes) * MINUTE;
        for (const run of cronRuns(reading.cron, rule.scheduleExpressionTimezone, from, to)) {
            const end = new Date(run.getTime() + span);
            for (const w of windows) {
                if (run.getTime() < w.end.getTime() && w.start.getTime() < end.getTime()) {
                    conflicts.push({ rule: rule.name, runStart: run, runEnd: end, windowLabel: w.label, windowStart: w.start, windowEnd: w.end });
                }
            }
        }
    }
    return conflicts.sort((a, b) => a.runStart.getTime() - b.runStart.getTime() || a.windowStart.getTime() - b.windowStart.getTime() || a.rule.localeCompare(b.rule));
}

/** The plan's rules as jobs. */
export function planJobs(rules: Partial<Record<RuleName, BackupRuleArgs>>): NamedBackupRule[] {
    return rulesOf(rules);
}

/** The golden-image schedule as a job: UTC, DLM's one-hour start, then the image's own minutes. */
export function goldenImageJob(goldenImage: GoldenImageArgs): ScheduledJob {
    return {
        name: "golden-image",
        schedule: goldenImageCron(goldenImage.schedule),
        scheduleExpressionTimezone: "UTC",
        startWindowMinutes: DLM_START_WINDOW_MINUTES,
        completionWindowMinutes: goldenImage.imageMinutes ?? DEFAULT_IMAGE_MINUTES,
    };
}

/** Every job of the component's args: the plan's rules and the golden image. */
export function backupPolicyJobs(args: Partial<Record<RuleName, BackupRuleArgs>> & { goldenImage: GoldenImageArgs }): ScheduledJob[] {
    return [...planJobs(args), goldenImageJob(args.goldenImage)];
}

function utc(d: Date): string {
    return `${d.toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** One line for a conflict: the rule, the run and how long it may last, the window. */
export function describeWindowConflict(c: WindowConflict): string {
    const kind = c.rule === "golden-image" ? "the golden image" : `backup rule "${c.rule}"`;
    return `${kind} runs at ${utc(c.runStart)} and may run until ${utc(c.runEnd)}, overlapping "${c.windowLabel}" (${utc(c.windowStart)} to ${utc(c.windowEnd)})`;
}
