import { listAuditEvents } from "@land/shared";
import { cookies } from "next/headers";
import { AuditVerify } from "../../../../../components/admin/AuditVerify.tsx";
import { type DataColumn, DataTable } from "../../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { getLand } from "../../../../../lib/land.ts";
import { roleLabel } from "../../../../../lib/session.ts";
import { applyTableQuery, pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";

export const metadata = { title: "审计日志" };

const TABLE_ID = "audit";
/** The page shows the latest events; the full chain is checked by 校验审计链 and `land audit verify`. */
const LATEST = 1000;

const COLUMNS: DataColumn[] = [
  { key: "id", label: "序号", sortable: true, kind: "number" },
  { key: "at", label: "时间", sortable: true },
  { key: "actor", label: "操作人", sortable: true },
  { key: "roles", label: "角色", sortable: true },
  { key: "action", label: "操作", sortable: true, kind: "code" },
  { key: "entity", label: "对象", sortable: true },
  { key: "entityId", label: "对象标识", sortable: true, kind: "code", defaultHidden: true },
  { key: "divisionCode", label: "行政区划", sortable: true, kind: "code", defaultHidden: true },
  { key: "ip", label: "IP 地址", sortable: true, kind: "code" },
  { key: "detail", label: "详情", defaultHidden: true },
];

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requirePage("/admin/system/audit");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, {
    sortable: COLUMNS.filter((c) => c.sortable).map((c) => c.key),
    defaultSort: "id",
    defaultDir: "desc",
    filterKeys: ["action"],
    rememberedSize: remembered,
  });

  let content: React.ReactNode;
  try {
    const events = (await listAuditEvents(getLand().db, { limit: LATEST })).map((e) => ({
      id: e.id,
      at: time(e.at),
      actor: e.actor,
      roles: e.roles.map(roleLabel).join("、"),
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      divisionCode: e.divisionCode,
      ip: e.ip,
      detail: Object.keys(e.detail).length ? JSON.stringify(e.detail) : null,
    }));
    const result = applyTableQuery(events, query, {
      matches: (r, q) => [r.actor, r.action, r.entity, r.entityId ?? "", r.ip ?? "", r.roles].some((v) => v.includes(q)),
      value: (r, k) => (r as Record<string, string | number | null>)[k],
    });
    content = (
      <DataTable
        id={TABLE_ID}
        caption={`审计事件（最近 ${LATEST} 条）`}
        columns={COLUMNS}
        rows={result.rows}
        rowKey="id"
        total={result.total}
        page={result.page}
        pageCount={result.pageCount}
        query={query}
        filterPlaceholder="操作人、操作、对象或 IP"
        selectable={false}
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="审计事件加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">审计日志</h1>
      <p className="max-w-3xl text-sm leading-6 text-slate-700">
        系统的每一次数据变更、每一次被拒绝的访问和每一次数据导出都记入审计日志。事件以 SM3 逐条链接，并由 Ed25519
        签名检查点定期签署链头；任何人（包括审计管理员）都不能修改或删除审计记录。
      </p>
      <AuditVerify />
      {content}
    </>
  );
}
