import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBatch } from "../approval/register-batch.ts";
import { createTestDatabase, type TestDatabase } from "../db/testing.ts";
import { type AppError, isAppError } from "../errors/app-error.ts";
import { verifyAuditChain } from "../security/audit.ts";
import { secretBox } from "../security/secret-box.ts";
import { seedDemo } from "../seed/seed-demo.ts";
import { listCompensationRegistrations, registerCompensation } from "./index.ts";
import { idNumberCheckChar, isValidIdNumber } from "./personal-data.ts";
import { sealContext } from "./register-compensation.ts";

const JINJIANG = "510104";
const VILLAGE = "510104001001";
const OTHER_VILLAGE = "510105001001";
const ID_1 = `51010419800101123${idNumberCheckChar("51010419800101123")}`;
const ID_2 = `51010419920229456${idNumberCheckChar("51010419920229456")}`;
const PHONE = "13812345678";
const BANK = "6222021234567890123";

const reviewer = { username: "shi.shencha", roles: ["city_reviewer"], divisionCode: "510100" };
const countyReviewer = { username: "jj.shenhe", roles: ["county_reviewer"], divisionCode: JINJIANG };
const otherCounty = { username: "qy.shenhe", roles: ["county_reviewer"], divisionCode: "510105" };
const leader = { username: "lingdao", roles: ["leader"], divisionCode: "510100" };
const auditor = { username: "shenji", roles: ["audit_admin", "city_reviewer"], divisionCode: "510100" };

let t: TestDatabase;
let batchId: string;
let regId: string;

const caught = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
};

const base = () => ({
  batchId,
  villageCode: VILLAGE,
  holderName: "张三丰",
  idNumber: ID_1,
  phone: PHONE,
  bankAccount: BANK,
  areaMu: 1.5,
  attachmentsOnLand: "砖混房屋 120 平方米，果树 15 株",
  amountYuan: 123_456.78,
  registeredOn: "2026-05-10",
  actor: "jinjiang.jingban",
});

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { demo: false });
  await t.db.exec(`INSERT INTO division (code, name, level, parent_code) VALUES
    ('510104001', '测试街道', 'town', '510104'), ('${VILLAGE}', '测试村', 'village', '510104001'),
    ('510105001', '青羊测试街道', 'town', '510105'), ('${OTHER_VILLAGE}', '青羊测试村', 'village', '510105001')`);
  batchId = (
    await registerBatch(t.db, {
      batchNo: "JJ-2026-101",
      name: "锦江区2026年度第一批次城镇建设用地",
      landUseType: "urban_batch",
      divisionCode: JINJIANG,
      planYear: 2026,
      actor: "tester",
    })
  ).id;
});
afterAll(() => t?.drop());

describe("personal data formats", () => {
  it("checks the GB 11643 check character and the birth date", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true); // the standard's own example
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber(ID_1)).toBe(true);
    expect(isValidIdNumber("51010419800230123X")).toBe(false); // 30 February
    expect(isValidIdNumber("5101041980010112")).toBe(false);
  });
});

describe("registerCompensation", () => {
  it("refuses a registration before the 补偿安置方案公告", async () => {
    const e = await caught(registerCompensation(t.db, base()));
    expect(e.code).toBe("CONFLICT");
    await t.db.exec(`INSERT INTO compensation_notice (batch_id, published_on, period_end_on, standards, division_code)
      VALUES ('${batchId}', '2026-04-01', '2026-05-01', '区片综合地价', '${JINJIANG}')`);
  });

  it("validates ID number, phone, bank account and village", async () => {
    const bad = async (patch: Record<string, unknown>, field: string) => {
      const e = await caught(registerCompensation(t.db, { ...base(), ...patch }));
      expect(e.code).toBe("VALIDATION_FAILED");
      expect(e.location?.field).toBe(field);
    };
    await bad({ idNumber: `${ID_1.slice(0, 17)}${ID_1[17] === "0" ? "1" : "0"}` }, "idNumber");
    await bad({ phone: "1381234567" }, "phone");
    await bad({ bankAccount: "6222-abc" }, "bankAccount");
    await bad({ villageCode: OTHER_VILLAGE }, "villageCode");
    await bad({ areaMu: 1, areaM2: 1000 }, "areaM2");
  });

  it("stores ID number, phone and bank account sealed — the raw row has no clear value", async () => {
    regId = (await registerCompensation(t.db, base())).id;
    await registerCompensation(t.db, { ...base(), holderName: "李四", idNumber: ID_2, phone: "028-86123456", bankAccount: undefined });
    const raw = await t.db.query<{ j: string; id_number_sealed: string; id_number_hash: string; area_m2: string }>(
      "SELECT row_to_json(r)::text AS j, id_number_sealed, id_number_hash, area_m2::text FROM compensation_registration r WHERE id = $1",
      [regId],
    );
    const row = raw.rows[0];
    for (const clear of [ID_1, ID_1.slice(-8), PHONE, PHONE.slice(-8), BANK, BANK.slice(-8)]) expect(row?.j).not.toContain(clear);
    expect(row?.id_number_sealed).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(row?.id_number_hash).toBe(secretBox().hash(ID_1, "compensation_registration.id_number"));
    expect(row?.area_m2).toBe("1000.00");
    expect(secretBox().open(row?.id_number_sealed as string, sealContext("id_number", regId))).toBe(ID_1);
    // Bound to its row and column: the same ciphertext does not open elsewhere.
    expect(() => secretBox().open(row?.id_number_sealed as string, sealContext("phone", regId))).toThrow();
    expect(() => secretBox().open(row?.id_number_sealed as string, sealContext("id_number", batchId))).toThrow();
    // The audit event records the registration, never the personal data.
    const audit = await t.db.query<{ j: string }>(
      "SELECT row_to_json(a)::text AS j FROM audit_event a WHERE action = 'compensation.register' AND entity_id = $1",
      [regId],
    );
    expect(audit.rows).toHaveLength(1);
    for (const clear of [ID_1, PHONE, BANK, "张三丰"]) expect(audit.rows[0]?.j).not.toContain(clear);
  });

  it("refuses a clear value in a sealed column at the database", async () => {
    await expect(t.db.exec(`UPDATE compensation_registration SET phone_sealed = '${PHONE}' WHERE id = '${regId}'`)).rejects.toThrow(
      /phone_sealed_check/,
    );
  });

  it("lets only registrar roles register under their scope", async () => {
    const e = await caught(registerCompensation(t.db, { ...base(), scope: { divisionCode: "510100", roles: ["leader"] } }));
    expect(e.code).toBe("FORBIDDEN");
    const out = await registerCompensation(t.db, {
      ...base(),
      holderName: "王五",
      scope: { divisionCode: JINJIANG, roles: ["county_clerk"] },
    }).catch((x: unknown) => x);
    expect(out).toMatchObject({ id: expect.any(String) });
    // Another 区县's clerk cannot even see the batch (row-level security).
    const e2 = await caught(registerCompensation(t.db, { ...base(), scope: { divisionCode: "510105", roles: ["county_clerk"] } }));
    expect(e2.code).toBe("NOT_FOUND");
  });
});

describe("listCompensationRegistrations", () => {
  const reveals = async () =>
    Number((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE action = 'compensation.reveal'")).rows[0]?.n);

  it("masks personal fields by default, for every role, and audits nothing", async () => {
    for (const user of [leader, reviewer, auditor]) {
      const r = await listCompensationRegistrations(t.db, { user });
      expect(r.revealed).toBe(false);
      const row = r.rows.find((x) => x.id === regId);
      expect(row).toMatchObject({
        holderName: "张*丰",
        idNumber: `5101**********${ID_1.slice(-4)}`,
        phone: "138****5678",
        bankAccount: "**** **** **** 0123",
        villageName: "测试村",
        amountYuan: 123456.78,
      });
      expect(r.rows.find((x) => x.holderName === "李*")?.phone).toBe("028-****3456");
    }
    expect(await reveals()).toBe(0);
  });

  it("tells who may reveal: reviewers yes; leader and administrators never", async () => {
    expect((await listCompensationRegistrations(t.db, { user: reviewer })).mayReveal).toBe(true);
    expect((await listCompensationRegistrations(t.db, { user: leader })).mayReveal).toBe(false);
    expect((await listCompensationRegistrations(t.db, { user: auditor })).mayReveal).toBe(false);
    for (const user of [leader, auditor]) {
      const e = await caught(listCompensationRegistrations(t.db, { user, reveal: true }));
      expect(e.code).toBe("FORBIDDEN");
    }
    expect(await reveals()).toBe(0);
  });

  it("reveals clear values to a reviewer and audits which rows", async () => {
    const r = await listCompensationRegistrations(t.db, { user: countyReviewer, ids: [regId], reveal: true, purpose: "核对权属" });
    expect(r.revealed).toBe(true);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ holderName: "张三丰", idNumber: ID_1, phone: PHONE, bankAccount: BANK });
    const audit = await t.db.query<{ actor: string; detail: { ids: string[]; purpose: string } }>(
      "SELECT actor, detail FROM audit_event WHERE action = 'compensation.reveal'",
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]?.actor).toBe("jj.shenhe");
    expect(audit.rows[0]?.detail.ids).toEqual([regId]);
    expect(audit.rows[0]?.detail.purpose).toBe("核对权属");
  });

  it("finds a registration by exact ID number through the keyed hash", async () => {
    const r = await listCompensationRegistrations(t.db, { user: leader, idNumber: ID_2.toLowerCase() });
    expect(r.rows.map((x) => x.holderName)).toEqual(["李*"]);
    expect((await listCompensationRegistrations(t.db, { user: leader, idNumber: "110105194912310021" })).rows).toEqual([]);
  });

  it("shows another 区县 nothing (row-level security)", async () => {
    expect((await listCompensationRegistrations(t.db, { user: otherCounty })).rows).toEqual([]);
    expect((await listCompensationRegistrations(t.db, { user: otherCounty, reveal: true })).rows).toEqual([]);
  });

  it("keeps the audit chain intact", async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
