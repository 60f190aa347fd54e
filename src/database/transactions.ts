/**
 * What services get: units of work. A service opens a transaction with `run` and calls
 * repositories inside it; it never reaches the database itself (the linter keeps `Db` out of
 * everything but repositories).
 */
export abstract class Transactions {
  /** Runs `work` in a transaction: the caller's if one is open, else a new one. */
  abstract run<T>(work: () => Promise<T>): Promise<T>;
  /** Calls `callback` once the open transaction has committed (never on rollback); at once outside one. */
  abstract afterCommit(callback: () => void): void;
}
