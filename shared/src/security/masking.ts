/**
 * 脱敏 (masking) of personal information for every view and export (《个人信息保护法》,
 * GB/T 35273 去标识化展示). Masked values keep just enough to tell records apart on a call or
 * a counter; clear values are for authorised roles only (roles.ts) and are audited.
 *
 * Every function accepts null/empty and returns null for it, so callers can map columns blindly.
 * Masking works on Unicode code points, never splits a character, and never reveals more than
 * the rule says even for short or malformed input.
 */

const STAR = "*";

function chars(value: string): string[] {
  return Array.from(value.trim());
}

/** 身份证号: keep the first 4 (province + city) and the last 4 — 5101**********1234. */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const c = chars(value);
  if (c.length <= 8) return STAR.repeat(c.length);
  return `${c.slice(0, 4).join("")}${STAR.repeat(c.length - 8)}${c.slice(-4).join("")}`;
}

/**
 * 联系电话: a mobile keeps the first 3 and last 4 — 138****1234; a fixed line keeps its area code
 * and last 4 — 028-****5678; anything else keeps only its last 4.
 */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  const digits = v.replace(/\D/g, "");
  const mobile = digits.match(/^(?:86)?(1\d{10})$/);
  if (mobile?.[1]) return `${mobile[1].slice(0, 3)}****${mobile[1].slice(-4)}`;
  const fixed = v.match(/^(0\d{2,3})-(\d{7,8})(?:-\d{1,6})?$/);
  if (fixed?.[1] && fixed[2]) return `${fixed[1]}-****${fixed[2].slice(-4)}`;
  // Without a dash: 3-digit area codes are 010 and 02x (北京, 上海, 成都 028 …), the others have 4.
  if (/^0\d{9,11}$/.test(digits)) {
    const area = /^(010|02\d)/.test(digits) ? 3 : 4;
    return `${digits.slice(0, area)}-****${digits.slice(-4)}`;
  }
  if (digits.length <= 4) return STAR.repeat(digits.length || 1);
  return `****${digits.slice(-4)}`;
}

/** 银行账号: only the last 4 digits — **** **** **** 1234. */
export function maskBankAccount(value: string | null | undefined): string | null {
  if (!value) return null;
  const digits = value.replace(/\D/g, "");
  if (digits.length <= 4) return "**** **** **** ****";
  return `**** **** **** ${digits.slice(-4)}`;
}

/** 姓名: two characters keep the first — 张*; three or more keep the first and the last — 张*某 / 欧**明. */
export function maskName(value: string | null | undefined): string | null {
  if (!value) return null;
  const c = chars(value);
  if (c.length === 1) return STAR;
  if (c.length === 2) return `${c[0]}${STAR}`;
  return `${c[0]}${STAR.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/** The personal fields of a 补偿登记, clear or masked. */
export interface PersonalFields {
  holderName: string;
  idNumber: string;
  phone: string | null;
  bankAccount: string | null;
}

export function maskPersonalFields<T extends PersonalFields>(row: T): T {
  return {
    ...row,
    holderName: maskName(row.holderName) ?? "",
    idNumber: maskIdNumber(row.idNumber) ?? "",
    phone: maskPhone(row.phone),
    bankAccount: maskBankAccount(row.bankAccount),
  };
}
