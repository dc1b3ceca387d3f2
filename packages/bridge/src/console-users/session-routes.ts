// POST /v1/session (sign in), GET /v1/session (who am I) and DELETE /v1/session (sign out) for the admin console.
import { Type } from 'typebox';
import { BridgeError } from '../errors/bridge-error';
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import { SESSION_COOKIE } from '../server/build-server';
import { principalOf } from '../server/principal';
import { type ConsoleUserService, SignInFailedError } from './console-user-service';
import { createSignInThrottle, SignInThrottledError } from './sign-in-throttle';

const tags = ['session'];

class NoSessionError extends BridgeError {
  override name = 'NoSessionError';
  constructor() {
    super(404, 'no_session', 'This request is not made with a console session.');
  }
}

const SessionResponse = Type.Object({
  userName: Type.String({ description: 'The signed-in console user.' }),
  csrfToken: Type.String({
    description:
      'Send it as the X-CSRF-Token header on every POST, PUT, PATCH and DELETE made with the session cookie.',
  }),
  expiresAt: Type.String({ format: 'date-time', description: 'When the session ends unless used before.' }),
});

export function sessionRoutes(users: ConsoleUserService, throttle = createSignInThrottle()): RouteModule {
  return (app) => {
    app.post(
      '/v1/session',
      {
        config: { public: true } satisfies BridgeRouteConfig,
        schema: {
          tags,
          summary: 'Sign in to the console',
          description:
            "Checks a console user's password (users are created with `bridge users add`) and sets the session cookie pb_session (httpOnly, SameSite=Strict). The body must be JSON, so a cross-site HTML form cannot sign anyone in. 401 sign_in_failed for a wrong user name or password; after 10 failures for one user from one address in 15 minutes, 429 sign_in_throttled with Retry-After.",
          security: [],
          body: Type.Object(
            {
              userName: Type.String({ minLength: 1, maxLength: 100 }),
              password: Type.String({ minLength: 1, maxLength: 1000 }),
            },
            { additionalProperties: false },
          ),
          response: { 200: SessionResponse },
        },
      },
      async (request, reply) => {
        const { userName, password } = request.body;
        try {
          throttle.check(userName, request.ip);
        } catch (error) {
          if (error instanceof SignInThrottledError) reply.header('retry-after', Math.ceil(error.retryAfterSeconds));
          throw error;
        }
        let session: Awaited<ReturnType<ConsoleUserService['signIn']>>;
        try {
          session = await users.signIn(userName, password);
        } catch (error) {
          if (error instanceof SignInFailedError) throttle.failed(userName, request.ip);
          throw error;
        }
        throttle.succeeded(userName, request.ip);
        reply.setCookie(SESSION_COOKIE, session.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: request.protocol === 'https',
          path: '/',
        });
        return { userName: session.userName, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
      },
    );

    app.get(
      '/v1/session',
      {
        schema: {
          tags,
          summary: 'Who is signed in',
          description:
            'With the session cookie: the user, the CSRF token (so a reloaded console can go on) and the expiry. With a bearer token: 404 no_session.',
          response: { 200: SessionResponse },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const cookieValue = request.cookies[SESSION_COOKIE];
        const session = cookieValue ? await users.authenticateSession(cookieValue) : undefined;
        if (!session || principal.tokenId !== session.principal.tokenId) throw new NoSessionError();
        return { userName: session.userName, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
      },
    );

    app.delete(
      '/v1/session',
      {
        config: { public: true } satisfies BridgeRouteConfig,
        schema: {
          tags,
          summary: 'Sign out',
          description:
            'Ends the session and clears the cookie. Needs the X-CSRF-Token header while the session is valid; answers 204 also when it already ended.',
          security: [],
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const cookieValue = request.cookies[SESSION_COOKIE];
        if (cookieValue) await users.signOut(cookieValue);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}
