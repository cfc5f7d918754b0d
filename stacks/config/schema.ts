/**
 * How a config key is defined: its type in Pulumi.yaml's schema, default, the words of
 * what is allowed, and the parser of the raw config string. Each slice of the stack
 * config (`keys.ts`, `hybrid.ts`) defines its keys with these.
 */
import { z } from "zod";

/** Types a key may have in Pulumi.yaml's config schema. */
export type SchemaType = "string" | "integer" | "boolean" | "array";

export interface KeyDef<T> {
    type: SchemaType;
    description: string;
    /** The value when the stack file does not set the key; absent = no default. */
    default?: T;
    /** True when the stack must set it. */
    required?: boolean;
    /**
     * An optional key: its default is "" and "" means unset. (The Pulumi CLI treats a
     * key declared in Pulumi.yaml without a default as required, so optional keys
     * carry an empty default.)
     */
    emptyMeansUnset?: boolean;
    /** What is allowed, in words, for error messages. */
    allowed: string;
    /** Pulumi.yaml's `items` of an array key. */
    items?: { type: SchemaType };
    /**
     * Not declared in Pulumi.yaml: its value is a list of objects, which the config
     * schema of the Pulumi CLIs in use cannot type. Pulumi.yaml documents it in a comment.
     */
    schemaless?: boolean;
    /** The start of the message for a refused value, when the key can suggest one ("unknown time zone; did you mean ...? "). */
    hint?: (value: string) => string;
    /** Parses the raw config string (Pulumi hands every value over as a string). */
    schema: z.ZodType<T, z.ZodTypeDef, string>;
}

export function integer(min: number, max: number): z.ZodType<number, z.ZodTypeDef, string> {
    return z
        .string()
        .trim()
        .regex(/^-?\d+$/)
        .transform(Number)
        .pipe(z.number().int().min(min).max(max));
}

export const boolean: z.ZodType<boolean, z.ZodTypeDef, string> = z
    .enum(["true", "false"])
    .transform((v) => v === "true");

export function oneOf<T extends string>(values: readonly [T, ...T[]]): z.ZodType<T, z.ZodTypeDef, string> {
    return z.enum(values as [T, ...T[]]) as unknown as z.ZodType<T, z.ZodTypeDef, string>;
}

/**
 * A JSON list of strings (Pulumi hands a YAML list to the program as JSON text), each
 * matching `item`; without `item` any strings, for a slice that checks each entry itself
 * and names it in its message.
 */
export function stringList(item?: RegExp): z.ZodType<string[], z.ZodTypeDef, string> {
    return z
        .string()
        .transform((text, ctx) => {
            try {
                return JSON.parse(text) as unknown;
            } catch {
                ctx.addIssue({ code: z.ZodIssueCode.custom, message: "not a list" });
                return z.NEVER;
            }
        })
        .pipe(z.array(item ? z.string().regex(item) : z.string()));
}

/** Any string, for a key that a slice checks itself (naming the key in its message). */
export const text: z.ZodType<string, z.ZodTypeDef, string> = z.string();

/** Any string, for an optional key ("" means unset) that a slice checks itself. */
export const anyString = z.string() as z.ZodType<string | undefined, z.ZodTypeDef, string>;

/** Any JSON value; its structure is checked by the module that owns it. */
export const json: z.ZodType<unknown, z.ZodTypeDef, string> = z.string().transform((text, ctx) => {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "not JSON" });
        return z.NEVER;
    }
});

/** IAM user names: letters, digits and +=,.@_- up to 64 characters. */
export const IAM_USER = /^[A-Za-z0-9+=,.@_-]{1,64}$/;

export function pattern(re: RegExp): z.ZodType<string, z.ZodTypeDef, string> {
    return z.string().regex(re);
}

export function def<T>(d: KeyDef<T>): KeyDef<T> {
    return d;
}

