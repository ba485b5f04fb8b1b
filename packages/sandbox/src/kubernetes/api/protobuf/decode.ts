import { errors } from '../errors';
import { MESSAGES, ROOT_MESSAGES, type FieldSpec } from './messages';

/** Every protobuf body starts with these four bytes, then a `runtime.Unknown` envelope. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

class Reader {
  pos: number;
  constructor(readonly buf: Buffer, start = 0, readonly end = buf.length) {
    this.pos = start;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const b = this.buf[this.pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const len = Number(this.varint());
    if (this.pos + len > this.end) throw new Error('truncated field');
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

const isZero = (v: unknown) => v === '' || v === 0 || v === false;

function scalar(type: string, r: Reader, wire: number): unknown {
  switch (type) {
    case 'string':
      return r.bytes().toString('utf8');
    case 'bytes':
      return r.bytes().toString('base64');
    case 'bool':
      return r.varint() !== 0n;
    case 'int32':
    case 'int64':
      return Number(BigInt.asIntN(64, r.varint()));
    default:
      r.skip(wire);
      return undefined;
  }
}

/** A field of a message type: a nested message, a time, an int-or-string or a quantity. */
function composite(type: string, data: Buffer): unknown {
  if (type === 'time') {
    const t = decodeMessage(data, { 1: ['seconds', 'int64'] });
    if (!t.seconds) return undefined;
    return new Date(Number(t.seconds) * 1000)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }
  if (type === 'quantity')
    return decodeMessage(data, { 1: ['string', 'string'] }).string;
  if (type === 'intOrString') {
    const v = decodeMessage(data, {
      1: ['type', 'int64'],
      2: ['intVal', 'int32'],
      3: ['strVal', 'string'],
    });
    return v.type === 1 ? v.strVal ?? '' : v.intVal ?? 0;
  }
  const spec = MESSAGES[type];
  if (!spec) throw new Error(`no protobuf definition for ${type}`);
  return decodeMessage(data, spec);
}

function mapEntry(data: Buffer, valueType: string): [string, unknown] {
  const r = new Reader(data);
  let key = '';
  let value: unknown = valueType === 'bytes' ? '' : '';
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    if (field === 1) key = r.bytes().toString('utf8');
    else if (field === 2) {
      if (valueType === 'string') value = r.bytes().toString('utf8');
      else if (valueType === 'bytes') value = r.bytes().toString('base64');
      else value = composite(valueType, r.bytes());
    } else r.skip(tag & 7);
  }
  return [key, value];
}

/**
 * Decodes one message into the JSON object Go's encoder would write for it: fields by name,
 * repeated fields as arrays, maps as objects, zero values of non-pointer scalars left out.
 */
function decodeMessage(
  data: Buffer,
  spec: Record<number, FieldSpec>,
): Record<string, any> {
  const out: Record<string, any> = {};
  const r = new Reader(data);
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const field = tag >>> 3;
    const wire = tag & 7;
    const f = spec[field];
    if (!f) {
      r.skip(wire);
      continue;
    }
    const [name, type, flags = ''] = f;
    const mapType = flags.match(/m:(\w+)/)?.[1];
    if (mapType) {
      const [k, v] = mapEntry(r.bytes(), mapType);
      out[name] = { ...(out[name] ?? {}), [k]: v };
      continue;
    }
    let value: unknown;
    if (['string', 'bytes', 'bool', 'int32', 'int64'].includes(type))
      value = scalar(type, r, wire);
    else value = composite(type, r.bytes());
    if (flags.includes('i')) Object.assign(out, value);
    else if (flags.includes('r')) {
      // Packed repeated scalars do not occur in the kinds decoded here.
      out[name] = [...(out[name] ?? []), value];
    } else if (value !== undefined && !(isZero(value) && !flags.includes('p')))
      out[name] = value;
  }
  return out;
}

/**
 * Decodes an `application/vnd.kubernetes.protobuf` request body into the object's JSON form. Only
 * the kinds kubectl sends as protobuf are known; others are refused with 415 like before.
 */
export function decodeKubernetesProtobuf(body: Buffer): Record<string, any> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC))
    throw errors.badRequest(
      'the body of the request was not a Kubernetes protobuf object (missing the "k8s\\x00" prefix)',
    );
  let envelope: Record<string, any>;
  try {
    envelope = decodeMessage(body.subarray(4), {
      1: ['typeMeta', 'TypeMeta'],
      2: ['raw', 'bytes'],
    });
  } catch (e) {
    throw errors.badRequest(
      `the protobuf body could not be decoded: ${(e as Error).message}`,
    );
  }
  const { apiVersion = '', kind = '' } = envelope.typeMeta ?? {};
  const message = ROOT_MESSAGES[`${apiVersion}/${kind}`];
  if (!message)
    throw errors.unsupportedMediaType('application/vnd.kubernetes.protobuf');
  try {
    const obj = decodeMessage(
      Buffer.from(envelope.raw ?? '', 'base64'),
      MESSAGES[message],
    );
    return { apiVersion, kind, ...obj };
  } catch (e) {
    throw errors.badRequest(
      `the protobuf body could not be decoded: ${(e as Error).message}`,
    );
  }
}
