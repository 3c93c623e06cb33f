// The .cpg side file of a Shapefile names the .dbf encoding; kept apart from the reader so callers need not load the Shapefile library.
/** .cpg content → encoding label for the decoder; null when not understood. */
export function encodingFromCpg(cpg: string): "gbk" | "utf8" | null {
  const v = cpg
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, "");
  if (/^(UTF8|65001)$/.test(v)) return "utf8";
  if (/^(GBK|GB2312|GB18030|936|CP936|ANSI936|WINDOWS936|CHINESE)$/.test(v)) return "gbk";
  return null;
}
