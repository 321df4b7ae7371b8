import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "expo-router";
import { useState } from "react";
import { Pressable, StyleSheet, Text, View } from "react-native";

import { projectListInput } from "../data/board";
import { useSession } from "../session/session-context";
import { Body, Screen, TextField } from "../ui/controls";
import { QueryState } from "../ui/query-state";
import { spacing, useTheme } from "../ui/theme";
import { useDebounced } from "../ui/use-debounced";

export function ProjectsScreen() {
  const { client } = useSession();
  const router = useRouter();
  const { colors } = useTheme();
  const [search, setSearch] = useState("");
  const input = projectListInput(useDebounced(search));
  const projects = useQuery({
    queryKey: ["projects.list", input],
    queryFn: () => client.projects.list.query(input),
    placeholderData: keepPreviousData,
  });

  return (
    <Screen>
      <TextField
        label="Search projects"
        placeholder="Name contains…"
        value={search}
        onChangeText={setSearch}
        autoCapitalize="none"
        autoCorrect={false}
        returnKeyType="search"
        clearButtonMode="while-editing"
      />
      <QueryState query={projects} label="Loading projects">
        {(page) =>
          page.items.length === 0 ? (
            <Body muted>
              {input.search ? `No project matches “${input.search}”.` : "No projects yet."}
            </Body>
          ) : (
            <View style={styles.list}>
              {page.items.map((project) => (
                <Pressable
                  key={project.id}
                  accessibilityRole="button"
                  accessibilityLabel={`${project.name}, ${project.openInstanceCount} open ${
                    project.openInstanceCount === 1 ? "item" : "items"
                  }`}
                  accessibilityHint="Opens the project's board"
                  onPress={() => router.push(`/projects/${project.id}`)}
                  style={({ pressed }) => [
                    styles.row,
                    {
                      backgroundColor: colors.surface,
                      borderColor: colors.border,
                      opacity: pressed ? 0.8 : 1,
                    },
                  ]}
                >
                  <Text style={[styles.name, { color: colors.text }]}>{project.name}</Text>
                  {project.description ? (
                    <Text numberOfLines={2} style={{ color: colors.muted }}>
                      {project.description}
                    </Text>
                  ) : null}
                  <Text style={{ color: colors.muted }}>
                    {project.openInstanceCount} open · {project.memberCount}{" "}
                    {project.memberCount === 1 ? "member" : "members"}
                    {project.archivedAt ? " · archived" : ""}
                  </Text>
                </Pressable>
              ))}
            </View>
          )
        }
      </QueryState>
    </Screen>
  );
}

const styles = StyleSheet.create({
  list: { gap: spacing.sm },
  row: { borderWidth: 1, borderRadius: 8, padding: spacing.md, gap: spacing.xs, minHeight: 44 },
  name: { fontSize: 17, fontWeight: "600" },
});
