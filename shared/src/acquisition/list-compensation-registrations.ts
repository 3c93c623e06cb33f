/**
 * Use case: list 补偿登记 of the caller's 区县 scope (row-level security through withScope).
 * Personal fields come back masked (maskName/maskIdNumber/maskPhone/maskBankAccount) unless the
 * caller asks to reveal them AND holds a role of CLEAR_PERSONAL_DATA_ROLES (never an
 * administrator: NEVER_CLEAR_PERSONAL_DATA_ROLES); every reveal appends an audit event naming
 * the rows, in the same transaction. Search by 身份证号 uses the keyed hash, not decryption.
 */
import { z } from "zod";
import { actorSchema, parseInput } from "../approval/common.ts";
import { withScope } from "../db/scope.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from "../security/masking.ts";
import { maySeeClearPersonalData } from "../security/roles.ts";
import { secretBox } from "../security/secret-box.ts";
import { normalizeIdNumber } from "./personal-data.ts";
import { idNumberHash, REGISTRATION_TABLE, sealContext } from "./register-compensation.ts";
import { type RegistrationRow, selectRegistrations } from "./repository.ts";

const schema = z.object({
  user: z.object({ username: actorSchema, roles: z.array(z.string()), divisionCode: z.string() }),
  batchId: z.uuid().optional(),
  /** Exact 身份证号 (matched by its keyed hash). */
  idNumber: z.string().trim().min(1).max(30).optional(),
  /** Only these rows (e.g. the page the user is looking at when revealing). */
  ids: z.array(z.uuid()).max(1000).optional(),
  /** Ask for clear values; refused (FORBIDDEN) for roles that may not see them. */
  reveal: z.boolean().default(false),
  /** Why the clear values are needed (kept in the audit event). */
  purpose: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100_000).default(10_000),
  ip: z.string().max(64).nullish(),
});

export type ListCompensationRegistrationsOptions = z.input<typeof schema>;

export interface CompensationRegistration {
  id: string;
  batchId: string;
  batchNo: string;
  batchName: string;
  villageCode: string;
  villageName: string | null;
  holderName: string;
  idNumber: string;
  phone: string | null;
  bankAccount: string | null;
  areaMu: number;
  areaM2: number;
  attachmentsOnLand: string | null;
  amountYuan: number;
  registeredOn: string;
  divisionCode: string;
  classification: string;
}

export interface CompensationRegistrationList {
  rows: CompensationRegistration[];
  /** True when the personal fields are in clear (reveal asked and allowed). */
  revealed: boolean;
  /** Whether this caller could reveal (for showing the 显示完整信息 action). */
  mayReveal: boolean;
}

export async function listCompensationRegistrations(
  db: Db,
  options: ListCompensationRegistrationsOptions,
): Promise<CompensationRegistrationList> {
  const o = parseInput("listCompensationRegistrations", schema, options);
  const mayReveal = maySeeClearPersonalData(o.user.roles);
  if (o.reveal && !mayReveal) {
    throw new AppError("FORBIDDEN", `${o.user.username} may not see personal data in clear`, {
      messageZh: "当前角色无权查看完整个人信息（仅区县审核、市审查可查看，且记录审计日志）",
    });
  }
  return withScope(db, o.user, async (tx) => {
    const raw = await selectRegistrations(tx, {
      batchId: o.batchId,
      idNumberHash: o.idNumber ? idNumberHash(normalizeIdNumber(o.idNumber)) : undefined,
      ids: o.ids,
      limit: o.limit,
    });
    const rows = raw.map((r) => toRegistration(r, o.reveal));
    if (o.reveal && rows.length > 0) {
      await appendAudit(tx, {
        actor: o.user.username,
        roles: o.user.roles,
        divisionCode: o.user.divisionCode,
        action: "compensation.reveal",
        entity: REGISTRATION_TABLE,
        entityId: rows.length === 1 ? (rows[0] as CompensationRegistration).id : null,
        ip: o.ip ?? null,
        detail: {
          count: rows.length,
          ids: rows.map((r) => r.id),
          fields: ["holder_name", "id_number", "phone", "bank_account"],
          filter: { batchId: o.batchId ?? null, byIdNumber: Boolean(o.idNumber) },
          purpose: o.purpose ?? null,
        },
      });
    }
    return { rows, revealed: o.reveal, mayReveal };
  });
}

function toRegistration(r: RegistrationRow, clear: boolean): CompensationRegistration {
  const box = secretBox();
  const idNumber = box.open(r.id_number_sealed, sealContext("id_number", r.id));
  const phone = r.phone_sealed ? box.open(r.phone_sealed, sealContext("phone", r.id)) : null;
  const bankAccount = r.bank_account_sealed ? box.open(r.bank_account_sealed, sealContext("bank_account", r.id)) : null;
  return {
    id: r.id,
    batchId: r.batch_id,
    batchNo: r.batch_no,
    batchName: r.batch_name,
    villageCode: r.village_code,
    villageName: r.village_name,
    holderName: clear ? r.holder_name : (maskName(r.holder_name) ?? ""),
    idNumber: clear ? idNumber : (maskIdNumber(idNumber) ?? ""),
    phone: clear ? phone : maskPhone(phone),
    bankAccount: clear ? bankAccount : maskBankAccount(bankAccount),
    areaMu: Number(r.area_mu),
    areaM2: Number(r.area_m2),
    attachmentsOnLand: r.attachments_on_land,
    amountYuan: Number(r.amount_yuan),
    registeredOn: r.registered_on,
    divisionCode: r.division_code,
    classification: r.classification,
  };
}
