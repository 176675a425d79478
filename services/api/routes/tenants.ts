import { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { loadRegistryCached } from '../../../infra/registry/load';
import { OnboardingContext } from '../../onboarding/context';
import { requestOffboarding } from '../../onboarding/offboarding';
import { requestOnboarding } from '../../onboarding/onboarding';
import { OnboardingRequest } from '../../store/requests';
import { allow } from '../auth';

/**
 * POST requests a tenant, DELETE its offboarding (`?immediate=true` shreds its keys at once): 201 with
 * the pending request, 409 when the gate refused it; an `Idempotency-Key` replays the first answer.
 * GET reads the registry (kept while its files are unchanged).
 */
export const tenantRoutes = (ctx: OnboardingContext): FastifyPluginAsync => async (app) => {
  const answer = async (req: FastifyRequest, reply: FastifyReply, make: (principal: string) => Promise<OnboardingRequest>) => {
    const key = req.headers['idempotency-key'];
    const principal = req.principal!.principal;
    const earlier = typeof key === 'string' ? await ctx.store.idempotent(principal, key) : undefined;
    if (earlier) return reply.code(200).send(await ctx.store.get(earlier));
    const request = await make(principal);
    if (typeof key === 'string') await ctx.store.rememberIdempotent(principal, key, request.id);
    return reply.code(request.state === 'pending' ? 201 : 409).send(request);
  };
  app.post('/v1/tenants', { preHandler: allow('requester') }, async (req, reply) => {
    const body = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return reply.code(422).send({ error: 'the tenant entry is not valid', errors: [{ file: 'body', path: '', expected: 'a JSON object of tenant fields', received: JSON.stringify(body ?? null).slice(0, 60) }] });
    }
    return answer(req, reply, (principal) => requestOnboarding(ctx, body as Record<string, unknown>, principal));
  });
  app.delete<{ Params: { id: string }; Querystring: { immediate?: string } }>('/v1/tenants/:id', { preHandler: allow('requester') }, async (req, reply) => {
    const immediate = req.query.immediate;
    if (immediate !== undefined && immediate !== 'true' && immediate !== 'false') return reply.code(400).send({ error: `immediate: expected true or false, received "${immediate}"` });
    return answer(req, reply, (principal) => requestOffboarding(ctx, req.params.id, principal, { immediate: immediate === 'true' }));
  });
  app.get('/v1/tenants', { preHandler: allow('requester', 'approver', 'auditor') }, async () => ({ tenants: loadRegistryCached(ctx.registryDir) }));
  app.get<{ Params: { id: string } }>('/v1/tenants/:id', { preHandler: allow('requester', 'approver', 'auditor') }, async (req, reply) => {
    const tenant = loadRegistryCached(ctx.registryDir).find((t) => t.id === req.params.id);
    return tenant ?? reply.code(404).send({ error: `no tenant "${req.params.id}"` });
  });
};
