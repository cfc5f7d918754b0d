/**
 * Stack config validation pinned at the limits the README's "Stack config" table states,
 * and the settings that must reach the components (the password policy, the deploy
 * branch, the review notes). Each case is one edit a person could make to a stack file.
 */
import { expect } from "chai";
import { ConfigProblem, formatConfigProblems, splitKey, validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { PlatformSettings } from "../stacks/config/settings";
import { capacityCostConfig, validStackConfig } from "./helpers/stackConfigs";

const USER_DATA = "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n";
let files: Record<string, string> = {};
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };

const valid = validStackConfig;

function validate(over: Record<string, string | undefined>, stack = "dev") {
    files = { "stacks/userdata/web.sh": USER_DATA };
    const values = { ...valid() };
    for (const [k, v] of Object.entries(over)) {
        if (v === undefined) delete values[k];
        else values[k] = v;
    }
    return validateStackConfig({ project: "kgsports", stack, values }, deps);
}

function settingsOf(over: Record<string, string | undefined> = {}, stack = "dev"): { settings: PlatformSettings; notes: string[] } {
    const r = validate(over, stack);
    if (!r.ok) throw new Error(formatConfigProblems(stack, r.problems));
    return r;
}

function problemsOf(over: Record<string, string | undefined>, stack = "dev"): ConfigProblem[] {
    const r = validate(over, stack);
    if (r.ok) throw new Error("expected the config to be rejected");
    return r.problems;
}

describe("stack config validation, pinned", () => {
    describe("capacity: minSize <= desiredCapacity <= maxSize, warmPoolSize <= maxSize, each bound inclusive", () => {
        it("accepts desired equal to max, min equal to desired, and a warm pool equal to max", () => {
            const s = settingsOf({ "kgsports:minSize": "10", "kgsports:desiredCapacity": "10", "kgsports:maxSize": "10", "kgsports:warmPoolSize": "10" }).settings;
            expect(s.web.capacity).to.deep.equal({ min: 10, desired: 10, max: 10 });
            expect(s.web.warmPoolSize).to.equal(10);
        });

        it("refuses a warm pool one above max, naming maxSize", () => {
            const pool = problemsOf({ "kgsports:warmPoolSize": "11" });
            expect(pool.map((p) => [p.key, p.value])).to.deep.equal([["kgsports:warmPoolSize", "11"]]);
            expect(pool[0].message).to.match(/^is above kgsports:maxSize = 10; allowed: .*maxSize/);
            expect(problemsOf({ "kgsports:desiredCapacity": "11" }).map((p) => [p.key, p.value])).to.deep.equal([["kgsports:desiredCapacity", "11"]]);
            expect(problemsOf({ "kgsports:desiredCapacity": "1" }).map((p) => [p.key, p.value])).to.deep.equal([["kgsports:minSize", "2"]]);
        });

        it("a missing size is one problem (required), not also a comparison against it", () => {
            for (const key of ["kgsports:minSize", "kgsports:desiredCapacity", "kgsports:maxSize"]) {
                const p = problemsOf({ [key]: undefined });
                expect(p.map((x) => x.key), key).to.deep.equal([key]);
                expect(p[0].message, key).to.match(/^required; allowed: /);
                expect(p[0], key).to.not.have.property("value");
            }
        });
    });

    describe("user data: at most 16 KiB (EC2's limit), known placeholders only", () => {
        it("accepts exactly 16 384 bytes and refuses 16 385, counting bytes (UTF-8), not characters", () => {
            const pad = (bytes: number) => USER_DATA + "#".repeat(bytes - Buffer.byteLength(USER_DATA));
            files = {};
            const at = (text: string) => {
                const values = { ...valid(), "kgsports:userDataFile": "big.sh" };
                return validateStackConfig({ project: "kgsports", stack: "dev", values }, { ...deps, readProjectFile: (p) => (p === "big.sh" ? text : undefined) });
            };
            const exact = at(pad(16_384));
            expect(exact.ok).to.equal(true);
            if (exact.ok) expect(Buffer.byteLength(exact.settings.web.userData)).to.equal(16_384);
            const over = at(pad(16_385));
            expect(over.ok).to.equal(false);
            if (!over.ok) {
                expect(over.problems).to.deep.equal([
                    { key: "kgsports:userDataFile", value: "big.sh", message: "the file is 16385 bytes; allowed: at most 16384 (EC2's user data limit)" },
                ]);
            }
            // 16 383 ASCII bytes plus a two-byte "é": 16 385 bytes in 16 384 characters.
            expect(at(pad(16_383) + "é").ok).to.equal(false);
        });

        it("names every unknown placeholder and the allowed ones", () => {
            files = {};
            const values = { ...valid(), "kgsports:userDataFile": "web.sh" };
            const r = validateStackConfig({ project: "kgsports", stack: "dev", values }, { ...deps, readProjectFile: () => "echo {{appPort}} {{port}} {{bucket}}" });
            expect(r.ok).to.equal(false);
            if (!r.ok) {
                expect(r.problems).to.have.length(1);
                expect(r.problems[0].message).to.match(/^unknown placeholder\(s\) \{\{port\}\}, \{\{bucket\}\}; allowed: \{\{appPort\}\}, \{\{healthCheckPath\}\}, /);
            }
        });
    });

    describe("people: each user once, each person in one group (IAM names are case-insensitive)", () => {
        it("refuses a user listed twice in one group, whatever the case", () => {
            for (const [key, list] of [
                ["kgsports:administrators", '["ana.admin", "Ana.Admin"]'],
                ["kgsports:operators", '["olga.ops", "olga.ops"]'],
                ["kgsports:readOnlyUsers", '["rita.reader", "RITA.READER"]'],
            ]) {
                const p = problemsOf({ [key]: list });
                expect(p, key).to.have.length(1);
                expect(p[0], key).to.deep.include({ key, message: "listed twice; allowed: each user once" });
                expect(p[0].value, key).to.equal(JSON.parse(list)[1]);
            }
        });

        it("refuses an operator who is also an administrator or a reader, naming the first group", () => {
            const asAdmin = problemsOf({ "kgsports:operators": '["ANA.ADMIN"]' });
            expect(asAdmin).to.deep.equal([{
                key: "kgsports:operators",
                value: "ANA.ADMIN",
                message: "is also listed in kgsports:administrators; allowed: each person in one group (administrators, operators or readOnlyUsers)",
            }]);
            const asReader = problemsOf({ "kgsports:operators": '["olga.ops"]', "kgsports:readOnlyUsers": '["Olga.Ops"]' });
            expect(asReader.map((p) => [p.key, p.value, p.message.split(";")[0]])).to.deep.equal([["kgsports:readOnlyUsers", "Olga.Ops", "is also listed in kgsports:operators"]]);
            // In three groups: each later listing names the first group only.
            const three = problemsOf({ "kgsports:operators": '["ana.admin"]', "kgsports:readOnlyUsers": '["ana.admin"]' });
            expect(three.map((p) => [p.key, p.message.split(";")[0]])).to.deep.equal([
                ["kgsports:operators", "is also listed in kgsports:administrators"],
                ["kgsports:readOnlyUsers", "is also listed in kgsports:administrators"],
            ]);
        });

        it("accepts distinct people in the three groups and hands each group its own", () => {
            const s = settingsOf({ "kgsports:operators": '["olga.ops"]', "kgsports:readOnlyUsers": '["rita.reader"]' }).settings;
            expect([s.access.administrators, s.access.operators, s.access.readOnly]).to.deep.equal([["ana.admin"], ["olga.ops"], ["rita.reader"]]);
        });
    });

    describe("keys and region", () => {
        it("requires aws:region and refuses a malformed one", () => {
            expect(problemsOf({ "aws:region": undefined })).to.deep.equal([{ key: "aws:region", message: "required; set the AWS region to deploy to, e.g. ap-northeast-2" }]);
            for (const region of ["Seoul", "ap-northeast", "ap_northeast_2", "AP-NORTHEAST-2", ""]) {
                expect(problemsOf({ "aws:region": region }), region).to.deep.equal([{ key: "aws:region", value: region, message: "allowed: an AWS region name such as ap-northeast-2" }]);
            }
            for (const region of ["us-east-1", "eu-central-2", "us-gov-west-1"]) expect(settingsOf({ "aws:region": region }).settings.region, region).to.equal(region);
        });

        it("an unknown project key without a near name lists the keys declared in Pulumi.yaml; a near AWS key gets a did-you-mean, an unrelated one is left to the provider", () => {
            const p = problemsOf({ "kgsports:zzzzzzzzzzzz": "1" });
            expect(p).to.have.length(1);
            expect(p[0].message).to.match(/^unknown key; allowed are the keys declared in Pulumi\.yaml \(vpcCidr, .*minSize, .*\)$/);
            expect(problemsOf({ "aws:regoin": "ap-northeast-2" }).filter((x) => x.key === "aws:regoin")).to.deep.equal([
                { key: "aws:regoin", message: "unknown AWS provider key; did you mean aws:region?" },
            ]);
            expect(settingsOf({ "aws:skipCredentialsValidation": "true" }).settings.region).to.equal("ap-northeast-2");
            expect(settingsOf({ "aws:zzzzzzzzzzzzzzzz": "x" }).settings.region).to.equal("ap-northeast-2");
            // Another namespace (another project's or a provider's) is not ours to judge, even near an AWS key.
            expect(settingsOf({ "otherns:regoin": "x" }).settings.region).to.equal("ap-northeast-2");
            // An unknown display zone with nothing near it says so, and what is allowed.
            expect(problemsOf({ "kgsports:displayTimeZone": "Nowhere/Zzzzzzzz" })).to.deep.equal([{
                key: "kgsports:displayTimeZone",
                value: "Nowhere/Zzzzzzzz",
                message: "unknown time zone; allowed: an IANA time zone name such as Asia/Seoul, Europe/Paris or UTC",
            }]);
        });

        it("splits keys at the first colon; a bare key is the project's", () => {
            expect(splitKey("kgsports:minSize")).to.deep.equal(["kgsports", "minSize"]);
            expect(splitKey("minSize")).to.deep.equal(["kgsports", "minSize"]);
            expect(splitKey("aws:defaultTags:tags")).to.deep.equal(["aws", "defaultTags:tags"]);
            expect(splitKey(":x")).to.deep.equal(["", "x"]);
        });

        it("a stack name whose prefix IAM refuses is refused, naming the stack", () => {
            const p = problemsOf({}, "a".repeat(60));
            expect(p.map((x) => x.key)).to.deep.equal(["(stack name)"]);
            expect(p[0].message).to.match(/^gives the name prefix "kgsports-a+", which .+; rename the stack \(pulumi stack rename\)/);
        });

        it("formats problems with the stack, the source file, each key, its value as JSON and the message", () => {
            const text = formatConfigProblems("matchday", [
                { key: "kgsports:maxSize", value: "0", message: "allowed: 1 or more" },
                { key: "aws:region", message: "required" },
            ], "Pulumi.matchday.yaml");
            expect(text).to.equal([
                'Stack "matchday" has invalid config (Pulumi.matchday.yaml); nothing was declared:',
                '  - kgsports:maxSize = "0": allowed: 1 or more',
                "  - aws:region: required",
            ].join("\n"));
            expect(formatConfigProblems("dev", [])).to.equal('Stack "dev" has invalid config; nothing was declared:');
        });
    });

    describe("settings that must reach the components", () => {
        it("the password policy keys (README defaults 14 / 24 / 90, or the stack's values)", () => {
            expect(settingsOf().settings.access.passwordPolicy).to.deep.equal({ minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 });
            const s = settingsOf({ "kgsports:passwordMinimumLength": "20", "kgsports:passwordReusePrevention": "5", "kgsports:passwordMaxAgeDays": "30" }).settings;
            expect(s.access.passwordPolicy).to.deep.equal({ minimumLength: 20, reusePrevention: 5, maxAgeDays: 30 });
            expect(s.access.managePasswordPolicy).to.equal(true);
            expect(settingsOf({ "kgsports:managePasswordPolicy": "false" }).settings.access.managePasswordPolicy).to.equal(false);
        });

        it("the deploy rule: the branch (default main) unless an environment replaces it; an existing OIDC provider when given", () => {
            expect(settingsOf().settings.access.deploy).to.deep.equal({ repository: "kgsports/matchday-platform", branch: "main" });
            expect(settingsOf({ "kgsports:deployBranch": "release" }).settings.access.deploy).to.deep.equal({ repository: "kgsports/matchday-platform", branch: "release" });
            expect(settingsOf({ "kgsports:deployEnvironment": "matchday", "kgsports:deployBranch": "release" }).settings.access.deploy).to.deep.equal({
                repository: "kgsports/matchday-platform",
                environment: "matchday",
            });
            const arn = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
            expect(settingsOf({ "kgsports:existingOidcProviderArn": arn }).settings.access.deploy).to.deep.equal({
                repository: "kgsports/matchday-platform",
                branch: "main",
                existingOidcProviderArn: arn,
            });
        });

        it("the stack's region reaches the backup checks: a copy into the home region is refused, another region is kept", () => {
            const p = problemsOf({ "kgsports:backupCopyRegion": "ap-northeast-2" });
            expect(p.map((x) => [x.key, x.value])).to.deep.equal([["kgsports:backupCopyRegion", "ap-northeast-2"]]);
            expect(p[0].message).to.match(/^is the home region ap-northeast-2, /);
            expect(settingsOf({ "kgsports:backupCopyRegion": "ap-northeast-1" }).settings.backup.copyRegion).to.equal("ap-northeast-1");
        });

        it("hours become seconds for IAM (MFA age 12 h; operator session by default one window, 70 + 165 + 30 minutes, plus 30)", () => {
            const s = settingsOf().settings.access;
            expect([s.mfaMaxAgeSeconds, s.operatorSessionSeconds, s.namePrefix]).to.deep.equal([12 * 3600, (70 + 165 + 30 + 30) * 60, "kgsports-dev"]);
        });

        it("optional keys left empty are unset; an unset AMI means the latest Amazon Linux 2023", () => {
            const s = settingsOf({ "kgsports:amiId": "" }).settings;
            expect(s.web.amiId).to.equal(undefined);
            expect(settingsOf({ "kgsports:amiId": "ami-0123456789abcdef0" }).settings.web.amiId).to.equal("ami-0123456789abcdef0");
        });
    });

    describe("the notes a reviewer reads with the plan", () => {
        it("a stack at production defaults: the AMI lookup and what the deploy does to desired, nothing more", () => {
            expect(settingsOf().notes).to.deep.equal([
                "kgsports:amiId is not set: the AMI is the latest Amazon Linux 2023, looked up at deploy time; a new release rolls the fleet at the next deploy outside a match window (pin amiId for the season)",
                "kgsports:desiredCapacity = 3: this deploy brings a running fleet that runs fewer up to 3 (it reads the group's live desired capacity and never declares less); a fleet running more keeps its size",
            ]);
        });

        it("weaker than production: one NAT gateway, no deletion protection; a pinned AMI has no note; a warm pool is named", () => {
            const notes = settingsOf({
                "kgsports:natGateways": "Single",
                "kgsports:deletionProtection": "false",
                "kgsports:amiId": "ami-0123456789abcdef0",
                "kgsports:warmPoolSize": "4",
            }).notes;
            expect(notes).to.deep.equal([
                "kgsports:natGateways = Single: losing that zone cuts the instances' outbound access",
                "kgsports:deletionProtection = false: the load balancer can be deleted by a destroy",
                "kgsports:desiredCapacity = 3: this deploy brings a running fleet that runs fewer up to 3 (it reads the group's live desired capacity and never declares less); a fleet running more keeps its size",
                "warm pool: 4 stopped instances",
            ]);
        });

        it("a fixture: its window, with steps when matches overlap, the schedule's notes, and past fixtures first", () => {
            const fixtures = [
                { name: "Old final", kickoff: "2027-02-20T19:00:00Z", expectedPeakViewers: 1000 },
                { name: "Semi 1", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 100_000 },
                { name: "Semi 2", kickoff: "2027-05-04T20:00:00Z", expectedPeakViewers: 60_000 },
            ];
            const notes = settingsOf({
                "kgsports:fixtures": JSON.stringify(fixtures),
                "kgsports:viewersPerInstance": "2000",
                ...capacityCostConfig(),
                "kgsports:availabilityZoneCount": "3",
                "kgsports:maxSize": "240",
                "kgsports:amiId": "ami-0123456789abcdef0",
            }).notes;
            expect(notes[0]).to.equal(
                'PAST FIXTURE "Old final": kickoff 2027-02-20 19:00Z (2027-02-21 04:00 UTC+09:00) is over (its window ended 2027-02-20 22:15Z (2027-02-21 07:15 UTC+09:00)); ' +
                    "nothing is scheduled for it. If that is not the match you meant, fix its date in kgsports:fixtures; otherwise remove it",
            );
            // README's sizing (2 000 per instance, 20 % headroom, 3 zones), stepped (fixtureFloorProfile): Semi 1
            // (100 000) alone 23, 32, 59, 90 from 70, 40, 25, 15 minutes before its kickoff (0.243, 0.343, 0.65 and
            // 1 of its audience); Semi 2 (60 000) adds its steps on top: 90 + 14 600 -> 104, 20 600 -> 110, 39 000
            // -> 126, 60 000 -> 144; Semi 1's early release at +125 (target 1000 / (2000 x 1) = 0.5 <= 2/3: to 0)
            // leaves Semi 2's 54, and Semi 2's early release the baseline 2.
            expect(notes).to.include(
                "match window Semi 1 + Semi 2: minimum up to 144 from 2027-05-04 17:50Z (2027-05-05 02:50 UTC+09:00) to 2027-05-04 23:15Z (2027-05-05 08:15 UTC+09:00); " +
                    "steps 23 from 2027-05-04 17:50Z (2027-05-05 02:50 UTC+09:00), 32 from 2027-05-04 18:20Z (2027-05-05 03:20 UTC+09:00), " +
                    "59 from 2027-05-04 18:35Z (2027-05-05 03:35 UTC+09:00), 90 from 2027-05-04 18:45Z (2027-05-05 03:45 UTC+09:00), " +
                    "104 from 2027-05-04 18:50Z (2027-05-05 03:50 UTC+09:00), 110 from 2027-05-04 19:20Z (2027-05-05 04:20 UTC+09:00), " +
                    "126 from 2027-05-04 19:35Z (2027-05-05 04:35 UTC+09:00), 144 from 2027-05-04 19:45Z (2027-05-05 04:45 UTC+09:00), " +
                    "54 from 2027-05-04 21:05Z (2027-05-05 06:05 UTC+09:00), 2 from 2027-05-04 22:05Z (2027-05-05 07:05 UTC+09:00)",
            );
            expect(notes.filter((n) => n.startsWith("concurrent "))).to.have.length(1);
            // The past fixture is not repeated from the schedule's own notes.
            expect(notes.filter((n) => n.includes("Old final"))).to.have.length(1);
            const single = settingsOf({
                "kgsports:fixtures": JSON.stringify([fixtures[1]]),
                "kgsports:viewersPerInstance": "2000",
                ...capacityCostConfig(),
                "kgsports:availabilityZoneCount": "3",
                "kgsports:maxSize": "240",
                "kgsports:amiId": "ami-0123456789abcdef0",
            }).notes;
            expect(single.filter((n) => n.startsWith("match window"))).to.deep.equal([
                "match window Semi 1: minimum up to 90 from 2027-05-04 17:50Z (2027-05-05 02:50 UTC+09:00) to 2027-05-04 22:15Z (2027-05-05 07:15 UTC+09:00); " +
                    "steps 23 from 2027-05-04 17:50Z (2027-05-05 02:50 UTC+09:00), 32 from 2027-05-04 18:20Z (2027-05-05 03:20 UTC+09:00), " +
                    "59 from 2027-05-04 18:35Z (2027-05-05 03:35 UTC+09:00), 90 from 2027-05-04 18:45Z (2027-05-05 03:45 UTC+09:00), " +
                    "2 from 2027-05-04 21:05Z (2027-05-05 06:05 UTC+09:00)",
            ]);
        });

        it("inside a window: the floor is declared, desired is not sent, and the launch template is frozen", () => {
            const r = validate({
                "kgsports:fixtures": JSON.stringify([{ name: "Semi 1", kickoff: "2027-03-01T00:30:00Z", expectedPeakViewers: 100_000 }]),
                "kgsports:viewersPerInstance": "2000",
                ...capacityCostConfig(),
                "kgsports:availabilityZoneCount": "3",
                "kgsports:maxSize": "240",
                "kgsports:amiId": "ami-0123456789abcdef0",
            });
            if (!r.ok) throw new Error(formatConfigProblems("dev", r.problems));
            expect(r.settings.web.capacity.min).to.equal(90);
            expect(r.settings.web.raiseRunningDesired).to.equal(false);
            expect(r.settings.web.launchTemplateFreeze).to.not.equal(undefined);
            expect(r.notes).to.include(
                "a match window is on or starts within the minimum lead: the group's minimum is declared at 90 (the window's floor), not kgsports:minSize = 2; " +
                    "the window's remaining scheduled actions, its release included, stay declared",
            );
            // The floor raises desired to 90 too.
            expect(r.notes).to.include(
                "kgsports:desiredCapacity is not applied to a running fleet by this deploy: a match window is near or on, so no deploy reads or sends desired (a new group would start with 90)",
            );
            expect(r.notes).to.include(r.settings.web.launchTemplateFreeze!.note);
        });

        it("before a pre-warm, the freeze is sized on the fleet the deploy would refresh: the desired capacity, not the minimum", () => {
            const r = validate({
                "kgsports:desiredCapacity": "20",
                "kgsports:maxSize": "240",
                "kgsports:fixtures": JSON.stringify([{ name: "Semi 1", kickoff: "2027-03-01T01:45:00Z", expectedPeakViewers: 100_000 }]),
                "kgsports:viewersPerInstance": "2000",
                ...capacityCostConfig(),
                "kgsports:availabilityZoneCount": "3",
                "kgsports:matchWindowMinutes": "100",
                "kgsports:releaseDelayMinutes": "0",
                "kgsports:amiId": "ami-0123456789abcdef0",
            });
            if (!r.ok) throw new Error(formatConfigProblems("dev", r.problems));
            // The pre-warm is 35 minutes away: no floor yet, min 2 and desired 20 as configured.
            expect(r.settings.web.capacity).to.deep.equal({ min: 2, desired: 20, max: 240 });
            expect(r.settings.web.launchTemplateFreeze!.note).to.match(/^launch template frozen for "Semi 1": a rolling refresh of 20 instances /);
        });

        it("fixtures are judged only once every key they depend on is valid: one problem for a bad headroom, not one per fixture", () => {
            const r = validate({
                "kgsports:headroomPercent": "abc",
                "kgsports:fixtures": JSON.stringify([{ name: "Semi 1", kickoff: "2027-05-04T19:00:00Z", expectedPeakViewers: 100_000 }]),
                "kgsports:viewersPerInstance": "2000",
                ...capacityCostConfig(),
                "kgsports:maxSize": "240",
            });
            expect(r.ok).to.equal(false);
            if (!r.ok) expect(r.problems.map((p) => p.key)).to.deep.equal(["kgsports:headroomPercent"]);
        });

        it("outside any window desired is raised and nothing is frozen", () => {
            const s = settingsOf().settings;
            expect(s.web.raiseRunningDesired).to.equal(true);
            expect(s.web.launchTemplateFreeze).to.equal(undefined);
        });
    });
});
