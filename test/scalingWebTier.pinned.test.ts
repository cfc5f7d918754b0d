/**
 * What the web tier sends to AWS, pinned property by property where a change would be
 * noticed by viewers or by AWS: a load balancer without its security group or made
 * internal, instances without theirs, a health check losing its defaults, a refresh
 * that replaces instances already on the new template, termination policies gone. The
 * expected values are AWS's names and the component's documented defaults (its args'
 * documentation and the README), not the component's constants.
 */
import { expect } from "chai";
import { ScalingWebTier, ScalingWebTierArgs, scalingWebTierArgsProblems } from "@kgsports/scaling-web-tier";
import { AWS, declare, named, ofType, one } from "./helpers/declare";
import { fakeHex } from "../stacks/plan/fakeCloud";
import { webTierArgs } from "./helpers/stackConfigs";

const args = webTierArgs;

const sgId = (name: string) => `sg-${fakeHex(name)}`;
const tgArn = (name: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/${name}/${fakeHex(name)}`;
const TAGS = { Project: "kgsports", Stack: "test" };

describe("ScalingWebTier, pinned", () => {
    describe("the load balancer", () => {
        it("is an internet-facing application load balancer in the public subnets, behind its own security group", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ tags: TAGS })));
            const alb = one(resources, AWS.alb).inputs as Record<string, any>;
            expect(alb).to.deep.include({
                loadBalancerType: "application",
                internal: false,
                securityGroups: [sgId("web-alb-sg")],
                dropInvalidHeaderFields: true,
                enableDeletionProtection: true,
                idleTimeout: 60,
                tags: TAGS,
            });
            expect(alb.subnets).to.have.length(3);
            expect(alb).to.not.have.property("accessLogs");
            // Every security group rule is TCP (the listeners and the app port).
            const rules = [...ofType(resources, AWS.ingress), ...ofType(resources, AWS.egress)];
            expect(rules.length).to.be.greaterThan(0);
            for (const r of rules) expect(r.inputs.ipProtocol, r.name).to.equal("tcp");
            // Target tracking, not step or simple scaling.
            expect(one(resources, AWS.policy).inputs.policyType).to.equal("TargetTrackingScaling");
            const sg = named(resources, "web-alb-sg").inputs;
            expect(sg).to.deep.include({ description: "Public load balancer of the web tier", tags: { ...TAGS, Name: "web-alb" } });
            expect(named(resources, "web-instances-sg").inputs).to.deep.include({
                description: "Web instances: app port from the load balancer only",
                tags: { ...TAGS, Name: "web-instances" },
            });
        });

        it("writes access logs to the bucket and prefix given, and drops deletion protection only when asked", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ deletionProtection: false, accessLogs: { bucket: "kgs-logs", prefix: "alb" } })));
            const alb = one(resources, AWS.alb).inputs as Record<string, any>;
            expect(alb.accessLogs).to.deep.equal({ bucket: "kgs-logs", prefix: "alb", enabled: true });
            expect(alb.enableDeletionProtection).to.equal(false);
        });

        it("forwards to its own target group with weight 100 by default next to further targets", async () => {
            const onPrem = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/onprem/abc";
            const { resources } = await declare(() => new ScalingWebTier("web", args({ additionalForwardTargets: [{ targetGroupArn: onPrem, weight: 10 }] })));
            const action = (named(resources, "web-listener-http").inputs.defaultActions as any[])[0];
            expect(action).to.deep.equal({ type: "forward", forward: { targetGroups: [{ arn: tgArn("web-tg"), weight: 100 }, { arn: onPrem, weight: 10 }] } });
            const single = await declare(() => new ScalingWebTier("web", args()));
            expect((named(single.resources, "web-listener-http").inputs.defaultActions as any[])[0]).to.deep.equal({ type: "forward", targetGroupArn: tgArn("web-tg") });
            const https = await declare(() => new ScalingWebTier("web", args({ certificateArn: "arn:aws:acm:ap-northeast-2:111122223333:certificate/x", sslPolicy: "ELBSecurityPolicy-TLS13-1-3-2021-06" })));
            expect(named(https.resources, "web-listener-https").inputs.sslPolicy).to.equal("ELBSecurityPolicy-TLS13-1-3-2021-06");
            expect(named(https.resources, "web-listener-http-redirect").inputs).to.not.have.property("certificateArn");
            expect(named(https.resources, "web-listener-http-redirect").inputs).to.not.have.property("sslPolicy");
        });
    });

    describe("the target group's health check", () => {
        it("defaults: HTTP GET /healthz on the traffic port, 200-399 healthy, every 15 s with a 5 s timeout, 2 to take traffic, 3 to fail", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ tags: TAGS })));
            const tg = one(resources, AWS.tg).inputs as Record<string, any>;
            expect(tg).to.deep.include({ targetType: "instance", protocol: "HTTP", port: 8080, deregistrationDelay: 30, tags: TAGS });
            expect(tg.healthCheck).to.deep.equal({
                enabled: true,
                protocol: "HTTP",
                port: "traffic-port",
                path: "/healthz",
                matcher: "200-399",
                interval: 15,
                timeout: 5,
                healthyThreshold: 2,
                unhealthyThreshold: 3,
            });
        });

        it("takes every field it is given", async () => {
            const healthCheck = { path: "/ready", matcher: "200", intervalSeconds: 30, healthyThreshold: 5, unhealthyThreshold: 4 };
            const { resources } = await declare(() => new ScalingWebTier("web", args({ healthCheck, appPort: 9000 })));
            const tg = one(resources, AWS.tg).inputs as Record<string, any>;
            expect(tg.port).to.equal(9000);
            expect(tg.healthCheck).to.deep.include({ path: "/ready", matcher: "200", interval: 30, healthyThreshold: 5, unhealthyThreshold: 4, timeout: 5 });
        });
    });

    describe("the launch template", () => {
        it("puts instances in their own security group with the profile, monitoring, user data and Name tags", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ tags: TAGS })));
            const lt = one(resources, AWS.lt).inputs as Record<string, any>;
            expect(lt).to.deep.include({
                instanceType: "c7i.large",
                vpcSecurityGroupIds: [sgId("web-instances-sg")],
                iamInstanceProfile: { name: "web-instance-profile" },
                monitoring: { enabled: true },
                updateDefaultVersion: true,
                tags: TAGS,
            });
            expect(Buffer.from(lt.userData, "base64").toString("utf8")).to.equal("#!/bin/bash\necho hi\n");
            expect(lt.tagSpecifications).to.deep.equal([
                { resourceType: "instance", tags: { ...TAGS, Name: "web-web" } },
                { resourceType: "volume", tags: { ...TAGS, Name: "web-web" } },
            ]);
            expect(lt.blockDeviceMappings[0].ebs).to.include({ volumeSize: 20 });
            expect(lt.blockDeviceMappings[0].ebs).to.not.have.property("kmsKeyId");
        });

        it("without user data sends none; basic monitoring and a KMS key only when asked", async () => {
            const key = "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const { resources } = await declare(() => new ScalingWebTier("web", args({ userData: undefined, detailedMonitoring: false, rootVolumeKmsKeyId: key })));
            const lt = one(resources, AWS.lt).inputs as Record<string, any>;
            expect(lt).to.not.have.property("userData");
            expect(lt.monitoring).to.deep.equal({ enabled: false });
            expect(lt.blockDeviceMappings[0].ebs).to.include({ kmsKeyId: key, encrypted: "true" });
        });
    });

    describe("the Auto Scaling group", () => {
        it("sends AWS's names: ELB health checks after the warmup, 1-minute group metrics, oldest-template-first termination", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ tags: TAGS })));
            const asg = one(resources, AWS.asg).inputs as Record<string, any>;
            expect(asg).to.deep.include({
                minSize: 2,
                maxSize: 12,
                desiredCapacity: 3,
                waitForCapacityTimeout: "0",
                healthCheckType: "ELB",
                healthCheckGracePeriod: 180,
                defaultInstanceWarmup: 180,
                metricsGranularity: "1Minute",
                terminationPolicies: ["OldestLaunchTemplate", "OldestInstance"],
                targetGroupArns: [tgArn("web-tg")],
            });
            // Every group and warm pool metric of "Amazon CloudWatch metrics for Amazon EC2 Auto Scaling".
            expect([...asg.enabledMetrics].sort()).to.deep.equal([
                "GroupAndWarmPoolDesiredCapacity", "GroupAndWarmPoolTotalCapacity", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupMaxSize",
                "GroupMinSize", "GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances",
                "WarmPoolDesiredCapacity", "WarmPoolPendingCapacity", "WarmPoolTerminatingCapacity", "WarmPoolTotalCapacity", "WarmPoolWarmedCapacity",
            ]);
            expect(asg.tags).to.deep.equal([
                { key: "Project", value: "kgsports", propagateAtLaunch: true },
                { key: "Stack", value: "test", propagateAtLaunch: true },
                { key: "Name", value: "web-web", propagateAtLaunch: true },
            ]);
            expect(asg.vpcZoneIdentifiers).to.have.length(3);
        });

        it("refreshes rolling, skipping instances already on the new template, never rolling back, ignoring protected and standby instances", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args()));
            const refresh = (one(resources, AWS.asg).inputs as Record<string, any>).instanceRefresh;
            expect(refresh.strategy).to.equal("Rolling");
            expect(refresh.preferences).to.deep.include({
                instanceWarmup: "180",
                autoRollback: false,
                skipMatching: true,
                scaleInProtectedInstances: "Ignore",
                standbyInstances: "Ignore",
            });
        });

        it("with the running desired capacity read at deploy time: raises to it, never lowers, never above max, and stops ignoring desired", async () => {
            // No group yet: the read resolves to undefined, and desired is the configured 3.
            for (const [live, expected] of [[5, 5], [1, 3], [40, 12], [undefined, 3]] as [number | undefined, number][]) {
                const { resources } = await declare(() => new ScalingWebTier("web", args({ runningDesiredCapacity: Promise.resolve(live) })));
                const asg = one(resources, AWS.asg);
                expect(asg.inputs.desiredCapacity, `live ${live}`).to.equal(expected);
                expect(asg.options.ignoreChanges, `live ${live}`).to.deep.equal([]);
            }
        });

        it("its scheduled actions are the tier's children; with HTTPS nothing is logged as a warning", async () => {
            const run = await declare(() => new ScalingWebTier("web", args({
                certificateArn: "arn:aws:acm:ap-northeast-2:111122223333:certificate/x",
                scheduledActions: [{ name: "final-prewarm", startTime: "2027-05-29T17:50:00Z", minSize: 10 }],
            })));
            const tier = one(run.resources, "kgsports:web:ScalingWebTier");
            expect(one(run.resources, "aws:autoscaling/schedule:Schedule").parent).to.equal(tier.urn);
            expect(run.logs.filter((l) => l.level === "warning")).to.deep.equal([]);
        });

        it("a warm pool keeps the pool state and cap it is given", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ warmPool: { minSize: 2, poolState: "Running", maxGroupPreparedCapacity: 6 } })));
            expect((one(resources, AWS.asg).inputs as any).warmPool).to.deep.equal({
                minSize: 2, poolState: "Running", maxGroupPreparedCapacity: 6, instanceReusePolicy: { reuseOnScaleIn: true },
            });
        });

        it("the instance warmup given is the grace period, the default warmup and the refresh's warmup", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ instanceWarmupSeconds: 300 })));
            const asg = one(resources, AWS.asg).inputs as Record<string, any>;
            expect([asg.healthCheckGracePeriod, asg.defaultInstanceWarmup, asg.instanceRefresh.preferences.instanceWarmup]).to.deep.equal([300, 300, "300"]);
        });
    });

    describe("IAM of the instances", () => {
        it("the default role: EC2 may assume it, Session Manager is attached, and the hook policy only when the hook is on", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ tags: TAGS })));
            const role = one(resources, AWS.role).inputs as Record<string, any>;
            expect(JSON.parse(role.assumeRolePolicy)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
            });
            expect(role.tags).to.deep.equal(TAGS);
            expect(role.description).to.equal("Web tier instances: SSM managed instance core only");
            expect(named(resources, "web-instance-bootstrap-hook").inputs.description).to.equal("Web instances: complete their own group's launch lifecycle hook");
            expect(named(resources, "web-instance-ssm").inputs.policyArn).to.equal("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
            expect(named(resources, "web-instance-profile").inputs).to.deep.include({ role: "web-instance-role", tags: TAGS });
            expect(named(resources, "web-instance-hook").inputs).to.deep.include({ role: "web-instance-role" });
            const off = await declare(() => new ScalingWebTier("web", args({ bootstrapHook: false })));
            expect(ofType(off.resources, "aws:iam/policy:Policy")).to.deep.equal([]);
            expect(ofType(off.resources, AWS.attachment).map((a) => a.name)).to.deep.equal(["web-instance-ssm"]);
        });

        it("an existing network: no VPC of its own, the given subnets for the load balancer and the group", async () => {
            const network = { vpcId: "vpc-0abc", publicSubnetIds: ["subnet-a", "subnet-b"], privateSubnetIds: ["subnet-c", "subnet-d"] };
            const { resources } = await declare(() => new ScalingWebTier("web", args({ network })));
            expect(ofType(resources, AWS.vpc)).to.deep.equal([]);
            expect(one(resources, AWS.alb).inputs.subnets).to.deep.equal(["subnet-a", "subnet-b"]);
            expect(one(resources, AWS.asg).inputs.vpcZoneIdentifiers).to.deep.equal(["subnet-c", "subnet-d"]);
            expect(named(resources, "web-alb-sg").inputs.vpcId).to.equal("vpc-0abc");
            expect(one(resources, AWS.tg).inputs.vpcId).to.equal("vpc-0abc");
        });
    });

    describe("args: every documented limit, inclusive", () => {
        const problems = (over: Partial<ScalingWebTierArgs>) => scalingWebTierArgsProblems("web", args(over));

        it("availability zones 2 to 6", () => {
            for (const az of [2, 6]) expect(problems({ network: { cidrBlock: "10.20.0.0/16", availabilityZoneCount: az } }), String(az)).to.deep.equal([]);
            for (const az of [1, 7, 2.5]) {
                expect(problems({ network: { cidrBlock: "10.20.0.0/16", availabilityZoneCount: az } }), String(az)).to.deep.equal([
                    `network.availabilityZoneCount = ${az}: must be a whole number from 2 to 6`,
                ]);
            }
        });

        it("app port 1 to 65535, never 22 or 3389", () => {
            for (const port of [1, 80, 65535]) expect(problems({ appPort: port }), String(port)).to.deep.equal([]);
            for (const port of [0, 65536, 22, 3389, 8080.5]) {
                expect(problems({ appPort: port }), String(port)).to.deep.equal([`appPort = ${port}: must be 1 to 65535 and not an administration port (22, 3389)`]);
            }
        });

        it("target requests per instance: a whole number of 1 or more", () => {
            expect(problems({ targetRequestsPerInstance: 1 })).to.deep.equal([]);
            for (const t of [0, 1.5]) expect(problems({ targetRequestsPerInstance: t }), String(t)).to.deep.equal([`targetRequestsPerInstance = ${t}: must be a whole number of 1 or more`]);
        });

        it("a warm pool from 0 to the group's max", () => {
            for (const minSize of [0, 12]) expect(problems({ warmPool: { minSize } }), String(minSize)).to.deep.equal([]);
            for (const minSize of [-1, 13, 1.5]) {
                expect(problems({ warmPool: { minSize } }), String(minSize)).to.deep.equal([`warmPool.minSize = ${minSize}: must be a whole number from 0 to capacity.max (12)`]);
            }
        });

        it("a bootstrap hook timeout from 30 to 7200 seconds", () => {
            for (const t of [30, 7200]) expect(problems({ bootstrapHook: { heartbeatTimeoutSeconds: t } }), String(t)).to.deep.equal([]);
            for (const t of [29, 7201, 60.5]) {
                expect(problems({ bootstrapHook: { heartbeatTimeoutSeconds: t } }), String(t)).to.deep.equal([`bootstrapHook.heartbeatTimeoutSeconds = ${t}: must be a whole number from 30 to 7200`]);
            }
            expect(problems({ bootstrapHook: false })).to.deep.equal([]);
        });

        it("at most 4 further forward targets, each weight 0 to 999", () => {
            const target = (weight: number) => ({ targetGroupArn: "arn:tg", weight });
            expect(problems({ forwardWeight: 0, additionalForwardTargets: [0, 999, 1, 2].map(target) })).to.deep.equal([]);
            expect(problems({ additionalForwardTargets: [1, 2, 3, 4, 5].map(target) })).to.deep.equal([
                "additionalForwardTargets: at most 4 (an ALB forward action takes 5 target groups)",
            ]);
            for (const w of [-1, 1000, 1.5]) {
                expect(problems({ additionalForwardTargets: [target(w)] }), String(w)).to.deep.equal([`forward weight ${w}: must be a whole number from 0 to 999`]);
                expect(problems({ forwardWeight: w }), `own ${w}`).to.deep.equal([`forward weight ${w}: must be a whole number from 0 to 999`]);
            }
        });

        it("an instance type that is not family.size, and capacity problems named under capacity", () => {
            expect(problems({ instanceType: "large" })).to.deep.equal(['instanceType "large": must look like family.size, e.g. t3.small']);
            expect(problems({ capacity: { min: 2, desired: 3, max: 2 } })[0]).to.match(/^capacity\./);
            expect(() => new ScalingWebTier("web", args({ appPort: 0, targetRequestsPerInstance: 0 }))).to.throw(
                'ScalingWebTier "web": invalid args:\n  - appPort = 0: must be 1 to 65535 and not an administration port (22, 3389)\n  - targetRequestsPerInstance = 0: must be a whole number of 1 or more',
            );
        });
    });
});
