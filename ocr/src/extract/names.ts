/**
 * Batch and project names: 成都市龙泉驿区2023年度第3批次城镇建设用地, …高速公路项目. Titles
 * read 关于<name>的批复/请示; in body text a name ends at 建设用地/用地/项目.
 */

export interface NameMatch {
  kind: "batch" | "project";
  name: string;
  index: number;
}

const NAME_CHARS = "\\u4e00-\\u9fff0-9()（）";
const TITLE_RE = new RegExp(`关于([${NAME_CHARS}]{4,60}?)的(?:批复|请示|函|通知|公告)`, "g");
const BATCH_RE = new RegExp(`([${NAME_CHARS}]{0,30}?第[0-9一二三四五六七八九十]+批次[\\u4e00-\\u9fff]{0,12}?(?:建设用地|用地))`, "g");
const PROJECT_RE = new RegExp(`([${NAME_CHARS}]{3,40}?项目)(?!区|部)`, "g");
/** Words before a name in running text (同意…, 关于…, 用于…); the last one counts. */
const LEAD = /^.*(?:同意将?|关于|批准|收悉|你市|你区|经研究|为保障|用于|用作|实施)/;

function kindOf(name: string): NameMatch["kind"] {
  return /批次/.test(name) ? "batch" : "project";
}

export function extractNames(text: string): NameMatch[] {
  const out: NameMatch[] = [];
  const seen = new Set<string>();
  const add = (name: string, index: number): void => {
    const n = name.replace(/^[0-9]+(?=[\u4e00-\u9fff])/, "");
    if (n.length < 4 || seen.has(n)) return;
    // A shorter match inside a title already taken adds nothing.
    if ([...seen].some((s) => s.includes(n))) return;
    seen.add(n);
    out.push({ kind: kindOf(n), name: n, index });
  };
  for (const m of text.matchAll(TITLE_RE)) {
    const name = m[1] as string;
    if (/批次|项目/.test(name)) add(name, m.index ?? 0);
  }
  for (const m of text.matchAll(BATCH_RE)) add((m[1] as string).replace(LEAD, ""), m.index ?? 0);
  for (const m of text.matchAll(PROJECT_RE)) add((m[1] as string).replace(LEAD, ""), m.index ?? 0);
  return out.sort((a, b) => a.index - b.index);
}
