/**
 * Use case: 补正 — replace a batch's 勘测定界 result with a corrected file. In one transaction: the
 * batch is locked, its current parcels (with their 界址点 and 土地分类面积, by cascade) are removed and
 * the corrected file is imported exactly as importBoundarySurvey does (same validation, same rows);
 * one audit event `boundary_survey.replace` names what was replaced. Earlier boundary_survey rows and
 * their original files stay (history: every upload is kept with its attachment), and so do earlier
 * review versions, which hold their own copy of the parcels. A refused file changes nothing.
 *
 * A batch without parcels simply gets the import. Replacing is allowed in the states a batch takes a
 * survey in (SURVEY_IMPORT_STATES: 征前, 组卷, 补正) and never once land of it has been supplied.
 */
import type { Db, Queryable } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";
import { notFound } from "./common.ts";
import {
  type ImportBoundarySurveyOptions,
  type ImportBoundarySurveyResult,
  importBoundarySurvey,
  SURVEY_IMPORT_STATES,
} from "./import-boundary-survey.ts";
import { lockBatch } from "./repository.ts";

export interface ReplaceBoundarySurveyResult extends ImportBoundarySurveyResult {
  /** 地块编号 of the parcels that were replaced (empty for a first import). */
  replacedParcels: string[];
  /** The boundary_survey the replaced parcels came from, if any. */
  replacedSurveyId: string | null;
}

/** A Db whose `transaction` joins the transaction already open on `tx` (no nesting, no savepoint). */
function joined(db: Db, tx: Queryable): Db {
  return {
    kind: db.kind,
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    close: async () => {},
  };
}

export async function replaceBoundarySurvey(db: Db, options: ImportBoundarySurveyOptions): Promise<ReplaceBoundarySurveyResult> {
  const batchId = String(options.batchId ?? "");
  return db.transaction(async (tx) => {
    if (!/^[0-9a-f-]{36}$/i.test(batchId))
      return { ...(await importBoundarySurvey(joined(db, tx), options)), replacedParcels: [], replacedSurveyId: null };
    const batch = await lockBatch(tx, batchId);
    if (!batch) throw notFound("batch", "批次", batchId, "batchId");
    const old = await tx.query<{ id: string; parcel_no: string }>(
      "SELECT id, parcel_no FROM parcel WHERE batch_id = $1 ORDER BY length(parcel_no), parcel_no",
      [batchId],
    );
    if (old.rows.length === 0) {
      return { ...(await importBoundarySurvey(joined(db, tx), options)), replacedParcels: [], replacedSurveyId: null };
    }
    if (!SURVEY_IMPORT_STATES.includes(batch.state)) {
      throw new AppError(
        "CONFLICT",
        `batch ${batch.batch_no} is ${batch.state}; its boundary survey is replaced only in ${SURVEY_IMPORT_STATES.join(", ")}`,
        {
          messageZh: `批次 ${batch.batch_no} 当前状态（${batch.state}）不能替换勘测定界成果（仅征前、组卷、补正时可以）`,
          location: { field: "batchId" },
        },
      );
    }
    const supplied = await tx.query("SELECT 1 FROM land_supply WHERE parcel_id = ANY($1::uuid[]) LIMIT 1", [old.rows.map((r) => r.id)]);
    if (supplied.rows.length > 0) {
      throw new AppError("CONFLICT", `batch ${batch.batch_no}: parcels already supplied`, {
        messageZh: `批次 ${batch.batch_no} 的地块已有供地记录，不能替换勘测定界成果`,
        location: { field: "batchId" },
      });
    }
    const survey = await tx.query<{ id: string }>(
      "SELECT id FROM boundary_survey WHERE batch_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
      [batchId],
    );
    await tx.query("DELETE FROM parcel WHERE batch_id = $1", [batchId]);
    const result = await importBoundarySurvey(joined(db, tx), options);
    const replacedParcels = old.rows.map((r) => r.parcel_no);
    const replacedSurveyId = survey.rows[0]?.id ?? null;
    await appendAudit(tx, {
      actor: String(options.actor),
      divisionCode: batch.division_code,
      action: "boundary_survey.replace",
      entity: "boundary_survey",
      entityId: result.surveyId,
      detail: {
        batchNo: batch.batch_no,
        state: batch.state,
        file: options.fileName,
        sha256: result.sha256,
        replacedSurveyId,
        replacedParcels,
        parcels: result.parcels.map((p) => p.parcelNo),
        totalAreaHa: result.totalAreaHa,
      },
    });
    return { ...result, replacedParcels, replacedSurveyId };
  });
}
