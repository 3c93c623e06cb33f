"use client";

import { useState } from "react";

type Verification =
  | { ok: true; events: number; checkpoints: number }
  | { ok: false; events: number; firstBrokenEvent: number; reason: string }
  | { code: string; messageZh: string };

/** 校验审计链: POSTs to /api/audit/verify and shows the result (same check as `land audit verify`). */
export function AuditVerify() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);

  async function verify() {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch("/api/audit/verify", { method: "POST", headers: { Accept: "application/json" } });
      setResult((await res.json()) as Verification);
    } catch {
      setResult({ code: "NETWORK", messageZh: "网络错误，校验请求未完成" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="verify-title" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <h2 id="verify-title" className="text-lg font-semibold text-slate-900">
        审计链校验
      </h2>
      <p className="mt-1 text-sm text-slate-700">逐条重算 SM3 散列链，并用签名公钥核对每一个签名检查点。</p>
      <button
        type="button"
        onClick={verify}
        disabled={busy}
        className="mt-3 rounded-md bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {busy ? "正在校验…" : "校验审计链"}
      </button>
      <div aria-live="polite" data-testid="audit-verify-result" className="mt-3 text-sm">
        {result === null ? null : "code" in result ? (
          <p role="alert" className="text-red-700">
            校验失败：{result.messageZh}（{result.code}）
          </p>
        ) : result.ok ? (
          <p className="text-green-800">
            审计链完整：共 {result.events} 条事件，{result.checkpoints} 个签名检查点，逐条校验通过。
          </p>
        ) : (
          <p role="alert" className="text-red-700">
            审计链被破坏：自事件 #{result.firstBrokenEvent} 起，{result.reason}（共 {result.events} 条事件）
          </p>
        )}
      </div>
    </section>
  );
}
