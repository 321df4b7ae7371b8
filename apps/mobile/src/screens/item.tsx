import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { StyleSheet, Text, View } from "react-native";

import { describeProblem } from "../data/errors";
import { type FieldErrors } from "../data/form";
import {
  blockedFieldNotes,
  formatValue,
  transitionFieldErrors,
  type AvailableTransition,
  type Item,
} from "../data/item";
import { type Definition } from "../data/board";
import { useSession } from "../session/session-context";
import { Body, Button, FieldError, Notice, Screen, TextField, Title } from "../ui/controls";
import { QueryState } from "../ui/query-state";
import { spacing, useTheme } from "../ui/theme";

export function ItemScreen({ projectId, instanceId }: { projectId: string; instanceId: string }) {
  const { client } = useSession();
  const item = useQuery({
    queryKey: ["workflows.instances.get", instanceId],
    queryFn: () => client.workflows.instances.get.query({ instanceId }),
  });
  const template = useQuery({
    queryKey: ["workflows.templates.get", item.data?.templateId],
    queryFn: () => client.workflows.templates.get.query({ id: item.data?.templateId ?? "" }),
    enabled: item.data !== undefined,
  });
  return (
    <Screen>
      <QueryState query={item} label="Loading the item">
        {(loaded) => (
          <QueryState query={template} label="Loading the workflow">
            {(chosen) => (
              <ItemDetail projectId={projectId} item={loaded} definition={chosen.definition} />
            )}
          </QueryState>
        )}
      </QueryState>
    </Screen>
  );
}

function ItemDetail({
  projectId,
  item,
  definition,
}: {
  projectId: string;
  item: Item;
  definition: Definition;
}) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const { colors } = useTheme();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const transitions = useQuery({
    queryKey: ["workflows.instances.availableTransitions", item.id, item.version],
    queryFn: () => client.workflows.instances.availableTransitions.query({ instanceId: item.id }),
  });
  const stateName = (key: string | null) =>
    key === null ? "—" : (definition.states.find((state) => state.key === key)?.name ?? key);
  const notes = blockedFieldNotes(definition, transitions.data?.transitions ?? []);

  /** After a change: the item, its transitions, its history and the board are read again. */
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["workflows.instances.get", item.id] }),
      queryClient.invalidateQueries({
        queryKey: ["workflows.instances.availableTransitions", item.id],
      }),
      queryClient.invalidateQueries({ queryKey: ["workflows.instances.history", item.id] }),
      queryClient.invalidateQueries({ queryKey: ["workflows.instances.list"] }),
    ]);

  return (
    <>
      <Title>{item.title}</Title>
      <Body muted>
        {item.template.name} · {stateName(item.state)}
        {item.completedAt ? " · done" : ""}
      </Body>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {done ? <Notice tone="info">{done}</Notice> : null}

      <Section title="Details">
        {definition.dataFields.length === 0 ? (
          <Body muted>This workflow has no data fields.</Body>
        ) : null}
        {definition.dataFields.map((field) => {
          const messages = [...(fieldErrors[field.key] ?? []), ...(notes[field.key] ?? [])];
          return (
            <View
              key={field.key}
              testID={`field-${field.key}`}
              accessible
              accessibilityLabel={`${field.label}: ${formatValue(item.data[field.key])}${
                messages.length > 0 ? `. ${messages.join(" ")}` : ""
              }`}
              style={[
                styles.field,
                { borderColor: messages.length > 0 ? colors.danger : colors.border },
              ]}
            >
              <Text style={[styles.fieldLabel, { color: colors.muted }]}>{field.label}</Text>
              <Text style={{ color: colors.text, fontSize: 16 }}>
                {formatValue(item.data[field.key])}
              </Text>
              {messages.length > 0 ? <FieldError messages={messages} /> : null}
            </View>
          );
        })}
      </Section>

      <Section title="Move">
        <QueryState query={transitions} label="Loading transitions">
          {(available) =>
            available.transitions.length === 0 ? (
              <Body muted>No move is open to you from {stateName(item.state)}.</Body>
            ) : (
              <Transitions
                item={item}
                transitions={available.transitions}
                stateName={stateName}
                commentErrors={fieldErrors.comment}
                onStart={() => {
                  setProblem(null);
                  setDone(null);
                  setFieldErrors({});
                }}
                onMoved={(transition) => {
                  setDone(`Moved to ${stateName(transition.to)}.`);
                  void refresh();
                }}
                onRefused={(error, transition) => {
                  const view = describeProblem(error);
                  setProblem(view.message);
                  setFieldErrors(transitionFieldErrors(view, definition, transition.key));
                  if (view.reason === "stale_version") void refresh();
                }}
              />
            )
          }
        </QueryState>
      </Section>

      <Assignment
        projectId={projectId}
        item={item}
        onChanged={(message) => {
          setProblem(null);
          setDone(message);
          void refresh();
        }}
        onRefused={(error) => {
          setDone(null);
          setProblem(describeProblem(error).message);
          if (describeProblem(error).reason === "stale_version") void refresh();
        }}
      />

      <History projectId={projectId} instanceId={item.id} stateName={stateName} />
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const { colors } = useTheme();
  return (
    <View style={styles.section}>
      <Text accessibilityRole="header" style={[styles.sectionTitle, { color: colors.text }]}>
        {title}
      </Text>
      {children}
    </View>
  );
}

function Transitions({
  item,
  transitions,
  stateName,
  commentErrors,
  onStart,
  onMoved,
  onRefused,
}: {
  item: Item;
  transitions: readonly AvailableTransition[];
  stateName: (key: string) => string;
  commentErrors: readonly string[] | undefined;
  onStart: () => void;
  onMoved: (transition: AvailableTransition) => void;
  onRefused: (error: unknown, transition: AvailableTransition) => void;
}) {
  const { client } = useSession();
  const [chosen, setChosen] = useState<AvailableTransition | null>(null);
  const [comment, setComment] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fire = async (transition: AvailableTransition) => {
    onStart();
    setLocalError(null);
    const text = comment.trim();
    if (transition.requiresComment && text === "") {
      setLocalError("A comment is required for this transition");
      return;
    }
    setBusy(true);
    try {
      await client.workflows.instances.transition.mutate({
        instanceId: item.id,
        transitionKey: transition.key,
        expectedVersion: item.version,
        ...(text ? { comment: text } : {}),
      });
      setChosen(null);
      setComment("");
      onMoved(transition);
    } catch (error) {
      onRefused(error, transition);
    } finally {
      setBusy(false);
    }
  };

  if (chosen) {
    const errors = localError ? [localError] : commentErrors;
    return (
      <View style={styles.stack}>
        <Body>
          {chosen.name}: to {stateName(chosen.to)}
        </Body>
        <TextField
          label={chosen.requiresComment ? "Comment (required)" : "Comment (optional)"}
          value={comment}
          onChangeText={setComment}
          errors={errors}
          multiline
        />
        <Button label={`Confirm ${chosen.name}`} busy={busy} onPress={() => fire(chosen)} />
        <Button
          label="Cancel"
          variant="secondary"
          onPress={() => {
            setChosen(null);
            setLocalError(null);
          }}
        />
      </View>
    );
  }
  return (
    <View style={styles.stack}>
      {transitions.map((transition) => (
        <Button
          key={transition.key}
          label={transition.name}
          hint={
            transition.blockedBy
              ? `Not possible yet: needs ${transition.blockedBy.guard}`
              : `Moves the item to ${stateName(transition.to)}`
          }
          disabled={Boolean(transition.blockedBy)}
          variant="secondary"
          onPress={() => {
            onStart();
            setComment("");
            setLocalError(null);
            setChosen(transition);
          }}
        />
      ))}
    </View>
  );
}

function Assignment({
  projectId,
  item,
  onChanged,
  onRefused,
}: {
  projectId: string;
  item: Item;
  onChanged: (message: string) => void;
  onRefused: (error: unknown) => void;
}) {
  const { client } = useSession();
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const me = useQuery({ queryKey: ["users.me"], queryFn: () => client.users.me.query() });
  const members = useQuery({
    queryKey: ["projects.members.list", projectId],
    queryFn: () => client.projects.members.list.query({ projectId, limit: 100 }),
  });
  const nameOf = (userId: string) =>
    members.data?.items.find((member) => member.userId === userId)?.name ?? "Someone";
  const myId = me.data?.user.id;

  const assign = async (assigneeId: string | null) => {
    setBusy(true);
    try {
      await client.workflows.instances.assign.mutate({
        instanceId: item.id,
        assigneeId,
        expectedVersion: item.version,
      });
      setChoosing(false);
      onChanged(
        assigneeId
          ? `Assigned to ${assigneeId === myId ? "you" : nameOf(assigneeId)}.`
          : "Unassigned.",
      );
    } catch (error) {
      onRefused(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Assignee">
      <Body>
        {item.assigneeId
          ? item.assigneeId === myId
            ? "You"
            : nameOf(item.assigneeId)
          : "Nobody yet"}
      </Body>
      <View style={styles.stack}>
        {myId && item.assigneeId !== myId ? (
          <Button
            label="Assign to me"
            variant="secondary"
            busy={busy}
            onPress={() => assign(myId)}
          />
        ) : null}
        {item.assigneeId ? (
          <Button label="Unassign" variant="secondary" busy={busy} onPress={() => assign(null)} />
        ) : null}
        <Button
          label={choosing ? "Close the member list" : "Choose someone"}
          variant="secondary"
          onPress={() => setChoosing(!choosing)}
        />
        {choosing
          ? (members.data?.items ?? [])
              .filter((member) => member.userId !== item.assigneeId)
              .map((member) => (
                <Button
                  key={member.userId}
                  label={`Assign to ${member.name ?? "a former member"}`}
                  variant="secondary"
                  busy={busy}
                  onPress={() => assign(member.userId)}
                />
              ))
          : null}
      </View>
    </Section>
  );
}

function History({
  projectId,
  instanceId,
  stateName,
}: {
  projectId: string;
  instanceId: string;
  stateName: (key: string | null) => string;
}) {
  const { client } = useSession();
  const { colors } = useTheme();
  const history = useQuery({
    queryKey: ["workflows.instances.history", instanceId],
    queryFn: () => client.workflows.instances.history.query({ instanceId, limit: 100 }),
  });
  const members = useQuery({
    queryKey: ["projects.members.list", projectId],
    queryFn: () => client.projects.members.list.query({ projectId, limit: 100 }),
  });
  const actor = (id: string | null) =>
    id === null
      ? "the system"
      : (members.data?.items.find((member) => member.userId === id)?.name ?? "someone");
  return (
    <Section title="History">
      <QueryState query={history} label="Loading the history">
        {(page) => (
          <View style={styles.stack}>
            {page.items.map((entry) => (
              <View
                key={entry.id}
                accessible
                style={[styles.entry, { borderColor: colors.border }]}
              >
                <Text style={{ color: colors.text }}>
                  {entry.fromState === null
                    ? `Created in ${stateName(entry.toState)} by ${actor(entry.actorId)}`
                    : `${stateName(entry.fromState)} → ${stateName(entry.toState)} by ${actor(entry.actorId)}`}
                </Text>
                <Text style={{ color: colors.muted }}>{entry.createdAt.toLocaleString()}</Text>
                {entry.comment ? (
                  <Text style={{ color: colors.text }}>“{entry.comment}”</Text>
                ) : null}
              </View>
            ))}
          </View>
        )}
      </QueryState>
    </Section>
  );
}

const styles = StyleSheet.create({
  section: { gap: spacing.sm, marginTop: spacing.md },
  sectionTitle: { fontSize: 18, fontWeight: "700" },
  stack: { gap: spacing.sm },
  field: { borderWidth: 1, borderRadius: 8, padding: spacing.md, gap: spacing.xs },
  fieldLabel: { fontSize: 13, fontWeight: "600" },
  entry: { borderLeftWidth: 3, paddingLeft: spacing.md, gap: 2 },
});
