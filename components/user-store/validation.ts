/**
 * Checks of UserStore args, each a pure function returning the problem (or undefined).
 * The component throws every problem at once, naming the field, before it declares
 * anything; a stack's config module can call the same functions with its own key names.
 */
import { MAX_RECOVERY_DAYS, MIN_RECOVERY_DAYS, NEW_TABLE_WARM_THROUGHPUT, UserStoreArgs, WarmThroughput } from "./args";

/**
 * The longest prefix: the longest name built from it is the restored table's
 * `<prefix>-users-restore-<label>` (15 + 40 characters); DynamoDB allows 255, the
 * endpoint's security group name 255, a KMS alias 256. 32 is the other components' limit.
 */
export const MAX_NAME_PREFIX_LENGTH = 32;

/** The longest restore label (the table name stays far below DynamoDB's 255). */
export const MAX_RESTORE_LABEL_LENGTH = 40;

/**
 * DynamoDB's default per-table quota for an on-demand table: 40 000 read request units
 * and 40 000 write request units per second ("Quotas in Amazon DynamoDB", Read/write
 * throughput, Throughput default quotas, per table, on-demand; read 2026-12-07:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
 * A warm throughput above it is warmth the table may never use; an account with a raised
 * quota passes its own to {@link userStoreArgsProblems}.
 */
export const DEFAULT_TABLE_THROUGHPUT_QUOTA: Readonly<WarmThroughput> = { readUnitsPerSecond: 40_000, writeUnitsPerSecond: 40_000 };

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z$/;

/** The prefix of every physical name: letters, digits and inner hyphens, at most 32. */
export function namePrefixProblem(prefix: string): string | undefined {
    if (typeof prefix !== "string" || !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(prefix) || prefix.length > MAX_NAME_PREFIX_LENGTH) {
        return `is not a usable name prefix; allowed: letters, digits and inner hyphens, at most ${MAX_NAME_PREFIX_LENGTH} characters, e.g. "kgsports-matchday"`;
    }
    return undefined;
}

/**
 * One side of the warm throughput: a whole number, at least a new table's own (a value
 * below it buys nothing, and DynamoDB never lowers warm throughput), at most the table quota.
 */
export function warmUnitsProblem(units: number, least: number, most: number): string | undefined {
    if (typeof units !== "number" || !Number.isInteger(units) || units < least || units > most) {
        return `is out of range; allowed: a whole number of units per second from ${least} (a new on-demand table's own) to ${most} (the per-table on-demand quota)`;
    }
    return undefined;
}

/** Days of point-in-time recovery: 1 to 35, whole. */
export function recoveryDaysProblem(days: number): string | undefined {
    if (typeof days !== "number" || !Number.isInteger(days) || days < MIN_RECOVERY_DAYS || days > MAX_RECOVERY_DAYS) {
        return `is out of range; allowed: a whole number of days from ${MIN_RECOVERY_DAYS} to ${MAX_RECOVERY_DAYS}`;
    }
    return undefined;
}

/** A restore's label: 1 to 40 of a-z, 0-9 and inner hyphens. */
export function restoreLabelProblem(label: string): string | undefined {
    if (typeof label !== "string" || label.length > MAX_RESTORE_LABEL_LENGTH || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(label)) {
        return `is not a restore label; allowed: 1 to ${MAX_RESTORE_LABEL_LENGTH} of a-z, 0-9 and inner hyphens, e.g. "2026-12-07-bad-import"`;
    }
    return undefined;
}

/** The instant of an ISO 8601 UTC time (`YYYY-MM-DDThh:mm:ss[.sss]Z`), or undefined when it is not a real one. */
export function isoUtcInstant(value: string): number | undefined {
    const m = typeof value === "string" ? ISO_UTC.exec(value) : null;
    if (!m) return undefined;
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
    const t = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return undefined;
    return Date.parse(value);
}

/**
 * What a restore starts from: `"latest"` or an ISO UTC time. With `now`, the time must
 * not be in the future and must lie within the recovery window (`recoveryDays` back);
 * DynamoDB's own earliest restorable time may be later (PITR enabled more recently), which
 * only the restore itself can tell.
 */
export function restoreFromProblem(from: string, recoveryDays: number, now?: Date): string | undefined {
    const allowed = `allowed: "latest" or an ISO 8601 UTC time such as "2026-12-07T21:30:00Z" within the last ${recoveryDays} days`;
    if (from === "latest") return undefined;
    const at = isoUtcInstant(from);
    if (at === undefined) return `is not "latest" nor an ISO 8601 UTC time; ${allowed}`;
    if (now !== undefined) {
        if (at > now.getTime()) return `is in the future (now is ${now.toISOString()}); ${allowed}`;
        const earliest = now.getTime() - recoveryDays * 24 * 3600 * 1000;
        if (at < earliest) return `is before the recovery window, which starts ${new Date(earliest).toISOString()} at the earliest; ${allowed}`;
    }
    return undefined;
}

/** An IPv4 CIDR block, e.g. `10.20.0.0/16` (host bits must be zero, as EC2 requires of a rule's CIDR). */
export function cidrProblem(cidr: string): string | undefined {
    const m = typeof cidr === "string" ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr) : null;
    const allowed = 'allowed: an IPv4 CIDR block such as "10.20.0.0/16"';
    if (!m) return `is not an IPv4 CIDR block; ${allowed}`;
    const octets = m.slice(1, 5).map(Number);
    const bits = Number(m[5]);
    if (octets.some((o) => o > 255) || bits > 32 || m.slice(1, 5).some((o) => o.length > 1 && o.startsWith("0"))) return `is not an IPv4 CIDR block; ${allowed}`;
    const address = octets.reduce((a, o) => a * 256 + o, 0);
    const size = 2 ** (32 - bits);
    if (address % size !== 0) return `has host bits set (the network is ${network(address - (address % size))}/${bits}); ${allowed}`;
    if (bits === 0) return `admits every address; allowed: the on-premise ranges only, e.g. "10.20.0.0/16"`;
    return undefined;
}

function network(address: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

export interface UserStoreValidationOptions {
    /** When given, a restore time is checked against it (not in the future, within the recovery window). */
    now?: Date;
    /** The account's per-table on-demand quota. Default: {@link DEFAULT_TABLE_THROUGHPUT_QUOTA}. */
    tableQuota?: WarmThroughput;
}

/** Every problem of the args as `<field> = <value>: <problem>`; empty when valid. */
export function userStoreArgsProblems(args: UserStoreArgs, options: UserStoreValidationOptions = {}): string[] {
    const p: string[] = [];
    const one = (field: string, value: unknown, problem: string | undefined) => {
        if (problem) p.push(`${field} = ${JSON.stringify(value)}: ${problem}`);
    };
    one("namePrefix", args.namePrefix, namePrefixProblem(args.namePrefix));

    const quota = options.tableQuota ?? DEFAULT_TABLE_THROUGHPUT_QUOTA;
    if (args.warmThroughput !== undefined) {
        const w = args.warmThroughput;
        one("warmThroughput.readUnitsPerSecond", w.readUnitsPerSecond, warmUnitsProblem(w.readUnitsPerSecond, NEW_TABLE_WARM_THROUGHPUT.readUnitsPerSecond, quota.readUnitsPerSecond));
        one("warmThroughput.writeUnitsPerSecond", w.writeUnitsPerSecond, warmUnitsProblem(w.writeUnitsPerSecond, NEW_TABLE_WARM_THROUGHPUT.writeUnitsPerSecond, quota.writeUnitsPerSecond));
    }

    const days = args.pointInTimeRecoveryDays;
    if (days !== undefined) one("pointInTimeRecoveryDays", days, recoveryDaysProblem(days));

    if (args.restore !== undefined) {
        const r = args.restore;
        one("restore.label", r.label, restoreLabelProblem(r.label));
        const windowDays = days !== undefined && recoveryDaysProblem(days) === undefined ? days : MAX_RECOVERY_DAYS;
        one("restore.from", r.from, restoreFromProblem(r.from, windowDays, options.now));
        if (r.promote !== undefined && typeof r.promote !== "boolean") one("restore.promote", r.promote, "is not true or false");
    }

    (args.onPremiseCidrs ?? []).forEach((cidr, i) => one(`onPremiseCidrs[${i}]`, cidr, cidrProblem(cidr)));
    const cidrs = args.onPremiseCidrs ?? [];
    cidrs.forEach((cidr, i) => {
        if (cidrs.indexOf(cidr) !== i) p.push(`onPremiseCidrs[${i}] = ${JSON.stringify(cidr)}: is listed twice; allowed: each range once (one rule each)`);
    });

    if (!Array.isArray(args.clientSecurityGroupIds) || args.clientSecurityGroupIds.length === 0) {
        p.push(`clientSecurityGroupIds = ${JSON.stringify(args.clientSecurityGroupIds ?? [])}: is empty; allowed: at least one security group (the web instances'), the only groups the endpoint admits`);
    }
    return p;
}
