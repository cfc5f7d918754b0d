/**
 * The failover moves the on-premise share as soon as fewer servers are healthy than the
 * share needs, not when the last one dies: checked on a model of the load balancer's
 * health checks, CloudWatch's HealthyHostCount datapoints, the alarms' evaluation and
 * the failover decision (test/helpers/healthyHostAlarmModel.ts), then on what the
 * component and the matchday stack declare.
 */
import { expect } from "chai";
import { decideFailoverAlarms, HybridLink, HybridLinkArgs } from "@kgsports/hybrid-link";
import { datapoints, healthyHostSamples, runFailover } from "./helpers/healthyHostAlarmModel";
import { declare, named, plannedStack } from "./helpers/declare";

/** Three servers for 48 000 viewers; the final's planned share, 22 500, needs two of them. */
const THREE_SERVERS_TWO_NEEDED = decideFailoverAlarms({ unhealthyMinutes: 2, recoveryMinutes: 10, minHealthyHosts: 2 });
/** Today's behaviour: fail over when none is healthy. */
const DEFAULT = decideFailoverAlarms({ unhealthyMinutes: 2, recoveryMinutes: 10 });

describe("HybridLink failover: healthy servers below what the share needs (alarm model)", () => {
    it("the model: a server that stops answering is out after three failed checks 15 s apart, back after two passes", () => {
        const samples = healthyHostSamples(3, [{ server: 0, downAtMinute: 5, upAtMinute: 8 }], 10);
        // Checks at 300, 315 and 330 s fail; the third marks it unhealthy.
        expect(samples[5]).to.deep.equal([3, 3, 2, 2]);
        expect(samples[6]).to.deep.equal([2, 2, 2, 2]);
        // Back at 480 s: the checks at 480 and 495 s pass; the second makes it healthy.
        expect(samples[8]).to.deep.equal([2, 3, 3, 3]);
        expect(datapoints(samples, "Minimum").slice(4, 10)).to.deep.equal([3, 2, 2, 2, 2, 3]);
    });

    it("3 servers, 2 needed: one dies and nothing moves; its share fits the two left", () => {
        const run = runFailover(THREE_SERVERS_TWO_NEEDED, 3, [{ server: 0, downAtMinute: 5 }], 60);
        expect(run.failedOverAt).to.deep.equal([]);
        expect(run.rule.every((r) => r === "absent")).to.equal(true);
        expect(run.unhealthy.slice(2).every((s) => s === "OK")).to.equal(true);
    });

    it("3 servers, 2 needed: a second dies and the share moves to the cloud after the alarm's 2 minutes, and stays there", () => {
        const run = runFailover(THREE_SERVERS_TWO_NEEDED, 3, [{ server: 0, downAtMinute: 5 }, { server: 1, downAtMinute: 10 }], 60);
        // Unhealthy from 630 s: minutes 10 and 11 have a minimum of 1 healthy, below 2; the evaluation after minute 11 fires.
        expect(run.failedOverAt).to.deep.equal([11]);
        expect(run.rule[10]).to.equal("absent");
        expect(run.rule.slice(11).every((r) => r === "automatic")).to.equal(true);
        expect(run.restoredAt).to.deep.equal([]);
    });

    it("today's default (fail over at none healthy) leaves the last server alone with the whole share", () => {
        const twoDown = runFailover(DEFAULT, 3, [{ server: 0, downAtMinute: 5 }, { server: 1, downAtMinute: 10 }], 60);
        expect(twoDown.failedOverAt).to.deep.equal([]);
        const allDown = runFailover(DEFAULT, 3, [{ server: 0, downAtMinute: 5 }, { server: 1, downAtMinute: 10 }, { server: 2, downAtMinute: 15 }], 60);
        expect(allDown.failedOverAt).to.deep.equal([16]);
    });

    it("recovery: the share returns after 10 minutes with at least 2 healthy in every sample, not while only 1 is", () => {
        const outages = [{ server: 0, downAtMinute: 5 }, { server: 1, downAtMinute: 10, upAtMinute: 20 }];
        const run = runFailover(THREE_SERVERS_TWO_NEEDED, 3, outages, 60);
        expect(run.failedOverAt).to.deep.equal([11]);
        // Healthy again from 1 215 s: minute 20's minimum is still 1, minutes 21 to 30 are ten minutes of 2.
        expect(run.unhealthy[20]).to.equal("ALARM");
        expect(run.unhealthy[21]).to.equal("OK");
        expect(run.recovered[29]).to.not.equal("ALARM");
        expect(run.restoredAt).to.deep.equal([30]);
        expect(run.rule.slice(31).every((r) => r === "absent")).to.equal(true);

        // All three down, one back: 1 healthy of the 2 needed. The default restores to it; 2 needed does not.
        const oneBack = [{ server: 0, downAtMinute: 5 }, { server: 1, downAtMinute: 5 }, { server: 2, downAtMinute: 5, upAtMinute: 15 }];
        expect(runFailover(THREE_SERVERS_TWO_NEEDED, 3, oneBack, 90).restoredAt).to.deep.equal([]);
        expect(runFailover(THREE_SERVERS_TWO_NEEDED, 3, oneBack, 90).failedOverAt).to.have.length(1);
        expect(runFailover(DEFAULT, 3, oneBack, 90).restoredAt).to.have.length(1);
    });

    it("the alarms watch the target group's HealthyHostCount by TargetGroup and LoadBalancer, lowest sample per minute", () => {
        for (const role of ["unhealthy", "recovered"] as const) {
            const spec = THREE_SERVERS_TWO_NEEDED.find((s) => s.role === role)!;
            expect(spec).to.include({ namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions: "targetGroup", statistic: "Minimum", period: 60, threshold: 2 });
        }
    });
});

const REGION = "ap-northeast-2";
const ACCOUNT = "123456789012";

function args(over: Partial<HybridLinkArgs> = {}): HybridLinkArgs {
    return {
        vpcId: "vpc-0f1e2d3c4b5a69788",
        routeTableIds: ["rtb-pub0", "rtb-prv0"],
        vpcCidr: "10.20.0.0/16",
        onPremiseCidrs: ["10.100.0.0/16"],
        customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 65010 },
        routing: "static",
        servers: [
            { address: "10.100.10.11", port: 8080 },
            { address: "10.100.10.12", port: 8080 },
            { address: "10.100.10.13", port: 8080 },
        ],
        loadBalancer: {
            securityGroupId: "sg-0a1b2c3d4e5f60718",
            arnSuffix: "app/web-alb/50dc6c495c0c9188",
            listenerArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2`,
            cloudTargetGroupArn: `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067`,
        },
        ...over,
    };
}

describe("HybridLink failover.minHealthyHosts", () => {
    it("sets both alarms' threshold: fail over below it, recover at or above it", async () => {
        const { resources } = await declare(() => new HybridLink("link", args({ failover: { minHealthyHosts: 2 } })));
        expect(named(resources, "link-unhealthy").inputs).to.include({ metricName: "HealthyHostCount", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: 2 });
        expect(named(resources, "link-recovered").inputs).to.include({ metricName: "HealthyHostCount", statistic: "Minimum", comparisonOperator: "GreaterThanOrEqualToThreshold", threshold: 2 });
        expect(String(named(resources, "link-unhealthy").inputs.alarmDescription)).to.contain("fewer than 2 healthy targets");
    });

    it("defaults to 1: fail over when none is healthy", async () => {
        const { resources } = await declare(() => new HybridLink("link", args()));
        expect(named(resources, "link-unhealthy").inputs.threshold).to.equal(1);
        expect(named(resources, "link-recovered").inputs.threshold).to.equal(1);
    });

    it("cannot exceed the number of servers (the share would never return), nor be below 1 or fractional", () => {
        expect(() => new HybridLink("link", args({ failover: { minHealthyHosts: 4 } }))).to.throw(/failover\.minHealthyHosts = 4: is more than the 3 servers listed, so the failover would never restore their share; allowed: 1 to 3/);
        expect(() => new HybridLink("link", args({ failover: { minHealthyHosts: 0 } }))).to.throw(/failover\.minHealthyHosts = 0: .*allowed: 1 to 3/);
        expect(() => new HybridLink("link", args({ failover: { minHealthyHosts: 1.5 } }))).to.throw(/failover\.minHealthyHosts = 1\.5/);
        expect(() => new HybridLink("link", args({ failover: { minHealthyHosts: 3 } }))).to.not.throw();
    });

    it("the matchday stack fails over below 2 healthy of its 3 servers: the final's 150 000 x 1.5 x 10 % = 22 500 viewers at 16 000 a server", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        expect(named(resources, "hybrid-unhealthy").inputs.threshold).to.equal(2);
        expect(named(resources, "hybrid-recovered").inputs.threshold).to.equal(2);
    });
});
