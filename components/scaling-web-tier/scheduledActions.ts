/**
 * One-time scheduled actions of the group (pre-warming before a match, releasing
 * after it), checked and turned into provider inputs. Pure.
 */

/** AWS's limit of scheduled actions per Auto Scaling group. */
export const MAX_SCHEDULED_ACTIONS = 125;

/**
 * The provider's value for "leave this size alone". An omitted size defaults to 0,
 * which would empty the group; this is why every size is always sent.
 */
export const UNCHANGED_SIZE = -1;

export interface WebTierScheduledAction {
    /** Unique within the group; letters, digits and hyphens, at most 200 characters. Also part of the child's name. */
    name: string;
    /** When it runs: UTC `YYYY-MM-DDThh:mm:ssZ`, in the future when deployed. */
    startTime: string;
    /** New minimum size. Default: unchanged. */
    minSize?: number;
    /** New maximum size. Default: unchanged. */
    maxSize?: number;
    /** New desired capacity. Default: unchanged. */
    desiredCapacity?: number;
}

const UTC_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Problems with a group's scheduled actions against its declared maximum. */
export function scheduledActionProblems(actions: WebTierScheduledAction[], groupMax: number): string[] {
    const problems: string[] = [];
    if (actions.length > MAX_SCHEDULED_ACTIONS) {
        problems.push(`scheduledActions: ${actions.length} actions; AWS allows at most ${MAX_SCHEDULED_ACTIONS} per group`);
    }
    const seen = new Set<string>();
    for (const a of actions) {
        if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,199}$/.test(a.name)) problems.push(`scheduled action "${a.name}": name must be letters, digits and hyphens, at most 200 characters`);
        if (seen.has(a.name)) problems.push(`scheduled action "${a.name}": name used twice`);
        seen.add(a.name);
        if (!UTC_SECOND.test(a.startTime) || Number.isNaN(Date.parse(a.startTime))) {
            problems.push(`scheduled action "${a.name}": startTime "${a.startTime}" must be UTC YYYY-MM-DDThh:mm:ssZ`);
        }
        const sizes = { minSize: a.minSize, maxSize: a.maxSize, desiredCapacity: a.desiredCapacity };
        if (Object.values(sizes).every((v) => v === undefined)) problems.push(`scheduled action "${a.name}": changes no size`);
        for (const [field, value] of Object.entries(sizes)) {
            if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > groupMax)) {
                problems.push(`scheduled action "${a.name}": ${field} = ${value} must be a whole number from 0 to the group's max (${groupMax})`);
            }
        }
    }
    return problems;
}

/** The sizes as the provider takes them: every one sent, UNCHANGED_SIZE where the action leaves it alone. */
export function scheduledSizes(a: WebTierScheduledAction): { minSize: number; maxSize: number; desiredCapacity: number } {
    return {
        minSize: a.minSize ?? UNCHANGED_SIZE,
        maxSize: a.maxSize ?? UNCHANGED_SIZE,
        desiredCapacity: a.desiredCapacity ?? UNCHANGED_SIZE,
    };
}
