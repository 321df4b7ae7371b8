import { type Prisma } from "@fastnext/db";
import {
  readUserSettings,
  type NotificationChannels,
  type NotificationKind,
} from "@fastnext/validators";

export type { NotificationKind };

/**
 * How a user wants to hear about one kind of event, from their settings
 * document (users.settings) read through the shared schema: whatever is
 * missing or no longer valid falls back to the product's defaults.
 */
export function channelsFor(
  settings: Prisma.JsonValue,
  kind: NotificationKind,
): NotificationChannels {
  return readUserSettings(settings).notifications[kind];
}
