/**
 * The failover function without reserved concurrency: two runs can overlap (an alarm's
 * state change and the periodic reconcile, or EventBridge delivering an event twice).
 * ELBv2 is the arbiter: a listener holds one rule per priority. These tests interleave
 * two runs' API calls against the model of ELBv2 (test/helpers/failoverAws.ts) and
 * check what AWS is left with: exactly one rule, forwarding to the current cloud target
 * group, tagged as the function's own. And a rule left forwarding to a target group a
 * deploy replaced (stale) is corrected, then removed when the failover is over.
 */
import { expect } from "chai";
import { DeleteTargetGroupCommand } from "@aws-sdk/client-elastic-load-balancing-v2";
import { failoverFunctionPolicy, settingsFromEnvironment } from "@kgsports/hybrid-link";
import { decide } from "./helpers/iamSimulator";
import { reconcileFailover } from "../components/hybrid-link/failover/handler";
import { AUTOMATIC, CLOUD_TG, ENV, FailoverAwsModel, MANUAL, OLD_CLOUD_TG, ONPREM_TG } from "./helpers/failoverAws";

const SETTINGS = settingsFromEnvironment(ENV);

/** What every request gets while the failover rule is there: the groups it forwards to. */
function expectOneCorrectRule(aws: FailoverAwsModel): string {
    const rules = aws.failoverRules();
    expect(rules, "rules at the failover priority").to.have.length(1);
    expect(rules[0].tags).to.deep.equal(AUTOMATIC);
    expect(aws.failoverTarget()).to.deep.equal([CLOUD_TG]);
    expect(rules[0].Conditions).to.deep.equal([{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }]);
    return rules[0].RuleArn;
}

describe("HybridLink failover: two runs racing on the same alarm change (ELBv2 model)", () => {
    let aws: FailoverAwsModel;
    beforeEach(() => {
        aws = new FailoverAwsModel();
    });
    afterEach(() => aws.restore());

    it("both list the rules before either creates one: one create wins, the other gets PriorityInUse, reads again and finds the rule in place", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        aws.hold("DescribeRules", 2);
        const [a, b] = await Promise.all([reconcileFailover(SETTINGS, aws.clients()), reconcileFailover(SETTINGS, aws.clients())]);

        // The race was real: both saw no rule and both asked to create one.
        expect(a.situation.rule).to.equal("absent");
        expect(b.situation.rule).to.equal("absent");
        expect(aws.count("CreateRule")).to.equal(2);
        expect(aws.count("CreateRule", "PriorityInUseException")).to.equal(1);
        // Both calls of DescribeRules came before the first CreateRule.
        const firstCreate = aws.log.findIndex((l) => l.api === "CreateRule");
        expect(aws.log.slice(0, firstCreate).filter((l) => l.api === "DescribeRules")).to.have.length(2);

        const rule = expectOneCorrectRule(aws);
        // Each run ends having checked the listener: both report the one rule, one of them made it.
        expect(a.ruleArn).to.equal(rule);
        expect(b.ruleArn).to.equal(rule);
        expect([a.changed, b.changed].sort()).to.deep.equal([false, true]);
        const loser = a.changed ? b : a;
        expect(loser.steps.map((s) => [s.decision.action, s.result])).to.deep.equal([["fail over", "conflict"], ["nothing", "none"]]);
        expect(loser.steps[1].situation.rule).to.equal("automatic");
    });

    it("three runs at once still leave one rule", async () => {
        aws.alarms[ENV.TUNNELS_DOWN_ALARM_NAME] = "ALARM";
        aws.hold("DescribeRules", 3);
        const runs = await Promise.all([1, 2, 3].map(() => reconcileFailover(SETTINGS, aws.clients())));
        expect(aws.count("CreateRule", "PriorityInUseException")).to.equal(2);
        const rule = expectOneCorrectRule(aws);
        expect(runs.map((r) => r.ruleArn)).to.deep.equal([rule, rule, rule]);
    });

    it("both restore at once: one delete wins, the other's RuleNotFound is the outcome it wanted; no rule is left", async () => {
        aws.addRuleAtPriority(AUTOMATIC);
        aws.hold("DescribeRules", 2);
        const [a, b] = await Promise.all([reconcileFailover(SETTINGS, aws.clients()), reconcileFailover(SETTINGS, aws.clients())]);
        expect(a.decision.action).to.equal("restore");
        expect(b.decision.action).to.equal("restore");
        expect(aws.count("DeleteRule")).to.equal(2);
        expect(aws.count("DeleteRule", "RuleNotFoundException")).to.equal(1);
        expect(aws.failoverRules()).to.deep.equal([]);
        expect(a.ruleArn).to.equal(undefined);
        expect(b.ruleArn).to.equal(undefined);
        // The listener's default rule (the weighted forward) is untouched.
        expect(aws.rules.filter((r) => r.IsDefault).map((r) => aws.targetsOf(r))).to.deep.equal([[CLOUD_TG, ONPREM_TG]]);
    });

    it("a rule deleted by one run while the other reads its tags: the reader reads again instead of failing", async () => {
        aws.addRuleAtPriority(AUTOMATIC);
        const a = reconcileFailover(SETTINGS, aws.clients());
        // Run B's DescribeTags (the second call) waits until run A has deleted the rule and settled.
        aws.holdUntil("DescribeTags", a, 1);
        const b = reconcileFailover(SETTINGS, aws.clients());
        const [ra, rb] = await Promise.all([a, b]);
        expect(ra.steps.map((s) => [s.decision.action, s.result])).to.deep.equal([["restore", "done"], ["nothing", "none"]]);
        expect(aws.count("DescribeTags", "RuleNotFoundException")).to.equal(1);
        expect(rb.changed).to.equal(false);
        expect(rb.steps.map((s) => s.situation.rule)).to.deep.equal(["absent"]);
        expect(aws.failoverRules()).to.deep.equal([]);
    });

    it("the servers fail again while a run restores: the restoring run reads again after its delete and fails over again", async () => {
        aws.addRuleAtPriority(AUTOMATIC);
        let release!: () => void;
        aws.holdUntil("DeleteRule", new Promise<void>((resolve) => (release = resolve)));
        // Run A saw "recovered" and is about to delete the rule.
        const a = reconcileFailover(SETTINGS, aws.clients());
        while (aws.count("DescribeTags") === 0) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 20));
        // The servers fail again; run B (woken by that alarm) still sees A's rule in place: nothing to do.
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
        const b = await reconcileFailover(SETTINGS, aws.clients());
        expect(b.decision.action).to.equal("nothing");
        release();
        const ra = await a;
        expect(ra.steps.map((s) => [s.decision.action, s.result])).to.deep.equal([["restore", "done"], ["fail over", "done"], ["nothing", "none"]]);
        expectOneCorrectRule(aws);
    });

    it("a run that keeps losing to another writer fails after a bounded number of rounds (the Errors metric shows it)", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        // Someone deletes every rule the function creates, right after it is created.
        aws.afterServe.CreateRule = () => {
            aws.rules = aws.rules.filter((r) => r.Priority !== ENV.RULE_PRIORITY);
        };
        let error: Error | undefined;
        await reconcileFailover(SETTINGS, aws.clients()).catch((e: Error) => (error = e));
        expect(error?.message).to.equal("failover did not settle in 4 rounds: fail over (done), fail over (done), fail over (done), fail over (done)");
        expect(aws.count("CreateRule")).to.equal(4);
    });

    it("a rule that keeps vanishing while it is read fails the run too, saying so", async () => {
        aws.addRuleAtPriority(AUTOMATIC);
        aws.afterServe.DescribeRules = () => {
            const [rule] = aws.failoverRules();
            aws.rules = aws.rules.filter((r) => r !== rule);
            aws.addRuleAtPriority(AUTOMATIC);
        };
        let error: Error | undefined;
        await reconcileFailover(SETTINGS, aws.clients()).catch((e: Error) => (error = e));
        expect(error?.message).to.equal("failover did not settle in 4 rounds: the rule kept disappearing while it was read");
    });
});

describe("HybridLink failover: a stale rule after a deploy replaced the cloud target group (ELBv2 model)", () => {
    let aws: FailoverAwsModel;
    beforeEach(() => {
        aws = new FailoverAwsModel();
        // A failover was in effect on the old group; the deploy created the new group (auto-named,
        // created before the old one is deleted) and moved the Auto Scaling group to it.
        aws.targetGroups.add(OLD_CLOUD_TG);
        aws.addRuleAtPriority(AUTOMATIC, OLD_CLOUD_TG);
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "ALARM";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "OK";
    });
    afterEach(() => aws.restore());

    const deleteOldGroup = () => aws.clients().elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: OLD_CLOUD_TG }));

    it("while the rule forwards to the old group, the deploy cannot delete it (ResourceInUse), and every request goes to a group without instances", async () => {
        let error: Error | undefined;
        await deleteOldGroup().catch((e: Error) => (error = e));
        expect(error?.name).to.equal("ResourceInUseException");
        expect(aws.failoverTarget()).to.deep.equal([OLD_CLOUD_TG]);
    });

    it("the next run points the rule at the current cloud group (same rule, modified), and the old group can then be deleted", async () => {
        const before = aws.failoverRules()[0].RuleArn;
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.situation.rule).to.equal("stale");
        expect(outcome.decision.action).to.equal("correct");
        expect(outcome.changed).to.equal(true);
        expect(expectOneCorrectRule(aws)).to.equal(before);
        expect(outcome.steps.map((s) => s.situation.rule)).to.deep.equal(["stale", "automatic"]);
        await deleteOldGroup();
        expect(aws.targetGroups.has(OLD_CLOUD_TG)).to.equal(false);
    });

    it("also while the servers answer again but the recovery window is not over (the failover is still in effect)", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "OK";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "INSUFFICIENT_DATA";
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.decision.action).to.equal("correct");
        expectOneCorrectRule(aws);
    });

    it("once the failover is over, the stale rule is removed and the weighted forward serves again", async () => {
        aws.alarms[ENV.UNHEALTHY_ALARM_NAME] = "OK";
        aws.alarms[ENV.RECOVERED_ALARM_NAME] = "ALARM";
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.decision.action).to.equal("restore");
        expect(aws.failoverRules()).to.deep.equal([]);
        expect(aws.count("ModifyRule")).to.equal(0);
        await deleteOldGroup();
    });

    it("two runs correcting at once leave one rule on the current group", async () => {
        aws.hold("DescribeRules", 2);
        await Promise.all([reconcileFailover(SETTINGS, aws.clients()), reconcileFailover(SETTINGS, aws.clients())]);
        expectOneCorrectRule(aws);
    });

    it("a person's stale hold is still theirs: left alone", async () => {
        aws.rules = aws.rules.filter((r) => r.Priority !== "1");
        aws.addRuleAtPriority(MANUAL, OLD_CLOUD_TG);
        const outcome = await reconcileFailover(SETTINGS, aws.clients());
        expect(outcome.situation.rule).to.equal("manual");
        expect(aws.count("ModifyRule") + aws.count("DeleteRule") + aws.count("CreateRule")).to.equal(0);
        expect(aws.failoverTarget()).to.deep.equal([OLD_CLOUD_TG]);
    });

    it("its role may modify its own rule and no other (IAM policy simulator)", async () => {
        const arn = (rest: string) => `arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:${rest}`;
        const doc = failoverFunctionPolicy({
            listenerArn: ENV.LISTENER_ARN,
            alarmArns: [`arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:${ENV.UNHEALTHY_ALARM_NAME}`],
            logGroupArn: "arn:aws:logs:ap-northeast-2:123456789012:log-group:link-failover",
        });
        const ask = (resource: string, tag: string) => decide([doc], {
            principal: "arn:aws:iam::123456789012:role/link-failover",
            action: "elasticloadbalancing:ModifyRule",
            resource,
            context: { "aws:ResourceTag/kgsports:failover": tag },
        });
        const ours = arn("listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6c0000");
        expect(await ask(ours, "automatic")).to.equal("Allowed");
        expect(await ask(ours, "manual")).to.equal("ImplicitlyDenied");
        expect(await ask(arn("listener-rule/app/other-alb/1111111111111111/2222222222222222/3333333333333333"), "automatic")).to.equal("ImplicitlyDenied");
    });
});
