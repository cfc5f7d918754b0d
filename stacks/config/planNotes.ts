/**
 * The lines a reviewer reads with the plan, from a stack's validated settings. Pure.
 */
import { formatInstant } from "../capacity/displayTime";
import { PROJECT } from "./project";
import type { PlatformSettings } from "./settings";

const full = (key: string) => `${PROJECT}:${key}`;

/**
 * Lines a reviewer should read with the plan: fixtures already past first (a wrong year
 * must not hide among the rest), then where this stack is weaker than production
 * defaults, what the deploy does to the running group, and the schedule's decisions.
 */
export function settingsNotes(s: PlatformSettings): string[] {
    const notes: string[] = [];
    const m = s.matchday;
    const at = (d: Date) => formatInstant(d, m.displayTimeZone);
    for (const past of m.schedule.pastFixtures) {
        notes.push(
            `PAST FIXTURE "${past.name}": kickoff ${at(past.kickoff)} is over (its window ended ${at(past.releaseAt)}); nothing is scheduled for it. ` +
            `If that is not the match you meant, fix its date in ${full("fixtures")}; otherwise remove it`,
        );
    }
    if (s.network.natGateways === "Single") notes.push(`${full("natGateways")} = Single: losing that zone cuts the instances' outbound access`);
    if (!s.web.amiId) {
        notes.push(
            `${full("amiId")} is not set: the AMI is the latest Amazon Linux 2023, looked up at deploy time; a new release rolls the fleet at the next deploy outside a match window (pin amiId for the season)`,
        );
    }
    if (!s.web.deletionProtection) notes.push(`${full("deletionProtection")} = false: the load balancer can be deleted by a destroy`);
    notes.push(
        s.web.raiseRunningDesired
            ? `${full("desiredCapacity")} = ${s.web.capacity.desired}: this deploy brings a running fleet that runs fewer up to ${s.web.capacity.desired} (it reads the group's live desired capacity and never declares less); a fleet running more keeps its size`
            : `${full("desiredCapacity")} is not applied to a running fleet by this deploy: a match window is near or on, so no deploy reads or sends desired (a new group would start with ${s.web.capacity.desired})`,
    );
    if (m.floorNow !== undefined) {
        notes.push(
            `a match window is on or starts within the minimum lead: the group's minimum is declared at ${s.web.capacity.min} (the window's floor), not ${full("minSize")} = ${m.plan.baselineMinSize}; ` +
            `the window's remaining scheduled actions, its release included, stay declared`,
        );
    }
    if (s.web.launchTemplateFreeze !== undefined) notes.push(s.web.launchTemplateFreeze.note);
    for (const w of m.schedule.windows) {
        const steps = w.steps.length > 1 ? `; steps ${w.steps.map((st) => `${st.minSize} from ${at(st.at)}`).join(", ")}` : "";
        notes.push(`match window ${w.fixtures.join(" + ")}: minimum up to ${w.minSize} from ${at(w.preWarmAt)} to ${at(w.releaseAt)}${steps}`);
    }
    notes.push(...m.schedule.notes.filter((n) => !n.startsWith("past fixture ")));
    if (s.web.warmPoolSize > 0) notes.push(`warm pool: ${s.web.warmPoolSize} stopped instances`);
    notes.push(...reservationNotes(s));
    return notes;
}

/**
 * One line per upcoming reservation (the load balancer's per match day, the instances'
 * per window), then the reservation plan's own notes (late requests caught up, days merged).
 */
export function reservationNotes(s: PlatformSettings): string[] {
    const m = s.matchday;
    const at = (d: Date) => formatInstant(d, m.displayTimeZone);
    const ahead = (end: Date) => end.getTime() > m.plannedAt.getTime();
    return [
        ...s.reservations.plan.loadBalancer.filter((r) => ahead(r.resetAt)).map((r) =>
            `load balancer reservation ${r.name} (${r.fixtures.join(" + ")}): ${r.capacityUnits} LCU for ${Math.round(r.plannedViewers)} planned viewers ` +
            `(${r.demand.dominant} dominates), requested ${at(r.requestAt)}, reset ${at(r.resetAt)}`),
        ...s.reservations.plan.instances.filter((r) => ahead(r.endAt)).map((r) =>
            `instance reservation ${r.name} (${r.fixtures.join(" + ")}): ${r.perZone} x ${s.web.instanceType} in each of ${r.zones} zones, created ${at(r.createAt)}, ended by AWS within an hour of ${at(r.endAt)}`),
        ...s.reservations.plan.notes,
    ];
}
