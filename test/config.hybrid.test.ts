/**
 * The HybridLink slice of the stack config: every bad value is refused before anything
 * is declared, naming the key (and the entry of a list) and what is allowed; with the
 * switch off, nothing of it is declared.
 */
import { expect } from "chai";
import { formatConfigProblems, validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { parseServer } from "../stacks/config/hybrid";
import { capacityCostConfig } from "./helpers/stackConfigs";
import * as fs from "fs";
import * as path from "path";

const webSh = fs.readFileSync(path.join(__dirname, "..", "stacks", "userdata", "web.sh"), "utf8");
const deps: ValidationDeps = { readProjectFile: (p) => (p === "stacks/userdata/web.sh" ? webSh : undefined), now: new Date("2027-04-01T00:00:00Z") };

function values(over: Record<string, string> = {}): Record<string, string> {
    return {
        "aws:region": "ap-northeast-2",
        "kgsports:vpcCidr": "10.30.0.0/16",
        "kgsports:minSize": "2",
        "kgsports:desiredCapacity": "2",
        "kgsports:maxSize": "10",
        "kgsports:administrators": '["ana.admin"]',
        "kgsports:deployRepository": "kgsports/matchday-platform",
        "kgsports:stateBackendUrl": "s3://kgsports-pulumi-state-111122223333",
        "kgsports:secretsKmsKeyArn": "arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "kgsports:alertCriticalEmails": '["oncall@kgsports.example"]',
        "kgsports:alertWarningEmails": '["team@kgsports.example"]',
        "kgsports:hybridLink": "true",
        "kgsports:onPremiseCidrs": '["10.100.0.0/16"]',
        "kgsports:onPremiseServers": '["10.100.10.11:8080","10.100.10.12:8080"]',
        "kgsports:customerGatewayIp": "203.0.113.10",
        ...over,
    };
}

function problems(over: Record<string, string>, placeholderKeys: string[] = []) {
    const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: values(over), placeholderKeys }, deps);
    if (r.ok) throw new Error("expected the config to be refused");
    return r.problems;
}

function problemAt(over: Record<string, string>, key: string) {
    const found = problems(over).filter((p) => p.key === key);
    expect(found, `${key} in ${JSON.stringify(problems(over))}`).to.have.length(1);
    expect(found[0].message).to.match(/allowed: /);
    return found[0];
}

describe("HybridLink config", () => {
    it("builds the link's settings from the keys, with the documented defaults", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: values() }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
        expect(r.settings.hybrid).to.deep.equal({
            onPremiseCidrs: ["10.100.0.0/16"],
            servers: [{ address: "10.100.10.11", port: 8080 }, { address: "10.100.10.12", port: 8080 }],
            customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 65000 },
            routing: "static",
            amazonSideAsn: 64512,
            tunnels: [{}, {}],
            weights: { cloud: 90, onPremise: 10 },
            onPremiseShare: 0.1,
            // No fixtures and no onPremiseViewerCapacity: nothing to size the failover from, so it moves their share when none is healthy.
            failover: { unhealthyMinutes: 2, recoveryMinutes: 10, minHealthyHosts: 1 },
        });
    });

    it("declares nothing of the link when the switch is off, even with its keys set", () => {
        const r = validateStackConfig({ project: "kgsports", stack: "dev", values: values({ "kgsports:hybridLink": "false", "kgsports:customerGatewayIp": "10.0.0.1" }) }, deps);
        if (!r.ok) throw new Error(formatConfigProblems("dev", r.problems));
        expect(r.settings.hybrid).to.equal(undefined);
    });

    it("requires the device, the ranges and the servers when switched on", () => {
        const p = problems({ "kgsports:customerGatewayIp": "", "kgsports:onPremiseCidrs": "[]", "kgsports:onPremiseServers": "[]" });
        expect(p.map((x) => x.key)).to.include.members(["kgsports:customerGatewayIp", "kgsports:onPremiseCidrs", "kgsports:onPremiseServers"]);
        for (const x of p) expect(x.message).to.contain("hybridLink = true");
    });

    it("refuses a server that is public, outside the on-premise ranges or not address:port, naming the entry", () => {
        expect(problemAt({ "kgsports:onPremiseServers": '["10.100.10.11:8080","8.8.8.8:8080"]' }, "kgsports:onPremiseServers[1]").message).to.contain("not private");
        expect(problemAt({ "kgsports:onPremiseServers": '["10.200.0.5:8080"]' }, "kgsports:onPremiseServers[0]").message).to.contain("outside every on-premise CIDR");
        expect(problemAt({ "kgsports:onPremiseServers": '["10.100.10.11"]' }, "kgsports:onPremiseServers[0]").message).to.contain('"<address>:<port>"');
        expect(parseServer("10.100.10.11:8080")).to.deep.equal({ address: "10.100.10.11", port: 8080 });
    });

    it("refuses on-premise ranges that overlap the VPC, each other, or are not private", () => {
        expect(problemAt({ "kgsports:onPremiseCidrs": '["10.30.128.0/17"]', "kgsports:onPremiseServers": '["10.30.200.1:80"]' }, "kgsports:onPremiseCidrs[0]").message).to.contain("overlaps the VPC CIDR 10.30.0.0/16");
        expect(problemAt({ "kgsports:onPremiseCidrs": '["10.100.0.0/16","10.100.5.0/24"]' }, "kgsports:onPremiseCidrs[1]").message).to.contain("overlaps 10.100.0.0/16");
        expect(problemAt({ "kgsports:onPremiseCidrs": '["100.64.0.0/10","11.0.0.0/8"]' }, "kgsports:onPremiseCidrs[1]").message).to.contain("not private");
    });

    it("refuses a device address that is not public", () => {
        expect(problemAt({ "kgsports:customerGatewayIp": "192.168.1.1" }, "kgsports:customerGatewayIp").message).to.contain("not a public");
    });

    it("refuses tunnel inside CIDRs that are not a /30 in 169.254.0.0/16, are reserved, or are the same twice", () => {
        expect(problemAt({ "kgsports:vpnTunnel1InsideCidr": "169.254.10.0/29" }, "kgsports:vpnTunnel1InsideCidr").message).to.contain("/30");
        expect(problemAt({ "kgsports:vpnTunnel1InsideCidr": "10.0.0.0/30" }, "kgsports:vpnTunnel1InsideCidr").message).to.contain("169.254.0.0/16");
        for (const reserved of ["169.254.0.0/30", "169.254.5.0/30", "169.254.169.252/30"]) {
            expect(problemAt({ "kgsports:vpnTunnel2InsideCidr": reserved }, "kgsports:vpnTunnel2InsideCidr").message, reserved).to.contain("reserved");
        }
        expect(problemAt({ "kgsports:vpnTunnel1InsideCidr": "169.254.10.0/30", "kgsports:vpnTunnel2InsideCidr": "169.254.10.0/30" }, "kgsports:vpnTunnel2InsideCidr").message).to.contain("different");
    });

    it("refuses a pre-shared key AWS would refuse, without echoing the secret; a placeholder of the offline plan is not judged", () => {
        const p = problemAt({ "kgsports:vpnTunnel1PresharedKey": "0short" }, "kgsports:vpnTunnel1PresharedKey");
        expect(p.value).to.equal(undefined);
        expect(p.message).to.not.contain("0short");
        expect(problemAt({ "kgsports:vpnTunnel2PresharedKey": "has-a-dash-in-it" }, "kgsports:vpnTunnel2PresharedKey").message).to.contain("periods (.) and underscores (_)");
        const offline = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: values({ "kgsports:vpnTunnel1PresharedKey": "[secret placeholder]" }), placeholderKeys: ["kgsports:vpnTunnel1PresharedKey"] },
            deps,
        );
        expect(offline.ok).to.equal(true);
    });

    it("refuses BGP ASNs out of range or reserved by AWS", () => {
        expect(problemAt({ "kgsports:customerGatewayBgpAsn": "0" }, "kgsports:customerGatewayBgpAsn").message).to.contain("not a BGP ASN");
        expect(problemAt({ "kgsports:customerGatewayBgpAsn": "7224" }, "kgsports:customerGatewayBgpAsn").message).to.contain("reserved by AWS");
        // 10124 is reserved in ap-northeast-1 only; this stack is in ap-northeast-2.
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values: values({ "kgsports:customerGatewayBgpAsn": "10124" }) }, deps).ok).to.equal(true);
        expect(problemAt({ "kgsports:amazonSideAsn": "65535" }, "kgsports:amazonSideAsn").message).to.contain("private ASN");
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values: values({ "kgsports:amazonSideAsn": "4200000000" }) }, deps).ok).to.equal(true);
    });

    it("refuses the same ASN on both sides of a BGP session (the component would refuse it too, with a stack trace)", () => {
        const p = problemAt({ "kgsports:vpnRouting": "bgp", "kgsports:customerGatewayBgpAsn": "64512" }, "kgsports:amazonSideAsn");
        expect(p.message).to.contain("needs two ASNs");
        // Static routing does not speak BGP: the same number is harmless there.
        expect(validateStackConfig({ project: "kgsports", stack: "matchday", values: values({ "kgsports:customerGatewayBgpAsn": "64512" }) }, deps).ok).to.equal(true);
    });

    it("refuses weights that are both zero, and weights out of range", () => {
        expect(problemAt({ "kgsports:cloudWeight": "0", "kgsports:onPremiseWeight": "0" }, "kgsports:onPremiseWeight").message).to.contain("all zero");
        expect(problemAt({ "kgsports:onPremiseWeight": "1000" }, "kgsports:onPremiseWeight").message).to.contain("0 to 999");
    });

    it("refuses an activation expiry beyond AWS's 30 days or not in UTC seconds; an expired one is kept, with a note", () => {
        expect(problemAt({ "kgsports:ssmActivationExpiry": "2027-05-02T00:00:00Z" }, "kgsports:ssmActivationExpiry").message).to.contain("more than 30 days");
        expect(problemAt({ "kgsports:ssmActivationExpiry": "2027-04-15" }, "kgsports:ssmActivationExpiry").message).to.contain("YYYY-MM-DDThh:mm:ssZ");
        const ok = validateStackConfig({ project: "kgsports", stack: "matchday", values: values({ "kgsports:ssmActivationExpiry": "2027-05-01T00:00:00Z" }) }, deps);
        if (!ok.ok) throw new Error(formatConfigProblems("matchday", ok.problems));
        expect(ok.settings.hybrid!.activation).to.deep.equal({ registrationLimit: 2, expirationDate: "2027-05-01T00:00:00Z" });
        const later = validateStackConfig(
            { project: "kgsports", stack: "matchday", values: values({ "kgsports:ssmActivationExpiry": "2027-05-01T00:00:00Z" }) },
            { ...deps, now: new Date("2027-06-01T00:00:00Z") },
        );
        if (!later.ok) throw new Error(formatConfigProblems("matchday", later.problems));
        expect(later.settings.hybrid!.activation!.expirationDate).to.equal("2027-05-01T00:00:00Z");
        expect(later.notes.join("\n")).to.contain("has passed: the on-premise servers registered with the activation stay registered");
    });
});

describe("HybridLink config: the on-premise share against what the servers carry", () => {
    const bigNight = { name: "Big night", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 420_000, surgeFactor: 2.5 };
    /** The link with three servers carrying 48 000 viewers together, room in the group for the night, and these fixtures. */
    function withFixtures(fixtures: unknown[], over: Record<string, string> = {}): Record<string, string> {
        return {
            "kgsports:onPremiseServers": '["10.100.10.11:8080","10.100.10.12:8080","10.100.10.13:8080"]',
            "kgsports:onPremiseViewerCapacity": "48000",
            "kgsports:maxSize": "1100",
            // The user store raised for the night (7 438 writes a second at its busiest).
            "kgsports:userStoreWarmWriteUnitsPerSecond": "8000",
            "kgsports:viewersPerInstance": "2000",
            "kgsports:availabilityZoneCount": "3",
            "kgsports:fixtures": JSON.stringify(fixtures),
            ...capacityCostConfig(),
            ...over,
        };
    }
    const validate = (over: Record<string, string>) => validateStackConfig({ project: "kgsports", stack: "matchday", values: values(over) }, deps);

    it("refuses a share the servers cannot carry at a fixture's surge, naming the stack, the keys and the weight that fits", () => {
        // 420 000 x 2.5 = 1 050 000 viewers at the busiest minute; 10 % of them is 105 000, over the 48 000 the servers carry.
        const p = problemAt(withFixtures([bigNight]), "kgsports:onPremiseWeight");
        expect(p.value).to.equal("10");
        expect(p.message).to.contain('stack "matchday"').and.contain("kgsports:cloudWeight = 90").and.contain("kgsports:onPremiseViewerCapacity");
        expect(p.message).to.contain("105000 viewers at the busiest minute of \"Big night\" at x2.5").and.contain("more than the 48000 they carry");
        // The on-premise weight that fits next to 90: 4 (4 / 94 x 1 050 000 = 44 681; 5 / 95 of it = 55 263 does not fit),
        // and the cloud weight that fits next to 10: 209 (10 / 219 x 1 050 000 = 47 945; 10 / 218 of it = 48 165 does not).
        expect(p.message).to.contain("allowed: ").and.contain("kgsports:onPremiseWeight at most 4 with kgsports:cloudWeight = 90");
        expect(p.message).to.contain("kgsports:cloudWeight at least 209 with kgsports:onPremiseWeight = 10");
        // The weight it names passes; one more does not.
        expect(validate(withFixtures([bigNight], { "kgsports:onPremiseWeight": "4" })).ok).to.equal(true);
        problemAt(withFixtures([bigNight], { "kgsports:onPremiseWeight": "5" }), "kgsports:onPremiseWeight");
        expect(validate(withFixtures([bigNight], { "kgsports:cloudWeight": "209" })).ok).to.equal(true);
        problemAt(withFixtures([bigNight], { "kgsports:cloudWeight": "208" }), "kgsports:onPremiseWeight");
    });

    it("checks the expected audience as well as the surge factor, and concurrent fixtures together", () => {
        // Without a surge factor: 420 000 x 10 % = 42 000 fits 48 000.
        expect(validate(withFixtures([{ ...bigNight, surgeFactor: undefined }])).ok).to.equal(true);
        // 500 000 expected: 50 000 at x1.0 is already too many.
        expect(problemAt(withFixtures([{ ...bigNight, expectedPeakViewers: 500_000, surgeFactor: undefined }]), "kgsports:onPremiseWeight").message).to.contain("50000 viewers");
        // Two 250 000 nights, each within alone (25 000), at the same kickoff: 50 000 together.
        const a = { name: "A", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 250_000 };
        const b = { ...a, name: "B" };
        expect(validate(withFixtures([a])).ok).to.equal(true);
        expect(problemAt(withFixtures([a, b]), "kgsports:onPremiseWeight").message).to.contain('50000 viewers at the busiest minute of "A + B" at x1.0');
    });

    it("sizes the failover: the servers the share needs at the largest planned audience (3 servers for 48 000: 16 000 each)", () => {
        const minHealthy = (fixtures: unknown[], over: Record<string, string> = {}) => {
            const r = validate(withFixtures(fixtures, over));
            if (!r.ok) throw new Error(formatConfigProblems("matchday", r.problems));
            return { min: r.settings.hybrid!.failover.minHealthyHosts, notes: r.notes };
        };
        // The shipped final: 150 000 x 1.5 x 10 % = 22 500 viewers need 2 servers of 16 000.
        const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000, surgeFactor: 1.5 };
        const shipped = minHealthy([final]);
        expect(shipped.min).to.equal(2);
        expect(shipped.notes.join("\n")).to.contain("needs 2 of the 3 servers").and.contain("when fewer than 2 are healthy");
        // 150 000 at x1.0: 15 000, one server.
        expect(minHealthy([{ ...final, surgeFactor: undefined }]).min).to.equal(1);
        // The big night at the weight that fits: 44 681 viewers, all 3.
        expect(minHealthy([bigNight], { "kgsports:onPremiseWeight": "4" }).min).to.equal(3);
        // No fixture, or no known capacity: 1, the failover at none healthy, with a note for the latter.
        expect(minHealthy([]).min).to.equal(1);
        const unknown = minHealthy([final], { "kgsports:onPremiseViewerCapacity": "0" });
        expect(unknown.min).to.equal(1);
        expect(unknown.notes.join("\n")).to.contain("kgsports:onPremiseViewerCapacity is not set");
    });
});
