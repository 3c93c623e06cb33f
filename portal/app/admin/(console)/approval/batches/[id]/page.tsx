import {
  ASSEMBLY_CHECKLIST,
  type AssemblyChecklist,
  availableTransitions,
  type BatchDossier,
  can,
  chinaDate,
  getBatchDossier,
  getPreAcquisitionStatus,
  listBatchAlerts,
  type PreAcquisitionStatus,
  readAssemblyChecklist,
} from "@land/shared";
import { BATCH_STATES, DOCUMENT_KINDS, RETURN_REASONS } from "@land/shared/standard/codes/index";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { BatchParcels } from "../../../../../../components/approval/BatchParcels.tsx";
import { BatchTransitions, type TransitionOption } from "../../../../../../components/approval/BatchTransitions.tsx";
import { MaterialUpload } from "../../../../../../components/approval/MaterialUpload.tsx";
import { PreAcquisitionForms } from "../../../../../../components/approval/PreAcquisitionForms.tsx";
import { RunReviewButton } from "../../../../../../components/approval/RunReviewButton.tsx";
import { SurveyUpload } from "../../../../../../components/approval/SurveyUpload.tsx";
import { EmptyState } from "../../../../../../components/ui/EmptyState.tsx";
import { ErrorState } from "../../../../../../components/ui/ErrorState.tsx";
import { StatusBadge, type StatusTone } from "../../../../../../components/ui/StatusBadge.tsx";
import { Timeline } from "../../../../../../components/ui/Timeline.tsx";
import { requirePermission } from "../../../../../../lib/authz.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const metadata = { title: "报批批次详情" };
export const dynamic = "force-dynamic";

const STATE_TONES: Record<string, StatusTone> = {
  pre_acquisition: "neutral",
  assembling: "neutral",
  county_review: "progress",
  city_review: "progress",
  submitted_to_province: "progress",
  province_review: "progress",
  approved: "success",
  returned: "danger",
  correcting: "warning",
  implementing: "info",
  completed: "success",
  withdrawn: "danger",
  expired: "danger",
};
const AUTHORITY: Record<string, string> = {
  GWY: "国务院",
  SZF: "四川省人民政府",
  SZF_SQ: "四川省人民政府（授权）",
  SZF_WT: "四川省人民政府（委托）",
};

const fmtTime = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
const ha = (m2: number) => (m2 / 10_000).toFixed(4);

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

const STEP_TONES: Record<string, StatusTone> = {
  done: "success",
  not_required: "neutral",
  running: "progress",
  blocked: "danger",
  missing: "warning",
};
const STEP_LABELS: Record<string, string> = {
  done: "已完成",
  not_required: "无需办理",
  running: "公告期内",
  blocked: "受阻",
  missing: "未登记",
};

/** Where the batch stands in the 征前程序 today (the same evaluation guards 征前 → 组卷). */
function PreAcquisitionSteps({ status }: { status: PreAcquisitionStatus }) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm" data-testid="pre-acquisition-ready">
        {status.ready ? "征前程序已完成，可以开始组卷。" : `尚不能组卷：${status.blocking.length} 项待办（以 ${status.today} 计）。`}
      </p>
      <table className="w-full text-sm" data-testid="pre-acquisition-steps">
        <caption className="sr-only">征前程序各环节</caption>
        <thead className="bg-slate-100 text-left text-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              环节
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              状态
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              情况
            </th>
          </tr>
        </thead>
        <tbody>
          {status.steps.map((s) => (
            <tr key={s.id} className="border-t border-slate-200 align-top" data-step={s.id} data-status={s.status}>
              <td className="px-2 py-1.5">{s.nameZh}</td>
              <td className="px-2 py-1.5">
                <StatusBadge
                  label={s.until && s.status === "running" ? `公告期至 ${s.until}` : (STEP_LABELS[s.status] ?? s.status)}
                  tone={STEP_TONES[s.status]}
                />
              </td>
              <td className="px-2 py-1.5">
                {s.summaryZh}
                {s.reasons.map((r) => (
                  <span key={`${r.code}-${r.villageCode ?? ""}`} className="block text-red-800">
                    {r.messageZh}
                  </span>
                ))}
                {s.notes.map((n) => (
                  <span key={n} className="block text-slate-600">
                    {n}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The generated notices, once their record exists (a DOCX from the batch's data, ready to print). */
function NoticeDownloads({ batchId, status }: { batchId: string; status: PreAcquisitionStatus }) {
  const recorded = (id: string) => status.steps.some((s) => s.id === id && (s.status === "done" || s.status === "running"));
  const notices = [
    { kind: "pre_announcement", label: "下载征收土地预公告（DOCX）" },
    { kind: "compensation_notice", label: "下载征地补偿安置方案公告（DOCX）" },
  ].filter((n) => recorded(n.kind));
  if (notices.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-4 text-sm">
      {notices.map((n) => (
        <a
          key={n.kind}
          href={`/api/batches/${batchId}/notices/${n.kind}`}
          data-testid="notice-download"
          data-kind={n.kind}
          className="text-brand-700 underline"
          download
        >
          {n.label}
        </a>
      ))}
    </p>
  );
}

/** The 组卷 checklist of the batch's 用地类型: what is there, what is missing, and why it is asked for. */
function AssemblyChecklistTable({ checklist }: { checklist: AssemblyChecklist }) {
  const kindOf = (id: string) => ASSEMBLY_CHECKLIST.find((i) => i.id === id)?.kinds[0];
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm" data-testid="assembly-complete">
        {checklist.complete ? "组卷材料齐全。" : `尚缺 ${checklist.missing.length} 项组卷材料。`}
      </p>
      <table className="w-full text-sm" data-testid="assembly-checklist">
        <caption className="sr-only">组卷材料清单</caption>
        <thead className="bg-slate-100 text-left text-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              材料
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              状态
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              依据
            </th>
          </tr>
        </thead>
        <tbody>
          {checklist.items
            .filter((i) => i.status !== "not_required")
            .map((i) => (
              <tr
                key={i.id}
                className="border-t border-slate-200 align-top"
                {...(i.status === "missing" ? { "data-missing-kind": kindOf(i.id) } : {})}
              >
                <td className="px-2 py-1.5">{i.nameZh}</td>
                <td className="px-2 py-1.5">
                  <StatusBadge label={i.status === "present" ? "已具备" : "缺少"} tone={i.status === "present" ? "success" : "warning"} />
                </td>
                <td className="px-2 py-1.5 text-slate-700">{i.source}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function ReviewHistory({ batch }: { batch: BatchDossier }) {
  if (batch.reviews.length === 0) return <EmptyState title="尚未审查" description="导入勘测定界成果后点击“运行审查”。" />;
  return (
    <div className="overflow-auto">
      <table className="w-full text-sm" data-testid="review-history">
        <caption className="sr-only">历次审查</caption>
        <thead className="bg-slate-100 text-left text-slate-800">
          <tr>
            <th scope="col" className="px-2 py-1.5 font-medium">
              版本
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              审查时间
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              审查人
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              结论
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              批准机关
            </th>
            <th scope="col" className="px-2 py-1.5 text-right font-medium">
              审查面积（公顷）
            </th>
            <th scope="col" className="px-2 py-1.5 font-medium">
              审查意见书
            </th>
          </tr>
        </thead>
        <tbody>
          {batch.reviews.map((r) => (
            <tr key={r.id} className="border-t border-slate-200" data-version={r.version}>
              <td className="px-2 py-1.5">
                第 {r.version} 版{r.version === batch.reviews[0]?.version ? "（最新）" : ""}
              </td>
              <td className="px-2 py-1.5">{fmtTime(r.createdAt)}</td>
              <td className="px-2 py-1.5">{r.createdBy}</td>
              <td className="px-2 py-1.5">
                <StatusBadge label={r.passed ? "通过" : "不通过"} tone={r.passed ? "success" : "danger"} />
              </td>
              <td className="px-2 py-1.5">{AUTHORITY[r.authority] ?? r.authority}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{ha(r.totalAreaM2)}</td>
              <td className="px-2 py-1.5">
                <span className="flex flex-wrap gap-2">
                  <Link href={`/admin/approval/reviews/${r.id}`} className="text-brand-700 underline">
                    查看
                  </Link>
                  <a href={`/api/reviews/${r.id}?format=docx`} className="text-brand-700 underline" data-testid={`docx-v${r.version}`}>
                    下载 DOCX
                  </a>
                  <a href={`/api/reviews/${r.id}?format=pdf`} className="text-brand-700 underline">
                    下载 PDF
                  </a>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("read", "batch", {}, "/admin/approval/batches/[id]");
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let batch: BatchDossier;
  try {
    batch = await getBatchDossier(getLand().db, user, id, { target: `/admin/approval/batches/${id}` });
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND") notFound();
    if (err.code === "FORBIDDEN") forbidden();
    return <ErrorState title="批次加载失败" message={err.messageZh} code={err.code} />;
  }
  const mayImport = can(user, "update", "batch", { divisionCode: batch.divisionCode });
  const mayReview = can(user, "verify", "batch", { divisionCode: batch.divisionCode });
  const transitionOptions: TransitionOption[] = can(user, "transition", "batch", { divisionCode: batch.divisionCode })
    ? availableTransitions(
        { batch_no: batch.batchNo, division_code: batch.divisionCode, state: batch.state },
        { kind: "user", username: user.username, roles: [...user.roles], divisionCode: user.divisionCode },
      ).map((r) => ({
        to: r.to,
        toName: BATCH_STATES.find((s) => s.code === r.to)?.name ?? r.to,
        labelZh: r.labelZh,
        reasonRequired: r.reasonRequired,
      }))
    : [];
  const alerts = await listBatchAlerts(getLand().db, batch.id);
  const checklist: AssemblyChecklist | null = ["pre_acquisition", "assembling", "correcting"].includes(batch.state)
    ? await readAssemblyChecklist(getLand().db, batch.id)
    : null;
  const preAcquisition: PreAcquisitionStatus | null = ["pre_acquisition", "assembling"].includes(batch.state)
    ? await getPreAcquisitionStatus(getLand().db, batch.id, chinaDate(undefined))
    : null;

  return (
    <>
      <p className="text-sm">
        <Link href="/admin/approval" className="text-brand-700 underline">
          ← 返回报批批次列表
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{batch.name}</h1>
        <StatusBadge label={batch.stateName} tone={STATE_TONES[batch.state]} />
      </div>

      <Section title="基本信息" id="basic">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3" data-testid="batch-info">
          {[
            [
              "批次编号",
              <code key="n" className="font-mono">
                {batch.batchNo}
              </code>,
            ],
            ["区县", `${batch.divisionName}（${batch.divisionCode}）`],
            ["用地类型", batch.landUseTypeName],
            ["计划年度", String(batch.planYear)],
            ["状态", batch.stateName],
            [
              "总面积",
              batch.totalAreaHa === null ? "—" : `${batch.totalAreaHa.toFixed(4)} 公顷（${(batch.totalAreaHa * 15).toFixed(2)} 亩）`,
            ],
            ["批准机关", batch.approvalAuthority ? (AUTHORITY[batch.approvalAuthority] ?? batch.approvalAuthority) : "—"],
            ["登记时间", fmtTime(batch.createdAt)],
            [
              "审查结论",
              batch.latestReview ? `第 ${batch.latestReview.version} 版：${batch.latestReview.passed ? "通过" : "不通过"}` : "未审查",
            ],
          ].map(([k, v]) => (
            <div key={String(k)} className="flex gap-2">
              <dt className="w-20 shrink-0 text-slate-600">{k}</dt>
              <dd className="text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </Section>

      <Section title="办理" id="workflow">
        {alerts.map((a) => (
          <p
            key={a.id}
            role={a.severity === "error" ? "alert" : "status"}
            data-testid="batch-alert"
            className={`rounded-md border px-3 py-2 text-sm ${a.severity === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
          >
            {a.message}
          </p>
        ))}
        <BatchTransitions
          batchId={batch.id}
          options={transitionOptions}
          returnReasons={RETURN_REASONS.map((r) => ({ code: r.code, name: r.name }))}
        />
      </Section>

      {preAcquisition ? (
        <Section title="征前程序" id="pre-acquisition">
          <PreAcquisitionSteps status={preAcquisition} />
          <NoticeDownloads batchId={batch.id} status={preAcquisition} />
          {batch.state === "pre_acquisition" && mayImport ? (
            <PreAcquisitionForms batchId={batch.id} villages={preAcquisition.villages} />
          ) : null}
        </Section>
      ) : null}

      {mayImport && ["pre_acquisition", "assembling", "correcting"].includes(batch.state) ? (
        <Section title="组卷材料" id="materials">
          {checklist ? <AssemblyChecklistTable checklist={checklist} /> : null}
          <MaterialUpload
            batchId={batch.id}
            kinds={DOCUMENT_KINDS.filter((k) => k.stage === "批前" || k.stage === "报批").map((k) => ({ code: k.code, name: k.name }))}
          />
        </Section>
      ) : null}

      <Section title="地块" id="parcels">
        {batch.parcels.length > 0 ? (
          <BatchParcels parcels={batch.parcels} />
        ) : (
          <EmptyState title="尚无地块" description="上传勘测定界成果（界址点坐标文件）后，地块在此显示。" />
        )}
      </Section>

      {mayImport && batch.surveyImport.allowed ? (
        <div className="rounded-md border border-slate-300 bg-white p-4">
          <SurveyUpload batchId={batch.id} replaces={batch.surveyImport.replaces} />
        </div>
      ) : mayImport ? (
        <p className="text-sm text-slate-700">
          当前状态（{batch.stateName}）不接受勘测定界成果上传；征前、组卷或补正时可上传（退回补正的批次请先转入“补正”）。
        </p>
      ) : null}

      <Section title="报批审查" id="reviews">
        {mayReview ? (
          <RunReviewButton batchId={batch.id} disabledReason={batch.parcels.length === 0 ? "请先导入勘测定界成果" : undefined} />
        ) : null}
        <ReviewHistory batch={batch} />
      </Section>

      <Section title="勘测定界成果上传记录" id="surveys">
        {batch.surveys.length === 0 ? (
          <EmptyState title="暂无上传记录" description="导入成功的坐标文件在此留存，补正替换后原文件仍保留。" />
        ) : (
          <table className="w-full text-sm" data-testid="survey-history">
            <caption className="sr-only">勘测定界成果上传记录</caption>
            <thead className="bg-slate-100 text-left text-slate-800">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  导入时间
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  文件
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  测绘单位
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  测绘日期
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  投影带
                </th>
                <th scope="col" className="px-2 py-1.5 font-medium">
                  状态
                </th>
              </tr>
            </thead>
            <tbody>
              {batch.surveys.map((s) => (
                <tr key={s.id} className="border-t border-slate-200">
                  <td className="px-2 py-1.5">{fmtTime(s.createdAt)}</td>
                  <td className="px-2 py-1.5">
                    {s.fileName ?? "—"}
                    {s.sha256 ? <span className="block font-mono text-[11px] text-slate-600">SHA-256 {s.sha256.slice(0, 16)}…</span> : null}
                  </td>
                  <td className="px-2 py-1.5">{s.surveyor}</td>
                  <td className="px-2 py-1.5">{s.surveyDate}</td>
                  <td className="px-2 py-1.5">
                    {s.zoneWidth}° 带第 {s.zone} 带
                  </td>
                  <td className="px-2 py-1.5">
                    <StatusBadge label={s.current ? "现行" : "已被补正替换"} tone={s.current ? "success" : "neutral"} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="流转记录" id="history">
        <Timeline
          label="批次流转记录"
          items={batch.transitions.map((t) => ({
            id: t.id,
            title: t.fromName ? `${t.fromName} → ${t.toName}` : `登记（${t.toName}）`,
            time: t.at,
            actor: t.actor,
            ...(t.reason ? { body: t.reason } : {}),
          }))}
        />
      </Section>
    </>
  );
}
