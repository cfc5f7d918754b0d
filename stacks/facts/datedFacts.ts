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

/**
 * CloudWatch Synthetics runtimes the program may use (the front-door probe's canary), by
 * their identifier (`RuntimeVersion`). A Synthetics runtime is deprecated when a component
 * of it (its Lambda Node.js runtime) is; from then no canary can be created on it, and a
 * running canary keeps running but can only be updated to a supported runtime. AWS
 * announces no date for current runtimes: `followsLambda` names the Lambda runtime whose
 * dates it is expected to follow (Node.js 22: deprecated 2027-04-30, above).
 */
export interface SyntheticsRuntimeLife extends RuntimeLife {
    followsLambda: keyof typeof LAMBDA_RUNTIMES;
}

export const SYNTHETICS_RUNTIMES: Readonly<Record<string, SyntheticsRuntimeLife>> = Object.freeze({
    "syn-nodejs-puppeteer-17.0": {
        followsLambda: "nodejs22.x",
        source: "Amazon CloudWatch User Guide, Runtime versions using Node.js and Puppeteer (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Library_nodejs_puppeteer.html) and Runtime versions support policy (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Synthetics_Runtime_Support_Policy.html): no deprecation date announced; Lambda Node.js 22.x",
        readOn: "2026-12-07",
    },
});
