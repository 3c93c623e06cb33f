import { hash, verify } from "@node-rs/argon2";

// argon2id (RFC 9106), the @node-rs/argon2 defaults for memory and time cost.
// `2` is Algorithm.Argon2id: the package ships it as a const enum, which isolatedModules cannot inline.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
