/**
 * The component's validators: pure functions that return `undefined` for a good value,
 * or one sentence about the value that ENDS with "allowed: ...", without naming a
 * field: the caller puts its own name and the value in front (`<key> = <value>:
 * <sentence>`), so a stack's config module can name its config keys.
 *
 * The limits are AWS's, from the AWS Backup and Data Lifecycle Manager API references
 * (each says where it comes from).
 */
import { readAwsCron, shortestGapMinutes } from "./schedule";

// ---------------------------------------------------------------- names and tags

/** Longest name prefix: it starts the vault names (`<prefix>-backup-copy`, 50 at most) and is shared with Observability (32). */
export const MAX_NAME_PREFIX_LENGTH = 32;

/**
 * The physical name prefix (vaults, roles, key aliases, EventBridge rules): lowercase
 * letters, digits and hyphens, starting and ending with a letter or digit, at most 32.
 * Use the same prefix as Observability: its warning topic lets EventBridge rules named
 * `<prefix>-*` publish.
 */
export function namePrefixProblem(prefix: string): string | undefined {
    if (typeof prefix !== "string" || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(prefix) || prefix.length > MAX_NAME_PREFIX_LENGTH) {
        return `is not a usable name prefix; allowed: lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most ${MAX_NAME_PREFIX_LENGTH} characters (the same prefix as Observability's), e.g. "kgsports-matchday"`;
    }
    return undefined;
}

/** The component's own (logical) name: children are `<name>-<role>`. */
export function componentNameProblem(name: string): string | undefined {
    if (typeof name !== "string" || !/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/.test(name)) {
        return "is not a usable component name; allowed: letters, digits and inner hyphens, at most 40 characters";
    }
    return undefined;
}

/** A tag key AWS accepts on EC2 volumes, instances and AMIs: 1 to 128 characters, not starting with `aws:`. */
export function tagKeyProblem(key: string): string | undefined {
    const allowed = 'allowed: 1 to 128 letters, digits, spaces and + - = . _ : / @, not starting with "aws:", e.g. "kgsports:backup"';
    if (typeof key !== "string" || key.length < 1 || key.length > 128 || !/^[\p{L}\p{N} +\-=._:/@]+$/u.test(key)) return `is not a tag key; ${allowed}`;
    if (/^aws:/i.test(key)) return `starts with "aws:", which AWS reserves; ${allowed}`;
    return undefined;
}

/** A tag value: at most 256 characters of the same set (empty is allowed by AWS, not here: a selection on an empty value is a mistake). */
export function tagValueProblem(value: string): string | undefined {
    if (typeof value !== "string" || value.length < 1 || value.length > 256 || !/^[\p{L}\p{N} +\-=._:/@]+$/u.test(value)) {
        return 'is not a usable tag value; allowed: 1 to 256 letters, digits, spaces and + - = . _ : / @, e.g. "daily"';
    }
    return undefined;
}

/** An AWS region name, e.g. `ap-northeast-2`. */
export function regionProblem(region: string): string | undefined {
    if (typeof region !== "string" || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        return 'is not a region name; allowed: an AWS region such as "ap-northeast-2" or "ap-northeast-1"';
    }
    return undefined;
}

/** The copy's region: another region than the home one (a copy in the same region survives nothing a region loses). */
export function copyRegionProblem(copyRegion: string, homeRegion: string): string | undefined {
    const format = regionProblem(copyRegion);
    if (format) return format;
    if (copyRegion === homeRegion) {
        return `is the home region ${homeRegion}, so the copy would be lost with the original; allowed: another region, e.g. "ap-northeast-1" for a home in "ap-northeast-2"`;
    }
    return undefined;
}

// ---------------------------------------------------------------- schedules

const AWS_CRON_ALLOWED = 'allowed: AWS\'s cron(Minutes Hours Day-of-month Month Day-of-week Year) with ? in exactly one of the day fields, days of the week 1 (SUN) to 7 (SAT) or SUN-SAT, e.g. "cron(0 5 ? * * *)" (every day at 05:00)';

/** Minutes AWS Backup requires between two runs of a rule ("The interval between backup jobs shouldn't be less than 60 minutes"). */
export const BACKUP_MIN_INTERVAL_MINUTES = 60;

/**
 * A backup rule's schedule: an AWS cron expression (six fields, `?` in exactly one day
 * field, a year field) whose runs are at least 60 minutes apart (AWS Backup refuses
 * shorter intervals).
 */
export function backupScheduleProblem(expression: string): string | undefined {
    const reading = readAwsCron(expression);
    if (!reading.ok) return `${reading.reason}; ${AWS_CRON_ALLOWED}`;
    const gap = shortestGapMinutes(reading.cron);
    if (gap !== undefined && gap < BACKUP_MIN_INTERVAL_MINUTES) {
        return `runs ${gap} minute${gap === 1 ? "" : "s"} after a previous run; AWS Backup needs at least ${BACKUP_MIN_INTERVAL_MINUTES} minutes between runs of a rule; allowed: a schedule whose runs are an hour or more apart, e.g. "cron(0 0/4 ? * * *)" (every 4 hours)`;
    }
    return undefined;
}

/** An IANA time zone name the runtime knows (AWS Backup's `ScheduleExpressionTimezone`), e.g. `Asia/Seoul`. */
export function timeZoneProblem(zone: string): string | undefined {
    const allowed = 'allowed: an IANA time zone name such as "Asia/Seoul", "Europe/London" or "Etc/UTC"';
    if (typeof zone !== "string" || zone.length === 0) return `is not a time zone; ${allowed}`;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
        return `is not a time zone this runtime knows; ${allowed}`;
    }
    // Intl also takes offsets ("+09:00"), which AWS does not.
    if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return `is not an IANA time zone name; ${allowed}`;
    return undefined;
}

/** AWS Backup's largest window: 100 years (52,560,000 minutes). */
export const MAX_WINDOW_MINUTES = 52_560_000;
/** AWS Backup's smallest start window ("If this value is included, it must be at least 60 minutes"). */
export const MIN_START_WINDOW_MINUTES = 60;
/** How much longer the completion window must be than the start window. */
export const MIN_COMPLETION_OVER_START_MINUTES = 60;

/** A rule's start window: 60 minutes to 100 years. */
export function startWindowProblem(minutes: number): string | undefined {
    if (!Number.isInteger(minutes) || minutes < MIN_START_WINDOW_MINUTES || minutes > MAX_WINDOW_MINUTES) {
        return `is out of range; allowed: a whole number of minutes from ${MIN_START_WINDOW_MINUTES} (AWS Backup's minimum) to ${MAX_WINDOW_MINUTES}`;
    }
    return undefined;
}

/** A rule's completion window: at least the start window plus 60 minutes, at most 100 years. */
export function completionWindowProblem(minutes: number, startWindowMinutes: number): string | undefined {
    const least = (Number.isInteger(startWindowMinutes) ? startWindowMinutes : MIN_START_WINDOW_MINUTES) + MIN_COMPLETION_OVER_START_MINUTES;
    if (!Number.isInteger(minutes) || minutes < least || minutes > MAX_WINDOW_MINUTES) {
        return `is out of range; allowed: a whole number of minutes from the start window + ${MIN_COMPLETION_OVER_START_MINUTES} (${least}) to ${MAX_WINDOW_MINUTES}`;
    }
    return undefined;
}

// ---------------------------------------------------------------- retention

/** AWS Backup's retention limits: 1 to 36,500 days. */
export const MAX_RETENTION_DAYS = 36_500;
/** Days a recovery point must stay in cold storage before it may be deleted. */
export const MIN_COLD_STORAGE_DAYS = 90;

/** Days until a recovery point is deleted: 1 to 36,500. */
export function deleteAfterDaysProblem(days: number): string | undefined {
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
        return `is out of range; allowed: a whole number of days from 1 to ${MAX_RETENTION_DAYS}`;
    }
    return undefined;
}

/** Days until a recovery point moves to cold storage: 1 to 36,500 (only types that support cold storage move). */
export function coldStorageAfterDaysProblem(days: number): string | undefined {
    if (!Number.isInteger(days) || days < 1 || days > MAX_RETENTION_DAYS) {
        return `is out of range; allowed: a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or none (no cold storage)`;
    }
    return undefined;
}

/**
 * A rule's lifecycle, as a problem of its deleteAfterDays: with cold storage, deletion at
 * least 90 days after the move (AWS: "Backups transitioned to cold storage must be stored
 * in cold storage for a minimum of 90 days").
 */
export function lifecycleProblem(coldStorageAfterDays: number | undefined, deleteAfterDays: number): string | undefined {
    if (coldStorageAfterDays === undefined || !Number.isInteger(coldStorageAfterDays) || !Number.isInteger(deleteAfterDays)) return undefined;
    if (deleteAfterDays < coldStorageAfterDays + MIN_COLD_STORAGE_DAYS) {
        return `deletes recovery points ${deleteAfterDays} days after the backup but moves them to cold storage after ${coldStorageAfterDays}, and AWS keeps cold storage at least ${MIN_COLD_STORAGE_DAYS} days; allowed: at least ${coldStorageAfterDays + MIN_COLD_STORAGE_DAYS} days (coldStorageAfterDays + ${MIN_COLD_STORAGE_DAYS}), or no cold storage`;
    }
    return undefined;
}

/** A vault lock's retention bounds (each optional): 1 to 36,500 days, minimum not above maximum. */
export function lockRetentionProblem(minRetentionDays: number | undefined, maxRetentionDays: number | undefined): string | undefined {
    const bad = (d: number | undefined) => d !== undefined && (!Number.isInteger(d) || d < 1 || d > MAX_RETENTION_DAYS);
    if (bad(minRetentionDays) || bad(maxRetentionDays)) {
        return `is out of range; allowed: minRetentionDays and maxRetentionDays whole numbers of days from 1 to ${MAX_RETENTION_DAYS}`;
    }
    if (minRetentionDays !== undefined && maxRetentionDays !== undefined && minRetentionDays > maxRetentionDays) {
        return `has minRetentionDays ${minRetentionDays} above maxRetentionDays ${maxRetentionDays}; allowed: minRetentionDays <= maxRetentionDays`;
    }
    return undefined;
}

/**
 * A retention against the vault lock: AWS refuses to store a recovery point whose
 * retention is shorter than the lock's minimum or longer than its maximum (the job fails).
 */
export function retentionInLockProblem(deleteAfterDays: number, lock: { minRetentionDays?: number; maxRetentionDays?: number }, which = "vault"): string | undefined {
    const min = lock.minRetentionDays;
    const max = lock.maxRetentionDays;
    const range = `${min ?? 1} to ${max ?? MAX_RETENTION_DAYS} days`;
    if (min !== undefined && deleteAfterDays < min) {
        return `keeps recovery points ${deleteAfterDays} days, under the ${which} lock's minimum of ${min}: every job storing into that vault would fail; allowed: ${range} (the lock's range)`;
    }
    if (max !== undefined && deleteAfterDays > max) {
        return `keeps recovery points ${deleteAfterDays} days, over the ${which} lock's maximum of ${max}: every job storing into that vault would fail; allowed: ${range} (the lock's range)`;
    }
    return undefined;
}

/** Smallest grace period of a compliance-mode vault lock: 3 days (72 hours). */
export const MIN_CHANGEABLE_FOR_DAYS = 3;

/** The grace period before a compliance-mode lock becomes immutable: at least 3 days. */
export function changeableForDaysProblem(days: number): string | undefined {
    if (!Number.isInteger(days) || days < MIN_CHANGEABLE_FOR_DAYS || days > MAX_RETENTION_DAYS) {
        return `is out of range (after the grace period the compliance-mode lock can never be changed or removed); allowed: a whole number of days from ${MIN_CHANGEABLE_FOR_DAYS} (AWS's minimum grace period) to ${MAX_RETENTION_DAYS}`;
    }
    return undefined;
}

// ---------------------------------------------------------------- golden images (Data Lifecycle Manager)

/** DLM's interval schedules: every 1, 2, 3, 4, 6, 8, 12 or 24 hours. */
export const DLM_INTERVAL_HOURS: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 24];
/** DLM keeps at most 1,000 images per schedule (count-based retention). */
export const DLM_MAX_RETAIN_COUNT = 1000;
/** DLM cron schedules: between 1 hour and 1 year between runs. */
export const DLM_MIN_INTERVAL_MINUTES = 60;

/** A DLM cron schedule (UTC): AWS cron, runs at least an hour apart, 17 to 106 characters. */
export function dlmCronProblem(expression: string): string | undefined {
    const reading = readAwsCron(expression);
    if (!reading.ok) return `${reading.reason}; ${AWS_CRON_ALLOWED}`;
    if (expression.length < 17 || expression.length > 106) {
        return `is ${expression.length} characters long; allowed: 17 to 106 characters (Data Lifecycle Manager's limits), e.g. "cron(0 5 ? * * *)"`;
    }
    const gap = shortestGapMinutes(reading.cron);
    if (gap !== undefined && gap < DLM_MIN_INTERVAL_MINUTES) {
        return `runs ${gap} minute${gap === 1 ? "" : "s"} after a previous run; Data Lifecycle Manager needs between 1 hour and 1 year between runs; allowed: a schedule whose runs are an hour or more apart, e.g. "cron(0 5 ? * * *)"`;
    }
    return undefined;
}

/** DLM's interval: one of 1, 2, 3, 4, 6, 8, 12, 24 hours. */
export function dlmIntervalHoursProblem(hours: number): string | undefined {
    if (!DLM_INTERVAL_HOURS.includes(hours)) return `is not an interval Data Lifecycle Manager supports; allowed: one of ${DLM_INTERVAL_HOURS.join(", ")} hours`;
    return undefined;
}

/** DLM's start time: `hh:mm` in UTC. */
export function dlmTimeProblem(time: string): string | undefined {
    if (typeof time !== "string" || !/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(time)) {
        return 'is not a time of day; allowed: "hh:mm" in UTC (24-hour, two digits each), e.g. "19:30"';
    }
    return undefined;
}

/** How many golden images to keep: 1 to 1,000. */
export function retainCountProblem(count: number): string | undefined {
    if (!Number.isInteger(count) || count < 1 || count > DLM_MAX_RETAIN_COUNT) {
        return `is out of range; allowed: a whole number from 1 to ${DLM_MAX_RETAIN_COUNT} (Data Lifecycle Manager's limit)`;
    }
    return undefined;
}

/** Minutes an image takes once DLM starts it (for match-window checks only): 1 to 1440. */
export function imageMinutesProblem(minutes: number): string | undefined {
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) return "is out of range; allowed: a whole number of minutes from 1 to 1440";
    return undefined;
}

// ---------------------------------------------------------------- administrators

/** An IAM role ARN (a name alone is refused: a key policy names principals by ARN). */
export function roleArnProblem(arn: string): string | undefined {
    if (typeof arn !== "string" || !/^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/.test(arn)) {
        return 'is not an IAM role ARN; allowed: the role\'s ARN, best its `arn` output (e.g. AccessControl\'s deployRoleArn), arn:<partition>:iam::<12-digit account>:role/<name>';
    }
    return undefined;
}
