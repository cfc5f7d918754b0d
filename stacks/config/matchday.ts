/**
 * The matchday capacity plan as the stack config states it: fixtures and sizing keys
 * become a checked plan, the schedule this deploy declares, the floor the group needs
 * now, whether the launch template is frozen, and the warm pool. Pure; the clock comes
 * in as `now`.
 */
import { estimateInstanceRefreshMinutes } from "@kgsports/scaling-web-tier/pure";
import { CapacityPlanInput, checkCapacityPlan, Fixture, FixtureProblem, parseFixtureList, ALL_FIXTURES } from "../capacity/fixtures";
import type { SettingNames } from "../capacity/fixtures";
import { CapacitySchedule, MatchWindow, planCapacitySchedule } from "../capacity/schedule";
import { formatInstant } from "../capacity/displayTime";
import { fixtureKickoff } from "../capacity/kickoffTime";
import { PROJECT } from "./project";

const MINUTE_MS = 60_000;

/** The config keys the plan is made of: the plan's own sizing keys, plus the group's sizes and the raw fixture list. */
export type MatchdayKeys = Omit<CapacityPlanInput, "fixtures" | "baselineMinSize" | "groupMaxSize" | "minimumLeadMinutes"> & {
    /** The raw `kgsports:fixtures` value, checked by parseFixtures. */
    fixtures: unknown;
    minSize: number;
    maxSize: number;
    /** IANA zone that notes show times in, next to UTC. */
    displayTimeZone: string;
    /** The web tier's instance type, for sizing suggestions. */
    instanceType?: string;
};

export interface MatchdayCapacity {
    plan: CapacityPlanInput;
    schedule: CapacitySchedule;
    /**
     * The minimum this deploy declares on the group when a window is in progress or
     * starts within the minimum lead (its highest floor from now to then), else undefined.
     */
    floorNow: number | undefined;
    /** The largest step the schedule raises the minimum by above the baseline (0 without fixtures). */
    largestStep: number;
    /** IANA zone of the notes and reports. */
    displayTimeZone: string;
    /**
     * The longest time a floor is held: one fixture's pre-warm lead, match window and
     * release delay, or a longer merged window of the schedule. A minimum above the
     * baseline for longer than this is a floor left behind.
     */
    longestWindowMinutes: number;
    /** Kickoffs and pre-warms of the upcoming windows, for the match-night dashboard. */
    annotations: { label: string; time: string }[];
}

/** The matchday slice's settings: the plan and its schedule, with what the capacity report needs of the stack. */
export type MatchdaySettings = MatchdayCapacity & {
    /** Concurrent viewers of today's on-premise servers (0 = unknown), for the capacity report. */
    onPremiseViewerCapacity: number;
    /** When the plan was made (the deploy's clock). */
    plannedAt: Date;
};

/** Names of the plan's fields as config keys. */
const PLAN_FIELD_TO_KEY: Record<string, string> = {
    baselineMinSize: "minSize",
    groupMaxSize: "maxSize",
    // Computed from this key with viewersPerInstance and requestsPerViewerPerMinute (stacks/config/capacityCost.ts).
    targetUtilisation: "targetRequestsPerInstance",
};

/** The plan's settings as the stack config names them, for the plan's messages: `groupMaxSize` is `kgsports:maxSize`. */
export const CONFIG_KEY_NAMES: SettingNames = (setting) => `${PROJECT}:${PLAN_FIELD_TO_KEY[setting] ?? setting}`;

/** A fixture problem as a config problem: `kgsports:fixtures[<fixture>].<field>`, or the plan-wide key. */
export function fixtureProblemToConfig(p: FixtureProblem): { key: string; value?: string; literal?: string; message: string } {
    const key = p.fixture === ALL_FIXTURES
        ? `${PROJECT}:${PLAN_FIELD_TO_KEY[p.key] ?? p.key}`
        : `${PROJECT}:fixtures[${JSON.stringify(p.fixture)}]${p.key.startsWith("(") ? "" : `.${p.key}`}`;
    return { key, ...(p.value !== undefined ? { value: p.value } : {}), ...(p.literal !== undefined ? { literal: p.literal } : {}), message: p.message };
}

export type MatchdayResult = { ok: true; capacity: MatchdayCapacity } | { ok: false; problems: FixtureProblem[] };

/**
 * The checked plan and its schedule, or every problem of the fixtures in one run: the
 * shape and type problems of the unreadable entries together with the value checks of
 * all the others (the sums of concurrent fixtures wait for the unreadable ones, and one
 * line says so).
 */
export function decideMatchdayCapacity(keys: MatchdayKeys, now: Date): MatchdayResult {
    const parsed = parseFixtureList(keys.fixtures);
    const plan: CapacityPlanInput = {
        fixtures: parsed.fixtures as Fixture[],
        viewersPerInstance: keys.viewersPerInstance,
        headroomPercent: keys.headroomPercent,
        preWarmLeadMinutes: keys.preWarmLeadMinutes,
        matchWindowMinutes: keys.matchWindowMinutes,
        releaseDelayMinutes: keys.releaseDelayMinutes,
        availabilityZoneCount: keys.availabilityZoneCount,
        baselineMinSize: keys.minSize,
        groupMaxSize: keys.maxSize,
        displayTimeZone: keys.displayTimeZone,
        ...(keys.instanceType !== undefined ? { instanceType: keys.instanceType } : {}),
        ...(keys.targetUtilisation !== undefined ? { targetUtilisation: keys.targetUtilisation } : {}),
    };
    if (parsed.problems.length > 0) {
        const checked = Array.isArray(keys.fixtures) ? checkCapacityPlan(plan, now, parsed, CONFIG_KEY_NAMES) : [];
        return { ok: false, problems: [...parsed.problems, ...checked] };
    }
    const displayTimeZone = keys.displayTimeZone;
    const oneWindow = keys.preWarmLeadMinutes + keys.matchWindowMinutes + keys.releaseDelayMinutes;
    if (plan.fixtures.length === 0) {
        return {
            ok: true,
            capacity: {
                plan,
                schedule: { windows: [], actions: [], notes: [], pastFixtures: [], floorNow: undefined },
                floorNow: undefined,
                largestStep: 0,
                displayTimeZone,
                longestWindowMinutes: oneWindow,
                annotations: [],
            },
        };
    }
    const problems = checkCapacityPlan(plan, now, undefined, CONFIG_KEY_NAMES);
    if (problems.length > 0) return { ok: false, problems };
    const schedule = planCapacitySchedule(plan, now, { displayTimeZone });
    const overMax = floorsAboveMax(schedule, plan.groupMaxSize, displayTimeZone);
    if (overMax.length > 0) return { ok: false, problems: overMax };
    const largestStep = Math.max(0, ...schedule.windows.flatMap((w) => w.steps.map((s) => s.minSize - keys.minSize)));
    const longestWindowMinutes = Math.max(oneWindow, ...schedule.windows.map((w) => Math.ceil((w.releaseAt.getTime() - w.preWarmAt.getTime()) / MINUTE_MS)));
    return { ok: true, capacity: { plan, schedule, floorNow: schedule.floorNow, largestStep, displayTimeZone, longestWindowMinutes, annotations: dashboardAnnotations(plan, schedule) } };
}

/**
 * The fixtures' own problems, for a run where a key the plan is sized with was refused:
 * shape and type, names, time zones, kickoffs and their horizon. The checks that size
 * (floors and target tracking against maxSize, concurrent windows) need those keys and
 * run once they are valid; the refused key's own problem says what to fix first.
 */
export function fixtureOwnProblems(raw: unknown, now: Date): FixtureProblem[] {
    const parsed = parseFixtureList(raw);
    if (!Array.isArray(raw)) return parsed.problems;
    // Sizing inputs that no check accepts: every sizing check is skipped, and the plan-wide problems they raise are dropped.
    const unsized: CapacityPlanInput = {
        fixtures: parsed.fixtures,
        viewersPerInstance: Number.NaN,
        headroomPercent: Number.NaN,
        preWarmLeadMinutes: Number.NaN,
        matchWindowMinutes: Number.NaN,
        releaseDelayMinutes: Number.NaN,
        availabilityZoneCount: Number.NaN,
        baselineMinSize: Number.NaN,
        groupMaxSize: Number.NaN,
    };
    return [...parsed.problems, ...checkCapacityPlan(unsized, now, parsed, CONFIG_KEY_NAMES).filter((p) => p.fixture !== ALL_FIXTURES)];
}

/**
 * Windows whose combined floor goes above the group's maximum (concurrent fixtures add
 * up, so each can be within `maxSize` alone and not together): AWS would refuse the
 * action, or cap the minimum, and the floor would not be there for kickoff. One problem
 * per window, on its first fixture's audience, naming the others and `maxSize`.
 */
export function floorsAboveMax(schedule: CapacitySchedule, maxSize: number, displayTimeZone: string): FixtureProblem[] {
    const problems: FixtureProblem[] = [];
    for (const w of schedule.windows) {
        const step = w.steps.find((s) => s.minSize > maxSize);
        if (step === undefined) continue;
        const others = w.fixtures.slice(1).map((f) => `"${f}"`).join(", ");
        problems.push({
            fixture: w.fixtures[0],
            key: "expectedPeakViewers",
            message:
                `${others !== "" ? `with ${others} on at the same time, ` : ""}the window's floor reaches ${w.minSize} instances (${step.minSize} from ${formatInstant(step.at, displayTimeZone)}), ` +
                `above ${PROJECT}:maxSize = ${maxSize}; allowed: a combined floor within maxSize: raise ${PROJECT}:maxSize to at least ${w.minSize} ` +
                `(and the EC2 vCPU quota), or move a kickoff so the windows do not overlap`,
        });
    }
    return problems;
}

/** A dashboard label: one line, at most 100 characters. */
function label(text: string): string {
    const line = text.replace(/\s+/g, " ").trim();
    return line.length <= 100 ? line : `${line.slice(0, 99)}…`;
}

/**
 * The pre-warm of every upcoming window and the kickoff of each of its fixtures, as
 * vertical dashboard annotations, each with the minimum in force from that moment: the
 * pre-warm's is the window's first step (not its peak, which the floor reaches later),
 * a kickoff's the step in force at that kickoff.
 */
export function dashboardAnnotations(plan: CapacityPlanInput, schedule: CapacitySchedule): { label: string; time: string }[] {
    const out: { label: string; time: string }[] = [];
    for (const w of schedule.windows) {
        out.push({ label: label(`pre-warm: ${w.fixtures.join(" + ")} (min ${w.steps[0]?.minSize ?? w.minSize})`), time: w.preWarmAt.toISOString() });
        for (const name of w.fixtures) {
            const fixture = plan.fixtures.find((f) => f.name === name);
            const kickoff = fixture === undefined ? undefined : fixtureKickoff(fixture);
            if (kickoff !== undefined) out.push({ label: label(`kickoff: ${name} (min ${minimumAt(w, kickoff)})`), time: kickoff.toISOString() });
        }
    }
    return out;
}

/** The window's floor in force at `at`: its last step at or before then (the first step before the window). */
function minimumAt(w: MatchWindow, at: Date): number {
    let min = w.steps[0]?.minSize ?? w.minSize;
    for (const step of w.steps) if (step.at.getTime() <= at.getTime()) min = step.minSize;
    return min;
}

/**
 * The group sizes a deploy declares: the config's, with the minimum lifted to the floor
 * the schedule needs now. Without this, a deploy during a match would reset the minimum
 * the pre-warm action raised (with `refresh: always` Pulumi sees the raised value and
 * would send the lower one), and target tracking could then scale the fleet in.
 */
export function groupCapacityAt(config: { min: number; desired: number; max: number }, floorNow: number | undefined) {
    const min = Math.max(config.min, floorNow ?? 0);
    return { min, desired: Math.max(config.desired, min), max: config.max };
}

/** Why the launch template is frozen for this deploy, or undefined when a template change may roll the fleet. */
export interface LaunchTemplateFreeze {
    /** The window the freeze protects. */
    window: MatchWindow;
    /** The freeze starts this long before the window's pre-warm: an instance refresh of the fleet takes about that long. */
    refreshMinutes: number;
    /** When the freeze began (pre-warm minus the refresh time) and ends (the window's release). */
    from: Date;
    until: Date;
    /** One line for the plan. */
    note: string;
}

/**
 * Whether this deploy must keep the launch template the group runs: from the pre-warm
 * of a window minus the time a rolling refresh of the fleet takes (a refresh started
 * then would still be replacing instances at the pre-warm or the kickoff) until the
 * window's release. The refresh time comes from the group's settings
 * ({@link estimateInstanceRefreshMinutes}: fleet size, warmup, batches of 10 %).
 *
 * @param fleetSize instances a refresh would replace now (the declared desired or minimum, whichever is larger)
 */
export function decideLaunchTemplateFreeze(
    windows: readonly MatchWindow[],
    now: Date,
    fleetSize: number,
    instanceWarmupSeconds: number,
    displayTimeZone: string,
): LaunchTemplateFreeze | undefined {
    const refreshMinutes = estimateInstanceRefreshMinutes({ fleetSize, instanceWarmupSeconds });
    const t = now.getTime();
    for (const window of windows) {
        const from = window.preWarmAt.getTime() - refreshMinutes * MINUTE_MS;
        const until = window.releaseAt.getTime();
        if (from <= t && t < until) {
            const who = window.fixtures.map((f) => `"${f}"`).join(" + ");
            return {
                window,
                refreshMinutes,
                from: new Date(from),
                until: new Date(until),
                note:
                    `launch template frozen for ${who}: a rolling refresh of ${fleetSize} instances takes about ${refreshMinutes} minutes, ` +
                    `so from ${formatInstant(new Date(from), displayTimeZone)} (pre-warm minus that) to the release at ${formatInstant(new Date(until), displayTimeZone)} ` +
                    `no deploy changes the template (a new AMI or instance type waits for a deploy after the window)`,
            };
        }
    }
    return undefined;
}
