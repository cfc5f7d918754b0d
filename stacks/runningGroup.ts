/**
 * Reads the web tier's Auto Scaling group as it runs now, at deploy time: its desired
 * capacity decides how a raised `desiredCapacity` in the stack config reaches a running
 * fleet (see `raiseOnlyDesiredCapacity` in the web tier).
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/**
 * The `tag:<key>` filters that find this stack's group: every tag the stack puts on
 * its resources (project, stack, manager) and the tier's `Name` tag. Existing groups
 * carry these tags from their first deploy, so no new tag is needed to find them.
 */
export function runningGroupFilters(stackTags: Record<string, string>, nameTag: string): { name: string; values: string[] }[] {
    return Object.entries({ ...stackTags, Name: nameTag })
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ name: `tag:${key}`, values: [value] }));
}

/**
 * The desired capacity of the running group (the largest, should the filters ever
 * match more than one), or undefined when none exists yet (a first deploy).
 */
export function runningDesiredCapacity(stackTags: Record<string, string>, nameTag: string, opts?: pulumi.InvokeOutputOptions): pulumi.Output<number | undefined> {
    // `getAmiIds` is @pulumi/aws v7's name for the groups data source (aws_autoscaling_groups).
    return aws.autoscaling.getAmiIdsOutput({ filters: runningGroupFilters(stackTags, nameTag) }, opts).names.apply(async (names) => {
        if (names.length === 0) return undefined;
        const groups = await Promise.all(names.map((name) => aws.autoscaling.getGroup({ name }, opts)));
        return Math.max(...groups.map((g) => g.desiredCapacity));
    });
}
