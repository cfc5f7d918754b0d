import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "@kgsports/aws-role";
import {
    accessLogsBucketName,
    accessLogsBucketPolicy,
    DEFAULT_ACCESS_LOGS_EXPIRATION_DAYS,
    DEFAULT_ACCESS_LOGS_PREFIX,
} from "./accessLogs";
import {
    DEFAULT_AGENT_NAMESPACE,
    instanceAgentPolicy,
} from "./agent";
import {
    alarmDescription,
    AlarmSpec,
    AlarmThresholds,
    applyAlarmOverrides,
    decideAlarms,
    DEFAULT_ALARM_THRESHOLDS,
    DEFAULT_DEPLOY_METRIC,
    DEFAULT_DEPLOY_NAMESPACE,
    deployInProgressAlarm,
    deployOverrunInWindowAlarm,
    deploySignal,
    DeploySignal,
    MathSource,
    SingleMetricSource,
} from "./alarms";
import { anyInAlarmRule, DEFAULT_MATCH_WINDOW_MUTE_MINUTES, DEFAULT_SUPPRESSOR_TIMING, deployMuteRule, failoverInEffectRule } from "./composite";
import {
    CANARY_HANDLER,
    CANARY_SCRIPT_PATH,
    canaryArtifactsBucketName,
    canaryRolePolicy,
    canaryScript,
    canaryTrustPolicy,
    DEFAULT_CANARY_ARTIFACT_EXPIRATION_DAYS,
    DEFAULT_CANARY_RUNTIME,
    scriptDigest,
} from "./canary";
import { dashboardBody } from "./dashboard";
import { cloudWatchAgentScope, CloudWatchAgentScope } from "./agentScope";
import { AccountContext, chatbotChannelPolicy, chatbotTrustPolicy, keyPolicy, topicPolicy } from "./policies";
import {
    ObservabilityArgs,
    DEFAULT_LOG_RETENTION_DAYS,
    DEFAULT_SLACK_API_REGION,
    KEY_DELETION_WINDOW_DAYS,
    observabilityNames,
    observabilityArgsProblems,
    endpointRole,
    observabilityAgentConfigJson,
    observabilityAlarmTargets,
} from "./args";

export * from "./args";

/** The resource args of an alarm's metric or metric math. */
function sourceArgs(source: SingleMetricSource | MathSource): Partial<aws.cloudwatch.MetricAlarmArgs> {
    if (source.kind === "metric") {
        return {
            namespace: source.namespace,
            metricName: source.metricName,
            dimensions: source.dimensions,
            period: source.period,
            ...(source.extendedStatistic !== undefined ? { extendedStatistic: source.extendedStatistic } : { statistic: source.statistic }),
        };
    }
    return {
        metricQueries: source.queries.map((q) => ({
            id: q.id,
            label: q.label,
            returnData: q.returnData,
            ...(q.expression !== undefined ? { expression: q.expression } : {}),
            ...(q.metric !== undefined
                ? { metric: { namespace: q.metric.namespace, metricName: q.metric.metricName, dimensions: q.metric.dimensions, stat: q.metric.stat, period: q.metric.period } }
                : {}),
        })),
    };
}

/**
 * CloudWatch alarms that page once per incident (one composite over every alarm that
 * means viewers suffer, muted during planned deploys) and warn about the rest, encrypted
 * SNS topics with e-mail, SMS and optional Slack delivery, the match-night dashboard,
 * the CloudWatch agent's configuration and policy for the instances, and the load
 * balancer's access logs bucket. It knows no stack: everything comes in through args.
 */
export class Observability extends pulumi.ComponentResource {
    /** The page: critical topic (composite alarm only). */
    public readonly criticalTopicArn: pulumi.Output<string>;
    /** Warnings, and a place for AWS Backup's vault notifications. */
    public readonly warningTopicArn: pulumi.Output<string>;
    /** The customer-managed key of the topics and log groups. */
    public readonly kmsKeyArn: pulumi.Output<string>;
    /** Name of the paging composite alarm, `<prefix>-matchday-degraded`. */
    public readonly compositeAlarmName: pulumi.Output<string>;
    /** Name of the deploy alarm (in ALARM while the pipeline heartbeats). */
    public readonly deployAlarmName: pulumi.Output<string>;
    /** Name of the page's actions suppressor: the deploy mute composite with match windows, else the deploy alarm. */
    public readonly suppressorAlarmName: pulumi.Output<string>;
    /** Name of the on-premise warning composite, `<prefix>-onpremise-degraded`, or undefined without on-premise alarms. */
    public readonly onPremiseAlarmName: pulumi.Output<string | undefined>;
    /** Name of the front-door probe's canary, or undefined without `frontDoorProbe`. */
    public readonly canaryName: pulumi.Output<string | undefined>;
    /** What the pipeline heartbeats while it deploys: `{namespace, metricName, dimensions}`. */
    public readonly deploySignal: DeploySignal;
    /** Every alerting alarm's name by role (not the suppressor; `failover-in-effect` when declared). */
    public readonly alarmNames: pulumi.Output<Record<string, string>>;
    public readonly dashboardName: pulumi.Output<string>;
    public readonly appLogGroupName: pulumi.Output<string>;
    public readonly systemLogGroupName: pulumi.Output<string>;
    /** `AmazonCloudWatch-<prefix>-web`: the instances fetch the agent's configuration from it. */
    public readonly agentConfigParameterName: pulumi.Output<string>;
    /** The instance role's policy for the agent (JSON): attach it to the web instances' role. */
    public readonly instanceAgentPolicy: pulumi.Output<string>;
    /** The bucket to give the load balancer's `accessLogs.bucket`; resolves once its policy exists. */
    public readonly accessLogsBucketName: pulumi.Output<string>;
    /** The key prefix to give the load balancer's `accessLogs.prefix`. */
    public readonly accessLogsPrefix: string;
    /** The Slack channel configuration's ARN, or undefined without `slack`. */
    public readonly chatbotConfigurationArn: pulumi.Output<string | undefined>;
    /**
     * The roles this component passes to AWS services, each with the service that assumes it:
     * the Slack channel's (`chatbot.amazonaws.com`) when there is one, the front-door probe's
     * (`lambda.amazonaws.com` and `synthetics.amazonaws.com`) when there is one. A deploy role
     * passes exactly these (AccessControl's `deployRole.serviceRoles`).
     */
    public readonly serviceRoles: pulumi.Output<{ roleName: string; service: string }[]>;
    /**
     * What the web instances' CloudWatch agent reads and writes: its configuration parameter,
     * its log groups and its metric namespace (AccessControl's `cloudWatchAgent` takes it as is).
     */
    public readonly cloudWatchAgent: CloudWatchAgentScope;

    constructor(name: string, args: ObservabilityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:observability:Observability", name, {}, opts);
        const problems = observabilityArgsProblems(name, args);
        if (problems.length > 0) {
            throw new Error(`Observability "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const child = { parent: this };
        const tags = args.tags ?? {};
        const protect = args.protect ?? true;
        const prefix = args.namePrefix;
        const names = observabilityNames(prefix);
        const ctx: pulumi.Output<AccountContext> = pulumi.all([
            aws.getPartitionOutput({}, child).partition,
            aws.getCallerIdentityOutput({}, child).accountId,
            aws.getRegionOutput({}, child).region,
        ]).apply(([partition, accountId, region]) => ({ partition, accountId, region }));
        const logGroupNames = [names.appLogGroup, names.systemLogGroup];
        const backup = args.backup !== undefined;
        const place: ObservabilityPlace = { parent: this, child, name, args, tags, protect, prefix, names, ctx, logGroupNames, backup };

        const { key } = declareKey(place);
        const { critical, warning, chatbotArn, chatbotRoleName } = declareTopics(place, { key });
        const { appLogs, systemLogs, agentNamespace, parameter } = declareLogsAndAgent(place, { key });
        const { logPrefix, bucketPolicy } = declareAccessLogsBucket(place);
        const { canaryName, canaryRoleName } = declareProbe(place);
        const { declareAlarm, alarms, failover, onPremise } = declareAlarms(place, { warning });
        const { signal, deployAlarm, suppressorName, composite } = declareDeployMuteAndPage(place, { critical, declareAlarm, alarms });
        const { dashboard } = declareDashboard(place, { agentNamespace, alarms, failover, onPremise, composite });

        this.criticalTopicArn = critical.arn;
        this.warningTopicArn = warning.arn;
        this.kmsKeyArn = key.arn;
        this.compositeAlarmName = composite.alarmName;
        this.deployAlarmName = deployAlarm.name;
        this.suppressorAlarmName = suppressorName;
        this.onPremiseAlarmName = onPremise ? onPremise.alarmName : pulumi.output(undefined);
        this.canaryName = canaryName;
        this.deploySignal = signal;
        const named: [string, pulumi.Output<string>][] = [
            ...alarms.map((a) => [a.spec.role, a.alarm.name] as [string, pulumi.Output<string>]),
            ...(failover ? [["failover-in-effect", failover.alarmName] as [string, pulumi.Output<string>]] : []),
            ...(onPremise ? [["onpremise-degraded", onPremise.alarmName] as [string, pulumi.Output<string>]] : []),
        ];
        this.alarmNames = pulumi.all(named.map(([, n]) => n)).apply((values) => Object.fromEntries(values.map((v, i) => [named[i][0], v])));
        this.dashboardName = dashboard.dashboardName;
        this.appLogGroupName = appLogs.name;
        this.systemLogGroupName = systemLogs.name;
        this.agentConfigParameterName = parameter.name;
        this.instanceAgentPolicy = ctx.apply((c) => JSON.stringify(instanceAgentPolicy(c, { parameterName: names.agentParameter, logGroupNames, namespace: agentNamespace })));
        // Through the policy: the load balancer checks it may write when access logs are turned
        // on, so whatever uses this name waits for the policy.
        this.accessLogsBucketName = bucketPolicy.bucket;
        this.accessLogsPrefix = logPrefix;
        this.chatbotConfigurationArn = chatbotArn;
        this.cloudWatchAgent = cloudWatchAgentScope(prefix, args.agent?.namespace);
        this.serviceRoles = pulumi.output([
            ...(chatbotRoleName !== undefined ? [{ roleName: chatbotRoleName, service: "chatbot.amazonaws.com" }] : []),
            // CreateCanary may also check the role for Synthetics.
            ...(canaryRoleName !== undefined ? ["lambda.amazonaws.com", "synthetics.amazonaws.com"].map((service) => ({ roleName: canaryRoleName!, service })) : []),
        ]);
        this.registerOutputs({
            criticalTopicArn: this.criticalTopicArn,
            warningTopicArn: this.warningTopicArn,
            kmsKeyArn: this.kmsKeyArn,
            compositeAlarmName: this.compositeAlarmName,
            deployAlarmName: this.deployAlarmName,
            suppressorAlarmName: this.suppressorAlarmName,
            onPremiseAlarmName: this.onPremiseAlarmName,
            canaryName: this.canaryName,
            deploySignal: this.deploySignal,
            alarmNames: this.alarmNames,
            dashboardName: this.dashboardName,
            appLogGroupName: this.appLogGroupName,
            systemLogGroupName: this.systemLogGroupName,
            agentConfigParameterName: this.agentConfigParameterName,
            instanceAgentPolicy: this.instanceAgentPolicy,
            accessLogsBucketName: this.accessLogsBucketName,
            accessLogsPrefix: this.accessLogsPrefix,
            chatbotConfigurationArn: this.chatbotConfigurationArn,
            serviceRoles: this.serviceRoles,
            cloudWatchAgent: this.cloudWatchAgent,
        });
    }
}

/** Where an Observability declares its children, and what every step of it reads. */
interface ObservabilityPlace {
    parent: pulumi.Resource;
    child: { parent: pulumi.Resource };
    name: string;
    args: ObservabilityArgs;
    tags: Record<string, string>;
    protect: boolean;
    prefix: string;
    names: ReturnType<typeof observabilityNames>;
    ctx: pulumi.Output<AccountContext>;
    logGroupNames: string[];
    /** Whether failed backup jobs warn through the warning topic. */
    backup: boolean;
}

/** The key (protected, retained): the alert topics' and the web log groups'. */
function declareKey(o: ObservabilityPlace) {
    const { parent, child, name, args, tags, protect, prefix, names, ctx, logGroupNames, backup } = o;
    const key = new aws.kms.Key(`${name}-key`, {
        description: `${prefix}: alert topics and web log groups`,
        enableKeyRotation: true,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        policy: pulumi.all([ctx, pulumi.all(args.keyAdministratorRoleArns ?? [])]).apply(([c, administratorRoleArns]) =>
            JSON.stringify(keyPolicy(c, { namePrefix: prefix, logGroupNames, backup, administratorRoleArns }))),
        tags,
    }, { parent, protect, retainOnDelete: true });
    new aws.kms.Alias(`${name}-key-alias`, { name: names.keyAlias, targetKeyId: key.keyId }, child);
    return { key };
}

/** The topics and who gets them: e-mail, SMS, and the Slack channel when there is one. */
function declareTopics(o: ObservabilityPlace, deps: { key: aws.kms.Key }) {
    const { parent, child, name, args, tags, protect, prefix, names, ctx, backup } = o;
    const { key } = deps;
    const topic = (role: "critical" | "warning", topicName: string, withBackup: boolean) => {
        const t = new aws.sns.Topic(`${name}-${role}`, {
            name: topicName,
            displayName: `${prefix} ${role}`,
            kmsMasterKeyId: key.arn,
            tags,
        }, { parent, protect });
        new aws.sns.TopicPolicy(`${name}-${role}-policy`, {
            arn: t.arn,
            policy: pulumi.all([ctx, t.arn]).apply(([c, arn]) => JSON.stringify(topicPolicy(c, { namePrefix: prefix, topicArn: arn, backup: withBackup }))),
        }, child);
        return t;
    };
    const critical = topic("critical", names.criticalTopic, false);
    const warning = topic("warning", names.warningTopic, backup);
    const subscribe = (role: string, t: aws.sns.Topic, protocol: "email" | "sms", endpoint: string) =>
        new aws.sns.TopicSubscription(`${name}-${role}-${protocol}-${endpointRole(endpoint)}`, { topic: t.arn, protocol, endpoint }, child);
    for (const e of args.criticalEmails ?? []) subscribe("critical", critical, "email", e);
    for (const n of args.criticalPhoneNumbers ?? []) subscribe("critical", critical, "sms", n);
    for (const e of args.warningEmails ?? []) subscribe("warning", warning, "email", e);

    let chatbotArn: pulumi.Output<string | undefined> = pulumi.output(undefined);
    // The names this component gives its roles, known before the roles exist: a deploy role's
    // permission to create and pass them must not wait for them.
    let chatbotRoleName: string | undefined;
    if (args.slack) {
        const channelPolicy = new aws.iam.Policy(`${name}-chatbot-policy`, {
            name: names.chatbot,
            description: "AWS Chatbot channel of the alerts: read alarms and metrics only (role policy and guardrail)",
            policy: JSON.stringify(chatbotChannelPolicy()),
            tags,
        }, child);
        const { role, attachments: [attachment] } = declareRole(`${name}-chatbot-role`, {
            name: names.chatbot,
            description: "AWS Chatbot: the alerts' Slack channel",
            permissionsBoundary: args.permissionsBoundary,
            trust: JSON.stringify(chatbotTrustPolicy()),
            attachments: [{ resourceName: `${name}-chatbot-policy-attachment`, policyArn: channelPolicy.arn }],
            tags,
        }, child);
        const slack = new aws.chatbot.SlackChannelConfiguration(`${name}-slack`, {
            configurationName: names.slackConfiguration,
            iamRoleArn: role.arn,
            slackTeamId: args.slack.workspaceId,
            slackChannelId: args.slack.channelId,
            snsTopicArns: [critical.arn, warning.arn],
            // Without a guardrail AWS applies AdministratorAccess to the channel's users.
            guardrailPolicyArns: [channelPolicy.arn],
            loggingLevel: "ERROR",
            region: args.slack.region ?? DEFAULT_SLACK_API_REGION,
            tags,
        }, { parent, dependsOn: [attachment] });
        chatbotArn = slack.chatConfigurationArn;
        chatbotRoleName = names.chatbot;
    }
    return { critical, warning, chatbotArn, chatbotRoleName };
}

/** The web log groups and the CloudWatch agent's configuration. */
function declareLogsAndAgent(o: ObservabilityPlace, deps: { key: aws.kms.Key }) {
    const { child, name, args, tags, names } = o;
    const { key } = deps;
    const retentionInDays = args.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const appLogs = new aws.cloudwatch.LogGroup(`${name}-web-app`, { name: names.appLogGroup, retentionInDays, kmsKeyId: key.arn, tags }, child);
    const systemLogs = new aws.cloudwatch.LogGroup(`${name}-web-system`, { name: names.systemLogGroup, retentionInDays, kmsKeyId: key.arn, tags }, child);
    const agentNamespace = args.agent?.namespace ?? DEFAULT_AGENT_NAMESPACE;
    const parameter = new aws.ssm.Parameter(`${name}-agent-config`, {
        name: names.agentParameter,
        description: "CloudWatch agent configuration of the web instances (amazon-cloudwatch-agent-ctl -a fetch-config -c ssm:<name>)",
        type: "String",
        tier: "Standard",
        // Not a secret: shown in previews so a reviewer sees the change.
        insecureValue: observabilityAgentConfigJson(args),
        tags,
    }, child);
    return { appLogs, systemLogs, agentNamespace, parameter };
}

/** The load balancer's access logs bucket. */
function declareAccessLogsBucket(o: ObservabilityPlace) {
    const { parent, child, name, args, tags, prefix, ctx } = o;
    const logPrefix = args.accessLogs?.prefix ?? DEFAULT_ACCESS_LOGS_PREFIX;
    const bucket = new aws.s3.Bucket(`${name}-alb-logs`, {
        bucket: ctx.apply((c) => accessLogsBucketName(prefix, c.accountId)),
        // A bucket with logs in it is never deleted by a deploy.
        forceDestroy: false,
        tags,
    }, child);
    new aws.s3.BucketOwnershipControls(`${name}-alb-logs-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(`${name}-alb-logs-public-access`, {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-alb-logs-encryption`, {
        bucket: bucket.id,
        // SSE-S3: the only encryption ALB access log delivery supports (not SSE-KMS).
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-alb-logs-lifecycle`, {
        bucket: bucket.id,
        rules: [{
            id: "expire-access-logs",
            status: "Enabled",
            filter: {},
            expiration: { days: args.accessLogs?.expirationDays ?? DEFAULT_ACCESS_LOGS_EXPIRATION_DAYS },
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        }],
    }, child);
    const bucketPolicy = new aws.s3.BucketPolicy(`${name}-alb-logs-policy`, {
        bucket: bucket.id,
        policy: pulumi.all([ctx, bucket.bucket]).apply(([c, bucketName]) => JSON.stringify(accessLogsBucketPolicy({ ...c, bucketName, logPrefix }))),
    }, { parent, dependsOn: [publicAccess] });
    return { logPrefix, bucketPolicy };
}

/** The outside probe: a Synthetics canary with its artifacts bucket, code and role. */
function declareProbe(o: ObservabilityPlace) {
    const { parent, child, name, args, tags, prefix, names, ctx } = o;
    let canaryName: pulumi.Output<string | undefined> = pulumi.output(undefined);
    let canaryRoleName: string | undefined;
    if (args.frontDoorProbe) {
        const probe = args.frontDoorProbe;
        const artifacts = new aws.s3.Bucket(`${name}-probe-artifacts`, {
            bucket: ctx.apply((c) => canaryArtifactsBucketName(prefix, c.accountId)),
            forceDestroy: true, // run results only: screenshots-free HTTP reports and logs
            tags,
        }, child);
        new aws.s3.BucketOwnershipControls(`${name}-probe-artifacts-ownership`, { bucket: artifacts.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
        new aws.s3.BucketPublicAccessBlock(`${name}-probe-artifacts-public-access`, {
            bucket: artifacts.id,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        }, child);
        new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-probe-artifacts-encryption`, {
            bucket: artifacts.id,
            rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        }, child);
        const expirationDays = probe.artifactExpirationDays ?? DEFAULT_CANARY_ARTIFACT_EXPIRATION_DAYS;
        new aws.s3.BucketLifecycleConfiguration(`${name}-probe-artifacts-lifecycle`, {
            bucket: artifacts.id,
            rules: [{ id: "expire-probe-results", status: "Enabled", filter: {}, expiration: { days: expirationDays }, abortIncompleteMultipartUpload: { daysAfterInitiation: 1 } }],
        }, child);
        const script = canaryScript();
        const code = new aws.s3.BucketObjectv2(`${name}-probe-code`, {
            bucket: artifacts.id,
            // The key changes with the script, so the canary is updated with it.
            key: `code/front-door-${scriptDigest(script)}.zip`,
            source: new pulumi.asset.AssetArchive({ [CANARY_SCRIPT_PATH]: new pulumi.asset.StringAsset(script) }),
            tags,
        }, child);
        const rolePolicy = new aws.iam.Policy(`${name}-probe-policy`, {
            name: names.canaryRole,
            description: "The front-door probe (Synthetics canary): its results, its metrics, its logs",
            policy: pulumi.all([ctx, artifacts.bucket]).apply(([c, bucketName]) => JSON.stringify(canaryRolePolicy(c, { bucketName, canaryName: names.canary }))),
            tags,
        }, child);
        const { role, attachments: [attachment] } = declareRole(`${name}-probe-role`, {
            name: names.canaryRole,
            description: "The front-door probe (Synthetics canary)",
            permissionsBoundary: args.permissionsBoundary,
            trust: JSON.stringify(canaryTrustPolicy()),
            attachments: [{ resourceName: `${name}-probe-policy-attachment`, policyArn: rolePolicy.arn }],
            tags,
        }, child);
        const canary = new aws.synthetics.Canary(`${name}-front-door`, {
            name: names.canary,
            runtimeVersion: probe.runtimeVersion ?? DEFAULT_CANARY_RUNTIME,
            handler: CANARY_HANDLER,
            s3Bucket: artifacts.bucket,
            s3Key: code.key,
            executionRoleArn: role.arn,
            artifactS3Location: pulumi.interpolate`s3://${artifacts.bucket}/runs/`,
            artifactConfig: { s3Encryption: { encryptionMode: "SSE_S3" } },
            schedule: { expression: "rate(1 minute)" },
            runConfig: { timeoutInSeconds: 30, environmentVariables: { PROBE_URL: probe.url } },
            successRetentionPeriod: expirationDays,
            failureRetentionPeriod: expirationDays,
            startCanary: true,
            // The canary's function and its layer go with it.
            deleteLambda: true,
            tags,
        }, { parent, dependsOn: [attachment] });
        canaryName = canary.name;
        canaryRoleName = names.canaryRole;
    }
    return { canaryName, canaryRoleName };
}

/** The alarms, the failover composite and the on-premise warning composite. */
function declareAlarms(o: ObservabilityPlace, deps: { warning: aws.sns.Topic }) {
    const { child, name, args, tags, prefix, names } = o;
    const { warning } = deps;
    const specs = applyAlarmOverrides(decideAlarms(observabilityAlarmTargets(args), args.alarms ?? {}), args.alarmOverrides ?? {});
    const declareAlarm = (spec: AlarmSpec) => new aws.cloudwatch.MetricAlarm(`${name}-${spec.role}`, {
        name: names.alarm(spec.role),
        alarmDescription: alarmDescription(spec, prefix),
        ...sourceArgs(spec.source),
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        comparisonOperator: spec.comparisonOperator,
        threshold: spec.threshold,
        treatMissingData: spec.treatMissingData,
        ...(spec.evaluateLowSampleCountPercentiles ? { evaluateLowSampleCountPercentiles: spec.evaluateLowSampleCountPercentiles } : {}),
        // Alarms that feed a composite carry no actions: one incident is one page (or one warning), the composite's.
        ...(spec.route === "warning" ? { alarmActions: [warning.arn] } : {}),
        tags,
    }, child);
    const alarms = specs.map((spec) => ({ spec, alarm: declareAlarm(spec) }));

    const failover = args.failover === undefined ? undefined : new aws.cloudwatch.CompositeAlarm(`${name}-failover-in-effect`, {
        alarmName: names.failoverComposite,
        alarmDescription: "Failover in effect: HybridLink moves the on-premise share of viewers to the cloud while fewer on-premise targets are healthy than their share needs (HybridLink's minHealthyHosts) or both tunnels are down. Feeds the onpremise-degraded warning, never the page. First look: the failover function's log and the cloud fleet's in-service count.",
        alarmRule: pulumi.output(args.failover.alarmNames).apply((n) => failoverInEffectRule(n)),
        tags,
    }, child);

    // The on-premise state warns on its own composite: a composite runs its actions only
    // when its own state changes, so a state that lasts hours (a failover doing its job, a
    // tunnel in maintenance) must never be a child of the page, or it would hold the page
    // in ALARM and a cloud incident at kickoff would page no one.
    const onPremiseChildren: pulumi.Output<string>[] = [
        ...alarms.filter((a) => a.spec.route === "onpremise").map((a) => a.alarm.name),
        ...(failover ? [failover.alarmName] : []),
    ];
    const onPremise = onPremiseChildren.length === 0 ? undefined : new aws.cloudwatch.CompositeAlarm(`${name}-onpremise-degraded`, {
        alarmName: names.onPremiseComposite,
        alarmDescription: "On-premise degraded: the data centre's servers are unhealthy, both VPN tunnels are down, or their share failed over to the cloud. A warning, never the page (viewers hurt show in the page's 5xx rates and latency). First look: HybridLink's failover function log and the VPN tunnels on the dashboard.",
        alarmRule: pulumi.all(onPremiseChildren).apply((n) => anyInAlarmRule(n)),
        alarmActions: [warning.arn],
        okActions: [warning.arn],
        tags,
    }, child);
    return { declareAlarm, alarms, failover, onPremise };
}

/** The deploy mute and the one page. */
function declareDeployMuteAndPage(o: ObservabilityPlace, deps: { critical: aws.sns.Topic; declareAlarm: (spec: AlarmSpec) => aws.cloudwatch.MetricAlarm; alarms: { spec: AlarmSpec; alarm: aws.cloudwatch.MetricAlarm }[] }) {
    const { child, name, args, tags, prefix, names } = o;
    const { critical, declareAlarm, alarms } = deps;
    const signal = deploySignal(prefix, args.deploySuppressor?.namespace ?? DEFAULT_DEPLOY_NAMESPACE, args.deploySuppressor?.metricName ?? DEFAULT_DEPLOY_METRIC);
    const deploySpec = deployInProgressAlarm(signal);
    const deployAlarm = declareAlarm(deploySpec);
    const matchWindows = args.deploySuppressor?.matchWindows ?? [];
    let suppressorName: pulumi.Output<string> = deployAlarm.name;
    if (matchWindows.length > 0) {
        // Inside a match window a deploy mutes the page for a bounded time only.
        const overrun = declareAlarm(deployOverrunInWindowAlarm(signal, args.autoScaling.groupName, matchWindows, args.deploySuppressor?.matchWindowMuteMinutes ?? DEFAULT_MATCH_WINDOW_MUTE_MINUTES));
        const mute = new aws.cloudwatch.CompositeAlarm(`${name}-deploy-mute`, {
            alarmName: names.deployMute,
            alarmDescription: "Deploy mute (a signal, no actions): in ALARM while a deploy heartbeats, until it has run its allowed minutes inside a match window. The matchday-degraded page's actions suppressor.",
            alarmRule: pulumi.all([deployAlarm.name, overrun.name]).apply(([d, o]) => deployMuteRule({ deployInProgress: d, overrunInWindow: o })),
            tags,
        }, child);
        suppressorName = mute.alarmName;
    }

    const paged = alarms.filter((a) => a.spec.route === "page").map((a) => a.alarm.name);
    const composite = new aws.cloudwatch.CompositeAlarm(`${name}-matchday-degraded`, {
        alarmName: names.matchdayComposite,
        alarmDescription: "Matchday degraded: viewers see errors or slowness, capacity is missing, or requests stop reaching the load balancer. The one page; the alarms it names have no actions of their own, and nothing on-premise is among them. First look: the match-night dashboard.",
        alarmRule: pulumi.all(paged).apply((n) => anyInAlarmRule(n)),
        alarmActions: [critical.arn],
        // The all-clear goes to the same people.
        okActions: [critical.arn],
        actionsSuppressor: {
            alarm: suppressorName,
            waitPeriod: args.deploySuppressor?.waitPeriodSeconds ?? DEFAULT_SUPPRESSOR_TIMING.waitPeriodSeconds,
            extensionPeriod: args.deploySuppressor?.extensionPeriodSeconds ?? DEFAULT_SUPPRESSOR_TIMING.extensionPeriodSeconds,
        },
        tags,
    }, child);
    return { signal, deployAlarm, suppressorName, composite };
}

/** The match-night dashboard. */
function declareDashboard(o: ObservabilityPlace, deps: { agentNamespace: string; alarms: { spec: AlarmSpec; alarm: aws.cloudwatch.MetricAlarm }[]; failover: aws.cloudwatch.CompositeAlarm | undefined; onPremise: aws.cloudwatch.CompositeAlarm | undefined; composite: aws.cloudwatch.CompositeAlarm }) {
    const { child, name, args, prefix, names, ctx } = o;
    const { agentNamespace, alarms, failover, onPremise, composite } = deps;
    const thresholds: AlarmThresholds = { ...DEFAULT_ALARM_THRESHOLDS, ...Object.fromEntries(Object.entries(args.alarms ?? {}).filter(([, v]) => v !== undefined)) };
    const dashboard = new aws.cloudwatch.Dashboard(`${name}-dashboard`, {
        dashboardName: names.dashboard,
        dashboardBody: pulumi.output({
            region: ctx.region,
            loadBalancer: args.loadBalancer.arnSuffix,
            cloudTargetGroup: args.loadBalancer.cloudTargetGroupArnSuffix,
            onPremiseTargetGroup: args.onPremise?.targetGroupArnSuffix,
            groupName: args.autoScaling.groupName,
            vpnConnectionId: args.vpn?.vpnConnectionId,
            tunnelAddresses: args.vpn?.tunnelAddresses,
            userStore: args.userStore === undefined ? undefined : {
                tableName: args.userStore.tableName,
                warmThroughput: args.userStore.warmThroughput,
                endpoint: observabilityAlarmTargets(args).userStore?.endpoint,
            },
            alarmArns: [composite.arn, ...(onPremise ? [onPremise.arn] : []), ...(failover ? [failover.arn] : []), ...alarms.map((a) => a.alarm.arn)],
        }).apply((r) => dashboardBody({
            region: r.region,
            namePrefix: prefix,
            loadBalancer: r.loadBalancer,
            cloudTargetGroup: r.cloudTargetGroup,
            onPremiseTargetGroup: r.onPremiseTargetGroup,
            groupName: r.groupName,
            maxSize: args.autoScaling.maxSize,
            vpnConnectionId: r.vpnConnectionId,
            tunnelAddresses: r.tunnelAddresses,
            agentNamespace,
            thresholds,
            annotations: args.annotations ?? [],
            alarmArns: r.alarmArns,
            compositeAlarmName: names.matchdayComposite,
            ...(args.reservedCapacity ? { reservedCapacity: args.reservedCapacity } : {}),
            ...(r.userStore ? { userStore: r.userStore } : {}),
        })),
    }, child);
    return { dashboard };
}
