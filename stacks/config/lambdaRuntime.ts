/**
 * The stack's Lambda runtimes against the dated facts (stacks/facts/datedFacts.ts): a
 * function whose runtime AWS blocks before the season is over cannot be created (a new
 * stack, a replacement) or updated (any change of its code or settings, e.g. a fix during
 * the knockout rounds) when it matters. Pure: the clock and the season's end come in.
 */
import { IsoDate, LAMBDA_RUNTIMES, RuntimeLife } from "../facts/datedFacts";

/** How long after the last fixture's release the runtime must still be creatable and updatable. */
export const RUNTIME_MARGIN_DAYS = 90;

const DAY_MS = 86_400_000;

export interface RuntimeSeason {
    /** The deploy's clock. */
    now: Date;
    /** When the last upcoming fixture's window ends (its release); undefined without fixtures. */
    lastFixtureRelease?: Date;
}

export interface RuntimeProblem {
    key: string;
    value: string;
    message: string;
}

/** The day until which the runtime must stay usable: the later of now and the last release, plus the margin. */
export function runtimeHorizon(season: RuntimeSeason): Date {
    const from = Math.max(season.now.getTime(), season.lastFixtureRelease?.getTime() ?? season.now.getTime());
    return new Date(from + RUNTIME_MARGIN_DAYS * DAY_MS);
}

/** Midnight UTC of a table date. */
function dayStart(date: IsoDate): number {
    return Date.parse(`${date}T00:00:00Z`);
}

/** The blocks of a runtime that fall on or before the horizon, as words. */
function blocksBefore(runtime: string, life: RuntimeLife, horizon: Date): string[] {
    const hits: string[] = [];
    // Stryker disable next-line ConditionalExpression: equivalent: an undefined date parses to NaN, and NaN <= x is false
    if (life.createBlocked !== undefined && dayStart(life.createBlocked) <= horizon.getTime()) hits.push(`creating functions on ${runtime} from ${life.createBlocked}`);
    // Stryker disable next-line ConditionalExpression: equivalent, as above
    if (life.updateBlocked !== undefined && dayStart(life.updateBlocked) <= horizon.getTime()) hits.push(`updating functions on ${runtime} from ${life.updateBlocked}`);
    return hits;
}

/** The runtimes of the table that stay usable past the horizon, in the table's order. */
export function usableRuntimes(horizon: Date, table: Readonly<Record<string, RuntimeLife>> = LAMBDA_RUNTIMES): string[] {
    return Object.entries(table).filter(([id, life]) => blocksBefore(id, life, horizon).length === 0).map(([id]) => id);
}

/**
 * The problem with running `what` on `runtime` this season, or none. The problem's key is
 * `key` (a pseudo key in parentheses when the runtime is not a config key), its value the
 * runtime; the message names the block date(s), the horizon and what is allowed.
 */
export function lambdaRuntimeProblems(
    runtime: string,
    season: RuntimeSeason,
    what: string,
    key: string,
    table: Readonly<Record<string, RuntimeLife>> = LAMBDA_RUNTIMES,
): RuntimeProblem[] {
    const horizon = runtimeHorizon(season);
    const until = horizon.toISOString().slice(0, 10);
    const why = season.lastFixtureRelease !== undefined && season.lastFixtureRelease.getTime() > season.now.getTime()
        ? `the last fixture's release (${season.lastFixtureRelease.toISOString().slice(0, 16)}Z) plus ${RUNTIME_MARGIN_DAYS} days`
        : `this deploy plus ${RUNTIME_MARGIN_DAYS} days (no fixture ahead)`;
    const usable = usableRuntimes(horizon, table);
    const allowed = `allowed: a runtime AWS lets you create and update functions on until ${until}: ${usable.join(", ") || "none in stacks/facts/datedFacts.ts (add the next Node.js runtime with its dates and source)"}`;
    const life = table[runtime];
    if (life === undefined) {
        return [{ key, value: runtime, message: `${what}'s runtime has no dates in stacks/facts/datedFacts.ts, so the plan cannot tell when AWS blocks it; ${allowed}, or add its row (dates, source, day read)` }];
    }
    const hits = blocksBefore(runtime, life, horizon);
    if (hits.length === 0) return [];
    return [{ key, value: runtime, message: `AWS blocks ${hits.join(" and ")}, before ${until} (${why}): ${what} could not be created or changed in time; ${allowed}` }];
}
