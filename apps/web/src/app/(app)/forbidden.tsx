import { Forbidden } from "~/components/shell/forbidden";

/** What forbidden() renders inside the signed-in shell, with status 403. */
export default function SignedInForbidden() {
  return <Forbidden />;
}
