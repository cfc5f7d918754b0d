/**
 * The CloudWatch agent on the web instances, as data: its JSON configuration (stored in
 * an SSM parameter the agent fetches at boot) and the instance role's policy that lets
 * it do exactly that: read that parameter, write to the project's two log groups, put
 * metrics into one namespace.
 */
import { AccountContext, document, logGroupArn, PolicyDocument } from "./policies";

export const DEFAULT_AGENT_NAMESPACE = "KGSports/Web";
/** The app's log file(s); the stack's user data makes the app write there. */
export const DEFAULT_APP_LOG_FILES: readonly string[] = ["/var/log/kgsports/web.log"];
/**
 * The system log. Amazon Linux 2023 logs to the journal only; installing `rsyslog`
 * (user data) writes /var/log/messages again. cloud-init's output shows failed boots.
 */
export const DEFAULT_SYSTEM_LOG_FILES: readonly string[] = ["/var/log/messages", "/var/log/cloud-init-output.log"];
/** A Standard SSM parameter holds at most 4 KB. */
export const MAX_STANDARD_PARAMETER_BYTES = 4096;

/** `AmazonCloudWatch-<prefix>-web`: the agent's convention for fetch-config parameters. */
export function agentParameterName(namePrefix: string): string {
    return `AmazonCloudWatch-${namePrefix}-web`;
}

export function appLogGroupName(namePrefix: string): string {
    return `${namePrefix}-web-app`;
}

export function systemLogGroupName(namePrefix: string): string {
    return `${namePrefix}-web-system`;
}

export interface AgentConfigInput {
    namespace: string;
    appLogGroup: string;
    systemLogGroup: string;
    appLogFiles: readonly string[];
    systemLogFiles: readonly string[];
    /** Seconds between metric samples. Default 60. */
    collectionIntervalSeconds?: number;
}

/** The stream name of a file: `{instance_id}/<file name>` (the agent fills in the instance). */
function streamName(file: string): string {
    const base = file.split("/").pop() ?? "log";
    return `{instance_id}/${base.replace(/[*?[\]]/g, "_")}`;
}

/**
 * The agent's configuration: memory and root-disk use into `namespace` with the group's
 * name as dimension (aggregated per group, so a dashboard line is the fleet), the app's
 * and the system's log files into their log groups, one stream per instance and file.
 */
export function cloudWatchAgentConfig(input: AgentConfigInput): Record<string, unknown> {
    const files = [
        ...input.appLogFiles.map((f) => ({ file_path: f, log_group_name: input.appLogGroup, log_stream_name: streamName(f), timezone: "UTC" })),
        ...input.systemLogFiles.map((f) => ({ file_path: f, log_group_name: input.systemLogGroup, log_stream_name: streamName(f), timezone: "UTC" })),
    ];
    return {
        agent: {
            metrics_collection_interval: input.collectionIntervalSeconds ?? 60,
            // root: /var/log/messages is readable by root only.
            run_as_user: "root",
        },
        metrics: {
            namespace: input.namespace,
            // The group's name on every metric; the agent reads it from the instance's tags
            // (ec2:DescribeTags in the instance policy).
            append_dimensions: { AutoScalingGroupName: "${aws:AutoScalingGroupName}" },
            // One series per group (the dashboard's fleet line), without device and path.
            aggregation_dimensions: [["AutoScalingGroupName"]],
            metrics_collected: {
                mem: { measurement: ["mem_used_percent"] },
                disk: { measurement: ["used_percent"], resources: ["/"], drop_device: true },
            },
        },
        logs: {
            logs_collected: { files: { collect_list: files } },
        },
    };
}

/** The configuration as the parameter stores it. */
export function cloudWatchAgentConfigJson(input: AgentConfigInput): string {
    return JSON.stringify(cloudWatchAgentConfig(input));
}

/** The metrics the agent publishes (names as CloudWatch shows them). */
export const AGENT_METRICS = { memory: "mem_used_percent", disk: "disk_used_percent" } as const;

export interface InstanceAgentScope {
    parameterName: string;
    logGroupNames: string[];
    namespace: string;
}

/**
 * The instance role's policy for the agent, in place of the managed
 * CloudWatchAgentServerPolicy (which reads every `AmazonCloudWatch-*` parameter and may
 * change the retention of every log group).
 */
export function instanceAgentPolicy(ctx: AccountContext, scope: InstanceAgentScope): PolicyDocument {
    return document(
        {
            Sid: "ReadTheAgentConfiguration",
            Effect: "Allow",
            Action: ["ssm:GetParameter"],
            Resource: [`arn:${ctx.partition}:ssm:${ctx.region}:${ctx.accountId}:parameter/${scope.parameterName}`],
        },
        {
            Sid: "WriteTheProjectLogGroups",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            // The group (DescribeLogStreams) and its streams (`:log-stream:<name>`).
            Resource: scope.logGroupNames.flatMap((n) => [logGroupArn(ctx, n), `${logGroupArn(ctx, n)}:*`]),
        },
        {
            Sid: "PutMetricsIntoTheProjectNamespace",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData"],
            // PutMetricData takes no resource; the namespace condition is the scope.
            Resource: ["*"],
            Condition: { StringEquals: { "cloudwatch:namespace": scope.namespace } },
        },
        {
            Sid: "ReadOwnTagsForTheGroupDimension",
            Effect: "Allow",
            // The agent resolves ${aws:AutoScalingGroupName} from the instance's tags; DescribeTags takes no resource.
            Action: ["ec2:DescribeTags"],
            Resource: ["*"],
        },
    );
}
