"use client";

import { ErrorState } from "../components/ui/ErrorState.tsx";

/** Last-resort error boundary: never shows a stack trace, always offers a retry. */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <ErrorState
        title="页面加载失败"
        message="系统处理您的请求时出现问题，请稍后重试。如问题持续存在，请将下方错误编号提供给系统管理员。"
        code={error.digest ?? "INTERNAL"}
      >
        <button type="button" onClick={reset} className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-800">
          重试
        </button>
        <a href="/" className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm text-slate-800 hover:bg-slate-100">
          返回首页
        </a>
      </ErrorState>
    </main>
  );
}
