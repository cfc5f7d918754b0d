/**
 * The user data file is a template: `{{appPort}}` and `{{healthCheckPath}}` are filled
 * in from the stack config, so the script and the load balancer cannot disagree.
 */

export interface UserDataValues {
    appPort: number;
    healthCheckPath: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in the template that no value fills. */
export function unknownUserDataPlaceholders(template: string): string[] {
    const known: string[] = ["appPort", "healthCheckPath"];
    return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !known.includes(n));
}

export function renderUserData(template: string, values: UserDataValues): string {
    return template.replace(PLACEHOLDER, (whole, name: string) =>
        name in values ? String(values[name as keyof UserDataValues]) : whole,
    );
}
