-- The W3C trace context of the span that raised an event, written with the
-- event in the caller's transaction: the worker's handler spans continue
-- that trace, so a request and the work it caused show as one trace. Both
-- are null when tracing is off.

-- AlterTable
ALTER TABLE "domain_events" ADD COLUMN     "traceparent" TEXT,
ADD COLUMN     "tracestate" TEXT;

-- The shapes of the W3C Trace Context headers (version 00, lower-case hex,
-- a tracestate of at most 32 list members within 512 characters), so the
-- columns hold nothing else.
ALTER TABLE "domain_events"
  ADD CONSTRAINT "domain_events_traceparent_shape"
    CHECK ("traceparent" ~ '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$'),
  ADD CONSTRAINT "domain_events_tracestate_shape"
    CHECK (length("tracestate") <= 512 AND "tracestate" ~ '^[[:print:]]*$');

-- emitEvent writes them with the event. The existing column list of the
-- application role's INSERT grant is unchanged (actor and request id stay
-- defaults it may not set), and no policy changes.
GRANT INSERT ("traceparent", "tracestate") ON TABLE "domain_events" TO fastnext_app;
