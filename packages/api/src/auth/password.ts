/**
 * Password hashing with scrypt (Node's built-in `crypto.scrypt`): memory-hard, no native add-on to
 * build. A stored hash names its parameters, so the cost can rise later and old hashes still verify:
 *
 *   scrypt$ln=17,r=8,p=1$<salt, base64>$<key, base64>
 *
 * The default cost is OWASP's minimum for scrypt (N = 2^17, r = 8, p = 1: 128 MiB and about 0.4 s
 * per hash on the 2-core machine). Tests pass a small cost; verification accepts only parameters
 * within sane bounds so a crafted hash cannot exhaust the server.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptCost {
  /** log2 of N, the CPU/memory cost. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

export const DEFAULT_SCRYPT_COST: ScryptCost = { logN: 17, r: 8, p: 1 };

/** A cheap cost for tests only (never for real accounts). */
export const TEST_SCRYPT_COST: ScryptCost = { logN: 10, r: 8, p: 1 };

const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    // scrypt needs 128 · N · r bytes; leave room above it.
    maxmem: 256 * 2 ** cost.logN * cost.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** Hashes a password (normalised to NFC, so Vietnamese typed either way verifies). */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return `scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

const FORMAT = /^scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Whether `password` matches the stored hash; false for a malformed or out-of-bounds hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const cost = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.logN < 1 || cost.logN > 20 || cost.r < 1 || cost.r > 32 || cost.p < 1 || cost.p > 16)
    return false;
  const expected = Buffer.from(match[5]!, 'base64');
  if (expected.length !== KEY_BYTES) return false;
  const key = await derive(password, Buffer.from(match[4]!, 'base64'), cost);
  return timingSafeEqual(key, expected);
}

/**
 * A hash of a random password at the given cost: verifying against it takes as long as against a
 * real account, so an unknown username answers no faster than a wrong password.
 */
export async function decoyHash(cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  return hashPassword(randomBytes(18).toString('base64'), cost);
}
