import { Stack, useLocalSearchParams } from "expo-router";

import { BoardScreen } from "../../../../screens/board";

export default function BoardRoute() {
  const { projectId } = useLocalSearchParams<{ projectId: string }>();
  return (
    <>
      <Stack.Screen options={{ title: "Board" }} />
      <BoardScreen projectId={projectId} />
    </>
  );
}
