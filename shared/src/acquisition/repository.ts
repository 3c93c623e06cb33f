/** SQL of the acquisition subsystem (补偿登记). */
import type { Queryable } from "../db/types.ts";

export interface RegistrationBatch {
  id: string;
  batch_no: string;
  division_code: string;
  state: string;
}

export async function batchForRegistration(q: Queryable, batchId: string): Promise<RegistrationBatch | null> {
  const r = await q.query<RegistrationBatch>("SELECT id, batch_no, division_code, state FROM batch WHERE id = $1", [batchId]);
  return r.rows[0] ?? null;
}

/** Publication date of the batch's first 补偿安置方案公告, or null when none was published. */
export async function firstCompensationNoticeOn(q: Queryable, batchId: string): Promise<string | null> {
  const r = await q.query<{ d: string | null }>(
    "SELECT to_char(min(published_on), 'YYYY-MM-DD') AS d FROM compensation_notice WHERE batch_id = $1",
    [batchId],
  );
  return r.rows[0]?.d ?? null;
}

export async function villageOf(q: Queryable, code: string): Promise<{ code: string; name: string; level: string } | null> {
  const r = await q.query<{ code: string; name: string; level: string }>("SELECT code, name, level FROM division WHERE code = $1", [code]);
  return r.rows[0] ?? null;
}

export interface RegistrationInsert {
  id: string;
  batchId: string;
  villageCode: string;
  holderName: string;
  idNumberSealed: string;
  idNumberHash: string;
  phoneSealed: string | null;
  bankAccountSealed: string | null;
  areaMu: string;
  areaM2: string;
  attachmentsOnLand: string | null;
  amountYuan: string;
  registeredOn: string;
  divisionCode: string;
  classification: string;
  createdBy: string;
}

export async function insertRegistration(tx: Queryable, r: RegistrationInsert): Promise<void> {
  await tx.query(
    `INSERT INTO compensation_registration (id, batch_id, village_code, holder_name, id_number_sealed, id_number_hash, phone_sealed,
       bank_account_sealed, area_mu, area_m2, attachments_on_land, amount_yuan, registered_on, division_code, classification, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      r.id,
      r.batchId,
      r.villageCode,
      r.holderName,
      r.idNumberSealed,
      r.idNumberHash,
      r.phoneSealed,
      r.bankAccountSealed,
      r.areaMu,
      r.areaM2,
      r.attachmentsOnLand,
      r.amountYuan,
      r.registeredOn,
      r.divisionCode,
      r.classification,
      r.createdBy,
    ],
  );
}

export interface RegistrationRow {
  id: string;
  batch_id: string;
  batch_no: string;
  batch_name: string;
  village_code: string;
  village_name: string | null;
  holder_name: string;
  id_number_sealed: string;
  phone_sealed: string | null;
  bank_account_sealed: string | null;
  area_mu: string;
  area_m2: string;
  attachments_on_land: string | null;
  amount_yuan: string;
  registered_on: string;
  division_code: string;
  classification: string;
}

export async function selectRegistrations(
  q: Queryable,
  f: { batchId?: string | undefined; idNumberHash?: string | undefined; ids?: readonly string[] | undefined; limit: number },
): Promise<RegistrationRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.batchId) {
    params.push(f.batchId);
    where.push(`r.batch_id = $${params.length}`);
  }
  if (f.idNumberHash) {
    params.push(f.idNumberHash);
    where.push(`r.id_number_hash = $${params.length}`);
  }
  if (f.ids) {
    params.push([...f.ids]);
    where.push(`r.id = ANY($${params.length}::uuid[])`);
  }
  params.push(f.limit);
  const r = await q.query<RegistrationRow>(
    `SELECT r.id, r.batch_id, b.batch_no, b.name AS batch_name, r.village_code, v.name AS village_name, r.holder_name,
            r.id_number_sealed, r.phone_sealed, r.bank_account_sealed, r.area_mu::text, r.area_m2::text, r.attachments_on_land,
            r.amount_yuan::text, to_char(r.registered_on, 'YYYY-MM-DD') AS registered_on, r.division_code, r.classification
     FROM compensation_registration r
     JOIN batch b ON b.id = r.batch_id
     LEFT JOIN division v ON v.code = r.village_code
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY r.registered_on DESC, b.batch_no, r.village_code, r.id
     LIMIT $${params.length}`,
    params,
  );
  return r.rows;
}
