import { common, f, type TableDef } from "../types.ts";

export const auditCheckpointTable: TableDef = {
  name: "audit_checkpoint",
  nameZh: "审计链签名检查点",
  subsystem: "foundation",
  description: "定期对审计链链头签名（Ed25519）：记录链头事件、散列与事件数；可导出异地保存，用于发现链尾被截断或整链被重算。",
  fields: [
    common.serialId(),
    f.timestamptz("at", "签名时间", { required: true, default: "now()" }),
    f.bigint("last_event_id", "链头事件标识", { required: true }),
    f.char(64)("head_hash", "链头散列", { required: true }),
    f.bigint("events", "截至链头的事件数", { required: true }),
    f.varchar(20)("algorithm", "签名算法", { required: true }),
    f.varchar(32)("key_id", "签名密钥标识", { required: true, note: "公钥 SHA-256 前 32 位十六进制" }),
    f.text("signature", "签名", { required: true, note: "Base64" }),
  ],
  primaryKey: ["id"],
  appendOnly: true,
};
