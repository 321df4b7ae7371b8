import { Stack, useLocalSearchParams } from "expo-router";

import { ItemScreen } from "../../../../../screens/item";

export default function ItemRoute() {
  const { projectId, instanceId } = useLocalSearchParams<{
    projectId: string;
    instanceId: string;
  }>();
  return (
    <>
      <Stack.Screen options={{ title: "Item" }} />
      <ItemScreen projectId={projectId} instanceId={instanceId} />
    </>
  );
}
