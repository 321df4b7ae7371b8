"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type SubmitEvent } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Alert, Button } from "@fastnext/ui";
import { ZSystemSettingsPatchSchema } from "@fastnext/validators";

import { useTRPC } from "~/trpc/client";

import { formValues, useFormErrors } from "../form/use-form-errors";
import { useCan } from "../shell/viewer";
import { Checkbox, TextField } from "../ui/field";
import { PageHeader } from "../ui/page-header";
import { ErrorState, LoadingState } from "../ui/states";
import { useToast } from "../ui/toast";

type Settings = RouterOutputs["admin"]["system"]["settings"]["get"];

type Stats = RouterOutputs["admin"]["system"]["stats"];

/** How often the live figures are read again while the page is open. */
const LIVE_REFRESH_MS = 15_000;

function Stat({
  label,
  value,
  detail,
}: {
  label: string;
  value: number | string;
  detail?: string;
}) {
  return (
    <div className="card stat">
      <div className="stat-value">
        {typeof value === "number" ? value.toLocaleString("en") : value}
      </div>
      <div className="stat-label">{label}</div>
      {detail ? <div className="xsmall muted">{detail}</div> : null}
    </div>
  );
}

export function SystemPanel() {
  const trpc = useTRPC();
  const stats = useQuery({
    ...trpc.admin.system.stats.queryOptions(),
    refetchInterval: LIVE_REFRESH_MS,
  });
  const settings = useQuery(trpc.admin.system.settings.get.queryOptions());
  return (
    <>
      <PageHeader
        title="System"
        description="How the installation is used, and its runtime settings."
      />
      <div className="stack">
        <section aria-labelledby="stats-title" className="stack-sm">
          <h2 id="stats-title">Statistics</h2>
          {stats.isPending ? (
            <LoadingState label="Loading statistics" rows={2} />
          ) : stats.isError ? (
            <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
          ) : (
            <div className="grid-stats">
              <Stat
                label="Users"
                value={stats.data.users.total}
                detail={`${stats.data.users.active} active`}
              />
              <Stat label="Active sessions" value={stats.data.sessions.active} />
              <Stat
                label="Projects"
                value={stats.data.projects.total}
                detail={`${stats.data.projects.archived} archived`}
              />
              <Stat
                label="Work items"
                value={stats.data.workflowInstances.total}
                detail={`${stats.data.workflowInstances.open} open`}
              />
            </div>
          )}
        </section>
        {stats.isSuccess ? <LiveFigures stats={stats.data} /> : null}
        {settings.isPending ? (
          <LoadingState label="Loading settings" rows={4} />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <SettingsForm key={JSON.stringify(settings.data)} settings={settings.data} />
        )}
      </div>
    </>
  );
}

/** This server's recent traffic, the queue and the workers: the figures an operator checks first. */
function LiveFigures({ stats }: { stats: Stats }) {
  const { traffic, workers, jobs } = stats;
  const minutes = traffic ? Math.max(1, Math.round(traffic.windowSeconds / 60)) : 0;
  return (
    <section aria-labelledby="live-title" className="stack-sm">
      <h2 id="live-title">Live</h2>
      <div className="grid-stats">
        <Stat
          label="Requests per second"
          value={traffic ? traffic.requestsPerSecond.toFixed(2) : "n/a"}
          detail={traffic ? `this server, last ${minutes} min` : "not measured here"}
        />
        <Stat
          label="Error rate"
          value={traffic ? `${(traffic.errorRatio * 100).toFixed(1)} %` : "n/a"}
          detail="server errors"
        />
        <Stat
          label="p95 latency"
          value={
            traffic?.p95Seconds != null ? `≤ ${Math.round(traffic.p95Seconds * 1000)} ms` : "n/a"
          }
        />
        <Stat
          label="Queued jobs"
          value={jobs.queued}
          detail={`${jobs.active} running, ${jobs.failed} failed`}
        />
        <Stat
          label="Workers"
          value={workers ? workers.alive : "unknown"}
          detail={
            workers?.lastBeatAt
              ? `last beat ${workers.lastBeatAt.toLocaleTimeString("en")}`
              : "no heartbeat"
          }
        />
      </div>
    </section>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const can = useCan();
  const errors = useFormErrors();
  const canManage = can("system.manage");
  const update = useMutation(
    trpc.admin.system.settings.update.mutationOptions({
      onSuccess: (saved) =>
        queryClient.setQueryData(trpc.admin.system.settings.get.queryKey(), saved),
    }),
  );
  const policy = settings.passwordPolicy;
  const flags = settings.featureFlags;

  async function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const values = formValues(target);
    const maxAge = values.maxAgeDays?.trim() ?? "";
    const patch = {
      passwordPolicy: {
        minLength: Number(values.minLength),
        requireUppercase: values.requireUppercase === "on",
        requireLowercase: values.requireLowercase === "on",
        requireDigit: values.requireDigit === "on",
        requireSymbol: values.requireSymbol === "on",
        historyCount: Number(values.historyCount),
        maxAgeDays: maxAge === "" ? null : Number(maxAge),
      },
      featureFlags: {
        registrationOpen: values.registrationOpen === "on",
        selfServiceTwoFactor: values.selfServiceTwoFactor === "on",
      },
    };
    const input = errors.validate(ZSystemSettingsPatchSchema, patch, target);
    if (!input) return;
    try {
      await update.mutateAsync(input);
      toast.success("Settings saved.");
    } catch (error) {
      errors.fromServer(error, target);
    }
  }

  return (
    <form
      className="stack"
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      aria-label="System settings"
    >
      {errors.formError ? <Alert tone="error">{errors.formError}</Alert> : null}
      {!canManage ? (
        <Alert tone="info">You can see the settings; changing them needs system.manage.</Alert>
      ) : null}
      <fieldset className="card" disabled={!canManage} style={{ padding: 0, margin: 0 }}>
        <div className="card-header">
          <h2>Password policy</h2>
        </div>
        <div className="card-body form">
          <div className="form-row">
            <TextField
              label="Minimum length"
              name="minLength"
              type="number"
              min={8}
              max={128}
              defaultValue={policy.minLength}
              error={errors.error("passwordPolicy.minLength")}
            />
            <TextField
              label="Passwords remembered"
              name="historyCount"
              type="number"
              min={0}
              max={24}
              defaultValue={policy.historyCount}
              hint="A new password may not be one of these; 0 turns it off."
              error={errors.error("passwordPolicy.historyCount")}
            />
            <TextField
              label="Expires after (days)"
              name="maxAgeDays"
              type="number"
              min={1}
              max={3650}
              defaultValue={policy.maxAgeDays ?? ""}
              hint="Empty: never."
              error={errors.error("passwordPolicy.maxAgeDays")}
            />
          </div>
          <div className="cluster" style={{ gap: "var(--space-5)" }}>
            <Checkbox
              label="An upper-case letter"
              name="requireUppercase"
              defaultChecked={policy.requireUppercase}
            />
            <Checkbox
              label="A lower-case letter"
              name="requireLowercase"
              defaultChecked={policy.requireLowercase}
            />
            <Checkbox label="A digit" name="requireDigit" defaultChecked={policy.requireDigit} />
            <Checkbox label="A symbol" name="requireSymbol" defaultChecked={policy.requireSymbol} />
          </div>
        </div>
      </fieldset>
      <fieldset className="card" disabled={!canManage} style={{ padding: 0, margin: 0 }}>
        <div className="card-header">
          <h2>Features</h2>
        </div>
        <div className="card-body stack-sm">
          <Checkbox
            label="Open registration"
            name="registrationOpen"
            hint="Anyone may create an account from the sign-in page."
            defaultChecked={flags.registrationOpen}
          />
          <Checkbox
            label="Self-service two-factor sign-in"
            name="selfServiceTwoFactor"
            hint="Users may turn on two-factor sign-in themselves."
            defaultChecked={flags.selfServiceTwoFactor}
          />
        </div>
      </fieldset>
      {canManage ? (
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={update.isPending}>
            Save settings
          </Button>
        </div>
      ) : null}
    </form>
  );
}
