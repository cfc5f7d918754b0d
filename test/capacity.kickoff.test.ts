import { expect } from "chai";
import {
    fixtureKickoff,
    fixtureKickoffProblem,
    formatUtcSecond,
    kickoffHorizonProblem,
    kickoffProblem,
    MAX_KICKOFF_HORIZON_DAYS,
    parseKickoff,
    timeZoneProblem,
} from "../stacks/capacity/kickoffTime";

/** The instant as ISO text, or undefined. */
function at(f: { kickoff: string; timeZone?: string }): string | undefined {
    return fixtureKickoff(f)?.toISOString();
}

/** Every problem ends with what is allowed. */
function endsWithAllowed(message: string | undefined): void {
    expect(message, "a problem").to.be.a("string");
    expect(message).to.match(/allowed: .+$/);
}

describe("kickoff times", () => {
    describe("parseKickoff and kickoffProblem: offsets only, as before", () => {
        it("reads Z, positive and negative offsets and fractional seconds", () => {
            expect(parseKickoff("2027-04-07T21:00:00+02:00")?.toISOString()).to.equal("2027-04-07T19:00:00.000Z");
            expect(parseKickoff("2027-04-07T19:00Z")?.toISOString()).to.equal("2027-04-07T19:00:00.000Z");
            expect(parseKickoff("2027-04-20T21:30:15.750-03:00")?.toISOString()).to.equal("2027-04-21T00:30:15.750Z");
            expect(formatUtcSecond(parseKickoff("2027-04-20T21:30:15.750-03:00")!)).to.equal("2027-04-21T00:30:15Z");
        });

        it("refuses local times, impossible dates and other shapes", () => {
            for (const text of ["2027-04-07T21:00:00", "2027-04-07T21:00", "2027-02-29T21:00Z", "2027-04-07T24:00Z", "2027-04-07T21:00+15:00", "2027-04-07T21:00:00+0200", "tonight"]) {
                expect(parseKickoff(text), text).to.equal(undefined);
                endsWithAllowed(kickoffProblem(text));
            }
            expect(kickoffProblem("2027-04-07T21:00:00")).to.contain("has no UTC offset");
            expect(kickoffProblem("2027-04-07T21:00:00+02:00")).to.equal(undefined);
        });
    });

    describe("fixtureKickoff without timeZone: an explicit offset is required", () => {
        it("reads offset kickoffs as parseKickoff does", () => {
            expect(at({ kickoff: "2027-04-07T21:00:00+02:00" })).to.equal("2027-04-07T19:00:00.000Z");
            expect(fixtureKickoffProblem({ kickoff: "2027-04-07T21:00:00+02:00" })).to.equal(undefined);
        });

        it("refuses a local time and says that timeZone would make it readable", () => {
            expect(at({ kickoff: "2027-04-07T21:00:00" })).to.equal(undefined);
            const why = fixtureKickoffProblem({ kickoff: "2027-04-07T21:00:00" });
            expect(why).to.contain("has no UTC offset").and.contain("timeZone").and.contain("2027-04-07T21:00:00+02:00");
            endsWithAllowed(why);
        });
    });

    describe("fixtureKickoff with timeZone: the venue's local time", () => {
        it("reads Paris wall-clock time at +02:00 in April and +01:00 in January", () => {
            expect(at({ kickoff: "2027-04-07T21:00:00", timeZone: "Europe/Paris" })).to.equal("2027-04-07T19:00:00.000Z");
            expect(at({ kickoff: "2027-04-07T21:00", timeZone: "Europe/Paris" })).to.equal("2027-04-07T19:00:00.000Z");
            expect(at({ kickoff: "2027-01-07T21:00", timeZone: "Europe/Paris" })).to.equal("2027-01-07T20:00:00.000Z");
            expect(fixtureKickoffProblem({ kickoff: "2027-04-07T21:00", timeZone: "Europe/Paris" })).to.equal(undefined);
        });

        it("reads Seoul at +09:00 all year (no daylight saving)", () => {
            expect(at({ kickoff: "2027-04-07T21:00:00", timeZone: "Asia/Seoul" })).to.equal("2027-04-07T12:00:00.000Z");
            expect(at({ kickoff: "2027-01-07T21:00:00", timeZone: "Asia/Seoul" })).to.equal("2027-01-07T12:00:00.000Z");
            expect(at({ kickoff: "2027-05-30T04:00", timeZone: "Asia/Seoul" })).to.equal("2027-05-29T19:00:00.000Z");
        });

        it("switches exactly at the 2027 spring change (28 March, 01:00 UTC)", () => {
            expect(at({ kickoff: "2027-03-28T01:59", timeZone: "Europe/Paris" })).to.equal("2027-03-28T00:59:00.000Z");
            expect(at({ kickoff: "2027-03-28T03:00", timeZone: "Europe/Paris" })).to.equal("2027-03-28T01:00:00.000Z");
            expect(at({ kickoff: "2027-03-27T21:00", timeZone: "Europe/Paris" })).to.equal("2027-03-27T20:00:00.000Z");
            expect(at({ kickoff: "2027-03-28T21:00", timeZone: "Europe/Paris" })).to.equal("2027-03-28T19:00:00.000Z");
        });

        it("refuses a local time in the spring-forward gap, naming the gap and both readings", () => {
            const f = { kickoff: "2027-03-28T02:30", timeZone: "Europe/Paris" };
            expect(at(f)).to.equal(undefined);
            const why = fixtureKickoffProblem(f);
            expect(why).to.contain("does not exist in Europe/Paris").and.contain("from 02:00 to 03:00").and.contain("2027-03-28 01:00Z");
            // 02:30 at +01:00 is 01:30Z, at +02:00 00:30Z.
            expect(why).to.contain("2027-03-28T01:30:00Z").and.contain("2027-03-28T00:30:00Z");
            endsWithAllowed(why);
        });

        it("refuses a local time in the fall-back overlap, naming both instants, and accepts either with its offset", () => {
            // Europe leaves summer time on the last Sunday of October, 31 October 2027, at 01:00 UTC.
            const f = { kickoff: "2027-10-31T02:30", timeZone: "Europe/Paris" };
            expect(at(f)).to.equal(undefined);
            const why = fixtureKickoffProblem(f);
            expect(why).to.contain("happens twice in Europe/Paris").and.contain("2027-10-31T00:30:00Z").and.contain("2027-10-31T01:30:00Z");
            expect(why).to.contain('"2027-10-31T02:30:00+02:00"').and.contain('"2027-10-31T02:30:00+01:00"');
            endsWithAllowed(why);
            expect(at({ kickoff: "2027-10-31T02:30:00+02:00", timeZone: "Europe/Paris" })).to.equal("2027-10-31T00:30:00.000Z");
            expect(at({ kickoff: "2027-10-31T02:30:00+01:00", timeZone: "Europe/Paris" })).to.equal("2027-10-31T01:30:00.000Z");
        });

        it("accepts an offset that matches the zone on that date", () => {
            expect(at({ kickoff: "2027-04-07T21:00:00+02:00", timeZone: "Europe/Paris" })).to.equal("2027-04-07T19:00:00.000Z");
            expect(at({ kickoff: "2027-01-07T21:00:00+01:00", timeZone: "Europe/Paris" })).to.equal("2027-01-07T20:00:00.000Z");
            expect(at({ kickoff: "2027-04-08T04:00:00+09:00", timeZone: "Asia/Seoul" })).to.equal("2027-04-07T19:00:00.000Z");
            // London is at +00:00 in winter, so Z is its offset then.
            expect(at({ kickoff: "2027-01-07T20:00:00Z", timeZone: "Europe/London" })).to.equal("2027-01-07T20:00:00.000Z");
        });

        it("refuses a wrong daylight-saving offset: +01:00 for Paris in April", () => {
            const f = { kickoff: "2027-04-07T21:00:00+01:00", timeZone: "Europe/Paris" };
            expect(at(f)).to.equal(undefined);
            expect(fixtureKickoffProblem(f)).to.equal(
                "has offset +01:00, but Europe/Paris is at +02:00 (CEST) on 2027-04-07; a wrong daylight-saving offset moves the pre-warm by an hour; " +
                'allowed: "2027-04-07T21:00:00+02:00" (the zone\'s offset) or "2027-04-07T21:00:00" (local time in Europe/Paris)',
            );
            // And the summer offset in January.
            const winter = fixtureKickoffProblem({ kickoff: "2027-01-07T21:00:00+02:00", timeZone: "Europe/Paris" });
            expect(winter).to.contain("has offset +02:00, but Europe/Paris is at +01:00").and.contain("on 2027-01-07");
        });

        it("refuses an offset Seoul never has, and Z for a zone not at UTC", () => {
            const seoul = fixtureKickoffProblem({ kickoff: "2027-04-07T21:00:00+08:00", timeZone: "Asia/Seoul" });
            // Seoul keeps no summer time, so the message does not blame daylight saving.
            expect(seoul).to.contain("has offset +08:00, but Asia/Seoul is at +09:00 on 2027-04-07").and.contain("by 1 hour").and.not.contain("daylight");
            endsWithAllowed(seoul);
            const z = fixtureKickoffProblem({ kickoff: "2027-04-07T19:00:00Z", timeZone: "Europe/Paris" });
            expect(z).to.contain("has offset Z (UTC), but Europe/Paris is at +02:00").and.contain("leave timeZone out");
            endsWithAllowed(z);
        });

        it("refuses impossible and malformed local times", () => {
            for (const kickoff of ["2027-02-30T21:00", "2027-04-07T24:00", "2027-04-07 21:00", "21:00", "2027-04-07T21"]) {
                const f = { kickoff, timeZone: "Europe/Paris" };
                expect(at(f), kickoff).to.equal(undefined);
                endsWithAllowed(fixtureKickoffProblem(f));
            }
        });

        it("gives no instant for an unknown zone, and says the zone is the problem", () => {
            const f = { kickoff: "2027-04-07T21:00", timeZone: "Europe/Pariss" };
            expect(at(f)).to.equal(undefined);
            expect(fixtureKickoffProblem(f)).to.contain('timeZone "Europe/Pariss"').and.contain('did you mean "Europe/Paris"?');
        });
    });

    describe("timeZoneProblem", () => {
        it("accepts IANA Area/City names, aliases and UTC", () => {
            for (const zone of ["Europe/Paris", "Asia/Seoul", "America/Argentina/Buenos_Aires", "Asia/Kolkata", "UTC"]) {
                expect(timeZoneProblem(zone), zone).to.equal(undefined);
            }
        });

        it("suggests the zone a typo, a different casing or a bare city meant", () => {
            const cases: [string, string][] = [
                ["Europe/Pariss", "Europe/Paris"],
                ["asia/seoul", "Asia/Seoul"],
                ["ASIA/SEOUL", "Asia/Seoul"],
                ["Seoul", "Asia/Seoul"],
                ["Asia/Seol", "Asia/Seoul"],
                ["Europe/Madird", "Europe/Madrid"],
            ];
            for (const [typo, meant] of cases) {
                const why = timeZoneProblem(typo);
                expect(why, typo).to.contain(`did you mean "${meant}"?`);
                endsWithAllowed(why);
            }
        });

        it("refuses offsets, abbreviations and legacy names, which do not follow the venue's daylight saving", () => {
            expect(timeZoneProblem("+02:00")).to.contain("is a UTC offset");
            expect(timeZoneProblem("UTC+9")).to.contain("is a UTC offset");
            expect(timeZoneProblem("KST")).to.contain("abbreviation");
            expect(timeZoneProblem("CEST")).to.contain("abbreviation");
            expect(timeZoneProblem("EST")).to.contain("legacy");
            expect(timeZoneProblem("Etc/GMT-9")).to.contain("fixed offset");
            expect(timeZoneProblem("")).to.contain("empty");
            for (const zone of ["+02:00", "KST", "EST", "Etc/GMT-9", "", "Mars/Olympus"]) endsWithAllowed(timeZoneProblem(zone));
        });
    });

    describe("kickoffHorizonProblem: a kickoff far ahead is most likely a wrong year", () => {
        const now = new Date("2027-04-01T00:00:00Z");

        it("accepts up to 400 days ahead, and passed kickoffs", () => {
            expect(MAX_KICKOFF_HORIZON_DAYS).to.equal(400);
            // 2027-04-01 + 400 days (29 February 2028 included) is 2028-05-05.
            expect(kickoffHorizonProblem(new Date("2028-05-05T00:00:00Z"), now)).to.equal(undefined);
            expect(kickoffHorizonProblem(new Date("2027-05-29T19:00:00Z"), now)).to.equal(undefined);
            expect(kickoffHorizonProblem(new Date("2026-05-29T19:00:00Z"), now)).to.equal(undefined);
        });

        it("refuses beyond, naming the kickoff and the limit and suggesting the year", () => {
            expect(kickoffHorizonProblem(new Date("2028-05-05T00:01:00Z"), now)).to.be.a("string");
            const why = kickoffHorizonProblem(new Date("2028-05-29T19:00:00Z"), now);
            expect(why).to.contain("2028-05-29 19:00Z").and.contain("400 days").and.contain("2028-05-05 00:00Z").and.contain("check the year");
            endsWithAllowed(why);
        });
    });
});
