/**
 * "A deploy never leaves a match floor behind", proved against a model of AWS and the
 * provider (test/helpers/autoScalingModel.ts): for a deploy at every minute from two
 * hours before a pre-warm to two hours after its release, the group holds the floor
 * during the window and is back at the baseline after it, whatever the deploy found.
 * The program's decisions come from the real validation of the shipped matchday stack
 * file, with the fixtures replaced.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { AutoScalingWorld, Declared } from "./helpers/autoScalingModel";
import { readProjectFile, readStackConfig } from "../stacks/plan/stackFiles";
import { formatConfigProblems, validateStackConfig } from "../stacks/config/validate";
import { projectFileReader, PROJECT_ROOT } from "../stacks/program";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const matchdayValues = readStackConfig(PROJECT_ROOT, readProjectFile(PROJECT_ROOT), "matchday").values;

/** The matchday stack's decisions at `now` with these fixtures: the group's minimum and its scheduled actions. */
function matchdayProgram(fixtures: object[]): (now: Date) => Declared {
    const values = { ...matchdayValues, "kgsports:fixtures": JSON.stringify(fixtures) };
    return (now) => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, { ...projectFileReader(), now });
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        const actions = new Map(
            r.settings.matchday.schedule.actions.map((a) => [a.name, { startMs: Date.parse(a.startTime), minSize: a.minSize as number }]),
        );
        return { minSize: r.settings.web.capacity.min, actions };
    };
}

// The final as the README sizes it: 150 000 viewers x surge 1.5 = 225 000 planned, 20 %
// headroom, 2 000 per instance, N+1 over 3 zones: the full floor is 203 instances; the
// stack's baseline minSize is 6. The steps (fixtureFloorProfile): 70, 40, 25 and 15
// minutes before kickoff, each sized for the build-up's share until 9 minutes after the
// next step (0.243, 0.343, 0.65 of the peak: 50, 71, 132 instances), the full floor, and
// the early release at kickoff + 125 straight to the baseline (the stack's target
// tracking, 1 200 / (2 000 x 1) = 60 %, keeps the N+1 reserve by itself). The window
// ends at kickoff + 165 + 30 with no action there (the floor is already the baseline).
const BASELINE = 6;
const FINAL_FLOOR = 203;
const KICKOFF = Date.parse("2027-05-29T19:00:00Z");
const PRE_WARM = KICKOFF - 70 * MINUTE;
const EARLY_RELEASE = KICKOFF + 125 * MINUTE;
const RELEASE = KICKOFF + 195 * MINUTE;
const final = [{ name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000, surgeFactor: 1.5 }];

/** The minimum the plan made long before the window has in force at `k`: its last action started by then, else the baseline. */
function plannedFloor(program: (now: Date) => Declared, planAt: number): (k: number) => number {
    const actions = [...program(new Date(planAt)).actions.values()].sort((x, y) => x.startMs - y.startMs);
    return (k) => {
        let min = BASELINE;
        for (const a of actions) if (a.startMs <= k) min = a.minSize;
        return min;
    };
}

interface Run {
    world: AutoScalingWorld;
    failures: string[];
}

/** A stack deployed long before the match, then one more deploy at `deployAt` (each refreshing when `refresh`), then time runs out. */
function runDeploysAt(program: (now: Date) => Declared, deployTimes: number[], opts: { refresh: boolean; late: number; duration: number; until: number }): Run {
    const world = new AutoScalingWorld(PRE_WARM - 6 * HOUR, BASELINE, opts.late);
    const failures: string[] = [];
    for (const t of [PRE_WARM - 6 * HOUR, ...deployTimes]) {
        world.advance(t);
        const outcome = world.deploy(program, { refresh: opts.refresh, durationMinutes: opts.duration });
        if (outcome.failed) failures.push(`deploy at ${new Date(t).toISOString()}: ${outcome.failed}`);
    }
    world.advance(opts.until);
    return { world, failures };
}

describe("deploys against the real behaviour of scheduled actions (model of AWS and the provider)", () => {
    const program = matchdayProgram(final);

    it("the model's premise: the final's floor steps 50, 71, 132, 203 from 17:50Z and is back at the baseline 6 at 21:05Z", () => {
        const d = program(new Date(PRE_WARM - 3 * HOUR));
        expect(d.minSize).to.equal(BASELINE);
        expect([...d.actions.entries()].map(([n, a]) => [n, new Date(a.startMs).toISOString(), a.minSize])).to.deep.equal([
            ["prewarm-ucl-final", "2027-05-29T17:50:00.000Z", 50],
            ["rampup1-ucl-final", "2027-05-29T18:20:00.000Z", 71],
            ["rampup2-ucl-final", "2027-05-29T18:35:00.000Z", 132],
            ["kickoff-ucl-final", "2027-05-29T18:45:00.000Z", FINAL_FLOOR],
            ["fulltime-ucl-final", "2027-05-29T21:05:00.000Z", BASELINE],
        ]);
    });

    /**
     * Every way a deploy at `d` can leave the group's minimum wrong: below the plan at any
     * minute (the plan's actions run `late` minutes late), above it outside the deploy's
     * own span (it declares the highest floor of its next 30 minutes), or anything but the
     * baseline after the window. Returns the first few.
     */
    function wrongMinutes(world: AutoScalingWorld, planned: (k: number) => number, d: number, late: number, duration: number, until: number): string[] {
        const bad: string[] = [];
        for (let k = PRE_WARM - 2 * HOUR; k <= until; k += MINUTE) {
            const got = world.minAt(k);
            // An action runs on time or up to `late` minutes late: either minimum is the plan's.
            const onTime = planned(k);
            const lateBy = planned(k - late * MINUTE);
            // A deploy applies its declaration at its end; between its start and 30 minutes (and the actions' lateness) after that, more is expected.
            const declaring = k >= d && k <= d + (duration + 30 + late) * MINUTE;
            if (got < Math.min(onTime, lateBy)) {
                bad.push(`deploy at ${new Date(d).toISOString()}: min ${got} at ${new Date(k).toISOString()}, planned ${Math.min(onTime, lateBy)}`);
                break;
            }
            if (got > Math.max(onTime, lateBy) && !declaring) {
                bad.push(`deploy at ${new Date(d).toISOString()}: min ${got} at ${new Date(k).toISOString()}, more than the planned ${Math.max(onTime, lateBy)}`);
                break;
            }
        }
        return bad;
    }

    for (const late of [0, 2]) {
        for (const duration of [0, 4]) {
            it(`a deploy at any minute from 2 h before the pre-warm to 2 h after the window follows every step and then releases (actions ${late} min late, deploys taking ${duration} min)`, function () {
                this.timeout(120_000);
                const planned = plannedFloor(program, PRE_WARM - 6 * HOUR);
                const bad: string[] = [];
                for (let d = PRE_WARM - 2 * HOUR; d <= RELEASE + 2 * HOUR; d += MINUTE) {
                    const until = RELEASE + 5 * HOUR;
                    const { world, failures } = runDeploysAt(program, [d], { refresh: true, late, duration, until });
                    bad.push(...failures, ...wrongMinutes(world, planned, d, late, duration, until));
                    if (world.minAt(until) !== BASELINE) bad.push(`deploy at ${new Date(d).toISOString()}: min ${world.minAt(until)} 5 h after the window`);
                    if (world.awsActions.size > 0) bad.push(`deploy at ${new Date(d).toISOString()}: actions left in AWS: ${[...world.awsActions.keys()].join(", ")}`);
                    if (bad.length > 5) break;
                }
                expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
            });
        }
    }

    it("a deploy 10 minutes before the early release keeps its action and declares the floor (the defect: no action and minSize 6)", () => {
        const decided = program(new Date(EARLY_RELEASE - 10 * MINUTE));
        expect(decided.minSize).to.equal(FINAL_FLOOR);
        expect([...decided.actions.entries()].map(([n, a]) => [n, new Date(a.startMs).toISOString(), a.minSize])).to.deep.equal([
            ["fulltime-ucl-final", "2027-05-29T21:05:00.000Z", BASELINE],
        ]);
    });

    it("two deploys in a row, anywhere around the window, leave the same result (every 10 minutes x every 10 minutes)", function () {
        this.timeout(120_000);
        const planned = plannedFloor(program, PRE_WARM - 6 * HOUR);
        const bad: string[] = [];
        for (let a = PRE_WARM - HOUR; a <= RELEASE + HOUR; a += 10 * MINUTE) {
            for (let b = a + 10 * MINUTE; b <= RELEASE + HOUR; b += 10 * MINUTE) {
                const { world, failures } = runDeploysAt(program, [a, b], { refresh: true, late: 2, duration: 3, until: RELEASE + 3 * HOUR });
                bad.push(...failures);
                if (world.minAt(EARLY_RELEASE - 10 * MINUTE) < planned(EARLY_RELEASE - 10 * MINUTE)) bad.push(`deploys at ${new Date(a).toISOString()} and ${new Date(b).toISOString()}: floor lost before the early release`);
                if (world.minAt(RELEASE + 3 * HOUR) !== BASELINE) bad.push(`deploys at ${new Date(a).toISOString()} and ${new Date(b).toISOString()}: min ${world.minAt(RELEASE + 3 * HOUR)} 3 h after the window`);
            }
        }
        expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
    });

    it("why Pulumi.yaml refreshes on every update: without a refresh, a deploy just after the early release, while AWS runs the action late, leaves the floor for good", () => {
        const stale = runDeploysAt(program, [EARLY_RELEASE + MINUTE], { refresh: false, late: 2, duration: 0, until: RELEASE + 5 * HOUR });
        expect(stale.world.minAt(RELEASE + 5 * HOUR)).to.equal(FINAL_FLOOR);
        const refreshed = runDeploysAt(program, [EARLY_RELEASE + MINUTE], { refresh: true, late: 2, duration: 0, until: RELEASE + 5 * HOUR });
        expect(refreshed.world.minAt(RELEASE + 5 * HOUR)).to.equal(BASELINE);
        const project = parse(fs.readFileSync(path.join(PROJECT_ROOT, "Pulumi.yaml"), "utf8")) as { options?: { refresh?: string } };
        expect(project.options?.refresh).to.equal("always");
    });

    it("overlapping matches: the floor is the combined audience's while both are on, each match's alone otherwise, for a deploy at any 5th minute", function () {
        this.timeout(120_000);
        // 100 000 viewers each, no surge: alone the full floor is 90 (need 60), together 180
        // (need 120); the steps of each add up while both are on (hand-computed: see the
        // premise of the final above for the shares).
        const early = { name: "Early match", kickoff: "2027-05-29T18:00:00Z", expectedPeakViewers: 100_000 };
        const late = { name: "Late match", kickoff: "2027-05-29T20:00:00Z", expectedPeakViewers: 100_000 };
        const both = matchdayProgram([early, late]);
        const t = (iso: string) => Date.parse(iso);
        const plan = both(new Date(t("2027-05-29T10:00:00Z")));
        expect([...plan.actions.entries()].map(([n, a]) => [n, new Date(a.startMs).toISOString().slice(11, 16), a.minSize])).to.deep.equal([
            ["prewarm-early-match", "16:50", 23],
            ["rampup1-early-match", "17:20", 32],
            ["rampup2-early-match", "17:35", 59],
            ["kickoff-early-match", "17:45", 90],
            ["prewarm-late-match", "18:50", 113],
            ["rampup1-late-match", "19:20", 122],
            ["rampup2-late-match", "19:35", 149],
            ["kickoff-late-match", "19:45", 180],
            ["fulltime-early-match", "20:05", 90],
            ["fulltime-late-match", "22:05", BASELINE],
        ]);
        const expected = plannedFloor(both, t("2027-05-29T10:00:00Z"));
        const bad: string[] = [];
        for (let d = t("2027-05-29T15:00:00Z"); d <= t("2027-05-30T01:00:00Z"); d += 5 * MINUTE) {
            const world = new AutoScalingWorld(t("2027-05-29T10:00:00Z"), BASELINE, 0);
            world.deploy(both, { refresh: true, durationMinutes: 0 });
            world.advance(d);
            const outcome = world.deploy(both, { refresh: true, durationMinutes: 0 });
            if (outcome.failed) bad.push(outcome.failed);
            world.advance(t("2027-05-30T03:00:00Z"));
            for (let k = t("2027-05-29T12:01:00Z"); k <= t("2027-05-30T03:00:00Z"); k += MINUTE) {
                // The model records MinSize at each minute boundary, after the actions due by then.
                // A deploy declares the highest floor of its next 30 minutes (the minimum lead)
                // at once: more than planned is expected then, less never.
                const got = world.minAt(k);
                const want = expected(k);
                const declaredEarly = k >= d && k < d + 30 * MINUTE;
                if (got < want || (got > want && !declaredEarly)) {
                    bad.push(`deploy at ${new Date(d).toISOString()}: min ${got} at ${new Date(k).toISOString()}, planned ${want}`);
                    break;
                }
            }
        }
        expect(bad, bad.slice(0, 5).join("\n")).to.deep.equal([]);
    });
});
