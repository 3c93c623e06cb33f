/**
 * Text clean-up shared by every extractor. OCR and PDF text layers of Chinese documents put
 * spaces between characters, break lines anywhere (also inside numbers) and confuse look-alike
 * glyphs; extractors work on the result of `normalizeForExtraction`, never on raw text.
 */

/** Han characters and CJK punctuation that survive NFKC (。、〔〕【】《》「」 …). */
const CJK = "\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
const CJK_RE = new RegExp(`[${CJK}]`);

/** Units and markers that end a number; a line break just before them cannot end the number. */
const NUMBER_ENDS = "公顷|公项|公倾|亩|平方米|平方公里|万平方米|m2|号|年|月|日|〕|\\]|\\)|】";

/**
 * O/0 and l/1 confusions: inside a run of digits (a run that has at least one real digit and no
 * Latin letter next to it), O o D Q read for 0 and l I | read for 1 are put back.
 */
function fixDigitConfusions(s: string): string {
  return s.replace(/(?<![A-Za-z0-9.])[0-9OolI|][0-9OolI|.,]*(?![A-Za-z])/g, (run) => {
    if (!/[0-9]/.test(run)) return run;
    // "lOO" alone is too weak; require that real digits are the majority, as in "2O23", "l2.35".
    const digits = run.replace(/[^0-9]/g, "").length;
    const letters = run.replace(/[^OolI|]/g, "").length;
    if (letters > digits) return run;
    return run.replace(/[Oo]/g, "0").replace(/[lI|]/g, "1");
  });
}

/**
 * NFKC (full-width digits, letters and brackets become ASCII, ㎡ and m² become m2), whitespace
 * removed where Chinese text cannot have it, line breaks inside numbers joined, digit
 * confusions fixed. Line breaks between table rows of numbers are kept.
 */
export function normalizeForExtraction(raw: string): string {
  let s = raw
    .normalize("NFKC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2002-\u200b\u3000]/g, " ");
  // Lines never carry meaning at their ends.
  s = s.replace(/[ \t]+\n/g, "\n").replace(/\n[ \t]+/g, "\n");
  // Chinese has no word spaces: a space or line break next to a Han character or CJK punctuation
  // is layout. Digits next to Han characters join too ("面积 12.35 公顷", "〔2023〕\n456号").
  for (let i = 0; i < 2; i++) {
    s = s.replace(new RegExp(`([${CJK}])[ \\t\\n]+(?=[${CJK}0-9A-Za-z(\\[])`, "g"), "$1");
    s = s.replace(new RegExp(`([0-9A-Za-z.)\\]])[ \\t\\n]+(?=[${CJK}])`, "g"), "$1");
  }
  // A number broken over two lines: the first part ends with the decimal point, or the second
  // part runs straight into a unit or marker (table rows of bare numbers stay apart).
  s = s.replace(/(\d\.)\n(?=\d)/g, "$1");
  s = s.replace(new RegExp(`(\\d)\\n(\\d[\\d.]*)(?=(?:${NUMBER_ENDS}))`, "g"), "$1$2");
  s = s.replace(/(\d)[ \t]+\.[ \t]*(?=\d)/g, "$1.").replace(/(\d)\.[ \t]+(?=\d)/g, "$1.");
  return fixDigitConfusions(s);
}

export function hasCjk(s: string): boolean {
  return CJK_RE.test(s);
}
