/**
 * Warnings of a plan diff: what a deploy of this side does to the running platform
 * that the list of changed settings does not say by itself. Pure: both sides'
 * settings and declared resources, and the deploy's clock, come in.
 *
 * Between two different stacks only the lower `maxSize` is warned about (what the
 * diff always did). For an edit of one stack (the working config against the
 * committed one, or an edited copy against its stack) the warnings also name what the
 * next deploy does: a change during a match window, an instance type change, a smaller
 * warm pool, a `desiredCapacity` change.
 */
import { administratorOwnedResource } from "@kgsports/access-control";
import { capacityChangeMayScaleIn } from "@kgsports/scaling-web-tier";
import { formatInstant } from "../capacity/displayTime";
import { stackFreeKey } from "./resourceKey";
import { displayTimeZoneOf } from "./scheduledActionLines";

/** What the warnings need of a stack's settings ({@link PlatformSettings} has it). */
export interface WarningSettings {
    /** Config namespace of the keys named in warnings (`kgsports`). */
    project: string;
    /** AccessControl's name prefix, which tells the IAM only an administrator deploys. Default: not checked. */
    access?: { namePrefix: string };
    web: {
        instanceType: string;
        /** Stopped instances in the warm pool; 0 = no pool. */
        warmPoolSize: number;
        /** The group sizes the deploy declares (min lifted to a window's floor in progress). */
        capacity: { min: number; desired: number; max: number };
    };
    matchday: {
        /** IANA zone times are shown in besides UTC. */
        displayTimeZone?: string;
        plan: { viewersPerInstance: number };
        schedule: { windows: readonly { fixtures: readonly string[]; preWarmAt: Date; releaseAt: Date; minSize: number }[] };
        /** The minimum this deploy declares for a match window in progress (or about to start), else undefined. */
        floorNow: number | undefined;
    };
    /** The UserStore's settings (stacks/config/slices/userStore.ts). Default: not checked. */
    userStore?: {
        warmThroughput: { readUnitsPerSecond: number; writeUnitsPerSecond: number };
        recoveryDays: number;
        restore?: { label: string; from: string; promote: boolean };
    };
    /** The capacity reserved for the windows (stacks/capacity/reservationPlan.ts). Default: none. */
    reservations?: {
        plan: {
            loadBalancer: readonly { name: string; fixtures: readonly string[]; requestAt: Date; resetAt: Date; capacityUnits: number }[];
            instances: readonly { name: string; fixtures: readonly string[]; createAt: Date; endAt: Date; perZone: number }[];
            schedules: readonly { kind: string; name: string }[];
        };
    };
}

/** What the warnings need of a declared resource. */
export interface WarningResource {
    urn: string;
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    options?: { ignoreChanges: readonly string[] };
}

/** One side of a diff. */
export interface WarningSide {
    settings: WarningSettings;
    resources: readonly WarningResource[];
    /**
     * The stack config as given (full keys to strings), when known: the sizes a person
     * wrote, which the settings may have lifted to a match window's floor.
     */
    config?: Readonly<Record<string, string>>;
}

export interface DiffWarningInput {
    /** The other side: the committed config, or the other stack. */
    before: WarningSide;
    /** This side: what would be deployed. */
    after: WarningSide;
    /** The deploy's clock both sides were planned at. */
    now: Date;
    /** True when both sides are the same stack, so the diff is an edit a deploy applies. */
    edit: boolean;
    /** How many resources the diff adds, removes and changes. */
    changes: { added: number; removed: number; changed: number };
}

const GROUP_TYPE = "aws:autoscaling/group:Group";

/** A match window on either side that is in progress at `now`: `preWarmAt <= now < releaseAt`. */
export function windowsInProgress(sides: readonly WarningSettings[], now: Date) {
    const t = now.getTime();
    const seen = new Map<string, WarningSettings["matchday"]["schedule"]["windows"][number]>();
    for (const s of sides) {
        for (const w of s.matchday.schedule.windows) {
            const key = w.fixtures.join("\u0000");
            if (w.preWarmAt.getTime() <= t && t < w.releaseAt.getTime() && !seen.has(key)) seen.set(key, w);
        }
    }
    return [...seen.values()];
}

function quoted(names: readonly string[]): string {
    const q = names.map((n) => `"${n}"`);
    return q.length <= 1 ? q.join("") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** A whole-number config key as written (`kgsports:desiredCapacity`), else `fallback` (the settings' value). */
function configured(side: WarningSide, name: string, fallback: number): number {
    const text = side.config?.[`${side.settings.project}:${name}`];
    const n = text === undefined || text.trim() === "" ? NaN : Number(text);
    return Number.isFinite(n) ? n : fallback;
}

function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

/** The existing maxSize warning, per Auto Scaling group both sides declare. */
function maxSizeWarnings(before: WarningSide, after: WarningSide): string[] {
    const theirs = new Map(before.resources.filter((r) => r.type === GROUP_TYPE).map((r) => [stackFreeKey(r.urn), r]));
    const out: string[] = [];
    for (const r of after.resources.filter((x) => x.type === GROUP_TYPE)) {
        const o = theirs.get(stackFreeKey(r.urn));
        if (!o) continue;
        const was = { max: Number(o.inputs.maxSize) };
        const will = { max: Number(r.inputs.maxSize) };
        if (capacityChangeMayScaleIn(was, will)) {
            out.push(`${r.name}: maxSize ${was.max} -> ${will.max}; if more than ${will.max} instances are running, applying this removes instances`);
        }
    }
    return out;
}

/**
 * The diff's warnings, most urgent first:
 *
 * - (edit) a change of anything while a match window is in progress at `now`, naming
 *   the fixtures, the window and what the deploy does to the floor;
 * - a lower `maxSize` (the one size change that removes running instances);
 * - (edit) an instance type change: a rolling instance refresh of the fleet at the
 *   next deploy outside a match window, and whether `viewersPerInstance` was changed
 *   with it;
 * - (edit) the warm pool removed or shrunk: its stopped instances are terminated;
 * - (edit) a `desiredCapacity` change: what it does to a running group (a lower one
 *   cannot take effect: a deploy never scales a running fleet in).
 *
 * Whether this deploy keeps the launch template or the desired capacity of the running
 * group is read from the declared group's `ignoreChanges`.
 */
export function diffWarnings(input: DiffWarningInput): string[] {
    const { before, after, now, edit } = input;
    const b = before.settings;
    const a = after.settings;
    const zone = displayTimeZoneOf(a);
    const at = (d: Date) => formatInstant(d, zone);
    const key = (k: string) => `${a.project}:${k}`;
    const warnings: string[] = [];
    // What this deploy keeps of the running group: the declared group's ignoreChanges say it.
    const group = after.resources.find((r) => r.type === GROUP_TYPE);
    const kept = group?.options?.ignoreChanges ?? [];
    const templateFrozen = kept.includes("launchTemplate");

    const { added, removed, changed } = input.changes;
    if (edit && added + removed + changed > 0) {
        for (const w of windowsInProgress([a, b], now)) {
            const floor =
                a.matchday.floorNow !== undefined
                    ? `the group's minimum is held at ${a.matchday.floorNow} (the window's floor${
                        b.matchday.floorNow !== undefined && b.matchday.floorNow !== a.matchday.floorNow ? `, ${b.matchday.floorNow} before this edit` : ""
                    })` + (templateFrozen ? " and the launch template stays frozen until a deploy after the release" : "")
                    : `this edit ends the window's floor: the minimum drops to ${a.web.capacity.min} and target tracking can scale the fleet in mid-match`;
            warnings.push(
                `match window in progress: ${quoted(w.fixtures)} (minimum ${w.minSize} from ${at(w.preWarmAt)} to ${at(w.releaseAt)}) ` +
                `is on at ${at(now)}; a deploy now applies this edit (${added} added, ${removed} removed, ${changed} changed) ` +
                `to the live platform mid-match; ${floor}. Deploy after ${at(w.releaseAt)} unless the change is needed for this match`,
            );
        }
    }

    warnings.push(...maxSizeWarnings(before, after));
    if (!edit) return warnings;

    const administrators = administratorOwnedChanges(before, after);
    if (administrators.length > 0) {
        warnings.push(
            `this edit changes IAM that only an administrator deploys (${administrators.join(", ")}): the CI deploy role is denied it, ` +
            `so merge it only with an administrator ready to run \`pulumi up\` with MFA (README, "Security posture"); CI's deploy would stop at it`,
        );
    }

    if (a.web.instanceType !== b.web.instanceType) {
        const vpiBefore = b.matchday.plan.viewersPerInstance;
        const vpiAfter = a.matchday.plan.viewersPerInstance;
        const viewers =
            vpiBefore === vpiAfter
                ? `${key("viewersPerInstance")} (${vpiAfter}) still describes ${b.web.instanceType}, so every match floor stays sized for it: ` +
                  `load-test ${a.web.instanceType} and set ${key("viewersPerInstance")} in the same edit`
                : `${key("viewersPerInstance")} changes in the same edit (${vpiBefore} -> ${vpiAfter}), so the match floors are sized for ${a.web.instanceType}`;
        warnings.push(
            `${key("instanceType")} ${b.web.instanceType} -> ${a.web.instanceType}: the fleet is replaced by a rolling instance refresh ` +
            `at the next deploy outside a match window` +
            (templateFrozen ? ` (not by a deploy now: a match window is near or on, so the launch template is frozen)` : "") +
            `; ${viewers}`,
        );
    }

    const poolBefore = b.web.warmPoolSize;
    const poolAfter = a.web.warmPoolSize;
    if (poolBefore > 0 && poolAfter === 0) {
        warnings.push(
            `warm pool (${key("warmPoolSize")}) ${poolBefore} -> 0: the deploy deletes the warm pool and terminates its ${plural(poolBefore, "stopped instance")}; ` +
            `demand above the scheduled floor then waits for cold launches (several minutes each) instead of joining from the pool in a minute or two`,
        );
    } else if (poolAfter < poolBefore) {
        warnings.push(
            `warm pool (${key("warmPoolSize")}) ${poolBefore} -> ${poolAfter}: the deploy terminates ${plural(poolBefore - poolAfter, "stopped instance")} of the pool; ` +
            `a surge above the scheduled floor has ${poolAfter} pool instances to join in a minute or two, the rest launch cold (several minutes each)`,
        );
    }

    warnings.push(...reservationWarnings(b, a, now, at));
    warnings.push(...userStoreWarnings(b, a, now, at));

    // As written: inside a match window the settings carry sizes lifted to the floor.
    const desiredBefore = configured(before, "desiredCapacity", b.web.capacity.desired);
    const desiredAfter = configured(after, "desiredCapacity", a.web.capacity.desired);
    const minAfter = a.web.capacity.min;
    const configuredMinAfter = configured(after, "minSize", minAfter);
    if (desiredAfter !== desiredBefore) {
        const desiredKept = kept.includes("desiredCapacity");
        // Set by stacks that lift a running fleet to a raised desiredCapacity (false while a match is near or on).
        const raiseRunning = (a.web as { raiseRunningDesired?: unknown }).raiseRunningDesired;
        const head = `${key("desiredCapacity")} ${desiredBefore} -> ${desiredAfter}`;
        if (desiredAfter < desiredBefore) {
            warnings.push(
                `${head}: cannot take effect as written: a deploy never scales a running fleet in; the group keeps the instances it runs ` +
                `and target tracking scales in on real load, down to the minimum (${minAfter}); a new group starts with ${desiredAfter}`,
            );
        } else if (!desiredKept) {
            warnings.push(
                `${head}: the next deploy lifts a running fleet that runs fewer than ${desiredAfter} instances to ${desiredAfter} ` +
                `(a fleet running more keeps its size); target tracking may scale it back in later, down to the minimum (${minAfter})`,
            );
        } else if (raiseRunning === false) {
            warnings.push(
                `${head}: not by a deploy now: a match window is near or on, so no deploy touches desired capacity; ` +
                `a deploy after the window lifts a running fleet that runs fewer than ${desiredAfter} instances to ${desiredAfter}`,
            );
        } else {
            warnings.push(
                `${head}: lifts nothing on a running group: desiredCapacity is set when the group is created only; ` +
                `raise ${key("minSize")} (now ${configuredMinAfter}) to lift a running fleet at the next deploy`,
            );
        }
    }
    return warnings;
}

/**
 * What an edit does to capacity already reserved (issue 21), when the committed config
 * was deployed: the schedules that made a reservation ran, and no schedule can undo an
 * instance reservation or reset one the plan no longer knows.
 * - An LCU reservation requested before `now` and standing past it, with no reservation
 *   of this side standing then: its reset goes with the edit, and AWS bills the
 *   reservation until someone resets it.
 * - An instance reservation created before `now` and ending after it whose schedules this
 *   edit renames (its count, times or type changed): the next deploy creates another one,
 *   and AWS keeps the first until its end date.
 */
export function reservationWarnings(before: WarningSettings, after: WarningSettings, now: Date, at: (d: Date) => string): string[] {
    const b = before.reservations?.plan;
    const a = after.reservations?.plan;
    if (b === undefined) return [];
    const t = now.getTime();
    const out: string[] = [];
    const standing = (r: { requestAt: Date; resetAt: Date }) => r.requestAt.getTime() <= t && t < r.resetAt.getTime();
    for (const r of b.loadBalancer.filter(standing)) {
        if ((a?.loadBalancer ?? []).some(standing)) continue;
        out.push(
            `LCU reservation ${r.name} for ${quoted(r.fixtures)} was requested at ${at(r.requestAt)} (${r.capacityUnits} LCU) and stands until its reset at ${at(r.resetAt)}; ` +
            `this edit removes that reset with it, so AWS bills the reservation until someone resets it: after the deploy run ` +
            `aws elbv2 modify-capacity-reservation --load-balancer-arn <the load balancer> --reset-capacity-reservation (the alarm <prefix>-capacity-lcu-left-standing warns otherwise)`,
        );
    }
    const kept = new Set((a?.schedules ?? []).map((s) => s.name));
    for (const r of b.instances.filter((x) => x.createAt.getTime() <= t && t < x.endAt.getTime())) {
        const creates = b.schedules.filter((s) => s.kind === "odcr-create" && s.name.startsWith(`${r.name}-z`));
        if (creates.length === 0 || creates.every((s) => kept.has(s.name))) continue;
        const again = (a?.instances ?? []).some((x) => x.endAt.getTime() > t && x.fixtures.some((f) => r.fixtures.includes(f)));
        out.push(
            `instance reservation ${r.name} for ${quoted(r.fixtures)} was created at ${at(r.createAt)} (${r.perZone} per zone) and AWS holds it until ${at(r.endAt)}; ` +
            `this edit changes it, so ` +
            (again ? `the next deploy creates another one beside it (billed twice over, used or not): ` : `its schedules go, but not the reservation: `) +
            `cancel the first with aws ec2 cancel-capacity-reservation (its Name tag is <prefix>-${r.name}-z<zone>-...)`,
        );
    }
    return out;
}

/**
 * What an edit does to the UserStore that its settings' diff does not say:
 * - a lower warm throughput: AWS refuses to lower a table's warm throughput, so the
 *   deploy would fail at the table (and the table keeps the higher figure anyway);
 * - fewer recovery days: the oldest recovery points go at once;
 * - a higher warm throughput within {@link PRE_WARM_LEAD_HOURS} of a window's pre-warm:
 *   AWS's pre-warming takes time that depends on the figures and the table's size, and
 *   AWS advises starting a day ahead; the table serves meanwhile, but the new figure may
 *   not be ready at kickoff;
 * - a promoted restore, or its end: clients switch tables at their next boot.
 */
export function userStoreWarnings(before: WarningSettings, after: WarningSettings, now: Date, at: (d: Date) => string): string[] {
    const b = before.userStore;
    const a = after.userStore;
    if (b === undefined || a === undefined) return [];
    const key = (k: string) => `${after.project}:${k}`;
    const out: string[] = [];
    const lowered = (
        [
            ["userStoreWarmReadUnitsPerSecond", b.warmThroughput.readUnitsPerSecond, a.warmThroughput.readUnitsPerSecond],
            ["userStoreWarmWriteUnitsPerSecond", b.warmThroughput.writeUnitsPerSecond, a.warmThroughput.writeUnitsPerSecond],
        ] as const
    ).filter(([, was, now]) => now < was);
    for (const [name, was, now] of lowered) {
        out.push(
            `${key(name)} ${was} -> ${now}: AWS refuses to lower a table's warm throughput, so the deploy would fail at the user store's table ` +
            `(which keeps ${was} whatever the config says); keep ${was}: it costs nothing more once raised`,
        );
    }
    const raised = a.warmThroughput.readUnitsPerSecond > b.warmThroughput.readUnitsPerSecond || a.warmThroughput.writeUnitsPerSecond > b.warmThroughput.writeUnitsPerSecond;
    const soon = after.matchday.schedule.windows.find((w) => w.releaseAt.getTime() > now.getTime() && w.preWarmAt.getTime() - now.getTime() < PRE_WARM_LEAD_HOURS * 3_600_000);
    if (raised && soon !== undefined) {
        out.push(
            `the user store's warm throughput rises (reads ${b.warmThroughput.readUnitsPerSecond} -> ${a.warmThroughput.readUnitsPerSecond}, writes ${b.warmThroughput.writeUnitsPerSecond} -> ${a.warmThroughput.writeUnitsPerSecond}) ` +
            `less than ${PRE_WARM_LEAD_HOURS} hours before ${quoted(soon.fixtures)} (pre-warm ${at(soon.preWarmAt)}): AWS pre-warms a table over time (it advises a day ahead), ` +
            `so the new figure may not be ready at kickoff; deploy it now all the same (the table serves throughout), and raise it earlier next time`,
        );
    }
    if (a.recoveryDays < b.recoveryDays) {
        out.push(
            `${key("userStoreRecoveryDays")} ${b.recoveryDays} -> ${a.recoveryDays}: the deploy shortens point-in-time recovery at once; ` +
            `the moments older than ${a.recoveryDays} days can no longer be restored`,
        );
    }
    const promoted = (u: typeof a) => (u.restore?.promote ? u.restore.label : undefined);
    if (promoted(a) !== promoted(b)) {
        out.push(
            promoted(a) !== undefined
                ? `${key("userStorePromoteRestore")}: clients switch to the restored table (restore "${promoted(a)}") at their next boot; running instances keep the table they read at boot until they are replaced, so plan an instance refresh outside a match window`
                : `the promoted restore "${promoted(b)}" is no longer promoted: clients switch back to the live table at their next boot; running instances keep the table they read at boot until they are replaced`,
        );
    }
    return out;
}

/**
 * Hours ahead of a window's pre-warm that a raise of the store's warm throughput should be
 * deployed: AWS's guide to pre-warming an on-demand table says to start at least 24 hours
 * before the peak ("Pre-warming a table for on-demand capacity mode", read 2026-12-07).
 */
export const PRE_WARM_LEAD_HOURS = 24;

/** Names of administrator-owned resources (AccessControl) this edit adds, removes or changes. */
export function administratorOwnedChanges(before: WarningSide, after: WarningSide): string[] {
    const prefix = after.settings.access?.namePrefix;
    if (prefix === undefined) return [];
    const owned = (side: WarningSide) =>
        new Map(side.resources.filter((r) => administratorOwnedResource(r, prefix)).map((r) => [r.urn, JSON.stringify(r.inputs)] as const));
    const b = owned(before);
    const a = owned(after);
    const changed = [...new Set([...a.keys(), ...b.keys()])].filter((urn) => a.get(urn) !== b.get(urn));
    return changed.map((urn) => urn.split("::").pop()!).sort();
}
