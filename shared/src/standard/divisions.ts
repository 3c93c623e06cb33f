/**
 * GB/T 2260 中华人民共和国行政区划代码: 四川省, 成都市 and its 20 区/县/县级市 (codes as
 * published by the Ministry of Civil Affairs after the 2020 changes: 新津县 → 新津区 510118,
 * 简阳市 510185 under 成都). 乡镇/村 codes are imported, not listed here.
 */
export interface DivisionEntry {
  code: string;
  name: string;
  level: "province" | "city" | "county" | "town" | "village";
  parentCode: string | null;
}

export const SICHUAN = "510000";
export const CHENGDU = "510100";

const chengduCounties: [string, string][] = [
  ["510104", "锦江区"],
  ["510105", "青羊区"],
  ["510106", "金牛区"],
  ["510107", "武侯区"],
  ["510108", "成华区"],
  ["510112", "龙泉驿区"],
  ["510113", "青白江区"],
  ["510114", "新都区"],
  ["510115", "温江区"],
  ["510116", "双流区"],
  ["510117", "郫都区"],
  ["510118", "新津区"],
  ["510121", "金堂县"],
  ["510129", "大邑县"],
  ["510131", "蒲江县"],
  ["510181", "都江堰市"],
  ["510182", "彭州市"],
  ["510183", "邛崃市"],
  ["510184", "崇州市"],
  ["510185", "简阳市"],
];

export const DIVISIONS: readonly DivisionEntry[] = [
  { code: SICHUAN, name: "四川省", level: "province", parentCode: null },
  { code: CHENGDU, name: "成都市", level: "city", parentCode: SICHUAN },
  ...chengduCounties.map(([code, name]) => ({ code, name, level: "county" as const, parentCode: CHENGDU })),
];
