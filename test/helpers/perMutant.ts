/**
 * A value tests only read, built once per test process, and under mutation testing
 * once per active mutant (see `shippedPlanKey` in test/helpers/declare.ts for why:
 * Stryker's mocha runner keeps the process between mutants and only switches the
 * active one, and its first run without a mutant must see each test build the value).
 * Call it inside `it`, never at load time or in a `before` hook, which Stryker credits
 * to another test.
 */
const cache = new Map<string, unknown>();
let cachedUnder: string | undefined;

export function perMutant<T>(key: string, build: () => T): T {
    if (process.env.STRYKER_MUTATOR_WORKER !== undefined) {
        const active = (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__?.activeMutant;
        if (active === undefined) return build();
        if (active !== cachedUnder) {
            cache.clear();
            cachedUnder = active;
        }
    }
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as T;
}
