import { useQuery } from "@tanstack/react-query";

import { useSession } from "../../session/session-context";
import { Body, Loading, Screen, Title } from "../../ui/controls";

export default function Projects() {
  const session = useSession();
  const me = useQuery({ queryKey: ["users.me"], queryFn: () => session.client.users.me.query() });
  return (
    <Screen>
      <Title>Projects</Title>
      {me.data ? <Body>Signed in as {me.data.user.name}</Body> : <Loading label="Loading" />}
    </Screen>
  );
}
