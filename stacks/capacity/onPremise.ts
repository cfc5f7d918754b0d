/**
 * The on-premise servers in the capacity plan. The load balancer sends them a fixed
 * share of requests (their forward weight), whatever the audience; the plan counts on
 * them for nothing: the cloud floor is sized for the whole audience (N+1 over the
 * zones), so losing them costs only the minutes until the failover moves their share
 * to the cloud. Pure.
 */
import type { MatchSimulation } from "./simulation";
import { strategyResult } from "./simulation";

/**
 * Minutes from the loss of the on-premise servers until the cloud takes their share:
 * about 1 minute for the load balancer's health checks to mark every server unhealthy
 * (3 failed checks 15 s apart), `unhealthyMinutes` one-minute datapoints for the
 * failover alarm, and 1 minute of CloudWatch's publishing delay; the alarm event and
 * the failover function take seconds. Until then their share of requests goes to dead
 * targets (an ALB target group with no healthy target fails open).
 */
export function failoverDelayMinutes(unhealthyMinutes: number): number {
    return 1 + unhealthyMinutes + 1;
}

export interface OnPremiseSplit {
    /** Share of requests the on-premise servers get, 0 to 1 (their weight over the sum). */
    share: number;
    /** Concurrent viewers the on-premise servers carry (0: unknown). */
    capacityViewers: number;
    /** Minutes from losing them to the failover ({@link failoverDelayMinutes}). */
    failoverMinutes: number;
}

export interface OnPremiseLoad {
    /** Viewers sent to the on-premise servers at the busiest minute. */
    peakViewers: number;
    /** Minutes in which their share exceeds what they carry (0 when their capacity is unknown). */
    minutesOverloaded: number;
}

/** The on-premise servers' share of the simulated audience, and the minutes it exceeds their capacity. */
export function onPremiseLoad(sim: MatchSimulation, split: OnPremiseSplit): OnPremiseLoad {
    const sent = sim.demand.map((d) => d * split.share);
    return {
        peakViewers: Math.round(Math.max(0, ...sent)),
        minutesOverloaded: split.capacityViewers > 0 ? sent.filter((v) => v > split.capacityViewers).length : 0,
    };
}

export interface OnPremiseLossResult {
    /** Minute (from kickoff) the servers are lost: the busiest minute. */
    lossMinute: number;
    /** Viewers at that minute. */
    demandAtLoss: number;
    /** Minutes in which some viewers were not served, from the loss on. */
    minutesShort: number;
    /** Largest share of demand not served in a minute from the loss on, percent. */
    worstShortfallPercent: number;
    /** Minutes after the loss until every viewer is served again (the failover, or longer if the cloud is short). */
    minutesToCovered: number;
}

/**
 * Losing the on-premise servers at the busiest minute of a simulated match, with the
 * scheduled strategy's cloud fleet: until the failover their share is unserved; after
 * it the cloud serves everyone up to its capacity (the plan sized it for the whole
 * audience, so normally at once).
 */
export function simulateOnPremiseLoss(sim: MatchSimulation, viewersPerInstance: number, split: OnPremiseSplit): OnPremiseLossResult {
    const cloud = strategyResult(sim, "scheduled").capacity;
    let loss = 0;
    sim.demand.forEach((d, i) => {
        if (d > sim.demand[loss]) loss = i;
    });
    let minutesShort = 0;
    let worst = 0;
    let lastShort = -1;
    for (let i = loss; i < sim.demand.length; i++) {
        const demand = sim.demand[i];
        const cloudServes = cloud[i] * viewersPerInstance;
        const served = i - loss < split.failoverMinutes ? Math.min(demand * (1 - split.share), cloudServes) : Math.min(demand, cloudServes);
        if (served < demand) {
            minutesShort += 1;
            lastShort = i;
            worst = Math.max(worst, ((demand - served) / demand) * 100);
        }
    }
    return {
        lossMinute: sim.minutes[loss],
        demandAtLoss: sim.demand[loss],
        minutesShort,
        worstShortfallPercent: worst,
        minutesToCovered: lastShort < 0 ? 0 : lastShort - loss + 1,
    };
}
