/**
 * Checks of CapacityReservations args, each a pure function returning the problem (or
 * undefined). The component throws every problem at once, naming the field, before it
 * declares anything.
 */
import type { CapacityReservationsArgs } from "./args";

const SCHEDULE_NAME = /^[0-9a-zA-Z_.-]{1,64}$/;
const AT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const END_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Whether the six fields of a date-time match form a real UTC instant (no 2027-02-30, no 25:00). */
function realInstant(m: RegExpExecArray): number | undefined {
    const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
    const t = Date.UTC(y, mo - 1, d, h, mi, s);
    const back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi || back.getUTCSeconds() !== s) return undefined;
    return t;
}

/** The prefix must keep `<prefix>-capacity-schedule-failed` and the role name short and valid. */
export function namePrefixProblem(prefix: string): string | undefined {
    return /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/.test(prefix) ? undefined : "is not a usable prefix; allowed: letters, digits and hyphens, at most 32 characters";
}

/** A schedule name EventBridge Scheduler accepts. */
export function scheduleNameProblem(name: string): string | undefined {
    return typeof name === "string" && SCHEDULE_NAME.test(name) ? undefined : "is not a schedule name; allowed: 1 to 64 of 0-9 a-z A-Z - _ .";
}

/** The UTC instant of an `at()` value, or undefined when it is not `YYYY-MM-DDThh:mm:ss`. */
export function atInstant(at: string): number | undefined {
    const m = typeof at === "string" ? AT.exec(at) : null;
    return m ? realInstant(m) : undefined;
}

export function atProblem(at: string): string | undefined {
    return atInstant(at) === undefined ? "is not a date-time; allowed: YYYY-MM-DDThh:mm:ss (UTC, no zone suffix)" : undefined;
}

/** EndDate of a reservation: `YYYY-MM-DDThh:mm:ssZ`, after the schedule's `at`. */
export function endDateProblem(endDate: string, at: string): string | undefined {
    const m = typeof endDate === "string" ? END_DATE.exec(endDate) : null;
    const end = m ? realInstant(m) : undefined;
    if (end === undefined) return "is not a UTC date-time; allowed: YYYY-MM-DDThh:mm:ssZ";
    const start = atInstant(at);
    if (start !== undefined && end <= start) return `is not after at (${at}); allowed: a later time, when AWS may cancel the reservation`;
    return undefined;
}

export function wholeAboveZeroProblem(n: number): string | undefined {
    return Number.isInteger(n) && n > 0 ? undefined : "is not a whole number above 0";
}

/** A zone index: whole, at least 0, and below the number of zones when they are known. */
export function zoneIndexProblem(index: number, zoneCount: number | undefined): string | undefined {
    if (!Number.isInteger(index) || index < 0) return "is not a whole number of 0 or more";
    if (zoneCount !== undefined && index >= zoneCount) return `is past the ${zoneCount} availabilityZones; allowed: 0 to ${zoneCount - 1}`;
    return undefined;
}

/** CreateCapacityReservation's ClientToken: 1 to 64 printable ASCII characters. */
export function clientTokenProblem(token: string): string | undefined {
    return typeof token === "string" && /^[\x21-\x7e]{1,64}$/.test(token) ? undefined : "is not a client token; allowed: 1 to 64 printable ASCII characters";
}

/** Every problem of the args as `<field> = <value>: <problem>`; empty when valid. */
export function capacityReservationsArgsProblems(args: CapacityReservationsArgs): string[] {
    const p: string[] = [];
    const one = (field: string, value: unknown, problem: string | undefined) => {
        if (problem) p.push(`${field} = ${JSON.stringify(value)}: ${problem}`);
    };
    one("namePrefix", args.namePrefix, namePrefixProblem(args.namePrefix));
    const seen = new Map<string, string>();
    const named = (field: string, name: string) => {
        one(`${field}.name`, name, scheduleNameProblem(name));
        const earlier = seen.get(name);
        if (earlier !== undefined) p.push(`${field}.name = ${JSON.stringify(name)}: is also the name of ${earlier}; allowed: a name used once (the schedules share one group)`);
        else seen.set(name, field);
    };
    const lb = args.loadBalancer;
    if (lb) {
        lb.requests.forEach((r, i) => {
            const f = `loadBalancer.requests[${i}]`;
            named(f, r.name);
            one(`${f}.at`, r.at, atProblem(r.at));
            one(`${f}.capacityUnits`, r.capacityUnits, wholeAboveZeroProblem(r.capacityUnits));
        });
        lb.resets.forEach((r, i) => {
            const f = `loadBalancer.resets[${i}]`;
            named(f, r.name);
            one(`${f}.at`, r.at, atProblem(r.at));
        });
        if (lb.leftStandingAfterHours !== undefined) {
            const h = lb.leftStandingAfterHours;
            // CloudWatch: an alarm of hourly periods evaluates at most 7 days.
            one("loadBalancer.leftStandingAfterHours", h, Number.isInteger(h) && h >= 1 && h <= 168 ? undefined : "allowed: a whole number of hours from 1 to 168");
        }
    }
    const inst = args.instances;
    if (inst) {
        const zoneCount = Array.isArray(inst.availabilityZones) ? inst.availabilityZones.length : undefined;
        if (zoneCount === 0) p.push("instances.availabilityZones: is empty; allowed: the zones of the web tier's subnets");
        if (inst.platform !== undefined && inst.platform !== "Linux/UNIX") one("instances.platform", inst.platform, 'is not supported; allowed: "Linux/UNIX"');
        inst.creates.forEach((c, i) => {
            const f = `instances.creates[${i}]`;
            named(f, c.name);
            one(`${f}.at`, c.at, atProblem(c.at));
            one(`${f}.zoneIndex`, c.zoneIndex, zoneIndexProblem(c.zoneIndex, zoneCount));
            one(`${f}.instanceCount`, c.instanceCount, wholeAboveZeroProblem(c.instanceCount));
            one(`${f}.endDate`, c.endDate, endDateProblem(c.endDate, c.at));
            one(`${f}.clientToken`, c.clientToken, clientTokenProblem(c.clientToken));
        });
        const tokens = new Map<string, number>();
        inst.creates.forEach((c, i) => {
            const j = tokens.get(c.clientToken);
            if (j !== undefined) p.push(`instances.creates[${i}].clientToken = ${JSON.stringify(c.clientToken)}: is also that of instances.creates[${j}]; allowed: one token per reservation (a repeated token creates nothing)`);
            else tokens.set(c.clientToken, i);
        });
    }
    return p;
}
