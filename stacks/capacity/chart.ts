/**
 * A chart of one simulated match window as a self-contained SVG document (no
 * scripts, fonts or dependencies): demand in instances needed, and the instances in
 * service under each strategy, minute by minute. Opens in any browser.
 */
import type { MatchSimulation, StrategyName } from "./simulation";

/** Chart size in SVG user units (pixels). */
const WIDTH = 1040;
const HEIGHT = 560;
const MARGIN = { left: 80, right: 260, top: 80, bottom: 76 };

/**
 * The group's maximum is drawn inside the plot when it is at most this multiple of the
 * highest line; above that it would squash every line to the bottom of the chart, so
 * a note at the top says where it is instead.
 */
export const MAX_SIZE_IN_PLOT_FACTOR = 1.5;

/** The series a chart draws, in drawing order: each is one `<polyline data-series="...">`. */
export type ChartSeries = "demand" | StrategyName | "lower-bound";

/** How each line is drawn. */
const STYLES: Record<ChartSeries, { colour: string; width: number; dash?: string; label: string }> = {
    demand: { colour: "#555555", width: 2.5, label: "demand (instances needed)" },
    fixed: { colour: "#d62728", width: 2, label: "fixed (on-premise)" },
    reactive: { colour: "#ff7f0e", width: 2, label: "reactive (target tracking)" },
    scheduled: { colour: "#2ca02c", width: 2.5, label: "scheduled (this plan)" },
    oracle: { colour: "#1f77b4", width: 1.5, dash: "2 3", label: "oracle (exact need)" },
    "lower-bound": { colour: "#9467bd", width: 1.5, dash: "7 3", label: "lower bound (N+1, headroom)" },
};

const SHORTFALL_FILL = "#d62728";
const MAX_SIZE_COLOUR = "#8c564b";

/** Optional parts of a chart. */
export interface CapacityChartOptions {
    /** IANA zone of the clock times printed under the minutes from kickoff. Default `"UTC"`. */
    displayTimeZone?: string;
    /** A line under the title, e.g. what the night costs (escaped here). */
    caption?: string;
}

/** Text safe inside an SVG element or attribute. */
export function escapeXml(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A round axis step (1, 2 or 5 times a power of ten) giving about `ticks` intervals over `span`. */
function niceStep(span: number, ticks: number): number {
    const raw = Math.max(span, 1) / ticks;
    const power = 10 ** Math.floor(Math.log10(raw));
    const scaled = raw / power;
    return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/**
 * The minutes where the scheduled strategy has fewer instances in service than needed
 * (with the on-premise servers in the forward: than the cloud's share needs, or they
 * leave viewers unserved), as contiguous spans: `from` and `to` are the first and last
 * such minute (from kickoff) of each span, inclusive.
 */
export function shortfallSpans(sim: MatchSimulation): { from: number; to: number }[] {
    const capacity = sim.results.find((r) => r.strategy === "scheduled")?.capacity ?? [];
    const needed = sim.onPremise?.cloudNeeded ?? sim.needed;
    const spans: { from: number; to: number }[] = [];
    sim.minutes.forEach((m, i) => {
        if (!(capacity[i] < needed[i] || (sim.onPremise?.unserved[i] ?? 0) > 1e-6)) return;
        const open = spans[spans.length - 1];
        if (open !== undefined && open.to === sim.minutes[i - 1]) open.to = m;
        else spans.push({ from: m, to: m });
    });
    return spans;
}

/** `hh:mm` (24-hour) of instants in `zone`. */
function clockIn(zone: string): (at: Date) => string {
    const format = new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    return (at) => format.format(at);
}

/**
 * The chart as an SVG document: x is minutes from kickoff, with the clock time in the
 * display zone under each tick; y is instances. A grey area and line for demand
 * (instances needed), one line per strategy in the simulation and one for the realistic
 * lower bound, translucent red spans (`class="shortfall"`) where the scheduled strategy
 * has fewer instances in service than needed, the group's maximum as a horizontal line
 * (`class="max-size"`), vertical markers at the pre-warm, kickoff, final whistle and
 * release, and a legend. Each line is a `<polyline>` with `data-series` naming it.
 *
 * @param sim the simulation to draw
 * @param title the heading, e.g. the fixture and the surge (escaped here)
 * @param options the clock's zone and a caption under the title
 */
export function renderCapacityChartSvg(sim: MatchSimulation, title: string, options: CapacityChartOptions = {}): string {
    const zone = options.displayTimeZone ?? "UTC";
    const clock = clockIn(zone);
    const first = sim.minutes[0];
    const last = sim.minutes[sim.minutes.length - 1];
    const dataTop = Math.max(1, ...sim.needed, ...sim.lowerBound, ...sim.results.flatMap((r) => r.capacity));
    const maxSizeInPlot = sim.groupMaxSize <= dataTop * MAX_SIZE_IN_PLOT_FACTOR;
    const top = maxSizeInPlot ? Math.max(dataTop, sim.groupMaxSize) : dataTop;
    const yStep = niceStep(top, 6);
    const yMax = Math.ceil((top * 1.04) / yStep) * yStep;
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const plotRight = MARGIN.left + plotW;
    const x = (minute: number) => MARGIN.left + ((minute - first) / Math.max(1, last - first)) * plotW;
    const y = (instances: number) => MARGIN.top + plotH - (instances / yMax) * plotH;
    const points = (values: readonly number[]) => values.map((v, i) => `${fmt(x(sim.minutes[i]))},${fmt(y(v))}`).join(" ");

    const out: string[] = [];
    out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
    out.push(`<title>${escapeXml(title)}</title>`);
    out.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
    out.push(`<text x="${MARGIN.left}" y="26" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
    if (options.caption !== undefined) out.push(`<text class="caption" x="${MARGIN.left}" y="46" fill="#333333">${escapeXml(options.caption)}</text>`);

    // Grid and axes.
    const xStep = 30;
    const xTicks: number[] = [];
    for (let m = Math.ceil(first / xStep) * xStep; m <= last; m += xStep) xTicks.push(m);
    out.push(`<g class="grid" stroke="#e4e4e4" stroke-width="1">`);
    for (let v = 0; v <= yMax + 1e-9; v += yStep) out.push(`<line x1="${MARGIN.left}" y1="${fmt(y(v))}" x2="${plotRight}" y2="${fmt(y(v))}"/>`);
    for (const m of xTicks) out.push(`<line x1="${fmt(x(m))}" y1="${MARGIN.top}" x2="${fmt(x(m))}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`</g>`);
    out.push(`<g class="axes" stroke="#333333" stroke-width="1">`);
    out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${plotRight}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`</g>`);
    const minuteRow = MARGIN.top + plotH + 16;
    const clockRow = MARGIN.top + plotH + 31;
    out.push(`<g class="ticks" fill="#333333">`);
    for (let v = 0; v <= yMax + 1e-9; v += yStep) out.push(`<text x="${MARGIN.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`);
    for (const m of xTicks) out.push(`<text x="${fmt(x(m))}" y="${minuteRow}" text-anchor="middle">${m}</text>`);
    out.push(`</g>`);
    // The clock under each minute, in the display zone; the zone names the row.
    out.push(`<g class="clock" fill="#555555">`);
    out.push(`<text class="clock-zone" x="${MARGIN.left - 6}" y="${clockRow}" text-anchor="end">${escapeXml(zone)}</text>`);
    for (const m of xTicks) {
        const at = new Date(sim.kickoff.getTime() + m * 60_000);
        out.push(`<text class="clock-time" data-minute="${m}" x="${fmt(x(m))}" y="${clockRow}" text-anchor="middle">${clock(at)}</text>`);
    }
    out.push(`</g>`);
    out.push(`<text x="${fmt(MARGIN.left + plotW / 2)}" y="${HEIGHT - 14}" text-anchor="middle">minutes from kickoff</text>`);
    out.push(`<text x="18" y="${fmt(MARGIN.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 18 ${fmt(MARGIN.top + plotH / 2)})">instances</text>`);

    // Minutes the scheduled strategy is short: minute m covers [m, m + 1).
    out.push(`<g class="shortfalls">`);
    for (const span of shortfallSpans(sim)) {
        const x1 = x(span.from);
        const x2 = Math.min(plotRight, x(span.to + 1));
        out.push(
            `<rect class="shortfall" data-from="${span.from}" data-to="${span.to}" x="${fmt(x1)}" y="${MARGIN.top}" width="${fmt(Math.max(1, x2 - x1))}" height="${plotH}" ` +
            `fill="${SHORTFALL_FILL}" fill-opacity="0.18" stroke="none"/>`,
        );
    }
    out.push(`</g>`);

    // Markers.
    const markers: { minute: number; label: string; strong: boolean }[] = [
        { minute: sim.preWarmMinute, label: "pre-warm", strong: false },
        { minute: 0, label: "kickoff", strong: true },
        { minute: sim.finalWhistleMinute, label: "final whistle", strong: false },
        { minute: sim.floorEndMinute, label: "floor released", strong: false },
    ];
    out.push(`<g class="markers">`);
    // A label closer than this to the one before it goes a line higher, so the two stay apart.
    const labelGap = 90;
    let previousX = Number.NEGATIVE_INFINITY;
    let raised = false;
    for (const mk of markers) {
        if (mk.minute < first || mk.minute > last) continue;
        const mx = fmt(x(mk.minute));
        raised = x(mk.minute) - previousX < labelGap ? !raised : false;
        previousX = x(mk.minute);
        out.push(
            `<line class="marker" data-marker="${escapeXml(mk.label)}" x1="${mx}" y1="${MARGIN.top}" x2="${mx}" y2="${MARGIN.top + plotH}" ` +
            `stroke="${mk.strong ? "#000000" : "#888888"}" stroke-width="${mk.strong ? 1.5 : 1}"${mk.strong ? "" : ` stroke-dasharray="4 4"`}/>`,
        );
        out.push(`<text x="${mx}" y="${MARGIN.top - (raised ? 19 : 6)}" text-anchor="middle" fill="${mk.strong ? "#000000" : "#666666"}">${escapeXml(mk.label)}</text>`);
    }
    out.push(`</g>`);

    // The group's maximum: target tracking never goes above it.
    if (maxSizeInPlot) {
        const my = fmt(y(sim.groupMaxSize));
        out.push(
            `<line class="max-size" data-max-size="${sim.groupMaxSize}" x1="${MARGIN.left}" y1="${my}" x2="${plotRight}" y2="${my}" ` +
            `stroke="${MAX_SIZE_COLOUR}" stroke-width="1.5" stroke-dasharray="10 4"/>`,
        );
        out.push(`<text x="${plotRight - 4}" y="${fmt(y(sim.groupMaxSize) - 5)}" text-anchor="end" fill="${MAX_SIZE_COLOUR}">maxSize ${sim.groupMaxSize}</text>`);
    } else {
        out.push(`<text class="max-size-note" data-max-size="${sim.groupMaxSize}" x="${plotRight - 4}" y="${MARGIN.top + 14}" text-anchor="end" fill="${MAX_SIZE_COLOUR}">maxSize ${sim.groupMaxSize}: above this chart</text>`);
    }

    // Demand: a shaded area under the line, then the lines.
    const baseY = fmt(y(0));
    out.push(`<polygon class="demand-area" points="${fmt(x(first))},${baseY} ${points(sim.needed)} ${fmt(x(last))},${baseY}" fill="#dddddd" fill-opacity="0.6" stroke="none"/>`);
    const series: { key: ChartSeries; values: readonly number[] }[] = [
        { key: "demand", values: sim.needed },
        ...sim.results.map((r) => ({ key: r.strategy as ChartSeries, values: r.capacity })),
        { key: "lower-bound", values: sim.lowerBound },
    ];
    out.push(`<g class="lines" fill="none" stroke-linejoin="round">`);
    for (const s of series) {
        const st = STYLES[s.key];
        out.push(
            `<polyline class="series" data-series="${s.key}" points="${points(s.values)}" stroke="${st.colour}" stroke-width="${st.width}"` +
            `${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>`,
        );
    }
    out.push(`</g>`);

    // Legend.
    const lx = plotRight + 16;
    const rowY = (i: number) => MARGIN.top + 12 + i * 22;
    out.push(`<g class="legend">`);
    series.forEach((s, i) => {
        const st = STYLES[s.key];
        out.push(`<line x1="${lx}" y1="${rowY(i)}" x2="${lx + 24}" y2="${rowY(i)}" stroke="${st.colour}" stroke-width="${st.width + 1}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>`);
        out.push(`<text x="${lx + 30}" y="${rowY(i) + 4}">${escapeXml(st.label)}</text>`);
    });
    const maxRow = rowY(series.length);
    out.push(`<line x1="${lx}" y1="${maxRow}" x2="${lx + 24}" y2="${maxRow}" stroke="${MAX_SIZE_COLOUR}" stroke-width="2" stroke-dasharray="10 4"/>`);
    out.push(`<text x="${lx + 30}" y="${maxRow + 4}">group maxSize</text>`);
    const shortRow = rowY(series.length + 1);
    out.push(`<rect x="${lx}" y="${shortRow - 7}" width="24" height="14" fill="${SHORTFALL_FILL}" fill-opacity="0.18"/>`);
    out.push(`<text x="${lx + 30}" y="${shortRow + 4}">scheduled short of demand</text>`);
    out.push(`<text x="${lx}" y="${rowY(series.length + 2) + 8}" fill="#666666">floor ${sim.floor} instances</text>`);
    out.push(`</g>`);
    out.push(`</svg>`);
    return `${out.join("\n")}\n`;
}
