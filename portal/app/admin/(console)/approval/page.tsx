import { can, countiesInScope, listBatches } from "@land/shared";
import { LAND_USE_TYPES } from "@land/shared/standard/codes/index";
import { cookies } from "next/headers";
import { type DataColumn, DataTable } from "../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";
import { applyTableQuery, pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../lib/table.ts";
import { RegisterBatchForm } from "./RegisterBatchForm.tsx";

export const metadata = { title: "建设用地报批" };
export const dynamic = "force-dynamic";

const TABLE_ID = "approval-batches";

const COLUMNS: DataColumn[] = [
  { key: "batchNo", label: "批次编号", sortable: true, kind: "code", linkPrefix: "/admin/approval/batches/" },
  { key: "name", label: "名称", sortable: true },
  { key: "divisionName", label: "区县", sortable: true },
  { key: "landUseTypeName", label: "类型", sortable: true },
  { key: "stateName", label: "状态", sortable: true, kind: "status" },
  { key: "totalAreaHa", label: "面积（公顷）", sortable: true, kind: "number" },
  { key: "conclusion", label: "审查结论", sortable: true },
  { key: "parcelCount", label: "地块数", sortable: true, kind: "number", defaultHidden: true },
  { key: "planYear", label: "计划年度", sortable: true, defaultHidden: true },
];
const SORTABLE = COLUMNS.filter((c) => c.sortable).map((c) => c.key);

export default async function ApprovalPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requirePage("/admin/approval");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, { sortable: SORTABLE, defaultSort: undefined, rememberedSize: remembered });
  const { db } = getLand();
  const mayRegister = can(user, "create", "batch");

  let content: React.ReactNode;
  let counties: { code: string; name: string }[] = [];
  try {
    const all = await listBatches(db, user);
    if (mayRegister) counties = await countiesInScope(db, user);
    const rows = all.map((b) => ({
      id: b.id,
      batchNo: b.batchNo,
      name: b.name,
      divisionName: b.divisionName,
      landUseTypeName: b.landUseTypeName,
      stateName: b.stateName,
      totalAreaHa: b.totalAreaHa === null ? null : Number(b.totalAreaHa.toFixed(4)),
      conclusion: b.latestReview ? `第 ${b.latestReview.version} 版：${b.latestReview.passed ? "通过" : "不通过"}` : "未审查",
      parcelCount: b.parcelCount,
      planYear: b.planYear,
    }));
    const result = applyTableQuery(rows, query, {
      matches: (r, q) => [r.batchNo, r.name, r.divisionName, r.stateName, r.landUseTypeName].some((v) => v.includes(q)),
      value: (r, key) => (r as Record<string, string | number | null>)[key] ?? null,
    });
    content = (
      <DataTable
        id={TABLE_ID}
        caption="报批批次"
        columns={COLUMNS}
        rows={result.rows}
        rowKey="id"
        total={result.total}
        page={result.page}
        pageCount={result.pageCount}
        query={query}
        filterPlaceholder="批次编号、名称、区县或状态"
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="报批批次加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">建设用地报批</h1>
      <p className="text-sm text-slate-700">
        本辖区的报批批次。点击批次编号进入批次详情：上传勘测定界成果（界址点坐标文件）、运行报批审查、下载审查报告；退回补正后重新上传坐标文件并再次审查，历次审查版本均保留。
      </p>
      {mayRegister && counties.length > 0 ? (
        <RegisterBatchForm counties={counties} landUseTypes={LAND_USE_TYPES.map((t) => [t.code, t.name])} />
      ) : null}
      {content}
    </>
  );
}
