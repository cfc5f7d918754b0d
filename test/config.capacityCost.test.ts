/**
 * The matchday capacity's own config slice (stacks/config/capacityCost.ts): the load
 * test's requests per viewer and the target utilisation they give, the capacity report's
 * prices with their documented defaults, and the plan's check of maxSize against what
 * target tracking asks for at each fixture's surge (stacks/capacity/fixtures.ts).
 */
import { expect } from "chai";
import { formatConfigProblems, validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import {
    CAPACITY_COST_KEYS,
    decideCapacityCostSettings,
    documentedInstanceHourPrice,
    documentedVolumePrice,
    GP3_GIB_MONTH_PRICES,
    INSTANCE_HOUR_PRICES,
} from "../stacks/config/capacityCost";
import { checkCapacityPlan, Fixture } from "../stacks/capacity/fixtures";
import { CONFIG_KEY_NAMES } from "../stacks/config/matchday";
import { fixturesStackConfig, validStackConfig } from "./helpers/stackConfigs";
import { matchdayPlan } from "./helpers/capacityPlan";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };

const FINAL = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 120_000 };

/** A stack with one fixture: 2 000 viewers per instance, 3 zones, group 2..300, the test prices and 1 request per viewer a minute. */
function withFixtures(over: Record<string, string | undefined> = {}, fixtures: object[] = [FINAL]): Record<string, string> {
    return fixturesStackConfig(fixtures, over);
}

function validate(values: Record<string, string>, stack = "matchday") {
    return validateStackConfig({ project: "kgsports", stack, values }, deps);
}

/** The problems, and the message a person reads (it names the stack). */
function rejected(values: Record<string, string>, stack = "matchday") {
    const r = validate(values, stack);
    if (r.ok) throw new Error("expected the config to be rejected");
    return { problems: r.problems, text: formatConfigProblems(stack, r.problems, `Pulumi.${stack}.yaml`) };
}

function settingsOf(values: Record<string, string>, stack = "matchday") {
    const r = validate(values, stack);
    if (!r.ok) throw new Error(formatConfigProblems(stack, r.problems));
    return r.settings;
}

describe("capacity cost config (requests per viewer, prices)", () => {
    describe("each key's bad values name the stack, the key, the value and what is allowed", () => {
        const cases: [string, string[]][] = [
            ["kgsports:requestsPerViewerPerMinute", ["-1", "abc", "1e3", "10001", "1,5", " "]],
            ["kgsports:instanceHourlyPriceUsd", ["0", "0.0", "-0.1", "abc", "1001", "$0.1"]],
            ["kgsports:volumeGiBMonthPriceUsd", ["0", "-1", "10.01", "x"]],
        ];
        for (const [key, values] of cases) {
            it(key, () => {
                for (const value of values) {
                    const { problems, text } = rejected(withFixtures({ [key]: value }));
                    const mine = problems.filter((p) => p.key === key);
                    expect(mine, `${key} = ${JSON.stringify(value)}`).to.have.length(1);
                    expect(mine[0].value).to.equal(value);
                    const name = key.slice("kgsports:".length) as keyof typeof CAPACITY_COST_KEYS;
                    expect(mine[0].message).to.equal(`allowed: ${CAPACITY_COST_KEYS[name].allowed}`);
                    expect(text).to.contain('Stack "matchday" has invalid config (Pulumi.matchday.yaml)').and.contain(`${key} = ${JSON.stringify(value)}: allowed: `);
                }
            });
        }

        it("accepts plain decimals and whole numbers, as a YAML number reaches the program as text", () => {
            const s = settingsOf(withFixtures({
                "kgsports:requestsPerViewerPerMinute": "2.5",
                "kgsports:targetRequestsPerInstance": "3000",
                "kgsports:instanceHourlyPriceUsd": "0.08925",
                "kgsports:volumeGiBMonthPriceUsd": "1",
            }));
            expect(s.cost.requestsPerViewerPerMinute).to.equal(2.5);
            expect(s.matchday.plan.targetUtilisation).to.equal(0.6);
            expect(s.cost.prices).to.deep.equal({
                instanceHourUsd: 0.08925,
                instanceHourSource: "kgsports:instanceHourlyPriceUsd",
                volumeGiBMonthUsd: 1,
                volumeSource: "kgsports:volumeGiBMonthPriceUsd",
            });
        });
    });

    describe("requests per viewer: required with fixtures, optional without", () => {
        it("is required when fixtures are set: unset or 0, naming the keys it links", () => {
            for (const value of [undefined, "0", ""]) {
                const { problems, text } = rejected(withFixtures({ "kgsports:requestsPerViewerPerMinute": value }));
                expect(problems.map((p) => p.key), String(value)).to.deep.equal(["kgsports:requestsPerViewerPerMinute"]);
                expect(problems[0].message)
                    .to.match(/^required when kgsports:fixtures is set: /)
                    .and.contain("kgsports:targetRequestsPerInstance = 1000")
                    .and.contain("kgsports:viewersPerInstance = 2000")
                    .and.contain("allowed: a number from 0 to 10000");
                expect(text).to.contain('Stack "matchday"');
            }
        });

        it("without fixtures (dev) it may be unset: 0, not measured, and no target utilisation reaches the plan", () => {
            const s = settingsOf({ ...validStackConfig() }, "dev");
            expect(s.cost.requestsPerViewerPerMinute).to.equal(0);
            expect(s.matchday.plan).to.not.have.property("targetUtilisation");
        });

        it("a fixture list of none counts as no fixtures", () => {
            const s = settingsOf({ ...validStackConfig(), "kgsports:fixtures": "[]" }, "dev");
            expect(s.cost.requestsPerViewerPerMinute).to.equal(0);
        });
    });

    describe("target utilisation = targetRequestsPerInstance / (viewersPerInstance x requestsPerViewerPerMinute), 0.4 to 0.8", () => {
        const target = (t: string, over: Record<string, string> = {}) => withFixtures({ "kgsports:targetRequestsPerInstance": t, ...over });

        it("accepts both bounds exactly, and passes the utilisation into the capacity plan", () => {
            expect(settingsOf(target("800")).matchday.plan.targetUtilisation).to.equal(0.4);
            expect(settingsOf(target("1600")).matchday.plan.targetUtilisation).to.equal(0.8);
            expect(settingsOf(target("1200")).matchday.plan.targetUtilisation).to.equal(0.6);
            // A decimal rate that floating point does not hit exactly: 480 / (2000 x 0.3) is 0.8.
            expect(settingsOf(target("480", { "kgsports:requestsPerViewerPerMinute": "0.3" })).matchday.plan.targetUtilisation).to.be.closeTo(0.8, 1e-12);
            expect(settingsOf(target("240", { "kgsports:requestsPerViewerPerMinute": "0.3" })).matchday.plan.targetUtilisation).to.be.closeTo(0.4, 1e-12);
        });

        it("refuses just above 0.8: the utilisation, what is allowed, why, and the target for 0.6", () => {
            const { problems, text } = rejected(target("1601"));
            expect(problems.map((p) => [p.key, p.value])).to.deep.equal([["kgsports:targetRequestsPerInstance", "1601"]]);
            expect(problems[0].message)
                .to.match(/^gives a target utilisation of 0\.8005 with kgsports:viewersPerInstance = 2000 and kgsports:requestsPerViewerPerMinute = 1 /)
                .and.contain("allowed: a target utilisation from 0.4 to 0.8")
                .and.contain("target tracking acts below saturation")
                .and.contain("for 0.6 set kgsports:targetRequestsPerInstance to 1200");
            expect(text).to.contain('Stack "matchday" has invalid config').and.contain('kgsports:targetRequestsPerInstance = "1601": gives a target utilisation');
            const high = rejected(target("1800")).problems[0].message;
            expect(high).to.contain("target utilisation of 0.9 ").and.contain("above 0.8, its 3 one-minute datapoints");
        });

        it("refuses just below 0.4, with the fleet's idle cost as the reason", () => {
            const { problems } = rejected(target("799"));
            expect(problems.map((p) => [p.key, p.value])).to.deep.equal([["kgsports:targetRequestsPerInstance", "799"]]);
            expect(problems[0].message)
                .to.contain("target utilisation of 0.3995 ")
                .and.contain("below 0.4 the fleet idles at more than 2.5 times the need")
                .and.contain("for 0.6 set kgsports:targetRequestsPerInstance to 1200");
            // The suggestion follows the other two keys: 0.6 x 16 000 x 1 = 9 600 (the README's c7i.4xlarge).
            const large = rejected(withFixtures({ "kgsports:viewersPerInstance": "16000", "kgsports:instanceType": "c7i.4xlarge" })).problems;
            expect(large.find((p) => p.key === "kgsports:targetRequestsPerInstance")!.message)
                .to.contain("target utilisation of 0.0625 ")
                .and.contain("set kgsports:targetRequestsPerInstance to 9600");
        });

        it("is not judged without fixtures (the dev stack's target has no load test behind it)", () => {
            const s = settingsOf({ ...validStackConfig(), "kgsports:viewersPerInstance": "2000", "kgsports:requestsPerViewerPerMinute": "1", "kgsports:targetRequestsPerInstance": "1900" }, "dev");
            expect(s.cost.requestsPerViewerPerMinute).to.equal(1);
        });
    });

    describe("prices: the key, else the documented default, else unknown (the report says so)", () => {
        it("every documented default has a price above 0, a source and the date it was read", () => {
            const all = [...Object.values(INSTANCE_HOUR_PRICES).flatMap((r) => Object.values(r)), ...Object.values(GP3_GIB_MONTH_PRICES)];
            expect(all.length).to.be.greaterThan(0);
            for (const p of all) {
                expect(p.usd).to.be.greaterThan(0);
                expect(p.source.length).to.be.greaterThan(20);
                expect(p.read).to.match(/^\d{4}-\d{2}-\d{2}$/);
            }
        });

        it("looks the default up by instance type and region", () => {
            expect(documentedInstanceHourPrice("c7i.large", "us-east-1")!.usd).to.equal(0.08925);
            expect(documentedInstanceHourPrice("t3.small", "ap-southeast-2")!.usd).to.equal(0.0264);
            expect(documentedInstanceHourPrice("c7i.large", "ap-northeast-2")).to.equal(undefined);
            expect(documentedInstanceHourPrice("c7i.xlarge", "us-east-1")).to.equal(undefined);
            expect(documentedVolumePrice("us-east-1")!.usd).to.equal(0.08);
            expect(documentedVolumePrice("ap-northeast-2")).to.equal(undefined);
        });

        it("a stack with fixtures and no price keys takes the documented defaults, with their source in the settings", () => {
            const s = settingsOf(withFixtures({
                "aws:region": "us-east-1",
                "kgsports:instanceType": "c7i.large",
                "kgsports:instanceHourlyPriceUsd": undefined,
                "kgsports:volumeGiBMonthPriceUsd": undefined,
            }));
            expect(s.cost.prices.instanceHourUsd).to.equal(0.08925);
            expect(s.cost.prices.instanceHourSource).to.match(/^documented default, c7i\.large Linux on-demand in us-east-1, USD 0\.08925 per hour: .*, read \d{4}-\d{2}-\d{2}$/);
            expect(s.cost.prices.volumeGiBMonthUsd).to.equal(0.08);
            expect(s.cost.prices.volumeSource).to.match(/^documented default, EBS gp3 storage in us-east-1, USD 0\.08 per GiB-month: .*, read \d{4}-\d{2}-\d{2}$/);
        });

        it("a key overrides the default", () => {
            const s = settingsOf(withFixtures({ "aws:region": "us-east-1", "kgsports:instanceType": "c7i.large", "kgsports:instanceHourlyPriceUsd": "0.1", "kgsports:volumeGiBMonthPriceUsd": undefined }));
            expect(s.cost.prices.instanceHourUsd).to.equal(0.1);
            expect(s.cost.prices.instanceHourSource).to.equal("kgsports:instanceHourlyPriceUsd");
            expect(s.cost.prices.volumeGiBMonthUsd).to.equal(0.08);
        });

        it("with fixtures and neither a key nor a default, the deploy goes ahead and the price is unknown, its source saying what to set", () => {
            const s = settingsOf(withFixtures({ "kgsports:instanceType": "c7i.large", "kgsports:instanceHourlyPriceUsd": undefined, "kgsports:volumeGiBMonthPriceUsd": undefined }));
            expect(s.cost.prices.instanceHourUsd).to.be.NaN;
            expect(s.cost.prices.volumeGiBMonthUsd).to.be.NaN;
            expect(s.cost.prices.instanceHourSource)
                .to.match(/^UNKNOWN: no documented on-demand price for c7i\.large in ap-northeast-2 /)
                .and.contain("c7i.large in us-east-1")
                .and.contain("set kgsports:instanceHourlyPriceUsd");
            expect(s.cost.prices.volumeSource)
                .to.match(/^UNKNOWN: no documented EBS gp3 price for ap-northeast-2 /)
                .and.contain("set kgsports:volumeGiBMonthPriceUsd");
            // Only the missing one is unknown.
            const one = settingsOf(withFixtures({ "kgsports:volumeGiBMonthPriceUsd": undefined }));
            expect(one.cost.prices.instanceHourUsd).to.be.above(0);
            expect(one.cost.prices.volumeGiBMonthUsd).to.be.NaN;
        });

        it("without fixtures and without a price: unknown too, and a source that says why (never a silent default)", () => {
            const s = settingsOf({ ...validStackConfig() }, "dev");
            expect(s.cost.prices.instanceHourUsd).to.be.NaN;
            expect(s.cost.prices.volumeGiBMonthUsd).to.be.NaN;
            expect(s.cost.prices.instanceHourSource).to.match(/^UNKNOWN: no documented on-demand price for t3\.small in ap-northeast-2 /);
            expect(s.cost.prices.volumeSource).to.match(/^UNKNOWN: no documented EBS gp3 price for ap-northeast-2 /);
            // A documented default is used with or without fixtures.
            const east = settingsOf({ ...validStackConfig(), "aws:region": "us-east-1" }, "dev");
            expect(east.cost.prices.volumeGiBMonthUsd).to.equal(0.08);
        });

        it("decides the slice on its own, from the parsed values and the rest of the stack", () => {
            const r = decideCapacityCostSettings(
                { requestsPerViewerPerMinute: 1 },
                { region: "us-east-1", instanceType: "c7i.large", fixtures: [FINAL], viewersPerInstance: 2000, targetRequestsPerInstance: 1200 },
            );
            expect(r.problems).to.deep.equal([]);
            expect(r.settings.targetUtilisation).to.equal(0.6);
            expect(r.settings.prices.instanceHourUsd).to.equal(0.08925);
        });
    });

    describe("maxSize against what target tracking asks for at the planned surge", () => {
        // 120 000 viewers at a target of 0.5 of 2 000: 120 instances. The floor is 108 (72 needed, N+1 over 3 zones), within 119.
        // The config layer names the plan's settings by their keys (kgsports:maxSize).
        const plan = (fixtures: Fixture[], max: number, u = 0.5) => checkCapacityPlan(matchdayPlan(fixtures, { groupMaxSize: max, targetUtilisation: u }), undefined, undefined, CONFIG_KEY_NAMES);

        it("is silent at equality and fires one instance above, naming the fixture, maxSize, the number needed and the cap", () => {
            expect(plan([FINAL], 120)).to.deep.equal([]);
            const p = plan([FINAL], 119);
            expect(p).to.have.length(1);
            expect(p[0]).to.include({ fixture: "UCL final", key: "expectedPeakViewers", value: "120000" });
            expect(p[0].message).to.equal(
                "at its planned surge target tracking asks for 120 instances (120000 viewers x surge 1, 2000 per instance at a target utilisation of 0.5), " +
                    "above kgsports:maxSize = 119; target tracking is capped at kgsports:maxSize during the surge, so the fleet runs at 50.4 % of its load-tested limit, not the 50 % it aims for; " +
                    "raise kgsports:maxSize to at least 120 (and check the account's EC2 vCPU quota), or lower the plan (expectedPeakViewers, surgeFactor)",
            );
        });

        it("counts the surge factor", () => {
            // 80 000 x 1.5 = 120 000 viewers: 120 instances.
            const surging = { ...FINAL, expectedPeakViewers: 80_000, surgeFactor: 1.5 };
            expect(plan([surging], 120)).to.deep.equal([]);
            expect(plan([surging], 119).map((p) => p.message)[0]).to.contain("asks for 120 instances (80000 viewers x surge 1.5,");
        });

        it("adds up the audiences of fixtures whose windows overlap, minute by minute, and not those on other nights", () => {
            // An hour apart, both in extra time: Semi 1 at its peak at 21:35 (minute 155) while Semi 2 is at its own (minute 95).
            const a = { name: "Semi 1", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 60_000 };
            const b = { name: "Semi 2", kickoff: "2027-05-04T20:00:00Z", expectedPeakViewers: 60_000 };
            expect(plan([a, b], 120)).to.deep.equal([]);
            const p = plan([a, b], 119);
            expect(p.map((x) => x.fixture)).to.deep.equal(["Semi 1"]);
            expect(p[0].message).to.contain(
                'asks for 120 instances (at 2027-05-04T21:35:00Z the audiences of "Semi 1" (60000 of 60000) and "Semi 2" (60000 of 60000) add up to 120000 viewers, 2000 per instance',
            );
            // Kicking off together, the larger audience carries the problem.
            const c = { ...b, kickoff: a.kickoff, expectedPeakViewers: 70_000 };
            expect(plan([a, c], 129).map((x) => [x.fixture, x.message.match(/asks for (\d+) instances/)![1]])).to.deep.equal([["Semi 2", "130"]]);
            expect(plan([a, c], 130)).to.deep.equal([]);
            const nextDay = { ...b, kickoff: "2027-05-05T20:00:00Z" };
            expect(plan([a, nextDay], 119)).to.deep.equal([]);
            // Back to back: one's release is the other's pre-warm, so they do not add up.
            const backToBack = { ...b, kickoff: "2027-05-04T23:25:00Z" };
            expect(plan([a, backToBack], 61)).to.deep.equal([]);
        });

        it("is not checked without a target utilisation; an impossible one is a plan problem", () => {
            expect(checkCapacityPlan(matchdayPlan([FINAL], { groupMaxSize: 110 }))).to.deep.equal([]);
            for (const u of [0, 1, 1.5, -0.2, Number.NaN]) {
                const p = checkCapacityPlan(matchdayPlan([FINAL], { targetUtilisation: u }));
                expect(p.map((x) => x.key), String(u)).to.deep.equal(["targetUtilisation"]);
            }
        });

        it("reaches the config: the problem names the fixture in the key and the stack in the message", () => {
            const { problems, text } = rejected(withFixtures({ "kgsports:maxSize": "119", "kgsports:desiredCapacity": "3" }));
            expect(problems.map((p) => p.key)).to.deep.equal(['kgsports:fixtures["UCL final"].expectedPeakViewers']);
            expect(problems[0].message).to.contain("asks for 120 instances").and.contain("above kgsports:maxSize = 119");
            expect(text).to.contain('Stack "matchday"');
            expect(validate(withFixtures({ "kgsports:maxSize": "120" })).ok).to.equal(true);
        });
    });
});
