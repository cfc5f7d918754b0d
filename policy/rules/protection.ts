/**
 * Data and links that must not be lost or read: the backup vault (rule 8), SNS topics
 * (rule 11), log retention (rule 13) and the protected VPN connection (rule 14).
 */
import { isUnknown, num, ofTypes, PolicyInput, referenceOf, refersTo, ResourceRule, show, StackRule, StackViolation, T, text } from "./model";

// ------------------------------------------------------------------------ 8. backup vault

/** Stacks whose vault must be locked (WORM): production. */
export const LOCKED_VAULT_STACKS: readonly string[] = ["matchday"];

function isAwsManagedKey(value: string): boolean {
    return /(^|:)alias\/aws\//.test(value);
}

export const backupVaultProtected: StackRule = {
    name: "backup-vault-customer-key-and-lock",
    description:
        "Backup vaults are encrypted with a customer managed KMS key (its key policy, not AWS's, decides who may restore), " +
        `and in the ${LOCKED_VAULT_STACKS.join(", ")} stack a vault lock keeps recovery points from being deleted early, even by an administrator.`,
    enforcementLevel: "mandatory",
    validateStack(resources, ctx) {
        const out: StackViolation[] = [];
        const keys = ofTypes(resources, T.kmsKey);
        const locks = ofTypes(resources, T.vaultLock);
        for (const vault of ofTypes(resources, T.backupVault)) {
            const keyRef = referenceOf(vault, "kmsKeyArn");
            const fromOwnKey = keys.some((k) => keyRef.urns.has(k.urn));
            const raw = vault.props.kmsKeyArn;
            if (!fromOwnKey) {
                if (isUnknown(raw)) ctx.cannotTell?.(vault.urn, `vault ${vault.name}: kmsKeyArn is unknown`);
                else if (text(raw) === undefined) out.push({ urn: vault.urn, message: `backup vault ${vault.name}: no kmsKeyArn, so AWS Backup uses its AWS managed key; give it a customer managed KMS key` });
                else if (isAwsManagedKey(String(raw))) out.push({ urn: vault.urn, message: `backup vault ${vault.name}: kmsKeyArn ${show(raw)} is an AWS managed key; use a customer managed KMS key` });
            }
            if (!LOCKED_VAULT_STACKS.includes(ctx.stack)) continue;
            const locked = locks.some((l) => {
                const ref = referenceOf(l, "backupVaultName");
                if (ref.unknown) ctx.cannotTell?.(l.urn, `vault lock ${l.name}: its vault is unknown`);
                return refersTo(ref, vault, [vault.props.name]);
            });
            if (!locked) {
                out.push({ urn: vault.urn, message: `backup vault ${vault.name}: the ${ctx.stack} stack must lock its vault (aws.backup.VaultLockConfiguration naming it), and none does` });
            }
        }
        return out;
    },
};

// ------------------------------------------------------------------------ 11. SNS topics

export const snsTopicEncrypted: ResourceRule = {
    name: "sns-topic-encrypted",
    description:
        "SNS topics are encrypted at rest with a customer managed KMS key (kmsMasterKeyId): alerts name the platform's weak points, " +
        "and CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key alias/aws/sns.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.topic],
    validate(r, ctx) {
        const key = text(r.props.kmsMasterKeyId);
        if (isUnknown(key)) {
            if ((r.propertyDependencies.kmsMasterKeyId ?? []).length === 0) ctx.cannotTell?.(r.urn, "kmsMasterKeyId is unknown");
            return [];
        }
        if (key === undefined) return [`SNS topic ${r.name}: not encrypted (no kmsMasterKeyId); set a customer managed KMS key`];
        if (isAwsManagedKey(key)) return [`SNS topic ${r.name}: kmsMasterKeyId is ${key}, the AWS managed key, which CloudWatch alarms and EventBridge cannot publish through; use a customer managed key`];
        return [];
    },
};

// --------------------------------------------------------------------- 13. log retention

export const logGroupRetention: ResourceRule = {
    name: "log-group-retention",
    description:
        "CloudWatch log groups set retentionInDays: without it logs are kept, and paid for, forever " +
        "(advisory: a missing retention costs money but exposes nothing).",
    enforcementLevel: "advisory",
    resourceTypes: [T.logGroup],
    validate(r, ctx) {
        const days = num(r.props.retentionInDays);
        if (isUnknown(days)) {
            ctx.cannotTell?.(r.urn, "retentionInDays is unknown");
            return [];
        }
        if (days === undefined || days <= 0) return [`log group ${r.name}: retentionInDays is ${show(r.props.retentionInDays)}, so its logs never expire; set a retention`];
        return [];
    },
};

// ---------------------------------------------------------------- 14. the VPN is protected

export const vpnConnectionProtected: ResourceRule = {
    name: "vpn-connection-protected",
    description:
        "Site-to-site VPN connections carry the protect resource option: replacing or deleting one gives new tunnel addresses " +
        "and cuts the data centre off until its device is reconfigured.",
    enforcementLevel: "mandatory",
    resourceTypes: [T.vpnConnection],
    validate(r: PolicyInput, ctx) {
        if (r.protect === undefined) {
            ctx.cannotTell?.(r.urn, "resource options are not visible here (the protect option cannot be read)");
            return [];
        }
        return r.protect ? [] : [`VPN connection ${r.name}: not protected; declare it with { protect: true } so no update can replace or delete it by accident`];
    },
};

export const PROTECTION_RULES = [backupVaultProtected, snsTopicEncrypted, logGroupRetention, vpnConnectionProtected];
