import { expect } from "chai";
import { formatConfigProblems, validateStackConfig, ValidationDeps, USER_DATA_LIMIT_BYTES } from "../stacks/config/validate";
import { parseIpv4Cidr, ipv4CidrsOverlap } from "../stacks/config/cidr";
import { nearestName } from "../stacks/text/suggest";
import { capacityCostConfig, fixturesStackConfig, validStackConfig } from "./helpers/stackConfigs";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };

const valid = validStackConfig;

function problemsOf(values: Record<string, string>) {
    const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, deps);
    if (r.ok) throw new Error("expected the config to be rejected");
    return r.problems;
}

/** The one problem for `key`, checked to carry the message a person needs. */
function problemFor(values: Record<string, string>, key: string) {
    const found = problemsOf(values).filter((p) => p.key === key);
    expect(found, `problems for ${key}`).to.have.length(1);
    return found[0];
}

describe("stack config validation", () => {
    it("accepts a complete config and fills documented defaults", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "dev", values: valid() }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("dev", r.problems));
        expect(r.settings.web.capacity).to.deep.equal({ min: 2, desired: 3, max: 10 });
        expect(r.settings.network).to.deep.equal({ cidrBlock: "10.20.0.0/16", availabilityZoneCount: 2, natGateways: "OnePerAz" });
        expect(r.settings.web.appPort).to.equal(8080);
        expect(r.settings.web.deletionProtection).to.equal(true);
        expect(r.settings.tags).to.deep.equal({ Project: "kgsports", Stack: "dev", ManagedBy: "pulumi" });
    });

    it("rejects desired above max, naming both keys and the rule", () => {
        const p = problemFor({ ...valid(), "kgsports:desiredCapacity": "12" }, "kgsports:desiredCapacity");
        expect(p.value).to.equal("12");
        expect(p.message).to.contain("kgsports:maxSize = 10").and.contain("minSize <= desiredCapacity <= maxSize");
    });

    it("rejects min above desired", () => {
        const p = problemFor({ ...valid(), "kgsports:minSize": "4" }, "kgsports:minSize");
        expect(p.message).to.contain("kgsports:desiredCapacity = 3");
    });

    it("rejects fewer than 2 availability zones", () => {
        const p = problemFor({ ...valid(), "kgsports:availabilityZoneCount": "1" }, "kgsports:availabilityZoneCount");
        expect(p.value).to.equal("1");
        expect(p.message).to.contain("from 2 to 6");
    });

    for (const cidr of ["10.0.0.0/33", "10.0.0.1/16", "300.1.0.0/16", "10.0.0.0", "8.8.0.0/16", "10.0.0.0/24"]) {
        it(`rejects the VPC CIDR ${cidr}`, () => {
            const p = problemFor({ ...valid(), "kgsports:vpcCidr": cidr }, "kgsports:vpcCidr");
            expect(p.message).to.contain("RFC 1918").and.contain("/16 to /20");
        });
    }

    for (const type of ["t3small", "t3.", "T3.small", "large", "t3.huge"]) {
        it(`rejects the instance type "${type}"`, () => {
            const p = problemFor({ ...valid(), "kgsports:instanceType": type }, "kgsports:instanceType");
            expect(p.message).to.contain("family.size");
        });
    }

    it("accepts real instance type shapes", () => {
        for (const type of ["t3.micro", "c7g.2xlarge", "m7i-flex.large", "c5.metal", "u-6tb1.metal", "r6i.16xlarge"]) {
            const r = validateStackConfig({ project: "kgsports", stack: "dev", values: { ...valid(), "kgsports:instanceType": type } }, deps);
            expect(r.ok, type).to.equal(true);
        }
    });

    it("rejects an unknown key that looks like a typo, suggesting the known one", () => {
        const p = problemFor({ ...valid(), "kgsports:maxSzie": "10" }, "kgsports:maxSzie");
        expect(p.message).to.equal("unknown key; did you mean kgsports:maxSize?");
    });

    it("rejects an unknown key with no near match, listing what is allowed", () => {
        const p = problemFor({ ...valid(), "kgsports:colour": "blue" }, "kgsports:colour");
        expect(p.message).to.contain("unknown key").and.contain("minSize");
    });

    it("catches a typo of the AWS region key", () => {
        const values = valid();
        delete values["aws:region"];
        const problems = problemsOf({ ...values, "aws:regoin": "ap-northeast-2" });
        expect(problems.map((p) => p.key)).to.have.members(["aws:regoin", "aws:region"]);
        expect(problems.find((p) => p.key === "aws:regoin")!.message).to.contain("did you mean aws:region?");
    });

    it("requires the capacity keys rather than inventing them", () => {
        const values = valid();
        delete values["kgsports:maxSize"];
        const p = problemFor(values, "kgsports:maxSize");
        expect(p.message).to.match(/^required/);
    });

    it("rejects values of the wrong type", () => {
        expect(problemFor({ ...valid(), "kgsports:maxSize": "ten" }, "kgsports:maxSize").message).to.contain("whole number");
        expect(problemFor({ ...valid(), "kgsports:deletionProtection": "yes" }, "kgsports:deletionProtection").message).to.contain("true or false");
        expect(problemFor({ ...valid(), "kgsports:natGateways": "onePerAz" }, "kgsports:natGateways").message).to.contain('"OnePerAz"');
        expect(problemFor({ ...valid(), "kgsports:appPort": "22" }, "kgsports:appPort").message).to.contain("1024 to 65535");
    });

    it("rejects a certificate that is not an ACM ARN", () => {
        const p = problemFor({ ...valid(), "kgsports:certificateArn": "arn:aws:iam::123456789012:server-certificate/x" }, "kgsports:certificateArn");
        expect(p.message).to.contain("ACM certificate ARN");
    });

    it("rejects a warm pool larger than the group's maximum", () => {
        expect(problemFor({ ...valid(), "kgsports:warmPoolSize": "11" }, "kgsports:warmPoolSize").message).to.contain("maxSize = 10");
    });

    it("rejects a user data file that cannot be read, is too large, or has unknown placeholders", () => {
        expect(problemFor({ ...valid(), "kgsports:userDataFile": "missing.sh" }, "kgsports:userDataFile").message).to.contain("cannot read");
        files["big.sh"] = "#".repeat(USER_DATA_LIMIT_BYTES + 1);
        expect(problemFor({ ...valid(), "kgsports:userDataFile": "big.sh" }, "kgsports:userDataFile").message).to.contain("16384");
        files["odd.sh"] = "echo {{appPrt}}";
        expect(problemFor({ ...valid(), "kgsports:userDataFile": "odd.sh" }, "kgsports:userDataFile").message).to.contain("{{appPrt}}");
    });

    it("reports every problem at once", () => {
        const problems = problemsOf({ ...valid(), "kgsports:availabilityZoneCount": "1", "kgsports:vpcCidr": "nope", "kgsports:maxSzie": "3" });
        expect(problems.map((p) => p.key)).to.have.members(["kgsports:availabilityZoneCount", "kgsports:vpcCidr", "kgsports:maxSzie"]);
    });

    it("formats a message that names the stack, the file, each key, value and what is allowed", () => {
        const problems = problemsOf({ ...valid(), "kgsports:availabilityZoneCount": "1" });
        const text = formatConfigProblems("matchday", problems, "Pulumi.matchday.yaml");
        expect(text).to.equal(
            'Stack "matchday" has invalid config (Pulumi.matchday.yaml); nothing was declared:\n' +
                '  - kgsports:availabilityZoneCount = "1": allowed: a whole number from 2 to 6 (a load balancer needs two zones)',
        );
    });

    it("refuses a secure value for a key that is not a string (it cannot be checked offline and holds no secret)", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "dev", values: { ...valid(), "kgsports:maxSize": "[secret]" }, placeholderKeys: ["kgsports:maxSize"] },
            deps,
        );
        expect(r.ok).to.equal(false);
        if (!r.ok) expect(r.problems.find((p) => p.key === "kgsports:maxSize")!.message).to.contain("plain text");
    });

    it("passes offline placeholders of secure values through unchecked", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "dev", values: { ...valid(), "kgsports:certificateArn": "[secret]" }, placeholderKeys: ["kgsports:certificateArn"] },
            deps,
        );
        expect(r.ok).to.equal(true);
    });
});

describe("access control config", () => {
    it("rejects a user listed both as administrator and as read-only, naming both keys", () => {
        const p = problemFor({ ...valid(), "kgsports:readOnlyUsers": '["Ana.Admin"]' }, "kgsports:readOnlyUsers");
        expect(p.value).to.equal("Ana.Admin");
        expect(p.message).to.contain("also listed in kgsports:administrators");
    });

    it("rejects an empty repository name for the deploy role", () => {
        const p = problemFor({ ...valid(), "kgsports:deployRepository": "" }, "kgsports:deployRepository");
        expect(p.message).to.contain("owner/name");
        expect(problemFor({ ...valid(), "kgsports:deployRepository": "matchday-platform" }, "kgsports:deployRepository").message).to.contain("owner/name");
    });

    it("rejects an operator session longer than AWS allows", () => {
        const p = problemFor({ ...valid(), "kgsports:operatorSessionHours": "13" }, "kgsports:operatorSessionHours");
        expect(p.message).to.contain("hours up to 12").and.contain("IAM's limit");
    });

    it("rejects an MFA age of zero", () => {
        const p = problemFor({ ...valid(), "kgsports:mfaMaxAgeHours": "0" }, "kgsports:mfaMaxAgeHours");
        expect(p.message).to.contain("from 1 to 36");
    });

    it("requires at least one administrator and a list of user names", () => {
        expect(problemFor({ ...valid(), "kgsports:administrators": "[]" }, "kgsports:administrators").message).to.contain("at least one");
        expect(problemFor({ ...valid(), "kgsports:operators": "bob" }, "kgsports:operators").message).to.contain("list of IAM user names");
        expect(problemFor({ ...valid(), "kgsports:operators": '["bob smith"]' }, "kgsports:operators").message).to.contain("list of IAM user names");
    });

    it("builds the access settings: stack-scoped names, hours in seconds, environment over branch", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: { ...valid(), "kgsports:deployEnvironment": "matchday", "kgsports:operatorSessionHours": "6" } },
            deps,
        );
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        expect(r.settings.access.namePrefix).to.equal("kgsports-matchday");
        expect(r.settings.access.operatorSessionSeconds).to.equal(21600);
        expect(r.settings.access.mfaMaxAgeSeconds).to.equal(43200);
        expect(r.settings.access.deploy).to.deep.equal({ repository: "kgsports/matchday-platform", environment: "matchday" });
    });
});

describe("matchday capacity config", () => {
    const fixture = (over: Record<string, unknown> = {}) => ({ name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150000, ...over });
    const withFixtures = (fixtures: unknown[], over: Record<string, string> = {}) => fixturesStackConfig(fixtures, over);

    it("turns fixtures into a schedule planned from the deploy's clock", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: withFixtures([fixture()]) }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        // 150000 x 1.2 / 2000 = 90 needed; N+1 over 3 zones: 135, the full floor 15 minutes before kickoff. The
        // build-up steps before it: 0.243, 0.343 and 0.65 of the audience (36 500, 51 500, 97 500 viewers) need 22,
        // 31 and 59: 33, 47 and 89 with N+1. The early release at +125 goes to the baseline 2: the target,
        // 1000 / (2000 x 1) = 0.5, is at most 2/3, so target tracking keeps the N+1 reserve itself.
        expect(r.settings.matchday.schedule.windows.map((w) => w.minSize)).to.deep.equal([135]);
        expect(r.settings.matchday.schedule.actions.map((a) => [a.startTime, a.minSize, a.maxSize, a.desiredCapacity])).to.deep.equal([
            ["2027-05-29T17:50:00Z", 33, "unchanged", "unchanged"],
            ["2027-05-29T18:20:00Z", 47, "unchanged", "unchanged"],
            ["2027-05-29T18:35:00Z", 89, "unchanged", "unchanged"],
            ["2027-05-29T18:45:00Z", 135, "unchanged", "unchanged"],
            ["2027-05-29T21:05:00Z", 2, "unchanged", "unchanged"],
        ]);
        expect(r.settings.web.capacity.min).to.equal(2);
        expect(r.notes.join("\n")).to.contain("match window UCL final: minimum up to 135 from 2027-05-29 17:50Z (2027-05-30 02:50 ");
    });

    it("holds the window's floor as the group minimum when deployed during the match", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: withFixtures([fixture()]) },
            { ...deps, now: new Date("2027-05-29T19:30:00Z") },
        );
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        expect(r.settings.web.capacity).to.deep.equal({ min: 135, desired: 135, max: 300 });
        expect(r.settings.matchday.schedule.actions.map((a) => a.name)).to.have.length(1);
        expect(r.notes.join("\n")).to.contain("a match window is on or starts within the minimum lead: the group's minimum is declared at 135");
    });

    it("rejects concurrent fixtures whose combined floor exceeds the group's maximum, though each alone fits", () => {
        // 100 000 viewers each, kickoffs 30 minutes apart: alone 60 needed, floor 90; both on their full floor
        // (from 15 minutes before the second kickoff to the first's early release) 120 needed, floor 180 > 160.
        // Target tracking at 1400 / (2000 x 1) = 0.7 asks for at most about 142 at the busiest minute: within 160.
        const a = { name: "Semi A", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 100_000 };
        const b = { name: "Semi B", kickoff: "2027-05-04T19:30:00Z", expectedPeakViewers: 100_000 };
        const over = { "kgsports:maxSize": "160", "kgsports:desiredCapacity": "3", "kgsports:targetRequestsPerInstance": "1400" };
        const p = problemsOf(withFixtures([a, b], over));
        expect(p.map((x) => x.key)).to.deep.equal(['kgsports:fixtures["Semi A"].expectedPeakViewers']);
        expect(p[0].message).to.equal(
            'with "Semi B" on at the same time, the window\'s floor reaches 180 instances (180 from 2027-05-04 19:15Z (2027-05-05 04:15 UTC+09:00)), ' +
                "above kgsports:maxSize = 160; allowed: a combined floor within maxSize: raise kgsports:maxSize to at least 180 " +
                "(and the EC2 vCPU quota), or move a kickoff so the windows do not overlap",
        );
        // Each alone is accepted, and so is the pair with room for both.
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values: withFixtures([a], over) }, deps).ok).to.equal(true);
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values: withFixtures([a, b], { ...over, "kgsports:maxSize": "180" }) }, deps).ok).to.equal(true);
    });

    it("rejects a fixture whose required capacity exceeds the group's maximum, naming the fixture and key", () => {
        const p = problemsOf(withFixtures([fixture()], { "kgsports:maxSize": "100", "kgsports:desiredCapacity": "3" }));
        const keys = p.map((x) => x.key);
        expect(keys).to.include('kgsports:fixtures["UCL final"].expectedPeakViewers');
        expect(p.find((x) => x.key.startsWith('kgsports:fixtures["UCL final"]'))!.message).to.contain("135").and.contain("100");
    });

    it("plans a night of 1.2 million concurrent viewers with the documented config (larger instances, the README's example)", () => {
        const night = fixture({ name: "World Cup final", expectedPeakViewers: 1_200_000, surgeFactor: 1.5 });
        // On c7i.large at 2 000 viewers: 1 200 000 x 1.5 x 1.2 / 2 000 = 1 080 needed, 1 620 over 3 zones.
        const small = problemsOf(withFixtures([night], { "kgsports:maxSize": "240", "kgsports:instanceType": "c7i.large" }));
        const tooBig = small.find((x) => x.key === 'kgsports:fixtures["World Cup final"].expectedPeakViewers')!;
        expect(tooBig.message).to.contain("needs 1620 instances").and.contain("above kgsports:maxSize = 240").and.contain("kgsports:instanceType = c7i.4xlarge with kgsports:viewersPerInstance = 16000");
        // The README's config: c7i.4xlarge load-tested at 16 000 viewers: 135 needed, 203 over 3 zones.
        // The user store raised for the night too: the plan refuses a new table's own 12 000 / 4 000.
        const store = { "kgsports:userStoreWarmReadUnitsPerSecond": "17000", "kgsports:userStoreWarmWriteUnitsPerSecond": "22000" };
        const unraised = problemsOf(withFixtures([night], { "kgsports:maxSize": "2000" }));
        expect(unraised.map((x) => x.key)).to.deep.equal(Object.keys(store));
        expect(unraised.map((x) => /at least (\d+)/.exec(x.message)?.[1])).to.deep.equal(Object.values(store));
        const big = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: withFixtures([night], { "kgsports:maxSize": "240", "kgsports:instanceType": "c7i.4xlarge", "kgsports:viewersPerInstance": "16000", "kgsports:targetRequestsPerInstance": "9600", ...store }) },
            deps,
        );
        if (!big.ok) throw new Error(formatConfigProblems("matchday", big.problems));
        expect(big.settings.matchday.schedule.windows.map((w) => w.minSize)).to.deep.equal([203]);
        // Or the same instances with a maxSize far above the old cap of 500: AWS sets no limit of its own.
        const wide = validateStackConfig({ project: "kgsports", stack: "matchday", values: withFixtures([night], { "kgsports:maxSize": "2000", ...store }) }, deps);
        if (!wide.ok) throw new Error(formatConfigProblems("matchday", wide.problems));
        expect(wide.settings.matchday.schedule.windows.map((w) => w.minSize)).to.deep.equal([1620]);
    });

    it("reads a local kickoff in the venue's time zone, and refuses an offset that does not match the zone that day", () => {
        const local = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: withFixtures([fixture({ kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Paris" })]) },
            deps,
        );
        if (!local.ok) throw new Error(formatConfigProblems("matchday", local.problems));
        // 21:00 in Paris on 29 May is 19:00 UTC (CEST, +02:00); the pre-warm is 70 minutes earlier.
        expect(local.settings.matchday.schedule.actions[0].startTime).to.equal("2027-05-29T17:50:00Z");
        const wrong = problemsOf(withFixtures([fixture({ kickoff: "2027-05-29T21:00:00+01:00", timeZone: "Europe/Paris" })]));
        const p = wrong.find((x) => x.key === 'kgsports:fixtures["UCL final"].kickoff')!;
        expect(p.message).to.contain("+01:00").and.contain("Europe/Paris is at +02:00");
        const typo = problemsOf(withFixtures([fixture({ timeZone: "Europe/Pariss" })]));
        expect(typo.find((x) => x.key === 'kgsports:fixtures["UCL final"].timeZone')!.message).to.contain('did you mean "Europe/Paris"?');
    });

    it("refuses a kickoff more than about a year ahead as a likely typo of the year", () => {
        const p = problemsOf(withFixtures([fixture({ kickoff: "2028-05-29T21:00:00+02:00" })]));
        expect(p.find((x) => x.key === 'kgsports:fixtures["UCL final"].kickoff')!.message).to.contain("check the year");
    });

    it("takes a display zone for times in notes, and suggests one for a typo", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: withFixtures([fixture()], { "kgsports:displayTimeZone": "Europe/Paris" }) }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        expect(r.notes.join("\n")).to.contain("from 2027-05-29 17:50Z (2027-05-29 19:50 CEST)");
        const bad = problemFor({ ...valid(), "kgsports:displayTimeZone": "Asia/Seol" }, "kgsports:displayTimeZone");
        expect(bad.message).to.contain("did you mean Asia/Seoul?").and.contain("allowed: an IANA time zone name");
    });

    it("rejects a kickoff that is not a valid time, or has no offset", () => {
        for (const kickoff of ["2027-05-29 21:00", "2027-05-29T21:00:00", "2027-02-30T21:00:00+02:00"]) {
            const p = problemsOf(withFixtures([fixture({ kickoff })]));
            expect(p.map((x) => x.key), kickoff).to.include('kgsports:fixtures["UCL final"].kickoff');
        }
    });

    it("rejects a fixture without an expected audience", () => {
        const f = fixture();
        delete (f as Record<string, unknown>).expectedPeakViewers;
        const p = problemsOf(withFixtures([f]));
        expect(p.map((x) => x.key)).to.include('kgsports:fixtures["UCL final"].expectedPeakViewers');
    });

    it("rejects a per-instance capacity of zero when fixtures are set", () => {
        const p = problemsOf(withFixtures([fixture()], { "kgsports:viewersPerInstance": "0" }));
        expect(p.map((x) => x.key)).to.include("kgsports:viewersPerInstance");
    });

    it("rejects a warm pool size together with a warm pool sized from the schedule", () => {
        const p = problemFor({ ...valid(), "kgsports:warmPoolSize": "4", "kgsports:warmPoolFromSchedule": "true" }, "kgsports:warmPoolSize");
        expect(p.message).to.contain("warmPoolFromSchedule");
    });

    it("sizes the warm pool for the schedule's largest step when asked", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: withFixtures([fixture()], { "kgsports:warmPoolFromSchedule": "true" }) },
            deps,
        );
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        expect(r.settings.web.warmPoolSize).to.equal(135 - 2);
    });
});

describe("config helpers", () => {
    it("parses CIDRs and rejects host bits", () => {
        expect(parseIpv4Cidr("10.20.0.0/16")).to.deep.equal({ base: 10 * 2 ** 24 + 20 * 2 ** 16, prefix: 16 });
        expect(parseIpv4Cidr("10.20.0.1/16")).to.equal(undefined);
        expect(ipv4CidrsOverlap(parseIpv4Cidr("10.0.0.0/8")!, parseIpv4Cidr("10.20.0.0/16")!)).to.equal(true);
        expect(ipv4CidrsOverlap(parseIpv4Cidr("10.20.0.0/16")!, parseIpv4Cidr("10.21.0.0/16")!)).to.equal(false);
    });

    it("suggests the nearest key only when it is close", () => {
        expect(nearestName("desiredCapcity", ["desiredCapacity", "maxSize"])).to.equal("desiredCapacity");
        expect(nearestName("minsize", ["minSize", "maxSize"])).to.equal("minSize");
        expect(nearestName("colour", ["minSize", "maxSize"])).to.equal(undefined);
    });
});

describe("all problems at once, fixtures included", () => {
    it("reports a fixture problem together with a capacity problem and a typo", () => {
        const values = {
            ...valid(),
            "kgsports:maxSzie": "3",
            "kgsports:desiredCapacity": "11",
            "kgsports:viewersPerInstance": "2000",
            "kgsports:fixtures": JSON.stringify([{ name: "UCL final", kickoff: "2027-05-29 21:00", expectedPeakViewers: 1000 }]),
            ...capacityCostConfig(),
        };
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, deps);
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        expect(r.problems.map((p) => p.key)).to.have.members([
            "kgsports:maxSzie",
            "kgsports:desiredCapacity",
            'kgsports:fixtures["UCL final"].kickoff',
        ]);
    });
});

describe("the stack's name", () => {
    it("is refused before anything is declared when the name prefix it gives is unusable (IAM, alarm and S3 bucket names start with it)", () => {
        for (const stack of ["MatchDay", "matchday-with-a-name-far-too-long-for-s3"]) {
            const r = validateStackConfig({ project: "kgsports", stack, values: valid() }, deps);
            expect(r.ok, stack).to.equal(false);
            if (r.ok) continue;
            const p = r.problems.find((x) => x.key === "(stack name)")!;
            expect(p.value).to.equal(stack);
            expect(p.message).to.contain(`"kgsports-${stack}"`).and.contain("allowed: lowercase letters, digits and hyphens").and.contain("pulumi stack rename");
            expect(formatConfigProblems(stack, r.problems)).to.contain(`Stack "${stack}" has invalid config`);
        }
        expect(validateStackConfig({ project: "kgsports", stack: "matchday-eu", values: valid() }, deps).ok).to.equal(true);
    });
});

describe("the front-door probe on the load balancer's own name", () => {
    const CERT = "arn:aws:acm:ap-northeast-2:111122223333:certificate/0c3e7f2a-5b1d-4e8a-9f6c-2d4b8a1e7c90";
    it("is refused with a certificate: the ALB answers port 80 with its own redirect, which the probe counts as success", () => {
        const p = problemFor({ ...valid(), "kgsports:certificateArn": CERT, "kgsports:frontDoorProbeUrl": "alb" }, "kgsports:frontDoorProbeUrl");
        expect(p.value).to.equal("alb");
        expect(p.message).to.contain('stack "matchday"').and.contain("redirect").and.contain("allowed: the https:// URL of the public name");
    });
    it("is accepted without a certificate (plain HTTP reaches the targets), and the public name is accepted with one", () => {
        expect(validateStackConfig({ project: "kgsports", stack: "dev", values: { ...valid(), "kgsports:frontDoorProbeUrl": "alb" } }, deps).ok).to.equal(true);
        const withName = { ...valid(), "kgsports:certificateArn": CERT, "kgsports:frontDoorProbeUrl": "https://watch.kgsports.example/healthz" };
        expect(validateStackConfig({ project: "kgsports", stack: "dev", values: withName }, deps).ok).to.equal(true);
    });
});

describe("validate: what issue 19 added to the stack check, through the whole validation", () => {
    // A fixture far ahead, so each test's clock sees it coming.
    const fixture = (name: string, kickoff: string) => ({ name, kickoff, expectedPeakViewers: 50_000 });
    const timing = { "kgsports:preWarmLeadMinutes": "60", "kgsports:matchWindowMinutes": "150", "kgsports:releaseDelayMinutes": "20" };
    const december: ValidationDeps = { ...deps, now: new Date("2026-12-07T09:00:00Z") };

    it("the operator session is the longest window (lead + match window + release delay) plus 30 minutes", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([fixture("QF", "2027-04-06T19:00:00Z")], timing) }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        // 60 + 150 + 20 = 230 minutes from pre-warm to release, + 30 to assume the role first.
        expect(r.settings.access.operatorSessionSeconds).to.equal((230 + 30) * 60);
    });

    it("a configured session shorter than that is refused on its key, naming what fits", () => {
        const values = fixturesStackConfig([fixture("QF", "2027-04-06T19:00:00Z")], { ...timing, "kgsports:operatorSessionHours": "4" });
        const p = problemFor(values, "kgsports:operatorSessionHours");
        expect(p.value).to.equal("4");
        expect(p.message).to.contain("allowed: 0").and.contain("5 to 12 hours");
    });

    it("the probe's runtime note is measured from the LAST fixture's release (plus 90 days), not the first, nor the deploy", () => {
        // Node.js 22 (the canary runtime's) is expected to be deprecated on 2027-04-30.
        const probe = { ...timing, "kgsports:frontDoorProbeUrl": "https://watch.kgsports.example/healthz" };
        const run = (fixtures: unknown[]) => {
            const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig(fixtures, probe) }, december);
            if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
            return r.notes.filter((n) => n.includes("syn-nodejs-puppeteer"));
        };
        const early = fixture("early", "2027-01-10T19:00:00Z"); // + 90 days: 2027-04-10, before the deprecation
        const late = fixture("late", "2027-02-15T19:00:00Z"); // + 90 days: 2027-05-16, after it
        expect(run([early])).to.deep.equal([]);
        expect(run([early, late])).to.have.length(1);
        expect(run([late, early])).to.have.length(1);
    });

    it("without fixtures the probe's runtime note runs from the deploy: 90 days from 2027-02-01 pass 2027-04-30", () => {
        const values = { ...valid(), "kgsports:frontDoorProbeUrl": "https://watch.kgsports.example/healthz" };
        const notesAt = (now: string) => {
            const r = validateStackConfig({ project: "kgsports", stack: "dev", values }, { ...deps, now: new Date(now) });
            if (!r.ok) throw new Error(formatConfigProblems("dev", r.problems));
            return r.notes.filter((n) => n.includes("syn-nodejs-puppeteer"));
        };
        expect(notesAt("2027-02-01T00:00:00Z")).to.have.length(1);
        expect(notesAt("2027-01-29T00:00:00Z")).to.deep.equal([]);
    });

    it("a single window longer than IAM's 12-hour session is refused on matchWindowMinutes, not on the fixtures", () => {
        // 360 + 360 + 60 = 780 minutes from pre-warm to release: one window alone is too long.
        const values = fixturesStackConfig([fixture("QF", "2027-04-06T19:00:00Z")], {
            "kgsports:preWarmLeadMinutes": "360", "kgsports:matchWindowMinutes": "360", "kgsports:releaseDelayMinutes": "60",
        });
        const p = problemFor(values, "kgsports:matchWindowMinutes");
        expect(p.message).to.contain("13 h").and.contain("12-hour");
    });

    it("the probe's canary name is checked through the whole validation: a long stack name is refused on the probe's key", () => {
        const values = { ...valid(), "kgsports:frontDoorProbeUrl": "https://watch.kgsports.example/healthz" };
        const r = validateStackConfig({ project: "kgsports", stack: "matchday-europe", values }, december);
        expect(r.ok).to.equal(false);
        const found = r.ok ? [] : r.problems.filter((p) => p.key === "kgsports:frontDoorProbeUrl");
        expect(found).to.have.length(1);
        expect(found[0].message).to.contain("kgsports-matchday-europe");
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values }, december).ok).to.equal(true);
    });
});

describe("issue 20: every problem in one run, the fixtures' with the other keys'", () => {
    const leg2 = { name: "UCL R16 leg 2", kickoff: "2027-03-10T21:00:00+01:00", expectedPeakViewers: "420k" };
    const final = { name: "UCL final", kickoff: "2027-05-29 21:00", expectedPeakViewers: 150_000 };

    it("one fixture's type error and another fixture's malformed kickoff are reported together", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([leg2, final]) }, deps);
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        expect(r.problems.map((p) => p.key)).to.deep.equal([
            'kgsports:fixtures["UCL R16 leg 2"].expectedPeakViewers',
            'kgsports:fixtures["UCL final"].kickoff',
            "kgsports:fixtures",
        ]);
        const text = formatConfigProblems("matchday", r.problems, "Pulumi.matchday.yaml");
        expect(text).to.contain('  - kgsports:fixtures["UCL R16 leg 2"].expectedPeakViewers = "420k": must be a number (unquoted); write 420000');
        expect(text).to.contain('  - kgsports:fixtures["UCL final"].kickoff = "2027-05-29 21:00": ');
        expect(text).to.contain("  - kgsports:fixtures: combined checks of concurrent fixtures");
        expect(text).to.contain("run once the fixtures above are fixed");
    });

    it("with them, the web tier's, the backup's and a typo's problems in the same run", () => {
        const values = fixturesStackConfig([leg2, final], {
            "kgsports:desiredCapacity": "400",
            "kgsports:backupDailySchedule": "every night",
            "kgsports:maxSzie": "3",
        });
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, deps);
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        expect(r.problems.map((p) => p.key)).to.include.members([
            "kgsports:maxSzie",
            "kgsports:desiredCapacity",
            "kgsports:backupDailySchedule",
            'kgsports:fixtures["UCL R16 leg 2"].expectedPeakViewers',
            'kgsports:fixtures["UCL final"].kickoff',
        ]);
    });

    it("a refused sizing key does not hide the fixtures' own problems; the sizing checks wait for it", () => {
        const values = fixturesStackConfig([{ ...leg2, expectedPeakViewers: 420_000 }, final], { "kgsports:maxSize": "lots" });
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values }, deps);
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        // 420 000 viewers need 378 instances, above any maxSize this stack could have: judged once maxSize is a number.
        expect(r.problems.map((p) => p.key)).to.deep.equal(["kgsports:maxSize", 'kgsports:fixtures["UCL final"].kickoff']);
    });

    it("a number in a fixture's problem line is shown as typed, unquoted", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([{ ...final, kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 0 }]) }, deps);
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        const text = formatConfigProblems("matchday", r.problems);
        expect(text).to.contain('  - kgsports:fixtures["UCL final"].expectedPeakViewers = 0: ');
        expect(text).to.not.contain('= "0"');
    });
});
