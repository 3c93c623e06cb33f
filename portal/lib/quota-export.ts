import { auditExport, quotaSummaryPdf } from "@land/shared";
import type { NextRequest } from "next/server";
import { authorizeApi } from "./authz.ts";
import { describeError } from "./errors.ts";
import { xlsxResponse } from "./excel.ts";
import { clientIp } from "./http.ts";
import { getLand } from "./land.ts";
import {
  FIGURES,
  idleTable,
  loadDashboard,
  movementsTable,
  overviewTable,
  parseQuotaParams,
  QUOTA_KIND_NAMES,
  type TableDef,
  topTable,
  unsuppliedTable,
} from "./quota.ts";

const FIGURE_KEYS = new Set(["allocated", "reserved", "used", "transferred", "adjusted"]);

/** Excel export of any table of the quota dashboard, with the page's filters; audited. */
export async function exportQuotaTable(request: NextRequest, fixedTable?: string): Promise<Response> {
  const auth = await authorizeApi(request, "export", "quota-dashboard");
  if (auth instanceof Response) return auth;
  const sp = Object.fromEntries(request.nextUrl.searchParams.entries());
  try {
    const p = parseQuotaParams(sp);
    const table = fixedTable ?? sp.table ?? "overview";
    let t: TableDef;
    if (table === "movements") {
      t = await movementsTable({
        ...p,
        figure: FIGURE_KEYS.has(sp.figure ?? "") ? (sp.figure as "used") : undefined,
        batchId: sp.batch && /^[0-9a-f-]{36}$/.test(sp.batch) ? sp.batch : undefined,
        limit: 100_000,
        offset: 0,
      });
    } else if (table === "unsupplied") t = await unsuppliedTable(p);
    else if (table === "idle") t = await idleTable(p);
    else if (table === "top") t = await topTable(p);
    else t = await overviewTable(p);
    await getLand().db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "quota",
        { rows: t.rows.length, format: "xlsx", query: sp },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    return await xlsxResponse({
      filename: t.title,
      sheetName: "计划指标",
      title: t.title,
      columns: t.columns,
      rows: t.rows,
      exportedBy: auth.displayName,
    });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}

/** The dashboard on A4: balances per 区县, trend, 批而未供 by age, 闲置 by stage. */
export async function quotaSummaryResponse(request: NextRequest): Promise<Response> {
  const auth = await authorizeApi(request, "export", "quota-dashboard");
  if (auth instanceof Response) return auth;
  const sp = Object.fromEntries(request.nextUrl.searchParams.entries());
  try {
    const p = parseQuotaParams(sp);
    const d = await loadDashboard(p);
    const pdf = await quotaSummaryPdf({
      title: `${d.year} 年度${p.divisionCode ?? "全市"}${QUOTA_KIND_NAMES[p.quotaKind]}计划指标汇总`,
      asOf: p.asOf,
      generatedBy: auth.displayName,
      sections: [
        {
          heading: "分区县指标（公顷）",
          headers: ["区县", ...FIGURES.map((f) => f.label)],
          rows: d.overview.map((r) => [r.divisionName, ...FIGURES.map((f) => r[f.key])]),
        },
        {
          heading: "历年指标（公顷）",
          headers: ["年度", "下达", "预安排", "已使用", "可用余额"],
          rows: d.trend.map((t) => [String(t.year), t.allocated, t.reserved, t.used, t.available]),
        },
        { heading: "批而未供（按批后年限，公顷）", headers: ["批后年限", "未供面积"], rows: d.buckets.map((b) => [b.label, b.ha]) },
        {
          heading: "已供土地开发情形",
          headers: ["情形", "宗数", "面积（公顷）"],
          rows: d.stages.map((s) => [s.label, String(s.count), s.ha]),
        },
      ],
    });
    await getLand().db.transaction((tx) =>
      auditExport(
        tx,
        auth,
        "quota",
        { rows: d.overview.length, format: "pdf", query: sp },
        { ip: clientIp(request), target: `GET ${request.nextUrl.pathname}` },
      ),
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(`计划指标汇总-${d.year}.pdf`)}`,
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    const err = describeError(e);
    return Response.json(err, { status: err.status });
  }
}
