/**
 * The BackupPolicy slice of the stack config: the backup rules (schedule, time zone,
 * windows, retention), the vault lock, a copy region, the golden image; and the check
 * that no backup or image job runs during a match window of the fixture list. The
 * rules of the values are the component's (`@kgsports/backup-policy` validators); this
 * module puts the config key names on them. Pure.
 */
import {
    backupScheduleProblem,
    backupWindowConflicts,
    BackupRuleArgs,
    changeableForDaysProblem,
    completionWindowProblem,
    copyRegionProblem,
    deleteAfterDaysProblem,
    dlmCronProblem,
    goldenImageJob,
    GoldenImageArgs,
    lifecycleProblem,
    lockRetentionProblem,
    retainCountProblem,
    retentionInLockProblem,
    ScheduledJob,
    startWindowProblem,
    timeZoneProblem,
    WindowConflict,
} from "@kgsports/backup-policy/pure";
import { DEFAULT_DISPLAY_TIME_ZONE, formatInstant, zonedParts } from "../capacity/displayTime";
import { PROJECT } from "./project";
import { anyString, boolean, def, integer, text } from "./schema";

export const BACKUP_KEYS = {
    backupTimeZone: def({
        type: "string",
        description: "IANA time zone the backup schedules are read in.",
        default: "Asia/Seoul",
        allowed: "an IANA time zone name such as Asia/Seoul",
        schema: text,
    }),
    backupDailySchedule: def({
        type: "string",
        description: "AWS Backup cron of the daily rule (in backupTimeZone); it may not run during a match window.",
        default: "cron(0 13 ? * * *)",
        allowed: "an AWS cron expression cron(min hour day-of-month month day-of-week year), at least an hour between runs",
        schema: text,
    }),
    backupDailyRetentionDays: def({
        type: "integer",
        description: "Days a daily recovery point is kept.",
        default: 35,
        allowed: "a whole number of days from 1",
        schema: integer(1, 36_500),
    }),
    backupWeeklySchedule: def({
        type: "string",
        description: "AWS Backup cron of the weekly rule (in backupTimeZone).",
        default: "cron(0 14 ? * SUN *)",
        allowed: "an AWS cron expression",
        schema: text,
    }),
    backupWeeklyRetentionDays: def({
        type: "integer",
        description: "Days a weekly recovery point is kept.",
        default: 90,
        allowed: "a whole number of days from 1",
        schema: integer(1, 36_500),
    }),
    backupMonthlySchedule: def({
        type: "string",
        description: "AWS Backup cron of the monthly rule (in backupTimeZone).",
        default: "cron(0 15 1 * ? *)",
        allowed: "an AWS cron expression",
        schema: text,
    }),
    backupMonthlyRetentionDays: def({
        type: "integer",
        description: "Days a monthly recovery point is kept.",
        default: 365,
        allowed: "a whole number of days from 1, at least backupMonthlyColdStorageAfterDays + 90 with cold storage",
        schema: integer(1, 36_500),
    }),
    backupMonthlyColdStorageAfterDays: def({
        type: "integer",
        description: "Days before a monthly recovery point moves to cold storage; 0: never.",
        default: 0,
        allowed: "a whole number of days, 0 for none",
        schema: integer(0, 36_500),
    }),
    backupStartWindowMinutes: def({
        type: "integer",
        description: "Minutes a backup job may wait to start after its scheduled time.",
        default: 60,
        allowed: "a whole number of minutes from 60",
        schema: integer(0, 10_080),
    }),
    backupCompletionWindowMinutes: def({
        type: "integer",
        description: "Minutes a backup job may take from its scheduled time until it must finish.",
        default: 240,
        allowed: "a whole number of minutes, at least backupStartWindowMinutes + 60",
        schema: integer(0, 100_000),
    }),
    backupVaultLock: def({
        type: "boolean",
        description: "Lock the backup vault (minimum and maximum retention; compliance mode once the grace period ends).",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    backupLockMinRetentionDays: def({
        type: "integer",
        description: "Vault lock: the shortest retention any recovery point may have.",
        default: 7,
        allowed: "a whole number of days from 1, at most backupLockMaxRetentionDays",
        schema: integer(1, 36_500),
    }),
    backupLockMaxRetentionDays: def({
        type: "integer",
        description: "Vault lock: the longest retention any recovery point may have.",
        default: 400,
        allowed: "a whole number of days, at least backupLockMinRetentionDays",
        schema: integer(1, 36_500),
    }),
    backupLockChangeableForDays: def({
        type: "integer",
        description: "Vault lock grace period in days: after it the lock is compliance mode and cannot be removed by anyone. 0: governance mode (removable).",
        default: 3,
        allowed: "0 (governance mode) or a whole number of days from 3",
        schema: integer(0, 36_500),
    }),
    backupCopyRegion: def<string | undefined>({
        type: "string",
        description: "A second region every recovery point is copied to. Empty: none.",
        default: "",
        emptyMeansUnset: true,
        allowed: "an AWS region other than aws:region",
        schema: anyString,
    }),
    goldenImageSchedule: def({
        type: "string",
        description: "When Data Lifecycle Manager images the golden-image instance (cron, UTC); it may not run during a match window.",
        default: "cron(0 5 ? * MON *)",
        allowed: "an AWS cron expression, read in UTC",
        schema: text,
    }),
    goldenImageRetainCount: def({
        type: "integer",
        description: "How many golden images (AMIs) are kept.",
        default: 4,
        allowed: "a whole number from 1 to 1000",
        schema: integer(1, 1000),
    }),
};

export type BackupKeyName = keyof typeof BACKUP_KEYS;
export type BackupKeyValues = {
    [K in BackupKeyName]?: (typeof BACKUP_KEYS)[K] extends { schema: import("zod").ZodType<infer T, import("zod").ZodTypeDef, string> } ? T : never;
};

/** The tag that marks the instance Data Lifecycle Manager images (the golden image). */
export const GOLDEN_IMAGE_TAG = { tagKey: "kgsports:golden-image", tagValue: "true" } as const;

export interface BackupSettings {
    daily: BackupRuleArgs;
    weekly: BackupRuleArgs;
    monthly: BackupRuleArgs;
    lock?: { minRetentionDays: number; maxRetentionDays: number; changeableForDays?: number };
    copyRegion?: string;
    goldenImage: GoldenImageArgs;
}

export interface BackupProblem {
    key: string;
    value?: string;
    message: string;
}

/** A match window the jobs must stay out of. */
export interface MatchWindowSpan {
    label: string;
    start: Date;
    end: Date;
    /** The fixtures of the window, in kickoff order: named in the message as the likely cause of a new overlap. */
    fixtures?: readonly string[];
    /** The window's first kickoff. */
    kickoff?: Date;
    /**
     * The kickoffs of {@link fixtures} as typed, in the same order: the hint "typed as UTC
     * when it meant the display zone's time?" is offered only for one typed in UTC.
     */
    typedKickoffs?: readonly { kickoff: string; timeZone?: string }[];
}

/** A kickoff typed in UTC (`Z`, `+00:00`), with no time zone but UTC: the one a "typed as UTC" slip can explain. */
export function typedAsUtc(typed: { kickoff: string; timeZone?: string }): boolean {
    const zone = typed.timeZone?.trim();
    const utcZone = zone === undefined || zone === "" || /^(Etc\/)?(UTC|GMT|Zulu|UCT)$/i.test(zone);
    return utcZone && /(Z|[+-]00(:?00)?)$/i.test(typed.kickoff.trim());
}

const full = (key: BackupKeyName) => `${PROJECT}:${key}`;

/**
 * A run that overlaps a match window, said the way round an operator needs it: a
 * backup schedule that passed before is most often broken by a fixture just added or
 * moved (a kickoff typed as UTC that meant the team's time), so the window's fixtures
 * come first, as the likely cause, with every time in UTC and `zone` (and, for a kickoff
 * typed in UTC, what to write had it meant `zone`'s time), then what to change in the
 * schedule. (The component's describeWindowConflict says it in UTC only,
 * knowing nothing of fixtures.)
 */
export function describeOverlap(c: WindowConflict, window: MatchWindowSpan | undefined, zone: string, scheduleKey: string): string {
    const at = (d: Date) => formatInstant(d, zone);
    const names = window?.fixtures ?? [];
    const quoted = names.length > 0 ? names.map((n) => `"${n}"`).join(" + ") : `"${c.windowLabel}"`;
    const whose = names.length > 1 ? `the match window of fixtures ${quoted}` : `fixture ${quoted}'s match window`;
    const kickoff = window?.kickoff === undefined ? "" : `, kickoff ${at(window.kickoff)}`;
    const run = c.rule === "golden-image" ? "golden-image run" : `${c.rule} backup run`;
    // The "typed as UTC when it meant <zone> time?" hint only for a kickoff typed in UTC, in a zone
    // whose clock differs from UTC then: a kickoff typed with its own zone or offset meant what it said.
    const typed = window?.typedKickoffs ?? [];
    const offset = window?.kickoff === undefined ? 0 : zonedParts(window.kickoff, zone).offsetMinutes;
    const slip = offset !== 0 && typed.length > 0 && typed.length === names.length && typed.some(typedAsUtc);
    let check = names.length > 1 ? "check their kickoffs" : "check its kickoff";
    if (slip && names.length === 1) {
        // What the kickoff typed in UTC would have been, had its clock time been meant in the team's zone.
        const sign = offset < 0 ? "-" : "+";
        const abs = Math.abs(offset);
        const text = `${window!.kickoff!.toISOString().slice(0, 19)}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
        check += ` (typed as UTC when it meant ${zone} time? then write "${text}")`;
    } else if (slip) {
        const utc = names.filter((_, i) => typedAsUtc(typed[i])).map((n) => `"${n}"`);
        check += ` (${utc.join(" or ")} typed as UTC when ${utc.length > 1 ? "they" : "it"} meant ${zone} time?)`;
    }
    return `${whose} (pre-warm ${at(c.windowStart)}${kickoff}, release ${at(c.windowEnd)}) overlaps the ${run} at ${at(c.runStart)}, which may run until ${at(c.runEnd)}; ` +
        `if you just added or moved ${names.length > 0 ? names.map((n) => `"${n}"`).join(" or ") : "a fixture of that window"}, ${check}; ` +
        `otherwise move the ${run}s out of the match windows (${scheduleKey})`;
}

/**
 * The backup settings, or every problem with the keys; and every backup or image run
 * between `now` and the last window's end that would overlap a match window, as a
 * problem naming the rule's key, the run and the fixture with both times.
 */
export function decideBackupSettings(
    v: BackupKeyValues,
    ctx: { region: string; now: Date; windows: readonly MatchWindowSpan[]; displayTimeZone?: string },
): { problems: BackupProblem[]; settings: BackupSettings | undefined } {
    const problems: BackupProblem[] = [];
    const add = (key: BackupKeyName, value: string | number | undefined, message: string | undefined) => {
        if (message) problems.push({ key: full(key), ...(value === undefined ? {} : { value: String(value) }), message });
    };
    const zone = v.backupTimeZone ?? BACKUP_KEYS.backupTimeZone.default!;
    add("backupTimeZone", zone, timeZoneProblem(zone));
    const start = v.backupStartWindowMinutes ?? BACKUP_KEYS.backupStartWindowMinutes.default!;
    const completion = v.backupCompletionWindowMinutes ?? BACKUP_KEYS.backupCompletionWindowMinutes.default!;
    add("backupStartWindowMinutes", start, startWindowProblem(start));
    add("backupCompletionWindowMinutes", completion, completionWindowProblem(completion, start));

    const lockOn = v.backupVaultLock === true;
    const lock = lockOn
        ? {
            minRetentionDays: v.backupLockMinRetentionDays ?? BACKUP_KEYS.backupLockMinRetentionDays.default!,
            maxRetentionDays: v.backupLockMaxRetentionDays ?? BACKUP_KEYS.backupLockMaxRetentionDays.default!,
            ...((v.backupLockChangeableForDays ?? BACKUP_KEYS.backupLockChangeableForDays.default!) > 0 ? { changeableForDays: v.backupLockChangeableForDays ?? BACKUP_KEYS.backupLockChangeableForDays.default! } : {}),
        }
        : undefined;
    if (lock) {
        add("backupLockMaxRetentionDays", lock.maxRetentionDays, lockRetentionProblem(lock.minRetentionDays, lock.maxRetentionDays));
        if (lock.changeableForDays !== undefined) add("backupLockChangeableForDays", lock.changeableForDays, changeableForDaysProblem(lock.changeableForDays));
    }

    const rule = (schedKey: BackupKeyName, retKey: BackupKeyName, cold?: number): BackupRuleArgs => {
        const schedule = (v[schedKey] as string | undefined) ?? (BACKUP_KEYS[schedKey] as { default: string }).default;
        const deleteAfterDays = (v[retKey] as number | undefined) ?? (BACKUP_KEYS[retKey] as { default: number }).default;
        add(schedKey, schedule, backupScheduleProblem(schedule));
        add(retKey, deleteAfterDays, deleteAfterDaysProblem(deleteAfterDays) ?? lifecycleProblem(cold, deleteAfterDays));
        if (lock) add(retKey, deleteAfterDays, retentionInLockProblem(deleteAfterDays, lock));
        return {
            schedule,
            scheduleExpressionTimezone: zone,
            startWindowMinutes: start,
            completionWindowMinutes: completion,
            deleteAfterDays,
            ...(cold ? { coldStorageAfterDays: cold } : {}),
        };
    };
    const cold = v.backupMonthlyColdStorageAfterDays ?? BACKUP_KEYS.backupMonthlyColdStorageAfterDays.default!;
    const daily = rule("backupDailySchedule", "backupDailyRetentionDays");
    const weekly = rule("backupWeeklySchedule", "backupWeeklyRetentionDays");
    const monthly = rule("backupMonthlySchedule", "backupMonthlyRetentionDays", cold > 0 ? cold : undefined);

    if (v.backupCopyRegion !== undefined) add("backupCopyRegion", v.backupCopyRegion, copyRegionProblem(v.backupCopyRegion, ctx.region));

    const goldenSchedule = v.goldenImageSchedule ?? (BACKUP_KEYS.goldenImageSchedule.default! as string);
    add("goldenImageSchedule", goldenSchedule, dlmCronProblem(goldenSchedule));
    const retainCount = v.goldenImageRetainCount ?? BACKUP_KEYS.goldenImageRetainCount.default!;
    add("goldenImageRetainCount", retainCount, retainCountProblem(retainCount));
    const goldenImage: GoldenImageArgs = { ...GOLDEN_IMAGE_TAG, schedule: goldenSchedule, retainCount };

    if (problems.length > 0) return { problems, settings: undefined };

    // No backup or image job may run during a match window.
    if (ctx.windows.length > 0) {
        const until = new Date(Math.max(...ctx.windows.map((w) => w.end.getTime())));
        const jobs: ScheduledJob[] = [
            { name: "daily", ...daily },
            { name: "weekly", ...weekly },
            { name: "monthly", ...monthly },
            goldenImageJob(goldenImage),
        ];
        const keyOf: Record<string, BackupKeyName> = { daily: "backupDailySchedule", weekly: "backupWeeklySchedule", monthly: "backupMonthlySchedule", "golden-image": "goldenImageSchedule" };
        const seen = new Set<string>();
        const zone = ctx.displayTimeZone ?? DEFAULT_DISPLAY_TIME_ZONE;
        for (const c of backupWindowConflicts(jobs, [...ctx.windows], ctx.now, until)) {
            // One message per rule and window is enough to act on.
            const id = `${c.rule}\u0000${c.windowLabel}`;
            if (seen.has(id)) continue;
            seen.add(id);
            const job = jobs.find((j) => j.name === c.rule)!;
            const key = full(keyOf[c.rule] ?? "backupDailySchedule");
            const window = ctx.windows.find((w) => w.label === c.windowLabel && w.start.getTime() === c.windowStart.getTime());
            problems.push({
                key,
                value: job.schedule,
                message: `${describeOverlap(c, window, zone, key)}; allowed: a schedule whose runs (start window plus completion window) stay out of every match window`,
            });
        }
        if (problems.length > 0) return { problems, settings: undefined };
    }

    return {
        problems,
        settings: { daily, weekly, monthly, ...(lock ? { lock } : {}), ...(v.backupCopyRegion ? { copyRegion: v.backupCopyRegion } : {}), goldenImage },
    };
}
