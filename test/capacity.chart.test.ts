import { expect } from "chai";
import { escapeXml, renderCapacityChartSvg } from "../stacks/capacity/chart";
import { MatchSimulation, simulateMatch, STRATEGIES } from "../stacks/capacity/simulation";
import { BENCH_PLAN } from "../stacks/capacity/bench";

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

/**
 * The simulation each test draws, computed inside the test (about 10 ms): computed once
 * in the describe body it would run only when the file loads, so under mutation testing
 * (which loads test files once and then switches mutants) no test would see a mutant of
 * the simulation.
 */
function finalSimulation(): MatchSimulation {
    return simulateMatch({
        fixture: { name: "UCL final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 },
        plan: BENCH_PLAN,
        surge: 2.5,
        fixedInstances: 24,
    });
}

describe("capacity chart", () => {
    it("is a well-formed, self-contained SVG document", () => {
        const svg = renderCapacityChartSvg(finalSimulation(), "UCL final, demand x2.5");
        expect(svg.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"")).to.equal(true);
        const elements = wellFormedElements(svg);
        expect(elements[0]).to.equal("svg");
        for (const external of ["script", "image", "foreignObject", "style"]) expect(elements, external).to.not.include(external);
        expect(svg).to.not.match(/NaN|Infinity|undefined/);
        expect(svg).to.not.match(/href=/);
    });

    it("draws one line per strategy plus demand, each over every simulated minute", () => {
        const sim = finalSimulation();
        const svg = renderCapacityChartSvg(sim, "final");
        const lines = [...svg.matchAll(/<polyline class="series" data-series="([a-z]+)" points="([^"]*)"/g)];
        expect(lines.map((l) => l[1])).to.deep.equal(["demand", ...STRATEGIES]);
        for (const l of lines) {
            const points = l[2].split(" ");
            expect(points, l[1]).to.have.length(sim.minutes.length);
            for (const p of points) expect(p, l[1]).to.match(/^\d+(\.\d)?,\d+(\.\d)?$/);
        }
        // Higher capacity is drawn higher (smaller y): the scheduled floor sits above the fixed line before kickoff.
        const yOf = (series: string, minute: number) => Number(lines.find((l) => l[1] === series)![2].split(" ")[sim.minutes.indexOf(minute)].split(",")[1]);
        expect(yOf("scheduled", -30)).to.be.below(yOf("fixed", -30));
    });

    it("labels the axes, marks kickoff and carries a legend entry per line", () => {
        const sim = finalSimulation();
        const svg = renderCapacityChartSvg(sim, "final");
        expect(svg).to.contain(">minutes from kickoff</text>").and.contain(">instances</text>");
        expect(svg).to.match(/<line class="marker" data-marker="kickoff"[^>]*stroke="#000000"/);
        expect(svg).to.contain(">kickoff</text>");
        for (const label of ["demand (instances needed)", "fixed (on-premise)", "reactive (target tracking)", "scheduled (this plan)", "oracle (exact need)"]) {
            expect(svg).to.contain(`>${label}</text>`);
        }
        expect(svg).to.contain(`>floor ${sim.floor} instances</text>`);
        // x ticks every 30 minutes, including 0; y ticks start at 0.
        expect(svg).to.match(/text-anchor="middle">0<\/text>/);
        expect(svg).to.match(/text-anchor="middle">-60<\/text>/);
        expect(svg).to.match(/text-anchor="end">0<\/text>/);
    });

    it("escapes the title", () => {
        const svg = renderCapacityChartSvg(finalSimulation(), "Spurs <v> \"Inter\" & co");
        expect(svg).to.contain("<title>Spurs &lt;v&gt; &quot;Inter&quot; &amp; co</title>");
        expect(svg).to.not.contain("<v>");
        wellFormedElements(svg);
        expect(escapeXml("a&b<c>'d\"")).to.equal("a&amp;b&lt;c&gt;&apos;d&quot;");
    });
});
