/**
 * The prices the capacity report turns instance-hours and warm-pool volumes into money
 * with. The values come from the stack config (stacks/config/capacityCost.ts), or from
 * its documented defaults for the instance type and region, with their source and date.
 */
export interface CapacityPrices {
    /** On-demand price of one instance-hour of the web tier's instance type in the stack's region, USD; NaN when unknown (the source says what to set). */
    instanceHourUsd: number;
    /** Where {@link instanceHourUsd} comes from: the config key, or the default's source and date. */
    instanceHourSource: string;
    /** EBS gp3 storage in the stack's region, USD per GiB-month: all a stopped warm-pool instance costs; NaN when unknown. */
    volumeGiBMonthUsd: number;
    /** Where {@link volumeGiBMonthUsd} comes from. */
    volumeSource: string;
}
