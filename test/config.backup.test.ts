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
        expect(clash.problems[0].message).to.contain("backup rule \"daily\" runs at 2027-05-29 19:00Z").and.contain("\"UCL final\" (2027-05-29 17:50Z to 2027-05-29 22:15Z)");
        // Midday in Seoul (04:00Z) plus 4 hours of windows stays clear of it.
        expect(decideBackupSettings({}, { ...ctx, windows }).problems).to.deep.equal([]);
        // The golden image too (its schedule is UTC): Saturday 29 May 2027 at 18:00Z.
        const image = decideBackupSettings({ goldenImageSchedule: "cron(0 18 ? * SAT *)" }, { ...ctx, windows });
        expect(keysOf(image)).to.deep.equal(["kgsports:goldenImageSchedule"]);
    });
});
