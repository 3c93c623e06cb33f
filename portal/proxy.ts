import { type NextRequest, NextResponse } from "next/server";

/**
 * First line of the back-office gate: no session cookie, no admin page. The cookie is only
 * checked for presence here (Proxy must not rely on the process-wide DB handle); the admin
 * layout and every admin page then validate the session against the database.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname === "/admin/login" || pathname.startsWith("/admin/login/")) return NextResponse.next();
  if (request.cookies.get("land_session")?.value) return NextResponse.next();
  const target = request.nextUrl.clone();
  target.pathname = "/admin/login";
  target.search = "";
  target.searchParams.set("next", `${pathname}${search}`);
  const res = NextResponse.redirect(target, 307);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

export const config = {
  matcher: ["/admin", "/admin/:path*"],
};
