import { LogFormat } from './LogResponseWriter';

/** A logs request, validated by the router. Times are UNIX seconds. */
export interface LogQuery {
  tail?: number | 'all';
  since?: string;
  until?: string;
  timestamps: boolean;
  stdout: boolean;
  stderr: boolean;
  follow: boolean;
  format: LogFormat;
}
