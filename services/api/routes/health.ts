import { FastifyPluginAsync } from 'fastify';
import * as fs from 'fs';
import * as path from 'path';
import { OnboardingContext } from '../../onboarding/context';
import { ROOT } from '../../toolchain/paths';

/** The API's contract, checked in; a test keeps it equal to the routes the server registers. */
export const OPENAPI_FILE = path.join(ROOT, 'docs', 'openapi.json');

/** Liveness and the OpenAPI document, without a token. */
export const healthRoutes = (_ctx: OnboardingContext): FastifyPluginAsync => async (app) => {
  const openapi = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/v1/openapi.json', async () => openapi);
};
