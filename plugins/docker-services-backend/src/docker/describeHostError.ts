import { EngineTooOldError } from './engineApiVersion';

/**
 * Why a Docker host could not be read, in words for the Services tab. Never
 * Docker's own message or status: those go to the server log only.
 */
export function describeHostError(error: unknown, hostName: string): string {
  const code = (error as { code?: string } | undefined)?.code;
  const name = (error as { name?: string } | undefined)?.name;
  const prefix = `Docker host "${hostName}" is unavailable`;
  if (error instanceof EngineTooOldError) {
    return `${prefix}: its Docker Engine (API ${error.apiVersion}) is too old for this plugin. Docker 20.10 or newer is needed.`;
  }
  if (
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    code === 'ETIMEDOUT'
  ) {
    return `${prefix}: it did not answer in time. It may be overloaded or unreachable.`;
  }
  switch (code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return `${prefix}: no Docker engine is running where it is configured. An administrator can check that Docker runs there.`;
    case 'EACCES':
    case 'EPERM':
      return `${prefix}: the portal is not allowed to connect to it. An administrator can check the socket's permissions.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `${prefix}: its address could not be resolved.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${prefix}: the connection was dropped.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `${prefix}: its TLS certificate was not accepted.`;
    default:
      return `${prefix}: the request failed. Details are in the portal's server log.`;
  }
}
