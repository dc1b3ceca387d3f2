// Turns an admin path pattern into a matcher: a glob (`/api/invoices*`) or a regular expression (`^/api/…$`, `/…/`).
import { ProcountorApiError } from '../http/procountor-error';

export type PathMatcher = (path: string) => boolean;

/**
 * A pattern that starts with `^` or is wrapped in slashes (`/invoices\/\d+/`) is a regular expression; anything else
 * is a glob where `*` matches any characters (slashes too) and `?` one character. Globs match the whole path.
 */
export function compilePathPattern(pattern: string, field = 'pathPattern'): PathMatcher {
  const wrapped = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  const isRegex = pattern.startsWith('^') || (wrapped !== null && /[\\^$()[\]|+{}]/.test(wrapped[1]!));
  try {
    if (isRegex) {
      const regex = wrapped && !pattern.startsWith('^') ? new RegExp(wrapped[1]!, wrapped[2]) : new RegExp(pattern);
      return (path) => regex.test(path);
    }
  } catch (error) {
    throw ProcountorApiError.badRequest(field, `not a valid regular expression: ${(error as Error).message}`);
  }
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const glob = new RegExp(`^${source}$`);
  return (path) => glob.test(path);
}
