/**
 * The capacity plan's input: the fixtures and the sizing and timing rules, as plain
 * values (the config layer maps its keys onto them), and how messages name the plan's
 * settings. Types only but for the default names, so that the checks (fixtures.ts), the
 * schedule and the simulation import them without importing each other.
 */
import { DEFAULT_MATCH_WINDOW_MINUTES, DEFAULT_MINIMUM_LEAD_MINUTES, DEFAULT_PRE_WARM_LEAD_MINUTES, DEFAULT_RELEASE_DELAY_MINUTES } from "./planDefaults";

/** One match the platform must carry. */
export interface Fixture {
    /**
     * Unique name, e.g. `"UCL R16 leg 2: Real Madrid v Man City"`. The scheduled
     * actions' names derive from it, so renaming a fixture replaces its actions.
     */
    name: string;
    /**
     * Kickoff, ISO 8601 with an explicit offset or `Z`, e.g. `"2027-04-07T21:00:00+02:00"`;
     * with {@link timeZone}, also the venue's local time without offset, e.g.
     * `"2027-04-07T21:00:00"` or `"2027-04-07T21:00"`.
     */
    kickoff: string;
    /**
     * The venue's IANA time zone, e.g. `"Europe/Paris"` or `"Asia/Seoul"`. Optional.
     * With it, {@link kickoff} may be local wall-clock time, read with the zone's
     * daylight-saving rules on that date (from the runtime's ICU data), and an offset
     * written in {@link kickoff} must be the zone's offset then: a wrong
     * daylight-saving offset would move the pre-warm by an hour.
     */
    timeZone?: string;
    /** Expected concurrent viewers at the busiest moment of the match: a whole number above 0. */
    expectedPeakViewers: number;
    /**
     * Planning multiplier on the expected peak, from 1 to 10. Default 1. Use it for
     * matches that can surprise (a tight second leg, a final): the round of 16 second
     * leg brought 2.5 times the first leg's audience.
     */
    surgeFactor?: number;
}

/** Everything the schedule needs: the fixtures and the sizing and timing rules. */
export interface CapacityPlanInput {
    /** The fixtures, in any order. */
    fixtures: Fixture[];
    /** Concurrent viewers one instance serves at its load-tested limit (viewers per instance, above 0). */
    viewersPerInstance: number;
    /** Extra capacity above the need, in percent of the need, 0 to 200 (e.g. 20). */
    headroomPercent: number;
    /**
     * Minutes before kickoff that the minimum is raised, so that instances launched
     * cold are in service before viewers arrive. Default {@link DEFAULT_PRE_WARM_LEAD_MINUTES}.
     */
    preWarmLeadMinutes: number;
    /**
     * Minutes from kickoff that the floor is held: a full match with extra time and
     * penalties. Default {@link DEFAULT_MATCH_WINDOW_MINUTES}.
     */
    matchWindowMinutes: number;
    /** Minutes the floor is kept after the match window while viewers leave. Default {@link DEFAULT_RELEASE_DELAY_MINUTES}. */
    releaseDelayMinutes: number;
    /** Availability zones the group spans, at least 2; the floor survives the loss of one. */
    availabilityZoneCount: number;
    /** The group's minimum outside match windows (instances); the release action restores it. */
    baselineMinSize: number;
    /** The group's maximum (instances), the config key `maxSize`; no floor may exceed it. */
    groupMaxSize: number;
    /**
     * The group's EC2 instance type (`family.size`, e.g. `c7i.large`), which
     * {@link viewersPerInstance} was measured on. Optional: only used to suggest a
     * larger size when a night needs a very large fleet.
     */
    instanceType?: string;
    /**
     * Target tracking's target as a share of an instance's load-tested limit, above 0
     * and below 1: `targetRequestsPerInstance / (viewersPerInstance x
     * requestsPerViewerPerMinute)`. Optional: the simulation's default (0.7) without it.
     * The plan checks `groupMaxSize` against what target tracking asks for at each
     * fixture's surge factor.
     */
    targetUtilisation?: number;
    /**
     * A scheduled action must start at least this many minutes after the deploy, so it
     * is still in the future when AWS receives it. Default {@link DEFAULT_MINIMUM_LEAD_MINUTES}.
     */
    minimumLeadMinutes?: number;
    /**
     * The IANA zone the team reads times in (the stack's `displayTimeZone`). Optional:
     * only used to suggest the exact kickoff to write for one without offset (default Asia/Seoul).
     */
    displayTimeZone?: string;
}

/**
 * The settings a message of the plan names: the plan's own fields, and the web tier's
 * `targetRequestsPerInstance` (target tracking's target, which a larger-instance
 * suggestion scales).
 */
export type PlanSetting = "groupMaxSize" | "viewersPerInstance" | "headroomPercent" | "instanceType" | "targetRequestsPerInstance";

/** How messages name a setting: the config layer names its keys (`kgsports:maxSize` for `groupMaxSize`). */
export type SettingNames = (setting: PlanSetting) => string;

/** The plan's own names, for callers of the plan that have no config (the benchmark, tests). */
export const PLAN_FIELD_NAMES: SettingNames = (setting) => setting;
