/**
 * word/fontTable.xml for the 审查意见书. docx writes an empty font table; Word and LibreOffice use
 * this table (alternate name, GB2312 charset 86, PANOSE, family) to pick a substitute when a named
 * font is missing — e.g. 宋体 on a machine that only has SimSun's English name or Noto Serif CJK.
 */

interface FontEntry {
  name: string;
  altName?: string;
  panose: string;
  charset: string;
  family: "roman" | "swiss" | "modern" | "auto";
  pitch: "variable" | "fixed";
}

const FONTS: FontEntry[] = [
  { name: "宋体", altName: "SimSun", panose: "02010600030101010101", charset: "86", family: "auto", pitch: "variable" },
  { name: "黑体", altName: "SimHei", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed" },
  { name: "Times New Roman", panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable" },
  { name: "Arial", panose: "020B0604020202020204", charset: "00", family: "swiss", pitch: "variable" },
];

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export function fontTableXml(): string {
  const fonts = FONTS.map(
    (f) =>
      `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ""}<w:panose1 w:val="${f.panose}"/>` +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="${W}">${fonts}</w:fonts>`;
}
