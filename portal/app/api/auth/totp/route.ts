import { verifyTotp } from "@land/shared";
import type { NextRequest } from "next/server";
import { secondFactorPost } from "./second-factor.ts";

export const dynamic = "force-dynamic";

/** Form post from the TOTP step of /admin/login: the code from the user's authenticator. */
export function POST(request: NextRequest) {
  return secondFactorPost(request, "totp", (db) => (token, code, ip) => verifyTotp(db, token, code, { ip }));
}
