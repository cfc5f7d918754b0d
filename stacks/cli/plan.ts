/**
 * `npm run plan -- --stack <name> [--json] [--diff <other>] [--config-file <path>]`
 *
 * The offline plan: the real program under the mock runtime, no cloud API, no
 * credentials. Exit 0 with the plan; 1 when a stack's config or file is invalid (the
 * message names the stack, the key and what is allowed); 2 on a usage error.
 */
import { parseArgs } from "node:util";
import { planStack } from "../plan/planStack";
import { diffPlans, planJson, renderDiff, renderTree } from "../plan/render";

const USAGE = `usage: npm run plan -- --stack <name> [--json] [--diff <other stack>] [--config-file <path>]

  --stack <name>         stack to plan (dev, matchday)
  --json                 print one JSON document instead of the tree
  --diff <other stack>   show what this stack declares differently from the other one
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml`;

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

    const outcome = await planStack({ stack: args.stack, configFile: args["config-file"] });
    if (!outcome.ok) {
        process.stderr.write(`${outcome.message}\n`);
        return 1;
    }
    const plan = outcome.plan;

    if (args.diff !== undefined) {
        const other = await planStack({ stack: args.diff });
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
