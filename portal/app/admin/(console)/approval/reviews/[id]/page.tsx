import type { AreaFigures, ReviewReport } from "@land/shared/approval/review/index";
import { getReview } from "@land/shared/approval/review/index";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ReviewMapPanel } from "../../../../../../components/approval/ReviewMapPanel.tsx";
import { ErrorState } from "../../../../../../components/ui/ErrorState.tsx";
import { StatusBadge } from "../../../../../../components/ui/StatusBadge.tsx";
import { requirePermission } from "../../../../../../lib/authz.ts";
import { describeError } from "../../../../../../lib/errors.ts";
import { getLand } from "../../../../../../lib/land.ts";

export const metadata = { title: "报批审查结果" };
export const dynamic = "force-dynamic";

const AUTHORITY: Record<string, string> = { GWY: "国务院", SZF: "四川省人民政府" };
const SEVERITY: Record<string, { label: string; tone: "danger" | "warning" | "info" }> = {
  blocking: { label: "阻断", tone: "danger" },
  warning: { label: "警示", tone: "warning" },
  info: { label: "提示", tone: "info" },
};
const MAJOR: Record<string, string> = { agricultural: "农用地", construction: "建设用地", unused: "未利用地" };
const fmtTime = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

const th = "border border-slate-300 px-2 py-1 font-medium";
const td = "border border-slate-300 px-2 py-1";
const num = `${td} text-right tabular-nums`;

function AreaCells({ a }: { a: AreaFigures }) {
  return (
    <>
      <td className={num}>{a.m2.toFixed(2)}</td>
      <td className={num}>{a.ha.toFixed(4)}</td>
      <td className={num}>{a.mu.toFixed(2)}</td>
    </>
  );
}
const AREA_HEADS = (
  <>
    <th scope="col" className={`${th} text-right`}>
      平方米
    </th>
    <th scope="col" className={`${th} text-right`}>
      公顷
    </th>
    <th scope="col" className={`${th} text-right`}>
      亩
    </th>
  </>
);

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="flex flex-col gap-2 rounded-md border border-slate-300 bg-white p-4 print:border-0 print:p-0">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

function ClassTables({ r }: { r: ReviewReport }) {
  const t = r.classTable;
  const major = t.byMajor;
  return (
    <div className="flex flex-col gap-4 overflow-auto">
      <table className="border-collapse text-sm" data-testid="class-table">
        <caption className="text-left font-semibold">土地分类面积汇总表（按地类）</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className={th}>
              三大类
            </th>
            <th scope="col" className={th}>
              地类编码
            </th>
            <th scope="col" className={th}>
              地类名称
            </th>
            {AREA_HEADS}
          </tr>
        </thead>
        <tbody>
          {t.byClass.map((c) => (
            <tr key={c.dlbm}>
              <td className={td}>{MAJOR[c.major] ?? c.major}</td>
              <td className={td}>
                <code className="font-mono">{c.dlbm}</code>
              </td>
              <td className={td}>{c.name}</td>
              <AreaCells a={c.area} />
            </tr>
          ))}
          <tr className="font-semibold">
            <td className={td} colSpan={3}>
              合计
            </td>
            <AreaCells a={t.total} />
          </tr>
        </tbody>
      </table>
      <table className="border-collapse text-sm">
        <caption className="text-left font-semibold">三大类汇总</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className={th}>
              类别
            </th>
            {AREA_HEADS}
          </tr>
        </thead>
        <tbody>
          {(
            [
              ["农用地", major.agricultural],
              ["　其中：耕地", major.cultivated],
              ["建设用地", major.construction],
              ["未利用地", major.unused],
              ["未被地类图斑覆盖", major.uncovered],
            ] as [string, AreaFigures][]
          ).map(([k, a]) => (
            <tr key={k}>
              <td className={td}>{k}</td>
              <AreaCells a={a} />
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid gap-4 lg:grid-cols-2">
        <table className="border-collapse text-sm">
          <caption className="text-left font-semibold">按权属性质</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className={th}>
                权属性质
              </th>
              {AREA_HEADS}
            </tr>
          </thead>
          <tbody>
            {t.byOwnership.map((o) => (
              <tr key={o.qsxz}>
                <td className={td}>
                  {o.name}（{o.kind === "state" ? "国有" : "集体"}）
                </td>
                <AreaCells a={o.area} />
              </tr>
            ))}
          </tbody>
        </table>
        <table className="border-collapse text-sm">
          <caption className="text-left font-semibold">按坐落单位（村）</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className={th}>
                坐落单位
              </th>
              {AREA_HEADS}
            </tr>
          </thead>
          <tbody>
            {t.byVillage.map((v) => (
              <tr key={v.code}>
                <td className={td}>
                  {v.name} <code className="font-mono text-[11px] text-slate-600">{v.code}</code>
                </td>
                <AreaCells a={v.area} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.declared.length > 0 ? (
        <table className="border-collapse text-sm">
          <caption className="text-left font-semibold">与申报面积比对（允许误差 {(r.basis.tolerance * 100).toFixed(2)}%）</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className={th}>
                地类
              </th>
              <th scope="col" className={`${th} text-right`}>
                申报（平方米）
              </th>
              <th scope="col" className={`${th} text-right`}>
                计算（平方米）
              </th>
              <th scope="col" className={`${th} text-right`}>
                相差
              </th>
              <th scope="col" className={th}>
                结果
              </th>
            </tr>
          </thead>
          <tbody>
            {r.declared.map((d) => (
              <tr key={d.dlbm}>
                <td className={td}>{d.dlbm === "total" ? "合计" : d.dlbm}</td>
                <td className={num}>{d.declaredM2.toFixed(2)}</td>
                <td className={num}>{d.computedM2.toFixed(2)}</td>
                <td className={num}>{(d.difference * 100).toFixed(2)}%</td>
                <td className={td}>{d.withinTolerance ? "符合" : "超出允许误差"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePermission("read", "batch", {}, "/admin/approval/reviews/[id]");
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let r: ReviewReport;
  try {
    r = await getReview(getLand().db, id, { scope: user });
  } catch (e) {
    const err = describeError(e);
    if (err.code === "NOT_FOUND") notFound();
    return <ErrorState title="审查结果加载失败" message={err.messageZh} code={err.code} />;
  }
  const a = r.authority;
  return (
    <>
      <p className="no-print text-sm">
        <Link href={`/admin/approval/batches/${r.batchId}`} className="text-brand-700 underline">
          ← 返回批次 {r.batchNo}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold text-slate-900">
          报批审查结果：{r.batchName}（第 {r.version} 版）
        </h1>
        <StatusBadge label={r.passed ? "通过" : "不通过"} tone={r.passed ? "success" : "danger"} />
      </div>
      <p className="text-sm text-slate-700">
        批次编号 <code className="font-mono">{r.batchNo}</code> · {r.divisionName} · 审查时间 {fmtTime(r.createdAt)} · 审查人 {r.createdBy}
      </p>
      <div className="no-print flex flex-wrap gap-2">
        <a
          href={`/api/reviews/${r.reviewId}?format=docx`}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
        >
          下载 DOCX
        </a>
        <a
          href={`/api/reviews/${r.reviewId}?format=pdf`}
          className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
        >
          下载 PDF
        </a>
        <a
          href={`/api/reviews/${r.reviewId}?format=json`}
          className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
        >
          JSON
        </a>
      </div>

      <Section title="审查发现">
        {r.findings.length === 0 ? (
          <p className="text-sm text-emerald-800">未发现问题。</p>
        ) : (
          <ul className="flex flex-col gap-1.5 text-sm" data-testid="findings">
            {r.findings.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: findings are positional
              <li key={i} className="flex flex-wrap items-start gap-2">
                <StatusBadge label={SEVERITY[f.severity]?.label ?? f.severity} tone={SEVERITY[f.severity]?.tone ?? "neutral"} />
                <span className="text-slate-900">
                  {f.parcelNo ? `地块 ${f.parcelNo}：` : ""}
                  {f.messageZh}
                </span>
                <code className="font-mono text-[11px] text-slate-600">{f.code}</code>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="批准机关">
        <p className="text-sm text-slate-900">
          <strong>{AUTHORITY[a.authority] ?? a.authority}</strong>（永久基本农田 {a.basicFarmlandHa.toFixed(4)} 公顷，永久基本农田以外耕地{" "}
          {a.cultivatedHa.toFixed(4)} 公顷，其他土地 {a.otherHa.toFixed(4)} 公顷）
        </p>
        <ul className="list-disc pl-6 text-sm text-slate-800">
          {a.reasonsZh.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      </Section>

      <Section title="地块与重叠分析">
        <ReviewMapPanel
          parcels={r.parcels.map((p) => ({ id: p.id, label: p.parcelNo, geometry: p.geometry }))}
          overlaps={r.overlaps.map((o, i) => ({
            id: String(i),
            kind: o.kind,
            severity: o.severity,
            parcelNo: o.parcelNo,
            areaM2: o.area.m2,
            label: o.ref.label,
            messageZh: o.messageZh,
            geometry: o.geometry,
          }))}
        />
      </Section>

      <Section title="土地分类面积">
        <ClassTables r={r} />
      </Section>

      <Section title="审查依据">
        <ul className="list-disc pl-6 text-sm text-slate-800">
          <li>地类数据：{r.basis.landUseSource}</li>
          <li>控制线：{r.basis.controlLineSources.join("；") || "—"}</li>
          <li>面积规则：{r.basis.areaRule}</li>
          <li>取舍规则：{r.basis.roundingRule}</li>
        </ul>
      </Section>
    </>
  );
}
