/**
 * Kickoff times: strict ISO 8601 with an explicit UTC offset in, UTC with second
 * precision out. A kickoff without an offset is ambiguous (the team works in KST, the
 * clubs publish CET, the API wants UTC), so it is refused rather than guessed.
 */

/** `YYYY-MM-DDThh:mm[:ss[.fff]]` followed by `Z` or `+hh:mm` / `-hh:mm`. */
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/** The same shape with no offset at all: a local time that names no zone. */
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$/;

/** Largest UTC offset in use anywhere (UTC+14:00, Kiribati); UTC-12:00 is the smallest. */
const MAX_OFFSET_HOURS = 14;

/** An example shown in messages: 21:00 in Madrid in April is 19:00 UTC. */
export const KICKOFF_EXAMPLE = "2027-04-07T21:00:00+02:00";

/**
 * The instant a kickoff string names, or undefined when it is not a real ISO 8601
 * date and time with an explicit offset (`Z` or `±hh:mm`). Fractional seconds are
 * accepted and kept; calendar fields are checked (no 30 February, no 24:00).
 */
export function parseKickoff(text: string): Date | undefined {
    const m = WITH_OFFSET.exec(text);
    if (!m) return undefined;
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
    const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
    const check = new Date(local);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
    let offsetMinutes = 0;
    if (m[8] !== undefined) {
        const oh = Number(m[9]);
        const om = Number(m[10]);
        if (oh > MAX_OFFSET_HOURS || om > 59) return undefined;
        offsetMinutes = (m[8] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    return new Date(local - offsetMinutes * 60_000);
}

/**
 * What is wrong with a kickoff string, as a sentence that ends with what is allowed,
 * or undefined when {@link parseKickoff} accepts it.
 */
export function kickoffProblem(text: string): string | undefined {
    if (parseKickoff(text) !== undefined) return undefined;
    const allowed = `allowed: an ISO 8601 date and time with its UTC offset, e.g. "${KICKOFF_EXAMPLE}" or "2027-04-07T19:00:00Z"`;
    if (WITHOUT_OFFSET.test(text.trim())) {
        return `has no UTC offset, so the instant is ambiguous; add "Z" or the local offset such as "+09:00" (KST); ${allowed}`;
    }
    if (WITH_OFFSET.test(text)) return `is not a real date and time (month, day, hour, minute or offset out of range); ${allowed}`;
    return `is not an ISO 8601 date and time; ${allowed}`;
}

/** An instant as the UTC `YYYY-MM-DDThh:mm:ssZ` the Auto Scaling API takes (fractions of a second dropped). */
export function formatUtcSecond(at: Date): string {
    return `${at.toISOString().slice(0, 19)}Z`;
}
