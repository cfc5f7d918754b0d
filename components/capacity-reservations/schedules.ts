/**
 * What each one-time schedule sends: the universal-target ARN, the request JSON and the
 * retry policy. Pure functions of plain values; the component resolves its inputs first.
 */

/** Raise (or lower) the load balancer's reserved capacity at `at`. */
export interface LoadBalancerCapacityRequest {
    /** Schedule name, 1 to 64 of `0-9 a-z A-Z - _ .`, unique within the component. Required. */
    name: string;
    /** Why the schedule exists, shown in the console (at most 512 characters; longer is cut). Default: none. */
    description?: string;
    /** When, UTC, `YYYY-MM-DDThh:mm:ss` (EventBridge Scheduler's `at()` form, no zone suffix). Required. */
    at: string;
    /** Reserved LCUs, a whole number above 0 (e.g. `reservedCapacityUnits` of stacks/capacity). Required. */
    capacityUnits: number;
}

/** Cancel the load balancer's reservation at `at` (back to automatic scaling only). */
export interface LoadBalancerCapacityReset {
    /** Schedule name, as for requests. Required. */
    name: string;
    /** Why the schedule exists, shown in the console (at most 512 characters; longer is cut). Default: none. */
    description?: string;
    /** When, UTC, `YYYY-MM-DDThh:mm:ss`. Required. */
    at: string;
}

/** Create one On-Demand Capacity Reservation at `at`, ending by itself at `endDate`. */
export interface InstanceReservationCreate {
    /** Schedule name, as for requests. Also the reservation's `Name` tag (`<namePrefix>-<name>`). Required. */
    name: string;
    /** Why the schedule exists, shown in the console (at most 512 characters; longer is cut). Default: none. */
    description?: string;
    /** When the reservation is requested, UTC, `YYYY-MM-DDThh:mm:ss`. Required. */
    at: string;
    /** Index into `instances.availabilityZones` of the zone to reserve in. Required. */
    zoneIndex: number;
    /** Instances to reserve, a whole number above 0. Required. */
    instanceCount: number;
    /** When AWS cancels the reservation, UTC `YYYY-MM-DDThh:mm:ssZ`, after `at`. Required. */
    endDate: string;
    /**
     * Idempotency token of the CreateCapacityReservation request, 1 to 64 ASCII
     * characters, unique per reservation: a retry (or a second run) with the same token
     * creates nothing new. Required.
     */
    clientToken: string;
}

/** The instance platform reserved; the web tier runs Linux. */
export type InstancePlatform = "Linux/UNIX";
export const DEFAULT_INSTANCE_PLATFORM: InstancePlatform = "Linux/UNIX";

/**
 * Universal targets: `arn:aws:scheduler:::aws-sdk:<sdk service id>:<camelCase action>`.
 * The service id is the AWS SDK's (`elasticloadbalancingv2`, not the IAM prefix
 * `elasticloadbalancing`); the input is the API's request with its PascalCase members.
 */
export const MODIFY_LB_CAPACITY_TARGET = "arn:aws:scheduler:::aws-sdk:elasticloadbalancingv2:modifyCapacityReservation";
export const CREATE_CAPACITY_RESERVATION_TARGET = "arn:aws:scheduler:::aws-sdk:ec2:createCapacityReservation";

export interface RetryPolicy {
    maximumEventAgeInSeconds: number;
    maximumRetryAttempts: number;
}

/**
 * Load balancer changes: a few retries within 15 minutes. Scheduler retries only errors
 * it deems retryable (throttling, server errors); a retry after a request that did go
 * through is refused while the reservation is pending, and that refusal counts as a
 * target error, so the alarm asks a person to look (describe-capacity-reservation)
 * rather than the schedule silently trying for a day.
 */
export const LOAD_BALANCER_RETRY: RetryPolicy = { maximumEventAgeInSeconds: 900, maximumRetryAttempts: 3 };

/**
 * Capacity reservations: retried for up to an hour. Safe because of the ClientToken: a
 * retry of a request that did create a reservation returns that reservation instead of
 * a second one.
 */
export const INSTANCE_RESERVATION_RETRY: RetryPolicy = { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 10 };

/** The `at()` expression of a one-time schedule. */
export function atExpression(at: string): string {
    return `at(${at})`;
}

/** ModifyCapacityReservation request that reserves `capacityUnits`. */
export function capacityRequestInput(loadBalancerArn: string, capacityUnits: number): Record<string, unknown> {
    return { LoadBalancerArn: loadBalancerArn, MinimumLoadBalancerCapacity: { CapacityUnits: capacityUnits } };
}

/** ModifyCapacityReservation request that cancels the reservation. */
export function capacityResetInput(loadBalancerArn: string): Record<string, unknown> {
    return { LoadBalancerArn: loadBalancerArn, ResetCapacityReservation: true };
}

export interface InstanceReservationShape {
    instanceType: string;
    platform: InstancePlatform;
    availabilityZones: string[];
}

/**
 * CreateCapacityReservation request of one entry: open matching (instances of the type
 * in the zone use it without naming it), limited end (AWS cancels it at `endDate`), and
 * tagged at creation (`tags` plus `Name = <namePrefix>-<name>`).
 */
export function instanceReservationInput(entry: InstanceReservationCreate, shape: InstanceReservationShape, namePrefix: string, tags: Record<string, string>): Record<string, unknown> {
    const allTags = { ...tags, Name: `${namePrefix}-${entry.name}` };
    return {
        ClientToken: entry.clientToken,
        InstanceType: shape.instanceType,
        InstancePlatform: shape.platform,
        AvailabilityZone: shape.availabilityZones[entry.zoneIndex],
        InstanceCount: entry.instanceCount,
        InstanceMatchCriteria: "open",
        EndDateType: "limited",
        EndDate: entry.endDate,
        TagSpecifications: [{ ResourceType: "capacity-reservation", Tags: Object.entries(allTags).map(([Key, Value]) => ({ Key, Value })) }],
    };
}
