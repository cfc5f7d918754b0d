/**
 * The text diff as sections in the order an operator decides on them, and the cut that
 * fits it into a character budget (a pull request comment): whole lines of the least
 * important section go first, and a line says what was left out and how to see it. The
 * summary, scheduled actions and warnings are cut only as a last resort, when they alone
 * are over the budget: the text never is. Pure.
 */

/** One section of the text diff. */
export interface DiffSection {
    /** How the left-out line names it: `other resources`, `notes`, `scheduled actions`. */
    name: string;
    /** Lines shown before the section's lines when it has any (a blank line and a heading). */
    heading: string[];
    lines: string[];
    /**
     * Undefined: never cut but by the last fallback (the header and its NO CAPACITY lines).
     * A number: cut before any section with a higher one (1 first).
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
 * The sections as text within `maxChars` characters: whole lines from the end of the
 * lowest-`cutOrder` section first, then the next; each cut section ends with its
 * {@link leftOutLine}. A section is cut only when that makes it shorter (a marker can be
 * longer than a short section). When the sections without a `cutOrder` alone are over the
 * budget, whole lines from the end of the text go, then a line says so; when not even that
 * line fits, as many whole lines as do (possibly none).
 */
export function fitSections(sections: readonly DiffSection[], maxChars: number, rerun: string): string {
    // Text that fits is cut nowhere: no section is cut while the total is within the budget.
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
        const whole = lengths[i];
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
        // Cut to nothing and still no shorter (a short section, a long marker): its lines say more.
        if (lengths[i] >= whole) {
            kept[i] = s.lines.length;
            keptChars[i] = linesChars(s, 0, s.lines.length);
            lengths[i] = whole;
        }
    }
    const text = sections.flatMap((_, i) => partLines(i));
    return total() <= maxChars ? text.join("\n") : lastLines(text, maxChars, rerun);
}

/** Whole lines from the start of `lines` and a line saying how many more there were, within `maxChars`. */
function lastLines(lines: readonly string[], maxChars: number, rerun: string): string {
    const size = (from: number, to: number) => lines.slice(from, to).reduce((n, l) => n + l.length + 1, 0);
    // The longest prefix that fits with its marker after it; without the marker when not even one line and the marker fit.
    // Stryker disable next-line ArithmeticOperator: equivalent; the text is over the budget, so keeping all its lines (or more) never fits
    for (let keep = lines.length - 1; keep >= 0; keep--) {
        const marker = leftOutLine("the diff", lines.length - keep, size(keep, lines.length) - 1, rerun);
        if (size(0, keep) + marker.length <= maxChars) return [...lines.slice(0, keep), marker].join("\n");
    }
    let keep = 0;
    while (keep < lines.length && size(0, keep + 1) - 1 <= maxChars) keep++;
    return lines.slice(0, keep).join("\n");
}
