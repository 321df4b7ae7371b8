import { createTrpcHandler } from "@fastnext/api/http";

export const handleTrpcRequest = createTrpcHandler({ endpoint: "/api/trpc" });
