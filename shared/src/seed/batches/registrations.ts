/**
 * Synthetic 补偿登记 for an approved batch: fake 权利人 with GB 11643-valid ID numbers (the batch's
 * 区县 code, a birth date, a sequence number and the right check character), phone numbers in the
 * 170 virtual-operator range, bank accounts, areas and amounts — deterministic by the batch seed
 * and written through registerCompensation (so the personal data is sealed like real data).
 */

import { idNumberCheckChar, M2_PER_MU } from "../../acquisition/personal-data.ts";
import { registerCompensation } from "../../acquisition/register-compensation.ts";
import { addDays, dateToDays } from "../../approval/common.ts";
import type { Db } from "../../db/types.ts";
import { createRng } from "../city/random.ts";

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "罗", "何", "谢", "欧阳"] as const;
const GIVEN = ["建国", "秀英", "德明", "淑芬", "志强", "桂兰", "明", "华", "玉珍", "永福", "春梅", "国富", "丽", "文", "世荣"] as const;
const ON_LAND = ["砖混房屋", "砖木房屋", "简易棚房", "果树", "竹林", "水井", "晒坝", "青苗（水稻）", "青苗（油菜）", "坟墓"] as const;

export interface RegistrationPlan {
  batchId: string;
  seed: string;
  county: string;
  villages: readonly string[];
  totalM2: number;
  /** 补偿安置方案公告 period: registrations fall inside it. */
  from: string;
  to: string;
  actor: string;
}

/** Registers 2–4 households; returns how many. */
export async function seedRegistrations(db: Db, p: RegistrationPlan): Promise<number> {
  const villages = p.villages.filter((v) => v.startsWith(p.county));
  if (villages.length === 0 || p.totalM2 <= 0) return 0;
  const rng = createRng(`registration:${p.seed}`);
  const n = 2 + rng.int(3);
  const span = Math.max(0, dateToDays(p.to) - dateToDays(p.from));
  for (let k = 0; k < n; k++) {
    const birth = addDays("1950-01-01", rng.int(365 * 50));
    const first17 = `${p.county}${birth.replaceAll("-", "")}${String(100 + rng.int(900))}`;
    const areaM2 = Math.round(p.totalM2 * (0.02 + rng.next() * 0.1) * 100) / 100;
    const areaMu = areaM2 / M2_PER_MU;
    const items = [rng.pick(ON_LAND), rng.pick(ON_LAND)];
    const onLand = `${items[0]} ${1 + rng.int(200)} 平方米（株），${items[1]} ${1 + rng.int(50)} 处`;
    await registerCompensation(db, {
      batchId: p.batchId,
      villageCode: rng.pick(villages),
      holderName: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}`,
      idNumber: `${first17}${idNumberCheckChar(first17)}`,
      phone: `170${String(rng.int(100_000_000)).padStart(8, "0")}`,
      ...(rng.next() < 0.85 ? { bankAccount: `6222${String(rng.int(1e9)).padStart(9, "0")}${String(rng.int(1e6)).padStart(6, "0")}` } : {}),
      areaMu: Math.round(areaMu * 10_000) / 10_000,
      areaM2,
      attachmentsOnLand: onLand,
      amountYuan: Math.round(areaMu * (45_000 + rng.int(35_000)) + rng.int(200_000)),
      registeredOn: addDays(p.from, span === 0 ? 0 : rng.int(span + 1)),
      actor: p.actor,
    });
  }
  return n;
}
