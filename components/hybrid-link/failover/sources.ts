/**
 * Which sources the failover function's archive holds, and its handler setting: no
 * Pulumi and no compiler at run time (`@kgsports/hybrid-link/pure`); code.ts builds
 * the archive.
 */
/** Archive file name -> source next to this file. `index.js` holds `handler`. */
export const FAILOVER_SOURCES: Readonly<Record<string, string>> = {
    "index.js": "handler.ts",
    "decide.js": "decide.ts",
    "settings.js": "settings.ts",
};

/** The Lambda handler setting that matches the archive. */
export const FAILOVER_HANDLER = "index.handler";
