import { expect } from "chai";
import { runPlanCli } from "./helpers/planCli";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { takeBareOption } from "../stacks/cli/commandLine";
import { readCommittedStackFile, withTemporaryStackFile } from "../stacks/plan/committedConfig";
import { diffWarnings, WarningResource, WarningSide } from "../stacks/plan/diffWarnings";
import { diffPlans, PlanDiff, renderDiff } from "../stacks/plan/render";
import { ScheduleResource, ScheduleSettings, scheduledActionChanges } from "../stacks/plan/scheduledActionLines";
import { StackPlan } from "../stacks/plan/planStack";
import { plannedStack, TEST_NOW } from "./helpers/declare";

const ROOT = path.join(__dirname, "..");
const ASG = "aws:autoscaling/group:Group";
const SCHEDULE = "aws:autoscaling/schedule:Schedule";

function git(args: string[], cwd = ROOT): string {
    return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** The committed matchday file, with one fixture's audience raised and the instance type changed. */
function editedMatchdayFile(): string {
    const committed = git(["show", "HEAD:./Pulumi.matchday.yaml"]);
    const edited = committed
        .replace(/kgsports:instanceType: c7i\.large/, "kgsports:instanceType: c7i.xlarge")
        .replace(/(- name: UCL final\n(?:\s+\w+: .*\n)*?\s+expectedPeakViewers: )150000/, "$1170000");
    expect(edited.match(/c7i\.xlarge/g), "instance type edited").to.have.length(1);
    expect(edited, "audience edited").to.contain("expectedPeakViewers: 170000");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-diff-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, edited);
    return file;
}

describe("--diff without a stack: the command line", () => {
    it("takes a bare --diff (at the end, or before another option) out of argv, and leaves --diff <stack> alone", () => {
        expect(takeBareOption(["--stack", "matchday", "--diff"], "diff")).to.deep.equal({ argv: ["--stack", "matchday"], bare: 1 });
        expect(takeBareOption(["--diff", "--json", "--stack", "m"], "diff")).to.deep.equal({ argv: ["--json", "--stack", "m"], bare: 1 });
        expect(takeBareOption(["--stack", "m", "--diff", "dev"], "diff")).to.deep.equal({ argv: ["--stack", "m", "--diff", "dev"], bare: 0 });
        expect(takeBareOption(["--diff=dev"], "diff")).to.deep.equal({ argv: ["--diff=dev"], bare: 0 });
        expect(takeBareOption(["--diff", "--diff", "dev"], "diff")).to.deep.equal({ argv: ["--diff", "dev"], bare: 1 });
        expect(takeBareOption(["--diff", "-h"], "diff")).to.deep.equal({ argv: ["-h"], bare: 1 });
        expect(takeBareOption(["--json", "--", "--diff"], "diff")).to.deep.equal({ argv: ["--json", "--", "--diff"], bare: 0 });
    });
});

describe("--diff without a stack: the committed stack file", () => {
    it("reads Pulumi.<stack>.yaml as committed at HEAD, with the commit", () => {
        const outcome = readCommittedStackFile("matchday", ROOT);
        expect(outcome.ok, outcome.ok ? "" : outcome.message).to.equal(true);
        if (!outcome.ok) return;
        expect(outcome.committed.file).to.equal("Pulumi.matchday.yaml");
        expect(outcome.committed.commit).to.equal(git(["rev-parse", "HEAD"]).trim());
        expect(outcome.committed.shortCommit).to.equal(outcome.committed.commit.slice(0, 7));
        expect(outcome.committed.text).to.equal(git(["show", "HEAD:./Pulumi.matchday.yaml"]));
    });

    it("a file not committed at HEAD is refused with a message that says so and what to do instead", () => {
        const outcome = readCommittedStackFile("nosuch", ROOT);
        expect(outcome.ok).to.equal(false);
        if (outcome.ok) return;
        expect(outcome.message).to.contain('Stack "nosuch"').and.contain("Pulumi.nosuch.yaml is not committed at HEAD").and.contain("commit it").and.contain("--diff <stack>");
    });

    describe("outside the project's repository", () => {
        const saved = process.env.GIT_CEILING_DIRECTORIES;
        let dir: string;
        beforeEach(() => {
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-nogit-"));
            // git must not find a repository above the temporary folder either.
            process.env.GIT_CEILING_DIRECTORIES = path.dirname(dir);
        });
        afterEach(() => {
            if (saved === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
            else process.env.GIT_CEILING_DIRECTORIES = saved;
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("a folder that is not in a git repository is refused, suggesting --diff <stack>", () => {
            const outcome = readCommittedStackFile("matchday", dir);
            expect(outcome.ok).to.equal(false);
            if (!outcome.ok) expect(outcome.message).to.contain("is not in a git repository").and.contain("--diff <stack>");
        });

        it("a repository without a commit is refused, suggesting a commit or --diff <stack>", () => {
            git(["init", "-q"], dir);
            const outcome = readCommittedStackFile("matchday", dir);
            expect(outcome.ok).to.equal(false);
            if (!outcome.ok) expect(outcome.message).to.contain("no commit yet").and.contain("--diff <stack>");
        });
    });

    it("the temporary copy exists while it is used and is removed afterwards, also after a failure", async () => {
        let seen = "";
        const text = await withTemporaryStackFile("matchday", "config: {}\n", async (file) => {
            seen = file;
            expect(path.basename(file)).to.equal("Pulumi.matchday.yaml");
            return fs.readFileSync(file, "utf8");
        });
        expect(text).to.equal("config: {}\n");
        expect(fs.existsSync(seen)).to.equal(false);
        const failing = withTemporaryStackFile("matchday", "x", async (file) => {
            seen = file;
            throw new Error("boom");
        });
        await failing.then(
            () => expect.fail("should reject"),
            (e: Error) => expect(e.message).to.equal("boom"),
        );
        expect(fs.existsSync(seen)).to.equal(false);
    });
});

// --- Warnings: a pure function of both sides -------------------------------------------

const FINAL = {
    fixtures: ["UCL final"],
    preWarmAt: new Date("2027-05-29T17:50:00Z"),
    releaseAt: new Date("2027-05-29T22:15:00Z"),
    minSize: 203,
};

interface SideOptions {
    instanceType?: string;
    warmPoolSize?: number;
    min?: number;
    desired?: number;
    max?: number;
    viewersPerInstance?: number;
    floorNow?: number;
    ignoreChanges?: string[];
    raiseRunningDesired?: boolean;
    config?: Record<string, string>;
}

function side(o: SideOptions = {}): WarningSide {
    const asg: WarningResource = {
        urn: `urn:pulumi:matchday::kgsports::kgsports:web:ScalingWebTier$${ASG}::web-asg`,
        type: ASG,
        name: "web-asg",
        inputs: { minSize: o.min ?? 6, maxSize: o.max ?? 240 },
        options: { ignoreChanges: o.ignoreChanges ?? [] },
    };
    return {
        settings: {
            project: "kgsports",
            web: {
                instanceType: o.instanceType ?? "c7i.large",
                warmPoolSize: o.warmPoolSize ?? 40,
                capacity: { min: o.min ?? 6, desired: o.desired ?? 6, max: o.max ?? 240 },
                ...(o.raiseRunningDesired !== undefined ? { raiseRunningDesired: o.raiseRunningDesired } : {}),
            },
            matchday: {
                displayTimeZone: "Asia/Seoul",
                plan: { viewersPerInstance: o.viewersPerInstance ?? 2000 },
                schedule: { windows: [FINAL] },
                floorNow: o.floorNow,
            },
        },
        resources: [asg],
        ...(o.config ? { config: o.config } : {}),
    };
}

const BEFORE_MATCH = new Date("2027-03-20T00:00:00Z");
const ONE_CHANGE = { added: 0, removed: 0, changed: 1 };

function warn(before: WarningSide, after: WarningSide, extra: { now?: Date; edit?: boolean; changes?: typeof ONE_CHANGE } = {}): string[] {
    return diffWarnings({ before, after, now: extra.now ?? BEFORE_MATCH, edit: extra.edit ?? true, changes: extra.changes ?? ONE_CHANGE });
}

describe("diff warnings", () => {
    describe("a change while a match window is in progress", () => {
        const during = new Date("2027-05-29T19:00:00Z");

        it("names the fixture, the window and the floor the deploy holds", () => {
            const w = warn(side({ floorNow: 203 }), side({ floorNow: 203, ignoreChanges: ["launchTemplate"] }), { now: during });
            expect(w).to.have.length(1);
            expect(w[0]).to.contain('"UCL final"').and.contain("mid-match").and.contain("0 added, 0 removed, 1 changed");
            expect(w[0]).to.contain("2027-05-29 17:50Z").and.contain("2027-05-29 22:15Z").and.contain("is on at 2027-05-29 19:00Z");
            expect(w[0]).to.contain("minimum is held at 203").and.contain("launch template stays frozen");
        });

        it("says so when the edit ends the floor of the window in progress", () => {
            const w = warn(side({ floorNow: 203 }), side({ floorNow: undefined }), { now: during });
            expect(w.join("\n")).to.contain('"UCL final"').and.contain("ends the window's floor").and.contain("scale the fleet in mid-match");
        });

        it("is silent before the pre-warm, from the release on, when nothing changes, and between two stacks", () => {
            expect(warn(side(), side(), { now: new Date("2027-05-29T17:49:00Z") })).to.deep.equal([]);
            expect(warn(side(), side(), { now: FINAL.preWarmAt })).to.have.length(1);
            expect(warn(side(), side(), { now: FINAL.releaseAt })).to.deep.equal([]);
            expect(warn(side(), side(), { now: during, changes: { added: 0, removed: 0, changed: 0 } })).to.deep.equal([]);
            expect(warn(side(), side(), { now: during, edit: false })).to.deep.equal([]);
        });
    });

    describe("an instance type change", () => {
        it("says the fleet is replaced by a rolling instance refresh and viewersPerInstance still describes the old type", () => {
            const w = warn(side(), side({ instanceType: "c7i.xlarge" }));
            expect(w).to.have.length(1);
            expect(w[0]).to.contain("kgsports:instanceType c7i.large -> c7i.xlarge").and.contain("rolling instance refresh at the next deploy outside a match window");
            expect(w[0]).to.contain("kgsports:viewersPerInstance (2000) still describes c7i.large");
            expect(w[0]).to.not.contain("not by a deploy now");
        });

        it("says viewersPerInstance changed with it when it did", () => {
            const w = warn(side(), side({ instanceType: "c7i.xlarge", viewersPerInstance: 3800 }));
            expect(w[0]).to.contain("kgsports:viewersPerInstance changes in the same edit (2000 -> 3800)").and.to.not.contain("still describes");
        });

        it("says a deploy now does not roll the fleet when the launch template is frozen", () => {
            const w = warn(side(), side({ instanceType: "c7i.xlarge", ignoreChanges: ["launchTemplate"] }));
            expect(w[0]).to.contain("not by a deploy now").and.contain("launch template is frozen");
        });
    });

    describe("the warm pool", () => {
        it("removed: the pool and its stopped instances are deleted", () => {
            const w = warn(side({ warmPoolSize: 40 }), side({ warmPoolSize: 0 }));
            expect(w).to.have.length(1);
            expect(w[0]).to.contain("warm pool (kgsports:warmPoolSize) 40 -> 0").and.contain("deletes the warm pool").and.contain("40 stopped instances");
        });

        it("shrunk: the difference is terminated; grown: no warning", () => {
            const w = warn(side({ warmPoolSize: 40 }), side({ warmPoolSize: 25 }));
            expect(w).to.have.length(1);
            expect(w[0]).to.contain("40 -> 25").and.contain("terminates 15 stopped instances");
            expect(warn(side({ warmPoolSize: 10 }), side({ warmPoolSize: 20 }))).to.deep.equal([]);
        });
    });

    describe("desiredCapacity", () => {
        it("lower: cannot take effect as written", () => {
            const w = warn(side({ desired: 10 }), side({ desired: 6 }));
            expect(w).to.have.length(1);
            expect(w[0]).to.contain("kgsports:desiredCapacity 10 -> 6").and.contain("cannot take effect as written: a deploy never scales a running fleet in");
        });

        it("raised, with a group that takes desired on deploy: lifts a running fleet that runs fewer", () => {
            const w = warn(side(), side({ desired: 10 }));
            expect(w[0]).to.contain("kgsports:desiredCapacity 6 -> 10").and.contain("lifts a running fleet that runs fewer than 10 instances to 10");
        });

        it("raised, with desired set at creation only: lifts nothing; during a freeze: not by a deploy now", () => {
            expect(warn(side(), side({ desired: 10, ignoreChanges: ["desiredCapacity"] }))[0]).to.contain("lifts nothing on a running group").and.contain("raise kgsports:minSize");
            const frozen = warn(side(), side({ desired: 10, ignoreChanges: ["desiredCapacity", "launchTemplate"], raiseRunningDesired: false }));
            expect(frozen[0]).to.contain("not by a deploy now").and.contain("a deploy after the window lifts");
        });

        it("compares the values as written, not as lifted to a window's floor", () => {
            const before = side({ min: 203, desired: 203, config: { "kgsports:desiredCapacity": "6", "kgsports:minSize": "6" } });
            const after = side({ min: 203, desired: 203, config: { "kgsports:desiredCapacity": "8", "kgsports:minSize": "6" } });
            expect(warn(before, after).join("\n")).to.contain("kgsports:desiredCapacity 6 -> 8");
        });
    });

    it("a lower maxSize keeps its warning text; between two stacks it is the only warning", () => {
        const w = warn(side({ max: 240, instanceType: "c7i.large", warmPoolSize: 40 }), side({ max: 4, instanceType: "t3.small", warmPoolSize: 0, desired: 2 }), { edit: false });
        expect(w).to.deep.equal(["web-asg: maxSize 240 -> 4; if more than 4 instances are running, applying this removes instances"]);
        expect(warn(side({ max: 240 }), side({ max: 4 }))).to.deep.equal(["web-asg: maxSize 240 -> 4; if more than 4 instances are running, applying this removes instances"]);
    });
});

// --- Scheduled actions as readable lines -------------------------------------------------

function scheduleSettings(actions: ScheduleSettings["matchday"]["schedule"]["actions"], zone?: string, min = 6): ScheduleSettings {
    return { web: { capacity: { min } }, matchday: { ...(zone ? { displayTimeZone: zone } : {}), schedule: { actions } } };
}

function action(name: string, startTime: string, minSize: number): ScheduleResource {
    return {
        urn: `urn:pulumi:matchday::kgsports::kgsports:web:ScalingWebTier$${SCHEDULE}::web-scheduled-${name}`,
        type: SCHEDULE,
        name: `web-scheduled-${name}`,
        inputs: { autoscalingGroupName: "web-asg", scheduledActionName: name, startTime, minSize, maxSize: -1, desiredCapacity: -1 },
    };
}

describe("scheduled actions in the diff", () => {
    const prewarm = action("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203);
    const release = action("release-ucl-final", "2027-05-29T22:15:00Z", 6);
    const spec = (name: string, startTime: string, minSize: number, previousMinSize?: number) => ({
        name,
        startTime,
        minSize,
        ...(previousMinSize !== undefined ? { previousMinSize } : {}),
    });

    it("an added action reads as its name, UTC and display-zone time, and minimum before -> after", () => {
        const settings = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 6)]);
        const [c] = scheduledActionChanges({ before: { settings }, after: { settings }, added: [prewarm], removed: [], changed: [] });
        expect(c.change).to.equal("added");
        expect(c.line).to.match(/^\+ scheduled action prewarm-ucl-final: 2027-05-29 17:50Z \(2027-05-30 02:50 [^)]+\), minimum 6 -> 203$/);
        expect(c.to).to.deep.equal({ startTime: "2027-05-29T17:50:00Z", minSizeBefore: 6, minSize: 203, maxSize: null, desiredCapacity: null });
    });

    it("shows times in the stack's display zone", () => {
        const settings = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 6)], "Europe/Madrid");
        const [c] = scheduledActionChanges({ before: { settings }, after: { settings }, added: [prewarm], removed: [], changed: [] });
        expect(c.line).to.contain("2027-05-29 17:50Z (2027-05-29 19:50 ");
    });

    it("minimum before: the schedule's previousMinSize first, else the previous action's minimum, else the group's", () => {
        const withPrevious = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 12), spec("release-ucl-final", "2027-05-29T22:15:00Z", 6, 190)]);
        const a = scheduledActionChanges({ before: { settings: withPrevious }, after: { settings: withPrevious }, added: [release, prewarm], removed: [], changed: [] });
        expect(a.map((c) => c.line.replace(/: .*, /, ": ")).join("\n")).to.equal(
            ["+ scheduled action prewarm-ucl-final: minimum 12 -> 203", "+ scheduled action release-ucl-final: minimum 190 -> 6"].join("\n"),
        );
        // Listed in start-time order, whatever order the resources came in.
        const without = scheduleSettings([spec("release-ucl-final", "2027-05-29T22:15:00Z", 6), spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203)], undefined, 8);
        const b = scheduledActionChanges({ before: { settings: without }, after: { settings: without }, added: [release, prewarm], removed: [], changed: [] });
        expect(b.map((c) => `${c.name} ${c.to!.minSizeBefore} -> ${c.to!.minSize}`)).to.deep.equal(["prewarm-ucl-final 8 -> 203", "release-ucl-final 203 -> 6"]);
    });

    it("a removed action reads with '-' from the other side's settings; an unchanged size reads as unchanged", () => {
        const before = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 6)]);
        const after = scheduleSettings([]);
        const [c] = scheduledActionChanges({ before: { settings: before }, after: { settings: after }, added: [], removed: [prewarm], changed: [] });
        expect(c.change).to.equal("removed");
        expect(c.line).to.match(/^- scheduled action prewarm-ucl-final: 2027-05-29 17:50Z \(.*\), minimum 6 -> 203$/);
        const keep = action("keep", "2027-05-29T17:50:00Z", -1);
        const [u] = scheduledActionChanges({ before: { settings: after }, after: { settings: after }, added: [keep], removed: [], changed: [] });
        expect(u.line).to.match(/, minimum unchanged \(6\)$/);
    });

    it("a changed action says what changed: start and minimum, with what it was", () => {
        const before = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:50:00Z", 203, 6)]);
        const after = scheduleSettings([spec("prewarm-ucl-final", "2027-05-29T17:40:00Z", 230, 6)]);
        const moved = action("prewarm-ucl-final", "2027-05-29T17:40:00Z", 230);
        const [c] = scheduledActionChanges({
            before: { settings: before },
            after: { settings: after },
            added: [],
            removed: [],
            changed: [{ before: prewarm, after: moved, paths: ["minSize", "startTime"] }],
        });
        expect(c.change).to.equal("changed");
        expect(c.line).to.match(/^~ scheduled action prewarm-ucl-final: start 2027-05-29 17:50Z \(.*\) -> 2027-05-29 17:40Z \(.*\), minimum 6 -> 230 \(was 6 -> 203\)$/);
        const sameTime = scheduledActionChanges({
            before: { settings: before },
            after: { settings: before },
            added: [],
            removed: [],
            changed: [{ before: prewarm, after: action("prewarm-ucl-final", "2027-05-29T17:50:00Z", 230), paths: ["minSize"] }],
        });
        expect(sameTime[0].line).to.match(/^~ scheduled action prewarm-ucl-final: 2027-05-29 17:50Z \(.*\), minimum 6 -> 230 \(was 6 -> 203\)$/);
    });
});

// --- Whole plans: the committed file against an edited copy -------------------------------

describe("diff of an edited stack file against the committed one", function () {
    this.timeout(60_000);
    let committedPlan: StackPlan;
    let editedPlan: StackPlan;
    let diff: PlanDiff;
    const commit = git(["rev-parse", "HEAD"]).trim();

    before(async () => {
        const head = readCommittedStackFile("matchday", ROOT);
        if (!head.ok) throw new Error(head.message);
        committedPlan = await withTemporaryStackFile("matchday", head.committed.text, (file) => plannedStack("matchday", file, TEST_NOW));
        editedPlan = await plannedStack("matchday", editedMatchdayFile(), TEST_NOW);
        diff = diffPlans(editedPlan, committedPlan, { committed: { file: "Pulumi.matchday.yaml", commit } });
    });

    it("keeps the diff fields in order and adds against HEAD:<file>, the commit, the source and the scheduled actions", () => {
        expect(Object.keys(diff)).to.deep.equal([
            "project", "stack", "against", "added", "removed", "changed", "warnings", "againstCommit", "source", "scheduledActions",
            "fixtureChanges", "windowChanges", "noCapacity", "notes",
        ]);
        // The raised audience of the final: one fixture changed, its window's floor steps before and after, nothing without capacity.
        expect(diff.fixtureChanges.map((f) => [f.change, f.name, f.fields])).to.deep.equal([["changed", "UCL final", [{ field: "expectedPeakViewers", from: "150000", to: "170000" }]]]);
        expect(diff.windowChanges.map((w) => w.line)).to.have.length(1);
        expect(diff.windowChanges[0].line).to.match(/^window "UCL final": before: 6 -> [\d >-]+ -> 6 \/ after: 6 -> [\d >-]+ -> 6$/);
        expect(diff.noCapacity).to.deep.equal([]);
        expect(diff.against).to.equal("HEAD:Pulumi.matchday.yaml");
        expect(diff.againstCommit).to.equal(commit);
        expect(diff.source).to.equal(editedPlan.source);
        expect(diff.changed.find((c) => c.name === "web-lt")!.changes).to.deep.include({ path: "instanceType", from: '"c7i.large"', to: '"c7i.xlarge"' });
    });

    it("shows the raised fixture's pre-warm as a readable changed action", () => {
        const finals = diff.scheduledActions.filter((a) => a.name.includes("ucl-final") && a.change === "changed");
        expect(finals.length, JSON.stringify(diff.scheduledActions)).to.be.greaterThan(0);
        const raised = finals.find((a) => a.to!.minSize !== null && a.from!.minSize !== null && a.to!.minSize > a.from!.minSize)!;
        expect(raised, "an action whose minimum rises").to.not.equal(undefined);
        const { from, to } = { from: raised.from!, to: raised.to! };
        expect(raised.line.startsWith(`~ scheduled action ${raised.name}: `), raised.line).to.equal(true);
        expect(raised.line).to.match(/: \d{4}-\d\d-\d\d \d\d:\d\dZ \(\d{4}-\d\d-\d\d \d\d:\d\d [^)]+\), minimum /);
        expect(raised.line.endsWith(`, minimum ${to.minSizeBefore} -> ${to.minSize} (was ${from.minSizeBefore} -> ${from.minSize})`), raised.line).to.equal(true);
    });

    it("warns that the instance type change rolls the fleet and viewersPerInstance still describes c7i.large", () => {
        expect(diff.warnings.join("\n")).to.contain("kgsports:instanceType c7i.large -> c7i.xlarge").and.contain("kgsports:viewersPerInstance (2000) still describes c7i.large");
    });

    it("the text names what is compared and shows scheduled actions as lines, not URNs", () => {
        const text = renderDiff(diff);
        expect(text.split("\n")[0]).to.equal(
            `Stack "matchday": ${editedPlan.source} against HEAD:Pulumi.matchday.yaml (${commit.slice(0, 7)}): ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed.`,
        );
        expect(text).to.not.contain(SCHEDULE);
        for (const a of diff.scheduledActions) expect(text).to.contain(a.line);
        expect(text).to.contain("\nWarnings:\n  ! kgsports:instanceType c7i.large -> c7i.xlarge");
        const working = renderDiff({ ...diff, source: "Pulumi.matchday.yaml" });
        expect(working.split("\n")[0]).to.match(new RegExp(`^Stack "matchday": working Pulumi\\.matchday\\.yaml against HEAD \\(${commit.slice(0, 7)}\\): `));
    });

    it("a plan against itself changes nothing and warns of nothing", () => {
        const same = diffPlans(committedPlan, committedPlan, { committed: { file: "Pulumi.matchday.yaml", commit } });
        expect([same.added, same.removed, same.changed, same.warnings, same.scheduledActions, same.fixtureChanges, same.windowChanges, same.noCapacity, same.notes]).to.deep.equal([[], [], [], [], [], [], [], [], []]);
    });

    it("--diff <other stack> keeps its header, its JSON fields and only the maxSize warning; its scheduled actions read as lines too", async () => {
        const cross = diffPlans(committedPlan, await plannedStack("dev"));
        expect(cross.against).to.equal("dev");
        expect(cross).to.not.have.property("againstCommit");
        expect(cross.warnings).to.deep.equal([]);
        // Fixture changes are an edit's: between two stacks there are none, so never an exit 5.
        expect([cross.fixtureChanges, cross.windowChanges, cross.noCapacity]).to.deep.equal([[], [], []]);
        const text = renderDiff(cross);
        expect(text.split("\n")[0]).to.match(/^Stack "matchday" against "dev": \d+ added, \d+ removed, \d+ changed\.$/);
        expect(text).to.not.contain(SCHEDULE);
        expect(text).to.match(/\n\+ scheduled action prewarm-ucl-final: .*, minimum 6 -> \d+\n/);
        expect(cross.added.filter((u) => u.includes(SCHEDULE))).to.have.length(cross.scheduledActions.length);
    });
});

// --- End to end ---------------------------------------------------------------------------

const plan = runPlanCli;
/** The type token of the capacity reservations' one-time schedules. */
const RESERVATION_SCHEDULE = "aws:scheduler/schedule:Schedule";

describe("plan CLI: --diff without a stack", function () {
    this.timeout(60_000);
    const commit = git(["rev-parse", "HEAD"]).trim();

    it("--config-file <edited copy> --diff compares the copy with HEAD's Pulumi.<stack>.yaml (text)", () => {
        const file = editedMatchdayFile();
        const r = plan("--stack", "matchday", "--config-file", file, "--now", "2027-03-20T00:00:00Z", "--diff");
        expect(r.code, r.stderr).to.equal(0);
        const lines = r.stdout.split("\n");
        // The instance type is in the instance reservations' schedule names (issue 21: a schedule is
        // never changed, a changed call is a new one), so each is removed and added again: 21 of each.
        expect(lines[0]).to.match(new RegExp(`^Stack "matchday": .*Pulumi\\.matchday\\.yaml against HEAD:Pulumi\\.matchday\\.yaml \\(${commit.slice(0, 7)}\\): (\\d+) added, \\1 removed, \\d+ changed\\.$`));
        expect(r.stdout).to.match(/\n~ scheduled action prewarm-ucl-final: .*, minimum 6 -> \d+ \(was 6 -> \d+\)\n/);
        expect(r.stdout).to.contain("\nWarnings:\n").and.contain("kgsports:instanceType c7i.large -> c7i.xlarge");
    });

    it("--diff followed by another option is the HEAD mode too, both sides planned at --now, and --json adds to the diff document", () => {
        const file = editedMatchdayFile();
        // After the quarter-final first legs: both sides prune them, so neither adds nor removes actions.
        const r = plan("--stack", "matchday", "--diff", "--json", "--config-file", file, "--now", "2027-04-10T00:00:00Z");
        expect(r.code, r.stderr).to.equal(0);
        const doc = JSON.parse(r.stdout);
        expect(Object.keys(doc).slice(0, 7)).to.deep.equal(["project", "stack", "against", "added", "removed", "changed", "warnings"]);
        // Only the reservations' schedules are renamed (their calls changed with the instance type and
        // the edited audience); no other resource is added or removed.
        expect([doc.added, doc.removed].map((urns: string[]) => urns.filter((u) => !u.includes(RESERVATION_SCHEDULE)))).to.deep.equal([[], []]);
        expect(doc.added.length).to.equal(doc.removed.length);
        expect(doc.against).to.equal("HEAD:Pulumi.matchday.yaml");
        expect(doc.againstCommit).to.equal(commit);
        expect(doc.scheduledActions.some((a: { change: string; name: string }) => a.change === "changed" && a.name === "prewarm-ucl-final")).to.equal(true);
        expect(doc.warnings.join("\n")).to.contain("kgsports:instanceType c7i.large -> c7i.xlarge");
    });

    it("a stack file not committed at HEAD exits 1 with what to do instead, and plans nothing", () => {
        const r = plan("--stack", "nosuch", "--diff");
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal("");
        expect(r.stderr).to.contain("Pulumi.nosuch.yaml is not committed at HEAD").and.contain("--diff <stack>");
    });

    it("a fixture added with the wrong year (issue 20): the whole diff, NO CAPACITY first, and exit 5; the right year: the schedule leads", () => {
        // The journey: the round-of-16 second leg added at the top of the fixtures, typed 2026 for 2027.
        const text = (year: number) =>
            fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8").replace(
                "  kgsports:fixtures:\n",
                `  kgsports:fixtures:\n    - name: UCL R16 second leg\n      kickoff: "${year}-03-11T05:00:00+09:00"\n      expectedPeakViewers: 150000\n`,
            );
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-r16-"));
        const wrong = path.join(dir, "wrong.yaml");
        const right = path.join(dir, "right.yaml");
        fs.writeFileSync(wrong, text(2026));
        fs.writeFileSync(right, text(2027));

        const r = plan("--stack", "matchday", "--diff", "--config-file", wrong, "--now", "2026-12-07T16:00:00Z");
        expect(r.code, r.stderr).to.equal(5);
        const lines = r.stdout.split("\n");
        expect(lines[0]).to.match(/^Stack "matchday": .*wrong\.yaml against HEAD:Pulumi\.matchday\.yaml \(\w{7}\): 0 added, 0 removed, 0 changed\.$/);
        const noCapacity =
            /^NO CAPACITY: fixture "UCL R16 second leg" kicks off 2026-03-10 20:00Z \(2026-03-11 05:00 [^)]+\), 271 days before this plan \(2026-12-07 16:00Z\): it is past, so nothing is scheduled for it; check the year \(2027-03-11\?\)$/;
        expect(lines[1]).to.match(noCapacity);
        expect(lines.filter((l) => /^ {2}! /.test(l)).map((l) => l.slice(4))[0]).to.match(noCapacity);
        expect(lines).to.include("Summary:");
        expect(lines.findIndex((l) => l.startsWith('  + fixture "UCL R16 second leg": kickoff 2026-03-10 20:00Z'))).to.be.greaterThan(lines.indexOf("Summary:"));
        expect(lines.indexOf("Warnings:")).to.be.greaterThan(lines.indexOf("Summary:"));
        expect(plan("--help").stdout).to.contain("5 a fixture this edit adds or changes gets no capacity");

        const ok = plan("--stack", "matchday", "--diff", "--config-file", right, "--now", "2026-12-07T16:00:00Z");
        expect(ok.code, ok.stderr).to.equal(0);
        const out = ok.stdout.split("\n");
        const at = (pattern: RegExp) => out.findIndex((l) => pattern.test(l));
        const order = [
            at(/^Summary:$/),
            at(/^ {2}\+ fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z \(2027-03-11 05:00 [^)]+\), expectedPeakViewers 150000$/),
            at(/^ {2}window "UCL R16 second leg": 6 -> 33 -> 47 -> 89 -> 135 -> 6 \(new\)$/),
            at(/^Scheduled actions:$/),
            at(/^\+ scheduled action prewarm-ucl-r16-second-leg: 2027-03-10 18:50Z /),
            at(/^\+ scheduled action fulltime-ucl-r16-second-leg: /),
            at(/^Other resources:$/),
            at(/^~ dashboard observability-dashboard: 1 pre-warm annotation and 1 kickoff annotation added, on each of \d+ widgets$/),
        ];
        expect(order.every((i) => i > 0), JSON.stringify(order)).to.equal(true);
        expect(order).to.deep.equal([...order].sort((a, b) => a - b));
        // The annotations that only shifted position are not there at all.
        expect(ok.stdout).to.not.contain("annotations.vertical");
        expect(out.length, ok.stdout).to.be.below(40);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("a failed plan names the fixture the edit added as the likely cause; --max-chars is for the text diff only", () => {
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-cause-")), "Pulumi.matchday.yaml");
        fs.writeFileSync(
            file,
            fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8").replace(
                "  kgsports:fixtures:\n",
                '  kgsports:fixtures:\n    - name: UCL R16 second leg\n      kickoff: "2028-06-11T05:00:00+09:00"\n      expectedPeakViewers: 150000\n',
            ),
        );
        const r = plan("--stack", "matchday", "--diff", "--config-file", file, "--now", "2026-12-07T16:00:00Z");
        expect(r.code).to.equal(1);
        expect(r.stderr).to.contain('kgsports:fixtures["UCL R16 second leg"].kickoff');
        expect(r.stderr.trimEnd().split("\n").pop()).to.equal('likely cause: fixture "UCL R16 second leg", added in this edit');
        for (const args of [["--max-chars", "100"], ["--diff", "--json", "--max-chars", "100"], ["--diff", "--max-chars", "0"]]) {
            const bad = plan("--stack", "matchday", ...args);
            expect(bad.code, args.join(" ")).to.equal(2);
            expect(bad.stderr, args.join(" ")).to.contain("--max-chars");
        }
    });

    it("--diff twice is a usage error", () => {
        const r = plan("--stack", "matchday", "--diff", "--diff", "dev");
        expect(r.code).to.equal(2);
        expect(r.stderr).to.contain("--diff is given more than once").and.contain("usage: npm run plan");
    });
});

// --- --base <git ref>: the committed side at another ref (a pull request's base) ------------

describe("--diff --base <git ref>: the committed stack file at a ref", () => {
    let dir: string;
    const commitAll = (message: string) => {
        git(["add", "-A"], dir);
        git(["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", message], dir);
        return git(["rev-parse", "HEAD"], dir).trim();
    };
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-base-"));
        git(["init", "-q"], dir);
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reads the file at a branch, a commit id or HEAD^1, and records the ref and its commit", () => {
        fs.writeFileSync(path.join(dir, "Pulumi.matchday.yaml"), "config:\n  kgsports:minSize: 6\n");
        const first = commitAll("base");
        git(["branch", "base-branch"], dir);
        fs.writeFileSync(path.join(dir, "Pulumi.matchday.yaml"), "config:\n  kgsports:minSize: 8\n");
        const second = commitAll("edit");
        for (const ref of ["base-branch", first, "HEAD^1", "HEAD~1"]) {
            const outcome = readCommittedStackFile("matchday", dir, ref);
            expect(outcome.ok, ref).to.equal(true);
            if (!outcome.ok) continue;
            expect(outcome.committed).to.deep.equal({ file: "Pulumi.matchday.yaml", ref, commit: first, shortCommit: first.slice(0, 7), text: "config:\n  kgsports:minSize: 6\n" });
        }
        const head = readCommittedStackFile("matchday", dir);
        expect(head.ok && head.committed.ref === "HEAD" && head.committed.commit === second && head.committed.text.includes("minSize: 8")).to.equal(true);
    });

    it("a ref that names no commit is refused, saying to fetch it and suggesting --diff <stack>", () => {
        fs.writeFileSync(path.join(dir, "Pulumi.matchday.yaml"), "config: {}\n");
        commitAll("one");
        const outcome = readCommittedStackFile("matchday", dir, "origin/main");
        expect(outcome.ok).to.equal(false);
        if (outcome.ok) return;
        expect(outcome.message)
            .to.contain('Stack "matchday": --diff --base origin/main compares Pulumi.matchday.yaml with the one committed at origin/main')
            .and.contain("origin/main names no commit in this repository (fetch it first")
            .and.contain("--diff <stack>");
    });

    it("a file not committed at the ref is refused, naming the ref", () => {
        fs.writeFileSync(path.join(dir, "README"), "x\n");
        const first = commitAll("no stack file");
        fs.writeFileSync(path.join(dir, "Pulumi.matchday.yaml"), "config: {}\n");
        commitAll("stack file");
        const outcome = readCommittedStackFile("matchday", dir, first);
        expect(outcome.ok).to.equal(false);
        if (!outcome.ok) expect(outcome.message).to.contain(`Pulumi.matchday.yaml is not committed at ${first} (${first.slice(0, 7)})`).and.contain("--diff <stack>");
    });

    it("what is not a ref (an option, a path, spaces) is refused before git runs", () => {
        for (const ref of ["--output=x", "HEAD:Pulumi.matchday.yaml", "a b", ""]) {
            const outcome = readCommittedStackFile("matchday", dir, ref);
            expect(outcome.ok, ref).to.equal(false);
            if (!outcome.ok) expect(outcome.message, ref).to.contain("is not a git ref");
        }
    });
});

describe("plan CLI: --diff --base <git ref>", function () {
    this.timeout(90_000);
    const commit = git(["rev-parse", "HEAD"]).trim();

    it("compares with the file at the ref: --json names the ref in `against` and its commit, with the same warnings and scheduled actions as against HEAD", () => {
        const file = editedMatchdayFile();
        const r = plan("--stack", "matchday", "--config-file", file, "--now", "2027-04-10T00:00:00Z", "--diff", "--base", commit, "--json");
        expect(r.code, r.stderr).to.equal(0);
        const doc = JSON.parse(r.stdout);
        expect(doc.against).to.equal(`${commit}:Pulumi.matchday.yaml`);
        expect(doc.againstCommit).to.equal(commit);
        // Only the reservations' schedules are renamed (their calls changed with the instance type and
        // the edited audience); no other resource is added or removed.
        expect([doc.added, doc.removed].map((urns: string[]) => urns.filter((u) => !u.includes(RESERVATION_SCHEDULE)))).to.deep.equal([[], []]);
        expect(doc.added.length).to.equal(doc.removed.length);
        expect(doc.scheduledActions.some((a: { change: string; name: string }) => a.change === "changed" && a.name === "prewarm-ucl-final")).to.equal(true);
        expect(doc.warnings.join("\n")).to.contain("kgsports:instanceType c7i.large -> c7i.xlarge");
    });

    it("a ref that names no commit exits 1 before planning, with what to do", () => {
        const r = plan("--stack", "matchday", "--diff", "--base", "no-such-branch-kgs");
        expect(r.code).to.equal(1);
        expect(r.stdout).to.equal("");
        expect(r.stderr).to.contain("no-such-branch-kgs names no commit in this repository").and.contain("--diff <stack>");
    });

    it("--base without --diff, or with --diff <other stack>, is a usage error", () => {
        for (const args of [["--base", "HEAD"], ["--diff", "dev", "--base", "HEAD"]]) {
            const r = plan("--stack", "matchday", ...args);
            expect(r.code, args.join(" ")).to.equal(2);
            expect(r.stderr).to.contain("--base <git ref> goes with --diff alone").and.contain("usage: npm run plan");
        }
    });
});
