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
import type { CapacityPlanInput } from "./fixtures";
import { scheduledActionName } from "./actionNames";
import { formatUtcSecond, parseKickoff } from "./kickoffTime";
import { DEFAULT_MINIMUM_LEAD_MINUTES, DEFAULT_SURGE_FACTOR } from "./planDefaults";

/** AWS's limit of scheduled actions per Auto Scaling group (Amazon EC2 Auto Scaling quotas). */
export const MAX_SCHEDULED_ACTIONS = 125;

const MINUTE_MS = 60_000;

/**
 * `Math.ceil` that ignores floating-point dust: 120.00000000000001 is 120. The
 * tolerance (one part in 10^9) is far below one viewer's share of an instance.
 */
export function ceilTolerant(x: number): number {
    return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
}

/**
 * Instances the group must have in service at kickoff for a match (the window's floor).
 *
 * 1. The need, instances for the planned audience with headroom:
 *    `need = ceil(peakViewers * surgeFactor * (1 + headroomPercent / 100) / viewersPerInstance)`.
 * 2. N+1 zones: the group spreads instances evenly over `AZ` zones, and losing one zone
 *    must leave at least `need`: `floor = ceil(need * AZ / (AZ - 1))`.
 *
 * With even spreading the largest zone holds `ceil(floor / AZ)` instances, and
 * `floor - ceil(floor / AZ) = floor(floor * (AZ - 1) / AZ) >= need`, so the floor
 * survives the loss of any one zone; it is also the smallest number that does.
 * Example: 140 000 viewers, surge 1, 20 % headroom, 2 000 per instance, 3 zones:
 * need 84, floor 126.
 *
 * @param peakViewers expected concurrent viewers at the busiest moment (>= 0)
 * @param surgeFactor planning multiplier on the peak (> 0; fixtures allow 1 to 10)
 * @param viewersPerInstance concurrent viewers one instance serves (> 0)
 * @param headroomPercent extra above the need, in percent (>= 0)
 * @param availabilityZoneCount zones the group spans (whole number >= 2)
 * @returns instances, a whole number
 * @throws RangeError on arguments outside those ranges
 */
export function requiredInstances(
    peakViewers: number,
    surgeFactor: number,
    viewersPerInstance: number,
    headroomPercent: number,
    availabilityZoneCount: number,
): number {
    if (!(peakViewers >= 0) || !Number.isFinite(peakViewers)) throw new RangeError(`peakViewers = ${peakViewers}: must be a finite number >= 0`);
    if (!(surgeFactor > 0) || !Number.isFinite(surgeFactor)) throw new RangeError(`surgeFactor = ${surgeFactor}: must be a finite number > 0`);
    if (!(viewersPerInstance > 0) || !Number.isFinite(viewersPerInstance)) throw new RangeError(`viewersPerInstance = ${viewersPerInstance}: must be a finite number > 0`);
    if (!(headroomPercent >= 0) || !Number.isFinite(headroomPercent)) throw new RangeError(`headroomPercent = ${headroomPercent}: must be a finite number >= 0`);
    if (!Number.isInteger(availabilityZoneCount) || availabilityZoneCount < 2) {
        throw new RangeError(`availabilityZoneCount = ${availabilityZoneCount}: must be a whole number >= 2`);
    }
    const need = ceilTolerant((peakViewers * surgeFactor * (100 + headroomPercent)) / (100 * viewersPerInstance));
    const az = availabilityZoneCount;
    return Math.floor((need * az + az - 2) / (az - 1));
}

/** A period during which the group's minimum is held at a floor: one fixture, or several merged. */
export interface MatchWindow {
    /** Names of the fixtures the window covers, in kickoff order. */
    fixtures: string[];
    /**
     * When the floor applies: kickoff minus the pre-warm lead. For a window already in
     * progress at planning time it is at most `now` (the deploy applies the floor).
     */
    preWarmAt: Date;
    /** The first kickoff of the window. */
    kickoff: Date;
    /** When the minimum returns to the baseline: last kickoff + match window + release delay. */
    releaseAt: Date;
    /** The floor, instances: the largest {@link requiredInstances} of its fixtures, at least the baseline minimum. */
    minSize: number;
}

/** One-time scheduled action for the Auto Scaling group, as the component takes it. */
export interface ScheduledActionSpec {
    /** Stable and unique within the group: `[A-Za-z0-9-]`, at most 200 characters, derived from the fixture names. */
    name: string;
    /** When it runs: UTC `"YYYY-MM-DDThh:mm:ssZ"`, at least the minimum lead after planning time. */
    startTime: string;
    /** New minimum (instances), or `"unchanged"`. */
    minSize: number | "unchanged";
    /** New maximum: always `"unchanged"` (the component sends -1). */
    maxSize: number | "unchanged";
    /** New desired capacity: always `"unchanged"` (raising the minimum lifts desired by itself). */
    desiredCapacity: number | "unchanged";
    /** Why the action exists, for the plan and the AWS console. */
    reason: string;
}

/** What this deploy schedules, and what it decided not to. */
export interface CapacitySchedule {
    /** Windows this deploy acts on (scheduled or in progress), in time order. Deferred windows are not here. */
    windows: MatchWindow[];
    /** Scheduled actions, ordered by start time then name; at most {@link MAX_SCHEDULED_ACTIONS}. */
    actions: ScheduledActionSpec[];
    /** One line per pruned fixture, merged window, window in progress or ending, and deferred window. */
    notes: string[];
}

/** A window before merging: one fixture's. */
interface PlannedWindow {
    fixtures: string[];
    preWarmAt: number;
    kickoff: number;
    releaseAt: number;
    minSize: number;
}

const utc = (ms: number) => formatUtcSecond(new Date(ms));

/**
 * The scheduled actions for a plan at planning time `now`. Assumes
 * {@link checkCapacityPlan} returned no problems (throws on an unreadable kickoff).
 *
 * - Each fixture's window runs from `kickoff - preWarmLeadMinutes` to
 *   `kickoff + matchWindowMinutes + releaseDelayMinutes`, at floor
 *   `max(baselineMinSize, requiredInstances(...))`.
 * - Fixtures whose window has fully passed at `now` are pruned (a note each).
 * - Overlapping or touching windows are merged; the floor is the largest (a note each).
 * - A window whose pre-warm time has passed, or is less than `minimumLeadMinutes`
 *   away, is in progress: no pre-warm action (the stack applies its floor directly, see
 *   {@link activeFloorAt}), but it keeps its release action (a note). One whose release
 *   is itself less than `minimumLeadMinutes` away is ending: no actions, no floor.
 * - A window costs two actions (one when in progress). The earliest windows are kept
 *   within {@link MAX_SCHEDULED_ACTIONS}; the rest are deferred to a later deploy (a note each).
 *
 * Pre-warm actions set only `minSize` to the window's floor; release actions set only
 * `minSize` back to `baselineMinSize`. Times are UTC with second precision.
 */
export function planCapacitySchedule(input: CapacityPlanInput, now: Date): CapacitySchedule {
    const nowMs = now.getTime();
    const leadMs = (input.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES) * MINUTE_MS;
    const notes: string[] = [];

    const perFixture: PlannedWindow[] = input.fixtures.map((f) => {
        const kickoff = parseKickoff(f.kickoff);
        if (kickoff === undefined) throw new Error(`fixture "${f.name}": kickoff "${f.kickoff}" is not valid; run checkCapacityPlan first`);
        const k = kickoff.getTime();
        const required = requiredInstances(
            f.expectedPeakViewers,
            f.surgeFactor ?? DEFAULT_SURGE_FACTOR,
            input.viewersPerInstance,
            input.headroomPercent,
            input.availabilityZoneCount,
        );
        return {
            fixtures: [f.name],
            preWarmAt: k - input.preWarmLeadMinutes * MINUTE_MS,
            kickoff: k,
            releaseAt: k + (input.matchWindowMinutes + input.releaseDelayMinutes) * MINUTE_MS,
            minSize: Math.max(input.baselineMinSize, required),
        };
    });
    perFixture.sort((a, b) => a.preWarmAt - b.preWarmAt || a.kickoff - b.kickoff || compareText(a.fixtures[0], b.fixtures[0]));

    const live: PlannedWindow[] = [];
    for (const w of perFixture) {
        if (w.releaseAt <= nowMs) {
            notes.push(`pruned "${w.fixtures[0]}" (kickoff ${utc(w.kickoff)}): its window ended at ${utc(w.releaseAt)}, before now (${utc(nowMs)})`);
        } else {
            live.push(w);
        }
    }

    const merged: PlannedWindow[] = [];
    for (const w of live) {
        const last = merged[merged.length - 1];
        if (last !== undefined && w.preWarmAt <= last.releaseAt) {
            notes.push(
                `merged "${w.fixtures[0]}" into the window of ${quoteList(last.fixtures)}: it pre-warms at ${utc(w.preWarmAt)}, ` +
                `not after that window's release at ${utc(last.releaseAt)}; one window ${utc(last.preWarmAt)} to ${utc(Math.max(last.releaseAt, w.releaseAt))} ` +
                `at min ${Math.max(last.minSize, w.minSize)}`,
            );
            last.fixtures.push(...w.fixtures);
            last.releaseAt = Math.max(last.releaseAt, w.releaseAt);
            last.minSize = Math.max(last.minSize, w.minSize);
        } else {
            merged.push({ ...w, fixtures: [...w.fixtures] });
        }
    }

    const windows: MatchWindow[] = [];
    const actions: ScheduledActionSpec[] = [];
    let deferring = false;
    for (const w of merged) {
        const who = quoteList(w.fixtures);
        if (w.releaseAt < nowMs + leadMs) {
            notes.push(
                `ending ${who}: its release at ${utc(w.releaseAt)} is less than ${leadMs / MINUTE_MS} minutes away, too soon to schedule; ` +
                `no actions and no floor, so the group's minimum is the baseline (${input.baselineMinSize}) from this deploy`,
            );
            continue;
        }
        const inProgress = w.preWarmAt < nowMs + leadMs;
        const cost = inProgress ? 1 : 2;
        if (deferring || actions.length + cost > MAX_SCHEDULED_ACTIONS) {
            deferring = true;
            notes.push(
                `deferred ${who} (kickoff ${utc(w.kickoff)}): AWS allows ${MAX_SCHEDULED_ACTIONS} scheduled actions per group and the earlier ` +
                `windows use ${actions.length}; a deploy after some of them have passed schedules it`,
            );
            continue;
        }
        const preWarmAt = inProgress ? Math.min(w.preWarmAt, nowMs) : w.preWarmAt;
        windows.push({
            fixtures: [...w.fixtures],
            preWarmAt: new Date(preWarmAt),
            kickoff: new Date(w.kickoff),
            releaseAt: new Date(w.releaseAt),
            minSize: w.minSize,
        });
        if (inProgress) {
            notes.push(
                `in progress ${who}: its pre-warm time ${utc(w.preWarmAt)} is past or less than ${leadMs / MINUTE_MS} minutes away, so no pre-warm action; ` +
                `the stack applies the floor min ${w.minSize} directly (activeFloorAt) until the release action at ${utc(w.releaseAt)}`,
            );
        } else {
            actions.push({
                name: scheduledActionName("prewarm", w.fixtures),
                startTime: utc(w.preWarmAt),
                minSize: w.minSize,
                maxSize: "unchanged",
                desiredCapacity: "unchanged",
                reason: `pre-warm ${who} (kickoff ${utc(w.kickoff)}): min ${w.minSize} so they are in service by kickoff, even with one of ${input.availabilityZoneCount} zones lost`,
            });
        }
        actions.push({
            name: scheduledActionName("release", w.fixtures),
            startTime: utc(w.releaseAt),
            minSize: input.baselineMinSize,
            maxSize: "unchanged",
            desiredCapacity: "unchanged",
            reason: `release after ${who}: min back to the baseline ${input.baselineMinSize}; target tracking scales in as viewers leave`,
        });
    }
    actions.sort((a, b) => compareText(a.startTime, b.startTime) || compareText(a.name, b.name));
    return { windows, actions, notes };
}

/**
 * The minimum a window in progress at `at` requires (`preWarmAt <= at < releaseAt`),
 * else undefined. The stack applies it as the group's `minSize` when a deploy lands
 * inside a window, since that window has no pre-warm action.
 */
export function activeFloorAt(schedule: CapacitySchedule, at: Date): number | undefined {
    const t = at.getTime();
    let floor: number | undefined;
    for (const w of schedule.windows) {
        if (w.preWarmAt.getTime() <= t && t < w.releaseAt.getTime()) floor = Math.max(floor ?? 0, w.minSize);
    }
    return floor;
}

/** Code-unit order, independent of locale, so output is the same on every machine. */
function compareText(a: string, b: string): number {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** `"A"` or `"A" and "B"` or `"A", "B" and "C"`. */
function quoteList(names: readonly string[]): string {
    const q = names.map((n) => `"${n}"`);
    return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}
