"use client";

import { useState } from "react";

interface Result {
  account: { year: number; divisionCode: string; quotaKind: string };
  availableHa: number;
  reservedForBatchHa: number;
  needHa: number;
  fits: boolean;
  shortfallHa: number;
  availableAfterHa: number;
  sources: { year: number; divisionCode: string; availableHa: number }[];
}

/** 拟报批次测算: which account a planned batch would draw on and whether it fits — before reserving. */
export function WhatIf({ defaults }: { defaults: { year: number; divisionCode: string; quotaKind: string } }) {
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function submit(form: FormData) {
    setError(null);
    const q = new URLSearchParams({
      year: String(form.get("year")),
      division: String(form.get("division")),
      kind: defaults.quotaKind,
      area: String(form.get("area")),
    });
    const r = await fetch(`/api/quota/what-if?${q}`);
    const body = (await r.json()) as Result & { messageZh?: string };
    if (!r.ok) {
      setResult(null);
      setError(body.messageZh ?? "测算失败");
    } else setResult(body);
  }
  return (
    <section aria-labelledby="what-if" className="space-y-2 print:hidden">
      <h2 id="what-if" className="text-lg font-semibold text-slate-900">
        拟报批次指标测算
      </h2>
      <form action={submit} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-300 bg-white p-3">
        <label className="flex flex-col text-sm">
          指标年度
          <input
            name="year"
            type="number"
            required
            defaultValue={defaults.year}
            className="w-28 rounded border border-slate-400 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          区县代码
          <input
            name="division"
            required
            pattern="\d{6}"
            defaultValue={defaults.divisionCode}
            className="w-32 rounded border border-slate-400 px-2 py-1"
          />
        </label>
        <label className="flex flex-col text-sm">
          拟用面积（公顷）
          <input name="area" type="number" step="0.0001" min="0.0001" required className="w-36 rounded border border-slate-400 px-2 py-1" />
        </label>
        <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 text-white">
          测算
        </button>
      </form>
      <div aria-live="polite" data-testid="what-if-result">
        {error ? <p className="text-sm text-red-800">{error}</p> : null}
        {result ? (
          <div className={`rounded-md border p-3 text-sm ${result.fits ? "border-green-700 bg-green-50" : "border-amber-700 bg-amber-50"}`}>
            <p className="font-semibold">
              {result.fits ? "✓ 指标充足" : "⚠ 指标不足"}：使用 {result.account.year} 年度 {result.account.divisionCode} 账户，可用{" "}
              {result.availableHa} 公顷，拟用 {result.needHa} 公顷
              {result.fits ? `，测算后余 ${result.availableAfterHa} 公顷。` : `，缺 ${result.shortfallHa} 公顷。`}
            </p>
            {result.sources.length > 0 ? (
              <p>可调剂来源：{result.sources.map((s) => `${s.year} 年度 ${s.divisionCode}（可用 ${s.availableHa} 公顷）`).join("；")}</p>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
