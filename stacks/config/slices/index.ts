/**
 * Every slice of the stack config, in the order they decide: a slice sees the settings of
 * the slices before it (`earlier`), so cost comes before the matchday plan it sizes
 * with, and the plan before the web tier, access and the rest that are checked against
 * its windows. `SECTIONS` is the order a reader meets them in `Pulumi.yaml` and the
 * README's key table.
 */
import { accessSlice } from "./access";
import { backupSlice } from "./backup";
import { costSlice } from "./cost";
import { hybridSlice } from "./hybrid";
import { matchdaySlice } from "./matchday";
import { networkSlice } from "./network";
import { observabilitySlice } from "./observability";
import { pipelineSlice } from "./pipeline";
import { reservationsSlice } from "./reservations";
import { userStoreSlice } from "./userStore";
import { webTierSlice } from "./webTier";

export const SLICES = [
    networkSlice,
    costSlice,
    matchdaySlice,
    webTierSlice,
    accessSlice,
    hybridSlice,
    observabilitySlice,
    backupSlice,
    pipelineSlice,
    reservationsSlice,
    userStoreSlice,
] as const;

export type Slice = (typeof SLICES)[number];
export type SliceName = Slice["name"];

/** The slices in the order of `Pulumi.yaml`'s config block and the README's key table. */
export const SECTIONS: readonly Slice[] = [
    networkSlice,
    webTierSlice,
    accessSlice,
    matchdaySlice,
    costSlice,
    reservationsSlice,
    hybridSlice,
    observabilitySlice,
    userStoreSlice,
    backupSlice,
    pipelineSlice,
];
