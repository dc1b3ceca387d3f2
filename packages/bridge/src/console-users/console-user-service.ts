// Console users (CLI-managed admins) and their sessions: add, list, remove, change password, sign in, resolve a cookie.
import { randomBytes } from 'node:crypto';
import { hashApiToken } from '../api-tokens/generate-api-token';
import { BridgeError, NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { Principal } from '../server/principal';
import type { Database } from '../storage/schema';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './hash-password';

export interface ConsoleUserRecord {
  id: string;
  userName: string;
  createdAt: Date;
  passwordChangedAt: Date;
  lastSignInAt: Date | null;
}

/** What the server's auth hook learns from a session cookie. */
export interface ConsoleSession {
  principal: Principal;
  csrfToken: string;
  userName: string;
  expiresAt: Date;
}

/** A session ends after this long without a request; each request moves the end (to the minute). */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const SLIDE_RESOLUTION_MS = 60_000;
const USER_NAME_PATTERN = /^[\p{L}\p{N}._@-]{1,100}$/u;

export class SignInFailedError extends BridgeError {
  override name = 'SignInFailedError';
  constructor() {
    // One message for an unknown user and a wrong password: the answer does not tell which user names exist.
    super(401, 'sign_in_failed', 'The user name or the password is wrong.');
  }
}

export class UserNameTakenError extends BridgeError {
  override name = 'UserNameTakenError';
  constructor(userName: string) {
    super(409, 'user_name_taken', `A console user named "${userName}" exists already.`, [
      { path: 'userName', rule: 'unique', message: 'is taken' },
    ]);
  }
}

/** A session token is 256 random bits like an API token, so it is stored the same way: a plain SHA-256. */
const hashSessionToken = hashApiToken;

function checkUserName(userName: string) {
  if (!USER_NAME_PATTERN.test(userName)) {
    throw new ValidationFailedError(
      [{ path: 'userName', rule: 'pattern', message: 'must be 1-100 letters, digits or . _ @ -' }],
      'The user',
    );
  }
}

function checkPassword(password: string) {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationFailedError(
      [{ path: 'password', rule: 'minLength', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }],
      'The password',
    );
  }
}

export function createConsoleUserService(db: Database, now: () => Date = () => new Date()) {
  const toRecord = (row: {
    id: string;
    user_name: string;
    created_at: Date;
    password_changed_at: Date;
    last_sign_in_at: Date | null;
  }): ConsoleUserRecord => ({
    id: row.id,
    userName: row.user_name,
    createdAt: new Date(row.created_at),
    passwordChangedAt: new Date(row.password_changed_at),
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at) : null,
  });
  const columns = ['id', 'user_name', 'created_at', 'password_changed_at', 'last_sign_in_at'] as const;

  const findUser = (userName: string) =>
    db.selectFrom('console_users').selectAll().where('user_name', '=', userName).executeTakeFirst();

  return {
    async add(userName: string, password: string): Promise<ConsoleUserRecord> {
      checkUserName(userName);
      checkPassword(password);
      if (await findUser(userName)) throw new UserNameTakenError(userName);
      const row = await db
        .insertInto('console_users')
        .values({
          id: `usr_${randomBytes(8).toString('hex')}`,
          user_name: userName,
          password_hash: await hashPassword(password),
        })
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async list(): Promise<ConsoleUserRecord[]> {
      return (await db.selectFrom('console_users').select(columns).orderBy('user_name').execute()).map(toRecord);
    },

    /** Removes the user and ends every session of theirs. */
    async remove(userName: string): Promise<void> {
      const result = await db.deleteFrom('console_users').where('user_name', '=', userName).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`Console user ${userName}`);
    },

    /** A new password ends every session of the user: whoever knew the old one is signed out. */
    async setPassword(userName: string, password: string): Promise<void> {
      checkPassword(password);
      const user = await findUser(userName);
      if (!user) throw new NotFoundError(`Console user ${userName}`);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('console_users')
          .set({ password_hash: await hashPassword(password), password_changed_at: now() })
          .where('id', '=', user.id)
          .execute();
        await trx.deleteFrom('console_sessions').where('user_id', '=', user.id).execute();
      });
    },

    async verify(userName: string, password: string): Promise<boolean> {
      const user = await findUser(userName);
      return Boolean(user && (await verifyPassword(password, user.password_hash)));
    },

    /** Checks the password and opens a session: the token goes in the cookie, the CSRF token to the console. */
    async signIn(userName: string, password: string) {
      const user = await findUser(userName);
      // Hash even for an unknown user, so the answer takes as long either way.
      const ok = user
        ? await verifyPassword(password, user.password_hash)
        : await hashPassword(password).then(() => false);
      if (!user || !ok) throw new SignInFailedError();
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const expiresAt = new Date(now().getTime() + SESSION_IDLE_MS);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('console_sessions')
          .values({
            token_hash: hashSessionToken(token),
            user_id: user.id,
            csrf_token: csrfToken,
            expires_at: expiresAt,
          })
          .execute();
        await trx.updateTable('console_users').set({ last_sign_in_at: now() }).where('id', '=', user.id).execute();
        // Expired sessions of anyone are swept here rather than by a job: sign-ins are rare.
        await trx.deleteFrom('console_sessions').where('expires_at', '<', now()).execute();
      });
      return { token, csrfToken, userName: user.user_name, expiresAt };
    },

    /** The session behind a cookie value, or undefined when unknown or expired; slides the expiry. */
    async authenticateSession(token: string): Promise<ConsoleSession | undefined> {
      const tokenHash = hashSessionToken(token);
      const row = await db
        .selectFrom('console_sessions')
        .innerJoin('console_users', 'console_users.id', 'console_sessions.user_id')
        .select([
          'console_sessions.csrf_token',
          'console_sessions.expires_at',
          'console_sessions.last_seen_at',
          'console_users.id as user_id',
          'console_users.user_name',
        ])
        .where('console_sessions.token_hash', '=', tokenHash)
        .executeTakeFirst();
      const at = now();
      if (!row || new Date(row.expires_at).getTime() <= at.getTime()) return undefined;
      let expiresAt = new Date(row.expires_at);
      if (at.getTime() - new Date(row.last_seen_at).getTime() >= SLIDE_RESOLUTION_MS) {
        expiresAt = new Date(at.getTime() + SESSION_IDLE_MS);
        await db
          .updateTable('console_sessions')
          .set({ last_seen_at: at, expires_at: expiresAt })
          .where('token_hash', '=', tokenHash)
          .execute();
      }
      return {
        principal: { kind: 'admin', tokenId: `console-user:${row.user_id}`, userName: row.user_name },
        csrfToken: row.csrf_token,
        userName: row.user_name,
        expiresAt,
      };
    },

    async signOut(token: string): Promise<void> {
      await db.deleteFrom('console_sessions').where('token_hash', '=', hashSessionToken(token)).execute();
    },
  };
}

export type ConsoleUserService = ReturnType<typeof createConsoleUserService>;
