"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "../ui/Toast.tsx";

/** 运行审查: POST /api/batches/:id/review; a new version is added, earlier ones stay. */
export function RunReviewButton({ batchId, disabledReason }: { batchId: string; disabledReason?: string | undefined }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; reviewId?: string } | null>(null);

  async function run() {
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch(`/api/batches/${batchId}/review`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: "{}",
      });
      const body = (await res.json()) as { reviewId?: string; version?: number; passed?: boolean; messageZh?: string; code?: string };
      if (!res.ok || !body.reviewId) {
        setResult({ ok: false, text: `${body.messageZh ?? `审查失败（HTTP ${res.status}）`}${body.code ? `（${body.code}）` : ""}` });
        return;
      }
      const text = `已完成第 ${body.version} 版审查：${body.passed ? "通过" : "不通过（有须处理的问题）"}`;
      setResult({ ok: true, text, reviewId: body.reviewId });
      toast.show(text, body.passed ? "success" : "info");
      router.refresh();
    } catch {
      setResult({ ok: false, text: "网络错误，审查未完成" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        onClick={run}
        disabled={busy || Boolean(disabledReason)}
        title={disabledReason}
        className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {busy ? "正在审查…" : "运行审查"}
      </button>
      {disabledReason ? <span className="text-sm text-slate-700">{disabledReason}</span> : null}
      <span aria-live="polite" className="text-sm" data-testid="review-run-result">
        {result ? (
          <span className={result.ok ? "text-emerald-800" : "text-red-700"}>
            {result.text}
            {result.reviewId ? (
              <>
                {" "}
                <Link href={`/admin/approval/reviews/${result.reviewId}`} className="text-brand-700 underline">
                  查看审查结果
                </Link>
              </>
            ) : null}
          </span>
        ) : null}
      </span>
    </div>
  );
}
