/**
 * The pack as CrossGuard runs it: the rules wrapped for @pulumi/policy (policy/pack.ts),
 * fed the way its analyzer feeds them (properties behind its unknown-checking proxy),
 * and the real entry point (policy/index.ts) started in a child process by the Pulumi
 * SDK's policy runner and asked over gRPC, as `pulumi preview --policy-pack` would.
 */
import * as grpc from "@grpc/grpc-js";
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { expect } from "chai";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as path from "path";
import { parse } from "yaml";
import { plainProps } from "../policy/adapter";
import { cannotTellYet, PACK_NAME, policies, toPolicy } from "../policy/pack";
import { autoScalingGroupResilient, launchTemplateHardened, PolicyInput, RULES, T, UNKNOWN } from "../policy/rules";
import { TEST_NOW } from "./helpers/declare";
import { copyOf, plannedPolicyStack } from "./helpers/policyPlan";

const ROOT = path.join(__dirname, "..");
const POLICY_DIR = path.join(ROOT, "policy");

// @pulumi/policy's proxy and its unknown sentinels are internal (no types): what its analyzer wraps properties in.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(v: T): T; unknownStringValue: string; unknownArrayValue: string };
/** The engine's marker of an unknown string in marshalled properties. */
const ENGINE_UNKNOWN_STRING = proxy.unknownStringValue;

const now = () => TEST_NOW;

function resourceArgs(r: PolicyInput, props: Record<string, unknown>): ResourceValidationArgs {
    return {
        type: r.type, urn: r.urn, name: r.name, props: proxy.unknownCheckingProxy(props),
        opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [], parent: r.parent },
        stackTags: new Map(),
    } as unknown as ResourceValidationArgs;
}

/** Plan resources as @pulumi/policy hands them to stack policies (linked parent and dependencies). */
function stackArgs(resources: readonly PolicyInput[]): StackValidationArgs {
    const byUrn = new Map<string, PolicyResource>();
    const out = resources.map((r) => {
        const p = {
            type: r.type, urn: r.urn, name: r.name, props: proxy.unknownCheckingProxy(structuredClone(r.props)),
            opts: { protect: r.protect ?? false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
            dependencies: [], propertyDependencies: {},
        } as unknown as PolicyResource;
        byUrn.set(r.urn, p);
        return p;
    });
    resources.forEach((r, i) => {
        out[i].parent = r.parent ? byUrn.get(r.parent) : undefined;
        out[i].dependencies = r.dependencies.map((u) => byUrn.get(u)).filter((d): d is PolicyResource => d !== undefined);
        for (const [k, urns] of Object.entries(r.propertyDependencies)) out[i].propertyDependencies[k] = urns.map((u) => byUrn.get(u)!).filter(Boolean);
    });
    return { resources: out, stackTags: new Map() } as unknown as StackValidationArgs;
}

function collect(): { reports: { message: string; urn?: string }[]; report: (message: string, urn?: string) => void } {
    const reports: { message: string; urn?: string }[] = [];
    return { reports, report: (message, urn) => reports.push({ message, urn }) };
}

describe("policy pack: the rules as @pulumi/policy policies", () => {
    it("one policy per rule, same name, description and level, then the advisory cannot-tell report", () => {
        const all = policies(now);
        expect(all.map((p) => p.name)).to.deep.equal([...RULES.map((r) => r.name), "kgsports-cannot-tell-yet"]);
        RULES.forEach((r, i) => expect(all[i]).to.deep.include({ description: r.description, enforcementLevel: r.enforcementLevel }));
        expect(all[all.length - 1].enforcementLevel).to.equal("advisory");
        expect(PACK_NAME).to.match(/^[a-zA-Z0-9-_.]{1,100}$/);
    });

    it("plainProps copies through the analyzer's proxy, turning unknown values into UNKNOWN instead of throwing", () => {
        const props = proxy.unknownCheckingProxy({ a: "x", b: proxy.unknownStringValue, c: [1, proxy.unknownStringValue], d: { e: proxy.unknownArrayValue } });
        expect(() => (props as any).b).to.throw(/can't be known during preview/);
        expect(plainProps(props)).to.deep.equal({ a: "x", b: UNKNOWN, c: [1, UNKNOWN], d: { e: UNKNOWN } });
    });

    it("a resource policy reports a broken launch template, and only 'cannot tell' (no throw) when a value is unknown", async () => {
        const { resources } = await plannedPolicyStack("matchday");
        const lt = copyOf(resources, T.launchTemplate);
        const policy = toPolicy(launchTemplateHardened, now) as ResourceValidationPolicy;
        const validate = policy.validateResource as (a: ResourceValidationArgs, r: (m: string) => void) => void;
        const good = collect();
        validate(resourceArgs(lt, lt.props), good.report);
        expect(good.reports).to.deep.equal([]);
        const broken = collect();
        validate(resourceArgs(lt, { ...lt.props, metadataOptions: { httpTokens: "optional" } }), broken.report);
        expect(broken.reports.map((r) => r.message)).to.have.length(1).and.to.match(/httpTokens is "optional"/);
        const preview = collect();
        validate(resourceArgs(lt, { ...lt.props, metadataOptions: { httpTokens: proxy.unknownStringValue } }), preview.report);
        expect(preview.reports).to.deep.equal([]);
        // Another type is not this policy's business.
        const other = collect();
        validate(resourceArgs(copyOf(resources, T.asg), {}), other.report);
        expect(other.reports).to.deep.equal([]);
    });

    it("stack policies over the matchday plan: only the accepted advisory finding; unknowns go to the cannot-tell report", async () => {
        const { resources } = await plannedPolicyStack("matchday");
        const found: string[] = [];
        for (const p of policies(now)) {
            const { reports, report } = collect();
            if ("validateStack" in p) (p as StackValidationPolicy).validateStack(stackArgs(resources), report);
            else for (const r of resources) ((p as ResourceValidationPolicy).validateResource as any)(resourceArgs(r, structuredClone(r.props)), report);
            found.push(...reports.map(() => `${p.name} (${p.enforcementLevel})`));
        }
        expect(found).to.deep.equal(["alarms-only-automation-listens (advisory)"]);
        const asg = copyOf(resources, T.asg);
        (asg.props.launchTemplate as any).version = proxy.unknownStringValue;
        const preview = resources.map((r) => (r.urn === asg.urn ? asg : r));
        const { reports, report } = collect();
        cannotTellYet(now).validateStack(stackArgs(preview), report);
        expect(reports).to.have.length(1);
        expect(reports[0].urn).to.equal(asg.urn);
        expect(reports[0].message).to.contain(`${autoScalingGroupResilient.name} (mandatory) cannot tell yet`).and.contain("version is unknown");
    });
});

describe("policy pack: files a real `pulumi preview --policy-pack ./policy` needs", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));
    const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

    it("PulumiPolicy.yaml declares the nodejs runtime; package.json pins @pulumi/policy and the root's @pulumi/pulumi", () => {
        expect(parse(fs.readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8"))).to.deep.include({ runtime: "nodejs" });
        expect(pkg.dependencies["@pulumi/policy"]).to.match(/^\d+\.\d+\.\d+$/);
        expect(pkg.dependencies["@pulumi/pulumi"]).to.equal(rootPkg.dependencies["@pulumi/pulumi"]);
        const installed = JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json"), "utf8")).version.replace(/^v/, "");
        expect(installed).to.equal(pkg.dependencies["@pulumi/policy"]);
    });

    it("policy/ is an npm workspace (installed by the root's npm ci), type-checked and tested by the root's commands", () => {
        expect(rootPkg.workspaces).to.include("policy");
        const tsconfig = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");
        expect(JSON.parse(tsconfig).include).to.include("policy/**/*.ts");
        const mocharc = JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8"));
        expect(mocharc.spec).to.include("test/**/*.test.ts");
        // The CLI's runner resolves the SDK from the pack's folder: the root's node_modules.
        expect(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [POLICY_DIR] })).to.equal(require.resolve("@pulumi/pulumi/cmd/run-policy-pack"));
    });

    it("the README lists every rule with its level, and how to run the pack", () => {
        const readme = fs.readFileSync(path.join(POLICY_DIR, "README.md"), "utf8");
        for (const r of [...RULES, { name: "kgsports-cannot-tell-yet", enforcementLevel: "advisory" }]) {
            const row = readme.split("\n").find((l) => l.startsWith("|") && l.includes(`\`${r.name}\``));
            expect(row, r.name).to.be.a("string");
            expect(row!, r.name).to.contain(r.enforcementLevel);
        }
        expect(readme).to.contain("pulumi preview --stack matchday --policy-pack ./policy");
        expect(readme).to.contain("test/policy.*.test.ts");
    });
});

describe("policy pack: policy/index.ts served by the SDK's policy runner (as the CLI starts it)", function () {
    this.timeout(180_000);
    let child: ChildProcess | undefined;
    let client: analyzerGrpc.AnalyzerClient;
    let stderr = "";

    before(async () => {
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [POLICY_DIR] });
        // What pulumi-analyzer-policy runs: the runner, an engine address (unused here), the pack folder.
        child = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: POLICY_DIR, stdio: ["ignore", "pipe", "pipe"] });
        child.stderr!.on("data", (d) => (stderr += String(d)));
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            child!.stdout!.on("data", (d) => {
                out += String(d);
                const m = /^(\d+)\s*$/m.exec(out);
                if (m) resolve(m[1]);
            });
            child!.on("exit", (code) => reject(new Error(`the pack exited (${code}) before serving: ${stderr}`)));
        });
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        if (child && child.exitCode === null) child.kill();
    });

    const call = <Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req) =>
        new Promise<Res>((resolve, reject) => method.call(client, req, (err, res) => (err ? reject(err) : resolve(res))));

    function resource<M extends analyzer.AnalyzeRequest | analyzer.AnalyzerResource>(msg: M, r: PolicyInput, props: Record<string, unknown>): M {
        msg.setType(r.type);
        msg.setUrn(r.urn);
        msg.setName(r.name);
        msg.setProperties(Struct.fromJavaScript(props as Record<string, any>));
        msg.setOptions(new analyzer.AnalyzerResourceOptions().setProtect(r.protect ?? false));
        return msg;
    }

    it("announces the kgsports pack with every policy and its level", async () => {
        const info = await call<Empty, analyzer.AnalyzerInfo>(client.getAnalyzerInfo, new Empty());
        expect(info.getName()).to.equal(PACK_NAME);
        const levels = Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]));
        for (const r of RULES) expect(levels[r.name], r.name).to.equal(r.enforcementLevel === "mandatory" ? analyzer.EnforcementLevel.MANDATORY : analyzer.EnforcementLevel.ADVISORY);
        expect(levels["kgsports-cannot-tell-yet"]).to.equal(analyzer.EnforcementLevel.ADVISORY);
    });

    it("Analyze: a launch template allowing IMDSv1 is a mandatory violation; an unknown value is not", async () => {
        const { resources } = await plannedPolicyStack("matchday");
        const lt = copyOf(resources, T.launchTemplate);
        const bad = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze, resource(new analyzer.AnalyzeRequest(), lt, { ...lt.props, metadataOptions: { httpTokens: "optional" } }));
        expect(bad.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()])).to.deep.equal([[launchTemplateHardened.name, analyzer.EnforcementLevel.MANDATORY]]);
        const preview = await call<analyzer.AnalyzeRequest, analyzer.AnalyzeResponse>(client.analyze, resource(new analyzer.AnalyzeRequest(), lt, { ...lt.props, metadataOptions: { httpTokens: ENGINE_UNKNOWN_STRING } }));
        expect(preview.getDiagnosticsList().map((d) => d.getMessage())).to.deep.equal([]);
    });

    it("AnalyzeStack over the matchday plan: only the accepted advisory finding", async () => {
        const { resources } = await plannedPolicyStack("matchday");
        const req = new analyzer.AnalyzeStackRequest().setResourcesList(resources.map((r) => {
            const msg = resource(new analyzer.AnalyzerResource(), r, r.props);
            if (r.parent) msg.setParent(r.parent);
            msg.setDependenciesList(r.dependencies);
            for (const [k, urns] of Object.entries(r.propertyDependencies)) msg.getPropertydependenciesMap().set(k, new analyzer.AnalyzerPropertyDependencies().setUrnsList(urns));
            return msg;
        }));
        const res = await call<analyzer.AnalyzeStackRequest, analyzer.AnalyzeResponse>(client.analyzeStack, req);
        expect(res.getDiagnosticsList().map((d) => `${d.getPolicyname()} ${d.getEnforcementlevel()} ${d.getUrn().split("::").pop()}`)).to.deep.equal([
            `alarms-only-automation-listens ${analyzer.EnforcementLevel.ADVISORY} hybrid-recovered`,
        ]);
    });
});
