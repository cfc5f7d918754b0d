/** Capacity plans for tests of the pure capacity code. */
import { CapacityPlanInput, Fixture } from "../../stacks/capacity/fixtures";
import type { MatchWindow } from "../../stacks/capacity/schedule";

/**
 * The matchday stack's sizing as a plan: 2 000 viewers per c7i.large, 20 % headroom,
 * pre-warm 70 minutes before kickoff, floor held 165 + 30 minutes, 3 zones, group 6..240.
 */
export function matchdayPlan(fixtures: Fixture[], over: Partial<CapacityPlanInput> = {}): CapacityPlanInput {
    return {
        fixtures,
        viewersPerInstance: 2000,
        headroomPercent: 20,
        preWarmLeadMinutes: 70,
        matchWindowMinutes: 165,
        releaseDelayMinutes: 30,
        availabilityZoneCount: 3,
        baselineMinSize: 6,
        groupMaxSize: 240,
        ...over,
    };
}

/**
 * The small night of the simulation's hand-worked tests (test/capacity.simulation.pinned
 * and test/capacity.timing): 1 000 viewers per instance, no headroom, pre-warm 60
 * minutes before kickoff, held 165 + 30, 2 zones (N+1 is twice the need), group 2..100.
 */
export const SMALL_NIGHT_PLAN: Omit<CapacityPlanInput, "fixtures"> = {
    viewersPerInstance: 1000,
    headroomPercent: 0,
    preWarmLeadMinutes: 60,
    matchWindowMinutes: 165,
    releaseDelayMinutes: 30,
    availabilityZoneCount: 2,
    baselineMinSize: 2,
    groupMaxSize: 100,
};

/** Its kickoff, and its 10 000-viewer match. */
export const SMALL_NIGHT_KICKOFF = "2027-05-04T19:00:00Z";
export const SMALL_NIGHT: Fixture = { name: "Test night", kickoff: SMALL_NIGHT_KICKOFF, expectedPeakViewers: 10_000 };

/** An instant `minutes` from the small night's kickoff. */
export function smallNightAt(minutes: number): Date {
    return new Date(Date.parse(SMALL_NIGHT_KICKOFF) + minutes * 60_000);
}

/**
 * A window over the small night (pre-warm at -60, release at +195) with these steps:
 * [minute from kickoff, minimum]. For checks of target tracking apart from the plan's
 * own steps.
 */
export function smallNightWindow(steps: [number, number][]): MatchWindow {
    return {
        fixtures: [SMALL_NIGHT.name],
        preWarmAt: smallNightAt(-60),
        kickoff: smallNightAt(0),
        releaseAt: smallNightAt(195),
        minSize: Math.max(...steps.map(([, m]) => m)),
        steps: steps.map(([minute, minSize]) => ({ at: smallNightAt(minute), minSize, fixtures: [SMALL_NIGHT.name] })),
    };
}
