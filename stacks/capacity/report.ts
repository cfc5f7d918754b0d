/**
 * The capacity report of a stack: per upcoming match window, the scheduled actions
 * the stack declares and the surge simulation of the four strategies at the surge
 * factors that matter to this customer. Pure: settings in, text and charts out.
 */
import { PlatformSettings } from "../config/settings";
import { renderCapacityChartSvg } from "./chart";
import { formatInstant } from "./displayTime";
import { failoverDelayMinutes, onPremiseLoad, OnPremiseSplit, simulateOnPremiseLoss } from "./onPremise";
import { formatSimulationTable, MatchSimulation, simulateMatch, strategyResult } from "./simulation";

/** Surge factors the report simulates: as planned, a bad surprise, and the 2.5x this customer lived through. */
export const REPORT_SURGES: readonly number[] = [1.0, 1.5, 2.5];

export interface CapacityChart {
    /** File name, e.g. `matchday-ucl-final-x2.5.svg`. */
    fileName: string;
    svg: string;
}

export interface CapacityReport {
    text: string;
    charts: CapacityChart[];
}

function slug(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "fixture";
}

/** Today's on-premise servers as a number of instances' worth (0 when unknown). */
export function fixedInstancesOf(s: PlatformSettings): number {
    const perInstance = s.matchday.plan.viewersPerInstance;
    return perInstance > 0 ? Math.floor(s.matchday.onPremiseViewerCapacity / perInstance) : 0;
}

export function capacityReport(s: PlatformSettings): CapacityReport {
    const { plan, schedule, displayTimeZone } = s.matchday;
    const at = (d: Date) => formatInstant(d, displayTimeZone);
    const lines: string[] = [];
    const charts: CapacityChart[] = [];
    lines.push(`Capacity plan of stack "${s.stack}", planned at ${at(s.matchday.plannedAt)}`);
    for (const past of schedule.pastFixtures) {
        lines.push(`PAST FIXTURE "${past.name}": kickoff ${at(past.kickoff)} is over; nothing is scheduled for it (fix its date or remove it)`);
    }
    if (plan.fixtures.length === 0) {
        lines.push("No fixtures: the group runs minSize..maxSize with target tracking only.");
        return { text: lines.join("\n"), charts };
    }
    lines.push(
        `${plan.viewersPerInstance} viewers per instance, ${plan.headroomPercent} % headroom, survives the loss of 1 of ${plan.availabilityZoneCount} zones; ` +
            `minimum raised ${plan.preWarmLeadMinutes} min before kickoff, held ${plan.matchWindowMinutes} + ${plan.releaseDelayMinutes} min; ` +
            `group ${s.web.capacity.min}..${s.web.capacity.max}, warm pool ${s.web.warmPoolSize}; on-premise today: ${fixedInstancesOf(s)} instances' worth`,
    );
    const split: OnPremiseSplit | undefined = s.hybrid
        ? {
            share: s.hybrid.onPremiseShare,
            capacityViewers: s.matchday.onPremiseViewerCapacity,
            failoverMinutes: failoverDelayMinutes(s.hybrid.failover.unhealthyMinutes),
        }
        : undefined;
    if (split) {
        lines.push(
            `On-premise servers (HybridLink): ${(split.share * 100).toFixed(1)} % of requests (weights cloud ${s.hybrid!.weights.cloud}, on-premise ${s.hybrid!.weights.onPremise}), ` +
                `carrying ${split.capacityViewers > 0 ? `up to ${split.capacityViewers} viewers` : "an unknown number of viewers (set kgsports:onPremiseViewerCapacity)"}. ` +
                `The plan counts on them for nothing: each floor covers the whole audience in the cloud, so losing them costs the ${split.failoverMinutes} minutes until the failover ` +
                `(health checks, ${s.hybrid!.failover.unhealthyMinutes} alarm minutes, publishing delay) moves their share to the cloud.`,
        );
    }
    lines.push("", `Scheduled actions (${schedule.actions.length}), times in UTC and ${displayTimeZone}:`);
    for (const a of schedule.actions) {
        lines.push(`  ${at(new Date(a.startTime))}  ${a.name.padEnd(48)} minimum ${a.previousMinSize} -> ${a.minSize} (max and desired unchanged)`);
    }
    for (const note of schedule.notes.filter((n) => !n.startsWith("past fixture "))) lines.push(`  note: ${note}`);

    for (const window of schedule.windows) {
        const fixtures = window.fixtures.map((name) => plan.fixtures.find((f) => f.name === name)!);
        const first = fixtures[0];
        const label = window.fixtures.join(" + ");
        const sims: { label: string; sim: MatchSimulation }[] = [];
        for (const surge of REPORT_SURGES) {
            const sim = simulateMatch({
                fixture: first,
                fixtures,
                plan,
                surge,
                warmPoolSize: s.web.warmPoolSize,
                fixedInstances: fixedInstancesOf(s),
                window,
                deployedAt: s.matchday.plannedAt,
            });
            sims.push({ label: `x${surge.toFixed(1)}`, sim });
            charts.push({
                fileName: `${s.stack}-${slug(label)}-x${surge.toFixed(1)}.svg`,
                svg: renderCapacityChartSvg(sim, `${label}: demand x${surge.toFixed(1)} of ${fixtures.map((f) => f.expectedPeakViewers).join(" + ")} viewers`),
            });
        }
        const audience = fixtures.length > 1
            ? `${fixtures.map((f) => f.expectedPeakViewers).join(" + ")} viewers expected, concurrent where their windows overlap`
            : `${first.expectedPeakViewers} viewers expected`;
        lines.push("", `${label} (kickoff ${at(window.kickoff)}, ${audience}, floor up to ${window.minSize}):`);
        lines.push(formatSimulationTable(sims));
        const scheduled = sims.map((x) => `${x.label}: ${strategyResult(x.sim, "scheduled").minutesUnderCapacity} min under`);
        lines.push(`  this project's schedule: ${scheduled.join(", ")}`);
        if (split) {
            for (const { label: surge, sim } of sims) {
                const load = onPremiseLoad(sim, split);
                const loss = simulateOnPremiseLoss(sim, plan.viewersPerInstance, split);
                lines.push(
                    `  on-premise ${surge}: ${load.peakViewers} viewers at the peak` +
                        (split.capacityViewers > 0 ? (load.minutesOverloaded > 0 ? `, OVER their ${split.capacityViewers} for ${load.minutesOverloaded} min` : `, within their ${split.capacityViewers}`) : "") +
                        `; lost at minute ${loss.lossMinute} (${loss.demandAtLoss} viewers): ${loss.minutesShort} min short, worst ${loss.worstShortfallPercent.toFixed(1)} %, ` +
                        `all served again ${loss.minutesToCovered} min after the loss`,
                );
            }
        }
    }
    return { text: lines.join("\n"), charts };
}
