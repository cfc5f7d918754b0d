/**
 * The capacity schedules' rows of the action table, and the deploy and preview roles'
 * grants for them, under the IAM policy simulator.
 */
import { expect } from "chai";
import { deployPolicy, previewPolicy, RESOURCE_TYPE_ACTIONS, splitDeployPolicy } from "@kgsports/access-control";
import { decide } from "./helpers/iamSimulator";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-2";
const PREFIX = "kgsports-matchday";
const ctx = { partition: "aws", accountId: ACCOUNT, region: REGION };
const iam = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;
const SCHEDULER_ROLE = `${PREFIX}-capacity-scheduler`;

const deploy = splitDeployPolicy(deployPolicy(ctx, {
    namePrefix: PREFIX,
    instanceRoleArn: iam(`role/${PREFIX}-web-instance`),
    serviceRoles: [{ roleName: SCHEDULER_ROLE, service: "scheduler.amazonaws.com" }],
    oidcProviderArn: iam("oidc-provider/token.actions.githubusercontent.com"),
    workloadBoundaryArn: iam(`policy/${PREFIX}-workload-boundary`),
    administratorOwned: { roles: [], policies: [], groups: [], membershipGroups: [] },
}));
// The three managed policies the deploy role carries, evaluated together.
const deployDocs = [deploy.iam, deploy.infrastructure, deploy.passRoles];
const preview = previewPolicy(ctx, { namePrefix: PREFIX });
const DEPLOY = iam(`role/${PREFIX}-deploy`);
const PREVIEW = iam(`role/${PREFIX}-preview`);

const group = { type: "aws:scheduler/scheduleGroup:ScheduleGroup", name: "capacity-group", inputs: { name: `${PREFIX}-capacity` } };
const schedule = {
    type: "aws:scheduler/schedule:Schedule",
    name: "capacity-schedule-x",
    inputs: { name: "lcu-raise", groupName: `${PREFIX}-capacity`, target: { roleArn: iam(`role/${SCHEDULER_ROLE}`) } },
};

describe("Access control: EventBridge Scheduler resources", () => {
    it("names the ARNs and the role a schedule passes", () => {
        const g = RESOURCE_TYPE_ACTIONS[group.type];
        const s = RESOURCE_TYPE_ACTIONS[schedule.type];
        expect(g.arn(group, ctx)).to.equal(`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/${PREFIX}-capacity`);
        expect(s.arn(schedule, ctx)).to.equal(`arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/${PREFIX}-capacity/lcu-raise`);
        expect(s.passes!(schedule, ctx)).to.deep.equal([{ roleArn: iam(`role/${SCHEDULER_ROLE}`), service: "scheduler.amazonaws.com" }]);
    });

    it("lets the deploy role do every write and read of its own group and schedules, and nothing to another group", async () => {
        for (const r of [group, schedule]) {
            const t = RESOURCE_TYPE_ACTIONS[r.type];
            const arn = t.arn(r, ctx);
            for (const action of [...t.create, ...t.read, ...t.update, ...t.tag, ...t.delete]) {
                expect(await decide(deployDocs, { principal: DEPLOY, action, resource: arn }), `${action} ${arn}`).to.equal("Allowed");
            }
        }
        const other = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/someone-elses`;
        expect(await decide(deployDocs, { principal: DEPLOY, action: "scheduler:CreateSchedule", resource: other })).to.equal("ImplicitlyDenied");
        expect(await decide(deployDocs, { principal: DEPLOY, action: "scheduler:DeleteScheduleGroup", resource: `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule-group/default` })).to.equal("ImplicitlyDenied");
    });

    it("lets the deploy role pass the scheduler role to EventBridge Scheduler only", async () => {
        const role = iam(`role/${SCHEDULER_ROLE}`);
        expect(await decide(deployDocs, { principal: DEPLOY, action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "scheduler.amazonaws.com" } })).to.equal("Allowed");
        expect(await decide(deployDocs, { principal: DEPLOY, action: "iam:PassRole", resource: role, context: { "iam:PassedToService": "lambda.amazonaws.com" } })).to.equal("ImplicitlyDenied");
    });

    it("lets the preview role read them and write nothing", async () => {
        for (const r of [group, schedule]) {
            const t = RESOURCE_TYPE_ACTIONS[r.type];
            const arn = t.arn(r, ctx);
            for (const action of t.read) expect(await decide([preview], { principal: PREVIEW, action, resource: arn }), action).to.equal("Allowed");
            for (const action of [...t.create, ...t.update, ...t.tag, ...t.delete]) expect(await decide([preview], { principal: PREVIEW, action, resource: arn }), action).to.equal("ImplicitlyDenied");
        }
    });
});
