/**
 * `npm run plan -- --stack <name> [--json] [--diff [<other stack>]] [--base <git ref>] [--config-file <path>] [--now <time>] [--max-chars <n>]`
 *
 * The offline plan: the real program under the mock runtime, no cloud API, no
 * credentials. Exit 0 with the plan; 1 when a stack's config or file is invalid (the
 * message names the stack, the key and what is allowed), or `--diff` without a stack
 * cannot read the committed stack file; 2 on a usage error; 5: a fixture this edit adds
 * or changes gets no capacity (past, or too late to pre-warm), after the whole diff.
 */
import type * as CommittedConfigModule from "../plan/committedConfig";
import type * as FixtureChangesModule from "../plan/fixtureChanges";
import type * as StackFilesModule from "../plan/stackFiles";
import type * as ProgramModule from "../program";
import type * as PlanStackModule from "../plan/planStack";
import type * as RenderModule from "../plan/render";
import { exitAfterOutput, exitQuietlyOnClosedStdout, NOW_HELP, nowFromCommandLine, parseCommandLine, takeBareOption, usageError } from "./commandLine";

const USAGE = `usage: npm run plan -- --stack <name> [--json] [--diff [<other stack>]] [--base <git ref>] [--config-file <path>] [--now <time>] [--max-chars <n>]

  --stack <name>         stack to plan (dev, matchday)
  --json                 print one JSON document instead of the tree
  --diff                 show what the working Pulumi.<stack>.yaml (or --config-file) changes
                         against the one committed at HEAD, with warnings about what the
                         next deploy does (both planned at the same --now)
  --diff <other stack>   show what this stack declares differently from the other one
  --base <git ref>       with --diff alone: compare against the file committed at this ref
                         instead of HEAD (a pull request's base, e.g. origin/main or a commit)
  --config-file <path>   read this file instead of Pulumi.<stack>.yaml
  --now <time>           ${NOW_HELP}
  --max-chars <n>        with a text --diff: fit it in n characters (never more) by leaving out
                         whole lines of other resources, then notes; only when the summary,
                         scheduled actions and warnings alone are over n, scheduled actions,
                         then the summary, then warnings; each cut says what was left out

exit codes: 0 the plan or diff; 1 invalid config or stack file (with --diff: a likely cause in
the edit is named); 2 usage error; 5 a fixture this edit adds or changes gets no capacity (past,
or too late to pre-warm): the whole diff is printed first`;

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
            "max-chars": { type: "string" },
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
    const maxCharsText = values["max-chars"] as string | undefined;
    let maxChars: number | undefined;
    if (maxCharsText !== undefined) {
        if (diffAgainst === undefined && !diffHead) return usageError("--max-chars goes with --diff (the text diff only)", USAGE).exitCode;
        if (values.json) return usageError("--max-chars fits the text diff; --json is never cut", USAGE).exitCode;
        maxChars = /^\d+$/.test(maxCharsText.trim()) ? Number(maxCharsText) : NaN;
        if (!Number.isSafeInteger(maxChars) || maxChars < 1) {
            return usageError(`--max-chars "${maxCharsText}": expected a whole number of characters above 0, e.g. 60000`, USAGE).exitCode;
        }
    }
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
            const causes = await likelyCauses(stack, configFile, committed.text, outcome.message);
            process.stderr.write(`${[outcome.message, ...causes].join("\n")}\n`);
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
        const rerun = `npm run plan -- --stack ${stack} --diff${base !== undefined ? ` --base ${base}` : ""}${configFile !== undefined ? ` --config-file ${configFile}` : ""}`;
        process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff, { maxChars, rerun })}\n`);
        return diff.noCapacity.length > 0 ? 5 : 0;
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
        const rerun = `npm run plan -- --stack ${stack} --diff ${diffAgainst}${configFile !== undefined ? ` --config-file ${configFile}` : ""}`;
        process.stdout.write(values.json ? `${JSON.stringify(diff, null, 2)}\n` : `${renderDiff(diff, { maxChars, rerun })}\n`);
        // An edited copy against its own stack (`--config-file <copy> --diff <same stack>`) is an edit too.
        return diff.noCapacity.length > 0 ? 5 : 0;
    }
    if (values.json) {
        process.stdout.write(`${JSON.stringify(planJson(plan), null, 2)}\n`);
        for (const note of plan.notes) process.stderr.write(`note: ${note}\n`);
    } else {
        process.stdout.write(`${renderTree(plan)}\n`);
    }
    return 0;
}

/**
 * `likely cause: fixture "X", added in this edit`: the fixtures the working file adds or
 * changes against the committed one that the failed plan's problems name. Nothing when
 * either file's fixtures cannot be read (the problems say why).
 */
async function likelyCauses(stack: string, configFile: string | undefined, committedText: string, problems: string): Promise<string[]> {
    const { fixtureNameChanges, likelyCauseLines, rawFixtures } = (await import("../plan/fixtureChanges")) as typeof FixtureChangesModule;
    const { readProjectFile, readStackConfig } = (await import("../plan/stackFiles")) as typeof StackFilesModule;
    const { withTemporaryStackFile } = (await import("../plan/committedConfig")) as typeof CommittedConfigModule;
    const { PROJECT_ROOT } = (await import("../program")) as typeof ProgramModule;
    try {
        const project = readProjectFile(PROJECT_ROOT);
        const working = readStackConfig(PROJECT_ROOT, project, stack, configFile);
        const committed = await withTemporaryStackFile(stack, committedText, async (file) => readStackConfig(PROJECT_ROOT, project, stack, file));
        const changes = fixtureNameChanges(rawFixtures(committed.values, project.name), rawFixtures(working.values, project.name));
        return likelyCauseLines(problems, changes);
    } catch {
        // An unreadable file is already in the problems.
        return [];
    }
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
