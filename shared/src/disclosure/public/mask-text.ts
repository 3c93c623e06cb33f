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
// A 2–4 character name followed (after separators) by an ID number or phone that was just masked. It
// errs towards masking: a two-character label before a number (旧证 …) is starred too, a name never leaks.
const NAME_BEFORE_NUMBER = /(?<!\p{Script=Han})(\p{Script=Han}{2,4})([\s,，、|：:\t]+)(?=[0-9]{3,4}\*|[1-9][0-9]{3}\*|\d{3}\*{4}\d{4})/gu;

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

export function maskText(text: string | null | undefined): string {
  if (!text) return "";
  let out = text.replace(ID_NUMBER, (m) => maskIdNumber(m) ?? m);
  out = out.replace(MOBILE, (m) => maskPhone(m) ?? m);
  out = out.replace(FIXED_LINE, (m) => maskPhone(m) ?? m);
  out = out.replace(LABELLED_PHONE, (_m, label: string, phone: string) => `${label}${maskPhone(phone) ?? phone}`);
  out = out.replace(LABELLED_NAME, (_m, label: string, name: string) => `${label}${NOT_NAMES.has(name) ? name : maskName(name)}`);
  out = out.replace(NAME_BEFORE_NUMBER, (m, name: string, sep: string) => (NOT_NAMES.has(name) ? m : `${maskName(name)}${sep}`));
  return out;
}
