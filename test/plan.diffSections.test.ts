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
