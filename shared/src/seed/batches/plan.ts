/**
 * The pure part of the batch generator: how many batches per county and year, their kinds, names,
 * outcomes and timelines, all drawn from the seeded sfc32 PRNG. Geometry comes later (parcels.ts).
 */

import { periodEnd, periodsFor } from "../../acquisition/statutory-periods.ts";
import { addDays } from "../../approval/common.ts";
import { createWorkingCalendar } from "../../calendar/working-calendar.ts";
import { CITY_COUNTIES } from "../city/plan.ts";
import { createRng, type Rng } from "../city/random.ts";

export type BatchScale = "tiny" | "small" | "city" | "bench";

/** Batches over the ten years 2016–2025, all counties. */
export const BATCH_SCALES: Readonly<Record<BatchScale, number>> = { tiny: 8, small: 60, city: 600, bench: 6000 };

export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;
/** Nothing is dated after this day: later steps of recent batches have not happened yet. */
export const HORIZON = "2025-12-31";

/** Relative activity per county (龙泉驿 and 双流 grow fastest) and per year (peak 2017–2020). */
const COUNTY_WEIGHT = [1.3, 0.9, 0.8, 1.2];
const YEAR_WEIGHT = [0.9, 1.1, 1.2, 1.2, 1.1, 1.0, 0.9, 0.85, 0.9, 0.85];

export type PlannedType = "urban_batch" | "village_batch" | "standalone_project" | "linkage" | "rural_revitalization";
export type OverlapIntent = "none" | "basic_farmland" | "eco_redline" | "earlier_approval";
export type Defect = "self_intersection" | "area_mismatch" | "parcel_overlap";

export const DEFECT_CODES: Readonly<Record<Defect, string>> = {
  self_intersection: "TXT_SELF_INTERSECTION",
  area_mismatch: "TXT_AREA_MISMATCH",
  parcel_overlap: "TXT_PARCELS_OVERLAP",
};

export interface TxtVariant {
  encoding: "gbk" | "utf8";
  bom: boolean;
  lineEnding: "crlf" | "lf";
  prefixedY: boolean;
}

export interface ReturnPlan {
  /** The review level that returns the batch; correction goes back to it. */
  at: "county_review" | "city_review" | "submitted_to_province" | "province_review";
}

export interface BatchPlan {
  index: number;
  batchNo: string;
  county: { code: string; name: string };
  year: number;
  type: PlannedType;
  name: string;
  parcelCount: number;
  /** Median parcel area, m². */
  parcelAreas: number[];
  overlap: OverlapIntent;
  defect: Defect | null;
  variant: TxtVariant;
  surveyor: string;
  returns: ReturnPlan[];
  /** Withdrawn after reaching this state (null: not withdrawn). */
  withdrawAfter: string | null;
  expires: boolean;
  /** Sub-seed for everything drawn later (geometry retries, documents). */
  seed: string;
}

const SURVEYORS = [
  "成都天府测绘有限公司",
  "四川蜀川地理信息工程有限公司",
  "成都锦城勘测规划设计有限公司",
  "四川华西国土勘测有限公司",
  "成都蓉城空间信息技术有限公司",
  "四川川府测绘地理信息有限公司",
];

const PROJECTS = [
  "天府大道北延线",
  "金简仁快速路",
  "成都第二绕城高速连接线",
  "东风渠水环境整治",
  "成都轨道交通19号线",
  "川西林盘保护修复配套",
  "西部博览城配套道路",
  "城市污水处理厂扩建",
  "蓉欧快铁物流园配套",
  "220千伏输变电",
  "区域供水管网",
  "中小学校新建",
];

function pickWeighted(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Box–Muller normal. */
function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const TYPE_NAMES: Record<PlannedType, string> = {
  urban_batch: "城镇建设用地",
  village_batch: "村庄和集镇建设用地",
  standalone_project: "单独选址建设项目用地",
  linkage: "城乡建设用地增减挂钩建新区用地",
  rural_revitalization: "乡村振兴产业项目用地",
};

const CN_DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CN_DIGITS[n] as string;
  if (n < 20) return `十${CN_DIGITS[n - 10]}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? "" : CN_DIGITS[n % 10]}`;
}

/** Plans every batch; `medianParcelM2` comes from the city's size. */
export function planBatches(scale: BatchScale, seed: string, medianParcelM2: number): BatchPlan[] {
  const rng = createRng(`batches:${seed}:${scale}`);
  const total = BATCH_SCALES[scale];
  const years = LAST_YEAR - FIRST_YEAR + 1;
  const cells: { county: number; year: number }[] = [];
  const weights: number[] = [];
  for (let c = 0; c < CITY_COUNTIES.length; c++)
    for (let y = 0; y < years; y++) {
      cells.push({ county: c, year: FIRST_YEAR + y });
      weights.push((COUNTY_WEIGHT[c] as number) * (YEAR_WEIGHT[y] as number));
    }
  // Every county has at least one batch early and one late, the rest by weight.
  const picks: number[] = [];
  for (let c = 0; c < CITY_COUNTIES.length && picks.length < total; c++) picks.push(c * years + (c % 2 === 0 ? 1 : 3));
  for (let c = 0; c < CITY_COUNTIES.length && picks.length < total; c++) picks.push(c * years + years - 1 - (c % 3));
  while (picks.length < total) picks.push(pickWeighted(rng, weights));
  const byCell = new Map<number, number>();
  for (const p of picks) byCell.set(p, (byCell.get(p) ?? 0) + 1);

  const plans: BatchPlan[] = [];
  let index = 0;
  const defects: Defect[] = ["self_intersection", "area_mismatch", "parcel_overlap"];
  for (const [cellIndex, count] of [...byCell.entries()].sort((a, b) => a[0] - b[0])) {
    const cell = cells[cellIndex] as { county: number; year: number };
    const county = CITY_COUNTIES[cell.county] as { code: string; name: string };
    const seqByType = new Map<PlannedType, number>();
    for (let k = 0; k < count; k++) {
      const typeWeights = [0.6, 0.12, 0.15, 0.08, cell.year >= 2021 ? 0.06 : 0];
      const type = (["urban_batch", "village_batch", "standalone_project", "linkage", "rural_revitalization"] as const)[
        pickWeighted(rng, typeWeights)
      ] as PlannedType;
      const seq = (seqByType.get(type) ?? 0) + 1;
      seqByType.set(type, seq);
      let name: string;
      if (type === "standalone_project") {
        const project = rng.pick(PROJECTS);
        name = `成都市${county.name}${project}项目（${cell.year}年第${chineseOrdinal(seq)}期）${TYPE_NAMES[type]}`;
      } else {
        name = `成都市${county.name}${cell.year}年度第${chineseOrdinal(seq)}批次${TYPE_NAMES[type]}`;
      }
      const parcelCount =
        type === "urban_batch"
          ? 2 + rng.int(7)
          : type === "standalone_project"
            ? 1 + rng.int(3)
            : type === "linkage"
              ? 1 + rng.int(4)
              : 1 + rng.int(4);
      const parcelAreas: number[] = [];
      for (let p = 0; p < parcelCount; p++) {
        const a = medianParcelM2 * Math.exp(0.7 * normal(rng));
        parcelAreas.push(Math.round(Math.min(medianParcelM2 * 5, Math.max(medianParcelM2 * 0.25, a))));
      }
      const r = rng.next();
      const overlap: OverlapIntent =
        r < 0.05 ? "basic_farmland" : r < 0.08 ? "eco_redline" : r < 0.11 && cell.year > FIRST_YEAR ? "earlier_approval" : "none";
      const encoding = rng.next() < 0.6 ? "gbk" : "utf8";
      const variant: TxtVariant = {
        encoding,
        bom: encoding === "utf8" && rng.next() < 0.25,
        lineEnding: rng.next() < 0.7 ? "crlf" : "lf",
        prefixedY: rng.next() < 0.75,
      };
      const returns: ReturnPlan[] = [];
      const rr = rng.next();
      const levels = ["county_review", "city_review", "submitted_to_province", "province_review"] as const;
      if (rr < 0.18) returns.push({ at: rng.pick(levels) });
      if (rr < 0.03) returns.push({ at: rng.pick(levels) });
      const w = rng.next();
      const withdrawAfter =
        w < 0.045 ? rng.pick(["pre_acquisition", "assembling", "county_review", "city_review", "province_review"]) : null;
      const expires = rng.next() < 0.04;
      const defectRoll = rng.next();
      plans.push({
        index,
        batchNo: "",
        county,
        year: cell.year,
        type,
        name,
        parcelCount,
        parcelAreas,
        overlap,
        defect: defectRoll < 0.04 ? (defects[rng.int(defects.length)] as Defect) : null,
        variant,
        surveyor: rng.pick(SURVEYORS),
        returns,
        withdrawAfter,
        expires,
        seed: `${seed}:${scale}:${index}`,
      });
      index++;
    }
  }
  // Numbering per county-year, in order; a handful of rejected files guaranteed (one per defect).
  const counters = new Map<string, number>();
  for (const p of plans) {
    const key = `${p.county.code}-${p.year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    p.batchNo = `${p.county.code}-${p.year}-${String(n).padStart(3, "0")}`;
  }
  defects.forEach((d, i) => {
    const p = plans[Math.min(plans.length - 1, 1 + i * 2)];
    if (p && p.defect === null) p.defect = d;
  });
  const sorted = plans.sort((a, b) => a.year - b.year || a.index - b.index);
  // A few deliberate overlaps guaranteed at every scale (more come by chance above).
  const force = (share: number, overlap: OverlapIntent): void => {
    const p = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
    if (p) p.overlap = overlap;
  };
  force(0.3, "basic_farmland");
  force(0.45, "eco_redline");
  force(0.75, "earlier_approval");
  const old = sorted[Math.floor(sorted.length * 0.15)];
  if (old) {
    old.expires = true;
    old.withdrawAfter = null;
  }
  return sorted;
}

// ── timelines ──────────────────────────────────────────────────────────────────────────────────

export type StepKind =
  | "register"
  | "pre_announcement"
  | "survey"
  | "compensation_notice"
  | "transition"
  | "approve"
  | "implementation"
  | "expire";

export interface Step {
  kind: StepKind;
  date: string;
  to?: string;
  reason?: string;
  stage?: string;
  percent?: number;
}

/**
 * Monday–Friday: the synthetic events are scheduled on weekdays only (their dates run years past the
 * calendar's covered range); the statutory ends below use the real working-day calendar.
 */
function weekday(d: string, direction = 1): string {
  let x = d;
  for (;;) {
    const dow = new Date(`${x}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) return x;
    x = addDays(x, direction);
  }
}

/** The planned life of a batch, in date order; the executor stops at HORIZON. */
export function timeline(plan: BatchPlan): Step[] {
  const rng = createRng(`timeline:${plan.seed}`);
  const r = (lo: number, hi: number): number => lo + rng.int(hi - lo + 1);
  const steps: Step[] = [];
  const startDoy = r(20, 300);
  const pre = weekday(addDays(`${plan.year}-01-01`, startDoy));
  const registered = weekday(addDays(pre, -r(3, 15)), -1);
  steps.push({ kind: "register", date: registered < `${plan.year}-01-02` ? `${plan.year}-01-04` : registered });
  const calendar = createWorkingCalendar();
  const periods = periodsFor(plan.county.code);
  const preEnd = addDays(periodEnd(calendar, periods.pre_announcement, pre), r(0, 3));
  steps.push({ kind: "pre_announcement", date: pre, to: preEnd });
  const survey = weekday(addDays(pre, r(3, 25)));
  steps.push({ kind: "survey", date: survey });
  const comp = weekday(addDays(preEnd, r(20, 60)));
  const compEnd = addDays(periodEnd(calendar, periods.compensation_notice, comp), r(0, 10));
  steps.push({ kind: "compensation_notice", date: comp, to: compEnd });
  let d = compEnd;
  const go = (to: string, lo: number, hi: number, reason?: string): void => {
    d = weekday(addDays(d, r(lo, hi)));
    steps.push({ kind: "transition", date: d, to, ...(reason ? { reason } : {}) });
  };
  const withdrawAt = (state: string): boolean => {
    if (plan.withdrawAfter !== state) return false;
    go("withdrawn", 10, 120, "申请单位申请撤回报批");
    return true;
  };
  if (withdrawAt("pre_acquisition")) return steps;
  go("assembling", 3, 20);
  if (withdrawAt("assembling")) return steps;
  const review: [string, number, number][] = [
    ["county_review", 15, 60],
    ["city_review", 15, 60],
    ["submitted_to_province", 5, 20],
    ["province_review", 5, 15],
  ];
  const pending = [...plan.returns];
  for (const [state, lo, hi] of review) {
    go(state, lo, hi);
    if (withdrawAt(state)) return steps;
    while (pending[0] && pending[0].at === state) {
      pending.shift();
      go(
        "returned",
        5,
        30,
        rng.pick(["勘测定界面积与分类面积不符", "补偿安置方案公告材料不全", "规划符合性说明不充分", "缺少社保审核意见"]),
      );
      go("correcting", 1, 5);
      const back = state === "province_review" ? "submitted_to_province" : state;
      go(back, 15, 90, "补正后重新提交");
      if (back === "submitted_to_province" && state === "province_review") go("province_review", 3, 10);
    }
  }
  d = weekday(addDays(d, r(40, 200)));
  steps.push({ kind: "approve", date: d });
  const approved = d;
  if (plan.expires) {
    d = addDays(approved, 730 + r(1, 60));
    steps.push({ kind: "expire", date: d, to: "expired", reason: "批准后逾期未实施，批准文件失效" });
    return steps;
  }
  const implementing = weekday(addDays(approved, r(10, 45)));
  steps.push({ kind: "transition", date: implementing, to: "implementing", reason: "发布征收土地公告" });
  const completed = addDays(implementing, r(240, 900));
  const stages: [string, number][] = [
    ["acquisition_notice", 0.0],
    ["compensation_registration", 0.08],
    ["agreement_signing", 0.25],
    ["payment", 0.45],
    ["social_security", 0.6],
    ["land_handover", 0.8],
  ];
  const span =
    (completed > HORIZON
      ? Math.max(30, (Date.parse(completed) - Date.parse(implementing)) / 864e5)
      : (Date.parse(completed) - Date.parse(implementing)) / 864e5) | 0;
  for (const [stage, f] of stages) {
    const date = weekday(addDays(implementing, Math.round(span * f)));
    steps.push({ kind: "implementation", date, stage, percent: 100 });
    if (stage === "agreement_signing" || stage === "payment") {
      steps.push({ kind: "implementation", date: addDays(date, -Math.max(1, Math.round(span * 0.08))), stage, percent: 40 + r(0, 40) });
    }
  }
  steps.push({ kind: "implementation", date: completed, stage: "completed", percent: 100 });
  steps.push({ kind: "transition", date: completed, to: "completed", reason: "征地实施完成" });
  return steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
