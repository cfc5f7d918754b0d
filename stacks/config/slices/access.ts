/**
 * Access control: the people in each group, the operator role's session, the account
 * password policy, and who may deploy (AccessControl's arguments). A person is in one
 * group only; the operator session covers the longest match window.
 */
import { z } from "zod";
import { DEFAULT_DEPLOY_BRANCH, DEFAULT_MAX_MFA_AGE_SECONDS, DEFAULT_PASSWORD_POLICY } from "@kgsports/access-control/pure";
import { MatchdaySettings } from "../matchday";
import { decideOperatorSession, OPERATOR_SESSION_MARGIN_MINUTES, ROLE_SESSION_MAX_MINUTES } from "../operatorSession";
import { PROJECT } from "../project";
import { boolean, def, IAM_USER, integer, pattern, stringList } from "../schema";
import { ConfigProblem, defineSlice, KeyValues } from "../slice";

/** IAM's longest role session, in hours. */
const MAX_SESSION_HOURS = ROLE_SESSION_MAX_MINUTES / 60;

export const ACCESS_KEYS = {
    administrators: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names of the administrators (existing users). Exactly these users are in the group; at least one.",
        required: true,
        allowed: "a list of at least one IAM user name (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER).pipe(z.array(z.string()).min(1)) as unknown as z.ZodType<string[], z.ZodTypeDef, string>,
    }),
    operators: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names of the matchday operators (existing users); they may assume the operator role with MFA.",
        default: [] as string[],
        allowed: "a list of IAM user names (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER),
    }),
    readOnlyUsers: def({
        type: "array",
        items: { type: "string" },
        description: "IAM user names with read-only access to the platform's configuration (never its data).",
        default: [] as string[],
        allowed: "a list of IAM user names (letters, digits and +=,.@_-, up to 64 characters)",
        schema: stringList(IAM_USER),
    }),
    mfaMaxAgeHours: def({
        type: "integer",
        description: "How recent an MFA sign-in must be for administrator access and for assuming the operator role, in hours.",
        default: DEFAULT_MAX_MFA_AGE_SECONDS / 3600,
        allowed: "a whole number of hours from 1 to 36 (AWS's longest MFA session)",
        schema: integer(1, 36),
    }),
    operatorSessionHours: def({
        type: "integer",
        description: `Longest session of the matchday operator role, in hours. 0: sized from the longest match window (pre-warm to release) plus ${OPERATOR_SESSION_MARGIN_MINUTES} minutes, at most ${MAX_SESSION_HOURS} hours (IAM's limit); a value shorter than the longest window plus ${OPERATOR_SESSION_MARGIN_MINUTES} minutes is refused, and so is a window longer than ${MAX_SESSION_HOURS} h.`,
        default: 0,
        allowed: `0 (sized from the longest match window), or a whole number of hours up to ${MAX_SESSION_HOURS} (IAM's limit for a role session) that covers the longest match window plus ${OPERATOR_SESSION_MARGIN_MINUTES} minutes`,
        schema: integer(0, MAX_SESSION_HOURS),
    }),
    managePasswordPolicy: def({
        type: "boolean",
        description: "Whether this stack owns the account password policy (an account-wide singleton: one stack per account).",
        default: true,
        allowed: "true or false",
        schema: boolean,
    }),
    passwordMinimumLength: def({
        type: "integer",
        description: "Account password policy: minimum password length.",
        default: DEFAULT_PASSWORD_POLICY.minimumPasswordLength,
        allowed: "a whole number from 14 to 128",
        schema: integer(14, 128),
    }),
    passwordReusePrevention: def({
        type: "integer",
        description: "Account password policy: how many previous passwords may not be reused.",
        default: DEFAULT_PASSWORD_POLICY.passwordReusePrevention,
        allowed: "a whole number from 1 to 24",
        schema: integer(1, 24),
    }),
    passwordMaxAgeDays: def({
        type: "integer",
        description: "Account password policy: days until a password must be changed.",
        default: DEFAULT_PASSWORD_POLICY.maxPasswordAge,
        allowed: "a whole number from 1 to 1095",
        schema: integer(1, 1095),
    }),
    deployRepository: def({
        type: "string",
        description: "GitHub repository (owner/name) whose workflows may deploy this stack through the OIDC deploy role.",
        required: true,
        allowed: "a GitHub repository as owner/name, e.g. kgsports/matchday-platform",
        schema: pattern(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/),
    }),
    deployBranch: def({
        type: "string",
        description: "Branch whose workflow runs may assume the deploy role (used when deployEnvironment is empty).",
        default: DEFAULT_DEPLOY_BRANCH,
        allowed: "a branch name without refs/heads/ and without wildcards",
        schema: pattern(/^(?!refs\/)[A-Za-z0-9._\/-]{1,255}$/),
    }),
    deployEnvironment: def<string | undefined>({
        type: "string",
        description: "GitHub environment whose jobs may assume the deploy role; when set it replaces the branch rule. Empty: use the branch.",
        default: "",
        emptyMeansUnset: true,
        allowed: "a GitHub environment name without wildcards",
        schema: pattern(/^[A-Za-z0-9._ -]{1,255}$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
    existingOidcProviderArn: def<string | undefined>({
        type: "string",
        description: "ARN of the account's GitHub Actions OIDC provider when another stack created it. Empty: this stack creates it.",
        default: "",
        emptyMeansUnset: true,
        allowed: "an IAM OIDC provider ARN, arn:aws:iam::<12-digit account>:oidc-provider/token.actions.githubusercontent.com",
        schema: pattern(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/) as z.ZodType<string | undefined, z.ZodTypeDef, string>,
    }),
};

export interface AccessSettings {
    /** Prefix of every IAM name: `<project>-<stack>`. */
    namePrefix: string;
    administrators: string[];
    operators: string[];
    readOnly: string[];
    mfaMaxAgeSeconds: number;
    operatorSessionSeconds: number;
    managePasswordPolicy: boolean;
    passwordPolicy: { minimumLength: number; reusePrevention: number; maxAgeDays: number };
    deploy: { repository: string; branch?: string; environment?: string; existingOidcProviderArn?: string };
}

type AccessKey = keyof typeof ACCESS_KEYS;
const full = (key: AccessKey) => `${PROJECT}:${key}`;

/** Each user listed once, and each person in one group (IAM user names compare case-insensitively). */
export function peopleProblems(v: KeyValues<typeof ACCESS_KEYS>): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const people: [AccessKey, string[] | undefined][] = [
        ["administrators", v.administrators],
        ["operators", v.operators],
        ["readOnlyUsers", v.readOnlyUsers],
    ];
    const seenIn = new Map<string, AccessKey>();
    for (const [name, users] of people) {
        const own = new Set<string>();
        for (const user of users ?? []) {
            // Stryker disable next-line MethodExpression: equivalent; upper or lower case, the comparison is case-insensitive
            const id = user.toLowerCase(); // IAM user names are unique case-insensitively
            const other = seenIn.get(id);
            if (own.has(id)) {
                problems.push({ key: full(name), value: user, message: "listed twice; allowed: each user once" });
            } else if (other !== undefined) {
                problems.push({
                    key: full(name),
                    value: user,
                    message: `is also listed in ${full(other)}; allowed: each person in one group (administrators, operators or readOnlyUsers)`,
                });
            }
            own.add(id);
            if (other === undefined) seenIn.set(id, name);
        }
    }
    return problems;
}

export const accessSlice = defineSlice({
    name: "access",
    title: "Access control: people, operators, the deploy pipeline",
    keys: ACCESS_KEYS,
    check: peopleProblems,
    decide(v, ctx, earlier: Partial<{ matchday: MatchdaySettings }>): { settings?: AccessSettings; problems?: ConfigProblem[] } {
        const m = earlier.matchday;
        if (m === undefined || v.operatorSessionHours === undefined) return {};
        // The operator role's session covers a whole match window (IAM caps a session at 12 hours).
        const session = decideOperatorSession({
            longestWindowMinutes: m.longestWindowMinutes,
            oneWindowMinutes: m.plan.preWarmLeadMinutes + m.plan.matchWindowMinutes + m.plan.releaseDelayMinutes,
            configuredHours: v.operatorSessionHours,
        });
        if ("problem" in session) return { problems: [session.problem] };
        // A required key left out or refused has its own problem, which stops the deploy.
        // Stryker disable next-line all: equivalent; see the next line
        const required = (Object.keys(ACCESS_KEYS) as AccessKey[]).filter((k) => !("emptyMeansUnset" in ACCESS_KEYS[k]));
        // Stryker disable next-line all: equivalent; a required key left out has its own problem, so these settings are never used
        if (required.some((k) => v[k] === undefined)) return {};
        const p = v as Required<typeof v>;
        return {
            settings: {
                namePrefix: `${ctx.project}-${ctx.stack}`,
                administrators: p.administrators,
                operators: p.operators,
                readOnly: p.readOnlyUsers,
                mfaMaxAgeSeconds: p.mfaMaxAgeHours * 3600,
                operatorSessionSeconds: session.seconds,
                managePasswordPolicy: p.managePasswordPolicy,
                passwordPolicy: { minimumLength: p.passwordMinimumLength, reusePrevention: p.passwordReusePrevention, maxAgeDays: p.passwordMaxAgeDays },
                deploy: {
                    repository: p.deployRepository,
                    ...(v.deployEnvironment ? { environment: v.deployEnvironment } : { branch: p.deployBranch }),
                    ...(v.existingOidcProviderArn ? { existingOidcProviderArn: v.existingOidcProviderArn } : {}),
                },
            },
        };
    },
});
