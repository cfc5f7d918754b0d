/**
 * Backup rules, vault lock, copy region and golden images (BackupPolicy's arguments),
 * every run checked against the match windows. The keys and decisions are
 * `stacks/config/backup.ts`.
 */
import { BACKUP_KEYS, BackupSettings, decideBackupSettings, MatchWindowSpan } from "../backup";
import type { MatchdaySettings } from "../matchday";
import { ConfigProblem, defineSlice, pickKeys } from "../slice";
import { MATCHDAY_KEYS } from "./matchday";

/** The match windows as spans the backup rules must stay out of, with the kickoffs as typed (for the time zone hints). */
export function matchWindowSpans(matchday: MatchdaySettings | undefined): MatchWindowSpan[] {
    return (matchday?.schedule.windows ?? []).map((w) => ({
        label: w.fixtures.join(" + "),
        start: w.preWarmAt,
        end: w.releaseAt,
        fixtures: w.fixtures,
        kickoff: w.kickoff,
        typedKickoffs: w.fixtures.map((n) => matchday!.plan.fixtures.find((f) => f.name === n)).filter((f) => f !== undefined)
            .map((f) => ({ kickoff: f.kickoff, ...(f.timeZone !== undefined ? { timeZone: f.timeZone } : {}) })),
    }));
}

export const backupSlice = defineSlice({
    name: "backup",
    title: "BackupPolicy: vault, plan, golden images (stacks/config/backup.ts)",
    keys: BACKUP_KEYS,
    reads: pickKeys(MATCHDAY_KEYS, "displayTimeZone"),
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: BackupSettings; problems: ConfigProblem[] } {
        return decideBackupSettings(v, {
            region: ctx.region,
            now: ctx.now,
            windows: matchWindowSpans(earlier.matchday),
            ...(v.displayTimeZone !== undefined ? { displayTimeZone: v.displayTimeZone } : {}),
        });
    },
});
