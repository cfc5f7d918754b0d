/**
 * The config slices: one shape per concern, each key in one slice, the settings typed and
 * gathered from them, and Pulumi.yaml's config block and the README's key table written
 * from them (`npm run config-docs`).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configDocs } from "../stacks/cli/configDocs";
import { KEY_TABLE_END, KEY_TABLE_START, renderKeyTable, renderSchemaBlock, withKeyTable, withSchemaBlock } from "../stacks/config/configDocs";
import { KEYS } from "../stacks/config/keys";
import { SECTIONS, SLICES } from "../stacks/config/slices";
import { loadStackSettings } from "../stacks/plan/planStack";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("config slices", () => {
    it("every key belongs to exactly one slice, and the documented order holds the same slices as the run order", () => {
        const owners = new Map<string, string[]>();
        for (const slice of SLICES) for (const key of Object.keys(slice.keys)) owners.set(key, [...(owners.get(key) ?? []), slice.name]);
        expect([...owners].filter(([, names]) => names.length > 1), "keys in two slices").to.deep.equal([]);
        expect([...owners.keys()].sort()).to.deep.equal(Object.keys(KEYS).sort());
        expect(SECTIONS.map((s) => s.name).sort()).to.deep.equal(SLICES.map((s) => s.name).sort());
    });

    it("a slice reads only keys another slice owns, never its own twice", () => {
        for (const slice of SLICES) {
            for (const key of Object.keys(slice.reads ?? {})) {
                expect(Object.keys(slice.keys), `${slice.name} reads its own ${key}`).to.not.include(key);
                expect(Object.keys(KEYS), `${slice.name} reads ${key}`).to.include(key);
            }
        }
    });

    it("a stack's settings are the identity and one entry per slice, named as the slice", () => {
        const loaded = loadStackSettings({ stack: "dev", now: new Date("2026-12-07T21:00:00Z") });
        if (!loaded.ok) throw new Error(loaded.message);
        expect(Object.keys(loaded.loaded.settings).sort()).to.deep.equal(["project", "region", "stack", "tags", ...SLICES.map((s) => s.name)].sort());
    });
});

describe("config-docs: Pulumi.yaml and the README's key table are written from the slices", () => {
    it("the committed Pulumi.yaml config block is what the slices give", () => {
        const text = read("Pulumi.yaml");
        expect(withSchemaBlock(text, SECTIONS) === text, "Pulumi.yaml is out of date: run npm run config-docs").to.equal(true);
    });

    it("the committed README key table is what the slices give", () => {
        const text = read("README.md");
        expect(withKeyTable(text, SECTIONS) === text, "README.md is out of date: run npm run config-docs").to.equal(true);
    });

    it("a key's description, default and allowed text reach both documents", () => {
        const slice = { title: "Test", keys: { someKey: { ...KEYS.headroomPercent, description: "A described key.", default: 42, allowed: "a whole number from 3 to 7" } } };
        const block = renderSchemaBlock([slice]);
        expect(block).to.equal("config:\n  # --- Test ---\n  someKey:\n    type: integer\n    description: A described key.\n    default: 42\n");
        expect(renderKeyTable([slice]).split("\n").slice(-1)[0]).to.equal("| `someKey` | integer | `42` | A described key. Allowed: a whole number from 3 to 7. |");
    });

    it("a required key has no default in the schema; an optional one defaults to \"\"; a list has its items; a schemaless one is left out", () => {
        const block = renderSchemaBlock([{ title: "T", keys: { minSize: KEYS.minSize, amiId: KEYS.amiId, operators: KEYS.operators, fixtures: KEYS.fixtures } }]);
        expect(block).to.match(/ {2}minSize:\n {4}type: integer\n {4}description: [^\n]*\n {2}amiId:/);
        expect(block).to.contain('  amiId:\n    type: string\n    description: ');
        expect(block).to.match(/amiId:[^]*default: ""\n/);
        expect(block).to.contain("  operators:\n    type: array\n    items:\n      type: string\n");
        expect(block).to.not.contain("fixtures:");
    });

    it("a pipe in a description does not break the table", () => {
        const table = renderKeyTable([{ title: "T", keys: { k: { ...KEYS.appPort, description: "a | b" } } }]);
        expect(table).to.contain("| a \\| b Allowed:");
    });

    it("--check exits 1 naming the stale file and writes nothing; without it, the files are written and --check passes", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-docs-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\nconfig:\n  old: {}\n");
            fs.writeFileSync(path.join(dir, "README.md"), `# x\n${KEY_TABLE_START}\nold\n${KEY_TABLE_END}\nafter\n`);
            const lines: string[] = [];
            expect(configDocs(["--check"], dir, (l) => lines.push(l))).to.equal(1);
            expect(lines.join("\n")).to.contain("Pulumi.yaml: out of date").and.to.contain("README.md: out of date");
            expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).to.contain("old: {}");
            expect(configDocs([], dir, () => undefined)).to.equal(0);
            expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).to.match(/\| `vpcCidr` \|[^]*\nafter\n$/);
            expect(configDocs(["--check"], dir, () => undefined)).to.equal(0);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a README without the markers is an error naming them, not a silent append, and neither file is written", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "config-docs-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: x\nconfig:\n");
            fs.writeFileSync(path.join(dir, "README.md"), "# x\n");
            const lines: string[] = [];
            expect(configDocs([], dir, (l) => lines.push(l))).to.equal(1);
            expect(lines.join("\n")).to.contain("README.md: README.md has no key table markers");
            expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"), "Pulumi.yaml left as it was").to.equal("name: x\nconfig:\n");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
