export const LEVEL_LABELS: Record<string, string> = {
  province: "省级",
  city: "市级",
  county: "区县级",
  town: "乡镇级",
  village: "村级",
};

export function levelLabel(level: string): string {
  return LEVEL_LABELS[level] ?? level;
}
