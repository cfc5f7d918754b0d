/**
 * The project's folder and a reader of the files in it: no Pulumi, so the CLIs that only
 * read and validate a stack's config (freeze-check, capacity) need not load the SDK.
 */
import * as fs from "fs";
import * as path from "path";
import type { ValidationDeps } from "./config/validate";

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
