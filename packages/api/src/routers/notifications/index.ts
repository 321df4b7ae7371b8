import { router } from "../../trpc/procedures";
import { list } from "./list";
import { markAllRead } from "./mark-all-read";
import { markRead } from "./mark-read";
import { onNew } from "./on-new";
import { unreadCount } from "./unread-count";

export const notificationsRouter = router({ list, unreadCount, markRead, markAllRead, onNew });
