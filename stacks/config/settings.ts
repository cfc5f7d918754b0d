/**
 * The validated, typed settings of one stack: what composition is a function of. Typed
 * from the slices (`slices/index.ts`): each slice's settings under its name, next to the
 * stack's identity.
 */
import type { SettingsOf } from "./slice";
import type { Slice } from "./slices";
import type { StackIdentity } from "./stackIdentity";

export type SliceSettings = { [S in Slice as S["name"]]: SettingsOf<S> };

export type PlatformSettings = StackIdentity & SliceSettings;
