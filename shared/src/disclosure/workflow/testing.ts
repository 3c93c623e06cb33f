/**
 * Test fixtures for the workflow: a batch with its 批准文件 and a disclosure record in a given
 * status, findings and items — written directly, so the workflow tests do not depend on the
 * harvester (which creates records with ensureRecord in production).
 */
import { randomUUID } from "node:crypto";
import { registerBatch } from "../../approval/register-batch.ts";
import type { Db } from "../../db/types.ts";
import { isAppError } from "../../errors/app-error.ts";
import type { PolicyUser } from "../../security/policies/rules.ts";
import type { DisclosureStatus } from "./common.ts";

let serial = 0;

export interface TestRecord {
  recordId: string;
  approvalDocId: string;
  batchId: string;
  docNumber: string;
  slug: string;
}

export async function createTestRecord(
  db: Db,
  o: { divisionCode?: string; authority?: "GWY" | "SZF"; status?: DisclosureStatus; title?: string } = {},
): Promise<TestRecord> {
  serial += 1;
  const n = `${process.pid % 10000}${serial}`;
  const divisionCode = o.divisionCode ?? "510104";
  const batchId = (
    await registerBatch(db, {
      batchNo: `D-2023-${divisionCode}-${n}`,
      name: `公开测试批次${n}`,
      landUseType: "urban_batch",
      divisionCode,
      planYear: 2023,
      actor: "tester",
    })
  ).id;
  const docNumber = `川府土〔2023〕${n}号`;
  const approvalDocId = randomUUID();
  await db.query(
    `INSERT INTO approval_doc (id, batch_id, doc_number, title, authority, approved_on, approved_area_ha, status, division_code)
     VALUES ($1, $2, $3, $4, $5, '2023-05-06', 12.3456, 'valid', $6)`,
    [approvalDocId, batchId, docNumber, `关于公开测试批次${n}建设用地的批复`, o.authority ?? "SZF", divisionCode],
  );
  const recordId = randomUUID();
  await db.query(
    `INSERT INTO disclosure_record (id, approval_doc_id, index_no, title, publisher, status, division_code, batch_id, doc_number, slug, stage, summary)
     VALUES ($1, $2, $3, $4, '成都市规划和自然资源局', $5, $6, $7, $8, $9, '批文', $10)`,
    [
      recordId,
      approvalDocId,
      `TEST-2023-${n}`,
      o.title ?? `公开测试批次${n}征地信息`,
      o.status ?? "pending",
      divisionCode,
      batchId,
      docNumber,
      `chuan-fu-tu-2023-${n}`,
      JSON.stringify({ 区县: divisionCode, 批准年度: 2023, 批准机关: "四川省人民政府", 面积: 12.3456 }),
    ],
  );
  return { recordId, approvalDocId, batchId, docNumber, slug: `chuan-fu-tu-2023-${n}` };
}

export async function addFinding(
  db: Db,
  recordId: string,
  o: { severity?: "error" | "warning" | "info"; page?: number; message?: string; itemId?: string } = {},
): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO disclosure_finding (record_id, item_id, code, severity, page, field, found, expected, message, division_code)
     SELECT id, $2, 'AREA_MISMATCH', $3, $4, 'area', '12.35公顷', '12.3456公顷', $5, division_code FROM disclosure_record WHERE id = $1
     RETURNING id`,
    [recordId, o.itemId ?? null, o.severity ?? "error", o.page ?? 2, o.message ?? "第2页：面积 12.35公顷 ≠ 库内 12.3456公顷"],
  );
  return Number(r.rows[0]?.id);
}

export async function addItem(
  db: Db,
  o: { recordId?: string | null; divisionCode?: string; docNumber?: string | null; batchId?: string | null; title?: string; text?: string },
): Promise<string> {
  serial += 1;
  const r = await db.query<{ id: string }>(
    `INSERT INTO disclosure_item (record_id, source_id, source_key, content_sha256, title, kind, stage, disclosure_type, doc_number, pages, text,
                                  extracted, confidence, match_status, batch_id, division_code)
     VALUES ($1, 'web-test', $2, $3, $4, 'approval_doc', '批文', 'proactive', $5, 2, $6, '{"areas":[{"value":12.35,"unit":"公顷"}]}', 0.91, $7, $8, $9)
     RETURNING id`,
    [
      o.recordId ?? null,
      `item-${process.pid}-${serial}`,
      serial.toString(16).padStart(64, "0"),
      o.title ?? `采集材料${serial}`,
      o.docNumber ?? null,
      o.text ?? "第一页\f第二页：面积 12.35公顷",
      o.recordId ? "matched" : "unmatched",
      o.batchId ?? null,
      o.divisionCode ?? "510104",
    ],
  );
  return String(r.rows[0]?.id);
}

export const USERS = {
  clerk: { username: "jinjiang.jingban", roles: ["county_clerk"], divisionCode: "510104" },
  countyReviewer: { username: "jinjiang.shenhe", roles: ["county_reviewer"], divisionCode: "510104" },
  otherClerk: { username: "longquan.jingban", roles: ["county_clerk"], divisionCode: "510112" },
  city: { username: "gongkai", roles: ["disclosure_reviewer"], divisionCode: "510100" },
  city2: { username: "gongkai2", roles: ["disclosure_reviewer"], divisionCode: "510100" },
  province: { username: "sheng.gongkai", roles: ["disclosure_reviewer"], divisionCode: "510000" },
  leader: { username: "lingdao", roles: ["leader"], divisionCode: "510100" },
} as const satisfies Record<string, PolicyUser>;

/** The AppError code a promise rejects with, or "ok". */
export async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}
