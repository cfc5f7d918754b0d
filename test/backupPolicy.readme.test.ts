/**
 * BackupPolicy's README: the usage example runs as written (and refuses a schedule that
 * runs into a match), the tables name every arg, rule field, golden-image field and
 * output, and the retention table's times are what the example's schedules give.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { backupPolicyJobs, BackupSelectionSpec, backupWindowConflicts, selectionPicks } from "@kgsports/backup-policy";
import { ComponentReadme, runExample } from "./helpers/componentReadme";
import { declare, named, ofType, one } from "./helpers/declare";

const DIR = path.join(__dirname, "..", "components", "backup-policy");
const ACCOUNT = "123456789012";
const PREFIX = "kgsports-matchday";
const doc = ComponentReadme.of("backup-policy");
const readme = () => doc.text();
const usageExample = () => doc.usageExample();
const tableAfter = (heading: string) => doc.tableAfter(heading);





/** Field names of an exported interface in a component source file. */
function fieldsOf(file: string, name: string): string[] {
    const source = fs.readFileSync(path.join(DIR, file), "utf8");
    const body = new RegExp(`export interface ${name} (?:extends \\w+ )?\\{([\\s\\S]*?)\\n\\}`).exec(source)![1];
    return [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
}

describe("BackupPolicy README", () => {
    it("the usage example runs as written: the vault, the tagged volume it backs up, notifications the warning topic accepts", async () => {
        const { resources, unansweredCalls, result } = await declare(() => runExample(usageExample()));
        expect(unansweredCalls).to.deep.equal([]);
        one(resources, "kgsports:backup:BackupPolicy");
        one(resources, "kgsports:observability:Observability");
        for (const key of ["backupVaultName", "backupVaultArn", "backupCopyVaultArn", "goldenImagePolicyArn"]) expect(result, key).to.have.property(key);

        // The tagged data volume is what the declared selection picks.
        const volume = one(resources, "aws:ebs/volume:Volume");
        const selection = one(resources, "aws:backup/selection:Selection").inputs as BackupSelectionSpec;
        const candidate = { arn: `arn:aws:ec2:ap-northeast-2:${ACCOUNT}:volume/vol-0data`, type: "EBS", tags: volume.inputs.tags as Record<string, string> };
        expect(selectionPicks(selection, candidate)).to.equal(true);
        expect(selectionPicks(selection, { ...candidate, tags: { ...candidate.tags, Name: "web-web" } })).to.equal(false);

        // Observability's warning topic accepts what BackupPolicy sends it: AWS Backup, and its rules.
        const topicArn = `arn:aws:sns:ap-northeast-2:${ACCOUNT}:${PREFIX}-alerts-warning`;
        expect(one(resources, "aws:backup/vaultNotifications:VaultNotifications").inputs.snsTopicArn).to.equal(topicArn);
        const topicPolicy = JSON.parse(String(named(resources, "observability-warning-policy").inputs.policy)) as object;
        const publish = async (principal: string, context: Record<string, string>) => {
            const r = await runSimulation({
                identityPolicies: [], serviceControlPolicies: [], resourceControlPolicies: [], resourcePolicy: topicPolicy,
                request: { principal, action: "sns:Publish", resource: { resource: topicArn, accountId: ACCOUNT }, contextVariables: context },
            } as never, {});
            return (r as { overallResult?: string }).overallResult;
        };
        expect(await publish("backup.amazonaws.com", { "aws:SourceAccount": ACCOUNT })).to.equal("Allowed");
        const rules = ofType(resources, "aws:cloudwatch/eventRule:EventRule").map((r) => String(r.inputs.name)).filter((n) => n.startsWith(`${PREFIX}-backup`) || n.startsWith(`${PREFIX}-golden`));
        expect(rules.sort()).to.deep.equal([`${PREFIX}-backup-job-failed`, `${PREFIX}-golden-image-failed`]);
        for (const rule of rules) {
            const context = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:events:ap-northeast-2:${ACCOUNT}:rule/${rule}` };
            expect(await publish("events.amazonaws.com", context), rule).to.equal("Allowed");
        }
    });

    it("the example refuses a schedule that runs into the match, naming the rule, the night and both times", async () => {
        const source = usageExample().replace('schedule: "cron(0 12 ? * * *)"', 'schedule: "cron(0 4 ? * * *)"');
        expect(source).to.contain("cron(0 4 ? * * *)");
        let message = "";
        try {
            await declare(() => runExample(source));
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).to.contain('backup rule "daily" runs at 2027-05-29 19:00Z and may run until 2027-05-29 23:00Z, overlapping "UCL final" (2027-05-29 17:50Z to 2027-05-29 22:15Z)');
    });

    it("the args tables name every arg, rule field and golden-image field; the outputs table every output", () => {
        const table = (heading: string) => [...tableAfter(heading).keys()].join(" ");
        const args = table("## Args");
        const argFields = fieldsOf("args.ts", "BackupPolicyArgs");
        expect(argFields.length).to.be.greaterThan(12);
        for (const f of argFields) expect(args, f).to.contain(`\`${f}\``);
        const rules = table("A rule (`daily`, `weekly`, `monthly`):");
        for (const f of fieldsOf("plan.ts", "BackupRuleArgs")) expect(rules, f).to.contain(`\`${f}\``);
        const golden = table("`goldenImage`:");
        for (const f of fieldsOf("goldenImage.ts", "GoldenImageArgs")) expect(golden, f).to.contain(`\`${f}\``);
        const outputs = table("## Outputs");
        const source = fs.readFileSync(path.join(DIR, "backupPolicy.ts"), "utf8");
        const declared = [...source.matchAll(/public readonly (\w+):/g)].map((m) => m[1]);
        expect(declared.length).to.be.greaterThan(10);
        for (const o of declared) expect(outputs, o).to.contain(`\`${o}\``);
    });

    it("warns plainly that a compliance-mode lock cannot be undone after the grace period, and says how to retire the vault and key", () => {
        const text = readme();
        expect(text).to.contain("## WARNING: a vault lock in compliance mode is irreversible");
        expect(text).to.match(/After the grace period nobody can change or remove it/);
        expect(text).to.contain("## Protected resources, and retiring them on purpose");
        expect(text).to.contain("schedule-key-deletion");
        expect(text).to.contain("## Restore walk-through");
        expect(text).to.contain("pulumi config set kgsports:amiId");
    });

    it("the retention table's times are what the example's schedules give (UTC end of each run)", () => {
        // The example's args, as the example evaluates them.
        const m = /const args: BackupPolicyArgs = (\{[\s\S]*?\n\});/.exec(usageExample());
        expect(m).to.not.equal(null);
        const args = new Function("observability", "prefix", "deployRole", `return (${m![1]});`)({ warningTopicArn: "topic" }, PREFIX, { arn: "arn:aws:iam::123456789012:role/deploy" });
        const rows = tableAfter("## Retention table (template)");
        const jobs = backupPolicyJobs(args);
        expect(jobs.map((j) => j.name)).to.deep.equal(["daily", "weekly", "monthly", "golden-image"]);
        for (const job of jobs) {
            const row = job.name === "golden-image" ? rows.get("golden image") : rows.get(`\`${job.name}\``);
            expect(row, job.name).to.not.equal(undefined);
            // The first run in June 2027 and its latest end.
            const conflicts = backupWindowConflicts([job], [{ label: "all", start: new Date("2027-06-01T00:00:00Z"), end: new Date("2027-07-01T00:00:00Z") }], new Date("2027-06-01T00:00:00Z"), new Date("2027-07-01T00:00:00Z"));
            const end = conflicts[0].runEnd.toISOString().slice(11, 16);
            expect(row![2], job.name).to.contain(`${end}Z`);
            if (job.name !== "golden-image") expect(row![1], job.name).to.contain(`\`${job.schedule}\``);
        }
    });
});
