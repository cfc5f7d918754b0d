/**
 * What the config's runner and its slices decide beyond the stack files' happy path: the
 * stack's identity, the AWS provider's own keys, a slice that decides nothing, the match
 * windows the backup rules are checked against, and what the reservations take from the
 * web tier. (Mutation testing showed these unpinned.)
 */
import { expect } from "chai";
import * as path from "path";
import { defineSlice, AnySlice } from "../stacks/config/slice";
import { SLICES } from "../stacks/config/slices";
import { matchWindowSpans } from "../stacks/config/slices/backup";
import { AWS_REGION_PATTERN, decideStackIdentity, KNOWN_AWS_KEYS } from "../stacks/config/stackIdentity";
import { validateStackConfig } from "../stacks/config/validate";
import { loadStackSettings } from "../stacks/plan/loadStack";
import { readProjectFile, readStackConfig } from "../stacks/plan/stackFiles";
import { projectFileReader } from "../stacks/projectFiles";

const ROOT = path.resolve(__dirname, "..");
const NOW = new Date("2026-12-07T21:00:00Z");
const devValues = () => ({ ...readStackConfig(ROOT, readProjectFile(ROOT), "dev").values });
const validate = (values: Record<string, string>, slices?: readonly AnySlice[]) =>
    validateStackConfig({ project: "kgsports", stack: "dev", values, placeholderKeys: [] }, { ...projectFileReader(ROOT), now: NOW }, slices);
const settingsOf = (stack: string) => {
    const loaded = loadStackSettings({ stack, now: NOW });
    if (!loaded.ok) throw new Error(loaded.message);
    return loaded.loaded.settings;
};

describe("config runner, pinned", () => {
    it("knows the AWS provider's documented config keys, and suggests the nearest for a typo", () => {
        // The provider's stack config keys a stack may set (Pulumi AWS provider, "Configuration").
        const documented = ["region", "profile", "defaultTags", "allowedAccountIds", "forbiddenAccountIds", "assumeRole", "sharedCredentialsFiles",
            "sharedConfigFiles", "skipCredentialsValidation", "skipMetadataApiCheck", "skipRequestingAccountId", "maxRetries", "ignoreTags", "endpoints"];
        expect([...KNOWN_AWS_KEYS].sort()).to.deep.equal([...documented].sort());
        const values = devValues();
        for (const key of documented.filter((k) => k !== "region")) values[`aws:${key}`] = "x";
        const r = validate(values);
        expect(r.ok ? [] : r.problems.filter((p) => p.key.startsWith("aws:"))).to.deep.equal([]);
        const typo = validate({ ...devValues(), "aws:profiles": "x" });
        expect(typo.ok ? [] : typo.problems).to.deep.include({ key: "aws:profiles", message: "unknown AWS provider key; did you mean aws:profile?" });
    });

    it("reads a region name whole: partitions with -gov and -iso[b]; nothing before or after", () => {
        for (const ok of ["ap-northeast-2", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1"]) expect(AWS_REGION_PATTERN.test(ok), ok).to.equal(true);
        for (const bad of ["xap-northeast-2", "ap-northeast-2a", "ap-northeast-", "us-iso1-east-1"]) expect(AWS_REGION_PATTERN.test(bad), bad).to.equal(false);
    });

    it("a stack's identity is decided only without a problem: the name prefix, the region", () => {
        expect(decideStackIdentity("kgsports", "dev", { "aws:region": "ap-northeast-2" }).identity).to.deep.equal({
            project: "kgsports", stack: "dev", region: "ap-northeast-2", tags: { Project: "kgsports", Stack: "dev", ManagedBy: "pulumi" },
        });
        expect(decideStackIdentity("kgsports", "Dev_Stack", { "aws:region": "ap-northeast-2" }).identity).to.equal(undefined);
        expect(decideStackIdentity("kgsports", "dev", {}).identity).to.equal(undefined);
        expect(decideStackIdentity("kgsports", "dev", { "aws:region": "Seoul" }).identity).to.equal(undefined);
        const long = decideStackIdentity("kgsports", "a".repeat(40), { "aws:region": "ap-northeast-2" });
        expect(long.problems.map((p) => p.key)).to.deep.equal(["(stack name)"]);
        expect(long.problems[0].message).to.match(/^gives the name prefix "kgsports-a+", which .+; rename the stack/);
    });

    it("a slice that decides nothing without a problem is a program error, never a stack with a missing part", () => {
        const silent = defineSlice({ name: "silent", title: "Silent", keys: {}, decide: () => ({}) }) as unknown as AnySlice;
        const r = validate(devValues(), [...(SLICES as readonly AnySlice[]), silent]);
        expect(r.ok).to.equal(false);
        expect(r.ok ? [] : r.problems).to.deep.equal([
            { key: "(program)", message: "the silent settings were not decided although no key was refused; this is a bug in the program, not in the stack file" },
        ]);
        const quiet = defineSlice({ name: "quiet", title: "Quiet", keys: {}, decide: () => ({ settings: undefined }) }) as unknown as AnySlice;
        const ok = validate(devValues(), [...(SLICES as readonly AnySlice[]), quiet]);
        expect(ok.ok && "quiet" in ok.settings).to.equal(true);
    });

    it("the match windows the backup rules must stay out of: one span per window, its fixtures and their kickoffs as typed", () => {
        const m = settingsOf("matchday").matchday;
        const spans = matchWindowSpans(m);
        expect(spans).to.have.length(m.schedule.windows.length);
        const w = m.schedule.windows[0];
        expect(spans[0].label).to.equal(w.fixtures.join(" + "));
        expect(spans[0].start).to.equal(w.preWarmAt);
        expect(spans[0].end).to.equal(w.releaseAt);
        const typed = m.plan.fixtures.find((f) => f.name === w.fixtures[0])!;
        expect(spans[0].typedKickoffs).to.deep.equal([{ kickoff: typed.kickoff, ...(typed.timeZone !== undefined ? { timeZone: typed.timeZone } : {}) }]);
        expect(matchWindowSpans(undefined)).to.deep.equal([]);
        const zoned = matchWindowSpans({ ...m, plan: { ...m.plan, fixtures: m.plan.fixtures.map((f) => ({ ...f, timeZone: "Europe/Paris" })) } });
        expect(zoned[0].typedKickoffs!.every((k) => k.timeZone === "Europe/Paris")).to.equal(true);
        const two = matchWindowSpans({ ...m, schedule: { ...m.schedule, windows: [{ ...w, fixtures: [w.fixtures[0], "other"] }] } });
        expect(two[0].label).to.equal(`${w.fixtures[0]} + other`);
        expect(two[0].typedKickoffs).to.have.length(1);
    });

    it("the reservations take the web tier's instance type and the listener's rules from the hybrid link", () => {
        const matchday = settingsOf("matchday");
        expect(matchday.reservations.options.instances?.instanceType).to.equal(matchday.web.instanceType);
        expect(matchday.reservations.traffic.rulesPerRequest).to.equal(2);
        expect(settingsOf("dev").reservations.traffic.rulesPerRequest).to.equal(1);
        expect(matchday.reservations.traffic.requestsPerViewerPerMinute).to.equal(matchday.cost.requestsPerViewerPerMinute);
    });

    it("the group's sizes, compared only when both parsed: a refused size is one problem, not two", () => {
        const r = validate({ ...devValues(), "kgsports:minSize": "x", "kgsports:desiredCapacity": "1", "kgsports:maxSize": "y", "kgsports:warmPoolSize": "3" });
        expect(r.ok ? [] : r.problems.map((p) => p.key).sort()).to.deep.equal(["kgsports:maxSize", "kgsports:minSize"]);
    });
});
