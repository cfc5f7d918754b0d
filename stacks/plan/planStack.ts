/**
 * The offline plan of one stack: read its config as the CLI would, validate it, and
 * only when it is valid run the real program under the mock runtime.
 */
import { PROJECT_ROOT, runProgram } from "../program";
import { MockRun, runUnderMocks } from "./mockRuntime";
import { StackConfig } from "./stackFiles";
import { PlatformSettings } from "../config/settings";
import { loadStackSettings, PlanRequest } from "./loadStack";

export { loadStackSettings } from "./loadStack";
export type { LoadedStack, LoadOutcome, PlanRequest } from "./loadStack";

export interface StackPlan {
    project: string;
    stack: string;
    /** The stack file that was read. */
    source: string;
    run: MockRun<unknown>;
    /** The config the program was given (Pulumi.yaml defaults and the stack file), as read. */
    config: StackConfig;
    /** The validated settings the program was composed from (the schedule, the sizes, the deploy's clock). */
    settings: PlatformSettings;
    /** Lines for a reviewer: settings notes, logged warnings, placeholders, gaps. */
    notes: string[];
}

export type PlanOutcome = { ok: true; plan: StackPlan } | { ok: false; message: string };

/**
 * The offline plan of a stack: its config read and validated, then, only when valid,
 * the real program run under the mock runtime. Invalid config or an unreadable stack
 * file is an outcome with a message, not an exception.
 */
export async function planStack(req: PlanRequest): Promise<PlanOutcome> {
    // Validate before the mock runtime starts, so invalid config declares nothing at all.
    const loaded = loadStackSettings(req);
    if (!loaded.ok) return loaded;
    const { project, config, now, settings } = loaded.loaded;
    const root = req.root ?? PROJECT_ROOT;
    const run = await runUnderMocks(
        { project, stack: req.stack, config: config.values, secretKeys: config.placeholderKeys },
        () => runProgram({ placeholderKeys: config.placeholderKeys, now, root }),
    );
    const notes = [
        ...run.logs.filter((l) => l.level !== "debug").map((l) => (l.level === "info" ? l.message : `${l.level}: ${l.message}`)),
        ...config.placeholderKeys.map((k) => `${k} is a secure value: the offline plan uses a placeholder (pulumi up decrypts the real one)`),
        ...run.unansweredCalls.map((t) => `the offline plan has no answer for data source ${t}: values that depend on it are empty`),
    ];
    return { ok: true, plan: { project, stack: req.stack, source: config.source, run, config, settings, notes } };
}
