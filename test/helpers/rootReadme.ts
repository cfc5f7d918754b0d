/**
 * The project README as tests read it: its text with line breaks and runs of spaces
 * folded (so a claim may wrap anywhere), its "Stack config" key table parsed into rows,
 * and figures written as a person reads them ("15 000").
 */
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.join(__dirname, "..", "..");

/** The README's text, read afresh on each call (the tests compare it with the code). */
export function readmeText(): string {
    return fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
}

/** The README's text on one line: a sentence matches however the paragraph wraps. */
export function readmeFlat(): string {
    return readmeText().replace(/\s+/g, " ");
}

/** A whole number as the README writes figures of viewers and instances: groups of three digits apart ("2 000", "15 000", "1 620"). */
export function figure(n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`figure(${n}): a whole number`);
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** A duration in minutes as the README and the plan write it: "4 h 55 min". */
export function hoursAndMinutes(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** One row of the README's stack config table. */
export interface KeyTableRow {
    /** The row as written. */
    line: string;
    /** The keys the row documents (a row may document several: `a` / `b`). */
    keys: string[];
    type: string;
    /** The default column. */
    default: string;
    /** The "meaning and limits" column. */
    meaning: string;
}

/**
 * The rows of the table under "## Stack config" that document keys; the section rows
 * (`| **Access control** | ...`) are left out.
 */
export function stackConfigTable(text: string = readmeText()): KeyTableRow[] {
    const section = text.slice(text.indexOf("\n## Stack config"));
    const start = section.indexOf("| key | type | default | meaning and limits |");
    if (start < 0) throw new Error('README.md: no "| key | type | default | meaning and limits |" table under "## Stack config"');
    const rows: KeyTableRow[] = [];
    for (const line of section.slice(start).split("\n").slice(2)) {
        if (!line.startsWith("|")) break;
        const cells = splitRow(line);
        if (cells[0].startsWith("**")) continue;
        rows.push({ line, keys: codeSpans(cells[0]), type: cells[1], default: cells[2], meaning: cells[3] });
    }
    return rows;
}

/** The cells of a table row; a `|` inside a code span is not a cell border. */
function splitRow(line: string): string[] {
    const cells: string[] = [];
    let cell = "";
    let inCode = false;
    for (const ch of line.slice(1, line.trimEnd().length - 1)) {
        if (ch === "`") inCode = !inCode;
        if (ch === "|" && !inCode) {
            cells.push(cell.trim());
            cell = "";
        } else cell += ch;
    }
    cells.push(cell.trim());
    return cells;
}

/** The code spans of a cell, in order. */
export function codeSpans(cell: string): string[] {
    return [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1]);
}

/**
 * The code spans of a cell outside its parenthesised remarks: the values a default
 * column gives (`14` / `24` / `90`), without the ones a remark names
 * (`""` (the documented default for `instanceType` in `aws:region`) gives `""` only).
 * Parentheses inside a code span (`cron(0 13 ? * * *)`) are the value's own.
 */
export function valueSpans(cell: string): string[] {
    const out: string[] = [];
    let depth = 0;
    let code: string | undefined;
    for (const ch of cell) {
        if (code !== undefined) {
            if (ch === "`") {
                if (depth === 0) out.push(code);
                code = undefined;
            } else code += ch;
        } else if (ch === "`") code = "";
        else if (ch === "(") depth += 1;
        else if (ch === ")") depth = Math.max(0, depth - 1);
    }
    return out;
}
