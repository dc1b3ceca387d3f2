// Dimensions (laskentakohteet) and their items; items are added with POST and changed with PUT /dimensions/{id}/items.
import type { ProcountorDimension, ProcountorDimensionItem } from '../contract-types';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class Dimensions extends ProcountorResource {
  /** All dimensions with their items, optionally filtered by dimension name or item code name. */
  list(query: { name?: string; codeName?: string } = {}, options?: CallOptions): Promise<ProcountorDimension[]> {
    return this.client.request('get', '/dimensions', { query, ...options }) as Promise<ProcountorDimension[]>;
  }

  get(dimensionId: number, options?: CallOptions): Promise<ProcountorDimension> {
    return this.client.request('get', '/dimensions/{dimensionId}', { path: { dimensionId }, ...options });
  }

  /**
   * Adds an item to a dimension (POST /dimensions/{id}/items). Not retried after it was sent: on
   * OutcomeUnknownError, read the dimension and look for the codeName first.
   */
  createItem(
    dimensionId: number,
    item: ProcountorDimensionItem,
    options?: CallOptions,
  ): Promise<ProcountorDimensionItem> {
    return this.client.request('post', '/dimensions/{dimensionId}/items', {
      path: { dimensionId },
      body: item,
      ...options,
    });
  }

  /** Changes an item (PUT /dimensions/{id}/items; `item.id` required). The old PUT /dimensions was removed in Nov 2024. */
  updateItem(
    dimensionId: number,
    item: ProcountorDimensionItem,
    options?: CallOptions,
  ): Promise<ProcountorDimensionItem> {
    if (item.id === undefined) throw new TypeError(`dimensions.updateItem(${dimensionId}): item.id is required`);
    return this.client.request('put', '/dimensions/{dimensionId}/items', {
      path: { dimensionId },
      body: item,
      ...options,
    });
  }
}
