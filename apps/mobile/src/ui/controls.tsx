import { type ReactNode } from "react";
import {
  ActivityIndicator,
  KeyboardAvoidingView,
  Platform,
  Pressable,
  ScrollView,
  StyleSheet,
  Text,
  TextInput,
  View,
  type TextInputProps,
} from "react-native";
import { SafeAreaView } from "react-native-safe-area-context";

import { spacing, useTheme } from "./theme";

/** A screen's frame: safe areas, the theme's background, scrolling above the keyboard. */
export function Screen({ children, scroll = true }: { children: ReactNode; scroll?: boolean }) {
  const { colors } = useTheme();
  const body = scroll ? (
    <ScrollView contentContainerStyle={styles.content} keyboardShouldPersistTaps="handled">
      {children}
    </ScrollView>
  ) : (
    <View style={[styles.content, styles.fill]}>{children}</View>
  );
  return (
    <SafeAreaView
      style={[styles.fill, { backgroundColor: colors.background }]}
      edges={["bottom", "left", "right"]}
    >
      <KeyboardAvoidingView
        style={styles.fill}
        behavior={Platform.OS === "ios" ? "padding" : undefined}
      >
        {body}
      </KeyboardAvoidingView>
    </SafeAreaView>
  );
}

export function Title({ children }: { children: ReactNode }) {
  const { colors } = useTheme();
  return (
    <Text accessibilityRole="header" style={[styles.title, { color: colors.text }]}>
      {children}
    </Text>
  );
}

export function Body({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  const { colors } = useTheme();
  return (
    <Text style={[styles.body, { color: muted ? colors.muted : colors.text }]}>{children}</Text>
  );
}

export interface ButtonProps {
  label: string;
  onPress: () => unknown;
  /** What the button does, when the label alone does not say it (read by screen readers). */
  hint?: string;
  variant?: "primary" | "secondary" | "danger";
  disabled?: boolean;
  busy?: boolean;
}

/** A full-width button at least 44 points high (the smallest comfortable touch target). */
export function Button({
  label,
  onPress,
  hint,
  variant = "primary",
  disabled = false,
  busy = false,
}: ButtonProps) {
  const { colors } = useTheme();
  const inactive = disabled || busy;
  const filled = variant === "primary";
  const tint = variant === "danger" ? colors.danger : colors.primary;
  return (
    <Pressable
      accessibilityRole="button"
      accessibilityLabel={label}
      accessibilityHint={hint}
      accessibilityState={{ disabled: inactive, busy }}
      disabled={inactive}
      onPress={() => void onPress()}
      style={({ pressed }) => [
        styles.button,
        {
          backgroundColor: filled ? tint : "transparent",
          borderColor: tint,
          opacity: inactive ? 0.5 : pressed ? 0.8 : 1,
        },
      ]}
    >
      {busy ? (
        <ActivityIndicator color={filled ? colors.onPrimary : tint} />
      ) : (
        <Text style={[styles.buttonLabel, { color: filled ? colors.onPrimary : tint }]}>
          {label}
        </Text>
      )}
    </Pressable>
  );
}

export interface TextFieldProps extends Omit<TextInputProps, "style" | "accessibilityLabel"> {
  label: string;
  errors?: readonly string[] | undefined;
}

/** A labelled text input with its field errors underneath, announced when they appear. */
export function TextField({ label, errors, ...input }: TextFieldProps) {
  const { colors } = useTheme();
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <View style={styles.field}>
      <Text style={[styles.label, { color: colors.text }]}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        accessibilityHint={invalid ? errors.join(" ") : undefined}
        placeholderTextColor={colors.muted}
        style={[
          styles.input,
          {
            color: colors.text,
            backgroundColor: colors.surface,
            borderColor: invalid ? colors.danger : colors.border,
          },
        ]}
        {...input}
      />
      {invalid ? <FieldError messages={errors} /> : null}
    </View>
  );
}

export function FieldError({ messages }: { messages: readonly string[] }) {
  const { colors } = useTheme();
  return (
    <Text accessibilityLiveRegion="polite" style={[styles.fieldError, { color: colors.danger }]}>
      {messages.join(" ")}
    </Text>
  );
}

/** A problem or a confirmation at the top of a form, announced when it appears. */
export function Notice({ tone, children }: { tone: "error" | "info"; children: ReactNode }) {
  const { colors } = useTheme();
  return (
    <View
      accessible
      accessibilityRole={tone === "error" ? "alert" : "summary"}
      accessibilityLiveRegion="polite"
      style={[
        styles.notice,
        {
          borderColor: tone === "error" ? colors.danger : colors.border,
          backgroundColor: colors.surface,
        },
      ]}
    >
      <Text style={{ color: tone === "error" ? colors.danger : colors.text }}>{children}</Text>
    </View>
  );
}

export function Loading({ label }: { label: string }) {
  const { colors } = useTheme();
  return (
    <View
      accessible
      style={styles.loading}
      accessibilityLabel={label}
      accessibilityRole="progressbar"
    >
      <ActivityIndicator color={colors.primary} />
    </View>
  );
}

const styles = StyleSheet.create({
  fill: { flex: 1 },
  content: { padding: spacing.lg, gap: spacing.md },
  title: { fontSize: 24, fontWeight: "700" },
  body: { fontSize: 16, lineHeight: 22 },
  button: {
    minHeight: 44,
    borderRadius: 8,
    borderWidth: 1,
    paddingHorizontal: spacing.lg,
    alignItems: "center",
    justifyContent: "center",
  },
  buttonLabel: { fontSize: 16, fontWeight: "600" },
  field: { gap: spacing.xs },
  label: { fontSize: 14, fontWeight: "600" },
  input: {
    minHeight: 44,
    borderWidth: 1,
    borderRadius: 8,
    paddingHorizontal: spacing.md,
    fontSize: 16,
  },
  fieldError: { fontSize: 14 },
  notice: { borderWidth: 1, borderRadius: 8, padding: spacing.md },
  loading: { padding: spacing.xl, alignItems: "center" },
});
