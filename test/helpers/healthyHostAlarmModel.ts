/**
 * A model of what decides the on-premise failover, from the servers to the listener
 * rule, for tests that must not take the alarms' word for what they do:
 *
 * - The load balancer health-checks every target every `intervalSeconds` (checks at
 *   0, 15, 30 ... s). A check passes while the server is up. A target becomes unhealthy
 *   after `unhealthyThreshold` consecutive failed checks and healthy again after
 *   `healthyThreshold` consecutive passes (ELB's target health rules; the component's
 *   defaults are 15 s, 3 and 2).
 * - `AWS/ApplicationELB HealthyHostCount` by TargetGroup and LoadBalancer: the number of
 *   healthy targets, sampled at each check; a one-minute datapoint is the alarm's
 *   statistic over that minute's samples (Minimum, Maximum or Average).
 * - A CloudWatch metric alarm evaluated at the end of each minute (publishing delay left
 *   out): ALARM when at least `datapointsToAlarm` of the last `evaluationPeriods`
 *   datapoints breach the threshold by its comparison, OK otherwise; INSUFFICIENT_DATA
 *   until it has `evaluationPeriods` datapoints (every minute has data here).
 * - The failover function runs on every state change, with the alarms' states after
 *   that evaluation, and applies `decideFailover` to the listener rule.
 */
import { decideFailover, FailoverAlarmSpec, FailoverRuleState } from "@kgsports/hybrid-link";
import type { AlarmState } from "@kgsports/hybrid-link";

export interface ServerOutage {
    /** Server index. */
    server: number;
    /** Minute it stops answering. */
    downAtMinute: number;
    /** Minute it answers again (never when undefined). */
    upAtMinute?: number;
}

export interface HealthCheckSettings {
    intervalSeconds: number;
    unhealthyThreshold: number;
    healthyThreshold: number;
}

export const COMPONENT_HEALTH_CHECK: HealthCheckSettings = { intervalSeconds: 15, unhealthyThreshold: 3, healthyThreshold: 2 };

/** HealthyHostCount at every check of every minute from 0 to `minutes` - 1 (all targets healthy at the start). */
export function healthyHostSamples(servers: number, outages: readonly ServerOutage[], minutes: number, hc: HealthCheckSettings = COMPONENT_HEALTH_CHECK): number[][] {
    const up = (server: number, t: number) =>
        !outages.some((o) => o.server === server && t >= o.downAtMinute * 60 && (o.upAtMinute === undefined || t < o.upAtMinute * 60));
    const healthy = Array.from({ length: servers }, () => true);
    const fails = Array.from({ length: servers }, () => 0);
    const passes = Array.from({ length: servers }, () => 0);
    const out: number[][] = Array.from({ length: minutes }, () => []);
    for (let t = 0; t < minutes * 60; t += hc.intervalSeconds) {
        for (let s = 0; s < servers; s++) {
            if (up(s, t)) {
                passes[s] += 1;
                fails[s] = 0;
                if (!healthy[s] && passes[s] >= hc.healthyThreshold) healthy[s] = true;
            } else {
                fails[s] += 1;
                passes[s] = 0;
                if (healthy[s] && fails[s] >= hc.unhealthyThreshold) healthy[s] = false;
            }
        }
        out[Math.floor(t / 60)].push(healthy.filter(Boolean).length);
    }
    return out;
}

/** One datapoint per minute: the spec's statistic over that minute's samples. */
export function datapoints(samples: readonly number[][], statistic: string): number[] {
    return samples.map((xs) => {
        switch (statistic) {
            case "Minimum": return Math.min(...xs);
            case "Maximum": return Math.max(...xs);
            case "Average": return xs.reduce((a, b) => a + b, 0) / xs.length;
            default: throw new Error(`statistic ${statistic} not modelled`);
        }
    });
}

function breaches(spec: Pick<FailoverAlarmSpec, "comparisonOperator" | "threshold">, value: number): boolean {
    switch (spec.comparisonOperator as string) {
        case "LessThanThreshold": return value < spec.threshold;
        case "LessThanOrEqualToThreshold": return value <= spec.threshold;
        case "GreaterThanThreshold": return value > spec.threshold;
        case "GreaterThanOrEqualToThreshold": return value >= spec.threshold;
        default: throw new Error(`comparison ${spec.comparisonOperator} not modelled`);
    }
}

/** The alarm's state after the evaluation at the end of each minute. */
export function alarmStates(spec: FailoverAlarmSpec, points: readonly number[]): AlarmState[] {
    return points.map((_, i) => {
        if (i + 1 < spec.evaluationPeriods) return "INSUFFICIENT_DATA";
        const window = points.slice(i + 1 - spec.evaluationPeriods, i + 1);
        return window.filter((v) => breaches(spec, v)).length >= spec.datapointsToAlarm ? "ALARM" : "OK";
    });
}

export interface FailoverRun {
    /** The listener rule after each minute's evaluation. */
    rule: FailoverRuleState[];
    /** Minutes (the evaluation at the end of that minute) at which the function failed over. */
    failedOverAt: number[];
    /** Minutes at which it restored the weighted forward. */
    restoredAt: number[];
    unhealthy: AlarmState[];
    recovered: AlarmState[];
}

/**
 * The servers' outages through the health checks, the unhealthy and recovered alarms
 * (tunnels up throughout) and the function, minute by minute.
 */
export function runFailover(specs: readonly FailoverAlarmSpec[], servers: number, outages: readonly ServerOutage[], minutes: number): FailoverRun {
    const spec = (role: FailoverAlarmSpec["role"]) => specs.find((s) => s.role === role)!;
    const samples = healthyHostSamples(servers, outages, minutes);
    const unhealthy = alarmStates(spec("unhealthy"), datapoints(samples, spec("unhealthy").statistic));
    const recovered = alarmStates(spec("recovered"), datapoints(samples, spec("recovered").statistic));
    let rule: FailoverRuleState = "absent";
    const rules: FailoverRuleState[] = [];
    const failedOverAt: number[] = [];
    const restoredAt: number[] = [];
    for (let m = 0; m < minutes; m++) {
        const decision = decideFailover({ unhealthyAlarm: unhealthy[m], tunnelsDownAlarm: "OK", recoveredAlarm: recovered[m], rule });
        if (decision.action === "fail over") {
            rule = "automatic";
            failedOverAt.push(m);
        } else if (decision.action === "restore") {
            rule = "absent";
            restoredAt.push(m);
        }
        rules.push(rule);
    }
    return { rule: rules, failedOverAt, restoredAt, unhealthy, recovered };
}
