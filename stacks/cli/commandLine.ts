/** What the project's commands (plan, capacity, bench) share: argument parsing, --now, exits. */
import { parseArgs, ParseArgsConfig } from "node:util";
import { parseKickoff } from "../capacity/kickoffTime";

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

/** The --now option: ISO 8601 with Z or an offset; absent means the real clock; undefined when malformed. */
export function nowOption(text: string | undefined): Date | undefined {
    return text === undefined ? new Date() : parseKickoff(text);
}

export const NOW_HELP = "plan as a deploy at this time would (ISO 8601 with Z or an offset); default: now";

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
