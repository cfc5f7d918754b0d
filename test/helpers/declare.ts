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

/**
 * The plan of a stack; fails the test with the config message when invalid. Plans of
 * the shipped stack files are built once per test process (tests only read them).
 */
export function plannedStack(stack: string, configFile?: string, now: Date = TEST_NOW): Promise<StackPlan> {
    const build = async () => {
        const outcome = await planStack({ stack, configFile, now });
        if (!outcome.ok) throw new Error(outcome.message);
        return outcome.plan;
    };
    if (configFile !== undefined || now !== TEST_NOW) return build();
    if (!shippedPlans.has(stack)) shippedPlans.set(stack, build());
    return shippedPlans.get(stack)!;
}
