import { ResetPasswordScreen } from "../screens/reset-password";

export default ResetPasswordScreen;
