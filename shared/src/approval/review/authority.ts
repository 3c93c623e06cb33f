/**
 * 批准机关 by 《土地管理法》第四十六条 (征收) and 第四十四条 (农用地转用): 永久基本农田 in any amount, 永久基本农田
 * 以外的耕地 over 35 公顷, or other land over 70 公顷 → 国务院; otherwise 省级人民政府. The thresholds are
 * applied to the whole batch ("超过" is strict), as the province checks them for the submission.
 */
import type { AuthorityDecision } from "./types.ts";

/**
 * The 国务院 thresholds as data with their source, so that a change of the law is one edit here (and the
 * reasons printed in every 审查意见书 follow it).
 */
export const STATE_COUNCIL_THRESHOLDS = {
  /** 永久基本农田以外的耕地, 公顷, strictly more than. */
  cultivatedHa: 35,
  /** 其他土地, 公顷, strictly more than. */
  otherHa: 70,
  /** 《中华人民共和国土地管理法》（2019 修正）; cited in this short form in the reasons. */
  source: "《土地管理法》第四十六条",
} as const;

export const CULTIVATED_THRESHOLD_HA = STATE_COUNCIL_THRESHOLDS.cultivatedHa;
export const OTHER_THRESHOLD_HA = STATE_COUNCIL_THRESHOLDS.otherHa;

const ha = (m2: number): number => Math.round(m2) / 10_000;

/** Areas in m² (plane basis): 永久基本农田, 耕地 outside it, all other land. */
export function decideAuthority(a: { basicFarmlandM2: number; cultivatedM2: number; otherM2: number }): AuthorityDecision {
  const basicFarmlandHa = ha(a.basicFarmlandM2);
  const cultivatedHa = ha(a.cultivatedM2);
  const otherHa = ha(a.otherM2);
  const reasonsZh: string[] = [];
  if (basicFarmlandHa > 0)
    reasonsZh.push(`涉及永久基本农田 ${basicFarmlandHa.toFixed(4)} 公顷，须报国务院批准（《土地管理法》第四十四条、第四十六条）`);
  if (a.cultivatedM2 > CULTIVATED_THRESHOLD_HA * 10_000)
    reasonsZh.push(
      `永久基本农田以外的耕地 ${cultivatedHa.toFixed(4)} 公顷，超过 ${CULTIVATED_THRESHOLD_HA} 公顷（${STATE_COUNCIL_THRESHOLDS.source}）`,
    );
  if (a.otherM2 > OTHER_THRESHOLD_HA * 10_000)
    reasonsZh.push(`其他土地 ${otherHa.toFixed(4)} 公顷，超过 ${OTHER_THRESHOLD_HA} 公顷（${STATE_COUNCIL_THRESHOLDS.source}）`);
  const authority = reasonsZh.length > 0 ? "GWY" : "SZF";
  if (authority === "SZF")
    reasonsZh.push(
      `未涉及永久基本农田，耕地 ${cultivatedHa.toFixed(4)} 公顷未超过 ${CULTIVATED_THRESHOLD_HA} 公顷、其他土地 ${otherHa.toFixed(4)} 公顷未超过 ${OTHER_THRESHOLD_HA} 公顷，由省级人民政府批准（《土地管理法》第四十四条、第四十六条）`,
    );
  return { authority, basicFarmlandHa, cultivatedHa, otherHa, reasonsZh };
}
