/**
 * The load balancer's access logs bucket, decided as data: its name, who may write, and
 * its policy.
 *
 * Who writes (AWS: Elastic Load Balancing User Guide, "Enable access logs for your
 * Application Load Balancer", step 2, "Attach a policy to your S3 bucket"):
 * - Regions available before August 2022: the Elastic Load Balancing account of the
 *   region, `arn:aws:iam::<elb-account-id>:root`, from the table below.
 * - Regions available since August 2022 (and Local Zones): the log delivery service
 *   principal `logdelivery.elasticloadbalancing.amazonaws.com`.
 * The bucket may use SSE-S3 only ("The only server-side encryption option that's
 * supported is Amazon S3-managed keys (SSE-S3)", same page, step 1): never SSE-KMS.
 */
import { document, PolicyDocument, PolicyStatement } from "./policies";

export const LOG_DELIVERY_SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

/**
 * The Elastic Load Balancing account of each region available before August 2022 (the
 * AWS documentation's table, as also shipped in aws-cdk's region facts). Every other
 * region of the commercial partition uses the service principal.
 */
export const ELB_LOG_DELIVERY_ACCOUNTS: Readonly<Record<string, string>> = Object.freeze({
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-south-1": "718504428378",
    "ap-northeast-1": "582318560864",
    "ap-northeast-2": "600734575887",
    "ap-northeast-3": "383597477331",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-southeast-3": "589379963580",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-south-1": "635631232127",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
});

/** Who writes a region's access logs. */
export type LogDeliveryWriter = { kind: "elb-account"; accountId: string } | { kind: "service-principal"; service: string };

export function logDeliveryWriter(region: string): LogDeliveryWriter {
    const accountId = ELB_LOG_DELIVERY_ACCOUNTS[region];
    return accountId !== undefined ? { kind: "elb-account", accountId } : { kind: "service-principal", service: LOG_DELIVERY_SERVICE_PRINCIPAL };
}

/** `<prefix>-alb-logs-<account id>`: unique per account, and the stack's prefix first. */
export function accessLogsBucketName(namePrefix: string, accountId: string): string {
    return `${namePrefix}-alb-logs-${accountId}`;
}

export const DEFAULT_ACCESS_LOGS_PREFIX = "alb";
export const DEFAULT_ACCESS_LOGS_EXPIRATION_DAYS = 90;

export interface AccessLogsPolicyScope {
    partition: string;
    region: string;
    /** The account that owns the load balancer (its logs land under AWSLogs/<it>/). */
    accountId: string;
    bucketName: string;
    /** The key prefix given to the load balancer's `accessLogs.prefix`. */
    logPrefix: string;
}

/** Where the load balancer writes: `<bucket>/<prefix>/AWSLogs/<account>/*`. */
export function accessLogsObjectArn(s: AccessLogsPolicyScope): string {
    return `arn:${s.partition}:s3:::${s.bucketName}/${s.logPrefix}/AWSLogs/${s.accountId}/*`;
}

/**
 * The bucket's policy: TLS only for everyone; the load balancer's log delivery may put
 * objects under its prefix; nobody else may put objects at all (the logs are evidence).
 *
 * In a region with an ELB account both that account and the service principal are
 * allowed to write, and only the two of them escape the deny: AWS's documentation names
 * the account for these regions, and the service principal it uses everywhere else
 * costs nothing if unused and keeps delivery working if AWS moves the region to it.
 */
export function accessLogsBucketPolicy(s: AccessLogsPolicyScope): PolicyDocument {
    const bucketArn = `arn:${s.partition}:s3:::${s.bucketName}`;
    const writer = logDeliveryWriter(s.region);
    const objects = accessLogsObjectArn(s);
    const statements: PolicyStatement[] = [
        {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: ["s3:*"],
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
            Sid: "LoadBalancerLogDeliveryWrites",
            Effect: "Allow",
            Principal: { Service: [LOG_DELIVERY_SERVICE_PRINCIPAL] },
            Action: ["s3:PutObject"],
            Resource: [objects],
        },
    ];
    if (writer.kind === "elb-account") {
        statements.push({
            Sid: "RegionalElbAccountWrites",
            Effect: "Allow",
            Principal: { AWS: [`arn:${s.partition}:iam::${writer.accountId}:root`] },
            Action: ["s3:PutObject"],
            Resource: [objects],
        });
    }
    statements.push({
        Sid: "NobodyElseWrites",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:PutObject"],
        Resource: [`${bucketArn}/*`],
        // Denied unless the request comes from the log delivery service (aws:PrincipalServiceName
        // is present only for service principals) or, in an ELB-account region, from that
        // account. IfExists: a service principal's request may carry no principal account.
        Condition: {
            StringNotEquals: { "aws:PrincipalServiceName": LOG_DELIVERY_SERVICE_PRINCIPAL },
            ...(writer.kind === "elb-account" ? { StringNotEqualsIfExists: { "aws:PrincipalAccount": writer.accountId } } : {}),
        },
    });
    return document(...statements);
}
