"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { type FieldErrors, FormErrorSummary, SelectField, type SelectOption, TextField } from "../ui/FormFields.tsx";
import { useToast } from "../ui/Toast.tsx";

interface UserRef {
  username: string;
  displayName: string;
  disabled: boolean;
  locked: boolean;
}

interface ApiError {
  code: string;
  messageZh: string;
  details?: { field?: string; message?: string }[];
}

type Pending =
  | { kind: "add"; body: Record<string, unknown> }
  | { kind: "reset"; username: string; password: string }
  | { kind: "disable" | "enable"; username: string };

const ADD_LABELS: Record<string, string> = {
  username: "用户名",
  displayName: "姓名",
  roles: "角色",
  divisionCode: "行政区划",
  password: "初始口令",
  confirm: "确认口令",
};

const RESET_LABELS: Record<string, string> = { target: "用户", newPassword: "新口令", newConfirm: "确认新口令" };

function fieldErrors(err: ApiError, rename: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const d of err.details ?? []) {
    const field = rename[d.field ?? ""] ?? d.field ?? "_form";
    out[field] ??= d.message;
  }
  if (!Object.keys(out).length) out._form = err.messageZh;
  return out;
}

async function post(url: string, body: unknown): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    if (res.ok) return { ok: true };
    const error = (await res.json().catch(() => null)) as ApiError | null;
    return { ok: false, error: error ?? { code: `HTTP_${res.status}`, messageZh: `请求失败（HTTP ${res.status}）` } };
  } catch {
    return { ok: false, error: { code: "NETWORK", messageZh: "网络错误，请求未完成" } };
  }
}

/** 新增用户 and the account actions (reset password + TOTP, disable, enable), each confirmed in a dialog. */
export function UserAdmin({
  me,
  users,
  roles,
  divisions,
}: {
  me: string;
  users: UserRef[];
  roles: SelectOption[];
  divisions: SelectOption[];
}) {
  const router = useRouter();
  const toast = useToast();
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [addErrors, setAddErrors] = useState<FieldErrors>({});
  const [actErrors, setActErrors] = useState<FieldErrors>({});
  const [target, setTarget] = useState("");
  const [addForm, setAddForm] = useState<HTMLFormElement | null>(null);
  const [resetForm, setResetForm] = useState<HTMLFormElement | null>(null);
  const selected = users.find((u) => u.username === target);

  function submitAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fd = new FormData(form);
    const body = {
      username: String(fd.get("username") ?? "").trim(),
      displayName: String(fd.get("displayName") ?? "").trim(),
      roles: fd.getAll("roles").map(String),
      divisionCode: String(fd.get("divisionCode") ?? ""),
      password: String(fd.get("password") ?? ""),
    };
    const errors: FieldErrors = {};
    if (!body.username) errors.username = "请填写用户名";
    if (!body.displayName) errors.displayName = "请填写姓名";
    if (!body.roles.length) errors.roles = "至少选择一个角色";
    if (!body.divisionCode) errors.divisionCode = "请选择行政区划";
    if (!body.password) errors.password = "请填写初始口令";
    else if (body.password !== String(fd.get("confirm") ?? "")) errors.confirm = "两次输入的口令不一致";
    setAddErrors(errors);
    if (Object.keys(errors).length) return;
    setAddForm(form);
    setPending({ kind: "add", body });
  }

  function askReset(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fd = new FormData(form);
    const password = String(fd.get("newPassword") ?? "");
    const errors: FieldErrors = {};
    if (!target) errors.target = "请选择用户";
    if (!password) errors.newPassword = "请填写新口令";
    else if (password !== String(fd.get("newConfirm") ?? "")) errors.newConfirm = "两次输入的口令不一致";
    setActErrors(errors);
    if (Object.keys(errors).length) return;
    setResetForm(form);
    setPending({ kind: "reset", username: target, password });
  }

  function askToggle(kind: "disable" | "enable") {
    if (!target) {
      setActErrors({ target: "请选择用户" });
      return;
    }
    setActErrors({});
    setPending({ kind, username: target });
  }

  async function confirm() {
    const p = pending;
    if (!p || busy) return;
    setBusy(true);
    setPending(null);
    try {
      if (p.kind === "add") {
        const r = await post("/api/users", p.body);
        if (!r.ok) {
          setAddErrors(fieldErrors(r.error));
          toast.show(`新增用户失败：${r.error.messageZh}`, "error");
          return;
        }
        addForm?.reset();
        setAddErrors({});
        toast.show(`已新增用户 ${String(p.body.username)}`, "success");
      } else {
        const path = `/api/users/${encodeURIComponent(p.username)}/${p.kind}`;
        const r = await post(path, p.kind === "reset" ? { password: p.password } : {});
        const what = { reset: "重置口令及动态口令", disable: "停用", enable: "启用" }[p.kind];
        if (!r.ok) {
          setActErrors(fieldErrors(r.error, { password: "newPassword" }));
          toast.show(`${what}失败：${r.error.messageZh}`, "error");
          return;
        }
        if (p.kind === "reset") resetForm?.reset();
        setActErrors({});
        toast.show(`已${what}用户 ${p.username}`, "success");
      }
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const dialog = (() => {
    if (!pending) return { title: "", body: null, label: "确定", danger: false };
    switch (pending.kind) {
      case "add":
        return {
          title: "确认新增用户",
          body: <p>新增用户 {String(pending.body.username)}，角色与区划以表单为准。</p>,
          label: "新增",
          danger: false,
        };
      case "reset":
        return {
          title: "确认重置口令及动态口令",
          body: <p>用户 {pending.username} 的口令将被替换，动态口令绑定被清除（下次登录时重新绑定），其所有会话立即失效。</p>,
          label: "重置",
          danger: true,
        };
      case "disable":
        return {
          title: "确认停用用户",
          body: <p>用户 {pending.username} 将无法登录，其所有会话立即失效。</p>,
          label: "停用",
          danger: true,
        };
      case "enable":
        return {
          title: "确认启用用户",
          body: <p>用户 {pending.username} 将可以重新登录（同时解除锁定）。</p>,
          label: "启用",
          danger: false,
        };
    }
  })();

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section aria-labelledby="add-user-title" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 id="add-user-title" className="text-lg font-semibold text-slate-900">
          新增用户
        </h2>
        <form onSubmit={submitAdd} noValidate className="mt-3 flex flex-col gap-3" data-testid="add-user-form">
          <FormErrorSummary errors={addErrors} labels={{ ...ADD_LABELS, _form: "提示" }} />
          <TextField
            name="username"
            label="用户名"
            required
            autoComplete="off"
            hint="3–64 位小写字母、数字或 . _ -"
            error={addErrors.username}
          />
          <TextField name="displayName" label="姓名" required autoComplete="off" error={addErrors.displayName} />
          <fieldset className="flex flex-col gap-1">
            <legend className="text-sm font-medium text-slate-800">角色（可多选）</legend>
            <div className="grid grid-cols-2 gap-1 text-sm">
              {roles.map((r) => (
                <label key={r.value} className="flex items-center gap-2">
                  <input type="checkbox" name="roles" value={r.value} />
                  {r.label}
                </label>
              ))}
            </div>
            {addErrors.roles ? <p className="text-xs font-medium text-red-700">{addErrors.roles}</p> : null}
          </fieldset>
          <SelectField name="divisionCode" label="行政区划" required options={divisions} error={addErrors.divisionCode} />
          <TextField
            name="password"
            type="password"
            label="初始口令"
            required
            autoComplete="new-password"
            hint="至少 12 位，含大写字母、小写字母、数字、符号中的至少 3 类，不得包含用户名或使用常见口令"
            error={addErrors.password}
          />
          <TextField name="confirm" type="password" label="确认口令" required autoComplete="new-password" error={addErrors.confirm} />
          <button
            type="submit"
            disabled={busy}
            className="self-start rounded-md bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-800 disabled:opacity-60"
          >
            新增用户
          </button>
        </form>
      </section>

      <section aria-labelledby="user-actions-title" className="rounded-lg bg-white p-5 ring-1 ring-slate-200">
        <h2 id="user-actions-title" className="text-lg font-semibold text-slate-900">
          账号操作
        </h2>
        <form onSubmit={askReset} noValidate className="mt-3 flex flex-col gap-3" data-testid="user-actions-form">
          <FormErrorSummary errors={actErrors} labels={{ ...RESET_LABELS, _form: "提示" }} />
          <SelectField
            name="target"
            label="用户"
            required
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            options={users.map((u) => ({
              value: u.username,
              label: `${u.username}（${u.displayName}）${u.disabled ? " · 已停用" : u.locked ? " · 已锁定" : ""}`,
            }))}
            error={actErrors.target}
          />
          <TextField
            name="newPassword"
            type="password"
            label="新口令"
            autoComplete="new-password"
            hint="仅重置时填写；重置同时清除动态口令绑定并结束该用户的所有会话"
            error={actErrors.newPassword}
          />
          <TextField name="newConfirm" type="password" label="确认新口令" autoComplete="new-password" error={actErrors.newConfirm} />
          <div className="flex flex-wrap gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded-md bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-800 disabled:opacity-60"
            >
              重置口令及动态口令
            </button>
            <button
              type="button"
              disabled={busy || !selected || selected.disabled || selected.username === me}
              onClick={() => askToggle("disable")}
              className="rounded-md bg-red-700 px-4 py-2 text-sm text-white hover:bg-red-800 disabled:opacity-60"
            >
              停用
            </button>
            <button
              type="button"
              disabled={busy || !selected || (!selected.disabled && !selected.locked)}
              onClick={() => askToggle("enable")}
              className="rounded-md border border-slate-400 bg-white px-4 py-2 text-sm text-slate-800 hover:bg-slate-100 disabled:opacity-60"
            >
              启用
            </button>
          </div>
          {selected?.username === me ? <p className="text-xs text-slate-600">不能停用自己的账号。</p> : null}
        </form>
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={dialog.title}
        confirmLabel={dialog.label}
        danger={dialog.danger}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {dialog.body}
      </ConfirmDialog>
    </div>
  );
}
