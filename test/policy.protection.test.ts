/**
 * Rules 8, 11, 13 and 14 (backup vault, SNS encryption, log retention, the protected VPN)
 * on the planned stacks with one field broken.
 */
import { expect } from "chai";
import { backupVaultProtected, LOCKED_VAULT_STACKS, logGroupRetention, snsTopicEncrypted, T, UNKNOWN, vpnConnectionProtected } from "../policy/rules";
import { cannotTellOf, copyOf, plannedPolicyStack, violationsOf, withoutResources, withResource } from "./helpers/policyPlan";

describe("policy rule 8: the backup vault uses a customer KMS key, and matchday's is locked", () => {
    it("only matchday must lock its vault", () => {
        expect(LOCKED_VAULT_STACKS).to.deep.equal(["matchday"]);
    });

    for (const stack of ["dev", "matchday"]) {
        it(`${stack}'s vault complies (its key is the stack's own KMS key)`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const vault = copyOf(resources, T.backupVault);
            const keys = resources.filter((r) => r.type === T.kmsKey).map((k) => k.urn);
            expect(vault.propertyDependencies.kmsKeyArn.some((u) => keys.includes(u))).to.equal(true);
            expect(violationsOf(backupVaultProtected, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on a vault without a key, or with AWS's managed key", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const none = copyOf(resources, T.backupVault);
        delete none.props.kmsKeyArn;
        delete none.propertyDependencies.kmsKeyArn;
        expect(violationsOf(backupVaultProtected, withResource(resources, none), ctx)).to.have.length(1).and.to.match(/no kmsKeyArn, so AWS Backup uses its AWS managed key/);
        const managed = copyOf(resources, T.backupVault);
        managed.props.kmsKeyArn = "arn:aws:kms:ap-northeast-2:123456789012:alias/aws/backup";
        delete managed.propertyDependencies.kmsKeyArn;
        expect(violationsOf(backupVaultProtected, withResource(resources, managed), ctx)).to.have.length(1).and.to.match(/is an AWS managed key/);
    });

    it("fires on matchday without its vault lock; dev has none and needs none", async () => {
        const matchday = await plannedPolicyStack("matchday");
        const unlocked = withoutResources(matchday.resources, (r) => r.type === T.vaultLock);
        expect(violationsOf(backupVaultProtected, unlocked, matchday.ctx)).to.have.length(1).and.to.match(/the matchday stack must lock its vault/);
        // A lock of another vault does not count.
        const lock = copyOf(matchday.resources, T.vaultLock);
        const otherLock = { ...lock, props: { ...lock.props, backupVaultName: "someone-elses-vault" }, propertyDependencies: {} };
        expect(violationsOf(backupVaultProtected, withResource(matchday.resources, otherLock), matchday.ctx)).to.have.length(1);
        const dev = await plannedPolicyStack("dev");
        expect(dev.resources.filter((r) => r.type === T.vaultLock)).to.deep.equal([]);
        expect(violationsOf(backupVaultProtected, dev.resources, dev.ctx)).to.deep.equal([]);
    });
});

describe("policy rule 11: SNS topics are encrypted", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}'s topics are encrypted`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const topics = resources.filter((r) => r.type === T.topic);
            expect(topics).to.have.length(2);
            expect(violationsOf(snsTopicEncrypted, topics, ctx)).to.deep.equal([]);
        });
    }

    it("fires on a topic without a key or with the AWS managed alias/aws/sns", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const clear = copyOf(resources, T.topic, "observability-critical");
        delete clear.props.kmsMasterKeyId;
        expect(violationsOf(snsTopicEncrypted, [clear], ctx)).to.have.length(1).and.to.match(/not encrypted/);
        const managed = copyOf(resources, T.topic, "observability-critical");
        managed.props.kmsMasterKeyId = "alias/aws/sns";
        expect(violationsOf(snsTopicEncrypted, [managed], ctx)).to.have.length(1).and.to.match(/CloudWatch alarms and EventBridge cannot publish/);
    });

    it("a key unknown in a preview but coming from a key resource is fine; an untraceable one is 'cannot tell'", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const topic = copyOf(resources, T.topic, "observability-warning");
        topic.props.kmsMasterKeyId = UNKNOWN;
        expect(violationsOf(snsTopicEncrypted, [topic], ctx)).to.deep.equal([]);
        expect(cannotTellOf(snsTopicEncrypted, [topic], ctx)).to.deep.equal([]);
        topic.propertyDependencies = {};
        expect(cannotTellOf(snsTopicEncrypted, [topic], ctx)).to.have.length(1);
    });
});

describe("policy rule 13 (advisory): log groups have a retention", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}'s log groups expire their logs`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            expect(resources.filter((r) => r.type === T.logGroup).length).to.be.at.least(2);
            expect(violationsOf(logGroupRetention, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on a log group kept forever (no retention, or 0)", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const forever = copyOf(resources, T.logGroup, "hybrid-failover-logs");
        delete forever.props.retentionInDays;
        expect(violationsOf(logGroupRetention, [forever], ctx)).to.have.length(1).and.to.match(/never expire/);
        forever.props.retentionInDays = 0;
        expect(violationsOf(logGroupRetention, [forever], ctx)).to.have.length(1);
        expect(logGroupRetention.enforcementLevel).to.equal("advisory");
    });
});

describe("policy rule 14: the VPN connection is protected", () => {
    it("matchday's VPN connection is declared with protect: true (the plan records resource options)", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const vpn = copyOf(resources, T.vpnConnection);
        expect(vpn.protect).to.equal(true);
        expect(violationsOf(vpnConnectionProtected, [vpn], ctx)).to.deep.equal([]);
    });

    it("dev has no VPN connection (HybridLink is off): nothing to check", async () => {
        const { resources } = await plannedPolicyStack("dev");
        expect(resources.filter((r) => r.type === T.vpnConnection)).to.deep.equal([]);
    });

    it("fires on an unprotected VPN connection; without visible options it cannot tell", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const vpn = copyOf(resources, T.vpnConnection);
        vpn.protect = false;
        expect(violationsOf(vpnConnectionProtected, [vpn], ctx)).to.have.length(1).and.to.match(/not protected/);
        delete vpn.protect;
        expect(violationsOf(vpnConnectionProtected, [vpn], ctx)).to.deep.equal([]);
        expect(cannotTellOf(vpnConnectionProtected, [vpn], ctx)).to.have.length(1).and.to.match(/protect option cannot be read/);
    });
});
