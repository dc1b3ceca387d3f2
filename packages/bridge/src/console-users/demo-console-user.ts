// Demo mode: a console user "admin" with a generated password saved beside the demo admin token, so `npm start` can sign in.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../storage/schema';
import { createConsoleUserService } from './console-user-service';

export const DEMO_CONSOLE_USER = 'admin';
export const DEMO_CONSOLE_PASSWORD_FILE = 'demo-console-password';

export interface DemoConsoleUser {
  userName: string;
  password: string;
  passwordFile: string;
}

/** Reuses the saved password while it still works; otherwise sets a new one (adding the user if needed), mode 0600. */
export async function ensureDemoConsoleUser(db: Database, dataDir: string): Promise<DemoConsoleUser> {
  const users = createConsoleUserService(db);
  const passwordFile = path.join(dataDir, DEMO_CONSOLE_PASSWORD_FILE);
  const saved = await readFile(passwordFile, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (saved && (await users.verify(DEMO_CONSOLE_USER, saved))) {
    return { userName: DEMO_CONSOLE_USER, password: saved, passwordFile };
  }
  const password = randomBytes(12).toString('base64url');
  const exists = (await users.list()).some((user) => user.userName === DEMO_CONSOLE_USER);
  if (exists) await users.setPassword(DEMO_CONSOLE_USER, password);
  else await users.add(DEMO_CONSOLE_USER, password);
  await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  await chmod(passwordFile, 0o600);
  return { userName: DEMO_CONSOLE_USER, password, passwordFile };
}
