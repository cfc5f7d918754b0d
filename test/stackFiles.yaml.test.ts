/**
 * A stack file that is not valid YAML (issue 20: a tab in the indentation gave nine
 * errors): one message with the line and column, through the real file reader.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { describeYamlErrors, readProjectFile, readStackConfig, StackFileError } from "../stacks/plan/stackFiles";
import { loadStackSettings } from "../stacks/plan/planStack";

const ROOT = path.join(__dirname, "..");
const MATCHDAY = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8");

/** `text` as Pulumi.matchday.yaml in a temporary directory. */
function tempMatchday(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-yaml-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, text);
    return file;
}

/** The matchday file with line `n` (1-based) changed by `edit`. */
function editLine(n: number, edit: (line: string) => string): string {
    const lines = MATCHDAY.split("\n");
    lines[n - 1] = edit(lines[n - 1]);
    return lines.join("\n");
}

function readError(file: string): string {
    try {
        readStackConfig(ROOT, readProjectFile(ROOT), "matchday", file);
    } catch (e) {
        if (e instanceof StackFileError) return e.message;
        throw e;
    }
    throw new Error("expected the stack file to be refused");
}

describe("stack files: YAML errors", () => {
    it("line 197 of the matchday file is a fixture's expectedPeakViewers, indented by 6 spaces (the issue's example)", () => {
        expect(MATCHDAY.split("\n")[196]).to.equal("      expectedPeakViewers: 60000");
    });

    for (const [what, edit] of [
        ["a tab instead of the indentation", (l: string) => l.replace(/^ {6}/, "\t")],
        ["a tab before the indentation", (l: string) => `\t${l}`],
    ] as const) {
        it(`${what}: one message with the line, the column and the indentation around it`, () => {
            const file = tempMatchday(editLine(197, edit));
            expect(readError(file)).to.equal(
                `${file} line 197, column 1: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces (the lines around it use 6)`,
            );
        });
    }

    it("through the plan's loader: the stack's name, then the one line", () => {
        const file = tempMatchday(editLine(197, (l) => l.replace(/^ {6}/, "\t")));
        const loaded = loadStackSettings({ stack: "matchday", configFile: file, root: ROOT });
        expect(loaded.ok).to.equal(false);
        if (loaded.ok) return;
        expect(loaded.message).to.equal(
            `Stack "matchday": ${file} line 197, column 1: a tab in the indentation; YAML indents with spaces only: replace the tab with spaces (the lines around it use 6)`,
        );
    });

    it("tabs on several lines: the first, and the lines of the others", () => {
        const text = editLine(200, (l) => `\t${l}`);
        const file = tempMatchday(text.split("\n").map((l, i) => (i === 196 ? `\t${l}` : l)).join("\n"));
        expect(readError(file)).to.match(/ line 197, column 1: a tab in the indentation; .*\(the lines around it use 6\); tabs also on line 200$/);
    });

    it("a tab and an error of its own elsewhere: the tab, then what remains with the tab replaced", () => {
        const text = editLine(197, (l) => l.replace(/^ {6}/, "\t")).replace('kgsports:displayTimeZone: Asia/Seoul', "kgsports:displayTimeZone: [Asia/Seoul");
        const message = readError(tempMatchday(text));
        expect(message).to.match(/ line 197, column 1: a tab in the indentation; .*\(the lines around it use 6\); with the tabs replaced, \d+ other YAML errors?, the first: line \d+, column \d+: /);
        // The unclosed [ of displayTimeZone, which the yaml library reports where the sequence should have ended.
        expect(message).to.match(/the first: line \d+, column \d+: Flow sequence in block collection must be sufficiently indented and end with a \]/);
    });

    it("another error: the first with its line and column and the parser's excerpt, and how many more follow", () => {
        const file = tempMatchday("config:\n  kgsports:minSize: [1\n  kgsports:maxSize: 3\n");
        const message = readError(file);
        expect(message.split("\n")[0]).to.match(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is not valid YAML: line \\d+, column \\d+: \\S`));
        expect(message).to.not.match(/ at line \d+, column \d+/);
    });

    it("describeYamlErrors: at most the first error, the rest counted", () => {
        const text = "a: 1\nb: [1,\nc: 2\n";
        const errors = [
            { code: "BAD_INDENT", message: "Flow sequence in block collection must be sufficiently indented at line 3, column 1:\n\nc: 2\n^\n", linePos: [{ line: 3, col: 1 }] as [{ line: number; col: number }] },
            { code: "UNEXPECTED_TOKEN", message: "Unexpected token at line 4, column 1", linePos: [{ line: 4, col: 1 }] as [{ line: number; col: number }] },
            { code: "UNEXPECTED_TOKEN", message: "Unexpected token at line 4, column 2", linePos: [{ line: 4, col: 2 }] as [{ line: number; col: number }] },
        ];
        expect(describeYamlErrors("Pulumi.x.yaml", text, errors)).to.equal(
            "Pulumi.x.yaml is not valid YAML: line 3, column 1: Flow sequence in block collection must be sufficiently indented\n" +
            "    c: 2\n" +
            "    ^\n" +
            "  (and 2 more YAML errors after it, often caused by this one: fix it first)",
        );
        // The yaml library's own errors for that text: one line for the first, whatever it reports after.
        const real = parseDocument(text, { prettyErrors: true }).errors;
        expect(describeYamlErrors("Pulumi.x.yaml", text, real)).to.match(/^Pulumi\.x\.yaml is not valid YAML: line 3, column 1: /);
    });
});
