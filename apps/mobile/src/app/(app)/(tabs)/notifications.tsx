import { NotificationsScreen } from "../../../screens/notifications";

export default NotificationsScreen;
