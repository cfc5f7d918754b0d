/**
 * The delivery pipeline's slice of the stack config: where the stacks keep their state
 * and which KMS key encrypts their secrets, so that the deploy role (read and write) and
 * the pull-request preview role (read) get exactly that access and no more. Both are
 * required while the stack has those roles (`deployRepository` is set). The rules of the
 * values are AccessControl's (`stateBackendProblems`); this module parses the login URL
 * and puts the config key names on the messages. Pure.
 */
import { z } from "zod";
import { stateBackendProblems } from "@kgsports/access-control/pure";
import { PROJECT } from "./project";
import { def, anyString } from "./schema";

export const PIPELINE_KEYS = {
    stateBackendUrl: def<string | undefined>({
        type: "string",
        description:
            "The S3 state backend the stacks use (the URL of `pulumi login`, s3://<bucket>[/<prefix>]): the deploy role reads and writes the state under it, the preview role reads it. Required while deployRepository is set (the one-time bootstrap creates the bucket).",
        default: "",
        emptyMeansUnset: true,
        allowed: "s3://<bucket> or s3://<bucket>/<prefix> (no query string)",
        schema: anyString,
    }),
    secretsKmsKeyArn: def<string | undefined>({
        type: "string",
        description:
            "The KMS key of the stacks' awskms:// secrets provider: the deploy and preview roles may kms:Decrypt with it (the stack's data key), nothing else. Required while deployRepository is set (the one-time bootstrap creates the key).",
        default: "",
        emptyMeansUnset: true,
        allowed: "a KMS key ARN, arn:aws:kms:<region>:<account>:key/<key id> (the key's ARN, not an alias)",
        schema: anyString,
    }),
};

export type PipelineKeyName = keyof typeof PIPELINE_KEYS;
export type PipelineKeyValues = {
    [K in PipelineKeyName]?: (typeof PIPELINE_KEYS)[K] extends { schema: z.ZodType<infer T, z.ZodTypeDef, string> } ? T : never;
};

export interface PipelineSettings {
    stateBackend?: { bucketName: string; keyPrefix: string };
    secretsKmsKeyArn?: string;
}

export interface PipelineProblem {
    key: string;
    value?: string;
    message: string;
}

const full = (key: PipelineKeyName) => `${PROJECT}:${key}`;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** `s3://bucket/prefix` as the bucket and the prefix, or why not. */
export function parseStateBackendUrl(url: string): { bucketName: string; keyPrefix: string } | { problem: string } {
    const m = /^s3:\/\/([^/?#]+)(?:\/([^?#]*))?$/.exec(url);
    if (!m) {
        return { problem: url.includes("?") ? "a query string (e.g. ?region=) is not supported here: give s3://<bucket>[/<prefix>]" : "not an S3 backend URL: s3://<bucket>[/<prefix>]" };
    }
    const keyPrefix = (m[2] ?? "").replace(/\/+$/, "");
    const problems = stateBackendProblems({ bucketName: m[1], keyPrefix });
    return problems.length > 0 ? { problem: problems.join("; ") } : { bucketName: m[1], keyPrefix };
}

/** What the pipeline keys are checked against: the stack, and whether CI deploys it (`deployRepository`). */
export interface PipelineContext {
    stack: string;
    /** `kgsports:deployRepository` when set: the stack then has the deploy and preview roles, which need both keys. */
    deployRepository?: string;
}

/**
 * Both keys while the stack has CI roles: without them the deploy and preview roles get
 * no access to the state bucket or the secrets key, and the first CI deploy and every
 * preview fail with AccessDenied. One problem per missing key, each naming both.
 */
function missingKeyProblems(v: PipelineKeyValues, ctx: PipelineContext): PipelineProblem[] {
    if (ctx.deployRepository === undefined) return [];
    const missing = (["stateBackendUrl", "secretsKmsKeyArn"] as const).filter((k) => v[k] === undefined);
    return missing.map((k) => ({
        key: full(k),
        message:
            `is required while ${PROJECT}:deployRepository is set (${ctx.deployRepository}): the deploy and preview roles read the stack state and decrypt its secrets, ` +
            `so without ${full("stateBackendUrl")} and ${full("secretsKmsKeyArn")} the first CI deploy and every preview fail with AccessDenied. ` +
            `Create the state bucket and the secrets key as in the README's "One-time bootstrap" (pulumi login s3://<bucket>; pulumi stack init ${ctx.stack} --secrets-provider 'awskms://<key id>?region=<region>') ` +
            `and set both in Pulumi.${ctx.stack}.yaml; allowed: ${PIPELINE_KEYS[k].allowed}`,
    }));
}

export function decidePipelineSettings(v: PipelineKeyValues, ctx: PipelineContext): { problems: PipelineProblem[]; settings: PipelineSettings } {
    const problems: PipelineProblem[] = [...missingKeyProblems(v, ctx)];
    const settings: PipelineSettings = {};
    if (v.stateBackendUrl !== undefined) {
        const parsed = parseStateBackendUrl(v.stateBackendUrl);
        if ("problem" in parsed) problems.push({ key: full("stateBackendUrl"), value: v.stateBackendUrl, message: `${parsed.problem}; allowed: ${PIPELINE_KEYS.stateBackendUrl.allowed}` });
        else settings.stateBackend = parsed;
    }
    if (v.secretsKmsKeyArn !== undefined) {
        if (!KMS_KEY_ARN.test(v.secretsKmsKeyArn)) {
            problems.push({ key: full("secretsKmsKeyArn"), value: v.secretsKmsKeyArn, message: `is not a KMS key ARN; allowed: ${PIPELINE_KEYS.secretsKmsKeyArn.allowed}` });
        } else settings.secretsKmsKeyArn = v.secretsKmsKeyArn;
    }
    return { problems, settings };
}
