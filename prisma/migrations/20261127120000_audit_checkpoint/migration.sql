-- Signed checkpoints of the audit chain head (security issue: tamper evidence beyond the chain).
CREATE TABLE audit_checkpoint (
  id                     bigserial,
  at                     timestamptz NOT NULL DEFAULT now(),
  last_event_id          bigint NOT NULL,
  head_hash              char(64) NOT NULL,
  events                 bigint NOT NULL,
  algorithm              varchar(20) NOT NULL,
  key_id                 varchar(32) NOT NULL,
  signature              text NOT NULL,
  PRIMARY KEY (id)
);
COMMENT ON TABLE audit_checkpoint IS '审计链签名检查点：定期对审计链链头签名（Ed25519）：记录链头事件、散列与事件数；可导出异地保存，用于发现链尾被截断或整链被重算。';
COMMENT ON COLUMN audit_checkpoint.id IS '标识码';
COMMENT ON COLUMN audit_checkpoint.at IS '签名时间';
COMMENT ON COLUMN audit_checkpoint.last_event_id IS '链头事件标识';
COMMENT ON COLUMN audit_checkpoint.head_hash IS '链头散列';
COMMENT ON COLUMN audit_checkpoint.events IS '截至链头的事件数';
COMMENT ON COLUMN audit_checkpoint.algorithm IS '签名算法';
COMMENT ON COLUMN audit_checkpoint.key_id IS '签名密钥标识';
COMMENT ON COLUMN audit_checkpoint.signature IS '签名';
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION refuse_change();
