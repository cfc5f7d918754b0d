import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { actionNameStem, scheduledActionName } from "../stacks/capacity/actionNames";
import { checkCapacityPlan, Fixture } from "../stacks/capacity/fixtures";
import { matchdayPlan } from "./helpers/capacityPlan";

/**
 * The stem rule before transliteration was added, frozen here: deployed actions are
 * named by it, and a name it gave must never change (a renamed action is replaced).
 */
function stemBeforeTransliteration(fixtureName: string): string {
    return fixtureName
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

const plan = (fixtures: Fixture[]) => matchdayPlan(fixtures);

describe("scheduled action names", () => {
    describe("names that are deployed today keep their stems", () => {
        it("pins the matchday stack's fixture names to the stems they had before transliteration", () => {
            // Recorded from the code before transliteration was added.
            const pinned: [string, string][] = [
                ["UCL quarter-final first legs (Tue)", "ucl-quarter-final-first-legs-tue"],
                ["UCL quarter-final first legs (Wed)", "ucl-quarter-final-first-legs-wed"],
                ["UCL quarter-final second legs (Tue)", "ucl-quarter-final-second-legs-tue"],
                ["UCL quarter-final second legs (Wed)", "ucl-quarter-final-second-legs-wed"],
                ["UCL semi-final first leg 1", "ucl-semi-final-first-leg-1"],
                ["UCL semi-final first leg 2", "ucl-semi-final-first-leg-2"],
                ["UCL semi-final second leg 1", "ucl-semi-final-second-leg-1"],
                ["UCL semi-final second leg 2", "ucl-semi-final-second-leg-2"],
                ["UCL final", "ucl-final"],
                ["UCL round of 16 second leg", "ucl-round-of-16-second-leg"],
                ["  --Weird__Name!!  ", "weird-name"],
                ["Atlético de Madrid v Bayern München", "atletico-de-madrid-v-bayern-munchen"],
            ];
            for (const [name, stem] of pinned) expect(actionNameStem(name), name).to.equal(stem);
            expect(scheduledActionName("prewarm", ["UCL final"])).to.equal("prewarm-ucl-final");
            expect(scheduledActionName("release", ["UCL semi-final first leg 1", "UCL semi-final first leg 2"]))
                .to.equal("release-ucl-semi-final-first-leg-1--ucl-semi-final-first-leg-2");
            expect(scheduledActionName("prewarm", ["Quarter-final ".repeat(30)])).to.equal(
                "prewarm-quarter-final-quarter-final-quarter-final-quarter-final-quarter-final-quarter-final-quarter-final-quarter-final-" +
                "quarter-final-quarter-final-quarter-final-quarter-final-quarter-final-q-6f57ed29",
            );
        });

        it("gives every fixture in Pulumi.matchday.yaml its stem from before", () => {
            const stack = parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.matchday.yaml"), "utf8")) as { config: Record<string, unknown> };
            const fixtures = stack.config["kgsports:fixtures"] as { name: string }[];
            expect(fixtures.length).to.be.at.least(1);
            for (const f of fixtures) expect(actionNameStem(f.name), f.name).to.equal(stemBeforeTransliteration(f.name));
        });

        it("gives any name of ASCII and accented Latin letters the stem from before", () => {
            // A fixed pseudo-random sample: letters, digits, punctuation, spaces, accents that decompose.
            const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_()!?:/.,'&+#éèêëáàâäãåíìîïóòôöõúùûüñçÉÁÖÜÑÇýÿčšžřěůńśźćőűİĞŞ";
            let seed = 12345;
            const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
            for (let i = 0; i < 2000; i++) {
                const length = 1 + (next() % 40);
                const name = Array.from({ length }, () => alphabet[next() % alphabet.length]).join("");
                if (stemBeforeTransliteration(name) === "") continue;
                expect(actionNameStem(name), JSON.stringify(name)).to.equal(stemBeforeTransliteration(name));
            }
        });
    });

    describe("non-Latin names are transliterated into meaningful stems", () => {
        it("romanises Korean", () => {
            expect(actionNameStem("챔피언스리그 결승")).to.equal("chaempieonseuligeu-gyeolseung");
            expect(actionNameStem("결승전")).to.equal("gyeolseungjeon");
            expect(actionNameStem("FC 서울 v 울산 현대")).to.equal("fc-seoul-v-ulsan-hyeondae");
            expect(scheduledActionName("prewarm", ["챔피언스리그 결승"])).to.equal("prewarm-chaempieonseuligeu-gyeolseung");
        });

        it("reads decomposed Hangul (jamo) as the same syllables", () => {
            const composed = "챔피언스리그 결승";
            const decomposed = composed.normalize("NFD");
            expect(decomposed).to.not.equal(composed);
            expect(actionNameStem(decomposed)).to.equal("chaempieonseuligeu-gyeolseung");
        });

        it("gives two Korean nights two distinct names, which the pre-flight check accepts", () => {
            const first = "챔피언스리그 4강 1차전";
            const second = "챔피언스리그 4강 2차전";
            expect(actionNameStem(first)).to.not.equal(actionNameStem(second));
            expect(actionNameStem(first)).to.match(/^chaempieonseuligeu-4gang-1chajeon$/);
            const problems = checkCapacityPlan(plan([
                { name: first, kickoff: "2027-04-28T04:00:00+09:00", expectedPeakViewers: 90_000 },
                { name: second, kickoff: "2027-05-06T04:00:00+09:00", expectedPeakViewers: 100_000 },
            ]));
            expect(problems).to.deep.equal([]);
        });

        it("keeps the hash only for names that transliterate to nothing", () => {
            expect(actionNameStem("!!!")).to.equal("fixture-2d53a722");
            expect(actionNameStem("— ・ —")).to.match(/^fixture-[0-9a-f]{8}$/);
            expect(actionNameStem("결승전")).to.not.match(/^fixture-/);
        });

        it("makes only [a-z0-9-] stems, whatever the script", () => {
            for (const name of ["東京 v 大阪", "Москва — Спартак", "Ελλάδα", "الأهلي", "⚽ Final 🏆", "Straße", "Bodø/Glimt"]) {
                const stem = actionNameStem(name);
                expect(stem, name).to.match(/^[a-z0-9]+(-[a-z0-9]+)*$/);
                expect(stem, name).to.not.match(/^fixture-/);
            }
        });
    });

    describe("the pre-flight check still refuses names that give the same action name", () => {
        it("two Korean names, or a Korean and a Latin name, with the same romanisation", () => {
            const same = checkCapacityPlan(plan([
                { name: "결승", kickoff: "2027-04-28T04:00:00+09:00", expectedPeakViewers: 1000 },
                { name: "결승!", kickoff: "2027-05-06T04:00:00+09:00", expectedPeakViewers: 1000 },
            ]));
            expect(same.filter((p) => p.key === "name").map((p) => [p.fixture, p.message.includes("same scheduled action name")])).to.deep.equal([["결승!", true]]);
            const mixed = checkCapacityPlan(plan([
                { name: "결승", kickoff: "2027-04-28T04:00:00+09:00", expectedPeakViewers: 1000 },
                { name: "Gyeolseung", kickoff: "2027-05-06T04:00:00+09:00", expectedPeakViewers: 1000 },
            ]));
            const p = mixed.find((x) => x.key === "name");
            expect(p?.fixture).to.equal("Gyeolseung");
            expect(p?.message).to.contain('same scheduled action name as fixture "결승"').and.contain("prewarm-gyeolseung");
        });
    });
});
