/**
 * A model of the two AWS APIs the failover function calls, behind aws-sdk-client-mock,
 * with state and ELBv2's documented rules (API reference, ElasticLoadBalancingV2):
 * - a listener's rule priorities are unique: CreateRule at a priority in use fails with
 *   PriorityInUse (this is what serialises two runs of the function);
 * - CreateRule and ModifyRule forward only to a target group that exists
 *   (TargetGroupNotFound otherwise);
 * - ModifyRule, DeleteRule and DescribeTags of a rule that is gone fail with RuleNotFound;
 * - DescribeRules reports a forward to one group both as `TargetGroupArn` and as
 *   `ForwardConfig`, pages by `Marker` and `PageSize`, and lists the default rule;
 * - a target group a rule still forwards to cannot be deleted (ResourceInUse).
 * CloudWatch's DescribeAlarms answers the states set on the model; an alarm that does
 * not exist is left out of the answer.
 *
 * Each API call can be held before it is served (`hold`), so a test interleaves two
 * runs' calls exactly as it wants: e.g. both runs list the rules before either creates one.
 */
import { mockClient } from "aws-sdk-client-mock";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import {
    Action,
    CreateRuleCommand,
    DeleteRuleCommand,
    DeleteTargetGroupCommand,
    DescribeRulesCommand,
    DescribeTagsCommand,
    ElasticLoadBalancingV2Client,
    ModifyRuleCommand,
    Rule,
    RuleCondition,
    Tag,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { AlarmState } from "@kgsports/hybrid-link";

// The pinned SDK works on Node 20; its notice about later SDK versions needing Node 22 is not for this test run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export const REGION = "ap-northeast-2";
export const LISTENER = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2";
export const CLOUD_TG = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg-1a2b3c4/73e2d6bc24d8a067";
/** The cloud target group a deploy replaced (auto-naming creates the new one before deleting the old). */
export const OLD_CLOUD_TG = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg-0f9e8d7/1b2c3d4e5f607182";
export const ONPREM_TG = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/hybrid-onprem-5e6f7a8/0a1b2c3d4e5f6071";
const RULE_PREFIX = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/";

export const ENV = {
    LISTENER_ARN: LISTENER,
    CLOUD_TARGET_GROUP_ARN: CLOUD_TG,
    UNHEALTHY_ALARM_NAME: "link-unhealthy-1a2b3c4",
    TUNNELS_DOWN_ALARM_NAME: "link-tunnels-down-5d6e7f8",
    RECOVERED_ALARM_NAME: "link-recovered-9a0b1c2",
    RULE_PRIORITY: "1",
};

/** A rule as the model stores it. */
export interface ModelRule {
    RuleArn: string;
    Priority: string;
    IsDefault: boolean;
    Conditions: RuleCondition[];
    Actions: Action[];
    tags: Tag[];
}

export type ApiName = "DescribeAlarms" | "DescribeRules" | "DescribeTags" | "CreateRule" | "ModifyRule" | "DeleteRule";

function awsError(name: string, message: string): Error {
    return Object.assign(new Error(message), { name, $fault: "client" });
}

/** A forward action as ELBv2 reports it: one group appears both as TargetGroupArn and in ForwardConfig. */
function asReported(action: Action): Action {
    const groups = action.ForwardConfig?.TargetGroups ?? [];
    if (action.Type !== "forward") return action;
    const one = groups.length === 1 ? groups[0].TargetGroupArn : action.TargetGroupArn;
    return {
        ...action,
        ...(one !== undefined ? { TargetGroupArn: one } : {}),
        ForwardConfig: { TargetGroups: groups.length > 0 ? groups : [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
    };
}

export class FailoverAwsModel {
    alarms: Record<string, AlarmState> = { [ENV.UNHEALTHY_ALARM_NAME]: "OK", [ENV.TUNNELS_DOWN_ALARM_NAME]: "OK", [ENV.RECOVERED_ALARM_NAME]: "ALARM" };
    /** Alarms that are composite alarms (CloudWatch lists them apart from metric alarms). */
    compositeAlarms = new Set<string>();
    targetGroups = new Set<string>([CLOUD_TG, ONPREM_TG]);
    /** ELBv2 returns at most 400 rules a page; a test may lower it to make pages. */
    maxPageSize = 400;
    rules: ModelRule[] = [{
        RuleArn: `${RULE_PREFIX}default00000000`,
        Priority: "default",
        IsDefault: true,
        Conditions: [],
        Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: CLOUD_TG, Weight: 90 }, { TargetGroupArn: ONPREM_TG, Weight: 10 }] } }],
        tags: [],
    }];
    /** Every call served, in order, with its outcome (an error name, or "ok"). */
    readonly log: { api: ApiName; outcome: string }[] = [];
    readonly elb = mockClient(ElasticLoadBalancingV2Client);
    readonly cw = mockClient(CloudWatchClient);
    private next = 0;
    private readonly holds: Partial<Record<ApiName, (() => Promise<void>)[]>> = {};
    /** What another actor does right after a call succeeds (e.g. deletes the rule just created). */
    readonly afterServe: Partial<Record<ApiName, () => void>> = {};

    constructor() {
        // DescribeAlarms: without AlarmTypes, metric alarms only; an unknown type is a ValidationError.
        this.cw.on(DescribeAlarmsCommand).callsFake((input) => this.serve("DescribeAlarms", () => {
            const types: string[] = input.AlarmTypes ?? [];
            if (types.some((t) => t !== "MetricAlarm" && t !== "CompositeAlarm")) throw awsError("ValidationError", "AlarmTypes must be MetricAlarm or CompositeAlarm");
            const existing = (input.AlarmNames ?? []).filter((n: string) => n in this.alarms && this.alarms[n] !== "MISSING");
            const metric = types.length === 0 || types.includes("MetricAlarm");
            const composite = types.includes("CompositeAlarm");
            return {
                MetricAlarms: metric ? existing.filter((n: string) => !this.compositeAlarms.has(n)).map((n: string) => ({ AlarmName: n, StateValue: this.alarms[n] })) : [],
                CompositeAlarms: composite ? existing.filter((n: string) => this.compositeAlarms.has(n)).map((n: string) => ({ AlarmName: n, StateValue: this.alarms[n] })) : [],
            };
        }));
        this.elb.on(DescribeRulesCommand).callsFake((input) => this.serve("DescribeRules", () => {
            if (input.ListenerArn !== LISTENER) throw awsError("ListenerNotFoundException", "One or more listeners not found");
            const sorted = [...this.rules].sort((a, b) => (a.IsDefault ? 1 : 0) - (b.IsDefault ? 1 : 0) || Number(a.Priority) - Number(b.Priority));
            const from = Number(input.Marker ?? "0");
            const size = Math.min(input.PageSize ?? this.maxPageSize, this.maxPageSize);
            const page = sorted.slice(from, from + size);
            const rules: Rule[] = page.map((r) => ({ RuleArn: r.RuleArn, Priority: r.Priority, IsDefault: r.IsDefault, Conditions: r.Conditions, Actions: r.Actions.map(asReported) }));
            return { Rules: rules, ...(from + size < sorted.length ? { NextMarker: String(from + size) } : {}) };
        }));
        this.elb.on(DescribeTagsCommand).callsFake((input) => this.serve("DescribeTags", () => ({
            TagDescriptions: (input.ResourceArns ?? []).map((arn: string) => {
                const rule = this.rules.find((r) => r.RuleArn === arn);
                if (!rule) throw awsError("RuleNotFoundException", "One or more rules not found");
                return { ResourceArn: arn, Tags: rule.tags };
            }),
        })));
        this.elb.on(CreateRuleCommand).callsFake((input) => this.serve("CreateRule", () => {
            if (input.ListenerArn !== LISTENER) throw awsError("ListenerNotFoundException", "One or more listeners not found");
            const priority = Number(input.Priority);
            if (!Number.isInteger(priority) || priority < 1 || priority > 50000) throw awsError("ValidationError", "Priority must be between 1 and 50000");
            if (this.rules.some((r) => r.Priority === String(priority))) throw awsError("PriorityInUseException", `Priority '${priority}' is currently in use`);
            this.checkTargets(input.Actions ?? []);
            const rule: ModelRule = {
                RuleArn: `${RULE_PREFIX}9683b2d02a6c${(this.next++).toString(16).padStart(4, "0")}`,
                Priority: String(priority),
                IsDefault: false,
                Conditions: input.Conditions ?? [],
                Actions: input.Actions ?? [],
                tags: input.Tags ?? [],
            };
            this.rules.push(rule);
            return { Rules: [{ RuleArn: rule.RuleArn, Priority: rule.Priority, Conditions: rule.Conditions, Actions: rule.Actions.map(asReported) }] };
        }));
        this.elb.on(ModifyRuleCommand).callsFake((input) => this.serve("ModifyRule", () => {
            const rule = this.rules.find((r) => r.RuleArn === input.RuleArn);
            if (!rule) throw awsError("RuleNotFoundException", "One or more rules not found");
            if (input.Actions) {
                this.checkTargets(input.Actions);
                rule.Actions = input.Actions;
            }
            if (input.Conditions) rule.Conditions = input.Conditions;
            return { Rules: [{ RuleArn: rule.RuleArn, Priority: rule.Priority, Conditions: rule.Conditions, Actions: rule.Actions.map(asReported) }] };
        }));
        this.elb.on(DeleteRuleCommand).callsFake((input) => this.serve("DeleteRule", () => {
            const rule = this.rules.find((r) => r.RuleArn === input.RuleArn);
            if (!rule) throw awsError("RuleNotFoundException", "One or more rules not found");
            if (rule.IsDefault) throw awsError("OperationNotPermittedException", "Default rules cannot be deleted");
            this.rules = this.rules.filter((r) => r !== rule);
            return {};
        }));
        // Not called by the function: what a deploy does to a replaced target group.
        this.elb.on(DeleteTargetGroupCommand).callsFake((input) => {
            const arn = String(input.TargetGroupArn);
            if (this.rules.some((r) => this.targetsOf(r).includes(arn))) throw awsError("ResourceInUseException", `Target group '${arn}' is currently in use by a listener or a rule`);
            this.targetGroups.delete(arn);
            return {};
        });
    }

    /** Serves a call once every hold on its API has let it through, logging the outcome. */
    private async serve<T>(api: ApiName, answer: () => T): Promise<T> {
        const hold = this.holds[api]?.shift();
        if (hold) await hold();
        try {
            const result = answer();
            this.log.push({ api, outcome: "ok" });
            this.afterServe[api]?.();
            return result;
        } catch (err) {
            this.log.push({ api, outcome: (err as Error).name });
            throw err;
        }
    }

    /**
     * The next `parties` calls of `api` wait until all of them have arrived, then are
     * served together (against the same state): a barrier.
     */
    hold(api: ApiName, parties: number): void {
        let arrived = 0;
        let release!: () => void;
        const all = new Promise<void>((resolve) => (release = resolve));
        const queue = (this.holds[api] ??= []);
        for (let i = 0; i < parties; i++) {
            queue.push(async () => {
                arrived++;
                if (arrived === parties) release();
                await all;
            });
        }
    }

    /** The call of `api` after the next `skip` ones waits for `until` before it is served. */
    holdUntil(api: ApiName, until: Promise<unknown>, skip = 0): void {
        const queue = (this.holds[api] ??= []);
        for (let i = 0; i < skip; i++) queue.push(async () => undefined);
        queue.push(async () => {
            await until.catch(() => undefined);
        });
    }

    private checkTargets(actions: Action[]): void {
        for (const a of actions) {
            for (const arn of [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((g) => g.TargetGroupArn)]) {
                if (arn !== undefined && !this.targetGroups.has(arn)) throw awsError("TargetGroupNotFoundException", `Target group '${arn}' not found`);
            }
        }
    }

    targetsOf(rule: ModelRule): string[] {
        return rule.Actions.flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((g) => g.TargetGroupArn)]).filter((x): x is string => x !== undefined);
    }

    clients() {
        return { elb: new ElasticLoadBalancingV2Client({ region: REGION }), cloudwatch: new CloudWatchClient({ region: REGION }) };
    }

    /** A rule someone (or an earlier run) put at the failover priority. */
    addRuleAtPriority(tags: Tag[], targetGroupArn = CLOUD_TG, priority = "1"): ModelRule {
        const rule: ModelRule = {
            RuleArn: `${RULE_PREFIX}1a2b3c4d5e6f${(this.next++).toString(16).padStart(4, "0")}`,
            Priority: priority,
            IsDefault: false,
            Conditions: [{ Field: "path-pattern", PathPatternConfig: { Values: ["/*"] } }],
            Actions: [{ Type: "forward", ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }] } }],
            tags,
        };
        this.rules.push(rule);
        return rule;
    }

    failoverRules(priority = ENV.RULE_PRIORITY): ModelRule[] {
        return this.rules.filter((r) => r.Priority === priority);
    }

    /** Where every request goes while the rule at the priority is there (its only target group), else undefined. */
    failoverTarget(priority = ENV.RULE_PRIORITY): string[] | undefined {
        const [rule] = this.failoverRules(priority);
        return rule ? [...new Set(this.targetsOf(rule))] : undefined;
    }

    count(api: ApiName, outcome?: string): number {
        return this.log.filter((l) => l.api === api && (outcome === undefined || l.outcome === outcome)).length;
    }

    restore(): void {
        this.elb.restore();
        this.cw.restore();
    }
}

export const AUTOMATIC: Tag[] = [{ Key: "kgsports:failover", Value: "automatic" }];
export const MANUAL: Tag[] = [{ Key: "kgsports:failover", Value: "manual" }];
