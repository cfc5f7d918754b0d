/**
 * The front-door probe's canary against the dated facts (stacks/facts/datedFacts.ts) and
 * Synthetics' own rules. AWS's runtime support policy: no canary can be created on a
 * deprecated runtime; a canary already on one keeps running and can be stopped, started,
 * deleted, or updated to a supported runtime. So a deprecated runtime stops the first
 * deploy (and any replacement of the canary), while one deprecated later in the season
 * only means a replacement after that day fails: a note, not a refusal. Pure: the clock
 * and the season's end come in.
 */
import { canaryNameProblem, DEFAULT_CANARY_RUNTIME } from "@kgsports/observability/pure";
import { IsoDate, LAMBDA_RUNTIMES, RuntimeLife, SYNTHETICS_RUNTIMES, SyntheticsRuntimeLife } from "../facts/datedFacts";
import { RUNTIME_MARGIN_DAYS, RuntimeProblem, runtimeHorizon, RuntimeSeason } from "./lambdaRuntime";

export interface CanaryFindings {
    problems: RuntimeProblem[];
    notes: string[];
}

/** The day a Synthetics runtime is, or is expected to be, deprecated, and whether AWS announced it. */
export function canaryDeprecation(
    life: SyntheticsRuntimeLife,
    lambdaTable: Readonly<Record<string, RuntimeLife>> = LAMBDA_RUNTIMES,
): { date: IsoDate; announced: boolean } | undefined {
    if (life.deprecated !== undefined) return { date: life.deprecated, announced: true };
    const follows = lambdaTable[life.followsLambda]?.deprecated;
    return follows !== undefined ? { date: follows, announced: false } : undefined;
}

const dayStart = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);

/**
 * What stops or warns about the canary of the stack whose name prefix is `prefix`:
 * a name Synthetics' function naming cannot hold, a runtime without a row, a runtime
 * whose announced deprecation has come at the deploy's clock (refused); a deprecation
 * only expected with its Lambda runtime that has come (a note: the plan does not stop
 * every deploy, a match night's included, on an expectation), and a deprecation,
 * announced or expected, before the horizon (the last fixture's release plus the
 * margin) (a note).
 */
export function frontDoorProbeFindings(
    p: { stack: string; key: string; prefix: string; runtime?: string },
    season: RuntimeSeason,
    table: Readonly<Record<string, SyntheticsRuntimeLife>> = SYNTHETICS_RUNTIMES,
    lambdaTable: Readonly<Record<string, RuntimeLife>> = LAMBDA_RUNTIMES,
): CanaryFindings {
    const problems: RuntimeProblem[] = [];
    const notes: string[] = [];
    const nameProblem = canaryNameProblem(p.prefix);
    if (nameProblem !== undefined) {
        problems.push({ key: p.key, value: p.prefix, message: `stack ${p.stack}: ${nameProblem.replace(/namePrefix/, `stack name (the prefix is <project>-<stack>)`)}; or leave ${p.key} unset` });
    }
    const runtime = p.runtime ?? DEFAULT_CANARY_RUNTIME;
    const now = season.now.toISOString().slice(0, 10);
    const supported = Object.entries(table)
        .filter(([, life]) => { const d = canaryDeprecation(life, lambdaTable); return d === undefined || dayStart(d.date) > season.now.getTime(); })
        .map(([id]) => id);
    const allowed = `allowed: a runtime not deprecated on ${now}: ${supported.join(", ") || "none in stacks/facts/datedFacts.ts (add the newest syn-nodejs-puppeteer runtime with its source)"}`;
    const life = table[runtime];
    if (life === undefined) {
        problems.push({ key: "(front-door probe runtime)", value: runtime, message: `stack ${p.stack}: the front-door probe's runtime has no row in stacks/facts/datedFacts.ts (SYNTHETICS_RUNTIMES), so the plan cannot tell whether Synthetics still creates canaries on it; ${allowed}, or add its row (the Lambda runtime it runs on, source, day read)` });
        return { problems, notes };
    }
    const deprecation = canaryDeprecation(life, lambdaTable);
    if (deprecation === undefined) return { problems, notes };
    if (dayStart(deprecation.date) <= season.now.getTime() && !deprecation.announced) {
        // Only expected (with its Lambda runtime): refusing would stop every deploy, a match
        // night's fix included, on a guess, while a running canary is untouched by most.
        notes.push(
            `front-door probe: ${runtime} is expected to be deprecated since ${deprecation.date} (with its Lambda runtime ${life.followsLambda}; AWS announced no date when the table was read). `
            + `If it is (aws synthetics describe-runtime-versions shows its DeprecationDate), a new canary or a replacement fails and the running one cannot be changed but to a newer runtime: add that runtime's row to stacks/facts/datedFacts.ts and move the probe to it`,
        );
        return { problems, notes };
    }
    if (dayStart(deprecation.date) <= season.now.getTime()) {
        problems.push({
            key: "(front-door probe runtime)",
            value: runtime,
            message: `stack ${p.stack}: ${runtime} is deprecated from ${deprecation.date}, and Synthetics creates no canary on a deprecated runtime: the first deploy (or a replacement of the canary) fails; ${allowed}`,
        });
        return { problems, notes };
    }
    const horizon = runtimeHorizon(season);
    if (dayStart(deprecation.date) <= horizon.getTime()) {
        const why = deprecation.announced ? "AWS announces its deprecation on" : `it is expected to be deprecated with its Lambda runtime ${life.followsLambda} on`;
        notes.push(
            `front-door probe: ${runtime}: ${why} ${deprecation.date}, on or before ${horizon.toISOString().slice(0, 10)} (the last fixture's release, or this deploy, plus ${RUNTIME_MARGIN_DAYS} days). `
            + `The canary keeps running after that day, but a replacement of it (a rename, a new stack, a destroy and up) then fails: move it to a newer runtime (stacks/facts/datedFacts.ts) before ${deprecation.date}`,
        );
    }
    return { problems, notes };
}
