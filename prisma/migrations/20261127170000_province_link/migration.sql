-- 三级联网 province link: the transactional outbox (generic), one province_submission per entry into 报省, and the
-- de-duplicated province replies (append-only).

-- Tables as generated from the standard (node bin/land.mjs standard sql).
CREATE TABLE outbox (
  id                     bigserial,
  topic                  varchar(60) NOT NULL,
  idempotency_key        varchar(100) NOT NULL,
  payload                jsonb NOT NULL,
  status                 varchar(20) NOT NULL DEFAULT 'pending' CONSTRAINT outbox_status_code CHECK (status IN ('pending', 'sent', 'dead')),
  attempts               integer NOT NULL DEFAULT 0 CONSTRAINT outbox_attempts_check CHECK (attempts >= 0),
  next_attempt_at        timestamptz NOT NULL DEFAULT now(),
  last_error             text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  sent_at                timestamptz,
  dead_at                timestamptz,
  PRIMARY KEY (id),
  UNIQUE (idempotency_key)
);
COMMENT ON TABLE outbox IS '发件箱：事务性发件箱：需要发往外部系统的消息（如三级联网报省）与引起它的业务变更在同一事务写入，由投递进程按指数退避加随机抖动重试，超过最大次数转为死信并在后台告警；幂等键保证重发不产生第二份报件。';
COMMENT ON COLUMN outbox.id IS '标识码';
COMMENT ON COLUMN outbox.topic IS '主题';
COMMENT ON COLUMN outbox.idempotency_key IS '幂等键';
COMMENT ON COLUMN outbox.payload IS '消息内容';
COMMENT ON COLUMN outbox.status IS '状态';
COMMENT ON COLUMN outbox.attempts IS '已尝试次数';
COMMENT ON COLUMN outbox.next_attempt_at IS '下次尝试时间';
COMMENT ON COLUMN outbox.last_error IS '最近一次错误';
COMMENT ON COLUMN outbox.created_at IS '创建时间';
COMMENT ON COLUMN outbox.sent_at IS '送达时间';
COMMENT ON COLUMN outbox.dead_at IS '转入死信时间';

CREATE TABLE province_submission (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id               uuid NOT NULL REFERENCES batch (id),
  seq                    integer NOT NULL CONSTRAINT province_submission_seq_check CHECK (seq >= 1),
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  status                 varchar(20) NOT NULL DEFAULT 'queued' CONSTRAINT province_submission_status_code CHECK (status IN ('queued', 'delivered', 'accepted', 'approved', 'returned', 'dead')),
  province_ref           varchar(100),
  delivered_at           timestamptz,
  accepted_at            timestamptz,
  decided_at             timestamptz,
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE (batch_id, seq)
);
CREATE INDEX province_submission_batch_id_idx ON province_submission (batch_id);
CREATE INDEX province_submission_division_code_idx ON province_submission (division_code);
COMMENT ON TABLE province_submission IS '报省记录：批次每一次进入“报省”状态产生的一份报件（补正后重新报省为新的一份），其标识码即三级联网的幂等键；记录送达、受理与批复或退件的时间。';
COMMENT ON COLUMN province_submission.id IS '标识码';
COMMENT ON COLUMN province_submission.batch_id IS '批次标识码';
COMMENT ON COLUMN province_submission.seq IS '报省次序';
COMMENT ON COLUMN province_submission.division_code IS '行政区划代码';
COMMENT ON COLUMN province_submission.status IS '报省状态';
COMMENT ON COLUMN province_submission.province_ref IS '省厅受理编号';
COMMENT ON COLUMN province_submission.delivered_at IS '送达时间';
COMMENT ON COLUMN province_submission.accepted_at IS '受理时间';
COMMENT ON COLUMN province_submission.decided_at IS '批复或退件时间';
COMMENT ON COLUMN province_submission.created_at IS '创建时间';
COMMENT ON COLUMN province_submission.created_by IS '创建人';

CREATE TABLE province_reply (
  reply_id               varchar(100) NOT NULL,
  submission_id          uuid NOT NULL REFERENCES province_submission (id),
  kind                   varchar(20) NOT NULL CONSTRAINT province_reply_kind_code CHECK (kind IN ('receipt', 'approval', 'return')),
  payload                jsonb NOT NULL,
  channel                varchar(10) NOT NULL CONSTRAINT province_reply_channel_check CHECK (channel IN ('push', 'poll')),
  outcome                varchar(20) NOT NULL CONSTRAINT province_reply_outcome_code CHECK (outcome IN ('applied', 'superseded', 'ignored')),
  note                   text,
  received_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (reply_id)
);
CREATE INDEX province_reply_submission_id_idx ON province_reply (submission_id);
COMMENT ON TABLE province_reply IS '省厅答复：省厅经推送或轮询返回的每一条答复（受理回执、批复、退件），按答复编号去重，只追加不修改；与它引起的批次状态变更在同一事务写入。';
COMMENT ON COLUMN province_reply.reply_id IS '答复编号';
COMMENT ON COLUMN province_reply.submission_id IS '报省记录标识码';
COMMENT ON COLUMN province_reply.kind IS '答复类型';
COMMENT ON COLUMN province_reply.payload IS '答复内容';
COMMENT ON COLUMN province_reply.channel IS '接收方式';
COMMENT ON COLUMN province_reply.outcome IS '处理结果';
COMMENT ON COLUMN province_reply.note IS '说明';
COMMENT ON COLUMN province_reply.received_at IS '接收时间';
CREATE TRIGGER province_reply_append_only BEFORE UPDATE OR DELETE ON province_reply FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The dispatcher's claim query: due pending messages, oldest first.
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
