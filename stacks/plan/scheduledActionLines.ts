/**
 * Scheduled actions in a diff as an operator reads them: the action's name, when it
 * runs (UTC, then the team's display zone) and the group minimum before and after it,
 * instead of a URN and raw inputs. Pure functions of declared resources and settings.
 */
import { DEFAULT_DISPLAY_TIME_ZONE, formatInstant, isKnownTimeZone } from "../capacity/displayTime";

/** The provider type of a scheduled action on an Auto Scaling group. */
export const SCHEDULED_ACTION_TYPE = "aws:autoscaling/schedule:Schedule";

/** What the readable lines need of a declared resource. */
export interface ScheduleResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/**
 * What the readable lines need of a stack's settings ({@link PlatformSettings} has it):
 * the group's configured minimum, the schedule the plan made, and the display zone.
 */
export interface ScheduleSettings {
    web: { capacity: { min: number } };
    matchday: {
        /** IANA zone times are shown in besides UTC. Default {@link DEFAULT_DISPLAY_TIME_ZONE}. */
        displayTimeZone?: string;
        schedule: {
            actions: readonly {
                name: string;
                startTime: string;
                minSize: number | "unchanged";
                /** The minimum in force just before the action runs, when the schedule says. */
                previousMinSize?: number;
            }[];
        };
    };
}

/** One scheduled action on one side of a diff. */
export interface ScheduledActionState {
    /** When it runs, UTC, as declared (`2027-05-29T17:50:00Z`). */
    startTime: string;
    /** The group minimum in force just before the action runs. */
    minSizeBefore: number;
    /** The minimum the action sets; null when it leaves the minimum unchanged (-1). */
    minSize: number | null;
    /** The maximum the action sets; null when unchanged. */
    maxSize: number | null;
    /** The desired capacity the action sets; null when unchanged. */
    desiredCapacity: number | null;
}

/** A scheduled action the diff adds, removes or changes. */
export interface ScheduledActionChange {
    change: "added" | "removed" | "changed";
    /** The action's name in AWS (`prewarm-ucl-final`). */
    name: string;
    /** The resource's URN on the side that declares it (this side, unless removed). */
    urn: string;
    /** The other side's action (before the edit); null when added. */
    from: ScheduledActionState | null;
    /** This side's action (after the edit); null when removed. */
    to: ScheduledActionState | null;
    /** The line the text diff shows, starting with `+`, `-` or `~`. */
    line: string;
}

/**
 * The zone a stack shows times in: `settings.matchday.displayTimeZone` when set and
 * known to the runtime, else {@link DEFAULT_DISPLAY_TIME_ZONE}.
 */
export function displayTimeZoneOf(settings: { matchday: { displayTimeZone?: string } }): string {
    const zone = (settings.matchday as { displayTimeZone?: unknown }).displayTimeZone;
    return typeof zone === "string" && isKnownTimeZone(zone) ? zone : DEFAULT_DISPLAY_TIME_ZONE;
}

/** A size input as a number; null for "unchanged" (-1), absent or unreadable. */
function sizeInput(value: unknown): number | null {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The action's AWS name: its `scheduledActionName` input, else the resource name. */
export function scheduledActionName(r: ScheduleResource): string {
    return typeof r.inputs.scheduledActionName === "string" ? r.inputs.scheduledActionName : r.name;
}

/**
 * The group minimum in force just before the named action runs: the schedule's
 * `previousMinSize` for it when present; else the minimum the latest earlier action
 * (in start-time order) sets; else the group's configured minimum.
 */
export function minimumBeforeAction(settings: ScheduleSettings, actionName: string): number {
    const actions = [...settings.matchday.schedule.actions].sort(
        (a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
    const i = actions.findIndex((a) => a.name === actionName);
    if (i < 0) return settings.web.capacity.min;
    const own = (actions[i] as { previousMinSize?: unknown }).previousMinSize;
    if (typeof own === "number" && Number.isFinite(own)) return own;
    for (let j = i - 1; j >= 0; j--) {
        const min = actions[j].minSize;
        if (typeof min === "number") return min;
    }
    return settings.web.capacity.min;
}

/** One side's action: start and sizes from the declared inputs, the minimum before it from the settings. */
export function scheduledActionState(r: ScheduleResource, settings: ScheduleSettings): ScheduledActionState {
    return {
        startTime: typeof r.inputs.startTime === "string" ? r.inputs.startTime : "",
        minSizeBefore: minimumBeforeAction(settings, scheduledActionName(r)),
        minSize: sizeInput(r.inputs.minSize),
        maxSize: sizeInput(r.inputs.maxSize),
        desiredCapacity: sizeInput(r.inputs.desiredCapacity),
    };
}

function when(startTime: string, zone: string): string {
    const at = new Date(startTime);
    return Number.isNaN(at.getTime()) ? startTime || "(no start time)" : formatInstant(at, zone);
}

/** `6 -> 203`, or `unchanged (6)` for an action that leaves the minimum alone. */
function minimumStep(s: ScheduledActionState): string {
    return s.minSize === null ? `unchanged (${s.minSizeBefore})` : `${s.minSizeBefore} -> ${s.minSize}`;
}

function otherSizes(s: ScheduledActionState): string {
    return [
        s.maxSize !== null ? `, maximum -> ${s.maxSize}` : "",
        s.desiredCapacity !== null ? `, desired -> ${s.desiredCapacity}` : "",
    ].join("");
}

/** `+ scheduled action prewarm-ucl-final: 2027-05-29 17:50Z (2027-05-30 02:50 KST), minimum 6 -> 203`. */
function wholeLine(sign: "+" | "-", name: string, s: ScheduledActionState, zone: string): string {
    return `${sign} scheduled action ${name}: ${when(s.startTime, zone)}, minimum ${minimumStep(s)}${otherSizes(s)}`;
}

/** `~ scheduled action NAME: start A -> B, minimum 6 -> 230 (was 6 -> 203)`: what changed, in the reader's words. */
function changedLine(name: string, from: ScheduledActionState, to: ScheduledActionState, zone: string, paths: readonly string[]): string {
    const parts: string[] = [];
    parts.push(from.startTime !== to.startTime ? `start ${when(from.startTime, zone)} -> ${when(to.startTime, zone)}` : when(to.startTime, zone));
    const before = minimumStep(from);
    const after = minimumStep(to);
    parts.push(before !== after ? `minimum ${after} (was ${before})` : `minimum ${after}`);
    const size = (v: number | null) => (v === null ? "unchanged" : String(v));
    if (from.maxSize !== to.maxSize) parts.push(`maximum ${size(from.maxSize)} -> ${size(to.maxSize)}`);
    if (from.desiredCapacity !== to.desiredCapacity) parts.push(`desired ${size(from.desiredCapacity)} -> ${size(to.desiredCapacity)}`);
    const readable = from.startTime !== to.startTime || from.minSize !== to.minSize || from.maxSize !== to.maxSize || from.desiredCapacity !== to.desiredCapacity;
    if (!readable && paths.length > 0) parts.push(`changed: ${paths.join(", ")}`);
    return `~ scheduled action ${name}: ${parts.join(", ")}`;
}

/** The resource-level diff of scheduled actions, with both sides' settings. */
export interface ScheduleDiffInput {
    /** The other side (before the edit). */
    before: { settings: ScheduleSettings };
    /** This side (after the edit); its display zone is used for every line. */
    after: { settings: ScheduleSettings };
    /** Resources only this side declares (other types are ignored). */
    added: readonly ScheduleResource[];
    /** Resources only the other side declares. */
    removed: readonly ScheduleResource[];
    /** Resources both declare with different inputs, and the input paths that differ. */
    changed: readonly { before: ScheduleResource; after: ScheduleResource; paths: readonly string[] }[];
}

/**
 * The scheduled actions a diff adds, removes or changes, each with its readable line,
 * in start-time order (a removed action at its old time, the others at their new one).
 */
export function scheduledActionChanges(input: ScheduleDiffInput): ScheduledActionChange[] {
    const zone = displayTimeZoneOf(input.after.settings);
    const isAction = (r: ScheduleResource) => r.type === SCHEDULED_ACTION_TYPE;
    const out: ScheduledActionChange[] = [];
    for (const r of input.added.filter(isAction)) {
        const to = scheduledActionState(r, input.after.settings);
        const name = scheduledActionName(r);
        out.push({ change: "added", name, urn: r.urn, from: null, to, line: wholeLine("+", name, to, zone) });
    }
    for (const r of input.removed.filter(isAction)) {
        const from = scheduledActionState(r, input.before.settings);
        const name = scheduledActionName(r);
        out.push({ change: "removed", name, urn: r.urn, from, to: null, line: wholeLine("-", name, from, zone) });
    }
    for (const c of input.changed.filter((c) => isAction(c.after))) {
        const from = scheduledActionState(c.before, input.before.settings);
        const to = scheduledActionState(c.after, input.after.settings);
        const name = scheduledActionName(c.after);
        out.push({ change: "changed", name, urn: c.after.urn, from, to, line: changedLine(name, from, to, zone, c.paths) });
    }
    const rank = { removed: 0, changed: 1, added: 2 } as const;
    const at = (c: ScheduledActionChange) => (c.to ?? c.from)!.startTime;
    return out.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : rank[a.change] - rank[b.change] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}
