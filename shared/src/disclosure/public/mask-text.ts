import { maskIdNumber, maskName, maskPhone } from "../../security/masking.ts";

/**
 * 脱敏 of free text before it is shown publicly (GB/T 35273 去标识化展示): OCR text of 补偿登记表 and
 * 公告 carries 身份证号, 电话 and the names of 被征收人. Numbers are found by shape; names by the
 * labels a list puts before them (姓名、户主、权利人、被征收人、联系人…) and by standing in the same cell
 * run just before an ID number or a phone number, which is how 补偿清单 rows are laid out.
 */

// 18-digit (last may be X) and old 15-digit 身份证号, not inside a longer digit run.
const ID_NUMBER =
  /(?<![0-9A-Za-z])(?:[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g;
const FIXED_LINE = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;
// Any digit run after a phone label (fixed lines written without their dash: 02887654321).
const LABELLED_PHONE = /((?:电话|手机|联系方式|联系电话)\s*[:：]?\s*)(\d[\d-]{6,14}\d)/gu;
const LABELLED_NAME =
  /((?:姓\s*名|户\s*主|户主姓名|权利人|被征收人|被补偿人|承包人|签\s*字|签\s*名|联系人|代理人|收款人|领款人)\s*[:：]?\s*)(\p{Script=Han}{2,4})/gu;
// A 2–4 character name followed (after separators) by an ID number or mobile found in the same text
// (findPersonalData checks what follows). It errs towards masking: a two-character label before a
// number (旧证 …) is starred too, a name never leaks.
const NAME_BEFORE_NUMBER = /(?<!\p{Script=Han})(\p{Script=Han}{2,4})([\s,，、|：:\t]+)/gu;

// Words that look like a name by position but are column headers or place/role words.
const NOT_NAMES = new Set([
  "姓名",
  "身份证",
  "身份证号",
  "身份号码",
  "证件",
  "证号",
  "号码",
  "证件号码",
  "联系电话",
  "联系方式",
  "电话",
  "手机",
  "手机号",
  "座机",
  "传真",
  "热线",
  "咨询",
  "咨询电话",
  "监督电话",
  "举报电话",
  "合计",
  "小计",
  "备注",
  "户主",
  "地址",
  "本人",
  "无",
]);

export type PersonalDataKind = "id_number" | "phone" | "name";

/** One piece of personal data in a text: `text.slice(start, end)` is it, `masked` what the public may read instead. */
export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
  masked: string;
}

// The masked forms a 补偿清单 row puts after a name: 5101****…, 138****…, 0288****… (NAME_BEFORE_NUMBER).
const MASKED_NUMBER_START = /^(?:[0-9]{3,4}\*|[1-9][0-9]{3}\*|\d{3}\*{4}\d{4})/;

/**
 * Every piece of personal data in `text`, in text order and never overlapping: the single source
 * of what is personal, used by maskText for text and by the redaction of rendered pages (which
 * paints over the same spans). Earlier rules win an overlap (an ID number before a phone label).
 */
export function findPersonalData(text: string | null | undefined): PersonalDataSpan[] {
  if (!text) return [];
  const spans: PersonalDataSpan[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const add = (kind: PersonalDataKind, start: number, value: string, masked: string | null) => {
    const end = start + value.length;
    if (masked !== null && masked !== value && free(start, end)) spans.push({ kind, start, end, masked });
  };
  for (const m of text.matchAll(ID_NUMBER)) add("id_number", m.index, m[0], maskIdNumber(m[0]));
  for (const re of [MOBILE, FIXED_LINE]) for (const m of text.matchAll(re)) add("phone", m.index, m[0], maskPhone(m[0]));
  for (const m of text.matchAll(LABELLED_PHONE)) {
    const [, label = "", phone = ""] = m;
    add("phone", m.index + label.length, phone, maskPhone(phone));
  }
  for (const m of text.matchAll(LABELLED_NAME)) {
    const [, label = "", name = ""] = m;
    if (!NOT_NAMES.has(name)) add("name", m.index + label.length, name, maskName(name));
  }
  // Names in a list row: the masked number must follow the separators directly.
  const numbers = [...spans].filter((s) => s.kind !== "name");
  for (const m of text.matchAll(NAME_BEFORE_NUMBER)) {
    const [whole, name = ""] = m;
    const after = m.index + whole.length;
    const next = numbers.find((s) => s.start === after);
    if (next && MASKED_NUMBER_START.test(next.masked) && !NOT_NAMES.has(name)) add("name", m.index, name, maskName(name));
  }
  return spans.sort((a, b) => a.start - b.start);
}

export function maskText(text: string | null | undefined): string {
  if (!text) return "";
  let out = "";
  let at = 0;
  for (const s of findPersonalData(text)) {
    out += text.slice(at, s.start) + s.masked;
    at = s.end;
  }
  return out + text.slice(at);
}
