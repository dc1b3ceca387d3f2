// Group commit for single submissions: the POSTs of one connection that arrive while the previous group is being
// stored wait for it, then go together through the batch path (submit-transfer-batch.ts): one reading of the
// registers, one transaction and three inserts for the group instead of about ten statements each. Every request is
// still answered as if it had come alone, and only after its own document committed.
import { BridgeError } from '../errors/bridge-error';
import { type RegisterReads, rememberedRegisterReads } from '../registers/register-reads';
import type { TransferDocumentToStore } from './accept-transfer';
import type { StoredResponse } from './idempotency-keys';
import { submitTransferBatch } from './submit-transfer-batch';
import type { TransferDeps } from './transfer-deps';
import type { ExternalIdConflictError } from './transfer-errors';

/** The checks that need the registers, then the document as stored; throws a BridgeError (400) to refuse it. */
export type PrepareSubmission = (reads: RegisterReads) => Promise<TransferDocumentToStore>;
export type SubmissionOutcome = StoredResponse | ExternalIdConflictError;

interface Waiting {
  prepare: PrepareSubmission;
  resolve(outcome: SubmissionOutcome): void;
  reject(error: unknown): void;
}

/** At most this many documents in one transaction; the rest wait for the next group. */
const MAX_GROUP = 200;

class SubmissionGroups {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly storing = new Set<string>();

  constructor(private readonly deps: TransferDeps) {}

  submit(connectionId: string, prepare: PrepareSubmission): Promise<SubmissionOutcome> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(connectionId) ?? [];
      queue.push({ prepare, resolve, reject });
      this.waiting.set(connectionId, queue);
      // The first of a quiet moment goes at once (after the requests of the same tick joined it).
      if (!this.storing.has(connectionId)) {
        this.storing.add(connectionId);
        setImmediate(() => void this.storeGroups(connectionId));
      }
    });
  }

  private async storeGroups(connectionId: string): Promise<void> {
    try {
      for (;;) {
        const queue = this.waiting.get(connectionId) ?? [];
        if (queue.length === 0) break;
        const group = queue.splice(0, MAX_GROUP);
        await this.storeGroup(connectionId, group);
      }
    } finally {
      this.waiting.delete(connectionId);
      this.storing.delete(connectionId);
    }
  }

  private async storeGroup(connectionId: string, group: Waiting[]): Promise<void> {
    const reads = rememberedRegisterReads(this.deps.db, connectionId);
    const ready: Array<{ waiting: Waiting; document: TransferDocumentToStore }> = [];
    for (const waiting of group) {
      try {
        ready.push({ waiting, document: await waiting.prepare(reads) });
      } catch (error) {
        waiting.reject(error);
      }
    }
    if (ready.length === 0) return;
    try {
      const outcomes = await submitTransferBatch(
        this.deps,
        ready.map(({ document }) => document),
      );
      outcomes.forEach((outcome, index) => {
        ready[index]?.waiting.resolve(outcome);
      });
    } catch (error) {
      if (ready.length === 1 || error instanceof BridgeError) {
        for (const { waiting } of ready) waiting.reject(error);
        return;
      }
      // One document the database refuses must not fail the others: each goes again on its own.
      for (const { waiting, document } of ready) {
        await submitTransferBatch(this.deps, [document]).then(
          ([outcome]) => waiting.resolve(outcome as SubmissionOutcome),
          (alone) => waiting.reject(alone),
        );
      }
    }
  }
}

// One set of groups per composed bridge (its deps object): its database, job queue and events.
const groupsByDeps = new WeakMap<TransferDeps, SubmissionGroups>();

/** Stores one document with the others of its connection that are waiting now; answers it as a single submit. */
export function submitInGroup(
  deps: TransferDeps,
  connectionId: string,
  prepare: PrepareSubmission,
): Promise<SubmissionOutcome> {
  let groups = groupsByDeps.get(deps);
  if (!groups) {
    groups = new SubmissionGroups(deps);
    groupsByDeps.set(deps, groups);
  }
  return groups.submit(connectionId, prepare);
}
