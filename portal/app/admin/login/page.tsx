import { SESSION_RULES } from "@land/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LOGIN_ERROR_MESSAGES } from "../../../lib/errors.ts";
import { tryGetLand } from "../../../lib/land.ts";
import { getCurrentChallenge, getCurrentUser, SECOND_STEP_MESSAGES, safeNext } from "../../../lib/session.ts";
import { LoginAlert, LoginShell, TotpCodeField } from "./shell.tsx";

export const metadata = { title: "工作人员登录" };

/** Messages for the 统一身份认证 (OIDC) login's error codes. */
const OIDC_MESSAGES: Record<string, string> = {
  OIDC_FAILED: "统一身份认证登录未完成或已过期，请重新登录",
  OIDC_USER_UNKNOWN: "统一身份认证账号未在本系统开通，请联系安全管理员开通后再登录",
  OIDC_CLAIMS_MISMATCH: "统一身份认证中的角色或行政区与本系统账号不一致，请联系安全管理员",
  OIDC_NOT_CONFIGURED: "未启用统一身份认证登录，请使用用户名和密码登录",
  ACCOUNT_DISABLED: "账号已停用，请联系安全管理员",
};

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(first(sp.next));
  const land = tryGetLand();
  // Already signed in with a valid session: go straight on.
  if (land && (await getCurrentUser().catch(() => null))) redirect(next);

  let code = first(sp.error);
  const siteName = land?.config.siteName ?? "建设用地报批及征地信息管理系统";

  // Second step: the password was accepted and a TOTP code is due.
  if (first(sp.step) === "totp") {
    const pending = land ? await getCurrentChallenge().catch(() => null) : null;
    if (pending?.challenge.state === "pending_enrol")
      redirect(`/admin/login/enrol${next === "/admin" ? "" : `?next=${encodeURIComponent(next)}`}`);
    if (pending?.challenge.state === "pending_totp") {
      const message = code ? (SECOND_STEP_MESSAGES[code] ?? LOGIN_ERROR_MESSAGES[code] ?? "验证失败，请稍后再试") : null;
      return (
        <LoginShell siteName={siteName} title="输入动态口令">
          <p className="mt-2 text-sm text-slate-700">
            {pending.challenge.displayName}（{pending.challenge.username}），密码已验证。请完成第二步身份鉴别。
          </p>
          <LoginAlert message={message} />
          <form method="post" action="/api/auth/totp" className="mt-5 flex flex-col gap-4">
            <input type="hidden" name="next" value={next} />
            <TotpCodeField invalid={code === "TOTP_FAILED" || code === "TOTP_FORMAT"} />
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
              验证
            </button>
          </form>
          <p className="mt-5 text-xs leading-5 text-slate-600">
            动态口令错误计入连续登录失败次数；每个口令只能使用一次。请在 {SESSION_RULES.pendingMinutes} 分钟内完成验证。
          </p>
          <p className="mt-3 text-sm">
            <Link href="/admin/login" className="text-brand-700 underline">
              返回重新输入用户名和密码
            </Link>
          </p>
        </LoginShell>
      );
    }
    // The challenge is gone (expired, used, or another browser): start over.
    code ||= "LOGIN_CHALLENGE_EXPIRED";
  }

  const message = code ? (LOGIN_ERROR_MESSAGES[code] ?? OIDC_MESSAGES[code] ?? SECOND_STEP_MESSAGES[code] ?? "登录失败，请稍后再试") : null;
  const oidcEnabled = Boolean(land?.config.oidc);
  const username = first(sp.username).slice(0, 64);
  const loggedOut = first(sp.loggedOut) === "1";

  return (
    <LoginShell siteName={siteName} title="工作人员登录">
      <LoginAlert message={message} />
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
      {oidcEnabled ? (
        <form method="post" action="/api/auth/oidc/start" className="mt-3 flex flex-col">
          <input type="hidden" name="next" value={next} />
          <button type="submit" className="rounded-md border border-brand-700 px-4 py-2.5 font-medium text-brand-700 hover:bg-brand-50">
            统一身份认证登录
          </button>
        </form>
      ) : null}
      <p className="mt-5 text-xs leading-5 text-slate-600">
        业务岗位账号登录须再输入验证器应用上的动态口令。连续 {SESSION_RULES.maxFailedLogins} 次密码或动态口令错误账号将锁定{" "}
        {SESSION_RULES.lockMinutes} 分钟；会话 {SESSION_RULES.idleMinutes} 分钟无操作自动失效。请勿在公共计算机上保存密码。
      </p>
      <p className="mt-3 text-sm">
        <Link href="/" className="text-brand-700 underline">
          返回信息公开首页
        </Link>
      </p>
    </LoginShell>
  );
}
