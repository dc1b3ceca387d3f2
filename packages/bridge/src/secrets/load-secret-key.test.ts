// Tests where the encryption key comes from: config first, else a key file created once with mode 0600 and reused.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSecretKey } from './load-secret-key';

describe('loadSecretKey', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'bridge-secrets-')), 'data');
  });
  afterEach(async () => {
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('uses BRIDGE_SECRET_KEY when set and writes no file', async () => {
    const secretKey = randomBytes(32);
    const loaded = await loadSecretKey({ secretKey, dataDir });
    expect(loaded).toEqual({ key: secretKey, source: 'BRIDGE_SECRET_KEY' });
  });

  it('creates <dataDir>/secret.key with mode 0600 once, then reuses it', async () => {
    const first = await loadSecretKey({ secretKey: undefined, dataDir });
    expect(first.source).toBe('key file created');
    expect(first.key).toHaveLength(32);
    expect((await stat(path.join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    const second = await loadSecretKey({ secretKey: undefined, dataDir });
    expect(second.source).toBe('key file');
    expect(second.key.equals(first.key)).toBe(true);
  });

  it('gives processes starting at once the same key and leaves no temporary files', async () => {
    const loaded = await Promise.all(Array.from({ length: 5 }, () => loadSecretKey({ secretKey: undefined, dataDir })));
    expect(new Set(loaded.map((result) => result.key.toString('hex'))).size).toBe(1);
    expect(await readdir(dataDir)).toEqual(['secret.key']);
  });

  it('refuses a key file other users can read', async () => {
    await loadSecretKey({ secretKey: undefined, dataDir });
    await chmod(path.join(dataDir, 'secret.key'), 0o644);
    await expect(loadSecretKey({ secretKey: undefined, dataDir })).rejects.toThrow(/chmod 600/);
  });
});
