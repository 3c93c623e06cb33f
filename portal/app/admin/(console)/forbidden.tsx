import { ACTIONS, allow, pageRule, resourceName } from "@land/shared";
import { headers } from "next/headers";
import Link from "next/link";
import { getCurrentUser, roleLabel } from "../../../lib/session.ts";

export const metadata = { title: "无权访问" };

/** The honest 403 page of the back office: what was refused and why, never the content. */
export default async function Forbidden() {
  const user = await getCurrentUser();
  // forbidden.tsx receives no props: the refused page is named by the path the proxy passed on.
  const rule = pageRule((await headers()).get("x-land-path") ?? "");
  const decision = rule ? allow(user, rule.action, rule.resource, rule.context) : null;
  const reason = rule && decision ? `无权${ACTIONS[rule.action]}“${resourceName(rule.resource)}”：${decision.reason}` : null;
  return (
    <section aria-labelledby="forbidden-title" className="rounded-lg bg-white p-6 ring-1 ring-slate-200" data-testid="forbidden">
      <p className="text-sm font-semibold text-red-700">403 无权访问</p>
      <h1 id="forbidden-title" className="mt-1 text-2xl font-bold text-slate-900">
        您没有查看此页面的权限
      </h1>
      <p className="mt-3 leading-7 text-slate-700">{reason ?? "当前账号的角色不允许访问此页面。"}</p>
      {user ? (
        <p className="mt-2 text-sm text-slate-600">
          当前账号：{user.displayName}（{user.roles.map(roleLabel).join("、") || "无角色"}，行政区划 {user.divisionCode}）。
          本次访问已记入审计日志。如确需此权限，请联系安全管理员调整角色。
        </p>
      ) : null}
      <p className="mt-4">
        <Link href="/admin" className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-800">
          返回工作台
        </Link>
      </p>
    </section>
  );
}
