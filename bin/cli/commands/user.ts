import os from "node:os";
import {
  AppError,
  addUser,
  listUsers,
  type Operator,
  resetUser,
  roleName,
  seedDemo,
  setUserDisabled,
  type UserSummary,
} from "@land/shared";
import type { Command } from "commander";
import { openMigrated } from "../context.ts";
import { commandAction, EXIT, log, printJson } from "../output.ts";

/**
 * `land user add|reset|disable|enable|list`: account administration for operators. Passwords
 * come from stdin (`--password-stdin`) or a hidden prompt, never from argv (argv is visible to
 * every user of the machine through ps). Every change is audited as `cli:<os user>`.
 */
function operator(): Operator {
  let name = "unknown";
  try {
    name = os.userInfo().username;
  } catch {
    name = process.env.USER ?? "unknown";
  }
  return { actor: `cli:${name}`.slice(0, 64) };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  // The first line: `printf '%s\n' "$PW" | land user add …` and `land … < file` both work.
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    let value = "";
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return done();
        if (ch === "\u0003") return done(new AppError("VALIDATION_FAILED", "cancelled", { messageZh: "已取消" }));
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(fromStdin: boolean | undefined): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY)
    throw new AppError("VALIDATION_FAILED", "no terminal to prompt for the password: use --password-stdin", {
      messageZh: "非交互环境无法输入口令：请使用 --password-stdin 从标准输入提供口令",
    });
  const first = await promptHidden("口令 password: ");
  const again = await promptHidden("再次输入 again: ");
  if (first !== again) throw new AppError("VALIDATION_FAILED", "the two passwords differ", { messageZh: "两次输入的口令不一致" });
  return first;
}

function describe(u: UserSummary): string {
  const flags = [
    u.disabled ? "已停用" : "正常",
    u.lockedUntil ? `锁定至 ${new Date(u.lockedUntil).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}` : null,
    u.totpEnrolled ? "已绑定动态口令" : u.totpRequired ? "未绑定动态口令（下次登录时绑定）" : "无需动态口令",
  ].filter(Boolean);
  return `${u.username.padEnd(20)} ${u.displayName}  ${u.roles.map(roleName).join("、")}  ${u.divisionCode}  ${flags.join("，")}`;
}

async function withDb<T>(
  command: string,
  fn: (db: Awaited<ReturnType<typeof openMigrated>>["db"], demo: boolean) => Promise<T>,
): Promise<T> {
  const { db, config } = await openMigrated(command);
  try {
    return await fn(db, config.demo);
  } finally {
    await db.close();
  }
}

interface AddOptions {
  name: string;
  roles: string;
  division: string;
  passwordStdin?: boolean;
  json?: boolean;
}

export async function userAddCommand(username: string, opts: AddOptions): Promise<number> {
  const password = await readPassword(opts.passwordStdin);
  const user = await withDb("land user add", async (db, demo) => {
    // The code tables (and, outside production, the demo accounts) go into an empty database
    // first, exactly as `land start` would load them; in production this creates the first admin.
    await seedDemo(db, { demo });
    return addUser(
      db,
      { username, displayName: opts.name, roles: opts.roles.split(/[,，]/).filter(Boolean), divisionCode: opts.division, password },
      operator(),
    );
  });
  if (opts.json) printJson({ ok: true, user });
  else {
    log(`已创建用户：${describe(user)}`);
    if (user.totpRequired) log("该角色须使用动态口令：首次登录时按页面提示在验证器应用中绑定。");
  }
  return EXIT.ok;
}

export async function userResetCommand(username: string, opts: { passwordStdin?: boolean; json?: boolean }): Promise<number> {
  const password = await readPassword(opts.passwordStdin);
  const user = await withDb("land user reset", (db) => resetUser(db, username, password, operator()));
  if (opts.json) printJson({ ok: true, user });
  else log(`已重置口令，解除锁定并清除动态口令绑定，已有会话全部失效：${describe(user)}`);
  return EXIT.ok;
}

export async function userDisableCommand(username: string, opts: { json?: boolean }, disabled: boolean): Promise<number> {
  const user = await withDb(disabled ? "land user disable" : "land user enable", (db) =>
    setUserDisabled(db, username, disabled, operator()),
  );
  if (opts.json) printJson({ ok: true, user });
  else log(`${disabled ? "已停用（已有会话全部失效）" : "已启用"}：${describe(user)}`);
  return EXIT.ok;
}

export async function userListCommand(opts: { json?: boolean }): Promise<number> {
  const users = await withDb("land user list", (db) => listUsers(db));
  if (opts.json) printJson({ ok: true, users });
  else if (users.length === 0) log("尚无用户。创建第一个管理员：land user add USERNAME --name 姓名 --roles system_admin --division 510100");
  else for (const u of users) log(describe(u));
  return EXIT.ok;
}

/** Registers `land user …` on the program; `setCode` receives the exit code. */
export function registerUserCommands(program: Command, setCode: (code: number) => void): void {
  const run = commandAction(setCode);
  const user = program.command("user").description("用户账号管理 (account administration)");
  user
    .command("add")
    .description("创建用户；口令从标准输入或隐藏提示读取 (create a user)")
    .argument("<username>", "用户名（3–64 位小写字母、数字或 . _ -）")
    .requiredOption("--name <姓名>", "姓名 display name")
    .requiredOption("--roles <r1,r2>", "角色代码，逗号分隔，如 county_clerk,city_reviewer")
    .requiredOption("--division <code>", "所属行政区划代码，如 510100")
    .option("--password-stdin", "从标准输入读取口令（第一行）(read the password from stdin)")
    .option("--json", "输出 JSON")
    .action(run((username: string, opts: AddOptions) => userAddCommand(username, opts)));
  user
    .command("reset")
    .description("重置口令，并解除锁定、清除动态口令绑定、结束其会话 (reset password, TOTP and lockout)")
    .argument("<username>", "用户名")
    .option("--password-stdin", "从标准输入读取口令（第一行）")
    .option("--json", "输出 JSON")
    .action(run((username: string, opts: { passwordStdin?: boolean; json?: boolean }) => userResetCommand(username, opts)));
  user
    .command("disable")
    .description("停用用户并结束其全部会话 (disable a user)")
    .argument("<username>", "用户名")
    .option("--json", "输出 JSON")
    .action(run((username: string, opts: { json?: boolean }) => userDisableCommand(username, opts, true)));
  user
    .command("enable")
    .description("启用用户并解除锁定 (enable a user)")
    .argument("<username>", "用户名")
    .option("--json", "输出 JSON")
    .action(run((username: string, opts: { json?: boolean }) => userDisableCommand(username, opts, false)));
  user
    .command("list")
    .description("列出用户 (list users)")
    .option("--json", "输出 JSON")
    .action(run((opts: { json?: boolean }) => userListCommand(opts)));
}
