import { expect } from "chai";
import { checkCapacityPlan, Fixture, FIXTURE_FIELDS, FixtureProblem, parseFixtures } from "../stacks/capacity/fixtures";
import { CONFIG_KEY_NAMES } from "../stacks/config/matchday";
import { matchdayPlan } from "./helpers/capacityPlan";
import { LARGE_FLEET_INSTANCES, largerInstanceSuggestion } from "../stacks/capacity/instanceSizing";

const plan = matchdayPlan;

/** The problems for one fixture and key; fails unless there is exactly one. */
function problemFor(problems: FixtureProblem[], fixture: string, key: string): FixtureProblem {
    const found = problems.filter((p) => p.fixture === fixture && p.key === key);
    expect(found, `problems for ${fixture} / ${key} in ${JSON.stringify(problems)}`).to.have.length(1);
    return found[0];
}

const NOW = new Date("2027-04-01T00:00:00Z");
const final: Fixture = { name: "UCL final", kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Paris", expectedPeakViewers: 150_000, surgeFactor: 1.5 };

describe("capacity fixtures", () => {
    describe("checkCapacityPlan: kickoffs in the venue's time zone", () => {
        it("accepts local kickoffs with a zone, and offset kickoffs with or without one", () => {
            expect(checkCapacityPlan(plan([
                final,
                { name: "K League final", kickoff: "2027-12-05T14:00", timeZone: "Asia/Seoul", expectedPeakViewers: 40_000 },
                { name: "QF leg 1", kickoff: "2027-04-06T21:00:00+02:00", expectedPeakViewers: 60_000 },
                { name: "QF leg 2", kickoff: "2027-04-13T21:00:00+02:00", timeZone: "Europe/Paris", expectedPeakViewers: 60_000 },
            ]), NOW)).to.deep.equal([]);
        });

        it("refuses a local kickoff without a zone, naming the fixture and kickoff and pointing at timeZone", () => {
            const p = problemFor(checkCapacityPlan(plan([{ ...final, timeZone: undefined }])), "UCL final", "kickoff");
            expect(p.value).to.equal("2027-05-29T21:00:00");
            expect(p.message).to.contain("no UTC offset").and.contain("timeZone").and.match(/allowed: .+$/);
        });

        it("refuses a wrong daylight-saving offset for the zone", () => {
            const p = problemFor(checkCapacityPlan(plan([{ ...final, kickoff: "2027-05-29T21:00:00+01:00" }])), "UCL final", "kickoff");
            expect(p.message).to.contain("has offset +01:00, but Europe/Paris is at +02:00 (CEST) on 2027-05-29")
                .and.contain("moves the pre-warm by an hour").and.contain('allowed: "2027-05-29T21:00:00+02:00"');
        });

        it("refuses a local kickoff in the spring-forward gap", () => {
            const p = problemFor(checkCapacityPlan(plan([{ ...final, kickoff: "2027-03-28T02:30" }])), "UCL final", "kickoff");
            expect(p.message).to.contain("does not exist in Europe/Paris");
        });

        it("refuses an unknown zone under timeZone with a did-you-mean, and leaves the kickoff unjudged", () => {
            const problems = checkCapacityPlan(plan([{ ...final, timeZone: "Europe/Pariss" }]), NOW);
            const p = problemFor(problems, "UCL final", "timeZone");
            expect(p.value).to.equal("Europe/Pariss");
            expect(p.message).to.contain('did you mean "Europe/Paris"?').and.match(/allowed: .+$/);
            expect(problems.filter((x) => x.key === "kickoff")).to.deep.equal([]);
            const cased = problemFor(checkCapacityPlan(plan([{ ...final, timeZone: "asia/seoul" }])), "UCL final", "timeZone");
            expect(cased.message).to.contain('did you mean "Asia/Seoul"?');
        });

        it("refuses a timeZone that is not a string", () => {
            const p = problemFor(checkCapacityPlan(plan([{ ...final, timeZone: 2 as unknown as string }])), "UCL final", "timeZone");
            expect(p.message).to.contain("must be a string");
        });

        it("with now, refuses a kickoff more than 400 days ahead as a likely wrong year", () => {
            const typo: Fixture = { ...final, kickoff: "2028-05-29T21:00" };
            const p = problemFor(checkCapacityPlan(plan([typo]), NOW), "UCL final", "kickoff");
            expect(p.value).to.equal("2028-05-29T21:00");
            // 21:00 in Paris in May is 19:00 UTC; 400 days after 2027-04-01 is 2028-05-05.
            expect(p.message).to.contain("2028-05-29 19:00Z").and.contain("400 days").and.contain("2028-05-05 00:00Z").and.contain("check the year");
            // Within the horizon, and without now, nothing.
            expect(checkCapacityPlan(plan([{ ...final, kickoff: "2028-05-04T21:00" }]), NOW)).to.deep.equal([]);
            expect(checkCapacityPlan(plan([typo]))).to.deep.equal([]);
        });
    });

    describe("checkCapacityPlan: a night above maxSize names the config key", () => {
        it("names kgsports:maxSize, the floor to raise it to, and the vCPU quota", () => {
            // 300 000 x 1.2 / 2 000 = 180 needed, over 3 zones 270.
            const p = problemFor(checkCapacityPlan(plan([{ ...final, expectedPeakViewers: 300_000, surgeFactor: 1 }], { instanceType: "c7i.large" }), undefined, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers");
            expect(p.message).to.contain("needs 270 instances at kickoff").and.contain("above kgsports:maxSize = 240")
                .and.contain("raise kgsports:maxSize to at least 270 (and check the account's EC2 vCPU quota)");
            expect(p.message).to.not.contain("groupMaxSize");
            // 270 is not a very large fleet: no larger-instance suggestion.
            expect(p.message).to.not.contain("kgsports:instanceType");
        });

        it("for a very large fleet, suggests a larger size of the same family with viewers scaled to its vCPUs", () => {
            // 1 200 000 x 1.5 x 1.2 / 2 000 = 1 080 needed, 1 620 over 3 zones; a c7i.4xlarge
            // (16 vCPUs, 8x a c7i.large) at 16 000: 135 needed, 203 over 3 zones.
            const big: Fixture = { ...final, expectedPeakViewers: 1_200_000, surgeFactor: 1.5 };
            const p = problemFor(checkCapacityPlan(plan([big], { instanceType: "c7i.large" }), NOW, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers");
            expect(p.message).to.contain("needs 1620 instances at kickoff").and.contain("above kgsports:maxSize = 240")
                .and.contain("raise kgsports:maxSize to at least 1620 (and check the account's EC2 vCPU quota)")
                .and.contain("kgsports:instanceType = c7i.4xlarge with kgsports:viewersPerInstance = 16000 (8x c7i.large's, if the load test confirms it scales with vCPUs): floor 203; scale kgsports:targetRequestsPerInstance by 8 too, so target tracking's target stays the same share of an instance");
            // Without a known type, a larger type is still mentioned, without numbers.
            const unknown = problemFor(checkCapacityPlan(plan([big]), undefined, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers");
            expect(unknown.message).to.contain("larger instance type").and.not.contain("kgsports:instanceType =");
        });

        it("without the config's names, the plan names its own fields (the config layer maps them to its keys)", () => {
            const big: Fixture = { ...final, expectedPeakViewers: 1_200_000, surgeFactor: 1.5 };
            const p = problemFor(checkCapacityPlan(plan([big], { instanceType: "c7i.large" }), NOW), "UCL final", "expectedPeakViewers");
            expect(p.message).to.contain("above groupMaxSize = 240; raise groupMaxSize to at least 1620")
                .and.contain("e.g. instanceType = c7i.4xlarge with viewersPerInstance = 16000 (8x c7i.large's")
                .and.contain("scale targetRequestsPerInstance by 8 too")
                .and.contain("or lower the plan (expectedPeakViewers, surgeFactor, headroomPercent)")
                .and.not.contain("kgsports:");
            const unknown = problemFor(checkCapacityPlan(plan([big]), NOW), "UCL final", "expectedPeakViewers");
            expect(unknown.message).to.contain("use a larger instance type with its own load-tested viewersPerInstance, or lower").and.not.contain("kgsports:");
            // Target tracking at the planned surge: 1 800 000 viewers at 0.5 of 2 000 ask for 1 800 instances.
            const tracked = checkCapacityPlan(plan([big], { targetUtilisation: 0.5 }), NOW).find((x) => x.message.includes("target tracking asks for"));
            expect(tracked?.message).to.contain("above groupMaxSize = 240; target tracking is capped at groupMaxSize during the surge").and.not.contain("kgsports:");
            // The same problems through the config's names.
            expect(problemFor(checkCapacityPlan(plan([big]), NOW, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers").message)
                .to.contain("above kgsports:maxSize = 240").and.contain("load-tested kgsports:viewersPerInstance").and.contain("kgsports:headroomPercent)");
        });

        it("a fixture whose window has ended is not sized: a wrong year is not a maxSize to raise", () => {
            // 300 000 viewers need 270 instances (above), and target tracking at 0.6 asks for 250: both above 240.
            const wrongYear: Fixture = { ...final, kickoff: "2026-05-29T21:00:00", expectedPeakViewers: 300_000, surgeFactor: 1 };
            const sized = plan([wrongYear], { targetUtilisation: 0.6 });
            // Its window (kickoff 19:00Z + 165 + 30 minutes) ends 2026-05-29 22:15Z.
            expect(checkCapacityPlan(sized, new Date("2026-05-29T22:15:00Z"))).to.deep.equal([]);
            // A minute before the window ends it is still sized, on both checks.
            const during = checkCapacityPlan(sized, new Date("2026-05-29T22:14:00Z")).filter((p) => p.key === "expectedPeakViewers");
            expect(during.map((p) => p.message).join("\n")).to.contain("needs 270 instances").and.contain("target tracking asks for 250 instances");
            // Without a clock nothing is past: sized as before.
            expect(checkCapacityPlan(sized).filter((p) => p.key === "expectedPeakViewers")).to.have.length(2);
        });

        it("suggests from just above 300 instances", () => {
            expect(LARGE_FLEET_INSTANCES).to.equal(300);
            // 335 000 x 1.2 / 2 000 = 201 needed, 302 over 3 zones; a c7i.xlarge at 4 000: 101, 152.
            const p = problemFor(checkCapacityPlan(plan([{ ...final, expectedPeakViewers: 335_000, surgeFactor: 1 }], { instanceType: "c7i.large" }), undefined, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers");
            expect(p.message).to.contain("needs 302 instances").and.contain("kgsports:instanceType = c7i.xlarge with kgsports:viewersPerInstance = 4000 (2x c7i.large's");
            expect(p.message).to.contain("floor 152");
            // 330 000: 198 needed, 297 over 3 zones: below the threshold.
            const q = problemFor(checkCapacityPlan(plan([{ ...final, expectedPeakViewers: 330_000, surgeFactor: 1 }], { instanceType: "c7i.large" }), undefined, undefined, CONFIG_KEY_NAMES), "UCL final", "expectedPeakViewers");
            expect(q.message).to.contain("needs 297 instances").and.not.contain("instanceType");
        });
    });

    describe("largerInstanceSuggestion", () => {
        /** The floor for 2 160 000 planned viewers (with headroom) over 3 zones. */
        const floorFor = (vpi: number) => Math.ceil((Math.ceil(2_160_000 / vpi) * 3) / 2);

        it("takes the smallest size that brings the floor to about 200", () => {
            const s = largerInstanceSuggestion("c7i.large", 2000, floorFor);
            expect(s).to.deep.include({ instanceType: "c7i.4xlarge", viewersPerInstance: 16000, factor: 8, floor: 203 });
        });

        it("walks up from any size of the ladder, including medium and xlarge", () => {
            expect(largerInstanceSuggestion("c7g.medium", 1000, floorFor)).to.deep.include({ instanceType: "c7g.4xlarge", viewersPerInstance: 16000, factor: 16, floor: 203 });
            expect(largerInstanceSuggestion("m7i.xlarge", 4000, floorFor)).to.deep.include({ instanceType: "m7i.4xlarge", viewersPerInstance: 16000, factor: 4 });
            // 2xlarge (8 vCPUs) to 12xlarge (48): a floor of 1 620 / 6 is about 270, too many; 16xlarge (64): 8x, 203.
            expect(largerInstanceSuggestion("c7i.2xlarge", 2000, floorFor)).to.deep.include({ instanceType: "c7i.16xlarge", viewersPerInstance: 16000, factor: 8 });
        });

        it("offers the largest ladder size when none reaches 200", () => {
            const huge = (vpi: number) => Math.ceil(1e9 / vpi);
            expect(largerInstanceSuggestion("c7i.large", 2000, huge)).to.deep.include({ instanceType: "c7i.24xlarge", factor: 48 });
        });

        it("suggests nothing for unknown sizes, burstable families and the top of the ladder", () => {
            for (const type of ["c7i.metal", "c7i.metal-24xl", "c7i.huge", "c7i", "t3.small", "t4g.large", "c7i.24xlarge"]) {
                expect(largerInstanceSuggestion(type, 2000, floorFor), type).to.equal(undefined);
            }
            expect(largerInstanceSuggestion("c7i.large", 0, floorFor)).to.equal(undefined);
        });
    });

    describe("parseFixtures: timeZone", () => {
        it("is a known field, read as given", () => {
            expect(FIXTURE_FIELDS).to.include("timeZone");
            const raw = [{ name: "a", kickoff: "2027-04-07T21:00", timeZone: "Europe/Paris", expectedPeakViewers: 40_000 }];
            expect(parseFixtures(raw)).to.deep.equal({ fixtures: raw, problems: [] });
        });

        it("must be a string", () => {
            const r = parseFixtures([{ name: "a", kickoff: "2027-04-07T21:00", timeZone: 2, expectedPeakViewers: 1 }]);
            expect(r.fixtures).to.deep.equal([]);
            expect(problemFor(r.problems, "a", "timeZone").message).to.contain("must be a string").and.contain("got a number");
        });

        it("a misspelt field name gets a did-you-mean", () => {
            const r = parseFixtures([{ name: "a", kickoff: "2027-04-07T21:00", timezone: "Europe/Paris", expectedPeakViewers: 1 }]);
            expect(problemFor(r.problems, "a", "timezone").message).to.equal("unknown field; did you mean timeZone?");
            const other = parseFixtures([{ name: "a", kickoff: "2027-04-07T21:00Z", expectedPeakViewers: 1, venue: "Wembley" }]);
            expect(problemFor(other.problems, "a", "venue").message).to.contain("allowed are").and.contain("timeZone");
        });
    });
});
