/**
 * Issue 20, "smaller things that cost a tired operator a second try": every fixture's
 * problems in one run, a number typed as text that says the number to write, a
 * duplicate fixture that is one error and nothing else, and problem lines that show a
 * value as it was typed. Expected values come from the examples.
 */
import { expect } from "chai";
import { checkCapacityPlan, COMBINED_CHECKS_WAIT, Fixture, formatFixtureProblems, parseFixtures, unambiguousNumber } from "../stacks/capacity/fixtures";
import { decideMatchdayCapacity, MatchdayKeys } from "../stacks/config/matchday";
import { matchdayPlan } from "./helpers/capacityPlan";

const NOW = new Date("2027-04-01T00:00:00Z");

/** The matchday stack's sizing (test/helpers/capacityPlan.ts) as config keys, target tracking at 0.6. */
function keys(fixtures: unknown, over: Partial<MatchdayKeys> = {}): MatchdayKeys {
    const { baselineMinSize, groupMaxSize, fixtures: _none, ...sizing } = matchdayPlan([]);
    return { ...sizing, fixtures, minSize: baselineMinSize, maxSize: groupMaxSize, displayTimeZone: "Asia/Seoul", targetUtilisation: 0.6, ...over };
}

function problemsOf(fixtures: unknown, over: Partial<MatchdayKeys> = {}) {
    const r = decideMatchdayCapacity(keys(fixtures, over), NOW);
    if (r.ok) throw new Error("expected the fixtures to be refused");
    return r.problems;
}

const leg2 = { name: "UCL R16 leg 2", kickoff: "2027-04-14T21:00:00+02:00", expectedPeakViewers: 420_000 };
const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000 };

describe("issue 20: a number typed as text says the number to write", () => {
    const readings: [string, number][] = [
        ["420000", 420_000],
        ["420k", 420_000],
        ["420K", 420_000],
        ["420,000", 420_000],
        ["420 000", 420_000],
        ["1,200,000", 1_200_000],
        ["1.2m", 1_200_000],
        ["1.5", 1.5],
        [" 2 ", 2],
    ];
    for (const [text, n] of readings) {
        it(`"${text}" reads as ${n}`, () => expect(unambiguousNumber(text)).to.equal(n));
    }
    // A dot or comma that is a decimal mark in some countries and a thousands separator in others, mixed separators, words.
    for (const text of ["420.000", "1,5", "420,00", "420,000 000", "1,000.5", "lots", "-5", "1e5", "k", ""]) {
        it(`"${text}" is not read as a number: no suggestion`, () => expect(unambiguousNumber(text)).to.equal(undefined));
    }

    it("expectedPeakViewers: \"420k\" gets the issue's line, the number to write unquoted", () => {
        const r = parseFixtures([{ ...leg2, expectedPeakViewers: "420k" }]);
        expect(formatFixtureProblems(r.problems)).to.equal(
            '  - fixture "UCL R16 leg 2", expectedPeakViewers = "420k": must be a number (unquoted); write 420000',
        );
    });

    it('"420,000", "420 000", "420000" and "1.2m" each say what to write', () => {
        for (const [typed, write] of [["420,000", "420000"], ["420 000", "420000"], ["420000", "420000"], ["1.2m", "1200000"]]) {
            const [p] = parseFixtures([{ ...leg2, expectedPeakViewers: typed }]).problems;
            expect(p.message, typed).to.equal(`must be a number (unquoted); write ${write}`);
        }
    });

    it('surgeFactor "1.5" says write 1.5; a reading outside what the key allows is not suggested', () => {
        expect(parseFixtures([{ ...leg2, surgeFactor: "1.5" }]).problems[0].message).to.equal("must be a number from 1 to 10 (unquoted); write 1.5");
        // 15 is no surge factor, and half a viewer is no audience: the message stays as it was.
        expect(parseFixtures([{ ...leg2, surgeFactor: "15" }]).problems[0].message).to.equal("must be a number from 1 to 10 (unquoted), got a string");
        expect(parseFixtures([{ ...leg2, expectedPeakViewers: "0.5" }]).problems[0].message).to.equal("must be a number (unquoted), got a string");
    });

    it("an ambiguous text keeps the message without a suggestion", () => {
        expect(parseFixtures([{ ...leg2, expectedPeakViewers: "420.000" }]).problems[0].message).to.equal("must be a number (unquoted), got a string");
    });

    it("a problem line shows a number unquoted and text quoted, as the operator typed them", () => {
        const tooSmall = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 0 }]), NOW);
        expect(formatFixtureProblems(tooSmall)).to.contain('fixture "UCL final", expectedPeakViewers = 0: ').and.not.contain('= "0"');
        const big = checkCapacityPlan(matchdayPlan([{ ...final, expectedPeakViewers: 420_000 }]), NOW);
        expect(formatFixtureProblems(big)).to.contain('fixture "UCL final", expectedPeakViewers = 420000: needs 378 instances');
        const text = parseFixtures([{ ...final, kickoff: 20270529 }]).problems;
        expect(formatFixtureProblems(text)).to.contain("kickoff = 20270529: must be a string");
        const quoted = checkCapacityPlan(matchdayPlan([{ ...final, kickoff: "2027-05-29 21:00" }]), NOW);
        expect(formatFixtureProblems(quoted)).to.contain('kickoff = "2027-05-29 21:00": ');
    });
});

describe("issue 20: every fixture's problems in one run", () => {
    it('a type error in one fixture ("420k") no longer hides a malformed kickoff in another', () => {
        const p = problemsOf([{ ...leg2, expectedPeakViewers: "420k" }, { ...final, kickoff: "2027-05-29 21:00" }]);
        expect(p.map((x) => [x.fixture, x.key])).to.deep.equal([
            ["UCL R16 leg 2", "expectedPeakViewers"],
            ["UCL final", "kickoff"],
            ["(all)", "fixtures"],
        ]);
        expect(p[2].message).to.equal(COMBINED_CHECKS_WAIT).and.contain("run once the fixtures above are fixed");
    });

    it("a blank name beside another broken field is said in the same run, not after the field is fixed", () => {
        const p = problemsOf([{ ...leg2, name: " ", expectedPeakViewers: "420k" }, final]);
        expect(p.map((x) => `${x.fixture} ${x.key}`)).to.deep.equal(["fixtures[0] expectedPeakViewers", "fixtures[0] name", "(all) fixtures"]);
        expect(p[1].message).to.contain("required: a unique, non-empty name");
    });

    it("the readable fixtures get every value check: time zone, name, horizon, a floor above maxSize", () => {
        const p = problemsOf([
            { ...leg2, expectedPeakViewers: "420k" },
            { ...final, timeZone: "Europe/Pariss", kickoff: "2027-05-29T21:00:00" },
            { ...final, name: " " },
            { ...final, name: "Next season", kickoff: "2029-05-29T21:00:00+02:00" },
            { ...final, name: "World Cup final", expectedPeakViewers: 1_000_000 },
        ]);
        expect(p.map((x) => `${x.fixture} ${x.key}`)).to.deep.equal([
            "UCL R16 leg 2 expectedPeakViewers",
            "UCL final timeZone",
            "fixtures[2] name",
            "Next season kickoff",
            // Its floor (900 instances) and what target tracking asks for alone (834): two checks of one fixture.
            "World Cup final expectedPeakViewers",
            "World Cup final expectedPeakViewers",
            "(all) fixtures",
        ]);
        expect(p[3].message).to.contain("check the year");
        expect(p[4].message).to.contain("needs 900 instances").and.contain("kgsports:maxSize = 240");
    });

    it("an unreadable fixture's own kickoff and time zone are checked in the same run too", () => {
        const p = problemsOf([
            { ...leg2, expectedPeakViewers: "420k", kickoff: "2027-04-14 21:00" },
            { ...final, surgeFactor: "x2", timeZone: "Europe/Pariss", kickoff: "2027-05-29T21:00:00" },
            { ...final, name: "Next season", surgeFactor: "x2", kickoff: "2029-05-29T21:00:00+02:00" },
        ]);
        expect(p.map((x) => `${x.fixture} ${x.key}`)).to.deep.equal([
            "UCL R16 leg 2 expectedPeakViewers",
            "UCL final surgeFactor",
            "Next season surgeFactor",
            "UCL R16 leg 2 kickoff",
            "UCL final timeZone",
            "Next season kickoff",
            "(all) fixtures",
        ]);
        // The kickoff messages themselves are the kickoff checks' (test/capacity.fixtures.test.ts): the same as for a readable fixture.
        expect(p[3].value).to.equal("2027-04-14 21:00");
        expect(p[4].message).to.contain("Europe/Paris");
        expect(p[5].value).to.equal("2029-05-29T21:00:00+02:00");
    });

    it("a fixture without a name is named by its place in the list, counting the unreadable entries", () => {
        const p = problemsOf(["not a fixture", { ...final, name: "" }]);
        expect(p.map((x) => `${x.fixture} ${x.key}`)).to.deep.equal(["fixtures[0] (fixture)", "fixtures[1] name", "(all) fixtures"]);
    });

    it("target tracking is still checked for each readable fixture alone; only the sums wait", () => {
        // 300 000 viewers at 2 000 per instance and 0.6: 250 instances, above 240 on its own.
        const p = problemsOf([{ ...leg2, expectedPeakViewers: "420k" }, { ...final, expectedPeakViewers: 150_000, surgeFactor: 2 }]);
        const surge = p.find((x) => x.fixture === "UCL final" && x.message.includes("target tracking"))!;
        expect(surge.message).to.contain("target tracking asks for 250 instances");
        expect(p[p.length - 1].message).to.equal(COMBINED_CHECKS_WAIT);
    });

    it("with one fixture only, or all readable, there is no line about combined checks", () => {
        expect(problemsOf([{ ...leg2, expectedPeakViewers: "420k" }]).map((x) => x.key)).to.deep.equal(["expectedPeakViewers"]);
        expect(problemsOf([{ ...leg2, expectedPeakViewers: 100_000 }, { ...final, kickoff: "2027-05-29 21:00" }]).map((x) => x.key)).to.deep.equal(["kickoff"]);
    });

    it("a value that is no list at all is one problem, as before", () => {
        expect(problemsOf({ name: "UCL final" }).map((x) => x.key)).to.deep.equal(["fixtures"]);
    });
});

describe("issue 20: a duplicate fixture name is one error, not also a summed audience", () => {
    // 150 000 viewers: 135 instances of floor and 125 for target tracking at 0.6, within 240;
    // entered twice the sums ask for 250 (target tracking) and 270 (the window's floor).
    const twice = [final, { ...final }];

    it("the only problem is the duplicate name, on the second entry", () => {
        const p = problemsOf(twice);
        expect(p).to.deep.equal([{
            fixture: "UCL final",
            key: "name",
            value: "UCL final",
            message: "duplicate fixture name: fixtures[0] (kickoff \"2027-05-29T21:00:00+02:00\") and fixtures[1] (kickoff \"2027-05-29T21:00:00+02:00\") are both named \"UCL final\"; names identify scheduled actions and must be unique: rename one",
        }]);
        expect(checkCapacityPlan(matchdayPlan(twice, { targetUtilisation: 0.6 }), NOW)).to.deep.equal(p);
    });

    it("names both entries by place and kickoff as typed, so the operator can tell which one is new", () => {
        // The final typed in Paris time first, eight other matches, then the final again with an offset, three days later.
        const others = Array.from({ length: 8 }, (_, i) => ({ name: `League match ${i + 1}`, kickoff: `2027-05-0${i + 1}T20:00:00+09:00`, expectedPeakViewers: 20_000 }));
        const list = [{ ...final, kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Paris" }, ...others, { ...final, kickoff: "2027-06-01T21:00:00+02:00" }];
        expect(problemsOf(list).map((x) => x.message)).to.deep.equal([
            'duplicate fixture name: fixtures[0] (kickoff "2027-05-29T21:00:00", Europe/Paris) and fixtures[9] (kickoff "2027-06-01T21:00:00+02:00") are both named "UCL final"; names identify scheduled actions and must be unique: rename one',
        ]);
    });

    it("the first entry is still checked; the duplicate's own values are not", () => {
        const p = problemsOf([{ ...final, kickoff: "2027-05-29 21:00" }, { ...final, expectedPeakViewers: 0, kickoff: "tomorrow" }]);
        expect(p.map((x) => `${x.key}: ${x.message.slice(0, 30)}`)).to.have.length(2);
        expect(p[0].key).to.equal("kickoff");
        expect(p[0].value).to.equal("2027-05-29 21:00");
        expect(p[1].key).to.equal("name");
        expect(p[1].message).to.contain('duplicate fixture name: fixtures[0] (kickoff "2027-05-29 21:00") and fixtures[1] (kickoff "tomorrow") are both named "UCL final"');
    });

    it("a duplicate of an unreadable entry is named too, in the same run", () => {
        const p = problemsOf([{ ...final, expectedPeakViewers: "150k" }, final]);
        expect(p.map((x) => [x.key, x.message])).to.deep.equal([
            ["expectedPeakViewers", "must be a number (unquoted); write 150000"],
            ["name", "duplicate fixture name: fixtures[0] (kickoff \"2027-05-29T21:00:00+02:00\") and fixtures[1] (kickoff \"2027-05-29T21:00:00+02:00\") are both named \"UCL final\"; names identify scheduled actions and must be unique: rename one"],
            ["fixtures", COMBINED_CHECKS_WAIT],
        ]);
        const later = problemsOf([final, { ...final, expectedPeakViewers: "150k" }]);
        expect(later.map((x) => x.key)).to.deep.equal(["expectedPeakViewers", "name", "fixtures"]);
        expect(later[1].message).to.contain('duplicate fixture name: fixtures[0] (kickoff "2027-05-29T21:00:00+02:00") and fixtures[1] (kickoff "2027-05-29T21:00:00+02:00")');
    });

    it("a different fixture at the same time still adds up: the exclusion is for the same name only", () => {
        const p = problemsOf([final, { ...final, name: "UCL final (second screen)" }]);
        expect(p.map((x) => x.message).join("\n")).to.contain("target tracking asks for 250 instances");
    });
});

/** A fixture as the type demands, for the typed checks above. */
export type { Fixture };
