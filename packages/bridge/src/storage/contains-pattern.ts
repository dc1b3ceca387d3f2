// LIKE patterns for "contains" searches: the searched text is matched literally.

/** `%text%` with LIKE's own characters (\, % and _) escaped; PostgreSQL's default escape character is the backslash. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
