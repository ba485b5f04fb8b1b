/** `terraform_data`: the built-in resource that stores a value (input → output). */
import crypto from 'node:crypto';
import { type ResourceType } from './types';

export const terraformData: ResourceType = {
  provider: 'terraform',
  schema: {
    input: { kind: 'any' },
    triggers_replace: { kind: 'any', forceNew: true },
    output: { kind: 'any', computed: true },
    id: { kind: 'string', computed: true },
  },
  async create(config) {
    return { ...config, output: config.input ?? null, id: crypto.randomUUID() };
  },
  async update(prior, config) {
    return { ...config, output: config.input ?? null, id: prior.id };
  },
  async delete() {},
};
