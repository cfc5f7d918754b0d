/**
 * The user store's load (UserStore, a DynamoDB on-demand table): what the viewers who
 * arrive for a match ask of it, in request units per second, and the minutes in which
 * that exceeds what the table serves at once (its warm throughput). Pure: no Pulumi, no
 * clock. Sizing the warm throughput for the fixtures is `storeNeed.ts` (it needs the
 * window demand of simulation.ts, which itself uses this module).
 */
import type { WarmThroughput } from "@kgsports/user-store/pure";
import type { PlanRange } from "./planDefaults";

/** What each viewer who arrives for a match asks of the user store. */
export interface StoreLoadModel {
    /** Sign-ins per arriving viewer, 0 to 10. Default {@link DEFAULT_STORE_LOAD}.loginsPerViewer (1). */
    loginsPerViewer: number;
    /** Sign-ups (new accounts) per arriving viewer, 0 to 1. Default {@link DEFAULT_STORE_LOAD}.signUpsPerViewer (0.6). */
    signUpsPerViewer: number;
}

/**
 * The store's load per arriving viewer, and where each figure comes from.
 *
 * - `loginsPerViewer` 1.0: every viewer who opens the stream signs in once during the
 *   build-up, and the session then lasts the match. A platform assumption, not a
 *   measurement: the customer has given no sign-in figures. A player that signs in
 *   again on every reconnect would need more; the range allows up to 10.
 * - `signUpsPerViewer` 0.6: from the customer's own numbers (customer brief,
 *   /work/shared/brief/customer.md): the viewer share rose from 0.4 % at the round of
 *   16 first leg to 1 % at the second leg, so up to 1 - 0.4 / 1 = 60 % of a second
 *   leg's viewers had not watched the first and may have no account. It is the upper
 *   bound (some of them held an account from earlier rounds), chosen because a store
 *   sized for it cannot be short of sign-ups; a lower figure saves nothing here (the
 *   warm throughput is charged once, and requests are paid per use).
 */
export const DEFAULT_STORE_LOAD: Readonly<StoreLoadModel> = { loginsPerViewer: 1.0, signUpsPerViewer: 0.6 };

/** The values the load model's settings accept (both included), for config validation. */
export const STORE_LOAD_RANGES = {
    loginsPerViewer: { min: 0, max: 10 },
    signUpsPerViewer: { min: 0, max: 1 },
} as const satisfies Readonly<Record<keyof StoreLoadModel, PlanRange>>;

/** Request units one operation consumes. */
export interface OperationUnits {
    /** Read request units. */
    readUnits: number;
    /** Write request units. */
    writeUnits: number;
}

/**
 * Request units per operation of the clients (the web tier and the on-premise servers),
 * by DynamoDB's rules ("DynamoDB read and write operations", DynamoDB developer guide,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html,
 * and the pricing model in "How AWS Pricing Works: DynamoDB",
 * https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/dynamodb.html, both read
 * 2026-12-07): a strongly consistent read of an item up to 4 KB is 1 read unit (an
 * eventually consistent one half, a transactional one 2); a standard write of an item up
 * to 1 KB is 1 write unit, and a transactional write requires 2 write units per 1 KB.
 *
 * - `login`: 2 strongly consistent reads of items up to 4 KB (the e-mail guard item that
 *   maps the address to the account, then the account) = 2 read units; 1 write of up to
 *   1 KB (the last sign-in) = 1 write unit.
 * - `signUp`: 1 strongly consistent read (is the address taken?) = 1 read unit; one
 *   TransactWriteItems of 2 items up to 1 KB (the account and its e-mail guard, so an
 *   address can never hold two accounts) = 2 items x 2 = 4 write units.
 *
 * Items larger than these sizes cost more units: a profile item above 1 KB written at
 * sign-up would add a unit per KB (twice inside the transaction).
 */
export const STORE_OPERATION_UNITS: Readonly<{ login: OperationUnits; signUp: OperationUnits }> = {
    login: { readUnits: 2, writeUnits: 1 },
    signUp: { readUnits: 1, writeUnits: 4 },
};

/**
 * The busiest second of a minute against the minute's average, for arrivals: 2. An
 * assumption of ours (the model has minutes, arrivals come in bursts: a goal, a push
 * notification, the kickoff whistle); DynamoDB's warm throughput is per second, so a
 * minute whose average fits can still throttle in its busiest second.
 */
export const PEAK_SECOND_FACTOR = 2;

/**
 * The warm throughput the fleet's store settings declare, and the load per viewer: what
 * the capacity report and the simulation read from the stack's settings (`userStore`).
 */
export interface UserStoreCapacitySettings {
    /** The store's load per arriving viewer. */
    load: StoreLoadModel;
    /** The table's warm throughput, sized once (it can be raised, never lowered). */
    warmThroughput: WarmThroughput;
}

/** Request units per second the store is asked for, minute by minute (each minute's busiest second). */
export interface StoreDemand {
    /** Read request units per second in each minute's busiest second. */
    readsPerSecond: number[];
    /** Write request units per second in each minute's busiest second. */
    writesPerSecond: number[];
}

/**
 * Viewers arriving each minute: the audience's growth, `max(0, demand[m] - demand[m - 1])`
 * (0 in the first minute). Viewers who leave and come back (the half-time return) count
 * as arriving again: an upper bound, since they may still hold a session.
 */
export function storeArrivals(demand: readonly number[]): number[] {
    return demand.map((d, i) => (i === 0 ? 0 : Math.max(0, d - demand[i - 1])));
}

/** Read and write units per arriving viewer under `model`: logins and sign-ups, each at {@link STORE_OPERATION_UNITS}. */
export function unitsPerViewer(model: StoreLoadModel): OperationUnits {
    const { login, signUp } = STORE_OPERATION_UNITS;
    return {
        // Stryker disable next-line ArithmeticOperator: equivalent for a sign-up's 1 read unit (x 1 = / 1); the test of the sums pins the login's 2
        readUnits: model.loginsPerViewer * login.readUnits + model.signUpsPerViewer * signUp.readUnits,
        // Stryker disable next-line ArithmeticOperator: equivalent for a login's 1 write unit (x 1 = / 1); the test of the sums pins the sign-up's 4
        writeUnits: model.loginsPerViewer * login.writeUnits + model.signUpsPerViewer * signUp.writeUnits,
    };
}

/**
 * The store's demand each minute in its busiest second: the minute's arrivals
 * ({@link storeArrivals}) / 60 x `peakSecondFactor` x the units per viewer
 * ({@link unitsPerViewer}).
 *
 * @param demand concurrent viewers each minute (the whole audience: the cloud and the on-premise servers both use the store)
 */
export function storeDemandPerSecond(demand: readonly number[], model: StoreLoadModel, peakSecondFactor = PEAK_SECOND_FACTOR): StoreDemand {
    const units = unitsPerViewer(model);
    const busiest = storeArrivals(demand).map((a) => (a / 60) * peakSecondFactor);
    return {
        readsPerSecond: busiest.map((v) => v * units.readUnits),
        writesPerSecond: busiest.map((v) => v * units.writeUnits),
    };
}

/**
 * Minutes whose busiest second asks for more reads or more writes than `warm`, the
 * throughput the table serves at once. On-demand's own growth (instantly up to double a
 * previous peak; "DynamoDB on-demand capacity mode", initial throughput and scaling) is
 * ignored on purpose: before the first rush there is no previous peak to double, and
 * DynamoDB may throttle traffic above twice the previous peak within 30 minutes
 * ("Pre-warming a table for on-demand capacity mode"), so only the warm throughput is
 * relied upon.
 */
export function storeThrottledMinutes(perSecond: StoreDemand, warm: WarmThroughput): number {
    let n = 0;
    perSecond.readsPerSecond.forEach((r, i) => {
        if (r > warm.readUnitsPerSecond || perSecond.writesPerSecond[i] > warm.writeUnitsPerSecond) n += 1;
    });
    return n;
}

/**
 * Request units over a whole night (no peak factor: every arriving viewer once):
 * arrivals x units per viewer. What on-demand bills, at its price per million units.
 */
export function storeRequestUnits(demand: readonly number[], model: StoreLoadModel): OperationUnits {
    const arrivals = storeArrivals(demand).reduce((a, b) => a + b, 0);
    const units = unitsPerViewer(model);
    return { readUnits: arrivals * units.readUnits, writeUnits: arrivals * units.writeUnits };
}
