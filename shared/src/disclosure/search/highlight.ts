/** A text cut into plain and matched pieces, so pages render <mark> without trusting any HTML. */
export type Highlight = { text: string; hit: boolean }[];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function termsRe(terms: readonly string[]): RegExp | null {
  const t = [...new Set(terms.filter((x) => x.length > 0))].sort((a, b) => b.length - a.length);
  return t.length ? new RegExp(t.map(escapeRe).join("|"), "giu") : null;
}

export function highlight(text: string, terms: readonly string[]): Highlight {
  const re = termsRe(terms);
  if (!re || !text) return [{ text, hit: false }];
  const out: Highlight = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const i = m.index ?? 0;
    if (i > last) out.push({ text: text.slice(last, i), hit: false });
    out.push({ text: m[0], hit: true });
    last = i + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), hit: false });
  return out;
}

/** The window of `text` around its first match (or its start), highlighted. */
export function snippet(text: string, terms: readonly string[], width = 90): Highlight {
  const flat = text.replace(/\s+/g, " ").trim();
  const re = termsRe(terms);
  const first = re ? (flat.search(re) ?? -1) : -1;
  const start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const piece = `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
  return highlight(piece, terms);
}
