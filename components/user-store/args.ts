/**
 * UserStore's args and defaults: no Pulumi at run time (`@kgsports/user-store/pure`).
 */
import type * as pulumi from "@pulumi/pulumi";

/** Throughput a DynamoDB table serves at once, in request units per second. */
export interface WarmThroughput {
    /** Read request units per second (at least 12 000, a new on-demand table's own). */
    readUnitsPerSecond: number;
    /** Write request units per second (at least 4 000, a new on-demand table's own). */
    writeUnitsPerSecond: number;
}

/**
 * What a new DynamoDB on-demand table sustains at once without warm throughput being
 * raised (DynamoDB developer guide, "Warm throughput", read 2026-12-07). Raising above it is
 * charged once; it can never be lowered again.
 */
export const NEW_TABLE_WARM_THROUGHPUT: Readonly<WarmThroughput> = { readUnitsPerSecond: 12_000, writeUnitsPerSecond: 4_000 };

/** DynamoDB's point-in-time recovery keeps between 1 and 35 days (`RecoveryPeriodInDays`). */
export const MIN_RECOVERY_DAYS = 1;
export const MAX_RECOVERY_DAYS = 35;
export const DEFAULT_RECOVERY_DAYS = 35;

/** A restore of the store from point-in-time recovery into a new table. */
export interface UserStoreRestoreArgs {
    /**
     * Names the restore and its table (`<prefix>-users-restore-<label>`): 1 to 40 of
     * `a-z`, `0-9` and `-`. A new label is a new restore. Required.
     */
    label: string;
    /**
     * The moment restored: `"latest"` (DynamoDB's latest restorable time, about five minutes
     * ago) or an ISO 8601 UTC time within the recovery window. Required.
     */
    from: string;
    /**
     * Whether clients use the restored table: the table-name parameter names it instead of
     * the live table (instances read it at boot; the live table is kept). Default: false.
     */
    promote?: boolean;
}

export interface UserStoreArgs {
    /**
     * Prefix of every physical name (table `<prefix>-users`, key alias, parameters under
     * `/<prefix>/user-store`, the endpoint's security group): 1 to 32 of `A-Za-z0-9-`. Required.
     */
    namePrefix: string;
    /** The VPC the interface endpoint lives in. Required. */
    vpcId: pulumi.Input<string>;
    /** Private subnets for the interface endpoint, one per zone (never public ones). Required. */
    privateSubnetIds: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * Security groups of the clients inside the VPC (the web instances'): the only groups
     * the endpoint admits on 443. Required, at least one.
     */
    clientSecurityGroupIds: pulumi.Input<string>[];
    /** On-premise CIDR ranges that reach the endpoint over the VPN on 443. Default: none. */
    onPremiseCidrs?: string[];
    /**
     * The table's warm throughput, sized once for the busiest kickoff (it can be raised,
     * never lowered). Default: {@link NEW_TABLE_WARM_THROUGHPUT} (nothing raised, nothing charged).
     */
    warmThroughput?: WarmThroughput;
    /** Days of point-in-time recovery, 1 to 35. Default: 35. */
    pointInTimeRecoveryDays?: number;
    /** A restore into a new table, planned like any change. Default: none. */
    restore?: UserStoreRestoreArgs;
    /**
     * Roles that administer the table's key through its key policy (CI's deploy role; the
     * account's administrators always can). Default: none.
     */
    keyAdministratorRoleArns?: pulumi.Input<string>[];
    /**
     * Principals exempt from the table policy's "only through the endpoint" rule, for
     * break-glass reads by an administrator role. Default: none.
     */
    exemptPrincipalArns?: pulumi.Input<string>[];
    /**
     * Tags for every resource; put the backup tag here (BackupPolicy's `backupTag`) so the
     * backup plan selects the table. Default: none.
     */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
