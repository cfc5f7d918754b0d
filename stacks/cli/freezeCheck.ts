/**
 * `npm run freeze-check -- --stack <name> [--now <time>] [--override "<reason>"] [--config-file <path>]`
 *
 * Whether a deploy of the stack may run now: refused inside a match window, or when a
 * rolling instance refresh started now could still be replacing instances at a
 * window's pre-warm (the decision is stacks/deploy/freeze.ts; this is its shell). The
 * deploy workflow runs it before `pulumi up`. Prints one line, after a warning on
 * stderr for each fixture in the file that is already past (never a freeze); with
 * `$GITHUB_STEP_SUMMARY` set, appends the verdict (and an override's reason) to that
 * file, the GitHub job summary.
 *
 * Exit 0: the deploy may go ahead (outside a freeze, no fixtures, or an override with a
 * reason). 1: invalid config or stack file (the plan's message). 2: usage error, or
 * `--override` without a reason. 3: a defect of the program. 4: refused, inside a freeze.
 */
import * as fs from "fs";
import type * as FreezeModule from "../deploy/freeze";
import type * as LoadStackModule from "../plan/loadStack";
import { exitAfterOutput, exitQuietlyOnClosedStdout, nowFromCommandLine, NOW_FORMS, parseCommandLine, takeBareOption, usageError } from "./commandLine";

const USAGE = `usage: npm run freeze-check -- --stack <name> [--now <time>] [--override "<reason>"] [--config-file <path>]

  --stack <name>         stack to be deployed (dev, matchday)
  --now <time>           check as a deploy at this time would: ${NOW_FORMS}; default: now
  --override "<reason>"  deploy inside a freeze anyway; the reason is printed and written to the
                         GitHub job summary ($GITHUB_STEP_SUMMARY); a reason is required
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml

exit codes: 0 may deploy; 1 invalid config; 2 usage error (or --override without a reason); 3 defect; 4 refused (freeze)`;

/** Exit code of a deploy refused because it falls in a freeze. */
const EXIT_FROZEN = 4;

async function main(argv: string[]): Promise<number> {
    // parseArgs cannot give --override an optional value: a bare --override is one without a reason.
    const bare = takeBareOption(argv, "override");
    const parsed = parseCommandLine(
        bare.argv,
        { stack: { type: "string" }, now: { type: "string" }, override: { type: "string" }, "config-file": { type: "string" } },
        USAGE,
    );
    if (!parsed.ok) return parsed.exitCode;
    const { values } = parsed;
    const stack = values.stack as string | undefined;
    if (!stack) return usageError("--stack is required", USAGE).exitCode;
    const nowRead = nowFromCommandLine(values.now as string | undefined, { stack, configFile: values["config-file"] as string | undefined }, USAGE);
    if (!nowRead.ok) return nowRead.exitCode;
    const now = nowRead.now;
    const override = bare.bare > 0 ? "" : (values.override as string | undefined);
    // Refused before anything loads (the decision refuses it too, whatever the clock says).
    if (override !== undefined && override.trim() === "") {
        return usageError(`REFUSED: --override needs a reason (--override "<why this deploy cannot wait>"); stack "${stack}" is not deployed without one`, USAGE).exitCode;
    }

    // Loaded only now: a usage error should not wait for the Pulumi SDK to load.
    const { loadStackSettings } = (await import("../plan/loadStack")) as typeof LoadStackModule;
    const { decideDeployFreeze, freezeInputFromSettings, pastFixtureWarnings } = (await import("../deploy/freeze")) as typeof FreezeModule;

    const loaded = loadStackSettings({ stack, configFile: values["config-file"] as string | undefined, now });
    if (!loaded.ok) {
        process.stderr.write(`${loaded.message}\n`);
        return 1;
    }
    const { settings, config, project } = loaded.loaded;
    // The configured sizes, before any match floor lifts them (validated integers by now).
    const size = (key: string) => Number(config.values[`${project}:${key}`]);
    const input = freezeInputFromSettings(
        settings,
        { min: size("minSize"), desired: size("desiredCapacity"), max: size("maxSize") },
        { ...(override !== undefined ? { override } : {}), ...(process.env.GITHUB_ACTOR ? { actor: process.env.GITHUB_ACTOR } : {}) },
    );
    const verdict = decideDeployFreeze(input);
    // Past fixtures on stderr, before the verdict (the last line, what a CI log shows first): warnings only, the verdict stands.
    const past = pastFixtureWarnings(input);
    for (const line of past.lines) process.stderr.write(`${line}\n`);
    (verdict.allowed ? process.stdout : process.stderr).write(`${verdict.line}\n`);

    const summaryFile = process.env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
        try {
            fs.appendFileSync(summaryFile, `${verdict.summary}${past.summary === "" ? "" : `\n${past.summary}`}\n`);
        } catch (e) {
            const why = e instanceof Error ? e.message : String(e);
            // An override must leave its record; anything else only warns.
            if (verdict.kind === "overridden") {
                process.stderr.write(`REFUSED: the override could not be recorded in $GITHUB_STEP_SUMMARY (${why}); nothing is deployed without its record\n`);
                return 1;
            }
            process.stderr.write(`warning: could not append to $GITHUB_STEP_SUMMARY (${why})\n`);
        }
    }
    if (verdict.kind === "override-without-reason") return 2;
    return verdict.allowed ? 0 : EXIT_FROZEN;
}

exitQuietlyOnClosedStdout();
main(process.argv.slice(2)).then(
    (code) => exitAfterOutput(code),
    (e: unknown) => {
        // Not a config problem: a defect of the program. One line, no stack trace.
        process.stderr.write(`freeze-check failed: ${e instanceof Error ? e.message : String(e)}\n`);
        exitAfterOutput(3);
    },
);
