/**
 * `npm run plan -- --stack <name> [--json] [--diff <other>] [--config-file <path>] [--now <time>]`
 *
 * The offline plan: the real program under the mock runtime, no cloud API, no
 * credentials. Exit 0 with the plan; 1 when a stack's config or file is invalid (the
 * message names the stack, the key and what is allowed); 2 on a usage error.
 */
import type * as PlanStackModule from "../plan/planStack";
import type * as RenderModule from "../plan/render";
import { exitQuietlyOnClosedStdout, NOW_HELP, nowOption, parseCommandLine, usageError } from "./commandLine";

const USAGE = `usage: npm run plan -- --stack <name> [--json] [--diff <other stack>] [--config-file <path>] [--now <time>]

  --stack <name>         stack to plan (dev, matchday)
  --json                 print one JSON document instead of the tree
  --diff <other stack>   show what this stack declares differently from the other one
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --now <time>           ${NOW_HELP}`;

async function main(argv: string[]): Promise<number> {
    const parsed = parseCommandLine(
        argv,
        {
            stack: { type: "string" },
            json: { type: "boolean", default: false },
            diff: { type: "string" },
            "config-file": { type: "string" },
            now: { type: "string" },
        },
        USAGE,
    );
    if (!parsed.ok) return parsed.exitCode;
    const { values } = parsed;
    const stack = values.stack as string | undefined;
    const diffAgainst = values.diff as string | undefined;
    if (!stack) return usageError("--stack is required", USAGE).exitCode;
    const now = nowOption(values.now as string | undefined);
    if (now === undefined) return usageError(`--now "${values.now}": expected an ISO 8601 time with Z or an offset, e.g. 2027-04-06T12:00:00Z`, USAGE).exitCode;

    // Loaded only now: a usage error should not wait for the Pulumi SDK and provider to load.
    const { planStack } = (await import("../plan/planStack")) as typeof PlanStackModule;
    const { diffPlans, planJson, renderDiff, renderTree } = (await import("../plan/render")) as typeof RenderModule;
    const outcome = await planStack({ stack, configFile: values["config-file"] as string | undefined, now });
    if (!outcome.ok) {
        process.stderr.write(`${outcome.message}\n`);
        return 1;
    }
    const plan = outcome.plan;

    if (diffAgainst !== undefined) {
        const other = await planStack({ stack: diffAgainst, now });
        if (!other.ok) {
            process.stderr.write(`${other.message}\n`);
            return 1;
        }
        const diff = diffPlans(plan, other.plan);
        process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff)}\n`);
        return 0;
    }
    if (values.json) {
        process.stdout.write(`${JSON.stringify(planJson(plan), null, 2)}\n`);
        for (const note of plan.notes) process.stderr.write(`note: ${note}\n`);
    } else {
        process.stdout.write(`${renderTree(plan)}\n`);
    }
    return 0;
}

exitQuietlyOnClosedStdout();
main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
        // Not a config problem: a defect of the program. One line, no stack trace.
        process.stderr.write(`plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(3);
    },
);
