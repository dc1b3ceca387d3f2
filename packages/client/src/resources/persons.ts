// Persons register (employees and other persons): search, read, create, update.
import type { ProcountorPerson, ProcountorPersonSearchFilters, ProcountorPersonSearchResult } from '../contract-types';
import { iteratePages } from '../paging/iterate-pages';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

type PersonRow = NonNullable<ProcountorPersonSearchResult['results']>[number];

export class Persons extends ProcountorResource {
  /** One page of GET /persons (personNumber, groups, includeInactive, page, size ≤ 200). */
  search(filters: ProcountorPersonSearchFilters = {}, options?: CallOptions): Promise<ProcountorPersonSearchResult> {
    return this.client.request('get', '/persons', { query: filters, ...options });
  }

  iterate(
    filters: Omit<ProcountorPersonSearchFilters, 'page' | 'size'> = {},
    options?: CallOptions & { size?: number },
  ) {
    const { size, ...call } = options ?? {};
    return iteratePages<PersonRow>(
      (cursor) => this.search({ ...filters, page: cursor.page, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  get(personId: number, options?: CallOptions): Promise<ProcountorPerson> {
    return this.client.request('get', '/persons/{id}', { path: { id: personId }, ...options });
  }

  /** Creates a person (POST). Not retried after it was sent. */
  create(person: ProcountorPerson, options?: CallOptions): Promise<ProcountorPerson> {
    return this.client.request('post', '/persons', { body: person, ...options });
  }

  update(personId: number, person: ProcountorPerson, options?: CallOptions): Promise<ProcountorPerson> {
    return this.client.request('put', '/persons/{id}', { path: { id: personId }, body: person, ...options });
  }
}
