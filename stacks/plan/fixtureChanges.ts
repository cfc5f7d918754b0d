/**
 * What an edit of one stack file does to its fixtures, as an operator decides on it:
 * which fixtures it adds, changes and removes, what each match window's floor steps
 * were and become, and which fixture the edit adds or changes gets no capacity at all
 * (already past at the plan's clock, or too close to kickoff for an instance launched
 * now to serve). Pure: both sides' raw `kgsports:fixtures` config and their settings
 * come in.
 */
import { DEFAULT_COLD_LAUNCH_MINUTES } from "../capacity/schedule";
import { formatInstant, formatUtcMinute } from "../capacity/displayTime";
import { fixtureKickoff, kickoffHorizonProblem } from "../capacity/kickoffTime";
import { displayTimeZoneOf } from "./scheduledActionLines";

const MINUTE_MS = 60_000;

/** One fixture as written in the stack file: its name and every field as JSON text. */
export interface RawFixture {
    name: string;
    /** Field name to its value as JSON (`"2027-03-11T05:00:00+09:00"`, `150000`). */
    fields: Record<string, string>;
}

/** What the fixture summary needs of one side's settings ({@link PlatformSettings} has it). */
export interface FixtureSideSettings {
    matchday: {
        displayTimeZone?: string;
        /** The deploy's clock the side was planned at. */
        plannedAt: Date;
        plan: { fixtures: readonly { name: string; kickoff: string; timeZone?: string }[]; baselineMinSize: number };
        schedule: {
            windows: readonly { fixtures: readonly string[]; preWarmAt: Date; steps: readonly { at: Date; minSize: number }[] }[];
            pastFixtures: readonly { name: string; kickoff: Date }[];
        };
    };
}

/** A fixture the edit adds, changes (same name, a field differs) or removes; a rename is a removal and an addition. */
export interface FixtureChange {
    change: "added" | "changed" | "removed";
    name: string;
    /** Kickoff, UTC ISO, on the side that has it (this side unless removed), when it names an instant. */
    kickoff: string | null;
    /** The fields that differ: name, value before and after as JSON (null when absent). */
    fields: { field: string; from: string | null; to: string | null }[];
    /** The summary's line. */
    line: string;
}

/** A match window whose floor steps the edit changes, adds or ends. */
export interface WindowChange {
    change: "added" | "changed" | "removed";
    fixtures: string[];
    /** The minimum before the window, then each step's, the last the baseline again; null on the side without it. */
    before: number[] | null;
    after: number[] | null;
    line: string;
}

/** A fixture this edit adds or changes that gets no capacity: `plan --diff` exits 5. */
export interface NoCapacity {
    fixture: string;
    /** Kickoff, UTC ISO. */
    kickoff: string;
    /** `past`: its kickoff (or whole window) is before the plan's clock; `too-late`: an instance launched now serves only after kickoff. */
    reason: "past" | "too-late";
    change: "added" | "changed";
    /** The line the text diff shows, starting `NO CAPACITY:`. */
    message: string;
}

/** What the edit does to fixtures, for the diff's summary, its exit code and its notes. */
export interface FixtureEdit {
    fixtures: FixtureChange[];
    windows: WindowChange[];
    noCapacity: NoCapacity[];
    /** Past fixtures the edit leaves as they were: not this edit's doing, so a note only. */
    notes: string[];
}

/**
 * The fixtures of a raw `<project>:fixtures` config value (JSON text of a list), by
 * name; anything unreadable (not JSON, not a list, an entry without a name) is left
 * out: the config's own validation reports it.
 */
export function rawFixtures(config: Readonly<Record<string, string>> | undefined, project: string): RawFixture[] {
    const text = config?.[`${project}:fixtures`];
    if (text === undefined) return [];
    let list: unknown;
    try {
        list = JSON.parse(text);
    } catch {
        return [];
    }
    if (!Array.isArray(list)) return [];
    const out: RawFixture[] = [];
    for (const f of list) {
        if (!f || typeof f !== "object" || Array.isArray(f) || typeof (f as { name?: unknown }).name !== "string") continue;
        const fields: Record<string, string> = {};
        for (const [k, v] of Object.entries(f as Record<string, unknown>)) if (k !== "name") fields[k] = JSON.stringify(v);
        out.push({ name: (f as { name: string }).name, fields });
    }
    return out;
}

/** Added, changed and removed fixtures by name, without lines: what a failed plan's likely cause needs. */
export function fixtureNameChanges(before: readonly RawFixture[], after: readonly RawFixture[]): { change: FixtureChange["change"]; name: string; fields: FixtureChange["fields"] }[] {
    // Entries by name, in file order: a name written twice pairs up in order, so a
    // repeated name the edit adds is an addition, not a change of the first entry.
    const byName = (list: readonly RawFixture[]) => {
        const m = new Map<string, RawFixture[]>();
        for (const f of list) m.set(f.name, [...(m.get(f.name) ?? []), f]);
        return m;
    };
    const was = byName(before);
    const is = byName(after);
    const seen = new Map<string, number>();
    const out: { change: FixtureChange["change"]; name: string; fields: FixtureChange["fields"] }[] = [];
    for (const f of after) {
        const nth = seen.get(f.name) ?? 0;
        seen.set(f.name, nth + 1);
        const o = was.get(f.name)?.[nth];
        if (o === undefined) {
            out.push({ change: "added", name: f.name, fields: [] });
            continue;
        }
        const keys = [...new Set([...Object.keys(o.fields), ...Object.keys(f.fields)])];
        const fields = keys.filter((k) => o.fields[k] !== f.fields[k]).map((k) => ({ field: k, from: o.fields[k] ?? null, to: f.fields[k] ?? null }));
        if (fields.length > 0) out.push({ change: "changed", name: f.name, fields });
    }
    const kept = new Map<string, number>();
    for (const f of before) {
        const nth = kept.get(f.name) ?? 0;
        kept.set(f.name, nth + 1);
        if ((is.get(f.name)?.length ?? 0) <= nth) out.push({ change: "removed", name: f.name, fields: [] });
    }
    return out;
}

function kickoffOf(settings: FixtureSideSettings, name: string): Date | undefined {
    const f = settings.matchday.plan.fixtures.find((x) => x.name === name);
    return f === undefined ? undefined : fixtureKickoff(f);
}

const unquoted = (json: string | null) => (json === null ? "(unset)" : /^"/.test(json) ? (JSON.parse(json) as string) : json);

function fixtureLine(c: Omit<FixtureChange, "line" | "kickoff">, kickoff: Date | undefined, was: Date | undefined, raw: RawFixture | undefined, zone: string): string {
    const when = (d: Date | undefined) => (d === undefined ? "(no kickoff)" : formatInstant(d, zone));
    const sign = c.change === "added" ? "+" : c.change === "removed" ? "-" : "~";
    const parts: string[] = [];
    if (c.change === "changed") {
        // The instant, not the text: a kickoff rewritten in another form of the same time did not move.
        parts.push(was?.getTime() !== kickoff?.getTime() ? `kickoff ${when(was)} -> ${when(kickoff)}` : `kickoff ${when(kickoff)}`);
        for (const f of c.fields) if (f.field !== "kickoff") parts.push(`${f.field} ${unquoted(f.from)} -> ${unquoted(f.to)}`);
    } else {
        parts.push(`kickoff ${when(c.change === "removed" ? was : kickoff)}`);
        // Stryker disable next-line OptionalChaining: equivalent; every change comes from a raw fixture, so raw is there
        for (const [k, v] of Object.entries(raw?.fields ?? {})) if (k !== "kickoff" && k !== "timeZone") parts.push(`${k} ${unquoted(v)}`);
    }
    return `${sign} fixture "${c.name}": ${parts.join(", ")}`;
}

type Window = FixtureSideSettings["matchday"]["schedule"]["windows"][number];

function stepSizes(w: Window, baseline: number): number[] {
    return [baseline, ...w.steps.map((s) => s.minSize)];
}

function sameWindow(a: Window, b: Window, baseA: number, baseB: number): boolean {
    return (
        a.fixtures.join("\u0000") === b.fixtures.join("\u0000") &&
        baseA === baseB &&
        a.steps.length === b.steps.length &&
        a.steps.every((s, i) => s.minSize === b.steps[i].minSize && s.at.getTime() === b.steps[i].at.getTime())
    );
}

/**
 * Per match window, the floor steps before and after the edit: a window of this side
 * that shares no fixture with one of the other is new; one whose fixtures, steps or
 * step times differ is changed; a window of the other side that shares no fixture with
 * one of this side is gone. Unchanged windows are left out.
 */
export function windowChanges(before: FixtureSideSettings, after: FixtureSideSettings): WindowChange[] {
    const zone = displayTimeZoneOf(after);
    const baseB = before.matchday.plan.baselineMinSize;
    const baseA = after.matchday.plan.baselineMinSize;
    const label = (fixtures: readonly string[]) => `window ${fixtures.map((f) => `"${f}"`).join(" + ")}`;
    const arrow = (sizes: number[]) => sizes.join(" -> ");
    const out: WindowChange[] = [];
    const related = new Set<Window>();
    for (const w of after.matchday.schedule.windows) {
        const olds = before.matchday.schedule.windows.filter((o) => o.fixtures.some((f) => w.fixtures.includes(f)));
        olds.forEach((o) => related.add(o));
        const sizes = stepSizes(w, baseA);
        if (olds.length === 0) {
            out.push({ change: "added", fixtures: [...w.fixtures], before: null, after: sizes, line: `${label(w.fixtures)}: ${arrow(sizes)} (new)` });
            continue;
        }
        if (olds.length === 1 && sameWindow(olds[0], w, baseB, baseA)) continue;
        const was = olds.flatMap((o) => stepSizes(o, baseB));
        const wasText = olds.map((o) => arrow(stepSizes(o, baseB))).join(" and ");
        const moved = olds.length === 1 && olds[0].preWarmAt.getTime() !== w.preWarmAt.getTime()
            ? `, pre-warm ${formatInstant(olds[0].preWarmAt, zone)} -> ${formatInstant(w.preWarmAt, zone)}`
            : "";
        const head = olds.length === 1 && olds[0].fixtures.join("\u0000") !== w.fixtures.join("\u0000") ? `${label(w.fixtures)} (was ${label(olds[0].fixtures)})` : label(w.fixtures);
        const line = wasText === arrow(sizes) ? `${head}: ${arrow(sizes)}${moved}` : `${head}: before: ${wasText} / after: ${arrow(sizes)}${moved}`;
        out.push({ change: "changed", fixtures: [...w.fixtures], before: was, after: sizes, line });
    }
    for (const o of before.matchday.schedule.windows) {
        if (related.has(o)) continue;
        const sizes = stepSizes(o, baseB);
        out.push({ change: "removed", fixtures: [...o.fixtures], before: sizes, after: null, line: `${label(o.fixtures)}: ${arrow(sizes)} (removed)` });
    }
    return out;
}

/** `271 days`, `5 hours`, `3 minutes`: how far apart two instants are, in the unit a person would say. */
export function durationText(ms: number): string {
    const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
    const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
    if (minutes < 120) return unit(minutes, "minute");
    if (minutes < 48 * 60) return unit(Math.floor(minutes / 60), "hour");
    return unit(Math.floor(minutes / (24 * 60)), "day");
}

/**
 * The same kickoff a year later, as typed (`2027-03-11`), when that is ahead of the
 * plan and within the kickoff horizon; else undefined.
 */
export function nextYearKickoff(raw: { kickoff: string; timeZone?: string }, now: Date): string | undefined {
    const m = /^(\d{4})(-\d\d-\d\d.*)$/.exec(raw.kickoff);
    if (m === null) return undefined;
    const text = `${Number(m[1]) + 1}${m[2]}`;
    const at = fixtureKickoff({ ...raw, kickoff: text });
    if (at === undefined || at.getTime() <= now.getTime() || kickoffHorizonProblem(at, now) !== undefined) return undefined;
    return text.slice(0, 10);
}

/**
 * Whether a fixture gets no capacity at the plan's clock `now`: it is past (its window is
 * over, in `pastFixtures`, or its kickoff has passed), or it kicks off sooner than an
 * instance launched now can serve (`coldLaunchMinutes`, the schedule's cold launch).
 */
export function noCapacityReason(kickoff: Date, past: boolean, now: Date, coldLaunchMinutes: number = DEFAULT_COLD_LAUNCH_MINUTES): NoCapacity["reason"] | undefined {
    if (past || kickoff.getTime() <= now.getTime()) return "past";
    if (kickoff.getTime() - now.getTime() < coldLaunchMinutes * MINUTE_MS) return "too-late";
    return undefined;
}

/** The `NO CAPACITY:` line of a fixture: name, kickoff in UTC and the display zone, why, and "check the year". */
export function noCapacityMessage(
    fixture: { name: string; kickoff: string; timeZone?: string },
    kickoff: Date,
    reason: NoCapacity["reason"],
    now: Date,
    zone: string,
    coldLaunchMinutes: number = DEFAULT_COLD_LAUNCH_MINUTES,
    /** False when the kickoff has passed but its window has not (a match in progress): its floor is held, the pre-warm is gone. */
    windowOver = true,
): string {
    const distance = kickoff.getTime() <= now.getTime() ? `${durationText(now.getTime() - kickoff.getTime())} before` : `${durationText(kickoff.getTime() - now.getTime())} after`;
    const head = `NO CAPACITY: fixture "${fixture.name}" kicks off ${formatInstant(kickoff, zone)}, ${distance} this plan (${formatUtcMinute(now)}): `;
    if (reason === "past") {
        const next = windowOver ? nextYearKickoff(fixture, now) : undefined;
        const what = windowOver ? "it is past, so nothing is scheduled for it" : "its kickoff has passed, so no pre-warm is scheduled for it";
        return `${head}${what}; check the year${next !== undefined ? ` (${next}?)` : ""}`;
    }
    const serves = new Date(now.getTime() + coldLaunchMinutes * MINUTE_MS);
    // Rounded up: instances serving 30 seconds after kickoff are late by a minute, never by "0 minutes".
    const lateMinutes = Math.ceil((serves.getTime() - kickoff.getTime()) / MINUTE_MS);
    const late = `${lateMinutes} minute${lateMinutes === 1 ? "" : "s"}`;
    return (
        `${head}instances launched now serve from ${formatInstant(serves, zone)}, ${late} into the match (a cold launch takes ${coldLaunchMinutes} minutes), ` +
        `so no floor can be in service before kickoff; check the year, date and time`
    );
}

/**
 * What an edit of one stack does to its fixtures: the changes with their summary lines,
 * the windows whose floor steps change, the fixtures it adds or changes that get no
 * capacity, and a note per past fixture it leaves as it was.
 */
export function fixtureEdit(input: {
    before: { settings: FixtureSideSettings; fixtures: readonly RawFixture[] };
    after: { settings: FixtureSideSettings; fixtures: readonly RawFixture[] };
    coldLaunchMinutes?: number;
}): FixtureEdit {
    const { before, after } = input;
    const zone = displayTimeZoneOf(after.settings);
    const now = after.settings.matchday.plannedAt;
    const raw = new Map(after.fixtures.map((f) => [f.name, f]));
    const rawBefore = new Map(before.fixtures.map((f) => [f.name, f]));
    const fixtures: FixtureChange[] = fixtureNameChanges(before.fixtures, after.fixtures).map((c) => {
        const kickoff = c.change === "removed" ? undefined : kickoffOf(after.settings, c.name);
        const was = c.change === "added" ? undefined : kickoffOf(before.settings, c.name);
        const shown = c.change === "removed" ? was : kickoff;
        return { ...c, kickoff: shown?.toISOString() ?? null, line: fixtureLine(c, kickoff, was, raw.get(c.name) ?? rawBefore.get(c.name), zone) };
    });
    const past = new Set(after.settings.matchday.schedule.pastFixtures.map((p) => p.name));
    // Kickoffs the committed side already had: an edit that keeps a kickoff (a rename, a
    // raised audience mid-match, a tidied past fixture) creates no match the schedule missed.
    // (A removed fixture without a readable kickoff adds undefined, which no kickoff matches.)
    const removedAt = new Set(fixtures.filter((c) => c.change === "removed").map((c) => kickoffOf(before.settings, c.name)?.getTime()));
    const noCapacity: NoCapacity[] = [];
    const keptNotes: string[] = [];
    for (const c of fixtures) {
        if (c.change === "removed") continue;
        const f = after.settings.matchday.plan.fixtures.find((x) => x.name === c.name);
        const at = f === undefined ? undefined : fixtureKickoff(f);
        if (f === undefined || at === undefined) continue;
        const reason = noCapacityReason(at, past.has(c.name), now, input.coldLaunchMinutes);
        if (reason === undefined) continue;
        const was = c.change === "changed" ? kickoffOf(before.settings, c.name) : undefined;
        const newKickoff = c.change === "added" ? !removedAt.has(at.getTime()) : was === undefined || was.getTime() !== at.getTime();
        if (!newKickoff) {
            // Its kickoff was already there: the committed schedule covered it (or it was played).
            if (past.has(c.name)) {
                keptNotes.push(`past fixture "${c.name}" (kickoff ${formatInstant(at, zone)}) is ${c.change === "added" ? "renamed" : "changed"} by this edit without moving its kickoff: nothing is scheduled for it; remove it, or fix its date`);
            }
            continue;
        }
        // Past without being in pastFixtures: its kickoff has passed in a window still on (a too-late reason reads no window).
        noCapacity.push({ fixture: c.name, kickoff: at.toISOString(), reason, change: c.change, message: noCapacityMessage(f, at, reason, now, zone, input.coldLaunchMinutes, past.has(c.name)) });
    }
    const touched = new Set(fixtures.map((c) => c.name));
    const notes = [
        ...after.settings.matchday.schedule.pastFixtures
            .filter((p) => !touched.has(p.name))
            .map((p) => `past fixture "${p.name}" (kickoff ${formatInstant(p.kickoff, zone)}) is unchanged by this edit: nothing is scheduled for it; remove it, or fix its date`),
        ...keptNotes,
    ];
    return { fixtures, windows: windowChanges(before.settings, after.settings), noCapacity, notes };
}

/**
 * `likely cause: fixture "X", added in this edit`, one line per fixture the edit adds
 * or changes that the failed plan's problems name (as `"X"`).
 */
export function likelyCauseLines(problems: string, changes: readonly { change: FixtureChange["change"]; name: string }[]): string[] {
    return changes
        .filter((c) => c.change !== "removed" && (problems.includes(`"${c.name}"`) || problems.includes(JSON.stringify(c.name))))
        .map((c) => `likely cause: fixture "${c.name}", ${c.change} in this edit`);
}
