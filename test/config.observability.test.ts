/** The Observability slice of the stack config: bad endpoints and thresholds are refused naming the key. */
import { expect } from "chai";
import { decideObservabilitySettings } from "../stacks/config/observability";

const ok = { alertCriticalEmails: ["oncall@kgsports.example"], alertWarningEmails: ["team@kgsports.example"] };

describe("Observability config", () => {
    it("builds the settings, with the component's defaults for thresholds and retention", () => {
        const r = decideObservabilitySettings(ok);
        expect(r.problems).to.deep.equal([]);
        expect(r.settings).to.deep.equal({
            criticalEmails: ["oncall@kgsports.example"],
            criticalPhoneNumbers: [],
            warningEmails: ["team@kgsports.example"],
            thresholds: { loadBalancer5xxPercent: 2, target5xxPercent: 2, p99LatencySeconds: 2, errorMinutes: 3, nearMaxPercent: 90, cpuPercent: 80 },
            logRetentionDays: 30,
            accessLogExpirationDays: 90,
        });
        expect(decideObservabilitySettings({ ...ok, alarmP99LatencyMilliseconds: 750 }).settings!.thresholds.p99LatencySeconds).to.equal(0.75);
    });

    it("refuses a bad e-mail address or phone number, naming the list entry", () => {
        const r = decideObservabilitySettings({ ...ok, alertCriticalEmails: ["oncall@kgsports.example", "not-an-address"], alertCriticalPhoneNumbers: ["010-1234-5678"] });
        expect(r.problems.map((p) => p.key)).to.deep.equal(["kgsports:alertCriticalEmails[1]", "kgsports:alertCriticalPhoneNumbers[0]"]);
        expect(r.problems[1].message).to.contain("E.164");
        for (const p of r.problems) expect(p.message).to.contain("allowed:");
    });

    it("refuses a stack whose page or warnings would reach nobody", () => {
        const r = decideObservabilitySettings({});
        expect(r.problems.map((p) => p.key)).to.deep.equal(["kgsports:alertCriticalEmails", "kgsports:alertWarningEmails"]);
        // A phone number alone pages; a Slack channel alone warns.
        expect(decideObservabilitySettings({ alertCriticalPhoneNumbers: ["+821012345678"], alertSlackWorkspaceId: "T07EA123LEP", alertSlackChannelId: "C07EZ1ABC23" }).problems).to.deep.equal([]);
    });

    it("refuses half a Slack destination, and ids that are not Slack's", () => {
        expect(decideObservabilitySettings({ ...ok, alertSlackWorkspaceId: "T07EA123LEP" }).problems.map((p) => p.key)).to.deep.equal(["kgsports:alertSlackChannelId"]);
        expect(decideObservabilitySettings({ ...ok, alertSlackWorkspaceId: "T07EA123LEP", alertSlackChannelId: "#alerts" }).problems[0].message).to.contain("channel id");
    });

    it("refuses a log retention CloudWatch Logs does not offer", () => {
        const r = decideObservabilitySettings({ ...ok, logRetentionDays: 45 });
        expect(r.problems.map((p) => [p.key, p.value])).to.deep.equal([["kgsports:logRetentionDays", "45"]]);
        expect(r.problems[0].message).to.contain("30, 60");
    });

    it("the front-door probe: unset by default, a URL of the public name or \"alb\"; anything else is refused naming the key", () => {
        expect(decideObservabilitySettings(ok).settings!.frontDoorProbeUrl).to.equal(undefined);
        expect(decideObservabilitySettings({ ...ok, frontDoorProbeUrl: "https://watch.kgsports.example/healthz" }).settings!.frontDoorProbeUrl).to.equal("https://watch.kgsports.example/healthz");
        expect(decideObservabilitySettings({ ...ok, frontDoorProbeUrl: "alb" }).settings!.frontDoorProbeUrl).to.equal("alb");
        const r = decideObservabilitySettings({ ...ok, frontDoorProbeUrl: "watch.kgsports.example" });
        expect(r.problems.map((p) => [p.key, p.value])).to.deep.equal([["kgsports:frontDoorProbeUrl", "watch.kgsports.example"]]);
        expect(r.problems[0].message).to.match(/^is not an http\(s\) URL; allowed: /);
    });
});
