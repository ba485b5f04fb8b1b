/** `time_sleep`: takes `create_duration` to create (and `destroy_duration` to destroy). */
import { parseDuration, sleepWithProgress } from './sleep';
import { type ResourceType } from './types';

export const timeSleep: ResourceType = {
  provider: 'time',
  schema: {
    create_duration: { kind: 'string' },
    destroy_duration: { kind: 'string' },
    triggers: { kind: 'map', forceNew: true },
    id: { kind: 'string', computed: true },
  },
  validate(config) {
    for (const key of ['create_duration', 'destroy_duration']) {
      const v = config[key];
      if (
        v !== undefined &&
        v !== null &&
        parseDuration(String(v)) === undefined
      ) {
        return [
          key,
          `"${v}" is not a valid duration; use a number and a unit such as "30s", "1m30s" or "500ms".`,
        ];
      }
    }
    return undefined;
  },
  async create(config, ctx) {
    await sleepWithProgress(
      parseDuration(String(config.create_duration ?? '0')) ?? 0,
      ctx,
    );
    return { ...config, id: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  },
  async update(prior, config) {
    return { ...config, id: prior.id };
  },
  async delete(prior, ctx) {
    await sleepWithProgress(
      parseDuration(String(prior.destroy_duration ?? '0')) ?? 0,
      ctx,
    );
  },
};
