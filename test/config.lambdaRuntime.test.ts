/**
 * Lambda runtimes against the dated facts, at fixed clocks. AWS blocks creating functions
 * on a deprecated runtime, then updating them (Lambda developer guide, runtime
 * deprecation policy); the issue: nodejs20.x is blocked for creates from 2026-08-31 and
 * updates from 2026-09-30, nodejs24.x is supported to 2028-04-30. The plan refuses a
 * runtime blocked before the last fixture's release plus 90 days (without fixtures:
 * the deploy plus 90 days), naming the runtime and the date.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_FAILOVER_RUNTIME } from "@kgsports/hybrid-link";
import { LAMBDA_RUNTIMES, RuntimeLife } from "../stacks/facts/datedFacts";
import { lambdaRuntimeProblems, runtimeHorizon, usableRuntimes } from "../stacks/config/lambdaRuntime";
import { formatConfigProblems, validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { fixturesStackConfig } from "./helpers/stackConfigs";

const WHAT = "the hybrid link's failover function";
const KEY = "(failover function runtime)";
const at = (iso: string) => new Date(iso);
const problem = (runtime: string, now: string, lastFixtureRelease?: string) =>
    lambdaRuntimeProblems(runtime, { now: at(now), ...(lastFixtureRelease ? { lastFixtureRelease: at(lastFixtureRelease) } : {}) }, WHAT, KEY);

describe("Dated facts: the Lambda runtime table", () => {
    const ISO = /^\d{4}-\d{2}-\d{2}$/;
    const valid = (d: string) => ISO.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

    it("every row has a source and the day it was read, and real dates in order: deprecated, create blocked, update blocked", () => {
        expect(Object.keys(LAMBDA_RUNTIMES).length).to.be.greaterThan(0);
        for (const [id, life] of Object.entries(LAMBDA_RUNTIMES) as [string, RuntimeLife][]) {
            expect(life.source, id).to.be.a("string").and.match(/https:\/\//);
            expect(valid(life.readOn), `${id} readOn ${life.readOn}`).to.equal(true);
            const dates = [life.deprecated, life.createBlocked, life.updateBlocked].filter((d): d is string => d !== undefined);
            for (const d of dates) expect(valid(d), `${id} ${d}`).to.equal(true);
            expect([...dates].sort(), `${id}: ${dates.join(", ")}`).to.deep.equal(dates);
            // AWS blocks updates at least a month after creates (phase 2 after phase 1).
            if (life.createBlocked && life.updateBlocked) {
                expect(Date.parse(life.updateBlocked) - Date.parse(life.createBlocked), id).to.be.at.least(28 * 86_400_000);
            }
        }
    });

    it("holds the issue's dates for Node.js 20 and 24, and a row for the component's default runtime", () => {
        expect(LAMBDA_RUNTIMES["nodejs20.x"]).to.include({ deprecated: "2026-04-30", createBlocked: "2026-08-31", updateBlocked: "2026-09-30" });
        expect(LAMBDA_RUNTIMES["nodejs24.x"]).to.include({ deprecated: "2028-04-30" });
        expect(LAMBDA_RUNTIMES).to.have.property(DEFAULT_FAILOVER_RUNTIME);
        expect(DEFAULT_FAILOVER_RUNTIME).to.equal("nodejs24.x");
    });

    it("the table cannot be changed at run time", () => {
        expect(Object.isFrozen(LAMBDA_RUNTIMES)).to.equal(true);
    });
});

describe("Lambda runtime check at fixed clocks", () => {
    it("the horizon is the last fixture's release plus 90 days, or the deploy plus 90 days without a fixture ahead", () => {
        expect(runtimeHorizon({ now: at("2027-03-01T00:00:00Z"), lastFixtureRelease: at("2027-05-29T23:30:00Z") }).toISOString()).to.equal("2027-08-27T23:30:00.000Z");
        expect(runtimeHorizon({ now: at("2027-03-01T00:00:00Z") }).toISOString()).to.equal("2027-05-30T00:00:00.000Z");
        // A release already past (a window that ended) does not pull the horizon back.
        expect(runtimeHorizon({ now: at("2027-03-01T00:00:00Z"), lastFixtureRelease: at("2027-02-01T00:00:00Z") }).toISOString()).to.equal("2027-05-30T00:00:00.000Z");
    });

    it("nodejs20.x today (2026-12-07): both blocks are past, refused naming both dates", () => {
        const [p, ...rest] = problem("nodejs20.x", "2026-12-07T10:00:00Z");
        expect(rest).to.deep.equal([]);
        expect(p).to.include({ key: KEY, value: "nodejs20.x" });
        expect(p.message).to.contain("creating functions on nodejs20.x from 2026-08-31");
        expect(p.message).to.contain("updating functions on nodejs20.x from 2026-09-30");
        expect(p.message).to.contain("before 2027-03-07 (this deploy plus 90 days (no fixture ahead))");
        expect(p.message).to.match(/allowed: a runtime AWS lets you create and update functions on until 2027-03-07: nodejs22\.x, nodejs24\.x$/);
    });

    it("nodejs20.x before its blocks, with no fixture: refused only once the deploy plus 90 days reaches a block", () => {
        expect(problem("nodejs20.x", "2026-05-01T00:00:00Z")).to.deep.equal([]); // horizon 2026-07-30
        expect(problem("nodejs20.x", "2026-06-01T23:59:59Z")).to.deep.equal([]); // horizon just before 2026-08-31
        const [p] = problem("nodejs20.x", "2026-06-03T00:00:00Z"); // horizon 2026-09-01
        expect(p.message).to.contain("creating functions on nodejs20.x from 2026-08-31");
        expect(p.message).to.not.contain("updating");
    });

    it("the block day itself counts as blocked (AWS blocks from that day)", () => {
        // now + 90 days = 2026-08-31T00:00Z exactly.
        const [p] = problem("nodejs20.x", "2026-06-02T00:00:00Z");
        expect(p.message).to.contain("from 2026-08-31");
    });

    it("the update block day counts too", () => {
        // now + 90 days = 2026-09-30T00:00Z, the update block.
        const [p] = problem("nodejs20.x", "2026-07-02T00:00:00Z");
        expect(p.message).to.contain("and updating functions on nodejs20.x from 2026-09-30, before 2026-09-30");
        expect(problem("nodejs20.x", "2026-07-01T23:59:59Z")[0].message).to.not.contain("updating");
    });

    it("a last release that is not ahead of the deploy is not what the message blames", () => {
        const past = problem("nodejs20.x", "2026-12-07T10:00:00Z", "2026-11-01T00:00:00Z")[0];
        expect(past.message).to.contain("(this deploy plus 90 days (no fixture ahead))");
        const same = problem("nodejs20.x", "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z")[0];
        expect(same.message).to.contain("(this deploy plus 90 days (no fixture ahead))");
    });

    it("nodejs22.x in a season whose final is late in May 2027: refused for creates (2027-06-01) and updates (2027-07-01)", () => {
        const [p] = problem("nodejs22.x", "2027-03-01T09:00:00Z", "2027-05-29T23:30:00Z");
        expect(p.message).to.contain("creating functions on nodejs22.x from 2027-06-01 and updating functions on nodejs22.x from 2027-07-01, before 2027-08-27");
        expect(p.message).to.contain("(the last fixture's release (2027-05-29T23:30Z) plus 90 days)");
        expect(p.message).to.match(/: nodejs24\.x$/);
    });

    it("nodejs22.x with the last fixture early enough: accepted", () => {
        // Release 2027-02-28 + 90 days = 2027-05-29, before the create block.
        expect(problem("nodejs22.x", "2027-01-10T00:00:00Z", "2027-02-28T23:00:00Z")).to.deep.equal([]);
    });

    it("nodejs24.x: accepted for the 2026/27 season, refused for a season ending late in spring 2028", () => {
        expect(problem("nodejs24.x", "2026-12-07T10:00:00Z", "2027-05-29T23:30:00Z")).to.deep.equal([]);
        const [p] = problem("nodejs24.x", "2028-02-01T00:00:00Z", "2028-05-27T23:30:00Z");
        expect(p).to.include({ value: "nodejs24.x" });
        expect(p.message).to.contain("creating functions on nodejs24.x from 2028-06-01");
        expect(p.message).to.contain("none in stacks/facts/datedFacts.ts (add the next Node.js runtime with its dates and source)");
    });

    it("a runtime without a row is refused: its block dates are unknown", () => {
        const [p] = problem("nodejs26.x", "2026-12-07T10:00:00Z");
        expect(p).to.include({ key: KEY, value: "nodejs26.x" });
        expect(p.message).to.contain("runtime has no dates in stacks/facts/datedFacts.ts");
        expect(p.message).to.contain("nodejs22.x, nodejs24.x");
    });

    it("the usable runtimes are those whose blocks both fall after the horizon", () => {
        expect(usableRuntimes(at("2026-08-30T00:00:00Z"))).to.deep.equal(["nodejs20.x", "nodejs22.x", "nodejs24.x"]);
        expect(usableRuntimes(at("2026-08-31T00:00:00Z"))).to.deep.equal(["nodejs22.x", "nodejs24.x"]);
        expect(usableRuntimes(at("2027-06-01T00:00:00Z"))).to.deep.equal(["nodejs24.x"]);
        // A row with only an update block (no create block announced).
        expect(usableRuntimes(at("2027-01-01T00:00:00Z"), { x: { updateBlocked: "2026-12-31", source: "s", readOn: "2026-12-07" }, y: { source: "s", readOn: "2026-12-07" } })).to.deep.equal(["y"]);
    });
});

describe("Lambda runtime check in the stack's plan (validateStackConfig, fixed clocks)", () => {
    const webSh = fs.readFileSync(path.join(__dirname, "..", "stacks", "userdata", "web.sh"), "utf8");
    const deps = (now: string): ValidationDeps => ({ readProjectFile: (p) => (p === "stacks/userdata/web.sh" ? webSh : undefined), now: at(now) });
    const hybrid = {
        "kgsports:vpcCidr": "10.30.0.0/16",
        "kgsports:hybridLink": "true",
        "kgsports:onPremiseCidrs": '["10.100.0.0/16"]',
        "kgsports:onPremiseServers": '["10.100.10.11:8080"]',
        "kgsports:customerGatewayIp": "203.0.113.10",
    };
    // The season's last fixture late in May: the final.
    const final2028 = { name: "UCL final", kickoff: "2028-05-27T21:00:00+02:00", expectedPeakViewers: 40000 };
    const final2027 = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 40000 };
    const runtimeProblems = (fixtures: unknown[], now: string, over: Record<string, string> = hybrid) => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig(fixtures, over) }, deps(now));
        return { r, found: r.ok ? [] : r.problems.filter((p) => p.key === KEY) };
    };

    it("the 2026/27 season on the default runtime (nodejs24.x): no runtime problem", () => {
        const { r, found } = runtimeProblems([final2027], "2026-12-07T10:00:00Z");
        expect(found, r.ok ? "" : formatConfigProblems("matchday", r.problems)).to.deep.equal([]);
    });

    it("a stack planned in 2028 whose final is on 2028-05-27: refused, naming the stack, the runtime and the date", () => {
        const { r, found } = runtimeProblems([final2028], "2028-03-01T00:00:00Z");
        expect(found).to.have.length(1);
        expect(found[0].value).to.equal(DEFAULT_FAILOVER_RUNTIME);
        expect(found[0].message).to.contain("creating functions on nodejs24.x from 2028-06-01");
        expect(found[0].message).to.contain("the last fixture's release (2028-05-27T");
        if (r.ok) throw new Error("expected a refusal");
        const text = formatConfigProblems("matchday", r.problems);
        expect(text).to.contain('Stack "matchday" has invalid config');
        expect(text).to.contain('(failover function runtime) = "nodejs24.x": AWS blocks creating functions on nodejs24.x from 2028-06-01');
    });

    it("the same clock before the final's window is planned: the earlier fixtures' release counts, not only the clock", () => {
        // Deploy on 2028-01-10 with only a fixture in February: 2028-02-... + 90 days is before 2028-06-01.
        const feb = { name: "UCL last 16", kickoff: "2028-02-15T21:00:00+01:00", expectedPeakViewers: 30000 };
        expect(runtimeProblems([feb], "2028-01-10T00:00:00Z").found).to.deep.equal([]);
        // Adding the final moves the horizon past the block.
        expect(runtimeProblems([feb, final2028], "2028-01-10T00:00:00Z").found).to.have.length(1);
    });

    it("without fixtures: the deploy clock plus 90 days", () => {
        expect(runtimeProblems([], "2028-03-02T00:00:00Z").found).to.deep.equal([]); // horizon 2028-05-31
        expect(runtimeProblems([], "2028-03-04T00:00:00Z").found).to.have.length(1); // horizon 2028-06-02
    });

    it("fixtures the plan refuses do not hide the check: the deploy clock plus 90 days", () => {
        const broken = [{ name: "UCL final", kickoff: "late May", expectedPeakViewers: 40000 }];
        const { r, found } = runtimeProblems(broken, "2028-03-04T00:00:00Z");
        expect(r.ok ? [] : r.problems.map((p) => p.key).filter((k) => k.startsWith("kgsports:fixtures"))).to.not.deep.equal([]);
        expect(found).to.have.length(1);
        expect(found[0].message).to.contain("(this deploy plus 90 days (no fixture ahead))");
        expect(runtimeProblems(broken, "2028-03-02T00:00:00Z").found).to.deep.equal([]);
    });

    it("the message says which function cannot be created or changed", () => {
        const { found } = runtimeProblems([final2028], "2028-03-01T00:00:00Z");
        expect(found[0].message).to.contain(": the hybrid link's failover function could not be created or changed in time; allowed: ");
    });

    it("a stack without the hybrid link declares no function: nothing to check", () => {
        const { found } = runtimeProblems([final2028], "2028-03-01T00:00:00Z", { "kgsports:hybridLink": "false" });
        expect(found).to.deep.equal([]);
    });
});
