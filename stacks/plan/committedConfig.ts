/**
 * The committed side of `plan --diff` without a stack: `Pulumi.<stack>.yaml` as it is
 * at the repository's HEAD (or at `--base <git ref>`, e.g. a pull request's base
 * branch), read with git and written to a temporary file the plan can read like any
 * `--config-file`. I/O only; what to compare and show is decided in render.ts and
 * diffWarnings.ts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../program";

/** A stack file as committed at HEAD (or another git ref). */
export interface CommittedStackFile {
    /** Its path from the project root, `Pulumi.<stack>.yaml`. */
    file: string;
    /** The git ref it was read at, as given: `HEAD` by default. */
    ref: string;
    /** The full id of the commit the ref points at. */
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
 * `root` (`git show HEAD:./Pulumi.<stack>.yaml`, run in `root`), or at `ref` (a branch,
 * tag, commit or expression such as `origin/main` or `HEAD^1`). Fails with a message
 * naming the stack, what is missing, and what to do instead, when git is not
 * installed, `root` is not in a git repository, the repository has no commit, the ref
 * names no commit, or the file is not committed there.
 */
export function readCommittedStackFile(stack: string, root: string = PROJECT_ROOT, ref: string = "HEAD"): CommittedOutcome {
    const file = stackFileName(stack);
    const instead = `compare with another stack instead: --diff <stack>`;
    const atHead = ref === "HEAD";
    const intro = atHead
        ? `Stack "${stack}": --diff without a stack compares ${file} with the one committed at HEAD`
        : `Stack "${stack}": --diff --base ${ref} compares ${file} with the one committed at ${ref}`;
    if (ref.trim() === "" || ref.startsWith("-") || /[\s:]/.test(ref)) {
        return { ok: false, message: `${intro}, but "${ref}" is not a git ref; allowed: a branch, tag or commit (e.g. origin/main, a commit id, HEAD^1)` };
    }
    const inside = git(root, ["rev-parse", "--is-inside-work-tree"]);
    if (!inside.ok || inside.out.trim() !== "true") {
        if (!inside.ok && inside.missing) return { ok: false, message: `${intro}, but git is not installed (or not on PATH); ${instead}` };
        return { ok: false, message: `${intro}, but ${root} is not in a git repository; ${instead}` };
    }
    const head = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (!head.ok || head.out.trim() === "") {
        if (atHead) return { ok: false, message: `${intro}, but the repository has no commit yet: commit ${file} first, or ${instead}` };
        return {
            ok: false,
            message: `${intro}, but ${ref} names no commit in this repository (fetch it first, e.g. git fetch origin <branch>; a shallow clone may lack it), or ${instead}`,
        };
    }
    const commit = head.out.trim();
    const shortCommit = commit.slice(0, 7);
    const shown = git(root, ["show", `${commit}:./${file}`]);
    if (!shown.ok) {
        return {
            ok: false,
            message: `Stack "${stack}": ${file} is not committed at ${atHead ? "HEAD" : ref} (${shortCommit}), so there is nothing to compare it with: commit it first, or ${instead}`,
        };
    }
    return { ok: true, committed: { file, ref, commit, shortCommit, text: shown.out } };
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
