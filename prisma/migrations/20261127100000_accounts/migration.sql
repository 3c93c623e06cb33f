-- Accounts (security issue): TOTP second factor, disabled accounts, login challenges.
-- Mirrors app_user / app_session in shared/src/standard/model/tables/foundation.ts (drift test).

ALTER TABLE app_user
  ADD COLUMN totp_secret            text,
  ADD COLUMN totp_enrolled_at       timestamptz,
  ADD COLUMN totp_last_step         bigint,
  ADD COLUMN disabled_at            timestamptz;
COMMENT ON TABLE app_user IS '用户：系统用户。口令以 argon2id 散列保存；连续登录失败（口令或动态口令）达到阈值后锁定；有写权限的业务角色须绑定 TOTP 动态口令（RFC 6238）；停用的账号不能登录。';
COMMENT ON COLUMN app_user.totp_secret IS '动态口令密钥';
COMMENT ON COLUMN app_user.totp_enrolled_at IS '动态口令绑定时间';
COMMENT ON COLUMN app_user.totp_last_step IS '最近使用的动态口令时间步';
COMMENT ON COLUMN app_user.disabled_at IS '停用时间';

ALTER TABLE app_session
  ADD COLUMN state                  varchar(16) NOT NULL DEFAULT 'active'
    CONSTRAINT app_session_state_check CHECK (state IN ('active', 'pending_totp', 'pending_enrol')),
  ADD COLUMN totp_enrol_secret      text;
COMMENT ON TABLE app_session IS '会话：登录会话。只保存会话令牌的 SHA-256 散列；空闲超时与绝对超时由会话规则决定。口令通过但尚待动态口令（或绑定验证器）的登录以待验证状态保存，不授予任何权限。';
COMMENT ON COLUMN app_session.state IS '会话状态';
COMMENT ON COLUMN app_session.totp_enrol_secret IS '待绑定动态口令密钥';
