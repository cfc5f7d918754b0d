/**
 * What a stack is before any slice: its name (every physical name starts with
 * `<project>-<stack>`), its region, and keys no slice declares. Pure.
 */
import { namePrefixProblems } from "@kgsports/access-control/pure";
import { namePrefixProblem as backupNamePrefixProblem } from "@kgsports/backup-policy/pure";
import { namePrefixProblem as observabilityNamePrefixProblem } from "@kgsports/observability/pure";
import { PROJECT } from "./project";
import type { ConfigProblem } from "./slice";
import { nearestName } from "../text/suggest";

/** Keys of the AWS provider's own namespace that this project's stacks may set. */
export const KNOWN_AWS_KEYS = [
    "region",
    "profile",
    "defaultTags",
    "allowedAccountIds",
    "forbiddenAccountIds",
    "assumeRole",
    "sharedCredentialsFiles",
    "sharedConfigFiles",
    "skipCredentialsValidation",
    "skipMetadataApiCheck",
    "skipRequestingAccountId",
    "maxRetries",
    "ignoreTags",
    "endpoints",
];

export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The stack's identity: what every resource is named and tagged with. */
export interface StackIdentity {
    project: string;
    stack: string;
    /** aws:region */
    region: string;
    /** Tags put on every taggable resource. */
    tags: Record<string, string>;
}

/** "kgsports:minSize" → ["kgsports", "minSize"]; a key without a namespace belongs to the project. */
export function splitKey(key: string): [string, string] {
    const i = key.indexOf(":");
    return i < 0 ? [PROJECT, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** Keys of the project no slice declares (with the nearest declared name), and AWS keys that look mistyped. */
export function unknownKeyProblems(values: Readonly<Record<string, string>>, knownKeys: readonly string[]): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const key of Object.keys(values)) {
        const [namespace, name] = splitKey(key);
        if (namespace === PROJECT && !knownKeys.includes(name)) {
            const near = nearestName(name, knownKeys);
            problems.push({
                key,
                message: near
                    ? `unknown key; did you mean ${PROJECT}:${near}?`
                    : `unknown key; allowed are the keys declared in Pulumi.yaml (${knownKeys.join(", ")})`,
            });
        } else if (namespace === "aws" && !KNOWN_AWS_KEYS.includes(name)) {
            const near = nearestName(name, KNOWN_AWS_KEYS);
            if (near) problems.push({ key, message: `unknown AWS provider key; did you mean aws:${near}?` });
        }
    }
    return problems;
}

/**
 * The stack name as a name prefix, and the region. Every physical name starts with
 * <project>-<stack>: IAM names, alarm names, an S3 bucket name. A stack name the
 * components would refuse is refused here, before anything is declared, instead of
 * failing inside a component.
 */
export function decideStackIdentity(project: string, stack: string, values: Readonly<Record<string, string>>): { identity?: StackIdentity; problems: ConfigProblem[] } {
    const problems: ConfigProblem[] = [];
    const prefix = `${project}-${stack}`;
    // The S3 bucket's rule (Observability's) is the strictest; the others only add IAM's.
    const prefixWhy = observabilityNamePrefixProblem(prefix) ?? backupNamePrefixProblem(prefix)
        ?? namePrefixProblems(prefix, "the name prefix").map((x) => `breaks IAM's naming rules (${x})`)[0];
    if (prefixWhy !== undefined) {
        problems.push({
            key: "(stack name)",
            value: stack,
            message: `gives the name prefix "${prefix}", which ${prefixWhy}; rename the stack (pulumi stack rename) to lowercase letters, digits and hyphens, short enough for the prefix`,
        });
    }
    const region = values["aws:region"];
    if (region === undefined) {
        problems.push({ key: "aws:region", message: "required; set the AWS region to deploy to, e.g. ap-northeast-2" });
    } else if (!AWS_REGION_PATTERN.test(region)) {
        problems.push({ key: "aws:region", value: region, message: "allowed: an AWS region name such as ap-northeast-2" });
    }
    if (problems.length > 0 || region === undefined) return { problems };
    return { identity: { project, stack, region, tags: { Project: project, Stack: stack, ManagedBy: "pulumi" } }, problems };
}
