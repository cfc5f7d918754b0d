/**
 * The program a real `pulumi up` runs, and the offline plan runs under mocks: read the
 * stack's config, validate all of it, and only then compose the platform.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { composePlatform, PlatformOutputs } from "./compose";
import { formatConfigProblems, validateStackConfig, ValidationDeps, ValidationResult } from "./config/validate";

/** The folder that holds Pulumi.yaml. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");

/** Reads files relative to the project root, refusing paths that leave it. */
export function projectFileReader(root: string = PROJECT_ROOT): Pick<ValidationDeps, "readProjectFile"> {
    return {
        readProjectFile(relativePath: string): string | undefined {
            const resolved = path.resolve(root, relativePath);
            if (path.isAbsolute(relativePath) || !resolved.startsWith(root + path.sep)) return undefined;
            try {
                return fs.readFileSync(resolved, "utf8");
            } catch {
                return undefined;
            }
        },
    };
}

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
