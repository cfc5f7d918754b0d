import { expect } from "chai";
import {
    FORBIDDEN_PORTS,
    GROUP_METRICS,
    instanceArchitecture,
    ScalingWebTier,
    scalingWebTierArgsProblems,
    MAX_TIER_NAME_LENGTH,
} from "@kgsports/scaling-web-tier";
import { AWS, declare, named, ofType, one } from "./helpers/declare";
import { fakeHex, fakeOutputs } from "../stacks/plan/fakeCloud";
import { webTierArgs } from "./helpers/stackConfigs";

const args = webTierArgs;

const CERT = "arn:aws:acm:ap-northeast-2:111122223333:certificate/0c3e7f2a-5b1d-4e8a-9f6c-2d4b8a1e7c90";

describe("ScalingWebTier", () => {
    it("declares its children under itself, named <name>-<role>", async () => {
        const { resources } = await declare(() => new ScalingWebTier("web", args()));
        const tier = one(resources, "kgsports:web:ScalingWebTier");
        const children = resources.filter((r) => r !== tier);
        expect(children.length).to.be.greaterThan(10);
        for (const c of children) {
            expect(c.parent, c.name).to.equal(tier.urn);
            expect(c.name, c.type).to.match(/^web-/);
        }
        for (const t of [AWS.vpc, AWS.alb, AWS.tg, AWS.lt, AWS.asg, AWS.policy]) one(resources, t);
    });

    it("spreads over the configured zones with the NAT strategy asked for", async () => {
        const { resources } = await declare(() => new ScalingWebTier("web", args({ network: { cidrBlock: "10.9.0.0/16", availabilityZoneCount: 2, natGateways: "Single" } })));
        const vpc = one(resources, AWS.vpc).inputs;
        expect(vpc.cidrBlock).to.equal("10.9.0.0/16");
        expect(vpc.numberOfAvailabilityZones).to.equal(2);
        expect(vpc.natGateways).to.deep.equal({ strategy: "Single" });
        expect((one(resources, AWS.alb).inputs.subnets as string[]).every((s) => s.startsWith("subnet-pub"))).to.equal(true);
        expect((one(resources, AWS.asg).inputs.vpcZoneIdentifiers as string[])).to.have.length(2);
        expect((one(resources, AWS.asg).inputs.vpcZoneIdentifiers as string[]).every((s) => s.startsWith("subnet-prv"))).to.equal(true);
    });

    describe("security", () => {
        it("the load balancer accepts only its listener ports from the internet and sends only to the instances", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ certificateArn: CERT })));
            const albSg = named(resources, "web-alb-sg");
            const instSg = named(resources, "web-instances-sg");
            const rulesOf = (type: string, sgName: string) =>
                ofType(resources, type).filter((r) => r.inputs.securityGroupId === (sgName === "alb" ? idOf(albSg) : idOf(instSg)));
            const albIn = rulesOf(AWS.ingress, "alb");
            expect(albIn.map((r) => r.inputs.fromPort).sort()).to.deep.equal([443, 80]);
            for (const r of albIn) expect(r.inputs.cidrIpv4).to.equal("0.0.0.0/0");
            const albOut = rulesOf(AWS.egress, "alb");
            expect(albOut).to.have.length(1);
            expect(albOut[0].inputs).to.include({ fromPort: 8080, toPort: 8080, referencedSecurityGroupId: idOf(instSg) });
            expect(albOut[0].inputs).to.not.have.property("cidrIpv4");
            const instIn = rulesOf(AWS.ingress, "instances");
            expect(instIn).to.have.length(1);
            expect(instIn[0].inputs).to.include({ fromPort: 8080, toPort: 8080, referencedSecurityGroupId: idOf(albSg) });
        });

        it("opens no administration port and describes every rule; groups carry no inline rules", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args()));
            const rules = [...ofType(resources, AWS.ingress), ...ofType(resources, AWS.egress)];
            expect(rules.length).to.be.greaterThan(0);
            for (const r of rules) {
                expect(r.inputs.description, r.name).to.be.a("string").and.not.equal("");
                for (const port of FORBIDDEN_PORTS) {
                    expect(Number(r.inputs.fromPort) <= port && port <= Number(r.inputs.toPort), `${r.name} opens ${port}`).to.equal(false);
                }
            }
            for (const sg of ofType(resources, AWS.sg)) {
                expect(sg.inputs).to.not.have.property("ingress");
                expect(sg.inputs).to.not.have.property("egress");
            }
        });

        it("refuses an administration port as the app port", () => {
            expect(scalingWebTierArgsProblems("web", args({ appPort: 22 }))).to.have.length(1);
            expect(() => new ScalingWebTier("bad", args({ appPort: 22 }))).to.throw(/appPort = 22/);
        });

        it("requires IMDSv2 and an encrypted root volume, and never sets an SSH key", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ rootVolumeSizeGiB: 40 })));
            const lt = one(resources, AWS.lt).inputs as Record<string, any>;
            expect(lt.metadataOptions).to.include({ httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 });
            expect(lt.blockDeviceMappings).to.have.length(1);
            expect(lt.blockDeviceMappings[0].ebs).to.include({ encrypted: "true", volumeType: "gp3", volumeSize: 40 });
            expect(lt).to.not.have.property("keyName");
            expect(Buffer.from(lt.userData, "base64").toString()).to.equal("#!/bin/bash\necho hi\n");
        });

        it("creates a least-privilege instance profile when none is given", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args()));
            const attachments = ofType(resources, AWS.attachment);
            expect(attachments.map((a) => a.inputs.policyArn)).to.deep.equal([
                "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                "arn:aws:iam::123456789012:policy/web-instance-bootstrap-hook",
            ]);
            // The only other permission: complete this group's launch hook, and find the group's name.
            const hook = JSON.parse(named(resources, "web-instance-bootstrap-hook").inputs.policy as string);
            const asgArn = String(fakeOutputs(AWS.asg, "web-asg", {}, "ap-northeast-2").arn);
            expect(hook.Statement).to.deep.equal([
                { Sid: "CompleteOwnLaunchHook", Effect: "Allow", Action: ["autoscaling:CompleteLifecycleAction"], Resource: [asgArn] },
                { Sid: "FindOwnGroup", Effect: "Allow", Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: ["*"] },
            ]);
            const trust = JSON.parse(one(resources, AWS.role).inputs.assumeRolePolicy as string);
            expect(trust.Statement).to.deep.equal([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]);
            expect((one(resources, AWS.lt).inputs.iamInstanceProfile as any).name).to.equal("web-instance-profile");
        });

        it("uses the instance profile it is given and creates no IAM of its own", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ instanceProfileName: "shared-web-profile" })));
            expect(ofType(resources, AWS.role)).to.have.length(0);
            expect(ofType(resources, AWS.profile)).to.have.length(0);
            expect((one(resources, AWS.lt).inputs.iamInstanceProfile as any).name).to.equal("shared-web-profile");
        });
    });

    describe("listeners", () => {
        it("with a certificate: HTTPS on 443 with a TLS 1.3 policy, HTTP 80 redirecting to it", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ certificateArn: CERT })));
            const https = named(resources, "web-listener-https").inputs as Record<string, any>;
            expect(https).to.include({ port: 443, protocol: "HTTPS", certificateArn: CERT, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" });
            expect(https.defaultActions[0].type).to.equal("forward");
            const http = named(resources, "web-listener-http-redirect").inputs as Record<string, any>;
            expect(http).to.include({ port: 80, protocol: "HTTP" });
            expect(http.defaultActions[0]).to.deep.equal({ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } });
        });

        it("without a certificate: plain HTTP on 80, and says so", async () => {
            let tier: ScalingWebTier | undefined;
            const run = await declare(() => (tier = new ScalingWebTier("web", args())));
            const listeners = ofType(run.resources, AWS.listener);
            expect(listeners).to.have.length(1);
            expect(listeners[0].inputs).to.include({ port: 80, protocol: "HTTP" });
            expect(tier!.warning).to.contain("plain HTTP");
            expect(run.logs.some((l) => l.level === "warning" && l.message.includes("plain HTTP"))).to.equal(true);
        });

        it("forwards by weight when further target groups are given (on-premise servers)", async () => {
            const onPrem = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/onprem/abc";
            const { resources } = await declare(() =>
                new ScalingWebTier("web", args({ forwardWeight: 80, additionalForwardTargets: [{ targetGroupArn: onPrem, weight: 20 }] })),
            );
            const action = (named(resources, "web-listener-http").inputs.defaultActions as any[])[0];
            expect(action.forward.targetGroups).to.deep.equal([
                { arn: idOfArn(named(resources, "web-tg")), weight: 80 },
                { arn: onPrem, weight: 20 },
            ]);
        });

        it("has a real health check on the app port", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ appPort: 9000, healthCheck: { path: "/live" } })));
            const tg = one(resources, AWS.tg).inputs as Record<string, any>;
            expect(tg).to.include({ port: 9000, protocol: "HTTP", targetType: "instance" });
            expect(tg.healthCheck).to.include({ enabled: true, path: "/live", port: "traffic-port", matcher: "200-399" });
        });
    });

    describe("Auto Scaling group", () => {
        it("uses ELB health checks, publishes group metrics, sets the default warmup and a 90 % rolling refresh", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ instanceWarmupSeconds: 240 })));
            const asg = one(resources, AWS.asg).inputs as Record<string, any>;
            expect(asg).to.include({ healthCheckType: "ELB", defaultInstanceWarmup: 240, minSize: 2, maxSize: 12, desiredCapacity: 3 });
            // No capacity wait: after a minSize change it would wait for a count target tracking never holds.
            expect(asg.waitForCapacityTimeout).to.equal("0");
            expect(asg.enabledMetrics).to.include.members(["GroupInServiceInstances", "GroupDesiredCapacity"]);
            expect(asg.enabledMetrics).to.deep.equal(GROUP_METRICS);
            expect(asg.instanceRefresh.strategy).to.equal("Rolling");
            expect(asg.instanceRefresh.preferences.minHealthyPercentage).to.be.at.least(90);
            expect(asg.instanceRefresh.preferences.instanceWarmup).to.equal("240");
            // A provider-driven refresh cannot roll back to the previous version (see the component).
            expect(asg.instanceRefresh.preferences.autoRollback).to.equal(false);
            expect(asg.targetGroupArns).to.deep.equal([idOfArn(one(resources, AWS.tg))]);
        });

        it("holds every launch out of service until the instance completes the bootstrap hook, or replaces it", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ bootstrapHook: { heartbeatTimeoutSeconds: 600 } })));
            expect((one(resources, AWS.asg).inputs as any).initialLifecycleHooks).to.deep.equal([
                { name: "bootstrap-ready", lifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING", defaultResult: "ABANDON", heartbeatTimeout: 600 },
            ]);
            const off = await declare(() => new ScalingWebTier("web", args({ bootstrapHook: false })));
            expect(one(off.resources, AWS.asg).inputs).to.not.have.property("initialLifecycleHooks");
            expect(scalingWebTierArgsProblems("web", args({ bootstrapHook: { heartbeatTimeoutSeconds: 10 } }))[0]).to.contain("30 to 7200");
        });

        it("keeps the running launch template version when frozen, so no refresh starts", async () => {
            const frozen = await declare(() => new ScalingWebTier("web", args({ freezeLaunchTemplate: true })));
            expect(one(frozen.resources, AWS.asg).options.ignoreChanges).to.deep.equal(["desiredCapacity", "launchTemplate"]);
            const normal = await declare(() => new ScalingWebTier("web", args()));
            expect(one(normal.resources, AWS.asg).options.ignoreChanges).to.deep.equal(["desiredCapacity"]);
        });

        it("pins the launch template version so a template change starts an instance refresh", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args()));
            const lt = (one(resources, AWS.asg).inputs as any).launchTemplate;
            expect(lt.version).to.equal("1");
            expect(lt.version).to.not.match(/\$(Latest|Default)/);
        });

        it("tracks ALB requests per target with the configured target, after the listener exists", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args()));
            const policy = one(resources, AWS.policy);
            const tt = (policy.inputs as any).targetTrackingConfiguration;
            expect(tt.targetValue).to.equal(900);
            expect(tt.predefinedMetricSpecification.predefinedMetricType).to.equal("ALBRequestCountPerTarget");
            const alb = one(resources, AWS.alb);
            const tg = one(resources, AWS.tg);
            expect(tt.predefinedMetricSpecification.resourceLabel).to.equal(`app/${alb.name}/${hexOf(alb)}/targetgroup/${tg.name}/${hexOf(tg)}`);
            const listener = one(resources, AWS.listener);
            expect(policy.options.dependsOn).to.include(listener.urn);
            expect(one(resources, AWS.asg).options.dependsOn).to.include(listener.urn);
        });

        it("adds a stopped warm pool of exactly the asked size, only when asked", async () => {
            const without = await declare(() => new ScalingWebTier("web", args()));
            expect(one(without.resources, AWS.asg).inputs).to.not.have.property("warmPool");
            const withPool = await declare(() => new ScalingWebTier("web", args({ warmPool: { minSize: 4 } })));
            expect((one(withPool.resources, AWS.asg).inputs as any).warmPool).to.deep.equal({
                minSize: 4,
                poolState: "Stopped",
                // Equal to minSize: the pool's size is absolute, not max - desired (8 here).
                maxGroupPreparedCapacity: 4,
                instanceReusePolicy: { reuseOnScaleIn: true },
            });
        });

        it("looks up the AMI for the instance type's architecture unless one is given", async () => {
            const graviton = await declare(() => new ScalingWebTier("web", args({ instanceType: "c7g.large" })));
            expect(one(graviton.resources, AWS.lt).inputs.imageId).to.equal(
                "resolved-at-deploy:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
            );
            const pinned = await declare(() => new ScalingWebTier("web", args({ amiId: "ami-0123456789abcdef0" })));
            expect(one(pinned.resources, AWS.lt).inputs.imageId).to.equal("ami-0123456789abcdef0");
            expect(instanceArchitecture("g4dn.xlarge")).to.equal("x86_64");
            expect(instanceArchitecture("a1.large")).to.equal("arm64");
            expect(instanceArchitecture("m7i-flex.large")).to.equal("x86_64");
        });
    });

    describe("scheduled actions", () => {
        const prewarm = { name: "final-prewarm", startTime: "2027-05-29T18:15:00Z", minSize: 10 };
        const release = { name: "final-release", startTime: "2027-05-29T22:00:00Z", minSize: 2 };

        it("declares one schedule per action on the group, sending -1 for every size it leaves alone", async () => {
            const { resources } = await declare(() => new ScalingWebTier("web", args({ scheduledActions: [prewarm, release] })));
            const schedules = ofType(resources, "aws:autoscaling/schedule:Schedule");
            expect(schedules.map((r) => r.name)).to.deep.equal(["web-scheduled-final-prewarm", "web-scheduled-final-release"]);
            expect(schedules[0].inputs).to.deep.include({
                scheduledActionName: "final-prewarm",
                startTime: "2027-05-29T18:15:00Z",
                minSize: 10,
                maxSize: -1,
                desiredCapacity: -1,
            });
            // The group is auto-named; the fake cloud names it after its logical name.
            expect(schedules[0].inputs.autoscalingGroupName).to.equal("web-asg");
        });

        it("refuses more than 125 actions, a size above max, a local time, an action that changes nothing, a duplicate name", () => {
            const many = Array.from({ length: 126 }, (_, i) => ({ ...prewarm, name: `a${i}` }));
            expect(scalingWebTierArgsProblems("web", args({ scheduledActions: many })).join()).to.contain("at most 125");
            const text = scalingWebTierArgsProblems("web", args({
                scheduledActions: [
                    { ...prewarm, minSize: 13 },
                    { name: "local", startTime: "2027-05-29T20:15:00+02:00", minSize: 3 },
                    { name: "nothing", startTime: "2027-05-29T18:15:00Z" },
                    release,
                    release,
                ],
            })).join("\n");
            expect(text).to.contain("minSize = 13").and.contain("must be UTC").and.contain("changes no size").and.contain("name used twice");
        });
    });

    describe("args validation", () => {
        it("rejects a name whose auto-named load balancer would not fit AWS's 32 characters", () => {
            const long = "x".repeat(MAX_TIER_NAME_LENGTH + 1);
            expect(scalingWebTierArgsProblems(long, args())[0]).to.contain(`at most ${MAX_TIER_NAME_LENGTH}`);
            expect(scalingWebTierArgsProblems("x".repeat(MAX_TIER_NAME_LENGTH), args())).to.deep.equal([]);
        });

        it("rejects one zone, a bad instance type, inverted capacity and a warm pool above max, all at once", () => {
            const problems = scalingWebTierArgsProblems(
                "web",
                args({ network: { cidrBlock: "10.0.0.0/16", availabilityZoneCount: 1 }, instanceType: "big", capacity: { min: 5, desired: 3, max: 4 }, warmPool: { minSize: 9 } }),
            );
            expect(problems.join("\n")).to.contain("availabilityZoneCount = 1").and.contain('instanceType "big"').and.contain("min (5) is above desired (3)").and.contain("warmPool.minSize = 9");
        });
    });
});

/** The fake cloud derives ids and ARNs from names; these read them back for a recorded resource. */
function idOf(sg: { name: string }): string {
    return `sg-${fakeHex(sg.name)}`;
}
function idOfArn(tg: { name: string }): string {
    return `arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/${tg.name}/${fakeHex(tg.name)}`;
}
function hexOf(r: { name: string }): string {
    return fakeHex(r.name);
}
