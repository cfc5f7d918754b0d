/**
 * Rule 12: every alarm reaches a person, directly or through the composite that pages
 * (components stay quiet; composites nest), with the suppressor and automation triggers
 * recognised; and its advisory companion for alarms only automation hears.
 */
import { expect } from "chai";
import { alarmNamesInRule, alarmsReachAHuman, automationAlarmsReachAHuman, PolicyInput, T, UNKNOWN } from "../policy/rules";
import { cannotTellOf, copyOf, plannedPolicyStack, violationsOf, withoutResources, withResource } from "./helpers/policyPlan";

const DEGRADED = "observability-matchday-degraded";
const ONPREMISE = "observability-onpremise-degraded";

function quietComponents(resources: readonly PolicyInput[]): PolicyInput[] {
    const rule = String(copyOf(resources, T.compositeAlarm, DEGRADED).props.alarmRule);
    const names = alarmNamesInRule(rule);
    return resources.filter((r) => r.type === T.metricAlarm && names.includes(String(r.props.name)) && r.props.alarmActions === undefined);
}

describe("policy rule 12: every alarm reaches a human", () => {
    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: quiet component alarms page through ${DEGRADED}, the others have actions`, async () => {
            const { resources, ctx } = await plannedPolicyStack(stack);
            expect(quietComponents(resources).length).to.be.at.least(4);
            expect((copyOf(resources, T.compositeAlarm, DEGRADED).props.alarmActions as string[]).length).to.equal(1);
            expect(violationsOf(alarmsReachAHuman, resources, ctx)).to.deep.equal([]);
        });
    }

    it("fires on a quiet alarm taken out of the composite's rule", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const composite = copyOf(resources, T.compositeAlarm, DEGRADED);
        const [dropped] = quietComponents(resources);
        composite.props.alarmRule = String(composite.props.alarmRule).replace(`ALARM("${dropped.props.name}") OR `, "").replace(` OR ALARM("${dropped.props.name}")`, "");
        expect(composite.props.alarmRule).to.not.contain(String(dropped.props.name));
        expect(violationsOf(alarmsReachAHuman, withResource(resources, composite), ctx)).to.deep.equal([
            `${dropped.name}: alarm ${dropped.props.name}: reaches nobody: no alarm actions, and no composite alarm that pages names it in its rule; give it an alarm action (an SNS topic) or add it to the matchday-degraded composite`,
        ]);
    });

    it("fires on every component when the composite itself pages nobody (no actions, or actions disabled)", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const silent = copyOf(resources, T.compositeAlarm, DEGRADED);
        delete silent.props.alarmActions;
        const found = violationsOf(alarmsReachAHuman, withResource(resources, silent), ctx);
        // The composite and its quiet components; nothing on-premise is among them.
        expect(found.length).to.equal(quietComponents(resources).length + 1);
        expect(found.filter((f) => /onprem-unhealthy|vpn|failover/.test(f))).to.deep.equal([]);
        expect(found.filter((f) => f.startsWith(`${DEGRADED}:`))).to.have.length(1);
        const muted = copyOf(resources, T.compositeAlarm, DEGRADED);
        muted.props.actionsEnabled = false;
        expect(violationsOf(alarmsReachAHuman, withResource(resources, muted), ctx).find((f) => f.startsWith(`${DEGRADED}:`))).to.match(/its actions are disabled/);
    });

    it("nested composites count: matchday's failover alarms reach a person through failover-in-effect, inside the on-premise warning", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const nested = copyOf(resources, T.compositeAlarm, "observability-failover-in-effect");
        expect(nested.props.alarmActions).to.equal(undefined);
        expect(String(copyOf(resources, T.compositeAlarm, ONPREMISE).props.alarmRule)).to.contain(String(nested.props.alarmName));
        expect(String(copyOf(resources, T.compositeAlarm, DEGRADED).props.alarmRule)).to.not.contain(String(nested.props.alarmName));
        // Without the EventBridge target the failover alarms are not automation triggers: still fine, through the nesting.
        const noAutomation = withoutResources(resources, (r) => r.type === T.eventTarget);
        const found = violationsOf(alarmsReachAHuman, noAutomation, ctx);
        expect(found.some((f) => f.startsWith("hybrid-unhealthy:") || f.startsWith("hybrid-tunnels-down:"))).to.equal(false);
        // ...but the recovered alarm, which only the function hears, then reaches nobody.
        expect(found).to.have.length(1).and.to.match(/^hybrid-recovered: /);
    });

    it("the deploy suppressor is a signal, not an alert; once no composite uses it, it fires", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const suppressor = copyOf(resources, T.metricAlarm, "observability-deploy-in-progress");
        expect(suppressor.props.alarmActions).to.equal(undefined);
        const composite = copyOf(resources, T.compositeAlarm, DEGRADED);
        delete composite.props.actionsSuppressor;
        expect(violationsOf(alarmsReachAHuman, withResource(resources, composite), ctx)).to.have.length(1).and.to.match(/^observability-deploy-in-progress: /);
    });

    it("matchday's suppressor is a composite (the deploy mute): the alarms its rule names are signals too, until no composite uses it", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const composite = copyOf(resources, T.compositeAlarm, DEGRADED);
        expect(violationsOf(alarmsReachAHuman, resources, ctx)).to.deep.equal([]);
        delete composite.props.actionsSuppressor;
        expect(violationsOf(alarmsReachAHuman, withResource(resources, composite), ctx).map((f) => f.split(":")[0]).sort())
            .to.deep.equal(["observability-deploy-in-progress", "observability-deploy-mute", "observability-deploy-overrun-in-window"]);
    });

    it("an unknown alarm rule (preview) is 'cannot tell' for the alarms it might name", async () => {
        const { resources, ctx } = await plannedPolicyStack("dev");
        const composite = copyOf(resources, T.compositeAlarm, DEGRADED);
        composite.props.alarmRule = UNKNOWN;
        const preview = withResource(resources, composite);
        expect(violationsOf(alarmsReachAHuman, preview, ctx)).to.deep.equal([]);
        expect(cannotTellOf(alarmsReachAHuman, preview, ctx).length).to.equal(quietComponents(resources).length);
    });

    it("reads alarm names in rules quoted or not, in ALARM, OK and INSUFFICIENT_DATA", () => {
        expect(alarmNamesInRule('ALARM("a-b") OR (OK(c) AND INSUFFICIENT_DATA( "d" )) OR NOT ALARM(e)')).to.deep.equal(["a-b", "c", "d", "e"]);
    });
});

describe("policy rule 12, advisory: alarms only automation listens to", () => {
    it("matchday's hybrid-recovered alarm is the one, dev has none", async () => {
        const matchday = await plannedPolicyStack("matchday");
        expect(violationsOf(automationAlarmsReachAHuman, matchday.resources, matchday.ctx)).to.have.length(1).and.to.match(/^hybrid-recovered: .*only automation listens to it \(EventBridge rule hybrid-failover-alarms\)/);
        const dev = await plannedPolicyStack("dev");
        expect(violationsOf(automationAlarmsReachAHuman, dev.resources, dev.ctx)).to.deep.equal([]);
        expect(automationAlarmsReachAHuman.enforcementLevel).to.equal("advisory");
    });

    it("a failover alarm that loses its page becomes advisory-visible, not silent", async () => {
        const { resources, ctx } = await plannedPolicyStack("matchday");
        const composite = copyOf(resources, T.compositeAlarm, ONPREMISE);
        composite.props.alarmRule = String(composite.props.alarmRule).replace(/ OR ALARM\("kgsports-matchday-failover-in-effect"\)/, "");
        expect(composite.props.alarmRule).to.not.contain("failover-in-effect");
        const found = violationsOf(automationAlarmsReachAHuman, withResource(resources, composite), ctx).map((f) => f.split(":")[0]).sort();
        expect(found).to.deep.equal(["hybrid-recovered", "hybrid-tunnels-down", "hybrid-unhealthy"]);
        // The nested composite itself now pages nobody: the mandatory rule fires on it.
        expect(violationsOf(alarmsReachAHuman, withResource(resources, composite), ctx)).to.have.length(1).and.to.match(/^observability-failover-in-effect: /);
    });
});
