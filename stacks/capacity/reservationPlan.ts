/**
 * The capacity reserved under the fleet for each match: the load balancer's capacity
 * units per match day, and On-Demand Capacity Reservations per zone per window, and the
 * one-time EventBridge Scheduler schedules a deploy at `now` declares for them. Pure.
 *
 * (Interfaces first; the decisions are filled in by the issue-21 work on this module.)
 */
import type { LcuDemand, LoadBalancerTraffic } from "./loadBalancerCapacity";

/** What the stack asks to reserve. Each part is off when undefined. */
export interface ReservationOptions {
    /** Reserve the load balancer's capacity for each match day. */
    loadBalancer?: {
        /** Hours before the day's first pre-warm the reservation is requested (AWS may take hours to provision). */
        leadHours: number;
        /** What a viewer sends through the load balancer. */
        traffic: LoadBalancerTraffic;
    };
    /** Reserve instance capacity (On-Demand Capacity Reservations) for each window. */
    instances?: {
        /** Hours before the window's pre-warm the reservations are created. */
        leadHours: number;
    };
}

/** One load balancer reservation: a match day (windows whose reservations would overlap, or would decrease more than twice a day, share one). */
export interface LoadBalancerReservation {
    /** Stable name stem, after the day's first fixture, e.g. `lcu-ucl-final`. */
    name: string;
    /** Fixtures of the day's windows, in kickoff order. */
    fixtures: string[];
    /** When the reservation is requested: the day's first pre-warm minus the lead. */
    requestAt: Date;
    /** When it is reset: the day's last release. */
    resetAt: Date;
    /** The busiest planned audience of the day (concurrent fixtures added, each at its planning surge). */
    plannedViewers: number;
    /** The load balancer's demand at {@link plannedViewers} (no headroom). */
    demand: LcuDemand;
    /** Whole capacity units requested: the demand with the plan's headroom, rounded up. */
    capacityUnits: number;
}

/** One window's instance reservations: the same count in each zone. */
export interface InstanceReservation {
    /** Stable name stem, after the window's first fixture, e.g. `odcr-ucl-final`. */
    name: string;
    fixtures: string[];
    /** When the reservations are created: the window's pre-warm minus the lead. */
    createAt: Date;
    /** Their end date: the window's release (AWS ends a reservation within an hour after its end date). */
    endAt: Date;
    /** Instances reserved in each zone: the window's highest floor spread evenly over the zones, rounded up. */
    perZone: number;
    /** Zones (the stack's availabilityZoneCount). */
    zones: number;
}

/** One one-time schedule the component declares: what it calls, when. */
export type ReservationSchedule =
    | { kind: "lcu-request"; name: string; at: string; capacityUnits: number; reason: string }
    | { kind: "lcu-reset"; name: string; at: string; reason: string }
    | {
        kind: "odcr-create";
        name: string;
        at: string;
        /** Index into the stack's zones (the component maps it to the zone's name). */
        zoneIndex: number;
        instanceCount: number;
        /** UTC `YYYY-MM-DDThh:mm:ssZ`. */
        endDate: string;
        /** Same on every deploy for the same reservation, so a repeated call creates nothing new (EC2 idempotency); at most 64 ASCII characters. */
        clientToken: string;
        reason: string;
    };

export interface ReservationPlan {
    loadBalancer: LoadBalancerReservation[];
    instances: InstanceReservation[];
    /** What a deploy at `now` declares, in time order. `at` is UTC `YYYY-MM-DDThh:mm:ss` (the `at()` expression, zone UTC). */
    schedules: ReservationSchedule[];
    /** One line per decision (merged days, late requests, schedules caught up, past reservations left out). */
    notes: string[];
}

/** The plan with nothing reserved. */
export const NO_RESERVATIONS: ReservationPlan = { loadBalancer: [], instances: [], schedules: [], notes: [] };
