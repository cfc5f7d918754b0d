/**
 * The failover function (AWS Lambda, Node.js 24). Woken by a state change of one of
 * the link's failover alarms, or by the periodic reconcile, it reads the alarms' current
 * states and the listener's rules, decides (`decideFailover`), and adds, corrects or
 * deletes the one listener rule that sends all traffic to the cloud target group. Pulumi
 * never declares that rule, so neither side undoes the other.
 *
 * Runs may overlap (no reserved concurrency: accounts with a low concurrency quota
 * cannot reserve any). The listener is the lock: ELBv2 refuses a second rule at the
 * same priority (PriorityInUse), and a rule deleted by another run is RuleNotFound. On
 * either, and after every change, the run reads again and decides again, until there
 * is nothing left to do.
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
    ModifyRuleCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { Action, RuleCondition, Rule } from "@aws-sdk/client-elastic-load-balancing-v2";
import { decideFailover, FAILOVER_TAG_AUTOMATIC, FAILOVER_TAG_KEY, failoverRuleState } from "./decide";
import type { AlarmState, FailoverDecision, FailoverSituation } from "./decide";
import { settingsFromEnvironment } from "./settings";
import type { FailoverSettings } from "./settings";

export interface FailoverClients {
    elb: ElasticLoadBalancingV2Client;
    cloudwatch: CloudWatchClient;
}

/** One read-decide-act round of a run. */
export interface FailoverStep {
    situation: FailoverSituation;
    decision: FailoverDecision;
    /** `done`: the change was made; `conflict`: another run (or a person) got there first; `none`: nothing to do. */
    result: "done" | "conflict" | "none";
}

export interface FailoverOutcome {
    /** What the run found first. */
    situation: FailoverSituation;
    /** What it decided first (what the event called for). */
    decision: FailoverDecision;
    /** The failover rule after the run, if there is one. */
    ruleArn?: string;
    /** Whether this run created, corrected or deleted the rule. */
    changed: boolean;
    /** Every round, the last one finding nothing left to do. */
    steps: FailoverStep[];
}

/** The path condition of the failover rule: every request. */
export const FAILOVER_PATH_PATTERN = "/*";

/**
 * Rounds of read-decide-act per run. A change takes one round and its check another; a
 * conflict costs one more. More than this means something keeps changing the rule: the
 * run fails, so the Errors metric shows it and the next run tries again.
 */
export const MAX_FAILOVER_ROUNDS = 4;

/** The error names after which a round reads again instead of failing. */
export const FAILOVER_CONFLICT_ERRORS: readonly string[] = ["PriorityInUseException", "RuleNotFoundException"];

/** The failover rule's condition and action: every path, forwarded to the current cloud target group. */
export function failoverRuleBody(settings: FailoverSettings): { Conditions: RuleCondition[]; Actions: Action[] } {
    return {
        Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: [FAILOVER_PATH_PATTERN] } }],
        Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: settings.cloudTargetGroupArn, Weight: 1 }] } }],
    };
}

/**
 * The alarms' current states (MISSING for an alarm that does not exist). Metric and
 * composite alarms alike: without AlarmTypes, CloudWatch answers metric alarms only.
 */
async function alarmStates(settings: FailoverSettings, cloudwatch: CloudWatchClient): Promise<Record<string, AlarmState>> {
    const names = [settings.unhealthyAlarmName, settings.tunnelsDownAlarmName, settings.recoveredAlarmName];
    const answer = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ["MetricAlarm", "CompositeAlarm"] }));
    // Stryker disable next-line ArrayDeclaration: equivalent: CloudWatch always answers both lists (empty when none match)
    const metric = answer.MetricAlarms ?? [];
    // Stryker disable next-line ArrayDeclaration: equivalent, as above
    const composite = answer.CompositeAlarms ?? [];
    const found = new Map([...metric, ...composite].map((a) => [a.AlarmName, a.StateValue as AlarmState]));
    return Object.fromEntries(names.map((n) => [n, found.get(n) ?? "MISSING"]));
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

/** What is true now: the three alarms and the rule at the failover priority (and where it forwards). */
export async function readFailoverSituation(settings: FailoverSettings, clients: FailoverClients): Promise<{ situation: FailoverSituation; ruleArn?: string }> {
    const [states, rule] = await Promise.all([alarmStates(settings, clients.cloudwatch), ruleAtPriority(settings, clients.elb)]);
    let ruleState: FailoverSituation["rule"] = "absent";
    if (rule?.RuleArn) {
        const tags = await clients.elb.send(new DescribeTagsCommand({ ResourceArns: [rule.RuleArn] }));
        // One ARN asked for: one description answered (or RuleNotFound).
        // Stryker disable next-line ArrayDeclaration,OptionalChaining: equivalent: DescribeTags answers every ARN it was asked for
        const [description] = tags.TagDescriptions ?? [];
        // Stryker disable next-line OptionalChaining: equivalent, as above
        ruleState = failoverRuleState(description?.Tags, rule.Actions, settings.cloudTargetGroupArn);
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

/** Whether an API error means another writer got there first. */
function isConflict(err: unknown): boolean {
    const name = errorName(err);
    return FAILOVER_CONFLICT_ERRORS.some((conflict) => conflict === name);
}

/** Carries out one decision. Returns false on a conflict (another writer got there first). */
async function act(action: FailoverDecision["action"], ruleArn: string | undefined, settings: FailoverSettings, elb: ElasticLoadBalancingV2Client): Promise<boolean> {
    try {
        if (action === "fail over") {
            await elb.send(new CreateRuleCommand({
                ListenerArn: settings.listenerArn,
                Priority: settings.rulePriority,
                ...failoverRuleBody(settings),
                Tags: [{ Key: FAILOVER_TAG_KEY, Value: FAILOVER_TAG_AUTOMATIC }],
            }));
        } else if (action === "correct") {
            await elb.send(new ModifyRuleCommand({ RuleArn: ruleArn, ...failoverRuleBody(settings) }));
        } else {
            await elb.send(new DeleteRuleCommand({ RuleArn: ruleArn }));
        }
        return true;
    } catch (err) {
        if (isConflict(err)) return false;
        throw err;
    }
}

/**
 * Reads, decides and acts until nothing is left to do. Safe to run any number of times,
 * in any order, and at the same time as another run.
 */
export async function reconcileFailover(settings: FailoverSettings, clients: FailoverClients): Promise<FailoverOutcome> {
    const steps: FailoverStep[] = [];
    for (let round = 0; round < MAX_FAILOVER_ROUNDS; round++) {
        let read: Awaited<ReturnType<typeof readFailoverSituation>>;
        try {
            read = await readFailoverSituation(settings, clients);
        } catch (err) {
            // The rule went between listing it and reading its tags (another run deleted it): read again.
            if (errorName(err) === "RuleNotFoundException") continue;
            throw err;
        }
        const { situation, ruleArn } = read;
        const decision = decideFailover(situation);
        if (decision.action === "nothing") {
            steps.push({ situation, decision, result: "none" });
            return { situation: steps[0].situation, decision: steps[0].decision, ruleArn, changed: steps.some((s) => s.result === "done"), steps };
        }
        const done = await act(decision.action, ruleArn, settings, clients.elb);
        steps.push({ situation, decision, result: done ? "done" : "conflict" });
    }
    throw new Error(`failover did not settle in ${MAX_FAILOVER_ROUNDS} rounds: ${steps.map((s) => `${s.decision.action} (${s.result})`).join(", ") || "the rule kept disappearing while it was read"}`);
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
