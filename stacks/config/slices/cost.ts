/**
 * The load test's requests per viewer (target tracking's utilisation) and the capacity
 * report's prices. The keys and their checks are `stacks/config/capacityCost.ts`.
 */
import { CAPACITY_COST_KEYS, CapacityCostSettings, decideCapacityCostSettings } from "../capacityCost";
import { defineSlice, pickKeys } from "../slice";
import { MATCHDAY_KEYS } from "./matchday";
import { WEB_KEYS } from "./webTier";

export const costSlice = defineSlice({
    name: "cost",
    title: "The load test's requests per viewer and the capacity report's prices (stacks/config/capacityCost.ts)",
    schemaComment: ["Pulumi's config schema has no decimal type: these are strings, \"\" = unset."],
    keys: CAPACITY_COST_KEYS,
    reads: { ...pickKeys(WEB_KEYS, "instanceType", "targetRequestsPerInstance"), ...pickKeys(MATCHDAY_KEYS, "fixtures", "viewersPerInstance") },
    decide(v, ctx): { settings?: CapacityCostSettings; problems?: { key: string; value?: string; message: string }[] } {
        const { problems, settings } = decideCapacityCostSettings(v, {
            region: ctx.region,
            instanceType: v.instanceType,
            fixtures: v.fixtures,
            viewersPerInstance: v.viewersPerInstance,
            targetRequestsPerInstance: v.targetRequestsPerInstance,
            rejectedKeys: ctx.refusedKeys(),
        });
        return { problems, settings };
    },
});
