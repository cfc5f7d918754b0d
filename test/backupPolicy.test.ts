/**
 * BackupPolicy under the mock runtime: what it declares, with which options, and what
 * its IAM documents allow under an IAM policy simulator. Three declare runs: everything
 * (copy, locks, notifications, administrators), the least (one rule, unprotected), and
 * invalid args.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { BackupPolicy, BackupPolicyArgs, BackupSelectionSpec, selectionPicks } from "@kgsports/backup-policy";
import { declare, named, ofType, one } from "./helpers/declare";
import type { DeclaredResource, MockRun } from "../stacks/plan/mockRuntime";

const T = {
    component: "kgsports:backup:BackupPolicy",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    vault: "aws:backup/vault:Vault",
    lock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    plan: "aws:backup/plan:Plan",
    selection: "aws:backup/selection:Selection",
    notifications: "aws:backup/vaultNotifications:VaultNotifications",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    dlm: "aws:dlm/lifecyclePolicy:LifecyclePolicy",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
};

const ACCOUNT = "123456789012";
const OTHER_ACCOUNT = "111122223333";
const PREFIX = "kgsports-matchday";
const HOME = "ap-northeast-2";
const COPY = "ap-northeast-1";
const TOPIC = `arn:aws:sns:${HOME}:${ACCOUNT}:${PREFIX}-alerts-warning`;
const DEPLOY_ROLE = `${PREFIX}-deploy`;

function fullArgs(): BackupPolicyArgs {
    return {
        namePrefix: PREFIX,
        homeRegion: HOME,
        daily: { schedule: "cron(0 4 ? * * *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 60, completionWindowMinutes: 180, deleteAfterDays: 35 },
        weekly: { schedule: "cron(30 5 ? * 3 *)", scheduleExpressionTimezone: "Asia/Seoul", startWindowMinutes: 120, completionWindowMinutes: 480, coldStorageAfterDays: 30, deleteAfterDays: 180 },
        monthly: { schedule: "cron(0 6 1 * ? *)", scheduleExpressionTimezone: "Europe/London", startWindowMinutes: 60, completionWindowMinutes: 600, deleteAfterDays: 365, copyToSecondRegion: false },
        lock: { minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 },
        copyTo: { region: COPY, lock: { minRetentionDays: 30 } },
        webTierTag: { key: "Name", value: "web-tier" },
        goldenImage: { tagKey: "kgsports:golden-image", tagValue: "web", schedule: { everyHours: 24, at: "20:30" }, retainCount: 8 },
        // Deferred like the stack's: Observability's output.
        notificationTopicArn: pulumi.output(TOPIC),
        keyAdministratorRoleArns: [`arn:aws:iam::${ACCOUNT}:role/${DEPLOY_ROLE}`],
        tags: { project: "kgsports" },
    };
}

/** One rule, nothing optional; unprotected (a dev stack). */
function minimalArgs(): BackupPolicyArgs {
    return {
        namePrefix: "kgsports-dev",
        homeRegion: HOME,
        daily: { schedule: "cron(0 3 ? * * *)", scheduleExpressionTimezone: "Etc/UTC", startWindowMinutes: 60, completionWindowMinutes: 120, deleteAfterDays: 7 },
        goldenImage: { tagKey: "kgsports:golden-image", tagValue: "web", schedule: "cron(0 5 ? * 2 *)", retainCount: 3 },
        protect: false,
    };
}

function value<T>(o: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => o.apply((v) => resolve(v)));
}

function json(r: DeclaredResource, field: string): object {
    return JSON.parse(String(r.inputs[field])) as object;
}

type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

/**
 * The simulator's decision for a request against a resource policy (a key policy or a
 * trust policy), with the principal's own identity policies (none by default).
 */
async function decideOn(resourcePolicy: object, request: { principal: string; action: string; resource: string; context?: Record<string, string> }, identityPolicies: object[] = []): Promise<Decision> {
    const account = /:(\d{12}):/.exec(request.resource)?.[1] ?? ACCOUNT;
    const response = await runSimulation({
        identityPolicies: identityPolicies.map((policy, i) => ({ name: `identity${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy,
        request: { principal: request.principal, action: request.action, resource: { resource: request.resource, accountId: account }, contextVariables: request.context ?? {} },
    } as never, {});
    if (response.resultType === "error") throw new Error(`the simulator cannot evaluate ${request.action}: ${JSON.stringify(response.errors)}`);
    return (response as { overallResult: Decision }).overallResult;
}

describe("BackupPolicy", () => {
    let full: MockRun<BackupPolicy>;
    let minimal: MockRun<BackupPolicy>;
    before(async () => {
        full = await declare(() => new BackupPolicy("backup", fullArgs()));
        minimal = await declare(() => new BackupPolicy("backup", minimalArgs()));
    });

    it("declares its children under itself, named <name>-<role>, each once; physical names start with the prefix; no data source is left unanswered", () => {
        const { resources } = full;
        const component = one(resources, T.component);
        for (const c of resources.filter((r) => r !== component)) {
            expect(c.parent, c.name).to.equal(component.urn);
            expect(c.name, c.type).to.match(/^backup-/);
        }
        expect(new Set(resources.map((r) => r.urn)).size).to.equal(resources.length);
        const physical = [
            ...ofType(resources, T.vault).map((r) => r.inputs.name),
            ...ofType(resources, T.role).map((r) => r.inputs.name),
            ...ofType(resources, T.rule).map((r) => r.inputs.name),
            one(resources, T.plan).inputs.name,
            one(resources, T.selection).inputs.name,
        ];
        expect(physical).to.have.length(8);
        for (const n of physical) expect(String(n)).to.match(new RegExp(`^${PREFIX}-`));
        expect(ofType(resources, T.alias).map((a) => a.inputs.name).sort()).to.deep.equal([`alias/${PREFIX}-backup`, `alias/${PREFIX}-backup-copy`]);
        expect(full.unansweredCalls).to.deep.equal([]);
    });

    describe("vaults and keys", () => {
        it("the vault is encrypted with its own rotating customer-managed key, never force-destroyed", () => {
            const vault = named(full.resources, "backup-vault").inputs;
            const alias = named(full.resources, "backup-key-alias").inputs;
            expect(vault).to.include({ name: `${PREFIX}-backup`, forceDestroy: false });
            expect(vault.kmsKeyArn).to.equal(`arn:aws:kms:${HOME}:${ACCOUNT}:key/${alias.targetKeyId}`);
            const key = named(full.resources, "backup-key").inputs;
            expect(key).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
            expect(key.region).to.equal(undefined);
        });

        it("the copy vault and its key are in the second region, the copy vault encrypted with that key", () => {
            const copyVault = named(full.resources, "backup-copy-vault").inputs;
            const copyAlias = named(full.resources, "backup-copy-key-alias").inputs;
            expect(copyVault).to.include({ name: `${PREFIX}-backup-copy`, region: COPY, forceDestroy: false });
            expect(String(copyVault.kmsKeyArn)).to.match(new RegExp(`:key/${copyAlias.targetKeyId}$`));
            expect(copyVault.kmsKeyArn).to.not.equal(named(full.resources, "backup-vault").inputs.kmsKeyArn);
            expect(named(full.resources, "backup-copy-key").inputs).to.include({ region: COPY, enableKeyRotation: true, deletionWindowInDays: 30 });
            expect(copyAlias.region).to.equal(COPY);
            expect(ofType(minimal.resources, T.vault)).to.have.length(1);
            expect(ofType(minimal.resources, T.key)).to.have.length(1);
        });

        it("key policy: AWS Backup may use the key for principals of this account in its region; nobody directly, no other account", async () => {
            const policy = json(named(full.resources, "backup-key"), "policy");
            const keyArn = `arn:aws:kms:${HOME}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const backupRole = `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-backup`;
            const viaBackup = { "kms:ViaService": `backup.${HOME}.amazonaws.com`, "kms:CallerAccount": ACCOUNT };
            const ask = (principal: string, action: string, context?: Record<string, string>) => decideOn(policy, { principal, action, resource: keyArn, context });
            for (const action of ["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"]) {
                expect(await ask(backupRole, action, viaBackup), action).to.equal("Allowed");
            }
            expect(await ask(backupRole, "kms:CreateGrant", { ...viaBackup, "kms:GrantIsForAWSResource": "true" })).to.equal("Allowed");
            // A grant for anything but an AWS resource, or through another service, or directly: no.
            expect(await ask(backupRole, "kms:CreateGrant", viaBackup)).to.equal("ImplicitlyDenied");
            expect(await ask(backupRole, "kms:Decrypt", { "kms:ViaService": `s3.${HOME}.amazonaws.com`, "kms:CallerAccount": ACCOUNT })).to.equal("ImplicitlyDenied");
            expect(await ask(backupRole, "kms:Decrypt", { "kms:ViaService": `backup.${COPY}.amazonaws.com`, "kms:CallerAccount": ACCOUNT })).to.equal("ImplicitlyDenied");
            expect(await ask(backupRole, "kms:Decrypt", { "kms:CallerAccount": ACCOUNT })).to.equal("ImplicitlyDenied");
            // Another account, through Backup or not.
            const thief = `arn:aws:iam::${OTHER_ACCOUNT}:role/thief`;
            expect(await ask(thief, "kms:Decrypt", { "kms:ViaService": `backup.${HOME}.amazonaws.com`, "kms:CallerAccount": OTHER_ACCOUNT })).to.equal("ImplicitlyDenied");
            expect(await ask(thief, "kms:Decrypt", {})).to.equal("ImplicitlyDenied");
            expect(await ask(`arn:aws:iam::${OTHER_ACCOUNT}:root`, "kms:ScheduleKeyDeletion")).to.equal("ImplicitlyDenied");
        });

        it("key policy: the account administers through IAM; the named role administers without decrypting", async () => {
            const policy = json(named(full.resources, "backup-key"), "policy");
            const keyArn = `arn:aws:kms:${HOME}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const deployer = `arn:aws:iam::${ACCOUNT}:role/${DEPLOY_ROLE}`;
            const ask = (principal: string, action: string, identity: object[] = []) => decideOn(policy, { principal, action, resource: keyArn }, identity);
            for (const action of ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:EnableKeyRotation", "kms:DescribeKey", "kms:TagResource"]) {
                expect(await ask(deployer, action), action).to.equal("Allowed");
            }
            expect(await ask(deployer, "kms:Decrypt")).to.equal("ImplicitlyDenied");
            expect(await ask(deployer, "kms:GenerateDataKey")).to.equal("ImplicitlyDenied");
            // Other principals of the account: whatever their IAM policies allow (the root statement), nothing without.
            const admin = `arn:aws:iam::${ACCOUNT}:role/administrator`;
            const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }] };
            expect(await ask(admin, "kms:ScheduleKeyDeletion", [everything])).to.equal("Allowed");
            expect(await ask(admin, "kms:ScheduleKeyDeletion")).to.equal("ImplicitlyDenied");
            // Without administrators the policy names none.
            const bare = json(one(minimal.resources, T.key), "policy") as { Statement: { Sid: string }[] };
            expect(bare.Statement.map((s) => s.Sid)).to.deep.equal(["AccountAdministersTheKey", "AccountUsesTheKeyThroughBackup", "BackupCreatesGrantsForItsResources"]);
        });

        it("the copy key lets AWS Backup use it in the second region only", async () => {
            const policy = json(named(full.resources, "backup-copy-key"), "policy");
            const keyArn = `arn:aws:kms:${COPY}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
            const backupRole = `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-backup`;
            const ask = (region: string) => decideOn(policy, { principal: backupRole, action: "kms:GenerateDataKey", resource: keyArn, context: { "kms:ViaService": `backup.${region}.amazonaws.com`, "kms:CallerAccount": ACCOUNT } });
            expect(await ask(COPY)).to.equal("Allowed");
            expect(await ask(HOME)).to.equal("ImplicitlyDenied");
        });

        it("locks only when asked, with the given retention and grace period; the copy vault's lock in its region", () => {
            const locks = ofType(full.resources, T.lock);
            expect(locks).to.have.length(2);
            expect(named(full.resources, "backup-vault-lock").inputs).to.deep.equal({ backupVaultName: `${PREFIX}-backup`, minRetentionDays: 7, maxRetentionDays: 400, changeableForDays: 3 });
            // No changeableForDays: governance mode.
            expect(named(full.resources, "backup-copy-vault-lock").inputs).to.deep.equal({ backupVaultName: `${PREFIX}-backup-copy`, minRetentionDays: 30, region: COPY });
            expect(ofType(minimal.resources, T.lock)).to.deep.equal([]);
        });

        it("protection: vaults, keys and locks are protected and retained on delete; protect: false unprotects but still retains; nothing else is protected", () => {
            const kept = ["backup-key", "backup-vault", "backup-vault-lock", "backup-copy-key", "backup-copy-vault", "backup-copy-vault-lock"];
            for (const n of kept) expect(named(full.resources, n).options, n).to.include({ protect: true, retainOnDelete: true });
            for (const r of full.resources.filter((x) => !kept.includes(x.name) && x.type !== T.component)) {
                expect(r.options.protect, r.name).to.equal(false);
                expect(r.options.retainOnDelete, r.name).to.equal(false);
            }
            for (const n of ["backup-key", "backup-vault"]) expect(named(minimal.resources, n).options, n).to.include({ protect: false, retainOnDelete: true });
        });
    });

    describe("plan", () => {
        interface Rule {
            ruleName: string; targetVaultName: string; schedule: string; scheduleExpressionTimezone: string; startWindow: number; completionWindow: number;
            lifecycle: { coldStorageAfter?: number; deleteAfter: number }; copyActions?: { destinationVaultArn: string; lifecycle: { coldStorageAfter?: number; deleteAfter: number } }[];
            recoveryPointTags: Record<string, string>;
        }
        const rules = (run: MockRun<BackupPolicy>) => one(run.resources, T.plan).inputs.rules as Rule[];

        it("one rule per rule given: schedule, time zone, windows, lifecycle, into the vault", () => {
            expect(one(full.resources, T.plan).inputs.name).to.equal(`${PREFIX}-backup`);
            expect(rules(full).map((r) => [r.ruleName, r.schedule, r.scheduleExpressionTimezone, r.startWindow, r.completionWindow, JSON.stringify(r.lifecycle), r.targetVaultName])).to.deep.equal([
                ["daily", "cron(0 4 ? * * *)", "Asia/Seoul", 60, 180, '{"deleteAfter":35}', `${PREFIX}-backup`],
                ["weekly", "cron(30 5 ? * 3 *)", "Asia/Seoul", 120, 480, '{"coldStorageAfter":30,"deleteAfter":180}', `${PREFIX}-backup`],
                ["monthly", "cron(0 6 1 * ? *)", "Europe/London", 60, 600, '{"deleteAfter":365}', `${PREFIX}-backup`],
            ]);
            for (const r of rules(full)) expect(r.recoveryPointTags).to.deep.equal({ "kgsports:backup-rule": r.ruleName });
            expect(rules(minimal).map((r) => r.ruleName)).to.deep.equal(["daily"]);
        });

        it("copies to the copy vault's ARN (second region) with the rule's lifecycle, except the rule that opts out; no copies without a copy vault", () => {
            const copyArn = `arn:aws:backup:${COPY}:${ACCOUNT}:backup-vault:${PREFIX}-backup-copy`;
            const [daily, weekly, monthly] = rules(full);
            expect(daily.copyActions).to.deep.equal([{ destinationVaultArn: copyArn, lifecycle: { deleteAfter: 35 } }]);
            expect(weekly.copyActions).to.deep.equal([{ destinationVaultArn: copyArn, lifecycle: { coldStorageAfter: 30, deleteAfter: 180 } }]);
            expect(monthly.copyActions ?? []).to.deep.equal([]);
            expect(rules(minimal)[0].copyActions ?? []).to.deep.equal([]);
        });
    });

    describe("selection", () => {
        const spec = (run: MockRun<BackupPolicy>) => one(run.resources, T.selection).inputs as BackupSelectionSpec & Record<string, unknown>;

        it("selects EBS volumes and DynamoDB tables carrying the backup tag, excludes every EC2 instance and the web tier's tag, with its own role", () => {
            const s = spec(full);
            expect(s.name).to.equal(`${PREFIX}-tagged`);
            expect(s.resources).to.deep.equal(["arn:aws:ec2:*:*:volume/*", "arn:aws:dynamodb:*:*:table/*"]);
            expect(s.selectionTags ?? []).to.deep.equal([]);
            expect(s.notResources).to.deep.equal(["arn:aws:ec2:*:*:instance/*"]);
            expect(s.conditions).to.deep.equal([{
                stringEquals: [{ key: "aws:ResourceTag/kgsports:backup", value: "daily" }],
                stringNotEquals: [{ key: "aws:ResourceTag/Name", value: "web-tier" }],
            }]);
            expect(s.iamRoleArn).to.equal(`arn:aws:iam::${ACCOUNT}:role/${PREFIX}-backup`);
            expect(s.planId).to.match(/^[0-9a-f]{8}-/);
            // The selection waits for the role's policies.
            const attachments = ofType(full.resources, T.attachment).filter((a) => a.inputs.role === `${PREFIX}-backup`).map((a) => a.urn);
            expect(one(full.resources, T.selection).options.dependsOn).to.include.members(attachments);
        });

        it("as declared, AWS would never back up a web instance (however tagged) nor its root volume, and would back up a tagged data volume", () => {
            const s = spec(full);
            const webInstance = (n: number, tags: Record<string, string>) => ({ arn: `arn:aws:ec2:${HOME}:${ACCOUNT}:instance/i-0web${n.toString(16).padStart(13, "0")}`, type: "EC2", tags });
            // A scale-out: 200 instances with the web tier's launch tags, some with stray stack tags.
            for (let n = 0; n < 200; n++) {
                const tags: Record<string, string> = { Name: "web-tier", project: "kgsports" };
                if (n % 2 === 0) tags["kgsports:backup"] = "daily";
                if (n % 3 === 0) delete tags.Name;
                expect(selectionPicks(s, webInstance(n, tags)), JSON.stringify(tags)).to.equal(false);
            }
            const rootVolume = { arn: `arn:aws:ec2:${HOME}:${ACCOUNT}:volume/vol-0root`, type: "EBS", tags: { Name: "web-tier", "kgsports:backup": "daily" } };
            expect(selectionPicks(s, rootVolume)).to.equal(false);
            const dataVolume = { arn: `arn:aws:ec2:${HOME}:${ACCOUNT}:volume/vol-0data`, type: "EBS", tags: { Name: "match-data", "kgsports:backup": "daily" } };
            expect(selectionPicks(s, dataVolume)).to.equal(true);
            expect(selectionPicks(s, { ...dataVolume, tags: { Name: "match-data" } })).to.equal(false);
            // The minimal selection (no web tier tag) still never picks an instance.
            expect(selectionPicks(spec(minimal), webInstance(1, { "kgsports:backup": "daily" }))).to.equal(false);
            expect(selectionPicks(spec(minimal), dataVolume)).to.equal(true);
        });

        it("the backup role: AWS Backup (only) assumes it; AWS's managed backup and restore policies", async () => {
            const role = named(full.resources, "backup-backup-role");
            expect(role.inputs.name).to.equal(`${PREFIX}-backup`);
            const trust = json(role, "assumeRolePolicy");
            const roleArn = `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-backup`;
            expect(await decideOn(trust, { principal: "backup.amazonaws.com", action: "sts:AssumeRole", resource: roleArn })).to.equal("Allowed");
            expect(await decideOn(trust, { principal: "dlm.amazonaws.com", action: "sts:AssumeRole", resource: roleArn })).to.equal("ImplicitlyDenied");
            expect(await decideOn(trust, { principal: `arn:aws:iam::${ACCOUNT}:role/someone`, action: "sts:AssumeRole", resource: roleArn })).to.equal("ImplicitlyDenied");
            const attached = ofType(full.resources, T.attachment).filter((a) => a.inputs.role === `${PREFIX}-backup`).map((a) => a.inputs.policyArn).sort();
            expect(attached).to.deep.equal([
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
            expect(await value(full.result.backupRoleArn)).to.equal(roleArn);
        });
    });

    describe("golden images", () => {
        interface Details {
            policyType: string; resourceTypes: string[]; targetTags: Record<string, string>; parameters: { noReboot: boolean };
            schedules: { name: string; copyTags: boolean; createRule: Record<string, unknown>; retainRule: { count: number }; tagsToAdd: Record<string, string>; variableTags: Record<string, string> }[];
        }
        const details = (run: MockRun<BackupPolicy>) => one(run.resources, T.dlm).inputs.policyDetails as Details;

        it("makes AMIs of the instances tagged as the golden image on the schedule, keeps the last N, without rebooting", () => {
            const policy = one(full.resources, T.dlm).inputs;
            expect(policy).to.include({ state: "ENABLED", executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-dlm` });
            expect(String(policy.description)).to.match(/^[0-9A-Za-z _-]+$/);
            const d = details(full);
            expect(d.policyType).to.equal("IMAGE_MANAGEMENT");
            expect(d.resourceTypes).to.deep.equal(["INSTANCE"]);
            expect(d.targetTags).to.deep.equal({ "kgsports:golden-image": "web" });
            expect(d.parameters).to.deep.equal({ noReboot: true });
            expect(d.schedules).to.have.length(1);
            expect(d.schedules[0].createRule).to.deep.equal({ interval: 24, intervalUnit: "HOURS", times: "20:30" });
            expect(d.schedules[0].retainRule).to.deep.equal({ count: 8 });
            expect(d.schedules[0].tagsToAdd).to.deep.equal({ "kgsports:made-by": `${PREFIX}-golden-image` });
            expect(d.schedules[0].variableTags).to.deep.equal({ "kgsports:source-instance": "$(instance-id)" });
            expect(details(minimal).schedules[0].createRule).to.deep.equal({ cronExpression: "cron(0 5 ? * 2 *)" });
            expect(details(minimal).schedules[0].retainRule).to.deep.equal({ count: 3 });
        });

        it("its role: only DLM assumes it, with AWS's AMI management policy; the policy waits for it", async () => {
            const role = named(full.resources, "backup-dlm-role");
            expect(role.inputs.name).to.equal(`${PREFIX}-dlm`);
            const roleArn = `arn:aws:iam::${ACCOUNT}:role/${PREFIX}-dlm`;
            const trust = json(role, "assumeRolePolicy");
            expect(await decideOn(trust, { principal: "dlm.amazonaws.com", action: "sts:AssumeRole", resource: roleArn })).to.equal("Allowed");
            expect(await decideOn(trust, { principal: "backup.amazonaws.com", action: "sts:AssumeRole", resource: roleArn })).to.equal("ImplicitlyDenied");
            const attachment = named(full.resources, "backup-dlm-role-images");
            expect(attachment.inputs).to.deep.equal({ role: `${PREFIX}-dlm`, policyArn: "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement" });
            expect(one(full.resources, T.dlm).options.dependsOn).to.include(attachment.urn);
            expect(await value(full.result.dlmRoleArn)).to.equal(roleArn);
        });
    });

    describe("notifications", () => {
        it("the vault notifies the topic of failed copies and finished restores (events AWS still sends)", () => {
            expect(one(full.resources, T.notifications).inputs).to.deep.equal({
                backupVaultName: `${PREFIX}-backup`,
                snsTopicArn: TOPIC,
                backupVaultEvents: ["COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED"],
            });
        });

        it("EventBridge rules named <prefix>-* send failed, aborted, expired or partial backup jobs and the golden-image policy's errors to the topic", () => {
            const rule = (role: string) => named(full.resources, `backup-${role}`);
            expect(rule("backup-job-failed").inputs.name).to.equal(`${PREFIX}-backup-job-failed`);
            expect(json(rule("backup-job-failed"), "eventPattern")).to.deep.equal({
                source: ["aws.backup"], "detail-type": ["Backup Job State Change"], detail: { state: ["FAILED", "ABORTED", "EXPIRED", "PARTIAL"] },
            });
            const dlmArn = `arn:aws:dlm:${HOME}:${ACCOUNT}:policy/`;
            const golden = json(rule("golden-image-failed"), "eventPattern") as { resources: string[] };
            expect(golden).to.deep.include({ source: ["aws.dlm"], "detail-type": ["DLM Policy State Change"], detail: { state: ["ERROR"] } });
            expect(golden.resources).to.have.length(1);
            expect(golden.resources[0].startsWith(dlmArn)).to.equal(true);
            const targets = ofType(full.resources, T.target).map((t) => `${t.inputs.rule} -> ${t.inputs.arn}`).sort();
            expect(targets).to.deep.equal([`${PREFIX}-backup-job-failed -> ${TOPIC}`, `${PREFIX}-golden-image-failed -> ${TOPIC}`]);
        });

        it("without a topic: no notifications, no rules", () => {
            for (const type of [T.notifications, T.rule, T.target]) expect(ofType(minimal.resources, type), type).to.deep.equal([]);
        });
    });

    it("outputs: names, ARNs, the tag for data resources; no copy vault without copyTo", async () => {
        const r = full.result;
        expect(await value(r.vaultName)).to.equal(`${PREFIX}-backup`);
        expect(await value(r.vaultArn)).to.equal(`arn:aws:backup:${HOME}:${ACCOUNT}:backup-vault:${PREFIX}-backup`);
        expect(await value(r.copyVaultArn)).to.equal(`arn:aws:backup:${COPY}:${ACCOUNT}:backup-vault:${PREFIX}-backup-copy`);
        expect(await value(r.keyArn)).to.match(new RegExp(`^arn:aws:kms:${HOME}:${ACCOUNT}:key/`));
        expect(await value(r.planId)).to.match(/^[0-9a-f]{8}-/);
        expect(await value(r.selectionId)).to.match(/^[0-9a-f]{8}-/);
        expect(await value(r.dlmPolicyArn)).to.match(new RegExp(`^arn:aws:dlm:${HOME}:${ACCOUNT}:policy/policy-`));
        expect(r.backupTag).to.deep.equal({ key: "kgsports:backup", value: "daily" });
        expect(await value(minimal.result.copyVaultArn)).to.equal(undefined);
        expect(await value(minimal.result.copyKeyArn)).to.equal(undefined);
    });

    it("refuses invalid args before declaring anything, listing every problem", async () => {
        const bad: BackupPolicyArgs = { ...minimalArgs(), copyTo: { region: HOME }, lock: { changeableForDays: 1 } };
        let message = "";
        try {
            await declare(() => new BackupPolicy("backup", bad));
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).to.contain('BackupPolicy "backup": invalid args:');
        expect(message).to.contain('copyTo.region = "ap-northeast-2": is the home region');
        expect(message).to.contain("lock.changeableForDays = 1: is out of range");
    });
});
