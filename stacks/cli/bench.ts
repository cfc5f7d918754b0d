/**
 * `node -r ts-node/register/transpile-only stacks/cli/bench.ts [--svg <dir>]`
 *
 * Prints the capacity benchmark (stacks/capacity/bench.ts): the schedule of a fixed
 * set of fixtures and the surge simulation of each strategy. With `--svg <dir>`, also
 * writes one chart per simulation. Exit 0 with the report, 2 on a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { benchmarkRuns, runBenchmark } from "../capacity/bench";
import { renderCapacityChartSvg } from "../capacity/chart";

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
});

const USAGE = `usage: node -r ts-node/register/transpile-only stacks/cli/bench.ts [--svg <dir>]

  --svg <dir>   also write one SVG chart per simulated match into <dir>`;

function main(argv: string[]): number {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: { svg: { type: "string" }, help: { type: "boolean", short: "h", default: false } },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
        return 2;
    }
    if (args.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    process.stdout.write(`${runBenchmark()}\n`);
    if (args.svg !== undefined) {
        fs.mkdirSync(args.svg, { recursive: true });
        for (const run of benchmarkRuns()) {
            const file = path.join(args.svg, `${run.label.replace(/[^A-Za-z0-9.]+/g, "-").toLowerCase()}.svg`);
            fs.writeFileSync(file, renderCapacityChartSvg(run.sim, `${run.bench.fixture.name}, demand x${run.surge.toFixed(1)}`));
            process.stderr.write(`wrote ${file}\n`);
        }
    }
    return 0;
}

process.exitCode = main(process.argv.slice(2));
