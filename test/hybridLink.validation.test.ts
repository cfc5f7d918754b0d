import { expect } from "chai";
import {
    activationExpiryFormatProblem,
    activationExpiryProblem,
    amazonSideAsnProblem,
    customerBgpAsnProblem,
    customerGatewayAddressProblem,
    forwardWeightsProblem,
    healthCheckMatcherProblem,
    HybridLinkArgs,
    hybridLinkArgsProblems,
    hybridLinkNameProblem,
    onPremiseCidrProblems,
    onPremiseServerAddressProblem,
    onPremiseServersProblems,
    presharedKeyProblem,
    registrationLimitProblem,
    rulePriorityProblem,
    serverPortProblem,
    tunnelInsideCidrProblem,
} from "@kgsports/hybrid-link";

/** Each value is allowed (no problem) or refused with a sentence that ends with what is allowed. */
function accepts(check: (v: any) => string | undefined, values: unknown[]): void {
    for (const v of values) expect(check(v), `${JSON.stringify(v)} should be accepted`).to.equal(undefined);
}
function refuses(check: (v: any) => string | undefined, values: unknown[]): void {
    for (const v of values) {
        const problem = check(v);
        expect(problem, `${JSON.stringify(v)} should be refused`).to.be.a("string");
        expect(problem, JSON.stringify(v)).to.match(/allowed: .+/);
    }
}

describe("HybridLink validators (AWS's rules at their boundaries)", () => {
    describe("tunnel inside CIDR: a /30 in 169.254.0.0/16, not one AWS reserves", () => {
        it("accepts /30 blocks next to the reserved ones and at the range's ends", () => {
            accepts(tunnelInsideCidrProblem, ["169.254.5.4/30", "169.254.6.0/30", "169.254.10.0/30", "169.254.169.248/30", "169.254.255.252/30", "169.254.0.4/30"]);
        });
        it("refuses the reserved blocks 169.254.0.0/30 to 169.254.5.0/30 and 169.254.169.252/30", () => {
            refuses(tunnelInsideCidrProblem, ["169.254.0.0/30", "169.254.1.0/30", "169.254.2.0/30", "169.254.3.0/30", "169.254.4.0/30", "169.254.5.0/30", "169.254.169.252/30"]);
            expect(tunnelInsideCidrProblem("169.254.169.252/30")).to.contain("reserved");
        });
        it("refuses other sizes, host bits, and blocks outside 169.254.0.0/16", () => {
            refuses(tunnelInsideCidrProblem, ["169.254.10.0/29", "169.254.10.0/31", "169.254.10.2/30", "169.255.0.0/30", "169.253.255.252/30", "10.0.0.0/30", "169.254.10.0", "x"]);
        });
    });

    describe("pre-shared key: 8 to 64 of letters, digits, . and _, not starting with 0", () => {
        it("accepts the bounds and the allowed characters", () => {
            accepts(presharedKeyProblem, ["abcdefgh", "a".repeat(64), "Ab.9_xyz", "10000000", "a0000000"]);
        });
        it("refuses 7 and 65 characters, a leading zero, other characters", () => {
            refuses(presharedKeyProblem, ["abcdefg", "a".repeat(65), "0abcdefgh", "abc-defgh", "abc defgh", "abcdefgh!", "ключключключ", ""]);
        });
    });

    describe("customer gateway BGP ASN: 1 to 4294967295 except AWS's reserved ones", () => {
        it("accepts the bounds of both fields (bgpAsn up to 2147483647, bgpAsnExtended above) and private ASNs", () => {
            accepts((v) => customerBgpAsnProblem(v, "ap-northeast-2"), [1, 65000, 64512, 65534, 2_147_483_647, 2_147_483_648, 4_200_000_000, 4_294_967_295]);
        });
        it("refuses 0, above 4294967295 and fractions", () => {
            refuses((v) => customerBgpAsnProblem(v, "ap-northeast-2"), [0, -1, 4_294_967_296, 65000.5, NaN]);
        });
        it("refuses 7224 everywhere, and 9059 / 10124 / 17943 in their regions only", () => {
            refuses((v) => customerBgpAsnProblem(v, "ap-northeast-2"), [7224]);
            refuses((v) => customerBgpAsnProblem(v, "us-east-1"), [7224]);
            expect(customerBgpAsnProblem(9059, "eu-west-1")).to.contain("reserved by AWS in eu-west-1");
            expect(customerBgpAsnProblem(10124, "ap-northeast-1")).to.contain("reserved by AWS in ap-northeast-1");
            expect(customerBgpAsnProblem(17943, "ap-southeast-1")).to.contain("reserved by AWS in ap-southeast-1");
            accepts((v) => customerBgpAsnProblem(v, "ap-northeast-2"), [9059, 10124, 17943]);
        });
        it("without a region, every regional reservation counts", () => {
            refuses((v) => customerBgpAsnProblem(v), [9059, 10124, 17943]);
        });
    });

    describe("Amazon side ASN: 64512-65534 or 4200000000-4294967294", () => {
        it("accepts the bounds", () => {
            accepts(amazonSideAsnProblem, [64512, 65534, 4_200_000_000, 4_294_967_294]);
        });
        it("refuses just outside them", () => {
            refuses(amazonSideAsnProblem, [64511, 65535, 4_199_999_999, 4_294_967_295, 7224, 1, 64512.5]);
        });
    });

    describe("customer gateway address: a public IPv4 address", () => {
        it("accepts public addresses", () => {
            accepts(customerGatewayAddressProblem, ["203.0.113.10", "1.1.1.1", "52.95.110.1", "223.255.255.254"]);
        });
        it("refuses private, shared, loopback, link-local, multicast, reserved and malformed addresses", () => {
            refuses(customerGatewayAddressProblem, ["10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255", "127.0.0.1", "169.254.1.1", "224.0.0.1", "240.0.0.1", "0.1.2.3", "256.1.1.1", "1.2.3", "01.2.3.4"]);
        });
        it("the neighbours of private ranges are public", () => {
            accepts(customerGatewayAddressProblem, ["172.15.255.255", "172.32.0.0", "100.63.255.255", "100.128.0.0", "11.0.0.0"]);
        });
    });

    describe("on-premise CIDRs: private (RFC 1918 or 100.64.0.0/10), not overlapping the VPC or each other", () => {
        const vpc = "10.20.0.0/16";
        it("accepts private blocks beside the VPC", () => {
            expect(onPremiseCidrProblems(["10.21.0.0/16", "10.19.0.0/16", "172.31.0.0/16", "192.168.0.0/16", "100.64.0.0/10"], vpc)).to.deep.equal([]);
        });
        it("refuses blocks that overlap the VPC, inside or around it", () => {
            const problems = onPremiseCidrProblems(["10.20.128.0/17", "10.0.0.0/8"], vpc);
            expect(problems.map((p) => p.index)).to.deep.equal([0, 1]);
            for (const p of problems) expect(p.problem).to.contain("overlaps the VPC CIDR 10.20.0.0/16").and.match(/allowed: /);
        });
        it("refuses blocks that overlap each other, naming the first", () => {
            const problems = onPremiseCidrProblems(["192.168.0.0/16", "192.168.10.0/24"], vpc);
            expect(problems).to.have.length(1);
            expect(problems[0]).to.deep.include({ index: 1 });
            expect(problems[0].problem).to.contain("overlaps 192.168.0.0/16");
        });
        it("refuses public space, just outside the private ranges", () => {
            const problems = onPremiseCidrProblems(["172.32.0.0/16", "100.128.0.0/10", "8.8.8.0/24", "192.169.0.0/16", "172.0.0.0/8"], vpc);
            expect(problems.map((p) => p.index)).to.deep.equal([0, 1, 2, 3, 4]);
            for (const p of problems) expect(p.problem).to.contain("not private").and.match(/allowed: /);
        });
        it("refuses malformed blocks and an empty list", () => {
            expect(onPremiseCidrProblems(["192.168.10.1/24", "192.168.10.0/33", "192.168.10.0"], vpc).map((p) => p.index)).to.deep.equal([0, 1, 2]);
            const empty = onPremiseCidrProblems([], vpc);
            expect(empty).to.have.length(1);
            expect(empty[0].index).to.equal(undefined);
        });
    });

    describe("on-premise servers: private addresses inside the on-premise CIDRs, a port, each once", () => {
        const cidrs = ["192.168.10.0/24", "100.64.0.0/16"];
        it("accepts addresses at both ends of a range", () => {
            accepts((a) => onPremiseServerAddressProblem(a, cidrs), ["192.168.10.0", "192.168.10.255", "100.64.0.1", "100.64.255.254"]);
        });
        it("refuses private addresses outside the on-premise CIDRs (the VPN would not route them)", () => {
            refuses((a) => onPremiseServerAddressProblem(a, cidrs), ["192.168.11.0", "192.168.9.255", "100.65.0.1", "10.0.0.1"]);
            expect(onPremiseServerAddressProblem("192.168.11.0", cidrs)).to.contain("outside every on-premise CIDR");
        });
        it("refuses public and malformed addresses", () => {
            refuses((a) => onPremiseServerAddressProblem(a, ["0.0.0.0/0"]), ["8.8.8.8", "100.128.0.1", "300.1.1.1", "a.b.c.d"]);
            expect(onPremiseServerAddressProblem("8.8.8.8", ["0.0.0.0/0"])).to.contain("not private");
        });
        it("ports 1 to 65535", () => {
            accepts(serverPortProblem, [1, 80, 8080, 65535]);
            refuses(serverPortProblem, [0, 65536, -1, 80.5]);
        });
        it("refuses a server listed twice and an empty list; reports address and port separately", () => {
            const problems = onPremiseServersProblems([
                { address: "192.168.10.5", port: 8080 },
                { address: "192.168.10.5", port: 8080 },
                { address: "8.8.8.8", port: 0 },
            ], cidrs);
            expect(problems.map((p) => [p.index, p.field ?? null])).to.deep.equal([[1, null], [2, "address"], [2, "port"]]);
            expect(onPremiseServersProblems([{ address: "192.168.10.5", port: 8080 }, { address: "192.168.10.5", port: 8081 }], cidrs)).to.deep.equal([]);
            expect(onPremiseServersProblems([], cidrs)).to.have.length(1);
        });
    });

    describe("SSM activation expiry: a fixed UTC time after now, at most 30 days later", () => {
        const now = new Date("2027-03-20T00:00:00Z");
        const check = (v: string) => activationExpiryProblem(v, now);
        it("accepts one second after now and exactly 30 days after it", () => {
            accepts(check, ["2027-03-20T00:00:01Z", "2027-04-01T12:00:00Z", "2027-04-19T00:00:00Z"]);
        });
        it("refuses now, the past, and one second past 30 days", () => {
            refuses(check, ["2027-03-20T00:00:00Z", "2027-03-19T23:59:59Z", "2027-04-19T00:00:01Z", "2028-01-01T00:00:00Z"]);
            expect(check("2027-04-19T00:00:01Z")).to.contain("2027-04-19T00:00:00Z");
        });
        it("refuses any spelling but YYYY-MM-DDThh:mm:ssZ (the form AWS reads back), and dates that do not exist", () => {
            refuses(check, ["2027-04-01", "2027-04-01T09:00:00+09:00", "2027-04-01T00:00:00.000Z", "2027-04-01 00:00:00Z", "2027-02-30T00:00:00Z", "2027-04-01T24:00:00Z"]);
            refuses(activationExpiryFormatProblem, ["2027-04-01T09:00:00+09:00", "2027-02-29T00:00:00Z"]);
            accepts(activationExpiryFormatProblem, ["2028-02-29T00:00:00Z", "2020-01-01T00:00:00Z"]);
        });
        it("registration limit 1 to 1000", () => {
            accepts(registrationLimitProblem, [1, 1000]);
            refuses(registrationLimitProblem, [0, 1001, 2.5]);
        });
    });

    describe("forward weights: 0 to 999 each, 1 to 5 target groups, not all zero", () => {
        it("accepts the bounds, and a group at weight 0 beside one above", () => {
            accepts(forwardWeightsProblem, [[1], [999], [0, 1], [999, 0], [100, 100, 100, 100, 100], [0, 0, 0, 0, 999]]);
        });
        it("refuses all zero, out-of-range or fractional weights, no group, more than 5", () => {
            refuses(forwardWeightsProblem, [[0], [0, 0], [1000], [-1, 5], [1.5, 1], [], [1, 1, 1, 1, 1, 1]]);
        });
    });

    it("listener rule priority 1 to 50000", () => {
        accepts(rulePriorityProblem, [1, 50000]);
        refuses(rulePriorityProblem, [0, 50001, 1.5]);
    });

    it("health check matcher: codes or ranges from 200 to 499", () => {
        accepts(healthCheckMatcherProblem, ["200", "200-399", "200,204", "200-499", "499"]);
        refuses(healthCheckMatcherProblem, ["199", "500", "200-500", "399-200", "ok", "", "200,"]);
    });

    it("the component's name: its auto-named target group (<name>-onprem-xxxxxxx) fits AWS's 32 characters", () => {
        const longest = "x".repeat(32 - "-onprem".length - "-xxxxxxx".length);
        expect(longest).to.have.length(17);
        accepts(hybridLinkNameProblem, [longest, "link", "a", "hybrid-1"]);
        refuses(hybridLinkNameProblem, [`${longest}x`, "-link", "link-", "my_link", ""]);
    });
});

describe("hybridLinkArgsProblems", () => {
    const valid: HybridLinkArgs = {
        vpcId: "vpc-1",
        routeTableIds: ["rtb-1"],
        vpcCidr: "10.20.0.0/16",
        onPremiseCidrs: ["192.168.10.0/24"],
        customerGateway: { ipAddress: "203.0.113.10", bgpAsn: 65010 },
        routing: "bgp",
        servers: [{ address: "192.168.10.21", port: 8080 }],
        loadBalancer: { securityGroupId: "sg-1", arnSuffix: "app/a/1", listenerArn: "l", cloudTargetGroupArn: "t" },
        ssmActivation: { registrationLimit: 2, expirationDate: "2027-04-10T00:00:00Z" },
    };

    it("finds nothing in valid args", () => {
        expect(hybridLinkArgsProblems("link", valid, new Date("2027-03-20T00:00:00Z"))).to.deep.equal([]);
    });

    it("lists every problem at once, each naming the field and the value", () => {
        const problems = hybridLinkArgsProblems("link", {
            ...valid,
            routeTableIds: [],
            customerGateway: { ipAddress: "192.168.1.1", bgpAsn: 7224 },
            amazonSideAsn: 65535,
            tunnels: [{ insideCidr: "169.254.5.0/30", presharedKey: "0secretkey" }, { insideCidr: "169.254.5.0/30" }],
            servers: [{ address: "192.168.11.1", port: 8080 }],
            healthCheck: { intervalSeconds: 5, matcher: "500" },
            failover: { unhealthyMinutes: 0, recoveryMinutes: 1441, rulePriority: 0, reconcileMinutes: 61 },
            ssmActivation: { registrationLimit: 0, expirationDate: "2027-05-01T00:00:00Z" },
        }, new Date("2027-03-20T00:00:00Z"));
        const text = problems.join("\n");
        for (const expected of [
            "routeTableIds: is empty",
            'customerGateway.ipAddress = "192.168.1.1": is not a public internet address',
            "customerGateway.bgpAsn = 7224: is reserved by AWS",
            "amazonSideAsn = 65535: is not a private ASN",
            'tunnels[0].insideCidr = "169.254.5.0/30": is reserved by AWS',
            "tunnels[0].presharedKey (secret, not shown): does not follow AWS's rule",
            'tunnels[1].insideCidr = "169.254.5.0/30": is the same as tunnels[0].insideCidr',
            'servers[0].address = "192.168.11.1": is outside every on-premise CIDR',
            "healthCheck.intervalSeconds = 5: is out of range",
            'healthCheck.matcher = "500"',
            "failover.unhealthyMinutes = 0",
            "failover.recoveryMinutes = 1441",
            "failover.rulePriority = 0",
            "failover.reconcileMinutes = 61",
            "ssmActivation.registrationLimit = 0",
            'ssmActivation.expirationDate = "2027-05-01T00:00:00Z": is more than 30 days ahead',
        ]) expect(text).to.contain(expected);
        expect(text).to.not.contain("0secretkey");
        for (const p of problems) expect(p).to.match(/allowed: /);
    });

    it("BGP needs two different ASNs; static routing does not care", () => {
        const same = { ...valid, amazonSideAsn: 65010 };
        expect(hybridLinkArgsProblems("link", same).join()).to.contain("equals customerGateway.bgpAsn");
        expect(hybridLinkArgsProblems("link", { ...same, routing: "static" })).to.deep.equal([]);
    });

    it("without now, an expired activation date still passes (a later deploy must not fail), but a malformed one does not", () => {
        const expired = { ...valid, ssmActivation: { registrationLimit: 2, expirationDate: "2020-01-01T00:00:00Z" } };
        expect(hybridLinkArgsProblems("link", expired)).to.deep.equal([]);
        expect(hybridLinkArgsProblems("link", expired, new Date("2027-03-20T00:00:00Z")).join()).to.contain("is not in the future");
        const local = { ...valid, ssmActivation: { registrationLimit: 2, expirationDate: "2027-04-10T09:00:00+09:00" } };
        expect(hybridLinkArgsProblems("link", local).join()).to.contain("ssmActivation.expirationDate");
    });
});
