import { useColorScheme } from "react-native";

export interface Theme {
  dark: boolean;
  colors: {
    background: string;
    surface: string;
    border: string;
    text: string;
    muted: string;
    primary: string;
    onPrimary: string;
    danger: string;
    badge: string;
    onBadge: string;
  };
}

// Contrast of text on background, muted on surface and onPrimary on primary
// is at least 4.5:1 in both schemes (WCAG AA for body text).
const light: Theme = {
  dark: false,
  colors: {
    background: "#f6f7f9",
    surface: "#ffffff",
    border: "#c9ced6",
    text: "#111827",
    muted: "#4b5563",
    primary: "#1d4ed8",
    onPrimary: "#ffffff",
    danger: "#b91c1c",
    badge: "#b91c1c",
    onBadge: "#ffffff",
  },
};

const dark: Theme = {
  dark: true,
  colors: {
    background: "#0b0f17",
    surface: "#161b26",
    border: "#334155",
    text: "#f3f4f6",
    muted: "#aab2c0",
    primary: "#93b4ff",
    onPrimary: "#0b0f17",
    danger: "#fca5a5",
    badge: "#f87171",
    onBadge: "#0b0f17",
  },
};

/** The light or dark palette, following the phone's setting. */
export function useTheme(): Theme {
  return useColorScheme() === "dark" ? dark : light;
}

export const spacing = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
