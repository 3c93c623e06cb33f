/**
 * 批准文号 such as 川府土〔2023〕456号, 国函〔2022〕12号. Sources use 〔〕 (the GB/T 9704 form),
 * but also [] () 【】 ［］ （）, and OCR reads 〔 as [ ( 【 { or C; every match is normalised to
 * the 〔〕 form so it compares with the database.
 */

/** Issuer abbreviations seen on 成都/四川 land approvals, longest first when matching. */
export const KNOWN_ISSUERS = [
  "川自然资函",
  "川自然资发",
  "川自然资规",
  "川自然资",
  "自然资办函",
  "自然资函",
  "自然资发",
  "自然资规",
  "国土资函",
  "国土资发",
  "国土资规",
  "川国土资函",
  "川国土资",
  "成自然资发",
  "成自然资",
  "成国土资发",
  "川府土",
  "川府函",
  "川府发",
  "川府",
  "成府函",
  "成府发",
  "成府",
  "成办发",
  "国函",
  "国发",
  "国办发",
].sort((a, b) => b.length - a.length);

const OPEN = "〔\\[(【［（〈﹝{「<C";
const CLOSE = "〕\\])】］）〉﹞}」>";
/** Han characters OCR confuses inside issuer abbreviations (土/士, 国/围, 府/附), keyed by the misreading. */
const ISSUER_CONFUSIONS: Record<string, string> = { 士: "土", 围: "国", 困: "国", 附: "府", 腑: "府" };
/** Words that end the text before an issuer (…的批复 川府土…, 批准文号：川府土…). */
const LEAD_STOP = /^.*(?:文号|批复|批准|依据|根据|按照|关于|见|的|经|以|及|和|、|号)/;

const DOC_NUMBER_RE = new RegExp(
  // A bracket may be read twice (〔〈2022]) and a stray j or l may follow the closing one (]j).
  `([\\u4e00-\\u9fff]{1,12})[ \\t]*[${OPEN}]{1,2}[ \\t]*([12] ?[09] ?\\d ?\\d)[ \\t]*[${CLOSE}]{1,2}[jJlI|]?[ \\t]*(\\d(?: ?\\d){0,4})[ \\t]*号`,
  "g",
);

export interface DocNumberMatch {
  /** Normalised: issuer〔year〕number号. */
  value: string;
  issuer: string;
  year: number;
  number: number;
  /** Offset in the normalised text. */
  index: number;
}

function trimIssuer(run: string): string {
  for (const known of KNOWN_ISSUERS) if (run.endsWith(known)) return known;
  // 川府士 is 川府土 misread: a known issuer after undoing confusions wins.
  const undone = [...run].map((c) => ISSUER_CONFUSIONS[c] ?? c).join("");
  for (const known of KNOWN_ISSUERS) if (undone.endsWith(known)) return known;
  // A heading runs into the number once line breaks are gone (成都市龙泉驿区人民政府龙府征预〔2017〕39号,
  // 四川省人民政府文件川府…): the issuer starts after the organ's name or 文件.
  const rest = run.replace(/^.*(?:政府|文件)(?=.)/, "").replace(LEAD_STOP, "");
  // Issuer abbreviations are short; a longer run still carries sentence text before it.
  return rest.length > 6 ? rest.slice(-6) : rest;
}

/** Document numbers in normalised text (see normalizeForExtraction), in order, without repeats. */
export function extractDocNumbers(text: string): DocNumberMatch[] {
  const out: DocNumberMatch[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(DOC_NUMBER_RE)) {
    const issuer = trimIssuer(m[1] as string);
    if (issuer === "") continue;
    // OCR spaces digits out ("2 0 2 3"); single spaces inside the year and number are dropped.
    const year = Number((m[2] as string).replace(/ /g, ""));
    const numberText = (m[3] as string).replace(/ /g, "");
    const value = `${issuer}〔${year}〕${numberText}号`;
    if (seen.has(value)) continue;
    seen.add(value);
    out.push({ value, issuer, year, number: Number(numberText), index: m.index ?? 0 });
  }
  return out;
}

/** A document number typed or stored in any bracket form, normalised (null if it is not one). */
export function normalizeDocNumber(s: string): string | null {
  const m = extractDocNumbers(s.normalize("NFKC").replace(/\s+/g, ""))[0];
  return m ? m.value : null;
}
