/** Calendar arithmetic on ISO dates (UTC, no time of day). */

/** The same month and day `n` years later; 29 February falls back to 28 February. */
export function addYears(iso: string, n: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + n, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Whole-and-fractional years between two dates (365.25-day years), for display and age buckets. */
export function yearsBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / (365.25 * 86_400_000);
}
