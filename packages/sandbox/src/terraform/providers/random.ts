/** `random_pet` and `random_id`: values generated once at create and kept stable in state. */
import crypto from 'node:crypto';
import { type ResourceType } from './types';

const ADVERBS = [
  'briefly',
  'calmly',
  'gently',
  'happily',
  'kindly',
  'quickly',
  'quietly',
  'rarely',
  'simply',
  'slowly',
];
const ADJECTIVES = [
  'amazing',
  'brave',
  'clever',
  'eager',
  'fancy',
  'gentle',
  'jolly',
  'lucky',
  'noble',
  'proud',
  'sunny',
  'witty',
];
const NAMES = [
  'badger',
  'cat',
  'dingo',
  'eagle',
  'ferret',
  'gecko',
  'heron',
  'ibis',
  'koala',
  'lemur',
  'marmot',
  'otter',
  'panda',
  'quail',
  'robin',
  'seal',
];

const pick = (words: string[]) => words[crypto.randomInt(words.length)];

export const randomPet: ResourceType = {
  provider: 'random',
  schema: {
    length: { kind: 'number', forceNew: true, default: 2 },
    separator: { kind: 'string', forceNew: true, default: '-' },
    prefix: { kind: 'string', forceNew: true },
    keepers: { kind: 'map', forceNew: true },
    id: { kind: 'string', computed: true },
  },
  validate(config) {
    const n = Number(config.length);
    if (!Number.isInteger(n) || n < 1)
      return ['length', 'length must be a whole number of at least 1'];
    return undefined;
  },
  async create(config) {
    const n = Number(config.length);
    const words =
      n === 1
        ? [pick(NAMES)]
        : [
            ...Array.from({ length: n - 2 }, () => pick(ADVERBS)),
            pick(ADJECTIVES),
            pick(NAMES),
          ];
    if (typeof config.prefix === 'string') words.unshift(config.prefix);
    return { ...config, id: words.join(String(config.separator)) };
  },
  async delete() {},
};

export const randomId: ResourceType = {
  provider: 'random',
  schema: {
    byte_length: { kind: 'number', required: true, forceNew: true },
    prefix: { kind: 'string', forceNew: true },
    keepers: { kind: 'map', forceNew: true },
    id: { kind: 'string', computed: true },
    hex: { kind: 'string', computed: true },
    dec: { kind: 'string', computed: true },
    b64_std: { kind: 'string', computed: true },
    b64_url: { kind: 'string', computed: true },
  },
  validate(config) {
    const n = Number(config.byte_length);
    if (!Number.isInteger(n) || n < 1)
      return [
        'byte_length',
        'byte_length must be a whole number of at least 1',
      ];
    return undefined;
  },
  async create(config) {
    const bytes = crypto.randomBytes(Number(config.byte_length));
    const prefix = typeof config.prefix === 'string' ? config.prefix : '';
    const b64url = bytes.toString('base64url');
    return {
      ...config,
      id: b64url,
      hex: prefix + bytes.toString('hex'),
      dec: prefix + BigInt(`0x${bytes.toString('hex')}`).toString(10),
      b64_std: prefix + bytes.toString('base64'),
      b64_url: prefix + b64url,
    };
  },
  async delete() {},
};
