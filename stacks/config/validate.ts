/**
 * Turns a stack's raw config (every value a string, as Pulumi hands it over) into
 * validated settings, or into every problem at once: the stack's identity, every key
 * parsed, then each slice's checks and decisions (`slices/`). Pure: file reads come in
 * through `deps`, so tests and the offline plan run it without a cloud or a CLI.
 */
import { KEYS } from "./keys";
import { parseKeys } from "./parseKeys";
import { settingsNotes } from "./planNotes";
import type { PlatformSettings } from "./settings";
import { AnySlice, ConfigProblem, pickValues, SliceContext } from "./slice";
import { SLICES } from "./slices";
import { decideStackIdentity, unknownKeyProblems } from "./stackIdentity";

export type { ConfigProblem } from "./slice";
export { formatConfigProblems } from "./slice";
export { splitKey } from "./stackIdentity";
export { reservationNotes, settingsNotes } from "./planNotes";
export { USER_DATA_LIMIT_BYTES } from "./slices/webTier";

export interface RawStackConfig {
    project: string;
    stack: string;
    /** Full keys ("kgsports:minSize", "aws:region") to raw string values. */
    values: Record<string, string>;
    /** Keys whose values are offline placeholders for `secure:` values. */
    placeholderKeys?: readonly string[];
}

export interface ValidationDeps {
    /** Reads a text file relative to the project root; undefined when it cannot be read. */
    readProjectFile(relativePath: string): string | undefined;
    /** The deploy's clock: fixtures are planned from it. */
    now: Date;
}

export type ValidationResult =
    | { ok: true; settings: PlatformSettings; notes: string[] }
    | { ok: false; problems: ConfigProblem[] };

/** `slices`: the project's, in their order; a test passes others to see the runner's own checks. */
export function validateStackConfig(raw: RawStackConfig, deps: ValidationDeps, slices: readonly AnySlice[] = SLICES as readonly AnySlice[]): ValidationResult {
    const problems = unknownKeyProblems(raw.values, Object.keys(KEYS));
    const stack = decideStackIdentity(raw.project, raw.stack, raw.values);
    problems.push(...stack.problems);
    const placeholderKeys = raw.placeholderKeys ?? [];
    const keys = parseKeys(KEYS, raw.values, placeholderKeys);
    problems.push(...keys.problems);

    const ctx: SliceContext = {
        project: raw.project,
        stack: raw.stack,
        region: raw.values["aws:region"] ?? "",
        now: deps.now,
        placeholderKeys,
        readProjectFile: (path) => deps.readProjectFile(path),
        refusedKeys: () => problems.map((p) => p.key),
    };
    const valuesOf = (slice: AnySlice) => pickValues(keys.parsed, slice.keys, slice.reads);
    for (const slice of slices) problems.push(...(slice.check?.(valuesOf(slice), ctx) ?? []));
    const decided: Record<string, unknown> = {};
    const notes: string[] = [];
    for (const slice of slices) {
        const outcome = slice.decide(valuesOf(slice), ctx, decided);
        problems.push(...(outcome.problems ?? []));
        notes.push(...(outcome.notes ?? []));
        if ("settings" in outcome) decided[slice.name] = outcome.settings;
    }
    const undecided = slices.filter((s) => !(s.name in decided)).map((s) => s.name);
    if (problems.length === 0 && undecided.length > 0) {
        problems.push({ key: "(program)", message: `the ${undecided.join(", ")} settings were not decided although no key was refused; this is a bug in the program, not in the stack file` });
    }
    // Stryker disable next-line ConditionalExpression: equivalent; the identity is undefined only with a problem (the compiler needs the check)
    if (problems.length > 0 || stack.identity === undefined) return { ok: false, problems };
    const settings = { ...stack.identity, ...decided } as PlatformSettings;
    return { ok: true, settings, notes: [...settingsNotes(settings), ...notes] };
}
