/**
 * The page as CloudWatch would run it: the composite alarms' rules exactly as the
 * component declares them, evaluated in a model of composite notification semantics
 * (test/helpers/compositeAlarmModel.ts) over sequences of child states; the metric math
 * alarms (traffic floor, deploy overrun) evaluated over simulated series
 * (test/helpers/metricMathModel.ts). The model itself is tested first against what AWS
 * documents, including that the old wiring (the on-premise alarms in the page) stayed
 * silent at kickoff.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Observability, ObservabilityArgs } from "@kgsports/observability";
import { declare, named } from "./helpers/declare";
import type { MockRun } from "../stacks/plan/mockRuntime";
import { AlarmState, compositeNotifications, compositeStates, minutes, parseAlarmRule, ruleAlarms, Timeline } from "./helpers/compositeAlarmModel";
import { alarmStates, alarmStatesAsEvaluated, evaluateQueries, FillOfNothing, minuteGrid, QueryLike, seriesOf } from "./helpers/metricMathModel";

const PREFIX = "kgsports-matchday";
const n = (role: string) => `${PREFIX}-${role}`;
const FAILOVER = { unhealthy: "kgsports-matchday-hybrid-unhealthy", tunnelsDown: "kgsports-matchday-hybrid-tunnels-down", recovered: "kgsports-matchday-hybrid-recovered" };
/** The final: kickoff 19:00 UTC; pre-warm 70 minutes before, release 195 minutes after. */
const KICKOFF = "2027-05-29T19:00:00Z";
const WINDOW = { start: "2027-05-29T17:50:00Z", end: "2027-05-29T22:15:00Z" };
/** 150 000 viewers, 1 request a minute each, at least 70 % of them from kickoff to the whistle (the stack computes this). */
const TRAFFIC = { start: KICKOFF, end: "2027-05-29T20:50:00Z", minRequestsPerMinute: 105_000 };

function args(over: Partial<ObservabilityArgs> = {}): ObservabilityArgs {
    return {
        namePrefix: PREFIX,
        loadBalancer: { arnSuffix: "app/web-alb/50dc6c495c0c9188", cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067" },
        onPremise: { targetGroupArnSuffix: "targetgroup/hybrid-onprem/0a1b2c3d4e5f6071" },
        vpn: { vpnConnectionId: pulumi.output("vpn-0a1b2c3d4e5f60718"), tunnelAddresses: [pulumi.output("3.35.10.20"), pulumi.output("52.78.30.40")] },
        failover: { alarmNames: pulumi.output(FAILOVER) },
        autoScaling: { groupName: pulumi.output("web-asg-3f9a2b1"), maxSize: 240, baselineMinSize: 6, longestWindowMinutes: 265 },
        criticalEmails: ["oncall@kgsports.example"],
        warningEmails: ["platform@kgsports.example"],
        expectedTraffic: { windows: [TRAFFIC] },
        deploySuppressor: { matchWindows: [WINDOW] },
        ...over,
    };
}

interface Declared {
    rule: (name: string) => string;
    page: { alarmRule: string; actionsSuppressor: { alarm: string; waitPeriod: number; extensionPeriod: number } };
    queries: (role: string) => QueryLike[];
    alarm: (role: string) => Record<string, unknown>;
}

function declared(run: MockRun<Observability>): Declared {
    const composite = (name: string) => run.resources.find((r) => r.type === "aws:cloudwatch/compositeAlarm:CompositeAlarm" && r.inputs.alarmName === name)!;
    const page = composite(n("matchday-degraded")).inputs as Declared["page"];
    return {
        rule: (name) => String(composite(name).inputs.alarmRule),
        page,
        queries: (role) => named(run.resources, `obs-${role}`).inputs.metricQueries as QueryLike[],
        alarm: (role) => named(run.resources, `obs-${role}`).inputs as Record<string, unknown>,
    };
}

/** Children states: every alarm named by the rules OK, then `changes` from their minute on. */
function timeline(length: number, names: string[], changes: { from: number; to?: number; alarm: string; state: AlarmState }[]): Timeline {
    const t = minutes(length, Object.fromEntries(names.map((x) => [x, "OK" as AlarmState])));
    for (const c of changes) for (let m = c.from; m < (c.to ?? length); m++) t[m] = { ...t[m], [c.alarm]: c.state };
    return t;
}

// ---------------------------------------------------------------- the model against AWS's documented behaviour

describe("Composite alarm model (CloudWatch's documented semantics)", () => {
    it("reads rules with ALARM/OK/INSUFFICIENT_DATA, quoted or not, AND, OR, NOT and parentheses", () => {
        const rule = parseAlarmRule('ALARM("a") AND NOT (OK(b) OR INSUFFICIENT_DATA("c"))');
        expect(ruleAlarms(rule)).to.deep.equal(["a", "b", "c"]);
        const states = (a: AlarmState, b: AlarmState, c: AlarmState) => compositeNotifications('ALARM("a") AND NOT (OK(b) OR INSUFFICIENT_DATA("c"))', [{ a, b, c }]);
        expect(states("ALARM", "ALARM", "OK")).to.have.length(1);
        expect(states("ALARM", "OK", "OK")).to.have.length(0);
        expect(states("ALARM", "ALARM", "INSUFFICIENT_DATA")).to.have.length(0);
        expect(() => parseAlarmRule('ALARM("a") OR')).to.throw();
    });

    it("runs its actions only when its own state changes: a second child going to ALARM sends nothing", () => {
        const rule = 'ALARM("a") OR ALARM("b")';
        const t = timeline(60, ["a", "b"], [{ from: 5, alarm: "a", state: "ALARM" }, { from: 30, alarm: "b", state: "ALARM" }]);
        expect(compositeNotifications(rule, t, { okActions: true })).to.deep.equal([{ minute: 5, state: "ALARM" }]);
        // When a clears first and b stays, still nothing: the composite never left ALARM.
        const t2 = timeline(60, ["a", "b"], [{ from: 5, to: 40, alarm: "a", state: "ALARM" }, { from: 30, alarm: "b", state: "ALARM" }]);
        expect(compositeNotifications(rule, t2, { okActions: true })).to.deep.equal([{ minute: 5, state: "ALARM" }]);
    });

    it("the old wiring (the on-premise alarms ORed into the page) would not have paged at kickoff", () => {
        // The nine alarms of matchday-degraded before: on-premise and failover state among them.
        const old = ["alb-5xx-rate", "cloud-target-5xx-rate", "onprem-target-5xx-rate", "p99-latency", "cloud-unhealthy-hosts", "onprem-unhealthy-hosts", "in-service-below-desired", "vpn-tunnels-down", "failover-in-effect"].map(n);
        const rule = old.map((x) => `ALARM("${x}")`).join(" OR ");
        // On-premise down for two hours (failover doing its job), then a cloud 5xx at kickoff.
        const t = timeline(180, old, [
            { from: 10, alarm: n("onprem-unhealthy-hosts"), state: "ALARM" },
            { from: 12, alarm: n("failover-in-effect"), state: "ALARM" },
            { from: 130, alarm: n("cloud-target-5xx-rate"), state: "ALARM" },
        ]);
        const sent = compositeNotifications(rule, t, { okActions: true });
        expect(sent).to.deep.equal([{ minute: 10, state: "ALARM" }]);
        expect(sent.filter((x) => x.minute >= 130)).to.deep.equal([]);
    });

    it("a suppressor mutes while in ALARM; waits WaitPeriod for it; runs the actions ExtensionPeriod after it leaves ALARM", () => {
        const rule = 'ALARM("x")';
        const s = { alarm: "s", waitPeriodSeconds: 120, extensionPeriodSeconds: 600 };
        // Suppressor already in ALARM: muted until 10 minutes after it leaves (minute 20 -> 30).
        const muted = timeline(60, ["x", "s"], [{ from: 5, alarm: "x", state: "ALARM" }, { from: 0, to: 20, alarm: "s", state: "ALARM" }]);
        expect(compositeNotifications(rule, muted, { suppressor: s })).to.deep.equal([{ minute: 30, state: "ALARM" }]);
        // Suppressor never in ALARM: the actions run when the wait ends.
        const waited = timeline(60, ["x", "s"], [{ from: 5, alarm: "x", state: "ALARM" }]);
        expect(compositeNotifications(rule, waited, { suppressor: s })).to.deep.equal([{ minute: 7, state: "ALARM" }]);
        // Suppressor goes to ALARM within the wait: muted (the pipeline's own alarm, a minute late).
        const caught = timeline(60, ["x", "s"], [{ from: 5, alarm: "x", state: "ALARM" }, { from: 6, to: 40, alarm: "s", state: "ALARM" }]);
        expect(compositeNotifications(rule, caught, { suppressor: s })).to.deep.equal([{ minute: 50, state: "ALARM" }]);
        // The composite recovers during the extension: nothing is sent at all.
        const recovered = timeline(60, ["x", "s"], [{ from: 5, to: 25, alarm: "x", state: "ALARM" }, { from: 0, to: 20, alarm: "s", state: "ALARM" }]);
        expect(compositeNotifications(rule, recovered, { suppressor: s, okActions: true })).to.deep.equal([]);
    });
});

// ---------------------------------------------------------------- the component's rules in the model

describe("The page, as the component declares it, in the model", () => {
    let d: Declared;
    before(async () => {
        d = declared(await declare(() => new Observability("obs", args())));
    });

    it("on-premise down for two hours, then a cloud 5xx at kickoff: the page goes out at kickoff; the on-premise state warns once", () => {
        const page = d.page.alarmRule;
        const onPremise = d.rule(n("onpremise-degraded"));
        const names = [...new Set([...ruleAlarms(parseAlarmRule(page)), ...ruleAlarms(parseAlarmRule(onPremise))])];
        const t = timeline(180, names, [
            // The data centre's servers fail and the failover moves their share (its composite follows).
            { from: 10, alarm: n("onprem-unhealthy-hosts"), state: "ALARM" },
            { from: 10, alarm: n("vpn-tunnels-down"), state: "ALARM" },
            { from: 12, alarm: n("failover-in-effect"), state: "ALARM" },
            // Two hours later, at kickoff, the cloud answers with errors.
            { from: 130, alarm: n("cloud-target-5xx-rate"), state: "ALARM" },
        ]);
        const paged = compositeNotifications(page, t, { okActions: true });
        expect(paged.filter((x) => x.state === "ALARM").map((x) => x.minute)).to.deep.equal([130]);
        expect(compositeNotifications(onPremise, t, { okActions: true })).to.deep.equal([{ minute: 10, state: "ALARM" }]);
    });

    it("no on-premise or failover state can hold the page: none of them is named by its rule, however deep", () => {
        const names = ruleAlarms(parseAlarmRule(d.page.alarmRule));
        for (const x of names) expect(x, x).to.not.match(/onprem-unhealthy|vpn|failover|hybrid/);
        // Every on-premise state in ALARM for the whole night leaves the page OK.
        const onPremiseNames = ruleAlarms(parseAlarmRule(d.rule(n("onpremise-degraded"))));
        const t = timeline(60, [...names, ...onPremiseNames], onPremiseNames.map((alarm) => ({ from: 0, alarm, state: "ALARM" as AlarmState })));
        expect(compositeNotifications(d.page.alarmRule, t)).to.deep.equal([]);
    });

    it("each alarm that pages does so on its own, from an OK page", () => {
        const names = ruleAlarms(parseAlarmRule(d.page.alarmRule));
        expect(names).to.include.members([n("alb-5xx-rate"), n("p99-latency"), n("in-service-below-desired"), n("traffic-below-expected")]);
        for (const x of names) {
            const t = timeline(20, names, [{ from: 3, alarm: x, state: "ALARM" }]);
            expect(compositeNotifications(d.page.alarmRule, t), x).to.deep.equal([{ minute: 3, state: "ALARM" }]);
        }
    });
});

// ---------------------------------------------------------------- the deploy mute inside a match window

/** Minute index of an instant on a grid that starts at `start`. */
const minuteOf = (start: string, at: string) => Math.round((Date.parse(at) - Date.parse(start)) / 60_000);

describe("The deploy mute, as declared, in the models", () => {
    const START = "2027-05-29T12:00:00Z";
    const LENGTH = 12 * 60;
    const grid = minuteGrid(START, LENGTH);
    let d: Declared;
    before(async () => {
        d = declared(await declare(() => new Observability("obs", args())));
    });

    /** The suppressor's and the page's notifications for a deploy heartbeating over [from, to) and an incident from `incident`. */
    function night(deploy: { from: number; to: number }, incident: number): { sent: number[]; suppressor: AlarmState[] } {
        const clock = seriesOf(grid, () => 12);
        const beat = seriesOf(grid, (m) => (m >= deploy.from && m < deploy.to ? 1 : undefined));
        const deployAlarm = d.alarm("deploy-in-progress");
        const deployStates = alarmStates(beat, grid, {
            evaluationPeriods: Number(deployAlarm.evaluationPeriods),
            datapointsToAlarm: Number(deployAlarm.datapointsToAlarm),
            comparisonOperator: String(deployAlarm.comparisonOperator),
            threshold: Number(deployAlarm.threshold),
            treatMissingData: String(deployAlarm.treatMissingData),
        });
        const overrun = d.alarm("deploy-overrun-in-window");
        const overrunSeries = evaluateQueries(d.queries("deploy-overrun-in-window"), { GroupInServiceInstances: clock, InProgress: beat }, grid);
        const overrunStates = alarmStates(overrunSeries, grid, {
            evaluationPeriods: Number(overrun.evaluationPeriods),
            datapointsToAlarm: Number(overrun.datapointsToAlarm),
            comparisonOperator: String(overrun.comparisonOperator),
            threshold: Number(overrun.threshold),
            treatMissingData: String(overrun.treatMissingData),
        });
        const muteRule = d.rule(d.page.actionsSuppressor.alarm);
        const pageNames = ruleAlarms(parseAlarmRule(d.page.alarmRule));
        const t: Timeline = grid.map((_, m) => ({
            ...Object.fromEntries(pageNames.map((x) => [x, (m >= incident && x === n("alb-5xx-rate") ? "ALARM" : "OK") as AlarmState])),
            [n("deploy-in-progress")]: deployStates[m],
            [n("deploy-overrun-in-window")]: overrunStates[m],
        }));
        const suppressor = compositeStates(muteRule, t);
        const withMute: Timeline = t.map((states, m) => ({ ...states, [d.page.actionsSuppressor.alarm]: suppressor[m] }));
        const sent = compositeNotifications(d.page.alarmRule, withMute, {
            suppressor: { alarm: d.page.actionsSuppressor.alarm, waitPeriodSeconds: d.page.actionsSuppressor.waitPeriod, extensionPeriodSeconds: d.page.actionsSuppressor.extensionPeriod },
        }).filter((x) => x.state === "ALARM").map((x) => x.minute);
        return { sent, suppressor };
    }

    it("the page's suppressor is the deploy mute composite over the deploy alarm and its in-window overrun", () => {
        expect(d.page.actionsSuppressor.alarm).to.equal(n("deploy-mute"));
        expect(ruleAlarms(parseAlarmRule(d.rule(n("deploy-mute"))))).to.deep.equal([n("deploy-in-progress"), n("deploy-overrun-in-window")]);
    });

    it("an override deploy inside the window mutes an incident for at most 5 minutes plus the 10-minute extension", () => {
        // The issue: "inside a match window the suppressor mutes at most a short, stated time".
        // Stated (README): matchWindowMuteMinutes (5) + extensionPeriodSeconds (600 s) = 15 minutes.
        const kickoff = minuteOf(START, KICKOFF);
        const deploy = { from: kickoff + 10, to: kickoff + 100 };
        const incident = deploy.from + 2;
        const { sent } = night(deploy, incident);
        expect(sent).to.have.length(1);
        expect(sent[0] - incident).to.be.at.most(15);
        // And it is muted at first: an override deploy's own blip does not page at once.
        expect(sent[0] - incident).to.be.at.least(2);
    });

    it("a deploy that started before the window mutes at most the same 15 minutes into the window", () => {
        const open = minuteOf(START, WINDOW.start);
        const { sent } = night({ from: open - 60, to: open + 120 }, open - 30);
        expect(sent).to.have.length(1);
        expect(sent[0]).to.be.at.most(open + 15);
    });

    it("outside a window a deploy still mutes for as long as it runs, plus the extension", () => {
        const { sent, suppressor } = night({ from: 30, to: 150 }, 40);
        expect(suppressor.slice(32, 150).every((s) => s === "ALARM")).to.equal(true);
        expect(sent).to.deep.equal([150 + 10]);
    });
});

// ---------------------------------------------------------------- silence in front of the load balancer

describe("The traffic floor, as declared, in the metric math model", () => {
    const START = "2027-05-29T16:00:00Z";
    const LENGTH = 8 * 60;
    const grid = minuteGrid(START, LENGTH);
    const kickoff = minuteOf(START, KICKOFF);
    const whistle = minuteOf(START, TRAFFIC.end);
    let queries: QueryLike[];
    let alarm: Record<string, unknown>;
    before(async () => {
        const d = declared(await declare(() => new Observability("obs", args())));
        queries = d.queries("traffic-below-expected");
        alarm = d.alarm("traffic-below-expected");
    });

    const evaluation = () => ({
        evaluationPeriods: Number(alarm.evaluationPeriods),
        datapointsToAlarm: Number(alarm.datapointsToAlarm),
        comparisonOperator: String(alarm.comparisonOperator),
        threshold: Number(alarm.threshold),
        treatMissingData: String(alarm.treatMissingData),
    });
    const data = (requests: (m: number) => number | undefined) => ({ GroupInServiceInstances: seriesOf(grid, () => 80), RequestCount: seriesOf(grid, requests) });

    // Each minute the alarm reads only its own last minutes: FILL sees that range alone.
    for (const fill of ["zeros", "nothing"] as FillOfNothing[]) {
        describe(`when FILL of a range without any request gives ${fill === "zeros" ? "zeros" : "nothing"}`, () => {
            const states = (requests: (m: number) => number | undefined) => alarmStatesAsEvaluated(queries, data(requests), grid, evaluation(), fill);

            it("requests stop at kickoff (the load balancer publishes nothing): ALARM within 5 minutes, until the whistle", () => {
                const s = states((m) => (m < kickoff ? 40_000 : undefined));
                const first = s.indexOf("ALARM");
                expect(first).to.be.within(kickoff, kickoff + 5);
                expect(s.slice(first, whistle).every((x) => x === "ALARM")).to.equal(true);
                expect(s.slice(whistle + 5).includes("ALARM")).to.equal(false);
            });

            it("a quiet evening between matches (no requests at all outside the window) never alarms", () => {
                const s = states((m) => (m >= kickoff && m < whistle ? 140_000 : undefined));
                expect(s.includes("ALARM")).to.equal(false);
            });

            it("a smaller audience than planned is not silence: 30 % of the floor passes, 15 % pages", () => {
                expect(states((m) => (m >= kickoff && m < whistle ? 0.3 * 105_000 : 500)).includes("ALARM")).to.equal(false);
                expect(states((m) => (m >= kickoff && m < whistle ? 0.15 * 105_000 : 500)).includes("ALARM")).to.equal(true);
            });

            it("a silence of 4 minutes (under the stated 5) does not page", () => {
                expect(states((m) => (m >= kickoff + 20 && m < kickoff + 24 ? undefined : 140_000)).includes("ALARM")).to.equal(false);
            });
        });
    }

    it("the model tells the readings apart: a window-blind FILL condition would page every quiet minute if FILL of nothing is nothing", () => {
        // The first form of this alarm: the window and the count in one condition.
        const blind = queries.map((q) => (q.id === "silent" ? { ...q, expression: "IF(expected > 0 AND FILL(requests, 0) < 0.2 * expected, 1, 0)" } : q));
        const quiet = data((m) => (m >= kickoff && m < whistle ? 140_000 : undefined));
        expect(alarmStatesAsEvaluated(blind, quiet, grid, evaluation(), "zeros").includes("ALARM")).to.equal(false);
        expect(alarmStatesAsEvaluated(blind, quiet, grid, evaluation(), "nothing").slice(0, kickoff).includes("ALARM")).to.equal(true);
        expect(alarmStatesAsEvaluated(queries, quiet, grid, evaluation(), "nothing").includes("ALARM")).to.equal(false);
    });
});

