/**
 * Golden images of the web tier: a Data Lifecycle Manager policy (IMAGE_MANAGEMENT) that
 * makes AMIs of the instances tagged as the golden image and keeps the last N, as data.
 */

/** Every N hours from a time of day (UTC), DLM's interval schedule. */
export interface GoldenImageIntervalSchedule {
    /** Hours between images: 1, 2, 3, 4, 6, 8, 12 or 24. Required. */
    everyHours: number;
    /** First image of the day, `"hh:mm"` UTC (DLM starts within the hour after it). Required. */
    at: string;
}

export interface GoldenImageArgs {
    /** Tag key on the instance(s) to image, e.g. `"kgsports:golden-image"`. Required. */
    tagKey: string;
    /** Tag value, e.g. `"web"`. Required. */
    tagValue: string;
    /**
     * When to make an image: an AWS cron expression read in UTC (DLM has no time zone),
     * runs at least an hour apart, e.g. `"cron(0 4 ? * MON *)"`, or an interval
     * schedule `{everyHours, at}`. Required.
     */
    schedule: string | GoldenImageIntervalSchedule;
    /** Images to keep, 1 to 1000 (DLM deregisters the oldest beyond it). Required. */
    retainCount: number;
    /**
     * Make images without rebooting the instance (file systems are not quiesced; the
     * image is crash-consistent). Default `true`.
     */
    noReboot?: boolean;
    /**
     * Minutes an image takes once DLM starts it, for the match-window check only (DLM
     * starts within 60 minutes of the scheduled time; this comes on top). Default `60`.
     */
    imageMinutes?: number;
}

export const DEFAULT_IMAGE_MINUTES = 60;
/** DLM starts a scheduled operation within an hour of its time. */
export const DLM_START_WINDOW_MINUTES = 60;
/** Name of the policy's one schedule (DLM: letters, digits, spaces, `_` and `-`). */
export const GOLDEN_IMAGE_SCHEDULE_NAME = "golden-image";
/** Tag DLM puts on every image: the instance it was made from. */
export const SOURCE_INSTANCE_TAG_KEY = "kgsports:source-instance";
/** Tag DLM puts on every image: which stack's policy made it (`<prefix>-golden-image`). */
export const IMAGE_MADE_BY_TAG_KEY = "kgsports:made-by";

/** The DLM create rule: a cron expression, or an interval from a time. */
export function decideCreateRule(schedule: GoldenImageArgs["schedule"]): { cronExpression: string } | { interval: number; intervalUnit: "HOURS"; times: string } {
    if (typeof schedule === "string") return { cronExpression: schedule };
    return { interval: schedule.everyHours, intervalUnit: "HOURS", times: schedule.at };
}

/** The same schedule as an AWS cron expression in UTC (an interval from a time: those hours each day). */
export function goldenImageCron(schedule: GoldenImageArgs["schedule"]): string {
    if (typeof schedule === "string") return schedule;
    const [hh, mm] = schedule.at.split(":").map(Number);
    const hours: number[] = [];
    for (let h = hh % schedule.everyHours; h < 24; h += schedule.everyHours) hours.push(h);
    return `cron(${mm} ${hours.join(",")} * * ? *)`;
}

/** `policyDetails` of the `aws.dlm.LifecyclePolicy`, in the provider's shape. */
export function decideGoldenImagePolicy(args: GoldenImageArgs, madeBy: string) {
    return {
        policyType: "IMAGE_MANAGEMENT",
        resourceTypes: ["INSTANCE"],
        targetTags: { [args.tagKey]: args.tagValue },
        parameters: { noReboot: args.noReboot ?? true },
        schedules: [{
            name: GOLDEN_IMAGE_SCHEDULE_NAME,
            copyTags: true,
            createRule: decideCreateRule(args.schedule),
            retainRule: { count: args.retainCount },
            tagsToAdd: { [IMAGE_MADE_BY_TAG_KEY]: madeBy },
            variableTags: { [SOURCE_INSTANCE_TAG_KEY]: "$(instance-id)" },
        }],
    };
}
