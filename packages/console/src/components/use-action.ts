// One button's action: busy while it runs, then a notice or the error, then whatever should be read again.
import { useState } from 'react';

export function useAction() {
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string | undefined>, after?: () => void) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await action());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
      after?.();
    }
  };
  return { error, notice, busy, run };
}
