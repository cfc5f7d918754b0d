/**
 * Every alarm watches a series CloudWatch publishes: its namespace, metric and dimension
 * set against the catalogue of AWS's metric documentation (test/helpers/
 * cloudwatchMetricCatalogue.ts): every alarm the component can decide. Both stacks' plans:
 * test/stacks.observability.metrics.test.ts.
 */
import { expect } from "chai";
import { decideAlarms, deployInProgressAlarm, deployOverrunInWindowAlarm, deploySignal, AlarmSpec, SingleMetricSource } from "@kgsports/observability";
import { CLOUDWATCH_METRICS, unpublishedReason, WatchedMetric } from "./helpers/cloudwatchMetricCatalogue";
import { EVERY_ALARM_TARGET } from "./helpers/alarmTargets";

const EVERY_TARGET = EVERY_ALARM_TARGET;

function metricsOfSpec(spec: AlarmSpec): WatchedMetric[] {
    const s = spec.source;
    if (s.kind === "metric") return [{ where: spec.role, namespace: s.namespace, metricName: s.metricName, dimensions: s.dimensions }];
    return s.queries.filter((q) => q.metric).map((q) => ({ where: `${spec.role}.${q.id}`, namespace: q.metric!.namespace, metricName: q.metric!.metricName, dimensions: q.metric!.dimensions }));
}

describe("Alarms against the metrics CloudWatch publishes", () => {
    it("the catalogue names its source for every namespace", () => {
        for (const [ns, entry] of Object.entries(CLOUDWATCH_METRICS)) expect(entry.source, ns).to.match(/(https:\/\/docs\.aws\.amazon\.com\/|the )/);
    });

    it("catches what it is for: a typo, a missing dimension, an extra one, a metric of another namespace", () => {
        const ok = { where: "x", namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions: { TargetGroup: "targetgroup/a/1", LoadBalancer: "app/b/2" } };
        expect(unpublishedReason(ok)).to.equal(undefined);
        expect(unpublishedReason({ ...ok, dimensions: { TargetGroup: "targetgroup/a/1", Loadbalancer: "app/b/2" } })).to.match(/not published with dimensions/);
        expect(unpublishedReason({ ...ok, dimensions: { LoadBalancer: "app/b/2" } })).to.match(/not published with dimensions \{LoadBalancer\}/);
        expect(unpublishedReason({ ...ok, dimensions: {} })).to.match(/not published/);
        expect(unpublishedReason({ ...ok, metricName: "TunnelState" })).to.match(/publishes no metric TunnelState/);
        expect(unpublishedReason({ ...ok, namespace: "AWS/ELB" })).to.match(/not in the catalogue/);
        expect(unpublishedReason({ ...ok, dimensions: { TargetGroup: "", LoadBalancer: "app/b/2" } })).to.match(/without a value/);
    });

    it("every alarm the component can decide, and the deploy signals, watch published series", () => {
        const signal = deploySignal("kgsports-matchday");
        const specs = [
            ...decideAlarms(EVERY_TARGET),
            deployInProgressAlarm(signal),
            deployOverrunInWindowAlarm(signal, EVERY_TARGET.autoScaling.groupName, [{ start: "2027-05-29T17:50:00Z", end: "2027-05-29T22:15:00Z" }], 5),
        ];
        const watched = specs.flatMap(metricsOfSpec);
        expect(watched.length).to.be.at.least(specs.length);
        for (const m of watched) expect(unpublishedReason(m), m.where).to.equal(undefined);
        // Each dimension carries the value it was given, not another target's.
        const single = (role: string) => specs.find((s) => s.role === role)!.source as SingleMetricSource;
        expect(single("onprem-unhealthy-hosts").dimensions).to.deep.equal({ TargetGroup: EVERY_TARGET.onPremiseTargetGroupArnSuffix, LoadBalancer: EVERY_TARGET.loadBalancerArnSuffix });
        expect(single("cloud-unhealthy-hosts").dimensions).to.deep.equal({ TargetGroup: EVERY_TARGET.cloudTargetGroupArnSuffix, LoadBalancer: EVERY_TARGET.loadBalancerArnSuffix });
        expect(single("vpn-tunnel-2-down").dimensions).to.deep.equal({ TunnelIpAddress: EVERY_TARGET.tunnelAddresses[1] });
        expect(single("vpn-tunnels-down").dimensions).to.deep.equal({ VpnId: EVERY_TARGET.vpnConnectionId });
        expect(single("backup-job-failed").dimensions).to.deep.equal({ BackupVaultName: EVERY_TARGET.backupVaultName });
        expect(single("front-door-probe").dimensions).to.deep.equal({ CanaryName: EVERY_TARGET.canaryName });
        expect(single("p99-latency").dimensions).to.deep.equal({ LoadBalancer: EVERY_TARGET.loadBalancerArnSuffix });
        for (const role of ["fleet-near-max", "instance-cpu", "match-floor-left-behind"]) {
            expect(single(role).dimensions, role).to.deep.equal({ AutoScalingGroupName: EVERY_TARGET.autoScaling.groupName });
        }
        for (const m of watched.filter((x) => x.namespace === "AWS/ApplicationELB")) {
            expect(m.dimensions.LoadBalancer, m.where).to.equal(EVERY_TARGET.loadBalancerArnSuffix);
            if (m.where.startsWith("onprem")) expect(m.dimensions.TargetGroup, m.where).to.equal(EVERY_TARGET.onPremiseTargetGroupArnSuffix);
            if (m.where.startsWith("cloud")) expect(m.dimensions.TargetGroup, m.where).to.equal(EVERY_TARGET.cloudTargetGroupArnSuffix);
        }
        for (const m of watched.filter((x) => x.namespace === "AWS/AutoScaling")) expect(m.dimensions.AutoScalingGroupName, m.where).to.equal(EVERY_TARGET.autoScaling.groupName);
        for (const m of watched.filter((x) => x.namespace === "KGSports/Deploy")) expect(m.dimensions, m.where).to.deep.equal({ Stack: "kgsports-matchday" });
    });
});
