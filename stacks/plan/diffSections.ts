/**
 * The text diff as sections in the order an operator decides on them, and the cut that
 * fits it into a character budget (a pull request comment): whole lines of the least
 * important section go first, the summary, scheduled actions and warnings never, and a
 * line says what was left out and how to see it. Pure.
 */

/** One section of the text diff. */
export interface DiffSection {
    /** How the left-out line names it: `other resources`, `notes`. */
    name: string;
    /** Lines shown before the section's lines when it has any (a blank line and a heading). */
    heading: string[];
    lines: string[];
    /**
     * Undefined: never cut (the header, the summary, scheduled actions, warnings). A
     * number: cut before any section with a higher one (1 first).
     */
    cutOrder?: number;
}

/** A line indented 4 spaces continues the line above it (a changed resource's settings): cut together. */
const CONTINUATION = /^ {4}/;

/** `12 345`: thousands apart, as the team writes numbers. */
export function groupedNumber(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** The left-out line of a section: how many lines, how many characters, and the command that shows them. */
export function leftOutLine(name: string, lines: number, chars: number, rerun: string): string {
    return `... ${groupedNumber(lines)} line${lines === 1 ? "" : "s"} of ${name} left out (${groupedNumber(chars)} characters): run ${rerun} for them`;
}

/** The sections as text: each non-empty section's heading then its lines. */
export function renderSections(sections: readonly DiffSection[]): string {
    return sections.flatMap((s) => (s.lines.length > 0 ? [...s.heading, ...s.lines] : [])).join("\n");
}

/**
 * The sections as text within `maxChars` characters when that can be done by cutting
 * cuttable sections: whole lines from the end of the lowest-`cutOrder` section first,
 * then the next; each cut section ends with its {@link leftOutLine}. The sections that
 * are never cut stay whole even when they alone are over the budget.
 */
export function fitSections(sections: readonly DiffSection[], maxChars: number, rerun: string): string {
    const full = renderSections(sections);
    if (full.length <= maxChars) return full;
    // How many lines of each section are kept; lengths are summed, not re-rendered, per cut line.
    const kept = sections.map((s) => s.lines.length);
    const linesChars = (s: DiffSection, from: number, to: number) => s.lines.slice(from, to).reduce((n, l) => n + l.length + 1, 0);
    const keptChars = sections.map((s) => linesChars(s, 0, s.lines.length));
    const partLines = (i: number): string[] => {
        const s = sections[i];
        const dropped = s.lines.length - kept[i];
        if (dropped === 0) return s.lines.length > 0 ? [...s.heading, ...s.lines] : [];
        const marker = leftOutLine(s.name, dropped, linesChars(s, kept[i], s.lines.length), rerun);
        return kept[i] > 0 ? [...s.heading, ...s.lines.slice(0, kept[i]), marker] : ["", marker];
    };
    // Each section's length with its newline after it; the last newline is not in the text.
    const partLength = (i: number): number => {
        const s = sections[i];
        const dropped = s.lines.length - kept[i];
        const heading = s.heading.reduce((n, l) => n + l.length + 1, 0);
        if (dropped === 0) return s.lines.length > 0 ? heading + keptChars[i] : 0;
        const marker = leftOutLine(s.name, dropped, linesChars(s, kept[i], s.lines.length), rerun).length + 1;
        return kept[i] > 0 ? heading + keptChars[i] + marker : 1 + marker;
    };
    const lengths = sections.map((_, i) => partLength(i));
    const total = () => lengths.reduce((n, l) => n + l, 0) - 1;
    const order = sections.map((s, i) => ({ s, i })).filter((x) => x.s.cutOrder !== undefined).sort((a, b) => a.s.cutOrder! - b.s.cutOrder!);
    for (const { s, i } of order) {
        const drop = () => {
            kept[i] -= 1;
            keptChars[i] -= s.lines[kept[i]].length + 1;
        };
        while (kept[i] > 0 && total() > maxChars) {
            drop();
            // Never keep a resource's head without its settings.
            while (kept[i] > 0 && CONTINUATION.test(s.lines[kept[i]])) drop();
            lengths[i] = partLength(i);
        }
        if (total() <= maxChars) break;
    }
    return sections.flatMap((_, i) => partLines(i)).join("\n");
}
