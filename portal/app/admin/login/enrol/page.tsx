import { SESSION_RULES, startTotpEnrolment, type TotpEnrolment } from "@land/shared";
import Link from "next/link";
import { redirect } from "next/navigation";
import { describeError } from "../../../../lib/errors.ts";
import { tryGetLand } from "../../../../lib/land.ts";
import { getCurrentChallenge, getCurrentUser, SECOND_STEP_MESSAGES, safeNext } from "../../../../lib/session.ts";
import { LoginAlert, LoginShell, TotpCodeField } from "../shell.tsx";

export const metadata = { title: "绑定动态口令验证器" };
export const dynamic = "force-dynamic";

function first(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/**
 * Forced enrolment: the user's roles require TOTP and no authenticator is bound yet. Reached
 * only with a `pending_enrol` challenge (password accepted); grants nothing until the first
 * code from the new secret is confirmed.
 */
export default async function EnrolPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const next = safeNext(first(sp.next));
  const land = tryGetLand();
  if (!land) redirect("/admin/login?error=PORTAL_NOT_READY");
  if (await getCurrentUser().catch(() => null)) redirect(next);
  const pending = await getCurrentChallenge().catch(() => null);
  const back = new URLSearchParams({ error: "LOGIN_CHALLENGE_EXPIRED" });
  if (next !== "/admin") back.set("next", next);
  if (pending?.challenge.state === "pending_totp")
    redirect(`/admin/login?step=totp${next === "/admin" ? "" : `&next=${encodeURIComponent(next)}`}`);
  if (pending?.challenge.state !== "pending_enrol") redirect(`/admin/login?${back}`);

  let enrolment: TotpEnrolment;
  try {
    enrolment = await startTotpEnrolment(land.db, pending.token);
  } catch (e) {
    redirect(`/admin/login?${new URLSearchParams({ error: describeError(e).code })}`);
  }
  const code = first(sp.error);
  const message = code ? (SECOND_STEP_MESSAGES[code] ?? "绑定失败，请稍后再试") : null;

  return (
    <LoginShell siteName={land.config.siteName} title="绑定动态口令验证器" wide>
      <p className="mt-2 text-sm leading-6 text-slate-700">
        {enrolment.displayName}（{enrolment.username}），您的岗位有数据修改权限，按等级保护要求须使用“密码 +
        动态口令”两种方式登录。请先绑定验证器应用，绑定后每次登录都需输入其显示的动态口令。
      </p>
      <LoginAlert message={message} />
      <ol className="mt-5 flex list-decimal flex-col gap-4 pl-5 text-sm text-slate-800">
        <li>在手机上安装任一支持 TOTP 的验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP 等）。</li>
        <li>
          在应用中添加账号，选择“手动输入密钥”，输入下面的密钥（类型：基于时间；账号名可填 {enrolment.username}）：
          <p
            className="mt-2 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-base tracking-wider break-all text-slate-900"
            data-testid="totp-secret"
          >
            {enrolment.secretGrouped}
          </p>
          <p className="mt-2 text-xs text-slate-600">
            在手机上打开本页时，也可直接点击{" "}
            <a href={enrolment.uri} className="text-brand-700 underline">
              添加到验证器应用
            </a>
            。
          </p>
          <details className="mt-2 text-xs text-slate-600">
            <summary className="cursor-pointer">显示 otpauth:// 链接（可用任意二维码工具生成二维码）</summary>
            <p className="mt-1 font-mono break-all" data-testid="totp-uri">
              {enrolment.uri}
            </p>
          </details>
        </li>
        <li>
          输入应用显示的 6 位动态口令，完成绑定并登录：
          <form method="post" action="/api/auth/totp/enrol" className="mt-3 flex flex-col gap-4">
            <input type="hidden" name="next" value={next} />
            <TotpCodeField invalid={code === "TOTP_FAILED" || code === "TOTP_FORMAT"} />
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
              完成绑定并登录
            </button>
          </form>
        </li>
      </ol>
      <p className="mt-5 text-xs leading-5 text-slate-600">
        密钥只在本页显示，请勿截图外传；请在 {SESSION_RULES.pendingMinutes} 分钟内完成绑定。更换手机或遗失验证器时，请联系安全管理员重置。
      </p>
      <p className="mt-3 text-sm">
        <Link href="/admin/login" className="text-brand-700 underline">
          返回重新输入用户名和密码
        </Link>
      </p>
    </LoginShell>
  );
}
