/**
 * AWS facts that expire with time, in one table: each with its source and the day it was
 * read. The offline plan cannot ask AWS, so what the program relies on and what stops
 * being true on a date is written here and checked against the stack's own dates (the
 * last fixture's release) at a fixed clock in tests.
 *
 * When AWS announces a new date: change the row, its `source` and `readOn`, and run the
 * tests; a test pins every row's shape.
 */

/** A date as `YYYY-MM-DD` (UTC). */
export type IsoDate = string;

/** Where a fact comes from and when it was read. */
export interface FactSource {
    /** The document (title and address) the fact was read from. */
    source: string;
    /** The day the source was read (`YYYY-MM-DD`). */
    readOn: IsoDate;
}

/**
 * A managed runtime's life (Lambda, CloudWatch Synthetics): after `deprecated` AWS no longer
 * patches it; from `createBlocked` no new function (or canary) can be created on it, from
 * `updateBlocked` no existing one can be updated. Undefined: no date announced.
 */
export interface RuntimeLife extends FactSource {
    deprecated?: IsoDate;
    createBlocked?: IsoDate;
    updateBlocked?: IsoDate;
}

const LAMBDA_RUNTIMES_PAGE = "AWS Lambda Developer Guide, Lambda runtimes, supported runtimes table (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html)";

/**
 * Lambda runtimes the program may use, by their identifier (`Runtime` in the Lambda API).
 * Where two sources disagree, the earlier date is kept: a block comes no later than that.
 */
export const LAMBDA_RUNTIMES: Readonly<Record<string, RuntimeLife>> = Object.freeze({
    "nodejs20.x": {
        deprecated: "2026-04-30",
        createBlocked: "2026-08-31",
        updateBlocked: "2026-09-30",
        source: `${LAMBDA_RUNTIMES_PAGE}, as quoted in issue 19; AWS Health's notice of January 2026 (AWS_LAMBDA_PLANNED_LIFECYCLE_EVENT) had given 2026-06-01 and 2026-07-01: either way both blocks are past`,
        readOn: "2026-12-07",
    },
    "nodejs22.x": {
        deprecated: "2027-04-30",
        createBlocked: "2027-06-01",
        updateBlocked: "2027-07-01",
        source: `${LAMBDA_RUNTIMES_PAGE}; deprecation and update block as mirrored by https://endoflife.date/aws-lambda (Node.js 22: standard support ends 2027-04-30, deprecated support ends 2027-07-01); the create block is Lambda's usual one month after deprecation, between the two`,
        readOn: "2026-12-07",
    },
    "nodejs24.x": {
        deprecated: "2028-04-30",
        createBlocked: "2028-06-01",
        updateBlocked: "2028-07-01",
        source: `${LAMBDA_RUNTIMES_PAGE}; deprecation and update block as mirrored by https://endoflife.date/aws-lambda (Node.js 24: standard support ends 2028-04-30, deprecated support ends 2028-07-01); the create block is Lambda's usual one month after deprecation, between the two`,
        readOn: "2026-12-07",
    },
});
