/**
 * Names of scheduled actions, derived from fixture names. A name is the action's
 * identity in AWS and in Pulumi state: it must be stable for the same fixture (a
 * changed name replaces the action), unique within the group, and limited to
 * `[A-Za-z0-9-]`, at most {@link MAX_ACTION_NAME_LENGTH} characters.
 */

/** Our cap on a scheduled action name (AWS allows 255; we keep room for prefixes). */
export const MAX_ACTION_NAME_LENGTH = 200;

/** What a scheduled action does: raise the floor before a window, or lower it after. */
export type ActionKind = "prewarm" | "release";

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
 * The part of an action name one fixture contributes: lower case, accents removed,
 * every run of other characters a single `-` ("Real Madrid v Man City" becomes
 * `real-madrid-v-man-city`). A name with no Latin letters or digits (e.g. Korean)
 * becomes `fixture-<hash of the name>`, still stable. Two fixture names with the same
 * stem would collide; the pre-flight check refuses that.
 */
export function actionNameStem(fixtureName: string): string {
    const stem = fixtureName
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
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
