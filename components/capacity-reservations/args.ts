/**
 * CapacityReservations' args and constants: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/capacity-reservations/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { capacityReservationsNames } from "./naming";
import {
    InstancePlatform,
    InstanceReservationCreate,
    LoadBalancerCapacityRequest,
    LoadBalancerCapacityReset,
} from "./schedules";

/** The load balancer whose LCU reservation the schedules raise and reset. */
export interface CapacityReservationsLoadBalancerArgs {
    /** ARN of the Application Load Balancer. Required. */
    arn: pulumi.Input<string>;
    /** Reservations to set, each at its time. Required (may be empty). */
    requests: LoadBalancerCapacityRequest[];
    /** Cancellations of the reservation, each at its time. Required (may be empty). */
    resets: LoadBalancerCapacityReset[];
    /**
     * Hours of a reservation standing (ReservedLCUs above 0 each hour) after which the
     * alarm `<prefix>-capacity-lcu-left-standing` warns: longer than any planned match day,
     * 1 to 168. Default: no such alarm.
     */
    leftStandingAfterHours?: number;
}

/** On-Demand Capacity Reservations for the web tier's instances. */
export interface CapacityReservationsInstancesArgs {
    /** Instance type reserved (the web tier's single type). Required. */
    instanceType: pulumi.Input<string>;
    /** Platform reserved. Default `"Linux/UNIX"`. */
    platform?: InstancePlatform;
    /**
     * Zones of the web tier's subnets; `creates[].zoneIndex` indexes this list. An array
     * is checked against each zoneIndex; an output only when it resolves. Required.
     */
    availabilityZones: pulumi.Input<string[]>;
    /** Reservations to create, each at its time. Required (may be empty). */
    creates: InstanceReservationCreate[];
}

export interface CapacityReservationsArgs {
    /**
     * Prefix of every physical name (see {@link capacityReservationsNames}): schedule group
     * `<prefix>-capacity`, execution role and policy `<prefix>-capacity-scheduler`, alarm
     * `<prefix>-capacity-schedule-failed`. Letters, digits and hyphens, at most 32. Required.
     */
    namePrefix: string;
    /** LCU reservation schedules. Default: none. */
    loadBalancer?: CapacityReservationsLoadBalancerArgs;
    /** On-Demand Capacity Reservation schedules. Default: none. */
    instances?: CapacityReservationsInstancesArgs;
    /** SNS topics the failure alarm notifies. Default: none (the alarm only changes state). */
    alarmTopicArns?: pulumi.Input<string>[];
    /** ARN of a permissions boundary for the execution role (e.g. AccessControl's `workloadBoundaryArn`). Default: none. */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for the group, role, policy and alarm, and the reservations the schedules create. Default: none. */
    tags?: Record<string, string>;
}

/** A schedule's description: EventBridge Scheduler takes at most 512 characters. */
export const MAX_DESCRIPTION_LENGTH = 512;

/** The load balancer's CloudWatch dimension, `app/<name>/<id>`, from its ARN. */
export function loadBalancerDimension(arn: string): string {
    return arn.slice(arn.indexOf(":loadbalancer/") + ":loadbalancer/".length);
}

/** What a schedule keeps from its creation on (see the component's README). */
export const SET_AT_CREATION = ["scheduleExpression", "description", "target"];

/** Minutes per evaluation of the failure alarm. */
export const FAILURE_ALARM_PERIOD_SECONDS = 300;
