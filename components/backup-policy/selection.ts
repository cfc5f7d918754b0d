/**
 * What AWS Backup backs up: the selection as data (the component declares exactly this
 * as `aws.backup.Selection`), and a model of how AWS matches a selection against a
 * resource, so tests can prove what is and is not picked.
 *
 * AWS's documented semantics (API reference `BackupSelection`, `Conditions`; developer
 * guide "Assign resources with AWS CLI"; AWS re:Post "backup-assign-resources"):
 *
 * - `Resources` (ARNs or patterns, `*` = zero or more characters) and `ListOfTags`
 *   (`selectionTags`, StringEquals only) are combined with OR: a resource matching any
 *   ARN pattern or any tag is included. At least one of the two must be non-empty (the
 *   API refuses a selection with neither).
 * - `Conditions` (StringEquals, StringNotEquals, StringLike, StringNotLike on
 *   `aws:ResourceTag/<key>`) must ALL hold (AND); they narrow what the above included.
 *   As in IAM, a negated condition holds for a resource that lacks the tag.
 * - `NotResources` excludes every resource matching one of its ARNs or patterns.
 * - A resource selected by tags only is backed up only if its type is supported and
 *   opted in for the region; a type that is not supported is never picked here.
 */

export interface SelectionTag {
    /** AWS takes only `"STRINGEQUALS"`. */
    type: string;
    key: string;
    value: string;
}

export interface SelectionConditionEntry {
    /** `aws:ResourceTag/<tag key>`. */
    key: string;
    value: string;
}

/** One `conditions` block as the provider takes it (AWS reads all blocks as one Conditions object). */
export interface SelectionConditionBlock {
    stringEquals?: SelectionConditionEntry[];
    stringNotEquals?: SelectionConditionEntry[];
    stringLikes?: SelectionConditionEntry[];
    stringNotLikes?: SelectionConditionEntry[];
}

/** The matching part of an `aws.backup.Selection`'s args, in the provider's shape. */
export interface BackupSelectionSpec {
    resources?: string[];
    notResources?: string[];
    selectionTags?: SelectionTag[];
    conditions?: SelectionConditionBlock[];
}

/** A resource in the account, as AWS Backup sees it. */
export interface BackupCandidate {
    arn: string;
    /** AWS Backup's resource type name, e.g. `"EBS"`, `"EC2"`, `"RDS"`. */
    type: string;
    tags: Record<string, string>;
}

/** Resource types AWS Backup supports (names as in its region settings); others are never picked. */
export const BACKUP_RESOURCE_TYPES: readonly string[] = [
    "Aurora", "CloudFormation", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS",
    "Redshift", "Redshift Serverless", "S3", "SAP HANA on Amazon EC2", "Storage Gateway", "Timestream", "VirtualMachine",
];

/** AWS Backup's wildcard: `*` matches zero or more characters; everything else literally (case-sensitive). */
export function backupPatternMatches(pattern: string, text: string): boolean {
    const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
    return new RegExp(`^${source}$`).test(text);
}

const RESOURCE_TAG = /^aws:ResourceTag\/(.+)$/;

function tagOf(candidate: BackupCandidate, conditionKey: string): string | undefined {
    const m = RESOURCE_TAG.exec(conditionKey);
    // A condition on anything but a resource tag matches no tag.
    return m ? candidate.tags[m[1]] : undefined;
}

/** Whether every condition of every block holds for the resource. */
function conditionsHold(blocks: readonly SelectionConditionBlock[], candidate: BackupCandidate): boolean {
    return blocks.every((b) =>
        (b.stringEquals ?? []).every((c) => tagOf(candidate, c.key) === c.value)
        && (b.stringLikes ?? []).every((c) => {
            const v = tagOf(candidate, c.key);
            return v !== undefined && backupPatternMatches(c.value, v);
        })
        && (b.stringNotEquals ?? []).every((c) => tagOf(candidate, c.key) !== c.value)
        && (b.stringNotLikes ?? []).every((c) => {
            const v = tagOf(candidate, c.key);
            return v === undefined || !backupPatternMatches(c.value, v);
        }));
}

/**
 * Whether AWS Backup would back up `candidate` with this selection (the semantics
 * above). A selection with neither resources nor tags picks nothing (AWS refuses it).
 */
export function selectionPicks(selection: BackupSelectionSpec, candidate: BackupCandidate): boolean {
    const resources = selection.resources ?? [];
    const tags = selection.selectionTags ?? [];
    if (resources.length === 0 && tags.length === 0) return false;
    if ((selection.notResources ?? []).some((p) => backupPatternMatches(p, candidate.arn))) return false;
    const byArn = resources.some((p) => backupPatternMatches(p, candidate.arn));
    const byTag = tags.some((t) => t.type.toUpperCase() === "STRINGEQUALS" && candidate.tags[t.key] === t.value);
    if (!byArn && !byTag) return false;
    // Tag-based assignment follows the region's supported (opted-in) types.
    if (!byArn && !BACKUP_RESOURCE_TYPES.includes(candidate.type)) return false;
    return conditionsHold(selection.conditions ?? [], candidate);
}

/** A tag: the one that puts a data resource into the backup plan, or the web tier's. */
export interface BackupTag {
    /** Tag key (1 to 128 characters, not starting with `aws:`). Required. */
    key: string;
    /** Tag value (1 to 256 characters). Required. */
    value: string;
}

export const DEFAULT_BACKUP_TAG: BackupTag = { key: "kgsports:backup", value: "daily" };

/** Every EC2 instance, by ARN pattern: the web tier is stateless and scales out (its data lives on tagged volumes). */
export function allInstancesPattern(partition: string): string {
    return `arn:${partition}:ec2:*:*:instance/*`;
}

/**
 * The resource types the selection may pick, each with the ARN patterns that select it
 * (AWS Backup's resource assignment by type): EBS volumes and DynamoDB tables (the
 * UserStore of issue 23). The backup role carries the stack's workload boundary, which
 * allows EC2 and EBS, AWS Backup, the KMS use of an encrypted source (a volume, or a
 * table through DynamoDB), and AWS Backup's DynamoDB actions on any table of the account
 * (DescribeTable, CreateBackup, StartAwsBackupJob, ListTagsOfResource, and DescribeBackup,
 * DeleteBackup on the tables' backups); nothing of RDS, Aurora, EFS or another data
 * service. A tagged database of another type picked by tag alone would fail every night
 * (AWS Backup's role could not snapshot it). Adding a type means its row here and AWS
 * Backup's actions for it in the boundary, together; the tests check every type this
 * table selects against the boundary.
 */
export const SELECTABLE_RESOURCE_TYPES: readonly { type: string; arnPatterns: (partition: string) => string[] }[] = [
    { type: "EBS", arnPatterns: (partition) => [`arn:${partition}:ec2:*:*:volume/*`] },
    { type: "DynamoDB", arnPatterns: (partition) => [`arn:${partition}:dynamodb:*:*:table/*`] },
];

/**
 * The selection: resources of the selectable types (`resources`, by ARN pattern) that
 * carry the backup tag (a condition: AWS ANDs `resources` with `conditions`), never an
 * EC2 instance (`notResources`), and never anything tagged like the web tier (a
 * condition, so the web instances' root volumes stay out even if the backup tag reaches
 * them through shared tags). No `selectionTags`: AWS ORs them with `resources`, so a tag
 * would pick a tagged resource of any type, the ones the role cannot back up included.
 */
export function decideSelection(scope: {
    partition: string;
    backupTag: BackupTag;
    /** The tag the web tier puts on its instances and their volumes. Default: none. */
    webTierTag?: BackupTag;
    /** More ARN patterns to exclude. Default: none. */
    excludeResourceArns?: string[];
}): Required<Pick<BackupSelectionSpec, "resources" | "notResources" | "conditions">> {
    return {
        resources: SELECTABLE_RESOURCE_TYPES.flatMap((t) => t.arnPatterns(scope.partition)),
        notResources: [allInstancesPattern(scope.partition), ...(scope.excludeResourceArns ?? [])],
        conditions: [{
            stringEquals: [{ key: `aws:ResourceTag/${scope.backupTag.key}`, value: scope.backupTag.value }],
            ...(scope.webTierTag ? { stringNotEquals: [{ key: `aws:ResourceTag/${scope.webTierTag.key}`, value: scope.webTierTag.value }] } : {}),
        }],
    };
}
