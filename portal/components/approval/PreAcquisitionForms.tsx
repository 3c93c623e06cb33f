"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useToast } from "../ui/Toast.tsx";

type Field = {
  name: string;
  label: string;
  kind?: "date" | "number" | "textarea" | "village" | "select";
  required?: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
};

interface StepForm {
  step: string;
  label: string;
  evidence: boolean;
  fields: Field[];
}

/** One form per 征前程序 entry; the server (use cases) checks periods, villages and order. */
const FORMS: StepForm[] = [
  {
    step: "pre_announcement",
    label: "征收土地预公告",
    evidence: false,
    fields: [
      { name: "noticeNo", label: "公告编号" },
      { name: "publishedOn", label: "发布日期", kind: "date", required: true },
      { name: "periodEndOn", label: "公告期截止日期", kind: "date", required: true, hint: "不少于 10 个工作日（实施条例第二十六条）" },
      { name: "scope", label: "征收范围", kind: "textarea", required: true },
      { name: "purpose", label: "征收目的", kind: "textarea", required: true },
    ],
  },
  {
    step: "status_survey",
    label: "土地现状调查（按村）",
    evidence: true,
    fields: [
      { name: "villageCode", label: "村", kind: "village", required: true },
      { name: "surveyedOn", label: "调查日期", kind: "date", required: true },
      { name: "landSummary", label: "地类面积", kind: "textarea", required: true, hint: "每行“地类编码=平方米”，如 0101=12000" },
      { name: "ownership", label: "权属情况", kind: "textarea" },
      { name: "attachmentsOnLand", label: "地上附着物和青苗", kind: "textarea" },
      { name: "population", label: "涉及人口（人）", kind: "number" },
    ],
  },
  {
    step: "risk_assessment",
    label: "社会稳定风险评估",
    evidence: true,
    fields: [
      {
        name: "riskLevel",
        label: "风险等级",
        kind: "select",
        required: true,
        options: [
          { value: "low", label: "低风险" },
          { value: "medium", label: "中风险" },
          { value: "high", label: "高风险" },
        ],
      },
      { name: "measures", label: "防范化解措施", kind: "textarea" },
      { name: "conclusion", label: "评估结论", kind: "textarea", required: true },
      { name: "assessedOn", label: "评估日期", kind: "date", required: true },
    ],
  },
  {
    step: "compensation_notice",
    label: "征地补偿安置方案公告",
    evidence: false,
    fields: [
      { name: "noticeNo", label: "公告编号" },
      { name: "publishedOn", label: "发布日期", kind: "date", required: true },
      { name: "periodEndOn", label: "公告期截止日期", kind: "date", required: true, hint: "不少于 30 日（土地管理法第四十七条）" },
      { name: "standards", label: "补偿标准", kind: "textarea", required: true },
      { name: "resettlement", label: "安置方式", kind: "textarea" },
      { name: "socialSecurity", label: "社会保障", kind: "textarea" },
      { name: "registrationDeadline", label: "补偿登记截止日期", kind: "date" },
      { name: "objectionChannel", label: "异议反映渠道" },
    ],
  },
  {
    step: "objections",
    label: "方案异议情况（按村）",
    evidence: false,
    fields: [
      { name: "villageCode", label: "村", kind: "village", required: true },
      { name: "membersTotal", label: "集体经济组织成员总数", kind: "number", required: true },
      { name: "membersObjecting", label: "提出异议人数", kind: "number", required: true, hint: "过半数时须组织听证" },
      { name: "recordedOn", label: "统计日期", kind: "date", required: true },
    ],
  },
  {
    step: "hearing",
    label: "听证",
    evidence: true,
    fields: [
      { name: "requestedOn", label: "申请日期", kind: "date", required: true },
      { name: "heldOn", label: "听证日期", kind: "date" },
      { name: "outcome", label: "听证结果", kind: "textarea" },
    ],
  },
  {
    step: "agreement_signing",
    label: "补偿协议签订（按村）",
    evidence: true,
    fields: [
      { name: "villageCode", label: "村", kind: "village", required: true },
      { name: "householdsTotal", label: "应签订户数", kind: "number", required: true },
      { name: "householdsSigned", label: "已签订户数", kind: "number", required: true },
      { name: "asOf", label: "统计日期", kind: "date", required: true },
      { name: "unsignedNote", label: "未签订情况说明", kind: "textarea" },
    ],
  },
];

export function PreAcquisitionForms({ batchId, villages }: { batchId: string; villages: { code: string; name: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  const [step, setStep] = useState(FORMS[0]?.step ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = FORMS.find((f) => f.step === step) ?? FORMS[0];
  if (!form) return null;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const data = new FormData(el);
      data.set("step", step);
      const res = await fetch(`/api/batches/${batchId}/pre-acquisition`, { method: "POST", body: data });
      const body = (await res.json().catch(() => ({}))) as { messageZh?: string; code?: string; location?: { field?: string } };
      if (!res.ok) {
        const where = body.location?.field ? `（字段 ${body.location.field}）` : "";
        setError(`${body.messageZh ?? `登记失败（HTTP ${res.status}）`}${where}${body.code ? `［${body.code}］` : ""}`);
        return;
      }
      toast.show(`已登记：${form?.label}`, "success");
      el.reset();
      router.refresh();
    } catch {
      setError("网络错误，未登记");
    } finally {
      setBusy(false);
    }
  }

  const input = "mt-1 w-full rounded-md border border-slate-400 px-2 py-1 text-sm";
  return (
    <form onSubmit={submit} className="flex flex-col gap-3" data-testid="pre-acquisition-form" aria-label="登记征前程序事项">
      <label className="text-sm font-medium">
        登记事项
        <select name="stepChoice" className={input} value={step} onChange={(e) => setStep(e.target.value)}>
          {FORMS.map((f) => (
            <option key={f.step} value={f.step}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <div className="grid gap-3 sm:grid-cols-2" key={form.step}>
        {form.fields.map((f) => (
          <div key={f.name} className={`text-sm ${f.kind === "textarea" ? "sm:col-span-2" : ""}`}>
            <label htmlFor={`pa-${form.step}-${f.name}`}>
              {f.label}
              {f.required ? <span className="text-red-700">＊</span> : null}
            </label>
            {f.kind === "textarea" ? (
              <textarea id={`pa-${form.step}-${f.name}`} name={f.name} rows={2} className={input} required={f.required} />
            ) : f.kind === "village" ? (
              <select id={`pa-${form.step}-${f.name}`} name={f.name} className={input} required={f.required}>
                {villages.map((v) => (
                  <option key={v.code} value={v.code}>
                    {v.name}（{v.code}）
                  </option>
                ))}
              </select>
            ) : f.kind === "select" ? (
              <select id={`pa-${form.step}-${f.name}`} name={f.name} className={input} required={f.required}>
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={`pa-${form.step}-${f.name}`}
                name={f.name}
                type={f.kind === "date" ? "date" : "text"}
                inputMode={f.kind === "number" ? "numeric" : undefined}
                className={input}
                required={f.required}
              />
            )}
            {f.hint ? <span className="block text-xs text-slate-600">{f.hint}</span> : null}
          </div>
        ))}
        {form.evidence ? (
          <label className="text-sm sm:col-span-2">
            证明材料（扫描件、报告等，可选）
            <input type="file" name="evidence" className="mt-1 block text-sm" />
          </label>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div>
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {busy ? "正在登记…" : `登记${form.label}`}
        </button>
      </div>
    </form>
  );
}
