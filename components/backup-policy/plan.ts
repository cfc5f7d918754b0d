/**
 * The backup plan's rules as data: schedule, time zone, windows, lifecycle, and the
 * copy to the second region's vault. The component passes the vault's name and the copy
 * vault's ARN (outputs) through without reading them.
 */

/** One rule of the plan (daily, weekly or monthly). */
export interface BackupRuleArgs {
    /**
     * AWS cron, `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, read in
     * `scheduleExpressionTimezone`; runs at least an hour apart. Required.
     */
    schedule: string;
    /** IANA time zone the schedule is read in (AWS Backup's `ScheduleExpressionTimezone`), e.g. `"Asia/Seoul"`. Required. */
    scheduleExpressionTimezone: string;
    /** Minutes a job may wait to start before AWS cancels it: at least 60. Required. */
    startWindowMinutes: number;
    /** Minutes a started job may run before AWS cancels it: at least startWindowMinutes + 60. Required. */
    completionWindowMinutes: number;
    /**
     * Days until recovery points move to cold storage (resource types that support it;
     * EBS snapshots need AWS's separate archive opt-in, which this component does not
     * set). Default: none (no cold storage).
     */
    coldStorageAfterDays?: number;
    /** Days until recovery points are deleted: 1 to 36500; with cold storage at least coldStorageAfterDays + 90; within the vault lock's range. Required. */
    deleteAfterDays: number;
    /** Copy each recovery point to the second region's vault (`copyTo`), with the same lifecycle. Default: `true` when `copyTo` is set. */
    copyToSecondRegion?: boolean;
}

export type RuleName = "daily" | "weekly" | "monthly";
export const RULE_NAMES: readonly RuleName[] = ["daily", "weekly", "monthly"];

/** A named rule of the args. */
export interface NamedBackupRule extends BackupRuleArgs {
    name: RuleName;
}

/** The rules given, in the order daily, weekly, monthly. */
export function rulesOf(args: Partial<Record<RuleName, BackupRuleArgs>>): NamedBackupRule[] {
    return RULE_NAMES.flatMap((name) => (args[name] ? [{ name, ...args[name]! }] : []));
}

/** Whether a rule copies: its own flag, else yes when there is a copy vault. */
export function ruleCopies(rule: BackupRuleArgs, hasCopyVault: boolean): boolean {
    return rule.copyToSecondRegion ?? hasCopyVault;
}

export interface LifecycleSpec {
    coldStorageAfter?: number;
    deleteAfter: number;
}

export function decideLifecycle(rule: BackupRuleArgs): LifecycleSpec {
    return {
        ...(rule.coldStorageAfterDays !== undefined ? { coldStorageAfter: rule.coldStorageAfterDays } : {}),
        deleteAfter: rule.deleteAfterDays,
    };
}

/** A rule in the provider's shape (`aws.backup.Plan.rules[]`). */
export interface PlanRuleSpec<V> {
    ruleName: string;
    targetVaultName: V;
    schedule: string;
    scheduleExpressionTimezone: string;
    startWindow: number;
    completionWindow: number;
    lifecycle: LifecycleSpec;
    copyActions: { destinationVaultArn: V; lifecycle: LifecycleSpec }[];
    recoveryPointTags: Record<string, string>;
}

/** Tag on every recovery point: which rule made it (restores pick by it). */
export const RULE_TAG_KEY = "kgsports:backup-rule";

/**
 * The plan's rules: one per rule given, into `targetVaultName`, copying to
 * `copyVaultArn` when the rule copies (same lifecycle as the original).
 */
export function decidePlanRules<V>(rules: readonly NamedBackupRule[], targetVaultName: V, copyVaultArn: V | undefined): PlanRuleSpec<V>[] {
    return rules.map((r) => {
        const lifecycle = decideLifecycle(r);
        const copies = copyVaultArn !== undefined && ruleCopies(r, true);
        return {
            ruleName: r.name,
            targetVaultName,
            schedule: r.schedule,
            scheduleExpressionTimezone: r.scheduleExpressionTimezone,
            startWindow: r.startWindowMinutes,
            completionWindow: r.completionWindowMinutes,
            lifecycle,
            copyActions: copies ? [{ destinationVaultArn: copyVaultArn as V, lifecycle: { ...lifecycle } }] : [],
            recoveryPointTags: { [RULE_TAG_KEY]: r.name },
        };
    });
}
