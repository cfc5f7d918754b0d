/**
 * The capacity reserved under the fleet for each match (the load balancer's LCUs, the
 * instances'), the traffic model that sizes it, and the on-premise share's bytes
 * against one VPN tunnel. The keys and their decisions are `stacks/config/reservations.ts`.
 */
import { askedPeaks } from "../../capacity/onPremise";
import { NO_RESERVATIONS, planReservations, ReservationPlan } from "../../capacity/reservationPlan";
import type { CapacityCostSettings } from "../capacityCost";
import type { HybridSettings } from "../hybrid";
import type { MatchdaySettings } from "../matchday";
import { decideReservationSettings, RESERVATION_KEYS, ReservationSettings, vpnBandwidthProblems } from "../reservations";
import { defineSlice, pickKeys } from "../slice";
import { HYBRID_KEYS } from "../hybrid";
import { WEB_KEYS } from "./webTier";

/** The traffic model, what the stack reserves, and the reservations and schedules this deploy declares. */
export type ReservationsSettings = ReservationSettings & { plan: ReservationPlan };

export const reservationsSlice = defineSlice({
    name: "reservations",
    title: "Capacity reserved ahead of each match and what a viewer sends through the load balancer (stacks/config/reservations.ts)",
    keys: RESERVATION_KEYS,
    reads: { ...pickKeys(HYBRID_KEYS, "hybridLink"), ...pickKeys(WEB_KEYS, "instanceType") },
    decide(v, ctx, earlier: Partial<{ cost: CapacityCostSettings; hybrid: HybridSettings | undefined; matchday: MatchdaySettings }>) {
        const { cost, hybrid, matchday } = earlier;
        const decided = decideReservationSettings(v, {
            requestsPerViewerPerMinute: cost?.requestsPerViewerPerMinute ?? 0,
            // The listener's rules a request meets: the default forward, and the failover's rule with the hybrid link.
            rulesPerRequest: v.hybridLink === true ? 2 : 1,
            ...(v.instanceType !== undefined ? { instanceType: v.instanceType } : {}),
        });
        // The on-premise share's bytes must fit one VPN tunnel, as its viewers must fit the servers.
        const problems = hybrid === undefined || matchday === undefined ? [] : vpnBandwidthProblems({
            stack: ctx.stack,
            onPremiseShare: hybrid.onPremiseShare,
            weights: hybrid.weights,
            peaks: askedPeaks(matchday.plan, matchday.schedule.windows),
            traffic: decided.traffic,
        });
        const plan = matchday === undefined ? NO_RESERVATIONS : planReservations({
            plan: matchday.plan,
            schedule: matchday.schedule,
            options: decided.options,
            now: ctx.now,
            displayTimeZone: matchday.displayTimeZone,
            stack: ctx.stack,
        });
        const settings: ReservationsSettings = { ...decided, plan };
        return { settings, problems };
    },
});
