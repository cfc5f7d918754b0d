/**
 * Evaluates the IAM documents the components emit with an offline IAM policy simulator
 * (@cloud-copilot/iam-simulate, which also checks every action against AWS's action
 * catalogue and every ARN against the action's resource types), instead of searching
 * the JSON for strings.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";

export type Decision = "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied";

export interface Request {
    principal: string;
    action: string;
    resource: string;
    /** Condition keys of the request, e.g. `{"iam:PassedToService": "lambda.amazonaws.com"}`. */
    context?: Record<string, string | string[]>;
}

/**
 * The decision for `request` under the identity `policies` (documents as the components
 * emit them). A request the simulator refuses to evaluate (an unknown action, an ARN of
 * the wrong type) fails the test with its errors rather than reading as a denial.
 */
export async function decide(policies: object[], request: Request, extra: { boundaries?: object[]; resourcePolicy?: object } = {}): Promise<Decision> {
    const account = /arn:[^:]+:iam::(\d{12}):/.exec(request.principal)?.[1] ?? "111122223333";
    const response = await runSimulation(
        {
            identityPolicies: policies.map((policy, i) => ({ name: `policy${i}`, policy: policy as never })),
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: extra.resourcePolicy,
            ...(extra.boundaries ? { permissionBoundaryPolicies: extra.boundaries.map((policy, i) => ({ name: `boundary${i}`, policy })) } : {}),
            request: {
                principal: request.principal,
                action: request.action,
                resource: { resource: request.resource, accountId: /:(\d{12}):/.exec(request.resource)?.[1] ?? account },
                contextVariables: request.context ?? {},
            },
        } as never,
        {},
    );
    if (response.resultType === "error") throw new Error(`the simulator cannot evaluate ${request.action} on ${request.resource}: ${JSON.stringify(response.errors)}`);
    return response.overallResult as Decision;
}
