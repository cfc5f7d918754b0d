/**
 * The KMS keys of Observability and BackupPolicy name their administrator roles by the
 * roles' ARN outputs (issue 19): KMS refuses a key policy whose principal does not exist
 * yet (MalformedPolicyDocumentException), so the key must be created after the role,
 * and a replaced role must reach the policy. Under mocks that is: the key's `policy`
 * input depends on the role resource, and the ARN in the document is the one the role
 * resource returned, which the component could not have built from a name.
 */
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { BackupPolicy } from "@kgsports/backup-policy";
import { Observability } from "@kgsports/observability";
import { DeclaredResource } from "../stacks/plan/mockRuntime";
import { declare, named, plannedStack } from "./helpers/declare";

const KEY = "aws:kms/key:Key";

interface KeyStatement {
    Sid: string;
    Principal?: { AWS?: string[] };
}

function administrators(key: DeclaredResource): string[] {
    const doc = JSON.parse(String(key.inputs.policy)) as { Statement: KeyStatement[] };
    return doc.Statement.filter((s) => s.Sid === "NamedRolesAdministerTheKey").flatMap((s) => s.Principal?.AWS ?? []);
}

/** A role with a name no component builds: its ARN in a key policy can only come from the role's output. */
function ciRole(): aws.iam.Role {
    return new aws.iam.Role("ci", {
        name: "someone-elses-ci-role",
        assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
    });
}

describe("KMS key administrators are named by the role's ARN output, so the key depends on the role", function () {
    this.timeout(120_000);

    it("Observability: the key policy holds the role resource's ARN, and the key's policy input depends on the role", async () => {
        const run = await declare(() => {
            const role = ciRole();
            new Observability("observability", {
                namePrefix: "kgsports-test",
                loadBalancer: { arnSuffix: "app/web-alb/50dc6c495c0c9188", cloudTargetGroupArnSuffix: "targetgroup/web-tg/73e2d6bc24d8a067" },
                autoScaling: { groupName: "kgsports-test-web", maxSize: 10, baselineMinSize: 2, longestWindowMinutes: 265 },
                criticalEmails: ["oncall@kgsports.example"],
                warningEmails: ["platform@kgsports.example"],
                keyAdministratorRoleArns: [role.arn],
            });
        });
        const role = named(run.resources, "ci");
        const key = named(run.resources, "observability-key");
        expect(administrators(key)).to.deep.equal(["arn:aws:iam::123456789012:role/someone-elses-ci-role"]);
        expect(key.options.propertyDependencies?.policy ?? [], "the policy input's dependencies").to.include(role.urn);
    });

    it("BackupPolicy: both vault keys (home and copy region) hold the role's ARN output and depend on the role", async () => {
        const run = await declare(() => {
            const role = ciRole();
            new BackupPolicy("backup", {
                namePrefix: "kgsports-test",
                homeRegion: "ap-northeast-2",
                daily: { schedule: "cron(0 3 ? * * *)", scheduleExpressionTimezone: "Etc/UTC", startWindowMinutes: 60, completionWindowMinutes: 120, deleteAfterDays: 7 },
                copyTo: { region: "ap-northeast-1" },
                goldenImage: { tagKey: "kgsports:golden-image", tagValue: "web", schedule: "cron(0 5 ? * 2 *)", retainCount: 3 },
                keyAdministratorRoleArns: [role.arn],
                protect: false,
            });
        });
        const role = named(run.resources, "ci");
        const keys = run.resources.filter((r) => r.type === KEY);
        expect(keys.map((k) => k.name).sort()).to.deep.equal(["backup-copy-key", "backup-key"]);
        for (const key of keys) {
            expect(administrators(key), key.name).to.deep.equal(["arn:aws:iam::123456789012:role/someone-elses-ci-role"]);
            expect(key.options.propertyDependencies?.policy ?? [], key.name).to.include(role.urn);
        }
    });

    for (const stack of ["dev", "matchday"]) {
        it(`${stack}: every KMS key of the stack that names the deploy role waits for the deploy role`, async () => {
            const plan = await plannedStack(stack);
            const deploy = plan.run.resources.filter((r) => r.type === "aws:iam/role:Role" && String(r.inputs.name).endsWith("-deploy"));
            expect(deploy).to.have.length(1);
            const deployArn = `arn:aws:iam::123456789012:role/${String(deploy[0].inputs.name)}`;
            const keys = plan.run.resources.filter((r) => r.type === KEY);
            // The monitoring's key and the backup vault's (and its copy's, where the stack copies).
            expect(keys.length).to.be.at.least(2);
            for (const key of keys) {
                expect(administrators(key), key.name).to.deep.equal([deployArn]);
                expect(key.options.propertyDependencies?.policy ?? [], key.name).to.include(deploy[0].urn);
            }
        });
    }
});
