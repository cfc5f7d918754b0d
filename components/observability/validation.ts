/**
 * The component's validators: pure functions that return `undefined` for a good value,
 * or one sentence saying what is wrong that ENDS with "allowed: ...". A stack's config
 * module can call them and put its own key names in front.
 */

// ---------------------------------------------------------------- names

/** Longest name prefix: `<prefix>-alb-logs-<12-digit account>` must fit S3's 63 characters, with room to spare. */
export const MAX_NAME_PREFIX_LENGTH = 32;

/** S3's reserved bucket name beginnings: the access logs bucket starts with the prefix. */
const RESERVED_BUCKET_STARTS = ["xn--", "sthree-", "amzn-s3-demo-"];

/**
 * The physical name prefix: lowercase letters, digits and hyphens, starting and ending
 * with a letter or digit, at most 32 characters (it starts an S3 bucket name, so no
 * capitals and none of S3's reserved beginnings).
 */
export function namePrefixProblem(prefix: string): string | undefined {
    const allowed = `allowed: lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most ${MAX_NAME_PREFIX_LENGTH} characters (it starts an S3 bucket name), e.g. "kgsports-matchday"`;
    if (typeof prefix !== "string" || !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/.test(prefix) || prefix.length > MAX_NAME_PREFIX_LENGTH) {
        return `is not a usable name prefix; ${allowed}`;
    }
    const reserved = RESERVED_BUCKET_STARTS.find((s) => prefix.startsWith(s));
    if (reserved) return `starts with "${reserved}", which S3 reserves for bucket names; ${allowed}`;
    return undefined;
}

/** The component's own (logical) name: children are `<name>-<role>`. */
export function componentNameProblem(name: string): string | undefined {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/.test(name)) {
        return "is not a usable component name; allowed: letters, digits and inner hyphens, at most 40 characters";
    }
    return undefined;
}

// ---------------------------------------------------------------- subscriptions

/**
 * An e-mail address SNS can deliver to: one `@`, a local part without spaces, a domain of
 * dot-separated labels ending in a top-level domain of letters, at most 254 characters.
 */
export function emailProblem(address: string): string | undefined {
    const allowed = 'allowed: an e-mail address such as "oncall@kgsports.example", at most 254 characters, no spaces';
    if (typeof address !== "string" || address.length > 254) return `is not an e-mail address; ${allowed}`;
    const m = /^([^\s@"(),:;<>[\]\\]+)@((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$/.exec(address);
    if (!m || m[1].length > 64 || m[1].startsWith(".") || m[1].endsWith(".") || m[1].includes("..")) return `is not an e-mail address; ${allowed}`;
    return undefined;
}

/**
 * A phone number in E.164 form, as SNS SMS requires: `+`, the country code (not starting
 * with 0) and the subscriber number, 7 to 15 digits in all, no spaces or punctuation.
 */
export function phoneNumberProblem(number: string): string | undefined {
    if (typeof number !== "string" || !/^\+[1-9]\d{6,14}$/.test(number)) {
        return 'is not an E.164 phone number; allowed: "+" then the country code and the number, 7 to 15 digits, no spaces or dashes, e.g. "+821012345678"';
    }
    return undefined;
}

/** A Slack workspace (team) id as AWS Chatbot takes it, e.g. `T07EA123LEP`. */
export function slackWorkspaceIdProblem(id: string): string | undefined {
    if (typeof id !== "string" || !/^T[A-Z0-9]{4,20}$/.test(id)) {
        return 'is not a Slack workspace id; allowed: the workspace (team) id from the AWS Chatbot console, "T" then capital letters and digits, e.g. "T07EA123LEP"';
    }
    return undefined;
}

/** A Slack channel id, e.g. `C07EZ1ABC23` (not the channel's name). */
export function slackChannelIdProblem(id: string): string | undefined {
    if (typeof id !== "string" || !/^[CG][A-Z0-9]{4,20}$/.test(id)) {
        return 'is not a Slack channel id; allowed: the channel id (channel details in Slack), "C" or "G" then capital letters and digits, e.g. "C07EZ1ABC23", not "#channel-name"';
    }
    return undefined;
}

// ---------------------------------------------------------------- thresholds

/** A percentage threshold: more than 0, at most 100. */
export function percentProblem(value: number): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 100) {
        return "is not a percentage; allowed: a number above 0 and at most 100";
    }
    return undefined;
}

/** A latency threshold in seconds: above 0, at most 60 (an ALB's default idle timeout). */
export function latencySecondsProblem(value: number): string | undefined {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > 60) {
        return "is not a latency in seconds; allowed: a number above 0 and at most 60, e.g. 1.5";
    }
    return undefined;
}

/** A whole number of minutes in a range. */
export function minutesProblem(value: number, min: number, max: number): string | undefined {
    if (!Number.isInteger(value) || value < min || value > max) return `is out of range; allowed: a whole number of minutes from ${min} to ${max}`;
    return undefined;
}

/** A whole number in a range. */
export function wholeNumberProblem(value: number, min: number, max: number, unit = ""): string | undefined {
    if (!Number.isInteger(value) || value < min || value > max) return `is out of range; allowed: a whole number from ${min} to ${max}${unit}`;
    return undefined;
}

/** The retention periods CloudWatch Logs accepts (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function logRetentionDaysProblem(days: number): string | undefined {
    if (!LOG_RETENTION_DAYS.includes(days)) return `is not a retention CloudWatch Logs accepts; allowed: one of ${LOG_RETENTION_DAYS.join(", ")} days`;
    return undefined;
}

/** Days before access log objects expire: 1 to 3650. */
export function expirationDaysProblem(days: number): string | undefined {
    return wholeNumberProblem(days, 1, 3650, " days");
}

/** A key prefix inside the access logs bucket: no leading or trailing slash, not "AWSLogs" (ELB appends that itself). */
export function accessLogsPrefixProblem(prefix: string): string | undefined {
    const allowed = 'allowed: letters, digits, "-", "_", "." and inner "/", at most 100 characters, not starting with "AWSLogs", e.g. "alb"';
    if (typeof prefix !== "string" || !/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/.test(prefix) || prefix.length > 100) return `is not a usable key prefix; ${allowed}`;
    if (/^AWSLogs(\/|$)/i.test(prefix)) return `starts with AWSLogs, which the load balancer adds after the prefix; ${allowed}`;
    return undefined;
}

// ---------------------------------------------------------------- dashboard annotations

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A point in time for a dashboard annotation: ISO 8601 with its UTC offset (or Z). */
export function annotationTimeProblem(time: string): string | undefined {
    if (typeof time !== "string" || !ISO_WITH_ZONE.test(time) || Number.isNaN(Date.parse(time))) {
        return 'is not a time with its offset; allowed: ISO 8601 with Z or a UTC offset, e.g. "2027-05-29T21:00:00+02:00"';
    }
    return undefined;
}

/** A dashboard annotation's label: 1 to 100 characters, no line breaks. */
export function annotationLabelProblem(label: string): string | undefined {
    if (typeof label !== "string" || label.trim().length === 0 || label.length > 100 || /[\r\n]/.test(label)) {
        return "is not a usable label; allowed: 1 to 100 characters on one line";
    }
    return undefined;
}

// ---------------------------------------------------------------- files on the instances

/** An absolute file path (or glob) the CloudWatch agent reads. */
export function logFilePathProblem(path: string): string | undefined {
    if (typeof path !== "string" || !/^\/[^\s]*[^/\s]$/.test(path) || path.includes("..")) {
        return 'is not an absolute file path; allowed: an absolute path without spaces or "..", globs allowed, e.g. "/var/log/kgsports/web.log"';
    }
    return undefined;
}

/** A CloudWatch custom metric namespace (not one of AWS's `AWS/` namespaces). */
export function metricNamespaceProblem(namespace: string): string | undefined {
    if (typeof namespace !== "string" || !/^[A-Za-z0-9.\-_/#:]{1,255}$/.test(namespace) || /^AWS\//.test(namespace)) {
        return 'is not a custom metric namespace; allowed: letters, digits and . - _ / # :, at most 255 characters, not starting with "AWS/", e.g. "KGSports/Web"';
    }
    return undefined;
}

/** A list of values: each checked, and none twice. */
export function listProblems(field: string, values: readonly string[], check: (v: string) => string | undefined): string[] {
    const problems: string[] = [];
    const seen = new Set<string>();
    values.forEach((v, i) => {
        const p = check(v);
        if (p) problems.push(`${field}[${i}] = ${JSON.stringify(v)}: ${p}`);
        const key = typeof v === "string" ? v.toLowerCase() : String(v);
        if (seen.has(key)) problems.push(`${field}[${i}] = ${JSON.stringify(v)}: is listed twice; allowed: each value once`);
        seen.add(key);
    });
    return problems;
}
