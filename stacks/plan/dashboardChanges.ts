/**
 * A dashboard's body change in one line, as an operator counts it: which annotations
 * (kickoff, pre-warm) were added, removed, moved to another time or relabelled, per
 * widget, comparing the SETS of annotations before and after, so an annotation that
 * only shifted position in the list is no change at all. Other body changes are counted
 * by path prefix. Pure: both sides' declared inputs come in.
 */

/** The provider type of a CloudWatch dashboard. */
export const DASHBOARD_TYPE = "aws:cloudwatch/dashboard:Dashboard";

interface Annotation {
    label: string;
    value: string;
}

type Widget = { properties?: { title?: unknown; annotations?: { vertical?: unknown; horizontal?: unknown } } };

function body(inputs: Record<string, unknown>): { widgets?: Widget[] } | undefined {
    const text = inputs.dashboardBody;
    // Not text: the body as an object (or nothing, or a value without widgets; the caller reads it with ?.).
    if (typeof text !== "string") return text as { widgets?: Widget[] } | undefined;
    try {
        return JSON.parse(text) as { widgets?: Widget[] };
    } catch {
        return undefined;
    }
}

/** One widget's annotations and how the text names it. */
interface WidgetAnnotations {
    /** `"Fleet size"` (its title, quoted), or `3` (its 1-based position in the dashboard) when untitled or a title repeats. */
    name: string;
    annotations: Annotation[];
}

/** Each widget's annotations (vertical and horizontal), keyed by the widget's title, else its position. */
function annotationsByWidget(inputs: Record<string, unknown>): Map<string, WidgetAnnotations> {
    const out = new Map<string, WidgetAnnotations>();
    // Stryker disable next-line ArrayDeclaration: equivalent; any list read here without widgets gives entries without annotations, which count nothing
    (body(inputs)?.widgets ?? []).forEach((w, i) => {
        const a = w?.properties?.annotations;
        const list = [...(Array.isArray(a?.vertical) ? a.vertical : []), ...(Array.isArray(a?.horizontal) ? a.horizontal : [])] as { label?: unknown; value?: unknown }[];
        const title = typeof w?.properties?.title === "string" ? w.properties.title : "";
        const titled = title !== "" && !out.has(title);
        out.set(titled ? title : `#${i}`, {
            name: titled ? JSON.stringify(title) : String(i + 1),
            annotations: list.map((x) => ({ label: String(x?.label ?? ""), value: String(x?.value ?? "") })),
        });
    });
    return out;
}

/**
 * `kickoff`, `pre-warm`: what a label before its colon names; without a colon (a
 * horizontal line such as `maxSize 12`) the label without its numbers, `other` when
 * nothing is left.
 */
function kind(label: string): string {
    const m = /^([^:]{1,30}):/.exec(label);
    if (m) return m[1].trim();
    const words = label.replace(/\(\s*min\s+[\d.,]+\s*\)/g, "").split(/\s+/).filter((w) => w !== "" && !/^[-+]?[\d.,]+%?$/.test(w));
    const named = words.join(" ").slice(0, 30).trim();
    return named !== "" ? named : "other";
}

/**
 * The label without a trailing `(min N)`: an annotation whose minimum changed is the same
 * annotation relabelled. A line without a colon is named by its {@link kind} (`maxSize 12`
 * at 12 and `maxSize 16` at 16 are one line moved).
 */
function identity(label: string): string {
    return /^[^:]{1,30}:/.test(label) ? label.replace(/\s*\(min \d+\)\s*$/, "") : `\u0000${kind(label)}`;
}

type Verb = "added" | "removed" | "moved" | "relabelled";

/** One widget's annotation changes as a multiset difference: counts per verb and kind. */
export function annotationChanges(before: readonly Annotation[], after: readonly Annotation[]): Map<Verb, Map<string, number>> {
    const key = (a: Annotation) => `${a.label}\u0000${a.value}`;
    const left = new Map<string, Annotation[]>();
    for (const a of before) left.set(key(a), [...(left.get(key(a)) ?? []), a]);
    const added: Annotation[] = [];
    for (const a of after) {
        const same = left.get(key(a));
        if (same && same.length > 0) same.pop();
        else added.push(a);
    }
    const removed = [...left.values()].flat();
    const counts = new Map<Verb, Map<string, number>>();
    const count = (verb: Verb, label: string) => {
        const m = counts.get(verb) ?? new Map<string, number>();
        m.set(kind(label), (m.get(kind(label)) ?? 0) + 1);
        counts.set(verb, m);
    };
    for (const a of added) {
        const i = removed.findIndex((r) => identity(r.label) === identity(a.label));
        if (i >= 0) {
            const [r] = removed.splice(i, 1);
            count(r.value !== a.value ? "moved" : "relabelled", a.label);
        } else {
            count("added", a.label);
        }
    }
    for (const r of removed) count("removed", r.label);
    return counts;
}

/** One phrase per verb: `1 pre-warm annotation and 1 kickoff annotation added`. */
function countsPhrases(counts: Map<Verb, Map<string, number>>): string[] {
    const parts: string[] = [];
    for (const verb of ["added", "removed", "moved", "relabelled"] as Verb[]) {
        const kinds = counts.get(verb);
        if (!kinds) continue;
        const items = [...kinds.entries()].map(([k, n]) => `${n} ${k} annotation${n === 1 ? "" : "s"}`);
        parts.push(`${items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}` : items[0]} ${verb}`);
    }
    return parts;
}

/**
 * The text diff's one line for a changed dashboard: annotations as counted by
 * {@link annotationChanges} per widget, the widgets with the same change together, most
 * widgets first (`1 pre-warm annotation and 1 kickoff annotation added, on each of 7
 * widgets; 1 maxSize annotation moved (widget "Fleet size")`; a widget by its title, else
 * its position in the dashboard), then other body changes by path prefix, then other
 * inputs. `paths` are the dotted input paths that differ.
 */
export function dashboardChangeLine(name: string, before: Record<string, unknown>, after: Record<string, unknown>, paths: readonly string[]): string {
    const was = annotationsByWidget(before);
    const is = annotationsByWidget(after);
    // The widgets (named as the dashboard has them now, a removed one as it had it) per phrase.
    const groups = new Map<string, string[]>();
    for (const w of new Set([...is.keys(), ...was.keys()])) {
        for (const text of countsPhrases(annotationChanges(was.get(w)?.annotations ?? [], is.get(w)?.annotations ?? []))) {
            groups.set(text, [...(groups.get(text) ?? []), (is.get(w) ?? was.get(w))!.name]);
        }
    }
    const parts: string[] = [...groups.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([text, widgets]) => (widgets.length === 1 ? `${text} (widget ${widgets[0]})` : `${text}, on each of ${widgets.length} widgets`));
    const annotationPath = /^dashboardBody\.widgets\.\d+\.properties\.annotations\./;
    const other = paths.filter((p) => p.startsWith("dashboardBody") && !annotationPath.test(p));
    if (other.length > 0) {
        const prefixes = [...new Set(other.map((p) => p.split(".").slice(0, 5).join(".")))];
        const shown = prefixes.slice(0, 3).join(", ") + (prefixes.length > 3 ? `, and ${prefixes.length - 3} more` : "");
        parts.push(`${other.length} other body setting${other.length === 1 ? "" : "s"} changed (${shown})`);
    }
    const rest = paths.filter((p) => !p.startsWith("dashboardBody"));
    if (rest.length > 0) parts.push(`changed: ${rest.join(", ")}`);
    if (parts.length === 0) parts.push("annotations in a new order only: none added, removed or moved");
    return `~ dashboard ${name}: ${parts.join("; ")}`;
}
