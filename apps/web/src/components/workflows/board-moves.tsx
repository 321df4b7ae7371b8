"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { type RouterOutputs } from "@fastnext/api";
import { Button, Dialog } from "@fastnext/ui";

import { useTRPC } from "~/trpc/client";
import { errorMessage } from "~/trpc/errors";

import { useToast } from "../ui/toast";
import { newIdempotencyKey, TransitionDialog } from "./transition-dialog";

type Transition =
  RouterOutputs["workflows"]["instances"]["availableTransitions"]["transitions"][number];

interface Move {
  instanceId: string;
  /** The version the transitions were read at: a move by someone else meanwhile is a conflict. */
  version: number;
  from: string;
  to: string;
}

/** The transitions from `from` that end in `to`: what dropping a card on a column may mean. */
export function transitionsTo(transitions: readonly Transition[], to: string): Transition[] {
  return transitions.filter((transition) => transition.to === to);
}

/**
 * A card dropped on a column: the item's transitions are read afresh and
 * those ending in the column's state decide. One is fired (through the
 * comment dialog when it needs one), several are offered to choose from,
 * none is refused aloud. The card is never moved ahead of the answer, so
 * a refusal or an error leaves it where it was.
 */
export function useCardMoves(stateName: (key: string) => string): {
  drop: (instanceId: string, to: string) => void;
  busy: boolean;
  dialogs: ReactNode;
} {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [choosing, setChoosing] = useState<(Move & { choices: Transition[] }) | null>(null);
  const [commenting, setCommenting] = useState<(Move & { transition: Transition }) | null>(null);
  const [reading, setReading] = useState(false);
  const fire = useMutation(trpc.workflows.instances.transition.mutationOptions());

  const refresh = (instanceId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.workflows.instances.list.queryKey() }),
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.get.queryKey({ instanceId }),
      }),
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.availableTransitions.queryKey({ instanceId }),
      }),
      queryClient.invalidateQueries({
        queryKey: trpc.workflows.instances.timeline.queryKey({ instanceId }),
      }),
    ]);

  const moved = (instanceId: string, toState: string) => {
    toast.success(`Moved to “${stateName(toState)}”.`);
    void refresh(instanceId);
  };

  const start = (move: Move, transition: Transition) => {
    // As on the item page, where such a step's button is disabled with its guard.
    if (transition.blockedBy) {
      toast.error(`“${transition.name}” needs ${transition.blockedBy.guard}.`);
      return;
    }
    if (transition.requiresComment) {
      setCommenting({ ...move, transition });
      return;
    }
    fire.mutate(
      {
        instanceId: move.instanceId,
        transitionKey: transition.key,
        expectedVersion: move.version,
        idempotencyKey: newIdempotencyKey(),
      },
      {
        onSuccess: (result) => moved(move.instanceId, result.toState),
        onError: (error) => {
          toast.error(errorMessage(error));
          void refresh(move.instanceId);
        },
      },
    );
  };

  const drop = (instanceId: string, to: string) => {
    setReading(true);
    queryClient
      .query({
        ...trpc.workflows.instances.availableTransitions.queryOptions({ instanceId }),
        staleTime: 0,
      })
      .then((available) => {
        if (available.state === to) return;
        const move: Move = { instanceId, version: available.version, from: available.state, to };
        const choices = transitionsTo(available.transitions, to);
        const [only] = choices;
        if (!only) {
          toast.error(`No step leads from “${stateName(available.state)}” to “${stateName(to)}”.`);
        } else if (choices.length === 1) {
          start(move, only);
        } else {
          setChoosing({ ...move, choices });
        }
      })
      .catch((error: unknown) => toast.error(errorMessage(error)))
      .finally(() => setReading(false));
  };

  const dialogs = (
    <>
      {choosing ? (
        <Dialog
          open
          onClose={() => setChoosing(null)}
          title="Which step?"
          description={`Several steps lead from “${stateName(choosing.from)}” to “${stateName(choosing.to)}”.`}
          footer={<Button onClick={() => setChoosing(null)}>Cancel</Button>}
        >
          <ul className="stack-sm step-choices" aria-label="Steps">
            {choosing.choices.map((transition) => (
              <li key={transition.key}>
                <Button
                  block
                  disabled={Boolean(transition.blockedBy)}
                  title={transition.blockedBy ? `Needs ${transition.blockedBy.guard}` : undefined}
                  onClick={() => {
                    setChoosing(null);
                    start(choosing, transition);
                  }}
                >
                  {transition.name}
                </Button>
              </li>
            ))}
          </ul>
        </Dialog>
      ) : null}
      {commenting ? (
        <TransitionDialog
          instanceId={commenting.instanceId}
          expectedVersion={commenting.version}
          transition={commenting.transition}
          toName={stateName(commenting.transition.to)}
          stateName={stateName}
          onClose={() => setCommenting(null)}
          onDone={(result) => {
            setCommenting(null);
            moved(commenting.instanceId, result.toState);
          }}
          onReload={() => {
            setCommenting(null);
            void refresh(commenting.instanceId);
          }}
        />
      ) : null}
    </>
  );

  return { drop, busy: reading || fire.isPending, dialogs };
}
