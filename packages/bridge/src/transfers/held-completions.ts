// A run's step completions held back until its next write or Procountor request (issue 13): a step with nothing to
// send, such as attachments on an invoice without any, costs no commit of its own.
import type { Updateable } from 'kysely';
import type { Database } from '../storage/schema';
import type { TransfersTable } from '../storage/tables/transfer-tables';
import { type TimelineEntry, updateTransfer, updateTransferWithTimeline } from './transfer-repository';

export interface HeldWrite {
  changes: Updateable<TransfersTable>;
  entries: TimelineEntry[];
}

/**
 * The rule stays "a step's completion is persisted before the next side effect": the run writes what is held before
 * each Procountor request (connections/before-procountor-request.ts), with its next progress save, and in the statement
 * that ends it. What a crash loses is only completions of steps that had nothing to send since; the resumed run does
 * them again, as it does any step it finds unfinished (every step is idempotent).
 */
export class HeldCompletions {
  readonly #db: Database;
  readonly #transferId: string;
  #held: HeldWrite | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(db: Database, transferId: string) {
    this.#db = db;
    this.#transferId = transferId;
  }

  /** Holds a step's completion; a later one's changes win over an earlier one's, the timeline lines add up in order. */
  hold(changes: Updateable<TransfersTable>, entries: readonly TimelineEntry[]): void {
    this.#held = {
      changes: { ...this.#held?.changes, ...changes },
      entries: [...(this.#held?.entries ?? []), ...entries],
    };
  }

  /** What is held, for a caller that writes it in its own statement; `release()` after that statement committed. */
  get held(): HeldWrite | undefined {
    return this.#held;
  }

  release(): void {
    this.#held = undefined;
  }

  /**
   * Writes what is held, with `extra` changes (the progress saved now), in one statement; with nothing held, only
   * `extra`. Calls made at once (two requests of one step) wait for the same write. Kept for the next try if it fails.
   */
  write(extra?: Updateable<TransfersTable>): Promise<void> {
    const next = this.#writing.then(async () => {
      const held = this.#held;
      if (!held && !extra) return;
      this.#held = undefined;
      try {
        const changes = { ...held?.changes, ...extra };
        if (held) await updateTransferWithTimeline(this.#db, this.#transferId, changes, held.entries);
        else await updateTransfer(this.#db, this.#transferId, changes);
      } catch (error) {
        if (held) {
          // A hold made while the write ran comes after what it failed to write.
          const later = this.#held as HeldWrite | undefined;
          this.#held = {
            changes: { ...held.changes, ...later?.changes },
            entries: [...held.entries, ...(later?.entries ?? [])],
          };
        }
        throw error;
      }
    });
    // A failed write is the caller's error; the chain goes on for the next one.
    this.#writing = next.catch(() => {});
    return next;
  }
}
