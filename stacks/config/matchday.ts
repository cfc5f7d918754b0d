/**
 * The matchday capacity plan as the stack config states it: fixtures and sizing keys
 * become a checked plan, the schedule this deploy declares, the floor a window in
 * progress needs now, and the warm pool. Pure; the clock comes in as `now`.
 */
import { CapacityPlanInput, checkCapacityPlan, Fixture, FixtureProblem, parseFixtures, ALL_FIXTURES } from "../capacity/fixtures";
import { activeFloorAt, CapacitySchedule, planCapacitySchedule } from "../capacity/schedule";
import { PROJECT } from "./keys";

/** The config keys the plan is made of: the plan's own sizing keys, plus the group's sizes and the raw fixture list. */
export type MatchdayKeys = Omit<CapacityPlanInput, "fixtures" | "baselineMinSize" | "groupMaxSize" | "minimumLeadMinutes"> & {
    /** The raw `kgsports:fixtures` value, checked by parseFixtures. */
    fixtures: unknown;
    minSize: number;
    maxSize: number;
};

export interface MatchdayCapacity {
    plan: CapacityPlanInput;
    schedule: CapacitySchedule;
    /** The minimum a match window in progress needs at deploy time, if one is. */
    floorNow: number | undefined;
    /** The largest step the schedule raises the minimum by (0 without fixtures). */
    largestStep: number;
}

/** Names of the plan's fields as config keys. */
const PLAN_FIELD_TO_KEY: Record<string, string> = {
    baselineMinSize: "minSize",
    groupMaxSize: "maxSize",
};

/** A fixture problem as a config problem: `kgsports:fixtures[<fixture>].<field>`, or the plan-wide key. */
export function fixtureProblemToConfig(p: FixtureProblem): { key: string; value?: string; message: string } {
    const key = p.fixture === ALL_FIXTURES
        ? `${PROJECT}:${PLAN_FIELD_TO_KEY[p.key] ?? p.key}`
        : `${PROJECT}:fixtures[${JSON.stringify(p.fixture)}]${p.key.startsWith("(") ? "" : `.${p.key}`}`;
    return { key, ...(p.value !== undefined ? { value: p.value } : {}), message: p.message };
}

export type MatchdayResult = { ok: true; capacity: MatchdayCapacity } | { ok: false; problems: FixtureProblem[] };

export function decideMatchdayCapacity(keys: MatchdayKeys, now: Date): MatchdayResult {
    const parsed = parseFixtures(keys.fixtures);
    if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
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
    };
    if (plan.fixtures.length === 0) {
        return { ok: true, capacity: { plan, schedule: { windows: [], actions: [], notes: [] }, floorNow: undefined, largestStep: 0 } };
    }
    const problems = checkCapacityPlan(plan);
    if (problems.length > 0) return { ok: false, problems };
    const schedule = planCapacitySchedule(plan, now);
    const largestStep = Math.max(0, ...schedule.windows.map((w) => w.minSize - keys.minSize));
    return { ok: true, capacity: { plan, schedule, floorNow: activeFloorAt(schedule, now), largestStep } };
}

/**
 * The group sizes a deploy declares: the config's, with the minimum lifted to the floor
 * of a match window in progress. Without this, a deploy during a match would reset the
 * minimum the pre-warm action raised, and target tracking could then scale the fleet in.
 */
export function groupCapacityAt(config: { min: number; desired: number; max: number }, floorNow: number | undefined) {
    const min = Math.max(config.min, floorNow ?? 0);
    return { min, desired: Math.max(config.desired, min), max: config.max };
}
