/**
 * The reservation plan (stacks/capacity/reservationPlan.ts): LCU units pinned by hand,
 * match days and the two-decreases-a-day rule, instance reservations per zone, schedule
 * names, and what a deploy at `now` declares. Every number is worked out in a comment.
 *
 * The plan is the matchday stack's sizing (test/helpers/capacityPlan.ts): pre-warm 70
 * minutes before kickoff, release at kickoff + 165 + 30 = kickoff + 195 minutes, 2 000
 * viewers per instance, 20 % headroom, 3 zones. The load balancer is reserved 2 h before
 * the pre-warm (kickoff - 190 minutes), instances 3 h before (kickoff - 250 minutes).
 * LCU units are N+1 over the 3 zones: the demand x 1.2 x 3 / 2.
 *
 * Schedule names end in `-<YYYYMMDDhhmm of the planned time>-<6 hex>`; the tests show
 * them without that suffix (`baseName`) except where the suffix is the point.
 */
import { expect } from "chai";
import { stableHash } from "../stacks/capacity/actionNames";
import { reservedCapacityUnits } from "../stacks/capacity/loadBalancerCapacity";
import { askedPeaks } from "../stacks/capacity/onPremise";
import {
    CATCH_UP_MIN_HOLD_MINUTES,
    END_GRACE_MINUTES,
    NO_RESERVATIONS,
    ODCR_CATCH_UP_MIN_HOLD_MINUTES,
    odcrClientToken,
    planReservations,
    ReservationPlan,
    scheduleSuffix,
} from "../stacks/capacity/reservationPlan";
import { planCapacitySchedule } from "../stacks/capacity/schedule";
import { matchdayPlan } from "./helpers/capacityPlan";
import { baseName, BOTH, fixture, HAND_TRAFFIC, reservationsAt, seededRandom } from "./helpers/reservations";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const LONG_BEFORE = new Date("2027-01-01T00:00:00Z");

const SMALL = fixture("Small night", "2027-05-04T19:00:00Z", 40_000);
const FINAL = fixture("UCL final", "2027-05-29T19:00:00Z", 200_000, 1.5);

const iso = (d: Date) => d.toISOString();
const lcuOnly = { loadBalancer: BOTH.loadBalancer };
const odcrOnly = { instances: BOTH.instances };

describe("reservation plan: load balancer capacity units", () => {
    it("a small night: 40 000 viewers x 1.0 ask 87 LCU, processed bytes dominant", () => {
        const r = reservationsAt(matchdayPlan([SMALL]), LONG_BEFORE, lcuOnly);
        expect(r.loadBalancer).to.have.length(1);
        const lb = r.loadBalancer[0];
        // Planned viewers: the expected peak x surge 1.0 = 40 000.
        expect(lb.plannedViewers).to.equal(40_000);
        // New connections: 40 000 x 1 request/min / 60 = 666.67 per second, each new; / 25 per LCU = 26.67.
        expect(lb.demand.newConnectionsPerSecond.lcus).to.be.closeTo(26.667, 0.001);
        // Active connections: 40 000 x 1 = 40 000; / 3 000 per LCU = 13.33.
        expect(lb.demand.activeConnections.lcus).to.be.closeTo(13.333, 0.001);
        // Bytes: 1/60 request/s x 20 000 B = 333.3 B/s a viewer; x 40 000 x 3 600 s = 48 x 10^9 B = 48 GB/h; 1 GB/h per LCU = 48.
        expect(lb.demand.processedGBPerHour.lcus).to.be.closeTo(48, 1e-9);
        // Rules: 1 per request, the first 10 free: 0.
        expect(lb.demand.ruleEvaluationsPerSecond.lcus).to.equal(0);
        expect(lb.demand.dominant).to.equal("processedGBPerHour");
        // 48 x 1.2 (20 % headroom) = 57.6; N+1 over 3 zones (x 3 / 2) = 86.4, rounded up: 87.
        expect(lb.capacityUnits).to.equal(87);
        // Request 2 h before the pre-warm (19:00 - 70 min = 17:50): 15:50; reset at the release, 19:00 + 195 min = 22:15.
        expect(iso(lb.requestAt)).to.equal("2027-05-04T15:50:00.000Z");
        expect(iso(lb.resetAt)).to.equal("2027-05-04T22:15:00.000Z");
        expect(lb.name).to.equal("lcu-small-night");
    });

    it("the final: 200 000 x 1.5 = 300 000 planned viewers ask 648 LCU", () => {
        const lb = reservationsAt(matchdayPlan([FINAL]), LONG_BEFORE, lcuOnly).loadBalancer[0];
        expect(lb.plannedViewers).to.equal(300_000);
        // New connections 300 000 / 60 = 5 000/s, / 25 = 200; active 300 000 / 3 000 = 100;
        // bytes 333.3 B/s x 300 000 x 3 600 = 360 GB/h = 360; rules 0. Largest 360, x 1.2 = 432, x 3 / 2 (N+1) = 648.
        expect(lb.demand.newConnectionsPerSecond.lcus).to.be.closeTo(200, 1e-9);
        expect(lb.demand.activeConnections.lcus).to.be.closeTo(100, 1e-9);
        expect(lb.demand.processedGBPerHour.lcus).to.be.closeTo(360, 1e-9);
        expect(lb.capacityUnits).to.equal(648);
    });

    it("N+1 over the zones: 4 zones reserve x 4 / 3, 2 zones x 2", () => {
        // The final's 360 x 1.2 = 432: over 4 zones 432 x 4 / 3 = 576; over 2 zones 432 x 2 = 864.
        expect(reservationsAt(matchdayPlan([FINAL], { availabilityZoneCount: 4 }), LONG_BEFORE, lcuOnly).loadBalancer[0].capacityUnits).to.equal(576);
        expect(reservationsAt(matchdayPlan([FINAL], { availabilityZoneCount: 2 }), LONG_BEFORE, lcuOnly).loadBalancer[0].capacityUnits).to.equal(864);
    });

    it("no option, no reservation: the same as NO_RESERVATIONS", () => {
        expect(reservationsAt(matchdayPlan([SMALL]), LONG_BEFORE, {})).to.deep.equal(NO_RESERVATIONS);
    });

    it("two windows the same day whose spans do not touch: two reservations (two resets a day are allowed)", () => {
        // 06:00Z: request 06:00 - 190 min = 02:50, reset 06:00 + 195 min = 09:15.
        // 13:00Z: request 09:50, reset 16:15. 09:50 is after 09:15: apart.
        const r = reservationsAt(matchdayPlan([fixture("Early", "2027-06-01T06:00:00Z", 40_000), fixture("Late", "2027-06-01T13:00:00Z", 200_000, 1.5)]), LONG_BEFORE, lcuOnly);
        expect(r.loadBalancer.map((x) => [x.name, iso(x.requestAt), iso(x.resetAt), x.capacityUnits])).to.deep.equal([
            ["lcu-early", "2027-06-01T02:50:00.000Z", "2027-06-01T09:15:00.000Z", 87],
            ["lcu-late", "2027-06-01T09:50:00.000Z", "2027-06-01T16:15:00.000Z", 648],
        ]);
        expect(r.notes).to.deep.equal([]);
    });

    it("two windows whose spans overlap: one reservation from the first request to the last reset, at the larger units", () => {
        // 10:00Z: 06:50 to 13:15; 16:00Z: 12:50 to 19:15 (12:50 < 13:15: overlap). One: 06:50 to 19:15 at max(87, 648) = 648.
        const r = reservationsAt(matchdayPlan([fixture("Day one", "2027-06-01T10:00:00Z", 40_000), fixture("Day two", "2027-06-01T16:00:00Z", 200_000, 1.5)]), LONG_BEFORE, lcuOnly);
        expect(r.loadBalancer.map((x) => [x.name, x.fixtures, iso(x.requestAt), iso(x.resetAt), x.plannedViewers, x.capacityUnits])).to.deep.equal([
            ["lcu-day-one", ["Day one", "Day two"], "2027-06-01T06:50:00.000Z", "2027-06-01T19:15:00.000Z", 300_000, 648],
        ]);
        expect(r.notes).to.have.length(1);
        expect(r.notes[0]).to.match(/^one LCU reservation lcu-day-one for "Day one" and "Day two": held from 2027-06-01 06:50Z to 2027-06-01 19:15Z at 648 LCU \("Day one" alone 87, "Day two" alone 648\); .*overlap or touch/);
    });

    it("spans that touch (a reset at the next request) are one reservation", () => {
        // 06:00Z resets at 09:15; a kickoff at 12:25Z requests at 12:25 - 190 min = 09:15.
        const r = reservationsAt(matchdayPlan([fixture("A", "2027-06-01T06:00:00Z", 40_000), fixture("B", "2027-06-01T12:25:00Z", 40_000)]), LONG_BEFORE, lcuOnly);
        expect(r.loadBalancer.map((x) => [iso(x.requestAt), iso(x.resetAt)])).to.deep.equal([["2027-06-01T02:50:00.000Z", "2027-06-01T15:40:00.000Z"]]);
    });

    it("three windows within 24 h: the third reset would be the third decrease, so the third joins the second", () => {
        // Resets 09:15, 16:15, 23:15 (kickoffs 06:00, 13:00, 20:00): three within 14 h.
        // The third (request 16:50) joins the second: held 09:50 to 23:15, resets 09:15 and 23:15.
        const r = reservationsAt(
            matchdayPlan([
                fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
                fixture("Afternoon", "2027-06-01T13:00:00Z", 40_000),
                fixture("Evening", "2027-06-01T20:00:00Z", 200_000, 1.5),
            ]),
            LONG_BEFORE,
            lcuOnly,
        );
        expect(r.loadBalancer.map((x) => [x.name, x.fixtures, iso(x.requestAt), iso(x.resetAt), x.capacityUnits])).to.deep.equal([
            ["lcu-morning", ["Morning"], "2027-06-01T02:50:00.000Z", "2027-06-01T09:15:00.000Z", 87],
            ["lcu-afternoon", ["Afternoon", "Evening"], "2027-06-01T09:50:00.000Z", "2027-06-01T23:15:00.000Z", 648],
        ]);
        expect(r.notes.join("\n")).to.contain("resets at 2027-06-01 09:15Z, 2027-06-01 16:15Z and 2027-06-01 23:15Z would be 3 decreases within 24 h");
    });

    it("a fourth window the next day: apart when its reset is more than 24 h after the reset two before, joined at exactly 24 h", () => {
        const day = [
            fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
            fixture("Afternoon", "2027-06-01T13:00:00Z", 40_000),
            fixture("Evening", "2027-06-01T20:00:00Z", 40_000),
        ];
        // Resets after the merge: 09:15 and 23:15. Next day 07:00Z resets at 10:15 (+1 d): 25 h after 09:15: apart.
        const apart = reservationsAt(matchdayPlan([...day, fixture("Next", "2027-06-02T07:00:00Z", 40_000)]), LONG_BEFORE, lcuOnly);
        expect(apart.loadBalancer.map((x) => iso(x.resetAt))).to.deep.equal(["2027-06-01T09:15:00.000Z", "2027-06-01T23:15:00.000Z", "2027-06-02T10:15:00.000Z"]);
        // Next day 06:00Z resets at 09:15 (+1 d): exactly 24 h after 09:15, counted as the same day: joined (held overnight).
        const joined = reservationsAt(matchdayPlan([...day, fixture("Next", "2027-06-02T06:00:00Z", 40_000)]), LONG_BEFORE, lcuOnly);
        expect(joined.loadBalancer.map((x) => [iso(x.requestAt), iso(x.resetAt)])).to.deep.equal([
            ["2027-06-01T02:50:00.000Z", "2027-06-01T09:15:00.000Z"],
            ["2027-06-01T09:50:00.000Z", "2027-06-02T09:15:00.000Z"],
        ]);
    });

    it("random nights: never three resets within 24 h, every window covered from its request to its release at no fewer units than it needs", () => {
        const rand = seededRandom(2127);
        for (let run = 0; run < 60; run++) {
            const count = 1 + Math.floor(rand() * 8);
            const fixtures = Array.from({ length: count }, (_, i) => {
                // Kickoffs over three days, on quarter hours; 10 000 to 300 000 viewers, surge 1 to 2.
                const kickoff = Date.parse("2027-06-01T00:00:00Z") + Math.floor(rand() * 3 * 96) * 15 * MINUTE;
                const surge = rand() < 0.5 ? undefined : 1 + Math.round(rand() * 10) / 10;
                return fixture(`Match ${i}`, new Date(kickoff).toISOString().replace(".000", ""), 10_000 + Math.floor(rand() * 290) * 1_000, surge);
            });
            const plan = matchdayPlan(fixtures);
            const r = reservationsAt(plan, LONG_BEFORE);
            const what = JSON.stringify(fixtures);
            const resets = r.loadBalancer.map((x) => x.resetAt.getTime());
            for (let i = 0; i + 2 < resets.length; i++) expect(resets[i + 2] - resets[i], `three resets within 24 h: ${what}`).to.be.above(24 * HOUR);
            r.loadBalancer.forEach((x, i) => {
                if (i > 0) expect(x.requestAt.getTime(), `reservations overlap: ${what}`).to.be.above(r.loadBalancer[i - 1].resetAt.getTime());
            });
            for (const w of planCapacitySchedule(plan, LONG_BEFORE).windows) {
                const need = reservedCapacityUnits(Math.max(...askedPeaks(plan, [w]).map((p) => p.peakViewers)), HAND_TRAFFIC, plan.headroomPercent, plan.availabilityZoneCount);
                const lb = r.loadBalancer.find((x) => x.fixtures.includes(w.fixtures[0]));
                expect(lb, `window ${w.fixtures} has no LCU reservation: ${what}`).to.not.equal(undefined);
                expect(lb!.requestAt.getTime()).to.be.at.most(w.preWarmAt.getTime() - 2 * HOUR);
                expect(lb!.resetAt.getTime()).to.be.at.least(w.releaseAt.getTime());
                expect(lb!.capacityUnits).to.be.at.least(need);
                const odcr = r.instances.find((x) => x.fixtures.includes(w.fixtures[0]));
                expect(odcr, `window ${w.fixtures} has no instance reservation: ${what}`).to.not.equal(undefined);
                expect(odcr!.createAt.getTime()).to.be.at.most(w.preWarmAt.getTime() - 3 * HOUR);
                expect(odcr!.endAt.getTime()).to.be.at.least(w.releaseAt.getTime());
                expect(odcr!.perZone * odcr!.zones).to.be.at.least(w.minSize);
            }
        }
    });
});

describe("reservation plan: instance reservations", () => {
    it("the window's floor spread over the zones, rounded up: 41 000 viewers over 4 zones reserve 9 a zone", () => {
        // Need: 41 000 x 1.2 / 2 000 = 24.6, 25 instances; N+1 over 4 zones: ceil(25 x 4 / 3) = ceil(33.3) = 34;
        // a zone: 34 / 4 = 8.5, rounded up: 9 (36 reserved, 2 spare).
        const r = reservationsAt(matchdayPlan([fixture("Odd", "2027-05-04T19:00:00Z", 41_000)], { availabilityZoneCount: 4 }), LONG_BEFORE, odcrOnly);
        expect(r.instances.map((x) => [x.name, x.perZone, x.zones, iso(x.createAt), iso(x.endAt)])).to.deep.equal([
            ["odcr-odd", 9, 4, "2027-05-04T14:50:00.000Z", "2027-05-04T22:15:00.000Z"],
        ]);
        // One create per zone, at 19:00 - 250 min = 14:50, ending at the release; each name ends in the planned time 202705041450.
        for (const s of r.schedules) expect(s.name).to.match(/^odcr-odd-z\d-202705041450-[0-9a-f]{6}$/);
        expect(r.schedules.map((s) => s.kind === "odcr-create" && [baseName(s.name), s.at, s.zoneIndex, s.instanceCount, s.endDate])).to.deep.equal([
            ["odcr-odd-z0", "2027-05-04T14:50:00", 0, 9, "2027-05-04T22:15:00Z"],
            ["odcr-odd-z1", "2027-05-04T14:50:00", 1, 9, "2027-05-04T22:15:00Z"],
            ["odcr-odd-z2", "2027-05-04T14:50:00", 2, 9, "2027-05-04T22:15:00Z"],
            ["odcr-odd-z3", "2027-05-04T14:50:00", 3, 9, "2027-05-04T22:15:00Z"],
        ]);
    });

    it("windows whose reservations would overlap share one per zone, at the larger count, from the first create to the last end", () => {
        // 10:00Z: create 10:00 - 250 min = 05:50, end 13:15; 16:00Z: create 11:50 (< 13:15), end 19:15.
        // Floors: 40 000 -> need 24, N+1 36, 12 a zone; 300 000 -> need 180, N+1 270, 90 a zone.
        const r = reservationsAt(matchdayPlan([fixture("Day one", "2027-06-01T10:00:00Z", 40_000), fixture("Day two", "2027-06-01T16:00:00Z", 200_000, 1.5)]), LONG_BEFORE, odcrOnly);
        expect(r.instances.map((x) => [x.name, x.fixtures, x.perZone, iso(x.createAt), iso(x.endAt)])).to.deep.equal([
            ["odcr-day-one", ["Day one", "Day two"], 90, "2027-06-01T05:50:00.000Z", "2027-06-01T19:15:00.000Z"],
        ]);
        expect(r.schedules).to.have.length(3);
        expect(r.notes.join("\n")).to.contain('one instance reservation odcr-day-one for "Day one" and "Day two": 90 per zone from 2027-06-01 05:50Z to 2027-06-01 19:15Z ("Day one" alone 12, "Day two" alone 90)');
    });

    it("the ClientToken: at most 64 ASCII characters, different per zone and per stack, the same on every deploy", () => {
        const plan = matchdayPlan([SMALL]);
        const tokens = (p: ReservationPlan) => p.schedules.flatMap((s) => (s.kind === "odcr-create" ? [s.clientToken] : []));
        const early = tokens(reservationsAt(plan, LONG_BEFORE, odcrOnly));
        expect(early).to.have.length(3);
        expect(new Set(early).size).to.equal(3);
        for (const t of early) expect(t).to.match(/^[\x21-\x7e]{1,64}$/);
        const z0 = reservationsAt(plan, LONG_BEFORE, odcrOnly).schedules[0];
        expect(z0.name).to.match(/^odcr-small-night-z0-202705041450-[0-9a-f]{6}$/);
        expect(early[0]).to.equal(odcrClientToken("matchday", z0.name, new Date("2027-05-04T14:50:00Z")));
        // A late deploy (after the create time) repeats the planned token, not one of its own time.
        expect(tokens(reservationsAt(plan, new Date("2027-05-04T16:00:30Z"), odcrOnly))).to.deep.equal(early);
        expect(tokens(reservationsAt(plan, LONG_BEFORE, odcrOnly, "staging"))).to.not.include(early[0]);
    });
});

describe("reservation plan: schedule names", () => {
    it("lcu-request-, lcu-reset- and odcr-<stem>-z<i>, then the planned time (UTC, to the minute) and a hash of the call", () => {
        const names = reservationsAt(matchdayPlan([FINAL]), LONG_BEFORE).schedules.map((s) => s.name);
        // The final at 19:00Z: creates 19:00 - 250 min = 14:50, request 19:00 - 190 min = 15:50, reset 19:00 + 195 min = 22:15.
        // The hash (6 hex) is the module's; the stem and the time are worked here.
        const request = scheduleSuffix(Date.parse("2027-05-29T15:50:00Z"), ["request", 648]).slice(-6);
        const reset = scheduleSuffix(Date.parse("2027-05-29T22:15:00Z"), ["reset"]).slice(-6);
        expect(request).to.match(/^[0-9a-f]{6}$/);
        expect(names.slice(3)).to.deep.equal([`lcu-request-ucl-final-202705291550-${request}`, `lcu-reset-ucl-final-202705292215-${reset}`]);
        expect(names.slice(0, 3).map((n) => n.replace(/-[0-9a-f]{6}$/, ""))).to.deep.equal([
            "odcr-ucl-final-z0-202705291450",
            "odcr-ucl-final-z1-202705291450",
            "odcr-ucl-final-z2-202705291450",
        ]);
        // Each zone's call differs (its index), so does its hash.
        expect(new Set(names.slice(0, 3).map((n) => n.slice(-6))).size).to.equal(3);
    });

    it("adding a fixture on another day renames nothing; one joining the same reservation keeps the stems", () => {
        const before = reservationsAt(matchdayPlan([SMALL]), LONG_BEFORE).schedules.map((s) => s.name);
        const otherDay = reservationsAt(matchdayPlan([SMALL, FINAL]), LONG_BEFORE).schedules.map((s) => s.name);
        expect(otherDay).to.include.members(before);
        expect(otherDay).to.have.length(before.length * 2);
        // 21:00Z the same day: its spans overlap the small night's, so it joins them under the first fixture's stem
        // (its larger audience and later end change the calls, so the names' hashes and the reset's time change).
        const sameDay = reservationsAt(matchdayPlan([SMALL, fixture("Late game", "2027-05-04T21:00:00Z", 200_000)]), LONG_BEFORE);
        expect(sameDay.schedules.map((s) => baseName(s.name))).to.have.members(before.map(baseName));
        expect(sameDay.loadBalancer[0].fixtures).to.deep.equal(["Small night", "Late game"]);
    });

    it("a change of units renames the request, not the reset; a new instance type renames the creates", () => {
        const names = (viewers: number, options = BOTH) =>
            reservationsAt(matchdayPlan([fixture("Small night", "2027-05-04T19:00:00Z", viewers)]), LONG_BEFORE, options).schedules;
        const small = names(40_000, lcuOnly);
        // 50 000 viewers: 60 GB/h x 1.2 x 3 / 2 = 108 LCU (40 000: 87).
        const larger = names(50_000, lcuOnly);
        expect(larger.map((s) => s.kind === "lcu-request" && s.capacityUnits)).to.deep.equal([108, false]);
        expect(baseName(larger[0].name)).to.equal(baseName(small[0].name));
        expect(larger[0].name).to.not.equal(small[0].name);
        expect(larger[1].name).to.equal(small[1].name);
        const typed = names(40_000, { instances: { leadHours: 3, instanceType: "c7g.xlarge" } });
        const untyped = names(40_000, odcrOnly);
        typed.forEach((s, i) => {
            expect(baseName(s.name)).to.equal(baseName(untyped[i].name));
            expect(s.name).to.not.equal(untyped[i].name);
        });
    });

    it("a 200-character fixture name: every name at most 64 characters of [0-9a-zA-Z-_.], cut stems ending in the name's hash", () => {
        const long = "Quarter-final ".repeat(14) + "last";
        expect(long).to.have.length(200);
        const r = reservationsAt(matchdayPlan([fixture(long, "2027-05-04T19:00:00Z", 40_000)]), LONG_BEFORE);
        // Stem room: 64 - "lcu-request-" (12) - "-<YYYYMMDDhhmm>-<6 hex>" (20) = 32; the cut keeps 32 - 9 ("-" + 8 hex) = 23
        // characters: "quarter-final-" (14) + "quarter-f" (9).
        const stem = `quarter-final-quarter-f-${stableHash(long)}`;
        expect(stem).to.have.length(32);
        expect(r.schedules.map((s) => baseName(s.name))).to.deep.equal([`odcr-${stem}-z0`, `odcr-${stem}-z1`, `odcr-${stem}-z2`, `lcu-request-${stem}`, `lcu-reset-${stem}`]);
        for (const s of r.schedules) expect(s.name).to.match(/^[0-9a-zA-Z\-_.]{1,64}$/);
        // The longest: 12 + 32 + 1 + 12 + 1 + 6 = 64.
        expect(r.schedules[3].name).to.have.length(64);
        for (const s of r.schedules) if (s.kind === "odcr-create") expect(s.clientToken.length).to.be.at.most(64);
    });
});

describe("reservation plan: what a deploy at now declares", () => {
    const plan = matchdayPlan([SMALL]);
    const view = (r: ReservationPlan) => r.schedules.map((s) => [baseName(s.name), s.at, s.kind === "lcu-request" ? s.capacityUnits : s.kind === "odcr-create" ? s.instanceCount : "-"]);
    const planned = reservationsAt(plan, LONG_BEFORE);
    /** The name a schedule had long before (its base name: `lcu-request-small-night`). */
    const plannedName = (base: string) => planned.schedules.find((s) => baseName(s.name) === base)!.name;

    it("long before: every schedule at its planned time, in time order, `at` in UTC without a zone", () => {
        expect(view(planned)).to.deep.equal([
            ["odcr-small-night-z0", "2027-05-04T14:50:00", 12],
            ["odcr-small-night-z1", "2027-05-04T14:50:00", 12],
            ["odcr-small-night-z2", "2027-05-04T14:50:00", 12],
            ["lcu-request-small-night", "2027-05-04T15:50:00", 87],
            ["lcu-reset-small-night", "2027-05-04T22:15:00", "-"],
        ]);
        expect(planned.notes).to.deep.equal([]);
    });

    it("more than 5 minutes ahead: the planned time; closer (too close for pulumi up): the catch-up time, under the planned name, without a late note", () => {
        // 15:44:00 -> next whole minute 15:44 + 5 = 15:49, before 15:50: as planned.
        expect(view(reservationsAt(plan, new Date("2027-05-04T15:44:00Z"), lcuOnly))[0]).to.deep.equal(["lcu-request-small-night", "2027-05-04T15:50:00", 87]);
        // 15:46:30 -> 15:47 + 5 = 15:52 >= 15:50: declared at 15:52 (a schedule created at 15:49 for 15:50 might be created after its time).
        const close = reservationsAt(plan, new Date("2027-05-04T15:46:30Z"), lcuOnly);
        expect(view(close)[0]).to.deep.equal(["lcu-request-small-night", "2027-05-04T15:52:00", 87]);
        expect(close.schedules[0].name).to.equal(plannedName("lcu-request-small-night"));
        expect(close.notes).to.deep.equal([]);
    });

    it("a late deploy: request and creates caught up at the next whole minute + 5, the same names, units and tokens, notes saying how late", () => {
        // 16:00:30 -> next whole minute 16:01 -> + 5 = 16:06. Pre-warm 17:50: 104 minutes later, not 2 h (LCU) or 3 h (instances).
        const r = reservationsAt(plan, new Date("2027-05-04T16:00:30Z"));
        // Same time: by name.
        expect(view(r)).to.deep.equal([
            ["lcu-request-small-night", "2027-05-04T16:06:00", 87],
            ["odcr-small-night-z0", "2027-05-04T16:06:00", 12],
            ["odcr-small-night-z1", "2027-05-04T16:06:00", 12],
            ["odcr-small-night-z2", "2027-05-04T16:06:00", 12],
            ["lcu-reset-small-night", "2027-05-04T22:15:00", "-"],
        ]);
        // The names are the planned ones: a schedule the first deploy created keeps its time and is not called again.
        expect(r.schedules.map((s) => s.name)).to.have.members(planned.schedules.map((s) => s.name));
        expect(r.notes).to.have.length(2);
        expect(r.notes[0]).to.match(
            /^late LCU request lcu-small-night: planned at 2027-05-04 15:50Z, before this deploy .*; a schedule that does not exist yet is created for 2027-05-04 16:06Z, 104 minutes before the pre-warm at 2027-05-04 17:50Z instead of 2 h: AWS may take hours to provision\. One that exists keeps its time and is not called again/,
        );
        expect(r.notes[0]).to.contain("same 87 LCU");
        expect(r.notes[1]).to.match(/^late instance reservation odcr-small-night: planned at 2027-05-04 14:50Z, .*created for 2027-05-04 16:06Z, 104 minutes before the pre-warm at 2027-05-04 17:50Z instead of 3 h; one that exists keeps its time and is not called again\. Same ClientToken/);
        expect(r.notes[1]).to.contain("cancel it with aws ec2 cancel-capacity-reservation");
    });

    it("a late deploy on a whole minute: that minute + 5", () => {
        const r = reservationsAt(plan, new Date("2027-05-04T16:00:00Z"), lcuOnly);
        expect(view(r)[0]).to.deep.equal(["lcu-request-small-night", "2027-05-04T16:05:00", 87]);
    });

    it("a deploy after the pre-warm still catches up, and says it is after the pre-warm", () => {
        // 17:55 -> 18:00, 10 minutes after the 17:50 pre-warm; the reset at 22:15 is 255 minutes later (>= 240).
        const r = reservationsAt(plan, new Date("2027-05-04T17:55:00Z"), lcuOnly);
        expect(view(r)[0]).to.deep.equal(["lcu-request-small-night", "2027-05-04T18:00:00", 87]);
        expect(r.notes[0]).to.contain("10 minutes after the pre-warm");
    });

    it(`an LCU catch-up less than ${CATCH_UP_MIN_HOLD_MINUTES} minutes (4 h) before the reset is not made: the request is left out, the reset kept`, () => {
        // 18:10 -> catch-up 18:15, 240 minutes before the 22:15 reset: made.
        expect(view(reservationsAt(plan, new Date("2027-05-04T18:10:00Z"), lcuOnly))[0]).to.deep.equal(["lcu-request-small-night", "2027-05-04T18:15:00", 87]);
        // 18:11 -> 18:16, 239 minutes: not made. The instances' catch-up (18:16, 239 >= 60 minutes before their end) is.
        const r = reservationsAt(plan, new Date("2027-05-04T18:11:00Z"));
        expect(view(r)).to.deep.equal([
            ["odcr-small-night-z0", "2027-05-04T18:16:00", 12],
            ["odcr-small-night-z1", "2027-05-04T18:16:00", 12],
            ["odcr-small-night-z2", "2027-05-04T18:16:00", 12],
            ["lcu-reset-small-night", "2027-05-04T22:15:00", "-"],
        ]);
        expect(r.notes.join("\n")).to.contain("LCU request lcu-small-night planned at 2027-05-04 15:50Z is past and its reset at 2027-05-04 22:15Z is less than 4 h after a catch-up: not requested now");
    });

    it(`an instance catch-up less than ${ODCR_CATCH_UP_MIN_HOLD_MINUTES} minutes before the end is not made: the creates are left out`, () => {
        // 21:10 -> 21:15, 60 minutes before the 22:15 end: made.
        expect(view(reservationsAt(plan, new Date("2027-05-04T21:10:00Z"), odcrOnly))[0]).to.deep.equal(["odcr-small-night-z0", "2027-05-04T21:15:00", 12]);
        // 21:11 -> 21:16, 59 minutes: not made; only the reset is left.
        const r = reservationsAt(plan, new Date("2027-05-04T21:11:00Z"));
        expect(view(r)).to.deep.equal([["lcu-reset-small-night", "2027-05-04T22:15:00", "-"]]);
        expect(r.notes.join("\n")).to.contain("not requested now");
        expect(r.notes.join("\n")).to.contain("instance reservation odcr-small-night planned at 2027-05-04 14:50Z is past and its end at 2027-05-04 22:15Z is less than 60 minutes after a catch-up: not created now");
    });

    it("a reset within 5 minutes of the deploy: the catch-up time, under its planned name (used only if the schedule is new)", () => {
        // 22:12 -> 22:12 + 5 = 22:17 >= 22:15.
        const r = reservationsAt(plan, new Date("2027-05-04T22:12:00Z"), lcuOnly);
        expect(r.schedules.map((s) => [s.name, s.at])).to.deep.equal([[plannedName("lcu-reset-small-night"), "2027-05-04T22:17:00"]]);
    });

    it(`a reservation stays declared ${END_GRACE_MINUTES} minutes past its end (the reset may run a minute late), then is left out with a note`, () => {
        // 22:19:59 -> 22:20 + 5 = 22:25: the request is left out (far too late), the reset kept under its name.
        const within = reservationsAt(plan, new Date("2027-05-04T22:19:59Z"), lcuOnly);
        expect(within.schedules.map((s) => [s.name, s.at])).to.deep.equal([[plannedName("lcu-reset-small-night"), "2027-05-04T22:25:00"]]);
        const after = reservationsAt(plan, new Date("2027-05-04T22:20:00Z"));
        expect(after.schedules).to.deep.equal([]);
        expect(after.loadBalancer).to.have.length(1);
        expect(after.notes).to.deep.equal([
            'LCU reservation lcu-small-night for "Small night" ended at 2027-05-04 22:15Z, before this deploy (2027-05-04 22:20Z): left out',
            'instance reservation odcr-small-night for "Small night" ended at 2027-05-04 22:15Z, before this deploy (2027-05-04 22:20Z): left out',
        ]);
    });

    it("a deploy after the first of a day's windows plans the day as before: a pruned fixture never splits a reservation", () => {
        const day = matchdayPlan([
            fixture("Morning", "2027-06-01T06:00:00Z", 40_000),
            fixture("Afternoon", "2027-06-01T13:00:00Z", 40_000),
            fixture("Evening", "2027-06-01T20:00:00Z", 40_000),
        ]);
        const early = reservationsAt(day, LONG_BEFORE, lcuOnly);
        // After the afternoon's release (16:15) the afternoon fixture is past for the capacity schedule;
        // the reservation of afternoon + evening still resets only at 23:15 (6 h 10 after the 17:05 catch-up).
        const later = reservationsAt(day, new Date("2027-06-01T17:00:00Z"), lcuOnly);
        expect(later.loadBalancer).to.deep.equal(early.loadBalancer);
        expect(later.schedules.map((s) => [baseName(s.name), s.at])).to.deep.equal([
            ["lcu-request-afternoon", "2027-06-01T17:05:00"],
            ["lcu-reset-afternoon", "2027-06-01T23:15:00"],
        ]);
        expect(later.schedules.map((s) => s.name)).to.deep.equal(early.schedules.filter((s) => s.name.includes("afternoon")).map((s) => s.name));
    });

    it("notes show the display zone next to UTC", () => {
        const now = new Date("2027-05-04T16:00:30Z");
        const r = planReservations({ plan, schedule: planCapacitySchedule(plan, now), options: lcuOnly, now, displayTimeZone: "Asia/Seoul", stack: "matchday" });
        expect(r.notes[0]).to.contain("2027-05-04 15:50Z (2027-05-05 00:50 UTC+09:00)");
    });
});
