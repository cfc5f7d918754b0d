/**
 * Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI hands config to a
 * program: schema defaults first, the stack file over them, every value a string
 * (objects and lists as JSON), keys namespaced. `secure:` values cannot be decrypted
 * without the CLI, so they become placeholders and are listed.
 */
import * as fs from "fs";
import * as path from "path";
import { parseDocument } from "yaml";

export class StackFileError extends Error {}

export interface ProjectFile {
    name: string;
    /** Project config schema: key → { type, description, default }. */
    config: Record<string, { type?: string; description?: string; default?: unknown; items?: unknown; secret?: boolean }>;
}

export interface StackConfig {
    /** Full keys to string values. */
    values: Record<string, string>;
    /** Keys whose values are offline placeholders for `secure:` values. */
    placeholderKeys: string[];
    /** The stack file that was read. */
    source: string;
}

export const SECRET_PLACEHOLDER = "[secret: set with `pulumi config set --secret`; not readable offline]";

function readYaml(file: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new StackFileError(`cannot read ${file}`);
    }
    const doc = parseDocument(text, { prettyErrors: true });
    if (doc.errors.length > 0) {
        throw new StackFileError(`${file} is not valid YAML:\n${doc.errors.map((e) => `  ${e.message}`).join("\n")}`);
    }
    return doc.toJS() ?? {};
}

export function readProjectFile(root: string): ProjectFile {
    const file = path.join(root, "Pulumi.yaml");
    const doc = readYaml(file) as { name?: unknown; config?: unknown };
    if (typeof doc.name !== "string") throw new StackFileError(`${file}: "name" is missing`);
    const config = (doc.config ?? {}) as ProjectFile["config"];
    return { name: doc.name, config };
}

/** Stacks that have a Pulumi.<stack>.yaml in the project root. */
export function listStacks(root: string): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

function toConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function namespaced(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

/**
 * The config a program of `stack` would receive: Pulumi.yaml defaults plus the stack
 * file (or `configFile` instead of Pulumi.<stack>.yaml).
 */
export function readStackConfig(root: string, project: ProjectFile, stack: string, configFile?: string): StackConfig {
    const file = configFile ? path.resolve(configFile) : path.join(root, `Pulumi.${stack}.yaml`);
    if (!configFile && !fs.existsSync(file)) {
        const known = listStacks(root);
        throw new StackFileError(
            `no stack file Pulumi.${stack}.yaml in ${root}; stacks here: ${known.join(", ") || "none"} (or pass --config-file)`,
        );
    }
    const doc = readYaml(file) as { config?: unknown };
    if (doc.config !== undefined && (typeof doc.config !== "object" || doc.config === null || Array.isArray(doc.config))) {
        throw new StackFileError(`${file}: "config" must be a map of keys to values`);
    }
    const values: Record<string, string> = {};
    for (const [key, schema] of Object.entries(project.config)) {
        if (schema && typeof schema === "object" && "default" in schema) {
            values[namespaced(project.name, key)] = toConfigString(schema.default);
        }
    }
    const placeholderKeys: string[] = [];
    for (const [key, value] of Object.entries((doc.config ?? {}) as Record<string, unknown>)) {
        const full = namespaced(project.name, key);
        if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
            values[full] = SECRET_PLACEHOLDER;
            placeholderKeys.push(full);
        } else if (value === null || value === undefined) {
            throw new StackFileError(`${file}: ${full} has no value`);
        } else {
            values[full] = toConfigString(value);
        }
    }
    return { values, placeholderKeys, source: path.relative(process.cwd(), file) || file };
}
