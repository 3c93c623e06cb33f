import { randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";

/**
 * TOTP (RFC 6238) with the parameters every authenticator app defaults to: HMAC-SHA1, 6 digits,
 * 30-second steps. A code is accepted for the current step and one step either side (clock
 * drift); the caller stores the step a code matched and refuses any step not after it, so a
 * code cannot be used twice.
 */
export const TOTP_RULES = {
  issuer: "建设用地报批系统",
  algorithm: "SHA1",
  digits: 6,
  periodSeconds: 30,
  /** Steps accepted either side of the current one. */
  window: 1,
  /** Secret length in bytes (RFC 4226 recommends 160 bits). */
  secretBytes: 20,
} as const;

/** A new secret from the operating system's CSPRNG, in base32 (what authenticator apps take). */
export function generateTotpSecret(): string {
  const bytes = randomBytes(TOTP_RULES.secretBytes);
  return new Secret({ buffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }).base32;
}

function totp(secretBase32: string, label = "", digits: number = TOTP_RULES.digits, algorithm: string = TOTP_RULES.algorithm): TOTP {
  return new TOTP({
    issuer: TOTP_RULES.issuer,
    label,
    algorithm,
    digits,
    period: TOTP_RULES.periodSeconds,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The time step (counter) of a moment. */
export function totpStep(at: number = Date.now()): number {
  return Math.floor(at / 1000 / TOTP_RULES.periodSeconds);
}

/** The code for a moment (tests, the demo, the e2e runner). */
export function totpCode(secretBase32: string, at: number = Date.now(), options: { digits?: number; algorithm?: string } = {}): string {
  return totp(secretBase32, "", options.digits, options.algorithm).generate({ timestamp: at });
}

/**
 * The step a code matches within the window around `at`, or null. Codes that are not exactly
 * `digits` ASCII digits never match.
 */
export function matchTotpStep(secretBase32: string, code: string, at: number = Date.now()): number | null {
  if (!new RegExp(`^[0-9]{${TOTP_RULES.digits}}$`).test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: at, window: TOTP_RULES.window });
  return delta === null ? null : totpStep(at) + delta;
}

/** otpauth:// URI for enrolment (Key Uri Format: issuer, account label, secret, parameters). */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** Base32 in groups of four, easier to type into an app by hand. */
export function groupSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, "$1 ");
}
