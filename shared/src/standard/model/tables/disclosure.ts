import { common, f, type TableDef } from "../types.ts";

// 征地信息公开: what the harvester collects and checks before a clerk confirms and publishes a record.

export const harvestRunTable: TableDef = {
  name: "harvest_run",
  nameZh: "采集运行记录",
  subsystem: "disclosure",
  description: "每个采集源每一次运行（全量或增量）：起止时间、发现/下载/未变化/失败数量与错误；中断的运行在重启后续跑。",
  fields: [
    common.serialId(),
    f.varchar(40)("source_id", "采集源", { required: true }),
    f.boolean("full_harvest", "全量采集", { required: true, default: "false" }),
    f.varchar(12)("status", "运行状态", { required: true, codeTable: "harvestRunStatus" }),
    f.timestamptz("started_at", "开始时间", { required: true, default: "now()" }),
    f.timestamptz("finished_at", "结束时间"),
    f.integer("discovered", "发现数", { required: true, default: "0" }),
    f.integer("fetched", "下载数", { required: true, default: "0" }),
    f.integer("unchanged", "未变化数", { required: true, default: "0" }),
    f.integer("failed", "失败数", { required: true, default: "0" }),
    f.text("error", "错误信息"),
    f.varchar(12)("trigger", "触发方式", { check: "trigger IN ('schedule', 'manual', 'cli')", note: "定时、后台“立即采集”或命令行" }),
    f.varchar(64)("requested_by", "发起人"),
    f.timestamptz("heartbeat_at", "心跳时间", { note: "运行中定期更新；心跳过期的运行视为中断，由下一次运行续跑" }),
    f.integer("resumed", "续跑次数", { required: true, default: "0", check: "resumed >= 0" }),
  ],
  primaryKey: ["id"],
};

export const harvestCursorTable: TableDef = {
  name: "harvest_cursor",
  nameZh: "采集游标",
  subsystem: "disclosure",
  description: "每个采集源的增量位置（如最后更新时间、页码），与该批材料在同一事务中推进，使采集可断点续跑。",
  fields: [
    f.varchar(40)("source_id", "采集源", { required: true }),
    f.jsonb("cursor", "游标", { required: true, default: "'{}'::jsonb" }),
    common.updatedAt(),
  ],
  primaryKey: ["source_id"],
};

export const disclosureItemTable: TableDef = {
  name: "disclosure_item",
  nameZh: "公开材料",
  subsystem: "disclosure",
  description:
    "采集或补充上传的一份材料（文件存于附件档案）：来源与来源内标识、识别出的材料类别与阶段、OCR 文本与抽取字段；按批准文号与批次归集到公开记录，未归集的进入人工归集队列。同一来源同一标识只有一行，内容散列未变化时不重新下载。",
  fields: [
    common.id(),
    f.uuid("record_id", "公开记录标识码", { references: "disclosure_record.id" }),
    f.uuid("attachment_id", "附件标识码", { references: "attachment.id" }),
    f.varchar(40)("source_id", "采集源", { required: true, note: "如 onemap、web-<站点>、drop、upload（人工补充）" }),
    f.varchar(500)("source_key", "来源标识", { required: true, note: "来源内的稳定标识（地址、主键、文件路径）" }),
    f.char(64)("content_sha256", "内容散列", { required: true, check: "content_sha256 ~ '^[0-9a-f]{64}$'" }),
    f.varchar(300)("title", "材料名称", { required: true }),
    f.varchar(30)("kind", "材料类别", { codeTable: "documentKind", note: "按文件名、元数据与 OCR 文本识别；未识别为空" }),
    f.varchar(10)("stage", "阶段", { check: "stage IN ('批前', '报批', '批文', '批后')" }),
    f.varchar(20)("disclosure_type", "公开类型", { required: true, codeTable: "disclosureType" }),
    f.varchar(60)("doc_number", "识别的批准文号", { note: "统一为〔〕形式" }),
    f.integer("pages", "页数", { check: "pages >= 0" }),
    f.text("text", "文本", { note: "文本型 PDF/DOCX 直接抽取，扫描件为 OCR 结果" }),
    f.jsonb("extracted", "抽取字段", { required: true, default: "'{}'::jsonb", note: "文号、日期、面积、地名、公告期限" }),
    f.numeric(5, 4)("confidence", "识别置信度", { check: "confidence BETWEEN 0 AND 1" }),
    f.varchar(12)("match_status", "归集状态", { required: true, codeTable: "harvestItemMatch" }),
    f.bigint("run_id", "采集运行", { references: "harvest_run.id" }),
    common.batchId(false),
    common.divisionCode(),
    common.createdAt(),
    common.updatedAt(),
    f.varchar(200)("source_version", "来源版本", { note: "来源给出的版本标记（更新时间、ETag、散列）；未变化时不重新下载" }),
    f.varchar(255)("storage_key", "存储键", { note: "内容寻址存储中的文件（归集前即已保存）" }),
    f.varchar(255)("file_name", "文件名"),
    f.varchar(100)("media_type", "文件格式"),
  ],
  primaryKey: ["id"],
  unique: [["source_id", "source_key"]],
  qualityRules: ["archive-hash", "code-in-table"],
};

export const disclosureFindingTable: TableDef = {
  name: "disclosure_finding",
  nameZh: "公开核查发现",
  subsystem: "disclosure",
  description:
    "材料与库内数据的自动核查结果（文号、日期、面积 1% 容差、地名）与必备材料缺失，定位到材料与页码；人工处理后记录处理人与说明。",
  fields: [
    common.serialId(),
    f.uuid("record_id", "公开记录标识码", { required: true, references: "disclosure_record.id" }),
    f.uuid("item_id", "公开材料标识码", { references: "disclosure_item.id" }),
    f.varchar(40)("code", "发现代码", { required: true }),
    f.varchar(10)("severity", "严重程度", { required: true, codeTable: "findingSeverity" }),
    f.integer("page", "页码", { check: "page >= 1" }),
    f.varchar(30)("field", "字段"),
    f.text("found", "材料中的值"),
    f.text("expected", "库内的值"),
    f.text("message", "说明", { required: true, note: "如 第2页：面积 12.35公顷 ≠ 库内 12.3456公顷" }),
    f.timestamptz("resolved_at", "处理时间"),
    f.varchar(64)("resolved_by", "处理人"),
    f.text("resolution", "处理说明"),
    common.divisionCode(),
    common.createdAt(),
  ],
  primaryKey: ["id"],
};

// The public search index is derived data: rebuilt from published records by syncSearchEntry, never edited.
export const disclosureSearchTable: TableDef = {
  name: "disclosure_search",
  nameZh: "公开检索索引",
  subsystem: "disclosure",
  description:
    "已发布公开记录的检索索引：结巴分词后的全文检索向量、检索分面（区县、批准年度、批准机关、用地类型、阶段）与摘要文本；记录发布时写入，撤回或退回时删除，由公开记录派生、不单独编辑。",
  fields: [
    f.uuid("record_id", "公开记录标识码", { required: true, references: "disclosure_record.id", onDelete: "cascade" }),
    f.varchar(120)("slug", "公开地址标识", { required: true }),
    f.varchar(300)("title", "标题", { required: true }),
    f.varchar(60)("doc_number", "批准文号"),
    f.varchar(60)("doc_key", "文号检索键", { note: "去掉括号与空白的批准文号，供“456号”之类片段匹配" }),
    f.varchar(12)("division_code", "行政区划代码", { required: true, references: "division.code" }),
    f.varchar(100)("county", "区县"),
    f.integer("approval_year", "批准年度"),
    f.varchar(10)("authority", "批准机关", { codeTable: "approvalAuthority" }),
    f.varchar(30)("land_use_type", "用地类型", { codeTable: "landUseType" }),
    f.varchar(10)("stage", "阶段", { check: "stage IN ('批前', '报批', '批文', '批后')" }),
    f.numeric(15, 4)("area_ha", "面积", { unit: "公顷" }),
    f.date("published_on", "发布日期"),
    f.text("body", "摘要文本", { required: true, note: "标题、文号、地名、摘要与主动公开材料文本（已脱敏），供命中片段" }),
    f.tsvector("tokens", "分词向量", { required: true, note: "to_tsvector('simple', 结巴 cutForSearch 分词)" }),
    common.updatedAt(),
  ],
  primaryKey: ["record_id"],
};

// Derived data like the search index: what the public file route serves instead of the original bytes.
export const disclosurePublicCopyTable: TableDef = {
  name: "disclosure_public_copy",
  nameZh: "公开文件脱敏件",
  subsystem: "disclosure",
  description:
    "主动公开材料对外提供的脱敏件：原文件（按内容散列）逐页渲染为图像，遮盖身份证号、电话与补偿清单中的姓名后重新生成（不含文字层），存于附件档案；发布时生成，或在首次访问时生成并缓存。脱敏失败的文件不对外提供，记录失败原因。",
  fields: [
    f.char(64)("source_sha256", "原文件内容散列", { required: true, check: "source_sha256 ~ '^[0-9a-f]{64}$'" }),
    f.varchar(10)("status", "脱敏状态", {
      required: true,
      check: "status IN ('ok', 'failed')",
      note: "ok 已生成，failed 失败（不对外提供）",
    }),
    f.char(64)("sha256", "脱敏件内容散列", { check: "sha256 ~ '^[0-9a-f]{64}$'" }),
    f.varchar(200)("storage_key", "脱敏件存储键"),
    f.varchar(100)("media_type", "脱敏件媒体类型"),
    f.bigint("size_bytes", "脱敏件大小", { unit: "字节" }),
    f.integer("pages", "页数", { check: "pages >= 0" }),
    f.integer("boxes", "遮盖处数", { check: "boxes >= 0" }),
    f.jsonb("detail", "逐页明细", { required: true, default: "'[]'::jsonb", note: "每页：页码、识别方式（文字层/OCR）、遮盖处数及其类别" }),
    f.text("error", "失败原因"),
    common.createdAt(),
    common.updatedAt(),
  ],
  primaryKey: ["source_sha256"],
};

// The Meilisearch mirror's outbox: written with every status change, drained after the commit.
export const disclosureSearchPushTable: TableDef = {
  name: "disclosure_search_push",
  nameZh: "检索镜像待推送",
  subsystem: "disclosure",
  description:
    "公开检索索引变化后待推送到 Meilisearch（设置 MEILI_URL 时）的记录：与状态变化在同一事务中写入，提交后推送成功即删除；失败时记录次数与原因并定期重试，`land search rebuild` 全量重建后清空。每条公开记录至多一行。",
  fields: [
    f.uuid("record_id", "公开记录标识码", { required: true, references: "disclosure_record.id", onDelete: "cascade" }),
    f.integer("attempts", "推送失败次数", { required: true, default: "0", check: "attempts >= 0" }),
    f.text("last_error", "最近失败原因"),
    f.timestamptz("queued_at", "入队时间", { required: true, default: "now()" }),
    common.updatedAt(),
  ],
  primaryKey: ["record_id"],
};

export const disclosureFlowTable: TableDef = {
  name: "disclosure_flow",
  nameZh: "公开审核流程",
  subsystem: "disclosure",
  description:
    "按记录类型（批准文件的批准机关代码，default 为其余类型）配置的公开审核流程：依次经过的层级（区县确认，末级发布，中间各级审核）与双人复核（确认人不得发布）。默认 default = 区县 → 市，双人复核开启。",
  fields: [
    f.varchar(20)("record_type", "记录类型", { required: true, note: "批准机关代码（GWY、SZF …）或 default" }),
    f.textArray("levels", "审核层级", {
      required: true,
      check: "cardinality(levels) BETWEEN 1 AND 3 AND levels <@ ARRAY['county', 'city', 'province']::text[]",
      note: "依次为 county（区县）、city（市）、province（省）中的若干级，自下而上",
    }),
    f.boolean("two_person", "双人复核", { required: true, default: "true" }),
    common.updatedAt(),
  ],
  primaryKey: ["record_type"],
  migrationDefaults: true,
};
