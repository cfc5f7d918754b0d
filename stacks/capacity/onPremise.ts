/**
 * The on-premise servers in the capacity plan. The load balancer sends them a fixed
 * share of requests (their forward weight over the sum), whatever the audience, so
 * their load grows with it: at every surge a fixture asks for, that share must fit
 * what they carry. The cloud floor is still sized for the whole audience (N+1 over the
 * zones), so losing them costs the minutes until the failover moves their share to the
 * cloud, and the failover must move it as soon as fewer servers are healthy than their
 * share needs. Pure.
 */
import { askedSurges, sameSurge } from "./fixtures";
import type { CapacityPlanInput, Fixture } from "./planInput";
import { fixtureKickoff } from "./kickoffTime";
import { finalWhistleMinute } from "./audience";
import { ceilTolerant } from "./instanceMaths";
import type { MatchWindow } from "./schedule";
import type { MatchSimulation, MatchSimulationInput } from "./simulation";
import { simulateMatch, strategyResult, windowDemand } from "./simulation";

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
export function onPremiseLoad(sim: MatchSimulation, split: Pick<OnPremiseSplit, "share" | "capacityViewers">): OnPremiseLoad {
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
 * Losing the on-premise servers at the busiest minute of a match: the scenario is
 * simulated again with the split, and with the servers lost at that minute. Until the
 * failover their share is unserved; after it the cloud group gets every request and
 * its target tracking sees them all, so a cloud that followed only its own share above
 * the floor may need minutes to catch up (the floor covers the whole planned audience).
 */
export function simulateOnPremiseLoss(input: Omit<MatchSimulationInput, "onPremise">, split: OnPremiseSplit): OnPremiseLossResult {
    const serving = { share: split.share, capacityViewers: split.capacityViewers };
    const healthy = simulateMatch({ ...input, onPremise: serving });
    let loss = 0;
    healthy.demand.forEach((d, i) => {
        if (d > healthy.demand[loss]) loss = i;
    });
    const lossMinute = healthy.minutes[loss];
    const lost = simulateMatch({ ...input, onPremise: { ...serving, lostAtMinute: lossMinute, failoverMinutes: split.failoverMinutes } });
    const cloud = strategyResult(lost, "scheduled").capacity;
    const vpi = input.plan.viewersPerInstance;
    let minutesShort = 0;
    let worst = 0;
    let lastShort = -1;
    for (let i = loss; i < lost.demand.length; i++) {
        const unserved = Math.max(0, lost.onPremise!.cloudDemand[i] - cloud[i] * vpi) + lost.onPremise!.unserved[i];
        if (unserved > 1e-6) {
            minutesShort += 1;
            lastShort = i;
            worst = Math.max(worst, (unserved / lost.demand[i]) * 100);
        }
    }
    return {
        lossMinute,
        demandAtLoss: healthy.demand[loss],
        minutesShort,
        worstShortfallPercent: worst,
        minutesToCovered: lastShort < 0 ? 0 : lastShort - loss + 1,
    };
}

/** One scenario the fixtures of an upcoming window ask for, at its busiest minute. */
export interface AskedPeak {
    /** The window: its fixtures' names joined with " + ". */
    window: string;
    /** The surge applied to every fixture of the window (1.0, or a fixture's surgeFactor), as the capacity report simulates it. */
    surge: number;
    /** Concurrent viewers of the whole window at its busiest minute, the larger of the two endings. */
    peakViewers: number;
}

/**
 * The busiest minute of every scenario the capacity report's verdict checks: per
 * upcoming window, each surge one of its fixtures asks for ({@link askedSurges}),
 * applied to all of its fixtures, their audiences added up minute by minute on their
 * own kickoffs, in normal time and with extra time (the larger peak).
 */
export function askedPeaks(plan: Pick<CapacityPlanInput, "fixtures">, windows: readonly MatchWindow[]): AskedPeak[] {
    const out: AskedPeak[] = [];
    for (const w of windows) {
        const members = w.fixtures.map((name) => plan.fixtures.find((f) => f.name === name)).filter((f): f is Fixture => f !== undefined);
        if (members.length === 0) continue;
        const kickoff = fixtureKickoff(members[0]);
        if (kickoff === undefined) continue;
        const lastOffset = Math.max(...members.map((f) => Math.round(((fixtureKickoff(f)?.getTime() ?? kickoff.getTime()) - kickoff.getTime()) / 60_000)));
        const surges: number[] = [];
        for (const x of members.flatMap(askedSurges)) if (!surges.some((y) => sameSurge(x, y))) surges.push(x);
        for (const surge of surges.sort((a, b) => a - b)) {
            const peakViewers = Math.max(
                ...[false, true].map((extraTime) =>
                    Math.max(...windowDemand(members, kickoff, -90, lastOffset + finalWhistleMinute(true) + 60, extraTime, (f) => f.expectedPeakViewers, surge))),
            );
            out.push({ window: w.fixtures.join(" + "), surge, peakViewers });
        }
    }
    return out;
}

/**
 * The largest on-premise weight, 0 to 999, whose share of `peakViewers` fits
 * `capacityViewers` next to `cloudWeight`: `peak x w / (cloudWeight + w) <= capacity`.
 * 0 when none does (with a cloud weight of 0 any on-premise weight gets everything).
 */
export function fittingOnPremiseWeight(cloudWeight: number, peakViewers: number, capacityViewers: number): number {
    const fits = (w: number) => peakViewers * w <= capacityViewers * (cloudWeight + w);
    let w = peakViewers <= capacityViewers ? 999 : Math.min(999, Math.floor((capacityViewers * cloudWeight) / (peakViewers - capacityViewers)));
    while (w > 0 && !fits(w)) w -= 1;
    return w;
}

/**
 * The smallest cloud weight, 0 to 999, next to which `onPremiseWeight` gets a share of
 * `peakViewers` that fits `capacityViewers`; undefined when even 999 is not enough.
 */
export function fittingCloudWeight(onPremiseWeight: number, peakViewers: number, capacityViewers: number): number | undefined {
    if (peakViewers <= capacityViewers) return 0;
    if (capacityViewers <= 0) return undefined;
    const fits = (c: number) => peakViewers * onPremiseWeight <= capacityViewers * (c + onPremiseWeight);
    let c = Math.max(0, Math.ceil((onPremiseWeight * (peakViewers - capacityViewers)) / capacityViewers));
    while (c <= 999 && !fits(c)) c += 1;
    return c <= 999 ? c : undefined;
}

/**
 * Servers the on-premise share needs: `ceil(shareViewers / (capacityViewers / servers))`,
 * each server carrying an equal part of `capacityViewers`; at least 1 (with no
 * audience, the failover still moves their share when none is healthy). Can exceed
 * `servers` when the share does not fit.
 */
export function serversNeeded(shareViewers: number, capacityViewers: number, servers: number): number {
    if (capacityViewers <= 0 || servers <= 0) return 1;
    return Math.max(1, ceilTolerant((shareViewers * servers) / capacityViewers));
}
