import { cookies } from "next/headers";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";
import { RegistrationsTable } from "./RegistrationsTable.tsx";
import { queryRegistrations, REGISTRATION_COLUMNS, REGISTRATION_SORTABLE } from "./table.ts";

export const metadata = { title: "补偿登记" };
export const dynamic = "force-dynamic";

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requirePage("/admin/acquisition/registrations");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie("compensation-registrations"))?.value;
  const query = parseTableQuery(sp, {
    sortable: REGISTRATION_SORTABLE,
    defaultSort: "registeredOn",
    defaultDir: "desc",
    rememberedSize: remembered,
  });

  let content: React.ReactNode;
  try {
    const result = await queryRegistrations(user, query);
    content = (
      <RegistrationsTable
        columns={REGISTRATION_COLUMNS}
        rows={result.rows}
        total={result.total}
        page={result.page}
        pageCount={result.pageCount}
        query={query}
        mayReveal={result.mayReveal}
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="补偿登记加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">补偿登记</h1>
      <p className="text-sm text-slate-700">
        征地补偿安置方案公告后权利人办理的补偿登记（《土地管理法实施条例》第二十七条）。本表含个人信息，密级为“敏感”：身份证号、联系电话、银行账号加密存储，
        页面与导出默认脱敏；仅区县审核、市审查角色可在本人数据权限范围内查看完整信息，每次查看均记录审计日志。输入完整身份证号可精确查找。
      </p>
      {content}
    </>
  );
}
