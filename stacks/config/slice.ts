/**
 * The one shape of a slice of the stack config: the keys of one concern (web tier,
 * access, matchday, hybrid, ...), the checks across them, and the settings the concern
 * produces. `validate.ts` runs the slices in order and gathers every problem; the
 * settings of a stack are typed from the slices (`settings.ts`), so nothing is
 * assembled by hand, and `Pulumi.yaml`'s config block and the README's key table are
 * generated from them (`npm run config-docs`).
 */
import type { KeyDef } from "./schema";

/** A slice's keys by name. */
export type KeyTable = Record<string, KeyDef<any>>;

/** The values a key table parses to; undefined when the stack leaves an optional key unset or its value was refused. */
export type KeyValues<K extends KeyTable> = { [N in keyof K]?: K[N] extends KeyDef<infer T> ? T : never };

/** One problem of a stack's config: names the key, its value and what is allowed. */
export interface ConfigProblem {
    /** Full key, e.g. "kgsports:maxSize". */
    key: string;
    /** The offending raw value, when there is one. */
    value?: string;
    /** The value as the stack file has it (a number bare, text quoted), when known; else the line quotes {@link value}. */
    literal?: string;
    /** What is wrong and what is allowed. */
    message: string;
}

/** What every slice may know of the deploy besides its keys. */
export interface SliceContext {
    project: string;
    stack: string;
    /** `aws:region`, "" when it is missing or refused (a problem already says so). */
    region: string;
    /** The deploy's clock: fixtures are planned from it. */
    now: Date;
    /** Keys whose values are offline placeholders for `secure:` values. */
    placeholderKeys: readonly string[];
    /** Reads a text file relative to the project root; undefined when it cannot be read. */
    readProjectFile(relativePath: string): string | undefined;
    /** Full keys already refused (by their parser or an earlier slice). */
    refusedKeys(): readonly string[];
}

/** What a slice decides: its settings (absent when a problem stops it), problems, and notes for the plan. */
export interface SliceOutcome<S> {
    settings?: S;
    problems?: ConfigProblem[];
    notes?: string[];
}

/**
 * One concern of the stack config.
 *
 * - `keys`: its own keys (schema type, description, default, allowed text, parser).
 * - `reads`: keys of other slices it checks against or sizes from (read only).
 * - `check`: problems among the parsed values alone (run for every slice before any
 *   `decide`, so a stack sees all of them at once).
 * - `decide`: its settings from its values and the settings of the slices before it
 *   (`earlier`, each absent when that slice was stopped by a problem).
 */
export interface ConfigSlice<Name extends string, K extends KeyTable, R extends KeyTable, E, S> {
    name: Name;
    /** The section heading in `Pulumi.yaml` and the README's key table. */
    title: string;
    /** Comment lines under the heading in `Pulumi.yaml` (what the schema cannot say). */
    schemaComment?: string[];
    keys: K;
    reads?: R;
    check?(values: KeyValues<K> & KeyValues<R>, ctx: SliceContext): ConfigProblem[];
    decide(values: KeyValues<K> & KeyValues<R>, ctx: SliceContext, earlier: Partial<E>): SliceOutcome<S>;
}

export type AnySlice = ConfigSlice<string, KeyTable, KeyTable, any, unknown>;

/** The settings a slice produces. */
export type SettingsOf<S> = S extends ConfigSlice<string, any, any, any, infer X> ? X : never;

/** Declares a slice with its types inferred (the identity function: only for the compiler). */
export function defineSlice<Name extends string, K extends KeyTable, R extends KeyTable, E, S>(
    slice: ConfigSlice<Name, K, R, E, S>,
): ConfigSlice<Name, K, R, E, S> {
    return slice;
}

/** The values of `keys` picked from every parsed value (a slice sees its own and the ones it reads). */
export function pickValues(all: Readonly<Record<string, unknown>>, ...tables: (KeyTable | undefined)[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const table of tables) for (const name of Object.keys(table ?? {})) out[name] = all[name];
    return out;
}

/** The named keys of another slice's table, for `reads`. */
export function pickKeys<K extends KeyTable, N extends keyof K & string>(table: K, ...names: N[]): Pick<K, N> {
    const out = {} as Pick<K, N>;
    for (const name of names) out[name] = table[name];
    return out;
}

/** The latest release of the upcoming windows, for checks of what must last the season (runtimes). */
export function lastRelease(windows: readonly { releaseAt: Date }[] | undefined): { lastFixtureRelease?: Date } {
    const releases = (windows ?? []).map((w) => w.releaseAt.getTime());
    return releases.length > 0 ? { lastFixtureRelease: new Date(Math.max(...releases)) } : {};
}

/** The message a person sees: names the stack, every key, its value and what is allowed. */
export function formatConfigProblems(stack: string, problems: ConfigProblem[], source?: string): string {
    const where = source ? ` (${source})` : "";
    const lines = problems.map((p) => `  - ${p.key}${p.value !== undefined ? ` = ${p.literal ?? JSON.stringify(p.value)}` : ""}: ${p.message}`);
    return [`Stack "${stack}" has invalid config${where}; nothing was declared:`, ...lines].join("\n");
}
