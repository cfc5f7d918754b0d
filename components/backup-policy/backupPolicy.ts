import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "@kgsports/aws-role";
import { decideGoldenImagePolicy } from "./goldenImage";
import { decidePlanRules, rulesOf } from "./plan";
import {
    AccountContext,
    backupJobFailedPattern,
    backupPolicyNames,
    goldenImageFailedPattern,
    managedPolicyArns,
    serviceTrustPolicy,
    VAULT_NOTIFICATION_EVENTS,
    vaultKeyPolicy,
} from "./policies";
import { BackupTag, decideSelection, DEFAULT_BACKUP_TAG } from "./selection";
import {
    BackupPolicyLockArgs,
    BackupPolicyArgs,
    KEY_DELETION_WINDOW_DAYS,
    backupPolicyArgsProblems,
} from "./args";

export * from "./args";

/**
 * AWS Backup of tagged data resources into a KMS-encrypted, protected vault (optionally
 * locked, optionally copied to a second region), golden AMIs of the web tier kept by
 * Data Lifecycle Manager, and notifications of what failed. The web tier's instances are
 * never backed up. It knows no stack: everything comes in through its args; whether a
 * schedule runs into a match window is answered by `backupWindowConflicts`.
 */
export class BackupPolicy extends pulumi.ComponentResource {
    /** `<prefix>-backup`: give it to Observability's `backup.vaultName`. */
    public readonly vaultName: pulumi.Output<string>;
    public readonly vaultArn: pulumi.Output<string>;
    /** The home vault's customer-managed key. */
    public readonly keyArn: pulumi.Output<string>;
    public readonly planId: pulumi.Output<string>;
    public readonly planArn: pulumi.Output<string>;
    public readonly selectionId: pulumi.Output<string>;
    /** The golden-image (AMI) lifecycle policy. */
    public readonly dlmPolicyArn: pulumi.Output<string>;
    /** The copy vault in the second region, or undefined without `copyTo`. */
    public readonly copyVaultArn: pulumi.Output<string | undefined>;
    /** The copy vault's key, or undefined without `copyTo`. */
    public readonly copyKeyArn: pulumi.Output<string | undefined>;
    /** The tag to put on data resources that must be backed up. */
    public readonly backupTag: BackupTag;
    /** The role AWS Backup assumes for backups and restores (`<prefix>-backup`). */
    public readonly backupRoleArn: pulumi.Output<string>;
    /** The role Data Lifecycle Manager assumes for the golden images (`<prefix>-dlm`). */
    public readonly dlmRoleArn: pulumi.Output<string>;
    /**
     * The roles this component passes to AWS services, each with the service that assumes it:
     * the backup plan's (`backup.amazonaws.com`) and the image policy's (`dlm.amazonaws.com`).
     * A deploy role passes exactly these (AccessControl's `deployRole.serviceRoles`).
     */
    public readonly serviceRoles: pulumi.Output<{ roleName: string; service: string }[]>;

    constructor(name: string, args: BackupPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:backup:BackupPolicy", name, {}, opts);
        const problems = backupPolicyArgsProblems(name, args, aws.config.region);
        if (problems.length > 0) {
            throw new Error(`BackupPolicy "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const child = { parent: this };
        const tags = args.tags ?? {};
        const protect = args.protect ?? true;
        const keep = { parent: this, protect, retainOnDelete: true };
        const prefix = args.namePrefix;
        const names = backupPolicyNames(prefix);
        const backupTag = args.backupTag ?? DEFAULT_BACKUP_TAG;
        const partition = aws.getPartitionOutput({}, child).partition;
        const ctx: pulumi.Output<AccountContext> = pulumi.all([partition, aws.getCallerIdentityOutput({}, child).accountId])
            .apply(([p, accountId]) => ({ partition: p, accountId }));
        // The roles' ARN outputs: the keys depend on the roles, so a key policy never names a role before it exists.
        const keyPolicyOf = (region: string) => pulumi.all([ctx, pulumi.all(args.keyAdministratorRoleArns ?? [])])
            .apply(([c, administratorRoleArns]) => JSON.stringify(vaultKeyPolicy(c, { region, administratorRoleArns })));

        // ------------------------------------------------------------ vault and key (protected, retained)
        const key = new aws.kms.Key(`${name}-key`, {
            description: `${prefix}: AWS Backup vault ${names.vault}`,
            enableKeyRotation: true,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy: keyPolicyOf(args.homeRegion),
            tags,
        }, keep);
        new aws.kms.Alias(`${name}-key-alias`, { name: names.keyAlias, targetKeyId: key.keyId }, child);
        const vault = new aws.backup.Vault(`${name}-vault`, {
            name: names.vault,
            kmsKeyArn: key.arn,
            // A vault with recovery points is never emptied by a deploy.
            forceDestroy: false,
            tags,
        }, keep);
        if (args.lock) {
            new aws.backup.VaultLockConfiguration(`${name}-vault-lock`, { backupVaultName: vault.name, ...lockArgs(args.lock) }, keep);
        }

        // ------------------------------------------------------------ the copy in a second region (its own key there)
        let copyVault: aws.backup.Vault | undefined;
        let copyKey: aws.kms.Key | undefined;
        if (args.copyTo) {
            const region = args.copyTo.region;
            copyKey = new aws.kms.Key(`${name}-copy-key`, {
                region,
                description: `${prefix}: AWS Backup copy vault ${names.copyVault} (${region})`,
                enableKeyRotation: true,
                deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
                policy: keyPolicyOf(region),
                tags,
            }, keep);
            new aws.kms.Alias(`${name}-copy-key-alias`, { region, name: names.copyKeyAlias, targetKeyId: copyKey.keyId }, child);
            copyVault = new aws.backup.Vault(`${name}-copy-vault`, { region, name: names.copyVault, kmsKeyArn: copyKey.arn, forceDestroy: false, tags }, keep);
            if (args.copyTo.lock) {
                new aws.backup.VaultLockConfiguration(`${name}-copy-vault-lock`, { region, backupVaultName: copyVault.name, ...lockArgs(args.copyTo.lock) }, keep);
            }
        }

        // ------------------------------------------------------------ the service role, the plan and the selection
        const policies = partition.apply((p) => managedPolicyArns(p));
        const { role: backupRole, attachments: backupAttachments } = declareRole(`${name}-backup-role`, {
            name: names.backupRole,
            description: `${prefix}: AWS Backup backs up and restores the tagged resources`,
            permissionsBoundary: args.permissionsBoundary,
            trust: JSON.stringify(serviceTrustPolicy("backup.amazonaws.com")),
            attachments: [
                { resourceName: `${name}-backup-role-backups`, policyArn: policies.backup },
                { resourceName: `${name}-backup-role-restores`, policyArn: policies.restores },
            ],
            tags,
        }, child);
        const plan = new aws.backup.Plan(`${name}-plan`, {
            name: names.plan,
            rules: decidePlanRules(rulesOf(args), vault.name, copyVault?.arn),
            tags,
        }, child);
        const selectionSpec = partition.apply((p) => decideSelection({ partition: p, backupTag, webTierTag: args.webTierTag, excludeResourceArns: args.excludeResourceArns }));
        const selection = new aws.backup.Selection(`${name}-selection`, {
            name: names.selection,
            planId: plan.id,
            iamRoleArn: backupRole.arn,
            // The selectable types' volumes (ANDed with the tag conditions); no selectionTags, which
            // AWS ORs with resources and which would pick tagged resources the role cannot back up.
            // apply, not lifting: an Output's own `resources` member would shadow the field.
            resources: selectionSpec.apply((x) => x.resources),
            conditions: selectionSpec.apply((x) => x.conditions),
            notResources: selectionSpec.apply((x) => x.notResources),
        }, { parent: this, dependsOn: backupAttachments });

        // ------------------------------------------------------------ golden images of the web tier
        const { role: dlmRole, attachments: [dlmAttachment] } = declareRole(`${name}-dlm-role`, {
            name: names.dlmRole,
            description: `${prefix}: Data Lifecycle Manager makes and deregisters the golden images`,
            permissionsBoundary: args.permissionsBoundary,
            trust: JSON.stringify(serviceTrustPolicy("dlm.amazonaws.com")),
            attachments: [{ resourceName: `${name}-dlm-role-images`, policyArn: policies.dlmImages }],
            tags,
        }, child);
        const dlm = new aws.dlm.LifecyclePolicy(`${name}-golden-image`, {
            // DLM descriptions: letters, digits, spaces, "_" and "-" only.
            description: `${prefix} golden images of the web tier`,
            executionRoleArn: dlmRole.arn,
            state: "ENABLED",
            policyDetails: decideGoldenImagePolicy(args.goldenImage, names.goldenImage),
            tags,
        }, { parent: this, dependsOn: [dlmAttachment] });

        // ------------------------------------------------------------ notifications
        if (args.notificationTopicArn !== undefined) {
            const topic = args.notificationTopicArn;
            new aws.backup.VaultNotifications(`${name}-notifications`, {
                backupVaultName: vault.name,
                snsTopicArn: topic,
                backupVaultEvents: [...VAULT_NOTIFICATION_EVENTS],
            }, child);
            const rule = (role: string, ruleName: string, description: string, pattern: pulumi.Input<string>) => {
                const r = new aws.cloudwatch.EventRule(`${name}-${role}`, { name: ruleName, description, eventPattern: pattern, tags }, child);
                new aws.cloudwatch.EventTarget(`${name}-${role}-target`, { rule: r.name, arn: topic, targetId: "notification-topic" }, child);
            };
            rule("backup-job-failed", names.backupJobFailedRule, `${prefix}: a backup job failed, was aborted, expired or is partial`, JSON.stringify(backupJobFailedPattern()));
            rule("golden-image-failed", names.goldenImageFailedRule, `${prefix}: the golden-image policy is in error`, dlm.arn.apply((arn) => JSON.stringify(goldenImageFailedPattern(arn))));
        }

        this.vaultName = vault.name;
        this.vaultArn = vault.arn;
        this.keyArn = key.arn;
        this.planId = plan.id;
        this.planArn = plan.arn;
        this.selectionId = selection.id;
        this.dlmPolicyArn = dlm.arn;
        this.copyVaultArn = copyVault ? copyVault.arn : pulumi.output(undefined);
        this.copyKeyArn = copyKey ? copyKey.arn : pulumi.output(undefined);
        this.backupTag = backupTag;
        this.backupRoleArn = backupRole.arn;
        this.dlmRoleArn = dlmRole.arn;
        // The names the component gives its roles, known before the roles exist: a deploy role's
        // permission to create and pass them must not wait for them.
        this.serviceRoles = pulumi.output([
            { roleName: names.backupRole, service: "backup.amazonaws.com" },
            { roleName: names.dlmRole, service: "dlm.amazonaws.com" },
        ]);
        this.registerOutputs({
            vaultName: this.vaultName,
            vaultArn: this.vaultArn,
            keyArn: this.keyArn,
            planId: this.planId,
            planArn: this.planArn,
            selectionId: this.selectionId,
            dlmPolicyArn: this.dlmPolicyArn,
            copyVaultArn: this.copyVaultArn,
            copyKeyArn: this.copyKeyArn,
            backupTag: this.backupTag,
            backupRoleArn: this.backupRoleArn,
            dlmRoleArn: this.dlmRoleArn,
            serviceRoles: this.serviceRoles,
        });
    }
}

function lockArgs(lock: BackupPolicyLockArgs) {
    return {
        ...(lock.minRetentionDays !== undefined ? { minRetentionDays: lock.minRetentionDays } : {}),
        ...(lock.maxRetentionDays !== undefined ? { maxRetentionDays: lock.maxRetentionDays } : {}),
        ...(lock.changeableForDays !== undefined ? { changeableForDays: lock.changeableForDays } : {}),
    };
}
