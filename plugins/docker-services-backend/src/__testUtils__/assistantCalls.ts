import request from 'supertest';
import { plainLines } from '../assistant/plainLines';
import {
  ToolAnswer,
  useAssistantWorld,
  withoutDockerStatus,
} from './assistantWorld';
import { asUser, OTHER, OWNER } from './testBackend';

/**
 * The assistant suite's words for its calls: a tool called by someone who
 * may read but not act (`byOther`) or by the owner, a route read by someone
 * who is not the owner, and how the two answers are compared.
 */
export function assistantCalls(w: ReturnType<typeof useAssistantWorld>) {
  const { call } = w;
  /** One tool call by someone who may read but not act, or by the owner. */
  const byOther = (tool: string, args: Record<string, unknown>) =>
    call(asUser(OTHER), tool, args);
  const byOwner = (tool: string, args: Record<string, unknown>) =>
    call(asUser(OWNER), tool, args);
  const expectSameBody = (actual: unknown, route: unknown) =>
    expect(withoutDockerStatus(actual)).toEqual(withoutDockerStatus(route));
  /** A route read by someone who is not the owner. */
  const get = (url: string) =>
    request(w.backend.server).get(url).set(asUser(OTHER));
  /** That a tool gave a log route's lines (NDJSON), only plain. */
  const expectRouteLines = async (answer: ToolAnswer, url: string) =>
    expect(answer.structuredContent.lines).toEqual(
      plainLines(
        (await get(url).expect(200)).text
          .trim()
          .split('\n')
          .map(l => JSON.parse(l))
          .filter(l => 'line' in l),
      ),
    );
  const restartCalls = () =>
    w.proxy.calls.filter(c => c === `POST /containers/${w.shop.id}/restart`);
  const address = () => ({
    entity: 'component:default/shop',
    host: 'local',
    containerId: w.shop.id,
  });
  const readLog = (lines: number) =>
    byOther('read-container-log', { ...address(), lines });
  return {
    byOther,
    byOwner,
    expectSameBody,
    get,
    expectRouteLines,
    restartCalls,
    address,
    readLog,
  };
}
