import { common, f, type TableDef } from "../types.ts";

export const attachmentTable: TableDef = {
  name: "attachment",
  nameZh: "附件档案",
  subsystem: "documents",
  description: "所有材料文件（批文、公告、报告、坐标文件、扫描件）：按 SHA-256 内容寻址存储，带文件类别、密级与公开类型。",
  fields: [
    common.id(),
    f.char(64)("sha256", "内容散列", { required: true, check: "sha256 ~ '^[0-9a-f]{64}$'" }),
    f.bigint("size_bytes", "文件大小", { required: true, unit: "字节", check: "size_bytes >= 0" }),
    f.varchar(100)("media_type", "文件格式", { required: true }),
    f.varchar(255)("file_name", "文件名", { required: true }),
    f.varchar(30)("kind", "材料类别", { required: true, codeTable: "documentKind" }),
    f.varchar(10)("classification", "密级", { required: true, codeTable: "classification" }),
    f.varchar(20)("disclosure_type", "公开类型", { required: true, codeTable: "disclosureType" }),
    f.varchar(255)("storage_key", "存储键", { required: true }),
    common.batchId(false),
    common.approvalDocId(false),
    common.divisionCode(),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  qualityRules: ["archive-hash", "code-in-table"],
};
