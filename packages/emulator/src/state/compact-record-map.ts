// A Map of JSON records (invoices, ledger receipts) that keeps the most recently used ones as live objects and the
// rest compressed: 100,000 invoices fit in a fraction of the memory their objects would take (README "Speed").
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A preset dictionary for deflate: the property names and common values of the records kept here, so even a record of
 * a few hundred bytes compresses well. Any record compresses with it; only the ratio depends on how alike they are.
 */
const DICTIONARY = Buffer.from(
  JSON.stringify({
    type: 'SALES_INVOICE',
    partnerId: 0,
    date: '2026-01-01',
    counterParty: {
      counterPartyAddress: { name: '', street: '', zip: '', city: '', country: 'FINLAND' },
      contactPersonName: '',
      identifier: '',
      email: '',
      einvoiceAddress: { address: '', operator: '' },
    },
    billingAddress: { name: '', street: '', zip: '', city: '', country: 'FINLAND' },
    deliveryAddress: { name: '', street: '', zip: '', city: '', country: 'FINLAND' },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      bankAccount: { accountNumber: 'FI' },
      dueDate: '2026-01-01',
      currencyRate: 1,
      paymentTermPercentage: 0,
      penaltyPercentage: 0,
      bankReferenceCode: '',
      bankReferenceCodeType: 'FI',
    },
    deliveryTerms: '',
    deliveryMethod: '',
    deliveryInstructions: '',
    invoiceChannel: 'EMAIL',
    penaltyPercent: 0,
    language: 'FINNISH',
    invoiceTemplateId: 0,
    additionalInformation: '',
    vatStatus: 1,
    originalInvoiceNumber: '',
    orderReference: '',
    invoiceRows: [
      {
        id: 0,
        productId: 0,
        product: '',
        productCode: '',
        quantity: 1,
        unit: 'PIECE',
        unitPrice: 0,
        discountPercent: 0,
        vatPercent: 25.5,
        vatStatus: 1,
        comment: '',
        startDate: '',
        endDate: '',
        headerText: '',
        explanationText: '',
      },
    ],
    invoiceNumber: 0,
    status: 'UNFINISHED',
    version: '2026-01-01T00:00:00.000Z',
    notes: '',
    factoringContractId: 0,
    travelInformationItems: [{ departure: '', arrival: '', places: '', purpose: '' }],
    invoiceApprovalInfo: { acceptors: [], verifiers: [] },
    extraInfo: { accountingByRow: true, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceSumInfo: [
      { currency: 'EUR', inAccountingCurrency: true, excludingVatTotal: 0, vatSumTotal: 0, invoiceSumTotal: 0 },
    ],
    attachments: [{ id: 0, name: '.pdf', referenceType: 'INVOICE', referenceId: 0, mimeType: 'application/pdf' }],
    ledgerReceiptId: 0,
    receipt: {
      id: 0,
      type: 'PURCHASE_INVOICE',
      status: 'NOT_SENT',
      name: '',
      receiptDate: '2026-01-01',
      vatType: 'SALES',
      vatStatus: 1,
      invoiceId: 0,
      receiptNumber: 0,
      invoiceNumber: 0,
      invoiceNotes: '',
      transactions: [
        {
          id: 0,
          transactionType: 'REVERSING_ENTRY',
          account: '1700',
          accountingValue: 0,
          vatPercent: 0,
          description: '',
        },
        {
          id: 0,
          transactionType: 'ENTRY',
          account: '3000',
          accountingValue: 0,
          vatPercent: 25.5,
          vatType: 'PURCHASE',
          vatStatus: 1,
          description: '',
          dimensionItemValues: [{ dimensionId: 0, itemId: 0, value: 0 }],
        },
      ],
    },
    statuses:
      'NOT_SENT SENT RECEIVED VERIFIED APPROVED PAYMENT_QUEUED PAYMENT_SENT_TO_BANK PAID PARTLY_PAID MARKED_PAID',
    types: 'SALES_ORDER PURCHASE_ORDER TRAVEL_INVOICE BILL_OF_CHARGES ELECTRONIC_INVOICE NO_SENDING MAIL',
  }),
);
// A small window and hash table: records are a few kilobytes, and each call sets its deflate state up anew.
const DEFLATE = { dictionary: DICTIONARY, windowBits: 13, memLevel: 6 } as const;
const INFLATE = { dictionary: DICTIONARY, windowBits: 13 } as const;

function compress(json: string): string {
  // latin1: one byte per character, the most compact string V8 keeps on its heap.
  return deflateRawSync(json, DEFLATE).toString('latin1');
}

function decompress(blob: string): string {
  return inflateRawSync(Buffer.from(blob, 'latin1'), INFLATE).toString('utf8');
}

/** A record in use: the object callers change in place, the JSON it was read from and its compressed form. */
interface HotRecord<V> {
  value: V;
  /** The JSON the value was decoded from; undefined when set or changed since (it is compressed anew). */
  json?: string;
  blob?: string;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Behaves as a Map in insertion order. get() and set() return and keep live objects, changed in place by the caller as
 * before; the least recently used beyond `hotCapacity` are compressed after the current task (setImmediate), never
 * during it, so an object a handler holds stays the stored one until the handler is done. A changed record is
 * compressed anew, an unchanged one keeps its compressed form. Iteration (values, entries, forEach) is for reading:
 * a compressed record comes out as a frozen copy, so a change through it fails loudly instead of being lost.
 */
export class CompactRecordMap<V extends object> extends Map<number, V> {
  /** How many records per map stay live objects; tests lower it to exercise the compressed path. */
  static hotCapacity = 1000;

  readonly #slots = new Map<number, HotRecord<V> | string>();
  /** Keys of the live records, least recently used first. */
  readonly #hot = new Set<number>();
  #sweepScheduled = false;

  constructor(entries?: Iterable<readonly [number, V]> | null) {
    super();
    for (const [key, value] of entries ?? []) this.set(key, value);
  }

  #touch(key: number): void {
    this.#hot.delete(key);
    this.#hot.add(key);
    if (this.#hot.size > CompactRecordMap.hotCapacity && !this.#sweepScheduled) {
      this.#sweepScheduled = true;
      setImmediate(() => this.#sweep());
    }
  }

  /** Compresses the least recently used live records until at most hotCapacity are left. */
  #sweep(): void {
    this.#sweepScheduled = false;
    for (const key of this.#hot) {
      if (this.#hot.size <= CompactRecordMap.hotCapacity) break;
      this.#hot.delete(key);
      const slot = this.#slots.get(key);
      if (slot === undefined || typeof slot === 'string') continue;
      const json = JSON.stringify(slot.value);
      this.#slots.set(key, json === slot.json && slot.blob !== undefined ? slot.blob : compress(json));
    }
  }

  override get(key: number): V | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    if (typeof slot !== 'string') {
      this.#touch(key);
      return slot.value;
    }
    const json = decompress(slot);
    const value = JSON.parse(json) as V;
    this.#slots.set(key, { value, json, blob: slot });
    this.#touch(key);
    return value;
  }

  override set(key: number, value: V): this {
    this.#slots.set(key, { value });
    this.#touch(key);
    return this;
  }

  override has(key: number): boolean {
    return this.#slots.has(key);
  }

  override delete(key: number): boolean {
    this.#hot.delete(key);
    return this.#slots.delete(key);
  }

  override clear(): void {
    this.#hot.clear();
    this.#slots.clear();
  }

  override get size(): number {
    return this.#slots.size;
  }

  override *keys(): MapIterator<number> {
    yield* this.#slots.keys();
  }

  override *values(): MapIterator<V> {
    for (const slot of this.#slots.values()) {
      yield typeof slot === 'string' ? deepFreeze(JSON.parse(decompress(slot)) as V) : slot.value;
    }
  }

  override *entries(): MapIterator<[number, V]> {
    for (const [key, slot] of this.#slots) {
      yield [key, typeof slot === 'string' ? deepFreeze(JSON.parse(decompress(slot)) as V) : slot.value];
    }
  }

  override [Symbol.iterator](): MapIterator<[number, V]> {
    return this.entries();
  }

  override forEach(callback: (value: V, key: number, map: Map<number, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
