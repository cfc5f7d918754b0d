/**
 * BackupPolicy's pure parts: the validators at AWS's boundaries, the AWS cron reading,
 * the match-window conflicts, the selection matcher, the plan rules and the golden-image
 * policy as data. No mock runtime.
 */
import { expect } from "chai";
import {
    allInstancesPattern,
    backupJobFailedPattern,
    backupPatternMatches,
    BackupPolicyArgs,
    backupPolicyArgsProblems,
    backupPolicyJobs,
    backupScheduleProblem,
    backupWindowConflicts,
    BackupSelectionSpec,
    changeableForDaysProblem,
    coldStorageAfterDaysProblem,
    completionWindowProblem,
    copyRegionProblem,
    cronRuns,
    decideGoldenImagePolicy,
    decidePlanRules,
    decideSelection,
    DEFAULT_BACKUP_TAG,
    deleteAfterDaysProblem,
    DEPRECATED_VAULT_EVENTS,
    describeWindowConflict,
    dlmCronProblem,
    dlmIntervalHoursProblem,
    dlmTimeProblem,
    goldenImageCron,
    goldenImageJob,
    lifecycleProblem,
    lockRetentionProblem,
    MatchWindow,
    readAwsCron,
    retainCountProblem,
    retentionInLockProblem,
    rulesOf,
    ScheduledJob,
    selectionPicks,
    startWindowProblem,
    tagKeyProblem,
    timeZoneProblem,
    VAULT_NOTIFICATION_EVENTS,
} from "@kgsports/backup-policy";

const at = (iso: string) => new Date(iso);

/** A validator's sentence: about the value, ending with one "allowed: ..." clause. */
function expectAllowedSentence(problem: string | undefined): void {
    expect(problem, "a problem").to.be.a("string");
    const parts = problem!.split("; allowed: ");
    expect(parts, problem).to.have.length(2);
    expect(parts[1], problem).to.not.contain("; ");
    expect(parts[1].length, problem).to.be.greaterThan(3);
}

function validArgs(overrides: Partial<BackupPolicyArgs> = {}): BackupPolicyArgs {
    return {
        namePrefix: "kgsports-matchday",
        homeRegion: "ap-northeast-2",
        daily: { schedule: "cron(0 4 ? * * *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 60, completionWindowMinutes: 180, deleteAfterDays: 35 },
        weekly: { schedule: "cron(30 5 ? * 3 *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 60, completionWindowMinutes: 240, coldStorageAfterDays: 30, deleteAfterDays: 120 },
        lock: { minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
        copyTo: { region: "ap-northeast-1", lock: { minRetentionDays: 7 } },
        webTierTag: { key: "Name", value: "web-tier" },
        goldenImage: { tagKey: "kgsports:golden-image", tagValue: "web", schedule: "cron(0 5 ? * 2 *)", retainCount: 8 },
        ...overrides,
    };
}

describe("BackupPolicy (pure)", () => {
    describe("validators at AWS's boundaries", () => {
        it("start window: at least 60 minutes, at most 100 years, whole", () => {
            expectAllowedSentence(startWindowProblem(59));
            expect(startWindowProblem(60)).to.equal(undefined);
            expect(startWindowProblem(52_560_000)).to.equal(undefined);
            expectAllowedSentence(startWindowProblem(52_560_001));
            expectAllowedSentence(startWindowProblem(60.5));
        });

        it("completion window: at least the start window + 60 minutes", () => {
            expectAllowedSentence(completionWindowProblem(119, 60));
            expect(completionWindowProblem(120, 60)).to.equal(undefined);
            expectAllowedSentence(completionWindowProblem(239, 180));
            expect(completionWindowProblem(240, 180)).to.equal(undefined);
            expect(completionWindowProblem(239, 180)).to.contain("(240)");
        });

        it("lifecycle: deletion at least 90 days after the move to cold storage; none without cold storage", () => {
            expectAllowedSentence(lifecycleProblem(30, 119));
            expect(lifecycleProblem(30, 119)).to.contain("at least 120 days");
            expect(lifecycleProblem(30, 120)).to.equal(undefined);
            expect(lifecycleProblem(undefined, 1)).to.equal(undefined);
            expectAllowedSentence(coldStorageAfterDaysProblem(0));
            expect(coldStorageAfterDaysProblem(1)).to.equal(undefined);
            expectAllowedSentence(deleteAfterDaysProblem(0));
            expect(deleteAfterDaysProblem(1)).to.equal(undefined);
            expect(deleteAfterDaysProblem(36_500)).to.equal(undefined);
            expectAllowedSentence(deleteAfterDaysProblem(36_501));
        });

        it("retention inside the vault lock's minimum and maximum; the lock's own bounds", () => {
            const lock = { minRetentionDays: 7, maxRetentionDays: 400 };
            expectAllowedSentence(retentionInLockProblem(6, lock));
            expect(retentionInLockProblem(6, lock)).to.contain("minimum of 7");
            expect(retentionInLockProblem(7, lock)).to.equal(undefined);
            expect(retentionInLockProblem(400, lock)).to.equal(undefined);
            expectAllowedSentence(retentionInLockProblem(401, lock));
            expect(retentionInLockProblem(401, lock)).to.contain("maximum of 400");
            expect(retentionInLockProblem(1, {})).to.equal(undefined);
            expectAllowedSentence(lockRetentionProblem(10, 5));
            expect(lockRetentionProblem(5, 10)).to.equal(undefined);
            expect(lockRetentionProblem(10, 10)).to.equal(undefined);
            expectAllowedSentence(lockRetentionProblem(0, undefined));
            expectAllowedSentence(lockRetentionProblem(undefined, 36_501));
        });

        it("grace period of a compliance-mode lock: at least 3 days", () => {
            expectAllowedSentence(changeableForDaysProblem(2));
            expect(changeableForDaysProblem(2)).to.contain("never be changed or removed");
            expect(changeableForDaysProblem(3)).to.equal(undefined);
            expectAllowedSentence(changeableForDaysProblem(0));
            expectAllowedSentence(changeableForDaysProblem(3.5));
        });

        it("a copy region is a region, and not the home region", () => {
            expectAllowedSentence(copyRegionProblem("ap-northeast-2", "ap-northeast-2"));
            expect(copyRegionProblem("ap-northeast-2", "ap-northeast-2")).to.contain("home region");
            expect(copyRegionProblem("ap-northeast-1", "ap-northeast-2")).to.equal(undefined);
            expectAllowedSentence(copyRegionProblem("tokyo", "ap-northeast-2"));
        });

        it("time zones: IANA names the runtime knows, not offsets", () => {
            expect(timeZoneProblem("Asia/Seoul")).to.equal(undefined);
            expect(timeZoneProblem("Europe/London")).to.equal(undefined);
            expect(timeZoneProblem("Etc/UTC")).to.equal(undefined);
            expectAllowedSentence(timeZoneProblem("Asia/Busan"));
            expectAllowedSentence(timeZoneProblem("+09:00"));
            expectAllowedSentence(timeZoneProblem(""));
        });

        it("tag keys: not aws:, at most 128", () => {
            expect(tagKeyProblem("kgsports:backup")).to.equal(undefined);
            expectAllowedSentence(tagKeyProblem("aws:backup"));
            expectAllowedSentence(tagKeyProblem("x".repeat(129)));
            expect(tagKeyProblem("x".repeat(128))).to.equal(undefined);
        });

        it("golden images: DLM's intervals, times, retain counts and cron interval", () => {
            for (const h of [1, 2, 3, 4, 6, 8, 12, 24]) expect(dlmIntervalHoursProblem(h), String(h)).to.equal(undefined);
            for (const h of [0, 5, 48]) expectAllowedSentence(dlmIntervalHoursProblem(h));
            expect(dlmTimeProblem("23:59")).to.equal(undefined);
            expect(dlmTimeProblem("00:00")).to.equal(undefined);
            for (const t of ["24:00", "5:00", "05:60", "0500"]) expectAllowedSentence(dlmTimeProblem(t));
            expectAllowedSentence(retainCountProblem(0));
            expect(retainCountProblem(1)).to.equal(undefined);
            expect(retainCountProblem(1000)).to.equal(undefined);
            expectAllowedSentence(retainCountProblem(1001));
            expect(dlmCronProblem("cron(0 5 ? * * *)")).to.equal(undefined);
            expect(dlmCronProblem("cron(0 * ? * * *)")).to.equal(undefined);
            expectAllowedSentence(dlmCronProblem("cron(0/30 * ? * * *)"));
            expectAllowedSentence(dlmCronProblem("cron(0 5 * * *)"));
        });
    });

    describe("AWS cron expressions (AWS Backup)", () => {
        it("accepts AWS's six-field form with ? in exactly one day field", () => {
            for (const e of [
                "cron(0 19 ? * * *)", "cron(0 5 1 * ? *)", "cron(0 5 ? * MON-FRI *)", "cron(0 5 ? * 6#3 *)", "cron(0 5 ? * 6L *)",
                "cron(0 5 L * ? *)", "cron(0 5 ? * * 2027-2030)", "cron(0 0/4 ? * * *)", "cron(0 * ? * * *)", "cron(30 0,23 ? * * *)",
            ]) {
                expect(backupScheduleProblem(e), e).to.equal(undefined);
            }
        });

        it("refuses what AWS refuses, saying why", () => {
            const cases: [string, string][] = [
                ["0 19 ? * * *", 'written as AWS writes a schedule, "cron(...)"'],
                ["cron(0 19 * * *)", "has 5 fields"],
                ["cron(0 19 * * * *)", "? in exactly one"],
                ["cron(0 19 ? * ? *)", "? in both"],
                ["cron(0 5 ? * 0 *)", "1 (SUN) to 7 (SAT)"],
                ["cron(0 5 ? * 8 *)", "1 (SUN) to 7 (SAT)"],
                ["cron(0 5 ? * 2#6 *)", "1 to 5"],
                ["cron(0 25 ? * * *)", "not a schedule that runs"],
                ["cron(0 5 30 2 ? *)", "not a schedule that runs"],
                ["cron(0 5 ? * * 1969)", "Year"],
                ["cron(0 5 15W * ? *)", "W (nearest weekday)"],
            ];
            for (const [e, reason] of cases) {
                const p = backupScheduleProblem(e);
                expectAllowedSentence(p);
                expect(p, e).to.contain(reason);
            }
        });

        it("AWS Backup needs an hour between runs: hourly passes, every 30 minutes or two minutes in an hour do not", () => {
            expect(backupScheduleProblem("cron(0 * ? * * *)")).to.equal(undefined);
            expect(backupScheduleProblem("cron(0/30 * ? * * *)")).to.contain("30 minutes after a previous run");
            expect(backupScheduleProblem("cron(0,1 4 ? * * *)")).to.contain("1 minute after a previous run");
            expect(backupScheduleProblem("cron(0,59 4 ? * * *)")).to.contain("59 minutes after a previous run");
            expect(backupScheduleProblem("cron(0 4,5 ? * * *)")).to.equal(undefined);
        });

        it("reads AWS's days of the week (1 = SUN ... 7 = SAT) and the Year field", () => {
            // 2027-05-31 is a Monday: AWS's 2.
            const mondays = cronRuns(readCron("cron(0 5 ? * 2 *)"), "UTC", at("2027-05-01T00:00:00Z"), at("2027-07-01T00:00:00Z"));
            expect(mondays.length).to.equal(9);
            for (const d of mondays) expect(d.getUTCDay(), d.toISOString()).to.equal(1);
            // The third Friday (6#3) of May 2027 is the 21st.
            expect(cronRuns(readCron("cron(0 5 ? * 6#3 *)"), "UTC", at("2027-05-01T00:00:00Z"), at("2027-06-01T00:00:00Z")).map((d) => d.toISOString())).to.deep.equal(["2027-05-21T05:00:00.000Z"]);
            // The last Saturday: 7L.
            expect(cronRuns(readCron("cron(0 5 ? * 7L *)"), "UTC", at("2027-05-01T00:00:00Z"), at("2027-06-01T00:00:00Z")).map((d) => d.toISOString())).to.deep.equal(["2027-05-29T05:00:00.000Z"]);
            expect(cronRuns(readCron("cron(0 5 1 * ? 2028)"), "UTC", at("2027-01-01T00:00:00Z"), at("2028-03-01T00:00:00Z")).map((d) => d.toISOString())).to.deep.equal(["2028-01-01T05:00:00.000Z", "2028-02-01T05:00:00.000Z"]);
            // A run exactly at `from` counts; one exactly at `to` does not.
            expect(cronRuns(readCron("cron(0 5 ? * * *)"), "UTC", at("2027-05-01T05:00:00Z"), at("2027-05-02T05:00:00Z")).map((d) => d.toISOString())).to.deep.equal(["2027-05-01T05:00:00.000Z"]);
        });
    });

    describe("no job during a match window", () => {
        const uclFinal: MatchWindow = { label: "UCL final", start: at("2027-05-29T17:50:00Z"), end: at("2027-05-29T22:15:00Z") };
        const from = at("2027-05-28T00:00:00Z");
        const to = at("2027-05-31T00:00:00Z");
        const job = (schedule: string, zone: string, start = 60, completion = 120, name = "daily"): ScheduledJob =>
            ({ name, schedule, scheduleExpressionTimezone: zone, startWindowMinutes: start, completionWindowMinutes: completion });

        it("a daily cron(0 19 ? * * *) in UTC runs into the 17:50Z-22:15Z window once, with both times", () => {
            const conflicts = backupWindowConflicts([job("cron(0 19 ? * * *)", "Etc/UTC")], [uclFinal], from, to);
            expect(conflicts).to.deep.equal([{
                rule: "daily",
                runStart: at("2027-05-29T19:00:00Z"),
                runEnd: at("2027-05-29T22:00:00Z"),
                windowLabel: "UCL final",
                windowStart: uclFinal.start,
                windowEnd: uclFinal.end,
            }]);
            expect(describeWindowConflict(conflicts[0])).to.equal('backup rule "daily" runs at 2027-05-29 19:00Z and may run until 2027-05-29 22:00Z, overlapping "UCL final" (2027-05-29 17:50Z to 2027-05-29 22:15Z)');
        });

        it("reads each rule in its time zone: 04:00 Asia/Seoul is 19:00Z the day before and conflicts; 04:00 UTC and 10:00 Asia/Seoul do not", () => {
            const seoul = backupWindowConflicts([job("cron(0 4 ? * * *)", "Asia/Seoul")], [uclFinal], from, to);
            expect(seoul.map((c) => c.runStart.toISOString())).to.deep.equal(["2027-05-29T19:00:00.000Z"]);
            expect(backupWindowConflicts([job("cron(0 4 ? * * *)", "Etc/UTC")], [uclFinal], from, to)).to.deep.equal([]);
            expect(backupWindowConflicts([job("cron(0 10 ? * * *)", "Asia/Seoul")], [uclFinal], from, to)).to.deep.equal([]);
        });

        it("daylight saving: 20:00 Europe/London is 19:00Z in May (conflicts) and 20:00Z in January", () => {
            const london = job("cron(0 20 ? * * *)", "Europe/London", 60, 60);
            expect(backupWindowConflicts([london], [{ label: "may", start: at("2027-05-29T18:30:00Z"), end: at("2027-05-29T19:30:00Z") }], from, to)).to.have.length(1);
            const january = { label: "january", start: at("2027-01-15T18:30:00Z"), end: at("2027-01-15T19:30:00Z") };
            expect(backupWindowConflicts([london], [january], at("2027-01-14T00:00:00Z"), at("2027-01-17T00:00:00Z"))).to.deep.equal([]);
            const later = { label: "january late", start: at("2027-01-15T20:30:00Z"), end: at("2027-01-15T21:00:00Z") };
            expect(backupWindowConflicts([london], [later], at("2027-01-14T00:00:00Z"), at("2027-01-17T00:00:00Z")).map((c) => c.runStart.toISOString())).to.deep.equal(["2027-01-15T20:00:00.000Z"]);
        });

        it("counts the whole start and completion windows: a run before the window that may still run into it conflicts; touching ends do not", () => {
            expect(backupWindowConflicts([job("cron(0 17 ? * * *)", "UTC", 60, 120)], [uclFinal], from, to)).to.have.length(1);
            // 15:50 + 60 + 60 minutes ends exactly at 17:50.
            expect(backupWindowConflicts([job("cron(50 15 ? * * *)", "UTC", 60, 60)], [uclFinal], from, to)).to.deep.equal([]);
            expect(backupWindowConflicts([job("cron(51 15 ? * * *)", "UTC", 60, 60)], [uclFinal], from, to)).to.have.length(1);
            // A run starting exactly at the window's end does not overlap it.
            expect(backupWindowConflicts([job("cron(15 22 ? * * *)", "UTC")], [uclFinal], from, to)).to.deep.equal([]);
        });

        it("honours the Year field and the period asked", () => {
            expect(backupWindowConflicts([job("cron(0 19 ? * * 2028)", "UTC")], [uclFinal], from, to)).to.deep.equal([]);
            expect(backupWindowConflicts([job("cron(0 19 ? * * *)", "UTC")], [uclFinal], at("2027-05-30T00:00:00Z"), to)).to.deep.equal([]);
        });

        it("refuses to guess: an invalid schedule or an unknown time zone throws, naming the rule", () => {
            expect(() => backupWindowConflicts([job("cron(0 19 * * *)", "UTC")], [uclFinal], from, to)).to.throw(/rule daily: cron\(0 19 \* \* \*\) has 5 fields/);
            expect(() => backupWindowConflicts([job("cron(0 19 ? * * *)", "Asia/Busan")], [uclFinal], from, to)).to.throw(/rule daily: time zone "Asia\/Busan"/);
        });

        it("every rule against every window, sorted by run; and the golden image (UTC, DLM's hour to start, then the image)", () => {
            const semi: MatchWindow = { label: "semi-final", start: at("2027-05-28T18:20:00Z"), end: at("2027-05-28T21:00:00Z") };
            const golden = goldenImageJob({ tagKey: "kgsports:golden-image", tagValue: "web", schedule: { everyHours: 24, at: "20:30" }, retainCount: 7 });
            expect(golden).to.deep.equal({ name: "golden-image", schedule: "cron(30 20 * * ? *)", scheduleExpressionTimezone: "UTC", startWindowMinutes: 60, completionWindowMinutes: 60 });
            const conflicts = backupWindowConflicts([golden, job("cron(0 19 ? * * *)", "UTC")], [uclFinal, semi], from, to);
            expect(conflicts.map((c) => `${c.rule} ${c.runStart.toISOString()} ${c.windowLabel}`)).to.deep.equal([
                "daily 2027-05-28T19:00:00.000Z semi-final",
                "golden-image 2027-05-28T20:30:00.000Z semi-final",
                "daily 2027-05-29T19:00:00.000Z UCL final",
                "golden-image 2027-05-29T20:30:00.000Z UCL final",
            ]);
            expect(describeWindowConflict(conflicts[1])).to.contain("the golden image runs at 2027-05-28 20:30Z and may run until 2027-05-28 22:30Z");
        });

        it("backupPolicyJobs: the args' rules and the golden image, with their time zones and windows", () => {
            const jobs = backupPolicyJobs(validArgs());
            expect(jobs.map((j) => `${j.name} ${j.schedule} ${j.scheduleExpressionTimezone} ${j.startWindowMinutes}+${j.completionWindowMinutes}`)).to.deep.equal([
                "daily cron(0 4 ? * * *) Asia/Seoul 60+180",
                "weekly cron(30 5 ? * 3 *) Asia/Seoul 60+240",
                "golden-image cron(0 5 ? * 2 *) UTC 60+60",
            ]);
            // 04:00 in Seoul runs 19:00Z to 23:00Z at the latest: into the final.
            expect(backupWindowConflicts(jobs, [uclFinal], from, to).map((c) => c.rule)).to.deep.equal(["daily"]);
        });
    });

    describe("the selection and how AWS matches it", () => {
        const selection = decideSelection({ partition: "aws", backupTag: DEFAULT_BACKUP_TAG, webTierTag: { key: "Name", value: "web-tier" } });
        const stackTags = { project: "kgsports", stack: "matchday" };
        const webInstance = (tags: Record<string, string>) => ({ arn: "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-0abc1234def567890", type: "EC2", tags });
        const volume = (id: string, tags: Record<string, string>) => ({ arn: `arn:aws:ec2:ap-northeast-2:123456789012:volume/${id}`, type: "EBS", tags });

        it("is EBS volumes and DynamoDB tables carrying the backup tag: no selectionTags, every EC2 instance excluded, the web tier's tag excluded", () => {
            expect(selection).to.deep.equal({
                resources: ["arn:aws:ec2:*:*:volume/*", "arn:aws:dynamodb:*:*:table/*"],
                notResources: ["arn:aws:ec2:*:*:instance/*"],
                conditions: [{
                    stringEquals: [{ key: "aws:ResourceTag/kgsports:backup", value: "daily" }],
                    stringNotEquals: [{ key: "aws:ResourceTag/Name", value: "web-tier" }],
                }],
            });
            expect(allInstancesPattern("aws-cn")).to.equal("arn:aws-cn:ec2:*:*:instance/*");
        });

        it("never picks a web instance, whatever tags a scale-out gives it (the backup tag included)", () => {
            const variants: Record<string, string>[] = [
                { ...stackTags, Name: "web-tier" },
                { ...stackTags, Name: "web-tier", "kgsports:backup": "daily" },
                { ...stackTags, "kgsports:backup": "daily" },
                { "kgsports:backup": "daily" },
            ];
            for (const tags of variants) expect(selectionPicks(selection, webInstance(tags)), JSON.stringify(tags)).to.equal(false);
        });

        it("picks a tagged data volume, not an untagged one nor a web instance's root volume", () => {
            expect(selectionPicks(selection, volume("vol-0data", { ...stackTags, "kgsports:backup": "daily" }))).to.equal(true);
            expect(selectionPicks(selection, volume("vol-0data", { ...stackTags }))).to.equal(false);
            expect(selectionPicks(selection, volume("vol-0data", { "kgsports:backup": "weekly" }))).to.equal(false);
            expect(selectionPicks(selection, volume("vol-0root", { ...stackTags, Name: "web-tier", "kgsports:backup": "daily" }))).to.equal(false);
            // Without the web tier's tag condition that root volume would be backed up.
            const noWebTag = decideSelection({ partition: "aws", backupTag: DEFAULT_BACKUP_TAG });
            expect(selectionPicks(noWebTag, volume("vol-0root", { ...stackTags, Name: "web-tier", "kgsports:backup": "daily" }))).to.equal(true);
            // A tagged database is not picked: the backup role's boundary could not back it up (see backupPolicy.boundary.test.ts).
            expect(selectionPicks(selection, { arn: "arn:aws:rds:ap-northeast-2:123456789012:db:matches", type: "RDS", tags: { "kgsports:backup": "daily" } })).to.equal(false);
        });

        it("models AWS's OR of resources and tags: a careless selection (an instance wildcard plus tags) picks every scaled-out web instance", () => {
            const careless: BackupSelectionSpec = {
                resources: ["arn:aws:ec2:*:*:instance/*"],
                selectionTags: [{ type: "STRINGEQUALS", key: "kgsports:backup", value: "daily" }],
            };
            expect(selectionPicks(careless, webInstance({ ...stackTags, Name: "web-tier" }))).to.equal(true);
            expect(selectionPicks(careless, volume("vol-0data", { "kgsports:backup": "daily" }))).to.equal(true);
            // NotResources wins over both; conditions narrow both.
            expect(selectionPicks({ ...careless, notResources: ["arn:aws:ec2:*:*:instance/*"] }, webInstance({ "kgsports:backup": "daily" }))).to.equal(false);
            expect(selectionPicks({ ...careless, conditions: [{ stringEquals: [{ key: "aws:ResourceTag/tier", value: "data" }] }] }, webInstance({}))).to.equal(false);
        });

        it("conditions: all must hold; negated ones hold without the tag; likes use *; no resources nor tags picks nothing; unsupported types by tag never", () => {
            const base: BackupSelectionSpec = { selectionTags: [{ type: "STRINGEQUALS", key: "b", value: "y" }] };
            const v = (tags: Record<string, string>) => volume("vol-1", { b: "y", ...tags });
            expect(selectionPicks({ ...base, conditions: [{ stringLikes: [{ key: "aws:ResourceTag/env", value: "prod*" }] }] }, v({ env: "production" }))).to.equal(true);
            expect(selectionPicks({ ...base, conditions: [{ stringLikes: [{ key: "aws:ResourceTag/env", value: "prod*" }] }] }, v({}))).to.equal(false);
            expect(selectionPicks({ ...base, conditions: [{ stringNotLikes: [{ key: "aws:ResourceTag/env", value: "test*" }] }] }, v({}))).to.equal(true);
            expect(selectionPicks({ ...base, conditions: [{ stringNotLikes: [{ key: "aws:ResourceTag/env", value: "test*" }] }] }, v({ env: "test-1" }))).to.equal(false);
            expect(selectionPicks({ ...base, conditions: [{ stringEquals: [{ key: "aws:ResourceTag/a", value: "1" }, { key: "aws:ResourceTag/c", value: "2" }] }] }, v({ a: "1" }))).to.equal(false);
            expect(selectionPicks({ conditions: [{ stringEquals: [{ key: "aws:ResourceTag/b", value: "y" }] }] }, v({}))).to.equal(false);
            expect(selectionPicks(base, { arn: "arn:aws:sqs:ap-northeast-2:123456789012:queue", type: "SQS", tags: { b: "y" } })).to.equal(false);
            expect(backupPatternMatches("arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:ap-northeast-2:1:volume/vol-1")).to.equal(true);
            expect(backupPatternMatches("arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:ap-northeast-2:1:instance/i-1")).to.equal(false);
            expect(backupPatternMatches("arn:aws:ec2:*:*:volume/vol-1", "arn:aws:ec2:x:1:volume/vol-1x")).to.equal(false);
        });
    });

    describe("plan rules, golden image and notifications as data", () => {
        it("each rule given becomes a plan rule into the vault, copying with the same lifecycle unless it opts out", () => {
            const rules = rulesOf({
                daily: { schedule: "cron(0 4 ? * * *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 60, completionWindowMinutes: 180, deleteAfterDays: 35 },
                monthly: { schedule: "cron(0 4 1 * ? *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 120, completionWindowMinutes: 600, coldStorageAfterDays: 30, deleteAfterDays: 365, copyToSecondRegion: false },
            });
            const planned = decidePlanRules(rules, "vault", "copy-arn");
            expect(planned).to.deep.equal([
                {
                    ruleName: "daily", targetVaultName: "vault", schedule: "cron(0 4 ? * * *)", scheduleExpressionTimezone: "Asia/Seoul", startWindow: 60, completionWindow: 180,
                    lifecycle: { deleteAfter: 35 }, copyActions: [{ destinationVaultArn: "copy-arn", lifecycle: { deleteAfter: 35 } }], recoveryPointTags: { "kgsports:backup-rule": "daily" },
                },
                {
                    ruleName: "monthly", targetVaultName: "vault", schedule: "cron(0 4 1 * ? *)", scheduleExpressionTimezone: "Asia/Seoul", startWindow: 120, completionWindow: 600,
                    lifecycle: { coldStorageAfter: 30, deleteAfter: 365 }, copyActions: [], recoveryPointTags: { "kgsports:backup-rule": "monthly" },
                },
            ]);
            expect(decidePlanRules(rules, "vault", undefined).every((r) => r.copyActions.length === 0)).to.equal(true);
        });

        it("golden images: a cron or an interval from a time, the target tag, the count kept, no reboot by default", () => {
            const details = decideGoldenImagePolicy({ tagKey: "kgsports:golden-image", tagValue: "web", schedule: "cron(0 5 ? * 2 *)", retainCount: 8 }, "p-golden-image");
            expect(details.policyType).to.equal("IMAGE_MANAGEMENT");
            expect(details.resourceTypes).to.deep.equal(["INSTANCE"]);
            expect(details.targetTags).to.deep.equal({ "kgsports:golden-image": "web" });
            expect(details.parameters).to.deep.equal({ noReboot: true });
            expect(details.schedules[0].createRule).to.deep.equal({ cronExpression: "cron(0 5 ? * 2 *)" });
            expect(details.schedules[0].retainRule).to.deep.equal({ count: 8 });
            const rebooting = decideGoldenImagePolicy({ tagKey: "k", tagValue: "v", schedule: { everyHours: 12, at: "09:15" }, retainCount: 3, noReboot: false }, "x");
            expect(rebooting.parameters).to.deep.equal({ noReboot: false });
            expect(rebooting.schedules[0].createRule).to.deep.equal({ interval: 12, intervalUnit: "HOURS", times: "09:15" });
            expect(goldenImageCron({ everyHours: 8, at: "19:30" })).to.equal("cron(30 3,11,19 * * ? *)");
            expect(goldenImageCron({ everyHours: 24, at: "04:05" })).to.equal("cron(5 4 * * ? *)");
            expect(dlmCronProblem(goldenImageCron({ everyHours: 1, at: "00:10" }))).to.equal(undefined);
        });

        it("vault events are ones AWS still sends; failed backup jobs come from EventBridge instead", () => {
            expect(VAULT_NOTIFICATION_EVENTS).to.include.members(["COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED"]);
            for (const e of VAULT_NOTIFICATION_EVENTS) expect(DEPRECATED_VAULT_EVENTS, e).to.not.include(e);
            expect(backupJobFailedPattern()).to.deep.equal({
                source: ["aws.backup"],
                "detail-type": ["Backup Job State Change"],
                detail: { state: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"] },
            });
        });
    });

    describe("backupPolicyArgsProblems", () => {
        it("valid args have no problem", () => {
            expect(backupPolicyArgsProblems("backup", validArgs(), "ap-northeast-2")).to.deep.equal([]);
        });

        it("names each field, its value and what is allowed", () => {
            const cases: [Partial<BackupPolicyArgs>, string][] = [
                [{ copyTo: { region: "ap-northeast-2" } }, 'copyTo.region = "ap-northeast-2": is the home region'],
                [{ weekly: { ...validArgs().weekly!, deleteAfterDays: 119 } }, "weekly.deleteAfterDays = 119: deletes recovery points 119 days"],
                [{ daily: { ...validArgs().daily!, deleteAfterDays: 6 } }, "daily.deleteAfterDays = 6: keeps recovery points 6 days, under the vault lock's minimum of 7"],
                [{ daily: { ...validArgs().daily!, deleteAfterDays: 401 } }, "daily.deleteAfterDays = 401: keeps recovery points 401 days, over the vault lock's maximum of 400"],
                [{ lock: { changeableForDays: 2 } }, "lock.changeableForDays = 2: is out of range"],
                [{ copyTo: { region: "ap-northeast-1", lock: { minRetentionDays: 60 } } }, "daily.deleteAfterDays = 35: keeps recovery points 35 days, under the copy vault lock's minimum of 60"],
                [{ daily: { ...validArgs().daily!, schedule: "cron(0/20 * ? * * *)" } }, 'daily.schedule = "cron(0/20 * ? * * *)": runs 20 minutes after a previous run'],
                [{ daily: { ...validArgs().daily!, scheduleExpressionTimezone: "KST" } }, 'daily.scheduleExpressionTimezone = "KST"'],
                [{ daily: { ...validArgs().daily!, startWindowMinutes: 30 } }, "daily.startWindowMinutes = 30"],
                [{ daily: { ...validArgs().daily!, completionWindowMinutes: 100 } }, "daily.completionWindowMinutes = 100"],
                [{ goldenImage: { ...validArgs().goldenImage, retainCount: 1001 } }, "goldenImage.retainCount = 1001"],
                [{ goldenImage: { ...validArgs().goldenImage, schedule: { everyHours: 5, at: "04:00" } } }, "goldenImage.schedule.everyHours = 5"],
                [{ goldenImage: { ...validArgs().goldenImage, schedule: "cron(0/15 * ? * * *)" } }, 'goldenImage.schedule = "cron(0/15 * ? * * *)"'],
                [{ goldenImage: { ...validArgs().goldenImage, tagKey: "Name", tagValue: "web-tier" } }, 'goldenImage.tagValue = "web-tier": is the web tier\'s tag'],
                [{ tags: { "kgsports:backup": "daily" } }, 'tags["kgsports:backup"] = "daily": is the backup tag'],
                [{ copyTo: undefined, daily: { ...validArgs().daily!, copyToSecondRegion: true } }, "daily.copyToSecondRegion = true: has no copy vault"],
                [{ daily: undefined, weekly: undefined }, "daily, weekly, monthly: none is given"],
                [{ namePrefix: "KGSports" }, 'namePrefix = "KGSports"'],
                // A key policy names principals by ARN: a bare role name is refused, an output is not checked here.
                [{ keyAdministratorRoleArns: ["kgsports-matchday-deploy"] }, 'keyAdministratorRoleArns[0] = "kgsports-matchday-deploy": is not an IAM role ARN'],
                [{ keyAdministratorRoleArns: ["arn:aws:iam::123456789012:user/deploy"] }, "keyAdministratorRoleArns[0]"],
            ];
            for (const [override, expected] of cases) {
                const problems = backupPolicyArgsProblems("backup", validArgs(override), "ap-northeast-2");
                expect(problems.some((p) => p.startsWith(expected)), `${expected}\n${problems.join("\n")}`).to.equal(true);
                for (const p of problems) expectAllowedSentence(p);
            }
        });

        it("the home region must be the provider's", () => {
            const problems = backupPolicyArgsProblems("backup", validArgs(), "us-east-1");
            expect(problems).to.have.length(1);
            expect(problems[0]).to.match(/^homeRegion = "ap-northeast-2": is not the provider's region us-east-1.*; allowed: "us-east-1"$/);
        });
    });
});

function readCron(expression: string) {
    const reading = readAwsCron(expression);
    if (!reading.ok) throw new Error(reading.reason);
    return reading.cron;
}
