import Link from "next/link";
import { redirect } from "next/navigation";
import { LOGIN_ERROR_MESSAGES } from "../../../lib/errors.ts";
import { tryGetLand } from "../../../lib/land.ts";
import { getCurrentUser, safeNext } from "../../../lib/session.ts";

export const metadata = { title: "工作人员登录" };

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(first(sp.next));
  const land = tryGetLand();
  // Already signed in with a valid session: go straight on.
  if (land && (await getCurrentUser().catch(() => null))) redirect(next);

  const code = first(sp.error);
  const message = code ? (LOGIN_ERROR_MESSAGES[code] ?? "登录失败，请稍后再试") : null;
  const username = first(sp.username).slice(0, 64);
  const loggedOut = first(sp.loggedOut) === "1";
  const siteName = land?.config.siteName ?? "建设用地报批及征地信息管理系统";

  return (
    <div className="flex min-h-screen flex-col bg-slate-100">
      <header className="border-b-4 border-accent-700 bg-brand-800 px-4 py-4 text-white">
        <div className="mx-auto max-w-5xl">
          <p className="text-lg font-bold">{siteName}</p>
          <p className="text-sm text-brand-100">建设用地报批及征地信息管理系统 · 业务办理</p>
        </div>
      </header>
      <main id="main" className="flex flex-1 items-start justify-center px-4 py-12">
        <div className="w-full max-w-sm rounded-lg bg-white p-6 shadow-md ring-1 ring-slate-200">
          <h1 className="text-xl font-bold text-slate-900">工作人员登录</h1>
          {message ? (
            <div
              role="alert"
              className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900"
              data-testid="login-error"
            >
              {message}
            </div>
          ) : null}
          {loggedOut && !message ? (
            <p role="status" className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
              您已安全退出。
            </p>
          ) : null}
          <form method="post" action="/api/auth/login" className="mt-5 flex flex-col gap-4">
            <input type="hidden" name="next" value={next} />
            <div className="flex flex-col gap-1">
              <label htmlFor="username" className="text-sm font-medium text-slate-800">
                用户名
              </label>
              <input
                id="username"
                name="username"
                type="text"
                autoComplete="username"
                required
                maxLength={64}
                defaultValue={username}
                // biome-ignore lint/a11y/noAutofocus: the only task on this page
                autoFocus={!username}
                aria-invalid={code === "AUTH_FAILED" ? true : undefined}
                className="rounded-md border border-slate-400 px-3 py-2 text-slate-900"
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor="password" className="text-sm font-medium text-slate-800">
                密码
              </label>
              <input
                id="password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                maxLength={256}
                // biome-ignore lint/a11y/noAutofocus: returning user only needs the password
                autoFocus={Boolean(username)}
                aria-invalid={code === "AUTH_FAILED" ? true : undefined}
                className="rounded-md border border-slate-400 px-3 py-2 text-slate-900"
              />
            </div>
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
              登录
            </button>
          </form>
          <p className="mt-5 text-xs leading-5 text-slate-600">
            连续 5 次密码错误账号将锁定 15 分钟；会话 30 分钟无操作自动失效。请勿在公共计算机上保存密码。
          </p>
          <p className="mt-3 text-sm">
            <Link href="/" className="text-brand-700 underline">
              返回信息公开首页
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
