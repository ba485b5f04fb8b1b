import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { isForgejoError } from '@edp/plugin-forgejo-node';
import type { Response } from 'express';
import { forbiddenProblem, toProblem } from '../problems';

/**
 * Writes a failure the cards render as a state (a denied read, an upstream problem) with the problem
 * body and returns true; leaves every other error (input errors, bugs) to Backstage's error handler.
 */
export function sendProblem(
  res: Response,
  error: unknown,
  logger: LoggerService,
): boolean {
  if (isError(error) && error.name === 'NotAllowedError') {
    const { status, body } = forbiddenProblem(error.message);
    res.status(status).json(body);
    return true;
  }
  if (!isForgejoError(error)) return false;
  const { status, body } = toProblem(error);
  if (status >= 500) logger.warn(`forgejo request failed: ${error.message}`);
  res.status(status).json(body);
  return true;
}

/** Answers with what `produce` returns, or with the problem it failed with. */
export async function answer(
  res: Response,
  logger: LoggerService,
  produce: () => Promise<unknown>,
): Promise<void> {
  try {
    res.json(await produce());
  } catch (e) {
    if (!sendProblem(res, e, logger)) throw e;
  }
}
