import { expect } from "chai";
import * as path from "path";
import { mockClient } from "aws-sdk-client-mock";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
    CreateRuleCommand,
    DeleteRuleCommand,
    DescribeRulesCommand,
    DescribeTagsCommand,
    ElasticLoadBalancingV2Client,
    Rule,
    Tag,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import {
    AlarmState,
    buildFailoverCode,
    decideFailover,
    FailoverRuleState,
    settingsFromEnvironment,
    transpileFailoverSource,
} from "@kgsports/hybrid-link";
import { handler, reconcileFailover } from "../components/hybrid-link/failover/handler";
import type { FailoverSettings } from "../components/hybrid-link/failover/settings";

// The pinned SDK works on Node 20; its notice about later SDK versions needing Node 22 is not for this test run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const STATES: AlarmState[] = ["OK", "ALARM", "INSUFFICIENT_DATA", "MISSING"];
const RULES: FailoverRuleState[] = ["absent", "automatic", "manual", "foreign"];

describe("HybridLink failover: the decision", () => {
    it("fails over when no on-premise target is healthy and no rule is in place", () => {
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

    it("the whole table: every combination of the three alarms and the rule", () => {
        let counted = 0;
        for (const unhealthyAlarm of STATES) for (const tunnelsDownAlarm of STATES) for (const recoveredAlarm of STATES) for (const rule of RULES) {
            const failing = unhealthyAlarm === "ALARM" || tunnelsDownAlarm === "ALARM";
            const expected = rule === "manual" || rule === "foreign" ? "nothing"
                : failing ? (rule === "absent" ? "fail over" : "nothing")
                    : rule === "automatic" && recoveredAlarm === "ALARM" ? "restore" : "nothing";
            const got = decideFailover({ unhealthyAlarm, tunnelsDownAlarm, recoveredAlarm, rule });
            expect(got.action, JSON.stringify({ unhealthyAlarm, tunnelsDownAlarm, recoveredAlarm, rule })).to.equal(expected);
            expect(got.reason).to.be.a("string").and.not.equal("");
            counted++;
        }
        expect(counted).to.equal(256);
    });
});

// ---------------------------------------------------------------- the handler against mocked AWS APIs

const LISTENER = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2";
const CLOUD_TG = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067";
const RULE_ARN = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
const DEFAULT_RULE: Rule = { RuleArn: `${RULE_ARN.slice(0, -16)}default0000000000`, Priority: "default", IsDefault: true };

const ENV = {
    LISTENER_ARN: LISTENER,
    CLOUD_TARGET_GROUP_ARN: CLOUD_TG,
    UNHEALTHY_ALARM_NAME: "link-unhealthy-1a2b3c4",
    TUNNELS_DOWN_ALARM_NAME: "link-tunnels-down-5d6e7f8",
    RECOVERED_ALARM_NAME: "link-recovered-9a0b1c2",
    RULE_PRIORITY: "1",
};
const SETTINGS: FailoverSettings = settingsFromEnvironment(ENV);

/**
 * A fake of the two APIs with state: the alarms' states and the listener's rules (with
 * tags). CreateRule and DeleteRule change the rules, so a second run sees the first's work.
 */
class FakeAws {
    alarms: Record<string, AlarmState> = { [ENV.UNHEALTHY_ALARM_NAME]: "OK", [ENV.TUNNELS_DOWN_ALARM_NAME]: "OK", [ENV.RECOVERED_ALARM_NAME]: "ALARM" };
    rules: (Rule & { tags: Tag[] })[] = [{ ...DEFAULT_RULE, tags: [] }];
    readonly elb = mockClient(ElasticLoadBalancingV2Client);
    readonly cw = mockClient(CloudWatchClient);
    private next = 0;

    constructor() {
        this.cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => ({
            MetricAlarms: (input.AlarmNames ?? [])
                .filter((n) => this.alarms[n] !== "MISSING" && n in this.alarms)
                .map((n) => ({ AlarmName: n, StateValue: this.alarms[n] })),
        }));
        this.elb.on(DescribeRulesCommand).callsFake((input: { ListenerArn?: string }) => {
            expect(input.ListenerArn).to.equal(LISTENER);
            return { Rules: this.rules.map(({ tags: _tags, ...r }) => r) };
        });
        this.elb.on(DescribeTagsCommand).callsFake((input: { ResourceArns?: string[] }) => ({
            TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({ ResourceArn: arn, Tags: this.rules.find((r) => r.RuleArn === arn)?.tags ?? [] })),
        }));
        this.elb.on(CreateRuleCommand).callsFake((input: { Priority?: number; Tags?: Tag[] }) => {
            if (this.rules.some((r) => r.Priority === String(input.Priority))) throw Object.assign(new Error("Priority '1' is currently in use"), { name: "PriorityInUseException" });
            const rule = { RuleArn: `${RULE_ARN}${this.next++}`, Priority: String(input.Priority), IsDefault: false, tags: input.Tags ?? [] };
            this.rules.push(rule);
            return { Rules: [{ RuleArn: rule.RuleArn, Priority: rule.Priority }] };
        });
        this.elb.on(DeleteRuleCommand).callsFake((input: { RuleArn?: string }) => {
            const before = this.rules.length;
            this.rules = this.rules.filter((r) => r.RuleArn !== input.RuleArn);
            if (this.rules.length === before) throw Object.assign(new Error("One or more rules not found"), { name: "RuleNotFoundException" });
            return {};
        });
    }

    clients() {
        return { elb: new ElasticLoadBalancingV2Client({ region: "ap-northeast-2" }), cloudwatch: new CloudWatchClient({ region: "ap-northeast-2" }) };
    }

    /** A rule someone else put at the failover priority. */
    addRuleAtPriority(tags: Tag[]): void {
        this.rules.push({ RuleArn: `${RULE_ARN}x`, Priority: "1", IsDefault: false, tags });
    }

    failoverRules() {
        return this.rules.filter((r) => r.Priority === "1");
    }

    restore(): void {
        this.elb.restore();
        this.cw.restore();
    }
}

function alarmEvent(alarmName: string, value: AlarmState) {
    return { "detail-type": "CloudWatch Alarm State Change", source: "aws.cloudwatch", detail: { alarmName, state: { value } } };
}

describe("HybridLink failover: the function against the AWS APIs (aws-sdk-client-mock)", () => {
    let aws: FakeAws;
    let logs: string[];
    const savedEnv = { ...process.env };
    const log = console.log;
    beforeEach(() => {
        aws = new FakeAws();
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
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.elb.on(DescribeRulesCommand, { ListenerArn: LISTENER, Marker: undefined }).resolves({ Rules: [DEFAULT_RULE], NextMarker: "page2" });
        aws.elb.on(DescribeRulesCommand, { ListenerArn: LISTENER, Marker: "page2" }).resolves({ Rules: [{ RuleArn: RULE_ARN, Priority: "1" }] });
        aws.rules.push({ RuleArn: RULE_ARN, Priority: "1", tags: [{ Key: "kgsports:failover", Value: "automatic" }] });
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.situation.rule).to.equal("automatic");
        expect(aws.elb.commandCalls(CreateRuleCommand)).to.have.length(0);
        expect(aws.elb.commandCalls(DescribeRulesCommand)).to.have.length(2);
    });

    it("a rule taken between read and write (PriorityInUse), or already deleted (RuleNotFound), is not an error", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.elb.on(CreateRuleCommand).rejects(Object.assign(new Error("in use"), { name: "PriorityInUseException" }));
        const create = await reconcileFailover(SETTINGS, aws.clients());
        expect(create).to.include({ changed: false });

        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "OK";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "ALARM";
        aws.rules.push({ RuleArn: RULE_ARN, Priority: "1", tags: [{ Key: "kgsports:failover", Value: "automatic" }] });
        aws.elb.on(DeleteRuleCommand).rejects(Object.assign(new Error("gone"), { name: "RuleNotFoundException" }));
        const del = await reconcileFailover(SETTINGS, aws.clients());
        expect(del.decision.action).to.equal("restore");
        expect(del).to.include({ changed: false });
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
        const aws = new FakeAws();
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
