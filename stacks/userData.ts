/**
 * The user data file is a template: `{{appPort}}`, `{{healthCheckPath}}`,
 * `{{lifecycleHookName}}`, `{{agentConfigParameter}}` and `{{userStoreParameterPath}}` are filled in from the stack
 * config and the components, so the script, the load balancer, the group and the
 * monitoring cannot disagree.
 */

export interface UserDataValues {
    appPort: number;
    healthCheckPath: string;
    lifecycleHookName: string;
    /** The SSM parameter with the CloudWatch agent's configuration ("" when none). */
    agentConfigParameter: string;
    /** The SSM path of the UserStore's parameters (its table's name, its endpoint's URL), "" when none. */
    userStoreParameterPath: string;
}

/** The placeholders a user data template may use. */
export const USER_DATA_PLACEHOLDERS: readonly (keyof UserDataValues)[] = ["appPort", "healthCheckPath", "lifecycleHookName", "agentConfigParameter", "userStoreParameterPath"];

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Placeholders in the template that no value fills. */
export function unknownUserDataPlaceholders(template: string): string[] {
    const known: string[] = [...USER_DATA_PLACEHOLDERS];
    return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !known.includes(n));
}

export function renderUserData(template: string, values: UserDataValues): string {
    return template.replace(PLACEHOLDER, (whole, name: string) =>
        name in values ? String(values[name as keyof UserDataValues]) : whole,
    );
}
