/**
 * The operator role's session covers a whole match window (issue 19): with the shipped
 * matchday timings a window runs 4 h 25 min from the pre-warm to the release, so a
 * 4-hour session signed operators out before the release. The session is sized from the
 * stack's longest window plus a margin, within IAM's 12-hour maximum, and a window that
 * no session can cover is refused.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decideOperatorSession } from "../stacks/config/operatorSession";
import { planStack } from "../stacks/plan/planStack";
import { plannedStack, TEST_NOW } from "./helpers/declare";

const MINUTE = 60_000;
/** IAM: a role's MaxSessionDuration is 3 600 to 43 200 seconds. */
const IAM_MAX_SESSION_SECONDS = 12 * 3600;

function editedMatchday(edit: (text: string) => string): string {
    const text = edit(fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8"));
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kgs-session-")), "Pulumi.matchday.yaml");
    fs.writeFileSync(file, text);
    return file;
}

describe("the operator role's session covers the longest match window", function () {
    this.timeout(120_000);

    it("matchday as shipped: an operator who assumes the role at (or shortly before) a pre-warm keeps it past the release of every window", async () => {
        const plan = await plannedStack("matchday");
        const role = plan.run.resources.find((r) => r.type === "aws:iam/role:Role" && String(r.inputs.name).endsWith("-matchday-operator"))!;
        const seconds = Number(role.inputs.maxSessionDuration);
        expect(seconds).to.be.at.most(IAM_MAX_SESSION_SECONDS);
        const windows = plan.settings.matchday.schedule.windows;
        expect(windows.length).to.be.greaterThan(0);
        for (const w of windows) {
            // The figure: pre-warm to release is 4 h 25 min with the shipped timings.
            expect(w.releaseAt.getTime() - w.preWarmAt.getTime(), w.fixtures.join(" + ")).to.be.at.least(265 * MINUTE);
            const assumedAt = w.preWarmAt.getTime() - 15 * MINUTE;
            expect(assumedAt + seconds * 1000, `${w.fixtures.join(" + ")}: session ends before the release`).to.be.at.least(w.releaseAt.getTime());
        }
        // What the role had before: four hours end inside the window.
        expect(4 * 3600 * 1000).to.be.lessThan(windows[0].releaseAt.getTime() - windows[0].preWarmAt.getTime());
    });

    it("a session set shorter than the window is refused, naming the stack, the key and the hours that fit", async () => {
        const file = editedMatchday((t) => t.replace(/^config:\n/m, "config:\n  kgsports:operatorSessionHours: 4\n"));
        const outcome = await planStack({ stack: "matchday", configFile: file, now: TEST_NOW });
        expect(outcome.ok).to.equal(false);
        const message = (outcome as { message: string }).message;
        expect(message).to.contain('Stack "matchday"').and.contain('kgsports:operatorSessionHours = "4"').and.contain("4 h 25 min").and.contain("allowed: 0").and.contain("5 to 12 hours");
        const longer = await planStack({ stack: "matchday", configFile: editedMatchday((t) => t.replace(/^config:\n/m, "config:\n  kgsports:operatorSessionHours: 6\n")), now: TEST_NOW });
        expect(longer.ok).to.equal(true);
    });

    it("a window longer than IAM's 12-hour maximum session is refused before anything is declared", async () => {
        const file = editedMatchday((t) => t
            .replace(/^  kgsports:preWarmLeadMinutes: .*$/m, "  kgsports:preWarmLeadMinutes: 360")
            .replace(/^  kgsports:matchWindowMinutes: .*$/m, "  kgsports:matchWindowMinutes: 360")
            .replace(/^  kgsports:releaseDelayMinutes: .*$/m, "  kgsports:releaseDelayMinutes: 60"));
        expect(fs.readFileSync(file, "utf8")).to.contain("kgsports:matchWindowMinutes: 360");
        const outcome = await planStack({ stack: "matchday", configFile: file, now: TEST_NOW });
        expect(outcome.ok).to.equal(false);
        const message = (outcome as { message: string }).message;
        expect(message).to.contain('Stack "matchday"').and.contain("kgsports:matchWindowMinutes").and.contain("13 h 00 min").and.contain("12-hour maximum").and.contain("nothing was declared");
    });

    describe("decideOperatorSession", () => {
        const one = 70 + 165 + 30;
        it("0 sizes the session from the longest window plus 30 minutes, never below IAM's one hour nor above its twelve", () => {
            expect(decideOperatorSession({ longestWindowMinutes: one, oneWindowMinutes: one, configuredHours: 0 })).to.deep.equal({ seconds: (one + 30) * 60 });
            expect(decideOperatorSession({ longestWindowMinutes: 20, oneWindowMinutes: 20, configuredHours: 0 })).to.deep.equal({ seconds: 3600 });
            expect(decideOperatorSession({ longestWindowMinutes: 710, oneWindowMinutes: one, configuredHours: 0 })).to.deep.equal({ seconds: 43200 });
            expect(decideOperatorSession({ longestWindowMinutes: 720, oneWindowMinutes: one, configuredHours: 12 })).to.deep.equal({ seconds: 43200 });
        });

        it("a set value is kept when it covers the window, refused when not", () => {
            expect(decideOperatorSession({ longestWindowMinutes: one, oneWindowMinutes: one, configuredHours: 5 })).to.deep.equal({ seconds: 5 * 3600 });
            const short = decideOperatorSession({ longestWindowMinutes: one, oneWindowMinutes: one, configuredHours: 4 });
            expect(short).to.have.property("problem");
            expect((short as { problem: { key: string } }).problem.key).to.equal("kgsports:operatorSessionHours");
        });

        it("a window over 12 hours is refused, on the fixtures when only merged windows are that long", () => {
            const merged = decideOperatorSession({ longestWindowMinutes: 721, oneWindowMinutes: one, configuredHours: 0 }) as { problem: { key: string; message: string } };
            expect(merged.problem.key).to.equal("kgsports:fixtures");
            expect(merged.problem.message).to.contain("12 h 01 min");
            const single = decideOperatorSession({ longestWindowMinutes: 780, oneWindowMinutes: 780, configuredHours: 12 }) as { problem: { key: string } };
            expect(single.problem.key).to.equal("kgsports:matchWindowMinutes");
        });
    });
});
