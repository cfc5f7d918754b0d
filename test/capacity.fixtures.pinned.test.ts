/**
 * The pre-flight checks of the capacity plan at their exact limits, and the problems as
 * the person editing `Pulumi.matchday.yaml` reads them. The limits are the README's
 * (stack config table and "Matchday capacity"): headroom 0 to 200 %, pre-warm lead 0 to
 * 720 minutes, release delay 0 to 240, minimum lead 0 to 1440, a surge factor from 1 to
 * 10, a group maximum of at least 1.
 */
import { expect } from "chai";
import { checkCapacityPlan, Fixture, FixtureProblem, formatFixtureProblems, parseFixtures } from "../stacks/capacity/fixtures";
import { CONFIG_KEY_NAMES } from "../stacks/config/matchday";
import { matchdayPlan } from "./helpers/capacityPlan";

const final: Fixture = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000, surgeFactor: 1.5 };

/** The plan-wide problems' keys and values. */
function planProblems(problems: FixtureProblem[]): [string, string | undefined][] {
    return problems.filter((p) => p.fixture === "(all)").map((p) => [p.key, p.value]);
}

describe("capacity fixtures, pinned at their limits", () => {
    describe("plan-wide settings: inclusive limits, whole minutes", () => {
        const cases: [keyof ReturnType<typeof matchdayPlan>, number[], unknown[]][] = [
            ["headroomPercent", [0, 200, 12.5], [-0.5, 200.5, Infinity, NaN, "20"]],
            ["preWarmLeadMinutes", [15, 360], [14, 361, 0, 70.5, "70"]],
            ["matchWindowMinutes", [100, 360], [99, 361, 90, 120.5]],
            ["releaseDelayMinutes", [0, 240], [-1, 241, 30.5, "30"]],
            ["availabilityZoneCount", [2, 6], [1, 7, 2.5]],
            ["minimumLeadMinutes", [0, 1440], [-1, 1441, 30.5, "30"]],
            ["groupMaxSize", [1, 240], [0, -3, 2.5, "240"]],
            ["viewersPerInstance", [0.5, 2000], [0, -1, Infinity, "2000"]],
        ];
        for (const [key, good, bad] of cases) {
            it(`${key}: accepts ${good.join(", ")}; refuses ${bad.map(String).join(", ")}`, () => {
                for (const v of good) {
                    // A maximum of 1 cannot hold the final's floor: judge it without fixtures.
                    expect(planProblems(checkCapacityPlan(matchdayPlan([], { [key]: v, baselineMinSize: 1 }))), `${key} = ${v}`).to.deep.equal([]);
                }
                for (const v of bad) {
                    const found = checkCapacityPlan(matchdayPlan([final], { [key]: v as number, baselineMinSize: 1 })).filter((p) => p.key === key);
                    expect(found, `${key} = ${String(v)}`).to.have.length(1);
                    expect(found[0].fixture).to.equal("(all)");
                    expect(found[0].message).to.match(/allowed|must be above 0/);
                }
            });
        }

        it("shows each refused value as written: numbers as numbers, Infinity as Infinity, an absent value as undefined, a list as JSON", () => {
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { headroomPercent: Infinity })))).to.deep.equal([["headroomPercent", "Infinity"]]);
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { headroomPercent: NaN })))).to.deep.equal([["headroomPercent", "NaN"]]);
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { releaseDelayMinutes: 241 })))).to.deep.equal([["releaseDelayMinutes", "241"]]);
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { headroomPercent: undefined as unknown as number })))).to.deep.equal([["headroomPercent", "undefined"]]);
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { preWarmLeadMinutes: [70] as unknown as number })))).to.deep.equal([["preWarmLeadMinutes", "[70]"]]);
            expect(planProblems(checkCapacityPlan(matchdayPlan([], { fixtures: { final } as unknown as Fixture[] }))))
                .to.deep.equal([["fixtures", JSON.stringify({ final })]]);
        });

        it("names the defaults in the timing messages (70, 30 and 30 minutes)", () => {
            const msg = (over: object) => checkCapacityPlan(matchdayPlan([], over))[0].message;
            expect(msg({ preWarmLeadMinutes: 361 })).to.equal("allowed: whole minutes from 15 to 360 (default 70); a cold instance needs about 5 minutes to serve");
            expect(msg({ matchWindowMinutes: 99 })).to.equal("allowed: whole minutes from 100 to 360 (default 165: extra time and penalties)");
            expect(msg({ releaseDelayMinutes: 241 })).to.equal("allowed: whole minutes from 0 to 240 (default 30)");
            expect(msg({ minimumLeadMinutes: 1441 })).to.equal("allowed: whole minutes from 0 to 1440 (default 30)");
            expect(msg({ headroomPercent: 201 })).to.equal("allowed: a percentage from 0 to 200 (e.g. 20)");
            expect(msg({ groupMaxSize: 0, baselineMinSize: 0 })).to.equal("allowed: a whole number of instances, at least 1");
            expect(msg({ baselineMinSize: 241 })).to.equal("allowed: a whole number of instances from 0 to the group's maximum (240)");
            expect(msg({ fixtures: "final" })).to.equal("must be a list of fixtures");
            // Without a valid maximum, the baseline's limit cannot name it.
            const both = checkCapacityPlan(matchdayPlan([], { groupMaxSize: 0, baselineMinSize: -1 }));
            expect(both.map((p) => [p.key, p.message])).to.deep.equal([
                ["groupMaxSize", "allowed: a whole number of instances, at least 1"],
                ["baselineMinSize", "allowed: a whole number of instances from 0 to the group's maximum"],
            ]);
        });

        it("a surge factor of exactly 1 or 10 is allowed; 0.99 and 10.01 are not", () => {
            for (const surgeFactor of [1, 10]) {
                expect(checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 1000, surgeFactor }])), String(surgeFactor)).to.deep.equal([]);
            }
            for (const surgeFactor of [0.99, 10.01]) {
                const p = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 1000, surgeFactor }]));
                expect(p.map((x) => [x.fixture, x.key, x.value]), String(surgeFactor)).to.deep.equal([["UCL final", "surgeFactor", String(surgeFactor)]]);
            }
        });
    });

    describe("the floor against maxSize: equal is enough", () => {
        // README: the final, 150 000 x 1.5 + 20 % at 2 000 per instance over 3 zones, needs 203.
        it("accepts a maxSize exactly equal to the floor and refuses one instance less", () => {
            expect(checkCapacityPlan(matchdayPlan([final], { groupMaxSize: 203 }))).to.deep.equal([]);
            const p = checkCapacityPlan(matchdayPlan([final], { groupMaxSize: 202 }), undefined, undefined, CONFIG_KEY_NAMES);
            expect(p).to.have.length(1);
            expect(p[0]).to.deep.include({ fixture: "UCL final", key: "expectedPeakViewers", value: "150000" });
            expect(p[0].message).to.equal(
                "needs 203 instances at kickoff (150000 viewers x surge 1.5 + 20 % headroom, 2000 per instance, sized to survive losing 1 of 3 zones), " +
                    "above kgsports:maxSize = 202; raise kgsports:maxSize to at least 203 (and check the account's EC2 vCPU quota) " +
                    "or lower the plan (expectedPeakViewers, surgeFactor, kgsports:headroomPercent)",
            );
        });

        it("suggests larger instances above 300 instances only, and then separates the alternatives with a comma", () => {
            // 400 000 x 1.2 / 2 000 = 240 needed, 360 over 3 zones; exactly 300: 200 000 x 1.2 / 2 000 = 120, 180... use 4 zones.
            // 4 zones: ceil(need x 4 / 3). need 225 (375 000 viewers) gives exactly 300.
            const at300 = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 375_000, surgeFactor: 1 }], { availabilityZoneCount: 4, groupMaxSize: 299 }));
            expect(at300[0].message).to.contain("needs 300 instances").and.match(/\(and check the account's EC2 vCPU quota\) or lower the plan/);
            const above = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 400_000, surgeFactor: 1 }], { groupMaxSize: 299 }), undefined, undefined, CONFIG_KEY_NAMES);
            expect(above[0].message).to.contain("needs 360 instances").and.match(
                /\(and check the account's EC2 vCPU quota\), use a larger instance type with its own load-tested kgsports:viewersPerInstance, or lower the plan \(/,
            );
        });
    });

    describe("fixture problems: labels, values and messages", () => {
        it("labels a fixture with a blank name by its position, and requires a name", () => {
            const p = checkCapacityPlan(matchdayPlan([final, { ...final, name: "   " }]));
            expect(p.map((x) => [x.fixture, x.key, x.value])).to.deep.equal([["fixtures[1]", "name", "   "]]);
            expect(p[0].message).to.equal("required: a unique, non-empty name; the scheduled actions are named after it");
            const parsed = parseFixtures([{ name: " ", kickoff: "2027-05-29T19:00Z", expectedPeakViewers: 1, venue: "x" }]);
            // Unreadable (an unknown field): its blank name is said in the same run, both under its position.
            expect(parsed.problems.map((x) => [x.fixture, x.key])).to.deep.equal([["fixtures[0]", "venue"], ["fixtures[0]", "name"]]);
        });

        it("a name colliding with another's action name names the other fixture and the action (prewarm-<stem>)", () => {
            const p = checkCapacityPlan(matchdayPlan([final, { ...final, name: "UCL  Final!" }]));
            expect(p).to.have.length(1);
            expect(p[0].message).to.equal('gives the same scheduled action name as fixture "UCL final" (prewarm-ucl-final); make the names differ in letters or digits');
        });

        it("a kickoff that is missing is required; one that is not a string must be one", () => {
            const missing = checkCapacityPlan(matchdayPlan([{ ...final, kickoff: undefined as unknown as string }]));
            expect(missing).to.have.length(1);
            expect(missing[0]).to.not.have.property("value");
            expect(missing[0].message).to.match(/^required: an ISO 8601 date and time with its UTC offset, e\.g\. ".+", or the local time with timeZone$/);
            const number = checkCapacityPlan(matchdayPlan([{ ...final, kickoff: 20270529 as unknown as string }]));
            expect(number.map((x) => [x.key, x.value])).to.deep.equal([["kickoff", "20270529"]]);
            expect(number[0].message).to.match(/^must be a string: an ISO 8601 date/);
        });

        it("an audience that is missing is required (no value shown); zero or fractional is not allowed (value shown)", () => {
            const missing = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: undefined as unknown as number }]));
            expect(missing).to.have.length(1);
            expect(missing[0]).to.not.have.property("value");
            expect(missing[0].message).to.match(/^required: the expected peak of concurrent viewers, a whole number above 0; /);
            for (const v of [0, 1.5]) {
                const bad = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: v }]));
                expect(bad.map((x) => [x.key, x.value, x.message])).to.deep.equal([
                    ["expectedPeakViewers", String(v), "allowed: the expected peak of concurrent viewers, a whole number above 0"],
                ]);
            }
            expect(checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 1 }]))).to.deep.equal([]);
        });
    });

    describe("parseFixtures: what the config value is, in the person's words", () => {
        it("an absent value (undefined or null) is no fixtures and no problem", () => {
            expect(parseFixtures(undefined)).to.deep.equal({ fixtures: [], problems: [] });
            expect(parseFixtures(null)).to.deep.equal({ fixtures: [], problems: [] });
        });

        it("names the fields a fixture has (README: name, kickoff, expectedPeakViewers, surgeFactor, timeZone) and the type it got", () => {
            const notList = parseFixtures({ name: "UCL final" });
            expect(notList.problems).to.deep.equal([{
                fixture: "(all)",
                key: "fixtures",
                value: '{"name":"UCL final"}',
                // The problem line shows it as typed, not as a quoted string of JSON.
                literal: '{"name":"UCL final"}',
                message: "must be a list of fixtures (a YAML sequence of objects with name, kickoff, expectedPeakViewers, surgeFactor, timeZone), got an object",
            }]);
            expect(parseFixtures("final").problems[0].message).to.match(/, got a string$/);
            const entries = parseFixtures([["a"], null, 3]);
            expect(entries.problems.map((p) => [p.fixture, p.key, p.message])).to.deep.equal([
                ["fixtures[0]", "(fixture)", "must be an object with name, kickoff, expectedPeakViewers, surgeFactor, timeZone, got a list"],
                ["fixtures[1]", "(fixture)", "must be an object with name, kickoff, expectedPeakViewers, surgeFactor, timeZone, got null"],
                ["fixtures[2]", "(fixture)", "must be an object with name, kickoff, expectedPeakViewers, surgeFactor, timeZone, got a number"],
            ]);
        });

        it("a YAML date as kickoff is named as such; a missing field carries no value, a wrong one its value", () => {
            const r = parseFixtures([{ name: "UCL final", kickoff: new Date("2027-05-29T19:00:00Z"), surgeFactor: "1.5" }]);
            expect(r.fixtures).to.deep.equal([]);
            expect(r.problems.map((p) => [p.key, p.value])).to.deep.equal([
                ["kickoff", '"2027-05-29T19:00:00.000Z"'],
                ["expectedPeakViewers", undefined],
                ["surgeFactor", "1.5"],
            ]);
            expect(r.problems[0].message).to.match(/got a date \(unquoted YAML timestamp\)$/);
            expect(r.problems[1]).to.not.have.property("value");
            // "1.5" reads as one number: the message says what to write (issue 20).
            expect(r.problems[2].message).to.equal("must be a number from 1 to 10 (unquoted); write 1.5");
        });
    });

    describe("formatFixtureProblems: one line per problem", () => {
        it("names the fixture or the plan, the key with its value when there is one, and the message", () => {
            const text = formatFixtureProblems([
                { fixture: "(all)", key: "headroomPercent", value: "250", message: "allowed: a percentage from 0 to 200 (e.g. 20)" },
                { fixture: "UCL final", key: "expectedPeakViewers", message: "required" },
            ]);
            expect(text).to.equal(
                '  - capacity plan, headroomPercent = "250": allowed: a percentage from 0 to 200 (e.g. 20)\n' +
                    '  - fixture "UCL final", expectedPeakViewers: required',
            );
        });
    });
});
