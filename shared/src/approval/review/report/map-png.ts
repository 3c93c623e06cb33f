/** Rasterises the map SVG with resvg, using only the installed CJK font files (no system scan, no downloads). */
import { Resvg } from "@resvg/resvg-js";
import type { CjkFonts } from "./cjk-fonts.ts";

export function svgToPng(svg: string, fonts: CjkFonts): Uint8Array {
  const files = [...new Set([fonts.sans.path, fonts.sansBold.path])];
  const resvg = new Resvg(svg, {
    fitTo: { mode: "original" },
    background: "#ffffff",
    // loadSystemFonts off: rendering is the same on every server and does not scan thousands of files.
    font: { fontFiles: files, loadSystemFonts: false, defaultFontFamily: fonts.sans.family, sansSerifFamily: fonts.sans.family },
  });
  return new Uint8Array(resvg.render().asPng());
}
