/**
 * The UserStore's slice of the stack config (issue 23): the load per viewer, the warm
 * throughput held to what the fixtures need, recovery days, and a planned restore; and the
 * plan diff's warnings about what AWS refuses or what clients see.
 */
import { expect } from "chai";
import { validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { restoreAgeNote, restoreProblems, USER_STORE_KEYS, warmThroughputProblems } from "../stacks/config/slices/userStore";
import { PRE_WARM_LEAD_HOURS, userStoreWarnings as warn, WarningSettings } from "../stacks/plan/diffWarnings";
import { DEFAULT_STORE_LOAD } from "../stacks/capacity/storeLoad";
import { fixturesStackConfig, validStackConfig } from "./helpers/stackConfigs";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const NOW = new Date("2027-03-01T00:00:00Z");
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: NOW };

function validate(over: Record<string, string | undefined>) {
    const values = { ...validStackConfig() };
    for (const [k, v] of Object.entries(over)) {
        if (v === undefined) delete values[`kgsports:${k}`];
        else values[`kgsports:${k}`] = v;
    }
    return validateStackConfig({ project: "kgsports", stack: "dev", values }, deps);
}

function problems(over: Record<string, string | undefined>) {
    const r = validate(over);
    expect(r.ok, JSON.stringify(over)).to.equal(false);
    return r.ok ? [] : r.problems;
}

describe("config: the UserStore", () => {
    it("takes the documented defaults when no key is set", () => {
        const r = validate({});
        expect(r.ok).to.equal(true);
        if (!r.ok) return;
        expect(r.settings.userStore).to.deep.equal({
            load: { loginsPerViewer: DEFAULT_STORE_LOAD.loginsPerViewer, signUpsPerViewer: DEFAULT_STORE_LOAD.signUpsPerViewer },
            warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_000 },
            recoveryDays: 35,
        });
    });

    it("reads every key it declares", () => {
        const r = validate({
            userStoreLoginsPerViewer: "1.5",
            userStoreSignUpsPerViewer: "0.25",
            userStoreWarmReadUnitsPerSecond: "15000",
            userStoreWarmWriteUnitsPerSecond: "6000",
            userStoreRecoveryDays: "7",
            userStoreRestoreLabel: "before-bad-import",
            userStoreRestoreFrom: "2027-02-27T10:00:00Z",
            userStorePromoteRestore: "true",
        });
        expect(r.ok, JSON.stringify(r)).to.equal(true);
        if (!r.ok) return;
        expect(r.settings.userStore).to.deep.equal({
            load: { loginsPerViewer: 1.5, signUpsPerViewer: 0.25 },
            warmThroughput: { readUnitsPerSecond: 15_000, writeUnitsPerSecond: 6_000 },
            recoveryDays: 7,
            restore: { label: "before-bad-import", from: "2027-02-27T10:00:00Z", promote: true },
        });
    });

    it("refuses a warm throughput below a new table's own and above the per-table quota, naming the key and the range", () => {
        const low = problems({ userStoreWarmWriteUnitsPerSecond: "3999" }).find((p) => p.key === "kgsports:userStoreWarmWriteUnitsPerSecond");
        expect(low?.message).to.contain("4000").and.contain("40000");
        const high = problems({ userStoreWarmReadUnitsPerSecond: "40001" }).find((p) => p.key === "kgsports:userStoreWarmReadUnitsPerSecond");
        expect(high?.message).to.contain("12000");
    });

    it("refuses recovery days outside 1 to 35, and a share of sign-ups above 1", () => {
        expect(problems({ userStoreRecoveryDays: "36" }).map((p) => p.key)).to.include("kgsports:userStoreRecoveryDays");
        expect(problems({ userStoreRecoveryDays: "0" }).map((p) => p.key)).to.include("kgsports:userStoreRecoveryDays");
        expect(problems({ userStoreSignUpsPerViewer: "1.5" }).map((p) => p.key)).to.include("kgsports:userStoreSignUpsPerViewer");
        expect(problems({ userStoreLoginsPerViewer: "-1" }).map((p) => p.key)).to.include("kgsports:userStoreLoginsPerViewer");
    });

    it("runs its checks in the stack's validation: a bad restore is refused with the stack's other problems", () => {
        const p = problems({ userStoreRestoreLabel: "Bad_Label", userStoreRestoreFrom: "latest", userStoreRecoveryDays: "99" });
        expect(p.map((x) => x.key)).to.include.members(["kgsports:userStoreRestoreLabel", "kgsports:userStoreRecoveryDays"]);
    });

    it("keeps a restore unpromoted unless the stack says so", () => {
        const r = validate({ userStoreRestoreLabel: "r1", userStoreRestoreFrom: "latest" });
        expect(r.ok).to.equal(true);
        if (r.ok) expect(r.settings.userStore.restore).to.deep.equal({ label: "r1", from: "latest", promote: false });
    });

    it("sizes nothing while the fixtures are refused: their problems alone, no store problem and no crash", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: fixturesStackConfig([{ name: "Big", kickoff: "not a time", expectedPeakViewers: 600_000 }]) },
            deps,
        );
        expect(r.ok).to.equal(false);
        if (!r.ok) {
            expect(r.problems.some((x) => x.key.startsWith("kgsports:fixtures"))).to.equal(true);
            expect(r.problems.filter((x) => x.key.startsWith("kgsports:userStore"))).to.deep.equal([]);
        }
    });

    describe("a restore", () => {
        const check = (v: Parameters<typeof restoreProblems>[0]) => restoreProblems(v, NOW);
        it("needs a label and a moment together, and a promote needs a restore", () => {
            expect(check({ userStoreRestoreLabel: "r1" }).map((p) => p.key)).to.deep.equal(["kgsports:userStoreRestoreFrom"]);
            expect(check({ userStoreRestoreFrom: "latest" }).map((p) => p.key)).to.deep.equal(["kgsports:userStoreRestoreFrom"]);
            expect(check({ userStorePromoteRestore: true }).map((p) => p.key)).to.deep.equal(["kgsports:userStorePromoteRestore"]);
            expect(check({ userStoreRestoreLabel: "r1", userStoreRestoreFrom: "latest", userStorePromoteRestore: true })).to.deep.equal([]);
            expect(check({ userStorePromoteRestore: false })).to.deep.equal([]);
        });
        it("refuses a label that cannot name a table, with what is allowed", () => {
            for (const bad of ["R1", "-r1", "r1-", "r_1", "x".repeat(41)]) {
                const p = check({ userStoreRestoreLabel: bad, userStoreRestoreFrom: "latest" });
                expect(p.map((x) => x.key), bad).to.deep.equal(["kgsports:userStoreRestoreLabel"]);
                expect(p[0]).to.deep.include({ value: bad });
                expect(p[0].message).to.contain("is not a restore label; allowed: 1 to 40 of a-z, 0-9 and inner hyphens");
            }
            expect(check({ userStoreRestoreLabel: "x".repeat(40), userStoreRestoreFrom: "latest" })).to.deep.equal([]);
            expect(check({ userStoreRestoreLabel: "a", userStoreRestoreFrom: "latest" })).to.deep.equal([]);
        });
        it("says what is missing or out of order, in words", () => {
            expect(check({ userStoreRestoreLabel: "r1" })[0].message).to.equal(`is required with userStoreRestoreLabel ("r1"); allowed: ${USER_STORE_KEYS.userStoreRestoreFrom.allowed}`);
            expect(check({ userStoreRestoreFrom: "latest" })[0]).to.deep.equal({
                key: "kgsports:userStoreRestoreFrom",
                value: "latest",
                message: "is set without userStoreRestoreLabel, which names the restored table; set both, or neither",
            });
            expect(check({ userStorePromoteRestore: true })[0]).to.deep.equal({
                key: "kgsports:userStorePromoteRestore",
                value: "true",
                literal: "true",
                message: "promotes a restore, but userStoreRestoreLabel is not set; restore first, then promote",
            });
        });
        it("refuses a moment that is not a UTC time, or names no real moment, or is in the future (a year typo)", () => {
            const form = (from: string) => check({ userStoreRestoreLabel: "r1", userStoreRestoreFrom: from });
            for (const bad of [
                "2027-02-27 10:00:00Z", "2027-02-27T10:00:00+09:00", "x2027-02-27T10:00:00Z", "2027-02-27T10:00:00Zx", "2027-02-27T10:00Z",
                // JavaScript's Date would read each as another moment (2 March, the next day, ...): refused instead.
                "2027-02-30T10:00:00Z", "2027-13-01T10:00:00Z", "2027-02-28T24:00:00Z", "2027-02-28T23:60:00Z", "2027-02-28T23:59:60Z", "0099-01-01T00:00:00Z",
            ]) {
                const p = form(bad);
                expect(p.map((x) => x.key), bad).to.deep.equal(["kgsports:userStoreRestoreFrom"]);
                expect(p[0]).to.deep.include({ value: bad });
                expect(p[0].message, bad).to.contain('is not "latest" nor an ISO 8601 UTC time');
            }
            const future = form("2028-02-27T10:00:00Z");
            expect(future[0]).to.deep.equal({
                key: "kgsports:userStoreRestoreFrom",
                value: "2028-02-27T10:00:00Z",
                message: `is in the future (now is ${NOW.toISOString()}); a restore brings back a moment that has passed, or "latest"`,
            });
            expect(form("2027-03-01T00:00:00Z")).to.deep.equal([]);
            expect(form("2027-03-01T00:00:01Z")[0].message).to.contain("in the future");
            expect(form("2027-02-28T23:59:59Z")).to.deep.equal([]);
        });
        it("notes, without refusing, a moment older than the recovery days (a restore made before keeps its key)", () => {
            expect(restoreAgeNote({ userStoreRestoreFrom: "2027-01-20T00:00:00Z", userStoreRecoveryDays: 35 }, NOW)).to.contain("40 days ago").and.contain("35 days");
            expect(restoreAgeNote({ userStoreRestoreFrom: "2027-01-25T00:00:00Z", userStoreRecoveryDays: 35 }, NOW)).to.equal(undefined);
            expect(restoreAgeNote({ userStoreRestoreFrom: "2027-02-20T00:00:00Z", userStoreRecoveryDays: 7 }, NOW)).to.contain("7 days");
            expect(restoreAgeNote({ userStoreRestoreFrom: "latest" }, NOW)).to.equal(undefined);
            expect(restoreAgeNote({}, NOW)).to.equal(undefined);
            const r = validate({ userStoreRestoreLabel: "old", userStoreRestoreFrom: "2027-01-01T00:00:00Z" });
            expect(r.ok).to.equal(true);
            if (r.ok) expect(r.notes.join("\n")).to.contain("userStoreRestoreFrom 2027-01-01T00:00:00Z is 59 days ago");
        });
    });
});

describe("plan diff: what an edit does to the UserStore", () => {
    const NOW_ = new Date("2027-04-06T00:00:00Z");
    const at = (d: Date) => d.toISOString();
    const window = { fixtures: ["UCL QF 1st leg"], preWarmAt: new Date("2027-04-06T18:45:00Z"), releaseAt: new Date("2027-04-06T22:45:00Z"), minSize: 10 };
    const side = (over: Partial<NonNullable<WarningSettings["userStore"]>> = {}, windows = [window]): WarningSettings =>
        ({
            project: "kgsports",
            matchday: { schedule: { windows } },
            userStore: { warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 6_000 }, recoveryDays: 35, ...over },
        }) as unknown as WarningSettings;
    const userStoreWarnings = (b: WarningSettings, a: WarningSettings, now = new Date("2027-03-01T00:00:00Z")) => warn(b, a, now, at);

    it("warns that AWS refuses a lower warm throughput, per direction, and says nothing of a raise", () => {
        const w = userStoreWarnings(side(), side({ warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 5_000 } }));
        expect(w).to.have.length(1);
        expect(w[0]).to.contain("kgsports:userStoreWarmWriteUnitsPerSecond 6000 -> 5000").and.contain("refuses").and.contain("keep 6000");
        const r = userStoreWarnings(side({ warmThroughput: { readUnitsPerSecond: 14_000, writeUnitsPerSecond: 6_000 } }), side());
        expect(r[0]).to.contain("userStoreWarmReadUnitsPerSecond 14000 -> 12000");
        expect(userStoreWarnings(side(), side({ warmThroughput: { readUnitsPerSecond: 13_000, writeUnitsPerSecond: 7_000 } }))).to.deep.equal([]);
    });

    it(`warns that a raise less than ${PRE_WARM_LEAD_HOURS} hours before a window's pre-warm may not be ready at kickoff`, () => {
        const raised = side({ warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 7_000 } });
        const late = userStoreWarnings(side(), raised, NOW_);
        expect(late).to.have.length(1);
        expect(late[0]).to.contain("writes 6000 -> 7000").and.contain('"UCL QF 1st leg"').and.contain("2027-04-06T18:45:00.000Z");
        // 24 hours and more ahead of the pre-warm: in time.
        expect(userStoreWarnings(side(), raised, new Date("2027-04-05T18:45:00Z"))).to.deep.equal([]);
        expect(userStoreWarnings(side(), raised, new Date("2027-04-05T18:46:00Z"))).to.have.length(1);
        // During the window too; after its release, no longer.
        expect(userStoreWarnings(side(), raised, new Date("2027-04-06T20:00:00Z"))).to.have.length(1);
        expect(userStoreWarnings(side(), raised, new Date("2027-04-06T22:45:00Z"))).to.deep.equal([]);
        // Nothing raised, nothing to say; reads alone raised are a raise too.
        expect(userStoreWarnings(side(), side(), NOW_)).to.deep.equal([]);
        const readsOnly = userStoreWarnings(side(), side({ warmThroughput: { readUnitsPerSecond: 13_000, writeUnitsPerSecond: 6_000 } }), NOW_);
        expect(readsOnly).to.have.length(1);
        expect(readsOnly[0]).to.contain("reads 12000 -> 13000").and.contain("so the new figure may not be ready at kickoff; deploy it now all the same (the table serves throughout), and raise it earlier next time");
    });

    it("warns that fewer recovery days drop the oldest moments", () => {
        expect(userStoreWarnings(side(), side({ recoveryDays: 7 }))).to.deep.equal([
            "kgsports:userStoreRecoveryDays 35 -> 7: the deploy shortens point-in-time recovery at once; the moments older than 7 days can no longer be restored",
        ]);
        expect(userStoreWarnings(side({ recoveryDays: 7 }), side())).to.deep.equal([]);
    });

    it("says when clients switch tables: a restore promoted, and back", () => {
        const restore = { label: "r1", from: "latest", promote: true };
        expect(userStoreWarnings(side({ restore: { ...restore, promote: false } }), side({ restore }))).to.deep.equal([
            'kgsports:userStorePromoteRestore: clients switch to the restored table (restore "r1") at their next boot; running instances keep the table they read at boot until they are replaced, so plan an instance refresh outside a match window',
        ]);
        expect(userStoreWarnings(side({ restore }), side())[0]).to.contain('"r1" is no longer promoted');
        expect(userStoreWarnings(side({ restore }), side({ restore }))).to.deep.equal([]);
        expect(userStoreWarnings(side({ restore: { ...restore, promote: false } }), side())).to.deep.equal([]);
    });

    it("checks nothing when a side has no store", () => {
        expect(userStoreWarnings({ project: "kgsports" } as WarningSettings, side({ recoveryDays: 1 }))).to.deep.equal([]);
        expect(userStoreWarnings(side(), { project: "kgsports" } as WarningSettings)).to.deep.equal([]);
    });
});

describe("config: the UserStore's warm throughput against the fixtures", () => {
    const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 600_000 };
    // maxSize has room for a final four times today's, so only the store is in question.
    const validateFinal = (over: Record<string, string | undefined>) =>
        validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([final], { "kgsports:maxSize": "1000", ...Object.fromEntries(Object.entries(over).map(([k, v]) => [`kgsports:${k}`, v])) }) }, deps);
    const writesProblem = (over: Record<string, string | undefined>) => {
        const r = validateFinal(over);
        return r.ok ? undefined : r.problems.find((p) => p.key === "kgsports:userStoreWarmWriteUnitsPerSecond");
    };

    it("refuses a new table's own writes for a final four times today's, naming the night, the minute and the figure to set", () => {
        const p = writesProblem({});
        expect(p, "a problem").to.not.equal(undefined);
        expect(p!.message).to.contain('"UCL final" at x2.5').and.contain("writes per second at minute").and.contain("never lowered");
        const m = /set it to at least (\d+)/.exec(p!.message);
        expect(m, p!.message).to.not.equal(null);
        const needed = Number(m![1]);
        // A step of 1 000 above what the night asks for, and above a new table's own.
        const asked = Number(/for (\d+) writes per second/.exec(p!.message)![1]);
        expect(needed % 1000).to.equal(0);
        expect(needed).to.be.greaterThan(4000);
        expect(asked).to.be.greaterThan(needed - 1000).and.at.most(needed);
        // The figure it names passes; a step less does not.
        expect(writesProblem({ userStoreWarmWriteUnitsPerSecond: String(needed) })).to.equal(undefined);
        expect(validateFinal({ userStoreWarmWriteUnitsPerSecond: String(needed) }).ok).to.equal(true);
        expect(writesProblem({ userStoreWarmWriteUnitsPerSecond: String(needed - 1000) })?.message).to.contain(`at least ${needed}`);
    });

    it("names the busiest minute with its sign, and the ending", () => {
        const driver = (minute: number, extraTime: boolean) => ({ window: "A + B", surge: 2.5, extraTime, minute, unitsPerSecond: 4_200.2 });
        const required = (minute: number, extraTime = false) => ({
            warmThroughput: { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 5_000 },
            need: { reads: driver(minute, extraTime), writes: driver(minute, extraTime) },
            atFloor: { reads: true, writes: false },
        });
        const declared = { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_000 };
        expect(warmThroughputProblems(declared, required(-5))[0].message).to.equal(
            'is below what the fixtures need: "A + B" at x2.5 (normal time) asks the user store for 4201 writes per second at minute -5 from kickoff ' +
                "(sized at x2.5, or a fixture's larger surgeFactor); set it to at least 5000 (warm throughput is raised once, never lowered; deploy it a day before that window)",
        );
        expect(warmThroughputProblems(declared, required(0))[0].message).to.contain("at minute +0 from kickoff");
        expect(warmThroughputProblems(declared, required(61, true))[0].message).to.contain("(extra time)").and.contain("at minute +61 from kickoff");
        expect(warmThroughputProblems(declared, required(3))[0]).to.deep.include({ key: "kgsports:userStoreWarmWriteUnitsPerSecond", value: "4000", literal: "4000" });
        // Exactly the figure needed is enough; reads at their floor say nothing.
        expect(warmThroughputProblems({ readUnitsPerSecond: 12_000, writeUnitsPerSecond: 5_000 }, required(3))).to.deep.equal([]);
        expect(warmThroughputProblems(declared, required(3)).map((p) => p.key)).to.deep.equal(["kgsports:userStoreWarmWriteUnitsPerSecond"]);
    });

    it("sizes from the configured load per viewer: no sign-ups, no writes beyond a new table's own", () => {
        expect(writesProblem({ userStoreSignUpsPerViewer: "0" })).to.equal(undefined);
        expect(writesProblem({ userStoreSignUpsPerViewer: "0", userStoreLoginsPerViewer: "4" })?.message).to.contain("at least");
    });
});
