/** POST JSON to a disclosure API route; the Chinese message of a refusal comes back as is. */
export async function postJson(url: string, body: unknown): Promise<{ ok: boolean; code: string; messageZh: string }> {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { code?: string; messageZh?: string };
  return { ok: res.ok, code: json.code ?? (res.ok ? "OK" : `HTTP_${res.status}`), messageZh: json.messageZh ?? `HTTP ${res.status}` };
}
