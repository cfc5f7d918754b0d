/**
 * The match-day capacity plan as the platform team writes it in the stack config: a
 * list of fixtures and the sizing rules that turn each into a floor of instances.
 * This module holds the pre-flight checks that run before anything is declared (the
 * input's types are in planInput.ts, the defaults and ranges in planDefaults.ts; both are
 * re-exported here). Messages name the plan's settings as `names` says: the plan's
 * field names, or the config layer's keys. Pure: no clock, no I/O.
 */
import { actionNameStem, scheduledActionName } from "./actionNames";
import { LARGE_FLEET_INSTANCES, largerInstanceSuggestion } from "./instanceSizing";
import { fixtureKickoff, fixtureKickoffProblem, formatUtcSecond, KICKOFF_EXAMPLE, kickoffHorizonProblem, LOCAL_KICKOFF_EXAMPLE, timeZoneProblem } from "./kickoffTime";
import { demandShareAt } from "./audience";
import { DEFAULT_MATCH_WINDOW_MINUTES, DEFAULT_MINIMUM_LEAD_MINUTES, DEFAULT_PRE_WARM_LEAD_MINUTES, DEFAULT_RELEASE_DELAY_MINUTES, DEFAULT_SURGE_FACTOR, PLAN_RANGES, DEFAULT_HEADROOM_PERCENT } from "./planDefaults";
import type { PlanRange } from "./planDefaults";
import { ceilTolerant, requiredInstances } from "./instanceMaths";
import { PLAN_FIELD_NAMES } from "./planInput";
import type { CapacityPlanInput, Fixture, SettingNames } from "./planInput";
import { nearestName } from "../text/suggest";

export * from "./planDefaults";
export { PLAN_FIELD_NAMES } from "./planInput";
export type { CapacityPlanInput, Fixture, PlanSetting, SettingNames } from "./planInput";

/** `1.0`, `1.5`, `1.25`: a surge factor as labels and file names show it. */
export function formatSurge(surge: number): string {
    const two = surge.toFixed(2);
    return two.endsWith("0") ? surge.toFixed(1) : two;
}

/** Whether two surge factors are the same (to a billionth). */
export function sameSurge(a: number, b: number): boolean {
    return Math.abs(a - b) < 1e-9;
}

/** The surge factors a fixture asks to be covered: 1.0 (the expected audience) and its surgeFactor. */
export function askedSurges(fixture: Fixture): number[] {
    const factor = fixture.surgeFactor ?? DEFAULT_SURGE_FACTOR;
    return sameSurge(factor, 1) ? [1] : [1, factor];
}

/** A problem with the plan, naming the fixture and the key, for the person editing the config. */
export interface FixtureProblem {
    /** The fixture's name, `"fixtures[3]"` when it has none, or `"(all)"` for a plan-wide setting. */
    fixture: string;
    /** The offending key, e.g. `"kickoff"` or `"viewersPerInstance"`. */
    key: string;
    /** The offending value as text, when there is one. */
    value?: string;
    /**
     * The value as the operator typed it, for the problem line: a number bare (`420000`),
     * text quoted (`"420k"`). Without it the line quotes {@link value}.
     */
    literal?: string;
    /** What is wrong and what is allowed. */
    message: string;
}

/** Label of a problem that concerns the whole plan rather than one fixture. */
export const ALL_FIXTURES = "(all)";

/** Fields a fixture may have in the config. */
export const FIXTURE_FIELDS: readonly (keyof Fixture)[] = ["name", "kickoff", "expectedPeakViewers", "surgeFactor", "timeZone"];

/** How a fixture is named in problems: its name, or its position when it has none. */
function fixtureLabel(f: { name?: unknown }, index: number): string {
    return typeof f.name === "string" && f.name.trim() !== "" ? f.name : `fixtures[${index}]`;
}

/** A value as text for {@link FixtureProblem.value}. */
function show(value: unknown): string {
    if (typeof value === "string") return value;
    // Stryker disable next-line ConditionalExpression: equivalent, the last line gives "undefined" too; said here for the reader
    if (value === undefined) return "undefined";
    if (typeof value === "number") return String(value);
    return JSON.stringify(value) ?? String(value);
}

/** A value as the stack file has it: numbers and booleans bare, text and the rest as JSON (text quoted). */
function typed(value: unknown): string {
    // JSON writes booleans bare already, but NaN and Infinity as null.
    if (typeof value === "number") return String(value);
    return JSON.stringify(value) ?? String(value);
}

/** The problem's value for a raw value, with its literal when quoting the value would not show what was typed; nothing when there is none. */
function valueOf(value: unknown): { value?: string; literal?: string } {
    if (value === undefined) return {};
    const literal = typed(value);
    return literal === JSON.stringify(show(value)) ? { value: show(value) } : { value: show(value), literal };
}

/**
 * The number a text means when it can mean only one: digits with an optional decimal
 * point (`"420000"`, `"1.5"`), thousands in groups of three with one separator, a comma,
 * a space or an underscore (`"420,000"`, `"420 000"`), or a k (thousand) or m (million)
 * suffix (`"420k"`, `"1.2m"`). Else undefined: `"420.000"` and `"1,5"` read differently
 * in different countries, and a sign or an exponent is not what anyone types for an audience.
 */
export function unambiguousNumber(text: string): number | undefined {
    const t = text.trim();
    // One dot group is enough to refuse: with two or more dots no pattern below reads the text.
    if (/^\d{1,3}\.\d{3}$/.test(t)) return undefined;
    if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
    const grouped = /^\d{1,3}((,\d{3})+|( \d{3})+|(\u00a0\d{3})+|(\u202f\d{3})+|(_\d{3})+)$/.exec(t);
    if (grouped !== null) return Number(t.replace(/\D/g, ""));
    const suffixed = /^(\d+(\.\d+)?) ?([kKmM])$/.exec(t);
    if (suffixed !== null) {
        const n = Number(suffixed[1]) * (suffixed[3].toLowerCase() === "k" ? 1e3 : 1e6);
        // 1.2 x 1e6 is 1199999.9999999998 in binary floating point.
        return Number(n.toPrecision(12));
    }
    return undefined;
}

/** "; write 420000" when `raw` is text that means one number `allowed` accepts, else "". */
function writeInstead(raw: unknown, allowed: (n: unknown) => boolean): string {
    const n = typeof raw === "string" ? unambiguousNumber(raw) : undefined;
    return allowed(n) ? `; write ${n}` : "";
}

/** Whole numbers from min to max (inclusive). */
function isWholeIn(value: unknown, min: number, max: number): value is number {
    // Number.isInteger is false for anything but a number: it does not convert text.
    return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/** Finite numbers from min to max (inclusive). */
function isNumberIn(value: unknown, min: number, max: number): value is number {
    // Number.isFinite is false for anything but a number: it does not convert text.
    return Number.isFinite(value) && (value as number) >= min && (value as number) <= max;
}

/** Whole numbers in a plan range. */
function isWholeInRange(value: unknown, range: PlanRange): value is number {
    return isWholeIn(value, range.min, range.max);
}

/** Finite numbers in a plan range. */
function isNumberInRange(value: unknown, range: PlanRange): value is number {
    return isNumberIn(value, range.min, range.max);
}

const surgeRange = PLAN_RANGES.surgeFactor;

/**
 * Every problem with a capacity plan, all at once, each naming the fixture (or
 * `"(all)"`) and the key. An empty list means {@link planCapacitySchedule} may run.
 *
 * Checked: the plan-wide settings (a per-instance capacity of zero or less; headroom
 * 0-200 %; whole-minute timings in range; at least 2 availability zones; baseline
 * minimum within the maximum), and per fixture: a name, unique and not colliding with
 * another fixture's scheduled action name; a time zone the runtime knows, when one is
 * given; a kickoff that names one instant ({@link fixtureKickoff}: an explicit offset,
 * or local time in the fixture's zone, not in a daylight-saving gap or overlap, and an
 * offset the zone has then); with `now`, a kickoff at most
 * 400 days (`MAX_KICKOFF_HORIZON_DAYS`) ahead (further is most likely a wrong year);
 * an expected audience (a whole number above 0); a surge factor from 1 to 10; and a
 * required floor ({@link requiredInstances}) within the group's maximum, the config
 * key `maxSize` (above {@link LARGE_FLEET_INSTANCES} instances, with a larger instance
 * size suggested when {@link CapacityPlanInput.instanceType} is known). With
 * {@link CapacityPlanInput.targetUtilisation} (above 0, below 1), also what target
 * tracking asks for at each fixture's planned surge ({@link surgeProblems}) within the
 * group's maximum.
 *
 * A fixture whose name an earlier entry already has is one problem, the duplicate name,
 * and is left out of every other check: the same match entered twice must not add its
 * audience twice. With `parsed` ({@link parseFixtureList}: the list had entries too
 * malformed to read), fixtures are named by their place in the whole list, a readable
 * fixture that repeats an unreadable one's name is the duplicate (and the other way
 * round), and the sums of concurrent fixtures wait: each fixture is checked alone, and
 * one problem on `fixtures` ({@link COMBINED_CHECKS_WAIT}) says so.
 *
 * The ranges are {@link PLAN_RANGES}. Messages name the plan's settings with `names`:
 * by default the plan's own fields (`groupMaxSize`); the config layer passes its keys
 * (`kgsports:maxSize`, stacks/config/matchday.ts).
 */
export function checkCapacityPlan(input: CapacityPlanInput, now?: Date, parsed?: ParsedFixtureList, names: SettingNames = PLAN_FIELD_NAMES): FixtureProblem[] {
    const problems: FixtureProblem[] = [];
    const plan = (key: string, value: unknown, message: string) =>
        problems.push({ fixture: ALL_FIXTURES, key, value: show(value), ...valueOf(value), message });

    const vpiOk = isNumberIn(input.viewersPerInstance, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER);
    if (!vpiOk) {
        plan("viewersPerInstance", input.viewersPerInstance,
            "must be above 0: the concurrent viewers one instance serves, from the load test; with 0 no number of instances covers any audience");
    }
    const { headroomPercent: headroom, preWarmLeadMinutes: lead, matchWindowMinutes: match, releaseDelayMinutes: release } = PLAN_RANGES;
    const headroomOk = isNumberInRange(input.headroomPercent, headroom);
    if (!headroomOk) plan("headroomPercent", input.headroomPercent, `allowed: a percentage from ${headroom.min} to ${headroom.max} (e.g. ${DEFAULT_HEADROOM_PERCENT})`);
    const leadOk = isWholeInRange(input.preWarmLeadMinutes, lead);
    const matchOk = isWholeInRange(input.matchWindowMinutes, match);
    const releaseOk = isWholeInRange(input.releaseDelayMinutes, release);
    const timingOk = leadOk && matchOk && releaseOk;
    if (!leadOk) {
        plan("preWarmLeadMinutes", input.preWarmLeadMinutes, `allowed: whole minutes from ${lead.min} to ${lead.max} (default ${DEFAULT_PRE_WARM_LEAD_MINUTES}); a cold instance needs about 5 minutes to serve`);
    }
    if (!matchOk) {
        plan("matchWindowMinutes", input.matchWindowMinutes, `allowed: whole minutes from ${match.min} to ${match.max} (default ${DEFAULT_MATCH_WINDOW_MINUTES}: extra time and penalties)`);
    }
    if (!releaseOk) {
        plan("releaseDelayMinutes", input.releaseDelayMinutes, `allowed: whole minutes from ${release.min} to ${release.max} (default ${DEFAULT_RELEASE_DELAY_MINUTES})`);
    }
    const azOk = isWholeIn(input.availabilityZoneCount, 2, 6);
    if (!azOk) {
        plan("availabilityZoneCount", input.availabilityZoneCount,
            "allowed: a whole number from 2 to 6; the floor is sized to survive the loss of one zone, which needs at least 2");
    }
    const maxOk = isWholeIn(input.groupMaxSize, 1, Number.MAX_SAFE_INTEGER);
    if (!maxOk) plan("groupMaxSize", input.groupMaxSize, "allowed: a whole number of instances, at least 1");
    if (!isWholeIn(input.baselineMinSize, 0, maxOk ? input.groupMaxSize : Number.MAX_SAFE_INTEGER)) {
        plan("baselineMinSize", input.baselineMinSize, `allowed: a whole number of instances from 0 to the group's maximum${maxOk ? ` (${input.groupMaxSize})` : ""}`);
    }
    const utilisationOk = input.targetUtilisation === undefined || (isNumberIn(input.targetUtilisation, Number.MIN_VALUE, 1) && input.targetUtilisation < 1);
    if (!utilisationOk) {
        plan("targetUtilisation", input.targetUtilisation,
            "allowed: target tracking's target as a share of an instance's load-tested limit, above 0 and below 1 (targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute))");
    }
    const minimumLead = PLAN_RANGES.minimumLeadMinutes;
    if (input.minimumLeadMinutes !== undefined && !isWholeInRange(input.minimumLeadMinutes, minimumLead)) {
        plan("minimumLeadMinutes", input.minimumLeadMinutes, `allowed: whole minutes from ${minimumLead.min} to ${minimumLead.max} (default ${DEFAULT_MINIMUM_LEAD_MINUTES})`);
    }

    if (!Array.isArray(input.fixtures)) {
        plan("fixtures", input.fixtures, "must be a list of fixtures");
        return problems;
    }

    // Where each fixture is in the config's list: entries parseFixtures left out shift the rest.
    const position = (index: number) => parsed?.positions[index] ?? index;
    const unreadable = parsed?.unreadable ?? [];
    // The first entry of each name, over the whole list (readable or not): a later entry of
    // the same name is the duplicate, and only that is said about it.
    type Entry = { index: number; name?: unknown; kickoff?: unknown; timeZone?: unknown };
    const firstByName = new Map<unknown, Entry>();
    for (const entry of [...input.fixtures.map((f, index): Entry => ({ index: position(index), name: f.name, kickoff: f.kickoff, timeZone: f.timeZone })), ...unreadable].sort((a, b) => a.index - b.index)) {
        // Every name, harmlessly: only non-blank text names are looked up (a missing or blank name is its own problem).
        if (!firstByName.has(entry.name)) firstByName.set(entry.name, entry);
    }
    // Both entries by place and kickoff as typed: the name alone cannot tell the operator which one is new.
    const entryText = (e: Entry) => {
        const zone = typeof e.timeZone === "string" && e.timeZone.trim() !== "" ? `, ${e.timeZone}` : "";
        return `fixtures[${e.index}] (${typeof e.kickoff === "string" ? `kickoff ${JSON.stringify(e.kickoff)}${zone}` : "kickoff not readable"})`;
    };
    const duplicate = (name: string, later: Entry) =>
        `duplicate fixture name: ${entryText(firstByName.get(name)!)} and ${entryText(later)} are both named ${JSON.stringify(name)}; names identify scheduled actions and must be unique: rename one`;
    for (const entry of unreadable) {
        if (entry.name !== undefined && firstByName.get(entry.name)!.index < entry.index) {
            problems.push({ fixture: entry.name, key: "name", value: entry.name, message: duplicate(entry.name, entry) });
        }
    }
    const firstByStem = new Map<string, string>();
    /** Fixtures whose audience and kickoff are readable: what target tracking is checked on. */
    const surging: SurgingFixture[] = [];
    input.fixtures.forEach((f, index) => {
        const label = fixtureLabel(f, position(index));
        const add = (key: string, value: unknown, message: string) =>
            problems.push({ fixture: label, key, ...valueOf(value), message });

        if (typeof f.name !== "string" || f.name.trim() === "") {
            add("name", f.name, "required: a unique, non-empty name; the scheduled actions are named after it");
        } else if (firstByName.get(f.name)!.index < position(index)) {
            // The same match entered twice: its audience must not count twice in the sums below.
            add("name", f.name, duplicate(f.name, { index: position(index), kickoff: f.kickoff, timeZone: f.timeZone }));
            return;
        } else {
            const stem = actionNameStem(f.name);
            const other = firstByStem.get(stem);
            if (other !== undefined) {
                add("name", f.name, `gives the same scheduled action name as fixture "${other}" (${scheduledActionName("prewarm", [f.name])}); make the names differ in letters or digits`);
            } else {
                firstByStem.set(stem, f.name);
            }
        }

        let zoneOk = true;
        if (f.timeZone !== undefined) {
            const why = typeof f.timeZone === "string" ? timeZoneProblem(f.timeZone) : `must be a string, an IANA time zone name such as "Europe/Paris"`;
            if (why !== undefined) {
                zoneOk = false;
                add("timeZone", f.timeZone, why);
            }
        }
        if (typeof f.kickoff !== "string") {
            add("kickoff", f.kickoff, `${f.kickoff === undefined ? "required" : "must be a string"}: an ISO 8601 date and time with its UTC offset, e.g. "${KICKOFF_EXAMPLE}", or the local time with timeZone`);
        } else if (zoneOk) {
            // With an unknown zone the kickoff cannot be read; the timeZone problem says why.
            const at = fixtureKickoff(f);
            const why = at === undefined ? fixtureKickoffProblem(f, input.displayTimeZone) : now === undefined ? undefined : kickoffHorizonProblem(at, now);
            if (why !== undefined) add("kickoff", f.kickoff, why);
        }

        const peakOk = isWholeIn(f.expectedPeakViewers, 1, Number.MAX_SAFE_INTEGER);
        if (!peakOk) {
            add("expectedPeakViewers", f.expectedPeakViewers,
                f.expectedPeakViewers === undefined
                    ? "required: the expected peak of concurrent viewers, a whole number above 0; without an audience there is nothing to size"
                    : "allowed: the expected peak of concurrent viewers, a whole number above 0");
        }
        const surgeOk = f.surgeFactor === undefined || isNumberInRange(f.surgeFactor, surgeRange);
        if (!surgeOk) add("surgeFactor", f.surgeFactor, `allowed: a planning multiplier from ${surgeRange.min} to ${surgeRange.max} (default ${DEFAULT_SURGE_FACTOR})`);
        // No instant for a kickoff that is not text or a zone that is not known (the problems above say why).
        const kickoffAt = fixtureKickoff(f);
        // A fixture whose window has ended gets no schedule (the plan lists it as past), so it
        // is not sized: "raise maxSize" would send the operator the wrong way when the year is wrong.
        const ended = now !== undefined && kickoffAt !== undefined && timingOk &&
            kickoffAt.getTime() + (input.matchWindowMinutes + input.releaseDelayMinutes) * MINUTE_MS <= now.getTime();
        if (peakOk && surgeOk && kickoffAt !== undefined && !ended) {
            surging.push({ label, peak: f.expectedPeakViewers, surge: f.surgeFactor ?? DEFAULT_SURGE_FACTOR, kickoff: kickoffAt.getTime() });
        }

        if (peakOk && surgeOk && vpiOk && headroomOk && azOk && maxOk && !ended) {
            const surge = f.surgeFactor ?? DEFAULT_SURGE_FACTOR;
            const floor = requiredInstances(f.expectedPeakViewers, surge, input.viewersPerInstance, input.headroomPercent, input.availabilityZoneCount);
            if (floor > input.groupMaxSize) {
                const maxKey = names("groupMaxSize");
                let larger = "";
                if (floor > LARGE_FLEET_INSTANCES) {
                    const suggestion = input.instanceType === undefined ? undefined : largerInstanceSuggestion(input.instanceType, input.viewersPerInstance,
                        (vpi) => requiredInstances(f.expectedPeakViewers, surge, vpi, input.headroomPercent, input.availabilityZoneCount), names);
                    larger = suggestion === undefined
                        ? `, use a larger instance type with its own load-tested ${names("viewersPerInstance")}`
                        : `, use larger instances, e.g. ${suggestion.text}`;
                }
                add("expectedPeakViewers", f.expectedPeakViewers,
                    `needs ${floor} instances at kickoff (${f.expectedPeakViewers} viewers x surge ${surge} + ${input.headroomPercent} % headroom, ` +
                    `${input.viewersPerInstance} per instance, sized to survive losing 1 of ${input.availabilityZoneCount} zones), ` +
                    `above ${maxKey} = ${input.groupMaxSize}; raise ${maxKey} to at least ${floor} (and check the account's EC2 vCPU quota)${larger}` +
                    `${larger === "" ? "" : ","} or lower the plan (expectedPeakViewers, surgeFactor, ${names("headroomPercent")})`);
            }
        }
    });
    // An unreadable entry's kickoff and time zone, when they are text: checked now, not after its other fields are fixed.
    for (const entry of unreadable) {
        if (entry.kickoff === undefined || (entry.name !== undefined && firstByName.get(entry.name)!.index < entry.index)) continue;
        // Stryker disable next-line ConditionalExpression: equivalent, a timeZone of undefined is no time zone to the check
        const alone: Fixture = { name: entry.name ?? "", kickoff: entry.kickoff, expectedPeakViewers: 1, ...(entry.timeZone !== undefined ? { timeZone: entry.timeZone } : {}) };
        const unsized = { ...input, fixtures: [alone], viewersPerInstance: Number.NaN, targetUtilisation: undefined };
        const place: ParsedFixtureList = {
            positions: [entry.index],
            // Stryker disable next-line ArrayDeclaration: equivalent, an unreadable entry in the inner check changes only the sums and the wait notice, both filtered out
            unreadable: [],
        };
        problems.push(...checkCapacityPlan(unsized, now, place, names).filter((p) => p.key === "kickoff" || p.key === "timeZone"));
    }
    if (input.targetUtilisation !== undefined && utilisationOk && vpiOk && maxOk && timingOk) {
        const tracked = input as CapacityPlanInput & { targetUtilisation: number };
        // With an unreadable entry the sums of concurrent audiences would be short of it: each fixture alone until then.
        problems.push(...(unreadable.length === 0 ? surgeProblems(surging, tracked, names) : surging.flatMap((f) => surgeProblems([f], tracked, names))));
    }
    if (unreadable.length > 0 && input.fixtures.length + unreadable.length > 1) {
        problems.push({ fixture: ALL_FIXTURES, key: "fixtures", message: COMBINED_CHECKS_WAIT });
    }
    return problems;
}

/** An entry {@link parseFixtureList} left out: where it is, and the fields of it that are readable. */
export interface UnreadableFixture {
    index: number;
    /** Its name, when it is non-empty text. */
    name?: string;
    /** Its kickoff and time zone, when both are text (or the zone absent): they are checked in the same run. */
    kickoff?: string;
    timeZone?: string;
}

/** Said once when an unreadable fixture holds back the checks that add fixtures up. */
export const COMBINED_CHECKS_WAIT =
    "combined checks of concurrent fixtures (their audiences added up against maxSize) run once the fixtures above are fixed";

/** What {@link parseFixtures} left out, so {@link checkCapacityPlan} names the rest by their place in the config's list. */
export interface ParsedFixtureList {
    /** Each readable fixture's index in the config's list, in the order of `fixtures`. */
    positions: readonly number[];
    /** The entries left out for a problem of shape or type: their index, and their name when it is text. */
    unreadable: readonly UnreadableFixture[];
}

/** A fixture whose audience and kickoff are readable, for {@link surgeProblems}. */
interface SurgingFixture {
    label: string;
    peak: number;
    surge: number;
    /** Kickoff, epoch milliseconds. */
    kickoff: number;
}

const MINUTE_MS = 60_000;

/**
 * What target tracking asks for at the planned surge, against the group's maximum:
 * `ceil(viewers / (viewersPerInstance x targetUtilisation))` instances. For one fixture
 * viewers is its planned peak, `expectedPeakViewers x surgeFactor`. During the surge
 * target tracking cannot go above `maxSize`, so a maximum below that holds the fleet
 * above its target, towards saturation, exactly when the audience is largest.
 *
 * Concurrent fixtures add up the way the schedule's floor does (`planCapacitySchedule`):
 * fixtures whose windows (pre-warm to release, `[kickoff - preWarmLead, kickoff +
 * matchWindow + releaseDelay)`) overlap form one group, and minute by minute each adds
 * its planned peak times its audience's share then ({@link demandShareAt}, the demand
 * model of the schedule and the simulation, with extra time: the longest high audience).
 * A fixture alone reaches its full planned peak (share 1), so for it this is the formula
 * above. One problem per group whose busiest minute is too large, on the fixture with
 * the largest audience then (the earlier kickoff on a tie), naming the others.
 */
function surgeProblems(fixtures: readonly SurgingFixture[], input: CapacityPlanInput & { targetUtilisation: number }, names: SettingNames): FixtureProblem[] {
    const windows = fixtures
        .map((f) => ({
            ...f,
            from: f.kickoff - input.preWarmLeadMinutes * MINUTE_MS,
            to: f.kickoff + (input.matchWindowMinutes + input.releaseDelayMinutes) * MINUTE_MS,
            viewers: f.peak * f.surge,
        }));
    // Every window is as long (the timings are plan-wide): by start is by kickoff, and by end.
    // Stryker disable next-line EqualityOperator: equivalent, labels are unique (a duplicate name is left out), so < and <= agree
    windows.sort((a, b) => a.from - b.from || (a.label < b.label ? -1 : 1));
    // Groups: runs of windows that overlap (touching windows do not: one's release is the other's pre-warm).
    // The first window starts a group, as nothing ends after -infinity; the last window to start ends last.
    const groups: (typeof windows)[] = [];
    let groupEnd = Number.NEGATIVE_INFINITY;
    for (const w of windows) {
        if (w.from < groupEnd) groups[groups.length - 1].push(w);
        else groups.push([w]);
        groupEnd = w.to;
    }
    const perInstance = input.viewersPerInstance * input.targetUtilisation;
    const maxKey = names("groupMaxSize");
    const u = Number(input.targetUtilisation.toFixed(3));
    const shown = (n: number) => Number(n.toFixed(1));
    const problems: FixtureProblem[] = [];
    for (const members of groups) {
        // The busiest minute: for one fixture its peak; for several, their audiences added up.
        let worst = { at: members[0].kickoff, viewers: members[0].viewers, parts: [{ w: members[0], viewers: members[0].viewers }] };
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, scanning one fixture finds its peak (share 1) as its busiest minute
        if (members.length > 1) {
            // Stryker disable next-line ArrayDeclaration: equivalent, the first minute's sum replaces these
            worst = { at: 0, viewers: Number.NEGATIVE_INFINITY, parts: [] };
            const from = Math.min(...members.map((m) => m.from));
            const to = Math.max(...members.map((m) => m.to));
            // Stryker disable next-line EqualityOperator: equivalent, at the last window's end no fixture is on (each counts up to, not at, its end)
            for (let t = from; t < to; t += MINUTE_MS) {
                const parts = members
                    .filter((m) => m.from <= t && t < m.to)
                    .map((m) => ({ w: m, viewers: m.viewers * demandShareAt((t - m.kickoff) / MINUTE_MS, { extraTime: true }) }));
                const viewers = parts.reduce((sum, x) => sum + x.viewers, 0);
                if (viewers > worst.viewers) worst = { at: t, viewers, parts };
            }
        }
        const needed = ceilTolerant(worst.viewers / perInstance);
        if (needed <= input.groupMaxSize) continue;
        // On a tie the earlier kickoff stays first: parts are in kickoff order and the sort is stable.
        const parts = [...worst.parts].sort((a, b) => b.viewers - a.viewers);
        const main = parts[0].w;
        const audience = parts.length === 1
            ? `${main.peak} viewers x surge ${main.surge}`
            : `at ${formatUtcSecond(new Date(worst.at))} the audiences of ${parts.map((x) => `"${x.w.label}" (${shown(x.viewers)} of ${shown(x.w.viewers)})`).join(" and ")} ` +
              `add up to ${shown(worst.viewers)} viewers`;
        const atMax = shown((100 * worst.viewers) / (input.groupMaxSize * input.viewersPerInstance));
        problems.push({
            fixture: main.label,
            key: "expectedPeakViewers",
            value: String(main.peak),
            literal: String(main.peak),
            message:
                `at its planned surge target tracking asks for ${needed} instances (${audience}, ` +
                `${input.viewersPerInstance} per instance at a target utilisation of ${u}), above ${maxKey} = ${input.groupMaxSize}; ` +
                `target tracking is capped at ${maxKey} during the surge, so the fleet runs at ${atMax} % of its load-tested limit, not the ${shown(u * 100)} % it aims for; ` +
                `raise ${maxKey} to at least ${needed} (and check the account's EC2 vCPU quota), or lower the plan (expectedPeakViewers, surgeFactor)`,
        });
    }
    return problems;
}

/**
 * Reads the fixture list from the JSON-parsed stack config value (`config.getObject`),
 * checking shape and types only; {@link checkCapacityPlan} checks the values. An
 * absent value (`undefined` or `null`) means no fixtures. Rejected: a value that is
 * not a list, an entry that is not an object, unknown fields (with a did-you-mean),
 * missing required fields and fields of the wrong type. Entries with a problem are
 * left out of `fixtures`; {@link parseFixtureList} says which, so that
 * {@link checkCapacityPlan} can check the others in the same run.
 */
export function parseFixtures(raw: unknown): { fixtures: Fixture[]; problems: FixtureProblem[] } {
    const { fixtures, problems } = parseFixtureList(raw);
    return { fixtures, problems };
}

/** {@link parseFixtures}, with where each readable fixture sits in the list and which entries it left out, for {@link checkCapacityPlan}. */
export function parseFixtureList(raw: unknown): { fixtures: Fixture[]; problems: FixtureProblem[] } & ParsedFixtureList {
    const fixtures: Fixture[] = [];
    const problems: FixtureProblem[] = [];
    const positions: number[] = [];
    const unreadable: UnreadableFixture[] = [];
    if (raw === undefined || raw === null) return { fixtures, problems, positions, unreadable };
    if (!Array.isArray(raw)) {
        problems.push({
            fixture: ALL_FIXTURES,
            key: "fixtures",
            ...valueOf(raw),
            message: `must be a list of fixtures (a YAML sequence of objects with ${FIXTURE_FIELDS.join(", ")}), got ${describeType(raw)}`,
        });
        return { fixtures, problems, positions, unreadable };
    }
    raw.forEach((entry: unknown, index) => {
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push({
                fixture: `fixtures[${index}]`,
                key: "(fixture)",
                ...valueOf(entry),
                message: `must be an object with ${FIXTURE_FIELDS.join(", ")}, got ${describeType(entry)}`,
            });
            unreadable.push({ index });
            return;
        }
        const record = entry as Record<string, unknown>;
        const label = fixtureLabel(record, index);
        const before = problems.length;
        const add = (key: string, value: unknown, message: string) =>
            problems.push({ fixture: label, key, ...valueOf(value), message });

        for (const key of Object.keys(record)) {
            if ((FIXTURE_FIELDS as readonly string[]).includes(key)) continue;
            const near = nearestName(key, FIXTURE_FIELDS as readonly string[]);
            add(key, record[key], near ? `unknown field; did you mean ${near}?` : `unknown field; allowed are ${FIXTURE_FIELDS.join(", ")}`);
        }
        if (record.name === undefined) add("name", undefined, "required: a unique, non-empty name");
        else if (typeof record.name !== "string") add("name", record.name, `must be a string, got ${describeType(record.name)}`);
        if (record.kickoff === undefined) {
            add("kickoff", undefined, `required: an ISO 8601 date and time with its UTC offset, e.g. "${KICKOFF_EXAMPLE}", or the local time such as "${LOCAL_KICKOFF_EXAMPLE}" with timeZone`);
        } else if (typeof record.kickoff !== "string") {
            add("kickoff", record.kickoff, `must be a string such as "${KICKOFF_EXAMPLE}" (quote it in YAML), got ${describeType(record.kickoff)}`);
        }
        if (record.expectedPeakViewers === undefined) {
            add("expectedPeakViewers", undefined, "required: the expected peak of concurrent viewers, a whole number above 0");
        } else if (typeof record.expectedPeakViewers !== "number") {
            const write = writeInstead(record.expectedPeakViewers, (n) => isWholeIn(n, 1, Number.MAX_SAFE_INTEGER));
            add("expectedPeakViewers", record.expectedPeakViewers, `must be a number (unquoted)${write || `, got ${describeType(record.expectedPeakViewers)}`}`);
        }
        if (record.surgeFactor !== undefined && typeof record.surgeFactor !== "number") {
            const write = writeInstead(record.surgeFactor, (n) => isNumberInRange(n, surgeRange));
            add("surgeFactor", record.surgeFactor, `must be a number from ${surgeRange.min} to ${surgeRange.max} (unquoted)${write || `, got ${describeType(record.surgeFactor)}`}`);
        }
        if (record.timeZone !== undefined && typeof record.timeZone !== "string") {
            add("timeZone", record.timeZone, `must be a string, an IANA time zone name such as "Europe/Paris" or "Asia/Seoul", got ${describeType(record.timeZone)}`);
        }
        if (problems.length > before) {
            // The value checks name a blank name, but never see an unreadable entry: said here, in the same run.
            if (typeof record.name === "string" && record.name.trim() === "") add("name", record.name, "required: a unique, non-empty name; the scheduled actions are named after it");
            const timed = typeof record.kickoff === "string" && (record.timeZone === undefined || typeof record.timeZone === "string");
            unreadable.push({
                index,
                ...(typeof record.name === "string" && record.name.trim() !== "" ? { name: record.name } : {}),
                ...(timed ? { kickoff: record.kickoff as string } : {}),
                // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a timeZone of undefined, or one without a kickoff, is never read
                ...(timed && record.timeZone !== undefined ? { timeZone: record.timeZone as string } : {}),
            });
        } else {
            positions.push(index);
            fixtures.push({
                name: record.name as string,
                kickoff: record.kickoff as string,
                expectedPeakViewers: record.expectedPeakViewers as number,
                ...(record.surgeFactor === undefined ? {} : { surgeFactor: record.surgeFactor as number }),
                ...(record.timeZone === undefined ? {} : { timeZone: record.timeZone as string }),
            });
        }
    });
    return { fixtures, problems, positions, unreadable };
}

/** "a string", "a list", "null", ... for messages. */
function describeType(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (value instanceof Date) return "a date (unquoted YAML timestamp)";
    const t = typeof value;
    return t === "object" ? "an object" : `a ${t}`;
}

/** Problems as lines for a person: `  - fixture "X", kickoff = "...": message`. */
export function formatFixtureProblems(problems: readonly FixtureProblem[]): string {
    return problems
        .map((p) => {
            const who = p.fixture === ALL_FIXTURES ? "capacity plan" : `fixture "${p.fixture}"`;
            const what = p.value === undefined ? p.key : `${p.key} = ${p.literal ?? JSON.stringify(p.value)}`;
            return `  - ${who}, ${what}: ${p.message}`;
        })
        .join("\n");
}

