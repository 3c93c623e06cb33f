/**
 * Notice periods of 预公告 / 补偿安置方案公告 / 征收土地公告: a length (公告期不少于30日, 公告时间为
 * 十个工作日) and/or a span (自2023年5月10日起至2023年6月9日止). The statutory minimums the
 * checks compare against are 10 working days (预公告) and 30 days (补偿安置方案公告).
 */
import { extractDates } from "./dates.ts";
import { CN_NUMERAL_CHARS, parseNumber } from "./numerals.ts";

export interface NoticePeriodMatch {
  /** Length as stated, if stated. */
  length: number | null;
  unit: "日" | "工作日" | "月" | null;
  /** 不少于 N: a minimum rather than an exact length. */
  atLeast: boolean;
  from: string | null;
  to: string | null;
  text: string;
  index: number;
}

const LENGTH_RE = new RegExp(
  `(?:公告|公示)(?:期限|期|时间|时限)?(?:为|是|:)?(不少于|不得少于|不低于)?(\\d+|[${CN_NUMERAL_CHARS}]+)(个工作日|个?月|日|天)`,
  "g",
);
const SPAN_RE = /自([^起至]{6,16}?)(?:起)?至([^止。;，,]{6,16}?)(?:止|结束)/g;

export function extractNoticePeriods(text: string): NoticePeriodMatch[] {
  const out: NoticePeriodMatch[] = [];
  for (const m of text.matchAll(LENGTH_RE)) {
    const length = parseNumber(m[2] as string);
    if (length === null) continue;
    const u = m[3] as string;
    out.push({
      length,
      unit: u === "个工作日" ? "工作日" : u.endsWith("月") ? "月" : "日",
      atLeast: m[1] !== undefined,
      from: null,
      to: null,
      text: m[0],
      index: m.index ?? 0,
    });
  }
  for (const m of text.matchAll(SPAN_RE)) {
    const from = extractDates(m[1] as string)[0]?.value ?? null;
    const to = extractDates(m[2] as string)[0]?.value ?? null;
    if (!from || !to) continue;
    const index = m.index ?? 0;
    // A span right after a stated length (公告期不少于30日，自…起至…止) belongs to it.
    const near = out.find((o) => o.from === null && index - (o.index + o.text.length) >= 0 && index - (o.index + o.text.length) <= 4);
    if (near) {
      near.from = from;
      near.to = to;
    } else out.push({ length: null, unit: null, atLeast: false, from, to, text: m[0], index });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Calendar days from `from` to `to` inclusive (自5月10日起至6月8日止 is 30 days). */
export function spanDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}
