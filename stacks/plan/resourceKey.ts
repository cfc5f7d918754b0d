/** How a declared resource is recognised across two plans (two stacks, or one stack before and after an edit). */

/** A resource's identity across stacks: its URN without the stack and project (`<type chain>::<name>`). */
export function stackFreeKey(urn: string): string {
    return urn.split("::").slice(2).join("::");
}
