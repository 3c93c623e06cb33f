"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** 登记批次: a small form; on success the new batch's page opens. */
export function RegisterBatchForm({
  counties,
  landUseTypes,
}: {
  counties: { code: string; name: string }[];
  landUseTypes: [code: string, name: string][];
}) {
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const year = new Date().getFullYear();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const f = new FormData(e.currentTarget);
    try {
      const res = await fetch("/api/batches", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          batchNo: f.get("batchNo"),
          name: f.get("name"),
          landUseType: f.get("landUseType"),
          divisionCode: f.get("divisionCode"),
          planYear: Number(f.get("planYear")),
        }),
      });
      const body = (await res.json()) as { id?: string; messageZh?: string; code?: string };
      if (!res.ok || !body.id) {
        setError(`${body.messageZh ?? `登记失败（HTTP ${res.status}）`}${body.code ? `（${body.code}）` : ""}`);
        return;
      }
      router.push(`/admin/approval/batches/${body.id}`);
    } catch {
      setError("网络错误，登记未完成");
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div>
        <button
          type="button"
          onClick={() => setOpen(true)}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800"
        >
          登记批次
        </button>
      </div>
    );
  }
  const field = "rounded-md border border-slate-400 px-2 py-1.5 text-sm";
  return (
    <form onSubmit={submit} aria-labelledby={`${id}-t`} className="flex flex-col gap-3 rounded-md border border-slate-300 bg-white p-4">
      <h2 id={`${id}-t`} className="font-semibold text-slate-900">
        登记批次
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm text-slate-800">
          <span>
            批次编号<span className="text-red-700">*</span>
          </span>
          <input name="batchNo" required pattern="[A-Za-z0-9_\-]+" maxLength={40} title="字母、数字、- 和 _" className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-800 lg:col-span-2">
          <span>
            批次（项目）名称<span className="text-red-700">*</span>
          </span>
          <input name="name" required minLength={2} maxLength={200} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-800">
          <span>区县</span>
          <select name="divisionCode" className={field} defaultValue={counties[0]?.code}>
            {counties.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}（{c.code}）
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-800">
          <span>用地类型</span>
          <select name="landUseType" className={field} defaultValue="urban_batch">
            {landUseTypes.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm text-slate-800">
          <span>计划年度</span>
          <input name="planYear" type="number" min={1999} max={2100} defaultValue={year} className={field} />
        </label>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={busy}
          className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
        >
          {busy ? "正在登记…" : "保存"}
        </button>
        <button
          type="button"
          onClick={() => setOpen(false)}
          className="rounded-md border border-slate-400 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100"
        >
          取消
        </button>
      </div>
    </form>
  );
}
