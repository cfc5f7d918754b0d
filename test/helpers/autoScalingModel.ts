/**
 * A model of what AWS and the Pulumi AWS provider do with the group's minimum and its
 * one-time scheduled actions across deploys, for tests of "a deploy never leaves a
 * match floor behind". It keeps the three things that differ in real life apart:
 *
 * - AWS: the group's real MinSize and the scheduled actions that have not run yet.
 *   An action runs at its start time (up to `lateMinutes` late, as AWS allows itself
 *   two minutes), sets MinSize, and is deleted by AWS.
 * - Pulumi's state: what the last deploy (or refresh) recorded.
 * - A deploy: optionally refreshes (state := AWS), asks the program what to declare at
 *   its start, and applies at its end (start + duration): the provider sends MinSize
 *   only when the declared value differs from the state; it creates declared actions
 *   that the state lacks (AWS refuses a start time that is not in the future), updates
 *   those whose start or size changed (the same rule), deletes actions the state has and
 *   the program no longer declares (a missing one is tolerated), and leaves unchanged
 *   ones alone (no API call).
 */

export interface ModelAction {
    startMs: number;
    minSize: number;
}

/** What the program declares for the group at a deploy's start. */
export interface Declared {
    minSize: number;
    actions: Map<string, ModelAction>;
}

export interface DeployOutcome {
    /** AWS refused a call (an action whose start time had passed); the deploy stopped there. */
    failed?: string;
    /** The API calls the provider made, for messages. */
    calls: string[];
}

const MINUTE = 60_000;

export class AutoScalingWorld {
    /** AWS's MinSize. */
    awsMin: number;
    /** Actions AWS still holds. */
    awsActions = new Map<string, ModelAction>();
    /** Pulumi's recorded state. */
    stateMin: number;
    stateActions = new Map<string, ModelAction>();
    /** The model's clock (ms): everything up to it has happened. */
    clock: number;
    /** MinSize at the end of every whole minute, from the first tick. */
    readonly history = new Map<number, number>();

    constructor(start: number, minSize: number, private readonly lateMinutes = 0) {
        this.clock = start;
        this.awsMin = minSize;
        this.stateMin = minSize;
    }

    /** Runs AWS until `to`: due actions fire in start order, `lateMinutes` after their start. */
    advance(to: number): void {
        for (let t = this.clock; t < to; t += MINUTE) {
            const next = Math.min(t + MINUTE, to);
            const due = [...this.awsActions.entries()]
                .filter(([, a]) => a.startMs + this.lateMinutes * MINUTE <= next)
                .sort(([, a], [, b]) => a.startMs - b.startMs);
            for (const [name, a] of due) {
                this.awsMin = a.minSize;
                this.awsActions.delete(name);
            }
            this.history.set(next, this.awsMin);
        }
        this.clock = Math.max(this.clock, to);
    }

    /** A `pulumi up` that starts at the model's clock and applies `durationMinutes` later. */
    deploy(program: (now: Date) => Declared, options: { refresh: boolean; durationMinutes: number }): DeployOutcome {
        const calls: string[] = [];
        if (options.refresh) {
            this.stateMin = this.awsMin;
            this.stateActions = new Map([...this.awsActions.entries()].map(([k, v]) => [k, { ...v }]));
        }
        const declared = program(new Date(this.clock));
        this.advance(this.clock + options.durationMinutes * MINUTE);
        const applyAt = this.clock;

        if (declared.minSize !== this.stateMin) {
            this.awsMin = declared.minSize;
            this.stateMin = declared.minSize;
            calls.push(`UpdateAutoScalingGroup MinSize=${declared.minSize}`);
        }
        for (const [name, a] of declared.actions) {
            const had = this.stateActions.get(name);
            if (had !== undefined && had.startMs === a.startMs && had.minSize === a.minSize) continue;
            if (a.startMs <= applyAt) {
                return { calls, failed: `PutScheduledUpdateGroupAction ${name}: start time ${new Date(a.startMs).toISOString()} is in the past` };
            }
            this.awsActions.set(name, { ...a });
            this.stateActions.set(name, { ...a });
            calls.push(`PutScheduledUpdateGroupAction ${name}`);
        }
        for (const name of [...this.stateActions.keys()]) {
            if (declared.actions.has(name)) continue;
            this.awsActions.delete(name);
            this.stateActions.delete(name);
            calls.push(`DeleteScheduledAction ${name}`);
        }
        return { calls };
    }

    /** MinSize at the end of the minute that ends at `at`. */
    minAt(at: number): number {
        const v = this.history.get(at);
        if (v === undefined) throw new Error(`no history at ${new Date(at).toISOString()}`);
        return v;
    }
}
