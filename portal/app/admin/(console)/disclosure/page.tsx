import { API_ROUTES, can, countiesInScope, harvestSources } from "@land/shared";
import {
  DISCLOSURE_STATUSES,
  listDisclosureQueue,
  listPublicationFlows,
  listUnmatchedItems,
  STATUS_NAMES,
} from "@land/shared/disclosure/workflow/index";
import { APPROVAL_AUTHORITIES } from "@land/shared/standard/codes/index";
import { cookies } from "next/headers";
import Link from "next/link";
import { HarvestNow } from "../../../../components/disclosure/HarvestNow.tsx";
import { UnmatchedItems } from "../../../../components/disclosure/UnmatchedItems.tsx";
import { type DataColumn, DataTable } from "../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../lib/authz.ts";
import { describeError } from "../../../../lib/errors.ts";
import { getLand } from "../../../../lib/land.ts";
import { pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../lib/table.ts";

export const metadata = { title: "征地信息公开" };
export const dynamic = "force-dynamic";

const TABLE_ID = "disclosure-queue";
const COLUMNS: DataColumn[] = [
  { key: "docNumber", label: "批准文号", sortable: true, linkPrefix: "/admin/disclosure/records/" },
  { key: "title", label: "标题", sortable: true },
  { key: "divisionName", label: "区县" },
  { key: "statusName", label: "状态", kind: "status" },
  { key: "flow", label: "审核层级" },
  { key: "findings", label: "核查发现" },
  { key: "itemCount", label: "材料数", kind: "number" },
  { key: "updatedAt", label: "更新时间", sortable: true, kind: "date" },
];
const SORT_KEYS: Record<string, "docNumber" | "title" | "updatedAt"> = { docNumber: "docNumber", title: "title", updatedAt: "updatedAt" };

type Status = (typeof DISCLOSURE_STATUSES)[number];

function href(sp: Record<string, string>, patch: Record<string, string | null>): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...sp, ...patch })) if (v) next.set(k, v);
  next.delete("page");
  const s = next.toString();
  return `/admin/disclosure${s ? `?${s}` : ""}`;
}

export default async function DisclosurePage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requirePage("/admin/disclosure");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, {
    sortable: Object.keys(SORT_KEYS),
    defaultSort: "updatedAt",
    defaultDir: "desc",
    filterKeys: ["status", "division", "findings"],
    rememberedSize: remembered,
  });
  const status = (DISCLOSURE_STATUSES as readonly string[]).includes(query.filters.status ?? "")
    ? (query.filters.status as Status)
    : undefined;
  const division = /^[0-9]{6}$/.test(query.filters.division ?? "") ? query.filters.division : undefined;
  const findings = query.filters.findings === "yes" ? true : query.filters.findings === "no" ? false : undefined;
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(query.filters)) current[k] = v;
  if (query.q) current.q = query.q;
  const { db } = getLand();
  const mayWork = can(user, "update", "disclosure");
  // 立即采集 calls the harvester's run-now API; shown once that route is part of the system (and the user may call it).
  const harvestRoute = API_ROUTES.find((r) => r.method === "POST" && r.path.split("?")[0] === "/api/harvest/runs");
  const mayHarvest = harvestRoute !== undefined && can(user, harvestRoute.action, harvestRoute.resource);

  let body: React.ReactNode;
  try {
    const [queue, unmatched, counties, sources, flows] = await Promise.all([
      listDisclosureQueue(db, user, {
        status,
        divisionCode: division,
        hasFindings: findings,
        q: query.q,
        sort: SORT_KEYS[query.sort ?? "updatedAt"] ?? "updatedAt",
        dir: query.dir,
        page: query.page,
        pageSize: query.size,
      }),
      listUnmatchedItems(db, user, { pageSize: 50 }),
      countiesInScope(db, user),
      mayHarvest ? harvestSources(getLand().config) : Promise.resolve([]),
      listPublicationFlows(db, user),
    ]);
    const typeName = (t: string) => (t === "default" ? "其他类型" : (APPROVAL_AUTHORITIES.find((a) => a.code === t)?.name ?? t));
    const allCount = Object.values(queue.counts).reduce((a, b) => a + b, 0);
    const tab = (label: string, value: Status | null, n: number) => {
      const active = (value ?? undefined) === status;
      return (
        <li key={value ?? "all"}>
          <Link
            href={href(current, { status: value })}
            aria-current={active ? "page" : undefined}
            data-status-tab={value ?? "all"}
            className={`inline-flex items-center gap-1.5 rounded-t-md border-b-2 px-3 py-2 text-sm font-medium ${
              active ? "border-brand-700 text-brand-800" : "border-transparent text-slate-700 hover:border-slate-400"
            }`}
          >
            {label}
            <span className="rounded-full bg-slate-100 px-2 text-xs tabular-nums text-slate-800">{n}</span>
          </Link>
        </li>
      );
    };
    body = (
      <>
        <p className="text-sm text-slate-700" data-testid="flows">
          公开流程：
          {flows.map((f) => `${typeName(f.recordType)} ${f.labelZh}${f.twoPerson ? "（双人复核）" : ""}`).join("；")}
        </p>
        {mayHarvest && sources.length > 0 ? <HarvestNow sources={sources.map((x) => ({ id: x.id, name: x.name }))} /> : null}
        <nav aria-label="按状态筛选">
          <ul className="flex flex-wrap gap-1 border-b border-slate-300">
            {tab("全部", null, allCount)}
            {DISCLOSURE_STATUSES.map((s) => tab(STATUS_NAMES[s], s, queue.counts[s]))}
          </ul>
        </nav>
        <form method="get" action="/admin/disclosure" className="flex flex-wrap items-end gap-3 text-sm" aria-label="筛选">
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <label className="flex flex-col gap-1">
            <span className="text-slate-800">区县</span>
            <select name="division" defaultValue={division ?? ""} className="rounded-md border border-slate-400 px-2 py-1.5">
              <option value="">全部</option>
              {counties.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-800">核查发现</span>
            <select name="findings" defaultValue={query.filters.findings ?? ""} className="rounded-md border border-slate-400 px-2 py-1.5">
              <option value="">全部</option>
              <option value="yes">有未处理的发现</option>
              <option value="no">无未处理的发现</option>
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-1.5 font-medium text-white hover:bg-brand-800">
            筛选
          </button>
        </form>
        <DataTable
          id={TABLE_ID}
          caption={`公开记录${status ? `（${STATUS_NAMES[status]}）` : ""}`}
          columns={COLUMNS}
          rows={queue.rows.map((r) => ({
            id: r.id,
            docNumber: r.docNumber ?? r.slug,
            title: r.title,
            divisionName: r.divisionName,
            statusName: r.statusName,
            flow: r.flowLevelName ? `${r.flowLevelName}级` : null,
            findings: r.openFindings > 0 ? `${r.openFindings} 项未处理${r.openErrors > 0 ? `（错误 ${r.openErrors}）` : ""}` : "无",
            itemCount: r.itemCount,
            updatedAt: r.updatedAt,
          }))}
          rowKey="id"
          total={queue.total}
          page={query.page}
          pageCount={queue.pageCount}
          query={query}
          filterPlaceholder="标题、批准文号或索引号"
          selectable={false}
        />
        <section aria-labelledby="unmatched-h" className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="unmatched-h" className="text-lg font-semibold text-slate-900">
            待归集材料 <span className="text-sm font-normal text-slate-700">（{queue.unmatchedItems} 份）</span>
          </h2>
          <p className="text-sm text-slate-700">采集到但未能按批准文号或批次归集到公开记录的材料。核对后归集到记录，或说明原因后忽略。</p>
          <UnmatchedItems items={unmatched.rows} mayWork={mayWork} />
        </section>
      </>
    );
  } catch (e) {
    const err = describeError(e);
    body = <ErrorState title="公开记录加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">征地信息公开</h1>
      <p className="max-w-4xl text-sm leading-6 text-slate-700">
        一个建设用地批准文件一条公开记录。采集后的记录经自动核查，由区县确认、按公开流程（默认 区县 →
        市）逐级审核发布；确认人不得发布（双人复核）。点击批准文号进入记录，对照原件、识别结果与库内数据办理。
      </p>
      {body}
    </>
  );
}
