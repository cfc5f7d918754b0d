import { expect } from "chai";
import {
    askedPeaks,
    failoverDelayMinutes,
    fittingCloudWeight,
    fittingOnPremiseWeight,
    onPremiseLoad,
    serversNeeded,
    simulateOnPremiseLoss,
} from "../stacks/capacity/onPremise";
import { MatchSimulation, MatchSimulationInput, simulateMatch, strategyResult } from "../stacks/capacity/simulation";
import { planCapacitySchedule } from "../stacks/capacity/schedule";
import { shortfallSpans } from "../stacks/capacity/chart";
import type { Fixture } from "../stacks/capacity/fixtures";
import { matchdayPlan, SMALL_NIGHT, SMALL_NIGHT_PLAN } from "./helpers/capacityPlan";

const final = { name: "UCL final", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 150_000, surgeFactor: 1.5 };

function inputAt(surge: number, fixture: Fixture = final, over: Partial<MatchSimulationInput> = {}): MatchSimulationInput {
    return { fixture, plan: matchdayPlan([fixture]), surge, fixedInstances: 24, warmPoolSize: 40, ...over };
}

function simAt(surge: number): MatchSimulation {
    return simulateMatch(inputAt(surge));
}

/** The night: 420 000 viewers expected, planned (and simulated) at its surge factor of 2.5. */
const bigNight = { name: "Big night", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 420_000, surgeFactor: 2.5 };

describe("the on-premise servers in the capacity plan", () => {
    it("the failover takes a minute of health checks, the alarm's minutes and a minute of publishing delay", () => {
        expect(failoverDelayMinutes(2)).to.equal(4);
        expect(failoverDelayMinutes(5)).to.equal(7);
    });

    it("losing them at the busiest minute leaves exactly their share unserved until the failover, then the cloud floor carries everyone", () => {
        const sim = simAt(1);
        const busiest = Math.max(...sim.demand);
        const loss = simulateOnPremiseLoss(inputAt(1), { share: 0.1, capacityViewers: 48_000, failoverMinutes: 4 });
        expect(loss.demandAtLoss).to.equal(busiest);
        expect(sim.demand[sim.minutes.indexOf(loss.lossMinute)]).to.equal(busiest);
        expect(loss.minutesShort).to.equal(4);
        expect(loss.minutesToCovered).to.equal(4);
        expect(loss.worstShortfallPercent).to.be.closeTo(10, 1e-9);
        // A longer failover costs minutes one for one.
        expect(simulateOnPremiseLoss(inputAt(1), { share: 0.1, capacityViewers: 48_000, failoverMinutes: 7 }).minutesShort).to.equal(7);
    });

    it("a cloud too small for the whole audience stays short after the failover, and says so", () => {
        // 200 000 expected at 2.5x: 500 000 viewers, the cloud's 90 % (450 000) fits maxSize 240 x 2 000 = 480 000, everyone does not.
        const night = { name: "Night", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 200_000 };
        const healthy = simulateMatch({ ...inputAt(2.5, night), onPremise: { share: 0.1, capacityViewers: 48_000 } });
        const loss = simulateOnPremiseLoss(inputAt(2.5, night), { share: 0.1, capacityViewers: 48_000, failoverMinutes: 4 });
        expect(Math.max(...healthy.demand)).to.equal(500_000);
        expect(loss.minutesToCovered).to.be.above(4);
        expect(loss.minutesShort).to.be.above(4);
        // Their share until the failover: 10 %; after it the cloud is short by (500 000 - 480 000) / 500 000 = 4 %.
        expect(loss.worstShortfallPercent).to.be.closeTo(10, 1e-9);
    });

    it("their load is their share of the audience, and the minutes it exceeds what they carry", () => {
        const sim = simAt(2.5);
        const load = onPremiseLoad(sim, { share: 0.1, capacityViewers: 48_000 });
        expect(load.peakViewers).to.equal(Math.round(Math.max(...sim.demand) * 0.1));
        expect(load.minutesOverloaded).to.equal(0);
        const heavy = onPremiseLoad(sim, { share: 0.2, capacityViewers: 48_000 });
        expect(heavy.minutesOverloaded).to.equal(sim.demand.filter((d) => d * 0.2 > 48_000).length);
        expect(heavy.minutesOverloaded).to.be.above(0);
        expect(onPremiseLoad(sim, { share: 0.2, capacityViewers: 0 }).minutesOverloaded).to.equal(0);
    });
});

describe("the simulation splits the audience with the on-premise servers", () => {
    it("target tracking sizes the cloud for the cloud group's requests only", () => {
        // 10 000 viewers at the plateau (minutes 95 to 110), 1 000 per instance, target 70 %:
        // the whole audience needs ceil(10 000 / 700) = 15 in service, the cloud's half ceil(5 000 / 700) = 8.
        const plan = { ...SMALL_NIGHT_PLAN, fixtures: [SMALL_NIGHT] };
        const at = (sim: MatchSimulation, m: number) => strategyResult(sim, "reactive").capacity[sim.minutes.indexOf(m)];
        const alone = simulateMatch({ fixture: SMALL_NIGHT, plan, fixedInstances: 0 });
        const split = simulateMatch({ fixture: SMALL_NIGHT, plan, fixedInstances: 0, onPremise: { share: 0.5, capacityViewers: 0 } });
        expect(split.demand[split.minutes.indexOf(110)]).to.equal(10_000);
        expect(at(alone, 110)).to.equal(15);
        expect(at(split, 110)).to.equal(8);
        expect(split.onPremise!.cloudDemand[split.minutes.indexOf(110)]).to.equal(5_000);
        // Today's servers alone and the oracle still carry everyone.
        expect(strategyResult(split, "oracle").capacity).to.deep.equal(strategyResult(alone, "oracle").capacity);
    });

    it("the issue's night: 420 000 x 2.5 x 10 % = 105 000 viewers sent to servers that carry 48 000, for 130 minutes: not covered", () => {
        const sim = simulateMatch({ ...inputAt(2.5, bigNight, { plan: matchdayPlan([bigNight], { groupMaxSize: 1000 }) }), onPremise: { share: 10 / 100, capacityViewers: 48_000 } });
        expect(sim.onPremise!.peakViewers).to.equal(105_000);
        // Over 48 000 while the audience is above 48 000 / 105 000 = 45.7 % of its peak: from minute -11 of the kickoff
        // surge (0.35 + 0.5 x 4 / 15 = 48.3 %; minute -12 is 45.0 %) to minute 118 of the decay after the whistle at 110
        // (0.05 + 0.95 x e^-0.8 = 47.7 %; minute 119 is 43.6 %): 130 minutes.
        const over = sim.minutes.filter((_, i) => sim.onPremise!.sent[i] > 48_000);
        expect([over[0], over[over.length - 1], over.length]).to.deep.equal([-11, 118, 130]);
        expect(sim.onPremise!.minutesOverloaded).to.equal(130);
        const scheduled = strategyResult(sim, "scheduled");
        expect(scheduled.minutesUnderCapacity).to.be.at.least(130);
        // At the peak (1 050 000 viewers) 105 000 - 48 000 = 57 000 go unserved: 5.43 %.
        expect(scheduled.worstShortfallPercent).to.be.closeTo((57_000 / 1_050_000) * 100, 1e-6);
        // The chart shades exactly those minutes (the cloud serves its 90 % throughout).
        expect(shortfallSpans(sim)).to.deep.equal([{ from: -11, to: 118 }]);
        // With a weight that fits (4 next to 90) nothing is short.
        const fits = simulateMatch({ ...inputAt(2.5, bigNight, { plan: matchdayPlan([bigNight], { groupMaxSize: 1000 }) }), onPremise: { share: 4 / 94, capacityViewers: 48_000 } });
        expect(fits.onPremise!.minutesOverloaded).to.equal(0);
        expect(strategyResult(fits, "scheduled").minutesUnderCapacity).to.equal(0);
        expect(shortfallSpans(fits)).to.deep.equal([]);
    });
});

describe("what the plan checks the on-premise share against", () => {
    it("the busiest minute of each surge a window's fixtures ask for, applied to all of them, concurrent audiences added", () => {
        const plan = matchdayPlan([bigNight], { groupMaxSize: 1000 });
        const windows = planCapacitySchedule(plan, new Date("2027-05-01T00:00:00Z")).windows;
        expect(askedPeaks(plan, windows)).to.deep.equal([
            { window: "Big night", surge: 1, peakViewers: 420_000 },
            { window: "Big night", surge: 2.5, peakViewers: 1_050_000 },
        ]);
        // Two 100 000-viewer matches at the same kickoff, one asking for 2.5x: the report simulates the window at 2.5x,
        // both matches at 2.5x: 250 000 + 250 000 at the peak.
        const a = { name: "A", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 100_000 };
        const b = { name: "B", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 100_000, surgeFactor: 2.5 };
        const both = matchdayPlan([a, b], { groupMaxSize: 1000 });
        expect(askedPeaks(both, planCapacitySchedule(both, new Date("2027-05-01T00:00:00Z")).windows)).to.deep.equal([
            { window: "A + B", surge: 1, peakViewers: 200_000 },
            { window: "A + B", surge: 2.5, peakViewers: 500_000 },
        ]);
    });

    it("the weights that fit: 1 050 000 viewers and 48 000 on-premise", () => {
        // 4 / 94 x 1 050 000 = 44 681 fits; 5 / 95 x 1 050 000 = 55 263 does not.
        expect(fittingOnPremiseWeight(90, 1_050_000, 48_000)).to.equal(4);
        // 10 / 219 x 1 050 000 = 47 945 fits; 10 / 218 x 1 050 000 = 48 165 does not.
        expect(fittingCloudWeight(10, 1_050_000, 48_000)).to.equal(209);
        // An audience they carry whole: any weight.
        expect(fittingOnPremiseWeight(90, 40_000, 48_000)).to.equal(999);
        expect(fittingCloudWeight(10, 40_000, 48_000)).to.equal(0);
        // Without a cloud weight they get everything, so no on-premise weight fits; no cloud weight up to 999 saves 999 on-premise.
        expect(fittingOnPremiseWeight(0, 1_050_000, 48_000)).to.equal(0);
        expect(fittingCloudWeight(999, 1_050_000, 48_000)).to.equal(undefined);
        // Exactly at capacity fits: 48 000 / 480 000 = 10 / 100.
        expect(fittingOnPremiseWeight(90, 480_000, 48_000)).to.equal(10);
    });

    it("the servers the share needs: each carries an equal part of what they carry together", () => {
        // The final: 150 000 x 1.5 x 10 % = 22 500 viewers, 3 servers of 48 000 / 3 = 16 000: 2.
        expect(serversNeeded(22_500, 48_000, 3)).to.equal(2);
        expect(serversNeeded(32_000, 48_000, 3)).to.equal(2);
        expect(serversNeeded(32_001, 48_000, 3)).to.equal(3);
        expect(serversNeeded(16_000, 48_000, 3)).to.equal(1);
        expect(serversNeeded(0, 48_000, 3)).to.equal(1);
        // Unknown capacity: the failover at none healthy, as before.
        expect(serversNeeded(22_500, 0, 3)).to.equal(1);
    });
});
