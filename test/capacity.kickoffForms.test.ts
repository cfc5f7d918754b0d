/**
 * Kickoffs as the team types them (issue 20): every refused form that can be read as a
 * date and time names the exact string to write; a time without offset is suggested in
 * the stack's display zone (its offset on that date) or as local time with timeZone.
 * And `--now` read the same way (readNowTime), in the display zone when it has no offset.
 */
import { matchdayPlan } from "./helpers/capacityPlan";
import { expect } from "chai";
import { fixtureKickoff, fixtureKickoffProblem, kickoffProblem, readNowTime } from "../stacks/capacity/kickoffTime";
import { checkCapacityPlan, CapacityPlanInput } from "../stacks/capacity/fixtures";

/** The problem of a kickoff without timeZone, in a display zone (default: none given, Asia/Seoul). */
function problem(kickoff: string, displayTimeZone?: string): string {
    const why = displayTimeZone === undefined ? fixtureKickoffProblem({ kickoff }) : fixtureKickoffProblem({ kickoff }, displayTimeZone);
    expect(why, kickoff).to.be.a("string");
    expect(fixtureKickoff({ kickoff }), kickoff).to.equal(undefined);
    expect(why).to.match(/allowed: .+$/);
    return why!;
}

describe("kickoff forms the team types: the exact string to write", () => {
    describe("without an offset: read as the display zone's time, or local with timeZone", () => {
        it('"2027-03-11 05:00" in Asia/Seoul: "2027-03-11T05:00:00+09:00", said to be read as Asia/Seoul time, or the local form with timeZone', () => {
            const why = problem("2027-03-11 05:00", "Asia/Seoul");
            expect(why).to.contain('write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time');
            expect(why).to.contain('kickoff: "2027-03-11T05:00:00" with timeZone: "Asia/Seoul"');
            expect(why).to.contain('a space instead of "T"');
        });

        it("Asia/Seoul is the display zone when none is given (the documented default)", () => {
            expect(problem("2027-03-11 05:00")).to.contain('write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time');
            expect(kickoffProblem("2027-03-11 05:00")).to.contain('write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time');
            expect(kickoffProblem("2027-07-11 21:00", "Europe/Paris")).to.contain('write "2027-07-11T21:00:00+02:00" (read as Europe/Paris time');
        });

        it("uses the zone's offset on that date: Europe/Paris is +02:00 in July and +01:00 in January", () => {
            expect(problem("2027-07-11 21:00", "Europe/Paris")).to.contain('write "2027-07-11T21:00:00+02:00" (read as Europe/Paris time');
            expect(problem("2027-01-11 21:00", "Europe/Paris")).to.contain('write "2027-01-11T21:00:00+01:00" (read as Europe/Paris time');
        });

        it("a time in the display zone's clock change gets both offsets", () => {
            // 02:30 on 28 March 2027 does not exist in Paris (02:00 -> 03:00).
            const why = problem("2027-03-28 02:30", "Europe/Paris");
            expect(why).to.contain('"2027-03-28T02:30:00+01:00" or "2027-03-28T02:30:00+02:00"');
        });

        it('with "T" and without seconds, the same suggestion; the display zone UTC gives "Z"', () => {
            expect(problem("2027-03-11T05:00", "Asia/Seoul")).to.contain('write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time');
            expect(problem("2027-03-11T05:00:00", "UTC")).to.contain('write "2027-03-11T05:00:00Z" (read as UTC time');
        });

        it('"2027/03/11 05:00", "2027.03.11 05:00", a one-digit hour "5:00" and "5am" read as 05:00', () => {
            for (const kickoff of ["2027/03/11 05:00", "2027.03.11 05:00", "2027-03-11 5:00", "2027-03-11 5am", "2027-3-11 05:00"]) {
                expect(problem(kickoff, "Asia/Seoul"), kickoff).to.contain('write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time');
            }
            expect(problem("2027-03-11 5pm", "Asia/Seoul")).to.contain('write "2027-03-11T17:00:00+09:00"');
            expect(problem("2027-03-11 12am", "Asia/Seoul")).to.contain('write "2027-03-11T00:00:00+09:00"');
        });
    });

    describe("with an offset or a zone written another way: the ISO 8601 string", () => {
        const cases: [string, string][] = [
            ["2027-03-11 05:00+09:00", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11 05:00 +09:00", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00:00+0900", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00+09", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11 05:00 KST", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11 05:00 UTC", "2027-03-11T05:00:00Z"],
            ["2027-03-11 05:00 Z", "2027-03-11T05:00:00Z"],
            ["2027-03-11 05:00Z", "2027-03-11T05:00:00Z"],
            ["2027/03/11 05:00+09:00", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11 5pm KST", "2027-03-11T17:00:00+09:00"],
            ["2027-05-29 21:00 CEST", "2027-05-29T21:00:00+02:00"],
        ];
        for (const [kickoff, exact] of cases) {
            it(`"${kickoff}": write "${exact}"`, () => {
                const why = problem(kickoff);
                expect(why).to.contain(`write "${exact}"`);
                expect(why).to.not.contain("has no UTC offset");
                // The suggestion itself is accepted, at the instant meant.
                expect(fixtureKickoffProblem({ kickoff: exact })).to.equal(undefined);
            });
        }

        it('says what was written differently ("+0900" instead of "+09:00", "KST" instead of its offset)', () => {
            expect(problem("2027-03-11T05:00:00+0900")).to.contain('offset "+0900" instead of "+09:00"');
            expect(problem("2027-03-11 05:00 KST")).to.contain('"KST" instead of its offset +09:00');
        });
    });

    describe("missing seconds is fine already", () => {
        it('"2027-03-11T05:00+09:00" is accepted', () => {
            expect(fixtureKickoffProblem({ kickoff: "2027-03-11T05:00+09:00" })).to.equal(undefined);
            expect(fixtureKickoff({ kickoff: "2027-03-11T05:00+09:00" })?.toISOString()).to.equal("2027-03-10T20:00:00.000Z");
        });
    });

    describe("refused without a suggestion where it cannot be read, or is not a time", () => {
        it("a date without a time: refused, saying a time is needed", () => {
            const why = problem("2027-03-11", "Asia/Seoul");
            expect(why).to.contain("without a time of day").and.contain("needs its time too").and.contain('"2027-03-11Thh:mm:00+09:00"');
        });

        it("text that cannot be read keeps the plain message; an hour alone, 13pm and unknown abbreviations are not guessed", () => {
            for (const kickoff of ["tonight", "2027-03-11T05", "2027-03-11 13pm", "2027-03-11 05:00 XYZ"]) {
                expect(problem(kickoff), kickoff).to.match(/^is not an ISO 8601 date and time; allowed: /);
            }
        });

        it("a readable form naming no real date says so, after how it was read", () => {
            expect(problem("2027-02-30 05:00")).to.contain('is read as "2027-02-30T05:00:00", which is not a real date and time');
        });
    });

    describe("with timeZone: the local form, and the zone's own checks on it", () => {
        it('"2027-04-07 21:00" in Europe/Paris: write "2027-04-07T21:00:00"', () => {
            const why = fixtureKickoffProblem({ kickoff: "2027-04-07 21:00", timeZone: "Europe/Paris" });
            expect(why).to.contain('write "2027-04-07T21:00:00"').and.match(/allowed: .+$/);
            expect(fixtureKickoffProblem({ kickoff: "2027-04-07 9pm", timeZone: "Europe/Paris" })).to.contain('write "2027-04-07T21:00:00"');
        });

        it("keeps the wrong-offset and gap messages with their suggested strings", () => {
            const wrong = fixtureKickoffProblem({ kickoff: "2027-04-07 21:00+01:00", timeZone: "Europe/Paris" });
            expect(wrong).to.contain("Europe/Paris is at +02:00").and.contain('allowed: "2027-04-07T21:00:00+02:00" (the zone\'s offset) or "2027-04-07T21:00:00" (local time in Europe/Paris)');
            const gap = fixtureKickoffProblem({ kickoff: "2027-03-28 02:30", timeZone: "Europe/Paris" });
            expect(gap).to.contain("does not exist in Europe/Paris").and.contain('"2027-03-28T03:30:00"');
            expect(fixtureKickoffProblem({ kickoff: "2027-04-07", timeZone: "Europe/Paris" })).to.contain("needs its time too");
        });
    });

    describe("checkCapacityPlan passes the plan's displayTimeZone to the suggestion", () => {
        const plan = (displayTimeZone?: string): CapacityPlanInput =>
            matchdayPlan([{ name: "UCL R16 leg 2", kickoff: "2027-07-11 05:00", expectedPeakViewers: 420_000 }], {
                groupMaxSize: 1000,
                ...(displayTimeZone === undefined ? {} : { displayTimeZone }),
            });
        const kickoffMessage = (input: CapacityPlanInput) => checkCapacityPlan(input).find((p) => p.key === "kickoff")!.message;

        it("Europe/Paris in July: +02:00; without it, Asia/Seoul: +09:00", () => {
            expect(kickoffMessage(plan("Europe/Paris"))).to.contain('write "2027-07-11T05:00:00+02:00" (read as Europe/Paris time');
            expect(kickoffMessage(plan())).to.contain('write "2027-07-11T05:00:00+09:00" (read as Asia/Seoul time');
        });
    });
});

describe("--now as the team types it (readNowTime)", () => {
    it("a local time without offset is read in the display zone, and says so", () => {
        for (const text of ["2027-03-11 04:30", "2027-03-11T04:30"]) {
            const r = readNowTime(text, "Asia/Seoul");
            expect(r.at?.toISOString(), text).to.equal("2027-03-10T19:30:00.000Z");
            expect(r.readAs).to.equal(`--now ${text} read as Asia/Seoul time: 2027-03-10T19:30:00Z`);
        }
        expect(readNowTime("2027-07-11 04:30", "Europe/Paris").at?.toISOString()).to.equal("2027-07-11T02:30:00.000Z");
    });

    it("ISO 8601 with its offset as before, without a line; another written offset with one", () => {
        const r = readNowTime("2027-03-11T04:30:00+09:00", "Europe/Paris");
        expect(r.at?.toISOString()).to.equal("2027-03-10T19:30:00.000Z");
        expect(r.readAs).to.equal(undefined);
        const kst = readNowTime("2027-03-11 04:30 KST", "Europe/Paris");
        expect(kst.at?.toISOString()).to.equal("2027-03-10T19:30:00.000Z");
        expect(kst.readAs).to.equal("--now 2027-03-11 04:30 KST read as 2027-03-10T19:30:00Z");
    });

    it("refuses a local time in the display zone's spring gap, with the two readings", () => {
        const r = readNowTime("2027-03-28 02:30", "Europe/Paris");
        expect(r.at).to.equal(undefined);
        expect(r.problem).to.contain("02:30 does not exist in Europe/Paris")
            .and.contain("read at +01:00 it is 2027-03-28T01:30:00Z (--now 2027-03-28T02:30:00+01:00)")
            .and.contain("read at +02:00 it is 2027-03-28T00:30:00Z (--now 2027-03-28T02:30:00+02:00)");
    });

    it("refuses a local time in the autumn overlap, with the two readings", () => {
        const r = readNowTime("2027-10-31 02:30", "Europe/Paris");
        expect(r.at).to.equal(undefined);
        expect(r.problem).to.contain("02:30 happens twice in Europe/Paris")
            .and.contain("2027-10-31T00:30:00Z (--now 2027-10-31T02:30:00+02:00)")
            .and.contain("2027-10-31T01:30:00Z (--now 2027-10-31T02:30:00+01:00)");
    });

    it("refuses a date alone and unreadable text, showing an example with +09:00", () => {
        expect(readNowTime("2027-03-11", "Asia/Seoul").problem).to.contain("a date without a time of day").and.contain("--now 2027-03-11T04:30:00+09:00");
        expect(readNowTime("next tuesday", "Asia/Seoul").problem).to.match(/^--now "next tuesday": /).and.contain("--now 2027-03-11T04:30:00+09:00");
    });
});

describe("the stack's displayTimeZone reaches the kickoff suggestion (decideMatchdayCapacity)", () => {
    it("a fixture typed without offset in a Europe/Paris stack is suggested at +02:00 in July", async () => {
        const { decideMatchdayCapacity } = await import("../stacks/config/matchday");
        const decided = decideMatchdayCapacity({
            fixtures: [{ name: "Friendly", kickoff: "2027-07-11 21:00", expectedPeakViewers: 50_000 }],
            viewersPerInstance: 2000, headroomPercent: 20, preWarmLeadMinutes: 70, matchWindowMinutes: 165, releaseDelayMinutes: 30,
            availabilityZoneCount: 3, minSize: 6, maxSize: 240, displayTimeZone: "Europe/Paris",
        }, new Date("2027-06-01T00:00:00Z"));
        expect(decided.ok).to.equal(false);
        const p = (decided as { problems: { key: string; message: string }[] }).problems.find((x) => x.key === "kickoff")!;
        expect(p.message).to.contain('write "2027-07-11T21:00:00+02:00" (read as Europe/Paris time');
    });
});
