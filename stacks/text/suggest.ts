/** "Did you mean": the nearest known name (a config key, a fixture field, a time zone) by edit distance. */

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive. */
export function editDistance(a: string, b: string): number {
    const s = a.toLowerCase();
    const t = b.toLowerCase();
    const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array<number>(t.length).fill(0)]);
    for (let j = 1; j <= t.length; j++) d[0][j] = j;
    for (let i = 1; i <= s.length; i++) {
        for (let j = 1; j <= t.length; j++) {
            const cost = s[i - 1] === t[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[s.length][t.length];
}

/** The known name a typo most likely meant, or undefined when none is close. */
export function nearestName(typo: string, known: readonly string[]): string | undefined {
    const limit = Math.max(2, Math.floor(typo.length / 4));
    let best: { name: string; distance: number } | undefined;
    for (const name of known) {
        const distance = editDistance(typo, name);
        if (distance <= limit && (best === undefined || distance < best.distance)) best = { name, distance };
    }
    return best?.name;
}
