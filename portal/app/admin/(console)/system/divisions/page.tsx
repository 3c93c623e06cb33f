import { cookies } from "next/headers";
import { DataTable } from "../../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { DIVISION_COLUMNS, DIVISION_SORTABLE, divisionRows, queryDivisions } from "../../../../../lib/division-table.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";

export const metadata = { title: "行政区划" };

const TABLE_ID = "divisions";

export default async function DivisionsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage("/admin/system/divisions");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, {
    sortable: DIVISION_SORTABLE,
    defaultSort: "code",
    filterKeys: ["level"],
    rememberedSize: remembered,
  });

  let content: React.ReactNode;
  try {
    const result = queryDivisions(await divisionRows(), query);
    content = (
      <DataTable
        id={TABLE_ID}
        caption="行政区划"
        columns={DIVISION_COLUMNS}
        rows={result.rows}
        rowKey="code"
        total={result.total}
        page={result.page}
        pageCount={result.pageCount}
        query={query}
        exportHref="/api/export/divisions"
        filterPlaceholder="名称或代码前缀"
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="行政区划加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">行政区划</h1>
      <p className="text-sm text-slate-700">
        依据 GB/T 2260《中华人民共和国行政区划代码》。本表为系统各业务的区划基础代码，可按名称或代码筛选、排序并导出 Excel。
      </p>
      {content}
    </>
  );
}
