import { Redirect } from "expo-router";

import { useSessionStatus } from "../session/session-context";
import { Loading, Screen } from "../ui/controls";

/** Opens the projects when a session is stored, sign-in otherwise. */
export default function Index() {
  const status = useSessionStatus();
  if (status === "restoring") {
    return (
      <Screen scroll={false}>
        <Loading label="Opening" />
      </Screen>
    );
  }
  return <Redirect href={status === "signed_in" ? "/projects" : "/sign-in"} />;
}
