import { expect } from "chai";
import { CapacityPlanInput, checkCapacityPlan, Fixture, FixtureProblem, formatFixtureProblems, parseFixtures } from "../stacks/capacity/fixtures";
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
            const s = planCapacitySchedule(plan([r16]), NOW);
            expect(s.actions.map((a) => [a.name, a.startTime])).to.deep.equal([
                ["prewarm-ucl-round-of-16-second-leg", "2027-04-14T18:00:00Z"],
                ["release-ucl-round-of-16-second-leg", "2027-04-14T22:15:00Z"],
            ]);
            const other = planCapacitySchedule(plan([
                { name: "Copa", kickoff: "2027-04-20T21:30:15.750-03:00", expectedPeakViewers: 1000 },
                { name: "Utc", kickoff: "2027-04-22T19:00Z", expectedPeakViewers: 1000 },
            ]), NOW);
            expect(other.actions.map((a) => a.startTime)).to.deep.equal([
                "2027-04-20T23:30:15Z", "2027-04-21T03:45:15Z", "2027-04-22T18:00:00Z", "2027-04-22T22:15:00Z",
            ]);
            for (const a of [...s.actions, ...other.actions]) expect(a.startTime).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        });

        it("sets only minSize: max and desired are always \"unchanged\" (AWS reads an omitted size as 0)", () => {
            const s = planCapacitySchedule(plan([r16, { name: "final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000 }]), NOW);
            expect(s.actions).to.have.length(4);
            for (const a of s.actions) {
                expect(a.maxSize, a.name).to.equal("unchanged");
                expect(a.desiredCapacity, a.name).to.equal("unchanged");
            }
            const prewarm = s.actions.filter((a) => a.name.startsWith("prewarm-"));
            const release = s.actions.filter((a) => a.name.startsWith("release-"));
            expect(prewarm.map((a) => a.minSize)).to.deep.equal([126, 180]);
            expect(release.map((a) => a.minSize)).to.deep.equal([6, 6]);
            expect(s.windows.map((w) => w.minSize)).to.deep.equal([126, 180]);
        });

        it("never lowers the minimum below the baseline for a small match", () => {
            const s = planCapacitySchedule(plan([{ name: "friendly", kickoff: "2027-04-10T20:00:00Z", expectedPeakViewers: 500 }], { baselineMinSize: 8 }), NOW);
            expect(s.windows[0].minSize).to.equal(8);
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

        it("adds up the audiences of overlapping matches minute by minute, with a stable action per fixture event and unique start times", () => {
            // Lead 60, hold 165 + 30: early 16:00-20:15, late 18:00-22:15 (UTC).
            const early: Fixture = { name: "early match", kickoff: "2027-04-14T17:00:00Z", expectedPeakViewers: 40_000 };
            const late: Fixture = { name: "late match", kickoff: "2027-04-14T19:00:00Z", expectedPeakViewers: 140_000 };
            const s = planCapacitySchedule(plan([late, early]), NOW);
            expect(s.windows).to.have.length(1);
            expect(s.windows[0].fixtures).to.deep.equal(["early match", "late match"]);
            expect(s.windows[0].kickoff.toISOString()).to.equal("2027-04-14T17:00:00.000Z");
            // 40 000 x 1.2 / 2 000 = 24, over 3 zones 36; 140 000: 84, 126; both on: 180 000 -> 108, 162.
            expect(s.windows[0].minSize).to.equal(162);
            expect(s.actions.map((a) => [a.name, a.startTime, a.previousMinSize, a.minSize])).to.deep.equal([
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 6, 36],
                ["prewarm-late-match", "2027-04-14T18:00:00Z", 36, 162],
                ["release-early-match", "2027-04-14T20:15:00Z", 162, 126],
                ["release-late-match", "2027-04-14T22:15:00Z", 126, 6],
            ]);
            expect(s.notes.filter((n) => n.startsWith("concurrent"))).to.have.length(1);
            expect(s.notes.find((n) => n.startsWith("concurrent"))).to.contain("add up").and.contain("min 162");
            expect(activeFloorAt(s, new Date("2027-04-14T19:30:00Z"))).to.equal(162);
            expect(activeFloorAt(s, new Date("2027-04-14T21:00:00Z"))).to.equal(126);

            // Adding the late match renames none of the early match's actions (a renamed action is replaced).
            const alone = planCapacitySchedule(plan([early]), NOW);
            expect(alone.actions.map((a) => a.name)).to.deep.equal(["prewarm-early-match", "release-early-match"]);
            for (const a of alone.actions) expect(s.actions.map((x) => x.name)).to.include(a.name);

            // Touching: the second pre-warms exactly when the first releases; the floors are equal, so no action there.
            const touching: Fixture = { name: "touching", kickoff: "2027-04-14T21:15:00Z", expectedPeakViewers: 40_000 };
            const t = planCapacitySchedule(plan([early, touching]), NOW);
            expect(t.windows).to.have.length(1);
            expect(t.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 36],
                ["release-touching", "2027-04-15T00:30:00Z", 6],
            ]);
            // A bigger match touching: one action at the shared instant, named after the pre-warm.
            const bigger = planCapacitySchedule(plan([early, { ...touching, expectedPeakViewers: 140_000 }]), NOW);
            expect(bigger.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 36],
                ["prewarm-touching", "2027-04-14T20:15:00Z", 126],
                ["release-touching", "2027-04-15T00:30:00Z", 6],
            ]);
            // A minute later they stay apart.
            const apart: Fixture = { ...touching, kickoff: "2027-04-14T21:16:00Z" };
            expect(planCapacitySchedule(plan([early, apart]), NOW).windows).to.have.length(2);

            // Same kickoff: one action for both (AWS runs one action per instant), sized for both.
            const twin: Fixture = { name: "twin", kickoff: early.kickoff, expectedPeakViewers: 40_000 };
            const twins = planCapacitySchedule(plan([twin, early]), NOW);
            expect(twins.actions.map((a) => [a.name, a.startTime, a.minSize])).to.deep.equal([
                ["prewarm-early-match", "2027-04-14T16:00:00Z", 72], // 80 000: 48, over 3 zones 72
                ["release-early-match", "2027-04-14T20:15:00Z", 6],
            ]);
            for (const sched of [s, t, bigger, twins]) {
                expect(new Set(sched.actions.map((a) => a.startTime)).size, "start times").to.equal(sched.actions.length);
            }
        });

        it("keeps the earliest windows within 125 actions and defers the rest with a note each", () => {
            const fixtures: Fixture[] = Array.from({ length: 70 }, (_, i) => ({
                name: `match ${String(i).padStart(2, "0")}`,
                kickoff: new Date(Date.parse("2027-04-02T19:00:00Z") + i * 24 * 60 * MINUTE).toISOString(),
                expectedPeakViewers: 40_000,
            }));
            const s = planCapacitySchedule(plan([...fixtures].reverse()), NOW);
            expect(MAX_SCHEDULED_ACTIONS).to.equal(125);
            expect(s.actions).to.have.length(124);
            expect(s.windows.map((w) => w.fixtures[0])).to.deep.equal(fixtures.slice(0, 62).map((f) => f.name));
            const deferred = s.notes.filter((n) => n.startsWith("deferred"));
            expect(deferred).to.have.length(8);
            expect(deferred[0]).to.contain("match 62");

            // With the first window in progress it costs one action, so one more window fits exactly.
            const during = new Date(Date.parse("2027-04-02T19:00:00Z") - 30 * MINUTE);
            const s2 = planCapacitySchedule(plan(fixtures), during);
            expect(s2.actions).to.have.length(125);
            expect(s2.windows).to.have.length(63);
        });

        it("declares every action still ahead, and the floor of the next minimum lead on the group itself", () => {
            const kickoff = parseKickoff(r16.kickoff)!.getTime();
            const names = (now: number) => planCapacitySchedule(plan([r16]), new Date(now)).actions.map((a) => a.name);
            const floorNow = (now: number, over: Partial<CapacityPlanInput> = {}) => planCapacitySchedule(plan([r16], over), new Date(now)).floorNow;
            const both = ["prewarm-ucl-round-of-16-second-leg", "release-ucl-round-of-16-second-leg"];
            const release = ["release-ucl-round-of-16-second-leg"];
            // Pre-warm (kickoff - 60) 31 minutes away: both actions, nothing declared directly.
            expect(names(kickoff - 91 * MINUTE)).to.deep.equal(both);
            expect(floorNow(kickoff - 91 * MINUTE)).to.equal(undefined);
            // 29 and 5 minutes away: the pre-warm stays declared, and its floor is declared now.
            for (const m of [89, 65]) {
                expect(names(kickoff - m * MINUTE), `kickoff - ${m} min`).to.deep.equal(both);
                expect(floorNow(kickoff - m * MINUTE), `kickoff - ${m} min`).to.equal(126);
            }
            // The minimum lead is configurable: 45 minutes makes a pre-warm 31 minutes away direct.
            expect(floorNow(kickoff - 91 * MINUTE, { minimumLeadMinutes: 45 })).to.equal(126);
            // Once the pre-warm has passed: the release only, and the floor.
            for (const m of [59, 30, -100]) {
                const now = kickoff - m * MINUTE;
                const s = planCapacitySchedule(plan([r16]), new Date(now));
                expect(s.actions.map((a) => a.name), `kickoff ${-m} min`).to.deep.equal(release);
                expect(s.floorNow, `kickoff ${-m} min`).to.equal(126);
                expect(activeFloorAt(s, new Date(now))).to.equal(126);
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
                expect(s.actions.map((a) => [a.name, a.startTime, a.minSize]), `${m} min before`).to.deep.equal([
                    ["release-ucl-round-of-16-second-leg", "2027-04-14T22:15:00Z", 6],
                ]);
                expect(s.floorNow, `${m} min before`).to.equal(126);
                expect(s.notes.some((n) => n.includes("less than 30 minutes away: kept as declared"))).to.equal(true);
            }
            // At the release itself the window is over: nothing declared, the baseline applies.
            const after = planCapacitySchedule(plan([r16]), new Date(release));
            expect(after.actions).to.deep.equal([]);
            expect(after.floorNow).to.equal(undefined);
        });

        it("is deterministic: the same fixtures in any order give the same schedule", () => {
            const fixtures: Fixture[] = [
                r16,
                { name: "final", kickoff: "2027-05-30T04:00:00+09:00", expectedPeakViewers: 200_000, surgeFactor: 1.5 },
                { name: "early match", kickoff: "2027-04-14T17:00:00Z", expectedPeakViewers: 40_000 },
                { name: "past", kickoff: "2027-03-01T20:00:00Z", expectedPeakViewers: 40_000 },
            ];
            const a = planCapacitySchedule(plan(fixtures), NOW);
            const b = planCapacitySchedule(plan([fixtures[2], fixtures[0], fixtures[3], fixtures[1]]), NOW);
            expect(JSON.stringify(b)).to.equal(JSON.stringify(a));
        });

        it("derives stable, valid action names from fixture names, including long and non-Latin ones", () => {
            const long = "Quarter-final ".repeat(30);
            const s = planCapacitySchedule(plan([
                { name: "Atlético de Madrid v Bayern München", kickoff: "2027-04-10T19:00:00Z", expectedPeakViewers: 1000 },
                { name: "결승전", kickoff: "2027-04-20T19:00:00Z", expectedPeakViewers: 1000 },
                { name: long, kickoff: "2027-04-25T19:00:00Z", expectedPeakViewers: 1000 },
            ]), NOW);
            const names = s.actions.map((a) => a.name);
            expect(names[0]).to.equal("prewarm-atletico-de-madrid-v-bayern-munchen");
            expect(names[2]).to.equal("prewarm-gyeolseungjeon"); // 결승전, romanised (Revised Romanization)
            for (const n of names) {
                expect(n).to.match(/^[A-Za-z0-9][A-Za-z0-9-]*$/);
                expect(n.length).to.be.at.most(200);
            }
            expect(new Set(names).size).to.equal(names.length);
            expect(names[4].length).to.be.at.most(200);
            expect(names[4]).to.match(/^prewarm-quarter-final-quarter-final-.*-[0-9a-f]{8}$/);
            expect(planCapacitySchedule(plan([{ name: long, kickoff: "2027-04-25T19:00:00Z", expectedPeakViewers: 1000 }]), NOW).actions[0].name).to.equal(names[4]);
        });

        it("activeFloorAt is undefined outside every window", () => {
            const s = planCapacitySchedule(plan([r16]), NOW);
            expect(activeFloorAt(s, NOW)).to.equal(undefined);
            expect(activeFloorAt(s, s.windows[0].releaseAt)).to.equal(undefined);
            expect(activeFloorAt(s, new Date(s.windows[0].releaseAt.getTime() - 1))).to.equal(126);
        });
    });

    describe("checkCapacityPlan: pre-flight errors name the fixture and the key", () => {
        it("accepts a valid plan", () => {
            expect(checkCapacityPlan(plan([r16, { name: "final", kickoff: "2027-05-30T04:00:00Z", expectedPeakViewers: 200_000, surgeFactor: 2 }]))).to.deep.equal([]);
        });

        it("a required capacity above the group's maximum", () => {
            const p = problemFor(checkCapacityPlan(plan([r16], { groupMaxSize: 100 })), r16.name, "expectedPeakViewers");
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
                ["2027-04-07T21:00:00+0200", "not an ISO 8601"],
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
            expect(problemFor(dup, r16.name, "name").message).to.contain("duplicate").and.contain("fixtures[0]");
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
            expect(formatFixtureProblems(problems)).to.contain("fixture \"fixtures[3]\", name").and.contain("capacity plan, matchWindowMinutes = \"16.5\"");
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
            expect(problemFor(r.problems, "a", "expectedPeakViewers").message).to.contain("must be a number (unquoted), got a string");
            expect(problemFor(r.problems, "fixtures[1]", "name").message).to.contain("must be a string, got a number");
            expect(problemFor(r.problems, "fixtures[1]", "kickoff").message).to.contain("quote it in YAML");
            expect(problemFor(r.problems, "fixtures[1]", "surgeFactor").message).to.contain("must be a number");
            expect(problemFor(r.problems, "fixtures[2]", "name").message).to.contain("required");
            expect(problemFor(r.problems, "fixtures[2]", "expectedPeakViewers").message).to.contain("required");
        });
    });
});
