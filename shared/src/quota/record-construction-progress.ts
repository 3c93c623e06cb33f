/**
 * Use case: 开发建设进度 reports on supplied land (developed area, share of the investment, whether
 * construction has stopped) — the facts the 闲置土地 stage is judged from. One report from a form,
 * or many from an import: all checked, then written in one transaction with one audit event.
 * Append-only.
 */
import { z } from "zod";
import { actorSchema, isoDate, parseInput } from "../approval/common.ts";
import type { Db } from "../db/types.ts";
import { AppError } from "../errors/app-error.ts";
import { appendAudit } from "../security/audit.ts";

const report = z.object({
  landSupplyId: z.uuid(),
  reportedOn: isoDate,
  developedAreaHa: z.number().min(0).max(1e5),
  investedPercent: z.number().min(0).max(100),
  stopped: z.boolean().default(false),
  note: z.string().trim().max(2000).optional(),
});

const schema = z.object({ reports: z.array(report).min(1).max(20_000), actor: actorSchema });

export type RecordConstructionProgressOptions = z.input<typeof schema>;

export async function recordConstructionProgress(db: Db, options: RecordConstructionProgressOptions): Promise<{ ids: number[] }> {
  const o = parseInput("recordConstructionProgress", schema, options);
  return db.transaction(async (tx) => {
    const supplies = await tx.query<{ id: string; contract_no: string; division_code: string; area_ha: string; supplied_on: string }>(
      `SELECT id, contract_no, division_code, area_ha::text, to_char(supplied_on, 'YYYY-MM-DD') AS supplied_on
       FROM land_supply WHERE id = ANY($1::uuid[])`,
      [[...new Set(o.reports.map((r) => r.landSupplyId))]],
    );
    const byId = new Map(supplies.rows.map((s) => [s.id, s]));
    const problems: { row: number; field: string; messageZh: string }[] = [];
    o.reports.forEach((r, i) => {
      const s = byId.get(r.landSupplyId);
      if (!s) problems.push({ row: i + 1, field: "landSupplyId", messageZh: `供地记录不存在：${r.landSupplyId}` });
      else if (r.developedAreaHa > Number(s.area_ha) + 1e-4) {
        problems.push({
          row: i + 1,
          field: "developedAreaHa",
          messageZh: `已开发面积 ${r.developedAreaHa} 公顷大于供地面积 ${s.area_ha} 公顷`,
        });
      } else if (r.reportedOn < s.supplied_on) {
        problems.push({ row: i + 1, field: "reportedOn", messageZh: `上报日期早于供地日期（${s.supplied_on}）` });
      }
    });
    if (problems.length > 0) {
      throw new AppError("VALIDATION_FAILED", `construction progress: ${problems.length} problem(s)`, {
        messageZh: `开发建设进度有 ${problems.length} 处问题，未写入任何记录（第 ${problems[0]?.row} 条：${problems[0]?.messageZh}）`,
        location: { field: problems[0]?.field ?? "", row: problems[0]?.row ?? 0 },
        details: problems,
      });
    }
    const ids: number[] = [];
    for (const r of o.reports) {
      const s = byId.get(r.landSupplyId) as { division_code: string };
      const x = await tx.query<{ id: string }>(
        `INSERT INTO construction_progress (land_supply_id, reported_on, developed_area_ha, invested_percent, stopped, note, division_code, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          r.landSupplyId,
          r.reportedOn,
          r.developedAreaHa.toFixed(4),
          r.investedPercent.toFixed(2),
          r.stopped,
          r.note ?? null,
          s.division_code,
          o.actor,
        ],
      );
      ids.push(Number((x.rows[0] as { id: string }).id));
    }
    const divisions = [...new Set(supplies.rows.map((s) => s.division_code))];
    await appendAudit(tx, {
      actor: o.actor,
      divisionCode: divisions.length === 1 ? divisions[0] : null,
      action: "supply.progress",
      entity: "construction_progress",
      entityId: String(ids[0]),
      detail: {
        reports: ids.length,
        contracts: [...new Set(o.reports.map((r) => byId.get(r.landSupplyId)?.contract_no))].slice(0, 200),
        stopped: o.reports.filter((r) => r.stopped).length,
      },
    });
    return { ids };
  });
}
