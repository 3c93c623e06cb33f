/** The errors an operator can fix: a missing Debian package, an unreadable input file. */
import { AppError } from "@land/shared";

/** Debian ships one package per traineddata: chi_sim → tesseract-ocr-chi-sim. */
export function tessdataPackage(language: string): string {
  return `tesseract-ocr-${language.toLowerCase().replace(/_/g, "-")}`;
}

export function missingTessdata(language: string, langPath: string, cause?: unknown): AppError {
  const file = `${langPath}/${language}.traineddata`;
  const pkg = tessdataPackage(language);
  return new AppError("CONFIG_INVALID", `OCR language data missing: ${file} (apt-get install ${pkg}, or set LAND_TESSDATA)`, {
    messageZh: `缺少 OCR 语言数据 ${file}，请安装：sudo apt-get install -y ${pkg}（或用 LAND_TESSDATA 指定 tessdata 目录）`,
    location: { file },
    cause,
  });
}

export function missingTool(tool: string, pkg: string, cause?: unknown): AppError {
  return new AppError("CONFIG_INVALID", `${tool} not found (apt-get install ${pkg})`, {
    messageZh: `找不到 ${tool}，请安装：sudo apt-get install -y ${pkg}`,
    location: { tool },
    cause,
  });
}

export function unreadableInput(file: string, reason: string, cause?: unknown): AppError {
  return new AppError("VALIDATION_FAILED", `cannot read ${file}: ${reason}`, {
    messageZh: `无法读取文件 ${file}：${reason}`,
    location: { file },
    cause,
  });
}
