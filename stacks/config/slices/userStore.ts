/**
 * The UserStore: the load new users put on it in the build-up (which sizes its warm
 * throughput, once, for the busiest kickoff), its point-in-time recovery, and a planned
 * restore into a new table (UserStore's arguments).
 */
import { z } from "zod";
import {
    DEFAULT_RECOVERY_DAYS,
    isoUtcInstant,
    MAX_RECOVERY_DAYS,
    MIN_RECOVERY_DAYS,
    NEW_TABLE_WARM_THROUGHPUT,
    restoreFromProblem,
    restoreLabelProblem,
    WarmThroughput,
} from "@kgsports/user-store/pure";
import { decimal } from "../capacityCost";
import { anyString, boolean, def, integer } from "../schema";
import { ConfigProblem, defineSlice } from "../slice";
import { PROJECT } from "../project";
import { DEFAULT_STORE_LOAD } from "../../capacity/storeLoad";
import { requiredWarmThroughput, RequiredWarmThroughput, STORE_SIZING_SURGE } from "../../capacity/storeNeed";
import type { MatchdaySettings } from "../matchday";

/**
 * The busiest any table may be asked to serve at once: DynamoDB's default per-table
 * throughput quota for on-demand tables, 40 000 read and 40 000 write request units per
 * second (DynamoDB developer guide, "Service, account, and table quotas", read
 * 2026-12-07). More needs a quota increase first; preflight is where the account's
 * own quota is read.
 */
export const MAX_WARM_UNITS_PER_SECOND = 40_000;

export const USER_STORE_KEYS = {
    userStoreLoginsPerViewer: def<number | undefined>({
        type: "string",
        description: "Sign-ins per viewer in the build-up to kickoff (each viewer who opens the stream signs in; retries count). \"\": the documented default (stacks/capacity/storeLoad.ts).",
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: "a decimal number from 0 to 10, e.g. 1.2, or \"\" for the default",
        schema: decimal(0, 10) as z.ZodType<number | undefined, z.ZodTypeDef, string>,
    }),
    userStoreSignUpsPerViewer: def<number | undefined>({
        type: "string",
        description: "New accounts per viewer in the build-up (a share: 0.6 = 6 in 10 viewers sign up). \"\": the documented default (stacks/capacity/storeLoad.ts).",
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: "a decimal number from 0 to 1, e.g. 0.25, or \"\" for the default",
        schema: decimal(0, 1) as z.ZodType<number | undefined, z.ZodTypeDef, string>,
    }),
    userStoreWarmReadUnitsPerSecond: def({
        type: "integer",
        description: `Reads per second the store serves at once (warm throughput), sized once for the busiest kickoff: it can be raised, never lowered. At least what the fixtures need at x2.5 (the plan says how much).`,
        default: NEW_TABLE_WARM_THROUGHPUT.readUnitsPerSecond,
        allowed: `a whole number from ${NEW_TABLE_WARM_THROUGHPUT.readUnitsPerSecond} (a new table's own) to ${MAX_WARM_UNITS_PER_SECOND} (the per-table quota)`,
        schema: integer(NEW_TABLE_WARM_THROUGHPUT.readUnitsPerSecond, MAX_WARM_UNITS_PER_SECOND),
    }),
    userStoreWarmWriteUnitsPerSecond: def({
        type: "integer",
        description: `Writes per second the store serves at once (warm throughput), sized once for the busiest kickoff: it can be raised, never lowered. At least what the fixtures need at x2.5 (the plan says how much).`,
        default: NEW_TABLE_WARM_THROUGHPUT.writeUnitsPerSecond,
        allowed: `a whole number from ${NEW_TABLE_WARM_THROUGHPUT.writeUnitsPerSecond} (a new table's own) to ${MAX_WARM_UNITS_PER_SECOND} (the per-table quota)`,
        schema: integer(NEW_TABLE_WARM_THROUGHPUT.writeUnitsPerSecond, MAX_WARM_UNITS_PER_SECOND),
    }),
    userStoreRecoveryDays: def({
        type: "integer",
        description: "Days of point-in-time recovery the store keeps (restorable to any second in them).",
        default: DEFAULT_RECOVERY_DAYS,
        allowed: `a whole number from ${MIN_RECOVERY_DAYS} to ${MAX_RECOVERY_DAYS}`,
        schema: integer(MIN_RECOVERY_DAYS, MAX_RECOVERY_DAYS),
    }),
    userStoreRestoreLabel: def<string | undefined>({
        type: "string",
        description: "Restores the store into a new table <prefix>-users-restore-<label> (the live table is kept). \"\": no restore.",
        default: "",
        emptyMeansUnset: true,
        allowed: "1 to 40 of a-z, 0-9 and inner hyphens, or \"\"",
        schema: anyString,
    }),
    userStoreRestoreFrom: def<string | undefined>({
        type: "string",
        description: "The moment a restore brings back: \"latest\" or a UTC time (YYYY-MM-DDTHH:MM:SSZ) within the recovery days. Required with userStoreRestoreLabel.",
        default: "",
        emptyMeansUnset: true,
        allowed: "\"latest\", or a UTC time like 2027-04-06T18:00:00Z within the last userStoreRecoveryDays days, or \"\"",
        schema: anyString,
    }),
    userStorePromoteRestore: def({
        type: "boolean",
        description: "Clients use the restored table: the table-name parameter names it (instances read it at boot). The live table is kept.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
};

/** What the stacks decide about the store (the component's arguments and the capacity plan's). */
export interface UserStoreSettings {
    /** Sign-ins and sign-ups per viewer in the build-up. */
    load: { loginsPerViewer: number; signUpsPerViewer: number };
    /** Declared warm throughput (never lowered). */
    warmThroughput: WarmThroughput;
    recoveryDays: number;
    restore?: { label: string; from: string; promote: boolean };
}

const key = (name: string) => `${PROJECT}:${name}`;

/** Problems of the restore keys: a label and a moment together, the moment within the recovery days and past. */
export function restoreProblems(
    v: { userStoreRestoreLabel?: string; userStoreRestoreFrom?: string; userStorePromoteRestore?: boolean; userStoreRecoveryDays?: number },
    now: Date,
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const label = v.userStoreRestoreLabel;
    const from = v.userStoreRestoreFrom;
    const labelProblem = label === undefined ? undefined : restoreLabelProblem(label);
    if (labelProblem !== undefined) problems.push({ key: key("userStoreRestoreLabel"), value: label, message: labelProblem });
    if (label !== undefined && from === undefined) {
        problems.push({ key: key("userStoreRestoreFrom"), message: `is required with userStoreRestoreLabel ("${label}"); allowed: ${USER_STORE_KEYS.userStoreRestoreFrom.allowed}` });
    }
    if (label === undefined && from !== undefined) {
        problems.push({ key: key("userStoreRestoreFrom"), value: from, message: "is set without userStoreRestoreLabel, which names the restored table; set both, or neither" });
    }
    if (label === undefined && v.userStorePromoteRestore === true) {
        problems.push({ key: key("userStorePromoteRestore"), value: "true", literal: "true", message: "promotes a restore, but userStoreRestoreLabel is not set; restore first, then promote" });
    }
    if (from !== undefined) {
        // The form here (the component checks it again); the recovery window is a note (restoreAgeNote).
        const formProblem = restoreFromProblem(from, v.userStoreRecoveryDays ?? DEFAULT_RECOVERY_DAYS);
        const at = isoUtcInstant(from);
        if (formProblem !== undefined) problems.push({ key: key("userStoreRestoreFrom"), value: from, message: formProblem });
        else if (at !== undefined && at > now.getTime()) {
            problems.push({ key: key("userStoreRestoreFrom"), value: from, message: `is in the future (now is ${now.toISOString()}); a restore brings back a moment that has passed, or "latest"` });
        }
    }
    return problems;
}

/**
 * A note when the restore's moment is older than the recovery days: AWS refuses to create
 * such a restore, but a restore made earlier keeps its key in the stack file (the moment is
 * fixed when the table is created), so this is a note, not a problem.
 */
export function restoreAgeNote(v: { userStoreRestoreFrom?: string; userStoreRecoveryDays?: number }, now: Date): string | undefined {
    const from = v.userStoreRestoreFrom;
    const at = from === undefined ? undefined : isoUtcInstant(from);
    if (at === undefined) return undefined;
    const days = v.userStoreRecoveryDays ?? DEFAULT_RECOVERY_DAYS;
    const ageDays = (now.getTime() - at) / 86_400_000;
    if (ageDays <= days) return undefined;
    return `userStoreRestoreFrom ${from} is ${Math.floor(ageDays)} days ago, beyond the ${days} days of point-in-time recovery: a restore already made is kept as it is; a new one would be refused by AWS.`;
}

/**
 * The declared warm throughput against what the upcoming windows need at x2.5 (or a
 * larger surgeFactor): below it, the busiest second of the build-up would be throttled.
 * The message names the window, the surge and the minute, and the figure to set.
 */
export function warmThroughputProblems(declared: WarmThroughput, required: RequiredWarmThroughput): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const sides = [
        ["userStoreWarmReadUnitsPerSecond", "reads", declared.readUnitsPerSecond, required.warmThroughput.readUnitsPerSecond, required.need?.reads],
        ["userStoreWarmWriteUnitsPerSecond", "writes", declared.writeUnitsPerSecond, required.warmThroughput.writeUnitsPerSecond, required.need?.writes],
    ] as const;
    for (const [name, what, has, needs, driver] of sides) {
        if (has >= needs) continue;
        // Stryker disable next-line ConditionalExpression: equivalent; a need above a new table's own comes from a window, which is its driver
        if (driver === undefined) continue;
        const minute = driver.minute >= 0 ? `+${driver.minute}` : `${driver.minute}`;
        problems.push({
            key: key(name),
            value: String(has),
            literal: String(has),
            message:
                `is below what the fixtures need: "${driver.window}" at x${driver.surge} (${driver.extraTime ? "extra time" : "normal time"}) asks the user store for ` +
                `${Math.ceil(driver.unitsPerSecond)} ${what} per second at minute ${minute} from kickoff (sized at x${STORE_SIZING_SURGE}, or a fixture's larger surgeFactor); ` +
                `set it to at least ${needs} (warm throughput is raised once, never lowered; deploy it a day before that window)`,
        });
    }
    return problems;
}

export const userStoreSlice = defineSlice({
    name: "userStore",
    title: "UserStore: new users' accounts, their load at kickoff, recovery and restore",
    schemaComment: [
        "The warm throughput is sized once for the busiest kickoff of the fixture list at x2.5 and can",
        "never be lowered (AWS refuses it); the plan says what the fixtures need.",
    ],
    keys: USER_STORE_KEYS,
    check(v, ctx) {
        return restoreProblems(v, ctx.now);
    },
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: UserStoreSettings; problems?: ConfigProblem[]; notes?: string[] } {
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; a refused key has its own problem, so these settings are never used
        if (v.userStoreWarmReadUnitsPerSecond === undefined || v.userStoreWarmWriteUnitsPerSecond === undefined || v.userStoreRecoveryDays === undefined) return {};
        const load = {
            loginsPerViewer: v.userStoreLoginsPerViewer ?? DEFAULT_STORE_LOAD.loginsPerViewer,
            signUpsPerViewer: v.userStoreSignUpsPerViewer ?? DEFAULT_STORE_LOAD.signUpsPerViewer,
        };
        const warmThroughput = { readUnitsPerSecond: v.userStoreWarmReadUnitsPerSecond, writeUnitsPerSecond: v.userStoreWarmWriteUnitsPerSecond };
        // Sized against the upcoming windows of a plan that stands (a refused plan has its own problems).
        const matchday = earlier.matchday;
        if (matchday === undefined) return {};
        const required = requiredWarmThroughput(matchday.plan, matchday.schedule.windows, load);
        const problems = warmThroughputProblems(warmThroughput, required);
        if (problems.length > 0) return { problems };
        const note = restoreAgeNote(v, ctx.now);
        return {
            settings: {
                load,
                warmThroughput,
                recoveryDays: v.userStoreRecoveryDays,
                // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent; one without the other is a problem, so these settings are never used
                ...(v.userStoreRestoreLabel !== undefined && v.userStoreRestoreFrom !== undefined
                    ? { restore: { label: v.userStoreRestoreLabel, from: v.userStoreRestoreFrom, promote: v.userStorePromoteRestore === true } }
                    : {}),
            },
            ...(note ? { notes: [note] } : {}),
        };
    },
});
