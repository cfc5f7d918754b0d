// Entry point of `pulumi up` / `pulumi preview` (Pulumi.yaml: main). Stack outputs below.
import { runProgram } from "./program";

const platform = runProgram();

export const albDnsName = platform.albDnsName;
export const listenerArn = platform.listenerArn;
export const targetGroupArn = platform.targetGroupArn;
export const asgName = platform.asgName;
export const vpcId = platform.vpcId;
export const publicSubnetIds = platform.publicSubnetIds;
export const privateSubnetIds = platform.privateSubnetIds;
export const operatorRoleArn = platform.operatorRoleArn;
export const deployRoleArn = platform.deployRoleArn;
export const scheduledActions = platform.scheduledActions;
