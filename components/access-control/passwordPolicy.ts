/**
 * The account password policy. It is an account-wide singleton: exactly one stack per
 * AWS account may manage it (`managePasswordPolicy`), or the stacks overwrite each
 * other on every deploy. Pure functions only.
 */

/** The password rules; every field is optional and defaults to the safe value. */
export interface PasswordPolicyArgs {
    /** Minimum length, 6 to 128 (AWS's limits). Default `14`. */
    minimumLength?: number;
    /** How many previous passwords a user may not reuse, 1 to 24. Default `24`. */
    reusePrevention?: number;
    /** Days until a password expires, 1 to 1095. Default `90`. */
    maxAgeDays?: number;
    /** Require an uppercase letter. Default `true`. */
    requireUppercase?: boolean;
    /** Require a lowercase letter. Default `true`. */
    requireLowercase?: boolean;
    /** Require a digit. Default `true`. */
    requireNumbers?: boolean;
    /** Require a symbol. Default `true`. */
    requireSymbols?: boolean;
    /** Let users change their own password (needed for the first sign-in). Default `true`. */
    allowUsersToChangePassword?: boolean;
    /**
     * After expiry, only an administrator can reset the password. Default `false`: an
     * expired user sets a new password at sign-in instead of being locked out.
     */
    hardExpiry?: boolean;
}

/** The inputs of `aws.iam.AccountPasswordPolicy`, all set. */
export interface DecidedPasswordPolicy {
    minimumPasswordLength: number;
    passwordReusePrevention: number;
    maxPasswordAge: number;
    requireUppercaseCharacters: boolean;
    requireLowercaseCharacters: boolean;
    requireNumbers: boolean;
    requireSymbols: boolean;
    allowUsersToChangePassword: boolean;
    hardExpiry: boolean;
}

export const DEFAULT_PASSWORD_POLICY: DecidedPasswordPolicy = {
    minimumPasswordLength: 14,
    passwordReusePrevention: 24,
    maxPasswordAge: 90,
    requireUppercaseCharacters: true,
    requireLowercaseCharacters: true,
    requireNumbers: true,
    requireSymbols: true,
    allowUsersToChangePassword: true,
    hardExpiry: false,
};

export function decidePasswordPolicy(args: PasswordPolicyArgs = {}): DecidedPasswordPolicy {
    const d = DEFAULT_PASSWORD_POLICY;
    return {
        minimumPasswordLength: args.minimumLength ?? d.minimumPasswordLength,
        passwordReusePrevention: args.reusePrevention ?? d.passwordReusePrevention,
        maxPasswordAge: args.maxAgeDays ?? d.maxPasswordAge,
        requireUppercaseCharacters: args.requireUppercase ?? d.requireUppercaseCharacters,
        requireLowercaseCharacters: args.requireLowercase ?? d.requireLowercaseCharacters,
        requireNumbers: args.requireNumbers ?? d.requireNumbers,
        requireSymbols: args.requireSymbols ?? d.requireSymbols,
        allowUsersToChangePassword: args.allowUsersToChangePassword ?? d.allowUsersToChangePassword,
        hardExpiry: args.hardExpiry ?? d.hardExpiry,
    };
}

/** Problems with the password rules (AWS's limits), or none. */
export function passwordPolicyProblems(args: PasswordPolicyArgs = {}, field = "passwordPolicy"): string[] {
    const problems: string[] = [];
    const ranges: [keyof PasswordPolicyArgs, number, number][] = [
        ["minimumLength", 6, 128],
        ["reusePrevention", 1, 24],
        ["maxAgeDays", 1, 1095],
    ];
    for (const [key, min, max] of ranges) {
        const value = args[key];
        if (value !== undefined && (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)) {
            problems.push(`${field}.${key} = ${value}: must be a whole number from ${min} to ${max}`);
        }
    }
    return problems;
}
