// A FIFO lock over PGlite's single connection, so one Kysely transaction cannot interleave with another caller's queries.

/** Raised when the connection stays busy too long: on PGlite that is nearly always a self-deadlock, see the message. */
export class ConnectionWaitTimeoutError extends Error {
  override name = 'ConnectionWaitTimeoutError';
}

export class ConnectionMutex {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Waits for the connection and returns the function that hands it on.
   * Waiting longer than `timeoutMs` throws instead of hanging the process forever.
   */
  async lock(timeoutMs: number): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.#tail;
    this.#tail = previous.then(() => released);

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const outcome = await Promise.race([previous.then(() => 'acquired' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // Our place in the queue must still pass the lock on once the holder releases it.
      previous.then(release);
      throw new ConnectionWaitTimeoutError(
        `Waited ${timeoutMs} ms for the PGlite connection. PGlite has one connection: a query on \`db\` inside ` +
          '`db.transaction().execute(trx => …)` waits for the transaction it is part of; run it on `trx` instead.',
      );
    }
    return release;
  }
}
