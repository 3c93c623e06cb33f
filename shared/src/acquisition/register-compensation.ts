/**
 * Use case: 补偿登记 — a 权利人's registration for compensation after the 补偿安置方案公告
 * (《土地管理法实施条例》第二十七条). The 身份证号, 联系电话 and 银行账号 are sealed with the secret box
 * (AES-256-GCM; the associated data binds table, column and row id, so a sealed value copied to
 * another row or column does not open); the 身份证号 also gets a keyed hash (HMAC-SHA256) for
 * exact-match search without decrypting. Row and audit event share one transaction; the audit
 * event never contains the personal data.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { actorSchema, isoDate, notFound, parseInput } from "../approval/common.ts";
import { withScope } from "../db/scope.ts";
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { COMPENSATION_REGISTRAR_ROLES, isRoleId } from "../security/roles.ts";
import { secretBox } from "../security/secret-box.ts";
import { CLASSIFICATIONS } from "../standard/codes/index.ts";
import { bankAccountSchema, idNumberSchema, M2_PER_MU, phoneSchema } from "./personal-data.ts";
import { batchForRegistration, firstCompensationNoticeOn, insertRegistration, villageOf } from "./repository.ts";

export const REGISTRATION_TABLE = "compensation_registration";

/** Associated data of a sealed column of one row. */
export function sealContext(column: "id_number" | "phone" | "bank_account", rowId: string): string {
  return `${REGISTRATION_TABLE}.${column}:${rowId}`;
}

/** Context of the 身份证号 keyed hash (one per column, not per row, so equal numbers match). */
export const ID_NUMBER_HASH_CONTEXT = `${REGISTRATION_TABLE}.id_number`;

export function idNumberHash(idNumber: string): string {
  return secretBox().hash(idNumber, ID_NUMBER_HASH_CONTEXT);
}

const schema = z
  .object({
    batchId: z.uuid(),
    villageCode: z.string().regex(/^\d{12}$/, "村级行政区划代码应为 12 位数字"),
    holderName: z.string().trim().min(2, "权利人姓名至少 2 个字").max(50),
    idNumber: idNumberSchema,
    phone: phoneSchema.optional(),
    bankAccount: bankAccountSchema.optional(),
    areaMu: z.number().nonnegative().max(1e6).optional(),
    areaM2: z.number().nonnegative().max(1e9).optional(),
    attachmentsOnLand: z.string().trim().max(2000).optional(),
    amountYuan: z.number().nonnegative().max(1e11),
    registeredOn: isoDate,
    classification: z.enum(CLASSIFICATIONS.map((c) => c.code) as [string, ...string[]]).default("sensitive"),
    actor: actorSchema,
    /** A signed-in user's work runs under their 区县 scope (row-level security) and role; omitted for system jobs (seed). */
    scope: z.object({ divisionCode: z.string(), roles: z.array(z.string()) }).optional(),
  })
  .refine((o) => o.areaMu !== undefined || o.areaM2 !== undefined, { message: "请填写登记面积（亩或平方米）", path: ["areaMu"] })
  .refine(
    (o) => o.areaMu === undefined || o.areaM2 === undefined || Math.abs(o.areaMu * M2_PER_MU - o.areaM2) <= Math.max(1, o.areaM2 * 0.005),
    { message: "亩与平方米面积不一致（1 亩 = 666.67 平方米）", path: ["areaM2"] },
  );

export type RegisterCompensationOptions = z.input<typeof schema>;

export async function registerCompensation(db: Db, options: RegisterCompensationOptions): Promise<{ id: string }> {
  const o = parseInput("registerCompensation", schema, options);
  if (o.scope && !o.scope.roles.some((r) => isRoleId(r) && COMPENSATION_REGISTRAR_ROLES.has(r))) {
    throw new AppError("FORBIDDEN", `${o.actor} may not register compensation`, {
      messageZh: "当前角色无权办理补偿登记（区县经办、区县审核、市审查可办理）",
    });
  }
  const run = (tx: Queryable) => register(tx, o);
  return o.scope ? withScope(db, o.scope, run) : db.transaction(run);
}

async function register(tx: Queryable, o: z.output<typeof schema>): Promise<{ id: string }> {
  const batch = await batchForRegistration(tx, o.batchId);
  if (!batch) throw notFound("batch", "批次", o.batchId, "batchId");
  if (["withdrawn", "expired"].includes(batch.state)) {
    throw new AppError("CONFLICT", `batch ${batch.batch_no} is ${batch.state}`, {
      messageZh: `批次 ${batch.batch_no} 已撤回或失效，不能办理补偿登记`,
      location: { field: "batchId" },
    });
  }
  const noticeOn = await firstCompensationNoticeOn(tx, o.batchId);
  if (!noticeOn) {
    throw new AppError("CONFLICT", `batch ${batch.batch_no} has no compensation notice`, {
      messageZh: `批次 ${batch.batch_no} 尚未发布征地补偿安置方案公告，不能办理补偿登记`,
      location: { field: "batchId" },
    });
  }
  if (o.registeredOn < noticeOn) {
    throw new AppError("VALIDATION_FAILED", `registration ${o.registeredOn} precedes the notice of ${noticeOn}`, {
      messageZh: `登记日期早于补偿安置方案公告发布日期（${noticeOn}）`,
      location: { field: "registeredOn" },
    });
  }
  const village = await villageOf(tx, o.villageCode);
  if (village?.level !== "village" || !o.villageCode.startsWith(batch.division_code)) {
    throw new AppError("VALIDATION_FAILED", `village ${o.villageCode} is not a village of ${batch.division_code}`, {
      messageZh: `村级行政区划代码 ${o.villageCode} 不存在或不在批次所在区县（${batch.division_code}）内`,
      location: { field: "villageCode" },
    });
  }
  const areaM2 = o.areaM2 ?? (o.areaMu as number) * M2_PER_MU;
  const areaMu = o.areaMu ?? areaM2 / M2_PER_MU;
  const id = randomUUID();
  const box = secretBox();
  await insertRegistration(tx, {
    id,
    batchId: o.batchId,
    villageCode: o.villageCode,
    holderName: o.holderName,
    idNumberSealed: box.seal(o.idNumber, sealContext("id_number", id)),
    idNumberHash: idNumberHash(o.idNumber),
    phoneSealed: o.phone ? box.seal(o.phone, sealContext("phone", id)) : null,
    bankAccountSealed: o.bankAccount ? box.seal(o.bankAccount, sealContext("bank_account", id)) : null,
    areaMu: areaMu.toFixed(4),
    areaM2: areaM2.toFixed(2),
    attachmentsOnLand: o.attachmentsOnLand ?? null,
    amountYuan: o.amountYuan.toFixed(2),
    registeredOn: o.registeredOn,
    divisionCode: batch.division_code,
    classification: o.classification,
    createdBy: o.actor,
  });
  await appendAudit(tx, {
    actor: o.actor,
    roles: o.scope?.roles ?? [],
    divisionCode: batch.division_code,
    action: "compensation.register",
    entity: REGISTRATION_TABLE,
    entityId: id,
    // Never the personal data itself: the audit log is read by other roles.
    detail: { batchNo: batch.batch_no, villageCode: o.villageCode, registeredOn: o.registeredOn, amountYuan: o.amountYuan.toFixed(2) },
  });
  return { id };
}
