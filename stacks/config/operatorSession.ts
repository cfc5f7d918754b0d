/**
 * How long the matchday operator role's session may last: a whole match window (from the
 * pre-warm to the release) plus a margin, so an operator who assumes the role before the
 * pre-warm is not signed out mid-match. IAM's limit for a role session is 12 hours; a
 * window longer than that cannot be covered by one session and is refused. Pure.
 */
import { PROJECT } from "./project";

/** IAM's limits for a role's MaxSessionDuration, in minutes (3 600 to 43 200 seconds). */
export const ROLE_SESSION_MIN_MINUTES = 60;
export const ROLE_SESSION_MAX_MINUTES = 720;
/** Time before the pre-warm at which an operator may have assumed the role. */
export const OPERATOR_SESSION_MARGIN_MINUTES = 30;

export interface OperatorSessionInputs {
    /** The longest match window of the stack (pre-warm to release, merged windows included). */
    longestWindowMinutes: number;
    /** One fixture's window from the window keys alone (preWarmLead + matchWindow + releaseDelay). */
    oneWindowMinutes: number;
    /** `kgsports:operatorSessionHours`; 0 sizes the session from the longest window. */
    configuredHours: number;
}

export interface OperatorSessionProblem {
    key: string;
    value?: string;
    message: string;
}

const hm = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;

/** The session in seconds, or why the config cannot have one that covers a match. */
export function decideOperatorSession(i: OperatorSessionInputs): { seconds: number } | { problem: OperatorSessionProblem } {
    if (i.longestWindowMinutes > ROLE_SESSION_MAX_MINUTES) {
        // One window from the keys alone is too long, or fixtures close together merge into one.
        const key = i.oneWindowMinutes > ROLE_SESSION_MAX_MINUTES ? `${PROJECT}:matchWindowMinutes` : `${PROJECT}:fixtures`;
        return {
            problem: {
                key,
                message:
                    `the longest match window (pre-warm to release) is ${hm(i.longestWindowMinutes)}, longer than IAM's 12-hour maximum role session, so the operators' session would end mid-match; ` +
                    `allowed: windows of at most 12 h (shorten ${PROJECT}:preWarmLeadMinutes, ${PROJECT}:matchWindowMinutes or ${PROJECT}:releaseDelayMinutes, or space the fixtures so their windows do not merge)`,
            },
        };
    }
    const needed = Math.min(ROLE_SESSION_MAX_MINUTES, Math.max(ROLE_SESSION_MIN_MINUTES, i.longestWindowMinutes + OPERATOR_SESSION_MARGIN_MINUTES));
    if (i.configuredHours === 0) return { seconds: needed * 60 };
    if (i.configuredHours * 60 < needed) {
        return {
            problem: {
                key: `${PROJECT}:operatorSessionHours`,
                value: String(i.configuredHours),
                message:
                    `a ${i.configuredHours}-hour session ends before the longest match window (${hm(i.longestWindowMinutes)} from pre-warm to release, plus ${OPERATOR_SESSION_MARGIN_MINUTES} minutes to assume the role first) is over; ` +
                    `allowed: 0 (sized from the window: ${hm(needed)}) or ${Math.ceil(needed / 60)} to 12 hours`,
            },
        };
    }
    return { seconds: i.configuredHours * 3600 };
}
