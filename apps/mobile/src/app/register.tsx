import { RegisterScreen } from "../screens/register";

export default RegisterScreen;
