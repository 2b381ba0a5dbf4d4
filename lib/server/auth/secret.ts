/**
 * The secret that signs session cookies. TANDEM_AUTH_SECRET wins; otherwise one is made on first
 * start and kept in data/auth-secret (mode 0600), so sessions survive restarts without anyone
 * having to configure it. Creating it is race-free: two processes starting at once agree on the
 * file that was written first.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const MIN_LENGTH = 32;

export function authSecret(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): string {
  const configured = env.TANDEM_AUTH_SECRET?.trim();
  if (configured) {
    if (configured.length < MIN_LENGTH) throw new Error(`TANDEM_AUTH_SECRET must be at least ${MIN_LENGTH} characters long.`);
    return configured;
  }
  const file = path.join(root, "data", "auth-secret");
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stored = readFileSync(file, "utf8").trim();
  if (stored.length < MIN_LENGTH) throw new Error(`${file} holds no usable secret: delete it to make a new one (everyone is signed out).`);
  return stored;
}
