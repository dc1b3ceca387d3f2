// Removes secrets (client secret, API key, access token) from text before it reaches an error or a log.

const REDACTED = '[redacted]';

/** Replaces each occurrence of each secret (ignoring empty strings) with "[redacted]". */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === undefined || secret.length === 0) continue;
    result = result.split(secret).join(REDACTED);
  }
  return result;
}
