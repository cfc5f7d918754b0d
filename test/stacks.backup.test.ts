/** BackupPolicy in both stacks: a protected vault, a lock in matchday only, failures to the warning topic, the web fleet never selected. */
import { expect } from "chai";
import { named, ofType, one, plannedStack } from "./helpers/declare";

describe("BackupPolicy in the stacks", () => {
    it("both stacks back up by tag into a protected, retained vault; only matchday locks it", async () => {
        for (const stack of ["dev", "matchday"]) {
            const { resources } = (await plannedStack(stack)).run;
            const vault = one(resources, "aws:backup/vault:Vault");
            expect(vault.options.protect, stack).to.equal(true);
            expect(vault.options.retainOnDelete, stack).to.equal(true);
            const key = named(resources, "backup-key");
            expect(key.options.protect, stack).to.equal(true);
            expect(key.inputs.enableKeyRotation, stack).to.equal(true);
            expect(ofType(resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").length, stack).to.equal(stack === "matchday" ? 1 : 0);
        }
        const lock = one((await plannedStack("matchday")).run.resources, "aws:backup/vaultLockConfiguration:VaultLockConfiguration").inputs;
        expect(lock).to.deep.include({ minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 });
    });

    it("keeps what the README's retention table says, in both stacks", async () => {
        for (const stack of ["dev", "matchday"]) {
            const { resources } = (await plannedStack(stack)).run;
            const rules = (one(resources, "aws:backup/plan:Plan").inputs.rules as any[]).map((r) => [r.ruleName, r.schedule, r.scheduleExpressionTimezone, r.lifecycle?.deleteAfter]);
            expect(rules, stack).to.deep.equal([
                ["daily", "cron(0 13 ? * * *)", "Asia/Seoul", 35],
                ["weekly", "cron(0 14 ? * SUN *)", "Asia/Seoul", 90],
                ["monthly", "cron(0 15 1 * ? *)", "Asia/Seoul", 365],
            ]);
            expect(JSON.stringify(one(resources, "aws:dlm/lifecyclePolicy:LifecyclePolicy").inputs), stack).to.contain('"count":4').and.contain("cron(0 5 ? * MON *)");
        }
    });

    it("selects tagged EBS volumes and DynamoDB tables only and never the web tier's instances", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const selection = one(resources, "aws:backup/selection:Selection").inputs as any;
        // EBS volumes and DynamoDB tables by type, the tag as a condition (backupPolicy.boundary.test.ts: what the role can back up).
        expect(selection.resources).to.deep.equal(["arn:aws:ec2:*:*:volume/*", "arn:aws:dynamodb:*:*:table/*"]);
        expect(selection.selectionTags ?? []).to.deep.equal([]);
        expect(JSON.stringify(selection)).to.contain("kgsports:backup");
        expect(JSON.stringify(selection.notResources ?? [])).to.contain("instance/");
    });

    it("reports failed jobs to the monitoring's warning topic, and the monitoring watches the vault", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const warning = named(resources, "observability-warning");
        const notifications = one(resources, "aws:backup/vaultNotifications:VaultNotifications").inputs;
        expect(notifications.snsTopicArn).to.contain(String(warning.inputs.name));
        const alarm = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => (a.inputs.name as string).endsWith("-backup-job-failed"))!;
        expect(JSON.stringify(alarm.inputs.dimensions)).to.contain("kgsports-matchday-backup");
    });
});
