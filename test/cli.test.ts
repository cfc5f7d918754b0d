import { expect } from "chai";
import { runPlanCli } from "./helpers/planCli";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");

const plan = runPlanCli;

describe("plan CLI", () => {
    it("--json prints one JSON document on stdout and exits 0", () => {
        const r = plan("--stack", "matchday", "--json", "--now", "2027-03-20T00:00:00Z");
        expect(r.code, r.stderr).to.equal(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.project).to.equal("kgsports");
        expect(doc.stack).to.equal("matchday");
        expect(doc.resources.length).to.be.greaterThan(15);
        expect(r.stderr).to.contain("note: ");
        // 9 nights x 5 actions (prewarm, rampup1, rampup2, kickoff, fulltime; no release: the matchday target,
        // 1200 / (2000 x 1) = 0.6, keeps the N+1 reserve after the early release by itself).
        expect(doc.resources.filter((x: { type: string }) => x.type === "aws:autoscaling/schedule:Schedule")).to.have.length(45);
    });

    it("--now must be a UTC or offset time", () => {
        const r = plan("--stack", "dev", "--now", "next tuesday");
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain("--now");
    });

    it("invalid config exits 1 with the message and no plan, no stack trace", () => {
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8").replace(/kgsports:desiredCapacity: \d+/, "kgsports:desiredCapacity: 300");
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-")), "Pulumi.matchday.yaml");
        fs.writeFileSync(file, text);
        const r = plan("--stack", "matchday", "--config-file", file);
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal("");
        expect(r.stderr).to.contain('Stack "matchday" has invalid config').and.contain('kgsports:desiredCapacity = "300": is above kgsports:maxSize = 240');
        expect(r.stderr).to.not.match(/\bat .*\.(ts|js):\d+/);
    });

    it("a usage error exits 2 and prints the usage", () => {
        const r = plan("--stak", "dev");
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain("usage: npm run plan");
    });
});

/** Runs the capacity command as `npm run capacity -- ...` does. */
function capacity(...args: string[]): { code: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "stacks/cli/capacity.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("capacity CLI", function () {
    // Each run starts ts-node and simulates every window: seconds, more on a busy machine.
    this.timeout(120_000);

    it("exits 0 when covered, removes the stack's old charts first and writes one per scenario", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-capacity-"));
        // A chart of a fixture since removed, another stack's chart, and a file that is no chart.
        fs.writeFileSync(path.join(out, "matchday-removed-fixture-x1.0.svg"), "<svg/>");
        fs.writeFileSync(path.join(out, "matchday-ucl-final-x1.0-normal-time.svg"), "<svg/>");
        fs.writeFileSync(path.join(out, "dev-something-x1.0.svg"), "<svg/>");
        fs.writeFileSync(path.join(out, "matchday-notes.txt"), "keep");
        const r = capacity("--stack", "matchday", "--now", "2027-03-20T00:00:00Z", "--out", out);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.match(/\nVERDICT: covered: all \d+ scenarios the fixtures ask for/);
        const charts = fs.readdirSync(out).filter((f) => f.startsWith("matchday-") && f.endsWith(".svg"));
        expect(r.stdout).to.contain(`\n${charts.length} charts written to ${out}/ (open them in a browser); 2 old charts of stack "matchday" removed from ${out}/ first\n`);
        expect(charts).to.not.include("matchday-removed-fixture-x1.0.svg");
        expect(charts).to.include("matchday-ucl-final-x1.5-extra-time.svg");
        expect(charts.filter((f) => f.endsWith("-normal-time.svg"))).to.have.length(charts.length / 2);
        expect(fs.readFileSync(path.join(out, "matchday-ucl-final-x1.0-normal-time.svg"), "utf8")).to.match(/^<\?xml/);
        expect(fs.readdirSync(out)).to.include.members(["dev-something-x1.0.svg", "matchday-notes.txt"]);
    });

    it("exits 4 when a scenario a fixture asks for is not covered, and still writes the report and charts", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-capacity-"));
        // Deployed 5 minutes before the final's kickoff: its floor cannot be in service in time.
        const r = capacity("--stack", "matchday", "--now", "2027-05-29T18:55:00Z", "--out", out);
        expect(r.code, r.stderr).to.equal(4);
        expect(r.stderr).to.equal("");
        expect(r.stdout).to.match(/\nVERDICT: NOT COVERED: UCL final, x1\.0, normal time: \d+ min under, worst [\d.]+ %\n/);
        expect(r.stdout).to.match(/\nVERDICT: NOT COVERED: UCL final, x1\.5, extra time: \d+ min under, worst [\d.]+ %\n/);
        expect(fs.readdirSync(out)).to.include("matchday-ucl-final-x1.0-normal-time.svg");
    });

    it("documents the exit codes in its usage, and a usage error exits 2", () => {
        const help = capacity("--help");
        expect(help.code).to.equal(0);
        expect(help.stdout).to.contain("usage: npm run capacity").and.match(/4 NOT COVERED/).and.contain("1 invalid config").and.contain("(<stack>-*.svg) are removed first");
        const bad = capacity("--stak", "matchday");
        expect(bad.code).to.equal(2);
        expect(bad.stderr).to.contain("usage: npm run capacity");
    });
});
