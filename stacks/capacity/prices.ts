/**
 * The prices the capacity report turns instance-hours and warm-pool volumes into money
 * with. The values come from the stack config (stacks/config/capacityCost.ts), or from
 * its documented defaults for the instance type and region, with their source and date.
 */
import { formatUnitPrice } from "./money";

export interface CapacityPrices {
    /** On-demand price of one instance-hour of the web tier's instance type in the stack's region, USD; NaN when unknown (the source says what to set). */
    instanceHourUsd: number;
    /** Where {@link instanceHourUsd} comes from: the config key, or the default's source and date. */
    instanceHourSource: string;
    /** EBS gp3 storage in the stack's region, USD per GiB-month: all a stopped warm-pool instance costs; NaN when unknown. */
    volumeGiBMonthUsd: number;
    /** Where {@link volumeGiBMonthUsd} comes from. */
    volumeSource: string;
    /**
     * The stack's `kgsports:priceSource`, when set: where the prices its keys set come
     * from, in the stack's own words (the region they are for is known only from it).
     */
    statedSource?: string;
}

/** A config key's name, `project:key`: the source of a price the stack file set (stacks/config/capacityCost.ts). */
function isConfigKey(source: string): boolean {
    return /^[a-z0-9-]+:[A-Za-z]+$/.test(source);
}

/**
 * The prices line of the capacity report, saying where each price comes from: a
 * documented default with its own source (its region, where it was read and when), or
 * the config key that set it; then, when a key set one, the stack's stated source
 * (`sourceKey`), or "source not stated" naming that key. No region is added: a price set
 * in the stack is for the region its stated source names, which need not be the stack's.
 */
export function describePrices(prices: CapacityPrices, instanceType: string, sourceKey: string): string {
    const origin = (source: string) => (isConfigKey(source) ? `set by ${source}` : source);
    const line =
        `Prices: ${formatUnitPrice(prices.instanceHourUsd)} per instance-hour of ${instanceType} (${origin(prices.instanceHourSource)}); ` +
        `${formatUnitPrice(prices.volumeGiBMonthUsd)} per GiB-month of gp3 (${origin(prices.volumeSource)}).`;
    if (!isConfigKey(prices.instanceHourSource) && !isConfigKey(prices.volumeSource)) return line;
    return prices.statedSource === undefined
        ? `${line} Prices set in the stack: source not stated (set ${sourceKey}).`
        : `${line} Source of the prices set in the stack (${sourceKey}): ${prices.statedSource}.`;
}
