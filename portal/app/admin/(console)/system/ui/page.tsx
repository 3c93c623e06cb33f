import { listDivisions } from "@land/shared";
import { UiShowcase } from "../../../../../components/admin/UiShowcase.tsx";
import { DataTable } from "../../../../../components/ui/DataTable.tsx";
import { StatusBadge } from "../../../../../components/ui/StatusBadge.tsx";
import { Timeline } from "../../../../../components/ui/Timeline.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { getLand } from "../../../../../lib/land.ts";
import { applyTableQuery, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";

export const metadata = { title: "界面组件示例" };

const STATUSES = ["草稿", "审查中", "待补正", "已批复", "已公开", "已退回", "已归档"];

/** Fixed demo rows (clearly labelled as examples) to exercise the table features. */
function demoProjects() {
  const counties = ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "双流区", "郫都区"];
  return Array.from({ length: 37 }, (_, i) => ({
    id: `SL-2025-${String(i + 1).padStart(3, "0")}`,
    name: `示例批次 ${i + 1}`,
    county: counties[i % counties.length] ?? "锦江区",
    areaHa: Math.round(((i * 37) % 97) * 10 + 12.5) / 10,
    status: STATUSES[i % STATUSES.length] ?? "草稿",
    submittedOn: new Date(Date.UTC(2025, i % 12, (i % 27) + 1)).toISOString().slice(0, 10),
  }));
}

export default async function UiPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage("/admin/system/ui");
  const sp = await searchParams;
  const divisions = (await listDivisions(getLand().db)).filter((d) => d.level === "county").map((d) => ({ value: d.code, label: d.name }));
  const query = parseTableQuery(sp, {
    sortable: ["id", "name", "county", "areaHa", "status", "submittedOn"],
    defaultSort: "id",
  });
  const result = applyTableQuery(demoProjects(), query, {
    matches: (r, q) => r.name.includes(q) || r.id.includes(q) || r.county.includes(q),
    value: (r, k) => (r as Record<string, string | number>)[k],
  });

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">界面组件示例</h1>
      <p className="text-sm text-slate-700">本页展示系统通用界面组件，所有数据均为示例，不会写入数据库。</p>

      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label="数据表格">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">数据表格（服务端筛选 / 排序 / 分页）</h2>
        <DataTable
          id="ui-demo"
          caption="示例报批批次"
          columns={[
            { key: "id", label: "批次编号", sortable: true, kind: "code" },
            { key: "name", label: "名称", sortable: true },
            { key: "county", label: "区县", sortable: true },
            { key: "areaHa", label: "面积（公顷）", sortable: true, kind: "number" },
            { key: "status", label: "状态", sortable: true, kind: "status" },
            { key: "submittedOn", label: "报送日期", sortable: true, kind: "date", defaultHidden: true },
          ]}
          rows={result.rows}
          rowKey="id"
          total={result.total}
          page={result.page}
          pageCount={result.pageCount}
          query={query}
          filterPlaceholder="编号、名称或区县"
        />
      </section>

      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label="状态标签">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">状态标签</h2>
        <div className="flex flex-wrap gap-2">
          {[...STATUSES, "预警", "逾期"].map((s) => (
            <StatusBadge key={s} label={s} />
          ))}
        </div>
      </section>

      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label="办理时间线">
        <h2 className="mb-3 text-lg font-semibold text-slate-900">办理时间线</h2>
        <Timeline
          items={[
            { id: "1", title: "区县报送", time: "2025-03-02T09:15:00+08:00", actor: "锦江区自然资源局", status: { label: "已完成" } },
            {
              id: "2",
              title: "市局审查",
              time: "2025-03-06T14:40:00+08:00",
              actor: "用地审查处",
              status: { label: "待补正" },
              body: "补充勘测定界报告签章页。",
            },
            { id: "3", title: "补正后重新报送", time: "2025-03-09T10:05:00+08:00", actor: "锦江区自然资源局", status: { label: "审查中" } },
          ]}
        />
      </section>

      <UiShowcase divisions={divisions} />
    </>
  );
}
