-- 征地信息公开: the redacted public copy of each 主动公开 PDF/image (by the original's SHA-256), made at
-- publication or on first request; the public file route serves only these. Derived public data:
-- no row-level security.

CREATE TABLE disclosure_public_copy (
  source_sha256          char(64) NOT NULL CONSTRAINT disclosure_public_copy_source_sha256_check CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
  status                 varchar(10) NOT NULL CONSTRAINT disclosure_public_copy_status_check CHECK (status IN ('ok', 'failed')),
  sha256                 char(64) CONSTRAINT disclosure_public_copy_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key            varchar(200),
  media_type             varchar(100),
  size_bytes             bigint,
  pages                  integer CONSTRAINT disclosure_public_copy_pages_check CHECK (pages >= 0),
  boxes                  integer CONSTRAINT disclosure_public_copy_boxes_check CHECK (boxes >= 0),
  detail                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  error                  text,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source_sha256)
);
COMMENT ON TABLE disclosure_public_copy IS '公开文件脱敏件：主动公开材料对外提供的脱敏件：原文件（按内容散列）逐页渲染为图像，遮盖身份证号、电话与补偿清单中的姓名后重新生成（不含文字层），存于附件档案；发布时生成，或在首次访问时生成并缓存。脱敏失败的文件不对外提供，记录失败原因。';
COMMENT ON COLUMN disclosure_public_copy.source_sha256 IS '原文件内容散列';
COMMENT ON COLUMN disclosure_public_copy.status IS '脱敏状态';
COMMENT ON COLUMN disclosure_public_copy.sha256 IS '脱敏件内容散列';
COMMENT ON COLUMN disclosure_public_copy.storage_key IS '脱敏件存储键';
COMMENT ON COLUMN disclosure_public_copy.media_type IS '脱敏件媒体类型';
COMMENT ON COLUMN disclosure_public_copy.size_bytes IS '脱敏件大小';
COMMENT ON COLUMN disclosure_public_copy.pages IS '页数';
COMMENT ON COLUMN disclosure_public_copy.boxes IS '遮盖处数';
COMMENT ON COLUMN disclosure_public_copy.detail IS '逐页明细';
COMMENT ON COLUMN disclosure_public_copy.error IS '失败原因';
COMMENT ON COLUMN disclosure_public_copy.created_at IS '创建时间';
COMMENT ON COLUMN disclosure_public_copy.updated_at IS '更新时间';

GRANT SELECT, INSERT, UPDATE, DELETE ON disclosure_public_copy TO land_scoped;

-- The Meilisearch mirror's outbox (MEILI_URL): one row per record whose index entry changed, written in the
-- transaction of the status change and deleted once pushed.
CREATE TABLE disclosure_search_push (
  record_id              uuid NOT NULL REFERENCES disclosure_record (id) ON DELETE CASCADE,
  attempts               integer NOT NULL DEFAULT 0 CONSTRAINT disclosure_search_push_attempts_check CHECK (attempts >= 0),
  last_error             text,
  queued_at              timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_id)
);
COMMENT ON TABLE disclosure_search_push IS '检索镜像待推送：公开检索索引变化后待推送到 Meilisearch（设置 MEILI_URL 时）的记录：与状态变化在同一事务中写入，提交后推送成功即删除；失败时记录次数与原因并定期重试，`land search rebuild` 全量重建后清空。每条公开记录至多一行。';
COMMENT ON COLUMN disclosure_search_push.record_id IS '公开记录标识码';
COMMENT ON COLUMN disclosure_search_push.attempts IS '推送失败次数';
COMMENT ON COLUMN disclosure_search_push.last_error IS '最近失败原因';
COMMENT ON COLUMN disclosure_search_push.queued_at IS '入队时间';
COMMENT ON COLUMN disclosure_search_push.updated_at IS '更新时间';

GRANT SELECT, INSERT, UPDATE, DELETE ON disclosure_search_push TO land_scoped;
