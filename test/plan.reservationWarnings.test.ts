/**
 * The plan diff's warnings about capacity already reserved (issue 21): an edit made after
 * a reservation's schedules ran cannot take the reservation back. Removing the fixture of
 * a requested LCU reservation removes its reset (AWS bills the reservation until someone
 * resets it); changing an instance reservation after it was created makes a second one.
 */
import { expect } from "chai";
import { reservationWarnings, WarningSettings } from "../stacks/plan/diffWarnings";

const at = (d: Date) => d.toISOString().slice(0, 16) + "Z";
const T = (hhmm: string) => new Date(`2027-05-29T${hhmm}:00Z`);

type Reservations = NonNullable<WarningSettings["reservations"]>["plan"];

function settings(reservations: Reservations | undefined): WarningSettings {
    return {
        project: "kgsports",
        web: { instanceType: "c7i.large", warmPoolSize: 0, capacity: { min: 6, desired: 6, max: 240 } },
        matchday: { plan: { viewersPerInstance: 2000 }, schedule: { windows: [] }, floorNow: undefined },
        ...(reservations ? { reservations: { plan: reservations } } : {}),
    };
}

// The final's reservations as the committed config plans them: LCU requested 14:50, reset 22:15;
// instances created 15:50 (68 per zone, 3 zones), ended 22:15.
const lcu = { name: "lcu-ucl-final", fixtures: ["UCL final"], requestAt: T("14:50"), resetAt: T("22:15"), capacityUnits: 486 };
const odcr = { name: "odcr-ucl-final", fixtures: ["UCL final"], createAt: T("15:50"), endAt: T("22:15"), perZone: 68 };
const committed: Reservations = {
    loadBalancer: [lcu],
    instances: [odcr],
    schedules: [
        { kind: "lcu-request", name: "lcu-request-ucl-final-202705291450-aaaaaa" },
        { kind: "lcu-reset", name: "lcu-reset-ucl-final-202705292215-bbbbbb" },
        ...[0, 1, 2].map((z) => ({ kind: "odcr-create", name: `odcr-ucl-final-z${z}-202705291550-cccccc` })),
    ],
};
const none: Reservations = { loadBalancer: [], instances: [], schedules: [] };

describe("plan diff: an edit against capacity already reserved", () => {
    it("removing the final after its LCU request ran warns that its reset goes with it, and says how to reset", () => {
        const w = reservationWarnings(settings(committed), settings(none), T("16:30"), at);
        const lb = w.find((x) => x.startsWith("LCU reservation lcu-ucl-final"))!;
        expect(lb).to.contain('for "UCL final" was requested at 2027-05-29T14:50Z (486 LCU) and stands until its reset at 2027-05-29T22:15Z')
            .and.contain("aws elbv2 modify-capacity-reservation --load-balancer-arn <the load balancer> --reset-capacity-reservation");
        // Its instance reservation was created at 15:50: removing it takes the schedules, not the reservation.
        const inst = w.find((x) => x.startsWith("instance reservation odcr-ucl-final"))!;
        expect(inst).to.contain("its schedules go, but not the reservation").and.contain("aws ec2 cancel-capacity-reservation");
        expect(w).to.have.length(2);
    });

    it("says nothing before the request ran, after the reset, or when the edit keeps a reservation standing", () => {
        expect(reservationWarnings(settings(committed), settings(none), T("14:49"), at).filter((x) => x.startsWith("LCU"))).to.deep.equal([]);
        expect(reservationWarnings(settings(committed), settings(none), T("22:15"), at)).to.deep.equal([]);
        // The kickoff moved: the edited plan still holds a reservation at 16:30, whose reset resets the load balancer.
        const moved: Reservations = { ...committed, loadBalancer: [{ ...lcu, resetAt: T("22:45") }] };
        expect(reservationWarnings(settings(committed), settings(moved), T("16:30"), at)).to.deep.equal([]);
    });

    it("a count changed after the instance reservation was created: another one beside it, billed twice over", () => {
        const raised: Reservations = {
            ...committed,
            instances: [{ ...odcr, perZone: 80 }],
            schedules: [...committed.schedules.filter((s) => s.kind !== "odcr-create"), ...[0, 1, 2].map((z) => ({ kind: "odcr-create", name: `odcr-ucl-final-z${z}-202705291550-dddddd` }))],
        };
        const w = reservationWarnings(settings(committed), settings(raised), T("16:30"), at);
        expect(w).to.have.length(1);
        expect(w[0]).to.contain("instance reservation odcr-ucl-final for \"UCL final\" was created at 2027-05-29T15:50Z (68 per zone) and AWS holds it until 2027-05-29T22:15Z")
            .and.contain("the next deploy creates another one beside it (billed twice over, used or not)");
        // Before its creation time, the same edit only replaces schedules that have not run.
        expect(reservationWarnings(settings(committed), settings(raised), T("15:49"), at)).to.deep.equal([]);
        // Unchanged schedules: nothing to say.
        expect(reservationWarnings(settings(committed), settings(committed), T("16:30"), at)).to.deep.equal([]);
    });

    it("a stack without reservations on either side has nothing to say", () => {
        expect(reservationWarnings(settings(undefined), settings(undefined), T("16:30"), at)).to.deep.equal([]);
    });
});
