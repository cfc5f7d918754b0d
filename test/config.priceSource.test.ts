/**
 * kgsports:priceSource (issue 20): where the prices a stack sets come from, in words, for
 * the capacity report. Optional text on one line; only with a price set in the stack.
 */
import { expect } from "chai";
import { validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { fixturesStackConfig } from "./helpers/stackConfigs";
import { loadStackSettings } from "../stacks/plan/planStack";
import { TEST_NOW } from "./helpers/declare";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };
const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000 };

function validate(over: Record<string, string | undefined>) {
    return validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([final], over) }, deps);
}

describe("kgsports:priceSource", () => {
    it("is carried to the report's prices as the stack wrote it", () => {
        const r = validate({ "kgsports:priceSource": "AWS price list, ap-northeast-2, read 2026-12-01" });
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        expect(r.settings.cost.prices.statedSource).to.equal("AWS price list, ap-northeast-2, read 2026-12-01");
        expect(r.settings.cost.prices.instanceHourSource).to.equal("kgsports:instanceHourlyPriceUsd");
    });

    it("is optional: unset or empty, the prices carry no stated source", () => {
        for (const value of [undefined, ""]) {
            const r = validate({ "kgsports:priceSource": value });
            if (!r.ok) throw new Error(JSON.stringify(r.problems));
            expect(r.settings.cost.prices).to.not.have.property("statedSource");
        }
    });

    it("refuses blank text, a second line and a novel, saying what is allowed", () => {
        for (const value of ["   ", "us-east-1\nread yesterday", "x".repeat(201)]) {
            const r = validate({ "kgsports:priceSource": value });
            expect(r.ok, JSON.stringify(value)).to.equal(false);
            if (r.ok) continue;
            const p = r.problems.filter((x) => x.key === "kgsports:priceSource");
            expect(p, JSON.stringify(value)).to.have.length(1);
            expect(p[0].message).to.contain("allowed: text of 1 to 200 characters on one line");
        }
        expect(validate({ "kgsports:priceSource": "x".repeat(200) }).ok).to.equal(true);
    });

    it("is refused when no price is set in the stack: the defaults' own sources apply, and a stated one would mislead", () => {
        const r = validate({ "kgsports:priceSource": "STAND-IN", "kgsports:instanceHourlyPriceUsd": undefined, "kgsports:volumeGiBMonthPriceUsd": undefined });
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        const p = r.problems.find((x) => x.key === "kgsports:priceSource")!;
        expect(p.value).to.equal("STAND-IN");
        expect(p.message).to.contain("is set but neither kgsports:instanceHourlyPriceUsd nor kgsports:volumeGiBMonthPriceUsd is").and.contain("remove kgsports:priceSource");
        // One price set is enough for a source.
        expect(validate({ "kgsports:priceSource": "STAND-IN", "kgsports:volumeGiBMonthPriceUsd": undefined }).ok).to.equal(true);
    });

    it("the matchday stack states its prices as the us-east-1 stand-in its comments say they are", () => {
        const loaded = loadStackSettings({ stack: "matchday", now: TEST_NOW });
        if (!loaded.ok) throw new Error(loaded.message);
        const stated = loaded.loaded.settings.cost.prices.statedSource!;
        expect(stated).to.match(/^STAND-IN: us-east-1 /).and.contain("not Seoul");
        expect(stated).to.not.contain("ap-northeast-2");
    });
});
