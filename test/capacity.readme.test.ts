/**
 * The benchmark's numbers in the READMEs are the benchmark's: every line of the capacity
 * README's benchmark block is a line `npm run bench` prints, and the figures the
 * project README quotes are computed from the same runs.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { benchmarkRuns, BenchRun, runBenchmark } from "../stacks/capacity/bench";
import { strategyResult } from "../stacks/capacity/simulation";
import { perMutant } from "./helpers/perMutant";

const read = (file: string) => fs.readFileSync(path.join(__dirname, "..", file), "utf8");

describe("capacity READMEs quote the benchmark", () => {
    // Built inside each test (once per process, or per mutant under Stryker): see test/helpers/perMutant.ts.
    const allRuns = (): BenchRun[] => perMutant("benchmarkRuns", benchmarkRuns);

    it("stacks/capacity/README.md: every line of the benchmark block is printed by npm run bench", () => {
        const text = read("stacks/capacity/README.md");
        const block = text.slice(text.indexOf("<!-- bench:start -->"), text.indexOf("<!-- bench:end -->"));
        const lines = block.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("```") && !l.startsWith("<!--"));
        expect(lines.length).to.be.at.least(30);
        const printed = new Set(perMutant("runBenchmark", runBenchmark).split("\n"));
        for (const line of lines) expect(printed.has(line), `README line not in the benchmark's output: ${line}`).to.equal(true);
    });

    it("README.md: the cost range at the expected audience", () => {
        const ratios = allRuns()
            .filter((r) => r.surge === 1 && r.timing === "default" && r.warmPoolSize > 0)
            .map((r) => strategyResult(r.sim, "scheduled").ratioToLowerBound);
        const range = `${Math.min(...ratios).toFixed(2)}x to ${Math.max(...ratios).toFixed(2)}x`;
        expect(read("README.md")).to.contain(`<!-- bench:cost -->${range}<!-- /bench:cost -->`);
        expect(read("stacks/capacity/README.md")).to.contain(`${range} the lower bound at the expected audience`);
    });

    it("both READMEs: the final's miss at x2.5 and target tracking's shortfall at x1.0", () => {
        const final = (extraTime: boolean) =>
            strategyResult(allRuns().find((r) => r.bench.label === "final" && r.extraTime === extraTime && r.surge === 2.5 && r.timing === "pessimistic" && r.warmPoolSize > 0)!.sim, "scheduled");
        const worst = final(false).worstShortfallPercent.toFixed(0);
        const short = `${worst} % of viewers go unserved for ${final(false).minutesUnderCapacity}`;
        expect(read("README.md")).to.contain(`${short} minutes (${final(true).minutesUnderCapacity} minutes with extra time)`);
        expect(read("stacks/capacity/README.md").replace(/\s+/g, " ")).to.contain(`${short} minutes (${final(true).minutesUnderCapacity} with extra time)`);
        const reactive = allRuns()
            .filter((r) => r.surge === 1 && r.timing === "default" && r.warmPoolSize > 0 && r.bench.label !== "group MD6")
            .map((r) => strategyResult(r.sim, "reactive").minutesUnderCapacity);
        const span = `${Math.min(...reactive)} to ${Math.max(...reactive)} minutes`;
        expect(read("README.md").replace(/\s+/g, " ")).to.contain(`Target tracking alone is short for ${span} at 1.0x`);
        expect(read("stacks/capacity/README.md").replace(/\s+/g, " ")).to.contain(`Target tracking alone is ${span.replace(" minutes", "")} minutes short at 1.0x`);
    });
});
