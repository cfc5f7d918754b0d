/**
 * The link to the on-premise servers (HybridLink's arguments): its own keys, the on-premise
 * share against what the servers carry at every surge the fixtures ask for, and the
 * failover function's runtime against the season. The keys and decisions are
 * `stacks/config/hybrid.ts`.
 */
import { DEFAULT_FAILOVER_RUNTIME } from "@kgsports/hybrid-link/pure";
import { askedPeaks } from "../../capacity/onPremise";
import { decideHybridSettings, fitOnPremiseShare, HYBRID_KEYS, HybridSettings } from "../hybrid";
import { lambdaRuntimeProblems } from "../lambdaRuntime";
import type { MatchdaySettings } from "../matchday";
import { ConfigProblem, defineSlice, lastRelease, pickKeys } from "../slice";
import { MATCHDAY_KEYS } from "./matchday";
import { NETWORK_KEYS } from "./network";

export const hybridSlice = defineSlice({
    name: "hybrid",
    title: "HybridLink: the on-premise servers over a site-to-site VPN (stacks/config/hybrid.ts)",
    keys: HYBRID_KEYS,
    reads: { ...pickKeys(NETWORK_KEYS, "vpcCidr"), ...pickKeys(MATCHDAY_KEYS, "onPremiseViewerCapacity") },
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: HybridSettings | undefined; problems: ConfigProblem[]; notes: string[] } {
        const matchday = earlier.matchday;
        const link = decideHybridSettings(v, { stack: ctx.stack, region: ctx.region, vpcCidr: v.vpcCidr, now: ctx.now, placeholderKeys: ctx.placeholderKeys });
        const problems: ConfigProblem[] = [...link.problems];
        const notes = [...link.notes];
        let settings = link.settings;
        // The on-premise share must fit their servers at every surge the fixtures ask for, and the failover keeps the servers it needs.
        if (settings !== undefined && matchday !== undefined && v.onPremiseViewerCapacity !== undefined) {
            const fit = fitOnPremiseShare(settings, { stack: ctx.stack, capacityViewers: v.onPremiseViewerCapacity, peaks: askedPeaks(matchday.plan, matchday.schedule.windows) });
            problems.push(...fit.problems);
            settings = { ...settings, failover: { ...settings.failover, minHealthyHosts: fit.minHealthyHosts } };
            notes.push(...fit.notes);
        }
        // The failover function runs on the component's default runtime: it must stay
        // creatable and updatable until the last fixture's release plus the margin.
        if (v.hybridLink === true) {
            problems.push(...lambdaRuntimeProblems(
                DEFAULT_FAILOVER_RUNTIME,
                { now: ctx.now, ...lastRelease(matchday?.schedule.windows) },
                "the hybrid link's failover function",
                "(failover function runtime)",
            ));
        }
        return { settings, problems, notes };
    },
});
