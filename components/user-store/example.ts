/** The README's example (## Use), compiled with the project and declared by test/userStore.readme.test.ts. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { UserStore, userStoreClientPolicy, userStoreClientScope } from "./index";

const config = new pulumi.Config();
const prefix = "kgsports-dev";

// The store: dev keeps a week of recovery and a new table's own warm throughput (nothing charged).
const store = new UserStore("users", {
    namePrefix: prefix,
    vpcId: config.require("vpcId"),
    privateSubnetIds: config.requireObject<string[]>("privateSubnetIds"),
    clientSecurityGroupIds: [config.require("webSecurityGroupId")],
    onPremiseCidrs: ["10.20.0.0/16"],
    pointInTimeRecoveryDays: 7,
    tags: { "kgsports:backup": "daily" },
});

// What a client role gets (AccessControl attaches the same to the web instance role).
const ctx = pulumi.all([aws.getPartitionOutput().partition, aws.getCallerIdentityOutput().accountId, aws.getRegionOutput().region])
    .apply(([partition, accountId, region]) => ({ partition, accountId, region }));
const clientPolicy = new aws.iam.Policy("users-client", {
    description: "Items of the user store through its endpoint, its key through DynamoDB, its parameters",
    policy: ctx.apply((c) => JSON.stringify(userStoreClientPolicy(c, userStoreClientScope(prefix)))),
});

export const tableName = store.tableName;
export const endpointUrl = store.endpointUrl;
export const tableNameParameter = store.tableNameParameterName;
export const endpointUrlParameter = store.endpointUrlParameterName;
export const clientPolicyArn = clientPolicy.arn;
