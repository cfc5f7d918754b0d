import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ALARM_THRESHOLDS, decideAlarms, deployInProgressAlarm, deployOverrunInWindowAlarm, deploySignal } from "@kgsports/observability";
import { ComponentReadme, runExample } from "./helpers/componentReadme";
import { declare, named, ofType, one } from "./helpers/declare";
import { EVERY_ALARM_TARGET } from "./helpers/alarmTargets";

const doc = ComponentReadme.of("observability");
const usageExample = () => doc.usageExample();
const tableAfter = (heading: string) => doc.tableAfter(heading);

const SOURCE = path.join(__dirname, "..", "components", "observability", "args.ts"); // ObservabilityArgs





describe("Observability README", () => {
    it("the usage example runs as written: alarms, the page, access logs on the load balancer, the agent policy on the role", async () => {
        const { resources, unansweredCalls, result } = await declare(() => runExample(usageExample()));
        expect(unansweredCalls).to.deep.equal([]);
        one(resources, "kgsports:observability:Observability");
        const alb = one(resources, "aws:lb/loadBalancer:LoadBalancer");
        expect(alb.inputs.accessLogs).to.deep.equal({ enabled: true, bucket: "kgsports-matchday-alb-logs-123456789012", prefix: "alb" });
        // The load balancer waits for the bucket policy.
        expect(alb.options.dependsOn).to.include(named(resources, "observability-alb-logs-policy").urn);
        const lb5xx = named(resources, "observability-alb-5xx-rate").inputs.metricQueries as { metric?: { dimensions: Record<string, string> } }[];
        expect(lb5xx[0].metric!.dimensions.LoadBalancer).to.match(/^app\/web-alb\/[0-9a-f]{16}$/);
        expect(named(resources, "observability-alb-5xx-rate").inputs.threshold).to.equal(1);
        expect(named(resources, "observability-instance-cpu").inputs.threshold).to.equal(70);
        const policy = one(resources, "aws:iam/policy:Policy").inputs;
        expect(JSON.parse(String(policy.policy)).Statement.map((s: { Sid: string }) => s.Sid)).to.include("ReadTheAgentConfiguration");
        expect(one(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.role).to.equal("kgsports-matchday-web-instance");
        for (const key of ["criticalTopicArn", "compositeAlarmName", "deployAlarmName", "dashboardName", "agentConfigParameterName", "accessLogsBucketName"]) {
            expect(result, key).to.have.property(key);
        }
        expect(ofType(resources, "aws:cloudwatch/compositeAlarm:CompositeAlarm")).to.have.length(1);
    });

    it("the alarm table has a row for every alarm the component can declare, with its route", () => {
        const rows = tableAfter("## Alarms");
        const every = decideAlarms(EVERY_ALARM_TARGET);
        const cells = [...rows.values()];
        const rowOf = (role: string) => cells.find((c) => c[0].split(",").map((x) => x.trim()).includes(`\`${role}\``));
        const overrun = deployOverrunInWindowAlarm(deploySignal("p"), "g", [{ start: "2027-05-29T17:50:00Z", end: "2027-05-29T22:15:00Z" }], 5);
        for (const spec of [...every, deployInProgressAlarm(deploySignal("p")), overrun]) {
            const row = rowOf(spec.role);
            expect(row, spec.role).to.not.equal(undefined);
            expect(row![5], spec.role).to.contain(spec.route);
            expect(row![4], spec.role).to.contain(`\`${spec.treatMissingData}\``);
        }
        expect(rowOf("matchday-degraded")![5]).to.contain("critical topic");
        expect(rowOf("failover-in-effect")![5]).to.contain("onpremise");
        expect(rowOf("onpremise-degraded")![5]).to.contain("warning topic");
        expect(rowOf("deploy-mute")![5]).to.contain("none");
    });

    it("the args tables name every arg and threshold with its default", () => {
        const source = fs.readFileSync(SOURCE, "utf8");
        const body = /export interface ObservabilityArgs \{([\s\S]*?)\n\}/.exec(source)![1];
        const fields = [...body.matchAll(/^ {4}(\w+)\??:/gm)].map((m) => m[1]);
        expect(fields.length).to.be.greaterThan(15);
        const args = [...tableAfter("## Args").keys()].join(" ");
        for (const f of fields) expect(args, f).to.match(new RegExp(`\`${f}(\\.|\`)`));
        const thresholds = tableAfter("Alarm thresholds (`alarms`)");
        for (const [key, value] of Object.entries(DEFAULT_ALARM_THRESHOLDS)) {
            expect(thresholds.get(`\`${key}\``), key).to.not.equal(undefined);
            expect(thresholds.get(`\`${key}\``)![1], key).to.equal(`\`${value}\``);
        }
    });
});
