-- Foundation: PostGIS, 行政区划 code table, accounts, sessions and the audit chain.
-- Runs unchanged on PostgreSQL 15 + PostGIS 3 and on embedded PGlite + PostGIS.

CREATE EXTENSION IF NOT EXISTS postgis;

-- GB/T 2260 行政区划; extended to 乡镇/村 by import. Geometry in CGCS2000 (EPSG:4490).
CREATE TABLE division (
  code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
  name        text NOT NULL,
  level       text NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'village')),
  parent_code text REFERENCES division (code),
  geom        geometry(MultiPolygon, 4490)
);
CREATE INDEX division_parent_idx ON division (parent_code);
CREATE INDEX division_geom_idx ON division USING gist (geom);

CREATE TABLE app_user (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username       text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  display_name   text NOT NULL,
  password_hash  text NOT NULL,
  roles          text[] NOT NULL DEFAULT '{}',
  division_code  text NOT NULL REFERENCES division (code),
  failed_logins  integer NOT NULL DEFAULT 0,
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Only a hash of the session token is stored: a leaked table does not leak sessions.
CREATE TABLE app_session (
  token_hash    text PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ip            text
);
CREATE INDEX app_session_user_idx ON app_session (user_id);

-- Append-only audit log; each row carries the hash of its predecessor (tamper evidence).
CREATE TABLE audit_event (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  actor          text NOT NULL,
  roles          text[] NOT NULL DEFAULT '{}',
  division_code  text,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text,
  ip             text,
  detail         jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash      text NOT NULL,
  hash           text NOT NULL UNIQUE
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_at_idx ON audit_event (at);

CREATE FUNCTION audit_event_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_immutable();
