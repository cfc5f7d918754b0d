/** The BackupPolicy slice of the stack config: values AWS refuses, and jobs that would run during a match. */
import { expect } from "chai";
import { decideBackupSettings } from "../stacks/config/backup";

const ctx = { region: "ap-northeast-2", now: new Date("2027-05-20T00:00:00Z"), windows: [] as { label: string; start: Date; end: Date }[] };
const keysOf = (r: ReturnType<typeof decideBackupSettings>) => r.problems.map((p) => p.key);

describe("BackupPolicy config", () => {
    it("builds the rules from the documented defaults: Seoul time, daily/weekly/monthly, a weekly golden image", () => {
        const r = decideBackupSettings({}, ctx);
        expect(r.problems).to.deep.equal([]);
        expect(r.settings!.daily).to.deep.equal({
            schedule: "cron(0 13 ? * * *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 60, completionWindowMinutes: 240, deleteAfterDays: 35,
        });
        expect(r.settings!.lock).to.equal(undefined);
        expect(r.settings!.goldenImage).to.deep.include({ tagKey: "kgsports:golden-image", tagValue: "true", retainCount: 4 });
    });

    it("refuses deletion earlier than cold storage plus 90 days, a lock grace period under 3 days, retention outside the lock", () => {
        expect(keysOf(decideBackupSettings({ backupMonthlyColdStorageAfterDays: 30, backupMonthlyRetentionDays: 100 }, ctx))).to.deep.equal(["kgsports:backupMonthlyRetentionDays"]);
        expect(decideBackupSettings({ backupMonthlyColdStorageAfterDays: 30, backupMonthlyRetentionDays: 120 }, ctx).problems).to.deep.equal([]);
        expect(keysOf(decideBackupSettings({ backupVaultLock: true, backupLockChangeableForDays: 2 }, ctx))).to.deep.equal(["kgsports:backupLockChangeableForDays"]);
        expect(keysOf(decideBackupSettings({ backupVaultLock: true, backupLockMinRetentionDays: 40 }, ctx))).to.deep.equal(["kgsports:backupDailyRetentionDays"]);
        expect(keysOf(decideBackupSettings({ backupVaultLock: true, backupLockMinRetentionDays: 10, backupLockMaxRetentionDays: 5 }, ctx))).to.include("kgsports:backupLockMaxRetentionDays");
        // 0 days of grace is governance mode: removable, and allowed.
        expect(decideBackupSettings({ backupVaultLock: true, backupLockChangeableForDays: 0 }, ctx).settings!.lock).to.deep.equal({ minRetentionDays: 7, maxRetentionDays: 400 });
    });

    it("refuses a cron AWS will not accept, an unknown time zone and a copy to the home region, naming the key", () => {
        const r = decideBackupSettings({ backupDailySchedule: "cron(0 13 * * * *)", backupTimeZone: "Asia/Seol", backupCopyRegion: "ap-northeast-2" }, ctx);
        expect(keysOf(r).sort()).to.deep.equal(["kgsports:backupCopyRegion", "kgsports:backupDailySchedule", "kgsports:backupTimeZone"]);
        for (const p of r.problems) expect(p.message).to.contain("allowed:");
    });

    it("refuses a backup or image run that overlaps a match window, naming the rule, the fixture and both times", () => {
        // The final: pre-warm 17:50Z to release 22:15Z. 04:00 in Seoul is 19:00Z the day before.
        const windows = [{ label: "UCL final", start: new Date("2027-05-29T17:50:00Z"), end: new Date("2027-05-29T22:15:00Z") }];
        const clash = decideBackupSettings({ backupDailySchedule: "cron(0 4 ? * * *)" }, { ...ctx, windows });
        expect(clash.problems).to.have.length(1);
        expect(clash.problems[0].key).to.equal("kgsports:backupDailySchedule");
        expect(clash.problems[0].message)
            .to.contain('"UCL final"')
            .and.contain("pre-warm 2027-05-29 17:50Z").and.contain("release 2027-05-29 22:15Z")
            .and.contain("overlaps the daily backup run at 2027-05-29 19:00Z");
        // Midday in Seoul (04:00Z) plus 4 hours of windows stays clear of it.
        expect(decideBackupSettings({}, { ...ctx, windows }).problems).to.deep.equal([]);
        // The golden image too (its schedule is UTC): Saturday 29 May 2027 at 18:00Z.
        const image = decideBackupSettings({ goldenImageSchedule: "cron(0 18 ? * SAT *)" }, { ...ctx, windows });
        expect(keysOf(image)).to.deep.equal(["kgsports:goldenImageSchedule"]);
        expect(image.problems[0].message).to.contain("overlaps the golden-image run at 2027-05-29 18:00Z");
    });

    describe("an overlap names the window's fixture as the likely cause, with times in the display zone too (issue 20)", () => {
        // The round of 16 second leg, 05:00 Korea time, typed as UTC: "2027-03-11T05:00:00Z". With a 70-minute
        // pre-warm and 165 + 30 minutes after kickoff, its window runs 03:50Z to 08:15Z, 12:50 to 17:15 in Seoul,
        // and the daily backup at 13:00 Seoul (04:00Z, up to 60 + 240 minutes) now runs into it.
        const typedAsUtc = {
            label: "UCL R16 leg 2",
            start: new Date("2027-03-11T03:50:00Z"),
            end: new Date("2027-03-11T08:15:00Z"),
            fixtures: ["UCL R16 leg 2"],
            kickoff: new Date("2027-03-11T05:00:00Z"),
            typedKickoffs: [{ kickoff: "2027-03-11T05:00:00Z" }],
        };
        const march = { ...ctx, now: new Date("2027-03-01T00:00:00Z") };

        it("leads with the fixture's window, then the run, in UTC and Asia/Seoul, then the kickoff to check, then the schedule", () => {
            const r = decideBackupSettings({}, { ...march, windows: [typedAsUtc], displayTimeZone: "Asia/Seoul" });
            expect(keysOf(r)).to.deep.equal(["kgsports:backupDailySchedule"]);
            const m = r.problems[0].message;
            expect(m).to.match(/^fixture "UCL R16 leg 2"'s match window \(pre-warm 2027-03-11 03:50Z \(2027-03-11 12:50 UTC\+09:00\), kickoff 2027-03-11 05:00Z \(2027-03-11 14:00 UTC\+09:00\), release 2027-03-11 08:15Z \(2027-03-11 17:15 UTC\+09:00\)\) overlaps the daily backup run at 2027-03-11 04:00Z \(2027-03-11 13:00 UTC\+09:00\), which may run until 2027-03-11 09:00Z \(2027-03-11 18:00 UTC\+09:00\); /);
            expect(m).to.contain('if you just added or moved "UCL R16 leg 2", check its kickoff (typed as UTC when it meant Asia/Seoul time? then write "2027-03-11T05:00:00+09:00")');
            // The schedule comes after the fixture.
            expect(m.indexOf("check its kickoff")).to.be.lessThan(m.indexOf("otherwise move the daily backup runs out of the match windows (kgsports:backupDailySchedule)"));
            expect(m).to.match(/allowed: .+$/);
        });

        it("shows the stack's display zone: Europe/Paris in March is CET", () => {
            const m = decideBackupSettings({}, { ...march, windows: [typedAsUtc], displayTimeZone: "Europe/Paris" }).problems[0].message;
            expect(m).to.contain("the daily backup run at 2027-03-11 04:00Z (2027-03-11 05:00 CET)").and.contain('then write "2027-03-11T05:00:00+01:00"');
        });

        it("a window of two fixtures names both", () => {
            const both = { ...typedAsUtc, label: "A + B", fixtures: ["A", "B"] };
            const m = decideBackupSettings({}, { ...march, windows: [both] }).problems[0].message;
            expect(m).to.match(/^the match window of fixtures "A" \+ "B" \(pre-warm/).and.contain('if you just added or moved "A" or "B", check their kickoffs');
        });

        it("a kickoff written with its own zone or offset meant what it said: only 'check its kickoff', no UTC rewrite", () => {
            const written = [
                { kickoff: "2027-03-11T05:00:00", timeZone: "Europe/Paris" },
                { kickoff: "2027-03-11T05:00:00+02:00" },
                { kickoff: "2027-03-11T05:00:00+01:00", timeZone: "Europe/Paris" },
            ];
            for (const typed of written) {
                const m = decideBackupSettings({}, { ...march, windows: [{ ...typedAsUtc, typedKickoffs: [typed] }], displayTimeZone: "Asia/Seoul" }).problems[0].message;
                expect(m, JSON.stringify(typed)).to.contain('if you just added or moved "UCL R16 leg 2", check its kickoff; otherwise move the daily backup runs');
                expect(m, JSON.stringify(typed)).to.not.contain("typed as UTC").and.not.contain("then write");
            }
            // Typed in UTC by its offset, or with UTC as its zone: the hint stays.
            for (const typed of [{ kickoff: "2027-03-11T05:00:00+00:00" }, { kickoff: "2027-03-11T05:00:00Z", timeZone: "UTC" }]) {
                const m = decideBackupSettings({}, { ...march, windows: [{ ...typedAsUtc, typedKickoffs: [typed] }], displayTimeZone: "Asia/Seoul" }).problems[0].message;
                expect(m, JSON.stringify(typed)).to.contain('check its kickoff (typed as UTC when it meant Asia/Seoul time? then write "2027-03-11T05:00:00+09:00")');
            }
        });

        it("the validated stack passes the fixture and its displayTimeZone through", async () => {
            const { validateStackConfig } = await import("../stacks/config/validate");
            const { fixturesStackConfig } = await import("./helpers/stackConfigs");
            const fixture = { name: "UCL R16 leg 2", kickoff: "2027-03-11T05:00:00Z", expectedPeakViewers: 100_000 };
            const values = fixturesStackConfig([fixture], { "kgsports:displayTimeZone": "Europe/Paris", "kgsports:preWarmLeadMinutes": "70", "kgsports:matchWindowMinutes": "165", "kgsports:releaseDelayMinutes": "30" });
            const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, { readProjectFile: () => "#!/bin/bash\n", now: march.now });
            expect(r.ok).to.equal(false);
            const p = (r as { problems: { key: string; message: string }[] }).problems.find((x) => x.key === "kgsports:backupDailySchedule");
            expect(p?.message).to.match(/^fixture "UCL R16 leg 2"'s match window \(pre-warm 2027-03-11 03:50Z \(2027-03-11 04:50 CET\), kickoff 2027-03-11 05:00Z \(2027-03-11 06:00 CET\)/);
            expect(p?.message).to.contain('check its kickoff (typed as UTC when it meant Europe/Paris time? then write "2027-03-11T05:00:00+01:00")');
            // The same kickoff written in Paris time, with its zone: no UTC slip to suggest.
            const paris = fixturesStackConfig([{ ...fixture, kickoff: "2027-03-11T06:00:00", timeZone: "Europe/Paris" }], {
                "kgsports:displayTimeZone": "Europe/Paris", "kgsports:preWarmLeadMinutes": "70", "kgsports:matchWindowMinutes": "165", "kgsports:releaseDelayMinutes": "30",
            });
            const q = validateStackConfig({ project: "kgsports", stack: "matchday", values: paris }, { readProjectFile: () => "#!/bin/bash\n", now: march.now });
            const m = (q as { problems: { key: string; message: string }[] }).problems.find((x) => x.key === "kgsports:backupDailySchedule")?.message;
            expect(m).to.contain('if you just added or moved "UCL R16 leg 2", check its kickoff; otherwise').and.not.contain("typed as UTC");
        });
    });
});
