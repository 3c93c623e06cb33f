import { common, f, type TableDef } from "../types.ts";

export const divisionTable: TableDef = {
  name: "division",
  nameZh: "行政区划",
  subsystem: "foundation",
  description: "GB/T 2260 行政区划代码表，县级以上随系统提供，乡镇、村级通过导入扩展；可带边界图形。",
  fields: [
    f.varchar(12)("code", "行政区划代码", {
      required: true,
      check: "code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'",
      note: "6 位县级及以上，9 位乡镇，12 位村",
    }),
    f.varchar(100)("name", "名称", { required: true }),
    f.varchar(10)("level", "级别", { required: true, codeTable: "divisionLevel" }),
    f.varchar(12)("parent_code", "上级代码", { references: "division.code" }),
    common.geom(false),
  ],
  primaryKey: ["code"],
};

export const appUserTable: TableDef = {
  name: "app_user",
  nameZh: "用户",
  subsystem: "foundation",
  description:
    "系统用户。口令以 argon2id 散列保存；连续登录失败（口令或动态口令）达到阈值后锁定；有写权限的业务角色须绑定 TOTP 动态口令（RFC 6238）；停用的账号不能登录。",
  fields: [
    common.id(),
    f.varchar(64)("username", "用户名", { required: true, check: "username ~ '^[a-z0-9._-]{3,64}$'" }),
    f.varchar(100)("display_name", "姓名", { required: true }),
    f.text("password_hash", "口令散列", { required: true, note: "argon2id（RFC 9106）" }),
    f.textArray("roles", "角色", { required: true, default: "'{}'", note: "角色代码，见角色表" }),
    common.divisionCode("所属行政区划代码"),
    f.integer("failed_logins", "连续登录失败次数", { required: true, default: "0" }),
    f.timestamptz("locked_until", "锁定截止时间"),
    f.text("totp_secret", "动态口令密钥", { note: "TOTP 密钥，AES-256-GCM 加密保存（密钥由 LAND_SESSION_SECRET 派生）" }),
    f.timestamptz("totp_enrolled_at", "动态口令绑定时间", { note: "为空表示未绑定" }),
    f.bigint("totp_last_step", "最近使用的动态口令时间步", { note: "同一时间步及更早的口令不再接受（防重放）" }),
    f.timestamptz("disabled_at", "停用时间", { note: "非空表示账号已停用，不能登录，已有会话失效" }),
    common.createdAt(),
  ],
  primaryKey: ["id"],
  unique: [["username"]],
};

export const appSessionTable: TableDef = {
  name: "app_session",
  nameZh: "会话",
  subsystem: "foundation",
  description:
    "登录会话。只保存会话令牌的 SHA-256 散列；空闲超时与绝对超时由会话规则决定。口令通过但尚待动态口令（或绑定验证器）的登录以待验证状态保存，不授予任何权限。",
  fields: [
    f.char(64)("token_hash", "令牌散列", { required: true }),
    f.uuid("user_id", "用户标识码", { required: true, references: "app_user.id", onDelete: "cascade" }),
    common.createdAt(),
    f.timestamptz("last_seen_at", "最近访问时间", { required: true, default: "now()" }),
    f.timestamptz("expires_at", "过期时间", { required: true }),
    f.varchar(64)("ip", "客户端地址"),
    f.varchar(16)("state", "会话状态", {
      required: true,
      default: "'active'",
      check: "state IN ('active', 'pending_totp', 'pending_enrol')",
      note: "active 已登录；pending_totp 待输入动态口令；pending_enrol 待绑定验证器（待验证状态 5 分钟过期）",
    }),
    f.text("totp_enrol_secret", "待绑定动态口令密钥", { note: "绑定过程中生成的 TOTP 密钥，AES-256-GCM 加密；绑定成功后移入用户" }),
  ],
  primaryKey: ["token_hash"],
};

export const auditEventTable: TableDef = {
  name: "audit_event",
  nameZh: "审计事件",
  subsystem: "foundation",
  description: "只追加的审计日志：每次数据变更、登录、拒绝访问、导出等在同一事务中写入一条；每条保存前一条的 SM3 散列，形成防篡改链。",
  fields: [
    common.serialId(),
    f.timestamptz("at", "发生时间", { required: true, default: "now()", note: "UTC" }),
    f.varchar(64)("actor", "操作人", { required: true }),
    f.textArray("roles", "操作人角色", { required: true, default: "'{}'" }),
    f.varchar(12)("division_code", "操作人行政区划代码", { note: "不设外键：审计须能记录任何输入" }),
    f.varchar(64)("action", "动作", { required: true }),
    f.varchar(64)("entity", "对象类型", { required: true }),
    f.varchar(100)("entity_id", "对象标识"),
    f.varchar(64)("ip", "客户端地址"),
    f.jsonb("detail", "详情", { required: true, default: "'{}'::jsonb" }),
    f.char(64)("prev_hash", "前一事件散列", { required: true, note: "SM3（GB/T 32905-2016）" }),
    f.char(64)("hash", "本事件散列", { required: true }),
  ],
  primaryKey: ["id"],
  unique: [["hash"]],
  appendOnly: true,
};

export const recordVersionTable: TableDef = {
  name: "record_version",
  nameZh: "记录版本",
  subsystem: "foundation",
  description: "已批准记录与已发布公开记录的历史版本：每次变更生成新版本，旧版本连同变更人、时间、原因永久可读。",
  fields: [
    common.serialId(),
    f.varchar(40)("entity", "对象类型", { required: true }),
    f.varchar(100)("entity_id", "对象标识", { required: true }),
    f.integer("version", "版本号", { required: true, check: "version >= 1" }),
    f.jsonb("data", "版本内容", { required: true }),
    f.varchar(64)("changed_by", "变更人", { required: true }),
    f.timestamptz("changed_at", "变更时间", { required: true, default: "now()" }),
    f.text("reason", "变更原因", { required: true }),
  ],
  primaryKey: ["id"],
  unique: [["entity", "entity_id", "version"]],
  appendOnly: true,
};
