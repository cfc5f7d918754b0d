/**
 * A small evaluator of the CloudWatch metric math the alarms use, over simulated series,
 * and of a metric alarm's state from its datapoints. From AWS's documentation (CloudWatch
 * User Guide, "Using math expressions with CloudWatch metrics" and "Evaluating an alarm"):
 *
 * - A series is a set of (timestamp, value); arithmetic and comparisons between two series
 *   keep only the timestamps both have; a scalar applies to every datapoint.
 * - Comparisons (`<`, `<=`, `>`, `>=`, `==`, `!=`) give 1 or 0; `AND`/`&&`, `OR`/`||`,
 *   `NOT`/`!` treat 0 as false and anything else as true.
 * - `IF(condition, a, b)`: per datapoint of the condition, `a` where it is true, `b` else
 *   (a branch missing at that timestamp leaves the datapoint out).
 * - `FILL(m, value)`: every period of the query's time range gets a value; missing ones
 *   get `value`. Whether FILL also fills a series with no datapoint at all in the range
 *   (a load balancer that received no request for the whole 5 minutes an alarm reads) is
 *   not said by AWS's documentation, so the model has both readings (`fillOfNothing`:
 *   `"zeros"` fills it, `"nothing"` leaves it empty), and an alarm that must work on a real
 *   account is tested under both.
 * - `EPOCH(m)`: each datapoint's value becomes its timestamp in seconds since 1970.
 * - `PERIOD(m)`: each datapoint's value becomes the period in seconds (the grid's step).
 * - `SUM([a, b, ...])`: an array of series summed at each timestamp, over the series that
 *   have a datapoint there (how CloudWatch's array functions read gaps is not spelled out
 *   either, so alarms FILL each member first: then both readings agree).
 * - An alarm looks at the last `evaluationPeriods` datapoints: ALARM when at least
 *   `datapointsToAlarm` breach, with missing datapoints treated per `treatMissingData`.
 *
 * Only what the project's alarms use is modelled; anything else throws. Pure.
 */

/** Timestamp (seconds since the epoch) to value. */
export type Series = Map<number, number>;
type Value = Series | number;

export interface EvalContext {
    /** Every period's timestamp in the query range, in order (what FILL fills). */
    grid: number[];
    /** Series of the query ids already evaluated (metrics and earlier expressions). */
    ids: Record<string, Value>;
    /** What FILL makes of a series without any datapoint in the range. Default `"zeros"`. */
    fillOfNothing?: FillOfNothing;
}

/** The two readings of FILL over a series that has no datapoint in the query's range. */
export type FillOfNothing = "zeros" | "nothing";

type Token = { t: "num"; v: number } | { t: "id"; v: string } | { t: "op"; v: string };

function tokenize(src: string): Token[] {
    const out: Token[] = [];
    const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(<=|>=|==|!=|&&|\|\||[-+*/(),<>!\[\]]))/y;
    let at = 0;
    while (at < src.length) {
        if (src.slice(at).trim() === "") break;
        re.lastIndex = at;
        const m = re.exec(src);
        if (m === null) throw new Error(`cannot read the expression at ${JSON.stringify(src.slice(at, at + 20))}`);
        if (m[1] !== undefined) out.push({ t: "num", v: Number(m[1]) });
        else if (m[2] !== undefined) {
            const word = m[2];
            if (word === "AND" || word === "OR" || word === "NOT") out.push({ t: "op", v: word === "AND" ? "&&" : word === "OR" ? "||" : "!" });
            else out.push({ t: "id", v: word });
        } else out.push({ t: "op", v: m[3] });
        at = re.lastIndex;
    }
    return out;
}

type Node =
    | { k: "num"; v: number }
    | { k: "ref"; id: string }
    | { k: "call"; fn: string; args: Node[] }
    | { k: "array"; items: Node[] }
    | { k: "unary"; op: string; of: Node }
    | { k: "bin"; op: string; l: Node; r: Node };

/** Precedence, loosest first: || && comparisons + - * / unary. */
export function parseExpression(src: string): Node {
    const tokens = tokenize(src);
    let i = 0;
    const peek = () => tokens[i];
    const isOp = (v: string) => peek()?.t === "op" && peek()!.v === v;
    const expectOp = (v: string) => {
        if (!isOp(v)) throw new Error(`expected ${v} in ${src}`);
        i++;
    };
    const level = (ops: string[], next: () => Node) => (): Node => {
        let n = next();
        while (peek()?.t === "op" && ops.includes(String(peek()!.v))) {
            const op = String(tokens[i++].v);
            n = { k: "bin", op, l: n, r: next() };
        }
        return n;
    };
    const primary = (): Node => {
        const t = tokens[i++];
        if (t === undefined) throw new Error(`expression ends early: ${src}`);
        if (t.t === "num") return { k: "num", v: t.v };
        if (t.t === "op" && (t.v === "!" || t.v === "-")) return { k: "unary", op: t.v, of: primary() };
        if (t.t === "op" && t.v === "(") {
            const n = or();
            expectOp(")");
            return n;
        }
        if (t.t === "op" && t.v === "[") {
            const items: Node[] = [or()];
            while (isOp(",")) {
                i++;
                items.push(or());
            }
            expectOp("]");
            return { k: "array", items };
        }
        if (t.t === "id") {
            if (isOp("(")) {
                i++;
                const args: Node[] = [];
                if (!isOp(")")) {
                    args.push(or());
                    while (isOp(",")) {
                        i++;
                        args.push(or());
                    }
                }
                expectOp(")");
                return { k: "call", fn: t.v, args };
            }
            return { k: "ref", id: t.v };
        }
        throw new Error(`unexpected ${t.v} in ${src}`);
    };
    const mul = level(["*", "/"], primary);
    const add = level(["+", "-"], mul);
    const cmp = level(["<", "<=", ">", ">=", "==", "!="], add);
    const and = level(["&&"], cmp);
    const or = level(["||"], and);
    const n = or();
    if (i !== tokens.length) throw new Error(`unexpected ${tokens[i].v} in ${src}`);
    return n;
}

function combine(a: Value, b: Value, f: (x: number, y: number) => number): Value {
    if (typeof a === "number" && typeof b === "number") return f(a, b);
    const out: Series = new Map();
    if (typeof a === "number") for (const [t, y] of b as Series) out.set(t, f(a, y));
    else if (typeof b === "number") for (const [t, x] of a) out.set(t, f(x, b));
    else for (const [t, x] of a) if (b.has(t)) out.set(t, f(x, b.get(t)!));
    return out;
}

const BIN: Record<string, (x: number, y: number) => number> = {
    "+": (x, y) => x + y,
    "-": (x, y) => x - y,
    "*": (x, y) => x * y,
    "/": (x, y) => x / y,
    "<": (x, y) => Number(x < y),
    "<=": (x, y) => Number(x <= y),
    ">": (x, y) => Number(x > y),
    ">=": (x, y) => Number(x >= y),
    "==": (x, y) => Number(x === y),
    "!=": (x, y) => Number(x !== y),
    "&&": (x, y) => Number(x !== 0 && y !== 0),
    "||": (x, y) => Number(x !== 0 || y !== 0),
};

function at(v: Value, t: number): number | undefined {
    return typeof v === "number" ? v : v.get(t);
}

export function evaluate(node: Node, ctx: EvalContext): Value {
    switch (node.k) {
        case "num":
            return node.v;
        case "ref": {
            const v = ctx.ids[node.id];
            if (v === undefined) throw new Error(`unknown query id ${node.id}`);
            return v;
        }
        case "unary": {
            const v = evaluate(node.of, ctx);
            const f = node.op === "!" ? (x: number) => Number(x === 0) : (x: number) => -x;
            return typeof v === "number" ? f(v) : new Map([...v].map(([t, x]) => [t, f(x)]));
        }
        case "bin":
            return combine(evaluate(node.l, ctx), evaluate(node.r, ctx), BIN[node.op]);
        case "array":
            throw new Error("an array [...] is read only as SUM's argument here");
        case "call": {
            if (node.fn === "SUM") {
                const [list] = node.args;
                if (node.args.length !== 1 || list.k !== "array") throw new Error("SUM([series, ...]) only");
                const out: Series = new Map();
                for (const item of list.items) {
                    const v = evaluate(item, ctx);
                    if (typeof v === "number") throw new Error("SUM of series only");
                    for (const [t, x] of v) out.set(t, (out.get(t) ?? 0) + x);
                }
                return out;
            }
            const args = node.args.map((a) => evaluate(a, ctx));
            switch (node.fn) {
                case "FILL": {
                    const [m, fill] = args;
                    if (typeof m === "number" || typeof fill !== "number") throw new Error("FILL(series, number) only");
                    const inRange = ctx.grid.filter((t) => m.has(t));
                    if (inRange.length === 0 && ctx.fillOfNothing === "nothing") return new Map();
                    return new Map(ctx.grid.map((t) => [t, m.get(t) ?? fill]));
                }
                case "PERIOD": {
                    const [m] = args;
                    if (typeof m === "number") throw new Error("PERIOD(series) only");
                    const step = ctx.grid.length > 1 ? ctx.grid[1] - ctx.grid[0] : 60;
                    return new Map([...m].map(([t]) => [t, step]));
                }
                case "EPOCH": {
                    const [m] = args;
                    if (typeof m === "number") throw new Error("EPOCH(series) only");
                    return new Map([...m].map(([t]) => [t, t]));
                }
                case "IF": {
                    const [c, a, b] = args;
                    if (typeof c === "number") throw new Error("IF needs a series condition here");
                    const out: Series = new Map();
                    for (const [t, x] of c) {
                        const v = x !== 0 ? at(a, t) : at(b ?? 0, t);
                        if (v !== undefined) out.set(t, v);
                    }
                    return out;
                }
                default:
                    throw new Error(`the model does not know ${node.fn}`);
            }
        }
    }
}

export interface QueryLike {
    id: string;
    expression?: string;
    returnData?: boolean;
    metric?: { namespace: string; metricName: string; dimensions?: Record<string, unknown> };
}

/**
 * The returned series of an alarm's metric queries, with each metric query's data from
 * `data`: by `id:<query id>` when given (several queries of one metric name, such as
 * SystemErrors per operation), else by metric name; expressions are evaluated in order of
 * dependency.
 */
export function evaluateQueries(queries: readonly QueryLike[], data: Record<string, Series>, grid: number[], fillOfNothing: FillOfNothing = "zeros"): Series {
    const ids: Record<string, Value> = {};
    const inGrid = new Set(grid);
    for (const q of queries) if (q.metric) ids[q.id] = new Map([...(data[`id:${q.id}`] ?? data[q.metric.metricName] ?? new Map<number, number>())].filter(([t]) => inGrid.has(t)));
    const exprs = queries.filter((q) => q.expression !== undefined);
    const done = new Set<string>();
    while (done.size < exprs.length) {
        const before = done.size;
        for (const q of exprs) {
            if (done.has(q.id)) continue;
            try {
                ids[q.id] = evaluate(parseExpression(q.expression!), { grid, ids, fillOfNothing });
                done.add(q.id);
            } catch (e) {
                if (!String(e).includes("unknown query id")) throw e;
            }
        }
        if (done.size === before) throw new Error("expressions refer to ids that never resolve");
    }
    const returned = queries.filter((q) => q.returnData);
    if (returned.length !== 1) throw new Error(`${returned.length} queries return data`);
    const v = ids[returned[0].id];
    return typeof v === "number" ? new Map(grid.map((t) => [t, v])) : v;
}

export interface AlarmEvaluation {
    evaluationPeriods: number;
    datapointsToAlarm: number;
    comparisonOperator: string;
    threshold: number;
    treatMissingData: string;
}

const COMPARE: Record<string, (x: number, y: number) => boolean> = {
    GreaterThanOrEqualToThreshold: (x, y) => x >= y,
    GreaterThanThreshold: (x, y) => x > y,
    LessThanThreshold: (x, y) => x < y,
    LessThanOrEqualToThreshold: (x, y) => x <= y,
};

/**
 * The alarm's state at each timestamp of `grid`, from the datapoints up to it ("M out of
 * N"): missing datapoints count as breaching or not per treatMissingData; with `missing`
 * or `ignore` a window of only missing datapoints keeps the previous state.
 */
export function alarmStates(series: Series, grid: number[], a: AlarmEvaluation): ("OK" | "ALARM" | "INSUFFICIENT_DATA")[] {
    const out: ("OK" | "ALARM" | "INSUFFICIENT_DATA")[] = [];
    let previous: "OK" | "ALARM" | "INSUFFICIENT_DATA" = "INSUFFICIENT_DATA";
    grid.forEach((_, i) => {
        const window = grid.slice(Math.max(0, i - a.evaluationPeriods + 1), i + 1).map((t) => series.get(t));
        let breaching = 0;
        let present = 0;
        for (const v of window) {
            if (v === undefined) {
                if (a.treatMissingData === "breaching") breaching++;
                if (a.treatMissingData === "breaching" || a.treatMissingData === "notBreaching") present++;
                continue;
            }
            present++;
            if (COMPARE[a.comparisonOperator](v, a.threshold)) breaching++;
        }
        let state: "OK" | "ALARM" | "INSUFFICIENT_DATA";
        if (breaching >= a.datapointsToAlarm) state = "ALARM";
        else if (present === 0) state = previous;
        else state = "OK";
        out.push(state);
        previous = state;
    });
    return out;
}

/** Minutes from `start` (ISO) for `count` minutes, as epoch seconds. */
export function minuteGrid(start: string, count: number): number[] {
    const t0 = Math.floor(Date.parse(start) / 1000);
    return Array.from({ length: count }, (_, i) => t0 + 60 * i);
}

/** A series over `grid` from a function of the minute index (undefined: no datapoint). */
export function seriesOf(grid: number[], f: (minute: number) => number | undefined): Series {
    const s: Series = new Map();
    grid.forEach((t, i) => {
        const v = f(i);
        if (v !== undefined) s.set(t, v);
    });
    return s;
}

/**
 * The alarm's state at each minute of `grid` as CloudWatch evaluates it: each minute the
 * queries are run over the alarm's own range (its last `evaluationPeriods` minutes, all
 * FILL can see), and the datapoints of that range decide, as in {@link alarmStates}.
 */
export function alarmStatesAsEvaluated(
    queries: readonly QueryLike[],
    data: Record<string, Series>,
    grid: number[],
    a: AlarmEvaluation,
    fillOfNothing: FillOfNothing,
): ("OK" | "ALARM" | "INSUFFICIENT_DATA")[] {
    const out: ("OK" | "ALARM" | "INSUFFICIENT_DATA")[] = [];
    let previous: "OK" | "ALARM" | "INSUFFICIENT_DATA" = "INSUFFICIENT_DATA";
    grid.forEach((_, i) => {
        const range = grid.slice(Math.max(0, i - a.evaluationPeriods + 1), i + 1);
        const series = evaluateQueries(queries, data, range, fillOfNothing);
        const states = alarmStates(series, range, a);
        const state = states[states.length - 1];
        // A range of only missing datapoints (treated as missing) keeps the previous state.
        const now = state === "INSUFFICIENT_DATA" ? previous : state;
        out.push(now);
        previous = now;
    });
    return out;
}
