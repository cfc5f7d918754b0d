/**
 * AWS cron expressions as AWS Backup and Data Lifecycle Manager take them,
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, read with the maintained
 * `cron-parser` library after converting AWS's dialect to the library's:
 *
 * - AWS numbers the days of the week 1 (SUN) to 7 (SAT); the library 0 (SUN) to 6;
 *   names (SUN-SAT) are the same. `5L` (last Thursday) and `3#2` (second Tuesday)
 *   shift the same way.
 * - AWS requires `?` in exactly one of Day-of-month and Day-of-week; the library reads
 *   `?` as `*`, which with the other day field restricted means the same thing.
 * - AWS has a sixth field, Year (1970-2199); the library has none, so runs are filtered
 *   by year here, in the schedule's time zone.
 * - The library has a leading seconds field; it is always 0.
 *
 * `W` (nearest weekday) is valid for AWS but not computable with the library: it is
 * refused with that reason, so every accepted schedule's runs can be listed (and checked
 * against match windows).
 */
import { CronExpressionParser } from "cron-parser";

/** An AWS cron expression, split into its fields, with its equivalent for the library. */
export interface AwsCron {
    /** As written, `cron(...)`. */
    expression: string;
    minutes: string;
    hours: string;
    dayOfMonth: string;
    month: string;
    dayOfWeek: string;
    year: string;
    /** `0 <minutes> <hours> <day-of-month> <month> <day-of-week>` for cron-parser. */
    libraryExpression: string;
}

export type AwsCronReading = { ok: true; cron: AwsCron } | { ok: false; reason: string };

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

/** The tokens of one field, separated by commas. */
function tokens(field: string): string[] {
    return field.split(",");
}

/** AWS's day of the week (1-7 or SUN-SAT) to the library's (0-6 or SUN-SAT); undefined when not one. */
function dayOfWeekValue(value: string): string | undefined {
    const upper = value.toUpperCase();
    if (DAY_NAMES.includes(upper)) return upper;
    if (!/^\d+$/.test(value)) return undefined;
    const n = Number(value);
    return n >= 1 && n <= 7 ? String(n - 1) : undefined;
}

/** Converts AWS's Day-of-week field; a reason when a token is not AWS's. */
function convertDayOfWeek(field: string): { value: string } | { reason: string } {
    if (field === "?" || field === "*") return { value: "*" };
    const out: string[] = [];
    for (const token of tokens(field)) {
        let m: RegExpExecArray | null;
        if ((m = /^([^-#L]+)L$/i.exec(token))) {
            const day = dayOfWeekValue(m[1]);
            if (day === undefined) return { reason: `"${token}" in Day-of-week is not a day: AWS numbers them 1 (SUN) to 7 (SAT)` };
            out.push(`${day}L`);
        } else if (token.toUpperCase() === "L") {
            // AWS: L alone in Day-of-week is the last day of the week, Saturday.
            out.push("6");
        } else if ((m = /^([^-#]+)#(\d+)$/.exec(token))) {
            const day = dayOfWeekValue(m[1]);
            const nth = Number(m[2]);
            if (day === undefined) return { reason: `"${token}" in Day-of-week is not a day: AWS numbers them 1 (SUN) to 7 (SAT)` };
            if (nth < 1 || nth > 5) return { reason: `"${token}" in Day-of-week asks for occurrence ${nth} of a day in a month; AWS takes 1 to 5` };
            out.push(`${day}#${nth}`);
        } else if ((m = /^([^-]+)-([^-]+)$/.exec(token))) {
            const a = dayOfWeekValue(m[1]);
            const b = dayOfWeekValue(m[2]);
            if (a === undefined || b === undefined) return { reason: `"${token}" in Day-of-week is not a range of days: AWS numbers them 1 (SUN) to 7 (SAT)` };
            out.push(`${a}-${b}`);
        } else if (token.includes("/")) {
            return { reason: `"${token}" in Day-of-week uses "/", which AWS allows only in Minutes, Hours, Day-of-month, Month and Year` };
        } else {
            const day = dayOfWeekValue(token);
            if (day === undefined) return { reason: `"${token}" in Day-of-week is not a day: AWS numbers them 1 (SUN) to 7 (SAT) or names them SUN to SAT` };
            out.push(day);
        }
    }
    return { value: out.join(",") };
}

/** The years a Year field allows, as a predicate; a reason when it is not AWS's syntax. */
export function yearMatcher(field: string): { matches: (year: number) => boolean } | { reason: string } {
    if (field === "*") return { matches: () => true };
    const parts: ((y: number) => boolean)[] = [];
    for (const token of tokens(field)) {
        const m = /^(\*|\d{4})(?:-(\d{4}))?(?:\/(\d+))?$/.exec(token);
        if (!m) return { reason: `"${token}" in Year is not a year, a range or a step` };
        const start = m[1] === "*" ? MIN_YEAR : Number(m[1]);
        const end = m[2] !== undefined ? Number(m[2]) : m[1] === "*" || m[3] !== undefined ? MAX_YEAR : start;
        const step = m[3] !== undefined ? Number(m[3]) : 1;
        if (start < MIN_YEAR || end > MAX_YEAR || start > end || step < 1) {
            return { reason: `"${token}" in Year is outside ${MIN_YEAR}-${MAX_YEAR} or runs backwards` };
        }
        parts.push((y) => y >= start && y <= end && (y - start) % step === 0);
    }
    return { matches: (y) => parts.some((p) => p(y)) };
}

/**
 * Reads `cron(Minutes Hours Day-of-month Month Day-of-week Year)` by AWS's rules and
 * checks it with the library. A reason (without "allowed") when it is not one.
 */
export function readAwsCron(expression: string): AwsCronReading {
    if (typeof expression !== "string") return { ok: false, reason: "is not a string" };
    const outer = /^cron\((.*)\)$/.exec(expression.trim());
    if (!outer) return { ok: false, reason: 'is not written as AWS writes a schedule, "cron(...)"' };
    const fields = outer[1].trim().split(/\s+/);
    if (fields.length !== 6) {
        return { ok: false, reason: `has ${fields.length} fields; AWS's cron has 6 (Minutes Hours Day-of-month Month Day-of-week Year), not the 5 of Unix cron` };
    }
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    const questionMarks = [dayOfMonth, dayOfWeek].filter((f) => f === "?").length;
    if (questionMarks !== 1) {
        return { ok: false, reason: questionMarks === 0
            ? "gives both Day-of-month and Day-of-week; AWS requires ? in exactly one of them"
            : "has ? in both Day-of-month and Day-of-week; AWS requires a value or * in one of them" };
    }
    for (const [name, value] of [["Minutes", minutes], ["Hours", hours], ["Month", month], ["Year", year]] as const) {
        if (value.includes("?")) return { ok: false, reason: `has ? in ${name}; AWS allows it only in Day-of-month or Day-of-week` };
        if (/[LW#]/i.test(value) && name !== "Month") return { ok: false, reason: `has L, W or # in ${name}; AWS allows them only in the day fields` };
    }
    if (/W/i.test(dayOfMonth)) {
        return { ok: false, reason: `uses W (nearest weekday) in Day-of-month ("${dayOfMonth}"): AWS accepts it, but its runs cannot be listed here to check them against match windows` };
    }
    if (dayOfMonth.includes("#")) return { ok: false, reason: "has # in Day-of-month; AWS allows it only in Day-of-week" };
    const dow = convertDayOfWeek(dayOfWeek);
    if ("reason" in dow) return { ok: false, reason: dow.reason };
    const years = yearMatcher(year);
    if ("reason" in years) return { ok: false, reason: years.reason };
    const dom = dayOfMonth === "?" ? "*" : dayOfMonth;
    const libraryExpression = `0 ${minutes} ${hours} ${dom} ${month} ${dow.value}`;
    try {
        CronExpressionParser.parse(libraryExpression, { currentDate: new Date(Date.UTC(2028, 0, 1)), tz: "UTC" }).next();
    } catch (e) {
        return { ok: false, reason: `is not a schedule that runs (${(e as Error).message})` };
    }
    return { ok: true, cron: { expression, minutes, hours, dayOfMonth, month, dayOfWeek, year, libraryExpression } };
}

const yearFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar year of an instant in a time zone. */
function yearIn(date: Date, timeZone: string): number {
    let f = yearFormatters.get(timeZone);
    if (!f) {
        f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric" });
        yearFormatters.set(timeZone, f);
    }
    return Number(f.format(date));
}

/**
 * Every run of the schedule from `from` (inclusive) to `to` (exclusive), as AWS computes
 * it in `timeZone` (an IANA name). At most `limit` runs.
 */
export function cronRuns(cron: AwsCron, timeZone: string, from: Date, to: Date, limit = 100_000): Date[] {
    const years = yearMatcher(cron.year);
    if ("reason" in years) throw new Error(`cronRuns: ${cron.expression}: ${years.reason}`);
    // The library returns runs strictly after currentDate: start a second early.
    const it = CronExpressionParser.parse(cron.libraryExpression, { currentDate: new Date(from.getTime() - 1000), tz: timeZone });
    const runs: Date[] = [];
    while (runs.length < limit) {
        const next = it.next().toDate();
        if (next.getTime() >= to.getTime()) break;
        if (next.getTime() < from.getTime()) continue;
        if (years.matches(yearIn(next, timeZone))) runs.push(next);
    }
    return runs;
}

/**
 * The shortest time between two runs, in minutes, as a lower bound that is exact for
 * what AWS limits: every run day repeats the same minutes and hours, so the shortest gap
 * is within a day or across midnight between two run days, and it is found by running
 * the minutes and hours on every day (two days, UTC). The day, month and year fields can
 * only remove runs, so they only lengthen gaps. Undefined when the schedule runs at most
 * once a day.
 */
export function shortestGapMinutes(cron: AwsCron): number | undefined {
    const from = new Date(Date.UTC(2028, 0, 1));
    const to = new Date(Date.UTC(2028, 0, 3));
    const it = CronExpressionParser.parse(`0 ${cron.minutes} ${cron.hours} * * *`, { currentDate: new Date(from.getTime() - 1000), tz: "UTC" });
    let previous: number | undefined;
    let shortest: number | undefined;
    for (;;) {
        const t = it.next().toDate().getTime();
        if (t >= to.getTime()) break;
        if (previous !== undefined) {
            const gap = (t - previous) / 60_000;
            shortest = shortest === undefined ? gap : Math.min(shortest, gap);
        }
        previous = t;
    }
    return shortest === undefined || shortest >= 24 * 60 ? undefined : shortest;
}
