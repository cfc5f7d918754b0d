/**
 * Every stack config key of the project, gathered from the slices (`slices/`), each with
 * its type, default, what is allowed and how a raw config string is parsed.
 * `Pulumi.yaml`'s config block and the README's key table are generated from them
 * (`npm run config-docs`; a test fails when the committed files differ).
 */
import { SECTIONS, Slice } from "./slices";
import type { KeyDef } from "./schema";

export { PROJECT } from "./project";
export type { KeyDef, SchemaType } from "./schema";
export { AWS_REGION_PATTERN, KNOWN_AWS_KEYS } from "./stackIdentity";

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every slice's keys in one table. */
export type KeyTableOfProject = UnionToIntersection<Slice["keys"]>;

export const KEYS = Object.assign({}, ...SECTIONS.map((s) => s.keys)) as KeyTableOfProject;

export type KeyName = keyof KeyTableOfProject & string;
export type KeyValue<K extends KeyName> = KeyTableOfProject[K] extends KeyDef<infer T> ? T : never;
