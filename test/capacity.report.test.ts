import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PlatformSettings } from "../stacks/config/settings";
import { DAYS_PER_MONTH } from "../stacks/capacity/cost";
import { formatUsd } from "../stacks/capacity/money";
import { askedSurges, capacityReport, chartFileName, fixedInstancesOf, formatSurge, REPORT_SURGES, windowSurges } from "../stacks/report/capacityReport";
import { PESSIMISTIC_SIMULATION_PARAMS, DEFAULT_SIMULATION_PARAMS, strategyResult } from "../stacks/capacity/simulation";
import { loadStackSettings } from "../stacks/plan/planStack";
import { TEST_NOW } from "./helpers/declare";

const ROOT = path.join(__dirname, "..");

function settingsOf(stack: string, now = TEST_NOW, configFile?: string): PlatformSettings {
    const loaded = loadStackSettings({ stack, now, configFile });
    if (!loaded.ok) throw new Error(loaded.message);
    return loaded.loaded.settings;
}

/** Prices whose products are exact in binary, so money can be checked to the cent. */
const PRICES = { instanceHourUsd: 0.125, instanceHourSource: "test price", volumeGiBMonthUsd: 0.0625, volumeSource: "test volume price" };

function withPrices(s: PlatformSettings): PlatformSettings {
    return { ...s, cost: { ...s.cost, prices: PRICES } };
}

/** The shipped matchday config with one fixture's surgeFactor changed, as a file. */
function matchdayWithSurgeFactor(fixture: string, surgeFactor: number): string {
    const text = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8");
    const block = new RegExp(`(- name: ${fixture.replace(/[()]/g, "\\$&")}\\n(?:      (?!surgeFactor)\\S.*\\n)*)(      surgeFactor: .*\\n)?`);
    expect(text).to.match(block);
    const changed = text.replace(block, (_, head: string) => `${head}      surgeFactor: ${surgeFactor}\n`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-report-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, changed);
    return file;
}

/** A deploy 5 minutes before the final's kickoff (2027-05-29 19:00Z): too late for its floor to be in service in time. */
const LATE_FOR_THE_FINAL = new Date("2027-05-29T18:55:00Z");

describe("capacity report", () => {
    it("lists every scheduled action and simulates each window at every surge, with both endings, one chart each", () => {
        const s = settingsOf("matchday");
        const report = capacityReport(s);
        // Each action as a readable line: UTC and Seoul time, the name, the minimum before and after.
        for (const a of s.matchday.schedule.actions) {
            const utc = `${a.startTime.slice(0, 10)} ${a.startTime.slice(11, 16)}Z`;
            expect(report.text).to.match(new RegExp(`${utc} \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d [^)]+\\)  ${a.name} +minimum ${a.previousMinSize} -> ${a.minSize}`));
        }
        expect(report.text).to.contain("2027-05-29 17:50Z (2027-05-30 02:50 UTC+09:00)  prewarm-ucl-final");
        const windows = s.matchday.schedule.windows;
        expect(windows.flatMap((w) => w.fixtures)).to.have.length(9);
        // The shipped surge factors (1 and 1.5) are in REPORT_SURGES: 3 surges x 2 endings per window.
        expect(report.scenarios).to.have.length(windows.length * 3 * 2);
        for (const w of windows) {
            const label = w.fixtures.join(" + ");
            const own = report.scenarios.filter((x) => x.window === label);
            expect(own.map((x) => `${x.surge}/${x.extraTime}`)).to.deep.equal(["1/false", "1/true", "1.5/false", "1.5/true", "2.5/false", "2.5/true"]);
            for (const x of own) {
                expect(x.sim.surge).to.equal(x.surge);
                expect(x.sim.extraTime).to.equal(x.extraTime);
                expect(x.sim.finalWhistleMinute).to.equal(x.extraTime ? 163 : 110);
            }
        }
        expect(report.charts.map((c) => c.fileName)).to.deep.equal(
            report.scenarios.map((x) => chartFileName("matchday", x.window, x.surge, x.extraTime)),
        );
        expect(report.charts.map((c) => c.fileName)).to.include.members([
            "matchday-ucl-final-x1.0-normal-time.svg",
            "matchday-ucl-final-x1.5-extra-time.svg",
            "matchday-ucl-quarter-final-first-legs-tue-x2.5-extra-time.svg",
        ]);
        for (const c of report.charts) expect(c.svg).to.match(/^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
        expect(new Set(report.charts.map((c) => c.fileName)).size).to.equal(report.charts.length);
    });

    it("simulates the verdict's scenarios with the pessimistic timing, and the default timing alongside", () => {
        const report = capacityReport(settingsOf("matchday"));
        for (const x of report.scenarios) {
            expect(x.sim.params.metricDelayMinutes).to.equal(PESSIMISTIC_SIMULATION_PARAMS.metricDelayMinutes);
            expect(x.sim.params.scheduledActionDelayMinutes).to.equal(PESSIMISTIC_SIMULATION_PARAMS.scheduledActionDelayMinutes);
            expect(x.sim.params.coldLaunchMinutes).to.equal(PESSIMISTIC_SIMULATION_PARAMS.coldLaunchMinutes);
            expect(x.sim.params.warmLaunchMinutes).to.equal(PESSIMISTIC_SIMULATION_PARAMS.warmLaunchMinutes);
            expect(x.defaultTimingSim.params.coldLaunchMinutes).to.equal(DEFAULT_SIMULATION_PARAMS.coldLaunchMinutes);
            expect(x.defaultTimingSim.params.metricDelayMinutes).to.equal(DEFAULT_SIMULATION_PARAMS.metricDelayMinutes);
        }
        expect(PESSIMISTIC_SIMULATION_PARAMS.coldLaunchMinutes).to.not.equal(DEFAULT_SIMULATION_PARAMS.coldLaunchMinutes);
        expect(report.text).to.contain("  timing      pessimistic: CloudWatch data 2 min late, scheduled actions 2 min late, cold launch 7 min, warm-pool launch 3 min;");
    });

    it("adds a fixture's own surgeFactor to the surges, marks what each fixture asks for, and charts it", () => {
        const file = matchdayWithSurgeFactor("UCL semi-final second leg 1", 2);
        const report = capacityReport(settingsOf("matchday", TEST_NOW, file));
        const own = report.scenarios.filter((x) => x.window === "UCL semi-final second leg 1");
        expect([...new Set(own.map((x) => x.surge))]).to.deep.equal([1, 1.5, 2, 2.5]);
        expect(own.filter((x) => x.asked).map((x) => x.surge)).to.deep.equal([1, 1, 2, 2]);
        const lines = report.text.split("\n");
        const heading = lines.findIndex((l) => l.startsWith("UCL semi-final second leg 1 (kickoff"));
        expect(lines[heading]).to.match(/; asks for x1\.0 and x2\.0 \(its surgeFactor\):$/);
        const rows = lines.slice(heading + 2, heading + 10).map((l) => l.trim().split(/\s+/).slice(0, 2).join(" "));
        expect(rows).to.deep.equal(["x1.0* normal", "x1.0* extra", "x1.5 normal", "x1.5 extra", "x2.0* normal", "x2.0* extra", "x2.5 normal", "x2.5 extra"]);
        expect(report.charts.map((c) => c.fileName)).to.include("matchday-ucl-semi-final-second-leg-1-x2.0-extra-time.svg");
        // A fixture without a surgeFactor asks for x1.0 only.
        expect(report.text).to.match(/^UCL final \(kickoff .*; asks for x1\.0 and x1\.5 \(its surgeFactor\):$/m);
        expect(report.text).to.match(/^UCL semi-final first leg 1 \(kickoff .*; asks for x1\.0:$/m);
    });

    it("without a price, every cost reads as unknown and the legend says what to set; the verdict does not depend on it", () => {
        const s = settingsOf("matchday");
        const unknown = { ...s, cost: { ...s.cost, prices: { instanceHourUsd: Number.NaN, instanceHourSource: "UNKNOWN: set kgsports:instanceHourlyPriceUsd", volumeGiBMonthUsd: Number.NaN, volumeSource: "UNKNOWN: set kgsports:volumeGiBMonthPriceUsd" } } };
        const report = capacityReport(unknown);
        expect(report.text).to.contain("(UNKNOWN: set kgsports:instanceHourlyPriceUsd)").and.contain("(UNKNOWN: set kgsports:volumeGiBMonthPriceUsd)");
        expect(report.text).to.contain("USD ? (no price)").and.not.match(/USD NaN|NaN/);
        expect(report.covered).to.equal(capacityReport(s).covered);
    });

    describe("where each price comes from (issue 20: the stand-in us-east-1 prices were called ap-northeast-2)", () => {
        const pricesLine = (s: PlatformSettings) => {
            const found = capacityReport(s).text.split("\n").filter((l) => l.startsWith("Prices: "));
            expect(found).to.have.length(1);
            return found[0];
        };

        it("the matchday stack: the keys that set the prices and the stack's stated source, the stand-in; never ap-northeast-2", () => {
            const line = pricesLine(settingsOf("matchday"));
            expect(line).to.contain("USD 0.08925 per instance-hour of c7i.large (set by kgsports:instanceHourlyPriceUsd)");
            expect(line).to.contain("USD 0.0800 per GiB-month of gp3 (set by kgsports:volumeGiBMonthPriceUsd)");
            expect(line).to.match(/Source of the prices set in the stack \(kgsports:priceSource\): STAND-IN: us-east-1 .*not Seoul/);
            expect(line).to.not.contain("ap-northeast-2");
        });

        it("a price set by a key without kgsports:priceSource: source not stated, and which key to set", () => {
            const s = settingsOf("matchday");
            const { statedSource: _, ...unstated } = s.cost.prices;
            const line = pricesLine({ ...s, cost: { ...s.cost, prices: unstated } });
            expect(line).to.contain("(set by kgsports:instanceHourlyPriceUsd)");
            expect(line).to.match(/source not stated \(set kgsports:priceSource\)\.$/);
            expect(line).to.not.contain("ap-northeast-2");
        });

        it("a documented default: its own source, region and reading date, and no word about kgsports:priceSource", () => {
            const s = settingsOf("matchday");
            const documented = {
                instanceHourUsd: 0.08925,
                instanceHourSource: "documented default, c7i.large Linux on-demand in us-east-1, USD 0.08925 per hour: a published copy, read 2026-11-26",
                volumeGiBMonthUsd: 0.08,
                volumeSource: "documented default, EBS gp3 storage in us-east-1, USD 0.08 per GiB-month: a published copy, read 2026-11-26",
            };
            const line = pricesLine({ ...s, cost: { ...s.cost, prices: documented } });
            expect(line).to.equal(
                "Prices: USD 0.08925 per instance-hour of c7i.large (documented default, c7i.large Linux on-demand in us-east-1, USD 0.08925 per hour: a published copy, read 2026-11-26); " +
                "USD 0.0800 per GiB-month of gp3 (documented default, EBS gp3 storage in us-east-1, USD 0.08 per GiB-month: a published copy, read 2026-11-26).",
            );
        });
    });

    it("explains every column once, in one legend before the first table, with the prices and their sources once", () => {
        const report = capacityReport(withPrices(settingsOf("matchday")));
        const lines = report.text.split("\n");
        expect(lines.filter((l) => l.startsWith("How to read the tables"))).to.have.length(1);
        const headers = lines.filter((l) => l.startsWith("  surge  ending"));
        expect(headers).to.have.length(9);
        const legendAt = lines.findIndex((l) => l.startsWith("How to read the tables"));
        expect(legendAt).to.be.below(lines.indexOf(headers[0]));
        for (const column of headers[0].trim().split(/\s{2,}/)) {
            const explained = lines.filter((l) => l.startsWith(`  ${column.padEnd(10)}  `));
            expect(explained, column).to.have.length(1);
            expect(lines.indexOf(explained[0]), column).to.be.above(legendAt).and.below(lines.indexOf(headers[0]));
        }
        expect(lines.filter((l) => l.startsWith("Prices: "))).to.deep.equal([
            // No region of the stack's own: a price's region is only what its source says (issue 20).
            "Prices: USD 0.1250 per instance-hour of c7i.large (test price); USD 0.0625 per GiB-month of gp3 (test volume price).",
        ]);
        expect(report.text.match(/test price/g)).to.have.length(1);
    });

    it("prices each night and the season: instance-hours at x1.0 for each ending, the baseline fleet between the nights, and the warm pool's volumes", () => {
        const s = withPrices(settingsOf("matchday"));
        const report = capacityReport(s);
        const hours = (window: string, surge: number, extraTime: boolean) =>
            strategyResult(report.scenarios.find((x) => x.window === window && x.surge === surge && x.extraTime === extraTime)!.sim, "scheduled").instanceHours;
        const lines = report.text.split("\n");
        // The final's night, at 0.125 per instance-hour.
        const finalAt = lines.findIndex((l) => l.startsWith("UCL final (kickoff"));
        const finalNight = lines.slice(finalAt).find((l) => l.startsWith("  cost of the night: "));
        expect(finalNight).to.equal(
            `  cost of the night: x1.0 (expected audience): ${formatUsd(hours("UCL final", 1, false) / 8)} in normal time, ${formatUsd(hours("UCL final", 1, true) / 8)} with extra time; ` +
                `x1.5 (surgeFactor): ${formatUsd(hours("UCL final", 1.5, false) / 8)} in normal time, ${formatUsd(hours("UCL final", 1.5, true) / 8)} with extra time`,
        );
        // The table's cost column is the same money.
        const row = lines.slice(finalAt).find((l) => l.startsWith("  x1.0*  normal"))!;
        expect(row.trim().split(/\s+/)[6]).to.equal((hours("UCL final", 1, false) / 8).toFixed(2));

        // The season: 2027-04-06 17:50Z to 2027-05-29 22:15Z, 40 x 30 GiB at 0.0625 = 75 a month.
        const windows = s.matchday.schedule.windows;
        const months = (53 + 265 / 1440) / DAYS_PER_MONTH;
        const normal = windows.reduce((sum, w) => sum + hours(w.fixtures.join(" + "), 1, false), 0) / 8;
        const extra = windows.reduce((sum, w) => sum + hours(w.fixtures.join(" + "), 1, true), 0) / 8;
        expect(report.season!.warmPool.usd).to.be.closeTo(75 * months, 1e-9);
        expect(report.season!.nightsUsd.normalTime).to.be.closeTo(normal, 1e-9);
        expect(report.season!.nightsUsd.extraTime).to.be.closeTo(extra, 1e-9);
        expect(report.text).to.contain("Season: 9 nights, 2027-04-06 17:50Z to 2027-05-29 22:15Z, 53.2 days = 1.75 months (days / 30.44)");
        expect(report.text).to.contain(`  warm pool volumes: 40 stopped instances x 30 GiB = 1200 GiB x USD 0.0625 = USD 75.00 a month, x 1.75 months = ${formatUsd(75 * months)}`);
        // The baseline 6 between the nights: the season's 53 days and 265 minutes less 9 simulated nights of 356
        // minutes each (100 minutes before kickoff, 30 before the pre-warm, to 60 after the window's end at +195).
        const outside = 53 * 24 + 265 / 60 - (9 * 356) / 60;
        expect(report.season!.baseline.hours).to.be.closeTo(outside, 1e-9);
        expect(report.text).to.contain(`  baseline fleet between the nights: minSize 6 x ${outside.toFixed(1)} h (the season's hours outside the simulated nights) x USD 0.1250 = ${formatUsd((6 * outside) / 8)}`);
        expect(report.text).to.contain(
            `  season total: ${formatUsd(normal + 75 * months + (6 * outside) / 8)} (every night in normal time) to ${formatUsd(extra + 75 * months + (6 * outside) / 8)} (every night with extra time)`,
        );
        // Each chart's caption carries its night's cost.
        const chart = report.charts.find((c) => c.fileName === "matchday-ucl-final-x1.5-extra-time.svg")!;
        expect(chart.svg).to.match(new RegExp(`<text class="caption"[^>]*>the night costs ${formatUsd(hours("UCL final", 1.5, true) / 8)} = [\\d.]+ instance-hours x USD 0\\.1250;`));
        expect(chart.svg).to.contain(">Asia/Seoul</text>");
    });

    it("says covered when every asked-for scenario has no minute under capacity", () => {
        const report = capacityReport(settingsOf("matchday"));
        expect(report.covered).to.equal(true);
        expect(report.uncovered).to.deep.equal([]);
        const asked = report.scenarios.filter((x) => x.asked);
        expect(asked).to.have.length(9 * 2 + 5 * 2);
        for (const x of asked) expect(strategyResult(x.sim, "scheduled").minutesUnderCapacity, `${x.window} x${x.surge}`).to.equal(0);
        const last = report.text.split("\n").pop();
        expect(last).to.equal("VERDICT: covered: all 28 scenarios the fixtures ask for (x1.0 and each surgeFactor, normal time and extra time, pessimistic timing) have 0 minutes under capacity and 0 minutes with the user store throttled");
    });

    it("says NOT COVERED for each asked-for scenario with minutes under capacity, from the pessimistic timing", () => {
        const report = capacityReport(settingsOf("matchday", LATE_FOR_THE_FINAL));
        expect(report.covered).to.equal(false);
        expect(report.uncovered.map((u) => `${u.window} x${u.surge} ${u.extraTime}`)).to.deep.equal([
            "UCL final x1 false", "UCL final x1 true", "UCL final x1.5 false", "UCL final x1.5 true",
        ]);
        const verdicts = report.text.split("\n").filter((l) => l.startsWith("VERDICT"));
        expect(verdicts).to.have.length(4);
        for (const u of report.uncovered) {
            const x = report.scenarios.find((s) => s.window === u.window && s.surge === u.surge && s.extraTime === u.extraTime)!;
            const pessimistic = strategyResult(x.sim, "scheduled");
            expect(pessimistic.minutesUnderCapacity).to.be.greaterThan(0);
            // The verdict quotes the pessimistic run, which is worse here than the default timing's.
            expect(strategyResult(x.defaultTimingSim, "scheduled").minutesUnderCapacity).to.be.below(pessimistic.minutesUnderCapacity);
            expect(verdicts).to.include(
                `VERDICT: NOT COVERED: UCL final, x${formatSurge(u.surge)}, ${u.extraTime ? "extra time" : "normal time"}: ` +
                    `${pessimistic.minutesUnderCapacity} min under, worst ${pessimistic.worstShortfallPercent.toFixed(1)} %`,
            );
        }
        // x2.5 is short too, but no fixture asks for it: listed, not in the verdict.
        expect(report.text).to.match(/^Short beyond what the fixtures ask for \(not part of the verdict\): 2 scenarios\n  UCL final: x2\.5 normal time \d+ min, worst [\d.]+ %; x2\.5 extra time \d+ min/m);
    });

    it("shows the on-premise split, and losing the servers at the busiest minute of every night and surge", () => {
        const report = capacityReport(settingsOf("matchday"));
        // matchday: weights 90 / 10, 48 000 viewers on-premise, failover after 2 alarm minutes (4 in all).
        expect(report.text).to.contain("On-premise servers (HybridLink): 10.0 % of requests while healthy (weights cloud 90, on-premise 10), carrying up to 48000 viewers");
        expect(report.text).to.contain("the 4 minutes until the failover");
        // The final's planned share, 150 000 x 1.5 x 10 % = 22 500 viewers, needs 2 of the 3 servers of 16 000 each.
        expect(report.text).to.contain("when fewer than 2 of their 3 servers are healthy");
        const lines = report.text.split("\n").filter((l) => l.startsWith("  on-premise x"));
        expect(lines).to.have.length(9 * 3);
        // 10 % of the audience stays within 48 000 even at 2.5x; losing them is 10 % short for the 4 failover minutes only.
        for (const l of lines) expect(l).to.match(/within their 48000; lost at minute \d+ \(\d+ viewers\): 4 min short, worst 10\.0 %, all served again 4 min after the loss$/);
        expect(capacityReport(settingsOf("dev")).text).to.not.contain("On-premise servers");
    });

    it("counts an on-premise overload as NOT COVERED: the issue's 420 000-viewer night at 2.5x with 10 % on-premise", () => {
        // The plan refuses 90 / 10 for this night (test/config.hybrid.test.ts) and accepts 90 / 4; the verdict must not
        // depend on that check: the same night with the share the plan refuses, as settings handed to the report.
        const text = fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8")
            .replace(/kgsports:maxSize: \d+/, "kgsports:maxSize: 1000")
            .replace(/kgsports:onPremiseWeight: \d+/, "kgsports:onPremiseWeight: 4\n  kgsports:userStoreWarmWriteUnitsPerSecond: 8000")
            .replace(/  kgsports:fixtures:\n[\s\S]*$/, [
                "  kgsports:fixtures:",
                "    - name: Big night",
                '      kickoff: "2027-05-29T21:00:00+02:00"',
                "      expectedPeakViewers: 420000",
                "      surgeFactor: 2.5",
                "",
            ].join("\n"));
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-report-")), "Pulumi.matchday.yaml");
        fs.writeFileSync(file, text);
        const fits = settingsOf("matchday", TEST_NOW, file);
        expect(fits.hybrid!.weights).to.deep.equal({ cloud: 90, onPremise: 4 });
        expect(capacityReport(fits).covered).to.equal(true);

        const overloaded: PlatformSettings = { ...fits, hybrid: { ...fits.hybrid!, weights: { cloud: 90, onPremise: 10 }, onPremiseShare: 0.1 } };
        const report = capacityReport(overloaded);
        expect(report.covered).to.equal(false);
        // 420 000 x 2.5 x 10 % = 105 000 sent to servers that carry 48 000: over it while the audience is above 45.7 % of
        // its peak, from minute -11 to 118 (130 minutes), or to 171 after extra time (whistle at 163: 183 minutes).
        // At x1.0, 42 000: within.
        expect(report.uncovered.map((u) => [u.surge, u.extraTime, u.onPremiseMinutesOverloaded])).to.deep.equal([
            [2.5, false, 130],
            [2.5, true, 183],
        ]);
        expect(report.text).to.contain("on-premise x2.5: 105000 viewers at the peak, OVER their 48000 for 130 min");
        expect(report.text).to.match(
            /\nVERDICT: NOT COVERED: Big night, x2\.5, normal time: \d+ min under, worst 5\.4 % \(the on-premise servers over the 48000 viewers they carry for 130 min: lower kgsports:onPremiseWeight\)/,
        );
        expect(report.text).to.not.match(/\nVERDICT: covered/);
    });

    it("counts today's on-premise servers in instances' worth", () => {
        const s = settingsOf("matchday");
        expect(fixedInstancesOf(s)).to.equal(Math.floor(48000 / 2000));
    });

    it("says so when a stack has no fixtures, and that nothing is uncovered", () => {
        const report = capacityReport(settingsOf("dev"));
        expect(report.text).to.contain("No fixtures");
        expect(report.charts).to.deep.equal([]);
        expect(report.covered).to.equal(true);
        expect(report.season).to.equal(undefined);
        expect(report.text.split("\n").pop()).to.match(/^VERDICT: covered/);
    });

    it("leaves passed fixtures out of the simulation, and lists them at the top", () => {
        const report = capacityReport(settingsOf("matchday", new Date("2027-05-10T00:00:00Z")));
        expect(report.charts.map((c) => c.fileName)).to.deep.equal(
            REPORT_SURGES.flatMap((x) => [`matchday-ucl-final-x${x.toFixed(1)}-normal-time.svg`, `matchday-ucl-final-x${x.toFixed(1)}-extra-time.svg`]),
        );
        const lines = report.text.split("\n");
        expect(lines.slice(1, 9).every((l) => l.startsWith("PAST FIXTURE "))).to.equal(true);
        expect(lines[1]).to.contain("\"UCL quarter-final first legs (Tue)\": kickoff 2027-04-06 19:00Z (2027-04-07 04:00");
        expect(report.text).to.contain("Season: 1 night, 2027-05-29 17:50Z to 2027-05-29 22:15Z");
    });

    it("names surges and asked-for surges as the tables and file names show them", () => {
        expect([1, 1.5, 2, 2.25, 10].map(formatSurge)).to.deep.equal(["1.0", "1.5", "2.0", "2.25", "10.0"]);
        expect(askedSurges({ name: "a", kickoff: "2027-04-06T21:00:00+02:00", expectedPeakViewers: 1 })).to.deep.equal([1]);
        expect(askedSurges({ name: "a", kickoff: "2027-04-06T21:00:00+02:00", expectedPeakViewers: 1, surgeFactor: 1.75 })).to.deep.equal([1, 1.75]);
        const f = (surgeFactor: number) => ({ name: "a", kickoff: "2027-04-06T21:00:00+02:00", expectedPeakViewers: 1, surgeFactor });
        expect(windowSurges([f(1.5), f(3)])).to.deep.equal([1, 1.5, 2.5, 3]);
        expect(windowSurges([f(2), f(1.25)])).to.deep.equal([1, 1.25, 1.5, 2, 2.5]);
        expect(chartFileName("matchday", "UCL final + Europa League final", 1.25, true)).to.equal("matchday-ucl-final-europa-league-final-x1.25-extra-time.svg");
    });
});
