/**
 * Rules 9 and 10 (force-MFA on every group, no wildcard admin outside the administrators
 * group) over whatever IAM documents the plan holds. Resources are found by what they
 * contain (the force-MFA document, the full-access document), not by a fixed inventory,
 * since AccessControl's policies change.
 */
import { expect } from "chai";
import { humanGroupsForceMfa, isForceMfaDeny, isWildcardAdmin, noWildcardAdmin, PolicyInput, statementsOf, T, UNKNOWN } from "../policy/rules";
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
