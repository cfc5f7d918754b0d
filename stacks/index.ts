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
export const previewRoleArn = platform.previewRoleArn;
export const scheduledActions = platform.scheduledActions;
// The capacity reservation schedules this deploy declares, and their group (with reserve* on).
export const reservationSchedules = platform.reservationSchedules;
export const capacityScheduleGroup = platform.capacityScheduleGroup;
// With kgsports:hybridLink (undefined otherwise, and then not shown).
export const vpnConnectionId = platform.vpnConnectionId;
export const vpnTunnelAddresses = platform.vpnTunnelAddresses;
export const vpnCustomerGatewayConfiguration = platform.vpnCustomerGatewayConfiguration;
export const onPremiseTargetGroupArn = platform.onPremiseTargetGroupArn;
export const ssmActivationId = platform.ssmActivationId;
export const ssmActivationCode = platform.ssmActivationCode;
export const failoverFunctionName = platform.failoverFunctionName;
// The backup vault, and the tag (`<key>=<value>`) to put on what holds data.
export const backupVaultName = platform.backupVaultName;
export const backupTag = platform.backupTag;
