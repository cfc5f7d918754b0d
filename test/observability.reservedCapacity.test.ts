/**
 * The dashboard's "Reserved and used capacity" widget: absent by default (no existing
 * widget changes), the load balancer's reserved level against its use, and the capacity
 * reservations' utilisation found by SEARCH; every metric one CloudWatch publishes.
 */
import { expect } from "chai";
import { dashboardBody, DashboardInput, DEFAULT_ALARM_THRESHOLDS, ReservedCapacityWidget } from "@kgsports/observability";
import { unpublishedReason } from "./helpers/cloudwatchMetricCatalogue";

const LB = "app/kgsports-dev-web/0123456789abcdef";

function input(reservedCapacity?: ReservedCapacityWidget): DashboardInput {
    return {
        region: "ap-northeast-2",
        namePrefix: "kgsports-dev",
        loadBalancer: LB,
        cloudTargetGroup: "targetgroup/web/1",
        groupName: "web-asg",
        maxSize: 240,
        agentNamespace: "KGSports/Web",
        thresholds: DEFAULT_ALARM_THRESHOLDS,
        annotations: [],
        alarmArns: ["arn:aws:cloudwatch:ap-northeast-2:123456789012:alarm:kgsports-dev-matchday-degraded"],
        compositeAlarmName: "kgsports-dev-matchday-degraded",
        ...(reservedCapacity ? { reservedCapacity } : {}),
    };
}

type Widget = { type: string; x: number; y: number; width: number; height: number; properties: { title?: string; metrics?: unknown[][]; stat?: string } };
const widgetsOf = (i: DashboardInput) => (JSON.parse(dashboardBody(i)) as { widgets: Widget[] }).widgets;
const TITLE = "Reserved and used capacity";

describe("Observability dashboard: reserved and used capacity", () => {
    it("adds no widget by default and leaves every other widget as it was", () => {
        const without = widgetsOf(input());
        expect(without.map((w) => w.properties.title)).to.not.include(TITLE);
        const withBoth = widgetsOf(input({ loadBalancer: true, instances: true }));
        expect(withBoth).to.have.length(without.length + 1);
        expect(withBoth.filter((w) => w.properties.title !== TITLE)).to.deep.equal(without);
        expect(widgetsOf(input({}))).to.deep.equal(without);
    });

    it("shows the reserved level (Sum x 3600 / period) against the per-minute use, whatever period the dashboard draws", () => {
        const w = widgetsOf(input({ loadBalancer: true })).find((x) => x.properties.title === TITLE)!;
        // Beside the VPN widget (0, 24): the free half of that row.
        expect([w.x, w.y, w.width, w.height]).to.deep.equal([12, 24, 12, 6]);
        expect(w.properties.metrics).to.deep.equal([
            ["AWS/ApplicationELB", "ReservedLCUs", "LoadBalancer", LB, { id: "reservedPerMinute", stat: "Sum", period: 60, visible: false, label: "reserved LCUs / 60" }],
            // A 6 000 LCU reservation: ReservedLCUs sums to 100 a minute (100 x 3600 / 60 = 6 000), and
            // to 500 over a 5-minute period the dashboard may draw (500 x 3600 / 300 = 6 000).
            [{ expression: "reservedPerMinute * 3600 / PERIOD(reservedPerMinute)", id: "reservedLcus", label: "reserved LCUs" }],
            ["AWS/ApplicationELB", "PeakLCUs", "LoadBalancer", LB, { id: "peakSum", stat: "Sum", period: 60, visible: false, label: "peak LCUs (sum over the period)" }],
            [{ expression: "peakSum * 60 / PERIOD(peakSum)", id: "peakLcus", label: "peak LCUs used" }],
        ]);
        for (const row of w.properties.metrics!.filter((r) => typeof r[0] === "string")) {
            expect(unpublishedReason({ where: String(row[1]), namespace: String(row[0]), metricName: String(row[1]), dimensions: { [String(row[2])]: row[3] } })).to.equal(undefined);
        }
    });

    it("shows every capacity reservation's utilisation by SEARCH, on the right axis", () => {
        const w = widgetsOf(input({ instances: true })).find((x) => x.properties.title === TITLE)!;
        expect(w.properties.metrics).to.deep.equal([[{
            expression: "SEARCH('{AWS/EC2CapacityReservations,CapacityReservationId} MetricName=\"InstanceUtilization\"', 'Average', 300)",
            id: "odcrUse",
            label: "capacity reservation use %",
            yAxis: "right",
        }]]);
        expect(unpublishedReason({ where: "odcr", namespace: "AWS/EC2CapacityReservations", metricName: "InstanceUtilization", dimensions: { CapacityReservationId: "cr-0123456789abcdef0" } })).to.equal(undefined);
    });
});
