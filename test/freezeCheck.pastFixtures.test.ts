/**
 * Issue 20: freeze-check warns about fixtures in the file that are already past (a
 * wrong year: 2026-03-11 typed for 2027-03-11), without changing the verdict; and
 * `--now` as the team types it, a local time read in the stack's display zone.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { decideDeployFreeze, FreezeInput, pastFixtureWarnings } from "../stacks/deploy/freeze";
import { nowFromCommandLine, stackDisplayTimeZone } from "../stacks/cli/commandLine";
import { runPlanCli } from "./helpers/planCli";

const ROOT = path.join(__dirname, "..");

/** The shipped matchday file with these fixtures and this display zone, written to a temporary folder. */
function writeConfig(fixtures: unknown[], displayTimeZone: string): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8")) as { config: Record<string, unknown> };
    Object.assign(doc.config, {
        "kgsports:fixtures": fixtures,
        "kgsports:minSize": 6,
        "kgsports:desiredCapacity": 6,
        "kgsports:maxSize": 240,
        "kgsports:viewersPerInstance": 2000,
        "kgsports:displayTimeZone": displayTimeZone,
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-past-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}

describe("freeze-check: past fixtures in the file", () => {
    // The round of 16 second leg typed with last year's date: 05:00 Korea time on 11 March 2026.
    const input: FreezeInput = {
        stack: "matchday",
        now: new Date("2027-03-10T19:30:00Z"),
        fixtureCount: 2,
        windows: [],
        sizes: { min: 6, desired: 6, max: 240 },
        instanceWarmupSeconds: 180,
        displayTimeZone: "Asia/Seoul",
        pastFixtures: [{ name: "UCL R16 leg 2", kickoff: new Date("2026-03-10T20:00:00Z"), releaseAt: new Date("2026-03-10T23:15:00Z") }],
    };

    it("one warning per past fixture: its name, kickoff in UTC and the display zone, check the year, and that the verdict stands", () => {
        const { lines, summary } = pastFixtureWarnings(input);
        expect(lines).to.have.length(1);
        expect(lines[0])
            .to.match(/^warning: fixture "UCL R16 leg 2" /)
            .and.contain("kickoff 2026-03-10 20:00Z (2026-03-11 05:00 UTC+09:00)")
            .and.contain("check the year, or remove it")
            .and.contain("does not freeze a deploy: the verdict and exit code are unchanged");
        expect(summary).to.match(/^- \*\*Past fixture\*\*: fixture "UCL R16 leg 2" /).and.contain("check the year, or remove it");
        expect(pastFixtureWarnings({ ...input, pastFixtures: [] })).to.deep.equal({ lines: [], summary: "" });
    });

    it("the verdict is the same with and without the past fixture", () => {
        const withPast = decideDeployFreeze(input);
        const without = decideDeployFreeze({ ...input, pastFixtures: [] });
        expect(withPast).to.deep.equal(without);
        expect(withPast.allowed).to.equal(true);
    });
});

describe("--now: the stack's display zone, read from the stack file without the SDK", () => {
    it("from --config-file, else the stack file, else Pulumi.yaml's default", () => {
        const paris = writeConfig([], "Europe/Paris");
        expect(stackDisplayTimeZone("matchday", paris).zone).to.equal("Europe/Paris");
        expect(stackDisplayTimeZone("matchday").zone).to.equal("Asia/Seoul");
        // dev does not set it: Pulumi.yaml's default.
        expect(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")).to.not.contain("displayTimeZone");
        expect(stackDisplayTimeZone("dev")).to.deep.equal({ zone: "Asia/Seoul", key: "kgsports:displayTimeZone" });
    });
});

describe("the commands with a past fixture and a local --now", function () {
    this.timeout(60_000);

    it("freeze-check: --now read in the stack's zone and said; a warning for the past fixture on stderr and in the job summary; exit 0", () => {
        const file = writeConfig([
            { name: "UCL R16 leg 2", kickoff: "2026-03-11T05:00:00+09:00", expectedPeakViewers: 120000 },
            { name: "Final", kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Paris", expectedPeakViewers: 150000 },
        ], "Europe/Paris");
        const summary = path.join(path.dirname(file), "summary.md");
        const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "stacks/cli/freezeCheck.ts", "--stack", "matchday", "--config-file", file, "--now", "2027-03-11 04:30"], {
            cwd: ROOT,
            encoding: "utf8",
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_ACTOR: "" },
        });
        expect(r.status, r.stderr).to.equal(0);
        const err = r.stderr.trimEnd().split("\n");
        // 04:30 in Paris on 11 March (CET, +01:00) is 03:30 UTC.
        expect(err[0]).to.equal("--now 2027-03-11 04:30 read as Europe/Paris time: 2027-03-11T03:30:00Z");
        expect(err[1]).to.match(/^warning: fixture "UCL R16 leg 2" .*kickoff 2026-03-10 20:00Z \(2026-03-10 21:00 CET\).*check the year, or remove it/);
        expect(err).to.have.length(2);
        expect(r.stdout).to.match(/^clear: stack "matchday" may deploy now \(2027-03-11 03:30Z \(2027-03-11 04:30 CET\)\): the next match window is "Final"/);
        const written = fs.readFileSync(summary, "utf8");
        expect(written).to.contain("### Freeze check: matchday").and.contain('**Past fixture**: fixture "UCL R16 leg 2"').and.contain("check the year, or remove it");
    });

    it("plan: a local --now in the display zone's spring gap is a usage error naming both readings, before anything loads", () => {
        const file = writeConfig([], "Europe/Paris");
        const r = runPlanCli("--stack", "matchday", "--config-file", file, "--now", "2027-03-28 02:30");
        expect(r.code, r.stderr).to.equal(2);
        expect(r.stdout).to.equal("");
        expect(r.stderr)
            .to.contain('--now "2027-03-28 02:30": 02:30 does not exist in Europe/Paris')
            .and.contain("--now 2027-03-28T02:30:00+01:00")
            .and.contain("--now 2027-03-28T02:30:00+02:00")
            .and.contain("usage: npm run plan")
            .and.contain("2027-03-11T04:30:00+09:00");
    });
});

describe("--now on the command line (nowFromCommandLine), in-process", () => {
    /** Runs it with stderr captured. */
    function run(text: string | undefined, configFile: string): { result: ReturnType<typeof nowFromCommandLine>; stderr: string } {
        let stderr = "";
        const write = process.stderr.write;
        process.stderr.write = ((chunk: string) => {
            stderr += chunk;
            return true;
        }) as typeof process.stderr.write;
        try {
            return { result: nowFromCommandLine(text, { stack: "matchday", configFile }, "usage: test"), stderr };
        } finally {
            process.stderr.write = write;
        }
    }

    it("ISO 8601 with its offset: no line; a local time: read in the file's zone, one line saying so", () => {
        const paris = writeConfig([], "Europe/Paris");
        const iso = run("2027-03-11T04:30:00+09:00", paris);
        expect(iso.result).to.deep.equal({ ok: true, now: new Date("2027-03-10T19:30:00Z") });
        expect(iso.stderr).to.equal("");
        const local = run("2027-07-11T04:30", paris);
        expect(local.result).to.deep.equal({ ok: true, now: new Date("2027-07-11T02:30:00Z") });
        expect(local.stderr).to.equal("--now 2027-07-11T04:30 read as Europe/Paris time: 2027-07-11T02:30:00Z\n");
    });

    it("a refused --now is a usage error (2); a local time with a displayTimeZone the runtime does not know is invalid config (1)", () => {
        const paris = writeConfig([], "Europe/Paris");
        const gap = run("2027-03-28 02:30", paris);
        expect(gap.result).to.deep.equal({ ok: false, exitCode: 2 });
        expect(gap.stderr).to.contain("does not exist in Europe/Paris").and.contain("usage: test");
        const typo = writeConfig([], "Asia/Seol");
        const bad = run("2027-03-11 04:30", typo);
        expect(bad.result).to.deep.equal({ ok: false, exitCode: 1 });
        expect(bad.stderr).to.contain('kgsports:displayTimeZone = "Asia/Seol"').and.contain("did you mean Asia/Seoul?").and.contain("--now 2027-03-11T04:30:00+09:00");
        // With its offset the zone is not needed.
        expect(run("2027-03-11 04:30 KST", typo).result).to.deep.equal({ ok: true, now: new Date("2027-03-10T19:30:00Z") });
    });
});

describe("reading --now stays quick", function () {
    this.timeout(60_000);

    it("the commands' --now reading (commandLine.ts, with the stack file's zone) does not load the Pulumi SDK", () => {
        const script = [
            'require("ts-node/register/transpile-only");',
            'const { stackDisplayTimeZone } = require("./stacks/cli/commandLine");',
            'if (stackDisplayTimeZone("matchday").zone !== "Asia/Seoul") throw new Error("zone");',
            'process.stdout.write(String(Object.keys(require.cache).filter((k) => k.includes("@pulumi")).length));',
        ].join("\n");
        const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" } });
        expect(r.status, r.stderr).to.equal(0);
        expect(r.stdout).to.equal("0");
    });
});
