/**
 * Observability in both stacks: alarms on what the stacks declare, matchday tighter
 * than dev, names the operators may silence, the instances' agent wired end to end.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS, named, ofType, one, plannedStack } from "./helpers/declare";
import { decide } from "./helpers/iamSimulator";
import { evaluateQueries, minuteGrid, QueryLike, seriesOf } from "./helpers/metricMathModel";
import { alarmNamesInRule } from "@kgsports/observability";
import { lowestShareKickoffToWhistle } from "../stacks/config/observability";

const T = {
    obs: "kgsports:observability:Observability",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    composite: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    parameter: "aws:ssm/parameter:Parameter",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
};

describe("Observability in the stacks", () => {
    it("both stacks have it; only matchday watches the on-premise servers and the VPN", async () => {
        const dev = (await plannedStack("dev")).run.resources;
        const matchday = (await plannedStack("matchday")).run.resources;
        one(dev, T.obs);
        one(matchday, T.obs);
        const names = (rs: typeof dev) => ofType(rs, T.alarm).map((a) => a.inputs.name as string);
        expect(names(dev).filter((n) => /onprem|vpn/.test(n))).to.deep.equal([]);
        expect(names(matchday).filter((n) => /onprem|vpn/.test(n)).length).to.be.at.least(4);
    });

    it("matchday pages sooner than dev: lower 5xx and latency thresholds, fewer minutes", async () => {
        const alarm = async (stack: string, suffix: string) =>
            ofType((await plannedStack(stack)).run.resources, T.alarm).find((a) => (a.inputs.name as string).endsWith(suffix))!.inputs;
        const [dev5xx, md5xx] = [await alarm("dev", "-alb-5xx-rate"), await alarm("matchday", "-alb-5xx-rate")];
        expect(md5xx.threshold).to.equal(1);
        expect(dev5xx.threshold).to.equal(2);
        expect(md5xx.evaluationPeriods).to.equal(2);
        const [devP99, mdP99] = [await alarm("dev", "-p99-latency"), await alarm("matchday", "-p99-latency")];
        expect(mdP99.threshold).to.equal(1);
        expect(devP99.threshold).to.equal(2);
    });

    it("every alarm and the composite are named under the stack's prefix, which the operator role may silence and nothing else", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const alarms = [...ofType(resources, T.alarm).map((a) => a.inputs.name as string), ...ofType(resources, T.composite).map((a) => a.inputs.alarmName as string)];
        for (const n of alarms) expect(n, n).to.match(/^kgsports-matchday-/);
        const operator = JSON.parse(named(resources, "access-matchday-operator-access").inputs.policy as string);
        const alarmArn = (name: string) => `arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:${name}`;
        const ask = (name: string) => decide([operator], {
            principal: "arn:aws:iam::123456789012:role/kgsports-matchday-matchday-operator",
            action: "cloudwatch:DisableAlarmActions",
            resource: alarmArn(name),
        });
        expect(await ask("kgsports-matchday-matchday-degraded")).to.equal("Allowed");
        expect(await ask("kgsports-dev-matchday-degraded")).to.equal("ImplicitlyDenied");
    });

    it("the load balancer logs into the monitoring's bucket; the instances load the agent's configuration and may use exactly it", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const alb = one(resources, AWS.alb).inputs as any;
        expect(alb.accessLogs).to.deep.include({ prefix: "alb", enabled: true });
        expect(alb.accessLogs.bucket).to.equal("kgsports-matchday-alb-logs-123456789012");
        // The agent's parameter (the UserStore publishes two of its own).
        const parameter = ofType(resources, T.parameter).filter((p) => String(p.inputs.name).startsWith("AmazonCloudWatch-"))[0].inputs;
        expect(parameter.name).to.equal("AmazonCloudWatch-kgsports-matchday-web");
        const userData = Buffer.from(one(resources, AWS.lt).inputs.userData as string, "base64").toString("utf8");
        expect(userData).to.contain("AGENT_PARAM=AmazonCloudWatch-kgsports-matchday-web ");
        expect(userData).to.contain("fetch-config -m ec2 -s -c ssm:${AGENT_PARAM}");
        // The instance role: the project's agent document, not CloudWatchAgentServerPolicy.
        const attachments = ofType(resources, T.attachment).filter((a) => a.name.startsWith("access-web-instance"));
        expect(attachments.map((a) => a.inputs.policyArn)).to.not.include("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy");
        const agent = JSON.parse(named(resources, "access-web-instance-agent").inputs.policy as string);
        const instance = "arn:aws:iam::123456789012:role/kgsports-matchday-web-instance";
        const ask = (action: string, resource: string) => decide([agent], { principal: instance, action, resource });
        expect(await ask("ssm:GetParameter", "arn:aws:ssm:ap-northeast-2:123456789012:parameter/AmazonCloudWatch-kgsports-matchday-web")).to.equal("Allowed");
        expect(await ask("logs:PutLogEvents", "arn:aws:logs:ap-northeast-2:123456789012:log-group:kgsports-matchday-web-app:log-stream:i-1")).to.equal("Allowed");
        expect(await ask("logs:PutRetentionPolicy", "arn:aws:logs:ap-northeast-2:123456789012:log-group:kgsports-matchday-web-app")).to.equal("ImplicitlyDenied");
    });

    it("the dashboard marks the pre-warm and kickoff of each upcoming window", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const body = JSON.parse(one(resources, T.dashboard).inputs.dashboardBody as string);
        const text = JSON.stringify(body);
        expect(text).to.contain("kickoff: UCL final");
        expect(text).to.contain("2027-05-29T19:00:00.000Z");
        // Each label names its own step's minimum (issue 20): the pre-warm raises the floor to the
        // window's first step (50, "steps 50 from 17:50Z" in the plan's notes), the kickoff has 203 in force.
        expect(text).to.contain("pre-warm: UCL final (min 50)");
        expect(text).to.contain("kickoff: UCL final (min 203)");
        expect(text).to.not.contain("pre-warm: UCL final (min 203)");
    });

    it("matchday: inside the final, fewer than 20 % of what 150 000 viewers send (x 0.7 at least, 1 request a minute) pages; dev has no traffic floor", async () => {
        // The demand model's table (stacks/capacity/audience.ts): from kickoff to the whistle the audience
        // never falls below the half-time dip, 70 % of its peak.
        expect(lowestShareKickoffToWhistle()).to.equal(0.7);
        const { resources } = (await plannedStack("matchday")).run;
        const queries = named(resources, "observability-traffic-below-expected").inputs.metricQueries as QueryLike[];
        const grid = minuteGrid("2027-05-29T18:58:00Z", 120);
        const at = (iso: string) => grid.indexOf(Date.parse(iso) / 1000);
        const silent = (requests: number) => evaluateQueries(queries, { GroupInServiceInstances: seriesOf(grid, () => 100), RequestCount: seriesOf(grid, () => requests) }, grid);
        // 20 % of 150 000 x 0.7 x 1 = 21 000 requests a minute.
        expect(silent(20_900).get(grid[at("2027-05-29T19:30:00Z")])).to.equal(1);
        expect(silent(21_100).get(grid[at("2027-05-29T19:30:00Z")])).to.equal(0);
        // Before kickoff and after the whistle of regular time (20:50Z) nothing is expected.
        expect(silent(0).get(grid[at("2027-05-29T18:59:00Z")])).to.equal(0);
        expect(silent(0).get(grid[at("2027-05-29T19:00:00Z")])).to.equal(1);
        expect(silent(0).get(grid[at("2027-05-29T20:49:00Z")])).to.equal(1);
        expect(silent(0).get(grid[at("2027-05-29T20:50:00Z")])).to.equal(0);
        const page = String(ofType(resources, T.composite).find((c) => c.name === "observability-matchday-degraded")!.inputs.alarmRule);
        expect(alarmNamesInRule(page)).to.include("kgsports-matchday-traffic-below-expected");
        const dev = (await plannedStack("dev")).run.resources;
        expect(ofType(dev, T.alarm).map((a) => a.name)).to.not.include("observability-traffic-below-expected");
    });

    it("matchday: a deploy mutes the page for a bounded time inside each window (pre-warm to release); dev: for the whole deploy", async () => {
        const { resources } = (await plannedStack("matchday")).run;
        const page = ofType(resources, T.composite).find((c) => c.name === "observability-matchday-degraded")!.inputs as { actionsSuppressor: { alarm: string } };
        expect(page.actionsSuppressor.alarm).to.equal("kgsports-matchday-deploy-mute");
        const queries = named(resources, "observability-deploy-overrun-in-window").inputs.metricQueries as QueryLike[];
        // The final: pre-warm 70 minutes before the 19:00Z kickoff, release 165 + 30 minutes after it.
        const grid = minuteGrid("2027-05-29T17:48:00Z", 300);
        const at = (iso: string) => grid[grid.indexOf(Date.parse(iso) / 1000)];
        const deploying = evaluateQueries(queries, { GroupInServiceInstances: seriesOf(grid, () => 100), InProgress: seriesOf(grid, () => 1) }, grid);
        expect(deploying.get(at("2027-05-29T17:49:00Z"))).to.equal(0);
        expect(deploying.get(at("2027-05-29T17:50:00Z"))).to.equal(1);
        expect(deploying.get(at("2027-05-29T22:14:00Z"))).to.equal(1);
        expect(deploying.get(at("2027-05-29T22:15:00Z"))).to.equal(0);
        const dev = (await plannedStack("dev")).run.resources;
        const devPage = ofType(dev, T.composite).find((c) => c.name === "observability-matchday-degraded")!.inputs as { actionsSuppressor: { alarm: string } };
        expect(devPage.actionsSuppressor.alarm).to.equal("kgsports-dev-deploy-in-progress");
    });

    it("frontDoorProbeUrl: \"alb\" probes the load balancer's own name over HTTP at the health check path; a bad URL stops the plan naming the key", async () => {
        const dev = fs.readFileSync(path.join(__dirname, "..", "Pulumi.dev.yaml"), "utf8");
        const withProbe = (value: string) => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-probe-")), "Pulumi.dev.yaml");
            fs.writeFileSync(file, dev.replace(/^ {2}kgsports:frontDoorProbeUrl:.*\n/m, "").replace(/^config:\n/m, `config:\n  kgsports:frontDoorProbeUrl: ${value}\n`));
            return file;
        };
        const { resources } = (await plannedStack("dev", withProbe("alb"))).run;
        const canary = one(resources, "aws:synthetics/canary:Canary").inputs as { runConfig: { environmentVariables: { PROBE_URL: string } } };
        expect(canary.runConfig.environmentVariables.PROBE_URL).to.match(/^http:\/\/[^/]+\/healthz$/);
        const page = String(ofType(resources, T.composite).find((c) => c.name === "observability-matchday-degraded")!.inputs.alarmRule);
        expect(alarmNamesInRule(page)).to.include("kgsports-dev-front-door-probe");
        await plannedStack("dev", withProbe("watch.kgsports.example")).then(
            () => expect.fail("planned"),
            (e: Error) => expect(e.message).to.contain("kgsports:frontDoorProbeUrl").and.contain("allowed:"),
        );
    });
});
