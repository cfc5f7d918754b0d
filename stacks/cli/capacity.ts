/**
 * `npm run capacity -- --stack <name> [--now <time>] [--config-file <path>] [--out <dir>]`
 *
 * Prints, per upcoming fixture, the scheduled actions the stack will declare and the
 * surge simulation at 1.0x, 1.5x and 2.5x the expected audience, and writes a chart
 * of demand against capacity for each to <dir> (default out/capacity). Exit 0 with
 * the report; 1 on invalid config; 2 on a usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "node:util";
import { loadStackSettings } from "../plan/planStack";
import { capacityReport } from "../capacity/report";
import { parseKickoff } from "../capacity/kickoffTime";

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
});

const USAGE = `usage: npm run capacity -- --stack <name> [--now <time>] [--config-file <path>] [--out <dir>]

  --stack <name>         stack whose fixtures to plan (matchday)
  --now <time>           plan as a deploy at this time would (ISO 8601 with Z or an offset); default: now
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --out <dir>            where the SVG charts go (default out/capacity)`;

function main(argv: string[]): number {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                now: { type: "string" },
                "config-file": { type: "string" },
                out: { type: "string", default: path.join("out", "capacity") },
                help: { type: "boolean", short: "h", default: false },
            },
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
    if (!args.stack) {
        process.stderr.write(`--stack is required\n\n${USAGE}\n`);
        return 2;
    }
    const now = args.now === undefined ? new Date() : parseKickoff(args.now);
    if (now === undefined) {
        process.stderr.write(`--now "${args.now}": expected an ISO 8601 time with Z or an offset\n\n${USAGE}\n`);
        return 2;
    }
    const loaded = loadStackSettings({ stack: args.stack, configFile: args["config-file"], now });
    if (!loaded.ok) {
        process.stderr.write(`${loaded.message}\n`);
        return 1;
    }
    const report = capacityReport(loaded.loaded.settings);
    process.stdout.write(`${report.text}\n`);
    if (report.charts.length > 0) {
        fs.mkdirSync(args.out!, { recursive: true });
        for (const chart of report.charts) fs.writeFileSync(path.join(args.out!, chart.fileName), chart.svg);
        process.stdout.write(`\n${report.charts.length} charts written to ${args.out}/ (open them in a browser)\n`);
    }
    return 0;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (e) {
    process.stderr.write(`capacity failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
}
