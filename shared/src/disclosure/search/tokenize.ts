import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

/**
 * Chinese segmentation for the search index and its queries: the same tokenizer on both sides, so a
 * query matches what was indexed. jieba's search mode (cutForSearch, HMM on) also emits the short
 * words inside long ones (成都市 → 成都, 都市, 成都市). Punctuation and brackets are dropped, which is
 * why 川府土〔2023〕456号, 川府土[2023]456号 and 川府土(2023)456号 give the same tokens.
 */
export interface Tokenizer {
  tokens(text: string): string[];
}

const WORD = /^[\p{L}\p{N}]+$/u;

export function createTokenizer(): Tokenizer {
  const jieba = Jieba.withDict(dict);
  return {
    tokens(text: string): string[] {
      const out: string[] = [];
      for (const t of jieba.cutForSearch(text.normalize("NFKC"), true)) {
        const w = t.trim().toLowerCase();
        if (w && WORD.test(w)) out.push(w);
      }
      return out;
    },
  };
}

// The dictionary is immutable and takes ≈ 0.2 s to load: one per process, made on first use.
let shared: Tokenizer | null = null;
export function defaultTokenizer(): Tokenizer {
  shared ??= createTokenizer();
  return shared;
}

/** 批准文号 without brackets, spaces and case: the key its fragments (“456号”, “2023 456”) are matched on. */
export function docKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\s〔〕[\]()（）【】{}「」<>《》]/gu, "")
    .toLowerCase();
}

const HAN = /^\p{Script=Han}$/u;

/**
 * Query tokens: a run of single characters jieba could not join (郫都 → 郫, 都) is joined back, so
 * that as a prefix it finds the indexed word (郫都区).
 */
export function queryTokens(tokenizer: Tokenizer, q: string): string[] {
  const out: string[] = [];
  let run = "";
  const flush = () => {
    if (run) out.push(run);
    run = "";
  };
  for (const t of tokenizer.tokens(q)) {
    if (HAN.test(t)) run += t;
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return [...new Set(out)];
}

/** The distinct Han characters of a text: indexed for the head fields so a one-character query still finds them. */
export function hanChars(text: string): string[] {
  return [...new Set(Array.from(text).filter((c) => HAN.test(c)))];
}

/**
 * A tsquery over query tokens: every token must match; words match as prefixes (郫都 finds 郫都区),
 * numbers exactly (456 must not find 4567). Tokens are letters and digits only, so quoting is safe.
 */
export function toTsQuery(tokens: readonly string[]): string | null {
  const uniq = [...new Set(tokens)];
  if (uniq.length === 0) return null;
  const isNumber = (t: string) => /^\p{N}+$/u.test(t);
  // A word that begins another token is implied by it (成都 by 成都市: a lexeme starting with 成都市
  // starts with 成都), so it is left out: same matches, one prefix expansion fewer in the GIN scan.
  const kept = uniq.filter((t) => isNumber(t) || !uniq.some((o) => o !== t && o.startsWith(t)));
  return kept.map((t) => (isNumber(t) ? `'${t}'` : `'${t}':*`)).join(" & ");
}
