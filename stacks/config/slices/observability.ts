/**
 * Alerts, alarm thresholds, retention and the front-door probe (Observability's
 * arguments). The keys and decisions are `stacks/config/observability.ts`; the probe's
 * canary name and runtime are `stacks/config/canaryRuntime.ts`.
 */
import { frontDoorProbeFindings } from "../canaryRuntime";
import type { MatchdaySettings } from "../matchday";
import { decideObservabilitySettings, OBSERVABILITY_KEYS, ObservabilitySettings } from "../observability";
import { PROJECT } from "../project";
import { ConfigProblem, defineSlice, lastRelease, pickKeys } from "../slice";
import { WEB_KEYS } from "./webTier";

export const observabilitySlice = defineSlice({
    name: "observability",
    title: "Observability: alerts, alarms and logs (stacks/config/observability.ts)",
    keys: OBSERVABILITY_KEYS,
    reads: pickKeys(WEB_KEYS, "certificateArn"),
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: ObservabilitySettings; problems: ConfigProblem[]; notes: string[] } {
        const decided = decideObservabilitySettings(v);
        const problems: ConfigProblem[] = [...decided.problems];
        const notes: string[] = [];
        if (v.frontDoorProbeUrl !== undefined) {
            // The probe's canary: a name Synthetics' function naming holds, and a runtime
            // Synthetics still creates canaries on (a note when it will not after the season's end).
            const key = `${PROJECT}:frontDoorProbeUrl`;
            const probe = frontDoorProbeFindings({ stack: ctx.stack, key, prefix: `${ctx.project}-${ctx.stack}` }, { now: ctx.now, ...lastRelease(earlier.matchday?.schedule.windows) });
            problems.push(...probe.problems);
            notes.push(...probe.notes);
            // With a certificate the load balancer's port 80 answers every request itself with a
            // redirect, which the probe counts as success: "alb" would then watch nothing.
            if (v.frontDoorProbeUrl === "alb" && v.certificateArn !== undefined) {
                problems.push({
                    key,
                    value: "alb",
                    message: `stack "${ctx.stack}" has kgsports:certificateArn, so the load balancer answers http://<its name> with a redirect of its own and "alb" would pass while every target is down; allowed: the https:// URL of the public name the certificate covers (e.g. "https://watch.kgsports.example/healthz")`,
                });
            }
        }
        return { settings: decided.settings, problems, notes };
    },
});
