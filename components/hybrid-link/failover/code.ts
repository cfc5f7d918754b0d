/**
 * The failover function's code, built at deploy time from the TypeScript sources next
 * to this file: no manual build step, no bundler. `ts.transpileModule` turns each file
 * into CommonJS on its own; the output depends only on the source text and the
 * compiler version (pinned by the lock file), so the same sources give the same bytes
 * and the function shows no diff until its code really changes.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { FAILOVER_SOURCES } from "./sources";

export * from "./sources";

const COMPILER_OPTIONS: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    newLine: ts.NewLineKind.LineFeed,
    removeComments: false,
    sourceMap: false,
    inlineSourceMap: false,
};

/** One source file as CommonJS JavaScript (line endings normalised first, so a Windows checkout gives the same bytes). */
export function transpileFailoverSource(fileName: string, sourceText: string): string {
    const normalised = sourceText.replace(/\r\n?/g, "\n");
    const result = ts.transpileModule(normalised, { compilerOptions: COMPILER_OPTIONS, fileName, reportDiagnostics: false });
    return result.outputText;
}

/** The archive's files as text: `{"index.js": ..., "decide.js": ...}`. */
export function buildFailoverCode(sourceDir: string = __dirname): Record<string, string> {
    const files: Record<string, string> = {};
    for (const [target, source] of Object.entries(FAILOVER_SOURCES)) {
        files[target] = transpileFailoverSource(source, fs.readFileSync(path.join(sourceDir, source), "utf8"));
    }
    return files;
}

/** The Lambda deployment package: one StringAsset per file. */
export function failoverCodeArchive(files: Record<string, string> = buildFailoverCode()): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive(
        Object.fromEntries(Object.entries(files).map(([name, text]) => [name, new pulumi.asset.StringAsset(text)])),
    );
}
