/**
 * Fixtures to Auto Scaling scheduled actions: before each match window the group's
 * minimum is raised to a floor sized for the match, after it the minimum goes back to
 * the baseline. Target tracking still scales above the floor. Pure and deterministic:
 * the same input and `now` give the same schedule.
 *
 * Why a floor and not desired capacity: raising the minimum lifts the running fleet
 * at once (AWS clamps desired into [min, max]) and stops target tracking from scaling
 * in below it during a lull (half-time), while leaving scale-out free. Only `minSize`
 * is ever set: AWS treats an omitted size as 0, so the component sends -1 for
 * `"unchanged"`, and we never emit a size we did not mean to change.
 */
import type { CapacityPlanInput } from "./planInput";
import { requiredInstances } from "./instanceMaths";
import { ActionKind, scheduledActionName } from "./actionNames";
import { demandShareAt } from "./audience";
import { DEFAULT_DISPLAY_TIME_ZONE, formatInstant } from "./displayTime";
import { fixtureKickoff, formatUtcSecond } from "./kickoffTime";
import {
    DEFAULT_MINIMUM_LEAD_MINUTES,
    DEFAULT_SURGE_FACTOR,
    EARLY_RELEASE_DELAY_MINUTES,
    NORMAL_TIME_MINUTES,
    PRE_WARM_STEP_MINUTES,
    STEP_COVER_MINUTES,
} from "./planDefaults";

export { ceilTolerant, requiredInstances } from "./instanceMaths";

/** AWS's limit of scheduled actions per Auto Scaling group (Amazon EC2 Auto Scaling quotas). */
export const MAX_SCHEDULED_ACTIONS = 125;

const MINUTE_MS = 60_000;

/** The group's minimum from `at` until the next step of its window, or the window's release. */
export interface FloorStep {
    /** When this floor starts. */
    at: Date;
    /** The floor, instances: {@link requiredInstances} of the audiences of `fixtures` added up, at least the baseline minimum. */
    minSize: number;
    /** The fixtures whose floors make up this step (a share above 0: their audiences are concurrent), in kickoff order; none at the baseline. */
    fixtures: string[];
}

/** One point of a fixture's floor over its window. */
export interface FloorProfilePoint {
    /** Minutes from kickoff (negative before). */
    offsetMinutes: number;
    /**
     * From here to the next point, the floor is sized for this share of the fixture's
     * planned viewers (expected peak x surge factor), with headroom and N+1 zones; 0
     * means the baseline minimum. The last point of a profile is the release (0).
     */
    share: number;
    /** What the action at this point does; its name is `<kind>-<fixture stem>`. */
    kind: ActionKind;
}

/**
 * The floor one fixture asks for over its window, as a share of its planned audience:
 *
 * 1. **Stepped pre-warm.** The first step at `kickoff - preWarmLeadMinutes`, then one at
 *    each of {@link PRE_WARM_STEP_MINUTES} before kickoff that is later than it. Each
 *    step but the last is sized for the largest share of the audience's build-up
 *    ({@link demandShareAt}) from its start to {@link STEP_COVER_MINUTES} after the next
 *    step's start, when the next step's instances serve at the slowest; the last step
 *    (15 minutes before kickoff by default) is the full floor (share 1).
 * 2. **Early release.** At {@link NORMAL_TIME_MINUTES} + {@link EARLY_RELEASE_DELAY_MINUTES}
 *    (kickoff + 125) when that is before the release: the floor goes down to what
 *    target tracking cannot hold by itself through extra time. Target tracking keeps
 *    `demand / targetUtilisation` in service, so with `targetUtilisation <= (zones - 1)
 *    / zones` it keeps the N+1 reserve on its own and the floor goes to the baseline
 *    (share 0); otherwise, or when the target is unknown, the floor keeps N+1 of the
 *    planned peak without headroom (share `100 / (100 + headroomPercent)`) until the
 *    release.
 * 3. **Release** at `kickoff + matchWindowMinutes + releaseDelayMinutes`: the baseline.
 *
 * Pure and the same for every fixture of a plan: concurrent fixtures add their shares
 * of their own audiences (see {@link planCapacitySchedule}).
 */
export function fixtureFloorProfile(
    plan: Pick<CapacityPlanInput, "preWarmLeadMinutes" | "matchWindowMinutes" | "releaseDelayMinutes" | "availabilityZoneCount" | "headroomPercent" | "targetUtilisation">,
): FloorProfilePoint[] {
    const starts = [plan.preWarmLeadMinutes, ...PRE_WARM_STEP_MINUTES.filter((m) => m < plan.preWarmLeadMinutes)].map((m) => -m);
    const points: FloorProfilePoint[] = starts.map((at, i) => {
        const last = i === starts.length - 1;
        const kind: ActionKind = i === 0 ? "prewarm" : last ? "kickoff" : `rampup${i}`;
        if (last) return { offsetMinutes: at, share: 1, kind };
        let share = 0;
        for (let m = at; m <= starts[i + 1] + STEP_COVER_MINUTES; m++) share = Math.max(share, demandShareAt(m));
        return { offsetMinutes: at, share, kind };
    });
    const release = plan.matchWindowMinutes + plan.releaseDelayMinutes;
    const early = NORMAL_TIME_MINUTES + EARLY_RELEASE_DELAY_MINUTES;
    if (early < release) {
        const zones = plan.availabilityZoneCount;
        // Stryker disable next-line ConditionalExpression: equivalent; undefined <= x is false, so the first test only documents the intent
        const holdsReserve = plan.targetUtilisation !== undefined && plan.targetUtilisation <= (zones - 1) / zones;
        points.push({ offsetMinutes: early, share: holdsReserve ? 0 : 100 / (100 + plan.headroomPercent), kind: "fulltime" });
    }
    points.push({ offsetMinutes: release, share: 0, kind: "release" });
    return points;
}

/** A period during which the group's minimum is held above the baseline: one fixture, or several whose windows overlap or touch. */
export interface MatchWindow {
    /** Names of the fixtures the window covers, in kickoff order. */
    fixtures: string[];
    /** When the first floor applies, as planned: the earliest kickoff minus the pre-warm lead, a minute earlier for a point moved off a shared instant (it may be before the deploy). */
    preWarmAt: Date;
    /** The first kickoff of the window. */
    kickoff: Date;
    /**
     * The end of the window: the latest kickoff + match window + release delay (a minute
     * later for a point moved off a shared instant). The floor may be back at the
     * baseline before it (the early release); the last of {@link steps} says when.
     */
    releaseAt: Date;
    /** The highest floor of the window, instances. */
    minSize: number;
    /**
     * The floor over time, in time order, from the first fixture's first point; the last
     * step is the baseline. Where fixtures overlap, each one's share of its audience adds
     * up, so the floor steps up while both are on and back down when one is released.
     */
    steps: FloorStep[];
}

/** One-time scheduled action for the Auto Scaling group, as the component takes it. */
export interface ScheduledActionSpec {
    /**
     * Stable and unique within the group: `[A-Za-z0-9-]`, at most 200 characters,
     * `<kind>-<fixture stem>` after the one fixture whose step happens at its start time
     * (each fixture's points have instants of their own), so adding a fixture never
     * renames another fixture's actions.
     */
    name: string;
    /** When it runs: UTC `"YYYY-MM-DDThh:mm:ssZ"`, after planning time. No two actions share a start time. */
    startTime: string;
    /** New minimum (instances), or `"unchanged"`. */
    minSize: number | "unchanged";
    /** New maximum: always `"unchanged"` (the component sends -1). */
    maxSize: number | "unchanged";
    /** New desired capacity: always `"unchanged"` (raising the minimum lifts desired by itself). */
    desiredCapacity: number | "unchanged";
    /** The minimum the plan has in force just before this action runs (the step before, or the baseline). */
    previousMinSize: number;
    /** Why the action exists, for the plan and the AWS console. */
    reason: string;
}

/** A fixture whose window had fully passed when the plan was made. */
export interface PastFixture {
    name: string;
    kickoff: Date;
    releaseAt: Date;
}

/** What this deploy schedules, and what it decided not to. */
export interface CapacitySchedule {
    /** Windows this deploy acts on (upcoming or in progress), in time order. Deferred windows are not here. */
    windows: MatchWindow[];
    /** Scheduled actions, ordered by start time; at most {@link MAX_SCHEDULED_ACTIONS}. */
    actions: ScheduledActionSpec[];
    /**
     * The minimum this deploy declares on the group itself: the highest floor from the
     * deploy to the minimum lead after it, or undefined when no window touches that span.
     * See {@link planCapacitySchedule} for why.
     */
    floorNow: number | undefined;
    /** Fixtures in the config whose windows are over (a wrong year lands here): a person must see them first. */
    pastFixtures: PastFixture[];
    /** One line per past fixture, merged window, window in progress, late kickoff and deferred window. */
    notes: string[];
}

/** Options of {@link planCapacitySchedule} that only change how notes read. */
export interface ScheduleOptions {
    /** IANA zone the notes show times in, next to UTC. Default Asia/Seoul. */
    displayTimeZone?: string;
    /** Minutes from a cold launch to serving, for the "in service by" note of a late fixture. Default 5. */
    coldLaunchMinutes?: number;
}

/** One fixture's window before merging. */
interface FixtureWindow {
    name: string;
    /** Where the fixture's floor starts and ends: as planned, widened by a point moved off a shared instant. */
    preWarmAt: number;
    kickoff: number;
    releaseAt: number;
    /** The planned span, `kickoff - preWarmLeadMinutes` to `kickoff + matchWindowMinutes + releaseDelayMinutes`. */
    planned: { from: number; to: number };
    /** Expected peak x planning surge factor: what the floor is sized for. */
    plannedViewers: number;
    /**
     * The points of the fixture's floor profile that change its own share, in absolute
     * time (ms), after {@link separateCoincidentPoints}; the last one is at share 0.
     */
    profile: { at: number; share: number; kind: ActionKind }[];
}

/** A change of the group's minimum at one instant: what a scheduled action does. */
interface ChangePoint {
    at: number;
    name: string;
    minSize: number;
    previousMinSize: number;
    reason: string;
}

/** Minutes from a cold launch to serving, when the options name none. */
export const DEFAULT_COLD_LAUNCH_MINUTES = 5;

/**
 * The scheduled actions for a plan at planning time `now` (the deploy's clock). Assumes
 * {@link checkCapacityPlan} returned no problems (throws on an unreadable kickoff).
 *
 * - Each fixture's window runs from `kickoff - preWarmLeadMinutes` to
 *   `kickoff + matchWindowMinutes + releaseDelayMinutes`, and its floor follows
 *   {@link fixtureFloorProfile} (stepped pre-warm, full floor, early release, release).
 *   Fixtures whose window has fully passed are pruned and listed in
 *   {@link CapacitySchedule.pastFixtures}.
 * - Overlapping or touching windows form one window. Within it the floor follows the
 *   concurrent audience: at each point of any fixture's profile, every fixture's planned
 *   viewers times its share then are added up and sized by {@link requiredInstances}
 *   (N+1 zones and headroom as usual), never below the baseline minimum. Points of
 *   different fixtures never share an instant (the later one moves a minute).
 * - Every change of the floor is one scheduled action (set `minSize` only), named after
 *   the fixture whose point it is; the last one of a window returns to the baseline. Every action whose start time is still ahead is declared,
 *   even one closer than the minimum lead: an existing action is then left as it is
 *   (no API call), and stopping to declare it would delete a release that must still
 *   run. Only a new action that close could be refused by AWS as in the past by the
 *   time it is created; the notes say so.
 * - {@link CapacitySchedule.floorNow}: the highest floor from `now` to
 *   `now + minimumLeadMinutes`. The stack declares it as the group's minimum, so a
 *   window in progress or about to start is held (a deploy never undoes a pre-warm),
 *   and a release that has not run yet is left to its action.
 * - The earliest windows are kept within {@link MAX_SCHEDULED_ACTIONS}; the rest are
 *   deferred to a later deploy (a note each).
 *
 * Times are UTC with second precision.
 */
export function planCapacitySchedule(input: CapacityPlanInput, now: Date, options: ScheduleOptions = {}): CapacitySchedule {
    const nowMs = now.getTime();
    const leadMs = (input.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES) * MINUTE_MS;
    const zone = options.displayTimeZone ?? DEFAULT_DISPLAY_TIME_ZONE;
    const at = (ms: number) => formatInstant(new Date(ms), zone);
    const notes: string[] = [];
    const floorFor = (viewers: number) =>
        Math.max(input.baselineMinSize, requiredInstances(viewers, 1, input.viewersPerInstance, input.headroomPercent, input.availabilityZoneCount));

    const profile = fixtureFloorProfile(input);
    const perFixture: FixtureWindow[] = input.fixtures.map((f) => {
        const kickoff = fixtureKickoff(f);
        if (kickoff === undefined) throw new Error(`fixture "${f.name}": kickoff "${f.kickoff}" is not valid; run checkCapacityPlan first`);
        const k = kickoff.getTime();
        return {
            name: f.name,
            // Stryker disable next-line ArithmeticOperator: equivalent; widened below to the fixture's first point, which is here or a minute before
            preWarmAt: k - input.preWarmLeadMinutes * MINUTE_MS,
            kickoff: k,
            releaseAt: k + (input.matchWindowMinutes + input.releaseDelayMinutes) * MINUTE_MS,
            planned: { from: k - input.preWarmLeadMinutes * MINUTE_MS, to: k + (input.matchWindowMinutes + input.releaseDelayMinutes) * MINUTE_MS },
            plannedViewers: f.expectedPeakViewers * (f.surgeFactor ?? DEFAULT_SURGE_FACTOR),
            profile: effectivePoints(profile).map((p) => ({ at: k + p.offsetMinutes * MINUTE_MS, share: p.share, kind: p.kind })),
        };
    });
    // Kickoff order, then name: the same input in any order gives the same schedule.
    perFixture.sort((a, b) => a.kickoff - b.kickoff || compareText(a.name, b.name));

    separateCoincidentPoints(perFixture);
    // A point moved off a shared instant can leave the planned span by a minute; windows are
    // grouped (and fixtures pruned) by where the floor really changes.
    for (const w of perFixture) {
        w.preWarmAt = Math.min(w.preWarmAt, ...w.profile.map((p) => p.at));
        w.releaseAt = Math.max(w.releaseAt, ...w.profile.map((p) => p.at));
    }

    const pastFixtures: PastFixture[] = [];
    const live: FixtureWindow[] = [];
    for (const w of perFixture) {
        if (w.releaseAt <= nowMs) {
            pastFixtures.push({ name: w.name, kickoff: new Date(w.kickoff), releaseAt: new Date(w.releaseAt) });
            notes.push(`past fixture "${w.name}" (kickoff ${at(w.kickoff)}): its window ended at ${at(w.releaseAt)}, before this deploy (${at(nowMs)}); nothing is scheduled for it (remove it from the file, or fix its date)`);
        } else {
            live.push(w);
        }
    }

    // Windows: runs of fixtures whose [preWarmAt, releaseAt] overlap or touch.
    const groups: FixtureWindow[][] = [];
    let groupEnd = Number.NEGATIVE_INFINITY;
    // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator,ConditionalExpression,LogicalOperator: equivalent; live is already in kickoff order (the sort above) and every fixture has the same lead, so pre-warm order is kickoff order (a twin moved a minute earlier is grouped with its twin either way)
    for (const w of [...live].sort((a, b) => a.preWarmAt - b.preWarmAt || a.kickoff - b.kickoff || compareText(a.name, b.name))) {
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent for groups.length; with no group yet groupEnd is -Infinity, so the second test is false anyway
        if (groups.length > 0 && w.preWarmAt <= groupEnd) groups[groups.length - 1].push(w);
        else groups.push([w]);
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent; windows have one length, so a later kickoff never releases earlier, and a new group's release is above the last group's end
        groupEnd = groups[groups.length - 1].length === 1 ? w.releaseAt : Math.max(groupEnd, w.releaseAt);
    }

    const windows: MatchWindow[] = [];
    const actions: ScheduledActionSpec[] = [];
    let deferring = false;
    for (const members of groups) {
        // Stryker disable next-line MethodExpression,ArrowFunction,ConditionalExpression,ArithmeticOperator: equivalent; members were pushed in kickoff order, so this sort never reorders
        members.sort((a, b) => a.kickoff - b.kickoff || compareText(a.name, b.name));
        const names = members.map((m) => m.name);
        const who = quoteList(names);
        const steps = floorSteps(members, floorFor);
        const window: MatchWindow = {
            fixtures: names,
            preWarmAt: new Date(Math.min(...members.map((m) => m.preWarmAt))),
            kickoff: new Date(members[0].kickoff),
            releaseAt: new Date(Math.max(...members.map((m) => m.releaseAt))),
            minSize: Math.max(...steps.map((s) => s.minSize)),
            steps,
        };
        const changes = changePoints(window, members, input.baselineMinSize, input.availabilityZoneCount).filter((c) => c.at > nowMs);
        if (deferring || actions.length + changes.length > MAX_SCHEDULED_ACTIONS) {
            deferring = true;
            notes.push(
                `deferred ${who} (kickoff ${at(window.kickoff.getTime())}): AWS allows ${MAX_SCHEDULED_ACTIONS} scheduled actions per group and the earlier ` +
                `windows use ${actions.length}; a deploy after some of them have passed schedules it`,
            );
            continue;
        }
        windows.push(window);
        for (const c of changes) {
            actions.push({
                name: c.name,
                startTime: formatUtcSecond(new Date(c.at)),
                minSize: c.minSize,
                maxSize: "unchanged",
                desiredCapacity: "unchanged",
                previousMinSize: c.previousMinSize,
                reason: c.reason,
            });
        }
        if (members.length > 1) {
            const alone = members.map((m) => `"${m.name}" alone ${floorFor(m.plannedViewers)}`).join(", ");
            notes.push(
                overlapping(members)
                    ? `concurrent ${who}: their windows overlap, so their audiences add up while both are on: min up to ${window.minSize} ` +
                      `(${alone}); one window ${at(window.preWarmAt.getTime())} to ${at(window.releaseAt.getTime())}`
                    : `back to back ${who}: one release is the next pre-warm, so they form one window ${at(window.preWarmAt.getTime())} to ${at(window.releaseAt.getTime())}`,
            );
        }
        // Stryker disable next-line ConditionalExpression: equivalent for the first test; a window whose floor never rises has no change at all
        if (changes.length === 0 && window.minSize <= input.baselineMinSize) {
            notes.push(`${who} (kickoff ${at(window.kickoff.getTime())}): the baseline minimum ${input.baselineMinSize} already covers the planned audience, so nothing is scheduled`);
        }
        for (const m of members) {
            if (m.preWarmAt >= nowMs + leadMs) continue;
            if (m.kickoff > nowMs) {
                const cold = options.coldLaunchMinutes ?? DEFAULT_COLD_LAUNCH_MINUTES;
                const inService = Math.floor((m.kickoff - nowMs) / MINUTE_MS) - cold;
                notes.push(
                    `late "${m.name}": kickoff ${at(m.kickoff)} is ${Math.floor((m.kickoff - nowMs) / MINUTE_MS)} minutes after this deploy, less than the ` +
                    `${input.preWarmLeadMinutes}-minute pre-warm lead; its floor is declared on the group directly, and cold instances launched now serve ` +
                    (inService > 0 ? `about ${inService} minutes before kickoff` : `only after kickoff (about ${-inService} minutes into the match)`) +
                    ` (the warm pool, if any, is faster)`,
                );
            } else {
                // The last step of a window is always the baseline (every profile ends at share 0).
                const floorEnds = window.steps[window.steps.length - 1].at.getTime();
                notes.push(`in progress "${m.name}" (kickoff ${at(m.kickoff)}): the floor is declared on the group directly until it is back at the baseline at ${at(floorEnds)}`);
            }
        }
        for (const c of changes) {
            if (c.at < nowMs + leadMs) {
                notes.push(
                    `${c.name} at ${at(c.at)} is less than ${leadMs / MINUTE_MS} minutes away: kept as declared (an existing action is untouched); ` +
                    `if it does not exist yet, AWS refuses it once its time has passed, and the deploy fails rather than leave the minimum wrong`,
                );
            }
        }
    }
    // Stryker disable next-line ArrowFunction,MethodExpression,ConditionalExpression: equivalent; windows come in time order and do not overlap, and each window's actions are in time order
    actions.sort((a, b) => compareText(a.startTime, b.startTime) || compareText(a.name, b.name));
    // At least the instant of the deploy itself, so a lead of 0 still holds the step in force.
    const floorNow = highestFloorBetween(windows, nowMs, nowMs + Math.max(leadMs, 1));
    return { windows, actions, floorNow, pastFixtures, notes };
}

/** The points of a profile that change its share (the first one from 0): a release after an early release to 0 changes nothing. */
function effectivePoints(profile: readonly FloorProfilePoint[]): FloorProfilePoint[] {
    const out: FloorProfilePoint[] = [];
    let share = 0;
    for (const p of profile) {
        if (p.share === share) continue;
        out.push(p);
        share = p.share;
    }
    return out;
}

/**
 * AWS refuses two scheduled actions of a group at the same start time ("A scheduled
 * action must have a unique time value", Amazon EC2 Auto Scaling, scheduled scaling,
 * limitations), and an action's name must not change when a fixture is added (a new
 * name replaces the action, and the replacement would be created at the start time its
 * predecessor still holds). So every fixture keeps its own points, each at an instant
 * of its own. Where points of several fixtures fall on the same instant (twins, a
 * release that is the next fixture's pre-warm), a point that raises its fixture's share
 * goes first and keeps it (in kickoff order); a raising point that finds the instant
 * taken by another raising point moves a minute earlier, and a lowering point that finds
 * its instant taken by any point moves a minute later, until free. No move puts a step
 * down between steps up, so the floor never dips where fixtures meet (a dip would let
 * target tracking scale in and the next step launch cold again), and adding one fixture
 * moves another's action by a minute or so (an update in place), never renames it.
 * `fixtures` must be in kickoff order.
 */
function separateCoincidentPoints(fixtures: readonly FixtureWindow[]): void {
    const points = fixtures.flatMap((m, order) =>
        // Stryker disable next-line EqualityOperator: equivalent; effective points never repeat the share before them
        m.profile.map((p, i) => ({ p, order, raising: p.share > (i > 0 ? m.profile[i - 1].share : 0) })));
    // Stryker disable next-line MethodExpression,ArrowFunction,ConditionalExpression,LogicalOperator,ArithmeticOperator: equivalent on every night we know of; the points come fixture by fixture in kickoff order, so at a shared instant the earlier fixture's point is placed first either way; only a chain of moves through three points within a minute could tell the orders apart
    points.sort((a, b) => a.p.at - b.p.at || a.order - b.order);
    // Steps up first, each moving earlier past the steps up already placed; then steps down,
    // each moving later past every step placed. A move so never puts a step down between two
    // steps up (it turns a would-be dip into a bump).
    const used = new Set<number>();
    for (const { p } of points.filter((x) => x.raising)) {
        while (used.has(p.at)) p.at -= MINUTE_MS;
        used.add(p.at);
    }
    for (const { p } of points.filter((x) => !x.raising)) {
        while (used.has(p.at)) p.at += MINUTE_MS;
        used.add(p.at);
    }
}

/** The share of `m`'s planned audience its floor is sized for at `t` (0 before its first point and after its last). */
function shareAt(m: FixtureWindow, t: number): number {
    let share = 0;
    for (const p of m.profile) if (p.at <= t) share = p.share;
    return share;
}

/**
 * The floor of a window over time: at each point of a member's profile, the planned
 * viewers of every member, each times its share then, are added up and sized. Spans at
 * the same floor are one step; the last step is the baseline, when the last point
 * brings the floor back.
 */
function floorSteps(members: readonly FixtureWindow[], floorFor: (viewers: number) => number): FloorStep[] {
    const times = [...new Set(members.flatMap((m) => m.profile.map((p) => p.at)))].sort((a, b) => a - b);
    const steps: FloorStep[] = [];
    for (const t of times) {
        const on = members.filter((m) => shareAt(m, t) > 0);
        const minSize = floorFor(on.reduce((sum, m) => sum + m.plannedViewers * shareAt(m, t), 0));
        const names = on.map((m) => m.name);
        const last = steps[steps.length - 1];
        if (last !== undefined && last.minSize === minSize) {
            last.fixtures = [...new Set([...last.fixtures, ...names])];
            continue;
        }
        steps.push({ at: new Date(t), minSize, fixtures: names });
    }
    return steps;
}

/** Whether two members' planned windows share an instant (touching windows do not). */
function overlapping(members: readonly FixtureWindow[]): boolean {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent for the first test; members are in kickoff order, so the earlier one always starts before the later one ends
    return members.some((a, i) => members.some((b, j) => j > i && a.planned.from < b.planned.to && b.planned.from < a.planned.to));
}

/**
 * The actions of a window: one per change of the floor (a step at the floor already in
 * force changes nothing and is not an action). Every change happens at exactly one
 * member's point ({@link separateCoincidentPoints}), and the action is named after it:
 * `<kind>-<fixture stem>`.
 */
function changePoints(window: MatchWindow, members: readonly FixtureWindow[], baseline: number, zones: number): ChangePoint[] {
    const pointAt = (t: number): { fixture: string; kind: ActionKind; share: number } => {
        for (const m of members) {
            const p = m.profile.find((x) => x.at === t);
            if (p !== undefined) return { fixture: m.name, kind: p.kind, share: p.share };
        }
        // Stryker disable next-line StringLiteral: unreachable; every step starts at some member's profile point
        throw new Error(`no fixture's floor changes at ${new Date(t).toISOString()}`);
    };
    // Stryker disable next-line ArrayDeclaration: equivalent; a stray entry has no start time, and the caller keeps only changes after now
    const out: ChangePoint[] = [];
    let previous = baseline;
    for (const step of window.steps) {
        if (step.minSize === previous) continue;
        const t = step.at.getTime();
        const point = pointAt(t);
        const own = quoteList([point.fixture]);
        const others = step.fixtures.filter((f) => f !== point.fixture);
        const withOthers = others.length > 0 ? `, with ${quoteList(others)} on` : "";
        let reason: string;
        // Stryker disable next-line EqualityOperator: equivalent; a step equal to the one before was skipped above
        if (step.minSize > previous) {
            reason = point.share >= 1
                ? `full floor for ${own}${withOthers}: min ${step.minSize} so they are in service by kickoff, even with one of ${zones} zones lost`
                : `pre-warm ${own}${withOthers}: min ${step.minSize} for the build-up until its next step serves, even with one of ${zones} zones lost`;
        } else if (step.minSize === baseline) {
            reason = point.kind === "fulltime"
                ? `early release after normal time of ${own}: min back to the baseline ${baseline}; through extra time target tracking holds the fleet (and its N+1 reserve) while viewers stay, and scales in as they leave`
                : `release after ${own}: min back to the baseline ${baseline}; target tracking scales in as viewers leave`;
        } else if (point.kind === "fulltime") {
            reason = point.share > 0
                ? `early release after normal time of ${own}: min down to ${step.minSize}; it keeps N+1 of its planned peak without headroom through extra time${withOthers}`
                : `early release after normal time of ${own}: min down to ${step.minSize} for ${quoteList(others)}; target tracking holds ${own}'s fleet while its viewers stay`;
        } else {
            reason = `release after ${own}: min down to ${step.minSize} for ${quoteList(others)}`;
        }
        out.push({ at: t, name: scheduledActionName(point.kind, [point.fixture]), minSize: step.minSize, previousMinSize: previous, reason });
        previous = step.minSize;
    }
    return out;
}

/** The highest floor any window holds at some instant of [from, to), or undefined when none does. */
export function highestFloorBetween(windows: readonly MatchWindow[], from: number, to: number): number | undefined {
    let floor: number | undefined;
    for (const w of windows) {
        w.steps.forEach((s, i) => {
            const end = i + 1 < w.steps.length ? w.steps[i + 1].at.getTime() : w.releaseAt.getTime();
            if (s.at.getTime() < to && from < end) floor = Math.max(floor ?? 0, s.minSize);
        });
    }
    return floor;
}

/**
 * The minimum the plan holds at the instant `at` (a step covering it), else
 * undefined (outside every window, the group's baseline applies).
 */
export function activeFloorAt(schedule: Pick<CapacitySchedule, "windows">, at: Date): number | undefined {
    const t = at.getTime();
    return highestFloorBetween(schedule.windows, t, t + 1);
}

/** Code-unit order, independent of locale, so output is the same on every machine. */
function compareText(a: string, b: string): number {
    // Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent; it only ever compares distinct names or start times, and fixtures are sorted twice by it (an always-"before" comparator swaps twins twice)
    return a < b ? -1 : a > b ? 1 : 0;
}

/** `"A"` or `"A" and "B"` or `"A", "B" and "C"`. */
function quoteList(names: readonly string[]): string {
    const q = names.map((n) => `"${n}"`);
    // Stryker disable next-line StringLiteral: equivalent for the first join; it joins at most one name
    return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}
