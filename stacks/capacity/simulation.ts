/**
 * The surge simulation, the project's benchmark: one match window, minute by minute,
 * demand against instances in service under four strategies.
 *
 * 1. `fixed`: a constant number of instances (today's on-premise servers).
 * 2. `reactive`: target tracking only, from the baseline minimum.
 * 3. `scheduled`: this project's plan: the pre-warm floor from {@link requiredInstances}
 *    raised at kickoff minus the lead and released after the window, target tracking
 *    above it, and a warm pool when one is configured.
 * 4. `oracle`: exactly `ceil(demand / viewersPerInstance)` each minute, the lower bound
 *    on cost of any strategy that serves every viewer.
 *
 * A model, not a measurement. Its parameters are explicit ({@link SimulationParams})
 * with defaults from AWS documentation where AWS documents them, and marked as our
 * modelling choice where it does not.
 */
import type { CapacityPlanInput, Fixture } from "./planInput";
import { fixtureKickoff } from "./kickoffTime";
import { DemandCurveOptions, demandShareAt, finalWhistleMinute } from "./audience";
import { ceilTolerant, requiredInstances } from "./instanceMaths";
import { MatchWindow, planCapacitySchedule } from "./schedule";
import { DEFAULT_MINIMUM_LEAD_MINUTES, DEFAULT_SURGE_FACTOR } from "./planDefaults";
import type { WarmThroughput } from "@kgsports/user-store/pure";
import { StoreLoadModel, storeDemandPerSecond, storeThrottledMinutes } from "./storeLoad";

/** Parameters of the Auto Scaling model. All durations in whole minutes. */
export interface SimulationParams {
    /**
     * Period of the scaling metric, minutes. Default 1: target tracking on
     * `ALBRequestCountPerTarget` (and EC2 detailed monitoring) gives 1-minute data; AWS
     * recommends 1-minute metrics because 5-minute ones respond slower and on stale
     * data ("Target tracking scaling policies for Amazon EC2 Auto Scaling",
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-target-tracking.html).
     * Set 5 to model basic monitoring.
     */
    metricPeriodMinutes: number;
    /**
     * Consecutive datapoints above the target before target tracking scales out.
     * Default 3: the high alarm target tracking creates is "3 datapoints within 3
     * minutes" and cannot be changed (AWS manages the alarms: "Do not edit or delete the
     * CloudWatch alarms that are configured for the target tracking scaling policy",
     * same page; the 3 and 15 datapoints are what those alarms show in CloudWatch, as
     * reported in aws/copilot-cli#4233 and aws-samples/amazon-aurora-labs-for-mysql#3).
     */
    scaleOutDatapoints: number;
    /** Consecutive datapoints below the scale-in threshold before target tracking scales in. Default 15 (the low alarm: 15 datapoints within 15 minutes). */
    scaleInDatapoints: number;
    /**
     * Target utilisation, demand / (in-service instances x viewersPerInstance), 0 to 1.
     * Default 0.7: the policy's target (e.g. `targetRequestsPerInstance`) set at 70 % of
     * the load-tested limit, so the alarm fires before instances saturate. Our choice.
     */
    targetUtilisation: number;
    /**
     * Scale-in only when utilisation is this fraction below the target. Default 0.1: AWS
     * describes target tracking as adding capacity proportionally and at once, but
     * removing it only once utilisation falls below a threshold sufficiently below the
     * target, "usually more than 10%" ("How target tracking scaling for Application Auto
     * Scaling works",
     * https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html;
     * EC2: "scales out proportionally to the metric as fast as it can, but scales in more
     * gradually", "Target tracking scaling policies for Amazon EC2 Auto Scaling").
     */
    scaleInMarginFraction: number;
    /**
     * Minutes between two scale-in activities. Default 5: our model of "scales in more
     * gradually", set to the order of the group's default cooldown of 300 seconds
     * ("Scaling cooldowns for Amazon EC2 Auto Scaling",
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scaling-cooldowns.html,
     * which AWS applies to simple scaling). Scale-in is also blocked while instances are
     * launching: this "blocks scale-in activities initiated by scaling policies until the
     * instances finish warming up" ("Set the default instance warmup for an Auto Scaling
     * group", https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html).
     */
    scaleInCooldownMinutes: number;
    /**
     * Minutes from a cold launch to serving. Default 5: about 1 minute from request to a
     * running instance, 2 minutes of boot and user data (install and start the app),
     * 30 seconds of load balancer health checks (the component's target group: 2
     * healthy checks 15 s apart), plus margin. AWS describes it only as the time "until
     * a new instance is considered to have finished initializing" (the default instance
     * warmup, same page); the matchday stack sets 180 s of warmup after that.
     */
    coldLaunchMinutes: number;
    /**
     * Minutes from leaving a stopped warm pool to serving. Default 2: a pre-initialised
     * instance only starts (about 1 minute) and passes health checks; "Whenever your
     * application needs to scale out, the Auto Scaling group can draw on the warm pool"
     * so "instances are ready to quickly start serving application traffic"
     * ("Decrease latency for applications with long boot times using warm pools",
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-warm-pools.html).
     */
    warmLaunchMinutes: number;
    /** Minutes until an instance drawn from the warm pool is replaced by a new pre-initialised one. Default 6 (a cold launch, then stopped). Our choice. */
    warmPoolRefillMinutes: number;
    /**
     * Minutes from the end of a metric period until its datapoint reaches the alarm.
     * Default 1, pessimistic 2: CloudWatch publishes load balancer and EC2 metrics 1 to
     * 2 minutes after the minute they describe, and an alarm evaluates only published
     * datapoints ("Evaluating an alarm" in "Using Amazon CloudWatch alarms",
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
     * Scaling decisions see data this many minutes old.
     */
    metricDelayMinutes: number;
    /**
     * Minutes a one-time scheduled action runs after its start time. Default 1,
     * pessimistic 2: "A scheduled action generally executes within seconds. However,
     * the action might be delayed for up to two minutes from the scheduled start time"
     * ("Scheduled scaling for Amazon EC2 Auto Scaling", considerations,
     * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html).
     * The deploy model of test/capacity.deployModel.test.ts runs actions that late too.
     */
    scheduledActionDelayMinutes: number;
    /**
     * Minutes after an instance starts serving during which it still counts as warming
     * up: target tracking does not scale in while any instance is warming up. Default 3,
     * the stacks' `instanceWarmupSeconds` of 180 ("Set the default instance warmup for
     * an Auto Scaling group", cited on {@link scaleInCooldownMinutes}).
     */
    instanceWarmupMinutes: number;
}

/** The model's defaults; each is explained and cited on {@link SimulationParams}. */
export const DEFAULT_SIMULATION_PARAMS: SimulationParams = {
    metricPeriodMinutes: 1,
    scaleOutDatapoints: 3,
    scaleInDatapoints: 15,
    targetUtilisation: 0.7,
    scaleInMarginFraction: 0.1,
    scaleInCooldownMinutes: 5,
    coldLaunchMinutes: 5,
    warmLaunchMinutes: 2,
    warmPoolRefillMinutes: 6,
    metricDelayMinutes: 1,
    scheduledActionDelayMinutes: 1,
    instanceWarmupMinutes: 3,
};

/**
 * The slow end of every timing AWS documents, as overrides of the defaults, for the
 * benchmark and the report to prove coverage against: metrics 2 minutes late, scheduled actions 2 minutes late,
 * cold launches of 7 minutes (the slow end of the 4 to 7 minutes a launch with user
 * data takes to pass health checks) and warm-pool launches of 3 minutes. The rest is
 * as {@link DEFAULT_SIMULATION_PARAMS}.
 */
export const PESSIMISTIC_TIMING: Readonly<Partial<SimulationParams>> = {
    metricDelayMinutes: 2,
    scheduledActionDelayMinutes: 2,
    coldLaunchMinutes: 7,
    warmLaunchMinutes: 3,
};

/** The slow end of AWS's timings on the model's defaults: {@link DEFAULT_SIMULATION_PARAMS} with {@link PESSIMISTIC_TIMING}. */
export const PESSIMISTIC_SIMULATION_PARAMS: SimulationParams = { ...DEFAULT_SIMULATION_PARAMS, ...PESSIMISTIC_TIMING };

/** The two timings the benchmark and the report run: the model's defaults, and the slow end of AWS. */
export type Timing = "default" | "pessimistic";

/**
 * The parameters a timing overrides: none for the defaults, {@link PESSIMISTIC_TIMING}
 * for the slow end. Only timings: the plan's target utilisation still applies.
 */
export function timingParams(timing: Timing): Partial<SimulationParams> {
    return timing === "pessimistic" ? { ...PESSIMISTIC_TIMING } : {};
}

/** The four strategies compared. */
export type StrategyName = "fixed" | "reactive" | "scheduled" | "oracle";

/** The order strategies appear in results, tables and charts. */
export const STRATEGIES: readonly StrategyName[] = ["fixed", "reactive", "scheduled", "oracle"];

/** How one strategy fared over the simulated period. */
export interface StrategyResult {
    /** Which strategy. */
    strategy: StrategyName;
    /** Instances in service (serving) each minute, aligned with {@link MatchSimulation.minutes}. */
    capacity: number[];
    /** Minutes in which in-service capacity x viewersPerInstance was below demand. */
    minutesUnderCapacity: number;
    /** Largest share of demand not served in any minute, percent: (demand - served) / demand x 100; 0 when always covered. */
    worstShortfallPercent: number;
    /**
     * Minutes in which losing the zone with the most instances (`ceil(capacity / zones)`,
     * the group spreads evenly) would leave fewer in service than the demand needs:
     * minutes without the N+1 reserve. 0 for a plan that survives a zone loss throughout.
     */
    minutesWithoutZoneReserve: number;
    /** Instance-hours paid for: instances in service plus those still launching, per minute, / 60. Stopped warm-pool instances are not counted (they cost only storage). */
    instanceHours: number;
    /** instanceHours / the oracle's instance-hours. */
    ratioToOracle: number;
    /**
     * instanceHours / the realistic lower bound's instance-hours
     * ({@link MatchSimulation.lowerBound}): what this strategy costs beyond a fleet that
     * knew the night in advance and still kept the sizing rule (N+1 zones, headroom).
     */
    ratioToLowerBound: number;
}

/**
 * The on-premise servers behind the same weighted forward as the cloud (HybridLink):
 * while they are healthy the load balancer sends them `share` of the requests, and the
 * cloud target group gets the rest, which is all its target tracking sees
 * (`ALBRequestCountPerTarget` of the cloud group). Once they are lost their share goes
 * to dead targets (a target group with no healthy target fails open) until the failover
 * sends it to the cloud.
 */
export interface OnPremiseServing {
    /** Share of requests they get while healthy: onPremiseWeight / (cloudWeight + onPremiseWeight), 0 to 1. */
    share: number;
    /** Concurrent viewers they carry; 0: unknown, never counted as overloaded. */
    capacityViewers: number;
    /** Minute (from kickoff) they are lost. Default: never. */
    lostAtMinute?: number;
    /** Minutes from their loss until the failover sends their share to the cloud. Default 0. */
    failoverMinutes?: number;
}

/** The on-premise part of a simulation that splits the audience ({@link OnPremiseServing}). */
export interface OnPremiseTrace extends OnPremiseServing {
    /** Viewers the load balancer sends them each minute (0 once failed over). */
    sent: number[];
    /** Viewers it sends the cloud each minute: the demand target tracking sees. */
    cloudDemand: number[];
    /** Instances the cloud's part needs each minute: ceil(cloudDemand / viewersPerInstance). */
    cloudNeeded: number[];
    /** Viewers sent to them and not served each minute: those over what they carry, or all of them once lost until the failover. */
    unserved: number[];
    /** Minutes in which they are sent more viewers than they carry (0 when their capacity is unknown). */
    minutesOverloaded: number;
    /** Viewers sent to them at the busiest minute, rounded. */
    peakViewers: number;
}

/** One simulated match window. */
export interface MatchSimulation {
    /** Minute offsets from kickoff (negative before), one per simulated minute. */
    minutes: number[];
    /** Concurrent viewers each minute. */
    demand: number[];
    /** Instances needed each minute: ceil(demand / viewersPerInstance) (the oracle). */
    needed: number[];
    /**
     * The realistic lower bound, instances paid for each minute: the most that
     * {@link requiredInstances} (N+1 over the zones, headroom) asks for in this minute
     * or the next `coldLaunchMinutes` (instances are paid while they launch), of the
     * larger of the planned audience (expected peak x surge factor, on the demand
     * curve of this ending) and the simulated one, never below the baseline minimum.
     * No schedule that keeps the sizing rule can cost less.
     */
    lowerBound: number[];
    /** Instance-hours of {@link lowerBound}. */
    lowerBoundHours: number;
    /** Kickoff of the simulated fixture (minute 0). */
    kickoff: Date;
    /** The group's maximum the simulation capped target tracking at. */
    groupMaxSize: number;
    /** Actual demand as a multiple of the expected peak. */
    surge: number;
    /** Whether the simulated match went to extra time and penalties. */
    extraTime: boolean;
    /** The model's parameters this simulation ran with. */
    params: SimulationParams;
    /** One result per strategy, in {@link STRATEGIES} order. */
    results: StrategyResult[];
    /** The scheduled strategy's floor, instances. */
    floor: number;
    /** Minute (from kickoff) the scheduled floor is raised. */
    preWarmMinute: number;
    /** Minute (from kickoff) the window ends: its last possible release (`matchWindowMinutes + releaseDelayMinutes`). */
    releaseMinute: number;
    /**
     * Minute (from kickoff) the scheduled floor is back at the baseline as planned: the
     * early release, or the release (the pre-warm minute for a window that never rises
     * above the baseline).
     */
    floorEndMinute: number;
    /** Minute (from kickoff) of the final whistle in the demand model. */
    finalWhistleMinute: number;
    /**
     * The on-premise servers' part when the audience is split with them; undefined when
     * the cloud serves everyone. With it, `fixed` and `oracle` still carry the whole
     * audience (today's servers alone; the cloud that must be able to carry everyone),
     * while `reactive` and `scheduled` see only the cloud's share and a minute counts as
     * under capacity when either side leaves viewers unserved.
     */
    onPremise?: OnPremiseTrace;
    /**
     * The user store's load when the simulation was given a store: from the whole
     * simulated audience (the cloud and the on-premise servers both use it). Undefined
     * without one.
     */
    store?: StoreTrace;
}

/** The user store in a simulation ({@link MatchSimulationInput.store}). */
export interface StoreServing {
    /** The load per arriving viewer. */
    model: StoreLoadModel;
    /** What the table serves at once. */
    warmThroughput: WarmThroughput;
}

/** The user store's part of a simulated night ({@link storeDemandPerSecond} of the simulated demand). */
export interface StoreTrace {
    /** Read request units per second in each minute's busiest second, aligned with {@link MatchSimulation.minutes}. */
    readsPerSecond: number[];
    /** Write request units per second in each minute's busiest second. */
    writesPerSecond: number[];
    /** The busiest second's reads over the night. */
    peakReadsPerSecond: number;
    /** The busiest second's writes over the night. */
    peakWritesPerSecond: number;
    /** Minutes whose busiest second asks for more than {@link warmThroughput} ({@link storeThrottledMinutes}). */
    throttledMinutes: number;
    /** The warm throughput simulated against. */
    warmThroughput: WarmThroughput;
}

export { DEFAULT_BASELINE_SHARE, demandShareAt, finalWhistleMinute } from "./audience";
export type { DemandCurveOptions } from "./audience";

/**
 * Concurrent viewers per minute, from `fromMinute` to `toMinute` inclusive:
 * `round(peakViewers x surge x demandShareAt(minute))`.
 *
 * @param peakViewers the fixture's expected peak of concurrent viewers
 * @param surge actual demand as a multiple of the expected peak (1 = as expected)
 */
export function demandCurve(peakViewers: number, surge: number, options: DemandCurveOptions = {}): number[] {
    const from = options.fromMinute ?? -90;
    const to = options.toMinute ?? 255;
    const out: number[] = [];
    for (let m = from; m <= to; m++) out.push(Math.round(peakViewers * surge * demandShareAt(m, options)));
    return out;
}

/** A fixture's kickoff; throws naming the fixture when it is not valid. */
function kickoffOf(f: Fixture): Date {
    const k = fixtureKickoff(f);
    if (k === undefined) throw new Error(`fixture "${f.name}": kickoff "${f.kickoff}" is not valid`);
    return k;
}

/**
 * Concurrent viewers of a window's fixtures each minute from `fromMinute` to `toMinute`
 * inclusive (minutes from `kickoff`): each fixture's {@link demandCurve} of
 * `peakOf(fixture)` x `surge` on its own kickoff, added up; the baseline evening
 * audience is counted once (the first fixture's).
 */
export function windowDemand(
    fixtures: readonly Fixture[],
    kickoff: Date,
    fromMinute: number,
    toMinute: number,
    extraTime: boolean,
    peakOf: (f: Fixture) => number,
    surge: number,
): number[] {
    const demand: number[] = [];
    for (let m = fromMinute; m <= toMinute; m++) demand.push(0);
    fixtures.forEach((f, i) => {
        const offset = Math.round((kickoffOf(f).getTime() - kickoff.getTime()) / 60_000);
        const curve = demandCurve(peakOf(f), surge, {
            fromMinute: fromMinute - offset,
            toMinute: toMinute - offset,
            extraTime,
            ...(i === 0 ? {} : { baselineShare: 0 }),
        });
        curve.forEach((d, j) => (demand[j] += d));
    });
    return demand;
}

/** What to simulate: one fixture (or a window of concurrent fixtures) under a plan, at an actual surge. */
export interface MatchSimulationInput {
    /** The fixture whose kickoff is minute 0; its expected peak and planning surge factor size the floor without a window. */
    fixture: Fixture;
    /**
     * Every fixture of the window, `fixture` included: their audiences add up minute by
     * minute (each on its own kickoff). Default: `[fixture]`.
     */
    fixtures?: Fixture[];
    /** The plan's sizing and timing (its fixture list is not used). */
    plan: Omit<CapacityPlanInput, "fixtures">;
    /** Actual demand as a multiple of the fixture's expected peak. Default 1. */
    surge?: number;
    /** Stopped instances in the warm pool for the scheduled strategy (0 = none). Default 0. */
    warmPoolSize?: number;
    /** Instances' worth of fixed capacity for the fixed strategy (today's servers). */
    fixedInstances: number;
    /** Whether the match goes to extra time and penalties. Default false. */
    extraTime?: boolean;
    /**
     * The window from {@link planCapacitySchedule} that covers this fixture (it may be
     * merged with others). Default: the window {@link planCapacitySchedule} plans for
     * these fixtures alone (planned before any of them).
     */
    window?: MatchWindow;
    /**
     * When the deploy that declares the floor lands: no floor step is in place before it
     * (a late fixture is simulated from the deploy, not from a pre-warm that can no
     * longer happen). Default: no limit.
     */
    deployedAt?: Date;
    /** Overrides of {@link DEFAULT_SIMULATION_PARAMS}. */
    params?: Partial<SimulationParams>;
    /** The on-premise servers taking a share of the requests (HybridLink). Default: none, the cloud serves everyone. */
    onPremise?: OnPremiseServing;
    /** The user store: its load per viewer and its warm throughput. Default: none, no store in the simulation. */
    store?: StoreServing;
}

/** Instances in service and instances paid for (in service + launching), per minute. */
interface FleetTrace {
    capacity: number[];
    running: number[];
}

/**
 * Target tracking over a minimum that may change with time (the scheduled floor), as
 * modelled here:
 *
 * - The minimum applies at the start of its minute; a gap between desired and the
 *   minimum is launched at once.
 * - Each metric period yields a datapoint: utilisation = demand / (in-service x
 *   viewersPerInstance), counting requests that failed (the ALB counts them).
 * - After `scaleOutDatapoints` datapoints above the target, desired becomes
 *   `max(desired, ceil(demand / (viewersPerInstance x target)))`, capped at the group's
 *   maximum (launching instances count towards desired, so nothing is launched twice).
 *   The decision takes effect the next minute; instances serve after the launch delay
 *   (warm ones first while the pool has any). The alarms see datapoints
 *   `metricDelayMinutes` late (CloudWatch's publishing delay), and the policy sizes from
 *   the newest one they see.
 * - After `scaleInDatapoints` datapoints below target x (1 - margin), with nothing
 *   launching and the cooldown over, in-service drops to
 *   `max(minimum, ceil(demand / (viewersPerInstance x target)))`.
 */
function simulateTargetTracking(
    minutes: readonly number[],
    demand: readonly number[],
    viewersPerInstance: number,
    groupMaxSize: number,
    minimumAt: (minute: number) => number,
    warmPoolSize: number,
    p: SimulationParams,
): FleetTrace {
    const capacity: number[] = [];
    const running: number[] = [];
    const proportional = (viewers: number) => ceilTolerant(viewers / (viewersPerInstance * p.targetUtilisation));
    let inService = Math.min(groupMaxSize, Math.max(minimumAt(minutes[0]), proportional(demand[0])));
    // Stryker disable ArrayDeclaration: equivalent; a stray non-numeric entry is filtered out of pending and refills at the first minute, and never passes a datapoint test
    let pending: { readyAt: number; count: number }[] = [];
    let refills: { readyAt: number; count: number }[] = [];
    let warm = warmPoolSize;
    const datapoints: number[] = [];
    const datapointDemand: number[] = [];
    // Stryker restore ArrayDeclaration
    let periodDemand = 0;
    let periodCapacity = 0;
    let periodLength = 0;
    let lastScaleIn = Number.NEGATIVE_INFINITY;
    // Scale-in waits until every launched instance has served for the warmup.
    let warmupEnds = Number.NEGATIVE_INFINITY;
    const delayedDatapoints = Math.ceil(p.metricDelayMinutes / p.metricPeriodMinutes);

    const launching = () => pending.reduce((sum, x) => sum + x.count, 0);
    const launch = (count: number, at: number) => {
        const fromPool = Math.min(count, warm);
        warm -= fromPool;
        if (fromPool > 0) {
            pending.push({ readyAt: at + p.warmLaunchMinutes, count: fromPool });
            refills.push({ readyAt: at + p.warmPoolRefillMinutes, count: fromPool });
            warmupEnds = Math.max(warmupEnds, at + p.warmLaunchMinutes + p.instanceWarmupMinutes);
        }
        if (count > fromPool) {
            pending.push({ readyAt: at + p.coldLaunchMinutes, count: count - fromPool });
            warmupEnds = Math.max(warmupEnds, at + p.coldLaunchMinutes + p.instanceWarmupMinutes);
        }
    };
    // The alarms see only datapoints CloudWatch has published: all but the newest `delayedDatapoints`.
    const visible = () => datapoints.slice(0, Math.max(0, datapoints.length - delayedDatapoints));
    const lastAll = (n: number, test: (u: number) => boolean) => {
        const seen = visible();
        return seen.length >= n && seen.slice(seen.length - n).every(test);
    };

    for (let i = 0; i < minutes.length; i++) {
        const m = minutes[i];
        inService += pending.filter((x) => x.readyAt <= m).reduce((sum, x) => sum + x.count, 0);
        pending = pending.filter((x) => x.readyAt > m);
        warm += refills.filter((x) => x.readyAt <= m).reduce((sum, x) => sum + x.count, 0);
        refills = refills.filter((x) => x.readyAt > m);

        const minimum = Math.min(groupMaxSize, minimumAt(m));
        const desired = inService + launching();
        if (desired < minimum) launch(minimum - desired, m);

        capacity.push(inService);
        running.push(inService + launching());

        periodDemand += demand[i];
        periodCapacity += inService;
        periodLength += 1;
        if (periodLength < p.metricPeriodMinutes) continue;
        const meanDemand = periodDemand / periodLength;
        const meanCapacity = periodCapacity / periodLength;
        datapoints.push(meanCapacity > 0 ? meanDemand / (meanCapacity * viewersPerInstance) : Number.POSITIVE_INFINITY);
        datapointDemand.push(meanDemand);
        periodDemand = 0;
        periodCapacity = 0;
        periodLength = 0;

        const next = m + 1;
        const desiredNow = inService + launching();
        // The policy sizes the fleet from the newest datapoint it can see.
        const seenDemand = datapointDemand[visible().length - 1];
        if (lastAll(p.scaleOutDatapoints, (u) => u > p.targetUtilisation)) {
            const wanted = Math.min(groupMaxSize, Math.max(desiredNow, proportional(seenDemand)));
            if (wanted > desiredNow) launch(wanted - desiredNow, next);
        } else if (
            lastAll(p.scaleInDatapoints, (u) => u < p.targetUtilisation * (1 - p.scaleInMarginFraction)) &&
            launching() === 0 &&
            next >= warmupEnds &&
            next - lastScaleIn >= p.scaleInCooldownMinutes
        ) {
            const wanted = Math.max(Math.min(groupMaxSize, minimumAt(next)), proportional(seenDemand));
            if (wanted < inService) {
                inService = wanted;
                lastScaleIn = next;
            }
        }
    }
    return { capacity, running };
}

/**
 * Minutes under capacity, worst shortfall, instance-hours for one trace. With `split`
 * the fleet serves the cloud's share, and the viewers the on-premise servers do not
 * serve (over what they carry, or lost before the failover) are short as well.
 */
function score(
    strategy: StrategyName,
    trace: FleetTrace,
    demand: readonly number[],
    vpi: number,
    zones: number,
    oracleHours: number,
    lowerBoundHours: number,
    split?: OnPremiseTrace,
): StrategyResult {
    let minutesUnderCapacity = 0;
    let minutesWithoutZoneReserve = 0;
    let worst = 0;
    trace.capacity.forEach((c, i) => {
        const cloudDemand = split?.cloudDemand[i] ?? demand[i];
        if ((c - Math.ceil(c / zones)) * vpi < cloudDemand) minutesWithoutZoneReserve += 1;
        const unserved = Math.max(0, cloudDemand - c * vpi) + (split?.unserved[i] ?? 0);
        // A split audience is fractional: a millionth of a viewer is rounding, not a shortfall.
        if (unserved > 1e-6) {
            minutesUnderCapacity += 1;
            worst = Math.max(worst, (unserved / demand[i]) * 100);
        }
    });
    const instanceHours = trace.running.reduce((a, b) => a + b, 0) / 60;
    return {
        strategy,
        capacity: trace.capacity,
        minutesUnderCapacity,
        worstShortfallPercent: worst,
        minutesWithoutZoneReserve,
        instanceHours,
        ratioToOracle: oracleHours > 0 ? instanceHours / oracleHours : Number.POSITIVE_INFINITY,
        ratioToLowerBound: lowerBoundHours > 0 ? instanceHours / lowerBoundHours : Number.POSITIVE_INFINITY,
    };
}

/**
 * Simulates one match window under the four strategies. The simulated period runs
 * from 30 minutes before the floor is raised (at least 90 before kickoff) to 60
 * minutes after it is released (at least 60 after the final whistle); instance-hours
 * are counted over that period for every strategy.
 */
export function simulateMatch(input: MatchSimulationInput): MatchSimulation {
    const plan = input.plan;
    const p: SimulationParams = {
        ...DEFAULT_SIMULATION_PARAMS,
        ...(plan.targetUtilisation !== undefined ? { targetUtilisation: plan.targetUtilisation } : {}),
        ...input.params,
    };
    const vpi = plan.viewersPerInstance;
    const surge = input.surge ?? 1;
    const extraTime = input.extraTime ?? false;
    const kickoff = kickoffOf(input.fixture);
    const members = input.fixtures ?? [input.fixture];

    const toMinute = (d: Date) => Math.round((d.getTime() - kickoff.getTime()) / 60_000);
    const window = input.window ?? ownWindow(input.fixture, members, plan);
    const preWarmMinute = toMinute(window.preWarmAt);
    const releaseMinute = toMinute(window.releaseAt);
    const floor = window.minSize;
    const steps = window.steps.map((st) => ({ from: toMinute(st.at), minSize: st.minSize }));
    const lastStep = steps[steps.length - 1];
    const floorEndMinute = lastStep !== undefined && lastStep.minSize <= plan.baselineMinSize ? lastStep.from : releaseMinute;
    /** The plan's floor at minute m (the baseline outside the window). */
    const floorAt = (m: number): number => {
        if (m < preWarmMinute || m >= releaseMinute) return plan.baselineMinSize;
        let current = plan.baselineMinSize;
        for (const st of steps) if (st.from <= m) current = st.minSize;
        return current;
    };
    const delay = p.scheduledActionDelayMinutes;
    const deployMinute = input.deployedAt === undefined ? undefined : toMinute(input.deployedAt);
    // A deploy inside or just before the window declares on the group at once the highest
    // floor of its next minimumLeadMinutes (CapacitySchedule.floorNow); the actions still
    // ahead of it then run, each up to `delay` minutes late. Before the deploy: the baseline.
    const lead = plan.minimumLeadMinutes ?? DEFAULT_MINIMUM_LEAD_MINUTES;
    let declaredAtDeploy = plan.baselineMinSize;
    if (deployMinute !== undefined) for (let m = deployMinute; m < deployMinute + Math.max(1, lead); m++) declaredAtDeploy = Math.max(declaredAtDeploy, floorAt(m));
    const scheduledMinimumAt = (m: number): number => {
        if (deployMinute === undefined) return floorAt(m - delay);
        if (m < deployMinute) return plan.baselineMinSize;
        let value = declaredAtDeploy;
        for (const st of steps) if (st.from > deployMinute && st.from + delay <= m) value = st.minSize;
        if (releaseMinute > deployMinute && releaseMinute + delay <= m) value = plan.baselineMinSize;
        return value;
    };
    const whistle = finalWhistleMinute(extraTime);
    const lastKickoffMinute = Math.max(...members.map((f) => toMinute(kickoffOf(f))));

    const fromMinute = Math.min(-90, preWarmMinute - 30);
    const lastMinute = Math.max(releaseMinute, lastKickoffMinute + whistle) + 60;
    const minutes: number[] = [];
    for (let m = fromMinute; m <= lastMinute; m++) minutes.push(m);
    const demand = windowDemand(members, kickoff, fromMinute, lastMinute, extraTime, (f) => f.expectedPeakViewers, surge);
    const needed = demand.map((d) => ceilTolerant(d / vpi));
    // The audience the plan prepared for: each fixture's expected peak x its surge factor, on the same curve.
    const planned = windowDemand(members, kickoff, fromMinute, lastMinute, extraTime, (f) => f.expectedPeakViewers * (f.surgeFactor ?? DEFAULT_SURGE_FACTOR), 1);
    const lowerBound = realisticLowerBound(demand, planned, plan, p.coldLaunchMinutes);
    const oracleHours = needed.reduce((a, b) => a + b, 0) / 60;
    const lowerBoundHours = lowerBound.reduce((a, b) => a + b, 0) / 60;

    const onPremise = input.onPremise === undefined ? undefined : onPremiseTrace(input.onPremise, minutes, demand, vpi);
    // With the on-premise servers in the forward, the cloud's target tracking sees only the cloud group's requests.
    const cloudDemand = onPremise?.cloudDemand ?? demand;
    const fixed = minutes.map(() => input.fixedInstances);
    const traces: Record<StrategyName, FleetTrace> = {
        fixed: { capacity: fixed, running: fixed },
        reactive: simulateTargetTracking(minutes, cloudDemand, vpi, plan.groupMaxSize, () => plan.baselineMinSize, 0, p),
        // AWS runs each scheduled action up to scheduledActionDelayMinutes after its start.
        scheduled: simulateTargetTracking(
            minutes,
            cloudDemand,
            vpi,
            plan.groupMaxSize,
            scheduledMinimumAt,
            input.warmPoolSize ?? 0,
            p,
        ),
        oracle: { capacity: needed, running: needed },
    };
    return {
        minutes,
        demand,
        needed,
        lowerBound,
        lowerBoundHours,
        kickoff,
        groupMaxSize: plan.groupMaxSize,
        surge,
        extraTime,
        params: p,
        results: STRATEGIES.map((s) => {
            // Today's servers alone and the oracle carry everyone; the cloud behind the weighted forward carries its share.
            const split = onPremise !== undefined && (s === "reactive" || s === "scheduled") ? onPremise : undefined;
            return score(s, traces[s], demand, vpi, plan.availabilityZoneCount, oracleHours, lowerBoundHours, split);
        }),
        floor,
        preWarmMinute,
        releaseMinute,
        floorEndMinute,
        finalWhistleMinute: whistle,
        ...(onPremise !== undefined ? { onPremise } : {}),
        ...(input.store !== undefined ? { store: storeTrace(input.store, demand) } : {}),
    };
}

/** The user store's load of a simulated night: the whole audience's arrivals against the warm throughput. */
function storeTrace(store: StoreServing, demand: readonly number[]): StoreTrace {
    const perSecond = storeDemandPerSecond(demand, store.model);
    return {
        ...perSecond,
        peakReadsPerSecond: Math.max(0, ...perSecond.readsPerSecond),
        peakWritesPerSecond: Math.max(0, ...perSecond.writesPerSecond),
        throttledMinutes: storeThrottledMinutes(perSecond, store.warmThroughput),
        warmThroughput: { ...store.warmThroughput },
    };
}

/**
 * The split of each minute's audience between the on-premise servers and the cloud:
 * `share` of it to them while they are healthy (the load balancer's weighted forward),
 * nothing once the failover has moved their share, and the rest to the cloud. From
 * their loss until the failover their share is sent to dead targets and not served.
 */
function onPremiseTrace(o: OnPremiseServing, minutes: readonly number[], demand: readonly number[], vpi: number): OnPremiseTrace {
    const lost = (m: number) => o.lostAtMinute !== undefined && m >= o.lostAtMinute;
    const failedOver = (m: number) => lost(m) && m >= o.lostAtMinute! + (o.failoverMinutes ?? 0);
    const sent = minutes.map((m, i) => (failedOver(m) ? 0 : demand[i] * o.share));
    const cloudDemand = demand.map((d, i) => d - sent[i]);
    const overloaded = sent.map((v) => o.capacityViewers > 0 && v > o.capacityViewers);
    return {
        ...o,
        sent,
        cloudDemand,
        cloudNeeded: cloudDemand.map((d) => ceilTolerant(d / vpi)),
        unserved: minutes.map((m, i) => (lost(m) ? sent[i] : overloaded[i] ? sent[i] - o.capacityViewers : 0)),
        minutesOverloaded: overloaded.filter(Boolean).length,
        peakViewers: Math.round(Math.max(0, ...sent)),
    };
}

/**
 * The window {@link planCapacitySchedule} plans for `fixtures` alone, planned before any
 * of them (nothing pruned, every step ahead), that covers `fixture`.
 */
function ownWindow(fixture: Fixture, fixtures: readonly Fixture[], plan: Omit<CapacityPlanInput, "fixtures">): MatchWindow {
    const schedule = planCapacitySchedule({ ...plan, fixtures: [...fixtures] }, new Date(0));
    const window = schedule.windows.find((w) => w.fixtures.includes(fixture.name));
    if (window === undefined) throw new Error(`fixture "${fixture.name}": no window planned for it (${schedule.notes.join("; ")})`);
    return window;
}

/**
 * The realistic lower bound per minute (see {@link MatchSimulation.lowerBound}): at
 * minute i, the largest {@link requiredInstances} of `max(planned, demand)` over
 * minutes i to i + coldLaunchMinutes, at least the baseline minimum.
 */
export function realisticLowerBound(
    demand: readonly number[],
    planned: readonly number[],
    plan: Pick<CapacityPlanInput, "viewersPerInstance" | "headroomPercent" | "availabilityZoneCount" | "baselineMinSize">,
    coldLaunchMinutes: number,
): number[] {
    const sized = demand.map((d, i) =>
        requiredInstances(Math.max(d, planned[i]), 1, plan.viewersPerInstance, plan.headroomPercent, plan.availabilityZoneCount));
    return sized.map((_, i) => Math.max(plan.baselineMinSize, ...sized.slice(i, i + coldLaunchMinutes + 1)));
}

/** The result of one strategy in a simulation. */
export function strategyResult(sim: MatchSimulation, strategy: StrategyName): StrategyResult {
    const found = sim.results.find((r) => r.strategy === strategy);
    if (found === undefined) throw new Error(`no result for strategy ${strategy}`);
    return found;
}

/**
 * A plain-text table, one row per simulation and strategy: label, strategy, minutes
 * under capacity, worst shortfall %, instance-hours, x oracle, and x the realistic lower bound
 * oracle (N+1 zones and headroom each minute).
 */
export function formatSimulationTable(sims: { label: string; sim: MatchSimulation }[]): string {
    const header = ["match", "strategy", "min under", "worst short %", "inst-hours", "x oracle", "x lower bound"];
    const rows: string[][] = [];
    for (const { label, sim } of sims) {
        for (const r of sim.results) {
            rows.push([
                label,
                r.strategy,
                String(r.minutesUnderCapacity),
                r.worstShortfallPercent.toFixed(1),
                r.instanceHours.toFixed(1),
                r.ratioToOracle.toFixed(2),
                r.ratioToLowerBound.toFixed(2),
            ]);
        }
    }
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
    const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
    return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
