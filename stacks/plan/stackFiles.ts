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
        throw new StackFileError(describeYamlErrors(shownPath(file), text, doc.errors));
    }
    return doc.toJS() ?? {};
}

/** A file as a person finds it: relative to the working directory when it is inside it, else as given. */
function shownPath(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** A YAML error as the yaml library reports it: a code, the message, and 1-based line and column of its start. */
export interface YamlErrorLike {
    code: string;
    message: string;
    linePos?: [{ line: number; col: number }, ...{ line: number; col: number }[]];
}

/**
 * What a person needs from a file's YAML errors, in one message. A tab in the
 * indentation makes the parser report several errors for one keystroke (the tab, then
 * the keys it broke): it is one message naming the line and column and the indentation
 * the neighbouring lines use. Any other error: the first one with its line and column
 * and the parser's excerpt, and how many more follow (often consequences of the first).
 */
export function describeYamlErrors(file: string, text: string, errors: readonly YamlErrorLike[]): string {
    const lines = text.split(/\r?\n/);
    const tabs = errors.filter((e) => e.code === "TAB_AS_INDENT" && e.linePos !== undefined);
    if (tabs.length > 0) {
        const tabLines = [...new Set(tabs.map((e) => e.linePos![0].line))].sort((a, b) => a - b);
        const { line, col } = tabs.find((e) => e.linePos![0].line === tabLines[0])!.linePos![0];
        const around = neighbourIndent(lines, line - 1);
        // The parser's errors after a tab are mostly the keys it broke: the errors that count are
        // those left once the tabs are replaced with the indentation around them.
        const fixed = lines.map((l, i) => (tabLines.includes(i + 1) ? `${" ".repeat(neighbourIndent(lines, i) ?? 0)}${l.replace(/^[ \t]*/, "")}` : l)).join("\n");
        const others = parseDocument(fixed, { prettyErrors: true }).errors;
        return (
            `${file} line ${line}, column ${col}: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces` +
            `${around === undefined ? "" : ` (the lines around it use ${around})`}` +
            `${tabLines.length > 1 ? `; tabs also on line${tabLines.length > 2 ? "s" : ""} ${tabLines.slice(1).join(", ")}` : ""}` +
            `${others.length > 0 ? `; with the tabs replaced, ${others.length} other YAML error${others.length > 1 ? "s" : ""}, the first: ${whereAndWhat(others[0])}` : ""}`
        );
    }
    const first = errors[0];
    const more = errors.length - 1;
    return `${file} is not valid YAML: ${whereAndWhat(first)}${more > 0 ? `\n  (and ${more} more YAML error${more > 1 ? "s" : ""} after it, often caused by this one: fix it first)` : ""}`;
}

/** "line 3, column 1: <what>" plus the parser's excerpt, indented. */
function whereAndWhat(e: YamlErrorLike): string {
    const [head, ...excerpt] = e.message.split(/:\n\n/);
    const what = head.replace(/ at line \d+, column \d+$/, "");
    const at = e.linePos === undefined ? "" : `line ${e.linePos[0].line}, column ${e.linePos[0].col}: `;
    const shown = excerpt.join(":\n\n").replace(/\s+$/, "");
    return `${at}${what}${shown === "" ? "" : `\n${shown.split("\n").map((l) => `    ${l}`).join("\n")}`}`;
}

/** The indentation (spaces) of the nearest non-blank, non-comment line without a tab before `index`, else after it. */
function neighbourIndent(lines: readonly string[], index: number): number | undefined {
    const indentOf = (l: string) => (/^\t/.test(l) || /^\s*(#|$)/.test(l) || /^ *\t/.test(l) ? undefined : /^ */.exec(l)![0].length);
    for (let i = index - 1; i >= 0; i--) {
        const n = indentOf(lines[i]);
        if (n !== undefined) return n;
    }
    for (let i = index + 1; i < lines.length; i++) {
        const n = indentOf(lines[i]);
        if (n !== undefined) return n;
    }
    return undefined;
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
