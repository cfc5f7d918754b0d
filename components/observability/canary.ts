/**
 * The outside probe of the public name: a CloudWatch Synthetics canary that opens the
 * URL every minute from AWS's network, its script, its role's least-privilege policy and
 * its artifacts bucket's name. Pure.
 *
 * A canary rather than a Route 53 health check: health check metrics are published only
 * in us-east-1, and a composite alarm cannot name an alarm of another region, so a health
 * check could not feed the page; a canary is regional.
 */
import type { AccountContext } from "./policies";

/**
 * The Synthetics runtime of the probe: the newest Node.js and Puppeteer runtime when read
 * (Lambda Node.js 22.x; the `@aws/synthetics-*` modules the script uses exist from
 * syn-nodejs-puppeteer-13.1). Its dates are a dated fact: stacks/facts/datedFacts.ts.
 */
export const DEFAULT_CANARY_RUNTIME = "syn-nodejs-puppeteer-17.0";
export const DEFAULT_CANARY_ARTIFACT_EXPIRATION_DAYS = 14;
/** The script's handler and where the runtime looks for it in the code archive. */
export const CANARY_HANDLER = "index.handler";
export const CANARY_SCRIPT_PATH = "nodejs/node_modules/index.js";
/** The namespace the canary publishes SuccessPercent, Duration, 2xx/4xx/5xx in. */
export const SYNTHETICS_NAMESPACE = "CloudWatchSynthetics";

/**
 * Longest canary name the probe uses. CreateCanary accepts 255 characters (21 until
 * September 2024), but Synthetics names the canary's Lambda function
 * `cwsyn-<canary name>-<36-character id>` and Lambda allows 64 characters: 6 + 21 + 1 + 36.
 * Within 21 that name is whole, so the role's log grant (`/aws/lambda/cwsyn-<canary>-*`)
 * and the deploy role's grant on `function:cwsyn-<prefix>-*` match what AWS creates.
 */
export const CANARY_NAME_MAX_LENGTH = 21;

/** The canary's name: `<prefix>-fd` ("front door"), short because of {@link CANARY_NAME_MAX_LENGTH}. */
export function frontDoorCanaryName(prefix: string): string {
    return `${prefix}-fd`;
}

/** What is wrong with the canary's name for this prefix, or undefined. */
export function canaryNameProblem(prefix: string): string | undefined {
    const name = frontDoorCanaryName(prefix);
    if (name.length <= CANARY_NAME_MAX_LENGTH) return undefined;
    return `frontDoorProbe: the canary's name ${JSON.stringify(name)} has ${name.length} characters; allowed: at most ${CANARY_NAME_MAX_LENGTH} (Synthetics names its function cwsyn-<canary>-<36-character id>, and Lambda allows 64), so the probe needs a namePrefix of at most ${CANARY_NAME_MAX_LENGTH - 3} characters`;
}

/** `<prefix>-probe-artifacts-<account>`: at most 32 + 17 + 12 = 61 characters, within S3's 63. */
export function canaryArtifactsBucketName(prefix: string, accountId: string): string {
    return `${prefix}-probe-artifacts-${accountId}`;
}

/**
 * The probe: one HTTP step, GET of `PROBE_URL`; a status of 400 or more, a TLS or DNS
 * error or a timeout fails the run (SuccessPercent 0). No response body is logged.
 */
export function canaryScript(): string {
    return [
        "const synthetics = require('@aws/synthetics-puppeteer');",
        "const log = require('@aws/synthetics-logger');",
        "const { URL } = require('url');",
        "",
        "exports.handler = async () => {",
        "  const url = new URL(process.env.PROBE_URL);",
        "  const request = {",
        "    hostname: url.hostname,",
        "    method: 'GET',",
        "    path: url.pathname + url.search,",
        "    port: url.port || (url.protocol === 'https:' ? 443 : 80),",
        "    protocol: url.protocol,",
        "    headers: { 'User-Agent': synthetics.getCanaryUserAgentString() },",
        "  };",
        "  const config = { includeRequestBody: false, includeResponseBody: false, includeRequestHeaders: false, includeResponseHeaders: false, restrictedHeaders: [], restrictedUrlParameters: [] };",
        "  await synthetics.executeHttpStep('front-door', request, async (res) => {",
        "    if (res.statusCode < 200 || res.statusCode >= 400) throw new Error(`${url.hostname}: HTTP ${res.statusCode}`);",
        "    log.info(`${url.hostname}: HTTP ${res.statusCode}`);",
        "  }, config);",
        "};",
        "",
    ].join("\n");
}

export function canaryTrustPolicy() {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "LambdaRunsTheCanary", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
}

/**
 * What the canary's function does and nothing more: write its results under its bucket,
 * publish its own namespace's metrics, write its own log groups (the function is named
 * `cwsyn-<canary>-<id>`). `s3:ListAllMyBuckets` has no resource-level permissions.
 */
export function canaryRolePolicy(ctx: AccountContext, p: { bucketName: string; canaryName: string }) {
    const bucket = `arn:${ctx.partition}:s3:::${p.bucketName}`;
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "WriteRunResults", Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: [`${bucket}/*`] },
            { Sid: "FindTheBucket", Effect: "Allow", Action: ["s3:GetBucketLocation"], Resource: [bucket] },
            { Sid: "ListBucketsHasNoResourceLevel", Effect: "Allow", Action: ["s3:ListAllMyBuckets"], Resource: ["*"] },
            {
                Sid: "PublishTheCanaryMetrics",
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: ["*"],
                Condition: { StringEquals: { "cloudwatch:namespace": SYNTHETICS_NAMESPACE } },
            },
            {
                Sid: "WriteItsLogs",
                Effect: "Allow",
                Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
                Resource: [`arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:/aws/lambda/cwsyn-${p.canaryName}-*`],
            },
        ],
    };
}

/** What is wrong with the probe's args (plain values only; an output URL is checked by AWS). */
export function frontDoorProbeProblems(a: { url: unknown; runtimeVersion?: string; artifactExpirationDays?: number }): string[] {
    const p: string[] = [];
    if (typeof a.url === "string" && !/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?(\/\S*)?$/.test(a.url)) {
        p.push(`frontDoorProbe.url = ${JSON.stringify(a.url)}: is not an http(s) URL; allowed: e.g. "https://watch.kgsports.example/healthz"`);
    }
    if (a.runtimeVersion !== undefined) {
        const m = /^syn-nodejs-puppeteer-(\d+)\.(\d+)$/.exec(a.runtimeVersion);
        if (m === null || Number(m[1]) * 100 + Number(m[2]) < 1301) {
            p.push(`frontDoorProbe.runtimeVersion = ${JSON.stringify(a.runtimeVersion)}: the probe's script needs the @aws/synthetics-* modules; allowed: syn-nodejs-puppeteer-13.1 or later`);
        }
    }
    const days = a.artifactExpirationDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 455)) {
        p.push(`frontDoorProbe.artifactExpirationDays = ${days}: allowed: a whole number of days from 1 to 455 (Synthetics keeps run data at most 455 days)`);
    }
    return p;
}

/** A short, stable digest of the script (its S3 key changes with it, so the canary is updated). */
export function scriptDigest(script: string): string {
    let h = 0x811c9dc5;
    for (const ch of script) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    return h.toString(16).padStart(8, "0");
}
