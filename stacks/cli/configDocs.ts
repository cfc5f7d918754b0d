/**
 * `npm run config-docs [-- --check]`
 *
 * Writes `Pulumi.yaml`'s config block and the README's key table from the config slices
 * (stacks/config/slices). With `--check` it writes nothing and exits 1 when either
 * committed file differs from what it would write, naming the file and the command.
 * Exit codes: 0 written or up to date; 1 out of date (--check) or a file without its
 * block or markers; 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { withKeyTable, withSchemaBlock } from "../config/configDocs";
import { SECTIONS } from "../config/slices";
import { exitAfterOutput, parseCommandLine } from "./commandLine";

const USAGE = `usage: npm run config-docs [-- --check]

  --check   write nothing; exit 1 when Pulumi.yaml's config block or the README's key
            table differs from what the config slices give`;

const ROOT = path.resolve(__dirname, "..", "..");

export function configDocs(argv: string[], root = ROOT, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
    const parsed = parseCommandLine(argv, { check: { type: "boolean", default: false } }, USAGE);
    if (!parsed.ok) return parsed.exitCode;
    const check = parsed.values.check === true;
    const documents: [string, (text: string) => string][] = [
        ["Pulumi.yaml", (t) => withSchemaBlock(t, SECTIONS)],
        ["README.md", (t) => withKeyTable(t, SECTIONS)],
    ];
    // Both documents are written from the slices first, so a file without its block or
    // markers leaves the other one untouched too.
    const planned: { file: string; at: string; before: string; after: string }[] = [];
    for (const [file, write] of documents) {
        const at = path.join(root, file);
        const before = fs.readFileSync(at, "utf8");
        try {
            planned.push({ file, at, before, after: write(before) });
        } catch (e) {
            out(`${file}: ${(e as Error).message}`);
            return 1;
        }
    }
    let stale = 0;
    for (const { file, at, before, after } of planned) {
        if (after === before) out(`${file}: up to date`);
        else if (check) {
            stale++;
            out(`${file}: out of date with the config slices (stacks/config/slices); run npm run config-docs and commit the result`);
        } else {
            fs.writeFileSync(at, after);
            out(`${file}: written`);
        }
    }
    return stale > 0 ? 1 : 0;
}

if (require.main === module) exitAfterOutput(configDocs(process.argv.slice(2)));
