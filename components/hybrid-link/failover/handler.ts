/**
 * The failover function (AWS Lambda, Node.js 20). Woken by a state change of one of
 * the link's failover alarms, or by the periodic reconcile, it reads the alarms' current
 * states and the listener's rules, decides (`decideFailover`), and adds or deletes the
 * one listener rule that sends all traffic to the cloud target group. Pulumi never
 * declares that rule, so neither side undoes the other.
 *
 * Shipped as `index.js` next to `decide.js` and `settings.js`; the AWS SDK v3 clients
 * come with the Lambda runtime and are not bundled. Import nothing else here.
 */
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
    CreateRuleCommand,
    DeleteRuleCommand,
    DescribeRulesCommand,
    DescribeTagsCommand,
    ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Rule } from "@aws-sdk/client-elastic-load-balancing-v2";
import { classifyFailoverRule, decideFailover, FAILOVER_TAG_AUTOMATIC, FAILOVER_TAG_KEY } from "./decide";
import type { AlarmState, FailoverDecision, FailoverSituation } from "./decide";
import { settingsFromEnvironment } from "./settings";
import type { FailoverSettings } from "./settings";

export interface FailoverClients {
    elb: ElasticLoadBalancingV2Client;
    cloudwatch: CloudWatchClient;
}

export interface FailoverOutcome {
    situation: FailoverSituation;
    decision: FailoverDecision;
    /** The failover rule after the run, if there is one. */
    ruleArn?: string;
    /** Whether this run created or deleted the rule. */
    changed: boolean;
}

/** The path condition of the failover rule: every request. */
export const FAILOVER_PATH_PATTERN = "/*";

/** The alarms' current states (MISSING for an alarm that does not exist). */
async function alarmStates(settings: FailoverSettings, cloudwatch: CloudWatchClient): Promise<Record<string, AlarmState>> {
    const names = [settings.unhealthyAlarmName, settings.tunnelsDownAlarmName, settings.recoveredAlarmName];
    const answer = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ["MetricAlarm"] }));
    const states: Record<string, AlarmState> = Object.fromEntries(names.map((n) => [n, "MISSING" as AlarmState]));
    for (const alarm of answer.MetricAlarms ?? []) {
        if (alarm.AlarmName && alarm.StateValue && alarm.AlarmName in states) states[alarm.AlarmName] = alarm.StateValue as AlarmState;
    }
    return states;
}

/** The listener's rule at the failover priority, if any (all pages). */
async function ruleAtPriority(settings: FailoverSettings, elb: ElasticLoadBalancingV2Client): Promise<Rule | undefined> {
    let marker: string | undefined;
    do {
        const page = await elb.send(new DescribeRulesCommand({ ListenerArn: settings.listenerArn, Marker: marker, PageSize: 400 }));
        const found = (page.Rules ?? []).find((r) => r.Priority === String(settings.rulePriority));
        if (found) return found;
        marker = page.NextMarker;
    } while (marker);
    return undefined;
}

/** What is true now: the three alarms and the rule at the failover priority. */
export async function readFailoverSituation(settings: FailoverSettings, clients: FailoverClients): Promise<{ situation: FailoverSituation; ruleArn?: string }> {
    const [states, rule] = await Promise.all([alarmStates(settings, clients.cloudwatch), ruleAtPriority(settings, clients.elb)]);
    let ruleState: FailoverSituation["rule"] = "absent";
    if (rule?.RuleArn) {
        const tags = await clients.elb.send(new DescribeTagsCommand({ ResourceArns: [rule.RuleArn] }));
        ruleState = classifyFailoverRule(tags.TagDescriptions?.find((d) => d.ResourceArn === rule.RuleArn)?.Tags);
    }
    return {
        situation: {
            unhealthyAlarm: states[settings.unhealthyAlarmName],
            tunnelsDownAlarm: states[settings.tunnelsDownAlarmName],
            recoveredAlarm: states[settings.recoveredAlarmName],
            rule: ruleState,
        },
        ruleArn: rule?.RuleArn,
    };
}

function errorName(err: unknown): string | undefined {
    return typeof err === "object" && err !== null && "name" in err ? String((err as { name: unknown }).name) : undefined;
}

/** Reads, decides and acts once. Safe to run any number of times, in any order. */
export async function reconcileFailover(settings: FailoverSettings, clients: FailoverClients): Promise<FailoverOutcome> {
    const { situation, ruleArn } = await readFailoverSituation(settings, clients);
    const decision = decideFailover(situation);
    if (decision.action === "fail over") {
        try {
            const created = await clients.elb.send(new CreateRuleCommand({
                ListenerArn: settings.listenerArn,
                Priority: settings.rulePriority,
                Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: [FAILOVER_PATH_PATTERN] } }],
                Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: settings.cloudTargetGroupArn, Weight: 1 }] } }],
                Tags: [{ Key: FAILOVER_TAG_KEY, Value: FAILOVER_TAG_AUTOMATIC }],
            }));
            return { situation, decision, ruleArn: created.Rules?.[0]?.RuleArn, changed: true };
        } catch (err) {
            // Another run (or a person) took the priority between our read and our write: the next run decides again.
            if (errorName(err) === "PriorityInUseException") return { situation, decision, changed: false };
            throw err;
        }
    }
    if (decision.action === "restore" && ruleArn) {
        try {
            await clients.elb.send(new DeleteRuleCommand({ RuleArn: ruleArn }));
            return { situation, decision, changed: true };
        } catch (err) {
            // Already gone: the outcome we wanted.
            if (errorName(err) === "RuleNotFoundException") return { situation, decision, changed: false };
            throw err;
        }
    }
    return { situation, decision, ruleArn, changed: false };
}

let defaultClients: FailoverClients | undefined;

/** What woke the function, for its log: an alarm's new state, or the schedule. */
export function describeTrigger(event: unknown): string {
    const e = (event ?? {}) as { "detail-type"?: string; detail?: { alarmName?: string; state?: { value?: string } } };
    if (e["detail-type"] === "CloudWatch Alarm State Change") return `alarm ${e.detail?.alarmName} is now ${e.detail?.state?.value}`;
    if (e["detail-type"] === "Scheduled Event") return "periodic reconcile";
    return "direct invocation";
}

/** The Lambda entry point (`index.handler`). */
export async function handler(event: unknown): Promise<FailoverOutcome> {
    const settings = settingsFromEnvironment(process.env);
    defaultClients ??= { elb: new ElasticLoadBalancingV2Client({}), cloudwatch: new CloudWatchClient({}) };
    const outcome = await reconcileFailover(settings, defaultClients);
    console.log(JSON.stringify({ trigger: describeTrigger(event), ...outcome }));
    return outcome;
}
