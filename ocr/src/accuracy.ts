/**
 * Character accuracy of OCR output against a reference: 1 − (Levenshtein distance / reference
 * length), over code points, after NFKC and with all whitespace removed (layout is not content).
 */

export function compactText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "");
}

export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const sub = (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, (prev[j] as number) + 1, (cur[j - 1] as number) + 1);
    }
    prev = cur;
  }
  return prev[y.length] as number;
}

export function characterAccuracy(ocr: string, reference: string): number {
  const ref = compactText(reference);
  if (ref.length === 0) return compactText(ocr).length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(compactText(ocr), ref) / [...ref].length);
}
