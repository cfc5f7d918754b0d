import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { named, ofType, plannedStack } from "./helpers/declare";

const STACKS = path.join(__dirname, "..", "stacks");
/** The offline plan's fake cloud answers as AWS would, ARNs included: it builds names on purpose. */
const FAKE_CLOUD = path.join("plan", "fakeCloud.ts");

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return sourceFiles(p);
        return e.name.endsWith(".ts") && path.relative(STACKS, p) !== FAKE_CLOUD ? [p] : [];
    });
}

/** What the stack must take from a component instead of spelling it. */
const REBUILT_NAME: [RegExp, string][] = [
    // `${s.access.namePrefix}-` alone is the prefix every component is given (the alarms the
    // operator role may silence); anything after the hyphen is a name some component owns.
    [/\$\{[^}]*namePrefix[^}]*\}-[^`]/, "a physical name built from the name prefix"],
    [/\$\{[^}]*\}-(chatbot|front-door-probe|failover|node|backup|dlm|capacity-scheduler)\b/, "a component's role name"],
    [/\b(backupPolicyNames|observabilityNames|capacityReservationsNames|physicalNames|agentParameterName|appLogGroupName|systemLogGroupName)\s*\(/, "a component's naming function picked apart"],
    [/`arn:/, "an ARN built by hand"],
];

describe("the stack wires components through their outputs", () => {
    it("no file in stacks/ builds a name or ARN a component owns", () => {
        const found: string[] = [];
        for (const file of sourceFiles(STACKS)) {
            fs.readFileSync(file, "utf8").split("\n").forEach((line, i) => {
                for (const [pattern, what] of REBUILT_NAME) {
                    if (pattern.test(line)) found.push(`${path.relative(STACKS, file)}:${i + 1}: ${what}: ${line.trim()}`);
                }
            });
        }
        expect(found).to.deep.equal([]);
    });

    it("the scan catches what it names (a rebuilt chatbot role, a hybrid role, a naming function, a hand-built ARN)", () => {
        const hits = (line: string) => REBUILT_NAME.filter(([p]) => p.test(line)).length;
        expect(hits("{ roleName: `${s.access.namePrefix}-chatbot`, service }")).to.be.greaterThan(0);
        expect(hits("`${s.access.namePrefix}-${HYBRID_LINK_NAME}-failover`")).to.be.greaterThan(0);
        expect(hits("backupPolicyNames(s.access.namePrefix).vault")).to.be.greaterThan(0);
        expect(hits("`arn:aws:iam::${account}:role/x`")).to.be.greaterThan(0);
        expect(hits("return `${s.access.namePrefix}-`;")).to.equal(0);
    });

    it("the deploy role passes exactly the roles the other components declare, each to its service", async () => {
        const plan = await plannedStack("matchday");
        const resources = plan.run.resources;
        const workloadRoles = ofType(resources, "aws:iam/role:Role")
            .filter((r) => !/::access$/.test(r.parent ?? ""))
            .map((r) => String(r.inputs.name));
        expect(workloadRoles.length).to.be.greaterThan(3);
        const pass = JSON.parse(String(named(resources, "access-deploy-pass-access").inputs.policy)) as { Statement: { Sid: string; Resource: string[] }[] };
        const passed = pass.Statement.filter((st) => st.Sid.startsWith("PassServiceRole")).flatMap((st) => st.Resource.map((arn) => arn.split(":role/")[1]));
        expect(passed).to.have.members(workloadRoles);
    });
});
