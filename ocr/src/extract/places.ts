/**
 * Village- and township-level place names: …村, …社区, …镇, …乡, …街道. A name runs back from
 * its suffix to the previous administrative unit, a non-Han character or a function word, and
 * generic words (城镇建设用地, 乡镇, 农村, 村民) are not places.
 */

const SUFFIXES = ["街道", "社区", "村", "镇", "乡"] as const;
export type PlaceLevel = "村" | "社区" | "镇" | "乡" | "街道";

export interface PlaceMatch {
  name: string;
  level: PlaceLevel;
  index: number;
}

/** Characters that end the previous unit or are function words; a name never runs across them. */
const BOUNDARY = new Set([..."区县市省州镇乡道村组、将在于的涉共经对自至由属位等其该各本全"]);
/** Verbs and fillers a back-scan may still pick up at the start of a name. */
const LEADING_NOISE = /^(?:征收|同意|涉及|包括|位于|坐落|所在|其中|属于|使用|占用|征用|收回|集体|农民|范围内?|辖区)+/;
/** The character before the suffix that makes a generic word, per suffix. */
const GENERIC_BEFORE: Record<PlaceLevel, string> = {
  村: "农乡各该本全每个城",
  社区: "该各本城市小",
  镇: "城集乡村小各该本全重",
  乡: "城下家故回各该本全农水",
  街道: "各该本全",
};
/** The character after the suffix that makes a generic word (村民, 乡镇, 镇村, 村庄…). */
const GENERIC_AFTER: Record<PlaceLevel, string> = { 村: "民庄镇级落", 社区: "居", 镇: "村级区", 乡: "镇村土级", 街道: "" };

const HAN = /[\u4e00-\u9fff]/;
const MAX_NAME = 6;

/** Places in normalised text, in reading order, without repeats. */
export function extractPlaces(text: string): PlaceMatch[] {
  const out: PlaceMatch[] = [];
  const seen = new Set<string>();
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const level = SUFFIXES.find((s) => chars.slice(i, i + s.length).join("") === s);
    if (!level) continue;
    const after = chars[i + level.length] ?? "";
    // 村民小组, 乡镇, 镇村 are not places.
    if (after !== "" && GENERIC_AFTER[level].includes(after)) continue;
    let start = i;
    while (start > 0 && i - start < MAX_NAME + 2) {
      const c = chars[start - 1] as string;
      if (!HAN.test(c) || BOUNDARY.has(c)) break;
      start--;
    }
    let name = chars.slice(start, i).join("").replace(LEADING_NOISE, "");
    // 和/与/及 join two places (大面街道和十陵街道) but also start names (和平村): strip only
    // when a two-character name remains.
    if (name.length >= 3 && /^[和与及或]/.test(name)) name = name.slice(1);
    // Without line breaks the back-scan may start in the previous sentence (…的批复同意征收青龙村): cut to the
    // longest name, then drop the verbs that now lead it.
    if (name.length > MAX_NAME) name = name.slice(-MAX_NAME).replace(LEADING_NOISE, "");
    if (name.length < 2 || GENERIC_BEFORE[level].includes(name.slice(-1))) continue;
    const full = `${name}${level}`;
    if (!seen.has(full)) {
      seen.add(full);
      out.push({ name: full, level, index: i - name.length });
    }
    i += level.length - 1;
  }
  return out;
}
