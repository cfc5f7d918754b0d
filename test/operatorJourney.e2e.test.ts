/**
 * The operator's journey before a match, end to end through the real command-line
 * entry points (the same files `npm run plan`, `npm run capacity` and `npm run
 * freeze-check` start), on a temporary copy of the committed matchday stack file:
 *
 * 1. add the round-of-16 second leg as the team types it (`2027-03-11 05:00`, Korea
 *    time without an offset, at the top of the list) and read `plan --diff --base
 *    <commit>`: refused, in one run, with the exact kickoff string to write and the
 *    maxSize that fits; write both as told;
 * 2. the diff leads with the summary and the scheduled actions, dashboard churn is one
 *    line, and the check passes (exit 0);
 * 3. `capacity` covers the night;
 * 4. `freeze-check` at a local time before the window lets the deploy go, and at a
 *    local time inside it refuses (exit 4);
 * 5. the first edit with the wrong year fails the diff with its own exit code (5) and a
 *    line that says "check the year" (not "raise maxSize": a past fixture is not sized);
 *    `freeze-check` warns about the past fixture.
 *
 * Each step is a subprocess of a few seconds: the journey is one `describe` with its
 * steps in order, sharing the temporary file.
 */
import { expect } from "chai";
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");

function run(cli: "plan" | "capacity" | "freezeCheck", ...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", `stacks/cli/${cli}.ts`, ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true", GITHUB_STEP_SUMMARY: "", GITHUB_ACTOR: "" },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The new fixture as an operator types it under `kgsports:fixtures:` (first in the list). */
function withR16(text: string, kickoff: string, timeZone?: string): string {
    const entry =
        "    - name: UCL R16 second leg\n" +
        `      kickoff: "${kickoff}"\n` +
        (timeZone === undefined ? "" : `      timeZone: ${timeZone}\n`) +
        "      expectedPeakViewers: 420000\n";
    const at = text.indexOf("  kgsports:fixtures:\n");
    expect(at, "the shipped file lists fixtures").to.be.greaterThan(0);
    const after = at + "  kgsports:fixtures:\n".length;
    return text.slice(0, after) + entry + text.slice(after);
}

/**
 * What the night of 420 000 needs raised: maxSize for its floor, and the user store's writes
 * (7 438 a second at its busiest at x2.5; step 1b shows the plan naming 8000).
 */
const RAISED = "kgsports:maxSize: 400\n  kgsports:userStoreWarmWriteUnitsPerSecond: 8000";

describe("the operator's journey before a match (plan --diff, capacity, freeze-check)", function () {
    // Seven subprocesses, each loading the program: seconds each on a busy 2-core machine.
    this.timeout(180_000);

    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const committed = execFileSync("git", ["show", `${commit}:./Pulumi.matchday.yaml`], { cwd: ROOT, encoding: "utf8" });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-journey-"));
    const file = path.join(dir, "Pulumi.matchday.yaml");
    // A week before the match, in the team's zone.
    const NOW = "2027-03-04T10:00:00+09:00";
    const diff = () => run("plan", "--stack", "matchday", "--config-file", file, "--diff", "--base", commit, "--now", NOW);

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("1. typed as the team says it, at 420 000 viewers: refused in one run, with the kickoff to write and the maxSize that fits", () => {
        fs.writeFileSync(file, withR16(committed, "2027-03-11 05:00"));
        const r = diff();
        expect(r.code, r.stderr).to.equal(1);
        expect(r.stdout).to.equal("");
        // Read in the display zone (Asia/Seoul, +09:00 in March), written out in full.
        expect(r.stderr).to.contain('kgsports:fixtures["UCL R16 second leg"].kickoff').and.contain('"2027-03-11T05:00:00+09:00"');
        // 420 000 x 1.2 / 2 000 = 252 in two of three zones: 378 instances.
        expect(r.stderr).to.contain('kgsports:fixtures["UCL R16 second leg"].expectedPeakViewers').and.contain("raise kgsports:maxSize to at least 378");
        expect(r.stderr).to.not.match(/\bat .*\.(ts|js):\d+/);
    });

    it("1b. with the kickoff written out and maxSize raised, the plan names what the user store needs for the night", () => {
        fs.writeFileSync(file, withR16(committed, "2027-03-11T05:00:00+09:00").replace("kgsports:maxSize: 240", "kgsports:maxSize: 400"));
        const r = diff();
        expect(r.code, r.stderr).to.equal(1);
        expect(r.stderr).to.contain("kgsports:userStoreWarmWriteUnitsPerSecond = 4000").and.contain('"UCL R16 second leg" at x2.5').and.contain("set it to at least 8000");
        expect(r.stderr).to.not.match(/\bat .*\.(ts|js):\d+/);
    });

    it("2. with maxSize and the user store raised, the diff leads with the summary and the new scheduled actions and passes", () => {
        fs.writeFileSync(file, withR16(committed, "2027-03-11T05:00:00+09:00").replace("kgsports:maxSize: 240", RAISED));
        const r = diff();
        expect(r.code, r.stderr).to.equal(0);
        const lines = r.stdout.split("\n");
        // The new fixture's 5 scheduled actions and its reservations' 5 schedules (LCU request and
        // reset, an instance reservation in each of 3 zones).
        expect(lines[0]).to.match(/^Stack "matchday": .* against .*: 10 added, 0 removed, \d+ changed\.$/);
        // 05:00 in Seoul is 20:00 UTC the day before.
        const summary = lines.findIndex((l) => l.includes('"UCL R16 second leg"') && l.includes("2027-03-10 20:00Z"));
        const firstAction = lines.findIndex((l) => l.startsWith("+ scheduled action prewarm-ucl-r16-second-leg"));
        const firstOther = lines.findIndex((l) => /^[~+-] (?!scheduled action)/.test(l));
        expect(summary, r.stdout).to.be.greaterThan(0);
        expect(firstAction, r.stdout).to.be.greaterThan(summary);
        expect(firstOther, r.stdout).to.be.greaterThan(firstAction);
        // Five actions for the new night, all before any other resource.
        expect(lines.filter((l) => l.startsWith("+ scheduled action ") && l.includes("-ucl-r16-second-leg"))).to.have.length(5);
        // The ten annotations that only moved are not changes; the two new ones are one line.
        const dashboard = lines.filter((l) => l.includes("dashboardBody") || /^~ dashboard /.test(l));
        expect(dashboard, r.stdout).to.have.length(1);
        expect(r.stdout).to.not.contain("NO CAPACITY");
    });

    it("3. capacity covers the night", () => {
        const out = fs.mkdtempSync(path.join(dir, "out-"));
        const r = run("capacity", "--stack", "matchday", "--config-file", file, "--now", NOW, "--out", out);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.contain("UCL R16 second leg (kickoff 2027-03-10 20:00Z");
        expect(r.stdout).to.match(/\nVERDICT: covered/);
    });

    it("4. freeze-check: a deploy at a local time before the window may go; one inside it is refused", () => {
        const before = run("freezeCheck", "--stack", "matchday", "--config-file", file, "--now", "2027-03-10 09:00");
        expect(before.code, before.stderr).to.equal(0);
        // The local time is read in the display zone, and the output says so.
        expect(before.stderr + before.stdout).to.contain("Asia/Seoul").and.contain("2027-03-10T00:00:00Z");
        const inside = run("freezeCheck", "--stack", "matchday", "--config-file", file, "--now", "2027-03-11 04:30");
        expect(inside.code, inside.stdout).to.equal(4);
        expect(inside.stderr).to.contain("UCL R16 second leg");
    });

    it("5. the first edit with the wrong year fails the diff (exit 5, not a maxSize to raise) and freeze-check warns", () => {
        // maxSize left at 240: a past fixture is not sized, so the year is what the operator is told about.
        fs.writeFileSync(file, withR16(committed, "2026-03-11T05:00:00", "Asia/Seoul"));
        const r = diff();
        expect(r.code, r.stdout + r.stderr).to.equal(5);
        const line = r.stdout.split("\n").find((l) => l.includes("NO CAPACITY"));
        // In UTC and in the display zone, with the year that was likely meant.
        expect(line, r.stdout).to.contain('"UCL R16 second leg"').and.contain("2026-03-10 20:00Z (2026-03-11 05:00").and.contain("check the year (2027-03-11?)");
        expect(r.stdout + r.stderr).to.not.contain("raise kgsports:maxSize");
        const freeze = run("freezeCheck", "--stack", "matchday", "--config-file", file, "--now", NOW);
        expect(freeze.code, freeze.stderr).to.equal(0);
        expect(freeze.stderr).to.contain('"UCL R16 second leg"').and.contain("check the year");
    });
});
