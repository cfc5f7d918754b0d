/** The README's example, compiled with the project and declared by test/awsRole.test.ts. */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { declareRole } from "./role";

export class Nightly extends pulumi.ComponentResource {
    constructor(name: string, args: { permissionsBoundary?: pulumi.Input<string> }) {
        super("example:nightly:Nightly", name, {}, {});
        const logs = new aws.iam.Policy(`${name}-logs`, {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: "*" }] }),
        }, { parent: this });
        const { role, attachments } = declareRole(`${name}-role`, {
            name: `${name}-function`,
            description: "The nightly function",
            trust: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            permissionsBoundary: args.permissionsBoundary,
            attachments: [{ resourceName: `${name}-role-logs`, policyArn: logs.arn }],
        }, { parent: this });
        new aws.lambda.Function(`${name}-function`, {
            name: `${name}-function`,
            runtime: "nodejs22.x",
            handler: "index.handler",
            code: new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => {};") }),
            role: role.arn,
        }, { parent: this, dependsOn: attachments });
        this.registerOutputs({ roleArn: role.arn });
    }
}
