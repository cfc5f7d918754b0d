/**
 * Every stack config key of the project, with its type, default, what is allowed and
 * how a raw config string is parsed. This table is the single source of truth:
 * `Pulumi.yaml`'s typed schema must match it (a test checks), the validator reads
 * it, and the README's key table mirrors it.
 */
import { z } from "zod";
import { INSTANCE_TYPE_PATTERN, MAX_GROUP_SIZE } from "@kgsports/scaling-web-tier/pure";
import { DEFAULT_DISPLAY_TIME_ZONE, isKnownTimeZone } from "../capacity/displayTime";
import { parseIpv4Cidr, isPrivateIpv4Cidr } from "./cidr";

export { PROJECT } from "./project";

import { boolean, def, IAM_USER, integer, json, oneOf, pattern, stringList } from "./schema";
import { HYBRID_KEYS } from "./hybrid";
import { OBSERVABILITY_KEYS } from "./observability";
import { BACKUP_KEYS } from "./backup";
import { PIPELINE_KEYS } from "./pipeline";
import { CAPACITY_COST_KEYS } from "./capacityCost";
import { RESERVATION_KEYS } from "./reservations";
import type { KeyDef } from "./schema";
export type { KeyDef, SchemaType } from "./schema";

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
        description: "Fewest web instances in service at any time (the floor target tracking keeps); a raise lifts a running fleet at once.",
        required: true,
        allowed: `a whole number from 0, at most desiredCapacity (AWS sets no size limit of its own: the account's EC2 vCPU quota bounds the fleet)`,
        schema: integer(0, MAX_GROUP_SIZE),
    }),
    desiredCapacity: def({
        type: "integer",
        description:
            "Instances every deploy brings the running fleet up to: a raise lifts a running fleet at the next deploy outside a match window; a lower value removes nothing.",
        required: true,
        allowed: "a whole number from minSize to maxSize",
        schema: integer(0, MAX_GROUP_SIZE),
    }),
    maxSize: def({
        type: "integer",
        description: "Most web instances scaling may run. Lowering it below the running count removes instances.",
        required: true,
        allowed: `a whole number from 1, at least desiredCapacity (AWS sets no size limit of its own: the account's EC2 vCPU quota bounds the fleet)`,
        schema: integer(1, MAX_GROUP_SIZE),
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
        schema: integer(0, MAX_GROUP_SIZE),
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

    // --- Access control (people, operators, the deploy pipeline) ---
    administrators: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names of the administrators (existing users). Exactly these users are in the group; at least one.",
        required: true,
        allowed: "a list of at least one IAM user name (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER).pipe(z.array(z.string()).min(1)) as unknown as z.ZodType<string[], z.ZodTypeDef, string>,
    }),
    operators: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names of the matchday operators (existing users); they may assume the operator role with MFA.",
        default: [] as string[],
        allowed: "a list of IAM user names (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER),
    }),
    readOnlyUsers: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names with read-only access to the platform's configuration (never its data).",
        default: [] as string[],
        allowed: "a list of IAM user names (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER),
    }),
    mfaMaxAgeHours: def({
        type: "integer",
        description: "How recent an MFA sign-in must be for administrator access and for assuming the operator role, in hours.",
        default: 12,
        allowed: "a whole number of hours from 1 to 36 (AWS's longest MFA session)",
        schema: integer(1, 36),
    }),
    operatorSessionHours: def({
        type: "integer",
        description: "Longest session of the matchday operator role, in hours. 0: sized from the longest match window (pre-warm to release) plus 30 minutes, at most 12 hours.",
        default: 0,
        allowed: "0 (sized from the longest match window), or a whole number of hours up to 12 (IAM's limit for a role session) that covers the longest match window plus 30 minutes",
        schema: integer(0, 12),
    }),
    managePasswordPolicy: def({
        type: "boolean",
        description: "Whether this stack owns the account password policy (an account-wide singleton: one stack per account).",
        default: true,
        allowed: "true or false",
        schema: boolean,
    }),
    passwordMinimumLength: def({
        type: "integer",
        description: "Account password policy: minimum password length.",
        default: 14,
        allowed: "a whole number from 14 to 128",
        schema: integer(14, 128),
    }),
    passwordReusePrevention: def({
        type: "integer",
        description: "Account password policy: how many previous passwords may not be reused.",
        default: 24,
        allowed: "a whole number from 1 to 24",
        schema: integer(1, 24),
    }),
    passwordMaxAgeDays: def({
        type: "integer",
        description: "Account password policy: days until a password must be changed.",
        default: 90,
        allowed: "a whole number from 1 to 1095",
        schema: integer(1, 1095),
    }),
    deployRepository: def({
        type: "string",
        description: "GitHub repository (owner/name) whose workflows may deploy this stack through the OIDC deploy role.",
        required: true,
        allowed: "a GitHub repository as owner/name, e.g. kgsports/matchday-platform",
        schema: pattern(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/),
    }),
    deployBranch: def({
        type: "string",
        description: "Branch whose workflow runs may assume the deploy role (used when deployEnvironment is empty).",
        default: "main",
        allowed: "a branch name without refs/heads/ and without wildcards",
        schema: pattern(/^(?!refs\/)[A-Za-z0-9._\/-]{1,255}$/),
    }),
    deployEnvironment: def<string | undefined>({
        type: "string",
        description: "GitHub environment whose jobs may assume the deploy role; when set it replaces the branch rule. Empty: use the branch.",
        default: "",
        emptyMeansUnset: true,
        allowed: "a GitHub environment name without wildcards",
        schema: pattern(/^[A-Za-z0-9._ -]{1,255}$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
    existingOidcProviderArn: def<string | undefined>({
        type: "string",
        description: "ARN of the account's GitHub Actions OIDC provider when another stack created it. Empty: this stack creates it.",
        default: "",
        emptyMeansUnset: true,
        allowed: "an IAM OIDC provider ARN, arn:aws:iam::<12-digit account>:oidc-provider/token.actions.githubusercontent.com",
        schema: pattern(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),

    // --- Matchday capacity (fixtures become a pre-warm schedule) ---
    fixtures: def<unknown>({
        type: "array",
        schemaless: true,
        description: "The fixture list: name, kickoff (ISO 8601 with offset), expectedPeakViewers, optional surgeFactor.",
        default: [] as unknown,
        allowed: "a list of fixtures, each {name, kickoff, expectedPeakViewers, surgeFactor?}",
        schema: json,
    }),
    viewersPerInstance: def({
        type: "integer",
        description: "Load-tested concurrent viewers one web instance serves. 0 = not measured (then no fixtures may be set).",
        default: 0,
        allowed: "a whole number from 0 to 1000000 (at least 1 when fixtures are set)",
        schema: integer(0, 1_000_000),
    }),
    headroomPercent: def({
        type: "integer",
        description: "Capacity above the expected need for a fixture, in percent of the need.",
        default: 20,
        allowed: "a whole number from 0 to 200",
        schema: integer(0, 200),
    }),
    preWarmLeadMinutes: def({
        type: "integer",
        description: "Minutes before kickoff that the minimum is raised, so instances are in service when viewers arrive.",
        default: 70,
        allowed: "a whole number from 15 to 360",
        schema: integer(15, 360),
    }),
    matchWindowMinutes: def({
        type: "integer",
        description: "Minutes from kickoff that the raised minimum is held: a full match with extra time and penalties.",
        default: 165,
        allowed: "a whole number from 100 to 360",
        schema: integer(100, 360),
    }),
    releaseDelayMinutes: def({
        type: "integer",
        description: "Minutes the raised minimum is kept after the match window while viewers leave.",
        default: 30,
        allowed: "a whole number from 0 to 240",
        schema: integer(0, 240),
    }),
    warmPoolFromSchedule: def({
        type: "boolean",
        description: "Size the warm pool for the largest step the schedule takes (window minimum minus minSize); needs warmPoolSize 0.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
    displayTimeZone: def({
        type: "string",
        description: "IANA time zone the plan notes and the capacity report show times in, next to UTC.",
        default: DEFAULT_DISPLAY_TIME_ZONE,
        allowed: "an IANA time zone name such as Asia/Seoul, Europe/Paris or UTC",
        schema: z.string().refine(isKnownTimeZone),
    }),
    onPremiseViewerCapacity: def({
        type: "integer",
        description: "Concurrent viewers today's on-premise servers carry together (each an equal part): with hybridLink their share must fit it at every surge a fixture asks for, and it sizes the failover; the capacity report's fixed-capacity baseline. 0: unknown.",
        default: 0,
        allowed: "a whole number from 0 to 100000000",
        schema: integer(0, 100_000_000),
    }),
    // The load test's requests per viewer (target utilisation) and the capacity report's prices: stacks/config/capacityCost.ts
    ...CAPACITY_COST_KEYS,
    // Capacity reserved ahead of each match (the load balancer's LCUs, the instances') and the traffic model: stacks/config/reservations.ts
    ...RESERVATION_KEYS,

    // --- HybridLink (the on-premise servers over a site-to-site VPN): stacks/config/hybrid.ts ---
    ...HYBRID_KEYS,

    // --- Observability (alerts, alarms, logs): stacks/config/observability.ts ---
    ...OBSERVABILITY_KEYS,

    // --- BackupPolicy (vault, plan, golden images): stacks/config/backup.ts ---
    ...BACKUP_KEYS,

    // --- The delivery pipeline (state backend, secrets key): stacks/config/pipeline.ts ---
    ...PIPELINE_KEYS,
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
