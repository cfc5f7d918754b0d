/**
 * The capacity report of a stack: per upcoming match window, the scheduled actions
 * the stack declares and the surge simulation at the surges that matter to this
 * customer and each fixture's own surge factor, with both endings (normal time, extra
 * time), under the slow end of AWS's timing; what each night and the season cost; and
 * a verdict: whether every scenario a fixture asks for is covered. Pure: settings in,
 * text, charts and the verdict out.
 *
 * Above both the capacity model and the config: it reads the whole stack's settings
 * (web tier, hybrid link, plan, prices, reservations) and tells the operator which
 * `kgsports:` key to set, so it lives here rather than in stacks/capacity.
 */
import { PlatformSettings } from "../config/settings";
import { renderCapacityChartSvg } from "../capacity/chart";
import { DAYS_PER_MONTH, instanceHoursUsd, SeasonCost, seasonCost, seasonOf } from "../capacity/cost";
import { formatUnitPrice, formatUsd } from "../capacity/money";
import { formatInstant, formatUtcMinute, zonedParts } from "../capacity/displayTime";
import { askedSurges, formatSurge, sameSurge } from "../capacity/fixtures";
import type { Fixture } from "../capacity/fixtures";
import { describePrices } from "../capacity/prices";
import { BILL_COMPONENTS, BillContext, bytesSensitivity, COMPONENT_NAMES, DEFAULT_BILL_ASSUMPTIONS, NightBill, NightInput, SeasonBill, seasonBill } from "../capacity/bill";
import type { BillAssumptions, ComponentBill, BytesSensitivity } from "../capacity/bill";
import { billPricesOf, priceTableOf } from "../capacity/priceTable";
import type { PriceRow } from "../capacity/priceTable";
import { PROJECT } from "../config/project";
import type { CapacityPrices } from "../capacity/prices";
import { failoverDelayMinutes, onPremiseLoad, OnPremiseSplit, simulateOnPremiseLoss } from "../capacity/onPremise";
import type { MatchWindow } from "../capacity/schedule";
import {
    DEFAULT_SIMULATION_PARAMS,
    finalWhistleMinute,
    MatchSimulation,
    SimulationParams,
    simulateMatch,
    strategyResult,
    StrategyResult,
    Timing,
    timingParams,
} from "../capacity/simulation";
import { DEFAULT_STORE_LOAD, PEAK_SECOND_FACTOR, STORE_OPERATION_UNITS, storeRequestUnits, UserStoreCapacitySettings } from "../capacity/storeLoad";
import { requiredWarmThroughput, STORE_SIZING_SURGE, storeNeed, StoreNeedDriver } from "../capacity/storeNeed";

/** Surge factors the report simulates for every window: as planned, a bad surprise, and the 2.5x this customer lived through. */
export const REPORT_SURGES: readonly number[] = [1.0, 1.5, 2.5];

/** The timing the verdict rests on: the slow end of what AWS documents. */
export const VERDICT_TIMING: Timing = "pessimistic";

export interface CapacityChart {
    /** File name, e.g. `matchday-ucl-final-x2.5-extra-time.svg`: always `<stack>-` first. */
    fileName: string;
    svg: string;
}

/** One simulated scenario of a window: a surge and an ending, under both timings. */
export interface ReportScenario {
    /** The window: its fixtures' names joined with " + ". */
    window: string;
    /** Actual demand as a multiple of each fixture's expected peak. */
    surge: number;
    /** Whether a fixture of the window asks for this surge (1.0 always; its surgeFactor). */
    asked: boolean;
    /** Whether the match goes to extra time and penalties. */
    extraTime: boolean;
    /** The simulation under {@link VERDICT_TIMING}. */
    sim: MatchSimulation;
    /** The same scenario under the model's default timing. */
    defaultTimingSim: MatchSimulation;
}

/** A scenario a fixture asks for that the plan does not cover under {@link VERDICT_TIMING}. */
export interface UncoveredScenario {
    window: string;
    surge: number;
    extraTime: boolean;
    /** Minutes some viewers are not served: the cloud short of its share, or the on-premise servers over theirs. */
    minutesUnderCapacity: number;
    worstShortfallPercent: number;
    /** Of those, minutes the on-premise servers are sent more viewers than they carry (0 without HybridLink). */
    onPremiseMinutesOverloaded: number;
    /** Minutes whose busiest second asks the user store for more than its warm throughput (0 without a store). */
    storeThrottledMinutes: number;
}

export interface CapacityReport {
    text: string;
    charts: CapacityChart[];
    /** Every simulated scenario, window by window, surge by surge, normal time before extra time. */
    scenarios: ReportScenario[];
    /** The asked-for scenarios with minutes under capacity or, with a user store, minutes it is throttled; empty when covered. */
    uncovered: UncoveredScenario[];
    /**
     * Whether every scenario a fixture asks for has no minute under capacity and, with a
     * user store, no minute with the store throttled (true without windows).
     */
    covered: boolean;
    /** The season in money; undefined without an upcoming window. */
    season: SeasonCost | undefined;
    /** The whole bill by component, each night at x1.0 and the season; undefined without an upcoming window. */
    bill: SeasonBill | undefined;
    /** Every price the bill uses. */
    priceTable: PriceRow[];
}

export { formatSurge };

/** `normal time` or `extra time`. */
export function endingName(extraTime: boolean): string {
    return extraTime ? "extra time" : "normal time";
}

function slug(text: string): string {
    return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "fixture";
}

/** The chart file of a scenario: `<stack>-<window>-x<surge>-<normal-time|extra-time>.svg`. */
export function chartFileName(stack: string, window: string, surge: number, extraTime: boolean): string {
    return `${stack}-${slug(window)}-x${formatSurge(surge)}-${slug(endingName(extraTime))}.svg`;
}

/** Today's on-premise servers as a number of instances' worth (0 when unknown). */
export function fixedInstancesOf(s: PlatformSettings): number {
    const perInstance = s.matchday.plan.viewersPerInstance;
    return perInstance > 0 ? Math.floor(s.matchday.onPremiseViewerCapacity / perInstance) : 0;
}

export { askedSurges };

/** The surges simulated for a window: {@link REPORT_SURGES} and every fixture's surgeFactor, ascending. */
export function windowSurges(fixtures: readonly Fixture[]): number[] {
    const all: number[] = [...REPORT_SURGES];
    for (const f of fixtures) for (const x of askedSurges(f)) if (!all.some((y) => sameSurge(x, y))) all.push(x);
    return all.sort((a, b) => a - b);
}

function describeTiming(p: SimulationParams): string {
    return `CloudWatch data ${p.metricDelayMinutes} min late, scheduled actions ${p.scheduledActionDelayMinutes} min late, ` +
        `cold launch ${p.coldLaunchMinutes} min, warm-pool launch ${p.warmLaunchMinutes} min`;
}

/** A plain-text table: the first `leftColumns` columns left-aligned, the rest right-aligned. */
function formatTable(header: string[], rows: string[][], leftColumns: number, indent = "  "): string[] {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => indent + cells.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
    return [line(header), ...rows.map(line)];
}

/**
 * The user store's capacity settings when the stack has a store. Read through this one
 * accessor so the report compiles before `PlatformSettings` carries `userStore`.
 */
export function userStoreOf(s: PlatformSettings): UserStoreCapacitySettings | undefined {
    return s.userStore;
}

/** Minutes the user store is throttled in a simulated scenario (0 without a store). */
const storeThrottled = (sim: MatchSimulation) => sim.store?.throttledMinutes ?? 0;

const underAndWorst = (r: StrategyResult) => `${r.minutesUnderCapacity} / ${r.worstShortfallPercent.toFixed(1)} %`;

/**
 * The report. The verdict: every scenario a fixture asks for (surge 1.0 and its
 * surgeFactor, in normal time and with extra time, under {@link VERDICT_TIMING}) has
 * no minute under capacity for the scheduled strategy. With HybridLink the simulation
 * splits the audience by the forward weights: a minute counts as under capacity when
 * the cloud is short of its share or the on-premise servers are sent more viewers than
 * they carry. With a user store in the settings ({@link userStoreOf}) a minute whose
 * busiest second asks the store for more than its warm throughput fails the verdict too.
 */
export function capacityReport(s: PlatformSettings, assumptions: BillAssumptions = DEFAULT_BILL_ASSUMPTIONS): CapacityReport {
    const { plan, schedule, displayTimeZone } = s.matchday;
    const { prices } = s.cost;
    const at = (d: Date) => formatInstant(d, displayTimeZone);
    const lines: string[] = [];
    const charts: CapacityChart[] = [];
    const scenarios: ReportScenario[] = [];
    lines.push(`Capacity plan of stack "${s.stack}", planned at ${at(s.matchday.plannedAt)}`);
    for (const past of schedule.pastFixtures) {
        lines.push(`PAST FIXTURE "${past.name}": kickoff ${at(past.kickoff)} is over; nothing is scheduled for it (fix its date or remove it)`);
    }
    if (plan.fixtures.length === 0) {
        lines.push("No fixtures: the group runs minSize..maxSize with target tracking only.");
        lines.push("VERDICT: covered: no fixture asks for anything");
        return { text: lines.join("\n"), charts, scenarios, uncovered: [], covered: true, season: undefined, bill: undefined, priceTable: priceTableOf(prices, s.web.instanceType) };
    }
    const fixedInstances = fixedInstancesOf(s);
    lines.push(
        `${plan.viewersPerInstance} viewers per instance, ${plan.headroomPercent} % headroom, survives the loss of 1 of ${plan.availabilityZoneCount} zones; ` +
            `minimum raised in steps from ${plan.preWarmLeadMinutes} min before kickoff, back at the baseline by ${plan.matchWindowMinutes} + ${plan.releaseDelayMinutes} min after it; ` +
            `group ${s.web.capacity.min}..${s.web.capacity.max}, warm pool ${s.web.warmPoolSize}; on-premise today: ${fixedInstances} instances' worth`,
    );
    const split: OnPremiseSplit | undefined = s.hybrid
        ? {
            share: s.hybrid.onPremiseShare,
            capacityViewers: s.matchday.onPremiseViewerCapacity,
            failoverMinutes: failoverDelayMinutes(s.hybrid.failover.unhealthyMinutes),
        }
        : undefined;
    if (split) {
        const h = s.hybrid!;
        lines.push(
            `On-premise servers (HybridLink): ${(split.share * 100).toFixed(1)} % of requests while healthy (weights cloud ${h.weights.cloud}, on-premise ${h.weights.onPremise}), ` +
                `carrying ${split.capacityViewers > 0 ? `up to ${split.capacityViewers} viewers` : "an unknown number of viewers (set kgsports:onPremiseViewerCapacity)"}; ` +
                `the cloud's target tracking sees only the rest (the cloud target group's requests), and a minute in which they are sent more than they carry counts as under capacity. ` +
                `Each floor still covers the whole audience in the cloud, so losing them costs the ${split.failoverMinutes} minutes until the failover ` +
                `(health checks, ${h.failover.unhealthyMinutes} alarm minutes, publishing delay) moves their share to the cloud; ` +
                `it does so when fewer than ${h.failover.minHealthyHosts} of their ${h.servers.length} servers are healthy.`,
        );
    }
    const onPremise = split ? { onPremise: { share: split.share, capacityViewers: split.capacityViewers } } : {};
    const userStore = userStoreOf(s);
    const storeInput = userStore ? { store: { model: userStore.load, warmThroughput: userStore.warmThroughput } } : {};
    lines.push("", `Scheduled actions (${schedule.actions.length}), times in UTC and ${displayTimeZone}:`);
    for (const a of schedule.actions) {
        lines.push(`  ${at(new Date(a.startTime))}  ${a.name.padEnd(48)} minimum ${a.previousMinSize} -> ${a.minSize} (max and desired unchanged)`);
    }
    for (const note of schedule.notes.filter((n) => !n.startsWith("past fixture "))) lines.push(`  note: ${note}`);

    const windows = schedule.windows;
    if (windows.length > 0) lines.push("", ...legend(s, fixedInstances, userStore));

    const costOf = (sim: MatchSimulation) => instanceHoursUsd(strategyResult(sim, "scheduled").instanceHours, prices);
    const nights: { label: string; normalTime: number; extraTime: number }[] = [];
    // Each night's simulated span (normal-time ending), so the baseline fleet is counted outside them only.
    const simulatedHours: number[] = [];
    // The bill's nights; each reservation is billed with the first window that shares a fixture with it.
    const billNights: NightInput[] = [];
    const reservations = s.reservations.plan;
    const lbBilled = new Set<string>();
    const odcrBilled = new Set<string>();
    for (const window of windows) {
        const fixtures = window.fixtures.map((name) => plan.fixtures.find((f) => f.name === name)!);
        const label = window.fixtures.join(" + ");
        const asked = fixtures.flatMap(askedSurges);
        const inputOf = (surge: number, extraTime: boolean, timing: Timing) => ({
            fixture: fixtures[0],
            fixtures,
            plan,
            surge,
            extraTime,
            warmPoolSize: s.web.warmPoolSize,
            fixedInstances,
            window,
            deployedAt: s.matchday.plannedAt,
            params: timingParams(timing),
            ...storeInput,
        });
        const own: ReportScenario[] = [];
        for (const surge of windowSurges(fixtures)) {
            for (const extraTime of [false, true]) {
                const simulate = (timing: Timing) => simulateMatch({ ...inputOf(surge, extraTime, timing), ...onPremise });
                own.push({ window: label, surge, asked: asked.some((x) => sameSurge(x, surge)), extraTime, sim: simulate(VERDICT_TIMING), defaultTimingSim: simulate("default") });
            }
        }
        scenarios.push(...own);
        lines.push("", windowHeading(label, window, fixtures, at));
        lines.push(...scenarioTable(own, fixedInstances > 0, costOf, userStore !== undefined));
        const night = (surge: number) => {
            const pick = (extraTime: boolean) => own.find((x) => sameSurge(x.surge, surge) && x.extraTime === extraTime)!;
            return { normalTime: pick(false), extraTime: pick(true) };
        };
        const expected = night(1);
        simulatedHours.push(expected.normalTime.sim.minutes.length / 60);
        nights.push({
            label,
            normalTime: strategyResult(expected.normalTime.sim, "scheduled").instanceHours,
            extraTime: strategyResult(expected.extraTime.sim, "scheduled").instanceHours,
        });
        const runOf = (x: ReportScenario) => ({
            kickoff: x.sim.kickoff,
            minutes: x.sim.minutes,
            demand: x.sim.demand,
            inService: strategyResult(x.sim, "scheduled").capacity,
            instanceHours: strategyResult(x.sim, "scheduled").instanceHours,
        });
        const shares = (r: { fixtures: string[] }) => r.fixtures.some((f) => window.fixtures.includes(f));
        const lbOwn = reservations.loadBalancer.filter((r) => shares(r) && !lbBilled.has(r.name));
        const odcrOwn = reservations.instances.filter((r) => shares(r) && !odcrBilled.has(r.name));
        lbOwn.forEach((r) => lbBilled.add(r.name));
        odcrOwn.forEach((r) => odcrBilled.add(r.name));
        billNights.push({ label, normalTime: runOf(expected.normalTime), extraTime: runOf(expected.extraTime), loadBalancerReservations: lbOwn, instanceReservations: odcrOwn });
        const costLine = (surge: number, what: string) => {
            const n = night(surge);
            return `x${formatSurge(surge)} (${what}): ${formatUsd(costOf(n.normalTime.sim))} in normal time, ${formatUsd(costOf(n.extraTime.sim))} with extra time`;
        };
        const factors = [...new Set(asked.filter((x) => !sameSurge(x, 1)))];
        lines.push(`  cost of the night: ${[costLine(1, "expected audience"), ...factors.map((f) => costLine(f, "surgeFactor"))].join("; ")}`);
        if (split) {
            for (const x of own.filter((o) => !o.extraTime)) {
                const load = onPremiseLoad(x.sim, split);
                const loss = simulateOnPremiseLoss(inputOf(x.surge, x.extraTime, VERDICT_TIMING), split);
                lines.push(
                    `  on-premise x${formatSurge(x.surge)}: ${load.peakViewers} viewers at the peak` +
                        (split.capacityViewers > 0 ? (load.minutesOverloaded > 0 ? `, OVER their ${split.capacityViewers} for ${load.minutesOverloaded} min` : `, within their ${split.capacityViewers}`) : "") +
                        `; lost at minute ${loss.lossMinute} (${loss.demandAtLoss} viewers): ${loss.minutesShort} min short, worst ${loss.worstShortfallPercent.toFixed(1)} %, ` +
                        `all served again ${loss.minutesToCovered} min after the loss`,
                );
            }
        }
        const local = zonedParts(window.kickoff, displayTimeZone);
        const kickoffInZone = `${local.date} ${local.time} ${local.label}`;
        for (const x of own) {
            const scheduled = strategyResult(x.sim, "scheduled");
            const viewers = fixtures.map((f) => f.expectedPeakViewers).join(" + ");
            charts.push({
                fileName: chartFileName(s.stack, label, x.surge, x.extraTime),
                svg: renderCapacityChartSvg(x.sim, `${label}: x${formatSurge(x.surge)} of ${viewers} viewers, ${endingName(x.extraTime)}, ${VERDICT_TIMING} timing`, {
                    displayTimeZone,
                    caption:
                        `the night costs ${formatUsd(costOf(x.sim))} = ${scheduled.instanceHours.toFixed(1)} instance-hours x ${formatUnitPrice(prices.instanceHourUsd)}; ` +
                        `this plan: ${scheduled.minutesUnderCapacity} min under capacity; kickoff ${kickoffInZone}`,
                }),
            });
        }
    }

    if (userStore && windows.length > 0) lines.push("", ...storeLines(userStore, plan, windows, scenarios));

    const season = seasonOf(windows, s.matchday.plannedAt);
    const money = season === undefined
        ? undefined
        : seasonCost(nights, season, { warmPoolSize: s.web.warmPoolSize, rootVolumeGiB: s.web.rootVolumeGiB }, prices, {
            minSize: plan.baselineMinSize,
            simulatedHours: simulatedHours.reduce((a, b) => a + b, 0),
        });
    if (money !== undefined) lines.push("", ...seasonLines(money, prices));
    const table = priceTableOf(prices, s.web.instanceType);
    let bill: SeasonBill | undefined;
    if (money !== undefined) {
        const ctx: BillContext = {
            traffic: s.reservations.traffic,
            prices: billPricesOf(table),
            baselineMinSize: plan.baselineMinSize,
            natGateways: s.network.natGateways === "OnePerAz" ? s.network.availabilityZoneCount : 1,
            warmPoolGiB: s.web.warmPoolSize * s.web.rootVolumeGiB,
            vpnConnections: s.hybrid ? 1 : 0,
            assumptions,
        };
        bill = seasonBill(billNights, money.season, money.baseline, ctx);
        const unbilled = [
            ...reservations.loadBalancer.filter((r) => !lbBilled.has(r.name)).map((r) => r.name),
            ...reservations.instances.filter((r) => !odcrBilled.has(r.name)).map((r) => r.name),
        ];
        lines.push("", ...billLines(bill, bytesSensitivity(billNights, money.season, money.baseline, ctx), s.reservations.traffic, assumptions, unbilled));
        lines.push("", ...priceTableLines(table));
    }

    const uncovered: UncoveredScenario[] = scenarios
        .filter((x) => x.asked && (strategyResult(x.sim, "scheduled").minutesUnderCapacity > 0 || storeThrottled(x.sim) > 0))
        .map((x) => {
            const r = strategyResult(x.sim, "scheduled");
            return {
                window: x.window,
                surge: x.surge,
                extraTime: x.extraTime,
                minutesUnderCapacity: r.minutesUnderCapacity,
                worstShortfallPercent: r.worstShortfallPercent,
                onPremiseMinutesOverloaded: x.sim.onPremise?.minutesOverloaded ?? 0,
                storeThrottledMinutes: storeThrottled(x.sim),
            };
        });
    const beyond = scenarios.filter((x) => !x.asked && (strategyResult(x.sim, "scheduled").minutesUnderCapacity > 0 || storeThrottled(x.sim) > 0));
    lines.push("");
    if (beyond.length > 0) {
        lines.push(`Short beyond what the fixtures ask for (not part of the verdict): ${beyond.length} scenario${beyond.length === 1 ? "" : "s"}`);
        for (const label of [...new Set(beyond.map((x) => x.window))]) {
            const short = beyond.filter((x) => x.window === label).map((x) => {
                const r = strategyResult(x.sim, "scheduled");
                return `x${formatSurge(x.surge)} ${endingName(x.extraTime)} ${r.minutesUnderCapacity} min, worst ${r.worstShortfallPercent.toFixed(1)} %${onPremiseOver(x.sim)}${storeOver(x.sim)}`;
            });
            lines.push(`  ${label}: ${short.join("; ")}`);
        }
    }
    const askedCount = scenarios.filter((x) => x.asked).length;
    if (uncovered.length === 0) {
        lines.push(
            windows.length === 0
                ? "VERDICT: covered: no upcoming match window"
                : `VERDICT: covered: all ${askedCount} scenarios the fixtures ask for (x1.0 and each surgeFactor, normal time and extra time, ${VERDICT_TIMING} timing) have 0 minutes under capacity` +
                    (userStore ? " and 0 minutes with the user store throttled" : ""),
        );
    } else {
        for (const u of uncovered) {
            const over = u.onPremiseMinutesOverloaded > 0
                ? ` (the on-premise servers over the ${s.matchday.onPremiseViewerCapacity} viewers they carry for ${u.onPremiseMinutesOverloaded} min: lower kgsports:onPremiseWeight)`
                : "";
            const store = u.storeThrottledMinutes > 0
                ? `; the user store throttled for ${u.storeThrottledMinutes} min (its busiest second above the warm throughput: raise the store's warm throughput)`
                : "";
            lines.push(
                `VERDICT: NOT COVERED: ${u.window}, x${formatSurge(u.surge)}, ${endingName(u.extraTime)}: ${u.minutesUnderCapacity} min under, worst ${u.worstShortfallPercent.toFixed(1)} %${over}${store}`,
            );
        }
    }
    return { text: lines.join("\n"), charts, scenarios, uncovered, covered: uncovered.length === 0, season: money, bill, priceTable: table };
}

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)} %` : "-");

function componentLines(normal: ComponentBill, extra: ComponentBill, indent: string): string[] {
    return BILL_COMPONENTS.map((c) => {
        const same = Math.abs(normal.usd[c] - extra.usd[c]) < 0.005;
        const money = same ? formatUsd(normal.usd[c]) : `${formatUsd(normal.usd[c])} to ${formatUsd(extra.usd[c])}`;
        return `${indent}${COMPONENT_NAMES[c]}: ${money} (${pct(normal.usd[c], normal.total)}); ${normal.detail[c]}`;
    });
}

const rangeText = (r: { normalTime: number; extraTime: number }) => `${formatUsd(r.normalTime)} (normal time) to ${formatUsd(r.extraTime)} (extra time)`;

/** The bill section: each night by component, the season by component, and the sensitivity to bytes per viewer. */
function billLines(bill: SeasonBill, sens: BytesSensitivity, traffic: PlatformSettings["reservations"]["traffic"], a: BillAssumptions, unbilled: string[]): string[] {
    const out = [
        "Bill by component (each night at x1.0, this plan, both endings; share % of the normal-time total; prices in the table below):",
        `  assumptions: ${traffic.kilobytesPerRequest} KB per request, ${traffic.requestsPerViewerPerMinute} requests per viewer per minute` +
            (traffic.videoKbpsThroughLoadBalancer > 0 ? `, ${traffic.videoKbpsThroughLoadBalancer} kbit/s of video through the load balancer` : ", video not through the load balancer") +
            `; ${(a.outboundShare * 100).toFixed(0)} % of the bytes go out (stand-in); NAT ${a.natGBPerInstanceHour} GB per instance-hour (stand-in); ` +
            `${a.alarmCount} alarms (stand-in); logs ${a.logsGBPerInstanceHour} GB per instance-hour (stand-in); snapshots ${a.snapshotGB} GB (stand-in)`,
    ];
    bill.nights.forEach((n: NightBill, i: number) => {
        out.push(`  ${n.label}: ${rangeText(n.total)}; dominant: ${COMPONENT_NAMES[n.dominant]}`);
        out.push(...componentLines(n.normalTime, n.extraTime, "    "));
        out.push(`    bytes per viewer half: ${rangeText(sens.half.nights[i])}; double: ${rangeText(sens.double.nights[i])}`);
    });
    out.push(`  season: ${rangeText(bill.total)}; dominant: ${COMPONENT_NAMES[bill.dominant]}`);
    out.push(...componentLines(bill.normalTime, bill.extraTime, "    "));
    out.push(`    bytes per viewer half: ${rangeText(sens.half.season)}; double: ${rangeText(sens.double.season)}`);
    if (unbilled.length > 0) out.push(`  note: reservations of no upcoming window, not billed: ${unbilled.join(", ")}`);
    return out;
}

/** The price table, once. */
function priceTableLines(rows: readonly PriceRow[]): string[] {
    return [
        "Prices of the bill ((stand-in) = not a confirmed figure for the stack's region; each row's source and the date it was read):",
        // The two config prices' sources are on the legend's "Prices:" line already: printed once, there.
        ...rows.map((r) =>
            r.id === "instanceHour" || r.id === "gp3GiBMonth"
                ? `  ${r.item}: ${formatUnitPrice(r.usd)} per ${r.unit}${r.standIn ? " (stand-in)" : ""}; source and date on the "Prices:" line above`
                : `  ${r.item}: ${formatUnitPrice(r.usd)} per ${r.unit}${r.standIn ? " (stand-in)" : ""}, ${r.region}; ${r.source}, read ${r.read}. ${r.note}`,
        ),
    ];
}

/** `, on-premise over for N min` when the scenario overloads the on-premise servers, else "". */
function onPremiseOver(sim: MatchSimulation): string {
    const n = sim.onPremise?.minutesOverloaded ?? 0;
    return n > 0 ? ` (on-premise over their ${sim.onPremise!.capacityViewers} for ${n} min)` : "";
}

/** `, user store throttled N min` when the scenario throttles the user store, else "". */
function storeOver(sim: MatchSimulation): string {
    const n = storeThrottled(sim);
    return n > 0 ? ` (user store throttled for ${n} min)` : "";
}

const units = (n: number) => Math.round(n).toString();

function driverText(d: StoreNeedDriver): string {
    const minute = d.minute >= 0 ? `+${d.minute}` : String(d.minute);
    return `${units(d.unitsPerSecond)} (${d.window}, ${endingName(d.extraTime)}, minute ${minute})`;
}

/**
 * The user store's section: the warm throughput declared, the need of the upcoming
 * windows at each of {@link REPORT_SURGES} and which window drives it, what the plan
 * requires, and the night's requests at x1.0.
 */
function storeLines(store: UserStoreCapacitySettings, plan: PlatformSettings["matchday"]["plan"], windows: readonly MatchWindow[], scenarios: readonly ReportScenario[]): string[] {
    const declared = store.warmThroughput;
    const { login, signUp } = STORE_OPERATION_UNITS;
    const required = requiredWarmThroughput(plan, windows, store.load);
    const out = [
        `User store (DynamoDB on-demand; warm throughput sized once, never lowered): declared ${declared.readUnitsPerSecond} read and ${declared.writeUnitsPerSecond} write units per second`,
        `  load: ${store.load.loginsPerViewer} sign-in${store.load.loginsPerViewer === 1 ? "" : "s"} and ${store.load.signUpsPerViewer} sign-ups per arriving viewer` +
            (store.load.loginsPerViewer === DEFAULT_STORE_LOAD.loginsPerViewer && store.load.signUpsPerViewer === DEFAULT_STORE_LOAD.signUpsPerViewer ? " (the defaults)" : "") +
            `; a sign-in ${login.readUnits} read + ${login.writeUnits} write units, a sign-up ${signUp.readUnits} read + ${signUp.writeUnits} write units (a transaction of 2 items); ` +
            `arrivals = the audience's growth each minute, the busiest second ${PEAK_SECOND_FACTOR}x the minute's average; the whole audience (cloud and on-premise) uses the store`,
    ];
    for (const surge of REPORT_SURGES) {
        const need = storeNeed(plan, windows, store.load, () => surge);
        if (need === undefined) continue;
        const fits = need.reads.unitsPerSecond <= declared.readUnitsPerSecond && need.writes.unitsPerSecond <= declared.writeUnitsPerSecond;
        out.push(`  need at x${formatSurge(surge)}: reads ${driverText(need.reads)}, writes ${driverText(need.writes)} per second: ${fits ? "within" : "ABOVE"} the warm throughput`);
    }
    if (required.need !== undefined) {
        const w = required.warmThroughput;
        const short = declared.readUnitsPerSecond < w.readUnitsPerSecond || declared.writeUnitsPerSecond < w.writeUnitsPerSecond;
        out.push(
            `  required (x${formatSurge(STORE_SIZING_SURGE)} or a larger surgeFactor, rounded up to 1000, at least a new table's own): ${w.readUnitsPerSecond} read and ${w.writeUnitsPerSecond} write units per second` +
                (required.atFloor.reads && required.atFloor.writes ? " (a new table's own: nothing to raise)" : "") +
                `; declared ${short ? "BELOW it" : "covers it"}`,
        );
    }
    const expected = scenarios.filter((x) => sameSurge(x.surge, 1));
    const nightUnits = (extraTime: boolean) => {
        const all = expected.filter((x) => x.extraTime === extraTime).map((x) => storeRequestUnits(x.sim.demand, store.load));
        return { reads: all.reduce((a, b) => a + b.readUnits, 0), writes: all.reduce((a, b) => a + b.writeUnits, 0) };
    };
    const normal = nightUnits(false);
    const extra = nightUnits(true);
    out.push(
        `  requests of the upcoming nights at x1.0 (on-demand bills them per million units; not in the bill below): ` +
            `${units(normal.reads)} to ${units(extra.reads)} read and ${units(normal.writes)} to ${units(extra.writes)} write units (normal time to extra time)`,
    );
    return out;
}

/** The stack key that states where the prices set in the stack come from. */
const PRICE_SOURCE_KEY = `${PROJECT}:priceSource`;

/** The explanation of the tables and the prices, printed once before the first window. */
function legend(s: PlatformSettings, fixedInstances: number, store: UserStoreCapacitySettings | undefined): string[] {
    const { prices } = s.cost;
    const slow: SimulationParams = { ...DEFAULT_SIMULATION_PARAMS, ...timingParams(VERDICT_TIMING) };
    const usual: SimulationParams = { ...DEFAULT_SIMULATION_PARAMS, ...timingParams("default") };
    const out = [
        "How to read the tables below (one per upcoming window; this plan = the scheduled strategy):",
        `  scenarios   x${REPORT_SURGES.map(formatSurge).join(", x")} and each fixture's own surgeFactor, each ending in normal time (final whistle at minute ${finalWhistleMinute(false)}) ` +
            `and after extra time and penalties (minute ${finalWhistleMinute(true)})`,
        `  timing      ${VERDICT_TIMING}: ${describeTiming(slow)}; every column and the verdict use it except "default"`,
        "  surge       actual audience as a multiple of each fixture's expected peak; * = a fixture asks for it (x1.0 always, and its surgeFactor): the verdict checks these rows",
        "  ending      normal = 90 minutes and stoppage; extra = extra time and penalties",
        "  min under   minutes this plan (scheduled floor + target tracking + warm pool) has fewer instances in service than the audience needs" +
            (s.hybrid ? ", or the on-premise servers are sent more viewers than they carry (the cloud serves the share its weight gets)" : ""),
        "  worst %     largest share of the audience not served in any one minute",
        "  inst-hours  instance-hours this plan pays (in service and launching; stopped warm-pool instances cost volumes only, see the season) " +
            "from 30 min before the pre-warm to 60 min after the release",
        "  x lower bd  inst-hours / the realistic lower bound: a fleet that knew the night in advance and still kept N+1 zones and the headroom every minute (below 1 where this plan does not keep that margin at this surge)",
        `  cost USD    inst-hours x ${formatUnitPrice(prices.instanceHourUsd)} (instances only: not their root volumes, the load balancer, NAT or data transfer)`,
        `  default     min under with the model's default timing (${describeTiming(usual)})`,
        "  reactive    target tracking alone from the baseline minimum, no floor, no warm pool: min under / worst %",
    ];
    if (fixedInstances > 0) out.push(`  on-prem     today's on-premise servers alone (${fixedInstances} instances' worth, nothing added): min under / worst %`);
    if (store) {
        out.push(
            `  store r/s   the user store's busiest second of reads, read units per second, against its warm throughput of ${store.warmThroughput.readUnitsPerSecond}`,
            `  store w/s   the same for writes, write units per second, against ${store.warmThroughput.writeUnitsPerSecond}`,
            "  throttled   minutes whose busiest second asks the store for more than its warm throughput (on-demand's own doubling above a previous peak is not relied on); the verdict checks them too",
        );
    }
    out.push(describePrices(prices, s.web.instanceType, PRICE_SOURCE_KEY));
    return out;
}

function windowHeading(label: string, window: MatchWindow, fixtures: readonly Fixture[], at: (d: Date) => string): string {
    const audience = fixtures.length > 1
        ? `${fixtures.map((f) => f.expectedPeakViewers).join(" + ")} viewers expected, concurrent where their windows overlap`
        : `${fixtures[0].expectedPeakViewers} viewers expected`;
    const asks = (f: Fixture) => `asks for ${askedSurges(f).map((x) => `x${formatSurge(x)}`).join(" and ")}${askedSurges(f).length > 1 ? " (its surgeFactor)" : ""}`;
    const asked = fixtures.length > 1 ? fixtures.map((f) => `${f.name} ${asks(f)}`).join(", ") : asks(fixtures[0]);
    return `${label} (kickoff ${at(window.kickoff)}, ${audience}, floor up to ${window.minSize}); ${asked}:`;
}

function scenarioTable(rows: readonly ReportScenario[], withFixed: boolean, costOf: (sim: MatchSimulation) => number, withStore: boolean): string[] {
    const header = [
        "surge", "ending", "min under", "worst %", "inst-hours", "x lower bd", "cost USD", "default", "reactive",
        ...(withFixed ? ["on-prem"] : []),
        ...(withStore ? ["store r/s", "store w/s", "throttled"] : []),
    ];
    const body = rows.map((x) => {
        const r = strategyResult(x.sim, "scheduled");
        return [
            `x${formatSurge(x.surge)}${x.asked ? "*" : ""}`,
            x.extraTime ? "extra" : "normal",
            String(r.minutesUnderCapacity),
            r.worstShortfallPercent.toFixed(1),
            r.instanceHours.toFixed(1),
            r.ratioToLowerBound.toFixed(2),
            Number.isFinite(costOf(x.sim)) ? costOf(x.sim).toFixed(2) : "?",
            String(strategyResult(x.defaultTimingSim, "scheduled").minutesUnderCapacity),
            underAndWorst(strategyResult(x.sim, "reactive")),
            ...(withFixed ? [underAndWorst(strategyResult(x.sim, "fixed"))] : []),
            ...(withStore && x.sim.store
                ? [units(x.sim.store.peakReadsPerSecond), units(x.sim.store.peakWritesPerSecond), String(x.sim.store.throttledMinutes)]
                : withStore ? ["-", "-", "-"] : []),
        ];
    });
    return formatTable(header, body, 2);
}

function seasonLines(money: SeasonCost, prices: CapacityPrices): string[] {
    const { season, warmPool, nightsUsd, totalUsd } = money;
    const range = (r: { normalTime: number; extraTime: number }) => `${formatUsd(r.normalTime)} (every night in normal time) to ${formatUsd(r.extraTime)} (every night with extra time)`;
    return [
        `Season: ${money.nights.length} night${money.nights.length === 1 ? "" : "s"}, ${formatUtcMinute(season.from)} to ${formatUtcMinute(season.to)}, ` +
            `${season.days.toFixed(1)} days = ${season.months.toFixed(season.months < 0.1 ? 3 : 2)} months (days / ${DAYS_PER_MONTH})`,
        `  nights at x1.0 (this plan, ${VERDICT_TIMING} timing): ${range(nightsUsd)}`,
        `  warm pool volumes: ${warmPool.instances} stopped instances x ${warmPool.gibPerInstance} GiB = ${warmPool.gib} GiB x ${formatUnitPrice(prices.volumeGiBMonthUsd)} = ${formatUsd(warmPool.usdPerMonth)} a month, ` +
            `x ${warmPool.months.toFixed(warmPool.months < 0.1 ? 3 : 2)} months = ${formatUsd(warmPool.usd)} (the pool stays while warmPoolSize > 0: each month outside the season costs ${formatUsd(warmPool.usdPerMonth)} more)`,
        `  baseline fleet between the nights: minSize ${money.baseline.instances} x ${money.baseline.hours.toFixed(1)} h ` +
            `(the season's hours outside the simulated nights) x ${formatUnitPrice(prices.instanceHourUsd)} = ${formatUsd(money.baseline.usd)}`,
        `  season total: ${range(totalUsd)}`,
    ];
}
