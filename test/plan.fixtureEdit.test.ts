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
