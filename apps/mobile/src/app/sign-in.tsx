import { SignInScreen } from "../screens/sign-in";

export default SignInScreen;
