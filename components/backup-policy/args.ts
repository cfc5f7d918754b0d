/**
 * BackupPolicy's args, defaults and checks: no Pulumi at run time, so config validation
 * can use them without loading the provider (`@kgsports/backup-policy/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";
import { GoldenImageArgs } from "./goldenImage";
import { BackupRuleArgs, RULE_NAMES, ruleCopies, rulesOf } from "./plan";
import { BackupTag, DEFAULT_BACKUP_TAG } from "./selection";
import {
    backupScheduleProblem,
    changeableForDaysProblem,
    coldStorageAfterDaysProblem,
    completionWindowProblem,
    componentNameProblem,
    copyRegionProblem,
    deleteAfterDaysProblem,
    dlmCronProblem,
    dlmIntervalHoursProblem,
    dlmTimeProblem,
    imageMinutesProblem,
    lifecycleProblem,
    lockRetentionProblem,
    namePrefixProblem,
    regionProblem,
    retainCountProblem,
    retentionInLockProblem,
    roleArnProblem,
    startWindowProblem,
    tagKeyProblem,
    tagValueProblem,
    timeZoneProblem,
} from "./validation";

/** A vault lock. Compliance mode with `changeableForDays`, governance mode without. */
export interface BackupPolicyLockArgs {
    /** Shortest retention a recovery point in the vault may have, 1 to 36500 days. Default: none (no minimum). */
    minRetentionDays?: number;
    /** Longest retention, 1 to 36500 days, not below the minimum. Default: none (no maximum). */
    maxRetentionDays?: number;
    /**
     * Days (at least 3) after which the lock becomes **compliance mode and can never be
     * changed or removed**, by anyone, AWS included; until then it can be deleted. Default:
     * none: governance mode (principals with `backup:DeleteBackupVaultLockConfiguration`
     * can remove it at any time).
     */
    changeableForDays?: number;
}

/** The copy of every recovery point in a second region. */
export interface BackupPolicyCopyArgs {
    /** The second region (not the home region), e.g. `"ap-northeast-1"`. Required. */
    region: string;
    /** A lock on the copy vault. Default: none. */
    lock?: BackupPolicyLockArgs;
}

export interface BackupPolicyArgs {
    /**
     * Start of every physical name (`<prefix>-backup` vault and plan, `<prefix>-backup`
     * and `<prefix>-dlm` roles, `alias/<prefix>-backup` key alias, `<prefix>-*`
     * EventBridge rules): the same prefix as Observability's, whose warning topic lets
     * EventBridge rules named `<prefix>-*` publish. Required.
     */
    namePrefix: string;
    /** The region the stack deploys to (its provider's `aws:region`): the vault, plan and policy live there. Required. */
    homeRegion: string;
    /** Daily rule. Default: none. At least one of daily, weekly, monthly is required. */
    daily?: BackupRuleArgs;
    /** Weekly rule. Default: none. */
    weekly?: BackupRuleArgs;
    /** Monthly rule. Default: none. */
    monthly?: BackupRuleArgs;
    /**
     * The tag that puts a data resource into the plan: an EBS volume or a DynamoDB table,
     * the types the selection picks (`SELECTABLE_RESOURCE_TYPES`; the backup role's
     * boundary allows no other data service); a tagged RDS or Aurora database or file
     * system is not backed up. Default `{key: "kgsports:backup", value: "daily"}`.
     */
    backupTag?: BackupTag;
    /**
     * The tag the web tier puts on its instances and their volumes (e.g. `{key: "Name",
     * value: "<web tier name>"}`): nothing carrying it is backed up, even with the backup
     * tag. EC2 instances are never backed up whatever this says. Default: none.
     */
    webTierTag?: BackupTag;
    /** More ARNs or patterns never to back up (`notResources`, besides every EC2 instance). Default: none. */
    excludeResourceArns?: string[];
    /** Lock of the home vault. Default: none (no lock). */
    lock?: BackupPolicyLockArgs;
    /** A copy vault in a second region, with its own key there. Default: none (no copies). */
    copyTo?: BackupPolicyCopyArgs;
    /** Golden images of the web tier (Data Lifecycle Manager). Required. */
    goldenImage: GoldenImageArgs;
    /**
     * SNS topic for the vault's notifications (a failed copy, a finished restore) and the
     * EventBridge rules (a failed, aborted, expired or partial backup job; the golden-image
     * policy in error): Observability's `warningTopicArn`. The stack must let AWS Backup
     * publish to it and use its key (Observability does with its `backup` arg) and name
     * this component's prefix as Observability's. Default: none (no notifications).
     */
    notificationTopicArn?: pulumi.Input<string>;
    /**
     * ARNs of the roles that administer the vault keys through their key policies (manage,
     * rotate, schedule deletion; not encrypt or decrypt), e.g. the CI deploy role, whose
     * IAM policy cannot name a key before it exists. Pass the role's `arn` output (e.g.
     * AccessControl's `deployRoleArn`), not a built string: KMS refuses a key policy naming
     * a role that does not exist yet, and the output makes the keys wait for the role (and
     * follow a replaced one). A plain string must be an IAM role ARN. Default: none (the
     * account's IAM policies decide, through the account root statement).
     */
    keyAdministratorRoleArns?: pulumi.Input<string>[];
    /**
     * Declare the vaults, their keys and locks with `protect: true` (a deploy that would
     * delete or replace them fails). They are `retainOnDelete` whatever this says: a
     * `pulumi destroy` or a refactor leaves them and the recovery points in AWS. Default `true`.
     */
    protect?: boolean;
    /**
     * ARN of a permissions boundary for every IAM role this component creates (e.g.
     * AccessControl's `workloadBoundaryArn`, without which its deploy role may not create
     * roles). Default: none.
     */
    permissionsBoundary?: pulumi.Input<string>;
    /** Tags for every taggable child; must not contain the backup tag's key. Default: none. */
    tags?: Record<string, string>;
}

/** Days between a key's deletion request and its deletion (AWS's maximum). */
export const KEY_DELETION_WINDOW_DAYS = 30;

function show(value: unknown): string {
    return JSON.stringify(value);
}

/**
 * Problems with the args, as `<field> = <value>: <what is wrong>; allowed: ...`; empty
 * when valid. `providerRegion` (the provider's `aws:region`, when known) must equal
 * `homeRegion`. Values given as outputs are not seen here.
 */
export function backupPolicyArgsProblems(name: string, args: BackupPolicyArgs, providerRegion?: string): string[] {
    const p: string[] = [];
    const one = (field: string, value: unknown, problem: string | undefined) => {
        if (problem) p.push(`${field} = ${show(value)}: ${problem}`);
    };
    one("name", name, componentNameProblem(name));
    one("namePrefix", args.namePrefix, namePrefixProblem(args.namePrefix));
    one("homeRegion", args.homeRegion, regionProblem(args.homeRegion));
    if (providerRegion && regionProblem(args.homeRegion) === undefined && providerRegion !== args.homeRegion) {
        p.push(`homeRegion = ${show(args.homeRegion)}: is not the provider's region ${providerRegion}, where the vault, plan, policy and the notification topic are; allowed: ${show(providerRegion)}`);
    }

    // Tags: the backup tag, the web tier's, the component's own.
    const backupTag = args.backupTag ?? DEFAULT_BACKUP_TAG;
    one("backupTag.key", backupTag.key, tagKeyProblem(backupTag.key));
    one("backupTag.value", backupTag.value, tagValueProblem(backupTag.value));
    if (args.webTierTag) {
        one("webTierTag.key", args.webTierTag.key, tagKeyProblem(args.webTierTag.key));
        one("webTierTag.value", args.webTierTag.value, tagValueProblem(args.webTierTag.value));
        if (args.webTierTag.key === backupTag.key) {
            p.push(`webTierTag.key = ${show(args.webTierTag.key)}: is the backup tag's key; allowed: the tag that marks the web tier (e.g. "Name"), another key than ${show(backupTag.key)}`);
        }
    }
    if (args.tags && Object.prototype.hasOwnProperty.call(args.tags, backupTag.key)) {
        p.push(`tags[${show(backupTag.key)}] = ${show(args.tags[backupTag.key])}: is the backup tag; tags shared through a stack would reach resources that must not be backed up (the web tier); allowed: tags without the key ${show(backupTag.key)}, which goes on data resources only`);
    }
    (args.excludeResourceArns ?? []).forEach((arn, i) => {
        if (typeof arn !== "string" || !/^arn:[^:\s]+:[^:\s]+:/.test(arn)) one(`excludeResourceArns[${i}]`, arn, 'is not an ARN or ARN pattern; allowed: e.g. "arn:aws:ec2:*:*:volume/vol-0123456789abcdef0"');
    });
    (args.keyAdministratorRoleArns ?? []).forEach((a, i) => {
        if (typeof a === "string") one(`keyAdministratorRoleArns[${i}]`, a, roleArnProblem(a));
    });

    // Locks and the copy region.
    const lockProblems = (field: string, lock: BackupPolicyLockArgs) => {
        const r = lockRetentionProblem(lock.minRetentionDays, lock.maxRetentionDays);
        if (r) p.push(`${field} = ${show({ minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays })}: ${r}`);
        if (lock.changeableForDays !== undefined) one(`${field}.changeableForDays`, lock.changeableForDays, changeableForDaysProblem(lock.changeableForDays));
    };
    if (args.lock) lockProblems("lock", args.lock);
    if (args.copyTo) {
        one("copyTo.region", args.copyTo.region, copyRegionProblem(args.copyTo.region, args.homeRegion));
        if (args.copyTo.lock) lockProblems("copyTo.lock", args.copyTo.lock);
    }

    // Rules.
    const rules = rulesOf(args);
    if (rules.length === 0) p.push(`daily, weekly, monthly: none is given, so nothing would be backed up; allowed: at least one of ${RULE_NAMES.join(", ")}`);
    for (const r of rules) {
        const f = (k: string) => `${r.name}.${k}`;
        one(f("schedule"), r.schedule, backupScheduleProblem(r.schedule));
        one(f("scheduleExpressionTimezone"), r.scheduleExpressionTimezone, timeZoneProblem(r.scheduleExpressionTimezone));
        one(f("startWindowMinutes"), r.startWindowMinutes, startWindowProblem(r.startWindowMinutes));
        one(f("completionWindowMinutes"), r.completionWindowMinutes, completionWindowProblem(r.completionWindowMinutes, r.startWindowMinutes));
        if (r.coldStorageAfterDays !== undefined) one(f("coldStorageAfterDays"), r.coldStorageAfterDays, coldStorageAfterDaysProblem(r.coldStorageAfterDays));
        const deleteProblem = deleteAfterDaysProblem(r.deleteAfterDays);
        one(f("deleteAfterDays"), r.deleteAfterDays, deleteProblem ?? lifecycleProblem(r.coldStorageAfterDays, r.deleteAfterDays));
        if (deleteProblem === undefined) {
            if (args.lock) one(f("deleteAfterDays"), r.deleteAfterDays, retentionInLockProblem(r.deleteAfterDays, args.lock));
            if (args.copyTo?.lock && ruleCopies(r, true)) {
                one(f("deleteAfterDays"), r.deleteAfterDays, retentionInLockProblem(r.deleteAfterDays, args.copyTo.lock, "copy vault"));
            }
        }
        if (r.copyToSecondRegion === true && args.copyTo === undefined) {
            one(f("copyToSecondRegion"), true, "has no copy vault to copy to; allowed: false, or copyTo: {region} with a second region");
        }
    }

    // Golden images.
    const g = args.goldenImage;
    if (g === undefined) {
        p.push("goldenImage: is missing; allowed: {tagKey, tagValue, schedule, retainCount}");
    } else {
        one("goldenImage.tagKey", g.tagKey, tagKeyProblem(g.tagKey));
        one("goldenImage.tagValue", g.tagValue, tagValueProblem(g.tagValue));
        if (args.webTierTag && g.tagKey === args.webTierTag.key && g.tagValue === args.webTierTag.value) {
            p.push(`goldenImage.tagValue = ${show(g.tagValue)}: is the web tier's tag, so every scaled-out web instance would be imaged at each run; allowed: a tag on the one instance that is the golden image`);
        }
        if (typeof g.schedule === "string") {
            one("goldenImage.schedule", g.schedule, dlmCronProblem(g.schedule));
        } else if (g.schedule && typeof g.schedule === "object") {
            one("goldenImage.schedule.everyHours", g.schedule.everyHours, dlmIntervalHoursProblem(g.schedule.everyHours));
            one("goldenImage.schedule.at", g.schedule.at, dlmTimeProblem(g.schedule.at));
        } else {
            one("goldenImage.schedule", g.schedule, 'is neither a cron expression nor an interval; allowed: "cron(0 4 ? * MON *)" (UTC) or {everyHours: 24, at: "04:00"}');
        }
        one("goldenImage.retainCount", g.retainCount, retainCountProblem(g.retainCount));
        if (g.imageMinutes !== undefined) one("goldenImage.imageMinutes", g.imageMinutes, imageMinutesProblem(g.imageMinutes));
    }
    return p;
}
