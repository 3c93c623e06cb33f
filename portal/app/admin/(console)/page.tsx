import { can, checkHealth, listDivisions, pageRule } from "@land/shared";
import Link from "next/link";
import { ErrorState } from "../../../components/ui/ErrorState.tsx";
import { StatusBadge } from "../../../components/ui/StatusBadge.tsx";
import { requirePage } from "../../../lib/authz.ts";
import { describeError } from "../../../lib/errors.ts";
import { getLand } from "../../../lib/land.ts";
import { SUBSYSTEMS } from "../../../lib/nav.ts";
import { roleLabel } from "../../../lib/session.ts";

export const metadata = { title: "工作台" };

export default async function AdminHome() {
  const user = await requirePage("/admin");
  const { db, config } = getLand();
  // Run state is the system administrator's (三权分立); business users see their subsystems.
  const showHealth = can(user, "read", "system");
  const health = showHealth ? await checkHealth(db).catch((e: unknown) => describeError(e)) : null;
  const subsystems = SUBSYSTEMS.filter((s) => {
    const rule = pageRule(s.href);
    return rule ? can(user, rule.action, rule.resource, rule.context) : false;
  });
  const divisionName = await listDivisions(db)
    .then((all) => all.find((d) => d.code === user.divisionCode)?.name ?? null)
    .catch(() => null);
  const now = new Date().toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

  return (
    <>
      <section className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h1 className="text-2xl font-bold text-slate-900">欢迎，{user.displayName}</h1>
        <p className="mt-1 text-slate-700">
          角色：{user.roles.map(roleLabel).join("、") || "无"} · 所属行政区划：
          {divisionName ? `${divisionName}（${user.divisionCode}）` : user.divisionCode} · 当前时间：{now}
        </p>
      </section>

      {health ? (
        <section aria-labelledby="health-title" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
          <h2 id="health-title" className="text-lg font-semibold text-slate-900">
            系统运行状态
          </h2>
          {"ok" in health ? (
            <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-4" data-testid="health">
              <div>
                <dt className="text-slate-600">总体</dt>
                <dd>
                  <StatusBadge label={health.ok ? "正常" : "异常"} tone={health.ok ? "success" : "danger"} />
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">数据库</dt>
                <dd className="text-slate-900">
                  {health.db.kind === "embedded" ? "嵌入式 PGlite" : "PostgreSQL"} · {health.db.reachable ? "可连接" : "不可连接"}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">PostGIS</dt>
                <dd className="text-slate-900">{health.db.postgis ?? "未安装"}</dd>
              </div>
              <div>
                <dt className="text-slate-600">数据库迁移</dt>
                <dd className="text-slate-900">
                  已执行 {health.migrations.applied} 个
                  {health.migrations.pending.length ? `，待执行 ${health.migrations.pending.length} 个` : "，已是最新"}
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">系统版本</dt>
                <dd className="text-slate-900">{health.version || config.version}</dd>
              </div>
            </dl>
          ) : (
            <ErrorState title="无法获取运行状态" message={health.messageZh} code={health.code} />
          )}
        </section>
      ) : null}

      {subsystems.length ? (
        <section aria-labelledby="subsystems-title">
          <h2 id="subsystems-title" className="mb-3 text-lg font-semibold text-slate-900">
            业务子系统
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {subsystems.map((s) => (
              <li key={s.key}>
                <Link href={s.href} className="block h-full rounded-lg bg-white p-4 ring-1 ring-slate-200 hover:ring-brand-600">
                  <span className="font-semibold text-brand-800">{s.label}</span>
                  <span className="mt-1 block text-sm leading-6 text-slate-700">{s.summary}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
