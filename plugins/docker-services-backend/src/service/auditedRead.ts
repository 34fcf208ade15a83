import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/** Runs a read inside a low-severity auditor event. */
export async function auditedRead<T>(
  auditor: AuditorService,
  options: {
    /** Absent when an assistant reads on a person's behalf (the meta names them). */
    req?: Request;
    eventId: string;
    meta: JsonObject;
  },
  read: () => Promise<T>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'low',
    request: options.req,
    meta: options.meta,
  });
  try {
    const result = await read();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
