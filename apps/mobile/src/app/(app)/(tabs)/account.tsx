import { AccountScreen } from "../../../screens/account";

export default AccountScreen;
