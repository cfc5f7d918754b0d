/**
 * The web tier: the instances, the group's sizes, the load balancer's target and health
 * check, the warm pool (ScalingWebTier's arguments). The sizes a deploy declares are
 * the configured ones lifted to the floor the match schedule needs now.
 */
import { z } from "zod";
import { INSTANCE_TYPE_PATTERN, MAX_GROUP_SIZE } from "@kgsports/scaling-web-tier/pure";
import { unknownUserDataPlaceholders, USER_DATA_PLACEHOLDERS } from "../../userData";
import { decideLaunchTemplateFreeze, groupCapacityAt, LaunchTemplateFreeze, MatchdaySettings } from "../matchday";
import { PROJECT } from "../project";
import { boolean, def, integer, pattern } from "../schema";
import { ConfigProblem, defineSlice, KeyValues, SliceContext } from "../slice";

export const WEB_KEYS = {
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
    warmPoolFromSchedule: def({
        type: "boolean",
        description: "Size the warm pool for the largest step the schedule takes (window minimum minus minSize); needs warmPoolSize 0.",
        default: false,
        allowed: "true or false",
        schema: boolean,
    }),
};

/** User data above 16 KiB is rejected by EC2. */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

export interface WebSettings {
    instanceType: string;
    amiId?: string;
    /** Contents of the user data file. */
    userData: string;
    userDataFile: string;
    appPort: number;
    healthCheckPath: string;
    certificateArn?: string;
    /** Declared sizes: the minimum already lifted to the floor a match window needs at deploy time. */
    capacity: { min: number; desired: number; max: number };
    /**
     * Whether this deploy reads the group's live desired capacity and declares
     * max(configured, live), so a raised desiredCapacity lifts a running fleet. Off
     * while the launch template is frozen for a match: no deploy touches desired then.
     */
    raiseRunningDesired: boolean;
    /** Set when this deploy keeps the group's launch template (a match window is near or on). */
    launchTemplateFreeze: LaunchTemplateFreeze | undefined;
    targetRequestsPerInstance: number;
    instanceWarmupSeconds: number;
    rootVolumeGiB: number;
    /** 0 = no warm pool (already sized from the schedule when the config asks for that). */
    warmPoolSize: number;
    deletionProtection: boolean;
    detailedMonitoring: boolean;
}

const full = (key: keyof typeof WEB_KEYS) => `${PROJECT}:${key}`;
type WebValues = KeyValues<typeof WEB_KEYS>;

/** The group's sizes in order (minSize <= desiredCapacity <= maxSize) and the warm pool within maxSize. */
function sizeProblems(v: WebValues): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const { minSize, desiredCapacity, maxSize, warmPoolSize } = v;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a comparison with undefined is false, and a missing value already has its own problem
    if (minSize !== undefined && desiredCapacity !== undefined && minSize > desiredCapacity) {
        problems.push({
            key: full("minSize"),
            value: String(minSize),
            message: `is above ${full("desiredCapacity")} = ${desiredCapacity}; allowed: minSize <= desiredCapacity <= maxSize`,
        });
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a comparison with undefined is false, and a missing value already has its own problem
    if (desiredCapacity !== undefined && maxSize !== undefined && desiredCapacity > maxSize) {
        problems.push({
            key: full("desiredCapacity"),
            value: String(desiredCapacity),
            message: `is above ${full("maxSize")} = ${maxSize}; allowed: minSize <= desiredCapacity <= maxSize`,
        });
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: a comparison with undefined is false, and a missing value already has its own problem
    if (warmPoolSize !== undefined && maxSize !== undefined && warmPoolSize > maxSize) {
        problems.push({
            key: full("warmPoolSize"),
            value: String(warmPoolSize),
            message: `is above ${full("maxSize")} = ${maxSize}; allowed: ${WEB_KEYS.warmPoolSize.allowed}`,
        });
    }
    if (v.warmPoolFromSchedule && (warmPoolSize ?? 0) > 0) {
        problems.push({
            key: full("warmPoolSize"),
            value: String(warmPoolSize),
            message: `conflicts with ${full("warmPoolFromSchedule")} = true; allowed: 0 when the schedule sizes the warm pool`,
        });
    }
    return problems;
}

/** The user data file: readable, only known placeholders, within EC2's limit. */
export function readUserData(file: string, ctx: Pick<SliceContext, "readProjectFile">): { userData: string } | { problem: ConfigProblem } {
    const userData = ctx.readProjectFile(file);
    const problem = (message: string) => ({ problem: { key: full("userDataFile"), value: file, message } });
    if (userData === undefined) return problem(`cannot read the file; allowed: ${WEB_KEYS.userDataFile.allowed}`);
    const unknown = unknownUserDataPlaceholders(userData);
    if (unknown.length > 0) {
        return problem(`unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(", ")}; allowed: ${USER_DATA_PLACEHOLDERS.map((n) => `{{${n}}}`).join(", ")}`);
    }
    const bytes = Buffer.byteLength(userData, "utf8");
    if (bytes > USER_DATA_LIMIT_BYTES) return problem(`the file is ${bytes} bytes; allowed: at most ${USER_DATA_LIMIT_BYTES} (EC2's user data limit)`);
    return { userData };
}

/** Whether every key that has a value when valid (all but the optional ones) parsed: else a problem already stops the deploy. */
function allSet(v: WebValues): v is Required<WebValues> {
    return (Object.keys(WEB_KEYS) as (keyof typeof WEB_KEYS)[]).every((k) => "emptyMeansUnset" in WEB_KEYS[k] || v[k] !== undefined);
}

export const webTierSlice = defineSlice({
    name: "web",
    title: "Web tier: instances, group sizes, load balancer target, warm pool",
    keys: WEB_KEYS,
    check(v, ctx) {
        const problems = sizeProblems(v);
        if (v.userDataFile !== undefined) {
            const read = readUserData(v.userDataFile, ctx);
            if ("problem" in read) problems.push(read.problem);
        }
        return problems;
    },
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: WebSettings } {
        const matchday = earlier.matchday;
        const read = v.userDataFile === undefined ? undefined : readUserData(v.userDataFile, ctx);
        if (matchday === undefined || read === undefined || "problem" in read || !allSet(v)) return {};
        const p = v;
        const capacity = groupCapacityAt({ min: p.minSize, desired: p.desiredCapacity, max: p.maxSize }, matchday.floorNow);
        const launchTemplateFreeze = decideLaunchTemplateFreeze(
            matchday.schedule.windows,
            ctx.now,
            Math.max(capacity.min, capacity.desired),
            p.instanceWarmupSeconds,
            matchday.displayTimeZone,
        );
        return {
            settings: {
                instanceType: p.instanceType,
                amiId: v.amiId,
                userData: read.userData,
                userDataFile: p.userDataFile,
                appPort: p.appPort,
                healthCheckPath: p.healthCheckPath,
                certificateArn: v.certificateArn,
                capacity,
                raiseRunningDesired: launchTemplateFreeze === undefined,
                launchTemplateFreeze,
                targetRequestsPerInstance: p.targetRequestsPerInstance,
                instanceWarmupSeconds: p.instanceWarmupSeconds,
                rootVolumeGiB: p.rootVolumeGiB,
                warmPoolSize: p.warmPoolFromSchedule ? Math.min(matchday.largestStep, p.maxSize) : p.warmPoolSize,
                deletionProtection: p.deletionProtection,
                detailedMonitoring: p.detailedMonitoring,
            },
        };
    },
});
