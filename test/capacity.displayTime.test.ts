import { expect } from "chai";
import { formatInstant, formatUtcMinute, isKnownTimeZone, suggestTimeZone, zonedParts } from "../stacks/capacity/displayTime";

describe("times as the platform team reads them (UTC and the display zone)", () => {
    const finalKickoff = new Date("2027-05-29T19:00:00Z");

    it("shows UTC first, then the display zone's wall clock; Seoul is UTC+9 all year (no daylight saving)", () => {
        expect(formatInstant(finalKickoff)).to.equal("2027-05-29 19:00Z (2027-05-30 04:00 UTC+09:00)");
        expect(formatInstant(new Date("2027-01-10T19:00:00Z"), "Asia/Seoul")).to.equal("2027-01-10 19:00Z (2027-01-11 04:00 UTC+09:00)");
    });

    it("follows daylight saving: Paris is CEST (+2) in May and CET (+1) in January", () => {
        expect(formatInstant(finalKickoff, "Europe/Paris")).to.equal("2027-05-29 19:00Z (2027-05-29 21:00 CEST)");
        expect(formatInstant(new Date("2027-01-10T19:00:00Z"), "Europe/Paris")).to.equal("2027-01-10 19:00Z (2027-01-10 20:00 CET)");
        expect(zonedParts(finalKickoff, "Europe/Paris").offsetMinutes).to.equal(120);
        expect(zonedParts(finalKickoff, "Asia/Kolkata")).to.deep.include({ time: "00:30", offsetMinutes: 330 });
        expect(zonedParts(finalKickoff, "America/Sao_Paulo")).to.deep.include({ time: "16:00", offsetMinutes: -180 });
    });

    it("shows UTC alone when the display zone is UTC", () => {
        expect(formatInstant(finalKickoff, "UTC")).to.equal("2027-05-29 19:00Z");
        expect(formatUtcMinute(new Date("2027-05-29T19:00:59.999Z"))).to.equal("2027-05-29 19:00Z");
    });

    it("knows IANA zones, and suggests one for a typo, a wrong case or a bare city", () => {
        expect(isKnownTimeZone("Asia/Seoul")).to.equal(true);
        expect(isKnownTimeZone("Mars/Olympus_Mons")).to.equal(false);
        expect(isKnownTimeZone("")).to.equal(false);
        expect(suggestTimeZone("Europe/Pariss")).to.equal("Europe/Paris");
        expect(suggestTimeZone("europe/paris")).to.equal("Europe/Paris");
        expect(suggestTimeZone("Seoul")).to.equal("Asia/Seoul");
        expect(suggestTimeZone("Mars/Olympus_Mons")).to.equal(undefined);
    });
});
