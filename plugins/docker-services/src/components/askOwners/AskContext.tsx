import { Entity } from '@backstage/catalog-model';
import { HistoryEntry } from '@docker-services/backstage-plugin-docker-services-common';
import { createContext, useContext } from 'react';
import { OwnerTitle } from '../../hooks/useOwnerTitles';
import { newestAsk } from '../historyFacts';

/**
 * What asking the owners needs from the page around it, for parts that are
 * not handed it row by row (a job's buttons): the entity, its history (the
 * user's asks in it), who the user is, the owners' names, and what to do
 * with the answer (read it out, re-read the history).
 */
export interface AskContextValue {
  entity: Entity;
  history?: HistoryEntry[];
  userRef?: string;
  owners?: OwnerTitle[];
  onAsked: (message: string) => void;
}

const AskContext = createContext<AskContextValue | undefined>(undefined);

export const AskContextProvider = AskContext.Provider;

/** The page's asking context; undefined outside a Services tab. */
export function useAskContext(): AskContextValue | undefined {
  return useContext(AskContext);
}

/** The signed-in user's newest ask about a container, from the context. */
export function yourLastAsk(
  context: AskContextValue,
  container: { host: string; id: string },
): HistoryEntry | undefined {
  return context.userRef
    ? newestAsk(context.history, { container, actor: context.userRef })
    : undefined;
}
