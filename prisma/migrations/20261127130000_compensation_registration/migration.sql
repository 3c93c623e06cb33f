-- 补偿登记 (compensation registration): personal data sealed at rest, scope by division, and approval_doc
-- changes only through record versions.

CREATE TABLE compensation_registration (
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  batch_id               uuid NOT NULL REFERENCES batch (id),
  village_code           varchar(12) NOT NULL CONSTRAINT compensation_registration_village_code_check CHECK (village_code ~ '^[0-9]{12}$'),
  holder_name            varchar(50) NOT NULL,
  id_number_sealed       text NOT NULL CONSTRAINT compensation_registration_id_number_sealed_check CHECK (id_number_sealed ~ '^v1[.][0-9a-f]{8}[.]'),
  id_number_hash         char(64) NOT NULL CONSTRAINT compensation_registration_id_number_hash_check CHECK (id_number_hash ~ '^[0-9a-f]{64}$'),
  phone_sealed           text CONSTRAINT compensation_registration_phone_sealed_check CHECK (phone_sealed ~ '^v1[.][0-9a-f]{8}[.]'),
  bank_account_sealed    text CONSTRAINT compensation_registration_bank_account_sealed_check CHECK (bank_account_sealed ~ '^v1[.][0-9a-f]{8}[.]'),
  area_mu                numeric(12, 4) NOT NULL CONSTRAINT compensation_registration_area_mu_check CHECK (area_mu >= 0),
  area_m2                numeric(15, 2) NOT NULL CONSTRAINT compensation_registration_area_m2_check CHECK (area_m2 >= 0),
  attachments_on_land    text,
  amount_yuan            numeric(15, 2) NOT NULL CONSTRAINT compensation_registration_amount_yuan_check CHECK (amount_yuan >= 0),
  registered_on          date NOT NULL,
  division_code          varchar(12) NOT NULL REFERENCES division (code),
  classification         varchar(10) NOT NULL DEFAULT 'sensitive' CONSTRAINT compensation_registration_classification_code CHECK (classification IN ('public', 'internal', 'sensitive')),
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             varchar(64) NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX compensation_registration_batch_id_idx ON compensation_registration (batch_id);
CREATE INDEX compensation_registration_division_code_idx ON compensation_registration (division_code);
COMMENT ON TABLE compensation_registration IS '补偿登记：补偿安置方案公告后，权利人持不动产权属证明材料办理的补偿登记（实施条例第二十七条）：到户的面积、地上附着物和青苗、补偿金额。身份证号、联系电话、银行账号以 AES-256-GCM 加密存储（关联数据绑定表、字段与行标识），身份证号另存带密钥散列（HMAC-SHA256）供精确查询；默认脱敏展示。';
COMMENT ON COLUMN compensation_registration.id IS '标识码';
COMMENT ON COLUMN compensation_registration.batch_id IS '批次标识码';
COMMENT ON COLUMN compensation_registration.village_code IS '村级行政区划代码';
COMMENT ON COLUMN compensation_registration.holder_name IS '权利人姓名';
COMMENT ON COLUMN compensation_registration.id_number_sealed IS '身份证号（密文）';
COMMENT ON COLUMN compensation_registration.id_number_hash IS '身份证号散列';
COMMENT ON COLUMN compensation_registration.phone_sealed IS '联系电话（密文）';
COMMENT ON COLUMN compensation_registration.bank_account_sealed IS '银行账号（密文）';
COMMENT ON COLUMN compensation_registration.area_mu IS '登记面积（亩）';
COMMENT ON COLUMN compensation_registration.area_m2 IS '登记面积（平方米）';
COMMENT ON COLUMN compensation_registration.attachments_on_land IS '地上附着物和青苗';
COMMENT ON COLUMN compensation_registration.amount_yuan IS '补偿金额';
COMMENT ON COLUMN compensation_registration.registered_on IS '登记日期';
COMMENT ON COLUMN compensation_registration.division_code IS '行政区划代码';
COMMENT ON COLUMN compensation_registration.classification IS '密级';
COMMENT ON COLUMN compensation_registration.created_at IS '创建时间';
COMMENT ON COLUMN compensation_registration.created_by IS '创建人';

-- Exact-match search by 身份证号 without decrypting: the keyed hash.
CREATE INDEX compensation_registration_id_number_hash_idx ON compensation_registration (id_number_hash);

-- Row-level security like the other business tables (see 20261127110000_row_level_security).
GRANT SELECT, INSERT, UPDATE, DELETE ON compensation_registration TO land_scoped;
ALTER TABLE compensation_registration ENABLE ROW LEVEL SECURITY;
CREATE POLICY compensation_registration_scope ON compensation_registration USING (land_in_scope(division_code)) WITH CHECK (land_in_scope(division_code));

-- Approved records change only by new versions: an UPDATE of approval_doc must raise its version by
-- exactly one, and the previous state must already be in record_version (written by the use case in
-- the same transaction). Deletion is refused outright.
CREATE FUNCTION approval_doc_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'approval_doc % cannot be deleted (approved records are versioned)', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.version <> OLD.version + 1 THEN
    RAISE EXCEPTION 'approval_doc % must change by a new version (% → % refused)', OLD.id, OLD.version, NEW.version
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM record_version
                 WHERE entity = 'approval_doc' AND entity_id = OLD.id::text AND version = OLD.version) THEN
    RAISE EXCEPTION 'approval_doc % version % was not kept in record_version', OLD.id, OLD.version
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER approval_doc_versioned BEFORE UPDATE OR DELETE ON approval_doc FOR EACH ROW EXECUTE FUNCTION approval_doc_versioned();
