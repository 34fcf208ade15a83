import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** What an MCP tool call answers. */
export type ToolAnswer = {
  isError?: boolean;
  content: Array<{ type: string; text?: string }>;
  structuredContent?: any;
};

/** The MCP endpoint of a test backend that runs the mcp-actions plugin. */
export function mcpUrlOf(server: Server): URL {
  const { port } = server.address() as AddressInfo;
  return new URL(`http://127.0.0.1:${port}/api/mcp-actions/v1`);
}

/** An MCP session (the SDK's client, streamable HTTP) with these headers. */
export async function connectMcp(
  url: URL,
  headers: Record<string, string>,
): Promise<Client> {
  const client = new Client({ name: 'docker-services-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(url, { requestInit: { headers } }),
  );
  return client;
}

/** One tool call of docker-services, in a session of its own. */
export async function callTool(
  url: URL,
  headers: Record<string, string>,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer> {
  const client = await connectMcp(url, headers);
  try {
    return (await client.callTool({
      name: `docker-services.${name}`,
      arguments: args,
    })) as ToolAnswer;
  } finally {
    await client.close();
  }
}

/** The text of an answer, its parts joined by new lines. */
export const textOf = (answer: ToolAnswer) =>
  answer.content.map(c => c.text ?? '').join('\n');

/**
 * That a tool refused, in these words: the error's name, then the
 * sentence (exactly, or matching a pattern).
 */
export function expectRefusal(answer: ToolAnswer, words: string | RegExp) {
  expect(answer.isError).toBe(true);
  if (typeof words === 'string') {
    expect(textOf(answer)).toBe(words);
  } else {
    expect(textOf(answer)).toMatch(words);
  }
}
