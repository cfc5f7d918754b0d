/**
 * A chart of one simulated match window as a self-contained SVG document (no
 * scripts, fonts or dependencies): demand in instances needed, and the instances in
 * service under each strategy, minute by minute. Opens in any browser.
 */
import type { MatchSimulation, StrategyName } from "./simulation";

/** Chart size in SVG user units (pixels). */
const WIDTH = 1040;
const HEIGHT = 520;
const MARGIN = { left: 70, right: 250, top: 48, bottom: 58 };

/** How each line is drawn. */
const STYLES: Record<StrategyName | "demand", { colour: string; width: number; dash?: string; label: string }> = {
    demand: { colour: "#555555", width: 2.5, label: "demand (instances needed)" },
    fixed: { colour: "#d62728", width: 2, label: "fixed (on-premise)" },
    reactive: { colour: "#ff7f0e", width: 2, label: "reactive (target tracking)" },
    scheduled: { colour: "#2ca02c", width: 2.5, label: "scheduled (this plan)" },
    oracle: { colour: "#1f77b4", width: 1.5, dash: "2 3", label: "oracle (exact need)" },
};

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
 * The chart as an SVG document: x is minutes from kickoff, y is instances; a grey
 * area and line for demand (instances needed), one line per strategy in the
 * simulation, vertical markers at the pre-warm, kickoff, final whistle and release,
 * and a legend. Each line is a `<polyline>` with `data-series` naming it.
 *
 * @param sim the simulation to draw
 * @param title the heading, e.g. the fixture and the surge (escaped here)
 */
export function renderCapacityChartSvg(sim: MatchSimulation, title: string): string {
    const first = sim.minutes[0];
    const last = sim.minutes[sim.minutes.length - 1];
    const top = Math.max(1, ...sim.needed, ...sim.results.flatMap((r) => r.capacity));
    const yStep = niceStep(top, 6);
    const yMax = Math.ceil((top * 1.04) / yStep) * yStep;
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
    const x = (minute: number) => MARGIN.left + ((minute - first) / Math.max(1, last - first)) * plotW;
    const y = (instances: number) => MARGIN.top + plotH - (instances / yMax) * plotH;
    const points = (values: readonly number[]) => values.map((v, i) => `${fmt(x(sim.minutes[i]))},${fmt(y(v))}`).join(" ");

    const out: string[] = [];
    out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
    out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`);
    out.push(`<title>${escapeXml(title)}</title>`);
    out.push(`<rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
    out.push(`<text x="${MARGIN.left}" y="28" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);

    // Grid and axes.
    out.push(`<g class="grid" stroke="#e4e4e4" stroke-width="1">`);
    for (let v = 0; v <= yMax + 1e-9; v += yStep) out.push(`<line x1="${MARGIN.left}" y1="${fmt(y(v))}" x2="${MARGIN.left + plotW}" y2="${fmt(y(v))}"/>`);
    const xStep = 30;
    for (let m = Math.ceil(first / xStep) * xStep; m <= last; m += xStep) out.push(`<line x1="${fmt(x(m))}" y1="${MARGIN.top}" x2="${fmt(x(m))}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`</g>`);
    out.push(`<g class="axes" stroke="#333333" stroke-width="1">`);
    out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}"/>`);
    out.push(`</g>`);
    out.push(`<g class="ticks" fill="#333333">`);
    for (let v = 0; v <= yMax + 1e-9; v += yStep) out.push(`<text x="${MARGIN.left - 6}" y="${fmt(y(v) + 4)}" text-anchor="end">${fmt(v)}</text>`);
    for (let m = Math.ceil(first / xStep) * xStep; m <= last; m += xStep) out.push(`<text x="${fmt(x(m))}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${m}</text>`);
    out.push(`</g>`);
    out.push(`<text x="${fmt(MARGIN.left + plotW / 2)}" y="${HEIGHT - 14}" text-anchor="middle">minutes from kickoff</text>`);
    out.push(`<text x="18" y="${fmt(MARGIN.top + plotH / 2)}" text-anchor="middle" transform="rotate(-90 18 ${fmt(MARGIN.top + plotH / 2)})">instances</text>`);

    // Markers.
    const markers: { minute: number; label: string; strong: boolean }[] = [
        { minute: sim.preWarmMinute, label: "pre-warm", strong: false },
        { minute: 0, label: "kickoff", strong: true },
        { minute: sim.finalWhistleMinute, label: "final whistle", strong: false },
        { minute: sim.releaseMinute, label: "release", strong: false },
    ];
    out.push(`<g class="markers">`);
    for (const mk of markers) {
        if (mk.minute < first || mk.minute > last) continue;
        const mx = fmt(x(mk.minute));
        out.push(
            `<line class="marker" data-marker="${escapeXml(mk.label)}" x1="${mx}" y1="${MARGIN.top}" x2="${mx}" y2="${MARGIN.top + plotH}" ` +
            `stroke="${mk.strong ? "#000000" : "#888888"}" stroke-width="${mk.strong ? 1.5 : 1}"${mk.strong ? "" : ` stroke-dasharray="4 4"`}/>`,
        );
        out.push(`<text x="${mx}" y="${MARGIN.top - 6}" text-anchor="middle" fill="${mk.strong ? "#000000" : "#666666"}">${escapeXml(mk.label)}</text>`);
    }
    out.push(`</g>`);

    // Demand: a shaded area under the line, then the lines.
    const baseY = fmt(y(0));
    out.push(`<polygon class="demand-area" points="${fmt(x(first))},${baseY} ${points(sim.needed)} ${fmt(x(last))},${baseY}" fill="#dddddd" fill-opacity="0.6" stroke="none"/>`);
    const series: { key: StrategyName | "demand"; values: readonly number[] }[] = [
        { key: "demand", values: sim.needed },
        ...sim.results.map((r) => ({ key: r.strategy, values: r.capacity })),
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
    const lx = MARGIN.left + plotW + 16;
    out.push(`<g class="legend">`);
    series.forEach((s, i) => {
        const st = STYLES[s.key];
        const ly = MARGIN.top + 12 + i * 22;
        out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 24}" y2="${ly}" stroke="${st.colour}" stroke-width="${st.width + 1}"${st.dash ? ` stroke-dasharray="${st.dash}"` : ""}/>`);
        out.push(`<text x="${lx + 30}" y="${ly + 4}">${escapeXml(st.label)}</text>`);
    });
    out.push(`<text x="${lx}" y="${MARGIN.top + 12 + series.length * 22 + 8}" fill="#666666">floor ${sim.floor} instances</text>`);
    out.push(`</g>`);
    out.push(`</svg>`);
    return `${out.join("\n")}\n`;
}
