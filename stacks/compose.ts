/**
 * Composition: the platform as a function of validated settings. It declares
 * components and nothing else, so `dev` and `matchday` can be built in one process.
 */
import * as pulumi from "@pulumi/pulumi";
import { ScalingWebTier } from "@kgsports/scaling-web-tier";
import { PlatformSettings } from "./config/settings";
import { renderUserData } from "./userData";

export interface PlatformOutputs {
    albDnsName: pulumi.Output<string>;
    listenerArn: pulumi.Output<string>;
    targetGroupArn: pulumi.Output<string>;
    asgName: pulumi.Output<string>;
    vpcId: pulumi.Output<string>;
    publicSubnetIds: pulumi.Output<string[]>;
    privateSubnetIds: pulumi.Output<string[]>;
}

export function composePlatform(s: PlatformSettings): PlatformOutputs {
    const web = new ScalingWebTier("web", {
        network: s.network,
        instanceType: s.web.instanceType,
        amiId: s.web.amiId,
        userData: renderUserData(s.web.userData, { appPort: s.web.appPort, healthCheckPath: s.web.healthCheckPath }),
        appPort: s.web.appPort,
        healthCheck: { path: s.web.healthCheckPath },
        certificateArn: s.web.certificateArn,
        capacity: s.web.capacity,
        targetRequestsPerInstance: s.web.targetRequestsPerInstance,
        instanceWarmupSeconds: s.web.instanceWarmupSeconds,
        rootVolumeSizeGiB: s.web.rootVolumeGiB,
        warmPool: s.web.warmPoolSize > 0 ? { minSize: s.web.warmPoolSize } : undefined,
        deletionProtection: s.web.deletionProtection,
        detailedMonitoring: s.web.detailedMonitoring,
        tags: s.tags,
    });
    return {
        albDnsName: web.albDnsName,
        listenerArn: web.listener.arn,
        targetGroupArn: web.targetGroup.arn,
        asgName: web.asgName,
        vpcId: web.vpcId,
        publicSubnetIds: web.publicSubnetIds,
        privateSubnetIds: web.privateSubnetIds,
    };
}
