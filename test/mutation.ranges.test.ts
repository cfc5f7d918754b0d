/**
 * The mutation configuration's line ranges (stryker.config.mjs, module "validate"): each
 * names the code after a slice's key table. Kept out of the mutation run's own tests: under
 * Stryker the files are instrumented and their lines move.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the validate mutation module's line ranges", () => {
    it("each slice file's range starts after its key table and ends at the file's end (so no code goes unmutated when a file grows)", () => {
        const config = read("stryker.config.mjs");
        const ranges = [...config.matchAll(/"(stacks\/config\/slices\/\w+\.ts):(\d+)-(\d+)"/g)];
        expect(ranges.length).to.be.greaterThan(0);
        for (const [, file, from, to] of ranges) {
            const lines = read(file).split("\n");
            const table = lines.findIndex((l) => /^export const [A-Z_]+_KEYS = \{$/.test(l));
            const end = lines.findIndex((l, i) => i > table && l === "};");
            expect(Number(from), `${file}: first line after the key table`).to.equal(end + 2);
            expect(Number(to), `${file}: last line`).to.equal(lines.length - (lines[lines.length - 1] === "" ? 1 : 0));
        }
    });
});
