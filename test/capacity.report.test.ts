import { expect } from "chai";
import { capacityReport, fixedInstancesOf, REPORT_SURGES } from "../stacks/capacity/report";
import { loadStackSettings } from "../stacks/plan/planStack";
import { TEST_NOW } from "./helpers/declare";

function settingsOf(stack: string, now = TEST_NOW) {
    const loaded = loadStackSettings({ stack, now });
    if (!loaded.ok) throw new Error(loaded.message);
    return loaded.loaded.settings;
}

describe("capacity report", () => {
    it("lists every scheduled action the stack declares and simulates each upcoming fixture at 1.0, 1.5 and 2.5", () => {
        const s = settingsOf("matchday");
        const report = capacityReport(s);
        // Each action as a readable line: UTC and Seoul time, the name, the minimum before and after.
        for (const a of s.matchday.schedule.actions) {
            const utc = `${a.startTime.slice(0, 10)} ${a.startTime.slice(11, 16)}Z`;
            expect(report.text).to.match(new RegExp(`${utc} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d [^)]+\\)  ${a.name} +minimum ${a.previousMinSize} -> ${a.minSize}`));
        }
        expect(report.text).to.contain("2027-05-29 17:50Z (2027-05-30 02:50 UTC+09:00)  prewarm-ucl-final");
        const fixtures = s.matchday.schedule.windows.flatMap((w) => w.fixtures);
        expect(fixtures.length).to.equal(9);
        expect(report.charts).to.have.length(fixtures.length * REPORT_SURGES.length);
        for (const c of report.charts) expect(c.svg).to.match(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
        expect(new Set(report.charts.map((c) => c.fileName)).size).to.equal(report.charts.length);
    });

    it("reports the shipped plan covering every minute at surge 1.0 and 1.5", () => {
        const report = capacityReport(settingsOf("matchday"));
        const lines = report.text.split("\n").filter((l) => l.startsWith("  this project's schedule:"));
        expect(lines).to.have.length(9);
        for (const l of lines) expect(l).to.contain("x1.0: 0 min under, x1.5: 0 min under");
    });

    it("shows the on-premise split, and losing the servers at the busiest minute of every night and surge", () => {
        const report = capacityReport(settingsOf("matchday"));
        // matchday: weights 90 / 10, 48 000 viewers on-premise, failover after 2 alarm minutes (4 in all).
        expect(report.text).to.contain("On-premise servers (HybridLink): 10.0 % of requests (weights cloud 90, on-premise 10), carrying up to 48000 viewers");
        expect(report.text).to.contain("the 4 minutes until the failover");
        const lines = report.text.split("\n").filter((l) => l.startsWith("  on-premise x"));
        expect(lines).to.have.length(9 * 3);
        // 10 % of the audience stays within 48 000 even at 2.5x; losing them is 10 % short for the 4 failover minutes only.
        for (const l of lines) expect(l).to.match(/within their 48000; lost at minute \d+ \(\d+ viewers\): 4 min short, worst 10\.0 %, all served again 4 min after the loss$/);
        expect(capacityReport(settingsOf("dev")).text).to.not.contain("On-premise servers");
    });

    it("counts today's on-premise servers in instances' worth", () => {
        const s = settingsOf("matchday");
        expect(fixedInstancesOf(s)).to.equal(Math.floor(48000 / 2000));
    });

    it("says so when a stack has no fixtures", () => {
        const report = capacityReport(settingsOf("dev"));
        expect(report.text).to.contain("No fixtures");
        expect(report.charts).to.deep.equal([]);
    });

    it("leaves passed fixtures out of the simulation, and lists them at the top", () => {
        const report = capacityReport(settingsOf("matchday", new Date("2027-05-10T00:00:00Z")));
        expect(report.charts.map((c) => c.fileName)).to.deep.equal(REPORT_SURGES.map((x) => `matchday-ucl-final-x${x.toFixed(1)}.svg`));
        const lines = report.text.split("\n");
        expect(lines.slice(1, 9).every((l) => l.startsWith("PAST FIXTURE "))).to.equal(true);
        expect(lines[1]).to.contain("\"UCL quarter-final first legs (Tue)\": kickoff 2027-04-06 19:00Z (2027-04-07 04:00");
    });
});
