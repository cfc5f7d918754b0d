/**
 * The capacity report of a stack: per upcoming match window, the scheduled actions
 * the stack declares and the surge simulation of the four strategies at the surge
 * factors that matter to this customer. Pure: settings in, text and charts out.
 */
import { PlatformSettings } from "../config/settings";
import { renderCapacityChartSvg } from "./chart";
import { formatUtcSecond } from "./kickoffTime";
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
    const { plan, schedule } = s.matchday;
    const lines: string[] = [];
    const charts: CapacityChart[] = [];
    lines.push(`Capacity plan of stack "${s.stack}", planned at ${formatUtcSecond(s.matchday.plannedAt)}`);
    if (plan.fixtures.length === 0) {
        lines.push("No fixtures: the group runs minSize..maxSize with target tracking only.");
        return { text: lines.join("\n"), charts };
    }
    lines.push(
        `${plan.viewersPerInstance} viewers per instance, ${plan.headroomPercent} % headroom, survives the loss of 1 of ${plan.availabilityZoneCount} zones; ` +
            `minimum raised ${plan.preWarmLeadMinutes} min before kickoff, held ${plan.matchWindowMinutes} + ${plan.releaseDelayMinutes} min; ` +
            `group ${s.web.capacity.min}..${s.web.capacity.max}, warm pool ${s.web.warmPoolSize}; on-premise today: ${fixedInstancesOf(s)} instances' worth`,
    );
    lines.push("", `Scheduled actions (${schedule.actions.length}):`);
    for (const a of schedule.actions) {
        lines.push(`  ${a.startTime}  ${a.name.padEnd(48)} minSize=${a.minSize} maxSize=${a.maxSize} desired=${a.desiredCapacity}`);
    }
    for (const note of schedule.notes) lines.push(`  note: ${note}`);

    for (const window of schedule.windows) {
        for (const name of window.fixtures) {
            const fixture = plan.fixtures.find((f) => f.name === name)!;
            const sims: { label: string; sim: MatchSimulation }[] = [];
            for (const surge of REPORT_SURGES) {
                const sim = simulateMatch({
                    fixture,
                    plan,
                    surge,
                    warmPoolSize: s.web.warmPoolSize,
                    fixedInstances: fixedInstancesOf(s),
                    window,
                });
                sims.push({ label: `x${surge.toFixed(1)}`, sim });
                charts.push({
                    fileName: `${s.stack}-${slug(name)}-x${surge.toFixed(1)}.svg`,
                    svg: renderCapacityChartSvg(sim, `${name}: demand x${surge.toFixed(1)} of ${fixture.expectedPeakViewers} viewers`),
                });
            }
            lines.push("", `${name} (kickoff ${fixture.kickoff}, ${fixture.expectedPeakViewers} viewers expected, floor ${window.minSize}):`);
            lines.push(formatSimulationTable(sims));
            const scheduled = sims.map((x) => `${x.label}: ${strategyResult(x.sim, "scheduled").minutesUnderCapacity} min under`);
            lines.push(`  this project's schedule: ${scheduled.join(", ")}`);
        }
    }
    return { text: lines.join("\n"), charts };
}
