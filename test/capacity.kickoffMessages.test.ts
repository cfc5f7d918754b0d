/**
 * Kickoff messages whole (issue 20: every refused form suggests the exact string to
 * write), worked by hand: each way of writing a date and time differently is named, and
 * the string to write follows; the DST gap and overlap give both readings; a wrong offset
 * with timeZone says how far it moves the pre-warm; a time without offset is read in the
 * display zone at its offset on that date.
 */
import { expect } from "chai";
import { fixtureKickoff, fixtureKickoffProblem, parseKickoff, readNowTime, timeZoneProblem } from "../stacks/capacity/kickoffTime";

const ALLOWED =
    'allowed: an ISO 8601 date and time with its UTC offset, e.g. "2027-04-07T21:00:00+02:00" or "2027-04-07T19:00:00Z", or a local time such as "2027-04-07T21:00:00" with the fixture\'s timeZone';
const PARIS_ALLOWED = 'allowed: the local time in Europe/Paris, e.g. "2027-04-07T21:00:00", or the same with the offset Europe/Paris has on that date';
const ZONE_ALLOWED = 'allowed: the venue\'s IANA time zone name, Area/City as the tz database spells it (case-sensitive), e.g. "Europe/Paris" or "Asia/Seoul"';

/** The problem of a kickoff without timeZone, the display zone Asia/Seoul. */
const seoul = (kickoff: string) => fixtureKickoffProblem({ kickoff }, "Asia/Seoul");
const rewrite = (what: string, write: string) => `is not written the ISO 8601 way (${what}); write "${write}"; ${ALLOWED}`;

describe("kickoff messages whole: what was written differently, and the string to write", () => {
    it("each difference by name", () => {
        const cases: [string, string, string][] = [
            ["2027-03-11 05:00+09:00", 'a space instead of "T"', "2027-03-11T05:00:00+09:00"],
            ["2027/03/11T05:00+09:00", '"/" between the date\'s fields instead of "-"', "2027-03-11T05:00:00+09:00"],
            ["2027-03.11T05:00+09:00", '"." between the date\'s fields instead of "-"', "2027-03-11T05:00:00+09:00"],
            ["2027-3-11T05:00+09:00", "a one-digit month or day", "2027-03-11T05:00:00+09:00"],
            ["2027-03-1T05:00+09:00", "a one-digit month or day", "2027-03-01T05:00:00+09:00"],
            ["2027-03-11t05:00+09:00", 'a lowercase "t"', "2027-03-11T05:00:00+09:00"],
            ["2027-03-11 T 05:00+09:00", 'spaces around "T"', "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T5:00+09:00", "a one-digit hour", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00 +09:00", "a space before the offset", "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00+0900", 'offset "+0900" instead of "+09:00"', "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00+09", 'offset "+09" instead of "+09:00"', "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00GMT+9", 'offset "GMT+9" instead of "+09:00"', "2027-03-11T05:00:00+09:00"],
            ["2027-03-11T05:00+0530", 'offset "+0530" instead of "+05:30"', "2027-03-11T05:00:00+05:30"],
            ["2027-03-10T17:00-0300", 'offset "-0300" instead of "-03:00"', "2027-03-10T17:00:00-03:00"],
            ["2027-03-10T17:00\u221203:00", 'offset "\u221203:00" instead of "-03:00"', "2027-03-10T17:00:00-03:00"],
            ["2027-03-11T05:00KST", '"KST" instead of its offset +09:00', "2027-03-11T05:00:00+09:00"],
            ["2027-03-10T20:00UTC", '"UTC" instead of "Z"', "2027-03-10T20:00:00Z"],
        ];
        for (const [kickoff, what, write] of cases) {
            expect(seoul(kickoff), kickoff).to.equal(rewrite(what, write));
        }
    });

    it("several differences in the order they are written, seconds and fractions kept", () => {
        expect(seoul("2027/3/11 5:30pm +09:00")).to.equal(
            rewrite('"/" between the date\'s fields instead of "-"; a one-digit month or day; a space instead of "T"; a 12-hour time ("5:30pm") instead of 24-hour "17:30"; a space before the offset', "2027-03-11T17:30:00+09:00"),
        );
        expect(seoul("2027-03-11 12pm KST")).to.equal(rewrite('a space instead of "T"; a 12-hour time ("12pm") instead of 24-hour "12:00"; a space before the offset; "KST" instead of its offset +09:00', "2027-03-11T12:00:00+09:00"));
        expect(seoul("2027-03-11 05:00:30.250+09:00")).to.equal(rewrite('a space instead of "T"', "2027-03-11T05:00:30.250+09:00"));
    });

    it("what cannot be read unambiguously is not guessed", () => {
        for (const kickoff of ["2027-03-11 13pm", "2027-03-11 0am", "2027-03-11 5", "2027-03-11 05:00 XYZ", "x2027-03-11T05:00:00Z", "2027-03-11T05:00:00Zx"]) {
            expect(seoul(kickoff), kickoff).to.equal(`is not an ISO 8601 date and time; ${ALLOWED}`);
        }
    });

    it("a field out of range, written strictly or another way", () => {
        const outOfRange = `is not a real date and time (month, day, hour, minute or offset out of range); ${ALLOWED}`;
        for (const kickoff of ["2027-03-11T05:60:00Z", "2027-03-11T05:00:60Z", "0027-03-11T05:00:00Z", "2027-03-11T05:00:00+15:00", "2027-03-11T05:00:00+09:60"]) {
            expect(seoul(kickoff), kickoff).to.equal(outOfRange);
        }
        expect(seoul("2027-02-30 05:00+09:00")).to.equal(`is read as "2027-02-30T05:00:00+09:00", which ${outOfRange}`);
    });

    it("the edges of what is in range: UTC+14:00, a :59 offset, 23:59:59", () => {
        expect(parseKickoff("2027-03-11T05:00:00+14:00")?.toISOString()).to.equal("2027-03-10T15:00:00.000Z");
        expect(parseKickoff("2027-03-11T05:00:00+09:59")?.toISOString()).to.equal("2027-03-10T19:01:00.000Z");
        expect(parseKickoff("2027-03-11T23:59:59-12:00")?.toISOString()).to.equal("2027-03-12T11:59:59.000Z");
    });
});

describe("a time without offset, read in the display zone", () => {
    it("Asia/Seoul: +09:00 on that date, or local with timeZone, or UTC", () => {
        expect(seoul("2027-03-11T05:00:00")).to.equal(
            'has no UTC offset, so the instant is ambiguous; write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time, the stack\'s displayTimeZone: +09:00 on 2027-03-11), ' +
                `or keep the local time and name its zone: kickoff: "2027-03-11T05:00:00" with timeZone: "Asia/Seoul"; if it is UTC, write "2027-03-11T05:00:00Z"; ${ALLOWED}`,
        );
        expect(seoul("2027-03-11 05:00")).to.equal(
            'has no UTC offset, so the instant is ambiguous (and is not written the ISO 8601 way: a space instead of "T"); write "2027-03-11T05:00:00+09:00" (read as Asia/Seoul time, the stack\'s displayTimeZone: +09:00 on 2027-03-11), ' +
                `or keep the local time and name its zone: kickoff: "2027-03-11T05:00:00" with timeZone: "Asia/Seoul"; if it is UTC, write "2027-03-11T05:00:00Z"; ${ALLOWED}`,
        );
    });

    it("a display zone at UTC that day needs no UTC alternative: London in winter", () => {
        expect(fixtureKickoffProblem({ kickoff: "2027-01-11T20:00:00" }, "Europe/London")).to.equal(
            'has no UTC offset, so the instant is ambiguous; write "2027-01-11T20:00:00Z" (read as Europe/London time, the stack\'s displayTimeZone: +00:00 on 2027-01-11), ' +
                `or keep the local time and name its zone: kickoff: "2027-01-11T20:00:00" with timeZone: "Europe/London"; ${ALLOWED}`,
        );
    });

    it("in the display zone's spring gap: both offsets, and UTC", () => {
        expect(fixtureKickoffProblem({ kickoff: "2027-03-28T02:30:00" }, "Europe/Paris")).to.equal(
            "has no UTC offset, so the instant is ambiguous; read as Europe/Paris time (the stack's displayTimeZone) it falls in the clock change of 2027-03-28: " +
                'write "2027-03-28T02:30:00+01:00" or "2027-03-28T02:30:00+02:00", whichever you mean, ' +
                `or keep the local time and name its zone: kickoff: "2027-03-28T02:30:00" with timeZone: "Europe/Paris"; if it is UTC, write "2027-03-28T02:30:00Z"; ${ALLOWED}`,
        );
    });

    it("a date alone: the forms to write with the time to fill in, at the offset of that date", () => {
        expect(seoul("2027-03-11")).to.equal(
            'is a date without a time of day: a kickoff needs its time too; write "2027-03-11Thh:mm:00+09:00" with the kickoff\'s time read as Asia/Seoul time (the stack\'s displayTimeZone, +09:00 on 2027-03-11), ' +
                `or "2027-03-11Thh:mm:00" with timeZone: "Asia/Seoul"; ${ALLOWED}`,
        );
        // The day before Paris moves to summer time: still +01:00.
        expect(fixtureKickoffProblem({ kickoff: "2027-03-27" }, "Europe/Paris")).to.contain('write "2027-03-27Thh:mm:00+01:00"').and.contain("(the stack's displayTimeZone, +01:00 on 2027-03-27)");
        expect(fixtureKickoffProblem({ kickoff: "2027-03-27", timeZone: "Europe/Paris" })).to.equal(
            `is a date without a time of day: a kickoff needs its time too; write "2027-03-27Thh:mm:00" with the kickoff's local time in Europe/Paris; ${PARIS_ALLOWED}`,
        );
        expect(seoul("2027-02-30")).to.equal(`is not a real date (month or day out of range), and has no time of day; ${ALLOWED}`);
    });
});

describe("a kickoff with timeZone: the clock changes and a wrong offset", () => {
    it("the spring gap: both readings, in UTC and as local times outside the gap", () => {
        expect(fixtureKickoffProblem({ kickoff: "2027-03-28T02:30:00", timeZone: "Europe/Paris" })).to.equal(
            "does not exist in Europe/Paris: on 2027-03-28 the clocks jump from 02:00 to 03:00 (at 2027-03-28 01:00Z, from +01:00 CET to +02:00 CEST), so 02:30 never happens there; " +
                "read at +01:00 it would be 2027-03-28T01:30:00Z, read at +02:00 2027-03-28T00:30:00Z; " +
                'allowed: the local time you mean outside the gap, "2027-03-28T03:30:00" (02:30 at +01:00) or "2027-03-28T01:30:00" (02:30 at +02:00)',
        );
    });

    it("the autumn overlap: both instants with their offsets", () => {
        expect(fixtureKickoffProblem({ kickoff: "2027-10-31T02:30:00", timeZone: "Europe/Paris" })).to.equal(
            "happens twice in Europe/Paris: on 2027-10-31 the clocks go back from 03:00 to 02:00 (at 2027-10-31 01:00Z, from +02:00 CEST to +01:00 CET), so 02:30 is " +
                "2027-10-31T00:30:00Z (+02:00 CEST) or 2027-10-31T01:30:00Z (+01:00 CET); " +
                'allowed: the one you mean with its offset, "2027-10-31T02:30:00+02:00" or "2027-10-31T02:30:00+01:00"',
        );
        // Either, with its offset, is the instant it names.
        expect(fixtureKickoff({ kickoff: "2027-10-31T02:30:00+01:00", timeZone: "Europe/Paris" })?.toISOString()).to.equal("2027-10-31T01:30:00.000Z");
    });

    it("a wrong offset: how far it moves the pre-warm, and the two strings to write", () => {
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+01:00", timeZone: "Europe/Paris" })).to.equal(
            "has offset +01:00, but Europe/Paris is at +02:00 (CEST) on 2027-07-11; a wrong daylight-saving offset moves the pre-warm by an hour; " +
                'allowed: "2027-07-11T21:00:00+02:00" (the zone\'s offset) or "2027-07-11T21:00:00" (local time in Europe/Paris)',
        );
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00Z", timeZone: "Asia/Seoul" })).to.equal(
            "has offset Z (UTC), but Asia/Seoul is at +09:00 on 2027-07-11; the wrong offset moves the pre-warm by 9 hours (to give the kickoff in UTC, leave timeZone out); " +
                'allowed: "2027-07-11T21:00:00+09:00" (the zone\'s offset) or "2027-07-11T21:00:00" (local time in Asia/Seoul)',
        );
        // Kathmandu is +05:45 all year: an hour and three quarters off, no daylight saving to blame.
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+04:00", timeZone: "Asia/Kathmandu" })).to.equal(
            "has offset +04:00, but Asia/Kathmandu is at +05:45 on 2027-07-11; the wrong offset moves the pre-warm by 1 hour 45 minutes; " +
                'allowed: "2027-07-11T21:00:00+05:45" (the zone\'s offset) or "2027-07-11T21:00:00" (local time in Asia/Kathmandu)',
        );
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+05:00", timeZone: "Asia/Kathmandu" })).to.contain("moves the pre-warm by 45 minutes;");
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+00:00", timeZone: "Europe/Paris" })).to.contain("the wrong offset moves the pre-warm by 2 hours;");
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+03:00", timeZone: "Asia/Kathmandu" })).to.contain("moves the pre-warm by 2 hours 45 minutes;");
    });
});

describe("time zone names: the name meant", () => {
    it("other casing, a city alone, a misspelt city, an offset, an abbreviation, a fixed Etc/GMT offset", () => {
        expect(timeZoneProblem("asia/seoul")).to.equal(`is not spelled as the tz database spells it (zone names are case-sensitive); did you mean "Asia/Seoul"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("Seoul")).to.equal(`is not a time zone the runtime knows; did you mean "Asia/Seoul"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("new york")).to.equal(`is not a time zone the runtime knows; did you mean "America/New_York"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("Asia/Seol")).to.equal(`is not a time zone the runtime knows; did you mean "Asia/Seoul"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("Europe/Madird")).to.equal(`is not a time zone the runtime knows; did you mean "Europe/Madrid"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("Qwxzv/Plmkj")).to.equal(`is not a time zone the runtime knows; ${ZONE_ALLOWED}`);
        expect(timeZoneProblem("UTC+9")).to.match(/^is a UTC offset, not a time zone, and does not follow daylight saving; /);
        expect(timeZoneProblem(" + 9")).to.match(/^is a UTC offset, not a time zone/);
        expect(timeZoneProblem("KST")).to.match(/^is an abbreviation, not a time zone name: /);
        expect(timeZoneProblem("Etc/GMT-9")).to.match(/^is a fixed offset that does not follow daylight saving \(and Etc\/GMT signs are inverted/);
        expect(timeZoneProblem("CET")).to.match(/^is a legacy alias or abbreviation rather than an Area\/City name, .*\(the runtime reads it as "[A-Za-z/]+"\)/);
        expect(timeZoneProblem("Asia/Kolkata")).to.equal(undefined);
        expect(timeZoneProblem("Etc/UTC")).to.equal(undefined);
        expect(timeZoneProblem("  ")).to.equal(`is empty; ${ZONE_ALLOWED}`);
    });
});

describe("--now read as the team types it: how it was read, or both readings", () => {
    const FORMS = (zone: string) => `e.g. --now 2027-03-11T04:30:00+09:00, --now 2027-03-10T19:30:00Z, or a local time read in the stack's displayTimeZone (${zone}), --now "2027-03-11 04:30"`;

    it("a local time in the display zone, an abbreviation, UTC: the instant and the line that says so", () => {
        expect(readNowTime("2027-03-11 04:30", "Asia/Seoul")).to.deep.equal({
            at: new Date("2027-03-10T19:30:00Z"),
            readAs: "--now 2027-03-11 04:30 read as Asia/Seoul time: 2027-03-10T19:30:00Z",
            inDisplayZone: true,
        });
        expect(readNowTime("2027-03-11 04:30 KST", "Europe/Paris")).to.deep.equal({ at: new Date("2027-03-10T19:30:00Z"), readAs: "--now 2027-03-11 04:30 KST read as 2027-03-10T19:30:00Z" });
        expect(readNowTime("2027-03-10 19:30 UTC", "Asia/Seoul")).to.deep.equal({ at: new Date("2027-03-10T19:30:00Z"), readAs: "--now 2027-03-10 19:30 UTC read as 2027-03-10T19:30:00Z" });
        expect(readNowTime("2027-03-11T04:30:00+09:00", "Asia/Seoul")).to.deep.equal({ at: new Date("2027-03-10T19:30:00Z") });
    });

    it("what cannot be read, a date alone, a date out of range: the whole message with the forms", () => {
        expect(readNowTime("soon", "Asia/Seoul")).to.deep.equal({ problem: `--now "soon": expected a date and time with its offset, ${FORMS("Asia/Seoul")}` });
        expect(readNowTime("2027-03-11", "Asia/Seoul")).to.deep.equal({ problem: `--now "2027-03-11": a date without a time of day; give the time too, ${FORMS("Asia/Seoul")}` });
        expect(readNowTime("2027-02-30 04:30", "Asia/Seoul")).to.deep.equal({
            problem: `--now "2027-02-30 04:30" is read as "2027-02-30T04:30:00", which is not a real date and time (month, day, hour, minute or offset out of range); ${FORMS("Asia/Seoul")}`,
        });
    });

    it("in the display zone's spring gap or autumn overlap: both readings with their --now", () => {
        expect(readNowTime("2027-03-28 02:30", "Europe/Paris")).to.deep.equal({
            problem:
                '--now "2027-03-28 02:30": 02:30 does not exist in Europe/Paris (the stack\'s displayTimeZone) on 2027-03-28: the clocks jump from 02:00 to 03:00; ' +
                "read at +01:00 it is 2027-03-28T01:30:00Z (--now 2027-03-28T02:30:00+01:00), read at +02:00 it is 2027-03-28T00:30:00Z (--now 2027-03-28T02:30:00+02:00); " +
                "give the one you mean with its offset",
            inDisplayZone: true,
        });
        expect(readNowTime("2027-10-31 02:30", "Europe/Paris")).to.deep.equal({
            problem:
                '--now "2027-10-31 02:30": 02:30 happens twice in Europe/Paris (the stack\'s displayTimeZone) on 2027-10-31: the clocks go back from 03:00 to 02:00; ' +
                "read at +02:00 it is 2027-10-31T00:30:00Z (--now 2027-10-31T02:30:00+02:00), read at +01:00 it is 2027-10-31T01:30:00Z (--now 2027-10-31T02:30:00+01:00); " +
                "give the one you mean with its offset",
            inDisplayZone: true,
        });
    });
});

describe("kickoff forms at their edges", () => {
    it("every field's range: the first and last month, day and hour are in, the next one out", () => {
        expect(parseKickoff("2027-01-01T00:00:00Z")?.toISOString()).to.equal("2027-01-01T00:00:00.000Z");
        expect(parseKickoff("2027-12-31T23:59:59Z")?.toISOString()).to.equal("2027-12-31T23:59:59.000Z");
        expect(parseKickoff("2028-02-29T12:00:00Z")?.toISOString()).to.equal("2028-02-29T12:00:00.000Z");
        for (const kickoff of ["2027-00-11T05:00:00Z", "2027-13-11T05:00:00Z", "2027-03-00T05:00:00Z", "2027-03-32T05:00:00Z", "2027-02-29T05:00:00Z", "2027-03-11T24:00:00Z", "2027-03-31T24:00:00Z", "2027-03-11T99:00:00Z"]) {
            expect(parseKickoff(kickoff), kickoff).to.equal(undefined);
            expect(seoul(kickoff), kickoff).to.match(/^is not a real date and time \(month, day, hour, minute or offset out of range\); /);
        }
        // Without an offset it names no instant either.
        expect(parseKickoff("2027-03-11T05:00:00")).to.equal(undefined);
    });

    it("more ways of writing it: spaces around, two spaces, one separator differing, a spaced t, 1am, Z after a space, UTC+09:00, +930", () => {
        expect(seoul(" 2027-03-11 05:00+09:00 ")).to.equal(rewrite('a space instead of "T"', "2027-03-11T05:00:00+09:00"));
        expect(seoul("2027-03-11  05:00+09:00")).to.equal(rewrite('a space instead of "T"', "2027-03-11T05:00:00+09:00"));
        expect(seoul("2027/03-11T05:00+09:00")).to.equal(rewrite('"/" between the date\'s fields instead of "-"', "2027-03-11T05:00:00+09:00"));
        expect(seoul("2027-03-11 t 05:00+09:00")).to.equal(rewrite('a lowercase "t"', "2027-03-11T05:00:00+09:00"));
        expect(seoul("2027-03-11T1am+09:00")).to.equal(rewrite('a 12-hour time ("1am") instead of 24-hour "01:00"', "2027-03-11T01:00:00+09:00"));
        expect(seoul("2027-03-10 20:00Z")).to.equal(rewrite('a space instead of "T"', "2027-03-10T20:00:00Z"));
        expect(seoul("2027-03-11T05:00UTC+09:00")).to.equal(rewrite('offset "UTC+09:00" instead of "+09:00"', "2027-03-11T05:00:00+09:00"));
        expect(seoul("2027-03-11T05:00+930")).to.equal(rewrite('offset "+930" instead of "+09:30"', "2027-03-11T05:00:00+09:30"));
    });

    it("not a string, a zone not a string", () => {
        expect(fixtureKickoffProblem({ kickoff: 5 as never })).to.equal('must be a string: an ISO 8601 date and time, e.g. "2027-04-07T21:00:00+02:00", or "2027-04-07T21:00:00" with timeZone');
        expect(fixtureKickoffProblem({ kickoff: "2027-04-07T21:00:00", timeZone: 5 as never })).to.equal(`cannot be placed in time: timeZone must be a string; ${ZONE_ALLOWED}`);
    });

    it("a wrong offset on a time in the gap: read as written, at the zone's offset then", () => {
        // 02:30 at +03:00 is 23:30Z the day before: 00:30 in Paris, still CET.
        expect(fixtureKickoffProblem({ kickoff: "2027-03-28T02:30:00+03:00", timeZone: "Europe/Paris" })).to.equal(
            "has offset +03:00, but Europe/Paris is at +01:00 (CET) on 2027-03-28; the wrong offset moves the pre-warm by 2 hours; " +
                'allowed: "2027-03-28T00:30:00+01:00" (the zone\'s offset) or "2027-03-28T00:30:00" (local time in Europe/Paris)',
        );
        expect(fixtureKickoffProblem({ kickoff: "2027-07-11T21:00:00+09:01", timeZone: "Asia/Seoul" })).to.contain("moves the pre-warm by 1 minute;");
    });

    it("a local time a few hours after New York's spring change is there once", () => {
        // 05:00 EDT (-04:00) is 09:00Z; the clocks moved at 07:00Z.
        expect(fixtureKickoff({ kickoff: "2027-03-14T05:00:00", timeZone: "America/New_York" })?.toISOString()).to.equal("2027-03-14T09:00:00.000Z");
        expect(fixtureKickoff({ kickoff: "2027-03-14T01:00:00", timeZone: "America/New_York" })?.toISOString()).to.equal("2027-03-14T06:00:00.000Z");
    });

    it("zone names: a city misspelt beyond the full names, a leading space, a two-digit Etc/GMT, the name the runtime reads", () => {
        expect(timeZoneProblem("Sooul")).to.equal(`is not a time zone the runtime knows; did you mean "Asia/Seoul"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem(" asia/seoul")).to.equal(`is not spelled as the tz database spells it (zone names are case-sensitive); did you mean "Asia/Seoul"? ${ZONE_ALLOWED}`);
        expect(timeZoneProblem(" KST")).to.match(/^is an abbreviation, not a time zone name: /);
        expect(timeZoneProblem("Etc/GMT-10")).to.match(/^is a fixed offset that does not follow daylight saving/);
        const runtimeDefault = new Intl.DateTimeFormat().resolvedOptions().timeZone;
        expect(timeZoneProblem("EST5EDT")).to.match(/\(the runtime reads it as "[A-Za-z/0-9_]+"\)/).and.not.contain(`reads it as "${runtimeDefault}"`);
    });
});
