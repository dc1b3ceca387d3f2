// Which connection the transfers, linking and registers pages show: chosen in the header, remembered in the browser.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Connection } from './api';
import { useApi } from './use-api';

const STORAGE_KEY = 'procountor-bridge.connection';

interface ConnectionChoice {
  connections: Connection[];
  connectionId: string | undefined;
  connection: Connection | undefined;
  choose(connectionId: string): void;
  reload(): void;
}

const ConnectionChoiceContext = createContext<ConnectionChoice | null>(null);

export function ConnectionChoiceProvider({ children }: { children: ReactNode }) {
  const { data, reload } = useApi<{ connections: Connection[] }>('/v1/connections');
  const [chosen, setChosen] = useState<string | undefined>(() => localStorage.getItem(STORAGE_KEY) ?? undefined);
  const connections = useMemo(() => data?.connections ?? [], [data]);
  const connectionId = connections.some((connection) => connection.id === chosen) ? chosen : connections[0]?.id;
  const choose = useCallback((id: string) => {
    localStorage.setItem(STORAGE_KEY, id);
    setChosen(id);
  }, []);
  // Reload the list when a page changed a connection (wizard, settings).
  useEffect(() => {
    const listener = () => reload();
    window.addEventListener('connections-changed', listener);
    return () => window.removeEventListener('connections-changed', listener);
  }, [reload]);
  const value = useMemo(
    () => ({
      connections,
      connectionId,
      connection: connections.find((connection) => connection.id === connectionId),
      choose,
      reload,
    }),
    [connections, connectionId, choose, reload],
  );
  return <ConnectionChoiceContext.Provider value={value}>{children}</ConnectionChoiceContext.Provider>;
}

export function useConnectionChoice(): ConnectionChoice {
  const value = useContext(ConnectionChoiceContext);
  if (!value) throw new Error('useConnectionChoice outside ConnectionChoiceProvider');
  return value;
}

/** Tells the header's list that connections changed. */
export function connectionsChanged(): void {
  window.dispatchEvent(new Event('connections-changed'));
}
