import { expect } from "chai";
import { formatConfigProblems, validateStackConfig, ValidationDeps, USER_DATA_LIMIT_BYTES } from "../stacks/config/validate";
import { parseIpv4Cidr, ipv4CidrsOverlap } from "../stacks/config/cidr";
import { nearestName } from "../stacks/config/suggest";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const deps: ValidationDeps = { readProjectFile: (p) => files[p] };

function valid(): Record<string, string> {
    return {
        "aws:region": "ap-northeast-2",
        "kgsports:minSize": "2",
        "kgsports:desiredCapacity": "3",
        "kgsports:maxSize": "10",
        "kgsports:userDataFile": "stacks/userdata/web.sh",
    };
}

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

    it("passes offline placeholders of secure values through unchecked", () => {
        const r = validateStackConfig(
            { project: "kgsports", stack: "dev", values: { ...valid(), "kgsports:certificateArn": "[secret]" }, placeholderKeys: ["kgsports:certificateArn"] },
            deps,
        );
        expect(r.ok).to.equal(true);
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
