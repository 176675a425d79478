import { FastifyPluginAsync } from 'fastify';
import { OnboardingContext } from '../../onboarding/context';
import { shredDue } from '../../onboarding/shredding';
import { allow } from '../auth';

/**
 * The scheduler's daily call (`cordon tenant shred-due` over HTTP): shreds the keys of offboarding
 * tenants whose soft-delete window has ended, under their offboarding's approval. Admin only; 409
 * when a tenant could not be shredded, with every result either way.
 */
export const shreddingRoutes = (ctx: OnboardingContext): FastifyPluginAsync => async (app) => {
  app.post('/v1/shredding', { preHandler: allow('admin') }, async (req, reply) => {
    const results = await shredDue(ctx, req.principal!.principal);
    return reply.code(results.some((r) => r.refused) ? 409 : 200).send({ results });
  });
};
