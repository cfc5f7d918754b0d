import { expect } from "chai";
import { CTX, KICKOFF, PRICES, smallNightRun, TRAFFIC } from "./helpers/billNight";
import { PlatformSettings } from "../stacks/config/settings";
import {
    BILL_COMPONENTS,
    bytesSensitivity,
    COMPONENT_NAMES,
    DEFAULT_BILL_ASSUMPTIONS,
    NightInput,
    nightBill,
    reservationHours,
    seasonBill,
} from "../stacks/capacity/bill";
import { DOCUMENTED_PRICES, priceTableOf } from "../stacks/capacity/priceTable";
import { capacityReport } from "../stacks/report/capacityReport";
import type { LoadBalancerReservation, InstanceReservation } from "../stacks/capacity/reservationPlan";
import { lcuDemand } from "../stacks/capacity/loadBalancerCapacity";
import { loadStackSettings } from "../stacks/plan/planStack";
import { TEST_NOW } from "./helpers/declare";

const minutes = (from: Date, n: number) => new Date(KICKOFF.getTime() + n * 60_000);

const run = smallNightRun;


const lb = (capacityUnits: number): LoadBalancerReservation => ({
    name: "lcu-test",
    fixtures: ["Test"],
    requestAt: KICKOFF,
    resetAt: minutes(KICKOFF, 120), // 2 hours
    plannedViewers: 60_000,
    demand: lcuDemand(60_000, TRAFFIC),
    capacityUnits,
});

/** 3 per zone x 3 zones = 9 reserved, from an hour before kickoff to 02:00 (+1 hour until AWS ends it). */
const ODCR: InstanceReservation = { name: "odcr-test", fixtures: ["Test"], createAt: minutes(KICKOFF, -60), endAt: minutes(KICKOFF, 120), perZone: 3, zones: 3 };

function night(lbReservations: LoadBalancerReservation[], odcr: InstanceReservation[]): NightInput {
    return { label: "Test", normalTime: run(10), extraTime: run(12), loadBalancerReservations: lbReservations, instanceReservations: odcr };
}

const close = (x: number, y: number) => expect(x).to.be.closeTo(y, 1e-9);

describe("capacity bill: a small night by hand", () => {
    it("without reservations: every component, the total and the dominant one", () => {
        const b = nightBill(night([], []), CTX);
        const u = b.normalTime.usd;
        close(u.instances, 5); // 10 instance-hours x 0.5
        close(u.instanceReservations, 0);
        close(u.lcuReservations, 0);
        close(u.warmPool, 0); // no warm pool
        close(u.loadBalancerHours, 0.05); // 2 h x 0.025
        close(u.loadBalancerLcus, 0.4); // 20 LCUs x 2 h x 0.01
        close(u.natHours, 0.3); // 3 gateways x 2 h x 0.05
        close(u.natProcessing, 0.05); // 10 instance-hours x 0.05 GB x 0.1
        close(u.dataTransferOut, 0.648); // 3.6 GB/h x 2 h = 7.2 GB x 0.9 out x 0.1
        close(u.other, 0);
        close(b.total.normalTime, 6.448); // 5 + 0.05 + 0.4 + 0.3 + 0.05 + 0.648
        close(b.total.extraTime, 7.458); // 12 instance-hours: +1.00 instances, +0.01 NAT data (2 GB x 0.05 x 0.1)
        expect(b.dominant).to.equal("instances");
        expect(b.normalTime.detail.lcuReservations).to.equal("none reserved");
        expect(b.normalTime.detail.instanceReservations).to.equal("none reserved");
    });

    it("a reservation of 100 LCUs for 2 hours bills 200 reserved LCU-hours, and the 20 consumed within it nothing more", () => {
        expect(reservationHours(lb(100))).to.equal(2);
        const u = nightBill(night([lb(100)], []), CTX).normalTime.usd;
        close(u.lcuReservations, 4); // 100 x 2 h x 0.02
        close(u.loadBalancerLcus, 0);
    });

    it("a reservation below the consumption bills the excess as ordinary LCU-hours", () => {
        const u = nightBill(night([lb(15)], []), CTX).normalTime.usd;
        close(u.lcuReservations, 0.6); // 15 x 2 h x 0.02
        close(u.loadBalancerLcus, 0.1); // (20 - 15) x 2 h x 0.01
    });

    it("a reservation's hours round up: 2 h 1 min bills 3 hours", () => {
        expect(reservationHours({ requestAt: KICKOFF, resetAt: minutes(KICKOFF, 121) })).to.equal(3);
        expect(reservationHours({ requestAt: KICKOFF, resetAt: KICKOFF })).to.equal(0);
    });

    it("unused reserved instances: the baseline before and after the simulation, the simulation's in between, an hour past the end date", () => {
        const b = nightBill(night([lb(100)], [ODCR]), CTX);
        // 23:00-00:00: 9 - 2 (baseline) = 7 x 60 = 420; 00:00-02:00: 9 - 5 = 4 x 120 = 480;
        // 02:00-03:00 (the hour AWS may take to end it): 7 x 60 = 420; 1 320 min = 22 h x 0.5
        close(b.normalTime.usd.instanceReservations, 11);
        close(b.total.normalTime, 21.048); // 5 + 11 + 4 + 0.05 + 0 + 0.3 + 0.05 + 0.648
        expect(b.dominant).to.equal("instanceReservations");
    });

    it("bytes per viewer halved and doubled move data transfer out (and the LCUs only where bytes dominate)", () => {
        const season = { from: KICKOFF, to: minutes(KICKOFF, 24 * 60), days: 1, months: 1 / 30.44 };
        const s = bytesSensitivity([night([], [])], season, { instances: 0, hours: 0 }, CTX);
        close(s.half.nights[0].normalTime, 6.124); // 6.448 - 0.324 (3.6 GB out x 0.1 less); LCUs stay 20 (connections)
        close(s.double.nights[0].normalTime, 7.096); // 6.448 + 0.648; 7.2 GB/h is still below 20 LCUs
    });

    it("the season: instances with the baseline, the load balancer and NAT all season, the nights' LCUs and bytes, and the other line", () => {
        const season = { from: KICKOFF, to: KICKOFF, days: 30.44, months: 1 }; // 730.56 hours
        const b = seasonBill([night([], [])], season, { instances: 2, hours: 10 }, CTX);
        const u = b.normalTime.usd;
        close(u.instances, 15); // 5 + 2 x 10 h x 0.5
        close(u.loadBalancerHours, 18.264); // 730.56 x 0.025
        close(u.loadBalancerLcus, 0.4);
        close(u.natHours, 109.584); // 3 x 730.56 x 0.05
        close(u.natProcessing, 0.15); // (10 + 20) instance-hours x 0.05 GB x 0.1
        close(u.dataTransferOut, 0.648);
        close(u.warmPool, 0);
        close(b.other.alarms, 3); // 30 x 1 month x 0.1
        close(b.other.logsNormalTime, 0.15); // 30 instance-hours x 0.01 GB x 0.5
        close(b.other.vpn, 36.528); // 1 x 730.56 x 0.05
        close(b.other.snapshots, 5); // 100 GB x 1 month x 0.05
        close(u.other, 44.678);
        close(b.total.normalTime, 188.724); // 15 + 18.264 + 0.4 + 109.584 + 0.15 + 0.648 + 44.678
        expect(b.dominant).to.equal("natHours");
    });
});

describe("capacity bill: the price table", () => {
    const table = priceTableOf({ instanceHourUsd: 0.08925, instanceHourSource: "kgsports:instanceHourlyPriceUsd", volumeGiBMonthUsd: 0.08, volumeSource: "kgsports:volumeGiBMonthPriceUsd", statedSource: "STAND-IN: us-east-1, read 2026-11-26" }, "c7i.large");

    it("has one row per price the bill reads, each with a source, a region, a date and a number", () => {
        expect(table.map((r) => r.id).sort()).to.deep.equal(Object.keys(PRICES).sort());
        for (const r of table) {
            expect(r.source, r.id).to.match(/\S{5}/);
            expect(r.region, r.id).to.match(/\S/);
            expect(r.read, r.id).to.match(/^\d{4}-\d{2}-\d{2}$/);
            expect(Number.isFinite(r.usd) && r.usd > 0, r.id).to.equal(true);
        }
    });

    it("flags stand-ins: every documented row not confirmed for Seoul says why, and a config price stated as a stand-in is one", () => {
        for (const r of DOCUMENTED_PRICES) if (r.standIn) expect(r.note.length, r.id).to.be.greaterThan(20);
        expect(DOCUMENTED_PRICES.filter((r) => r.standIn && r.region === "ap-northeast-2").map((r) => r.id)).to.deep.equal(["dataTransferOutGB"]);
        expect(table.find((r) => r.id === "instanceHour")!.standIn).to.equal(true);
        expect(table.find((r) => r.id === "instanceHour")!.read).to.equal("2026-11-26");
    });
});

describe("capacity bill: in the report", () => {
    function matchday(): PlatformSettings {
        const loaded = loadStackSettings({ stack: "matchday", now: TEST_NOW });
        if (!loaded.ok) throw new Error(loaded.message);
        return loaded.loaded.settings;
    }

    it("prints each night and the season by component, the dominant one, the sensitivity, and the price table once with stand-ins marked", () => {
        const report = capacityReport(matchday());
        const text = report.text;
        const section = text.slice(text.indexOf("Bill by component"));
        for (const c of BILL_COMPONENTS) expect(section, c).to.include(`    ${COMPONENT_NAMES[c]}: USD `);
        expect(section).to.match(/\n {2}season: USD [\d,.]+ \(normal time\) to USD [\d,.]+ \(extra time\); dominant: /);
        expect(section).to.match(/bytes per viewer half: USD [\d,.]+ \(normal time\) to USD [\d,.]+ \(extra time\); double: USD /);
        expect(section).to.not.include("none reserved");
        // The matchday settings reserve under every window now (the reservation plan), so each
        // night's reservation lines count what they bill rather than "none reserved".
        expect(section).to.match(/\n {4}load balancer reserved LCUs: USD [\d.]+ \([\d.]+ %\); \d+ LCUs x \d+ h\n/);
        expect(section).to.match(/\n {4}instance reservations \(unused\): USD [\d.]+ to USD [\d.]+ \([\d.]+ %\); [\d.]+ reserved instance-hours not in service\n/);
        expect(text.split("\n").filter((l) => l.startsWith("Prices of the bill"))).to.have.length(1);
        expect(text).to.include("per LCU-hour (stand-in)");
        expect(report.bill!.nights).to.have.length(report.season!.nights.length);
        // The bill's instances of a night are the season's night cost (the same instance-hours x price).
        close(report.bill!.nights[0].normalTime.usd.instances, report.season!.nights[0].usd.normalTime);
        expect(DEFAULT_BILL_ASSUMPTIONS.outboundShare).to.equal(0.9);
    });

    it("bills a reservation given in the settings with the window that shares its fixture", () => {
        const s = matchday();
        const w = s.matchday.schedule.windows[0];
        const reservation: LoadBalancerReservation = {
            name: "lcu-first",
            fixtures: [w.fixtures[0]],
            requestAt: new Date(w.preWarmAt.getTime() - 3 * 3_600_000),
            resetAt: w.releaseAt,
            plannedViewers: 1,
            demand: lcuDemand(1, s.reservations.traffic),
            capacityUnits: 100,
        };
        const withReservation = { ...s, reservations: { ...s.reservations, plan: { loadBalancer: [reservation], instances: [], schedules: [], notes: [] } } };
        const bill = capacityReport(withReservation).bill!;
        const hours = reservationHours(reservation);
        close(bill.nights[0].normalTime.usd.lcuReservations, 100 * hours * DOCUMENTED_PRICES.find((r) => r.id === "reservedLcuHour")!.usd);
        close(bill.nights[1].normalTime.usd.lcuReservations, 0);
    });
});
