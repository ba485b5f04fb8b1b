import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** Who started the task, as an audit record names them (never a token). */
export function initiatorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  if (principal.type === 'service') return principal.subject ?? 'service';
  return principal.type;
}

/**
 * Runs `change` inside an auditor event: who (the initiator), what (`eventId`), the target (`meta`),
 * and the outcome — success with `resultMeta`, or failure with the error, a permission denial included.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: AuditorServiceEventSeverityLevel;
    credentials: BackstageCredentials;
    dryRun: boolean;
    meta: JsonObject;
  },
  change: () => Promise<T>,
  resultMeta: (result: T) => JsonObject = () => ({}),
): Promise<T> {
  const record = await auditor.createEvent({
    eventId: event.eventId,
    severityLevel: event.severityLevel,
    meta: {
      initiator: initiatorOf(event.credentials),
      dryRun: event.dryRun,
      ...event.meta,
    },
  });
  let result: T;
  try {
    result = await change();
  } catch (error) {
    await record.fail({ error: error as Error });
    throw error;
  }
  await record.success({ meta: resultMeta(result) });
  return result;
}

/**
 * The same action with its whole run inside an auditor event (initiator, dry-run, task, template and
 * `meta(input)`), for actions whose own code does not record one.
 */
export function withAudit<A extends { handler: (ctx: any) => Promise<void> }>(
  action: A,
  auditor: AuditorService,
  event: {
    eventId: string;
    severityLevel: AuditorServiceEventSeverityLevel;
    meta: (input: Record<string, any>) => JsonObject;
  },
): A {
  return {
    ...action,
    async handler(ctx) {
      await audited(
        auditor,
        {
          eventId: event.eventId,
          severityLevel: event.severityLevel,
          credentials: await ctx.getInitiatorCredentials(),
          dryRun: Boolean(ctx.isDryRun),
          meta: {
            ...event.meta(ctx.input),
            taskId: ctx.task?.id ?? null,
            template: ctx.templateInfo?.entityRef ?? null,
          },
        },
        () => action.handler(ctx),
      );
    },
  };
}
