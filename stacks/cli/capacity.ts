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
import { loadStackSettings } from "../plan/planStack";
import { capacityReport } from "../capacity/report";
import { exitQuietlyOnClosedStdout, NOW_HELP, nowOption, parseCommandLine, usageError } from "./commandLine";

const USAGE = `usage: npm run capacity -- --stack <name> [--now <time>] [--config-file <path>] [--out <dir>]

  --stack <name>         stack whose fixtures to plan (matchday)
  --now <time>           ${NOW_HELP}
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --out <dir>            where the SVG charts go (default out/capacity)`;

function main(argv: string[]): number {
    const parsed = parseCommandLine(
        argv,
        { stack: { type: "string" }, now: { type: "string" }, "config-file": { type: "string" }, out: { type: "string" } },
        USAGE,
    );
    if (!parsed.ok) return parsed.exitCode;
    const stack = parsed.values.stack as string | undefined;
    const out = (parsed.values.out as string | undefined) ?? path.join("out", "capacity");
    if (!stack) return usageError("--stack is required", USAGE).exitCode;
    const now = nowOption(parsed.values.now as string | undefined);
    if (now === undefined) return usageError(`--now "${parsed.values.now}": expected an ISO 8601 time with Z or an offset`, USAGE).exitCode;

    const loaded = loadStackSettings({ stack, configFile: parsed.values["config-file"] as string | undefined, now });
    if (!loaded.ok) {
        process.stderr.write(`${loaded.message}\n`);
        return 1;
    }
    const report = capacityReport(loaded.loaded.settings);
    process.stdout.write(`${report.text}\n`);
    if (report.charts.length > 0) {
        fs.mkdirSync(out, { recursive: true });
        for (const chart of report.charts) fs.writeFileSync(path.join(out, chart.fileName), chart.svg);
        process.stdout.write(`\n${report.charts.length} charts written to ${out}/ (open them in a browser)\n`);
    }
    return 0;
}

exitQuietlyOnClosedStdout();
try {
    process.exitCode = main(process.argv.slice(2));
} catch (e) {
    // Not a config problem: a defect of the program. One line, no stack trace.
    process.stderr.write(`capacity failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
}
