/**
 * Names of scheduled actions, derived from fixture names. A name is the action's
 * identity in AWS and in Pulumi state: it must be stable for the same fixture (a
 * changed name replaces the action), unique within the group, and limited to
 * `[A-Za-z0-9-]`, at most {@link MAX_ACTION_NAME_LENGTH} characters.
 */

/** Our cap on a scheduled action name (AWS allows 255; we keep room for prefixes). */
export const MAX_ACTION_NAME_LENGTH = 200;

/**
 * What a scheduled action does: the first raise of a window (`prewarm`), the later
 * steps of the build-up (`rampup1`, `rampup2`, ...), the full floor before kickoff
 * (`kickoff`), the early release after normal time (`fulltime`) and the last one back
 * to the baseline (`release`).
 */
export type ActionKind = "prewarm" | `rampup${number}` | "kickoff" | "fulltime" | "release";

/** 32-bit FNV-1a of a string's UTF-16 code units, as 8 hex digits: short, stable, no dependency. */
export function stableHash(text: string): string {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
}

/**
 * any-ascii 0.1.7, the last CommonJS release (0.2 and later are ES modules only, which
 * `require` loads only on Node 20.19+/22.12+, narrower than our engines). No type
 * declarations ship with it, hence the typed `require`. Its tables decide the stems of
 * non-Latin names: keep the version exact, an upgrade may rename scheduled actions.
 */
const anyAscii: (text: string) => string = require("any-ascii");

/** Combining diacritical marks, which NFKD splits off Latin letters (é is e + U+0301). */
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * One character as ASCII: its compatibility decomposition without accents when that is
 * ASCII (exactly what stems were made of before transliteration, so existing names keep
 * their actions), otherwise any-ascii's romanisation (챔 becomes `Chaem`, ß `ss`).
 */
function characterToAscii(c: string): string {
    const decomposed = c.normalize("NFKD").replace(COMBINING_MARKS, "");
    return /^[\x00-\x7f]*$/.test(decomposed) ? decomposed : anyAscii(c);
}

/**
 * The part of an action name one fixture contributes: transliterated to ASCII, lower
 * case, every run of other characters a single `-` ("Real Madrid v Man City" becomes
 * `real-madrid-v-man-city`, "Atlético" `atletico`, "챔피언스리그 결승"
 * `chaempieonseuligeu-gyeolseung`). A name whose characters all decompose to ASCII
 * (plain ASCII, accented Latin) gets the same stem as before transliteration was
 * added. A name that transliterates to nothing (only punctuation) becomes
 * `fixture-<hash of the name>`, still stable. Two fixture names with the same stem
 * would collide; the pre-flight check refuses that.
 */
export function actionNameStem(fixtureName: string): string {
    // NFC first: Hangul decomposed into jamo (as some keyboards and files hold it)
    // would otherwise be romanised letter by letter.
    const ascii = Array.from(fixtureName.normalize("NFC"), characterToAscii).join("");
    const stem = ascii
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return stem === "" ? `fixture-${stableHash(fixtureName)}` : stem;
}

/**
 * The scheduled action name for a window holding `fixtureNames` (in window order):
 * `<kind>-<stem>` or, for merged windows, `<kind>-<stem1>--<stem2>`. Stems never
 * contain `--`, so different fixture sets never share a name. Names over
 * {@link MAX_ACTION_NAME_LENGTH} are cut and end in a hash of the full fixture names.
 */
export function scheduledActionName(kind: ActionKind, fixtureNames: readonly string[]): string {
    const full = `${kind}-${fixtureNames.map(actionNameStem).join("--")}`;
    if (full.length <= MAX_ACTION_NAME_LENGTH) return full;
    const suffix = `-${stableHash(fixtureNames.join("\n"))}`;
    return full.slice(0, MAX_ACTION_NAME_LENGTH - suffix.length).replace(/-+$/, "") + suffix;
}
