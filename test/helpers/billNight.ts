/**
 * The small night the bill's tests price by hand (test/capacity.bill.test.ts and its
 * mutants' file): 120 simulated minutes from 00:00Z (two clock hours), 60 000 viewers
 * every minute, and round test prices.
 *
 * Traffic: 1 request per viewer per minute of 1 KB; no new connections; 1 connection per
 * viewer. Per hour: active connections 60 000 / 3 000 = 20 LCUs (the dominant); bytes
 * 60 000 x 1 000 B / 60 s = 1e6 B/s = 3.6 GB an hour (3.6 LCUs).
 */
import type { BillContext, NightRun } from "../../stacks/capacity/bill";
import type { BillPrices } from "../../stacks/capacity/priceTable";

export const KICKOFF = new Date("2027-01-01T00:00:00Z");

/** The night's run: `inService` instances every minute, `instanceHours` paid. */
export function smallNightRun(instanceHours: number, inService = 5): NightRun {
    const m = Array.from({ length: 120 }, (_, i) => i);
    return { kickoff: KICKOFF, minutes: m, demand: m.map(() => 60_000), inService: m.map(() => inService), instanceHours };
}

export const TRAFFIC = { requestsPerViewerPerMinute: 1, kilobytesPerRequest: 1, newConnectionsPerRequest: 0, activeConnectionsPerViewer: 1, rulesPerRequest: 1, videoKbpsThroughLoadBalancer: 0 };

export const PRICES: BillPrices = {
    instanceHour: 0.5,
    gp3GiBMonth: 0.1,
    albHour: 0.025,
    lcuHour: 0.01,
    reservedLcuHour: 0.02,
    natHour: 0.05,
    natGB: 0.1,
    dataTransferOutGB: 0.1,
    vpnConnectionHour: 0.05,
    alarmMonth: 0.1,
    logsIngestionGB: 0.5,
    snapshotGBMonth: 0.05,
};

export const CTX: BillContext = {
    traffic: TRAFFIC,
    prices: PRICES,
    baselineMinSize: 2,
    natGateways: 3,
    warmPoolGiB: 0,
    vpnConnections: 1,
    assumptions: { outboundShare: 0.9, natGBPerInstanceHour: 0.05, alarmCount: 30, logsGBPerInstanceHour: 0.01, snapshotGB: 100 },
};
