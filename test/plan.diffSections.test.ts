/**
 * The cut that fits the text diff in a pull request comment, at its edges: a budget the
 * summary, scheduled actions and warnings alone are over (issue 20: the comment always
 * fits; what must go goes in the order an operator can best spare it, and says so), and
 * a section too short to be worth its left-out line.
 */
import { expect } from "chai";
import { DiffSection, fitSections, renderSections } from "../stacks/plan/diffSections";
import { diffSections, PlanDiff } from "../stacks/plan/render";

const RERUN = "npm run plan -- --stack matchday --diff --base abc";
/** A left-out line: `... 3 lines of scheduled actions left out (1 234 characters): run <RERUN> for them`. */
const leftOut = (name: string) => new RegExp(`^\\.\\.\\. \\d+ lines? of ${name} left out \\([\\d ]+ characters\\): run ${RERUN.replace(/[-]/g, "\\-")} for them$`);

/** A diff whose summary, scheduled actions and warnings are long: 30 of each kind of line. */
function bigDiff(): PlanDiff {
    const urn = (name: string) => `urn:pulumi:matchday::kgsports::aws:autoscaling/schedule:Schedule::${name}`;
    const actions = Array.from({ length: 30 }, (_, i) => `prewarm-friendly-${i}`);
    return {
        project: "kgsports",
        stack: "matchday",
        against: "HEAD:Pulumi.matchday.yaml",
        added: actions.map(urn),
        removed: [],
        changed: [],
        warnings: ['NO CAPACITY: fixture "Past friendly" kicks off 2026-03-10 20:00Z: check the year', ...Array.from({ length: 29 }, (_, i) => `warning ${i}: maxSize ${"w".repeat(30)}`)],
        againstCommit: "0123456789abcdef",
        source: "Pulumi.matchday.yaml",
        scheduledActions: actions.map((a) => ({ change: "added" as const, name: a, urn: urn(a), from: null, to: null, line: `+ scheduled action ${a}: 2027-03-10 18:50Z (2027-03-11 03:50 Asia/Seoul)` })),
        fixtureChanges: Array.from({ length: 30 }, (_, i) => ({ change: "added" as const, name: `Friendly ${i}`, kickoff: "2027-03-10T20:00:00.000Z", fields: [], line: `+ fixture "Friendly ${i}": kickoff 2027-03-10 20:00Z` })),
        windowChanges: [],
        noCapacity: [{ fixture: "Past friendly", kickoff: "2026-03-10T20:00:00.000Z", reason: "past", change: "added", message: 'NO CAPACITY: fixture "Past friendly" kicks off 2026-03-10 20:00Z: check the year' }],
        notes: [],
    };
}

describe("fitting the diff when its summary, scheduled actions and warnings alone are over the budget", () => {
    const sections = diffSections(bigDiff());
    const full = renderSections(sections);
    const part = (name: string) => sections.find((s) => s.name === name)!;
    const headerLength = renderSections([part("header")]).length;
    const withoutActions = renderSections(sections.filter((s) => s.name !== "scheduled actions")).length;

    it("never longer than the budget, at any budget, in whole lines of the diff and left-out lines", () => {
        const fullLines = full.split("\n");
        for (let budget = 0; budget <= full.length + 10; budget += 37) {
            const text = fitSections(sections, budget, RERUN);
            expect(text.length, `budget ${budget}`).to.be.at.most(budget);
            for (const l of text.split("\n")) if (l !== "") expect(fullLines.includes(l) || /^\.\.\. \d+ lines? of /.test(l), l).to.equal(true);
        }
    });

    it("scheduled actions go first, by whole lines from the end, and the line names them and the command that shows them", () => {
        // Room for everything but about half the scheduled actions.
        const budget = withoutActions + 1200;
        const text = fitSections(sections, budget, RERUN);
        expect(text.length).to.be.at.most(budget);
        const lines = text.split("\n");
        for (const l of [...part("header").lines, ...part("summary").lines, ...part("warnings").lines]) expect(lines).to.include(l);
        const kept = part("scheduled actions").lines.filter((l) => lines.includes(l));
        expect(kept.length).to.be.greaterThan(0).and.below(30);
        expect(kept).to.deep.equal(part("scheduled actions").lines.slice(0, kept.length));
        const marker = lines.filter((l) => l.startsWith("... "));
        expect(marker).to.have.length(1);
        expect(marker[0]).to.match(leftOut("scheduled actions"));
        expect(marker[0]).to.contain(`... ${30 - kept.length} lines of scheduled actions left out`);
    });

    it("then the summary; warnings and the NO CAPACITY line are kept longest", () => {
        const warnings = renderSections([part("warnings")]).length;
        const budget = headerLength + warnings + 400;
        const text = fitSections(sections, budget, RERUN);
        expect(text.length).to.be.at.most(budget);
        const lines = text.split("\n");
        for (const l of [...part("header").lines, ...part("warnings").lines]) expect(lines).to.include(l);
        expect(lines.filter((l) => l.startsWith("+ scheduled action"))).to.deep.equal([]);
        expect(lines.find((l) => leftOut("scheduled actions").test(l)), text).to.contain("... 30 lines of scheduled actions left out");
        const kept = part("summary").lines.filter((l) => lines.includes(l));
        expect(kept).to.deep.equal(part("summary").lines.slice(0, kept.length));
        expect(lines.find((l) => leftOut("summary").test(l)), text).to.contain(`... ${31 - kept.length} lines of summary left out`);
    });

    it("warnings last among the sections: the NO CAPACITY warning is the last line to go", () => {
        const budget = headerLength + 700;
        const text = fitSections(sections, budget, RERUN);
        expect(text.length).to.be.at.most(budget);
        const lines = text.split("\n");
        expect(lines).to.include(part("header").lines[1]).and.include(part("warnings").lines[0]);
        expect(lines.find((l) => leftOut("warnings").test(l))).to.match(/^\.\.\. \d+ lines of warnings left out/);
    });
});

describe("a section too short to be worth its left-out line", () => {
    const sections = (): DiffSection[] => [
        { name: "header", heading: [], lines: ["Stack x: 1 added"] },
        { name: "notes", heading: ["", "Notes:"], lines: ["  - n"], cutOrder: 1 },
        { name: "other resources", heading: ["", "Other resources:"], lines: Array.from({ length: 10 }, (_, i) => `~ resource r${i} ${"r".repeat(40)}`), cutOrder: 2 },
    ];

    it("keeps its lines and cuts the next section instead", () => {
        const full = renderSections(sections());
        const budget = full.length - 10;
        const text = fitSections(sections(), budget, RERUN);
        expect(text.length).to.be.at.most(budget);
        expect(text).to.contain("\nNotes:\n  - n\n").and.not.contain("of notes left out");
        expect(text.split("\n").filter((l) => leftOut("other resources").test(l))).to.have.length(1);
    });

    it("at any budget: never the left-out line of a section it is longer than, never over the budget", () => {
        const full = renderSections(sections());
        for (let budget = 0; budget <= full.length; budget++) {
            const text = fitSections(sections(), budget, RERUN);
            expect(text.length, `budget ${budget}`).to.be.at.most(budget);
            expect(text, `budget ${budget}`).to.not.contain("of notes left out");
        }
    });
});

/**
 * The cut line by line, worked by hand with the rerun command `R` so every length is countable:
 * a left-out line is `... ` (4) + count + ` line`/` lines` (5/6) + ` of <name> left out (` +
 * characters + ` characters): run R for them` (28). A section's left-out characters are what the text
 * lost: each line with its newline (100 characters a line: 101); the last resort's are the lines it left
 * out as text (without the newline before them).
 */
describe("the cut, worked by hand", () => {
    const R = "R";
    /** 100 characters: `~ r<i> ` and x's (the last resource also has 4 spaces inside, not at the start). */
    const line = (i: number, inner = "") => `~ r${i} ${inner}`.padEnd(100, "x");
    const HEAD = ["H", "", "N:", "n1", "n2"];
    const sections = (): DiffSection[] => [
        { name: "header", heading: [], lines: ["H"] },
        { name: "notes", heading: ["", "N:"], lines: ["n1", "n2"], cutOrder: 2 },
        // Empty: neither its heading nor a left-out line counts.
        { name: "warnings", heading: ["", "W:"], lines: [] },
        { name: "other resources", heading: ["", "O:"], lines: [line(0), line(1), line(2), line(3, "    ")], cutOrder: 1 },
    ];
    // H\n (2) + \nN:\nn1\nn2\n (10) + \nO:\n (4) + 4 lines of 100 with 3 newlines (403) = 419.
    const FULL = 419;

    it("an empty section shows nothing; the text as rendered fits its own length exactly", () => {
        const full = [...HEAD, "", "O:", line(0), line(1), line(2), line(3, "    ")].join("\n");
        expect(full).to.have.length(FULL);
        expect(renderSections(sections())).to.equal(full);
        expect(fitSections(sections(), FULL, R)).to.equal(full);
    });

    it("one line less: the last resource goes, with its left-out line, at exactly the budget", () => {
        // 2 + 10 + 4 + 3 lines with their newlines (303) + the left-out line (71, the last line, no newline) = 390.
        const expected = [...HEAD, "", "O:", line(0), line(1), line(2), "... 1 line of other resources left out (101 characters): run R for them"].join("\n");
        expect(expected).to.have.length(390);
        expect(fitSections(sections(), FULL - 1, R)).to.equal(expected);
        // A line with 4 spaces inside (not at its start) is not a setting of the line above: the line above stays.
        expect(fitSections(sections(), 390, R)).to.equal(expected);
    });

    it("one character less than that: two lines go, the count and characters say so", () => {
        const expected = [...HEAD, "", "O:", line(0), line(1), "... 2 lines of other resources left out (202 characters): run R for them"].join("\n");
        expect(expected).to.have.length(290);
        expect(fitSections(sections(), 389, R)).to.equal(expected);
    });

    it("a section cut to nothing keeps a blank line and its left-out line, and the next section stays whole", () => {
        const expected = [...HEAD, "", "... 4 lines of other resources left out (404 characters): run R for them"].join("\n");
        expect(expected).to.have.length(85);
        expect(fitSections(sections(), 100, R)).to.equal(expected);
        expect(fitSections(sections(), 85, R)).to.equal(expected);
    });

    it("settings without a head line go together to the first line, and nothing is left of them", () => {
        const settings = (i: number) => `    setting ${i} `.padEnd(100, "s");
        const s: DiffSection[] = [
            { name: "header", heading: [], lines: ["H"] },
            { name: "other resources", heading: ["", "O:"], lines: [settings(0), settings(1)], cutOrder: 1 },
        ];
        expect(fitSections(s, 150, R)).to.equal("H\n\n... 2 lines of other resources left out (202 characters): run R for them");
    });

    it("a cut that is exactly as long as the section is not made: its line says more", () => {
        // One line of 67: the section is 1 + 3 + 68 = 72 characters, cut it is 1 + 70 + 1 = 72 too.
        const only = "y".repeat(67);
        const s: DiffSection[] = [
            { name: "header", heading: [], lines: ["H"] },
            { name: "other resources", heading: ["", "O:"], lines: [only], cutOrder: 1 },
        ];
        // Still over 72 with it whole: the last resort keeps the whole lines that fit and says the rest.
        expect(fitSections(s, 72, R)).to.equal("H\n\nO:\n... 1 line of the diff left out (67 characters): run R for them");
    });

    describe("when the sections that are never cut are alone over the budget: whole lines from the end of the text", () => {
        // 10 lines of 20 characters: the first k and a line for the rest take 21 k + 65 characters.
        const rows = Array.from({ length: 10 }, (_, i) => `row ${i} `.padEnd(20, "x"));
        const only = (lines: string[]): DiffSection[] => [{ name: "header", heading: [], lines }];

        it("as many lines as fit with the line saying how many more, and how long they are", () => {
            const four = [...rows.slice(0, 4), "... 6 lines of the diff left out (125 characters): run R for them"].join("\n");
            expect(four).to.have.length(149);
            expect(fitSections(only(rows), 149, R)).to.equal(four);
            expect(fitSections(only(rows), 148, R)).to.equal([...rows.slice(0, 3), "... 7 lines of the diff left out (146 characters): run R for them"].join("\n"));
        });

        it("the line alone when not even the first line fits beside it", () => {
            const long = Array.from({ length: 3 }, () => "z".repeat(100));
            expect(fitSections(only(long), 70, R)).to.equal("... 3 lines of the diff left out (302 characters): run R for them");
        });

        it("when not even that line fits: the whole lines that do, possibly none", () => {
            const abc = ["aaaa", "bbbb", "cccc"];
            expect(fitSections(only(abc), 13, R)).to.equal("aaaa\nbbbb");
            expect(fitSections(only(abc), 9, R)).to.equal("aaaa\nbbbb");
            expect(fitSections(only(abc), 8, R)).to.equal("aaaa");
            expect(fitSections(only(abc), 3, R)).to.equal("");
        });
    });
});
