/**
 * The matchday deploy freeze: the decision (stacks/deploy/freeze.ts) at fixed clocks
 * around known fixtures, and `npm run freeze-check` (stacks/cli/freezeCheck.ts) as the
 * deploy workflow runs it.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { estimateInstanceRefreshMinutes } from "@kgsports/scaling-web-tier";
import { decideDeployFreeze, FreezeInput, FreezeVerdict, formatDuration, freezeInputFromSettings, normaliseReason } from "../stacks/deploy/freeze";
import { loadStackSettings, LoadedStack } from "../stacks/plan/planStack";

const ROOT = path.join(__dirname, "..");

/**
 * The test's fixtures (times UTC): the final alone; two semi-finals whose windows
 * overlap (one merged window); and a late friendly whose pre-warm comes within a
 * refresh time of the semis' release, so the freezes run into each other.
 *
 * With a 70-minute pre-warm lead, 165-minute window and 30-minute release delay:
 * - semis: pre-warm 05-04 17:50, kickoffs 19:00 and 20:00, release 23:15
 * - friendly: kickoff 05-05 00:30, pre-warm 05-04 23:20, release 05-05 03:45
 * - final: pre-warm 05-29 17:50, kickoff 19:00, release 22:15
 * A refresh of the 6-instance baseline fleet with a 180 s warmup takes 6 x (7 + 3) = 60 minutes.
 */
const FIXTURES = [
    { name: "Semi-final A", kickoff: "2027-05-04T21:00:00+02:00", expectedPeakViewers: 100000 },
    { name: "Semi-final B", kickoff: "2027-05-04T22:00:00+02:00", expectedPeakViewers: 80000 },
    { name: "Pacific friendly", kickoff: "2027-05-05T00:30:00Z", expectedPeakViewers: 30000 },
    { name: "Final", kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Paris", expectedPeakViewers: 150000, surgeFactor: 1.5 },
];

/** The shipped matchday file with the test's fixtures and the sizing keys the expectations rely on. */
function writeConfig(overrides: Record<string, unknown> = {}): string {
    const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8")) as { config: Record<string, unknown> };
    Object.assign(doc.config, {
        "kgsports:fixtures": FIXTURES,
        "kgsports:minSize": 6,
        "kgsports:desiredCapacity": 6,
        "kgsports:maxSize": 240,
        "kgsports:instanceWarmupSeconds": 180,
        "kgsports:viewersPerInstance": 2000,
        "kgsports:headroomPercent": 20,
        "kgsports:availabilityZoneCount": 3,
        "kgsports:preWarmLeadMinutes": 70,
        "kgsports:matchWindowMinutes": 165,
        "kgsports:releaseDelayMinutes": 30,
        "kgsports:displayTimeZone": "Asia/Seoul",
        ...overrides,
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-freeze-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}

const CONFIG = writeConfig();

function load(now: string, configFile: string = CONFIG, stack = "matchday"): LoadedStack {
    const loaded = loadStackSettings({ stack, configFile, now: new Date(now) });
    if (!loaded.ok) throw new Error(loaded.message);
    return loaded.loaded;
}

function inputAt(now: string, extra: { override?: string; actor?: string } = {}, configFile: string = CONFIG): FreezeInput {
    const l = load(now, configFile);
    const size = (k: string) => Number(l.config.values[`kgsports:${k}`]);
    return freezeInputFromSettings(l.settings, { min: size("minSize"), desired: size("desiredCapacity"), max: size("maxSize") }, extra);
}

function decideAt(now: string, extra: { override?: string; actor?: string } = {}): FreezeVerdict {
    return decideDeployFreeze(inputAt(now, extra));
}

describe("deploy freeze: the decision at fixed clocks", () => {
    it("the baseline refresh estimate the expectations rely on is 60 minutes (6 instances, 180 s warmup)", () => {
        expect(estimateInstanceRefreshMinutes({ fleetSize: 6, instanceWarmupSeconds: 180 })).to.equal(60);
    });

    it("inside a match window: refused, naming the fixture, its times in UTC and the display zone, and when the freeze ends", () => {
        const v = decideAt("2027-05-29T19:30:00Z");
        expect(v.kind).to.equal("frozen");
        if (v.kind !== "frozen") return;
        expect(v.allowed).to.equal(false);
        expect(v.inWindow).to.equal(true);
        expect(v.freeze.fixtures).to.deep.equal(["Final"]);
        expect(v.freeze.until.toISOString()).to.equal("2027-05-29T22:15:00.000Z");
        expect(v.line.split("\n")).to.have.length(1);
        expect(v.line).to.match(/^FROZEN: no deploy of stack "matchday" now \(2027-05-29 19:30Z \(2027-05-30 04:30 UTC\+09:00\)\): it is inside the match window of "Final" /);
        expect(v.line)
            .to.contain("pre-warm 2027-05-29 17:50Z (2027-05-30 02:50 UTC+09:00)")
            .and.contain("kickoff 2027-05-29 19:00Z (2027-05-30 04:00 UTC+09:00)")
            .and.contain("the freeze ends at 2027-05-29 22:15Z (2027-05-30 07:15 UTC+09:00), in 2 h 45 min")
            .and.contain('--override "<reason>"');
    });

    it("just before the pre-warm, within the refresh estimate: refused, saying a refresh started now would still run at the pre-warm", () => {
        const v = decideAt("2027-05-29T17:00:00Z");
        expect(v.kind).to.equal("frozen");
        if (v.kind !== "frozen") return;
        expect(v.inWindow).to.equal(false);
        expect(v.freeze.refreshMinutes).to.equal(60);
        expect(v.freeze.from.toISOString()).to.equal("2027-05-29T16:50:00.000Z");
        expect(v.line)
            .to.contain('it is in the freeze before "Final"')
            .and.contain("a rolling instance refresh of 6 instances takes about 60 minutes")
            .and.contain("the freeze began at 2027-05-29 16:50Z (2027-05-30 01:50 UTC+09:00)")
            .and.contain("the freeze ends at 2027-05-29 22:15Z (2027-05-30 07:15 UTC+09:00), in 5 h 15 min");
    });

    it("the freeze starts exactly at the pre-warm minus the refresh estimate: a minute earlier the deploy may go, with a minute left", () => {
        const before = decideAt("2027-05-29T16:49:00Z");
        expect(before.kind).to.equal("clear");
        if (before.kind !== "clear") return;
        expect(before.minutesUntilFreeze).to.equal(1);
        expect(before.line).to.contain("the freeze starts at 2027-05-29 16:50Z (2027-05-30 01:50 UTC+09:00)").and.contain("in 1 min");
        expect(decideAt("2027-05-29T16:50:00Z").kind).to.equal("frozen");
    });

    it("just after the release: clear, and with no window ahead it says every fixture is past", () => {
        expect(decideAt("2027-05-29T22:14:00Z").kind).to.equal("frozen");
        const v = decideAt("2027-05-29T22:15:00Z");
        expect(v.kind).to.equal("clear");
        if (v.kind !== "clear") return;
        expect(v.next).to.equal(undefined);
        expect(v.line).to.equal('clear: stack "matchday" may deploy now (2027-05-29 22:15Z (2027-05-30 07:15 UTC+09:00)): no match window ahead (all 4 fixtures are past)');
    });

    it("far outside: clear, naming the next window and how long until its freeze starts", () => {
        const v = decideAt("2027-03-20T00:00:00Z");
        expect(v.kind).to.equal("clear");
        if (v.kind !== "clear") return;
        expect(v.allowed).to.equal(true);
        expect(v.next?.fixtures).to.deep.equal(["Semi-final A", "Semi-final B", "Pacific friendly"]);
        expect(v.next?.from.toISOString()).to.equal("2027-05-04T16:50:00.000Z");
        expect(v.minutesUntilFreeze).to.equal((45 * 24 + 16) * 60 + 50);
        expect(v.line).to.equal(
            'clear: stack "matchday" may deploy now (2027-03-20 00:00Z (2027-03-20 09:00 UTC+09:00)): the next match window is "Semi-final A" + "Semi-final B" ' +
                "(pre-warm 2027-05-04 17:50Z (2027-05-05 02:50 UTC+09:00), kickoff 2027-05-04 19:00Z (2027-05-05 04:00 UTC+09:00), release 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00)); " +
                "the freeze starts at 2027-05-04 16:50Z (2027-05-05 01:50 UTC+09:00) (the pre-warm minus about 60 minutes of rolling instance refresh for 6 instances), in 45 d 16 h 50 min",
        );
    });

    it("the announced start is right: a minute before it the deploy may go, at it the deploy is refused", () => {
        const v = decideAt("2027-03-20T00:00:00Z");
        if (v.kind !== "clear" || v.next === undefined) throw new Error(`expected a next freeze: ${v.line}`);
        const from = v.next.from.getTime();
        expect(decideAt(new Date(from - 60_000).toISOString()).kind).to.equal("clear");
        expect(decideAt(new Date(from).toISOString()).kind).to.equal("frozen");
    });

    it("overlapping fixtures are one window; a freeze that runs into the next window's freeze ends at that window's release", () => {
        const v = decideAt("2027-05-04T20:30:00Z");
        expect(v.kind).to.equal("frozen");
        if (v.kind !== "frozen") return;
        expect(v.inWindow).to.equal(true);
        expect(v.freeze.window.fixtures).to.deep.equal(["Semi-final A", "Semi-final B"]);
        expect(v.freeze.fixtures).to.deep.equal(["Semi-final A", "Semi-final B", "Pacific friendly"]);
        expect(v.freeze.until.toISOString()).to.equal("2027-05-05T03:45:00.000Z");
        expect(v.line)
            .to.contain('inside the match window of "Semi-final A" + "Semi-final B" (pre-warm 2027-05-04 17:50Z')
            .and.contain("release 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00)")
            .and.contain('the freeze ends at 2027-05-05 03:45Z (2027-05-05 12:45 UTC+09:00) (the freeze runs on through "Pacific friendly"), in 7 h 15 min');
        // Between the two windows no deploy may run either.
        expect(decideAt("2027-05-04T23:16:00Z").kind).to.equal("frozen");
        expect(decideAt("2027-05-05T03:45:00Z").kind).to.equal("clear");
    });

    it("within the minimum lead the window's floor is the fleet a refresh would replace, so the estimate grows", () => {
        const v = decideAt("2027-05-29T17:30:00Z");
        if (v.kind !== "frozen") throw new Error(v.line);
        expect(v.freeze.fleetSize).to.be.greaterThan(6);
        expect(v.freeze.refreshMinutes).to.equal(estimateInstanceRefreshMinutes({ fleetSize: v.freeze.fleetSize, instanceWarmupSeconds: 180 }));
        expect(v.line).to.contain(`a rolling instance refresh of ${v.freeze.fleetSize} instances takes about ${v.freeze.refreshMinutes} minutes`);
    });

    it("agrees with the program's own launch template freeze at every 10 minutes from before the semis to after the friendly", () => {
        const start = Date.parse("2027-05-04T15:00:00Z");
        const end = Date.parse("2027-05-05T05:00:00Z");
        let frozen = 0;
        for (let t = start; t <= end; t += 10 * 60_000) {
            const now = new Date(t).toISOString();
            const l = load(now);
            const size = (k: string) => Number(l.config.values[`kgsports:${k}`]);
            const v = decideDeployFreeze(freezeInputFromSettings(l.settings, { min: size("minSize"), desired: size("desiredCapacity"), max: size("maxSize") }));
            const program = l.settings.web.launchTemplateFreeze;
            expect(v.allowed, `at ${now}: ${v.line}`).to.equal(program === undefined);
            if (v.kind === "frozen" && program !== undefined) expect(v.freeze.window.fixtures, now).to.deep.equal(program.window.fixtures);
            if (!v.allowed) frozen++;
        }
        // 16:50 to 03:45 is frozen: 16:50 to 03:40, 66 of the 85 instants.
        expect(frozen).to.equal(66);
    });

    it("an override with a reason lets the deploy through inside a freeze, with the reason and who gave it in the line and the summary", () => {
        const v = decideAt("2027-05-29T19:30:00Z", { override: "  hotfix for the\nplayer <crash>  ", actor: "alice" });
        expect(v.kind).to.equal("overridden");
        if (v.kind !== "overridden") return;
        expect(v.allowed).to.equal(true);
        expect(v.reason).to.equal("hotfix for the player <crash>");
        expect(v.line).to.match(/^OVERRIDE: stack "matchday" deploys now \(2027-05-29 19:30Z .*inside the match window of "Final" .*the freeze ends at 2027-05-29 22:15Z .*\. Reason by alice: "hotfix for the player <crash>"$/);
        expect(v.summary).to.contain("**Freeze overridden** by alice").and.contain("> Reason: hotfix for the player &lt;crash&gt;").and.not.contain("<crash>");
    });

    it("an override without a reason is refused, inside a freeze or not", () => {
        for (const now of ["2027-05-29T19:30:00Z", "2027-03-20T00:00:00Z"]) {
            for (const override of ["", "   ", "\n\t"]) {
                const v = decideAt(now, { override });
                expect(v.kind, `${now} ${JSON.stringify(override)}`).to.equal("override-without-reason");
                expect(v.allowed).to.equal(false);
                expect(v.line).to.contain("--override needs a reason");
            }
        }
    });

    it("an override outside a freeze is not needed: clear, and the reason is still on record", () => {
        const v = decideAt("2027-03-20T00:00:00Z", { override: "catch-up deploy", actor: "bob" });
        expect(v.kind).to.equal("clear");
        expect(v.line).to.contain('override not needed (reason given by bob: "catch-up deploy")');
        expect(v.summary).to.contain("catch-up deploy");
    });

    it("a stack without fixtures (dev) passes with a line saying so", () => {
        const l = loadStackSettings({ stack: "dev", now: new Date("2027-05-29T19:30:00Z") });
        if (!l.ok) throw new Error(l.message);
        const v = decideDeployFreeze(freezeInputFromSettings(l.loaded.settings, { min: 1, desired: 2, max: 4 }));
        expect(v.kind).to.equal("no-fixtures");
        expect(v.allowed).to.equal(true);
        expect(v.line).to.equal('clear: stack "dev" has no fixtures (kgsports:fixtures is empty), so there is no match window and no freeze');
    });

    it("durations and reasons read as a person writes them", () => {
        expect(formatDuration(0)).to.equal("less than a minute");
        expect(formatDuration(59_999)).to.equal("less than a minute");
        expect(formatDuration(45 * 60_000)).to.equal("45 min");
        expect(formatDuration(120 * 60_000)).to.equal("2 h");
        expect(formatDuration((3 * 1440 + 4 * 60 + 10) * 60_000)).to.equal("3 d 4 h 10 min");
        expect(normaliseReason(" a\r\n b\u0007 ")).to.equal("a b");
    });
});

// --- The command, as the deploy workflow runs it ------------------------------------------

function freezeCheck(args: string[], env: Record<string, string | undefined> = {}): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "stacks/cli/freezeCheck.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", GITHUB_STEP_SUMMARY: "", GITHUB_ACTOR: "", ...env },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run freeze-check", function () {
    this.timeout(60_000);

    it("package.json runs this command as `freeze-check`", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
        expect(pkg.scripts["freeze-check"]).to.equal("node -r ts-node/register/transpile-only stacks/cli/freezeCheck.ts");
    });

    it("inside a window: exits 4 with the refusal as the last line on stderr (after a warning per past fixture) and appends it to the job summary", () => {
        const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-summary-")), "summary.md");
        fs.writeFileSync(summary, "earlier step\n");
        const r = freezeCheck(["--stack", "matchday", "--config-file", CONFIG, "--now", "2027-05-29T19:30:00Z"], { GITHUB_STEP_SUMMARY: summary });
        expect(r.code, r.stderr).to.equal(4);
        expect(r.stdout).to.equal("");
        // On 29 May the semi-finals and the friendly of early May are past: one warning each, then the verdict.
        const lines = r.stderr.trimEnd().split("\n");
        expect(lines.slice(0, -1).map((l) => /^warning: fixture "([^"]+)"/.exec(l)?.[1])).to.deep.equal(["Semi-final A", "Semi-final B", "Pacific friendly"]);
        expect(lines[lines.length - 1]).to.match(/^FROZEN: .*"Final".*the freeze ends at 2027-05-29 22:15Z \(2027-05-30 07:15 UTC\+09:00\)/);
        const written = fs.readFileSync(summary, "utf8");
        expect(written.startsWith("earlier step\n### Freeze check: matchday\n")).to.equal(true);
        expect(written).to.contain("**Refused**");
    });

    it("outside: exits 0 with the next window and how long until the freeze starts", () => {
        const r = freezeCheck(["--stack", "matchday", "--config-file", CONFIG, "--now", "2027-03-20T00:00:00Z"]);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.match(/^clear: stack "matchday" may deploy now .*the next match window is "Semi-final A" \+ "Semi-final B" .*in 45 d 16 h 50 min\n$/);
    });

    it("--override \"<reason>\" inside a window: exits 0, prints the reason and appends it, with the actor, to $GITHUB_STEP_SUMMARY", () => {
        const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-summary-")), "summary.md");
        const r = freezeCheck(["--stack", "matchday", "--config-file", CONFIG, "--now", "2027-05-29T19:30:00Z", "--override", "security fix CVE-2027-1234"], {
            GITHUB_STEP_SUMMARY: summary,
            GITHUB_ACTOR: "alice",
        });
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.match(/^OVERRIDE: .*"Final".*Reason by alice: "security fix CVE-2027-1234"\n$/);
        const written = fs.readFileSync(summary, "utf8");
        expect(written).to.contain("### Freeze check: matchday").and.contain("**Freeze overridden** by alice").and.contain("> Reason: security fix CVE-2027-1234");
    });

    it("--override without a reason (bare, or empty) exits 2 and deploys nothing", () => {
        for (const args of [["--override"], ["--override", ""], ["--override", "--now", "2027-05-29T19:30:00Z"]]) {
            const r = freezeCheck(["--stack", "matchday", "--config-file", CONFIG, "--now", "2027-05-29T19:30:00Z", ...args]);
            expect(r.code, `${args.join(" ")}: ${r.stderr}`).to.equal(2);
            expect(r.stderr).to.contain("--override needs a reason");
        }
    });

    it("dev (no fixtures) exits 0 saying so", () => {
        const r = freezeCheck(["--stack", "dev", "--now", "2027-05-29T19:30:00Z"]);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.equal('clear: stack "dev" has no fixtures (kgsports:fixtures is empty), so there is no match window and no freeze\n');
    });

    it("bad config exits 1 with the plan's message (stack, key, what is allowed) and no stack trace", () => {
        const bad = writeConfig({ "kgsports:maxSzie": 10, "kgsports:fixtures": [{ name: "Final", kickoff: "2027-05-29T21:00:00+01:00", timeZone: "Europe/Paris", expectedPeakViewers: 1000 }] });
        const r = freezeCheck(["--stack", "matchday", "--config-file", bad, "--now", "2027-03-20T00:00:00Z"]);
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal("");
        expect(r.stderr).to.contain('Stack "matchday" has invalid config').and.contain("kgsports:maxSzie: unknown key; did you mean kgsports:maxSize?");
        expect(r.stderr).to.contain('kgsports:fixtures["Final"].kickoff').and.contain("allowed:");
        expect(r.stderr).to.not.match(/\n\s+at /);
    });

    it("usage errors exit 2 with the usage", () => {
        const noStack = freezeCheck(["--now", "2027-03-20T00:00:00Z"]);
        expect(noStack.code).to.equal(2);
        expect(noStack.stderr).to.contain("--stack is required").and.contain("usage: npm run freeze-check");
        const badNow = freezeCheck(["--stack", "matchday", "--now", "tomorrow"]);
        expect(badNow.code).to.equal(2);
        expect(badNow.stderr).to.contain('--now "tomorrow"');
    });
});
