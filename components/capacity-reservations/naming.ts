/**
 * The physical names of a CapacityReservations component, from its prefix alone, so a
 * stack (its deploy role's scope, its runbook, another component's alarm list) reads them
 * from here and never rebuilds them.
 */
export interface CapacityReservationsNames {
    /** The EventBridge Scheduler schedule group every schedule of the component belongs to. */
    scheduleGroup: string;
    /** The execution role EventBridge Scheduler assumes to call the targets. */
    schedulerRole: string;
    /** The managed policy of that role (a deploy role may not write inline policies). */
    schedulerPolicy: string;
    /** The alarm on failed or dropped invocations of the group's schedules. */
    failureAlarm: string;
    /** The alarm on a load balancer reservation left standing. */
    leftStandingAlarm: string;
}

/** The names under `namePrefix`: `<prefix>-capacity`, `<prefix>-capacity-scheduler`, `<prefix>-capacity-schedule-failed`. */
export function capacityReservationsNames(namePrefix: string): CapacityReservationsNames {
    return {
        scheduleGroup: `${namePrefix}-capacity`,
        schedulerRole: `${namePrefix}-capacity-scheduler`,
        schedulerPolicy: `${namePrefix}-capacity-scheduler`,
        failureAlarm: `${namePrefix}-capacity-schedule-failed`,
        leftStandingAlarm: `${namePrefix}-capacity-lcu-left-standing`,
    };
}
