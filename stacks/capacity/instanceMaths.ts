/**
 * The instance arithmetic the plan's checks, the schedule and the simulation share: how
 * many instances an audience needs. Its own module so that the checks (fixtures.ts) and
 * the schedule (schedule.ts) both use it without importing each other. Pure.
 */

/**
 * `Math.ceil` that ignores floating-point dust: 120.00000000000001 is 120. The
 * tolerance (one part in 10^9) is far below one viewer's share of an instance.
 */
export function ceilTolerant(x: number): number {
    return Math.ceil(x - 1e-9 * Math.max(1, Math.abs(x)));
}

/**
 * Instances the group must have in service at kickoff for a match (the window's floor).
 *
 * 1. The need, instances for the planned audience with headroom:
 *    `need = ceil(peakViewers * surgeFactor * (1 + headroomPercent / 100) / viewersPerInstance)`.
 * 2. N+1 zones: the group spreads instances evenly over `AZ` zones, and losing one zone
 *    must leave at least `need`: `floor = ceil(need * AZ / (AZ - 1))`.
 *
 * With even spreading the largest zone holds `ceil(floor / AZ)` instances, and
 * `floor - ceil(floor / AZ) = floor(floor * (AZ - 1) / AZ) >= need`, so the floor
 * survives the loss of any one zone; it is also the smallest number that does.
 * Example: 140 000 viewers, surge 1, 20 % headroom, 2 000 per instance, 3 zones:
 * need 84, floor 126.
 *
 * @param peakViewers expected concurrent viewers at the busiest moment (>= 0)
 * @param surgeFactor planning multiplier on the peak (> 0; fixtures allow 1 to 10)
 * @param viewersPerInstance concurrent viewers one instance serves (> 0)
 * @param headroomPercent extra above the need, in percent (>= 0)
 * @param availabilityZoneCount zones the group spans (whole number >= 2)
 * @returns instances, a whole number
 * @throws RangeError on arguments outside those ranges
 */
export function requiredInstances(
    peakViewers: number,
    surgeFactor: number,
    viewersPerInstance: number,
    headroomPercent: number,
    availabilityZoneCount: number,
): number {
    if (!(peakViewers >= 0) || !Number.isFinite(peakViewers)) throw new RangeError(`peakViewers = ${peakViewers}: must be a finite number >= 0`);
    if (!(surgeFactor > 0) || !Number.isFinite(surgeFactor)) throw new RangeError(`surgeFactor = ${surgeFactor}: must be a finite number > 0`);
    if (!(viewersPerInstance > 0) || !Number.isFinite(viewersPerInstance)) throw new RangeError(`viewersPerInstance = ${viewersPerInstance}: must be a finite number > 0`);
    if (!(headroomPercent >= 0) || !Number.isFinite(headroomPercent)) throw new RangeError(`headroomPercent = ${headroomPercent}: must be a finite number >= 0`);
    if (!Number.isInteger(availabilityZoneCount) || availabilityZoneCount < 2) {
        throw new RangeError(`availabilityZoneCount = ${availabilityZoneCount}: must be a whole number >= 2`);
    }
    const need = ceilTolerant((peakViewers * surgeFactor * (100 + headroomPercent)) / (100 * viewersPerInstance));
    const az = availabilityZoneCount;
    return Math.floor((need * az + az - 2) / (az - 1));
}
