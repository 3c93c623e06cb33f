/**
 * 法定期限 of the 征前程序 as data, each with its legal source, per province. The national rules are
 * the default; a province whose regulations set a longer period overrides single entries (四川
 * keeps the national rules, see PROVINCE_RULES). Deadlines are computed on the working-day
 * calendar with 《民法典》's counting rules (第二百零一条: the start day is not counted; 第二百零三条:
 * a period ending on a day off ends on the next working day).
 *
 * `verified` says how far the excerpt was checked while writing this: the wording below is the
 * official text as known to the authors; where it could only be compared with a third-party
 * reproduction (offline), `verifiedHow` says so. Nothing here was compared with the 国务院公报
 * itself — treat `verified: false` entries as to be confirmed by the bureau's legal staff.
 */
import { addDays } from "../approval/common.ts";
import type { WorkingCalendar } from "../calendar/working-calendar.ts";

export type PeriodId = "pre_announcement" | "compensation_notice" | "hearing_request" | "acquisition_notice";

export interface LegalSource {
  law: string;
  article: string;
  excerpt: string;
  verified: boolean;
  verifiedHow?: string;
}

export interface StatutoryPeriod {
  id: PeriodId;
  nameZh: string;
  /** min_duration: the period must last at least n; deadline: the act must happen within n after the start event. */
  kind: "min_duration" | "deadline";
  unit: "working_days" | "days";
  n: number;
  /** What starts the period. */
  startsWith: string;
  /** A re-published revision starts the period again (补偿安置方案 修改后重新公告). */
  restartsOnRevision: boolean;
  source: LegalSource;
}

const CIVIL_CODE_COUNTING =
  "《民法典》第二百零一条：按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。";

export const NATIONAL_PERIODS: Readonly<Record<PeriodId, StatutoryPeriod>> = {
  pre_announcement: {
    id: "pre_announcement",
    nameZh: "征收土地预公告期",
    kind: "min_duration",
    unit: "working_days",
    n: 10,
    startsWith: "预公告发布之日",
    restartsOnRevision: false,
    source: {
      law: "《中华人民共和国土地管理法实施条例》（国务院令第743号，2021年9月1日施行）",
      article: "第二十六条第二款",
      excerpt:
        "征收土地预公告应当采用有利于社会公众知晓的方式，在拟征收土地所在的乡（镇）和村、村民小组范围内发布，预公告时间不少于十个工作日。自征收土地预公告发布之日起，任何单位和个人不得在拟征收范围内抢栽抢建；违反规定抢栽抢建的，对抢栽抢建部分不予补偿。",
      verified: true,
      verifiedHow: "与第三方转载的条文内容核对一致（“预公告时间不少于十个工作日”），未与国务院公报原文逐字核对",
    },
  },
  compensation_notice: {
    id: "compensation_notice",
    nameZh: "征地补偿安置方案公告期",
    kind: "min_duration",
    unit: "days",
    n: 30,
    startsWith: "方案公告发布之日（修改后重新公告的，自重新公告之日）",
    restartsOnRevision: true,
    source: {
      law: "《中华人民共和国土地管理法》第四十七条第二款；《中华人民共和国土地管理法实施条例》第二十七条、第二十八条",
      article: "实施条例第二十八条第一款",
      excerpt:
        "征地补偿安置方案拟定后，县级以上地方人民政府应当在拟征收土地所在的乡（镇）和村、村民小组范围内公告，公告时间不少于三十日。征地补偿安置方案公告应当同时载明办理补偿登记的方式和期限、异议反馈渠道等内容。（土地管理法第四十七条第二款：……公告至少三十日，听取被征地的农村集体经济组织及其成员、村民委员会和其他利害关系人的意见。）",
      verified: true,
      verifiedHow: "实施条例第二十八条“不少于三十日”与第三方转载核对一致；土地管理法第四十七条未离线核对",
    },
  },
  hearing_request: {
    id: "hearing_request",
    nameZh: "听证申请（异议）期",
    kind: "min_duration",
    unit: "days",
    n: 30,
    startsWith: "方案公告发布之日",
    restartsOnRevision: true,
    source: {
      law: "《中华人民共和国土地管理法》第四十七条第三款；《中华人民共和国土地管理法实施条例》第二十八条第二款",
      article: "实施条例第二十八条第二款",
      excerpt: "多数被征地的农村集体经济组织成员认为拟定的征地补偿安置方案不符合法律、法规规定的，县级以上地方人民政府应当组织听证。",
      verified: false,
      verifiedHow:
        "法规未单独规定听证申请期限；本系统将异议（听证申请）收集期按方案公告期计算（公告载明异议反馈渠道），属本系统的解释，请法制机构确认",
    },
  },
  acquisition_notice: {
    id: "acquisition_notice",
    nameZh: "征收土地公告发布时限",
    kind: "deadline",
    unit: "working_days",
    n: 15,
    startsWith: "收到征收土地批准文件之日",
    restartsOnRevision: false,
    source: {
      law: "《中华人民共和国土地管理法实施条例》",
      article: "第三十一条",
      excerpt:
        "征收土地申请经依法批准后，县级以上地方人民政府应当自收到批准文件之日起15个工作日内在拟征收土地所在的乡（镇）和村、村民小组范围内发布征收土地公告，公布征收范围、征收时间等具体工作安排，对个人和组织依法应当给予的补偿费用未足额到位的，不得强制搬迁。",
      verified: false,
      verifiedHow: "未能离线找到可核对的条文",
    },
  },
};

export interface ProvinceRules {
  /** GB/T 2260 province code (first two digits of a division code). */
  code: string;
  nameZh: string;
  /** Entries that differ from the national rules (a longer period, another unit), each with its own source. */
  overrides: Partial<Record<PeriodId, Pick<StatutoryPeriod, "n" | "unit" | "source">>>;
  note: string;
}

export const PROVINCE_RULES: Readonly<Record<string, ProvinceRules>> = {
  "51": {
    code: "51",
    nameZh: "四川省",
    overrides: {},
    note: "四川省按国家规定的期限执行；《四川省〈中华人民共和国土地管理法〉实施办法》如规定更长期限，在 overrides 中补充并注明条款（未离线核实）。",
  },
};

/** The periods that apply in a division: the national rules with the province's overrides. */
export function periodsFor(
  divisionCode: string,
  rules: Readonly<Record<string, ProvinceRules>> = PROVINCE_RULES,
): Record<PeriodId, StatutoryPeriod> {
  const province = rules[divisionCode.slice(0, 2)];
  const out = { ...NATIONAL_PERIODS } as Record<PeriodId, StatutoryPeriod>;
  for (const [id, o] of Object.entries(province?.overrides ?? {}) as [PeriodId, StatutoryPeriod][]) {
    out[id] = { ...NATIONAL_PERIODS[id], ...o };
  }
  return out;
}

/**
 * The earliest day a period started on `start` has fully run (min_duration), or the last day the act
 * may happen (deadline). Working days: the n-th working day after the start. Days: start + n, moved
 * to the next working day when that is a day off.
 */
export function periodEnd(cal: WorkingCalendar, period: StatutoryPeriod, start: string): string {
  if (period.unit === "working_days") return cal.addWorkingDays(start, period.n);
  return cal.nextWorkingDayOnOrAfter(addDays(start, period.n));
}

export function describePeriod(p: StatutoryPeriod): string {
  const n = `${p.n} ${p.unit === "working_days" ? "个工作日" : "日"}`;
  return p.kind === "min_duration" ? `${p.nameZh}不少于 ${n}（${p.source.article}）` : `${p.nameZh}：${n}内（${p.source.article}）`;
}

export const COUNTING_RULE = CIVIL_CODE_COUNTING;
