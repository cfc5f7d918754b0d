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
