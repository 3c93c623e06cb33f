/**
 * Formats of the personal data in a 补偿登记: GB 11643-1999 公民身份号码 (with its ISO 7064
 * MOD 11-2 check character), mobile and fixed-line telephone numbers, bank account numbers.
 * Pure functions; the zod schemas of the use cases use them.
 */
import { z } from "zod";

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = "10X98765432";

/** The check character (0–9 or X) of the first 17 digits of a 公民身份号码. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("idNumberCheckChar: 17 digits expected");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** Upper-case X, no spaces. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** 18 characters, a real birth date (1900 – today), and the GB 11643 check character. */
export function isValidIdNumber(value: string): boolean {
  const v = normalizeIdNumber(value);
  if (!/^[1-9]\d{16}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  if (y < 1900 || birth.getTime() > Date.now()) return false;
  return idNumberCheckChar(v.slice(0, 17)) === v[17];
}

/** Mobile 1[3-9]xxxxxxxxx, or fixed line 0区号-号码 (area code 3–4 digits, number 7–8 digits). */
export const PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
/** Bank account: 12–30 digits (spaces allowed for readability, removed before storing). */
export const BANK_ACCOUNT_PATTERN = /^\d{12,30}$/;

export const idNumberSchema = z
  .string()
  .transform(normalizeIdNumber)
  .refine(isValidIdNumber, "身份证号不符合 GB 11643（18 位，出生日期有效，末位校验码正确）");

export const phoneSchema = z
  .string()
  .transform((v) => v.replace(/[\s()]/g, ""))
  .refine((v) => PHONE_PATTERN.test(v), "联系电话应为 11 位手机号或“区号-号码”格式的固定电话");

export const bankAccountSchema = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, ""))
  .refine((v) => BANK_ACCOUNT_PATTERN.test(v), "银行账号应为 12–30 位数字");

/** 1 亩 = 10000/15 平方米. */
export const M2_PER_MU = 10_000 / 15;
