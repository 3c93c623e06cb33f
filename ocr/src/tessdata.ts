import { access } from "node:fs/promises";
import path from "node:path";
import { missingTessdata } from "./errors.ts";

/** Fails early, naming the Debian package, rather than letting a worker die on a missing file. */
export async function assertTessdata(langPath: string, languages: readonly string[]): Promise<void> {
  for (const lang of languages) {
    try {
      await access(path.join(langPath, `${lang}.traineddata`));
    } catch (e) {
      throw missingTessdata(lang, langPath, e);
    }
  }
}
