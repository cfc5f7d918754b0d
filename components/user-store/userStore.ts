/**
 * UserStore: the store of new users' accounts, a DynamoDB on-demand table with its own
 * key, reachable only through an interface endpoint in the private subnets, with
 * point-in-time recovery, deletion protection and a planned restore. The decisions are
 * pure (decisions.ts, policies.ts, validation.ts); this file only declares them.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { UserStoreArgs, WarmThroughput } from "./args";
import { userStoreClientScope, userStoreNames } from "./naming";
import { decideEndpointRules, decideRestore, decideTable, KEY_DELETION_WINDOW_DAYS, TableDecision, warmThroughputDeclared } from "./decisions";
import { userStoreKeyPolicy, userStoreTablePolicy } from "./policies";
import { userStoreArgsProblems } from "./validation";

export class UserStore extends pulumi.ComponentResource {
    /** The live table's name (`<prefix>-users`). */
    public readonly tableName: pulumi.Output<string>;
    public readonly tableArn: pulumi.Output<string>;
    /** The table key's ARN (customer managed, rotated yearly). */
    public readonly keyArn: pulumi.Output<string>;
    /** The table clients use: the live one, or the promoted restore. */
    public readonly activeTableName: pulumi.Output<string>;
    /** The restored table's name, when the args ask for a restore. */
    public readonly restoredTableName: pulumi.Output<string | undefined>;
    /** The interface endpoint (`vpce-...`), the only way in for the data plane. */
    public readonly endpointId: pulumi.Output<string>;
    /** What clients give their DynamoDB client as its endpoint: `https://<the endpoint's regional DNS name>`. */
    public readonly endpointUrl: pulumi.Output<string>;
    /** The endpoint's service (`com.amazonaws.<region>.dynamodb`): with its id and VPC, the dimensions of its CloudWatch metrics. */
    public readonly endpointServiceName: pulumi.Output<string>;
    /** The VPC the endpoint is in. */
    public readonly endpointVpcId: pulumi.Output<string>;
    public readonly endpointSecurityGroupId: pulumi.Output<string>;
    /** SSM parameter naming the table clients use. */
    public readonly tableNameParameterName: string;
    /** SSM parameter holding the endpoint URL. */
    public readonly endpointUrlParameterName: string;
    /** The warm throughput the table is sized to (monitoring alarms near it). */
    public readonly warmThroughput: WarmThroughput;

    constructor(name: string, args: UserStoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("kgsports:data:UserStore", name, {}, opts);
        const problems = userStoreArgsProblems(args);
        if (problems.length > 0) {
            throw new Error(`UserStore "${name}": invalid args:\n  - ${problems.join("\n  - ")}`);
        }
        const child = { parent: this };
        // The table, its key and a restored table outlive the stack: `retainOnDelete` keeps
        // them in AWS when Pulumi deletes or replaces them, and deletion protection refuses
        // a DeleteTable from anyone. Not `protect`: it would also refuse previews and test
        // flows that replace the component, while these two already keep the data.
        const keep = { parent: this, retainOnDelete: true };
        const names = userStoreNames(args.namePrefix);
        const scope = userStoreClientScope(args.namePrefix);
        const tags = pulumi.output(args.tags ?? {});
        const tagged = (Name: string) => tags.apply((t) => ({ ...t, Name }));

        const ctx = pulumi.all([
            aws.getPartitionOutput({}, child).partition,
            aws.getCallerIdentityOutput({}, child).accountId,
            aws.getRegionOutput({}, child).region,
        ]).apply(([partition, accountId, region]) => ({ partition, accountId, region }));

        // ------------------------------------------------------------ the key
        const key = new aws.kms.Key(`${name}-key`, {
            description: `${args.namePrefix}: DynamoDB table ${names.tableName} and its restores`,
            enableKeyRotation: true,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy: pulumi.all([ctx, pulumi.all(args.keyAdministratorRoleArns ?? [])]).apply(([c, keyAdministratorRoleArns]) =>
                JSON.stringify(userStoreKeyPolicy(c, { tableNamePatterns: scope.tableNamePatterns, keyAdministratorRoleArns }))),
            tags,
        }, keep);
        new aws.kms.Alias(`${name}-key-alias`, { name: names.keyAlias, targetKeyId: key.keyId }, child);

        // ------------------------------------------------------------ the live table
        const decided = decideTable(names, args);
        const table = new aws.dynamodb.Table(`${name}-table`, tableArgs(decided, key.arn, tags), keep);

        // ------------------------------------------------------------ the endpoint and its security group
        const endpointGroup = new aws.ec2.SecurityGroup(`${name}-endpoint-sg`, {
            name: names.endpointSecurityGroupName,
            vpcId: args.vpcId,
            // EC2 group and rule descriptions allow only a-z A-Z 0-9 spaces and ._-:/()#,@[]+=&;{}!$* (no apostrophe).
            description: "UserStore DynamoDB interface endpoint: HTTPS from the web instances and the on-premise ranges only",
            tags: tagged(names.endpointSecurityGroupName),
        }, child);
        for (const rule of decideEndpointRules(args)) {
            new aws.vpc.SecurityGroupIngressRule(`${name}-endpoint-from-${rule.role}`, {
                securityGroupId: endpointGroup.id,
                ipProtocol: "tcp",
                fromPort: rule.port,
                toPort: rule.port,
                description: rule.description,
                ...(rule.cidrIpv4 !== undefined ? { cidrIpv4: rule.cidrIpv4 } : { referencedSecurityGroupId: args.clientSecurityGroupIds[rule.clientIndex!] }),
                tags,
            }, child);
        }
        // Private DNS off: the clients name the endpoint explicitly (the URL parameter), so
        // nothing else in the VPC changes how it resolves DynamoDB's public name.
        const serviceName = pulumi.interpolate`com.amazonaws.${ctx.region}.dynamodb`;
        const endpoint = new aws.ec2.VpcEndpoint(`${name}-endpoint`, {
            vpcId: args.vpcId,
            serviceName,
            vpcEndpointType: "Interface",
            privateDnsEnabled: false,
            subnetIds: args.privateSubnetIds,
            securityGroupIds: [endpointGroup.id],
            tags: tagged(`${args.namePrefix}-user-store`),
        }, child);
        // The first DNS entry is the regional name (the others are per zone).
        const endpointUrl = pulumi.interpolate`https://${endpoint.dnsEntries[0].dnsName}`;

        const tablePolicy = (tableArn: pulumi.Output<string>) => pulumi.all([tableArn, endpoint.id, pulumi.all(args.exemptPrincipalArns ?? [])])
            .apply(([arn, endpointId, exemptPrincipalArns]) => JSON.stringify(userStoreTablePolicy({ tableArn: arn, endpointId, exemptPrincipalArns })));
        new aws.dynamodb.ResourcePolicy(`${name}-table-policy`, { resourceArn: table.arn, policy: tablePolicy(table.arn) }, child);

        // ------------------------------------------------------------ the restore (a new table; the live one is kept)
        const restore = decideRestore(names, args);
        let restored: aws.dynamodb.Table | undefined;
        if (restore) {
            restored = new aws.dynamodb.Table(`${name}-restore-${restore.label}`, {
                ...tableArgs(restore, key.arn, tags),
                restoreSourceTableArn: table.arn,
                ...(restore.restoreToLatestTime ? { restoreToLatestTime: true } : { restoreDateTime: restore.restoreDateTime }),
            }, keep);
            // A restored table gets no resource policy from its source: it gets the same one.
            new aws.dynamodb.ResourcePolicy(`${name}-restore-${restore.label}-policy`, { resourceArn: restored.arn, policy: tablePolicy(restored.arn) }, child);
        }
        const activeTableName = restore?.promote && restored ? restored.name : table.name;

        // ------------------------------------------------------------ what clients read at boot
        new aws.ssm.Parameter(`${name}-table-name-parameter`, {
            name: names.tableNameParameter,
            type: "String",
            // insecureValue: nothing secret, and a promote shows in the plan's diff (`value` is always a secret).
            insecureValue: activeTableName,
            description: "The DynamoDB table UserStore's clients use (the live table, or a promoted restore)",
            tags,
        }, child);
        new aws.ssm.Parameter(`${name}-endpoint-url-parameter`, {
            name: names.endpointUrlParameter,
            type: "String",
            insecureValue: endpointUrl,
            description: "The URL UserStore's clients give their DynamoDB client (the interface endpoint; private DNS is off)",
            tags,
        }, child);

        this.tableName = table.name;
        this.tableArn = table.arn;
        this.keyArn = key.arn;
        this.activeTableName = activeTableName;
        this.restoredTableName = restored ? restored.name : pulumi.output(undefined);
        this.endpointId = endpoint.id;
        this.endpointUrl = endpointUrl;
        this.endpointServiceName = serviceName;
        this.endpointVpcId = pulumi.output(args.vpcId);
        this.endpointSecurityGroupId = endpointGroup.id;
        this.tableNameParameterName = names.tableNameParameter;
        this.endpointUrlParameterName = names.endpointUrlParameter;
        this.warmThroughput = decided.warmThroughput;
        this.registerOutputs({
            tableName: this.tableName,
            tableArn: this.tableArn,
            keyArn: this.keyArn,
            activeTableName: this.activeTableName,
            restoredTableName: this.restoredTableName,
            endpointId: this.endpointId,
            endpointUrl: this.endpointUrl,
            endpointServiceName: this.endpointServiceName,
            endpointVpcId: this.endpointVpcId,
            endpointSecurityGroupId: this.endpointSecurityGroupId,
            tableNameParameterName: this.tableNameParameterName,
            endpointUrlParameterName: this.endpointUrlParameterName,
            warmThroughput: this.warmThroughput,
        });
    }
}

/** The provider's table args from a decision, encrypted with the store's key. */
function tableArgs(d: TableDecision, keyArn: pulumi.Input<string>, tags: pulumi.Input<Record<string, pulumi.Input<string>>>): aws.dynamodb.TableArgs {
    return {
        name: d.name,
        billingMode: d.billingMode,
        hashKey: d.hashKey,
        rangeKey: d.rangeKey,
        attributes: d.attributes,
        pointInTimeRecovery: d.pointInTimeRecovery,
        deletionProtectionEnabled: d.deletionProtectionEnabled,
        ...(warmThroughputDeclared(d.warmThroughput) ? { warmThroughput: d.warmThroughput } : {}),
        serverSideEncryption: { enabled: true, kmsKeyArn: keyArn },
        tags,
    };
}
