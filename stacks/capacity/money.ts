/**
 * Money as the capacity report prints it. Its own module: the prices (prices.ts) and the
 * costs (cost.ts) both format money, and the costs take the prices' type.
 */

/** `USD 1,234.56`: money as the report prints it, with thousands separators and two decimals. */
export function formatUsd(usd: number): string {
    if (!Number.isFinite(usd)) return "USD ? (no price)";
    return `USD ${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** `USD 0.08925`, `USD 0.0800`: a price per unit, with 4 to 6 decimals so no digit of a listed price is lost. */
export function formatUnitPrice(usd: number): string {
    if (!Number.isFinite(usd)) return "USD ? (no price)";
    return `USD ${usd.toLocaleString("en-US", { minimumFractionDigits: 4, maximumFractionDigits: 6 })}`;
}
