/** Test helpers over the shared mock-runtime harness (stacks/plan/mockRuntime). */
import { DeclaredResource, MockRun, runUnderMocks } from "../../stacks/plan/mockRuntime";
import { planStack, StackPlan } from "../../stacks/plan/planStack";

export const AWS = {
    asg: "aws:autoscaling/group:Group",
    policy: "aws:autoscaling/policy:Policy",
    lt: "aws:ec2/launchTemplate:LaunchTemplate",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    tg: "aws:lb/targetGroup:TargetGroup",
    listener: "aws:lb/listener:Listener",
    vpc: "awsx:ec2:Vpc",
    role: "aws:iam/role:Role",
    profile: "aws:iam/instanceProfile:InstanceProfile",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
};

/** Declares whatever `program` creates, under mocks, in a stack of the given name. */
export function declare<T>(program: () => T, stack = "test", config: Record<string, string> = { "aws:region": "ap-northeast-2" }): Promise<MockRun<T>> {
    return runUnderMocks({ project: "kgsports", stack, config }, program);
}

export function ofType(resources: DeclaredResource[], type: string): DeclaredResource[] {
    return resources.filter((r) => r.type === type);
}

export function one(resources: DeclaredResource[], type: string): DeclaredResource {
    const found = ofType(resources, type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
}

export function named(resources: DeclaredResource[], name: string): DeclaredResource {
    const found = resources.filter((r) => r.name === name);
    if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
    return found[0];
}

/**
 * The clock of every test plan: before the shipped matchday fixtures, so tests do not
 * change as real time passes them.
 */
export const TEST_NOW = new Date("2027-03-20T00:00:00Z");

const shippedPlans = new Map<string, Promise<StackPlan>>();
/** The mutant the cached plans were built under (mutation testing only). */
let shippedPlansMutant: string | undefined;

/**
 * Under mutation testing (Stryker's worker processes have `STRYKER_MUTATOR_WORKER`),
 * the mocha runner loads the test files once and keeps the process, its module cache
 * and this map from one mutant to the next: it only switches the active mutant
 * (`globalThis.__stryker__.activeMutant`) that the instrumented code reads at run time.
 * A plan cached under one mutant, or under none, would hide the next mutant from every
 * test that reads it. So there plans are cached per active mutant, and not at all in
 * Stryker's first run without a mutant (which records which tests reach which mutant:
 * each test must build the plan itself to be recorded). Returns the cache key, or
 * undefined for no caching.
 */
function shippedPlanKey(stack: string): string | undefined {
    if (process.env.STRYKER_MUTATOR_WORKER === undefined) return stack;
    const active = (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;
    if (active === undefined) return undefined;
    if (active !== shippedPlansMutant) {
        shippedPlans.clear();
        shippedPlansMutant = active;
    }
    return stack;
}

/**
 * The plan of a stack; fails the test with the config message when invalid. Plans of
 * the shipped stack files are built once per test process (tests only read them), and
 * once per mutant under mutation testing ({@link shippedPlanKey}).
 */
export function plannedStack(stack: string, configFile?: string, now: Date = TEST_NOW): Promise<StackPlan> {
    const build = async () => {
        const outcome = await planStack({ stack, configFile, now });
        if (!outcome.ok) throw new Error(outcome.message);
        return outcome.plan;
    };
    if (configFile !== undefined || now !== TEST_NOW) return build();
    const key = shippedPlanKey(stack);
    if (key === undefined) return build();
    if (!shippedPlans.has(key)) shippedPlans.set(key, build());
    return shippedPlans.get(key)!;
}
