// What the current request is for, carried through async calls (token fetches included) without new parameters.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  /** "cleanup": deleting what the run created; never refused by the request budget, deletes may be retried. */
  purpose?: "cleanup";
}

const storage = new AsyncLocalStorage<RequestScope>();

export function currentScope(): RequestScope {
  return storage.getStore() ?? {};
}

export function inCleanup<T>(fn: () => Promise<T>): Promise<T> {
  return storage.run({ ...currentScope(), purpose: "cleanup" }, fn);
}
