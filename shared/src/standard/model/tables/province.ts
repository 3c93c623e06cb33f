import { common, f, type TableDef } from "../types.ts";

export const outboxTable: TableDef = {
  name: "outbox",
  nameZh: "发件箱",
  subsystem: "foundation",
  description:
    "事务性发件箱：需要发往外部系统的消息（如三级联网报省）与引起它的业务变更在同一事务写入，由投递进程按指数退避加随机抖动重试，超过最大次数转为死信并在后台告警；幂等键保证重发不产生第二份报件。",
  fields: [
    common.serialId(),
    f.varchar(60)("topic", "主题", { required: true, note: "如 province.submit" }),
    f.varchar(100)("idempotency_key", "幂等键", { required: true, note: "接收方据此识别重发" }),
    f.jsonb("payload", "消息内容", { required: true }),
    f.varchar(20)("status", "状态", { required: true, default: "'pending'", codeTable: "outboxStatus" }),
    f.integer("attempts", "已尝试次数", { required: true, default: "0", check: "attempts >= 0" }),
    f.timestamptz("next_attempt_at", "下次尝试时间", { required: true, default: "now()", note: "投递进程领取时推后作为租约" }),
    f.text("last_error", "最近一次错误"),
    common.createdAt(),
    f.timestamptz("sent_at", "送达时间"),
    f.timestamptz("dead_at", "转入死信时间"),
  ],
  primaryKey: ["id"],
  unique: [["idempotency_key"]],
  qualityRules: ["code-in-table"],
};

export const provinceSubmissionTable: TableDef = {
  name: "province_submission",
  nameZh: "报省记录",
  subsystem: "approval",
  description:
    "批次每一次进入“报省”状态产生的一份报件（补正后重新报省为新的一份），其标识码即三级联网的幂等键；记录送达、受理与批复或退件的时间。",
  fields: [
    common.id(),
    common.batchId(),
    f.integer("seq", "报省次序", { required: true, check: "seq >= 1", note: "同一批次第几次报省" }),
    common.divisionCode(),
    f.varchar(20)("status", "报省状态", { required: true, default: "'queued'", codeTable: "provinceSubmissionStatus" }),
    f.varchar(100)("province_ref", "省厅受理编号"),
    f.timestamptz("delivered_at", "送达时间"),
    f.timestamptz("accepted_at", "受理时间"),
    f.timestamptz("decided_at", "批复或退件时间"),
    common.createdAt(),
    common.createdBy(),
  ],
  primaryKey: ["id"],
  unique: [["batch_id", "seq"]],
  qualityRules: ["code-in-table"],
};

export const provinceReplyTable: TableDef = {
  name: "province_reply",
  nameZh: "省厅答复",
  subsystem: "approval",
  description:
    "省厅经推送或轮询返回的每一条答复（受理回执、批复、退件），按答复编号去重，只追加不修改；与它引起的批次状态变更在同一事务写入。",
  fields: [
    f.varchar(100)("reply_id", "答复编号", { required: true }),
    f.uuid("submission_id", "报省记录标识码", { required: true, references: "province_submission.id" }),
    f.varchar(20)("kind", "答复类型", { required: true, codeTable: "provinceReplyKind" }),
    f.jsonb("payload", "答复内容", { required: true, note: "已验签的原始报文" }),
    f.varchar(10)("channel", "接收方式", { required: true, check: "channel IN ('push', 'poll')" }),
    f.varchar(20)("outcome", "处理结果", { required: true, codeTable: "provinceReplyOutcome" }),
    f.text("note", "说明"),
    f.timestamptz("received_at", "接收时间", { required: true, default: "now()" }),
  ],
  primaryKey: ["reply_id"],
  appendOnly: true,
  qualityRules: ["code-in-table"],
};
