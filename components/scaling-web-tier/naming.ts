/**
 * Name rules for the tier's children. Load balancers and target groups allow 32
 * characters; Pulumi's auto-naming adds a dash and 7 random characters, which is what
 * lets a replacement be created before the old one is deleted. So the logical names
 * must leave room for that suffix.
 */

const AWS_ELB_NAME_LIMIT = 32;
const AUTONAME_SUFFIX_LENGTH = 8; // "-" + 7 random characters
/** The longest child-role suffix the tier uses for an ELB resource ("-alb", "-tg"). */
const LONGEST_ELB_ROLE = "-alb".length;

/** Longest component name whose load balancer and target group auto-names still fit. */
export const MAX_TIER_NAME_LENGTH = AWS_ELB_NAME_LIMIT - AUTONAME_SUFFIX_LENGTH - LONGEST_ELB_ROLE;

/** Problems with a tier's name, or none. */
export function tierNameProblems(name: string): string[] {
    const problems: string[] = [];
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?$/.test(name)) {
        problems.push(`name "${name}": letters, digits and inner hyphens only (load balancer naming rules)`);
    }
    if (name.length > MAX_TIER_NAME_LENGTH) {
        problems.push(
            `name "${name}" is ${name.length} characters: at most ${MAX_TIER_NAME_LENGTH}, so that the auto-named load balancer and target group fit AWS's ${AWS_ELB_NAME_LIMIT}`,
        );
    }
    return problems;
}
