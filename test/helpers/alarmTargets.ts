/** What Observability watches, every optional part present: the alarm factories' tests share it. */
export const EVERY_ALARM_TARGET = {
    loadBalancerArnSuffix: "app/web-alb/50dc6c495c0c9188",
    cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067",
    onPremiseTargetGroupArnSuffix: "targetgroup/hybrid-onprem/0a1b2c3d4e5f6071",
    vpnConnectionId: "vpn-0a1b2c3d4e5f60718",
    tunnelAddresses: ["3.35.10.20", "52.78.30.40"],
    backupVaultName: "kgsports-matchday-backup",
    autoScaling: { groupName: "web-asg", maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
    trafficWindows: [{ start: "2027-05-29T19:00:00Z", end: "2027-05-29T20:50:00Z", minRequestsPerMinute: 105_000 }],
    canaryName: "kgsports-matchday-fd",
    userStore: {
        tableName: "kgsports-matchday-users",
        warmThroughput: { readUnitsPerSecond: 30_000, writeUnitsPerSecond: 8_000 },
        endpoint: { id: "vpce-0a1b2c3d4e5f60718", vpcId: "vpc-0123456789abcdef0", serviceName: "com.amazonaws.ap-northeast-2.dynamodb" },
    },
};
