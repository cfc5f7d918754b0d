/**
 * GitHub Actions OIDC: who may assume the deploy role. A workflow run presents a token
 * whose `sub` claim names the repository and either the branch or the GitHub
 * environment of the job; the trust policy compares it exactly (StringEquals, no
 * wildcards). Pure functions only.
 */

/** Issuer of GitHub Actions tokens; also the URL of the IAM OIDC provider. */
export const GITHUB_OIDC_URL = "https://token.actions.githubusercontent.com";
/** The host part, which prefixes the provider's condition keys (`<host>:sub`, `<host>:aud`). */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** Audience `aws-actions/configure-aws-credentials` requests by default. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** Which workflow runs may deploy: one repository, and one branch or one environment. */
export interface GitHubDeployTarget {
    /** `owner/name`, spelled exactly as GitHub shows it (the claim is compared case-sensitively). */
    repository: string;
    /** Branch name without `refs/heads/`. Used when `environment` is not set; default `"main"`. */
    branch?: string;
    /** GitHub environment of the deploying job. When set, the branch is not part of the claim. */
    environment?: string;
}

export const DEFAULT_DEPLOY_BRANCH = "main";

/**
 * The exact `sub` claim the deploy role accepts, in GitHub's default format:
 * `repo:<owner>/<name>:environment:<env>` for a job with an environment, otherwise
 * `repo:<owner>/<name>:ref:refs/heads/<branch>`. (An organisation that customised its
 * subject claim template must change this.)
 */
export function githubSubject(target: GitHubDeployTarget): string {
    if (target.environment !== undefined) return `repo:${target.repository}:environment:${target.environment}`;
    return `repo:${target.repository}:ref:refs/heads/${target.branch ?? DEFAULT_DEPLOY_BRANCH}`;
}

/** `arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com` */
export function githubOidcProviderArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

// Owner: 1-39 letters, digits and single inner hyphens. Name: letters, digits, . _ - (at most 100), not "." or "..".
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;
// Characters that are wildcards or separators in IAM conditions or that git forbids in ref names.
const FORBIDDEN_IN_REF = /[\s*?[\]\\~^:$]/;

/** Problems with the deploy target, or none. `field` prefixes the messages. */
export function githubTargetProblems(target: GitHubDeployTarget, field = "deployRole"): string[] {
    const problems: string[] = [];
    const parts = target.repository.split("/");
    if (parts.length !== 2 || !OWNER.test(parts[0]) || !REPO_NAME.test(parts[1]) || parts[1] === "." || parts[1] === "..") {
        problems.push(`${field}.repository "${target.repository}": must be "owner/name" as on GitHub (letters, digits, - in the owner; letters, digits, . _ - in the name)`);
    }
    if (target.branch !== undefined && target.environment !== undefined) {
        problems.push(`${field}: set branch or environment, not both (a job with an environment presents the environment, not the branch)`);
    }
    if (target.branch !== undefined) {
        if (target.branch.trim() === "") problems.push(`${field}.branch is empty: name the branch that deploys, e.g. "main"`);
        else if (target.branch.startsWith("refs/")) problems.push(`${field}.branch "${target.branch}": give the branch name without "refs/heads/"`);
        else if (FORBIDDEN_IN_REF.test(target.branch) || target.branch.includes("..")) {
            problems.push(`${field}.branch "${target.branch}": not a branch name (no wildcards, spaces or : ~ ^ [ ] \\ $)`);
        }
    }
    if (target.environment !== undefined) {
        if (target.environment.trim() === "") problems.push(`${field}.environment is empty: name the GitHub environment that deploys`);
        else if (target.environment.length > 255 || /[*?$]/.test(target.environment)) {
            problems.push(`${field}.environment "${target.environment}": at most 255 characters, no wildcards (* ?) or $`);
        }
    }
    return problems;
}

const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

/** Problems with an existing provider's ARN, or none. */
export function oidcProviderArnProblems(arn: string, field = "deployRole.existingOidcProviderArn"): string[] {
    return OIDC_PROVIDER_ARN.test(arn)
        ? []
        : [`${field} "${arn}": must be the ARN of the account's GitHub Actions provider, arn:<partition>:iam::<account>:oidc-provider/${GITHUB_OIDC_HOST}`];
}
