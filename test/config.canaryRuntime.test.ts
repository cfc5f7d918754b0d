/**
 * The front-door probe's canary against AWS's Synthetics runtime support policy, at fixed
 * clocks: "You can't create canaries using deprecated runtime versions. Canaries that use
 * deprecated runtimes continue to run. You can stop, start, and delete these canaries"
 * (CloudWatch User Guide, Synthetics runtime support policy). A runtime is deprecated when
 * a component of it (its Lambda Node.js runtime) is: Node.js 22 on 2027-04-30. So a deploy
 * on or after that day cannot create the canary (refused); a deploy before it can, but a
 * replacement of the canary later in the season cannot (a note).
 */
import { expect } from "chai";
import { frontDoorProbeFindings } from "../stacks/config/canaryRuntime";
import type { SyntheticsRuntimeLife } from "../stacks/facts/datedFacts";

const KEY = "kgsports:frontDoorProbeUrl";
const probe = (over: { prefix?: string; runtime?: string } = {}) => ({ stack: "matchday", key: KEY, prefix: "kgsports-matchday", ...over });
const at = (iso: string) => new Date(iso);

describe("the front-door probe's canary runtime and name, at fixed clocks", () => {
    it("a deploy in December with the season ending in late May: created fine, and a note that a replacement after 2027-04-30 fails", () => {
        const got = frontDoorProbeFindings(probe(), { now: at("2026-12-07T09:00:00Z"), lastFixtureRelease: at("2027-05-30T22:45:00Z") });
        expect(got.problems).to.deep.equal([]);
        expect(got.notes).to.have.length(1);
        expect(got.notes[0]).to.contain("syn-nodejs-puppeteer-17.0").and.contain("2027-04-30").and.match(/replacement/).and.match(/newer runtime/);
    });

    it("no note when the season (plus 90 days) ends before the deprecation", () => {
        const got = frontDoorProbeFindings(probe(), { now: at("2026-12-07T09:00:00Z"), lastFixtureRelease: at("2027-01-15T22:00:00Z") });
        expect(got).to.deep.equal({ problems: [], notes: [] });
    });

    it("no fixture ahead: the margin runs from the deploy (90 days from 2027-02-01 passes 2027-04-30: a note)", () => {
        expect(frontDoorProbeFindings(probe(), { now: at("2027-02-01T00:00:00Z") }).notes).to.have.length(1);
        expect(frontDoorProbeFindings(probe(), { now: at("2027-01-29T00:00:00Z") }).notes).to.deep.equal([]);
    });

    it("refuses the runtime from the day its announced deprecation comes (Synthetics creates no canary on it), naming the runtime and the day", () => {
        const table: Record<string, SyntheticsRuntimeLife> = {
            "syn-nodejs-puppeteer-17.0": { followsLambda: "nodejs22.x", deprecated: "2027-04-30", source: "test", readOn: "2026-12-07" },
        };
        const before = frontDoorProbeFindings(probe(), { now: at("2027-04-29T23:59:00Z") }, table);
        expect(before.problems).to.deep.equal([]);
        const on = frontDoorProbeFindings(probe(), { now: at("2027-04-30T00:00:00Z") }, table);
        expect(on.problems).to.have.length(1);
        expect(on.problems[0].value).to.equal("syn-nodejs-puppeteer-17.0");
        expect(on.problems[0].message).to.contain("stack matchday").and.contain("2027-04-30").and.match(/creates no canary/).and.match(/allowed:/);
    });

    it("a deprecation only expected with the Lambda runtime that has come warns and does not stop a deploy on the final's night", () => {
        const final = frontDoorProbeFindings(probe(), { now: at("2027-05-29T19:30:00Z"), lastFixtureRelease: at("2027-05-29T22:45:00Z") });
        expect(final.problems).to.deep.equal([]);
        expect(final.notes).to.have.length(1);
        expect(final.notes[0]).to.contain("expected to be deprecated since 2027-04-30").and.contain("describe-runtime-versions").and.match(/replacement fails/);
    });

    it("an announced deprecation date counts, not the Lambda runtime's; the allowed list names the runtimes still supported", () => {
        const table: Record<string, SyntheticsRuntimeLife> = {
            "syn-nodejs-puppeteer-16.0": { followsLambda: "nodejs22.x", deprecated: "2027-01-10", source: "test", readOn: "2026-12-07" },
            "syn-nodejs-puppeteer-18.0": { followsLambda: "nodejs24.x", source: "test", readOn: "2026-12-07" },
        };
        const got = frontDoorProbeFindings(probe({ runtime: "syn-nodejs-puppeteer-16.0" }), { now: at("2027-01-10T08:00:00Z") }, table);
        expect(got.problems).to.have.length(1);
        expect(got.problems[0].message).to.contain("2027-01-10").and.contain("allowed: a runtime not deprecated on 2027-01-10: syn-nodejs-puppeteer-18.0");
        // Node.js 24 is deprecated on 2028-04-30: far past this season, nothing to say.
        expect(frontDoorProbeFindings(probe({ runtime: "syn-nodejs-puppeteer-18.0" }), { now: at("2027-01-10T08:00:00Z"), lastFixtureRelease: at("2027-05-30T22:45:00Z") }, table))
            .to.deep.equal({ problems: [], notes: [] });
    });

    it("refuses a runtime without a row (the plan cannot tell whether AWS still creates canaries on it)", () => {
        const got = frontDoorProbeFindings(probe({ runtime: "syn-nodejs-puppeteer-99.0" }), { now: at("2026-12-07T09:00:00Z") });
        expect(got.problems).to.have.length(1);
        expect(got.problems[0].message).to.match(/no row/).and.contain("SYNTHETICS_RUNTIMES");
    });

    it("refuses a stack whose prefix makes the canary's name longer than 21 characters, naming the stack and the key", () => {
        const got = frontDoorProbeFindings(probe({ prefix: "kgsports-matchday-eu" }), { now: at("2026-12-07T09:00:00Z") });
        expect(got.problems).to.have.length(1);
        expect(got.problems[0].key).to.equal(KEY);
        expect(got.problems[0].message).to.contain("stack matchday").and.contain("at most 21").and.contain(KEY);
        expect(frontDoorProbeFindings(probe({ prefix: "kgsports-dev" }), { now: at("2026-12-07T09:00:00Z") }).problems).to.deep.equal([]);
    });
});
