/**
 * The matchday capacity plan: the fixtures and the keys that size them become a checked
 * plan, the schedule this deploy declares and the floor the group needs now.
 */
import { z } from "zod";
import { DEFAULT_DISPLAY_TIME_ZONE, isKnownTimeZone, suggestTimeZone } from "../../capacity/displayTime";
import { MAX_KICKOFF_HORIZON_DAYS } from "../../capacity/kickoffTime";
import { DEFAULT_HEADROOM_PERCENT, DEFAULT_MATCH_WINDOW_MINUTES, DEFAULT_PRE_WARM_LEAD_MINUTES, DEFAULT_RELEASE_DELAY_MINUTES, PLAN_RANGES, PlanRange } from "../../capacity/planDefaults";
import type { CapacityCostSettings } from "../capacityCost";
import { decideMatchdayCapacity, fixtureOwnProblems, fixtureProblemToConfig, MatchdaySettings } from "../matchday";
import { def, integer, json } from "../schema";
import { defineSlice, pickKeys } from "../slice";
import { NETWORK_KEYS } from "./network";
import { WEB_KEYS } from "./webTier";

/** The allowed text of a whole-number key whose range the capacity plan owns. */
const wholeNumberIn = (r: PlanRange) => `a whole number from ${r.min} to ${r.max}`;

export const MATCHDAY_KEYS = {
    fixtures: def<unknown>({
        type: "array",
        schemaless: true,
        description: `The fixture list, one entry per night: {name, kickoff, expectedPeakViewers, surgeFactor?, timeZone?}; kickoff ISO 8601 with its offset, or local time with the venue's IANA timeZone (an offset must match the zone on that date); at most ${MAX_KICKOFF_HORIZON_DAYS} days ahead; surgeFactor 1 to 10; any script in names (Korean names are transliterated into action names). Not declared in Pulumi.yaml: its schema cannot type objects.`,
        default: [] as unknown,
        allowed: "a list of fixtures, each {name, kickoff, expectedPeakViewers, surgeFactor?}",
        schema: json,
    }),
    viewersPerInstance: def({
        type: "integer",
        description: "Load-tested concurrent viewers one web instance serves. 0 = not measured (then no fixtures may be set).",
        default: 0,
        allowed: "a whole number from 0 to 1000000 (at least 1 when fixtures are set)",
        schema: integer(0, 1_000_000),
    }),
    headroomPercent: def({
        type: "integer",
        description: "Capacity above the expected need for a fixture, in percent of the need.",
        default: DEFAULT_HEADROOM_PERCENT,
        allowed: wholeNumberIn(PLAN_RANGES.headroomPercent),
        schema: integer(PLAN_RANGES.headroomPercent.min, PLAN_RANGES.headroomPercent.max),
    }),
    preWarmLeadMinutes: def({
        type: "integer",
        description: "Minutes before kickoff that the minimum is raised, so instances are in service when viewers arrive.",
        default: DEFAULT_PRE_WARM_LEAD_MINUTES,
        allowed: wholeNumberIn(PLAN_RANGES.preWarmLeadMinutes),
        schema: integer(PLAN_RANGES.preWarmLeadMinutes.min, PLAN_RANGES.preWarmLeadMinutes.max),
    }),
    matchWindowMinutes: def({
        type: "integer",
        description: "Minutes from kickoff that the raised minimum is held: a full match with extra time and penalties.",
        default: DEFAULT_MATCH_WINDOW_MINUTES,
        allowed: wholeNumberIn(PLAN_RANGES.matchWindowMinutes),
        schema: integer(PLAN_RANGES.matchWindowMinutes.min, PLAN_RANGES.matchWindowMinutes.max),
    }),
    releaseDelayMinutes: def({
        type: "integer",
        description: "Minutes the raised minimum is kept after the match window while viewers leave.",
        default: DEFAULT_RELEASE_DELAY_MINUTES,
        allowed: wholeNumberIn(PLAN_RANGES.releaseDelayMinutes),
        schema: integer(PLAN_RANGES.releaseDelayMinutes.min, PLAN_RANGES.releaseDelayMinutes.max),
    }),
    displayTimeZone: def({
        type: "string",
        description: "IANA time zone the plan notes and the capacity report show times in, next to UTC.",
        default: DEFAULT_DISPLAY_TIME_ZONE,
        allowed: "an IANA time zone name such as Asia/Seoul, Europe/Paris or UTC",
        schema: z.string().refine(isKnownTimeZone),
        hint: (value: string) => {
            const near = suggestTimeZone(value);
            return near ? `unknown time zone; did you mean ${near}? ` : "unknown time zone; ";
        },
    }),
    onPremiseViewerCapacity: def({
        type: "integer",
        description: "Concurrent viewers today's on-premise servers carry together (each an equal part): with hybridLink their share must fit it at every surge a fixture asks for, and it sizes the failover; the capacity report's fixed-capacity baseline. 0: unknown.",
        default: 0,
        allowed: "a whole number from 0 to 100000000",
        schema: integer(0, 100_000_000),
    }),
};

export const matchdaySlice = defineSlice({
    name: "matchday",
    title: "Matchday capacity: fixtures become a pre-warm schedule",
    schemaComment: [
        "`kgsports:fixtures` is set in the stack file but not declared here: it is a list of",
        "objects ({name, kickoff, expectedPeakViewers, surgeFactor}), which the config schema",
        "of the Pulumi CLI cannot type, and an undeclared key is passed through untouched.",
        "The program checks it before anything is declared (see the README).",
    ],
    keys: MATCHDAY_KEYS,
    reads: { ...pickKeys(WEB_KEYS, "minSize", "maxSize", "instanceType"), ...pickKeys(NETWORK_KEYS, "availabilityZoneCount") },
    decide(v, ctx, earlier: Partial<{ cost: CapacityCostSettings }>) {
        if (v.fixtures === undefined) return {};
        const sizing = {
            viewersPerInstance: v.viewersPerInstance,
            headroomPercent: v.headroomPercent,
            preWarmLeadMinutes: v.preWarmLeadMinutes,
            matchWindowMinutes: v.matchWindowMinutes,
            releaseDelayMinutes: v.releaseDelayMinutes,
            availabilityZoneCount: v.availabilityZoneCount,
            minSize: v.minSize,
            maxSize: v.maxSize,
            displayTimeZone: v.displayTimeZone,
        };
        // A key the plan is sized with was refused: the fixtures' own problems still show in this run.
        if (Object.values(sizing).some((x) => x === undefined)) {
            return { problems: fixtureOwnProblems(v.fixtures, ctx.now).map(fixtureProblemToConfig) };
        }
        const targetUtilisation = earlier.cost?.targetUtilisation;
        const decided = decideMatchdayCapacity(
            {
                fixtures: v.fixtures,
                ...(sizing as { [K in keyof typeof sizing]-?: NonNullable<(typeof sizing)[K]> }),
                ...(v.instanceType !== undefined ? { instanceType: v.instanceType } : {}),
                ...(targetUtilisation !== undefined ? { targetUtilisation } : {}),
            },
            ctx.now,
        );
        if (!decided.ok) return { problems: decided.problems.map(fixtureProblemToConfig) };
        // A refused onPremiseViewerCapacity has its own problem, which stops the deploy: 0 (unknown) only lets the other checks run.
        const settings: MatchdaySettings = { ...decided.capacity, onPremiseViewerCapacity: v.onPremiseViewerCapacity ?? 0, plannedAt: ctx.now };
        return { settings };
    },
});
