/**
 * What the mutation run of the reservations module (stryker.config.mjs, MUTATION_MODULE=
 * reservations) found unpinned: the reasons sent to AWS and the notes in full, the
 * boundaries of the stem cut, the ClientToken's parts, the late catch-up landing on the
 * pre-warm, a window inside a span, the key table against Pulumi.yaml, what each key's
 * refusal says is allowed, and the VPN check's edges. Every figure is worked by hand.
 *
 * The plan is the matchday stack's sizing (test/helpers/capacityPlan.ts): pre-warm 70
 * minutes before kickoff, release at kickoff + 195 minutes, 2 000 viewers per instance,
 * 20 % headroom, 3 zones. BOTH reserves the load balancer 2 h before the pre-warm and
 * instances 3 h before.
 */
import * as fs from "fs";
import * as path from "path";
import { expect } from "chai";
import { parse } from "yaml";
import { stableHash } from "../stacks/capacity/actionNames";
import { lcuDemand, LoadBalancerTraffic } from "../stacks/capacity/loadBalancerCapacity";
import { askedPeaks } from "../stacks/capacity/onPremise";
import { odcrClientToken, planReservations, reservationStem } from "../stacks/capacity/reservationPlan";
import { MatchWindow, planCapacitySchedule } from "../stacks/capacity/schedule";
import { decideReservationSettings, RESERVATION_KEYS, vpnBandwidthProblems } from "../stacks/config/reservations";
import { validateStackConfig, ValidationDeps } from "../stacks/config/validate";
import { matchdayPlan } from "./helpers/capacityPlan";
import { BOTH, fixture, HAND_TRAFFIC, reservationsAt } from "./helpers/reservations";
import { fixturesStackConfig } from "./helpers/stackConfigs";

const LONG_BEFORE = new Date("2027-01-01T00:00:00Z");
const SMALL = fixture("Small night", "2027-05-04T19:00:00Z", 40_000);
const lcuOnly = { loadBalancer: BOTH.loadBalancer };
/** A schedule's name without its `-<planned time>-<hash>` suffix (scheduleSuffix): what the call is for. */
const base = (name: string) => name.replace(/-\d{12}-[0-9a-f]{6}$/, "");

describe("reservation mutants: the reasons sent to AWS and the notes, in full", () => {
    // The small night: kickoff 19:00Z, pre-warm 17:50, release 22:15. LCU request 15:50 (2 h before the
    // pre-warm), 40 000 viewers: 48 GB/h, x 1.2 = 57.6, N+1 over 3 zones x 3 / 2 = 86.4 -> 87 LCU. Floor: 40 000 x 1.2 / 2 000 = 24,
    // N+1 over 3 zones 24 x 3 / 2 = 36; a zone 36 / 3 = 12. Instances created 14:50 (3 h before).
    const plan = matchdayPlan([SMALL]);
    const reasons = (now: Date) => Object.fromEntries(reservationsAt(plan, now).schedules.map((s) => [base(s.name), s.reason]));

    it("long before: the request, the reset and each zone's create say what, for whom, when", () => {
        expect(reasons(LONG_BEFORE)).to.deep.equal({
            "lcu-request-small-night":
                'reserve 87 LCU for "Small night" (40000 planned viewers, processedGBPerHour dominant, 20 % headroom, N+1 zones) 2 h before the pre-warm at 2027-05-04 17:50Z, until the reset at 2027-05-04 22:15Z',
            "lcu-reset-small-night": 'reset the LCU reservation of "Small night" after the release at 2027-05-04 22:15Z (a decrease: AWS allows 2 a day)',
            "odcr-small-night-z0": 'reserve 12 instances in zone 0 for "Small night" (window floor 36 over 3 zones) until 2027-05-04 22:15Z',
            "odcr-small-night-z1": 'reserve 12 instances in zone 1 for "Small night" (window floor 36 over 3 zones) until 2027-05-04 22:15Z',
            "odcr-small-night-z2": 'reserve 12 instances in zone 2 for "Small night" (window floor 36 over 3 zones) until 2027-05-04 22:15Z',
        });
    });

    it("a late deploy (16:00:30, catch-up 16:06): the reasons and both notes", () => {
        const r = reservationsAt(plan, new Date("2027-05-04T16:00:30Z"));
        const byName = Object.fromEntries(r.schedules.map((s) => [base(s.name), s.reason]));
        expect(byName["lcu-request-small-night"]).to.equal(
            'catch-up: reserve 87 LCU for "Small night" (40000 planned viewers, processedGBPerHour dominant, 20 % headroom, N+1 zones) 2 h before the pre-warm at 2027-05-04 17:50Z, until the reset at 2027-05-04 22:15Z; ' +
            "the planned request at 2027-05-04 15:50Z was too close to or before the deploy",
        );
        expect(byName["odcr-small-night-z1"]).to.equal(
            'catch-up (planned at 2027-05-04 14:50Z, too close to or before the deploy): reserve 12 instances in zone 1 for "Small night" (window floor 36 over 3 zones) until 2027-05-04 22:15Z',
        );
        // 16:06 is 104 minutes before the 17:50 pre-warm; the deploy's own time shows to the minute (16:00).
        expect(r.notes).to.deep.equal([
            "late LCU request lcu-small-night: planned at 2027-05-04 15:50Z, before this deploy (2027-05-04 16:00Z); a schedule that does not exist yet is created for 2027-05-04 16:06Z, " +
            "104 minutes before the pre-warm at 2027-05-04 17:50Z instead of 2 h: AWS may take hours to provision. " +
            "One that exists keeps its time and is not called again. It asks for the same 87 LCU (if a standing reservation had more units, this request is a decrease and counts against the 2 a day)",
            "late instance reservation odcr-small-night: planned at 2027-05-04 14:50Z, before this deploy (2027-05-04 16:00Z); a schedule that does not exist yet is created for 2027-05-04 16:06Z, " +
            "104 minutes before the pre-warm at 2027-05-04 17:50Z instead of 3 h; one that exists keeps its time and is not called again. " +
            "Same ClientToken as planned, so a create that already ran makes nothing new; a reservation whose count, times or type this config changed is another one " +
            "(AWS keeps one created before until its end date: cancel it with aws ec2 cancel-capacity-reservation)",
        ]);
    });

    it("too late for a catch-up (21:11, catch-up 21:16, 59 minutes before the end): both notes in full, and neither call declared", () => {
        const r = reservationsAt(plan, new Date("2027-05-04T21:11:00Z"));
        expect(r.notes).to.deep.equal([
            "LCU request lcu-small-night planned at 2027-05-04 15:50Z is past and its reset at 2027-05-04 22:15Z is less than 4 h after a catch-up: " +
            "not requested now (AWS may take hours to provision, and a request still pending at the reset makes the reset fail)",
            "instance reservation odcr-small-night planned at 2027-05-04 14:50Z is past and its end at 2027-05-04 22:15Z is less than 60 minutes after a catch-up: not created now",
        ]);
        expect(r.schedules.map((x) => base(x.name))).to.deep.equal(["lcu-reset-small-night"]);
    });

    it("a catch-up landing on the pre-warm itself is 0 minutes before it", () => {
        // 17:45:00 is a whole minute: catch-up 17:45 + 5 = 17:50, the pre-warm; the reset at 22:15 is 265 minutes later (>= 4 h).
        const r = reservationsAt(plan, new Date("2027-05-04T17:45:00Z"), lcuOnly);
        expect(r.notes).to.have.length(1);
        expect(r.notes[0]).to.contain("is created for 2027-05-04 17:50Z, 0 minutes before the pre-warm at 2027-05-04 17:50Z");
    });

    it("three windows in one reservation: the names listed A, B and C, each window's own size, both merges", () => {
        // Kickoffs 06:00, 10:30, 15:00: capacity windows 04:50-09:15, 09:20-13:45, 13:50-18:15 (apart).
        // LCU spans (2 h before the pre-warm): 02:50-09:15, 07:20-13:45, 11:50-18:15: each starts before the last ends.
        // Alone, N+1 over 3 zones (x 3 / 2): A 40 000 -> 87 (above); B 10 000 -> 12 GB/h x 1.2 x 1.5 = 21.6 -> 22;
        // C 100 000 -> 120 GB/h x 1.2 x 1.5 = 216.
        // Instance spans (3 h before): 01:50-09:15, 06:20-13:45, 10:50-18:15: one too. Floors: A 36 (12 a zone);
        // B 10 000 x 1.2 / 2 000 = 6, N+1 9, 3 a zone; C 100 000 x 1.2 / 2 000 = 60, N+1 90, 30 a zone.
        const day = matchdayPlan([
            fixture("A", "2027-06-01T06:00:00Z", 40_000),
            fixture("B", "2027-06-01T10:30:00Z", 10_000),
            fixture("C", "2027-06-01T15:00:00Z", 100_000),
        ]);
        expect(planCapacitySchedule(day, LONG_BEFORE).windows.map((w) => w.fixtures)).to.deep.equal([["A"], ["B"], ["C"]]);
        const r = reservationsAt(day, LONG_BEFORE);
        expect(r.notes).to.deep.equal([
            'one LCU reservation lcu-a for "A", "B" and "C": held from 2027-06-01 02:50Z to 2027-06-01 18:15Z at 216 LCU ("A" alone 87, "B" alone 22, "C" alone 216); ' +
            '"B" joins "A"\'s reservation: their spans (request 2 h before the pre-warm to the release) overlap or touch; ' +
            '"C" joins "A"\'s reservation: their spans (request 2 h before the pre-warm to the release) overlap or touch',
            'one instance reservation odcr-a for "A", "B" and "C": 30 per zone from 2027-06-01 01:50Z to 2027-06-01 18:15Z ("A" alone 12, "B" alone 3, "C" alone 30); ' +
            '"B" joins "A"\'s instance reservations: their spans (create 3 h before the pre-warm to the release) overlap or touch, and a reservation once created is never changed; ' +
            '"C" joins "A"\'s instance reservations: their spans (create 3 h before the pre-warm to the release) overlap or touch, and a reservation once created is never changed',
        ]);
        // The reason names the largest floor of the three: 90.
        const z0 = r.schedules.find((s) => base(s.name) === "odcr-a-z0")!;
        expect(z0.reason).to.equal('reserve 30 instances in zone 0 for "A", "B" and "C" (window floor 90 over 3 zones) until 2027-06-01 18:15Z');
    });

    it("the third reset within 24 h: the merge note in full", () => {
        // Kickoffs 06:00, 13:00, 20:00: resets 09:15, 16:15, 23:15; the evening joins the afternoon.
        const r = reservationsAt(
            matchdayPlan([fixture("Morning", "2027-06-01T06:00:00Z", 40_000), fixture("Afternoon", "2027-06-01T13:00:00Z", 40_000), fixture("Evening", "2027-06-01T20:00:00Z", 40_000)]),
            LONG_BEFORE,
            lcuOnly,
        );
        // Afternoon alone: 09:50 to 16:15; with the evening: to 23:15, at 87 LCU (each 40 000 viewers).
        expect(r.notes).to.deep.equal([
            'one LCU reservation lcu-afternoon for "Afternoon" and "Evening": held from 2027-06-01 09:50Z to 2027-06-01 23:15Z at 87 LCU ("Afternoon" alone 87, "Evening" alone 87); ' +
            '"Evening" joins "Afternoon"\'s reservation: resets at 2027-06-01 09:15Z, 2027-06-01 16:15Z and 2027-06-01 23:15Z would be 3 decreases within 24 h (AWS allows 2 a day), ' +
            "so the reservation is held through to the later reset",
        ]);
    });
});

describe("reservation mutants: windows and audiences", () => {
    it("two fixtures sharing a capacity window: their window's planned audience is the one askedPeaks names it by (\"D + E\")", () => {
        // 19:00Z and 19:30Z: one capacity window for both. Its audience is at least one match's 40 000
        // and at most both at their peaks, 80 000.
        const plan = matchdayPlan([fixture("D", "2027-05-04T19:00:00Z", 40_000), fixture("E", "2027-05-04T19:30:00Z", 40_000)]);
        const windows = planCapacitySchedule(plan, LONG_BEFORE).windows;
        expect(windows.map((w) => w.fixtures)).to.deep.equal([["D", "E"]]);
        const peaks = askedPeaks(plan, windows);
        expect(peaks.map((p) => p.window)).to.deep.equal(["D + E"]);
        const lb = reservationsAt(plan, LONG_BEFORE, lcuOnly).loadBalancer[0];
        expect(lb.plannedViewers).to.equal(peaks[0].peakViewers);
        expect(lb.plannedViewers).to.be.within(40_000, 80_000);
    });

    it("a merged note names a two-fixture window by both fixtures", () => {
        // D + E: 19:00 and 19:30, window to 19:30 + 195 min = 22:45. F at 00:30 the next day: pre-warm 23:20, a window
        // apart; its LCU request at 00:30 - 190 min = 21:20 is before 22:45: it joins D + E's reservation.
        const plan = matchdayPlan([fixture("D", "2027-05-04T19:00:00Z", 40_000), fixture("E", "2027-05-04T19:30:00Z", 40_000), fixture("F", "2027-05-05T00:30:00Z", 40_000)]);
        expect(planCapacitySchedule(plan, LONG_BEFORE).windows.map((w) => w.fixtures)).to.deep.equal([["D", "E"], ["F"]]);
        const r = reservationsAt(plan, LONG_BEFORE, lcuOnly);
        expect(r.notes).to.have.length(1);
        expect(r.notes[0]).to.match(/\("D \+ E" alone \d+, "F" alone 87\)/);
    });

    it("a window inside a span does not shorten it: the reset stays at the longer window's release", () => {
        // The plan's one window: 17:50 to 22:15. A window of the schedule at `now` for a fixture the
        // reference plan lacks, 18:00 to 20:00, falls inside it: the span keeps its 22:15 end.
        const plan = matchdayPlan([SMALL]);
        const schedule = planCapacitySchedule(plan, LONG_BEFORE);
        const inner = { ...schedule.windows[0], fixtures: ["Inner"], preWarmAt: new Date("2027-05-04T18:00:00Z"), releaseAt: new Date("2027-05-04T20:00:00Z") } as MatchWindow;
        const r = planReservations({ plan, schedule: { ...schedule, windows: [...schedule.windows, inner] }, options: BOTH, now: LONG_BEFORE, displayTimeZone: "UTC", stack: "matchday" });
        expect(r.loadBalancer.map((x) => [x.fixtures, x.resetAt.toISOString()])).to.deep.equal([[["Small night", "Inner"], "2027-05-04T22:15:00.000Z"]]);
        expect(r.instances.map((x) => [x.fixtures, x.endAt.toISOString()])).to.deep.equal([[["Small night", "Inner"], "2027-05-04T22:15:00.000Z"]]);
    });
});

describe("reservation mutants: names and tokens", () => {
    it("a stem of exactly 32 characters is kept whole: lcu-request-<stem>-<time>-<hash> is 64", () => {
        // Room for a stem: 64 - "lcu-request-".length (12) - "-202705291450-abcdef".length (20) = 32.
        const name = "a".repeat(32);
        expect(reservationStem(name)).to.equal(name);
        // 33 is cut: 32 - 9 ("-" + 8 hex) = 23 a's, then the hash.
        expect(reservationStem("a".repeat(33))).to.equal(`${"a".repeat(23)}-${stableHash("a".repeat(33))}`);
    });

    it("a cut that ends on a dash drops it before the hash", () => {
        // 22 a's, a space, 20 b's: stem "a" x 22 + "-" + "b" x 20 (43 > 32). The cut keeps 32 - 9 = 23 characters,
        // "a" x 22 + "-"; the dash goes, then "-" + the hash: 22 + 9 = 31 characters.
        const name = `${"a".repeat(22)} ${"b".repeat(20)}`;
        expect(reservationStem(name)).to.equal(`${"a".repeat(22)}-${stableHash(name)}`);
    });

    it("the ClientToken is the schedule's name, then the hashes of stack/name/time and of the same with a 2", () => {
        const at = new Date("2027-05-04T14:50:00Z");
        const key = "matchday\nodcr-small-night-z0\n2027-05-04T14:50:00.000Z";
        expect(odcrClientToken("matchday", "odcr-small-night-z0", at)).to.equal(`odcr-small-night-z0-${stableHash(key)}${stableHash(`${key}\n2`)}`);
    });
});

describe("reservation mutants: the LCU dimensions", () => {
    it("a tie keeps the first dimension that reached the largest: new connections before active connections", () => {
        // 3 000 viewers, 1 request a minute, each new: 50 per second / 25 = 2 LCU; 2 connections each:
        // 6 000 / 3 000 = 2 LCU; bytes 1 KB a request: 3 000 x 16.7 B/s x 3 600 = 0.18 GB/h. A tie at 2.
        const t: LoadBalancerTraffic = { ...HAND_TRAFFIC, kilobytesPerRequest: 1, activeConnectionsPerViewer: 2 };
        const d = lcuDemand(3_000, t);
        expect(d.newConnectionsPerSecond.lcus).to.equal(2);
        expect(d.activeConnections.lcus).to.equal(2);
        expect(d.dominant).to.equal("newConnectionsPerSecond");
        expect(d.lcus).to.equal(2);
    });
});

describe("reservation mutants: the config keys", () => {
    const project = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8"));

    it("each key's type, description and default are Pulumi.yaml's (the schema the CLI reads)", () => {
        for (const [name, def] of Object.entries(RESERVATION_KEYS)) {
            const schema = project.config[name];
            expect(schema, name).to.not.equal(undefined);
            expect(def.type, name).to.equal(schema.type);
            expect(def.description, name).to.equal(schema.description);
            expect(def.default, name).to.deep.equal(schema.default);
        }
    });

    it("a refused value names what is allowed for every key", () => {
        const files: Record<string, string> = { "stacks/userdata/web.sh": "#!/bin/bash\necho {{appPort}} {{healthCheckPath}}\n" };
        const deps: ValidationDeps = { readProjectFile: (p) => files[p], now: new Date("2027-03-01T00:00:00Z") };
        const final = { name: "UCL final", kickoff: "2027-05-29T21:00:00+02:00", expectedPeakViewers: 150_000 };
        const refusal = (key: string, value: string) => {
            const r = validateStackConfig({ project: "kgsports", stack: "matchday", values: fixturesStackConfig([final], { [`kgsports:${key}`]: value }) }, deps);
            const p = r.ok ? [] : r.problems.filter((x) => x.key === `kgsports:${key}`);
            expect(p, `${key} = ${value}`).to.have.length(1);
            return p[0].message;
        };
        expect(refusal("reserveLoadBalancerCapacity", "yes")).to.contain("allowed: true or false");
        expect(refusal("reserveInstanceCapacity", "yes")).to.contain("allowed: true or false");
        expect(refusal("streamThroughLoadBalancer", "yes")).to.contain("allowed: true or false");
        expect(refusal("loadBalancerReservationLeadHours", "25")).to.contain("allowed: a whole number of hours from 1 to 24");
        expect(refusal("instanceReservationLeadHours", "0")).to.contain("allowed: a whole number of hours from 1 to 24");
        expect(refusal("kilobytesPerRequest", "10001")).to.contain("allowed: a number above 0 and at most 10000, e.g. 20 or 4.5, or empty for 20");
        expect(refusal("newConnectionsPerRequest", "-0.1")).to.contain("allowed: a number from 0 to 1, e.g. 0.25, or empty for 1");
        // 0 connections a viewer is refused: the figure must be above 0.
        expect(refusal("activeConnectionsPerViewer", "0")).to.contain("allowed: a number above 0 and at most 100, e.g. 1 or 2, or empty for 1");
        expect(refusal("streamBitrateKbps", "50001")).to.contain("allowed: a whole number of kbit/s from 100 to 50000");
    });
});

describe("reservation mutants: the VPN check's edges", () => {
    const traffic = (over: Partial<LoadBalancerTraffic>): LoadBalancerTraffic => ({ ...HAND_TRAFFIC, ...over });

    it("no peak at all: nothing to check, whatever the share", () => {
        expect(vpnBandwidthProblems({ stack: "matchday", onPremiseShare: 0.5, weights: { cloud: 1, onPremise: 1 }, peaks: [], traffic: traffic({}) })).to.deep.equal([]);
    });

    it("exactly one tunnel's 1.25 Gbit/s fits", () => {
        // 60 KB a request, 1 a minute: 1 000 B/s a viewer. Half of 312 500 viewers: 156 250 x 1 000 x 8 = 1.25 x 10^9 bit/s.
        const peaks = [{ window: "Big", surge: 1, peakViewers: 312_500 }];
        expect(vpnBandwidthProblems({ stack: "matchday", onPremiseShare: 0.5, weights: { cloud: 1, onPremise: 1 }, peaks, traffic: traffic({ kilobytesPerRequest: 60 }) })).to.deep.equal([]);
    });

    it("the busiest of several scenarios is the one checked, and the message in full", () => {
        // 60 requests a minute of 10 KB: 10 000 B/s a viewer. The busiest, 500 000 viewers: 500 000 x 10 000 x 8 = 40 Gbit/s for
        // the whole audience. Weights 31 and 2: share 2/33 = 6.06 %, 2.42 Gbit/s > 1.25. Fitting share 1.25 / 40 = 0.03125:
        // w <= 0.03125 x 31 / 0.96875 = 1 exactly (1/32 of 40 = 1.25, which fits), so at most 1.
        // Its on-premise viewers: 500 000 x 2 / 33 = 30 303.03 -> 30303.
        const peaks = [
            { window: "Small", surge: 1, peakViewers: 100_000 },
            { window: "Final", surge: 1.5, peakViewers: 500_000 },
            { window: "Middle", surge: 1.2, peakViewers: 200_000 },
        ];
        const p = vpnBandwidthProblems({ stack: "matchday", onPremiseShare: 2 / 33, weights: { cloud: 31, onPremise: 2 }, peaks, traffic: traffic({ requestsPerViewerPerMinute: 60, kilobytesPerRequest: 10 }) });
        expect(p).to.deep.equal([{
            key: "kgsports:onPremiseWeight",
            value: "2",
            message:
                'the on-premise share of stack "matchday" (6.1 % of requests) would send 2.42 Gbit/s over the VPN at the busiest minute of "Final" at x1.5 (30303 of 500000 viewers), ' +
                "more than one tunnel carries (1.25 Gbit/s; traffic toward the data centre uses one tunnel); " +
                "allowed: a share whose bytes fit: kgsports:onPremiseWeight at most 1 with kgsports:cloudWeight = 31",
        }]);
    });

    it("two scenarios of the same audience: the first is named", () => {
        const peaks = [{ window: "First", surge: 1, peakViewers: 500_000 }, { window: "Second", surge: 1, peakViewers: 500_000 }];
        const p = vpnBandwidthProblems({ stack: "matchday", onPremiseShare: 2 / 33, weights: { cloud: 31, onPremise: 2 }, peaks, traffic: traffic({ requestsPerViewerPerMinute: 60, kilobytesPerRequest: 10 }) });
        expect(p[0].message).to.contain('"First"');
    });
});

describe("reservation mutants: what the second mutation run left (issue 21, after review)", () => {
    it("new connections are requests per second times the share that opens one (not divided), with requests per viewer above 1", () => {
        // 6 000 viewers x 2 requests a minute / 60 = 200 requests a second; half open a connection: 100 a second,
        // 100 / 25 = 4 LCU. (With 1 request a minute and every request a new connection, x and / agree.)
        const d = lcuDemand(6_000, { ...HAND_TRAFFIC, requestsPerViewerPerMinute: 2, newConnectionsPerRequest: 0.5 });
        expect(d.newConnectionsPerSecond.load).to.be.closeTo(100, 1e-9);
        expect(d.newConnectionsPerSecond.lcus).to.be.closeTo(4, 1e-9);
        // Bytes: 6 000 x (2 / 60 x 20 000 B) x 3 600 / 1e9 = 14.4 GB an hour: 14.4 LCU, the dominant one.
        expect(d.processedGBPerHour.lcus).to.be.closeTo(14.4, 1e-9);
        expect(d.dominant).to.equal("processedGBPerHour");
    });

    it("the instance type goes with the instance reservations' options, so a new type is a new reservation", () => {
        const ctx = { requestsPerViewerPerMinute: 1, rulesPerRequest: 1 };
        expect(decideReservationSettings({ reserveInstanceCapacity: true }, { ...ctx, instanceType: "c7i.large" }).options.instances).to.deep.equal({ leadHours: 2, instanceType: "c7i.large" });
        expect(decideReservationSettings({ reserveInstanceCapacity: true }, ctx).options.instances).to.deep.equal({ leadHours: 2 });
    });

    it("an on-premise share without any asked peak has nothing to check (and does not fail on the empty list)", () => {
        expect(vpnBandwidthProblems({ stack: "matchday", onPremiseShare: 0.1, weights: { cloud: 90, onPremise: 10 }, peaks: [], traffic: HAND_TRAFFIC })).to.deep.equal([]);
    });
});
