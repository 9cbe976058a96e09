// Journaling as a transport decorator: who created what is written down before the request goes out, so a crash
// mid-request leaves a trace; struck off when the answer (or a fault that proves nothing was sent) says it is not there.
import type { SpecSet } from "../openapi/types.ts";
import { outcomeOf } from "../openapi/outcome.ts";
import {
  InfraError,
  type Exchange,
  type OperationId,
  type RequestSpec,
  type SendContext,
  type Transport,
} from "../types.ts";
import { createdResource, deletedResource, intendedResource, type Journal } from "./journal.ts";

export interface JournalingOptions {
  journal: Journal;
  spec: SpecSet;
  /** Origin of the server an operation goes to: recorded with each entry, so cleanup deletes only where it created. */
  origin: (operationId: OperationId) => string;
}

export function journaling(inner: Transport, options: JournalingOptions): Transport {
  const { journal, spec } = options;
  return {
    target: inner.target,
    ...(inner.admit ? { admit: (operationId: OperationId) => inner.admit!(operationId) } : {}),
    close: () => inner.close(),
    async send(request: RequestSpec, context: SendContext): Promise<Exchange> {
      const where = { caseId: context.caseId, target: inner.target, origin: options.origin(request.operationId) };
      const intent = intendedResource(request, spec);
      if (intent) journal.add({ ...intent, ...where });
      let exchange: Exchange;
      try {
        exchange = await inner.send(request, context);
      } catch (error) {
        // Only a request that may have reached the target can have created something.
        if (intent && !(error instanceof InfraError && error.sent === true)) journal.refused(intent.key);
        throw error;
      }
      // An outage answer says nothing about the resource: the entry stays for the sweep or for `cleanup`.
      if (exchange.fault) return exchange;
      const operation = spec.operation(exchange.operationId);
      if (intent) outcomeOf(exchange, operation).success ? journal.confirm(intent.key) : journal.refused(intent.key);
      const created = createdResource(exchange, operation);
      if (created) journal.add({ ...created, ...where }, true);
      const gone = deletedResource(exchange, operation);
      if (gone) journal.done(gone);
      return exchange;
    },
  };
}
