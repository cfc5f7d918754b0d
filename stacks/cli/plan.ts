/**
 * `npm run plan -- --stack <name> [--json] [--diff [<other stack>]] [--base <git ref>] [--config-file <path>] [--now <time>]`
 *
 * The offline plan: the real program under the mock runtime, no cloud API, no
 * credentials. Exit 0 with the plan; 1 when a stack's config or file is invalid (the
 * message names the stack, the key and what is allowed), or `--diff` without a stack
 * cannot read the committed stack file; 2 on a usage error.
 */
import type * as CommittedConfigModule from "../plan/committedConfig";
import type * as PlanStackModule from "../plan/planStack";
import type * as RenderModule from "../plan/render";
import { exitAfterOutput, exitQuietlyOnClosedStdout, NOW_HELP, nowFromCommandLine, parseCommandLine, takeBareOption, usageError } from "./commandLine";

const USAGE = `usage: npm run plan -- --stack <name> [--json] [--diff [<other stack>]] [--base <git ref>] [--config-file <path>] [--now <time>]

  --stack <name>         stack to plan (dev, matchday)
  --json                 print one JSON document instead of the tree
  --diff                 show what the working Pulumi.<stack>.yaml (or --config-file) changes
                         against the one committed at HEAD, with warnings about what the
                         next deploy does (both planned at the same --now)
  --diff <other stack>   show what this stack declares differently from the other one
  --base <git ref>       with --diff alone: compare against the file committed at this ref
                         instead of HEAD (a pull request's base, e.g. origin/main or a commit)
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --now <time>           ${NOW_HELP}`;

async function main(argv: string[]): Promise<number> {
    // parseArgs cannot give --diff an optional value: a bare --diff means "against HEAD".
    const bareDiff = takeBareOption(argv, "diff");
    const parsed = parseCommandLine(
        bareDiff.argv,
        {
            stack: { type: "string" },
            json: { type: "boolean", default: false },
            diff: { type: "string" },
            base: { type: "string" },
            "config-file": { type: "string" },
            now: { type: "string" },
        },
        USAGE,
    );
    if (!parsed.ok) return parsed.exitCode;
    const { values } = parsed;
    const stack = values.stack as string | undefined;
    const diffAgainst = values.diff as string | undefined;
    const configFile = values["config-file"] as string | undefined;
    if (bareDiff.bare > 1 || (bareDiff.bare > 0 && diffAgainst !== undefined)) {
        return usageError("--diff is given more than once: use --diff alone (against HEAD) or --diff <other stack>", USAGE).exitCode;
    }
    const diffHead = bareDiff.bare === 1;
    const base = values.base as string | undefined;
    if (base !== undefined && !diffHead) {
        return usageError("--base <git ref> goes with --diff alone (the committed file at that ref); --diff <other stack> compares two stacks", USAGE).exitCode;
    }
    if (!stack) return usageError("--stack is required", USAGE).exitCode;
    const nowRead = nowFromCommandLine(values.now as string | undefined, { stack, configFile }, USAGE);
    if (!nowRead.ok) return nowRead.exitCode;
    const now = nowRead.now;

    // Loaded only now: a usage error should not wait for the Pulumi SDK and provider to load.
    const { planStack } = (await import("../plan/planStack")) as typeof PlanStackModule;
    const { diffPlans, planJson, renderDiff, renderTree } = (await import("../plan/render")) as typeof RenderModule;

    if (diffHead) {
        const { readCommittedStackFile, withTemporaryStackFile } = (await import("../plan/committedConfig")) as typeof CommittedConfigModule;
        // Before any planning: without a committed file there is nothing to compare with.
        const head = readCommittedStackFile(stack, undefined, base);
        if (!head.ok) {
            process.stderr.write(`${head.message}\n`);
            return 1;
        }
        const { committed } = head;
        const outcome = await planStack({ stack, configFile, now });
        if (!outcome.ok) {
            process.stderr.write(`${outcome.message}\n`);
            return 1;
        }
        const label = `${committed.ref}:${committed.file}`;
        const baseline = await withTemporaryStackFile(stack, committed.text, async (file) => {
            const planned = await planStack({ stack, configFile: file, now });
            // Messages name the committed file, not the temporary copy.
            return planned.ok ? planned : { ok: false as const, message: planned.message.split(file).join(`${label} (${committed.shortCommit})`) };
        });
        if (!baseline.ok) {
            process.stderr.write(`${baseline.message}\n`);
            return 1;
        }
        const diff = diffPlans(outcome.plan, baseline.plan, { committed: { file: committed.file, commit: committed.commit } });
        // The diff names HEAD; against another ref it names that ref (`origin/main:Pulumi.matchday.yaml`).
        if (committed.ref !== "HEAD") diff.against = label;
        process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff)}\n`);
        return 0;
    }

    const outcome = await planStack({ stack, configFile, now });
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
    (code) => exitAfterOutput(code),
    (e: unknown) => {
        // Not a config problem: a defect of the program. One line, no stack trace.
        process.stderr.write(`plan failed: ${e instanceof Error ? e.message : String(e)}\n`);
        exitAfterOutput(3);
    },
);
