import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "expo-router";
import { useState } from "react";
import { Pressable, ScrollView, StyleSheet, Text, useWindowDimensions, View } from "react-native";

import {
  boardColumns,
  boardItemsInput,
  pickTemplate,
  usableTemplates,
  type BoardColumn,
} from "../data/board";
import { useSession } from "../session/session-context";
import { Body, Screen, TextField, Title } from "../ui/controls";
import { QueryState } from "../ui/query-state";
import { spacing, useTheme } from "../ui/theme";
import { useDebounced } from "../ui/use-debounced";

/** A project's items of one template: its states as columns side by side, scrolled sideways. */
export function BoardScreen({ projectId }: { projectId: string }) {
  const { client } = useSession();
  const { colors } = useTheme();
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const settledSearch = useDebounced(search);

  const project = useQuery({
    queryKey: ["projects.get", projectId],
    queryFn: () => client.projects.get.query({ id: projectId }),
  });
  const templates = useQuery({
    queryKey: ["projects.templates.list", projectId],
    queryFn: () => client.projects.templates.list.query({ projectId }),
  });
  const selected = templates.data ? pickTemplate(templates.data.items, templateKey) : undefined;
  const template = useQuery({
    queryKey: ["workflows.templates.get", selected?.published.id],
    queryFn: () => client.workflows.templates.get.query({ id: selected?.published.id ?? "" }),
    enabled: selected !== undefined,
  });
  const input = boardItemsInput(projectId, selected?.key ?? "", settledSearch);
  const items = useQuery({
    queryKey: ["workflows.instances.list", input],
    queryFn: () => client.workflows.instances.list.query(input),
    enabled: selected !== undefined,
    // While a new search runs, the board keeps showing the last answer instead of a spinner.
    placeholderData: keepPreviousData,
  });

  return (
    <Screen>
      <Title>{project.data?.name ?? "Board"}</Title>
      <QueryState query={templates} label="Loading the board">
        {(page) => {
          const usable = usableTemplates(page.items);
          if (!selected) {
            return (
              <Body muted>
                No published workflow yet. Once a template is published for this project, its board
                appears here.
              </Body>
            );
          }
          return (
            <>
              {usable.length > 1 ? (
                <View style={styles.chips} accessibilityRole="tablist">
                  {usable.map((candidate) => {
                    const active = candidate.key === selected.key;
                    return (
                      <Pressable
                        key={candidate.key}
                        accessibilityRole="tab"
                        accessibilityLabel={candidate.name}
                        accessibilityState={{ selected: active }}
                        onPress={() => setTemplateKey(candidate.key)}
                        style={[
                          styles.chip,
                          {
                            borderColor: active ? colors.primary : colors.border,
                            backgroundColor: active ? colors.primary : colors.surface,
                          },
                        ]}
                      >
                        <Text style={{ color: active ? colors.onPrimary : colors.text }}>
                          {candidate.name}
                        </Text>
                      </Pressable>
                    );
                  })}
                </View>
              ) : null}
              <TextField
                label="Search items"
                placeholder="Title contains…"
                value={search}
                onChangeText={setSearch}
                autoCorrect={false}
                returnKeyType="search"
              />
              <QueryState query={template} label="Loading the workflow">
                {(chosen) => (
                  <QueryState query={items} label="Loading items">
                    {(list) => (
                      <Columns
                        projectId={projectId}
                        columns={boardColumns(chosen.definition.states, list.items)}
                      />
                    )}
                  </QueryState>
                )}
              </QueryState>
            </>
          );
        }}
      </QueryState>
    </Screen>
  );
}

function Columns({ projectId, columns }: { projectId: string; columns: BoardColumn[] }) {
  const router = useRouter();
  const { colors } = useTheme();
  const { width } = useWindowDimensions();
  // Most of a column on screen and the next one peeking in: the sign that it scrolls sideways.
  const columnWidth = Math.round(Math.min(300, Math.max(220, width * 0.78)));
  return (
    <ScrollView
      horizontal
      accessibilityLabel="Board columns"
      contentContainerStyle={styles.columns}
      showsHorizontalScrollIndicator
    >
      {columns.map((column) => (
        <View
          key={column.key}
          accessibilityLabel={`${column.name}, ${column.items.length} ${
            column.items.length === 1 ? "item" : "items"
          }`}
          style={[
            styles.column,
            { width: columnWidth, backgroundColor: colors.surface, borderColor: colors.border },
          ]}
        >
          <View style={styles.columnHeader}>
            <View
              style={[styles.dot, { backgroundColor: column.color ?? colors.muted }]}
              importantForAccessibility="no"
            />
            <Text accessibilityRole="header" style={[styles.columnName, { color: colors.text }]}>
              {column.name}
            </Text>
            <Text style={{ color: colors.muted }}>{column.items.length}</Text>
          </View>
          {column.items.length === 0 ? (
            <Text style={{ color: colors.muted }}>Nothing here</Text>
          ) : (
            column.items.map((item) => (
              <Pressable
                key={item.id}
                accessibilityRole="button"
                accessibilityLabel={`${item.title}, in ${column.name}${
                  item.assigneeId ? ", assigned" : ", unassigned"
                }`}
                accessibilityHint="Opens the item"
                onPress={() => router.push(`/projects/${projectId}/items/${item.id}`)}
                style={({ pressed }) => [
                  styles.card,
                  {
                    borderColor: colors.border,
                    backgroundColor: colors.background,
                    opacity: pressed ? 0.8 : 1,
                  },
                ]}
              >
                <Text style={[styles.cardTitle, { color: colors.text }]}>{item.title}</Text>
                <Text style={{ color: colors.muted }}>
                  {item.assigneeId ? "Assigned" : "Unassigned"} · since{" "}
                  {item.stateEnteredAt.toLocaleDateString()}
                </Text>
              </Pressable>
            ))
          )}
        </View>
      ))}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  chips: { flexDirection: "row", flexWrap: "wrap", gap: spacing.sm },
  chip: {
    borderWidth: 1,
    borderRadius: 16,
    paddingHorizontal: spacing.md,
    minHeight: 44,
    justifyContent: "center",
  },
  columns: { gap: spacing.md, paddingBottom: spacing.sm },
  column: { borderWidth: 1, borderRadius: 8, padding: spacing.sm, gap: spacing.sm },
  columnHeader: { flexDirection: "row", alignItems: "center", gap: spacing.sm },
  dot: { width: 10, height: 10, borderRadius: 5 },
  columnName: { flex: 1, fontSize: 16, fontWeight: "700" },
  card: { borderWidth: 1, borderRadius: 8, padding: spacing.md, gap: spacing.xs, minHeight: 44 },
  cardTitle: { fontSize: 16, fontWeight: "600" },
});
