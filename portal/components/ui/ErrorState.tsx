import type { ReactNode } from "react";

export interface ErrorStateProps {
  title?: string;
  /** Chinese explanation for people. */
  message: ReactNode;
  /** Stable error code for support and logs. */
  code?: string;
  children?: ReactNode;
}

/** Something went wrong: say what, give the code, offer a way on. Uses role="alert". */
export function ErrorState({ title = "出现错误", message, code, children }: ErrorStateProps) {
  return (
    <section role="alert" className="rounded-lg border border-red-300 bg-red-50 px-5 py-4 text-red-900">
      <h2 className="flex items-center gap-2 text-base font-semibold">
        <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M12 9v4m0 4h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z" />
        </svg>
        {title}
      </h2>
      <div className="mt-1 text-sm leading-6">{message}</div>
      {code ? (
        <p className="mt-1 text-xs text-red-800">
          错误代码：<code className="font-mono">{code}</code>
        </p>
      ) : null}
      {children ? <div className="mt-3 flex flex-wrap gap-2">{children}</div> : null}
    </section>
  );
}
