/**
 * The reservations' slice of the stack config (issue 21): the traffic model a viewer
 * puts through the load balancer, whether and how far ahead capacity is reserved, and
 * the on-premise share's bytes against one VPN tunnel.
 */
import { expect } from "chai";
import { validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { decideReservationSettings, vpnBandwidthProblems } from "../stacks/config/reservations";
import { DEFAULT_TRAFFIC, LoadBalancerTraffic } from "../stacks/capacity/loadBalancerCapacity";
import { fixturesStackConfig } from "./helpers/stackConfigs";
import { loadStackSettings } from "../stacks/plan/planStack";
import { projectFileReader, PROJECT_ROOT } from "../stacks/program";
import { TEST_NOW } from "./helpers/declare";

const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };
const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000 };

function validate(over: Record<string, string | undefined>) {
    return validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([final], over) }, deps);
}

function problemsOn(key: string, over: Record<string, string | undefined>) {
    const r = validate(over);
    expect(r.ok, JSON.stringify(over)).to.equal(false);
    return r.ok ? [] : r.problems.filter((p) => p.key === key);
}

const api = (over: Partial<LoadBalancerTraffic> = {}): LoadBalancerTraffic => ({
    requestsPerViewerPerMinute: 1,
    kilobytesPerRequest: 20,
    newConnectionsPerRequest: 1,
    activeConnectionsPerViewer: 1,
    rulesPerRequest: 1,
    videoKbpsThroughLoadBalancer: 0,
    ...over,
});

describe("config: the reservations and the load balancer's traffic", () => {
    it("unset keys take the documented defaults, and nothing is reserved", () => {
        const s = decideReservationSettings({}, { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 });
        expect(s.traffic).to.deep.equal({
            requestsPerViewerPerMinute: 1,
            kilobytesPerRequest: DEFAULT_TRAFFIC.kilobytesPerRequest,
            newConnectionsPerRequest: DEFAULT_TRAFFIC.newConnectionsPerRequest,
            activeConnectionsPerViewer: DEFAULT_TRAFFIC.activeConnectionsPerViewer,
            rulesPerRequest: 1,
            videoKbpsThroughLoadBalancer: 0,
        });
        expect(s.options).to.deep.equal({});
    });

    it("puts the video through the load balancer only when the stack says the stream goes there", () => {
        const off = decideReservationSettings({ streamBitrateKbps: 8000 }, { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 });
        expect(off.traffic.videoKbpsThroughLoadBalancer).to.equal(0);
        const on = decideReservationSettings({ streamThroughLoadBalancer: true }, { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 });
        expect(on.traffic.videoKbpsThroughLoadBalancer).to.equal(5000);
        const set = decideReservationSettings({ streamThroughLoadBalancer: true, streamBitrateKbps: 8000 }, { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 });
        expect(set.traffic.videoKbpsThroughLoadBalancer).to.equal(8000);
    });

    it("turns each reservation on with its own lead, the traffic model going with the load balancer's", () => {
        const s = decideReservationSettings(
            { reserveLoadBalancerCapacity: true, loadBalancerReservationLeadHours: 5, reserveInstanceCapacity: true, kilobytesPerRequest: 4.5 },
            { requestsPerViewerPerMinute: 2, rulesPerRequest: 2 },
        );
        expect(s.options.loadBalancer?.leadHours).to.equal(5);
        expect(s.options.loadBalancer?.traffic).to.deep.equal(s.traffic);
        expect(s.traffic.kilobytesPerRequest).to.equal(4.5);
        expect(s.traffic.requestsPerViewerPerMinute).to.equal(2);
        expect(s.options.instances).to.deep.equal({ leadHours: 2 });
        expect(decideReservationSettings({ reserveInstanceCapacity: true, instanceReservationLeadHours: 7 }, { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 }).options)
            .to.deep.equal({ instances: { leadHours: 7 } });
    });

    it("refuses leads and traffic figures out of range, naming the key and what is allowed", () => {
        const lead = problemsOn("kgsports:loadBalancerReservationLeadHours", { "kgsports:loadBalancerReservationLeadHours": "30" });
        expect(lead).to.have.length(1);
        expect(lead[0].message).to.contain("a whole number of hours from 1 to 24");
        expect(problemsOn("kgsports:instanceReservationLeadHours", { "kgsports:instanceReservationLeadHours": "0" })).to.have.length(1);
        const share = problemsOn("kgsports:newConnectionsPerRequest", { "kgsports:newConnectionsPerRequest": "1.5" });
        expect(share[0].message).to.contain("a number from 0 to 1");
        expect(problemsOn("kgsports:kilobytesPerRequest", { "kgsports:kilobytesPerRequest": "0" })[0].message).to.contain("above 0");
        expect(problemsOn("kgsports:activeConnectionsPerViewer", { "kgsports:activeConnectionsPerViewer": "many" })).to.have.length(1);
        expect(problemsOn("kgsports:streamBitrateKbps", { "kgsports:streamBitrateKbps": "99" })).to.have.length(1);
    });

    it("the matchday stack reserves both, 3 and 2 hours ahead, and keeps the stream off the load balancer", () => {
        const loaded = loadStackSettings({ stack: "matchday", now: TEST_NOW });
        if (!loaded.ok) throw new Error(loaded.message);
        const m = loaded.loaded.settings.reservations;
        expect(m.traffic.videoKbpsThroughLoadBalancer).to.equal(0);
        expect(m.traffic.kilobytesPerRequest).to.equal(20);
        // The matchday stack has the hybrid link: the default forward and the failover's rule.
        expect(m.traffic.rulesPerRequest).to.equal(2);
        const dev = loadStackSettings({ stack: "dev", now: TEST_NOW });
        if (!dev.ok) throw new Error(dev.message);
        expect(dev.loaded.settings.reservations.plan.schedules).to.deep.equal([]);
    });
});

describe("config: the on-premise share's bytes over one VPN tunnel", () => {
    const peaks = [{ window: "UCL final", surge: 1.5, peakViewers: 300_000 }];
    const ctx = (traffic: LoadBalancerTraffic, weights = { cloud: 90, onPremise: 10 }) => ({
        stack: "matchday",
        onPremiseShare: weights.onPremise / (weights.cloud + weights.onPremise),
        weights,
        peaks,
        traffic,
    });

    it("lets API calls through: 30 000 viewers x 333 B/s = 0.08 Gbit/s", () => {
        // 1 request a minute x 20 KB = 333.3 B/s a viewer; 10 % of 300 000 = 30 000 viewers;
        // 30 000 x 333.3 x 8 = 80 Mbit/s, far below 1.25 Gbit/s.
        expect(vpnBandwidthProblems(ctx(api()))).to.deep.equal([]);
    });

    it("refuses a share whose bytes exceed a tunnel, with the weight that fits", () => {
        // 1 MB a request: 16 666.7 B/s a viewer; the whole audience 300 000 x 16 666.7 x 8 = 40 Gbit/s,
        // 10 % of it 4 Gbit/s > 1.25. The share that fits: 1.25 / 40 = 3.125 %; next to 90,
        // w / (90 + w) <= 0.03125 gives w <= 2.90, so 2 (2/92 x 40 = 0.87 Gbit/s; 3/93 x 40 = 1.29).
        const p = vpnBandwidthProblems(ctx(api({ kilobytesPerRequest: 1000 })));
        expect(p).to.have.length(1);
        expect(p[0].key).to.equal("kgsports:onPremiseWeight");
        expect(p[0].value).to.equal("10");
        expect(p[0].message).to.contain('stack "matchday"').and.contain("4.00 Gbit/s over the VPN").and.contain('"UCL final" at x1.5')
            .and.contain("30000 of 300000 viewers").and.contain("(1.25 Gbit/s; traffic toward the data centre uses one tunnel)")
            .and.contain("allowed: a share whose bytes fit: kgsports:onPremiseWeight at most 2 with kgsports:cloudWeight = 90");
        // At the weight it names, it passes.
        expect(vpnBandwidthProblems(ctx(api({ kilobytesPerRequest: 1000 }), { cloud: 90, onPremise: 2 }))).to.deep.equal([]);
        expect(vpnBandwidthProblems(ctx(api({ kilobytesPerRequest: 1000 }), { cloud: 90, onPremise: 3 }))).to.have.length(1);
    });

    it("counts the stream when it goes through the load balancer, and says to serve it elsewhere", () => {
        // 5 000 kbit/s = 625 000 B/s + 333.3 B/s of API a viewer; 30 000 viewers x 625 333.3 x 8 = 150.08 Gbit/s.
        const p = vpnBandwidthProblems(ctx(api({ videoKbpsThroughLoadBalancer: 5000 })));
        expect(p[0].message).to.contain("150.08 Gbit/s").and.contain("the video stream included (kgsports:streamThroughLoadBalancer = true, 5000 kbit/s each)")
            .and.contain("kgsports:onPremiseWeight = 0").and.contain("or serve the stream elsewhere (kgsports:streamThroughLoadBalancer = false)");
    });

    it("the matchday stack with the stream through the load balancer is refused before anything is declared", () => {
        const loaded = loadStackSettings({ stack: "matchday", now: TEST_NOW });
        if (!loaded.ok) throw new Error(loaded.message);
        const values = { ...loaded.loaded.config.values, "kgsports:streamThroughLoadBalancer": "true" };
        const r = validateStackConfig({ project: "kgsports", stack: "matchday", values, placeholderKeys: loaded.loaded.config.placeholderKeys }, { ...projectFileReader(PROJECT_ROOT), now: TEST_NOW });
        expect(r.ok).to.equal(false);
        if (r.ok) return;
        const p = r.problems.filter((x) => x.key === "kgsports:onPremiseWeight");
        expect(p).to.have.length(1);
        expect(p[0].message).to.contain('stack "matchday"').and.contain("Gbit/s over the VPN").and.contain("kgsports:streamThroughLoadBalancer = true, 5000 kbit/s each");
    });

    it("has nothing to check without an on-premise share", () => {
        expect(vpnBandwidthProblems({ ...ctx(api({ videoKbpsThroughLoadBalancer: 5000 })), onPremiseShare: 0 })).to.deep.equal([]);
    });
});
