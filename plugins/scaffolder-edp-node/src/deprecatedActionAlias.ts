import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * The same action under its former id, for one release after a rename: templates that still name
 * the old id keep working, and every run says, in the task log (where the template's author looks)
 * and in the backend log (where the portal's operators look), which id to use instead.
 *
 * Register both: `scaffolder.addActions(action, deprecatedActionAlias(action, 'old:id', { logger }))`.
 *
 * @public
 */
export function deprecatedActionAlias<
  TInput extends JsonObject,
  TOutput extends JsonObject,
>(
  action: TemplateAction<TInput, TOutput, 'v2'>,
  formerId: string,
  options: { logger?: LoggerService } = {},
): TemplateAction<TInput, TOutput, 'v2'> {
  const warning = `The action id ${formerId} is deprecated and will be removed in the next release; use ${action.id} (same inputs and outputs).`;
  return {
    ...action,
    id: formerId,
    description: `Deprecated: use ${action.id}. ${
      action.description ?? ''
    }`.trim(),
    // The examples name the new id; a deprecated id should not be copied into new templates.
    examples: [],
    async handler(ctx) {
      ctx.logger.warn(warning);
      options.logger?.warn(`${warning} (task ${ctx.task.id})`);
      await action.handler(ctx);
    },
  };
}
