import { expect } from "chai";
import { escapeXml, MAX_SIZE_IN_PLOT_FACTOR, renderCapacityChartSvg } from "../stacks/capacity/chart";
import { MatchSimulation, simulateMatch, STRATEGIES, strategyResult } from "../stacks/capacity/simulation";
import { matchdayPlan } from "./helpers/capacityPlan";

/**
 * Checks that `xml` is well-formed: one root element, every tag closed in order,
 * attributes quoted, and no raw `&` or `<` in text or attribute values. Returns the
 * element names in document order.
 */
function wellFormedElements(xml: string): string[] {
    const body = xml.replace(/^<\?xml [^?]*\?>\s*/, "");
    const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|([^<]+)/g;
    const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/;
    const stack: string[] = [];
    const elements: string[] = [];
    let roots = 0;
    let pos = 0;
    for (let m = token.exec(body); m !== null; m = token.exec(body)) {
        expect(m.index, `unexpected markup at ${pos}: ${body.slice(pos, pos + 40)}`).to.equal(pos);
        pos = token.lastIndex;
        if (m[5] !== undefined) {
            expect(badAmp.test(m[5]), `raw & in text: ${m[5]}`).to.equal(false);
            if (stack.length === 0) expect(m[5].trim(), "text outside the root").to.equal("");
            continue;
        }
        if (m[2] === undefined) continue; // comment
        expect(badAmp.test(m[3] ?? ""), `raw & in attributes of <${m[2]}>`).to.equal(false);
        if (m[1] === "/") {
            expect(stack.pop(), `closing </${m[2]}>`).to.equal(m[2]);
            continue;
        }
        elements.push(m[2]);
        if (stack.length === 0) roots += 1;
        if (m[4] !== "/") stack.push(m[2]);
    }
    expect(pos, "unparsed trailing markup").to.equal(body.length);
    expect(stack, "unclosed elements").to.deep.equal([]);
    expect(roots, "root elements").to.equal(1);
    return elements;
}

const FINAL = { name: "UCL final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 };

/**
 * The simulation each test draws, computed inside the test (about 10 ms): computed once
 * in the describe body it would run only when the file loads, so under mutation testing
 * (which loads test files once and then switches mutants) no test would see a mutant of
 * the simulation. At 2.5x a floor sized for 1.0x is short while target tracking catches
 * up; the group's maximum (400) is within the chart.
 */
function finalSimulation(surge = 2.5, groupMaxSize = 400): MatchSimulation {
    return simulateMatch({ fixture: FINAL, plan: matchdayPlan([FINAL], { groupMaxSize }), surge, fixedInstances: 24 });
}

/** The attributes of every element `<name ...>` with `class="<cls>"`, as records. */
function elementsOfClass(svg: string, name: string, cls: string): Record<string, string>[] {
    return [...svg.matchAll(new RegExp(`<${name} class="${cls}"([^>]*)>`, "g"))].map((m) => Object.fromEntries([...m[1].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

/** The y of each y-axis tick label's value (the label sits 4 below its grid line). */
function yTicks(svg: string): Map<number, number> {
    return new Map([...svg.matchAll(/<text x="\d+(?:\.\d)?" y="([\d.]+)" text-anchor="end">([\d.]+)<\/text>/g)].map((m) => [Number(m[2]), Number(m[1]) - 4]));
}

/** Points of the polyline of one series, as [x, y] per minute. */
function seriesPoints(svg: string, series: string): [number, number][] {
    const m = svg.match(new RegExp(`<polyline class="series" data-series="${series}" points="([^"]*)"`));
    expect(m, series).to.not.equal(null);
    return m![1].split(" ").map((p) => p.split(",").map(Number) as [number, number]);
}

describe("capacity chart", () => {
    it("is a well-formed, self-contained SVG document", () => {
        const svg = renderCapacityChartSvg(finalSimulation(), "UCL final, demand x2.5", { displayTimeZone: "Asia/Seoul", caption: "the night costs USD 98.39" });
        expect(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")).to.equal(true);
        const elements = wellFormedElements(svg);
        expect(elements[0]).to.equal("svg");
        for (const external of ["script", "image", "foreignObject", "style"]) expect(elements, external).to.not.include(external);
        expect(svg).to.not.match(/NaN|Infinity|undefined/);
        expect(svg).to.not.match(/href=/);
    });

    it("draws one line per strategy plus demand and the lower bound, each over every simulated minute", () => {
        const sim = finalSimulation();
        const svg = renderCapacityChartSvg(sim, "final");
        const lines = [...svg.matchAll(/<polyline class="series" data-series="([a-z-]+)" points="([^"]*)"/g)];
        expect(lines.map((l) => l[1])).to.deep.equal(["demand", ...STRATEGIES, "lower-bound"]);
        for (const l of lines) {
            const points = l[2].split(" ");
            expect(points, l[1]).to.have.length(sim.minutes.length);
            for (const p of points) expect(p, l[1]).to.match(/^\d+(\.\d)?,\d+(\.\d)?$/);
        }
        // Higher capacity is drawn higher (smaller y): the scheduled floor sits above the fixed line before kickoff.
        const yOf = (series: string, minute: number) => seriesPoints(svg, series)[sim.minutes.indexOf(minute)][1];
        expect(yOf("scheduled", -30)).to.be.below(yOf("fixed", -30));
        // The lower bound is drawn at its own values: its peak at that height on the y axis.
        const ticks = yTicks(svg);
        const y0 = ticks.get(0)!;
        const [top, yTop] = [...ticks].reduce((a, b) => (b[0] > a[0] ? b : a));
        sim.lowerBound.forEach((v, i) => expect(seriesPoints(svg, "lower-bound")[i][1], `minute ${sim.minutes[i]}`).to.be.closeTo(y0 - ((y0 - yTop) * v) / top, 0.11));
    });

    it("labels the axes, marks kickoff and carries a legend entry per line", () => {
        const sim = finalSimulation();
        const svg = renderCapacityChartSvg(sim, "final");
        expect(svg).to.contain(">minutes from kickoff</text>").and.contain(">instances</text>");
        expect(svg).to.match(/<line class="marker" data-marker="kickoff"[^>]*stroke="#000000"/);
        expect(svg).to.contain(">kickoff</text>");
        for (const label of [
            "demand (instances needed)", "fixed (on-premise)", "reactive (target tracking)", "scheduled (this plan)", "oracle (exact need)",
            "lower bound (N+1, headroom)", "group maxSize", "scheduled short of demand",
        ]) {
            expect(svg).to.contain(`>${label}</text>`);
        }
        expect(svg).to.contain(`>floor ${sim.floor} instances</text>`);
        // x ticks every 30 minutes, including 0; y ticks start at 0.
        expect(svg).to.match(/text-anchor="middle">0<\/text>/);
        expect(svg).to.match(/text-anchor="middle">-60<\/text>/);
        expect(svg).to.match(/text-anchor="end">0<\/text>/);
    });

    it("prints the clock time in the display zone under each minute tick", () => {
        // Kickoff 2027-05-29 19:00Z: 04:00 in Seoul, 21:00 in Paris (CEST), 19:00 UTC.
        const sim = finalSimulation();
        const label = (svg: string, minute: number) => svg.match(new RegExp(`<text class="clock-time" data-minute="${minute}"[^>]*>([^<]*)</text>`))?.[1];
        const seoul = renderCapacityChartSvg(sim, "final", { displayTimeZone: "Asia/Seoul" });
        expect(label(seoul, 0)).to.equal("04:00");
        expect(label(seoul, -90)).to.equal("02:30");
        expect(label(seoul, 210)).to.equal("07:30");
        expect(seoul).to.contain(">Asia/Seoul</text>");
        const paris = renderCapacityChartSvg(sim, "final", { displayTimeZone: "Europe/Paris" });
        expect(label(paris, 0)).to.equal("21:00");
        expect(label(paris, 180)).to.equal("00:00");
        expect(label(renderCapacityChartSvg(sim, "final"), 0)).to.equal("19:00");
        // One clock label under every minute tick, at the tick's x.
        const minuteTicks = [...seoul.matchAll(/<text x="([\d.]+)" y="\d+" text-anchor="middle">(-?\d+)<\/text>/g)].map((m) => ({ x: m[1], minute: Number(m[2]) }));
        expect(minuteTicks.length).to.be.greaterThan(5);
        expect(elementsOfClass(seoul, "text", "clock-time").map((a) => Number(a["data-minute"]))).to.deep.equal(minuteTicks.map((t) => t.minute));
        for (const t of minuteTicks) expect(elementsOfClass(seoul, "text", "clock-time").find((a) => Number(a["data-minute"]) === t.minute)!.x).to.equal(t.x);
    });

    it("shades exactly the minutes where the scheduled strategy has fewer instances than needed", () => {
        const sim = finalSimulation();
        const capacity = strategyResult(sim, "scheduled").capacity;
        const shortMinutes = sim.minutes.filter((_, i) => capacity[i] < sim.needed[i]);
        expect(shortMinutes.length, "the scenario must be short somewhere").to.be.greaterThan(0);
        expect(shortMinutes.length).to.equal(strategyResult(sim, "scheduled").minutesUnderCapacity);
        const svg = renderCapacityChartSvg(sim, "final");
        const rects = elementsOfClass(svg, "rect", "shortfall");
        expect(rects.length).to.be.greaterThan(0);
        // The shaded minutes, span by span, are the short minutes, no more and no fewer.
        const shaded = rects.flatMap((r) => {
            const out: number[] = [];
            for (let m = Number(r["data-from"]); m <= Number(r["data-to"]); m++) out.push(m);
            return out;
        });
        expect(shaded).to.deep.equal(shortMinutes);
        // Spans are maximal: no two touch.
        for (let i = 1; i < rects.length; i++) expect(Number(rects[i]["data-from"])).to.be.greaterThan(Number(rects[i - 1]["data-to"]) + 1);
        // Each starts at the x of its first short minute on the lines, and is translucent red.
        const xs = seriesPoints(svg, "scheduled").map((p) => p[0]);
        for (const r of rects) {
            expect(Number(r.x)).to.be.closeTo(xs[sim.minutes.indexOf(Number(r["data-from"]))], 0.11);
            expect(Number(r.width)).to.be.greaterThan(0);
            expect(r["fill-opacity"]).to.equal("0.18");
            expect(r.fill).to.equal("#d62728");
        }
        // A night without a short minute has no shading.
        const covered = finalSimulation(1.0);
        expect(strategyResult(covered, "scheduled").minutesUnderCapacity).to.equal(0);
        expect(elementsOfClass(renderCapacityChartSvg(covered, "final"), "rect", "shortfall")).to.deep.equal([]);
    });

    it("draws the group's maximum as a labelled line at its height on the y axis", () => {
        const sim = finalSimulation(2.5, 400);
        const svg = renderCapacityChartSvg(sim, "final");
        const [line] = elementsOfClass(svg, "line", "max-size");
        expect(line["data-max-size"]).to.equal("400");
        expect(line.y1).to.equal(line.y2);
        // Its y, interpolated from two y-axis ticks.
        const ticks = yTicks(svg);
        const y0 = ticks.get(0)!;
        const [top, yTop] = [...ticks].reduce((a, b) => (b[0] > a[0] ? b : a));
        expect(top).to.be.greaterThan(0);
        expect(Number(line.y1)).to.be.closeTo(y0 - ((y0 - yTop) * 400) / top, 0.11);
        expect(svg).to.contain(">maxSize 400</text>");
        expect(svg).to.not.contain("max-size-note");
    });

    it("says where the maximum is when drawing it would squash the lines", () => {
        const sim = finalSimulation(1.0, 2000);
        const top = Math.max(...sim.needed, ...sim.lowerBound, ...sim.results.flatMap((r) => r.capacity));
        expect(2000).to.be.greaterThan(top * MAX_SIZE_IN_PLOT_FACTOR);
        const svg = renderCapacityChartSvg(sim, "final");
        expect(elementsOfClass(svg, "line", "max-size")).to.deep.equal([]);
        expect(svg).to.match(/<text class="max-size-note" data-max-size="2000"[^>]*>maxSize 2000: above this chart<\/text>/);
        // The y axis ends near the highest line, not at 2000.
        expect(Math.max(...yTicks(svg).keys())).to.be.below(top * 1.3);
    });

    it("puts the caption under the title, escaped, and only when given", () => {
        const sim = finalSimulation();
        const svg = renderCapacityChartSvg(sim, "final", { caption: "the night costs USD 98.39 <pessimistic> & more" });
        expect(svg).to.match(/<text class="caption"[^>]*>the night costs USD 98\.39 &lt;pessimistic&gt; &amp; more<\/text>/);
        wellFormedElements(svg);
        const titleY = Number(svg.match(/<text x="\d+" y="(\d+)" font-size="16"/)![1]);
        expect(Number(elementsOfClass(svg, "text", "caption")[0].y)).to.be.greaterThan(titleY);
        expect(renderCapacityChartSvg(sim, "final")).to.not.contain("class=\"caption\"");
    });

    it("escapes the title", () => {
        const svg = renderCapacityChartSvg(finalSimulation(), "Spurs <v> \"Inter\" & co");
        expect(svg).to.contain("<title>Spurs &lt;v&gt; &quot;Inter&quot; &amp; co</title>");
        expect(svg).to.not.contain("<v>");
        wellFormedElements(svg);
        expect(escapeXml("a&b<c>'d\"")).to.equal("a&amp;b&lt;c&gt;&apos;d&quot;");
    });
});
