/**
 * `npm run bench [-- --svg <dir>]`
 *
 * Prints the capacity benchmark (stacks/capacity/bench.ts): the schedule of a fixed
 * set of fixtures and the surge simulation of each strategy. With `--svg <dir>`, also
 * writes one chart per simulation. Exit 0 with the report, 2 on a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { benchmarkRuns, runBenchmark } from "../capacity/bench";
import { renderCapacityChartSvg } from "../capacity/chart";
import { exitQuietlyOnClosedStdout, parseCommandLine } from "./commandLine";

const USAGE = `usage: npm run bench [-- --svg <dir>]

  --svg <dir>   also write one SVG chart per simulated match into <dir>`;

function main(argv: string[]): number {
    const parsed = parseCommandLine(argv, { svg: { type: "string" } }, USAGE);
    if (!parsed.ok) return parsed.exitCode;
    const svgDir = parsed.values.svg as string | undefined;
    process.stdout.write(`${runBenchmark()}\n`);
    if (svgDir !== undefined) {
        fs.mkdirSync(svgDir, { recursive: true });
        for (const run of benchmarkRuns()) {
            const file = path.join(svgDir, `${`${run.label} ${run.timing}`.replace(/[^A-Za-z0-9.]+/g, "-").toLowerCase()}.svg`);
            const ending = run.extraTime ? "extra time and penalties" : "ends in 90 minutes";
            fs.writeFileSync(file, renderCapacityChartSvg(run.sim, `${run.bench.fixture.name}, demand x${run.surge.toFixed(1)}, ${ending}, ${run.timing} timing`));
            process.stderr.write(`wrote ${file}\n`);
        }
    }
    return 0;
}

exitQuietlyOnClosedStdout();
process.exitCode = main(process.argv.slice(2));
