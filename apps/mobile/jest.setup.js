// Screens read EXPO_PUBLIC_API_URL only through the root layout, which the
// tests do not render; the value is set so nothing falls back silently.
process.env.EXPO_PUBLIC_API_URL = "http://api.test";
