import { Secret } from "otpauth";
import { describe, expect, it } from "vitest";
import { generateTotpSecret, groupSecret, matchTotpStep, TOTP_RULES, totpCode, totpStep, totpUri } from "./totp.ts";

// RFC 6238 Appendix B: the seeds are the ASCII strings below, 8-digit codes.
const SHA1 = Secret.fromLatin1("12345678901234567890").base32;
const SHA256 = Secret.fromLatin1("12345678901234567890123456789012").base32;
const SHA512 = Secret.fromLatin1("1234567890123456789012345678901234567890123456789012345678901234").base32;
const VECTORS: [number, string, string, string][] = [
  // T (seconds), SHA1, SHA256, SHA512
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it("reproduces the Appendix B test vectors for SHA-1, SHA-256 and SHA-512", () => {
    for (const [t, sha1, sha256, sha512] of VECTORS) {
      expect(totpCode(SHA1, t * 1000, { digits: 8 }), `SHA1 T=${t}`).toBe(sha1);
      expect(totpCode(SHA256, t * 1000, { digits: 8, algorithm: "SHA256" }), `SHA256 T=${t}`).toBe(sha256);
      expect(totpCode(SHA512, t * 1000, { digits: 8, algorithm: "SHA512" }), `SHA512 T=${t}`).toBe(sha512);
    }
  });

  it("6-digit codes are the last six digits of the 8-digit ones (same truncation, mod 10^6)", () => {
    for (const [t, sha1] of VECTORS) expect(totpCode(SHA1, t * 1000)).toBe(sha1.slice(-6));
    expect(totpCode(SHA1, 59_000)).toBe("287082");
  });

  it("accepts the current step and one step either side, and reports which step matched", () => {
    const t = 1_111_111_111_000;
    const step = totpStep(t);
    expect(matchTotpStep(SHA1, totpCode(SHA1, t), t)).toBe(step);
    expect(matchTotpStep(SHA1, totpCode(SHA1, t - 30_000), t)).toBe(step - 1);
    expect(matchTotpStep(SHA1, totpCode(SHA1, t + 30_000), t)).toBe(step + 1);
    expect(matchTotpStep(SHA1, totpCode(SHA1, t - 60_000), t)).toBeNull();
    expect(matchTotpStep(SHA1, totpCode(SHA1, t + 60_000), t)).toBeNull();
  });

  it("never matches malformed codes", () => {
    const t = 59_000;
    for (const bad of ["", "28708", "2870822", "28708a", " 287082", "２８７０８２", "94287082"])
      expect(matchTotpStep(SHA1, bad, t), bad).toBeNull();
  });

  it("generates 160-bit random secrets and an otpauth:// URI apps accept", () => {
    const a = generateTotpSecret();
    const b = generateTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
    const uri = new URL(totpUri(a, "admin"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(uri.searchParams.get("secret")).toBe(a);
    expect(uri.searchParams.get("issuer")).toBe(TOTP_RULES.issuer);
    expect(uri.searchParams.get("digits")).toBe("6");
    expect(uri.searchParams.get("period")).toBe("30");
    expect(decodeURIComponent(uri.pathname)).toContain("admin");
    expect(groupSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
