/**
 * Every key of the project parsed from its raw string (Pulumi hands every value over as
 * a string): the default for a key the stack leaves out, a problem naming what is
 * allowed for one it sets wrong. Pure.
 */
import type { ZodType, ZodTypeDef } from "zod";
import { PROJECT } from "./project";
import type { ConfigProblem, KeyTable } from "./slice";

export function parseKeys(
    keys: KeyTable,
    values: Readonly<Record<string, string>>,
    placeholderKeys: readonly string[],
): { parsed: Record<string, unknown>; problems: ConfigProblem[] } {
    const parsed: Record<string, unknown> = {};
    const problems: ConfigProblem[] = [];
    for (const [name, def] of Object.entries(keys)) {
        const key = `${PROJECT}:${name}`;
        const value = values[key];
        if (value === undefined) {
            // Stryker disable next-line LogicalOperator: equivalent for the key table: required is only ever true
            if (def.required) problems.push({ key, message: `required; allowed: ${def.allowed}` });
            else if ("default" in def) parsed[name] = def.emptyMeansUnset ? undefined : def.default;
            continue;
        }
        if (value === "" && def.emptyMeansUnset) {
            parsed[name] = undefined;
            continue;
        }
        if (placeholderKeys.includes(key)) {
            if (def.type !== "string") {
                problems.push({ key, message: `is a secure value, which cannot be read offline; allowed: plain text (${def.allowed}); this key holds no secret` });
                continue;
            }
            // An offline placeholder for a secure string: its real form is checked by `pulumi up`.
            parsed[name] = value;
            continue;
        }
        const result = (def.schema as ZodType<unknown, ZodTypeDef, string>).safeParse(value);
        if (result.success) parsed[name] = result.data;
        else problems.push({ key, value, message: `${def.hint?.(value) ?? ""}allowed: ${def.allowed}` });
    }
    return { parsed, problems };
}
