/**
 * The match-night dashboard's annotations name each step's own minimum (issue 20: the
 * pre-warm said "min 945", the window's peak at kickoff, while the pre-warm raises the
 * minimum to 231).
 */
import { expect } from "chai";
import { dashboardAnnotations } from "../stacks/config/matchday";
import { planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";

const NOW = new Date("2027-04-01T00:00:00Z");

describe("dashboard annotations: each label names the minimum in force from its moment", () => {
    // 150 000 viewers, 2 000 per instance, 20 % headroom, 3 zones (sized to lose one):
    // 150 000 x 1.2 / 2 000 = 90, x 3/2 = 135 instances at kickoff.
    const plan = matchdayPlan([{ name: "UCL final", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 150_000 }]);
    const schedule = planCapacitySchedule(plan, NOW);
    const labels = dashboardAnnotations(plan, schedule);

    it("the kickoff's label has the floor at kickoff (135), the pre-warm's the lower first step, not the peak", () => {
        const window = schedule.windows[0];
        const first = window.steps[0].minSize;
        expect(first).to.be.above(6).and.below(135);
        expect(labels).to.deep.equal([
            { label: `pre-warm: UCL final (min ${first})`, time: window.preWarmAt.toISOString() },
            { label: "kickoff: UCL final (min 135)", time: "2027-05-29T19:00:00.000Z" },
        ]);
        expect(labels[0].label).to.not.contain("(min 135)");
    });

    it("two fixtures in one window: each kickoff names the minimum in force then, the pre-warm the window's first step", () => {
        const two = matchdayPlan([
            { name: "Semi A", kickoff: "2027-05-05T19:00:00Z", expectedPeakViewers: 100_000 },
            { name: "Semi B", kickoff: "2027-05-05T20:00:00Z", expectedPeakViewers: 100_000 },
        ]);
        const s = planCapacitySchedule(two, NOW);
        expect(s.windows).to.have.length(1);
        const w = s.windows[0];
        const inForce = (iso: string) => [...w.steps].filter((st) => st.at.getTime() <= Date.parse(iso)).pop()!.minSize;
        const got = dashboardAnnotations(two, s).map((a) => a.label);
        expect(got).to.deep.equal([
            `pre-warm: Semi A + Semi B (min ${w.steps[0].minSize})`,
            `kickoff: Semi A (min ${inForce("2027-05-05T19:00:00Z")})`,
            `kickoff: Semi B (min ${inForce("2027-05-05T20:00:00Z")})`,
        ]);
        // Alone, Semi A needs 90 at its kickoff (100 000 x 1.2 / 2 000 x 3/2); Semi B's pre-warm adds to it.
        expect(inForce("2027-05-05T19:00:00Z")).to.be.at.least(90);
        expect(w.steps[0].minSize).to.be.below(w.minSize);
    });
});
