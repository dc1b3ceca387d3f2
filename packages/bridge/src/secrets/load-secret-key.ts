// Finds the encryption key: BRIDGE_SECRET_KEY when set, else `<dataDir>/secret.key`, created once with mode 0600.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BridgeConfig } from '../config/load-config';

export const SECRET_KEY_FILE_NAME = 'secret.key';
const KEY_BYTES = 32;

export interface SecretKeySource {
  key: Buffer;
  /** Where it came from, for the start-up log (never the key itself). */
  source: 'BRIDGE_SECRET_KEY' | 'key file created' | 'key file';
  /** The key file, when one is used. */
  filePath?: string;
}

/**
 * Returns the key from config, or reads the key file, creating it on first start. The file holds the key as base64,
 * like BRIDGE_SECRET_KEY, so an operator can move it into the environment as is.
 */
export async function loadSecretKey(config: Pick<BridgeConfig, 'secretKey' | 'dataDir'>): Promise<SecretKeySource> {
  if (config.secretKey) return { key: config.secretKey, source: 'BRIDGE_SECRET_KEY' };
  const filePath = path.join(config.dataDir, SECRET_KEY_FILE_NAME);
  await mkdir(config.dataDir, { recursive: true });
  // Write a private temporary file, then link it into place: link fails if the key exists, so two processes
  // starting at once agree on one key, and no reader ever sees a half-written file.
  const temporaryPath = `${filePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporaryPath, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(temporaryPath, filePath);
    return { key: await readKeyFile(filePath), source: 'key file created', filePath };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temporaryPath);
  }
  return { key: await readKeyFile(filePath), source: 'key file', filePath };
}

async function readKeyFile(filePath: string): Promise<Buffer> {
  const key = Buffer.from((await readFile(filePath, 'utf8')).trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new Error(`${filePath} should hold base64 of ${KEY_BYTES} bytes but decodes to ${key.length}; restore it`);
  }
  // Refuse a key others can read: anyone with it and the database can read every Procountor credential.
  const { mode } = await stat(filePath);
  if ((mode & 0o077) !== 0) {
    throw new Error(`${filePath} is readable by other users (mode ${(mode & 0o777).toString(8)}); run chmod 600 on it`);
  }
  return key;
}
