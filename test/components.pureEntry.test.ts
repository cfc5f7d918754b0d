/**
 * Each component's pure entry, `@kgsports/<pkg>/pure`: config validation and the CLIs
 * that declare nothing (freeze-check, capacity, bench) import the components' validators
 * and decisions from it, so requiring it must load no `@pulumi/*` module (the provider
 * alone is about 400 modules and seconds). And it must never drift from the package's
 * main entry: everything it exports, index.ts exports too, as the same value.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";

const ROOT = path.resolve(__dirname, "..");
const PACKAGES = ["access-control", "backup-policy", "capacity-reservations", "hybrid-link", "observability", "scaling-web-tier", "user-store"];

interface Loaded {
    /** How many modules under node_modules/@pulumi/ requiring this entry added to the cache. */
    pulumiModules: number;
    /** Each require of a @pulumi module from outside node_modules: "<file> requires <module>". */
    pulumiRequires: string[];
    /** The component's own files in the cache. */
    files: string[];
}

/**
 * Requires every pure entry in one fresh process (this one has loaded Pulumi long ago),
 * one after the other, and reports what each left in the module cache.
 */
function loadPureEntriesInChildProcess(): Record<string, Loaded> {
    const script = `
        const path = require("path");
        const Module = require("module");
        const toPosix = (f) => f.split(path.sep).join("/");
        let requires = [];
        const load = Module._load;
        Module._load = function (request, parent, isMain) {
            if (/^@pulumi\\//.test(request) && parent && !toPosix(parent.filename).includes("/node_modules/")) {
                requires.push(path.relative(${JSON.stringify(ROOT)}, parent.filename) + " requires " + request);
            }
            return load.apply(this, arguments);
        };
        const pulumiCount = () => Object.keys(require.cache).filter((k) => toPosix(k).includes("/@pulumi/")).length;
        const out = {};
        for (const pkg of ${JSON.stringify(PACKAGES)}) {
            const before = pulumiCount();
            requires = [];
            require("@kgsports/" + pkg + "/pure");
            const dir = path.join(${JSON.stringify(path.join(ROOT, "components"))}, pkg) + path.sep;
            out[pkg] = {
                pulumiModules: pulumiCount() - before,
                pulumiRequires: requires,
                files: Object.keys(require.cache).filter((k) => k.startsWith(dir)),
            };
        }
        process.stdout.write(JSON.stringify(out));
    `;
    const stdout = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
    return JSON.parse(stdout) as Record<string, Loaded>;
}

/** Top-level imports of `@pulumi/*` that are not `import type` (TypeScript may keep them at run time). */
function pulumiValueImports(source: string): string[] {
    const imports = source.match(/^import\s[^;]*?\sfrom\s+"@pulumi\/[^"]+";/gms) ?? [];
    return imports.filter((i) => !/^import\s+type\s/.test(i));
}

describe("components: the pure entry @kgsports/<pkg>/pure", function () {
    this.timeout(180_000);

    let loaded: Record<string, Loaded>;
    before(function () {
        loaded = loadPureEntriesInChildProcess();
    });

    for (const pkg of PACKAGES) {
        it(`${pkg}: requiring it loads no @pulumi module`, function () {
            expect(loaded[pkg].files, "the entry loads the package's own files").to.include(path.join(ROOT, "components", pkg, "pure.ts"));
            expect(loaded[pkg].pulumiRequires, `requires of @pulumi while loading @kgsports/${pkg}/pure`).to.deep.equal([]);
            expect(loaded[pkg].pulumiModules, `@pulumi modules require("@kgsports/${pkg}/pure") added to the cache`).to.equal(0);
        });

        it(`${pkg}: its modules import @pulumi types with \`import type\` only`, function () {
            // A value import that only types use is dropped by the compiler today, but not
            // under every setting (verbatimModuleSyntax, a bundler): write it as a type import.
            const offending = loaded[pkg].files.flatMap((file) =>
                pulumiValueImports(fs.readFileSync(file, "utf8")).map((i) => `${path.relative(ROOT, file)}: ${i.split("\n")[0]}`),
            );
            expect(offending).to.deep.equal([]);
        });

        it(`${pkg}: index.ts exports everything pure.ts exports, as the same value`, function () {
            const pure = require(`@kgsports/${pkg}/pure`) as Record<string, unknown>;
            const main = require(`@kgsports/${pkg}`) as Record<string, unknown>;
            const names = Object.keys(pure);
            expect(names.length, "the pure entry exports the package's validators").to.be.greaterThan(5);
            const differing = names.filter((n) => !(n in main) || main[n] !== pure[n]);
            expect(differing, `exported by ${pkg}/pure but missing from, or another value in, its index.ts`).to.deep.equal([]);
        });
    }

    it("holds what config validation imports from the components", function () {
        // The names stacks/config takes from the pure entries (a stray move back into a
        // component file would make them undefined here, not a type error at run time).
        const wanted: Record<string, string[]> = {
            "access-control": ["namePrefixProblems", "stateBackendProblems", "accessControlArgsProblems"],
            "backup-policy": ["namePrefixProblem", "backupWindowConflicts", "goldenImageJob", "timeZoneProblem", "backupPolicyArgsProblems"],
            "capacity-reservations": ["capacityReservationsArgsProblems", "capacityReservationsNames", "loadBalancerDimension"],
            "hybrid-link": ["DEFAULT_FAILOVER_RUNTIME", "MAX_ACTIVATION_DAYS", "customerBgpAsnProblem", "hybridLinkArgsProblemsInRegion"],
            "observability": ["namePrefixProblem", "canaryNameProblem", "DEFAULT_CANARY_RUNTIME", "DEFAULT_ALARM_THRESHOLDS", "observabilityArgsProblems"],
            "scaling-web-tier": ["INSTANCE_TYPE_PATTERN", "MAX_GROUP_SIZE", "estimateInstanceRefreshMinutes", "scalingWebTierArgsProblems", "webTierVpcArgs"],
        };
        const missing: string[] = [];
        for (const [pkg, names] of Object.entries(wanted)) {
            const pure = require(`@kgsports/${pkg}/pure`) as Record<string, unknown>;
            for (const n of names) if (pure[n] === undefined) missing.push(`${pkg}/pure: ${n}`);
        }
        expect(missing).to.deep.equal([]);
    });
});
