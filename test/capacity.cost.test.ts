import { expect } from "chai";
import { DAYS_PER_MONTH, instanceHoursUsd, seasonCost, seasonOf, warmPoolVolumeCost } from "../stacks/capacity/cost";
import { formatUnitPrice, formatUsd } from "../stacks/capacity/money";

const at = (iso: string) => new Date(iso);

describe("capacity cost", () => {
    it("prices instance-hours at the instance-hour price", () => {
        expect(instanceHoursUsd(247.5, { instanceHourUsd: 0.125 })).to.equal(30.9375);
        expect(instanceHoursUsd(0, { instanceHourUsd: 0.125 })).to.equal(0);
        expect(instanceHoursUsd(100, { instanceHourUsd: 0.08925 })).to.be.closeTo(8.925, 1e-12);
    });

    it("prorates a month as 30.44 days", () => {
        expect(DAYS_PER_MONTH).to.equal(30.44);
        // 30 days and 10:33:36 are 30.44 days: exactly one month.
        const season = seasonOf([{ preWarmAt: at("2027-04-01T00:00:00Z"), releaseAt: at("2027-05-01T10:33:36Z") }], at("2027-03-01T00:00:00Z"))!;
        expect(season.days).to.be.closeTo(30.44, 1e-12);
        expect(season.months).to.be.closeTo(1, 1e-12);
    });

    it("runs the season from the first window's pre-warm to the last window's release, whatever their order", () => {
        const windows = [
            { preWarmAt: at("2027-05-29T17:50:00Z"), releaseAt: at("2027-05-29T22:15:00Z") },
            { preWarmAt: at("2027-04-06T17:50:00Z"), releaseAt: at("2027-04-06T22:15:00Z") },
        ];
        const season = seasonOf(windows, at("2027-03-20T00:00:00Z"))!;
        expect(season.from.toISOString()).to.equal("2027-04-06T17:50:00.000Z");
        expect(season.to.toISOString()).to.equal("2027-05-29T22:15:00.000Z");
        // 53 days and 4 h 25 min.
        expect(season.days).to.be.closeTo(53 + 265 / 1440, 1e-9);
        expect(season.months).to.be.closeTo(1.7471756826, 1e-9);
    });

    it("starts the season at the planning time when the first window is already on, and has none without a window", () => {
        const season = seasonOf([{ preWarmAt: at("2027-04-06T17:50:00Z"), releaseAt: at("2027-04-07T17:50:00Z") }], at("2027-04-07T05:50:00Z"))!;
        expect(season.from.toISOString()).to.equal("2027-04-07T05:50:00.000Z");
        expect(season.days).to.equal(0.5);
        expect(seasonOf([], at("2027-04-07T05:50:00Z"))).to.equal(undefined);
    });

    it("prices the warm pool's stopped volumes: instances x GiB x price x months", () => {
        const pool = warmPoolVolumeCost({ warmPoolSize: 40, rootVolumeGiB: 30 }, 1.5, { volumeGiBMonthUsd: 0.0625 });
        expect(pool).to.deep.equal({ instances: 40, gibPerInstance: 30, gib: 1200, months: 1.5, usdPerMonth: 75, usd: 112.5 });
        expect(warmPoolVolumeCost({ warmPoolSize: 0, rootVolumeGiB: 30 }, 2, { volumeGiBMonthUsd: 0.08 }).usd).to.equal(0);
    });

    it("adds the season up for each ending, plus the warm pool, as a range", () => {
        const season = seasonOf([{ preWarmAt: at("2027-04-01T00:00:00Z"), releaseAt: at("2027-05-31T21:07:12Z") }], at("2027-03-01T00:00:00Z"))!;
        expect(season.months).to.be.closeTo(2, 1e-12);
        const money = seasonCost(
            [
                { label: "quarter-final", normalTime: 100, extraTime: 120 },
                { label: "final", normalTime: 200, extraTime: 240 },
            ],
            season,
            { warmPoolSize: 40, rootVolumeGiB: 30 },
            { instanceHourUsd: 0.125, volumeGiBMonthUsd: 0.0625 },
        );
        expect(money.nights).to.deep.equal([
            { label: "quarter-final", usd: { normalTime: 12.5, extraTime: 15, low: 12.5, high: 15 } },
            { label: "final", usd: { normalTime: 25, extraTime: 30, low: 25, high: 30 } },
        ]);
        expect(money.nightsUsd).to.deep.equal({ normalTime: 37.5, extraTime: 45, low: 37.5, high: 45 });
        // 1200 GiB x 0.0625 = 75 a month, for 2 months.
        expect(money.warmPool.usd).to.be.closeTo(150, 1e-9);
        expect(money.totalUsd.low).to.be.closeTo(187.5, 1e-9);
        expect(money.totalUsd.high).to.be.closeTo(195, 1e-9);
    });

    it("orders the range by amount, not by ending", () => {
        const season = seasonOf([{ preWarmAt: at("2027-04-01T00:00:00Z"), releaseAt: at("2027-04-01T12:00:00Z") }], at("2027-03-01T00:00:00Z"))!;
        const money = seasonCost([{ label: "n", normalTime: 100, extraTime: 80 }], season, { warmPoolSize: 0, rootVolumeGiB: 30 }, { instanceHourUsd: 0.5, volumeGiBMonthUsd: 0.08 });
        expect(money.nightsUsd).to.deep.equal({ normalTime: 50, extraTime: 40, low: 40, high: 50 });
        expect(money.totalUsd).to.deep.equal({ normalTime: 50, extraTime: 40, low: 40, high: 50 });
    });

    it("prints money in USD with two decimals, prices per unit with four to six", () => {
        expect(formatUsd(1234.5)).to.equal("USD 1,234.50");
        expect(formatUsd(0.004)).to.equal("USD 0.00");
        expect(formatUnitPrice(0.1092)).to.equal("USD 0.1092");
        expect(formatUnitPrice(0.08925)).to.equal("USD 0.08925");
        expect(formatUnitPrice(0.08)).to.equal("USD 0.0800");
    });

    it("adds the baseline fleet for the season's hours outside the simulated nights: minSize x hours x the price", () => {
        // Two days (48 h), nights simulated for 6 + 6 h: 36 h outside them; 6 instances x 36 h x 0.5 = 108.
        const season = seasonOf([{ preWarmAt: at("2027-04-01T00:00:00Z"), releaseAt: at("2027-04-03T00:00:00Z") }], at("2027-03-01T00:00:00Z"))!;
        const money = seasonCost([{ label: "n", normalTime: 100, extraTime: 120 }], season, { warmPoolSize: 0, rootVolumeGiB: 30 }, { instanceHourUsd: 0.5, volumeGiBMonthUsd: 0.08 }, { minSize: 6, simulatedHours: 12 });
        expect(money.baseline).to.deep.equal({ instances: 6, hours: 36, usd: 108 });
        expect(money.totalUsd).to.deep.equal({ normalTime: 50 + 108, extraTime: 60 + 108, low: 158, high: 168 });
        // Never negative: nights simulated for longer than the season (their margins) leave 0 hours.
        expect(seasonCost([], season, { warmPoolSize: 0, rootVolumeGiB: 30 }, { instanceHourUsd: 0.5, volumeGiBMonthUsd: 0.08 }, { minSize: 6, simulatedHours: 60 }).baseline.hours).to.equal(0);
    });

    it("prints an unknown price (NaN: no key and no documented default) and every sum of it as unknown, never as a number", () => {
        expect(formatUsd(Number.NaN)).to.equal("USD ? (no price)");
        expect(formatUnitPrice(Number.NaN)).to.equal("USD ? (no price)");
        expect(formatUsd(instanceHoursUsd(100, { instanceHourUsd: Number.NaN }))).to.equal("USD ? (no price)");
    });
});
