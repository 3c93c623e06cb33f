"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useToast } from "../ui/Toast.tsx";

/** 组卷材料上传: a file with its material kind, stored as an attachment of the batch. */
export function MaterialUpload({ batchId, kinds }: { batchId: string; kinds: { code: string; name: string }[] }) {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/batches/${batchId}/materials`, { method: "POST", body: new FormData(el) });
      const body = (await res.json().catch(() => ({}))) as { messageZh?: string; code?: string; kindName?: string };
      if (!res.ok) {
        setError(`${body.messageZh ?? `上传失败（HTTP ${res.status}）`}${body.code ? `［${body.code}］` : ""}`);
        return;
      }
      toast.show(`已上传：${body.kindName ?? "材料"}`, "success");
      el.reset();
      router.refresh();
    } catch {
      setError("网络错误，未上传");
    } finally {
      setBusy(false);
    }
  }

  const input = "mt-1 rounded-md border border-slate-400 px-2 py-1 text-sm";
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" data-testid="material-upload" aria-label="上传组卷材料">
      <label className="text-sm">
        材料类别
        <select name="kind" className={`${input} block`} required>
          {kinds.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        文件
        <input type="file" name="file" required className="mt-1 block text-sm" />
      </label>
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60"
      >
        {busy ? "正在上传…" : "上传材料"}
      </button>
      {error ? (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
