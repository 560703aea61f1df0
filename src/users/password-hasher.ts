import { hash, verify } from '@node-rs/argon2';

/** argon2id via @node-rs/argon2 (prebuilt; no compiler or install-time download). */
export const hashPassword = (password: string): Promise<string> => hash(password);

export const verifyPassword = async (hashed: string, password: string): Promise<boolean> => {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
};

/** Verified against when the email is unknown, so both failures take the same time. */
export const DUMMY_HASH_PROMISE: Promise<string> = hash('not-a-real-password-for-timing');
