/**
 * The bill's mutants that test/capacity.bill.test.ts let survive (MUTATION_MODULE=bill):
 * each case below kills at least one. The small night is the one of capacity.bill.test.ts
 * (120 simulated minutes from 00:00Z, 60 000 viewers, 5 in service; 20 LCUs an hour from
 * active connections; 3.6 GB an hour through the load balancer); every figure by hand.
 */
import { expect } from "chai";
import { CTX, KICKOFF, PRICES, smallNightRun, TRAFFIC } from "./helpers/billNight";
import {
    COMPONENT_NAMES,
    consumedLcuHours,
    NightInput,
    nightBill,
    processedGB,
    reservationHours,
    scaleBytes,
    seasonBill,
    unusedReservedInstanceHours,
} from "../stacks/capacity/bill";
import { billPricesOf, BillPrices, DOCUMENTED_PRICES, priceTableOf, PriceRow } from "../stacks/capacity/priceTable";
import type { InstanceReservation, LoadBalancerReservation } from "../stacks/capacity/reservationPlan";
import { lcuDemand } from "../stacks/capacity/loadBalancerCapacity";

const at = (minutes: number) => new Date(KICKOFF.getTime() + minutes * 60_000);

const run = smallNightRun;


const lb = (capacityUnits: number, from = 0, to = 120): LoadBalancerReservation => ({
    name: `lcu-${capacityUnits}`,
    fixtures: ["Test"],
    requestAt: at(from),
    resetAt: at(to),
    plannedViewers: 60_000,
    demand: lcuDemand(60_000, TRAFFIC),
    capacityUnits,
});

const odcr = (createMin: number, endMin: number, perZone = 3, zones = 3): InstanceReservation => ({ name: "odcr", fixtures: ["Test"], createAt: at(createMin), endAt: at(endMin), perZone, zones });

function night(lbs: LoadBalancerReservation[], odcrs: InstanceReservation[], normalHours = 10, extraHours = 12): NightInput {
    return { label: "Test", normalTime: run(normalHours), extraTime: run(extraHours), loadBalancerReservations: lbs, instanceReservations: odcrs };
}

const close = (x: number, y: number) => expect(x).to.be.closeTo(y, 1e-9);

describe("capacity bill (mutants): the counting rules at their edges", () => {
    it("a reservation reset before its request bills 0 hours, not a negative count", () => {
        // -60 min / 60 = -1 h; ceil(-1 - 1e-9) = -1; max(0, -1) = 0.
        expect(reservationHours({ requestAt: at(60), resetAt: at(0) })).to.equal(0);
        // Exactly 2 h bills 2, not 3 (the 1e-9 absorbs float noise, it does not add an hour).
        expect(reservationHours({ requestAt: at(0), resetAt: at(120) })).to.equal(2);
        // 1 ms over 1 h bills 2.
        expect(reservationHours({ requestAt: KICKOFF, resetAt: new Date(KICKOFF.getTime() + 3_600_001) })).to.equal(2);
    });

    it("a reservation covers a clock hour when it overlaps it, not when it only touches it", () => {
        // Hour 00:00-01:00 and 01:00-02:00, 20 LCUs each (40 LCU-hours).
        // Reserved 01:00-02:00 only (starts exactly at the end of the first hour): the first hour
        // bills 20 beyond, the second 0: 20.
        const second = consumedLcuHours(run(10), TRAFFIC, [lb(100, 60, 120)]);
        close(second.lcuHours, 40);
        close(second.beyondReservation, 20);
        // Reserved 23:00-00:00 (ends exactly at the start of the first hour): covers neither: 40.
        close(consumedLcuHours(run(10), TRAFFIC, [lb(100, -60, 0)]).beyondReservation, 40);
        // Reserved 00:30-01:30 (1 h billed): overlaps both clock hours: 0.
        close(consumedLcuHours(run(10), TRAFFIC, [lb(100, 30, 90)]).beyondReservation, 0);
        // Two reservations of 8 and 7 over both hours add up to 15: (20 - 15) x 2 = 10.
        close(consumedLcuHours(run(10), TRAFFIC, [lb(8), lb(7)]).beyondReservation, 10);
    });

    it("unused reserved instances: from the first whole minute at or after createAt, to an hour past endAt", () => {
        // 9 reserved (3 x 3), created 00:00:30 (counted from 00:01), ending 00:00 + 120 min:
        // minutes 1..179 (to = 120 + 60 = 180, exclusive). Simulated 1..119 at 5 in service:
        // 119 x 4 = 476; 120..179 at the baseline 2: 60 x 7 = 420; 896 min / 60.
        const createAt = new Date(KICKOFF.getTime() + 30_000);
        const r: InstanceReservation = { name: "odcr", fixtures: ["Test"], createAt, endAt: at(120), perZone: 3, zones: 3 };
        close(unusedReservedInstanceHours(run(10), [r], 2), 896 / 60);
        // A reservation below the fleet counts nothing unused (never negative): 4 < 5 in service
        // over the simulated minutes 0..119: 0; then 120..179 at baseline 2: 60 x (4 - 2) = 120 min = 2 h.
        close(unusedReservedInstanceHours(run(10), [odcr(0, 120, 4, 1)], 2), 2);
        // Ending at 00:00:30 rounds up to 00:01: minutes 0..60 inclusive, 61 minutes at 9 - 5 = 4: 244 / 60.
        const endAt = new Date(KICKOFF.getTime() + 30_000);
        close(unusedReservedInstanceHours(run(10), [{ ...odcr(0, 0), endAt }], 2), 244 / 60);
    });

    it("bytes through the load balancer: each simulated minute's GB an hour / 60", () => {
        // 3.6 GB an hour x 120 minutes / 60 = 7.2 GB.
        close(processedGB(run(10), TRAFFIC), 7.2);
    });

    it("scales the video through the load balancer with the bytes, and keeps the rest", () => {
        const t = scaleBytes({ ...TRAFFIC, kilobytesPerRequest: 20, videoKbpsThroughLoadBalancer: 3000 }, 0.5);
        expect(t).to.deep.equal({ ...TRAFFIC, kilobytesPerRequest: 10, videoKbpsThroughLoadBalancer: 1500 });
    });

    it("the range's low and high are the cheaper and dearer ending, whichever that is", () => {
        // Extra time with fewer instance-hours (8) than normal time (10): 1 USD less instances,
        // 0.01 less NAT data (2 x 0.05 GB x 0.1): 6.448 to 5.438.
        const b = nightBill(night([], [], 10, 8), CTX);
        close(b.total.normalTime, 6.448);
        close(b.total.extraTime, 5.438);
        close(b.total.low, 5.438);
        close(b.total.high, 6.448);
    });

    it("the dominant component is the first of the largest: with everything free, instances", () => {
        const free = Object.fromEntries(Object.keys(PRICES).map((k) => [k, 0])) as unknown as BillPrices;
        const b = nightBill(night([], []), { ...CTX, prices: free });
        close(b.total.normalTime, 0);
        expect(b.dominant).to.equal("instances");
        expect(seasonBill([night([], [])], { from: KICKOFF, to: KICKOFF, days: 1, months: 1 }, { instances: 0, hours: 0 }, { ...CTX, prices: free }).dominant).to.equal("instances");
    });
});

describe("capacity bill (mutants): how each component was counted", () => {
    it("a night without reservations", () => {
        const d = nightBill(night([], []), CTX).normalTime.detail;
        expect(d).to.deep.equal({
            instances: "10.0 instance-hours",
            instanceReservations: "none reserved",
            lcuReservations: "none reserved",
            warmPool: "0 GiB for the night's 2.0 h",
            loadBalancerHours: "2.0 h (it runs always: the season counts every hour)",
            // 20 LCUs x 2 hours; no reservation, so no "beyond" part.
            loadBalancerLcus: "40.0 LCU-hours consumed",
            natHours: "3 gateways x 2.0 h",
            // 10 instance-hours x 0.05 GB.
            natProcessing: "0.50 GB (0.05 GB per instance-hour, stand-in)",
            // 7.2 GB x 0.9 = 6.48.
            dataTransferOut: "6.5 GB out (90 % of 7.2 GB through the load balancer)",
            other: "season-level only",
        });
    });

    it("a night with two LCU reservations and an instance reservation", () => {
        // 15 + 3 = 18 reserved over both hours: (20 - 18) x 2 = 4 beyond. ODCR as in
        // capacity.bill.test.ts (23:00 to 02:00 + 1 h, 9 reserved): 22 h not in service.
        const d = nightBill(night([lb(15), lb(3)], [odcr(-60, 120)]), { ...CTX, assumptions: { ...CTX.assumptions, natGBPerInstanceHour: 1 } }).normalTime.detail;
        expect(d.lcuReservations).to.equal("15 LCUs x 2 h + 3 LCUs x 2 h");
        expect(d.instanceReservations).to.equal("22.0 reserved instance-hours not in service");
        expect(d.loadBalancerLcus).to.equal("40.0 LCU-hours consumed, 4.0 beyond the reservation");
        // A whole number of GB per instance-hour prints without decimals: 10 x 1 = 10 GB.
        expect(d.natProcessing).to.equal("10.00 GB (1 GB per instance-hour, stand-in)");
    });

    it("the season: each line, and the other line's items", () => {
        // 30.44 days = 730.56 h; 1 month; baseline 2 x 10 h = 20 instance-hours.
        const season = { from: KICKOFF, to: KICKOFF, days: 30.44, months: 1 };
        const b = seasonBill([night([], [])], season, { instances: 2, hours: 10 }, CTX);
        expect(b.normalTime.detail).to.deep.equal({
            instances: "10.0 instance-hours of the nights + baseline 2 x 10.0 h",
            instanceReservations: "none reserved",
            lcuReservations: "none reserved",
            warmPool: "0 GiB x 1.00 months",
            loadBalancerHours: "730.6 h",
            loadBalancerLcus: "the nights' (between the nights not modelled)",
            natHours: "3 gateways x 730.6 h",
            // (10 + 20) x 0.05 GB.
            natProcessing: "1.5 GB (0.05 GB per instance-hour, stand-in)",
            dataTransferOut: "the nights'",
            // 30 x 0.1 = 3; 30 x 0.01 = 0.3 GB x 0.5 = 0.15; 730.56 x 0.05 = 36.528; 100 x 0.05 = 5.
            other: "30 alarms USD 3.00; logs 0.3 GB USD 0.15; VPN 1 x 730.6 h USD 36.53; snapshots 100 GB USD 5.00",
        });
        // Extra time: 12 + 20 = 32 instance-hours: logs 0.32 GB x 0.5 = 0.16; instances 6 + 10 = 16;
        // NAT data 32 x 0.05 x 0.1 = 0.16.
        close(b.other.logsExtraTime, 0.16);
        close(b.extraTime.usd.instances, 16);
        close(b.extraTime.usd.natProcessing, 0.16);
        expect(b.extraTime.detail.instances).to.equal("12.0 instance-hours of the nights + baseline 2 x 10.0 h");
    });

    it("the season with reservations, a warm pool and no VPN", () => {
        const season = { from: KICKOFF, to: KICKOFF, days: 30.44, months: 1 };
        const b = seasonBill([night([lb(15)], [odcr(-60, 120)]), night([lb(15)], [])], season, { instances: 0, hours: 0 }, { ...CTX, vpnConnections: 0, warmPoolGiB: 100 });
        expect(b.normalTime.detail.lcuReservations).to.equal("2 match days' reservations");
        expect(b.normalTime.detail.instanceReservations).to.equal("1 windows' reservations");
        expect(b.normalTime.detail.other).to.match(/; VPN none USD 0\.00; /);
        // 100 GiB x 1 month x 0.1.
        close(b.normalTime.usd.warmPool, 10);
        // Each night: 15 x 2 h x 0.02 = 0.6; two nights: 1.2. ODCR: 22 h x 0.5 = 11 (one night).
        close(b.normalTime.usd.lcuReservations, 1.2);
        close(b.normalTime.usd.instanceReservations, 11);
    });

    it("the season's monthly items scale with its months (2 here, so a division shows)", () => {
        // 60.88 days = 1 461.12 h; 2 months; warm pool 100 GiB; no VPN.
        const season = { from: KICKOFF, to: KICKOFF, days: 60.88, months: 2 };
        const b = seasonBill([night([], [])], season, { instances: 0, hours: 0 }, { ...CTX, vpnConnections: 0, warmPoolGiB: 100 });
        close(b.other.alarms, 6); // 30 alarms x 2 months x 0.1
        close(b.other.snapshots, 10); // 100 GB x 2 months x 0.05
        close(b.normalTime.usd.warmPool, 20); // 100 GiB x 2 months x 0.1
        expect(b.normalTime.detail.warmPool).to.equal("100 GiB x 2.00 months");
    });

    it("the report's names of the components", () => {
        expect(COMPONENT_NAMES).to.deep.equal({
            instances: "instances",
            instanceReservations: "instance reservations (unused)",
            lcuReservations: "load balancer reserved LCUs",
            warmPool: "warm pool volumes",
            loadBalancerHours: "load balancer hours",
            loadBalancerLcus: "load balancer LCUs consumed",
            natHours: "NAT gateway hours",
            natProcessing: "NAT gateway data processed",
            dataTransferOut: "data transfer out",
            other: "other (alarms, logs, VPN, snapshots)",
        });
    });

    it("a night's warm pool: GiB x the night's share of a month", () => {
        // 100 GiB x 2 h / 24 / 30.44 days x 0.1 = 20 / 730.56.
        close(nightBill(night([], []), { ...CTX, warmPoolGiB: 100 }).normalTime.usd.warmPool, 20 / 730.56);
    });
});

describe("capacity bill (mutants): the price table", () => {
    const config = (over: Partial<Parameters<typeof priceTableOf>[0]> = {}) =>
        priceTableOf({ instanceHourUsd: 0.1, instanceHourSource: "kgsports:instanceHourlyPriceUsd", volumeGiBMonthUsd: 0.08, volumeSource: "kgsports:volumeGiBMonthPriceUsd", ...over }, "c7i.large");
    const row = (rows: PriceRow[], id: string) => rows.find((r) => r.id === id)!;

    it("a config price whose source names Seoul and no stand-in is confirmed for the region", () => {
        const rows = config({ statedSource: "AWS price list API, ap-northeast-2, read 2026-12-01" });
        for (const id of ["instanceHour", "gp3GiBMonth"]) {
            expect(row(rows, id).standIn, id).to.equal(false);
            expect(row(rows, id).region, id).to.equal("ap-northeast-2");
            expect(row(rows, id).read, id).to.equal("2026-12-01");
        }
        expect(row(rows, "instanceHour").source).to.equal("set by kgsports:instanceHourlyPriceUsd: AWS price list API, ap-northeast-2, read 2026-12-01");
        expect(row(rows, "gp3GiBMonth").source).to.equal("set by kgsports:volumeGiBMonthPriceUsd: AWS price list API, ap-northeast-2, read 2026-12-01");
        expect(row(rows, "instanceHour").item).to.equal("EC2 On-Demand c7i.large Linux, in service or launching; also each unused reserved instance-hour (On-Demand Capacity Reservation)");
        expect(row(rows, "instanceHour").unit).to.equal("instance-hour");
        expect(row(rows, "gp3GiBMonth").item).to.equal("EBS gp3 storage of the warm pool's stopped instances");
        expect(row(rows, "gp3GiBMonth").unit).to.equal("GiB-month");
        expect(row(rows, "instanceHour").note).to.equal("from the stack config (stacks/config/capacityCost.ts)");
        expect(row(rows, "gp3GiBMonth").note).to.equal("from the stack config (stacks/config/capacityCost.ts)");
    });

    it("it is a stand-in when its words say so (any case), when it does not name Seoul, or when the price is unknown", () => {
        for (const stated of ["ap-northeast-2 Stand-In from us-east-1", "ap-northeast-2? NOT SEOUL", "ap-northeast-2 unknown", "us-east-1 list price"]) {
            const rows = config({ statedSource: stated });
            expect(row(rows, "instanceHour").standIn, stated).to.equal(true);
            expect(row(rows, "gp3GiBMonth").standIn, stated).to.equal(true);
            expect(row(rows, "instanceHour").region, stated).to.equal("stand-in for ap-northeast-2 (see source)");
            expect(row(rows, "gp3GiBMonth").region, stated).to.equal("stand-in for ap-northeast-2 (see source)");
        }
        // Seoul named, but the price is not a number.
        const unknown = config({ statedSource: "ap-northeast-2", instanceHourUsd: NaN, volumeGiBMonthUsd: Infinity });
        expect(row(unknown, "instanceHour").standIn).to.equal(true);
        expect(row(unknown, "gp3GiBMonth").standIn).to.equal(true);
    });

    it("a source that is not a config key is printed as given; a key with no stated source says so; no date: not stated", () => {
        const rows = config({ instanceHourSource: "ap-northeast-2 price list, read 2026-12-02", volumeSource: "kgsports:volumeGiBMonthPriceUsd" });
        expect(row(rows, "instanceHour").source).to.equal("ap-northeast-2 price list, read 2026-12-02");
        expect(row(rows, "instanceHour").read).to.equal("2026-12-02");
        expect(row(rows, "instanceHour").standIn).to.equal(false);
        expect(row(rows, "gp3GiBMonth").source).to.equal("set by kgsports:volumeGiBMonthPriceUsd (source not stated)");
        expect(row(rows, "gp3GiBMonth").read).to.equal("not stated");
        // A key form with something around it is not a key.
        expect(row(config({ instanceHourSource: " kgsports:instanceHourlyPriceUsd" }), "instanceHour").source).to.equal(" kgsports:instanceHourlyPriceUsd");
        expect(row(config({ instanceHourSource: "kgsports:instanceHourlyPriceUsd2" }), "instanceHour").source).to.equal("kgsports:instanceHourlyPriceUsd2");
    });

    it("the bill reads each row's price by its id", () => {
        const prices = billPricesOf(config());
        expect(prices.instanceHour).to.equal(0.1);
        expect(prices.gp3GiBMonth).to.equal(0.08);
        expect(prices.albHour).to.equal(0.0225);
        expect(Object.keys(prices)).to.have.length(12);
    });
});

describe("capacity bill (mutants): the documented rows say what they price, per what, for where, and on whose word", () => {
    /**
     * Per row: the unit, the item's words, the region, whether it is a stand-in, the
     * addresses its source cites (each part of a source written in pieces) and a phrase of
     * each piece of its note. A row that loses a citation or a caveat fails here.
     */
    const EXPECTED: Record<string, { unit: string; item: RegExp; region: string; standIn: boolean; cites: string[]; says: string[] }> = {
        albHour: { unit: "ALB-hour", item: /^Application Load Balancer, each hour/, region: "us-east-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["terrapod/issues/977", "infracost/infracost/pull/466"], says: ["Tokyo's is quoted as USD 0.0243"] },
        lcuHour: { unit: "LCU-hour", item: /capacity units consumed \(LCU-hours\)/, region: "us-east-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["terrapod/issues/977", "infracost/infracost/pull/466", "aws.darcy-it.com"], says: ["us-east-1 and Tokyo both list USD 0.008"] },
        reservedLcuHour: {
            unit: "reserved LCU-hour",
            item: /reserved capacity units \(LCU reservation\)/,
            region: "us-east-1 (stand-in for ap-northeast-2)",
            standIn: true,
            cites: ["request-capacity-unit-reservation.html", "monitor-capacity-unit-reservation.html"],
            says: ["taken equal to the LCU-hour price", "consumed within it are not billed again"],
        },
        natHour: { unit: "gateway-hour", item: /^NAT gateway, each hour/, region: "ap-southeast-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["basavytix.com/blog/aws-nat-gateway-pricing", "rahmat-ullah/DocParser"], says: ["us-east-1 at 0.045"] },
        natGB: { unit: "GB", item: /^NAT gateway data processed$/, region: "ap-southeast-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["basavytix.com/blog/aws-nat-gateway-pricing", "rahmat-ullah/DocParser"], says: ["Seoul's not found"] },
        dataTransferOutGB: {
            unit: "GB",
            item: /data transfer out to the internet, first 10 TB a month/,
            region: "ap-northeast-2",
            standIn: true,
            cites: ["aws.amazon.com/ec2/pricing/on-demand/"],
            says: ["no readable copy gave Seoul's first tier", "The first 100 GB a month free"],
        },
        vpnConnectionHour: { unit: "connection-hour", item: /^Site-to-Site VPN connection/, region: "us-east-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["aws.amazon.com/vpn/pricing/"], says: ["Data out over the VPN is not priced"] },
        alarmMonth: { unit: "alarm-month", item: /^CloudWatch alarm, standard resolution/, region: "us-east-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["aws.amazon.com/cloudwatch/pricing/"], says: ["composite alarms are priced higher"] },
        logsIngestionGB: { unit: "GB", item: /^CloudWatch Logs ingestion/, region: "ap-northeast-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["aws.amazon.com/cloudwatch/pricing/", "tech.enechange.co.jp"], says: ["us-east-1's standard ingestion is USD 0.50"] },
        snapshotGBMonth: { unit: "GB-month", item: /^EBS snapshot storage/, region: "us-east-1 (stand-in for ap-northeast-2)", standIn: true, cites: ["aws.amazon.com/ebs/pricing/"], says: ["a full volume per copy is an upper bound"] },
    };

    it("every documented row as expected, read on the table's date", () => {
        expect(DOCUMENTED_PRICES.map((r) => r.id)).to.deep.equal(Object.keys(EXPECTED));
        for (const r of DOCUMENTED_PRICES) {
            const e = EXPECTED[r.id];
            expect(r.unit, r.id).to.equal(e.unit);
            expect(r.item, r.id).to.match(e.item);
            expect(r.region, r.id).to.equal(e.region);
            expect(r.standIn, r.id).to.equal(e.standIn);
            expect(r.read, r.id).to.equal("2026-12-07");
            for (const c of e.cites) expect(r.source, r.id).to.include(c);
            for (const w of e.says) expect(r.note, r.id).to.include(w);
        }
    });
});
