import Link from "next/link";
import { QuotaCharts } from "../../../../components/quota/QuotaCharts.tsx";
import { ErrorState } from "../../../../components/ui/ErrorState.tsx";
import { MapPanel } from "../../../../components/ui/MapPanel.tsx";
import { SimpleTable } from "../../../../components/ui/SimpleTable.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { findNav } from "../../../../lib/nav.ts";
import {
  FIGURES,
  loadDashboard,
  loadMapFeatures,
  MAP_COLORS,
  parseQuotaParams,
  QUOTA_KIND_NAMES,
  type QuotaParams,
} from "../../../../lib/quota.ts";
import type { SearchParamsRecord } from "../../../../lib/table.ts";
import { WhatIf } from "./WhatIf.tsx";

export const metadata = { title: findNav("quota")?.label ?? "计划指标" };
export const dynamic = "force-dynamic";

const ha = (v: number) => v.toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const mu = (v: number) => (v * 15).toLocaleString("zh-CN", { maximumFractionDigits: 1 });

function query(p: QuotaParams, extra: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  const all = { year: p.year, division: p.divisionCode, kind: p.quotaKind, asOf: p.asOf, ...extra };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
}

export default async function QuotaDashboardPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage("/admin/quota");
  const sp = await searchParams;
  const params = parseQuotaParams(sp);
  let body: React.ReactNode;
  try {
    const d = await loadDashboard(params);
    const map = await loadMapFeatures(params);
    const p = { ...params, year: d.year };
    const total = Object.fromEntries(FIGURES.map((f) => [f.key, d.overview.reduce((s, r) => s + r[f.key], 0)])) as Record<string, number>;
    const drill = (extra: Record<string, string | number | undefined>) => `/admin/quota/movements?${query(p, extra)}`;
    body = (
      <>
        <section aria-labelledby="figures" className="space-y-2">
          <h2 id="figures" className="text-lg font-semibold text-slate-900">
            {d.year} 年度{p.divisionCode ? `（${p.divisionCode}）` : "全市"}
            {QUOTA_KIND_NAMES[p.quotaKind]}指标
          </h2>
          <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
            {FIGURES.map((f) => (
              <li key={f.key} className="rounded-md border border-slate-300 bg-white p-3">
                <p className="text-sm text-slate-700">{f.label}</p>
                <Link
                  href={drill({ figure: f.key === "available" ? undefined : f.key })}
                  className="text-xl font-bold text-blue-800 underline-offset-2 hover:underline"
                  data-testid={`figure-${f.key}`}
                >
                  {ha(total[f.key] ?? 0)}
                </Link>
                <p className="text-xs text-slate-600">公顷（{mu(total[f.key] ?? 0)} 亩）</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="by-county" className="space-y-2">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="by-county" className="text-lg font-semibold text-slate-900">
              分区县指标
            </h2>
            <a className="text-sm text-blue-800 underline" href={`/api/quota/export?${query(p, { table: "overview" })}`}>
              导出 Excel
            </a>
          </div>
          <SimpleTable
            caption={`${d.year} 年度分区县指标（公顷）`}
            hideCaption
            headers={["区县", ...FIGURES.map((f) => f.label)]}
            rows={d.overview.map((r) => ({
              key: r.divisionCode,
              cells: [
                `${r.divisionName}（${r.divisionCode}）`,
                ...FIGURES.map((f) => (
                  <Link
                    key={f.key}
                    href={drill({ division: r.divisionCode, figure: f.key === "available" ? undefined : f.key })}
                    className="tabular-nums text-blue-800 hover:underline"
                  >
                    {ha(r[f.key])}
                  </Link>
                )),
              ],
            }))}
          />
        </section>

        <section aria-labelledby="charts" className="space-y-2">
          <h2 id="charts" className="text-lg font-semibold text-slate-900">
            趋势、批而未供与闲置土地
          </h2>
          <QuotaCharts trend={d.trend} buckets={d.buckets} stages={d.stages} />
          <div className="grid gap-4 lg:grid-cols-3">
            <SimpleTable
              caption="历年指标（公顷）"
              headers={["年度", "下达", "已使用", "可用余额"]}
              rows={d.trend.map((t) => ({
                key: String(t.year),
                cells: [
                  <Link key="y" href={`/admin/quota?${query(p, { year: t.year })}`} className="text-blue-800 hover:underline">
                    {t.year}
                  </Link>,
                  ha(t.allocated),
                  ha(t.used),
                  ha(t.available),
                ],
              }))}
            />
            <div className="space-y-1">
              <SimpleTable
                caption={`批而未供（截至 ${p.asOf}，公顷）`}
                headers={["批后年限", "未供面积"]}
                rows={d.buckets.map((b) => ({ key: b.label, cells: [b.label, ha(b.ha)] }))}
              />
              <a
                className="text-sm text-blue-800 underline"
                href={`/api/quota/export?${query({ ...p, year: undefined }, { table: "unsupplied" })}`}
              >
                导出批而未供清单 Excel
              </a>
            </div>
            <div className="space-y-1">
              <SimpleTable
                caption="已供土地开发情形"
                headers={["情形", "宗数", "面积（公顷）"]}
                rows={d.stages.map((s) => ({ key: s.code, cells: [s.label, s.count, ha(s.ha)] }))}
              />
              <a
                className="text-sm text-blue-800 underline"
                href={`/api/quota/export?${query({ ...p, year: undefined }, { table: "idle" })}`}
              >
                导出闲置土地清单 Excel
              </a>
            </div>
          </div>
        </section>

        <section aria-labelledby="top" className="space-y-2">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="top" className="text-lg font-semibold text-slate-900">
              {d.year} 年度用指标最多的批次
            </h2>
            <a className="text-sm text-blue-800 underline" href={`/api/quota/export?${query(p, { table: "top" })}`}>
              导出 Excel
            </a>
          </div>
          <SimpleTable
            caption="用指标最多的批次"
            hideCaption
            headers={["批次编号", "批次名称", "区县", "已使用（公顷）"]}
            rows={d.top.map((t) => ({
              key: t.batchId,
              cells: [
                t.batchNo,
                t.name,
                t.divisionCode,
                <Link key="u" href={drill({ batch: t.batchId, figure: "used" })} className="tabular-nums text-blue-800 hover:underline">
                  {ha(t.usedHa)}
                </Link>,
              ],
            }))}
          />
        </section>

        <section aria-labelledby="map" className="space-y-2">
          <h2 id="map" className="text-lg font-semibold text-slate-900">
            批而未供与闲置土地分布
          </h2>
          <MapPanel
            data={map}
            columns={[
              { key: "name", label: "地块/合同" },
              { key: "status", label: "情形" },
            ]}
            title="批而未供与闲置土地"
            colorKey="status"
            colors={MAP_COLORS}
          />
        </section>

        <WhatIf defaults={{ year: d.year, divisionCode: p.divisionCode ?? d.overview[0]?.divisionCode ?? "", quotaKind: p.quotaKind }} />
      </>
    );
  } catch (e) {
    const err = describeError(e);
    body = <ErrorState title="计划指标加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">计划指标看板</h1>
      <p className="text-sm text-slate-700">
        土地利用年度计划指标的下达、预安排、使用、调剂与余额，批而未供与闲置土地（《闲置土地处置办法》）。点击任一数字查看其背后的指标变动；每张表可导出
        Excel，本页可直接打印。
      </p>
      <p className="text-sm print:hidden">
        <a className="text-blue-800 underline" href={`/api/quota/summary?${query(params, {})}`} data-testid="summary-pdf">
          打印 PDF 汇总
        </a>
      </p>
      <form
        method="get"
        className="flex flex-wrap items-end gap-3 rounded-md border border-slate-300 bg-white p-3 print:hidden"
        aria-label="查询条件"
      >
        <label className="flex flex-col text-sm">
          年度
          <input
            name="year"
            type="number"
            min={1999}
            max={2100}
            defaultValue={params.year ?? ""}
            className="w-28 rounded border border-slate-400 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          行政区划代码
          <input
            name="division"
            inputMode="numeric"
            pattern="\d{2,6}"
            defaultValue={params.divisionCode ?? ""}
            placeholder="全市"
            className="w-32 rounded border border-slate-400 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          指标类型
          <select name="kind" defaultValue={params.quotaKind} className="rounded border border-slate-400 px-2 py-1">
            {Object.entries(QUOTA_KIND_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-sm">
          截至日期
          <input name="asOf" type="date" defaultValue={params.asOf} className="rounded border border-slate-400 px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 text-white">
          查询
        </button>
        <Link href="/admin/quota" className="rounded border border-slate-400 px-4 py-1.5 text-slate-800">
          重置
        </Link>
      </form>
      {body}
    </>
  );
}
