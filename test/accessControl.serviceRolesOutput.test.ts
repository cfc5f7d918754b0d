import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { AccessControl, AccessControlArgs, accessControlArgsProblems, serviceRoleProblems } from "@kgsports/access-control";
import { declare, named } from "./helpers/declare";

const ASG = "arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:*:autoScalingGroupName/web-asg-*";

function args(serviceRoles: AccessControlArgs["deployRole"]["serviceRoles"]): AccessControlArgs {
    return {
        namePrefix: "kgs",
        administrators: ["ana.admin"],
        operatorRole: { autoScalingGroupArns: [ASG], alarmNamePrefix: "kgs-", groupMinSize: 2, groupMaxSize: 20 },
        deployRole: { repository: "kgsports/platform", serviceRoles },
    };
}

function passed(resources: { name: string; inputs: Record<string, unknown> }[]): string[] {
    const pass = JSON.parse(String(named(resources as any, "access-deploy-pass-access").inputs.policy)) as { Statement: { Sid: string; Resource: string[]; Condition?: any }[] };
    return pass.Statement.filter((s) => s.Sid.startsWith("PassServiceRole")).map((s) => `${s.Resource[0].split(":role/")[1]} -> ${[s.Condition.StringEquals["iam:PassedToService"]].flat().join(",")}`);
}

describe("AccessControl: the roles the deploy role passes, as an output of the components that declare them", () => {
    const roles = [
        { roleName: "kgs-hybrid-failover", service: "lambda.amazonaws.com" },
        { roleName: "kgs-front-door-probe", service: "lambda.amazonaws.com" },
        { roleName: "kgs-front-door-probe", service: "synthetics.amazonaws.com" },
    ];

    it("an output (resolved after the component is declared) grants exactly what the same list given as is grants", async () => {
        const asIs = await declare(() => new AccessControl("access", args(roles)));
        const later = await declare(() => {
            const [serviceRoles, resolve] = pulumi.deferredOutput<{ roleName: string; service: string }[]>();
            const access = new AccessControl("access", args(serviceRoles));
            resolve(pulumi.output(roles));
            return access;
        });
        expect(passed(later.resources)).to.deep.equal(["kgs-hybrid-failover -> lambda.amazonaws.com", "kgs-front-door-probe -> lambda.amazonaws.com,synthetics.amazonaws.com"]);
        expect(passed(later.resources)).to.deep.equal(passed(asIs.resources));
    });

    it("a role outside the prefix is refused: by the constructor when given as is, and by the same check the deploy policy runs on an output's value", () => {
        const outside = [{ roleName: "other-role", service: "lambda.amazonaws.com" }];
        expect(accessControlArgsProblems("access", args(outside)).join("\n")).to.contain(`role "other-role" must be named kgs-*`);
        // An output cannot be read in the constructor: the deploy policy's apply runs this check and
        // throws, which fails the deploy (under mocks the run would never end, so it is not declared here).
        expect(accessControlArgsProblems("access", args(pulumi.output(outside)))).to.deep.equal([]);
        expect(serviceRoleProblems("kgs", outside)).to.deep.equal(accessControlArgsProblems("access", args(outside)));
        expect(serviceRoleProblems("kgs", roles)).to.deep.equal([]);
    });
});
