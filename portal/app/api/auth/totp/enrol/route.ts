import { confirmTotpEnrolment } from "@land/shared";
import type { NextRequest } from "next/server";
import { secondFactorPost } from "../second-factor.ts";

export const dynamic = "force-dynamic";

/** Form post from /admin/login/enrol: the first code from the newly added authenticator confirms it. */
export function POST(request: NextRequest) {
  return secondFactorPost(request, "enrol", (db) => (token, code, ip) => confirmTotpEnrolment(db, token, code, { ip }));
}
