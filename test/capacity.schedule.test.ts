import { expect } from "chai";
import { CapacityPlanInput, checkCapacityPlan, Fixture, FixtureProblem, formatFixtureProblems, parseFixtures } from "../stacks/capacity/fixtures";
import { CONFIG_KEY_NAMES } from "../stacks/config/matchday";
import { activeFloorAt, MAX_SCHEDULED_ACTIONS, planCapacitySchedule, requiredInstances } from "../stacks/capacity/schedule";
import { parseKickoff } from "../stacks/capacity/kickoffTime";

const MINUTE = 60_000;

/** A valid plan: 3 zones, 2 000 viewers per instance, 20 % headroom, 60 min lead, 165 + 30 min hold. */
function plan(fixtures: Fixture[], over: Partial<CapacityPlanInput> = {}): CapacityPlanInput {
    return {
        fixtures,
        viewersPerInstance: 2000,
        headroomPercent: 20,
        preWarmLeadMinutes: 60,
        matchWindowMinutes: 165,
        releaseDelayMinutes: 30,
        availabilityZoneCount: 3,
        baselineMinSize: 6,
        groupMaxSize: 400,
        ...over,
    };
}

const r16: Fixture = { name: "UCL round of 16 second leg", kickoff: "2027-04-15T04:00:00+09:00", expectedPeakViewers: 140_000 };
const NOW = new Date("2027-04-01T00:00:00Z");

/**
 * The floor profile of these plans (lead 60, hold 165 + 30, 20 % headroom, no target),
 * as shares of a fixture's planned viewers: pre-warm at -60 for 73/300 (the build-up at
 * -31 minutes), -40 for 103/300 (at -16), -25 for 0.65 (at -6), the full floor at -15,
 * the early release at +125 to 100/120, and the release at +195. Floors by hand,
 * need = ceil(viewers x share x 1.2 / 2 000), floor = ceil(need x 3 / 2), at least 6:
 *
 * | viewers | -60 | -40 | -25 | -15 | +125 |
 * |---|---|---|---|---|---|
 * | 40 000 | 6 -> 9 | 9 -> 14 | 16 -> 24 | 24 -> 36 | 20 -> 30 |
 * | 140 000 | 21 -> 32 | 29 -> 44 | 55 -> 83 | 84 -> 126 | 70 -> 105 |
 * | 200 000 | 30 -> 45 | 42 -> 63 | 78 -> 117 | 120 -> 180 | 100 -> 150 |
 */
const KINDS = ["prewarm", "rampup1", "rampup2", "kickoff", "fulltime", "release"];
const R16_NAMES = KINDS.map((k) => `${k}-ucl-round-of-16-second-leg`);

/** The problems for one fixture and key; fails unless there is exactly one. */
function problemFor(problems: FixtureProblem[], fixture: string, key: string): FixtureProblem {
    const found = problems.filter((p) => p.fixture === fixture && p.key === key);
    expect(found, `problems for ${fixture} / ${key} in ${JSON.stringify(problems)}`).to.have.length(1);
    return found[0];
}

describe("capacity schedule", () => {
    describe("requiredInstances: N+1 zone sizing", () => {
        it("covers the planned peak with headroom, then adds a zone's worth: 140 000 viewers need 84, floor 126 over 3 zones", () => {
            expect(requiredInstances(140_000, 1, 2000, 20, 3)).to.equal(126);
            expect(requiredInstances(140_000, 1, 2000, 20, 2)).to.equal(168);
            expect(requiredInstances(140_000, 2.5, 2000, 0, 3)).to.equal(263); // need 175
        });

        it("survives the loss of any one zone with even spreading, and is the smallest number that does", () => {
            for (let az = 2; az <= 6; az++) {
                for (let need = 0; need <= 300; need++) {
                    const floor = requiredInstances(need * 1000, 1, 1000, 0, az);
                    const afterLosingLargestZone = (n: number) => n - Math.ceil(n / az);
                    expect(afterLosingLargestZone(floor), `az ${az}, need ${need}`).to.be.at.least(need);
                    if (floor > 0) expect(afterLosingLargestZone(floor - 1), `az ${az}, need ${need}: floor - 1`).to.be.below(need);
                }
            }
        });

        it("ignores floating-point dust: 100 000 x 1.2 / 1 000 is 120, not 121", () => {
            expect(requiredInstances(100_000, 1.2, 1000, 0, 2)).to.equal(240);
            expect(requiredInstances(100_000, 1, 1000, 20, 2)).to.equal(240);
        });

        it("refuses arguments it cannot size", () => {
            expect(() => requiredInstances(1000, 1, 0, 20, 3)).to.throw(RangeError, "viewersPerInstance");
            expect(() => requiredInstances(1000, 1, 100, 20, 1)).to.throw(RangeError, "availabilityZoneCount");
        });
    });

    describe("planCapacitySchedule", () => {
        it("emits times in UTC with second precision from offset kickoffs", () => {
            // Kickoff 2027-04-14T19:00Z: -60, -40, -25, -15, +125, +195 minutes.
            const s = planCapacitySchedule(plan([r16]), NOW);
            expect(s.actions.map((a) => [a.name, a.startTime])).to.deep.equal([
                ["prewarm-ucl-round-of-16-second-leg", "2027-04-14T18:00:00Z"],
                ["rampup1-ucl-round-of-16-second-leg", "2027-04-14T18:20:00Z"],
                ["rampup2-ucl-round-of-16-second-leg", "2027-04-14T18:35:00Z"],
                ["kickoff-ucl-round-of-16-second-leg", "2027-04-14T18:45:00Z"],
                ["fulltime-ucl-round-of-16-second-leg", "2027-04-14T21:05:00Z"],
                ["release-ucl-round-of-16-second-leg", "2027-04-14T22:15:00Z"],
            ]);
            const other = planCapacitySchedule(plan([
                { name: "Copa", kickoff: "2027-04-20T21:30:15.750-03:00", expectedPeakViewers: 40_000 },
                { name: "Utc", kickoff: "2027-04-22T19:00Z", expectedPeakViewers: 40_000 },
            ]), NOW);
            // Copa kicks off 2027-04-21T00:30:15.750Z; its times keep the whole second.
            expect(other.actions.map((a) => a.startTime)).to.deep.equal([
                "2027-04-20T23:30:15Z", "2027-04-20T23:50:15Z", "2027-04-21T00:05:15Z", "2027-04-21T00:15:15Z", "2027-04-21T02:35:15Z", "2027-04-21T03:45:15Z",
                "2027-04-22T18:00:00Z", "2027-04-22T18:20:00Z", "2027-04-22T18:35:00Z", "2027-04-22T18:45:00Z", "2027-04-22T21:05:00Z", "2027-04-22T22:15:00Z",
            ]);
            for (const a of [...s.actions, ...other.actions]) expect(a.startTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        });

        it("sets only minSize: max and desired are always \"unchanged\" (AWS reads an omitted size as 0)", () => {
            const s = planCapacitySchedule(plan([r16, { name: "final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 }]), NOW);
            expect(s.actions).to.have.length(12);
            for (const a of s.actions) {
                expect(a.maxSize, a.name).to.equal("unchanged");
                expect(a.desiredCapacity, a.name).to.equal("unchanged");
            }
            expect(s.actions.map((a) => [a.name, a.minSize])).to.deep.equal([
                ["prewarm-ucl-round-of-16-second-leg", 32],
                ["rampup1-ucl-round-of-16-second-leg", 44],
                ["rampup2-ucl-round-of-16-second-leg", 83],
                ["kickoff-ucl-round-of-16-second-leg", 126],
                ["fulltime-ucl-round-of-16-second-leg", 105],
                ["release-ucl-round-of-16-second-leg", 6],
                ["prewarm-final", 45],
                ["rampup1-final", 63],
                ["rampup2-final", 117],
                ["kickoff-final", 180],
                ["fulltime-final", 150],
                ["release-final", 6],
            ]);
            expect(s.windows.map((w) => w.minSize)).to.deep.equal([126, 180]);
        });

        it("never lowers the minimum below the baseline for a small match", () => {
            const s = planCapacitySchedule(plan([{ name: "friendly", kickoff: "2027-04-10T20:00:00Z", expectedPeakViewers: 500 }], { baselineMinSize: 8 }), NOW);
            expect(s.windows[0].minSize).to.equal(8);
            expect(s.windows[0].steps.map((st) => [st.at.toISOString(), st.minSize, st.fixtures])).to.deep.equal([["2027-04-10T19:00:00.000Z", 8, ["friendly"]]]);
            // Every step is at the baseline the group already has: no action, and a note saying why.
            expect(s.actions).to.deep.equal([]);
            expect(s.notes).to.deep.equal([
                '"friendly" (kickoff 2027-04-10 20:00Z (2027-04-11 05:00 UTC+09:00)): the baseline minimum 8 already covers the planned audience, so nothing is scheduled',
            ]);
        });

        it("prunes fixtures whose window has fully passed, lists them, and notes each", () => {
            const past: Fixture = { name: "leg 1", kickoff: "2027-03-10T20:00:00Z", expectedPeakViewers: 56_000 };
            const s = planCapacitySchedule(plan([past, r16]), NOW);
            expect(s.windows.map((w) => w.fixtures)).to.deep.equal([[r16.name]]);
            expect(s.actions.some((a) => a.name.includes("leg-1"))).to.equal(false);
            expect(s.pastFixtures.map((f) => [f.name, f.kickoff.toISOString(), f.releaseAt.toISOString()])).to.deep.equal([
                ["leg 1", "2027-03-10T20:00:00.000Z", "2027-03-10T23:15:00.000Z"],
            ]);
            expect(s.notes.filter((n) => n.startsWith("past fixture"))).to.have.length(1);
            // UTC and the display zone (Seoul by default, UTC+9).
            expect(s.notes[0]).to.contain("past fixture \"leg 1\"").and.contain("2027-03-10 23:15Z (2027-03-11 08:15");
            expect(planCapacitySchedule(plan([past]), NOW, { displayTimeZone: "Europe/Paris" }).notes[0]).to.contain("2027-03-10 23:15Z (2027-03-11 00:15");
            // A window that ends exactly now has passed; one that ends a millisecond later has not.
            const endsNow = new Date(Date.parse("2027-03-10T23:15:00Z"));
            expect(planCapacitySchedule(plan([past]), endsNow).windows).to.have.length(0);
            expect(planCapacitySchedule(plan([past]), endsNow).pastFixtures).to.have.length(1);
            const justBefore = planCapacitySchedule(plan([past]), new Date(endsNow.getTime() - 1));
            expect(justBefore.windows).to.have.length(1);
            expect(justBefore.actions.map((a) => a.name)).to.deep.equal(["release-leg-1"]);
        });

        it("adds up the audiences of overlapping matches step by step, with an action per fixture point, named after it, at a start time of its own", () => {
            // Lead 60, hold 165 + 30: early 16:00-20:15, late 18:00-22:15 (UTC).
            const early: Fixture = { name: "early match", kickoff: "2027-04-14T17:00:00Z", expectedPeakViewers: 40_000 };
            const late: Fixture = { name: "late match", kickoff: "2027-04-14T19:00:00Z", expectedPeakViewers: 140_000 };
            const s = planCapacitySchedule(plan([late, early]), NOW);
            expect(s.windows).to.have.length(1);
            expect(s.windows[0].fixtures).to.deep.equal(["early match", "late match"]);
            expect(s.windows[0].kickoff.toISOString()).to.equal("2027-04-14T17:00:00.000Z");
            // While both are on, early's full 40 000 plus late's share of 140 000 (see the table above):
            // 18:00 40 000 + 34 067 -> need 45, 68; 18:20 + 48 067 -> 53, 80; 18:35 + 91 000 -> 79, 119;
            // 18:45 180 000 -> 108, 162; 19:05 early's early release 33 333 + 140 000 -> 104, 156.
            expect(s.windows[0].minSize).to.equal(162);
            expect(s.actions.map((a) => [a.name, a.startTime, a.previousMinSize, a.minSize])).to.deep.equal([
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 6, 9],
                ["rampup1-early-match", "2027-04-14T16:20:00Z", 9, 14],
                ["rampup2-early-match", "2027-04-14T16:35:00Z", 14, 24],
                ["kickoff-early-match", "2027-04-14T16:45:00Z", 24, 36],
                ["prewarm-late-match", "2027-04-14T18:00:00Z", 36, 68],
                ["rampup1-late-match", "2027-04-14T18:20:00Z", 68, 80],
                ["rampup2-late-match", "2027-04-14T18:35:00Z", 80, 119],
                ["kickoff-late-match", "2027-04-14T18:45:00Z", 119, 162],
                ["fulltime-early-match", "2027-04-14T19:05:00Z", 162, 156],
                ["release-early-match", "2027-04-14T20:15:00Z", 156, 126],
                ["fulltime-late-match", "2027-04-14T21:05:00Z", 126, 105],
                ["release-late-match", "2027-04-14T22:15:00Z", 105, 6],
            ]);
            expect(s.notes.filter((n) => n.startsWith("concurrent"))).to.have.length(1);
            expect(s.notes.find((n) => n.startsWith("concurrent"))).to.contain("add up").and.contain("min up to 162");
            expect(s.notes.some((n) => n.startsWith("back to back"))).to.equal(false);
            expect(activeFloorAt(s, new Date("2027-04-14T18:50:00Z"))).to.equal(162);
            expect(activeFloorAt(s, new Date("2027-04-14T19:30:00Z"))).to.equal(156);
            expect(activeFloorAt(s, new Date("2027-04-14T21:00:00Z"))).to.equal(126);

            // Adding the later match renames none of the early match's actions (a renamed action is replaced).
            const alone = planCapacitySchedule(plan([early]), NOW);
            expect(alone.actions.map((a) => a.name)).to.deep.equal(KINDS.map((k) => `${k}-early-match`));
            for (const a of alone.actions) expect(s.actions.map((x) => x.name)).to.include(a.name);

            // Touching: the second pre-warms exactly when the first releases (20:15): one window, "back to back".
            // Each point keeps its own action. Touching's pre-warm raises its share, so it keeps 20:15; early's release
            // lowers its share, so it moves a minute later, to 20:16. For that minute the floor holds both (early's
            // early-release share and touching's pre-warm), then goes down to touching's: it never dips between them.
            // 20:15 33 333 + 9 733 = 43 067 -> need 26, floor 39; 20:16 9 733 -> 6, 9.
            const touching: Fixture = { name: "touching", kickoff: "2027-04-14T21:15:00Z", expectedPeakViewers: 40_000 };
            const earlyUntilTouch: [string, string, number][] = [
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 9],
                ["rampup1-early-match", "2027-04-14T16:20:00Z", 14],
                ["rampup2-early-match", "2027-04-14T16:35:00Z", 24],
                ["kickoff-early-match", "2027-04-14T16:45:00Z", 36],
                ["fulltime-early-match", "2027-04-14T19:05:00Z", 30],
            ];
            const t = planCapacitySchedule(plan([early, touching]), NOW);
            expect(t.windows).to.have.length(1);
            expect(t.windows[0].preWarmAt.toISOString()).to.equal("2027-04-14T16:00:00.000Z");
            expect(t.windows[0].releaseAt.toISOString()).to.equal("2027-04-15T00:30:00.000Z");
            expect(t.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ...earlyUntilTouch,
                ["prewarm-touching", "2027-04-14T20:15:00Z", 39],
                ["release-early-match", "2027-04-14T20:16:00Z", 9],
                ["rampup1-touching", "2027-04-14T20:35:00Z", 14],
                ["rampup2-touching", "2027-04-14T20:50:00Z", 24],
                ["kickoff-touching", "2027-04-14T21:00:00Z", 36],
                ["fulltime-touching", "2027-04-14T23:20:00Z", 30],
                ["release-touching", "2027-04-15T00:30:00Z", 6],
            ]);
            // Early's release is no longer the window's last, so it goes down to touching's floor, not to the baseline.
            expect(t.actions[6].reason).to.equal('release after "early match": min down to 9 for "touching"');
            expect(t.actions[5].reason).to.equal('pre-warm "touching", with "early match" on: min 39 for the build-up until its next step serves, even with one of 3 zones lost');
            expect(t.notes).to.deep.equal([
                'back to back "early match" and "touching": one release is the next pre-warm, so they form one window ' +
                    "2027-04-14 16:00Z (2027-04-15 01:00 UTC+09:00) to 2027-04-15 00:30Z (2027-04-15 09:30 UTC+09:00)",
            ]);
            // 135 000 viewers: at 20:15 early's 33 333 + 32 850 = 66 183 -> need 40, floor 60; at 20:16 32 850 -> 20, 30
            // (exactly early's early-release floor: the old order went 30, 6, 30 here).
            // Then 46 350 -> 28, 42; 87 750 -> 53, 80; 135 000 -> 81, 122; 112 500 -> 68, 102.
            const equal = planCapacitySchedule(plan([early, { ...touching, expectedPeakViewers: 135_000 }]), NOW);
            expect(equal.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ...earlyUntilTouch,
                ["prewarm-touching", "2027-04-14T20:15:00Z", 60],
                ["release-early-match", "2027-04-14T20:16:00Z", 30],
                ["rampup1-touching", "2027-04-14T20:35:00Z", 42],
                ["rampup2-touching", "2027-04-14T20:50:00Z", 80],
                ["kickoff-touching", "2027-04-14T21:00:00Z", 122],
                ["fulltime-touching", "2027-04-14T23:20:00Z", 102],
                ["release-touching", "2027-04-15T00:30:00Z", 6],
            ]);
            // A bigger match touching: 20:15 33 333 + 34 067 = 67 400 -> need 41, floor 62; 20:16 34 067 -> 21, 32.
            const bigger = planCapacitySchedule(plan([early, { ...touching, expectedPeakViewers: 140_000 }]), NOW);
            expect(bigger.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ...earlyUntilTouch,
                ["prewarm-touching", "2027-04-14T20:15:00Z", 62],
                ["release-early-match", "2027-04-14T20:16:00Z", 32],
                ["rampup1-touching", "2027-04-14T20:35:00Z", 44],
                ["rampup2-touching", "2027-04-14T20:50:00Z", 83],
                ["kickoff-touching", "2027-04-14T21:00:00Z", 126],
                ["fulltime-touching", "2027-04-14T23:20:00Z", 105],
                ["release-touching", "2027-04-15T00:30:00Z", 6],
            ]);
            for (const sched of [equal, bigger]) expect(sched.notes.map((n) => n.split(":")[0])).to.deep.equal(['back to back "early match" and "touching"']);
            // The floor between them, minute by minute: never below early's 30 until touching's own floor takes over.
            expect(activeFloorAt(equal, new Date("2027-04-14T20:14:59.999Z"))).to.equal(30);
            expect(activeFloorAt(equal, new Date("2027-04-14T20:15:00Z"))).to.equal(60);
            expect(activeFloorAt(equal, new Date("2027-04-14T20:16:00Z"))).to.equal(30);
            // A minute later they stay apart.
            const apart: Fixture = { ...touching, kickoff: "2027-04-14T21:16:00Z" };
            expect(planCapacitySchedule(plan([early, apart]), NOW).windows).to.have.length(2);

            // Same kickoff: one action per point of each fixture ("early match" sorts before "twin", so it keeps each
            // instant). Twin's steps up (pre-warm, ramp-ups, full floor) move a minute earlier, its steps down (early
            // release, release) a minute later; each is sized for both. 40 000 each, shares of 40 000 as in the table:
            // 15:59 9 733 -> need 6, 9; 16:00 19 467 -> 12, 18; 16:19 23 467 -> 15, 23; 16:20 27 467 -> 17, 26;
            // 16:34 39 733 -> 24, 36; 16:35 52 000 -> 32, 48; 16:44 66 000 -> 40, 60; 16:45 80 000 -> 48, 72;
            // 19:05 73 333 -> 44, 66; 19:06 66 667 -> 40, 60; 20:15 33 333 -> 20, 30; 20:16 the baseline.
            const twin: Fixture = { name: "twin", kickoff: early.kickoff, expectedPeakViewers: 40_000 };
            const twins = planCapacitySchedule(plan([twin, early]), NOW);
            expect(twins.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ["prewarm-twin", "2027-04-14T15:59:00Z", 9],
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 18],
                ["rampup1-twin", "2027-04-14T16:19:00Z", 23],
                ["rampup1-early-match", "2027-04-14T16:20:00Z", 26],
                ["rampup2-twin", "2027-04-14T16:34:00Z", 36],
                ["rampup2-early-match", "2027-04-14T16:35:00Z", 48],
                ["kickoff-twin", "2027-04-14T16:44:00Z", 60],
                ["kickoff-early-match", "2027-04-14T16:45:00Z", 72],
                ["fulltime-early-match", "2027-04-14T19:05:00Z", 66],
                ["fulltime-twin", "2027-04-14T19:06:00Z", 60],
                ["release-early-match", "2027-04-14T20:15:00Z", 30],
                ["release-twin", "2027-04-14T20:16:00Z", 6],
            ]);
            // The window starts at its earliest point, a minute before the planned pre-warm, and ends at its last.
            expect(twins.windows[0].preWarmAt.toISOString()).to.equal("2027-04-14T15:59:00.000Z");
            expect(twins.windows[0].releaseAt.toISOString()).to.equal("2027-04-14T20:16:00.000Z");
            expect(twins.actions.at(-1)!.reason).to.equal('release after "twin": min back to the baseline 6; target tracking scales in as viewers leave');
            for (const sched of [s, t, equal, bigger, twins]) {
                expect(new Set(sched.actions.map((a) => a.startTime)).size, "start times").to.equal(sched.actions.length);
                expect(new Set(sched.actions.map((a) => a.name)).size, "names").to.equal(sched.actions.length);
            }
        });

        it("keeps the earliest windows within 125 actions and defers the rest with a note each", () => {
            const fixtures: Fixture[] = Array.from({ length: 70 }, (_, i) => ({
                name: `match ${String(i).padStart(2, "0")}`,
                kickoff: new Date(Date.parse("2027-04-02T19:00:00Z") + i * 24 * 60 * MINUTE).toISOString(),
                expectedPeakViewers: 40_000,
            }));
            // Six actions a night (pre-warm, two ramp-ups, kickoff, early release, release): 20 nights use 120,
            // and a 21st would need 126.
            const s = planCapacitySchedule(plan([...fixtures].reverse()), NOW);
            expect(MAX_SCHEDULED_ACTIONS).to.equal(125);
            expect(s.actions).to.have.length(120);
            expect(s.windows.map((w) => w.fixtures[0])).to.deep.equal(fixtures.slice(0, 20).map((f) => f.name));
            expect(s.actions.slice(0, 6).map((a) => a.name)).to.deep.equal(KINDS.map((k) => `${k}-match-00`));
            expect(s.actions.at(-1)?.name).to.equal("release-match-19");
            const deferred = s.notes.filter((n) => n.startsWith("deferred"));
            expect(deferred).to.have.length(50);
            expect(deferred[0]).to.match(/^deferred "match 20" \(kickoff 2027-04-22 19:00Z .*the earlier windows use 120;/);

            // With the first night's pre-warm passed (kickoff - 45), it costs 5 actions (its first ramp-up is
            // 5 minutes away): 5 + 20 x 6 = 125, so one more window fits exactly.
            const kickoff0 = Date.parse("2027-04-02T19:00:00Z");
            const s2 = planCapacitySchedule(plan(fixtures), new Date(kickoff0 - 45 * MINUTE));
            expect(s2.actions).to.have.length(125);
            expect(s2.actions[0].name).to.equal("rampup1-match-00");
            expect(s2.windows).to.have.length(21);
            expect(s2.notes.find((n) => n.startsWith("deferred"))).to.contain('"match 21"').and.contain("use 125");
            // A little later (kickoff - 35) it costs 4: 124 in all, still 21 windows (a 22nd would need 130).
            const s3 = planCapacitySchedule(plan(fixtures), new Date(kickoff0 - 35 * MINUTE));
            expect(s3.actions).to.have.length(124);
            expect(s3.windows).to.have.length(21);
        });

        it("declares every action still ahead, and the floor of the next minimum lead on the group itself", () => {
            // Kickoff k: floors 32 from k-60, 44 from k-40, 83 from k-25, 126 from k-15, 105 from k+125, 6 at k+195.
            const kickoff = parseKickoff(r16.kickoff)!.getTime();
            const names = (now: number) => planCapacitySchedule(plan([r16]), new Date(now)).actions.map((a) => a.name);
            const floorNow = (now: number, over: Partial<CapacityPlanInput> = {}) => planCapacitySchedule(plan([r16], over), new Date(now)).floorNow;
            // Pre-warm (kickoff - 60) 31 minutes away: every action, nothing declared directly.
            expect(names(kickoff - 91 * MINUTE)).to.deep.equal(R16_NAMES);
            expect(floorNow(kickoff - 91 * MINUTE)).to.equal(undefined);
            // 29 minutes away: the pre-warm stays declared, and its floor is declared now.
            expect(names(kickoff - 89 * MINUTE)).to.deep.equal(R16_NAMES);
            expect(floorNow(kickoff - 89 * MINUTE)).to.equal(32);
            // 5 minutes away: the next 30 minutes reach the first ramp-up (k-40), so its floor is declared.
            expect(names(kickoff - 65 * MINUTE)).to.deep.equal(R16_NAMES);
            expect(floorNow(kickoff - 65 * MINUTE)).to.equal(44);
            // The minimum lead is configurable: 45 minutes makes a pre-warm 31 minutes away direct.
            expect(floorNow(kickoff - 91 * MINUTE, { minimumLeadMinutes: 45 })).to.equal(32);
            // Once a step has passed it is no longer an action; the floor now is the highest of the next 30 minutes.
            const cases: [number, string[], number, number][] = [
                // [minutes before kickoff, actions, floorNow, floor at that instant]
                [59, R16_NAMES.slice(1), 44, 32],
                [30, R16_NAMES.slice(2), 126, 44],
                [-100, R16_NAMES.slice(4), 126, 126],
                [-130, R16_NAMES.slice(5), 105, 105],
            ];
            for (const [m, expected, held, current] of cases) {
                const now = kickoff - m * MINUTE;
                const s = planCapacitySchedule(plan([r16]), new Date(now));
                expect(s.actions.map((a) => a.name), `kickoff ${-m} min`).to.deep.equal(expected);
                expect(s.floorNow, `kickoff ${-m} min`).to.equal(held);
                expect(activeFloorAt(s, new Date(now)), `kickoff ${-m} min`).to.equal(current);
            }
            const late = planCapacitySchedule(plan([r16]), new Date(kickoff - 30 * MINUTE));
            expect(late.notes.find((n) => n.startsWith("late"))).to.contain("30 minutes after this deploy").and.contain("about 25 minutes before kickoff");
            const veryLate = planCapacitySchedule(plan([r16]), new Date(kickoff - 3 * MINUTE));
            expect(veryLate.notes.find((n) => n.startsWith("late"))).to.contain("only after kickoff (about 2 minutes into the match)");
            expect(planCapacitySchedule(plan([r16]), new Date(kickoff + 100 * MINUTE)).notes.some((n) => n.startsWith("in progress"))).to.equal(true);
        });

        it("keeps a release that is closer than the minimum lead, and holds the floor until it runs (a deploy must never drop it)", () => {
            const release = parseKickoff(r16.kickoff)!.getTime() + 195 * MINUTE;
            for (const m of [29, 5, 1]) {
                const s = planCapacitySchedule(plan([r16]), new Date(release - m * MINUTE));
                expect(s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize]), `${m} min before`).to.deep.equal([
                    ["release-ucl-round-of-16-second-leg", "2027-04-14T22:15:00Z", 6, 105],
                ]);
                // The early release's floor (N+1 of 140 000 without headroom) is held until the release runs.
                expect(s.floorNow, `${m} min before`).to.equal(105);
                expect(s.notes.some((n) => n.startsWith("release-ucl-round-of-16-second-leg at ") && n.includes("less than 30 minutes away: kept as declared"))).to.equal(true);
            }
            // At the release itself the window is over: nothing declared, the baseline applies.
            const after = planCapacitySchedule(plan([r16]), new Date(release));
            expect(after.actions).to.deep.equal([]);
            expect(after.floorNow).to.equal(undefined);
        });

        it("keeps an early release that is closer than the minimum lead, and holds the full floor until it runs", () => {
            const early = parseKickoff(r16.kickoff)!.getTime() + 125 * MINUTE;
            const s = planCapacitySchedule(plan([r16]), new Date(early - 10 * MINUTE));
            expect(s.actions.map((a) => [a.name, a.startTime, a.minSize, a.previousMinSize])).to.deep.equal([
                ["fulltime-ucl-round-of-16-second-leg", "2027-04-14T21:05:00Z", 105, 126],
                ["release-ucl-round-of-16-second-leg", "2027-04-14T22:15:00Z", 6, 105],
            ]);
            expect(s.floorNow).to.equal(126);
            expect(s.notes.filter((n) => n.includes("less than 30 minutes away")).map((n) => n.split(" at ")[0])).to.deep.equal(["fulltime-ucl-round-of-16-second-leg"]);
        });

        it("is deterministic: the same fixtures in any order give the same schedule", () => {
            const fixtures: Fixture[] = [
                r16,
                { name: "final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000, surgeFactor: 1.5 },
                { name: "early match", kickoff: "2027-04-14T17:00:00Z", expectedPeakViewers: 40_000 },
                { name: "past", kickoff: "2027-03-01T20:00:00Z", expectedPeakViewers: 40_000 },
                // Same kickoff as "early match": which fixture keeps a shared instant (and which moves a minute away)
                // must not depend on the order.
                { name: "another early match", kickoff: "2027-04-14T17:00:00Z", expectedPeakViewers: 60_000 },
            ];
            const a = planCapacitySchedule(plan(fixtures), NOW);
            expect(a.actions.length).to.be.above(12);
            for (const order of [[2, 0, 3, 1, 4], [4, 3, 2, 1, 0], [1, 4, 0, 2, 3]]) {
                const b = planCapacitySchedule(plan(order.map((i) => fixtures[i])), NOW);
                expect(JSON.stringify(b), order.join(",")).to.equal(JSON.stringify(a));
            }
        });

        it("derives stable, valid action names from fixture names, including long and non-Latin ones", () => {
            const long = "Quarter-final ".repeat(30);
            const s = planCapacitySchedule(plan([
                { name: "Atlético de Madrid v Bayern München", kickoff: "2027-04-10T19:00:00Z", expectedPeakViewers: 40_000 },
                { name: "결승전", kickoff: "2027-04-20T19:00:00Z", expectedPeakViewers: 40_000 },
                { name: long, kickoff: "2027-04-25T19:00:00Z", expectedPeakViewers: 40_000 },
            ]), NOW);
            const names = s.actions.map((a) => a.name);
            expect(names).to.have.length(18);
            expect(names.slice(0, 6)).to.deep.equal(KINDS.map((k) => `${k}-atletico-de-madrid-v-bayern-munchen`));
            expect(names.slice(6, 12)).to.deep.equal(KINDS.map((k) => `${k}-gyeolseungjeon`)); // 결승전, romanised (Revised Romanization)
            for (const n of names) {
                expect(n).to.match(/^[A-Za-z0-9][A-Za-z0-9-]*$/);
                expect(n.length).to.be.at.most(200);
            }
            expect(new Set(names).size).to.equal(names.length);
            names.slice(12).forEach((n, i) => expect(n, KINDS[i]).to.match(new RegExp(`^${KINDS[i]}-quarter-final-quarter-final-.*-6f57ed29$`)));
            expect(planCapacitySchedule(plan([{ name: long, kickoff: "2027-04-25T19:00:00Z", expectedPeakViewers: 40_000 }]), NOW).actions.map((a) => a.name)).to.deep.equal(names.slice(12));
        });

        it("activeFloorAt is undefined outside every window", () => {
            const s = planCapacitySchedule(plan([r16]), NOW);
            expect(activeFloorAt(s, NOW)).to.equal(undefined);
            expect(activeFloorAt(s, s.windows[0].releaseAt)).to.equal(undefined);
            // The last millisecond of the window holds the early release's floor.
            expect(activeFloorAt(s, new Date(s.windows[0].releaseAt.getTime() - 1))).to.equal(105);
            expect(activeFloorAt(s, new Date(s.windows[0].preWarmAt.getTime() - 1))).to.equal(undefined);
            expect(activeFloorAt(s, s.windows[0].preWarmAt)).to.equal(32);
        });
    });

    describe("checkCapacityPlan: pre-flight errors name the fixture and the key", () => {
        it("accepts a valid plan", () => {
            expect(checkCapacityPlan(plan([r16, { name: "final", kickoff: "2027-05-30T04:00:00Z", expectedPeakViewers: 200_000, surgeFactor: 2 }]))).to.deep.equal([]);
        });

        it("a required capacity above the group's maximum", () => {
            const p = problemFor(checkCapacityPlan(plan([r16], { groupMaxSize: 100 }), undefined, undefined, CONFIG_KEY_NAMES), r16.name, "expectedPeakViewers");
            expect(p.value).to.equal("140000");
            expect(p.message).to.contain("needs 126 instances").and.contain("above kgsports:maxSize = 100").and.contain("raise kgsports:maxSize to at least 126");
            expect(p.message).to.not.contain("groupMaxSize");
        });

        it("a kickoff without an offset, an impossible date, or not a time at all", () => {
            const cases: [string, string][] = [
                ["2027-04-07T21:00:00", "no UTC offset"],
                ["2027-04-07 21:00", "no UTC offset"],
                ["2027-02-30T21:00:00+01:00", "not a real date"],
                ["2027-04-07T24:00:00Z", "not a real date"],
                ["2027-04-07T21:00:00+15:00", "not a real date"],
                ["next tuesday 9pm", "not an ISO 8601"],
                // Readable, but not the ISO 8601 way: the message writes it out (the +02:00 checked below).
                ["2027-04-07T21:00:00+0200", "write \"2027-04-07T21:00:00+02:00\""],
            ];
            for (const [kickoff, why] of cases) {
                const p = problemFor(checkCapacityPlan(plan([{ ...r16, kickoff }])), r16.name, "kickoff");
                expect(p.value, kickoff).to.equal(kickoff);
                expect(p.message, kickoff).to.contain(why).and.contain("2027-04-07T21:00:00+02:00");
            }
        });

        it("a fixture without an expected audience", () => {
            for (const bad of [0, -5, 1.5, Number.NaN]) {
                const p = problemFor(checkCapacityPlan(plan([{ ...r16, expectedPeakViewers: bad }])), r16.name, "expectedPeakViewers");
                expect(p.message).to.contain("whole number above 0");
            }
            const missing = { name: r16.name, kickoff: r16.kickoff } as unknown as Fixture;
            expect(problemFor(checkCapacityPlan(plan([missing])), r16.name, "expectedPeakViewers").message).to.contain("required");
        });

        it("a per-instance capacity of zero, for all fixtures", () => {
            const p = problemFor(checkCapacityPlan(plan([r16], { viewersPerInstance: 0 })), "(all)", "viewersPerInstance");
            expect(p.value).to.equal("0");
            expect(p.message).to.contain("above 0");
        });

        it("duplicate fixture names, and names that would give the same action name", () => {
            const dup = checkCapacityPlan(plan([r16, { ...r16, kickoff: "2027-04-16T04:00:00+09:00" }]));
            expect(dup.filter((x) => x.key === "name")).to.have.length(1);
            expect(problemFor(dup, r16.name, "name").message).to.equal(
                'duplicate fixture name: fixtures[0] (kickoff "2027-04-15T04:00:00+09:00") and fixtures[1] (kickoff "2027-04-16T04:00:00+09:00") are both named "UCL round of 16 second leg"; names identify scheduled actions and must be unique: rename one',
            );
            const alike = checkCapacityPlan(plan([
                { name: "Final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 1000 },
                { name: "final!", kickoff: "2027-06-30T04:00:00+09:00", expectedPeakViewers: 1000 },
            ]));
            expect(problemFor(alike, "final!", "name").message).to.contain("same scheduled action name").and.contain("\"Final\"");
        });

        it("a surge factor outside 1 to 10", () => {
            for (const surgeFactor of [0.5, 11, Number.POSITIVE_INFINITY]) {
                expect(problemFor(checkCapacityPlan(plan([{ ...r16, surgeFactor }])), r16.name, "surgeFactor").message).to.contain("from 1 to 10");
            }
        });

        it("fewer than 2 availability zones", () => {
            const p = problemFor(checkCapacityPlan(plan([r16], { availabilityZoneCount: 1 })), "(all)", "availabilityZoneCount");
            expect(p.message).to.contain("loss of one zone");
        });

        it("names an unnamed fixture by its position, and checks the plan-wide timings", () => {
            const unnamed = { kickoff: r16.kickoff, expectedPeakViewers: 1000 } as unknown as Fixture;
            const problems = checkCapacityPlan(plan([r16, r16, r16, unnamed].map((f, i) => (i < 3 ? { ...f, name: `m${i}` } : f)), { matchWindowMinutes: 16.5, baselineMinSize: 500 }));
            expect(problemFor(problems, "fixtures[3]", "name").message).to.contain("required");
            expect(problemFor(problems, "(all)", "matchWindowMinutes").message).to.contain("165");
            expect(problemFor(problems, "(all)", "baselineMinSize").message).to.contain("400");
            expect(formatFixtureProblems(problems)).to.contain("fixture \"fixtures[3]\", name").and.contain("capacity plan, matchWindowMinutes = 16.5:"); // a number, shown unquoted (issue 20)
        });
    });

    describe("parseFixtures: the config value before any check", () => {
        it("reads a list of fixture objects", () => {
            const raw = [
                { name: "a", kickoff: "2027-04-07T21:00:00+02:00", expectedPeakViewers: 40000 },
                { name: "b", kickoff: "2027-04-08T21:00:00+02:00", expectedPeakViewers: 140000, surgeFactor: 1.5 },
            ];
            expect(parseFixtures(raw)).to.deep.equal({ fixtures: raw, problems: [] });
            expect(parseFixtures(undefined)).to.deep.equal({ fixtures: [], problems: [] });
        });

        it("rejects a value that is not a list", () => {
            for (const raw of ["[{name: a}]", { name: "a" }, 3]) {
                const r = parseFixtures(raw);
                expect(r.fixtures).to.deep.equal([]);
                expect(problemFor(r.problems, "(all)", "fixtures").message).to.contain("must be a list");
            }
        });

        it("rejects entries that are not objects, naming their position", () => {
            const r = parseFixtures([{ name: "a", kickoff: "2027-04-07T21:00:00Z", expectedPeakViewers: 1 }, "b", null, [1]]);
            expect(r.fixtures.map((f) => f.name)).to.deep.equal(["a"]);
            expect(problemFor(r.problems, "fixtures[1]", "(fixture)").message).to.contain("got a string");
            expect(problemFor(r.problems, "fixtures[2]", "(fixture)").message).to.contain("got null");
            expect(problemFor(r.problems, "fixtures[3]", "(fixture)").message).to.contain("got a list");
        });

        it("rejects unknown fields with a did-you-mean", () => {
            const r = parseFixtures([{ name: "a", kickof: "2027-04-07T21:00:00Z", expectedPeakViewers: 1, colour: "red" }]);
            expect(r.fixtures).to.deep.equal([]);
            expect(problemFor(r.problems, "a", "kickof").message).to.equal("unknown field; did you mean kickoff?");
            expect(problemFor(r.problems, "a", "colour").message).to.contain("allowed are name, kickoff, expectedPeakViewers, surgeFactor");
            expect(problemFor(r.problems, "a", "kickoff").message).to.contain("required");
        });

        it("rejects wrong types and missing fields", () => {
            const r = parseFixtures([
                { name: "a", kickoff: "2027-04-07T21:00:00Z", expectedPeakViewers: "120000" },
                { name: 7, kickoff: new Date("2027-04-07T21:00:00Z"), expectedPeakViewers: 1, surgeFactor: "2" },
                { kickoff: "2027-04-07T21:00:00Z" },
            ]);
            expect(r.fixtures).to.deep.equal([]);
            expect(problemFor(r.problems, "a", "expectedPeakViewers").message).to.equal("must be a number (unquoted); write 120000"); // "120000" reads as one number (issue 20)
            expect(problemFor(r.problems, "fixtures[1]", "name").message).to.contain("must be a string, got a number");
            expect(problemFor(r.problems, "fixtures[1]", "kickoff").message).to.contain("quote it in YAML");
            expect(problemFor(r.problems, "fixtures[1]", "surgeFactor").message).to.contain("must be a number");
            expect(problemFor(r.problems, "fixtures[2]", "name").message).to.contain("required");
            expect(problemFor(r.problems, "fixtures[2]", "expectedPeakViewers").message).to.contain("required");
        });
    });
});
