/**
 * Every MetricAlarm both stacks' offline plans declare (HybridLink's failover alarms and
 * the metric math queries included) watches a namespace, metric and dimension set
 * CloudWatch publishes (test/helpers/cloudwatchMetricCatalogue.ts).
 */
import { expect } from "chai";
import { plannedStack } from "./helpers/declare";
import { metricsOfAlarm, unpublishedReason } from "./helpers/cloudwatchMetricCatalogue";

describe("Both stacks' alarms against the metrics CloudWatch publishes", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: every MetricAlarm the plan declares (HybridLink's included) watches a published series`, async () => {
            const alarms = (await plannedStack(stack)).run.resources.filter((r) => r.type === "aws:cloudwatch/metricAlarm:MetricAlarm");
            expect(alarms.length).to.be.at.least(10);
            const watched = alarms.flatMap((a) => metricsOfAlarm(a.name, a.inputs as Record<string, unknown>));
            const problems = watched.map(unpublishedReason).filter((p) => p !== undefined);
            expect(problems).to.deep.equal([]);
            if (stack === "matchday") {
                const names = new Set(alarms.map((a) => a.name));
                for (const n of ["hybrid-unhealthy", "hybrid-tunnels-down", "hybrid-recovered", "observability-traffic-below-expected"]) expect(names.has(n), n).to.equal(true);
            }
        });
    }
});
