/**
 * Kickoff times: strict ISO 8601 in, UTC with second precision out. A kickoff names
 * its instant either with an explicit UTC offset, or as the venue's local wall-clock
 * time together with the fixture's IANA `timeZone`. A local time without a zone is
 * ambiguous (the team works in KST, the clubs publish CET, the API wants UTC), so it
 * is refused rather than guessed. Zone offsets come from the runtime's ICU data
 * (`Intl`, through displayTime.ts), never from hand-written rules.
 */
import { DEFAULT_DISPLAY_TIME_ZONE, formatUtcMinute, isKnownTimeZone, zonedParts } from "./displayTime";
import { nearestName } from "../text/suggest";

/** `YYYY-MM-DDThh:mm[:ss[.fff]]`, then `Z` or `+hh:mm` / `-hh:mm` or no offset; `Z` is captured so it can be named in messages. */
const OFFSET_OPTIONAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/** Largest UTC offset in use anywhere (UTC+14:00, Kiribati); UTC-12:00 is the smallest. */
const MAX_OFFSET_HOURS = 14;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** An example shown in messages: 21:00 in Madrid in April is 19:00 UTC. */
export const KICKOFF_EXAMPLE = "2027-04-07T21:00:00+02:00";

/** The same kickoff as local time, for fixtures with a `timeZone`. */
export const LOCAL_KICKOFF_EXAMPLE = "2027-04-07T21:00:00";

/**
 * A kickoff further ahead than this is refused as a likely typo (most often the year):
 * a season is planned well within it.
 */
export const MAX_KICKOFF_HORIZON_DAYS = 400;

/** A kickoff's written fields, checked for range, before any zone is applied. */
interface KickoffFields {
    /** The written date and time read as if it were UTC, in milliseconds since the epoch. */
    wall: number;
    /** `YYYY-MM-DD` as written. */
    date: string;
    /** `hh:mm` as written. */
    time: string;
    /** The date and time without offset, seconds always shown: `2027-04-07T21:00:00`. */
    local: string;
    /** Minutes east of UTC when an offset is written. */
    offsetMinutes?: number;
    /** The offset as written, `Z` or `+02:00`. */
    offsetText?: string;
}

/** The fields of a kickoff, `"shape"` when it is not the ISO 8601 form, `"range"` when a field is out of range. */
function readKickoff(text: string): KickoffFields | "shape" | "range" {
    const m = OFFSET_OPTIONAL.exec(text);
    if (!m) return "shape";
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
    // A minute or second out of range moves only the time; a month, day or hour out of range
    // (or a year below 100, which Date.UTC reads as 19xx) moves the date, which the round trip refuses.
    if (minute > 59 || second > 59) return "range";
    const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
    const check = new Date(wall);
    if (check.getUTCFullYear() !== year || check.getUTCDate() !== day) return "range";
    const fields: KickoffFields = {
        wall,
        date: `${m[1]}-${m[2]}-${m[3]}`,
        time: `${m[4]}:${m[5]}`,
        local: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}`,
    };
    if (m[8] === undefined) return fields;
    let offsetMinutes = 0;
    if (m[9] !== undefined) {
        const oh = Number(m[10]);
        const om = Number(m[11]);
        if (oh > MAX_OFFSET_HOURS || om > 59) return "range";
        offsetMinutes = (m[9] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    return { ...fields, offsetMinutes, offsetText: m[8] };
}

// ---------------------------------------------------------------------------------
// Date and time as people type them

/**
 * A date and time as the team types it: year first, `-`, `/` or `.` between the date's
 * fields; a space or `T`; a one- or two-digit hour, minutes optional only with am/pm;
 * an offset as `+09:00`, `+0900` or `+09`, or `Z`, `UTC`, `GMT` or an abbreviation,
 * with or without a space before it. A date alone matches too (the time is then missing).
 */
const LOOSE = /^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:(\s+|\s*[Tt]\s*)(\d{1,2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(?:\s*([ap])\.?m\.?)?(\s*)((?:UTC|GMT)?[+\-\u2212]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?)?$/i;

/** Abbreviations whose offset is fixed by their meaning (CEST is always +02:00), in minutes east of UTC. */
const FIXED_ABBREVIATIONS: Readonly<Record<string, number>> = { Z: 0, UTC: 0, GMT: 0, KST: 540, JST: 540, CET: 60, CEST: 120 };

/** A date and time read from a loosely written text, and what differs from the ISO 8601 form. */
interface LooseDateTime {
    /** `2027-03-11`. */
    date: string;
    /** `2027-03-11T05:00:00` (fractions of a second kept as written), or undefined for a date alone. */
    local?: string;
    /** Minutes east of UTC when a zone or offset is written. */
    offsetMinutes?: number;
    /** What was written differently, for the message: `a space instead of "T"`. */
    differences: string[];
}

const pad2 = (digits: string) => digits.padStart(2, "0");

/**
 * The date and time a loosely written text names, or undefined when it cannot be read
 * unambiguously (an unknown abbreviation, an hour without minutes and without am/pm,
 * `13pm`). Fields are not range-checked here; {@link readKickoff} does that on the
 * ISO 8601 form.
 */
function readLoose(text: string): LooseDateTime | undefined {
    const m = LOOSE.exec(text.trim());
    if (!m) return undefined;
    const [, year, sep1, month, sep2, day, between, hourText, minuteText, secondText, fraction, ampm, spaceBeforeZone, zoneText] = m;
    const date = `${year}-${pad2(month)}-${pad2(day)}`;
    const differences: string[] = [];
    if (sep1 !== "-" || sep2 !== "-") differences.push(`"${sep1 !== "-" ? sep1 : sep2}" between the date's fields instead of "-"`);
    if (month.length === 1 || day.length === 1) differences.push("a one-digit month or day");
    if (hourText === undefined) return { date, differences };
    if (between.trim() === "") differences.push('a space instead of "T"');
    else if (between.trim() === "t") differences.push('a lowercase "t"');
    else if (between !== "T") differences.push('spaces around "T"');
    let hour = Number(hourText);
    if (ampm !== undefined) {
        // 12-hour clock: 1 to 12 only; 12am is midnight, 12pm noon.
        if (hour < 1 || hour > 12) return undefined;
        hour = (hour % 12) + (ampm.toLowerCase() === "p" ? 12 : 0);
        differences.push(`a 12-hour time ("${hourText}${minuteText === undefined ? "" : `:${minuteText}`}${ampm}m") instead of 24-hour "${pad2(String(hour))}:${minuteText ?? "00"}"`);
    } else {
        if (minuteText === undefined) return undefined;
        if (hourText.length === 1) differences.push("a one-digit hour");
    }
    const local = `${date}T${pad2(String(hour))}:${minuteText ?? "00"}:${secondText ?? "00"}${fraction === undefined ? "" : `.${fraction}`}`;
    if (zoneText === undefined) return { date, local, differences };
    if (spaceBeforeZone !== "") differences.push("a space before the offset");
    const word = FIXED_ABBREVIATIONS[zoneText.toUpperCase()];
    if (word !== undefined) {
        if (zoneText !== "Z") differences.push(word === 0 ? `"${zoneText}" instead of "Z"` : `"${zoneText}" instead of its offset ${formatOffset(word)}`);
        return { date, local, offsetMinutes: word, differences };
    }
    const o = /^(?:UTC|GMT)?([+\-\u2212])(\d{1,2})(?::?(\d{2}))?$/i.exec(zoneText);
    if (!o) return undefined;
    const offsetMinutes = (o[1] === "+" ? 1 : -1) * (Number(o[2]) * 60 + Number(o[3] ?? "0"));
    if (!/^[+-]\d{2}:\d{2}$/.test(zoneText)) differences.push(`offset "${zoneText}" instead of "${formatOffset(offsetMinutes)}"`);
    return { date, local, offsetMinutes, differences };
}

/** `Z` for UTC, else `+09:00`: how the suggested string writes an offset. */
function offsetSuffix(offsetMinutes: number): string {
    return offsetMinutes === 0 ? "Z" : formatOffset(offsetMinutes);
}

/**
 * The instant a kickoff string names, or undefined when it is not a real ISO 8601
 * date and time with an explicit offset (`Z` or `±hh:mm`). Fractional seconds are
 * accepted and kept; calendar fields are checked (no 30 February, no 24:00).
 */
export function parseKickoff(text: string): Date | undefined {
    const fields = readKickoff(text);
    if (typeof fields === "string" || fields.offsetMinutes === undefined) return undefined;
    return new Date(fields.wall - fields.offsetMinutes * MINUTE);
}

/** What every offset-only kickoff message ends with. */
const OFFSET_ALLOWED = `allowed: an ISO 8601 date and time with its UTC offset, e.g. "${KICKOFF_EXAMPLE}" or "2027-04-07T19:00:00Z"`;

/**
 * What is wrong with a kickoff string, as a sentence that ends with what is allowed,
 * or undefined when {@link parseKickoff} accepts it. Knows nothing of a fixture's
 * `timeZone`; {@link fixtureKickoffProblem} does. A form that can be read as a date and
 * time (a space for "T", `+0900`, ` KST`, `2027/03/11`, `5am`...) gets the exact
 * string to write; a time without offset is suggested in `displayTimeZone` (default
 * Asia/Seoul, the stack's `displayTimeZone`).
 */
export function kickoffProblem(text: string, displayTimeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string | undefined {
    if (parseKickoff(text) !== undefined) return undefined;
    return resolveFixtureKickoff({ kickoff: text }, displayTimeZone).problem;
}

/** An instant as the UTC `YYYY-MM-DDThh:mm:ssZ` the Auto Scaling API takes (fractions of a second dropped). */
export function formatUtcSecond(at: Date): string {
    return `${at.toISOString().slice(0, 19)}Z`;
}

// ---------------------------------------------------------------------------------
// Time zones

/** What every time zone message ends with. */
const TIME_ZONE_ALLOWED = 'allowed: the venue\'s IANA time zone name, Area/City as the tz database spells it (case-sensitive), e.g. "Europe/Paris" or "Asia/Seoul"';

let zoneNames: readonly string[] | undefined;

/** The runtime's canonical Area/City zone names (ICU's list; it holds no `UTC` and no aliases such as Asia/Kolkata). */
function knownZoneNames(): readonly string[] {
    zoneNames ??= Intl.supportedValuesOf("timeZone");
    return zoneNames;
}

/** The last segment of a zone name, the way people say it: `new york` for America/New_York. */
function city(zone: string): string {
    return (zone.split("/").pop() ?? "").replace(/_/g, " ").toLowerCase();
}

/** The zone name a mistyped one most likely meant, or undefined. */
function suggestZone(typo: string): string | undefined {
    const names = knownZoneNames();
    const written = typo.trim();
    const exact = names.find((z) => z.toLowerCase() === written.toLowerCase()) ?? names.find((z) => city(z) === city(written));
    if (exact !== undefined) return exact;
    const near = nearestName(written, names);
    if (near !== undefined) return near;
    // A misspelt city under any area ("Asia/Seol", "Sooul").
    const nearCity = nearestName(city(written), names.map(city));
    return nearCity === undefined ? undefined : names.find((z) => city(z) === nearCity);
}

/**
 * What is wrong with a fixture's `timeZone`, as a sentence that ends with what is
 * allowed, or undefined when it is an IANA zone name the runtime knows, spelled as the
 * tz database spells it: a canonical Area/City name (`Europe/Paris`), an Area/City
 * alias (`Asia/Kolkata`, `Europe/Kyiv`), or `UTC` / `Etc/UTC`. Refused, each with a
 * suggestion where one is likely: unknown names, other casings (`asia/seoul`: other
 * tools read zone names case-sensitively), UTC offsets (`+02:00`), abbreviations
 * (`KST`, `CEST`: ambiguous, and half the year wrong), and legacy names without an
 * area (`CET`, `EST`, `Etc/GMT-9`), whose daylight-saving rules are rarely the venue's.
 */
export function timeZoneProblem(zone: string): string | undefined {
    if (zone.trim() === "") return `is empty; ${TIME_ZONE_ALLOWED}`;
    const names = knownZoneNames();
    if (names.includes(zone) || zone === "UTC" || zone === "Etc/UTC") return undefined;
    if (/^\s*(UTC|GMT)?\s*[+\-\u2212]\s*\d/i.test(zone)) {
        return `is a UTC offset, not a time zone, and does not follow daylight saving; write the offset in kickoff (e.g. "${KICKOFF_EXAMPLE}") and leave timeZone out, or name the zone; ${TIME_ZONE_ALLOWED}`;
    }
    const sameLetters = names.find((z) => z.toLowerCase() === zone.trim().toLowerCase());
    if (sameLetters !== undefined) {
        return `is not spelled as the tz database spells it (zone names are case-sensitive); did you mean "${sameLetters}"? ${TIME_ZONE_ALLOWED}`;
    }
    if (isKnownTimeZone(zone)) {
        const areaCity = /^[A-Z][A-Za-z0-9_+-]*(\/[A-Z][A-Za-z0-9_+-]*)+$/.test(zone) && !zone.startsWith("Etc/");
        if (areaCity) return undefined;
        const reads = new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
        if (/^Etc\/GMT[+-]\d+$/i.test(zone)) {
            return `is a fixed offset that does not follow daylight saving (and Etc/GMT signs are inverted: Etc/GMT-9 is UTC+09:00); ${TIME_ZONE_ALLOWED}`;
        }
        return `is a legacy alias or abbreviation rather than an Area/City name, and its daylight-saving rules may not be the venue's (the runtime reads it as "${reads}"); ${TIME_ZONE_ALLOWED}`;
    }
    if (/^[A-Z]{2,5}$/.test(zone.trim())) {
        return `is an abbreviation, not a time zone name: abbreviations are ambiguous (IST is India, Israel or Ireland) and name half the year only (CEST is summer); ${TIME_ZONE_ALLOWED}`;
    }
    const near = suggestZone(zone);
    return near === undefined
        ? `is not a time zone the runtime knows; ${TIME_ZONE_ALLOWED}`
        : `is not a time zone the runtime knows; did you mean "${near}"? ${TIME_ZONE_ALLOWED}`;
}

/** Minutes east of UTC as `+02:00`, `-03:00`, `+05:30`. */
function formatOffset(offsetMinutes: number): string {
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The zone's UTC offset in minutes at an instant. */
function offsetAt(ms: number, zone: string): number {
    return zonedParts(new Date(ms), zone).offsetMinutes;
}

/**
 * `+02:00 (CEST)` (`+02:00 CEST` when `nested` in parentheses), or `+09:00` where ICU
 * has no English abbreviation for the zone (en-GB knows the European ones, en-US the
 * American ones; none knows KST).
 */
function describeOffset(ms: number, zone: string, nested = false): string {
    const offset = formatOffset(offsetAt(ms, zone));
    for (const locale of ["en-GB", "en-US"]) {
        const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" })
            .formatToParts(new Date(ms))
            .find((p) => p.type === "timeZoneName")?.value;
        if (name !== undefined && /^[A-Z]{2,5}$/.test(name)) return nested ? `${offset} ${name}` : `${offset} (${name})`;
    }
    return offset;
}

/** `"1 hour"`, `"2 hours"`, `"30 minutes"`, `"1 hour 30 minutes"`. */
function formatDuration(minutes: number): string {
    const h = Math.floor(Math.abs(minutes) / 60);
    const m = Math.abs(minutes) % 60;
    const parts = [h > 0 ? `${h} hour${h === 1 ? "" : "s"}` : "", m > 0 ? `${m} minute${m === 1 ? "" : "s"}` : ""];
    return parts.filter((p) => p !== "").join(" ");
}

/** The instants a local wall-clock time names in a zone: one, none (a gap) or two (an overlap), earliest first. */
function localInstants(wall: number, zone: string): number[] {
    // A transition moves the offset by at most a few hours, and no zone has two
    // transitions within a day of each other, so the offsets a day either side are
    // the only candidates.
    const offsets = new Set([wall - DAY, wall, wall + DAY].map((ms) => offsetAt(ms, zone)));
    const instants = new Set<number>();
    for (const offset of offsets) {
        const at = wall - offset * MINUTE;
        if (offsetAt(at, zone) === offset) instants.add(at);
    }
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: equivalent; the offset a day before comes first, and in an overlap it is the larger one (clocks go back), so its instant is already the earlier
    return [...instants].sort((a, b) => a - b);
}

/** The transition between a day before and a day after `wall`: the first minute at the new offset, and the offsets either side. */
function transitionNear(wall: number, zone: string): { at: number; before: number; after: number } {
    let lo = Math.floor((wall - DAY) / MINUTE) * MINUTE;
    let hi = Math.ceil((wall + DAY) / MINUTE) * MINUTE;
    const before = offsetAt(lo, zone);
    const after = offsetAt(hi, zone);
    while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetAt(mid, zone) === before) lo = mid;
        else hi = mid;
    }
    return { at: hi, before, after };
}

/** `hh:mm` of a wall-clock time held as if it were UTC. */
function wallTime(wall: number): string {
    return new Date(wall).toISOString().slice(11, 16);
}

/** A kickoff's instant, or why there is none (a sentence ending with what is allowed). */
type Resolved = { at: Date; problem?: undefined } | { at?: undefined; problem: string };

/** The allowed forms for a fixture with a zone. */
function zoneAllowed(zone: string): string {
    return `allowed: the local time in ${zone}, e.g. "${LOCAL_KICKOFF_EXAMPLE}", or the same with the offset ${zone} has on that date`;
}

/** What a loosely written kickoff did differently, for a message: `(a space instead of "T"; a one-digit hour)`. */
function writtenAs(loose: LooseDateTime): string {
    return loose.differences.length > 0 ? loose.differences.join("; ") : "written differently";
}

/**
 * The problem of a local time without offset and without timeZone: ambiguous, with the
 * exact strings to write, read in the display zone (its offset on that date, or both
 * offsets when the time falls in its daylight-saving change) or with timeZone.
 */
function noOffsetProblem(local: string, wall: number, display: string, allowed: string, also: string): string {
    const date = local.slice(0, 10);
    const instants = localInstants(wall, display);
    let inDisplay: string;
    if (instants.length === 1) {
        const offset = offsetAt(instants[0], display);
        inDisplay = `write "${local}${offsetSuffix(offset)}" (read as ${display} time, the stack's displayTimeZone: ${formatOffset(offset)} on ${date})`;
    } else {
        const t = transitionNear(wall, display);
        inDisplay = `read as ${display} time (the stack's displayTimeZone) it falls in the clock change of ${date}: write "${local}${offsetSuffix(t.before)}" or "${local}${offsetSuffix(t.after)}", whichever you mean`;
    }
    const utc = offsetAt(wall, display) === 0 && instants.length === 1 ? "" : `; if it is UTC, write "${local}Z"`;
    return `has no UTC offset, so the instant is ambiguous${also}; ${inDisplay}, or keep the local time and name its zone: kickoff: "${local}" with timeZone: "${display}"${utc}; ${allowed}`;
}

/** A date without a time of day: the forms to write, with the time left for the writer to fill in. */
function dateOnlyProblem(date: string, zone: string, viaTimeZone: boolean, allowed: string): string {
    if (readKickoff(`${date}T12:00:00`) === "range") return `is not a real date (month or day out of range), and has no time of day; ${allowed}`;
    const offset = offsetAt(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12), zone);
    const forms = viaTimeZone
        ? `write "${date}Thh:mm:00" with the kickoff's local time in ${zone}`
        : `write "${date}Thh:mm:00${offsetSuffix(offset)}" with the kickoff's time read as ${zone} time (the stack's displayTimeZone, ${formatOffset(offset)} on ${date}), or "${date}Thh:mm:00" with timeZone: "${zone}"`;
    return `is a date without a time of day: a kickoff needs its time too; ${forms}; ${allowed}`;
}

function resolveFixtureKickoff(f: { kickoff: string; timeZone?: string }, displayTimeZone: string = DEFAULT_DISPLAY_TIME_ZONE): Resolved {
    const text = f.kickoff;
    if (typeof text !== "string") {
        return { problem: `must be a string: an ISO 8601 date and time, e.g. "${KICKOFF_EXAMPLE}", or "${LOCAL_KICKOFF_EXAMPLE}" with timeZone` };
    }
    const display = isKnownTimeZone(displayTimeZone) ? displayTimeZone : DEFAULT_DISPLAY_TIME_ZONE;
    const zone = f.timeZone;
    if (zone === undefined) {
        const at = parseKickoff(text);
        if (at !== undefined) return { at };
        const allowed = `${OFFSET_ALLOWED}, or a local time such as "${LOCAL_KICKOFF_EXAMPLE}" with the fixture's timeZone`;
        const outOfRange = `is not a real date and time (month, day, hour, minute or offset out of range); ${allowed}`;
        const strictFields = readKickoff(text);
        if (strictFields === "range") return { problem: outOfRange };
        if (strictFields !== "shape") return { problem: noOffsetProblem(strictFields.local, strictFields.wall, display, allowed, "") };
        const loose = readLoose(text);
        if (loose === undefined) return { problem: `is not an ISO 8601 date and time; ${allowed}` };
        if (loose.local === undefined) return { problem: dateOnlyProblem(loose.date, display, false, allowed) };
        const strict = loose.offsetMinutes === undefined ? loose.local : `${loose.local}${offsetSuffix(loose.offsetMinutes)}`;
        const fields = readKickoff(strict);
        if (typeof fields === "string") return { problem: `is read as "${strict}", which ${outOfRange}` };
        if (fields.offsetMinutes === undefined) return { problem: noOffsetProblem(fields.local, fields.wall, display, allowed, ` (and is not written the ISO 8601 way: ${writtenAs(loose)})`) };
        return { problem: `is not written the ISO 8601 way (${writtenAs(loose)}); write "${strict}"; ${allowed}` };
    }
    if (typeof zone !== "string") return { problem: `cannot be placed in time: timeZone must be a string; ${TIME_ZONE_ALLOWED}` };
    const zoneWhy = timeZoneProblem(zone);
    if (zoneWhy !== undefined) return { problem: `cannot be placed in time: timeZone "${zone}" ${zoneWhy}` };

    const fields = readKickoff(text);
    if (fields === "shape") {
        const loose = readLoose(text);
        if (loose === undefined) return { problem: `is not an ISO 8601 date and time; ${zoneAllowed(zone)}` };
        if (loose.local === undefined) return { problem: dateOnlyProblem(loose.date, zone, true, zoneAllowed(zone)) };
        const strict = loose.offsetMinutes === undefined ? loose.local : `${loose.local}${offsetSuffix(loose.offsetMinutes)}`;
        // The ISO 8601 form is read as any kickoff is: it may still be in a gap, or at an offset the zone does not have.
        const read = resolveFixtureKickoff({ kickoff: strict, timeZone: zone }, display);
        return read.at !== undefined
            ? { problem: `is not written the ISO 8601 way (${writtenAs(loose)}); write "${strict}"; ${zoneAllowed(zone)}` }
            : { problem: `is not written the ISO 8601 way (${writtenAs(loose)}); read as "${strict}" it ${read.problem}` };
    }
    if (fields === "range") return { problem: `is not a real date and time (month, day, hour, minute or offset out of range); ${zoneAllowed(zone)}` };

    if (fields.offsetMinutes !== undefined) {
        const at = fields.wall - fields.offsetMinutes * MINUTE;
        if (offsetAt(at, zone) === fields.offsetMinutes) return { at: new Date(at) };
        const instants = localInstants(fields.wall, zone);
        // What the writer most likely meant: the wall-clock time as written, at the zone's
        // offset then; when that time is in a gap or an overlap, the instant as written.
        const meant = instants.length === 1 ? instants[0] : at;
        const right = offsetAt(meant, zone);
        const meantParts = zonedParts(new Date(meant), zone);
        const meantLocal = `${meantParts.date}T${meantParts.time}${fields.local.slice(16)}`;
        const moved = formatDuration(right - fields.offsetMinutes);
        const written = fields.offsetText === "Z" ? "Z (UTC)" : fields.offsetText;
        const year = new Date(meant).getUTCFullYear();
        const keepsSummerTime = offsetAt(Date.UTC(year, 0, 1), zone) !== offsetAt(Date.UTC(year, 6, 1), zone);
        const consequence = fields.offsetText === "Z"
            ? `the wrong offset moves the pre-warm by ${moved} (to give the kickoff in UTC, leave timeZone out)`
            : Math.abs(right - fields.offsetMinutes) === 60 && keepsSummerTime
                ? "a wrong daylight-saving offset moves the pre-warm by an hour"
                : `the wrong offset moves the pre-warm by ${moved}`;
        const allowed = `allowed: "${meantLocal}${formatOffset(right)}" (the zone's offset) or "${meantLocal}" (local time in ${zone})`;
        return { problem: `has offset ${written}, but ${zone} is at ${describeOffset(meant, zone)} on ${meantParts.date}; ${consequence}; ${allowed}` };
    }

    const instants = localInstants(fields.wall, zone);
    if (instants.length === 1) return { at: new Date(instants[0]) };
    const t = transitionNear(fields.wall, zone);
    const jump = `${wallTime(t.at + t.before * MINUTE)} to ${wallTime(t.at + t.after * MINUTE)}`;
    const change = `at ${formatUtcMinute(new Date(t.at))}, from ${describeOffset(t.at - MINUTE, zone, true)} to ${describeOffset(t.at, zone, true)}`;
    if (instants.length === 0) {
        // The two readings: the wall time at the offset before the gap, and at the one after.
        const readings = [t.before, t.after].map((offset) => {
            const reading = fields.wall - offset * MINUTE;
            const local = zonedParts(new Date(reading), zone);
            return { offset: formatOffset(offset), utc: formatUtcSecond(new Date(reading)), local: `${local.date}T${local.time}:00` };
        });
        return {
            problem: `does not exist in ${zone}: on ${fields.date} the clocks jump from ${jump} (${change}), so ${fields.time} never happens there; ` +
                `read at ${readings[0].offset} it would be ${readings[0].utc}, read at ${readings[1].offset} ${readings[1].utc}; ` +
                `allowed: the local time you mean outside the gap, "${readings[0].local}" (${fields.time} at ${readings[0].offset}) or "${readings[1].local}" (${fields.time} at ${readings[1].offset})`,
        };
    }
    const [first, second] = instants;
    return {
        problem: `happens twice in ${zone}: on ${fields.date} the clocks go back from ${jump} (${change}), so ${fields.time} is ` +
            `${formatUtcSecond(new Date(first))} (${describeOffset(first, zone, true)}) or ${formatUtcSecond(new Date(second))} (${describeOffset(second, zone, true)}); ` +
            `allowed: the one you mean with its offset, "${fields.local}${formatOffset(offsetAt(first, zone))}" or "${fields.local}${formatOffset(offsetAt(second, zone))}"`,
    };
}

/**
 * The instant a fixture's kickoff names, or undefined when it names none. Without
 * `timeZone`: as {@link parseKickoff} (an explicit offset is required). With
 * `timeZone` (an IANA name, see {@link timeZoneProblem}): either the venue's local
 * time without offset (`"2027-04-07T21:00:00"` or `"2027-04-07T21:00"` in
 * `Europe/Paris` is 19:00 UTC), or a time with an offset that the zone has at that
 * instant. A local time that does not exist (the spring-forward gap) or happens twice
 * (the fall-back overlap) names no instant; nor does an offset the zone does not have.
 */
export function fixtureKickoff(f: { kickoff: string; timeZone?: string }): Date | undefined {
    return resolveFixtureKickoff(f).at;
}

/**
 * Why {@link fixtureKickoff} gives no instant for a fixture, as a sentence that ends
 * with what is allowed, or undefined when it gives one. A problem with the zone itself
 * starts `cannot be placed in time: timeZone "..."`. A kickoff written another way that
 * still reads as a date and time (see {@link readLoose}) gets the exact string to
 * write; without an offset or `timeZone`, read in `displayTimeZone` (the stack's; its
 * offset on that date) or as the local form with `timeZone`. A date alone is refused
 * as needing a time.
 */
export function fixtureKickoffProblem(f: { kickoff: string; timeZone?: string }, displayTimeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string | undefined {
    return resolveFixtureKickoff(f, displayTimeZone).problem;
}

/**
 * Refuses a kickoff more than {@link MAX_KICKOFF_HORIZON_DAYS} days after `now` as a
 * likely typo (a wrong year), as a sentence naming the kickoff and the limit and
 * ending with what is allowed; undefined when it is within the horizon (or passed).
 */
export function kickoffHorizonProblem(kickoff: Date, now: Date): string | undefined {
    const limit = new Date(now.getTime() + MAX_KICKOFF_HORIZON_DAYS * DAY);
    if (kickoff.getTime() <= limit.getTime()) return undefined;
    return `is ${formatUtcMinute(kickoff)}, more than ${MAX_KICKOFF_HORIZON_DAYS} days after now (${formatUtcMinute(now)}), which is likely a typo: check the year; ` +
        `allowed: a kickoff at most ${MAX_KICKOFF_HORIZON_DAYS} days ahead, until ${formatUtcMinute(limit)}`;
}

// ---------------------------------------------------------------------------------
// The commands' --now

/** An example `--now` with its offset, for usage lines and messages. */
export const NOW_EXAMPLE = "2027-03-11T04:30:00+09:00";

/** A `--now` read: the instant and how it was read, or the whole message of why not. */
export type NowReading =
    | { at: Date; readAs?: string; inDisplayZone?: boolean; problem?: undefined }
    | { at?: undefined; readAs?: undefined; problem: string; inDisplayZone?: boolean };

/**
 * What a command's `--now` names: `{ at }` for an ISO 8601 time with its offset, as
 * before; `{ at, readAs }` for any other form that can be read as a date and time
 * ({@link readLoose}: `2027-03-11 04:30`, `2027-03-11T04:30`, `2027-03-11 04:30 KST`...),
 * where `readAs` is the line that says how it was read (a time without offset is read
 * in `displayTimeZone`, the stack's, with the zone's offset on that date, and
 * `inDisplayZone` is set); `{ problem }`
 * (a whole message, starting `--now "..."`) for a text that cannot be read, a date
 * without a time, a time that does not exist in the zone or happens twice there (with
 * both readings).
 */
export function readNowTime(text: string, displayTimeZone: string): NowReading {
    const strict = parseKickoff(text);
    if (strict !== undefined) return { at: strict };
    const head = `--now "${text}"`;
    const forms = `e.g. --now ${NOW_EXAMPLE}, --now 2027-03-10T19:30:00Z, or a local time read in the stack's displayTimeZone (${displayTimeZone}), --now "2027-03-11 04:30"`;
    const loose = readLoose(text);
    if (loose === undefined) return { problem: `${head}: expected a date and time with its offset, ${forms}` };
    if (loose.local === undefined) return { problem: `${head}: a date without a time of day; give the time too, ${forms}` };
    const written = loose.offsetMinutes === undefined ? loose.local : `${loose.local}${offsetSuffix(loose.offsetMinutes)}`;
    const fields = readKickoff(written);
    if (typeof fields === "string") return { problem: `${head} is read as "${written}", which is not a real date and time (month, day, hour, minute or offset out of range); ${forms}` };
    if (fields.offsetMinutes !== undefined) {
        const at = new Date(fields.wall - fields.offsetMinutes * MINUTE);
        return { at, readAs: `--now ${text} read as ${formatUtcSecond(at)}` };
    }
    const instants = localInstants(fields.wall, displayTimeZone);
    if (instants.length === 1) {
        const at = new Date(instants[0]);
        return { at, readAs: `--now ${text} read as ${displayTimeZone} time: ${formatUtcSecond(at)}`, inDisplayZone: true };
    }
    const t = transitionNear(fields.wall, displayTimeZone);
    const jump = `${wallTime(t.at + t.before * MINUTE)} to ${wallTime(t.at + t.after * MINUTE)}`;
    const readings = [t.before, t.after]
        .map((offset) => `read at ${formatOffset(offset)} it is ${formatUtcSecond(new Date(fields.wall - offset * MINUTE))} (--now ${fields.local}${offsetSuffix(offset)})`)
        .join(", ");
    const what = instants.length === 0
        ? `${fields.time} does not exist in ${displayTimeZone} (the stack's displayTimeZone) on ${fields.date}: the clocks jump from ${jump}`
        : `${fields.time} happens twice in ${displayTimeZone} (the stack's displayTimeZone) on ${fields.date}: the clocks go back from ${jump}`;
    return { problem: `${head}: ${what}; ${readings}; give the one you mean with its offset`, inDisplayZone: true };
}
