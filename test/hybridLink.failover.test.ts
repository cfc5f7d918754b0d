import { expect } from "chai";
import * as path from "path";
import { DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { CreateRuleCommand, DeleteRuleCommand, DescribeRulesCommand, ModifyRuleCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import {
    AlarmState,
    buildFailoverCode,
    classifyFailoverRule,
    decideFailover,
    failoverRuleState,
    FailoverRuleState,
    forwardsOnlyTo,
    settingsFromEnvironment,
    transpileFailoverSource,
} from "@kgsports/hybrid-link";
import { describeTrigger, handler, reconcileFailover } from "../components/hybrid-link/failover/handler";
import type { FailoverSettings } from "../components/hybrid-link/failover/settings";
import { AUTOMATIC, CLOUD_TG, ENV, FailoverAwsModel, LISTENER, MANUAL, OLD_CLOUD_TG } from "./helpers/failoverAws";

const STATES: AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA", "MISSING"];
const RULES: FailoverRuleState[] = ["absent", "automatic", "stale", "manual", "foreign"];

describe("HybridLink failover: the decision", () => {
    it("fails over when fewer on-premise targets are healthy than their share needs and no rule is in place", () => {
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "absent" }).action).to.equal("fail over");
    });

    it("fails over when both tunnels are down, even before the health alarm fires", () => {
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "ALARM", recoveredAlarm: "OK", rule: "absent" }).action).to.equal("fail over");
        expect(decideFailover({ unhealthyAlarm: "INSUFFICIENT_DATA", tunnelsDownAlarm: "ALARM", recoveredAlarm: "INSUFFICIENT_DATA", rule: "absent" }).action).to.equal("fail over");
    });

    it("does not add a second rule while one is in place", () => {
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "ALARM", recoveredAlarm: "OK", rule: "automatic" }).action).to.equal("nothing");
    });

    it("restores only once the recovery alarm is in ALARM (healthy for the recovery minutes)", () => {
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "ALARM", rule: "automatic" }).action).to.equal("restore");
        for (const recovered of ["OK", "INSUFFICIENT_DATA", "MISSING"] as AlarmState[]) {
            expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: recovered, rule: "automatic" }).action, recovered).to.equal("nothing");
        }
    });

    it("never restores while a failure alarm is in ALARM, even if the recovery alarm says otherwise (late evaluation)", () => {
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "OK", recoveredAlarm: "ALARM", rule: "automatic" }).action).to.equal("nothing");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "ALARM", recoveredAlarm: "ALARM", rule: "automatic" }).action).to.equal("nothing");
    });

    it("leaves a person's manual rule and anyone else's rule at the priority alone", () => {
        for (const rule of ["manual", "foreign"] as FailoverRuleState[]) {
            expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule }).action, rule).to.equal("nothing");
            expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "ALARM", rule }).action, rule).to.equal("nothing");
        }
    });

    it("a stale rule (its own, forwarding elsewhere) is corrected while the failover is in effect, and deleted once it is over", () => {
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "stale" }).action).to.equal("correct");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "ALARM", recoveredAlarm: "OK", rule: "stale" }).action).to.equal("correct");
        // Servers answering again, recovery window not over: traffic still goes to the cloud, so to the current group.
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "INSUFFICIENT_DATA", rule: "stale" }).action).to.equal("correct");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "ALARM", rule: "stale" }).action).to.equal("restore");
    });

    it("the whole table: every combination of the three alarms and the rule", () => {
        let counted = 0;
        for (const unhealthyAlarm of STATES) for (const tunnelsDownAlarm of STATES) for (const recoveredAlarm of STATES) for (const rule of RULES) {
            const failing = unhealthyAlarm === "ALARM" || tunnelsDownAlarm === "ALARM";
            const ours = rule === "automatic" || rule === "stale";
            const expected = !ours && rule !== "absent" ? "nothing"
                : failing ? (rule === "absent" ? "fail over" : rule === "stale" ? "correct" : "nothing")
                    : ours && recoveredAlarm === "ALARM" ? "restore"
                        : rule === "stale" ? "correct" : "nothing";
            const got = decideFailover({ unhealthyAlarm, tunnelsDownAlarm, recoveredAlarm, rule });
            expect(got.action, JSON.stringify({ unhealthyAlarm, tunnelsDownAlarm, recoveredAlarm, rule })).to.equal(expected);
            expect(got.reason).to.be.a("string").and.not.equal("");
            counted++;
        }
        expect(counted).to.equal(4 * 4 * 4 * 5);
    });

    it("the reasons name what was seen", () => {
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "ALARM", recoveredAlarm: "OK", rule: "absent" }).reason).to.match(/^fewer on-premise targets are healthy than their share needs: /);
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "ALARM", recoveredAlarm: "OK", rule: "absent" }).reason).to.match(/^both VPN tunnels are down: /);
        expect(decideFailover({ unhealthyAlarm: "ALARM", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "stale" }).reason).to.match(/^fewer on-premise targets are healthy than their share needs, and the failover rule forwards to a target group that is not the current cloud group/);
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "stale" }).reason).to.contain("(now OK)");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "INSUFFICIENT_DATA", rule: "automatic" }).reason).to.contain("(now INSUFFICIENT_DATA)");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "manual" }).reason).to.contain("tagged manual");
        expect(decideFailover({ unhealthyAlarm: "OK", tunnelsDownAlarm: "OK", recoveredAlarm: "OK", rule: "foreign" }).reason).to.contain("another rule");
    });
});

describe("HybridLink failover: which rule is at the priority", () => {
    const forward = (...arns: string[]) => [{ Type: "forward", ForwardConfig: { TargetGroups: arns.map((TargetGroupArn) => ({ TargetGroupArn, Weight: 1 })) } }];

    it("by its tag: automatic, manual, or anyone else's", () => {
        expect(classifyFailoverRule([{ Key: "kgsports:failover", Value: "automatic" }])).to.equal("automatic");
        expect(classifyFailoverRule([{ Key: "team", Value: "web" }, { Key: "kgsports:failover", Value: "manual" }])).to.equal("manual");
        expect(classifyFailoverRule([{ Key: "kgsports:failover", Value: "Automatic" }])).to.equal("foreign");
        expect(classifyFailoverRule([{ Key: "team", Value: "automatic" }])).to.equal("foreign");
        expect(classifyFailoverRule([])).to.equal("foreign");
        expect(classifyFailoverRule(undefined)).to.equal("foreign");
    });

    it("its own rule is stale unless it forwards to the current cloud group and nowhere else", () => {
        expect(failoverRuleState(AUTOMATIC, forward(CLOUD_TG), CLOUD_TG)).to.equal("automatic");
        expect(failoverRuleState(AUTOMATIC, forward(OLD_CLOUD_TG), CLOUD_TG), "a replaced group").to.equal("stale");
        expect(failoverRuleState(AUTOMATIC, forward(CLOUD_TG, OLD_CLOUD_TG), CLOUD_TG), "also elsewhere").to.equal("stale");
        expect(failoverRuleState(AUTOMATIC, [], CLOUD_TG), "no action").to.equal("stale");
        expect(failoverRuleState(AUTOMATIC, undefined, CLOUD_TG), "actions unknown").to.equal("stale");
        // Whatever they forward to, the others are what their tags say.
        expect(failoverRuleState(MANUAL, forward(OLD_CLOUD_TG), CLOUD_TG)).to.equal("manual");
        expect(failoverRuleState([], forward(OLD_CLOUD_TG), CLOUD_TG)).to.equal("foreign");
    });

    it("reads a forward both ways ELBv2 reports it (TargetGroupArn, ForwardConfig) and needs exactly one forward action", () => {
        expect(forwardsOnlyTo([{ Type: "forward", TargetGroupArn: CLOUD_TG }], CLOUD_TG)).to.equal(true);
        expect(forwardsOnlyTo([{ Type: "forward", TargetGroupArn: CLOUD_TG, ForwardConfig: { TargetGroups: [{ TargetGroupArn: CLOUD_TG }] } }], CLOUD_TG)).to.equal(true);
        expect(forwardsOnlyTo([{ Type: "forward", TargetGroupArn: OLD_CLOUD_TG, ForwardConfig: { TargetGroups: [{ TargetGroupArn: OLD_CLOUD_TG }] } }], CLOUD_TG)).to.equal(false);
        expect(forwardsOnlyTo([{ Type: "forward", TargetGroupArn: OLD_CLOUD_TG }], CLOUD_TG)).to.equal(false);
        expect(forwardsOnlyTo([{ Type: "forward" }], CLOUD_TG), "a forward to nothing").to.equal(false);
        expect(forwardsOnlyTo([{ Type: "fixed-response" }], CLOUD_TG)).to.equal(false);
        expect(forwardsOnlyTo([{ Type: "forward", TargetGroupArn: CLOUD_TG }, { Type: "forward", TargetGroupArn: CLOUD_TG }], CLOUD_TG), "two forwards").to.equal(false);
        expect(forwardsOnlyTo([{ Type: "authenticate-oidc" }, { Type: "forward", TargetGroupArn: CLOUD_TG }], CLOUD_TG), "another action first").to.equal(true);
    });
});

// ---------------------------------------------------------------- the handler against mocked AWS APIs

const SETTINGS: FailoverSettings = settingsFromEnvironment(ENV);

function alarmEvent(alarmName: string, value: AlarmState) {
    return { "detail-type": "CloudWatch Alarm State Change", source: "aws.cloudwatch", detail: { alarmName, state: { value } } };
}

describe("HybridLink failover: the function against the AWS APIs (aws-sdk-client-mock)", () => {
    let aws: FailoverAwsModel;
    let logs: string[];
    const savedEnv = { ...process.env };
    const log = console.log;
    beforeEach(() => {
        aws = new FailoverAwsModel();
        Object.assign(process.env, ENV);
        logs = [];
        console.log = (...a: unknown[]) => logs.push(a.map(String).join(" "));
    });
    afterEach(() => {
        console.log = log;
        aws.restore();
        process.env = { ...savedEnv };
    });

    it("on failure, adds one rule at the priority that forwards every path to the cloud target group, tagged automatic", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.decision.action).to.equal("fail over");
        expect(outcome.changed).to.equal(true);
        const calls = aws.elb.commandCalls(CreateRuleCommand);
        expect(calls).to.have.length(1);
        expect(calls[0].args[0].input).to.deep.equal({
            ListenerArn: LISTENER,
            Priority: 1,
            Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }],
            Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: CLOUD_TG, Weight: 1 }] } }],
            Tags: [{ Key: "kgsports:failover", Value: "automatic" }],
        });
        expect(aws.failoverRules()).to.have.length(1);
        // It asked CloudWatch for exactly its three alarms.
        expect(aws.cw.commandCalls(DescribeAlarmsCommand)[0].args[0].input.AlarmNames).to.have.members([
            ENV.UNHEALTHY_ALARM_NAME, ENV.TUNNELS_DOWN_ALARM_NAME, ENV.RECOVERED_ALARM_NAME,
        ]);
    });

    it("a duplicate event adds no second rule", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
        const second = await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
        expect(second.decision.action).to.equal("nothing");
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(1);
        expect(aws.failoverRules()).to.have.length(1);
        // One JSON line per run: what woke it, what it saw, what it did.
        expect(logs).to.have.length(2);
        expect(JSON.parse(logs[1])).to.deep.include({ trigger: `alarm ${ENV.UNHEALTHY_ALARM_NAME} is now ALARM`, changed: false });
    });

    it("both tunnels down fails over", async () => {
        aws.alarms[ENV.TUNNELS_DOWN_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        const outcome = await handler(alarmEvent(ENV.TUNNELS_DOWN_ALARM_NAME, "ALARM"));
        expect(outcome.decision.action).to.equal("fail over");
        expect(aws.failoverRules()).to.have.length(1);
    });

    it("restores (deletes its rule) when the recovery alarm is in ALARM, and not before", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
        const ruleArn = aws.failoverRules()[0].RuleArn;

        // The servers answer again: the failure alarm clears, the recovery window has not passed.
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "OK";
        const waiting = await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "OK"));
        expect(waiting.decision.action).to.equal("nothing");
        expect(aws.elb.commandCalls(DeleteRuleCommand)).to.have.length(0);

        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "ALARM";
        const restored = await handler(alarmEvent(ENV.RECOVERED_ALARM_NAME, "ALARM"));
        expect(restored.decision.action).to.equal("restore");
        const deletes = aws.elb.commandCalls(DeleteRuleCommand);
        expect(deletes).to.have.length(1);
        expect(deletes[0].args[0].input).to.deep.equal({ RuleArn: ruleArn });
        expect(aws.failoverRules()).to.have.length(0);
    });

    it("out-of-order events do nothing wrong: a stale 'recovered' event while the servers are down deletes nothing", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
        // An old event arrives late: it says recovered, but AWS says otherwise now.
        const late = await handler(alarmEvent(ENV.RECOVERED_ALARM_NAME, "ALARM"));
        expect(late.decision.action).to.equal("nothing");
        expect(aws.elb.commandCalls(DeleteRuleCommand)).to.have.length(0);
        expect(aws.failoverRules()).to.have.length(1);
    });

    it("out-of-order events do nothing wrong: a stale 'unhealthy' event after recovery adds nothing", async () => {
        // Healthy now (the defaults): a late ALARM event of the failure alarm.
        const late = await handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
        expect(late.decision.action).to.equal("nothing");
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(0);
    });

    it("leaves a person's manual rule in place, and never touches a rule that is not its own", async () => {
        aws.addRuleAtPriority([{ Key: "kgsports:failover", Value: "manual" }]);
        const held = await reconcileFailover(SETTINGS, aws.clients());
        expect(held.situation.rule).to.equal("manual");
        expect(held.decision.action).to.equal("nothing");
        aws.rules = aws.rules.filter((r) => r.Priority !== "1");
        aws.addRuleAtPriority([{ Key: "team", Value: "web" }]);
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        const foreign = await reconcileFailover(SETTINGS, aws.clients());
        expect(foreign.situation.rule).to.equal("foreign");
        expect(aws.elb.commandCalls(DeleteRuleCommand)).to.have.length(0);
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(0);
    });

    it("finds its rule on a later page of the listener's rules", async () => {
        const settings = settingsFromEnvironment({ ...ENV, RULE_PRIORITY: "7" });
        for (const p of ["2", "3", "4"]) aws.addRuleAtPriority([{ Key: "team", Value: "web" }], CLOUD_TG, p);
        const ours = aws.addRuleAtPriority(AUTOMATIC, CLOUD_TG, "7");
        aws.maxPageSize = 2;
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        const outcome = await reconcileFailover(settings, aws.clients());
        expect(outcome.situation.rule).to.equal("automatic");
        expect(outcome.ruleArn).to.equal(ours.RuleArn);
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(0);
        // Pages [2, 3] and [4, 7]: it stops at the page with its rule.
        expect(aws.elb.commandCalls(DescribeRulesCommand).map((c) => c.args[0].input.Marker)).to.deep.equal([undefined, "2"]);
    });

    it("a rule created or deleted by someone else between its read and its write is read again, not an error", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        // A person puts a hold at the priority after the function listed the rules.
        let hold!: () => void;
        aws.holdUntil("CreateRule", new Promise<void>((resolve) => (hold = resolve)));
        const run = reconcileFailover(SETTINGS, aws.clients());
        await new Promise((r) => setTimeout(r, 20));
        aws.addRuleAtPriority(MANUAL);
        hold();
        const outcome = await run;
        expect(outcome.steps.map((st) => [st.decision.action, st.result])).to.deep.equal([["fail over", "conflict"], ["nothing", "none"]]);
        expect(outcome).to.include({ changed: false });
        expect(outcome.steps[1].situation.rule).to.equal("manual");
        expect(aws.failoverRules().map((r) => r.tags)).to.deep.equal([MANUAL]);
    });

    it("corrects its stale rule with one ModifyRule: every path, forwarded to the current cloud group only", async () => {
        aws.targetGroups.add(OLD_CLOUD_TG);
        const stale = aws.addRuleAtPriority(AUTOMATIC, OLD_CLOUD_TG);
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        const calls = aws.elb.commandCalls(ModifyRuleCommand);
        expect(calls).to.have.length(1);
        expect(calls[0].args[0].input).to.deep.equal({
            RuleArn: stale.RuleArn,
            Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }],
            Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: CLOUD_TG, Weight: 1 }] } }],
        });
        expect(outcome).to.include({ changed: true, ruleArn: stale.RuleArn });
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(0);
        expect(aws.elb.commandCalls(DeleteRuleCommand)).to.have.length(0);
    });

    it("reads composite alarms too (a failover alarm may be one)", async () => {
        aws.compositeAlarms.add(ENV.UNHEALTHY_ALARM_NAME);
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.situation.unhealthyAlarm).to.equal("ALARM");
        expect(outcome.decision.action).to.equal("fail over");
    });

    it("an error while reading (other than a rule that just went) fails the run as it came", async () => {
        aws.cw.on(DescribeAlarmsCommand).rejects(Object.assign(new Error("throttled"), { name: "Throttling" }));
        let error: Error | undefined;
        await reconcileFailover(SETTINGS, aws.clients()).catch((e: Error) => (error = e));
        expect(error?.message).to.equal("throttled");
        expect(aws.cw.commandCalls(DescribeAlarmsCommand)).to.have.length(1);
    });

    it("an error that is not an AWS error object fails the run unchanged", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        for (const thrown of ["boom", null, 42]) {
            // Straight from a client (the mock library would wrap it in an Error).
            const clients = aws.clients();
            const send = clients.elb.send.bind(clients.elb);
            clients.elb.send = (async (command: unknown) => {
                if (command instanceof CreateRuleCommand) throw thrown;
                return send(command as never);
            }) as typeof clients.elb.send;
            let caught: unknown = "nothing thrown";
            await reconcileFailover(SETTINGS, clients).catch((e: unknown) => (caught = e));
            expect(caught, String(thrown)).to.equal(thrown);
        }
    });

    it("names what woke it in its log line", () => {
        expect(describeTrigger({ "detail-type": "CloudWatch Alarm State Change" })).to.equal("alarm undefined is now undefined");
        expect(describeTrigger({ "detail-type": "CloudWatch Alarm State Change", detail: { alarmName: "a" } })).to.equal("alarm a is now undefined");
        expect(describeTrigger(alarmEvent("link-unhealthy", "ALARM"))).to.equal("alarm link-unhealthy is now ALARM");
        expect(describeTrigger({ "detail-type": "Scheduled Event", source: "aws.events" })).to.equal("periodic reconcile");
        expect(describeTrigger({})).to.equal("direct invocation");
        expect(describeTrigger(undefined)).to.equal("direct invocation");
    });

    it("other API errors fail the run (so Lambda retries and the Errors metric shows it)", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.elb.on(CreateRuleCommand).rejects(Object.assign(new Error("denied"), { name: "AccessDenied" }));
        let error: Error | undefined;
        await reconcileFailover(SETTINGS, aws.clients()).catch((e: Error) => (error = e));
        expect(error?.message).to.equal("denied");
    });

    it("an alarm that does not exist counts as MISSING and moves nothing", async () => {
        aws.alarms = { [ENV.RECOVERED_ALARM_NAME]: "OK" };
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.situation).to.include({ unhealthyAlarm: "MISSING", tunnelsDownAlarm: "MISSING" });
        expect(outcome.decision.action).to.equal("nothing");
    });

    it("refuses to run with a missing or wrong setting, naming it", () => {
        expect(() => settingsFromEnvironment({ ...ENV, LISTENER_ARN: undefined })).to.throw(/LISTENER_ARN/);
        expect(() => settingsFromEnvironment({ ...ENV, RULE_PRIORITY: "0" })).to.throw(/RULE_PRIORITY/);
        expect(settingsFromEnvironment({ ...ENV, RULE_PRIORITY: "50000" }).rulePriority).to.equal(50000);
    });
});

// ---------------------------------------------------------------- the archive as Lambda runs it

/**
 * Loads the built archive the way Lambda's Node.js runtime does (CommonJS, `index.js`),
 * with `./decide` and `./settings` resolved inside the archive and the AWS SDK from the
 * runtime (here: this project's node_modules).
 */
function loadArchive(files: Record<string, string>): { handler: (event: unknown) => Promise<{ decision: { action: string } }> } {
    const cache: Record<string, { exports: Record<string, unknown> }> = {};
    const load = (file: string): Record<string, unknown> => {
        if (cache[file]) return cache[file].exports;
        const module = { exports: {} as Record<string, unknown> };
        cache[file] = module;
        const localRequire = (id: string) => {
            if (id.startsWith("./")) {
                const name = `${id.slice(2)}.js`;
                if (!(name in files)) throw new Error(`the archive has no ${name} (required by ${file})`);
                return load(name);
            }
            if (!id.startsWith("@aws-sdk/")) throw new Error(`${file} requires ${id}, which the Lambda runtime does not provide`);
            return require(id);
        };
        new Function("exports", "require", "module", "__filename", "__dirname", files[file])(module.exports, localRequire, module, `/var/task/${file}`, "/var/task");
        return module.exports;
    };
    return load("index.js") as ReturnType<typeof loadArchive>;
}

describe("HybridLink failover: the function's archive", () => {
    const savedEnv = { ...process.env };
    const log = console.log;
    afterEach(() => {
        console.log = log;
        process.env = { ...savedEnv };
    });

    it("is byte-identical across two builds", () => {
        const a = buildFailoverCode();
        const b = buildFailoverCode();
        expect(Object.keys(a).sort()).to.deep.equal(["decide.js", "index.js", "settings.js"]);
        expect(b).to.deep.equal(a);
    });

    it("does not depend on the checkout's line endings", () => {
        const source = "export const a = 1;\nexport function f(): number {\n    return a;\n}\n";
        expect(transpileFailoverSource("x.ts", source.replace(/\n/g, "\r\n"))).to.equal(transpileFailoverSource("x.ts", source));
    });

    it("changes when the source changes (so a real code change is deployed)", () => {
        expect(transpileFailoverSource("x.ts", "export const a = 1;\n")).to.not.equal(transpileFailoverSource("x.ts", "export const a = 2;\n"));
    });

    it("builds from the sources next to the component (a deploy needs no build step)", () => {
        const dir = path.join(__dirname, "..", "components", "hybrid-link", "failover");
        expect(buildFailoverCode(dir)).to.deep.equal(buildFailoverCode());
    });

    it("runs as Lambda loads it: fails over through the mocked SDK with only the runtime's modules", async () => {
        const aws = new FailoverAwsModel();
        try {
            Object.assign(process.env, ENV);
            aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
            aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
            const lambda = loadArchive(buildFailoverCode());
            console.log = () => undefined;
            const outcome = await lambda.handler(alarmEvent(ENV.UNHEALTHY_ALARM_NAME, "ALARM"));
            expect(outcome.decision.action).to.equal("fail over");
            expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(1);
        } finally {
            aws.restore();
        }
    });
});
