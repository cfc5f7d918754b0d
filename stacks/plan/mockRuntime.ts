/**
 * The one mock-runtime harness: runs a Pulumi program in-process under the SDK's mock
 * monitor and records every registration (type, name, parent, inputs, options). The
 * offline plan and every test that declares resources go through here.
 *
 * Facts this relies on (see shared notes on Pulumi testing): setMocks is
 * process-global, so runs are queued one at a time; outputs the mock state lacks stay
 * undefined (we run as an update, not a preview, so `apply` always fires); the mock
 * monitor overwrites duplicate URNs, so we record registrations ourselves and callers
 * can check uniqueness.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { FakeCloudState, fakeCallResult, fakeOutputs, MOCK_ACCOUNT_ID } from "./fakeCloud";

export { MOCK_ACCOUNT_ID };

/** Resource options as the engine received them. */
export interface DeclaredOptions {
    ignoreChanges: string[];
    replaceOnChanges: string[];
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    /** URNs this resource depends on explicitly or through its inputs. */
    dependsOn: string[];
    /** Aliases (e.g. the old name of a renamed resource). */
    aliasCount: number;
    /** The aliases given as URNs (an alias given as a spec shows as its JSON). */
    aliases: string[];
    /**
     * For each input property, the URNs of the resources its value came from (the
     * engine's property dependencies; CrossGuard hands the same to stack policies).
     * Optional: added later, so options built elsewhere need not set it.
     */
    propertyDependencies?: Record<string, string[]>;
}

export interface DeclaredResource {
    urn: string;
    type: string;
    name: string;
    /** The parent's URN, or null for a top-level resource. */
    parent: string | null;
    /** False for components. */
    custom: boolean;
    inputs: Record<string, unknown>;
    options: DeclaredOptions;
}

export interface LogLine {
    level: "debug" | "info" | "warning" | "error";
    message: string;
}

export interface MockRunOptions {
    project: string;
    stack: string;
    /** Full keys ("kgsports:minSize") to string values, as Pulumi hands config to a program. */
    config: Record<string, string>;
    /** Keys whose values are secret. */
    secretKeys?: string[];
    /** What already runs in the fake cloud. Default: nothing. */
    cloud?: FakeCloudState;
}

export interface MockRun<T> {
    project: string;
    stack: string;
    /** In registration order; duplicates are kept so callers can detect them. */
    resources: DeclaredResource[];
    /** What the program returned. */
    result: T;
    /** What the program logged through `pulumi.log`. */
    logs: LogLine[];
    /** Data-source calls the fake cloud had no answer for (each is a gap in the plan). */
    unansweredCalls: string[];
}

type RegisterCallback = (err: Error | null, resp?: unknown) => void;
interface MonitorLike {
    registerResource(req: resproto.RegisterResourceRequest, callback: RegisterCallback): void;
    newUrn(parent: string, type: string, name: string): string;
}

// waitForRPCs is exported by the SDK's settings module but marked internal in its types.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const settingsModule = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

const RUNTIME_LOG = /^(debug|info|warning|error): \[runtime\] ([\s\S]*)$/;

let queue: Promise<unknown> = Promise.resolve();

/** Runs `program` under mocks; runs never overlap. */
export function runUnderMocks<T>(options: MockRunOptions, program: () => T): Promise<MockRun<T>> {
    const run = queue.then(() => runOnce(options, program));
    queue = run.catch(() => undefined);
    return run;
}

async function runOnce<T>(options: MockRunOptions, program: () => T): Promise<MockRun<T>> {
    const region = options.config["aws:region"] ?? "us-east-1";
    const resources: DeclaredResource[] = [];
    const unansweredCalls: string[] = [];
    const logs: LogLine[] = [];

    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                const state = { ...args.inputs, ...fakeOutputs(args.type, args.name, args.inputs, region) };
                return { id: args.custom ? String(state.id ?? `${args.name}-id`) : undefined, state };
            },
            call: (args) => {
                const answer = fakeCallResult(args.token, args.inputs, region, options.cloud);
                if (answer === undefined) {
                    unansweredCalls.push(args.token);
                    return {};
                }
                return answer;
            },
        },
        options.project,
        options.stack,
        false,
    );
    pulumi.runtime.setAllConfig(options.config, options.secretKeys ?? []);

    const monitor = pulumi.runtime.getMonitor() as unknown as MonitorLike;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => {
        const parent = req.getParent() || null;
        resources.push({
            urn: monitor.newUrn(req.getParent(), req.getType(), req.getName()),
            type: req.getType(),
            name: req.getName(),
            parent,
            custom: req.getCustom(),
            inputs: plain(pulumi.runtime.deserializeProperties(req.getObject()!)) as Record<string, unknown>,
            options: {
                ignoreChanges: req.getIgnorechangesList(),
                replaceOnChanges: req.getReplaceonchangesList(),
                protect: req.getProtect() ?? false,
                retainOnDelete: req.getRetainondelete() ?? false,
                deleteBeforeReplace: req.getDeletebeforereplace(),
                dependsOn: req.getDependenciesList(),
                aliasCount: req.getAliasesList().length,
                aliases: req.getAliasesList().map((a) => (a.hasUrn() ? a.getUrn() : JSON.stringify(a.getSpec()?.toObject() ?? {}))),
                propertyDependencies: propertyDependenciesOf(req),
            },
        });
        register(req, callback);
    };

    const console_ = { log: console.log, warn: console.warn, error: console.error };
    const capture = (fallback: (...a: unknown[]) => void) => (...args: unknown[]) => {
        const m = args.length === 1 && typeof args[0] === "string" ? RUNTIME_LOG.exec(args[0]) : null;
        if (m) logs.push({ level: m[1] as LogLine["level"], message: m[2] });
        else fallback(...args);
    };
    console.log = capture(console_.log);
    console.warn = capture(console_.warn);
    console.error = capture(console_.error);
    try {
        const result = program();
        await settingsModule.waitForRPCs();
        return { project: options.project, stack: options.stack, resources, result, logs, unansweredCalls };
    } finally {
        Object.assign(console, console_);
    }
}

function propertyDependenciesOf(req: resproto.RegisterResourceRequest): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        const urns = deps.getUrnsList();
        if (urns.length > 0) out[key] = urns;
    });
    return out;
}

/** Strips the SDK's internal markers so inputs compare and print as plain JSON. */
function plain(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            if (v !== undefined) out[k] = plain(v);
        }
        return out;
    }
    return value;
}
