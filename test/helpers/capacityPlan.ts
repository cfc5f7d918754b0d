/** Capacity plans for tests of the pure capacity code. */
import { CapacityPlanInput, Fixture } from "../../stacks/capacity/fixtures";

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
