/**
 * A component package's README as the tests read it: its usage example (run as a
 * Pulumi program would run it) and its markdown tables.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

export class ComponentReadme {
    constructor(private readonly file: string) {}

    /** The README of `components/<folder>`. */
    static of(folder: string): ComponentReadme {
        return new ComponentReadme(path.join(__dirname, "..", "..", "components", folder, "README.md"));
    }

    text(): string {
        return fs.readFileSync(this.file, "utf8");
    }

    /** The usage example: the first TypeScript block after "## Use". */
    usageExample(): string {
        const m = /## Use\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(this.text());
        if (!m) throw new Error(`${this.file} has no TypeScript example under ## Use`);
        return m[1];
    }

    /** The rows of the markdown table that follows a heading or line, by their first cell. */
    tableAfter(heading: string): Map<string, string[]> {
        const text = this.text();
        const start = text.indexOf(heading);
        if (start < 0) throw new Error(`no ${heading} in ${this.file}`);
        const rows = new Map<string, string[]>();
        let inTable = false;
        for (const line of text.slice(start).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                const cells = line.split("|").slice(1, -1).map((c) => c.trim());
                rows.set(cells[0], cells);
            } else if (inTable) break;
        }
        return rows;
    }
}

/** Runs example source as a Pulumi program would (CommonJS), returning its exports. */
export function runExample(source: string): Record<string, unknown> {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    new Function("exports", "require", "module", js)(module.exports, require, module);
    return module.exports;
}
