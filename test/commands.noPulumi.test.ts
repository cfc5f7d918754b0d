/**
 * The commands that declare nothing (freeze-check, capacity, bench, config-docs) and the
 * config validation they share load no Pulumi module: they decide from a date, the
 * fixture list and the stack file, and the provider's 400 modules would only slow them.
 */
import { expect } from "chai";
import { execFileSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");

/** The modules of the project that require @pulumi/* when `modules` are required, in a fresh process. */
function pulumiRequiresOf(modules: readonly string[]): string[] {
    const script = `
        const path = require("path");
        const Module = require("module");
        const seen = [];
        const load = Module._load;
        Module._load = function (request, parent) {
            if (/^@pulumi\\//.test(request) && parent && !parent.filename.split(path.sep).includes("node_modules")) {
                seen.push(path.relative(${JSON.stringify(ROOT)}, parent.filename) + " requires " + request);
            }
            return load.apply(this, arguments);
        };
        for (const m of ${JSON.stringify(modules)}) require(path.join(${JSON.stringify(ROOT)}, m));
        process.stdout.write(JSON.stringify(seen));
    `;
    return JSON.parse(execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" })) as string[];
}

describe("commands that declare nothing load no Pulumi module", function () {
    this.timeout(120_000);

    it("config validation, the stack loader, the freeze, the capacity report and config-docs", () => {
        // freezeCheck.ts, capacity.ts and bench.ts run main() when required; these are the modules they load.
        const modules = [
            "stacks/config/validate.ts",
            "stacks/plan/loadStack.ts",
            "stacks/deploy/freeze.ts",
            "stacks/report/capacityReport.ts",
            "stacks/capacity/bench.ts",
            "stacks/cli/configDocs.ts",
        ];
        expect(pulumiRequiresOf(modules)).to.deep.equal([]);
    });

    it("the check sees a Pulumi require when there is one (the composition declares resources)", () => {
        expect(pulumiRequiresOf(["stacks/compose.ts"]).length).to.be.greaterThan(0);
    });
});
