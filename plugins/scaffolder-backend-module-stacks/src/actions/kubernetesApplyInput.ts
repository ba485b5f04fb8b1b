import fs from 'node:fs/promises';
import { InputError } from '@backstage/errors';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  Manifest,
  manifestsFromInput,
  parseManifests,
} from '../kubernetes/manifests';

/** The objects of `manifests` (text or objects) or of the workspace file `manifestPath`: exactly one. */
export async function readManifestInput(
  input: {
    manifests?: string | JsonObject | JsonObject[];
    manifestPath?: string;
  },
  workspacePath: string,
): Promise<Manifest[]> {
  if ((input.manifests === undefined) === (input.manifestPath === undefined)) {
    throw new InputError(
      'Give exactly one of the inputs "manifests" (YAML text or objects) and "manifestPath" (a file in the workspace)',
    );
  }
  let manifests;
  if (input.manifestPath !== undefined) {
    const file = resolveSafeChildPath(workspacePath, input.manifestPath);
    const text = await fs.readFile(file, 'utf8').catch(e => {
      throw new InputError(
        `Input "manifestPath": cannot read ${input.manifestPath}: ${
          e.code ?? e.message
        }`,
      );
    });
    manifests = parseManifests(text, { label: input.manifestPath });
  } else {
    manifests = manifestsFromInput(input.manifests!, {
      label: 'input "manifests"',
    });
  }
  if (manifests.length === 0) {
    throw new InputError('The manifests contain no object to apply');
  }
  return manifests;
}
