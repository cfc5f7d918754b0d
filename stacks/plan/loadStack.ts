/**
 * A stack's config read as the CLI would and validated, declaring nothing: no Pulumi SDK
 * is loaded, so freeze-check and capacity start fast. planStack.ts runs the program on it.
 */
import { formatConfigProblems, validateStackConfig } from "../config/validate";
import { PlatformSettings } from "../config/settings";
import { PROJECT_ROOT, projectFileReader } from "../projectFiles";
import { ProjectFile, readProjectFile, readStackConfig, StackConfig, StackFileError } from "./stackFiles";

export interface PlanRequest {
    stack: string;
    /** Use this file instead of Pulumi.<stack>.yaml. */
    configFile?: string;
    /** Folder of Pulumi.yaml. Default: this project's root. */
    root?: string;
    /** The deploy's clock, which fixtures are planned from. Default: now. */
    now?: Date;
}

export interface LoadedStack {
    project: string;
    stack: string;
    source: string;
    config: StackConfig;
    settings: PlatformSettings;
    now: Date;
}

export type LoadOutcome = { ok: true; loaded: LoadedStack } | { ok: false; message: string };

/** Reads a stack's config as the CLI would and validates it; declares nothing. */
export function loadStackSettings(req: PlanRequest): LoadOutcome {
    const root = req.root ?? PROJECT_ROOT;
    let config: StackConfig;
    let project: ProjectFile;
    try {
        project = readProjectFile(root);
        config = readStackConfig(root, project, req.stack, req.configFile);
    } catch (e) {
        if (e instanceof StackFileError) return { ok: false, message: `Stack "${req.stack}": ${e.message}` };
        throw e;
    }
    const now = req.now ?? new Date();
    const checked = validateStackConfig(
        { project: project.name, stack: req.stack, values: config.values, placeholderKeys: config.placeholderKeys },
        { ...projectFileReader(root), now },
    );
    if (!checked.ok) return { ok: false, message: formatConfigProblems(req.stack, checked.problems, config.source) };
    return { ok: true, loaded: { project: project.name, stack: req.stack, source: config.source, config, settings: checked.settings, now } };
}
