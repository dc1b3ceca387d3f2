// Products and product groups: search (keyset paging only, the contract has no `page`), read, create, update, delete.
import type {
  ProcountorProduct,
  ProcountorProductGroup,
  ProcountorProductGroups,
  ProcountorProductSearchFilters,
  ProcountorProductSearchResult,
} from '../contract-types';
import { iterateByPreviousId } from '../paging/iterate-by-previous-id';
import { parseJsonBody } from '../transport/http-transport';
import type { CallOptions } from '../typed-request';
import { asArray, joinBatchIds, ProcountorResource, withCall } from './resource';

export type ProductIterateFilters = Omit<ProcountorProductSearchFilters, 'size' | 'previousId'>;

export class Products extends ProcountorResource {
  /** One page of GET /products (name, code, group, type, active, version dates, previousId, size ≤ 200). */
  search(filters: ProcountorProductSearchFilters = {}, options?: CallOptions): Promise<ProcountorProductSearchResult> {
    return this.client.request('get', '/products', { query: filters, ...options });
  }

  /** Every matching product by keyset (previousId, orderById ASC unless given): GET /products has no page parameter. */
  iterate(filters: ProductIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iterateByPreviousId<ProcountorProduct>(
      (cursor) => this.search({ orderById: 'ASC', ...filters, previousId: cursor.previousId, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  get(productId: number, options?: CallOptions & { includeLocalizations?: boolean }): Promise<ProcountorProduct> {
    const { includeLocalizations, ...call } = options ?? {};
    return this.client.request('get', '/products/{productId}', {
      path: { productId: String(productId) },
      ...(includeLocalizations === undefined ? {} : { query: { includeLocalizations } }),
      ...call,
    });
  }

  /** Several products in one request (1–200 ids); all unknown → ProcountorNotFoundError. */
  async getMany(productIds: readonly number[], options?: CallOptions): Promise<ProcountorProduct[]> {
    const ids = joinBatchIds(productIds, 'products.getMany');
    const response = await this.transport.send({ method: 'get', path: `/products/${ids}`, ...withCall(options) });
    return asArray(parseJsonBody<ProcountorProduct | ProcountorProduct[]>(response));
  }

  /** Creates a product (POST). Not retried after it was sent: on OutcomeUnknownError search by code first. */
  create(product: ProcountorProduct, options?: CallOptions) {
    return this.client.request('post', '/products', { body: product, ...options });
  }

  update(productId: number, product: ProcountorProduct, options?: CallOptions) {
    return this.client.request('put', '/products/{productId}', { path: { productId }, body: product, ...options });
  }

  /** Deletes a product (TRAVEL products cannot be removed: 400). */
  delete(productId: number, options?: CallOptions) {
    return this.client.request('delete', '/products/{productId}', { path: { productId }, ...options });
  }

  /** Product groups, optionally of one register type. */
  groups(type?: 'SALES' | 'PURCHASE' | 'TRAVEL', options?: CallOptions): Promise<ProcountorProductGroups> {
    return this.client.request('get', '/products/groups', {
      ...(type === undefined ? {} : { query: { type } }),
      ...options,
    });
  }

  getGroup(groupId: number, options?: CallOptions): Promise<ProcountorProductGroup> {
    return this.client.request('get', '/products/groups/{groupId}', { path: { groupId }, ...options });
  }

  /** Creates a product group (POST). Not retried after it was sent. */
  createGroup(group: ProcountorProductGroup, options?: CallOptions) {
    return this.client.request('post', '/products/groups', { body: group, ...options });
  }

  updateGroup(groupId: number, group: ProcountorProductGroup, options?: CallOptions) {
    return this.client.request('put', '/products/groups/{groupId}', { path: { groupId }, body: group, ...options });
  }

  deleteGroup(groupId: number, options?: CallOptions) {
    return this.client.request('delete', '/products/groups/{groupId}', { path: { groupId }, ...options });
  }
}
