import { isAssignableRole, listDivisions, listUsers, ROLES } from "@land/shared";
import { cookies } from "next/headers";
import { UserAdmin } from "../../../../../components/admin/UserAdmin.tsx";
import { type DataColumn, DataTable } from "../../../../../components/ui/DataTable.tsx";
import { ErrorState } from "../../../../../components/ui/ErrorState.tsx";
import { requirePage } from "../../../../../lib/authz.ts";
import { describeError } from "../../../../../lib/errors.ts";
import { getLand } from "../../../../../lib/land.ts";
import { roleLabel } from "../../../../../lib/session.ts";
import { applyTableQuery, pageSizeCookie, parseTableQuery, type SearchParamsRecord } from "../../../../../lib/table.ts";

export const metadata = { title: "用户管理" };

const TABLE_ID = "users";

const COLUMNS: DataColumn[] = [
  { key: "username", label: "用户名", sortable: true, kind: "code" },
  { key: "displayName", label: "姓名", sortable: true },
  { key: "roles", label: "角色", sortable: true },
  { key: "division", label: "行政区划", sortable: true },
  { key: "totp", label: "动态口令", sortable: true },
  { key: "status", label: "状态", sortable: true, kind: "status" },
  { key: "lockedUntil", label: "锁定至", sortable: true, defaultHidden: true },
  { key: "createdAt", label: "创建时间", sortable: true, kind: "date", defaultHidden: true },
];

const time = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** 用户管理 (安全管理员 only, 三权分立): the account list and add / reset / disable / enable. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const me = await requirePage("/admin/system/users");
  const sp = await searchParams;
  const remembered = (await cookies()).get(pageSizeCookie(TABLE_ID))?.value;
  const query = parseTableQuery(sp, {
    sortable: COLUMNS.filter((c) => c.sortable).map((c) => c.key),
    defaultSort: "username",
    defaultDir: "asc",
    filterKeys: ["status"],
    rememberedSize: remembered,
  });

  let content: React.ReactNode;
  let admin: React.ReactNode = null;
  try {
    const { db } = getLand();
    const [users, divisions] = await Promise.all([listUsers(db), listDivisions(db)]);
    const divisionName = new Map(divisions.map((d) => [d.code, d.name]));
    const rows = users.map((u) => ({
      username: u.username,
      displayName: u.displayName,
      roles: u.roles.map(roleLabel).join("、"),
      division: `${divisionName.get(u.divisionCode) ?? ""}（${u.divisionCode}）`,
      totp: u.totpEnrolled ? "已绑定" : u.totpRequired ? "未绑定（登录时须绑定）" : "未绑定（非必需）",
      status: u.disabled ? "已停用" : u.lockedUntil ? "已锁定" : "正常",
      lockedUntil: u.lockedUntil ? time(u.lockedUntil) : null,
      createdAt: u.createdAt,
    }));
    const result = applyTableQuery(rows, query, {
      matches: (r, q) => [r.username, r.displayName, r.roles, r.division, r.status].some((v) => v.includes(q)),
      value: (r, k) => (r as Record<string, string | null>)[k] ?? null,
    });
    content = (
      <DataTable
        id={TABLE_ID}
        caption={`用户（共 ${users.length} 个）`}
        columns={COLUMNS}
        rows={result.rows}
        rowKey="username"
        total={result.total}
        page={result.page}
        pageCount={result.pageCount}
        query={query}
        filterPlaceholder="用户名、姓名、角色、区划或状态"
        selectable={false}
      />
    );
    admin = (
      <UserAdmin
        me={me.username}
        users={users.map((u) => ({
          username: u.username,
          displayName: u.displayName,
          disabled: u.disabled,
          locked: u.lockedUntil !== null,
        }))}
        roles={Object.entries(ROLES)
          .filter(([id]) => isAssignableRole(id))
          .map(([value, label]) => ({ value, label: `${label}（${value}）` }))}
        divisions={divisions.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
      />
    );
  } catch (e) {
    const err = describeError(e);
    content = <ErrorState title="用户列表加载失败" message={err.messageZh} code={err.code} />;
  }

  return (
    <>
      <h1 className="text-2xl font-bold text-slate-900">用户管理</h1>
      <p className="max-w-3xl text-sm leading-6 text-slate-700">
        账号的新增、口令与动态口令重置、停用与启用由安全管理员办理（三权分立）。口令须符合口令策略；重置后用户须在下次登录时重新绑定动态口令，
        其现有会话立即失效。每一项操作都以当前操作人记入审计日志。
      </p>
      {admin}
      {content}
    </>
  );
}
