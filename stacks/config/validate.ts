/**
 * Turns a stack's raw config (every value a string, as Pulumi hands it over) into
 * validated settings, or into every problem at once. Pure: file reads come in
 * through `deps`, so tests and the offline plan run it without a cloud or a CLI.
 */
import { NO_RESERVATIONS, planReservations } from "../capacity/reservationPlan";
import { decideReservationSettings, RESERVATION_KEYS, ReservationKeyValues, vpnBandwidthProblems } from "./reservations";
import { AWS_REGION_PATTERN, KEYS, KeyName, KeyValue, KNOWN_AWS_KEYS, PROJECT } from "./keys";
import { nearestName } from "./suggest";
import { PlatformSettings } from "./settings";
import { unknownUserDataPlaceholders, USER_DATA_PLACEHOLDERS } from "../userData";
import { formatInstant, suggestTimeZone } from "../capacity/displayTime";
import { decideHybridSettings, fitOnPremiseShare, HYBRID_KEYS, HybridKeyValues } from "./hybrid";
import { askedPeaks } from "../capacity/onPremise";
import { namePrefixProblems } from "@kgsports/access-control/pure";
import { namePrefixProblem as backupNamePrefixProblem } from "@kgsports/backup-policy/pure";
import { namePrefixProblem as observabilityNamePrefixProblem } from "@kgsports/observability/pure";
import { decideObservabilitySettings, OBSERVABILITY_KEYS, ObservabilityKeyValues } from "./observability";
import { BACKUP_KEYS, BackupKeyValues, decideBackupSettings } from "./backup";
import { decidePipelineSettings, PIPELINE_KEYS, PipelineKeyValues } from "./pipeline";
import { decideOperatorSession } from "./operatorSession";
import { CAPACITY_COST_KEYS, CapacityCostKeyValues, decideCapacityCostSettings } from "./capacityCost";
import { decideLaunchTemplateFreeze, decideMatchdayCapacity, fixtureOwnProblems, fixtureProblemToConfig, groupCapacityAt, MatchdayCapacity } from "./matchday";
import { DEFAULT_FAILOVER_RUNTIME } from "@kgsports/hybrid-link/pure";
import { lambdaRuntimeProblems } from "./lambdaRuntime";
import { frontDoorProbeFindings } from "./canaryRuntime";

export interface RawStackConfig {
    project: string;
    stack: string;
    /** Full keys ("kgsports:minSize", "aws:region") to raw string values. */
    values: Record<string, string>;
    /** Keys whose values are offline placeholders for `secure:` values. */
    placeholderKeys?: readonly string[];
}

export interface ConfigProblem {
    /** Full key, e.g. "kgsports:maxSize". */
    key: string;
    /** The offending raw value, when there is one. */
    value?: string;
    /** The value as the stack file has it (a number bare, text quoted), when known; else the line quotes {@link value}. */
    literal?: string;
    /** What is wrong and what is allowed. */
    message: string;
}

export interface ValidationDeps {
    /** Reads a text file relative to the project root; undefined when it cannot be read. */
    readProjectFile(relativePath: string): string | undefined;
    /** The deploy's clock: fixtures are planned from it. */
    now: Date;
}

export type ValidationResult =
    | { ok: true; settings: PlatformSettings; notes: string[] }
    | { ok: false; problems: ConfigProblem[] };

/** User data above 16 KiB is rejected by EC2. */
export const USER_DATA_LIMIT_BYTES = 16 * 1024;

const full = (key: KeyName) => `${PROJECT}:${key}`;

export function validateStackConfig(raw: RawStackConfig, deps: ValidationDeps): ValidationResult {
    const problems: ConfigProblem[] = [];
    const knownKeys = Object.keys(KEYS) as KeyName[];

    for (const key of Object.keys(raw.values)) {
        const [namespace, name] = splitKey(key);
        if (namespace === PROJECT && !(knownKeys as string[]).includes(name)) {
            const near = nearestName(name, knownKeys);
            problems.push({
                key,
                message: near
                    ? `unknown key; did you mean ${PROJECT}:${near}?`
                    : `unknown key; allowed are the keys declared in Pulumi.yaml (${knownKeys.join(", ")})`,
            });
        } else if (namespace === "aws" && !KNOWN_AWS_KEYS.includes(name)) {
            const near = nearestName(name, KNOWN_AWS_KEYS);
            if (near) problems.push({ key, message: `unknown AWS provider key; did you mean aws:${near}?` });
        }
    }

    // Every physical name starts with <project>-<stack>: IAM names, alarm names, an S3
    // bucket name. A stack name the components would refuse is refused here, before
    // anything is declared, instead of failing inside a component.
    const prefix = `${raw.project}-${raw.stack}`;
    // The S3 bucket's rule (Observability's) is the strictest; the others only add IAM's.
    const prefixWhy = observabilityNamePrefixProblem(prefix) ?? backupNamePrefixProblem(prefix)
        ?? namePrefixProblems(prefix, "the name prefix").map((x) => `breaks IAM's naming rules (${x})`)[0];
    if (prefixWhy !== undefined) {
        problems.push({
            key: "(stack name)",
            value: raw.stack,
            message: `gives the name prefix "${prefix}", which ${prefixWhy}; rename the stack (pulumi stack rename) to lowercase letters, digits and hyphens, short enough for the prefix`,
        });
    }

    const region = raw.values["aws:region"];
    if (region === undefined) {
        problems.push({ key: "aws:region", message: "required; set the AWS region to deploy to, e.g. ap-northeast-2" });
    } else if (!AWS_REGION_PATTERN.test(region)) {
        problems.push({ key: "aws:region", value: region, message: "allowed: an AWS region name such as ap-northeast-2" });
    }

    const parsed: Partial<{ [K in KeyName]: KeyValue<K> }> = {};
    for (const name of knownKeys) {
        const key = full(name);
        const def = KEYS[name];
        const value = raw.values[key];
        if (value === undefined) {
            // Stryker disable next-line LogicalOperator: equivalent for the key table: required is only ever true
            if ("required" in def && def.required) problems.push({ key, message: `required; allowed: ${def.allowed}` });
            else if ("default" in def) (parsed as Record<string, unknown>)[name] = "emptyMeansUnset" in def && def.emptyMeansUnset ? undefined : def.default;
            continue;
        }
        if (value === "" && "emptyMeansUnset" in def && def.emptyMeansUnset) {
            (parsed as Record<string, unknown>)[name] = undefined;
            continue;
        }
        if (raw.placeholderKeys?.includes(key)) {
            if (def.type !== "string") {
                problems.push({ key, message: `is a secure value, which cannot be read offline; allowed: plain text (${def.allowed}); this key holds no secret` });
                continue;
            }
            // An offline placeholder for a secure string: its real form is checked by `pulumi up`.
            (parsed as Record<string, unknown>)[name] = value;
            continue;
        }
        const result = (def.schema as import("zod").ZodType<unknown, import("zod").ZodTypeDef, string>).safeParse(value);
        if (result.success) (parsed as Record<string, unknown>)[name] = result.data;
        else problems.push({ key, value, message: `${didYouMean(name, value)}allowed: ${def.allowed}` });
    }

    const { minSize, desiredCapacity, maxSize, warmPoolSize } = parsed;
    if (minSize !== undefined && desiredCapacity !== undefined && minSize > desiredCapacity) {
        problems.push({
            key: full("minSize"),
            value: String(minSize),
            message: `is above ${full("desiredCapacity")} = ${desiredCapacity}; allowed: minSize <= desiredCapacity <= maxSize`,
        });
    }
    if (desiredCapacity !== undefined && maxSize !== undefined && desiredCapacity > maxSize) {
        problems.push({
            key: full("desiredCapacity"),
            value: String(desiredCapacity),
            message: `is above ${full("maxSize")} = ${maxSize}; allowed: minSize <= desiredCapacity <= maxSize`,
        });
    }
    if (warmPoolSize !== undefined && maxSize !== undefined && warmPoolSize > maxSize) {
        problems.push({
            key: full("warmPoolSize"),
            value: String(warmPoolSize),
            message: `is above ${full("maxSize")} = ${maxSize}; allowed: ${KEYS.warmPoolSize.allowed}`,
        });
    }

    let userData: string | undefined;
    if (parsed.userDataFile !== undefined) {
        userData = deps.readProjectFile(parsed.userDataFile);
        if (userData === undefined) {
            problems.push({ key: full("userDataFile"), value: parsed.userDataFile, message: `cannot read the file; allowed: ${KEYS.userDataFile.allowed}` });
        } else if (unknownUserDataPlaceholders(userData).length > 0) {
            problems.push({
                key: full("userDataFile"),
                value: parsed.userDataFile,
                message: `unknown placeholder(s) ${unknownUserDataPlaceholders(userData).map((n) => `{{${n}}}`).join(", ")}; allowed: ${USER_DATA_PLACEHOLDERS.map((n) => `{{${n}}}`).join(", ")}`,
            });
        } else if (Buffer.byteLength(userData, "utf8") > USER_DATA_LIMIT_BYTES) {
            problems.push({
                key: full("userDataFile"),
                value: parsed.userDataFile,
                message: `the file is ${Buffer.byteLength(userData, "utf8")} bytes; allowed: at most ${USER_DATA_LIMIT_BYTES} (EC2's user data limit)`,
            });
        }
    }

    const people: [KeyName, string[] | undefined][] = [
        ["administrators", parsed.administrators],
        ["operators", parsed.operators],
        ["readOnlyUsers", parsed.readOnlyUsers],
    ];
    const seenIn = new Map<string, KeyName>();
    for (const [name, users] of people) {
        const own = new Set<string>();
        for (const user of users ?? []) {
            // Stryker disable next-line MethodExpression: equivalent; upper or lower case, the comparison is case-insensitive
            const id = user.toLowerCase(); // IAM user names are unique case-insensitively
            const other = seenIn.get(id);
            if (own.has(id)) {
                problems.push({ key: full(name), value: user, message: "listed twice; allowed: each user once" });
            } else if (other !== undefined) {
                problems.push({
                    key: full(name),
                    value: user,
                    message: `is also listed in ${full(other)}; allowed: each person in one group (administrators, operators or readOnlyUsers)`,
                });
            }
            own.add(id);
            if (other === undefined) seenIn.set(id, name);
        }
    }
    if (parsed.warmPoolFromSchedule && (parsed.warmPoolSize ?? 0) > 0) {
        problems.push({
            key: full("warmPoolSize"),
            value: String(parsed.warmPoolSize),
            message: `conflicts with ${full("warmPoolFromSchedule")} = true; allowed: 0 when the schedule sizes the warm pool`,
        });
    }

    const hybrid = decideHybridSettings(
        Object.fromEntries(Object.keys(HYBRID_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as HybridKeyValues,
        { stack: raw.stack, region: region ?? "", vpcCidr: parsed.vpcCidr, now: deps.now, placeholderKeys: raw.placeholderKeys ?? [] },
    );
    problems.push(...hybrid.problems);
    const observability = decideObservabilitySettings(
        Object.fromEntries(Object.keys(OBSERVABILITY_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as ObservabilityKeyValues,
    );
    problems.push(...observability.problems);

    // Target utilisation (the load test's requests per viewer) and the capacity report's prices.
    const capacityCost = decideCapacityCostSettings(
        Object.fromEntries(Object.keys(CAPACITY_COST_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as CapacityCostKeyValues,
        {
            region: region ?? "",
            instanceType: parsed.instanceType,
            fixtures: parsed.fixtures,
            viewersPerInstance: parsed.viewersPerInstance,
            targetRequestsPerInstance: parsed.targetRequestsPerInstance,
            rejectedKeys: problems.map((x) => x.key),
        },
    );
    problems.push(...capacityCost.problems);

    let matchday: MatchdayCapacity | undefined;
    // Fixtures are checked whenever the keys they depend on parsed, so their problems are
    // reported together with the others.
    const needed = [
        parsed.viewersPerInstance,
        parsed.headroomPercent,
        parsed.preWarmLeadMinutes,
        parsed.matchWindowMinutes,
        parsed.releaseDelayMinutes,
        parsed.availabilityZoneCount,
        parsed.minSize,
        parsed.maxSize,
        parsed.displayTimeZone,
    ];
    if (needed.every((v) => v !== undefined) && parsed.fixtures !== undefined) {
        const decided = decideMatchdayCapacity(
            {
                fixtures: parsed.fixtures,
                viewersPerInstance: parsed.viewersPerInstance!,
                headroomPercent: parsed.headroomPercent!,
                preWarmLeadMinutes: parsed.preWarmLeadMinutes!,
                matchWindowMinutes: parsed.matchWindowMinutes!,
                releaseDelayMinutes: parsed.releaseDelayMinutes!,
                availabilityZoneCount: parsed.availabilityZoneCount!,
                minSize: parsed.minSize!,
                maxSize: parsed.maxSize!,
                displayTimeZone: parsed.displayTimeZone!,
                ...(parsed.instanceType !== undefined ? { instanceType: parsed.instanceType } : {}),
                ...(capacityCost.settings.targetUtilisation !== undefined ? { targetUtilisation: capacityCost.settings.targetUtilisation } : {}),
            },
            deps.now,
        );
        if (decided.ok) matchday = decided.capacity;
        else problems.push(...decided.problems.map(fixtureProblemToConfig));
    } else if (parsed.fixtures !== undefined) {
        // A key the plan is sized with was refused: the fixtures' own problems still show in this run.
        problems.push(...fixtureOwnProblems(parsed.fixtures, deps.now).map(fixtureProblemToConfig));
    }

    // The operator role's session covers a whole match window (IAM caps a session at 12 hours).
    const operatorSession = matchday === undefined || parsed.operatorSessionHours === undefined ? undefined : decideOperatorSession({
        longestWindowMinutes: matchday.longestWindowMinutes,
        oneWindowMinutes: parsed.preWarmLeadMinutes! + parsed.matchWindowMinutes! + parsed.releaseDelayMinutes!,
        configuredHours: parsed.operatorSessionHours,
    });
    if (operatorSession !== undefined && "problem" in operatorSession) problems.push(operatorSession.problem);

    // Backup and image jobs must stay out of the match windows, so they are checked against the schedule.
    const backup = decideBackupSettings(
        Object.fromEntries(Object.keys(BACKUP_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as BackupKeyValues,
        {
            region: region ?? "",
            now: deps.now,
            windows: (matchday?.schedule.windows ?? []).map((w) => ({
                label: w.fixtures.join(" + "),
                start: w.preWarmAt,
                end: w.releaseAt,
                fixtures: w.fixtures,
                kickoff: w.kickoff,
                typedKickoffs: w.fixtures.map((n) => matchday!.plan.fixtures.find((f) => f.name === n)).filter((f) => f !== undefined)
                    .map((f) => ({ kickoff: f.kickoff, ...(f.timeZone !== undefined ? { timeZone: f.timeZone } : {}) })),
            })),
            ...(parsed.displayTimeZone !== undefined ? { displayTimeZone: parsed.displayTimeZone } : {}),
        },
    );
    problems.push(...backup.problems);
    const pipeline = decidePipelineSettings(
        Object.fromEntries(Object.keys(PIPELINE_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as PipelineKeyValues,
        { stack: raw.stack, ...(parsed.deployRepository !== undefined ? { deployRepository: parsed.deployRepository } : {}) },
    );
    problems.push(...pipeline.problems);

    // The on-premise share must fit their servers at every surge the fixtures ask for, and the failover keeps the servers it needs.
    let hybridSettings = hybrid.settings;
    const hybridNotes = [...hybrid.notes];
    if (hybridSettings !== undefined && matchday !== undefined && parsed.onPremiseViewerCapacity !== undefined) {
        const fit = fitOnPremiseShare(hybridSettings, { stack: raw.stack, capacityViewers: parsed.onPremiseViewerCapacity, peaks: askedPeaks(matchday.plan, matchday.schedule.windows) });
        problems.push(...fit.problems);
        hybridSettings = { ...hybridSettings, failover: { ...hybridSettings.failover, minHealthyHosts: fit.minHealthyHosts } };
        hybridNotes.push(...fit.notes);
    }

    // What a viewer sends through the load balancer, and the capacity reserved under the fleet for each match.
    const reservationSettings = decideReservationSettings(
        Object.fromEntries(Object.keys(RESERVATION_KEYS).map((k) => [k, (parsed as Record<string, unknown>)[k]])) as ReservationKeyValues,
        // The listener's rules a request meets: the default forward, and the failover's rule with the hybrid link.
        {
            requestsPerViewerPerMinute: capacityCost.settings.requestsPerViewerPerMinute,
            rulesPerRequest: parsed.hybridLink === true ? 2 : 1,
            ...(parsed.instanceType !== undefined ? { instanceType: parsed.instanceType } : {}),
        },
    );
    // The on-premise share's bytes must fit one VPN tunnel, as its viewers must fit the servers.
    if (hybridSettings !== undefined && matchday !== undefined) {
        problems.push(...vpnBandwidthProblems({
            stack: raw.stack,
            onPremiseShare: hybridSettings.onPremiseShare,
            weights: hybridSettings.weights,
            peaks: askedPeaks(matchday.plan, matchday.schedule.windows),
            traffic: reservationSettings.traffic,
        }));
    }
    // The load balancer's and the instances' capacity reserved for the windows, and the schedules this deploy declares.
    const reservations = matchday === undefined
        ? NO_RESERVATIONS
        : planReservations({
            plan: matchday.plan,
            schedule: matchday.schedule,
            options: reservationSettings.options,
            now: deps.now,
            displayTimeZone: matchday.displayTimeZone,
            stack: raw.stack,
        });

    // The link's failover function runs on the component's default runtime: it must stay
    // creatable and updatable until the last fixture's release plus the margin.
    if (parsed.hybridLink === true) {
        const releases = (matchday?.schedule.windows ?? []).map((w) => w.releaseAt.getTime());
        problems.push(...lambdaRuntimeProblems(
            DEFAULT_FAILOVER_RUNTIME,
            { now: deps.now, ...(releases.length > 0 ? { lastFixtureRelease: new Date(Math.max(...releases)) } : {}) },
            "the hybrid link's failover function",
            "(failover function runtime)",
        ));
    }

    // The front-door probe's canary: a name Synthetics' function naming holds, and a runtime
    // Synthetics still creates canaries on (a note when it will not after the season's end).
    const probeNotes: string[] = [];
    if (parsed.frontDoorProbeUrl !== undefined) {
        const releases = (matchday?.schedule.windows ?? []).map((w) => w.releaseAt.getTime());
        const probe = frontDoorProbeFindings(
            { stack: raw.stack, key: full("frontDoorProbeUrl"), prefix: `${raw.project}-${raw.stack}` },
            { now: deps.now, ...(releases.length > 0 ? { lastFixtureRelease: new Date(Math.max(...releases)) } : {}) },
        );
        problems.push(...probe.problems);
        probeNotes.push(...probe.notes);
        // With a certificate the load balancer's port 80 answers every request itself with a
        // redirect, which the probe counts as success: "alb" would then watch nothing.
        if (parsed.frontDoorProbeUrl === "alb" && parsed.certificateArn !== undefined) {
            problems.push({
                key: full("frontDoorProbeUrl"),
                value: "alb",
                message: `stack "${raw.stack}" has kgsports:certificateArn, so the load balancer answers http://<its name> with a redirect of its own and "alb" would pass while every target is down; allowed: the https:// URL of the public name the certificate covers (e.g. "https://watch.kgsports.example/healthz")`,
            });
        }
    }

    if (problems.length > 0 || matchday === undefined) return { ok: false, problems };

    const p = parsed as { [K in KeyName]: KeyValue<K> };
    const capacity = groupCapacityAt({ min: p.minSize, desired: p.desiredCapacity, max: p.maxSize }, matchday.floorNow);
    const launchTemplateFreeze = decideLaunchTemplateFreeze(
        matchday.schedule.windows,
        deps.now,
        Math.max(capacity.min, capacity.desired),
        p.instanceWarmupSeconds,
        matchday.displayTimeZone,
    );
    const settings: PlatformSettings = {
        project: raw.project,
        stack: raw.stack,
        region: region!,
        tags: { Project: raw.project, Stack: raw.stack, ManagedBy: "pulumi" },
        network: { cidrBlock: p.vpcCidr, availabilityZoneCount: p.availabilityZoneCount, natGateways: p.natGateways },
        web: {
            instanceType: p.instanceType,
            amiId: p.amiId,
            userData: userData!,
            userDataFile: p.userDataFile,
            appPort: p.appPort,
            healthCheckPath: p.healthCheckPath,
            certificateArn: p.certificateArn,
            capacity,
            raiseRunningDesired: launchTemplateFreeze === undefined,
            launchTemplateFreeze,
            targetRequestsPerInstance: p.targetRequestsPerInstance,
            instanceWarmupSeconds: p.instanceWarmupSeconds,
            rootVolumeGiB: p.rootVolumeGiB,
            warmPoolSize: p.warmPoolFromSchedule ? Math.min(matchday.largestStep, p.maxSize) : p.warmPoolSize,
            deletionProtection: p.deletionProtection,
            detailedMonitoring: p.detailedMonitoring,
        },
        access: {
            namePrefix: `${raw.project}-${raw.stack}`,
            administrators: p.administrators,
            operators: p.operators,
            readOnly: p.readOnlyUsers,
            mfaMaxAgeSeconds: p.mfaMaxAgeHours * 3600,
            operatorSessionSeconds: (operatorSession as { seconds: number }).seconds,
            managePasswordPolicy: p.managePasswordPolicy,
            passwordPolicy: { minimumLength: p.passwordMinimumLength, reusePrevention: p.passwordReusePrevention, maxAgeDays: p.passwordMaxAgeDays },
            deploy: {
                repository: p.deployRepository,
                ...(p.deployEnvironment ? { environment: p.deployEnvironment } : { branch: p.deployBranch }),
                ...(p.existingOidcProviderArn ? { existingOidcProviderArn: p.existingOidcProviderArn } : {}),
            },
        },
        matchday: {
            ...matchday,
            onPremiseViewerCapacity: p.onPremiseViewerCapacity,
            plannedAt: deps.now,
            requestsPerViewerPerMinute: capacityCost.settings.requestsPerViewerPerMinute,
            prices: capacityCost.settings.prices,
            traffic: reservationSettings.traffic,
            reservations,
            reservationOptions: reservationSettings.options,
        },
        hybrid: hybridSettings,
        observability: observability.settings!,
        backup: backup.settings!,
        pipeline: pipeline.settings,
    };
    return { ok: true, settings, notes: [...settingsNotes(settings), ...hybridNotes, ...probeNotes] };
}

/**
 * Lines a reviewer should read with the plan: fixtures already past first (a wrong year
 * must not hide among the rest), then where this stack is weaker than production
 * defaults, what the deploy does to the running group, and the schedule's decisions.
 */
export function settingsNotes(s: PlatformSettings): string[] {
    const notes: string[] = [];
    const m = s.matchday;
    const at = (d: Date) => formatInstant(d, m.displayTimeZone);
    for (const past of m.schedule.pastFixtures) {
        notes.push(
            `PAST FIXTURE "${past.name}": kickoff ${at(past.kickoff)} is over (its window ended ${at(past.releaseAt)}); nothing is scheduled for it. ` +
            `If that is not the match you meant, fix its date in ${full("fixtures")}; otherwise remove it`,
        );
    }
    if (s.network.natGateways === "Single") notes.push(`${full("natGateways")} = Single: losing that zone cuts the instances' outbound access`);
    if (!s.web.amiId) {
        notes.push(
            `${full("amiId")} is not set: the AMI is the latest Amazon Linux 2023, looked up at deploy time; a new release rolls the fleet at the next deploy outside a match window (pin amiId for the season)`,
        );
    }
    if (!s.web.deletionProtection) notes.push(`${full("deletionProtection")} = false: the load balancer can be deleted by a destroy`);
    notes.push(
        s.web.raiseRunningDesired
            ? `${full("desiredCapacity")} = ${s.web.capacity.desired}: this deploy brings a running fleet that runs fewer up to ${s.web.capacity.desired} (it reads the group's live desired capacity and never declares less); a fleet running more keeps its size`
            : `${full("desiredCapacity")} is not applied to a running fleet by this deploy: a match window is near or on, so no deploy reads or sends desired (a new group would start with ${s.web.capacity.desired})`,
    );
    if (m.floorNow !== undefined) {
        notes.push(
            `a match window is on or starts within the minimum lead: the group's minimum is declared at ${s.web.capacity.min} (the window's floor), not ${full("minSize")} = ${m.plan.baselineMinSize}; ` +
            `the window's remaining scheduled actions, its release included, stay declared`,
        );
    }
    if (s.web.launchTemplateFreeze !== undefined) notes.push(s.web.launchTemplateFreeze.note);
    for (const w of m.schedule.windows) {
        const steps = w.steps.length > 1 ? `; steps ${w.steps.map((st) => `${st.minSize} from ${at(st.at)}`).join(", ")}` : "";
        notes.push(`match window ${w.fixtures.join(" + ")}: minimum up to ${w.minSize} from ${at(w.preWarmAt)} to ${at(w.releaseAt)}${steps}`);
    }
    notes.push(...m.schedule.notes.filter((n) => !n.startsWith("past fixture ")));
    if (s.web.warmPoolSize > 0) notes.push(`warm pool: ${s.web.warmPoolSize} stopped instances`);
    notes.push(...reservationNotes(s));
    return notes;
}

/**
 * One line per upcoming reservation (the load balancer's per match day, the instances'
 * per window), then the reservation plan's own notes (late requests caught up, days merged).
 */
export function reservationNotes(s: PlatformSettings): string[] {
    const m = s.matchday;
    const at = (d: Date) => formatInstant(d, m.displayTimeZone);
    const ahead = (end: Date) => end.getTime() > m.plannedAt.getTime();
    return [
        ...m.reservations.loadBalancer.filter((r) => ahead(r.resetAt)).map((r) =>
            `load balancer reservation ${r.name} (${r.fixtures.join(" + ")}): ${r.capacityUnits} LCU for ${Math.round(r.plannedViewers)} planned viewers ` +
            `(${r.demand.dominant} dominates), requested ${at(r.requestAt)}, reset ${at(r.resetAt)}`),
        ...m.reservations.instances.filter((r) => ahead(r.endAt)).map((r) =>
            `instance reservation ${r.name} (${r.fixtures.join(" + ")}): ${r.perZone} x ${s.web.instanceType} in each of ${r.zones} zones, created ${at(r.createAt)}, ended by AWS within an hour of ${at(r.endAt)}`),
        ...m.reservations.notes,
    ];
}

/** "did you mean ...? " for a value of a key that has a list of likely values, else "". */
function didYouMean(key: KeyName, value: string): string {
    if (key === "displayTimeZone") {
        const near = suggestTimeZone(value);
        return near ? `unknown time zone; did you mean ${near}? ` : "unknown time zone; ";
    }
    return "";
}

/** "kgsports:minSize" → ["kgsports", "minSize"]; a key without a namespace belongs to the project. */
export function splitKey(key: string): [string, string] {
    const i = key.indexOf(":");
    return i < 0 ? [PROJECT, key] : [key.slice(0, i), key.slice(i + 1)];
}

/** The message a person sees: names the stack, every key, its value and what is allowed. */
export function formatConfigProblems(stack: string, problems: ConfigProblem[], source?: string): string {
    const where = source ? ` (${source})` : "";
    const lines = problems.map((p) => `  - ${p.key}${p.value !== undefined ? ` = ${p.literal ?? JSON.stringify(p.value)}` : ""}: ${p.message}`);
    return [`Stack "${stack}" has invalid config${where}; nothing was declared:`, ...lines].join("\n");
}
