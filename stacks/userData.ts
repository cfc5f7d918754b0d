/**
 * The user data file is a template: `{{appPort}}`, `{{healthCheckPath}}` and
 * `{{lifecycleHookName}}` are filled in from the stack config and the web tier, so the
 * script, the load balancer and the group cannot disagree.
 */

export interface UserDataValues {
    appPort: number;
    healthCheckPath: string;
    lifecycleHookName: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in the template that no value fills. */
export function unknownUserDataPlaceholders(template: string): string[] {
    const known: string[] = ["appPort", "healthCheckPath", "lifecycleHookName"];
    return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !known.includes(n));
}

export function renderUserData(template: string, values: UserDataValues): string {
    return template.replace(PLACEHOLDER, (whole, name: string) =>
        name in values ? String(values[name as keyof UserDataValues]) : whole,
    );
}
