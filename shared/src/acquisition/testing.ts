/**
 * Fixtures for tests and simulations (the 三级联网 simulator): take a batch through a complete 征前程序
 * and give it the 组卷 materials it still lacks, through the use cases, so work about later states
 * passes the submission blockers honestly. Not used by the application's own flows. (The village it
 * needs is created here when the database has none in the batch's 区县.)
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ASSEMBLY_CHECKLIST, readAssemblyChecklist } from "../approval/assembly-checklist.ts";
import { addDays } from "../approval/common.ts";
import { publishCompensationNotice } from "../approval/publish-compensation-notice.ts";
import { publishPreAnnouncement } from "../approval/publish-pre-announcement.ts";
import { createWorkingCalendar } from "../calendar/working-calendar.ts";
import type { Db } from "../db/types.ts";
import { type AttachmentStorage, LocalFileStorage, type StoredObject } from "../documents/storage.ts";
import { parseAttachmentMeta, registerAttachment } from "../documents/store-attachment.ts";
import { appendAudit } from "../security/audit.ts";
import { recordAgreementSigning } from "./record-agreement-signing.ts";
import { recordRiskAssessment } from "./record-risk-assessment.ts";
import { recordStatusSurvey } from "./record-status-survey.ts";
import { NATIONAL_PERIODS, periodEnd } from "./statutory-periods.ts";

async function batchInfo(db: Db, batchId: string): Promise<{ division: string; type: string }> {
  const r = await db.query<{ division_code: string; land_use_type: string }>(
    "SELECT division_code, land_use_type FROM batch WHERE id = $1",
    [batchId],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`batch ${batchId} not found`);
  return { division: row.division_code, type: row.land_use_type };
}

async function aVillage(db: Db, county: string): Promise<string> {
  const c = county.slice(0, 6);
  const found = await db.query<{ code: string }>(
    "SELECT code FROM division WHERE level = 'village' AND code LIKE $1 ORDER BY code LIMIT 1",
    [`${c}%`],
  );
  if (found.rows[0]) return found.rows[0].code;
  await db.query("INSERT INTO division (code, name, level, parent_code) VALUES ($1, '测试街道', 'town', $2) ON CONFLICT DO NOTHING", [
    `${c}901`,
    c,
  ]);
  await db.query("INSERT INTO division (code, name, level, parent_code) VALUES ($1, '测试村', 'village', $2) ON CONFLICT DO NOTHING", [
    `${c}901001`,
    `${c}901`,
  ]);
  return `${c}901001`;
}

/**
 * Completes the 征前程序 so that every period has run by `before` (an ISO date, default 2026-06-30):
 * 预公告 ~100 days earlier, survey, a low-risk assessment, the 方案公告 and full agreement signing.
 */
export async function completePreAcquisition(db: Db, batchId: string, opts: { before?: string; actor?: string } = {}): Promise<void> {
  const actor = opts.actor ?? "fixture";
  const { division } = await batchInfo(db, batchId);
  const village = await aVillage(db, division);
  const cal = createWorkingCalendar();
  const pre = cal.nextWorkingDayOnOrAfter(addDays(opts.before ?? "2026-06-30", -100));
  const preEnd = periodEnd(cal, NATIONAL_PERIODS.pre_announcement, pre);
  await publishPreAnnouncement(db, { batchId, publishedOn: pre, periodEndOn: preEnd, scope: "测试村范围", purpose: "测试用地", actor });
  await recordStatusSurvey(db, {
    batchId,
    villageCode: village,
    surveyedOn: addDays(pre, 2),
    landSummary: { "0103": 1000 },
    population: 10,
    actor,
  });
  await recordRiskAssessment(db, { batchId, riskLevel: "low", conclusion: "风险较低", assessedOn: addDays(pre, 5), actor });
  const comp = cal.nextWorkingDayOnOrAfter(addDays(preEnd, 3));
  const compEnd = periodEnd(cal, NATIONAL_PERIODS.compensation_notice, comp);
  await publishCompensationNotice(db, { batchId, publishedOn: comp, periodEndOn: compEnd, standards: "区片综合地价", actor });
  await recordAgreementSigning(db, {
    batchId,
    villageCode: village,
    householdsTotal: 10,
    householdsSigned: 10,
    asOf: addDays(comp, 1),
    actor,
  });
}

/** Stores one small file for each 组卷 item the batch still lacks, in one transaction. */
export async function completeAssembly(db: Db, batchId: string, opts: { storage?: AttachmentStorage; actor?: string } = {}): Promise<void> {
  const storage = opts.storage ?? new LocalFileStorage(await mkdtemp(path.join(tmpdir(), "land-assembly-")));
  const actor = opts.actor ?? "fixture";
  const missing = (await readAssemblyChecklist(db, batchId))?.missing ?? [];
  const kinds = missing.map((m) => ASSEMBLY_CHECKLIST.find((i) => i.id === m.item)?.kinds[0]).filter((k): k is string => k !== undefined);
  const stored = await Promise.all(kinds.map((kind) => storage.put(new TextEncoder().encode(`${batchId} ${kind}`))));
  await db.transaction(async (tx) => {
    for (const [k, kind] of kinds.entries()) {
      const meta = parseAttachmentMeta({
        kind,
        classification: "internal",
        disclosureType: "on_request",
        fileName: `${kind}.txt`,
        mediaType: "text/plain",
        batchId,
        actor,
      });
      const a = await registerAttachment(tx, stored[k] as StoredObject, meta);
      await appendAudit(tx, {
        actor,
        divisionCode: a.divisionCode,
        action: "attachment.store",
        entity: "attachment",
        entityId: a.id,
        detail: { kind, batchId, fixture: true },
      });
    }
  });
}

/** Both: the batch may go to 组卷 after `before` and then to 区县审查. */
export async function prepareForSubmission(
  db: Db,
  batchId: string,
  opts: { before?: string; storage?: AttachmentStorage } = {},
): Promise<void> {
  await completePreAcquisition(db, batchId, opts);
  await completeAssembly(db, batchId, opts);
}
