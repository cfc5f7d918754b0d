/**
 * CrossGuard's view of a resource to the rules' view ({@link PolicyInput}). Only types
 * come from @pulumi/policy, so tests can import this module without starting a pack.
 *
 * During a preview, @pulumi/policy hands rules a proxy that throws when an unknown value
 * is read (and turns the whole policy into an advisory "can't run during preview"). We
 * copy the properties first, replacing each unknown value with the rules' UNKNOWN
 * marker, so a rule decides what it can and reports the rest as "cannot tell".
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { PolicyInput, UNKNOWN } from "./rules/model";

/** A plain copy of a (possibly proxied) value; any read that throws (an unknown value) becomes UNKNOWN. */
export function plainValue(read: () => unknown): unknown {
    let value: unknown;
    try {
        value = read();
    } catch {
        return UNKNOWN;
    }
    if (Array.isArray(value)) {
        const array = value;
        const out: unknown[] = [];
        let length = 0;
        try {
            length = array.length;
        } catch {
            return UNKNOWN;
        }
        for (let i = 0; i < length; i++) out.push(plainValue(() => array[i]));
        return out;
    }
    if (value !== null && typeof value === "object") {
        const object = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(object)) {
            const v = plainValue(() => object[key]);
            if (v !== undefined) out[key] = v;
        }
        return out;
    }
    return value;
}

export function plainProps(props: Record<string, unknown>): Record<string, unknown> {
    const copy = plainValue(() => props);
    return copy !== null && typeof copy === "object" && !Array.isArray(copy) ? (copy as Record<string, unknown>) : {};
}

/** One resource as `validateResource` sees it (no dependencies there). */
export function fromResourceArgs(args: Pick<ResourceValidationArgs, "urn" | "type" | "name" | "props" | "opts">): PolicyInput {
    return {
        urn: args.urn,
        type: args.type,
        name: args.name,
        parent: args.opts?.parent || undefined,
        props: plainProps(args.props),
        protect: args.opts?.protect,
        dependencies: [],
        propertyDependencies: {},
    };
}

/** One resource as `validateStack` sees it, with its parent and dependencies as URNs. */
export function fromPolicyResource(r: Pick<PolicyResource, "urn" | "type" | "name" | "props" | "opts" | "parent" | "dependencies" | "propertyDependencies">): PolicyInput {
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[key] = deps.map((d) => d.urn);
    return {
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent?.urn ?? (r.opts?.parent || undefined),
        props: plainProps(r.props),
        protect: r.opts?.protect,
        dependencies: (r.dependencies ?? []).map((d) => d.urn),
        propertyDependencies,
    };
}
