"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "../ui/Toast.tsx";
import { postJson } from "./api.ts";

/** Title and summary fields of a record (the public 概要表 and search facets). */
export function SummaryEditor({ recordId, title, summary }: { recordId: string; title: string; summary: Record<string, unknown> }) {
  const router = useRouter();
  const toast = useToast();
  const [t, setT] = useState(title);
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(
      Object.entries(summary)
        .filter(([, v]) => typeof v === "string" || typeof v === "number")
        .map(([k, v]) => [k, String(v)]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const changed: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(values)) {
      const old = summary[k];
      const next = typeof old === "number" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : v.trim() === "" ? null : v.trim();
      if (next !== old) changed[k] = next;
    }
    setBusy(true);
    const r = await postJson(`/api/disclosure/records/${recordId}/summary`, { ...(t !== title ? { title: t } : {}), summary: changed });
    setBusy(false);
    toast.show(r.ok ? "已保存" : r.messageZh, r.ok ? "success" : "error");
    if (r.ok) router.refresh();
  };
  return (
    <form onSubmit={save} className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]" aria-label="修改摘要">
      <label htmlFor="sum-title" className="text-slate-800">
        标题
      </label>
      <input id="sum-title" value={t} onChange={(e) => setT(e.target.value)} className="rounded-md border border-slate-400 px-2 py-1" />
      {Object.keys(values).map((k) => (
        <div key={k} className="contents">
          <label htmlFor={`sum-${k}`} className="text-slate-800">
            {k}
          </label>
          <input
            id={`sum-${k}`}
            value={values[k] ?? ""}
            onChange={(e) => setValues({ ...values, [k]: e.target.value })}
            className="rounded-md border border-slate-400 px-2 py-1"
          />
        </div>
      ))}
      <div className="sm:col-start-2">
        <button type="submit" disabled={busy} className="rounded-md bg-brand-700 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          保存修改
        </button>
      </div>
    </form>
  );
}

/** Upload a missing material (补充材料) with its name, kind and stage. */
export function SupplementForm({ recordId, kinds }: { recordId: string; kinds: [string, string][] }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    const res = await fetch(`/api/disclosure/records/${recordId}/supplement`, { method: "POST", body: new FormData(form) });
    const json = (await res.json().catch(() => ({}))) as { messageZh?: string };
    setBusy(false);
    toast.show(res.ok ? "材料已补充" : (json.messageZh ?? `HTTP ${res.status}`), res.ok ? "success" : "error");
    if (res.ok) {
      form.reset();
      router.refresh();
    }
  };
  return (
    <form onSubmit={submit} className="grid gap-2 text-sm sm:grid-cols-[8rem_1fr]" aria-label="补充材料">
      <label htmlFor="sup-file" className="text-slate-800">
        文件
      </label>
      <input id="sup-file" name="file" type="file" required accept=".pdf,.ofd,.png,.jpg,.jpeg,.tif,.tiff,.docx,.xlsx,.txt" />
      <label htmlFor="sup-title" className="text-slate-800">
        材料名称
      </label>
      <input id="sup-title" name="title" required minLength={2} className="rounded-md border border-slate-400 px-2 py-1" />
      <label htmlFor="sup-kind" className="text-slate-800">
        材料类别
      </label>
      <select id="sup-kind" name="kind" required className="rounded-md border border-slate-400 px-2 py-1">
        {kinds.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
      <label htmlFor="sup-stage" className="text-slate-800">
        阶段
      </label>
      <select id="sup-stage" name="stage" className="rounded-md border border-slate-400 px-2 py-1">
        <option value="">未定</option>
        <option value="批前">批前</option>
        <option value="报批">报批</option>
        <option value="批文">批文</option>
        <option value="批后">批后</option>
      </select>
      <label htmlFor="sup-type" className="text-slate-800">
        公开类型
      </label>
      <select id="sup-type" name="disclosureType" className="rounded-md border border-slate-400 px-2 py-1">
        <option value="proactive">主动公开</option>
        <option value="on_request">依申请公开</option>
        <option value="withheld">不予公开</option>
      </select>
      <div className="sm:col-start-2">
        <button type="submit" disabled={busy} className="rounded-md bg-brand-700 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          {busy ? "上传中…" : "上传补充材料"}
        </button>
      </div>
    </form>
  );
}
