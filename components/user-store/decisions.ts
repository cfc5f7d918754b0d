/**
 * What the component declares, decided as data from the args and the names: the table's
 * exact args, the restore table's, and the endpoint's security group rules. No Pulumi at
 * run time; the component adds only what exists at deploy time (the key's ARN, the live
 * table's ARN, the security groups' ids).
 */
import { DEFAULT_RECOVERY_DAYS, NEW_TABLE_WARM_THROUGHPUT, UserStoreArgs, WarmThroughput } from "./args";
import { restoredTableName, UserStoreNames } from "./naming";

/** The table's keys: partition key `pk` and sort key `sk`, both strings (see the README's schema). */
export const USER_STORE_HASH_KEY = "pk";
export const USER_STORE_RANGE_KEY = "sk";

/** The HTTPS port the interface endpoint answers on (DynamoDB's API is HTTPS only through it). */
export const ENDPOINT_PORT = 443;

/** Days a scheduled deletion of the table's key waits (KMS's 7 to 30; the longest, for a key whose loss is the data's). */
export const KEY_DELETION_WINDOW_DAYS = 30;

/** The table args decided from the args (the key's ARN is added by the component). */
export interface TableDecision {
    name: string;
    billingMode: "PAY_PER_REQUEST";
    hashKey: string;
    rangeKey: string;
    attributes: { name: string; type: "S" }[];
    pointInTimeRecovery: { enabled: true; recoveryPeriodInDays: number };
    deletionProtectionEnabled: true;
    warmThroughput: WarmThroughput;
}

/** The warm throughput the table gets: the args' or a new table's own (nothing raised, nothing charged). */
export function decideWarmThroughput(args: Pick<UserStoreArgs, "warmThroughput">): WarmThroughput {
    const w = args.warmThroughput ?? NEW_TABLE_WARM_THROUGHPUT;
    return { readUnitsPerSecond: w.readUnitsPerSecond, writeUnitsPerSecond: w.writeUnitsPerSecond };
}

/**
 * The live table: on-demand (pay per request, no idle capacity between matches), the
 * `pk`/`sk` keys and no secondary index (an e-mail's uniqueness and a login by e-mail are
 * an item `pk = EMAIL#<address>` written in the same transaction as the user, so no index
 * doubles the writes in the rush), point-in-time recovery for the args' days,
 * deletion protection on, and the warm throughput sized once.
 */
/**
 * Whether the table's arguments carry the warm throughput: only when it is raised above a
 * new table's own. At the floor it is left out, so the provider sends nothing: AWS keeps the
 * table's own figure (which DynamoDB may raise by itself as traffic grows), and the Terraform
 * provider, which reads 12 000 / 4 000 back as absent, has no difference to correct.
 */
export function warmThroughputDeclared(w: WarmThroughput): boolean {
    return w.readUnitsPerSecond > NEW_TABLE_WARM_THROUGHPUT.readUnitsPerSecond || w.writeUnitsPerSecond > NEW_TABLE_WARM_THROUGHPUT.writeUnitsPerSecond;
}

export function decideTable(names: UserStoreNames, args: Pick<UserStoreArgs, "warmThroughput" | "pointInTimeRecoveryDays">): TableDecision {
    return {
        name: names.tableName,
        billingMode: "PAY_PER_REQUEST",
        hashKey: USER_STORE_HASH_KEY,
        rangeKey: USER_STORE_RANGE_KEY,
        attributes: [{ name: USER_STORE_HASH_KEY, type: "S" }, { name: USER_STORE_RANGE_KEY, type: "S" }],
        pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: args.pointInTimeRecoveryDays ?? DEFAULT_RECOVERY_DAYS },
        deletionProtectionEnabled: true,
        warmThroughput: decideWarmThroughput(args),
    };
}

/** The restore table's args decided from the args (the source table's ARN and the key are added by the component). */
export interface RestoreDecision extends TableDecision {
    label: string;
    /** Set for a restore to a given time; absent with `restoreToLatestTime`. */
    restoreDateTime?: string;
    restoreToLatestTime?: true;
    promote: boolean;
}

/**
 * The restore, when the args ask for one: a NEW table `<prefix>-users-restore-<label>`
 * with the live table's schema, billing, recovery, deletion protection and warm
 * throughput (a promoted restore takes the rush), restored to the given time or to the
 * latest restorable time.
 */
export function decideRestore(names: UserStoreNames, args: Pick<UserStoreArgs, "namePrefix" | "warmThroughput" | "pointInTimeRecoveryDays" | "restore">): RestoreDecision | undefined {
    const r = args.restore;
    if (r === undefined) return undefined;
    return {
        ...decideTable(names, args),
        name: restoredTableName(args.namePrefix, r.label),
        label: r.label,
        ...(r.from === "latest" ? { restoreToLatestTime: true as const } : { restoreDateTime: r.from }),
        promote: r.promote ?? false,
    };
}

/** The table the clients use: the live one, or a promoted restore. */
export function decideActiveTableName(names: UserStoreNames, args: Pick<UserStoreArgs, "namePrefix" | "restore">): string {
    return args.restore?.promote ? restoredTableName(args.namePrefix, args.restore.label) : names.tableName;
}

/** One ingress rule of the endpoint's security group. */
export interface EndpointRule {
    /** Child role in the resource name: `${name}-endpoint-from-<role>`. */
    role: string;
    port: number;
    /** Exactly one of these: an index into `clientSecurityGroupIds`, or a CIDR. */
    clientIndex?: number;
    cidrIpv4?: string;
    description: string;
}

/**
 * The endpoint's security group admits TCP 443 from each client security group and each
 * on-premise range, and nothing else. It has no egress rule: an interface endpoint only
 * answers, and security groups are stateful.
 *
 * The clients' own egress is left alone: the web instances' group already allows HTTPS
 * out to any address (ScalingWebTier's `https-out` rule, which covers the endpoint's
 * addresses in the VPC; test/userStore.test.ts checks that rule is still there). A client
 * group with narrower egress needs its own rule to the endpoint's group.
 */
export function decideEndpointRules(args: Pick<UserStoreArgs, "clientSecurityGroupIds" | "onPremiseCidrs">): EndpointRule[] {
    const fromClients: EndpointRule[] = args.clientSecurityGroupIds.map((_, i) => ({
        role: `client-${i}`,
        port: ENDPOINT_PORT,
        clientIndex: i,
        description: `HTTPS to DynamoDB from client security group ${i} (the web instances)`,
    }));
    const fromOnPremise: EndpointRule[] = (args.onPremiseCidrs ?? []).map((cidr) => ({
        role: `onprem-${cidr.replace(/[./]/g, "-")}`,
        port: ENDPOINT_PORT,
        cidrIpv4: cidr,
        description: `HTTPS to DynamoDB from the on-premise range ${cidr} over the VPN`,
    }));
    return [...fromClients, ...fromOnPremise];
}
