/**
 * The program a real `pulumi up` runs, and the offline plan runs under mocks: read the
 * stack's config, validate all of it, and only then compose the platform.
 */
import * as pulumi from "@pulumi/pulumi";
import { composePlatform, PlatformOutputs } from "./compose";
import { projectFileReader } from "./projectFiles";
import { formatConfigProblems, validateStackConfig, ValidationResult } from "./config/validate";

export { PROJECT_ROOT, projectFileReader } from "./projectFiles";

export interface RunOptions {
    /** Keys whose values are offline placeholders for `secure:` values (offline plan only). */
    placeholderKeys?: readonly string[];
    /** The clock fixtures are planned from. Default: now. */
    now?: Date;
    /** Folder of Pulumi.yaml. Default: {@link PROJECT_ROOT}. */
    root?: string;
}

/** Validates the config the Pulumi runtime holds for the current stack. */
export function validateRuntimeConfig(options: RunOptions = {}): ValidationResult {
    return validateStackConfig(
        { project: pulumi.getProject(), stack: pulumi.getStack(), values: pulumi.runtime.allConfig(), placeholderKeys: options.placeholderKeys },
        { ...projectFileReader(options.root), now: options.now ?? new Date() },
    );
}

/**
 * Runs the program. Invalid config ends it with a `RunError`: Pulumi prints the
 * message alone (no stack trace) and nothing has been declared.
 */
export function runProgram(options: RunOptions = {}): PlatformOutputs {
    const stack = pulumi.getStack();
    const result = validateRuntimeConfig(options);
    if (!result.ok) throw new pulumi.RunError(formatConfigProblems(stack, result.problems, `Pulumi.${stack}.yaml`));
    for (const note of result.notes) pulumi.log.info(note);
    return composePlatform(result.settings);
}
