/**
 * The stable public address of a record, /gongkai/<slug>, made from its 批准文号: Chinese characters
 * become toneless pinyin syllables (ü written v), digit and Latin runs are kept, everything else
 * (brackets of any kind, 号, spaces) separates. 川府土〔2023〕456号 → chuan-fu-tu-2023-456.
 * A record keeps the slug it was created with even if the 批准文号 is corrected later, so
 * published links never break; a collision gets a numeric suffix (-2, -3, …).
 */
import { pinyin } from "pinyin-pro";

const CJK = /[\u3400-\u9fff]/;

export const SLUG_PATTERN = /^[0-9a-z]+(-[0-9a-z]+)*$/;

export function slugFor(docNumber: string): string {
  // 号 closes every 批准文号 and would only lengthen each address.
  const text = docNumber.normalize("NFKC").trim().replace(/号$/, "");
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (CJK.test(ch)) {
      let j = i;
      while (j < text.length && CJK.test(text.charAt(j))) j++;
      // Whole runs so that polyphones are read in context.
      const syllables = pinyin(text.slice(i, j), { toneType: "none", type: "array", v: true });
      for (const s of syllables) {
        const clean = s.toLowerCase().replace(/[^0-9a-z]/g, "");
        if (clean) tokens.push(clean);
      }
      i = j;
    } else if (/[0-9a-z]/i.test(ch)) {
      let j = i;
      while (j < text.length && /[0-9a-z]/i.test(text.charAt(j))) j++;
      tokens.push(text.slice(i, j).toLowerCase());
      i = j;
    } else {
      i++;
    }
  }
  return tokens.join("-");
}

/** `base`, or `base-2`, `base-3` … — the first that `taken` does not contain. */
export function withSuffix(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
