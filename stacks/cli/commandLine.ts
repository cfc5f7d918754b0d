/** What the project's commands (plan, capacity, bench) share: argument parsing, --now, exits. */
import * as path from "path";
import { parseArgs, ParseArgsConfig } from "node:util";
import { DEFAULT_DISPLAY_TIME_ZONE, isKnownTimeZone, suggestTimeZone } from "../capacity/displayTime";
import { NOW_EXAMPLE, parseKickoff, readNowTime } from "../capacity/kickoffTime";
// Only fs, path and yaml: reading the display zone must not load the Pulumi SDK.
import { readProjectFile, readStackConfig } from "../plan/stackFiles";

/** Options as node:util's parseArgs takes them. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

export type ParsedCommandLine = { ok: true; values: Record<string, string | boolean | undefined> } | { ok: false; exitCode: number };

/**
 * Parses argv strictly (no positionals, no unknown flags) with `--help` added. A usage
 * error prints the message and the usage to stderr (exit 2); `--help` prints the usage
 * to stdout (exit 0).
 */
export function parseCommandLine(argv: string[], options: CommandOptions, usage: string): ParsedCommandLine {
    let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
    try {
        values = parseArgs({
            args: argv,
            options: { ...options, help: { type: "boolean", short: "h", default: false } },
            strict: true,
            allowPositionals: false,
        }).values;
    } catch (e) {
        return usageError((e as Error).message, usage);
    }
    if (values.help) {
        process.stdout.write(`${usage}\n`);
        return { ok: false, exitCode: 0 };
    }
    return { ok: true, values: values as Record<string, string | boolean | undefined> };
}

/**
 * Takes the bare occurrences of `--<name>` out of argv: those followed by nothing, or
 * by another option (a token starting with `-`). node:util's parseArgs cannot give a
 * string option an optional value, so a command strips the bare form before parsing
 * strictly and decides what it means; `--<name> <value>` and `--<name>=<value>` are
 * left for parseArgs. Scanning stops at a `--` terminator.
 *
 * @returns argv without the bare occurrences, and how many there were
 */
export function takeBareOption(argv: readonly string[], name: string): { argv: string[]; bare: number } {
    const flag = `--${name}`;
    const out: string[] = [];
    let bare = 0;
    for (let i = 0; i < argv.length; i++) {
        const token = argv[i];
        if (token === "--") {
            out.push(...argv.slice(i));
            break;
        }
        const next = argv[i + 1];
        if (token === flag && (next === undefined || next.startsWith("-"))) {
            bare++;
            continue;
        }
        out.push(token);
        // A value is not an option: `--diff dev` keeps "dev" as --diff's value.
        if (token === flag && next !== undefined) {
            out.push(next);
            i++;
        }
    }
    return { argv: out, bare };
}

export function usageError(message: string, usage: string): { ok: false; exitCode: number } {
    process.stderr.write(`${message}\n\n${usage}\n`);
    return { ok: false, exitCode: 2 };
}

/** The folder of Pulumi.yaml (this file is stacks/cli/commandLine.ts). */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

/**
 * The stack's display zone as the stack file gives it (`<project>:displayTimeZone` in
 * Pulumi.<stack>.yaml or `configFile`, else Pulumi.yaml's default), read without the
 * Pulumi SDK; the default zone when the files cannot be read (loading the stack then
 * says why).
 */
export function stackDisplayTimeZone(stack: string, configFile?: string, root: string = PROJECT_ROOT): { zone: string; key: string } {
    try {
        const project = readProjectFile(root);
        const key = `${project.name}:displayTimeZone`;
        const zone = readStackConfig(root, project, stack, configFile).values[key];
        return { zone: zone ?? DEFAULT_DISPLAY_TIME_ZONE, key };
    } catch {
        return { zone: DEFAULT_DISPLAY_TIME_ZONE, key: "displayTimeZone" };
    }
}

/**
 * The --now of a command, or the exit code after saying what is wrong: absent means the
 * real clock; ISO 8601 with its offset as before; another readable date and time
 * (`2027-03-11 04:30`: without offset, read in the stack's display zone) with one line
 * on stderr saying how it was read. A refused --now is a usage error (exit 2); a
 * display zone the runtime does not know, when one is needed, invalid config (exit 1).
 */
export function nowFromCommandLine(text: string | undefined, target: { stack: string; configFile?: string }, usage: string): { ok: true; now: Date } | { ok: false; exitCode: number } {
    if (text === undefined) return { ok: true, now: new Date() };
    const strict = parseKickoff(text);
    if (strict !== undefined) return { ok: true, now: strict };
    const { zone, key } = stackDisplayTimeZone(target.stack, target.configFile);
    const known = isKnownTimeZone(zone);
    // Read in UTC first when the zone is unknown: only a time without offset needs it.
    const read = readNowTime(text, known ? zone : "UTC");
    if (!known && read.inDisplayZone === true) {
        const near = suggestTimeZone(zone);
        process.stderr.write(
            `--now "${text}" has no offset, so it is read in the stack's ${key}, but stack "${target.stack}" has ${key} = "${zone}", which is not a time zone the runtime knows` +
            `${near === undefined ? "" : ` (did you mean ${near}?)`}; ` +
            `give the offset (e.g. --now ${NOW_EXAMPLE}) or fix the key (allowed: an IANA time zone name such as Asia/Seoul, Europe/Paris or UTC)\n`,
        );
        return { ok: false, exitCode: 1 };
    }
    if (read.at === undefined) return usageError(read.problem, usage);
    if (read.readAs !== undefined) process.stderr.write(`${read.readAs}\n`);
    return { ok: true, now: read.at };
}

/** The forms --now takes, for a usage text (continuation lines indented to the option column). */
export const NOW_FORMS = `ISO 8601 with its offset (${NOW_EXAMPLE}) or Z, or a
                         local time such as "2027-03-11 04:30", read in the stack's displayTimeZone`;

export const NOW_HELP = `plan as a deploy at this time would: ${NOW_FORMS}; default: now`;

/** A reader that stops early (`| head`) is not an error. */
export function exitQuietlyOnClosedStdout(): void {
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "EPIPE") process.exit(0);
        throw e;
    });
}

/**
 * Exits once everything written to stdout and stderr has been handed to the OS. A
 * plain `process.exit` after a large write to a pipe cuts the output at 64 KiB (the
 * writes to a pipe are asynchronous), which would truncate `plan --json`; waiting for
 * the streams keeps the exit prompt even when the SDK leaves timers behind.
 */
export function exitAfterOutput(code: number): void {
    let pending = 2;
    const done = () => {
        pending -= 1;
        if (pending === 0) process.exit(code);
    };
    process.stdout.write("", done);
    process.stderr.write("", done);
}
