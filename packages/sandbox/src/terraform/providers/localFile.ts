/** `local_file`: writes a real file, confined to the working directory. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Attributes, ResourceError, type ResourceType } from './types';

function confined(cwd: string, filename: string): string | undefined {
  const full = path.resolve(cwd, filename);
  const rel = path.relative(path.resolve(cwd), full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
    return undefined;
  return full;
}

function contentOf(config: Attributes): string {
  if (typeof config.content === 'string') return config.content;
  if (typeof config.sensitive_content === 'string')
    return config.sensitive_content;
  if (typeof config.content_base64 === 'string')
    return Buffer.from(config.content_base64, 'base64').toString('utf8');
  return '';
}

function digests(content: string) {
  const h = (alg: string, enc: 'hex' | 'base64' = 'hex') =>
    crypto.createHash(alg).update(content).digest(enc);
  return {
    id: h('sha1'),
    content_md5: h('md5'),
    content_sha1: h('sha1'),
    content_sha256: h('sha256'),
    content_sha512: h('sha512'),
    content_base64sha256: h('sha256', 'base64'),
    content_base64sha512: h('sha512', 'base64'),
  };
}

export const localFile: ResourceType = {
  provider: 'local',
  schema: {
    filename: { kind: 'string', required: true, forceNew: true },
    content: { kind: 'string', forceNew: true },
    sensitive_content: { kind: 'string', forceNew: true, sensitive: true },
    content_base64: { kind: 'string', forceNew: true },
    file_permission: { kind: 'string', forceNew: true, default: '0777' },
    directory_permission: { kind: 'string', forceNew: true, default: '0777' },
    id: { kind: 'string', computed: true },
    content_md5: { kind: 'string', computed: true },
    content_sha1: { kind: 'string', computed: true },
    content_sha256: { kind: 'string', computed: true },
    content_sha512: { kind: 'string', computed: true },
    content_base64sha256: { kind: 'string', computed: true },
    content_base64sha512: { kind: 'string', computed: true },
  },
  validate(config, cwd) {
    if (
      typeof config.filename === 'string' &&
      !confined(cwd, config.filename)
    ) {
      return [
        'filename',
        `The filename "${config.filename}" is outside the working directory; the sandbox only writes files inside it.`,
      ];
    }
    const given = ['content', 'sensitive_content', 'content_base64'].filter(
      k => config[k] !== undefined && config[k] !== null,
    );
    if (given.length > 1)
      return [
        given[1],
        `"${given[1]}": only one of content, sensitive_content, content_base64 can be specified`,
      ];
    return undefined;
  },
  read(prior, { cwd }) {
    const full = confined(cwd, String(prior.filename));
    if (!full || !fs.existsSync(full)) return null;
    const current = fs.readFileSync(full, 'utf8');
    // A file changed outside Terraform no longer matches: plan replaces it, as the real provider does.
    return digests(current).id === prior.id ? prior : null;
  },
  async create(config, { cwd }) {
    const full = confined(cwd, String(config.filename));
    if (!full)
      throw new ResourceError(
        'Invalid filename',
        `"${config.filename}" is outside the working directory.`,
        'filename',
      );
    const content = contentOf(config);
    fs.mkdirSync(path.dirname(full), {
      recursive: true,
      mode: parseInt(String(config.directory_permission), 8),
    });
    fs.writeFileSync(full, content, {
      mode: parseInt(String(config.file_permission), 8),
    });
    return { ...config, ...digests(content) };
  },
  async delete(prior, { cwd }) {
    const full = confined(cwd, String(prior.filename));
    if (full) fs.rmSync(full, { force: true });
  },
};
