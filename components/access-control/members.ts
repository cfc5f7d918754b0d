/**
 * Who is in which human group. The lists are the whole truth: each group's membership
 * is declared with one exclusive `aws.iam.GroupMembership`, so a user added by hand is
 * removed by the next `pulumi up --refresh`. Pure functions only.
 */
import { HumanGroupKey, userNameProblems } from "./naming";

/** The IAM user names (of existing users) in each human group. */
export type GroupMembers = Record<HumanGroupKey, readonly string[]>;

/** The arg that holds each group's list, for messages. */
export const MEMBER_FIELDS: Record<HumanGroupKey, string> = {
    administrators: "administrators",
    operators: "operators",
    "read-only": "readOnly",
};

/**
 * Problems with the member lists: malformed user names, a user listed twice, a user
 * in two groups (IAM user names are case-insensitive, so `Ana` and `ana` are one user),
 * and no administrator at all (the list is exclusive: empty would remove every
 * administrator on deploy).
 */
export function memberProblems(members: GroupMembers): string[] {
    const problems: string[] = [];
    const groupsOf = new Map<string, { user: string; fields: string[] }>();
    for (const [key, field] of Object.entries(MEMBER_FIELDS) as [HumanGroupKey, string][]) {
        const seenHere = new Set<string>();
        for (const user of members[key]) {
            problems.push(...userNameProblems(user, field));
            const id = user.toLowerCase();
            if (seenHere.has(id)) {
                problems.push(`${field}: "${user}" is listed twice`);
                continue;
            }
            seenHere.add(id);
            const entry = groupsOf.get(id) ?? { user, fields: [] };
            entry.fields.push(field);
            groupsOf.set(id, entry);
        }
    }
    for (const { user, fields } of groupsOf.values()) {
        if (fields.length > 1) {
            problems.push(`user "${user}" is in ${fields.join(" and ")}: a person belongs to exactly one group`);
        }
    }
    if (members.administrators.length === 0) {
        problems.push("administrators: at least one user (membership is exclusive, so an empty list removes every administrator)");
    }
    return problems;
}
