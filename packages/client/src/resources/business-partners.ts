// Business partners (customers, suppliers, persons): search by headers and query, read, create, replace, patch, groups.
import type {
  ProcountorBusinessPartner,
  ProcountorBusinessPartnerBasicInfo,
  ProcountorBusinessPartnerGroup,
  ProcountorBusinessPartnerGroupSearchResult,
  ProcountorBusinessPartnerSearchFilters,
  ProcountorBusinessPartnerSearchResult,
} from '../contract-types';
import { iterateByPreviousId } from '../paging/iterate-by-previous-id';
import { iteratePages } from '../paging/iterate-pages';
import { parseJsonBody } from '../transport/http-transport';
import type { CallOptions } from '../typed-request';
import { asArray, joinBatchIds, ProcountorResource, withCall } from './resource';

/** The query filters plus `name` and `identifier`, which the contract takes as HTTP headers. */
export interface BusinessPartnerSearch extends ProcountorBusinessPartnerSearchFilters {
  /** Partner name; sent as the `name` header (contract: "supports name and identifier parameters in HTTP header"). */
  name?: string;
  /** Business identifier (e.g. business ID 1234567-8); sent as the `identifier` header. */
  identifier?: string;
}

export type BusinessPartnerIterateFilters = Omit<BusinessPartnerSearch, 'page' | 'size' | 'previousId'>;

/**
 * HTTP header values are bytes; fetch sends characters up to U+00FF as ISO-8859-1, so Finnish names (ä, ö, å) pass.
 * Other characters cannot be carried: say so instead of sending a mangled name.
 */
function toHeaderValue(name: string, value: string): string {
  if (/[^\t\x20-\x7e\xa0-\xff]/.test(value)) {
    throw new TypeError(
      `businessPartners.search: ${name} '${value}' has characters an HTTP header cannot carry (only ISO-8859-1); ` +
        'search without it and filter the results instead',
    );
  }
  return value.trim();
}

export class BusinessPartners extends ProcountorResource {
  /**
   * One page of GET /businesspartners. `name` and `identifier` travel as HTTP headers, the other filters
   * (customerNumber, type, active, versionStartDate …, page, size ≤ 200) in the query. Resolves with `{ results, meta }`.
   */
  async search(
    search: BusinessPartnerSearch = {},
    options?: CallOptions,
  ): Promise<ProcountorBusinessPartnerSearchResult> {
    const { name, identifier, ...query } = search;
    const headers: Record<string, string> = { ...options?.headers };
    if (name !== undefined) headers.name = toHeaderValue('name', name);
    if (identifier !== undefined) headers.identifier = toHeaderValue('identifier', identifier);
    const response = await this.transport.send({
      method: 'get',
      path: '/businesspartners',
      query,
      headers,
      ...withCall(options),
    });
    return parseJsonBody<ProcountorBusinessPartnerSearchResult>(response);
  }

  /** Every matching partner, page by page (size 200 unless given). */
  iterate(filters: BusinessPartnerIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iteratePages<ProcountorBusinessPartnerBasicInfo>(
      (cursor) => this.search({ ...filters, page: cursor.page, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  /** Every matching partner by keyset (previousId, orderById ASC unless given). */
  iterateByPreviousId(filters: BusinessPartnerIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iterateByPreviousId<ProcountorBusinessPartnerBasicInfo>(
      (cursor) => this.search({ orderById: 'ASC', ...filters, previousId: cursor.previousId, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  /** One partner with all details. */
  get(partnerId: number, options?: CallOptions): Promise<ProcountorBusinessPartner> {
    return this.client.request('get', '/businesspartners/{id}', { path: { id: String(partnerId) }, ...options });
  }

  /** Several partners in one request (1–200 ids); all unknown → ProcountorNotFoundError. */
  async getMany(partnerIds: readonly number[], options?: CallOptions): Promise<ProcountorBusinessPartner[]> {
    const ids = joinBatchIds(partnerIds, 'businessPartners.getMany');
    const response = await this.transport.send({
      method: 'get',
      path: `/businesspartners/${ids}`,
      ...withCall(options),
    });
    return asArray(parseJsonBody<ProcountorBusinessPartner | ProcountorBusinessPartner[]>(response));
  }

  /**
   * Creates a customer or supplier (POST). Never retried after it was sent: on OutcomeUnknownError, search by
   * business ID and customer number before creating again (duplicates are users' top complaint, FACTS.md).
   */
  create(partner: ProcountorBusinessPartner, options?: CallOptions) {
    return this.client.request('post', '/businesspartners', { body: partner, ...options });
  }

  /** Replaces the whole partner (PUT /businesspartners/{id}). */
  update(partnerId: number, partner: ProcountorBusinessPartner, options?: CallOptions) {
    return this.client.request('put', '/businesspartners/{id}', { path: { id: partnerId }, body: partner, ...options });
  }

  /**
   * Changes some fields (PATCH): name, type, address, invoicing and payment info. Needs `version` (the partner's
   * last modification time), from the argument or `changes.version`; throws before sending when neither is set.
   */
  patch(partnerId: number, changes: ProcountorBusinessPartner, options?: CallOptions & { version?: string }) {
    const { version, ...call } = options ?? {};
    const effective = version ?? (changes as { version?: string }).version;
    if (effective === undefined || effective === '') {
      throw new TypeError(
        `businessPartners.patch(${partnerId}): pass the partner's current version (options.version or changes.version); ` +
          'read it with businessPartners.get',
      );
    }
    return this.client.request('patch', '/businesspartners/{id}', {
      path: { id: partnerId },
      query: { version: effective },
      body: changes,
      ...call,
    });
  }

  /** One page of partner groups. */
  groups(
    query: {
      name?: string;
      type?: 'CUSTOMER' | 'SUPPLIER' | 'PERSON';
      active?: boolean;
      size?: number;
      page?: number;
    } = {},
    options?: CallOptions,
  ): Promise<ProcountorBusinessPartnerGroupSearchResult> {
    return this.client.request('get', '/businesspartners/groups', { query, ...options });
  }

  getGroup(groupId: number, options?: CallOptions): Promise<ProcountorBusinessPartnerGroup> {
    return this.client.request('get', '/businesspartners/groups/{id}', { path: { id: groupId }, ...options });
  }

  /** Creates a partner group (POST). Not retried after it was sent. */
  createGroup(group: ProcountorBusinessPartnerGroup, options?: CallOptions) {
    return this.client.request('post', '/businesspartners/groups', { body: group, ...options });
  }

  updateGroup(groupId: number, group: ProcountorBusinessPartnerGroup, options?: CallOptions) {
    return this.client.request('put', '/businesspartners/groups/{id}', {
      path: { id: groupId },
      body: group,
      ...options,
    });
  }
}
