/**
 * The matchday deploy freeze: may a deploy of the stack run at `now`? Decided from the
 * same schedule, fleet size and refresh estimate the program itself uses to freeze the
 * launch template ({@link decideLaunchTemplateFreeze}): a deploy is refused from a
 * window's pre-warm minus the time a rolling instance refresh of the fleet takes, until
 * the window's release (and on, while the next window's freeze has already begun). Pure:
 * the clock, the config and the override come in; a typed verdict and its lines go out.
 * `npm run freeze-check` (stacks/cli/freezeCheck.ts) is the shell around it.
 */
import { DEFAULT_MINIMUM_LEAD_MINUTES } from "../capacity/planDefaults";
import { formatInstant } from "../capacity/displayTime";
import { highestFloorBetween, MatchWindow, PastFixture } from "../capacity/schedule";
import { decideLaunchTemplateFreeze, groupCapacityAt } from "../config/matchday";
import type { PlatformSettings } from "../config/settings";
import { PROJECT } from "../config/project";

const MINUTE_MS = 60_000;

/** What the freeze is decided from. */
export interface FreezeInput {
    stack: string;
    /** The deploy's clock. */
    now: Date;
    /** Fixtures in the stack's config, past ones included (0: the stack has none). */
    fixtureCount: number;
    /** The match windows a deploy at `now` acts on (in progress or upcoming), in time order, as the schedule plans them. */
    windows: readonly MatchWindow[];
    /** The configured sizes (`minSize`, `desiredCapacity`, `maxSize`), before any match floor. */
    sizes: { min: number; desired: number; max: number };
    /** The group's instance warmup: a refresh waits this long after each batch. */
    instanceWarmupSeconds: number;
    /** IANA zone times are shown in, next to UTC. */
    displayTimeZone: string;
    /** How far ahead of a window a deploy already declares its floor (the schedule's minimum lead). Default 30. */
    minimumLeadMinutes?: number;
    /** `--override <reason>`: undefined when not given, `""` when given without a reason. */
    override?: string;
    /** Who asked for the override (the GitHub actor), for the record. */
    actor?: string;
    /** Fixtures in the config whose windows ended before `now` (the schedule's `pastFixtures`): warned about, never a freeze. */
    pastFixtures?: readonly PastFixture[];
}

/** A span in which no deploy may run: one window's freeze, or several that run into each other. */
export interface FreezePeriod {
    /** The window the freeze is for (the first, when freezes run into each other). */
    window: MatchWindow;
    /** Fixtures of every window in the period, in time order. */
    fixtures: string[];
    /** When the freeze begins: the window's pre-warm minus {@link refreshMinutes}. */
    from: Date;
    /** When a deploy may run again: the last release of the period. */
    until: Date;
    /** Instances a rolling refresh would replace at {@link from}'s decision, and how long it takes (minutes). */
    fleetSize: number;
    refreshMinutes: number;
}

export type FreezeVerdict =
    /** The stack has no fixtures at all (dev): nothing to freeze for. */
    | { kind: "no-fixtures"; allowed: true; line: string; summary: string }
    /** Outside every freeze; `next` is the next one (undefined when no window is ahead). */
    | { kind: "clear"; allowed: true; next: FreezePeriod | undefined; minutesUntilFreeze: number | undefined; override: string | undefined; line: string; summary: string }
    /** Inside a freeze: the deploy is refused. `inWindow`: between pre-warm and release, not only within the refresh time before it. */
    | { kind: "frozen"; allowed: false; freeze: FreezePeriod; inWindow: boolean; line: string; summary: string }
    /** Inside a freeze, let through by an override with a reason. */
    | { kind: "overridden"; allowed: true; freeze: FreezePeriod; inWindow: boolean; reason: string; line: string; summary: string }
    /** `--override` without a reason: refused, whatever the clock says. */
    | { kind: "override-without-reason"; allowed: false; line: string; summary: string };

/** The freeze input of a validated stack: its schedule at the deploy's clock and its configured sizes. */
export function freezeInputFromSettings(
    settings: PlatformSettings,
    sizes: { min: number; desired: number; max: number },
    extra: { override?: string; actor?: string } = {},
): FreezeInput {
    const m = settings.matchday;
    return {
        stack: settings.stack,
        now: m.plannedAt,
        fixtureCount: m.plan.fixtures.length,
        windows: m.schedule.windows,
        sizes,
        instanceWarmupSeconds: settings.web.instanceWarmupSeconds,
        displayTimeZone: m.displayTimeZone,
        minimumLeadMinutes: m.plan.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES,
        pastFixtures: m.schedule.pastFixtures,
        ...(extra.override !== undefined ? { override: extra.override } : {}),
        ...(extra.actor !== undefined ? { actor: extra.actor } : {}),
    };
}


/**
 * Instances a rolling refresh would replace if a deploy ran at `t`: the declared desired
 * or minimum, whichever is larger, with the minimum lifted to the floor of a window in
 * progress or within the minimum lead (as stacks/config/validate.ts declares them).
 */
export function fleetSizeAt(input: FreezeInput, t: number): number {
    const lead = (input.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES) * MINUTE_MS;
    const capacity = groupCapacityAt(input.sizes, highestFloorBetween(input.windows, t, t + lead));
    return Math.max(capacity.min, capacity.desired);
}

/** The program's own decision for a deploy at `t`: the launch template freeze, or undefined. */
function freezeAt(input: FreezeInput, t: number) {
    const fleetSize = fleetSizeAt(input, t);
    const freeze = decideLaunchTemplateFreeze(input.windows, new Date(t), fleetSize, input.instanceWarmupSeconds, input.displayTimeZone);
    return freeze === undefined ? undefined : { ...freeze, fleetSize };
}

/** The freeze in effect at `t`, extended while the next window's freeze has begun by its release. */
function periodFrom(input: FreezeInput, t: number): FreezePeriod | undefined {
    const first = freezeAt(input, t);
    if (first === undefined) return undefined;
    const fixtures = [...first.window.fixtures];
    let until = first.until.getTime();
    for (;;) {
        const next = freezeAt(input, until);
        if (next === undefined || next.until.getTime() <= until) break;
        for (const f of next.window.fixtures) if (!fixtures.includes(f)) fixtures.push(f);
        until = next.until.getTime();
    }
    return { window: first.window, fixtures, from: first.from, until: new Date(until), fleetSize: first.fleetSize, refreshMinutes: first.refreshMinutes };
}

/**
 * The earliest instant at or after `now` at which a deploy would be frozen, or undefined
 * when none is ahead. The fleet size (and so the refresh estimate) only changes where a
 * window's floor comes within the minimum lead, so the candidates are: each window's
 * pre-warm minus the refresh time of each fleet size it can have, the instants its
 * floor steps come within the lead, and its pre-warm itself.
 */
function nextFreezeStart(input: FreezeInput, now: number): number | undefined {
    const lead = (input.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES) * MINUTE_MS;
    const candidates = new Set<number>();
    for (const w of input.windows) {
        const preWarm = w.preWarmAt.getTime();
        candidates.add(preWarm);
        const sizes = new Set<number>([fleetSizeAt(input, now)]);
        for (const s of w.steps) {
            candidates.add(s.at.getTime() - lead);
            sizes.add(fleetSizeAt(input, s.at.getTime()));
        }
        for (const size of sizes) {
            const probe = decideLaunchTemplateFreeze([w], w.preWarmAt, size, input.instanceWarmupSeconds, input.displayTimeZone);
            if (probe !== undefined) candidates.add(probe.from.getTime());
        }
    }
    const ordered = [...candidates].filter((c) => c >= now).sort((a, b) => a - b);
    return ordered.find((c) => freezeAt(input, c) !== undefined);
}

/** `3 d 4 h 10 min`, `2 h 5 min`, `45 min`, `less than a minute`. */
export function formatDuration(ms: number): string {
    const minutes = Math.floor(Math.max(0, ms) / MINUTE_MS);
    if (minutes === 0) return "less than a minute";
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    return [d > 0 ? `${d} d` : "", h > 0 ? `${h} h` : "", m > 0 ? `${m} min` : ""].filter((x) => x !== "").join(" ");
}

/** An override reason on one line, without control characters. */
export function normaliseReason(reason: string): string {
    return reason.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
}

/** Text safe inside a Markdown job summary: no HTML, no accidental formatting. */
function markdownText(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([\\`*_[\]|#])/g, "\\$1");
}

function quoted(names: readonly string[]): string {
    return names.map((n) => `"${n}"`).join(" + ");
}

/**
 * One warning per fixture in the file whose window ended before the deploy's clock:
 * the fixture, its kickoff and window end in UTC and the display zone, and what to do.
 * A wrong year (2026 typed for 2027) lands here, and nothing is scheduled for it; it
 * does not freeze the deploy, and the warning says the verdict stands.
 */
export function pastFixtureWarnings(input: FreezeInput): { lines: string[]; summary: string } {
    const at = (d: Date) => formatInstant(d, input.displayTimeZone);
    const lines = (input.pastFixtures ?? []).map((past) =>
        `warning: fixture "${past.name}" in stack "${input.stack}" is past: kickoff ${at(past.kickoff)}, its window ended ${at(past.releaseAt)}, before now (${at(input.now)}); ` +
        `nothing is scheduled for it; check the year, or remove it from ${PROJECT}:fixtures. A past fixture does not freeze a deploy: the verdict and exit code are unchanged`);
    return { lines, summary: lines.map((line) => `- **Past fixture**: ${markdownText(line.replace(/^warning: /, ""))}\n`).join("") };
}

/** `"UCL final" (pre-warm ..., kickoff ..., release ...)` with every time in UTC and the display zone. */
function describeWindow(w: MatchWindow, zone: string, withRelease: boolean): string {
    const at = (d: Date) => formatInstant(d, zone);
    return `${quoted(w.fixtures)} (pre-warm ${at(w.preWarmAt)}, kickoff ${at(w.kickoff)}${withRelease ? `, release ${at(w.releaseAt)}` : ""})`;
}

/** The freeze a deploy at `input.now` is in or faces next, and whether it may run. */
export function decideDeployFreeze(input: FreezeInput): FreezeVerdict {
    const now = input.now.getTime();
    const zone = input.displayTimeZone;
    const at = (d: Date | number) => formatInstant(new Date(d), zone);
    const stack = `stack "${input.stack}"`;
    const title = `Freeze check: ${input.stack}`;
    const summary = (lines: string[]) => `### ${markdownText(title)}\n\n${lines.join("\n")}\n`;

    if (input.override !== undefined && normaliseReason(input.override) === "") {
        const line = `REFUSED: --override needs a reason (--override "<why this deploy cannot wait>"); ${stack} is not deployed without one`;
        return { kind: "override-without-reason", allowed: false, line, summary: summary([`**Refused**: an override was asked for without a reason.`]) };
    }
    const reason = input.override === undefined ? undefined : normaliseReason(input.override);
    const by = input.actor ? ` by ${input.actor}` : "";

    const overrideNote = reason === undefined ? "" : `; override not needed (reason given${by}: "${reason}")`;

    if (input.fixtureCount === 0) {
        const line = `clear: ${stack} has no fixtures (${PROJECT}:fixtures is empty), so there is no match window and no freeze${overrideNote}`;
        return { kind: "no-fixtures", allowed: true, line, summary: summary([markdownText(line)]) };
    }

    const period = periodFrom(input, now);
    if (period === undefined) {
        const start = nextFreezeStart(input, now);
        const next = start === undefined ? undefined : periodFrom(input, start);
        let line: string;
        if (next === undefined) {
            line = `clear: ${stack} may deploy now (${at(now)}): no match window ahead (${input.fixtureCount === 1 ? "its fixture is" : `all ${input.fixtureCount} fixtures are`} past)${overrideNote}`;
        } else {
            line =
                `clear: ${stack} may deploy now (${at(now)}): the next match window is ${describeWindow(next.window, zone, true)}; ` +
                `the freeze starts at ${at(next.from)} (the pre-warm minus about ${next.refreshMinutes} minutes of rolling instance refresh for ${next.fleetSize} instances), ` +
                `in ${formatDuration(next.from.getTime() - now)}${overrideNote}`;
        }
        return {
            kind: "clear",
            allowed: true,
            next,
            minutesUntilFreeze: next === undefined ? undefined : Math.floor((next.from.getTime() - now) / MINUTE_MS),
            override: reason,
            line,
            summary: summary([markdownText(line)]),
        };
    }

    const inWindow = period.window.preWarmAt.getTime() <= now;
    const what = inWindow
        ? `is inside the match window of ${describeWindow(period.window, zone, true)}`
        : `is in the freeze before ${describeWindow(period.window, zone, true)}: a rolling instance refresh of ${period.fleetSize} instances takes about ` +
          `${period.refreshMinutes} minutes, so a deploy now could still be replacing instances at the pre-warm (the freeze began at ${at(period.from)})`;
    const also = period.fixtures.length > period.window.fixtures.length ? ` (the freeze runs on through ${quoted(period.fixtures.slice(period.window.fixtures.length))})` : "";
    const ends = `the freeze ends at ${at(period.until)}${also}, in ${formatDuration(period.until.getTime() - now)}`;
    if (reason === undefined) {
        const line = `FROZEN: no deploy of ${stack} now (${at(now)}): it ${what}; ${ends}. To deploy anyway, give a reason: --override "<reason>"`;
        return { kind: "frozen", allowed: false, freeze: period, inWindow, line, summary: summary([`**Refused**: ${markdownText(line)}`]) };
    }
    const line = `OVERRIDE: ${stack} deploys now (${at(now)}) although it ${what}; ${ends}. Reason${by}: "${reason}"`;
    return {
        kind: "overridden",
        allowed: true,
        freeze: period,
        inWindow,
        reason,
        line,
        summary: summary([
            `**Freeze overridden**${markdownText(by)}: ${markdownText(`${stack} deploys now (${at(now)}) although it ${what}; ${ends}.`)}`,
            "",
            `> Reason: ${markdownText(reason)}`,
        ]),
    };
}
