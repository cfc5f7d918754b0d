/**
 * The matchday capacity's own slice of the stack config: how target tracking's target
 * relates to the load test, and the prices the capacity report turns instance-hours and
 * warm-pool volumes into money with. Its keys, their parsing, the cross-checks against
 * the rest of the stack (the fixtures, the instance type, the region) and the settings.
 * Pure.
 *
 * - `requestsPerViewerPerMinute` makes the link between `targetRequestsPerInstance`
 *   (target tracking on ALBRequestCountPerTarget, requests per instance per minute) and
 *   `viewersPerInstance` (the load-tested concurrent viewers of one instance) explicit:
 *   target utilisation = targetRequestsPerInstance / (viewersPerInstance x
 *   requestsPerViewerPerMinute). With fixtures it is required and the utilisation must
 *   lie within {@link MIN_TARGET_UTILISATION} to {@link MAX_TARGET_UTILISATION}; the
 *   capacity plan then checks `maxSize` against what target tracking asks for at each
 *   fixture's surge (`checkCapacityPlan`).
 * - `instanceHourlyPriceUsd` and `volumeGiBMonthPriceUsd`: set in the stack file, or
 *   the documented defaults below ({@link INSTANCE_HOUR_PRICES}, {@link GP3_GIB_MONTH_PRICES}),
 *   each with its source and the date it was read. A price that neither gives is
 *   unknown (NaN, with a source saying what to set): it only prices the capacity report,
 *   so the deploy goes ahead and the report prints the cost as unknown; it never prices
 *   a season with a number nobody chose.
 *
 * - `priceSource`: where the two prices set in the stack file come from, in words (the
 *   price list, its region and the date it was read, or "STAND-IN" when they are not
 *   the stack's region's). The capacity report prints it next to each price a key sets,
 *   and says "source not stated" without it: the region a set price is for is known only
 *   from this text, never assumed to be the stack's.
 *
 * Pulumi's config schema has no decimal type (string, integer, boolean, array), so the
 * three keys are declared as strings ("" = unset) and parsed here as decimal numbers.
 */
import { z } from "zod";
import type { CapacityPrices } from "../capacity/prices";
import { PROJECT } from "./project";
import { def } from "./schema";

/** Target tracking acts below saturation: the lowest and highest target utilisation a stack with fixtures may have. */
export const MIN_TARGET_UTILISATION = 0.4;
export const MAX_TARGET_UTILISATION = 0.8;
/** The utilisation a refused target is steered to in the suggestion. */
export const SUGGESTED_TARGET_UTILISATION = 0.6;

/**
 * A decimal number written plainly (`1`, `2.5`, `0.08925`; no sign, no exponent), from
 * `min` to `max`; with `aboveMin`, strictly above `min`.
 */
export function decimal(min: number, max: number, options: { aboveMin?: boolean } = {}): z.ZodType<number, z.ZodTypeDef, string> {
    return z
        .string()
        .trim()
        .regex(/^\d+(\.\d+)?$/)
        .transform(Number)
        .pipe(z.number().finite().refine((n) => (options.aboveMin ? n > min : n >= min) && n <= max));
}

/** A documented default price: the figure, where it was published, and when it was read. */
export interface DocumentedPrice {
    usd: number;
    /** Where the figure is published (an address, or the repository and file). */
    source: string;
    /** When it was read, YYYY-MM-DD. */
    read: string;
}

/*
 * The documented defaults. Only figures found in a published source are here; a type or
 * region missing from a table has no default, and a stack with fixtures there must set
 * the key. AWS's own price pages are rendered by script and could not be read offline,
 * so the figures below are published copies of them.
 *
 * NOT FOUND (so no default, on purpose; do not fill these in without a source):
 * - c7i.large and t3.small in ap-northeast-2 (Seoul), the region both stacks use;
 * - t3.small in us-east-1, c7i.large in ap-southeast-2;
 * - EBS gp3 in ap-northeast-2 and ap-southeast-2.
 * Read them from the AWS price list (EC2 on-demand, Linux, shared tenancy; EBS gp3
 * storage) and add them here with their source and date, or set the keys in the stack.
 */

/** On-demand Linux price of one instance-hour, USD, by instance type and region. */
export const INSTANCE_HOUR_PRICES: Readonly<Record<string, Readonly<Record<string, DocumentedPrice>>>> = {
    "c7i.large": {
        "us-east-1": {
            usd: 0.08925,
            source:
                "AWS on-demand price list as quoted in public code: a cost table labelled 'us-east-1 on-demand Linux $/hr' and a fallback table next to the AWS Price List API offer URL (two independent GitHub repositories, found with the code search)",
            read: "2026-11-26",
        },
    },
    "t3.small": {
        "ap-southeast-2": {
            usd: 0.0264,
            source: "a copy of the AWS EC2 on-demand Linux price table for Asia Pacific (Sydney), github.com/andrewpatto/s3bfg sydney.md (the copy's date is not stated)",
            read: "2026-11-26",
        },
    },
};

/** EBS gp3 storage, USD per GiB-month, by region (AWS's price list says GB-month and bills the GiB a volume is provisioned with). */
export const GP3_GIB_MONTH_PRICES: Readonly<Record<string, DocumentedPrice>> = {
    "us-east-1": {
        usd: 0.08,
        source: "https://www.saisci.com/aws/gp2-vs-gp3-cost-comparison-ebs-volumes/ (the Amazon EBS pricing page, N. Virginia; updated 2021-02-04)",
        read: "2026-11-26",
    },
    "eu-central-1": {
        usd: 0.0952,
        source: "https://hendric-jabs.de/2023/11/02/gp3-in-2-minuten/ (gp3 storage in eu-central-1, Frankfurt; 2023-11-02)",
        read: "2026-11-26",
    },
};

/** The documented defaults in words, for the keys' descriptions: "c7i.large in us-east-1 0.08925, ...". */
function documentedInstancePrices(): string {
    return Object.entries(INSTANCE_HOUR_PRICES).flatMap(([type, byRegion]) => Object.entries(byRegion).map(([region, p]) => `${type} in ${region} ${p.usd}`)).join(", ");
}

function documentedVolumePrices(): string {
    return Object.entries(GP3_GIB_MONTH_PRICES).map(([region, p]) => `${region} ${p.usd}`).join(", ");
}

/** A price source is one line of the report. */
const PRICE_SOURCE_MAX = 200;

const REQUESTS_ALLOWED = "a number from 0 to 10000, e.g. 1 or 2.5 (0 or empty: not measured); above 0 when kgsports:fixtures is set";

export const CAPACITY_COST_KEYS = {
    requestsPerViewerPerMinute: def<number | undefined>({
        type: "string",
        description:
            `Load balancer requests one viewer sends per minute, from the load test. Target utilisation = targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute), ${MIN_TARGET_UTILISATION} to ${MAX_TARGET_UTILISATION} when fixtures are set (the message suggests the targetRequestsPerInstance for ${SUGGESTED_TARGET_UTILISATION}). Empty: not measured (no fixtures may be set).`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: REQUESTS_ALLOWED,
        schema: decimal(0, 10_000) as z.ZodType<number | undefined, z.ZodTypeDef, string>,
    }),
    instanceHourlyPriceUsd: def<number | undefined>({
        type: "string",
        description:
            `On-demand price of one instance-hour of instanceType (Linux) in aws:region, USD, for the capacity report. Empty: the documented default for that type and region, with its source and date in stacks/config/capacityCost.ts (${documentedInstancePrices()}; none for any other type or region); without one the report prints the cost as unknown.`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: "a price in USD above 0 and at most 1000, e.g. 0.08925 (the AWS on-demand price list, Linux, the stack's region), or empty for the documented default",
        schema: decimal(0, 1000, { aboveMin: true }) as z.ZodType<number | undefined, z.ZodTypeDef, string>,
    }),
    volumeGiBMonthPriceUsd: def<number | undefined>({
        type: "string",
        description:
            `EBS gp3 storage in aws:region, USD per GiB-month: what a stopped warm-pool instance costs (its rootVolumeGiB). Empty: the documented default for the region (${documentedVolumePrices()}; none for any other region; stacks/config/capacityCost.ts); without one the report prints the cost as unknown.`,
        default: "" as unknown as number | undefined,
        emptyMeansUnset: true,
        allowed: "a price in USD above 0 and at most 10 per GiB-month, e.g. 0.08 (the AWS EBS price list, gp3 storage, the stack's region), or empty for the documented default",
        schema: decimal(0, 10, { aboveMin: true }) as z.ZodType<number | undefined, z.ZodTypeDef, string>,
    }),
    priceSource: def<string | undefined>({
        type: "string",
        description:
            "Where instanceHourlyPriceUsd and volumeGiBMonthPriceUsd come from, in words, printed by the capacity report next to each price they set: the price list, the region the prices are for and the date they were read, e.g. \"AWS price list, ap-northeast-2, read 2026-12-01\" or \"STAND-IN: us-east-1 on-demand list prices, not Seoul\". Empty: the report says the source is not stated.",
        default: "" as unknown as string | undefined,
        emptyMeansUnset: true,
        allowed: `text of 1 to ${PRICE_SOURCE_MAX} characters on one line saying where the prices set in the stack come from (the price list, the region they are for, the date read), e.g. "STAND-IN: us-east-1 on-demand list prices, read 2026-11-26, not Seoul", or empty when no price is set`,
        schema: z.string().trim().min(1).max(PRICE_SOURCE_MAX).regex(/^[^\r\n]*$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
};

export type CapacityCostKeyName = keyof typeof CAPACITY_COST_KEYS;
export type CapacityCostKeyValues = { [K in Exclude<CapacityCostKeyName, "priceSource">]?: number } & { priceSource?: string };

export function documentedInstanceHourPrice(instanceType: string, region: string): DocumentedPrice | undefined {
    return INSTANCE_HOUR_PRICES[instanceType]?.[region];
}

export function documentedVolumePrice(region: string): DocumentedPrice | undefined {
    return GP3_GIB_MONTH_PRICES[region];
}

/** What the rest of the stack config says that this slice is checked against. */
export interface CapacityCostContext {
    /** aws:region ("" when missing: no default can be looked up). */
    region: string;
    /** kgsports:instanceType, when it parsed. */
    instanceType?: string;
    /** The raw kgsports:fixtures value: a non-empty list means fixtures are set. */
    fixtures: unknown;
    viewersPerInstance?: number;
    targetRequestsPerInstance?: number;
    /** Full keys whose values were already refused (not parsed): not also reported as missing. */
    rejectedKeys?: readonly string[];
}

export interface CapacityCostSettings {
    /** 0 = not measured. */
    requestsPerViewerPerMinute: number;
    /**
     * targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute), when
     * all three are known and the result is within the allowed range; else undefined.
     */
    targetUtilisation: number | undefined;
    prices: CapacityPrices;
}

export interface CapacityCostProblem {
    key: string;
    value?: string;
    message: string;
}

const full = (key: string) => `${PROJECT}:${key}`;
/** Floating-point dust must not refuse a target exactly at a bound (e.g. 0.3 x 2000). */
const TOLERANCE = 1e-9;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/** Whether the stack has fixtures: a non-empty list (a malformed value is the fixture parser's problem). */
export function hasFixtures(fixtures: unknown): boolean {
    return Array.isArray(fixtures) && fixtures.length > 0;
}

/** target utilisation = targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute). */
export function targetUtilisationOf(targetRequestsPerInstance: number, viewersPerInstance: number, requestsPerViewerPerMinute: number): number {
    return targetRequestsPerInstance / (viewersPerInstance * requestsPerViewerPerMinute);
}

/** Whether a target utilisation is within the allowed range (the bounds included). */
export function targetUtilisationAllowed(u: number): boolean {
    return u >= MIN_TARGET_UTILISATION - TOLERANCE && u <= MAX_TARGET_UTILISATION + TOLERANCE;
}

export function decideCapacityCostSettings(v: CapacityCostKeyValues, ctx: CapacityCostContext): { problems: CapacityCostProblem[]; settings: CapacityCostSettings } {
    const problems: CapacityCostProblem[] = [];
    const fixtures = hasFixtures(ctx.fixtures);
    const rpm = v.requestsPerViewerPerMinute ?? 0;
    const tr = ctx.targetRequestsPerInstance;
    const vpi = ctx.viewersPerInstance;
    const missing = (key: CapacityCostKeyName) => v[key] === undefined && !(ctx.rejectedKeys ?? []).includes(full(key));

    if (fixtures && rpm <= 0 && (v.requestsPerViewerPerMinute !== undefined || missing("requestsPerViewerPerMinute"))) {
        problems.push({
            key: full("requestsPerViewerPerMinute"),
            ...(v.requestsPerViewerPerMinute !== undefined ? { value: String(v.requestsPerViewerPerMinute) } : {}),
            message:
                `required when ${full("fixtures")} is set: the load test's requests per viewer per minute link ${full("targetRequestsPerInstance")}` +
                `${tr !== undefined ? ` = ${tr}` : ""} to ${full("viewersPerInstance")}${vpi !== undefined ? ` = ${vpi}` : ""} ` +
                `(target utilisation = targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute)); allowed: ${REQUESTS_ALLOWED}`,
        });
    }

    let targetUtilisation: number | undefined;
    if (rpm > 0 && tr !== undefined && vpi !== undefined && vpi > 0) {
        const u = targetUtilisationOf(tr, vpi, rpm);
        if (targetUtilisationAllowed(u)) targetUtilisation = u;
        else if (fixtures) {
            const atCapacity = vpi * rpm;
            const suggested = Math.max(1, Math.round(SUGGESTED_TARGET_UTILISATION * atCapacity));
            problems.push({
                key: full("targetRequestsPerInstance"),
                value: String(tr),
                message:
                    `gives a target utilisation of ${round(u, 4)} with ${full("viewersPerInstance")} = ${vpi} and ${full("requestsPerViewerPerMinute")} = ${rpm} ` +
                    `(${tr} of the ${round(atCapacity, 2)} requests per minute an instance serves at its load-tested limit); ` +
                    `allowed: a target utilisation from ${MIN_TARGET_UTILISATION} to ${MAX_TARGET_UTILISATION}, so target tracking acts below saturation ` +
                    `(above ${MAX_TARGET_UTILISATION}, its 3 one-minute datapoints, CloudWatch's 1-2 minute publishing delay and a 4-7 minute cold launch ` +
                    `let a kickoff surge saturate the instances before new ones serve; below ${MIN_TARGET_UTILISATION} the fleet idles at more than 2.5 times the need); ` +
                    `for ${SUGGESTED_TARGET_UTILISATION} set ${full("targetRequestsPerInstance")} to ${suggested}`,
            });
        }
    }

    if (v.priceSource !== undefined && v.instanceHourlyPriceUsd === undefined && v.volumeGiBMonthPriceUsd === undefined) {
        problems.push({
            key: full("priceSource"),
            value: v.priceSource,
            message:
                `is set but neither ${full("instanceHourlyPriceUsd")} nor ${full("volumeGiBMonthPriceUsd")} is, so the report's prices are the documented defaults, ` +
                `each with its own source; allowed: a source only for prices the stack sets (set them, or remove ${full("priceSource")})`,
        });
    }

    const type = ctx.instanceType;
    const region = ctx.region;
    // A price only prices the capacity report: without one the deploy goes ahead and the report says the cost is unknown.
    let instanceHourUsd = Number.NaN;
    let instanceHourSource: string;
    if (v.instanceHourlyPriceUsd !== undefined) {
        instanceHourUsd = v.instanceHourlyPriceUsd;
        instanceHourSource = full("instanceHourlyPriceUsd");
    } else {
        const d = type === undefined ? undefined : documentedInstanceHourPrice(type, region);
        if (d !== undefined) {
            instanceHourUsd = d.usd;
            instanceHourSource = `documented default, ${type} Linux on-demand in ${region}, USD ${d.usd} per hour: ${d.source}, read ${d.read}`;
        } else {
            instanceHourSource =
                `UNKNOWN: no documented on-demand price for ${type ?? "the instance type"} in ${region || "the region"} ` +
                `(documented: ${describeInstanceDefaults()}); set ${full("instanceHourlyPriceUsd")} from the AWS price list (Linux on-demand)`;
        }
    }

    let volumeGiBMonthUsd = Number.NaN;
    let volumeSource: string;
    if (v.volumeGiBMonthPriceUsd !== undefined) {
        volumeGiBMonthUsd = v.volumeGiBMonthPriceUsd;
        volumeSource = full("volumeGiBMonthPriceUsd");
    } else {
        const d = documentedVolumePrice(region);
        if (d !== undefined) {
            volumeGiBMonthUsd = d.usd;
            volumeSource = `documented default, EBS gp3 storage in ${region}, USD ${d.usd} per GiB-month: ${d.source}, read ${d.read}`;
        } else {
            volumeSource =
                `UNKNOWN: no documented EBS gp3 price for ${region || "the region"} (documented: ${Object.keys(GP3_GIB_MONTH_PRICES).join(", ")}); ` +
                `set ${full("volumeGiBMonthPriceUsd")} from the AWS price list (gp3 storage per GB-month)`;
        }
    }

    return {
        problems,
        settings: {
            requestsPerViewerPerMinute: rpm,
            targetUtilisation,
            prices: { instanceHourUsd, instanceHourSource, volumeGiBMonthUsd, volumeSource, ...(v.priceSource !== undefined ? { statedSource: v.priceSource } : {}) },
        },
    };
}

/** "c7i.large in us-east-1, t3.small in ap-southeast-2" */
function describeInstanceDefaults(): string {
    return Object.entries(INSTANCE_HOUR_PRICES)
        .flatMap(([type, regions]) => Object.keys(regions).map((r) => `${type} in ${r}`))
        .join(", ");
}
