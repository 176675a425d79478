import Fastify, { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { RegistryError } from '../../infra/registry/issues';
import { OnboardingContext, OnboardingError, OnboardingNotFound, OnboardingRefused, RegistrySyncError } from '../onboarding/context';
import { startWarmUp, WarmUp, WarmUpEvent, WarmUpOptions } from '../onboarding/seeds';
import { scheduleShredding, ShredRunEvent, ShredSchedule } from '../onboarding/shred-schedule';
import { authenticate, Principal } from '../onboarding/tokens';
import { AuditError } from '../audit/log';
import { auditRoutes } from './routes/audit';
import { healthRoutes } from './routes/health';
import { requestRoutes } from './routes/requests';
import { shreddingRoutes } from './routes/shredding';
import { tenantRoutes } from './routes/tenants';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface ServerOptions {
  readonly ctx: OnboardingContext;
  /** Requests per minute per token (per address without one). @default 120 */
  readonly rateLimitPerMinute?: number;
  /** pino logger options, or false. Authorization headers are always redacted. @default info to stdout */
  readonly logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /**
   * Synthesizes each cloud's estate in the background when no earlier output seeds its requests
   * (services/onboarding/seeds.ts), once the server listens, so the first request builds only what
   * it changes; logged, and stopped (its unrecorded output removed) when the server closes.
   * @default false (`cordon serve` turns it on)
   */
  readonly warmUp?: boolean | Pick<WarmUpOptions, 'requestWaitMs'>;
  /**
   * Minutes between runs of `shred-due` (services/onboarding/shred-schedule.ts), the first once the
   * server listens: keys are shredded when soft-delete windows end while the server runs. Each run is
   * logged; stopped when the server closes. 0: never. @default 0 (`cordon serve` runs it hourly)
   */
  readonly shredEveryMinutes?: number;
  /** Told of every route registered (method and path), e.g. to check them against the OpenAPI document. */
  readonly onRoute?: (method: string, url: string) => void;
}

/** Largest request body accepted: a tenant entry is well under 4 KiB. */
export const BODY_LIMIT = 64 * 1024;

/**
 * The onboarding HTTP API over the onboarding and audit libraries: routes only, no logic. Every
 * route but /healthz needs a bearer token; `roles` on a route says which roles may call it.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const logger = options.logger === false ? false : { level: 'info', ...(options.logger === true ? {} : options.logger), redact: ['req.headers.authorization'] };
  const app = Fastify({ logger, bodyLimit: BODY_LIMIT });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) options.onRoute?.(method, route.url);
  });
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    req.principal = await authenticate(options.ctx.store, header?.startsWith('Bearer ') ? header.slice(7) : undefined);
  });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 120,
    timeWindow: 60_000,
    keyGenerator: (req) => req.principal?.principal ?? req.ip,
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    if (error instanceof RegistryError) return reply.code(422).send({ error: 'the tenant entry is not valid', errors: error.issues });
    if (error instanceof OnboardingRefused) return reply.code(409).send({ error: error.message });
    if (error instanceof OnboardingError) return reply.code(error instanceof OnboardingNotFound ? 404 : error instanceof RegistrySyncError ? 409 : 400).send({ error: error.message });
    // A broken audit chain is reported, not hidden behind a generic error.
    if (error instanceof AuditError) return reply.code(500).send({ error: error.message });
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    reply.log.error(error);
    return reply.code(500).send({ error: 'internal error' });
  });
  for (const routes of [healthRoutes, tenantRoutes, requestRoutes, shreddingRoutes, auditRoutes]) await app.register(routes(options.ctx));
  if (options.warmUp) {
    const onEvent = (e: WarmUpEvent) => (e.kind === 'failed' ? app.log.warn({ warmUp: e }, 'warm-up failed: requests synthesize everything until one passes') : app.log.info({ warmUp: e }, `warm-up ${e.kind}`));
    // Once listening: a server that never listens (its port taken) starts no thread that would keep its process alive.
    let warmUp: WarmUp | undefined;
    app.addHook('onListen', async () => void (warmUp ??= startWarmUp(options.ctx, { ...(options.warmUp === true ? {} : options.warmUp), onEvent })));
    app.addHook('onClose', async () => warmUp?.cancel());
  }
  if (options.shredEveryMinutes) {
    const everyMs = options.shredEveryMinutes * 60_000;
    const onEvent = (e: ShredRunEvent) => {
      if (e.kind === 'failed') return app.log.error({ shredding: e }, 'scheduled shredding failed; the next run tries again');
      for (const r of e.results) {
        if (r.refused) app.log.warn({ shredding: r }, `scheduled shredding: ${r.tenant} not shredded`);
        else app.log.info({ shredding: { tenant: r.tenant, request: r.request?.id, state: r.request?.state } }, `scheduled shredding: ${r.tenant} shredded`);
      }
    };
    let schedule: ShredSchedule | undefined;
    app.addHook('onListen', async () => void (schedule ??= scheduleShredding(options.ctx, { everyMs, onEvent })));
    app.addHook('onClose', async () => schedule?.stop());
  }
  return app;
}
