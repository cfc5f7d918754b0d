/**
 * Every stack config key of the project, with its type, default, what is allowed and
 * how a raw config string is parsed. This table is the single source of truth:
 * `Pulumi.yaml`'s typed schema must match it (a test checks), the validator reads
 * it, and the README's key table mirrors it.
 */
import { z } from "zod";
import { INSTANCE_TYPE_PATTERN } from "@kgsports/scaling-web-tier";
import { parseIpv4Cidr, isPrivateIpv4Cidr } from "./cidr";

export const PROJECT = "kgsports";

/** Types a key may have in Pulumi.yaml's config schema. */
export type SchemaType = "string" | "integer" | "boolean" | "array";

export interface KeyDef<T> {
    type: SchemaType;
    description: string;
    /** The value when the stack file does not set the key; absent = no default. */
    default?: T;
    /** True when the stack must set it. */
    required?: boolean;
    /**
     * An optional key: its default is "" and "" means unset. (The Pulumi CLI treats a
     * key declared in Pulumi.yaml without a default as required, so optional keys
     * carry an empty default.)
     */
    emptyMeansUnset?: boolean;
    /** What is allowed, in words, for error messages. */
    allowed: string;
    /** Parses the raw config string (Pulumi hands every value over as a string). */
    schema: z.ZodType<T, z.ZodTypeDef, string>;
}

function integer(min: number, max: number): z.ZodType<number, z.ZodTypeDef, string> {
    return z
        .string()
        .trim()
        .regex(/^-?\d+$/)
        .transform(Number)
        .pipe(z.number().int().min(min).max(max));
}

const boolean: z.ZodType<boolean, z.ZodTypeDef, string> = z
    .enum(["true", "false"])
    .transform((v) => v === "true");

function oneOf<T extends string>(values: readonly [T, ...T[]]): z.ZodType<T, z.ZodTypeDef, string> {
    return z.enum(values as [T, ...T[]]) as unknown as z.ZodType<T, z.ZodTypeDef, string>;
}

function pattern(re: RegExp): z.ZodType<string, z.ZodTypeDef, string> {
    return z.string().regex(re);
}

function def<T>(d: KeyDef<T>): KeyDef<T> {
    return d;
}

export const KEYS = {
    vpcCidr: def({
        type: "string",
        description: "IPv4 CIDR of the VPC (RFC 1918, /16 to /20). Must not overlap the on-premise network.",
        default: "10.20.0.0/16",
        allowed: "an RFC 1918 IPv4 CIDR from /16 to /20 with no host bits set, e.g. 10.20.0.0/16",
        schema: z.string().refine((v) => {
            const c = parseIpv4Cidr(v);
            return c !== undefined && c.prefix >= 16 && c.prefix <= 20 && isPrivateIpv4Cidr(c);
        }),
    }),
    availabilityZoneCount: def({
        type: "integer",
        description: "Availability zones to spread the VPC, load balancer and instances over (2 to 6).",
        default: 2,
        allowed: "a whole number from 2 to 6 (a load balancer needs two zones)",
        schema: integer(2, 6),
    }),
    natGateways: def({
        type: "string",
        description: "NAT gateways: OnePerAz (survives the loss of a zone) or Single (cheaper, dev only).",
        default: "OnePerAz" as "OnePerAz" | "Single",
        allowed: 'one of "OnePerAz", "Single"',
        schema: oneOf(["OnePerAz", "Single"] as const),
    }),
    instanceType: def({
        type: "string",
        description: "EC2 instance type of the web instances (family.size, e.g. c7i.large).",
        default: "t3.small",
        allowed: "an EC2 instance type of the form family.size, e.g. t3.small or c7g.2xlarge",
        schema: pattern(INSTANCE_TYPE_PATTERN),
    }),
    amiId: def<string | undefined>({
        type: "string",
        default: "",
        emptyMeansUnset: true,
        description:
            "AMI of the web instances. Unset: the latest Amazon Linux 2023 AMI for the instance type's architecture, read from AWS's public SSM parameter at deploy time.",
        allowed: "an AMI id, ami- followed by 8 or 17 hex digits",
        schema: pattern(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
    userDataFile: def({
        type: "string",
        description: "Path of the instance user data script, relative to the project root (at most 16 KiB).",
        default: "stacks/userdata/web.sh",
        allowed: "a path, relative to the project root, of a readable file of at most 16 KiB",
        schema: z.string().min(1),
    }),
    appPort: def({
        type: "integer",
        description: "Port the web app listens on (the load balancer's target port).",
        default: 8080,
        allowed: "a whole number from 1024 to 65535",
        schema: integer(1024, 65535),
    }),
    healthCheckPath: def({
        type: "string",
        description: "Path the load balancer's health check requests; 200-399 counts as healthy.",
        default: "/healthz",
        allowed: "a URL path starting with /, at most 1024 characters",
        schema: pattern(/^\/[\x21-\x7e]{0,1023}$/),
    }),
    certificateArn: def<string | undefined>({
        type: "string",
        default: "",
        emptyMeansUnset: true,
        description: "ACM certificate ARN for HTTPS. Unset: plain HTTP on port 80 (dev only; the plan says so).",
        allowed: "an ACM certificate ARN, arn:aws:acm:<region>:<12-digit account>:certificate/<id>",
        schema: pattern(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
    minSize: def({
        type: "integer",
        description: "Fewest web instances in service at any time (the floor target tracking keeps).",
        required: true,
        allowed: "a whole number from 0 to 500, at most desiredCapacity",
        schema: integer(0, 500),
    }),
    desiredCapacity: def({
        type: "integer",
        description:
            "Instances when the group is first created. A running group keeps its size on deploy: raise minSize to lift it.",
        required: true,
        allowed: "a whole number from 0 to 500, from minSize to maxSize",
        schema: integer(0, 500),
    }),
    maxSize: def({
        type: "integer",
        description: "Most web instances scaling may run. Lowering it below the running count removes instances.",
        required: true,
        allowed: "a whole number from 1 to 500, at least desiredCapacity",
        schema: integer(1, 500),
    }),
    targetRequestsPerInstance: def({
        type: "integer",
        description: "Target tracking: load balancer requests per instance per minute (ALBRequestCountPerTarget).",
        default: 1000,
        allowed: "a whole number from 1 to 1000000",
        schema: integer(1, 1_000_000),
    }),
    instanceWarmupSeconds: def({
        type: "integer",
        description: "Seconds from launch until an instance serves and its metrics count (default instance warmup).",
        default: 180,
        allowed: "a whole number from 0 to 3600",
        schema: integer(0, 3600),
    }),
    rootVolumeGiB: def({
        type: "integer",
        description: "Size of each instance's encrypted gp3 root volume in GiB.",
        default: 20,
        allowed: "a whole number from 8 to 16384",
        schema: integer(8, 16384),
    }),
    warmPoolSize: def({
        type: "integer",
        description: "Stopped, pre-initialised instances kept ready to join in under a minute; 0 turns the warm pool off.",
        default: 0,
        allowed: "a whole number from 0 to maxSize",
        schema: integer(0, 500),
    }),
    deletionProtection: def({
        type: "boolean",
        description: "Deletion protection of the load balancer.",
        default: true,
        allowed: "true or false",
        schema: boolean,
    }),
    detailedMonitoring: def({
        type: "boolean",
        description: "One-minute EC2 instance metrics.",
        default: true,
        allowed: "true or false",
        schema: boolean,
    }),
};

export type KeyName = keyof typeof KEYS;
export type KeyValue<K extends KeyName> = (typeof KEYS)[K] extends KeyDef<infer T> ? T : never;

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
