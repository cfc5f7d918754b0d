/**
 * `npm run plan -- --stack <name> [--json] [--diff <other>] [--config-file <path>]`
 *
 * The offline plan: the real program under the mock runtime, no cloud API, no
 * credentials. Exit 0 with the plan; 1 when a stack's config or file is invalid (the
 * message names the stack, the key and what is allowed); 2 on a usage error.
 */
import { parseArgs } from "node:util";
import type * as PlanStackModule from "../plan/planStack";
import type * as RenderModule from "../plan/render";

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
    throw e;
});

const USAGE = `usage: npm run plan -- --stack <name> [--json] [--diff <other stack>] [--config-file <path>] [--now <time>]

  --stack <name>         stack to plan (dev, matchday)
  --json                 print one JSON document instead of the tree
  --diff <other stack>   show what this stack declares differently from the other one
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --now <time>           plan as a deploy at this time would (ISO 8601 with Z or an offset); default: now`;

/** Parses --now: ISO 8601 with Z or an offset, or undefined when absent; throws a usage message. */
function parseNow(text: string | undefined): Date | undefined {
    if (text === undefined) return undefined;
    const at = /(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(NaN);
    if (Number.isNaN(at.getTime())) throw new Error(`--now "${text}": expected an ISO 8601 time with Z or an offset, e.g. 2027-04-06T12:00:00Z`);
    return at;
}

async function main(argv: string[]): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: argv,
            options: {
                stack: { type: "string" },
                json: { type: "boolean", default: false },
                diff: { type: "string" },
                "config-file": { type: "string" },
                now: { type: "string" },
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

    let now: Date | undefined;
    try {
        now = parseNow(args.now);
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
        return 2;
    }
    // Loaded only now: a usage error should not wait for the Pulumi SDK and provider to load.
    const { planStack } = (await import("../plan/planStack")) as typeof PlanStackModule;
    const { diffPlans, planJson, renderDiff, renderTree } = (await import("../plan/render")) as typeof RenderModule;
    const outcome = await planStack({ stack: args.stack, configFile: args["config-file"], now });
    if (!outcome.ok) {
        process.stderr.write(`${outcome.message}\n`);
        return 1;
    }
    const plan = outcome.plan;

    if (args.diff !== undefined) {
        const other = await planStack({ stack: args.diff, now });
        if (!other.ok) {
            process.stderr.write(`${other.message}\n`);
            return 1;
        }
        const diff = diffPlans(plan, other.plan);
        process.stdout.write(args.json ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff)}\n`);
        return 0;
    }
    if (args.json) {
        process.stdout.write(`${JSON.stringify(planJson(plan), null, 2)}\n`);
        for (const note of plan.notes) process.stderr.write(`note: ${note}\n`);
    } else {
        process.stdout.write(`${renderTree(plan)}\n`);
    }
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
        // Not a config problem: a defect of the program. One line, no stack trace.
        process.stderr.write(`plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(3);
    },
);
