// Counts what the state holds, per company: what GET /_emulator/state/summary answers.
import type { EmulatorState } from '../state/emulator-state';

export interface CompanySummary {
  companyId: number;
  name: string | undefined;
  /** Active (unrevoked) API keys of this company. */
  apiKeys: number;
  /** Size of every collection the company holds (businessPartners, invoices, …), named as in the state. */
  counts: Record<string, number>;
}

export interface StateSummary {
  clients: number;
  apiKeys: number;
  activeTokens: number;
  companies: CompanySummary[];
}

export function summarizeState(state: EmulatorState, nowMs: number): StateSummary {
  const activeKeys = [...state.apiKeys.values()].filter((key) => !key.revoked);
  return {
    clients: state.clients.size,
    apiKeys: activeKeys.length,
    activeTokens: [...state.tokens.values()].filter((token) => token.expiresAtMs > nowMs).length,
    companies: [...state.companies.values()].map((company) => {
      // Counted generically so collections the domain folders add later show up without a change here.
      const counts: Record<string, number> = {};
      for (const [field, value] of Object.entries(company)) {
        if (value instanceof Map) counts[field] = value.size;
        else if (Array.isArray(value)) counts[field] = value.length;
      }
      return {
        companyId: company.id,
        name: company.info.name,
        apiKeys: activeKeys.filter((key) => key.companyId === company.id).length,
        counts,
      };
    }),
  };
}
