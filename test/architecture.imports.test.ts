/**
 * The import graph of stacks/ and components/: no circle anywhere, and no import that
 * runs back up a layer. Read from the source (TypeScript's `preProcessFile`, which sees
 * `import type` and `export ... from` too: a type-only circle is a circle).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..");

/** A module of the graph: a .ts file, as a path relative to ROOT with forward slashes. */
type Module = string;

function tsFilesUnder(dir: string): Module[] {
    const out: Module[] = [];
    const walk = (abs: string) => {
        for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
            if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
            const full = path.join(abs, entry.name);
            if (entry.isDirectory()) walk(full);
            else if (entry.name.endsWith(".ts")) out.push(path.relative(ROOT, full).split(path.sep).join("/"));
        }
    };
    walk(path.join(ROOT, dir));
    return out.sort();
}

/** The file a path without extension names: `x.ts`, `x.d.ts` or `x/index.ts`; undefined when none exists. */
function existingModule(relative: string): Module | undefined {
    for (const candidate of [relative, `${relative}.ts`, `${relative}.d.ts`, `${relative}/index.ts`]) {
        const abs = path.join(ROOT, candidate);
        if (candidate.endsWith(".ts") && fs.existsSync(abs) && fs.statSync(abs).isFile()) return path.posix.normalize(candidate);
    }
    return undefined;
}

/** `@kgsports/<pkg>[/sub]` as the workspace links it: components/<pkg>, its package.json's main or exports. */
function workspaceModule(specifier: string): Module | undefined {
    const [, , pkg, ...rest] = /^(@kgsports)\/([^/]+)(?:\/(.*))?$/.exec(specifier) ?? [];
    if (pkg === undefined) return undefined;
    const dir = `components/${pkg}`;
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8")) as { main?: string; exports?: unknown };
    const sub = rest.filter((s) => s !== undefined).join("/");
    const subpath = sub === "" ? "." : `./${sub}`;
    const exported = typeof manifest.exports === "object" && manifest.exports !== null ? (manifest.exports as Record<string, unknown>)[subpath] : undefined;
    const target = typeof exported === "string" ? exported : typeof (exported as { types?: unknown })?.types === "string" ? (exported as { types: string }).types : undefined;
    if (target !== undefined) return existingModule(path.posix.join(dir, target).replace(/\.(js|ts)$/, ""));
    if (sub === "") return existingModule(path.posix.join(dir, (manifest.main ?? "index.ts").replace(/\.(js|ts)$/, "")));
    return existingModule(path.posix.join(dir, sub));
}

interface Edge {
    from: Module;
    to: Module;
    specifier: string;
}

/** Every import between the project's own modules (packages from node_modules are left out, the workspace's are not). */
function importGraph(files: readonly Module[]): Edge[] {
    const edges: Edge[] = [];
    for (const from of files) {
        const text = fs.readFileSync(path.join(ROOT, from), "utf8");
        for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
            let to: Module | undefined;
            if (specifier.startsWith(".")) {
                to = existingModule(path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, ""));
                if (to === undefined) throw new Error(`${from}: cannot resolve "${specifier}"`);
            } else if (specifier.startsWith("@kgsports/")) {
                to = workspaceModule(specifier);
                if (to === undefined) throw new Error(`${from}: cannot resolve "${specifier}"`);
            }
            if (to !== undefined) edges.push({ from, to, specifier });
        }
    }
    return edges;
}

/**
 * The circles of the graph: its strongly connected components with more than one module
 * (or a module importing itself), each as one circle through them in import order.
 */
function importCycles(edges: readonly Edge[]): Module[][] {
    const next = new Map<Module, Module[]>();
    for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort();
    // Tarjan's algorithm.
    let counter = 0;
    const index = new Map<Module, number>();
    const low = new Map<Module, number>();
    const stack: Module[] = [];
    const onStack = new Set<Module>();
    const components: Module[][] = [];
    const visit = (v: Module) => {
        index.set(v, counter);
        low.set(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
        for (const w of next.get(v) ?? []) {
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) {
                low.set(v, Math.min(low.get(v)!, index.get(w)!));
            }
        }
        if (low.get(v) === index.get(v)) {
            const component: Module[] = [];
            let w: Module;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (next.get(v) ?? []).includes(v)) components.push(component.sort());
        }
    };
    for (const v of nodes) if (!index.has(v)) visit(v);
    // One circle per component, from its first module, for the failure message.
    return components.map((component) => {
        const members = new Set(component);
        const start = component[0];
        const seen = new Map<Module, Module>();
        const queue = [start];
        while (queue.length > 0) {
            const v = queue.shift()!;
            for (const w of next.get(v) ?? []) {
                if (!members.has(w)) continue;
                if (w === start) {
                    const circle = [start];
                    for (let x = v; x !== start; x = seen.get(x)!) circle.splice(1, 0, x);
                    return [...circle, start];
                }
                if (!seen.has(w)) {
                    seen.set(w, v);
                    queue.push(w);
                }
            }
        }
        return [...component, component[0]];
    });
}

/**
 * Circles known and being removed, each the exact set of its modules, with why it is
 * allowed for now. The test below fails when one is gone, so the entry goes with it.
 */
const ALLOWED_CYCLES: { modules: Module[]; why: string }[] = [];

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/** A layer rule: modules under `from` import nothing under any of `not`. */
interface LayerRule {
    from: string;
    not: string[];
    why: string;
}

const under = (module: Module, prefix: string) => (prefix.endsWith(".ts") ? module === prefix : module.startsWith(`${prefix}/`));

const ABOVE_CONFIG = ["stacks/plan", "stacks/cli", "stacks/report", "stacks/deploy", "stacks/compose.ts", "stacks/program.ts", "stacks/index.ts"];

const LAYER_RULES: LayerRule[] = [
    { from: "stacks/text", not: ["stacks/capacity", "stacks/config", ...ABOVE_CONFIG], why: "text helpers are below every layer" },
    { from: "stacks/capacity", not: ["stacks/config", ...ABOVE_CONFIG], why: "the capacity model takes plain plan inputs; the config layer maps its keys onto them" },
    { from: "stacks/config", not: ABOVE_CONFIG, why: "the config layer is below the plan, the CLIs, the report and the program" },
    { from: "components", not: ["stacks"], why: "components are packages: they know nothing of the stack that uses them" },
];

/** The component a module of components/ belongs to, e.g. `scaling-web-tier`. */
const componentOf = (module: Module) => (module.startsWith("components/") ? module.split("/")[1] : undefined);

function declaredPackages(component: string): string[] {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "components", component, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    return ["dependencies", "peerDependencies", "devDependencies"].flatMap((field) => Object.keys(manifest[field] ?? {}));
}

describe("architecture: the import graph of stacks/ and components/", () => {
    const files = [...tsFilesUnder("stacks"), ...tsFilesUnder("components")];
    const edges = importGraph(files);

    it("reads the graph: every module, and the imports that cross layers today", () => {
        // A graph read wrongly (nothing resolved) would pass every rule below.
        expect(files.length).to.be.above(100);
        expect(edges.some((e) => e.from === "stacks/config/matchday.ts" && e.to === "stacks/capacity/fixtures.ts")).to.equal(true);
        expect(edges.some((e) => e.from === "stacks/config/slices/webTier.ts" && e.to === "components/scaling-web-tier/pure.ts")).to.equal(true);
        expect(edges.some((e) => e.from === "stacks/capacity/fixtures.ts" && e.to === "stacks/capacity/planInput.ts" && e.specifier === "./planInput")).to.equal(true);
    });

    it("finds a circle, type-only imports included, and names its files in order", () => {
        const made: Edge[] = [
            { from: "a.ts", to: "b.ts", specifier: "./b" },
            { from: "b.ts", to: "c.ts", specifier: "./c" },
            { from: "c.ts", to: "a.ts", specifier: "./a" },
            { from: "c.ts", to: "d.ts", specifier: "./d" },
            { from: "e.ts", to: "e.ts", specifier: "./e" },
        ];
        expect(importCycles(made)).to.deep.equal([["a.ts", "b.ts", "c.ts", "a.ts"], ["e.ts", "e.ts"]]);
        expect(importCycles(made.filter((e) => e.from !== "c.ts" && e.from !== "e.ts"))).to.deep.equal([]);
    });

    it("has no import circle, but for the named exceptions", () => {
        const cycles = importCycles(edges).filter((c) => !ALLOWED_CYCLES.some((a) => sameSet(a.modules, c.slice(0, -1))));
        expect(cycles.map((c) => c.join(" -> ")), "import circles (break each: move what both sides need to a module below them)").to.deep.equal([]);
    });

    it("each allowed circle is still there (remove the exception when its circle is gone)", () => {
        const cycles = importCycles(edges).map((c) => c.slice(0, -1));
        for (const allowed of ALLOWED_CYCLES) {
            expect(cycles.some((c) => sameSet(c, allowed.modules)), `stale exception (${allowed.why}): ${allowed.modules.join(", ")}`).to.equal(true);
        }
    });

    for (const rule of LAYER_RULES) {
        it(`${rule.from} imports nothing from ${rule.not.join(", ")}: ${rule.why}`, () => {
            const wrong = edges.filter((e) => under(e.from, rule.from) && rule.not.some((n) => under(e.to, n)));
            expect(wrong.map((e) => `${e.from} imports "${e.specifier}" (${e.to})`)).to.deep.equal([]);
        });
    }

    it("components import one another only through a package their package.json names", () => {
        const wrong: string[] = [];
        for (const e of edges) {
            const from = componentOf(e.from);
            const to = componentOf(e.to);
            if (from === undefined || to === undefined || from === to) continue;
            const pkg = `@kgsports/${to}`;
            if (!(e.specifier === pkg || e.specifier.startsWith(`${pkg}/`))) wrong.push(`${e.from} reaches into ${to} by path: "${e.specifier}"`);
            else if (!declaredPackages(from).includes(pkg)) wrong.push(`${e.from} imports ${pkg}, which components/${from}/package.json does not name`);
        }
        expect(wrong).to.deep.equal([]);
    });
});
