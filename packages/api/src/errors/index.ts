export {
  describeError,
  INTERNAL_MESSAGE,
  publicMessage,
  readableIssues,
  toTRPCError,
  UNREADABLE_MESSAGE,
  type ErrorData,
} from "./map";
