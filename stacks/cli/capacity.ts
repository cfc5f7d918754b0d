/**
 * `npm run capacity -- --stack <name> [--now <time>] [--config-file <path>] [--out <dir>]`
 *
 * Prints, per upcoming match window, the scheduled actions the stack will declare and
 * the surge simulation (x1.0, x1.5, x2.5 and each fixture's surgeFactor; normal time
 * and extra time; pessimistic timing), what each night and the season cost, and a
 * verdict. Writes a chart of each simulated scenario to <dir> (default out/capacity),
 * after removing that stack's old charts there (`<stack>-*.svg`).
 *
 * Exit codes: 0 covered; 1 invalid config; 2 usage error; 3 a defect of the program;
 * 4 not covered: a scenario a fixture asks for has minutes under capacity (the report
 * and the charts are still printed and written).
 */
import * as fs from "fs";
import * as path from "path";
import { loadStackSettings } from "../plan/loadStack";
import { capacityReport } from "../report/capacityReport";
import { exitQuietlyOnClosedStdout, NOW_HELP, nowFromCommandLine, parseCommandLine, usageError } from "./commandLine";

/** Exit code when a scenario a fixture asks for is not covered. */
export const EXIT_NOT_COVERED = 4;

const USAGE = `usage: npm run capacity -- --stack <name> [--now <time>] [--config-file <path>] [--out <dir>]

  --stack <name>         stack whose fixtures to plan (matchday)
  --now <time>           ${NOW_HELP}
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --out <dir>            where the SVG charts go (default out/capacity); the stack's old
                         charts there (<stack>-*.svg) are removed first

exit codes: 0 every scenario the fixtures ask for is covered; 1 invalid config;
  2 usage error; 3 a defect of this program; ${EXIT_NOT_COVERED} NOT COVERED (see the VERDICT lines)`;

/**
 * Removes the charts an earlier run wrote for `stack` in `dir` (`<stack>-*.svg`), so a
 * removed fixture's chart does not linger. Only files directly in `dir`.
 *
 * @returns the names removed
 */
export function removeOldCharts(dir: string, stack: string): string[] {
    if (!fs.existsSync(dir)) return [];
    const removed: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.startsWith(`${stack}-`) || !entry.name.endsWith(".svg")) continue;
        fs.unlinkSync(path.join(dir, entry.name));
        removed.push(entry.name);
    }
    return removed;
}

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
    const nowRead = nowFromCommandLine(parsed.values.now as string | undefined, { stack, configFile: parsed.values["config-file"] as string | undefined }, USAGE);
    if (!nowRead.ok) return nowRead.exitCode;
    const now = nowRead.now;

    const loaded = loadStackSettings({ stack, configFile: parsed.values["config-file"] as string | undefined, now });
    if (!loaded.ok) {
        process.stderr.write(`${loaded.message}\n`);
        return 1;
    }
    const report = capacityReport(loaded.loaded.settings);
    process.stdout.write(`${report.text}\n`);
    const removed = removeOldCharts(out, stack);
    if (report.charts.length > 0) {
        fs.mkdirSync(out, { recursive: true });
        for (const chart of report.charts) fs.writeFileSync(path.join(out, chart.fileName), chart.svg);
    }
    const written = report.charts.length > 0 ? `${report.charts.length} charts written to ${out}/ (open them in a browser)` : `no charts written`;
    process.stdout.write(`\n${written}; ${removed.length} old chart${removed.length === 1 ? "" : "s"} of stack "${stack}" removed from ${out}/ first\n`);
    return report.covered ? 0 : EXIT_NOT_COVERED;
}

exitQuietlyOnClosedStdout();
try {
    process.exitCode = main(process.argv.slice(2));
} catch (e) {
    // Not a config problem: a defect of the program. One line, no stack trace.
    process.stderr.write(`capacity failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 3;
}
