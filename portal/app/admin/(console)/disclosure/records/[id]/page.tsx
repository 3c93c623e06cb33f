import { getDisclosureRecord, type RecordDetail } from "@land/shared/disclosure/workflow/index";
import { DOCUMENT_KINDS } from "@land/shared/standard/codes/index";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordActions } from "../../../../../../components/disclosure/RecordActions.tsx";
import { SummaryEditor, SupplementForm } from "../../../../../../components/disclosure/RecordEditors.tsx";
import { SideBySide } from "../../../../../../components/disclosure/SideBySide.tsx";
import { ErrorState } from "../../../../../../components/ui/ErrorState.tsx";
import { StatusBadge, type StatusTone } from "../../../../../../components/ui/StatusBadge.tsx";
import { Timeline } from "../../../../../../components/ui/Timeline.tsx";
import { requirePermission } from "../../../../../../lib/authz.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const metadata = { title: "公开记录办理" };
export const dynamic = "force-dynamic";

const TONES: Record<string, StatusTone> = {
  harvested: "neutral",
  pending: "warning",
  confirmed: "progress",
  published: "success",
  withdrawn: "danger",
};
const MAJOR: Record<string, string> = { agricultural: "农用地", construction: "建设用地", unused: "未利用地" };

function DbValues({ r }: { r: RecordDetail }) {
  const d = r.dbValues;
  const row = (k: string, v: React.ReactNode) => (
    <div key={k} className="contents">
      <dt className="text-slate-700">{k}</dt>
      <dd>{v ?? "—"}</dd>
    </div>
  );
  return (
    <dl className="grid grid-cols-[6.5rem_1fr] gap-x-2 gap-y-1 text-sm" data-testid="db-values">
      {row("批准文号", d.approvalDoc.docNumber)}
      {row("文件标题", d.approvalDoc.title)}
      {row("批准机关", d.approvalDoc.authorityName)}
      {row("批准日期", d.approvalDoc.approvedOn)}
      {row("批准面积", `${d.approvalDoc.approvedAreaHa.toFixed(4)} 公顷`)}
      {row("效力状态", d.approvalDoc.status === "valid" ? "有效" : d.approvalDoc.status === "withdrawn" ? "已撤回" : "已失效")}
      {d.batch ? (
        <>
          {row("批次", `${d.batch.batchNo} ${d.batch.name}`)}
          {row("区县", d.batch.divisionName)}
          {row("用地类型", d.batch.landUseTypeName)}
          {row("报批年度", d.batch.planYear)}
          {row("批次面积", d.batch.totalAreaHa === null ? null : `${d.batch.totalAreaHa.toFixed(4)} 公顷`)}
          {row("批次状态", d.batch.stateName)}
        </>
      ) : null}
      {row("地块", `${d.areas.parcelCount} 块，合计 ${d.areas.parcelAreaHa.toFixed(4)} 公顷`)}
      {d.areas.byMajorClass.map((c) => row(MAJOR[c.majorClass] ?? c.majorClass, `${c.areaHa.toFixed(4)} 公顷`))}
    </dl>
  );
}

export default async function RecordPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("read", "disclosure", {}, `/admin/disclosure/records/${id}`);
  let r: RecordDetail;
  try {
    r = await getDisclosureRecord(getLand().db, user, id);
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED") notFound();
    return <ErrorState title="公开记录加载失败" message={err.messageZh} code={err.code} />;
  }
  const publishLabel = r.flow.next?.labelZh ?? (r.flow.levels.length > 1 ? `${r.flow.labelZh.split(" → ").at(-1)}级发布` : "发布");
  const open = r.findings.filter((f) => f.resolvedAt === null).length;
  return (
    <>
      <nav aria-label="位置" className="text-sm">
        <Link href="/admin/disclosure" className="text-brand-700 underline">
          征地信息公开
        </Link>{" "}
        / {r.docNumber ?? r.indexNo}
      </nav>
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold text-slate-900">{r.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-800">
          <span data-testid="record-status">
            <StatusBadge label={r.statusName} tone={TONES[r.status]} />
          </span>
          <span>批准文号 {r.docNumber ?? "—"}</span>
          <span>· 索引号 {r.indexNo}</span>
          <span>· 公开流程 {r.flow.labelZh}</span>
          {r.flow.levelName ? <span>· 已完成 {r.flow.levelName}级</span> : null}
          {r.flow.twoPerson ? <span>· 双人复核</span> : null}
          {r.confirmedBy ? <span>· 确认人 {r.confirmedBy}</span> : null}
          {r.publishedOn ? <span>· 发布日期 {r.publishedOn}</span> : null}
          {r.status === "published" ? (
            <a href={`/gongkai/${r.slug}`} className="text-brand-700 underline">
              公开页面
            </a>
          ) : null}
        </p>
        {r.withdrawnReason ? (
          <p className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-900" data-testid="withdrawn-reason">
            撤回原因：{r.withdrawnReason}
          </p>
        ) : null}
        {open > 0 ? (
          <p className="text-sm text-amber-900" data-testid="open-findings">
            {open} 项核查发现未处理
          </p>
        ) : null}
        <RecordActions recordId={r.id} title={r.title} can={r.can} publishLabel={publishLabel} />
      </header>

      <SideBySide items={r.items} findings={r.findings} mayResolve={r.can.edit.allowed}>
        <DbValues r={r} />
      </SideBySide>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="edit-h" className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="edit-h" className="text-lg font-semibold text-slate-900">
            摘要与补充材料
          </h2>
          {r.can.edit.allowed ? (
            <>
              <p className="text-sm text-slate-700">{r.can.edit.reason}</p>
              <SummaryEditor recordId={r.id} title={r.title} summary={r.summary} />
              <h3 className="font-medium text-slate-900">补充材料</h3>
              <SupplementForm recordId={r.id} kinds={DOCUMENT_KINDS.map((k) => [k.code, k.name])} />
            </>
          ) : (
            <p className="text-sm text-slate-700">{r.can.edit.reason}</p>
          )}
        </section>
        <section aria-labelledby="tl-h" className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="tl-h" className="text-lg font-semibold text-slate-900">
            办理过程
          </h2>
          {r.timeline.length === 0 ? (
            <p className="text-sm text-slate-700">尚无办理记录。</p>
          ) : (
            <Timeline
              label="公开记录办理过程"
              items={r.timeline.map((e) => ({
                id: String(e.id),
                title: e.actionName,
                time: e.at,
                actor: e.actor,
                body:
                  typeof e.detail.reason === "string"
                    ? `原因：${e.detail.reason}`
                    : typeof e.detail.note === "string"
                      ? `说明：${e.detail.note}`
                      : typeof e.detail.level === "string"
                        ? `层级：${{ county: "区县", city: "市", province: "省" }[e.detail.level] ?? e.detail.level}`
                        : undefined,
              }))}
            />
          )}
        </section>
      </div>
    </>
  );
}
