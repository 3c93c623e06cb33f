/**
 * `seedBatches`: ten years (2016–2025) of 报批批次 on the synthetic city — registration, 预公告,
 * 勘测定界 TXT import (with some deliberately bad files refused first), 补偿安置方案公告, the review
 * path with returns/corrections/withdrawals, 批复, quota movements, 征后实施 progress and expiry —
 * every write through the approval/documents use cases. Optional PDF 批文/公告 (text or "scanned").
 * Deterministic by seed: the manifest (written to <dataDir>/seed-manifest.json) depends only on
 * the seed, the scale, the document mode and the city (ids and timestamps are left out).
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { addDays, parseInput } from "../../approval/common.ts";
import { importBoundarySurvey } from "../../approval/import-boundary-survey.ts";
import { publishCompensationNotice } from "../../approval/publish-compensation-notice.ts";
import { publishPreAnnouncement } from "../../approval/publish-pre-announcement.ts";
import { recordApproval } from "../../approval/record-approval.ts";
import { registerBatch } from "../../approval/register-batch.ts";
import { reportImplementation } from "../../approval/report-implementation.ts";
import { transitionBatch } from "../../approval/transition-batch.ts";
import type { Db } from "../../db/types.ts";
import { LocalFileStorage, sha256Hex } from "../../documents/storage.ts";
import { storeAttachment } from "../../documents/store-attachment.ts";
import { AppError, isAppError } from "../../errors/app-error.ts";
import type { TxtIssue } from "../../geo/txt/index.ts";
import { moveQuota } from "../../quota/move-quota.ts";
import { type QuotaAccount, readAccount } from "../../quota/repository.ts";
import { canonicalJson } from "../../security/canonical-json.ts";
import { landClass } from "../../standard/codes/index.ts";
import { createRng, type Rng } from "../city/random.ts";
import { type PdfContent, renderPdf, scanPdf } from "./documents.ts";
import { type DrawnParcel, defective, drawParcels, txtBytes, txtHeader } from "./parcels.ts";
import { BATCH_SCALES, type BatchPlan, type BatchScale, DEFECT_CODES, HORIZON, planBatches, type Step, timeline } from "./plan.ts";
import { seedAssemblyMaterials, seedObjectionsAndAgreements, seedSurveysAndRisk } from "./pre-acquisition.ts";
import { seedRegistrations } from "./registrations.ts";
import { cityExtent, databaseSize, overlapsOf, villagesOf } from "./repository.ts";
import { seedSupplies } from "./supplies.ts";
import { approvalPdf, compensationPdf, compensationStandards, type DocFacts, ha4, muOf, preAnnouncementPdf, scopeText } from "./text.ts";

export { BATCH_SCALES, type BatchScale, HORIZON } from "./plan.ts";

export type DocumentMode = "none" | "text" | "scanned";

export interface SeedBatchesOptions {
  scale: BatchScale;
  seed: string | number;
  /** Attachment storage root (files/ab/cd/<sha256>), the manifest and rejected/ go here. */
  dataDir: string;
  documents?: DocumentMode;
  /** Share of documents given a wrong area, date or 文号 (listed in the manifest); default 0.05. */
  discrepancyRate?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  actor?: string;
}

export interface ManifestDocument {
  kind: "approval_doc" | "pre_announcement" | "compensation_notice";
  fileName: string;
  sha256: string;
  scanned: boolean;
}

export interface ManifestBatch {
  batchNo: string;
  name: string;
  county: string;
  year: number;
  landUseType: string;
  state: string;
  history: [state: string, date: string][];
  totalAreaHa: string | null;
  txt: { fileName: string; sha256: string; encoding: string; bom: boolean; lineEnding: string; prefixedY: boolean } | null;
  parcels: { parcelNo: string; planeAreaM2: string; landClass: string }[];
  preAnnouncement: { noticeNo: string; publishedOn: string; periodEndOn: string } | null;
  compensationNotice: { noticeNo: string; publishedOn: string; periodEndOn: string } | null;
  approval: { docNumber: string; authority: string; approvedOn: string; areaHa: string } | null;
  documents: ManifestDocument[];
  /** 补偿登记 written for the batch (personal data sealed; never in the manifest). */
  registrations: number;
}

export interface ManifestOverlap {
  batchNo: string;
  parcelNo: string;
  with: "basic_farmland" | "eco_redline" | "earlier_approval";
  /** batchNo/parcelNo of the earlier parcel, for earlier_approval. */
  other: string | null;
  areaM2: string;
  deliberate: boolean;
}

export interface ManifestRejected {
  batchNo: string;
  fileName: string;
  /** Path under dataDir (rejected/…); never in attachment storage. */
  path: string;
  sha256: string;
  defect: string;
  expectedCodes: string[];
  /** Error codes the importer reported. */
  refusedWith: string[];
}

export interface ManifestDiscrepancy {
  batchNo: string;
  documentKind: ManifestDocument["kind"];
  fileName: string;
  field: "area" | "date" | "doc_number";
  dbValue: string;
  documentValue: string;
}

export interface SeedManifest {
  version: 1;
  scale: BatchScale;
  seed: string;
  documents: DocumentMode;
  horizon: string;
  counts: {
    batches: number;
    parcels: number;
    approvals: number;
    registrations: number;
    rejected: number;
    documents: number;
    scanned: number;
    discrepancies: number;
    overlaps: number;
    byState: Record<string, number>;
  };
  batches: ManifestBatch[];
  overlaps: ManifestOverlap[];
  rejected: ManifestRejected[];
  discrepancies: ManifestDiscrepancy[];
}

export interface SeedBatchesResult {
  manifest: SeedManifest;
  /** SHA-256 of the canonical JSON of the manifest. */
  manifestHash: string;
  manifestPath: string;
  seconds: number;
  databaseBytes: number;
}

const schema = z.object({
  scale: z.enum(Object.keys(BATCH_SCALES) as [BatchScale, ...BatchScale[]]),
  seed: z.union([z.string().min(1), z.number()]),
  dataDir: z.string().min(1),
  documents: z.enum(["none", "text", "scanned"]).default("text"),
  discrepancyRate: z.number().min(0).max(1).default(0.05),
  actor: z.string().min(1).max(64).default("seed"),
});

export function manifestHash(m: SeedManifest): string {
  return createHash("sha256").update(canonicalJson(m)).digest("hex");
}

const ts = (date: string): string => `${date}T09:00:00+08:00`;

const PURPOSES: Record<string, string> = {
  urban_batch: "实施城市规划进行建设",
  village_batch: "村庄和集镇建设",
  standalone_project: "基础设施和公共事业项目建设",
  linkage: "城乡建设用地增减挂钩建新区建设",
  rural_revitalization: "乡村产业发展",
};

interface QuotaState {
  balance: Map<string, number>;
}

/** Re-reads an account's 可用余额 after a lifecycle use case moved it. */
async function refreshBalance(db: Db, q: QuotaState, a: QuotaAccount): Promise<void> {
  q.balance.set(`${a.year}|${a.divisionCode}|${a.quotaKind}`, (await readAccount(db, a)).available);
}

async function ensureQuota(
  db: Db,
  q: QuotaState,
  rng: Rng,
  a: { year: number; county: string; kind: string; need: number; date: string; estimate: number; actor: string },
): Promise<void> {
  const key = `${a.year}|${a.county}|${a.kind}`;
  const have = q.balance.get(key);
  if (have === undefined) {
    const amount = Math.max(a.estimate, a.need) * 1.25;
    await moveQuota(db, {
      kind: "allocate",
      year: a.year,
      divisionCode: a.county,
      quotaKind: a.kind,
      amountHa: Math.ceil(amount * 10) / 10,
      docRef: `川自然资发〔${a.year}〕${10 + rng.int(20)}号`,
      reason: `下达${a.year}年度土地利用计划指标`,
      actor: a.actor,
      at: ts(`${a.year}-01-15`),
    });
    q.balance.set(key, Math.ceil(amount * 10) / 10);
  } else if (have < a.need) {
    const amount = Math.ceil((a.need - have) * 1.2 * 10) / 10 + 1;
    await moveQuota(db, {
      kind: "allocate",
      year: a.year,
      divisionCode: a.county,
      quotaKind: a.kind,
      amountHa: amount,
      docRef: `川自然资函〔${a.year}〕${100 + rng.int(400)}号`,
      reason: `追加下达${a.year}年度土地利用计划指标`,
      actor: a.actor,
      at: ts(a.date < `${a.year}-01-15` ? `${a.year}-01-15` : a.date),
    });
    q.balance.set(key, have + amount);
  }
}

export async function seedBatches(db: Db, options: SeedBatchesOptions): Promise<SeedBatchesResult> {
  const { onProgress, ...rest } = options;
  const o = parseInput("seedBatches", schema, rest);
  const t0 = performance.now();
  const progress = onProgress ?? (() => {});
  const seed = String(o.seed);
  const storage = new LocalFileStorage(o.dataDir);
  const extent = await cityExtent(db);
  if (extent.counties.length === 0) {
    throw new AppError("VALIDATION_FAILED", "no land_use_patch rows: load the city (seedCity) first", {
      messageZh: "地类图斑表为空，请先加载合成城市（seedCity）",
    });
  }
  const existing = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM batch");
  if (Number(existing.rows[0]?.n ?? 0) > 0) {
    throw new AppError("CONFLICT", "batch already has rows; seedBatches loads into an empty batch table", {
      messageZh: "批次表已有数据，拒绝重复生成报批批次",
    });
  }
  const total = BATCH_SCALES[o.scale];
  const median = Math.min(25_000, Math.max(1_500, (0.1 * extent.areaM2) / (total * 4.5)));
  const plans = planBatches(o.scale, seed, median);
  const countyExtent = new Map(extent.counties.map((c) => [c.code, c]));
  const estimates = new Map<string, number>();
  for (const p of plans) {
    const k = `${p.year}|${p.county.code}|${p.type === "linkage" ? "linkage_surplus" : "new_construction"}`;
    estimates.set(k, (estimates.get(k) ?? 0) + p.parcelAreas.reduce((s, a) => s + a, 0) / 1e4);
  }
  const quota: QuotaState = { balance: new Map() };
  const usedDocNumbers = new Set<string>();
  const manifest: SeedManifest = {
    version: 1,
    scale: o.scale,
    seed,
    documents: o.documents,
    horizon: HORIZON,
    counts: {
      batches: 0,
      parcels: 0,
      approvals: 0,
      registrations: 0,
      rejected: 0,
      documents: 0,
      scanned: 0,
      discrepancies: 0,
      overlaps: 0,
      byState: {},
    },
    batches: [],
    overlaps: [],
    rejected: [],
    discrepancies: [],
  };
  const rejectedDir = path.join(path.resolve(o.dataDir), "rejected");

  for (const [i, plan] of plans.entries()) {
    const ext = countyExtent.get(plan.county.code);
    if (ext) await runBatch(db, { plan, ext, o, storage, quota, estimates, usedDocNumbers, manifest, rejectedDir });
    progress(i + 1, plans.length, "batches");
  }

  // 供地, 开发建设进度 and year-end 调剂 on the approvals just seeded (批而未供 / 闲置土地 / dashboard).
  await seedSupplies(db, { seed, horizon: HORIZON, actor: o.actor });
  progress(plans.length, plans.length, "supplies");

  const c = manifest.counts;
  c.batches = manifest.batches.length;
  c.parcels = manifest.batches.reduce((s, b) => s + b.parcels.length, 0);
  c.approvals = manifest.batches.filter((b) => b.approval).length;
  c.registrations = manifest.batches.reduce((s, b) => s + b.registrations, 0);
  c.rejected = manifest.rejected.length;
  c.documents = manifest.batches.reduce((s, b) => s + b.documents.length, 0);
  c.scanned = manifest.batches.reduce((s, b) => s + b.documents.filter((d) => d.scanned).length, 0);
  c.discrepancies = manifest.discrepancies.length;
  c.overlaps = manifest.overlaps.length;
  for (const b of manifest.batches) c.byState[b.state] = (c.byState[b.state] ?? 0) + 1;
  const manifestPath = path.join(path.resolve(o.dataDir), "seed-manifest.json");
  await mkdir(path.dirname(manifestPath), { recursive: true });
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  progress(1, 1, "done");
  return {
    manifest,
    manifestHash: manifestHash(manifest),
    manifestPath,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    databaseBytes: await databaseSize(db),
  };
}

interface RunContext {
  plan: BatchPlan;
  ext: { code: string; patches: number; minId: number; maxId: number };
  o: z.output<typeof schema>;
  storage: LocalFileStorage;
  quota: QuotaState;
  estimates: Map<string, number>;
  usedDocNumbers: Set<string>;
  manifest: SeedManifest;
  rejectedDir: string;
}

function uniqueNumber(used: Set<string>, make: (n: number) => string, start: number): string {
  let n = Math.max(1, start);
  while (used.has(make(n))) n++;
  const s = make(n);
  used.add(s);
  return s;
}

function dayOfYear(date: string): number {
  return Math.floor((Date.parse(date) - Date.parse(`${date.slice(0, 4)}-01-01`)) / 864e5) + 1;
}

async function runBatch(db: Db, ctx: RunContext): Promise<void> {
  const { plan, o, manifest } = ctx;
  const actor = o.actor;
  const rng = createRng(`run:${plan.seed}`);
  const steps: Step[] = timeline(plan).filter((s) => s.date <= HORIZON);
  const quotaKind = plan.type === "linkage" ? "linkage_surplus" : "new_construction";
  const quotaAccount = { year: plan.year, divisionCode: plan.county.code, quotaKind };
  const header = txtHeader(
    plan.surveyor,
    steps.find((s) => s.kind === "survey")?.date ?? `${plan.year}-06-01`,
    rng.next() < 0.8 ? "0.01" : "0.05",
  );
  const countyName = plan.county.name;
  const docMode = o.documents;

  const entry: ManifestBatch = {
    batchNo: plan.batchNo,
    name: plan.name,
    county: plan.county.code,
    year: plan.year,
    landUseType: plan.type,
    state: "pre_acquisition",
    history: [],
    totalAreaHa: null,
    txt: null,
    parcels: [],
    preAnnouncement: null,
    compensationNotice: null,
    approval: null,
    documents: [],
    registrations: 0,
  };
  manifest.batches.push(entry);

  let parcels: DrawnParcel[] = [];
  if (steps.some((s) => s.kind === "survey")) {
    parcels = await drawParcels(db, rng, {
      county: ctx.ext,
      areas: plan.parcelAreas,
      overlap: plan.overlap,
      header,
      namePrefix: `${countyName}${plan.year}-${plan.batchNo.slice(-3)}-`,
    });
  }
  const geo = parcels.map((p) => p.geojson);
  const villageRows = geo.length > 0 ? await villagesOf(db, geo) : [];
  const villages = villageRows.map((v) => v.name);
  const totalM2 = parcels.reduce((s, p) => s + Math.round(p.planeAreaM2 * 100) / 100, 0);
  const totalHa = ha4(totalM2);
  const parcelRowsFor = async (): Promise<DocFacts["parcels"]> => {
    const rows: DocFacts["parcels"] = [];
    for (const p of parcels) {
      const v = await villagesOf(db, [p.geojson]);
      const ha = ha4(Math.round(p.planeAreaM2 * 100) / 100);
      rows.push({
        no: p.number,
        ha,
        mu: muOf(Number(ha)),
        landClass: landClass(p.landClass ?? "")?.name ?? p.landClass ?? "",
        villages: v.map((x) => x.name).join("、"),
      });
    }
    return rows;
  };
  const facts: DocFacts = {
    batchName: plan.name,
    countyName,
    villages,
    parcels: docMode === "none" ? [] : await parcelRowsFor(),
    totalHa,
    purpose: PURPOSES[plan.type] ?? "建设",
  };

  let batchId = "";
  let approvalDocId = "";
  let reserved = false;
  let reservedHa = 0;
  let imported = false;
  let consumed = false;
  const abbrev = countyName.slice(0, 1);

  const addDocument = async (
    kind: ManifestDocument["kind"],
    baseName: string,
    content: PdfContent,
    owner: { batchId: string; approvalDocId?: string },
    discrepancy: (c: PdfContent) => Omit<ManifestDiscrepancy, "batchNo" | "documentKind" | "fileName"> | null,
  ): Promise<void> => {
    if (docMode === "none") return;
    const drng = createRng(`doc:${plan.seed}:${kind}`);
    const wrong = drng.next() < o.discrepancyRate ? discrepancy(content) : null;
    let bytes = await renderPdf(content);
    const scanned = docMode === "scanned" && drng.next() < 0.3;
    if (scanned) bytes = await scanPdf(bytes, `${plan.seed}:${kind}`, content.creationDate);
    const fileName = `${plan.batchNo}_${baseName}${scanned ? "_扫描件" : ""}.pdf`;
    const stored = await storeAttachment(db, {
      storage: ctx.storage,
      bytes,
      kind,
      classification: "public",
      disclosureType: "proactive",
      fileName,
      mediaType: "application/pdf",
      batchId: owner.batchId,
      approvalDocId: owner.approvalDocId ?? null,
      actor,
    });
    entry.documents.push({ kind, fileName, sha256: stored.sha256, scanned });
    if (wrong) manifest.discrepancies.push({ batchNo: plan.batchNo, documentKind: kind, fileName, ...wrong });
  };

  /** Mutates a document's content into a wrong area or date; returns what was changed. */
  const spoil = (
    c: PdfContent,
    choice: "area" | "date" | "doc_number",
    db_: { area: string; date: string; docNumber: string },
  ): Omit<ManifestDiscrepancy, "batchNo" | "documentKind" | "fileName"> => {
    if (choice === "area") {
      const wrongHa = (Number(db_.area) * (1 + (rng.next() < 0.5 ? -1 : 1) * (0.005 + rng.next() * 0.03))).toFixed(4);
      c.totalRow = { ha: wrongHa, mu: muOf(Number(wrongHa)) };
      c.paragraphs = c.paragraphs.map((p) =>
        p.replaceAll(`${db_.area}公顷（合${muOf(Number(db_.area))}亩）`, `${wrongHa}公顷（合${muOf(Number(wrongHa))}亩）`),
      );
      return { field: "area", dbValue: db_.area, documentValue: wrongHa };
    }
    if (choice === "doc_number") {
      const m = db_.docNumber.match(/^(.*〔\d{4}〕)(\d+)号$/);
      const wrongNo = m ? `${m[1]}${Number(m[2]) + 1}号` : `${db_.docNumber}`;
      c.docNumber = wrongNo;
      return { field: "doc_number", dbValue: db_.docNumber, documentValue: wrongNo };
    }
    const wrongDate = addDays(db_.date, (rng.next() < 0.5 ? -1 : 1) * (1 + rng.int(20)));
    const [y, mo, d] = wrongDate.split("-").map(Number);
    c.dateZh = `${y}年${mo}月${d}日`;
    return { field: "date", dbValue: db_.date, documentValue: wrongDate };
  };

  const history = (state: string, date: string): void => {
    entry.state = state;
    entry.history.push([state, date]);
  };

  for (const step of steps) {
    if (step.kind === "register") {
      const r = await registerBatch(db, {
        batchNo: plan.batchNo,
        name: plan.name,
        landUseType: plan.type,
        divisionCode: plan.county.code,
        planYear: plan.year,
        actor,
        at: ts(step.date),
      });
      batchId = r.id;
      history("pre_acquisition", step.date);
      continue;
    }
    if (!batchId || ["withdrawn", "expired", "completed"].includes(entry.state)) break;
    switch (step.kind) {
      case "pre_announcement": {
        const noticeNo = uniqueNumber(
          ctx.usedDocNumbers,
          (n) => `${abbrev}府征预〔${plan.year}〕${n}号`,
          Math.ceil(dayOfYear(step.date) / 6),
        );
        const end = step.to as string;
        await publishPreAnnouncement(db, {
          batchId,
          noticeNo,
          publishedOn: step.date,
          periodEndOn: end,
          scope: parcels.length > 0 ? scopeText(facts) : `${countyName}有关村（社区）范围内，具体以勘测定界成果为准。`,
          purpose: facts.purpose,
          actor,
        });
        entry.preAnnouncement = { noticeNo, publishedOn: step.date, periodEndOn: end };
        const content = preAnnouncementPdf(facts, { noticeNo, publishedOn: step.date, periodEndOn: end, date: new Date(ts(step.date)) });
        await addDocument("pre_announcement", "征收土地预公告", content, { batchId }, (c) =>
          spoil(c, rng.next() < 0.5 ? "area" : "date", { area: totalHa, date: step.date, docNumber: noticeNo }),
        );
        break;
      }
      case "survey": {
        if (parcels.length === 0) break;
        const fileName = `${plan.batchNo}_勘测定界界址点坐标.txt`;
        if (plan.defect) {
          const expected = DEFECT_CODES[plan.defect];
          const bad = defective(header, parcels, plan.defect, expected);
          if (bad) {
            const bytes = txtBytes(header, bad, plan.variant);
            const badName = `${plan.batchNo}_勘测定界界址点坐标_初报.txt`;
            let refusedWith: string[] = [];
            try {
              await importBoundarySurvey(db, { batchId, bytes, fileName: badName, storage: ctx.storage, actor });
              throw new AppError("INTERNAL", `defective file ${badName} was accepted`);
            } catch (e) {
              if (!isAppError(e) || e.code !== "VALIDATION_FAILED") throw e;
              const issues = (e.details as { issues?: TxtIssue[] } | undefined)?.issues ?? [];
              refusedWith = [...new Set(issues.filter((i) => i.severity === "error").map((i) => i.code))].sort();
            }
            await mkdir(ctx.rejectedDir, { recursive: true });
            await writeFile(path.join(ctx.rejectedDir, badName), bytes);
            manifest.rejected.push({
              batchNo: plan.batchNo,
              fileName: badName,
              path: `rejected/${badName}`,
              sha256: sha256Hex(bytes),
              defect: plan.defect,
              expectedCodes: [expected],
              refusedWith,
            });
          }
        }
        const bytes = txtBytes(header, parcels, plan.variant);
        const r = await importBoundarySurvey(db, { batchId, bytes, fileName, storage: ctx.storage, actor });
        imported = true;
        entry.totalAreaHa = r.totalAreaHa.toFixed(4);
        entry.txt = { fileName, sha256: r.sha256, ...plan.variant };
        entry.parcels = r.parcels.map((p, k) => ({
          parcelNo: p.parcelNo,
          planeAreaM2: p.planeAreaM2.toFixed(2),
          landClass: parcels[k]?.landClass ?? "",
        }));
        const classAreas: Record<string, number> = {};
        for (const p of parcels) {
          const code = p.landClass && landClass(p.landClass) ? p.landClass : "0103";
          classAreas[code] = (classAreas[code] ?? 0) + Math.round(p.planeAreaM2 * 100) / 100;
        }
        await seedSurveysAndRisk(db, { batchId, seed: plan.seed, on: step.date, classAreas, actor });
        for (const ov of await overlapsOf(db, batchId)) {
          if (ov.area < 0.5) continue;
          const p = parcels.find((x) => x.number === ov.parcel_no);
          const kind = ov.kind === "parcel" ? "earlier_approval" : (ov.kind as "basic_farmland" | "eco_redline");
          manifest.overlaps.push({
            batchNo: plan.batchNo,
            parcelNo: ov.parcel_no,
            with: kind,
            other: ov.other,
            areaM2: ov.area.toFixed(1),
            deliberate: p?.deliberateOverlap === kind,
          });
        }
        break;
      }
      case "compensation_notice": {
        const noticeNo = uniqueNumber(
          ctx.usedDocNumbers,
          (n) => `${abbrev}府征补〔${step.date.slice(0, 4)}〕${n}号`,
          Math.ceil(dayOfYear(step.date) / 6),
        );
        const end = step.to as string;
        const price = 45_000 + 1_000 * rng.int(30) + (plan.year - 2016) * 1_500;
        const standards = compensationStandards(countyName, price);
        await publishCompensationNotice(db, {
          batchId,
          noticeNo,
          publishedOn: step.date,
          periodEndOn: end,
          standards,
          resettlement: "货币安置与集中安置相结合",
          socialSecurity: "被征地农民按规定纳入养老保险等社会保障体系",
          registrationDeadline: end,
          objectionChannel: `公告期内向成都市${countyName}人民政府书面反映`,
          actor,
        });
        entry.compensationNotice = { noticeNo, publishedOn: step.date, periodEndOn: end };
        if (imported) await seedObjectionsAndAgreements(db, { batchId, seed: plan.seed, publishedOn: step.date, by: end, actor });
        const content = compensationPdf(facts, {
          noticeNo,
          publishedOn: step.date,
          periodEndOn: end,
          registrationDeadline: end,
          standards,
          date: new Date(ts(step.date)),
        });
        await addDocument("compensation_notice", "征地补偿安置方案公告", content, { batchId }, (c) =>
          spoil(c, rng.next() < 0.5 ? "area" : "date", { area: totalHa, date: step.date, docNumber: noticeNo }),
        );
        break;
      }
      case "transition": {
        const to = step.to as string;
        if (to === "assembling" && !imported) {
          // No room left in the county for the planned parcels: the application is withdrawn.
          await transitionBatch(db, { batchId, to: "withdrawn", actor, at: ts(step.date), reason: "用地范围无法落实，撤回" });
          history("withdrawn", step.date);
          break;
        }
        await transitionBatch(db, {
          batchId,
          to: to as "assembling",
          actor,
          at: ts(step.date),
          ...(step.reason ? { reason: step.reason } : {}),
        });
        history(to, step.date);
        const area = Number(entry.totalAreaHa ?? 0);
        if (to === "assembling" && area > 0) {
          await ensureQuota(db, ctx.quota, rng, {
            year: plan.year,
            county: plan.county.code,
            kind: quotaKind,
            need: area,
            date: step.date,
            estimate: ctx.estimates.get(`${plan.year}|${plan.county.code}|${quotaKind}`) ?? area,
            actor,
          });
          const r = await moveQuota(db, {
            kind: "reserve",
            year: plan.year,
            divisionCode: plan.county.code,
            quotaKind,
            amountHa: area,
            batchId,
            docRef: plan.batchNo,
            actor,
            at: ts(step.date),
          });
          ctx.quota.balance.set(`${plan.year}|${plan.county.code}|${quotaKind}`, r.balanceHa);
          reserved = true;
          reservedHa = area;
        }
        if (to === "assembling") {
          await seedAssemblyMaterials(db, { batchId, batchNo: plan.batchNo, landUseType: plan.type, storage: ctx.storage, actor });
        }
        // 撤回 releases the reservation inside transitionBatch (quota/lifecycle.ts).
        if (to === "withdrawn" && reserved) await refreshBalance(db, ctx.quota, quotaAccount);
        break;
      }
      case "approve": {
        const year = step.date.slice(0, 4);
        const national = plan.overlap === "basic_farmland" || (plan.type === "urban_batch" && step.date < "2020-03-01" && rng.next() < 0.3);
        const authority = national ? "GWY" : plan.type === "urban_batch" && step.date >= "2020-03-01" ? "SZF_SQ" : "SZF";
        const docNumber = national
          ? uniqueNumber(ctx.usedDocNumbers, (n) => `国函〔${year}〕${n}号`, Math.ceil(dayOfYear(step.date) / 4))
          : uniqueNumber(ctx.usedDocNumbers, (n) => `川府土〔${year}〕${n}号`, Math.ceil(dayOfYear(step.date) * 1.1));
        const issuer = national ? "国务院" : "四川省人民政府";
        const title = `${issuer}关于${plan.name}的批复`;
        // 批复 turns the reservation into use of the approved area (recordApproval → quota/lifecycle.ts);
        // the area may have grown since the reservation (a corrected survey): top the account up first.
        const approvedArea = Number(entry.totalAreaHa ?? 0);
        if (approvedArea > reservedHa) {
          await ensureQuota(db, ctx.quota, rng, {
            year: plan.year,
            county: plan.county.code,
            kind: quotaKind,
            need: approvedArea - reservedHa,
            date: step.date,
            estimate: approvedArea,
            actor,
          });
        }
        const r = await recordApproval(db, { batchId, docNumber, title, authority, approvedOn: step.date, actor, at: ts(step.date) });
        approvalDocId = r.approvalDocId;
        history("approved", step.date);
        const areaHa = r.approvedAreaHa.toFixed(4);
        entry.approval = { docNumber, authority, approvedOn: step.date, areaHa };
        await refreshBalance(db, ctx.quota, quotaAccount);
        consumed = true;
        if (entry.compensationNotice) {
          entry.registrations = await seedRegistrations(db, {
            batchId,
            seed: plan.seed,
            county: plan.county.code,
            villages: villageRows.map((v) => v.code),
            totalM2,
            from: entry.compensationNotice.publishedOn,
            to: [entry.compensationNotice.periodEndOn, step.date].sort()[0] as string,
            actor,
          });
        }
        const content = approvalPdf(facts, {
          docNumber,
          title,
          issuer,
          approvedOn: step.date,
          areaHa,
          national,
          date: new Date(ts(step.date)),
        });
        const pick = rng.next();
        await addDocument("approval_doc", "用地批复", content, { batchId, approvalDocId }, (c) =>
          spoil(c, pick < 0.4 ? "area" : pick < 0.75 ? "date" : "doc_number", { area: areaHa, date: step.date, docNumber }),
        );
        break;
      }
      case "implementation": {
        if (!approvalDocId) break;
        await reportImplementation(db, {
          approvalDocId,
          reportedOn: step.date,
          stage: step.stage as "payment",
          percent: step.percent ?? 100,
          actor,
        });
        break;
      }
      case "expire": {
        await transitionBatch(db, { batchId, to: "expired", actor, at: ts(step.date), reason: step.reason ?? "批准文件失效" });
        history("expired", step.date);
        // 失效 returns the use inside transitionBatch (quota/lifecycle.ts).
        if (consumed) await refreshBalance(db, ctx.quota, quotaAccount);
        break;
      }
      default:
        break;
    }
  }
}
