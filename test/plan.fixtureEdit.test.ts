/**
 * The pull request's diff before a match (issue 20): which fixtures an edit adds,
 * changes and removes, which of them get no capacity (plan --diff exits 5), the match
 * windows' floor steps, the order of the text diff's sections, dashboards in one line,
 * and the cut that fits a comment. Pure functions only; the command line is in
 * plan.diff.test.ts.
 */
import { expect } from "chai";
import {
    durationText,
    fixtureEdit,
    fixtureNameChanges,
    FixtureSideSettings,
    likelyCauseLines,
    nextYearKickoff,
    noCapacityMessage,
    noCapacityReason,
    rawFixtures,
    windowChanges,
} from "../stacks/plan/fixtureChanges";
import { annotationChanges, DASHBOARD_TYPE, dashboardChangeLine } from "../stacks/plan/dashboardChanges";
import { DiffSection, fitSections, groupedNumber, renderSections } from "../stacks/plan/diffSections";
import { diffSections, PlanDiff, renderDiff } from "../stacks/plan/render";

const NOW = new Date("2026-12-07T16:00:00Z");
const MIN = 60_000;

/** One side's settings with the given fixtures; windows and past fixtures as given (the schedule's output). */
function side(
    fixtures: { name: string; kickoff: string; timeZone?: string }[],
    windows: FixtureSideSettings["matchday"]["schedule"]["windows"] = [],
    pastFixtures: { name: string; kickoff: Date }[] = [],
    now = NOW,
): FixtureSideSettings {
    return {
        matchday: {
            displayTimeZone: "Asia/Seoul",
            plannedAt: now,
            plan: { fixtures, baselineMinSize: 6 },
            schedule: { windows, pastFixtures },
        },
    };
}

/** The raw `kgsports:fixtures` config of a list of fixtures, as the stack file gives it. */
function config(fixtures: object[]): Record<string, string> {
    return { "kgsports:fixtures": JSON.stringify(fixtures) };
}

const R16_PAST = { name: "UCL R16 second leg", kickoff: "2026-03-11T05:00:00+09:00", expectedPeakViewers: 150000 };
const R16 = { ...R16_PAST, kickoff: "2027-03-11T05:00:00+09:00" };
const FINAL = { name: "UCL final", kickoff: "2027-05-29T21:00:00", timeZone: "Europe/Budapest", expectedPeakViewers: 150000 };

/** A window of one fixture with the floor steps of the example (6 -> 33 -> 47 -> 89 -> 135 -> 6). */
function r16Window(kickoff = new Date("2027-03-10T20:00:00Z")) {
    const at = (m: number) => new Date(kickoff.getTime() + m * MIN);
    return {
        fixtures: ["UCL R16 second leg"],
        preWarmAt: at(-70),
        steps: [
            { at: at(-70), minSize: 33 },
            { at: at(-40), minSize: 47 },
            { at: at(-25), minSize: 89 },
            { at: at(-15), minSize: 135 },
            { at: at(125), minSize: 6 },
        ],
    };
}

describe("fixture changes of an edit", () => {
    it("reads the raw fixtures by name, every other field as JSON; unreadable config gives none", () => {
        expect(rawFixtures(config([R16, FINAL]), "kgsports")).to.deep.equal([
            { name: "UCL R16 second leg", fields: { kickoff: '"2027-03-11T05:00:00+09:00"', expectedPeakViewers: "150000" } },
            { name: "UCL final", fields: { kickoff: '"2027-05-29T21:00:00"', timeZone: '"Europe/Budapest"', expectedPeakViewers: "150000" } },
        ]);
        expect(rawFixtures({ "kgsports:fixtures": "not json" }, "kgsports")).to.deep.equal([]);
        expect(rawFixtures({}, "kgsports")).to.deep.equal([]);
        expect(rawFixtures(config([{ kickoff: "x" }]), "kgsports")).to.deep.equal([]);
    });

    it("added, changed (same name, any field) and removed; a renamed fixture is removed and added", () => {
        const before = side([FINAL, { name: "Old name", kickoff: "2027-04-06T21:00:00+02:00" }]);
        const after = side([{ ...FINAL, expectedPeakViewers: 170000 }, R16, { name: "New name", kickoff: "2027-04-06T21:00:00+02:00" }]);
        const edit = fixtureEdit({
            before: { settings: before, fixtures: rawFixtures(config([FINAL, { name: "Old name", kickoff: "2027-04-06T21:00:00+02:00" }]), "kgsports") },
            after: { settings: after, fixtures: rawFixtures(config([{ ...FINAL, expectedPeakViewers: 170000 }, R16, { name: "New name", kickoff: "2027-04-06T21:00:00+02:00" }]), "kgsports") },
        });
        expect(edit.fixtures.map((f) => [f.change, f.name])).to.deep.equal([
            ["changed", "UCL final"],
            ["added", "UCL R16 second leg"],
            ["added", "New name"],
            ["removed", "Old name"],
        ]);
        const final = edit.fixtures[0];
        expect(final.fields).to.deep.equal([{ field: "expectedPeakViewers", from: "150000", to: "170000" }]);
        // 21:00 in Budapest (CEST, +02:00) is 19:00 UTC, 04:00 the next day in Seoul.
        expect(final.line).to.match(/^~ fixture "UCL final": kickoff 2027-05-29 19:00Z \(2027-05-30 04:00 [^)]+\), expectedPeakViewers 150000 -> 170000$/);
        expect(edit.fixtures[1].line).to.match(/^\+ fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z \(2027-03-11 05:00 [^)]+\), expectedPeakViewers 150000$/);
        expect(edit.fixtures[3].line).to.match(/^- fixture "Old name": kickoff 2027-04-06 19:00Z /);
        expect(edit.noCapacity).to.deep.equal([]);
    });

    it("a changed kickoff shows the old and the new time", () => {
        const moved = { ...FINAL, kickoff: "2027-05-29T20:00:00" };
        const edit = fixtureEdit({
            before: { settings: side([FINAL]), fixtures: rawFixtures(config([FINAL]), "kgsports") },
            after: { settings: side([moved]), fixtures: rawFixtures(config([moved]), "kgsports") },
        });
        expect(edit.fixtures[0].line).to.match(/^~ fixture "UCL final": kickoff 2027-05-29 19:00Z \([^)]+\) -> 2027-05-29 18:00Z \([^)]+\)$/);
    });
});

describe("no capacity: a fixture this edit adds or changes that is past or too late fails the diff", () => {
    it("the issue's wrong year: past, with both times, the distance to the plan, and the year to check", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const edit = fixtureEdit({
            before: { settings: side([]), fixtures: [] },
            after: { settings: side([R16_PAST], [], [{ name: R16_PAST.name, kickoff: past }]), fixtures: rawFixtures(config([R16_PAST]), "kgsports") },
        });
        expect(edit.noCapacity).to.have.length(1);
        const n = edit.noCapacity[0];
        expect([n.fixture, n.kickoff, n.reason, n.change]).to.deep.equal(["UCL R16 second leg", "2026-03-10T20:00:00.000Z", "past", "added"]);
        expect(n.message).to.match(
            /^NO CAPACITY: fixture "UCL R16 second leg" kicks off 2026-03-10 20:00Z \(2026-03-11 05:00 [^)]+\), 271 days before this plan \(2026-12-07 16:00Z\): it is past, so nothing is scheduled for it; check the year \(2027-03-11\?\)$/,
        );
        expect(edit.notes).to.deep.equal([]);
    });

    it("too late: kicks off sooner than a cold launch (5 minutes) serves; says when instances would serve", () => {
        const now = new Date("2027-03-10T19:57:00Z");
        const edit = fixtureEdit({
            before: { settings: side([], [], [], now), fixtures: [] },
            after: { settings: side([R16], [], [], now), fixtures: rawFixtures(config([R16]), "kgsports") },
        });
        expect(edit.noCapacity.map((n) => n.reason)).to.deep.equal(["too-late"]);
        expect(edit.noCapacity[0].message).to.match(/^NO CAPACITY: fixture "UCL R16 second leg" kicks off 2027-03-10 20:00Z \(2027-03-11 05:00 [^)]+\), 3 minutes after this plan \(2027-03-10 19:57Z\): /);
        expect(edit.noCapacity[0].message).to.contain("serve from 2027-03-10 20:02Z (2027-03-11 05:02").and.contain("2 minutes into the match").and.contain("check the year");
    });

    it("the boundary: exactly the cold launch before kickoff is in time; a kickoff at the plan's clock is past", () => {
        const kickoff = new Date("2027-03-10T20:00:00Z");
        expect(noCapacityReason(kickoff, false, new Date(kickoff.getTime() - 5 * MIN))).to.equal(undefined);
        expect(noCapacityReason(kickoff, false, new Date(kickoff.getTime() - 5 * MIN + 1000))).to.equal("too-late");
        expect(noCapacityReason(kickoff, false, kickoff)).to.equal("past");
        expect(noCapacityReason(kickoff, true, new Date(kickoff.getTime() - 60 * MIN))).to.equal("past");
        expect(noCapacityReason(kickoff, false, new Date(kickoff.getTime() - 60 * MIN), 90)).to.equal("too-late");
    });

    it("a kickoff that has passed in a window still on is past too: its pre-warm is gone", () => {
        const now = new Date("2027-03-10T20:30:00Z");
        const edit = fixtureEdit({
            before: { settings: side([], [], [], now), fixtures: [] },
            after: { settings: side([R16], [r16Window()], [], now), fixtures: rawFixtures(config([R16]), "kgsports") },
        });
        expect(edit.noCapacity.map((n) => n.reason)).to.deep.equal(["past"]);
        expect(edit.noCapacity[0].message).to.match(/, 30 minutes before this plan \(2027-03-10 20:30Z\): its kickoff has passed, so no pre-warm is scheduled for it; check the year$/);
    });

    it("a past fixture the edit leaves as it was is a note, not a failure", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const fixtures = rawFixtures(config([R16_PAST]), "kgsports");
        const settings = side([R16_PAST], [], [{ name: R16_PAST.name, kickoff: past }]);
        const edit = fixtureEdit({ before: { settings, fixtures }, after: { settings, fixtures } });
        expect(edit.noCapacity).to.deep.equal([]);
        expect(edit.notes).to.have.length(1);
        expect(edit.notes[0]).to.match(/^past fixture "UCL R16 second leg" \(kickoff 2026-03-10 20:00Z \([^)]+\)\) is unchanged by this edit: nothing is scheduled for it/);
    });

    it("a kickoff changed into the past fails, as a changed fixture; a removed past fixture does not", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const edit = fixtureEdit({
            before: { settings: side([R16], [r16Window()]), fixtures: rawFixtures(config([R16]), "kgsports") },
            after: { settings: side([R16_PAST], [], [{ name: R16.name, kickoff: past }]), fixtures: rawFixtures(config([R16_PAST]), "kgsports") },
        });
        expect(edit.noCapacity.map((n) => [n.fixture, n.change, n.reason])).to.deep.equal([["UCL R16 second leg", "changed", "past"]]);
        // The edit's own fixture fails the diff; it is not also a note.
        expect(edit.notes).to.deep.equal([]);
        expect(edit.windows.map((w) => w.line)).to.deep.equal(['window "UCL R16 second leg": 6 -> 33 -> 47 -> 89 -> 135 -> 6 (removed)']);
        const removed = fixtureEdit({
            before: { settings: side([R16_PAST], [], [{ name: R16.name, kickoff: past }]), fixtures: rawFixtures(config([R16_PAST]), "kgsports") },
            after: { settings: side([]), fixtures: [] },
        });
        expect(removed.noCapacity).to.deep.equal([]);
        expect(removed.fixtures.map((f) => f.change)).to.deep.equal(["removed"]);
    });

    it("an edit that keeps a kickoff creates no match the schedule missed: a raised audience mid-match, a played fixture tidied, a rename", () => {
        // 30 minutes into the R16 second leg: its floor is held (the diff's window warning says so).
        const during = new Date("2027-03-10T20:30:00Z");
        const raised = { ...R16, expectedPeakViewers: 160000 };
        const midMatch = fixtureEdit({
            before: { settings: side([R16], [r16Window()], [], during), fixtures: rawFixtures(config([R16]), "kgsports") },
            after: { settings: side([raised], [r16Window()], [], during), fixtures: rawFixtures(config([raised]), "kgsports") },
        });
        expect(midMatch.fixtures.map((f) => f.change)).to.deep.equal(["changed"]);
        expect(midMatch.noCapacity).to.deep.equal([]);
        expect(midMatch.notes).to.deep.equal([]);

        // A fixture played months ago, its audience corrected: a note, not "check the year (2027-...?)".
        const playedAt = new Date("2026-03-10T20:00:00Z");
        const corrected = { ...R16_PAST, expectedPeakViewers: 160000 };
        const tidied = fixtureEdit({
            before: { settings: side([R16_PAST], [], [{ name: R16.name, kickoff: playedAt }]), fixtures: rawFixtures(config([R16_PAST]), "kgsports") },
            after: { settings: side([corrected], [], [{ name: R16.name, kickoff: playedAt }]), fixtures: rawFixtures(config([corrected]), "kgsports") },
        });
        expect(tidied.noCapacity).to.deep.equal([]);
        expect(tidied.notes).to.have.length(1);
        expect(tidied.notes[0]).to.match(/^past fixture "UCL R16 second leg" \(kickoff 2026-03-10 20:00Z \([^)]+\)\) is changed by this edit without moving its kickoff: nothing is scheduled for it/);

        // Renamed three minutes before kickoff: the committed floor has been up since the pre-warm.
        const late = new Date("2027-03-10T19:57:00Z");
        const renamed = { ...R16, name: "UCL R16 second leg (Wed)" };
        const renaming = fixtureEdit({
            before: { settings: side([R16], [r16Window()], [], late), fixtures: rawFixtures(config([R16]), "kgsports") },
            after: { settings: side([renamed], [{ ...r16Window(), fixtures: [renamed.name] }], [], late), fixtures: rawFixtures(config([renamed]), "kgsports") },
        });
        expect(renaming.fixtures.map((f) => f.change).sort()).to.deep.equal(["added", "removed"]);
        expect(renaming.noCapacity).to.deep.equal([]);

        // The same rename with the kickoff moved as well is a new match, and too late.
        const moved = { ...renamed, kickoff: "2027-03-11T05:01:00+09:00" };
        const movedToo = fixtureEdit({
            before: { settings: side([R16], [r16Window()], [], late), fixtures: rawFixtures(config([R16]), "kgsports") },
            after: { settings: side([moved], [], [], late), fixtures: rawFixtures(config([moved]), "kgsports") },
        });
        expect(movedToo.noCapacity.map((n) => [n.fixture, n.change, n.reason])).to.deep.equal([["UCL R16 second leg (Wed)", "added", "too-late"]]);
    });

    it("too late by less than a minute says 1 minute into the match, never 0", () => {
        // Kickoff 4.5 minutes away: instances launched now serve 30 seconds after it.
        const now = new Date("2027-03-10T19:55:30Z");
        const edit = fixtureEdit({
            before: { settings: side([], [], [], now), fixtures: [] },
            after: { settings: side([R16], [], [], now), fixtures: rawFixtures(config([R16]), "kgsports") },
        });
        expect(edit.noCapacity[0].message).to.contain(", 1 minute into the match");
    });

    it("a name written twice: the second entry is what the edit adds, not a change of the first", () => {
        const twin = { ...R16, kickoff: "2027-03-12T05:00:00+09:00" };
        const changes = fixtureNameChanges(rawFixtures(config([R16]), "kgsports"), rawFixtures(config([R16, twin]), "kgsports"));
        expect(changes.map((c) => [c.change, c.name])).to.deep.equal([["added", "UCL R16 second leg"]]);
        expect(likelyCauseLines('kgsports:fixtures["UCL R16 second leg"].name = "UCL R16 second leg": duplicate fixture name', changes))
            .to.deep.equal(['likely cause: fixture "UCL R16 second leg", added in this edit']);
        // Taking the second one out again removes it; the first is untouched.
        const back = fixtureNameChanges(rawFixtures(config([R16, twin]), "kgsports"), rawFixtures(config([R16]), "kgsports"));
        expect(back.map((c) => [c.change, c.name])).to.deep.equal([["removed", "UCL R16 second leg"]]);
    });

    it("suggests the next year only when that kickoff is ahead and within the 400-day horizon", () => {
        expect(nextYearKickoff({ kickoff: "2026-03-11T05:00:00+09:00" }, NOW)).to.equal("2027-03-11");
        // 2025 + 1 is still past; 2027-12 + 1 is more than 400 days ahead.
        expect(nextYearKickoff({ kickoff: "2025-03-11T05:00:00+09:00" }, NOW)).to.equal(undefined);
        expect(nextYearKickoff({ kickoff: "2027-12-11T05:00:00+09:00" }, NOW)).to.equal(undefined);
    });

    it("says distances in the unit a person would", () => {
        expect(durationText(3 * MIN)).to.equal("3 minutes");
        expect(durationText(1 * MIN)).to.equal("1 minute");
        expect(durationText(5 * 60 * MIN)).to.equal("5 hours");
        expect(durationText(271.8 * 24 * 60 * MIN)).to.equal("271 days");
    });
});

describe("match windows: floor steps before and after", () => {
    it("a new window reads as the issue's example; an unchanged one is left out", () => {
        const finalWindow = { fixtures: ["UCL final"], preWarmAt: new Date("2027-05-29T17:50:00Z"), steps: [{ at: new Date("2027-05-29T17:50:00Z"), minSize: 50 }, { at: new Date("2027-05-29T21:05:00Z"), minSize: 6 }] };
        const lines = windowChanges(side([FINAL], [finalWindow]), side([R16, FINAL], [r16Window(), finalWindow])).map((w) => w.line);
        expect(lines).to.deep.equal(['window "UCL R16 second leg": 6 -> 33 -> 47 -> 89 -> 135 -> 6 (new)']);
    });

    it("a changed window shows before and after; one that only moved says where its pre-warm went", () => {
        const bigger = { ...r16Window(), steps: r16Window().steps.map((s) => ({ ...s, minSize: s.minSize === 135 ? 150 : s.minSize })) };
        expect(windowChanges(side([R16], [r16Window()]), side([R16], [bigger])).map((w) => w.line)).to.deep.equal([
            'window "UCL R16 second leg": before: 6 -> 33 -> 47 -> 89 -> 135 -> 6 / after: 6 -> 33 -> 47 -> 89 -> 150 -> 6',
        ]);
        const later = r16Window(new Date("2027-03-10T21:00:00Z"));
        const moved = windowChanges(side([R16], [r16Window()]), side([R16], [later]));
        expect(moved).to.have.length(1);
        expect(moved[0].line).to.match(/^window "UCL R16 second leg": 6 -> 33 -> 47 -> 89 -> 135 -> 6, pre-warm 2027-03-10 18:50Z \([^)]+\) -> 2027-03-10 19:50Z /);
    });
});

describe("a failed plan names the fixture the edit added or changed", () => {
    it("one line per added or changed fixture the problems name; removed or unnamed ones are not blamed", () => {
        const problems = 'Stack "matchday" has invalid config:\n  - kgsports:fixtures["UCL R16 second leg"].kickoff = "...": overlaps the backup window';
        const changes = [
            { change: "added" as const, name: "UCL R16 second leg" },
            { change: "changed" as const, name: "UCL final" },
            { change: "removed" as const, name: "Old" },
        ];
        expect(likelyCauseLines(problems, changes)).to.deep.equal(['likely cause: fixture "UCL R16 second leg", added in this edit']);
        expect(likelyCauseLines('fixture "UCL final" and "Old"', changes)).to.deep.equal(['likely cause: fixture "UCL final", changed in this edit']);
    });
});

describe("dashboards in one line", () => {
    const annotation = (label: string, value: string) => ({ label, value });
    const body = (widgets: { label: string; value: string }[][]) => ({
        dashboardBody: JSON.stringify({ widgets: widgets.map((vertical, i) => ({ properties: { title: `widget ${i}`, annotations: { vertical } } })) }),
    });
    const season = [annotation("pre-warm: A (min 54)", "2027-04-06T17:50:00.000Z"), annotation("kickoff: A", "2027-04-06T19:00:00.000Z")];
    const r16 = [annotation("pre-warm: R16 (min 135)", "2027-03-10T18:50:00.000Z"), annotation("kickoff: R16", "2027-03-10T20:00:00.000Z")];

    it("an annotation that only shifted position is no change; one added in front is counted once per kind", () => {
        expect([...annotationChanges(season, [...season].reverse()).keys()]).to.deep.equal([]);
        const counts = annotationChanges(season, [...r16, ...season]);
        expect(Object.fromEntries([...counts].map(([verb, kinds]) => [verb, Object.fromEntries(kinds)]))).to.deep.equal({ added: { "pre-warm": 1, kickoff: 1 } });
    });

    it("says what happened on how many widgets, moved and relabelled apart from added", () => {
        const paths = ["dashboardBody.widgets.0.properties.annotations.vertical.0.label"];
        expect(dashboardChangeLine("observability-dashboard", body([season, season]), body([[...r16, ...season], [...r16, ...season]]), paths)).to.equal(
            "~ dashboard observability-dashboard: 1 pre-warm annotation and 1 kickoff annotation added, on each of 2 widgets",
        );
        const moved = [annotation("pre-warm: A (min 54)", "2027-04-06T18:50:00.000Z"), annotation("kickoff: A", "2027-04-06T20:00:00.000Z")];
        expect(dashboardChangeLine("d", body([season]), body([moved]), paths)).to.equal('~ dashboard d: 1 pre-warm annotation and 1 kickoff annotation moved (widget "widget 0")');
        const relabelled = [annotation("pre-warm: A (min 60)", "2027-04-06T17:50:00.000Z"), season[1]];
        expect(dashboardChangeLine("d", body([season]), body([relabelled]), paths)).to.equal('~ dashboard d: 1 pre-warm annotation relabelled (widget "widget 0")');
        expect(dashboardChangeLine("d", body([season]), body([[...season].reverse()]), paths)).to.equal("~ dashboard d: annotations in a new order only: none added, removed or moved");
    });

    it("widgets with the same changes together, a widget by its title, a line without a colon by its label without numbers", () => {
        // The observability dashboard as issue 20 shows it: 7 widgets get the new match, and the fleet widget's maxSize line moves.
        const titles = ["Requests", "5xx", "Latency", "Healthy hosts", "CPU", "Tunnel", "Fleet size"];
        const dashboard = (vertical: { label: string; value: string }[], maxSize: number) => ({
            dashboardBody: JSON.stringify({
                widgets: [
                    { properties: { title: "Text", markdown: "no annotations" } },
                    ...titles.map((title) => ({ properties: { title, annotations: { vertical, ...(title === "Fleet size" ? { horizontal: [{ label: `maxSize ${maxSize}`, value: maxSize }] } : {}) } } })),
                ],
            }),
        });
        const paths = ["dashboardBody.widgets.1.properties.annotations.vertical.0.label"];
        expect(dashboardChangeLine("observability-dashboard", dashboard(season, 12), dashboard([...r16, ...season], 16), paths)).to.equal(
            '~ dashboard observability-dashboard: 1 pre-warm annotation and 1 kickoff annotation added, on each of 7 widgets; 1 maxSize annotation moved (widget "Fleet size")',
        );
        // Untitled: its position in the dashboard, 1-based, not among the changed widgets.
        const untitled = (vertical: { label: string; value: string }[]) => ({
            dashboardBody: JSON.stringify({ widgets: [{ properties: { title: "Requests", annotations: { vertical: season } } }, { properties: { annotations: { vertical } } }] }),
        });
        expect(dashboardChangeLine("d", untitled(season), untitled([...r16, ...season]), paths)).to.equal("~ dashboard d: 1 pre-warm annotation and 1 kickoff annotation added (widget 2)");
    });

    it("other body changes are counted by path prefix", () => {
        const paths = ["dashboardBody.widgets.3.properties.metrics.0.1", "dashboardBody.widgets.3.properties.metrics.1.1", "dashboardBody.widgets.4.properties.title"];
        expect(dashboardChangeLine("d", body([season]), body([season]), paths)).to.equal(
            "~ dashboard d: 3 other body settings changed (dashboardBody.widgets.3.properties.metrics, dashboardBody.widgets.4.properties.title)",
        );
    });
});

/** A diff as the JSON document has it, with the sections' contents told apart by their text. */
function sampleDiff(): PlanDiff {
    const urn = (type: string, name: string) => `urn:pulumi:matchday::kgsports::kgsports:web:ScalingWebTier$${type}::${name}`;
    const action = urn("aws:autoscaling/schedule:Schedule", "web-prewarm");
    return {
        project: "kgsports",
        stack: "matchday",
        against: "HEAD:Pulumi.matchday.yaml",
        added: [action, urn("aws:sns/topic:Topic", "alerts")],
        removed: [],
        changed: [
            { urn: urn("aws:cloudwatch/metricAlarm:MetricAlarm", "traffic"), type: "aws:cloudwatch/metricAlarm:MetricAlarm", name: "traffic", changes: [{ path: "threshold", from: "1", to: "2" }] },
            { urn: urn(DASHBOARD_TYPE, "dash"), type: DASHBOARD_TYPE, name: "dash", changes: [{ path: "dashboardBody.widgets.0.x", from: "1", to: "2" }], summary: "~ dashboard dash: 1 kickoff annotation added (on 1 widget)" },
        ],
        warnings: ["NO CAPACITY: fixture \"X\" ...", "maxSize 4 -> 2"],
        againstCommit: "0123456789abcdef",
        source: "Pulumi.matchday.yaml",
        scheduledActions: [{ change: "added", name: "prewarm-x", urn: action, from: null, to: null, line: "+ scheduled action prewarm-x: 2027-03-10 18:50Z" }],
        fixtureChanges: [{ change: "added", name: "X", kickoff: "2027-03-10T20:00:00.000Z", fields: [], line: '+ fixture "X": kickoff 2027-03-10 20:00Z' }],
        windowChanges: [{ change: "added", fixtures: ["X"], before: null, after: [6, 33, 6], line: 'window "X": 6 -> 33 -> 6 (new)' }],
        noCapacity: [{ fixture: "X", kickoff: "2026-03-10T20:00:00.000Z", reason: "past", change: "added", message: 'NO CAPACITY: fixture "X" ...' }],
        notes: ['past fixture "Y" ... is unchanged by this edit'],
    };
}

describe("the text diff's order: what an operator decides on first", () => {
    it("header and NO CAPACITY, summary, scheduled actions, warnings, notes, then other resources, a dashboard in its one line", () => {
        const lines = renderDiff(sampleDiff()).split("\n");
        expect(lines[0]).to.equal('Stack "matchday": working Pulumi.matchday.yaml against HEAD (0123456): 2 added, 0 removed, 2 changed.');
        expect(lines[1]).to.equal('NO CAPACITY: fixture "X" ...');
        const at = (line: string) => {
            const i = lines.indexOf(line);
            expect(i, line).to.be.greaterThan(0);
            return i;
        };
        const order = [
            "Summary:",
            '  + fixture "X": kickoff 2027-03-10 20:00Z',
            '  window "X": 6 -> 33 -> 6 (new)',
            "  resources: 2 added (1 scheduled action, 1 topic), 0 removed, 2 changed (1 dashboard, 1 metric alarm)",
            "Scheduled actions:",
            "+ scheduled action prewarm-x: 2027-03-10 18:50Z",
            "Warnings:",
            '  ! NO CAPACITY: fixture "X" ...',
            "  ! maxSize 4 -> 2",
            "Notes:",
            "Other resources:",
            "+ kgsports:web:ScalingWebTier$aws:sns/topic:Topic::alerts",
            "~ aws:cloudwatch/metricAlarm:MetricAlarm  traffic",
            "    threshold: 1 -> 2",
            "~ dashboard dash: 1 kickoff annotation added (on 1 widget)",
        ].map(at);
        expect(order).to.deep.equal([...order].sort((a, b) => a - b));
        expect(lines.join("\n")).to.not.contain("dashboardBody");
    });

    it("a diff without fixture changes (two stacks) still has the summary's resource counts", () => {
        const d = { ...sampleDiff(), fixtureChanges: [], windowChanges: [], noCapacity: [], notes: [], warnings: [] };
        const text = renderDiff(d);
        expect(text).to.contain("\nSummary:\n  resources: 2 added").and.not.contain("Notes:").and.not.contain("Warnings:");
    });
});

describe("fitting the diff in a comment", () => {
    const sections = (): DiffSection[] => [
        { name: "header", heading: [], lines: ["Stack x: 1 added"] },
        { name: "summary", heading: ["", "Summary:"], lines: ["  + fixture A"] },
        { name: "scheduled actions", heading: ["", "Scheduled actions:"], lines: Array.from({ length: 5 }, (_, i) => `+ scheduled action a${i}`) },
        { name: "warnings", heading: ["", "Warnings:"], lines: ["  ! w"] },
        { name: "notes", heading: ["", "Notes:"], lines: Array.from({ length: 4 }, (_, i) => `  - note ${i} ${"n".repeat(40)}`), cutOrder: 2 },
        {
            name: "other resources",
            heading: ["", "Other resources:"],
            lines: Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `~ resource r${i}` : `    setting ${"s".repeat(60)}`)),
            cutOrder: 1,
        },
    ];
    const RERUN = "npm run plan -- --stack matchday --diff --base abc";

    it("within the budget: the text as rendered", () => {
        const full = renderSections(sections());
        expect(fitSections(sections(), full.length, RERUN)).to.equal(full);
    });

    it("cuts whole lines of other resources first, never a head without its settings, and says what it left out", () => {
        const full = renderSections(sections());
        const budget = full.length - 300;
        const text = fitSections(sections(), budget, RERUN);
        expect(text.length).to.be.at.most(budget);
        const lines = text.split("\n");
        const fullLines = full.split("\n");
        // Whole lines only: every line but the left-out line is a line of the full text.
        const marker = lines.filter((l) => !fullLines.includes(l));
        expect(marker).to.have.length(1);
        const m = /^\.\.\. (\d+) lines of other resources left out \(([\d ]+) characters\): run npm run plan -- --stack matchday --diff --base abc for them$/.exec(marker[0]);
        expect(m, marker[0]).to.not.equal(null);
        const kept = lines.filter((l) => /^( {4}setting|~ resource)/.test(l));
        expect(Number(m![1])).to.equal(20 - kept.length);
        expect(kept[kept.length - 1]).to.match(/^ {4}setting/);
        expect(text).to.contain("Notes:");
        for (const l of ["Stack x: 1 added", "  + fixture A", "  ! w", ...sections()[2].lines]) expect(lines).to.include(l);
    });

    it("then notes; the summary, scheduled actions and warnings stay whole while they alone fit", () => {
        const mustKeep = renderSections(sections().filter((s) => s.cutOrder === undefined)).length;
        // Room for them and the two left-out lines (about 110 characters each), not one more note.
        const text = fitSections(sections(), mustKeep + 240, RERUN);
        expect(text.length).to.be.at.most(mustKeep + 240);
        expect(text).to.not.contain("~ resource").and.not.contain("note 0");
        expect(text).to.contain("... 20 lines of other resources left out").and.contain("... 4 lines of notes left out");
        for (const l of ["Stack x: 1 added", "  + fixture A", "  ! w", ...sections()[2].lines]) expect(text.split("\n")).to.include(l);
    });

    it("numbers as the team writes them", () => {
        expect(groupedNumber(12345)).to.equal("12 345");
        expect(groupedNumber(999)).to.equal("999");
        expect(groupedNumber(1234567)).to.equal("1 234 567");
    });

    it("renderDiff with maxChars cuts the same way and names the rerun command", () => {
        const d = sampleDiff();
        const full = renderDiff(d);
        const cut = renderDiff(d, { maxChars: full.length - 10, rerun: RERUN });
        expect(cut.length).to.be.at.most(full.length - 10);
        expect(cut).to.contain("+ scheduled action prewarm-x").and.contain("lines of other resources left out").and.contain(RERUN);
        expect(diffSections(d).map((s) => s.name)).to.deep.equal(["header", "summary", "scheduled actions", "warnings", "notes", "other resources"]);
    });
});

/**
 * The fixture summary, the window lines and NO CAPACITY at their edges, worked by hand from
 * issue 20's examples: 21:00 in Budapest (CEST) is 19:00Z, 04:00 the next day in Seoul (+09:00).
 */
describe("fixture changes at their edges", () => {
    const SEOUL = (local: string) => `(${local} UTC+09:00)`;
    const edit = (before: object[], after: object[], opts: { beforeSettings?: FixtureSideSettings; afterSettings?: FixtureSideSettings } = {}) =>
        fixtureEdit({
            before: { settings: opts.beforeSettings ?? side(before as never), fixtures: rawFixtures(config(before), "kgsports") },
            after: { settings: opts.afterSettings ?? side(after as never), fixtures: rawFixtures(config(after), "kgsports") },
        });

    it("raw fixtures: no config, a config that is not a list, and entries without a string name are none", () => {
        expect(rawFixtures(undefined, "kgsports")).to.deep.equal([]);
        expect(rawFixtures({ "kgsports:fixtures": '{"name":"UCL final"}' }, "kgsports")).to.deep.equal([]);
        expect(rawFixtures({ "kgsports:fixtures": "7" }, "kgsports")).to.deep.equal([]);
        expect(rawFixtures({ "kgsports:fixtures": JSON.stringify([null, "UCL final", 7, ["UCL final"], { name: 7 }, { name: "A", kickoff: "x" }]) }, "kgsports")).to.deep.equal([
            { name: "A", fields: { kickoff: '"x"' } },
        ]);
    });

    it("added and removed fixtures carry no fields; a name written twice pairs with its own entry", () => {
        expect(fixtureNameChanges(rawFixtures(config([FINAL]), "kgsports"), rawFixtures(config([R16]), "kgsports"))).to.deep.equal([
            { change: "added", name: "UCL R16 second leg", fields: [] },
            { change: "removed", name: "UCL final", fields: [] },
        ]);
        const twin = { ...R16, kickoff: "2027-03-12T05:00:00+09:00" };
        const twinLater = { ...twin, kickoff: "2027-03-13T05:00:00+09:00" };
        expect(fixtureNameChanges(rawFixtures(config([R16, twin]), "kgsports"), rawFixtures(config([R16, twinLater]), "kgsports"))).to.deep.equal([
            { change: "changed", name: "UCL R16 second leg", fields: [{ field: "kickoff", from: '"2027-03-12T05:00:00+09:00"', to: '"2027-03-13T05:00:00+09:00"' }] },
        ]);
    });

    it("each line names every other field; the kickoff field is the instant on the side that has it", () => {
        const e = edit([R16], [FINAL]);
        expect(e.fixtures.map((f) => [f.line, f.kickoff])).to.deep.equal([
            // timeZone is part of the kickoff, not a field of its own on the line.
            [`+ fixture "UCL final": kickoff 2027-05-29 19:00Z ${SEOUL("2027-05-30 04:00")}, expectedPeakViewers 150000`, "2027-05-29T19:00:00.000Z"],
            [`- fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")}, expectedPeakViewers 150000`, "2027-03-10T20:00:00.000Z"],
        ]);
    });

    it("a changed fixture: the kickoff moved with another field, the zone alone, a field set for the first time, a value that is not text", () => {
        const moved = { ...R16, kickoff: "2027-03-12T05:00:00+09:00", expectedPeakViewers: 170000 };
        const both = edit([R16], [moved]).fixtures[0];
        expect(both.line).to.equal(
            `~ fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")} -> 2027-03-11 20:00Z ${SEOUL("2027-03-12 05:00")}, expectedPeakViewers 150000 -> 170000`,
        );
        expect(both.kickoff).to.equal("2027-03-11T20:00:00.000Z");
        // 21:00 in London (BST, +01:00) is 20:00Z.
        const london = { ...FINAL, timeZone: "Europe/London" };
        expect(edit([FINAL], [london]).fixtures[0].line).to.equal(
            `~ fixture "UCL final": kickoff 2027-05-29 19:00Z ${SEOUL("2027-05-30 04:00")} -> 2027-05-29 20:00Z ${SEOUL("2027-05-30 05:00")}, timeZone Europe/Budapest -> Europe/London`,
        );
        const { expectedPeakViewers: _, ...unsized } = FINAL;
        const broadcast = { ...FINAL, broadcast: { tv: "SPOTV" } };
        expect(edit([unsized], [broadcast]).fixtures[0].line).to.equal(
            `~ fixture "UCL final": kickoff 2027-05-29 19:00Z ${SEOUL("2027-05-30 04:00")}, expectedPeakViewers (unset) -> 150000, broadcast (unset) -> {"tv":"SPOTV"}`,
        );
    });

    it("a kickoff written another way for the same instant did not move", () => {
        const utc = { ...R16, kickoff: "2027-03-10T20:00:00Z" };
        const e = edit([R16], [utc]);
        expect(e.fixtures[0].line).to.equal(`~ fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")}`);
        expect(e.noCapacity).to.deep.equal([]);
    });

    it("a fixture whose kickoff names no instant: no kickoff on its line, and no NO CAPACITY (the config's own check refuses it)", () => {
        const typed = { name: "Typed", kickoff: "2027-03-11 05:00", expectedPeakViewers: 1000 };
        const gone = { name: "Gone", kickoff: "2027-03-11 05:00" };
        const e = edit([gone], [typed], { beforeSettings: side([]), afterSettings: side([typed]) });
        expect(e.fixtures.map((f) => [f.line, f.kickoff])).to.deep.equal([
            ['+ fixture "Typed": kickoff (no kickoff), expectedPeakViewers 1000', null],
            ['- fixture "Gone": kickoff (no kickoff)', null],
        ]);
        expect(e.noCapacity).to.deep.equal([]);
        // Nor when the settings leave the fixture out altogether, or its kickoff became unreadable.
        expect(edit([], [typed], { beforeSettings: side([]), afterSettings: side([]) }).fixtures.map((f) => f.line)).to.deep.equal(['+ fixture "Typed": kickoff (no kickoff), expectedPeakViewers 1000']);
        const broken = { ...R16, kickoff: "2027-03-11 05:00" };
        const e2 = edit([R16], [broken], { afterSettings: side([broken]) });
        expect(e2.fixtures.map((f) => f.line)).to.deep.equal([`~ fixture "UCL R16 second leg": kickoff 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")} -> (no kickoff)`]);
        expect(e2.noCapacity).to.deep.equal([]);
    });

    it("a kickoff fixed from unreadable to a past date fails as a change, from no kickoff to the new one", () => {
        const typed = { ...R16_PAST, kickoff: "2026-03-11 05:00" };
        const e = edit([typed], [R16_PAST], {
            beforeSettings: side([typed]),
            afterSettings: side([R16_PAST], [], [{ name: R16.name, kickoff: new Date("2026-03-10T20:00:00Z") }]),
        });
        expect(e.fixtures[0].line).to.equal(`~ fixture "UCL R16 second leg": kickoff (no kickoff) -> 2026-03-10 20:00Z ${SEOUL("2026-03-11 05:00")}`);
        expect(e.noCapacity.map((n) => [n.fixture, n.change, n.reason])).to.deep.equal([["UCL R16 second leg", "changed", "past"]]);
    });

    it("the wrong year beside a fixture in good order: only the wrong one fails", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const e = edit([FINAL], [FINAL, R16_PAST], { afterSettings: side([FINAL, R16_PAST], [], [{ name: R16.name, kickoff: past }]) });
        expect(e.noCapacity.map((n) => n.fixture)).to.deep.equal(["UCL R16 second leg"]);
        expect(e.notes).to.deep.equal([]);
    });

    it("a new fixture at the kickoff another fixture moved away from is a new match: too late, it fails", () => {
        const now = new Date("2027-03-10T19:57:00Z");
        const movedAway = { ...R16, kickoff: "2027-03-12T05:00:00+09:00" };
        const inItsPlace = { name: "Friendly", kickoff: "2027-03-11T05:00:00+09:00" };
        const e = edit([R16], [movedAway, inItsPlace], { beforeSettings: side([R16], [], [], now), afterSettings: side([movedAway, inItsPlace], [], [], now) });
        expect(e.noCapacity.map((n) => [n.fixture, n.change, n.reason])).to.deep.equal([["Friendly", "added", "too-late"]]);
    });

    it("taking out the second entry of a past fixture written twice fails nothing", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const settings = side([R16_PAST], [], [{ name: R16.name, kickoff: past }]);
        const e = edit([R16_PAST, R16_PAST], [R16_PAST], { beforeSettings: side([R16_PAST, R16_PAST], [], [{ name: R16.name, kickoff: past }]), afterSettings: settings });
        expect(e.fixtures.map((f) => f.change)).to.deep.equal(["removed"]);
        expect(e.noCapacity).to.deep.equal([]);
    });

    it("a past fixture renamed without moving its kickoff: a note that says renamed", () => {
        const past = new Date("2026-03-10T20:00:00Z");
        const renamed = { ...R16_PAST, name: "UCL R16 2nd leg" };
        const e = edit([R16_PAST], [renamed], {
            beforeSettings: side([R16_PAST], [], [{ name: R16.name, kickoff: past }]),
            afterSettings: side([renamed], [], [{ name: renamed.name, kickoff: past }]),
        });
        expect(e.noCapacity).to.deep.equal([]);
        expect(e.notes).to.deep.equal([
            `past fixture "UCL R16 2nd leg" (kickoff 2026-03-10 20:00Z ${SEOUL("2026-03-11 05:00")}) is renamed by this edit without moving its kickoff: nothing is scheduled for it; remove it, or fix its date`,
        ]);
    });

    it("a kickoff exactly at the plan's clock in a window still on: its kickoff has passed, 0 minutes before", () => {
        const now = new Date("2027-03-10T20:00:00Z");
        const e = edit([], [R16], { beforeSettings: side([], [], [], now), afterSettings: side([R16], [r16Window()], [], now) });
        expect(e.noCapacity.map((n) => n.message)).to.deep.equal([
            `NO CAPACITY: fixture "UCL R16 second leg" kicks off 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")}, 0 minutes before this plan (2027-03-10 20:00Z): ` +
                "its kickoff has passed, so no pre-warm is scheduled for it; check the year",
        ]);
    });

    it("the message alone: a past fixture's window is over unless told otherwise, and the year to try is given", () => {
        expect(noCapacityMessage(R16_PAST, new Date("2026-03-10T20:00:00Z"), "past", NOW, "Asia/Seoul")).to.equal(
            `NO CAPACITY: fixture "UCL R16 second leg" kicks off 2026-03-10 20:00Z ${SEOUL("2026-03-11 05:00")}, 271 days before this plan (2026-12-07 16:00Z): ` +
                "it is past, so nothing is scheduled for it; check the year (2027-03-11?)",
        );
        // 10 minutes before kickoff with a 15-minute cold launch: serving 5 minutes into the match.
        const now = new Date("2027-03-10T19:50:00Z");
        expect(noCapacityMessage(R16, new Date("2027-03-10T20:00:00Z"), "too-late", now, "Asia/Seoul", 15)).to.equal(
            `NO CAPACITY: fixture "UCL R16 second leg" kicks off 2027-03-10 20:00Z ${SEOUL("2027-03-11 05:00")}, 10 minutes after this plan (2027-03-10 19:50Z): ` +
                `instances launched now serve from 2027-03-10 20:05Z ${SEOUL("2027-03-11 05:05")}, 5 minutes into the match (a cold launch takes 15 minutes), ` +
                "so no floor can be in service before kickoff; check the year, date and time",
        );
    });

    it("no year to suggest: not a date, a five-digit year, a leap day the next year lacks, a year later still not ahead", () => {
        expect(nextYearKickoff({ kickoff: "next March" }, NOW)).to.equal(undefined);
        expect(nextYearKickoff({ kickoff: "12026-03-11T05:00:00+09:00" }, NOW)).to.equal(undefined);
        expect(nextYearKickoff({ kickoff: "2028-02-29T20:00:00Z" }, new Date("2028-06-01T00:00:00Z"))).to.equal(undefined);
        expect(nextYearKickoff({ kickoff: "2026-03-10T20:00:00Z" }, new Date("2027-03-10T20:00:00Z"))).to.equal(undefined);
        expect(nextYearKickoff({ kickoff: "2026-03-10T20:00:00Z" }, new Date("2027-03-10T19:59:00Z"))).to.equal("2027-03-10");
    });

    it("distances change unit at 2 hours and at 2 days", () => {
        expect(durationText(119 * MIN)).to.equal("119 minutes");
        expect(durationText(120 * MIN)).to.equal("2 hours");
        expect(durationText((48 * 60 - 1) * MIN)).to.equal("47 hours");
        expect(durationText(48 * 60 * MIN)).to.equal("2 days");
        expect(durationText(-90 * MIN)).to.equal("90 minutes");
    });

    it("a fixture named with a quote is blamed when the problems write its name as JSON", () => {
        const problems = 'kgsports:fixtures["Derby \\"Clasico\\""].kickoff = "...": overlaps the backup window';
        expect(likelyCauseLines(problems, [{ change: "changed", name: 'Derby "Clasico"' }])).to.deep.equal(['likely cause: fixture "Derby "Clasico"", changed in this edit']);
    });
});

describe("match windows at their edges", () => {
    const at = (hhmm: string) => new Date(`2027-03-10T${hhmm}:00Z`);
    const win = (fixtures: string[], preWarm: string, steps: [string, number][]) => ({ fixtures, preWarmAt: at(preWarm), steps: steps.map(([t, minSize]) => ({ at: at(t), minSize })) });
    const A = win(["A"], "18:50", [["18:50", 33], ["22:05", 6]]);
    const withBaseline = (s: FixtureSideSettings, baselineMinSize: number): FixtureSideSettings => ({ matchday: { ...s.matchday, plan: { ...s.matchday.plan, baselineMinSize } } });

    it("new, changed and removed windows carry their fixtures and steps", () => {
        const B = win(["B"], "10:50", [["10:50", 40], ["14:05", 6]]);
        const bigger = win(["A"], "18:50", [["18:50", 50], ["22:05", 6]]);
        expect(windowChanges(side([], [A, B]), side([], [bigger, win(["C"], "12:50", [["12:50", 20], ["16:05", 6]])]))).to.deep.equal([
            { change: "changed", fixtures: ["A"], before: [6, 33, 6], after: [6, 50, 6], line: 'window "A": before: 6 -> 33 -> 6 / after: 6 -> 50 -> 6' },
            { change: "added", fixtures: ["C"], before: null, after: [6, 20, 6], line: 'window "C": 6 -> 20 -> 6 (new)' },
            { change: "removed", fixtures: ["B"], before: [6, 40, 6], after: null, line: 'window "B": 6 -> 40 -> 6 (removed)' },
        ]);
    });

    it("two windows merged into one: both before, no single pre-warm to move", () => {
        const B = win(["B"], "19:20", [["19:20", 40], ["22:35", 6]]);
        const merged = win(["A", "B"], "18:40", [["18:40", 60], ["22:35", 6]]);
        expect(windowChanges(side([], [A, B]), side([], [merged]))).to.deep.equal([
            { change: "changed", fixtures: ["A", "B"], before: [6, 33, 6, 6, 40, 6], after: [6, 60, 6], line: 'window "A" + "B": before: 6 -> 33 -> 6 and 6 -> 40 -> 6 / after: 6 -> 60 -> 6' },
        ]);
    });

    it("a window whose fixtures change with its steps the same names what it was", () => {
        const joined = { ...A, fixtures: ["A", "B"] };
        expect(windowChanges(side([], [A]), side([], [joined])).map((w) => w.line)).to.deep.equal(['window "A" + "B" (was window "A"): 6 -> 33 -> 6']);
        // A fixture swapped for another: sharing one fixture is enough to be the same window.
        expect(windowChanges(side([], [{ ...A, fixtures: ["A", "C"] }]), side([], [joined])).map((w) => w.line)).to.deep.equal(['window "A" + "B" (was window "A" + "C"): 6 -> 33 -> 6']);
        // Names are compared one by one, not as one run of text.
        expect(windowChanges(side([], [{ ...A, fixtures: ["A", "BC"] }]), side([], [{ ...A, fixtures: ["A", "B", "C"] }])).map((w) => w.line)).to.deep.equal([
            'window "A" + "B" + "C" (was window "A" + "BC"): 6 -> 33 -> 6',
        ]);
    });

    it("a window of two fixtures: unchanged is left out; with new steps it keeps its name", () => {
        const AB = { ...A, fixtures: ["A", "B"] };
        expect(windowChanges(side([], [AB]), side([], [AB]))).to.deep.equal([]);
        const bigger = { ...AB, steps: [{ at: at("18:50"), minSize: 50 }, { at: at("22:05"), minSize: 6 }] };
        expect(windowChanges(side([], [AB]), side([], [bigger])).map((w) => w.line)).to.deep.equal(['window "A" + "B": before: 6 -> 33 -> 6 / after: 6 -> 50 -> 6']);
    });

    it("a new baseline, one more step, a step at another time: each is a change", () => {
        expect(windowChanges(side([], [A]), withBaseline(side([], [A]), 8)).map((w) => w.line)).to.deep.equal(['window "A": before: 6 -> 33 -> 6 / after: 8 -> 33 -> 6']);
        const more = win(["A"], "18:50", [["18:50", 33], ["22:05", 6], ["22:10", 6]]);
        expect(windowChanges(side([], [A]), side([], [more])).map((w) => w.line)).to.deep.equal(['window "A": before: 6 -> 33 -> 6 / after: 6 -> 33 -> 6 -> 6']);
        const laterRelease = win(["A"], "18:50", [["18:50", 33], ["22:15", 6]]);
        expect(windowChanges(side([], [A]), side([], [laterRelease]))).to.deep.equal([
            { change: "changed", fixtures: ["A"], before: [6, 33, 6], after: [6, 33, 6], line: 'window "A": 6 -> 33 -> 6' },
        ]);
    });
});

describe("dashboards in one line, at their edges", () => {
    const ann = (label: string, value = "2027-03-10T20:00:00.000Z") => ({ label, value });
    const widget = (title: string | undefined, vertical: unknown[]) => ({ properties: { ...(title === undefined ? {} : { title }), annotations: { vertical } } });
    const dash = (widgets: unknown[]) => ({ dashboardBody: JSON.stringify({ widgets }) });
    const ANNOTATION_PATH = ["dashboardBody.widgets.0.properties.annotations.vertical.0.label"];
    const counts = (before: { label: string; value: string }[], after: { label: string; value: string }[]) =>
        Object.fromEntries([...annotationChanges(before, after)].map(([verb, kinds]) => [verb, Object.fromEntries(kinds)]));

    it("a body given as an object, or unreadable on one side, still counts its annotations", () => {
        const kickoff = [ann("kickoff: R16")];
        const asObject = (vertical: unknown[]) => ({ dashboardBody: { widgets: [widget("Requests", vertical)] } });
        expect(dashboardChangeLine("d", asObject([]), asObject(kickoff), ANNOTATION_PATH)).to.equal('~ dashboard d: 1 kickoff annotation added (widget "Requests")');
        expect(dashboardChangeLine("d", { dashboardBody: "not json" }, dash([widget("Requests", kickoff)]), ANNOTATION_PATH)).to.equal('~ dashboard d: 1 kickoff annotation added (widget "Requests")');
        expect(dashboardChangeLine("d", {}, dash([widget("Requests", kickoff)]), ANNOTATION_PATH)).to.equal('~ dashboard d: 1 kickoff annotation added (widget "Requests")');
    });

    it("widgets without properties and annotations without a label are read, not thrown on", () => {
        const before = dash([null, {}, { properties: {} }, widget("Fleet size", [])]);
        const after = dash([null, {}, { properties: {} }, widget("Fleet size", [{ value: 12 }, null])]);
        expect(dashboardChangeLine("d", before, after, ANNOTATION_PATH)).to.equal('~ dashboard d: 2 other annotations added (widget "Fleet size")');
    });

    it("untitled widgets are told apart by position; a widget added or removed is named as its side has it", () => {
        const r16 = [ann("kickoff: R16")];
        expect(dashboardChangeLine("d", dash([widget(undefined, []), widget(undefined, [])]), dash([widget(undefined, r16), widget(undefined, r16)]), ANNOTATION_PATH)).to.equal(
            "~ dashboard d: 1 kickoff annotation added, on each of 2 widgets",
        );
        expect(dashboardChangeLine("d", dash([widget("A", [])]), dash([widget("A", []), widget("B", r16)]), ANNOTATION_PATH)).to.equal('~ dashboard d: 1 kickoff annotation added (widget "B")');
        expect(dashboardChangeLine("d", dash([widget("A", []), widget("B", r16)]), dash([widget("A", [])]), ANNOTATION_PATH)).to.equal('~ dashboard d: 1 kickoff annotation removed (widget "B")');
    });

    it("most widgets first; several kinds in one phrase; more than one of a kind", () => {
        const season = [ann("kickoff: A", "2027-04-06T19:00:00.000Z")];
        const before = dash([widget("Fleet size", [ann("pre-warm: A (min 54)")]), widget("Requests", season), widget("CPU", season)]);
        const after = dash([
            widget("Fleet size", [ann("pre-warm: A (min 60)")]),
            widget("Requests", [...season, ann("kickoff: R16"), ann("kickoff: R16 replay", "2027-03-11T20:00:00.000Z")]),
            widget("CPU", [...season, ann("kickoff: R16"), ann("kickoff: R16 replay", "2027-03-11T20:00:00.000Z")]),
        ]);
        expect(dashboardChangeLine("d", before, after, ANNOTATION_PATH)).to.equal('~ dashboard d: 2 kickoff annotations added, on each of 2 widgets; 1 pre-warm annotation relabelled (widget "Fleet size")');
        expect(counts([], [ann("pre-warm: R16"), ann("kickoff: R16"), ann("maxSize 16")])).to.deep.equal({ added: { "pre-warm": 1, kickoff: 1, maxSize: 1 } });
        expect(dashboardChangeLine("d", dash([widget("W", [])]), dash([widget("W", [ann("pre-warm: R16"), ann("kickoff: R16"), ann("maxSize 16")])]), ANNOTATION_PATH)).to.equal(
            '~ dashboard d: 1 pre-warm annotation, 1 kickoff annotation and 1 maxSize annotation added (widget "W")',
        );
    });

    it("the kind of a label: before its colon when that is near the start, else the label without numbers and minimums", () => {
        const labels = [
            "kickoff : A",
            "floor (min 135)",
            "floor ( min  1,350 )",
            "CPU  target 70%",
            "p95 latency 800",
            "2xx rate 5",
            "threshold -5",
            "12",
            // Cut at 30 characters, then trimmed.
            "instances in service in zones a and c 12",
            // The colon is 40 characters in: not a kind before a colon.
            "Champions League quarter-final first leg: kickoff",
        ];
        expect(counts([], labels.map((l) => ann(l)))).to.deep.equal({
            added: {
                kickoff: 1,
                floor: 2,
                "CPU target": 1,
                "p95 latency": 1,
                "2xx rate": 1,
                threshold: 1,
                other: 1,
                "instances in service in zones": 1,
                "Champions League quarter-final": 1,
            },
        });
    });

    it("what makes two labels one annotation: the label up to a trailing (min N), or a line's kind", () => {
        // Another fixture's kickoff is not this one's, moved.
        expect(counts([ann("kickoff: A")], [ann("kickoff: B", "2027-03-11T20:00:00.000Z")])).to.deep.equal({ added: { kickoff: 1 }, removed: { kickoff: 1 } });
        // A minimum written for the first time, or without a space before it, is a relabel.
        expect(counts([ann("pre-warm: A")], [ann("pre-warm: A (min 60)")])).to.deep.equal({ relabelled: { "pre-warm": 1 } });
        expect(counts([ann("pre-warm: B(min 54)")], [ann("pre-warm: B(min 60)")])).to.deep.equal({ relabelled: { "pre-warm": 1 } });
        // A minimum that is not at the end is part of the label.
        expect(counts([ann("pre-warm (min 54): A")], [ann("pre-warm (min 60): A")])).to.deep.equal({ added: { "pre-warm (min 60)": 1 }, removed: { "pre-warm (min 54)": 1 } });
        // Lines of different kinds are different lines.
        expect(counts([ann("maxSize 12", "12")], [ann("CPU 70%", "70")])).to.deep.equal({ added: { CPU: 1 }, removed: { maxSize: 1 } });
        // A long label is one line by its kind: its numbers changed, not the line.
        expect(counts([ann("Champions League quarter-final first leg: 12 fans")], [ann("Champions League quarter-final first leg: 16 fans")])).to.deep.equal({
            relabelled: { "Champions League quarter-final": 1 },
        });
        // An annotation without a value is one with an empty value.
        expect(dashboardChangeLine("d", dash([widget("W", [ann("kickoff: A", "")])]), dash([widget("W", [{ label: "kickoff: A" }])]), ANNOTATION_PATH)).to.equal(
            "~ dashboard d: annotations in a new order only: none added, removed or moved",
        );
        // A leading space is not part of the kind, nor of its 30 characters.
        expect(counts([], [ann(" instances in service by region a 12")])).to.deep.equal({ added: { "instances in service by region": 1 } });
        // The same annotation twice where it was once: one added.
        expect(counts([ann("kickoff: A")], [ann("kickoff: A"), ann("kickoff: A")])).to.deep.equal({ added: { kickoff: 1 } });
    });

    it("other body settings and other inputs: counted, the first three named, widgets past the tenth too", () => {
        const same = dash([widget("W", [])]);
        expect(dashboardChangeLine("d", same, same, ["dashboardBody.widgets.12.properties.annotations.vertical.0.label"])).to.equal(
            "~ dashboard d: annotations in a new order only: none added, removed or moved",
        );
        expect(dashboardChangeLine("d", same, same, ["tags.env"])).to.equal("~ dashboard d: changed: tags.env");
        expect(dashboardChangeLine("d", same, same, ["dashboardBody.widgets.1.width", "dashboardName"])).to.equal(
            "~ dashboard d: 1 other body setting changed (dashboardBody.widgets.1.width); changed: dashboardName",
        );
        expect(dashboardChangeLine("d", same, same, ["dashboardName", "tags.env"])).to.equal("~ dashboard d: changed: dashboardName, tags.env");
        const three = ["dashboardBody.widgets.1.width", "dashboardBody.widgets.2.width", "dashboardBody.widgets.3.width"];
        expect(dashboardChangeLine("d", same, same, three)).to.equal(
            "~ dashboard d: 3 other body settings changed (dashboardBody.widgets.1.width, dashboardBody.widgets.2.width, dashboardBody.widgets.3.width)",
        );
        const four = ["dashboardBody.widgets.1.width", "dashboardBody.widgets.2.width", "dashboardBody.widgets.3.width", "dashboardBody.widgets.4.width"];
        expect(dashboardChangeLine("d", same, same, four)).to.equal(
            "~ dashboard d: 4 other body settings changed (dashboardBody.widgets.1.width, dashboardBody.widgets.2.width, dashboardBody.widgets.3.width, and 1 more)",
        );
    });
});
