import type { Response } from 'express';

/**
 * Answers with what `produce` returns. A failure is thrown on to Backstage's error handler, which
 * answers Backstage's error body with the status of the error's class: a Forgejo failure is a
 * Backstage error carrying its problem code, host and configured hosts (see forgejo-node's
 * ForgejoError), a denied read a NotAllowedError; the cards read both with ResponseError.
 */
export async function answer(
  res: Response,
  produce: () => Promise<unknown>,
): Promise<void> {
  res.json(await produce());
}
