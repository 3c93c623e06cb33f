/**
 * Where on a page the personal data is: the words of a page (text layer or OCR, with boxes in
 * image pixels) are joined into the page's text, the same finder as the text masking
 * (findPersonalData, shared/src/disclosure/public/mask-text.ts) runs on it, and every span is
 * mapped back to the part of the words it covers.
 */
import { findPersonalData, type PersonalDataKind } from "@land/shared/disclosure/public/mask-text";

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PlacedWord {
  text: string;
  box: Box;
}

export interface RedactionBox extends Box {
  kind: PersonalDataKind;
}

const isWide = (ch: string): boolean => {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef);
};
// Inside a word only its box is known: Han and full-width characters take one em, Latin letters
// and digits about 0.55 em (Noto CJK, 宋体, 仿宋 alike); the share of the width follows.
const weight = (ch: string): number => (isWide(ch) ? 1 : 0.55);

/**
 * Words of one line in reading order, as OCR returns them loose: grouped by vertical overlap
 * (a word joins a line when at least half of the smaller height is shared), sorted left to right.
 */
export function groupLines(words: readonly PlacedWord[]): PlacedWord[][] {
  const sorted = [...words].sort((a, b) => (a.box.y0 + a.box.y1) / 2 - (b.box.y0 + b.box.y1) / 2);
  const lines: { box: Box; words: PlacedWord[] }[] = [];
  for (const w of sorted) {
    const line = lines.find((l) => {
      const overlap = Math.min(l.box.y1, w.box.y1) - Math.max(l.box.y0, w.box.y0);
      return overlap >= 0.5 * Math.min(l.box.y1 - l.box.y0, w.box.y1 - w.box.y0);
    });
    if (line) {
      line.words.push(w);
      line.box = {
        x0: Math.min(line.box.x0, w.box.x0),
        y0: Math.min(line.box.y0, w.box.y0),
        x1: Math.max(line.box.x1, w.box.x1),
        y1: Math.max(line.box.y1, w.box.y1),
      };
    } else lines.push({ box: { ...w.box }, words: [w] });
  }
  return lines.sort((a, b) => a.box.y0 - b.box.y0).map((l) => l.words.sort((a, b) => a.box.x0 - b.box.x0));
}

/**
 * Boxes over every piece of personal data on a page. Lines are joined with a newline, the words of
 * a line with a space — except for OCR words between two wide characters set closer than a third
 * of the line height: chi_sim returns every Han character as a word of its own, and a name must
 * read as one (a text layer's words were split at real spaces, so they always keep theirs). Boxes
 * are padded by a fifth of the line height so anti-aliased edges of the covered glyphs do not survive.
 */
export function locatePersonalData(lines: readonly (readonly PlacedWord[])[], source: "text" | "ocr"): RedactionBox[] {
  let text = "";
  // For each character of `text`: the word it belongs to and its position in that word (-1 for joins).
  const owner: { word: PlacedWord; index: number }[] = [];
  const pad = (w: PlacedWord | undefined) =>
    owner.push(w ? { word: w, index: -1 } : { word: { text: "", box: { x0: 0, y0: 0, x1: 0, y1: 0 } }, index: -1 });
  for (const line of lines) {
    if (text.length > 0) {
      text += "\n";
      pad(undefined);
    }
    line.forEach((w, k) => {
      const prev = line[k - 1];
      const close = (a: PlacedWord, b: PlacedWord) => b.box.x0 - a.box.x1 < ((a.box.y1 - a.box.y0 + b.box.y1 - b.box.y0) / 2) * 0.35;
      const joined = prev && source === "ocr" && isWide(prev.text.at(-1) ?? "") && isWide(w.text[0] ?? "") && close(prev, w);
      if (prev && !joined) {
        text += " ";
        pad(undefined);
      }
      // Index by UTF-16 unit, as the regular expressions report positions; astral characters are rare here.
      for (let i = 0; i < w.text.length; i++) owner.push({ word: w, index: i });
      text += w.text;
    });
  }
  const boxes: RedactionBox[] = [];
  for (const span of findPersonalData(text)) {
    const parts = new Map<PlacedWord, { from: number; to: number }>();
    for (let i = span.start; i < span.end; i++) {
      const o = owner[i];
      if (!o || o.index < 0) continue;
      const p = parts.get(o.word);
      if (p) p.to = o.index + 1;
      else parts.set(o.word, { from: o.index, to: o.index + 1 });
    }
    for (const [word, { from, to }] of parts) boxes.push({ kind: span.kind, ...partOf(word, from, to) });
  }
  return boxes;
}

/** The box of characters [from, to) of a word, by their share of its width, padded. */
function partOf(word: PlacedWord, from: number, to: number): Box {
  const chars = word.text.split("");
  const total = chars.reduce((s, c) => s + weight(c), 0) || 1;
  const before = chars.slice(0, from).reduce((s, c) => s + weight(c), 0);
  const inside = chars.slice(from, to).reduce((s, c) => s + weight(c), 0);
  const { x0, x1, y0, y1 } = word.box;
  const w = x1 - x0;
  const p = (y1 - y0) * 0.2;
  return {
    x0: Math.max(0, x0 + (w * before) / total - p),
    x1: x0 + (w * (before + inside)) / total + p,
    y0: Math.max(0, y0 - p / 2),
    y1: y1 + p / 2,
  };
}
