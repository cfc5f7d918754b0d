/**
 * The README's section on the capacity reserved under the fleet (issue 21): the figures
 * it states are the shipped matchday plan's, so a change of the model or of the stack
 * file shows up here.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { loadStackSettings } from "../stacks/plan/planStack";
import { capacityReport } from "../stacks/report/capacityReport";
import { TEST_NOW } from "./helpers/declare";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

function marked(name: string): number {
    const m = new RegExp(`<!-- ${name} -->([\\d ]+)<!-- /${name} -->`).exec(README);
    if (m === null) throw new Error(`README: no <!-- ${name} --> figure`);
    return Number(m[1].replace(/ /g, ""));
}

function matchday() {
    const loaded = loadStackSettings({ stack: "matchday", now: TEST_NOW });
    if (!loaded.ok) throw new Error(loaded.message);
    return loaded.loaded.settings;
}

describe("README: the capacity reserved under the fleet", () => {
    it("the final's LCU reservation and its per-zone instance reservation are the plan's", () => {
        const s = matchday();
        const lcu = s.reservations.plan.loadBalancer.find((r) => r.fixtures.includes("UCL final"))!;
        const odcr = s.reservations.plan.instances.find((r) => r.fixtures.includes("UCL final"))!;
        expect(lcu.capacityUnits).to.equal(marked("lcu:final"));
        // 225 000 x 1.2 = 270 000 viewers x 20 000 B / 60 s x 3 600 s = 324 GB an hour: 324 LCU;
        // N+1 over 3 zones: 324 x 3 / 2 = 486.
        expect(lcu.plannedViewers).to.equal(225_000);
        expect(lcu.demand.dominant).to.equal("processedGBPerHour");
        expect(README).to.contain("225 000 planned viewers x 1.2 at 20 KB a request, once a minute, is 324 LCU of\n  processed bytes, x 3/2 over 3 zones");
        expect(odcr.perZone).to.equal(marked("odcr:final"));
        // ceil(203 / 3) = 68: the final's floor spread over the zones.
        expect(odcr.zones).to.equal(3);
        expect(README).to.contain("for a floor of\n  203)");
        const final = s.matchday.schedule.windows.find((w) => w.fixtures.includes("UCL final"))!;
        expect(final.minSize).to.equal(203);
    });

    it("the leads it names are the matchday stack's", () => {
        const s = matchday();
        expect(s.reservations.options.loadBalancer?.leadHours).to.equal(3);
        expect(s.reservations.options.instances?.leadHours).to.equal(2);
        expect(README).to.contain("`loadBalancerReservationLeadHours` (3)").and.contain("`instanceReservationLeadHours` (2)");
    });

    it("the idle instance reservations are the largest cost of the smallest night, as it says", () => {
        const report = capacityReport(matchday());
        const smallest = report.bill!.nights.reduce((a, n) => (n.total.normalTime < a.total.normalTime ? n : a));
        expect(smallest.dominant).to.equal("instanceReservations");
        expect(README).to.contain("the largest single cost of a small night");
    });
});
