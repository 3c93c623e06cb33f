/** Input pieces shared by the ledger's use cases. */
import { z } from "zod";
import { actorSchema, isoInstant } from "../approval/common.ts";
import { QUOTA_KINDS } from "../standard/codes/index.ts";

export const yearSchema = z.number().int().min(1999).max(2100);
export const accountDivision = z.string().regex(/^\d{6}$/, "指标账户为市级或区县级（6 位行政区划代码）");
export const quotaKindSchema = z.enum(QUOTA_KINDS.map((k) => k.code) as [string, ...string[]]);
export const docRefSchema = z.string().trim().min(1).max(100);
export const reasonSchema = z.string().trim().min(1).max(2000);
export const positiveHa = z.number().positive().max(1e6);

export const accountFields = {
  year: yearSchema,
  divisionCode: accountDivision,
  quotaKind: quotaKindSchema,
};

export const movementFields = {
  ...accountFields,
  docRef: docRefSchema,
  reason: reasonSchema.optional(),
  actor: actorSchema,
  at: isoInstant.optional(),
};
