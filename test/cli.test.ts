import { expect } from "chai";
import { runPlanCli } from "./helpers/planCli";
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
        expect(doc.resources.filter((x: { type: string }) => x.type === "aws:autoscaling/schedule:Schedule")).to.have.length(18);
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
