import { expect } from "chai";
import { failoverDelayMinutes, onPremiseLoad, simulateOnPremiseLoss } from "../stacks/capacity/onPremise";
import { MatchSimulation, simulateMatch, strategyResult } from "../stacks/capacity/simulation";
import { matchdayPlan } from "./helpers/capacityPlan";

const final = { name: "UCL final", kickoff: "2027-05-29T19:00:00Z", expectedPeakViewers: 150_000, surgeFactor: 1.5 };

function simAt(surge: number): MatchSimulation {
    return simulateMatch({ fixture: final, plan: matchdayPlan([final]), surge, fixedInstances: 24, warmPoolSize: 40 });
}

describe("the on-premise servers in the capacity plan", () => {
    it("the failover takes a minute of health checks, the alarm's minutes and a minute of publishing delay", () => {
        expect(failoverDelayMinutes(2)).to.equal(4);
        expect(failoverDelayMinutes(5)).to.equal(7);
    });

    it("losing them at the busiest minute leaves exactly their share unserved until the failover, then the cloud floor carries everyone", () => {
        const sim = simAt(1);
        const busiest = Math.max(...sim.demand);
        const loss = simulateOnPremiseLoss(sim, 2000, { share: 0.1, capacityViewers: 48_000, failoverMinutes: 4 });
        expect(loss.demandAtLoss).to.equal(busiest);
        expect(sim.demand[sim.minutes.indexOf(loss.lossMinute)]).to.equal(busiest);
        expect(loss.minutesShort).to.equal(4);
        expect(loss.minutesToCovered).to.equal(4);
        expect(loss.worstShortfallPercent).to.be.closeTo(10, 1e-9);
        // The cloud floor alone serves the whole audience at 1.0x: nothing short once failed over.
        const cloud = strategyResult(sim, "scheduled").capacity;
        const i = sim.minutes.indexOf(loss.lossMinute);
        expect(cloud[i] * 2000).to.be.at.least(busiest);
        // A longer failover costs minutes one for one.
        expect(simulateOnPremiseLoss(sim, 2000, { share: 0.1, capacityViewers: 48_000, failoverMinutes: 7 }).minutesShort).to.equal(7);
    });

    it("a cloud too small for the whole audience stays short after the failover, and says so", () => {
        const sim = simAt(2.5);
        const tinyCloud = simulateOnPremiseLoss({ ...sim, results: sim.results.map((r) => (r.strategy === "scheduled" ? { ...r, capacity: r.capacity.map(() => 1) } : r)) }, 2000, {
            share: 0.1,
            capacityViewers: 48_000,
            failoverMinutes: 4,
        });
        expect(tinyCloud.minutesToCovered).to.be.above(4);
        expect(tinyCloud.worstShortfallPercent).to.be.above(90);
    });

    it("their load is their share of the audience, and the minutes it exceeds what they carry", () => {
        const sim = simAt(2.5);
        const load = onPremiseLoad(sim, { share: 0.1, capacityViewers: 48_000, failoverMinutes: 4 });
        expect(load.peakViewers).to.equal(Math.round(Math.max(...sim.demand) * 0.1));
        expect(load.minutesOverloaded).to.equal(0);
        const heavy = onPremiseLoad(sim, { share: 0.2, capacityViewers: 48_000, failoverMinutes: 4 });
        expect(heavy.minutesOverloaded).to.equal(sim.demand.filter((d) => d * 0.2 > 48_000).length);
        expect(heavy.minutesOverloaded).to.be.above(0);
        expect(onPremiseLoad(sim, { share: 0.2, capacityViewers: 0, failoverMinutes: 4 }).minutesOverloaded).to.equal(0);
    });
});
