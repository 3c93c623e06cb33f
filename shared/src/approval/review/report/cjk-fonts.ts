/**
 * Finds the Noto CJK font files that PDF and PNG rendering embed. Nothing is downloaded: the fonts
 * must be installed (Debian/Ubuntu: fonts-noto-cjk). Looked up on every call — a font installed
 * while the server runs is found without a restart, and there is no module-level cache to reset.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../../errors/app-error.ts";

export interface FontFace {
  path: string;
  /** PostScript name of the face inside a .ttc collection; absent for a single-face file. */
  postscriptName?: string;
  /** Family name as fontconfig/resvg see it, for SVG font-family. */
  family: string;
}

export interface CjkFonts {
  sans: FontFace;
  sansBold: FontFace;
  serif: FontFace;
  serifBold: FontFace;
}

/** Where distributions put Noto CJK (Debian/Ubuntu, Fedora, Arch, Alpine, Homebrew/macOS user fonts). */
export const STANDARD_FONT_DIRS: readonly string[] = [
  "/usr/share/fonts/opentype/noto",
  "/usr/share/fonts/noto-cjk",
  "/usr/share/fonts/google-noto-cjk",
  "/usr/share/fonts/noto",
  "/usr/share/fonts/opentype/noto-cjk",
  "/usr/local/share/fonts",
  "/Library/Fonts",
];

export const FONT_INSTALL_HINT = "apt-get install fonts-noto-cjk";

type Style = "Sans" | "Serif";
type Weight = "Regular" | "Bold";

/** File names tried for one face, collection first (what Debian ships), then the single-language OTFs. */
function candidates(style: Style, weight: Weight): { file: string; postscriptName?: string }[] {
  return [
    { file: `Noto${style}CJK-${weight}.ttc`, postscriptName: `Noto${style}CJKsc-${weight}` },
    { file: `Noto${style}CJKsc-${weight}.otf` },
    { file: `Noto${style}SC-${weight}.otf` },
  ];
}

function find(dirs: readonly string[], style: Style, weight: Weight): FontFace | null {
  for (const dir of dirs) {
    for (const c of candidates(style, weight)) {
      const path = join(dir, c.file);
      if (existsSync(path)) {
        return { path, family: `Noto ${style} CJK SC`, ...(c.postscriptName ? { postscriptName: c.postscriptName } : {}) };
      }
    }
  }
  return null;
}

/**
 * The four faces the reports use, from `dirs` (default: the standard locations). Sans regular is required; a missing serif falls back to sans and
 * a missing bold to its regular, so a minimal install (only NotoSansCJK-Regular) still renders.
 */
export function locateCjkFonts(dirs: readonly string[] = STANDARD_FONT_DIRS): CjkFonts {
  const sans = find(dirs, "Sans", "Regular");
  if (!sans) {
    throw new AppError("CONFIG_INVALID", `no Noto CJK font found in ${dirs.join(", ")}; install it: ${FONT_INSTALL_HINT}`, {
      messageZh: `未找到中文字体（Noto Sans CJK），无法生成审查意见书 PDF 或示意图。请在服务器上安装字体：${FONT_INSTALL_HINT}`,
      details: { searched: dirs },
    });
  }
  const serif = find(dirs, "Serif", "Regular") ?? sans;
  return {
    sans,
    sansBold: find(dirs, "Sans", "Bold") ?? sans,
    serif,
    serifBold: find(dirs, "Serif", "Bold") ?? serif,
  };
}
