/**
 * The thresholds the quota subsystem applies, as data with their sources, so that a changed rule is
 * a changed number here (and a reviewer can check each against its document).
 */

export interface Rule<T> {
  value: T;
  source: string;
  note?: string;
}

export const QUOTA_RULES = {
  /** 退件 keeps the batch's 预安排 this long after the return, then the sweep releases it. */
  returnedReservationHoldDays: {
    value: 180,
    source: "本系统配置（市局指标管理规则）",
    note: "退件后补正通常在半年内完成；逾期未重新报批的，核销预安排，指标回到可用余额。",
  } satisfies Rule<number>,
  /** 批而未供 age buckets (years since 批复), upper bounds; the last bucket is open. */
  approvedNotSuppliedBuckets: {
    value: [1, 2, 3, 5] as readonly number[],
    source: "《自然资源部关于健全建设用地“增存挂钩”机制的通知》（自然资规〔2018〕1号）",
    note: "批准满两年未供的土地计入批而未供处置任务；按 1、2、3、5 年分段统计。",
  } satisfies Rule<readonly number[]>,
  /** Years after 批复 from which unsupplied land counts toward the 处置 task. */
  approvedNotSuppliedDisposalYears: {
    value: 2,
    source: "自然资规〔2018〕1号：“批而未供土地……对批准满两年未实施供地的”",
  } satisfies Rule<number>,
  /** 闲置土地: not started one year after the agreed start date → 征缴土地闲置费 (≤ 20 % of the price). */
  idleFeeYears: {
    value: 1,
    source: "《闲置土地处置办法》（国土资源部令第53号）第二条、第十四条第（一）项",
  } satisfies Rule<number>,
  /** Not started two years after the agreed start date → 无偿收回. */
  idleReclaimYears: {
    value: 2,
    source: "《闲置土地处置办法》第十四条第（二）项；《土地管理法》第三十八条",
  } satisfies Rule<number>,
  /** Started, but developed area below this share of the total … */
  idleStartedAreaShare: {
    value: 1 / 3,
    source: "《闲置土地处置办法》第二条第二款",
  } satisfies Rule<number>,
  /** … or investment below this share of the total, and stopped for a year: also 闲置. */
  idleStartedInvestmentShare: {
    value: 0.25,
    source: "《闲置土地处置办法》第二条第二款",
  } satisfies Rule<number>,
  idleStoppedYears: {
    value: 1,
    source: "《闲置土地处置办法》第二条第二款（中止开发建设满一年）",
  } satisfies Rule<number>,
} as const;
