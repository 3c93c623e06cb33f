import type { ReactNode } from "react";

/** The frame of the login pages: site header and one centred card. */
export function LoginShell({ siteName, title, wide, children }: { siteName: string; title: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-100">
      <header className="border-b-4 border-accent-700 bg-brand-800 px-4 py-4 text-white">
        <div className="mx-auto max-w-5xl">
          <p className="text-lg font-bold">{siteName}</p>
          <p className="text-sm text-brand-100">建设用地报批及征地信息管理系统 · 业务办理</p>
        </div>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-12">
        <div className={`w-full ${wide ? "max-w-lg" : "max-w-sm"} rounded-lg bg-white p-6 shadow-md ring-1 ring-slate-200`}>
          <h1 className="text-xl font-bold text-slate-900">{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

export function LoginAlert({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div role="alert" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="login-error">
      {message}
    </div>
  );
}

/** The 6-digit code field of the second step (TOTP and enrolment confirmation). */
export function TotpCodeField({ invalid }: { invalid: boolean }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="code" className="text-sm font-medium text-slate-800">
        动态口令
      </label>
      <input
        id="code"
        name="code"
        type="text"
        inputMode="numeric"
        pattern="[0-9]{6}"
        maxLength={6}
        minLength={6}
        autoComplete="one-time-code"
        required
        // biome-ignore lint/a11y/noAutofocus: the only task on this step
        autoFocus
        aria-describedby="code-hint"
        aria-invalid={invalid ? true : undefined}
        className="rounded-md border border-slate-400 px-3 py-2 font-mono text-lg tracking-[0.3em] text-slate-900"
      />
      <p id="code-hint" className="text-xs text-slate-600">
        打开手机上的验证器应用，输入本系统账号当前显示的 6 位数字（每 30 秒更新）。
      </p>
    </div>
  );
}
