import { cookies } from "next/headers";
import Link from "next/link";
import { DataTable } from "../../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { FIGURES, movementsTable, parseQuotaParams } from "../../../../../lib/quota.ts";
import { pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";

export const metadata = { title: "指标变动明细" };
export const dynamic = "force-dynamic";

const TABLE_ID = "quota-movements";
const FIGURE_KEYS = new Set(["allocated", "reserved", "used", "transferred", "adjusted"]);

export default async function QuotaMovementsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage("/admin/quota/movements");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, {
    sortable: [],
    filterKeys: ["year", "division", "kind", "figure", "batch", "asOf"],
    rememberedSize: remembered,
  });
  const p = parseQuotaParams(sp);
  const figure = FIGURE_KEYS.has(query.filters.figure ?? "") ? (query.filters.figure as "used") : undefined;
  const batch = /^[0-9a-f-]{36}$/.test(query.filters.batch ?? "") ? query.filters.batch : undefined;
  const label = FIGURES.find((f) => f.key === figure)?.label ?? "全部变动";
  let content: React.ReactNode;
  try {
    const t = await movementsTable({ ...p, figure, batchId: batch, limit: query.size, offset: (query.page - 1) * query.size });
    content = (
      <DataTable
        id={TABLE_ID}
        caption={`${p.year ?? "各"}年度${p.divisionCode ?? "全市"}：${label}`}
        columns={t.columns.map((c) => ({ ...c, kind: c.key === "amountHa" || c.key === "id" ? ("number" as const) : undefined }))}
        rows={t.rows}
        rowKey="id"
        total={t.total}
        page={query.page}
        pageCount={Math.max(1, Math.ceil(t.total / query.size))}
        query={query}
        exportHref="/api/quota/export/movements"
        selectable={false}
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="指标变动加载失败" message={err.messageZh} code={err.code} />;
  }
  return (
    <>
      <nav aria-label="面包屑" className="text-sm">
        <Link href="/admin/quota" className="text-blue-800 underline">
          计划指标看板
        </Link>{" "}
        › 指标变动明细
      </nav>
      <h1 className="text-2xl font-bold text-slate-900">指标变动明细</h1>
      <p className="text-sm text-slate-700">
        台账的每一笔变动只追加、不修改；更正以新的变动记录。面积以对可用余额的影响计正负（下达、退回为正，预安排、使用为负）。
      </p>
      {content}
    </>
  );
}
