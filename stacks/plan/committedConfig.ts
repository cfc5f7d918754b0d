/**
 * The committed side of `plan --diff` without a stack: `Pulumi.<stack>.yaml` as it is
 * at the repository's HEAD, read with git and written to a temporary file the plan
 * can read like any `--config-file`. I/O only; what to compare and show is decided in
 * render.ts and diffWarnings.ts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../program";

/** A stack file as committed at HEAD. */
export interface CommittedStackFile {
    /** Its path from the project root, `Pulumi.<stack>.yaml`. */
    file: string;
    /** The full id of the commit HEAD points at. */
    commit: string;
    /** The first 7 characters of `commit`, as shown in headers and messages. */
    shortCommit: string;
    /** The file's text at that commit. */
    text: string;
}

export type CommittedOutcome = { ok: true; committed: CommittedStackFile } | { ok: false; message: string };

/** The stack file of `stack` in the project root: `Pulumi.<stack>.yaml`. */
export function stackFileName(stack: string): string {
    return `Pulumi.${stack}.yaml`;
}

type Git = { ok: true; out: string } | { ok: false; missing: boolean; stderr: string };

function git(root: string, args: string[]): Git {
    try {
        const out = execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
        return { ok: true, out };
    } catch (e) {
        const err = e as NodeJS.ErrnoException & { stderr?: string | Buffer };
        return { ok: false, missing: err.code === "ENOENT", stderr: String(err.stderr ?? err.message ?? "").trim() };
    }
}

/**
 * Reads `Pulumi.<stack>.yaml` as committed at HEAD of the git repository that holds
 * `root` (`git show HEAD:./Pulumi.<stack>.yaml`, run in `root`). Fails with a message
 * naming the stack, what is missing, and what to do instead, when git is not
 * installed, `root` is not in a git repository, the repository has no commit, or the
 * file is not committed at HEAD.
 */
export function readCommittedStackFile(stack: string, root: string = PROJECT_ROOT): CommittedOutcome {
    const file = stackFileName(stack);
    const instead = `compare with another stack instead: --diff <stack>`;
    const intro = `Stack "${stack}": --diff without a stack compares ${file} with the one committed at HEAD`;
    const inside = git(root, ["rev-parse", "--is-inside-work-tree"]);
    if (!inside.ok || inside.out.trim() !== "true") {
        if (!inside.ok && inside.missing) return { ok: false, message: `${intro}, but git is not installed (or not on PATH); ${instead}` };
        return { ok: false, message: `${intro}, but ${root} is not in a git repository; ${instead}` };
    }
    const head = git(root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]);
    if (!head.ok || head.out.trim() === "") {
        return { ok: false, message: `${intro}, but the repository has no commit yet: commit ${file} first, or ${instead}` };
    }
    const commit = head.out.trim();
    const shortCommit = commit.slice(0, 7);
    const shown = git(root, ["show", `${commit}:./${file}`]);
    if (!shown.ok) {
        return {
            ok: false,
            message: `Stack "${stack}": ${file} is not committed at HEAD (${shortCommit}), so there is nothing to compare it with: commit it first, or ${instead}`,
        };
    }
    return { ok: true, committed: { file, commit, shortCommit, text: shown.out } };
}

/**
 * Writes `text` to a temporary `Pulumi.<stack>.yaml`, runs `use` with its path, and
 * removes it afterwards (also when `use` throws).
 */
export async function withTemporaryStackFile<T>(stack: string, text: string, use: (file: string) => Promise<T>): Promise<T> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgsports-head-"));
    const file = path.join(dir, stackFileName(stack));
    try {
        fs.writeFileSync(file, text);
        return await use(file);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}
