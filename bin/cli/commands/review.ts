import { writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError, type AreaFigures, type Db, type ReviewReport, runReview } from "@land/shared";
import { cliOperator, openMigrated } from "../context.ts";
import { EXIT, log, printJson } from "../output.ts";

const SEVERITY_ZH = { blocking: "✗ 阻断", warning: "⚠ 警告", info: "· 提示" } as const;
const KIND_ZH: Record<string, string> = {
  basic_farmland: "永久基本农田",
  eco_redline: "生态保护红线",
  outside_urban_boundary: "城镇开发边界外",
  approved_parcel: "已批地块（重复报批）",
  supplied_land: "已供地",
};

/** BATCH is a 批次编号 or a batch id. */
async function resolveBatch(db: Db, batch: string): Promise<string> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(batch);
  const r = await db.query<{ id: string }>(isUuid ? "SELECT id FROM batch WHERE id = $1" : "SELECT id FROM batch WHERE batch_no = $1", [
    batch,
  ]);
  const id = r.rows[0]?.id;
  if (!id) {
    throw new AppError("NOT_FOUND", `batch ${batch} not found`, { messageZh: `批次不存在：${batch}`, location: { field: "BATCH" } });
  }
  return id;
}

const area = (a: AreaFigures): string => `${a.m2.toFixed(2)}\t${a.ha.toFixed(4)}\t${a.mu.toFixed(2)}`;

function printHuman(r: ReviewReport): void {
  log(`报批审查 review: ${r.batchNo} ${r.batchName}（${r.divisionName}）第 ${r.version} 版，${r.createdAt}，${r.createdBy}`);
  log(`地块 parcels: ${r.parcels.length}`);
  log("土地分类面积汇总表（平方米\t公顷\t亩）:");
  log(`  合计\t\t${area(r.classTable.total)}`);
  const m = r.classTable.byMajor;
  log(`  农用地\t\t${area(m.agricultural)}`);
  log(`   其中耕地\t${area(m.cultivated)}`);
  log(`  建设用地\t${area(m.construction)}`);
  log(`  未利用地\t${area(m.unused)}`);
  if (m.uncovered.m2 > 0) log(`  无地类图斑\t${area(m.uncovered)}`);
  log("  按二级地类:");
  for (const c of r.classTable.byClass) log(`    ${c.dlbm} ${c.name}\t${area(c.area)}`);
  log("  按权属性质:");
  for (const o of r.classTable.byOwnership) log(`    ${o.qsxz} ${o.name}（${o.kind === "state" ? "国有" : "集体"}）\t${area(o.area)}`);
  log("  按村:");
  for (const v of r.classTable.byVillage) log(`    ${v.code} ${v.name}\t${area(v.area)}`);
  if (r.declared.length > 0) {
    log("申报面积比对 declared (平方米):");
    for (const d of r.declared)
      log(
        `  ${d.dlbm === "total" ? "合计" : d.dlbm}\t申报 ${d.declaredM2.toFixed(2)}\t核算 ${d.computedM2.toFixed(2)}\t${(d.difference * 100).toFixed(2)}%\t${d.withinTolerance ? "✓" : "✗"}`,
      );
  }
  log(`重叠 overlaps: ${r.overlaps.length}`);
  for (const o of r.overlaps)
    log(`  ${SEVERITY_ZH[o.severity]} ${KIND_ZH[o.kind] ?? o.kind}\t地块 ${o.parcelNo}\t${area(o.area)}\t${o.ref.label}`);
  log(`批准机关 authority: ${r.authority.authority === "GWY" ? "国务院" : "四川省人民政府"}（${r.authority.reasonsZh.join("；")}）`);
  log(`问题 findings: ${r.findings.length}`);
  for (const f of r.findings) log(`  ${SEVERITY_ZH[f.severity]} [${f.code}] ${f.messageZh}`);
  log(r.passed ? "✓ 审查通过 passed" : "✗ 审查未通过 not passed（有阻断性问题）");
  log(`依据 basis: ${r.basis.roundingRule}`);
}

/**
 * `land review BATCH [--json] [--docx FILE] [--pdf FILE]`: runs the spatial review of a batch (stored as
 * its next version, audited as cli:<os user>) and prints it; the 审查意见书 can be written as DOCX / PDF.
 * Exit 0 when the review passed, 1 when it has blocking findings.
 */
export async function reviewCommand(batch: string, opts: { json?: boolean; docx?: string; pdf?: string }): Promise<number> {
  const { db } = await openMigrated("land review");
  try {
    const batchId = await resolveBatch(db, batch);
    const report = await runReview(db, { batchId, actor: cliOperator() });
    if (opts.docx || opts.pdf) {
      // The renderers pull in docx/pdfkit/resvg: loaded only when asked for.
      const render = await import("@land/shared/approval/review/report/index");
      if (opts.docx) {
        await writeFile(path.resolve(opts.docx), await render.renderReviewDocx(report));
        log(`已写出 ${opts.docx}`);
      }
      if (opts.pdf) {
        await writeFile(path.resolve(opts.pdf), await render.renderReviewPdf(report));
        log(`已写出 ${opts.pdf}`);
      }
    }
    if (opts.json) printJson(report);
    else printHuman(report);
    return report.passed ? EXIT.ok : EXIT.rejected;
  } finally {
    await db.close();
  }
}
