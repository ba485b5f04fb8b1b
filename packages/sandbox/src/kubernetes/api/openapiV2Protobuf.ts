import YAML from 'yaml';

/**
 * `/openapi/v2` as kubectl asks for it (`Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`):
 * the Swagger document encoded as gnostic's `openapi.v2.Document` message (field numbers from
 * google/gnostic-models openapiv2/OpenAPIv2.proto). kubectl reads only the definitions (and their
 * `x-kubernetes-*` extensions, e.g. the group/version/kind a definition stands for), for
 * `kubectl explain --output plaintext-openapiv2`; paths are left out, as kubectl never reads them.
 */
export const OPENAPI_V2_PROTOBUF =
  'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

/** What the API server answers it with (kube-openapi: the `@` is not valid in a media type Go parses). */
export const OPENAPI_V2_PROTOBUF_RESPONSE =
  'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = Record<string, any>;

/** A protobuf message under construction: fields appended in order. */
class Message {
  private readonly parts: Buffer[] = [];

  private varint(n: number | bigint): void {
    let v = BigInt(n);
    const bytes: number[] = [];
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) b |= 0x80;
      bytes.push(b);
    } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
  }

  private key(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  string(field: number, value: unknown): this {
    if (typeof value !== 'string' || value === '') return this;
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  bytes(field: number, value: Buffer): this {
    this.key(field, 2);
    this.varint(value.length);
    this.parts.push(value);
    return this;
  }

  message(field: number, value: Message | undefined): this {
    return value ? this.bytes(field, value.encode()) : this;
  }

  bool(field: number, value: unknown): this {
    if (value !== true) return this;
    this.key(field, 0);
    this.varint(1);
    return this;
  }

  int64(field: number, value: unknown): this {
    if (typeof value !== 'number' || !Number.isInteger(value) || value === 0)
      return this;
    this.key(field, 0);
    this.varint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  double(field: number, value: unknown): this {
    if (typeof value !== 'number') return this;
    this.key(field, 1);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.parts.push(b);
    return this;
  }

  encode(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** `Any { yaml = 2 }`: gnostic keeps free-form values as YAML text. */
const anyOf = (value: unknown) =>
  new Message().string(2, YAML.stringify(value).trimEnd());

/** `NamedAny` entries for every `x-` key of a JSON object. */
function vendorExtensions(m: Message, field: number, obj: Json): void {
  for (const [name, value] of Object.entries(obj))
    if (name.startsWith('x-'))
      m.message(field, new Message().string(1, name).message(2, anyOf(value)));
}

/** `Schema` (field numbers 1-31 of OpenAPIv2.proto). */
function schema(s: Json): Message {
  const m = new Message()
    .string(1, s.$ref)
    .string(2, s.format)
    .string(3, s.title)
    .string(4, s.description);
  if (s.default !== undefined) m.message(5, anyOf(s.default));
  m.double(6, s.multipleOf)
    .double(7, s.maximum)
    .bool(8, s.exclusiveMaximum)
    .double(9, s.minimum)
    .bool(10, s.exclusiveMinimum)
    .int64(11, s.maxLength)
    .int64(12, s.minLength)
    .string(13, s.pattern)
    .int64(14, s.maxItems)
    .int64(15, s.minItems)
    .bool(16, s.uniqueItems)
    .int64(17, s.maxProperties)
    .int64(18, s.minProperties);
  for (const r of s.required ?? []) m.string(19, r);
  for (const e of s.enum ?? []) m.message(20, anyOf(e));
  if (typeof s.additionalProperties === 'boolean')
    m.message(21, new Message().bool(2, s.additionalProperties));
  else if (s.additionalProperties)
    m.message(21, new Message().message(1, schema(s.additionalProperties)));
  if (s.type)
    m.message(
      22,
      [s.type]
        .flat()
        .reduce((t: Message, v: string) => t.string(1, v), new Message()),
    );
  if (s.items)
    m.message(
      23,
      [s.items]
        .flat()
        .reduce(
          (i: Message, v: Json) => i.message(1, schema(v)),
          new Message(),
        ),
    );
  for (const a of s.allOf ?? []) m.message(24, schema(a));
  if (s.properties) {
    const props = new Message();
    for (const [name, value] of Object.entries(s.properties as Json))
      props.message(1, new Message().string(1, name).message(2, schema(value)));
    m.message(25, props);
  }
  m.string(26, s.discriminator).bool(27, s.readOnly);
  vendorExtensions(m, 31, s);
  return m;
}

/** Encodes a Swagger 2.0 document (JSON) as `openapi.v2.Document`. */
export function encodeOpenApiV2(doc: Json): Buffer {
  const info = new Message()
    .string(1, doc.info?.title)
    .string(2, doc.info?.version);
  const definitions = new Message();
  for (const [name, value] of Object.entries((doc.definitions ?? {}) as Json))
    definitions.message(
      1,
      new Message().string(1, name).message(2, schema(value)),
    );
  const m = new Message()
    .string(1, doc.swagger)
    .message(2, info)
    .message(9, definitions);
  vendorExtensions(m, 16, doc);
  return m.encode();
}
