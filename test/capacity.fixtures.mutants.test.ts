/**
 * Behaviour of stacks/capacity/fixtures.ts that mutation testing showed unpinned: the
 * problem line's literal, the unambiguous-number reading, the timing keys' effect on the
 * sums, the duplicate and unreadable entries, and target tracking over concurrent
 * fixtures. Expected values come from issue 20, the README's "Stack config" and the
 * arithmetic in the comments.
 */
import { expect } from "chai";
import {
    askedSurges,
    checkCapacityPlan,
    COMBINED_CHECKS_WAIT,
    Fixture,
    formatFixtureProblems,
    formatSurge,
    parseFixtureList,
    parseFixtures,
    sameSurge,
    unambiguousNumber,
} from "../stacks/capacity/fixtures";
import { matchdayPlan } from "./helpers/capacityPlan";

const NOW = new Date("2027-04-01T00:00:00Z");
const leg2 = { name: "UCL R16 leg 2", kickoff: "2027-04-14T21:00:00+02:00", expectedPeakViewers: 42_000 };

/**
 * The matchday plan with target tracking at 0.5 of 2 000 viewers per instance: it asks
 * for one instance per 1 000 viewers, so N viewers need ceil(N / 1000) instances.
 */
function tracked(fixtures: Fixture[], groupMaxSize: number, over: Parameters<typeof matchdayPlan>[1] = {}) {
    return checkCapacityPlan(matchdayPlan(fixtures, { targetUtilisation: 0.5, groupMaxSize, ...over }));
}
const at = (name: string, kickoff: string, expectedPeakViewers: number): Fixture => ({ name, kickoff, expectedPeakViewers });

describe("fixtures: problem lines show a number as typed, bare", () => {
    it("NaN and Infinity appear bare, not as JSON's null", () => {
        const text = formatFixtureProblems(checkCapacityPlan(matchdayPlan([], { viewersPerInstance: Number.NaN, headroomPercent: Number.POSITIVE_INFINITY })));
        expect(text).to.contain("  - capacity plan, viewersPerInstance = NaN: must be above 0");
        expect(text).to.contain("  - capacity plan, headroomPercent = Infinity: allowed: a percentage from 0 to 200");
    });
});

describe("fixtures: the unambiguous-number reading", () => {
    const readings: [string, number][] = [
        // Four decimals or four digits before the dot are no thousands grouping: a decimal point.
        ["420.0001", 420.0001],
        ["1420.000", 1420],
        ["1.25", 1.25],
        ["1 200 000", 1_200_000],
        ["420\u00a0000", 420_000],
        ["1\u00a0200\u00a0000", 1_200_000],
        ["420\u202f000", 420_000],
        ["1\u202f200\u202f000", 1_200_000],
        ["420_000", 420_000],
        ["1_200_000", 1_200_000],
        ["1.25m", 1_250_000],
        ["2.5k", 2_500],
    ];
    for (const [text, n] of readings) {
        it(`${JSON.stringify(text)} reads as ${n}`, () => expect(unambiguousNumber(text)).to.equal(n));
    }
    for (const text of ["420.000", "1.200.000", "-420k", "420k viewers", "420\u00a0abc", "420_0000"]) {
        it(`${JSON.stringify(text)} is not read`, () => expect(unambiguousNumber(text)).to.equal(undefined));
    }

    it("a value that is neither text nor a number gets its type and no suggestion", () => {
        expect(parseFixtures([{ ...leg2, expectedPeakViewers: true }]).problems[0].message).to.equal("must be a number (unquoted), got a boolean");
        expect(parseFixtures([{ ...leg2, expectedPeakViewers: "lots" }]).problems[0].message).to.equal("must be a number (unquoted), got a string");
    });
});

describe("fixtures: formatSurge, sameSurge, askedSurges", () => {
    it("formatSurge shows one decimal when the second is 0, else two", () => {
        expect(formatSurge(1)).to.equal("1.0");
        expect(formatSurge(1.5)).to.equal("1.5");
        expect(formatSurge(1.25)).to.equal("1.25");
        expect(formatSurge(2.05)).to.equal("2.05");
        expect(formatSurge(10)).to.equal("10.0");
    });
    it("sameSurge is equality to a billionth", () => {
        expect(sameSurge(1.5, 1.5)).to.equal(true);
        expect(sameSurge(1, 1 + 1e-12)).to.equal(true);
        expect(sameSurge(1 + 1e-12, 1)).to.equal(true);
        expect(sameSurge(1, 1.001)).to.equal(false);
        expect(sameSurge(1.001, 1)).to.equal(false);
        expect(sameSurge(1, 1 + 2e-9)).to.equal(false);
        // Exactly a billionth apart is no longer the same.
        expect(sameSurge(0, 1e-9)).to.equal(false);
        // -1 and 1 differ by 2, though their sum is 0.
        expect(sameSurge(-1, 1)).to.equal(false);
    });
    it("askedSurges: 1.0 and the fixture's factor, or 1.0 alone", () => {
        expect(askedSurges(leg2)).to.deep.equal([1]);
        expect(askedSurges({ ...leg2, surgeFactor: 1 })).to.deep.equal([1]);
        expect(askedSurges({ ...leg2, surgeFactor: 2.5 })).to.deep.equal([1, 2.5]);
    });
});

describe("fixtures: timing keys and target utilisation", () => {
    // 120 000 viewers: 120 instances at 0.5 of 2 000; the floor is 108 (README: N+1 over 3 zones).
    const FINAL = at("UCL final", "2027-05-29T19:00:00Z", 120_000);

    it("with the timings valid, 119 instances is too few for target tracking", () => {
        expect(tracked([FINAL], 119).map((p) => p.key)).to.deep.equal(["expectedPeakViewers"]);
    });
    for (const [key, value] of [["preWarmLeadMinutes", 361], ["matchWindowMinutes", 99], ["releaseDelayMinutes", 241]] as const) {
        it(`an invalid ${key} (${value}) is its own problem and holds back target tracking's sums`, () => {
            expect(tracked([FINAL], 119, { [key]: value }).map((p) => p.key)).to.deep.equal([key]);
        });
    }
    it("timing bounds: 15..360, 100..360, 0..240 whole minutes", () => {
        for (const over of [
            { preWarmLeadMinutes: 15 }, { preWarmLeadMinutes: 360 },
            { matchWindowMinutes: 100 }, { matchWindowMinutes: 360 },
            { releaseDelayMinutes: 0 }, { releaseDelayMinutes: 240 },
        ]) {
            expect(checkCapacityPlan(matchdayPlan([FINAL], over)), JSON.stringify(over)).to.deep.equal([]);
        }
        for (const over of [
            { preWarmLeadMinutes: 14 }, { preWarmLeadMinutes: 361 }, { preWarmLeadMinutes: 70.5 },
            { matchWindowMinutes: 99 }, { matchWindowMinutes: 361 },
            { releaseDelayMinutes: -1 }, { releaseDelayMinutes: 241 },
        ]) {
            expect(checkCapacityPlan(matchdayPlan([FINAL], over)).map((p) => p.key), JSON.stringify(over)).to.deep.equal(Object.keys(over));
        }
    });
    it("a past fixture is not sized; with an invalid match window it is not known to be past, so it is", () => {
        // 1 000 000 viewers need far more than 240 instances. Kickoff 100 minutes before now.
        const big = at("Old", "2027-03-31T22:20:00Z", 1_000_000);
        // Window 165 + 30 = 195 minutes: still running, sized.
        expect(checkCapacityPlan(matchdayPlan([big]), NOW).map((p) => p.key)).to.deep.equal(["expectedPeakViewers"]);
        // Ended exactly now (kickoff 195 minutes before): not sized.
        expect(checkCapacityPlan(matchdayPlan([{ ...big, kickoff: "2027-03-31T20:45:00Z" }]), NOW)).to.deep.equal([]);
        // One minute less: still on, sized.
        expect(checkCapacityPlan(matchdayPlan([{ ...big, kickoff: "2027-03-31T20:46:00Z" }]), NOW).map((p) => p.key)).to.deep.equal(["expectedPeakViewers"]);
        // 30 + 30 minutes would have ended 40 minutes ago, but 30 is no match window: the fixture is still sized.
        expect(checkCapacityPlan(matchdayPlan([big], { matchWindowMinutes: 30 }), NOW).map((p) => p.key)).to.deep.equal(["matchWindowMinutes", "expectedPeakViewers"]);
    });
    it("targetUtilisation: 0.999 is allowed, 1 and 0 are not, and the message says the bounds", () => {
        expect(checkCapacityPlan(matchdayPlan([FINAL], { targetUtilisation: 0.999 }))).to.deep.equal([]);
        for (const u of [0, 1]) {
            const p = checkCapacityPlan(matchdayPlan([FINAL], { targetUtilisation: u }));
            expect(p.map((x) => x.key)).to.deep.equal(["targetUtilisation"]);
            expect(p[0].message).to.contain("above 0 and below 1");
        }
    });
});

describe("fixtures: names, duplicates and unreadable entries", () => {
    const parsedPlan = (raw: unknown[], over: Parameters<typeof matchdayPlan>[1] = {}) => {
        const parsed = parseFixtureList(raw);
        return checkCapacityPlan(matchdayPlan(parsed.fixtures, over), NOW, parsed);
    };

    it("a fixture without a name is named by its place", () => {
        const p = checkCapacityPlan(matchdayPlan([{ ...leg2, name: undefined as unknown as string }]), NOW);
        expect(p.map((x) => [x.fixture, x.key])).to.deep.equal([["fixtures[0]", "name"]]);
    });

    it("the duplicate message shows each entry's kickoff, with its zone only when it has one", () => {
        const local = { ...leg2, kickoff: "2027-04-14T21:00:00", timeZone: "Europe/Paris" };
        const [p] = checkCapacityPlan(matchdayPlan([leg2, local]), NOW);
        expect(p.message).to.equal(
            'duplicate fixture name: fixtures[0] (kickoff "2027-04-14T21:00:00+02:00") and fixtures[1] (kickoff "2027-04-14T21:00:00", Europe/Paris) ' +
                'are both named "UCL R16 leg 2"; names identify scheduled actions and must be unique: rename one',
        );
        // A blank zone (its own problem) is not shown.
        const blank = checkCapacityPlan(matchdayPlan([{ ...leg2, timeZone: " " }, leg2]), NOW).find((x) => x.key === "name");
        expect(blank!.message).to.contain('fixtures[0] (kickoff "2027-04-14T21:00:00+02:00") and fixtures[1]');
    });

    it("an unreadable first entry's kickoff shows as not readable", () => {
        const p = parsedPlan([{ ...leg2, kickoff: 2027 }, leg2]);
        expect(p.map((x) => x.key)).to.deep.equal(["name", "fixtures"]);
        expect(p[0].message).to.contain('fixtures[0] (kickoff not readable) and fixtures[1] (kickoff "2027-04-14T21:00:00+02:00") are both named');
    });

    it("an unreadable duplicate is only the duplicate: its kickoff is not checked", () => {
        const p = parsedPlan([leg2, { ...leg2, kickoff: "2027-04-14T21:00:00", expectedPeakViewers: "lots" }]);
        expect(p.map((x) => [x.fixture, x.key])).to.deep.equal([["UCL R16 leg 2", "name"], ["(all)", "fixtures"]]);
    });

    it("an unreadable entry's kickoff is checked in the same run, named by its place when it has no name", () => {
        // No offset and no timeZone: the kickoff names no instant.
        const noOffset = "2027-04-14T21:00:00";
        const named = parsedPlan([{ ...leg2, name: "Other" }, { ...leg2, kickoff: noOffset, expectedPeakViewers: "lots" }]);
        expect(named.map((x) => [x.fixture, x.key])).to.deep.equal([["UCL R16 leg 2", "kickoff"], ["(all)", "fixtures"]]);
        const nameless = parsedPlan([leg2, { kickoff: noOffset, expectedPeakViewers: 1 }]);
        expect(nameless.map((x) => [x.fixture, x.key])).to.deep.equal([["fixtures[1]", "kickoff"], ["(all)", "fixtures"]]);
    });

    it("two nameless unreadable entries are no duplicates: each one's kickoff is checked", () => {
        const noOffset = { kickoff: "2027-04-14T21:00:00", expectedPeakViewers: 1 };
        const p = parsedPlan([noOffset, noOffset, leg2]);
        expect(p.map((x) => [x.fixture, x.key])).to.deep.equal([["fixtures[0]", "kickoff"], ["fixtures[1]", "kickoff"], ["(all)", "fixtures"]]);
    });

    it("an unreadable entry's kickoff or zone that is not text is left to the parse's own problem", () => {
        const p1 = parsedPlan([{ ...leg2, kickoff: 2027 }, { ...leg2, name: "Other" }]);
        expect(p1.map((x) => x.key)).to.deep.equal(["fixtures"]);
        const p2 = parsedPlan([{ ...leg2, timeZone: 5 }, { ...leg2, name: "Other" }]);
        expect(p2.map((x) => x.key)).to.deep.equal(["fixtures"]);
        // A name that is not text is no name to compare.
        const p3 = parsedPlan([{ ...leg2, name: 5 }, leg2]);
        expect(p3.map((x) => x.key)).to.deep.equal(["fixtures"]);
        // Blank names are no names: two are no duplicate.
        const p4 = parsedPlan([{ ...leg2, name: " ", expectedPeakViewers: "lots" }, { ...leg2, name: " ", expectedPeakViewers: "lots" }]);
        expect(p4.map((x) => x.key)).to.deep.equal(["fixtures"]);
    });

    it("an entry that is not an object is left out with its place", () => {
        expect(parseFixtureList([5, leg2])).to.deep.include({ positions: [1], unreadable: [{ index: 0 }] });
    });

    it("a fixture with a bad surge factor, audience or kickoff adds nothing to target tracking", () => {
        // 120 000 x 11 would ask for 1 320 instances.
        const FINAL = at("UCL final", "2027-05-29T19:00:00Z", 120_000);
        expect(tracked([{ ...FINAL, surgeFactor: 11 }], 119).map((p) => p.key)).to.deep.equal(["surgeFactor"]);
        expect(tracked([{ ...FINAL, expectedPeakViewers: 120_000.5 }], 119).map((p) => p.key)).to.deep.equal(["expectedPeakViewers"]);
        expect(tracked([{ ...FINAL, kickoff: 2027 as unknown as string }], 119).map((p) => p.key)).to.deep.equal(["kickoff"]);
        expect(tracked([{ ...FINAL, timeZone: 5 as unknown as string }], 119).map((p) => p.key)).to.deep.equal(["timeZone"]);
    });

    it("with an unreadable entry, concurrent fixtures are checked alone until it is fixed", () => {
        // Two 60 000 audiences at their peak together need 120 instances; alone, 60 each.
        const a = at("Semi 1", "2027-05-04T19:00:00Z", 60_000);
        const b = at("Semi 2", "2027-05-04T20:00:00Z", 60_000);
        expect(tracked([a, b], 119).map((p) => p.key)).to.deep.equal(["expectedPeakViewers"]);
        const p = parsedPlan([a, b, { ...a, name: "Semi 3", expectedPeakViewers: "lots" }], { targetUtilisation: 0.5, groupMaxSize: 119 });
        expect(p.map((x) => x.message)).to.deep.equal([COMBINED_CHECKS_WAIT]);
    });
});

describe("fixtures: target tracking over concurrent fixtures", () => {
    it("nights apart are one problem each, in time order whatever the list's order", () => {
        // 130 000 viewers: 130 instances, above 129.
        const early = at("Z early", "2027-05-04T19:00:00Z", 130_000);
        const late = at("A late", "2027-05-05T19:00:00Z", 130_000);
        expect(tracked([late, early], 129).map((p) => p.fixture)).to.deep.equal(["Z early", "A late"]);
    });

    it("touching windows do not group; windows overlapping by a minute, pre-warm included, do", () => {
        // Z early's window ends at 19:00 + 165 + 30 min = 22:15; A late's pre-warm starts 70 minutes before its kickoff.
        const early = at("Z early", "2027-05-04T19:00:00Z", 130_000);
        const touching = at("A late", "2027-05-04T23:25:00Z", 130_000);
        expect(tracked([early, touching], 129).map((p) => p.fixture)).to.deep.equal(["Z early", "A late"]);
        // From 22:14: one group, whose busiest minute is either fixture's own peak (the other is not on then): one problem, on the first.
        const overlapping = at("A late", "2027-05-04T23:24:00Z", 130_000);
        const p = tracked([early, overlapping], 129);
        expect(p.map((x) => x.fixture)).to.deep.equal(["Z early"]);
        expect(p[0].message).to.contain("asks for 130 instances (130000 viewers x surge 1, 2000 per instance at a target utilisation of 0.5)");
        // The group's busiest minute can come after its first fixture has ended: a 10 000 audience, then the 130 000.
        const small = { ...early, expectedPeakViewers: 10_000 };
        expect(tracked([small, overlapping], 129).map((x) => x.fixture)).to.deep.equal(["A late"]);
    });

    it("a fixture counts from its pre-warm minute on: the minute it starts can be the busiest", () => {
        // A (100 000) is at its full audience until minute 163 of extra time, 21:43. B (10 000) kicks off
        // at 22:53, so its window opens at 21:43 with the baseline share 0.05: 500 viewers.
        // 21:43: 100 000 + 500 = 100 500, 101 instances > 100. A minute later A is down to
        // 0.05 + 0.95 x e^-0.1 = 0.91 of its audience.
        const a = at("A", "2027-05-04T19:00:00Z", 100_000);
        const b = at("B", "2027-05-04T22:53:00Z", 10_000);
        const p = tracked([a, b], 100);
        expect(p.map((x) => x.fixture)).to.deep.equal(["A"]);
        expect(p[0].message).to.contain(
            'asks for 101 instances (at 2027-05-04T21:43:00Z the audiences of "A" (100000 of 100000) and "B" (500 of 10000) add up to 100500 viewers, 2000 per instance',
        );
        expect(tracked([a, b], 101)).to.deep.equal([]);
    });

    it("a fixture counts up to its window's end, not at it", () => {
        // Match window 100 (the shortest the plan takes), no release delay: A (100 000, 19:00) is on
        // until 20:39 included, its last minute 99 at its full audience (share 1 from minute 95 with
        // extra time): 100 000. B (1 280, 19:40) is then at minute 59 of its half-time rise, 0.7 +
        // 0.25 x 1/4 = 0.7625: 976. Together 100 976, 101 instances. At 20:40 A is off: B alone. Were A
        // counted at 20:40 too, B's minute 60 (0.825: 1 056) would make 101 056, 102 instances.
        const a = at("A", "2027-05-04T19:00:00Z", 100_000);
        const b = at("B", "2027-05-04T19:40:00Z", 1_280);
        const short = { matchWindowMinutes: 100, releaseDelayMinutes: 0 };
        expect(tracked([a, b], 101, short)).to.deep.equal([]);
        const p = tracked([a, b], 100, short);
        expect(p.map((x) => x.fixture)).to.deep.equal(["A"]);
        expect(p[0].message).to.contain(
            'asks for 101 instances (at 2027-05-04T20:39:00Z the audiences of "A" (100000 of 100000) and "B" (976 of 1280) add up to 100976 viewers',
        );
    });

    it("kicking off together with equal audiences, the problem goes to the first name in order, whatever the list's order", () => {
        const semiB = at("Semi B", "2027-05-04T19:00:00Z", 60_000);
        const semiA = at("Semi A", "2027-05-04T19:00:00Z", 60_000);
        for (const list of [[semiB, semiA], [semiA, semiB]]) {
            const p = tracked(list, 119);
            expect(p.map((x) => x.fixture)).to.deep.equal(["Semi A"]);
            expect(p[0].message).to.contain('the audiences of "Semi A" (60000 of 60000) and "Semi B" (60000 of 60000) add up to 120000 viewers');
        }
    });

    it("the % of the load-tested limit at maxSize", () => {
        // 150 000 viewers on 100 instances of 2 000: 75 %; target 0.5 asks for 150.
        const p = tracked([at("F", "2027-05-29T19:00:00Z", 150_000)], 100, { availabilityZoneCount: 2, headroomPercent: 0 });
        expect(p.map((x) => x.key)).to.deep.equal(["expectedPeakViewers", "expectedPeakViewers"]);
        expect(p[1].message).to.contain("the fleet runs at 75 % of its load-tested limit, not the 50 % it aims for");
    });
});

describe("fixtures: a number as text is no number to the plan's checks", () => {
    it("text is refused where a number is allowed, even when it reads as one in range", () => {
        const text = (s: string) => s as unknown as number;
        const p = checkCapacityPlan(
            matchdayPlan([{ ...leg2, expectedPeakViewers: text("42000"), surgeFactor: text("1.5") }], {
                viewersPerInstance: text("2000"),
                headroomPercent: text("20"),
                preWarmLeadMinutes: text("70"),
                availabilityZoneCount: text("3"),
                targetUtilisation: text("0.5"),
            }),
        );
        expect(p.map((x) => x.key)).to.deep.equal(["viewersPerInstance", "headroomPercent", "preWarmLeadMinutes", "availabilityZoneCount", "targetUtilisation", "expectedPeakViewers", "surgeFactor"]);
    });
});
