"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** 重新投递: puts one dead letter back into the outbox (POST /api/province/outbox/:id/requeue). */
export function RequeueDeadLetter({ outboxId, batchNo }: { outboxId: number; batchNo: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function requeue() {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/province/outbox/${outboxId}/requeue`, { method: "POST", headers: { Accept: "application/json" } });
      if (res.ok) router.refresh();
      else setError(((await res.json()) as { messageZh?: string }).messageZh ?? `HTTP ${res.status}`);
    } catch {
      setError("网络错误，请求未完成");
    } finally {
      setBusy(false);
    }
  }

  return (
    <span>
      <button
        type="button"
        onClick={requeue}
        disabled={busy}
        aria-label={`重新投递批次 ${batchNo} 的报件`}
        className="rounded-md bg-brand-700 px-3 py-1 text-sm text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {busy ? "正在投递…" : "重新投递"}
      </button>
      {error ? (
        <span role="alert" className="ml-2 text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
