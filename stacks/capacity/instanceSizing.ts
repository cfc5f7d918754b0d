/**
 * Larger instances for a night that needs a very large fleet: a suggestion for the
 * person editing the plan, never applied. Pure: the sizing rule comes in as a function.
 *
 * The one assumption, stated in every suggestion: viewers per instance scale with
 * vCPUs within a family (a c7i.4xlarge serves 8 times a c7i.large's viewers). Only a
 * load test on the larger size confirms it; memory, network bandwidth per vCPU and
 * the application's own parallelism can each break it.
 */
import { PLAN_FIELD_NAMES } from "./planInput";
import type { SettingNames } from "./planInput";

/** A night whose floor is above this many instances gets a larger-instance suggestion. */
export const LARGE_FLEET_INSTANCES = 300;

/**
 * The floor a suggestion aims at: about this many instances. A size whose floor is
 * within 5 % above it counts as reaching it (a floor of 203 does not push the
 * suggestion to a size twice as large, with a floor near 100).
 */
export const SUGGESTED_FLOOR_INSTANCES = 200;
const FLOOR_TOLERANCE = 1.05;

/**
 * vCPUs of the size names of current non-burstable families (c7i, m7g, r6i, ...).
 * Not every family has every size (c5 has 9xlarge and 18xlarge, not 8xlarge and
 * 16xlarge); a suggestion walks only {@link SIZE_LADDER}.
 */
export const VCPUS_BY_SIZE: Readonly<Record<string, number>> = {
    small: 1,
    medium: 1,
    large: 2,
    xlarge: 4,
    "2xlarge": 8,
    "3xlarge": 12,
    "4xlarge": 16,
    "6xlarge": 24,
    "8xlarge": 32,
    "9xlarge": 36,
    "12xlarge": 48,
    "16xlarge": 64,
    "18xlarge": 72,
    "24xlarge": 96,
    "32xlarge": 128,
    "48xlarge": 192,
};

/** The sizes a suggestion may propose, smallest first: those most current families offer. */
export const SIZE_LADDER: readonly string[] = ["medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"];

/** A larger size of the same family, with the per-instance capacity scaled to its vCPUs. */
export interface InstanceSizeSuggestion {
    /** The suggested type, e.g. `c7i.4xlarge`. */
    instanceType: string;
    /** `viewersPerInstance` scaled by {@link factor}, rounded down. */
    viewersPerInstance: number;
    /** The suggested size's vCPUs over the current size's, e.g. 8. */
    factor: number;
    /** The night's floor with the suggested size. */
    floor: number;
    /**
     * The suggestion for a message, with the settings named by `names`: `instanceType =
     * c7i.4xlarge with viewersPerInstance = 16000 (8x c7i.large's, if the load test
     * confirms it scales with vCPUs): floor 203; scale targetRequestsPerInstance by 8 too, ...`
     * (with the config's names, `kgsports:instanceType = ...`).
     */
    text: string;
}

/**
 * The smallest larger size of `instanceType`'s family that brings the floor to about
 * {@link SUGGESTED_FLOOR_INSTANCES} instances, assuming viewers per instance scale with
 * vCPUs; the largest size on {@link SIZE_LADDER} when none does. `floorFor` is the
 * night's floor for a given per-instance capacity (e.g. `requiredInstances` with the
 * night's audience). Undefined when there is nothing sound to suggest: a type not of
 * the form `family.size`, a size name not in {@link VCPUS_BY_SIZE} (e.g. `metal`), a
 * burstable family (t2, t3, t4g: from nano to large they all have 2 vCPUs, and CPU
 * credits, not vCPUs, limit them), no larger size on the ladder, or a per-instance
 * capacity that is not above 0.
 */
export function largerInstanceSuggestion(
    instanceType: string,
    viewersPerInstance: number,
    floorFor: (viewersPerInstance: number) => number,
    names: SettingNames = PLAN_FIELD_NAMES,
): InstanceSizeSuggestion | undefined {
    const dot = instanceType.indexOf(".");
    if (dot <= 0) return undefined;
    const family = instanceType.slice(0, dot);
    const size = instanceType.slice(dot + 1);
    const vcpus = Object.prototype.hasOwnProperty.call(VCPUS_BY_SIZE, size) ? VCPUS_BY_SIZE[size] : undefined;
    if (vcpus === undefined || /^t\d/.test(family)) return undefined;
    if (!(Number.isFinite(viewersPerInstance) && viewersPerInstance > 0)) return undefined;

    const larger = SIZE_LADDER.filter((s) => VCPUS_BY_SIZE[s] > vcpus);
    let last: InstanceSizeSuggestion | undefined;
    for (const candidate of larger) {
        const factor = VCPUS_BY_SIZE[candidate] / vcpus;
        const scaled = Math.floor(viewersPerInstance * factor);
        const floor = floorFor(scaled);
        const type = `${family}.${candidate}`;
        const shownFactor = Number.isInteger(factor) ? String(factor) : factor.toFixed(2);
        last = {
            instanceType: type,
            viewersPerInstance: scaled,
            factor,
            floor,
            text: `${names("instanceType")} = ${type} with ${names("viewersPerInstance")} = ${scaled} ` +
                `(${shownFactor}x ${instanceType}'s, if the load test confirms it scales with vCPUs): floor ${floor}; ` +
                `scale ${names("targetRequestsPerInstance")} by ${shownFactor} too, so target tracking's target stays the same share of an instance`,
        };
        if (floor <= SUGGESTED_FLOOR_INSTANCES * FLOOR_TOLERANCE) return last;
    }
    return last;
}
