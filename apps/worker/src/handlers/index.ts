import { type EventName } from "@fastnext/events";

import { inAppHandlers } from "./in-app";
import { accountMailHandlers, notificationMailHandlers } from "./mail";
import { storageHandlers } from "./storage";
import { transferHandlers } from "./transfers";
import { type Handler } from "./types";
import { webhookHandlers } from "./webhooks";

/**
 * Which handlers each event fans out to. Every handler runs as its own job
 * with its own retries, so a failing e-mail never holds back an in-app
 * notification of the same event.
 */
export const HANDLERS: readonly Handler[] = [
  ...accountMailHandlers,
  ...inAppHandlers,
  ...notificationMailHandlers,
  ...webhookHandlers,
  ...storageHandlers,
  ...transferHandlers,
];

export class HandlerRegistry {
  private readonly byName = new Map<string, Handler>();

  constructor(handlers: readonly Handler[] = HANDLERS) {
    for (const handler of handlers) {
      // The name is stored with every completion and queued job: it must be unique and stable.
      if (this.byName.has(handler.name)) throw new Error(`two handlers are named ${handler.name}`);
      this.byName.set(handler.name, handler);
    }
  }

  forEvent(name: EventName): Handler[] {
    return [...this.byName.values()].filter((handler) => handler.event === name);
  }

  get(name: string): Handler | undefined {
    return this.byName.get(name);
  }
}

export { createLinks, type Links } from "./links";
export {
  emailHandler,
  transactionHandler,
  type Handler,
  type StoredEvent,
  type WorkerContext,
} from "./types";
