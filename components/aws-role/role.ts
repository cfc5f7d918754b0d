/**
 * One IAM role as the components declare them: the role with its trust policy and permissions
 * boundary, and its managed policies attached. A plain function, not a ComponentResource: the
 * role and its attachments are children of whatever `opts.parent` says, so the caller's URNs
 * stay what they were before the helper.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

/** One managed policy on the role: its own `RolePolicyAttachment` resource. */
export interface RoleAttachment {
    /** The attachment's resource name (Pulumi's, not AWS's: attachments have none). */
    resourceName: string;
    /** ARN of the managed policy (the caller's `aws.iam.Policy`, or an AWS managed one). */
    policyArn: pulumi.Input<string>;
}

export interface RoleArgs {
    /** The role's physical name. Default: none (Pulumi names it after the resource name, with a suffix). */
    name?: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    /**
     * The trust policy, as its JSON text: which principals (a service, an OIDC provider, an
     * account) may assume the role, and under which conditions. Required.
     */
    trust: pulumi.Input<string>;
    /**
     * ARN of the managed policy that is the most the role can ever do. A deploy role that may
     * only create roles under a boundary needs it on each role it creates. Default: none.
     */
    permissionsBoundary?: pulumi.Input<string>;
    /** Longest session, in seconds (3600 to 43200). Default: AWS's, one hour. */
    maxSessionDuration?: number;
    /** Managed policies attached as the role is declared, in this order. Default: none. */
    attachments?: readonly RoleAttachment[];
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

export interface DeclaredRole {
    role: aws.iam.Role;
    /** The attachments of {@link RoleArgs.attachments}, in their order. */
    attachments: aws.iam.RolePolicyAttachment[];
    /** Attaches one more managed policy, declared now (for a policy that names the role, so exists only after it). */
    attach(attachment: RoleAttachment): aws.iam.RolePolicyAttachment;
}

/**
 * Declares `aws.iam.Role` `resourceName` and one `aws.iam.RolePolicyAttachment` per
 * attachment, all with `opts` (pass `{ parent: this }` from a component).
 */
export function declareRole(resourceName: string, args: RoleArgs, opts: pulumi.CustomResourceOptions): DeclaredRole {
    const role = new aws.iam.Role(resourceName, {
        ...(args.name !== undefined ? { name: args.name } : {}),
        ...(args.description !== undefined ? { description: args.description } : {}),
        assumeRolePolicy: args.trust,
        ...(args.permissionsBoundary !== undefined ? { permissionsBoundary: args.permissionsBoundary } : {}),
        ...(args.maxSessionDuration !== undefined ? { maxSessionDuration: args.maxSessionDuration } : {}),
        ...(args.tags !== undefined ? { tags: args.tags } : {}),
    }, opts);
    const attach = (a: RoleAttachment) => new aws.iam.RolePolicyAttachment(a.resourceName, { role: role.name, policyArn: a.policyArn }, opts);
    return { role, attachments: (args.attachments ?? []).map(attach), attach };
}
