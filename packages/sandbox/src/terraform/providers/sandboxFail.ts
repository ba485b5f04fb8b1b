/** `sandbox_fail`: a resource that fails on demand, to exercise a failure in the middle of an apply. */
import crypto from 'node:crypto';
import { parseDuration, sleepWithProgress } from './sleep';
import { ResourceError, type ResourceType } from './types';

export const sandboxFail: ResourceType = {
  provider: 'sandbox',
  schema: {
    fail: { kind: 'bool', default: false },
    fail_on_destroy: { kind: 'bool', default: false },
    message: {
      kind: 'string',
      default: 'the sandbox_fail resource was asked to fail',
    },
    delay: { kind: 'string', default: '0s' },
    // Like a provider in the middle of an API call: the first interrupt waits for it to finish.
    finish_on_interrupt: { kind: 'bool', default: false },
    triggers: { kind: 'map', forceNew: true },
    id: { kind: 'string', computed: true },
  },
  validate(config) {
    if (parseDuration(String(config.delay)) === undefined)
      return ['delay', `"${config.delay}" is not a valid duration`];
    return undefined;
  },
  async create(config, ctx) {
    const waitCtx =
      config.finish_on_interrupt === true
        ? { ...ctx, signal: new AbortController().signal }
        : ctx;
    await sleepWithProgress(parseDuration(String(config.delay)) ?? 0, waitCtx);
    if (config.fail === true)
      throw new ResourceError(
        'Failed to create sandbox_fail',
        String(config.message),
      );
    return { ...config, id: crypto.randomBytes(8).toString('hex') };
  },
  async update(prior, config) {
    if (config.fail === true)
      throw new ResourceError(
        'Failed to update sandbox_fail',
        String(config.message),
      );
    return { ...config, id: prior.id };
  },
  async delete(prior) {
    if (prior.fail_on_destroy === true)
      throw new ResourceError(
        'Failed to destroy sandbox_fail',
        String(prior.message),
      );
  },
};
