/**
 * Instants as a person on the platform team reads them: UTC (what AWS and the stack
 * file's `startTime` use) next to the team's own zone (default Asia/Seoul). Zone
 * offsets come from the runtime's ICU data (`Intl`), never from hand-written rules.
 */
import { nearestName } from "../text/suggest";

/** The zone times are shown in when the stack config names none. */
export const DEFAULT_DISPLAY_TIME_ZONE = "Asia/Seoul";

/** Whether the runtime's ICU data knows `zone` as an IANA time zone name. */
export function isKnownTimeZone(zone: string): boolean {
    if (typeof zone !== "string" || zone.trim() === "") return false;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return true;
    } catch {
        return false;
    }
}

/** `2027-05-29 19:00Z`: minutes are what a schedule is planned in. */
export function formatUtcMinute(at: Date): string {
    return `${at.toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** The wall-clock fields of `at` in `zone`, and the zone's abbreviation or offset. */
export function zonedParts(at: Date, zone: string): { date: string; time: string; label: string; offsetMinutes: number } {
    const parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
    }).formatToParts(at);
    const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
    // en-GB's ICU data names the European zones (CEST, BST); en-US's the American ones.
    const abbreviation = ["en-GB", "en-US"]
        .map((locale) => new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? "")
        .find((name) => /^[A-Z]{2,5}$/.test(name) && !/^(GMT|UTC)$/.test(name)) ?? get("timeZoneName");
    const wall = Date.UTC(Number(get("year")), Number(get("month")) - 1, Number(get("day")), Number(get("hour")), Number(get("minute")), Number(get("second")));
    const offsetMinutes = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
    return {
        date: `${get("year")}-${get("month")}-${get("day")}`,
        time: `${get("hour")}:${get("minute")}`,
        label: zoneLabel(abbreviation, offsetMinutes),
        offsetMinutes,
    };
}

/** ICU's short name when it is a real abbreviation (CEST, EDT), else the offset, `UTC+09:00` (ICU's English data has no KST). */
function zoneLabel(icuShortName: string, offsetMinutes: number): string {
    if (/^[A-Z]{2,5}$/.test(icuShortName)) return icuShortName;
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * `2027-05-29 19:00Z (2027-05-30 04:00 KST)`: UTC first, then the display zone. When
 * the display zone is UTC itself, the UTC form alone.
 */
export function formatInstant(at: Date, displayTimeZone: string = DEFAULT_DISPLAY_TIME_ZONE): string {
    const utc = formatUtcMinute(at);
    const local = zonedParts(at, displayTimeZone);
    if (local.offsetMinutes === 0 && /^(UTC|Etc\/UTC|Etc\/GMT|GMT)$/.test(displayTimeZone)) return utc;
    return `${utc} (${local.date} ${local.time} ${local.label})`;
}

/**
 * The IANA zone a mistyped name most likely meant (`europe/paris`, `Europe/Pariss`,
 * `Seoul`), or undefined. Candidates are the runtime's own list of zones.
 */
export function suggestTimeZone(name: string): string | undefined {
    const zones = Intl.supportedValuesOf("timeZone");
    const lower = name.trim().toLowerCase();
    const exact = zones.find((z) => z.toLowerCase() === lower);
    if (exact !== undefined) return exact;
    const city = zones.find((z) => z.toLowerCase().split("/").pop() === lower.replace(/ /g, "_"));
    if (city !== undefined) return city;
    return nearestName(name, zones);
}
